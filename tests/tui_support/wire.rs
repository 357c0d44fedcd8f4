//! A terminal over crossterm that writes into memory: what the reading room would send
//! down the wire, byte for byte. Shared by `tests/tui_wire.rs` and `benches/table`.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// What crossterm wrote, kept in memory; a clone shares the bytes.
#[derive(Clone, Default)]
pub struct Wire(Rc<RefCell<Vec<u8>>>);

impl Wire {
    /// The bytes written since the last call.
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

impl Write for Wire {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A terminal of `width` x `height` writing into the [`Wire`] returned with it.
pub fn memory_terminal(
    width: u16,
    height: u16,
) -> std::io::Result<(Terminal<CrosstermBackend<Wire>>, Wire)> {
    let wire = Wire::default();
    let terminal = Terminal::with_options(
        CrosstermBackend::new(wire.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )?;
    Ok((terminal, wire))
}
