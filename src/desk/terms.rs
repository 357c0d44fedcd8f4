//! The desk's words in the query language (`is:marked`, `is:read`, `has:note`,
//! `tag:NAME`): taken out of a query before the search index sees it, they restrict
//! the records to those the desk holds so. The reading room and `carrel search` /
//! `carrel grep` use the same split.

use std::collections::HashMap;

use super::Annotations;

/// A query with the desk's own terms (`is:marked`, `is:read`, `has:note`,
/// `tag:NAME`) taken out: the rest goes to the search index, the desk terms
/// restrict the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskTerms {
    pub rest: String,
    pub marked: bool,
    pub read: bool,
    pub noted: bool,
    pub tags: Vec<String>,
}

impl DeskTerms {
    pub fn split(query: &str) -> DeskTerms {
        let mut terms = DeskTerms::default();
        let mut rest = Vec::new();
        for word in query.split_whitespace() {
            let lower = word.to_lowercase();
            match lower.as_str() {
                "is:marked" => terms.marked = true,
                "is:read" => terms.read = true,
                "has:note" => terms.noted = true,
                _ => match lower.strip_prefix("tag:") {
                    Some(tag) if !tag.is_empty() => terms.tags.push(tag.to_string()),
                    _ => rest.push(word),
                },
            }
        }
        terms.rest = rest.join(" ");
        terms
    }

    pub fn any(&self) -> bool {
        self.marked || self.read || self.noted || !self.tags.is_empty()
    }

    /// Whether record `id` passes the desk terms.
    pub fn admits(
        &self,
        id: &str,
        annotations: &Annotations,
        notes: &HashMap<String, String>,
    ) -> bool {
        (!self.marked || annotations.marked.contains(id))
            && (!self.read || annotations.read.contains(id))
            && (!self.noted || notes.get(id).is_some_and(|n| !n.trim().is_empty()))
            && self.tags.iter().all(|tag| {
                annotations
                    .tags
                    .get(id)
                    .is_some_and(|tags| tags.iter().any(|t| t.to_lowercase() == *tag))
            })
    }
}
