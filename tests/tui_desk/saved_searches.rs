//! Saved searches in the reading room: `S` saves the query, the collection list shows
//! each with its count, `r` renames the one chosen there and `x` removes it (asking
//! first).

use carrel::tui::desk_state::{DeskSnapshot, DeskWrite, Prompt};
use carrel::tui::{Action, App, Message};
use carrel::ui::render_to_string;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::{desk_app, entry_labels, ids, key, keys, select_beria, with_desk};
use crate::tui_support::send;

#[test]
fn capital_s_saves_the_query_which_appears_with_its_count() {
    let mut app = desk_app();
    keys(&mut app, "/beria");
    key(&mut app, KeyCode::Enter);
    app.take_desk_writes();
    keys(&mut app, "S");
    keys(&mut app, "Beria's");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.take_desk_writes(),
        vec![DeskWrite::SaveSearch {
            name: "Beria's".into(),
            query: "beria".into()
        }]
    );
    let beria_hits = ids(&app).len();
    let label = entry_labels(&app)
        .into_iter()
        .find(|(l, _)| l.contains("Beria's"))
        .unwrap();
    assert_eq!(label.1, beria_hits);
    // Opening the saved search lists its hits.
    key(&mut app, KeyCode::Esc);
    assert_eq!(ids(&app).len(), 11);
    let position = 1 + app.desk_entries().len();
    send(&mut app, &[Action::FocusPrev]);
    for _ in 0..position - 1 {
        send(&mut app, &[Action::Down]);
    }
    assert_eq!(ids(&app).len(), beria_hits);
}

#[test]
fn a_saved_search_of_desk_terms_counts_as_marks_change() {
    let mut snapshot = DeskSnapshot::default();
    snapshot.saved.push(carrel::desk::SavedSearch {
        name: "starred".into(),
        query: "is:marked".into(),
        saved: carrel::desk::Timestamp(0),
    });
    let mut app = with_desk(snapshot, 80, 24);
    let count = |app: &App| {
        entry_labels(app)
            .into_iter()
            .find(|(l, _)| l.contains("starred"))
            .unwrap()
            .1
    };
    assert_eq!(count(&app), 0);
    select_beria(&mut app);
    keys(&mut app, "m");
    assert_eq!(count(&app), 1);
}

fn saved(name: &str, query: &str) -> carrel::desk::SavedSearch {
    carrel::desk::SavedSearch {
        name: name.into(),
        query: query.into(),
        saved: carrel::desk::Timestamp(0),
    }
}

/// The reading room with these saved searches on its desk.
fn with_saved(searches: &[(&str, &str)]) -> App {
    let mut snapshot = DeskSnapshot::default();
    for (name, query) in searches {
        snapshot.saved.push(saved(name, query));
    }
    with_desk(snapshot, 80, 24)
}

/// Moves the collection list's cursor onto the saved search `name`.
fn choose(app: &mut App, name: &str) {
    let at = app
        .desk_entries()
        .iter()
        .position(|(_, label, _)| label.ends_with(name))
        .unwrap();
    send(app, &[Action::FocusPrev]);
    for _ in 0..=at {
        send(app, &[Action::Down]);
    }
    app.update(Message::Rest);
}

fn ctrl_u(app: &mut App) {
    app.update(Message::Terminal(Event::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    ))));
}

fn saved_names(app: &App) -> Vec<String> {
    entry_labels(app)
        .into_iter()
        .map(|(label, _)| label)
        .filter(|label| label.starts_with("Search:"))
        .collect()
}

#[test]
fn r_renames_the_saved_search_chosen_and_the_list_stays_on_it() {
    let mut app = with_saved(&[("Beria's", "beria"), ("Osman", "osman")]);
    choose(&mut app, "Beria's");
    let hits = ids(&app);
    assert!(hits.len() < 11, "the search restricts the list: {hits:?}");
    app.take_desk_writes();
    keys(&mut app, "r");
    // The prompt starts from the old name, to edit.
    assert_eq!(
        app.desk().prompt(),
        Some(&Prompt::RenameSearch {
            old: "Beria's".into(),
            input: "Beria's".into()
        })
    );
    ctrl_u(&mut app);
    keys(&mut app, "Telegrams of Beria");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.take_desk_writes(),
        vec![DeskWrite::RenameSearch {
            old: "Beria's".into(),
            new: "Telegrams of Beria".into()
        }]
    );
    assert_eq!(app.desk().prompt(), None);
    assert_eq!(
        saved_names(&app),
        vec!["Search: Osman", "Search: Telegrams of Beria"]
    );
    assert_eq!(ids(&app), hits, "the list still shows the renamed search");
    let screen = render_to_string(&mut app, 80, 24);
    // The status line (cut at 80 columns) says so, and the list is named after it.
    assert!(
        screen.contains("Renamed the search “Beria's” to “Telegrams"),
        "{screen}"
    );
    assert!(
        screen.contains("Search: Telegrams of Beria (3)"),
        "{screen}"
    );
}

#[test]
fn r_will_not_take_another_saved_search_s_name() {
    let mut app = with_saved(&[("Beria's", "beria"), ("Osman", "osman")]);
    choose(&mut app, "Osman");
    app.take_desk_writes();
    keys(&mut app, "r");
    ctrl_u(&mut app);
    keys(&mut app, "Beria's");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.take_desk_writes(), vec![]);
    // The prompt stays open with what was typed, and the line says why.
    assert!(matches!(
        app.desk().prompt(),
        Some(Prompt::RenameSearch { input, .. }) if input == "Beria's"
    ));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(
        screen.contains("a saved search is called “Beria's” already"),
        "{screen}"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(saved_names(&app), vec!["Search: Beria's", "Search: Osman"]);
}

#[test]
fn x_asks_first_and_removes_only_on_y() {
    let mut app = with_saved(&[("Beria's", "beria"), ("Osman", "osman")]);
    choose(&mut app, "Osman");
    let all = 11;
    assert!(ids(&app).len() < all);
    app.take_desk_writes();
    keys(&mut app, "x");
    assert_eq!(
        app.desk().prompt(),
        Some(&Prompt::RemoveSearch {
            name: "Osman".into()
        })
    );
    // Any other key leaves the question open; n keeps the search.
    keys(&mut app, "jn");
    assert_eq!(app.desk().prompt(), None);
    assert_eq!(app.take_desk_writes(), vec![]);
    assert_eq!(saved_names(&app), vec!["Search: Beria's", "Search: Osman"]);
    keys(&mut app, "xy");
    assert_eq!(
        app.take_desk_writes(),
        vec![DeskWrite::RemoveSearch("Osman".into())]
    );
    assert_eq!(saved_names(&app), vec!["Search: Beria's"]);
    // The list it showed is gone: back to all records.
    assert_eq!(ids(&app).len(), all);
    assert_eq!(app.collection_cursor(), 0);
}

#[test]
fn r_and_x_with_no_saved_search_chosen_say_how_to_choose_one() {
    let mut app = with_saved(&[("Osman", "osman")]);
    for letter in ["r", "x"] {
        app.take_desk_writes();
        keys(&mut app, letter);
        assert_eq!(app.desk().prompt(), None);
        assert_eq!(app.take_desk_writes(), vec![]);
        let screen = render_to_string(&mut app, 80, 24);
        assert!(
            screen.contains("choose a saved search in the collection list first"),
            "{screen}"
        );
    }
}

#[test]
fn snapshots_of_the_rename_and_remove_windows_at_80x24() {
    let mut app = with_saved(&[("Osman", "osman batur")]);
    choose(&mut app, "Osman");
    keys(&mut app, "r");
    insta::assert_snapshot!(
        "desk_rename_search_80x24",
        render_to_string(&mut app, 80, 24)
    );
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "x");
    insta::assert_snapshot!(
        "desk_remove_search_80x24",
        render_to_string(&mut app, 80, 24)
    );
}
