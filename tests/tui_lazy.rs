//! The reading room over a store opened lazily, as the terminal opens it: records
//! arrive in batches, and full texts are read back from disk when a record is shown.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rules)

mod tui_support;

use std::path::{Path, PathBuf};

use carrel::open::Arrival;
use carrel::search::SearchIndex;
use carrel::store::cache::{Begun, Expected, Opening};
use carrel::store::{Loaded, load_path_lazy};
use carrel::tui::{Action, App, Message, Pane};
use carrel::ui::render_to_string;
use tui_support::{BERIA_ID, run_search, type_text};

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

/// When the search index comes with the store.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IndexComes {
    /// Read from beside the cache: right after `Begun`, before any record.
    First,
    /// Built as the records went by: just before `Done`.
    Last,
}

/// The messages the opening threads send, the records cut in batches of `batch`.
fn messages(loaded: Loaded, batch: usize, comes: IndexComes) -> Vec<Arrival> {
    let store = loaded.store;
    let index = Box::new(SearchIndex::build(&store));
    let mut out = vec![Opening::Begun(Begun {
        records: Expected::Exactly(store.records.len()),
        archive: store.archive,
        collections: store.collections,
        problems: loaded.problems,
        from_cache: false,
        sidecar: None,
    })];
    out.extend(
        store
            .records
            .chunks(batch)
            .map(|c| Opening::Records(c.to_vec())),
    );
    out.push(Opening::Done);
    let mut out: Vec<Arrival> = out.into_iter().map(Arrival::Store).collect();
    match comes {
        IndexComes::First => out.insert(1, Arrival::Index(index)),
        IndexComes::Last => out.insert(out.len() - 1, Arrival::Index(index)),
    }
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

/// What the text reader's thread does for the event loop, done here at once.
fn fulfil_text(app: &mut App) {
    if let Some(request) = app.text_request() {
        app.update(request.read());
    }
}

/// Delivers the opening threads' messages as the event loop does, one by one, and
/// when `ended`, the word that the threads are gone.
fn receive(app: &mut App, arrivals: impl IntoIterator<Item = Arrival>, ended: bool) {
    for arrival in arrivals {
        app.update(Message::Opening(arrival));
    }
    if ended {
        app.update(Message::Opening(Arrival::Ended));
    }
}

#[test]
fn lists_fill_as_batches_arrive_and_the_filter_searches_what_has_arrived() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = lazily(&store_on_disk(dir.path()));
    let mut all = messages(loaded, 4, IndexComes::First).into_iter();
    let mut app = loading_app(120, 30);
    // Begun, the index and the first batch: four records listed, still loading.
    receive(&mut app, all.by_ref().take(3), false);
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
    receive(&mut app, all, true);
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
    receive(&mut app, Vec::new(), true);
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("Cannot open the store"), "{screen}");
}

#[test]
fn the_full_text_is_read_back_from_disk_when_the_record_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let root = store_on_disk(dir.path());
    let mut app = loading_app(120, 30);
    receive(&mut app, messages(lazily(&root), 3, IndexComes::Last), true);
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
    fulfil_text(&mut app);
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
    receive(
        &mut app,
        messages(lazily(&root), 50, IndexComes::First),
        true,
    );
    // The store is rewritten under the open reading room.
    std::fs::write(root.join("records/part-0001.jsonl"), "{}\n").unwrap();
    show_beria(&mut app);
    fulfil_text(&mut app);
    let screen = render_to_string(&mut app, 120, 30);
    assert!(screen.contains("Cannot read this text"), "{screen}");
    // Asked once: the failure is kept, not retried on every frame.
    assert_eq!(app.text_wanted(), None);
}

#[test]
fn a_filter_typed_before_the_index_arrives_applies_when_it_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut all = messages(lazily(&store_on_disk(dir.path())), 4, IndexComes::Last).into_iter();
    let mut app = loading_app(120, 30);
    // Begun and every batch; the index is still being built.
    receive(&mut app, all.by_ref().take(4), false);
    assert_eq!(app.rows().len(), 11);
    app.update(Action::OpenFilter);
    type_text(&mut app, "osman");
    // The filter is kept and said to wait; the whole list stays meanwhile.
    let waiting = render_to_string(&mut app, 120, 30);
    assert!(waiting.contains("/osman"), "{waiting}");
    assert!(
        waiting.contains("applies once the index is ready"),
        "{waiting}"
    );
    assert_eq!(app.rows().len(), 11);
    // The index, then Done: the filter applies.
    receive(&mut app, all, true);
    run_search(&mut app);
    let ids: Vec<&str> = app.visible_records().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, [BERIA_ID]);
    let screen = render_to_string(&mut app, 120, 30);
    assert!(screen.contains("1 of 11 match"), "{screen}");
    assert!(!screen.contains("applies once"), "{screen}");
}

#[test]
fn hits_among_records_not_yet_arrived_are_not_listed_until_they_arrive() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = lazily(&store_on_disk(dir.path()));
    let stalin = loaded.store.index_of("beria-stalin-1945-09-05").unwrap();
    assert!(stalin >= 4, "the test needs it past the first batch");
    let mut all = messages(loaded, 4, IndexComes::First).into_iter();
    let mut app = loading_app(120, 30);
    // Begun, the index of all eleven records, and the first four records.
    receive(&mut app, all.by_ref().take(3), false);
    app.update(Action::OpenFilter);
    type_text(&mut app, "beria");
    let listed: Vec<usize> = app.rows().iter().map(|r| r.record).collect();
    assert!(!listed.is_empty());
    assert!(listed.iter().all(|&r| r < 4), "{listed:?}");
    let screen = render_to_string(&mut app, 120, 30);
    assert!(
        screen.contains(&format!("{} of 4 match", listed.len())),
        "{screen}"
    );
    // The rest arrives: the hits among it are listed too.
    receive(&mut app, all, true);
    run_search(&mut app);
    assert!(
        app.visible_records()
            .any(|r| r.id == "beria-stalin-1945-09-05"),
        "{:?}",
        app.rows()
    );
    let screen = render_to_string(&mut app, 120, 30);
    assert!(screen.contains("Report from L. Beria"), "{screen}");
}

#[test]
fn the_list_is_in_date_order_as_batches_arrive_before_and_after_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut loaded = lazily(&store_on_disk(dir.path()));
    // Two records on one day, and one undated: ties go by title, undated last.
    loaded.store.records[2].date = loaded.store.records[7].date.clone();
    loaded.store.records[4].date = None;
    let store = carrel::store::Store::new(
        loaded.store.archive.clone(),
        loaded.store.collections.clone(),
        loaded.store.records.clone(),
    );
    let in_date_order = |held: usize| -> Vec<String> {
        let mut records: Vec<usize> = (0..held).collect();
        store.sort(&mut records, carrel::store::SortOrder::Date);
        records
            .iter()
            .map(|&r| store.records[r].id.clone())
            .collect()
    };
    let listed =
        |app: &App| -> Vec<String> { app.visible_records().map(|r| r.id.clone()).collect() };
    let mut app = loading_app(120, 30);
    let mut held = 0;
    for message in messages(loaded, 3, IndexComes::Last) {
        if let Arrival::Store(Opening::Records(batch)) = &message {
            held += batch.len();
        }
        receive(&mut app, vec![message], false);
        assert_eq!(listed(&app), in_date_order(held), "with {held} records");
    }
    assert!(!app.is_loading());
    assert_eq!(held, 11);
}

#[test]
fn a_list_that_waits_to_redo_itself_while_loading_catches_up_when_done() {
    let records: Vec<carrel::store::Record> = (0..110)
        .map(|i| carrel::store::Record {
            id: format!("r{i:03}"),
            title: format!("Report {i:03}"),
            ..carrel::store::Record::default()
        })
        .collect();
    let begun = Opening::Begun(Begun {
        records: Expected::Exactly(records.len()),
        archive: carrel::store::Archive::default(),
        collections: Vec::new(),
        problems: Vec::new(),
        from_cache: true,
        sidecar: None,
    });
    let mut app = loading_app(120, 30);
    receive(
        &mut app,
        vec![
            Arrival::Store(begun),
            Arrival::Store(Opening::Records(records[..100].to_vec())),
        ],
        false,
    );
    assert_eq!(app.rows().len(), 100);
    // Ten more of a hundred: the list may wait, but once all are in, all are listed.
    receive(
        &mut app,
        vec![Arrival::Store(Opening::Records(records[100..].to_vec()))],
        false,
    );
    receive(&mut app, vec![Arrival::Store(Opening::Done)], true);
    assert_eq!(app.rows().len(), 110);
    let screen = render_to_string(&mut app, 120, 30);
    assert!(screen.contains("All records (110)"), "{screen}");
}

#[test]
fn steps_through_the_list_read_no_text_until_the_keys_rest() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = lazily(&store_on_disk(dir.path()));
    let mut app = loading_app(120, 30);
    receive(&mut app, messages(loaded, 4, IndexComes::First), true);
    app.update(Action::Bottom);
    app.update(Message::Rest);
    fulfil_text(&mut app);
    let mut steps = 0;
    while app.selected_record().unwrap().id != BERIA_ID {
        app.update(Action::Up);
        steps += 1;
        assert!(steps < 20, "the Beria letter is not in the list");
        assert_eq!(
            app.text_wanted(),
            None,
            "a step reads nothing from the disk"
        );
    }
    app.update(Message::Rest);
    let beria = app.shown_index().unwrap();
    assert_eq!(app.text_wanted(), Some(beria));
    fulfil_text(&mut app);
    let screen = render_to_string(&mut app, 120, 30);
    assert!(screen.contains("Top Secret"), "{screen}");
}

#[test]
fn while_records_arrive_the_first_row_stays_selected_and_a_chosen_record_stays_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let latest_first = || {
        let mut loaded = lazily(&store_on_disk(dir.path()));
        // Every id ends with the record's date.
        let date = |r: &carrel::store::Record| r.id[r.id.len() - 10..].to_string();
        loaded
            .store
            .records
            .sort_by_key(|r| std::cmp::Reverse(date(r)));
        loaded
    };
    // Latest first: each batch brings records dated before those already listed.
    let all = messages(latest_first(), 3, IndexComes::First);
    let first_batch = 3; // Begun, the index, three records

    // Untouched: the list's first row is selected, whatever comes to be first.
    let mut app = loading_app(120, 30);
    let mut messages_left = all.into_iter();
    receive(&mut app, messages_left.by_ref().take(first_batch), false);
    assert_eq!(app.selected_row(), Some(0));
    for message in messages_left {
        receive(&mut app, vec![message], false);
        assert_eq!(app.selected_row(), Some(0));
    }
    assert!(!app.is_loading());
    let earliest = app.visible_records().next().unwrap().id.clone();
    assert_eq!(app.selected_record().unwrap().id, earliest);
    assert!(earliest.starts_with("politburo-1935-03-19"), "{earliest}");

    // Moved to the second row: that record stays selected as earlier ones arrive.
    let mut messages_left = messages(latest_first(), 3, IndexComes::First).into_iter();
    let mut app = loading_app(120, 30);
    receive(&mut app, messages_left.by_ref().take(first_batch), false);
    app.update(Action::Down);
    let chosen = app.selected_record().unwrap().id.clone();
    receive(&mut app, messages_left, true);
    assert_eq!(app.selected_record().unwrap().id, chosen);
    assert_ne!(
        app.selected_row(),
        Some(1),
        "earlier records came before it"
    );
}
