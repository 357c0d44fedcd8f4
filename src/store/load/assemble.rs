//! Checking and linking a store's records file by file, in store order, so that a
//! store can be handed over while it is still being read (see
//! [`crate::store::cache::open_in_background`]). Loading a whole store goes through
//! the same steps: feed every file, then finish, so both ways give the same store.

use super::items::Items;
use crate::store::Problem;
use crate::store::schema::{Collection, Record};
use crate::store::share::Shared;
use crate::store::validate::{self, Dropped, Links};

/// The problems of each step of checking, kept apart so that they come out in the
/// same order however the files were fed: step after step, each in the order found,
/// then sorted by file and line (stable: problems on one line keep that order).
#[derive(Debug, Default)]
struct Found {
    /// Found before the checks: the folder, the archive, reading collections.json.
    before: Vec<Problem>,
    /// Reading the record files.
    reading: Vec<Problem>,
    records: Vec<Problem>,
    collections: Vec<Problem>,
    parents: Vec<Problem>,
    members: Vec<Problem>,
    records_collections: Vec<Problem>,
    related: Vec<Problem>,
}

impl Found {
    fn steps(&self) -> [&Vec<Problem>; 8] {
        [
            &self.before,
            &self.reading,
            &self.records,
            &self.collections,
            &self.parents,
            &self.members,
            &self.records_collections,
            &self.related,
        ]
    }

    fn sorted(mut problems: Vec<Problem>) -> Vec<Problem> {
        // Problems read best in file order; within a file, by line.
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        problems
    }
}

/// What only the whole store decides: the collections' members and every problem.
#[derive(Debug)]
pub(crate) struct Settled {
    pub collections: Vec<Collection>,
    pub problems: Vec<Problem>,
}

/// Checks a store's records as its files come, in store order (see the module).
#[derive(Debug)]
pub(crate) struct Assembler {
    found: Found,
    dropped: Dropped,
    links: Links,
    /// The people, places, archives and rights of the records kept so far.
    shared: Shared,
}

impl Assembler {
    /// Starts from the store's collections as read and the problems found so far;
    /// the collections are checked at once (ids, repeats, parents).
    pub fn new(collections: Items<Collection>, problems: Vec<Problem>) -> Self {
        let mut found = Found {
            before: problems,
            ..Found::default()
        };
        found.before.extend(collections.problems);
        let mut dropped = Dropped::default();
        dropped.collections.extend(collections.dropped_ids);
        let checked = validate::check_collections(
            collections.items,
            &mut dropped.collections,
            &mut found.collections,
        );
        let links = Links::new(checked, &dropped.collections, &mut found.parents);
        Assembler {
            found,
            dropped,
            links,
            shared: Shared::default(),
        }
    }

    /// The records of the next file that are kept, checked and linked: a record with a
    /// bad id, an empty title or an id kept before is dropped.
    pub fn add(&mut self, file: Items<Record>) -> Vec<Record> {
        self.found.reading.extend(file.problems);
        self.dropped.records.extend(file.dropped_ids);
        let mut kept = Vec::with_capacity(file.items.len());
        for mut located in file.items {
            let first = self.links.first_seen(&located.item.id);
            if validate::check_record(
                &mut located,
                first.as_ref(),
                &mut self.dropped.records,
                &mut self.found.records,
            ) {
                self.links.keep(
                    &mut located,
                    &self.dropped.collections,
                    &mut self.found.records_collections,
                );
                self.shared.record(&mut located.item);
                kept.push(located.item);
            }
        }
        kept
    }

    /// The collections before any record is read (see
    /// [`Links::take_collections_so_far`]; call this once).
    pub fn take_collections_so_far(&mut self) -> Vec<Collection> {
        self.links.take_collections_so_far()
    }

    /// The problems found so far, in the order [`Assembler::finish`] gives them.
    pub fn problems_so_far(&self) -> Vec<Problem> {
        let steps = self.found.steps();
        let mut problems = Vec::with_capacity(steps.iter().map(|s| s.len()).sum());
        for step in steps {
            problems.extend(step.iter().cloned());
        }
        Found::sorted(problems)
    }

    /// Once every file is fed: settles the collections' members and the problems.
    pub fn finish(self) -> Settled {
        let Assembler {
            mut found,
            dropped,
            links,
            shared: _,
        } = self;
        let collections = links.finish(&dropped, &mut found.members, &mut found.related);
        let Found {
            before,
            reading,
            records,
            collections: checked,
            parents,
            members,
            records_collections,
            related,
        } = found;
        let mut problems = before;
        for step in [
            reading,
            records,
            checked,
            parents,
            members,
            records_collections,
            related,
        ] {
            problems.extend(step);
        }
        Settled {
            collections,
            problems: Found::sorted(problems),
        }
    }
}
