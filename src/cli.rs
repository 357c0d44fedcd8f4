//! The command line: parse, run one command, map the outcome to an exit code.
//! Exit codes everywhere: 0 ok, 1 nothing found, 2 error. A closed pipe is not an error.
//! The reading room ended by SIGTERM or SIGHUP exits 128 + the signal (143, 129).

mod args;
mod check;
mod grep;
mod listing;
mod output;
mod show;

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

pub use args::{Cli, Command};

use crate::store::{self, AppDirs, Loaded, StoreChoice};

/// What a command found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Found,
    NothingFound,
}

/// The whole program, as `main` calls it.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are not errors; clap knows which is which.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("carrel: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let choice = choose_store(&cli.global);
    let Some(command) = cli.command else {
        crate::tui::run(choice)?;
        return Ok(Outcome::Found);
    };
    match command {
        Command::Check(args) => check::check(&choice, &args),
        Command::Paths(args) => check::paths(&choice, args.json),
        Command::Search(args) => {
            let dirs = AppDirs::discover();
            let cache_dir = dirs.as_ref().map(|d| d.cache.as_path());
            if let Some(searched) = listing::search_saved(&choice, cache_dir, &args) {
                return searched;
            }
            let loaded = open_reporting(&choice)?;
            listing::search(&loaded.store, &args, &choice, cache_dir)
        }
        Command::Grep(args) => {
            let parsed = grep::check_query(&args)?;
            let dirs = AppDirs::discover();
            let cache_dir = dirs.as_ref().map(|d| d.cache.as_path());
            if let Some(found) = grep::grep_saved(&parsed, &args, &choice, cache_dir) {
                return found;
            }
            let loaded = open_reporting(&choice)?;
            grep::grep(&loaded.store, &parsed, &args, &choice, cache_dir)
        }
        command => {
            let loaded = open_reporting(&choice)?;
            match command {
                Command::List(args) => listing::list(&loaded.store, &args),
                Command::Collections(args) => listing::collections(&loaded.store, args.json),
                Command::Show(args) => show::show(&loaded.store, &args),
                Command::Check(_) | Command::Paths(_) | Command::Search(_) | Command::Grep(_) => {
                    unreachable_command()
                }
            }
        }
    }
}

fn unreachable_command() -> Result<Outcome> {
    anyhow::bail!("internal error: command dispatched twice")
}

/// The store named by `--store`, `$CARREL_STORE`, the data directory, or the built-in sample.
pub fn choose_store(global: &args::GlobalArgs) -> StoreChoice {
    let dirs = AppDirs::discover();
    store::locate::choose(
        global.store.as_deref(),
        std::env::var_os(store::locate::STORE_ENV),
        dirs.as_ref(),
    )
}

/// Opens the store through the metadata cache (none without a home directory);
/// texts' bodies stay on disk until a command reads them. Each record that could not be read is reported once on stderr,
/// and the rest load.
fn open_reporting(choice: &StoreChoice) -> Result<Loaded> {
    let dirs = AppDirs::discover();
    let loaded = choice
        .open_cached(dirs.as_ref().map(|d| d.cache.as_path()))
        .with_context(|| format!("cannot open the store {}", choice.describe()))?;
    report_problems(&loaded.problems);
    Ok(loaded)
}

/// Each record that could not be read, once on stderr, and how many there were.
fn report_problems(problems: &[store::Problem]) {
    let errors: Vec<_> = problems.iter().filter(|p| p.is_error()).collect();
    for problem in &errors {
        eprintln!(
            "carrel: {}",
            crate::text::sanitize_line(&problem.to_string())
        );
    }
    if !errors.is_empty() {
        eprintln!(
            "carrel: {} problem(s) in the store; the rest loaded (details: carrel check)",
            errors.len()
        );
    }
}
