//! The note's editor round trip with stand-in `$EDITOR` scripts, the choice of
//! editor, and `y`'s quotation text.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use carrel::desk::Desk;
use carrel::desk::editor::{EditError, Edited, edit_note, editor_command};
use carrel::store::sample::load_builtin;

const BERIA: &str = "1945-10-05-beria-to-molotov";

/// A shell script standing in for the user's editor.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn desk(dir: &Path) -> Desk {
    Desk::open(&dir.join("desk.sqlite"), "carrel-sample").unwrap()
}

#[test]
fn the_editor_round_trip_keeps_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    desk.set_note(BERIA, "First thought.").unwrap();
    // The stand-in checks it was given the note with its header, then adds a line.
    let editor = script(
        dir.path(),
        "append",
        "grep -q '^<!-- carrel: the note on L. Beria to Cde. V.M. Molotov' \"$1\" || exit 9\n\
         grep -q '^First thought.$' \"$1\" || exit 8\n\
         printf '\\nSecond thought.\\n' >> \"$1\"",
    );
    let editor = editor.display().to_string();
    let outcome = edit_note(
        &desk,
        &editor,
        BERIA,
        "L. Beria to Cde. V.M. Molotov",
        dir.path(),
    )
    .unwrap();
    assert_eq!(outcome, Edited::Saved);
    assert_eq!(
        desk.note(BERIA).unwrap().as_deref(),
        Some("First thought.\n\nSecond thought.")
    );
    // The temporary file is gone.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("carrel-note-"))
        .collect();
    assert!(left.is_empty());
}

#[test]
fn an_editor_that_changes_nothing_or_fails_leaves_the_note_alone() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    desk.set_note(BERIA, "Kept.").unwrap();
    let unchanged = script(dir.path(), "true-editor", "exit 0");
    let outcome = edit_note(
        &desk,
        &unchanged.display().to_string(),
        BERIA,
        "T",
        dir.path(),
    )
    .unwrap();
    assert_eq!(outcome, Edited::Unchanged);
    let failing = script(dir.path(), "failing", "echo scribble > \"$1\"; exit 3");
    let err = edit_note(
        &desk,
        &failing.display().to_string(),
        BERIA,
        "T",
        dir.path(),
    )
    .unwrap_err();
    assert!(matches!(err, EditError::Failed { .. }), "{err}");
    assert!(err.to_string().contains("the note is unchanged"), "{err}");
    assert_eq!(desk.note(BERIA).unwrap().as_deref(), Some("Kept."));
}

#[test]
fn emptying_the_file_removes_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    desk.set_note(BERIA, "To go.").unwrap();
    let emptier = script(dir.path(), "emptier", ": > \"$1\"");
    let outcome = edit_note(
        &desk,
        &emptier.display().to_string(),
        BERIA,
        "T",
        dir.path(),
    )
    .unwrap();
    assert_eq!(outcome, Edited::Removed);
    assert_eq!(desk.note(BERIA).unwrap(), None);
}

#[test]
fn an_editor_with_arguments_is_run_as_a_shell_runs_it() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    let editor = script(
        dir.path(),
        "with-flag",
        "[ \"$1\" = --wait ] || exit 7\nprintf 'Waited.' >> \"$2\"",
    );
    let command = format!("{} --wait", editor.display());
    assert_eq!(
        edit_note(&desk, &command, BERIA, "T", dir.path()).unwrap(),
        Edited::Saved
    );
    assert_eq!(desk.note(BERIA).unwrap().as_deref(), Some("Waited."));
}

#[test]
fn the_editor_is_visual_then_editor_then_a_fallback_then_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let visual = Some("code --wait".into());
    let editor = Some("vim".into());
    assert_eq!(
        editor_command(visual, editor.clone(), None).unwrap(),
        "code --wait"
    );
    assert_eq!(
        editor_command(Some("  ".into()), editor, None).unwrap(),
        "vim"
    );
    script(dir.path(), "vi", "exit 0");
    let path = Some(dir.path().as_os_str().to_owned());
    assert_eq!(editor_command(None, None, path).unwrap(), "vi");
    let empty = tempfile::tempdir().unwrap();
    let err = editor_command(None, None, Some(empty.path().as_os_str().to_owned())).unwrap_err();
    assert!(err.to_string().contains("set $VISUAL or $EDITOR"), "{err}");
}

#[test]
fn quoting_keeps_the_passage_with_its_citation_and_gives_the_clipboard_text() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    let sample = load_builtin();
    let record = sample.store.record(BERIA).unwrap();
    let text = desk
        .quote(record, "Please discuss these suggestions.\n")
        .unwrap();
    assert_eq!(
        text,
        "Please discuss these suggestions.\n\nLavrentiy Beria to Vyacheslav Molotov, report, \
         October 5, 1945, f. 9401s, op. 2, d. 10004, ll. 62-63, State Archive of the Russian \
         Federation (GARF), Moscow, trans. Gary Goldberg, Wilson Center Digital Archive."
    );
    let kept = desk.quotations(BERIA).unwrap();
    assert_eq!(kept[0].passage, "Please discuss these suggestions.");
    assert!(kept[0].citation.starts_with("Lavrentiy Beria"));
}
