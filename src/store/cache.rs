//! A cache of a store's metadata, so that an unchanged store opens without parsing
//! its JSON again.
//!
//! One file per store in the cache folder, named by a hash of the store's canonical
//! path. It holds the records without their texts' bodies (those stay in the store,
//! see [`crate::store::Record::full_texts`]), where each record's JSON lies, the
//! collections, the archive and the problems found, and is used only when the store's
//! files have the same sizes and modification times as when it was written, and only
//! by the carrel version that wrote it. Anything else (another version, a damaged or
//! cut-short file, a changed store) and the store is parsed again and the cache
//! rewritten. Records are read back chunk by chunk, each checked on its own, so
//! [`open_in_background`] can hand them over in batches. Writing goes to a temporary file that is then renamed into place, so a
//! reader never sees half a cache; a cache folder that cannot be written costs only
//! the speed-up.

mod background;
mod codec;
mod file;
mod fingerprint;
mod reader;
mod schema;
mod sidecar;
mod streamed;
mod sweep;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

pub use background::{Begun, Expected, Opening, open_in_background};
use fingerprint::Fingerprint;
use reader::CacheReader;
pub use sidecar::{Sidecar, SidecarParts};

/// The cache's checksum (fast, not cryptographic): for what is kept beside it.
pub fn checksum(bytes: &[u8]) -> u64 {
    file::checksum(bytes)
}

use super::load::{Loaded, load_path_lazy};
use super::{Store, StoreError};

/// Bumped whenever the layout (see `file`) changes; the carrel version is checked too.
pub const FORMAT_VERSION: u32 = 4;

/// Chunks decoded at a time: one per thread.
const CHUNKS_AT_ONCE: usize = 2;

/// Decodes a cache chunk's bytes as the reader does past its checksum (for the
/// fuzzer and tests): the `records` records, `None` if the bytes are not such a
/// chunk. Never panics, whatever the bytes.
#[doc(hidden)]
pub fn decode_chunk_unchecked(bytes: &[u8], records: usize) -> Option<Vec<super::Record>> {
    reader::decode_unchecked(bytes, records, &["", "records/a.jsonl"])
}

/// Records decoded by [`decode_chunk_unchecked`], encoded again as the cache writer
/// encodes them (with the chunk's own table of files) and decoded back (for the
/// fuzzer: the two must be the same records).
#[doc(hidden)]
pub fn reencode_unchecked(records: &[super::Record]) -> Option<Vec<super::Record>> {
    let mut w = codec::Writer::default();
    let mut files = schema::Files::default();
    for record in records {
        schema::put_record(&mut w, record, &mut files);
    }
    let root = std::path::Path::new(reader::UNCHECKED_ROOT);
    let names: Vec<String> = files
        .paths
        .iter()
        .map(|path| match path.strip_prefix(root) {
            Ok(name) => name.to_string_lossy().into_owned(),
            Err(_) => path.to_string_lossy().into_owned(),
        })
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    reader::decode_unchecked(&w.bytes, records.len(), &names)
}

/// Encodes records as one cache chunk (for the fuzzer's seeds and tests).
#[doc(hidden)]
pub fn encode_chunk(records: &[super::Record]) -> Vec<u8> {
    let mut w = codec::Writer::default();
    let mut files = schema::Files::default();
    for record in records {
        schema::put_record(&mut w, record, &mut files);
    }
    w.bytes
}

/// Opens a store folder or single-file store, from the metadata cache in `cache_dir`
/// when it is still good, else by parsing it (and then writing the cache). Texts'
/// bodies are left on disk either way (read them with [`Store::texts`]).
/// `Loaded::from_cache` tells which way it went. With `cache_dir` `None`, this is
/// [`load_path_lazy`].
pub fn load_path_cached(path: &Path, cache_dir: Option<&Path>) -> Result<Loaded, StoreError> {
    let Some(key) = CacheKey::new(path, cache_dir) else {
        return load_path_lazy(path);
    };
    if let Some(loaded) = key.read_whole(path) {
        return Ok(loaded);
    }
    let loaded = load_path_lazy(path)?;
    key.write(path, &loaded);
    Ok(loaded)
}

/// An unchanged store's cache, opened to look up a few records by number without
/// decoding the others: `carrel search` ranks with the saved index (see
/// [`Lookup::sidecar`]) and decodes only the hits it prints.
pub struct Lookup {
    reader: CacheReader,
    key: CacheKey,
    pub sidecar: Option<Sidecar>,
}

/// A store as it is now, to find what is kept beside its cache (see [`Sidecar`])
/// without opening the cache itself: its files are looked at once, here.
pub struct StoreNow {
    key: CacheKey,
    root: PathBuf,
    /// Whether this use has been marked on the cache already: a grep asks for two
    /// sidecars, and one mark is enough.
    marked: AtomicBool,
}

impl StoreNow {
    /// `None` when the store cannot be cached (no cache directory, a path that does not
    /// resolve).
    pub fn of(path: &Path, cache_dir: Option<&Path>) -> Option<Self> {
        Some(StoreNow {
            key: CacheKey::new(path, cache_dir)?,
            root: path.to_path_buf(),
            marked: AtomicBool::new(false),
        })
    }

    /// The sidecar named `kind` (see [`sidecar_named`]) for the store as it is now.
    /// Counts as a use of the cache, which is then kept as long as the store is.
    pub fn sidecar_named(&self, kind: &str) -> Option<Sidecar> {
        let sidecar = self.key.sidecar_named(kind)?;
        if !self.marked.swap(true, Ordering::Relaxed) {
            sweep::mark_used(&self.key.file);
        }
        Some(sidecar)
    }

    /// The cache itself, when it is there and good for the store as it is now.
    pub fn lookup(self) -> Option<Lookup> {
        let reader = self.key.reader(&self.root, false).ok()?;
        Some(Lookup {
            reader,
            sidecar: self.key.sidecar(),
            key: self.key,
        })
    }
}

impl Lookup {
    /// The store's cache, when it is there and good for the store as it is now.
    pub fn open(path: &Path, cache_dir: Option<&Path>) -> Option<Self> {
        StoreNow::of(path, cache_dir)?.lookup()
    }

    /// A sidecar of another kind (see [`sidecar_named`]), for the store as this lookup
    /// found it: its files are not looked at again.
    pub fn sidecar_named(&self, kind: &str) -> Option<Sidecar> {
        self.key.sidecar_named(kind)
    }

    /// How many records the store holds.
    pub fn len(&self) -> usize {
        self.reader.head.records
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The problems found when the store was parsed.
    pub fn problems(&self) -> &[super::Problem] {
        &self.reader.head.problems
    }

    /// The records at `numbers` (store order), in that order; `None` for a number past
    /// the end. `None` altogether when the cache turns out damaged: open the store
    /// another way then.
    pub fn records_at(&mut self, numbers: &[usize]) -> Option<Vec<Option<super::Record>>> {
        self.reader.records_at(numbers).ok()
    }
}

/// Where the search index of the store at `path`, as it is now, may be kept (see
/// [`Sidecar`]); `None` when the store cannot be cached.
pub fn sidecar(path: &Path, cache_dir: Option<&Path>) -> Option<Sidecar> {
    CacheKey::new(path, cache_dir)?.sidecar()
}

/// A sidecar of another kind (`fulltext`: what the full-text index needs to be searched
/// without the store), valid while the store is as it is now.
pub fn sidecar_named(path: &Path, cache_dir: Option<&Path>, kind: &str) -> Option<Sidecar> {
    CacheKey::new(path, cache_dir)?.sidecar_named(kind)
}

/// Where a store's cache is and what the store looks like now.
struct CacheKey {
    file: PathBuf,
    canonical: PathBuf,
    /// Taken before parsing: a file changed while it is parsed then fails the next check.
    /// `None` when the store's files cannot all be looked at: such a store is not cached.
    fingerprint: Option<Fingerprint>,
}

impl CacheKey {
    fn new(path: &Path, cache_dir: Option<&Path>) -> Option<Self> {
        let canonical = fs::canonicalize(path).ok()?;
        Some(CacheKey {
            file: cache_file(cache_dir?, &canonical),
            fingerprint: Fingerprint::of(&canonical),
            canonical,
        })
    }

    /// The sidecar for the search index, when this store's state can be cached.
    fn sidecar(&self) -> Option<Sidecar> {
        self.sidecar_named("search")
    }

    fn sidecar_named(&self, kind: &str) -> Option<Sidecar> {
        let fingerprint = self.fingerprint.as_ref().filter(|f| f.settled())?;
        Some(Sidecar::new(&self.file, kind, &self.canonical, fingerprint))
    }

    /// The cache, checked against the store; its collections built if `collections`.
    fn reader(&self, root: &Path, collections: bool) -> Result<CacheReader, Unusable> {
        let fingerprint = self.fingerprint.as_ref().ok_or(Unusable::Unreadable)?;
        let reader =
            CacheReader::open(&self.file, root, &self.canonical, fingerprint, collections)?;
        sweep::mark_used(&self.file);
        Ok(reader)
    }

    /// The whole store from the cache, if the cache is good.
    fn read_whole(&self, root: &Path) -> Option<Loaded> {
        let mut reader = self.reader(root, true).ok()?;
        let mut records = Vec::with_capacity(reader.head.records);
        loop {
            let raws = reader.next_raws(CHUNKS_AT_ONCE).ok()?;
            if raws.is_empty() {
                break;
            }
            records.extend(reader.decode(&raws).ok()?);
        }
        let head = reader.head;
        Some(Loaded {
            store: Store::new(head.archive, head.collections, records),
            problems: head.problems,
            from_cache: true,
        })
    }

    /// Writes the cache, if the store has settled. A cache that cannot be written only
    /// costs the next start its speed, so failure is silent.
    fn write(&self, root: &Path, loaded: &Loaded) {
        if let Some(fingerprint) = self.fingerprint.as_ref().filter(|f| f.settled()) {
            let _ = file::write(&self.file, root, &self.canonical, fingerprint, loaded);
        }
    }
}

/// Where the cache of the store at `canonical` lives.
pub fn cache_file(cache_dir: &Path, canonical: &Path) -> PathBuf {
    let key = canonical.to_string_lossy();
    cache_dir
        .join("stores")
        .join(format!("{:016x}.index", fnv1a(key.as_bytes())))
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Why a cache was not used; only ever acted on by parsing the store instead.
#[derive(Debug)]
enum Unusable {
    Unreadable,
    Corrupt,
    Stale,
}

impl From<codec::Corrupt> for Unusable {
    fn from(_: codec::Corrupt) -> Self {
        Unusable::Corrupt
    }
}
