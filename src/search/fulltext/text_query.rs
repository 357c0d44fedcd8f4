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

use std::ops::Range;

use super::analyzer::{Analyzer, STEM_MARK, Token};
use super::hits::HitScan;
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
        let mut scan = HitScan::new(self);
        scan.read(text, 0, lang);
        scan.hits()
    }

    /// The terms whose matches are hits (not the excluded ones).
    pub(super) fn wanted_terms(&self) -> impl Iterator<Item = &TextTerm> {
        self.clauses.iter().flat_map(|clause| match clause {
            TextClause::Must(term) => std::slice::from_ref(term),
            TextClause::Either(terms) => terms.as_slice(),
            TextClause::Not(_) => &[],
        })
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
