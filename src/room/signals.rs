//! Signals, handled in one place: a thread waits for them and sends each into the
//! loop's channel as a message, so the loop acts on a signal as on a key.
//!
//! Every signal whose default action ends the process is caught, so that the
//! terminal is restored before carrel exits with 128 + its number. SIGTSTP suspends
//! as Ctrl-z does, and SIGCONT has the screen drawn anew. (SIGKILL and SIGSTOP
//! cannot be caught; SIGSEGV, SIGILL and SIGFPE are left to the panic hook's side
//! of things: a program in that state should not run a handler.)

use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use signal_hook::consts::signal::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGSYS, SIGTERM, SIGTRAP, SIGTSTP, SIGUSR1,
    SIGUSR2, SIGVTALRM, SIGXCPU, SIGXFSZ,
};
use signal_hook::iterator::Signals;

use crate::tui::Message;

/// The signals whose default action ends the process.
pub const ENDING: [i32; 13] = [
    SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
    SIGXFSZ, SIGSYS, SIGTRAP,
];

/// Which ending signal came, for the watchdog (which acts should the loop not).
#[derive(Clone, Default)]
pub struct Received {
    signal: Arc<(Mutex<Option<i32>>, Condvar)>,
}

impl Received {
    /// The ending signal that came, if one did.
    pub fn received(&self) -> Option<i32> {
        *self.signal.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Blocks until an ending signal comes; which.
    pub fn wait(&self) -> i32 {
        let (lock, came) = &*self.signal;
        let mut signal = lock.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(number) = *signal {
                return number;
            }
            signal = came.wait(signal).unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn record(&self, number: i32) {
        let (lock, came) = &*self.signal;
        lock.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_or_insert(number);
        came.notify_all();
    }
}

/// Starts the signal thread, sending into `tx`.
pub fn start(tx: Sender<Message>) -> std::io::Result<Received> {
    let received = Received::default();
    let mut signals = Signals::new(ENDING.iter().chain(&[SIGTSTP, SIGCONT]))?;
    let noted = received.clone();
    std::thread::Builder::new()
        .name("carrel-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let message = match signal {
                    SIGTSTP => Message::Suspend,
                    SIGCONT => Message::Resumed,
                    _ => {
                        noted.record(signal);
                        Message::Ended { signal }
                    }
                };
                if tx.send(message).is_err() {
                    return;
                }
            }
        })?;
    Ok(received)
}
