//! The reading room's full-text side, driven by messages: the index's progress, the
//! filter line's full-text mode (Ctrl-f) with ranked results and snippets, the hits
//! of the shown text with `n` / `N`, find in the document, the sort key. The
//! full-text thread's work is done in line (the same `run` the thread calls).

#![allow(clippy::unwrap_used)] // tests may unwrap (house rules)

mod tui_support;

use carrel::search::fulltext::FullText;
use carrel::store::schema::{Text, TextRole};
use carrel::store::{Record, Store};
use carrel::tui::view::Role;
use carrel::tui::{Action, App, FullTextMessage, Message, Pane, action_for_event};
use carrel::ui::render_to_string;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_support::{BERIA_ID, run_search, store};

const STALIN_ID: &str = "beria-stalin-1945-09-05";
const YEGNAROV_ID: &str = "yegnarov-1945-11-03";

/// The test store with two more texts that name Altay (once and twice).
fn texts_store() -> Store {
    let base = store();
    let mut records: Vec<Record> = base.records.clone();
    for record in &mut records {
        let body = match record.id.as_str() {
            STALIN_ID => {
                "The rebels of the Altay District hold the roads.\n\nIn Altay the \
                 harvest failed and the rebels took the grain."
            }
            YEGNAROV_ID => "Alihan Tore writes from Ghulja. The Altay leaders answered him.",
            _ => continue,
        };
        record.texts = vec![Text {
            lang: "en".to_string(),
            role: TextRole::Translation,
            translators: vec![],
            body: body.to_string(),
        }];
    }
    Store::new(base.archive, base.collections, records)
}

/// A reading room over `texts_store` with its full-text index open, as the
/// full-text thread would have it.
fn room(width: u16, height: u16) -> (App, FullText) {
    let mut app = App::new(texts_store());
    app.update(Action::Resize(width, height));
    let store = app.shared_store();
    let fulltext = FullText::open(&store, None, |_| {}).unwrap();
    app.update(Message::FullText(FullTextMessage::Progress(100)));
    app.update(Message::FullText(FullTextMessage::Ready(Ok(()))));
    (app, fulltext)
}

/// Does what the event loop's threads would: the searches and hits the app wants.
fn pump(app: &mut App, fulltext: &FullText) {
    let store = app.shared_store();
    for _ in 0..8 {
        let mut idle = true;
        if let Some(request) = app.text_search_wanted().cloned() {
            app.update(request.run(fulltext, &store));
            idle = false;
        }
        if let Some(request) = app.text_hits_wanted() {
            app.update(request.run(fulltext, &store));
            idle = false;
        }
        if let Some(request) = app.text_snippets_wanted() {
            app.update(request.run(fulltext, &store));
            idle = false;
        }
        if app.search_wanted().is_some() {
            run_search(app);
            idle = false;
        }
        if idle {
            return;
        }
    }
}

fn press(app: &mut App, fulltext: &FullText, event: Event) {
    if let Some(action) = action_for_event(app, &event) {
        app.update(action);
    }
    pump(app, fulltext);
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl_f() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL))
}

fn type_in(app: &mut App, fulltext: &FullText, text: &str) {
    for c in text.chars() {
        press(app, fulltext, key(c));
    }
}

fn ids(app: &App) -> Vec<String> {
    app.visible_records().map(|r| r.id.clone()).collect()
}

/// `/`, Ctrl-f, `altay`: the texts that name Altay, best first.
fn search_altay(app: &mut App, fulltext: &FullText) {
    press(app, fulltext, key('/'));
    press(app, fulltext, ctrl_f());
    type_in(app, fulltext, "altay");
}

fn bottom_border(screen: &str, of: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(of))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_status_line_says_how_far_the_texts_are_indexed_and_full_text_waits_for_it() {
    let mut app = App::new(texts_store());
    app.update(Message::FullText(FullTextMessage::Progress(34)));
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("indexing texts 34%"), "{screen}");
    // Full text asked for meanwhile: the list stays, the filter line says why.
    app.update(Action::OpenFilter);
    app.update(Action::ToggleFullText);
    for c in "altay".chars() {
        app.update(Action::FilterType(c));
    }
    assert!(
        app.text_search_wanted().is_some(),
        "asked, answered once indexed"
    );
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("/text: altay"), "{screen}");
    assert!(screen.contains("texts: indexing texts 34%"), "{screen}");
    // Indexed: the status line no longer speaks of it.
    app.update(Message::FullText(FullTextMessage::Ready(Ok(()))));
    assert!(!render_to_string(&mut app, 120, 40).contains("indexing texts"));
}

#[test]
fn ctrl_f_lists_the_texts_ranked_each_with_a_snippet_its_words_highlighted() {
    let (mut app, fulltext) = room(120, 40);
    search_altay(&mut app, &fulltext);
    assert!(app.fulltext_on());
    // The Beria report names Altay most, in its title's company of names too.
    assert_eq!(ids(&app)[0], BERIA_ID);
    assert_eq!(ids(&app).len(), 3, "{:?}", ids(&app));
    for row in 0..3 {
        let snippet = app.snippet_line(row).unwrap();
        let hits: Vec<&str> = snippet
            .spans
            .iter()
            .filter(|s| s.role == Role::Hit)
            .map(|s| s.text.as_ref())
            .collect();
        assert!(!hits.is_empty(), "row {row}: {snippet:?}");
        assert!(hits.iter().all(|h| h.starts_with("Alta")), "{hits:?}");
    }
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("3 in texts"), "{screen}");
    assert!(screen.contains("Ctrl-f titles"), "{screen}");
    // Ctrl-f again: the short fields, which know Altay as a place of one record.
    press(&mut app, &fulltext, ctrl_f());
    assert!(!app.fulltext_on());
    assert_eq!(ids(&app), vec![BERIA_ID.to_string()]);
    assert!(app.snippet_line(0).is_none());
}

#[test]
fn full_text_with_bad_syntax_or_a_scope_says_so_or_applies_it() {
    let (mut app, fulltext) = room(120, 40);
    press(&mut app, &fulltext, key('/'));
    press(&mut app, &fulltext, ctrl_f());
    type_in(&mut app, &fulltext, "altay date:19x4..");
    assert!(app.rows().is_empty());
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("not a date: 19x4"), "{screen}");
    // A scope narrows the texts' hits to the records it lets through.
    for _ in 0.."19x4..".len() {
        press(&mut app, &fulltext, code(KeyCode::Backspace));
    }
    type_in(&mut app, &fulltext, "1945-11");
    assert_eq!(ids(&app), vec![YEGNAROV_ID.to_string()]);
}

#[test]
fn when_the_titles_find_nothing_the_filter_line_counts_the_texts() {
    let (mut app, fulltext) = room(120, 40);
    press(&mut app, &fulltext, key('/'));
    type_in(&mut app, &fulltext, "harvest");
    assert!(app.rows().is_empty());
    let screen = render_to_string(&mut app, 120, 40);
    assert!(
        screen.contains("0 in titles · 1 in texts: Ctrl-f"),
        "{screen}"
    );
    press(&mut app, &fulltext, ctrl_f());
    assert_eq!(ids(&app), vec![STALIN_ID.to_string()]);
}

#[test]
fn opening_a_result_scrolls_to_the_first_hit_and_n_steps_through_every_hit() {
    let (mut app, fulltext) = room(80, 24);
    search_altay(&mut app, &fulltext);
    press(&mut app, &fulltext, code(KeyCode::Enter));
    press(&mut app, &fulltext, code(KeyCode::Enter));
    assert_eq!(app.focus(), Pane::FullText);
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("hit 1 of 9"), "{screen}");
    let first_top = app.text_top_line();
    let hit_lines: Vec<usize> = (0..40)
        .filter(|&i| {
            app.full_text_lines(i, i + 1)
                .first()
                .is_some_and(|l| l.spans.iter().any(|s| s.role == Role::Hit))
        })
        .collect();
    assert!(
        hit_lines
            .iter()
            .any(|&l| l >= first_top && l < first_top + 5),
        "the first hit is in sight near the top: {first_top} {hit_lines:?}"
    );
    press(&mut app, &fulltext, key('n'));
    press(&mut app, &fulltext, key('n'));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("hit 3 of 9"), "{screen}");
    // Back before the first: round to the last, with a notice.
    for _ in 0..3 {
        press(&mut app, &fulltext, key('N'));
    }
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("hit 9 of 9 · wrapped"), "{screen}");
    assert!(app.text_top_line() > first_top);
}

#[test]
fn find_in_the_document_is_incremental_wraps_round_and_esc_returns_to_reading() {
    let (mut app, fulltext) = room(80, 24);
    app.update(Action::Down);
    while app.selected_record().unwrap().id != BERIA_ID {
        app.update(Action::Down);
    }
    press(&mut app, &fulltext, code(KeyCode::Enter));
    app.update(Action::Show(Pane::FullText));
    let reading = app.text_top_line();
    press(&mut app, &fulltext, key('/'));
    assert!(app.finding());
    type_in(&mut app, &fulltext, "ALT");
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("find: ALT"), "{screen}");
    // "Altay" and "Altai", letter case aside.
    assert!(screen.contains("1 of 9 "), "{screen}");
    type_in(&mut app, &fulltext, "ai");
    assert!(render_to_string(&mut app, 80, 24).contains("1 of 1 "));
    // Esc: the find ends, the text is where reading left it.
    press(&mut app, &fulltext, code(KeyCode::Esc));
    assert!(!app.finding());
    assert_eq!(app.text_top_line(), reading);
    assert!(!render_to_string(&mut app, 80, 24).contains("find:"));
    // Enter keeps the hits for n / N, round the end with a notice.
    press(&mut app, &fulltext, key('/'));
    type_in(&mut app, &fulltext, "khan");
    press(&mut app, &fulltext, code(KeyCode::Enter));
    assert!(!app.finding());
    press(&mut app, &fulltext, key('n'));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("2 of 2"), "{screen}");
    press(&mut app, &fulltext, key('n'));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("1 of 2 · wrapped"), "{screen}");
    // Esc in the document ends a kept find first, then goes back to the list.
    press(&mut app, &fulltext, code(KeyCode::Esc));
    assert_eq!(app.focus(), Pane::FullText);
    assert!(app.hit_label().is_none());
    press(&mut app, &fulltext, code(KeyCode::Esc));
    assert_eq!(app.focus(), Pane::Records);
}

/// Beria's letter open, its full text shown.
fn open_beria_text(app: &mut App, fulltext: &FullText) {
    while app.selected_record().unwrap().id != BERIA_ID {
        app.update(Action::Down);
    }
    press(app, fulltext, code(KeyCode::Enter));
    app.update(Action::Show(Pane::FullText));
}

/// `/`, the words, Enter: a find kept.
fn keep_find(app: &mut App, fulltext: &FullText, words: &str) {
    press(app, fulltext, key('/'));
    type_in(app, fulltext, words);
    press(app, fulltext, code(KeyCode::Enter));
}

#[test]
fn the_find_line_brings_back_earlier_finds_with_up_and_down() {
    let (mut app, fulltext) = room(120, 40);
    open_beria_text(&mut app, &fulltext);
    for find in ["rebels", "khan", "rebels"] {
        keep_find(&mut app, &fulltext, find);
    }
    // Esc'd finds are not kept.
    press(&mut app, &fulltext, key('/'));
    type_in(&mut app, &fulltext, "zzz");
    press(&mut app, &fulltext, code(KeyCode::Esc));
    press(&mut app, &fulltext, key('/'));
    assert_eq!(app.find_line().as_deref(), Some("find: "));
    let mut seen = Vec::new();
    for step in [KeyCode::Up, KeyCode::Up, KeyCode::Up, KeyCode::Down] {
        press(&mut app, &fulltext, code(step));
        seen.push(app.find_line().unwrap());
    }
    // Newest first, each once; Up stops at the oldest.
    assert_eq!(
        seen,
        ["find: rebels", "find: khan", "find: khan", "find: rebels"]
    );
    // A find brought back finds at once, as if typed.
    assert!(
        app.hit_label().is_some_and(|l| l.ends_with("of 3")),
        "{:?}",
        app.hit_label()
    );
    press(&mut app, &fulltext, code(KeyCode::Down));
    assert_eq!(app.find_line().as_deref(), Some("find: "));
    assert!(app.finding(), "still in the find line");
}

#[test]
fn the_find_line_s_history_comes_from_the_desk_and_goes_back_to_it() {
    use carrel::tui::desk_state::{DeskMessage, DeskSnapshot, DeskWrite};
    let (mut app, fulltext) = room(120, 40);
    // A find kept before the desk opened stays newest.
    open_beria_text(&mut app, &fulltext);
    keep_find(&mut app, &fulltext, "rebels");
    let snapshot = DeskSnapshot {
        find_history: vec!["khan".into(), "rebels".into(), "Ospan".into()],
        ..DeskSnapshot::default()
    };
    app.update(Message::Desk(DeskMessage::Opened(Box::new(snapshot))));
    app.take_desk_writes();
    press(&mut app, &fulltext, key('/'));
    let mut seen = Vec::new();
    for _ in 0..4 {
        press(&mut app, &fulltext, code(KeyCode::Up));
        seen.push(app.find_line().unwrap());
    }
    assert_eq!(
        seen,
        ["find: rebels", "find: khan", "find: Ospan", "find: Ospan"]
    );
    press(&mut app, &fulltext, code(KeyCode::Esc));
    // With the desk open, a kept find is written to it.
    keep_find(&mut app, &fulltext, "Altay");
    assert!(
        app.take_desk_writes()
            .contains(&DeskWrite::PushFind("Altay".into())),
        "the find is kept on the desk"
    );
}

#[test]
fn s_cycles_the_sort_date_title_and_relevance_with_a_query() {
    let (mut app, fulltext) = room(120, 40);
    let by_date = ids(&app);
    press(&mut app, &fulltext, key('s'));
    let titles: Vec<String> = app.visible_records().map(|r| r.title.clone()).collect();
    let mut sorted = titles.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles, sorted);
    assert!(render_to_string(&mut app, 120, 40).contains("(11) · by title"));
    press(&mut app, &fulltext, key('s'));
    assert_eq!(ids(&app), by_date);
    // With a query: relevance, date, title.
    search_altay(&mut app, &fulltext);
    let by_relevance = ids(&app);
    press(&mut app, &fulltext, code(KeyCode::Enter));
    assert_eq!(app.focus(), Pane::Records);
    press(&mut app, &fulltext, key('s'));
    assert_eq!(ids(&app), vec![STALIN_ID, BERIA_ID, YEGNAROV_ID], "by date");
    press(&mut app, &fulltext, key('s'));
    press(&mut app, &fulltext, key('s'));
    assert_eq!(ids(&app), by_relevance);
}

mod snapshots {
    use super::*;

    fn results(width: u16, height: u16) -> String {
        let (mut app, fulltext) = room(width, height);
        search_altay(&mut app, &fulltext);
        render_to_string(&mut app, width, height)
    }

    fn hits(width: u16, height: u16) -> String {
        let (mut app, fulltext) = room(width, height);
        search_altay(&mut app, &fulltext);
        press(&mut app, &fulltext, code(KeyCode::Enter));
        press(&mut app, &fulltext, code(KeyCode::Enter));
        press(&mut app, &fulltext, key('n'));
        press(&mut app, &fulltext, key('n'));
        let screen = render_to_string(&mut app, width, height);
        assert!(
            bottom_border(&screen, "hit 3 of 9").contains("line"),
            "{screen}"
        );
        screen
    }

    fn find(width: u16, height: u16) -> String {
        let (mut app, fulltext) = room(width, height);
        while app.selected_record().unwrap().id != BERIA_ID {
            app.update(Action::Down);
        }
        press(&mut app, &fulltext, code(KeyCode::Enter));
        app.update(Action::Show(Pane::FullText));
        press(&mut app, &fulltext, key('/'));
        type_in(&mut app, &fulltext, "rebels");
        press(&mut app, &fulltext, code(KeyCode::Enter));
        press(&mut app, &fulltext, key('n'));
        render_to_string(&mut app, width, height)
    }

    #[test]
    fn fulltext_results_80x24() {
        insta::assert_snapshot!(results(80, 24));
    }

    #[test]
    fn fulltext_results_120x40() {
        insta::assert_snapshot!(results(120, 40));
    }

    #[test]
    fn fulltext_hits_80x24() {
        insta::assert_snapshot!(hits(80, 24));
    }

    #[test]
    fn fulltext_hits_120x40() {
        insta::assert_snapshot!(hits(120, 40));
    }

    #[test]
    fn find_in_document_80x24() {
        insta::assert_snapshot!(find(80, 24));
    }

    #[test]
    fn find_in_document_120x40() {
        insta::assert_snapshot!(find(120, 40));
    }
}
