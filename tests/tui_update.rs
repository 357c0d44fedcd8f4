//! The reading room driven by actions and key events, without a terminal.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rules)

mod tui_support;

use carrel::open::Arrival;
use carrel::store::cache::Opening;
use carrel::store::{Loaded, Problem, StoreError};
use carrel::tui::{Action, App, Library, Message, Mode, Pane, action_for_event};
use carrel::ui::render_to_string;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui_support::{BERIA_ID, app, run_search, send, type_text};

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn press(app: &mut App, event: Event) {
    if let Some(action) = action_for_event(app, &event) {
        app.update(action);
        run_search(app);
    }
}

fn selected_id(app: &App) -> String {
    app.selected_record()
        .map(|r| r.id.clone())
        .unwrap_or_default()
}

fn select_beria(app: &mut App) {
    while selected_id(app) != BERIA_ID {
        app.update(Action::Down);
    }
}

fn titles(app: &App) -> Vec<String> {
    app.visible_records().map(|r| r.title.clone()).collect()
}

#[test]
fn starts_on_all_records_sorted_by_date() {
    let app = app(80, 24);
    assert_eq!(app.focus(), Pane::Records);
    assert_eq!(app.collection_index(), 0);
    assert_eq!(app.rows().len(), 11);
    assert_eq!(selected_id(&app), "politburo-1935-03-19");
    assert_eq!(
        titles(&app).last().map(String::as_str),
        Some("Telegram from Cde. Yegnarov and Cde. Langvang to Cde. Beria")
    );
}

#[test]
fn keys_move_the_selection_and_stop_at_the_ends() {
    let mut app = app(80, 24);
    press(&mut app, key(KeyCode::Char('k')));
    assert_eq!(app.selected_row(), Some(0));
    press(&mut app, key(KeyCode::Char('j')));
    press(&mut app, key(KeyCode::Down));
    assert_eq!(app.selected_row(), Some(2));
    press(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)),
    );
    assert_eq!(app.selected_row(), Some(10));
    press(&mut app, key(KeyCode::Char('j')));
    assert_eq!(app.selected_row(), Some(10));
    press(&mut app, key(KeyCode::Home));
    assert_eq!(app.selected_row(), Some(0));
    press(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
    );
    assert!(app.selected_row().unwrap() > 0);
}

#[test]
fn key_releases_are_ignored() {
    let app = app(80, 24);
    let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(action_for_event(&app, &Event::Key(release)), None);
}

#[test]
fn tab_cycles_collections_records_document() {
    let mut app = app(120, 40);
    press(&mut app, key(KeyCode::Tab));
    assert_eq!(app.focus(), Pane::FullText);
    press(&mut app, key(KeyCode::Tab));
    assert_eq!(app.focus(), Pane::Collections);
    press(&mut app, key(KeyCode::Tab));
    assert_eq!(app.focus(), Pane::Records);
    press(&mut app, key(KeyCode::BackTab));
    assert_eq!(app.focus(), Pane::Collections);
}

#[test]
fn h_and_l_walk_the_panes_in_layout_order() {
    let mut app = app(200, 50);
    press(&mut app, key(KeyCode::Char('h')));
    assert_eq!(app.focus(), Pane::Collections);
    press(&mut app, key(KeyCode::Char('h')));
    assert_eq!(app.focus(), Pane::Collections);
    press(&mut app, key(KeyCode::Char('l')));
    press(&mut app, key(KeyCode::Char('l')));
    assert_eq!(app.focus(), Pane::FullText);
    press(&mut app, key(KeyCode::Right));
    assert_eq!(app.focus(), Pane::Provenance);
    press(&mut app, key(KeyCode::Right));
    assert_eq!(app.focus(), Pane::Provenance);
    press(&mut app, key(KeyCode::Left));
    press(&mut app, key(KeyCode::Left));
    assert_eq!(app.focus(), Pane::Summary);
    press(&mut app, key(KeyCode::Left));
    assert_eq!(app.focus(), Pane::Records);
}

#[test]
fn choosing_a_collection_narrows_the_record_list() {
    let mut app = app(80, 24);
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.focus(), Pane::Collections);
    press(&mut app, key(KeyCode::Char('j')));
    assert_eq!(app.collection_index(), 1);
    assert_eq!(app.rows().len(), 10);
    assert!(!titles(&app).contains(&"L. Beria to Cde. V.M. Molotov".to_string()));
    press(&mut app, key(KeyCode::Char('j')));
    assert_eq!(app.rows().len(), 2);
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(app.focus(), Pane::Records);
}

#[test]
fn enter_opens_the_record_and_esc_goes_back() {
    let mut app = app(80, 24);
    select_beria(&mut app);
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(app.focus(), Pane::FullText);
    // Narrow: the document takes the whole width while focused.
    assert_eq!(app.panes().records, None);
    assert!(app.panes().full_text.is_some());
    press(&mut app, key(KeyCode::Char('3')));
    assert_eq!(app.focus(), Pane::Provenance);
    assert!(app.panes().provenance.is_some());
    assert_eq!(app.panes().full_text, None);
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.focus(), Pane::Records);
    assert!(app.panes().records.is_some());
}

#[test]
fn brackets_change_record_without_leaving_the_document() {
    let mut app = app(120, 40);
    send(&mut app, &[Action::Open]);
    let (first, focus) = (selected_id(&app), app.focus());
    assert!(focus.is_document());
    press(&mut app, key(KeyCode::Char(']')));
    assert_eq!(app.focus(), focus);
    assert_ne!(selected_id(&app), first);
    press(&mut app, key(KeyCode::Char('[')));
    assert_eq!(selected_id(&app), first);
}

fn shown_id(app: &App) -> String {
    app.shown_record().map(|r| r.id.clone()).unwrap_or_default()
}

#[test]
fn the_document_follows_steps_through_the_list_once_the_keys_rest() {
    let mut app = app(120, 40);
    let first = shown_id(&app);
    // j, a held j, the wheel over the list, the arrows in the filter line: the list moves,
    // the document waits; a resize or the progress tick does not end the wait.
    press(&mut app, key(KeyCode::Char('j')));
    press(&mut app, key(KeyCode::Char('j')));
    let records = app.panes().records.unwrap();
    press(
        &mut app,
        mouse(MouseEventKind::ScrollDown, records.x + 2, records.y + 2),
    );
    send(&mut app, &[Action::Resize(130, 40)]);
    app.update(Message::Tick);
    assert_eq!(app.selected_row(), Some(3));
    assert_eq!(shown_id(&app), first);
    assert!(app.document_waiting());
    app.update(Message::Rest);
    assert_eq!(shown_id(&app), selected_id(&app));
    assert!(!app.document_waiting());

    // Back to where the document is: nothing to wait for.
    let here = shown_id(&app);
    press(&mut app, key(KeyCode::Char('j')));
    press(&mut app, key(KeyCode::Char('k')));
    assert_eq!(shown_id(&app), here);
    assert!(!app.document_waiting());

    // Anything else brings the document along at once: Enter, a click on a row, `]`.
    press(&mut app, key(KeyCode::Char('j')));
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(shown_id(&app), selected_id(&app));
    press(&mut app, key(KeyCode::Char(']')));
    assert_eq!(shown_id(&app), selected_id(&app));
    send(&mut app, &[Action::Back]);
    press(&mut app, key(KeyCode::Char('j')));
    let records = app.panes().records.unwrap();
    press(&mut app, click(records.x + 4, records.y + 1));
    assert_eq!(app.selected_row(), Some(0));
    assert_eq!(shown_id(&app), selected_id(&app));
    // Typing a filter: the list is new, and so is the document.
    press(&mut app, key(KeyCode::Char('j')));
    press(&mut app, key(KeyCode::Char('/')));
    type_text(&mut app, "altay");
    assert_eq!(shown_id(&app), selected_id(&app));
}

#[test]
fn layout_follows_the_terminal_width() {
    let mut app = app(80, 24);
    assert_eq!(app.mode(), Mode::Narrow);
    assert!(app.panes().tabs.is_some());
    app.update(Action::Resize(120, 40));
    assert_eq!(app.mode(), Mode::Medium);
    let panes = app.panes();
    assert!(panes.summary.is_some() && panes.full_text.is_some() && panes.provenance.is_some());
    assert_eq!(panes.tabs, None);
    // Medium: summary stacked over provenance, beside the full text.
    let (summary, provenance) = (panes.summary.unwrap(), panes.provenance.unwrap());
    assert_eq!(summary.x, provenance.x);
    assert!(summary.y < provenance.y);
    app.update(Action::Resize(200, 50));
    assert_eq!(app.mode(), Mode::Wide);
    let panes = app.panes();
    let xs = [panes.summary, panes.full_text, panes.provenance].map(|r| r.unwrap().x);
    assert!(xs[0] < xs[1] && xs[1] < xs[2], "three columns: {xs:?}");
}

#[test]
fn full_text_scrolls_and_remembers_its_place_per_record() {
    let mut app = App::new(tui_support::long_store(400));
    app.update(Action::Resize(80, 24));
    send(
        &mut app,
        &[Action::Open, Action::PageDown, Action::PageDown],
    );
    let top = app.text_top_line();
    assert!(top > 10, "{top}");
    let offset = app.wrapped_text().unwrap().offset_of_line(top);
    // Wider terminal: rewrapped, but the same words stay at the top.
    app.update(Action::Resize(200, 50));
    let wrapped = app.wrapped_text().unwrap();
    let line = &wrapped.lines[app.text_top_line()];
    assert!(
        line.start <= offset && offset <= line.end + 1,
        "{offset} not in {line:?}"
    );
    send(&mut app, &[Action::Bottom]);
    let total = app.wrapped_text().unwrap().lines.len();
    let height = usize::from(app.panes().full_text.unwrap().height) - 2;
    assert_eq!(
        app.text_top_line() + height,
        total,
        "the last page fills the pane"
    );
}

#[test]
fn scroll_position_is_kept_when_coming_back_to_a_record() {
    let mut app = app(80, 24);
    // The Beria report is the only one with full text.
    select_beria(&mut app);
    send(
        &mut app,
        &[Action::Open, Action::Down, Action::Down, Action::Down],
    );
    assert_eq!(app.text_top_line(), 3);
    send(&mut app, &[Action::NextRecord, Action::PrevRecord]);
    assert_eq!(selected_id(&app), BERIA_ID);
    assert_eq!(app.text_top_line(), 3);
}

#[test]
fn the_filter_line_sees_keys_before_the_keymap() {
    let mut app = app(80, 24);
    press(&mut app, key(KeyCode::Char('/')));
    assert!(app.filter().editing);
    for c in "qjk".chars() {
        press(&mut app, key(KeyCode::Char(c)));
    }
    assert!(!app.should_quit());
    assert_eq!(app.filter().query, "qjk");
    assert!(app.rows().is_empty(), "no title matches qjk");
    press(&mut app, key(KeyCode::Backspace));
    assert_eq!(app.filter().query, "qj");
    press(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    assert_eq!(app.filter().query, "");
    assert_eq!(app.rows().len(), 11);
    type_text(&mut app, "zzz");
    press(&mut app, key(KeyCode::Esc));
    assert!(!app.filter().editing);
    assert_eq!(app.filter().query, "");
    assert_eq!(app.rows().len(), 11);
    assert_eq!(app.focus(), Pane::Records);
}

#[test]
fn filter_enter_keeps_the_filter_and_esc_in_the_list_clears_it() {
    let mut app = app(80, 24);
    send(&mut app, &[Action::Open, Action::OpenFilter]);
    type_text(&mut app, "zzz");
    press(&mut app, key(KeyCode::Enter));
    assert!(!app.filter().editing);
    assert_eq!(app.focus(), Pane::Records);
    assert_eq!(app.filter().query, "zzz");
    assert!(render_to_string(&mut app, 80, 24).contains("0 of 11 match"));
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.filter().query, "");
    assert_eq!(app.rows().len(), 11);
}

#[test]
fn filtering_finds_variant_spellings_and_highlights_titles() {
    let mut app = app(80, 24);
    send(&mut app, &[Action::OpenFilter]);
    type_text(&mut app, "osman");
    assert!(
        titles(&app).contains(&"L. Beria to Cde. V.M. Molotov".to_string()),
        "{:?}",
        titles(&app)
    );
    send(&mut app, &[Action::FilterClear]);
    type_text(&mut app, "beria");
    let found = titles(&app);
    for title in [
        "L. Beria to Cde. V.M. Molotov",
        "Report from L. Beria to Cde. I.V. Stalin, V.M. Molotov, and Cde. G.M. Malenkov",
        "Telegram from Cde. Yegnarov and Cde. Langvang to Cde. Beria",
    ] {
        assert!(
            found.contains(&title.to_string()),
            "{title} not in {found:?}"
        );
    }
    // The letters of "Beria" in each of these titles are the ones marked.
    for (i, row) in app.rows().iter().enumerate().take(3) {
        let title = &app.store().records[row.record].title;
        let marked: String = title
            .chars()
            .enumerate()
            .filter(|(c, _)| app.title_positions(i).contains(c))
            .map(|(_, c)| c)
            .collect();
        assert_eq!(marked.to_lowercase(), "beria", "{title}");
    }
    let screen = render_to_string(&mut app, 80, 24);
    assert!(
        screen.contains(&format!("{} of 11 match", found.len())),
        "{screen}"
    );
}

#[test]
fn filtering_stays_within_the_collection() {
    let mut app = app(80, 24);
    send(
        &mut app,
        &[Action::Back, Action::Down, Action::Down, Action::Open],
    );
    assert_eq!(app.rows().len(), 2);
    send(&mut app, &[Action::OpenFilter]);
    type_text(&mut app, "beria");
    assert_eq!(app.rows().len(), 2);
    assert!(render_to_string(&mut app, 80, 24).contains("2 of 2 match"));
}

#[test]
fn help_overlay_opens_closes_and_q_inside_it_does_not_quit() {
    let mut app = app(80, 24);
    press(&mut app, key(KeyCode::Char('?')));
    assert!(app.help_scroll().is_some());
    press(&mut app, key(KeyCode::Char('j')));
    assert_eq!(app.help_scroll(), Some(1));
    press(&mut app, key(KeyCode::Char('q')));
    assert!(app.help_scroll().is_none());
    assert!(!app.should_quit());
    press(&mut app, key(KeyCode::Char('q')));
    assert!(app.should_quit());
}

#[test]
fn ctrl_c_quits_even_while_typing_a_filter() {
    let mut app = app(80, 24);
    press(&mut app, key(KeyCode::Char('/')));
    press(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(app.should_quit());
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn a_click_selects_and_the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = App::new(tui_support::long_store(200));
    app.update(Action::Resize(120, 40));
    let text = app.panes().full_text.unwrap();
    press(
        &mut app,
        mouse(MouseEventKind::ScrollDown, text.x + 5, text.y + 5),
    );
    assert_eq!(app.text_top_line(), 3);
    assert_eq!(app.focus(), Pane::Records, "the wheel does not move focus");

    let mut app = app_with_size(120, 40);
    let records = app.panes().records.unwrap();
    press(&mut app, click(records.x + 4, records.y + 3));
    assert_eq!(app.selected_row(), Some(2));
    let provenance = app.panes().provenance.unwrap();
    press(&mut app, click(provenance.x + 2, provenance.y + 2));
    assert_eq!(app.focus(), Pane::Provenance);
}

fn click(column: u16, row: u16) -> Event {
    mouse(MouseEventKind::Down(MouseButton::Left), column, row)
}

fn app_with_size(width: u16, height: u16) -> App {
    app(width, height)
}

#[test]
fn a_tiny_terminal_never_panics_and_says_so() {
    let mut app = app(80, 24);
    for (w, h) in [(0, 0), (1, 1), (10, 3), (39, 30), (120, 7), (40, 8)] {
        app.update(Action::Resize(w, h));
        for action in [
            Action::Down,
            Action::Open,
            Action::PageDown,
            Action::Show(Pane::Provenance),
            Action::ToggleHelp,
            Action::Down,
            Action::ToggleHelp,
            Action::Click { column: 5, row: 5 },
            Action::Back,
        ] {
            app.update(action);
        }
        let screen = render_to_string(&mut app, w, h);
        if w >= 20 && h >= 2 && (w < 40 || h < 8) {
            assert!(screen.contains("Terminal too small"), "{w}x{h}:\n{screen}");
        }
    }
}

#[test]
fn load_problems_show_in_the_status_line() {
    let loaded = Loaded {
        store: tui_support::store(),
        problems: (1..=3)
            .map(|i| Problem::error("records.jsonl", "bad date").at_line(i))
            .collect(),
        ..Loaded::default()
    };
    let mut app = App::from_library(Library::new(loaded));
    let screen = render_to_string(&mut app, 120, 40);
    assert!(
        screen.contains("3 records could not be read: see `carrel check`"),
        "{screen}"
    );
}

#[test]
fn a_problem_in_archive_json_is_named_as_the_files_not_counted_as_a_record() {
    let mut problems = vec![
        Problem::error("archive.json", "not an object"),
        Problem::error("records/a.jsonl", "bad date").at_line(2),
    ];
    let loaded = Loaded {
        store: tui_support::store(),
        problems: problems.clone(),
        ..Loaded::default()
    };
    let mut app = App::from_library(Library::new(loaded));
    let screen = render_to_string(&mut app, 160, 40);
    assert!(
        screen
            .contains("1 record could not be read · problems in archive.json: see `carrel check`"),
        "{screen}"
    );
    problems.remove(1);
    let loaded = Loaded {
        store: tui_support::store(),
        problems,
        ..Loaded::default()
    };
    let mut app = App::from_library(Library::new(loaded));
    let screen = render_to_string(&mut app, 160, 40);
    assert!(
        screen.contains("problems in archive.json: see `carrel check`")
            && !screen.contains("record could not"),
        "{screen}"
    );
}

#[test]
fn a_store_that_cannot_be_opened_is_shown() {
    let mut app = App::loading();
    let error = StoreError::Io {
        path: "/nowhere".into(),
        source: std::io::Error::other("gone"),
    };
    app.update(Message::Opening(Arrival::Store(Opening::Failed(error))));
    app.update(Message::Opening(Arrival::Ended));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("Cannot open the store"), "{screen}");
    assert!(screen.contains("cannot read /nowhere: gone"), "{screen}");
    // Nothing to open or filter: no hints that say otherwise.
    let status = screen.lines().last().unwrap();
    assert!(
        !status.contains("/ filter") && !status.contains("Enter open"),
        "{status}"
    );
}

#[test]
fn loading_shows_progress_only_after_a_blink() {
    let mut app = App::loading();
    let screen = render_to_string(&mut app, 80, 24);
    assert!(!screen.contains("Loading"));
    assert!(!screen.contains("No records"), "{screen}");
    app.update(Message::Tick);
    app.update(Message::Tick);
    assert!(render_to_string(&mut app, 80, 24).contains("Loading the store"));
}

#[test]
fn hostile_store_text_cannot_reach_the_terminal() {
    let mut store = tui_support::store();
    let first = store.index_of("politburo-1935-03-19").unwrap();
    store.records[first].title = "Evil\x1b]52;c;aGk=\x07\x1b[2J title".to_string();
    store.records[first].summary = Some("bad\x1b[31m summary\u{202e}".to_string());
    store.archive.title = "Archive\x1b[?1049l".to_string();
    let mut app = App::new(store);
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let screen = render_to_string(&mut app, w, h);
        assert!(!screen.contains('\x1b'), "{screen}");
        assert!(!screen.contains('\x07'));
        assert!(!screen.contains('\u{202e}'));
    }
    send(&mut app, &[Action::Show(Pane::Summary)]);
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("␛[31m"), "{screen}");
}

#[test]
fn enter_on_a_record_without_full_text_opens_its_summary() {
    let mut app = app(80, 24);
    assert!(!app.selected_record().unwrap().has_full_text());
    send(&mut app, &[Action::Open]);
    assert_eq!(app.focus(), Pane::Summary);
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("[1 Summary]"), "{screen}");
    assert!(
        screen.contains("The Politburo transfers NKVD members"),
        "{screen}"
    );
}

#[test]
fn clicking_a_tab_shows_that_pane_in_a_narrow_terminal() {
    let mut app = app(80, 24);
    select_beria(&mut app);
    send(&mut app, &[Action::Open]);
    let tabs = app.panes().tabs.unwrap();
    // The bar is cut in three equal cells: the last is the provenance.
    press(&mut app, click(tabs.x + tabs.width - 3, tabs.y));
    assert_eq!(app.focus(), Pane::Provenance);
    assert!(render_to_string(&mut app, 80, 24).contains("[3 Provenance]"));
    // The wheel over the record list moves the selection.
    send(&mut app, &[Action::Back]);
    let records = app.panes().records.unwrap();
    let before = app.selected_row();
    press(
        &mut app,
        mouse(MouseEventKind::ScrollUp, records.x + 3, records.y + 3),
    );
    assert_eq!(app.selected_row(), before.map(|r| r - 1));
}

#[test]
fn an_undated_record_says_so_and_sorts_last() {
    let mut store = tui_support::store();
    let first = store.index_of("politburo-1935-03-19").unwrap();
    store.records[first].date = None;
    let mut app = App::new(store);
    assert_eq!(
        app.visible_records().last().map(|r| r.id.as_str()),
        Some("politburo-1935-03-19")
    );
    let screen = render_to_string(&mut app, 120, 40);
    let row = screen.lines().find(|l| l.contains("undated")).unwrap();
    assert!(row.contains("Politburo Dec"), "{row}");
}

#[test]
fn a_stale_search_result_never_replaces_a_newer_one() {
    let mut app = app(80, 24);
    app.update(Action::OpenFilter);
    // "o" is typed and its search starts; "sman" follows before it answers.
    app.update(Action::FilterType('o'));
    let stale = app.search_wanted().unwrap().clone();
    for c in "sman".chars() {
        app.update(Action::FilterType(c));
    }
    let newest = app.search_wanted().unwrap().clone();
    assert!(newest.generation() > stale.generation());
    // The old search answers first: it is dropped, and the list still waits.
    app.update(Message::Searched(stale.run()));
    assert_eq!(app.rows().len(), 11, "the old answer is not shown");
    assert!(app.search_wanted().is_some());
    app.update(Message::Searched(newest.run()));
    assert_eq!(selected_id(&app), BERIA_ID);
    assert_eq!(app.rows().len(), 1);
    // The old one answering late changes nothing either.
    app.update(Message::Searched(stale.run()));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("1 of 11 match"), "{screen}");
    assert!(screen.contains("L. Beria to Cde"), "{screen}");
}

/// A store of `n` undated reports on the Altay, listed by title.
fn altay_reports(n: usize) -> carrel::store::Store {
    let records = (0..n)
        .map(|i| carrel::store::Record {
            id: format!("report-{i:03}"),
            title: format!("Report {i:03} from the Altay front"),
            ..carrel::store::Record::default()
        })
        .collect();
    carrel::store::Store::new(carrel::store::Archive::default(), vec![], records)
}

/// Whether the cells of `word` on the list row holding `row_text` are drawn as a match.
fn highlighted(buffer: &ratatui::buffer::Buffer, row_text: &str, word: &str) -> bool {
    let screen = carrel::ui::buffer_to_string(buffer);
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(row_text))
        .unwrap_or_else(|| panic!("{row_text:?} not on screen:\n{screen}"));
    let at = line.find(row_text).unwrap() + row_text.find(word).unwrap();
    let x = line[..at].chars().count();
    (0..word.chars().count()).all(|i| {
        let cell = &buffer[((x + i) as u16, y as u16)];
        cell.modifier.contains(ratatui::style::Modifier::BOLD)
    })
}

#[test]
fn only_the_rows_in_sight_are_explained_and_they_show_their_highlights() {
    let mut app = App::new(altay_reports(300));
    app.update(Action::Resize(80, 24));
    send(&mut app, &[Action::OpenFilter]);
    type_text(&mut app, "altay");
    assert_eq!(app.rows().len(), 300);
    let buffer = carrel::ui::render_to_buffer(&mut app, 80, 24);
    // (Row 1: the selected row is drawn bold throughout.)
    assert!(highlighted(&buffer, "Report 001 from the Altay", "Altay"));
    assert!(!highlighted(&buffer, "Report 001 from the Altay", "from"));
    // The first rows are explained; rows far below are not.
    assert!(!app.title_positions(0).is_empty());
    assert!(app.title_positions(299).is_empty());
    // At the bottom of the list, the rows now in sight are explained and drawn so.
    send(&mut app, &[Action::FilterAccept, Action::Bottom]);
    let buffer = carrel::ui::render_to_buffer(&mut app, 80, 24);
    assert!(highlighted(&buffer, "Report 298 from the Altay", "Altay"));
    assert!(!app.title_positions(299).is_empty());
    assert!(app.title_positions(0).is_empty());
    let screen = carrel::ui::buffer_to_string(&buffer);
    assert!(screen.contains("300 of 300 match"), "{screen}");
}
