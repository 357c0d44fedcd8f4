//! `App::update`: the one place a message changes the reading room. No I/O here.

use super::action::{Action, Pane};
use super::app::{App, LoadStatus, text_width};
use super::event::action_for_event;
use super::layout::inner;
use super::message::Message;
use super::texts::{DocText, doc_text};
use super::view;
use crate::text::sanitize;

/// How far a movement goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    By(isize),
    Pages(isize),
    HalfPages(isize),
    Top,
    Bottom,
}

impl Step {
    pub(super) fn of(action: Action) -> Option<Step> {
        Some(match action {
            Action::Up => Step::By(-1),
            Action::Down => Step::By(1),
            Action::PageUp => Step::Pages(-1),
            Action::PageDown => Step::Pages(1),
            Action::HalfPageUp => Step::HalfPages(-1),
            Action::HalfPageDown => Step::HalfPages(1),
            Action::Top => Step::Top,
            Action::Bottom => Step::Bottom,
            _ => return None,
        })
    }

    /// Moves `from` within `0..count`; a page is `page` items.
    pub(super) fn apply(self, from: usize, count: usize, page: usize) -> usize {
        let last = count.saturating_sub(1);
        let page = page.max(1);
        let by = |n: isize| from.saturating_add_signed(n).min(last);
        match self {
            Step::By(n) => by(n),
            Step::Pages(n) => by(n * (page.saturating_sub(1).max(1)) as isize),
            Step::HalfPages(n) => by(n * (page / 2).max(1) as isize),
            Step::Top => 0,
            Step::Bottom => last,
        }
    }
}

impl App {
    /// Applies one message, then brings derived state (list offsets, the wrapped
    /// text, the panes' lines, scroll limits) in line with the new state and size.
    pub fn update(&mut self, message: impl Into<Message>) {
        match message.into() {
            Message::Action(action) => self.act(action),
            Message::Terminal(event) => {
                if self.desk.prompt.is_some() && self.prompt_key(&event) {
                } else if let Some(action) = action_for_event(self, &event) {
                    self.act(action);
                }
            }
            Message::Opening(arrival) => self.arrived(arrival),
            Message::Searched(result) => self.search_arrived(result),
            Message::TextRead { record, text } => self.fetched.insert(record, text),
            Message::Rest => self.document_behind = false,
            Message::Tick => {
                if let LoadStatus::Loading { ticks } = &mut self.status {
                    *ticks = ticks.saturating_add(1);
                }
            }
            Message::Ended { signal } => {
                self.quit = true;
                self.ended_by.get_or_insert(signal);
            }
            Message::Suspend => self.suspend = true,
            Message::Resumed => self.suspend = false,
            Message::StoreChanged => self.store_changed = true,
            Message::FullText(message) => self.fulltext_arrived(message),
            Message::Desk(message) => self.desk_arrived(message),
            Message::AcrossBuilt(built) => self.across_built(*built),
            Message::IndexesMade(answer) => self.indexes_made(*answer),
            Message::ParallelRead { record, texts } => self.parallel_read(record, texts),
        }
        self.settle();
        self.settle_parallel();
    }

    fn act(&mut self, action: Action) {
        // Any action but a step through the record list (which sets it again) lets the
        // document catch up.
        let behind = std::mem::take(&mut self.document_behind);
        match action {
            Action::Quit => self.quit = true,
            // The room ends and the process opens the store anew in its place; the
            // desk brings the reader back to the record and the line they were at.
            Action::Reopen => {
                self.reopen = true;
                self.quit = true;
            }
            Action::Suspend => {
                self.suspend = true;
                self.document_behind = behind;
            }
            Action::Resize(width, height) => {
                self.size = (width, height);
                self.document_behind = behind;
            }
            _ if self.help.is_some() => self.update_help(action),
            _ if self.finding() && self.update_find(action) => {}
            _ if self.across.view.is_some() && !self.filter.editing => self.update_across(action),
            _ if self.desk_act(action) => {}
            _ if self.filter.editing && self.update_filter(action) => {}
            _ => self.update_main(action),
        }
    }

    fn update_help(&mut self, action: Action) {
        let Some(top) = self.help else { return };
        let page = self
            .panes()
            .help
            .map_or(1, |r| usize::from(inner(r).height));
        match action {
            Action::ToggleHelp => self.help = None,
            _ => {
                if let Some(step) = Step::of(action) {
                    self.help = Some(step.apply(top, usize::MAX, page));
                }
            }
        }
    }

    /// Returns false when the action is not the filter line's.
    fn update_filter(&mut self, action: Action) -> bool {
        let before = self.filter.query.trim().to_string();
        match action {
            Action::FilterType(c) => self.filter.query.push(c),
            Action::FilterBackspace => {
                self.filter.query.pop();
            }
            Action::FilterDeleteWord => {
                let kept = self.filter.query.trim_end();
                let cut = kept.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                self.filter.query.truncate(cut);
            }
            Action::FilterClear => self.filter.query.clear(),
            Action::FilterAccept => {
                self.filter.editing = false;
                self.set_focus(Pane::Records);
                return true;
            }
            Action::FilterCancel => {
                self.filter.editing = false;
                self.filter.query.clear();
                // A filter begun anew searches the short fields again.
                self.leave_fulltext();
                self.refresh_rows(true);
                self.set_focus(self.filter.return_to);
                return true;
            }
            Action::Up | Action::Down => {
                self.step_list(Step::of(action).unwrap_or(Step::By(0)));
                return true;
            }
            Action::ToggleFullText => {
                self.toggle_fulltext();
                return true;
            }
            _ => return false,
        }
        // A space typed between words changes nothing to search for.
        if self.filter.query.trim() != before {
            self.refresh_rows(false);
        }
        true
    }

    pub(crate) fn update_main(&mut self, action: Action) {
        if let Some(step) = Step::of(action) {
            if self.focus == Pane::Records {
                self.step_list(step);
            } else {
                self.move_in(self.focus, step);
            }
            return;
        }
        match action {
            Action::ToggleHelp => self.help = Some(0),
            Action::NextStop if self.step_stop(true) => {}
            Action::PrevStop if self.step_stop(false) => {}
            Action::FocusNext | Action::NextStop => self.set_focus(match self.focus {
                Pane::Collections => Pane::Records,
                Pane::Records => self.doc_pane,
                _ => Pane::Collections,
            }),
            Action::FocusPrev | Action::PrevStop => self.set_focus(match self.focus {
                Pane::Collections => self.doc_pane,
                Pane::Records => Pane::Collections,
                _ => Pane::Records,
            }),
            Action::FocusLeft => self.focus_sideways(-1),
            Action::FocusRight => self.focus_sideways(1),
            Action::Open => match self.focus {
                Pane::Collections => self.set_focus(Pane::Records),
                Pane::Records => {
                    if let Some(record) = self.selected_record() {
                        // Open to something to read: the summary when there is no full text.
                        let pane = if self.doc_pane == Pane::FullText && !record.has_full_text() {
                            Pane::Summary
                        } else {
                            self.doc_pane
                        };
                        self.set_focus(pane);
                    }
                }
                Pane::Summary => self.open_in_summary(),
                _ => {}
            },
            Action::Back => self.back(),
            Action::Show(pane) => self.set_focus(pane),
            Action::PrevRecord => self.move_in(Pane::Records, Step::By(-1)),
            Action::NextRecord => self.move_in(Pane::Records, Step::By(1)),
            Action::OpenFilter => {
                self.filter.editing = true;
                self.filter.return_to = self.focus;
                // The list must be in sight while typing (narrow mode hides it behind the document).
                self.set_focus(Pane::Records);
            }
            Action::Wheel { column, row, down } => {
                if let Some(pane) = self.panes().pane_at(column, row) {
                    let lines = if pane.is_list() { 1 } else { 3 };
                    let step = Step::By(if down { lines } else { -lines });
                    if pane == Pane::Records {
                        self.step_list(step);
                    } else {
                        self.move_in(pane, step);
                    }
                }
            }
            Action::Click { column, row } => self.click(column, row),
            Action::ToggleFullText => self.toggle_fulltext(),
            Action::FindInText => self.open_find(),
            Action::NextHit => self.step_hit(true),
            Action::PrevHit => self.step_hit(false),
            Action::CycleSort => self.cycle_sort(),
            Action::Links => self.open_links(),
            Action::Neighbours => self.open_neighbours(),
            Action::Indexes => self.open_indexes(),
            Action::Timeline => self.open_timeline(),
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::Parallel => self.toggle_parallel(),
            Action::ParallelSide => self.switch_parallel_side(),
            _ => {}
        }
    }

    pub(crate) fn set_focus(&mut self, pane: Pane) {
        self.focus = pane;
        if pane.is_document() {
            self.doc_pane = pane;
        } else {
            self.list_pane = pane;
        }
    }

    /// `h` / `l`: collections, records, then the document's panes as laid out.
    fn focus_sideways(&mut self, direction: isize) {
        let order = self.mode().document_order();
        let next = match (self.focus, direction > 0) {
            (Pane::Collections, true) => Pane::Records,
            (Pane::Collections, false) => Pane::Collections,
            (Pane::Records, true) => self.doc_pane,
            (Pane::Records, false) => Pane::Collections,
            (pane, right) => {
                let at = order.iter().position(|p| *p == pane).unwrap_or(0);
                match (at, right) {
                    (0, false) => self.list_pane,
                    (at, false) => order[at - 1],
                    (at, true) => order.get(at + 1).copied().unwrap_or(pane),
                }
            }
        };
        self.set_focus(next);
    }

    fn back(&mut self) {
        if self.focus.is_document() && self.close_kept_find() {
            return;
        }
        match self.focus {
            Pane::Records if !self.filter.query.is_empty() => {
                self.filter.query.clear();
                self.leave_fulltext();
                self.refresh_rows(true);
            }
            Pane::Records => self.set_focus(Pane::Collections),
            Pane::Collections => {}
            _ => self.set_focus(self.list_pane),
        }
    }

    /// A step through the record list: the list moves now, the document once the keys
    /// rest (`[` `]` from the document, a click and Enter move it at once).
    fn step_list(&mut self, step: Step) {
        self.move_in(Pane::Records, step);
        self.document_behind = true;
    }

    fn move_in(&mut self, pane: Pane, step: Step) {
        let panes = self.panes();
        let page = panes.rect(pane).map_or(1, |r| usize::from(inner(r).height));
        match pane {
            Pane::Collections => {
                let to = step.apply(self.collection_cursor(), self.collection_entries(), page);
                self.select_collection_entry(to);
            }
            Pane::Records => {
                // A page of rows with snippets is half as many rows.
                let page = page / self.row_height();
                self.selected = step.apply(self.selected, self.listing.rows.len(), page);
            }
            Pane::Summary => self.summary_top = step.apply(self.summary_top, usize::MAX, page),
            Pane::Provenance => {
                self.provenance_top = step.apply(self.provenance_top, usize::MAX, page);
            }
            Pane::FullText => {
                if self.scroll_parallel(|top, rows| step.apply(top, rows, page)) {
                    return;
                }
                let (Some(record), Some(wrapped)) = (self.shown_index(), self.wrapped_text())
                else {
                    return;
                };
                let top = self.text_top_line();
                let line = step.apply(top, wrapped.lines.len(), page);
                let offset = wrapped.offset_of_line(line);
                self.text_tops.insert(record, offset);
            }
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        let panes = self.panes();
        if let Some(tab) = panes.tab_at(column, row) {
            self.set_focus(tab);
            return;
        }
        let Some(pane) = panes.pane_at(column, row) else {
            return;
        };
        self.set_focus(pane);
        let Some(rect) = panes.rect(pane).map(inner) else {
            return;
        };
        if row < rect.y || row >= rect.bottom() {
            return;
        }
        let index = usize::from(row - rect.y);
        match pane {
            Pane::Collections => {
                let to = self.collections_offset + index;
                if to < self.collection_entries() {
                    self.select_collection_entry(to);
                }
            }
            Pane::Records => {
                let to = self.records_offset + index / self.row_height();
                if to < self.listing.rows.len() {
                    self.selected = to;
                }
            }
            Pane::Summary => self.click_summary(index, usize::from(column.saturating_sub(rect.x))),
            _ => {}
        }
    }

    /// Brings what derives from state and size up to date: list offsets keep the
    /// selection in sight, the shown full text is wrapped to its pane (once per
    /// record and width), and scroll positions stay within their text.
    pub(crate) fn settle(&mut self) {
        self.selected = self.selected.min(self.listing.rows.len().saturating_sub(1));
        let selected = self.selected_index();
        if selected != self.shown_record && !self.document_behind {
            self.shown_record = selected;
            self.summary_top = 0;
            self.across.summary_cursor = None;
            self.provenance_top = 0;
            self.find_follows_record();
        }
        self.desk_shown();
        self.count_saved_searches();
        let selected = self.shown_record;
        let panes = self.panes();
        if let (Some(top), Some(rect)) = (self.help, panes.help) {
            let count = self.help_lines.len();
            self.help = Some(top.min(count.saturating_sub(usize::from(inner(rect).height))));
        }
        if let Some(rect) = panes.collections {
            let count = self.collection_entries();
            let cursor = self.collection_cursor();
            keep_in_sight(
                &mut self.collections_offset,
                cursor,
                count,
                usize::from(inner(rect).height),
            );
        }
        if let Some(rect) = panes.records {
            // Rows with a snippet take two lines.
            let height = usize::from(inner(rect).height) / self.row_height();
            keep_in_sight(
                &mut self.records_offset,
                self.selected,
                self.listing.rows.len(),
                height,
            );
            // Only the rows in sight are explained: the record list draws their highlights.
            self.listing.explain_rows(
                &self.library.store,
                self.library.index.as_deref(),
                self.records_offset,
                height,
            );
        }
        let Some(record_index) = selected else { return };
        if let Some(rect) = panes.full_text
            && let Some(record) = self.library.store.records.get(record_index)
            && let DocText::Text(text) = doc_text(record, record_index, &self.fetched)
        {
            self.wrap.ensure(record_index, text_width(rect), || {
                sanitize(&text.body).into_owned()
            });
            let height = usize::from(inner(rect).height);
            if let Some(wrapped) = self.wrapped_text() {
                let offset = self.text_tops.get(&record_index).copied().unwrap_or(0);
                let top = wrapped
                    .line_of_offset(offset)
                    .min(wrapped.lines.len().saturating_sub(height));
                let offset = wrapped.offset_of_line(top);
                self.text_tops.insert(record_index, offset);
            }
        }
        let Some(record) = self.library.store.records.get(record_index) else {
            return;
        };
        if let Some(rect) = panes.summary {
            let width = text_width(rect);
            // The links are gathered only when the summary is laid out anew.
            let links = if self.summary_lines.has(record_index, width) {
                Vec::new()
            } else {
                self.summary_links(record_index)
            };
            let count = self
                .summary_lines
                .ensure_with_stops(record_index, width, || {
                    let (mut lines, stops) = view::summary::laid_out(record, &links, width);
                    lines.extend(view::desk::lines(&self.desk, &record.id, width));
                    (lines, stops)
                });
            let stops = self.summary_lines.stops(record_index, width).len();
            if self.across.summary_cursor.is_some_and(|c| c >= stops) {
                self.across.summary_cursor = None;
            }
            let height = usize::from(inner(rect).height);
            self.summary_top = self.summary_top.min(count.saturating_sub(height));
        }
        if let Some(rect) = panes.provenance {
            // With parallel texts on, the pane first says which are shown.
            let told = self.parallel_told();
            if told != self.across.parallel.told {
                self.across.parallel.told = told;
                self.provenance_lines.clear();
            }
            let count = self
                .provenance_lines
                .ensure(record_index, text_width(rect), || {
                    let shown = told
                        .map_or_else(Vec::new, |told| super::parallel::told_fields(record, told));
                    view::provenance::lines_showing(record, text_width(rect), &shown)
                });
            let height = usize::from(inner(rect).height);
            self.provenance_top = self.provenance_top.min(count.saturating_sub(height));
        }
    }
}

/// Moves a list's scroll offset so that the selected item is visible.
fn keep_in_sight(offset: &mut usize, selected: usize, count: usize, height: usize) {
    let height = height.max(1);
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + height {
        *offset = selected + 1 - height;
    }
    *offset = (*offset).min(count.saturating_sub(height));
}
