//! The reading room over a store opened lazily, as the terminal opens it: records
//! arrive in batches, and full texts are read back from disk when a record is shown.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rules)

mod tui_support;

use std::path::{Path, PathBuf};

use carrel::store::cache::{Begun, Opening};
use carrel::store::{Loaded, Record, load_path_lazy};
use carrel::tui::texts::read_text;
use carrel::tui::{Action, App, Pane};
use carrel::ui::render_to_string;
use tui_support::{BERIA_ID, type_text};

/// The test store written to a folder store on disk.
fn store_on_disk(dir: &Path) -> PathBuf {
    let store = tui_support::store();
    let root = dir.join("store");
    std::fs::create_dir_all(root.join("records")).unwrap();
    std::fs::write(
        root.join("archive.json"),
        serde_json::to_string(&store.archive).unwrap(),
    )
    .unwrap();
    std::fs::write(
        root.join("collections.json"),
        serde_json::to_string(&store.collections).unwrap(),
    )
    .unwrap();
    let lines: Vec<String> = store
        .records
        .iter()
        .map(|r| serde_json::to_string(r).unwrap())
        .collect();
    std::fs::write(root.join("records/part-0001.jsonl"), lines.join("\n")).unwrap();
    root
}

fn lazily(root: &Path) -> Loaded {
    let loaded = load_path_lazy(root).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded
}

/// The messages the opening thread sends, the records cut in batches of `batch`.
fn messages(loaded: Loaded, batch: usize) -> Vec<Opening> {
    let store = loaded.store;
    let mut out = vec![Opening::Begun(Begun {
        records: store.records.len(),
        archive: store.archive,
        collections: store.collections,
        problems: loaded.problems,
        from_cache: false,
        sidecar: None,
    })];
    let records: Vec<Record> = store.records;
    out.extend(records.chunks(batch).map(|c| Opening::Records(c.to_vec())));
    out.push(Opening::Done);
    out
}

fn loading_app(width: u16, height: u16) -> App {
    let mut app = App::loading();
    app.update(Action::Resize(width, height));
    app
}

/// Shows the Beria letter's full text, as the event loop does: select it, then read
/// the text the app asks for.
fn show_beria(app: &mut App) {
    app.update(Action::OpenFilter);
    type_text(app, "molotov osman");
    app.update(Action::FilterAccept);
    assert_eq!(app.selected_record().unwrap().id, BERIA_ID);
    app.update(Action::Show(Pane::FullText));
}

fn fulfil(app: &mut App) {
    if let Some(index) = app.text_wanted() {
        let text = read_text(app.store(), index);
        app.text_arrived(index, text);
    }
}

#[test]
fn lists_fill_as_batches_arrive_and_the_filter_searches_what_has_arrived() {
    let dir = tempfile::tempdir().unwrap();
    let mut all = messages(lazily(&store_on_disk(dir.path())), 4).into_iter();
    let mut app = loading_app(120, 30);
    // Begun and the first batch: four records listed, still loading.
    app.receive(all.by_ref().take(2).collect(), false);
    assert!(app.is_loading());
    assert_eq!(app.rows().len(), 4);
    let screen = render_to_string(&mut app, 120, 30);
    assert!(screen.contains("Soviet Union and Xinjiang"), "{screen}");
    // Filtering while loading searches what has arrived: the Beria letter came first.
    app.update(Action::OpenFilter);
    type_text(&mut app, "osman");
    assert_eq!(app.visible_records().next().unwrap().id, BERIA_ID);
    app.update(Action::FilterCancel);
    // The rest, in one drain, then done.
    app.receive(all.collect(), true);
    assert!(!app.is_loading());
    assert_eq!(app.rows().len(), 11);
    app.update(Action::OpenFilter);
    type_text(&mut app, "stalin");
    assert!(
        app.visible_records()
            .any(|r| r.id == "beria-stalin-1945-09-05"),
        "a record of the last batch is found once all arrived"
    );
}

#[test]
fn a_store_that_stops_arriving_says_so() {
    let mut app = loading_app(80, 24);
    app.receive(Vec::new(), true);
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("Cannot open the store"), "{screen}");
}

#[test]
fn the_full_text_is_read_back_from_disk_when_the_record_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let root = store_on_disk(dir.path());
    let mut app = loading_app(120, 30);
    app.receive(messages(lazily(&root), 3), true);
    show_beria(&mut app);
    let beria = app.selected_record().unwrap();
    assert!(
        beria.has_full_text() && beria.texts[0].body.is_empty(),
        "the body stays on disk"
    );
    // Nothing read yet: the pane says the text is coming, and the app asks for it.
    let waiting = render_to_string(&mut app, 120, 30);
    assert!(waiting.contains("Reading the text"), "{waiting}");
    assert!(app.text_wanted().is_some());
    fulfil(&mut app);
    assert_eq!(app.text_wanted(), None);
    let screen = render_to_string(&mut app, 120, 30);
    assert!(
        screen.contains("Ghulja"),
        "the body on disk is shown: {screen}"
    );
    assert!(!screen.contains("No full text"), "{screen}");
}

#[test]
fn a_text_that_cannot_be_read_back_is_explained_in_the_pane() {
    let dir = tempfile::tempdir().unwrap();
    let root = store_on_disk(dir.path());
    let mut app = loading_app(120, 30);
    app.receive(messages(lazily(&root), 50), true);
    // The store is rewritten under the open reading room.
    std::fs::write(root.join("records/part-0001.jsonl"), "{}\n").unwrap();
    show_beria(&mut app);
    fulfil(&mut app);
    let screen = render_to_string(&mut app, 120, 30);
    assert!(screen.contains("Cannot read this text"), "{screen}");
    // Asked once: the failure is kept, not retried on every frame.
    assert_eq!(app.text_wanted(), None);
}
