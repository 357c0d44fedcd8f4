//! What more than one benchmark needs: the store to measure when none is named, and
//! a store's size on disk. (A folder without `main.rs`, so cargo does not take it
//! for a benchmark of its own.)

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
