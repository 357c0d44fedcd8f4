//! A way out when the event loop cannot take one.
//!
//! crossterm 0.29 never returns from waiting for a key once the terminal has hung up
//! (an SSH link dropped, a terminal window closed): its read loop retries end-of-file
//! at full speed, forever (crossterm-rs/crossterm#793). The event loop then never
//! sees the flag SIGHUP set, and carrel would stay behind on the server burning a core.
//! The watchdog, on a thread of its own, acts for it:
//! - an ending signal the event loop has not acted on within [`GRACE`] ends the
//!   process with the signal's status;
//! - a terminal that has gone while no signal came (carrel started under `nohup`,
//!   or from a shell that ignores SIGHUP) ends it as a hangup would, once the event
//!   loop has been quiet for [`STALL`] (an idle loop is quiet: it blocks on its
//!   channel, so the watchdog then looks for the terminal every [`LOOK`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::signals::Received;
use super::terminal;

/// How long the event loop has to act on a signal before the watchdog does.
const GRACE: Duration = Duration::from_secs(1);
/// How long the event loop may go without a turn before the watchdog looks whether
/// the terminal is still there.
const STALL: Duration = Duration::from_secs(2);
/// How often the watchdog looks: a signal waits at most this long past its grace, a
/// vanished terminal is noticed within this of the stall. Each look is one atomic
/// load, or an open of /dev/tty: microseconds a second.
const LOOK: Duration = Duration::from_millis(500);
/// SIGHUP's number: a terminal that went away without a signal ends as if it came.
const HANGUP: i32 = 1;

/// The event loop's pulse: it beats once for each message it takes.
#[derive(Clone)]
pub struct Heartbeat {
    start: Instant,
    /// Milliseconds from `start` to the last beat.
    last: Arc<AtomicU64>,
}

impl Heartbeat {
    pub fn beat(&self) {
        self.last
            .store(millis(self.start.elapsed()), Ordering::Relaxed);
    }

    fn silent_for(&self) -> Duration {
        let since_start = millis(self.start.elapsed());
        Duration::from_millis(since_start.saturating_sub(self.last.load(Ordering::Relaxed)))
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// Whether this process still has a terminal: after a hangup the kernel takes the
/// controlling terminal from every process of the session, and it cannot be opened.
fn has_terminal() -> bool {
    std::fs::File::open("/dev/tty").is_ok()
}

/// Starts the watchdog (see the module's description); the event loop beats the
/// heartbeat returned. Without a thread, there is no watchdog and nothing else changes.
pub fn start(quit: &Received) -> Heartbeat {
    let heartbeat = Heartbeat {
        start: Instant::now(),
        last: Arc::new(AtomicU64::new(0)),
    };
    let pulse = heartbeat.clone();
    let quit = quit.clone();
    // Without a terminal to begin with, its absence later says nothing.
    let had_terminal = has_terminal();
    let _ = std::thread::Builder::new()
        .name("carrel-watchdog".into())
        .spawn(move || watch(&quit, &pulse, had_terminal));
    heartbeat
}

fn watch(quit: &Received, heartbeat: &Heartbeat, had_terminal: bool) {
    let mut signalled: Option<Instant> = None;
    loop {
        std::thread::sleep(LOOK);
        if let Some(signal) = quit.received() {
            if signalled.get_or_insert_with(Instant::now).elapsed() >= GRACE {
                give_up(signal);
            }
        } else if had_terminal && heartbeat.silent_for() >= STALL && !has_terminal() {
            give_up(HANGUP);
        }
    }
}

/// Restores what can be restored (the terminal is most likely gone) and exits as a
/// shell reports a process a signal ended.
fn give_up(signal: i32) -> ! {
    terminal::leave();
    std::process::exit(128 + signal)
}
