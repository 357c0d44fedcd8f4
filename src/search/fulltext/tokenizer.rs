//! The analyzer as a tantivy tokenizer, so that texts are cut in tantivy's indexing
//! threads as they are indexed: handing tantivy pre-cut tokens held every queued
//! document's tokens at once (ten times the text) and cut on one thread.
//!
//! tantivy gives a tokenizer the text alone, so a text's language rides in front of
//! it: `\u{1}ru\u{1}` then the body. Byte offsets are given in the body (the index
//! stores none; snippets are worked out from the store's text).

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::tokenizer::{Token as TantivyToken, TokenStream, Tokenizer};

use super::analyzer::{Analyzer, Token};
use super::grams;

/// The name the tokenizer is registered under.
pub const TOKENIZER: &str = "carrel";
/// Brackets the language tag in front of a text.
const LANG_MARK: char = '\u{1}';

/// A text as handed to tantivy: its language in front.
pub fn tagged(lang: &str, body: &str) -> String {
    let mut text = String::with_capacity(body.len() + lang.len() + 2);
    text.push(LANG_MARK);
    text.push_str(lang);
    text.push(LANG_MARK);
    text.push_str(body);
    text
}

#[derive(Default)]
pub struct CarrelTokenizer {
    analyzers: HashMap<String, Analyzer>,
    cut: Vec<Token>,
    tokens: Vec<TantivyToken>,
}

impl Clone for CarrelTokenizer {
    /// Each indexing thread gets its own, with analyzers of its own.
    fn clone(&self) -> Self {
        CarrelTokenizer::default()
    }
}

pub struct CarrelStream<'a> {
    tokens: &'a [TantivyToken],
    next: usize,
    /// Handed out past the end (tantivy does not ask for it then).
    empty: TantivyToken,
}

impl Tokenizer for CarrelTokenizer {
    type TokenStream<'a> = CarrelStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CarrelStream<'a> {
        let (lang, body) = match text.strip_prefix(LANG_MARK) {
            Some(rest) => rest.split_once(LANG_MARK).unwrap_or(("", rest)),
            None => ("", text),
        };
        let analyzer = match self.analyzers.get_mut(lang) {
            Some(analyzer) => analyzer,
            None => self
                .analyzers
                .entry(lang.to_string())
                .or_insert_with(|| Analyzer::new(lang)),
        };
        self.cut.clear();
        analyzer.tokens(body, &mut self.cut);
        self.tokens.clear();
        let mut previous: Option<Arc<str>> = None;
        for (position, token) in self.cut.drain(..).enumerate() {
            // The pair with the word before, at that word's place (see `grams`).
            if let Some(pair) = previous.as_deref().and_then(|p| grams::pair(p, &token.key)) {
                self.tokens.push(TantivyToken {
                    offset_from: token.start,
                    offset_to: token.end,
                    position: position - 1,
                    text: pair,
                    position_length: 1,
                });
            }
            previous = Some(token.key.clone());
            self.tokens.push(TantivyToken {
                offset_from: token.start,
                offset_to: token.end,
                position,
                text: token.key.to_string(),
                position_length: 1,
            });
            if let Some(stem) = token.stem {
                self.tokens.push(TantivyToken {
                    offset_from: token.start,
                    offset_to: token.end,
                    position,
                    text: stem.to_string(),
                    position_length: 1,
                });
            }
        }
        CarrelStream {
            tokens: &self.tokens,
            next: 0,
            empty: TantivyToken::default(),
        }
    }
}

impl TokenStream for CarrelStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &TantivyToken {
        match self.next.checked_sub(1).and_then(|i| self.tokens.get(i)) {
            Some(token) => token,
            None => &self.empty,
        }
    }

    fn token_mut(&mut self) -> &mut TantivyToken {
        &mut self.empty
    }
}
