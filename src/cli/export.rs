//! `carrel export`: the records of the store in use (or of a collection, or those a
//! query finds) as JSON, JSON Lines, CSV or Markdown files.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use super::{Outcome, open_reporting};
use crate::export::{self, ExportError, ExportFormat};
use crate::search::SearchIndex;
use crate::store::{Store, StoreChoice};
use crate::text::sanitize_line;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormatArg {
    /// A whole single-file store: archive, collections, records.
    Json,
    /// One record per line.
    Jsonl,
    /// One row per record, with a header.
    Csv,
    /// One Markdown file per record (front matter + text) in the --out folder.
    Md,
    /// CSL-JSON, as Zotero reads it (archive, locator, translator and date kept).
    CslJson,
    /// RIS with Zotero's own tags (DB archive, AN locator).
    Ris,
    /// biblatex `@unpublished` entries, the locator in `addendum`.
    Bibtex,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only the records of this collection.
    #[arg(long, value_name = "ID")]
    pub collection: Option<String>,
    /// Only the records this search finds (as `carrel search` finds them).
    #[arg(long, value_name = "Q")]
    pub query: Option<String>,
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,
    /// Write here (a folder for md) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// The records to export, in store order.
fn chosen(store: &Store, args: &ExportArgs) -> Result<Vec<usize>> {
    let mut indices = match &args.collection {
        None => store.all(),
        Some(id) => match store.collection(id) {
            Some(c) => {
                let mut members = store.members(c);
                members.sort_unstable();
                members
            }
            None => bail!(
                "no collection {:?} in this store (carrel collections lists them)",
                sanitize_line(id)
            ),
        },
    };
    if let Some(query) = &args.query {
        let index = SearchIndex::build(store);
        let hits = index.search(&store.records, query, Some(&indices), None);
        indices = hits.iter().map(|hit| hit.record).collect();
        indices.sort_unstable();
    }
    Ok(indices)
}

/// The error, with a write error kept as an `io::Error` in the chain: `carrel export
/// | head` ends quietly on the closed pipe.
fn with_io_error(error: ExportError) -> anyhow::Error {
    match error {
        ExportError::Io(io) => io.into(),
        ExportError::Csv(csv) if csv.is_io_error() => match csv.into_kind() {
            ::csv::ErrorKind::Io(io) => io.into(),
            other => anyhow::anyhow!("{other:?}"),
        },
        other => other.into(),
    }
}

pub fn export(choice: &StoreChoice, args: &ExportArgs) -> Result<Outcome> {
    let loaded = open_reporting(choice)?;
    let store = &loaded.store;
    let indices = chosen(store, args)?;
    let format = match args.format {
        ExportFormatArg::Json => ExportFormat::Json,
        ExportFormatArg::Jsonl => ExportFormat::Jsonl,
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Md => ExportFormat::Md,
        ExportFormatArg::CslJson => ExportFormat::CslJson,
        ExportFormatArg::Ris => ExportFormat::Ris,
        ExportFormatArg::Bibtex => ExportFormat::Bibtex,
    };
    if format == ExportFormat::Md {
        let Some(dir) = &args.out else {
            bail!("--format md writes one file per record: name a folder with --out DIR");
        };
        let n = export::write_md(store, &indices, dir)
            .with_context(|| format!("cannot write to {}", dir.display()))?;
        tell!(
            "{n} record(s) written to {}",
            sanitize_line(&dir.display().to_string())
        );
        return Ok(if n == 0 {
            Outcome::NothingFound
        } else {
            Outcome::Found
        });
    }
    let write = |out: &mut dyn Write| -> Result<()> {
        match format {
            ExportFormat::Json => export::write_json(store, &indices, out),
            ExportFormat::Jsonl => export::write_jsonl(store, &indices, out),
            ExportFormat::Csv => export::write_csv(store, &indices, out),
            ExportFormat::Md => Ok(()),
            ExportFormat::CslJson => export::write_csl_json(store, &indices, out),
            ExportFormat::Ris | ExportFormat::Bibtex => {
                export::write_entries(store, &indices, format, out)
            }
        }
        .map_err(with_io_error)
    };
    match &args.out {
        Some(path) => {
            // Written beside and renamed in: an interrupted export leaves no half file.
            let temp = path.with_file_name(format!(
                ".{}.carrel-export-{}",
                path.file_name()
                    .map_or_else(|| "export".into(), |n| n.to_string_lossy()),
                std::process::id()
            ));
            let result = (|| -> Result<()> {
                let mut out = BufWriter::new(File::create(&temp)?);
                write(&mut out)?;
                out.into_inner()
                    .map_err(io::IntoInnerError::into_error)?
                    .sync_all()?;
                fs::rename(&temp, path)?;
                Ok(())
            })();
            if result.is_err() {
                let _ = fs::remove_file(&temp);
            }
            result.with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(if indices.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
