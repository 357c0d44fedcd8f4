//! Entering and leaving the terminal: alternate screen, raw mode and mouse capture,
//! restored on every way out (quit, error, panic, a signal, Ctrl-z).

use std::io::stdout;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

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

/// Back into the modes `enter` set, after a suspension (the panic hooks stay).
pub fn reenter() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)
}

/// Best effort: on a dropped link the terminal is gone and writes fail; nothing to do then.
pub fn leave() {
    let _ = execute!(stdout(), DisableMouseCapture);
    let _ = ratatui::try_restore();
    let _ = execute!(stdout(), ratatui::crossterm::cursor::Show);
}
