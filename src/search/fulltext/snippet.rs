//! One line of a text around its first hit, the hit in the middle, with where every
//! hit in the line is, counted in chars (for drawing) and in bytes (for `--json`).
//! Widths are in chars, never bytes: a Cyrillic line is as wide as a Latin one.

use std::ops::Range;

use serde::Serialize;

/// Shown where the line cuts the text.
const ELLIPSIS: char = '…';
/// How far a cut may move to fall between words.
const WORD_SLACK: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// One line: whitespace runs are single spaces.
    pub text: String,
    /// The hits in `text`, as char ranges.
    pub chars: Vec<Range<usize>>,
    /// The same hits as byte ranges of `text`.
    pub bytes: Vec<Range<usize>>,
    /// Which of the record's texts the line is from.
    #[serde(skip)]
    pub text_index: usize,
}

/// The line of about `width` chars of `body` around `hits[0]` (byte ranges of `body`,
/// in order); `None` without a hit.
pub fn around(body: &str, hits: &[Range<usize>], width: usize) -> Option<Snippet> {
    around_ending(body, hits, width).map(|(snippet, _)| snippet)
}

/// [`around`], and the byte offset in `body` where the line ends.
pub fn around_ending(body: &str, hits: &[Range<usize>], width: usize) -> Option<(Snippet, usize)> {
    let first = hits.first()?.clone();
    let width = width.max(10);
    let hit_chars = collapsed_len(body[first.clone()].chars(), usize::MAX);
    let room = width.saturating_sub(hit_chars + 2);
    let left_budget = room / 2;
    // Text missing on one side gives its room to the other.
    let left_have = collapsed_len(body[..first.start].chars().rev(), left_budget);
    let right_budget = room - left_have;
    let right_have = collapsed_len(body[first.end..].chars(), right_budget);
    let left_budget = (room - right_have).max(left_have);

    let mut start = back(body, first.start, left_budget);
    let mut end = forward(body, first.end, right_budget);
    if start > 0 {
        start = word_start_after(body, start, first.start);
    }
    if end < body.len() {
        end = word_end_before(body, end, first.end);
    }

    let mut text = String::with_capacity(end - start + 8);
    let mut chars = 0;
    // body byte offset → char index in `text`, at each char start of body[start..end].
    let mut positions: Vec<(usize, usize)> = Vec::new();
    if start > 0 {
        text.push(ELLIPSIS);
        chars += 1;
    }
    let mut in_space = false;
    for (at, c) in body[start..end].char_indices() {
        let at = start + at;
        positions.push((at, chars));
        if c.is_whitespace() || c.is_control() {
            if !in_space && chars > usize::from(start > 0) {
                text.push(' ');
                chars += 1;
            }
            in_space = true;
            continue;
        }
        in_space = false;
        text.push(c);
        chars += 1;
    }
    positions.push((end, chars));
    if text.ends_with(' ') {
        text.pop();
        chars -= 1;
    }
    if end < body.len() {
        text.push(ELLIPSIS);
    }
    let char_at = |byte: usize| -> usize {
        let i = positions.partition_point(|&(at, _)| at < byte);
        positions.get(i).map_or(chars, |&(_, c)| c.min(chars))
    };
    let mut char_ranges = Vec::new();
    for hit in hits {
        if hit.start < start || hit.end > end {
            continue;
        }
        let range = char_at(hit.start)..char_at(hit.end);
        if range.start < range.end {
            char_ranges.push(range);
        }
    }
    let byte_ranges = char_ranges
        .iter()
        .map(|r| byte_of(&text, r.start)..byte_of(&text, r.end))
        .collect();
    let snippet = Snippet {
        text,
        chars: char_ranges,
        bytes: byte_ranges,
        text_index: 0,
    };
    Some((snippet, end))
}

/// The first line of `body` (no hit to centre on: the texts matched elsewhere).
pub fn opening(body: &str, width: usize) -> Snippet {
    let end = forward(body, 0, width.max(10) - 1);
    let end = if end < body.len() {
        word_end_before(body, end, 0)
    } else {
        end
    };
    let mut text: String = body[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    if end < body.len() {
        text.push(ELLIPSIS);
    }
    Snippet {
        text,
        chars: Vec::new(),
        bytes: Vec::new(),
        text_index: 0,
    }
}

fn byte_of(text: &str, char_index: usize) -> usize {
    text.char_indices()
        .nth(char_index)
        .map_or(text.len(), |(at, _)| at)
}

/// Chars of `text` with whitespace runs counted once.
/// How many chars `chars` gives once each whitespace run is one space, counted no
/// further than `cap` (the same from either end: a long text's opening is not
/// counted to the end to learn it is longer than a line).
fn collapsed_len(chars: impl Iterator<Item = char>, cap: usize) -> usize {
    let mut n = 0;
    let mut in_space = false;
    for c in chars {
        if n >= cap {
            break;
        }
        let space = c.is_whitespace() || c.is_control();
        if !(space && in_space) {
            n += 1;
        }
        in_space = space;
    }
    n
}

/// The byte offset `budget` collapsed chars before `from`.
fn back(body: &str, from: usize, budget: usize) -> usize {
    let mut taken = 0;
    let mut at = from;
    let mut in_space = false;
    for (i, c) in body[..from].char_indices().rev() {
        let space = c.is_whitespace() || c.is_control();
        if !(space && in_space) {
            if taken == budget {
                break;
            }
            taken += 1;
        }
        in_space = space;
        at = i;
    }
    at
}

/// The byte offset `budget` collapsed chars after `from`.
fn forward(body: &str, from: usize, budget: usize) -> usize {
    let mut taken = 0;
    let mut in_space = false;
    for (i, c) in body[from..].char_indices() {
        let space = c.is_whitespace() || c.is_control();
        if !(space && in_space) {
            if taken == budget {
                return from + i;
            }
            taken += 1;
        }
        in_space = space;
    }
    body.len()
}

/// The start of the next word at or after `at` (not past `limit` nor `WORD_SLACK`
/// chars), so the line does not open mid-word.
fn word_start_after(body: &str, at: usize, limit: usize) -> usize {
    let mut previous_space = body[..at]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    for (n, (i, c)) in body[at..limit].char_indices().enumerate() {
        if n > WORD_SLACK {
            break;
        }
        if previous_space && !c.is_whitespace() {
            return at + i;
        }
        previous_space = c.is_whitespace();
    }
    at
}

/// The end of the last whole word before `at` (not before `limit`).
fn word_end_before(body: &str, at: usize, limit: usize) -> usize {
    if body[at..].chars().next().is_none_or(char::is_whitespace) {
        return at;
    }
    for (n, (i, c)) in body[limit..at].char_indices().rev().enumerate() {
        if n > WORD_SLACK {
            break;
        }
        if c.is_whitespace() {
            return limit + i;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fulltext::{Names, TextQuery};

    #[test]
    fn a_line_deep_in_a_long_text_is_the_one_the_whole_text_gives() {
        let filler = "The committee met and the minutes were read aloud once more. ";
        let mut body = filler.repeat(400);
        body.push_str("Then the khan of Altay wrote to the consulate about the grain. ");
        body.push_str(&filler.repeat(3));
        body.push_str("The grain came late. ");
        body.push_str(&filler.repeat(400));
        let langs = ["en".to_string()];
        for (text, width) in [
            ("grain", 60),
            ("\"khan of altay\"", 100),
            ("consulate | grain", 400),
            ("nowhere", 60),
        ] {
            let query = TextQuery::parse(text, &Names::default(), &langs).expect("a query");
            let whole = query.hits_in(&body, "en");
            assert_eq!(
                crate::search::fulltext::line_around_first_hit(&query, &body, "en", width),
                around(&body, &whole, width),
                "{text}"
            );
        }
    }

    #[test]
    fn the_hit_is_in_the_middle_and_ranges_count_chars() {
        let body = "Сообщаю, что в районе Алтая действует отряд Оспан Батыра, который \
                    называет себя ханом Алтая и собирает вокруг себя людей.";
        let at = body.find("ханом").expect("in the text");
        let hit = at..at + "ханом".len();
        let hits = vec![hit];
        let snippet = around(body, &hits, 40).expect("a hit");
        let line: Vec<char> = snippet.text.chars().collect();
        let range = snippet.chars[0].clone();
        let shown: String = line[range.clone()].iter().collect();
        assert_eq!(shown, "ханом");
        assert_eq!(&snippet.text[snippet.bytes[0].clone()], "ханом");
        assert!(line.len() <= 42, "{}: {} chars", snippet.text, line.len());
        let middle = line.len() / 2;
        assert!(range.start.abs_diff(middle) < 12, "{}", snippet.text);
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
    }

    #[test]
    fn whitespace_becomes_single_spaces() {
        let body = "one\n\ntwo   three\tfour";
        let at = body.find("three").expect("in");
        let hits = [Range {
            start: at,
            end: at + 5,
        }];
        let snippet = around(body, &hits, 80).expect("a hit");
        assert_eq!(snippet.text, "one two three four");
        assert_eq!(snippet.chars, vec![8..13]);
    }
}
