//! The summary pane: the store's summary, then the people, places and subjects
//! (with their variant spellings, so a reader sees why a filter matched).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::theme::Theme;
use super::{field_lines, text_lines};
use crate::store::Record;
use crate::store::schema::NamedEntity;
use crate::strings;
use crate::tui::{App, Pane};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let title = format!(" 1 {} ", strings::SUMMARY);
    super::render_record_pane(
        app,
        frame,
        area,
        (title, Pane::Summary, app.summary_top()),
        lines,
    );
}

/// The pane's lines wrapped to `width`; `App::update` counts them to bound scrolling.
pub fn lines(record: &Record, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let mut lines = match record.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(summary) => text_lines(summary, width, ratatui::style::Style::new()),
        None => vec![Line::styled(strings::NO_SUMMARY, theme.dim())],
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
            lines.push(Line::raw(""));
            lines.extend(field_lines(label, &value, width, theme));
        }
    }
    lines
}

/// "Ospan Batyr (also Osman Batur), mentioned; ...".
fn entities(list: &[std::sync::Arc<NamedEntity>]) -> String {
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
