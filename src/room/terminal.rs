//! Entering and leaving the terminal: alternate screen, raw mode and mouse capture,
//! restored on every way out (quit, error, panic, a signal, Ctrl-z).
//!
//! Not `ratatui::init`: its panic hook and ratatui's `Terminal::drop` report a
//! failure to restore with `eprintln!`, which panics when stderr is a terminal that
//! hung up (a dropped SSH link), and a panic inside the panic hook aborts the
//! process. Here every step of restoring is tried on its own and a failure is
//! dropped: on a terminal that is gone there is no one left to tell.

use std::io::stdout;
use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::prelude::CrosstermBackend;
use ratatui::{DefaultTerminal, Terminal};

/// The reading room's terminal. Never dropped (see the module's description): the
/// process ends after [`leave`] without it.
pub type Screen = ManuallyDrop<DefaultTerminal>;

pub fn enter() -> std::io::Result<Screen> {
    // Only a panic on the UI thread ends the reading room. A panic on the thread
    // opening the store ends that thread, and the reading room says loading stopped;
    // restoring the terminal under a running interface would leave it drawing on the shell.
    let ui_thread = std::thread::current().id();
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui_thread {
            leave();
            report(info);
        }
    }));
    super::alloc_guard::guard_aborts();
    if let Err(error) = reenter() {
        leave();
        return Err(error);
    }
    match Terminal::new(CrosstermBackend::new(stdout())) {
        Ok(terminal) => Ok(ManuallyDrop::new(terminal)),
        Err(error) => {
            leave();
            Err(error)
        }
    }
}

/// Whether the reading room captures the mouse (config.toml's `mouse`, `--no-mouse`).
static MOUSE: AtomicBool = AtomicBool::new(true);

pub fn set_mouse(on: bool) {
    MOUSE.store(on, Ordering::Relaxed);
}

/// Into the modes the reading room runs in; again after a suspension.
pub fn reenter() -> std::io::Result<()> {
    // Held from the first step: a failed allocation halfway in gives back what was taken.
    super::alloc_guard::holding(true);
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    if MOUSE.load(Ordering::Relaxed) {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Best effort, step by step: on a dropped link the terminal is gone and writes fail;
/// nothing to do then.
pub fn leave() {
    super::alloc_guard::holding(false);
    let _ = execute!(stdout(), DisableMouseCapture);
    // Raw mode first: it has more effects than the alternate screen.
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}
