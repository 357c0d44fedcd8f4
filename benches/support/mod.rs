//! What more than one benchmark needs: the store to measure when none is named, a
//! store's size on disk, percentiles and how milliseconds are shown. (A folder without
//! `main.rs`, so cargo does not take it for a benchmark of its own.)

// Each benchmark uses some of these, none all of them.
#![allow(dead_code)]

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use carrel::synth::{SynthConfig, backdate, generate};

/// A small synthetic store in `dir`, dated an hour back (a store modified moments
/// ago is not cached).
pub fn small_store(dir: &Path) -> io::Result<PathBuf> {
    let store = dir.join("store");
    let config = SynthConfig {
        records: 5000,
        seed: 1,
        shard_size: 1000,
        ..SynthConfig::default()
    };
    generate(&config, &store)?;
    backdate(&store, Duration::from_secs(3600))?;
    Ok(store)
}

/// Bytes of all files under `path`.
pub fn size_on_disk(path: &Path) -> u64 {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => fs::read_dir(path)
            .map(|entries| entries.flatten().map(|e| size_on_disk(&e.path())).sum())
            .unwrap_or(0),
        Ok(meta) => meta.len(),
        Err(_) => 0,
    }
}

/// The value below which `p` of the values lie (nearest rank); NaN for none.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

pub fn median(values: &[f64]) -> f64 {
    percentile(values, 0.5)
}

pub fn show_ms(ms: f64) -> String {
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

/// Peak resident memory of this process since the last [`reset_peak`], in bytes.
pub fn peak_rss() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Resets the high-water mark [`peak_rss`] reads ("5", Linux 4.0 on); without it the
/// peak includes everything before.
pub fn reset_peak() {
    let _ = fs::write("/proc/self/clear_refs", "5");
}
