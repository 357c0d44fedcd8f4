//! The command line: parse, run one command, map the outcome to an exit code.
//! Exit codes everywhere: 0 ok, 1 nothing found, 2 error. A closed pipe is not an error.
//! The reading room ended by SIGTERM or SIGHUP exits 128 + the signal (143, 129).

/// A line to standard error. Unlike `eprintln!`, a closed or hung-up stderr (a dropped
/// SSH link) is not a panic: there is no one left to tell.
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod across;
mod args;
mod check;
mod cite;
mod config;
mod export;
mod grep;
mod import;
mod listing;
mod notes;
mod output;
mod packaging;
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
            tell!("carrel: {}", error_chain(&e));
            ExitCode::from(2)
        }
    }
}

/// An error with its causes, as one line safe on a terminal (paths and OS errors are
/// data too). A cause that its error already says at the end is not said again:
/// "cannot read /x: No such file or directory (os error 2)" once, not twice.
pub fn error_chain(error: &anyhow::Error) -> String {
    let mut said = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if said.ends_with(&text) {
            continue;
        }
        if !said.is_empty() {
            said.push_str(": ");
        }
        said.push_str(&text);
    }
    // Line by line: a message may point under its place on a line of its own.
    said.split('\n')
        .map(|line| crate::text::sanitize_line(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    if let Some(Command::Config(args)) = &cli.command {
        return config::config(args);
    }
    let loaded = crate::config::load_default(AppDirs::discover().as_ref());
    let choice = choose_store(&cli.global, &loaded.config);
    let Some(command) = cli.command else {
        // Config problems go to the reading room's status line, not before it opens.
        let mut config = loaded.config;
        config.mouse &= !cli.global.no_mouse;
        config.osc52 &= !cli.global.no_osc52;
        let problems = loaded.problems.iter().map(ToString::to_string).collect();
        crate::room::run_with(choice, config, problems)?;
        return Ok(Outcome::Found);
    };
    let settings = reported_config(loaded);
    match command {
        Command::Check(args) => check::check(&choice, &args),
        Command::Paths(args) => check::paths(&choice, args.json),
        Command::Import(args) => import::import(&args, cli.global.store.as_deref()),
        Command::Export(args) => export::export(&choice, &args),
        Command::Completions(args) => packaging::completions(&args),
        Command::Man => packaging::man(),
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
            let (parsed, terms) = grep::check_query(&args)?;
            let dirs = AppDirs::discover();
            let cache_dir = dirs.as_ref().map(|d| d.cache.as_path());
            if !terms.any()
                && let Some(found) = grep::grep_saved(&parsed, &args, &choice, cache_dir)
            {
                return found;
            }
            let loaded = open_reporting(&choice)?;
            grep::grep(
                (&loaded.store, &loaded.problems),
                (&parsed, &terms),
                &args,
                &choice,
                cache_dir,
            )
        }
        command => {
            let loaded = open_reporting(&choice)?;
            match command {
                Command::List(args) => listing::list(&loaded.store, &args),
                Command::Collections(args) => listing::collections(&loaded.store, args.json),
                Command::Show(args) => show::show(&loaded.store, &args),
                Command::Index(args) => across::index(&loaded.store, &args),
                Command::Timeline(args) => across::timeline(&loaded.store, &args),
                Command::Cite(args) => cite::cite(&loaded.store, &args, settings.citation_style),
                Command::Notes(args) => notes::notes(&loaded.store, &choice, &args),
                Command::History(args) => notes::history(&loaded.store, &choice, &args),
                Command::Check(_)
                | Command::Paths(_)
                | Command::Search(_)
                | Command::Grep(_)
                | Command::Config(_)
                | Command::Import(_)
                | Command::Export(_)
                | Command::Completions(_)
                | Command::Man => unreachable_command(),
            }
        }
    }
}

/// The user's config.toml; each problem in it once on stderr (the defaults are used
/// for those settings).
fn reported_config(loaded: crate::config::Loaded) -> crate::config::Config {
    for problem in &loaded.problems {
        tell!(
            "carrel: {}",
            crate::text::sanitize_line(&problem.to_string())
        );
    }
    loaded.config
}

fn unreachable_command() -> Result<Outcome> {
    anyhow::bail!("internal error: command dispatched twice")
}

/// The store named by `--store`, `$CARREL_STORE`, config.toml's `store`, the data
/// directory, or the built-in sample.
pub fn choose_store(global: &args::GlobalArgs, settings: &crate::config::Config) -> StoreChoice {
    let env_names_one = std::env::var_os(store::locate::STORE_ENV).is_some_and(|v| !v.is_empty());
    if global.store.is_none()
        && !env_names_one
        && let Some(path) = &settings.store
    {
        return StoreChoice {
            path: Some(path.clone()),
            origin: store::StoreOrigin::Config,
        };
    }
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

/// At most this many problems are written out on every command: a store of 200,000
/// broken lines would otherwise write megabytes to stderr each time. `carrel check`
/// lists them all.
const PROBLEMS_SAID: usize = store::places::ERRORS_KEPT;

/// Each record that could not be read, once on stderr (the first few), and how many
/// there were.
fn report_problems(problems: &[store::Problem]) {
    let errors: Vec<&store::Problem> = problems.iter().filter(|p| p.is_error()).collect();
    report_errors(errors.iter().copied(), errors.len());
}

/// Tells the first of a store's errors and how many there are (`count`).
fn report_errors<'a>(errors: impl IntoIterator<Item = &'a store::Problem>, count: usize) {
    for problem in errors.into_iter().take(PROBLEMS_SAID) {
        tell!(
            "carrel: {}",
            crate::text::sanitize_line(&problem.to_string())
        );
    }
    if count > PROBLEMS_SAID {
        tell!(
            "carrel: ... and {} more not shown here",
            count - PROBLEMS_SAID
        );
    }
    if count > 0 {
        tell!(
            "carrel: {} problem(s) in the store; the rest loaded (details: carrel check)",
            count
        );
    }
}
