//! Word-wrapping a full text once per record and width, so that a document of
//! several megabytes scrolls by slicing a list of line ranges instead of handing
//! the whole text to the terminal library on every frame.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// A full text wrapped to one width: the sanitised text and its lines as byte ranges.
#[derive(Debug, Clone)]
pub struct Wrapped {
    pub record: usize,
    pub width: usize,
    pub text: String,
    pub lines: Vec<Range<usize>>,
}

impl Wrapped {
    pub fn new(record: usize, width: usize, text: String) -> Self {
        let lines = wrap(&text, width);
        Wrapped {
            record,
            width,
            text,
            lines,
        }
    }

    pub fn line(&self, index: usize) -> &str {
        self.lines
            .get(index)
            .and_then(|r| self.text.get(r.clone()))
            .unwrap_or("")
    }

    /// The line holding a byte offset of the text: scroll positions are kept as
    /// offsets so that they survive a change of width.
    pub fn line_of_offset(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|r| r.start <= offset)
            .saturating_sub(1)
    }

    pub fn offset_of_line(&self, line: usize) -> usize {
        self.lines.get(line).map_or(0, |r| r.start)
    }
}

/// Keeps the last few wrapped texts: switching layouts (a narrow terminal opening
/// the document full width) goes back and forth between two widths.
#[derive(Debug, Clone, Default)]
pub struct WrapCache {
    entries: Vec<Wrapped>,
}

const CACHE_ENTRIES: usize = 4;

impl WrapCache {
    pub fn get(&self, record: usize, width: usize) -> Option<&Wrapped> {
        self.entries
            .iter()
            .find(|w| w.record == record && w.width == width)
    }

    /// Wraps `text` unless this record is already wrapped at this width.
    pub fn ensure(&mut self, record: usize, width: usize, text: impl FnOnce() -> String) {
        if let Some(at) = self
            .entries
            .iter()
            .position(|w| w.record == record && w.width == width)
        {
            let hit = self.entries.remove(at);
            self.entries.push(hit);
            return;
        }
        // Reuse the sanitised text of another width of the same record.
        let text = match self.entries.iter().find(|w| w.record == record) {
            Some(other) => other.text.clone(),
            None => text(),
        };
        if self.entries.len() >= CACHE_ENTRIES {
            self.entries.remove(0);
        }
        self.entries.push(Wrapped::new(record, width, text));
    }
}

/// Wraps text at word boundaries to `width` columns. Newlines are kept as line
/// breaks, runs of blank lines become one blank line, and a word longer than the
/// width is cut.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut start_of_line = 0;
    for hard in text.split('\n') {
        let range = start_of_line..start_of_line + hard.len();
        start_of_line = range.end + 1;
        if hard.trim().is_empty() {
            if lines
                .last()
                .is_some_and(|r: &Range<usize>| !text[r.clone()].trim().is_empty())
            {
                lines.push(range.start..range.start);
            }
            continue;
        }
        wrap_line(text, range, width, &mut lines);
    }
    // A trailing blank line is only noise at the end of the document.
    if lines.last().is_some_and(|r| r.is_empty()) {
        lines.pop();
    }
    lines
}

fn wrap_line(text: &str, range: Range<usize>, width: usize, lines: &mut Vec<Range<usize>>) {
    let mut start = range.start;
    let mut used = 0;
    // The last space on the current line: its byte offset and the width before it.
    let mut space: Option<(usize, usize)> = None;
    for (offset, c) in text[range.clone()].char_indices() {
        let at = range.start + offset;
        let w = c.width().unwrap_or(0);
        // A space that does not fit ends the line by itself.
        if c == ' ' && used + w > width {
            lines.push(start..at);
            start = at + 1;
            used = 0;
            space = None;
            continue;
        }
        if used + w > width && at > start {
            match space {
                Some((space_at, before)) if space_at > start => {
                    lines.push(start..space_at);
                    start = space_at + 1;
                    used -= before + 1;
                }
                _ => {
                    lines.push(start..at);
                    start = at;
                    used = 0;
                }
            }
            space = None;
            if used + w > width && at > start {
                lines.push(start..at);
                start = at;
                used = 0;
            }
        }
        if c == ' ' {
            space = Some((at, used));
        }
        used += w;
    }
    lines.push(start..range.end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_paragraphs() {
        let text = "Top Secret\n\n\n\nto Cde. V. M. MOLOTOV in September of this year";
        assert_eq!(
            wrapped(text, 12),
            vec![
                "Top Secret",
                "",
                "to Cde. V.",
                "M. MOLOTOV",
                "in September",
                "of this year"
            ]
        );
    }

    #[test]
    fn cuts_words_longer_than_the_width() {
        assert_eq!(
            wrapped("abcdefghij kl", 4),
            vec!["abcd", "efgh", "ij", "kl"]
        );
    }

    #[test]
    fn counts_wide_characters_as_two_columns() {
        assert_eq!(wrapped("新疆省政府", 4), vec!["新疆", "省政", "府"]);
    }

    #[test]
    fn offsets_map_back_to_lines_after_rewrapping() {
        let text = "one two three four five six seven eight nine ten".to_string();
        let narrow = Wrapped::new(0, text.clone().len() / 4, text.clone());
        let offset = narrow.offset_of_line(2);
        let wide = Wrapped::new(0, 30, text);
        let line = wide.line_of_offset(offset);
        assert!(wide.lines[line].contains(&offset));
    }

    #[test]
    fn lines_fit_and_keep_every_word_in_order() {
        use unicode_width::UnicodeWidthStr;
        let text = "Ospan Batyr declares that during his meeting with Choybalsan [Choibalsan] \
                    in 1944 the latter promised  to turn Altay into an independent state.\n\n\
                    Новый абзац: Шэн Шицай, 新疆, and a verylongwordthatmustbecut here.";
        let words: Vec<&str> = text.split_whitespace().collect();
        for width in 1..60 {
            let lines = wrapped(text, width);
            for line in &lines {
                assert!(line.width() <= width.max(2), "{line:?} wider than {width}");
            }
            let joined = lines.join(" ");
            let rejoined: String = joined.split_whitespace().collect();
            assert_eq!(rejoined, words.concat(), "width {width}");
        }
    }
}
