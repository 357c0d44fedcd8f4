//! The clipboard by OSC 52: the terminal (even at the far end of an SSH link) puts
//! the text on the system clipboard. Inside tmux this needs `set -g set-clipboard on`.

use std::io::Write;

use ratatui::crossterm::Command;
use ratatui::crossterm::clipboard::CopyToClipboard;

/// The escape sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text.as_bytes()).write_ansi(&mut out);
    out
}

/// Writes the sequence to the terminal.
pub fn copy(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_text_in_base64() {
        // "Beria" in base64 is "QmVyaWE=".
        assert_eq!(osc52("Beria"), "\x1b]52;c;QmVyaWE=\x1b\\");
    }
}
