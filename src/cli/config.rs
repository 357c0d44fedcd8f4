//! `carrel config`: checks config.toml and reports each problem with its line and
//! key; `carrel config --default` prints a commented file with every default.

use anyhow::Result;

use super::Outcome;
use super::args::ConfigArgs;
use super::output::Out;
use crate::config;
use crate::store::AppDirs;
use crate::text::sanitize_line;

pub fn config(args: &ConfigArgs) -> Result<Outcome> {
    let mut out = Out::stdout();
    if args.default {
        out.line(config::default_file().trim_end())?;
        out.flush()?;
        return Ok(Outcome::Found);
    }
    let dirs = AppDirs::discover();
    let Some(path) = dirs.as_ref().map(config::default_path) else {
        anyhow::bail!("no home directory, so no config directory: the defaults are in use");
    };
    let loaded = config::load(&path);
    match &loaded.path {
        None => out.line(&format!(
            "{}: no config file; the defaults are in use (carrel config --default > {} writes one)",
            path.display(),
            path.display()
        ))?,
        Some(_) if loaded.problems.is_empty() => {
            out.line(&format!("{}: no problems", path.display()))?;
        }
        Some(_) => {}
    }
    out.flush()?;
    for problem in &loaded.problems {
        tell!("{}", sanitize_line(&problem.to_string()));
    }
    if !loaded.problems.is_empty() {
        anyhow::bail!(
            "{} problem(s) in {}; the defaults are used for those settings",
            loaded.problems.len(),
            path.display()
        );
    }
    Ok(Outcome::Found)
}
