//! Key strings as a user writes them in `[keys]` ("j", "Down", "Ctrl-d", "Shift-Tab",
//! "F5", "Alt-x"), parsed into data the reading room's keymap table takes. Knows
//! nothing of the terminal library: the reading room maps [`KeyName`] to its key codes.

use std::fmt;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyName {
    /// A character, case kept: `G` is Shift-g.
    Char(char),
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Enter,
    Esc,
    Tab,
    /// Shift-Tab.
    BackTab,
    Backspace,
    Delete,
    Insert,
    F(u8),
}

/// A key with its modifiers (Shift is part of the character, as in the keymap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySpec {
    pub name: KeyName,
    pub ctrl: bool,
    pub alt: bool,
}

/// The names a key can be written with, lower case; the first is how it is shown.
const NAMED: &[(&[&str], KeyName)] = &[
    (&["up"], KeyName::Up),
    (&["down"], KeyName::Down),
    (&["left"], KeyName::Left),
    (&["right"], KeyName::Right),
    (&["home"], KeyName::Home),
    (&["end"], KeyName::End),
    (&["pgup", "pageup", "page-up"], KeyName::PageUp),
    (&["pgdn", "pagedown", "page-down"], KeyName::PageDown),
    (&["enter", "return"], KeyName::Enter),
    (&["esc", "escape"], KeyName::Esc),
    (&["tab"], KeyName::Tab),
    (&["backtab", "shift-tab"], KeyName::BackTab),
    (&["backspace"], KeyName::Backspace),
    (&["delete", "del"], KeyName::Delete),
    (&["insert", "ins"], KeyName::Insert),
    (&["space"], KeyName::Char(' ')),
];

/// Why a key string was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{text:?} is not a key ({why}); write keys as j, G, Down, PgDn, Ctrl-d, Alt-x, Shift-Tab, F5, Space"
)]
pub struct KeyError {
    pub text: String,
    pub why: &'static str,
}

impl KeySpec {
    pub fn parse(text: &str) -> Result<KeySpec, KeyError> {
        let fail = |why| KeyError {
            text: text.to_string(),
            why,
        };
        if text.is_empty() {
            return Err(fail("empty"));
        }
        let (mut ctrl, mut alt) = (false, false);
        let mut rest = text;
        // Modifiers come first; a lone "-" is the minus key.
        loop {
            let lower = rest.to_ascii_lowercase();
            let strip = ["ctrl-", "c-", "control-"]
                .iter()
                .find(|p| lower.starts_with(*p) && rest.len() > p.len());
            if let Some(p) = strip {
                ctrl = true;
                rest = &rest[p.len()..];
                continue;
            }
            let strip = ["alt-", "a-", "meta-", "m-"]
                .iter()
                .find(|p| lower.starts_with(*p) && rest.len() > p.len());
            if let Some(p) = strip {
                alt = true;
                rest = &rest[p.len()..];
                continue;
            }
            break;
        }
        let lower = rest.to_ascii_lowercase();
        let mut chars = rest.chars();
        let name = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyName::Char(c),
            _ => {
                if let Some((_, name)) = NAMED
                    .iter()
                    .find(|(names, _)| names.contains(&lower.as_str()))
                {
                    *name
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if (1..=24).contains(&n) {
                        KeyName::F(n)
                    } else {
                        return Err(fail("function keys are F1 to F24"));
                    }
                } else {
                    return Err(fail("unknown key name"));
                }
            }
        };
        if name == KeyName::BackTab && lower != "backtab" && lower != "shift-tab" {
            return Err(fail("unknown key name"));
        }
        Ok(KeySpec { name, ctrl, alt })
    }

    /// How the help overlay writes the key, as the keymap does: `j`, `PgDn`, `Ctrl-d`.
    pub fn label(&self) -> String {
        let name = match self.name {
            KeyName::Char(' ') => "Space".to_string(),
            KeyName::Char(c) => c.to_string(),
            KeyName::Up => "Up".into(),
            KeyName::Down => "Down".into(),
            KeyName::Left => "Left".into(),
            KeyName::Right => "Right".into(),
            KeyName::Home => "Home".into(),
            KeyName::End => "End".into(),
            KeyName::PageUp => "PgUp".into(),
            KeyName::PageDown => "PgDn".into(),
            KeyName::Enter => "Enter".into(),
            KeyName::Esc => "Esc".into(),
            KeyName::Tab => "Tab".into(),
            KeyName::BackTab => "Shift-Tab".into(),
            KeyName::Backspace => "Backspace".into(),
            KeyName::Delete => "Delete".into(),
            KeyName::Insert => "Insert".into(),
            KeyName::F(n) => format!("F{n}"),
        };
        let mut out = String::new();
        if self.ctrl {
            out.push_str("Ctrl-");
        }
        if self.alt {
            out.push_str("Alt-");
        }
        out.push_str(&name);
        out
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// The actions `[keys]` may bind, by the names the config uses, with what each does.
/// They are the reading room's actions (`src/tui/action.rs`) and the desk's keys.
pub const ACTIONS: &[(&str, &str)] = &[
    ("quit", "quit carrel"),
    ("help", "show or hide the help"),
    ("down", "move down"),
    ("up", "move up"),
    ("top", "go to the top"),
    ("bottom", "go to the bottom"),
    ("page_down", "page down"),
    ("page_up", "page up"),
    ("half_page_down", "half a page down"),
    ("half_page_up", "half a page up"),
    ("focus_next", "next pane"),
    ("focus_prev", "previous pane"),
    ("focus_left", "pane to the left"),
    ("focus_right", "pane to the right"),
    ("open", "open the selected collection or record"),
    ("back", "back out one step"),
    ("summary", "show the summary"),
    ("full_text", "show the full text"),
    ("provenance", "show the provenance"),
    ("prev_record", "previous record"),
    ("next_record", "next record"),
    ("filter", "open the filter line"),
    ("mark", "mark or unmark the record"),
    ("tag", "add or remove tags"),
    ("note", "edit the record's note in $VISUAL or $EDITOR"),
    ("select", "select lines of the full text"),
    (
        "copy_citation",
        "copy the Chicago note (or the selected passage with it)",
    ),
    (
        "copy_citation_as",
        "copy the citation in a style you choose",
    ),
    ("save_search", "save the current query"),
    ("rename_search", "rename the saved search chosen"),
    (
        "remove_search",
        "remove the saved search chosen (asks first)",
    ),
];

/// True when `name` is one of [`ACTIONS`].
pub fn is_action(name: &str) -> bool {
    ACTIONS.iter().any(|(n, _)| *n == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_as_the_help_writes_them() {
        for text in [
            "j",
            "G",
            "Down",
            "PgDn",
            "Ctrl-d",
            "Alt-x",
            "Shift-Tab",
            "F5",
            "Space",
            "-",
            "?",
        ] {
            assert_eq!(KeySpec::parse(text).unwrap().label(), text);
        }
        assert_eq!(KeySpec::parse("C-d").unwrap().label(), "Ctrl-d");
        assert_eq!(KeySpec::parse("pagedown").unwrap().label(), "PgDn");
        assert_eq!(
            KeySpec::parse("ctrl-alt-Enter").unwrap().label(),
            "Ctrl-Alt-Enter"
        );
    }

    #[test]
    fn bad_keys_are_refused_with_the_reason() {
        assert_eq!(KeySpec::parse("Ctrl-").unwrap_err().why, "unknown key name");
        assert_eq!(
            KeySpec::parse("F30").unwrap_err().why,
            "function keys are F1 to F24"
        );
        assert_eq!(KeySpec::parse("").unwrap_err().why, "empty");
        assert!(KeySpec::parse("Hyper-x").is_err());
    }
}
