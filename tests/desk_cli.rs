//! `carrel cite`, `notes`, `history`, `config` and `paths`, run as a user runs them:
//! the built binary with a home of its own in a fresh temporary folder per test.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

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
        let mut cmd = Command::cargo_bin("carrel").unwrap();
        cmd.env("HOME", self.path())
            .env("XDG_DATA_HOME", self.data())
            .env("XDG_CONFIG_HOME", self.config())
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env_remove("CARREL_STORE")
            .env_remove("VISUAL")
            .env_remove("EDITOR");
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
