//! Where a synthetic document is held and under what rights: repositories, locators
//! and citations in the forms real stores use (`GARF, f. 9401s, op. 2, d. 10004, ll. 62-63`).

use super::names::Pools;
use super::record::Shelf;
use super::rng::Rng;
use crate::store::schema::{DigitalSource, Locator, Provenance, Repository, Rights, RightsStatus};

const FUNDERS: &[&str] = &[
    "Synthetic Foundation for Archival Access",
    "Fictional Trust for Documentary Editions",
];
const SEE_STATEMENT: &str = "Reproduced for research and teaching. Rights remain with the holding \
    archive; ask it before any commercial use.";

/// A repository a synthetic collection is held in, with the locator scheme it uses.
pub struct Holder {
    pub abbr: &'static str,
    pub name: &'static str,
    pub place: &'static str,
    pub russian: bool,
}

pub const HOLDERS: &[Holder] = &[
    Holder {
        abbr: "GARF",
        name: "State Archive of the Russian Federation",
        place: "Moscow",
        russian: true,
    },
    Holder {
        abbr: "RGASPI",
        name: "Russian State Archive of Socio-Political History",
        place: "Moscow",
        russian: true,
    },
    Holder {
        abbr: "RGANI",
        name: "Russian State Archive of Contemporary History",
        place: "Moscow",
        russian: true,
    },
    Holder {
        abbr: "AVP RF",
        name: "Archive of Foreign Policy of the Russian Federation",
        place: "Moscow",
        russian: true,
    },
    Holder {
        abbr: "RGVA",
        name: "Russian State Military Archive",
        place: "Moscow",
        russian: true,
    },
    Holder {
        abbr: "HIA",
        name: "Hoover Institution Library & Archives",
        place: "Stanford",
        russian: false,
    },
];

pub fn provenance(
    rng: &mut Rng,
    index: u64,
    shelf: &Shelf<'_>,
    pools: &Pools,
    translated_by: Vec<String>,
) -> Provenance {
    let holder = shelf.holder;
    let (citation, locator) = if holder.russian {
        let delo = rng.range(1, 20_000).to_string();
        let first = rng.range(1, 400);
        let folios = match rng.below(4) {
            0 => format!("{first}"),
            1 => format!("{first}ob"),
            _ => format!("{first}-{}", first + rng.range(1, 12)),
        };
        let l = if folios.contains('-') { "ll." } else { "l." };
        let citation = format!(
            "{}, f. {}, op. {}, d. {delo}, {l} {folios}",
            holder.abbr, shelf.fond, shelf.opis
        );
        let locator = Locator::FondOpisDelo {
            fond: Some(shelf.fond.to_string()),
            opis: Some(shelf.opis.to_string()),
            delo: Some(delo),
            folios: Some(folios),
        };
        (citation, locator)
    } else {
        let bx = rng.range(1, 300).to_string();
        let folder = rng.range(1, 40).to_string();
        let citation = format!(
            "{}, {} Papers, Box {bx}, Folder {folder}",
            holder.name, shelf.fond
        );
        (
            citation,
            Locator::BoxFolder {
                r#box: Some(bx),
                folder: Some(folder),
            },
        )
    };
    let contributed_by = if rng.chance(500) {
        pools
            .people
            .get(rng.below(pools.people.len() as u64) as usize)
            .map(|p| vec![p.name.clone()])
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let funders = if rng.chance(300) {
        vec![(rng.pick(FUNDERS)).to_string()]
    } else {
        Vec::new()
    };
    let classification = match rng.below(10) {
        0..3 => Some("Top Secret".to_string()),
        3..5 => Some("Secret".to_string()),
        _ => None,
    };
    Provenance {
        citation,
        repository: Some(std::sync::Arc::new(Repository {
            abbr: Some(holder.abbr.into()),
            name: Some(holder.name.into()),
            place: Some(holder.place.into()),
        })),
        locator: Some(locator),
        classification,
        contributed_by,
        translated_by,
        funders,
        digital: Some(DigitalSource {
            name: Some("Synthetic Digital Archive".into()),
            publisher: Some("carrel synth".into()),
            url: None,
            record_id: Some(index.to_string()),
            uploaded: None,
        }),
        notes: Vec::new(),
    }
}

pub fn rights(rng: &mut Rng) -> Rights {
    match rng.below(10) {
        0..3 => Rights {
            status: RightsStatus::PublicDomain,
            license: None,
            statement: None,
        },
        3..5 => Rights {
            status: RightsStatus::OpenLicense,
            license: Some("CC-BY-4.0".into()),
            statement: None,
        },
        5..9 => Rights {
            status: RightsStatus::SeeStatement,
            license: None,
            statement: Some(SEE_STATEMENT.into()),
        },
        _ => Rights::default(),
    }
}
