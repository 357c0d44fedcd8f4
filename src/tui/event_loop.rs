//! The event loop: load the store off the UI thread, turn terminal events into
//! actions, and draw only after something happened.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use anyhow::anyhow;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use super::action::Action;
use super::app::{App, Library, LoadStatus};
use super::keymap;
use crate::store::StoreChoice;
use crate::strings;
use crate::ui::theme::Theme;

/// How often the loop wakes with nothing to do: to notice signals, and to turn
/// the progress indicator while loading.
const IDLE_POLL: Duration = Duration::from_millis(250);
const LOADING_POLL: Duration = Duration::from_millis(100);

pub fn run(
    terminal: &mut DefaultTerminal,
    choice: StoreChoice,
    quit_signal: &Arc<AtomicBool>,
) -> anyhow::Result<()> {
    let mut app = App::loading();
    app.set_theme(Theme::from_env());
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut arrival = Some(load_in_background(choice));
    let mut dirty = true;

    while !app.should_quit() {
        if quit_signal.load(Ordering::Relaxed) {
            break;
        }
        if let Some(receiver) = &arrival {
            match receiver.try_recv() {
                Ok(result) => {
                    app.finish_loading(result);
                    arrival = None;
                    dirty = true;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    app.finish_loading(Err(strings::LOADER_STOPPED.to_string()));
                    arrival = None;
                    dirty = true;
                }
            }
        }
        if dirty {
            terminal.draw(|frame| crate::ui::render(&app, frame))?;
            dirty = false;
        }
        let loading = arrival.is_some();
        let timeout = if loading { LOADING_POLL } else { IDLE_POLL };
        if event::poll(timeout)? {
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
        } else if loading {
            app.update(Action::Tick);
            dirty = true;
        }
    }
    match app.load_status() {
        LoadStatus::Failed(message) => Err(anyhow!("{message}")),
        _ => Ok(()),
    }
}

fn load_in_background(choice: StoreChoice) -> Receiver<Result<Library, String>> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let opened = std::panic::catch_unwind(AssertUnwindSafe(|| choice.open().map(Library::new)));
        let result = match opened {
            Ok(Ok(library)) => Ok(library),
            Ok(Err(error)) => Err(format!("{}: {error}", choice.describe())),
            Err(payload) => Err(format!(
                "{}: {}: {}",
                choice.describe(),
                strings::LOADING_FAILED,
                panic_message(payload.as_ref())
            )),
        };
        // The reader may have quit already; then nobody is listening.
        let _ = sender.send(result);
    });
    receiver
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or(strings::UNKNOWN_PANIC)
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
