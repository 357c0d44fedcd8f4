//! Opening a store on a thread of its own, handing records over in batches, so that
//! the reading room draws while a big store is still arriving.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

use super::file::{self, CacheWriter};
use super::{CHUNKS_AT_ONCE, CacheKey};
use crate::store::load::load_path_lazy;
use crate::store::schema::{Archive, Collection, Record};
use crate::store::{Problem, StoreError};

/// Records per batch, at most.
pub(super) const MAX_BATCH: usize = 16 * 1024;

/// What the opening thread sends, in this order: `Begun`, any number of `Records`,
/// `Settled` when the store was read as it was sent, then `Done`; or `Failed` alone
/// (which may also come after `Begun` when a store folder cannot be read after all).
#[derive(Debug)]
pub enum Opening {
    Begun(Begun),
    /// The next records, in store order. Add them with [`crate::store::Store::extend_records`].
    Records(Vec<Record>),
    /// What only the whole store decides, once every record has been sent: the
    /// collections with their members settled and every problem. They replace those
    /// of `Begun`, which were the collections as `collections.json` lists them and the
    /// problems found before the first record was sent.
    Settled {
        collections: Vec<Collection>,
        problems: Vec<Problem>,
    },
    /// Every record has been sent.
    Done,
    /// The store cannot be opened; nothing follows.
    Failed(StoreError),
}

/// Everything about the store but its records.
#[derive(Debug)]
pub struct Begun {
    pub archive: Archive,
    pub collections: Vec<Collection>,
    pub problems: Vec<Problem>,
    /// How many records will follow.
    pub records: Expected,
    /// True when the records come from the cache (in batches, quickly); false when the
    /// store is parsed (a store folder file by file as it is read, any other store
    /// once it is read whole).
    pub from_cache: bool,
    /// Where derived data about this very state of the store (its search index) may be
    /// kept beside the cache; `None` when the store is not cached.
    pub sidecar: Option<super::Sidecar>,
}

/// How many records follow `Begun`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// Exactly this many: the store is read from the cache, or was parsed whole.
    Exactly(usize),
    /// About this many, judged from the share of the store's record files' bytes that
    /// was read before `Begun`: a store folder sent as it is read. `Settled` follows
    /// the records.
    About(usize),
}

impl Expected {
    /// Exactly how many, when that is known.
    pub fn exactly(self) -> Option<usize> {
        match self {
            Expected::Exactly(n) => Some(n),
            Expected::About(_) => None,
        }
    }

    /// How many records to make room for: an estimate with some to spare, since room
    /// made and never used costs only address space, while room missing costs moving
    /// every record held.
    pub fn room(self) -> usize {
        match self {
            Expected::Exactly(n) => n,
            Expected::About(n) => n.saturating_add(n / 8),
        }
    }
}

/// Opens the store at `path` as [`super::load_path_cached`] does, on a new thread.
/// From the cache, `Begun` arrives as soon as the cache's head is read and checked,
/// and records follow a few thousand at a time. Otherwise a store folder is sent as
/// it is read (see [`super::streamed`]): `Begun` and the first records arrive once
/// its first record file is read; a single-file store is parsed whole first. Either
/// way the cache is written as the records are sent. The channel closes when the
/// thread is finished, cache written included.
pub fn open_in_background(path: &Path, cache_dir: Option<&Path>) -> Receiver<Opening> {
    let (tx, rx) = mpsc::channel();
    let path = path.to_path_buf();
    let cache_dir = cache_dir.map(Path::to_path_buf);
    let failed = tx.clone();
    let spawned = std::thread::Builder::new()
        .name("carrel-open".into())
        .spawn(move || run(&path, cache_dir.as_deref(), &tx));
    if let Err(source) = spawned {
        let _ = failed.send(Opening::Failed(StoreError::Io {
            path: PathBuf::from("(a thread to open the store)"),
            source,
        }));
    }
    rx
}

fn run(path: &Path, cache_dir: Option<&Path>, tx: &Sender<Opening>) {
    let key = CacheKey::new(path, cache_dir);
    let Some(key) = key else {
        return parse(path, None, tx, None);
    };
    let Ok(mut reader) = key.reader(path, true) else {
        return parse(path, Some(&key), tx, None);
    };
    let head = &mut reader.head;
    let begun = Begun {
        archive: std::mem::take(&mut head.archive),
        collections: std::mem::take(&mut head.collections),
        problems: std::mem::take(&mut head.problems),
        records: Expected::Exactly(head.records),
        from_cache: true,
        sidecar: key.sidecar(),
    };
    if tx.send(Opening::Begun(begun)).is_err() {
        return;
    }
    let mut sent = 0;
    // The first batch small, to draw from at once; then bigger, fewer to take in.
    let mut batch_size = file::CHUNK * CHUNKS_AT_ONCE;
    let mut batch = Vec::new();
    loop {
        let decoded = reader
            .next_raws(CHUNKS_AT_ONCE)
            .and_then(|raws| reader.decode(&raws));
        match decoded {
            Ok(records) => {
                let last = records.is_empty();
                batch.extend(records);
                if batch.len() >= batch_size || (last && !batch.is_empty()) {
                    sent += batch.len();
                    batch_size = (batch_size * 2).min(MAX_BATCH);
                    if tx
                        .send(Opening::Records(std::mem::take(&mut batch)))
                        .is_err()
                    {
                        return;
                    }
                }
                if last {
                    let _ = tx.send(Opening::Done);
                    return;
                }
            }
            // A damaged chunk after others were sent: the store (unchanged, as the
            // fingerprint said) is parsed and what was not yet sent is sent.
            Err(_) => return parse(path, None, tx, Some(sent)),
        }
    }
}

/// A list handed over in batches, in order, taken from the end of the reversed list,
/// which then shrinks: the list is not held twice over while the receiver takes it in.
pub(super) struct Batches {
    reversed: Vec<Record>,
    size: usize,
}

impl Batches {
    pub(super) fn new(mut records: Vec<Record>, size: usize) -> Self {
        records.reverse();
        Batches {
            reversed: records,
            size: size.max(1),
        }
    }
}

impl Iterator for Batches {
    type Item = Vec<Record>;

    fn next(&mut self) -> Option<Vec<Record>> {
        if self.reversed.is_empty() {
            return None;
        }
        let at = self.reversed.len().saturating_sub(self.size);
        let mut batch = self.reversed.split_off(at);
        batch.reverse();
        self.reversed.shrink_to_fit();
        Some(batch)
    }
}

/// Parses the store and sends it, writing the cache (when `key` says where) as
/// records are sent. `sent`: `Begun` and that many records were sent already.
fn parse(path: &Path, key: Option<&CacheKey>, tx: &Sender<Opening>, sent: Option<usize>) {
    if path.is_dir() {
        return super::streamed::send(path, key, tx, sent);
    }
    // A single-file store is one JSON value: it is read whole, checked, then sent.
    let loaded = match load_path_lazy(path) {
        Ok(loaded) => loaded,
        Err(error) => {
            let _ = tx.send(Opening::Failed(error));
            return;
        }
    };
    let store = loaded.store;
    let mut rest = store.records;
    // Not `split_off`: that would copy every record to a new list and keep the old one.
    rest.drain(..sent.unwrap_or(0).min(rest.len()));
    if sent.is_none() {
        let begun = Begun {
            archive: store.archive.clone(),
            collections: store.collections.clone(),
            problems: loaded.problems.clone(),
            records: Expected::Exactly(rest.len()),
            from_cache: false,
            sidecar: key.and_then(CacheKey::sidecar),
        };
        if tx.send(Opening::Begun(begun)).is_err() {
            return;
        }
    }
    let fingerprint = key.and_then(|k| k.fingerprint.as_ref().filter(|f| f.settled()));
    let mut writer = key
        .zip(fingerprint)
        .and_then(|(key, _)| CacheWriter::create(&key.file, path).ok());
    // Batches as big as a cache read's: the reading room sees the same either way.
    for batch in Batches::new(rest, MAX_BATCH) {
        if let Some(w) = writer.as_mut()
            && w.add(&batch).is_err()
        {
            writer = None;
        }
        if tx.send(Opening::Records(batch)).is_err() {
            return;
        }
    }
    let _ = tx.send(Opening::Done);
    if let (Some(writer), Some(key), Some(fingerprint)) = (writer, key, fingerprint) {
        let _ = writer.finish(
            &key.canonical,
            fingerprint,
            &store.archive,
            &store.collections,
            &loaded.problems,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_come_in_order_and_whole() {
        let records: Vec<Record> = (0..7)
            .map(|i| Record {
                id: format!("r{i}"),
                ..Record::default()
            })
            .collect();
        let ids: Vec<Vec<String>> = Batches::new(records, 3)
            .map(|b| b.into_iter().map(|r| r.id).collect())
            .collect();
        assert_eq!(
            ids,
            [vec!["r0", "r1", "r2"], vec!["r3", "r4", "r5"], vec!["r6"]]
        );
        assert_eq!(Batches::new(Vec::new(), 3).count(), 0);
    }
}
