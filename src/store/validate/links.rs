//! References between records and collections.
//!
//! Membership rule: a collection's members are its own `record_ids`, in its order,
//! followed by every record that names the collection in its `collections` list
//! without being listed by it, in store order. So a membership written on either
//! side is kept. Afterwards each record's `collections` lists every collection it
//! belongs to (its own order first, then the collections' order), so both sides agree.

use std::collections::{HashMap, HashSet};

use super::{Dropped, Located};
use crate::store::schema::{Collection, Record};
use crate::store::{Problem, Severity};

/// Checks and merges references. References to items in `dropped` are removed
/// without a second report.
pub(crate) fn link(
    records: &mut [Located<Record>],
    collections: &mut [Located<Collection>],
    dropped: &Dropped,
    problems: &mut Vec<Problem>,
) {
    check_parents(collections, &dropped.collections, problems);
    let record_index: HashMap<String, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.item.id.clone(), i))
        .collect();
    let collection_index: HashMap<String, usize> = collections
        .iter()
        .enumerate()
        .map(|(i, c)| (c.item.id.clone(), i))
        .collect();

    let mut members: Vec<HashSet<String>> = Vec::with_capacity(collections.len());
    for located in collections.iter_mut() {
        let mut seen = HashSet::new();
        let mut kept = Vec::with_capacity(located.item.record_ids.len());
        for id in std::mem::take(&mut located.item.record_ids) {
            if !record_index.contains_key(&id) {
                if !dropped.records.contains(&id) {
                    problems.push(located.problem(
                        &located.item.id,
                        Some("record_ids"),
                        format!("no record with id {id:?} in this store; member ignored"),
                    ));
                }
            } else if !seen.insert(id.clone()) {
                let mut problem = located.problem(
                    &located.item.id,
                    Some("record_ids"),
                    format!("{id:?} listed twice; the second ignored"),
                );
                problem.severity = Severity::Warning;
                problems.push(problem);
            } else {
                kept.push(id);
            }
        }
        located.item.record_ids = kept;
        members.push(seen);
    }

    for located in records.iter_mut() {
        let record = &mut located.item;
        let mut own = Vec::with_capacity(record.collections.len());
        for name in std::mem::take(&mut record.collections) {
            match collection_index.get(&name) {
                None if dropped.collections.contains(&name) => {}
                None => problems.push(
                    Problem::error(
                        &*located.file,
                        format!("no collection with id {name:?}; ignored"),
                    )
                    .at_line(located.line)
                    .with_id(&record.id)
                    .with_field("collections"),
                ),
                Some(&c) => {
                    if !members[c].contains(&record.id) {
                        members[c].insert(record.id.clone());
                        collections[c].item.record_ids.push(record.id.clone());
                    }
                    if !own.contains(&name) {
                        own.push(name);
                    }
                }
            }
        }
        record.collections = own;
    }

    for collection in collections.iter() {
        for id in &collection.item.record_ids {
            if let Some(&r) = record_index.get(id) {
                let listed = &mut records[r].item.collections;
                if !listed.contains(&collection.item.id) {
                    listed.push(collection.item.id.clone());
                }
            }
        }
    }

    for located in records.iter() {
        for (i, related) in located.item.related.iter().enumerate() {
            if !record_index.contains_key(&related.id) && !dropped.records.contains(&related.id) {
                let mut problem = located.problem(
                    &located.item.id,
                    Some(&format!("related[{i}].id")),
                    format!("no record with id {:?} in this store", related.id),
                );
                problem.severity = Severity::Warning;
                problems.push(problem);
            }
        }
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
