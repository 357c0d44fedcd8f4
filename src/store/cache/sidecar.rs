//! A file kept beside a store's metadata cache by another part of carrel (the search
//! index, see `crate::open`), valid exactly as long as that cache is.
//!
//! ```text
//! magic "CARRELSC" | stamp u64 | payload length u64 | payload checksum u64 | payload
//! ```
//!
//! The stamp is a hash of the cache format, carrel's version, the store's path and its
//! fingerprint (its files' names, sizes and modification times): a sidecar written for
//! any other state of the store is ignored. The payload is opaque here; whoever wrote
//! it decodes it and must still treat it as untrusted (it is checked for damage, not
//! for malice).

use std::fs::{self, File};
use std::io::Read;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use super::FORMAT_VERSION;
use super::codec::Writer;
use super::file::checksum;
use super::fingerprint::Fingerprint;

const MAGIC: &[u8; 8] = b"CARRELSC";
const HEADER_LEN: usize = 8 + 8 + 8 + 8;

/// Where a sidecar lives and the stamp it must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sidecar {
    file: PathBuf,
    stamp: u64,
}

impl Sidecar {
    /// The sidecar named `kind` (e.g. "search") of the cache file `cache_file`.
    pub(super) fn new(
        cache_file: &Path,
        kind: &str,
        canonical: &Path,
        fingerprint: &Fingerprint,
    ) -> Self {
        let mut stamp = Writer::default();
        stamp.put(&u64::from(FORMAT_VERSION));
        stamp.put(&env!("CARGO_PKG_VERSION").to_string());
        stamp.put(&canonical.to_string_lossy().into_owned());
        stamp.put(fingerprint);
        Sidecar {
            file: cache_file.with_extension(kind),
            stamp: checksum(&stamp.bytes),
        }
    }

    /// The payload, when the file is there, whole, and written for this very state of
    /// the store.
    pub fn read(&self) -> Option<Vec<u8>> {
        let mut file = crate::store::files::open_regular(&self.file).ok()?;
        let mut header = [0u8; HEADER_LEN];
        file.read_exact(&mut header).ok()?;
        let (length, sum) = self.checked_header(&header, file.metadata().ok()?.len())?;
        let mut payload = vec![0u8; usize::try_from(length).ok()?];
        file.read_exact(&mut payload).ok()?;
        (checksum(&payload) == sum).then_some(payload)
    }

    /// The sidecar's file, for a reader that maps it rather than reads it (see
    /// [`Sidecar::payload_in`]).
    pub fn path(&self) -> &Path {
        &self.file
    }

    /// Where the payload is in `whole` (the file's bytes, however they were had), when
    /// they are whole and written for this very state of the store, as
    /// [`Sidecar::read`] checks.
    pub fn payload_in(&self, whole: &[u8]) -> Option<Range<usize>> {
        let (length, sum) = self.checked_header(whole.get(..HEADER_LEN)?, whole.len() as u64)?;
        let payload = HEADER_LEN..HEADER_LEN + usize::try_from(length).ok()?;
        (checksum(whole.get(payload.clone())?) == sum).then_some(payload)
    }

    /// The payload's length and checksum from `header`, when it is this sidecar's and
    /// the file (of `size` bytes) holds exactly that payload.
    fn checked_header(&self, header: &[u8], size: u64) -> Option<(u64, u64)> {
        let field = |at: usize| -> Option<u64> {
            let word: [u8; 8] = header.get(at..at + 8)?.try_into().ok()?;
            Some(u64::from_le_bytes(word))
        };
        if header.get(..8)? != MAGIC || field(8)? != self.stamp {
            return None;
        }
        let (length, sum) = (field(16)?, field(24)?);
        (size.checked_sub(HEADER_LEN as u64) == Some(length)).then_some((length, sum))
    }

    /// The payload's file, when it is there, whole and written for this very state of
    /// the store, to be read in parts: its checksum is not checked (that would read it
    /// all), so whoever reads parts checks each part it uses.
    pub fn open_parts(&self) -> Option<SidecarParts> {
        let (file, size) = crate::store::files::open_regular_sized(&self.file).ok()?;
        let mut header = [0u8; HEADER_LEN];
        file.read_exact_at(&mut header, 0).ok()?;
        let (len, _) = self.checked_header(&header, size)?;
        Some(SidecarParts { file, len })
    }

    /// Writes `payload` to a temporary file renamed into place. Failing only costs the
    /// next start its speed, so errors are returned for tests and otherwise ignored.
    pub fn write(&self, payload: &[u8]) -> std::io::Result<()> {
        let dir = self.file.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&self.stamp.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&checksum(payload).to_le_bytes());
        bytes.extend_from_slice(payload);
        let name = self.file.file_name().unwrap_or_default().to_string_lossy();
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = fs::write(&temp, &bytes).and_then(|()| fs::rename(&temp, &self.file));
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
        written
    }
}

/// A sidecar's payload opened to be read in parts (see [`Sidecar::open_parts`]).
pub struct SidecarParts {
    file: File,
    len: u64,
}

impl SidecarParts {
    /// The payload's length.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// `len` bytes of the payload from `offset`; `None` past its end.
    pub fn read_at(&self, offset: u64, len: usize) -> Option<Vec<u8>> {
        let end = offset.checked_add(u64::try_from(len).ok()?)?;
        if end > self.len {
            return None;
        }
        let mut bytes = vec![0u8; len];
        self.file
            .read_exact_at(&mut bytes, HEADER_LEN as u64 + offset)
            .ok()?;
        Some(bytes)
    }
}
