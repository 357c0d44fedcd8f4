//! Reading across documents in the reading room: links and backlinks with Enter
//! following and the jump list, archival neighbours, the indexes and the timeline
//! views, names in the summary. Update tests on message sequences over a made-up
//! store, and one snapshot per view at 80x24 and 160x45.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rules)

mod tui_support;

use std::sync::Arc;

use carrel::store::edtf::Edtf;
use carrel::store::schema::{
    Locator, NamedEntity, Provenance, RecordDate, Related, Repository, Text, TextRole,
};
use carrel::store::{Archive, Record, Store};
use carrel::tui::across_views::AcrossView;
use carrel::tui::{Action, App, Message, Pane};
use carrel::ui::render_to_string;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_support::send;

fn located(repository: &str, fond: &str, opis: &str, delo: &str, folios: &str) -> Provenance {
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Provenance {
        citation: format!("{repository}, f. {fond}, op. {opis}, d. {delo}"),
        repository: Some(Arc::new(Repository {
            abbr: Some(repository.to_string()),
            ..Repository::default()
        })),
        locator: Some(Locator::FondOpisDelo {
            fond: some(fond),
            opis: some(opis),
            delo: some(delo),
            folios: some(folios),
        }),
        ..Provenance::default()
    }
}

fn person(name: &str, alt: &[&str]) -> Arc<NamedEntity> {
    Arc::new(NamedEntity {
        name: name.to_string(),
        role: None,
        alt: alt.iter().map(|s| s.to_string()).collect(),
    })
}

fn record(id: &str, title: &str, date: Option<&str>) -> Record {
    Record {
        id: id.to_string(),
        title: title.to_string(),
        date: date.map(|d| RecordDate::new(Some(Edtf::parse(d).unwrap()), Some(d.to_string()))),
        ..Record::default()
    }
}

fn links(to: &[(&str, &str)]) -> Vec<Related> {
    to.iter()
        .map(|(id, rel)| Related {
            id: id.to_string(),
            rel: rel.to_string(),
        })
        .collect()
}

/// Six records: a report with a reply and a note that link to it, held in the same
/// file, opis and fond; a decree of the same fond; a telegram of another archive;
/// an undated memo. Beria is spelt three ways.
fn store() -> Store {
    let body: String = (1..=40)
        .map(|i| format!("Paragraph {i} of the report."))
        .collect::<Vec<_>>()
        .join("\n\n");
    let report = Record {
        summary: Some("Beria reports on the rebels in Altai.".to_string()),
        people: vec![person("Lavrentiy Beria", &["L. Beria"])],
        places: vec![person("Altai", &[])],
        subjects: vec!["Xinjiang".to_string()],
        texts: vec![Text {
            lang: "en".to_string(),
            role: TextRole::Translation,
            translators: vec![],
            body,
        }],
        provenance: Some(Box::new(located("GARF", "9401s", "2", "10004", "62-63"))),
        ..record("report", "Beria to Molotov on Altai", Some("1945-10-05"))
    };
    let reply = Record {
        people: vec![person("L. Beria", &["Beria"])],
        related: links(&[("report", "replies-to"), ("missing", "cites")]),
        provenance: Some(Box::new(located("GARF", "9401s", "2", "10004", "70"))),
        ..record("reply", "Molotov replies to Beria", Some("1945-10-20"))
    };
    let note = Record {
        people: vec![person("Vyacheslav Molotov", &[])],
        related: links(&[("report", "encloses")]),
        provenance: Some(Box::new(located("GARF", "9401s", "2", "99", ""))),
        ..record("note", "A covering note", Some("1944-03-01"))
    };
    let decree = Record {
        subjects: vec!["Xinjiang".to_string()],
        provenance: Some(Box::new(located("GARF", "9401s", "1", "5", ""))),
        ..record("decree", "Politburo decree on Xinjiang", Some("1935-03-19"))
    };
    let telegram = Record {
        people: vec![person("Beria", &["Lavrentiy Beria"])],
        provenance: Some(Box::new(located("RGASPI", "17", "162", "38", ""))),
        ..record("telegram", "Telegram to Urumqi", Some("1946-01-02"))
    };
    let memo = Record {
        related: links(&[("reply", "comments-on")]),
        ..record("memo", "An undated memo", None)
    };
    Store::new(
        Archive::default(),
        vec![],
        vec![report, reply, note, decree, telegram, memo],
    )
}

fn app(width: u16, height: u16) -> App {
    let mut app = App::new(store());
    app.update(Action::Resize(width, height));
    app
}

/// What the event loop has the across thread do, done here at once.
fn build_across(app: &mut App) {
    assert!(app.across_wanted());
    let built = app.across_request().run();
    app.update(built);
    assert!(!app.across_wanted(), "built once");
}

/// What the event loop has the index thread do for a view that waits, done here
/// at once.
fn answer_indexes(app: &mut App) {
    for _ in 0..3 {
        let Some(request) = app.index_request() else {
            return;
        };
        app.update(request.run());
    }
    panic!("the view still waits");
}

/// A message, and the index thread's answers it calls for.
fn ask(app: &mut App, message: Message) {
    app.update(message);
    answer_indexes(app);
}

fn key(c: char) -> Message {
    Message::Terminal(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

fn ctrl(c: char) -> Message {
    Message::Terminal(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
}

fn tab() -> Message {
    Message::Terminal(Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)))
}

fn enter() -> Message {
    Message::Terminal(Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )))
}

fn shown(app: &App) -> &str {
    app.shown_record().map_or("", |r| r.id.as_str())
}

/// Selects a record in the list and opens it.
fn open(app: &mut App, id: &str) {
    if app.focus().is_document() {
        app.update(Action::Back);
    }
    assert_eq!(app.focus(), Pane::Records);
    send(app, &[Action::Top]);
    while app.selected_record().map(|r| r.id.as_str()) != Some(id) {
        let before = app.selected_row();
        app.update(Action::Down);
        assert_ne!(app.selected_row(), before, "{id} is not in the list");
    }
    app.update(Action::Open);
    assert_eq!(shown(app), id);
}

/// The view's lines, as text.
fn view_lines(app: &App) -> Vec<String> {
    match app.across_view() {
        Some(AcrossView::List(list)) => list.items.iter().map(|i| i.line.text()).collect(),
        _ => panic!("no list view open"),
    }
}

fn selected_line(app: &App) -> String {
    match app.across_view() {
        Some(AcrossView::List(list)) => list.items[list.selected].line.text(),
        _ => panic!("no list view open"),
    }
}

/// Moves the selection down until its line holds `text`.
fn select_line(app: &mut App, text: &str) {
    for _ in 0..50 {
        if selected_line(app).contains(text) {
            return;
        }
        app.update(Action::Down);
    }
    panic!("no line with {text}: {:?}", view_lines(app));
}

fn listed(app: &App) -> Vec<String> {
    app.visible_records().map(|r| r.id.clone()).collect()
}

#[test]
fn links_and_backlinks_follow_and_come_back_with_the_jump_list() {
    let mut app = app(120, 40);
    open(&mut app, "reply");
    app.update(key('L'));
    let lines = view_lines(&app);
    assert!(lines.contains(&"Links (2)".to_string()), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("replies-to → 1945-10-05 Beria to Molotov"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("missing (not in this store)"))
    );
    assert!(
        lines.iter().any(|l| l.contains("Gathering")),
        "backlinks are not built yet: {lines:?}"
    );
    build_across(&mut app);
    let lines = view_lines(&app);
    assert!(lines.contains(&"Backlinks (1)".to_string()), "{lines:?}");
    app.update(Action::Back);
    let screen = render_to_string(&mut app, 120, 40);
    assert!(
        screen.contains("· reply · 2 links, 1 backlink (L)"),
        "{screen}"
    );
    app.update(key('L'));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("comments-on ← undated An undated memo"))
    );

    // Follow the link to the report, scroll its text, follow its backlink to the note.
    assert!(selected_line(&app).contains("replies-to"));
    app.update(enter());
    assert_eq!(shown(&app), "report");
    assert!(app.across_view().is_none());
    assert!(app.focus().is_document());
    app.update(Action::Show(Pane::FullText));
    send(&mut app, &[Action::Down, Action::Down, Action::Down]);
    assert_eq!(app.text_top_line(), 3);
    app.update(key('L'));
    let lines = view_lines(&app);
    assert!(lines.contains(&"Links (0)".to_string()), "{lines:?}");
    assert!(lines.contains(&"Backlinks (2)".to_string()), "{lines:?}");
    select_line(&mut app, "encloses");
    app.update(enter());
    assert_eq!(shown(&app), "note");
    assert_eq!(app.jumps(), (2, 0));

    // Ctrl-o: back to the report, scrolled as it was; again: the reply.
    app.update(ctrl('o'));
    assert_eq!(shown(&app), "report");
    assert_eq!(app.text_top_line(), 3, "the scroll position comes back too");
    app.update(ctrl('o'));
    assert_eq!(shown(&app), "reply");
    app.update(ctrl('o'));
    assert_eq!(shown(&app), "reply", "nothing further back");
    // Ctrl-n: forward again.
    app.update(ctrl('n'));
    assert_eq!(shown(&app), "report");
    assert_eq!(app.text_top_line(), 3);
    app.update(ctrl('n'));
    assert_eq!(shown(&app), "note");
    assert_eq!(app.jumps(), (2, 0));
}

#[test]
fn following_a_link_out_of_a_narrowed_list_lists_all_records() {
    let mut app = app(120, 40);
    build_across(&mut app);
    app.update(Action::OpenFilter);
    tui_support::type_text(&mut app, "memo");
    app.update(Action::FilterAccept);
    assert_eq!(listed(&app), vec!["memo"]);
    app.update(Action::Open);
    app.update(key('L'));
    app.update(enter());
    assert_eq!(shown(&app), "reply");
    assert_eq!(app.filter().query, "");
    assert_eq!(listed(&app).len(), 6);
}

#[test]
fn neighbours_nearest_first_and_enter_opens_one() {
    let mut app = app(120, 40);
    build_across(&mut app);
    open(&mut app, "report");
    app.update(key('a'));
    let lines = view_lines(&app);
    assert_eq!(
        lines,
        vec![
            "1 more in GARF f. 9401s op. 2 d. 10004",
            "  1945-10-20 Molotov replies to Beria",
            "",
            "1 more in GARF f. 9401s op. 2",
            "  1944-03-01 A covering note",
            "",
            "1 more in GARF f. 9401s",
            "  1935-03-19 Politburo decree on Xinjiang",
        ]
    );
    assert!(selected_line(&app).contains("Molotov replies"));
    send(&mut app, &[Action::Down]);
    assert!(
        selected_line(&app).contains("covering note"),
        "headings are passed over"
    );
    let wheel = |down| Action::Wheel {
        column: 10,
        row: 10,
        down,
    };
    send(&mut app, &[wheel(true)]);
    assert!(
        selected_line(&app).contains("Politburo decree"),
        "the wheel moves too"
    );
    send(&mut app, &[wheel(false)]);
    assert!(selected_line(&app).contains("covering note"));
    send(&mut app, &[Action::Bottom]);
    app.update(enter());
    assert_eq!(shown(&app), "decree");
    app.update(ctrl('o'));
    assert_eq!(shown(&app), "report");

    // A record held nowhere says so; Esc closes the view.
    open(&mut app, "memo");
    app.update(key('a'));
    assert_eq!(
        view_lines(&app),
        vec!["This record says nothing of where it is held."]
    );
    app.update(Message::Terminal(Event::Key(KeyEvent::new(
        KeyCode::Esc,
        KeyModifiers::NONE,
    ))));
    assert!(app.across_view().is_none());
    assert_eq!(shown(&app), "memo");
}

#[test]
fn indexes_count_merged_spellings_and_enter_narrows_the_list() {
    let mut app = app(120, 40);
    ask(&mut app, key('I'));
    let lines = view_lines(&app);
    assert_eq!(lines[0], "People (2)");
    assert_eq!(lines[1], "      3 Lavrentiy Beria (also L. Beria, Beria)");
    assert_eq!(lines[2], "      1 Vyacheslav Molotov");
    assert!(lines.contains(&"Subjects (1)".to_string()));
    assert!(lines.contains(&"      2 Xinjiang".to_string()));
    assert!(lines.contains(&"Archives (2)".to_string()));
    assert!(lines.contains(&"      4 GARF".to_string()), "{lines:?}");
    app.update(enter());
    assert_eq!(app.filter().query, "person:\"Lavrentiy Beria\"");
    assert!(app.across_view().is_none());
    assert_eq!(app.focus(), Pane::Records);
    tui_support::run_search(&mut app);
    assert_eq!(listed(&app), vec!["report", "reply", "telegram"]);
    assert!(!app.filter_scopes_unapplied());

    // The index of the narrowed list, narrowed again.
    ask(&mut app, key('I'));
    select_line(&mut app, "GARF");
    assert!(selected_line(&app).contains("2 GARF"));
    app.update(enter());
    assert_eq!(
        app.filter().query,
        "person:\"Lavrentiy Beria\" archive:\"GARF\""
    );
    tui_support::run_search(&mut app);
    assert_eq!(listed(&app), vec!["report", "reply"]);
}

#[test]
fn timeline_counts_years_and_undated_and_narrows_by_a_bar_or_a_span() {
    let mut app = app(120, 40);
    ask(&mut app, key('T'));
    let Some(AcrossView::Timeline(chart)) = app.across_view() else {
        panic!("no timeline");
    };
    assert_eq!(
        chart.timeline.buckets.len(),
        12,
        "1935 to 1946, empty years too"
    );
    assert_eq!(chart.timeline.dated(), 5);
    assert_eq!(chart.timeline.undated, 1, "the undated memo is counted");
    assert_eq!(
        chart.timeline.buckets[chart.selected].from, 1945,
        "the busiest"
    );
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("5 dated, 1935–1946 · 1 undated record (not in the chart)"));
    assert!(screen.contains("1945: 2 records"));

    app.update(enter());
    assert_eq!(app.filter().query, "date:1945");
    tui_support::run_search(&mut app);
    assert_eq!(listed(&app), vec!["report", "reply"]);

    // Esc clears the filter; a span: from 1944 (h), v, two bars right.
    app.update(Action::Back);
    assert_eq!(listed(&app).len(), 6);
    ask(&mut app, key('T'));
    app.update(key('h'));
    app.update(key('v'));
    app.update(key('l'));
    app.update(key('l'));
    let screen = render_to_string(&mut app, 120, 40);
    assert!(screen.contains("1944–1946: 4 records"), "{screen}");
    app.update(enter());
    assert_eq!(app.filter().query, "date:1944..1946");
    tui_support::run_search(&mut app);
    assert_eq!(listed(&app), vec!["note", "report", "reply", "telegram"]);
}

#[test]
fn enter_on_a_name_in_the_summary_lists_every_record_naming_it() {
    let mut app = app(120, 40);
    open(&mut app, "report");
    app.update(Action::Show(Pane::Summary));
    ask(&mut app, enter());
    let lines = view_lines(&app);
    assert_eq!(
        lines,
        vec![
            "People",
            "      3 Lavrentiy Beria",
            "",
            "Places",
            "      1 Altai",
            "",
            "Subjects",
            "      2 Xinjiang",
        ]
    );
    app.update(enter());
    tui_support::run_search(&mut app);
    assert_eq!(listed(&app), vec!["report", "reply", "telegram"]);
}

fn snapshot(app: &mut App, name: &str) {
    for (w, h) in [(80, 24), (160, 45)] {
        let screen = render_to_string(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

#[test]
fn snapshots_of_each_view() {
    let mut app = app(80, 24);
    build_across(&mut app);
    open(&mut app, "report");
    app.update(key('L'));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("Backlinks (2)"));
    assert!(screen.contains("replies-to ← 1945-10-20 Molotov replies to Beria"));
    snapshot(&mut app, "links");

    app.update(Action::Back);
    app.update(key('a'));
    assert!(render_to_string(&mut app, 80, 24).contains("1 more in GARF f. 9401s op. 2 d. 10004"));
    snapshot(&mut app, "neighbours");

    app.update(Action::Back);
    ask(&mut app, key('I'));
    assert!(
        render_to_string(&mut app, 80, 24).contains("3 Lavrentiy Beria (also L. Beria, Beria)")
    );
    snapshot(&mut app, "indexes");

    app.update(Action::Back);
    ask(&mut app, key('T'));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("1 undated record"), "{screen}");
    snapshot(&mut app, "timeline");
}

/// A record with a Russian original and its English translation (made up: the
/// sample has no public-domain original), paragraph for paragraph, and one whose
/// translation has a paragraph fewer.
fn bilingual_store() -> Store {
    let text = |lang: &str, role: TextRole, word: &str, count: usize| Text {
        lang: lang.to_string(),
        role,
        translators: if role == TextRole::Translation {
            vec!["A. Translator".to_string()]
        } else {
            vec![]
        },
        body: (1..=count)
            .map(|i| format!("{word} {i}. {}", "слово word ".repeat(i % 3 * 4 + 2).trim()))
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    let paired = Record {
        texts: vec![
            text("ru", TextRole::Original, "Абзац", 12),
            text("en", TextRole::Translation, "Paragraph", 12),
        ],
        ..record("paired", "A decree and its translation", Some("1944-01-01"))
    };
    let uneven = Record {
        related: links(&[("paired", "answers")]),
        texts: vec![
            text("ru", TextRole::Original, "Абзац", 5),
            text("en", TextRole::Translation, "Paragraph", 4),
        ],
        ..record(
            "uneven",
            "A letter, one paragraph untranslated",
            Some("1945-01-01"),
        )
    };
    Store::new(Archive::default(), vec![], vec![paired, uneven])
}

fn bilingual(width: u16, height: u16) -> App {
    let mut app = App::new(bilingual_store());
    app.update(Action::Resize(width, height));
    app
}

/// The screen row on which `text` first appears, and its column.
fn find(screen: &str, text: &str) -> Option<(usize, usize)> {
    screen
        .lines()
        .enumerate()
        .find_map(|(row, line)| line.find(text).map(|at| (row, line[..at].chars().count())))
}

#[test]
fn parallel_texts_pair_paragraphs_and_scroll_together() {
    let mut app = bilingual(160, 45);
    open(&mut app, "paired");
    app.update(Action::Show(Pane::FullText));
    app.update(key('p'));
    let (layout, _, top) = app.parallel().expect("parallel on");
    assert!(layout.paired());
    assert_eq!(top, 0);
    let screen = render_to_string(&mut app, 160, 45);
    assert!(screen.contains("Russian original"), "{screen}");
    assert!(screen.contains("English translation"));
    // The provenance says which texts are shown, their languages, who translated.
    assert!(screen.contains("Shown left: Russian"), "{screen}");
    assert!(screen.contains("Shown right: English"), "{screen}");
    assert!(
        screen.contains("translation (en) by A."),
        "the provenance says who translated"
    );
    // Paragraph beside paragraph: each pair starts on one row.
    for i in [1, 2, 3, 4] {
        let (ru, ru_col) = find(&screen, &format!("Абзац {i}.")).unwrap();
        let (en, en_col) = find(&screen, &format!("Paragraph {i}.")).unwrap();
        assert_eq!(ru, en, "paragraph {i} side by side");
        assert!(en_col > ru_col + 20);
    }
    // Scrolling moves both: paragraph 3 still shares a row once scrolled.
    send(&mut app, &[Action::Down, Action::Down, Action::Down]);
    assert_eq!(app.parallel().unwrap().2, 3);
    let screen = render_to_string(&mut app, 160, 45);
    let (ru, _) = find(&screen, "Абзац 3.").unwrap();
    let (en, _) = find(&screen, "Paragraph 3.").unwrap();
    assert_eq!(ru, en);
    assert!(find(&screen, "Абзац 1.").is_none(), "scrolled past");
    assert!(find(&screen, "Paragraph 1.").is_none(), "scrolled past too");
    // p again: the translation alone, as before.
    app.update(key('p'));
    assert!(app.parallel().is_none());
    let screen = render_to_string(&mut app, 160, 45);
    assert!(!screen.contains("Russian original"));
    assert!(!screen.contains("Shown left"), "the one text shown again");
    assert!(screen.contains("Text shown: English"), "{screen}");
}

#[test]
fn parallel_texts_one_at_a_time_at_80_columns() {
    let mut app = bilingual(80, 24);
    open(&mut app, "paired");
    app.update(Action::Show(Pane::FullText));
    app.update(key('p'));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(
        screen.contains("Russian original  (P the other)"),
        "{screen}"
    );
    assert!(!screen.contains("Paragraph 1."));
    // Down to paragraph 4's row, then P: the translation at paragraph 4.
    while !render_to_string(&mut app, 80, 24)
        .lines()
        .nth(find(&screen, "Абзац 1.").unwrap().0)
        .unwrap()
        .contains("Абзац 4.")
    {
        app.update(Action::Down);
    }
    app.update(key('P'));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(screen.contains("English translation, tr. A. Translator"));
    let (row, _) = find(&screen, "Paragraph 4.").unwrap();
    assert!(find(&screen, "Paragraph 3.").is_none(), "{screen}");
    assert!(row < 8, "paragraph 4 at the top: {screen}");
}

#[test]
fn parallel_texts_with_differing_counts_say_so_and_scroll_in_proportion() {
    let mut app = bilingual(160, 45);
    open(&mut app, "uneven");
    app.update(Action::Show(Pane::FullText));
    app.update(key('p'));
    let (layout, _, _) = app.parallel().unwrap();
    assert!(!layout.paired());
    assert_eq!(layout.paragraphs, (5, 4));
    let rows = layout.rows();
    let screen = render_to_string(&mut app, 160, 45);
    assert!(screen.contains("5 paragraphs in the original, 4 in the translation"));
    let (layout, _, _) = app.parallel().unwrap();
    let half = rows / 2;
    let translation_at = layout.top_of(carrel::tui::parallel::Side::Translation, half);
    assert_eq!(translation_at, half * layout.translation.len() / rows);
}

#[test]
fn snapshots_of_parallel_texts() {
    let mut app = bilingual(80, 24);
    open(&mut app, "paired");
    app.update(Action::Show(Pane::FullText));
    app.update(key('p'));
    snapshot(&mut app, "parallel");
}

#[test]
fn parallel_texts_of_a_store_read_lazily_are_read_back_off_the_ui_thread() {
    let dir = tempfile::tempdir().unwrap();
    let store = bilingual_store();
    let root = dir.path().join("store");
    std::fs::create_dir_all(root.join("records")).unwrap();
    let archive = Archive {
        schema_version: 1,
        ..store.archive.clone()
    };
    std::fs::write(
        root.join("archive.json"),
        serde_json::to_string(&archive).unwrap(),
    )
    .unwrap();
    std::fs::write(root.join("collections.json"), "[]").unwrap();
    let lines: Vec<String> = store
        .records
        .iter()
        .map(|r| serde_json::to_string(r).unwrap())
        .collect();
    std::fs::write(root.join("records/part-0001.jsonl"), lines.join("\n")).unwrap();
    let loaded = carrel::store::load_path_lazy(&root).unwrap();
    assert!(
        loaded.store.records[0].texts[0].body.is_empty(),
        "bodies left on disk"
    );
    let mut app = App::from_library(carrel::tui::Library::new(loaded));
    app.update(Action::Resize(160, 45));
    open(&mut app, "paired");
    app.update(key('p'));
    assert!(app.parallel().is_none(), "not read yet");
    let request = app.parallel_request().expect("both texts wanted");
    app.update(request.read());
    assert_eq!(app.parallel_wanted(), None, "read once");
    let (layout, _, _) = app.parallel().expect("laid out once read");
    assert_eq!(layout.paragraphs, (12, 12));
    let screen = render_to_string(&mut app, 160, 45);
    assert_eq!(
        find(&screen, "Абзац 2.").unwrap().0,
        find(&screen, "Paragraph 2.").unwrap().0
    );
}

/// Once the across thread has built the store's indexes, a list's index is narrowed
/// from them instead of gathered on the UI thread: the same entries and counts as
/// gathering them, for the whole list and for a narrowed one.
#[test]
fn indexes_narrowed_from_the_built_store_index_are_those_gathered_anew() {
    let mut gathered = app(120, 40);
    let mut narrowed = app(120, 40);
    build_across(&mut narrowed);
    for app in [&mut gathered, &mut narrowed] {
        ask(app, key('I'));
    }
    assert_eq!(view_lines(&gathered), view_lines(&narrowed));
    for app in [&mut gathered, &mut narrowed] {
        app.update(enter());
        tui_support::run_search(app);
        ask(app, key('I'));
    }
    let lines = view_lines(&narrowed);
    assert!(lines.contains(&"      2 GARF".to_string()), "{lines:?}");
    assert_eq!(view_lines(&gathered), lines);
}

/// The stop under the summary's cursor, as the summary's lines say it.
fn cursor_text(app: &App) -> String {
    let stop = app.summary_cursor().expect("a cursor in the summary");
    let lines = app.summary_view().expect("the summary shown");
    stop.marks
        .iter()
        .map(|(line, range)| lines[*line].text()[range.clone()].to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

fn summary_text(app: &App) -> Vec<String> {
    app.summary_view()
        .expect("the summary shown")
        .iter()
        .map(|l| l.text())
        .collect()
}

#[test]
fn the_summary_lists_links_and_backlinks_and_tab_then_enter_follows_one() {
    let mut app = app(120, 40);
    open(&mut app, "reply");
    app.update(Action::Show(Pane::Summary));
    // Before the store's backlinks are gathered: the links out only.
    // (The pane is narrow at 120 columns: its lines joined again.)
    let lines = summary_text(&app);
    let said = lines.join(" ");
    assert!(lines.contains(&"Links".to_string()), "{lines:?}");
    assert!(said.contains("replies-to → Beria to Molotov on Altai (1945-10-05)"));
    assert!(said.contains("cites → missing (not in this store)"));
    assert!(!said.contains('←'));
    build_across(&mut app);
    let said = summary_text(&app).join(" ");
    assert!(
        said.contains("← comments-on An undated memo (undated)"),
        "{said}"
    );

    // Tab: the name first, then the links (the one not held is passed over).
    assert!(app.summary_cursor().is_none());
    app.update(tab());
    assert_eq!(cursor_text(&app), "L. Beria (also Beria)");
    app.update(tab());
    assert_eq!(
        cursor_text(&app),
        "replies-to → Beria to Molotov on Altai (1945-10-05)"
    );
    app.update(tab());
    assert_eq!(cursor_text(&app), "← comments-on An undated memo (undated)");
    // Shift-Tab back, then Enter follows the link and leaves a mark.
    app.update(Message::Terminal(Event::Key(KeyEvent::new(
        KeyCode::BackTab,
        KeyModifiers::SHIFT,
    ))));
    assert!(cursor_text(&app).starts_with("replies-to"));
    app.update(enter());
    assert_eq!(shown(&app), "report");
    assert_eq!(app.jumps(), (1, 0));
    assert!(app.summary_cursor().is_none(), "a new record, no cursor");
    app.update(ctrl('o'));
    assert_eq!(shown(&app), "reply");

    // Past the last stop Tab goes on to the next pane, as it does elsewhere.
    app.update(Action::Show(Pane::Summary));
    for _ in 0..3 {
        app.update(tab());
    }
    assert_eq!(app.focus(), Pane::Summary);
    app.update(tab());
    assert_eq!(app.focus(), Pane::Collections);
    assert!(app.summary_cursor().is_none());

    // The L view is still there.
    app.update(key('L'));
    assert!(view_lines(&app).contains(&"Backlinks (1)".to_string()));

    // The help says so, from the keymap.
    let help: Vec<String> = app.help_view().iter().map(|l| l.text()).collect();
    let summary = help.iter().position(|l| l == "In the summary").unwrap();
    assert!(
        help[summary + 1..]
            .iter()
            .take(3)
            .any(|l| l.contains("Tab") && l.contains("the next name or link")),
        "{help:?}"
    );
}

#[test]
fn enter_on_one_name_narrows_to_every_record_naming_it_building_the_index_first() {
    let mut app = app(120, 40);
    build_across(&mut app);
    assert!(
        app.index_request().is_none(),
        "nothing is built before a reader asks"
    );
    open(&mut app, "report");
    app.update(Action::Show(Pane::Summary));
    app.update(tab());
    assert_eq!(cursor_text(&app), "Lavrentiy Beria (also L. Beria)");
    app.update(enter());
    assert_eq!(
        view_lines(&app),
        vec!["Building the index of people, places and subjects…"]
    );
    let request = app
        .index_request()
        .expect("the whole store's indexes asked for");
    app.update(request.run());
    assert!(app.across_view().is_none());
    assert_eq!(app.filter().query, "person:\"Lavrentiy Beria\"");
    tui_support::run_search(&mut app);
    assert_eq!(listed(&app), vec!["report", "reply", "telegram"]);
    assert!(app.index_request().is_none());

    // Built once: a subject narrows at once.
    app.update(Action::Back);
    open(&mut app, "decree");
    app.update(Action::Show(Pane::Summary));
    app.update(tab());
    assert_eq!(cursor_text(&app), "Xinjiang");
    app.update(enter());
    assert_eq!(app.filter().query, "subject:\"Xinjiang\"");
    tui_support::run_search(&mut app);
    assert_eq!(listed(&app), vec!["decree", "report"]);
}

#[test]
fn a_click_puts_the_summary_cursor_on_the_name_under_it() {
    let mut app = app(160, 45);
    open(&mut app, "report");
    let screen = render_to_string(&mut app, 160, 45);
    let (row, column) = find(&screen, "Altai").expect("the place in the summary");
    // "Beria reports on the rebels in Altai." comes first: the place is the later one.
    let (row, column) = screen
        .lines()
        .enumerate()
        .skip(row + 1)
        .find_map(|(r, line)| line.find("Places: Altai").map(|c| (r, c)))
        .map_or((row, column), |(r, c)| {
            (
                r,
                screen.lines().nth(r).unwrap()[..c].chars().count() + "Places: ".len(),
            )
        });
    app.update(Action::Click {
        column: column as u16,
        row: row as u16,
    });
    assert_eq!(app.focus(), Pane::Summary);
    assert_eq!(cursor_text(&app), "Altai");
}

#[test]
fn an_idle_room_asks_the_index_thread_for_nothing_and_a_closed_view_stops_asking() {
    let mut app = app(120, 40);
    build_across(&mut app);
    assert!(app.index_request().is_none());
    app.update(key('I'));
    assert_eq!(
        view_lines(&app),
        vec!["Building the index of people, places and subjects…"]
    );
    assert!(app.index_request().is_some());
    app.update(Action::Back);
    assert!(app.index_request().is_none(), "no view waits");
    app.update(key('T'));
    assert_eq!(view_lines(&app), vec!["Counting the list's dates…"]);
    answer_indexes(&mut app);
    assert!(matches!(app.across_view(), Some(AcrossView::Timeline(_))));
    // Opened again over the same list: kept, nothing asked.
    app.update(Action::Back);
    app.update(key('T'));
    assert!(app.index_request().is_none());
    assert!(matches!(app.across_view(), Some(AcrossView::Timeline(_))));
}

#[test]
fn a_click_selects_a_row_or_a_bar_and_a_second_click_opens_it() {
    let mut app = app(120, 40);
    build_across(&mut app);
    open(&mut app, "report");
    app.update(key('L'));
    let rows = view_lines(&app);
    let at = rows.iter().position(|l| l.contains("encloses ←")).unwrap();
    // The view's rows start below its top border.
    let click = Action::Click {
        column: 10,
        row: 1 + at as u16,
    };
    app.update(click);
    assert!(selected_line(&app).contains("encloses ← 1944-03-01 A covering note"));
    assert_eq!(shown(&app), "report", "one click selects");
    app.update(click);
    assert_eq!(shown(&app), "note", "a second opens");
    // A click on a heading selects nothing.
    app.update(ctrl('o'));
    app.update(key('L'));
    let before = selected_line(&app);
    app.update(Action::Click { column: 10, row: 1 });
    assert_eq!(selected_line(&app), before);
    app.update(Action::Back);

    // The timeline: 12 bars over 118 columns, 6 wide with a gap, from the left.
    app.update(Action::Back);
    ask(&mut app, key('T'));
    let bar = |i: u16| Action::Click {
        column: 1 + i * 7 + 2,
        row: 10,
    };
    app.update(bar(0));
    let Some(AcrossView::Timeline(chart)) = app.across_view() else {
        panic!("no timeline");
    };
    assert_eq!(chart.timeline.buckets[chart.selected].from, 1935);
    app.update(bar(0));
    assert_eq!(app.filter().query, "date:1935");
}

#[test]
fn the_jump_list_brings_the_parallel_texts_back_at_their_paragraph() {
    let mut app = bilingual(160, 45);
    build_across(&mut app);
    open(&mut app, "paired");
    app.update(Action::Show(Pane::FullText));
    app.update(key('p'));
    let paragraph_3 = {
        let (layout, _, _) = app.parallel().unwrap();
        (0..layout.rows())
            .find(|&r| layout.original[r].starts_with("Абзац 3."))
            .unwrap()
    };
    while app.parallel().unwrap().2 < paragraph_3 {
        app.update(Action::Down);
    }
    // The backlink from the letter, followed from the summary.
    app.update(Action::Show(Pane::Summary));
    app.update(tab());
    assert!(cursor_text(&app).starts_with("← answers A letter"));
    app.update(enter());
    assert_eq!(shown(&app), "uneven");
    app.update(Action::Show(Pane::FullText));
    app.update(Action::Down);
    app.update(ctrl('o'));
    assert_eq!(shown(&app), "paired");
    let (_, _, top) = app.parallel().expect("parallel texts again");
    assert_eq!(top, paragraph_3, "at the paragraph it was");
    let screen = render_to_string(&mut app, 160, 45);
    let (ru, _) = find(&screen, "Абзац 3.").unwrap();
    let (en, _) = find(&screen, "Paragraph 3.").unwrap();
    assert_eq!(ru, en);
    // And forward again to the letter.
    app.update(ctrl('n'));
    assert_eq!(shown(&app), "uneven");
}

#[test]
fn one_text_at_a_time_the_provenance_says_which_and_what_p_shows() {
    let mut app = bilingual(80, 24);
    open(&mut app, "paired");
    app.update(Action::Show(Pane::FullText));
    app.update(key('p'));
    app.update(key('3'));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(
        screen.contains("Text shown: Russian original (ru)"),
        "{screen}"
    );
    assert!(
        screen.contains("P shows: English translation (en) by A."),
        "{screen}"
    );
    app.update(key('2'));
    app.update(key('P'));
    app.update(key('3'));
    let screen = render_to_string(&mut app, 80, 24);
    assert!(
        screen.contains("Text shown: English translation (en) by A."),
        "{screen}"
    );
    assert!(
        screen.contains("P shows: Russian original (ru)"),
        "{screen}"
    );
}

#[test]
fn snapshots_of_the_summary_with_its_links_and_cursor() {
    let mut app = app(80, 24);
    build_across(&mut app);
    open(&mut app, "reply");
    app.update(Action::Show(Pane::Summary));
    app.update(tab());
    app.update(tab());
    assert!(cursor_text(&app).starts_with("replies-to"));
    // The cursor is drawn in reverse video: marked «so» in the snapshots.
    for (w, h) in [(80, 24), (160, 45)] {
        let buffer = carrel::ui::render_to_buffer(&mut app, w, h);
        insta::assert_snapshot!(
            format!("summary_links_{w}x{h}"),
            with_reversed_marked(&buffer)
        );
    }
}

/// The screen as text, runs of reversed cells (the selection, the cursor) in «».
fn with_reversed_marked(buffer: &ratatui::buffer::Buffer) -> String {
    use ratatui::style::Modifier;
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut inside = false;
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            if reversed != inside {
                out.push(if reversed { '«' } else { '»' });
                inside = reversed;
            }
            out.push_str(cell.symbol());
        }
        if inside {
            out.push('»');
        }
        out.push('\n');
    }
    out
}

/// A list that changes while `I` waits (a search answering late) is the list
/// indexed: the view does not show the indexes of the list it opened over.
#[test]
fn indexes_asked_while_a_search_is_out_are_those_of_the_list_it_leaves() {
    let mut app = app(120, 40);
    app.update(Action::OpenFilter);
    for c in "person:molotov".chars() {
        app.update(Action::FilterType(c));
    }
    app.update(Action::FilterAccept);
    app.update(key('I'));
    let before = app.index_wanted();
    assert!(before.is_some());
    tui_support::run_search(&mut app);
    assert_eq!(listed(&app), vec!["note"]);
    assert_ne!(app.index_wanted(), before, "asked again over the new list");
    answer_indexes(&mut app);
    let lines = view_lines(&app);
    assert_eq!(&lines[..2], ["People (1)", "      1 Vyacheslav Molotov"]);
}
