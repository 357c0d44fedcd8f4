//! The filter line under a fixed keystroke script: each step goes the way a key goes
//! in the event loop (keymap or filter line -> `Action` -> `App::update`, then the
//! text the document now wants is read, then a 200x50 frame is drawn), and is timed
//! as a whole: the reader waits for the frame, not for the list.
//!
//! Matching runs on the reading room's search thread: a step runs the search the app
//! asks for in line, so the time counted runs to the frame that shows its result (a
//! paste of several keys asks for one search, the newest, as in the event loop).

use std::time::Instant;

use carrel::tui::{Action, App, Message};
use carrel::ui::render;
use carrel::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::{Row, median, ms, percentile, row, show_ms};

/// One step of the script: what arrives before the next frame.
struct Step {
    label: String,
    events: Vec<Event>,
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn one(label: &str, event: Event) -> Step {
    Step {
        label: label.to_string(),
        events: vec![event],
    }
}

const TYPED: &str = "beria mol";
const PASTED: &str = "beria molotov";
const BACKSPACES: usize = 4;

/// `/`, `beria mol` a letter at a time, four backspaces (back to `beria`), Ctrl-u,
/// a paste of `beria molotov`, Esc. Without bracketed paste a terminal sends pasted
/// text as keys, all queued at once; the event loop takes every queued key before it
/// draws, so a paste is one step.
fn script() -> Vec<Step> {
    let mut steps = vec![one("/", key(KeyCode::Char('/')))];
    for c in TYPED.chars() {
        let label = if c == ' ' {
            "␣".into()
        } else {
            c.to_string()
        };
        steps.push(one(&label, key(KeyCode::Char(c))));
    }
    for _ in 0..BACKSPACES {
        steps.push(one("⌫", key(KeyCode::Backspace)));
    }
    steps.push(one(
        "Ctrl-u",
        Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    ));
    steps.push(Step {
        label: format!("paste `{PASTED}`"),
        events: PASTED.chars().map(|c| key(KeyCode::Char(c))).collect(),
    });
    steps.push(one("Esc", key(KeyCode::Esc)));
    steps
}

fn describe(script: &[Step]) -> String {
    script
        .iter()
        .map(|s| s.label.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the event loop does after the keys of a step and before drawing: read back
/// the full text the document now shows, when the store left it on disk.
pub fn fetch_text(app: &mut App) {
    if let Some(request) = app.text_request() {
        app.update(request.read());
    }
}

/// Applies a step's events as the event loop does, then draws.
fn step(app: &mut App, terminal: &mut Terminal<TestBackend>, events: &[Event]) {
    for event in events {
        app.update(Message::Terminal(event.clone()));
    }
    // What the search thread does for the event loop, done here so that the time
    // counted runs to the frame that shows the result.
    if let Some(request) = app.search_wanted() {
        let result = request.run();
        app.update(Message::Searched(result));
    }
    fetch_text(app);
    let Ok(_) = terminal.draw(|frame| render(app, &Theme::default(), frame));
}

pub fn rows(app: &mut App, repeats: usize) -> anyhow::Result<Vec<Row>> {
    let (width, height) = (200, 50);
    app.update(Action::Resize(width, height));
    let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
    step(app, &mut terminal, &[]);
    let script = script();
    let typed_last = TYPED.chars().count();
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); script.len()];
    let mut matched = None;
    // Pass 0 warms up and is not counted.
    for pass in 0..=repeats {
        for (i, s) in script.iter().enumerate() {
            let start = Instant::now();
            step(app, &mut terminal, &s.events);
            let took = ms(start.elapsed());
            if pass > 0 {
                times[i].push(took);
            }
            if i == typed_last {
                matched = Some((
                    app.rows().len(),
                    app.unfiltered_count(),
                    app.filter().query.clone(),
                ));
            }
        }
    }
    if app.filter().editing || !app.filter().query.is_empty() {
        anyhow::bail!("the script did not end with the filter closed: the keymap changed?");
    }
    let all: Vec<f64> = times.iter().flatten().copied().collect();
    let (slowest, slowest_ms) = script
        .iter()
        .zip(&times)
        .map(|(s, t)| (s.label.as_str(), median(t)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or(("-", f64::NAN));
    let max = all.iter().copied().fold(f64::NAN, f64::max);
    let mut rows = vec![
        row(
            format!("filter: keystroke to frame, median ({} steps)", all.len()),
            show_ms(median(&all)),
            "≤ 5 ms (1M: ≤ 16 ms)",
        ),
        row(
            "filter: keystroke to frame, 99th percentile",
            format!(
                "{} (max {}; slowest step `{slowest}`, median {})",
                show_ms(percentile(&all, 0.99)),
                show_ms(max),
                show_ms(slowest_ms)
            ),
            "≤ 16 ms",
        ),
        row(
            "filter: the script, 200x50 (a first pass uncounted)",
            describe(&script),
            "",
        ),
    ];
    if let Some((found, of, query)) = matched {
        rows.push(row(
            format!("filter: `{query}` matches"),
            format!("{found} of {of}"),
            "",
        ));
    }
    Ok(rows)
}
