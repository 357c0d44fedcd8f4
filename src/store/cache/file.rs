//! The cache file's layout, and writing it as a stream so that neither a big store's
//! whole cache nor its whole encoding is ever in memory at once (`reader` reads it).
//!
//! ```text
//! header   magic "CARRELIX" | format u32 | head offset u64 | head length u64 | head checksum u64
//! chunks   records, CHUNK at a time, one after another
//! head     carrel version, store path, fingerprint, archive (JSON), collections,
//!          problems, record count, and for each chunk: length, checksum, records,
//!          files, and where each record's encoding ends
//! ```
//!
//! The head comes last because only then are the chunks' lengths known; the header,
//! rewritten at the end, points to it. Every chunk has its own checksum, checked
//! before it is decoded, so records can be handed over chunk by chunk.

use std::fs::{self, File};
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::FORMAT_VERSION;
use super::codec::{Code, Corrupt, Decoded, Reader, Writer};
use super::fingerprint::Fingerprint;
use super::schema::{self, Files};
use crate::store::load::items::parallel_map;
use crate::store::schema::{Archive, Collection, Record};
use crate::store::{Loaded, Problem};

pub(super) const MAGIC: &[u8; 8] = b"CARRELIX";
pub(super) const HEADER_LEN: u64 = 8 + 4 + 8 + 8 + 8;
/// Records per chunk: small enough that the first arrive at once, big enough that
/// two threads share the work well.
pub(super) const CHUNK: usize = 512;

/// Detects damage, not malice: four multiply-rotate lanes over 8-byte words.
pub(super) fn checksum(bytes: &[u8]) -> u64 {
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

/// One chunk's entry in the head.
#[derive(Debug, Clone)]
pub(super) struct Chunk {
    pub(super) len: u64,
    pub(super) checksum: u64,
    pub(super) records: usize,
    /// The store files its records' bodies are in, relative to the store ("" for a
    /// single-file store itself).
    pub(super) files: Vec<String>,
    /// Where each record's encoding ends within the chunk, so that one record can be
    /// decoded without those before it (`carrel search` decodes only its hits).
    pub(super) ends: Vec<usize>,
}

/// Everything but the records.
#[derive(Debug)]
pub(super) struct Head {
    pub archive: Archive,
    pub collections: Vec<Collection>,
    pub problems: Vec<Problem>,
    pub records: usize,
    pub(super) chunks: Vec<Chunk>,
}

/// The name of a body file relative to the store, or "" for a single-file store.
fn relative(file: &Path, root: &Path) -> String {
    match file.strip_prefix(root) {
        Ok(rel) => rel.to_string_lossy().into_owned(),
        Err(_) => file.to_string_lossy().into_owned(),
    }
}

/// A cache file being written: records are added as they are handed over, then
/// the head, then it is renamed into place. Dropped unfinished, it leaves nothing.
pub(super) struct CacheWriter {
    out: Option<BufWriter<File>>,
    temp: PathBuf,
    target: PathBuf,
    root: PathBuf,
    chunks: Vec<Chunk>,
    records: usize,
}

impl CacheWriter {
    /// Starts a temporary file beside `cache_file`, for a store read from `root`.
    pub fn create(cache_file: &Path, root: &Path) -> std::io::Result<Self> {
        let dir = cache_file.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        super::sweep::sweep(dir);
        let name = cache_file.file_name().unwrap_or_default().to_string_lossy();
        // Unique per writer, so two writers of one cache never share a temporary file.
        static WRITERS: AtomicU64 = AtomicU64::new(0);
        let writer = WRITERS.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{}-{writer}.tmp", std::process::id()));
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&temp)?);
        let mut writer = CacheWriter {
            out: None,
            temp,
            target: cache_file.to_path_buf(),
            root: root.to_path_buf(),
            chunks: Vec::new(),
            records: 0,
        };
        out.write_all(&[0; HEADER_LEN as usize])?;
        writer.out = Some(out);
        Ok(writer)
    }

    /// Adds records, in store order, encoding `CHUNK` at a time on two threads.
    pub fn add(&mut self, records: &[Record]) -> std::io::Result<()> {
        let Some(out) = self.out.as_mut() else {
            return Ok(());
        };
        let parts: Vec<&[Record]> = records.chunks(CHUNK).collect();
        for group in parts.chunks(2) {
            for ((bytes, files, ends), part) in parallel_map(group, |part| encode_chunk(part))
                .into_iter()
                .zip(group)
            {
                out.write_all(&bytes)?;
                self.chunks.push(Chunk {
                    len: bytes.len() as u64,
                    checksum: checksum(&bytes),
                    records: part.len(),
                    files: files.iter().map(|f| relative(f, &self.root)).collect(),
                    ends,
                });
            }
        }
        self.records += records.len();
        Ok(())
    }

    /// Writes the head and the header and renames the file into place.
    pub fn finish(
        mut self,
        canonical: &Path,
        fingerprint: &Fingerprint,
        archive: &Archive,
        collections: &Vec<Collection>,
        problems: &Vec<Problem>,
    ) -> std::io::Result<()> {
        let Some(mut out) = self.out.take() else {
            return Ok(());
        };
        let head_offset = HEADER_LEN + self.chunks.iter().map(|c| c.len).sum::<u64>();
        let mut w = Writer::default();
        w.raw(env!("CARGO_PKG_VERSION").as_bytes());
        w.raw(canonical.to_string_lossy().as_bytes());
        w.put(fingerprint);
        w.raw(serde_json::to_string(archive)?.as_bytes());
        w.put(collections);
        w.put(problems);
        w.usize(self.records);
        w.put(&self.chunks);
        out.write_all(&w.bytes)?;
        let mut file = out.into_inner().map_err(|e| e.into_error())?;
        let mut header = Vec::with_capacity(HEADER_LEN as usize);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        header.extend_from_slice(&head_offset.to_le_bytes());
        header.extend_from_slice(&(w.bytes.len() as u64).to_le_bytes());
        header.extend_from_slice(&checksum(&w.bytes).to_le_bytes());
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&header)?;
        file.flush()?;
        drop(file);
        fs::rename(&self.temp, &self.target)
    }
}

impl Drop for CacheWriter {
    fn drop(&mut self) {
        // Finished or not, the temporary file is gone afterwards (renamed, or removed).
        self.out = None;
        let _ = fs::remove_file(&self.temp);
    }
}

/// Writes the whole cache of `loaded`, read from `root`.
pub(super) fn write(
    cache_file: &Path,
    root: &Path,
    canonical: &Path,
    fingerprint: &Fingerprint,
    loaded: &Loaded,
) -> std::io::Result<()> {
    let mut writer = CacheWriter::create(cache_file, root)?;
    writer.add(&loaded.store.records)?;
    let store = &loaded.store;
    writer.finish(
        canonical,
        fingerprint,
        &store.archive,
        &store.collections,
        &loaded.problems,
    )
}

fn encode_chunk(records: &[Record]) -> (Vec<u8>, Vec<Arc<Path>>, Vec<usize>) {
    let mut w = Writer::default();
    let mut files = Files::default();
    let mut ends = Vec::with_capacity(records.len());
    for record in records {
        schema::put_record(&mut w, record, &mut files);
        ends.push(w.bytes.len());
    }
    (w.bytes, files.paths, ends)
}

impl Code for Chunk {
    fn put(&self, w: &mut Writer) {
        let Chunk {
            len,
            checksum,
            records,
            files,
            ends,
        } = self;
        w.put(len);
        w.put(checksum);
        w.put(records);
        w.put(files);
        w.put(ends);
    }
    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        let chunk = Chunk {
            len: r.get()?,
            checksum: r.get()?,
            records: r.get()?,
            files: r.get()?,
            ends: r.get()?,
        };
        let ordered = chunk.ends.windows(2).all(|w| w[0] <= w[1]);
        let fits = chunk.ends.last().map_or(0, |&end| end as u64) == chunk.len;
        if chunk.ends.len() == chunk.records && ordered && fits {
            Ok(chunk)
        } else {
            Err(Corrupt)
        }
    }
}
