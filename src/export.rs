//! Records out of a store: a whole single-file store (`json`), JSON Lines, CSV, or one
//! Markdown file per record. `json`, `jsonl` and `csv` are written so that `carrel
//! import` of the export, exported again, gives the same bytes: every value is written
//! as the importer will read it back (trimmed cells, `;` lists, an EDTF column beside
//! the date as written).

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use serde_json::{Map, Value};

use crate::import::csv::NO_CITATION;
use crate::import::locator::repository_abbr;
use crate::store::schema::{Collection, NamedEntity, Record, SCHEMA_VERSION};
use crate::store::{Store, StoreError};

/// The formats `carrel export` writes. The citation formats (CSL-JSON, RIS, biblatex)
/// are one entry per record as `crate::cite` renders it, so that an export and
/// `carrel cite` agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Jsonl,
    Csv,
    Md,
    CslJson,
    Ris,
    Bibtex,
}

/// CSL-JSON as Zotero imports it: one array of items, one item a line.
pub fn write_csl_json(
    store: &Store,
    indices: &[usize],
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    out.write_all(b"[")?;
    for (n, &i) in indices.iter().enumerate() {
        out.write_all(if n == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &crate::cite::csl_item(&store.records[i]))
            .map_err(io::Error::from)?;
    }
    out.write_all(b"\n]\n")?;
    Ok(())
}

/// RIS (Zotero's tags) or biblatex entries, a blank line between two.
pub fn write_entries(
    store: &Store,
    indices: &[usize],
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    for (n, &i) in indices.iter().enumerate() {
        let record = &store.records[i];
        let entry = match format {
            ExportFormat::Bibtex => crate::cite::bibtex_entry(record),
            _ => crate::cite::ris_entry(record),
        };
        if n > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(entry.trim_end().as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Csv(#[from] ::csv::Error),
}

/// A record with its texts' bodies, read from disk when the store left them there.
fn whole(record: &Record) -> Result<std::borrow::Cow<'_, Record>, ExportError> {
    Ok(record.with_full_texts()?)
}

/// The collections that hold any of `indices`, their members cut to those exported
/// (with `total` saying how many the collection has), and the parents they hang from.
pub fn collections_for(store: &Store, indices: &[usize]) -> Vec<Collection> {
    if indices.len() == store.records.len() {
        return store.collections.clone();
    }
    let exported: HashSet<&str> = indices
        .iter()
        .map(|&i| store.records[i].id.as_str())
        .collect();
    let mut wanted: HashSet<String> = store
        .collections
        .iter()
        .filter(|c| c.record_ids.iter().any(|id| exported.contains(id.as_str())))
        .map(|c| c.id.clone())
        .collect();
    // Parents too, so the tree still hangs together.
    loop {
        let parents: Vec<String> = store
            .collections
            .iter()
            .filter(|c| wanted.contains(&c.id))
            .filter_map(|c| c.parent.clone())
            .filter(|p| !wanted.contains(p))
            .collect();
        if parents.is_empty() {
            break;
        }
        wanted.extend(parents);
    }
    store
        .collections
        .iter()
        .filter(|c| wanted.contains(&c.id))
        .map(|c| {
            let mut c = c.clone();
            let held = c.record_ids.len() as u64;
            c.record_ids.retain(|id| exported.contains(id.as_str()));
            if (c.record_ids.len() as u64) < held && c.total.is_none() {
                c.total = Some(held);
            }
            c
        })
        .collect()
}

/// A single-file store: archive, collections, then one record a line.
pub fn write_json(
    store: &Store,
    indices: &[usize],
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    out.write_all(format!("{{\n\"schema_version\": {SCHEMA_VERSION},\n\"archive\": ").as_bytes())?;
    serde_json::to_writer_pretty(&mut *out, &store.archive).map_err(io::Error::from)?;
    out.write_all(b",\n\"collections\": ")?;
    serde_json::to_writer_pretty(&mut *out, &collections_for(store, indices))
        .map_err(io::Error::from)?;
    out.write_all(b",\n\"records\": [")?;
    for (n, &i) in indices.iter().enumerate() {
        out.write_all(if n == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &*whole(&store.records[i])?).map_err(io::Error::from)?;
    }
    out.write_all(b"\n]\n}\n")?;
    Ok(())
}

/// One record a line.
pub fn write_jsonl(
    store: &Store,
    indices: &[usize],
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    for &i in indices {
        serde_json::to_writer(&mut *out, &*whole(&store.records[i])?).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The CSV columns, in order; `extra.NAME` columns follow.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "title",
    "date",
    "edtf",
    "type",
    "summary",
    "language",
    "people",
    "places",
    "subjects",
    "collections",
    "citation",
    "repository",
    "repository name",
    "repository place",
    "classification",
    "url",
    "rights",
    "rights statement",
    "license",
    "text",
    "text language",
    "text role",
    "translators",
];

/// A cell as the importer reads it back: line breaks as `\n`, trimmed.
fn cell(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_string()
}

/// A `;` list, each item as the importer splits it back.
fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|item| cell(&item.replace(';', ",")))
        .filter(|item| !item.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// "Name (role)".
fn entity(entity: &NamedEntity) -> String {
    match &entity.role {
        Some(role) => format!("{} ({})", entity.name.trim(), role.trim()),
        None => entity.name.clone(),
    }
}

/// One row a record; every record's `extra` keys become `extra.NAME` columns.
pub fn write_csv(store: &Store, indices: &[usize], out: &mut dyn Write) -> Result<(), ExportError> {
    let extra_keys: BTreeSet<&str> = indices
        .iter()
        .flat_map(|&i| store.records[i].extra.keys().map(String::as_str))
        .collect();
    let mut writer = ::csv::Writer::from_writer(out);
    let header: Vec<String> = CSV_COLUMNS
        .iter()
        .map(|c| (*c).to_string())
        .chain(extra_keys.iter().map(|k| format!("extra.{k}")))
        .collect();
    writer.write_record(&header)?;
    for &i in indices {
        let record = whole(&store.records[i])?;
        let mut row = csv_row(&record);
        for key in &extra_keys {
            row.push(match record.extra.get(*key) {
                None => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            });
        }
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

fn csv_row(record: &Record) -> Vec<String> {
    let opt = |s: Option<&str>| s.map(cell).unwrap_or_default();
    let date = record.date.as_ref();
    let provenance = record.provenance.as_deref();
    let repository = provenance.and_then(|p| p.repository.as_deref());
    let url = provenance.and_then(|p| p.digital.as_ref()?.url.as_deref());
    let citation = provenance.map(|p| cell(&p.citation)).unwrap_or_default();
    let citation = if citation.is_empty() && (url.is_some() || repository.is_some()) {
        NO_CITATION.to_string()
    } else {
        citation
    };
    let abbr = repository
        .and_then(|r| r.abbr.as_deref())
        .map(cell)
        .filter(|a| !a.is_empty())
        .or_else(|| repository_abbr(&citation).map(str::to_string))
        .unwrap_or_default();
    let text = crate::store::schema::reading_text_index(&record.texts)
        .map(|i| &record.texts[i])
        .filter(|t| !cell(&t.body).is_empty());
    let rights = record.rights.as_deref();
    vec![
        cell(&record.id),
        cell(&record.title),
        opt(date.and_then(|d| d.display.as_deref())),
        opt(date.and_then(|d| d.edtf.as_ref()).map(|e| e.as_str())),
        opt(record.doc_type.as_deref()),
        opt(record.summary.as_deref()),
        opt(record.original_language.as_deref()),
        list(
            record
                .people
                .iter()
                .map(|p| entity(p))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        ),
        list(
            record
                .places
                .iter()
                .map(|p| entity(p))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        ),
        list(record.subjects.iter().map(String::as_str)),
        list(record.collections.iter().map(String::as_str)),
        citation,
        abbr,
        opt(repository.and_then(|r| r.name.as_deref())),
        opt(repository.and_then(|r| r.place.as_deref())),
        opt(provenance.and_then(|p| p.classification.as_deref())),
        opt(url),
        rights
            .map(|r| rights_word(r.status).to_string())
            .unwrap_or_default(),
        opt(rights.and_then(|r| r.statement.as_deref())),
        opt(rights.and_then(|r| r.license.as_deref())),
        opt(text.map(|t| t.body.as_str())),
        opt(text.map(|t| t.lang.as_str())),
        text.map(|t| t.role.as_str().to_string())
            .unwrap_or_default(),
        list(
            text.iter()
                .flat_map(|t| t.translators.iter().map(String::as_str)),
        ),
    ]
}

fn rights_word(status: crate::store::schema::RightsStatus) -> &'static str {
    use crate::store::schema::RightsStatus;
    match status {
        RightsStatus::PublicDomain => "public-domain",
        RightsStatus::OpenLicense => "open-license",
        RightsStatus::SeeStatement => "see-statement",
        RightsStatus::Unknown => "unknown",
    }
}

/// One Markdown file a record, `<id>.md` in `dir`: YAML front matter with every field
/// but the texts, then the reading text. `carrel import DIR` reads them back.
pub fn write_md(store: &Store, indices: &[usize], dir: &Path) -> Result<usize, ExportError> {
    fs::create_dir_all(dir)?;
    for &i in indices {
        let record = whole(&store.records[i])?;
        let text = md_file(&record)?;
        fs::write(dir.join(format!("{}.md", record.id)), text)?;
    }
    Ok(indices.len())
}

/// The Markdown file of one record.
pub fn md_file(record: &Record) -> Result<String, ExportError> {
    let mut front = match serde_json::to_value(record).map_err(io::Error::from)? {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    front.remove("texts");
    let text = crate::store::schema::reading_text_index(&record.texts).map(|i| &record.texts[i]);
    if let Some(text) = text {
        front.insert("text_language".into(), Value::String(text.lang.clone()));
        front.insert("text_role".into(), Value::String(text.role.as_str().into()));
        if !text.translators.is_empty() {
            front.insert("translators".into(), Value::from(text.translators.clone()));
        }
    }
    let yaml = serde_yaml_ng::to_string(&Value::Object(front)).map_err(io::Error::other)?;
    let mut out = format!("---\n{yaml}---\n");
    if let Some(text) = text {
        out.push('\n');
        out.push_str(text.body.trim_end());
        out.push('\n');
    }
    Ok(out)
}
