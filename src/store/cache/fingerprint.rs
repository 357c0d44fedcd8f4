//! What a store's files look like from outside: names, sizes and modification
//! times. A cache is used only while its fingerprint is the store's.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::codec::{Code, Decoded, Reader, Writer};

/// A file modified this recently may be modified again within the same tick of a
/// coarse file system clock, unseen: such a store is not cached until it settles.
const SETTLE: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fingerprint {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// Relative to the store; "" for a single-file store itself.
    name: String,
    is_dir: bool,
    size: u64,
    /// Nanoseconds since the Unix epoch (0 before it or when unknown).
    modified: u64,
}

impl Entry {
    fn of(name: String, meta: &fs::Metadata) -> Self {
        Entry {
            name,
            is_dir: meta.is_dir(),
            size: meta.len(),
            modified: meta.modified().ok().map_or(0, nanos_since_epoch),
        }
    }
}

fn nanos_since_epoch(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

impl Fingerprint {
    /// The store's fingerprint: `archive.json`, `collections.json` and everything in
    /// `records/` (an added or removed file changes it too), or the single file.
    /// `None` when some file cannot be looked at: such a store is not cached.
    pub fn of(root: &Path) -> Option<Self> {
        let meta = fs::metadata(root).ok()?;
        if !meta.is_dir() {
            return Some(Fingerprint {
                entries: vec![Entry::of(String::new(), &meta)],
            });
        }
        let mut entries = Vec::new();
        for name in ["archive.json", "collections.json"] {
            match fs::metadata(root.join(name)) {
                Ok(meta) => entries.push(Entry::of(name.to_string(), &meta)),
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(_) => return None,
            }
        }
        match fs::read_dir(root.join("records")) {
            Ok(listing) => {
                let mut files = Vec::new();
                for entry in listing {
                    let entry = entry.ok()?;
                    let name = format!("records/{}", entry.file_name().to_string_lossy());
                    // Followed like the loader follows it: a linked shard counts as itself.
                    let meta = fs::metadata(entry.path()).ok()?;
                    files.push(Entry::of(name, &meta));
                }
                files.sort_by(|a, b| a.name.cmp(&b.name));
                entries.extend(files);
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(_) => return None,
        }
        Some(Fingerprint { entries })
    }

    /// True when no file was modified in the last moments (see [`SETTLE`]).
    pub fn settled(&self) -> bool {
        let recent = SystemTime::now()
            .checked_sub(SETTLE)
            .map_or(0, nanos_since_epoch);
        self.entries.iter().all(|e| e.modified < recent)
    }
}

impl Code for Fingerprint {
    fn put(&self, w: &mut Writer) {
        w.usize(self.entries.len());
        for Entry {
            name,
            is_dir,
            size,
            modified,
        } in &self.entries
        {
            w.put(name);
            w.put(is_dir);
            w.put(size);
            w.put(modified);
        }
    }

    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        let count = r.count()?;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            entries.push(Entry {
                name: r.get()?,
                is_dir: r.get()?,
                size: r.get()?,
                modified: r.get()?,
            });
        }
        Ok(Fingerprint { entries })
    }
}
