//! `.jsonl` record files, one record a line: read whole from memory, or from disk a
//! block at a time, so that a big shard is never in memory whole while it is parsed.
//! Either way every line is parsed alike, with its line number and its place in the
//! file, so both give the same records and problems.

use std::io::{self, Read};
use std::sync::Arc;

use super::items::{Home, Items, one_or_several};
use super::scan::{self, Span};
use crate::store::schema::Record;

/// Bytes read from disk at a time (a longer line is read whole all the same).
const BLOCK: usize = 4 << 20;

/// Lines of a `.jsonl` file: some of its bytes, and where they lie in it.
struct Block<'b> {
    bytes: &'b [u8],
    /// Where the first line starts in `bytes`.
    from: usize,
    /// Where `bytes` start in the file.
    base: usize,
    /// Whether `bytes` run to the end of the file; if not, they end with a newline.
    ends_file: bool,
}

/// The records of a `.jsonl` file held whole in memory.
pub(super) fn json_lines(file: &Arc<str>, bytes: &[u8], home: Home<'_>) -> Items<Record> {
    let mut items = Items::default();
    let block = Block {
        bytes,
        from: scan::whole(bytes).start,
        base: 0,
        ends_file: true,
    };
    lines(&mut items, file, &block, &mut 0, home);
    items
}

/// The records of a `.jsonl` file read from `source` a block at a time, cut after a
/// newline. `name` is the file relative to the store.
pub(super) fn read_json_lines(
    name: &str,
    mut source: impl Read,
    home: Home<'_>,
) -> io::Result<Items<Record>> {
    let file: Arc<str> = Arc::from(name);
    let mut items = Items::default();
    // What is left of the last block: the start of a line, without a newline.
    let mut buffer: Vec<u8> = Vec::with_capacity(2 * BLOCK);
    let mut base = 0;
    let mut line = 0;
    loop {
        let before = buffer.len();
        let read = (&mut source).take(BLOCK as u64).read_to_end(&mut buffer)?;
        // Only the end of the file stops a read short of the block.
        let ended = read < BLOCK;
        let cut = match buffer[before..].iter().rposition(|&b| b == b'\n') {
            _ if ended => buffer.len(),
            Some(at) => before + at + 1,
            // A line longer than a block: read on.
            None => continue,
        };
        let block = Block {
            bytes: &buffer[..cut],
            from: if base == 0 {
                scan::whole(&buffer).start
            } else {
                0
            },
            base,
            ends_file: ended,
        };
        lines(&mut items, &file, &block, &mut line, home);
        if ended {
            return Ok(items);
        }
        buffer.drain(..cut);
        base += cut;
    }
}

/// Reads the lines of `block` into `items`; `line` counts the file's lines before it.
fn lines(
    items: &mut Items<Record>,
    file: &Arc<str>,
    block: &Block<'_>,
    line: &mut usize,
    home: Home<'_>,
) {
    let bytes = block.bytes;
    let mut start = block.from;
    while start <= bytes.len() {
        let rest = &bytes[start..];
        let newline = scan::find_byte(rest, b'\n');
        // What follows the last newline of a block that does not end the file is
        // the start of the next block's first line (here, nothing).
        if newline.is_none() && !block.ends_file {
            break;
        }
        let len = newline.unwrap_or(rest.len());
        let text = &rest[..len];
        let span = Span {
            start,
            end: start + len,
            line: *line + 1,
            column: 1,
        };
        *line += 1;
        start = span.end + 1;
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        one_or_several(items, file, (bytes, block.base), span, home, |n| {
            format!("{n} JSON objects on one line: each read as a record")
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader handing out a few bytes at a time, as a slow disk might.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(out.len()).min(self.0.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn read_in_blocks_a_file_gives_what_it_gives_whole() {
        let mut text = String::from("\u{feff}");
        for i in 0..3000 {
            match i % 7 {
                0 => text.push_str("\r\n"),
                1 => text.push_str("{oops\n"),
                2 => text.push_str(&format!(
                    "{{\"id\": \"a{i}\", \"title\": \"A\"}}{{\"id\": \"b{i}\", \"title\": \"B\"}}\n"
                )),
                _ => text.push_str(&format!(
                    "{{\"id\": \"r{i}\", \"title\": \"T\", \"texts\": [{{\"lang\": \"en\", \"role\": \"original\", \"body\": \"{}\"}}]}}\n",
                    "t".repeat(i * 37 % 5000)
                )),
            }
        }
        text.push_str("{\"id\": \"last\", \"title\": \"no newline\"}");
        let file: Arc<str> = Arc::from("records/x.jsonl");
        // Bodies left on disk: each record remembers where in the file it lies.
        let home: Arc<std::path::Path> = Arc::from(std::path::Path::new("x.jsonl"));
        let whole = json_lines(&file, text.as_bytes(), Some(&home));
        let read = read_json_lines(&file, Trickle(text.as_bytes(), 999), Some(&home)).unwrap();
        let placed = |items: &Items<Record>| -> Vec<Record> {
            items.items.iter().map(|r| r.item.clone()).collect()
        };
        assert_eq!(placed(&read), placed(&whole));
        assert!(
            (whole.items.iter()).any(|r| matches!(&r.item.bodies, crate::store::schema::Bodies::OnDisk(at) if at.offset > BLOCK as u64))
        );
        let lines = |items: &Items<Record>| -> Vec<(String, usize)> {
            items
                .items
                .iter()
                .map(|r| (r.item.id.clone(), r.line))
                .collect()
        };
        assert_eq!(lines(&read), lines(&whole));
        assert_eq!(read.problems, whole.problems);
        // 429 lines each blank, broken, or of two records; 1713 of one; the last.
        assert_eq!(whole.items.len(), 1713 + 2 * 429 + 1);
        assert!(text.len() > BLOCK, "more than one block");
        assert_eq!(whole.items.last().map(|r| r.line), Some(3001));
    }
}
