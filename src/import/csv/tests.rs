use super::*;
use crate::import::Parsed;

fn read(text: &str, map: &[(String, String)]) -> Parsed {
    let no_files = |name: &str| Err(format!("cannot read the text file {name:?}"));
    let options = CsvOptions {
        delimiter: b',',
        map,
        read_text_file: &no_files,
    };
    let mut parsed = Parsed::default();
    parse("in.csv", text.as_bytes(), &options, &mut parsed);
    parsed
}

#[test]
fn columns_by_the_names_people_use() {
    let parsed = read(
        "TITLE, date ,Description,Transcription,Persons,Places,Keywords,Call Number,Language,Collection,URL,Rights,Shelf\n\
         Report,5 October 1945,A summary,\"Para one.\r\n\r\nPara two.\",Beria (author); Molotov (recipient),Altai; Ghulja,xinjiang;altai,\"GARF, f. 9401s, op. 2, d. 10004, ll. 62-63\",ru,Xinjiang reports,https://example.org/1,public domain,B-12\n",
        &[],
    );
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let found = &parsed.records[0];
    assert!(found.problems.is_empty(), "{:?}", found.problems);
    let record = &found.record;
    assert_eq!(record.id, "1945-10-05-report");
    assert_eq!(record.summary.as_deref(), Some("A summary"));
    assert_eq!(record.texts[0].body, "Para one.\n\nPara two.");
    assert_eq!(record.texts[0].lang, "ru");
    assert_eq!(record.people[1].role.as_deref(), Some("recipient"));
    assert_eq!(record.places.len(), 2);
    assert_eq!(record.subjects, ["xinjiang", "altai"]);
    let provenance = record.provenance.as_ref().unwrap();
    assert!(provenance.locator.is_some());
    assert_eq!(
        provenance.digital.as_ref().unwrap().url.as_deref(),
        Some("https://example.org/1")
    );
    assert_eq!(
        record.rights.as_ref().unwrap().status,
        RightsStatus::PublicDomain
    );
    assert_eq!(record.collections, ["xinjiang-reports"]);
    assert_eq!(parsed.collections[0].title, "Xinjiang reports");
    assert_eq!(record.extra["Shelf"], "B-12");
}

#[test]
fn map_overrides_and_extra_columns() {
    let map = vec![
        ("Heading".to_string(), "title".to_string()),
        ("Written".to_string(), "date".to_string()),
        ("Title".to_string(), "extra.original_title".to_string()),
    ];
    let parsed = read("Heading,Written,Title\nA,1944?,Orig\n", &map);
    let record = &parsed.records[0].record;
    assert_eq!(record.title, "A");
    assert_eq!(record.edtf().unwrap().as_str(), "1944?");
    assert_eq!(record.extra["original_title"], "Orig");
    assert!(map_field("nonsense", "x").is_err());
}

#[test]
fn every_problem_has_its_row_and_column() {
    let parsed = read(
        "Title,Date,Text file,Text role\nA,Octobre 1945,a.txt,draft\nB,1945,,,surplus\n",
        &[],
    );
    let a: Vec<(Option<usize>, Option<usize>, Option<&str>)> = parsed.records[0]
        .problems
        .iter()
        .map(|p| (p.line, p.column, p.field.as_deref()))
        .collect();
    assert_eq!(
        a,
        [
            (Some(2), Some(3), Some("texts")),
            (Some(2), Some(4), Some("texts.role")),
            (Some(2), Some(2), Some("date")),
        ]
    );
    let b = &parsed.records[1].problems[0];
    assert_eq!((b.line, b.column), (Some(3), Some(5)));
    let no_title = read("Name,Date\nx,1945\n", &[]);
    assert!(no_title.problems[0].message.contains("no Title column"));
    let broken = read("Title\n\"unclosed\n", &[]);
    assert!(broken.records.len() <= 1);
}

#[test]
fn not_utf8_is_reported_with_its_line() {
    let options = CsvOptions {
        delimiter: b',',
        map: &[],
        read_text_file: &|_: &str| Err(String::new()),
    };
    let mut parsed = Parsed::default();
    parse(
        "w.csv",
        &b"Title\nok\nbad \xe9t\xe9\n"[..],
        &options,
        &mut parsed,
    );
    assert_eq!(parsed.records.len(), 1);
    assert_eq!(parsed.problems[0].line, Some(3));
    assert!(parsed.problems[0].message.contains("UTF-8"));
}

#[test]
fn same_row_same_id_and_repeats_numbered() {
    let sheet = "Title,Date\nNote,1945\nNote,1945\nOther,\n";
    let first: Vec<String> = read(sheet, &[])
        .records
        .iter()
        .map(|r| r.record.id.clone())
        .collect();
    let again: Vec<String> = read(sheet, &[])
        .records
        .iter()
        .map(|r| r.record.id.clone())
        .collect();
    assert_eq!(first, ["1945-note", "1945-note-2", "nd-other"]);
    assert_eq!(first, again);
}
