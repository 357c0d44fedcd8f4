//! Cutting a text into the keys the full-text index holds, with where each word lies
//! in the original text, so that a hit is highlighted on the characters as written.
//!
//! A word is a run of letters, digits and combining marks (any length: tantivy's
//! default tokenizer drops words over 40 bytes, which is 20 Cyrillic letters). Its key:
//! 1. folded: lower case, Latin diacritics off, `ё` as `е` (Russian print drops it);
//! 2. romanised with `any_ascii` (Молотов → molotov), so every script meets Latin;
//! 3. loosened: `kh` → `h`, `y` → `i`, a doubled vowel once, anything not a letter or
//!    digit dropped. Берия romanises to "beriya", which loosens to "beria" as Beria does;
//!    Хрущёв and Khrushchev both give "hrushchev".
//!
//! A word in a text of a language with a stemmer (English, Russian, Turkish, and the
//! others `rust-stemmers` knows) also gets its stem, at the same position, marked with
//! [`STEM_MARK`] so that an exact query (`'freedoms`) never meets a stem. Stemming is
//! done before romanising: the stemmers work on the language's own script.
//!
//! Han, kana and hangul are written without spaces: a run of them is cut into
//! overlapping character pairs (北京大学 → 北京 京大 大学), a lone character kept as it is.

use std::collections::HashMap;
use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};

use super::word_keys::{cjk_pairs, each_cjk_pair, fold_word, key_into, loose_key, words, yo_as_ye};

/// Marks a stem key apart from the keys of words as written.
pub const STEM_MARK: char = '~';

/// One word (or CJK pair) of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// The key of the word as written (shared with every other place of the word: a
    /// text's words are mostly words it has already used).
    pub key: Arc<str>,
    /// The marked key of its stem, when the text's language has a stemmer and the stem
    /// differs from the word.
    pub stem: Option<Arc<str>>,
}

/// The stemmer of a language, by its BCP 47 tag (`en`, `ru-Latn`: the primary subtag
/// counts).
pub fn stemmer_for(lang: &str) -> Option<(&'static str, Stemmer)> {
    let primary = lang.split(['-', '_']).next().unwrap_or_default();
    let (code, algorithm) = match primary.to_ascii_lowercase().as_str() {
        "en" | "eng" => ("en", Algorithm::English),
        "ru" | "rus" => ("ru", Algorithm::Russian),
        "tr" | "tur" => ("tr", Algorithm::Turkish),
        "de" | "deu" | "ger" => ("de", Algorithm::German),
        "fr" | "fra" | "fre" => ("fr", Algorithm::French),
        "es" | "spa" => ("es", Algorithm::Spanish),
        "it" | "ita" => ("it", Algorithm::Italian),
        "pt" | "por" => ("pt", Algorithm::Portuguese),
        "nl" | "nld" | "dut" => ("nl", Algorithm::Dutch),
        "sv" | "swe" => ("sv", Algorithm::Swedish),
        "no" | "nb" | "nn" | "nor" => ("no", Algorithm::Norwegian),
        "da" | "dan" => ("da", Algorithm::Danish),
        "fi" | "fin" => ("fi", Algorithm::Finnish),
        "hu" | "hun" => ("hu", Algorithm::Hungarian),
        "ro" | "ron" | "rum" => ("ro", Algorithm::Romanian),
        "el" | "ell" | "gre" => ("el", Algorithm::Greek),
        "ar" | "ara" => ("ar", Algorithm::Arabic),
        _ => return None,
    };
    Some((code, Stemmer::create(algorithm)))
}

/// Words remembered with their keys: a text repeats its words (a few thousand distinct
/// words make most of any archive), and folding, romanising and stemming a word again
/// costs far more than looking it up.
const CACHED_WORDS: usize = 100_000;

/// Cuts texts into tokens, reusing its buffers from text to text.
pub struct Analyzer {
    stemmer: Option<Stemmer>,
    /// The stemmer cuts words' ends only (Arabic's cuts articles and conjunctions off
    /// the front, and Greek's some prefixes): see [`StemsWanted`].
    ends_only: bool,
    folded: String,
    lowered: String,
    /// The key of the word [`Analyzer::each_word`] is at.
    key: String,
    /// Word as written → (key, marked stem when worked out).
    known: HashMap<String, (Arc<str>, Stem)>,
    /// Word as written → its marked stem, for [`Analyzer::each_word`].
    stems_known: HashMap<String, Option<Box<str>>>,
}

/// A known word's stem.
enum Stem {
    /// Not worked out yet: no one wanted it.
    Unknown,
    /// None, or none apart from the word's own key.
    Same,
    Marked(Arc<str>),
}

/// Which words' stems to work out. Stemming is most of the cost of cutting a text
/// into words, and finding a query's hits needs a word's stem only where it may be
/// one of the query's: a stemmer cuts and changes the end of a word, never its first
/// letters (in all but the languages whose stemmers cut fronts too, where every word
/// is stemmed), so a word whose key opens otherwise than every stem wanted is passed by.
pub enum StemsWanted {
    All,
    /// The first two chars of each stem key wanted (after the mark).
    Opening(Vec<String>),
}

/// Words of up to this many chars are always stemmed: a stem may be shorter than
/// the opening compared.
const SHORT_WORD: usize = 4;

impl StemsWanted {
    /// For finding the stem keys `stems` (marked, as in a query's alternatives).
    pub fn for_keys<'a>(stems: impl IntoIterator<Item = &'a str>) -> Self {
        let mut openings = Vec::new();
        for stem in stems {
            let bare = stem.trim_start_matches(STEM_MARK);
            if bare.chars().count() < 2 {
                return StemsWanted::All;
            }
            let opening: String = bare.chars().take(2).collect();
            if !openings.contains(&opening) {
                openings.push(opening);
            }
        }
        StemsWanted::Opening(openings)
    }

    fn wants(&self, key: &str) -> bool {
        match self {
            StemsWanted::All => true,
            StemsWanted::Opening(openings) => {
                !openings.is_empty()
                    && (key.chars().nth(SHORT_WORD).is_none()
                        || openings.iter().any(|o| key.starts_with(o.as_str())))
            }
        }
    }
}

impl Analyzer {
    /// An analyzer for texts in `lang` (stems only where a stemmer exists).
    pub fn new(lang: &str) -> Self {
        let stemmer = stemmer_for(lang);
        Analyzer {
            ends_only: stemmer
                .as_ref()
                .is_none_or(|(code, _)| !matches!(*code, "ar" | "el")),
            stemmer: stemmer.map(|(_, s)| s),
            folded: String::new(),
            lowered: String::new(),
            key: String::new(),
            known: HashMap::new(),
            stems_known: HashMap::new(),
        }
    }

    /// An analyzer that does not stem.
    pub fn unstemmed() -> Self {
        Analyzer {
            stemmer: None,
            ends_only: true,
            folded: String::new(),
            lowered: String::new(),
            key: String::new(),
            known: HashMap::new(),
            stems_known: HashMap::new(),
        }
    }

    /// The tokens of `text`, appended to `out`.
    pub fn tokens(&mut self, text: &str, out: &mut Vec<Token>) {
        self.tokens_stemming(text, out, &StemsWanted::All);
    }

    /// [`Analyzer::tokens`], with the stems of only the words `stems` wants (the
    /// others' `stem` is `None`).
    pub fn tokens_stemming(&mut self, text: &str, out: &mut Vec<Token>, stems: &StemsWanted) {
        for (start, end, cjk) in words(text) {
            let word = &text[start..end];
            if cjk {
                cjk_pairs(word, start, out);
                continue;
            }
            let Analyzer {
                stemmer,
                ends_only,
                folded,
                lowered,
                key: key_buffer,
                known,
                ..
            } = &mut *self;
            let (key, stem) = match known.get_mut(word) {
                Some(entry) => entry,
                None => {
                    if known.len() >= CACHED_WORDS {
                        known.clear();
                    }
                    key_into(word, folded, key_buffer);
                    let key: Arc<str> = (**key_buffer).into();
                    known
                        .entry(word.to_string())
                        .or_insert((key, Stem::Unknown))
                }
            };
            if matches!(stem, Stem::Unknown) && (!*ends_only || stems.wants(key)) {
                *stem = match stem_key(stemmer.as_ref(), word, lowered, folded) {
                    Some(s) if s[STEM_MARK.len_utf8()..] != **key => Stem::Marked(s.into()),
                    _ => Stem::Same,
                };
            }
            if key.is_empty() {
                continue;
            }
            out.push(Token {
                start,
                end,
                key: Arc::clone(key),
                stem: match stem {
                    Stem::Marked(s) => Some(Arc::clone(s)),
                    Stem::Unknown | Stem::Same => None,
                },
            });
        }
    }

    /// Each word of `text` as [`Analyzer::tokens_stemming`] cuts it, given to
    /// `found(start, end, key, stem)` instead of kept: the key is in a buffer reused
    /// from word to word. Finding a query's hits keeps no word (allocating each word's
    /// key and looking it up was most of a snippet's cost); only stems are remembered.
    pub fn each_word(
        &mut self,
        text: &str,
        stems: &StemsWanted,
        mut found: impl FnMut(usize, usize, &str, Option<&str>),
    ) {
        let Analyzer {
            stemmer,
            ends_only,
            folded,
            lowered,
            key,
            stems_known,
            ..
        } = &mut *self;
        for (start, end, cjk) in words(text) {
            let word = &text[start..end];
            if cjk {
                each_cjk_pair(word, start, key, &mut |start, end, key| {
                    found(start, end, key, None);
                });
                continue;
            }
            key_into(word, folded, key);
            if key.is_empty() {
                continue;
            }
            let wanted = stemmer.is_some() && (!*ends_only || stems.wants(key));
            let stem = if !wanted {
                None
            } else if let Some(stem) = stems_known.get(word) {
                stem.as_deref()
            } else {
                if stems_known.len() >= CACHED_WORDS {
                    stems_known.clear();
                }
                let stem = stem_key(stemmer.as_ref(), word, lowered, folded)
                    .filter(|s| s[STEM_MARK.len_utf8()..] != **key)
                    .map(String::into_boxed_str);
                stems_known
                    .entry(word.to_string())
                    .or_insert(stem)
                    .as_deref()
            };
            found(start, end, key, stem);
        }
    }

    /// The key of one word as written.
    pub fn key(&mut self, word: &str) -> String {
        key_into(word, &mut self.folded, &mut self.key);
        self.key.clone()
    }

    /// The marked key of a word's stem, when this analyzer stems.
    pub fn stem(&mut self, word: &str) -> Option<String> {
        stem_key(
            self.stemmer.as_ref(),
            word,
            &mut self.lowered,
            &mut self.folded,
        )
    }
}

/// The marked key of `word`'s stem by `stemmer` (buffers reused).
fn stem_key(
    stemmer: Option<&Stemmer>,
    word: &str,
    lowered: &mut String,
    folded: &mut String,
) -> Option<String> {
    let stemmer = stemmer?;
    lowered.clear();
    lowered.extend(word.chars().flat_map(char::to_lowercase).map(yo_as_ye));
    let stem = stemmer.stem(lowered);
    fold_word(&stem, folded);
    let key = loose_key(folded);
    (!key.is_empty()).then(|| format!("{STEM_MARK}{key}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(lang: &str, text: &str) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        Analyzer::new(lang).tokens(text, &mut out);
        out.into_iter()
            .map(|t| (t.key.to_string(), t.stem.map(|s| s.to_string())))
            .collect()
    }

    fn key(word: &str) -> String {
        Analyzer::unstemmed().key(word)
    }

    #[test]
    fn scripts_and_spellings_meet() {
        assert_eq!(key("Берия"), key("Beria"));
        assert_eq!(key("Молотов"), key("Molotov"));
        assert_eq!(key("Хрущёв"), key("Khrushchev"));
        assert_eq!(key("Atatürk"), key("Ataturk"));
        assert_eq!(key("Ürümqi"), key("urumqi"));
        assert_eq!(key("Şubesi"), key("subesi"));
        assert_eq!(key("Choybalsan"), key("Choibalsan"));
        assert_ne!(key("Beria"), key("Boris"));
    }

    #[test]
    fn long_words_are_kept_and_offsets_are_bytes_of_the_original() {
        let text = "— Высокопревосходительство, сказал он";
        let mut out = Vec::new();
        Analyzer::new("ru").tokens(text, &mut out);
        assert_eq!(&text[out[0].start..out[0].end], "Высокопревосходительство");
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn stems_by_language_are_marked() {
        let en = keys("en", "freedoms");
        assert_eq!(en, vec![("fredoms".into(), Some("~fredom".into()))]);
        let ru = keys("ru", "свободы");
        assert_eq!(ru[0].1.as_deref(), Some("~svobod"));
        assert_eq!(keys("xx", "freedoms")[0].1, None);
    }

    /// A word is stemmed whenever its stem may be a stem wanted: its key opens as its
    /// stem key does (or it is short), in every language with a stemmer.
    #[test]
    fn a_word_passed_by_cannot_have_a_stem_wanted() {
        let words: &[(&str, &[&str])] = &[
            (
                "en",
                &[
                    "freedoms",
                    "happy",
                    "happiness",
                    "relational",
                    "generalizations",
                    "skies",
                    "flies",
                    "dying",
                    "agreed",
                    "feed",
                    "news",
                    "as",
                    "is",
                    "was",
                    "ponies",
                    "caresses",
                    "hopping",
                    "conditional",
                    "Khrushchev's",
                    "yearly",
                    "eyes",
                    "by",
                    "oxen",
                    "situation",
                    "situated",
                    "Yalta",
                    "Urumqi",
                ],
            ),
            (
                "ru",
                &[
                    "Хрущёва",
                    "ёлками",
                    "свободы",
                    "правительства",
                    "Урумчи",
                    "объявлений",
                    "ящиками",
                    "юго-востока",
                    "её",
                    "он",
                    "их",
                    "Молотову",
                    "Берией",
                ],
            ),
            (
                "tr",
                &[
                    "kitabı",
                    "ağacı",
                    "rengi",
                    "Selanik",
                    "Şubesi",
                    "Atatürk'ün",
                    "çocuklar",
                    "ılık",
                    "ödevleri",
                    "umudu",
                    "dergisinde",
                ],
            ),
            (
                "de",
                &[
                    "Häuser",
                    "Straße",
                    "Bücher",
                    "ärztlichen",
                    "Übersetzung",
                    "Ypern",
                ],
            ),
            (
                "fr",
                &["années", "étaient", "œuvres", "Yougoslavie", "ils", "épées"],
            ),
            ("es", &["naciones", "años", "ejércitos", "Yugoslavia", "él"]),
            ("el", &["Ελλάδας", "ανθρώπων", "ήταν"]),
            ("ar", &["والحكومة", "المعاهدة"]),
        ];
        for (lang, list) in words {
            let mut analyzer = Analyzer::new(lang);
            let ends_only = analyzer.ends_only;
            for word in list.iter().filter(|_| ends_only) {
                let key = analyzer.key(word);
                let Some(stem) = analyzer.stem(word) else {
                    continue;
                };
                assert!(
                    StemsWanted::for_keys([stem.as_str()]).wants(&key),
                    "{lang} {word}: key {key}, stem {stem}"
                );
            }
            // And the tokens say so: the stems wanted are there, as with every stem.
            let text = list.join(" ");
            let (mut all, mut wanted) = (Vec::new(), Vec::new());
            Analyzer::new(lang).tokens(&text, &mut all);
            for token in &all {
                let Some(stem) = &token.stem else { continue };
                wanted.clear();
                let stems = StemsWanted::for_keys([&**stem]);
                Analyzer::new(lang).tokens_stemming(&text, &mut wanted, &stems);
                let at = wanted.iter().find(|t| t.start == token.start);
                assert_eq!(
                    at.and_then(|t| t.stem.clone()),
                    Some(stem.clone()),
                    "{lang} {stem}"
                );
            }
        }
    }

    #[test]
    fn cjk_runs_become_pairs() {
        let got: Vec<String> = keys("zh", "在北京大学.")
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(got, vec!["在北", "北京", "京大", "大学"]);
        assert_eq!(keys("zh", "京")[0].0, "京");
    }
}
