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
//! rewritten. Writing goes to a temporary file that is then renamed into place, so a
//! reader never sees half a cache; a cache folder that cannot be written costs only
//! the speed-up.

mod codec;
mod fingerprint;
mod schema;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codec::{Corrupt, Decoded, Reader, Writer};
use fingerprint::Fingerprint;
use schema::Files;

use super::load::items::parallel_map;
use super::load::{Loaded, load_path_lazy};
use super::{Store, StoreError};
use crate::store::schema::{Archive, Record};

/// Bumped whenever the layout below changes; the carrel version is checked too.
pub const FORMAT_VERSION: u32 = 1;

const MAGIC: &[u8; 8] = b"CARRELIX";
/// Magic, format version (u32), body length (u64), checksum (u64); little-endian.
const HEADER_LEN: usize = 8 + 4 + 8 + 8;
/// Records are encoded in chunks of this many, decoded on two threads.
const CHUNK: usize = 4096;

/// Opens a store folder or single-file store, from the metadata cache in `cache_dir`
/// when it is still good, else by parsing it (and then writing the cache). Texts'
/// bodies are left on disk either way (read them with [`Store::texts`]).
/// `Loaded::from_cache` tells which way it went. With `cache_dir` `None`, this is
/// [`load_path_lazy`].
pub fn load_path_cached(path: &Path, cache_dir: Option<&Path>) -> Result<Loaded, StoreError> {
    let Some(cache_dir) = cache_dir else {
        return load_path_lazy(path);
    };
    let Ok(canonical) = fs::canonicalize(path) else {
        return load_path_lazy(path);
    };
    let cache_file = cache_file(cache_dir, &canonical);
    // Taken before parsing: a file changed while it is parsed then fails the next check.
    let fingerprint = Fingerprint::of(&canonical);
    if let Some(fingerprint) = &fingerprint
        && let Ok(loaded) = read(&cache_file, path, &canonical, fingerprint)
    {
        return Ok(loaded);
    }
    let loaded = load_path_lazy(path)?;
    if let Some(fingerprint) = fingerprint.filter(Fingerprint::settled) {
        // A cache that cannot be written only costs the next start its speed.
        let _ = write(&cache_file, path, &canonical, &fingerprint, &loaded);
    }
    Ok(loaded)
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

/// Detects damage, not malice: four multiply-rotate lanes over 8-byte words.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut lanes = [1u64, 2, 3, 4];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let mut le = [0u8; 8];
            le.copy_from_slice(word);
            *lane = (*lane ^ u64::from_le_bytes(le))
                .wrapping_mul(K)
                .rotate_left(29);
        }
    }
    let mut hash = lanes.iter().fold(bytes.len() as u64, |h, lane| {
        (h ^ lane).wrapping_mul(K).rotate_left(31)
    });
    for &byte in blocks.remainder() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(K);
    }
    hash
}

/// The name of a body file relative to the store, or "" for a single-file store.
fn relative(file: &Path, root: &Path) -> String {
    match file.strip_prefix(root) {
        Ok(rel) => rel.to_string_lossy().into_owned(),
        Err(_) => file.to_string_lossy().into_owned(),
    }
}

fn write(
    cache_file: &Path,
    root: &Path,
    canonical: &Path,
    fingerprint: &Fingerprint,
    loaded: &Loaded,
) -> std::io::Result<()> {
    let store = &loaded.store;
    let chunks: Vec<&[Record]> = store.records.chunks(CHUNK).collect();
    let encoded = parallel_map(&chunks, |chunk| {
        let mut w = Writer::default();
        let mut files = Files::default();
        for record in chunk.iter() {
            schema::put_record(&mut w, record, &mut files);
        }
        (w.bytes, files.paths)
    });
    let mut w = Writer::default();
    w.raw(env!("CARGO_PKG_VERSION").as_bytes());
    w.raw(canonical.to_string_lossy().as_bytes());
    w.put(fingerprint);
    w.raw(serde_json::to_string(&store.archive)?.as_bytes());
    w.put(&store.collections);
    w.put(&loaded.problems);
    w.usize(store.records.len());
    w.usize(encoded.len());
    for (bytes, files) in &encoded {
        let names: Vec<String> = files.iter().map(|f| relative(f, root)).collect();
        w.put(&names);
        w.raw(bytes);
    }
    let body = w.bytes;
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(&(body.len() as u64).to_le_bytes());
    header.extend_from_slice(&checksum(&body).to_le_bytes());

    let dir = cache_file.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = cache_file.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = fs::File::create(&temp).and_then(|mut file| {
        file.write_all(&header)?;
        file.write_all(&body)?;
        file.flush()
    });
    match written.and_then(|()| fs::rename(&temp, cache_file)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Why a cache was not used; only ever acted on by parsing the store instead.
#[derive(Debug)]
enum Unusable {
    Unreadable,
    Corrupt,
    Stale,
}

impl From<Corrupt> for Unusable {
    fn from(_: Corrupt) -> Self {
        Unusable::Corrupt
    }
}

fn read(
    cache_file: &Path,
    root: &Path,
    canonical: &Path,
    fingerprint: &Fingerprint,
) -> Result<Loaded, Unusable> {
    let bytes = fs::read(cache_file).map_err(|_| Unusable::Unreadable)?;
    let body = checked_body(&bytes).ok_or(Unusable::Corrupt)?;
    let mut r = Reader::new(body);
    if r.str()? != env!("CARGO_PKG_VERSION") || r.str()? != canonical.to_string_lossy() {
        return Err(Unusable::Stale);
    }
    if r.get::<Fingerprint>()? != *fingerprint {
        return Err(Unusable::Stale);
    }
    let archive: Archive = serde_json::from_str(r.str()?).map_err(|_| Unusable::Corrupt)?;
    let collections = r.get()?;
    let problems = r.get()?;
    let total = r.usize()?;
    let chunk_count = r.count()?;
    let mut chunks = Vec::with_capacity(chunk_count);
    for _ in 0..chunk_count {
        let names: Vec<String> = r.get()?;
        chunks.push((names, r.raw()?));
    }
    if !r.is_empty() {
        return Err(Unusable::Corrupt);
    }
    let decoded = parallel_map(&chunks, |(names, bytes)| decode_chunk(names, bytes, root));
    let mut records = Vec::with_capacity(total.min(body.len()));
    for chunk in decoded {
        records.extend(chunk?);
    }
    if records.len() != total {
        return Err(Unusable::Corrupt);
    }
    Ok(Loaded {
        store: Store::new(archive, collections, records),
        problems,
        from_cache: true,
    })
}

fn decode_chunk(names: &[String], bytes: &[u8], root: &Path) -> Decoded<Vec<Record>> {
    let files: Vec<Arc<Path>> = names
        .iter()
        .map(|name| match name.as_str() {
            "" => Arc::from(root),
            name => Arc::from(root.join(name)),
        })
        .collect();
    let mut r = Reader::new(bytes);
    let mut records = Vec::new();
    while !r.is_empty() {
        records.push(schema::get_record(&mut r, &files)?);
    }
    Ok(records)
}

/// The body after a header that is right in magic, format, length and checksum.
fn checked_body(bytes: &[u8]) -> Option<&[u8]> {
    let (header, body) = bytes.split_at_checked(HEADER_LEN)?;
    let field = |range: std::ops::Range<usize>| {
        let mut le = [0u8; 8];
        le[..range.len()].copy_from_slice(&header[range]);
        u64::from_le_bytes(le)
    };
    let right = &header[..8] == MAGIC
        && field(8..12) == u64::from(FORMAT_VERSION)
        && field(12..20) == body.len() as u64
        && field(20..28) == checksum(body);
    right.then_some(body)
}
