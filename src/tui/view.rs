//! What the document's panes and the help overlay say, without how it looks: lines
//! of spans that carry a [`Role`] and no colour. `App::update` computes them once per
//! record and width (and counts them to bound scrolling); `crate::ui` maps each role
//! to the theme and draws only the lines in sight.

pub mod desk;
pub mod help;
pub mod provenance;
pub mod summary;

use std::borrow::Cow;
use std::ops::Range;

use super::wrap::wrap;
use crate::text::{sanitize, sanitize_line};

/// What a span of text is, which decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Running text: a summary, a full text, a field's value.
    Body,
    /// The name of a section ("Document", "Anywhere").
    Heading,
    /// A field's name before its value ("Citation: "), a key in the help.
    Label,
    /// Said for want of content ("No summary").
    Dim,
    /// What a search found.
    Hit,
    /// Something went wrong.
    Error,
    /// Lines the reader selected (`v`) to quote.
    Selected,
}

/// A run of text in one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span<'a> {
    pub text: Cow<'a, str>,
    pub role: Role,
}

impl<'a> Span<'a> {
    pub fn new(text: impl Into<Cow<'a, str>>, role: Role) -> Self {
        Span {
            text: text.into(),
            role,
        }
    }
}

/// One line as the pane shows it: already wrapped to the pane's width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line<'a> {
    pub spans: Vec<Span<'a>>,
}

impl<'a> Line<'a> {
    pub fn blank() -> Self {
        Line { spans: Vec::new() }
    }

    pub fn one(text: impl Into<Cow<'a, str>>, role: Role) -> Self {
        Line {
            spans: vec![Span::new(text, role)],
        }
    }

    /// The line's text, without roles (tests, plain output).
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_ref()).collect()
    }
}

/// Store text wrapped to `width`, paragraphs kept, as lines in one role.
pub fn text_lines(text: &str, width: usize, role: Role) -> Vec<Line<'static>> {
    let clean = sanitize(text);
    wrap(&clean, width)
        .into_iter()
        .map(|range| Line::one(clean[range].to_string(), role))
        .collect()
}

/// `Label: value`, wrapped to `width`, the label in its role and the value as body.
pub fn field_lines(label: &str, value: &str, width: usize) -> Vec<Line<'static>> {
    let prefix = format!("{label}: ");
    let whole = format!("{prefix}{}", sanitize_line(value));
    prefixed_lines(&whole, &prefix, &wrap(&whole, width))
}

/// The lines of `whole` cut at `ranges` (its wrap), the `prefix` it starts with in
/// the label's role and the rest as body.
fn prefixed_lines(whole: &str, prefix: &str, ranges: &[Range<usize>]) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (i, range) in ranges.iter().enumerate() {
        let text = &whole[range.clone()];
        if i == 0 && range.start == 0 && text.len() >= prefix.len() {
            lines.push(Line {
                spans: vec![
                    Span::new(prefix.to_string(), Role::Label),
                    Span::new(text[prefix.len()..].to_string(), Role::Body),
                ],
            });
        } else {
            lines.push(Line::one(text.to_string(), Role::Body));
        }
    }
    lines
}

/// One pane's lines for one record at one width.
#[derive(Debug, Clone)]
struct Entry {
    record: usize,
    width: usize,
    lines: Vec<Line<'static>>,
    /// What a cursor can step to on those lines (the summary's names and links).
    stops: Vec<summary::Stop>,
}

/// The last few records' lines for a pane, kept beside the full text's wrap cache:
/// a reader goes back and forth between a few records, and a change of layout
/// between two widths.
#[derive(Debug, Clone, Default)]
pub struct LineCache {
    entries: Vec<Entry>,
}

const CACHE_ENTRIES: usize = 4;

impl LineCache {
    pub fn get(&self, record: usize, width: usize) -> Option<&[Line<'static>]> {
        self.entries
            .iter()
            .find(|e| e.record == record && e.width == width)
            .map(|e| e.lines.as_slice())
    }

    /// The stops laid out with the lines of a record at a width.
    pub fn stops(&self, record: usize, width: usize) -> &[summary::Stop] {
        self.entries
            .iter()
            .find(|e| e.record == record && e.width == width)
            .map_or(&[], |e| e.stops.as_slice())
    }

    /// Computes the lines unless this record is already laid out at this width;
    /// returns how many there are.
    pub fn ensure(
        &mut self,
        record: usize,
        width: usize,
        lines: impl FnOnce() -> Vec<Line<'static>>,
    ) -> usize {
        self.ensure_with_stops(record, width, || (lines(), Vec::new()))
    }

    /// [`LineCache::ensure`] for lines that come with stops.
    pub fn ensure_with_stops(
        &mut self,
        record: usize,
        width: usize,
        lines: impl FnOnce() -> (Vec<Line<'static>>, Vec<summary::Stop>),
    ) -> usize {
        if let Some(at) = self
            .entries
            .iter()
            .position(|e| e.record == record && e.width == width)
        {
            let hit = self.entries.remove(at);
            let count = hit.lines.len();
            self.entries.push(hit);
            return count;
        }
        if self.entries.len() >= CACHE_ENTRIES {
            self.entries.remove(0);
        }
        let (lines, stops) = lines();
        let count = lines.len();
        self.entries.push(Entry {
            record,
            width,
            lines,
            stops,
        });
        count
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Whether a record is laid out at a width.
    pub fn has(&self, record: usize, width: usize) -> bool {
        self.get(record, width).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_keeps_its_label_in_its_role_and_wraps_the_value() {
        let lines = field_lines("Citation", "GARF, f. 9401s, op. 2, d. 10004", 20);
        assert_eq!(lines[0].spans[0], Span::new("Citation: ", Role::Label));
        let text: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(
            text,
            vec!["Citation: GARF, f.", "9401s, op. 2, d.", "10004"]
        );
        assert!(lines[1..].iter().all(|l| l.spans[0].role == Role::Body));
    }

    #[test]
    fn store_text_is_sanitised_before_it_is_laid_out() {
        let lines = text_lines("a\u{1b}]0;x\u{7}b", 40, Role::Body);
        assert!(!lines[0].text().contains('\u{1b}'));
    }

    #[test]
    fn the_cache_lays_out_once_per_record_and_width() {
        let mut cache = LineCache::default();
        let mut calls = 0;
        for _ in 0..3 {
            cache.ensure(7, 30, || {
                calls += 1;
                vec![Line::one("x", Role::Body)]
            });
        }
        assert_eq!(calls, 1);
        assert_eq!(cache.get(7, 30).map(<[_]>::len), Some(1));
        assert!(cache.get(7, 31).is_none());
    }
}
