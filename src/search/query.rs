//! A query parsed once: its words, folded, each knowing how it may match.

use super::fold::{fold, words};
use crate::store::{Day, Edtf};

/// Query words shorter than this match only by word prefix: a fuzzy `b` or `be`
/// would match nearly every title and rank nothing.
const MIN_FUZZY_CHARS: usize = 3;

/// Every word must match somewhere in a record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<QueryWord>,
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
}

impl Query {
    /// Splits on whitespace. A token that reads as an EDTF date (`1945`, `1945-10-05`)
    /// is one date word; any other token becomes its runs of letters and digits
    /// (`Ma-Zhongying` gives `ma` and `zhongying`), so punctuation, brackets and
    /// symbols never have to match and never reach the matcher alone.
    pub fn parse(query: &str) -> Self {
        let mut parsed = Vec::new();
        for token in query.split_whitespace() {
            let folded = fold(token);
            if let Some(date) = date_bounds(&folded) {
                let by_word = words(&folded).count() == 1;
                parsed.push(QueryWord {
                    text: folded,
                    fuzzy: false,
                    by_word,
                    date: Some(date),
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
                });
            }
        }
        Query { words: parsed }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
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
