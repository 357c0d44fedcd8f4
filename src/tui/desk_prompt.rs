//! The desk's small windows take the keys while open: the style to copy a citation
//! in (`Y`), the record's tags (`t`, Tab completing from the tags in use), the name
//! to save a query under (`S`), a saved search's new name (`r`) or its removal (`x`),
//! a citation shown to select by hand.

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use super::app::App;
use super::desk_state::{DeskEntry, DeskWrite, Prompt};
use crate::cite::{self, Style};
use crate::strings::desk as words;

impl App {
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
            Prompt::RenameSearch { old, mut input } => match key.code {
                KeyCode::Enter => {
                    let new = input.trim().to_string();
                    if !self.rename_search(&old, &new) {
                        self.desk.prompt = Some(Prompt::RenameSearch { old, input });
                    }
                }
                code => {
                    edit_input(&mut input, code, control);
                    self.desk.prompt = Some(Prompt::RenameSearch { old, input });
                }
            },
            Prompt::RemoveSearch { name } => match key.code {
                KeyCode::Char('y' | 'Y') => self.remove_search(&name),
                KeyCode::Char('n' | 'N') => {}
                _ => self.desk.prompt = Some(Prompt::RemoveSearch { name }),
            },
        }
        true
    }

    /// Renames saved search `old` to `new`; false (the prompt stays) when the name is
    /// empty or another saved search has it.
    fn rename_search(&mut self, old: &str, new: &str) -> bool {
        if new.is_empty() {
            return false;
        }
        if new == old {
            return true;
        }
        if self.desk.saved_query(new).is_some() {
            self.desk.say_error(words::name_taken(new));
            return false;
        }
        if !self.desk.write(DeskWrite::RenameSearch {
            old: old.to_string(),
            new: new.to_string(),
        }) {
            return true;
        }
        if let Some(snapshot) = &mut self.desk.snapshot {
            for saved in snapshot.saved.iter_mut().filter(|s| s.name == old) {
                saved.name = new.to_string();
            }
            snapshot.saved.sort_by_key(|s| s.name.to_lowercase());
        }
        // The collection list stays on the search under its new name.
        if self.desk.entry == Some(DeskEntry::Saved(old.to_string())) {
            self.desk.entry = Some(DeskEntry::Saved(new.to_string()));
        }
        if self.desk.message.as_ref().is_none_or(|(_, error)| !error) {
            self.desk.say(words::renamed(old, new));
        }
        self.desk_list_changed();
        true
    }

    fn remove_search(&mut self, name: &str) {
        if !self.desk.write(DeskWrite::RemoveSearch(name.to_string())) {
            return;
        }
        if let Some(snapshot) = &mut self.desk.snapshot {
            snapshot.saved.retain(|s| s.name != name);
        }
        if self.desk.message.as_ref().is_none_or(|(_, error)| !error) {
            self.desk.say(words::removed(name));
        }
        // The list goes back to all records when the search it showed is gone.
        self.desk_list_changed();
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
