//! Putting records in date order (then title, as `Store::sort` does) without
//! comparing EDTF dates over the whole store each time the list changes: by the
//! index's date positions once the index is there, and before it by keys worked out
//! once per record as the records arrive.

use std::cmp::Ordering;

use crate::search::SearchIndex;
use crate::store::{Day, Edtf, Record, Store};

/// Undated records last, then by lower and upper bound: `edtf::compare_optional`
/// up to its last tie-breaks (the EDTF text, then the title), which `compare` adds.
type DateKey = (bool, Day, Day);

#[derive(Debug, Default)]
pub(crate) struct DateOrder {
    /// Every record the index covers, in date order (its `date_position` inverted).
    by_date: Vec<usize>,
    /// Before the index: the key of each record held, in store order.
    keys: Vec<DateKey>,
}

impl DateOrder {
    /// The index arrived: its order serves from now on.
    pub(crate) fn index_arrived(&mut self, index: &SearchIndex) {
        let mut by_date = vec![usize::MAX; index.len()];
        for record in 0..index.len() {
            if let Some(slot) = index
                .date_position(record)
                .and_then(|p| by_date.get_mut(p as usize))
            {
                *slot = record;
            }
        }
        by_date.retain(|&r| r != usize::MAX);
        self.by_date = by_date;
        self.keys = Vec::new();
    }

    /// The first `held` records in date order, by the index.
    pub(crate) fn all_indexed(&self, held: usize) -> Vec<usize> {
        let mut all: Vec<usize> = self.by_date.iter().copied().filter(|&r| r < held).collect();
        // Records past the index's end (never expected) are listed last, unsearched.
        all.extend(self.by_date.len()..held);
        all
    }

    /// Sorts `records` by date; stable, as `Store::sort` is.
    pub(crate) fn sort(
        &mut self,
        store: &Store,
        index: Option<&SearchIndex>,
        records: &mut [usize],
    ) {
        match index {
            Some(index) => records.sort_by_key(|&r| index.date_position(r).unwrap_or(u32::MAX)),
            None => {
                self.add_keys(store);
                records.sort_by(|&a, &b| self.compare(store, a, b));
            }
        }
    }

    /// Two date-sorted lists as one, without the index; on a tie `kept` goes first
    /// (its records came earlier in the store, as a stable sort would put them).
    pub(crate) fn merge(
        &mut self,
        store: &Store,
        kept: Vec<usize>,
        fresh: Vec<usize>,
    ) -> Vec<usize> {
        if kept.is_empty() {
            return fresh;
        }
        self.add_keys(store);
        let mut merged = Vec::with_capacity(kept.len() + fresh.len());
        let (mut kept, mut fresh) = (kept.into_iter().peekable(), fresh.into_iter().peekable());
        while let (Some(&k), Some(&f)) = (kept.peek(), fresh.peek()) {
            if self.compare(store, f, k) == Ordering::Less {
                merged.push(f);
                fresh.next();
            } else {
                merged.push(k);
                kept.next();
            }
        }
        merged.extend(kept);
        merged.extend(fresh);
        merged
    }

    fn add_keys(&mut self, store: &Store) {
        let from = self.keys.len();
        self.keys.extend(
            store
                .records
                .iter()
                .skip(from)
                .map(|record| match record.edtf() {
                    Some(edtf) => (false, edtf.lower(), edtf.upper()),
                    None => (true, Day::MIN, Day::MIN),
                }),
        );
    }

    fn compare(&self, store: &Store, a: usize, b: usize) -> Ordering {
        let key = |r: usize| self.keys.get(r).copied();
        key(a).cmp(&key(b)).then_with(|| {
            let (a, b) = (&store.records[a], &store.records[b]);
            edtf_text(a)
                .cmp(&edtf_text(b))
                .then_with(|| a.title.cmp(&b.title))
        })
    }
}

fn edtf_text(record: &Record) -> Option<&str> {
    record.edtf().map(Edtf::as_str)
}
