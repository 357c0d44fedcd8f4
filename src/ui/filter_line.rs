//! The filter line: `/query`, the match count, and while typing, its keys.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::strings;
use crate::text::sanitize_line;
use crate::tui::App;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let filter = app.filter();
    let query = sanitize_line(&filter.query);
    let count = if app.filter_pending() {
        strings::FILTER_WAITS.to_string()
    } else if app.filter_scopes_unapplied() {
        strings::FILTER_SCOPES_LATER.to_string()
    } else {
        strings::matches(app.rows().len(), app.unfiltered_count())
    };
    let mut right = format!("  {count} ");
    if filter.editing {
        right = format!("  {}{right}", strings::hints::FILTER_KEYS);
    }
    let left = format!("{}{query}", strings::FILTER_PROMPT);
    let gap = usize::from(area.width).saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::styled(left.clone(), theme.label()),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, theme.count()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if filter.editing {
        let x = area.x + u16::try_from(left.width()).unwrap_or(u16::MAX);
        if x < area.right() {
            frame.set_cursor_position(Position::new(x, area.y));
        }
    }
}
