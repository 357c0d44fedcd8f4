//! The reading room driven by messages alone, as the event loop delivers them:
//! terminal events, signals, suspension, texts read back, and what the panes say
//! (the view model's lines with their roles, before any styling).
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

mod tui_support;

use carrel::tui::view::Role;
use carrel::tui::{Action, App, Message, Pane};
use carrel::ui::render_to_string;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_support::{BERIA_ID, app, run_search};

fn key(code: KeyCode, modifiers: KeyModifiers) -> Message {
    Message::Terminal(Event::Key(KeyEvent::new(code, modifiers)))
}

fn ctrl_z() -> Message {
    key(KeyCode::Char('z'), KeyModifiers::CONTROL)
}

fn open_beria(app: &mut App) {
    app.update(key(KeyCode::Char('/'), KeyModifiers::NONE));
    for c in "molotov osman".chars() {
        app.update(key(KeyCode::Char(c), KeyModifiers::NONE));
        run_search(app);
    }
    app.update(key(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.selected_record().unwrap().id, BERIA_ID);
}

#[test]
fn terminal_events_mean_what_the_keymap_says_in_the_state_they_arrive_in() {
    let mut app = app(120, 40);
    app.update(key(KeyCode::Char('j'), KeyModifiers::NONE));
    assert_eq!(app.selected_row(), Some(1));
    // With the filter line open, the same letter is typed, not a step.
    app.update(key(KeyCode::Char('/'), KeyModifiers::NONE));
    app.update(key(KeyCode::Char('j'), KeyModifiers::NONE));
    assert_eq!(app.filter().query, "j");
    app.update(Message::Terminal(Event::Resize(90, 30)));
    assert_eq!(app.size(), (90, 30));
}

#[test]
fn a_signal_ends_the_reading_room_and_says_which() {
    let mut app = app(80, 24);
    assert!(!app.should_quit());
    app.update(Message::Ended { signal: 15 });
    assert!(app.should_quit());
    assert_eq!(app.ended_by(), Some(15));
    // The first signal is the one the exit status reports.
    app.update(Message::Ended { signal: 1 });
    assert_eq!(app.ended_by(), Some(15));
}

#[test]
fn q_quits_without_a_signal() {
    let mut app = app(80, 24);
    app.update(Action::Quit);
    assert!(app.should_quit());
    assert_eq!(app.ended_by(), None);
}

#[test]
fn ctrl_z_asks_to_suspend_from_the_lists_the_document_and_the_filter_line() {
    for setup in [&[][..], &[Action::Open][..], &[Action::OpenFilter][..]] {
        let mut app = app(120, 40);
        for action in setup {
            app.update(*action);
        }
        let focus = app.focus();
        let query = app.filter().query.clone();
        app.update(ctrl_z());
        assert!(app.wants_suspend(), "after {setup:?}");
        assert_eq!(app.filter().query, query, "Ctrl-z is not typed");
        app.update(Message::Resumed);
        assert!(!app.wants_suspend());
        assert_eq!(app.focus(), focus, "back where it was");
    }
    // SIGTSTP asks the same.
    let mut app = app(80, 24);
    app.update(Message::Suspend);
    assert!(app.wants_suspend());
}

#[test]
fn suspending_keeps_a_waiting_document_waiting() {
    let mut app = app(120, 40);
    app.update(Action::Down);
    assert!(app.document_waiting());
    app.update(ctrl_z());
    app.update(Message::Resumed);
    assert!(app.document_waiting());
    app.update(Message::Rest);
    assert!(!app.document_waiting());
}

#[test]
fn the_help_lists_ctrl_z_from_the_keymap() {
    let mut app = app(120, 40);
    app.update(Action::ToggleHelp);
    let help: Vec<String> = app.help_view().iter().map(|l| l.text()).collect();
    let row = help
        .iter()
        .find(|l| l.contains("Ctrl-z"))
        .expect("a row for Ctrl-z");
    assert!(row.contains("suspend"), "{row}");
    assert!(render_to_string(&mut app, 120, 40).contains("Ctrl-z"));
}

#[test]
fn the_panes_say_what_they_show_with_roles_and_no_style() {
    let mut app = app(160, 45);
    open_beria(&mut app);
    let summary = app.summary_view().expect("the summary pane is shown");
    assert_eq!(summary[0].spans[0].role, Role::Body);
    assert!(summary[0].text().starts_with("Beria writes"));
    let at = summary
        .iter()
        .position(|l| l.text().starts_with("People: "))
        .expect("the people");
    let people = &summary[at];
    assert_eq!(people.spans[0].text, "People: ");
    assert_eq!(people.spans[0].role, Role::Label);
    let named: Vec<String> = summary[at..].iter().map(|l| l.text()).collect();
    assert!(named.join(" ").contains("Osman Batur"), "{named:?}");

    let provenance = app.provenance_view().expect("the provenance pane is shown");
    let citation = provenance
        .iter()
        .find(|l| l.text().starts_with("Citation: "))
        .expect("the citation");
    assert_eq!(citation.spans[0].role, Role::Label);
    assert!(citation.text().contains("GARF"));
    assert!(
        provenance
            .iter()
            .any(|l| l.spans.iter().any(|s| s.role == Role::Heading)),
        "sections have headings"
    );
}

#[test]
fn the_panes_lines_are_wrapped_to_their_width_and_laid_out_again_on_a_resize() {
    let mut app = app(200, 50);
    open_beria(&mut app);
    let width = |app: &App| {
        app.summary_view()
            .unwrap()
            .iter()
            .map(|l| l.text().chars().count())
            .max()
            .unwrap()
    };
    let wide = width(&app);
    app.update(Action::Resize(100, 40));
    let narrow = width(&app);
    assert!(narrow < wide, "{narrow} < {wide}");
    let inner = app.panes().summary.unwrap().width as usize - 2;
    assert!(narrow < inner, "a column is kept free for the scrollbar");
}

#[test]
fn at_80_columns_only_the_pane_shown_is_laid_out() {
    let mut app = app(80, 24);
    open_beria(&mut app);
    app.update(Action::Show(Pane::Summary));
    assert!(app.summary_view().is_some());
    assert!(
        app.provenance_view().is_none(),
        "not on screen, not laid out"
    );
}

#[test]
fn field_scopes_in_the_filter_line_apply_in_the_reading_room() {
    let mut app = app(120, 40);
    app.update(Action::OpenFilter);
    for c in "date:1945".chars() {
        app.update(Action::FilterType(c));
        run_search(&mut app);
    }
    assert!(!app.filter_scopes_unapplied());
    let dates: Vec<String> = app
        .visible_records()
        .map(|r| r.edtf().map(|d| d.as_str().to_string()).unwrap_or_default())
        .collect();
    assert!(!dates.is_empty() && dates.len() < 11, "{dates:?}");
    assert!(dates.iter().all(|d| d.starts_with("1945")), "{dates:?}");
    let screen = render_to_string(&mut app, 120, 40);
    assert!(!screen.contains("field scopes"), "{screen}");
    assert!(
        screen.contains(&format!("{} of 11 match", dates.len())),
        "{screen}"
    );
    // A scope with a word: the word ranks among the records the scope lets through.
    app.update(Action::FilterClear);
    for c in "person:beria molotov".chars() {
        app.update(Action::FilterType(c));
        run_search(&mut app);
    }
    let ids: Vec<String> = app.visible_records().map(|r| r.id.clone()).collect();
    assert_eq!(ids, vec![BERIA_ID.to_string()]);
}

#[test]
fn bad_query_syntax_says_where_instead_of_an_empty_list() {
    let mut app = app(120, 40);
    app.update(Action::OpenFilter);
    for c in "date:19x4..".chars() {
        app.update(Action::FilterType(c));
        run_search(&mut app);
    }
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("not a date: 19x4"), "{screen}");
}

#[test]
fn a_store_changed_on_disk_is_said_and_r_asks_to_open_it_again() {
    let mut app = app(120, 40);
    let before = render_to_string(&mut app, 120, 40);
    assert!(!before.contains("changed on disk"), "{before}");
    app.update(Message::StoreChanged);
    let screen = render_to_string(&mut app, 120, 40);
    assert!(
        screen.contains("the store changed on disk: R opens it again"),
        "{screen}"
    );
    assert!(!app.should_quit());
    app.update(key(KeyCode::Char('R'), KeyModifiers::NONE));
    assert!(app.should_quit() && app.wants_reopen());
    assert_eq!(app.ended_by(), None);
}
