//! A forgiving walk over JSON text that finds where each value starts and ends.
//!
//! serde stops at the first syntax error, which would lose every record after a
//! broken one in a single-file store or an array. This scanner only balances
//! brackets and strings, so it can cut the text into elements even when one of
//! them is broken; serde then parses each element strictly and reports exact
//! positions. It never recurses (an explicit stack), so deep nesting cannot
//! overflow, and every step consumes at least one byte, so it always ends.

/// Where a value sits in the text: byte range and the 1-based line and byte column
/// of its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

/// A syntax problem the scanner found between values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One `"key": value` of an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Member {
    pub key: String,
    pub value: Span,
    /// The value's elements when it is an array, split in the same pass (a
    /// single-file store's `records` array is most of the file: crossed once).
    pub elements: Option<Elements>,
}

/// An array cut into its elements, with the slips found between them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Elements {
    pub spans: Vec<Span>,
    pub errors: Vec<SyntaxError>,
}

/// What a value being skipped is, which decides how it recovers from an unclosed object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// An element of an array, or one of several values in a row.
    Element,
    /// The value of an object member.
    Member,
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    end: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Scanner<'a> {
    fn at(bytes: &'a [u8], span: Span) -> Self {
        Scanner {
            bytes,
            pos: span.start,
            end: span.end.min(bytes.len()),
            line: span.line,
            // A column of c at `start` means the line began c - 1 bytes earlier.
            line_start: span.start.saturating_sub(span.column.saturating_sub(1)),
        }
    }

    fn peek(&self) -> Option<u8> {
        (self.pos < self.end).then(|| self.bytes[self.pos])
    }

    fn bump(&mut self) {
        if self.peek() == Some(b'\n') {
            self.line += 1;
            self.line_start = self.pos + 1;
        }
        self.pos += 1;
    }

    fn column(&self) -> usize {
        self.pos - self.line_start + 1
    }

    fn here(&self) -> Span {
        Span {
            start: self.pos,
            end: self.pos,
            line: self.line,
            column: self.column(),
        }
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            line: self.line,
            column: self.column(),
            message: message.into(),
        }
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    /// Skips a string starting at its opening quote; false when it never closes.
    /// Strings hold most of a store's bytes, so they are crossed a word at a time.
    fn skip_string(&mut self) -> bool {
        self.pos += 1;
        loop {
            let Some(offset) = find_string_stop(&self.bytes[self.pos..self.end]) else {
                self.pos = self.end;
                return false;
            };
            self.pos += offset;
            match self.bytes[self.pos] {
                b'"' => {
                    self.pos += 1;
                    return true;
                }
                b'\\' => {
                    self.pos += 1;
                    if self.peek().is_some() {
                        self.bump();
                    }
                }
                // A raw newline (invalid in JSON, but lines must still be counted).
                _ => self.bump(),
            }
        }
    }

    /// Skips one value and returns its span. A closing bracket that matches nothing
    /// opened inside the value ends the value before it (it belongs to the container).
    fn skip_value(&mut self, mode: Mode) -> Span {
        let mut span = self.here();
        match self.peek() {
            None => {}
            Some(b'"') => {
                self.skip_string();
            }
            Some(b'{' | b'[') => self.skip_container(mode),
            Some(_) => {
                while let Some(byte) = self.peek() {
                    if matches!(
                        byte,
                        b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b']' | b'}'
                    ) {
                        break;
                    }
                    self.bump();
                }
                if self.pos == span.start {
                    // A lone delimiter where a value should be: take it so the caller moves on.
                    self.bump();
                }
            }
        }
        span.end = self.pos;
        span
    }

    /// Skips an object or array, balancing brackets. A `{` or `[` where an object
    /// key must be (`, {`) means an object was left unclosed and a new element has
    /// begun. An element (`Mode::Element`) then ends before that comma, so one
    /// unclosed record does not swallow the records after it; a member's value
    /// (`Mode::Member`, such as a store's whole `records` array) closes the unclosed
    /// objects and goes on to find its own end.
    fn skip_container(&mut self, mode: Mode) {
        let mut stack: Vec<u8> = Vec::new();
        // The place of the `,` after which an object key is expected.
        let mut key_after: Option<Scanner<'a>> = None;
        while let Some(byte) = self.peek() {
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => {
                    self.bump();
                    continue;
                }
                b'{' | b'[' => {
                    if let Some(comma) = key_after.take() {
                        let array = stack.iter().rposition(|&b| b == b'[');
                        match (mode, array) {
                            (Mode::Member, Some(depth)) => stack.truncate(depth + 1),
                            _ => {
                                *self = comma;
                                return;
                            }
                        }
                    }
                    stack.push(byte);
                    self.bump();
                }
                b'}' | b']' => {
                    let opener = if byte == b'}' { b'{' } else { b'[' };
                    let Some(depth) = stack.iter().rposition(|&b| b == opener) else {
                        return;
                    };
                    // A mismatched closer closes everything opened since its opener.
                    stack.truncate(depth);
                    self.bump();
                    if stack.is_empty() {
                        return;
                    }
                }
                b',' if stack.last() == Some(&b'{') => {
                    let comma = self.clone_position();
                    self.bump();
                    key_after = Some(comma);
                    continue;
                }
                b'"' => {
                    self.skip_string();
                }
                _ => self.bump(),
            }
            key_after = None;
        }
    }

    /// Splits the array starting here and steps past its closing `]`.
    fn elements(&mut self) -> Elements {
        let mut found = Elements::default();
        if self.peek() != Some(b'[') {
            found.errors.push(self.error("expected an array `[...]`"));
            return found;
        }
        self.bump();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.bump();
            return found;
        }
        loop {
            self.skip_whitespace();
            match self.peek() {
                None => {
                    found
                        .errors
                        .push(self.error("the array never closes: `]` missing"));
                    return found;
                }
                Some(b',') => {
                    found
                        .errors
                        .push(self.error("a value is missing before `,`"));
                    self.bump();
                    continue;
                }
                Some(b']') => {
                    found.errors.push(self.error("trailing `,` before `]`"));
                    self.bump();
                    return found;
                }
                // Trimmed: an unclosed element ends where the next begins, after whitespace.
                Some(_) => {
                    let element = self.skip_value(Mode::Element);
                    found.spans.push(trim(self.bytes, element));
                }
            }
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b']') => {
                    self.bump();
                    return found;
                }
                None => {
                    found
                        .errors
                        .push(self.error("the array never closes: `]` missing"));
                    return found;
                }
                Some(_) => found
                    .errors
                    .push(self.error("expected `,` or `]` after a value")),
            }
        }
    }

    fn clone_position(&self) -> Scanner<'a> {
        Scanner {
            bytes: self.bytes,
            pos: self.pos,
            end: self.end,
            line: self.line,
            line_start: self.line_start,
        }
    }
}

/// The index of the first `"`, `\\` or newline in `bytes`. Eight bytes at a time: a
/// word holds byte `b` exactly when `word ^ (b * 0x01..01)` has a zero byte.
fn find_string_stop(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let is_stop = |b: &u8| matches!(b, b'"' | b'\\' | b'\n');
    let mut start = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        if has_zero_byte(word ^ (ONES * u64::from(b'"')))
            || has_zero_byte(word ^ (ONES * u64::from(b'\\')))
            || has_zero_byte(word ^ (ONES * u64::from(b'\n')))
        {
            break;
        }
        start += 8;
    }
    bytes[start..].iter().position(is_stop).map(|p| start + p)
}

/// The index of the first `needle` in `bytes`, eight bytes at a time (JSON Lines
/// files are split at their newlines before anything else is done with them).
pub(crate) fn find_byte(bytes: &[u8], needle: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(needle);
    let mut start = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ pattern;
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
            break;
        }
        start += 8;
    }
    bytes[start..]
        .iter()
        .position(|&b| b == needle)
        .map(|p| start + p)
}

/// The whole of `bytes` as a span starting at line 1, column 1, after any UTF-8
/// byte order mark (some Windows editors write one; JSON parsers refuse it).
pub(crate) fn whole(bytes: &[u8]) -> Span {
    Span {
        start: if bytes.starts_with(BOM) { BOM.len() } else { 0 },
        end: bytes.len(),
        line: 1,
        column: 1,
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Narrows a span to the value inside it, without surrounding whitespace.
pub(crate) fn trim(bytes: &[u8], span: Span) -> Span {
    let mut scanner = Scanner::at(bytes, span);
    scanner.skip_whitespace();
    let mut trimmed = scanner.here();
    let mut end = span.end.min(bytes.len());
    while end > trimmed.start && matches!(bytes[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
        end -= 1;
    }
    trimmed.end = end;
    trimmed
}

/// The first byte of the value in `span`, skipping whitespace.
pub(crate) fn first_byte(bytes: &[u8], span: Span) -> Option<u8> {
    let trimmed = trim(bytes, span);
    (trimmed.start < trimmed.end).then(|| bytes[trimmed.start])
}

/// The values one after another in `span` (JSON Lines written to a `.json` file).
pub(crate) fn values(bytes: &[u8], span: Span) -> Vec<Span> {
    let mut scanner = Scanner::at(bytes, span);
    let mut values = Vec::new();
    loop {
        scanner.skip_whitespace();
        if scanner.peek().is_none() {
            return values;
        }
        let value = scanner.skip_value(Mode::Element);
        values.push(trim(bytes, value));
    }
}

/// The elements of the array in `span` (which must start with `[`, after whitespace).
/// Syntax slips between elements are reported; the elements around them are kept.
pub(crate) fn array_elements(bytes: &[u8], span: Span) -> Elements {
    let mut scanner = Scanner::at(bytes, span);
    scanner.skip_whitespace();
    scanner.elements()
}

/// The members of the object in `span`. Stops at the first slip it cannot step over
/// (or text after the object) and reports it; the members before it are kept.
pub(crate) fn object_members(bytes: &[u8], span: Span) -> (Vec<Member>, Option<SyntaxError>) {
    let mut scanner = Scanner::at(bytes, span);
    let mut members = Vec::new();
    scanner.skip_whitespace();
    if scanner.peek() != Some(b'{') {
        return (members, Some(scanner.error("expected an object `{...}`")));
    }
    scanner.bump();
    scanner.skip_whitespace();
    if scanner.peek() == Some(b'}') {
        return (members, None);
    }
    loop {
        scanner.skip_whitespace();
        if scanner.peek() != Some(b'"') {
            return (members, Some(scanner.error("expected a quoted key")));
        }
        let key_start = scanner.pos;
        if !scanner.skip_string() {
            return (members, Some(scanner.error("a key never closes its `\"`")));
        }
        let key = serde_json::from_slice::<String>(&bytes[key_start..scanner.pos]);
        scanner.skip_whitespace();
        if scanner.peek() != Some(b':') {
            return (members, Some(scanner.error("expected `:` after a key")));
        }
        scanner.bump();
        scanner.skip_whitespace();
        let (value, elements) = if scanner.peek() == Some(b'[') {
            let mut value = scanner.here();
            let elements = scanner.elements();
            value.end = scanner.pos;
            (value, Some(elements))
        } else {
            (scanner.skip_value(Mode::Member), None)
        };
        if let Ok(key) = key {
            members.push(Member {
                key,
                value,
                elements,
            });
        }
        scanner.skip_whitespace();
        match scanner.peek() {
            Some(b',') => scanner.bump(),
            Some(b'}') => {
                scanner.bump();
                scanner.skip_whitespace();
                let trailing = scanner
                    .peek()
                    .map(|_| scanner.error("text after the closing `}`"));
                return (members, trailing);
            }
            None => {
                return (
                    members,
                    Some(scanner.error("the object never closes: `}` missing")),
                );
            }
            Some(_) => {
                return (
                    members,
                    Some(scanner.error("expected `,` or `}` after a value")),
                );
            }
        }
    }
}

/// The string value of a top-level key of the object in `span`, if the object gets
/// that far before breaking: names a record whose JSON is broken.
pub(crate) fn string_member(bytes: &[u8], span: Span, key: &str) -> Option<String> {
    let (members, _) = object_members(bytes, span);
    let member = members.into_iter().find(|m| m.key == key)?;
    serde_json::from_slice(&bytes[member.value.start..member.value.end]).ok()
}

#[cfg(test)]
mod tests;
