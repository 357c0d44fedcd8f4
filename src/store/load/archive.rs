//! The archive description and the schema version that guards the whole store.

use std::path::Path;

use serde_json::Value;

use super::lenient::{Lenient, bare_message};
use super::scan::{self, Member, Span};
use crate::store::schema::{Archive, SCHEMA_VERSION};
use crate::store::validate;
use crate::store::{Problem, StoreError};

/// Refuses a store written for a newer carrel, and a schema_version that is not a
/// whole number from 1 up.
pub(crate) fn check_version(bytes: &[u8], version: Span, path: &Path) -> Result<(), StoreError> {
    let text = &bytes[version.start..version.end];
    let malformed = |message: String| StoreError::Malformed {
        path: path.to_path_buf(),
        line: version.line,
        column: version.column,
        message,
    };
    match serde_json::from_slice::<Value>(text)
        .ok()
        .and_then(|v| v.as_u64())
    {
        Some(found) if found > u64::from(SCHEMA_VERSION) => Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            known: SCHEMA_VERSION,
        }),
        Some(0) => Err(malformed(
            "schema_version 0 does not exist; versions start at 1".into(),
        )),
        Some(_) => Ok(()),
        None => Err(malformed(format!(
            "schema_version must be a whole number such as {SCHEMA_VERSION}, not {}",
            String::from_utf8_lossy(text)
        ))),
    }
}

/// The member called `key`, if any.
pub(crate) fn member<'m>(members: &'m [Member], key: &str) -> Option<&'m Member> {
    members.iter().find(|m| m.key == key)
}

/// The archive a store gets when its own description is missing or unreadable.
pub(crate) fn stand_in(store_name: &str) -> Archive {
    Archive {
        schema_version: SCHEMA_VERSION,
        id: validate::id_from_name(store_name),
        title: store_name.to_string(),
        ..Archive::default()
    }
}

fn how<'a>(file: &'a str, fallbacks: &'a [(&'a str, &'a str)]) -> Lenient<'a> {
    Lenient {
        file,
        noun: "archive",
        fallbacks,
    }
}

/// `archive.json` of a folder store (`None` when absent). `path` is its path, for errors.
pub(crate) fn archive_file(
    bytes: Option<&[u8]>,
    path: &Path,
    store_name: &str,
    problems: &mut Vec<Problem>,
) -> Result<Archive, StoreError> {
    const FILE: &str = "archive.json";
    let Some(bytes) = bytes else {
        problems.push(Problem::error(
            FILE,
            format!("missing: the store opens under its folder name {store_name:?}"),
        ));
        return Ok(stand_in(store_name));
    };
    let whole = scan::whole(bytes);
    let (members, _) = scan::object_members(bytes, whole);
    let version = member(&members, "schema_version");
    if let Some(version) = version {
        check_version(bytes, version.value, path)?;
    }
    let value = match serde_json::from_slice::<Value>(&bytes[whole.start..]) {
        Ok(value) => value,
        Err(error) => {
            problems.push(
                Problem::error(
                    FILE,
                    format!(
                        "not valid JSON ({}); the store opens under its folder name",
                        bare_message(&error)
                    ),
                )
                .at_line(error.line().max(1))
                .at_column(error.column().max(1)),
            );
            return Ok(stand_in(store_name));
        }
    };
    if !value.is_object() {
        return Err(StoreError::NotAStore {
            path: path.to_path_buf(),
            why: "archive.json must hold a JSON object `{\"schema_version\": 1, ...}`".into(),
        });
    }
    if version.is_none() {
        return Err(StoreError::NotAStore {
            path: path.to_path_buf(),
            why: format!(
                "archive.json has no schema_version; a store's archive.json starts {{\"schema_version\": {SCHEMA_VERSION}, ...}}"
            ),
        });
    }
    let id = validate::id_from_name(store_name);
    let fallbacks = [("id", id.as_str()), ("title", store_name)];
    let parsed = how(FILE, &fallbacks).parse::<Archive>(bytes, scan::trim(bytes, whole));
    problems.extend(parsed.problems);
    let mut archive = parsed.value.unwrap_or_else(|| stand_in(store_name));
    let line_of = |key: &str| member(&members, key).map_or(1, |m| m.value.line);
    validate::check_archive(&mut archive, FILE, line_of, store_name, problems);
    Ok(archive)
}

/// The `archive` object of a single-file store, whose schema_version sits beside it.
pub(crate) fn archive_member(
    bytes: &[u8],
    span: Option<Span>,
    file: &str,
    store_name: &str,
    problems: &mut Vec<Problem>,
) -> Archive {
    let Some(span) = span else {
        problems.push(Problem::error(
            file,
            format!("no \"archive\" object: the store opens under the name {store_name:?}"),
        ));
        return stand_in(store_name);
    };
    let value = match serde_json::from_slice::<Value>(&bytes[span.start..span.end]) {
        Ok(Value::Object(mut map)) => {
            map.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
            Value::Object(map)
        }
        Ok(_) => {
            problems.push(
                Problem::error(file, "archive must be an object `{...}`; ignored")
                    .at_line(span.line)
                    .with_field("archive"),
            );
            return stand_in(store_name);
        }
        Err(error) => {
            let line = span.line + error.line().saturating_sub(1);
            problems.push(
                Problem::error(
                    file,
                    format!("not valid JSON ({}); ignored", bare_message(&error)),
                )
                .at_line(line)
                .with_field("archive"),
            );
            return stand_in(store_name);
        }
    };
    let id = validate::id_from_name(store_name);
    let fallbacks = [("id", id.as_str()), ("title", store_name)];
    let parsed = how(file, &fallbacks).parse_value::<Archive>(value, span.line);
    problems.extend(parsed.problems.into_iter().map(|p| {
        let field = p
            .field
            .clone()
            .map_or("archive".into(), |f| format!("archive.{f}"));
        p.with_field(field)
    }));
    let mut archive = parsed.value.unwrap_or_else(|| stand_in(store_name));
    let (members, _) = scan::object_members(bytes, span);
    let line_of = |key: &str| member(&members, key).map_or(span.line, |m| m.value.line);
    let mut checked = Vec::new();
    validate::check_archive(&mut archive, file, line_of, store_name, &mut checked);
    problems.extend(checked.into_iter().map(in_archive));
    archive
}

/// A problem of a single-file store's archive names its field as `archive.title`.
fn in_archive(problem: Problem) -> Problem {
    let field = problem
        .field
        .as_ref()
        .map_or_else(|| "archive".to_string(), |f| format!("archive.{f}"));
    problem.with_field(field)
}
