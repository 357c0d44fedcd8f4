//! `carrel import` and `carrel export` as a user runs them: the built binary, with a
//! home of its own in a temporary folder, its output, exit code and the store it leaves.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

mod cli_support;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// A user: a home, data, cache and config folders of their own, removed at the end.
struct User {
    home: TempDir,
}

impl User {
    fn new() -> Self {
        User {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn carrel(&self) -> Command {
        let mut cmd = cli_support::carrel(self.home.path());
        cmd.current_dir(self.home.path());
        cmd
    }

    fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, text).unwrap();
        path
    }

    fn data_store(&self) -> PathBuf {
        self.path("data/carrel/store")
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.carrel().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }
}

const LETTERS: &str = "\
Title,Date,Author,Recipient,Call number,Tags,Box note
L. Beria to Cde. V.M. Molotov,\"October 5, 1945\",Lavrentiy Beria,Vyacheslav Molotov,\"GARF, f. 9401s, op. 2, d. 10004, ll. 62-63\",xinjiang; altai,first
Telegram from Yegnarov,c. 1945,Yegnarov,,\"AVPRF, f. 0100, op. 34\",xinjiang,
";

#[test]
fn first_import_creates_the_users_store_which_carrel_then_opens() {
    let user = User::new();
    let csv = user.write("letters.csv", LETTERS);
    user.carrel()
        .arg("import")
        .arg(&csv)
        .assert()
        .success()
        .stdout("2 added, 0 replaced, 0 skipped\n");
    assert!(user.data_store().join("records/part-0000.jsonl").is_file());
    let paths = user.stdout(&["paths"]);
    assert!(
        paths.contains("the user's store in the data directory"),
        "{paths}"
    );
    let list = user.stdout(&["list"]);
    assert!(
        list.contains("[1945-10-05-l-beria-to-cde-v-m-molotov]"),
        "{list}"
    );
    assert!(list.contains("c. 1945"), "{list}");
    let show = user.stdout(&["show", "1945-10-05-l-beria-to-cde-v-m-molotov", "--json"]);
    assert!(show.contains("\"Box note\":\"first\""), "{show}");
    assert!(show.contains("\"fond\":\"9401s\""), "{show}");
}

#[test]
fn any_error_writes_nothing_and_says_where() {
    let user = User::new();
    let csv = user.write(
        "bad.csv",
        "Title,Date,Subjects\nGood,1945,a\nBad date,10/5/1945,b\n,1944,c\n",
    );
    user.carrel()
        .arg("import")
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.csv:3:2: nd-bad-date: date: cannot read the date \"10/5/1945\"",
        ))
        .stderr(predicate::str::contains("bad.csv:4: title: empty title"))
        .stderr(predicate::str::contains("nothing imported"));
    assert!(!user.data_store().exists());
    assert!(
        fs::read_dir(user.path("data/carrel"))
            .map(|d| d.count())
            .unwrap_or(0)
            == 0,
        "the staging folder is removed"
    );
    user.carrel()
        .args(["import", "--skip-invalid"])
        .arg(&csv)
        .assert()
        .success()
        .stdout("1 added, 0 replaced, 2 skipped (see above)\n");
}

#[test]
fn clashes_need_replace_and_dry_run_writes_nothing() {
    let user = User::new();
    let store = user.path("mine");
    let csv = user.write("letters.csv", LETTERS);
    let into = [
        "import",
        "--into",
        store.to_str().unwrap(),
        csv.to_str().unwrap(),
    ];
    user.carrel()
        .args(["import", "--dry-run", "--into", store.to_str().unwrap()])
        .arg(&csv)
        .assert()
        .success()
        .stdout("dry run, nothing written: would have 2 added, 0 replaced, 0 skipped\n");
    assert!(!store.exists());
    user.carrel().args(into).assert().success();
    let before = snapshot(&store);
    user.carrel()
        .args(into)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "letters.csv:2: 1945-10-05-l-beria-to-cde-v-m-molotov: id: the store already has a record with this id (--replace replaces it)",
        ));
    user.carrel()
        .args(into)
        .args(["--replace", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 added, 2 replaced"));
    assert_eq!(
        snapshot(&store),
        before,
        "dry run and refusal leave the store as it was"
    );
    // The same rows give the same ids: a re-import replaces, it does not add.
    user.carrel()
        .args(into)
        .arg("--replace")
        .assert()
        .success()
        .stdout("0 added, 2 replaced, 0 skipped\n");
    let list = user.stdout(&["list", "--store", store.to_str().unwrap()]);
    assert_eq!(list.lines().count(), 2, "{list}");
}

/// Every file of a store folder and its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// export, import of it into a new store, export again: the same bytes.
fn round_trip(user: &User, store: Option<&Path>, format: &str, name: &str) {
    let mut export = vec!["export", "--format", format];
    let store_arg;
    if let Some(store) = store {
        store_arg = store.to_str().unwrap().to_string();
        export.extend(["--store", &store_arg]);
    }
    let first = user.stdout(&export);
    assert!(!first.is_empty());
    let file = user.write(&format!("{name}.{format}"), &first);
    let copy = user.path(&format!("{name}-{format}-copy"));
    user.carrel()
        .args(["import", "--into", copy.to_str().unwrap()])
        .arg(&file)
        .assert()
        .success();
    let again = user.stdout(&[
        "export",
        "--format",
        format,
        "--store",
        copy.to_str().unwrap(),
    ]);
    assert!(
        first == again,
        "{format} of {name} changed on the way:\n{}",
        first_difference(&first, &again)
    );
}

fn first_difference(a: &str, b: &str) -> String {
    for (n, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n- {x}\n+ {y}", n + 1);
        }
    }
    format!("lengths {} and {}", a.len(), b.len())
}

#[test]
fn json_jsonl_and_csv_round_trip_the_sample() {
    let user = User::new();
    for format in ["json", "jsonl", "csv"] {
        round_trip(&user, None, format, "sample");
    }
}

#[test]
fn json_jsonl_and_csv_round_trip_synthetic_stores() {
    let user = User::new();
    for seed in [3, 1945] {
        let store = user.path(&format!("synth-{seed}"));
        let config = carrel::synth::SynthConfig {
            records: 150,
            seed,
            shard_size: 40,
            ..Default::default()
        };
        carrel::synth::generate(&config, &store).unwrap();
        for format in ["json", "jsonl", "csv"] {
            round_trip(&user, Some(&store), format, &format!("synth-{seed}"));
        }
        // A whole store folder merged into a new store: the same store.
        let copy = user.path(&format!("synth-{seed}-merged"));
        user.carrel()
            .args(["import", "--into", copy.to_str().unwrap()])
            .arg(&store)
            .assert()
            .success()
            .stdout(predicate::str::starts_with("150 added"));
        let s = store.to_str().unwrap();
        let c = copy.to_str().unwrap();
        assert!(
            user.stdout(&["export", "--format", "json", "--store", s])
                == user.stdout(&["export", "--format", "json", "--store", c]),
            "a merged store differs from its source"
        );
    }
}

#[test]
fn markdown_export_imports_back() {
    let user = User::new();
    let out = user.path("md");
    user.carrel()
        .args(["export", "--format", "md", "--out", out.to_str().unwrap()])
        .assert()
        .success();
    let beria = fs::read_to_string(out.join("1945-10-05-beria-to-molotov.md")).unwrap();
    assert!(beria.starts_with("---\n"), "{beria}");
    assert!(
        beria.contains("title: L. Beria to Cde. V.M. Molotov"),
        "{beria}"
    );
    let copy = user.path("md-copy");
    user.carrel()
        .args(["import", "--into", copy.to_str().unwrap()])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("11 added"));
    let sample = user.stdout(&["show", "1945-10-05-beria-to-molotov", "--json"]);
    let back = user.stdout(&[
        "show",
        "1945-10-05-beria-to-molotov",
        "--json",
        "--store",
        copy.to_str().unwrap(),
    ]);
    let (sample, back): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&sample).unwrap(),
        serde_json::from_str(&back).unwrap(),
    );
    for field in [
        "title",
        "date",
        "people",
        "provenance",
        "rights",
        "extra",
        "summary",
    ] {
        assert_eq!(sample[field], back[field], "{field}");
    }
    assert_eq!(sample["texts"][0]["body"], back["texts"][0]["body"]);
}

#[test]
fn a_folder_of_transcriptions_is_a_collection() {
    let user = User::new();
    user.write(
        "Xinjiang letters/1945-10-05-beria-to-molotov.txt",
        "# L. Beria to Cde. V.M. Molotov\n\nTop Secret\n\nIn September of this year...\n",
    );
    user.write(
        "Xinjiang letters/telegram.md",
        "---\ntitle: Telegram from Yegnarov\ndate: Nov. 3, 1945\n---\nText.\n",
    );
    user.write("Xinjiang letters/scan.pdf", "%PDF");
    let store = user.path("s");
    user.carrel()
        .args(["import", "--into", store.to_str().unwrap()])
        .arg(user.path("Xinjiang letters"))
        .assert()
        .success()
        .stdout("2 added, 0 replaced, 0 skipped, 1 new collection(s)\n")
        .stderr(predicate::str::contains(
            "scan.pdf: warning: not a .txt or .md file",
        ));
    let collections = user.stdout(&["collections", "--store", store.to_str().unwrap()]);
    assert!(collections.contains("Xinjiang letters"), "{collections}");
    let list = user.stdout(&["list", "--store", store.to_str().unwrap()]);
    assert!(list.contains("Nov. 3, 1945"), "{list}");
    assert!(list.contains("[1945-10-05-beria-to-molotov]"), "{list}");
}

#[test]
fn completions_and_man_page() {
    let user = User::new();
    for shell in ["bash", "zsh", "fish"] {
        let script = user.stdout(&["completions", shell]);
        assert!(script.contains("import"), "{shell}");
    }
    let man = user.stdout(&["man"]);
    assert!(man.contains(".TH carrel"), "{man}");
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

#[test]
fn a_frus_volume_becomes_a_collection_tree() {
    let user = User::new();
    let store = user.path("frus");
    user.carrel()
        .args(["import", "--into", store.to_str().unwrap()])
        .arg(fixture("frus1945v07-excerpt.xml"))
        .assert()
        .success()
        .stdout("4 added, 0 replaced, 0 skipped, 4 new collection(s)\n");
    let s = store.to_str().unwrap();
    let collections = user.stdout(&["collections", "--store", s]);
    assert!(
        collections.contains("Situation in Sinkiang"),
        "{collections}"
    );
    let show = user.stdout(&["show", "frus1945v07-d1", "--store", s]);
    assert!(show.contains("Classification  Secret; Priority"), "{show}");
    assert!(show.contains("[p. 170]"), "{show}");
    assert!(show.contains("Note  [1] The Ili region"), "{show}");
    user.carrel()
        .args(["check", s])
        .assert()
        .stderr(predicate::str::contains("0 error(s)"));
}

#[test]
fn zotero_exports_with_problems_in_place() {
    let user = User::new();
    let store = user.path("z");
    let s = store.to_str().unwrap();
    user.carrel()
        .args(["import", "--into", s])
        .arg(fixture("zotero-archival.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "zotero-archival.json:31:3: nd-interview-on-the-ili-rebellion: date: issued: cannot read the date \"Octobre 1945\"",
        ))
        .stderr(predicate::str::contains("zotero-archival.json:38:3: 1945-11-03: title: empty title"));
    user.carrel()
        .args([
            "import",
            "--skip-invalid",
            "--into",
            s,
            "--collection",
            "zotero",
        ])
        .arg(fixture("zotero-archival.json"))
        .arg(fixture("zotero-archival.ris"))
        .assert()
        .success()
        .stdout("3 added, 0 replaced, 5 skipped (see above), 1 new collection(s)\n")
        .stderr(predicate::str::contains("duplicate id: the record at"))
        .stderr(predicate::str::contains("zotero-archival.ris:31: "))
        .stderr(predicate::str::contains(
            "zotero-archival.ris:34: 1945: title: empty title",
        ));
    let list = user.stdout(&["list", "--collection", "zotero", "--store", s]);
    assert_eq!(list.lines().count(), 3, "{list}");
}

#[test]
fn broken_json_lines_are_reported_by_line() {
    let user = User::new();
    let jsonl = user.write(
        "more.jsonl",
        "{\"id\": \"a\", \"title\": \"A\"}\n{\"id\": \"b\", \"title\": \"B\", \"date\": {\"edtf\": \"Oct 1945\"}}\n{oops\n{\"id\": \"Bad Id\", \"title\": \"C\"}\n",
    );
    user.carrel()
        .arg("import")
        .arg(&jsonl)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "more.jsonl:2: b: date.edtf: not an EDTF date",
        ))
        .stderr(predicate::str::contains("more.jsonl:3:"))
        .stderr(predicate::str::contains("more.jsonl:4: Bad Id: id: bad id"));
    assert!(!user.data_store().exists());
}

#[test]
fn export_a_collection_or_what_a_search_finds() {
    let user = User::new();
    let csv = user.stdout(&["export", "--format", "csv", "--query", "osman"]);
    assert_eq!(
        csv.lines().filter(|l| l.starts_with("1945")).count(),
        1,
        "{csv}"
    );
    assert!(csv.contains("1945-10-05-beria-to-molotov"), "{csv}");
    let json = user.stdout(&[
        "export",
        "--format",
        "json",
        "--collection",
        "xinjiang-1945-reports",
    ]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["records"].as_array().unwrap().len(), 3);
    let out = user.path("one.jsonl");
    user.carrel()
        .args([
            "export",
            "--format",
            "jsonl",
            "--query",
            "osman",
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 1);
    user.carrel()
        .args(["export", "--format", "csv", "--query", "zzzzqqq"])
        .assert()
        .code(1);
}

#[test]
fn tsv_with_map_and_a_text_file_beside_it() {
    let user = User::new();
    user.write(
        "texts/beria.txt",
        "Top Secret\r\n\r\nIn September of this year...\r\n",
    );
    let tsv = user.write(
        "sheet.tsv",
        "Heading\tWritten\tText file\tFolder no.\n\
         L. Beria to Cde. V.M. Molotov\t5 October 1945\ttexts/beria.txt\t12\n",
    );
    let store = user.path("s");
    let s = store.to_str().unwrap();
    user.carrel()
        .args([
            "import",
            "--into",
            s,
            "--map",
            "Heading=title",
            "--map",
            "written=date",
        ])
        .arg(&tsv)
        .assert()
        .success()
        .stdout("1 added, 0 replaced, 0 skipped\n");
    let show = user.stdout(&[
        "show",
        "1945-10-05-l-beria-to-cde-v-m-molotov",
        "--json",
        "--store",
        s,
    ]);
    let record: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(
        record["texts"][0]["body"],
        "Top Secret\n\nIn September of this year..."
    );
    assert_eq!(record["extra"]["Folder no."], "12");
    assert_eq!(record["date"]["display"], "5 October 1945");
    user.carrel()
        .args(["import", "--into", s, "--map", "Heading=nonsense"])
        .arg(&tsv)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field \"nonsense\""));
}
