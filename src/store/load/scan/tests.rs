use super::*;

fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
    spans.iter().map(|s| &text[s.start..s.end]).collect()
}

#[test]
fn splits_a_well_formed_array_with_positions() {
    let text = "[\n  {\"a\": [1, \"]\"]},\n  2,\n  \"x,y\"\n]";
    let Elements { spans, errors } = array_elements(text.as_bytes(), whole(text.as_bytes()));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(texts(text, &spans), ["{\"a\": [1, \"]\"]}", "2", "\"x,y\""]);
    assert_eq!((spans[1].line, spans[1].column), (3, 3));
}

#[test]
fn a_broken_element_does_not_swallow_its_neighbours() {
    let text = "[{\"id\": \"a\" \"title\": 1}, {\"id\": \"b\", \"x\": [1, 2}, {\"id\": \"c\"}]";
    let Elements { spans, errors } = array_elements(text.as_bytes(), whole(text.as_bytes()));
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
    let Elements { spans, errors } = array_elements(text.as_bytes(), whole(text.as_bytes()));
    assert_eq!(spans.len(), 2);
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].message, "expected `,` or `]` after a value");
    assert_eq!(errors[0].column, 11);
    assert_eq!(errors[1].message, "trailing `,` before `]`");
}

#[test]
fn an_unclosed_record_does_not_swallow_the_next() {
    let text =
        "[{\"id\": \"a\", \"t\": \"x\",\n {\"id\": \"b\", \"p\": [{\"n\": 1,\n {\"id\": \"c\"}]";
    let Elements { spans, errors } = array_elements(text.as_bytes(), whole(text.as_bytes()));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        texts(text, &spans),
        [
            "{\"id\": \"a\", \"t\": \"x\"",
            "{\"id\": \"b\", \"p\": [{\"n\": 1",
            "{\"id\": \"c\"}"
        ]
    );
    assert_eq!((spans[1].line, spans[1].column), (2, 2));
    assert_eq!((spans[2].line, spans[2].column), (3, 2));
}

#[test]
fn an_unclosed_record_ends_at_the_arrays_bracket() {
    let text = "[{\"id\": \"a\", \"t\": [1]]";
    let spans = array_elements(text.as_bytes(), whole(text.as_bytes())).spans;
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
fn text_after_an_object_is_a_slip() {
    let text = "{\"a\": 1}\n\nmore";
    let (members, error) = object_members(text.as_bytes(), whole(text.as_bytes()));
    assert_eq!(members.len(), 1);
    let error = error.unwrap();
    assert_eq!((error.line, error.column), (3, 1));
    assert_eq!(error.message, "text after the closing `}`");
}

#[test]
fn string_stops_are_found_in_every_position() {
    for len in 0..40 {
        for stop in [b'"', b'\\', b'\n'] {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = stop;
                assert_eq!(find_string_stop(&bytes), Some(at), "{len} {at}");
            }
        }
        assert_eq!(find_string_stop(&vec![0xffu8; len]), None);
    }
}

#[test]
fn lines_are_counted_across_escapes_and_raw_newlines() {
    let text = "[\"a\\\"b\\\\\", \"x\ny\", 1,\n 2]";
    let spans = array_elements(text.as_bytes(), whole(text.as_bytes())).spans;
    let at: Vec<(usize, usize)> = spans.iter().map(|s| (s.line, s.column)).collect();
    assert_eq!(at, [(1, 2), (1, 12), (2, 5), (3, 2)]);
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

#[test]
fn find_byte_finds_the_first_in_any_position() {
    for len in 0..40 {
        for at in 0..len {
            let mut bytes = vec![b'x'; len];
            bytes[at] = b'\n';
            if at + 3 < len {
                bytes[at + 3] = b'\n';
            }
            assert_eq!(find_byte(&bytes, b'\n'), Some(at), "len {len} at {at}");
        }
        assert_eq!(find_byte(&vec![b'x'; len], b'\n'), None);
    }
}
