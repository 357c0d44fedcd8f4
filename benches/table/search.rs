//! `carrel search QUERY --limit 20` as a whole process (metadata cache warm) against
//! `fzf --filter QUERY` over a file holding each record's title, summary and names
//! (people and places, with their other spellings), one record per line.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context as _, bail};
use carrel::store::Store;

use super::{Row, Setting, mb, median, ms, row, show_ms};

const QUERIES: &[&str] = &["b", "beria", "beria mol"];
/// fzf takes seconds a run over a million records: fewer runs there.
const BIG: usize = 500_000;

/// One line per record, what a reader would feed fzf to find it.
fn write_lines(store: &Store, path: &Path) -> anyhow::Result<u64> {
    let mut out = BufWriter::new(File::create(path)?);
    for record in &store.records {
        let mut fields: Vec<&str> = vec![&record.title];
        fields.extend(record.summary.as_deref());
        for entity in record.people.iter().chain(&record.places) {
            fields.push(&entity.name);
            fields.extend(entity.alt.iter().map(String::as_str));
        }
        let line = fields.join(" ").replace(['\n', '\r'], " ");
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

fn fzf() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("fzf"));
    [PathBuf::from("/usr/bin/fzf")]
        .into_iter()
        .chain(on_path)
        .find(|p| p.is_file())
}

/// Median wall time of `runs` runs of a command built afresh each time.
fn timed(runs: usize, mut command: impl FnMut() -> anyhow::Result<Command>) -> anyhow::Result<f64> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let mut c = command()?;
        let start = Instant::now();
        let status = c.status().context("cannot start")?;
        times.push(ms(start.elapsed()));
        // fzf says 1 when nothing matched; anything else is a failure.
        if !matches!(status.code(), Some(0 | 1)) {
            bail!("{c:?} failed: {status}");
        }
    }
    Ok(median(&times))
}

pub fn rows(
    setting: &Setting,
    store: &Store,
    scratch: &Path,
    runs: usize,
) -> anyhow::Result<Vec<Row>> {
    let carrel = |query: &str| {
        let mut c = setting.carrel();
        c.args(["search", query, "--limit", "20"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    // Once, untimed: the cache is there and the binary's pages are in memory.
    carrel("b").status().context("cannot run carrel search")?;
    let mut rows = Vec::new();
    let fzf_input = scratch.join("fzf-lines.txt");
    let fzf = fzf();
    let fzf_runs = if store.records.len() >= BIG {
        runs.min(3)
    } else {
        runs
    };
    if fzf.is_some() {
        let bytes = write_lines(store, &fzf_input)?;
        rows.push(row(
            "search: fzf's input (title, summary, names)",
            format!("{} lines, {}", store.records.len(), mb(bytes)),
            "",
        ));
    } else {
        rows.push(row("search: fzf", "not installed: skipped", ""));
    }
    for query in QUERIES {
        let ours = timed(runs, || Ok(carrel(query)))?;
        let theirs = match &fzf {
            Some(path) => Some(timed(fzf_runs, || {
                let mut c = Command::new(path);
                c.args(["--filter", query])
                    .env_remove("FZF_DEFAULT_OPTS")
                    .env_remove("FZF_DEFAULT_COMMAND")
                    .stdin(File::open(&fzf_input)?)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null());
                Ok(c)
            })?),
            None => None,
        };
        let figure = match theirs {
            Some(theirs) => format!(
                "carrel {} / fzf {} = {:.1}x",
                show_ms(ours),
                show_ms(theirs),
                theirs / ours
            ),
            None => format!("carrel {}", show_ms(ours)),
        };
        rows.push(row(
            format!("search `{query}`, whole process (median of {runs}; fzf {fzf_runs})"),
            figure,
            "carrel ≥ 5x faster than fzf",
        ));
    }
    Ok(rows)
}
