//! The desk in the reading room, driven by messages: marks, tags, the desk's
//! entries in the collection list, the desk's query terms, quotations, citations
//! to the clipboard, saved searches, the query history, key overrides, notes.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rules)

mod tui_support;

use std::collections::BTreeMap;

use carrel::cite::{Style, cite};
use carrel::config::{Config, KeySpec};
use carrel::tui::desk_state::{DeskMessage, DeskSnapshot, DeskWrite, Prompt};
use carrel::tui::{Action, App, Message, Pane};
use carrel::ui::render_to_string;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_support::{BERIA_ID, app, run_search, send, type_text};

#[path = "tui_desk/saved_searches.rs"]
mod saved_searches;

fn key(app: &mut App, code: KeyCode) {
    app.update(Message::Terminal(Event::Key(KeyEvent::new(
        code,
        KeyModifiers::NONE,
    ))));
    run_search(app);
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn with_desk(snapshot: DeskSnapshot, width: u16, height: u16) -> App {
    let mut app = app(width, height);
    app.update(Message::Desk(DeskMessage::Opened(Box::new(snapshot))));
    run_search(&mut app);
    app
}

fn desk_app() -> App {
    with_desk(DeskSnapshot::default(), 80, 24)
}

fn select_beria(app: &mut App) {
    while app.selected_record().unwrap().id != BERIA_ID {
        app.update(Action::Down);
    }
    app.update(Message::Rest);
}

fn ids(app: &App) -> Vec<String> {
    app.visible_records().map(|r| r.id.clone()).collect()
}

/// The records the filter lists for `text`, typed afresh.
fn filter(app: &mut App, text: &str) -> Vec<String> {
    app.update(Action::OpenFilter);
    app.update(Action::FilterClear);
    type_text(app, text);
    ids(app)
}

fn entry_labels(app: &App) -> Vec<(String, usize)> {
    app.desk_entries()
        .into_iter()
        .map(|(_, label, count)| (label, count))
        .collect()
}

fn beria() -> carrel::store::Record {
    tui_support::store().record(BERIA_ID).unwrap().clone()
}

#[test]
fn m_marks_and_unmarks_with_a_star_and_a_write() {
    let mut app = desk_app();
    select_beria(&mut app);
    app.take_desk_writes();
    keys(&mut app, "m");
    assert_eq!(
        app.take_desk_writes(),
        vec![DeskWrite::Mark {
            record: BERIA_ID.into(),
            on: true
        }]
    );
    let screen = render_to_string(&mut app, 80, 24);
    let row = screen.lines().find(|l| l.contains("1945-10-05 ")).unwrap();
    assert!(row.contains('★'), "{screen}");
    assert!(screen.contains("Marked"), "{screen}");
    assert_eq!(entry_labels(&app)[0], ("Marked".to_string(), 1));
    keys(&mut app, "m");
    assert_eq!(
        app.take_desk_writes(),
        vec![DeskWrite::Mark {
            record: BERIA_ID.into(),
            on: false
        }]
    );
    assert!(!render_to_string(&mut app, 80, 24).contains('★'));
}

#[test]
fn the_collection_list_has_marked_recent_and_tags_with_counts() {
    let mut snapshot = DeskSnapshot::default();
    snapshot.annotations.marked.insert(BERIA_ID.into());
    snapshot
        .annotations
        .marked
        .insert("gone-from-the-store".into());
    snapshot
        .annotations
        .tags
        .insert(BERIA_ID.into(), vec!["Altai".into()]);
    snapshot.recent = vec![BERIA_ID.into(), "beria-stalin-1945-09-05".into()];
    let mut app = with_desk(snapshot, 120, 40);
    assert_eq!(
        entry_labels(&app),
        vec![
            ("Marked".to_string(), 1),
            ("Recent".to_string(), 2),
            ("#Altai".to_string(), 1)
        ]
    );
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("│ Marked"), "{screen}");
    assert!(screen.contains("│ Recent"), "{screen}");
    assert!(screen.contains("│ #Altai"), "{screen}");
    // Down the collection list: Marked lists the marked record only.
    send(&mut app, &[Action::FocusPrev, Action::Down]);
    assert_eq!(ids(&app), vec![BERIA_ID]);
    send(&mut app, &[Action::Down]);
    assert_eq!(ids(&app).len(), 2);
    send(&mut app, &[Action::Down]);
    assert_eq!(ids(&app), vec![BERIA_ID]);
    // Past the desk's entries come the store's collections.
    send(&mut app, &[Action::Down]);
    assert_eq!(app.collection_index(), 1);
    assert_eq!(ids(&app).len(), 10);
    send(&mut app, &[Action::Top]);
    assert_eq!(ids(&app).len(), 11);
}

#[test]
fn t_sets_tags_completing_from_those_in_use() {
    let mut snapshot = DeskSnapshot::default();
    snapshot
        .annotations
        .tags
        .insert("beria-stalin-1945-09-05".into(), vec!["rebellion".into()]);
    let mut app = with_desk(snapshot, 80, 24);
    select_beria(&mut app);
    app.take_desk_writes();
    keys(&mut app, "t");
    assert!(matches!(app.desk().prompt(), Some(Prompt::Tags { .. })));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("rebellion (1)"), "{screen}");
    keys(&mut app, "reb");
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "Altai");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.take_desk_writes(),
        vec![DeskWrite::Tags {
            record: BERIA_ID.into(),
            tags: vec!["Altai".into(), "rebellion".into()]
        }]
    );
    assert!(
        entry_labels(&app).contains(&("#rebellion".to_string(), 2)),
        "{:?}",
        entry_labels(&app)
    );
    // Removing a tag is leaving it out.
    keys(&mut app, "t");
    key(&mut app, KeyCode::Char('u'));
    app.update(Message::Terminal(Event::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    ))));
    keys(&mut app, "Altai");
    key(&mut app, KeyCode::Enter);
    assert!(!entry_labels(&app).contains(&("#rebellion".to_string(), 2)));
}

#[test]
fn desk_terms_filter_the_list() {
    let mut snapshot = DeskSnapshot::default();
    snapshot.annotations.marked.insert(BERIA_ID.into());
    snapshot
        .annotations
        .tags
        .insert("beria-stalin-1945-09-05".into(), vec!["Rebellion".into()]);
    snapshot
        .notes
        .insert(BERIA_ID.into(), "Compare with the Ili telegrams".into());
    snapshot
        .annotations
        .read
        .insert("politburo-1935-03-19".into());
    let mut app = with_desk(snapshot, 80, 24);
    assert_eq!(filter(&mut app, "is:marked"), vec![BERIA_ID]);
    assert_eq!(
        filter(&mut app, "tag:rebellion"),
        vec!["beria-stalin-1945-09-05"]
    );
    assert_eq!(filter(&mut app, "has:note"), vec![BERIA_ID]);
    assert_eq!(filter(&mut app, "is:read"), vec!["politburo-1935-03-19"]);
    assert_eq!(filter(&mut app, "is:marked beria").len(), 1);
    // The filter searches notes too.
    assert_eq!(filter(&mut app, "telegrams ili"), vec![BERIA_ID]);
}

#[test]
fn the_filter_finds_a_note_s_words_whatever_their_script_and_diacritics() {
    let mut snapshot = DeskSnapshot::default();
    snapshot
        .notes
        .insert(BERIA_ID.into(), "Compare with the Ili telegrams".into());
    snapshot.notes.insert(
        "politburo-1935-03-19".into(),
        "Черновик: спросить Çağlayan".into(),
    );
    let mut app = with_desk(snapshot, 80, 24);
    // Latin letters without their marks, Cyrillic by its romanisation, any case.
    assert_eq!(filter(&mut app, "caglayan"), vec!["politburo-1935-03-19"]);
    assert_eq!(filter(&mut app, "chernovik"), vec!["politburo-1935-03-19"]);
    assert_eq!(filter(&mut app, "ЧЕРНОВИК"), vec!["politburo-1935-03-19"]);
    assert_eq!(
        filter(&mut app, "Çağlayan черновик"),
        vec!["politburo-1935-03-19"]
    );
    // A word excluded keeps a note out.
    assert_eq!(
        filter(&mut app, "caglayan !chernovik"),
        Vec::<String>::new()
    );
    // A note edited in the room is searched as it now reads.
    app.update(Message::Desk(DeskMessage::NoteEdited {
        record: BERIA_ID.into(),
        result: Ok(Some("Ask about the Zhetysu caravans".into())),
    }));
    assert_eq!(filter(&mut app, "zhetisu"), vec![BERIA_ID]);
    assert_eq!(filter(&mut app, "telegrams ili"), Vec::<String>::new());
}

#[test]
fn v_j_y_copies_the_passage_with_its_note_and_keeps_the_quotation() {
    let mut app = desk_app();
    select_beria(&mut app);
    send(&mut app, &[Action::Show(Pane::FullText)]);
    app.take_desk_writes();
    keys(&mut app, "vjj");
    let lines = app.selected_lines().unwrap();
    assert_eq!(lines, 0..=2);
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("Selecting"), "{screen}");
    keys(&mut app, "k");
    assert_eq!(app.selected_lines().unwrap(), 0..=1);
    let wrapped = app.wrapped_text().unwrap();
    let passage = format!(
        "{}\n{}",
        wrapped.line(0).trim_end(),
        wrapped.line(1).trim_end()
    )
    .trim()
    .to_string();
    keys(&mut app, "y");
    let citation = cite(&beria(), Style::ChicagoNote);
    assert_eq!(
        app.take_desk_writes(),
        vec![DeskWrite::Quote {
            record: BERIA_ID.into(),
            passage: passage.clone(),
            citation: citation.clone()
        }]
    );
    assert_eq!(
        app.take_clipboard(),
        vec![format!("{passage}\n\n{citation}")]
    );
    assert!(app.selected_lines().is_none());
    // The quotation is listed with the note under the summary.
    send(&mut app, &[Action::Show(Pane::Summary)]);
    let summary: Vec<String> = app
        .summary_view()
        .unwrap()
        .iter()
        .map(|l| l.text())
        .collect();
    assert!(summary.iter().any(|l| l == "Quotations"), "{summary:?}");
    // Esc ends a selection without copying.
    send(&mut app, &[Action::Show(Pane::FullText)]);
    keys(&mut app, "vj");
    key(&mut app, KeyCode::Esc);
    assert!(app.selected_lines().is_none());
    assert!(app.take_clipboard().is_empty());
}

#[test]
fn y_copies_the_chicago_note_and_the_status_line_says_so() {
    let mut app = desk_app();
    select_beria(&mut app);
    keys(&mut app, "y");
    let citation = cite(&beria(), Style::ChicagoNote);
    assert_eq!(app.take_clipboard(), vec![citation.clone()]);
    let screen = render_to_string(&mut app, 120, 40);
    assert!(
        screen.contains("Copied the citation (chicago-note)"),
        "{screen}"
    );
}

#[test]
fn capital_y_asks_for_the_style() {
    let mut app = desk_app();
    select_beria(&mut app);
    keys(&mut app, "Y");
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("Copy the citation as"), "{screen}");
    assert!(screen.contains("4 "), "{screen}");
    keys(&mut app, "4");
    assert_eq!(app.take_clipboard(), vec![cite(&beria(), Style::Bibtex)]);
    assert!(app.desk().prompt().is_none());
}

#[test]
fn without_osc52_the_citation_is_shown_to_select_by_hand() {
    let mut app = desk_app();
    app.configure(&Config {
        osc52: false,
        ..Config::default()
    });
    select_beria(&mut app);
    keys(&mut app, "y");
    assert!(app.take_clipboard().is_empty());
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("cannot take OSC 52"), "{screen}");
    assert!(screen.contains("GARF"), "{screen}");
    key(&mut app, KeyCode::Esc);
    assert!(app.desk().prompt().is_none());
}

#[test]
fn a_configured_style_is_what_y_copies() {
    let mut app = desk_app();
    app.configure(&Config {
        citation_style: Style::ChicagoShort,
        ..Config::default()
    });
    select_beria(&mut app);
    keys(&mut app, "y");
    assert_eq!(
        app.take_clipboard(),
        vec![cite(&beria(), Style::ChicagoShort)]
    );
}

#[test]
fn key_overrides_reach_the_keys_and_the_help_overlay() {
    let mut app = desk_app();
    let mut keys_config = BTreeMap::new();
    keys_config.insert("mark".to_string(), vec![KeySpec::parse("M").unwrap()]);
    keys_config.insert("quit".to_string(), vec![KeySpec::parse("Ctrl-q").unwrap()]);
    app.configure(&Config {
        keys: keys_config,
        ..Config::default()
    });
    let help: Vec<String> = app.help_view().iter().map(|l| l.text()).collect();
    assert!(
        help.iter()
            .any(|l| l.trim_start().starts_with("M ") && l.contains("mark or unmark")),
        "{help:?}"
    );
    assert!(
        help.iter().any(|l| l.trim_start().starts_with("Ctrl-q ")),
        "{help:?}"
    );
    select_beria(&mut app);
    keys(&mut app, "m");
    assert!(
        app.take_desk_writes()
            .iter()
            .all(|w| !matches!(w, DeskWrite::Mark { .. }))
    );
    keys(&mut app, "M");
    assert!(app.desk().is_marked(BERIA_ID));
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("Ctrl-q quit"), "{screen}");
    keys(&mut app, "q");
    assert!(!app.should_quit());
}

#[test]
fn up_and_down_in_the_filter_line_recall_earlier_queries() {
    let snapshot = DeskSnapshot {
        query_history: vec!["osman".into(), "stalin".into()],
        ..DeskSnapshot::default()
    };
    let mut app = with_desk(snapshot, 80, 24);
    keys(&mut app, "/");
    key(&mut app, KeyCode::Up);
    assert_eq!(app.filter().query, "osman");
    key(&mut app, KeyCode::Up);
    assert_eq!(app.filter().query, "stalin");
    key(&mut app, KeyCode::Up);
    assert_eq!(app.filter().query, "stalin");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    assert_eq!(app.filter().query, "");
    keys(&mut app, "beria");
    app.take_desk_writes();
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.take_desk_writes(),
        vec![DeskWrite::PushQuery("beria".into())]
    );
    keys(&mut app, "/");
    key(&mut app, KeyCode::Up);
    assert_eq!(app.filter().query, "beria");
}

#[test]
fn notes_show_under_the_summary_and_edits_come_back() {
    let mut snapshot = DeskSnapshot::default();
    snapshot
        .notes
        .insert(BERIA_ID.into(), "Osman and the khanate".into());
    let mut app = with_desk(snapshot, 80, 24);
    select_beria(&mut app);
    send(&mut app, &[Action::Show(Pane::Summary)]);
    let summary: Vec<String> = app
        .summary_view()
        .unwrap()
        .iter()
        .map(|l| l.text())
        .collect();
    assert!(summary.iter().any(|l| l == "Note"), "{summary:?}");
    assert!(
        summary.iter().any(|l| l.contains("Osman and the khanate")),
        "{summary:?}"
    );
    keys(&mut app, "e");
    let edit = app.take_edit().unwrap();
    assert_eq!(edit.record, BERIA_ID);
    app.update(Message::Desk(DeskMessage::NoteEdited {
        record: BERIA_ID.into(),
        result: Ok(Some("Rewritten".into())),
    }));
    let summary: Vec<String> = app
        .summary_view()
        .unwrap()
        .iter()
        .map(|l| l.text())
        .collect();
    assert!(
        summary.iter().any(|l| l.contains("Rewritten")),
        "{summary:?}"
    );
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("Note saved"), "{screen}");
}

#[test]
fn the_last_record_reopens_and_visits_are_recorded() {
    let snapshot = DeskSnapshot {
        last_open: Some(BERIA_ID.into()),
        ..DeskSnapshot::default()
    };
    let mut app = with_desk(snapshot, 80, 24);
    assert_eq!(app.selected_record().unwrap().id, BERIA_ID);
    assert_eq!(app.shown_record().unwrap().id, BERIA_ID);
    app.take_desk_writes();
    // Reading the full text a page down, then the next record: the visit to it is
    // recorded and the position in the one left kept.
    send(&mut app, &[Action::Show(Pane::FullText), Action::PageDown]);
    let offset = app
        .wrapped_text()
        .unwrap()
        .offset_of_line(app.text_top_line()) as u64;
    assert!(offset > 0);
    send(&mut app, &[Action::NextRecord]);
    let next = app.shown_record().unwrap().id.clone();
    assert_ne!(next, BERIA_ID);
    assert_eq!(
        app.take_desk_writes(),
        vec![
            DeskWrite::Position {
                record: BERIA_ID.into(),
                offset
            },
            DeskWrite::Visit(next)
        ]
    );
    // The next run opens the text where it was left (at the line holding the
    // offset at the width it is first shown, a narrower pane beside the list).
    let mut snapshot = DeskSnapshot {
        last_open: Some(BERIA_ID.into()),
        ..DeskSnapshot::default()
    };
    snapshot.positions.insert(BERIA_ID.into(), offset);
    let mut app = with_desk(snapshot, 80, 24);
    send(&mut app, &[Action::Show(Pane::FullText)]);
    let restored = app
        .wrapped_text()
        .unwrap()
        .offset_of_line(app.text_top_line()) as u64;
    assert!(
        restored > 0 && restored <= offset && offset - restored < 120,
        "{restored} for {offset}"
    );
}

#[test]
fn a_desk_that_cannot_be_written_is_said_and_the_room_goes_on() {
    let snapshot = DeskSnapshot {
        read_only: Some("desk.sqlite is read-only".into()),
        notice: Some(
            "desk.sqlite is read-only: marks and notes are shown but changes are not saved".into(),
        ),
        ..DeskSnapshot::default()
    };
    let mut app = with_desk(snapshot, 120, 40);
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("read-only"), "{screen}");
    select_beria(&mut app);
    keys(&mut app, "m");
    assert!(app.desk().is_marked(BERIA_ID), "shown until carrel ends");
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("not saved"), "{screen}");

    let mut app = tui_support::app(120, 40);
    app.update(Message::Desk(DeskMessage::Unavailable(
        "no desk here".into(),
    )));
    keys(&mut app, "m");
    assert!(app.take_desk_writes().is_empty());
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("no desk"), "{screen}");
}

#[test]
fn snapshots_with_marks_and_the_desk_entries() {
    let mut snapshot = DeskSnapshot::default();
    snapshot.annotations.marked.insert(BERIA_ID.into());
    snapshot
        .annotations
        .marked
        .insert("politburo-1935-03-19".into());
    snapshot
        .annotations
        .tags
        .insert(BERIA_ID.into(), vec!["Altai".into()]);
    snapshot.recent = vec![BERIA_ID.into()];
    snapshot
        .notes
        .insert(BERIA_ID.into(), "Compare with the Ili telegrams.".into());
    let mut app = with_desk(snapshot, 80, 24);
    select_beria(&mut app);
    insta::assert_snapshot!("desk_80x24", render_to_string(&mut app, 80, 24));
    send(&mut app, &[Action::Show(Pane::Summary)]);
    insta::assert_snapshot!("desk_summary_80x24", render_to_string(&mut app, 80, 24));
    insta::assert_snapshot!("desk_120x40", render_to_string(&mut app, 120, 40));
}

#[test]
fn snapshot_of_the_style_window_at_80x24() {
    let mut app = desk_app();
    select_beria(&mut app);
    keys(&mut app, "Y");
    insta::assert_snapshot!("desk_styles_80x24", render_to_string(&mut app, 80, 24));
}
