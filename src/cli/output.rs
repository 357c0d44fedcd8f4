//! Writing to standard output: buffered, JSON Lines, and a closed pipe treated as success.

use std::io::{self, BufWriter, StdoutLock, Write};

use serde::Serialize;

/// Buffered standard output. Errors carry `io::Error` so a closed pipe can be told apart.
pub struct Out {
    inner: BufWriter<StdoutLock<'static>>,
}

impl Out {
    pub fn stdout() -> Self {
        Out {
            inner: BufWriter::new(io::stdout().lock()),
        }
    }

    /// One line of text. Store text must already be sanitised by the caller.
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        self.inner.write_all(text.as_bytes())?;
        self.inner.write_all(b"\n")
    }

    /// One JSON object on one line, safe on a terminal (see [`terminal_safe_json`]).
    pub fn json<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        let json = serde_json::to_string(value)?;
        self.inner.write_all(terminal_safe_json(&json).as_bytes())?;
        self.inner.write_all(b"\n")
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// True when the error chain holds a broken pipe: `carrel list | head -1` is not an error.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
    })
}

/// JSON that a terminal shows as it is: serde_json escapes only U+0000-001F, `"` and
/// `\\`, so DEL, the C1 controls (the 8-bit CSI U+009B among them), bidirectional
/// controls and marks, the line and paragraph separators, zero-width characters and
/// tag characters are escaped here as `\\uXXXX` too (a surrogate pair beyond U+FFFF).
/// They can only stand inside strings (the rest of JSON is ASCII), so the text is
/// still valid JSON and holds the same strings.
pub fn terminal_safe_json(json: &str) -> std::borrow::Cow<'_, str> {
    let risky = |c: char| {
        matches!(c,
            '\u{7F}'..='\u{9F}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}')
    };
    if !json.chars().any(risky) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if risky(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_characters_are_escaped_and_the_strings_stay_the_same() {
        let title = "A\u{9b}31m\u{7f}\u{202e}cba\u{200f}\u{2028}\u{E0041}";
        let json = serde_json::to_string(&serde_json::json!({ "title": title })).unwrap();
        let safe = terminal_safe_json(&json);
        assert_eq!(
            safe,
            r#"{"title":"A\u009b31m\u007f\u202ecba\u200f\u2028\udb40\udc41"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["title"], title);
        assert!(matches!(
            terminal_safe_json("{\"a\":\"Молотов\"}"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
