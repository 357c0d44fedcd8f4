//! Searching what the documents say: a tantivy index of every record's texts, kept in
//! the cache folder beside the metadata cache and brought up to date one record file
//! at a time (see `build`), queried in the query language (see `text_query`), with
//! snippets and hit ranges worked out from the texts read back from the store (the
//! index stores no bodies). Knows nothing of terminals: progress goes to a callback.
//!
//! Ranking is tantivy's BM25 over the texts, lifted when the words are also in the
//! title (x3) or the people's and places' names (x2). Internals: assets/docs/full-text.md.

mod analyzer;
mod best;
mod build;
mod collect;
mod grams;
mod hits;
mod names;
mod partial;
mod saved;
mod snippet;
mod text_query;
mod tokenizer;
mod word_keys;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query as TantivyQuery, RegexQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, Term};

pub use analyzer::{Analyzer, STEM_MARK, Token};
pub use build::Update;
pub use names::Names;
pub use partial::Watcher;
pub use saved::mapped;
pub use snippet::Snippet;
pub use text_query::{Alternative, TextClause, TextQuery, TextTerm};
pub use word_keys::{loose_key, text_keys};

use crate::search::SyntaxError;
use crate::store::{Store, StoreError};
use build::Fields;
use collect::{DocMaps, RecordCollector};
use hits::HitScan;

/// How far a build has come: records indexed of those to index, text bytes read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexProgress {
    pub done: usize,
    pub total: usize,
    pub bytes: u64,
}

impl IndexProgress {
    /// 0 to 100 ("indexing texts 34%").
    pub fn percent(&self) -> u8 {
        if self.total == 0 {
            return 100;
        }
        (self.done.min(self.total) * 100 / self.total) as u8
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FullTextError {
    #[error("full-text index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("cannot write the full-text index in {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("full-text index: an indexing thread failed")]
    Worker,
}

/// The ranked records whose texts match a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextHits {
    /// How many records match (all of them, whatever the limit).
    pub total: usize,
    /// (record index into `Store::records`, score), best first, at most the limit.
    pub hits: Vec<(usize, f32)>,
}

/// A boolean query's clauses.
type Clauses = Vec<(Occur, Box<dyn TantivyQuery>)>;

/// Title and name hits count this much more than text hits.
const TITLE_BOOST: f32 = 3.0;
const NAMES_BOOST: f32 = 2.0;

/// The full-text index of one store, opened for searching.
pub struct FullText {
    _index: Index,
    _reader: IndexReader,
    searcher: Searcher,
    fields: Fields,
    maps: Arc<DocMaps>,
    names: Names,
    langs: Vec<String>,
    update: Update,
}

/// Where the full-text index of the store at `store_path` lives: beside its metadata
/// cache (`stores/<hash>.fulltext/`).
pub fn index_dir(cache_dir: &Path, store_path: &Path) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(store_path).ok()?;
    Some(crate::store::cache::cache_file(cache_dir, &canonical).with_extension("fulltext"))
}

impl FullText {
    /// The index of `store`, from `dir` when it holds one (brought up to date: only
    /// changed record files are indexed again), else built there; in memory without a
    /// folder. `progress` hears how far indexing has come, from the calling thread.
    /// A damaged index is deleted and built again.
    pub fn open(
        store: &Store,
        dir: Option<&Path>,
        progress: impl FnMut(IndexProgress),
    ) -> Result<Self, FullTextError> {
        struct Progress<F>(F);
        impl<F: FnMut(IndexProgress)> Watcher for Progress<F> {
            fn progress(&mut self, progress: IndexProgress) {
                (self.0)(progress);
            }
        }
        Self::open_watched(store, dir, &mut Progress(progress))
    }

    /// [`FullText::open`], handing `watcher` what is indexed so far whenever it asks
    /// for it while the index is built (see [`Watcher`]).
    pub fn open_watched(
        store: &Store,
        dir: Option<&Path>,
        watcher: &mut dyn Watcher,
    ) -> Result<Self, FullTextError> {
        let mut hooks = partial::Hooks::new(store, watcher);
        let (index, fields, manifest, update) = build::open_or_build(store, dir, &mut hooks)?;
        let (names, by_key) = hooks.into_parts();
        let langs = manifest.langs.into_iter().collect();
        Self::of_index(index, fields, &by_key, names, langs, update)
    }

    /// The index searched as it is committed now, its documents mapped to records by
    /// `by_key` (record id hash → record).
    fn of_index(
        index: Index,
        fields: Fields,
        by_key: &std::collections::HashMap<u64, u32>,
        names: Names,
        langs: Vec<String>,
        update: Update,
    ) -> Result<Self, FullTextError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let mut maps = Vec::with_capacity(searcher.segment_readers().len());
        for segment in searcher.segment_readers() {
            let keys = segment.fast_fields().u64("key")?;
            let map: Vec<u32> = (0..segment.max_doc())
                .map(|doc| {
                    keys.first(doc)
                        .and_then(|k| by_key.get(&k).copied())
                        .unwrap_or(u32::MAX)
                })
                .collect();
            maps.push(collect::DocMap::Built(Arc::new(map)));
        }
        Ok(FullText {
            _index: index,
            _reader: reader,
            searcher,
            fields,
            maps: Arc::new(maps),
            names,
            langs,
            update,
        })
    }

    /// What opening did: how many records were indexed, whether it was rebuilt.
    pub fn update(&self) -> Update {
        self.update
    }

    /// The stemmer languages of the indexed texts.
    pub fn languages(&self) -> &[String] {
        &self.langs
    }

    pub fn names(&self) -> &Names {
        &self.names
    }

    /// `query` read for full text with this store's names and languages.
    pub fn query(&self, query: &str) -> Result<TextQuery, SyntaxError> {
        TextQuery::parse(query, &self.names, &self.langs)
    }

    /// The records whose texts match `query` and that pass its field scopes, best
    /// first; `within` restricts them to those record indices (a collection); `limit`
    /// keeps the best N (the total counts all).
    pub fn search(
        &self,
        store: &Store,
        query: &TextQuery,
        within: Option<&[usize]>,
        limit: Option<usize>,
    ) -> Result<TextHits, FullTextError> {
        let allowed = (within.is_some() || !query.filters.is_empty()).then(|| {
            let mut allowed = vec![within.is_none(); store.records.len()];
            for &r in within.into_iter().flatten() {
                if let Some(slot) = allowed.get_mut(r) {
                    *slot = true;
                }
            }
            for (slot, record) in allowed.iter_mut().zip(&store.records) {
                *slot = *slot && query.allows(record);
            }
            Arc::new(allowed)
        });
        self.search_allowed(query, allowed, limit)
    }

    /// [`FullText::search`] without a store: the field scopes are not looked at (an
    /// index opened by [`FullText::open_saved`] serves queries without them).
    pub fn search_texts(
        &self,
        query: &TextQuery,
        limit: Option<usize>,
    ) -> Result<TextHits, FullTextError> {
        self.search_allowed(query, None, limit)
    }

    fn search_allowed(
        &self,
        query: &TextQuery,
        allowed: Option<Arc<Vec<bool>>>,
        limit: Option<usize>,
    ) -> Result<TextHits, FullTextError> {
        if !query.has_words() || limit == Some(0) {
            return Ok(TextHits::default());
        }
        let collector = RecordCollector {
            maps: Arc::clone(&self.maps),
            allowed,
            limit,
        };
        let (total, found) = self
            .searcher
            .search(&self.tantivy_query(query), &collector)?;
        Ok(TextHits {
            total,
            hits: found.into_iter().map(|(r, s)| (r as usize, s)).collect(),
        })
    }

    /// One line of about `width` chars from the texts of `record` around the first hit
    /// of `query` (reading text first); the opening of the reading text when no word is
    /// found in it (the record matched by a stem the line cannot show), `None` for a
    /// record without text.
    pub fn snippet(
        &self,
        store: &Store,
        record: usize,
        query: &TextQuery,
        width: usize,
    ) -> Result<Option<Snippet>, StoreError> {
        snippet_of(store, record, query, width)
    }

    fn tantivy_query(&self, query: &TextQuery) -> Box<dyn TantivyQuery> {
        let (mut clauses, lifts) = self.clauses_of(query);
        clauses.extend(lifts);
        Box::new(BooleanQuery::new(clauses))
    }

    /// The query's clauses on the texts, and apart from them the optional title and
    /// name matches that lift a score (see `best`, which searches the two apart).
    fn clauses_of(&self, query: &TextQuery) -> (Clauses, Clauses) {
        let mut clauses: Clauses = Vec::new();
        let mut lifts: Clauses = Vec::new();
        let mut positive = false;
        for clause in &query.clauses {
            match clause {
                TextClause::Must(term) => {
                    positive = true;
                    clauses.push((Occur::Must, self.term_query(term, self.fields.body)));
                    self.lift(term, &mut lifts);
                }
                TextClause::Not(term) => {
                    clauses.push((Occur::MustNot, self.term_query(term, self.fields.body)));
                }
                TextClause::Either(terms) => {
                    positive = true;
                    let any: Clauses = terms
                        .iter()
                        .map(|t| (Occur::Should, self.term_query(t, self.fields.body)))
                        .collect();
                    clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
                    for term in terms {
                        self.lift(term, &mut lifts);
                    }
                }
            }
        }
        if !positive {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        (clauses, lifts)
    }

    /// Optional title and name matches, which raise the score.
    fn lift(&self, term: &TextTerm, clauses: &mut Clauses) {
        for (field, boost) in [
            (self.fields.title, TITLE_BOOST),
            (self.fields.names, NAMES_BOOST),
        ] {
            let query = self.term_query(term, field);
            clauses.push((Occur::Should, Box::new(BoostQuery::new(query, boost))));
        }
    }

    fn term_query(&self, term: &TextTerm, field: Field) -> Box<dyn TantivyQuery> {
        let mut any: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        let text = |key: &str| Term::from_field_text(field, key);
        for alternative in &term.alternatives {
            match alternative {
                Alternative::Word(keys) => {
                    for key in keys {
                        any.push((
                            Occur::Should,
                            Box::new(TermQuery::new(text(key), IndexRecordOption::WithFreqs)),
                        ));
                    }
                }
                Alternative::Phrase(keys) if keys.len() > 1 => {
                    let terms: Vec<(usize, Term)> = grams::phrase_terms(keys)
                        .into_iter()
                        .map(|(offset, key)| (offset, text(&key)))
                        .collect();
                    let query: Box<dyn TantivyQuery> = match terms.as_slice() {
                        // A pair alone: the whole phrase is one term.
                        [(_, term)] => {
                            Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs))
                        }
                        _ => Box::new(PhraseQuery::new_with_offset(terms)),
                    };
                    any.push((Occur::Should, query));
                }
                Alternative::Phrase(keys) => {
                    for key in keys {
                        any.push((
                            Occur::Should,
                            Box::new(TermQuery::new(text(key), IndexRecordOption::WithFreqs)),
                        ));
                    }
                }
                Alternative::Prefix(key) => {
                    if let Ok(regex) =
                        // `[^ ]`: a word, not a pair of words (see `grams`).
                        RegexQuery::from_pattern(&format!("{}[^ ]*", escape(key)), field)
                    {
                        any.push((Occur::Should, Box::new(regex)));
                    }
                }
                Alternative::Suffix(key) => {
                    // Stems are marked: `[^~ ]` keeps a suffix query on words as written, not on
                    // stems or pairs.
                    let pattern = format!("([^{STEM_MARK} ][^ ]*)?{}", escape(key));
                    if let Ok(regex) = RegexQuery::from_pattern(&pattern, field) {
                        any.push((Occur::Should, Box::new(regex)));
                    }
                }
            }
        }
        // One key alone is the key's own query: a flat query is one tantivy can skip
        // blocks of (see `best`), and its score is the same.
        if any.len() == 1
            && let Some((_, only)) = any.pop()
        {
            return only;
        }
        Box::new(BooleanQuery::new(any))
    }
}

/// A key as a regular expression matching itself (keys are letters and digits, but a
/// letter of another script may still be a regex class character: escape all else).
fn escape(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if !c.is_alphanumeric() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// See [`FullText::snippet`]; needs no index.
pub fn snippet_of(
    store: &Store,
    record: usize,
    query: &TextQuery,
    width: usize,
) -> Result<Option<Snippet>, StoreError> {
    match store.records.get(record) {
        Some(record) => snippet_in(record, query, width),
        None => Ok(None),
    }
}

/// [`snippet_of`] for a record at hand (one decoded from the cache alone).
pub fn snippet_in(
    record: &crate::store::Record,
    query: &TextQuery,
    width: usize,
) -> Result<Option<Snippet>, StoreError> {
    let texts = record.full_texts()?;
    let reading = crate::store::schema::reading_text_index(&record.texts);
    let order = reading
        .into_iter()
        .chain((0..texts.len()).filter(|&i| Some(i) != reading));
    for i in order {
        let Some(text) = texts.get(i) else {
            continue;
        };
        if let Some(mut snippet) = line_around_first_hit(query, &text.body, &text.lang, width) {
            snippet.text_index = i;
            return Ok(Some(snippet));
        }
    }
    let first = reading.and_then(|i| texts.get(i).map(|t| (i, t)));
    Ok(first
        .filter(|(_, t)| !t.body.trim().is_empty())
        .map(|(i, t)| {
            let mut snippet = snippet::opening(&t.body, width);
            snippet.text_index = i;
            snippet
        }))
}

/// How far into a text words are first cut to look for hits, in bytes (then twice as
/// far each time, going on from where the last cut ended).
const FIRST_CUT: usize = 512;

/// The snippet line around the first hit in `body`, from the words of its opening
/// alone when the line falls where those hits are sure: a long text's first hit is
/// mostly near its start, and cutting a whole text into words is most of a snippet's
/// cost. The line is the one the whole text gives.
fn line_around_first_hit(
    query: &TextQuery,
    body: &str,
    lang: &str,
    width: usize,
) -> Option<Snippet> {
    let mut scan = HitScan::new(query);
    let mut done = 0;
    let mut cut = FIRST_CUT.max(width * 4);
    loop {
        // Between words: an ASCII space or line end, so no word is cut in two.
        let end = body
            .as_bytes()
            .get(cut..)
            .and_then(|rest| rest.iter().position(u8::is_ascii_whitespace))
            .map_or(body.len(), |at| cut + at);
        let (Some(piece), true) = (body.get(done..end), end > done) else {
            break;
        };
        scan.read(piece, done, lang);
        done = end;
        if done >= body.len() {
            break;
        }
        if let Some((snippet, line_end)) = snippet::around_ending(body, &scan.hits(), width)
            && line_end <= scan.sure_before()
        {
            return Some(snippet);
        }
        cut = end.saturating_mul(2);
    }
    if done < body.len() {
        // Not cut at a char boundary (cannot happen at an ASCII space): the whole text.
        return snippet::around(body, &query.hits_in(body, lang), width);
    }
    snippet::around(body, &scan.hits(), width)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line from the opening alone is the line from the whole text.
    #[test]
    fn a_long_texts_line_is_found_from_its_opening_as_from_the_whole() {
        let langs = ["en".to_string()];
        let filler = |n: usize| "grain and cotton carts went   north \n".repeat(n);
        let bodies = [
            // The first hit early, a phrase across the first cut, the first hit late.
            format!("{}the khan of Altay{}", filler(3), filler(400)),
            format!("{}the khan\n\n of Altay{}", filler(110), filler(400)),
            format!("{}the khan of Altay and a khan", filler(2000)),
            format!("{} khan {}", filler(109), filler(3)),
            filler(500),
        ];
        for text in ["\"the khan of altay\"", "khan", "altay | cotton", "rebels"] {
            let query = TextQuery::parse(text, &Names::default(), &langs).unwrap();
            for body in &bodies {
                for width in [20, 100, 2000] {
                    let whole = snippet::around(body, &query.hits_in(body, "en"), width);
                    assert_eq!(
                        line_around_first_hit(&query, body, "en", width),
                        whole,
                        "{text} in {} bytes, width {width}",
                        body.len()
                    );
                }
            }
        }
    }
}
