//! End to end in a pseudo-terminal: the built binary, real keys, the screen as a
//! terminal would show it (vt100), and the terminal restored on every way out.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

mod pty_support;

use pty_support::*;
use std::thread;
use std::time::{Duration, Instant};

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
/// carrel again, 45x160, with the home (data, config, cache) of an earlier session.
fn run_again(home: &std::path::Path) -> Session {
    Session::spawn(
        45,
        160,
        carrel_command(&[], home),
        tempfile::tempdir().unwrap(),
    )
}

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
    let mut again = run_again(&home);
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

/// Focus on the collection list, its cursor on the first saved search (after All
/// records, Marked and Recent).
fn choose_first_saved_search(s: &mut Session) {
    s.wait_for("Recent");
    s.send("h");
    s.send("jjj");
    s.wait_for("Search: ");
}

#[test]
fn a_saved_search_renamed_then_removed_in_the_room_stays_so_the_next_time() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::spawn(45, 160, carrel_command(&[], home.path()), home);
    s.wait_for("All records");
    s.send("/osman");
    s.wait_for("1 of");
    s.send("\r");
    s.send("S");
    s.wait_for("Save the query as");
    s.send("Osman\r");
    s.wait_for("Saved the search as");
    choose_first_saved_search(&mut s);
    s.wait_for("Search: Osman (");
    s.send("r");
    s.wait_for("Rename the saved search");
    // Ctrl-u clears the old name.
    s.send("\u{15}Altay rebels\r");
    s.wait_for("Renamed the search");
    s.send("q");
    assert!(s.wait_exit().success());

    let home = s._home.path().to_path_buf();
    let mut again = run_again(&home);
    again.wait_for("Search: Altay rebels");
    assert!(
        !again.screen().contains("Search: Osman"),
        "{}",
        again.screen()
    );
    choose_first_saved_search(&mut again);
    again.send("x");
    again.wait_for("Remove the saved search?");
    again.send("y");
    again.wait_for("Removed the saved search");
    again.send("q");
    assert!(again.wait_exit().success());

    let mut third = run_again(&home);
    // Marked and Recent come with the desk: once they show, so would the search.
    third.wait_for("Recent");
    assert!(!third.screen().contains("Search:"), "{}", third.screen());
    third.send("q");
    assert!(third.wait_exit().success());
}
