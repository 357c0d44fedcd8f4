//! How fast a store opens and how much memory it takes, with and without the
//! metadata cache. `cargo bench --bench store_open`; set `CARREL_BENCH_STORE` to a
//! store folder (e.g. one made by `cargo run --release --example synth`), else a
//! small synthetic store is generated. Each measurement runs in a fresh process of
//! this same program, so that its peak resident size is its own.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use carrel::store::cache::{Opening, cache_file, open_in_background};
use carrel::store::schema::{Bodies, Record};
use carrel::store::{Store, load_path, load_path_cached, load_path_lazy};

#[path = "support/mod.rs"]
mod support;

use support::{size_on_disk, small_store};

const MODE: &str = "CARREL_BENCH_MODE";
const CACHE: &str = "CARREL_BENCH_CACHE";

fn main() {
    match env::var(MODE) {
        Ok(mode) => child(&mode),
        Err(_) => parent(),
    }
}

/// Peak resident size so far, in bytes (Linux only).
fn peak_rss() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// CPU time used so far (user + system), in seconds (Linux only): on a shared
/// machine, wall time says more about the neighbours than about the code.
fn cpu_seconds() -> Option<f64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn child(mode: &str) {
    let store = PathBuf::from(env::var("CARREL_BENCH_STORE").unwrap_or_default());
    let cache = env::var(CACHE).ok().map(PathBuf::from);
    if mode == "background" {
        return background(&store, cache.as_deref());
    }
    let start = Instant::now();
    let loaded = match mode {
        "eager" => load_path(&store),
        "lazy" => load_path_lazy(&store),
        _ => load_path_cached(&store, cache.as_deref()),
    };
    let took = start.elapsed();
    let rss = peak_rss();
    let cpu = cpu_seconds().unwrap_or(f64::NAN);
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("cannot open {}: {e}", store.display());
            std::process::exit(1);
        }
    };
    let mut extra = String::new();
    if mode == "cached" && env::var("CARREL_BENCH_NO_EXTRAS").is_err() {
        extra = format!(
            " from_cache={} texts_ms={:.3} json_ms={:.1}",
            loaded.from_cache,
            texts_ms(&loaded.store),
            json_metadata_ms(&loaded.store.records),
        );
    }
    println!(
        "RESULT ms={:.1} cpu={cpu:.2} rss={} records={}{extra}",
        ms(took),
        rss.map_or_else(|| "n/a".into(), |b| b.to_string()),
        loaded.store.records.len(),
    );
    // Not dropped: freeing the records is no part of opening, and takes a while.
    std::process::exit(0);
}

/// Opens in the background: when the store's description, the first records and
/// the last arrive.
fn background(store: &Path, cache: Option<&Path>) {
    let start = Instant::now();
    let rx = open_in_background(store, cache);
    let (mut begun, mut first, mut from_cache) = (None, None, false);
    let mut opened = Store::default();
    for message in rx.iter() {
        match message {
            Opening::Begun(b) => {
                begun = Some(start.elapsed());
                from_cache = b.from_cache;
                opened = Store::new(b.archive, b.collections, Vec::new());
            }
            Opening::Records(batch) => {
                first = first.or(Some(start.elapsed()));
                opened.extend_records(batch);
            }
            Opening::Settled { collections, .. } => opened.collections = collections,
            Opening::Done => break,
            Opening::Failed(e) => {
                eprintln!("cannot open {}: {e}", store.display());
                std::process::exit(1);
            }
        }
    }
    let done = start.elapsed();
    let cpu = cpu_seconds().unwrap_or(f64::NAN);
    let records = opened.records.len();
    let shown = |d: Option<Duration>| d.map_or(f64::NAN, ms);
    println!(
        "RESULT ms={:.1} cpu={cpu:.2} rss={} records={records} from_cache={from_cache} begun_ms={:.1} first_ms={:.1}",
        ms(done),
        peak_rss().map_or_else(|| "n/a".into(), |b| b.to_string()),
        shown(begun),
        shown(first),
    );
    std::process::exit(0);
}

/// Median time to read back the texts of one record, over up to 101 records spread
/// through the store.
fn texts_ms(store: &carrel::store::Store) -> f64 {
    let n = store.records.len();
    let step = (n / 101).max(1);
    let mut times: Vec<f64> = (0..n)
        .step_by(step)
        .filter(|&i| matches!(store.records[i].bodies, Bodies::OnDisk(_)))
        .map(|i| {
            let start = Instant::now();
            let texts = store.texts(i).map(|t| t.len());
            assert!(texts.is_ok(), "texts of record {i}: {texts:?}");
            ms(start.elapsed())
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}

/// What the same records cost as a serde_json cache: they are written as JSON
/// (bodies are already empty) and parsed back on two threads.
fn json_metadata_ms(records: &[Record]) -> f64 {
    let halves: Vec<Vec<u8>> = records
        .chunks(records.len().div_ceil(2).max(1))
        .map(|half| serde_json::to_vec(half).unwrap_or_default())
        .collect();
    let start = Instant::now();
    std::thread::scope(|scope| {
        let parsers: Vec<_> = halves
            .iter()
            .map(|bytes| {
                scope.spawn(move || serde_json::from_slice::<Vec<Record>>(bytes).map(|r| r.len()))
            })
            .collect();
        for parser in parsers {
            let parsed = parser.join().map(|r| r.is_ok());
            assert!(matches!(parsed, Ok(true)), "JSON metadata did not parse");
        }
    });
    ms(start.elapsed())
}

struct Run {
    ms: f64,
    cpu: f64,
    rss: Option<u64>,
    fields: Vec<(String, String)>,
}

fn run(mode: &str, store: &Path, cache: &Path) -> Run {
    let exe = env::current_exe().unwrap_or_else(|_| PathBuf::from("store_open"));
    let output = Command::new(exe)
        .env(MODE, mode)
        .env("CARREL_BENCH_STORE", store)
        .env(CACHE, cache)
        .output();
    let text = output
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let line = text
        .lines()
        .find(|l| l.starts_with("RESULT "))
        .unwrap_or("");
    let fields: Vec<(String, String)> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let get = |key: &str| {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    Run {
        ms: get("ms").and_then(|v| v.parse().ok()).unwrap_or(f64::NAN),
        cpu: get("cpu").and_then(|v| v.parse().ok()).unwrap_or(f64::NAN),
        rss: get("rss").and_then(|v| v.parse().ok()),
        fields,
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn rss(run: &Run) -> String {
    run.rss.map_or_else(|| "n/a".into(), mb)
}

fn parent() {
    let scratch = tempfile::tempdir().ok();
    let scratch_dir = scratch
        .as_ref()
        .map_or_else(env::temp_dir, |d| d.path().to_path_buf());
    let store = match env::var("CARREL_BENCH_STORE") {
        Ok(path) if !path.is_empty() => PathBuf::from(path),
        _ => small_store(&scratch_dir).unwrap_or_else(|e| {
            eprintln!("cannot make a store to measure: {e}");
            std::process::exit(1);
        }),
    };
    let cache = scratch_dir.join("cache");
    let skip_eager = env::var("CARREL_BENCH_SKIP_EAGER").is_ok();
    let runs: usize = env::var("CARREL_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1);

    let eager = (!skip_eager).then(|| run("eager", &store, &cache));
    let lazy = run("lazy", &store, &cache);
    let first = run("first", &store, &cache);
    let mut cached: Vec<Run> = (0..runs).map(|_| run("cached", &store, &cache)).collect();
    cached.sort_by(|a, b| a.ms.total_cmp(&b.ms));
    let median = &cached[runs / 2];
    let mut batched: Vec<Run> = (0..runs)
        .map(|_| run("background", &store, &cache))
        .collect();
    batched.sort_by(|a, b| a.ms.total_cmp(&b.ms));
    let batched = &batched[runs / 2];
    let field = |run: &Run, key: &str| {
        run.fields
            .iter()
            .find(|(k, _)| k == key)
            .map_or_else(|| "?".into(), |(_, v)| v.clone())
    };
    let cache_size = fs::canonicalize(&store)
        .map(|c| size_on_disk(&cache_file(&cache, &c)))
        .unwrap_or(0);

    println!("store                 {}", store.display());
    println!("size on disk          {}", mb(size_on_disk(&store)));
    println!("records               {}", field(&lazy, "records"));
    println!("cache file            {}", mb(cache_size));
    println!();
    println!(
        "{:<44} {:>10} {:>8} {:>12}",
        "open", "wall ms", "CPU s", "peak RSS"
    );
    if let Some(eager) = &eager {
        println!(
            "{:<44} {:>10.1} {:>8.2} {:>12}",
            "load_path (all bodies in memory)",
            eager.ms,
            eager.cpu,
            rss(eager)
        );
    }
    println!(
        "{:<44} {:>10.1} {:>8.2} {:>12}",
        "load_path_lazy (bodies left on disk)",
        lazy.ms,
        lazy.cpu,
        rss(&lazy)
    );
    println!(
        "{:<44} {:>10.1} {:>8.2} {:>12}",
        "first open, no cache (parse + write cache)",
        first.ms,
        first.cpu,
        rss(&first)
    );
    println!(
        "{:<44} {:>10.1} {:>8.2} {:>12}",
        format!("cached open (median of {runs})"),
        median.ms,
        median.cpu,
        rss(median)
    );
    println!(
        "{:<44} {:>10}",
        "  runs (ms)",
        cached
            .iter()
            .map(|r| format!("{:.0}", r.ms))
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("  from cache            {}", field(median, "from_cache"));
    println!(
        "{:<44} {:>10.1} {:>8.2} {:>12}",
        format!("cached, in batches (median of {runs})"),
        batched.ms,
        batched.cpu,
        rss(batched)
    );
    println!(
        "  store described after {} ms, first records after {} ms (from cache: {})",
        field(batched, "begun_ms"),
        field(batched, "first_ms"),
        field(batched, "from_cache")
    );
    println!(
        "  same metadata as serde_json, parse on 2 threads: {} ms",
        field(median, "json_ms")
    );
    println!(
        "  texts of one record, read back (median): {} ms",
        field(median, "texts_ms")
    );
}
