//! Indexes of a list of records: its people, places, subjects, document types and
//! holding archives, each with how many records name it. A person or place written
//! differently in different records ("L. Beria", "Lavrentiy Beria", "Берия") is one
//! entry when the records say so: spellings given together (a name and its `alt`)
//! are the same entity, and entities sharing any spelling (case and accents aside)
//! are merged. The entry is named by its most used main spelling.

use std::collections::HashMap;

use crate::search::fold::fold;
use crate::store::Store;
use crate::store::schema::Record;

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

/// Calls `group` with the spellings a record gives for each thing of a kind, one
/// group per entity (trimmed, none empty, never an empty group): indexing the whole
/// store meets millions of spellings, and none is copied here.
fn each_group(
    record: &Record,
    kind: IndexKind,
    mut group: impl FnMut(&mut dyn Iterator<Item = &str>),
) {
    match kind {
        IndexKind::People | IndexKind::Places => {
            let list = if kind == IndexKind::People {
                &record.people
            } else {
                &record.places
            };
            for entity in list {
                let mut spellings = std::iter::once(&entity.name)
                    .chain(&entity.alt)
                    .filter_map(|s| spelled(s))
                    .peekable();
                if spellings.peek().is_some() {
                    group(&mut spellings);
                }
            }
        }
        IndexKind::Subjects => {
            for subject in record.subjects.iter().filter_map(|s| spelled(s)) {
                group(&mut std::iter::once(subject));
            }
        }
        IndexKind::Types | IndexKind::Archives => {
            let value = if kind == IndexKind::Types {
                record.doc_type.as_deref()
            } else {
                let repository = record
                    .provenance
                    .as_ref()
                    .and_then(|p| p.repository.as_ref());
                repository.and_then(|r| r.abbr.as_deref().or(r.name.as_deref()))
            };
            if let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) {
                group(&mut std::iter::once(value));
            }
        }
    }
}

/// A spelling trimmed, unless it is empty.
fn spelled(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
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

/// The spellings met while indexing, each kept once: a name recurs in thousands of
/// records, and is folded and copied only the first time.
#[derive(Default)]
struct Spellings {
    /// Each spelling as written, with the number of its folded form.
    written: Vec<(String, usize)>,
    by_written: HashMap<String, usize>,
    /// Each folded form's first spelling (the one an index shows).
    folded_first: Vec<usize>,
    by_folded: HashMap<String, usize>,
}

impl Spellings {
    /// The number of `spelling` as written.
    fn id(&mut self, spelling: &str) -> usize {
        if let Some(&id) = self.by_written.get(spelling) {
            return id;
        }
        let id = self.written.len();
        let folded = fold(spelling);
        let form = match self.by_folded.get(&folded) {
            Some(&form) => form,
            None => {
                let form = self.folded_first.len();
                self.folded_first.push(id);
                self.by_folded.insert(folded, form);
                form
            }
        };
        self.written.push((spelling.to_string(), form));
        self.by_written.insert(spelling.to_string(), id);
        id
    }

    fn form(&self, id: usize) -> usize {
        self.written[id].1
    }

    fn text(&self, id: usize) -> &str {
        &self.written[id].0
    }
}

/// One entity as a record names it: its spellings (numbers, see [`Spellings`]) are
/// `spelled[first..end]`, the first its main spelling.
struct Met {
    first: usize,
    end: usize,
    record: usize,
}

/// The index of `kind` over `records` (indices into the store, in the list's
/// order): most named first, then by name.
pub fn index(store: &Store, records: &[usize], kind: IndexKind) -> Vec<Entry> {
    let mut spellings = Spellings::default();
    // Union-find over folded forms: the spellings given together are one entity, and
    // entities sharing a folded form are merged.
    let mut sets = Sets { parent: Vec::new() };
    let mut spelled: Vec<usize> = Vec::new();
    let mut met: Vec<Met> = Vec::new();
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
        each_group(record, kind, |group| {
            let first = spelled.len();
            for spelling in group {
                let id = spellings.id(spelling);
                let form = spellings.form(id);
                while sets.parent.len() <= form {
                    sets.add();
                }
                if let Some(&main) = spelled.get(first) {
                    sets.join(spellings.form(main), form);
                }
                spelled.push(id);
            }
            met.push(Met {
                first,
                end: spelled.len(),
                record: r,
            });
        });
    }
    // Gather each set: its records, its main spellings counted, its folded forms in
    // the order first met.
    struct Gathered {
        mains: Vec<(usize, usize)>,
        forms: Vec<usize>,
        records: Vec<usize>,
    }
    let mut gathered: HashMap<usize, Gathered> = HashMap::new();
    let mut order: Vec<usize> = Vec::new();
    for one in &met {
        let group = &spelled[one.first..one.end];
        let Some(&main) = group.first() else {
            continue;
        };
        let root = sets.find(spellings.form(main));
        let entry = gathered.entry(root).or_insert_with(|| {
            order.push(root);
            Gathered {
                mains: Vec::new(),
                forms: Vec::new(),
                records: Vec::new(),
            }
        });
        match entry.mains.iter_mut().find(|(m, _)| *m == main) {
            Some((_, n)) => *n += 1,
            None => entry.mains.push((main, 1)),
        }
        for &id in group {
            let form = spellings.form(id);
            if !entry.forms.contains(&form) {
                entry.forms.push(form);
            }
        }
        if entry.records.last() != Some(&one.record) {
            entry.records.push(one.record);
        }
    }
    let mut entries: Vec<Entry> = order
        .into_iter()
        .filter_map(|root| gathered.remove(&root))
        .map(|g| {
            // The most used main spelling names the entry; the first met breaks ties.
            let named = g
                .mains
                .iter()
                .enumerate()
                .max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i)))
                .map(|(_, (m, _))| *m);
            let name = named.map_or_else(String::new, |m| spellings.text(m).to_string());
            let name_form = named.map(|m| spellings.form(m));
            let variants = g
                .forms
                .into_iter()
                .filter(|&form| Some(form) != name_form)
                .map(|form| spellings.text(spellings.folded_first[form]).to_string())
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
    use crate::store::schema::NamedEntity;

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
        // A record listed twice, or one the store does not have, counts once or not at all.
        let twice = index(&store, &[1, 1, 2, 99, 1], IndexKind::People);
        assert_eq!(twice[0].count, 2);
        assert_eq!(twice[0].records, vec![1, 2]);
        assert_eq!(twice[0].variants, vec!["Ospan"]);
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
