//! The filter line in full-text mode (Ctrl-f) under a fixed keystroke script, timed
//! as the filter section times the short fields: each step's keys go through the
//! keymap to `App::update`, the full-text search the app then wants is run in line
//! (with its snippets, read from the store, as the full-text thread does), so are the
//! shown record's hits and its text, and a 200x50 frame is drawn. The index is opened
//! (built the first time) once, before the script, and is not timed.

use std::path::Path;
use std::time::Instant;

use carrel::search::fulltext::FullText;
use carrel::tui::{Action, App, FullTextMessage, Message};
use carrel::ui::render;
use carrel::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::filter::fetch_text;
use super::{Row, median, ms, percentile, row, show_ms};

/// Words of the synthetic stores' texts (and of many real ones); each letter typed
/// is a search of its own, as in the reading room.
const TYPED: &str = "rebel grain";
const BACKSPACES: usize = 4;

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// `/`, Ctrl-f, `rebel grain` a letter at a time, four backspaces, Esc.
fn script() -> Vec<(String, Event)> {
    let plain = |c| key(KeyCode::Char(c), KeyModifiers::NONE);
    let mut steps = vec![
        ("/".to_string(), plain('/')),
        (
            "Ctrl-f".to_string(),
            key(KeyCode::Char('f'), KeyModifiers::CONTROL),
        ),
    ];
    for c in TYPED.chars() {
        let label = if c == ' ' {
            "␣".into()
        } else {
            c.to_string()
        };
        steps.push((label, plain(c)));
    }
    for _ in 0..BACKSPACES {
        steps.push(("⌫".into(), key(KeyCode::Backspace, KeyModifiers::NONE)));
    }
    steps.push(("Esc".into(), key(KeyCode::Esc, KeyModifiers::NONE)));
    steps
}

/// A step as the event loop takes it, the worker threads' answers done in line.
fn step(app: &mut App, fulltext: &FullText, terminal: &mut Terminal<TestBackend>, event: &Event) {
    app.update(Message::Terminal(event.clone()));
    let store = app.shared_store();
    if let Some(request) = app.search_wanted() {
        let result = request.run();
        app.update(Message::Searched(result));
    }
    if let Some(request) = app.text_search_wanted().cloned() {
        app.update(request.run(fulltext, &store));
    }
    fetch_text(app);
    if let Some(request) = app.text_hits_wanted() {
        app.update(request.run(fulltext, &store));
    }
    let Ok(_) = terminal.draw(|frame| render(app, &Theme::default(), frame));
}

pub fn rows(app: &mut App, repeats: usize, index_dir: &Path) -> anyhow::Result<Vec<Row>> {
    let (width, height) = (200, 50);
    app.update(Action::Resize(width, height));
    let opened = Instant::now();
    let fulltext = FullText::open(&app.shared_store(), Some(index_dir), |_| {})?;
    let opening = ms(opened.elapsed());
    app.update(Message::FullText(FullTextMessage::Ready(Ok(()))));
    let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
    let script = script();
    let mut times: Vec<f64> = Vec::new();
    let mut per_step: Vec<Vec<f64>> = vec![Vec::new(); script.len()];
    let mut found = None;
    for pass in 0..=repeats {
        for (i, (_, event)) in script.iter().enumerate() {
            let start = Instant::now();
            step(app, &fulltext, &mut terminal, event);
            if pass > 0 {
                times.push(ms(start.elapsed()));
                per_step[i].push(ms(start.elapsed()));
            }
            if i == 1 + TYPED.chars().count() {
                found = Some(app.rows().len());
            }
        }
    }
    if app.fulltext_on() || !app.filter().query.is_empty() {
        anyhow::bail!("the full-text script did not end with the filter closed");
    }
    let labels: Vec<&str> = script.iter().map(|(l, _)| l.as_str()).collect();
    let (slowest, slowest_ms) = labels
        .iter()
        .zip(&per_step)
        .map(|(l, t)| (*l, median(t)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or(("-", f64::NAN));
    Ok(vec![
        row(
            format!(
                "full text: keystroke to frame, median ({} steps)",
                times.len()
            ),
            show_ms(median(&times)),
            "≤ 16 ms",
        ),
        row(
            "full text: keystroke to frame, 99th percentile",
            format!(
                "{} (slowest step `{slowest}`, median {})",
                show_ms(percentile(&times, 0.99)),
                show_ms(slowest_ms)
            ),
            "",
        ),
        row(
            "full text: the script, 200x50 (index opened first, not timed)",
            labels.join(" "),
            "",
        ),
        row(
            format!("full text: `{TYPED}` lists (100 at most, with snippets)"),
            found.map_or("-".into(), |n| n.to_string()),
            "",
        ),
        row(
            "full text: opening the index (first time: building it)",
            show_ms(opening),
            "",
        ),
    ])
}
