//! Where each record's JSON lies in the store's files, with the store's problems: what
//! a command that prints a few records needs to read just those records' bytes,
//! without the metadata cache (whose head alone, at 100,000 records, is a few
//! megabytes to read and check, and each record in it sits in a chunk of hundreds of
//! kilobytes). Saved as a sidecar of the cache (see [`super::cache::Sidecar`]), so it
//! is used only while the store is exactly as it was.
//!
//! A record has a place only when its texts were left on disk
//! ([`super::load::lazy::Bodies::OnDisk`]): then its JSON parsed without a problem, so
//! parsing it again gives the record the store holds. Any other record (mended while
//! loading, or without texts) is looked up in the cache.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::cache::{SidecarParts, checksum};
use super::schema::{Bodies, RecordDate, Text};
use super::{Problem, Record, Store};

/// `MAGIC`, the length of a JSON head (u32, little-endian), the head's checksum (u64),
/// the head, then one `PLACE_LEN`-byte place a record: the file's number (u32,
/// `NOWHERE` for none), the JSON's length (u32), its offset (u64) and the checksum of
/// the record's id (u64). A reader reads the head and the places it needs, not the
/// whole table (1.6 MB at 100,000 records), so each place is checked by the id of
/// the record read from it.
const MAGIC: &[u8; 8] = b"CARRELPL";
const HEAD_AT: usize = MAGIC.len() + 4 + 8;
const PLACE_LEN: usize = 24;
const NOWHERE: u32 = u32::MAX;
/// How many of the store's errors are kept to be told (the rest are counted).
pub const ERRORS_KEPT: usize = 20;

#[derive(Serialize, Deserialize)]
struct Head {
    files: Vec<PathBuf>,
    errors: Vec<Problem>,
    error_count: usize,
    records: usize,
}

/// Bytes that can be read a part at a time: a sidecar (see
/// [`crate::store::cache::SidecarParts`]), or bytes in memory.
pub trait Parts {
    /// `len` bytes from `offset`; `None` past the end or when they cannot be read.
    fn part(&self, offset: u64, len: usize) -> Option<Vec<u8>>;
}

impl Parts for SidecarParts {
    fn part(&self, offset: u64, len: usize) -> Option<Vec<u8>> {
        self.read_at(offset, len)
    }
}

impl Parts for &[u8] {
    fn part(&self, offset: u64, len: usize) -> Option<Vec<u8>> {
        let start = usize::try_from(offset).ok()?;
        Some(self.get(start..start.checked_add(len)?)?.to_vec())
    }
}

/// The places of a store's records, as written: [`RecordPlaces::to_bytes`].
pub struct PlacesOf<'a> {
    store: &'a Store,
    problems: &'a [Problem],
}

impl<'a> PlacesOf<'a> {
    /// The places of `store`'s records, with the errors found when it was loaded.
    pub fn new(store: &'a Store, problems: &'a [Problem]) -> Self {
        PlacesOf { store, problems }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut files: Vec<PathBuf> = Vec::new();
        let mut numbers: HashMap<Arc<Path>, u32> = HashMap::new();
        let mut places = Vec::with_capacity(self.store.records.len() * PLACE_LEN);
        for record in &self.store.records {
            let place = match &record.bodies {
                Bodies::OnDisk(at) => u32::try_from(at.len).ok().and_then(|len| {
                    let next = u32::try_from(files.len()).ok().filter(|&n| n != NOWHERE)?;
                    let file = *numbers.entry(Arc::clone(&at.file)).or_insert_with(|| {
                        files.push(at.file.to_path_buf());
                        next
                    });
                    Some((file, len, at.offset))
                }),
                Bodies::Inline => None,
            };
            let (file, len, offset) = place.unwrap_or((NOWHERE, 0, 0));
            places.extend_from_slice(&file.to_le_bytes());
            places.extend_from_slice(&len.to_le_bytes());
            places.extend_from_slice(&offset.to_le_bytes());
            places.extend_from_slice(&checksum(record.id.as_bytes()).to_le_bytes());
        }
        let errors: Vec<&Problem> = self.problems.iter().filter(|p| p.is_error()).collect();
        let head = Head {
            files,
            error_count: errors.len(),
            errors: errors.into_iter().take(ERRORS_KEPT).cloned().collect(),
            records: self.store.records.len(),
        };
        let Ok(head) = serde_json::to_vec(&head) else {
            return Vec::new();
        };
        let Ok(head_len) = u32::try_from(head.len()) else {
            return Vec::new();
        };
        let mut bytes = Vec::with_capacity(HEAD_AT + head.len() + places.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&head_len.to_le_bytes());
        bytes.extend_from_slice(&checksum(&head).to_le_bytes());
        bytes.extend_from_slice(&head);
        bytes.extend_from_slice(&places);
        bytes
    }
}

/// Each record's place, by record number (store order), read as needed from `P`.
pub struct RecordPlaces<P> {
    parts: P,
    files: Vec<PathBuf>,
    records: usize,
    /// Where the first place is in `parts`.
    places_at: u64,
    /// The store's first [`ERRORS_KEPT`] errors, and how many there were in all.
    pub errors: Vec<Problem>,
    pub error_count: usize,
    /// The store's files opened so far, by number, with their sizes: a page of hits
    /// reads a few records from each (opening and checking a file for each record cost
    /// five system calls).
    opened: RefCell<Vec<Option<(u64, File)>>>,
    /// Where the last record's bytes were read, reused for the next.
    bytes: RefCell<Vec<u8>>,
}

/// What is read of a record from its place: what `carrel grep` prints. Its other
/// fields are passed over unbuilt (a record's people, places and provenance cost as
/// much to build as its texts).
#[derive(Deserialize)]
struct Shown {
    id: String,
    title: String,
    #[serde(default)]
    date: Option<RecordDate>,
    #[serde(default)]
    texts: Vec<Text>,
}

impl<P: Parts> RecordPlaces<P> {
    /// The places in `parts`, written by [`PlacesOf::to_bytes`]; `None` for anything
    /// else or a damaged head.
    pub fn open(parts: P) -> Option<Self> {
        let start = parts.part(0, HEAD_AT)?;
        if start.get(..MAGIC.len())? != MAGIC {
            return None;
        }
        let head_len = u32::from_le_bytes(start.get(8..12)?.try_into().ok()?) as usize;
        let sum = u64::from_le_bytes(start.get(12..20)?.try_into().ok()?);
        let head_bytes = parts.part(HEAD_AT as u64, head_len)?;
        if checksum(&head_bytes) != sum {
            return None;
        }
        let head: Head = serde_json::from_slice(&head_bytes).ok()?;
        Some(RecordPlaces {
            parts,
            files: head.files,
            records: head.records,
            places_at: (HEAD_AT + head_len) as u64,
            errors: head.errors,
            error_count: head.error_count,
            opened: RefCell::new(Vec::new()),
            bytes: RefCell::new(Vec::new()),
        })
    }

    /// How many records the store holds.
    pub fn len(&self) -> usize {
        self.records
    }

    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// The record numbered `number` read from its place: its id, title, date and
    /// texts (the rest left empty); `None` when it has none (look it up in the cache)
    /// or what is there is not that record.
    pub fn read(&self, number: usize) -> Option<Record> {
        let Place {
            file,
            len,
            offset,
            id_sum,
        } = self.place(number)?;
        let path = self.files.get(file)?;
        let mut opened = self.opened.try_borrow_mut().ok()?;
        if opened.len() <= file {
            opened.resize_with(file + 1, || None);
        }
        let slot = opened.get_mut(file)?;
        if slot.is_none() {
            *slot = crate::store::files::open_regular_sized(path)
                .ok()
                .map(|(f, size)| (size, f));
        }
        let (size, file) = slot.as_ref()?;
        // A damaged place may say anything: nothing is made ready past the file's end.
        if offset.checked_add(u64::try_from(len).ok()?)? > *size {
            return None;
        }
        let mut bytes = self.bytes.try_borrow_mut().ok()?;
        bytes.resize(len, 0);
        file.read_exact_at(&mut bytes, offset).ok()?;
        let shown = serde_json::from_slice::<Shown>(&bytes).ok()?;
        (checksum(shown.id.as_bytes()) == id_sum).then(|| Record {
            id: shown.id,
            title: shown.title,
            date: shown.date,
            texts: shown.texts,
            ..Record::default()
        })
    }

    /// Whether the record numbered `number` has a place to be read from (else it is
    /// looked up in the cache).
    pub fn has_place(&self, number: usize) -> bool {
        self.place(number).is_some()
    }

    fn place(&self, number: usize) -> Option<Place> {
        if number >= self.records {
            return None;
        }
        let at = self.places_at + u64::try_from(number.checked_mul(PLACE_LEN)?).ok()?;
        let place = self.parts.part(at, PLACE_LEN)?;
        let word = |at: usize| Some(u32::from_le_bytes(place.get(at..at + 4)?.try_into().ok()?));
        let (file, len) = (word(0)?, word(4)?);
        let long = |at: usize| Some(u64::from_le_bytes(place.get(at..at + 8)?.try_into().ok()?));
        Some(Place {
            file: usize::try_from(file).ok().filter(|_| file != NOWHERE)?,
            len: usize::try_from(len).ok()?,
            offset: long(8)?,
            id_sum: long(16)?,
        })
    }
}

/// Where one record's JSON is: which file, how long, from where, and its id's checksum.
struct Place {
    file: usize,
    len: usize,
    offset: u64,
    id_sum: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_on_disk(dir: &Path) -> super::super::Loaded {
        let records = dir.join("records");
        std::fs::create_dir_all(&records).unwrap();
        std::fs::write(
            records.join("a.jsonl"),
            concat!(
                r#"{"id":"a1","title":"First","texts":[{"lang":"en","role":"original","body":"one body"}]}"#,
                "\n",
                r#"{"id":"a2","title":"No text"}"#,
                "\n",
                r#"{"id":"a3","title":"Third","date":{"edtf":"1945-10"},"texts":[{"lang":"en","role":"original","body":"three"}]}"#,
                "\n",
                "{broken\n",
            ),
        )
        .unwrap();
        super::super::load_path_lazy(dir).unwrap()
    }

    #[test]
    fn a_record_read_from_its_place_is_the_records_heading_with_its_texts() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = store_on_disk(dir.path());
        let bytes = PlacesOf::new(&loaded.store, &loaded.problems).to_bytes();
        let places = RecordPlaces::open(bytes.as_slice()).unwrap();
        assert_eq!(places.len(), 3);
        for (number, record) in loaded.store.records.iter().enumerate() {
            let read = places.read(number);
            assert_eq!(places.has_place(number), !record.texts.is_empty());
            if record.texts.is_empty() {
                assert!(read.is_none(), "{} has no place", record.id);
                continue;
            }
            let read = read.unwrap();
            let whole = record.with_full_texts().unwrap();
            assert_eq!(read.id, whole.id);
            assert_eq!(read.title, whole.title);
            assert_eq!(read.date, whole.date);
            assert_eq!(read.texts, whole.texts);
        }
        let errors: Vec<&Problem> = loaded.problems.iter().filter(|p| p.is_error()).collect();
        assert_eq!(places.error_count, errors.len());
        assert!(
            places.errors.iter().any(|e| e.line == Some(4)),
            "{:?}",
            places.errors
        );
        assert_eq!(places.errors.iter().collect::<Vec<_>>(), errors);
        assert!(places.read(3).is_none());
    }

    #[test]
    fn damaged_bytes_are_not_places() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = store_on_disk(dir.path());
        let bytes = PlacesOf::new(&loaded.store, &loaded.problems).to_bytes();
        assert!(RecordPlaces::open(&bytes[1..]).is_none());
        assert!(RecordPlaces::open(&b"CARRELPL\xff\xff\xff\xff"[..]).is_none());
        // A damaged head is not read; a damaged place reads no record.
        let mut head = bytes.clone();
        head[HEAD_AT + 3] ^= 1;
        assert!(RecordPlaces::open(head.as_slice()).is_none());
        let places = RecordPlaces::open(bytes.as_slice()).unwrap();
        let first = places.places_at as usize;
        assert!(places.read(0).is_some());
        for byte in [first + 8, first + 16] {
            let mut damaged = bytes.clone();
            damaged[byte] ^= 0x40;
            let places = RecordPlaces::open(damaged.as_slice()).unwrap();
            assert!(places.read(0).is_none(), "byte {byte}");
        }
        // Past the end.
        let mut short = bytes.clone();
        short.truncate(bytes.len() - 1);
        let places = RecordPlaces::open(short.as_slice()).unwrap();
        assert!(places.read(2).is_none());
    }
}
