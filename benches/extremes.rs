//! The largest and oddest inputs carrel is asked to open, each built here, opened as the
//! reading room opens it (the store loaded, the record's text read back, a 200x50 frame
//! drawn), with the time and the peak memory of doing so:
//! `cargo bench --bench extremes`. `CARREL_EXTREMES_MILLION=1` adds a store of a
//! million records (about 5 minutes to build and 1.8 GB of disk).
//!
//! Figures go in the README's Reliability section with this command.

mod support;

use support::{peak_rss, reset_peak};

use std::fs;
use std::path::Path;
use std::time::Instant;

use carrel::store::load::load_path_lazy;
use carrel::tui::{Action, App, Message, Pane};
use carrel::ui::theme::Theme;

const ARCHIVE: &str = r#"{"schema_version": 1, "id": "x", "title": "Extremes"}"#;

fn folder(dir: &Path, name: &str) -> std::path::PathBuf {
    let store = dir.join(name);
    fs::create_dir_all(store.join("records")).expect("a temporary folder");
    fs::write(store.join("archive.json"), ARCHIVE).expect("a temporary file");
    store
}

fn record_json(id: &str, title: &str, body: &str) -> String {
    serde_json::json!({
        "id": id,
        "title": title,
        "date": {"edtf": "1945-10-05"},
        "texts": [{"lang": "en", "role": "translation", "body": body}],
    })
    .to_string()
}

/// Opens `store` as the reading room does, in this process: what it took and what it held.
fn open(label: &str, store: &Path) {
    reset_peak();
    let start = Instant::now();
    let outcome = load_path_lazy(store);
    let loaded_ms = start.elapsed().as_secs_f64() * 1000.0;
    let (records, problems, frame_ms) = match outcome {
        Ok(loaded) => {
            let (records, problems) = (loaded.store.records.len(), loaded.problems.len());
            let frame_start = Instant::now();
            let mut app = App::new(loaded.store);
            app.update(Action::Resize(200, 50));
            app.update(Action::Show(Pane::FullText));
            if let Some(request) = app.text_request() {
                app.update(request.read());
            }
            app.update(Message::Rest);
            let _ = carrel::ui::render_to_buffer_with(&mut app, &Theme::default(), 200, 50);
            (
                records,
                problems,
                frame_start.elapsed().as_secs_f64() * 1000.0,
            )
        }
        Err(error) => {
            println!("| {label} | refused: {error} | | | |");
            return;
        }
    };
    let peak = peak_rss().map_or("?".to_string(), |b| format!("{} MB", b / 1_000_000));
    println!(
        "| {label} | {records} records, {problems} problems | {} | {} | {peak} |",
        support::show_ms(loaded_ms),
        support::show_ms(frame_ms),
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let dir = dir.path();
    println!("| input | opened as | load | text read + first frame (200x50) | peak memory |");
    println!("|---|---|---|---|---|");

    let store = folder(dir, "empty");
    open("empty store", &store);

    let store = folder(dir, "broken");
    let broken: String = (0..10_000)
        .map(|i| format!("{{\"id\": \"b{i}\", \n"))
        .collect();
    fs::write(store.join("records/broken.jsonl"), broken).expect("write");
    open("only broken records (10,000 lines)", &store);

    let store = folder(dir, "big-text");
    let paragraph = "In September of this year Ghulja rebels, having begun an offensive on the \
                     north of Xinjiang, liberated the Altay District. ";
    let body = paragraph.repeat(30_000_000 / paragraph.len());
    fs::write(
        store.join("records/a.jsonl"),
        record_json("big", "A 30 MB text", &body),
    )
    .expect("write");
    open("a 30 MB text", &store);

    let store = folder(dir, "long-title");
    let title = "Report on the situation in Xinjiang ".repeat(20_000 / 36);
    fs::write(
        store.join("records/a.jsonl"),
        record_json("title", &title, "short"),
    )
    .expect("write");
    open("a 20,000-character title", &store);

    let store = folder(dir, "long-line");
    let line_body = "word ".repeat(10_000_000 / 5);
    fs::write(
        store.join("records/a.jsonl"),
        record_json("line", "A 10 MB JSON line", &line_body),
    )
    .expect("write");
    open("a 10 MB single JSONL line", &store);

    let store = folder(dir, "many-files");
    for i in 0..20_000 {
        fs::write(
            store.join(format!("records/r{i:05}.json")),
            record_json(&format!("r{i}"), &format!("Record {i}"), "text"),
        )
        .expect("write");
    }
    open("20,000 record files", &store);

    let store = folder(dir, "scripts");
    let titles = [
        "新疆省政府主席盛世才致斯大林电",
        "Хрущёв и Берия: записка о положении в Синьцзяне",
        "ئۇيغۇر ئاپتونوم رايونى",
        "מכתב אל שר החוץ",
        "e\u{301}\u{302}\u{303} combining marks",
        "👨\u{200d}👩\u{200d}👧 family emoji 🇰🇿",
    ];
    let lines: String = titles
        .iter()
        .enumerate()
        .map(|(i, t)| record_json(&format!("s{i}"), t, t) + "\n")
        .collect();
    fs::write(store.join("records/a.jsonl"), lines).expect("write");
    open(
        "CJK, Cyrillic, Arabic script, Hebrew, combining marks, emoji",
        &store,
    );

    if std::env::var_os("CARREL_EXTREMES_MILLION").is_some() {
        let store = dir.join("million");
        let config = carrel::synth::SynthConfig {
            records: 1_000_000,
            seed: 1,
            ..carrel::synth::SynthConfig::default()
        };
        carrel::synth::generate(&config, &store).expect("a synthetic store");
        open("1,000,000 records (synthetic)", &store);
    }
}
