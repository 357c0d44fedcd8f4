//! config.toml's `[keys]` laid over the keymap table: an action given keys there
//! answers to those keys instead of its defaults, and the help overlay and the
//! status line's hints show them, since all three read the table through here.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::action::{Action, Pane};
use super::keymap::{Binding, Context, Key};
use crate::config::{KeyName, KeySpec};

/// Actions with the keys the config gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyOverrides {
    bound: Vec<(Action, Vec<Key>)>,
}

impl KeyOverrides {
    /// The config's `[keys]` (names it does not know were reported when it was read).
    pub fn from_config(keys: &BTreeMap<String, Vec<KeySpec>>) -> Self {
        let bound = keys
            .iter()
            .filter_map(|(name, specs)| {
                let action = action_named(name)?;
                let keys: Vec<Key> = specs.iter().map(key_of).collect();
                (!keys.is_empty()).then_some((action, keys))
            })
            .collect();
        KeyOverrides { bound }
    }

    /// The keys the config gives an action, if it does.
    pub fn for_action(&self, action: Action) -> Option<&[Key]> {
        self.bound
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, keys)| keys.as_slice())
    }

    /// The keys a row of the table answers to. The help overlay's own keys to close
    /// it stay as they are, so that it can always be closed.
    pub fn keys_of<'a>(&'a self, binding: &'a Binding) -> &'a [Key] {
        if binding.context == Context::Help {
            return binding.keys;
        }
        self.for_action(binding.action).unwrap_or(binding.keys)
    }

    /// Whether the row's keys come from the config (they win over the defaults).
    pub fn overrides(&self, binding: &Binding) -> bool {
        binding.context != Context::Help && self.for_action(binding.action).is_some()
    }
}

/// A config key as the keymap writes keys (Shift is part of the character).
fn key_of(spec: &KeySpec) -> Key {
    let code = match spec.name {
        KeyName::Char(c) => KeyCode::Char(c),
        KeyName::Up => KeyCode::Up,
        KeyName::Down => KeyCode::Down,
        KeyName::Left => KeyCode::Left,
        KeyName::Right => KeyCode::Right,
        KeyName::Home => KeyCode::Home,
        KeyName::End => KeyCode::End,
        KeyName::PageUp => KeyCode::PageUp,
        KeyName::PageDown => KeyCode::PageDown,
        KeyName::Enter => KeyCode::Enter,
        KeyName::Esc => KeyCode::Esc,
        KeyName::Tab => KeyCode::Tab,
        KeyName::BackTab => KeyCode::BackTab,
        KeyName::Backspace => KeyCode::Backspace,
        KeyName::Delete => KeyCode::Delete,
        KeyName::Insert => KeyCode::Insert,
        KeyName::F(n) => KeyCode::F(n),
    };
    let mut modifiers = KeyModifiers::NONE;
    if spec.ctrl {
        modifiers |= KeyModifiers::CONTROL;
    }
    if spec.alt {
        modifiers |= KeyModifiers::ALT;
    }
    Key { code, modifiers }
}

/// The action a config name (`config::keys::ACTIONS`) stands for.
fn action_named(name: &str) -> Option<Action> {
    Some(match name {
        "quit" => Action::Quit,
        "suspend" => Action::Suspend,
        "help" => Action::ToggleHelp,
        "down" => Action::Down,
        "up" => Action::Up,
        "top" => Action::Top,
        "bottom" => Action::Bottom,
        "page_down" => Action::PageDown,
        "page_up" => Action::PageUp,
        "half_page_down" => Action::HalfPageDown,
        "half_page_up" => Action::HalfPageUp,
        "focus_next" => Action::FocusNext,
        "focus_prev" => Action::FocusPrev,
        "focus_left" => Action::FocusLeft,
        "focus_right" => Action::FocusRight,
        "open" => Action::Open,
        "back" => Action::Back,
        "summary" => Action::Show(Pane::Summary),
        "full_text" => Action::Show(Pane::FullText),
        "provenance" => Action::Show(Pane::Provenance),
        "prev_record" => Action::PrevRecord,
        "next_record" => Action::NextRecord,
        "filter" => Action::OpenFilter,
        "mark" => Action::Mark,
        "tag" => Action::Tag,
        "note" => Action::EditNote,
        "select" => Action::Select,
        "copy_citation" => Action::CopyCitation,
        "copy_citation_as" => Action::CopyCitationAs,
        "save_search" => Action::SaveSearch,
        "rename_search" => Action::RenameSearch,
        "remove_search" => Action::RemoveSearch,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_config_action_is_a_room_action() {
        for (name, _) in crate::config::keys::ACTIONS {
            assert!(action_named(name).is_some(), "{name} has no action");
        }
    }
}
