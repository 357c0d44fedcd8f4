//! End to end in a pseudo-terminal: the built binary, real keys, the screen as a
//! terminal would show it (vt100), and the terminal restored on the way out.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Generous: a bound on waiting for the screen, not a performance assertion.
const WAIT: Duration = Duration::from_secs(30);

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    reader: Option<thread::JoinHandle<()>>,
}

impl Session {
    fn start(rows: u16, cols: u16, args: &[&str]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_carrel"));
        cmd.args(args);
        // A home of its own, so no user store is found and the built-in sample opens.
        let home = tempfile::tempdir().unwrap().keep();
        cmd.env("HOME", &home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CACHE_HOME", home.join("cache"));
        cmd.env_remove("CARREL_STORE");
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let sink = Arc::clone(&parser);
        let reader = thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            parser,
            writer,
            child,
            reader: Some(reader),
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "{text:?} never appeared; the screen was:\n{}",
            self.screen()
        );
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            thread::sleep(Duration::from_millis(50));
        }
        self.child.kill().ok();
        panic!("carrel did not exit; the screen was:\n{}", self.screen());
    }
}

#[test]
fn filter_for_a_variant_spelling_then_read_the_provenance_and_quit() {
    let mut s = Session::start(45, 160, &[]);
    s.wait_for("All records");
    assert!(
        s.parser.lock().unwrap().screen().alternate_screen(),
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
    if let Some(reader) = s.reader.take() {
        reader.join().unwrap();
    }
    let screen = s.parser.lock().unwrap();
    assert!(
        !screen.screen().alternate_screen(),
        "the alternate screen was left on exit"
    );
}

#[test]
fn a_tiny_window_says_so_instead_of_drawing() {
    let mut s = Session::start(8, 30, &[]);
    s.wait_for("too small");
    s.send("q");
    assert!(s.wait_exit().success());
}
