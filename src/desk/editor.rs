//! Editing a note in the user's editor: `$VISUAL`, else `$EDITOR`, else the first of
//! `nano`, `vi` found on `PATH`. The note goes to a temporary file, the editor runs
//! on the terminal the caller hands over (the reading room leaves its screen first
//! and comes back after), and what was saved is read back and kept.
//!
//! The editor is run through `sh -c` as git runs it, so `EDITOR="code --wait"` works.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Desk, DeskError};

/// The editors tried, in order, when neither variable names one.
pub const FALLBACK_EDITORS: &[&str] = &["nano", "vi"];

/// What became of the note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    Saved,
    Unchanged,
    /// The user emptied the note: it is removed.
    Removed,
}

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error(
        "no editor: set $VISUAL or $EDITOR (for example `export EDITOR=nano`); neither nano nor vi is installed"
    )]
    NoEditor,
    #[error("the editor {editor:?} could not be started: {source}")]
    Start {
        editor: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the editor {editor:?} exited with {status}; the note is unchanged")]
    Failed { editor: String, status: String },
    #[error("cannot use the note's temporary file {path}: {source}")]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Desk(#[from] DeskError),
}

/// The line that opens the temporary file; it is taken out again when read back.
const HEADER_START: &str = "<!-- carrel: ";

/// The editor command from the two variables (passed in, so tests need not set
/// them), else a fallback on `path`.
pub fn editor_command(
    visual: Option<OsString>,
    editor: Option<OsString>,
    path: Option<OsString>,
) -> Result<String, EditError> {
    for var in [visual, editor].into_iter().flatten() {
        let text = var.to_string_lossy().trim().to_string();
        if !text.is_empty() {
            return Ok(text);
        }
    }
    let path = path.unwrap_or_default();
    for name in FALLBACK_EDITORS {
        if std::env::split_paths(&path).any(|dir| dir.join(name).is_file()) {
            return Ok((*name).to_string());
        }
    }
    Err(EditError::NoEditor)
}

/// The editor from this process's environment.
pub fn editor_from_env() -> Result<String, EditError> {
    editor_command(
        std::env::var_os("VISUAL"),
        std::env::var_os("EDITOR"),
        std::env::var_os("PATH"),
    )
}

/// Opens the record's note in `editor` and keeps what the user saved. `title` goes
/// into the file's first line so the user sees which record the note is for.
pub fn edit_note(
    desk: &Desk,
    editor: &str,
    record: &str,
    title: &str,
    folder: &Path,
) -> Result<Edited, EditError> {
    desk.writable()?;
    let before = desk.note(record)?.unwrap_or_default();
    let path = temporary_file(folder, record)
        .map_err(|(path, source)| EditError::File { path, source })?;
    let header = format!(
        "{HEADER_START}the note on {} ({record}). Save and quit to keep it; empty it to remove the note. This line is not kept. -->\n",
        one_line(title)
    );
    let file_error = |source| EditError::File {
        path: path.clone(),
        source,
    };
    // Ended with a newline, as editors write files.
    let body = if before.is_empty() {
        String::new()
    } else {
        format!("{before}\n")
    };
    std::fs::write(&path, format!("{header}{body}")).map_err(file_error)?;

    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg("sh")
        .arg(&path)
        .status();
    let result = match status {
        Err(source) => Err(EditError::Start {
            editor: editor.to_string(),
            source,
        }),
        Ok(status) if !status.success() => Err(EditError::Failed {
            editor: editor.to_string(),
            status: status.to_string(),
        }),
        Ok(_) => std::fs::read_to_string(&path).map_err(file_error),
    };
    let _ = std::fs::remove_file(&path);
    let after = without_header(&result?);
    if after.trim_end() == before.trim_end() {
        return Ok(Edited::Unchanged);
    }
    desk.set_note(record, &after)?;
    Ok(if after.trim().is_empty() {
        Edited::Removed
    } else {
        Edited::Saved
    })
}

/// A new file only the user can read (a note may be private), never one that was
/// there already (a shared temporary folder may hold anyone's files).
fn temporary_file(folder: &Path, record: &str) -> Result<PathBuf, (PathBuf, std::io::Error)> {
    use std::os::unix::fs::OpenOptionsExt;
    let safe: String = record
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let mut n = 0;
    loop {
        let name = format!("carrel-note-{safe}-{}-{n}.md", std::process::id());
        let path = folder.join(name);
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path);
        match created {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err((path, e)),
        }
    }
}

fn without_header(text: &str) -> String {
    let body = match text.split_once('\n') {
        Some((first, rest)) if first.starts_with(HEADER_START) => rest,
        _ if text.starts_with(HEADER_START) => "",
        _ => text,
    };
    body.trim_end().to_string()
}

fn one_line(text: &str) -> String {
    // The title must not end the comment early.
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("-->", "->")
}
