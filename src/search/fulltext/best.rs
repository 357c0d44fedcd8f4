//! The best few records for a query without scoring every one that matches:
//! `carrel grep` prints a page and no count, so a common word need not score the
//! tens of thousands of texts that say it.
//!
//! A score is the texts' BM25 plus the lifts of title and name matches (see
//! `FullText::lift`): for words, a sum over their keys' terms in the three fields.
//! Asked as one flat union of those terms, tantivy searches it by block-max WAND,
//! skipping blocks of documents whose best possible sum cannot enter the best `limit`
//! so far. The union also meets documents whose titles or names say the words and
//! whose texts do not; the collector drops them by looking each one up in the texts'
//! own query (the documents come in order, so that is one forward seek each). What is
//! kept scores what the whole query gives it: the same terms, summed.
//!
//! An excluded word (`!word`) and an either-or (`a | b`) are the texts' query's to
//! check; a query with a phrase, a prefix or a suffix is searched whole
//! (`FullText::search_texts`): its score is not a sum of terms.

use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Occur, Query as TantivyQuery, Scorer, TermQuery,
    Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

use super::collect::{DocMap, DocMaps, best_first, keep_best, one_per_record};
use super::{
    Alternative, FullText, FullTextError, NAMES_BOOST, TITLE_BOOST, TextClause, TextQuery,
};

impl FullText {
    /// The best `limit` records whose texts match `query` (record, score), best first,
    /// as [`FullText::search_texts`] ranks them, without counting all that match.
    pub fn best_texts(
        &self,
        query: &TextQuery,
        limit: usize,
    ) -> Result<Vec<(usize, f32)>, FullTextError> {
        if !query.has_words() || limit == 0 {
            return Ok(Vec::new());
        }
        let Some(union) = self.flat_union(query) else {
            return Ok(self.search_texts(query, Some(limit))?.hits);
        };
        let collector = BestCollector {
            maps: Arc::clone(&self.maps),
            limit,
            texts: self.texts_wanted(query)?,
            bar: Mutex::new(Score::MIN),
        };
        let best = self.searcher.search(&union, &collector)?;
        Ok(best.into_iter().map(|(r, s)| (r as usize, s)).collect())
    }

    /// Every key of every word wanted in the texts, titles and names, each term
    /// boosted as its field lifts it, as one union; `None` unless the words wanted are
    /// words alone (an excluded word is left to the texts' query).
    fn flat_union(&self, query: &TextQuery) -> Option<BooleanQuery> {
        let mut terms: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for clause in &query.clauses {
            let wanted = match clause {
                TextClause::Must(term) => std::slice::from_ref(term),
                TextClause::Either(terms) => terms.as_slice(),
                TextClause::Not(_) => &[],
            };
            for alternative in wanted.iter().flat_map(|term| &term.alternatives) {
                let keys = match alternative {
                    Alternative::Word(keys) => keys,
                    Alternative::Phrase(keys) if keys.len() <= 1 => keys,
                    _ => return None,
                };
                for key in keys {
                    for (field, boost) in [
                        (self.fields.body, 1.0),
                        (self.fields.title, TITLE_BOOST),
                        (self.fields.names, NAMES_BOOST),
                    ] {
                        let term = TermQuery::new(
                            Term::from_field_text(field, key),
                            IndexRecordOption::WithFreqs,
                        );
                        let query: Box<dyn TantivyQuery> = if boost == 1.0 {
                            Box::new(term)
                        } else {
                            Box::new(BoostQuery::new(Box::new(term), boost))
                        };
                        terms.push((Occur::Should, query));
                    }
                }
            }
        }
        (!terms.is_empty()).then(|| BooleanQuery::new(terms))
    }

    /// What a document's texts must say for `query` (of words alone, see
    /// [`FullText::flat_union`]): a key of each word wanted (of one of an either-or's),
    /// and nothing excluded. Each key is its own postings, which skip ahead cheaply;
    /// tantivy's own union of them fills a window of documents at each seek, and that
    /// was a tenth of a common word's search.
    fn texts_wanted(&self, query: &TextQuery) -> Result<TextsWanted, FullTextError> {
        let scoring = EnableScoring::disabled_from_searcher(&self.searcher);
        let key_weight = |key: &String| {
            TermQuery::new(
                Term::from_field_text(self.fields.body, key),
                IndexRecordOption::Basic,
            )
            .weight(scoring)
        };
        let mut wanted = TextsWanted::default();
        for clause in &query.clauses {
            let terms = match clause {
                TextClause::Not(term) => {
                    wanted
                        .excluded
                        .push(self.term_query(term, self.fields.body).weight(scoring)?);
                    continue;
                }
                TextClause::Must(term) => std::slice::from_ref(term),
                TextClause::Either(terms) => terms.as_slice(),
            };
            let mut any = Vec::new();
            for alternative in terms.iter().flat_map(|term| &term.alternatives) {
                if let Alternative::Word(keys) | Alternative::Phrase(keys) = alternative {
                    for key in keys {
                        any.push(key_weight(key)?);
                    }
                }
            }
            wanted.all.push(any);
        }
        Ok(wanted)
    }
}

/// See [`FullText::texts_wanted`].
#[derive(Default)]
struct TextsWanted {
    /// Each: the keys one of which the texts must hold.
    all: Vec<Vec<Box<dyn Weight>>>,
    /// What the texts must not say.
    excluded: Vec<Box<dyn Weight>>,
}

/// [`TextsWanted`] in one segment.
struct SegmentWanted {
    all: Vec<Vec<Box<dyn Scorer>>>,
    excluded: Vec<Box<dyn Scorer>>,
}

impl SegmentWanted {
    fn of(wanted: &TextsWanted, reader: &SegmentReader) -> tantivy::Result<SegmentWanted> {
        let scorers = |weights: &[Box<dyn Weight>]| {
            weights
                .iter()
                .map(|weight| weight.scorer(reader, 1.0))
                .collect::<tantivy::Result<Vec<_>>>()
        };
        Ok(SegmentWanted {
            all: wanted
                .all
                .iter()
                .map(|any| scorers(any))
                .collect::<tantivy::Result<_>>()?,
            excluded: scorers(&wanted.excluded)?,
        })
    }

    /// Whether the texts of `doc` say what is wanted (asked in increasing order).
    fn holds(&mut self, doc: DocId) -> bool {
        self.all
            .iter_mut()
            .all(|any| any.iter_mut().any(|keys| at(keys.as_mut(), doc)))
            && !self.excluded.iter_mut().any(|not| at(not.as_mut(), doc))
    }
}

/// Whether `docs` holds `doc`, moving it forward to there (never back).
fn at(docs: &mut dyn Scorer, doc: DocId) -> bool {
    let here = docs.doc();
    if here < doc {
        return docs.seek(doc) == doc;
    }
    here == doc
}

/// Keeps each segment's best `limit` records of the documents the texts' query
/// matches, raising the bar the search skips below as they fill.
struct BestCollector {
    maps: Arc<DocMaps>,
    limit: usize,
    /// What the texts must say for a document to be kept.
    texts: TextsWanted,
    /// The highest bar a segment searched so far reached: the whole best `limit`
    /// score at least that, so the next segment starts from it.
    bar: Mutex<Score>,
}

struct BestSegment {
    map: DocMap,
    limit: usize,
    texts: SegmentWanted,
    alive: Option<tantivy::fastfield::AliveBitSet>,
    best: Vec<(u32, Score)>,
    seen: Vec<u64>,
}

impl BestSegment {
    /// The score a document must pass to be kept: just below the worst kept once
    /// there are `limit` (a tie still comes in and is ranked by record number).
    fn bar(&self) -> Score {
        match self.best.last() {
            Some(&(_, worst)) if self.best.len() >= self.limit => worst.next_down(),
            _ => Score::MIN,
        }
    }
}

impl Collector for BestCollector {
    type Fruit = Vec<(u32, Score)>;
    type Child = BestSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<BestSegment> {
        Ok(BestSegment {
            map: self.maps.get(segment as usize).cloned().unwrap_or_default(),
            limit: self.limit,
            texts: SegmentWanted::of(&self.texts, reader)?,
            alive: reader.alive_bitset().cloned(),
            best: Vec::with_capacity(self.limit.min(1024) + 1),
            seen: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment_ord: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<(u32, Score)>> {
        let mut segment = self.for_segment(segment_ord, reader)?;
        let start = self.bar.lock().map_or(Score::MIN, |bar| *bar);
        weight.for_each_pruning(start, reader, &mut |doc, score| {
            segment.collect(doc, score);
            segment.bar().max(start)
        })?;
        if let Ok(mut bar) = self.bar.lock() {
            *bar = bar.max(segment.bar());
        }
        Ok(segment.harvest())
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, Score)>>) -> tantivy::Result<Self::Fruit> {
        let mut all: Vec<(u32, Score)> = fruits.into_iter().flatten().collect();
        one_per_record(&mut all);
        all.sort_unstable_by(best_first);
        all.truncate(self.limit);
        Ok(all)
    }
}

impl SegmentCollector for BestSegment {
    type Fruit = Vec<(u32, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if self
            .alive
            .as_ref()
            .is_some_and(|alive| alive.is_deleted(doc))
        {
            return;
        }
        let Some(record) = self.map.get(doc) else {
            return;
        };
        if record == u32::MAX || !self.texts.holds(doc) {
            return;
        }
        keep_best(self.limit, &mut self.best, &mut self.seen, (record, score));
    }

    fn harvest(mut self) -> Vec<(u32, Score)> {
        self.best.sort_unstable_by(best_first);
        self.best
    }
}
