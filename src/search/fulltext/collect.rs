//! Gathering a full-text query's hits as store records: each index document is mapped
//! to its record (through the id's hash kept in a fast field), records outside the
//! allowed set are dropped, and a record indexed twice (a store file changed while
//! an update was cut short) counts once.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Per segment of the searcher, document → record (`u32::MAX`: not in the store).
pub type DocMaps = Vec<Arc<Vec<u32>>>;

pub struct RecordCollector {
    pub maps: Arc<DocMaps>,
    /// Records allowed (by the field scopes and the collection); all when `None`.
    pub allowed: Option<Arc<Vec<bool>>>,
}

pub struct RecordSegment {
    map: Arc<Vec<u32>>,
    allowed: Option<Arc<Vec<bool>>>,
    hits: Vec<(u32, Score)>,
}

impl Collector for RecordCollector {
    type Fruit = Vec<(u32, Score)>;
    type Child = RecordSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<RecordSegment> {
        Ok(RecordSegment {
            map: self.maps.get(segment as usize).cloned().unwrap_or_default(),
            allowed: self.allowed.clone(),
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, Score)>>) -> tantivy::Result<Self::Fruit> {
        let mut all: Vec<(u32, Score)> = fruits.into_iter().flatten().collect();
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        all.dedup_by_key(|hit| hit.0);
        Ok(all)
    }
}

impl SegmentCollector for RecordSegment {
    type Fruit = Vec<(u32, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(&record) = self.map.get(doc as usize) else {
            return;
        };
        if record == u32::MAX {
            return;
        }
        if let Some(allowed) = &self.allowed
            && !allowed.get(record as usize).copied().unwrap_or(false)
        {
            return;
        }
        self.hits.push((record, score));
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}
