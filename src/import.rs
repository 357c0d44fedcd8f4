//! Bringing documents into a store: carrel JSON and JSON Lines, CSV and TSV, folders
//! of transcriptions, TEI (FRUS first), Zotero's CSL-JSON and RIS.
//!
//! Each format is a parser over bytes or text that hands what it finds to a [`Sink`]
//! (records with their place in the source, collections, problems); it reads no files
//! itself but through the closures it is given, so that it can be tested and fuzzed on
//! bytes alone. The [`engine`] checks every record as the store would, refuses clashes,
//! and streams the good ones into a staged copy of the store that [`target`] moves into
//! place in one rename. Knows nothing of terminals: the CLI draws the progress bar.

pub mod carrel;
pub mod csv;
pub mod dates;
pub mod detect;
pub mod engine;
pub mod ids;
pub mod locator;
pub mod markdown;
pub mod sources;
pub mod stage;
pub mod target;
pub mod tei;
pub mod text_folder;
pub mod zotero;

use std::path::PathBuf;

pub use detect::Format;
pub use engine::{Report, Summary, import};

use crate::store::schema::{Archive, Collection, Record};
use crate::store::{Problem, StoreError};

/// What the user asked for besides the sources and the target.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The format of every source; detected per source when `None`.
    pub format: Option<Format>,
    /// Every imported record also goes into this collection (created if new).
    pub collection: Option<String>,
    /// Check and report, write nothing.
    pub dry_run: bool,
    /// Leave out what is invalid (listed) and import the rest.
    pub skip_invalid: bool,
    /// A record whose id the store already has replaces it (else that is an error).
    pub replace: bool,
    /// CSV: `COLUMN=FIELD` overrides of the column names.
    pub map: Vec<(String, String)>,
}

/// A record found in a source, with where it was found and what was wrong with it.
#[derive(Debug, Clone)]
pub struct Found {
    pub record: Record,
    /// The source file, as the user named it.
    pub file: String,
    /// 1-based line (a CSV row's first line, a JSON record's line, an XML element's line).
    pub line: usize,
    /// 1-based column (a CSV field number, an XML column).
    pub column: Option<usize>,
    /// Problems of this record: any error makes it invalid.
    pub problems: Vec<Problem>,
}

impl Found {
    pub fn new(record: Record, file: &str, line: usize) -> Self {
        Found {
            record,
            file: file.to_string(),
            line,
            column: None,
            problems: Vec::new(),
        }
    }

    /// An error about this record at its place (`column` when known).
    pub fn error(&mut self, field: &str, column: Option<usize>, message: impl Into<String>) {
        let mut problem = Problem::error(&self.file, message);
        if self.line > 0 {
            problem = problem.at_line(self.line);
        }
        if let Some(column) = column.or(self.column) {
            problem = problem.at_column(column);
        }
        if !self.record.id.is_empty() {
            problem = problem.with_id(&self.record.id);
        }
        self.problems.push(problem.with_field(field));
    }

    /// A warning about this record: reported, the record is kept.
    pub fn warning(&mut self, field: &str, column: Option<usize>, message: impl Into<String>) {
        self.error(field, column, message);
        if let Some(last) = self.problems.last_mut() {
            last.severity = crate::store::Severity::Warning;
        }
    }
}

/// Where a parser puts what it finds.
pub trait Sink {
    fn record(&mut self, found: Found);
    /// A collection the source defines (merged with one of the same id).
    fn collection(&mut self, collection: Collection);
    /// The description of a whole store being imported.
    fn archive(&mut self, archive: Archive) {
        let _ = archive;
    }
    /// A problem that is not one record's: a syntax error, an unreadable file.
    fn problem(&mut self, problem: Problem);
    /// How many bytes of the current source have been read.
    fn progress(&mut self, bytes: u64) {
        let _ = bytes;
    }
}

/// Everything a parser found, held in memory: for tests, fuzzing and small sources.
#[derive(Debug, Default)]
pub struct Parsed {
    pub archive: Option<Archive>,
    pub collections: Vec<Collection>,
    pub records: Vec<Found>,
    pub problems: Vec<Problem>,
}

impl Sink for Parsed {
    fn record(&mut self, found: Found) {
        self.records.push(found);
    }
    fn collection(&mut self, collection: Collection) {
        self.collections.push(collection);
    }
    fn archive(&mut self, archive: Archive) {
        self.archive = Some(archive);
    }
    fn problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }
}

impl Parsed {
    /// Every problem, the records' and the file's.
    pub fn all_problems(&self) -> Vec<&Problem> {
        self.problems
            .iter()
            .chain(self.records.iter().flat_map(|r| &r.problems))
            .collect()
    }
}

/// Why an import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write the store {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {why}")]
    Source { path: PathBuf, why: String },
    #[error("cannot open the store to import into: {0}")]
    Target(#[from] StoreError),
    #[error(
        "{errors} problem(s) found (see above): nothing imported; --skip-invalid imports the rest"
    )]
    Invalid { errors: usize, summary: Summary },
}
