//! The facts a citation is made of, taken once from a record so that every style
//! reads the same ones: who wrote to whom, what the item is, its date as the source
//! gives it, where it is held, the digital archive and the translator.

use crate::store::edtf::MONTHS;
use crate::store::schema::{Locator, NamedEntity, Record};

/// A person as a citation needs them: the whole name and its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub full: String,
    /// Everything before the family name ("Lavrentiy"); empty for a single word.
    pub given: String,
    pub family: String,
}

impl Name {
    pub fn parse(full: &str) -> Self {
        let full = full.split_whitespace().collect::<Vec<_>>().join(" ");
        match full.rsplit_once(' ') {
            Some((given, family)) => Name {
                given: given.to_string(),
                family: family.to_string(),
                full: full.clone(),
            },
            None => Name {
                given: String::new(),
                family: full.clone(),
                full,
            },
        }
    }

    /// "Beria, Lavrentiy", for the head of a bibliography entry.
    pub fn inverted(&self) -> String {
        if self.given.is_empty() {
            self.family.clone()
        } else {
            format!("{}, {}", self.family, self.given)
        }
    }
}

/// The record's date, read from its EDTF form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParts {
    /// One set of year, month, day parts, or two for an interval.
    pub parts: Vec<Vec<i32>>,
    pub circa: bool,
    pub uncertain: bool,
    /// The EDTF text as the store has it (`1944~`, `1944/1945`).
    pub edtf: String,
}

/// Where the item is held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holding {
    /// The store says the item has no archival citation (or has no provenance).
    None,
    /// The citation as the source gives it, used whole because the store does not
    /// give both its repository and its locator.
    Verbatim(String),
    /// Built from the parts.
    Parts {
        locator: String,
        collection: Option<String>,
        repository: String,
        place: Option<String>,
    },
}

/// Everything a citation style reads from a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub id: String,
    pub title: String,
    pub doc_type: Option<String>,
    pub authors: Vec<Name>,
    pub recipients: Vec<Name>,
    pub translators: Vec<Name>,
    /// The date as a citation writes it: "October 5, 1945", "ca. 1944", "n.d.".
    pub date_text: String,
    pub date: Option<DateParts>,
    pub holding: Holding,
    /// The locator alone ("f. 9401s, op. 2, d. 10004, ll. 62-63"), when the store splits it.
    pub locator: Option<String>,
    pub repository_name: Option<String>,
    pub repository_abbr: Option<String>,
    pub repository_place: Option<String>,
    pub collection: Option<String>,
    /// The citation exactly as the source gives it, when it is a citation.
    pub citation: Option<String>,
    pub digital_name: Option<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
    pub language: Option<String>,
    pub original_language: Option<String>,
    pub subjects: Vec<String>,
}

/// The store field naming the archival collection ("Boris Nicolaevsky Papers") when
/// the citation does not make it plain; the name is CSL's.
pub const COLLECTION_EXTRA: &str = "archive_collection";

impl Facts {
    pub fn of(record: &Record) -> Self {
        let people = |roles: &[&str]| -> Vec<Name> {
            roles
                .iter()
                .map(|role| named(&record.people, role))
                .find(|names| !names.is_empty())
                .unwrap_or_default()
        };
        let provenance = record.provenance.as_deref();
        let citation = provenance
            .map(|p| without_final_period(p.citation.trim()))
            .filter(|c| is_archival_citation(c));
        let repository = provenance.and_then(|p| p.repository.as_deref());
        let repository_name = repository.and_then(|r| clean(r.name.as_deref()));
        let repository_abbr = repository.and_then(|r| clean(r.abbr.as_deref()));
        let repository_place = repository.and_then(|r| clean(r.place.as_deref()));
        let locator = provenance
            .and_then(|p| p.locator.as_ref())
            .map(locator_text)
            .filter(|l| !l.is_empty());
        let mut collection = record
            .extra
            .get(COLLECTION_EXTRA)
            .and_then(|v| v.as_str())
            .and_then(|s| clean(Some(s)));
        let repository_label = match (&repository_name, &repository_abbr) {
            (Some(name), Some(abbr)) => Some(format!("{name} ({abbr})")),
            (Some(one), None) | (None, Some(one)) => Some(one.clone()),
            (None, None) => None,
        };
        let holding = match (&citation, &locator, &repository_label) {
            (None, _, _) => Holding::None,
            (Some(citation), Some(locator), Some(repository)) => {
                if collection.is_none() {
                    collection = collection_in_citation(
                        citation,
                        &[&repository_name, &repository_abbr, &repository_place],
                    );
                }
                Holding::Parts {
                    locator: locator.clone(),
                    collection: collection.clone(),
                    repository: repository.clone(),
                    place: repository_place.clone(),
                }
            }
            (Some(citation), _, _) => Holding::Verbatim(citation.clone()),
        };
        let mut translators: Vec<String> = provenance
            .map(|p| p.translated_by.clone())
            .unwrap_or_default();
        if translators.is_empty() {
            for text in &record.texts {
                for t in &text.translators {
                    if !translators.contains(t) {
                        translators.push(t.clone());
                    }
                }
            }
        }
        let digital = provenance.and_then(|p| p.digital.as_ref());
        // As the source dates it: Old Style stays Old Style.
        let date = record.source_edtf().and_then(|e| date_parts(e.as_str()));
        Facts {
            id: record.id.clone(),
            title: record.title.trim().to_string(),
            doc_type: clean(record.doc_type.as_deref()),
            authors: people(&["author", "signatory"]),
            recipients: people(&["recipient"]),
            translators: translators.iter().map(|t| Name::parse(t)).collect(),
            date_text: date_text(record, date.as_ref()),
            date,
            holding,
            locator,
            repository_name,
            repository_abbr,
            repository_place,
            collection,
            citation,
            digital_name: digital.and_then(|d| clean(d.name.as_deref().or(d.publisher.as_deref()))),
            url: digital.and_then(|d| clean(d.url.as_deref())),
            summary: clean(record.summary.as_deref()),
            language: record.reading_text().map(|t| t.lang.clone()),
            original_language: clean(record.original_language.as_deref()),
            subjects: record.subjects.clone(),
        }
    }

    /// True when the item is identified by who wrote to whom.
    pub fn is_correspondence(&self) -> bool {
        !self.authors.is_empty() && !self.recipients.is_empty()
    }

    /// True when the store holds a real archival citation for the item.
    pub fn is_archival(&self) -> bool {
        self.holding != Holding::None
    }
}

/// "RGASPI, f. 17, op. 162, d. 37, l. 48." without its period, which the style
/// supplies; a period that ends an abbreviation ("ll.") is kept.
fn without_final_period(citation: &str) -> String {
    match citation.strip_suffix('.') {
        Some(rest) if rest.ends_with(|c: char| c.is_ascii_digit()) => rest.to_string(),
        _ => citation.to_string(),
    }
}

fn clean(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn named(people: &[std::sync::Arc<NamedEntity>], role: &str) -> Vec<Name> {
    people
        .iter()
        .filter(|p| p.role.as_deref() == Some(role))
        .map(|p| Name::parse(&p.name))
        .filter(|n| !n.full.is_empty())
        .collect()
}

/// A store writes "No archival citation known: ..." rather than leave a guess (see the
/// store format); such a text is a statement about the item, not a citation of it.
pub fn is_archival_citation(citation: &str) -> bool {
    let lower = citation.trim().to_lowercase();
    let refusals = [
        "no archival citation",
        "no citation",
        "none",
        "unknown",
        "not known",
        "n/a",
        "citation unknown",
    ];
    // A refusal is a whole phrase: "Nonesuch Papers" is a citation.
    let refuses = |r: &&str| {
        lower
            .strip_prefix(*r)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
    };
    !lower.is_empty() && !refusals.iter().any(refuses)
}

/// The locator in the abbreviations historians write: `f. 9401s, op. 2, d. 10004,
/// ll. 62-63`; `box 12, folder 3`; `vol. 2, p. 170`.
pub fn locator_text(locator: &Locator) -> String {
    let plural = |v: &str| v.contains(['-', '–', ',']);
    let mut parts: Vec<String> = Vec::new();
    let mut push = |label: &str, value: &Option<String>| {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            parts.push(format!("{label} {v}"));
        }
    };
    match locator {
        Locator::FondOpisDelo {
            fond,
            opis,
            delo,
            folios,
        } => {
            push("f.", fond);
            push("op.", opis);
            push("d.", delo);
            let l = if folios.as_deref().is_some_and(plural) {
                "ll."
            } else {
                "l."
            };
            push(l, folios);
        }
        Locator::BoxFolder { r#box, folder } => {
            push("box", r#box);
            push("folder", folder);
        }
        Locator::VolumePage { volume, page } => {
            push("vol.", volume);
            let p = if page.as_deref().is_some_and(plural) {
                "pp."
            } else {
                "p."
            };
            push(p, page);
        }
    }
    parts.join(", ")
}

/// The part of a citation that is neither the repository nor the locator: in
/// "Hoover Institution Library & Archives, Boris Nicolaevsky Papers, Box 12, Folder 3"
/// that is "Boris Nicolaevsky Papers".
fn collection_in_citation(citation: &str, repository: &[&Option<String>]) -> Option<String> {
    let known: Vec<String> = repository
        .iter()
        .filter_map(|r| r.as_deref())
        .map(str::to_lowercase)
        .collect();
    let rest: Vec<&str> = citation
        .trim_end_matches('.')
        .split(", ")
        .map(str::trim)
        .filter(|segment| {
            let lower = segment.to_lowercase();
            !segment.is_empty() && !known.contains(&lower) && !is_locator_segment(&lower)
        })
        .collect();
    (!rest.is_empty()).then(|| rest.join(", "))
}

fn is_locator_segment(lower: &str) -> bool {
    const HEADS: &[&str] = &[
        "f.", "f ", "fond", "op.", "opis", "d.", "delo", "l.", "ll.", "list", "ed. khr.", "box",
        "folder", "file", "vol.", "volume", "p.", "pp.", "page",
    ];
    HEADS.iter().any(|h| lower.starts_with(h)) || lower.chars().all(|c| c.is_ascii_digit())
}

/// The year, month and day numbers of an EDTF date (both ends of an interval);
/// `None` when a side has unspecified digits (`194X`) or is open (`../1945`).
pub fn date_parts(edtf: &str) -> Option<DateParts> {
    let circa = edtf.contains(['~', '%']);
    let uncertain = edtf.contains(['?', '%']);
    let mut parts = Vec::new();
    for side in edtf.split('/') {
        let side = side.trim_matches(['~', '?', '%']);
        let (negative, digits) = match side.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, side),
        };
        let mut numbers = Vec::new();
        for piece in digits.split('-') {
            let piece = piece.trim_matches(['~', '?', '%']);
            numbers.push(piece.parse::<i32>().ok()?);
        }
        if let Some(year) = numbers.first_mut()
            && negative
        {
            *year = -*year;
        }
        // Seasons (21-24) are not months: keep the year only.
        if numbers.get(1).is_some_and(|m| *m > 12) {
            numbers.truncate(1);
        }
        parts.push(numbers);
    }
    Some(DateParts {
        parts,
        circa,
        uncertain,
        edtf: edtf.to_string(),
    })
}

/// The date as the source has it: the store's display form, else the EDTF date in
/// the Manual's words ("October 5, 1945", "October 1945", "ca. 1944"), else "n.d.".
fn date_text(record: &Record, parts: Option<&DateParts>) -> String {
    let text = date_as_written(record, parts);
    if record.is_old_style() && text != "n.d." {
        format!("{text} (O.S.)")
    } else {
        text
    }
}

fn date_as_written(record: &Record, parts: Option<&DateParts>) -> String {
    if let Some(display) = record
        .date
        .as_ref()
        .and_then(|d| clean(d.display.as_deref()))
    {
        return display;
    }
    let Some(edtf) = record.source_edtf() else {
        return "n.d.".to_string();
    };
    let Some(parts) = parts else {
        return edtf.human();
    };
    let words: Vec<String> = parts.parts.iter().map(|p| chicago_day(p)).collect();
    let mut text = words.join("–");
    if parts.uncertain {
        text.push('?');
    }
    if parts.circa {
        text = format!("ca. {text}");
    }
    text
}

fn chicago_day(parts: &[i32]) -> String {
    let month = |m: i32| {
        usize::try_from(m - 1)
            .ok()
            .and_then(|i| MONTHS.get(i))
            .copied()
            .unwrap_or("")
    };
    match parts {
        [year, m, day, ..] => format!("{} {day}, {year}", month(*m)),
        [year, m] => format!("{} {year}", month(*m)),
        [year] => year.to_string(),
        [] => String::new(),
    }
}

/// "A", "A and B", "A, B, and C" (the serial comma, as the Manual has it).
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locators_use_the_abbreviations_historians_write() {
        let fond = Locator::FondOpisDelo {
            fond: Some("9401s".into()),
            opis: Some("2".into()),
            delo: Some("10004".into()),
            folios: Some("7ob".into()),
        };
        assert_eq!(locator_text(&fond), "f. 9401s, op. 2, d. 10004, l. 7ob");
        let pages = Locator::VolumePage {
            volume: Some("2".into()),
            page: Some("170-171".into()),
        };
        assert_eq!(locator_text(&pages), "vol. 2, pp. 170-171");
    }

    #[test]
    fn edtf_dates_become_parts_and_words() {
        let interval = date_parts("1944/1945-03").unwrap();
        assert_eq!(interval.parts, vec![vec![1944], vec![1945, 3]]);
        assert!(date_parts("194X").is_none());
        let spring = date_parts("2001-21").unwrap();
        assert_eq!(spring.parts, vec![vec![2001]]);
        let record: Record = serde_json::from_value(serde_json::json!({
            "id": "r", "title": "T", "date": {"edtf": "1944/1945"}
        }))
        .unwrap();
        assert_eq!(Facts::of(&record).date_text, "1944–1945");
    }

    #[test]
    fn a_refusal_to_cite_is_not_a_citation() {
        assert!(!is_archival_citation(
            "No archival citation known: listed only"
        ));
        assert!(!is_archival_citation("  "));
        assert!(is_archival_citation("GARF, f. 1, op. 2, d. 3, l. 4"));
        assert!(!is_archival_citation("None."));
        assert!(is_archival_citation("Nonesuch Papers, box 1"));
    }

    #[test]
    fn serial_comma_joins_three_names() {
        let names = ["A".to_string(), "B".to_string(), "C".to_string()];
        assert_eq!(join_names(&names), "A, B, and C");
        assert_eq!(join_names(&names[..2]), "A and B");
    }
}
