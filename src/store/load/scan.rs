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
    fn skip_string(&mut self) -> bool {
        self.bump();
        while let Some(byte) = self.peek() {
            self.bump();
            match byte {
                b'\\' => self.bump(),
                b'"' => return true,
                _ => {}
            }
        }
        false
    }

    /// Skips one value and returns its span. A closing bracket that matches nothing
    /// opened inside the value ends the value before it (it belongs to the container).
    fn skip_value(&mut self) -> Span {
        let mut span = self.here();
        match self.peek() {
            None => {}
            Some(b'"') => {
                self.skip_string();
            }
            Some(b'{' | b'[') => self.skip_container(),
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

    fn skip_container(&mut self) {
        let mut stack: Vec<u8> = Vec::new();
        while let Some(byte) = self.peek() {
            match byte {
                b'"' => {
                    self.skip_string();
                }
                b'{' | b'[' => {
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
                _ => self.bump(),
            }
        }
    }
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

/// The elements of the array in `span` (which must start with `[`, after whitespace).
/// Syntax slips between elements are reported; the elements around them are kept.
pub(crate) fn array_elements(bytes: &[u8], span: Span) -> (Vec<Span>, Vec<SyntaxError>) {
    let mut scanner = Scanner::at(bytes, span);
    let mut elements = Vec::new();
    let mut errors = Vec::new();
    scanner.skip_whitespace();
    if scanner.peek() != Some(b'[') {
        errors.push(scanner.error("expected an array `[...]`"));
        return (elements, errors);
    }
    scanner.bump();
    scanner.skip_whitespace();
    if scanner.peek() == Some(b']') {
        return (elements, errors);
    }
    loop {
        scanner.skip_whitespace();
        match scanner.peek() {
            None => {
                errors.push(scanner.error("the array never closes: `]` missing"));
                break;
            }
            Some(b',') => {
                errors.push(scanner.error("a value is missing before `,`"));
                scanner.bump();
                continue;
            }
            Some(b']') => {
                errors.push(scanner.error("trailing `,` before `]`"));
                break;
            }
            Some(_) => elements.push(scanner.skip_value()),
        }
        scanner.skip_whitespace();
        match scanner.peek() {
            Some(b',') => scanner.bump(),
            Some(b']') => break,
            None => {
                errors.push(scanner.error("the array never closes: `]` missing"));
                break;
            }
            Some(_) => errors.push(scanner.error("expected `,` or `]` after a value")),
        }
    }
    (elements, errors)
}

/// The members of the object in `span`. Stops at the first slip it cannot step over
/// and reports it; the members before it are kept.
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
        let value = scanner.skip_value();
        if let Ok(key) = key {
            members.push(Member { key, value });
        }
        scanner.skip_whitespace();
        match scanner.peek() {
            Some(b',') => scanner.bump(),
            Some(b'}') => return (members, None),
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
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_a_well_formed_array_with_positions() {
        let text = "[\n  {\"a\": [1, \"]\"]},\n  2,\n  \"x,y\"\n]";
        let (spans, errors) = array_elements(text.as_bytes(), whole(text.as_bytes()));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(texts(text, &spans), ["{\"a\": [1, \"]\"]}", "2", "\"x,y\""]);
        assert_eq!((spans[1].line, spans[1].column), (3, 3));
    }

    #[test]
    fn a_broken_element_does_not_swallow_its_neighbours() {
        let text = "[{\"id\": \"a\" \"title\": 1}, {\"id\": \"b\", \"x\": [1, 2}, {\"id\": \"c\"}]";
        let (spans, errors) = array_elements(text.as_bytes(), whole(text.as_bytes()));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(spans.len(), 3);
        assert_eq!(&text[spans[2].start..spans[2].end], "{\"id\": \"c\"}");
        assert_eq!(
            string_member(text.as_bytes(), spans[1], "id").as_deref(),
            Some("b")
        );
    }

    #[test]
    fn reports_missing_commas_and_trailing_commas() {
        let text = "[{\"a\": 1} {\"b\": 2},]";
        let (spans, errors) = array_elements(text.as_bytes(), whole(text.as_bytes()));
        assert_eq!(spans.len(), 2);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].message, "expected `,` or `]` after a value");
        assert_eq!(errors[0].column, 11);
        assert_eq!(errors[1].message, "trailing `,` before `]`");
    }

    #[test]
    fn an_unclosed_record_ends_at_the_arrays_bracket() {
        let text = "[{\"id\": \"a\", \"t\": [1]]";
        let (spans, _) = array_elements(text.as_bytes(), whole(text.as_bytes()));
        assert_eq!(texts(text, &spans), ["{\"id\": \"a\", \"t\": [1]"]);
    }

    #[test]
    fn object_members_keep_what_comes_before_a_break() {
        let text = "{\"schema_version\": 1, \"archive\": {\"id\": \"x\"}, oops}";
        let (members, error) = object_members(text.as_bytes(), whole(text.as_bytes()));
        assert_eq!(members.len(), 2);
        assert_eq!(members[1].key, "archive");
        assert_eq!(error.map(|e| e.column), Some(47));
    }

    #[test]
    fn junk_and_deep_nesting_end_without_panicking() {
        let deep = "[".repeat(100_000);
        let junk: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        for bytes in [deep.as_bytes(), &junk, b"", b"\"", b"{\"a", b",,,", b"]]]"] {
            let _ = array_elements(bytes, whole(bytes));
            let _ = object_members(bytes, whole(bytes));
        }
    }
}
