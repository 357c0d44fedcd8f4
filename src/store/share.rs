//! One value for what many records hold alike. A big store names the same people and
//! places again and again (an archive's thousand letters from one ministry), and each
//! record parsed or decoded on its own would hold its own copy of every name, role and
//! variant spelling: at a million records that is gigabytes. Records passed through
//! [`Shared::record`] hold one shared value per distinct person or place instead; so
//! too the holding archive and the rights statement, which most records repeat.

use std::collections::HashSet;
use std::hash::Hash;
use std::sync::Arc;

use super::schema::{NamedEntity, Record, Repository, Rights};

/// The distinct values met so far.
#[derive(Debug, Default)]
pub struct Shared {
    entities: HashSet<Arc<NamedEntity>>,
    repositories: HashSet<Arc<Repository>>,
    rights: HashSet<Arc<Rights>>,
}

impl Shared {
    /// Makes `record`'s people, places, archive and rights the values met before when
    /// they are the same (every field alike), and remembers the others.
    pub fn record(&mut self, record: &mut Record) {
        for list in [&mut record.people, &mut record.places] {
            for entity in list.iter_mut() {
                share(&mut self.entities, entity);
            }
        }
        if let Some(repository) = record
            .provenance
            .as_mut()
            .and_then(|p| p.repository.as_mut())
        {
            share(&mut self.repositories, repository);
        }
        if let Some(rights) = record.rights.as_mut() {
            share(&mut self.rights, rights);
        }
    }

    /// How many distinct values were met.
    pub fn len(&self) -> usize {
        self.entities.len() + self.repositories.len() + self.rights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// `value` becomes the equal one kept in `kept`, or is kept there.
fn share<T: Hash + Eq>(kept: &mut HashSet<Arc<T>>, value: &mut Arc<T>) {
    match kept.get(&**value) {
        Some(same) => *value = Arc::clone(same),
        None => {
            kept.insert(Arc::clone(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str, role: Option<&str>) -> Arc<NamedEntity> {
        Arc::new(NamedEntity {
            name: name.to_string(),
            role: role.map(str::to_string),
            alt: vec!["L. Beria".to_string()],
        })
    }

    #[test]
    fn the_same_person_in_two_records_is_one_value_and_a_different_role_is_another() {
        let mut shared = Shared::default();
        let mut a = Record {
            people: vec![named("Lavrentiy Beria", Some("author"))],
            places: vec![named("Altay", None)],
            rights: Some(Arc::new(Rights::default())),
            ..Record::default()
        };
        let mut b = Record {
            people: vec![
                named("Lavrentiy Beria", Some("author")),
                named("Lavrentiy Beria", Some("mentioned")),
            ],
            rights: Some(Arc::new(Rights::default())),
            ..Record::default()
        };
        let before = b.clone();
        shared.record(&mut a);
        shared.record(&mut b);
        assert!(Arc::ptr_eq(&a.people[0], &b.people[0]));
        assert!(!Arc::ptr_eq(&a.people[0], &b.people[1]));
        assert!(Arc::ptr_eq(
            a.rights.as_ref().unwrap(),
            b.rights.as_ref().unwrap()
        ));
        assert_eq!(b, before, "the records say what they said");
        assert_eq!(shared.len(), 4);
    }
}
