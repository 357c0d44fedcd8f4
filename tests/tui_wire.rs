//! What the reading room writes to the terminal: over SSH on a slow link every byte
//! of a frame's changes is paid for, so a step through the record list must cost a
//! row or two, not a page of the next record's text.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rules)

mod tui_support;

use carrel::synth::{SynthConfig, store};
use carrel::tui::{Action, App, Message};
use carrel::ui::theme::Theme;
use carrel::ui::{render, render_to_string};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use tui_support::wire::{Wire, memory_terminal};

/// A reading room over 50 synthetic records, every one with a full text of some
/// kilobytes, drawn once at `width` x `height` through crossterm into memory.
fn drawn(width: u16, height: u16) -> (App, Terminal<CrosstermBackend<Wire>>, Wire) {
    let config = SynthConfig {
        records: 50,
        full_text_per_mille: 1000,
        ..SynthConfig::default()
    };
    let mut app = App::new(store(&config));
    app.update(Action::Resize(width, height));
    let (mut terminal, wire) = memory_terminal(width, height).unwrap();
    terminal
        .draw(|frame| render(&app, &Theme::default(), frame))
        .unwrap();
    wire.take();
    (app, terminal, wire)
}

/// The first words of the full text the document shows.
fn opening_words(app: &App) -> String {
    let record = app.shown_record().unwrap();
    let text = record.reading_text().unwrap();
    text.body
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_step_down_the_list_writes_under_a_kilobyte_and_the_document_follows_at_rest() {
    for (width, height) in [(80, 24), (120, 40), (200, 50)] {
        let (mut app, mut terminal, wire) = drawn(width, height);
        let first = app.shown_record().unwrap().id.clone();
        let first_words = opening_words(&app);
        for step in 1..=5 {
            app.update(Action::Down);
            terminal
                .draw(|frame| render(&app, &Theme::default(), frame))
                .unwrap();
            let written = wire.take();
            assert!(
                written.len() <= 1024,
                "step {step} at {width}x{height} wrote {} bytes",
                written.len()
            );
            assert_eq!(app.selected_row(), Some(step));
            assert_eq!(app.shown_record().unwrap().id, first, "the document waits");
            assert!(app.document_waiting());
        }
        // The full text is beside the list from 120 columns: it still shows the first record.
        if width >= 120 {
            let screen = render_to_string(&mut app, width, height);
            assert!(screen.contains(&first_words), "{screen}");
        }
        let next = app.selected_record().unwrap().id.clone();
        app.update(Message::Rest);
        assert_eq!(app.shown_record().unwrap().id, next);
        assert!(!app.document_waiting());
        terminal
            .draw(|frame| render(&app, &Theme::default(), frame))
            .unwrap();
        let written = wire.take().len();
        assert!(
            written > 1024,
            "the document redrawn at {width}x{height}: {written} bytes"
        );
        if width >= 120 {
            let screen = render_to_string(&mut app, width, height);
            assert!(screen.contains(&opening_words(&app)), "{screen}");
            assert!(!screen.contains(&first_words), "{screen}");
        }
    }
}
