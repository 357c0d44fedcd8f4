//! An import killed (SIGKILL, the built binary) at moments spread over its run leaves
//! the store as it was or fully imported, never in between.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

mod cli_support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn ids(store: &Path) -> Option<BTreeSet<String>> {
    if !store.exists() {
        return None;
    }
    let loaded = carrel::store::load_path(store).unwrap();
    let errors: Vec<_> = loaded.problems.iter().filter(|p| p.is_error()).collect();
    assert!(
        errors.is_empty(),
        "a killed import left problems: {errors:?}"
    );
    Some(loaded.store.records.iter().map(|r| r.id.clone()).collect())
}

fn import(csv: &Path, store: &Path, home: &Path) -> std::process::Child {
    cli_support::carrel_process(home)
        .args(["import", "--replace", "--into"])
        .arg(store)
        .arg(csv)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn a_killed_import_leaves_the_store_before_or_after() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path();
    let mut csv = String::from("Title,Date,Text,Collection\n");
    for i in 0..15_000 {
        csv.push_str(&format!(
            "Report number {i},{} October 1945,\"Paragraph one of {i}.\n\nParagraph two.\",Reports\n",
            1 + i % 28
        ));
    }
    let csv_path = home.join("rows.csv");
    std::fs::write(&csv_path, csv).unwrap();

    // How long a whole import takes here, to spread the kills over it.
    let base = home.join("base");
    let config = carrel::synth::SynthConfig {
        records: 300,
        seed: 7,
        shard_size: 100,
        ..Default::default()
    };
    carrel::synth::generate(&config, &base).unwrap();
    let before = ids(&base).unwrap();
    let scratch = home.join("scratch");
    copy_dir(&base, &scratch);
    let started = Instant::now();
    assert!(import(&csv_path, &scratch, home).wait().unwrap().success());
    let full = started.elapsed();
    let after = ids(&scratch).unwrap();
    assert_eq!(after.len(), before.len() + 15_000);

    let runs = 10u32;
    let mut seen_before = 0;
    let mut seen_after = 0;
    for run in 0..runs {
        let existing = run % 2 == 0;
        let store = home.join(format!("store-{run}"));
        if existing {
            copy_dir(&base, &store);
        }
        let mut child = import(&csv_path, &store, home);
        let delay = full.mul_f64(f64::from(run + 1) / f64::from(runs + 1));
        std::thread::sleep(delay.max(Duration::from_millis(5)));
        let _ = child.kill();
        let _ = child.wait();
        let got = ids(&store);
        let new_only: BTreeSet<String> = after.difference(&before).cloned().collect();
        let (was, whole) = if existing {
            (Some(before.clone()), Some(after.clone()))
        } else {
            (None, Some(new_only))
        };
        if got == was {
            seen_before += 1;
        } else if got == whole {
            seen_after += 1;
        } else {
            panic!(
                "run {run} (killed after {delay:?}): the store holds {:?} records, neither before nor after",
                got.map(|g| g.len())
            );
        }
    }
    eprintln!("{seen_before} killed runs left the store as it was, {seen_after} fully imported");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
