//! The event loop: load the store off the UI thread, turn terminal events into
//! actions, and draw only after something happened.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use anyhow::anyhow;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use super::action::Action;
use super::app::{App, LoadStatus};
use super::keymap;
use super::search_worker::SearchWorker;
use super::texts::read_text;
use crate::open::{Arrival, open_with_index};
use crate::store::{AppDirs, StoreChoice};
use crate::ui::theme::Theme;

/// How often the loop wakes with nothing to do: to notice signals, and to turn
/// the progress indicator while loading.
const IDLE_POLL: Duration = Duration::from_millis(250);
/// While loading, records are looked for this often: the first batch is drawn within
/// this long of arriving (the poll cannot wake on the loader's channel).
const LOADING_POLL: Duration = Duration::from_millis(5);
/// How often the progress indicator turns.
const LOADING_TICK: Duration = Duration::from_millis(100);
/// How often the loop looks for a search's result while one runs.
const SEARCH_POLL: Duration = Duration::from_millis(1);
/// How long without a key before the document follows steps through the record list:
/// longer than a held key's repeat (30-40 ms), short enough to feel like no wait.
const REST: Duration = Duration::from_millis(120);

pub fn run(
    terminal: &mut DefaultTerminal,
    choice: StoreChoice,
    quit_signal: &Arc<AtomicBool>,
) -> anyhow::Result<()> {
    let mut app = App::loading();
    app.set_theme(Theme::from_env());
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let dirs = AppDirs::discover();
    let mut arrival = Some(open_with_index(
        &choice,
        dirs.as_ref().map(|d| d.cache.as_path()),
    ));
    let mut searches = SearchWorker::start();
    let mut dirty = true;
    let mut last_tick = Instant::now();
    let mut last_input = Instant::now();

    while !app.should_quit() {
        if quit_signal.load(Ordering::Relaxed) {
            break;
        }
        if let Some(receiver) = &arrival {
            let (messages, finished) = drain(receiver);
            if !messages.is_empty() || finished {
                app.receive(messages, finished);
                dirty = true;
            }
            if finished || !app.is_loading() {
                arrival = None;
            }
        }
        // Reading a text back from the store is I/O: here, not in `App::update`.
        if let Some(index) = app.text_wanted() {
            let text = read_text(app.store(), index);
            app.text_arrived(index, text);
            dirty = true;
        }
        // Ranking is the worker's: the loop goes on taking keys meanwhile.
        for result in searches.results() {
            app.search_arrived(result);
            dirty = true;
        }
        searches.submit(&app);
        if dirty && searches.may_draw(&app) {
            terminal.draw(|frame| crate::ui::render(&app, frame))?;
            dirty = false;
        }
        let loading = app.is_loading();
        let mut timeout = if app.search_wanted().is_some() {
            SEARCH_POLL
        } else if loading {
            LOADING_POLL
        } else {
            IDLE_POLL
        };
        if app.document_waiting() {
            timeout = timeout.min(REST.saturating_sub(last_input.elapsed()));
        }
        if event::poll(timeout)? {
            last_input = Instant::now();
            // Drain what is queued before drawing again (a held key, a burst of resizes).
            loop {
                if let Some(action) = action_for_event(&app, &event::read()?) {
                    app.update(action);
                    dirty = true;
                }
                if !event::poll(Duration::ZERO)? {
                    break;
                }
            }
            continue;
        }
        if app.document_waiting() && last_input.elapsed() >= REST {
            app.update(Action::Rest);
            dirty = true;
        }
        if loading && last_tick.elapsed() >= LOADING_TICK {
            last_tick = Instant::now();
            app.update(Action::Tick);
            dirty = true;
        }
    }
    match app.load_status() {
        LoadStatus::Failed(message) => Err(anyhow!("{message}")),
        _ => Ok(()),
    }
}

/// Every message waiting, and whether the opening threads have finished.
fn drain(receiver: &Receiver<Arrival>) -> (Vec<Arrival>, bool) {
    let mut messages = Vec::new();
    loop {
        match receiver.try_recv() {
            Ok(message) => messages.push(message),
            Err(TryRecvError::Empty) => return (messages, false),
            Err(TryRecvError::Disconnected) => return (messages, true),
        }
    }
}

/// What a terminal event means for the app: key presses go to the filter line
/// when it is open, else through the keymap; the mouse wheel and left clicks
/// become pointer actions.
pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            if app.filter().editing && app.help_scroll().is_none() {
                keymap::filter_input(key)
            } else {
                keymap::lookup(key, &app.key_contexts())
            }
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        _ => None,
    }
}
