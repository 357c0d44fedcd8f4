//! The provenance pane: the citation verbatim, its parsed parts labelled, the
//! languages and translators, contributors, funders, the digital source and rights.
//! The facts and their labels come from `crate::present`, shared with `carrel show`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::{field_lines, pane_block, visible};
use crate::present::provenance_sections;
use crate::store::Record;
use crate::strings;
use crate::tui::{App, Pane};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let focused = app.focus() == Pane::Provenance;
    let block = pane_block(format!(" 3 {} ", strings::PROVENANCE), focused, theme);
    let inside = block.inner(area);
    let Some(record) = app.selected_record() else {
        let line = Line::styled(strings::NO_RECORD_SELECTED, theme.dim());
        frame.render_widget(Paragraph::new(line).block(block), area);
        return;
    };
    let all = lines(record, theme, super::reading_width(inside.width));
    let total = all.len();
    let top = app.provenance_top();
    frame.render_widget(
        Paragraph::new(visible(all, top, inside.height)).block(block),
        area,
    );
    super::scrollbar(frame, area, total, top);
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
