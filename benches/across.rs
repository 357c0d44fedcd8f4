//! Reading across documents in the reading room: what it costs to build the
//! store's backlinks and archival neighbours (off the UI thread, with the copy of
//! links and places made on it), and what the indexes and the timeline cost for the
//! whole store and for a filtered list (p50, p99), both as the library computes
//! them and as the room's `I` / `T` keys do: what they cost the UI thread, and the
//! index thread's job behind them.
//!
//! `cargo bench --bench across` measures a small synthetic store made in a temporary
//! folder; `CARREL_BENCH_STORE=DIR cargo bench --bench across` a store folder.
//! `CARREL_BENCH_RUNS` (default 20) sets how many times each figure is taken.

#[path = "support/mod.rs"]
mod support;

use std::env;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use carrel::across::{Backlinks, IndexKind, Neighbours, index, timeline};
use carrel::store::load_path_lazy;
use carrel::tui::across_views::{AcrossRequest, WholeIndexes};
use carrel::tui::{Action, App};
use support::{percentile, show_ms, small_store};

fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// p50 and p99 of `runs` timings of `f`.
fn timed(runs: usize, mut f: impl FnMut()) -> String {
    let times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            ms_since(start)
        })
        .collect();
    format!(
        "p50 {}  p99 {}",
        show_ms(percentile(&times, 0.5)),
        show_ms(percentile(&times, 0.99))
    )
}

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

fn main() -> anyhow::Result<()> {
    let scratch = tempfile::tempdir().context("cannot make a temporary folder")?;
    let store_path = match env::var("CARREL_BENCH_STORE") {
        Ok(path) if !path.is_empty() => PathBuf::from(path),
        _ => small_store(scratch.path()).context("cannot make a store to measure")?,
    };
    let runs = env::var("CARREL_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20usize)
        .max(1);
    eprintln!("measuring {} ...", store_path.display());
    let store = std::sync::Arc::new(load_path_lazy(&store_path)?.store);
    let count = store.records.len();
    let all: Vec<usize> = (0..count).collect();
    // A filtered list: every tenth record, as a filter might leave.
    let some: Vec<usize> = (0..count).step_by(10).collect();
    let mut rows: Vec<(String, String)> = vec![("store: records".into(), count.to_string())];

    let start = Instant::now();
    let request = AcrossRequest::new(&store);
    rows.push((
        "handing the store to the across thread (UI thread)".into(),
        show_ms(ms_since(start)),
    ));
    let start = Instant::now();
    let backlinks = Backlinks::build(&store);
    rows.push((
        "backlinks build (worker)".into(),
        format!(
            "{}, {} links, {}",
            show_ms(ms_since(start)),
            backlinks.len(),
            mb(backlinks.heap_bytes())
        ),
    ));
    let start = Instant::now();
    let neighbours = Neighbours::build(&store);
    rows.push((
        "neighbours build (worker)".into(),
        format!(
            "{}, {} places, {}",
            show_ms(ms_since(start)),
            neighbours.places(),
            mb(neighbours.heap_bytes())
        ),
    ));
    let start = Instant::now();
    drop(request.run());
    rows.push((
        "the across thread's whole job, every run: backlinks, neighbours (worker)".into(),
        show_ms(ms_since(start)),
    ));
    let start = Instant::now();
    drop(WholeIndexes::build(&store));
    rows.push((
        "the five indexes of the whole store, the first time a view needs them (index thread)"
            .into(),
        show_ms(ms_since(start)),
    ));
    rows.push((
        "neighbours of one record".into(),
        timed(runs * 10, || drop(neighbours.of(&store, count / 2))),
    ));

    for (name, list) in [("whole store", &all), ("a tenth", &some)] {
        for kind in IndexKind::ALL {
            rows.push((
                format!("index {} ({name})", kind.field()),
                timed(runs, || drop(index(&store, list, kind))),
            ));
        }
        rows.push((
            format!("timeline ({name})"),
            timed(runs, || drop(timeline(&store, list, None))),
        ));
    }

    // The room's keys: what the UI thread does (opening the view, which says what
    // it waits for; taking the answer), and the index thread's job between. The
    // first `I` builds the whole store's indexes too; the next over the same list
    // is kept.
    let store = std::sync::Arc::try_unwrap(store).unwrap_or_else(|shared| (*shared).clone());
    let mut app = App::new(store);
    app.update(Action::Resize(160, 45));
    app.update(app.across_request().run());
    rows.push((
        "idle, no view open: work asked of the index thread".into(),
        if app.index_request().is_none() {
            "none".to_string()
        } else {
            "some".to_string()
        },
    ));
    for (name, action) in [
        ("I (all five indexes)", Action::Indexes),
        ("T (timeline)", Action::Timeline),
    ] {
        let start = Instant::now();
        app.update(action);
        let opened = ms_since(start);
        let request = app
            .index_request()
            .context("the view should wait for the index thread")?;
        let start = Instant::now();
        let answer = request.run();
        let job = ms_since(start);
        let start = Instant::now();
        app.update(answer);
        let taken = ms_since(start);
        rows.push((
            format!("room: {name}, first open: UI thread (open / answer), index thread"),
            format!("{} / {}, {}", show_ms(opened), show_ms(taken), show_ms(job)),
        ));
        app.update(Action::Back);
        rows.push((
            format!("room: {name}, again (kept, UI thread)"),
            timed(runs, || {
                app.update(action);
                app.update(Action::Back);
            }),
        ));
    }

    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (key, value) in rows {
        println!("{key:<width$}  {value}");
    }
    Ok(())
}
