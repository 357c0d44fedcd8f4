//! Opening a store's files as files, and nothing else. A store comes from scrapes,
//! tarballs and other people's folders: a named pipe where a record file should be
//! would block every read for ever, a link to `/dev/zero` would be read without end,
//! one to `/dev/urandom` would fill memory with problems. So a path is opened only
//! once it is known to be a regular file (after following links), and a file read
//! whole is read only up to a bound, with a clear message past it.

use std::fs::{self, File};
use std::io::{self, Read};
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

/// The most carrel reads of a file it reads whole (a `.json` record file, a
/// single-file store): past it, split the store into `.jsonl` shards, which are read a
/// block at a time whatever their size.
pub const WHOLE_FILE_LIMIT: u64 = 1 << 30;

/// What a path is when it is not a regular file, as a reader would say it.
fn not_regular(meta: &fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some("a folder")
    } else if kind.is_fifo() {
        Some("a named pipe")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("a device")
    } else if kind.is_socket() {
        Some("a socket")
    } else {
        Some("not a regular file")
    }
}

fn refuse(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{what}, not a regular file; not opened"),
    )
}

/// Whether `path` (its links followed) is a regular file; why not, when it is not.
pub fn check_regular(path: &Path) -> io::Result<fs::Metadata> {
    let meta = fs::metadata(path)?;
    match not_regular(&meta) {
        None => Ok(meta),
        Some(what) => Err(refuse(what)),
    }
}

/// Opens `path` for reading when it is a regular file.
pub fn open_regular(path: &Path) -> io::Result<File> {
    open_regular_sized(path).map(|(file, _)| file)
}

/// [`open_regular`], with the file's size as it was opened.
pub fn open_regular_sized(path: &Path) -> io::Result<(File, u64)> {
    check_regular(path)?;
    let file = File::open(path)?;
    // Checked again on what was opened: the path may have changed in between.
    let metadata = file.metadata()?;
    match not_regular(&metadata) {
        None => Ok((file, metadata.len())),
        Some(what) => Err(refuse(what)),
    }
}

/// Reads a regular file whole, refusing one over `limit` bytes (or one that grows
/// past it while read).
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let (file, size) = open_regular_sized(path)?;
    let too_big = || {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "larger than {} MB, more than carrel reads whole (split it into .jsonl files)",
                limit >> 20
            ),
        )
    };
    if size > limit {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_pipe_and_a_device_are_refused_without_being_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("part.jsonl");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // Opening a FIFO with no writer would block this test for ever.
            let error = open_regular(&fifo).unwrap_err();
            assert!(error.to_string().contains("a named pipe"), "{error}");
        }
        let error = read_regular(Path::new("/dev/zero"), 1024).unwrap_err();
        assert!(error.to_string().contains("a device"), "{error}");
        let link = dir.path().join("zero.json");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let error = read_regular(&link, 1024).unwrap_err();
        assert!(error.to_string().contains("a device"), "{error}");
    }

    #[test]
    fn a_file_past_the_bound_is_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big.json");
        fs::write(&file, vec![b' '; 4096]).unwrap();
        assert_eq!(read_regular(&file, 4096).unwrap().len(), 4096);
        let error = read_regular(&file, 4095).unwrap_err();
        assert!(
            error.to_string().contains("split it into .jsonl"),
            "{error}"
        );
    }
}
