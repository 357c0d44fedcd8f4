use super::*;
use crate::import::Parsed;
use crate::store::schema::Locator;

const CSL: &str = include_str!("../../../tests/fixtures/import/zotero-archival.json");
const RIS: &str = include_str!("../../../tests/fixtures/import/zotero-archival.ris");

#[test]
fn csl_json_archival_items() {
    let mut parsed = Parsed::default();
    parse_csl_json("zotero.json", CSL.as_bytes(), &mut parsed);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let beria = &parsed.records[0];
    assert!(beria.problems.is_empty(), "{:?}", beria.problems);
    let record = &beria.record;
    assert_eq!(record.id, "1945-10-05-l-beria-to-cde-v-m-molotov");
    assert_eq!(record.doc_type.as_deref(), Some("report"));
    let people: Vec<(&str, &str)> = record
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.role.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        people,
        [
            ("Lavrentiy Beria", "author"),
            ("Vyacheslav Molotov", "recipient")
        ]
    );
    let provenance = record.provenance.as_ref().unwrap();
    assert_eq!(
        provenance.citation,
        "GARF, f. 9401s, op. 2, d. 10004, ll. 62-63"
    );
    let repository = provenance.repository.as_ref().unwrap();
    assert_eq!(
        (repository.abbr.as_deref(), repository.place.as_deref()),
        (Some("GARF"), Some("Moscow"))
    );
    assert!(
        matches!(&provenance.locator, Some(Locator::FondOpisDelo { delo: Some(d), .. }) if d == "10004")
    );
    assert_eq!(provenance.translated_by, ["Gary Goldberg"]);
    let digital = provenance.digital.as_ref().unwrap();
    assert_eq!(
        digital.name.as_deref(),
        Some("Wilson Center Digital Archive")
    );
    assert!(digital.url.as_deref().unwrap().ends_with("/122081"));
    assert_eq!(provenance.notes, ["Translated for the Wilson Center."]);
    assert!(
        record
            .summary
            .as_deref()
            .unwrap()
            .starts_with("Beria writes")
    );
    assert_eq!(record.extra["zotero_key"], "8XK2JQ4M");
    assert_eq!(record.extra["accessed"], "2024-03-01");
    assert_eq!(record.subjects, ["Xinjiang", "Altai"]);

    let letter = &parsed.records[1].record;
    assert_eq!(letter.edtf().unwrap().as_str(), "1944~");
    let provenance = letter.provenance.as_ref().unwrap();
    assert_eq!(
        provenance.repository.as_ref().unwrap().name.as_deref(),
        Some("The National Archives")
    );
    assert!(matches!(
        provenance.locator,
        Some(Locator::BoxFolder { .. })
    ));
}

#[test]
fn csl_json_problems_have_their_line() {
    let mut parsed = Parsed::default();
    parse_csl_json("zotero.json", CSL.as_bytes(), &mut parsed);
    let interview = &parsed.records[2].problems[0];
    assert_eq!(
        (interview.line, interview.field.as_deref()),
        (Some(31), Some("date"))
    );
    let untitled = &parsed.records[3];
    assert_eq!((untitled.line, untitled.record.title.as_str()), (38, ""));
    let mut broken = Parsed::default();
    parse_csl_json(
        "z.json",
        b"[\n{\"title\": \"a\"},\n{\"title\": }\n]",
        &mut broken,
    );
    assert_eq!(broken.records.len() + broken.problems.len(), 2);
    assert!(broken.all_problems().iter().any(|p| p.line == Some(3)));
}

#[test]
fn ris_as_zotero_writes_it() {
    let mut parsed = Parsed::default();
    parse_ris("zotero.ris", RIS, &mut parsed);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.records.len(), 4);
    let beria = &parsed.records[0].record;
    assert_eq!(beria.edtf().unwrap().as_str(), "1945-10-05");
    assert_eq!(beria.doc_type.as_deref(), Some("report"));
    assert_eq!(
        beria.summary.as_deref(),
        Some(
            "Beria writes that Osman Batur does not intend to recognize\nthe East Turkestan Republic."
        )
    );
    let provenance = beria.provenance.as_ref().unwrap();
    assert_eq!(
        provenance.citation,
        "GARF, f. 9401s, op. 2, d. 10004, ll. 62-63"
    );
    assert_eq!(provenance.translated_by, ["Gary Goldberg"]);
    assert_eq!(beria.subjects, ["Xinjiang", "Altai"]);
    assert_eq!(beria.extra["accessed"], "2024-03-01");
    let letter = &parsed.records[1].record;
    assert_eq!(letter.doc_type.as_deref(), Some("letter"));
    assert_eq!(letter.people[1].name, "Angus I. Ward");
    assert_eq!(letter.people[1].role.as_deref(), Some("recipient"));
    assert_eq!(
        letter.provenance.as_ref().unwrap().citation,
        "The National Archives, FO 371/41587, Box 12, Folder 3"
    );
    let bad_date = &parsed.records[2].problems[0];
    assert_eq!(
        (bad_date.line, bad_date.field.as_deref()),
        (Some(31), Some("date"))
    );
    let untitled = &parsed.records[3];
    assert_eq!((untitled.line, untitled.record.title.as_str()), (34, ""));
}

#[test]
fn ris_that_is_not_ris() {
    let mut parsed = Parsed::default();
    parse_ris("x.ris", "hello\nTY  - GEN\nTI  - A\n", &mut parsed);
    assert_eq!(parsed.problems[0].line, Some(1));
    assert_eq!(parsed.records.len(), 1);
    assert_eq!(parsed.records[0].problems[0].field.as_deref(), Some("ER"));
}
