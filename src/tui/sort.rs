//! `s` in the lists: the record list's sort. The list's own order is by date (EDTF
//! bounds, undated last) without a filter and by relevance with one; `s` goes on to
//! date (with a filter), then title, then back to the list's own order.

use super::app::App;
use crate::search::fold;
use crate::strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// The list's own order: date unfiltered, relevance filtered.
    #[default]
    Natural,
    Date,
    Title,
}

impl App {
    /// The list is ranked by a query (a filter, short fields or texts).
    fn query_active(&self) -> bool {
        !self.filter.query.trim().is_empty()
    }

    /// How the record list is sorted, when not in its own order ("by title").
    pub fn sort_label(&self) -> Option<String> {
        let what = match (self.sort, self.query_active()) {
            (Sort::Natural, _) => return None,
            (Sort::Date, false) => return None,
            (Sort::Date, true) => strings::SORT_DATE,
            (Sort::Title, _) => strings::SORT_TITLE,
        };
        Some(strings::sorted_by(what))
    }

    /// `s`: date, title, relevance (when a query is active), round again.
    pub(crate) fn cycle_sort(&mut self) {
        self.sort = match (self.sort, self.query_active()) {
            (Sort::Natural, true) => Sort::Date,
            (Sort::Natural | Sort::Date, _) => Sort::Title,
            (Sort::Title, _) => Sort::Natural,
        };
        self.refresh_rows(true);
    }

    /// Puts freshly decided rows in the chosen order (the list's own needs nothing).
    pub(crate) fn sort_rows(&mut self) {
        let store = &self.library.store;
        match self.sort {
            Sort::Natural => {}
            // Unfiltered rows are the base, in date order already.
            Sort::Date if !self.query_active() => {}
            Sort::Date => {
                if let Some(index) = self.library.index.as_deref() {
                    self.listing
                        .rows
                        .sort_by_key(|row| index.date_position(row.record).unwrap_or(u32::MAX));
                }
            }
            Sort::Title => self.listing.rows.sort_by_cached_key(|row| {
                store
                    .records
                    .get(row.record)
                    .map(|r| fold(&r.title))
                    .unwrap_or_default()
            }),
        }
    }
}
