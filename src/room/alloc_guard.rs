//! The allocator carrel runs with: the system's, with one thing added. When an
//! allocation fails while the reading room holds the terminal, the terminal is
//! given back first (main screen, cursor, mouse, line discipline), and only then
//! does Rust report the failure and abort, as it always does. Without this a failed
//! allocation left a raw terminal on the alternate screen behind the abort.
//!
//! Restoring here must not allocate (the allocator is what failed) and must not wait
//! on a lock another thread may hold: the escape sequences are one static string
//! written straight to the terminal's descriptor, and the line discipline is put
//! back by crossterm from the settings it saved (a system call, no allocation).
//!
//! A failed allocation does not always end the process: a fallible reservation
//! (`try_reserve`) returns an error its caller handles. The loop then finds the
//! terminal given back ([`take_given_back`]) and takes it again, drawing anew.

#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::fs::File;
use std::io::Write;
use std::mem::ManuallyDrop;
use std::os::fd::FromRawFd;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// The global allocator of the `carrel` binary (see the module's description).
pub struct GuardedAllocator;

/// Set while the reading room holds the terminal.
static HELD: AtomicBool = AtomicBool::new(false);
/// Set when a failed allocation gave the terminal back.
static GIVEN_BACK: AtomicBool = AtomicBool::new(false);
/// Only one thread restores, once.
static RESTORING: AtomicBool = AtomicBool::new(false);

/// Mouse reporting off (every mode crossterm turns on), the main screen, the
/// cursor shown: what `terminal::leave` writes, as bytes fixed in advance.
const GIVE_BACK: &[u8] =
    b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// The line discipline as it was before the reading room took the terminal.
static SAVED_TERMIOS: OnceLock<rustix::termios::Termios> = OnceLock::new();

/// Every abort gives the terminal back too, not only a failed allocation's: a panic
/// that cannot unwind (memory gone), a panic inside a panic. Called before the
/// terminal is first taken, so the line discipline saved is the shell's.
pub fn guard_aborts() {
    let stdin = rustix::stdio::stdin();
    if let Ok(termios) = rustix::termios::tcgetattr(stdin) {
        let _ = SAVED_TERMIOS.set(termios);
    }
    // SAFETY: the action makes only async-signal-safe system calls (write, tcsetattr)
    // and reads statics without locks or allocation. After it returns, abort() puts
    // the default action back and the process ends as it would have.
    let _ = unsafe {
        signal_hook::low_level::register(signal_hook::consts::SIGABRT, give_back_on_abort)
    };
}

fn give_back_on_abort() {
    if !HELD.load(Ordering::SeqCst) {
        return;
    }
    // SAFETY: as in `allocation_failed`.
    let mut out = ManuallyDrop::new(unsafe { File::from_raw_fd(1) });
    let _ = out.write_all(GIVE_BACK);
    if let Some(termios) = SAVED_TERMIOS.get() {
        let _ = rustix::termios::tcsetattr(
            rustix::stdio::stdin(),
            rustix::termios::OptionalActions::Now,
            termios,
        );
    }
}

/// The reading room took the terminal (true) or gave it back (false).
pub fn holding(held: bool) {
    HELD.store(held, Ordering::SeqCst);
}

/// Whether a failed allocation gave the terminal back since the last call.
pub fn take_given_back() -> bool {
    GIVEN_BACK.swap(false, Ordering::SeqCst)
}

/// Called on a failed allocation, before the caller sees it.
fn allocation_failed() {
    if !HELD.load(Ordering::SeqCst) || RESTORING.swap(true, Ordering::SeqCst) {
        return;
    }
    // SAFETY: descriptor 1 is the process's standard output, open for its whole
    // life; ManuallyDrop keeps the File from closing it.
    let mut out = ManuallyDrop::new(unsafe { File::from_raw_fd(1) });
    let _ = out.write_all(GIVE_BACK);
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    HELD.store(false, Ordering::SeqCst);
    GIVEN_BACK.store(true, Ordering::SeqCst);
    RESTORING.store(false, Ordering::SeqCst);
}

// SAFETY: every call is passed to `System` unchanged; a null it returns is returned
// unchanged too, after the terminal is given back.
unsafe impl GlobalAlloc for GuardedAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc`, passed on.
        let ptr = unsafe { System.alloc(layout) };
        if ptr.is_null() {
            allocation_failed();
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if ptr.is_null() {
            allocation_failed();
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, that is from `System`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`; on null the old block is still the caller's.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if new.is_null() {
            allocation_failed();
        }
        new
    }
}
