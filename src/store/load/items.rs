//! Records and collections out of the files that hold them: `.json` (one record, or
//! an array), `.jsonl` (one record a line), and arrays inside a single-file store.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::de::DeserializeOwned;

use super::lenient::{Lenient, Parsed};
use super::scan::{self, Elements, Span, SyntaxError};
use super::{lazy, lines, skim};
use crate::store::Problem;
use crate::store::schema::{Collection, Record};
use crate::store::validate::Located;

/// Bigger single-file stores are parsed in chunks of this many records.
const CHUNK: usize = 2048;

/// What one file (or one chunk of one) yielded.
#[derive(Debug)]
pub(crate) struct Items<T> {
    pub items: Vec<Located<T>>,
    pub problems: Vec<Problem>,
    /// Ids of items that were dropped, when readable.
    pub dropped_ids: Vec<String>,
}

impl<T> Default for Items<T> {
    fn default() -> Self {
        Items {
            items: Vec::new(),
            problems: Vec::new(),
            dropped_ids: Vec::new(),
        }
    }
}

impl<T> Items<T> {
    fn push(&mut self, parsed: Parsed<T>, file: &Arc<str>, line: usize) {
        match parsed.value {
            // A kept item carries its problems into validation, which drops them
            // if it drops the item: each dropped item is reported once, for why.
            Some(item) => self.items.push(Located {
                item,
                file: Arc::clone(file),
                line,
                problems: parsed.problems,
            }),
            None => {
                self.problems.extend(parsed.problems);
                self.dropped_ids.extend(parsed.id);
            }
        }
    }

    pub fn extend(&mut self, other: Items<T>) {
        self.items.extend(other.items);
        self.problems.extend(other.problems);
        self.dropped_ids.extend(other.dropped_ids);
    }
}

/// Which kind of file a name under `records/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordFileKind {
    Json,
    JsonLines,
    /// Dot files (editor and OS litter): skipped without a word.
    Hidden,
    Other,
}

pub(crate) fn record_file_kind(name: &str) -> RecordFileKind {
    let base = name.rsplit('/').next().unwrap_or(name);
    if base.starts_with('.') {
        RecordFileKind::Hidden
    } else if base.ends_with(".jsonl") {
        RecordFileKind::JsonLines
    } else if base.ends_with(".json") {
        RecordFileKind::Json
    } else {
        RecordFileKind::Other
    }
}

fn record_how(file: &str) -> Lenient<'_> {
    Lenient {
        file,
        noun: "record",
        fallbacks: &[],
    }
}

/// The file on disk whose bytes are being read, when they come from one: its
/// records' bodies are left there (see [`lazy`]).
pub(crate) type Home<'a> = Option<&'a Arc<Path>>;

/// Parses the record at `span`, leaving its bodies at `home` when it has one
/// (`base`: where `bytes` start in that file).
fn parse_record(
    how: &Lenient<'_>,
    bytes: &[u8],
    span: Span,
    home: Home<'_>,
    base: usize,
) -> Parsed<Record> {
    let Some(home) = home else {
        return how.parse(bytes, span);
    };
    let mut skimmed = skim::skimming(|| how.parse(bytes, span));
    if !skimmed.problems.is_empty() {
        // Mended or dropped: parsed again in full, so what is kept has its real texts.
        return how.parse(bytes, span);
    }
    let in_file = Span {
        start: base + span.start,
        end: base + span.end,
        ..span
    };
    lazy::set_aside(&mut skimmed, home, in_file);
    skimmed
}

/// The records of one file under `records/`; `name` is relative to the store.
pub(crate) fn records_file(name: &str, bytes: &[u8], home: Home<'_>) -> Items<Record> {
    let file: Arc<str> = Arc::from(name);
    if record_file_kind(name) == RecordFileKind::JsonLines {
        return lines::json_lines(&file, bytes, home);
    }
    let whole = scan::whole(bytes);
    match scan::first_byte(bytes, whole) {
        None => {
            let mut items = Items::default();
            items
                .problems
                .push(Problem::warning(name, "empty file: no record in it"));
            items
        }
        // An array of records is accepted too, so a file exported that way loses nothing.
        Some(b'[') => array(&file, scan::array_elements(bytes, whole), &|span| {
            parse_record(&record_how(name), bytes, span, home, 0)
        }),
        Some(_) => {
            let mut items = Items::default();
            let span = scan::trim(bytes, whole);
            one_or_several(&mut items, &file, (bytes, 0), span, home, |n| {
                format!(
                    "{n} JSON objects in one .json file: each read as a record (a file of one record a line is named .jsonl)"
                )
            });
            items
        }
    }
}

/// Parses the record at `span`. Only if that fails, looks for several objects one
/// after another (JSON Lines in a `.json` file, a lost newline in a `.jsonl` file)
/// and reads each, with a warning, rather than dropping them all. `(bytes, base)`:
/// the bytes and where they start in their file.
pub(super) fn one_or_several(
    items: &mut Items<Record>,
    file: &Arc<str>,
    (bytes, base): (&[u8], usize),
    span: Span,
    home: Home<'_>,
    warning: impl Fn(usize) -> String,
) {
    let how = record_how(file);
    let parsed = parse_record(&how, bytes, span, home, base);
    if parsed.value.is_none() {
        let values = scan::values(bytes, span);
        if values.len() > 1 && values.iter().all(|v| bytes[v.start] == b'{') {
            items.problems.push(
                Problem::warning(&**file, warning(values.len()))
                    .at_line(values[1].line)
                    .at_column(values[1].column),
            );
            for value in values {
                items.push(
                    parse_record(&how, bytes, value, home, base),
                    file,
                    value.line,
                );
            }
            return;
        }
    }
    items.push(parsed, file, span.line);
}

/// The records of a single-file store's `records` array, already split.
pub(crate) fn records_array(
    file: &str,
    bytes: &[u8],
    elements: Elements,
    home: Home<'_>,
) -> Items<Record> {
    let how = record_how(file);
    array(&Arc::from(file), elements, &|span| {
        parse_record(&how, bytes, span, home, 0)
    })
}

/// The collections of `collections.json`, or of a single-file store's `collections`
/// (at `span`; `elements` is `None` when it is not an array).
pub(crate) fn collections(
    file: &str,
    bytes: &[u8],
    span: Span,
    elements: Option<Elements>,
) -> Items<Collection> {
    let how = Lenient {
        file,
        noun: "collection",
        fallbacks: &[],
    };
    let Some(elements) = elements else {
        let span = scan::trim(bytes, span);
        let mut items = Items::default();
        items.problems.push(
            Problem::error(
                file,
                "collections must be an array `[...]` of collections; no collections loaded",
            )
            .at_line(span.line),
        );
        return items;
    };
    array(&Arc::from(file), elements, &|span| how.parse(bytes, span))
}

/// Each element of an array, parsed on its own; big arrays on two threads.
fn array<T: DeserializeOwned + Send>(
    file: &Arc<str>,
    elements: Elements,
    parse: &(dyn Fn(Span) -> Parsed<T> + Sync),
) -> Items<T> {
    let Elements { spans, errors } = elements;
    let chunks: Vec<&[Span]> = spans.chunks(CHUNK).collect();
    let parsed = parallel_map(&chunks, |chunk| {
        let mut items = Items::default();
        for span in chunk.iter() {
            items.push(parse(*span), file, span.line);
        }
        items
    });
    let mut items = Items {
        problems: syntax_problems(file, errors),
        ..Items::default()
    };
    items
        .items
        .reserve(parsed.iter().map(|chunk| chunk.items.len()).sum());
    for chunk in parsed {
        items.extend(chunk);
    }
    items
}

pub(crate) fn syntax_problems(file: &str, errors: Vec<SyntaxError>) -> Vec<Problem> {
    errors
        .into_iter()
        .map(|e| {
            Problem::error(file, e.message)
                .at_line(e.line)
                .at_column(e.column)
        })
        .collect()
}

/// How many threads read and decode a store: one per core this process may run on
/// (`taskset` and cgroup limits count), so that a laptop's eight cores all work.
pub(crate) fn reading_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// `f` over `items` on [`reading_threads`] threads, results in the order of `items`.
pub(crate) fn parallel_map<I: Sync, O: Send>(items: &[I], f: impl Fn(&I) -> O + Sync) -> Vec<O> {
    let threads = reading_threads().min(items.len());
    if threads < 2 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else {
                return done;
            };
            done.push((index, f(item)));
        }
    };
    let mut results: Vec<(usize, O)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut mine = work();
        for helper in helpers {
            match helper.join() {
                Ok(theirs) => mine.extend(theirs),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        mine
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, out)| out).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_map_keeps_order() {
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(
            parallel_map(&items, |n| n * 2),
            (0..1000).map(|n| n * 2).collect::<Vec<_>>()
        );
    }

    #[test]
    fn jsonl_lines_are_numbered_and_blank_lines_skipped() {
        let text = "{\"id\": \"a\", \"title\": \"A\"}\n\n  \r\n{\"id\": \"b\", \"title\": \"B\"}\r\n{oops\n";
        let items = records_file("records/x.jsonl", text.as_bytes(), None);
        let got: Vec<(String, usize)> = items
            .items
            .iter()
            .map(|r| (r.item.id.clone(), r.line))
            .collect();
        assert_eq!(got, [("a".to_string(), 1), ("b".to_string(), 4)]);
        assert_eq!(items.problems.len(), 1);
        assert_eq!(items.problems[0].line, Some(5));
    }

    #[test]
    fn file_kinds() {
        assert_eq!(record_file_kind("records/a.json"), RecordFileKind::Json);
        assert_eq!(
            record_file_kind("records/a.jsonl"),
            RecordFileKind::JsonLines
        );
        assert_eq!(record_file_kind("records/.a.json"), RecordFileKind::Hidden);
        assert_eq!(record_file_kind("records/a.txt"), RecordFileKind::Other);
    }
}
