//! The desk's costs as the reading room would pay them, on a database already holding
//! a working historian's years of use (10,000 marks and visits, 5,000 tags, 1,000
//! notes), in a temporary folder: opening, each kind of write (one fsync-free WAL
//! commit each), the one read the filter needs (`annotations`), and a Chicago note.
//!
//! `cargo bench --bench desk`. Prints median and 99th percentile per operation.

#![allow(clippy::unwrap_used)] // A benchmark: a failed unwrap is a failed run.

use std::time::{Duration, Instant};

use carrel::cite::{Style, cite};
use carrel::desk::Desk;
use carrel::store::sample::load_builtin;

const STORE: &str = "bench-store";

fn percentile(mut samples: Vec<Duration>, p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn report(what: &str, samples: Vec<Duration>) {
    let median = percentile(samples.clone(), 0.5);
    let p99 = percentile(samples.clone(), 0.99);
    println!(
        "| {what} | {:.3} ms | {:.3} ms | {} |",
        median.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        samples.len()
    );
}

fn time<T>(runs: usize, mut f: impl FnMut(usize) -> T) -> Vec<Duration> {
    (0..runs)
        .map(|i| {
            let start = Instant::now();
            std::hint::black_box(f(i));
            start.elapsed()
        })
        .collect()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    {
        let desk = Desk::open(&path, STORE).unwrap();
        let fill = Instant::now();
        for i in 0..10_000 {
            let id = format!("record-{i:06}");
            desk.set_marked(&id, true).unwrap();
            desk.record_visit(&id).unwrap();
            if i % 2 == 0 {
                desk.add_tag(&id, &format!("tag-{}", i % 50)).unwrap();
            }
            if i % 10 == 0 {
                desk.set_note(&id, &"A note of about a kilobyte. ".repeat(36))
                    .unwrap();
            }
        }
        println!(
            "filled: 10,000 marks and visits, 5,000 tags, 1,000 notes in {:.2} s ({} bytes on disk)",
            fill.elapsed().as_secs_f64(),
            std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        );
    }
    println!("| operation | median | p99 | runs |");
    println!("|---|---:|---:|---:|");
    report(
        "open (WAL, quick_check, schema check)",
        time(30, |_| Desk::open(&path, STORE).unwrap()),
    );
    let desk = Desk::open(&path, STORE).unwrap();
    report(
        "toggle_mark (m)",
        time(2000, |i| {
            desk.toggle_mark(&format!("m-{}", i % 100)).unwrap()
        }),
    );
    report(
        "record_visit (a record opened)",
        time(2000, |i| {
            desk.record_visit(&format!("v-{}", i % 7)).unwrap()
        }),
    );
    report(
        "save_position",
        time(2000, |i| {
            desk.save_position("record-000001", i as u64).unwrap()
        }),
    );
    report(
        "set_note, 1 KB",
        time(1000, |i| {
            desk.set_note("record-000002", &format!("{i} {}", "x".repeat(1000)))
                .unwrap()
        }),
    );
    report(
        "push_query",
        time(2000, |i| {
            desk.push_query(&format!("beria {}", i % 3)).unwrap()
        }),
    );
    report(
        "annotations (marks, tags, notes, reads of the store)",
        time(50, |_| desk.annotations().unwrap()),
    );
    report("tags_in_use", time(200, |_| desk.tags_in_use().unwrap()));
    report("recent(20)", time(200, |_| desk.recent(20).unwrap()));
    let sample = load_builtin();
    let record = sample.store.record("1945-10-05-beria-to-molotov").unwrap();
    for style in [Style::ChicagoNote, Style::CslJson] {
        report(
            &format!("cite {style} (the Beria report)"),
            time(5000, |_| cite(record, style)),
        );
    }
}
