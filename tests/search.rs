//! What a historian gets from `carrel search` and the reading room's filter, on a
//! small store resembling the seeds (Wilson Center documents on Xinjiang).

use carrel::search::{Hit, SearchIndex};
use carrel::store::schema::{NamedEntity, RecordDate};
use carrel::store::{Archive, Edtf, Record, Store};

fn entity(name: &str, alt: &[&str]) -> std::sync::Arc<NamedEntity> {
    std::sync::Arc::new(NamedEntity {
        name: name.to_string(),
        alt: alt.iter().map(|a| a.to_string()).collect(),
        ..NamedEntity::default()
    })
}

fn record(id: &str, edtf: &str, display: &str, title: &str, summary: &str) -> Record {
    Record {
        id: id.to_string(),
        title: title.to_string(),
        date: Some(RecordDate {
            edtf: Some(Edtf::parse(edtf).expect("test dates are valid")),
            display: Some(display.to_string()),
            ..RecordDate::default()
        }),
        summary: Some(summary.to_string()),
        ..Record::default()
    }
}

const MOLOTOV: usize = 0;
const STALIN: usize = 1;
const TELEGRAM: usize = 2;
const POLITBURO_1935: usize = 3;
const DIRECTORATE: usize = 4;
const CHOYBALSAN: usize = 5;

fn store() -> Store {
    let mut molotov = record(
        "119279",
        "1945-10-05",
        "October 5, 1945",
        "L. Beria to Cde. V.M. Molotov",
        "Beria writes that Osman Batur does not intend to recognize the East Turkestan \
         Republic. Instead, Osman will create an independent state in Altai, in part due \
         to the support of Choibalsan.",
    );
    molotov.people = vec![
        entity("Lavrentii Beria", &[]),
        entity("Ospan Batyr", &["Osman Batur"]),
        entity("Choybalsan", &["Choibalsan"]),
    ];
    molotov.places = vec![entity("Ghulja", &["Yining"]), entity("Altay", &["Altai"])];
    molotov.subjects = vec!["Xinjiang".to_string()];

    let stalin = record(
        "122340",
        "1945-09-05",
        "September 5, 1945",
        "Report from L. Beria to Cde. I.V. Stalin, V.M. Molotov, and Cde. G.M. Malenkov",
        "Beria reports on the progress of the rebel movement in Xinjiang at the end of \
         August, including information on the locations of the rebels' active operations.",
    );
    let telegram = record(
        "122341",
        "1945-11-03",
        "November 3, 1945",
        "Telegram from Cde. Yegnarov and Cde. Langvang to Cde. Beria",
        "Yegnarov forwards to Stalin a letter from Alihan Tore Shakirjan, in which he \
         describes Chinese oppression of the people in Eastern Turkestan.",
    );
    let politburo = record(
        "121801",
        "1935-09-29",
        "September 29, 1935",
        "Politburo Decisions of 29 September 1935 Concerning Xinjiang",
        "The Politburo prohibits NKVD officers in Xinjiang from deviating from the \
         approved political line.",
    );
    let directorate = record(
        "121802",
        "1943-06-10",
        "June 10, 1943",
        "Concerning a Spiritual Directorate of Muslims of Central Asia and Kazakhstan",
        "The Politburo directs the NKVD to permit the organization of a Spiritual \
         Directorate of Muslims.",
    );
    let mut choybalsan = record(
        "121900",
        "1944-03",
        "March 1944",
        "Meeting of Choybalsán with Ospan Batyr",
        "Notes of a meeting in Mongolia.",
    );
    choybalsan.people = vec![entity("Khorloogiin Choybalsán", &[])];

    Store::new(
        Archive::default(),
        Vec::new(),
        vec![
            molotov,
            stalin,
            telegram,
            politburo,
            directorate,
            choybalsan,
        ],
    )
}

fn search(query: &str) -> Vec<Hit> {
    let store = store();
    SearchIndex::build(&store).search(&store.records, query, None, None)
}

fn records(hits: &[Hit]) -> Vec<usize> {
    hits.iter().map(|h| h.record).collect()
}

#[test]
fn a_variant_spelling_finds_the_record_and_says_where() {
    let hits = search("osman");
    assert_eq!(records(&hits)[0], MOLOTOV);
    assert!(
        hits[0]
            .matched_in
            .contains(&"people: Osman Batur".to_string()),
        "{:?}",
        hits[0].matched_in
    );
    assert!(hits[0].title_positions.is_empty());
}

#[test]
fn a_place_variant_finds_the_record() {
    let hits = search("yining");
    assert_eq!(records(&hits), vec![MOLOTOV]);
    assert_eq!(hits[0].matched_in, vec!["places: Yining".to_string()]);
}

#[test]
fn a_partial_word_finds_molotov() {
    let hits = search("molo");
    assert_eq!(records(&hits), vec![STALIN, MOLOTOV]);
}

#[test]
fn a_misspelt_name_still_finds_molotov() {
    let hits = search("mlotov");
    let found = records(&hits);
    assert!(
        found.contains(&MOLOTOV) && found.contains(&STALIN),
        "{found:?}"
    );
    let title = "L. Beria to Cde. V.M. Molotov";
    let molotov = hits.iter().find(|h| h.record == MOLOTOV).expect("found");
    let letters: String = molotov
        .title_positions
        .iter()
        .map(|&i| title.chars().nth(i).expect("in the title"))
        .collect();
    assert_eq!(letters, "Mlotov");
}

#[test]
fn a_year_finds_only_records_dated_in_it() {
    let mut found = records(&search("1945"));
    found.sort();
    assert_eq!(found, vec![MOLOTOV, STALIN, TELEGRAM]);
    assert_eq!(records(&search("1945-10")), vec![MOLOTOV]);
    assert_eq!(records(&search("1944")), vec![CHOYBALSAN]);
    assert!(search("1946").is_empty());
}

#[test]
fn a_date_match_is_explained() {
    let hits = search("1945-10");
    assert_eq!(
        hits[0].matched_in,
        vec!["date: October 5, 1945".to_string()]
    );
}

#[test]
fn every_word_must_match() {
    // The report to Stalin holds both words in its title; the telegram to Beria names
    // Stalin in its summary only; the report to Molotov never names Stalin.
    let hits = search("beria stalin");
    assert_eq!(records(&hits), vec![STALIN, TELEGRAM]);
    assert!(hits[0].matched_in.is_empty());
    assert_eq!(hits[1].matched_in, vec!["summary: Stalin".to_string()]);
    assert!(search("beria kazakhstan").is_empty());
}

#[test]
fn a_title_hit_outranks_a_summary_only_hit() {
    // "Stalin" is in the Stalin report's title and only in the telegram's summary.
    let hits = search("stalin");
    assert_eq!(records(&hits), vec![STALIN, TELEGRAM]);
    assert!(hits[0].score > hits[1].score);
    assert_eq!(hits[1].matched_in, vec!["summary: Stalin".to_string()]);
}

#[test]
fn an_exact_word_beats_a_scattered_match() {
    // Three titles hold "Beria" whole; "Politburo Decisions of 29 September 1935
    // Concerning Xinjiang" holds b, e-r, i-a scattered, and is not a hit.
    let hits = search("beria");
    assert_eq!(records(&hits), vec![STALIN, MOLOTOV, TELEGRAM]);
}

#[test]
fn a_prefix_finds_beria() {
    let found = records(&search("ber"));
    for record in [MOLOTOV, STALIN, TELEGRAM] {
        assert!(found.contains(&record), "{found:?}");
    }
}

#[test]
fn empty_and_blank_queries_find_nothing() {
    assert!(search("").is_empty());
    assert!(search("   \t ").is_empty());
}

#[test]
fn within_restricts_to_a_collection() {
    let store = store();
    let index = SearchIndex::build(&store);
    let hits = index.search(
        &store.records,
        "beria",
        Some(&[TELEGRAM, DIRECTORATE, 99]),
        None,
    );
    assert_eq!(records(&hits), vec![TELEGRAM]);
    assert!(
        index
            .search(&store.records, "beria", Some(&[]), None)
            .is_empty()
    );
}

#[test]
fn limit_keeps_the_best_in_order() {
    let store = store();
    let index = SearchIndex::build(&store);
    let all = index.search(&store.records, "beria", None, None);
    assert!(all.len() >= 3);
    let best_two = index.search(&store.records, "beria", None, Some(2));
    assert_eq!(best_two, all[..2].to_vec());
    assert!(
        index
            .search(&store.records, "beria", None, Some(0))
            .is_empty()
    );
}

#[test]
fn equal_scores_go_by_date_then_title() {
    // Both Beria reports hold "beria" and "molotov" whole in the title.
    let hits = search("beria molotov");
    assert_eq!(records(&hits), vec![STALIN, MOLOTOV]);
    assert_eq!(hits[0].score, hits[1].score);
}

#[test]
fn accents_fold_both_ways() {
    let hits = search("choybalsan");
    assert_eq!(hits[0].record, CHOYBALSAN);
    let title = "Meeting of Choybalsán with Ospan Batyr";
    let letters: String = hits[0]
        .title_positions
        .iter()
        .map(|&i| title.chars().nth(i).expect("in the title"))
        .collect();
    assert_eq!(letters, "Choybalsán");
    assert!(records(&search("CHOYBALSÁN")).contains(&MOLOTOV));
    assert!(records(&search("Choibalsán")).contains(&MOLOTOV));
}

#[test]
fn title_positions_point_at_the_matched_chars() {
    let hits = search("beria");
    let molotov = hits.iter().find(|h| h.record == MOLOTOV).expect("found");
    assert_eq!(molotov.title_positions, vec![3, 4, 5, 6, 7]);
    let hits = search("beria molotov");
    let molotov = hits.iter().find(|h| h.record == MOLOTOV).expect("found");
    assert_eq!(
        molotov.title_positions,
        vec![3, 4, 5, 6, 7, 22, 23, 24, 25, 26, 27, 28]
    );
}

#[test]
fn odd_characters_do_not_panic() {
    let store = store();
    let index = SearchIndex::build(&store);
    for query in [
        "(",
        "*",
        ".*",
        "[a-z]+",
        "beria (",
        "😀",
        "🇷🇺 stalin",
        "\u{301}",
        "a\u{0}b",
        "\\",
        "ﷺ",
        "1945/",
        "../1945",
        "9999-99",
        "-1945",
        "𝔅𝔢𝔯𝔦𝔞",
        "ß",
        "İstanbul",
    ] {
        let hits = index.search(&store.records, query, None, Some(5));
        assert!(hits.len() <= 5, "{query:?}");
    }
    assert_eq!(
        records(&index.search(&store.records, "beria (", None, None)).len(),
        3
    );
    assert!(index.search(&store.records, "😀", None, None).is_empty());
}

#[test]
fn the_politburo_decisions_are_found_by_subject_words() {
    let found = records(&search("politburo xinjiang"));
    assert_eq!(found, vec![POLITBURO_1935]);
    let found = records(&search("muslims"));
    assert_eq!(found, vec![DIRECTORATE]);
}

#[test]
fn typing_letter_by_letter_gives_what_a_fresh_search_gives() {
    let store = store();
    let typing = SearchIndex::build(&store);
    for query in [
        "o",
        "os",
        "osm",
        "osma",
        "osman",
        "osman m",
        "osman ml",
        "osman mlotov",
    ] {
        let as_typed = typing.search(&store.records, query, None, None);
        let fresh = search(query);
        assert_eq!(as_typed, fresh, "{query:?}");
    }
    assert_eq!(
        records(&typing.search(&store.records, "osman mlotov", None, None)),
        vec![MOLOTOV]
    );
    // Backspacing to a shorter word, and typing a different one, still search afresh.
    assert_eq!(
        typing.search(&store.records, "osm", None, None),
        search("osm")
    );
    assert_eq!(
        records(&typing.search(&store.records, "stalin", None, None))[0],
        STALIN
    );
}

#[test]
fn a_ranking_explains_any_hit_as_search_does() {
    let store = store();
    let index = SearchIndex::build(&store);
    let explained = index.search(&store.records, "osman mlotov", None, None);
    let ranking = index.ranking(&carrel::search::Query::parse("osman mlotov"), None, None);
    assert_eq!(ranking.len(), explained.len());
    for (position, hit) in explained.iter().enumerate() {
        let record = ranking.record(position).unwrap();
        assert_eq!(record, hit.record);
        let again = ranking.explain(&index, position, &store.records[record]);
        assert_eq!(again.as_ref(), Some(hit));
    }
    assert!(ranking.record(explained.len()).is_none());
}

#[test]
fn a_saved_index_searches_as_the_built_one() {
    let store = store();
    let built = SearchIndex::build(&store);
    let bytes = built.to_bytes();
    let loaded = SearchIndex::from_bytes(&bytes).unwrap();
    assert_eq!(loaded.len(), store.records.len());
    for query in [
        "osman",
        "mlotov",
        "1945-10",
        "beria stalin",
        "ber",
        "politburo",
    ] {
        assert_eq!(
            loaded.search(&store.records, query, None, None),
            built.search(&store.records, query, None, None),
            "{query:?}"
        );
    }
}

#[test]
fn a_cut_or_damaged_saved_index_is_refused_without_a_panic() {
    let store = store();
    let bytes = SearchIndex::build(&store).to_bytes();
    for cut in (0..bytes.len()).step_by(3) {
        assert!(
            SearchIndex::from_bytes(&bytes[..cut]).is_none(),
            "cut at {cut}"
        );
    }
    for at in (0..bytes.len()).step_by(5) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0xa5;
        // Refused, or (a flipped letter, a position) an index that still searches safely.
        if let Some(index) = SearchIndex::from_bytes(&damaged) {
            let _ = index.search(&store.records, "osman mlotov 1945", None, Some(5));
        }
    }
}

#[test]
fn the_best_few_are_the_first_few_of_all_hits_in_order() {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path().join("store");
    let config = carrel::synth::SynthConfig {
        records: 2000,
        seed: 3,
        ..Default::default()
    };
    carrel::synth::generate(&config, &dir).unwrap();
    let store = carrel::store::load_path_lazy(&dir).unwrap().store;
    let index = SearchIndex::build(&store);
    for query in ["b", "be", "telegram", "cde", "cde letter"] {
        let parsed = carrel::search::Query::parse(query);
        let all = index.rank(&parsed, None, None);
        assert!(all.len() > 20, "{query:?}: {}", all.len());
        // Best first; ties in date-then-title order.
        for pair in all.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let date_order = |r| index.date_position(r).unwrap();
            assert!(a.1 > b.1 || (a.1 == b.1 && date_order(a.0) < date_order(b.0)));
        }
        for limit in [1, 7, 20] {
            assert_eq!(
                index.rank(&parsed, None, Some(limit)),
                all[..limit],
                "{query:?}"
            );
        }
    }
}
