//! Every spelling of every person and place a store names, so that a query word that
//! is a known name or variant also finds the other spellings in the texts: `osman
//! batur` finds a text that writes "Ospan Batyr".
//!
//! Spellings are kept as sequences of keys (see `analyzer`). A query phrase that is a
//! whole spelling becomes every spelling of that name. A single query word of three
//! letters or more that is one word of a spelling becomes the same word of the other
//! spellings, when all the name's spellings have as many words (Ospan Batyr / Osman
//! Batur: `osman` gives `ospan`); "L. Beria" and "Lavrentiy Beria" then pair `l` with
//! `lavrentii`, which the three-letter floor keeps out.

use std::collections::{HashMap, HashSet};

use super::analyzer::Analyzer;
use crate::store::Store;

/// A query word shorter than this is not expanded on its own.
const MIN_WORD_CHARS: usize = 3;

#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Each name's spellings, as key sequences, without repeats.
    groups: Vec<Vec<Vec<String>>>,
    /// A whole spelling → the groups it belongs to.
    by_spelling: HashMap<Vec<String>, Vec<usize>>,
    /// One word of a spelling → (group, position).
    by_word: HashMap<String, Vec<(usize, usize)>>,
}

impl Names {
    /// The names of every person and place of `store` that has variant spellings.
    pub fn of(store: &Store) -> Self {
        let mut names = Names::default();
        // By pointer first (shared values), then by spelling: the same person in
        // another role, or unshared, is cut into keys once.
        let mut seen: HashSet<*const crate::store::schema::NamedEntity> = HashSet::new();
        let mut spelt: HashSet<(&str, &[String])> = HashSet::new();
        let mut analyzer = Analyzer::unstemmed();
        let mut tokens = Vec::new();
        for record in &store.records {
            for entity in record.people.iter().chain(&record.places) {
                if entity.alt.is_empty()
                    || !seen.insert(std::sync::Arc::as_ptr(entity))
                    || !spelt.insert((entity.name.as_str(), entity.alt.as_slice()))
                {
                    continue;
                }
                let mut spellings: Vec<Vec<String>> = Vec::new();
                for spelling in std::iter::once(&entity.name).chain(&entity.alt) {
                    tokens.clear();
                    analyzer.tokens(spelling, &mut tokens);
                    let keys: Vec<String> = tokens.drain(..).map(|t| t.key.to_string()).collect();
                    if !keys.is_empty() && !spellings.contains(&keys) {
                        spellings.push(keys);
                    }
                }
                if spellings.len() > 1 {
                    names.add(spellings);
                }
            }
        }
        names
    }

    fn add(&mut self, spellings: Vec<Vec<String>>) {
        // The same name met again (an unshared copy) adds nothing.
        if let Some(groups) = self.by_spelling.get(&spellings[0])
            && groups.iter().any(|&g| self.groups[g] == spellings)
        {
            return;
        }
        let group = self.groups.len();
        for spelling in &spellings {
            self.by_spelling
                .entry(spelling.clone())
                .or_default()
                .push(group);
            for (position, word) in spelling.iter().enumerate() {
                let entry = self.by_word.entry(word.clone()).or_default();
                if !entry.contains(&(group, position)) {
                    entry.push((group, position));
                }
            }
        }
        self.groups.push(spellings);
    }

    /// The other spellings of a name spelt `keys` (a whole spelling), each as keys.
    pub fn spellings_of(&self, keys: &[String]) -> Vec<Vec<String>> {
        let mut found: Vec<Vec<String>> = Vec::new();
        for &group in self.by_spelling.get(keys).into_iter().flatten() {
            for spelling in &self.groups[group] {
                if spelling != keys && !found.contains(spelling) {
                    found.push(spelling.clone());
                }
            }
        }
        found
    }

    /// The words that stand where `key` stands in the other spellings of its names.
    pub fn words_for(&self, key: &str) -> Vec<String> {
        let mut found = Vec::new();
        if key.chars().count() < MIN_WORD_CHARS {
            return found;
        }
        for &(group, position) in self.by_word.get(key).into_iter().flatten() {
            let spellings = &self.groups[group];
            let length = spellings[0].len();
            if spellings.iter().any(|s| s.len() != length) {
                continue;
            }
            for spelling in spellings {
                let word = &spelling[position];
                if word != key && word.chars().count() >= MIN_WORD_CHARS && !found.contains(word) {
                    found.push(word.clone());
                }
            }
        }
        found
    }

    /// Each name's spellings as text, to be saved beside the index: a line a name, its
    /// spellings apart by tabs, their keys by spaces (a key has no white space in it:
    /// the analyzer splits words there).
    pub fn to_lines(&self) -> String {
        let mut lines = String::new();
        for spellings in &self.groups {
            let plain = spellings
                .iter()
                .flatten()
                .all(|k| !k.is_empty() && !k.contains(char::is_whitespace));
            if !plain {
                continue;
            }
            for (i, spelling) in spellings.iter().enumerate() {
                if i > 0 {
                    lines.push('\t');
                }
                lines.push_str(&spelling.join(" "));
            }
            lines.push('\n');
        }
        lines
    }

    /// The names saved by [`Names::to_lines`] that share a word with `text` (a query):
    /// a query looks up the names of its own words, and the others are thousands of
    /// strings to hash, for nothing, at each `carrel grep`. A line is looked at as it
    /// is and built only when it names one of the query's words.
    pub fn from_lines_naming(lines: &str, text: &str) -> Self {
        let mut tokens = Vec::new();
        Analyzer::unstemmed().tokens(text, &mut tokens);
        let apart = |c: Option<char>| c.is_none_or(|c| matches!(c, '\t' | ' ' | '\n'));
        // Where each line naming a query word starts: found by searching the text for
        // the word (most lines name none of them, and are passed over unsplit).
        let mut starts: Vec<usize> = Vec::new();
        for token in &tokens {
            let word = &*token.key;
            if word.is_empty() {
                continue;
            }
            // memchr's memmem: SIMD, where str's own search goes a byte at a time (the
            // names of a 100k store are 300 KB, searched once a query word).
            for at in memchr::memmem::find_iter(lines.as_bytes(), word.as_bytes()) {
                let before = lines[..at].chars().next_back();
                let after = lines[at + word.len()..].chars().next();
                if apart(before) && apart(after) {
                    starts.push(lines[..at].rfind('\n').map_or(0, |n| n + 1));
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
        let mut names = Names::default();
        for start in starts {
            let line = lines[start..].split('\n').next().unwrap_or_default();
            let spellings: Vec<Vec<String>> = line
                .split('\t')
                .map(|s| s.split(' ').map(str::to_string).collect())
                .collect();
            if spellings.len() > 1 {
                names.add(spellings);
            }
        }
        names
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(spelling: &str) -> Vec<String> {
        spelling.split(' ').map(str::to_string).collect()
    }

    /// The names kept for a query answer its words as all the names do.
    #[test]
    fn the_names_of_a_querys_words_answer_it_as_all_names_do() {
        let groups = vec![
            vec![keys("ospan batir"), keys("osman batur")],
            vec![keys("l beria"), keys("lavrentii beria")],
            vec![keys("ospan batir"), keys("osman batur")],
            vec![keys("hami"), keys("kumul")],
        ];
        let mut all = Names::default();
        for spellings in groups.clone() {
            all.add(spellings);
        }
        let lines = all.to_lines();
        for query in [
            "osman",
            "\"osman batur\" beria",
            "kumul | nothing",
            "cotton",
        ] {
            let some = Names::from_lines_naming(&lines, query);
            for word in ["osman", "batur", "beria", "kumul", "cotton"] {
                if query.contains(word) {
                    assert_eq!(some.words_for(word), all.words_for(word), "{query}: {word}");
                }
            }
            for spelling in ["osman batur", "lavrentii beria", "kumul"] {
                if spelling.split(' ').all(|w| query.contains(w)) {
                    let k = keys(spelling);
                    assert_eq!(some.spellings_of(&k), all.spellings_of(&k), "{query}");
                }
            }
        }
    }
}
