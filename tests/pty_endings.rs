//! Every way the reading room ends, in a pseudo-terminal: signals, a dropped link,
//! a failed allocation; the terminal given back each time.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

mod pty_support;

use pty_support::*;
use std::io::Read;
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::native_pty_system;

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

/// Headroom over what carrel has mapped: far less than a 1000x1000 screen buffer
/// (tens of megabytes).
const SLACK_KB: u64 = 8 * 1024;

/// Memory runs out: Rust reports it and aborts, as it always does (a failed
/// allocation, or a thread's panic that cannot unwind without memory), but the
/// terminal is given back first and the reason is left on the screen.
#[test]
fn a_failed_allocation_gives_the_terminal_back_before_the_abort() {
    let mut s = Session::start(24, 80, &[]);
    s.wait_for("All records");
    // The work after opening done (the texts indexed, the desk opened): what runs out
    // of memory is the reading room's own drawing, not a thread starting up.
    let start = Instant::now();
    while s.screen().contains("indexing") && start.elapsed() < Duration::from_secs(30) {
        thread::sleep(Duration::from_millis(20));
    }
    let pid = s.child.process_id().unwrap();
    // The address space limited to what carrel has mapped now and a little more: room
    // for its stacks to grow (a stack that cannot grow ends it by SIGSEGV, which no
    // program can restore from), not for a screen buffer of 1000x1000 cells.
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let mapped_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmSize:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    let limited = std::process::Command::new("prlimit")
        .arg(format!("--pid={pid}"))
        .arg(format!("--as={}", (mapped_kb + SLACK_KB) * 1024))
        .status()
        .unwrap();
    assert!(limited.success(), "prlimit could not limit carrel");
    // A window this big needs a screen buffer of tens of megabytes.
    s.resize(1000, 1000);
    let exit = s.wait_exit();
    assert!(!exit.success(), "carrel ended by the abort, not {exit}");
    s.assert_terminal_restored();
    // Rust's report: the allocation that failed (written after the terminal is given
    // back, so it stays on the main screen), or, when a thread panicked for want of
    // memory, that the panic could not unwind (written before the abort gives the
    // terminal back, so on the alternate screen: in the bytes, not left on view).
    let raw = String::from_utf8_lossy(&s.output.lock().unwrap().raw).into_owned();
    let screen = s.screen();
    assert!(
        screen.contains("memory allocation of") || raw.contains("fatal runtime error"),
        "the reason is written:\n{screen}"
    );
}
