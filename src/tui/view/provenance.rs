//! The provenance pane: the citation verbatim, its parsed parts labelled, the
//! languages and translators, contributors, funders, the digital source and rights.
//! The facts and their labels come from `crate::present`, shared with `carrel show`.

use super::{Line, Role, field_lines};
use crate::present::provenance_sections;
use crate::store::Record;
use crate::strings;

/// The field naming the text the full-text pane shows (`crate::present`).
const TEXT_SHOWN: &str = "Text shown";

/// The pane's lines wrapped to `width`.
pub fn lines(record: &Record, width: usize) -> Vec<Line<'static>> {
    lines_showing(record, width, &[])
}

/// [`lines`], with `shown` (label, value) said in place of the one text shown
/// (parallel texts: which two, their languages and translators).
pub fn lines_showing(
    record: &Record,
    width: usize,
    shown: &[(&str, String)],
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if record.provenance.is_none() {
        lines.push(Line::one(strings::NO_PROVENANCE, Role::Dim));
    }
    for section in provenance_sections(record) {
        if !lines.is_empty() {
            lines.push(Line::blank());
        }
        // "Citation" over "Citation: GARF, ..." would say it twice.
        if section
            .fields
            .first()
            .is_none_or(|f| f.label != section.title)
        {
            lines.push(Line::one(section.title, Role::Heading));
        }
        for field in &section.fields {
            if field.label == TEXT_SHOWN && !shown.is_empty() {
                for (label, value) in shown {
                    lines.extend(field_lines(label, value, width));
                }
            } else {
                lines.extend(field_lines(field.label, &field.value, width));
            }
        }
    }
    lines
}
