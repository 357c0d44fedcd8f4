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
//!
//! Every id met (listed by a collection, or of a record kept) is numbered once, and
//! members are held as numbers: a big store's ids are not held twice over meanwhile.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::{Dropped, Located, Place};
use crate::store::schema::{Collection, Record};
use crate::store::{Problem, Severity};

/// No collection, or no file.
const NONE: u32 = u32::MAX;

/// What is known of one id.
#[derive(Debug, Clone, Copy)]
struct Known {
    /// The line of the record kept under this id, 0 while none is (lines count from 1).
    line: usize,
    /// Its file, in `Links::files`.
    file: u32,
    /// The first collection listing this id (more in `Links::also_listed`), or `NONE`.
    listed: u32,
}

impl Known {
    const UNSEEN: Known = Known {
        line: 0,
        file: NONE,
        listed: NONE,
    };

    fn is_kept(&self) -> bool {
        self.line > 0
    }
}

/// A related record not (yet) seen when the record naming it was read.
#[derive(Debug)]
struct Unresolved {
    id: String,
    /// The warning, if the record never turns up.
    warning: Problem,
}

/// A collection's number or a count as u32: more of them than that cannot be read
/// into memory anyway.
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(NONE)
}

/// The links of a store whose records are read one after another, in store order.
#[derive(Debug)]
pub(crate) struct Links {
    /// Checked, with parents settled; their `record_ids` are in `members`.
    collections: Vec<Located<Collection>>,
    /// Per collection: its `record_ids` as written, as id numbers.
    members: Vec<Vec<u32>>,
    /// Collection id -> position in `collections`.
    positions: HashMap<String, u32>,
    /// Id -> its number, the place of what is known of it in `known`.
    numbers: HashMap<Box<str>, u32>,
    known: Vec<Known>,
    /// Id number -> the collections after the first that list it, in order.
    also_listed: HashMap<u32, Vec<u32>>,
    /// The record files, in the order their first kept record came.
    files: Vec<Arc<str>>,
    /// Per collection: records naming it without being listed by it, in store order.
    named_by: Vec<Vec<u32>>,
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
        let mut links = Links {
            members: Vec::with_capacity(collections.len()),
            positions: HashMap::with_capacity(collections.len()),
            numbers: HashMap::new(),
            known: Vec::new(),
            also_listed: HashMap::new(),
            files: Vec::new(),
            named_by: vec![Vec::new(); collections.len()],
            unresolved: Vec::new(),
            collections: Vec::new(),
        };
        let listed = collections.iter().map(|c| c.item.record_ids.len()).sum();
        links.numbers.reserve(listed);
        links.known.reserve(listed);
        for (at, located) in collections.iter().enumerate() {
            let at = small(at);
            links.positions.insert(located.item.id.clone(), at);
            let mut members = Vec::with_capacity(located.item.record_ids.len());
            for id in &located.item.record_ids {
                let n = links.number(id);
                members.push(n);
                let known = &mut links.known[n as usize];
                if known.listed == NONE {
                    known.listed = at;
                } else if known.listed != at {
                    let also = links.also_listed.entry(n).or_default();
                    if !also.contains(&at) {
                        also.push(at);
                    }
                }
            }
            links.members.push(members);
        }
        links.collections = collections;
        links
    }

    /// The number of `id`, numbering it if it is new.
    fn number(&mut self, id: &str) -> u32 {
        if let Some(&n) = self.numbers.get(id) {
            return n;
        }
        let n = small(self.known.len());
        self.numbers.insert(id.into(), n);
        self.known.push(Known::UNSEEN);
        n
    }

    fn known(&self, id: &str) -> Option<&Known> {
        let n = *self.numbers.get(id)?;
        self.known.get(n as usize)
    }

    /// Where the record kept under `id` was read, if one was.
    pub fn first_seen(&self, id: &str) -> Option<Place> {
        let known = self.known(id).filter(|k| k.is_kept())?;
        Some(Place {
            file: self.files.get(known.file as usize)?.clone(),
            line: known.line,
        })
    }

    /// The collections before any record is read, each member listed once; members
    /// that turn out not to exist are not yet taken out, and records that name a
    /// collection without being listed by it not yet added. Their members are handed
    /// over, not copied: call this once.
    pub fn take_collections_so_far(&mut self) -> Vec<Collection> {
        let mut seen = HashSet::new();
        (self.collections.iter_mut())
            .map(|located| {
                let mut record_ids = std::mem::take(&mut located.item.record_ids);
                seen.clear();
                record_ids.retain(|id| seen.insert(id.clone()));
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
        if !self
            .files
            .last()
            .is_some_and(|f| Arc::ptr_eq(f, &located.file))
        {
            self.files.push(Arc::clone(&located.file));
        }
        let file = small(self.files.len() - 1);
        let record = &mut located.item;
        let n = self.number(&record.id);
        let known = &mut self.known[n as usize];
        known.line = located.line.max(1);
        known.file = file;
        let first = known.listed;
        let listed: Vec<u32> = (first != NONE)
            .then_some(first)
            .into_iter()
            .chain(self.also_listed.get(&n).into_iter().flatten().copied())
            .collect();
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
                        named.push(n);
                    }
                    own.push(name);
                }
                Some(_) => {}
            }
        }
        for &c in &listed {
            if let Some(collection) = self.collections.get(c as usize)
                && !own.contains(&collection.item.id)
            {
                own.push(collection.item.id.clone());
            }
        }
        record.collections = own;

        let record = &located.item;
        for (i, related) in record.related.iter().enumerate() {
            if !self.known(&related.id).is_some_and(Known::is_kept) {
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
        let mut names: Vec<&str> = vec![""; self.known.len()];
        for (id, &n) in &self.numbers {
            if let Some(name) = names.get_mut(n as usize) {
                *name = id;
            }
        }
        let name = |n: u32| names.get(n as usize).copied().unwrap_or_default();
        // The last collection (its position + 1) each id was met in, to see repeats.
        let mut met = vec![0u32; self.known.len()];
        let mut settled = Vec::with_capacity(self.collections.len());
        let parts = self
            .collections
            .into_iter()
            .zip(self.members)
            .zip(self.named_by);
        for (at, ((mut located, listed), named)) in parts.enumerate() {
            let mark = small(at).saturating_add(1);
            let mut kept = Vec::with_capacity(listed.len() + named.len());
            for n in listed {
                let id = name(n);
                if !self.known[n as usize].is_kept() {
                    if !dropped.records.contains(id) {
                        members.push(located.problem(
                            &located.item.id,
                            Some("record_ids"),
                            format!("no record with id {id:?} in this store; member ignored"),
                        ));
                    }
                } else if met[n as usize] == mark {
                    let mut problem = located.problem(
                        &located.item.id,
                        Some("record_ids"),
                        format!("{id:?} listed twice; the second ignored"),
                    );
                    problem.severity = Severity::Warning;
                    members.push(problem);
                } else {
                    met[n as usize] = mark;
                    kept.push(id.to_string());
                }
            }
            kept.extend(named.into_iter().map(|n| name(n).to_string()));
            located.item.record_ids = kept;
            settled.push(located.item);
        }
        let exists = |id: &str| {
            (self.numbers.get(id))
                .and_then(|&n| self.known.get(n as usize))
                .is_some_and(Known::is_kept)
        };
        related.extend(
            self.unresolved
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
