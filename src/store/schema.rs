//! The on-disk record store, schema version 1, as Rust types.
//!
//! Every optional field defaults, so a sparse record still loads; unknown keys are
//! ignored (serde's default), so newer minor additions do not break older readers.
//! Values that the program must understand (ids, EDTF dates) are checked in
//! `validate`, not here, so one bad field can be reported and dropped while the
//! rest of its record is kept.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::edtf::Edtf;
use super::julian::{self, Calendar, Dual};
pub use super::load::lazy::{Bodies, TextsAt};

/// The newest store schema this program reads.
pub const SCHEMA_VERSION: u32 = 1;

/// `archive.json`: what the store is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Archive {
    pub schema_version: u32,
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// Where the store's documents came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

/// One entry of `collections.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Collection {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_description: Option<String>,
    /// Paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub description: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// An EDTF interval such as `1935/1945`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Edtf>,
    /// Members in the collection's own order.
    #[serde(default)]
    pub record_ids: Vec<String>,
    /// Size of the source collection when the store holds only part of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
}

impl Collection {
    /// How many documents the source collection has: `total`, else the members held.
    pub fn total(&self) -> u64 {
        self.total.unwrap_or(self.record_ids.len() as u64)
    }

    /// "10 of 19" when the store holds part of the collection, else "10".
    pub fn count_label(&self) -> String {
        let held = self.record_ids.len() as u64;
        let total = self.total();
        if total > held {
            format!("{held} of {total}")
        } else {
            held.to_string()
        }
    }
}

/// One document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<RecordDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Shared: the same person in the same role is one value however many records
    /// name them (see [`crate::store::share`]); a big store names few people often.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Arc<NamedEntity>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Arc<NamedEntity>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// BCP 47 tag, e.g. `ru`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_language: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Box<Provenance>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Shared, as people are: a store's records mostly carry one rights statement.
    pub rights: Option<Arc<Rights>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collections: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Source-specific fields, kept verbatim.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
    /// Where the bodies of `texts` are. A store read from disk leaves them there
    /// (`texts` then holds each text's language, role and translators with an empty
    /// body) and [`crate::store::Store::texts`] reads them back on demand.
    #[serde(skip)]
    pub bodies: Bodies,
}

impl Record {
    /// The date as the store displays it ("October 5, 1945"), else its EDTF form; a
    /// Julian date with its Gregorian one ("12/25 October 1917 (O.S./N.S.)").
    pub fn display_date(&self) -> Option<&str> {
        let date = self.date.as_ref()?;
        if let Some(dual) = &date.dual {
            return Some(&dual.shown);
        }
        date.display
            .as_deref()
            .or_else(|| date.edtf.as_ref().map(Edtf::as_str))
    }

    /// The date to sort and filter by: the record's EDTF date, in the Gregorian
    /// calendar when the source dates it Old Style.
    pub fn edtf(&self) -> Option<&Edtf> {
        self.date.as_ref()?.gregorian()
    }

    /// The EDTF date as the source writes it (Old Style for a Julian date): what a
    /// citation gives.
    pub fn source_edtf(&self) -> Option<&Edtf> {
        self.date.as_ref()?.edtf.as_ref()
    }

    /// True when the source dates the record in the Julian calendar.
    pub fn is_old_style(&self) -> bool {
        self.date
            .as_ref()
            .is_some_and(|d| d.calendar == Some(Calendar::Julian))
    }

    /// The text a reader reads first: a translation, else a transcript, else the original.
    ///
    /// When the bodies were left on disk ([`Bodies::OnDisk`]) the text's language and
    /// role are right but its body is empty: read it with
    /// [`crate::store::Store::reading_text`].
    pub fn reading_text(&self) -> Option<&Text> {
        reading_text_index(&self.texts).map(|i| &self.texts[i])
    }

    /// True when the store holds full text for this record (false: metadata only).
    /// Right whether or not the bodies are in memory.
    pub fn has_full_text(&self) -> bool {
        match &self.bodies {
            Bodies::Inline => any_full_text(&self.texts),
            Bodies::OnDisk(at) => at.has_full_text,
        }
    }
}

/// Which of `texts` a reader reads first: a translation, else a transcript, else the
/// original, else the first.
pub fn reading_text_index(texts: &[Text]) -> Option<usize> {
    [
        TextRole::Translation,
        TextRole::Transcript,
        TextRole::Original,
    ]
    .iter()
    .find_map(|role| texts.iter().position(|t| t.role == *role))
    .or_else(|| (!texts.is_empty()).then_some(0))
}

/// True when one of `texts` has a body that is not blank.
pub(crate) fn any_full_text(texts: &[Text]) -> bool {
    texts.iter().any(|t| !t.body.trim().is_empty())
}

/// A record's date: EDTF for sorting and filtering, display text for reading.
///
/// In a store a date is an object (`{"edtf": "1945-10", "display": "October 1945"}`)
/// or, for short, a string: an EDTF date (`"1945-10"`), else the date as the
/// source writes it, shown but undated (`"Autumn 1945"`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RecordDate {
    /// The date as the source writes it (in `calendar`).
    pub edtf: Option<Edtf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// `julian` for a date written Old Style; none for Gregorian.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Calendar>,
    /// A Julian date worked out in the Gregorian calendar: made from the fields above
    /// (see [`RecordDate::settled`]), never stored.
    #[serde(skip)]
    pub dual: Option<Box<Dual>>,
}

/// A record's date as the store holds it.
#[derive(Deserialize)]
struct StoredDate {
    #[serde(default)]
    edtf: Option<Edtf>,
    #[serde(default)]
    display: Option<String>,
    #[serde(default)]
    calendar: Option<Calendar>,
}

impl From<StoredDate> for RecordDate {
    fn from(stored: StoredDate) -> Self {
        RecordDate::settled(stored.edtf, stored.display, stored.calendar)
    }
}

impl<'de> Deserialize<'de> for RecordDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> serde::de::Visitor<'de> for DateVisitor {
            type Value = RecordDate;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    r#"a date: "1945-10" or {"edtf": "1945-10", "display": "October 1945"}"#,
                )
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RecordDate, E> {
                Ok(match Edtf::parse(text) {
                    Ok(edtf) => RecordDate::settled(Some(edtf), None, None),
                    Err(_) => RecordDate::settled(None, Some(text.to_string()), None),
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RecordDate, A::Error> {
                let fields = serde::de::value::MapAccessDeserializer::new(map);
                StoredDate::deserialize(fields).map(RecordDate::from)
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

impl RecordDate {
    /// A date with what follows from its calendar worked out.
    pub fn settled(
        edtf: Option<Edtf>,
        display: Option<String>,
        calendar: Option<Calendar>,
    ) -> Self {
        let dual = match (calendar, &edtf) {
            (Some(Calendar::Julian), Some(source)) => {
                julian::dual(source, display.as_deref()).map(Box::new)
            }
            _ => None,
        };
        RecordDate {
            edtf,
            display,
            calendar,
            dual,
        }
    }

    /// A Gregorian date (the common case), as written.
    pub fn new(edtf: Option<Edtf>, display: Option<String>) -> Self {
        RecordDate {
            edtf,
            display,
            calendar: None,
            dual: None,
        }
    }

    /// The date to sort and filter by: the Gregorian one.
    pub fn gregorian(&self) -> Option<&Edtf> {
        match &self.dual {
            Some(dual) => Some(&dual.gregorian),
            None => self.edtf.as_ref(),
        }
    }
}

/// A person or place named in a record, with the other spellings it goes by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NamedEntity {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Variant spellings ("Osman Batur" for "Ospan Batyr").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alt: Vec<String>,
}

/// Roles a person may have in a record (places use free-text roles).
pub const PERSON_ROLES: &[&str] = &["author", "recipient", "drafter", "signatory", "mentioned"];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextRole {
    Original,
    #[default]
    Translation,
    Transcript,
}

impl TextRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Original => "original",
            Self::Translation => "translation",
            Self::Transcript => "transcript",
        }
    }
}

/// One full text of a record: the original, a translation or a transcript.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Text {
    pub lang: String,
    pub role: TextRole,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translators: Vec<String>,
    /// Paragraphs separated by blank lines.
    #[serde(deserialize_with = "crate::store::load::skim::body")]
    pub body: String,
}

impl Text {
    /// The body split into paragraphs (blank-line separated), each trimmed.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
    }
}

/// Where the document is held and how it reached the store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The archival citation exactly as the source gives it.
    pub citation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Shared, as people are: one archive holds thousands of a store's documents.
    pub repository: Option<Arc<Repository>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<Locator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributed_by: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translated_by: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funders: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital: Option<DigitalSource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Repository {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// The citation's parts. Every part is a string: fond `9401s`, folios `62-63`, `7ob`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "scheme")]
pub enum Locator {
    /// Russian archives: fond / opis' / delo / list(y).
    #[serde(rename = "f-op-d-l")]
    FondOpisDelo {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fond: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        opis: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delo: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        folios: Option<String>,
    },
    #[serde(rename = "box-folder")]
    BoxFolder {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        r#box: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        folder: Option<String>,
    },
    #[serde(rename = "volume-page")]
    VolumePage {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        volume: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        page: Option<String>,
    },
}

impl Locator {
    /// The parts with their labels, in citation order, skipping absent ones.
    pub fn labelled_parts(&self) -> Vec<(&'static str, &str)> {
        let parts: Vec<(&'static str, &Option<String>)> = match self {
            Self::FondOpisDelo {
                fond,
                opis,
                delo,
                folios,
            } => vec![
                ("Fond", fond),
                ("Opis", opis),
                ("Delo", delo),
                ("Folios", folios),
            ],
            Self::BoxFolder { r#box, folder } => vec![("Box", r#box), ("Folder", folder)],
            Self::VolumePage { volume, page } => vec![("Volume", volume), ("Page", page)],
        };
        parts
            .into_iter()
            .filter_map(|(label, value)| value.as_deref().map(|v| (label, v)))
            .collect()
    }
}

/// The digital archive a record was taken from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DigitalSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uploaded: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RightsStatus {
    PublicDomain,
    OpenLicense,
    SeeStatement,
    #[default]
    Unknown,
}

impl RightsStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PublicDomain => "public domain",
            Self::OpenLicense => "open licence",
            Self::SeeStatement => "see statement",
            Self::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rights {
    pub status: RightsStatus,
    /// SPDX licence id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The rights statement verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
}

/// A link to another record ("reply-to", "enclosure", ...).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Related {
    pub id: String,
    pub rel: String,
}
