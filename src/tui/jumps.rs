//! The jump list, as vim keeps one: following a link, a neighbour or a record of a
//! view leaves a mark where the reader was (record and scroll positions, the
//! paragraph of parallel texts); Ctrl-o goes back along the marks, Ctrl-n forward
//! again.

use super::action::Pane;
use super::app::App;
use super::parallel::Side;

/// Where the reader was: the record shown and how far its panes were scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub record: usize,
    /// The full text's top line, as a byte offset (it survives rewrapping).
    pub text_top: usize,
    pub summary_top: usize,
    /// Parallel texts shown: the side in front and the paragraph at the top.
    pub parallel: Option<(Side, usize)>,
}

/// Marks behind and ahead of the reader.
#[derive(Debug, Default)]
pub struct Jumps {
    back: Vec<Place>,
    forward: Vec<Place>,
}

/// Enough marks for a long reading, few enough to hold nothing of note.
const MOST: usize = 100;

impl Jumps {
    /// A jump from `from`: the way forward is forgotten, as in vim.
    pub fn leave(&mut self, from: Place) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > MOST {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    pub fn back(&mut self, here: Option<Place>) -> Option<Place> {
        let to = self.back.pop()?;
        self.forward.extend(here);
        Some(to)
    }

    pub fn forward(&mut self, here: Option<Place>) -> Option<Place> {
        let to = self.forward.pop()?;
        self.back.extend(here);
        Some(to)
    }

    pub fn behind(&self) -> usize {
        self.back.len()
    }

    pub fn ahead(&self) -> usize {
        self.forward.len()
    }
}

impl App {
    /// Where the reader is now, if a record is shown.
    pub(crate) fn here(&self) -> Option<Place> {
        let record = self.shown_record?;
        Some(Place {
            record,
            text_top: self.text_tops.get(&record).copied().unwrap_or(0),
            summary_top: self.summary_top,
            parallel: self.parallel_place(),
        })
    }

    /// Opens record `record` from a link or a view, leaving a mark to come back to.
    pub(crate) fn follow(&mut self, record: usize) {
        if let Some(here) = self.here() {
            self.across.jumps.leave(here);
        }
        let text_top = self.text_tops.get(&record).copied().unwrap_or(0);
        self.go_to(Place {
            record,
            text_top,
            summary_top: 0,
            parallel: None,
        });
    }

    pub(crate) fn jump_back(&mut self) {
        let here = self.here();
        if let Some(place) = self.across.jumps.back(here) {
            self.go_to(place);
        }
    }

    pub(crate) fn jump_forward(&mut self) {
        let here = self.here();
        if let Some(place) = self.across.jumps.forward(here) {
            self.go_to(place);
        }
    }

    /// Shows a place: the record selected in the list (the whole store's list when
    /// the current one does not hold it), its panes scrolled as they were.
    fn go_to(&mut self, place: Place) {
        if place.record >= self.library.store.records.len() {
            return;
        }
        self.across.view = None;
        let row = |app: &App| {
            app.listing
                .rows
                .iter()
                .position(|row| row.record == place.record)
        };
        if row(self).is_none() {
            self.filter.query.clear();
            self.filter.editing = false;
            self.collection = 0;
            self.refresh_rows(false);
        }
        let Some(at) = row(self) else { return };
        self.selected = at;
        self.shown_record = Some(place.record);
        self.document_behind = false;
        self.text_tops.insert(place.record, place.text_top);
        self.summary_top = place.summary_top;
        self.across.summary_cursor = None;
        self.provenance_top = 0;
        if let Some((side, paragraph)) = place.parallel {
            // Laid out anew, then scrolled to the paragraph (`settle_parallel`).
            let parallel = &mut self.across.parallel;
            parallel.on = true;
            parallel.layout = None;
            parallel.restore = Some((place.record, side, paragraph));
        }
        if !self.focus.is_document() {
            let pane = if self.doc_pane == Pane::FullText
                && !self.library.store.records[place.record].has_full_text()
            {
                Pane::Summary
            } else {
                self.doc_pane
            };
            self.set_focus(pane);
        }
    }
}
