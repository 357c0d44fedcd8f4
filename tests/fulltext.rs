//! The full-text index: what it finds (every script and spelling, stems, phrases,
//! names' variants, field scopes), the snippets it shows, and how it is kept: reused
//! while the store is unchanged, updated one record file at a time, rebuilt when damaged.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

mod store_support;

use std::fs;
use std::path::{Path, PathBuf};

use carrel::search::fulltext::{FullText, IndexProgress, TextQuery};
use carrel::store::{Record, Store, load_path_lazy};
use serde_json::{Value, json};
use tempfile::TempDir;

fn record(id: &str, title: &str, lang: &str, body: &str) -> Value {
    json!({
        "id": id,
        "title": title,
        "date": {"edtf": id.get(..4).unwrap_or("1945")},
        "texts": [{"lang": lang, "role": "original", "body": body}],
    })
}

/// The store `dir/store` with each `(file name, records)` as a records file.
fn write_store(dir: &Path, files: &[(&str, Vec<Value>)]) -> PathBuf {
    let lines: Vec<(&str, Vec<String>)> = files
        .iter()
        .map(|(name, records)| (*name, records.iter().map(Value::to_string).collect()))
        .collect();
    let files: Vec<(&str, &[String])> = lines.iter().map(|(n, l)| (*n, l.as_slice())).collect();
    store_support::write_store(dir, &files)
}

fn corpus() -> Vec<(&'static str, Vec<Value>)> {
    let mut ospan = record(
        "1945-ospan",
        "Beria to Molotov",
        "en",
        "The rebels of the Altay District are led by Ospan Batyr. He considers himself \
         the khan of Altay and an independent ruler.",
    );
    ospan["people"] = json!([{"name": "Ospan Batyr", "alt": ["Osman Batur"]}]);
    vec![
        (
            "a.jsonl",
            vec![
                ospan,
                record(
                    "1945-beria-ru",
                    "Донесение",
                    "ru",
                    "Товарищу Молотову. Берия сообщает, что Хрущёв прибыл в Урумчи. \
                     Народ требует свободы.",
                ),
                record(
                    "1941-freedoms",
                    "Annual Message",
                    "en",
                    "We look forward to a world founded upon four essential human freedoms. \
                     The first is freedom of speech.",
                ),
            ],
        ),
        (
            "b.jsonl",
            vec![
                record(
                    "1923-ataturk",
                    "Nutuk",
                    "tr",
                    "Atatürk Selanik Şubesi'ne yazdı. Ürümqi şehirleri uzaktır.",
                ),
                record(
                    "1950-khrushchev",
                    "Speech",
                    "en",
                    "Khrushchev and Beria met in Moscow; the freedom of the press was not discussed.",
                ),
                record("1949-beijing", "北京", "zh", "他在北京大学学习。"),
            ],
        ),
    ]
}

struct Fixture {
    _tmp: TempDir,
    store_path: PathBuf,
    index: PathBuf,
}

fn fixture() -> Fixture {
    let tmp = TempDir::new().unwrap();
    let store_path = write_store(tmp.path(), &corpus());
    let index = tmp.path().join("cache").join("ft");
    Fixture {
        _tmp: tmp,
        store_path,
        index,
    }
}

fn open(fixture: &Fixture) -> (Store, FullText) {
    let store = load_path_lazy(&fixture.store_path).unwrap().store;
    let fulltext = FullText::open(&store, Some(&fixture.index), |_| {}).unwrap();
    (store, fulltext)
}

fn found(store: &Store, fulltext: &FullText, query: &str) -> Vec<String> {
    let query = fulltext.query(query).unwrap();
    let hits = fulltext.search(store, &query, None, None).unwrap();
    let mut ids: Vec<String> = hits
        .hits
        .iter()
        .map(|&(r, _)| store.records[r].id.clone())
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_script_and_spelling_finds_the_others() {
    let f = fixture();
    let (store, ft) = open(&f);
    assert_eq!(
        found(&store, &ft, "Берия"),
        vec!["1945-beria-ru", "1950-khrushchev"]
    );
    assert_eq!(found(&store, &ft, "beria"), found(&store, &ft, "Берия"));
    assert_eq!(found(&store, &ft, "Molotov"), vec!["1945-beria-ru"]);
    assert_eq!(
        found(&store, &ft, "Khrushchev"),
        vec!["1945-beria-ru", "1950-khrushchev"]
    );
    assert_eq!(
        found(&store, &ft, "Хрущев"),
        found(&store, &ft, "khrushchev")
    );
    assert_eq!(found(&store, &ft, "Ataturk"), vec!["1923-ataturk"]);
    assert_eq!(found(&store, &ft, "urumqi"), vec!["1923-ataturk"]);
    assert_eq!(found(&store, &ft, "selanik subesi"), vec!["1923-ataturk"]);
    assert_eq!(found(&store, &ft, "北京"), vec!["1949-beijing"]);
    assert_eq!(found(&store, &ft, "北京大学"), vec!["1949-beijing"]);
    assert!(found(&store, &ft, "京北").is_empty());
}

#[test]
fn stems_by_the_texts_language() {
    let f = fixture();
    let (store, ft) = open(&f);
    assert_eq!(
        found(&store, &ft, "freedoms"),
        vec!["1941-freedoms", "1950-khrushchev"]
    );
    assert_eq!(found(&store, &ft, "'freedoms"), vec!["1941-freedoms"]);
    assert_eq!(found(&store, &ft, "свобода"), vec!["1945-beria-ru"]);
    assert_eq!(found(&store, &ft, "şehir"), vec!["1923-ataturk"]);
    assert_eq!(found(&store, &ft, "free*"), found(&store, &ft, "freedoms"));
    assert_eq!(found(&store, &ft, "^essent"), vec!["1941-freedoms"]);
    assert_eq!(found(&store, &ft, "doms$"), vec!["1941-freedoms"]);
}

#[test]
fn phrases_operators_and_scopes() {
    let f = fixture();
    let (store, ft) = open(&f);
    assert_eq!(
        found(&store, &ft, "\"human freedoms\""),
        vec!["1941-freedoms"]
    );
    assert!(
        found(&store, &ft, "\"four freedoms\"").is_empty(),
        "words in between"
    );
    assert!(found(&store, &ft, "\"freedoms human\"").is_empty());
    assert_eq!(found(&store, &ft, "\"khan of altay\""), vec!["1945-ospan"]);
    assert_eq!(
        found(&store, &ft, "freedom !speech"),
        vec!["1950-khrushchev"]
    );
    assert_eq!(
        found(&store, &ft, "speech | press"),
        vec!["1941-freedoms", "1950-khrushchev"]
    );
    assert_eq!(
        found(&store, &ft, "freedom date:1950"),
        vec!["1950-khrushchev"]
    );
    assert_eq!(
        found(&store, &ft, "freedom date:..1945"),
        vec!["1941-freedoms"]
    );
    assert_eq!(
        found(&store, &ft, "beria title:speech"),
        vec!["1950-khrushchev"]
    );
    assert_eq!(
        found(&store, &ft, "person:osman \"khan of altay\""),
        vec!["1945-ospan"]
    );
    assert!(found(&store, &ft, "person:molotov \"khan of altay\"").is_empty());
    assert!(!TextQuery::default().has_words());
}

#[test]
fn a_name_finds_its_other_spellings_and_the_text_spelling_is_highlighted() {
    let f = fixture();
    let (store, ft) = open(&f);
    assert_eq!(found(&store, &ft, "osman batur"), vec!["1945-ospan"]);
    assert_eq!(found(&store, &ft, "\"osman batur\""), vec!["1945-ospan"]);
    let query = ft.query("\"osman batur\"").unwrap();
    let record = store.index_of("1945-ospan").unwrap();
    let snippet = ft.snippet(&store, record, &query, 60).unwrap().unwrap();
    let shown: Vec<&str> = snippet
        .bytes
        .iter()
        .map(|r| &snippet.text[r.clone()])
        .collect();
    assert_eq!(shown, vec!["Ospan Batyr"]);
}

#[test]
fn snippets_count_chars_and_put_the_hit_in_the_middle() {
    let f = fixture();
    let (store, ft) = open(&f);
    let query = ft.query("хрущев").unwrap();
    let record = store.index_of("1945-beria-ru").unwrap();
    let snippet = ft.snippet(&store, record, &query, 40).unwrap().unwrap();
    let chars: Vec<char> = snippet.text.chars().collect();
    assert!(
        chars.len() <= 42,
        "{} is {} chars",
        snippet.text,
        chars.len()
    );
    let hit = snippet.chars[0].clone();
    let word: String = chars[hit.clone()].iter().collect();
    assert_eq!(word, "Хрущёв");
    assert_eq!(&snippet.text[snippet.bytes[0].clone()], "Хрущёв");
    assert!(hit.start.abs_diff(chars.len() / 2) <= 8, "{}", snippet.text);
    // Hit ranges in a whole text, for the reading room: bytes of the original.
    let texts = store.texts(record).unwrap();
    let body = &texts[0].body;
    let hits = query.hits_in(body, "ru");
    assert_eq!(hits.len(), 1);
    assert_eq!(&body[hits[0].clone()], "Хрущёв");
}

#[test]
fn the_index_is_reused_updated_per_file_and_rebuilt_when_damaged() {
    let f = fixture();
    let mut reports: Vec<IndexProgress> = Vec::new();
    let store = load_path_lazy(&f.store_path).unwrap().store;
    let ft = FullText::open(&store, Some(&f.index), |p| reports.push(p)).unwrap();
    assert!(ft.update().rebuilt);
    assert_eq!(ft.update().indexed, 6);
    let last = reports.last().unwrap();
    assert_eq!((last.done, last.total, last.percent()), (6, 6, 100));
    drop(ft);

    // Unchanged: nothing indexed again.
    let (store, ft) = open(&f);
    assert_eq!(ft.update().indexed, 0);
    assert!(!ft.update().rebuilt);
    assert_eq!(ft.update().kept_groups, 2);
    drop(ft);

    // One file changed: only its records are indexed again.
    let mut b = corpus().remove(1).1;
    b.push(record("1952-new", "New", "en", "A telegram about cotton."));
    let lines: Vec<String> = b.iter().map(Value::to_string).collect();
    fs::write(f.store_path.join("records/b.jsonl"), lines.join("\n")).unwrap();
    drop(store);
    let (store, ft) = open(&f);
    assert_eq!(ft.update().indexed, 4);
    assert_eq!(ft.update().kept_groups, 1);
    assert_eq!(found(&store, &ft, "cotton"), vec!["1952-new"]);
    assert_eq!(found(&store, &ft, "khrushchev").len(), 2, "no record twice");
    drop(ft);

    // One file gone: its records are no longer found.
    fs::remove_file(f.store_path.join("records/b.jsonl")).unwrap();
    let (store, ft) = open(&f);
    assert_eq!(ft.update().indexed, 0);
    assert!(found(&store, &ft, "cotton").is_empty());
    assert_eq!(found(&store, &ft, "khrushchev"), vec!["1945-beria-ru"]);
    drop(ft);

    // Damaged: every file of the index overwritten with rubbish.
    for entry in fs::read_dir(&f.index).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            fs::write(&path, b"rubbish").unwrap();
        }
    }
    let (store, ft) = open(&f);
    assert!(ft.update().rebuilt);
    assert_eq!(found(&store, &ft, "khrushchev"), vec!["1945-beria-ru"]);
    drop(ft);

    // Damaged: a segment cut short, the manifest intact.
    for entry in fs::read_dir(&f.index).unwrap() {
        let path = entry.unwrap().path();
        if path
            .extension()
            .is_some_and(|e| e == "idx" || e == "pos" || e == "term")
        {
            let bytes = fs::read(&path).unwrap();
            fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
        }
    }
    let (store, ft) = open(&f);
    assert!(ft.update().rebuilt);
    assert_eq!(found(&store, &ft, "molotov"), vec!["1945-beria-ru"]);
}

#[test]
fn a_store_in_memory_is_indexed_in_memory() {
    let store = carrel::store::sample::load_builtin().store;
    let ft = FullText::open(&store, None, |_| {}).unwrap();
    let query = ft.query("\"khan of altay\"").unwrap();
    let hits = ft.search(&store, &query, None, None).unwrap();
    assert_eq!(hits.total, 1);
    assert_eq!(
        store.records[hits.hits[0].0].id,
        "1945-10-05-beria-to-molotov"
    );
}

struct Synthetic {
    _tmp: TempDir,
    store: Store,
    ft: FullText,
}

/// A synthetic store of 400 records in shards of 200, with its full-text index: made
/// once for the tests that read it (indexing takes seconds in a debug build).
fn synthetic() -> (&'static Store, &'static FullText) {
    static SYNTHETIC: std::sync::OnceLock<Synthetic> = std::sync::OnceLock::new();
    let made = SYNTHETIC.get_or_init(|| {
        let tmp = TempDir::new().unwrap();
        let store_path = tmp.path().join("synth");
        let config = carrel::synth::SynthConfig {
            records: 400,
            seed: 3,
            shard_size: 200,
            ..carrel::synth::SynthConfig::default()
        };
        carrel::synth::generate(&config, &store_path).unwrap();
        let store = load_path_lazy(&store_path).unwrap().store;
        let ft = FullText::open(&store, Some(&tmp.path().join("ft")), |_| {}).unwrap();
        Synthetic {
            _tmp: tmp,
            store,
            ft,
        }
    });
    (&made.store, &made.ft)
}

/// The records whose texts contain `needle` as words (case ignored), by brute force.
fn containing(store: &Store, needle: &str) -> Vec<String> {
    let needle = format!(" {} ", needle.to_lowercase());
    let mut ids: Vec<String> = (0..store.records.len())
        .filter(|&r| {
            store.texts(r).unwrap().iter().any(|t| {
                let spaced: String = t
                    .body
                    .to_lowercase()
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                    .collect();
                format!(
                    " {} ",
                    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
                )
                .contains(&needle)
            })
        })
        .map(|r| store.records[r].id.clone())
        .collect();
    ids.sort();
    ids
}

#[test]
fn phrases_on_a_synthetic_store_find_what_brute_force_finds() {
    let (store, ft) = synthetic();
    for phrase in [
        "according to available information",
        "the khan of Altay",
        "the situation on the border",
        // Two words that are one pair of the index, one a common word, both.
        "khan of",
        "of the",
        "border situation",
    ] {
        let expected = containing(store, phrase);
        assert!(!expected.is_empty(), "{phrase} is in no text");
        assert_eq!(
            found(store, ft, &format!("\"{phrase}\"")),
            expected,
            "{phrase}"
        );
    }
    // The common phrase is common, the rarer one rarer: realistic hit counts.
    let common = containing(store, "according to available information").len();
    let rare = containing(store, "the cipher unit of the consulate").len();
    assert!(common > 3 * rare.max(1), "{common} against {rare}");
}

#[test]
fn field_and_date_scopes_on_a_synthetic_store() {
    let (store, ft) = synthetic();
    let all = found(store, ft, "the");
    let by_year = |year: i32| -> Vec<String> {
        all.iter()
            .filter(|id| {
                let r = store.record(id).unwrap();
                r.edtf()
                    .is_some_and(|d| d.lower().year <= year && d.upper().year >= year)
            })
            .cloned()
            .collect()
    };
    let year = store
        .records
        .iter()
        .find_map(|r| r.edtf())
        .unwrap()
        .lower()
        .year;
    assert_eq!(found(store, ft, &format!("the year:{year}")), by_year(year));
    let lang_ru: Vec<String> = all
        .iter()
        .filter(|id| {
            let r = store.record(id).unwrap();
            r.original_language.as_deref() == Some("ru") || r.texts.iter().any(|t| t.lang == "ru")
        })
        .cloned()
        .collect();
    assert_eq!(found(store, ft, "the lang:ru"), lang_ru);
    // A person's name in the text, in Cyrillic or in any variant, by one spelling.
    let record = store
        .records
        .iter()
        .find(|r| r.texts.iter().any(|t| t.lang == "ru") && !r.people.is_empty())
        .unwrap();
    let person = &record.people[0];
    let surname = person.name.rsplit(' ').next().unwrap();
    let hits = found(store, ft, &format!("person:\"{}\" {surname}", person.name));
    assert!(
        hits.iter().all(|id| store
            .record(id)
            .unwrap()
            .people
            .iter()
            .any(|p| p.name == person.name)),
        "a scope keeps to records naming them"
    );
}

#[test]
fn an_index_folder_that_cannot_be_written_costs_only_time() {
    let f = fixture();
    let blocker = f.store_path.parent().unwrap().join("not-a-folder");
    fs::write(&blocker, b"a file").unwrap();
    let store = load_path_lazy(&f.store_path).unwrap().store;
    let ft = FullText::open(&store, Some(&blocker.join("ft")), |_| {}).unwrap();
    assert_eq!(found(&store, &ft, "molotov"), vec!["1945-beria-ru"]);
}

#[test]
fn the_index_can_be_built_in_one_thread_and_searched_from_another() {
    fn send_and_share<T: Send + Sync>() {}
    send_and_share::<FullText>();
    send_and_share::<TextQuery>();
    let store = carrel::store::sample::load_builtin().store;
    let (sender, receiver) = std::sync::mpsc::channel();
    let built = std::thread::scope(|scope| {
        let builder = scope.spawn(|| {
            FullText::open(&store, None, move |p: IndexProgress| {
                let _ = sender.send(p.percent());
            })
        });
        builder.join().unwrap().unwrap()
    });
    let percents: Vec<u8> = receiver.iter().collect();
    assert_eq!(percents.first(), Some(&0));
    assert_eq!(percents.last(), Some(&100));
    assert_eq!(found(&store, &built, "altay").len(), 1);
}

/// Asks for what is indexed so far once, after the first batch, and searches it.
struct AskOnce {
    query: &'static str,
    so_far: Option<(usize, usize)>,
    done_when_asked: usize,
    done: usize,
}

impl carrel::search::fulltext::Watcher for AskOnce {
    fn progress(&mut self, progress: IndexProgress) {
        self.done = progress.done;
    }

    fn wants_so_far(&mut self) -> bool {
        let ask = self.so_far.is_none() && self.done > 0;
        if ask {
            self.done_when_asked = self.done;
        }
        ask
    }

    fn so_far(&mut self, indexed: FullText) {
        let query = indexed.query(self.query).unwrap();
        let store_free = indexed.search_texts(&query, None).unwrap();
        self.so_far = Some((store_free.total, store_free.hits.len()));
    }
}

#[test]
fn a_build_can_be_searched_as_it_goes_and_finds_what_is_indexed_so_far() {
    let base = carrel::store::sample::load_builtin().store;
    let records: Vec<Record> = (0..600)
        .map(|i| {
            let mut record = base.records[0].clone();
            record.id = format!("r{i:04}");
            record.texts = vec![carrel::store::schema::Text {
                lang: "en".into(),
                role: carrel::store::schema::TextRole::Original,
                translators: vec![],
                body: format!("Report {i} of the rebels in Altay districts."),
            }];
            record
        })
        .collect();
    let store = Store::new(base.archive.clone(), base.collections.clone(), records);
    let mut watcher = AskOnce {
        query: "rebel",
        so_far: None,
        done_when_asked: 0,
        done: 0,
    };
    let fulltext = FullText::open_watched(&store, None, &mut watcher).unwrap();
    let (total, listed) = watcher.so_far.expect("handed what was indexed so far");
    // Every record of the batches done when it asked (each with the word).
    assert!(total >= watcher.done_when_asked && total > 0, "{total}");
    assert!(total <= 600, "{total}");
    assert_eq!(listed, total);
    let query = fulltext.query("rebel").unwrap();
    let whole = fulltext.search(&store, &query, None, Some(10)).unwrap();
    assert_eq!(whole.total, 600, "the finished index has every record");
}

/// `carrel grep`'s search for a page (block-max WAND over the words' terms, see
/// `FullText::best_texts`) ranks as the full search does, whatever the page's length.
#[test]
fn the_best_page_is_the_full_searchs_first_page() {
    let (_, ft) = synthetic();
    let queries = [
        "situation",
        "border situation",
        "grain | harvest",
        "caravan !railway",
        "the",
        "Stukin",
        "\"the khan of Altay\"",
        "khan*",
        "nosuchwordanywhere",
    ];
    let mut compared = 0;
    for text in queries {
        let query = ft.query(text).unwrap();
        for limit in [1, 3, 20, 1000] {
            let full = ft.search_texts(&query, Some(limit)).unwrap().hits;
            let best = ft.best_texts(&query, limit).unwrap();
            assert_eq!(best.len(), full.len(), "{text}, limit {limit}");
            for (n, (b, f)) in best.iter().zip(&full).enumerate() {
                // The same terms summed in another order may differ in the last bit.
                assert!(
                    (b.1 - f.1).abs() <= 1e-4 * f.1.max(1.0),
                    "{text} #{n}: {b:?} {f:?}"
                );
                let tied = |s: f32| full.iter().filter(|h| (h.1 - s).abs() <= 1e-4).count();
                assert!(
                    b.0 == f.0 || tied(f.1) > 1,
                    "{text}, limit {limit}, #{n}: {b:?} against {f:?}"
                );
            }
            compared += full.len();
        }
    }
    assert!(compared > 100, "only {compared} hits compared");
}
