//! Putting records in date order (then title, as `Store::sort` does) without
//! comparing EDTF dates over the whole store each time the list changes: by the
//! index's date positions once the index is there; before it, by compact keys worked
//! out once per record as the records arrive, each batch sorted and merged in.

use std::cmp::Ordering;

use crate::search::SearchIndex;
use crate::store::{Day, Edtf, Record, Store};

/// A record's place in date order, compared as integers: undated last, then lower
/// and upper bound, then the title's first bytes. Equal keys are compared exactly
/// (EDTF text, then whole title); the one approximation is two records with the same
/// bounds spelt differently, ordered by title here and by their EDTF text once the
/// index's order takes over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    date: u64,
    title: u64,
    record: u32,
}

impl Entry {
    fn of(record: &Record, index: usize) -> Entry {
        let date = match record.edtf() {
            Some(edtf) => (day_bits(edtf.lower()) << 25) | day_bits(edtf.upper()),
            None => 1 << 63,
        };
        let mut title = [0u8; 8];
        for (to, from) in title.iter_mut().zip(record.title.bytes()) {
            *to = from;
        }
        Entry {
            date,
            title: u64::from_be_bytes(title),
            record: u32::try_from(index).unwrap_or(u32::MAX),
        }
    }
}

/// A day in 25 bits, in order (years beyond ±16,000 fall to the ends).
fn day_bits(day: Day) -> u64 {
    let year = u64::from((day.year.clamp(-16_384, 16_383) + 16_384).unsigned_abs());
    (year << 9) | (u64::from(day.month & 0xf) << 5) | u64::from(day.day & 0x1f)
}

#[derive(Debug, Default)]
pub(crate) struct DateOrder {
    /// Every record the index covers, in date order (its `date_position` inverted).
    by_date: Vec<usize>,
    /// Before the index: the records held, in date order.
    sorted: Vec<Entry>,
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
        self.sorted = Vec::new();
    }

    /// The first `held` records in date order, by the index.
    pub(crate) fn all_indexed(&self, held: usize) -> Vec<usize> {
        let mut all: Vec<usize> = self.by_date.iter().copied().filter(|&r| r < held).collect();
        // Records past the index's end (never expected) are listed last, unsearched.
        all.extend(self.by_date.len()..held);
        all
    }

    /// Without the index: all records held in date order, the records from `from` on
    /// being new since the last call (0: start again).
    pub(crate) fn all_unindexed(&mut self, store: &Store, from: usize) -> Vec<usize> {
        if from == 0 {
            self.sorted.clear();
        }
        let mut fresh: Vec<Entry> = (from..store.records.len())
            .map(|r| Entry::of(&store.records[r], r))
            .collect();
        fresh.sort_by(|a, b| compare(store, a, b));
        self.sorted = merge(store, std::mem::take(&mut self.sorted), fresh);
        self.sorted.iter().map(|e| e.record as usize).collect()
    }

    /// Sorts `records` by date; stable, as `Store::sort` is.
    pub(crate) fn sort(store: &Store, index: Option<&SearchIndex>, records: &mut Vec<usize>) {
        match index {
            Some(index) => records.sort_by_key(|&r| index.date_position(r).unwrap_or(u32::MAX)),
            None => {
                let mut entries: Vec<Entry> = records
                    .iter()
                    .filter_map(|&r| Some(Entry::of(store.records.get(r)?, r)))
                    .collect();
                entries.sort_by(|a, b| compare(store, a, b));
                *records = entries.iter().map(|e| e.record as usize).collect();
            }
        }
    }
}

/// Two sorted lists as one; on a tie `kept` goes first (its records came earlier in
/// the store, as a stable sort would put them).
fn merge(store: &Store, kept: Vec<Entry>, fresh: Vec<Entry>) -> Vec<Entry> {
    if kept.is_empty() {
        return fresh;
    }
    let mut merged = Vec::with_capacity(kept.len() + fresh.len());
    let (mut kept, mut fresh) = (kept.into_iter().peekable(), fresh.into_iter().peekable());
    while let (Some(k), Some(f)) = (kept.peek(), fresh.peek()) {
        if compare(store, f, k) == Ordering::Less {
            merged.extend(fresh.next());
        } else {
            merged.extend(kept.next());
        }
    }
    merged.extend(kept);
    merged.extend(fresh);
    merged
}

fn compare(store: &Store, a: &Entry, b: &Entry) -> Ordering {
    (a.date, a.title).cmp(&(b.date, b.title)).then_with(|| {
        let (Some(ra), Some(rb)) = (
            store.records.get(a.record as usize),
            store.records.get(b.record as usize),
        ) else {
            return a.record.cmp(&b.record);
        };
        edtf_text(ra)
            .cmp(&edtf_text(rb))
            .then_with(|| ra.title.cmp(&rb.title))
            .then(a.record.cmp(&b.record))
    })
}

fn edtf_text(record: &Record) -> Option<&str> {
    record.edtf().map(Edtf::as_str)
}
