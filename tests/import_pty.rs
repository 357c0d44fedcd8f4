//! `carrel import` on a terminal: the progress bar is drawn on stderr while the sheet
//! is read, problems are written above it, and it is gone when the import ends.

#![allow(clippy::unwrap_used)]

use std::io::Read;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[test]
fn an_import_on_a_terminal_shows_its_progress_and_clears_it() {
    let home = tempfile::tempdir().unwrap();
    // A sheet big enough to be read in more than one step, with one bad date.
    let sheet = home.path().join("sheet.csv");
    let mut rows = String::from("Title,Date,Summary\n");
    rows.push_str("A row with a date nobody can read,the day after,x\n");
    for i in 0..20_000 {
        rows.push_str(&format!(
            "Report {i} on the situation in Xinjiang,1945-10-05,\"{}\"\n",
            "Ghulja rebels liberated the Altay District. ".repeat(4)
        ));
    }
    std::fs::write(&sheet, rows).unwrap();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_carrel"));
    command.args([
        "import",
        sheet.to_str().unwrap(),
        "--into",
        home.path().join("store").to_str().unwrap(),
        "--skip-invalid",
    ]);
    command.env("HOME", home.path());
    command.env("XDG_DATA_HOME", home.path().join("data"));
    command.env("XDG_CACHE_HOME", home.path().join("cache"));
    command.env("XDG_CONFIG_HOME", home.path().join("config"));
    command.env("TERM", "xterm-256color");
    command.env_remove("CARREL_STORE");
    let mut child = pty.slave.spawn_command(command).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut raw = Vec::new();
    // Read until carrel ends and the terminal has nothing more (EOF or EIO).
    let mut buf = [0u8; 8192];
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        if child.try_wait().unwrap().is_some() && raw.ends_with(b"\n") {
            break;
        }
    }
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
    let text = String::from_utf8_lossy(&raw);
    // The bar's own words were drawn while the import ran ...
    assert!(text.contains(" left"), "no progress bar drawn: {text:?}");
    // ... and the screen at the end holds the problem and the outcome, not the bar.
    let mut parser = vt100::Parser::new(24, 100, 0);
    parser.process(&raw);
    let screen = parser.screen().contents();
    assert!(screen.contains("the day after"), "{screen}");
    assert!(screen.contains("store: "), "{screen}");
    assert!(
        !screen.contains(" left"),
        "the bar was left behind:\n{screen}"
    );
}
