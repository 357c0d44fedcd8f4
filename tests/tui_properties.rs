//! Properties of the reading room over random stores, window sizes from 1x1 to
//! 300x100 and random key sequences: no panic; every frame is drawn inside the
//! window with nothing from the store reaching the screen as a control character;
//! the selection is always a row of the list, or none when the list is empty.
//! Cases are kept low (`PROPTEST_CASES` raises them for a longer run).

#![allow(clippy::unwrap_used)]

mod tui_support;

use std::sync::Arc;

use carrel::store::edtf::Edtf;
use carrel::store::schema::{NamedEntity, RecordDate, Text, TextRole};
use carrel::store::{Archive, Collection, Record, Store};
use carrel::tui::{App, Message};
use carrel::ui::theme::Theme;
use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Text as hostile stores hold it: scripts, combining marks, emoji sequences, wide
/// characters, controls and bidi overrides, very long words.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Beria",
        "Молотов",
        "Хрущёв",
        "Ürümqi",
        "新疆",
        "ئۇيغۇر",
        "עברית",
        "e\u{301}\u{302}",
        "👨\u{200d}👩\u{200d}👧",
        "\u{1b}[2J",
        "\u{9b}31m",
        "\u{202e}",
        "\t",
        "\n",
        "\n\n",
        " ",
        "a",
        "word",
        "Ghulja",
        "Ospan Batyr",
        "\u{200b}",
        "\u{e0041}",
        "Supercalifragilisticexpialidociousnessfullyandthensome",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
}

fn date() -> impl Strategy<Value = Option<RecordDate>> {
    let forms = prop::sample::select(vec![
        "1945-10-05",
        "1945-10",
        "1944~",
        "1944/1945",
        "1945?",
        "1917-10-25",
        "0044",
    ]);
    prop::option::of(forms.prop_map(|edtf| RecordDate {
        edtf: Some(Edtf::parse(edtf).unwrap()),
        display: None,
        ..RecordDate::default()
    }))
}

fn record() -> impl Strategy<Value = Record> {
    (
        text(),
        date(),
        prop::option::of(text()),
        text(),
        text(),
        any::<bool>(),
    )
        .prop_map(
            |(title, date, summary, body, person, in_collection)| Record {
                title,
                date,
                summary,
                people: vec![Arc::new(NamedEntity {
                    name: person,
                    role: None,
                    alt: vec![],
                })],
                texts: vec![Text {
                    role: TextRole::Translation,
                    body,
                    ..Text::default()
                }],
                collections: if in_collection {
                    vec!["c".to_string()]
                } else {
                    vec![]
                },
                ..Record::default()
            },
        )
}

fn store() -> impl Strategy<Value = Store> {
    prop::collection::vec(record(), 0..30).prop_map(|mut records| {
        for (n, record) in records.iter_mut().enumerate() {
            record.id = format!("r{n}");
        }
        let members = records
            .iter()
            .filter(|r| !r.collections.is_empty())
            .map(|r| r.id.clone())
            .collect();
        let collection = Collection {
            id: "c".to_string(),
            title: "A collection \u{1b}]0;x\u{7}".to_string(),
            record_ids: members,
            ..Collection::default()
        };
        Store::new(Archive::default(), vec![collection], records)
    })
}

fn key() -> impl Strategy<Value = KeyEvent> {
    let codes = prop::sample::select(vec![
        KeyCode::Char('j'),
        KeyCode::Char('k'),
        KeyCode::Char('g'),
        KeyCode::Char('G'),
        KeyCode::Char('h'),
        KeyCode::Char('l'),
        KeyCode::Char('['),
        KeyCode::Char(']'),
        KeyCode::Char('/'),
        KeyCode::Char('?'),
        KeyCode::Char('1'),
        KeyCode::Char('2'),
        KeyCode::Char('3'),
        KeyCode::Char('a'),
        KeyCode::Char('o'),
        KeyCode::Char('é'),
        KeyCode::Char('в'),
        KeyCode::Char(' '),
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
    ]);
    let control = prop::sample::select(vec!['d', 'u', 'w']);
    prop_oneof![
        8 => codes.prop_map(|code| KeyEvent::new(code, KeyModifiers::NONE)),
        1 => control.prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    ]
}

/// Sizes from 1x1 up, small ones (where drawing breaks) more often.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        (1u16..=12, 1u16..=6),
        (1u16..=300, 1u16..=100),
        Just((80, 24)),
    ]
}

/// What the event loop does for the app: the search and the text it asks for.
fn answer(app: &mut App) {
    tui_support::run_search(app);
    if let Some(request) = app.text_request() {
        app.update(request.read());
    }
}

fn check(app: &mut App, (width, height): (u16, u16)) -> Result<(), TestCaseError> {
    let buffer = carrel::ui::render_to_buffer_with(app, &Theme::default(), width, height);
    prop_assert_eq!((buffer.area.width, buffer.area.height), (width, height));
    for cell in buffer.content() {
        prop_assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}'),
            "a control character on screen: {:?}",
            cell.symbol()
        );
    }
    match app.selected_row() {
        Some(row) => prop_assert!(
            row < app.rows().len(),
            "selected row {row} of {}",
            app.rows().len()
        ),
        None => prop_assert!(app.rows().is_empty() || app.focus() != carrel::tui::Pane::Records),
    }
    Ok(())
}

/// 48 cases in CI; `PROPTEST_CASES=N` for a longer run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn any_store_any_size_any_keys(
        store in store(),
        sizes in prop::collection::vec(size(), 1..4),
        keys in prop::collection::vec(key(), 0..60),
    ) {
        let mut app = App::new(store);
        let mut size_at = sizes.iter().cycle();
        let mut size = *size_at.next().unwrap();
        app.update(carrel::tui::Action::Resize(size.0, size.1));
        answer(&mut app);
        check(&mut app, size)?;
        for (n, key) in keys.iter().enumerate() {
            if n % 17 == 16 {
                size = *size_at.next().unwrap();
            }
            app.update(Message::Terminal(Event::Key(*key)));
            answer(&mut app);
            if app.should_quit() {
                break;
            }
            check(&mut app, size)?;
        }
    }
}
