//! The desk's database as the reading room and the commands use it: every call
//! round-trips, two writers at once lose nothing, `kill -9` during writes loses at
//! most the write in flight, and a damaged, read-only or newer database is moved
//! aside or opened read-only with a notice, never dropped.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use carrel::desk::{Desk, DeskError, Mode, SCHEMA_VERSION};

const STORE: &str = "carrel-sample";

fn db(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("data").join("desk.sqlite")
}

fn open(path: &Path) -> Desk {
    Desk::open(path, STORE).unwrap()
}

#[test]
fn every_call_round_trips_and_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    {
        let desk = open(&path);
        assert_eq!(desk.notice(), None);
        assert!(desk.toggle_mark("a").unwrap());
        assert!(desk.toggle_mark("b").unwrap());
        assert!(!desk.toggle_mark("b").unwrap());
        desk.set_tags("a", &["Ili".into(), " to  check ".into(), "".into()])
            .unwrap();
        desk.add_tag("b", "Ili").unwrap();
        desk.remove_tag("a", "to check").unwrap();
        desk.add_tag("a", "Altai").unwrap();
        desk.set_note("a", "Compare with the telegram of 5 October.")
            .unwrap();
        desk.set_note("b", "   ").unwrap();
        let id = desk
            .add_quotation(
                "a",
                "Please discuss these suggestions.",
                "Beria to Molotov.",
            )
            .unwrap();
        desk.save_position("a", 1234).unwrap();
        for record in ["a", "b", "b", "c", "a"] {
            desk.record_visit(record).unwrap();
        }
        desk.save_search("Altai", "tag:Altai is:marked").unwrap();
        desk.save_search("Choibalsan", "person:Choibalsan").unwrap();
        desk.rename_search("Choibalsan", "Mongolia").unwrap();
        for q in ["beria", "beria", "  ", "molotov", "beria"] {
            desk.push_query(q).unwrap();
        }
        for q in ["khan of Altay", "Ospan", "Ospan"] {
            desk.push_find(q).unwrap();
        }
        assert!(id > 0);
    }
    let desk = open(&path);
    assert!(desk.is_marked("a").unwrap());
    assert!(!desk.is_marked("b").unwrap());
    assert_eq!(desk.marked().unwrap(), vec!["a"]);
    assert_eq!(desk.tags("a").unwrap(), vec!["Altai", "Ili"]);
    assert_eq!(
        desk.tags_in_use().unwrap(),
        vec![("Altai".to_string(), 1), ("Ili".to_string(), 2)]
    );
    assert_eq!(desk.tagged("Ili").unwrap(), vec!["a", "b"]);
    assert_eq!(
        desk.note("a").unwrap().as_deref(),
        Some("Compare with the telegram of 5 October.")
    );
    assert_eq!(desk.note("b").unwrap(), None);
    let quotations = desk.quotations("a").unwrap();
    assert_eq!(quotations.len(), 1);
    assert_eq!(quotations[0].citation, "Beria to Molotov.");
    assert_eq!(desk.position("a").unwrap(), Some(1234));
    assert_eq!(desk.position("z").unwrap(), None);
    assert_eq!(desk.last_open().unwrap().as_deref(), Some("a"));
    let recent: Vec<String> = desk
        .recent(10)
        .unwrap()
        .into_iter()
        .map(|v| v.record)
        .collect();
    assert_eq!(recent, vec!["a", "c", "b"]);
    // The repeated visit to b was one visit.
    assert_eq!(desk.history(10).unwrap().len(), 4);
    let names: Vec<String> = desk
        .saved_searches()
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, vec!["Altai", "Mongolia"]);
    assert!(matches!(
        desk.rename_search("Altai", "Mongolia"),
        Err(DeskError::NameTaken(_))
    ));
    assert!(matches!(
        desk.delete_search("nope"),
        Err(DeskError::NoSuchSearch(_))
    ));
    assert_eq!(
        desk.query_history(10).unwrap(),
        vec!["beria", "molotov", "beria"]
    );
    // The find line's history is its own.
    assert_eq!(
        desk.find_history(10).unwrap(),
        vec!["Ospan", "khan of Altay"]
    );
    let annotations = desk.annotations().unwrap();
    assert!(annotations.marked.contains("a"));
    assert!(annotations.noted.contains("a"));
    assert!(annotations.read.contains("c"));
    assert_eq!(annotations.tags["b"], vec!["Ili"]);
    assert_eq!(desk.integrity_check().unwrap(), "ok");
}

#[test]
fn stores_do_not_see_each_others_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    let mut desk = open(&path);
    desk.set_note("r", "in the sample").unwrap();
    desk.set_store("another-archive");
    assert_eq!(desk.note("r").unwrap(), None);
    desk.set_store(STORE);
    assert!(desk.note("r").unwrap().is_some());
}

#[test]
fn two_connections_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    drop(open(&path));
    let threads: Vec<_> = ["left", "right"]
        .into_iter()
        .map(|side| {
            let path = path.clone();
            std::thread::spawn(move || {
                let desk = open(&path);
                for i in 0..150 {
                    let record = format!("{side}-{i}");
                    desk.toggle_mark(&record).unwrap();
                    desk.add_tag(&record, side).unwrap();
                    desk.record_visit(&record).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let desk = open(&path);
    assert_eq!(desk.marked().unwrap().len(), 300);
    assert_eq!(
        desk.tags_in_use().unwrap(),
        vec![("left".to_string(), 150), ("right".to_string(), 150)]
    );
    assert_eq!(desk.history(1000).unwrap().len(), 300);
}

/// Not a test on its own: the writer the process tests start. With the variables
/// unset (an ordinary test run) it does nothing.
#[test]
fn child_writer() {
    let Some(path) = std::env::var_os("CARREL_DESK_CHILD_DB") else {
        return;
    };
    let prefix = std::env::var("CARREL_DESK_CHILD_PREFIX").unwrap();
    let count: usize = std::env::var("CARREL_DESK_CHILD_COUNT")
        .unwrap()
        .parse()
        .unwrap();
    let desk = open(Path::new(&path));
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        desk.set_note(&format!("{prefix}-{i:06}"), &format!("note {i}"))
            .unwrap();
        // Acknowledged: the parent may count on this write being kept.
        std::io::Write::write_all(&mut out, format!("wrote {i}\n").as_bytes()).unwrap();
        std::io::Write::flush(&mut out).unwrap();
    }
}

fn spawn_writer(path: &Path, prefix: &str, count: usize) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "child_writer",
            "--exact",
            "--nocapture",
            "--test-threads=1",
            "-q",
        ])
        .env("CARREL_DESK_CHILD_DB", path)
        .env("CARREL_DESK_CHILD_PREFIX", prefix)
        .env("CARREL_DESK_CHILD_COUNT", count.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The indices a child said it wrote, from its output lines.
fn acknowledged(lines: impl Iterator<Item = String>) -> Vec<usize> {
    lines
        .filter_map(|l| l.strip_prefix("wrote ").and_then(|n| n.trim().parse().ok()))
        .collect()
}

fn indices(desk: &Desk, prefix: &str) -> BTreeSet<usize> {
    desk.notes()
        .unwrap()
        .into_iter()
        .filter_map(|n| n.record.strip_prefix(&format!("{prefix}-"))?.parse().ok())
        .collect()
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    drop(open(&path));
    let children = [
        spawn_writer(&path, "one", 200),
        spawn_writer(&path, "two", 200),
    ];
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success());
    }
    let desk = open(&path);
    assert_eq!(indices(&desk, "one"), (0..200).collect());
    assert_eq!(indices(&desk, "two"), (0..200).collect());
}

#[test]
fn kill_9_during_writes_loses_at_most_the_write_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    drop(open(&path));
    let mut child = spawn_writer(&path, "k", 1_000_000);
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
    let mut seen = Vec::new();
    while seen.len() < 300 {
        let line = lines.next().expect("the writer stopped before 300 writes");
        seen.extend(acknowledged(std::iter::once(line)));
    }
    // SIGKILL: no destructor, no checkpoint, no flush runs in the child.
    child.kill().unwrap();
    child.wait().unwrap();
    seen.extend(acknowledged(lines));
    let last = *seen.iter().max().unwrap();
    assert!(last >= 299);

    let desk = open(&path);
    assert_eq!(desk.notice(), None, "the database opened cleanly");
    assert_eq!(desk.integrity_check().unwrap(), "ok");
    let kept = indices(&desk, "k");
    // Every acknowledged write is there; beyond them at most the one in flight.
    assert!((0..=last).all(|i| kept.contains(&i)), "a write was lost");
    assert!(
        kept.len() <= last + 2,
        "{} kept for {last} acknowledged",
        kept.len()
    );
    // And the desk still takes writes.
    desk.set_note("after", "written after the kill").unwrap();
}

#[test]
fn a_damaged_database_is_moved_aside_and_a_new_one_started() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let garbage = b"this is not a database, it is a shopping list\n".repeat(100);
    std::fs::write(&path, &garbage).unwrap();
    let desk = open(&path);
    let notice = desk.notice().unwrap().to_string();
    assert!(notice.contains("moved to"), "{notice}");
    assert_eq!(desk.mode(), &Mode::ReadWrite);
    desk.set_note("r", "a new note").unwrap();
    let moved: Vec<PathBuf> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert!(notice.contains(&moved[0].display().to_string()), "{notice}");
    // The damaged file is kept as it was.
    assert_eq!(std::fs::read(&moved[0]).unwrap(), garbage);
}

fn with_one_note(path: &Path) {
    let desk = open(path);
    desk.set_note("r", "kept").unwrap();
    desk.toggle_mark("r").unwrap();
}

fn assert_read_only(desk: &Desk, words: &str) {
    let notice = desk.notice().unwrap();
    assert!(notice.contains(words), "{notice}");
    assert!(notice.contains("changes are not saved"), "{notice}");
    assert!(!desk.is_writable());
    assert_eq!(desk.note("r").unwrap().as_deref(), Some("kept"));
    assert!(desk.is_marked("r").unwrap());
    let err = desk.set_note("r", "changed").unwrap_err();
    assert!(matches!(err, DeskError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().starts_with("not saved: "), "{err}");
}

#[test]
fn a_read_only_file_is_opened_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    with_one_note(&path);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let desk = open(&path);
    assert_read_only(&desk, "is read-only");
    drop(desk);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(open(&path).note("r").unwrap().as_deref(), Some("kept"));
}

#[test]
fn a_read_only_folder_is_opened_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    with_one_note(&path);
    let folder = path.parent().unwrap().to_path_buf();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let desk = open(&path);
    assert_read_only(&desk, "folder");
    drop(desk);
    // Give the folder back so that the temporary directory can be removed.
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_newer_schema_is_opened_read_only_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    with_one_note(&path);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 5))
            .unwrap();
    }
    let desk = open(&path);
    assert_read_only(&desk, "newer carrel");
    drop(desk);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION + 5);
}

#[test]
fn a_folder_that_cannot_be_created_keeps_the_desk_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the data folder should be.
    let blocker = dir.path().join("data");
    std::fs::write(&blocker, "not a folder").unwrap();
    let desk = open(&blocker.join("desk.sqlite"));
    assert!(matches!(desk.mode(), Mode::Memory(_)));
    assert!(
        desk.notice()
            .unwrap()
            .contains("last only until carrel ends")
    );
    desk.set_note("r", "for now").unwrap();
    assert_eq!(desk.note("r").unwrap().as_deref(), Some("for now"));
}

#[test]
fn a_read_only_database_of_an_older_schema_is_read_through_a_migrated_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    {
        // Schema 0: a database carrel never migrated.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE unrelated (x)").unwrap();
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let desk = open(&path);
    assert!(!desk.is_writable());
    assert_eq!(desk.note("r").unwrap(), None);
    assert!(desk.marked().unwrap().is_empty());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn a_desk_of_the_first_schema_is_brought_up_to_date_and_keeps_what_it_held() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    with_one_note(&path);
    {
        // As the first schema left it: no find history.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("DROP TABLE find_history; PRAGMA user_version = 1")
            .unwrap();
    }
    let desk = open(&path);
    assert!(desk.is_writable());
    assert_eq!(desk.note("r").unwrap().as_deref(), Some("kept"));
    assert_eq!(desk.find_history(10).unwrap(), Vec::<String>::new());
    desk.push_find("Ospan").unwrap();
    assert_eq!(desk.find_history(10).unwrap(), vec!["Ospan"]);
    drop(desk);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
}
