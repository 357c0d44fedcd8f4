//! A single-file store: `{"schema_version": 1, "archive": {...}, "collections": [...],
//! "records": [...]}`. Positions in problems are lines of the big file itself.

use std::path::Path;

use super::archive::{self, member};
use super::assemble::Assembler;
use super::items::{self, Items};
use super::scan;
use super::{Loaded, finish};
use crate::store::schema::SCHEMA_VERSION;
use crate::store::{Problem, StoreError};

/// `home` is the file on disk, when the bytes were read from one.
pub(super) fn load(
    file: &str,
    bytes: &[u8],
    path: &Path,
    home: items::Home<'_>,
) -> Result<Loaded, StoreError> {
    let whole = scan::whole(bytes);
    let (mut members, slip) = scan::object_members(bytes, whole);
    let not_a_store = |why: String| StoreError::NotAStore {
        path: path.to_path_buf(),
        why,
    };
    let Some(version) = member(&members, "schema_version") else {
        return Err(not_a_store(match scan::first_byte(bytes, whole) {
            None => "the file is empty".into(),
            Some(b'{') => format!(
                "no schema_version; a single-file store starts {{\"schema_version\": {SCHEMA_VERSION}, \"archive\": {{...}}, \"records\": [...]}}"
            ),
            Some(_) => "not a JSON object; a store is a folder holding archive.json and records/, or one JSON file {\"schema_version\": 1, ...}".into(),
        }));
    };
    archive::check_version(bytes, version.value, path)?;
    let archive_span = member(&members, "archive").map(|m| m.value);
    let records_span = member(&members, "records").map(|m| m.value);
    if archive_span.is_none() && records_span.is_none() && member(&members, "title").is_some() {
        return Err(not_a_store(
            "this is the archive.json of a folder store: open the folder that holds it".into(),
        ));
    }

    let mut problems = Vec::new();
    if let Some(slip) = slip {
        problems.push(
            Problem::error(
                file,
                format!("{}; the rest of the file is not read", slip.message),
            )
            .at_line(slip.line)
            .at_column(slip.column),
        );
    }
    let store_name = file.strip_suffix(".json").unwrap_or(file);
    let archive = archive::archive_member(bytes, archive_span, file, store_name, &mut problems);
    let mut take = |key: &str| {
        let member = members.iter_mut().find(|m| m.key == key)?;
        Some((member.value, member.elements.take()))
    };
    let collections = match take("collections") {
        Some((span, elements)) => items::collections(file, bytes, span, elements),
        None => Items::default(),
    };
    let records = match take("records") {
        Some((_, Some(elements))) => items::records_array(file, bytes, elements, home),
        Some((span, None)) => {
            problems.push(
                Problem::error(file, "records must be an array `[...]`; no records loaded")
                    .at_line(scan::trim(bytes, span).line)
                    .with_field("records"),
            );
            Items::default()
        }
        None => {
            problems.push(Problem::warning(
                file,
                "no \"records\" array: the store is empty",
            ));
            Items::default()
        }
    };
    Ok(finish(
        archive,
        Assembler::new(collections, problems),
        vec![records],
    ))
}
