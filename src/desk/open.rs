//! Opening the database so that the user's data is never silently dropped:
//!
//! - a file SQLite cannot read as a database (damaged, or not one) is renamed to
//!   `desk.sqlite.damaged-<time>` beside it and a new database started;
//! - a read-only file or folder (by its permission bits, which are honoured even for
//!   root, or because SQLite cannot write it) is opened read-only;
//! - a file written by a newer carrel (a higher schema version) is opened read-only,
//!   so that this carrel neither changes nor misreads it;
//! - when no file can be used, the desk is kept in memory until the program ends.
//!
//! Each case leaves a notice for the user. A read-only file with an older schema is
//! copied into memory and migrated there, so that every query still works.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::Mode;
use super::schema::{self, SCHEMA_VERSION};
use super::time::Timestamp;

/// How long a write waits for another carrel's write to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

type Opened = (Connection, Mode, Option<String>);

enum Failure {
    Damaged(String),
    ReadOnly(String),
    Other(String),
}

pub fn open(path: &Path) -> rusqlite::Result<Opened> {
    if let Some(why) = read_only_reason(path) {
        return read_only(path, why);
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(parent)
    {
        return in_memory(format!("cannot create {}: {e}", parent.display()));
    }
    match read_write(path) {
        Ok(opened) => Ok(opened),
        Err(Failure::Damaged(why)) => match move_aside(path) {
            Ok(moved) => {
                let notice = format!(
                    "{} could not be read ({why}); it was moved to {} and a new desk started",
                    path.display(),
                    moved.display()
                );
                match read_write(path) {
                    Ok((conn, mode, _)) => Ok((conn, mode, Some(notice))),
                    Err(Failure::Damaged(w) | Failure::ReadOnly(w) | Failure::Other(w)) => {
                        in_memory(format!("{notice}, but it cannot be created: {w}"))
                    }
                }
            }
            Err(e) => in_memory(format!(
                "{} could not be read ({why}) and cannot be moved aside ({e})",
                path.display()
            )),
        },
        Err(Failure::ReadOnly(why)) => read_only(path, why),
        Err(Failure::Other(why)) => in_memory(format!("{}: {why}", path.display())),
    }
}

/// A database in memory, with the reason no file is used. Fails only when SQLite
/// cannot allocate an empty database.
pub fn in_memory(why: String) -> rusqlite::Result<Opened> {
    let notice = format!("{why}; marks and notes last only until carrel ends");
    let conn = Connection::open_in_memory()?;
    schema::migrate(&conn)?;
    Ok((conn, Mode::Memory(why), Some(notice)))
}

/// Why the file must be opened read-only, from the permission bits.
fn read_only_reason(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.permissions().readonly() {
        return Some(format!("{} is read-only", path.display()));
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty())?;
    let folder = std::fs::metadata(parent).ok()?;
    // SQLite's WAL mode keeps two files beside the database: a read-only folder
    // makes the database read-only too.
    folder
        .permissions()
        .readonly()
        .then(|| format!("the folder {} is read-only", parent.display()))
}

fn classify(e: &rusqlite::Error) -> Failure {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            Failure::Damaged(e.to_string())
        }
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            Failure::ReadOnly(e.to_string())
        }
        _ => Failure::Other(e.to_string()),
    }
}

fn read_write(path: &Path) -> Result<Opened, Failure> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(&e))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| classify(&e))?;
    // The first statement reads the header: a file that is not a database fails here.
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(|e| classify(&e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Failure::Other(format!("cannot use WAL mode (got {mode})")));
    }
    // In WAL mode NORMAL loses nothing when a process is killed, only (at most the
    // last commits) when the machine loses power; it never corrupts the file.
    conn.execute_batch("PRAGMA synchronous = NORMAL")
        .map_err(|e| classify(&e))?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| classify(&e))?;
    if check != "ok" {
        return Err(Failure::Damaged(check));
    }
    let version = schema::version(&conn).map_err(|e| classify(&e))?;
    if version > SCHEMA_VERSION {
        drop(conn);
        return read_only(path, newer(path, version)).map_err(|e| Failure::Other(e.to_string()));
    }
    schema::migrate(&conn).map_err(|e| classify(&e))?;
    Ok((conn, Mode::ReadWrite, None))
}

fn newer(path: &Path, version: u32) -> String {
    format!(
        "{} was written by a newer carrel (desk schema {version}; this carrel knows {SCHEMA_VERSION}); update carrel to change it",
        path.display()
    )
}

/// Opens the file for reading only; `why` is what the user is told.
fn read_only(path: &Path, why: String) -> rusqlite::Result<Opened> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let plain = Connection::open_with_flags(path, flags);
    // A WAL database in a folder that cannot be written can still be read as
    // "immutable" (no other writer is possible there anyway).
    let conn = match plain {
        Ok(conn) if schema::version(&conn).is_ok() => Ok(conn),
        _ => Connection::open_with_flags(
            format!("file:{}?immutable=1", path.display()),
            flags | OpenFlags::SQLITE_OPEN_URI,
        ),
    };
    let conn = match conn {
        Ok(conn) => conn,
        Err(e) => return in_memory(format!("{why}, and it cannot be read ({e})")),
    };
    let _ = conn.busy_timeout(BUSY_TIMEOUT);
    let version = match schema::version(&conn) {
        Ok(v) => v,
        Err(e) => return in_memory(format!("{why}, and it cannot be read ({e})")),
    };
    let notice = format!("{why}: marks and notes are shown but changes are not saved");
    if version >= SCHEMA_VERSION {
        return Ok((conn, Mode::ReadOnly(why), Some(notice)));
    }
    // An older schema cannot be migrated in place: read a migrated copy.
    match migrated_copy(&conn) {
        Ok(copy) => Ok((copy, Mode::ReadOnly(why), Some(notice))),
        Err(e) => in_memory(format!("{why}, and it cannot be read ({e})")),
    }
}

fn migrated_copy(source: &Connection) -> rusqlite::Result<Connection> {
    let mut copy = Connection::open_in_memory()?;
    {
        let backup = rusqlite::backup::Backup::new(source, &mut copy)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
    }
    schema::migrate(&copy)?;
    Ok(copy)
}

/// Renames the file (and its WAL files) to `<name>.damaged-<time>`, keeping it.
fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = Timestamp::now().rfc3339().replace(':', "");
    let mut target = PathBuf::from(format!("{}.damaged-{stamp}", path.display()));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = PathBuf::from(format!("{}.damaged-{stamp}-{n}", path.display()));
    }
    std::fs::rename(path, &target)?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            let _ = std::fs::rename(&side, format!("{}{suffix}", target.display()));
        }
    }
    Ok(target)
}
