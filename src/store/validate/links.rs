//! References between records and collections, checked record by record as a store's
//! files arrive, and settled once every record has been seen.
//!
//! Membership rule: a collection's members are its own `record_ids`, in its order,
//! followed by every record that names the collection in its `collections` list
//! without being listed by it, in store order. So a membership written on either
//! side is kept. Each record's `collections` lists every collection it belongs to
//! (its own order first, then the collections' order), so both sides agree. All of a
//! record's collections are known from `collections.json`, so a record is linked as
//! soon as it is read; only what depends on every record (members that do not exist,
//! related records further on) waits for [`Links::finish`].

use std::collections::{HashMap, HashSet};

use super::{Dropped, Located, Place};
use crate::store::schema::{Collection, Record};
use crate::store::{Problem, Severity};

/// What is known of one record id.
#[derive(Debug, Default)]
struct Known {
    /// Where the record kept under this id was read, once it has been.
    kept: Option<Place>,
    /// The collections whose `record_ids` list this id, in the collections' order.
    listed_in: Listed,
}

/// A short list of collection positions: nearly every record is in one collection.
#[derive(Debug, Default)]
enum Listed {
    #[default]
    Nowhere,
    In(u32),
    InSeveral(Vec<u32>),
}

impl Listed {
    fn add(&mut self, collection: u32) {
        *self = match std::mem::take(self) {
            Listed::Nowhere => Listed::In(collection),
            Listed::In(first) if first == collection => Listed::In(first),
            Listed::In(first) => Listed::InSeveral(vec![first, collection]),
            Listed::InSeveral(mut all) => {
                if !all.contains(&collection) {
                    all.push(collection);
                }
                Listed::InSeveral(all)
            }
        }
    }

    fn as_slice(&self) -> &[u32] {
        match self {
            Listed::Nowhere => &[],
            Listed::In(one) => std::slice::from_ref(one),
            Listed::InSeveral(all) => all,
        }
    }
}

/// A related record not (yet) seen when the record naming it was read.
#[derive(Debug)]
struct Unresolved {
    id: String,
    /// The warning, if the record never turns up.
    warning: Problem,
}

/// The links of a store whose records are read one after another, in store order.
#[derive(Debug)]
pub(crate) struct Links {
    /// Checked, with parents settled; `record_ids` as written until [`Links::finish`].
    collections: Vec<Located<Collection>>,
    /// Collection id -> position in `collections`.
    positions: HashMap<String, u32>,
    ids: HashMap<Box<str>, Known>,
    /// Per collection: records naming it without being listed by it, in store order.
    named_by: Vec<Vec<String>>,
    unresolved: Vec<Unresolved>,
}

impl Links {
    /// Starts from the checked collections (see [`super::check_collections`]); cuts
    /// parents that do not exist or loop, reporting them to `problems`.
    pub fn new(
        mut collections: Vec<Located<Collection>>,
        dropped: &HashSet<String>,
        problems: &mut Vec<Problem>,
    ) -> Self {
        check_parents(&mut collections, dropped, problems);
        let mut positions = HashMap::with_capacity(collections.len());
        let mut ids: HashMap<Box<str>, Known> = HashMap::new();
        for (at, located) in collections.iter().enumerate() {
            // More collections than u32 holds cannot be read into memory anyway.
            let at = u32::try_from(at).unwrap_or(u32::MAX);
            positions.insert(located.item.id.clone(), at);
            for id in &located.item.record_ids {
                match ids.get_mut(id.as_str()) {
                    Some(known) => known.listed_in.add(at),
                    None => {
                        let mut known = Known::default();
                        known.listed_in.add(at);
                        ids.insert(id.as_str().into(), known);
                    }
                }
            }
        }
        Links {
            named_by: vec![Vec::new(); collections.len()],
            collections,
            positions,
            ids,
            unresolved: Vec::new(),
        }
    }

    /// Where the record kept under `id` was read, if one was.
    pub fn first_seen(&self, id: &str) -> Option<&Place> {
        self.ids.get(id)?.kept.as_ref()
    }

    /// The collections as they stand before every record is read: each member listed
    /// once, but members that turn out not to exist not yet taken out, and records that
    /// name a collection without being listed by it not yet added.
    pub fn collections_so_far(&self) -> Vec<Collection> {
        self.collections
            .iter()
            .map(|located| {
                let mut seen = HashSet::new();
                let record_ids = (located.item.record_ids.iter())
                    .filter(|id| seen.insert(id.as_str()))
                    .cloned()
                    .collect();
                Collection {
                    record_ids,
                    ..located.item.clone()
                }
            })
            .collect()
    }

    /// Takes in a record that is kept (checked: a usable id not kept before) and links
    /// it: its own `collections` narrowed to those that exist, each once (one that does
    /// not exist is reported to `problems` unless it was dropped), then the collections
    /// that list it. A related record not seen yet is looked for again by `finish`.
    pub fn keep(
        &mut self,
        located: &mut Located<Record>,
        dropped_collections: &HashSet<String>,
        problems: &mut Vec<Problem>,
    ) {
        let place = located.place();
        let record = &mut located.item;
        match self.ids.get_mut(record.id.as_str()) {
            Some(known) => known.kept = Some(place),
            None => {
                let known = Known {
                    kept: Some(place),
                    listed_in: Listed::Nowhere,
                };
                self.ids.insert(record.id.as_str().into(), known);
            }
        }
        let listed = (self.ids.get(record.id.as_str())).map_or(&[][..], |k| k.listed_in.as_slice());
        let mut own: Vec<String> = Vec::with_capacity(record.collections.len());
        for name in std::mem::take(&mut record.collections) {
            match self.positions.get(&name) {
                None if dropped_collections.contains(&name) => {}
                None => problems.push(
                    Problem::error(
                        &*located.file,
                        format!("no collection with id {name:?}; ignored"),
                    )
                    .at_line(located.line)
                    .with_id(&record.id)
                    .with_field("collections"),
                ),
                Some(&c) if !own.contains(&name) => {
                    if !listed.contains(&c)
                        && let Some(named) = self.named_by.get_mut(c as usize)
                    {
                        named.push(record.id.clone());
                    }
                    own.push(name);
                }
                Some(_) => {}
            }
        }
        for &c in listed {
            if let Some(collection) = self.collections.get(c as usize)
                && !own.contains(&collection.item.id)
            {
                own.push(collection.item.id.clone());
            }
        }
        record.collections = own;

        let record = &located.item;
        for (i, related) in record.related.iter().enumerate() {
            let seen = (self.ids.get(related.id.as_str())).is_some_and(|k| k.kept.is_some());
            if !seen {
                let mut warning = located.problem(
                    &record.id,
                    Some(&format!("related[{i}].id")),
                    format!("no record with id {:?} in this store", related.id),
                );
                warning.severity = Severity::Warning;
                self.unresolved.push(Unresolved {
                    id: related.id.clone(),
                    warning,
                });
            }
        }
    }

    /// Settles what needs every record: a member that does not exist is reported to
    /// `members` (unless it was dropped) and taken out, one listed twice is warned
    /// about and kept once, and the records naming a collection without being listed
    /// by it follow its own members. A related record that never turned up is warned
    /// about in `related`. Returns the collections.
    pub fn finish(
        self,
        dropped: &Dropped,
        members: &mut Vec<Problem>,
        related: &mut Vec<Problem>,
    ) -> Vec<Collection> {
        let Links {
            collections,
            ids,
            named_by,
            unresolved,
            ..
        } = self;
        let exists = |id: &str| ids.get(id).is_some_and(|k| k.kept.is_some());
        let mut settled = Vec::with_capacity(collections.len());
        for (mut located, named) in collections.into_iter().zip(named_by) {
            let listed = std::mem::take(&mut located.item.record_ids);
            let mut seen = HashSet::with_capacity(listed.len());
            let mut kept = Vec::with_capacity(listed.len() + named.len());
            for id in &listed {
                if !exists(id) {
                    if !dropped.records.contains(id) {
                        members.push(located.problem(
                            &located.item.id,
                            Some("record_ids"),
                            format!("no record with id {id:?} in this store; member ignored"),
                        ));
                    }
                } else if !seen.insert(id.as_str()) {
                    let mut problem = located.problem(
                        &located.item.id,
                        Some("record_ids"),
                        format!("{id:?} listed twice; the second ignored"),
                    );
                    problem.severity = Severity::Warning;
                    members.push(problem);
                } else {
                    kept.push(id.clone());
                }
            }
            kept.extend(named);
            located.item.record_ids = kept;
            settled.push(located.item);
        }
        related.extend(
            unresolved
                .into_iter()
                .filter(|u| !exists(&u.id) && !dropped.records.contains(&u.id))
                .map(|u| u.warning),
        );
        settled
    }
}

/// A parent that does not exist, or a chain of parents that loops, is reported and
/// cut, so the collection shows at the top level instead of vanishing.
fn check_parents(
    collections: &mut [Located<Collection>],
    dropped: &HashSet<String>,
    problems: &mut Vec<Problem>,
) {
    let index: HashMap<String, usize> = collections
        .iter()
        .enumerate()
        .map(|(i, c)| (c.item.id.clone(), i))
        .collect();
    for i in 0..collections.len() {
        let Some(parent) = collections[i].item.parent.clone() else {
            continue;
        };
        if !index.contains_key(&parent) {
            let located = &collections[i];
            if !dropped.contains(&parent) {
                problems.push(located.problem(
                    &located.item.id,
                    Some("parent"),
                    format!("no collection with id {parent:?}; shown at the top level"),
                ));
            }
            collections[i].item.parent = None;
            continue;
        }
        let mut at = Some(parent);
        for _ in 0..collections.len() {
            let Some(step) = at.as_ref().and_then(|id| index.get(id)) else {
                break;
            };
            if *step == i {
                let located = &collections[i];
                problems.push(located.problem(
                    &located.item.id,
                    Some("parent"),
                    "parents form a loop back to this collection; shown at the top level".into(),
                ));
                collections[i].item.parent = None;
                break;
            }
            at = collections[*step].item.parent.clone();
        }
    }
}
