//! Parallel texts: a record with an original and a translation shows them side by
//! side in the full-text pane, paragraph beside paragraph, scrolling together (`p`
//! turns it on and off). Below the medium width there is room for one column: the
//! pane shows one text at a time and `P` switches to the other at the same place.
//!
//! Paragraphs are paired by order. When the two texts have as many, each pair
//! takes the rows of its longer side, so that paired paragraphs start on the same
//! row. When the counts differ, pairing would mislead: the pane says so and each
//! side scrolls in proportion to its length.

use super::app::{App, text_width};
use super::layout::inner;
use crate::store::schema::{Record, Text, TextRole};
use crate::text::sanitize;
use crate::tui::wrap::wrap;

/// Which text a single column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    #[default]
    Original,
    Translation,
}

/// The two texts laid out for a width: rows of each side, as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub record: usize,
    pub width: usize,
    /// One column at a time (narrow).
    pub single: bool,
    pub original: Vec<String>,
    pub translation: Vec<String>,
    /// Paragraph counts (original, translation).
    pub paragraphs: (usize, usize),
    /// Row where each paragraph starts, per side.
    starts: (Vec<usize>, Vec<usize>),
}

impl Layout {
    pub fn paired(&self) -> bool {
        self.paragraphs.0 == self.paragraphs.1
    }

    /// The rows the shared scroll runs over for `side` (one column: its own).
    pub fn rows_for(&self, side: Side) -> usize {
        if self.single {
            self.side(side).len()
        } else {
            self.rows()
        }
    }

    /// The rows of the longer side: what the shared scroll runs over.
    pub fn rows(&self) -> usize {
        self.original.len().max(self.translation.len())
    }

    fn side(&self, side: Side) -> &[String] {
        match side {
            Side::Original => &self.original,
            Side::Translation => &self.translation,
        }
    }

    /// The rows of `side` in sight when the shared scroll is at `top`.
    pub fn visible(&self, side: Side, top: usize, height: usize) -> &[String] {
        let rows = self.side(side);
        let from = self.top_of(side, top).min(rows.len());
        &rows[from..(from + height).min(rows.len())]
    }

    /// Where `side` starts when the shared scroll is at `top`: the same row when
    /// paired (both are padded alike), in proportion when not.
    pub fn top_of(&self, side: Side, top: usize) -> usize {
        let len = self.side(side).len();
        if self.paired() || self.single || self.rows() == 0 {
            return top;
        }
        top * len / self.rows()
    }

    /// The paragraph at a row of the shared scroll (for switching sides).
    fn paragraph_at(&self, side: Side, row: usize) -> usize {
        let starts = match side {
            Side::Original => &self.starts.0,
            Side::Translation => &self.starts.1,
        };
        starts.iter().rposition(|&s| s <= row).unwrap_or(0)
    }
}

/// What `App` keeps of parallel reading.
#[derive(Debug, Default)]
pub struct ParallelState {
    pub(crate) on: bool,
    pub(crate) side: Side,
    /// The shared scroll, in rows of the layout.
    pub(crate) top: usize,
    pub(crate) layout: Option<Layout>,
    /// Both texts of a record whose bodies the store left on disk, once read back.
    pub(crate) read: Option<(usize, Result<Vec<Text>, String>)>,
    /// What the provenance pane was last laid out saying of the texts shown.
    pub(crate) told: Option<Told>,
    /// A place to come back to from the jump list: (record, side, paragraph),
    /// taken up once that record is laid out.
    pub(crate) restore: Option<(usize, Side, usize)>,
}

/// Which texts the full-text pane shows in parallel: the side in front, and
/// whether one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Told {
    pub record: usize,
    pub side: Side,
    pub single: bool,
}

/// "Russian original (ru)", "English translation (en) by A. Translator".
fn described(text: &Text) -> String {
    let mut said = format!(
        "{} {} ({})",
        crate::present::language_name(&text.lang),
        text.role.as_str(),
        text.lang
    );
    if !text.translators.is_empty() {
        said.push_str(&format!(" by {}", text.translators.join(", ")));
    }
    crate::text::sanitize_line(&said).into_owned()
}

/// What the provenance pane says of the texts shown in parallel, in place of the
/// one text it names otherwise: which, their languages and translators.
pub fn told_fields(record: &Record, told: Told) -> Vec<(&'static str, String)> {
    use crate::strings::across as words;
    let Some((original, translation)) = texts_of(record) else {
        return Vec::new();
    };
    if told.single {
        let (shown, other) = match told.side {
            Side::Original => (original, translation),
            Side::Translation => (translation, original),
        };
        vec![
            (words::NOW, described(shown)),
            (words::WITH_P, described(other)),
        ]
    } else {
        vec![
            (words::LEFT, described(original)),
            (words::RIGHT, described(translation)),
        ]
    }
}

/// Both texts of a record to read back from disk (a lazily opened store), for the
/// across thread; the answer is a [`Message::ParallelRead`](super::Message::ParallelRead).
#[derive(Debug, Clone)]
pub struct ParallelRequest {
    pub record: usize,
    source: Record,
}

impl ParallelRequest {
    /// Reads the texts: I/O, for a worker thread (or a test, at once).
    pub fn read(&self) -> super::Message {
        super::Message::ParallelRead {
            record: self.record,
            texts: self
                .source
                .full_texts()
                .map(std::borrow::Cow::into_owned)
                .map_err(|e| e.to_string()),
        }
    }
}

/// The record's original and translation, when it has both (their bodies may be
/// on disk still).
pub fn texts_of(record: &Record) -> Option<(&Text, &Text)> {
    pair_of(&record.texts)
}

fn pair_of(texts: &[Text]) -> Option<(&Text, &Text)> {
    let original = texts.iter().find(|t| t.role == TextRole::Original)?;
    let translation = texts.iter().find(|t| t.role == TextRole::Translation)?;
    Some((original, translation))
}

fn paragraphs(text: &Text) -> Vec<String> {
    text.paragraphs()
        .map(|p| sanitize(p).into_owned())
        .collect()
}

fn wrapped(paragraph: &str, width: usize) -> Vec<String> {
    let mut rows: Vec<String> = wrap(paragraph, width)
        .into_iter()
        .map(|r| paragraph[r].to_string())
        .collect();
    if rows.is_empty() {
        rows.push(String::new());
    }
    rows
}

/// Lays the two texts out, `width` columns each (`single`: one shown at a time, so
/// paired paragraphs need no padding to share a row).
pub fn layout(
    record: usize,
    original: &Text,
    translation: &Text,
    width: usize,
    single: bool,
) -> Layout {
    let (a, b) = (paragraphs(original), paragraphs(translation));
    let paired = a.len() == b.len() && !single;
    let mut left = Vec::new();
    let mut right = Vec::new();
    let mut starts = (Vec::new(), Vec::new());
    if paired {
        for (pa, pb) in a.iter().zip(&b) {
            let (mut wa, mut wb) = (wrapped(pa, width), wrapped(pb, width));
            let rows = wa.len().max(wb.len());
            wa.resize(rows, String::new());
            wb.resize(rows, String::new());
            starts.0.push(left.len());
            starts.1.push(right.len());
            left.extend(wa);
            right.extend(wb);
            left.push(String::new());
            right.push(String::new());
        }
    } else {
        for (paras, rows, starts) in [
            (&a, &mut left, &mut starts.0),
            (&b, &mut right, &mut starts.1),
        ] {
            for p in paras {
                starts.push(rows.len());
                rows.extend(wrapped(p, width));
                rows.push(String::new());
            }
        }
    }
    Layout {
        record,
        width,
        single,
        original: left,
        translation: right,
        paragraphs: (a.len(), b.len()),
        starts,
    }
}

impl App {
    /// Which texts are shown in parallel, for the provenance pane.
    pub(crate) fn parallel_told(&self) -> Option<Told> {
        let p = &self.across.parallel;
        let record = self.shown_record.filter(|_| p.on)?;
        texts_of(self.library.store.records.get(record)?)?;
        Some(Told {
            record,
            side: p.side,
            single: self.mode() == super::layout::Mode::Narrow,
        })
    }

    /// Where the parallel reading is, for the jump list: side and paragraph.
    pub(crate) fn parallel_place(&self) -> Option<(Side, usize)> {
        let (layout, side, top) = self.parallel()?;
        Some((side, layout.paragraph_at(side, top)))
    }

    /// The parallel layout the full-text pane shows, when parallel reading is on and
    /// the shown record has both texts.
    pub fn parallel(&self) -> Option<(&Layout, Side, usize)> {
        let p = &self.across.parallel;
        let layout = p.layout.as_ref().filter(|_| p.on)?;
        (Some(layout.record) == self.shown_record).then_some((layout, p.side, p.top))
    }

    /// The record whose two texts are on disk and wanted for parallel reading.
    pub fn parallel_wanted(&self) -> Option<usize> {
        let p = &self.across.parallel;
        let record = self.shown_record.filter(|_| p.on)?;
        let (a, b) = texts_of(self.library.store.records.get(record)?)?;
        let in_memory = !a.body.is_empty() && !b.body.is_empty();
        let read = p.read.as_ref().is_some_and(|(r, _)| *r == record);
        (!in_memory && !read).then_some(record)
    }

    pub fn parallel_request(&self) -> Option<ParallelRequest> {
        let record = self.parallel_wanted()?;
        Some(ParallelRequest {
            record,
            source: self.library.store.records.get(record)?.clone(),
        })
    }

    pub(crate) fn parallel_read(&mut self, record: usize, texts: Result<Vec<Text>, String>) {
        self.across.parallel.read = Some((record, texts));
        // Laid out anew with the bodies.
        self.across.parallel.layout = None;
    }

    pub(crate) fn toggle_parallel(&mut self) {
        self.across.parallel.on = !self.across.parallel.on;
        self.across.parallel.top = 0;
    }

    /// `P` in one column: the other text, at the same paragraph.
    pub(crate) fn switch_parallel_side(&mut self) {
        let p = &mut self.across.parallel;
        let Some(layout) = p.layout.as_ref().filter(|_| p.on) else {
            return;
        };
        let other = match p.side {
            Side::Original => Side::Translation,
            Side::Translation => Side::Original,
        };
        if layout.paired() {
            let at = layout.paragraph_at(p.side, p.top);
            let start = match other {
                Side::Original => layout.starts.0.get(at),
                Side::Translation => layout.starts.1.get(at),
            };
            p.top = start.copied().unwrap_or(p.top);
        } else if layout.single {
            // Unpaired: the same fraction of the other text.
            let (from, to) = (layout.side(p.side).len(), layout.side(other).len());
            p.top = p.top * to / from.max(1);
        }
        p.side = other;
    }

    /// Scrolls the parallel texts by `step`; false when they are not shown.
    pub(crate) fn scroll_parallel(&mut self, to: impl Fn(usize, usize) -> usize) -> bool {
        let Some(rows) = self.parallel().map(|(l, side, _)| l.rows_for(side)) else {
            return false;
        };
        self.across.parallel.top = to(self.across.parallel.top, rows);
        true
    }

    /// Lays out the shown record's two texts for the pane, once per record and width.
    pub(crate) fn settle_parallel(&mut self) {
        if !self.across.parallel.on {
            return;
        }
        let (Some(record), Some(rect)) = (self.shown_record, self.panes().full_text) else {
            return;
        };
        let single = self.mode() == super::layout::Mode::Narrow;
        let full = text_width(rect);
        // Two columns with a rule between them.
        let width = if single {
            full
        } else {
            (full.saturating_sub(3) / 2).max(10)
        };
        let current = self.across.parallel.layout.as_ref();
        if current.is_some_and(|l| l.record == record && l.width == width && l.single == single) {
        } else {
            if current.is_some_and(|l| l.record != record) {
                self.across.parallel.top = 0;
            }
            // Back from the jump list: the paragraph it was at, once laid out.
            let restore = self
                .across
                .parallel
                .restore
                .filter(|(r, _, _)| *r == record);
            let read = match &self.across.parallel.read {
                Some((r, Ok(texts))) if *r == record => Some(texts.as_slice()),
                _ => None,
            };
            let in_memory = self
                .library
                .store
                .records
                .get(record)
                .and_then(texts_of)
                .filter(|(a, b)| !a.body.is_empty() && !b.body.is_empty());
            let from_disk = read.and_then(pair_of);
            self.across.parallel.layout = in_memory
                .or(from_disk)
                .map(|(a, b)| layout(record, a, b, width, single));
            if let (Some((_, side, paragraph)), Some(laid)) =
                (restore, &self.across.parallel.layout)
            {
                let starts = match side {
                    Side::Original => &laid.starts.0,
                    Side::Translation => &laid.starts.1,
                };
                self.across.parallel.side = side;
                self.across.parallel.top = starts.get(paragraph).copied().unwrap_or(0);
                self.across.parallel.restore = None;
            }
        }
        let height = usize::from(inner(rect).height).saturating_sub(1);
        if let Some(layout) = &self.across.parallel.layout {
            let last = layout
                .rows_for(self.across.parallel.side)
                .saturating_sub(height);
            self.across.parallel.top = self.across.parallel.top.min(last);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(role: TextRole, body: &str) -> Text {
        Text {
            lang: "en".into(),
            role,
            translators: vec![],
            body: body.into(),
        }
    }

    #[test]
    fn paired_paragraphs_start_on_the_same_row() {
        let a = text(TextRole::Original, "one two three four five six\n\nseven");
        let b = text(
            TextRole::Translation,
            "un\n\ndeux trois quatre cinq six sept",
        );
        let l = layout(0, &a, &b, 10, false);
        assert!(l.paired());
        assert_eq!(l.original.len(), l.translation.len());
        assert_eq!(l.starts.0, l.starts.1);
        assert_eq!(l.translation[l.starts.1[1]], "deux trois");
        assert_eq!(l.original[l.starts.0[1]], "seven");
    }

    #[test]
    fn differing_counts_scroll_in_proportion() {
        let a = text(TextRole::Original, "a\n\nb\n\nc\n\nd");
        let b = text(TextRole::Translation, "a b");
        let l = layout(0, &a, &b, 10, false);
        assert!(!l.paired());
        assert_eq!(l.rows(), 8);
        assert_eq!(l.top_of(Side::Original, 4), 4);
        assert_eq!(l.top_of(Side::Translation, 4), 1);
    }
}
