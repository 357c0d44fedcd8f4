//! The pseudo-terminal harness of the pty tests: the built binary in a terminal of
//! its own, its screen read through vt100, its keys typed, its ending checked.
#![allow(dead_code, clippy::unwrap_used)] // Each test file uses part of it.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Generous: a bound on waiting for the screen, not a performance assertion.
pub const WAIT: Duration = Duration::from_secs(30);

/// crossterm's sequences for the modes the reading room turns on and must turn off.
pub const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
pub const ENABLE_MOUSE: &[u8] = b"\x1b[?1000h";
pub const DISABLE_MOUSE: &[u8] = b"\x1b[?1000l";

pub fn pty_size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// Everything the program wrote, as bytes and as the screen a terminal would show.
pub struct Output {
    pub parser: vt100::Parser,
    pub raw: Vec<u8>,
}

pub struct Session {
    /// Removed when the session ends.
    pub _home: tempfile::TempDir,
    pub output: Arc<Mutex<Output>>,
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub reader: Option<thread::JoinHandle<()>>,
}

/// A home of its own for each session, removed with it: no user store is found (the
/// built-in sample opens), and no two tests share a cache.
pub fn in_home(mut cmd: CommandBuilder, home: &Path) -> CommandBuilder {
    cmd.env("HOME", home);
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("XDG_CACHE_HOME", home.join("cache"));
    cmd.env_remove("CARREL_STORE");
    cmd.env("TERM", "xterm-256color");
    cmd
}

/// The built carrel with `args`, in `home`.
pub fn carrel_command(args: &[&str], home: &Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_carrel"));
    cmd.args(args);
    in_home(cmd, home)
}

impl Session {
    pub fn start(rows: u16, cols: u16, args: &[&str]) -> Session {
        let home = tempfile::tempdir().unwrap();
        let command = carrel_command(args, home.path());
        Session::spawn(rows, cols, command, home)
    }

    /// An interactive shell without line editing (so that it reads lines cooked, as
    /// a shell waiting at its prompt leaves the terminal), carrel at `$CARREL`.
    pub fn shell(rows: u16, cols: u16) -> Session {
        let home = tempfile::tempdir().unwrap();
        let mut command = CommandBuilder::new("bash");
        command.args(["--norc", "--noprofile", "--noediting", "-i"]);
        let mut command = in_home(command, home.path());
        command.env("PS1", "shell$ ");
        command.env("CARREL", env!("CARGO_BIN_EXE_carrel"));
        Session::spawn(rows, cols, command, home)
    }

    pub fn spawn(
        rows: u16,
        cols: u16,
        command: CommandBuilder,
        home: tempfile::TempDir,
    ) -> Session {
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

    pub fn screen(&self) -> String {
        self.output.lock().unwrap().parser.screen().contents()
    }

    pub fn wait_for(&self, text: &str) {
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
    pub fn wait_for_screen(&self, expected: &str) {
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

    pub fn alternate_screen(&self) -> bool {
        self.output
            .lock()
            .unwrap()
            .parser
            .screen()
            .alternate_screen()
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap();
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name} {pid} failed");
    }

    pub fn resize(&self, rows: u16, cols: u16) {
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
    pub fn terminal_cooked(&self) -> Option<bool> {
        let termios = self.master.get_termios()?;
        // Read through the flag names, so the test needs no termios crate of its own.
        let flags = format!("{:?}", termios.local_flags);
        let names: Vec<&str> = flags.split(|c: char| !c.is_ascii_alphanumeric()).collect();
        Some(names.contains(&"ICANON") && names.contains(&"ECHO"))
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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
    pub fn assert_terminal_restored(&self) {
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

pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
