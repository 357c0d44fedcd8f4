//! carrel's performance figures in one table, each beside its target (issue 4).
//!
//! `cargo bench --bench table` measures a small synthetic store generated into a
//! temporary folder; `CARREL_BENCH_STORE=DIR cargo bench --bench table` measures a
//! store folder (e.g. one made by `cargo run --release --example synth`). Nothing is
//! written outside a temporary folder: the metadata cache goes there too.
//!
//! Rows: the store (size, records); start-up of the built binary in a pseudo-terminal,
//! first run and cached, and its peak memory; a keystroke script through the filter
//! line; `carrel search` against `fzf --filter`; a frame with a 1 MB document open;
//! the bytes one `j` writes to the terminal; the CPU time the reading room takes
//! over a quiet minute, and over one with a filter left on screen.
//!
//! `CARREL_BENCH_RUNS` (default 5) sets how many times each process is started;
//! `CARREL_BENCH_REPEATS` (default 12, 4 from 500,000 records) how many times the
//! keystroke script is typed; `CARREL_BENCH_SKIP=startup,search` leaves sections out
//! (also `bytes`, `filter`, `fulltext`, `frame`, `idle`); `CARREL_BENCH_IDLE_SECONDS` (default 60)
//! how long each idle span lasts. Takes about 4 minutes at 100,000 records on 2
//! busy cores, about 15 at a million (fzf alone takes 10-40 s a run there).

#[path = "table/filter.rs"]
mod filter;
#[path = "table/frame.rs"]
mod frame;
#[path = "table/fulltext.rs"]
mod fulltext;
#[path = "table/idle.rs"]
mod idle;
#[path = "table/search.rs"]
mod search;
#[path = "table/startup.rs"]
mod startup;
#[path = "support/mod.rs"]
mod support;
#[path = "../tests/tui_support/wire.rs"]
mod wire;

pub use support::{median, percentile, show_ms};
use support::{size_on_disk, small_store};

use std::env;
use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use anyhow::Context as _;
use carrel::store::load_path_cached;
use carrel::tui::{App, Library};

/// The built binary, as `cargo bench` built it.
pub const CARREL: &str = env!("CARGO_BIN_EXE_carrel");

/// Where the processes this bench starts find (and keep) their things: a home, data
/// and cache folders of their own, so no user store is touched or cached.
pub struct Setting {
    pub store: PathBuf,
    pub home: PathBuf,
    pub cache_home: PathBuf,
}

impl Setting {
    /// A command running the built carrel on the store, in this setting.
    pub fn carrel(&self) -> Command {
        let mut command = Command::new(CARREL);
        command.arg("--store").arg(&self.store);
        for (key, value) in self.environment() {
            command.env(key, value);
        }
        command.env_remove("CARREL_STORE");
        command
    }

    pub fn environment(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("HOME", self.home.clone()),
            ("XDG_DATA_HOME", self.home.join("data")),
            ("XDG_CONFIG_HOME", self.home.join("config")),
            ("XDG_CACHE_HOME", self.cache_home.clone()),
        ]
    }

    /// The cache folder carrel itself uses in this setting, as `carrel paths` says.
    fn carrel_cache_dir(&self) -> PathBuf {
        let said = self
            .carrel()
            .args(["paths", "--json"])
            .output()
            .ok()
            .and_then(|out| serde_json::from_slice::<serde_json::Value>(&out.stdout).ok())
            .and_then(|paths| paths.get("cache")?.as_str().map(PathBuf::from));
        said.unwrap_or_else(|| self.cache_home.join("carrel"))
    }
}

/// One row of the table.
pub struct Row {
    pub what: String,
    pub figure: String,
    pub target: String,
}

pub fn row(what: impl Into<String>, figure: impl Into<String>, target: impl Into<String>) -> Row {
    Row {
        what: what.into(),
        figure: figure.into(),
        target: target.into(),
    }
}

/// A section that could not be measured still gets its row, saying why.
fn or_failed(what: &str, rows: anyhow::Result<Vec<Row>>) -> Vec<Row> {
    rows.unwrap_or_else(|e| vec![row(what, format!("failed: {e:#}"), "")])
}

/// Runs a section unless `CARREL_BENCH_SKIP` names it (a comma-separated list of
/// `startup`, `bytes`, `filter`, `fulltext`, `search`, `frame`, `idle`).
fn section(name: &str, measure: impl FnOnce() -> anyhow::Result<Vec<Row>>) -> Vec<Row> {
    let skip = env::var("CARREL_BENCH_SKIP").unwrap_or_default();
    if skip.split(',').any(|s| s.trim() == name) {
        return Vec::new();
    }
    eprintln!("{name} ...");
    or_failed(name, measure())
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn env_count(name: &str, default: usize) -> usize {
    env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
        .max(1)
}

/// The machine, as the figures depend on it: cores and how busy they were.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    format!(
        "machine: {cores} cores, load average {} (1, 5, 15 min)",
        load.join(" ")
    )
}

fn print_table(rows: &[Row]) {
    let width = |f: fn(&Row) -> &str, head: &str| {
        rows.iter()
            .map(|r| f(r).chars().count())
            .chain([head.len()])
            .max()
            .unwrap_or(0)
    };
    let (w1, w2, w3) = (
        width(|r| &r.what, "what"),
        width(|r| &r.figure, "figure"),
        width(|r| &r.target, "target"),
    );
    println!(
        "| {:<w1$} | {:<w2$} | {:<w3$} |",
        "what", "figure", "target"
    );
    println!(
        "|{}|{}|{}|",
        "-".repeat(w1 + 2),
        "-".repeat(w2 + 2),
        "-".repeat(w3 + 2)
    );
    for r in rows {
        println!(
            "| {:<w1$} | {:<w2$} | {:<w3$} |",
            r.what, r.figure, r.target
        );
    }
}

fn main() -> anyhow::Result<()> {
    let machine = machine();
    let scratch = tempfile::tempdir().context("cannot make a temporary folder")?;
    let store = match env::var("CARREL_BENCH_STORE") {
        Ok(path) if !path.is_empty() => PathBuf::from(path),
        _ => small_store(scratch.path()).context("cannot make a store to measure")?,
    };
    let setting = Setting {
        store,
        home: scratch.path().join("home"),
        cache_home: scratch.path().join("cache"),
    };
    // portable-pty starts the child in its HOME: it must exist.
    fs::create_dir_all(&setting.home).context("cannot make a home folder")?;
    let runs = env_count("CARREL_BENCH_RUNS", 5);
    let store_size = size_on_disk(&setting.store);
    eprintln!("measuring {} ...", setting.store.display());

    // First, while no cache exists: the first run of the binary writes it.
    let startup = section("startup", || startup::rows(&setting, runs, store_size));

    let idle_seconds = env_count("CARREL_BENCH_IDLE_SECONDS", 60) as u64;
    let idle = section("idle", || idle::rows(&setting, idle_seconds));

    // The reading room in this process, over the cache the binary wrote.
    let cache_dir = setting.carrel_cache_dir();
    let loaded = load_path_cached(&setting.store, Some(&cache_dir))
        .with_context(|| format!("cannot open {}", setting.store.display()))?;
    let records = loaded.store.records.len();
    // At a million records the script takes seconds a pass.
    let repeats = env_count(
        "CARREL_BENCH_REPEATS",
        if records >= 500_000 { 4 } else { 12 },
    );
    let mut app = App::from_library(Library::new(loaded));

    let bytes = section("bytes", || frame::bytes_rows(&mut app));
    let filtering = section("filter", || filter::rows(&mut app, repeats));
    let full_text = section("fulltext", || {
        fulltext::rows(&mut app, repeats, &scratch.path().join("fulltext-index"))
    });
    let searching = section("search", || {
        search::rows(&setting, app.store(), scratch.path(), runs)
    });
    drop(app);
    let frames = section("frame", frame::rows);

    let mut rows = vec![
        row("store: size on disk", mb(store_size), ""),
        row("store: records", records.to_string(), ""),
    ];
    rows.extend(startup);
    rows.extend(filtering);
    rows.extend(full_text);
    rows.extend(searching);
    rows.extend(frames);
    rows.extend(bytes);
    rows.extend(idle);

    println!();
    println!("{machine}");
    println!("store: {}", setting.store.display());
    println!();
    print_table(&rows);
    Ok(())
}
