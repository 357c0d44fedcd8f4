//! `carrel import SOURCE...`: the command line over [`crate::import`], with a progress
//! bar on stderr when stderr is a terminal.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::Outcome;
use crate::import::{self, Format, ImportError, Options, Report};
use crate::store::{AppDirs, Problem};
use crate::text::sanitize_line;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or folders to import (the format of each is detected).
    #[arg(required = true, num_args = 1.., value_name = "SOURCE")]
    pub sources: Vec<PathBuf>,
    /// The store to import into, created if missing (default: the store in the data directory).
    #[arg(long, value_name = "STORE")]
    pub into: Option<PathBuf>,
    /// The format of every source: carrel, csv, tsv, text, tei, csl-json, ris.
    #[arg(long, value_name = "F", value_parser = parse_format)]
    pub format: Option<Format>,
    /// Put every imported record in this collection (created if new).
    #[arg(long, value_name = "ID")]
    pub collection: Option<String>,
    /// Check everything and say what would happen; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Leave out invalid records (each is listed) and import the rest.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Replace records whose id the store already has (else that is an error).
    #[arg(long)]
    pub replace: bool,
    /// CSV/TSV: read COLUMN as FIELD (title, date, people, citation, extra.NAME, ignore...).
    #[arg(long, value_name = "COLUMN=FIELD", value_parser = parse_map)]
    pub map: Vec<(String, String)>,
}

fn parse_format(name: &str) -> Result<Format, String> {
    import::detect::parse_format(name).ok_or_else(|| {
        format!("unknown format {name:?} (carrel, csv, tsv, text, tei, csl-json, ris)")
    })
}

fn parse_map(pair: &str) -> Result<(String, String), String> {
    let (column, field) = pair
        .split_once('=')
        .ok_or_else(|| format!("--map takes COLUMN=FIELD, not {pair:?}"))?;
    import::csv::map_field(field, column)?;
    Ok((column.to_string(), field.to_string()))
}

/// Problems in `carrel check`'s format on stderr, above the progress bar.
struct Printer {
    bar: Option<ProgressBar>,
}

impl Report for Printer {
    fn problem(&mut self, problem: &Problem) {
        let line = sanitize_line(&problem.to_string()).into_owned();
        match &self.bar {
            Some(bar) => bar.println(line),
            None => tell!("{line}"),
        }
    }

    fn progress(&mut self, done: u64, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total);
            bar.set_position(done);
        }
    }
}

pub fn import(args: &ImportArgs, store_flag: Option<&std::path::Path>) -> Result<Outcome> {
    // --into, else the store --store names, else the user's store.
    let named = args
        .into
        .clone()
        .or_else(|| store_flag.map(std::path::Path::to_path_buf));
    let (store, title) = match &named {
        Some(path) => {
            let name = path
                .canonicalize()
                .unwrap_or_else(|_| path.clone())
                .file_name()
                .map_or_else(
                    || "My documents".into(),
                    |n| n.to_string_lossy().into_owned(),
                );
            (path.clone(), name)
        }
        None => {
            let Some(dirs) = AppDirs::discover() else {
                bail!("no home directory to keep a store in; name one with --into STORE");
            };
            let store = dirs.user_store().unwrap_or_else(|| dirs.data.join("store"));
            if std::env::var_os(crate::store::locate::STORE_ENV).is_some_and(|v| !v.is_empty()) {
                tell!(
                    "note: importing into the store in the data directory; $CARREL_STORE names another, which carrel opens first"
                );
            }
            (store, "My documents".to_string())
        }
    };
    let options = Options {
        format: args.format,
        collection: args.collection.clone(),
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        replace: args.replace,
        map: args.map.clone(),
    };
    if let Some(id) = &options.collection
        && !crate::store::validate::is_valid_id(id)
    {
        bail!("--collection: {}", crate::store::validate::id_message(id));
    }
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta} left",
        ) {
            bar.set_style(style);
        }
        bar
    });
    let mut printer = Printer { bar };
    let result = import::import(&args.sources, &store, &title, &options, &mut printer);
    if let Some(bar) = printer.bar.take() {
        bar.finish_and_clear();
    }
    let store_name = sanitize_line(&store.display().to_string()).into_owned();
    match result {
        Ok(summary) => {
            {
                use std::io::Write as _;
                // A closed pipe is not an error.
                let _ = writeln!(std::io::stdout(), "{summary}");
            }
            if !summary.dry_run {
                tell!("store: {store_name}");
            }
            Ok(Outcome::Found)
        }
        Err(ImportError::Invalid { errors, summary }) => {
            tell!(
                "checked: {} record(s) valid, {errors} error(s)",
                summary.added + summary.replaced
            );
            bail!(
                "{errors} problem(s) found (see above): nothing imported into {store_name}; --skip-invalid imports the rest"
            )
        }
        Err(error) => Err(anyhow::Error::new(error)),
    }
}
