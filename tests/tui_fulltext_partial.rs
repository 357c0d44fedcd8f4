//! Full text in the reading room while the texts are still being indexed (answers from
//! what is indexed so far, then asked again), and the snippets of rows that come into
//! sight further down the list. The full-text thread's work is done in line (the same
//! `run` and `run_so_far` the thread calls); what is "indexed so far" is an index of
//! the same store with some texts left out.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rules)

mod tui_support;

use carrel::search::fulltext::FullText;
use carrel::store::schema::{Text, TextRole};
use carrel::store::{Record, Store};
use carrel::tui::{Action, App, FullTextMessage, Message};
use carrel::ui::render_to_string;
use tui_support::{run_search, store};

/// `count` records whose texts name Altay, the first `count / 2` also the harvest;
/// then the test store's own (the Beria report names Altay too).
fn altay_store(count: usize) -> Store {
    let base = store();
    let mut records: Vec<Record> = Vec::new();
    for i in 0..count {
        let mut record = base.records[0].clone();
        record.id = format!("altay-{i:03}");
        record.title = format!("Report {i:03} from the district");
        let harvest = if i < count / 2 {
            " The harvest failed."
        } else {
            ""
        };
        record.texts = vec![Text {
            lang: "en".to_string(),
            role: TextRole::Original,
            translators: vec![],
            body: format!("Report {i} of the rebels in the Altay District.{harvest}"),
        }];
        records.push(record);
    }
    records.extend(base.records.iter().cloned());
    Store::new(base.archive, base.collections, records)
}

/// The same store as far as an index built so far knows it: the texts of records
/// from `from` on are not indexed yet (record numbers stay those of the store).
fn indexed_until(store: &Store, from: usize) -> FullText {
    let mut records = store.records.clone();
    for record in records.iter_mut().skip(from) {
        record.texts.clear();
    }
    let partial = Store::new(store.archive.clone(), store.collections.clone(), records);
    FullText::open(&partial, None, |_| {}).unwrap()
}

fn progress(app: &mut App, percent: u8) {
    app.update(Message::FullText(FullTextMessage::Progress(percent)));
}

/// `/`, Ctrl-f and the query, the short-field searches answered as typed.
fn full_text_query(app: &mut App, query: &str) {
    app.update(Action::OpenFilter);
    app.update(Action::ToggleFullText);
    for c in query.chars() {
        app.update(Action::FilterType(c));
        run_search(app);
    }
}

fn answer_so_far(app: &mut App, fulltext: &FullText, percent: u8) {
    let store = app.shared_store();
    let request = app.text_search_wanted().cloned().expect("a search asked");
    app.update(request.run_so_far(fulltext, &store, percent));
}

fn answer(app: &mut App, fulltext: &FullText) {
    let store = app.shared_store();
    let request = app.text_search_wanted().cloned().expect("a search asked");
    app.update(request.run(fulltext, &store));
}

#[test]
fn a_query_while_indexing_lists_what_is_indexed_so_far_then_the_whole_answer() {
    let store = altay_store(10);
    let mut app = App::new(store.clone());
    app.update(Action::Resize(120, 40));
    progress(&mut app, 34);
    full_text_query(&mut app, "altay");
    assert_eq!(
        app.fulltext_count().as_deref(),
        Some("texts: indexing texts 34%"),
        "nothing answered yet"
    );
    // Four of the ten texts indexed so far.
    answer_so_far(&mut app, &indexed_until(&store, 4), 34);
    assert_eq!(app.visible_records().count(), 4);
    assert!(app.snippet_line(0).is_some(), "snippets as usual");
    assert_eq!(
        app.fulltext_count().as_deref(),
        Some("4 in texts so far · indexing 34%")
    );
    let screen = render_to_string(&mut app, 120, 40);
    assert!(
        screen.contains("4 in texts so far · indexing 34%"),
        "{screen}"
    );
    // Indexing goes on: the line follows it; the answer stays until asked again.
    progress(&mut app, 60);
    assert_eq!(
        app.fulltext_count().as_deref(),
        Some("4 in texts so far · indexing 60%")
    );
    assert!(app.text_search_wanted().is_none());
    // More can be searched: asked again, the old answer shown meanwhile.
    app.update(Message::FullText(FullTextMessage::SoFar));
    assert!(app.text_search_wanted().is_some(), "asked again");
    assert_eq!(app.visible_records().count(), 4);
    assert_eq!(
        app.fulltext_count().as_deref(),
        Some("4 in texts so far · indexing 60%")
    );
    answer_so_far(&mut app, &indexed_until(&store, 7), 60);
    assert_eq!(app.visible_records().count(), 7);
    // Indexing done: asked once more, and the whole answer replaces the partial one.
    app.update(Message::FullText(FullTextMessage::Ready(Ok(()))));
    assert!(app.text_search_wanted().is_some(), "asked again when done");
    assert_eq!(app.fulltext_count().as_deref(), Some("7 in texts so far"));
    answer(&mut app, &FullText::open(&store, None, |_| {}).unwrap());
    assert_eq!(app.fulltext_count().as_deref(), Some("11 in texts"));
    assert_eq!(app.visible_records().count(), 11);
    assert!(
        app.text_search_wanted().is_none(),
        "a whole answer is final"
    );
    app.update(Message::FullText(FullTextMessage::SoFar));
    assert!(app.text_search_wanted().is_none());
}

#[test]
fn a_whole_answer_while_indexing_is_not_asked_again() {
    // A search asked while indexing and answered only once the index is done (it
    // waited for the first commit) is whole: no second search.
    let store = altay_store(6);
    let mut app = App::new(store.clone());
    app.update(Action::Resize(120, 40));
    progress(&mut app, 10);
    full_text_query(&mut app, "altay");
    app.update(Message::FullText(FullTextMessage::Ready(Ok(()))));
    answer(&mut app, &FullText::open(&store, None, |_| {}).unwrap());
    assert_eq!(app.fulltext_count().as_deref(), Some("7 in texts"));
    assert!(app.text_search_wanted().is_none());
}

#[test]
fn the_titles_hint_counts_the_texts_indexed_so_far() {
    let store = altay_store(10);
    let mut app = App::new(store.clone());
    app.update(Action::Resize(120, 40));
    progress(&mut app, 34);
    app.update(Action::OpenFilter);
    for c in "harvest".chars() {
        app.update(Action::FilterType(c));
        run_search(&mut app);
    }
    assert_eq!(app.visible_records().count(), 0, "no title says harvest");
    // Two of the five harvest texts indexed so far.
    answer_so_far(&mut app, &indexed_until(&store, 2), 34);
    assert_eq!(
        app.fulltext_count().as_deref(),
        Some("0 in titles · 2 in texts so far · indexing 34%: Ctrl-f")
    );
    app.update(Message::FullText(FullTextMessage::Ready(Ok(()))));
    answer(&mut app, &FullText::open(&store, None, |_| {}).unwrap());
    assert_eq!(
        app.fulltext_count().as_deref(),
        Some("0 in titles · 5 in texts: Ctrl-f")
    );
}

/// The rows with a snippet line, of those in sight.
fn rows_with_snippets(app: &App, height: u16) -> (usize, usize) {
    let in_sight = usize::from(height) / 2;
    let first = app.records_offset();
    let rows = (first..first + in_sight).filter(|&row| row < app.visible_records().count());
    let with = rows.clone().filter(|&row| app.snippet_line(row).is_some());
    (with.count(), rows.count())
}

#[test]
fn rows_scrolled_into_sight_get_their_snippets_from_the_worker() {
    let store = altay_store(80);
    let fulltext = FullText::open(&store, None, |_| {}).unwrap();
    let mut app = App::new(store.clone());
    app.update(Action::Resize(80, 24));
    progress(&mut app, 100);
    app.update(Message::FullText(FullTextMessage::Ready(Ok(()))));
    full_text_query(&mut app, "altay");
    answer(&mut app, &fulltext);
    app.update(Action::FilterAccept);
    assert_eq!(app.visible_records().count(), 81);
    // The first screens came with their snippets: nothing more is asked.
    assert!(app.text_snippets_wanted().is_none());
    assert!(app.snippet_line(0).is_some());
    // G: the last rows are in sight, without snippets until the worker cuts them.
    app.update(Action::Bottom);
    let (with, in_sight) = rows_with_snippets(&app, 24);
    assert_eq!(with, 0, "not cut yet");
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("Report"), "drawn without them: {screen}");
    let request = app
        .text_snippets_wanted()
        .expect("the rows in sight asked for");
    assert!(request.ranks().len() >= in_sight, "{:?}", request.ranks());
    // The worker answers: every row in sight has its line, nothing more is asked.
    app.update(request.run(&fulltext, &store));
    let (with, in_sight) = rows_with_snippets(&app, 24);
    assert_eq!(with, in_sight);
    assert!(app.text_snippets_wanted().is_none());
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("rebels in the Altay"), "{screen}");
    // An answer for an earlier search's rows is dropped: a new query lists anew.
    app.update(Action::OpenFilter);
    for _ in 0.."altay".len() {
        app.update(Action::FilterBackspace);
    }
    for c in "rebels".chars() {
        app.update(Action::FilterType(c));
    }
    answer(&mut app, &fulltext);
    app.update(Action::FilterAccept);
    app.update(Action::Bottom);
    app.update(request.run(&fulltext, &store));
    assert_eq!(rows_with_snippets(&app, 24).0, 0, "the old rows' snippets");
    assert!(app.text_snippets_wanted().is_some());
}

#[test]
fn paging_down_asks_for_the_next_rows_only_once() {
    let store = altay_store(80);
    let fulltext = FullText::open(&store, None, |_| {}).unwrap();
    let mut app = App::new(store.clone());
    app.update(Action::Resize(120, 40));
    app.update(Message::FullText(FullTextMessage::Ready(Ok(()))));
    full_text_query(&mut app, "altay");
    answer(&mut app, &fulltext);
    app.update(Action::FilterAccept);
    for _ in 0..3 {
        app.update(Action::PageDown);
    }
    let first = app
        .text_snippets_wanted()
        .expect("rows below the first screens");
    // Asked, not answered yet: the same request (the worker is handed it once).
    assert_eq!(app.text_snippets_wanted().as_ref(), Some(&first));
    app.update(first.run(&fulltext, &store));
    let (with, in_sight) = rows_with_snippets(&app, 40);
    assert_eq!(with, in_sight);
}

#[test]
fn partial_line_80x24() {
    let store = altay_store(10);
    let mut app = App::new(store.clone());
    app.update(Action::Resize(80, 24));
    progress(&mut app, 34);
    full_text_query(&mut app, "altay");
    answer_so_far(&mut app, &indexed_until(&store, 4), 34);
    insta::assert_snapshot!(render_to_string(&mut app, 80, 24));
}
