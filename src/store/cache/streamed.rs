//! A store folder with no usable cache, sent as it is read: its record files are read
//! on two threads, a few ahead of the one being sent, and checked in store order by
//! the same [`Assembler`] that loads a store whole, so the records that arrive are
//! those [`crate::store::load_path_lazy`] gives. The first records go out as soon as
//! the first record file is read; what only the whole store decides (the collections'
//! members, every problem) follows them as `Settled`.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Condvar, Mutex};

use super::background::{Batches, Begun, Expected, MAX_BATCH, Opening};
use super::file::{self, CacheWriter};
use super::{CacheKey, Sidecar};
use crate::store::load::items::Items;
use crate::store::load::{Assembler, Unread, open_unread, read_records};
use crate::store::schema::{Archive, Record};

/// Record files read ahead of the one being sent, at most: enough to keep two threads
/// busy, few enough that a big store is never held whole on its way through.
const AHEAD: usize = 2;

/// Records gathered before they are sent (but for the first, sent at once): a store
/// of many small files is sent, and cached, in chunks of a useful size.
const MIN_BATCH: usize = 2 * file::CHUNK;

/// Reads the store folder at `path` and sends it (see the module), writing the cache
/// when `key` says where. `sent`: `Begun` and that many records were sent already.
pub(super) fn send(path: &Path, key: Option<&CacheKey>, tx: &Sender<Opening>, sent: Option<usize>) {
    let Unread {
        archive,
        mut assembler,
        record_files,
    } = match open_unread(path) {
        Ok(unread) => unread,
        Err(error) => {
            let _ = tx.send(Opening::Failed(error));
            return;
        }
    };
    let sizes: Vec<u64> = (record_files.iter())
        .map(|(_, file)| fs::metadata(file).map_or(0, |m| m.len()))
        .collect();
    let total_size: u64 = sizes.iter().sum();
    let fingerprint = key.and_then(|k| k.fingerprint.as_ref().filter(|f| f.settled()));
    let mut outbox = Outbox {
        tx,
        begun: sent
            .is_none()
            .then(|| (archive.clone(), key.and_then(CacheKey::sidecar))),
        writer: key
            .zip(fingerprint)
            .and_then(|(key, _)| CacheWriter::create(&key.file, path).ok()),
        pending: Vec::new(),
    };
    let mut skip = sent.unwrap_or(0);
    let mut kept = 0usize;
    let mut read_size = 0u64;
    let last = record_files.len().saturating_sub(1);
    let whole = read_in_order(&record_files, |at, items| {
        let mut records = assembler.add(items);
        kept += records.len();
        read_size += sizes.get(at).copied().unwrap_or(0);
        let skipped = skip.min(records.len());
        records.drain(..skipped);
        skip -= skipped;
        outbox.pending.extend(records);
        let first = outbox.begun.is_some() && !outbox.pending.is_empty();
        if !first && outbox.pending.len() < MIN_BATCH {
            return true;
        }
        let expected = if at == last {
            Expected::Exactly(kept)
        } else {
            estimate(kept, read_size, total_size)
        };
        outbox.flush(&mut assembler, expected)
    });
    // Every file read: the count is known, should `Begun` still be due.
    if !whole || !outbox.flush(&mut assembler, Expected::Exactly(kept)) {
        return;
    }
    let settled = assembler.finish();
    // The cache is finished before `Settled` goes, so that the collections and the
    // problems are handed over rather than copied: at the very end, when the reading
    // room holds every record, memory is at its peak. It costs a few milliseconds.
    if let (Some(writer), Some(key), Some(fingerprint)) = (outbox.writer.take(), key, fingerprint) {
        let _ = writer.finish(
            &key.canonical,
            fingerprint,
            &archive,
            &settled.collections,
            &settled.problems,
        );
    }
    let message = Opening::Settled {
        collections: settled.collections,
        problems: settled.problems,
    };
    if tx.send(message).is_ok() {
        let _ = tx.send(Opening::Done);
    }
}

/// What is on its way out: `Begun` until it is sent, then records.
struct Outbox<'a> {
    tx: &'a Sender<Opening>,
    /// What `Begun` needs beside the assembler, until it is sent.
    begun: Option<(Archive, Option<Sidecar>)>,
    writer: Option<CacheWriter>,
    pending: Vec<Record>,
}

impl Outbox<'_> {
    /// Sends the pending records, after `Begun` the first time; false once nobody listens.
    fn flush(&mut self, assembler: &mut Assembler, expected: Expected) -> bool {
        let mut records = std::mem::take(&mut self.pending);
        if let Some((archive, sidecar)) = self.begun.take() {
            let begun = Begun {
                archive,
                collections: assembler.take_collections_so_far(),
                problems: assembler.problems_so_far(),
                records: expected,
                from_cache: false,
                sidecar,
            };
            if self.tx.send(Opening::Begun(begun)).is_err() {
                return false;
            }
            // A small first batch, to draw from at once (as from the cache).
            if records.len() > MIN_BATCH {
                let rest = records.split_off(MIN_BATCH);
                if !self.send(records) {
                    return false;
                }
                records = rest;
            }
        }
        if records.len() <= MAX_BATCH {
            return records.is_empty() || self.send(records);
        }
        Batches::new(records, MAX_BATCH).all(|batch| self.send(batch))
    }

    /// Caches and sends one batch; false once nobody listens.
    fn send(&mut self, batch: Vec<Record>) -> bool {
        if let Some(w) = self.writer.as_mut()
            && w.add(&batch).is_err()
        {
            self.writer = None;
        }
        self.tx.send(Opening::Records(batch)).is_ok()
    }
}

/// Records in the whole store, judged from `kept` in the first `read` of `total` bytes.
fn estimate(kept: usize, read: u64, total: u64) -> Expected {
    if read == 0 || read >= total {
        return Expected::About(kept);
    }
    let scaled = (kept as u128) * u128::from(total) / u128::from(read);
    Expected::About(usize::try_from(scaled).unwrap_or(usize::MAX))
}

/// Which record files the reading threads may read: those before a bound that moves
/// on as files are taken in, [`AHEAD`] past the last one taken.
struct Window {
    /// Files before this may be read; `None` once reading should stop.
    open_below: Mutex<Option<usize>>,
    moved: Condvar,
    /// The next file not yet claimed by a reading thread.
    next: AtomicUsize,
}

impl Window {
    /// Waits until file `at` may be read; false when reading should stop.
    fn wait_for(&self, at: usize) -> bool {
        let Ok(mut open_below) = self.open_below.lock() else {
            return false;
        };
        loop {
            match *open_below {
                None => return false,
                Some(n) if at < n => return true,
                Some(_) => match self.moved.wait(open_below) {
                    Ok(guard) => open_below = guard,
                    Err(_) => return false,
                },
            }
        }
    }

    /// `taken` files have been taken in (`None`: stop reading).
    fn taken(&self, taken: Option<usize>) {
        if let Ok(mut guard) = self.open_below.lock() {
            *guard = taken.map(|n| n + AHEAD);
        }
        self.moved.notify_all();
    }
}

/// Reads `files` on one thread per core and hands each one's records to `take` in
/// order; `take` returns false to stop. True when every file was taken. The first
/// file is read alone, and its records taken in, before any other is read: the first
/// records shown wait for nothing else. (All are read on the reading threads, so that
/// the records are made by those threads only: each thread's allocations keep to an
/// arena of their own, and more arenas holding records would mean more memory.)
fn read_in_order(
    files: &[(String, PathBuf)],
    mut take: impl FnMut(usize, Items<Record>) -> bool,
) -> bool {
    let threads = crate::store::load::items::reading_threads();
    let window = Window {
        open_below: Mutex::new(Some(1)),
        moved: Condvar::new(),
        next: AtomicUsize::new(0),
    };
    std::thread::scope(|scope| {
        let (done_tx, done) = mpsc::channel::<(usize, Items<Record>)>();
        let mut readers = 0;
        for _ in 0..threads.min(files.len()) {
            let done_tx = done_tx.clone();
            let window = &window;
            let reader = move || {
                loop {
                    let at = window.next.fetch_add(1, Ordering::Relaxed);
                    let Some((name, file)) = files.get(at) else {
                        return;
                    };
                    if !window.wait_for(at) {
                        return;
                    }
                    if done_tx.send((at, read_records(name, file))).is_err() {
                        return;
                    }
                }
            };
            let spawned = std::thread::Builder::new()
                .name("carrel-read".into())
                .spawn_scoped(scope, reader);
            readers += usize::from(spawned.is_ok());
        }
        drop(done_tx);
        let mut arrived: HashMap<usize, Items<Record>> = HashMap::new();
        let mut whole = true;
        for at in 0..files.len() {
            let items = if readers == 0 {
                // No thread to read on: read here.
                files.get(at).map(|(name, file)| read_records(name, file))
            } else {
                loop {
                    if let Some(items) = arrived.remove(&at) {
                        break Some(items);
                    }
                    match done.recv() {
                        Ok((i, items)) => {
                            arrived.insert(i, items);
                        }
                        Err(_) => break None,
                    }
                }
            };
            let Some(items) = items else {
                whole = false;
                break;
            };
            // The first file's records go out before the next files are read.
            if at > 0 {
                window.taken(Some(at + 1));
            }
            if !take(at, items) {
                whole = false;
                break;
            }
            if at == 0 {
                window.taken(Some(1));
            }
        }
        window.taken(None);
        whole
    })
}
