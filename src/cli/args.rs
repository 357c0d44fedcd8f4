//! The command line, declared with clap. Arguments are validated here, before anything runs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::store::SortOrder;

/// A terminal reading room for historians. With no command, opens the reading room.
#[derive(Debug, Parser)]
#[command(name = "carrel", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The store to open: a folder or a single JSON file.
    /// Default: $CARREL_STORE, else the store in the data directory, else the built-in sample.
    #[arg(long, global = true, value_name = "PATH")]
    pub store: Option<PathBuf>,
    /// The reading room leaves the mouse to the terminal (to select text by hand).
    #[arg(long)]
    pub no_mouse: bool,
    /// The reading room shows citations to select by hand instead of copying them
    /// with OSC 52 (for terminals that cannot take it).
    #[arg(long)]
    pub no_osc52: bool,
}

/// Each command's arguments are declared only when it is the one run (`defer`): a
/// `carrel grep` built all seventeen commands' arguments before it read one, a tenth of
/// its instructions before the search and thirty pages of memory. Completions and the
/// manual page build them all.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// List records: date, title, id.
    List(ListArgs),
    /// Show one record: title, date, summary, full text, provenance, rights.
    Show(ShowArgs),
    /// Search titles, names (with variant spellings), places, subjects, dates and summaries.
    Search(SearchArgs),
    /// Search what the documents say: each hit with one line of its text around the words.
    Grep(GrepArgs),
    /// List collections with their counts.
    Collections(JsonArg),
    /// Check a store and report every problem as file:line: id: field: what is wrong.
    Check(CheckArgs),
    /// Print which store is in use and the data, config and cache directories.
    Paths(JsonArg),
    /// List the people, places, subjects, types or archives the records name, with
    /// counts, variant spellings merged.
    Index(IndexArgs),
    /// Count the records per year (or decade): all of them, or those a query finds.
    Timeline(TimelineArgs),
    /// Cite records: Chicago note, short note or bibliography entry, biblatex, CSL-JSON or RIS.
    Cite(CiteArgs),
    /// Every note and quotation, each with its record's title, date and full citation.
    Notes(NotesArgs),
    /// The records read, most recent first.
    History(HistoryArgs),
    /// Check config.toml and report each problem with its line; --default prints a commented default file.
    Config(ConfigArgs),
    /// Import documents: carrel JSON/JSONL or a store, CSV/TSV, a folder of .txt/.md
    /// transcriptions, TEI (FRUS), Zotero CSL-JSON or RIS.
    Import(super::import::ImportArgs),
    /// Export records as JSON (a whole store), JSON Lines, CSV or Markdown files.
    Export(super::export::ExportArgs),
    /// Print a shell completion script: bash, zsh or fish.
    Completions(super::packaging::CompletionsArgs),
    /// Print the manual page (roff) on standard output.
    Man,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print a config file with every setting at its default, commented.
    #[arg(long)]
    pub default: bool,
}

#[derive(Debug, Args)]
pub struct NotesArgs {
    #[command(flatten)]
    pub json: JsonArg,
    /// Write Markdown to paste into a draft (to stdout, or to --out FILE).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub export: Option<ExportFormat>,
    /// The file --export writes.
    #[arg(long, value_name = "FILE", requires = "export")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Md,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub json: JsonArg,
    /// At most this many visits.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct CiteArgs {
    /// The records' ids.
    #[arg(required = true, num_args = 1.., value_name = "ID")]
    pub ids: Vec<String>,
    /// chicago-note, chicago-short, chicago-bib, bibtex, csl-json or ris
    /// (default: the config's `citation_style`, else chicago-note).
    #[arg(long, value_name = "STYLE", value_parser = super::cite::parse_style)]
    pub style: Option<crate::cite::Style>,
}

#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON Lines: one object per line.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only the records of this collection, in date (or title) order.
    #[arg(long, value_name = "ID")]
    pub collection: Option<String>,
    #[arg(long, value_enum, default_value_t = SortArg::Date)]
    pub sort: SortArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    /// Oldest first; undated records last.
    Date,
    Title,
}

impl From<SortArg> for SortOrder {
    fn from(arg: SortArg) -> Self {
        match arg {
            SortArg::Date => SortOrder::Date,
            SortArg::Title => SortOrder::Title,
        }
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's id.
    pub id: String,
    /// Wrap text to this many columns.
    #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u16).range(20..))]
    pub width: u16,
    /// Which text to print: the original, the translation, or every text (default:
    /// the one a reader reads first, the translation when there is one).
    #[arg(long, value_enum, value_name = "WHICH")]
    pub text: Option<TextArg>,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Every word must match; best matches first.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// At most this many results.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Search only this collection.
    #[arg(long, value_name = "ID")]
    pub collection: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Args)]
pub struct GrepArgs {
    /// Words (all must be in the text), "phrases", 'exact, ^prefix, suffix$, !not,
    /// a | b, and field scopes such as person:NAME or date:1944..1946.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// At most this many results.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Search only this collection.
    #[arg(long, value_name = "ID")]
    pub collection: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The store to check (default: the store in use).
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// What to list.
    #[arg(value_enum)]
    pub kind: IndexKindArg,
    /// Only the records of this collection.
    #[arg(long, value_name = "ID")]
    pub collection: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum IndexKindArg {
    People,
    Places,
    Subjects,
    Types,
    Archives,
}

impl From<IndexKindArg> for crate::across::IndexKind {
    fn from(arg: IndexKindArg) -> Self {
        use crate::across::IndexKind;
        match arg {
            IndexKindArg::People => IndexKind::People,
            IndexKindArg::Places => IndexKind::Places,
            IndexKindArg::Subjects => IndexKind::Subjects,
            IndexKindArg::Types => IndexKind::Types,
            IndexKindArg::Archives => IndexKind::Archives,
        }
    }
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Count only the records this finds (as `carrel search` does).
    pub query: Vec<String>,
    /// Bars of a year or a decade (default: years, decades past 60 years).
    #[arg(long, value_enum)]
    pub by: Option<ByArg>,
    /// Only the records of this collection.
    #[arg(long, value_name = "ID")]
    pub collection: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ByArg {
    Year,
    Decade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextArg {
    Original,
    Translation,
    All,
}
