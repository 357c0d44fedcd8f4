//! The full-text pane: only the visible slice of the wrapped text is drawn, with a
//! scrollbar on the right border and "line x of y" below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::pane_block;
use super::theme::Theme;
use crate::present::language_name;
use crate::strings;
use crate::tui::texts::DocText;
use crate::tui::{App, Pane};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if super::parallel::render(app, theme, frame, area) {
        return;
    }
    let focused = app.focus() == Pane::FullText;
    let record = app.shown_record();
    let doc_text = app.document_text();
    // The label needs only the text's language and role, in memory even when its body is not.
    let described = match doc_text {
        Some(DocText::Text(text)) => Some(text),
        Some(DocText::Pending | DocText::Failed(_)) => record.and_then(|r| r.reading_text()),
        _ => None,
    };
    let label = described
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
        let line = match doc_text {
            None => Line::styled(strings::NO_RECORD_SELECTED, theme.dim()),
            Some(DocText::Pending) => Line::styled(strings::READING_TEXT, theme.dim()),
            Some(DocText::Failed(why)) => Line::styled(
                format!(
                    "{} {}",
                    strings::CANNOT_READ_TEXT,
                    crate::text::sanitize_line(why)
                ),
                theme.error(),
            ),
            Some(DocText::Text(_) | DocText::None) => {
                Line::styled(strings::NO_FULL_TEXT, theme.dim())
            }
        };
        let paragraph = Paragraph::new(line).wrap(Wrap { trim: true });
        frame.render_widget(paragraph.block(block), area);
        return;
    };

    let top = app.text_top_line();
    let total = wrapped.lines.len();
    let shown = app.full_text_lines(top, top + height);
    let lines: Vec<Line> = shown
        .iter()
        .map(|line| super::styled(line, theme))
        .collect();
    // "hit 3 of 11" (or find's "3 of 11") before the line count.
    let hits = app
        .hit_label()
        .map(|label| format!("{label} · "))
        .unwrap_or_default();
    block = block.title_bottom(
        Line::styled(
            format!(" {hits}{} ", strings::line_of(top + 1, total)),
            theme.dim(),
        )
        .right_aligned(),
    );
    if let Some(find) = app.find_line() {
        block = block.title_bottom(Line::styled(format!(" {find} "), theme.label()));
        if app.finding() {
            let x = inside.x + u16::try_from(find.width() + 1).unwrap_or(u16::MAX);
            if x < inside.right() {
                frame.set_cursor_position(ratatui::layout::Position::new(x, area.bottom() - 1));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);

    super::scrollbar(frame, area, total, top);
}
