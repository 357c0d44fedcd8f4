//! Store text is data: before any of it reaches a terminal, control characters are
//! made visible so that a hostile store cannot move the cursor, change colours,
//! set the window title or write to the clipboard, nor reorder or hide text.
//!
//! What is neutralised, and how (the stored data and exports keep every character):
//! - everywhere: C0 controls become their control pictures (ESC shows as `␛`), DEL
//!   and C1 controls (the 8-bit CSI U+009B among them) become `�`, tab four spaces,
//!   carriage returns go; bidirectional overrides and isolates (U+202A-202E,
//!   U+2066-2069) and tag characters (U+E0000-E007F, invisible "ASCII smuggling")
//!   become `�`; the line and paragraph separators U+2028/2029 are line breaks;
//! - in running text (summaries, full texts) bidi marks (U+200E, U+200F, U+061C) are
//!   dropped: invisible, they only reorder what a terminal shows;
//! - in one-line fields (titles, names, citations, dates, paths), where a character
//!   could hide or reorder what identifies a document, bidi marks and the zero-width
//!   space, word joiner and byte-order mark (U+200B, U+2060, U+FEFF) become `�`, and
//!   so does a zero-width (non-)joiner (U+200C, U+200D) unless it joins two letters
//!   or symbols of a script that needs it (an emoji sequence, Arabic, Devanagari).

use std::borrow::Cow;

/// Running text made safe for a terminal; newlines kept (see the module's list).
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && needs_care(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            '\r' => {}
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_bidi_mark(c) => {}
            c if always_replaced(c) => out.push(visible(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A one-line field made safe for a terminal: newlines become spaces too, and what
/// could hide or reorder it is shown (see the module's list).
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_care) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for i in 0..chars.len() {
        push_line_char(&chars, i, &mut out);
    }
    Cow::Owned(out)
}

/// Pushes onto `out` what [`sanitize_line`] makes of `chars[i]`, which may depend on
/// its neighbours (a joiner between two emoji stays). For callers that must keep
/// track of which character is which, as a title with highlighted letters does.
pub fn push_line_char(chars: &[char], i: usize, out: &mut String) {
    let Some(&c) = chars.get(i) else {
        return;
    };
    match c {
        '\n' | '\u{2028}' | '\u{2029}' => out.push(' '),
        '\t' => out.push_str("    "),
        '\r' => {}
        '\u{200C}' | '\u{200D}' => {
            let joins = |n: Option<&char>| n.is_some_and(|&n| joinable(n));
            let before = i.checked_sub(1).and_then(|b| chars.get(b));
            if joins(before) && joins(chars.get(i + 1)) {
                out.push(c);
            } else {
                out.push('\u{FFFD}');
            }
        }
        c if is_bidi_mark(c) || is_invisible_space(c) => out.push('\u{FFFD}'),
        c if always_replaced(c) => out.push(visible(c)),
        c => out.push(c),
    }
}

/// Whether a character is touched by either sanitizer.
fn needs_care(c: char) -> bool {
    c.is_control()
        || always_replaced(c)
        || is_bidi_mark(c)
        || is_invisible_space(c)
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{2028}' | '\u{2029}')
}

fn always_replaced(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi_control(c) || is_tag(c)
}

/// Bidirectional overrides and isolates can make a line read differently from what it holds.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_bidi_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn is_invisible_space(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

fn is_tag(c: char) -> bool {
    matches!(c, '\u{E0000}'..='\u{E007F}')
}

/// A character a zero-width joiner or non-joiner may stand beside in a name: a
/// letter or symbol beyond ASCII (emoji, Arabic, Indic scripts), not a space or a mark.
fn joinable(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace() && !needs_care(c)
}

fn visible(c: char) -> char {
    let code = u32::from(c);
    if code < 0x20 {
        char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}')
    } else {
        '\u{FFFD}'
    }
}

/// Whether the sanitizers let a character through as it is in one-line fields: the
/// property the fuzz target and tests check of their output.
pub fn is_terminal_safe(c: char) -> bool {
    !needs_care(c) || matches!(c, '\u{200C}' | '\u{200D}')
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
        assert!(matches!(sanitize_line("Молотов, 新疆"), Cow::Borrowed(_)));
        assert_eq!(sanitize("a\tb\r\n"), "a    b\n");
        assert_eq!(sanitize_line("a\nb"), "a b");
    }

    #[test]
    fn what_hides_or_reorders_a_title_is_shown() {
        // A right-to-left mark, a zero-width space, a word joiner, a BOM, tags.
        let title = "Beria\u{200F} to\u{200B}Molotov\u{2060}\u{FEFF}\u{E0041}\u{E0042}";
        assert_eq!(
            sanitize_line(title),
            "Beria\u{FFFD} to\u{FFFD}Molotov\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"
        );
        assert_eq!(sanitize_line("a\u{2028}b\u{2029}c"), "a b c");
        assert_eq!(sanitize_line("Ber\u{200D}ia"), "Ber\u{FFFD}ia");
    }

    #[test]
    fn joiners_stay_where_a_script_needs_them() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(sanitize_line(family), family);
        let persian = "\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}";
        assert_eq!(sanitize_line(persian), persian);
    }

    #[test]
    fn running_text_drops_marks_and_keeps_separators_as_breaks() {
        assert_eq!(sanitize("שלום\u{200F} x\u{2029}y"), "שלום x\ny");
        assert_eq!(sanitize("a\u{202E}b\u{E0020}"), "a\u{FFFD}b\u{FFFD}");
        // Zero-width joiners in running text are kept (emoji, scripts).
        assert_eq!(sanitize("a\u{200D}b"), "a\u{200D}b");
    }

    #[test]
    fn nothing_unsafe_comes_out() {
        let every: String = (0u32..0x3000)
            .chain(0xE0000..0xE0080)
            .chain([0xFEFF])
            .filter_map(char::from_u32)
            .collect();
        let line = sanitize_line(&every);
        let bad: Vec<char> = line.chars().filter(|&c| !is_terminal_safe(c)).collect();
        assert!(bad.is_empty(), "{bad:?}");
        // Running text keeps zero-width characters (Thai breaks lines with them), never
        // a control, a bidi character or a tag.
        let text = sanitize(&every);
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n')
                    || is_bidi_control(c)
                    || is_bidi_mark(c)
                    || is_tag(c)
                    || matches!(c, '\u{2028}' | '\u{2029}')
            })
            .collect();
        assert!(bad.is_empty(), "{bad:?}");
    }
}
