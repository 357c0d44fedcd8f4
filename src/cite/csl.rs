//! CSL-JSON, the citeproc input Zotero imports and exports: an archival item is a
//! `manuscript` (a letter a `personal_communication`), with `archive`,
//! `archive_location`, `archive-place` and `archive_collection` for where it is held.

use serde_json::{Map, Value, json};

use super::facts::{Facts, Holding, Name};

fn name(n: &Name) -> Value {
    if n.given.is_empty() {
        json!({ "family": n.family })
    } else {
        json!({ "family": n.family, "given": n.given })
    }
}

fn names(list: &[Name]) -> Value {
    Value::Array(list.iter().map(name).collect())
}

/// The CSL type: what Zotero makes of an archival document.
pub fn csl_type(facts: &Facts) -> &'static str {
    if facts
        .doc_type
        .as_deref()
        .is_some_and(|k| k.eq_ignore_ascii_case("letter"))
    {
        "personal_communication"
    } else if facts.is_archival() {
        "manuscript"
    } else {
        "document"
    }
}

/// One record as a CSL-JSON item.
pub fn item(facts: &Facts) -> Value {
    let mut out = Map::new();
    let mut put = |key: &str, value: Value| {
        out.insert(key.to_string(), value);
    };
    put("id", json!(facts.id));
    put("type", json!(csl_type(facts)));
    if !facts.title.is_empty() {
        put("title", json!(facts.title));
    }
    if !facts.authors.is_empty() {
        put("author", names(&facts.authors));
    }
    if !facts.recipients.is_empty() {
        put("recipient", names(&facts.recipients));
    }
    if !facts.translators.is_empty() {
        put("translator", names(&facts.translators));
    }
    if let Some(date) = &facts.date {
        let mut issued = Map::new();
        issued.insert("date-parts".into(), json!(date.parts));
        if date.circa || date.uncertain {
            issued.insert("circa".into(), json!(true));
        }
        put("issued", Value::Object(issued));
    } else if facts.date_text != "n.d." {
        put("issued", json!({ "literal": facts.date_text }));
    }
    if let Some(kind) = &facts.doc_type {
        put("genre", json!(kind));
    }
    match &facts.holding {
        Holding::None => {}
        Holding::Verbatim(citation) => {
            put("archive_location", json!(citation));
            if let Some(archive) = archive_label(facts) {
                put("archive", json!(archive));
            }
            if let Some(place) = &facts.repository_place {
                put("archive-place", json!(place));
            }
        }
        Holding::Parts {
            locator,
            collection,
            repository,
            place,
        } => {
            put("archive", json!(repository));
            put("archive_location", json!(locator));
            if let Some(c) = collection {
                put("archive_collection", json!(c));
            }
            if let Some(p) = place {
                put("archive-place", json!(p));
            }
        }
    }
    if let Some(source) = &facts.digital_name {
        put("source", json!(source));
    }
    if let Some(url) = &facts.url {
        put("URL", json!(url));
    }
    if let Some(summary) = &facts.summary {
        put("abstract", json!(summary));
    }
    if let Some(lang) = &facts.language {
        put("language", json!(lang));
    }
    Value::Object(out)
}

/// "State Archive of the Russian Federation (GARF)", or whichever of the two is known.
pub fn archive_label(facts: &Facts) -> Option<String> {
    match (&facts.repository_name, &facts.repository_abbr) {
        (Some(name), Some(abbr)) => Some(format!("{name} ({abbr})")),
        (Some(one), None) | (None, Some(one)) => Some(one.clone()),
        (None, None) => None,
    }
}

/// Items as the JSON array Zotero imports, pretty-printed.
pub fn render(items: &[Facts]) -> String {
    let array = Value::Array(items.iter().map(item).collect());
    serde_json::to_string_pretty(&array).unwrap_or_else(|_| "[]".to_string())
}
