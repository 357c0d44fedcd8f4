//! `carrel cite`, `notes`, `history`, `config` and `paths`, run as a user runs them:
//! the built binary with a home of its own in a fresh temporary folder per test.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

mod cli_support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

/// A home folder of the test's own, removed when the test ends.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn data(&self) -> PathBuf {
        self.path().join("data")
    }

    fn config(&self) -> PathBuf {
        self.path().join("config")
    }

    fn carrel(&self) -> Command {
        let mut cmd = cli_support::carrel(self.path());
        cmd.env_remove("VISUAL").env_remove("EDITOR");
        cmd
    }
}

const BERIA: &str = "1945-10-05-beria-to-molotov";

#[test]
fn cite_prints_the_chicago_note_by_default() {
    let home = Home::new();
    home.carrel()
        .args(["cite", BERIA])
        .assert()
        .success()
        .stdout(
            "Lavrentiy Beria to Vyacheslav Molotov, report, October 5, 1945, f. 9401s, op. 2, \
             d. 10004, ll. 62-63, State Archive of the Russian Federation (GARF), Moscow, \
             trans. Gary Goldberg, Wilson Center Digital Archive.\n",
        );
}

#[test]
fn cite_reports_an_unknown_id_and_prints_the_others() {
    let home = Home::new();
    home.carrel()
        .args(["cite", "no-such-record", BERIA, "--style", "chicago-short"])
        .assert()
        .code(1)
        .stdout("Beria to Molotov, October 5, 1945.\n")
        .stderr(predicate::str::contains("no record \"no-such-record\""));
}

#[test]
fn cite_writes_csl_json_that_parses() {
    let home = Home::new();
    let out = home
        .carrel()
        .args(["cite", BERIA, "--style", "csl-json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let items: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        items[0]["archive_location"],
        "f. 9401s, op. 2, d. 10004, ll. 62-63"
    );
    assert_eq!(items[0]["translator"][0]["family"], "Goldberg");
}

#[test]
fn cite_refuses_an_unknown_style() {
    let home = Home::new();
    home.carrel()
        .args(["cite", BERIA, "--style", "apa"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown citation style"));
}

#[test]
fn paths_shows_the_desk_database() {
    let home = Home::new();
    let desk = home.data().join("carrel").join("desk.sqlite");
    home.carrel()
        .arg("paths")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "desk    {}",
            desk.display()
        )));
    let out = home.carrel().args(["paths", "--json"]).output().unwrap();
    let paths: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(paths["desk"], desk.display().to_string());
}

/// The desk the binary will open for the built-in sample, filled by the library.
fn sample_desk(home: &Home) -> carrel::desk::Desk {
    let path = home.data().join("carrel").join("desk.sqlite");
    carrel::desk::Desk::open(&path, "carrel-sample").unwrap()
}

#[test]
fn notes_and_history_say_when_there_is_nothing_yet() {
    let home = Home::new();
    home.carrel()
        .arg("notes")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no notes or quotations yet"));
    home.carrel()
        .arg("history")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no reading history yet"));
}

#[test]
fn notes_export_md_writes_one_file_to_paste_into_a_draft() {
    let home = Home::new();
    {
        let desk = sample_desk(&home);
        desk.set_note(
            BERIA,
            "Ospan Batyr and Choibalsan: compare the 1944 meeting.\n\nSee also the telegram.",
        )
        .unwrap();
        desk.add_quotation(
            BERIA,
            "Please discuss these suggestions.",
            "Beria to Molotov, October 5, 1945.",
        )
        .unwrap();
        desk.set_note("gone-from-the-store", "kept all the same")
            .unwrap();
    }
    let out = home.path().join("notes.md");
    home.carrel()
        .args(["notes", "--export", "md", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "wrote 2 record(s) with notes, 1 quotation(s)",
        ));
    let md = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        md,
        "# Notes: carrel sample: Soviet documents on Xinjiang, 1935-1945\n\
         \n\
         ## L. Beria to Cde. V.M. Molotov\n\
         \n\
         October 5, 1945 · `1945-10-05-beria-to-molotov`\n\
         \n\
         Lavrentiy Beria to Vyacheslav Molotov, report, October 5, 1945, f. 9401s, op. 2, d. 10004, \
         ll. 62-63, State Archive of the Russian Federation (GARF), Moscow, trans. Gary Goldberg, \
         Wilson Center Digital Archive.\n\
         \n\
         ### Note\n\
         \n\
         Ospan Batyr and Choibalsan: compare the 1944 meeting.\n\
         \n\
         See also the telegram.\n\
         \n\
         ### Quotations\n\
         \n\
         > Please discuss these suggestions.\n\
         \n\
         Beria to Molotov, October 5, 1945.\n\
         \n\
         ## gone-from-the-store (no longer in this store)\n\
         \n\
         `gone-from-the-store`\n\
         \n\
         ### Note\n\
         \n\
         kept all the same\n"
    );
    let lines = home.carrel().args(["notes", "--json"]).output().unwrap();
    let first: serde_json::Value =
        serde_json::from_slice(lines.stdout.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(first["record"], BERIA);
    assert_eq!(
        first["quotations"][0]["passage"],
        "Please discuss these suggestions."
    );
    assert!(
        first["citation"]
            .as_str()
            .unwrap()
            .starts_with("Lavrentiy Beria to")
    );
    home.carrel()
        .arg("notes")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "    > Please discuss these suggestions.",
        ))
        .stdout(predicate::str::contains("  Note ("));
}

#[test]
fn history_lists_the_records_read_most_recent_first() {
    let home = Home::new();
    {
        let desk = sample_desk(&home);
        desk.record_visit("1945-09-05-beria-to-stalin-molotov-malenkov")
            .unwrap();
        desk.record_visit(BERIA).unwrap();
    }
    let out = home.carrel().arg("history").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].ends_with(
            "October 5, 1945 · L. Beria to Cde. V.M. Molotov  1945-10-05-beria-to-molotov"
        ),
        "{text}"
    );
    let json = home
        .carrel()
        .args(["history", "--json", "--limit", "1"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["record"], BERIA);
    assert!(v["at"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn a_damaged_desk_is_reported_and_moved_aside_by_the_commands() {
    let home = Home::new();
    let dir = home.data().join("carrel");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("desk.sqlite"), "garbage ".repeat(1000)).unwrap();
    home.carrel()
        .arg("notes")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("could not be read"))
        .stderr(predicate::str::contains("moved to"));
}

fn write_config(home: &Home, text: &str) {
    let dir = home.config().join("carrel");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), text).unwrap();
}

#[test]
fn config_default_prints_a_file_that_reads_back_cleanly() {
    let home = Home::new();
    let out = home
        .carrel()
        .args(["config", "--default"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("citation_style = \"chicago-note\""));
    assert!(text.contains("# mark = [...]"));
    write_config(&home, &text);
    home.carrel()
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::contains("no problems"));
}

#[test]
fn the_config_sets_the_citation_style_and_the_store() {
    let home = Home::new();
    write_config(&home, "citation_style = \"chicago-short\"\n");
    home.carrel()
        .args(["cite", BERIA])
        .assert()
        .success()
        .stdout("Beria to Molotov, October 5, 1945.\n");
    // --style still wins.
    home.carrel()
        .args(["cite", BERIA, "--style", "ris"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("TY  - MANSCPT\n"));
    let store = home.path().join("somewhere");
    write_config(
        &home,
        &format!("store = {:?}\n", store.display().to_string()),
    );
    home.carrel()
        .arg("paths")
        .assert()
        .success()
        .stdout(predicate::str::contains("(from config.toml)"));
}

#[test]
fn a_bad_config_is_reported_with_its_line_and_the_defaults_used_for_that_key() {
    let home = Home::new();
    write_config(&home, "mouse = true\ncitation_style = \"harvard\"\n");
    let config = home.config().join("carrel").join("config.toml");
    home.carrel()
        .args(["cite", BERIA])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Lavrentiy Beria to Vyacheslav Molotov",
        ))
        .stderr(predicate::str::contains(format!(
            "carrel: {}:2:18: citation_style: unknown citation style \"harvard\"",
            config.display()
        )));
    home.carrel()
        .arg("config")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(":2:18: citation_style:"))
        .stderr(predicate::str::contains("1 problem(s)"));
}

/// A one-record store whose title tries to set the clipboard and clear the screen.
fn hostile_store(home: &Home) -> PathBuf {
    let dir = home.path().join("hostile");
    std::fs::create_dir_all(dir.join("records")).unwrap();
    std::fs::write(
        dir.join("archive.json"),
        r#"{"schema_version": 1, "id": "hostile", "title": "Hostile"}"#,
    )
    .unwrap();
    let record = serde_json::json!({
        "id": "x",
        "title": "Title\u{1b}]52;c;aGk=\u{7}\u{1b}[2J end",
        "provenance": {"citation": "GARF, f. 1, op. 2, d. 3, l. 4"}
    });
    std::fs::write(dir.join("records/x.json"), record.to_string()).unwrap();
    dir
}

#[test]
fn cite_to_a_terminal_is_sanitised_and_to_a_pipe_is_exact() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;

    let home = Home::new();
    let store = hostile_store(&home);
    // To a pipe: the exact text, for a file a reference manager reads.
    let piped = home
        .carrel()
        .args(["cite", "x", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert!(piped.stdout.contains(&0x1b), "{:?}", piped.stdout);
    // To a terminal: the escape codes shown, never obeyed.
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_carrel"));
    cmd.args(["cite", "x", "--store"]);
    cmd.arg(&store);
    cmd.env("HOME", home.path());
    cmd.env("XDG_DATA_HOME", home.data());
    cmd.env("XDG_CONFIG_HOME", home.config());
    cmd.env("XDG_CACHE_HOME", home.path().join("cache"));
    cmd.env_remove("CARREL_STORE");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    // Ends with EOF or EIO once carrel exits and the terminal closes.
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        seen.extend_from_slice(&buf[..n]);
    }
    assert!(child.wait().unwrap().success());
    let text = String::from_utf8_lossy(&seen);
    assert!(
        text.contains("“Title␛]52;c;aGk=␇␛[2J end,” n.d., GARF, f. 1, op. 2, d. 3, l. 4."),
        "{text:?}"
    );
    assert!(!seen.contains(&0x1b), "{text:?}");
}

#[test]
fn search_and_grep_take_the_desk_terms_of_the_query_language() {
    let home = Home::new();
    let desk = sample_desk(&home);
    desk.toggle_mark(BERIA).unwrap();
    desk.add_tag(BERIA, "altay").unwrap();
    desk.set_note(
        "1945-11-03-yegnarov-and-langvang-to-beria",
        "compare with Beria's",
    )
    .unwrap();
    drop(desk);
    let ids = |args: &[&str]| -> Vec<String> {
        let out = home.carrel().args(args).output().unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter_map(|l| l.split('[').nth(1))
            .map(|l| l.trim_end_matches(']').to_string())
            .collect()
    };
    // `beria` alone lists several records; the desk's terms narrow them.
    assert!(ids(&["search", "beria"]).len() > 1);
    assert_eq!(ids(&["search", "beria", "is:marked"]), [BERIA]);
    assert_eq!(ids(&["search", "tag:altay"]), [BERIA]);
    assert_eq!(
        ids(&["search", "has:note"]),
        ["1945-11-03-yegnarov-and-langvang-to-beria"]
    );
    home.carrel()
        .args(["search", "molotov", "tag:nothing-tagged-so"])
        .assert()
        .code(1);
    let grep = home
        .carrel()
        .args(["grep", "khan", "is:marked", "--json"])
        .output()
        .unwrap();
    let text = String::from_utf8(grep.stdout).unwrap();
    assert!(text.contains(BERIA), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
}
