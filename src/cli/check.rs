//! `carrel check` reports every problem in a store; `carrel paths` says which store and
//! directories are in use.

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::Outcome;
use super::args::CheckArgs;
use super::output::Out;
use crate::store::{AppDirs, StoreChoice, StoreError, load_path};
use crate::text::sanitize_line;

/// Exit 0 when clean, 2 (an error) when anything is wrong.
pub fn check(choice: &StoreChoice, args: &CheckArgs) -> Result<Outcome> {
    let (name, loaded) = match &args.path {
        Some(path) => (path.display().to_string(), load_path(path)),
        None => (choice.describe(), choice.open()),
    };
    let loaded = match loaded {
        Ok(loaded) => loaded,
        // A store that cannot be opened at all is itself the problem to report.
        Err(error) => {
            report_unopenable(&error, args.json.json)?;
            anyhow::bail!("{name}: the store cannot be opened: {error}");
        }
    };
    let mut out = Out::stdout();
    for problem in &loaded.problems {
        if args.json.json {
            out.json(problem)?;
        } else {
            out.line(&sanitize_line(&problem.to_string()))?;
        }
    }
    out.flush()?;
    let errors = loaded.problems.iter().filter(|p| p.is_error()).count();
    let warnings = loaded.problems.len() - errors;
    tell!(
        "{}: {} records, {} collections, {errors} error(s), {warnings} warning(s)",
        sanitize_line(&name),
        loaded.store.records.len(),
        loaded.store.collections.len(),
    );
    if errors > 0 {
        anyhow::bail!("{errors} error(s) in the store");
    }
    Ok(Outcome::Found)
}

fn report_unopenable(error: &StoreError, json: bool) -> Result<()> {
    if json {
        #[derive(Serialize)]
        struct Fatal {
            severity: &'static str,
            message: String,
        }
        let mut out = Out::stdout();
        out.json(&Fatal {
            severity: "error",
            message: error.to_string(),
        })?;
        out.flush()?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Paths<'a> {
    store: &'a str,
    store_origin: String,
    data: Option<&'a Path>,
    config: Option<&'a Path>,
    cache: Option<&'a Path>,
    /// The desk: marks, tags, notes, quotations, history.
    desk: Option<std::path::PathBuf>,
}

pub fn paths(choice: &StoreChoice, json: bool) -> Result<Outcome> {
    let dirs = AppDirs::discover();
    let store = choice.describe();
    let paths = Paths {
        store: &store,
        store_origin: choice.origin.to_string(),
        data: dirs.as_ref().map(|d| d.data.as_path()),
        config: dirs.as_ref().map(|d| d.config.as_path()),
        cache: dirs.as_ref().map(|d| d.cache.as_path()),
        desk: dirs.as_ref().map(crate::desk::default_path),
    };
    let mut out = Out::stdout();
    if json {
        out.json(&paths)?;
    } else {
        // Paths are printed as data too: a folder's name may hold an escape sequence.
        let show = |p: Option<&Path>| {
            p.map_or("(none: no home directory)".into(), |p| {
                sanitize_line(&p.display().to_string()).into_owned()
            })
        };
        out.line(&format!(
            "store   {} ({})",
            sanitize_line(paths.store),
            paths.store_origin
        ))?;
        out.line(&format!("data    {}", show(paths.data)))?;
        out.line(&format!("config  {}", show(paths.config)))?;
        out.line(&format!("cache   {}", show(paths.cache)))?;
        out.line(&format!("desk    {}", show(paths.desk.as_deref())))?;
    }
    out.flush()?;
    Ok(Outcome::Found)
}
