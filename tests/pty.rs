//! End to end in a pseudo-terminal: the built binary, real keys, the screen as a
//! terminal would show it (vt100), and the terminal restored on every way out.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Generous: a bound on waiting for the screen, not a performance assertion.
const WAIT: Duration = Duration::from_secs(30);

/// crossterm's sequences for the modes the reading room turns on and must turn off.
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
const ENABLE_MOUSE: &[u8] = b"\x1b[?1000h";
const DISABLE_MOUSE: &[u8] = b"\x1b[?1000l";

fn pty_size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// Everything the program wrote, as bytes and as the screen a terminal would show.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
}

struct Session {
    /// Removed when the session ends.
    _home: tempfile::TempDir,
    output: Arc<Mutex<Output>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    reader: Option<thread::JoinHandle<()>>,
}

/// A home of its own for each session, removed with it: no user store is found (the
/// built-in sample opens), and no two tests share a cache.
fn in_home(mut cmd: CommandBuilder, home: &Path) -> CommandBuilder {
    cmd.env("HOME", home);
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("XDG_CACHE_HOME", home.join("cache"));
    cmd.env_remove("CARREL_STORE");
    cmd.env("TERM", "xterm-256color");
    cmd
}

/// The built carrel with `args`, in `home`.
fn carrel_command(args: &[&str], home: &Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_carrel"));
    cmd.args(args);
    in_home(cmd, home)
}

impl Session {
    fn start(rows: u16, cols: u16, args: &[&str]) -> Session {
        let home = tempfile::tempdir().unwrap();
        let command = carrel_command(args, home.path());
        Session::spawn(rows, cols, command, home)
    }

    /// An interactive shell without line editing (so that it reads lines cooked, as
    /// a shell waiting at its prompt leaves the terminal), carrel at `$CARREL`.
    fn shell(rows: u16, cols: u16) -> Session {
        let home = tempfile::tempdir().unwrap();
        let mut command = CommandBuilder::new("bash");
        command.args(["--norc", "--noprofile", "--noediting", "-i"]);
        let mut command = in_home(command, home.path());
        command.env("PS1", "shell$ ");
        command.env("CARREL", env!("CARGO_BIN_EXE_carrel"));
        Session::spawn(rows, cols, command, home)
    }

    fn spawn(rows: u16, cols: u16, command: CommandBuilder, home: tempfile::TempDir) -> Session {
        let pty = native_pty_system().openpty(pty_size(rows, cols)).unwrap();
        let child = pty.slave.spawn_command(command).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
        }));
        let sink = Arc::clone(&output);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // Ends when the program and its children have closed the terminal.
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut out = sink.lock().unwrap();
                out.parser.process(&buf[..n]);
                out.raw.extend_from_slice(&buf[..n]);
            }
        });
        Session {
            _home: home,
            output,
            master: pty.master,
            writer,
            child,
            reader: Some(reader),
        }
    }

    fn screen(&self) -> String {
        self.output.lock().unwrap().parser.screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{text:?} never appeared; the screen was:\n{}",
            self.screen()
        );
    }

    /// Waits until the screen shows exactly `expected` (trailing blanks aside).
    fn wait_for_screen(&self, expected: &str) {
        let normal = |text: &str| {
            let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
            let end = lines
                .iter()
                .rposition(|l| !l.is_empty())
                .map_or(0, |i| i + 1);
            lines[..end].join("\n")
        };
        let expected = normal(expected);
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if normal(&self.screen()) == expected {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "the screen never showed\n{expected}\nit was:\n{}",
            self.screen()
        );
    }

    fn alternate_screen(&self) -> bool {
        self.output
            .lock()
            .unwrap()
            .parser
            .screen()
            .alternate_screen()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap();
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name} {pid} failed");
    }

    fn resize(&self, rows: u16, cols: u16) {
        // The screen first: whatever carrel draws once it sees the new size must be
        // read at that size. vt100 overflows on a one-cell screen; two by two shows
        // the same one cell.
        self.output
            .lock()
            .unwrap()
            .parser
            .screen_mut()
            .set_size(rows.max(2), cols.max(2));
        self.master.resize(pty_size(rows, cols)).unwrap();
    }

    /// The terminal's line discipline: `Some(true)` when it is cooked (canonical
    /// input, echo), as a shell expects it; `None` where the pty does not say.
    fn terminal_cooked(&self) -> Option<bool> {
        let termios = self.master.get_termios()?;
        // Read through the flag names, so the test needs no termios crate of its own.
        let flags = format!("{:?}", termios.local_flags);
        let names: Vec<&str> = flags.split(|c: char| !c.is_ascii_alphanumeric()).collect();
        Some(names.contains(&"ICANON") && names.contains(&"ECHO"))
    }

    fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().unwrap() {
                // All output read: the screen and the bytes are final.
                if let Some(reader) = self.reader.take() {
                    reader.join().unwrap();
                }
                return status;
            }
            thread::sleep(Duration::from_millis(20));
        }
        self.child.kill().ok();
        panic!("carrel did not exit; the screen was:\n{}", self.screen());
    }

    /// After exit: the terminal is as the shell left it. Checked on the screen the
    /// terminal shows, on the bytes (each mode turned off after it was last turned
    /// on), and on the line discipline.
    fn assert_terminal_restored(&self) {
        let out = self.output.lock().unwrap();
        let screen = out.parser.screen();
        assert!(
            !screen.alternate_screen(),
            "the alternate screen was left on exit"
        );
        assert!(!screen.hide_cursor(), "the cursor is shown again");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture is off"
        );
        let raw = &out.raw;
        let last_enter_mouse = rfind(raw, ENABLE_MOUSE).expect("mouse capture was enabled");
        let leave_mouse = rfind(raw, DISABLE_MOUSE).expect("mouse capture was disabled");
        assert!(
            leave_mouse > last_enter_mouse,
            "mouse capture disabled last"
        );
        let leave_screen = rfind(raw, LEAVE_ALTERNATE_SCREEN).expect("alternate screen left");
        let show_cursor = rfind(raw, SHOW_CURSOR).expect("cursor shown");
        assert!(
            show_cursor > leave_screen,
            "the cursor is shown after the alternate screen is left"
        );
        drop(out);
        if let Some(cooked) = self.terminal_cooked() {
            assert!(cooked, "raw mode left: canonical input and echo are back");
        }
    }
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[test]
fn filter_for_a_variant_spelling_then_read_the_provenance_and_quit() {
    let mut s = Session::start(45, 160, &[]);
    s.wait_for("All records");
    assert!(
        s.output.lock().unwrap().parser.screen().alternate_screen(),
        "the reading room runs on the alternate screen"
    );
    // Ospan Batyr is spelt Osman Batur elsewhere: the filter knows both.
    s.send("/osman");
    s.wait_for("1 of");
    s.send("\r");
    s.wait_for("GARF");
    s.wait_for("Goldberg");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    s.assert_terminal_restored();
}

#[test]
fn full_text_in_the_running_room_indexed_in_the_background_then_ctrl_f_and_n() {
    let mut s = Session::start(45, 160, &[]);
    s.wait_for("All records");
    // Ctrl-f in the filter line: the texts, ranked, once the index is open.
    s.send("/\x06osman");
    s.wait_for("/text: osman");
    s.wait_for("in texts");
    s.send("\r\r");
    s.wait_for("hit 1 of");
    s.send("n");
    s.wait_for("hit 2 of");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    s.assert_terminal_restored();
}

#[test]
fn a_tiny_window_says_so_instead_of_drawing() {
    let mut s = Session::start(8, 30, &[]);
    s.wait_for("too small");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn while_running_the_terminal_is_raw_which_is_what_restoring_undoes() {
    let mut s = Session::start(24, 80, &[]);
    s.wait_for("All records");
    // The check in assert_terminal_restored must be able to fail.
    let cooked = s.terminal_cooked();
    if cfg!(target_os = "linux") {
        assert!(cooked.is_some(), "Linux ptys report their termios");
    }
    assert_ne!(cooked, Some(true), "the reading room reads keys raw");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

/// A signal ends the reading room the normal way, then the exit status says which
/// signal it was, as a shell reports a process killed by it: 128 + its number.
fn signal_restores_the_terminal(signal: &str, status: u32) {
    let mut s = Session::start(24, 80, &[]);
    s.wait_for("All records");
    s.signal(signal);
    let exit = s.wait_exit();
    assert_eq!(exit.exit_code(), status, "exit status after SIG{signal}");
    s.assert_terminal_restored();
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    signal_restores_the_terminal("TERM", 128 + 15);
}

#[test]
fn sighup_from_a_dropped_link_restores_the_terminal_and_exits_129() {
    signal_restores_the_terminal("HUP", 128 + 1);
}

#[test]
fn every_signal_that_ends_a_process_restores_the_terminal_first() {
    for (signal, number) in [("INT", 2), ("QUIT", 3), ("USR1", 10), ("ALRM", 14)] {
        signal_restores_the_terminal(signal, 128 + number);
    }
}

/// Ctrl-z as in every terminal program: the shell gets the terminal back as it was
/// (cooked, main screen, no mouse capture, cursor shown) and says the job stopped;
/// `fg` continues it (SIGCONT) and the reading room is drawn again, whole.
#[test]
fn ctrl_z_hands_the_terminal_to_the_shell_and_fg_brings_the_reading_room_back() {
    let mut s = Session::shell(24, 80);
    s.wait_for("shell$");
    s.send("\"$CARREL\"\r");
    s.wait_for("All records");
    assert!(s.alternate_screen());
    s.send("\u{1a}");
    s.wait_for("Stopped");
    s.wait_for("shell$");
    s.assert_terminal_restored();
    // The shell reads lines again: it runs what is typed.
    s.send("echo back in the shell\r");
    s.wait_for("back in the shell");

    s.send("fg\r");
    let start = Instant::now();
    while !(s.alternate_screen() && s.screen().contains("All records")) {
        assert!(start.elapsed() < WAIT, "not drawn again:\n{}", s.screen());
        thread::sleep(Duration::from_millis(20));
    }
    assert!(!s.screen().contains("back in the shell"), "drawn whole");
    // Keys reach it again.
    s.send("j");
    s.wait_for("2 of 11");
    s.send("q");
    s.wait_for("shell$");
    s.send("echo carrel said $?\r");
    s.wait_for("carrel said 0");
    s.assert_terminal_restored();
    s.send("exit\r");
    s.wait_exit();
}

/// The link drops for real: the terminal goes away under carrel (every end of it on
/// this side closed), not just a signal. crossterm never returns from reading a
/// terminal that is gone, so it is the watchdog that must end carrel, as SIGHUP asks.
#[test]
fn a_dropped_link_ends_carrel_even_though_its_terminal_is_gone() {
    let home = tempfile::tempdir().unwrap();
    let pty = native_pty_system().openpty(pty_size(24, 80)).unwrap();
    let mut child = pty
        .slave
        .spawn_command(carrel_command(&[], home.path()))
        .unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut parser = vt100::Parser::new(24, 80, 0);
    let mut buf = [0u8; 8192];
    while !parser.screen().contents().contains("All records") {
        let n = reader.read(&mut buf).unwrap();
        assert!(n > 0, "carrel ended before drawing");
        parser.process(&buf[..n]);
    }
    // Drawn and waiting for a key, as a reader's session is when the link drops.
    drop(reader);
    drop(pty.master);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > WAIT {
            child.kill().ok();
            panic!("carrel outlived its terminal");
        }
        thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(
        status.exit_code(),
        128 + 1,
        "ended as SIGHUP asks, not {status}"
    );
}

#[test]
fn shrinking_to_a_tiny_window_and_back_redraws_the_lists() {
    let mut s = Session::start(30, 100, &[]);
    s.wait_for("All records");
    for (rows, cols) in [(5, 20), (1, 1), (3, 8)] {
        s.resize(rows, cols);
        // What the reading room draws at that size, whatever its state: drawn whole.
        let expected = carrel::ui::render_to_string(&mut carrel::tui::App::loading(), cols, rows);
        s.wait_for_screen(&expected);
        assert!(s.is_running(), "still running at {cols}x{rows}");
    }
    s.resize(8, 30);
    s.wait_for("too small");
    s.resize(30, 100);
    s.wait_for("All records");
    s.wait_for("Collections");
    assert!(!s.screen().contains("too small"), "{}", s.screen());
    assert!(s.is_running(), "no panic on the way");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

#[test]
fn a_store_that_cannot_be_opened_is_shown_then_the_exit_status_says_so() {
    let mut s = Session::start(24, 80, &["--store", "/nonexistent"]);
    s.wait_for("Cannot open the store");
    s.wait_for("/nonexistent");
    s.send("q");
    let exit = s.wait_exit();
    assert_eq!(exit.exit_code(), 2, "an error, as for every command");
    s.assert_terminal_restored();
    // stderr shares the terminal: the message lands on the shell's screen.
    let screen = s.screen();
    assert!(
        screen.contains("carrel:") && screen.contains("/nonexistent"),
        "the error is on the main screen after exit:\n{screen}"
    );
}

/// The Beria report, opened from the filter (the sample's only record that names Osman).
fn open_beria(s: &mut Session) {
    s.wait_for("All records");
    s.send("/osman");
    s.wait_for("1 of");
    s.send("\r");
    s.send("\r");
    s.wait_for("GARF");
}

#[test]
fn e_runs_the_editor_and_the_reading_room_comes_back_with_the_note() {
    let home = tempfile::tempdir().unwrap();
    // A stand-in editor: adds a line to the file it is given, as a user would.
    let script = home.path().join("editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf 'Written in the stand-in editor\\n' >> \"$1\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = carrel_command(&[], home.path());
    command.env("EDITOR", &script);
    command.env_remove("VISUAL");
    let mut s = Session::spawn(45, 160, command, home);
    open_beria(&mut s);
    s.send("e");
    s.wait_for("Note saved");
    // The note is at the end of the summary pane.
    s.send("1G");
    s.wait_for("Written in the stand-in");
    // Back where it was: the same record, on the alternate screen, keys still read.
    assert!(s.alternate_screen());
    assert!(s.screen().contains("GARF"), "{}", s.screen());
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    s.assert_terminal_restored();
    // The note was kept: the next run shows it (and reopens the same record).
    let home = s._home.path().to_path_buf();
    let mut again = Session::spawn(
        45,
        160,
        carrel_command(&[], &home),
        tempfile::tempdir().unwrap(),
    );
    again.wait_for("All records");
    again.wait_for("GARF");
    again.send("1G");
    again.wait_for("Written in the stand-in");
    again.send("q");
    assert!(again.wait_exit().success());
}

#[test]
fn y_writes_the_chicago_note_as_osc_52() {
    let mut s = Session::start(45, 160, &[]);
    open_beria(&mut s);
    s.send("y");
    s.wait_for("Copied the citation");
    let store = carrel::store::sample::load_builtin().store;
    let record = store.record("1945-10-05-beria-to-molotov").unwrap();
    let citation = carrel::cite::cite(record, carrel::cite::Style::ChicagoNote);
    let expected = carrel::room::osc52(&citation);
    let raw = s.output.lock().unwrap().raw.clone();
    assert!(
        rfind(&raw, expected.as_bytes()).is_some(),
        "no OSC 52 sequence of {citation:?} in the output"
    );
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    let mut s = Session::start(24, 80, &["--no-mouse"]);
    s.wait_for("All records");
    s.send("q");
    assert!(s.wait_exit().success());
    let raw = s.output.lock().unwrap().raw.clone();
    assert!(
        rfind(&raw, ENABLE_MOUSE).is_none(),
        "mouse capture was turned on"
    );
}

#[test]
fn config_problems_are_said_in_the_status_line_and_the_room_opens() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config").join("carrel");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "citation_style = \"harvard\"\n").unwrap();
    let command = carrel_command(&[], home.path());
    let mut s = Session::spawn(24, 160, command, home);
    s.wait_for("All records");
    s.wait_for("harvard");
    s.send("q");
    assert!(s.wait_exit().success());
}

/// A store that changes on disk while it is open: the status line says so, and `R`
/// opens it again in place, the new record listed.
#[test]
fn a_store_changed_on_disk_is_said_and_r_opens_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    std::fs::create_dir_all(store.join("records")).unwrap();
    std::fs::write(
        store.join("archive.json"),
        r#"{"schema_version": 1, "id": "changing", "title": "A changing store"}"#,
    )
    .unwrap();
    let record = |id: &str, title: &str| {
        format!(r#"{{"id": "{id}", "title": "{title}", "date": {{"edtf": "1945-10-05"}}}}"#) + "\n"
    };
    std::fs::write(
        store.join("records/a.jsonl"),
        record("first", "The first report"),
    )
    .unwrap();
    let mut s = Session::start(24, 100, &["--store", store.to_str().unwrap()]);
    s.wait_for("The first report");
    assert!(!s.screen().contains("changed on disk"));
    std::fs::write(
        store.join("records/b.jsonl"),
        record("second", "A report written meanwhile"),
    )
    .unwrap();
    s.wait_for("the store changed on disk: R opens it again");
    s.send("R");
    s.wait_for("A report written meanwhile");
    assert!(!s.screen().contains("changed on disk"), "{}", s.screen());
    s.send("q");
    assert!(s.wait_exit().success());
}
