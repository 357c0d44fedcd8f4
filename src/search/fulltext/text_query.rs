//! A query in the query language read for full text: the unscoped terms look in the
//! documents' texts, the field scopes filter the records (as `carrel search` does).
//!
//! | term        | in the texts                                                      |
//! | ----------- | ----------------------------------------------------------------- |
//! | `word`      | the word, or any word with its stem in a language of the store's  |
//! |             | texts, or the same word of another spelling of a name            |
//! | `"a b"`     | the words in order, as written (no stemming); a whole name's      |
//! |             | phrase finds its other spellings too                              |
//! | `'word`     | the word as written: no stem, no other spelling                   |
//! | `^pre` `pre*` | a word starting with `pre`                                      |
//! | `suf$`      | a word ending with `suf`                                          |
//! | `!t` `a | b` | not / either, of the above                                       |
//!
//! Case, diacritics and script never matter (see `analyzer`).

use std::cell::RefCell;
use std::ops::Range;

use super::analyzer::{Analyzer, STEM_MARK, StemsWanted, Token};
use super::names::Names;
use crate::search::syntax::{self, Clause, Parsed, Pattern, SyntaxError, Term};
use crate::store::Record;

/// One way a term can be met in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alternative {
    /// One word: any of these keys (as written or stems).
    Word(Vec<String>),
    /// Consecutive words, each this key.
    Phrase(Vec<String>),
    /// A word starting with this key.
    Prefix(String),
    /// A word ending with this key.
    Suffix(String),
}

/// A term of the texts: met when any alternative is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextTerm {
    pub alternatives: Vec<Alternative>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextClause {
    Must(TextTerm),
    Not(TextTerm),
    Either(Vec<TextTerm>),
}

/// A parsed full-text query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextQuery {
    /// What the texts must (not) say.
    pub clauses: Vec<TextClause>,
    /// The field scopes, checked against each record.
    pub filters: Vec<Clause>,
}

impl TextQuery {
    /// `query` read for full text; `names` and `langs` (the stemmer languages of the
    /// store's texts, see [`super::FullText::languages`]) widen its words.
    pub fn parse(query: &str, names: &Names, langs: &[String]) -> Result<Self, SyntaxError> {
        Ok(TextQuery::from_parsed(&syntax::parse(query)?, names, langs))
    }

    pub fn from_parsed(parsed: &Parsed, names: &Names, langs: &[String]) -> Self {
        let mut compiler = Compiler {
            names,
            stemmers: langs.iter().map(|l| Analyzer::new(l)).collect(),
            plain: Analyzer::unstemmed(),
        };
        let mut query = TextQuery::default();
        for clause in &parsed.clauses {
            let scoped = match clause {
                Clause::Must(t) | Clause::Not(t) => t.scope.is_some(),
                Clause::Either(terms) => terms.iter().any(|t| t.scope.is_some()),
            };
            if scoped {
                query.filters.push(clause.clone());
                continue;
            }
            let compiled = match clause {
                Clause::Must(t) => compiler.term(t).map(TextClause::Must),
                Clause::Not(t) => compiler.term(t).map(TextClause::Not),
                Clause::Either(terms) => {
                    let terms: Vec<TextTerm> =
                        terms.iter().filter_map(|t| compiler.term(t)).collect();
                    (!terms.is_empty()).then_some(TextClause::Either(terms))
                }
            };
            query.clauses.extend(compiled);
        }
        query
    }

    /// True when the query asks something of the texts (a query of field scopes or
    /// exclusions only does not).
    pub fn has_words(&self) -> bool {
        self.clauses
            .iter()
            .any(|c| matches!(c, TextClause::Must(_) | TextClause::Either(_)))
    }

    /// Whether `record` passes the field scopes.
    pub fn allows(&self, record: &Record) -> bool {
        self.filters
            .iter()
            .all(|c| crate::search::filter::clause_holds(c, record))
    }

    /// Where the query's wanted words are in `text` (written in `lang`), as byte
    /// ranges, in order, not overlapping: what the reading room highlights and `n`/`N`
    /// step through. Excluded words (`!word`) are not hits.
    pub fn hits_in(&self, text: &str, lang: &str) -> Vec<Range<usize>> {
        let mut tokens = Vec::new();
        self.tokens_into(text, lang, &mut tokens);
        self.hits_among(&tokens)
    }

    /// The hits among `tokens`, the words of the opening of a longer text cut between
    /// words, and the byte offset before which they are exactly those of the whole
    /// text: a phrase may run on past the cut, so the last words count for nothing.
    pub fn hits_in_opening(&self, tokens: &[Token]) -> (Vec<Range<usize>>, usize) {
        let longest = self
            .wanted_terms()
            .flat_map(|term| &term.alternatives)
            .map(|alternative| match alternative {
                Alternative::Phrase(keys) => keys.len().max(1),
                _ => 1,
            })
            .max()
            .unwrap_or(1);
        // A match starting before token `len - longest` ends before the last token.
        let safe = tokens
            .len()
            .checked_sub(longest)
            .and_then(|i| tokens.get(i))
            .map_or(0, |t| t.start);
        (self.hits_among(tokens), safe)
    }

    /// The terms whose matches are hits (not the excluded ones).
    fn wanted_terms(&self) -> impl Iterator<Item = &TextTerm> {
        self.clauses.iter().flat_map(|clause| match clause {
            TextClause::Must(term) => std::slice::from_ref(term),
            TextClause::Either(terms) => terms.as_slice(),
            TextClause::Not(_) => &[],
        })
    }

    fn hits_among(&self, tokens: &[Token]) -> Vec<Range<usize>> {
        let mut hits: Vec<Range<usize>> = Vec::new();
        for term in self.wanted_terms() {
            for alternative in &term.alternatives {
                for_each_match(alternative, tokens, |from, to| {
                    hits.push(tokens[from].start..tokens[to].end);
                });
            }
        }
        hits.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(hits.len());
        for hit in hits {
            match merged.last_mut() {
                Some(last) if hit.start < last.end => last.end = last.end.max(hit.end),
                _ => merged.push(hit),
            }
        }
        merged
    }
}

thread_local! {
    /// One analyzer a language for finding hits, kept on each thread that looks for
    /// them: its words already cut into keys and stems are known the next time (the
    /// texts of one page of results share most of their words; a fresh analyzer cut
    /// each again, and that was most of a snippet's cost).
    static ANALYZERS: RefCell<Vec<(String, Analyzer)>> = const { RefCell::new(Vec::new()) };
}

impl TextQuery {
    /// The tokens of `text`, written in `lang`, appended to `tokens`, with the stems
    /// of the words that may be the query's (see [`StemsWanted`]).
    pub fn tokens_into(&self, text: &str, lang: &str, tokens: &mut Vec<Token>) {
        let stems = StemsWanted::for_keys(
            self.wanted_terms()
                .flat_map(|term| &term.alternatives)
                .flat_map(|alternative| match alternative {
                    Alternative::Word(keys) => keys.as_slice(),
                    _ => &[],
                })
                .map(String::as_str)
                .filter(|key| key.starts_with(STEM_MARK)),
        );
        ANALYZERS.with(|analyzers| match analyzers.try_borrow_mut() {
            Ok(mut analyzers) => {
                let at = match analyzers.iter().position(|(l, _)| l == lang) {
                    Some(at) => at,
                    None => {
                        analyzers.push((lang.to_string(), Analyzer::new(lang)));
                        analyzers.len() - 1
                    }
                };
                analyzers[at].1.tokens_stemming(text, tokens, &stems);
            }
            Err(_) => Analyzer::new(lang).tokens_stemming(text, tokens, &stems),
        });
    }
}

/// Calls `found(first, last)` (token indices) for each place `alternative` is met.
fn for_each_match(
    alternative: &Alternative,
    tokens: &[Token],
    mut found: impl FnMut(usize, usize),
) {
    let is = |token: &Token, keys: &[String]| {
        keys.iter()
            .any(|k| **k == *token.key || token.stem.as_deref() == Some(k.as_str()))
    };
    match alternative {
        Alternative::Word(keys) => {
            for (i, token) in tokens.iter().enumerate() {
                if is(token, keys) {
                    found(i, i);
                }
            }
        }
        Alternative::Phrase(keys) if !keys.is_empty() => {
            for i in 0..tokens.len().saturating_sub(keys.len() - 1) {
                if keys.iter().zip(&tokens[i..]).all(|(k, t)| **k == *t.key) {
                    found(i, i + keys.len() - 1);
                }
            }
        }
        Alternative::Phrase(_) => {}
        Alternative::Prefix(prefix) => {
            for (i, token) in tokens.iter().enumerate() {
                if token.key.starts_with(prefix.as_str()) {
                    found(i, i);
                }
            }
        }
        Alternative::Suffix(suffix) => {
            for (i, token) in tokens.iter().enumerate() {
                if token.key.ends_with(suffix.as_str()) {
                    found(i, i);
                }
            }
        }
    }
}

struct Compiler<'a> {
    names: &'a Names,
    stemmers: Vec<Analyzer>,
    plain: Analyzer,
}

impl Compiler<'_> {
    fn keys(&mut self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        self.plain.tokens(text, &mut tokens);
        tokens
    }

    fn term(&mut self, term: &Term) -> Option<TextTerm> {
        let mut alternatives = Vec::new();
        match &term.pattern {
            Pattern::Word(text) => {
                let tokens = self.keys(text);
                match tokens.as_slice() {
                    [] => return None,
                    [token] => {
                        let mut keys = vec![token.key.to_string()];
                        let word = &text[token.start..token.end];
                        for stemmer in &mut self.stemmers {
                            if let Some(stem) = stemmer.stem(word) {
                                let bare = stem.trim_start_matches(STEM_MARK).to_string();
                                for key in [stem, bare] {
                                    if !keys.contains(&key) {
                                        keys.push(key);
                                    }
                                }
                            }
                        }
                        alternatives.push(Alternative::Word(keys));
                        for other in self.names.words_for(&token.key) {
                            alternatives.push(Alternative::Word(vec![other]));
                        }
                        for spelling in self.names.spellings_of(&[token.key.to_string()]) {
                            alternatives.push(Alternative::Phrase(spelling));
                        }
                    }
                    tokens => self.phrase(tokens, &mut alternatives),
                }
            }
            Pattern::Phrase(text) => {
                let tokens = self.keys(text);
                match tokens.as_slice() {
                    [] => return None,
                    tokens => self.phrase(tokens, &mut alternatives),
                }
            }
            Pattern::Exact(text) => {
                let tokens = self.keys(text);
                match tokens.as_slice() {
                    [] => return None,
                    [token] => alternatives.push(Alternative::Word(vec![token.key.to_string()])),
                    tokens => alternatives.push(Alternative::Phrase(
                        tokens.iter().map(|t| t.key.to_string()).collect(),
                    )),
                }
            }
            Pattern::Prefix(text) => {
                let key = self.plain.key(text);
                if key.is_empty() {
                    return None;
                }
                alternatives.push(Alternative::Prefix(key));
            }
            Pattern::Suffix(text) => {
                let key = self.plain.key(text);
                if key.is_empty() {
                    return None;
                }
                alternatives.push(Alternative::Suffix(key));
            }
            Pattern::Dates(..) | Pattern::Has(_) => return None,
        }
        Some(TextTerm { alternatives })
    }

    /// Words in order; a whole name also as each of its other spellings.
    fn phrase(&mut self, tokens: &[Token], alternatives: &mut Vec<Alternative>) {
        let keys: Vec<String> = tokens.iter().map(|t| t.key.to_string()).collect();
        let others = self.names.spellings_of(&keys);
        let single = |keys: Vec<String>| {
            if keys.len() == 1 {
                Alternative::Word(keys)
            } else {
                Alternative::Phrase(keys)
            }
        };
        alternatives.push(single(keys));
        alternatives.extend(others.into_iter().map(single));
    }
}
