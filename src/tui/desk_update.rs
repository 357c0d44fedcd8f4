//! What the desk's keys do to the reading room's state (`m` `t` `e` `v` `y` `Y`
//! `S`, Up / Down in the filter line), and the desk's messages. No I/O: changes to
//! keep are queued as [`DeskWrite`]s, clipboard texts and the editor as requests
//! the event loop takes.

use std::collections::HashSet;

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use super::action::{Action, Pane};
use super::app::App;
use super::desk_state::{
    DeskEntry, DeskMessage, DeskTerms, DeskWrite, EditRequest, Prompt, RECENT, Selection, indices,
};
use crate::cite::{self, Style};
use crate::config::Config;
use crate::store::Record;
use crate::strings::desk as words;

impl App {
    /// Settings from config.toml (and the command line's `--no-osc52`).
    pub fn configure(&mut self, config: &Config) {
        self.desk.osc52 = config.osc52;
        self.desk.style = config.citation_style;
        self.keys = super::key_overrides::KeyOverrides::from_config(&config.keys);
        self.help_lines = super::view::help::lines_in(&self.keys);
    }

    /// config.toml's keys, as the keymap applies them.
    pub fn key_overrides(&self) -> &super::key_overrides::KeyOverrides {
        &self.keys
    }

    /// A message for the status line (a config problem, say).
    pub fn tell(&mut self, text: String, error: bool) {
        self.desk.message = Some((text, error));
    }

    /// What the status line says about the desk, if anything: (text, is an error).
    pub fn desk_message(&self) -> Option<(&str, bool)> {
        self.desk.message.as_ref().map(|(t, e)| (t.as_str(), *e))
    }

    pub fn desk(&self) -> &super::desk_state::DeskState {
        &self.desk
    }

    /// The desk changes to write, oldest first.
    pub fn take_desk_writes(&mut self) -> Vec<super::desk_state::DeskWrite> {
        std::mem::take(&mut self.desk.writes)
    }

    /// Texts to put on the clipboard (OSC 52).
    pub fn take_clipboard(&mut self) -> Vec<String> {
        std::mem::take(&mut self.desk.clipboard)
    }

    /// The note the reader wants to edit: the event loop runs the editor.
    pub fn take_edit(&mut self) -> Option<EditRequest> {
        self.desk.edit.take()
    }

    /// What to write when the reading room ends: the shown record's position.
    pub fn closing_desk_writes(&mut self) -> Vec<DeskWrite> {
        self.leave_record();
        self.take_desk_writes()
    }

    pub(crate) fn desk_arrived(&mut self, message: DeskMessage) {
        match message {
            DeskMessage::Opened(snapshot) => {
                let snapshot = *snapshot;
                if let Some(notice) = &snapshot.notice {
                    self.desk.say_error(notice.clone());
                }
                for (id, offset) in &snapshot.positions {
                    if let Some(index) = self.library.store.index_of(id) {
                        let offset = usize::try_from(*offset).unwrap_or(0);
                        self.text_tops.entry(index).or_insert(offset);
                    }
                }
                let last = snapshot.last_open.clone();
                self.desk.snapshot = Some(snapshot);
                self.desk.visited = self.shown_record;
                self.summary_lines.clear();
                self.reopen(last);
            }
            DeskMessage::Unavailable(why) => {
                self.desk.unavailable = true;
                self.desk.say_error(why);
            }
            DeskMessage::WriteFailed(why) => self.desk.say_error(why),
            DeskMessage::NoteEdited { record, result } => match result {
                Ok(note) => {
                    if let Some(snapshot) = &mut self.desk.snapshot {
                        match &note {
                            Some(body) => {
                                snapshot.notes.insert(record.clone(), body.clone());
                                snapshot.annotations.noted.insert(record);
                            }
                            None => {
                                snapshot.notes.remove(&record);
                                snapshot.annotations.noted.remove(&record);
                            }
                        }
                    }
                    self.summary_lines.clear();
                    self.desk.say(
                        if note.is_some() {
                            words::NOTE_SAVED
                        } else {
                            words::NOTE_NONE
                        }
                        .to_string(),
                    );
                }
                Err(why) => self.desk.say_error(why),
            },
        }
    }

    /// The record open when the reader last left is selected again, unless the
    /// reader has moved meanwhile.
    fn reopen(&mut self, last: Option<String>) {
        if std::mem::replace(&mut self.desk.reopened, true) {
            return;
        }
        let Some(index) = last.and_then(|id| self.library.store.index_of(&id)) else {
            return;
        };
        if self.selected != 0 || self.focus != Pane::Records || self.collection != 0 {
            return;
        }
        if let Some(row) = self.listing.rows.iter().position(|r| r.record == index) {
            self.selected = row;
            self.document_behind = false;
            // The last record's visit is already on record.
            self.desk.visited = Some(index);
        }
    }

    /// The record a desk key is about: the list's selection in the lists, the shown
    /// record in the document.
    fn desk_record(&self) -> Option<&Record> {
        if self.focus.is_document() {
            self.shown_record()
        } else {
            self.selected_record()
        }
    }

    /// Handles the desk's actions and the keys a selection or the filter's history
    /// take; false when the action is not the desk's.
    pub(crate) fn desk_act(&mut self, action: Action) -> bool {
        if self.filter.editing {
            return self.history_step(action);
        }
        if self.desk.selection.is_some() && self.selection_act(action) {
            return true;
        }
        // What was said of the last change gives way to the next key; a warning
        // (a desk that cannot be written, a config problem) stays until another.
        if let Some((_, false)) = &self.desk.message
            && !matches!(action, Action::Wheel { .. })
        {
            self.desk.message = None;
        }
        match action {
            Action::Mark => self.toggle_mark(),
            Action::Tag => {
                if let Some(record) = self.desk_record() {
                    let id = record.id.clone();
                    let tags = self
                        .desk
                        .snapshot
                        .as_ref()
                        .and_then(|s| s.annotations.tags.get(&id))
                        .map(|t| t.join(", "))
                        .unwrap_or_default();
                    let input = if tags.is_empty() {
                        tags
                    } else {
                        format!("{tags}, ")
                    };
                    self.desk.prompt = Some(Prompt::Tags { record: id, input });
                }
            }
            Action::EditNote => {
                if self.desk.snapshot.is_none() {
                    self.desk.say_error(self.desk.missing().to_string());
                } else if let Some(record) = self.desk_record() {
                    self.desk.edit = Some(EditRequest {
                        record: record.id.clone(),
                        title: record.title.clone(),
                    });
                }
            }
            Action::Select => self.start_selection(),
            Action::CopyCitation => {
                if let Some(record) = self.desk_record() {
                    let style = self.desk.style;
                    let text = cite::cite(record, style);
                    self.copy(text, &words::citation(style.name()));
                }
            }
            Action::CopyCitationAs => {
                if self.desk_record().is_some() {
                    self.desk.prompt = Some(Prompt::Style);
                }
            }
            Action::SaveSearch => {
                if self.filter.query.trim().is_empty() {
                    self.desk.say_error(words::NOTHING_TO_SAVE.to_string());
                } else {
                    self.desk.prompt = Some(Prompt::SaveSearch {
                        input: String::new(),
                    });
                }
            }
            _ => return false,
        }
        true
    }

    /// Puts a text on the clipboard, or shows it to select by hand.
    fn copy(&mut self, text: String, what: &str) {
        if self.desk.osc52 {
            let shown = crate::text::sanitize_line(text.lines().next().unwrap_or("")).into_owned();
            self.desk.say(words::copied(what, &shown));
            self.desk.clipboard.push(text);
        } else {
            self.desk.prompt = Some(Prompt::Shown {
                title: what.to_string(),
                text,
            });
        }
    }

    fn toggle_mark(&mut self) {
        let Some(record) = self.desk_record() else {
            return;
        };
        let id = record.id.clone();
        let on = !self.desk.is_marked(&id);
        if !self.desk.write(DeskWrite::Mark {
            record: id.clone(),
            on,
        }) {
            return;
        }
        if let Some(snapshot) = &mut self.desk.snapshot {
            if on {
                snapshot.annotations.marked.insert(id);
            } else {
                snapshot.annotations.marked.remove(&id);
            }
        }
        if self.desk.message.as_ref().is_none_or(|(_, error)| !error) {
            self.desk
                .say((if on { words::MARKED } else { words::UNMARKED }).to_string());
        }
        self.desk_list_changed();
    }

    /// The desk's data changed under a list that may depend on it.
    fn desk_list_changed(&mut self) {
        // A saved search may ask for marks or tags.
        self.desk.saved_counts_key = None;
        let terms = DeskTerms::split(&self.filter.query);
        if self.desk.entry.is_some() || terms.any() {
            self.refresh_rows(true);
        }
        // The entry the cursor is on may be gone (its last tag removed).
        if let Some(entry) = &self.desk.entry
            && !self.desk.entries().contains(entry)
        {
            self.desk.entry = None;
            self.refresh_rows(true);
        }
    }

    /// Up / Down in the filter line: earlier queries, newest first, as a shell's.
    fn history_step(&mut self, action: Action) -> bool {
        let history: &[String] = self
            .desk
            .snapshot
            .as_ref()
            .map_or(&[], |s| s.query_history.as_slice());
        let at = match (action, self.desk.history_at) {
            (Action::Up, None) if !history.is_empty() => Some(0),
            (Action::Up, Some(at)) => Some((at + 1).min(history.len().saturating_sub(1))),
            (Action::Down, Some(0)) => None,
            (Action::Down, Some(at)) => Some(at - 1),
            (Action::Up | Action::Down, _) => return true,
            (Action::FilterAccept, _) => {
                self.desk.history_at = None;
                let query = self.filter.query.trim().to_string();
                if !query.is_empty() && self.desk.snapshot.is_some() {
                    self.desk.writes.push(DeskWrite::PushQuery(query.clone()));
                    if let Some(snapshot) = &mut self.desk.snapshot
                        && snapshot.query_history.first() != Some(&query)
                    {
                        snapshot.query_history.insert(0, query);
                    }
                }
                return false;
            }
            _ => {
                if !matches!(action, Action::Resize(..)) {
                    self.desk.history_at = None;
                }
                return false;
            }
        };
        let query = at.and_then(|i| history.get(i).cloned()).unwrap_or_default();
        self.desk.history_at = at;
        self.filter.query = query;
        self.refresh_rows(false);
        true
    }

    fn start_selection(&mut self) {
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

    fn selection_act(&mut self, action: Action) -> bool {
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
    fn quote_selection(&mut self) {
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

    /// A key while a prompt is open: the prompt takes every key. False for other
    /// events (a resize goes on as usual).
    pub(crate) fn prompt_key(&mut self, event: &Event) -> bool {
        let Event::Key(key) = event else {
            return false;
        };
        if key.kind != KeyEventKind::Press {
            return true;
        }
        let Some(prompt) = self.desk.prompt.take() else {
            return false;
        };
        let control = key.modifiers.contains(KeyModifiers::CONTROL);
        if control && key.code == KeyCode::Char('c') {
            self.quit = true;
            return true;
        }
        if key.code == KeyCode::Esc {
            return true;
        }
        match prompt {
            Prompt::Shown { .. } => {}
            Prompt::Style => {
                let chosen = match key.code {
                    KeyCode::Char(c) => c
                        .to_digit(10)
                        .and_then(|d| usize::try_from(d).ok())
                        .and_then(|d| d.checked_sub(1))
                        .and_then(|i| Style::ALL.get(i).copied()),
                    _ => None,
                };
                match chosen {
                    Some(style) => {
                        if let Some(record) = self.desk_record() {
                            let text = cite::cite(record, style);
                            self.copy(text, &words::citation(style.name()));
                        }
                    }
                    None => self.desk.prompt = Some(Prompt::Style),
                }
            }
            Prompt::Tags { record, mut input } => match key.code {
                KeyCode::Enter => self.set_tags(record, &input),
                KeyCode::Tab => {
                    complete_tag(&mut input, &self.desk.tags_in_use());
                    self.desk.prompt = Some(Prompt::Tags { record, input });
                }
                code => {
                    edit_input(&mut input, code, control);
                    self.desk.prompt = Some(Prompt::Tags { record, input });
                }
            },
            Prompt::SaveSearch { mut input } => match key.code {
                KeyCode::Enter => self.save_search(input.trim()),
                code => {
                    edit_input(&mut input, code, control);
                    self.desk.prompt = Some(Prompt::SaveSearch { input });
                }
            },
        }
        true
    }

    fn set_tags(&mut self, record: String, input: &str) {
        let mut tags: Vec<String> = Vec::new();
        for tag in input.split(',') {
            let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
            if !tag.is_empty() && !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
                tags.push(tag);
            }
        }
        tags.sort_by_key(|t| t.to_lowercase());
        if !self.desk.write(DeskWrite::Tags {
            record: record.clone(),
            tags: tags.clone(),
        }) {
            return;
        }
        if let Some(snapshot) = &mut self.desk.snapshot {
            if tags.is_empty() {
                snapshot.annotations.tags.remove(&record);
            } else {
                snapshot.annotations.tags.insert(record, tags.clone());
            }
        }
        if self.desk.message.as_ref().is_none_or(|(_, error)| !error) {
            self.desk.say(words::tagged(&tags));
        }
        self.desk_list_changed();
    }

    fn save_search(&mut self, name: &str) {
        if name.is_empty() {
            return;
        }
        let query = self.filter.query.trim().to_string();
        if !self.desk.write(DeskWrite::SaveSearch {
            name: name.to_string(),
            query: query.clone(),
        }) {
            return;
        }
        if let Some(snapshot) = &mut self.desk.snapshot {
            snapshot.saved.retain(|s| s.name != name);
            snapshot.saved.push(crate::desk::SavedSearch {
                name: name.to_string(),
                query,
                saved: crate::desk::Timestamp::now(),
            });
            snapshot.saved.sort_by_key(|s| s.name.to_lowercase());
        }
        self.desk.saved_counts_key = None;
        if self.desk.message.as_ref().is_none_or(|(_, error)| !error) {
            self.desk.say(words::saved(name));
        }
    }

    /// The shown record changed (settle): the visit is recorded, the last
    /// record's reading position kept.
    pub(crate) fn desk_shown(&mut self) {
        // A record counts as read once the reader is in its document (a wide screen
        // shows every record the list passes over).
        if self.desk.snapshot.is_none() || self.document_behind || !self.focus.is_document() {
            return;
        }
        let Some(index) = self.shown_record else {
            return;
        };
        if self.desk.visited == Some(index) {
            return;
        }
        self.leave_record();
        self.desk.visited = Some(index);
        let Some(id) = self.library.store.records.get(index).map(|r| r.id.clone()) else {
            return;
        };
        self.desk.writes.push(DeskWrite::Visit(id.clone()));
        if let Some(snapshot) = &mut self.desk.snapshot {
            snapshot.recent.retain(|r| *r != id);
            snapshot.recent.insert(0, id.clone());
            snapshot.recent.truncate(RECENT);
            snapshot.annotations.read.insert(id);
        }
    }

    /// Keeps the reading position of the record being left.
    fn leave_record(&mut self) {
        let Some(index) = self.desk.visited else {
            return;
        };
        let (Some(&offset), Some(record)) = (
            self.text_tops.get(&index),
            self.library.store.records.get(index),
        ) else {
            return;
        };
        let id = record.id.clone();
        let offset = offset as u64;
        if let Some(snapshot) = &mut self.desk.snapshot {
            if snapshot.positions.get(&id) == Some(&offset) {
                return;
            }
            snapshot.positions.insert(id.clone(), offset);
            self.desk
                .writes
                .push(DeskWrite::Position { record: id, offset });
        }
    }

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
                let (label, count) = match &entry {
                    DeskEntry::Marked => {
                        (words::MARKED_ENTRY.to_string(), self.count_present(&entry))
                    }
                    DeskEntry::Recent => {
                        (words::RECENT_ENTRY.to_string(), self.count_present(&entry))
                    }
                    DeskEntry::Tag(tag) => (format!("#{tag}"), self.count_present(&entry)),
                    DeskEntry::Saved(name) => (
                        format!("{} {name}", words::SAVED_MARK),
                        self.desk.saved_counts.get(name).copied().unwrap_or(0),
                    ),
                };
                (entry, label, count)
            })
            .collect()
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
    fn admitted(&self, terms: &DeskTerms) -> HashSet<usize> {
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

    /// Records whose note says every word of the query (the filter searches notes too).
    pub(crate) fn noted_matches(&self, query: &str) -> Vec<usize> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let Some(snapshot) = &self.desk.snapshot else {
            return Vec::new();
        };
        if words.is_empty() || words.iter().any(|w| w.contains(':')) {
            return Vec::new();
        }
        let mut found: Vec<usize> = snapshot
            .notes
            .iter()
            .filter(|(_, body)| {
                let body = body.to_lowercase();
                words.iter().all(|w| body.contains(w.as_str()))
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

/// Tab in the tag prompt: the word being typed completed from the tags in use.
fn complete_tag(input: &mut String, in_use: &[(String, usize)]) {
    let start = input.rfind(',').map_or(0, |i| i + 1);
    let typed = input[start..].trim_start().to_lowercase();
    if typed.is_empty() {
        return;
    }
    if let Some((tag, _)) = in_use
        .iter()
        .find(|(t, _)| t.to_lowercase().starts_with(&typed))
    {
        input.truncate(start);
        if start > 0 {
            input.push(' ');
        }
        input.push_str(tag);
        input.push_str(", ");
    }
}

fn edit_input(input: &mut String, code: KeyCode, control: bool) {
    match code {
        KeyCode::Char('u') if control => input.clear(),
        KeyCode::Char('w') if control => {
            let kept = input.trim_end().len();
            input.truncate(kept);
            let cut = input.rfind([' ', ',']).map_or(0, |i| i + 1);
            input.truncate(cut);
        }
        KeyCode::Char(c) if !control => input.push(c),
        KeyCode::Backspace => {
            input.pop();
        }
        _ => {}
    }
}
