//! Archival neighbours: records held together in the archive are read together.
//! From a record, the others of the same repository and fond, opis and delo (or box
//! and folder, or volume), nearest first: those of the same file before those of the
//! same opis, before those of the same fond; within a file, by folio or page nearest
//! to the record's, then by date.
//!
//! Built once for the store: every record's locator gives its place at each level,
//! and each place keeps its members. Asking for a record's neighbours then only reads
//! the groups it belongs to.

use std::collections::HashMap;

use crate::store::schema::{Locator, Record};
use crate::store::{SortOrder, Store};

/// One level of a record's place in the archive, with the records there (the
/// record itself and those of deeper levels left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    /// Where, as a historian writes it: "GARF f. 9401s op. 2 d. 10004".
    pub place: String,
    /// Indices into `Store::records`, nearest first.
    pub records: Vec<usize>,
}

/// Every place in the archive that holds a record, with its members.
#[derive(Debug, Clone, Default)]
pub struct Neighbours {
    groups: HashMap<String, Vec<u32>>,
}

/// A record's places, deepest last: (key, how it is written).
fn places(record: &Record) -> Vec<(String, String)> {
    let Some(provenance) = &record.provenance else {
        return Vec::new();
    };
    let Some(locator) = &provenance.locator else {
        return Vec::new();
    };
    let repository = provenance
        .repository
        .as_ref()
        .and_then(|r| r.abbr.clone().or_else(|| r.name.clone()))
        .unwrap_or_default();
    let parts: Vec<(&str, &Option<String>)> = match locator {
        Locator::FondOpisDelo {
            fond, opis, delo, ..
        } => vec![("f.", fond), ("op.", opis), ("d.", delo)],
        Locator::BoxFolder { r#box, folder } => vec![("box", r#box), ("folder", folder)],
        Locator::VolumePage { volume, .. } => vec![("vol.", volume)],
    };
    let mut key = repository.to_lowercase();
    let mut written = repository.clone();
    let mut found = Vec::new();
    for (label, value) in parts {
        // A missing part ends the path: "op. 2" of an unknown fond says nothing.
        let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
            break;
        };
        key.push('\u{1f}');
        key.push_str(label);
        key.push_str(&value.to_lowercase());
        if !written.is_empty() {
            written.push(' ');
        }
        written.push_str(&format!("{label} {value}"));
        found.push((key.clone(), written.clone()));
    }
    found
}

/// The first number in a folio or page reference ("ll. 62-63" → 62).
fn first_number(text: &str) -> Option<u64> {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn position(record: &Record) -> Option<u64> {
    match record.provenance.as_ref()?.locator.as_ref()? {
        Locator::FondOpisDelo { folios, .. } => first_number(folios.as_deref()?),
        Locator::VolumePage { page, .. } => first_number(page.as_deref()?),
        Locator::BoxFolder { .. } => None,
    }
}

impl Neighbours {
    pub fn build(store: &Store) -> Self {
        let mut groups: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, record) in store.records.iter().enumerate() {
            for (key, _) in places(record) {
                groups
                    .entry(key)
                    .or_default()
                    .push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        Neighbours { groups }
    }

    /// Record `index`'s neighbours, level by level, deepest (nearest) first; levels
    /// with no other record are left out.
    pub fn of(&self, store: &Store, index: usize) -> Vec<Level> {
        let Some(record) = store.records.get(index) else {
            return Vec::new();
        };
        let mut seen = std::collections::HashSet::from([index]);
        let mine = position(record);
        let mut levels = Vec::new();
        for (key, place) in places(record).into_iter().rev() {
            let Some(members) = self.groups.get(&key) else {
                continue;
            };
            let mut records: Vec<usize> = members
                .iter()
                .map(|&m| m as usize)
                .filter(|m| seen.insert(*m))
                .collect();
            if records.is_empty() {
                continue;
            }
            store.sort(&mut records, SortOrder::Date);
            if let Some(mine) = mine {
                // Stable: the date order stays among records as near as each other.
                records.sort_by_key(|&r| {
                    position(&store.records[r]).map_or(u64::MAX, |p| p.abs_diff(mine))
                });
            }
            levels.push(Level { place, records });
        }
        levels
    }

    /// How many places are indexed (for the benchmark).
    pub fn places(&self) -> usize {
        self.groups.len()
    }

    /// The bytes held, roughly (for the benchmark's memory figure).
    pub fn heap_bytes(&self) -> usize {
        self.groups
            .iter()
            .map(|(k, v)| k.capacity() + v.capacity() * 4 + 64)
            .sum()
    }
}

/// Record `index`'s neighbours, built for this one question (see [`Neighbours`]).
pub fn neighbours(store: &Store, index: usize) -> Vec<Level> {
    Neighbours::build(store).of(store, index)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::store::Archive;
    use crate::store::schema::{Provenance, Repository};

    fn held(id: &str, repository: &str, locator: Locator) -> Record {
        Record {
            id: id.to_string(),
            title: id.to_string(),
            provenance: Some(Box::new(Provenance {
                citation: String::new(),
                repository: Some(Arc::new(Repository {
                    abbr: Some(repository.to_string()),
                    ..Repository::default()
                })),
                locator: Some(locator),
                ..Provenance::default()
            })),
            ..Record::default()
        }
    }

    fn fod(fond: &str, opis: &str, delo: &str, folios: &str) -> Locator {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Locator::FondOpisDelo {
            fond: some(fond),
            opis: some(opis),
            delo: some(delo),
            folios: some(folios),
        }
    }

    fn ids(store: &Store, records: &[usize]) -> Vec<String> {
        records
            .iter()
            .map(|&r| store.records[r].id.clone())
            .collect()
    }

    #[test]
    fn fond_opis_delo_nearest_first() {
        let store = Store::new(
            Archive::default(),
            vec![],
            vec![
                held("beria", "GARF", fod("9401s", "2", "10004", "ll. 62-63")),
                held("far-folio", "GARF", fod("9401s", "2", "10004", "ll. 200")),
                held("near-folio", "GARF", fod("9401s", "2", "10004", "l. 60")),
                held("same-opis", "GARF", fod("9401s", "2", "99", "")),
                held("same-fond", "GARF", fod("9401s", "1", "5", "")),
                held("other-archive", "RGASPI", fod("9401s", "2", "10004", "")),
                held("other-fond", "GARF", fod("5446", "2", "10004", "")),
            ],
        );
        let levels = neighbours(&store, 0);
        let places: Vec<&str> = levels.iter().map(|l| l.place.as_str()).collect();
        assert_eq!(
            places,
            vec![
                "GARF f. 9401s op. 2 d. 10004",
                "GARF f. 9401s op. 2",
                "GARF f. 9401s"
            ]
        );
        assert_eq!(
            ids(&store, &levels[0].records),
            vec!["near-folio", "far-folio"]
        );
        assert_eq!(ids(&store, &levels[1].records), vec!["same-opis"]);
        assert_eq!(ids(&store, &levels[2].records), vec!["same-fond"]);
    }

    #[test]
    fn box_and_folder_and_volume() {
        let bf = |b: &str, f: &str| Locator::BoxFolder {
            r#box: Some(b.to_string()),
            folder: Some(f.to_string()),
        };
        let vol = |v: &str, p: &str| Locator::VolumePage {
            volume: Some(v.to_string()),
            page: Some(p.to_string()),
        };
        let store = Store::new(
            Archive::default(),
            vec![],
            vec![
                held("a", "HIA", bf("3", "7")),
                held("b", "HIA", bf("3", "7")),
                held("c", "HIA", bf("3", "8")),
                held("d", "HIA", bf("4", "7")),
                held("v1", "FRUS", vol("24", "p. 10")),
                held("v2", "FRUS", vol("24", "p. 500")),
                held("v3", "FRUS", vol("25", "p. 10")),
            ],
        );
        let levels = neighbours(&store, 0);
        assert_eq!(levels[0].place, "HIA box 3 folder 7");
        assert_eq!(ids(&store, &levels[0].records), vec!["b"]);
        assert_eq!(levels[1].place, "HIA box 3");
        assert_eq!(ids(&store, &levels[1].records), vec!["c"]);
        assert_eq!(levels.len(), 2, "box 4 is another box");
        let levels = neighbours(&store, 4);
        assert_eq!(levels.len(), 1);
        assert_eq!(levels[0].place, "FRUS vol. 24");
        assert_eq!(ids(&store, &levels[0].records), vec!["v2"]);
    }

    #[test]
    fn a_record_without_a_locator_has_no_neighbours() {
        let store = Store::new(
            Archive::default(),
            vec![],
            vec![Record {
                id: "x".into(),
                ..Record::default()
            }],
        );
        assert!(neighbours(&store, 0).is_empty());
        assert!(neighbours(&store, 7).is_empty());
    }
}
