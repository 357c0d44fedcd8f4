//! The input thread: reads terminal events (blocking, so an idle reading room uses
//! no CPU) and sends each into the loop's channel.
//!
//! While the terminal is handed to something else (the shell after Ctrl-z, later an
//! editor), the thread must not read: it would take keys meant for that program.
//! [`Input::pause`] stops it between two events: a SIGWINCH raised at ourselves
//! wakes crossterm's blocking read with a resize (harmless: the same size), and the
//! thread then waits at its gate until [`Input::resume`].

use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use ratatui::crossterm::event;
use signal_hook::consts::signal::SIGWINCH;

use crate::tui::Message;

/// How long `pause` waits for the thread to stop reading. Should crossterm not wake
/// (no signal handler of its own), the pause goes ahead anyway.
const PAUSE_WAIT: Duration = Duration::from_millis(500);

#[derive(Debug, Default)]
struct GateState {
    /// The loop wants the thread to stop reading.
    closed: bool,
    /// The thread is waiting at the gate, not reading.
    parked: bool,
}

#[derive(Debug, Default)]
struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

impl Gate {
    fn lock(&self) -> MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub struct Input {
    gate: Arc<Gate>,
}

/// Starts the input thread, sending into `tx`. It ends when the loop's channel closes
/// or the terminal cannot be read (then it sends a hangup: the terminal is gone).
pub fn start(tx: Sender<Message>) -> Input {
    let gate = Arc::new(Gate::default());
    let shared = Arc::clone(&gate);
    let _ = std::thread::Builder::new()
        .name("carrel-input".into())
        .spawn(move || read_events(&tx, &shared));
    Input { gate }
}

fn read_events(tx: &Sender<Message>, gate: &Gate) {
    loop {
        {
            let mut state = gate.lock();
            while state.closed {
                state.parked = true;
                gate.changed.notify_all();
                state = gate
                    .changed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            state.parked = false;
        }
        let message = match event::read() {
            Ok(event) => Message::Terminal(event),
            Err(_) => Message::Ended {
                signal: signal_hook::consts::signal::SIGHUP,
            },
        };
        let gone = matches!(message, Message::Ended { .. });
        if tx.send(message).is_err() || gone {
            return;
        }
    }
}

impl Input {
    /// Stops the thread reading, and waits (a moment at most) until it has.
    pub fn pause(&self) {
        let mut state = self.gate.lock();
        state.closed = true;
        if state.parked {
            return;
        }
        drop(state);
        let _ = signal_hook::low_level::raise(SIGWINCH);
        let state = self.gate.lock();
        let _ = self
            .gate
            .changed
            .wait_timeout_while(state, PAUSE_WAIT, |s| !s.parked);
    }

    /// Lets the thread read again.
    pub fn resume(&self) {
        self.gate.lock().closed = false;
        self.gate.changed.notify_all();
    }
}
