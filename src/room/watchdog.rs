//! A way out when the event loop cannot take one.
//!
//! crossterm 0.29 never returns from waiting for a key once the terminal has hung up
//! (an SSH link dropped, a terminal window closed): its read loop retries end-of-file
//! at full speed, forever (crossterm-rs/crossterm#793). A hangup normally also brings
//! SIGHUP, which the signal thread hands to the event loop, and carrel ends; but
//! under `nohup`, or from a shell that ignores SIGHUP, no signal comes, and carrel
//! would stay behind on the server burning a core. The watchdog acts for it:
//! - a thread blocks in `poll(2)` on the terminal, which wakes it only when the
//!   terminal hangs up; [`GRACE`] later, if carrel is still there, it ends the process
//!   as a hangup would;
//! - a thread waits for an ending signal; [`GRACE`] after one, if the event loop has
//!   not ended the process, it does.
//!
//! Both block until what they wait for happens: an idle reading room wakes neither.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rustix::event::{PollFd, PollFlags, poll};

use super::signals::Received;
use super::terminal;

/// How long the event loop has to end the process itself before the watchdog does.
const GRACE: Duration = Duration::from_secs(1);
/// SIGHUP's number: a terminal that went away without a signal ends as if it came.
const HANGUP: i32 = 1;

/// Starts the watchdog's threads (see the module's description). Without a thread,
/// or without a terminal to watch, that part of the watchdog is not there, and
/// nothing else changes.
pub fn start(quit: &Received) {
    let quit = quit.clone();
    let _ = std::thread::Builder::new()
        .name("carrel-watchdog-signal".into())
        .spawn(move || {
            let signal = quit.wait();
            std::thread::sleep(GRACE);
            give_up(signal);
        });
    // Without a terminal to begin with, there is nothing to watch.
    if let Ok(tty) = std::fs::File::open("/dev/tty") {
        let _ = std::thread::Builder::new()
            .name("carrel-watchdog-hangup".into())
            .spawn(move || {
                if hung_up(&tty) {
                    std::thread::sleep(GRACE);
                    give_up(HANGUP);
                }
            });
    }
}

/// Blocks until the terminal hangs up (true), or watching it fails (false).
fn hung_up(tty: &std::fs::File) -> bool {
    loop {
        // No events asked for: poll reports only a hangup or an error on its own.
        let mut fds = [PollFd::new(tty, PollFlags::empty())];
        match poll(&mut fds, None) {
            Ok(_) => {
                let revents = fds[0].revents();
                if revents.contains(PollFlags::HUP) {
                    return true;
                }
                if revents.intersects(PollFlags::ERR | PollFlags::NVAL) {
                    return false;
                }
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return false,
        }
    }
}

/// Held by whichever thread ends the process: the event loop's on its way out, or the
/// watchdog's. Two threads in `exit` at once is undefined in the C library (a
/// dropped link under load once ended carrel by a signal instead of status 129).
static LEAVING: Mutex<()> = Mutex::new(());

/// Takes the right to end the process; the caller never gives it back.
pub fn leaving() -> MutexGuard<'static, ()> {
    LEAVING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Restores what can be restored (the terminal is most likely gone) and exits as a
/// shell reports a process a signal ended; waits for ever if the event loop is
/// already ending the process.
fn give_up(signal: i32) -> ! {
    let _leaving = leaving();
    terminal::leave();
    std::process::exit(128 + signal)
}
