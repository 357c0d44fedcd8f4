//! The reading room's runtime: the terminal, the threads that send messages, and
//! the loop that hands each message to `App::update` and draws.
//!
//! Every thread sends into one channel of [`Message`](crate::tui::Message)s: the
//! input thread (terminal events), the opening threads (records, the index), the
//! search thread, the text reader and the signal thread. The loop blocks on that
//! channel until a message comes or the next timer falls due: an idle reading room
//! wakes for nothing.

mod across_worker;
mod alloc_guard;
mod clipboard;
mod desk_io;
mod event_loop;
mod indexer;
mod input;
mod search_worker;
mod signals;
mod store_watch;
mod terminal;
mod text_reader;
mod watchdog;
mod worker;

use std::sync::mpsc;

pub use alloc_guard::GuardedAllocator;
pub use clipboard::osc52;

use crate::store::StoreChoice;

/// Runs the reading room on the store chosen by the CLI until the reader quits.
///
/// The store loads on background threads while the interface is already up. A
/// store that cannot be opened at all is shown in the interface; after the reader
/// quits, the same error is returned so the exit status says so.
///
/// A signal that ends a process by default (TERM, HUP, INT, QUIT, USR1, ALRM, ...)
/// ends the reading room like `q`; once the terminal is restored the process exits
/// with 128 + the signal's number, as a shell reports a process the signal ended.
pub fn run(choice: StoreChoice) -> anyhow::Result<()> {
    run_with(choice, crate::config::Config::default(), Vec::new())
}

/// [`run`] with the settings of config.toml, and what was wrong in it (said in the
/// status line).
pub fn run_with(
    choice: StoreChoice,
    config: crate::config::Config,
    problems: Vec<String>,
) -> anyhow::Result<()> {
    terminal::set_mouse(config.mouse);
    let (tx, rx) = mpsc::channel();
    let signals = signals::start(tx.clone())?;
    let mut term = terminal::enter()?;
    watchdog::start(&signals);
    let input = input::start(tx.clone());
    let settings = event_loop::Settings { config, problems };
    let outcome = event_loop::run(&mut term, &choice, (tx, rx), &input, &settings);
    // From here this thread ends the process, and the watchdog must not as well.
    std::mem::forget(watchdog::leaving());
    terminal::leave();
    match outcome {
        Ok(event_loop::Ending::Signal(signal)) => std::process::exit(128 + signal),
        Ok(event_loop::Ending::Quit) => Ok(()),
        Ok(event_loop::Ending::Reopen) => Err(reopen()),
        Err(error) => {
            if let Some(signal) = signals.received() {
                std::process::exit(128 + signal);
            }
            // The terminal hung up and drawing failed before SIGHUP came (or none
            // will: under nohup): it ends as the hangup would have.
            if terminal_gone(&error) {
                std::process::exit(128 + signal_hook::consts::signal::SIGHUP);
            }
            Err(error)
        }
    }
}

/// Opens the store again in a new carrel in this process's place (same arguments,
/// same terminal): everything is read anew, and the desk reopens the record and the
/// line the reader was at. Returns only if that cannot be done.
fn reopen() -> anyhow::Error {
    use std::os::unix::process::CommandExt;
    let program = match std::env::current_exe() {
        Ok(program) => program,
        Err(error) => return anyhow::Error::new(error).context("cannot open the store again"),
    };
    let error = std::process::Command::new(&program)
        .args(std::env::args_os().skip(1))
        .exec();
    anyhow::Error::new(error).context(format!("cannot run {} again", program.display()))
}

/// Whether an error is a terminal's that is no longer there (EIO, ENXIO on a tty).
fn terminal_gone(error: &anyhow::Error) -> bool {
    let gone = [rustix::io::Errno::IO, rustix::io::Errno::NXIO].map(|e| e.raw_os_error());
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::raw_os_error)
            .is_some_and(|code| gone.contains(&code))
    })
}
