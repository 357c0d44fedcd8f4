//! How a record reads: the labelled facts of its provenance and text, in the order
//! a historian looks for them. Shared by `carrel show` and the reading room's
//! provenance pane so the two never disagree. Knows nothing of terminals.

use crate::store::Record;
use crate::store::schema::Text;

/// One labelled line of the provenance pane; `value` may be long and is wrapped by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

/// A titled group of fields ("Citation", "Rights", ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: &'static str,
    pub fields: Vec<Field>,
}

fn field(label: &'static str, value: impl Into<String>) -> Field {
    Field {
        label,
        value: value.into(),
    }
}

fn push_list(fields: &mut Vec<Field>, label: &'static str, values: &[String]) {
    if !values.is_empty() {
        fields.push(field(label, values.join("; ")));
    }
}

/// The English name of a BCP 47 language tag, for the languages of this field;
/// any other tag is shown as written.
pub fn language_name(tag: &str) -> String {
    let primary = tag.split(['-', '_']).next().unwrap_or(tag);
    let name = match primary.to_ascii_lowercase().as_str() {
        "ru" => "Russian",
        "en" => "English",
        "zh" => "Chinese",
        "mn" => "Mongolian",
        "kk" => "Kazakh",
        "ug" => "Uyghur",
        "uz" => "Uzbek",
        "ky" => "Kyrgyz",
        "tt" => "Tatar",
        "uk" => "Ukrainian",
        "de" => "German",
        "fr" => "French",
        "ja" => "Japanese",
        "ko" => "Korean",
        "fa" => "Persian",
        "tr" => "Turkish",
        "pl" => "Polish",
        "cs" => "Czech",
        "hu" => "Hungarian",
        "ro" => "Romanian",
        "bg" => "Bulgarian",
        "sr" => "Serbian",
        "it" => "Italian",
        "es" => "Spanish",
        "pt" => "Portuguese",
        "ar" => "Arabic",
        "he" => "Hebrew",
        "vi" => "Vietnamese",
        _ => return tag.to_string(),
    };
    name.to_string()
}

/// "English translation by Gary Goldberg (original: Russian)".
pub fn describe_text(record: &Record, text: &Text) -> String {
    let mut out = format!("{} {}", language_name(&text.lang), text.role.as_str());
    if !text.translators.is_empty() {
        out.push_str(" by ");
        out.push_str(&text.translators.join(", "));
    }
    if let Some(original) = &record.original_language
        && text.role != crate::store::schema::TextRole::Original
    {
        out.push_str(&format!(" (original: {})", language_name(original)));
    }
    out
}

/// Every provenance fact the record has, grouped and labelled.
pub fn provenance_sections(record: &Record) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut citation = Vec::new();
    if let Some(p) = &record.provenance {
        citation.push(field("Citation", p.citation.clone()));
        if let Some(repo) = &p.repository {
            let mut parts: Vec<&str> = Vec::new();
            if let Some(abbr) = &repo.abbr {
                parts.push(abbr);
            }
            if let Some(name) = &repo.name {
                parts.push(name);
            }
            let mut value = parts.join(", ");
            if let Some(place) = &repo.place {
                value.push_str(&format!(" ({place})"));
            }
            if !value.trim().is_empty() {
                citation.push(field("Archive", value));
            }
        }
        if let Some(locator) = &p.locator {
            for (label, value) in locator.labelled_parts() {
                citation.push(field(label, value));
            }
        }
        if let Some(c) = &p.classification {
            citation.push(field("Classification", c.clone()));
        }
    }
    if !citation.is_empty() {
        sections.push(Section {
            title: "Citation",
            fields: citation,
        });
    }

    let mut document = Vec::new();
    if let Some(kind) = &record.doc_type {
        document.push(field("Type", kind.clone()));
    }
    if let Some(lang) = &record.original_language {
        document.push(field("Original language", language_name(lang)));
    }
    if let Some(text) = record.reading_text() {
        document.push(field("Text shown", describe_text(record, text)));
    }
    if let Some(p) = &record.provenance {
        push_list(&mut document, "Contributed by", &p.contributed_by);
        push_list(&mut document, "Translated by", &p.translated_by);
        push_list(&mut document, "Funders", &p.funders);
    }
    if !document.is_empty() {
        sections.push(Section {
            title: "Document",
            fields: document,
        });
    }

    if let Some(d) = record.provenance.as_ref().and_then(|p| p.digital.as_ref()) {
        let mut digital = Vec::new();
        let pairs = [
            ("Name", &d.name),
            ("Publisher", &d.publisher),
            ("URL", &d.url),
            ("Record ID", &d.record_id),
            ("Uploaded", &d.uploaded),
        ];
        for (label, value) in pairs {
            if let Some(v) = value {
                digital.push(field(label, v.clone()));
            }
        }
        if !digital.is_empty() {
            sections.push(Section {
                title: "Digital source",
                fields: digital,
            });
        }
    }

    if let Some(r) = &record.rights {
        let mut rights = vec![field("Status", r.status.as_str())];
        if let Some(l) = &r.license {
            rights.push(field("Licence", l.clone()));
        }
        if let Some(s) = &r.statement {
            rights.push(field("Statement", s.clone()));
        }
        sections.push(Section {
            title: "Rights",
            fields: rights,
        });
    }

    if let Some(p) = &record.provenance
        && !p.notes.is_empty()
    {
        sections.push(Section {
            title: "Notes",
            fields: p.notes.iter().map(|n| field("Note", n.clone())).collect(),
        });
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema::{Locator, Provenance, Rights, RightsStatus, TextRole};

    #[test]
    fn provenance_lists_locator_parts_with_labels() {
        let record = Record {
            id: "r".into(),
            title: "T".into(),
            original_language: Some("ru".into()),
            texts: vec![Text {
                lang: "en".into(),
                role: TextRole::Translation,
                translators: vec!["Gary Goldberg".into()],
                body: "x".into(),
            }],
            provenance: Some(Box::new(Provenance {
                citation: "GARF, f. 9401s, op. 2, d. 10004, ll. 62-63".into(),
                locator: Some(Locator::FondOpisDelo {
                    fond: Some("9401s".into()),
                    opis: Some("2".into()),
                    delo: Some("10004".into()),
                    folios: Some("62-63".into()),
                }),
                ..Provenance::default()
            })),
            rights: Some(std::sync::Arc::new(Rights {
                status: RightsStatus::SeeStatement,
                ..Rights::default()
            })),
            ..Record::default()
        };
        let sections = provenance_sections(&record);
        let labels: Vec<(&str, &str)> = sections
            .iter()
            .flat_map(|s| s.fields.iter().map(|f| (f.label, f.value.as_str())))
            .collect();
        assert!(labels.contains(&("Fond", "9401s")));
        assert!(labels.contains(&("Folios", "62-63")));
        assert!(labels.contains(&(
            "Text shown",
            "English translation by Gary Goldberg (original: Russian)"
        )));
        assert!(labels.contains(&("Status", "see statement")));
    }
}
