//! `v` in the full text: whole lines selected (`j` `k` extend), and `y` on them: the
//! passage with its Chicago note to the clipboard, kept with the record as a
//! quotation (a desk write the event loop performs).

use super::action::{Action, Pane};
use super::app::App;
use super::desk_state::{DeskWrite, Selection};
use crate::cite::{self, Style};
use crate::strings::desk as words;

impl App {
    pub(crate) fn start_selection(&mut self) {
        if self.focus != Pane::FullText {
            self.desk.say_error(words::SELECT_IN_TEXT.to_string());
            return;
        }
        let (Some(record), Some(wrapped)) = (self.shown_index(), self.wrapped_text()) else {
            return;
        };
        let top = self.text_top_line();
        let offset = wrapped.offset_of_line(top);
        self.desk.selection = Some(Selection {
            record,
            anchor: offset,
            cursor: offset,
        });
        self.desk.say(words::SELECTING.to_string());
    }

    /// The selected lines of the shown full text, as line numbers, when selecting.
    pub fn selected_lines(&self) -> Option<std::ops::RangeInclusive<usize>> {
        let selection = self.desk.selection?;
        if Some(selection.record) != self.shown_index() {
            return None;
        }
        let wrapped = self.wrapped_text()?;
        let a = wrapped.line_of_offset(selection.anchor);
        let b = wrapped.line_of_offset(selection.cursor);
        Some(a.min(b)..=a.max(b))
    }

    pub(crate) fn selection_act(&mut self, action: Action) -> bool {
        let Some(mut selection) = self.desk.selection else {
            return false;
        };
        if Some(selection.record) != self.shown_index() || self.focus != Pane::FullText {
            self.desk.selection = None;
            return false;
        }
        let Some(wrapped) = self.wrapped_text() else {
            return false;
        };
        let count = wrapped.lines.len();
        let line = wrapped.line_of_offset(selection.cursor);
        let to = match action {
            Action::Down => (line + 1).min(count.saturating_sub(1)),
            Action::Up => line.saturating_sub(1),
            Action::Back | Action::Select => {
                self.desk.selection = None;
                self.desk.message = None;
                return true;
            }
            Action::CopyCitation => {
                self.quote_selection();
                return true;
            }
            _ => return false,
        };
        selection.cursor = wrapped.offset_of_line(to);
        self.desk.selection = Some(selection);
        // The moving end stays in sight.
        let height = self
            .panes()
            .full_text
            .map_or(1, |r| usize::from(super::layout::inner(r).height).max(1));
        let top = self.text_top_line();
        let new_top = if to < top {
            to
        } else if to >= top + height {
            to + 1 - height
        } else {
            top
        };
        if new_top != top
            && let Some(wrapped) = self.wrapped_text()
        {
            let offset = wrapped.offset_of_line(new_top);
            self.text_tops.insert(selection.record, offset);
        }
        true
    }

    /// `y` on a selection: the passage with its Chicago note to the clipboard, and
    /// kept with the record as a quotation.
    pub(crate) fn quote_selection(&mut self) {
        let (Some(lines), Some(wrapped), Some(record)) = (
            self.selected_lines(),
            self.wrapped_text(),
            self.shown_record(),
        ) else {
            return;
        };
        let passage: Vec<&str> = lines.map(|i| wrapped.line(i).trim_end()).collect();
        let passage = passage.join("\n").trim().to_string();
        let citation = cite::cite(record, Style::ChicagoNote);
        let id = record.id.clone();
        self.desk.selection = None;
        if passage.is_empty() {
            return;
        }
        let text = format!("{passage}\n\n{citation}");
        if self.desk.write(DeskWrite::Quote {
            record: id.clone(),
            passage: passage.clone(),
            citation: citation.clone(),
        }) && let Some(snapshot) = &mut self.desk.snapshot
        {
            snapshot
                .quotations
                .entry(id.clone())
                .or_default()
                .push(crate::desk::Quotation {
                    id: 0,
                    record: id,
                    passage,
                    citation,
                    created: crate::desk::Timestamp::now(),
                });
            self.summary_lines.clear();
        }
        self.copy(text, words::QUOTATION);
    }
}
