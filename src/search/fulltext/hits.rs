//! Where a query's wanted words are in a text, found word by word without keeping the
//! text's words: each word is put to the query's tests (is it this key or stem, does
//! it start or end so) and only the words that meet one are kept, with their place
//! among all the words, which is all a phrase needs to know.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::ops::Range;

use super::analyzer::{Analyzer, STEM_MARK, StemsWanted};
use super::text_query::{Alternative, TextQuery};

thread_local! {
    /// One analyzer a language for finding hits, kept on each thread that looks for
    /// them: the stems it has worked out are known the next time (the texts of one
    /// page of results share most of their words).
    static ANALYZERS: RefCell<Vec<(String, Analyzer)>> = const { RefCell::new(Vec::new()) };
}

/// One test a word is put to.
#[derive(PartialEq, Eq)]
enum Test<'q> {
    /// Its key or its stem's is one of these.
    KeyOrStem(&'q [String]),
    /// Its key is this (a phrase's words are matched as written).
    Key(&'q str),
    Prefix(&'q str),
    Suffix(&'q str),
}

impl Test<'_> {
    fn met(&self, key: &str, stem: Option<&str>) -> bool {
        match self {
            Test::KeyOrStem(keys) => keys
                .iter()
                .any(|k| k == key || stem.is_some_and(|s| s == k.as_str())),
            Test::Key(k) => *k == key,
            Test::Prefix(p) => key.starts_with(p),
            Test::Suffix(s) => key.ends_with(s),
        }
    }
}

/// A word that met at least one test.
struct Met {
    /// Its place among all the words read.
    nth: usize,
    start: usize,
    end: usize,
}

/// The hits of one query in one text, read a piece at a time.
pub struct HitScan<'q> {
    tests: Vec<Test<'q>>,
    /// Each wanted alternative as the tests its consecutive words must meet.
    alternatives: Vec<Vec<usize>>,
    stems: StemsWanted,
    /// The most words an alternative spans.
    longest: usize,
    /// Words read so far.
    words: usize,
    met: Vec<Met>,
    /// For each word in `met`, which tests it met: `stride` u64s of bits.
    bits: Vec<u64>,
    stride: usize,
    /// Where the last `longest` words read start.
    recent: VecDeque<usize>,
}

impl<'q> HitScan<'q> {
    pub fn new(query: &'q TextQuery) -> Self {
        let mut tests: Vec<Test<'q>> = Vec::new();
        let mut test = |t: Test<'q>| match tests.iter().position(|known| *known == t) {
            Some(at) => at,
            None => {
                tests.push(t);
                tests.len() - 1
            }
        };
        let mut alternatives = Vec::new();
        let mut stem_keys = Vec::new();
        for alternative in query.wanted_terms().flat_map(|term| &term.alternatives) {
            let wanted = match alternative {
                Alternative::Word(keys) => {
                    stem_keys.extend(
                        keys.iter()
                            .map(String::as_str)
                            .filter(|k| k.starts_with(STEM_MARK)),
                    );
                    vec![test(Test::KeyOrStem(keys))]
                }
                Alternative::Phrase(keys) => keys.iter().map(|k| test(Test::Key(k))).collect(),
                Alternative::Prefix(p) => vec![test(Test::Prefix(p))],
                Alternative::Suffix(s) => vec![test(Test::Suffix(s))],
            };
            if !wanted.is_empty() {
                alternatives.push(wanted);
            }
        }
        let longest = alternatives.iter().map(Vec::len).max().unwrap_or(1);
        HitScan {
            stride: tests.len().div_ceil(64).max(1),
            tests,
            alternatives,
            stems: StemsWanted::for_keys(stem_keys),
            longest,
            words: 0,
            met: Vec::new(),
            bits: Vec::new(),
            recent: VecDeque::with_capacity(longest + 1),
        }
    }

    /// Reads the words of `piece`, which lies at byte `offset` of the text and is
    /// written in `lang`. Pieces are read in order and cut between words.
    pub fn read(&mut self, piece: &str, offset: usize, lang: &str) {
        ANALYZERS.with(|analyzers| match analyzers.try_borrow_mut() {
            Ok(mut analyzers) => {
                let at = match analyzers.iter().position(|(l, _)| l == lang) {
                    Some(at) => at,
                    None => {
                        analyzers.push((lang.to_string(), Analyzer::new(lang)));
                        analyzers.len() - 1
                    }
                };
                self.read_with(piece, offset, &mut analyzers[at].1);
            }
            Err(_) => self.read_with(piece, offset, &mut Analyzer::new(lang)),
        });
    }

    fn read_with(&mut self, piece: &str, offset: usize, analyzer: &mut Analyzer) {
        let HitScan {
            tests,
            stems,
            longest,
            words,
            met,
            bits,
            stride,
            recent,
            ..
        } = self;
        analyzer.each_word(piece, stems, |start, end, key, stem| {
            let at = bits.len();
            let mut any = false;
            bits.resize(at + *stride, 0);
            for (n, test) in tests.iter().enumerate() {
                if test.met(key, stem) {
                    bits[at + n / 64] |= 1 << (n % 64);
                    any = true;
                }
            }
            if any {
                met.push(Met {
                    nth: *words,
                    start: offset + start,
                    end: offset + end,
                });
            } else {
                bits.truncate(at);
            }
            if recent.len() == *longest {
                recent.pop_front();
            }
            recent.push_back(offset + start);
            *words += 1;
        });
    }

    /// The hits among the words read, as byte ranges of the text, in order, merged
    /// where they overlap.
    pub fn hits(&self) -> Vec<Range<usize>> {
        let meets = |word: usize, test: usize| {
            self.bits[word * self.stride + test / 64] & (1 << (test % 64)) != 0
        };
        let mut hits: Vec<Range<usize>> = Vec::new();
        for wanted in &self.alternatives {
            for (first, word) in self.met.iter().enumerate() {
                let whole = wanted.iter().enumerate().all(|(k, &test)| {
                    self.met
                        .get(first + k)
                        .is_some_and(|w| w.nth == word.nth + k && meets(first + k, test))
                });
                if whole {
                    hits.push(word.start..self.met[first + wanted.len() - 1].end);
                }
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

    /// The byte offset before which the hits found are those the whole text has:
    /// a match starting before the last `longest - 1` words read cannot go on past
    /// them. 0 before `longest` words are read.
    pub fn sure_before(&self) -> usize {
        match self.recent.front() {
            Some(&start) if self.words >= self.longest => start,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::analyzer::Token;
    use super::super::names::Names;
    use super::*;

    /// The hits as the words' tokens say them, every word stemmed: what the scan,
    /// stemming only what may be wanted and keeping no word, must find.
    fn hits_from_tokens(query: &TextQuery, text: &str, lang: &str) -> Vec<Range<usize>> {
        let mut tokens: Vec<Token> = Vec::new();
        Analyzer::new(lang).tokens(text, &mut tokens);
        let is = |t: &Token, keys: &[String]| {
            keys.iter()
                .any(|k| **k == *t.key || t.stem.as_deref() == Some(k.as_str()))
        };
        let mut hits = Vec::new();
        for alternative in query.wanted_terms().flat_map(|t| &t.alternatives) {
            let span = match alternative {
                Alternative::Phrase(keys) => keys.len(),
                _ => 1,
            };
            for i in 0..tokens.len().saturating_sub(span.max(1) - 1) {
                let met = match alternative {
                    Alternative::Word(keys) => is(&tokens[i], keys),
                    Alternative::Phrase(keys) => {
                        !keys.is_empty()
                            && keys.iter().zip(&tokens[i..]).all(|(k, t)| **k == *t.key)
                    }
                    Alternative::Prefix(p) => tokens[i].key.starts_with(p.as_str()),
                    Alternative::Suffix(s) => tokens[i].key.ends_with(s.as_str()),
                };
                if met {
                    hits.push(tokens[i].start..tokens[i + span.max(1) - 1].end);
                }
            }
        }
        hits.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for hit in hits {
            match merged.last_mut() {
                Some(last) if hit.start < last.end => last.end = last.end.max(hit.end),
                _ => merged.push(hit),
            }
        }
        merged
    }

    const TEXTS: [(&str, &str); 6] = [
        (
            "en",
            "The situation in Urumqi: the situations worsened; Situated rebels \
             situate the khan of Altay, and the khan of the Altay rebels rebelled.",
        ),
        (
            "ru",
            "Положение в Урумчи ухудшилось. Хрущёв и Берия о положении: положения \
             хана Алтая, хан Алтая, ханы.",
        ),
        (
            "tr",
            "Selanik Şubesi'nden Atatürk'e: şubesinde, şubeler; Ürümqi.",
        ),
        ("zh", "新疆省政府主席 与 苏联 领事 新疆 主席"),
        (
            "en",
            "freedoms freedom free freely Four Freedoms four freedoms four",
        ),
        ("en", ""),
    ];

    const QUERIES: [&str; 12] = [
        "situation",
        "\"the khan of altay\"",
        "khan | rebels",
        "situat*",
        "^situ",
        "ated$",
        "положение",
        "\"хан алтая\" хрущев",
        "subesi ataturk urumqi",
        "新疆 主席",
        "\"four freedoms\" free",
        "rebels !khan",
    ];

    #[test]
    fn the_scan_finds_what_the_words_tokens_say() {
        let langs: Vec<String> = ["en", "ru", "tr"].map(String::from).to_vec();
        for text in QUERIES {
            let query = TextQuery::parse(text, &Names::default(), &langs).unwrap();
            for (lang, body) in TEXTS {
                let mut scan = HitScan::new(&query);
                scan.read(body, 0, lang);
                assert_eq!(
                    scan.hits(),
                    hits_from_tokens(&query, body, lang),
                    "{text} in {body}"
                );
            }
        }
    }

    /// Some of the queries find something: the comparison above is not of nothings.
    #[test]
    fn the_scan_finds_words_phrases_and_affixes() {
        let langs = ["en".to_string()];
        let hits = |q: &str, body: &'static str| {
            let query = TextQuery::parse(q, &Names::default(), &langs).unwrap();
            query
                .hits_in(body, "en")
                .into_iter()
                .map(|r| &body[r])
                .collect::<Vec<&str>>()
        };
        let (_, body) = TEXTS[0];
        // Stemmed: situation, situated and situate are all "situat".
        assert_eq!(
            hits("situation", body),
            ["situation", "situations", "Situated", "situate"]
        );
        assert_eq!(hits("'situation", body), ["situation"]);
        assert_eq!(hits("\"the khan of altay\"", body), ["the khan of Altay"]);
        assert_eq!(
            hits("^situ", body),
            ["situation", "situations", "Situated", "situate"]
        );
        assert_eq!(hits("ated$", body), ["Situated"]);
        assert_eq!(hits("rebels !khan", body), ["rebels", "rebels", "rebelled"]);
        let (_, body) = TEXTS[4];
        assert_eq!(
            hits("\"four freedoms\"", body),
            ["Four Freedoms", "four freedoms"]
        );
    }

    /// Read a piece at a time, cut between words anywhere, the hits are the same.
    #[test]
    fn pieces_read_in_turn_find_what_the_whole_does() {
        let langs: Vec<String> = ["en", "ru"].map(String::from).to_vec();
        for text in QUERIES {
            let query = TextQuery::parse(text, &Names::default(), &langs).unwrap();
            for (lang, body) in TEXTS {
                let whole = query.hits_in(body, lang);
                let cuts: Vec<usize> = body.match_indices(' ').map(|(at, _)| at).collect();
                for step in 1..4 {
                    let mut scan = HitScan::new(&query);
                    let mut done = 0;
                    for &cut in cuts.iter().step_by(step) {
                        scan.read(&body[done..cut], done, lang);
                        done = cut;
                        assert!(
                            whole
                                .iter()
                                .filter(|h| h.start < scan.sure_before())
                                .eq(scan.hits().iter().filter(|h| h.start < scan.sure_before()))
                        );
                    }
                    scan.read(&body[done..], done, lang);
                    assert_eq!(scan.hits(), whole, "{text} in {body}, every {step} cuts");
                }
            }
        }
    }
}
