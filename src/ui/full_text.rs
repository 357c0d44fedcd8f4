//! The full-text pane: only the visible slice of the wrapped text is drawn, with a
//! scrollbar on the right border and "line x of y" below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::pane_block;
use crate::present::language_name;
use crate::strings;
use crate::tui::app::shown_text;
use crate::tui::{App, Pane};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let focused = app.focus() == Pane::FullText;
    let record = app.selected_record();
    let label = record
        .and_then(shown_text)
        .map(|t| {
            format!(
                " · {}",
                strings::text_label(
                    &crate::text::sanitize_line(&language_name(&t.lang)),
                    t.role.as_str()
                )
            )
        })
        .unwrap_or_default();
    let mut block = pane_block(format!(" 2 {}{label} ", strings::FULL_TEXT), focused, theme);
    let inside = block.inner(area);
    let height = usize::from(inside.height);

    let Some(wrapped) = app.wrapped_text() else {
        let message = if record.is_some() {
            strings::NO_FULL_TEXT
        } else {
            strings::NO_RECORD_SELECTED
        };
        let line = Line::styled(message, theme.dim());
        let paragraph = Paragraph::new(line).wrap(Wrap { trim: true });
        frame.render_widget(paragraph.block(block), area);
        return;
    };

    let top = app.text_top_line();
    let total = wrapped.lines.len();
    let lines: Vec<Line> = (top..total.min(top + height))
        .map(|i| Line::raw(wrapped.line(i)))
        .collect();
    block = block.title_bottom(
        Line::styled(
            format!(" {} ", strings::line_of(top + 1, total)),
            theme.dim(),
        )
        .right_aligned(),
    );
    frame.render_widget(Paragraph::new(lines).block(block), area);

    super::scrollbar(frame, area, total, top);
}
