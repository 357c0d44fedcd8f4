//! The summary pane: the store's summary, then the people, places and subjects
//! (with their variant spellings, so a reader sees why a filter matched).

use std::sync::Arc;

use super::{Line, Role, field_lines, text_lines};
use crate::store::Record;
use crate::store::schema::NamedEntity;
use crate::strings;

/// The pane's lines wrapped to `width`.
pub fn lines(record: &Record, width: usize) -> Vec<Line<'static>> {
    let mut lines = match record.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(summary) => text_lines(summary, width, Role::Body),
        None => vec![Line::one(strings::NO_SUMMARY, Role::Dim)],
    };
    let people = entities(&record.people);
    let places = entities(&record.places);
    let subjects = record.subjects.join("; ");
    for (label, value) in [
        (strings::PEOPLE, people),
        (strings::PLACES, places),
        (strings::SUBJECTS, subjects),
    ] {
        if !value.is_empty() {
            lines.push(Line::blank());
            lines.extend(field_lines(label, &value, width));
        }
    }
    lines
}

/// "Ospan Batyr (also Osman Batur), mentioned; ...".
fn entities(list: &[Arc<NamedEntity>]) -> String {
    list.iter()
        .map(|entity| {
            let mut text = entity.name.clone();
            if !entity.alt.is_empty() {
                text.push_str(&format!(" ({} {})", strings::ALSO, entity.alt.join(", ")));
            }
            if let Some(role) = &entity.role {
                text.push_str(&format!(", {role}"));
            }
            text
        })
        .collect::<Vec<_>>()
        .join("; ")
}
