//! Keys as data: one table both turns key presses into actions and writes the
//! help overlay. The filter line, when open, sees keys before the table.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Pane};
use super::key_overrides::KeyOverrides;
use crate::strings::{self, fulltext_keys, hints, keys};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Anywhere,
    /// The collection list or the record list has the focus.
    Lists,
    /// A pane of the document has the focus.
    Document,
    /// The summary has the focus (its names and links are stops).
    Summary,
    /// The help overlay is open.
    Help,
    /// A view across documents (links, neighbours, indexes, timeline) is open.
    Across,
}

impl Context {
    pub fn heading(self) -> &'static str {
        match self {
            Context::Anywhere => strings::HELP_ANYWHERE,
            Context::Lists => strings::HELP_LISTS,
            Context::Document => strings::HELP_DOCUMENT,
            Context::Summary => strings::HELP_SUMMARY,
            Context::Help => strings::HELP_OVERLAY,
            Context::Across => strings::HELP_ACROSS,
        }
    }
}

/// One key with its modifiers (Shift is part of the character, so never listed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

impl Key {
    /// How the help overlay writes the key: `j`, `Down`, `Ctrl-d`.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Down => "Down".to_string(),
            KeyCode::Up => "Up".to_string(),
            KeyCode::Left => "Left".to_string(),
            KeyCode::Right => "Right".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let alt = if self.modifiers.contains(KeyModifiers::ALT) {
            "Alt-"
        } else {
            ""
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{alt}{name}")
        } else {
            format!("{alt}{name}")
        }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub context: Context,
    pub action: Action,
    pub description: &'static str,
}

const fn bind(
    keys: &'static [Key],
    context: Context,
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        keys,
        context,
        action,
        description,
    }
}

use Context::{Across, Anywhere, Document, Help, Lists, Summary};

/// The keymap. Earlier rows win when a key is bound twice in active contexts.
pub static KEYMAP: &[Binding] = &[
    bind(
        &[key(KeyCode::Esc), ch('?'), ch('q')],
        Help,
        Action::ToggleHelp,
        keys::CLOSE_HELP,
    ),
    bind(&[key(KeyCode::Enter)], Lists, Action::Open, keys::OPEN),
    bind(
        &[key(KeyCode::Esc)],
        Document,
        Action::Back,
        keys::BACK_DOCUMENT,
    ),
    bind(
        &[ch('j'), key(KeyCode::Down)],
        Anywhere,
        Action::Down,
        keys::DOWN,
    ),
    bind(&[ch('k'), key(KeyCode::Up)], Anywhere, Action::Up, keys::UP),
    bind(
        &[ch('g'), key(KeyCode::Home)],
        Anywhere,
        Action::Top,
        keys::TOP,
    ),
    bind(
        &[ch('G'), key(KeyCode::End)],
        Anywhere,
        Action::Bottom,
        keys::BOTTOM,
    ),
    bind(
        &[key(KeyCode::PageDown)],
        Anywhere,
        Action::PageDown,
        keys::PAGE_DOWN,
    ),
    bind(
        &[key(KeyCode::PageUp)],
        Anywhere,
        Action::PageUp,
        keys::PAGE_UP,
    ),
    bind(
        &[ctrl('d')],
        Anywhere,
        Action::HalfPageDown,
        keys::HALF_DOWN,
    ),
    bind(&[ctrl('u')], Anywhere, Action::HalfPageUp, keys::HALF_UP),
    bind(
        &[key(KeyCode::Tab)],
        Anywhere,
        Action::FocusNext,
        keys::FOCUS_NEXT,
    ),
    bind(
        &[key(KeyCode::BackTab)],
        Anywhere,
        Action::FocusPrev,
        keys::FOCUS_PREV,
    ),
    bind(
        &[ch('h'), key(KeyCode::Left)],
        Anywhere,
        Action::FocusLeft,
        keys::FOCUS_LEFT,
    ),
    bind(
        &[ch('l'), key(KeyCode::Right)],
        Anywhere,
        Action::FocusRight,
        keys::FOCUS_RIGHT,
    ),
    bind(&[key(KeyCode::Esc)], Lists, Action::Back, keys::BACK_LIST),
    bind(
        &[ch('1')],
        Anywhere,
        Action::Show(Pane::Summary),
        keys::SUMMARY,
    ),
    bind(
        &[ch('2')],
        Anywhere,
        Action::Show(Pane::FullText),
        keys::FULL_TEXT,
    ),
    bind(
        &[ch('3')],
        Anywhere,
        Action::Show(Pane::Provenance),
        keys::PROVENANCE,
    ),
    bind(&[ch('[')], Anywhere, Action::PrevRecord, keys::PREV_RECORD),
    bind(&[ch(']')], Anywhere, Action::NextRecord, keys::NEXT_RECORD),
    bind(&[ch('/')], Anywhere, Action::OpenFilter, keys::FILTER),
    bind(
        &[ctrl('f')],
        Anywhere,
        Action::ToggleFullText,
        fulltext_keys::TOGGLE,
    ),
    bind(
        &[ch('/')],
        Document,
        Action::FindInText,
        fulltext_keys::FIND,
    ),
    bind(
        &[ch('n')],
        Document,
        Action::NextHit,
        fulltext_keys::NEXT_HIT,
    ),
    bind(
        &[ch('N')],
        Document,
        Action::PrevHit,
        fulltext_keys::PREV_HIT,
    ),
    bind(&[ch('s')], Lists, Action::CycleSort, fulltext_keys::SORT),
    bind(&[ch('?')], Anywhere, Action::ToggleHelp, keys::HELP),
    bind(&[ch('q'), ctrl('c')], Anywhere, Action::Quit, keys::QUIT),
    bind(&[ctrl('z')], Anywhere, Action::Suspend, keys::SUSPEND),
    bind(&[ch('R')], Anywhere, Action::Reopen, keys::REOPEN),
    bind(&[ch('m')], Anywhere, Action::Mark, keys::MARK),
    bind(&[ch('t')], Anywhere, Action::Tag, keys::TAG),
    bind(&[ch('e')], Anywhere, Action::EditNote, keys::NOTE),
    bind(&[ch('v')], Document, Action::Select, keys::SELECT),
    bind(
        &[ch('y')],
        Anywhere,
        Action::CopyCitation,
        keys::COPY_CITATION,
    ),
    bind(
        &[ch('Y')],
        Anywhere,
        Action::CopyCitationAs,
        keys::COPY_CITATION_AS,
    ),
    bind(&[ch('S')], Anywhere, Action::SaveSearch, keys::SAVE_SEARCH),
    bind(&[ch('r')], Lists, Action::RenameSearch, keys::RENAME_SEARCH),
    bind(&[ch('x')], Lists, Action::RemoveSearch, keys::REMOVE_SEARCH),
    bind(&[key(KeyCode::Enter)], Summary, Action::Open, keys::NAMES),
    bind(
        &[key(KeyCode::Tab)],
        Summary,
        Action::NextStop,
        keys::NEXT_STOP,
    ),
    bind(
        &[key(KeyCode::BackTab)],
        Summary,
        Action::PrevStop,
        keys::PREV_STOP,
    ),
    bind(&[ch('L')], Anywhere, Action::Links, keys::LINKS),
    bind(&[ch('a')], Anywhere, Action::Neighbours, keys::NEIGHBOURS),
    bind(&[ch('I')], Anywhere, Action::Indexes, keys::INDEXES),
    bind(&[ch('T')], Anywhere, Action::Timeline, keys::TIMELINE),
    bind(&[ctrl('o')], Anywhere, Action::JumpBack, keys::JUMP_BACK),
    bind(
        &[ctrl('n')],
        Anywhere,
        Action::JumpForward,
        keys::JUMP_FORWARD,
    ),
    bind(
        &[key(KeyCode::Enter)],
        Across,
        Action::Open,
        keys::ACROSS_OPEN,
    ),
    bind(
        &[key(KeyCode::Esc)],
        Across,
        Action::Back,
        keys::ACROSS_CLOSE,
    ),
    bind(&[ch('v')], Across, Action::MarkSpan, keys::ACROSS_SPAN),
    bind(&[ch('p')], Anywhere, Action::Parallel, keys::PARALLEL),
    bind(
        &[ch('P')],
        Anywhere,
        Action::ParallelSide,
        keys::PARALLEL_SIDE,
    ),
];

/// The keys worth a reminder in the status line, per context: the key names come
/// from the keymap, so the hints cannot drift from the bindings.
static STATUS_HINTS: &[(Context, &[Action], &str)] = &[
    (Help, &[Action::ToggleHelp], hints::CLOSE),
    (Lists, &[Action::Open], hints::OPEN),
    (Document, &[Action::Back], hints::BACK),
    (
        Document,
        &[
            Action::Show(Pane::Summary),
            Action::Show(Pane::FullText),
            Action::Show(Pane::Provenance),
        ],
        hints::PANES,
    ),
    (
        Document,
        &[Action::PrevRecord, Action::NextRecord],
        hints::RECORDS,
    ),
    (Document, &[Action::FindInText], hints::FIND),
    (Anywhere, &[Action::OpenFilter], hints::FILTER),
    (Anywhere, &[Action::ToggleHelp], hints::HELP),
    (Anywhere, &[Action::Quit], hints::QUIT),
];

/// The first key bound to an action in a context (or anywhere).
fn first_key(action: Action, context: Context, overrides: &KeyOverrides) -> Option<Key> {
    KEYMAP
        .iter()
        .filter(|b| b.action == action)
        .find(|b| b.context == context || b.context == Anywhere)
        .and_then(|b| overrides.keys_of(b).first().copied())
}

/// How the first key bound to an action anywhere is written (`Ctrl-f`): for lines
/// that name a key, so that they cannot drift from the table.
pub fn key_label(action: Action) -> Option<String> {
    KEYMAP
        .iter()
        .find(|b| b.action == action)
        .and_then(|b| b.keys.first())
        .map(Key::label)
}

/// The status line's hints for the active contexts, e.g. `Enter open`, `1 2 3 panes`.
pub fn hints_for(contexts: &[Context]) -> Vec<String> {
    hints_for_in(contexts, &KeyOverrides::default())
}

/// [`hints_for`] with the config's keys.
pub fn hints_for_in(contexts: &[Context], overrides: &KeyOverrides) -> Vec<String> {
    contexts
        .iter()
        .flat_map(|context| {
            STATUS_HINTS
                .iter()
                .filter(move |(c, _, _)| c == context)
                .filter_map(move |(_, actions, word)| {
                    // A key a more specific context takes for itself (`/` finds in
                    // the document) is not recalled for what it does elsewhere.
                    let keys: Vec<String> = actions
                        .iter()
                        .filter_map(|a| {
                            first_key(*a, *context, overrides).filter(|k| means(k, *a, contexts))
                        })
                        .map(|k| k.label())
                        .collect();
                    (!keys.is_empty()).then(|| format!("{} {word}", keys.join(" ")))
                })
        })
        .collect()
}

/// Whether `key` means `action` in the active contexts (no more specific one takes it).
fn means(key: &Key, action: Action, contexts: &[Context]) -> bool {
    let taken = contexts.iter().find_map(|context| {
        KEYMAP
            .iter()
            .filter(|b| b.context == *context)
            .find(|b| b.keys.contains(key))
            .map(|b| b.action)
    });
    taken.is_none_or(|a| a == action)
}

/// The bindings the help overlay lists, in table order.
pub fn help_rows() -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter()
}

/// Shift is folded into the character (`G`, `?`), so it is ignored for characters.
fn normalise(event: &KeyEvent) -> Key {
    let mut modifiers =
        event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::SHIFT | KeyModifiers::ALT);
    if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    Key {
        code: event.code,
        modifiers,
    }
}

/// The action a key press means in the active contexts (most specific first).
pub fn lookup(event: &KeyEvent, contexts: &[Context]) -> Option<Action> {
    lookup_in(event, contexts, &KeyOverrides::default())
}

/// [`lookup`] with the config's keys, which win over the defaults.
pub fn lookup_in(
    event: &KeyEvent,
    contexts: &[Context],
    overrides: &KeyOverrides,
) -> Option<Action> {
    let pressed = normalise(event);
    contexts.iter().find_map(|context| {
        let rows = || KEYMAP.iter().filter(|b| b.context == *context);
        rows()
            .filter(|b| overrides.overrides(b))
            .chain(rows().filter(|b| !overrides.overrides(b)))
            .find(|b| overrides.keys_of(b).contains(&pressed))
            .map(|b| b.action)
    })
}

/// The filter line's own keys: it sees every key before the keymap.
pub fn filter_input(event: &KeyEvent) -> Option<Action> {
    let pressed = normalise(event);
    let control = pressed.modifiers.contains(KeyModifiers::CONTROL);
    Some(match pressed.code {
        KeyCode::Char('c') if control => Action::Quit,
        KeyCode::Char('z') if control => Action::Suspend,
        KeyCode::Char('w') if control => Action::FilterDeleteWord,
        KeyCode::Char('u') if control => Action::FilterClear,
        KeyCode::Char('f') if control => Action::ToggleFullText,
        KeyCode::Char(c) if !control => Action::FilterType(c),
        KeyCode::Backspace => Action::FilterBackspace,
        KeyCode::Enter => Action::FilterAccept,
        KeyCode::Esc => Action::FilterCancel,
        KeyCode::Down => Action::Down,
        KeyCode::Up => Action::Up,
        _ => return None,
    })
}

/// Filter-line keys for the help overlay (they are not in the table because they are text).
pub const FILTER_HELP: &[(&str, &str)] = &[
    ("Enter", keys::FILTER_ACCEPT),
    ("Esc", keys::FILTER_CANCEL),
    ("Backspace, Ctrl-w, Ctrl-u", keys::FILTER_EDIT),
    ("Down, Up", keys::FILTER_MOVE),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                if a.context == b.context {
                    for key in a.keys {
                        assert!(!b.keys.contains(key), "{} bound twice", key.label());
                    }
                }
            }
        }
    }

    #[test]
    fn hints_name_the_keys_of_the_table() {
        assert_eq!(
            hints_for(&[Context::Document]),
            vec!["Esc back", "1 2 3 panes", "[ ] records", "/ find"]
        );
        assert_eq!(hints_for(&[Context::Help]), vec!["Esc close"]);
    }

    #[test]
    fn shift_is_part_of_the_character() {
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&event, &[Context::Anywhere]), Some(Action::Bottom));
        let event = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            lookup(&event, &[Context::Anywhere]),
            Some(Action::FocusPrev)
        );
    }
}
