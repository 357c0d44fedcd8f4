//! The summary's cursor over its names and links ([`Stop`]s): Tab and Shift-Tab
//! step among them while the summary has the focus (and on past the last, to the
//! next pane), a click puts it on one, Enter opens the one under it: a link is
//! followed (a mark left in the jump list), a name narrows the list to every record
//! naming it. Without the cursor, Enter lists all the record's names.

use super::lists::record_label;
use crate::strings::across as words;
use crate::text::sanitize_line;
use crate::tui::app::{App, text_width};
use crate::tui::layout::inner;
use crate::tui::view::summary::{LinkRow, Stop, StopTarget};

impl App {
    /// The shown record's links out and (once gathered) back, as the summary lists them.
    pub(crate) fn summary_links(&self, record: usize) -> Vec<LinkRow> {
        let store = &self.library.store;
        let Some(shown) = store.records.get(record) else {
            return Vec::new();
        };
        let mut rows: Vec<LinkRow> = shown
            .related
            .iter()
            .map(|link| {
                let relation = format!("{} →", sanitize_line(&link.rel));
                match store.index_of(&link.id) {
                    Some(to) => LinkRow {
                        relation,
                        to: Some(to),
                        label: record_label(store, to),
                    },
                    None => LinkRow {
                        relation,
                        to: None,
                        label: format!("{} ({})", sanitize_line(&link.id), words::NOT_HELD),
                    },
                }
            })
            .collect();
        if let Some(built) = &self.across.built {
            rows.extend(built.backlinks.of(record).map(|link| LinkRow {
                relation: format!("← {}", sanitize_line(link.relation)),
                to: Some(link.from),
                label: record_label(store, link.from),
            }));
        }
        rows
    }

    /// The stops of the summary as shown.
    pub fn summary_stops(&self) -> &[Stop] {
        match (self.panes().summary, self.shown_record) {
            (Some(rect), Some(record)) => self.summary_lines.stops(record, text_width(rect)),
            _ => &[],
        }
    }

    /// The stop under the summary's cursor, if it has one.
    pub fn summary_cursor(&self) -> Option<&Stop> {
        self.summary_stops().get(self.across.summary_cursor?)
    }

    /// Tab in the summary: the next stop, or on to the next pane after the last.
    /// Returns false when the summary has none to step to.
    pub(crate) fn step_stop(&mut self, forward: bool) -> bool {
        let count = self.summary_stops().len();
        let at = match (self.across.summary_cursor, forward) {
            (_, _) if count == 0 => return false,
            (None, true) => Some(0),
            (None, false) => return false,
            (Some(i), true) if i + 1 < count => Some(i + 1),
            (Some(_), true) => None,
            (Some(0), false) => None,
            (Some(i), false) => Some(i - 1),
        };
        self.across.summary_cursor = at;
        if at.is_none() && forward {
            return false;
        }
        self.keep_stop_in_sight();
        true
    }

    fn keep_stop_in_sight(&mut self) {
        let Some((first, last)) = self
            .summary_cursor()
            .map(|s| (s.first_line(), s.last_line()))
        else {
            return;
        };
        let height = self
            .panes()
            .summary
            .map_or(1, |r| usize::from(inner(r).height).max(1));
        if first < self.summary_top {
            self.summary_top = first;
        } else if last >= self.summary_top + height {
            self.summary_top = (last + 1).saturating_sub(height).min(first);
        }
    }

    /// Enter in the summary.
    pub(crate) fn open_in_summary(&mut self) {
        let (Some(record), Some(stop)) = (self.shown_record, self.summary_cursor()) else {
            self.open_names();
            return;
        };
        match stop.target.clone() {
            StopTarget::Record(to) => self.follow(to),
            StopTarget::Name { kind, spellings } => self.open_name(record, kind, spellings),
        }
    }

    /// A click on line `line` of the summary (from its top), `column` cells in: the
    /// cursor goes to the stop drawn there (the first on the line when between two).
    pub(crate) fn click_summary(&mut self, line: usize, column: usize) {
        let line = self.summary_top + line;
        let byte = self
            .summary_view()
            .and_then(|lines| lines.get(line))
            .map_or(0, |l| byte_at_column(&l.text(), column));
        let stops = self.summary_stops();
        let on_line = |s: &Stop| s.marks.iter().any(|(l, _)| *l == line);
        let under = stops.iter().position(|s| {
            s.marks
                .iter()
                .any(|(l, range)| *l == line && range.contains(&byte))
        });
        if let Some(at) = under.or_else(|| stops.iter().position(on_line)) {
            self.across.summary_cursor = Some(at);
        }
    }
}

/// The byte of `text` drawn at cell `column`.
fn byte_at_column(text: &str, column: usize) -> usize {
    let mut cells = 0;
    for (at, c) in text.char_indices() {
        cells += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if cells > column {
            return at;
        }
    }
    text.len()
}
