//! Entering and leaving the terminal: alternate screen, raw mode and mouse capture,
//! restored on every way out (quit, error, panic, SIGTERM, SIGHUP).

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

/// SIGTERM and SIGHUP (an SSH link dropping) set the flag; the event loop sees it
/// within one poll and quits the normal way, restoring the terminal (or, when it
/// cannot, the watchdog acts: see `watchdog`).
#[derive(Clone)]
pub struct QuitSignal {
    pub flag: Arc<AtomicBool>,
    /// Which signal it was: the exit status says so.
    number: Arc<AtomicUsize>,
}

impl QuitSignal {
    /// The signal that ended the reading room, if one did.
    pub fn received(&self) -> Option<i32> {
        // Acquire pairs with the handler's store of the flag, which follows its
        // store of the number: seeing the flag set means the number is there.
        if !self.flag.load(Ordering::Acquire) {
            return None;
        }
        i32::try_from(self.number.load(Ordering::SeqCst)).ok()
    }
}

pub fn quit_on_signals() -> std::io::Result<QuitSignal> {
    let quit = QuitSignal {
        flag: Arc::new(AtomicBool::new(false)),
        number: Arc::new(AtomicUsize::new(0)),
    };
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        // Handlers run in the order registered: the number first, then the flag.
        let number = usize::try_from(signal).unwrap_or_default();
        signal_hook::flag::register_usize(signal, Arc::clone(&quit.number), number)?;
        signal_hook::flag::register(signal, Arc::clone(&quit.flag))?;
    }
    Ok(quit)
}

pub fn enter() -> std::io::Result<DefaultTerminal> {
    // Our hook goes in first, so ratatui's (which leaves raw mode and the
    // alternate screen) wraps it; mouse capture is ours to turn off.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    let terminal = ratatui::try_init()?;
    // Only a panic on the UI thread ends the reading room. A panic on the thread
    // opening the store ends that thread, and the reading room says loading stopped;
    // restoring the terminal under a running interface would leave it drawing on the shell.
    let ui_thread = std::thread::current().id();
    let restore_and_report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui_thread {
            restore_and_report(info);
        }
    }));
    if let Err(error) = execute!(stdout(), EnableMouseCapture) {
        leave();
        return Err(error);
    }
    Ok(terminal)
}

/// Best effort: on a dropped link the terminal is gone and writes fail; nothing to do then.
pub fn leave() {
    let _ = execute!(stdout(), DisableMouseCapture);
    let _ = ratatui::try_restore();
    let _ = execute!(stdout(), ratatui::crossterm::cursor::Show);
}
