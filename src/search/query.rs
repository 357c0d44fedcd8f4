//! A query parsed once: its words, folded, each knowing how it may match.

use super::Field;
use super::filter;
use super::fold::{fold, words};
use super::syntax::{self, Clause, Parsed, Pattern, Scope, SyntaxError};
use crate::store::{Day, Edtf, Record};

/// Query words shorter than this match only by word prefix: a fuzzy `b` or `be`
/// would match nearly every title and rank nothing.
const MIN_FUZZY_CHARS: usize = 3;

/// Every word must match somewhere in a record, and every filter must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The words that rank: plain words, and words scoped to the title, people,
    /// places or subjects.
    pub words: Vec<QueryWord>,
    /// Everything else (phrases, `'exact`, `^prefix`, `suffix$`, `!not`, `a | b`, the
    /// other field scopes), checked against each record (see `filter`): they narrow
    /// the hits and do not rank them.
    pub filters: Vec<Clause>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// Folded.
    pub text: String,
    /// Matched fuzzily over the short fields, besides by word and prefix everywhere.
    pub fuzzy: bool,
    /// Matched against the vocabulary of whole words (false for `1945-10`, which no
    /// single word of a field holds).
    pub by_word: bool,
    /// The first and last day a date word (`1945`, `1945-10`) denotes.
    pub date: Option<(Day, Day)>,
    /// Only this field counts (`title:`, `person:`, `place:`, `subject:`).
    pub field: Option<Field>,
}

impl Query {
    /// The query in the query language (see `syntax`). A query that does not parse
    /// is taken word by word as plain words, as before the language had operators:
    /// callers that can show an error use [`Query::try_parse`].
    pub fn parse(query: &str) -> Self {
        Query::try_parse(query).unwrap_or_else(|_| Query {
            words: plain_words(query, None),
            filters: Vec::new(),
        })
    }

    /// The query, or where and why it does not parse.
    pub fn try_parse(query: &str) -> Result<Self, SyntaxError> {
        Ok(Query::from_parsed(&syntax::parse(query)?))
    }

    /// The short-field reading of parsed clauses.
    pub fn from_parsed(parsed: &Parsed) -> Self {
        let mut query = Query::default();
        for clause in &parsed.clauses {
            if let Clause::Must(term) = clause
                && let Pattern::Word(text) = &term.pattern
            {
                let field = match term.scope {
                    None => None,
                    Some(Scope::Title) => Some(Field::Title),
                    Some(Scope::Person) => Some(Field::People),
                    Some(Scope::Place) => Some(Field::Places),
                    Some(Scope::Subject) => Some(Field::Subjects),
                    Some(_) => {
                        query.filters.push(clause.clone());
                        continue;
                    }
                };
                query.words.extend(plain_words(text, field));
                continue;
            }
            query.filters.push(clause.clone());
        }
        query
    }

    /// True when nothing would be asked of a record: it matches nothing.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.filters.is_empty()
    }

    /// True when the query has filters, which need the records themselves (see
    /// [`crate::search::SearchIndex::ranking_in`]).
    pub fn needs_records(&self) -> bool {
        !self.filters.is_empty()
    }

    /// Whether `record` passes every filter (the words are not looked at).
    pub fn allows(&self, record: &Record) -> bool {
        self.filters
            .iter()
            .all(|clause| filter::clause_holds(clause, record))
    }
}

/// Splits on whitespace. A token that reads as an EDTF date (`1945`, `1945-10-05`)
/// is one date word; any other token becomes its runs of letters and digits
/// (`Ma-Zhongying` gives `ma` and `zhongying`), so punctuation, brackets and
/// symbols never have to match and never reach the matcher alone.
fn plain_words(text: &str, field: Option<Field>) -> Vec<QueryWord> {
    let mut parsed = Vec::new();
    for token in text.split_whitespace() {
        let folded = fold(token);
        if field.is_none()
            && let Some(date) = date_bounds(&folded)
        {
            let by_word = words(&folded).count() == 1;
            parsed.push(QueryWord {
                text: folded,
                fuzzy: false,
                by_word,
                date: Some(date),
                field,
            });
            continue;
        }
        for run in words(&folded) {
            parsed.push(QueryWord {
                text: run.to_string(),
                // Digits are matched literally: a fuzzy `1945` finds 1941-05.
                fuzzy: run.chars().count() >= MIN_FUZZY_CHARS
                    && !run.chars().any(|c| c.is_ascii_digit()),
                by_word: true,
                date: None,
                field,
            });
        }
    }
    parsed
}

/// The bounds of a token that is a year, month or day: four-digit year first, so
/// `36` or `5` stay plain words.
fn date_bounds(token: &str) -> Option<(Day, Day)> {
    let year_first = token.len() >= 4 && token.bytes().take(4).all(|b| b.is_ascii_digit());
    if !year_first {
        return None;
    }
    let date = Edtf::parse(token).ok()?;
    Some((date.lower(), date.upper()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_split_on_punctuation() {
        let query = Query::parse("  Choybalsán  Ma-Zhongying ( * 😀 ");
        let texts: Vec<&str> = query.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, vec!["choybalsan", "ma", "zhongying"]);
        assert!(query.words[0].fuzzy);
        assert!(!query.words[1].fuzzy, "two letters match by prefix only");
    }

    #[test]
    fn years_and_months_are_date_words() {
        let query = Query::parse("1945 1945-10 36th");
        assert_eq!(
            query.words[0].date,
            Some((Day::new(1945, 1, 1), Day::new(1945, 12, 31)))
        );
        assert!(query.words[0].by_word);
        assert_eq!(
            query.words[1].date,
            Some((Day::new(1945, 10, 1), Day::new(1945, 10, 31)))
        );
        assert!(!query.words[1].by_word);
        assert_eq!(query.words[2].date, None);
        assert!(!query.words[2].fuzzy);
    }
}
