//! Checks that serde cannot express: ids, uniqueness, references between records
//! and collections, and values outside the known vocabularies.
//!
//! Every check reports a [`Problem`] and keeps as much as it can: a record is only
//! dropped when it has no usable id or title, or repeats an id already seen.

mod links;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

pub(crate) use links::Links;

use super::Problem;
use super::schema::{Archive, Collection, PERSON_ROLES, Record};

/// Ids of records and collections already reported as dropped: references to them
/// are removed without a second report.
#[derive(Debug, Default)]
pub(crate) struct Dropped {
    pub records: HashSet<String>,
    pub collections: HashSet<String>,
}

/// The longest id allowed.
pub const MAX_ID_LEN: usize = 80;

/// An item and where it was read.
#[derive(Debug, Clone)]
pub(crate) struct Located<T> {
    pub item: T,
    /// Relative to the store.
    pub file: Arc<str>,
    pub line: usize,
    /// Fields the parser had to ignore; reported only if the item is kept.
    pub problems: Vec<Problem>,
}

/// Where an item was first seen, for "first seen at records/a.json:3".
#[derive(Debug, Clone)]
pub(crate) struct Place {
    file: Arc<str>,
    line: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

impl<T> Located<T> {
    /// A problem at this item's place.
    fn problem(&self, id: &str, field: Option<&str>, message: String) -> Problem {
        let problem = Problem::error(&*self.file, message)
            .at_line(self.line)
            .with_id(id);
        match field {
            Some(field) => problem.with_field(field),
            None => problem,
        }
    }

    fn place(&self) -> Place {
        Place {
            file: self.file.clone(),
            line: self.line,
        }
    }
}

/// Whether `id` may name a record, collection or archive: `^[a-z0-9][a-z0-9._-]{0,79}$`.
/// Ids become file names and URLs, so nothing else is allowed.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    match bytes.first() {
        Some(first) if first.is_ascii_lowercase() || first.is_ascii_digit() => {}
        _ => return false,
    }
    bytes.len() <= MAX_ID_LEN
        && bytes.iter().all(|&b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// Why `id` is not a valid id.
pub fn id_message(id: &str) -> String {
    format!(
        "bad id {id:?}: ids are 1-{MAX_ID_LEN} characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit, because they are used in file names and URLs"
    )
}

/// A valid id made from a folder or file name ("Wilson Center 1945" -> "wilson-center-1945").
pub fn id_from_name(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-') {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id: String = id
        .trim_start_matches(['.', '_', '-'])
        .chars()
        .take(MAX_ID_LEN)
        .collect();
    if id.is_empty() {
        "store".to_string()
    } else {
        id
    }
}

/// Replaces an unusable archive id or title by ones made from the store's name.
/// `line_of` gives the line of a field of the archive.
pub(crate) fn check_archive(
    archive: &mut Archive,
    file: &str,
    line_of: impl Fn(&str) -> usize,
    store_name: &str,
    problems: &mut Vec<Problem>,
) {
    if !is_valid_id(&archive.id) {
        let replacement = id_from_name(store_name);
        problems.push(
            Problem::error(
                file,
                format!("{}; using {replacement:?}", id_message(&archive.id)),
            )
            .at_line(line_of("id"))
            .with_field("id"),
        );
        archive.id = replacement;
    }
    if archive.title.trim().is_empty() {
        problems.push(
            Problem::error(file, format!("empty title; using {store_name:?}"))
                .at_line(line_of("title"))
                .with_field("title"),
        );
        archive.title = store_name.to_string();
    }
}

/// Checks one record against those kept before it (`first_seen`: where a record with
/// its id was kept, if one was). A record with a bad id, an empty title or an id kept
/// before is dropped, saying why, and its id goes to `dropped` unless it was a repeat.
/// A kept record's own problems and unknown person roles go to `problems`. Returns
/// whether it is kept.
pub(crate) fn check_record(
    located: &mut Located<Record>,
    first_seen: Option<&Place>,
    dropped: &mut HashSet<String>,
    problems: &mut Vec<Problem>,
) -> bool {
    let record = &located.item;
    if !is_valid_id(&record.id) {
        problems.push(located.problem(
            &record.id,
            Some("id"),
            format!("{}; record dropped", id_message(&record.id)),
        ));
        dropped.insert(record.id.clone());
        return false;
    }
    if record.title.trim().is_empty() {
        problems.push(located.problem(
            &record.id,
            Some("title"),
            "empty title; record dropped".into(),
        ));
        dropped.insert(record.id.clone());
        return false;
    }
    if let Some(first) = first_seen {
        problems.push(located.problem(
            &record.id,
            None,
            format!("duplicate id; first seen at {first}; this one dropped"),
        ));
        return false;
    }
    problems.append(&mut located.problems);
    problems.extend(role_warnings(located));
    true
}

fn role_warnings(located: &Located<Record>) -> impl Iterator<Item = Problem> + '_ {
    let record = &located.item;
    record
        .people
        .iter()
        .enumerate()
        .filter_map(move |(i, person)| {
            let role = person.role.as_deref()?;
            if PERSON_ROLES.contains(&role) {
                return None;
            }
            let mut problem = located.problem(
                &record.id,
                Some(&format!("people[{i}].role")),
                format!("unknown role {role:?} (known: {})", PERSON_ROLES.join(", ")),
            );
            problem.severity = super::Severity::Warning;
            Some(problem)
        })
}

/// Drops collections with a bad id, an empty title or an id seen before. Ids of
/// dropped collections go to `dropped`.
pub(crate) fn check_collections(
    collections: Vec<Located<Collection>>,
    dropped: &mut HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Vec<Located<Collection>> {
    let mut seen: HashMap<String, Place> = HashMap::new();
    let mut kept = Vec::with_capacity(collections.len());
    for mut located in collections {
        let collection = &located.item;
        let id = &collection.id;
        if !is_valid_id(id) {
            problems.push(located.problem(
                id,
                Some("id"),
                format!("{}; collection dropped", id_message(id)),
            ));
            dropped.insert(id.clone());
            continue;
        }
        if collection.title.trim().is_empty() {
            problems.push(located.problem(
                id,
                Some("title"),
                "empty title; collection dropped".into(),
            ));
            dropped.insert(id.clone());
            continue;
        }
        if let Some(first) = seen.get(id) {
            problems.push(located.problem(
                id,
                None,
                format!("duplicate collection id; first seen at {first}; this one dropped"),
            ));
            continue;
        }
        seen.insert(id.clone(), located.place());
        problems.append(&mut located.problems);
        kept.push(located);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_pattern() {
        for good in ["a", "0", "beria-1945.10_05", &"a".repeat(80)] {
            assert!(is_valid_id(good), "{good}");
        }
        for bad in [
            "",
            "-a",
            ".a",
            "A",
            "a b",
            "a/b",
            "é",
            &"a".repeat(81),
            "../x",
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn ids_from_names_are_valid() {
        assert_eq!(id_from_name("Wilson Center 1945"), "wilson-center-1945");
        assert_eq!(id_from_name("..//"), "store");
        assert_eq!(id_from_name("Архив"), "store");
        for name in ["", "___x", &"Z".repeat(200), "a b/c"] {
            assert!(is_valid_id(&id_from_name(name)), "{name}");
        }
    }
}
