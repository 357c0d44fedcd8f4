//! What the full-text index needs to be searched without opening the store: each
//! segment's documents as store record numbers, the names' spellings and the texts'
//! languages. Saved as a sidecar of the metadata cache (valid exactly while the store
//! is unchanged), so that `carrel grep` on an unchanged store reads the index and
//! decodes only the records it prints.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::directory::{Directory, MmapDirectory, OwnedBytes};
use tantivy::{Index, ReloadPolicy};

use super::collect::DocMap;
use super::names::Names;
use super::{FullText, Update, build};

/// The payload: `MAGIC`, the length of a JSON head (u32, little-endian), the head (the
/// segments without their maps, the languages), the length of the names (u32) and the
/// names as text (see [`Names::to_lines`]), then each segment's map as `max_doc` u32s,
/// little-endian. Nothing but the head is parsed: the names are thousands of strings
/// (parsed as JSON they were a third of a `carrel grep` for a rare word), and a query
/// builds only those that share a word with it; the maps are one number a document.
const MAGIC: &[u8; 8] = b"CARRELF2";

#[derive(Serialize, Deserialize)]
struct Saved {
    /// The index's format (see `build::FORMAT`): an index made by an older analyzer
    /// is not searched with a newer one's queries.
    format: u32,
    segments: Vec<SavedSegment>,
    langs: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct SavedSegment {
    id: String,
    max_doc: u32,
    deleted: u32,
}

impl FullText {
    /// The sidecar payload for this index over the store it was opened with.
    pub fn to_saved(&self) -> Vec<u8> {
        let segments = self
            .searcher
            .segment_readers()
            .iter()
            .map(|segment| SavedSegment {
                id: segment.segment_id().uuid_string(),
                max_doc: segment.max_doc(),
                deleted: segment.num_deleted_docs(),
            })
            .collect();
        let saved = Saved {
            format: build::FORMAT,
            segments,
            langs: self.langs.clone(),
        };
        let names = self.names.to_lines();
        let Ok(head) = serde_json::to_vec(&saved) else {
            return Vec::new();
        };
        let (Ok(head_len), Ok(names_len)) = (u32::try_from(head.len()), u32::try_from(names.len()))
        else {
            return Vec::new();
        };
        let docs: usize = self.maps.iter().map(|m| m.len()).sum();
        let mut payload = Vec::with_capacity(MAGIC.len() + 8 + head.len() + names.len() + docs * 4);
        payload.extend_from_slice(MAGIC);
        payload.extend_from_slice(&head_len.to_le_bytes());
        payload.extend_from_slice(&head);
        payload.extend_from_slice(&names_len.to_le_bytes());
        payload.extend_from_slice(names.as_bytes());
        for map in self.maps.iter() {
            for record in map.records() {
                payload.extend_from_slice(&record.to_le_bytes());
            }
        }
        payload
    }

    /// The index in `dir` with what [`FullText::to_saved`] saved; `None` unless the
    /// index is exactly the one saved (same segments, same deletions). Only the names
    /// that share a word with `query` are kept (see [`Names::from_lines_naming`]): the
    /// index then serves that query alone.
    pub fn open_saved(dir: &Path, payload: OwnedBytes, query: &str) -> Option<FullText> {
        let bytes = payload.as_slice();
        let rest = bytes.strip_prefix(MAGIC)?;
        let head_len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let saved: Saved = serde_json::from_slice(rest.get(4..4 + head_len)?).ok()?;
        if saved.format != build::FORMAT {
            return None;
        }
        let rest = rest.get(4 + head_len..)?;
        let names_len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let names = std::str::from_utf8(rest.get(4..4 + names_len)?).ok()?;
        // Where the maps start in the payload: they are used where they lie.
        let mut at = MAGIC.len() + 4 + head_len + 4 + names_len;
        let index = Index::open_in_dir(dir).ok()?;
        let fields = build::fields_of(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .ok()?;
        let searcher = reader.searcher();
        let segments = searcher.segment_readers();
        if segments.len() != saved.segments.len() {
            return None;
        }
        let mut maps = Vec::with_capacity(segments.len());
        for (segment, kept) in segments.iter().zip(saved.segments) {
            let same = segment.segment_id().uuid_string() == kept.id
                && segment.max_doc() == kept.max_doc
                && segment.num_deleted_docs() == kept.deleted;
            let end = at.checked_add(kept.max_doc as usize * 4)?;
            if !same || end > bytes.len() {
                return None;
            }
            maps.push(DocMap::Saved(payload.slice(at..end)));
            at = end;
        }
        if at != bytes.len() {
            return None;
        }
        Some(FullText {
            _index: index,
            _reader: reader,
            searcher,
            fields,
            maps: Arc::new(maps),
            names: Names::from_lines_naming(names, query),
            langs: saved.langs,
            update: Update::default(),
        })
    }
}

/// The bytes of the file at `path`, mapped rather than read: a search touches only
/// the pages of the documents it meets (read, the map of a 100,000-record index was a
/// quarter of a `carrel grep`'s page faults). The file must be a regular one.
pub fn mapped(path: &Path) -> Option<OwnedBytes> {
    if !std::fs::symlink_metadata(path).ok()?.file_type().is_file() {
        return None;
    }
    let directory = MmapDirectory::open(path.parent()?).ok()?;
    let file = directory.open_read(Path::new(path.file_name()?)).ok()?;
    file.read_bytes().ok()
}
