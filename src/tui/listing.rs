//! The record list: the current collection in date order (the base), the rows shown
//! (the base, or the filter's ranking), and the explanations of the rows on screen.
//!
//! At a hundred thousand records nothing here may cost a pass over every record on a
//! keystroke: the base is remade only when the collection, the records held or the
//! index change; a ranking becomes rows without explaining its hits; and only the
//! rows in sight are explained, in `settle`, so that rendering only reads.

use unicode_width::UnicodeWidthStr;

use super::date_order::DateOrder;
use crate::search::{Ranking, SearchIndex};
use crate::store::Store;
use crate::strings;
use crate::text::sanitize_line;

/// One row of the record list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Index into `Store::records`.
    pub record: usize,
    /// Where the record stands in the filter's ranking (its row in an unfiltered list).
    pub rank: usize,
}

/// Facts about the collection's whole list that each frame needs, computed when the
/// base changes rather than per frame or per keystroke. A filtered list keeps its
/// collection's column widths, so columns do not jump while typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListFacts {
    /// Display width of the widest date ("undated" counts when a record has none).
    pub date_width: usize,
    /// The same for the compact dates a narrow list shows (see [`compact_date`]).
    pub compact_date_width: usize,
    /// Some listed record has no full text (the list then explains its mark).
    pub any_without_text: bool,
}

/// What the base was made for: remade only when one of these changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BaseKey {
    collection: usize,
    records: usize,
    indexed: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// The current collection's records held so far, in date order.
    pub(crate) base: Vec<usize>,
    base_key: Option<BaseKey>,
    dates: DateOrder,
    pub(crate) facts: ListFacts,
    pub(crate) rows: Vec<Row>,
    /// The ranking the rows come from, while the list is filtered.
    pub(crate) ranking: Option<Ranking>,
    /// Title highlights of the ranked rows last in sight: (rank, char positions).
    explained: Vec<(usize, Vec<usize>)>,
    /// Only these records are listed (a desk entry, `is:marked`, `tag:`...).
    pub(crate) restrict: Option<std::collections::HashSet<usize>>,
    /// Records whose note matches the filter: listed after the ranking's hits.
    pub(crate) noted: Vec<usize>,
}

impl Listing {
    /// Forgets everything derived from a store or an index (a new one arrived).
    pub(crate) fn reset(&mut self) {
        *self = Listing::default();
    }

    /// The index arrived (or changed): the date order comes from it from now on.
    pub(crate) fn index_arrived(&mut self, index: &SearchIndex) {
        // The base is remade on its next use (its key says whether it was indexed), and
        // the facts are kept: the records are the same.
        self.dates.index_arrived(index);
    }

    /// Brings the base up to date for `collection` (0: all records); true when it changed.
    pub(crate) fn ensure_base(
        &mut self,
        store: &Store,
        index: Option<&SearchIndex>,
        collection: usize,
    ) -> bool {
        let held = store.records.len();
        let key = BaseKey {
            collection,
            records: held,
            indexed: index.is_some(),
        };
        if self.base_key == Some(key) {
            return false;
        }
        let previous = self.base_key.replace(key);
        // All records, more of them than before: only the new ones need looking at.
        let grown = previous.filter(|p| collection == 0 && p.collection == 0 && p.records <= held);
        let members = collection
            .checked_sub(1)
            .and_then(|i| store.collections.get(i));
        self.base = match (members, index) {
            (None, Some(_)) => self.dates.all_indexed(held),
            (None, None) => {
                // Records arriving in batches: only the new ones are sorted, then merged in.
                let from = match grown {
                    Some(p) if !p.indexed => p.records,
                    _ => 0,
                };
                self.dates.all_unindexed(store, from)
            }
            (Some(members), index) => {
                let mut base = store.members(members);
                DateOrder::sort(store, index, &mut base);
                base
            }
        };
        self.facts = match grown {
            Some(p) => self.facts.with(list_facts(store, p.records..held)),
            None => list_facts(store, self.base.iter().copied()),
        };
        true
    }

    /// The collections' members changed (settled once a store read as it was sent is
    /// whole): a collection's base is made again on its next use.
    pub(crate) fn members_changed(&mut self) {
        if self.base_key.as_ref().is_some_and(|key| key.collection > 0) {
            self.base_key = None;
        }
    }

    /// The base is of all records and lacks fewer than a quarter of the `held` ones.
    pub(crate) fn base_covers_most_of(&self, held: usize) -> bool {
        self.base_key.is_some_and(|key| {
            key.collection == 0 && held.saturating_sub(key.records) < key.records / 4
        })
    }

    /// The unfiltered list: the base as rows.
    pub(crate) fn show_base(&mut self) {
        self.ranking = None;
        self.explained.clear();
        self.rows = self
            .base
            .iter()
            .enumerate()
            .map(|(rank, &record)| Row { record, rank })
            .filter(|row| {
                self.restrict
                    .as_ref()
                    .is_none_or(|r| r.contains(&row.record))
            })
            .collect();
    }

    /// The filtered list: the ranking's hits among the records held so far (an index
    /// read from disk covers records still on their way).
    pub(crate) fn show_ranking(&mut self, ranking: Ranking, held: usize) {
        self.explained.clear();
        self.rows = ranking
            .hits()
            .iter()
            .enumerate()
            .filter(|&(_, &(record, _))| record < held)
            .map(|(rank, &(record, _))| Row { record, rank })
            .filter(|row| {
                self.restrict
                    .as_ref()
                    .is_none_or(|r| r.contains(&row.record))
            })
            .collect();
        // Notes are the reader's own text: a record whose note matches is listed too.
        let ranked = ranking.hits().len();
        for (i, &record) in self.noted.iter().enumerate() {
            let allowed = self.restrict.as_ref().is_none_or(|r| r.contains(&record));
            if allowed && record < held && !self.rows.iter().any(|row| row.record == record) {
                self.rows.push(Row {
                    record,
                    rank: ranked + i,
                });
            }
        }
        self.ranking = Some(ranking);
    }

    /// More records arrived under a ranking that covers them all: list those it ranks.
    pub(crate) fn reshow_ranking(&mut self, held: usize) {
        if let Some(ranking) = self.ranking.take() {
            let explained = std::mem::take(&mut self.explained);
            self.show_ranking(ranking, held);
            self.explained = explained;
        }
    }

    /// Explains the ranked rows `first..first + count` not yet explained, and forgets
    /// the others: the record list then draws their highlights without searching.
    pub(crate) fn explain_rows(
        &mut self,
        store: &Store,
        index: Option<&SearchIndex>,
        first: usize,
        count: usize,
    ) {
        let (Some(ranking), Some(index)) = (&self.ranking, index) else {
            self.explained.clear();
            return;
        };
        let in_sight = self.rows.iter().skip(first).take(count);
        let mut explained = Vec::with_capacity(count);
        for row in in_sight {
            let known = self
                .explained
                .iter()
                .position(|(rank, _)| *rank == row.rank)
                .map(|at| self.explained.swap_remove(at));
            let entry = known.or_else(|| {
                let record = store.records.get(row.record)?;
                let hit = ranking.explain(index, row.rank, record)?;
                Some((row.rank, hit.title_positions))
            });
            explained.extend(entry);
        }
        self.explained = explained;
    }

    /// The title letters the filter matched in ranked row `rank`, once explained.
    pub(crate) fn title_positions(&self, rank: usize) -> &[usize] {
        self.explained
            .iter()
            .find(|(r, _)| *r == rank)
            .map_or(&[], |(_, positions)| positions.as_slice())
    }
}

/// A short form of a record's date for a narrow list: the EDTF date (`1945-10-05`)
/// when the record has one, else the date as the store displays it.
pub fn compact_date(record: &crate::store::Record) -> Option<&str> {
    record
        .edtf()
        .map(crate::store::Edtf::as_str)
        .or_else(|| record.display_date())
}

impl ListFacts {
    /// The facts of two lists together.
    fn with(self, other: ListFacts) -> ListFacts {
        ListFacts {
            date_width: self.date_width.max(other.date_width),
            compact_date_width: self.compact_date_width.max(other.compact_date_width),
            any_without_text: self.any_without_text || other.any_without_text,
        }
    }
}

fn list_facts(store: &Store, records: impl Iterator<Item = usize>) -> ListFacts {
    let mut facts = ListFacts::default();
    let width = |date: Option<&str>| date.map_or(strings::UNDATED.len(), shown_width);
    for record in records.filter_map(|r| store.records.get(r)) {
        facts.date_width = facts.date_width.max(width(record.display_date()));
        facts.compact_date_width = facts.compact_date_width.max(width(compact_date(record)));
        facts.any_without_text |= !record.has_full_text();
    }
    facts
}

/// The width a date takes once sanitised; most dates are plain ASCII, counted at once.
fn shown_width(date: &str) -> usize {
    if date.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        date.len()
    } else {
        sanitize_line(date).width()
    }
}
