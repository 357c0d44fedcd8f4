//! The desk in the lists: its entries in the collection list (Marked, Recent, each
//! tag, each saved search) with their counts, and the desk's query terms
//! (`is:marked`, `tag:NAME`, `has:note`, `is:read`) as a restriction of the rows.

use std::collections::HashSet;

use super::app::App;
use super::desk_state::{DeskEntry, DeskTerms, indices};
use crate::search::fulltext::text_keys;
use crate::strings::desk as words;

impl App {
    /// How many entries the collection list has: All records, the desk's, the store's.
    pub fn collection_entries(&self) -> usize {
        1 + self.desk.entries().len() + self.library.store.collections.len()
    }

    /// Where the collection list's cursor is, counting every entry.
    pub fn collection_cursor(&self) -> usize {
        let entries = self.desk.entries();
        match &self.desk.entry {
            Some(entry) => entries.iter().position(|e| e == entry).map_or(0, |i| i + 1),
            None if self.collection == 0 => 0,
            None => self.collection + entries.len(),
        }
    }

    /// The desk's entries with their labels and counts, for the collection list.
    pub fn desk_entries(&self) -> Vec<(DeskEntry, String, usize)> {
        self.desk
            .entries()
            .into_iter()
            .map(|entry| {
                let count = match &entry {
                    DeskEntry::Saved(name) => {
                        self.desk.saved_counts.get(name).copied().unwrap_or(0)
                    }
                    _ => self.count_present(&entry),
                };
                let label = entry_label(&entry);
                (entry, label, count)
            })
            .collect()
    }

    /// The label of the desk's entry the collection list has chosen (Marked, a tag, a
    /// saved search), to name the record list by.
    pub fn desk_entry_label(&self) -> Option<String> {
        self.desk.entry.as_ref().map(entry_label)
    }

    fn count_present(&self, entry: &DeskEntry) -> usize {
        self.desk.entry_ids(entry).map_or(0, |ids| {
            ids.iter()
                .filter(|id| self.library.store.index_of(id).is_some())
                .count()
        })
    }

    /// Moves the collection list's cursor to entry `position` (see
    /// [`App::collection_entries`]).
    pub(crate) fn select_collection_entry(&mut self, position: usize) {
        let entries = self.desk.entries();
        let (entry, collection) = match position {
            0 => (None, 0),
            p if p <= entries.len() => (entries.get(p - 1).cloned(), 0),
            p => (
                None,
                (p - entries.len()).min(self.library.store.collections.len()),
            ),
        };
        if entry != self.desk.entry || collection != self.collection {
            self.desk.entry = entry;
            self.collection = collection;
            self.refresh_rows(true);
        }
    }

    /// The query for the search index, with the desk's terms and entry made a
    /// restriction of the list.
    pub(crate) fn desk_query(&self) -> (String, Option<HashSet<usize>>) {
        let mut text = self.filter.query.clone();
        if let Some(DeskEntry::Saved(name)) = &self.desk.entry
            && let Some(saved) = self.desk.saved_query(name)
        {
            text = format!("{saved} {text}");
        }
        let terms = DeskTerms::split(&text);
        let store = &self.library.store;
        let mut restrict = self
            .desk
            .entry
            .as_ref()
            .and_then(|e| self.desk.entry_ids(e))
            .map(|ids| indices(store, &ids));
        if terms.any() {
            let admitted = self.admitted(&terms);
            restrict = Some(match restrict {
                Some(set) => set.intersection(&admitted).copied().collect(),
                None => admitted,
            });
        }
        (terms.rest, restrict)
    }

    /// The records the desk's terms of a query let through.
    pub(crate) fn admitted(&self, terms: &DeskTerms) -> HashSet<usize> {
        let Some(s) = &self.desk.snapshot else {
            return HashSet::new();
        };
        let candidates: Vec<&str> = if terms.marked {
            s.annotations.marked.iter().map(String::as_str).collect()
        } else if terms.noted {
            s.notes.keys().map(String::as_str).collect()
        } else if !terms.tags.is_empty() {
            s.annotations.tags.keys().map(String::as_str).collect()
        } else {
            s.annotations.read.iter().map(String::as_str).collect()
        };
        let admitted: Vec<&str> = candidates
            .into_iter()
            .filter(|id| terms.admits(id, &s.annotations, &s.notes))
            .collect();
        indices(&self.library.store, &admitted)
    }

    /// Records whose note says every word of the query and none it excludes (`!word`):
    /// the filter searches notes too, by the words' keys, so `urumqi` finds a note
    /// that writes Ürümqi and `берия` one that writes Beria.
    pub(crate) fn noted_matches(&self, query: &str) -> Vec<usize> {
        let mut wanted = Vec::new();
        let mut excluded = Vec::new();
        for word in query.split_whitespace() {
            // Field scopes and desk terms are not words of a note, nor is an either-or.
            if word.contains(':') || word == "|" {
                return Vec::new();
            }
            let (list, word) = match word.strip_prefix('!') {
                Some(rest) => (&mut excluded, rest),
                None => (&mut wanted, word),
            };
            let word = word.trim_start_matches(['\'', '^', '"']);
            let word = word.trim_end_matches(['$', '"']);
            list.extend(
                text_keys(word)
                    .split(' ')
                    .filter(|k| !k.is_empty())
                    .map(str::to_string),
            );
        }
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<usize> = self
            .desk
            .note_keys
            .iter()
            .filter(|(_, keys)| {
                wanted.iter().all(|k| keys.contains(k.as_str()))
                    && !excluded.iter().any(|k| keys.contains(k.as_str()))
            })
            .filter_map(|(id, _)| self.library.store.index_of(id))
            .collect();
        found.sort_unstable();
        found
    }

    /// Saved searches' counts, kept current as records and the index arrive.
    pub(crate) fn count_saved_searches(&mut self) {
        let Some(index) = self.library.index.clone() else {
            return;
        };
        let key = (
            self.library.store.records.len(),
            self.desk.snapshot.as_ref().map_or(0, |s| s.saved.len()),
        );
        if self.desk.saved_counts_key == Some(key) {
            return;
        }
        self.desk.saved_counts_key = Some(key);
        let Some(snapshot) = &self.desk.snapshot else {
            return;
        };
        let mut counts = std::collections::HashMap::new();
        for saved in &snapshot.saved {
            let terms = DeskTerms::split(&saved.query);
            let admitted = terms.any().then(|| self.admitted(&terms));
            let held = self.library.store.records.len();
            let count = if terms.rest.trim().is_empty() {
                admitted.as_ref().map_or(held, HashSet::len)
            } else {
                let query = crate::search::Query::parse(&terms.rest);
                let ranking = index.ranking(&query, None, None);
                ranking
                    .hits()
                    .iter()
                    .filter(|(record, _)| {
                        *record < held && admitted.as_ref().is_none_or(|a| a.contains(record))
                    })
                    .count()
            };
            counts.insert(saved.name.clone(), count);
        }
        self.desk.saved_counts = counts;
    }
}

/// How the collection list (and the record list's title) names a desk entry.
fn entry_label(entry: &DeskEntry) -> String {
    match entry {
        DeskEntry::Marked => words::MARKED_ENTRY.to_string(),
        DeskEntry::Recent => words::RECENT_ENTRY.to_string(),
        DeskEntry::Tag(tag) => format!("#{tag}"),
        DeskEntry::Saved(name) => format!("{} {name}", words::SAVED_MARK),
    }
}
