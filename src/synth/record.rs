//! One synthetic record: date, people, places, text, provenance and rights, drawn
//! from the collection it belongs to so that a collection reads as one fond.

use std::sync::Arc;

use serde_json::Map;

use super::names::{Named, Pools};
use super::prose::{self, Cast};
use super::provenance::{Holder, provenance, rights};
use super::rng::Rng;
use crate::store::Edtf;
use crate::store::edtf::MONTHS;
use crate::store::schema::{Bodies, NamedEntity, Record, RecordDate, Related, Text, TextRole};

const DOC_TYPES: &[&str] = &[
    "report",
    "report",
    "telegram",
    "letter",
    "memorandum",
    "decision",
    "minutes",
    "note",
    "order",
];
const SUBJECTS: &[&str] = &[
    "Border security",
    "Trade",
    "Refugees",
    "Religion",
    "Agriculture",
    "Education",
    "Oil",
    "Railways",
    "Consular affairs",
    "Military aid",
    "Famine",
    "Propaganda",
    "Elections",
    "Nationalities policy",
    "Mining",
    "Customs",
    "Prisoners of war",
    "Cipher communications",
];
const LANGUAGES: &[&str] = &["ru", "ru", "ru", "ru", "ru", "kk", "uk", "mn", "zh", "de"];
/// What the records of one collection share.
pub struct Shelf<'a> {
    pub collection_id: &'a str,
    pub holder: &'a Holder,
    pub fond: &'a str,
    pub opis: u32,
    pub first_year: i32,
    pub last_year: i32,
}

/// Builds record `index`, the `position`th of its collection.
pub fn record(
    rng: &mut Rng,
    index: u64,
    position: usize,
    shelf: &Shelf<'_>,
    pools: &Pools,
    full_text_per_mille: u64,
) -> Record {
    let doc_type = rng.pick(DOC_TYPES);
    let people_ix: Vec<usize> = (0..rng.range(2, 6))
        .map(|_| rng.below(pools.people.len() as u64) as usize)
        .collect();
    let places_ix: Vec<usize> = (0..rng.range(1, 4))
        .map(|_| rng.below(pools.places.len() as u64) as usize)
        .collect();
    let surnames: Vec<&str> = people_ix
        .iter()
        .filter_map(|&i| pools.surnames.get(i))
        .map(String::as_str)
        .collect();
    let place_names: Vec<&str> = places_ix
        .iter()
        .filter_map(|&i| pools.places.get(i))
        .map(|p| p.name.as_str())
        .collect();
    let spellings: Vec<&str> = people_ix
        .iter()
        .filter_map(|&i| pools.people.get(i))
        .flat_map(|p| std::iter::once(p.name.as_str()).chain(p.alt.iter().map(String::as_str)))
        .collect();
    let mut cast = Cast {
        people: &surnames,
        places: &place_names,
        spellings: &spellings,
        cyrillic: false,
    };

    let (date, date_line) = date(rng, shelf.first_year, shelf.last_year);
    let title = prose::title(rng, doc_type, &cast);
    let summary = prose::summary(rng, &cast);
    let original_language = (rng.pick(LANGUAGES)).to_string();

    let mut people = Vec::new();
    for (k, &i) in people_ix.iter().enumerate() {
        let role = match k {
            0 => "author",
            1 if rng.chance(850) => "recipient",
            2 if rng.chance(200) => "drafter",
            2 if rng.chance(150) => "signatory",
            _ => "mentioned",
        };
        if let Some(person) = pools.people.get(i) {
            push_unique(&mut people, person, role);
        }
    }
    let mut places = Vec::new();
    for &i in &places_ix {
        if let Some(place) = pools.places.get(i) {
            push_unique(&mut places, place, "mentioned");
        }
    }
    let subjects = (0..rng.range(1, 3))
        .map(|_| (rng.pick(SUBJECTS)).to_string())
        .collect::<Vec<_>>();
    let subjects = dedup(subjects);

    let mut texts = Vec::new();
    let mut translators = Vec::new();
    if rng.chance(full_text_per_mille) {
        // Mostly short documents (mean about 5 KB), a long tail up to 20 KB.
        let u = rng.below(1 << 16);
        let bytes = 1024 + ((18_976 * u * u * u) >> 48) as usize;
        let line = date_line.as_deref().unwrap_or("n.d.");
        let translated = rng.chance(800);
        cast.cyrillic = !translated && original_language == "ru";
        // The body draws from a stream of its own: how a body is written does not move
        // the rest of the record.
        let mut body_rng = Rng::new(rng.next_u64());
        let body = prose::body(&mut body_rng, bytes, &cast, line);
        if translated {
            if let Some(t) = pools
                .people
                .get(rng.below(pools.people.len() as u64) as usize)
            {
                translators.push(t.name.clone());
            }
            texts.push(Text {
                lang: "en".into(),
                role: TextRole::Translation,
                translators: translators.clone(),
                body,
            });
        } else {
            texts.push(Text {
                lang: original_language.clone(),
                role: TextRole::Transcript,
                translators: Vec::new(),
                body,
            });
        }
    }

    let provenance = provenance(rng, index, shelf, pools, translators);
    let rights = rights(rng);
    let related = if position > 0 && rng.chance(30) {
        vec![Related {
            id: record_id(index - 1),
            rel: "reply-to".into(),
        }]
    } else {
        Vec::new()
    };
    Record {
        id: record_id(index),
        title,
        date,
        doc_type: Some(doc_type.to_string()),
        summary: Some(summary),
        people,
        places,
        subjects,
        original_language: Some(original_language),
        texts,
        provenance: Some(Box::new(provenance)),
        rights: Some(Arc::new(rights)),
        collections: vec![shelf.collection_id.to_string()],
        related,
        extra: Map::new(),
        bodies: Bodies::Inline,
    }
}

pub fn record_id(index: u64) -> String {
    format!("rec-{index:07}")
}

fn push_unique(out: &mut Vec<Arc<NamedEntity>>, named: &Named, role: &str) {
    if out.iter().any(|e| e.name == named.name) {
        return;
    }
    out.push(Arc::new(NamedEntity {
        name: named.name.clone(),
        role: Some(role.to_string()),
        alt: named.alt.clone(),
    }));
}

fn dedup(mut items: Vec<String>) -> Vec<String> {
    let mut seen = Vec::new();
    items.retain(|s| {
        let new = !seen.contains(s);
        if new {
            seen.push(s.clone());
        }
        new
    });
    items
}

/// 1% undated, 5% partial or qualified, the rest full days. Returns the date and the
/// line a document would close with ("5 October 1945").
fn date(rng: &mut Rng, first: i32, last: i32) -> (Option<RecordDate>, Option<String>) {
    let roll = rng.below(1000);
    if roll < 10 {
        return (None, None);
    }
    let year = first + rng.range(0, (last - first).max(0) as usize) as i32;
    let month = rng.range(1, 12) as u8;
    let (edtf, display, line) = match roll {
        10..30 => (
            format!("{year}-{month:02}"),
            format!("{} {year}", MONTHS[usize::from(month - 1)]),
            format!("{} {year}", MONTHS[usize::from(month - 1)]),
        ),
        30..45 => (year.to_string(), year.to_string(), year.to_string()),
        45..55 => (format!("{year}~"), format!("ca. {year}"), year.to_string()),
        55..60 => (format!("{year}?"), format!("{year}?"), year.to_string()),
        _ => {
            let day = rng.range(1, usize::from(days_in_month(year, month))) as u8;
            let name = MONTHS[usize::from(month - 1)];
            (
                format!("{year}-{month:02}-{day:02}"),
                format!("{name} {day}, {year}"),
                format!("{day} {name} {year}"),
            )
        }
    };
    let edtf = Edtf::parse(&edtf).ok();
    (
        Some(RecordDate {
            edtf,
            display: Some(display),
            ..RecordDate::default()
        }),
        Some(line),
    )
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
