//! The query language shared by the filter line, `carrel search` and `carrel grep`,
//! parsed into clauses. What a clause means (short fields or full text) is up to the
//! caller: see `query` (short fields) and `fulltext` (document texts).
//!
//! ```text
//! word  "a phrase"  'exact  ^prefix  suffix$  word*  !not  a | b
//! title: person: place: subject: type: lang: collection: archive: fond: box:
//! has:text has:summary  year:1945  date:1944..1946  date:1944..  date:..1946
//! ```
//!
//! Errors say where (the char column) and what: `date:19x4..: not a date: 19x4`.

use std::fmt;
use std::ops::Range;

use crate::store::{Day, Edtf};

/// A parsed query: every clause must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// The term must match.
    Must(Term),
    /// The term must not match (`!word`).
    Not(Term),
    /// One of the terms must match (`a | b | c`).
    Either(Vec<Term>),
}

/// One term, optionally scoped to a field, with where it was written (bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub scope: Option<Scope>,
    pub pattern: Pattern,
    pub span: Range<usize>,
}

/// What a term matches. Texts are as typed (not folded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// A plain word: fuzzy on the short fields, stemmed in full text.
    Word(String),
    /// `"a phrase"`: its words in order.
    Phrase(String),
    /// `'exact`: no fuzziness, no stemming.
    Exact(String),
    /// `^prefix` (a field starts with it; a word, in full text) or `word*`.
    Prefix(String),
    /// `suffix$`.
    Suffix(String),
    /// `year:` and `date:`: the first and last day of the range (open ends are
    /// `Day::MIN` / `Day::MAX`).
    Dates(Day, Day),
    /// `has:text`, `has:summary`.
    Has(Has),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Has {
    Text,
    Summary,
}

/// The fields a term can be scoped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Title,
    Person,
    Place,
    Subject,
    /// The record's `doc_type`.
    Type,
    Lang,
    Collection,
    /// The repository's abbreviation or name.
    Archive,
    Fond,
    Box,
    Has,
    Year,
    Date,
}

impl Scope {
    pub const ALL: [Scope; 13] = [
        Scope::Title,
        Scope::Person,
        Scope::Place,
        Scope::Subject,
        Scope::Type,
        Scope::Lang,
        Scope::Collection,
        Scope::Archive,
        Scope::Fond,
        Scope::Box,
        Scope::Has,
        Scope::Year,
        Scope::Date,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scope::Title => "title",
            Scope::Person => "person",
            Scope::Place => "place",
            Scope::Subject => "subject",
            Scope::Type => "type",
            Scope::Lang => "lang",
            Scope::Collection => "collection",
            Scope::Archive => "archive",
            Scope::Fond => "fond",
            Scope::Box => "box",
            Scope::Has => "has",
            Scope::Year => "year",
            Scope::Date => "date",
        }
    }

    fn named(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Bad syntax, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct SyntaxError {
    /// Char column, from 1.
    pub column: usize,
    /// Byte offset into the query.
    pub byte: usize,
    pub message: String,
}

/// Parses `query`. An empty query parses to no clauses.
pub fn parse(query: &str) -> Result<Parsed, SyntaxError> {
    let pieces = split(query)?;
    let mut clauses = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let piece = &pieces[i];
        if piece.text == "|" {
            return Err(error(
                query,
                piece.start,
                "|: nothing before it to choose from",
            ));
        }
        let (first, negated) = term(query, piece)?;
        let mut either = Vec::new();
        while pieces.get(i + 1).is_some_and(|p| p.text == "|") {
            let bar = &pieces[i + 1];
            let Some(next) = pieces.get(i + 2).filter(|p| p.text != "|") else {
                return Err(error(query, bar.start, "|: nothing after it to choose"));
            };
            let (next_term, next_negated) = term(query, next)?;
            if negated || next_negated {
                let at = if negated { piece.start } else { next.start };
                return Err(error(query, at, "!: cannot exclude within a | b"));
            }
            either.push(next_term);
            i += 2;
        }
        if either.is_empty() {
            clauses.push(if negated {
                Clause::Not(first)
            } else {
                Clause::Must(first)
            });
        } else {
            either.insert(0, first);
            clauses.push(Clause::Either(either));
        }
        i += 1;
    }
    Ok(Parsed { clauses })
}

/// A whitespace-separated piece of the query (quotes kept together), or a `|`.
struct Piece<'a> {
    text: &'a str,
    start: usize,
}

fn split(query: &str) -> Result<Vec<Piece<'_>>, SyntaxError> {
    let mut pieces = Vec::new();
    let mut start: Option<usize> = None;
    let mut quote: Option<usize> = None;
    for (at, c) in query.char_indices() {
        if quote.is_some() {
            if c == '"' {
                quote = None;
            }
            continue;
        }
        match c {
            '"' => {
                quote = Some(at);
                start.get_or_insert(at);
            }
            '|' => {
                if let Some(from) = start.take() {
                    pieces.push(Piece {
                        text: &query[from..at],
                        start: from,
                    });
                }
                pieces.push(Piece {
                    text: "|",
                    start: at,
                });
            }
            c if c.is_whitespace() => {
                if let Some(from) = start.take() {
                    pieces.push(Piece {
                        text: &query[from..at],
                        start: from,
                    });
                }
            }
            _ => {
                start.get_or_insert(at);
            }
        }
    }
    if let Some(at) = quote {
        let rest = query[at..].trim_end();
        return Err(error(query, at, &format!("{rest}: no closing quote")));
    }
    if let Some(from) = start {
        pieces.push(Piece {
            text: &query[from..],
            start: from,
        });
    }
    Ok(pieces)
}

/// The term a piece spells, and whether it was negated.
fn term(query: &str, piece: &Piece<'_>) -> Result<(Term, bool), SyntaxError> {
    let mut text = piece.text;
    let mut start = piece.start;
    let span = piece.start..piece.start + piece.text.len();
    let negated = text.starts_with('!');
    if negated {
        text = &text[1..];
        start += 1;
        if text.is_empty() {
            return Err(error(query, piece.start, "!: nothing to exclude"));
        }
    }
    let mut scope = None;
    if let Some((name, value)) = text.split_once(':')
        && !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphabetic())
        && !name.starts_with(['"', '\''])
    {
        let Some(found) = Scope::named(&name.to_ascii_lowercase()) else {
            let names: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).collect();
            return Err(error(
                query,
                start,
                &format!("{name}: no such field (fields: {})", names.join(", ")),
            ));
        };
        if value.is_empty() {
            return Err(error(query, start, &format!("{name}: needs a value")));
        }
        scope = Some(found);
        start += name.len() + 1;
        text = value;
    }
    let pattern = match scope {
        Some(Scope::Year | Scope::Date) => dates(query, piece.text, start, text)?,
        Some(Scope::Has) => match text.to_ascii_lowercase().as_str() {
            "text" => Pattern::Has(Has::Text),
            "summary" => Pattern::Has(Has::Summary),
            _ => {
                return Err(error(
                    query,
                    start,
                    &format!("has:{text}: expected has:text or has:summary"),
                ));
            }
        },
        _ => pattern(query, start, text)?,
    };
    Ok((
        Term {
            scope,
            pattern,
            span,
        },
        negated,
    ))
}

/// A word, phrase, exact word, prefix or suffix.
fn pattern(query: &str, start: usize, text: &str) -> Result<Pattern, SyntaxError> {
    let nothing = |what: &str| error(query, start, &format!("{what}: nothing to match"));
    if let Some(inner) = text.strip_prefix('"') {
        let Some(inner) = inner.strip_suffix('"') else {
            let close = start + 1 + inner.find('"').unwrap_or(0);
            return Err(error(
                query,
                close + 1,
                &format!("{text}: text after the closing quote"),
            ));
        };
        if !inner.chars().any(char::is_alphanumeric) {
            return Err(nothing(text));
        }
        return Ok(Pattern::Phrase(inner.to_string()));
    }
    let (kind, core) = if let Some(rest) = text.strip_prefix('\'') {
        (Pattern::Exact as fn(String) -> Pattern, rest)
    } else if let Some(rest) = text.strip_prefix('^') {
        (Pattern::Prefix as fn(String) -> Pattern, rest)
    } else if let Some(rest) = text.strip_suffix('$') {
        (Pattern::Suffix as fn(String) -> Pattern, rest)
    } else if let Some(rest) = text.strip_suffix('*') {
        (Pattern::Prefix as fn(String) -> Pattern, rest)
    } else {
        // Punctuation alone never has to match (as before the language had
        // operators): an empty word, which every consumer skips.
        let plain = if text.chars().any(char::is_alphanumeric) {
            text
        } else {
            ""
        };
        return Ok(Pattern::Word(plain.to_string()));
    };
    if !core.chars().any(char::is_alphanumeric) {
        return Ok(Pattern::Word(String::new()));
    }
    Ok(kind(core.to_string()))
}

/// `year:1945`, `year:1944..1946`, `date:1945-10`, `date:1944..`, `date:..1946`.
fn dates(query: &str, whole: &str, start: usize, text: &str) -> Result<Pattern, SyntaxError> {
    let whole = whole.trim_start_matches('!');
    let edtf = |part: &str, at: usize| -> Result<Edtf, SyntaxError> {
        Edtf::parse(part).map_err(|_| error(query, at, &format!("{whole}: not a date: {part}")))
    };
    let (from, to) = match text.split_once("..") {
        Some((low, high)) => {
            if low.is_empty() && high.is_empty() {
                return Err(error(
                    query,
                    start,
                    &format!("{whole}: no date on either side of .."),
                ));
            }
            let from = match low {
                "" => Day::MIN,
                low => edtf(low, start)?.lower(),
            };
            let to = match high {
                "" => Day::MAX,
                high => edtf(high, start + low.len() + 2)?.upper(),
            };
            if to < from {
                return Err(error(
                    query,
                    start,
                    &format!("{whole}: the range ends before it starts"),
                ));
            }
            (from, to)
        }
        None => {
            let date = edtf(text, start)?;
            (date.lower(), date.upper())
        }
    };
    Ok(Pattern::Dates(from, to))
}

fn error(query: &str, byte: usize, message: &str) -> SyntaxError {
    let byte = byte.min(query.len());
    SyntaxError {
        column: query.get(..byte).map_or(0, |s| s.chars().count()) + 1,
        byte,
        message: message.to_string(),
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
