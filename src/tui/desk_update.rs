//! What the desk's keys do to the reading room's state (`m` `t` `e` `v` `y` `Y`
//! `S`, Up / Down in the filter line), and the desk's messages. No I/O: changes to
//! keep are queued as [`DeskWrite`]s, clipboard texts and the editor as requests
//! the event loop takes.

use super::action::{Action, Pane};
use super::app::App;
use super::desk_state::{
    DeskEntry, DeskMessage, DeskTerms, DeskWrite, EditRequest, Prompt, RECENT,
};
use crate::cite;
use crate::config::Config;
use crate::search::fulltext::text_keys;
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
                self.find_history_arrived(&snapshot.find_history);
                self.desk.note_keys = snapshot
                    .notes
                    .iter()
                    .map(|(id, body)| (id.clone(), text_keys(body)))
                    .collect();
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
                                self.desk.note_keys.insert(record.clone(), text_keys(body));
                                snapshot.notes.insert(record.clone(), body.clone());
                                snapshot.annotations.noted.insert(record);
                            }
                            None => {
                                self.desk.note_keys.remove(&record);
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
    pub(crate) fn desk_record(&self) -> Option<&Record> {
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
            Action::RenameSearch | Action::RemoveSearch => match &self.desk.entry {
                Some(DeskEntry::Saved(name)) => {
                    let name = name.clone();
                    self.desk.prompt = Some(if action == Action::RenameSearch {
                        Prompt::RenameSearch {
                            old: name.clone(),
                            input: name,
                        }
                    } else {
                        Prompt::RemoveSearch { name }
                    });
                }
                _ => self.desk.say_error(words::CHOOSE_SAVED.to_string()),
            },
            _ => return false,
        }
        true
    }

    /// Puts a text on the clipboard, or shows it to select by hand.
    pub(crate) fn copy(&mut self, text: String, what: &str) {
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
    pub(crate) fn desk_list_changed(&mut self) {
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
}
