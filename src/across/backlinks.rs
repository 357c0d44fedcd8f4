//! Links both ways: a record's `related` entries point forward; the backlinks of a
//! record are the records whose `related` entries name it, with the relation they
//! give. Computed once for the whole store (a pass over every record's links), held
//! compactly: one offset a record and one entry a link.

use crate::store::Store;

/// A record that links to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlink<'a> {
    /// Index into `Store::records` of the record that names this one.
    pub from: usize,
    /// The relation as the linking record gives it ("replies-to", "encloses").
    pub relation: &'a str,
}

/// Every record's backlinks, in the order of the records that give them.
#[derive(Debug, Clone, Default)]
pub struct Backlinks {
    /// `starts[r]..starts[r + 1]` are record `r`'s entries.
    starts: Vec<u32>,
    /// (linking record, relation) for each link, grouped by the record linked to.
    entries: Vec<(u32, u32)>,
    /// Each distinct relation once.
    relations: Vec<String>,
}

impl Backlinks {
    /// Gathers every link of the store; links to records not held are skipped (the
    /// loader reports them), and so is a record naming itself.
    pub fn build(store: &Store) -> Self {
        let count = store.records.len();
        let mut relations: Vec<String> = Vec::new();
        let mut relation_of = std::collections::HashMap::<&str, u32>::new();
        // (target, from, relation), then grouped by target: a counting sort.
        let mut links: Vec<(u32, u32, u32)> = Vec::new();
        for (from, record) in store.records.iter().enumerate() {
            for related in &record.related {
                let Some(to) = store.index_of(&related.id) else {
                    continue;
                };
                if to == from {
                    continue;
                }
                let relation = *relation_of.entry(related.rel.as_str()).or_insert_with(|| {
                    relations.push(related.rel.clone());
                    small(relations.len() - 1)
                });
                links.push((small(to), small(from), relation));
            }
        }
        let mut starts = vec![0u32; count + 1];
        for &(to, _, _) in &links {
            starts[to as usize + 1] += 1;
        }
        for r in 0..count {
            starts[r + 1] += starts[r];
        }
        let mut filled = starts.clone();
        let mut entries = vec![(0, 0); links.len()];
        for (to, from, relation) in links {
            let at = &mut filled[to as usize];
            entries[*at as usize] = (from, relation);
            *at += 1;
        }
        Backlinks {
            starts,
            entries,
            relations,
        }
    }

    /// The records that link to record `record`, in store order.
    pub fn of(&self, record: usize) -> impl Iterator<Item = Backlink<'_>> {
        let range = match (self.starts.get(record), self.starts.get(record + 1)) {
            (Some(&start), Some(&end)) => start as usize..end as usize,
            _ => 0..0,
        };
        self.entries[range]
            .iter()
            .map(|&(from, relation)| Backlink {
                from: from as usize,
                relation: self
                    .relations
                    .get(relation as usize)
                    .map_or("", String::as_str),
            })
    }

    /// How many links there are in all.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The bytes held (for the benchmark's memory figure).
    pub fn heap_bytes(&self) -> usize {
        self.starts.capacity() * 4
            + self.entries.capacity() * 8
            + self
                .relations
                .iter()
                .map(|r| r.capacity() + 24)
                .sum::<usize>()
    }
}

/// A record's number as u32: a store of more records cannot be held anyway.
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema::Related;
    use crate::store::{Archive, Record};

    fn record(id: &str, links: &[(&str, &str)]) -> Record {
        Record {
            id: id.to_string(),
            title: id.to_uppercase(),
            related: links
                .iter()
                .map(|(id, rel)| Related {
                    id: id.to_string(),
                    rel: rel.to_string(),
                })
                .collect(),
            ..Record::default()
        }
    }

    #[test]
    fn every_link_is_seen_from_the_record_it_names() {
        let store = Store::new(
            Archive::default(),
            vec![],
            vec![
                record("report", &[]),
                record("reply", &[("report", "replies-to"), ("gone", "cites")]),
                record("note", &[("report", "encloses"), ("note", "self")]),
                record("other", &[("reply", "replies-to")]),
            ],
        );
        let links = Backlinks::build(&store);
        let of = |id: &str| -> Vec<(String, String)> {
            links
                .of(store.index_of(id).unwrap())
                .map(|b| (store.records[b.from].id.clone(), b.relation.to_string()))
                .collect()
        };
        assert_eq!(
            of("report"),
            vec![
                ("reply".to_string(), "replies-to".to_string()),
                ("note".to_string(), "encloses".to_string())
            ]
        );
        assert_eq!(of("reply"), vec![("other".into(), "replies-to".into())]);
        assert!(
            of("note").is_empty(),
            "a record naming itself is no backlink"
        );
        assert!(of("other").is_empty());
        assert_eq!(links.len(), 3, "the link to a record not held is skipped");
        assert_eq!(links.of(99).count(), 0);
    }
}
