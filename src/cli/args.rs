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
}

#[derive(Debug, Subcommand)]
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
