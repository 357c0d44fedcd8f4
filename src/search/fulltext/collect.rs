//! Gathering a full-text query's hits as store records: each index document is mapped
//! to its record (through the id's hash kept in a fast field), records outside the
//! allowed set are dropped, and a record indexed twice (a store file changed while
//! an update was cut short) counts once, with its better score.
//!
//! With a limit, each segment keeps only its best `limit` records and a bitset of the
//! records it met: the count stays exact (every distinct record) without a list of all
//! hits to sort. A segment's best `limit` hold every record of the whole best `limit`
//! that it scored highest, so merging them gives what sorting everything gives.

use std::cmp::Ordering;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Per segment of the searcher, document → record (`u32::MAX`: not in the store).
pub type DocMaps = Vec<DocMap>;

/// One segment's documents as store records: worked out from the store, or the bytes
/// a saved one is in (one little-endian u32 a document, mapped from the file, so that
/// a search reads only the documents it meets).
#[derive(Clone)]
pub enum DocMap {
    Built(Arc<Vec<u32>>),
    Saved(tantivy::directory::OwnedBytes),
}

impl Default for DocMap {
    fn default() -> Self {
        DocMap::Built(Arc::default())
    }
}

impl DocMap {
    /// The record of document `doc`, `u32::MAX` for none.
    pub fn get(&self, doc: DocId) -> Option<u32> {
        match self {
            DocMap::Built(records) => records.get(doc as usize).copied(),
            DocMap::Saved(bytes) => {
                let at = doc as usize * 4;
                let word: [u8; 4] = bytes.as_slice().get(at..at + 4)?.try_into().ok()?;
                Some(u32::from_le_bytes(word))
            }
        }
    }

    /// How many documents.
    pub fn len(&self) -> usize {
        match self {
            DocMap::Built(records) => records.len(),
            DocMap::Saved(bytes) => bytes.len() / 4,
        }
    }

    /// Each document's record, in document order.
    pub fn records(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len() as DocId).filter_map(|doc| self.get(doc))
    }
}

/// How many distinct records matched, and the best of them (record, score), best
/// first (ties: the lower record number first).
pub type Collected = (usize, Vec<(u32, Score)>);

pub struct RecordCollector {
    pub maps: Arc<DocMaps>,
    /// Records allowed (by the field scopes and the collection); all when `None`.
    pub allowed: Option<Arc<Vec<bool>>>,
    /// Keep the best this many; all when `None`.
    pub limit: Option<usize>,
}

/// Best first, then by record number: the order hits are listed in.
pub fn best_first(a: &(u32, Score), b: &(u32, Score)) -> Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

pub struct RecordSegment {
    map: DocMap,
    allowed: Option<Arc<Vec<bool>>>,
    kept: Kept,
}

/// A segment's hits: all of them, or the best few and which records were met.
enum Kept {
    All(Vec<(u32, Score)>),
    Best {
        limit: usize,
        /// At most `limit`, distinct records; sorted best first once full.
        best: Vec<(u32, Score)>,
        /// The records met, as bits.
        seen: Vec<u64>,
    },
}

/// One segment's fruit: its hits (all, or its best) and the records it met as bits
/// (`None` when all hits are there).
pub struct SegmentFruit {
    hits: Vec<(u32, Score)>,
    seen: Option<Vec<u64>>,
}

impl Collector for RecordCollector {
    type Fruit = Collected;
    type Child = RecordSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<RecordSegment> {
        let map = self.maps.get(segment as usize).cloned().unwrap_or_default();
        let kept = match self.limit {
            None => Kept::All(Vec::new()),
            Some(limit) => Kept::Best {
                limit,
                best: Vec::with_capacity(limit.min(1024) + 1),
                seen: Vec::new(),
            },
        };
        Ok(RecordSegment {
            map,
            allowed: self.allowed.clone(),
            kept,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Collected> {
        let mut seen: Vec<u64> = Vec::new();
        let mut all: Vec<(u32, Score)> = Vec::new();
        let mut counted = true;
        for fruit in fruits {
            match fruit.seen {
                Some(bits) => {
                    if seen.len() < bits.len() {
                        seen.resize(bits.len(), 0);
                    }
                    for (into, word) in seen.iter_mut().zip(bits) {
                        *into |= word;
                    }
                }
                None => counted = false,
            }
            all.extend(fruit.hits);
        }
        one_per_record(&mut all);
        let total = if counted && self.limit.is_some() {
            seen.iter().map(|w| w.count_ones() as usize).sum()
        } else {
            all.len()
        };
        all.sort_unstable_by(best_first);
        all.truncate(self.limit.unwrap_or(usize::MAX));
        Ok((total, all))
    }
}

impl SegmentCollector for RecordSegment {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(record) = self.map.get(doc) else {
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
        match &mut self.kept {
            Kept::All(hits) => hits.push((record, score)),
            Kept::Best { limit, best, seen } => keep_best(*limit, best, seen, (record, score)),
        }
    }

    fn harvest(self) -> SegmentFruit {
        match self.kept {
            Kept::All(hits) => SegmentFruit { hits, seen: None },
            Kept::Best { best, seen, .. } => SegmentFruit {
                hits: best,
                seen: Some(seen),
            },
        }
    }
}

/// Each record's hits reduced to its best: a record indexed twice (a store file changed
/// while an update was cut short) counts once. Leaves them in record order.
pub(super) fn one_per_record(hits: &mut Vec<(u32, Score)>) {
    hits.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    hits.dedup_by_key(|hit| hit.0);
}

/// Counts `hit`'s record as met and keeps it if it is among the best `limit`.
pub(super) fn keep_best(
    limit: usize,
    best: &mut Vec<(u32, Score)>,
    seen: &mut Vec<u64>,
    hit: (u32, Score),
) {
    let (word, bit) = (hit.0 as usize / 64, 1u64 << (hit.0 % 64));
    if seen.len() <= word {
        seen.resize(word + 1, 0);
    }
    let met = seen[word] & bit != 0;
    seen[word] |= bit;
    if met {
        // Indexed twice: the better score counts, if the record is kept at all.
        if let Some(at) = best.iter().position(|k| k.0 == hit.0) {
            if hit.1 > best[at].1 {
                best.remove(at);
            } else {
                return;
            }
        }
    }
    if limit == 0 {
        return;
    }
    if best.len() < limit {
        best.push(hit);
        if best.len() == limit {
            best.sort_unstable_by(best_first);
        }
        return;
    }
    // Full and sorted: the last is the worst kept.
    if best
        .last()
        .is_some_and(|worst| best_first(&hit, worst).is_lt())
    {
        let at = best.partition_point(|k| best_first(k, &hit).is_lt());
        best.pop();
        best.insert(at, hit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(limit: usize, hits: &[(u32, Score)]) -> (usize, Vec<(u32, Score)>) {
        let (mut best, mut seen) = (Vec::new(), Vec::new());
        for &hit in hits {
            keep_best(limit, &mut best, &mut seen, hit);
        }
        best.sort_unstable_by(best_first);
        let total = seen.iter().map(|w| w.count_ones() as usize).sum();
        (total, best)
    }

    fn all_sorted(limit: usize, hits: &[(u32, Score)]) -> (usize, Vec<(u32, Score)>) {
        let mut all = hits.to_vec();
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        all.dedup_by_key(|h| h.0);
        let total = all.len();
        all.sort_unstable_by(best_first);
        all.truncate(limit);
        (total, all)
    }

    #[test]
    fn the_best_few_are_those_sorting_everything_gives() {
        // Ties, a record twice (better second, worse second), more than the limit.
        let hits = [
            (7, 1.0),
            (3, 2.0),
            (9, 2.0),
            (1, 0.5),
            (3, 1.0),
            (5, 3.0),
            (1, 4.0),
            (2, 2.0),
            (200, 2.0),
            (8, 0.1),
        ];
        for limit in 0..12 {
            assert_eq!(
                kept(limit, &hits),
                all_sorted(limit, &hits),
                "limit {limit}"
            );
        }
    }
}
