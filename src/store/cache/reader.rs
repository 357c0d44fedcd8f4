//! Reading a cache file (see `file` for its layout): the head, checked against the
//! store as it is now, then the chunks one by one for a whole store, or single records
//! by number for a lookup.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::{Arc, Mutex, TryLockError};

use super::codec::{Corrupt, Decoded, Reader};
use super::file::{Chunk, HEADER_LEN, Head, MAGIC, checksum};
use super::fingerprint::Fingerprint;
use super::schema;
use super::{FORMAT_VERSION, Unusable};
use crate::store::load::items::parallel_map;
use crate::store::schema::Record;

/// A cache file being read: its head, checked, then its chunks one by one.
pub(super) struct CacheReader {
    file: BufReader<File>,
    pub head: Head,
    next: usize,
    /// The store as it was opened this time, to find the bodies' files.
    root: Arc<Path>,
    /// What the records decoded so far hold alike, one table for each decoding thread
    /// (so neither waits for the other; a value is held at most twice).
    alike: [Mutex<schema::Alike>; 2],
}

/// A chunk's bytes, checked, not yet decoded.
pub(super) struct RawChunk {
    bytes: Vec<u8>,
    chunk: Chunk,
}

impl CacheReader {
    /// Opens the cache and checks that it is whole, of this version, and made from
    /// the store as it is now (`fingerprint`). Without `collections`, the head's
    /// collections are checked and passed over, not built: a lookup of a few records
    /// does not need them, and a big store's collections name every record.
    pub fn open(
        cache_file: &Path,
        root: &Path,
        canonical: &Path,
        fingerprint: &Fingerprint,
        collections: bool,
    ) -> Result<Self, Unusable> {
        let mut file =
            crate::store::files::open_regular(cache_file).map_err(|_| Unusable::Unreadable)?;
        let size = file.metadata().map_err(|_| Unusable::Unreadable)?.len();
        let mut header = [0u8; HEADER_LEN as usize];
        file.read_exact(&mut header)
            .map_err(|_| Unusable::Corrupt)?;
        let field = |range: std::ops::Range<usize>| {
            let mut le = [0u8; 8];
            le[..range.len()].copy_from_slice(&header[range]);
            u64::from_le_bytes(le)
        };
        let (head_offset, head_len) = (field(12..20), field(20..28));
        if &header[..8] != MAGIC
            || field(8..12) != u64::from(FORMAT_VERSION)
            || head_offset.checked_add(head_len) != Some(size)
            || head_offset < HEADER_LEN
        {
            return Err(Unusable::Corrupt);
        }
        let mut bytes = vec![0u8; usize::try_from(head_len).map_err(|_| Unusable::Corrupt)?];
        file.seek(SeekFrom::Start(head_offset))
            .and_then(|_| file.read_exact(&mut bytes))
            .map_err(|_| Unusable::Corrupt)?;
        if checksum(&bytes) != field(28..36) {
            return Err(Unusable::Corrupt);
        }
        let mut r = Reader::new(&bytes);
        if r.str()? != env!("CARGO_PKG_VERSION") || r.str()? != canonical.to_string_lossy() {
            return Err(Unusable::Stale);
        }
        if r.get::<Fingerprint>()? != *fingerprint {
            return Err(Unusable::Stale);
        }
        let archive = serde_json::from_str(r.str()?).map_err(|_| Unusable::Corrupt)?;
        let collections = if collections {
            r.get()?
        } else {
            <Vec<crate::store::schema::Collection> as super::codec::Code>::skip(&mut r)?;
            Vec::new()
        };
        let head = Head {
            archive,
            collections,
            problems: r.get()?,
            records: r.get()?,
            chunks: r.get()?,
        };
        let chunk_bytes = head
            .chunks
            .iter()
            .try_fold(0u64, |sum, c| sum.checked_add(c.len));
        let chunk_records = head.chunks.iter().map(|c| c.records).sum::<usize>();
        if !r.is_empty()
            || chunk_bytes != Some(head_offset - HEADER_LEN)
            || chunk_records != head.records
        {
            return Err(Unusable::Corrupt);
        }
        file.seek(SeekFrom::Start(HEADER_LEN))
            .map_err(|_| Unusable::Corrupt)?;
        Ok(CacheReader {
            file: BufReader::with_capacity(1 << 20, file),
            head,
            next: 0,
            root: Arc::from(root),
            alike: Default::default(),
        })
    }

    /// The next chunk's bytes, checked; `None` after the last.
    pub fn next_raw(&mut self) -> Option<Result<RawChunk, Unusable>> {
        let chunk = self.head.chunks.get(self.next)?.clone();
        self.next += 1;
        Some(self.read_raw(chunk))
    }

    /// Reads `chunk` from where the file is, and checks it.
    fn read_raw(&mut self, chunk: Chunk) -> Result<RawChunk, Unusable> {
        read_checked(&mut self.file, chunk)
    }

    /// Reads `chunk` at `offset`, past the buffer: a lookup reads a few chunks here
    /// and there, and a buffered read would read a megabyte for each.
    fn read_raw_at(&mut self, offset: u64, chunk: Chunk) -> Result<RawChunk, Unusable> {
        // Seeking the buffered reader empties its buffer, so the file is read directly.
        self.file
            .seek(SeekFrom::Start(offset))
            .map_err(|_| Unusable::Corrupt)?;
        read_checked(self.file.get_mut(), chunk)
    }

    /// The records at `numbers` (indices in store order), in that order, decoding
    /// only those (and reading only their chunks). `None` for a number past the end.
    pub fn records_at(&mut self, numbers: &[usize]) -> Result<Vec<Option<Record>>, Unusable> {
        let mut firsts = Vec::with_capacity(self.head.chunks.len());
        let (mut record, mut offset) = (0usize, HEADER_LEN);
        for chunk in &self.head.chunks {
            firsts.push((record, offset));
            record += chunk.records;
            offset += chunk.len;
        }
        let mut read: Vec<(usize, RawChunk)> = Vec::new();
        let mut found = Vec::with_capacity(numbers.len());
        for &number in numbers {
            let which = firsts.partition_point(|&(first, _)| first <= number);
            let Some(which) = which.checked_sub(1).filter(|_| number < self.head.records) else {
                found.push(None);
                continue;
            };
            let (first, offset) = firsts[which];
            if !read.iter().any(|(w, _)| *w == which) {
                let chunk = self.head.chunks[which].clone();
                read.push((which, self.read_raw_at(offset, chunk)?));
            }
            let Some((_, raw)) = read.iter().find(|(w, _)| *w == which) else {
                return Err(Unusable::Corrupt);
            };
            found.push(Some(decode_one(raw, &self.root, number - first)?));
        }
        // The file is no longer where the next chunk starts: no streaming after this.
        self.next = self.head.chunks.len();
        Ok(found)
    }

    /// Up to `n` next chunks' bytes, checked.
    pub fn next_raws(&mut self, n: usize) -> Result<Vec<RawChunk>, Unusable> {
        (0..n).map_while(|_| self.next_raw()).collect()
    }

    /// Decodes chunks on up to two threads, in order, the records sharing what they
    /// hold alike with every record this reader decoded.
    pub fn decode(&self, raws: &[RawChunk]) -> Result<Vec<Record>, Unusable> {
        let decoded = parallel_map(raws, |raw| {
            // The table the other thread is not using (two threads, two tables).
            let free = self.alike.iter().find_map(|table| match table.try_lock() {
                Ok(alike) => Some(alike),
                Err(TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
                Err(TryLockError::WouldBlock) => None,
            });
            match free {
                Some(mut alike) => decode_chunk(raw, &self.root, &mut alike),
                None => decode_chunk(raw, &self.root, &mut schema::Alike::default()),
            }
        });
        let mut records = Vec::with_capacity(raws.iter().map(|r| r.chunk.records).sum());
        for chunk in decoded {
            records.extend(chunk?);
        }
        Ok(records)
    }
}

/// `chunk`'s bytes, read from where `from` is, if they are whole and their checksum holds.
fn read_checked(from: &mut impl Read, chunk: Chunk) -> Result<RawChunk, Unusable> {
    let len = usize::try_from(chunk.len).map_err(|_| Unusable::Corrupt)?;
    let mut bytes = vec![0u8; len];
    from.read_exact(&mut bytes).map_err(|_| Unusable::Corrupt)?;
    if checksum(&bytes) == chunk.checksum {
        Ok(RawChunk { bytes, chunk })
    } else {
        Err(Unusable::Corrupt)
    }
}

/// Record `at` of a chunk, alone.
fn decode_one(raw: &RawChunk, root: &Arc<Path>, at: usize) -> Result<Record, Unusable> {
    let ends = &raw.chunk.ends;
    let start = match at {
        0 => 0,
        _ => *ends.get(at - 1).ok_or(Unusable::Corrupt)?,
    };
    let end = *ends.get(at).ok_or(Unusable::Corrupt)?;
    let bytes = raw.bytes.get(start..end).ok_or(Unusable::Corrupt)?;
    let mut r = Reader::new(bytes);
    let record = schema::get_record(
        &mut r,
        &body_files(raw, root),
        &mut schema::Alike::default(),
    )?;
    if r.is_empty() {
        Ok(record)
    } else {
        Err(Unusable::Corrupt)
    }
}

fn body_files(raw: &RawChunk, root: &Arc<Path>) -> Vec<Arc<Path>> {
    raw.chunk
        .files
        .iter()
        .map(|name| match name.as_str() {
            "" => Arc::clone(root),
            name => Arc::from(root.join(name)),
        })
        .collect()
}

fn decode_chunk(
    raw: &RawChunk,
    root: &Arc<Path>,
    alike: &mut schema::Alike,
) -> Decoded<Vec<Record>> {
    let files = body_files(raw, root);
    let mut r = Reader::new(&raw.bytes);
    let mut records = Vec::with_capacity(raw.chunk.records.min(raw.bytes.len()));
    for _ in 0..raw.chunk.records {
        records.push(schema::get_record(&mut r, &files, alike)?);
    }
    if r.is_empty() {
        Ok(records)
    } else {
        Err(Corrupt)
    }
}

/// Decodes `records` records from one chunk's bytes as the reader does once the
/// chunk's checksum has passed: how many came out whole, or `None` if the bytes are
/// not a chunk. For the fuzzer, which must reach the decoder past the checksum.
/// The store folder [`decode_unchecked`] decodes as if from.
pub(super) const UNCHECKED_ROOT: &str = "/nonexistent-store";

pub(super) fn decode_unchecked(
    bytes: &[u8],
    records: usize,
    files: &[&str],
) -> Option<Vec<Record>> {
    let root: Arc<Path> = Arc::from(Path::new(UNCHECKED_ROOT));
    let raw = RawChunk {
        bytes: bytes.to_vec(),
        chunk: Chunk {
            len: bytes.len() as u64,
            checksum: 0,
            records,
            files: files.iter().map(|f| f.to_string()).collect(),
            ends: Vec::new(),
        },
    };
    decode_chunk(&raw, &root, &mut schema::Alike::default()).ok()
}
