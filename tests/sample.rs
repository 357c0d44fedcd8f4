//! The sample built into carrel: what a first-time user sees must be complete and clean.

use std::collections::BTreeMap;
use std::path::Path;

use carrel::store::sample::{SAMPLE_FILES, load_builtin};
use carrel::store::schema::{Locator, NamedEntity, RightsStatus, TextRole};

const BERIA: &str = "1945-10-05-beria-to-molotov";
const LISTED: &str = "xinjiang-soviet-policy";

/// The ten documents in the order the collection page shows them (not date order).
const PAGE_ORDER: [(&str, &str); 10] = [
    (
        "1943-06-10-spiritual-directorate-of-muslims",
        "June 10, 1943",
    ),
    ("1941-04-19-politburo-minutes-on-xinjiang", "April 19, 1941"),
    ("1940-03-14-cipher-unit-consulate-urumqi", "March 14, 1940"),
    (
        "1937-09-22-civil-air-fleet-to-xinjiang",
        "September 22, 1937",
    ),
    (
        "1936-03-29-maintenance-of-peoples-from-xinjiang",
        "March 29, 1936",
    ),
    ("1935-10-03-relations-with-36th-division", "October 3, 1935"),
    (
        "1935-09-29-politburo-decisions-on-xinjiang",
        "September 29, 1935",
    ),
    (
        "1935-03-19-politburo-decision-on-xinjiang",
        "March 19, 1935",
    ),
    (
        "1945-11-03-yegnarov-and-langvang-to-beria",
        "November 3, 1945",
    ),
    (
        "1945-09-05-beria-to-stalin-molotov-malenkov",
        "September 5, 1945",
    ),
];

fn files_on_disk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("sample folder") {
        let entry = entry.expect("folder entry");
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type().expect("file type").is_dir() {
            files_on_disk(&entry.path(), &format!("{name}/"), out);
        } else {
            out.insert(
                name,
                std::fs::read_to_string(entry.path()).expect("sample file"),
            );
        }
    }
}

#[test]
fn every_file_of_the_sample_folder_is_embedded_as_it_is_on_disk() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let mut on_disk = BTreeMap::new();
    files_on_disk(&dir, "", &mut on_disk);
    let embedded: BTreeMap<String, String> = SAMPLE_FILES
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect();
    assert_eq!(
        on_disk.keys().collect::<Vec<_>>(),
        embedded.keys().collect::<Vec<_>>()
    );
    assert_eq!(on_disk, embedded);
}

#[test]
fn the_sample_loads_eleven_records_and_two_collections_without_problems() {
    let loaded = load_builtin();
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let store = &loaded.store;
    assert_eq!(store.archive.schema_version, 1);
    assert_eq!(store.archive.id, "carrel-sample");
    assert!(!store.archive.sources.is_empty());
    assert_eq!(store.records.len(), 11);
    assert_eq!(store.collections.len(), 2);
}

#[test]
fn the_listed_collection_shows_ten_of_nineteen_in_the_page_order_without_full_text() {
    let loaded = load_builtin();
    let store = &loaded.store;
    let collection = store.collection(LISTED).expect("listed collection");
    assert_eq!(collection.count_label(), "10 of 19");
    let ids: Vec<&str> = collection.record_ids.iter().map(String::as_str).collect();
    let expected: Vec<&str> = PAGE_ORDER.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, expected);
    assert!(!ids.contains(&BERIA), "the Beria report is not on the page");
    for (id, display) in PAGE_ORDER {
        let record = store.record(id).expect(id);
        assert_eq!(record.display_date(), Some(display), "{id}");
        assert!(!record.has_full_text(), "{id} should be listed only");
        assert!(record.summary.as_deref().is_some_and(|s| !s.is_empty()));
        let provenance = record.provenance.as_ref().expect("provenance");
        assert!(
            provenance
                .citation
                .starts_with("No archival citation known")
        );
        assert!(provenance.locator.is_none(), "{id}: no locator is known");
        assert!(
            !provenance.notes.is_empty(),
            "{id}: supplied values need notes"
        );
    }
}

#[test]
fn the_beria_report_has_its_full_text_summary_and_provenance() {
    let loaded = load_builtin();
    let record = loaded.store.record(BERIA).expect("Beria report");
    assert_eq!(record.title, "L. Beria to Cde. V.M. Molotov");
    assert_eq!(record.display_date(), Some("October 5, 1945"));
    assert_eq!(record.edtf().map(|d| d.as_str()), Some("1945-10-05"));
    assert_eq!(record.original_language.as_deref(), Some("ru"));
    assert!(
        record
            .summary
            .as_deref()
            .is_some_and(|s| s.starts_with("Beria writes that Osman Batur does not intend"))
    );

    let text = record.reading_text().expect("full text");
    assert_eq!(text.lang, "en");
    assert_eq!(text.role, TextRole::Translation);
    assert_eq!(text.translators, ["Gary Goldberg"]);
    let paragraphs: Vec<&str> = text.paragraphs().collect();
    assert_eq!(paragraphs[1], "Top Secret");
    assert_eq!(paragraphs[2], "to Cde. V. M. MOLOTOV");
    assert!(paragraphs[3].starts_with("In September of this year Ghulja [Yining] rebels"));
    assert!(paragraphs.contains(&"Please discuss these suggestions."));
    assert!(paragraphs.contains(&"1 – to Cde Molotov"));
    assert!(paragraphs.contains(&"drafted by Cde. Mamulov"));
    assert_eq!(paragraphs.last(), Some(&"concerning Xinjiang”]"));
    assert_eq!(paragraphs.len(), 24);

    let provenance = record.provenance.as_ref().expect("provenance");
    assert_eq!(
        provenance.citation,
        "GARF, f. 9401s, op. 2, d. 10004, ll. 62-63"
    );
    let locator = provenance.locator.as_ref().expect("locator");
    assert!(matches!(locator, Locator::FondOpisDelo { .. }));
    assert_eq!(
        locator.labelled_parts(),
        [
            ("Fond", "9401s"),
            ("Opis", "2"),
            ("Delo", "10004"),
            ("Folios", "62-63")
        ]
    );
    let repository = provenance.repository.as_ref().expect("repository");
    assert_eq!(repository.abbr.as_deref(), Some("GARF"));
    assert_eq!(
        repository.name.as_deref(),
        Some("State Archive of the Russian Federation")
    );
    assert_eq!(provenance.classification.as_deref(), Some("Top Secret"));
    assert_eq!(provenance.contributed_by, ["Jamil Hasanli"]);
    assert_eq!(provenance.translated_by, ["Gary Goldberg"]);
    assert_eq!(provenance.funders, ["MacArthur Foundation"]);
    let digital = provenance.digital.as_ref().expect("digital source");
    assert_eq!(digital.record_id, None, "blank on the page: not invented");
    assert_eq!(digital.uploaded, None, "blank on the page: not invented");

    let rights = record.rights.as_ref().expect("rights");
    assert_eq!(rights.status, RightsStatus::SeeStatement);
    assert!(rights.statement.as_deref().is_some_and(|s| s.starts_with(
        "The History and Public Policy Program welcomes reuse of Digital Archive materials"
    )));
}

fn alt_of(entities: &[std::sync::Arc<NamedEntity>], name: &str) -> Vec<String> {
    entities
        .iter()
        .find(|e| e.name == name)
        .map(|e| e.alt.clone())
        .unwrap_or_default()
}

#[test]
fn variant_spellings_let_a_reader_find_people_and_places_by_either_name() {
    let loaded = load_builtin();
    let record = loaded.store.record(BERIA).expect("Beria report");
    assert!(alt_of(&record.people, "Ospan Batyr").contains(&"Osman Batur".to_string()));
    assert!(alt_of(&record.people, "Choybalsan").contains(&"Choibalsan".to_string()));
    assert!(alt_of(&record.places, "Ghulja").contains(&"Yining".to_string()));
    assert!(alt_of(&record.places, "Altay District").contains(&"Altai".to_string()));
    let roles: Vec<(&str, &str)> = record
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.role.as_deref().unwrap_or("")))
        .collect();
    assert!(roles.contains(&("Lavrentiy Beria", "author")));
    assert!(roles.contains(&("Vyacheslav Molotov", "recipient")));
    assert!(roles.contains(&("Mamulov", "drafter")));
}

#[test]
fn record_and_collection_memberships_agree() {
    let loaded = load_builtin();
    let store = &loaded.store;
    for collection in &store.collections {
        assert_eq!(
            store.members(collection).len(),
            collection.record_ids.len(),
            "{}: every member is in the store",
            collection.id
        );
        for id in &collection.record_ids {
            let record = store.record(id).expect("member exists");
            assert!(record.collections.contains(&collection.id), "{id}");
        }
    }
    for record in &store.records {
        assert!(
            !record.collections.is_empty(),
            "{} is in no collection",
            record.id
        );
        for id in &record.collections {
            let collection = store.collection(id).expect("named collection exists");
            assert!(
                collection.record_ids.contains(&record.id),
                "{} in {id}",
                record.id
            );
        }
    }
}

#[test]
fn the_store_format_document_shows_the_beria_record_as_the_sample_holds_it() {
    let doc = include_str!("../assets/docs/store-format.md");
    let record = SAMPLE_FILES
        .iter()
        .find(|(path, _)| path.ends_with(&format!("{BERIA}.json")))
        .map(|(_, contents)| contents.trim_end())
        .expect("Beria record embedded");
    assert!(
        doc.contains(&format!("```json\n{record}\n```")),
        "assets/docs/store-format.md's complete example differs from the sample record"
    );
}
