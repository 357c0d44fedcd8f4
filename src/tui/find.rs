//! Hits in the shown text: those of the full-text query (found on the full-text
//! thread, see `fulltext_mode`) and those of find in the document (`/` with the
//! document focused, searched here as the reader types: the text is in memory).
//! `n` / `N` step through whichever applies, across the whole text, wrapping round
//! with a notice; the full-text pane highlights them and says "hit 3 of 11".

use std::ops::Range;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Pane};
use super::app::App;
use super::desk_state::DeskWrite;
use super::view::{Line, Role, Span};
use super::wrap::Wrapped;
use crate::strings;

/// Lines kept above a hit scrolled to, so that it is read in its context.
const CONTEXT_LINES: usize = 2;

/// Hits in one record's shown text, as byte ranges of the text as the pane holds it.
#[derive(Debug, Clone, Default)]
pub(crate) struct HitList {
    record: usize,
    ranges: Vec<Range<usize>>,
    current: usize,
    /// The last step went round the end of the text.
    wrapped: bool,
}

/// Find in the document, while it is open or kept.
#[derive(Debug, Clone)]
struct Find {
    query: String,
    /// The find line has the keyboard.
    editing: bool,
    /// The text's top when find began: where Esc returns.
    return_top: usize,
    hits: HitList,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct DocFind {
    text_hits: Option<HitList>,
    find: Option<Find>,
    /// Strings found with Enter this session, newest first, each once.
    history: Vec<String>,
    /// Where Up / Down stand in `history` while the find line is open.
    history_at: Option<usize>,
}

/// Find strings kept for Up / Down.
const HISTORY_KEPT: usize = 100;

impl HitList {
    fn label(&self, find: bool) -> Option<String> {
        if self.ranges.is_empty() {
            return None;
        }
        let (at, of) = (self.current + 1, self.ranges.len());
        let mut label = if find {
            strings::find_of(at, of)
        } else {
            strings::hit_of(at, of)
        };
        if self.wrapped {
            label = format!("{label} · {}", strings::FIND_WRAPPED);
        }
        Some(label)
    }

    fn step(&mut self, forward: bool) {
        let count = self.ranges.len();
        if count == 0 {
            return;
        }
        self.wrapped = if forward {
            self.current + 1 >= count
        } else {
            self.current == 0
        };
        self.current = if forward {
            (self.current + 1) % count
        } else {
            (self.current + count - 1) % count
        };
    }
}

/// The find line's keys for the help overlay (they are text, not in the table).
pub const FIND_HELP: &[(&str, &str)] = &[
    ("Enter", strings::fulltext_keys::FIND_ACCEPT),
    ("Esc", strings::fulltext_keys::FIND_CANCEL),
    ("Up Down", strings::fulltext_keys::FIND_HISTORY),
];

/// The find line's own keys: it sees every key before the keymap.
pub fn find_input(event: &KeyEvent) -> Option<Action> {
    let control = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if control => Action::Quit,
        KeyCode::Char(c) if !control => Action::FindType(c),
        KeyCode::Backspace => Action::FindBackspace,
        KeyCode::Enter => Action::FindAccept,
        KeyCode::Esc => Action::FindCancel,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        _ => return None,
    })
}

/// Every place `query` occurs in `text`, letter case aside, as byte ranges.
fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
    let wanted: Vec<char> = query.chars().map(fold).collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at + wanted.len() <= chars.len() {
        let here = &chars[at..at + wanted.len()];
        if here.iter().zip(&wanted).all(|((_, c), w)| c == w) {
            let end = chars.get(at + wanted.len()).map_or(text.len(), |(i, _)| *i);
            found.push(chars[at].0..end);
            at += wanted.len();
        } else {
            at += 1;
        }
    }
    found
}

impl App {
    /// The find line is open: keys go to it.
    pub fn finding(&self) -> bool {
        self.doc_find.find.as_ref().is_some_and(|f| f.editing)
    }

    /// What the find line says ("find: molot"), while find is open or kept.
    pub fn find_line(&self) -> Option<String> {
        let find = self.doc_find.find.as_ref()?;
        Some(format!(
            "{}{}",
            strings::FIND_PROMPT,
            crate::text::sanitize_line(&find.query)
        ))
    }

    /// "hit 3 of 11" (full-text hits) or "3 of 11" (find), for the pane's border.
    pub fn hit_label(&self) -> Option<String> {
        if let Some(find) = &self.doc_find.find {
            return find
                .hits
                .label(true)
                .or_else(|| (!find.query.is_empty()).then(|| strings::find_of(0, 0)));
        }
        self.shown_text_hits()?.label(false)
    }

    fn shown_text_hits(&self) -> Option<&HitList> {
        let hits = self.doc_find.text_hits.as_ref()?;
        (Some(hits.record) == self.shown_index()).then_some(hits)
    }

    /// The hits the pane highlights and `n` / `N` step through.
    fn active_hits(&self) -> Option<&HitList> {
        match &self.doc_find.find {
            Some(find) => Some(&find.hits),
            None => self.shown_text_hits(),
        }
    }

    pub(crate) fn forget_text_hits(&mut self) {
        self.doc_find.text_hits = None;
    }

    /// The full-text query's hits in a record's text arrived: the text scrolls to the first.
    pub(crate) fn set_text_hits(&mut self, record: usize, ranges: Vec<Range<usize>>) {
        let first = ranges.first().map(|r| r.start);
        self.doc_find.text_hits = Some(HitList {
            record,
            ranges,
            current: 0,
            wrapped: false,
        });
        if let Some(offset) = first {
            self.scroll_text_to(record, offset);
        }
    }

    /// Line `i` of the wrapped text, its hits in the hit role.
    pub(crate) fn text_line<'a>(&self, wrapped: &'a Wrapped, i: usize) -> Line<'a> {
        let line = wrapped.line(i);
        let Some(range) = wrapped.lines.get(i) else {
            return Line::one(line, Role::Body);
        };
        let Some(hits) = self.active_hits().filter(|h| h.record == wrapped.record) else {
            return Line::one(line, Role::Body);
        };
        // Hits are in order: the first ending after the line's start is the first in it.
        let from = hits.ranges.partition_point(|h| h.end <= range.start);
        let mut spans = Vec::new();
        let mut at = range.start;
        for hit in hits.ranges[from..]
            .iter()
            .take_while(|h| h.start < range.end)
        {
            let start = hit.start.max(range.start);
            let end = hit.end.min(range.end);
            if start > at {
                spans.push(Span::new(&wrapped.text[at..start], Role::Body));
            }
            if end > start {
                spans.push(Span::new(&wrapped.text[start..end], Role::Hit));
            }
            at = end.max(at);
        }
        if at < range.end {
            spans.push(Span::new(&wrapped.text[at..range.end], Role::Body));
        }
        if spans.is_empty() {
            return Line::one(line, Role::Body);
        }
        Line { spans }
    }

    /// Scrolls the full text so that the byte `offset` shows a few lines from the top.
    fn scroll_text_to(&mut self, record: usize, offset: usize) {
        let top = match self.wrapped_text().filter(|w| w.record == record) {
            Some(wrapped) => {
                let line = wrapped.line_of_offset(offset).saturating_sub(CONTEXT_LINES);
                wrapped.offset_of_line(line)
            }
            None => offset,
        };
        self.text_tops.insert(record, top);
    }

    /// `n` / `N`: the next or previous hit, round the end of the text.
    pub(crate) fn step_hit(&mut self, forward: bool) {
        let hits = match &mut self.doc_find.find {
            Some(find) => &mut find.hits,
            None => match &mut self.doc_find.text_hits {
                Some(hits) if Some(hits.record) == self.shown_record => hits,
                _ => return,
            },
        };
        hits.step(forward);
        let record = hits.record;
        if let Some(offset) = hits.ranges.get(hits.current).map(|r| r.start) {
            self.scroll_text_to(record, offset);
        }
    }

    /// `/` in the document: find in the shown text (the full-text pane takes the focus).
    pub(crate) fn open_find(&mut self) {
        let Some(record) = self.shown_index() else {
            return;
        };
        self.set_focus(Pane::FullText);
        self.settle();
        if self.wrapped_text().is_none() {
            return;
        }
        let return_top = self.text_tops.get(&record).copied().unwrap_or(0);
        self.doc_find.find = Some(Find {
            query: String::new(),
            editing: true,
            return_top,
            hits: HitList {
                record,
                ..HitList::default()
            },
        });
    }

    /// A key of the find line; false when the action is not its own.
    pub(crate) fn update_find(&mut self, action: Action) -> bool {
        let Some(find) = &mut self.doc_find.find else {
            return false;
        };
        let record = find.hits.record;
        match action {
            Action::FindType(c) => find.query.push(c),
            Action::FindBackspace => {
                find.query.pop();
            }
            Action::Up | Action::Down => {
                let history = &self.doc_find.history;
                let at = match (action, self.doc_find.history_at) {
                    (Action::Up, None) if !history.is_empty() => Some(0),
                    (Action::Up, Some(at)) => Some((at + 1).min(history.len().saturating_sub(1))),
                    (Action::Down, Some(0)) => None,
                    (Action::Down, Some(at)) => Some(at - 1),
                    _ => return true,
                };
                find.query = at.and_then(|i| history.get(i).cloned()).unwrap_or_default();
                self.doc_find.history_at = at;
                self.refind();
                return true;
            }
            Action::FindAccept => {
                find.editing = false;
                let query = find.query.clone();
                if query.is_empty() {
                    self.doc_find.find = None;
                }
                self.doc_find.history_at = None;
                self.keep_find(query);
                return true;
            }
            Action::FindCancel => {
                let top = find.return_top;
                self.doc_find.find = None;
                self.doc_find.history_at = None;
                self.text_tops.insert(record, top);
                return true;
            }
            _ => return false,
        }
        self.doc_find.history_at = None;
        self.refind();
        true
    }

    /// A find kept with Enter goes first in the find line's history (once).
    fn keep_find(&mut self, query: String) {
        if query.is_empty() {
            return;
        }
        if self.desk.snapshot.is_some() {
            self.desk.writes.push(DeskWrite::PushFind(query.clone()));
        }
        let history = &mut self.doc_find.history;
        history.retain(|q| *q != query);
        history.insert(0, query);
        history.truncate(HISTORY_KEPT);
    }

    /// The desk's find history, after the finds kept before it opened.
    pub(crate) fn find_history_arrived(&mut self, stored: &[String]) {
        let history = &mut self.doc_find.history;
        for query in stored {
            if !history.contains(query) {
                history.push(query.clone());
            }
        }
        history.truncate(HISTORY_KEPT);
    }

    /// The find line changed: its hits anew, the first from where find began.
    fn refind(&mut self) {
        let Some(find) = &self.doc_find.find else {
            return;
        };
        let (query, from, record) = (find.query.clone(), find.return_top, find.hits.record);
        let ranges = match self.wrapped_text().filter(|w| w.record == record) {
            Some(wrapped) => find_all(&wrapped.text, &query),
            None => Vec::new(),
        };
        let current = ranges.iter().position(|r| r.start >= from).unwrap_or(0);
        let wrapped = current == 0 && ranges.first().is_some_and(|r| r.start < from);
        let target = ranges.get(current).map(|r| r.start);
        if let Some(find) = &mut self.doc_find.find {
            find.hits = HitList {
                record,
                ranges,
                current,
                wrapped,
            };
        }
        match target {
            Some(offset) => self.scroll_text_to(record, offset),
            None => {
                self.text_tops.insert(record, from);
            }
        }
    }

    /// Esc in the document with find kept: find ends first, reading stays where it is.
    pub(crate) fn close_kept_find(&mut self) -> bool {
        self.doc_find.find.take().is_some()
    }

    /// The shown record changed: find in the last one ends.
    pub(crate) fn find_follows_record(&mut self) {
        let shown = self.shown_index();
        if self
            .doc_find
            .find
            .as_ref()
            .is_some_and(|f| Some(f.hits.record) != shown)
        {
            self.doc_find.find = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find_all;

    #[test]
    fn finds_letter_case_aside_without_overlaps() {
        assert_eq!(
            find_all("Altay, ALTAY altay", "altay"),
            vec![0..5, 7..12, 13..18]
        );
        assert_eq!(find_all("aaa", "aa"), vec![0..2]);
        assert!(find_all("Молотов", "").is_empty());
        assert_eq!(find_all("к Молотову", "молот"), vec![3..13]);
    }
}
