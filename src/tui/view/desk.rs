//! The reader's own lines under the summary: the record's tags, its note and the
//! quotations taken from it (the user's text, sanitised like the store's).

use super::{Line, Role, field_lines, text_lines};
use crate::strings::desk as words;
use crate::tui::desk_state::DeskState;

pub fn lines(desk: &DeskState, id: &str, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let Some(snapshot) = &desk.snapshot else {
        return lines;
    };
    let marked = snapshot.annotations.marked.contains(id);
    let tags = snapshot.annotations.tags.get(id).filter(|t| !t.is_empty());
    if marked || tags.is_some() {
        lines.push(Line::blank());
        let mut said = Vec::new();
        if marked {
            said.push(words::MARKED_ENTRY.to_string());
        }
        said.extend(tags.into_iter().flatten().map(|t| format!("#{t}")));
        lines.extend(field_lines(words::DESK_LABEL, &said.join(", "), width));
    }
    lines.push(Line::blank());
    lines.push(Line::one(words::NOTE_HEADING, Role::Heading));
    match desk.note(id) {
        Some(note) => lines.extend(text_lines(note, width, Role::Body)),
        None => lines.push(Line::one(words::NO_NOTE, Role::Dim)),
    }
    let quotations = desk.quotations(id);
    if !quotations.is_empty() {
        lines.push(Line::blank());
        lines.push(Line::one(words::QUOTATIONS_HEADING, Role::Heading));
        for quotation in quotations {
            lines.extend(text_lines(
                &format!("“{}”", quotation.passage),
                width,
                Role::Body,
            ));
            lines.extend(text_lines(&quotation.citation, width, Role::Dim));
            lines.push(Line::blank());
        }
    }
    lines
}
