//! The headless commands, run as a user runs them: the built binary, its output and exit code.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

mod cli_support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};

thread_local! {
    /// The folders a test made, removed when it ends: libtest runs each test on a
    /// thread of its own, whose thread-locals are dropped as it finishes.
    static SCRATCH: std::cell::RefCell<Vec<tempfile::TempDir>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The test's home: its own, so that no two tests share a cache or a user store.
    static HOME: PathBuf = scratch_dir();
}

/// A new empty folder, removed when the test ends.
fn scratch_dir() -> PathBuf {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    SCRATCH.with(|kept| kept.borrow_mut().push(dir));
    path
}

/// `carrel` with a home of its own, so only the store a test names (or the sample) is seen.
fn carrel() -> Command {
    cli_support::carrel(HOME.with(PathBuf::clone))
}

fn record(id: &str, title: &str, edtf: Option<&str>) -> Value {
    let mut r = json!({
        "id": id,
        "title": title,
        "summary": format!("Summary of {title}."),
        "texts": [{"lang": "en", "role": "translation", "body": "First paragraph.\n\nSecond paragraph."}],
        "provenance": {"citation": "GARF, f. 1, op. 2, d. 3, l. 4"},
    });
    if let Some(d) = edtf {
        r["date"] = json!({"edtf": d});
    }
    r
}

/// A folder store with the given JSONL lines as `records/part-0001.jsonl`.
fn folder_store(lines: &[String], collections: Value) -> PathBuf {
    let dir = scratch_dir();
    std::fs::write(
        dir.join("archive.json"),
        json!({"schema_version": 1, "id": "test", "title": "Test archive"}).to_string(),
    )
    .unwrap();
    std::fs::write(dir.join("collections.json"), collections.to_string()).unwrap();
    std::fs::create_dir(dir.join("records")).unwrap();
    std::fs::write(dir.join("records/part-0001.jsonl"), lines.join("\n")).unwrap();
    dir
}

fn small_store() -> PathBuf {
    let lines = vec![
        record("b-1945", "Second dated", Some("1945-10-05")).to_string(),
        record("c-undated", "Undated note", None).to_string(),
        record("a-1944", "First dated", Some("1944~")).to_string(),
        json!({"id": "d-meta", "title": "Listed only", "date": {"edtf": "1943-06-10", "display": "June 10, 1943"}})
            .to_string(),
    ];
    folder_store(
        &lines,
        json!([{"id": "c1", "title": "Dated ones", "record_ids": ["b-1945", "a-1944"], "total": 5}]),
    )
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn list_prints_date_title_id_oldest_first_undated_last() {
    let store = small_store();
    let out = stdout_of(carrel().args(["list", "--store", arg(&store)]));
    let ids: Vec<&str> = out
        .lines()
        .map(|l| l.rsplit('[').next().unwrap().trim_end_matches(']'))
        .collect();
    assert_eq!(ids, ["d-meta", "a-1944", "b-1945", "c-undated"]);
    assert!(out.contains("June 10, 1943"), "display date shown: {out}");
    assert!(out.lines().last().unwrap().starts_with("n.d."));
}

#[test]
fn store_flag_is_accepted_before_the_subcommand_too() {
    let store = small_store();
    carrel()
        .args(["--store", arg(&store), "list", "--sort", "title"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("1944~").and(predicate::str::contains("First dated")));
}

#[test]
fn store_can_be_named_by_the_environment() {
    let store = small_store();
    carrel()
        .env("CARREL_STORE", &store)
        .args(["list", "--collection", "c1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("First dated"))
        .stdout(predicate::str::contains("Undated").not());
}

#[test]
fn list_json_is_one_record_per_line() {
    let store = small_store();
    let out = stdout_of(carrel().args(["list", "--json", "--store", arg(&store)]));
    let records: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 4);
    assert!(records.iter().all(|r| r["id"].is_string()));
}

#[test]
fn unknown_collection_is_an_error() {
    let store = small_store();
    carrel()
        .args(["list", "--collection", "nope", "--store", arg(&store)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no collection"));
}

#[test]
fn show_prints_the_document_and_says_when_there_is_no_full_text() {
    let store = small_store();
    carrel()
        .args(["show", "b-1945", "--store", arg(&store)])
        .assert()
        .success()
        .stdout(predicate::str::contains("Second dated"))
        .stdout(predicate::str::contains("Second paragraph."))
        .stdout(predicate::str::contains("GARF, f. 1, op. 2, d. 3, l. 4"));
    carrel()
        .args(["show", "d-meta", "--store", arg(&store)])
        .assert()
        .success()
        .stdout(predicate::str::contains("No full text in this store."))
        .stdout(predicate::str::contains("No summary in this store."));
}

#[test]
fn show_of_a_missing_record_finds_nothing() {
    let store = small_store();
    carrel()
        .args(["show", "zzz", "--store", arg(&store)])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no record"));
}

#[test]
fn show_lines_fit_eighty_columns() {
    let out = stdout_of(carrel().args(["show", "b-1945", "--store", arg(&small_store())]));
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
}

#[test]
fn search_that_finds_nothing_exits_1() {
    carrel()
        .args(["search", "qqqqxqqq", "--store", arg(&small_store())])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn check_reports_file_line_id_and_field_and_exits_2() {
    let lines = vec![
        record("good-1", "Good", Some("1945")).to_string(),
        json!({"id": "bad-date", "title": "Bad date", "date": {"edtf": "Oct 1945"}}).to_string(),
        "{not json".to_string(),
        record("good-2", "Also good", None).to_string(),
    ];
    let store = folder_store(&lines, json!([]));
    let assert = carrel().args(["check", arg(&store)]).assert().code(2);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(
        out.contains("records/part-0001.jsonl:2: bad-date: date.edtf:"),
        "{out}"
    );
    assert!(out.contains("records/part-0001.jsonl:3:"), "{out}");
    // The rest of the store still opens for every other command, and the bad ones are reported.
    carrel()
        .args(["list", "--store", arg(&store)])
        .assert()
        .success()
        .stdout(predicate::str::contains("Good"))
        .stdout(predicate::str::contains("Also good"))
        .stderr(predicate::str::contains("records/part-0001.jsonl:3"));
}

#[test]
fn check_of_a_clean_store_exits_0() {
    carrel()
        .args(["check", arg(&small_store())])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn a_newer_schema_is_refused_with_a_reason() {
    let dir = scratch_dir();
    let file = dir.join("store.json");
    std::fs::write(
        &file,
        json!({"schema_version": 99, "archive": {"schema_version": 99, "id": "x", "title": "x"}, "records": []})
            .to_string(),
    )
    .unwrap();
    carrel()
        .args(["list", "--store", arg(&file)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("schema_version"));
}

#[test]
fn store_text_never_reaches_the_terminal_as_an_escape_sequence() {
    let lines =
        vec![record("evil", "Evil \u{1b}]52;c;aGk=\u{7} \u{1b}[2J title", None).to_string()];
    let store = folder_store(&lines, json!([]));
    for args in [vec!["list"], vec!["show", "evil"], vec!["search", "evil"]] {
        let out = carrel()
            .args(&args)
            .args(["--store", arg(&store)])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(!out.contains(&0x1b), "{args:?} printed an ESC byte");
        assert!(!out.contains(&0x07), "{args:?} printed a BEL byte");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let lines: Vec<String> = (0..5000)
        .map(|i| {
            record(
                &format!("r{i:05}"),
                &format!("Record number {i}"),
                Some("1945"),
            )
            .to_string()
        })
        .collect();
    let store = folder_store(&lines, json!([]));
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("carrel"))
        .args(["list", "--store", arg(&store)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader has gone, like `head -1`.
    let output = child.wait_with_output().unwrap();
    assert!(first.contains("Record number"));
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
}

#[test]
fn paths_names_the_store_in_use_and_the_directories() {
    carrel()
        .arg("paths")
        .assert()
        .success()
        .stdout(predicate::str::contains("built-in sample"))
        .stdout(predicate::str::contains("cache"));
    let store = small_store();
    let out = stdout_of(carrel().args(["paths", "--json", "--store", arg(&store)]));
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["store"], arg(&store));
}

#[test]
fn bad_arguments_are_an_error() {
    carrel().args(["list", "--sort", "colour"]).assert().code(2);
    carrel().args(["frobnicate"]).assert().code(2);
}

// The built-in sample: the cases the issue names.

#[test]
fn search_osman_finds_the_beria_report_through_a_variant_spelling() {
    let out = stdout_of(carrel().args(["search", "osman"]));
    assert!(out.lines().next().unwrap_or("").contains("Beria"), "{out}");
    assert!(out.contains("Osman Batur"), "says why it matched: {out}");
}

#[test]
fn collections_show_held_of_total() {
    carrel()
        .arg("collections")
        .assert()
        .success()
        .stdout(predicate::str::contains("10 of 19"));
}

#[test]
fn the_sample_is_clean() {
    carrel()
        .arg("check")
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("built-in sample: 11 records"))
        .stderr(predicate::str::contains("0 error(s), 0 warning(s)"));
}

#[test]
fn show_prints_the_full_text_that_is_on_disk_twice_over() {
    let store = small_store();
    // The second run opens from the metadata cache; both read the body back from the store.
    for _ in 0..2 {
        let out = stdout_of(carrel().args(["show", "b-1945", "--store", arg(&store)]));
        assert!(out.contains("First paragraph."), "{out}");
        assert!(out.contains("Second paragraph."), "{out}");
        assert!(!out.contains("No full text"), "{out}");
    }
}

#[test]
fn show_json_and_list_json_carry_the_text_bodies() {
    let store = small_store();
    for _ in 0..2 {
        let out = stdout_of(carrel().args(["show", "--json", "b-1945", "--store", arg(&store)]));
        let shown: Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(
            shown["texts"][0]["body"],
            "First paragraph.\n\nSecond paragraph."
        );
        let out = stdout_of(carrel().args(["list", "--json", "--store", arg(&store)]));
        let listed: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let dated = listed.iter().find(|r| r["id"] == "a-1944").unwrap();
        assert_eq!(
            dated["texts"][0]["body"],
            "First paragraph.\n\nSecond paragraph."
        );
    }
}

/// Sets every file of a folder store to an hour ago: a store modified moments ago is
/// not cached (it may change again unseen).
fn backdate(store: &Path) {
    carrel::synth::backdate(store, std::time::Duration::from_secs(3600)).unwrap();
}

#[test]
fn a_repeated_search_uses_the_saved_index_and_finds_the_same_and_a_changed_store_is_searched_afresh()
 {
    let store = scratch_dir().join("store");
    let config = carrel::synth::SynthConfig {
        records: 400,
        seed: 5,
        shard_size: 100,
        ..Default::default()
    };
    carrel::synth::generate(&config, &store).unwrap();
    backdate(&store);
    let cache = scratch_dir();
    let search = |args: &[&str]| {
        let out = carrel()
            .env("XDG_CACHE_HOME", &cache)
            .arg("--store")
            .arg(&store)
            .arg("search")
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let saved = || {
        walk(&cache)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "search"))
            .count()
    };

    let first = search(&["telegram", "--limit", "7", "--json"]);
    assert_eq!(first.0, Some(0));
    assert_eq!(first.1.lines().count(), 7);
    assert_eq!(saved(), 1, "the index is saved beside the cache");
    let again = search(&["telegram", "--limit", "7", "--json"]);
    assert_eq!(again, first);
    // A damaged metadata cache or saved index is never trusted: the same hits.
    for extension in ["index", "search"] {
        let file = walk(&cache)
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == extension))
            .unwrap();
        let mut bytes = std::fs::read(&file).unwrap();
        for at in [bytes.len() / 3, bytes.len() / 2] {
            bytes[at] ^= 0x5a;
        }
        std::fs::write(&file, &bytes).unwrap();
        assert_eq!(
            search(&["telegram", "--limit", "7", "--json"]),
            first,
            "{extension}"
        );
    }
    let fuzzy = search(&["telgram", "--limit", "3"]);
    assert_eq!(fuzzy.0, Some(0));
    assert_eq!(search(&["qqqqqqq"]).0, Some(1));

    let shard = store.join("records").join("part-0000.jsonl");
    let text = std::fs::read_to_string(&shard).unwrap();
    let first_record: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let title = first_record["title"].as_str().unwrap();
    std::fs::write(&shard, text.replacen(title, "Quokka Memorandum", 1)).unwrap();
    backdate(&store);
    let changed = search(&["quokka"]);
    assert_eq!(changed.0, Some(0));
    assert!(changed.1.contains("Quokka Memorandum"), "{}", changed.1);
    let changed_again = search(&["quokka"]);
    assert_eq!(changed_again, changed);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn a_path_holding_an_escape_sequence_is_printed_as_data_and_the_cause_once() {
    let hostile = "/tmp/\u{1b}]0;X\u{7}-no-such-store";
    let out = carrel()
        .args(["--store", hostile, "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        !said.contains('\u{1b}') && !said.contains('\u{7}'),
        "{said:?}"
    );
    assert!(said.contains("\u{241b}]0;X"), "shown, made visible: {said}");
    assert_eq!(
        said.matches("No such file or directory").count(),
        1,
        "the cause once: {said}"
    );
    let out = carrel()
        .args(["--store", hostile, "paths"])
        .output()
        .unwrap();
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(!printed.contains('\u{1b}'), "{printed:?}");
}

#[test]
fn check_says_why_a_store_cannot_be_opened() {
    let out = carrel()
        .args(["check", "/nonexistent-store"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains("cannot be opened: cannot read /nonexistent-store: No such file"),
        "{said}"
    );
}

#[test]
fn json_output_escapes_what_a_terminal_would_obey() {
    let lines = vec![
        json!({"id": "c1", "title": "Title \u{9b}31m red \u{202e}reversed\u{7f}"}).to_string(),
    ];
    let store = folder_store(&lines, json!([]));
    let out = carrel()
        .arg("--store")
        .arg(&store)
        .args(["list", "--json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for c in ['\u{9b}', '\u{202e}', '\u{7f}'] {
        assert!(!text.contains(c), "{c:?} raw in {text:?}");
    }
    assert!(text.contains(r"\u009b31m"), "{text}");
    let record: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(
        record["title"], "Title \u{9b}31m red \u{202e}reversed\u{7f}",
        "the same string"
    );
}

#[test]
fn thousands_of_broken_records_are_summed_up_not_each_written_out() {
    let lines: Vec<String> = (0..500).map(|i| format!("{{broken {i}")).collect();
    let store = folder_store(&lines, json!([]));
    let out = carrel()
        .arg("--store")
        .arg(&store)
        .arg("list")
        .output()
        .unwrap();
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.lines().count() < 30, "{} lines", said.lines().count());
    assert!(said.contains("and 480 more"), "{said}");
    assert!(said.contains("500 problem(s)"), "{said}");
}

#[test]
fn files_that_are_not_files_are_reported_and_skipped_never_opened() {
    let lines = vec![record("a-1944", "Kept", Some("1944")).to_string()];
    let store = folder_store(&lines, json!([]));
    let records = store.join("records");
    let fifo_made = StdCommand::new("mkfifo")
        .arg(records.join("pipe.jsonl"))
        .status()
        .is_ok_and(|s| s.success());
    std::os::unix::fs::symlink("/dev/zero", records.join("zero.json")).unwrap();
    std::os::unix::fs::symlink("/dev/urandom", records.join("random.jsonl")).unwrap();
    // Bounded by the test's own wait: a read of a pipe would never end.
    let out = carrel()
        .timeout(std::time::Duration::from_secs(60))
        .arg("--store")
        .arg(&store)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "the rest still opens");
    assert!(String::from_utf8(out.stdout).unwrap().contains("Kept"));
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains("records/zero.json: a device, not a regular file"),
        "{said}"
    );
    assert!(said.contains("records/random.jsonl: a device"), "{said}");
    if fifo_made {
        assert!(said.contains("records/pipe.jsonl: a named pipe"), "{said}");
        // A pipe standing for a whole single-file store, or for archive.json.
        let pipe = records.join("pipe.jsonl");
        carrel()
            .timeout(std::time::Duration::from_secs(60))
            .arg("--store")
            .arg(&pipe)
            .arg("list")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("a named pipe, not a regular file"));
        std::fs::remove_file(store.join("archive.json")).unwrap();
        StdCommand::new("mkfifo")
            .arg(store.join("archive.json"))
            .status()
            .unwrap();
        let out = carrel()
            .timeout(std::time::Duration::from_secs(60))
            .arg("--store")
            .arg(&store)
            .arg("check")
            .output()
            .unwrap();
        let said = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
        assert!(
            said.contains("archive.json: cannot read: a named pipe"),
            "{said}"
        );
    }
}

#[test]
fn a_store_folder_without_records_fails_check_and_says_so() {
    let dir = scratch_dir();
    std::fs::write(
        dir.join("archive.json"),
        json!({"schema_version": 1, "id": "x", "title": "No records"}).to_string(),
    )
    .unwrap();
    carrel()
        .arg("check")
        .arg(&dir)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "records: missing: a store folder needs a records/ folder",
        ));
    std::fs::create_dir(dir.join("records")).unwrap();
    carrel().arg("check").arg(&dir).assert().success();
}
