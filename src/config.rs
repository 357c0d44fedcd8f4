//! `config.toml` in the config directory: the theme's colours by role, key
//! overrides, the default store, the default citation style, mouse capture and
//! OSC 52 copying.
//!
//! A bad file never stops carrel: each problem is reported with its line, column
//! and key (from the TOML parser's spans), and the default is used for that key
//! only; the rest of the file still applies. Knows nothing of the terminal.

pub mod keys;
pub mod theme;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::cite::Style;
use crate::store::AppDirs;

pub use keys::{KeyName, KeySpec};
pub use theme::{Colour, Paint};

/// The file's name in the config directory.
pub const FILE_NAME: &str = "config.toml";

/// Where the config lives: `<config>/config.toml`.
pub fn default_path(dirs: &AppDirs) -> PathBuf {
    dirs.config.join(FILE_NAME)
}

/// The settings, each the default unless the file set it well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The store to open when neither `--store` nor `$CARREL_STORE` names one.
    pub store: Option<PathBuf>,
    pub citation_style: Style,
    /// Capture the mouse (wheel, clicks); off lets the terminal select text.
    pub mouse: bool,
    /// Copy citations to the clipboard with OSC 52; off shows them to select by hand.
    pub osc52: bool,
    /// Role name ([`theme::ROLES`]) -> its paint; roles not named keep the theme's.
    pub theme: BTreeMap<String, Paint>,
    /// Action name ([`keys::ACTIONS`]) -> the keys that replace its default keys.
    pub keys: BTreeMap<String, Vec<KeySpec>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            store: None,
            citation_style: Style::ChicagoNote,
            mouse: true,
            osc52: true,
            theme: BTreeMap::new(),
            keys: BTreeMap::new(),
        }
    }
}

/// One thing wrong in the file, where it is, and what carrel did instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The dotted key (`theme.heading`, `keys.quit`); empty for a syntax error.
    pub key: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.key.is_empty() {
            write!(f, "{}: ", self.key)?;
        }
        f.write_str(&self.message)
    }
}

/// The config as read, with what was wrong in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loaded {
    pub config: Config,
    pub problems: Vec<Problem>,
    /// The file read; `None` when there was none (the defaults are in use).
    pub path: Option<PathBuf>,
}

/// Reads the config file of the user's config directory, if there is one.
pub fn load_default(dirs: Option<&AppDirs>) -> Loaded {
    match dirs {
        Some(dirs) => load(&default_path(dirs)),
        None => Loaded::default(),
    }
}

/// Reads `path`; a missing file is the defaults, an unreadable one a problem.
pub fn load(path: &Path) -> Loaded {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let mut loaded = parse(&text, &path.display().to_string());
            loaded.path = Some(path.to_path_buf());
            loaded
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Loaded::default(),
        Err(e) => Loaded {
            config: Config::default(),
            problems: vec![Problem {
                file: path.display().to_string(),
                line: 1,
                column: 1,
                key: String::new(),
                message: format!("cannot read the file ({e}); the defaults are used"),
            }],
            path: Some(path.to_path_buf()),
        },
    }
}

/// Line and column (from 1) of a byte offset.
fn place(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

struct Reader<'a> {
    text: &'a str,
    file: &'a str,
    problems: Vec<Problem>,
    /// Lines with a syntax error: what the parser recovered there is not reported again.
    broken_lines: Vec<usize>,
}

impl Reader<'_> {
    fn syntax_error(&mut self, span: std::ops::Range<usize>, message: String) {
        let (line, column) = place(self.text, span.start);
        if self.broken_lines.contains(&line) {
            return;
        }
        self.broken_lines.push(line);
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            column,
            key: String::new(),
            message,
        });
    }

    fn problem(&mut self, span: std::ops::Range<usize>, key: &str, message: String) {
        let (line, column) = place(self.text, span.start);
        // A value the parser made up while recovering from a syntax error has no
        // text of its own (an empty span) or sits on the broken line.
        if span.is_empty() || self.broken_lines.contains(&line) {
            return;
        }
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            column,
            key: key.to_string(),
            message,
        });
    }

    fn string(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.problem(
                    value.span(),
                    key,
                    "must be a string; the default is used".into(),
                );
                None
            }
        }
    }

    fn boolean(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.problem(
                    value.span(),
                    key,
                    "must be true or false; the default is used".into(),
                );
                None
            }
        }
    }

    fn table<'t>(&mut self, key: &str, value: &'t Spanned<DeValue<'t>>) -> Option<&'t DeTable<'t>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.problem(
                    value.span(),
                    key,
                    "must be a table; the defaults are used".into(),
                );
                None
            }
        }
    }
}

/// Reads config text; `file` names it in problems.
pub fn parse(text: &str, file: &str) -> Loaded {
    let (document, errors) = DeTable::parse_recoverable(text);
    let mut reader = Reader {
        text,
        file,
        problems: Vec::new(),
        broken_lines: Vec::new(),
    };
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim().to_string();
        reader.syntax_error(span, format!("{message} (this line is skipped)"));
    }
    let mut config = Config::default();
    for (key, value) in document.get_ref().iter() {
        let name: &str = key.get_ref();
        match name {
            "store" => {
                if let Some(s) = reader.string(name, value) {
                    config.store = Some(expand_home(&s));
                }
            }
            "citation_style" => {
                if let Some(s) = reader.string(name, value) {
                    match s.parse::<Style>() {
                        Ok(style) => config.citation_style = style,
                        Err(e) => {
                            reader.problem(value.span(), name, format!("{e}; chicago-note is used"))
                        }
                    }
                }
            }
            "mouse" => {
                if let Some(b) = reader.boolean(name, value) {
                    config.mouse = b;
                }
            }
            "osc52" => {
                if let Some(b) = reader.boolean(name, value) {
                    config.osc52 = b;
                }
            }
            "theme" => {
                if let Some(table) = reader.table(name, value) {
                    read_theme(&mut reader, table, &mut config);
                }
            }
            "keys" => {
                if let Some(table) = reader.table(name, value) {
                    read_keys(&mut reader, table, &mut config);
                }
            }
            other => reader.problem(
                key.span(),
                other,
                "unknown setting (ignored); carrel config --default lists them".into(),
            ),
        }
    }
    reader.problems.sort_by_key(|p| (p.line, p.column));
    Loaded {
        config,
        problems: reader.problems,
        path: None,
    }
}

fn read_theme(reader: &mut Reader<'_>, table: &DeTable<'_>, config: &mut Config) {
    for (key, value) in table.iter() {
        let role: &str = key.get_ref();
        let dotted = format!("theme.{role}");
        if !theme::is_role(role) {
            let known: Vec<&str> = theme::ROLES.iter().map(|(n, _)| *n).collect();
            reader.problem(
                key.span(),
                &dotted,
                format!("unknown role (ignored); the roles are {}", known.join(", ")),
            );
            continue;
        }
        if let Some(text) = reader.string(&dotted, value) {
            match Paint::parse(&text) {
                Ok(paint) => {
                    config.theme.insert(role.to_string(), paint);
                }
                Err(e) => {
                    reader.problem(value.span(), &dotted, format!("{e}; the default is used"))
                }
            }
        }
    }
}

fn read_keys(reader: &mut Reader<'_>, table: &DeTable<'_>, config: &mut Config) {
    for (key, value) in table.iter() {
        let action: &str = key.get_ref();
        let dotted = format!("keys.{action}");
        if !keys::is_action(action) {
            reader.problem(
                key.span(),
                &dotted,
                "unknown action (ignored); carrel config --default lists them".into(),
            );
            continue;
        }
        let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::String(_) => vec![value],
            DeValue::Array(array) => array.iter().collect(),
            _ => {
                reader.problem(
                    value.span(),
                    &dotted,
                    "must be a key or a list of keys, such as [\"j\", \"Down\"]; the default keys are kept".into(),
                );
                continue;
            }
        };
        let mut parsed = Vec::new();
        let mut bad = false;
        for item in items {
            let Some(text) = reader.string(&dotted, item) else {
                bad = true;
                continue;
            };
            match KeySpec::parse(&text) {
                Ok(k) if !parsed.contains(&k) => parsed.push(k),
                Ok(_) => {}
                Err(e) => {
                    bad = true;
                    reader.problem(
                        item.span(),
                        &dotted,
                        format!("{e}; the default keys are kept"),
                    );
                }
            }
        }
        if parsed.is_empty() && !bad {
            reader.problem(
                value.span(),
                &dotted,
                "an empty list would leave the action without a key; the default keys are kept"
                    .into(),
            );
            continue;
        }
        // One bad key in the list keeps the action's defaults, so that a typo never
        // leaves an action with fewer keys than the user meant.
        if !bad {
            config.keys.insert(action.to_string(), parsed);
        }
    }
}

/// `~/notes` -> the home directory's `notes`.
fn expand_home(path: &str) -> PathBuf {
    match path.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(|home| PathBuf::from(home).join(rest))
            .unwrap_or_else(|| PathBuf::from(path)),
        None => PathBuf::from(path),
    }
}

/// A config file with every setting at its default, commented, for `carrel config --default`.
pub fn default_file() -> String {
    let mut out = String::from(DEFAULT_HEAD);
    out.push_str(
        "\n[theme]\n# Colours by role: a name (yellow, light-blue, dark-gray, default), #rrggbb\n",
    );
    out.push_str("# or a 256-colour index, optionally after bold, italic, underlined, reversed.\n");
    out.push_str("# The defaults use the 16 named colours only; NO_COLOR turns colour off.\n");
    for (role, what) in theme::ROLES {
        out.push_str(&format!("# {role} = \"...\"    # {what}\n"));
    }
    out.push_str("# heading = \"bold yellow\"\n");
    out.push_str(
        "\n[keys]\n# Each action takes a list of keys that replaces its default keys; the help\n",
    );
    out.push_str("# (?) shows the keys in force. Keys: j, G, Down, PgDn, Home, Enter, Esc, Tab,\n");
    out.push_str("# Shift-Tab, Backspace, Space, F5, Ctrl-d, Alt-x.\n");
    for (action, what) in keys::ACTIONS {
        out.push_str(&format!("# {action} = [...]    # {what}\n"));
    }
    out.push_str("# down = [\"j\", \"Down\", \"Ctrl-n\"]\n");
    out
}

const DEFAULT_HEAD: &str = "\
# carrel's configuration: config.toml in the config directory (carrel paths shows it).
# Every setting is optional; a line carrel cannot use is reported with its line
# number and the default is used for that setting alone.

# The store to open when neither --store nor $CARREL_STORE names one
# (a folder or a single JSON file; ~/ is the home directory).
# store = \"~/archives/xinjiang\"

# The citation style of `carrel cite` and of y in the reading room:
# chicago-note, chicago-short, chicago-bib, bibtex, csl-json or ris.
citation_style = \"chicago-note\"

# Capture the mouse (wheel and clicks). Over SSH many people select text with the
# mouse instead: set false, or start carrel with --no-mouse.
mouse = true

# Copy citations to the clipboard with OSC 52 escape codes (works over SSH; inside
# tmux it needs `set -g set-clipboard on`). Set false to be shown the citation to
# select by hand instead.
osc52 = true
";
