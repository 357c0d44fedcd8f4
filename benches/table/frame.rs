//! What drawing costs: a 200x50 frame with a 1 MB document open, and the bytes one
//! `j` in the record list writes to the terminal.

use std::time::Instant;

use anyhow::bail;
use carrel::store::schema::reading_text_index;
use carrel::store::{Archive, Store};
use carrel::tui::{Action, App, Message, Pane, action_for_event};
use carrel::ui::render;
use carrel::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::filter::fetch_text;
use super::wire::memory_terminal;
use super::{Row, median, ms, row, show_ms};

const DOCUMENT_BYTES: usize = 1_000_000;
const FRAMES: usize = 200;
const STEPS: usize = 9;

/// One synthetic record whose reading text is the prose of many synthetic records'
/// texts joined: about 1 MB of paragraphs.
fn megabyte_store() -> anyhow::Result<Store> {
    let mut body = String::new();
    let mut kept = None;
    for record in carrel::synth::records(2000, 1945) {
        for text in &record.texts {
            if !text.body.trim().is_empty() {
                body.push_str(text.body.trim());
                body.push_str("\n\n");
            }
        }
        if kept.is_none() && reading_text_index(&record.texts).is_some() {
            kept = Some(record);
        }
        if body.len() >= DOCUMENT_BYTES {
            break;
        }
    }
    let Some(mut record) = kept else {
        bail!("the synthetic records have no texts");
    };
    match reading_text_index(&record.texts).and_then(|i| record.texts.get_mut(i)) {
        Some(text) => text.body = body,
        None => bail!("the synthetic record has no reading text"),
    }
    Ok(Store::new(Archive::default(), vec![], vec![record]))
}

pub fn rows() -> anyhow::Result<Vec<Row>> {
    let (width, height) = (200, 50);
    let store = megabyte_store()?;
    let bytes = store.records[0].reading_text().map_or(0, |t| t.body.len());
    let mut app = App::new(store);
    let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
    let (mut crossterm, wire) = memory_terminal(width, height)?;

    // The first frame wraps the whole text.
    let start = Instant::now();
    app.update(Action::Resize(width, height));
    app.update(Action::Show(Pane::FullText));
    let Ok(_) = terminal.draw(|frame| render(&app, &Theme::default(), frame));
    let first = ms(start.elapsed());
    let Some(lines) = app.wrapped_text().map(|w| w.lines.len()) else {
        bail!("the full text is not shown at {width}x{height}");
    };

    let (mut buffered, mut written) = (Vec::new(), Vec::new());
    for _ in 0..FRAMES {
        // One line further each frame, so each frame differs from the last.
        app.update(Action::Down);
        let start = Instant::now();
        let Ok(_) = terminal.draw(|frame| render(&app, &Theme::default(), frame));
        buffered.push(ms(start.elapsed()));
        let start = Instant::now();
        crossterm.draw(|frame| render(&app, &Theme::default(), frame))?;
        written.push(ms(start.elapsed()));
        wire.take();
    }
    let what = format!(
        "frame at {width}x{height}, {:.1} MB document open ({lines} lines)",
        bytes as f64 / 1e6
    );
    Ok(vec![
        row(format!("{what}: first (opens, wraps)"), show_ms(first), ""),
        row(
            format!("{what}: median of {FRAMES}, to a buffer"),
            show_ms(median(&buffered)),
            "≤ 2 ms",
        ),
        row(
            format!("{what}: median of {FRAMES}, through crossterm"),
            show_ms(median(&written)),
            "≤ 2 ms",
        ),
    ])
}

/// Bytes written to the terminal by `j` steps down the record list, from the top, and
/// by the document catching up once the keys rest, the text read as the event loop
/// reads it. Also says whether a pane of the document is shown beside the list.
fn bytes_per_step(app: &mut App, width: u16, height: u16) -> anyhow::Result<Steps> {
    app.update(Action::Resize(width, height));
    app.update(Action::Top);
    if app.focus() != Pane::Records {
        bail!("the record list does not have the focus");
    }
    let (mut terminal, wire) = memory_terminal(width, height)?;
    fetch_text(app);
    terminal.draw(|frame| render(app, &Theme::default(), frame))?;
    let j = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    let mut steps = Steps::default();
    for _ in 0..STEPS {
        wire.take();
        let before = app.selected_row();
        if let Some(action) = action_for_event(app, &j) {
            app.update(action);
        }
        if app.selected_row() == before {
            bail!("`j` did not move the selection");
        }
        fetch_text(app);
        terminal.draw(|frame| render(app, &Theme::default(), frame))?;
        steps.list.push(wire.take().len() as f64);
        app.update(Message::Rest);
        fetch_text(app);
        terminal.draw(|frame| render(app, &Theme::default(), frame))?;
        steps.at_rest.push(wire.take().len() as f64);
    }
    app.update(Action::Top);
    let panes = app.panes();
    steps.document_shown = [panes.summary, panes.full_text, panes.provenance]
        .iter()
        .any(Option::is_some);
    Ok(steps)
}

#[derive(Default)]
struct Steps {
    /// Each step's frame: the list moves, the document waits.
    list: Vec<f64>,
    /// Each step's document once the keys rest.
    at_rest: Vec<f64>,
    document_shown: bool,
}

pub fn bytes_rows(app: &mut App) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for (width, height) in [(80, 24), (200, 50)] {
        let steps = bytes_per_step(app, width, height)?;
        let max = steps.list.iter().copied().fold(0.0, f64::max);
        let document = if steps.document_shown {
            " beside the document"
        } else {
            ""
        };
        rows.push(row(
            format!(
                "bytes per `j` in the record list, {width}x{height}{document} (median of {STEPS})"
            ),
            format!("{:.0} B (max {max:.0} B)", median(&steps.list)),
            "≤ 1 KB",
        ));
        if steps.document_shown {
            rows.push(row(
                format!(
                    "bytes for the document following, once the keys rest 120 ms, {width}x{height}"
                ),
                format!("{:.0} B", median(&steps.at_rest)),
                "",
            ));
        }
    }
    Ok(rows)
}
