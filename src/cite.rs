//! Citations of one record or many, in Chicago's archival forms (written by hand:
//! no CSL processor renders Chicago's archival fields) and in the machine formats
//! reference managers import (biblatex, CSL-JSON, RIS as Zotero reads them).
//!
//! Knows nothing of terminals: the output is plain text, which the caller sanitises
//! before it reaches a terminal. The facts come from [`facts::Facts`], so every
//! style cites the same item the same way.

pub mod bibtex;
pub mod chicago;
pub mod csl;
pub mod facts;
pub mod ris;

use std::fmt;
use std::str::FromStr;

use crate::store::Record;

pub use facts::Facts;

/// A citation style or format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Style {
    /// The full note, for the first citation of a document.
    #[default]
    ChicagoNote,
    /// The short form for later notes.
    ChicagoShort,
    /// The bibliography entry.
    ChicagoBib,
    /// biblatex `@unpublished`.
    Bibtex,
    CslJson,
    Ris,
}

impl Style {
    pub const ALL: [Style; 6] = [
        Style::ChicagoNote,
        Style::ChicagoShort,
        Style::ChicagoBib,
        Style::Bibtex,
        Style::CslJson,
        Style::Ris,
    ];

    /// The name on the command line and in the config: `chicago-note`, `ris`.
    pub fn name(self) -> &'static str {
        match self {
            Style::ChicagoNote => "chicago-note",
            Style::ChicagoShort => "chicago-short",
            Style::ChicagoBib => "chicago-bib",
            Style::Bibtex => "bibtex",
            Style::CslJson => "csl-json",
            Style::Ris => "ris",
        }
    }

    /// What the style is, for a chooser: "Chicago note (full)".
    pub fn describe(self) -> &'static str {
        match self {
            Style::ChicagoNote => "Chicago note (full, first citation)",
            Style::ChicagoShort => "Chicago short note (later citations)",
            Style::ChicagoBib => "Chicago bibliography entry",
            Style::Bibtex => "biblatex entry",
            Style::CslJson => "CSL-JSON (Zotero, pandoc)",
            Style::Ris => "RIS (Zotero, EndNote)",
        }
    }

    /// True for the styles a person reads (one line each) rather than a program.
    pub fn is_prose(self) -> bool {
        matches!(
            self,
            Style::ChicagoNote | Style::ChicagoShort | Style::ChicagoBib
        )
    }
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A style name that is not one of [`Style::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown citation style {given:?} (known: chicago-note, chicago-short, chicago-bib, bibtex, csl-json, ris)"
)]
pub struct UnknownStyle {
    pub given: String,
}

impl FromStr for Style {
    type Err = UnknownStyle;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Style::ALL
            .into_iter()
            .find(|style| style.name() == wanted)
            .ok_or_else(|| UnknownStyle {
                given: s.to_string(),
            })
    }
}

/// One record in one style. CSL-JSON is a one-item array, as Zotero imports it.
pub fn cite(record: &Record, style: Style) -> String {
    cite_all(&[record], style)
}

/// Several records in one style: one Chicago citation per line, biblatex and RIS
/// entries separated by blank lines, CSL-JSON as one array.
pub fn cite_all(records: &[&Record], style: Style) -> String {
    let facts: Vec<Facts> = records.iter().map(|r| Facts::of(r)).collect();
    match style {
        Style::ChicagoNote => lines(&facts, chicago::note),
        Style::ChicagoShort => lines(&facts, chicago::short),
        Style::ChicagoBib => lines(&facts, chicago::bibliography),
        Style::Bibtex => bibtex::render(&facts),
        Style::CslJson => csl::render(&facts),
        Style::Ris => ris::render(&facts),
    }
}

fn lines(facts: &[Facts], render: fn(&Facts) -> String) -> String {
    facts.iter().map(render).collect::<Vec<_>>().join("\n")
}

/// One record's CSL-JSON item, for exports that write many into one file.
pub fn csl_item(record: &Record) -> serde_json::Value {
    csl::item(&Facts::of(record))
}

/// One record's RIS entry (ending `ER  - `), for exports.
pub fn ris_entry(record: &Record) -> String {
    ris::entry(&Facts::of(record))
}

/// One record's biblatex entry, for exports.
pub fn bibtex_entry(record: &Record) -> String {
    bibtex::entry(&Facts::of(record))
}
