//! The provenance pane: the citation verbatim, its parsed parts labelled, the
//! languages and translators, contributors, funders, the digital source and rights.
//! The facts and their labels come from `crate::present`, shared with `carrel show`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::field_lines;
use super::theme::Theme;
use crate::present::provenance_sections;
use crate::store::Record;
use crate::strings;
use crate::tui::{App, Pane};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let title = format!(" 3 {} ", strings::PROVENANCE);
    super::render_record_pane(
        app,
        frame,
        area,
        (title, Pane::Provenance, app.provenance_top()),
        lines,
    );
}

/// The pane's lines wrapped to `width`; `App::update` counts them to bound scrolling.
pub fn lines(record: &Record, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if record.provenance.is_none() {
        lines.push(Line::styled(strings::NO_PROVENANCE, theme.dim()));
    }
    for section in provenance_sections(record) {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        // "Citation" over "Citation: GARF, ..." would say it twice.
        if section
            .fields
            .first()
            .is_none_or(|f| f.label != section.title)
        {
            lines.push(Line::styled(section.title, theme.heading()));
        }
        for field in &section.fields {
            lines.extend(field_lines(field.label, &field.value, width, theme));
        }
    }
    lines
}
