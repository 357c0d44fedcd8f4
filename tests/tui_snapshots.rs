//! Screens of the reading room on the built-in sample store at 80x24, 120x40 and
//! 200x50, snapshotted as text.
//! Each test also asserts in code what a reader must see, so that accepting a
//! broken snapshot by mistake still fails.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rules)

mod tui_support;

use carrel::store::sample::load_builtin;
use carrel::tui::{Action, App, Library, Mode, Pane};
use carrel::ui::render_to_string;
use tui_support::{send, type_text};

const BERIA_ID: &str = "1945-10-05-beria-to-molotov";
const WITHOUT_TEXT_ID: &str = "1941-04-19-politburo-minutes-on-xinjiang";

/// The reading room on the sample built into carrel.
fn app(width: u16, height: u16) -> App {
    let loaded = load_builtin();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut app = App::from_library(Library::new(loaded));
    app.update(Action::Resize(width, height));
    app
}

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

fn select(app: &mut App, id: &str) {
    send(app, &[Action::Top]);
    while app.selected_record().map(|r| r.id.as_str()) != Some(id) {
        let before = app.selected_row();
        app.update(Action::Down);
        assert_ne!(app.selected_row(), before, "{id} is not in the list");
    }
}

fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{screen}"))
}

#[test]
fn start_up() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        let screen = render_to_string(&mut app, w, h);
        assert!(screen.contains("All records"), "{screen}");
        assert!(line_with(&screen, "Xinjiang in Soviet Policy").contains("10 of 19"));
        // A narrow list shows compact dates, leaving the room to titles.
        let date = if w >= 200 {
            "○ March 19, 1935"
        } else {
            "○ 1935-03-19 Politburo Decision"
        };
        assert!(line_with(&screen, date).contains("Politburo Decision"));
        assert!(line_with(&screen, "carrel sample").contains("1 of 11"));
        assert!(screen.contains("No full text in this store"), "{screen}");
        insta::assert_snapshot!(format!("start_up_{w}x{h}"), screen);
    }
}

#[test]
fn document_open_in_each_layout() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        select(&mut app, BERIA_ID);
        send(&mut app, &[Action::Open]);
        let screen = render_to_string(&mut app, w, h);
        assert!(screen.contains("L. Beria to Cde. V.M. Molotov"));
        assert!(screen.contains("Top Secret"));
        assert!(line_with(&screen, "Full text ·").contains("English translation"));
        assert!(screen.contains("line 1 of"), "{screen}");
        match app.mode() {
            Mode::Narrow => {
                assert!(screen.contains("[2 Full text]"), "{screen}");
                assert!(
                    !screen.contains("All records"),
                    "the document takes the width"
                );
            }
            Mode::Medium | Mode::Wide => {
                assert!(screen.contains("Citation: GARF, f. 9401s"), "{screen}");
                assert!(screen.contains("Fond: 9401s"));
                assert!(screen.contains("People: Lavrentiy Beria"), "{screen}");
            }
        }
        insta::assert_snapshot!(format!("document_{w}x{h}"), screen);
    }
}

#[test]
fn provenance_at_80x24() {
    let mut app = app(80, 24);
    select(&mut app, BERIA_ID);
    send(&mut app, &[Action::Show(Pane::Provenance)]);
    let screen = render_to_string(&mut app, 80, 24);
    for fact in [
        "Citation: GARF, f. 9401s, op. 2, d. 10004, ll. 62-63",
        "Fond: 9401s",
        "Opis: 2",
        "Delo: 10004",
        "Folios: 62-63",
        "Original language: Russian",
        "Text shown: English translation by Gary Goldberg",
        "[3 Provenance]",
    ] {
        assert!(screen.contains(fact), "{fact:?} missing:\n{screen}");
    }
    insta::assert_snapshot!("provenance_80x24", screen);
    // The rest is reachable by paging down.
    let mut seen = screen.clone();
    for _ in 0..20 {
        send(&mut app, &[Action::PageDown]);
        seen.push_str(&render_to_string(&mut app, 80, 24));
    }
    for fact in [
        "Contributed by: Jamil Hasanli",
        "Funders: MacArthur Foundation",
        "Publisher: History and Public Policy Program",
        "Status: see statement",
        "Statement: The History and Public Policy Program welcomes reuse",
        "Note: This record is not among the ten documents",
    ] {
        assert!(seen.contains(fact), "{fact:?} never shown:\n{seen}");
    }
}

#[test]
fn a_record_without_full_text() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app(w, h);
        select(&mut app, WITHOUT_TEXT_ID);
        send(&mut app, &[Action::Open]);
        // Enter opens a record without full text on its summary.
        assert_eq!(app.focus(), Pane::Summary);
        send(&mut app, &[Action::Show(Pane::FullText)]);
        let screen = render_to_string(&mut app, w, h);
        assert!(screen.contains("No full text in this store."), "{screen}");
        assert!(screen.contains("Excerpt on Xinjiang from Minutes"));
        assert!(screen.contains("April 19, 1941"));
        insta::assert_snapshot!(format!("no_full_text_{w}x{h}"), screen);
    }
}

#[test]
fn help_overlay() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app(w, h);
        send(&mut app, &[Action::ToggleHelp]);
        let screen = render_to_string(&mut app, w, h);
        assert!(
            line_with(&screen, "j, Down").contains("next item"),
            "{screen}"
        );
        assert!(line_with(&screen, "Ctrl-d").contains("half a page down"));
        assert!(screen.contains("Esc close"));
        insta::assert_snapshot!(format!("help_{w}x{h}"), screen);
    }
}

#[test]
fn terminal_too_small() {
    let mut app = app(80, 24);
    let screen = render_to_string(&mut app, 30, 6);
    assert!(screen.contains("Terminal too small"));
    insta::assert_snapshot!("too_small_30x6", screen);
}

#[test]
fn a_filtered_list_with_highlights() {
    use ratatui::style::{Color, Modifier};
    for (w, h) in SIZES {
        let mut app = app(w, h);
        send(&mut app, &[Action::OpenFilter]);
        type_text(&mut app, "beria");
        let buffer = carrel::ui::render_to_buffer(&mut app, w, h);
        let screen = carrel::ui::buffer_to_string(&buffer);
        assert!(screen.contains("/beria"));
        assert!(screen.contains("4 of 11 match"), "{screen}");
        // The matched letters are highlighted in the list (the title's own row).
        let (x, y) = cell_of(&screen, "L. Beria to Cde");
        let b = &buffer[(x + 3, y)];
        assert_eq!(b.symbol(), "B");
        assert_eq!(b.fg, Color::Yellow, "{b:?}");
        assert!(b.modifier.contains(Modifier::BOLD));
        assert_ne!(
            buffer[(x + 1, y)].fg,
            Color::Yellow,
            "the dot is not a match"
        );
        insta::assert_snapshot!(format!("filtered_{w}x{h}"), screen);
    }
}

/// The cell where `needle` starts on the first list row holding it.
fn cell_of(screen: &str, needle: &str) -> (u16, u16) {
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle) && l.contains("1945"))
        .unwrap_or_else(|| panic!("{needle:?} not in a list row:\n{screen}"));
    let x = line[..line.find(needle).unwrap()].chars().count();
    (x as u16, y as u16)
}

/// Every foreground and background colour on screen.
fn colours(buffer: &ratatui::buffer::Buffer) -> Vec<ratatui::style::Color> {
    buffer
        .content()
        .iter()
        .flat_map(|cell| [cell.fg, cell.bg])
        .collect()
}

/// The style of the first cell of the line holding `needle`, past the border.
fn row_modifiers(buffer: &ratatui::buffer::Buffer, needle: &str) -> ratatui::style::Modifier {
    let screen = carrel::ui::buffer_to_string(buffer);
    let y = screen
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not on screen"));
    let x = screen.lines().nth(y).unwrap().find(needle).unwrap();
    let x = screen.lines().nth(y).unwrap()[..x].chars().count();
    buffer[(x as u16, y as u16)].modifier
}

#[test]
fn no_color_keeps_the_selection_visible_and_colour_uses_named_colours_only() {
    use ratatui::style::{Color, Modifier};
    let mut app = app(120, 40);
    let buffer = carrel::ui::render_to_buffer(&mut app, 120, 40);
    for colour in colours(&buffer) {
        assert!(
            !matches!(colour, Color::Rgb(..) | Color::Indexed(_)),
            "{colour:?} is not one of the 16 named colours"
        );
    }

    let no_color = carrel::ui::theme::Theme::no_color();
    let buffer = carrel::ui::render_to_buffer_with(&mut app, &no_color, 120, 40);
    assert!(
        colours(&buffer).iter().all(|c| *c == Color::Reset),
        "NO_COLOR: no colour at all"
    );
    let selected = row_modifiers(&buffer, "1935-03-19 Politburo");
    assert!(selected.contains(Modifier::REVERSED), "{selected:?}");
    let other = row_modifiers(&buffer, "1935-10-03");
    assert!(!other.contains(Modifier::REVERSED), "{other:?}");
}
