//! Watching the store while it is open: a thread blocks on inotify for the store's
//! folder and its `records/` (or the single store file), and on the first change
//! sends [`Message::StoreChanged`] once. The reading room says so and offers to open
//! the store again; what it shows meanwhile is what was read, never half of a new
//! state. An idle store wakes nothing: the thread blocks in `read(2)`.

use std::mem::MaybeUninit;
use std::path::Path;
use std::sync::mpsc::Sender;

use rustix::fs::inotify::{self, CreateFlags, WatchFlags};

use crate::tui::Message;

/// What counts as the store changing: a file written, made, removed or moved, and the
/// folder itself removed or moved.
fn changes() -> WatchFlags {
    WatchFlags::CLOSE_WRITE
        | WatchFlags::MODIFY
        | WatchFlags::CREATE
        | WatchFlags::DELETE
        | WatchFlags::MOVED_FROM
        | WatchFlags::MOVED_TO
        | WatchFlags::DELETE_SELF
        | WatchFlags::MOVE_SELF
}

/// Starts watching `store` (a folder or a single file). Without inotify (or the
/// thread), nothing is watched and nothing else changes.
pub fn start(store: &Path, tx: Sender<Message>) {
    let Ok(fd) = inotify::init(CreateFlags::CLOEXEC) else {
        return;
    };
    let mut watched = inotify::add_watch(&fd, store, changes()).is_ok();
    if store.is_dir() {
        watched |= inotify::add_watch(&fd, store.join("records"), changes()).is_ok();
    }
    if !watched {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("carrel-store-watch".into())
        .spawn(move || {
            let mut buf = [MaybeUninit::<u8>::uninit(); 4096];
            let mut events = inotify::Reader::new(&fd, &mut buf);
            loop {
                match events.next() {
                    // Once is enough: the room offers to open the store again, and
                    // a store being rewritten would otherwise send thousands.
                    Ok(_) => {
                        let _ = tx.send(Message::StoreChanged);
                        return;
                    }
                    Err(rustix::io::Errno::INTR) => {}
                    Err(_) => return,
                }
            }
        });
}
