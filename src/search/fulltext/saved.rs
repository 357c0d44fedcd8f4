//! What the full-text index needs to be searched without opening the store: each
//! segment's documents as store record numbers, the names' spellings and the texts'
//! languages. Saved as a sidecar of the metadata cache (valid exactly while the store
//! is unchanged), so that `carrel grep` on an unchanged store reads the index and
//! decodes only the records it prints.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::{Index, ReloadPolicy};

use super::names::Names;
use super::{FullText, Update, build};

#[derive(Serialize, Deserialize)]
struct Saved {
    segments: Vec<SavedSegment>,
    names: Vec<Vec<Vec<String>>>,
    langs: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct SavedSegment {
    id: String,
    max_doc: u32,
    deleted: u32,
    records: Vec<u32>,
}

impl FullText {
    /// The sidecar payload for this index over the store it was opened with.
    pub fn to_saved(&self) -> Vec<u8> {
        let segments = self
            .searcher
            .segment_readers()
            .iter()
            .zip(self.maps.iter())
            .map(|(segment, map)| SavedSegment {
                id: segment.segment_id().uuid_string(),
                max_doc: segment.max_doc(),
                deleted: segment.num_deleted_docs(),
                records: map.as_ref().clone(),
            })
            .collect();
        let saved = Saved {
            segments,
            names: self.names.groups().to_vec(),
            langs: self.langs.clone(),
        };
        serde_json::to_vec(&saved).unwrap_or_default()
    }

    /// The index in `dir` with what [`FullText::to_saved`] saved; `None` unless the
    /// index is exactly the one saved (same segments, same deletions).
    pub fn open_saved(dir: &Path, payload: &[u8]) -> Option<FullText> {
        let saved: Saved = serde_json::from_slice(payload).ok()?;
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
                && segment.num_deleted_docs() == kept.deleted
                && kept.records.len() == kept.max_doc as usize;
            if !same {
                return None;
            }
            maps.push(Arc::new(kept.records));
        }
        Some(FullText {
            _index: index,
            _reader: reader,
            searcher,
            fields,
            maps: Arc::new(maps),
            names: Names::from_groups(saved.names),
            langs: saved.langs,
            update: Update::default(),
        })
    }
}
