//! CSV and TSV with a header row: one record a row, columns mapped by name.
//!
//! Column names are matched case-, space- and underscore-insensitively against the
//! names people use ("Call number", "Transcription", "Tags"); `--map COLUMN=FIELD`
//! overrides; a column `extra.NAME` and every unmapped column go into `extra`
//! verbatim. Rows are read one at a time, so a 100 MB sheet costs one row of memory.

use std::collections::HashSet;
use std::io::Read;
use std::sync::Arc;

use serde_json::Value;

use self::columns::field_of_column;
pub use self::columns::{Field, map_field};
use super::dates::read_date;
use super::ids::{derived_id, unique};
use super::locator::{parse_locator, repository_abbr};
use super::{Found, Sink};
use crate::store::schema::{
    Collection, DigitalSource, NamedEntity, Provenance, Record, Repository, Rights, RightsStatus,
    Text, TextRole,
};
use crate::store::validate::{id_from_name, is_valid_id};
use crate::store::{Edtf, Problem};

/// How to read a sheet.
pub struct CsvOptions<'a> {
    /// `b','` or `b'\t'`.
    pub delimiter: u8,
    pub map: &'a [(String, String)],
    /// Reads a "Text file" cell (a path relative to the sheet).
    pub read_text_file: &'a dyn Fn(&str) -> Result<String, String>,
}

/// Reads every row of a sheet into `sink`.
pub fn parse(file: &str, input: impl Read, options: &CsvOptions<'_>, sink: &mut dyn Sink) {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(options.delimiter)
        .flexible(true)
        .from_reader(input);
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(error) => {
            sink.problem(csv_problem(file, &error));
            return;
        }
    };
    let fields: Vec<Field> = headers
        .iter()
        .map(|h| field_of_column(h.trim_start_matches('\u{feff}'), options.map))
        .collect();
    if !fields.contains(&Field::Title) {
        sink.problem(
            Problem::error(
                file,
                "no Title column: every record needs a title (or name one with --map COLUMN=title)",
            )
            .at_line(1),
        );
        return;
    }
    let mut rows = Rows {
        file: Arc::from(file),
        fields,
        options,
        taken: HashSet::new(),
        new_collections: HashSet::new(),
    };
    let mut row = ::csv::StringRecord::new();
    let mut count = 0u64;
    loop {
        match reader.read_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                sink.problem(csv_problem(file, &error));
                if matches!(error.kind(), ::csv::ErrorKind::Io(_)) {
                    return;
                }
                continue;
            }
        }
        count += 1;
        if count.is_multiple_of(1024) {
            sink.progress(row.position().map_or(0, |p| p.byte()));
        }
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = row.position().map_or(0, |p| p.line() as usize);
        rows.record(&row, line, sink);
    }
    sink.progress(reader.position().byte());
}

fn csv_problem(file: &str, error: &::csv::Error) -> Problem {
    let message = match error.kind() {
        ::csv::ErrorKind::Utf8 { err, .. } => format!(
            "not UTF-8 text in field {} (save the sheet as \"CSV UTF-8\"); row skipped",
            err.field() + 1
        ),
        _ => format!("{error}"),
    };
    let mut problem = Problem::error(file, message);
    if let Some(position) = error.position() {
        problem = problem.at_line(position.line() as usize);
    }
    problem
}

struct Rows<'a> {
    file: Arc<str>,
    fields: Vec<Field>,
    options: &'a CsvOptions<'a>,
    /// Ids given or derived so far in this sheet.
    taken: HashSet<String>,
    /// Collections made from titles in the Collection column.
    new_collections: HashSet<String>,
}

/// "Name (role)" -> the entity; "Name" alone has no role.
pub fn parse_entity(item: &str, role: Option<&str>) -> NamedEntity {
    let item = item.trim();
    if let Some(open) = item.rfind(" (")
        && let Some(inner) = item[open + 2..].strip_suffix(')')
        && !inner.is_empty()
        && inner.chars().all(|c| c.is_lowercase() || c == ' ')
    {
        return NamedEntity {
            name: item[..open].trim().to_string(),
            role: Some(inner.to_string()),
            alt: Vec::new(),
        };
    }
    NamedEntity {
        name: item.to_string(),
        role: role.map(str::to_string),
        alt: Vec::new(),
    }
}

/// `;`-separated items, trimmed, empty ones left out.
pub fn list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

impl Rows<'_> {
    fn record(&mut self, row: &::csv::StringRecord, line: usize, sink: &mut dyn Sink) {
        let mut found = Found::new(Record::default(), &self.file, line);
        let mut record = Record::default();
        let mut citation: Vec<&str> = Vec::new();
        let mut repository = Repository::default();
        let mut digital_url = None;
        let mut classification = None;
        let mut rights_cell = None;
        let mut statement = None;
        let mut license = None;
        let mut body = None;
        let mut text_lang = None;
        let mut text_role = None;
        let mut translators = Vec::new();
        let mut date_cell = None;
        let mut edtf_cell = None;
        let mut problems: Vec<(String, usize, String)> = Vec::new();
        if row.len() > self.fields.len() {
            problems.push((
                "row".into(),
                self.fields.len() + 1,
                format!(
                    "{} fields where the header has {}: the extra ones are not read",
                    row.len(),
                    self.fields.len()
                ),
            ));
        }
        let fields = std::mem::take(&mut self.fields);
        for (index, (field, cell)) in fields.iter().zip(row.iter()).enumerate() {
            let column = index + 1;
            let value = cell.trim();
            if value.is_empty() {
                continue;
            }
            match field {
                Field::Id => record.id = value.to_string(),
                Field::Title => record.title = value.to_string(),
                Field::Date => date_cell = Some((value, column)),
                Field::Edtf => edtf_cell = Some((value, column)),
                Field::DocType => record.doc_type = Some(value.to_string()),
                Field::Summary => record.summary = Some(paragraphs(value)),
                Field::Text => body = Some(paragraphs(value)),
                Field::TextFile => match (self.options.read_text_file)(value) {
                    Ok(text) => body = Some(paragraphs(&text)),
                    Err(why) => problems.push(("texts".into(), column, why)),
                },
                Field::TextLanguage => text_lang = Some(value.to_string()),
                Field::TextRole => match value.to_lowercase().as_str() {
                    "original" => text_role = Some(TextRole::Original),
                    "translation" => text_role = Some(TextRole::Translation),
                    "transcript" | "transcription" => text_role = Some(TextRole::Transcript),
                    other => problems.push((
                        "texts.role".into(),
                        column,
                        format!(
                            "unknown text role {other:?} (original, translation or transcript)"
                        ),
                    )),
                },
                Field::Translators => translators.extend(list(value).map(str::to_string)),
                Field::People => record
                    .people
                    .extend(list(value).map(|p| Arc::new(parse_entity(p, None)))),
                Field::Author => record
                    .people
                    .extend(list(value).map(|p| Arc::new(parse_entity(p, Some("author"))))),
                Field::Recipient => record
                    .people
                    .extend(list(value).map(|p| Arc::new(parse_entity(p, Some("recipient"))))),
                Field::Places => record
                    .places
                    .extend(list(value).map(|p| Arc::new(parse_entity(p, None)))),
                Field::Subjects => record.subjects.extend(list(value).map(str::to_string)),
                Field::Citation => citation.push(value),
                Field::Repository => repository.abbr = Some(value.to_string()),
                Field::RepositoryName => repository.name = Some(value.to_string()),
                Field::RepositoryPlace => repository.place = Some(value.to_string()),
                Field::Classification => classification = Some(value.to_string()),
                Field::Language => record.original_language = Some(value.to_string()),
                Field::Collection => {
                    for item in list(value) {
                        let id = self.collection_id(item, sink);
                        if !record.collections.contains(&id) {
                            record.collections.push(id);
                        }
                    }
                }
                Field::Url => digital_url = Some(value.to_string()),
                Field::Rights => rights_cell = Some(value),
                Field::RightsStatement => statement = Some(value.to_string()),
                Field::License => license = Some(value.to_string()),
                Field::Extra(key) => {
                    record
                        .extra
                        .insert(key.clone(), Value::String(cell.to_string()));
                }
                Field::Ignore => {}
            }
        }
        self.fields = fields;
        record.date = self.date(date_cell, edtf_cell, &mut problems);
        if let Some(body) = body {
            let lang = text_lang
                .or_else(|| record.original_language.clone())
                .unwrap_or_else(|| "und".to_string());
            record.texts.push(Text {
                lang,
                role: text_role.unwrap_or(TextRole::Transcript),
                translators,
                body,
            });
        }
        let citation = citation.join(", ");
        if !citation.is_empty() || digital_url.is_some() || repository != Repository::default() {
            if repository.abbr.is_none() {
                repository.abbr = repository_abbr(&citation).map(str::to_string);
            }
            record.provenance = Some(Box::new(Provenance {
                locator: parse_locator(&citation),
                citation: if citation.is_empty() {
                    NO_CITATION.to_string()
                } else {
                    citation
                },
                repository: (repository != Repository::default()).then(|| Arc::new(repository)),
                classification,
                digital: digital_url.map(|url| DigitalSource {
                    url: Some(url),
                    ..DigitalSource::default()
                }),
                ..Provenance::default()
            }));
        }
        record.rights = rights(rights_cell, statement, license).map(Arc::new);
        if record.id.is_empty() && !record.title.is_empty() {
            let id = derived_id(record.date.as_ref(), &record.title);
            record.id = unique(id, |id| self.taken.contains(id));
        }
        self.taken.insert(record.id.clone());
        found.record = record;
        for (field, column, message) in problems {
            found.error(&field, Some(column), message);
        }
        sink.record(found);
    }

    /// The date from the Date column (read) and the EDTF column (taken as is).
    fn date(
        &self,
        date_cell: Option<(&str, usize)>,
        edtf_cell: Option<(&str, usize)>,
        problems: &mut Vec<(String, usize, String)>,
    ) -> Option<crate::store::schema::RecordDate> {
        if let Some((edtf, column)) = edtf_cell {
            return match Edtf::parse(edtf) {
                Ok(edtf) => Some(crate::store::schema::RecordDate {
                    edtf: Some(edtf),
                    display: date_cell.map(|(d, _)| d.to_string()),
                    ..crate::store::schema::RecordDate::default()
                }),
                Err(error) => {
                    problems.push(("date.edtf".into(), column, error.to_string()));
                    None
                }
            };
        }
        let (written, column) = date_cell?;
        if self.fields.contains(&Field::Edtf) {
            // A sheet that gives the EDTF date itself keeps Date as the written form.
            return Some(crate::store::schema::RecordDate {
                edtf: None,
                display: Some(written.to_string()),
                ..crate::store::schema::RecordDate::default()
            });
        }
        match read_date(written) {
            Ok(date) => date,
            Err(error) => {
                problems.push(("date".into(), column, error.to_string()));
                None
            }
        }
    }

    /// A collection id as written, or one made from a title (the collection is announced once).
    fn collection_id(&mut self, item: &str, sink: &mut dyn Sink) -> String {
        if is_valid_id(item) {
            return item.to_string();
        }
        let id = id_from_name(item);
        if self.new_collections.insert(id.clone()) {
            sink.collection(Collection {
                id: id.clone(),
                title: item.to_string(),
                ..Collection::default()
            });
        }
        id
    }
}

/// The citation of a record known only by its URL: the store requires one, and says
/// so in words rather than leave a guess.
pub const NO_CITATION: &str = "No archival citation given";

/// Line breaks of a cell as the store writes them.
fn paragraphs(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_string()
}

/// The Rights column: a status word (`public-domain`, `open-license`, ...) or a statement.
fn rights(
    cell: Option<&str>,
    statement: Option<String>,
    license: Option<String>,
) -> Option<Rights> {
    if cell.is_none() && statement.is_none() && license.is_none() {
        return None;
    }
    let status_word = cell.and_then(|c| match c.to_lowercase().replace(' ', "-").as_str() {
        "public-domain" => Some(RightsStatus::PublicDomain),
        "open-license" | "open-licence" => Some(RightsStatus::OpenLicense),
        "see-statement" => Some(RightsStatus::SeeStatement),
        "unknown" => Some(RightsStatus::Unknown),
        _ => None,
    });
    let statement = match (status_word, cell) {
        (None, Some(text)) => Some(statement.map_or(text.to_string(), |s| format!("{text} {s}"))),
        _ => statement,
    };
    let status = status_word.unwrap_or(match (&license, &statement) {
        (Some(_), _) => RightsStatus::OpenLicense,
        (None, Some(_)) => RightsStatus::SeeStatement,
        (None, None) => RightsStatus::Unknown,
    });
    Some(Rights {
        status,
        license,
        statement,
    })
}

mod columns;
#[cfg(test)]
mod tests;
