//! RIS as Zotero writes and reads it (its translator's tags, not the RIS
//! specification's): `DB` the archive, `AN` the archive location (`AV` read too),
//! `A2` a letter's recipient, `A4` the translator, `N1` notes, `UR` / `Y2` the URL and
//! when it was accessed.

use std::collections::HashSet;

use super::{Item, Sink};
use crate::import::Found;
use crate::import::dates::read_date;
use crate::store::Problem;
use crate::store::schema::{Record, RecordDate};

/// Zotero's RIS types and the item types they stand for.
fn kind(ty: &str) -> String {
    match ty {
        "MANSCPT" | "UNPB" => "manuscript",
        "PCOMM" | "LETTER" => "letter",
        "RPRT" => "report",
        "GEN" => "document",
        "GOVDOC" => "document",
        "INTV" | "INTERVIEW" => "interview",
        "BOOK" => "book",
        "CHAP" => "book section",
        "JOUR" => "journal article",
        "NEWS" => "newspaper article",
        "MAP" => "map",
        "ART" => "artwork",
        "SOUND" => "audio recording",
        other => return other.to_lowercase(),
    }
    .to_string()
}

/// An RIS date: "1945/10/05/", "1945/10//", "1945", or a date as written.
fn ris_date(value: &str) -> Result<Option<RecordDate>, String> {
    let parts: Vec<&str> = value.split('/').collect();
    if parts.len() > 1 && parts[0].len() == 4 && parts[0].bytes().all(|b| b.is_ascii_digit()) {
        let numbers: Vec<&str> = parts[1..3.min(parts.len())]
            .iter()
            .copied()
            .take_while(|p| !p.is_empty())
            .collect();
        let edtf = std::iter::once(parts[0])
            .chain(numbers.iter().copied())
            .map(|p| format!("{p:0>2}"))
            .collect::<Vec<_>>()
            .join("-");
        return crate::store::Edtf::parse(&edtf)
            .map(|e| {
                Some(RecordDate {
                    edtf: Some(e),
                    display: None,
                    ..RecordDate::default()
                })
            })
            .map_err(|e| e.to_string());
    }
    read_date(value).map_err(|e| e.to_string())
}

/// Every item of an RIS file into `sink`; each problem at its line.
pub fn parse_ris(file: &str, text: &str, sink: &mut dyn Sink) {
    let mut taken = HashSet::new();
    let mut current: Option<(Item, Found, bool)> = None;
    let mut last_tag = String::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let raw = raw.trim_start_matches('\u{feff}').trim_end();
        if raw.is_empty() {
            continue;
        }
        let tagged = raw.len() >= 5
            && raw.as_bytes()[..2]
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && raw[2..].starts_with("  -");
        let Some((item, found, letter)) = current.as_mut() else {
            if tagged && raw.starts_with("TY") {
                let ty = raw[5..].trim();
                let mut item = Item {
                    kind: Some(kind(ty)),
                    ..Item::default()
                };
                item.extra.insert("ris_type".into(), ty.into());
                current = Some((
                    item,
                    Found::new(Record::default(), file, line),
                    ty == "PCOMM" || ty == "LETTER",
                ));
            } else {
                sink.problem(
                    Problem::error(
                        file,
                        format!(
                            "expected `TY  - ` to open an item, found {:?}",
                            raw.chars().take(20).collect::<String>()
                        ),
                    )
                    .at_line(line),
                );
            }
            continue;
        };
        if !tagged {
            // A value running on to the next line.
            append(item, &last_tag, raw);
            continue;
        }
        let tag = &raw[..2];
        let value = raw.get(5..).unwrap_or("").trim();
        last_tag = tag.to_string();
        match tag {
            "ER" => {
                if let Some((item, mut found, _)) = current.take() {
                    finish(item, &mut found, &mut taken);
                    sink.record(found);
                }
            }
            "TY" => found.error(
                "TY",
                Some(1),
                "a new item begins before `ER  - ` closed the last",
            ),
            "TI" | "T1" => item.title = value.to_string(),
            "AU" | "A1" => item.people.push((name(value), "author")),
            "A2" if *letter => item.people.push((name(value), "recipient")),
            "A4" => item.translators.push(name(value)),
            "PY" | "DA" | "Y1" => {
                if item.date.is_none() || tag == "DA" {
                    match ris_date(value) {
                        Ok(date) => item.date = date,
                        Err(why) => {
                            let mut problem = Problem::error(file, format!("{tag}: {why}"))
                                .at_line(line)
                                .with_field("date");
                            problem.id = None;
                            found.problems.push(problem);
                        }
                    }
                }
            }
            "DB" => item.archive = Some(value.to_string()),
            "AN" | "AV" => {
                if item.archive_location.is_none() || tag == "AN" {
                    item.archive_location = Some(value.to_string());
                }
            }
            "CY" => item.archive_place = Some(value.to_string()),
            "AB" | "N2" => item.summary = Some(value.to_string()),
            "UR" => item.url = Some(value.to_string()),
            "Y2" => item.accessed = Some(value.to_string()),
            "N1" => item.notes.push(value.to_string()),
            "LA" => item.language = Some(value.to_string()),
            "KW" => item.subjects.push(value.to_string()),
            "M3" => item.genre = Some(value.to_string()),
            "ID" => item.key = Some(value.to_string()),
            "DP" => item.source = Some(value.to_string()),
            _ => {
                let key = format!("ris_{}", tag.to_lowercase());
                match item.extra.get_mut(&key) {
                    Some(serde_json::Value::String(held)) => {
                        held.push_str("; ");
                        held.push_str(value);
                    }
                    _ => {
                        item.extra.insert(key, value.into());
                    }
                }
            }
        }
    }
    if let Some((item, mut found, _)) = current.take() {
        found.warning(
            "ER",
            None,
            "the last item has no `ER  - ` line; read to the end of the file",
        );
        finish(item, &mut found, &mut taken);
        sink.record(found);
    }
}

/// "Beria, Lavrentiy" -> "Lavrentiy Beria", as Zotero writes "Last, First".
fn name(value: &str) -> String {
    match value.split_once(", ") {
        Some((last, first)) if !first.contains(',') => format!("{first} {last}"),
        _ => value.to_string(),
    }
}

fn append(item: &mut Item, tag: &str, more: &str) {
    let field = match tag {
        "AB" | "N2" => item.summary.as_mut(),
        "N1" => item.notes.last_mut(),
        "TI" | "T1" => Some(&mut item.title),
        _ => None,
    };
    if let Some(field) = field {
        field.push('\n');
        field.push_str(more.trim());
    }
}

fn finish(item: Item, found: &mut Found, taken: &mut HashSet<String>) {
    found.record = item.into_record(taken);
    for problem in &mut found.problems {
        problem.id.get_or_insert_with(|| found.record.id.clone());
    }
}
