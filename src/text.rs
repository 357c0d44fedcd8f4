//! Store text is data: before any of it reaches a terminal, control characters are
//! made visible so that a hostile store cannot move the cursor, change colours,
//! set the window title or write to the clipboard.

use std::borrow::Cow;

/// Replaces every control character but newline with a visible stand-in:
/// tab becomes four spaces (tab stops depend on the terminal), C0 controls become
/// their Unicode control pictures (ESC shows as `␛`), DEL and C1 controls become `�`.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_replacing) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push_str("    "),
            '\r' => {}
            c if needs_replacing(c) => out.push(visible(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`sanitize`], for one-line fields: newlines become spaces too.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\n' || needs_replacing(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(sanitize(text).replace('\n', " "))
}

fn needs_replacing(c: char) -> bool {
    c != '\n' && (c.is_control() || is_bidi_control(c))
}

/// Bidirectional overrides can make a line read differently from what it holds.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn visible(c: char) -> char {
    let code = u32::from(c);
    if code < 0x20 {
        char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}')
    } else {
        '\u{FFFD}'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_made_visible() {
        let hostile = "Title\x1b]52;c;aGk=\x07 \x1b[2J\u{9b}31m";
        let clean = sanitize(hostile);
        assert!(!clean.chars().any(|c| c.is_control()), "{clean:?}");
        assert_eq!(
            clean,
            "Title\u{241b}]52;c;aGk=\u{2407} \u{241b}[2J\u{fffd}31m"
        );
    }

    #[test]
    fn plain_text_is_borrowed_and_paragraphs_kept() {
        assert!(matches!(sanitize("a\n\nb"), Cow::Borrowed(_)));
        assert_eq!(sanitize("a\tb\r\n"), "a    b\n");
        assert_eq!(sanitize_line("a\nb"), "a b");
    }
}
