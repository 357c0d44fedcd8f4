//! Keeping the cache folder from filling up. Each store folder ever opened leaves a
//! cache there (tens or hundreds of megabytes for a big store); a store moved or
//! deleted would leave its cache forever. Swept whenever a cache is written (a first
//! run: rare, and already slow enough that a look through the folder is lost in it):
//! - temporary files that a carrel killed while writing left behind, after a day;
//! - the cache of a store whose folder is gone, with everything kept beside it (the
//!   saved search index), once no carrel has used it for 30 days: a store on a disk
//!   unplugged for a while, or renamed and back, finds its cache still there;
//! - things kept beside a cache that is gone, after 30 days.
//!
//! Files this version cannot read (another format) are left alone: another carrel
//! may be using them, and opening that store with this carrel replaces them anyway.

use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::FORMAT_VERSION;
use super::codec::Reader;
use super::file::{HEADER_LEN, MAGIC};

/// A temporary file this old was left by a carrel that was killed while writing.
const LEFTOVER_AGE: Duration = Duration::from_secs(24 * 3600);
/// A cache unused this long whose store is gone is not coming back into use.
pub(crate) const ORPHAN_AGE: Duration = Duration::from_secs(30 * 24 * 3600);
/// The cache's own extension; anything else with its stem was kept beside it.
const CACHE_EXTENSION: &str = "index";

/// Sweeps the cache folder `dir` (see the module's description).
pub(super) fn sweep(dir: &Path) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    let mut beside: Vec<PathBuf> = Vec::new();
    for entry in listing.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| m.elapsed().ok())
            .unwrap_or_default();
        if name.starts_with('.') {
            if name.ends_with(".tmp") && age > LEFTOVER_AGE {
                let _ = fs::remove_file(&path);
            }
        } else if path.extension().is_some_and(|e| e == CACHE_EXTENSION) {
            if age > ORPHAN_AGE && store_of(&path).is_some_and(|store| !store.exists()) {
                let _ = fs::remove_file(&path);
            }
        } else if age > ORPHAN_AGE {
            beside.push(path);
        }
    }
    // After the caches, so that what was kept beside a cache removed just now goes too.
    for path in beside {
        if !path.with_extension(CACHE_EXTENSION).exists() {
            let _ = fs::remove_file(&path);
        }
    }
}

/// Marks the cache at `cache_file` as used now (its age is what the sweep goes by).
/// A cache folder that cannot be written loses nothing but this mark.
pub(super) fn mark_used(cache_file: &Path) {
    if let Ok(file) = File::options().write(true).open(cache_file) {
        let _ = file.set_modified(SystemTime::now());
    }
}

/// The store a cache of this format was made from, as written in its head; `None`
/// for a file that is not such a cache or is damaged.
fn store_of(cache_file: &Path) -> Option<PathBuf> {
    // Enough for the carrel version and any path the system allows.
    const HEAD_START: u64 = 8 * 1024;
    let mut file = crate::store::files::open_regular(cache_file).ok()?;
    let mut header = [0u8; HEADER_LEN as usize];
    file.read_exact(&mut header).ok()?;
    let field = |at: usize, len: usize| {
        let mut le = [0u8; 8];
        le[..len].copy_from_slice(header.get(at..at + len)?);
        Some(u64::from_le_bytes(le))
    };
    if header.get(..8)? != MAGIC || field(8, 4)? != u64::from(FORMAT_VERSION) {
        return None;
    }
    let (head_offset, head_len) = (field(12, 8)?, field(20, 8)?);
    let mut start = vec![0u8; usize::try_from(head_len.min(HEAD_START)).ok()?];
    file.seek(SeekFrom::Start(head_offset)).ok()?;
    file.read_exact(&mut start).ok()?;
    let mut head = Reader::new(&start);
    let _version = head.str().ok()?;
    let store = head.str().ok()?;
    // A path that was not UTF-8 was written lossily: it cannot be looked for.
    (!store.contains(char::REPLACEMENT_CHARACTER)).then(|| PathBuf::from(store))
}
