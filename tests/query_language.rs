//! The query language: every operator, every field, every error with its place, and
//! the filters on the built-in sample.

use carrel::search::syntax::{Clause, Has, Pattern, Scope, parse};
use carrel::search::{Query, SearchIndex};
use carrel::store::{Day, sample};

fn only(query: &str) -> Clause {
    let parsed = parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
    assert_eq!(parsed.clauses.len(), 1, "{query}: {parsed:?}");
    parsed.clauses.into_iter().next().expect("one clause")
}

fn must(query: &str) -> (Option<Scope>, Pattern) {
    match only(query) {
        Clause::Must(term) => (term.scope, term.pattern),
        other => panic!("{query}: not a plain clause: {other:?}"),
    }
}

#[test]
fn every_operator() {
    assert_eq!(must("beria"), (None, Pattern::Word("beria".into())));
    assert_eq!(
        must("\"khan of altay\""),
        (None, Pattern::Phrase("khan of altay".into()))
    );
    assert_eq!(must("'batyr"), (None, Pattern::Exact("batyr".into())));
    assert_eq!(must("^report"), (None, Pattern::Prefix("report".into())));
    assert_eq!(must("molot*"), (None, Pattern::Prefix("molot".into())));
    assert_eq!(must("stan$"), (None, Pattern::Suffix("stan".into())));
    match only("!telegram") {
        Clause::Not(term) => assert_eq!(term.pattern, Pattern::Word("telegram".into())),
        other => panic!("{other:?}"),
    }
    match only("urumqi | kuldja |ili") {
        Clause::Either(terms) => {
            let words: Vec<Pattern> = terms.into_iter().map(|t| t.pattern).collect();
            assert_eq!(
                words,
                vec![
                    Pattern::Word("urumqi".into()),
                    Pattern::Word("kuldja".into()),
                    Pattern::Word("ili".into())
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    let parsed = parse("a|b c").expect("parses");
    assert_eq!(parsed.clauses.len(), 2, "a bar needs no spaces around it");
}

#[test]
fn every_field() {
    let cases = [
        ("title:report", Scope::Title),
        ("person:osman", Scope::Person),
        ("place:urumqi", Scope::Place),
        ("subject:oil", Scope::Subject),
        ("type:telegram", Scope::Type),
        ("lang:ru", Scope::Lang),
        ("collection:xinjiang-1945-reports", Scope::Collection),
        ("archive:garf", Scope::Archive),
        ("fond:9401s", Scope::Fond),
        ("box:12", Scope::Box),
    ];
    for (query, scope) in cases {
        let (found, pattern) = must(query);
        assert_eq!(found, Some(scope), "{query}");
        let value = query.split_once(':').expect("colon").1;
        assert_eq!(pattern, Pattern::Word(value.into()), "{query}");
    }
    assert_eq!(
        must("person:\"Ospan Batyr\""),
        (Some(Scope::Person), Pattern::Phrase("Ospan Batyr".into()))
    );
    assert_eq!(
        must("has:text"),
        (Some(Scope::Has), Pattern::Has(Has::Text))
    );
    assert_eq!(
        must("HAS:Summary"),
        (Some(Scope::Has), Pattern::Has(Has::Summary))
    );
    assert_eq!(
        must("year:1945"),
        (
            Some(Scope::Year),
            Pattern::Dates(Day::new(1945, 1, 1), Day::new(1945, 12, 31))
        )
    );
    assert_eq!(
        must("date:1944..1946"),
        (
            Some(Scope::Date),
            Pattern::Dates(Day::new(1944, 1, 1), Day::new(1946, 12, 31))
        )
    );
    assert_eq!(
        must("date:1945-10"),
        (
            Some(Scope::Date),
            Pattern::Dates(Day::new(1945, 10, 1), Day::new(1945, 10, 31))
        )
    );
    assert_eq!(
        must("date:1944.."),
        (
            Some(Scope::Date),
            Pattern::Dates(Day::new(1944, 1, 1), Day::MAX)
        )
    );
    assert_eq!(
        must("date:..1946"),
        (
            Some(Scope::Date),
            Pattern::Dates(Day::MIN, Day::new(1946, 12, 31))
        )
    );
    // EDTF qualifiers and intervals count by their span.
    assert_eq!(
        must("date:1944~..1945/1946"),
        (
            Some(Scope::Date),
            Pattern::Dates(Day::new(1944, 1, 1), Day::new(1946, 12, 31))
        )
    );
}

#[test]
fn a_field_scope_combines_with_words() {
    let parsed = parse("person:osman \"khan of altay\"").expect("parses");
    assert_eq!(parsed.clauses.len(), 2);
    match &parsed.clauses[0] {
        Clause::Must(term) => assert_eq!(term.scope, Some(Scope::Person)),
        other => panic!("{other:?}"),
    }
    assert!(matches!(&parsed.clauses[1], Clause::Must(t) if t.scope.is_none()));
}

/// (query, column, message)
#[test]
fn every_error_says_where() {
    let cases = [
        ("beria date:19x4..", 12, "date:19x4..: not a date: 19x4"),
        ("date:1944..19y6", 12, "date:1944..19y6: not a date: 19y6"),
        ("year:abc", 6, "year:abc: not a date: abc"),
        ("date:..", 6, "date:..: no date on either side of .."),
        (
            "date:1946..1944",
            6,
            "date:1946..1944: the range ends before it starts",
        ),
        (
            "has:notes",
            5,
            "has:notes: expected has:text or has:summary",
        ),
        ("beria titel:x", 7, "titel: no such field"),
        ("person:", 1, "person: needs a value"),
        ("khan \"of altay", 6, "\"of altay: no closing quote"),
        (
            "\"of altay\"x",
            11,
            "\"of altay\"x: text after the closing quote",
        ),
        ("\"  \"", 1, "\"  \": nothing to match"),
        ("| beria", 1, "|: nothing before it to choose from"),
        ("beria |", 7, "|: nothing after it to choose"),
        ("a | | b", 3, "|: nothing after it to choose"),
        ("beria !", 7, "!: nothing to exclude"),
        ("a | !b", 5, "!: cannot exclude within a | b"),
        ("!a | b", 1, "!: cannot exclude within a | b"),
        // Columns count chars, not bytes.
        ("Берия date:x", 12, "date:x: not a date: x"),
    ];
    for (query, column, message) in cases {
        let error = parse(query).expect_err(query);
        assert_eq!(error.column, column, "{query}: {error}");
        assert!(
            error.message.starts_with(message),
            "{query}: {:?} does not start {message:?}",
            error.message
        );
        assert_eq!(
            error.to_string(),
            format!("column {column}: {}", error.message)
        );
    }
}

#[test]
fn punctuation_alone_is_no_error_and_matches_nothing() {
    assert!(Query::try_parse("( * ' ^ $").expect("parses").is_empty());
    assert!(Query::try_parse("").expect("parses").is_empty());
}

#[test]
fn a_query_that_does_not_parse_still_searches_its_words() {
    let query = Query::parse("beria \"molotov");
    let words: Vec<&str> = query.words.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(words, vec!["beria", "molotov"]);
}

fn ids(query: &str) -> Vec<String> {
    let store = sample::load_builtin().store;
    let index = SearchIndex::build(&store);
    let parsed = Query::try_parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
    let ranking = index.ranking_in(&store.records, &parsed, None, None);
    let mut ids: Vec<String> = ranking
        .hits()
        .iter()
        .map(|&(r, _)| store.records[r].id.clone())
        .collect();
    ids.sort();
    ids
}

#[test]
fn field_and_date_filters_on_the_sample() {
    assert_eq!(
        ids("fond:9401s"),
        vec!["1945-10-05-beria-to-molotov".to_string()]
    );
    assert_eq!(
        ids("fond:9401"),
        Vec::<String>::new(),
        "a fond matches whole"
    );
    assert_eq!(ids("archive:garf"), ids("fond:9401s"));
    assert_eq!(ids("has:text"), ids("fond:9401s"));
    assert_eq!(ids("lang:en"), ids("fond:9401s"));
    assert_eq!(
        ids("type:telegram"),
        vec!["1945-11-03-yegnarov-and-langvang-to-beria"]
    );
    assert_eq!(ids("type:report").len(), 2);
    assert_eq!(ids("year:1945").len(), 3);
    assert_eq!(ids("date:1945-10..").len(), 2);
    assert_eq!(ids("date:..1935").len(), 3);
    assert_eq!(ids("date:1936..1941").len(), 4);
    assert_eq!(ids("year:1945 !type:telegram").len(), 2);
    assert_eq!(ids("collection:xinjiang-1945-reports").len(), 3);
    assert_eq!(ids("has:summary").len(), 11);
    assert_eq!(ids("lang:ru").len(), 11);
    assert_eq!(ids("type:telegram | type:minutes").len(), 2);
}

#[test]
fn words_and_scopes_on_the_sample() {
    // A scoped word counts in its own field only.
    assert_eq!(ids("person:beria").len(), 3);
    assert_eq!(ids("title:beria").len(), 3);
    assert_eq!(ids("person:mamulov"), vec!["1945-10-05-beria-to-molotov"]);
    assert!(ids("title:mamulov").is_empty());
    assert_eq!(
        ids("person:\"ma chung-ying\""),
        vec!["1935-10-03-relations-with-36th-division"]
    );
    // Exact, prefix, suffix and exclusion on the short fields.
    assert_eq!(
        ids("'zhongyin"),
        vec!["1935-10-03-relations-with-36th-division"]
    );
    assert_eq!(ids("^report").len(), 1, "one title starts with Report");
    let beria = ids("beria");
    let not_telegrams = ids("beria !telegram");
    assert_eq!(not_telegrams.len() + 1, beria.len());
    assert!(!not_telegrams.contains(&"1945-11-03-yegnarov-and-langvang-to-beria".to_string()));
    assert_eq!(
        ids("\"36th division\""),
        vec!["1935-10-03-relations-with-36th-division"]
    );
    assert_eq!(
        ids("malenkov$"),
        vec!["1945-09-05-beria-to-stalin-molotov-malenkov"]
    );
}
