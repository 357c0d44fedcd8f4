//! Full-text figures (issue 10), printed as a table: the index build (time, MB/s of
//! text, peak memory, size against the text), `carrel grep` as a whole process for a
//! common word, a phrase and a rare word beside `rg` over the same store files in the
//! same run, and the first page of results with snippets in-process (p50, p99).
//!
//! `cargo bench --bench grep` measures a small synthetic store made in a temporary
//! folder; `CARREL_BENCH_STORE=DIR cargo bench --bench grep` a store folder (e.g.
//! `cargo run --release --example synth -- --records 100000 --out /tmp/ft100k`).
//! `CARREL_BENCH_RUNS` (default 5) sets how many times each process runs. Nothing is
//! written outside the temporary folder.

#[path = "support/mod.rs"]
mod support;

use support::{peak_rss, reset_peak};

use support::{percentile, show_ms};

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context as _, bail};
use carrel::search::fulltext::{FullText, IndexProgress};
use carrel::store::{Store, load_path_cached};
use support::{size_on_disk, small_store};

const CARREL: &str = env!("CARGO_BIN_EXE_carrel");
/// In-process first pages timed per query.
const PAGE_REPEATS: usize = 40;

struct Setting {
    store: PathBuf,
    home: PathBuf,
}

impl Setting {
    fn carrel(&self) -> Command {
        let mut c = Command::new(CARREL);
        c.arg("--store")
            .arg(&self.store)
            .env("HOME", &self.home)
            .env("XDG_DATA_HOME", self.home.join("data"))
            .env("XDG_CONFIG_HOME", self.home.join("config"))
            .env("XDG_CACHE_HOME", self.home.join("cache"))
            .env_remove("CARREL_STORE")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    }

    fn cache_dir(&self) -> PathBuf {
        self.home.join("cache").join("carrel")
    }
}

fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn resident() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// How many runs of each command go untimed first (the page cache, a first run's
/// cache files written).
const WARM_UP: usize = 3;

/// The wall time of one run of `command`; its exit code must be 0 or 1 (nothing found).
fn run_once(command: &mut dyn FnMut() -> Command) -> anyhow::Result<f64> {
    let mut c = command();
    let start = Instant::now();
    let status = c.status().context("cannot start")?;
    let ms = ms_since(start);
    if !matches!(status.code(), Some(0 | 1)) {
        bail!("{c:?} failed: {status}");
    }
    Ok(ms)
}

/// Median wall times of `runs` runs of each command, one command after the other (as
/// hyperfine does), each after [`WARM_UP`] untimed runs. Taken in turn instead (carrel,
/// rg, carrel, ...), carrel's figure is higher: each of its runs then follows one of
/// rg's, which has just read 700 MB through both cores' caches.
fn timed_each(
    runs: usize,
    commands: &mut [&mut dyn FnMut() -> Command],
) -> anyhow::Result<Vec<f64>> {
    let mut medians = Vec::new();
    for command in commands.iter_mut() {
        for _ in 0..WARM_UP {
            run_once(*command)?;
        }
        let mut times = Vec::new();
        for _ in 0..runs {
            times.push(run_once(*command)?);
        }
        medians.push(percentile(&times, 0.5));
    }
    Ok(medians)
}

/// A code name some body carries (the synthetic store's rare words), else a word
/// that is rare in any English store.
fn rare_word(store: &Store) -> String {
    for record in 0..store.records.len().min(2000) {
        let Ok(texts) = store.texts(record) else {
            continue;
        };
        for text in texts.iter() {
            if let Some(at) = text.body.find("the code name ") {
                let rest = &text.body[at + "the code name ".len()..];
                if let Some(word) = rest.split_whitespace().next() {
                    return word.to_string();
                }
            }
        }
    }
    "tungsten".to_string()
}

fn main() -> anyhow::Result<()> {
    let scratch = tempfile::tempdir().context("cannot make a temporary folder")?;
    let store_path = match env::var("CARREL_BENCH_STORE") {
        Ok(path) if !path.is_empty() => PathBuf::from(path),
        _ => small_store(scratch.path()).context("cannot make a store to measure")?,
    };
    let setting = Setting {
        store: store_path.clone(),
        home: scratch.path().join("home"),
    };
    fs::create_dir_all(&setting.home)?;
    let runs = env::var("CARREL_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5usize)
        .max(1);
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    eprintln!("measuring {} ...", store_path.display());

    // The metadata cache, written by the binary as a user's first run writes it.
    let status = setting.carrel().args(["list"]).status()?;
    if !status.success() {
        bail!("carrel list failed on {}", store_path.display());
    }
    let loaded = load_path_cached(&store_path, Some(&setting.cache_dir()))?;
    let store = loaded.store;
    let mut rows: Vec<(String, String)> = vec![
        ("store: size on disk".into(), mb(size_on_disk(&store_path))),
        ("store: records".into(), store.records.len().to_string()),
    ];

    // The index build, in this process, into the cache folder the binary uses.
    let dir = carrel::search::fulltext::index_dir(&setting.cache_dir(), &store_path)
        .context("no index folder")?;
    let before = resident().unwrap_or(0);
    reset_peak();
    let start = Instant::now();
    let mut last = IndexProgress {
        done: 0,
        total: 0,
        bytes: 0,
    };
    let fulltext = FullText::open(&store, Some(&dir), |p| last = p)?;
    let build_ms = ms_since(start);
    let peak = peak_rss().unwrap_or(0);
    let index_bytes = size_on_disk(&dir);
    let text_mb = last.bytes as f64 / 1e6;
    rows.push((
        "index build: time".into(),
        format!(
            "{:.2} s ({} records with text, {cores} cores)",
            build_ms / 1000.0,
            last.total
        ),
    ));
    rows.push((
        "index build: speed".into(),
        format!(
            "{:.1} MB/s of text ({text_mb:.0} MB)",
            text_mb / (build_ms / 1000.0)
        ),
    ));
    rows.push((
        "index build: peak memory".into(),
        format!(
            "{} peak resident ({} before the build: the store)",
            mb(peak),
            mb(before)
        ),
    ));
    rows.push((
        "index: size".into(),
        format!(
            "{} ({:.2}x the text)",
            mb(index_bytes),
            index_bytes as f64 / last.bytes.max(1) as f64
        ),
    ));
    // The index just written goes to disk before anything is timed: a user's grep comes
    // long after the build, not while the kernel writes 200 MB back beside it.
    let _ = Command::new("sync").status();
    // So is carrel's own binary, and then dropped from memory, to be read back as the
    // system reads an installed program: just written by the linker, its pages are
    // cached as no program's are after a reboot (25 page faults more a run, measured).
    let _ = Command::new("dd")
        .args([
            &format!("if={CARREL}"),
            "iflag=nocache",
            "count=0",
            "status=none",
        ])
        .status();
    if let Some(row) = hot_functions_found() {
        rows.push(row);
    }
    let start = Instant::now();
    drop(fulltext);
    let reopened = FullText::open(&store, Some(&dir), |_| {})?;
    rows.push((
        "index: reopen, store unchanged".into(),
        show_ms(ms_since(start)),
    ));

    // Whole processes: carrel grep (first page) beside rg over the same files.
    let rare = rare_word(&store);
    let queries: Vec<(&str, String, String)> = vec![
        ("common word", "situation".into(), "situation".into()),
        (
            "phrase",
            "\"the khan of Altay\"".into(),
            "the khan of Altay".into(),
        ),
        ("rare word", rare.clone(), rare.clone()),
    ];
    let records = store_path.join("records");
    let rg = Path::new("/usr/bin/rg");
    for (label, query, pattern) in &queries {
        let found = {
            let q = reopened.query(query)?;
            reopened.search(&store, &q, None, Some(1))?.total
        };
        let mut carrel = || {
            let mut c = setting.carrel();
            c.args(["grep", query, "--limit", "20"]);
            c
        };
        let (carrel_ms, versus_rg) = if rg.is_file() {
            let mut rg_run = || {
                let mut c = Command::new(rg);
                c.args(["-i", "-c", "--fixed-strings", pattern])
                    .arg(&records)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null());
                c
            };
            let medians = timed_each(runs, &mut [&mut carrel, &mut rg_run])?;
            let (carrel_ms, rg_ms) = (medians[0], medians[1]);
            let versus = format!(
                "rg -i -c {}; {:.0}x",
                show_ms(rg_ms),
                rg_ms / carrel_ms.max(0.001)
            );
            (carrel_ms, versus)
        } else {
            let medians = timed_each(runs, &mut [&mut carrel])?;
            (medians[0], "rg not installed".to_string())
        };
        rows.push((
            format!("carrel grep {label} ({query}, {found} docs), median of {runs}"),
            format!("{} --limit 20; {versus_rg}", show_ms(carrel_ms)),
        ));
    }

    // In-process: the first page of results with snippets.
    let page_queries = [
        "situation",
        "\"according to available information\"",
        "\"the khan of Altay\"",
        "rebels district",
        "grain | harvest",
        rare.as_str(),
        "caravan !railway",
    ];
    let mut times = Vec::new();
    // Per query: the whole page, and the search's share of it (the rest is snippets).
    let mut per_query = vec![(Vec::new(), Vec::new()); page_queries.len()];
    for _ in 0..PAGE_REPEATS {
        for (n, text) in page_queries.iter().enumerate() {
            let start = Instant::now();
            let query = reopened.query(text)?;
            let hits = reopened.search(&store, &query, None, Some(20))?;
            let searched = ms_since(start);
            for &(record, _) in &hits.hits {
                let _ = reopened.snippet(&store, record, &query, 100)?;
            }
            let page = ms_since(start);
            times.push(page);
            per_query[n].0.push(page);
            per_query[n].1.push(searched);
        }
    }
    rows.push((
        format!(
            "first page, 20 hits with snippets ({} queries x {PAGE_REPEATS})",
            page_queries.len()
        ),
        format!(
            "p50 {}, p99 {}",
            show_ms(percentile(&times, 0.5)),
            show_ms(percentile(&times, 0.99))
        ),
    ));
    for (text, (pages, searches)) in page_queries.iter().zip(&per_query) {
        rows.push((
            format!("first page: {text}"),
            format!(
                "p50 {} (search {}), max {} (search {})",
                show_ms(percentile(pages, 0.5)),
                show_ms(percentile(searches, 0.5)),
                show_ms(percentile(pages, 1.0)),
                show_ms(percentile(searches, 1.0))
            ),
        ));
    }

    println!();
    println!(
        "machine: {cores} cores, load average {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("store: {}", store_path.display());
    println!();
    let w1 = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(4);
    println!("| {:<w1$} | figure |", "what");
    println!("|{}|--------|", "-".repeat(w1 + 2));
    for (what, figure) in &rows {
        println!("| {what:<w1$} | {figure} |");
    }
    Ok(())
}

/// How many of the hot-function list's names (see assets/docs/build.md) the timed binary
/// has: the layout is only as good as that count, and a list written for other
/// dependencies or another compiler matches few. `None` without `nm` (binutils).
fn hot_functions_found() -> Option<(String, String)> {
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/link/hot-functions.txt");
    let list = fs::read_to_string(list).ok()?;
    let symbols = Command::new("nm")
        .args(["--defined-only", "--format=just-symbols", CARREL])
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())?;
    let symbols = String::from_utf8_lossy(&symbols.stdout);
    let symbols: std::collections::HashSet<&str> = symbols.lines().collect();
    let names: Vec<&str> = list.lines().filter(|l| !l.starts_with('#')).collect();
    let found = names.iter().filter(|name| symbols.contains(*name)).count();
    Some((
        "carrel's binary: hot-function list names it has".into(),
        format!(
            "{found} of {} (the list holds the names of two builds, the user's and the bench's)",
            names.len()
        ),
    ))
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
