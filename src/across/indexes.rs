//! Indexes of a list of records: its people, places, subjects, document types and
//! holding archives, each with how many records name it. A person or place written
//! differently in different records ("L. Beria", "Lavrentiy Beria", "Берия") is one
//! entry when the records say so: spellings given together (a name and its `alt`)
//! are the same entity, and entities sharing any spelling (case and accents aside)
//! are merged. The entry is named by its most used main spelling.

use std::collections::HashMap;

use crate::search::fold::fold;
use crate::store::Store;
use crate::store::schema::{NamedEntity, Record};

/// What an index lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndexKind {
    People,
    Places,
    Subjects,
    Types,
    Archives,
}

impl IndexKind {
    pub const ALL: [IndexKind; 5] = [
        IndexKind::People,
        IndexKind::Places,
        IndexKind::Subjects,
        IndexKind::Types,
        IndexKind::Archives,
    ];

    /// The query field that narrows a list to one entry (`person:"..."`).
    pub fn field(self) -> &'static str {
        match self {
            IndexKind::People => "person",
            IndexKind::Places => "place",
            IndexKind::Subjects => "subject",
            IndexKind::Types => "type",
            IndexKind::Archives => "archive",
        }
    }
}

/// One entry of an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// The other spellings met, in the order first met.
    pub variants: Vec<String>,
    /// How many of the records name it.
    pub count: usize,
    /// Those records (indices into `Store::records`), in the list's order.
    pub records: Vec<usize>,
}

/// The spellings a record gives for each thing of a kind: one group per entity.
fn groups(record: &Record, kind: IndexKind) -> Vec<Vec<String>> {
    let named = |list: &[std::sync::Arc<NamedEntity>]| -> Vec<Vec<String>> {
        list.iter()
            .map(|e| {
                std::iter::once(&e.name)
                    .chain(&e.alt)
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|g| !g.is_empty())
            .collect()
    };
    let one = |value: Option<&str>| -> Vec<Vec<String>> {
        value
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| vec![vec![v.to_string()]])
            .unwrap_or_default()
    };
    match kind {
        IndexKind::People => named(&record.people),
        IndexKind::Places => named(&record.places),
        IndexKind::Subjects => record
            .subjects
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .map(|s| vec![s])
            .collect(),
        IndexKind::Types => one(record.doc_type.as_deref()),
        IndexKind::Archives => {
            let repository = record
                .provenance
                .as_ref()
                .and_then(|p| p.repository.as_ref());
            one(repository.and_then(|r| r.abbr.as_deref().or(r.name.as_deref())))
        }
    }
}

/// Union-find over entities, by index.
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn add(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.parent.len() - 1
    }

    fn find(&mut self, mut a: usize) -> usize {
        while self.parent[a] != a {
            self.parent[a] = self.parent[self.parent[a]];
            a = self.parent[a];
        }
        a
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[b.max(a)] = a.min(b);
        }
    }
}

/// The index of `kind` over `records` (indices into the store, in the list's
/// order): most named first, then by name.
pub fn index(store: &Store, records: &[usize], kind: IndexKind) -> Vec<Entry> {
    let mut sets = Sets { parent: Vec::new() };
    let mut by_spelling: HashMap<String, usize> = HashMap::new();
    // Per entity met: (main spelling, all spellings each with its folded form, record).
    let mut met: Vec<(String, Vec<(String, String)>, usize)> = Vec::new();
    // A record listed twice is counted once; so each set meets its records in the
    // list's order, each in one run, and the last one kept is the only one to check.
    let mut listed = vec![false; store.records.len()];
    for &r in records {
        let (Some(record), Some(seen)) = (store.records.get(r), listed.get_mut(r)) else {
            continue;
        };
        if std::mem::replace(seen, true) {
            continue;
        }
        for group in groups(record, kind) {
            let id = sets.add();
            let mut spellings = Vec::with_capacity(group.len());
            for spelling in group {
                let folded = fold(&spelling);
                match by_spelling.entry(folded.clone()) {
                    std::collections::hash_map::Entry::Occupied(seen) => {
                        sets.join(*seen.get(), id);
                    }
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(id);
                    }
                }
                spellings.push((spelling, folded));
            }
            let main = spellings[0].0.clone();
            met.push((main, spellings, r));
        }
    }
    // Gather each set: its records, its main spellings counted, every spelling.
    struct Gathered {
        mains: Vec<(String, usize)>,
        /// Each spelling with its folded form, the first of each folded form met.
        spellings: Vec<(String, String)>,
        records: Vec<usize>,
    }
    let mut gathered: HashMap<usize, Gathered> = HashMap::new();
    let mut order: Vec<usize> = Vec::new();
    for (id, (main, spellings, record)) in met.into_iter().enumerate() {
        let root = sets.find(id);
        let entry = gathered.entry(root).or_insert_with(|| {
            order.push(root);
            Gathered {
                mains: Vec::new(),
                spellings: Vec::new(),
                records: Vec::new(),
            }
        });
        match entry.mains.iter_mut().find(|(m, _)| *m == main) {
            Some((_, n)) => *n += 1,
            None => entry.mains.push((main, 1)),
        }
        for (spelling, folded) in spellings {
            if !entry.spellings.iter().any(|(_, f)| *f == folded) {
                entry.spellings.push((spelling, folded));
            }
        }
        if entry.records.last() != Some(&record) {
            entry.records.push(record);
        }
    }
    let mut entries: Vec<Entry> = order
        .into_iter()
        .filter_map(|root| gathered.remove(&root))
        .map(|g| {
            // The most used main spelling names the entry; the first met breaks ties.
            let name = g
                .mains
                .iter()
                .enumerate()
                .max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i)))
                .map(|(_, (m, _))| m.clone())
                .unwrap_or_default();
            let named = fold(&name);
            let variants = g
                .spellings
                .into_iter()
                .filter(|(_, folded)| *folded != named)
                .map(|(spelling, _)| spelling)
                .collect();
            Entry {
                name,
                variants,
                count: g.records.len(),
                records: g.records,
            }
        })
        .collect();
    sort_entries(&mut entries);
    entries
}

/// Most named first, then by name as folded.
fn sort_entries(entries: &mut [Entry]) {
    entries.sort_by_cached_key(|e| (std::cmp::Reverse(e.count), fold(&e.name)));
}

/// The entries of `whole` (an index of the whole store) for the records of a list:
/// each kept with the records it has in `listed`, counted again and sorted as
/// [`index`] sorts. Names and spellings stay as the whole store merged them. A pass
/// over the entries, not over the records' names again: what a list's index costs
/// once the store's is built.
pub fn narrowed(whole: &[Entry], listed: &std::collections::HashSet<usize>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = whole
        .iter()
        .filter_map(|entry| {
            let records: Vec<usize> = entry
                .records
                .iter()
                .copied()
                .filter(|r| listed.contains(r))
                .collect();
            (!records.is_empty()).then(|| Entry {
                name: entry.name.clone(),
                variants: entry.variants.clone(),
                count: records.len(),
                records,
            })
        })
        .collect();
    sort_entries(&mut entries);
    entries
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::store::Archive;

    fn person(name: &str, alt: &[&str]) -> Arc<NamedEntity> {
        Arc::new(NamedEntity {
            name: name.to_string(),
            role: None,
            alt: alt.iter().map(|s| s.to_string()).collect(),
        })
    }

    fn record(id: &str, people: Vec<Arc<NamedEntity>>, subjects: &[&str]) -> Record {
        Record {
            id: id.to_string(),
            people,
            subjects: subjects.iter().map(|s| s.to_string()).collect(),
            ..Record::default()
        }
    }

    #[test]
    fn variant_spellings_are_one_entry_named_by_the_most_used_spelling() {
        let store = Store::new(
            Archive::default(),
            vec![],
            vec![
                record(
                    "a",
                    vec![person("Ospan Batyr", &["Osman Batur"])],
                    &["Altai"],
                ),
                record("b", vec![person("Osman Batur", &[])], &["altai", "Oil"]),
                record("c", vec![person("Osman Batur", &["Ospan"])], &[]),
                record("d", vec![person("Choibalsan", &[])], &[]),
            ],
        );
        let all = store.all();
        let people = index(&store, &all, IndexKind::People);
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].name, "Osman Batur");
        assert_eq!(people[0].count, 3);
        assert_eq!(people[0].variants, vec!["Ospan Batyr", "Ospan"]);
        assert_eq!(people[1].name, "Choibalsan");
        let subjects = index(&store, &all, IndexKind::Subjects);
        assert_eq!(subjects[0].name, "Altai", "case aside, one subject");
        assert_eq!(subjects[0].count, 2);
        // Over part of the list, part of the counts.
        let some = index(&store, &[1, 3], IndexKind::People);
        assert_eq!(
            some.iter()
                .map(|e| (e.name.as_str(), e.count))
                .collect::<Vec<_>>(),
            vec![("Choibalsan", 1), ("Osman Batur", 1)]
        );
    }

    #[test]
    fn a_record_naming_someone_twice_counts_once() {
        let store = Store::new(
            Archive::default(),
            vec![],
            vec![record(
                "a",
                vec![
                    person("L. Beria", &[]),
                    person("Lavrentiy Beria", &["L. Beria"]),
                ],
                &[],
            )],
        );
        let people = index(&store, &store.all(), IndexKind::People);
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].count, 1);
    }
}
