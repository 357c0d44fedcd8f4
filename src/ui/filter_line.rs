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
    let mut count_style = theme.count();
    let count = if app.filter_pending() {
        strings::FILTER_WAITS.to_string()
    } else if let Some(error) = app.filter_syntax_error() {
        count_style = theme.error();
        sanitize_line(error).into_owned()
    } else if app.filter_scopes_unapplied() {
        strings::FILTER_SCOPES_LATER.to_string()
    } else if let Some(texts) = app.fulltext_count() {
        sanitize_line(&texts).into_owned()
    } else {
        strings::matches(app.rows().len(), app.unfiltered_count())
    };
    let mut right = format!("  {count} ");
    if filter.editing {
        // The key that switches between titles and texts, named from the keymap.
        let switch = crate::tui::keymap::key_label(crate::tui::Action::ToggleFullText)
            .map(|key| {
                let to = if app.fulltext_on() {
                    strings::TITLES_MODE
                } else {
                    strings::FULL_TEXT_MODE
                };
                format!("  {key} {to}")
            })
            .unwrap_or_default();
        let keys = format!("  {}{switch}{right}", strings::hints::FILTER_KEYS);
        // A narrow line keeps the count and the switch, and drops Enter and Esc first.
        let room = usize::from(area.width).saturating_sub(query.width() + 8);
        right = if keys.width() <= room {
            keys
        } else if switch.width() + right.width() <= room {
            format!("{switch}{right}")
        } else {
            right
        };
    }
    let prompt = if app.fulltext_on() {
        strings::FULL_TEXT_PROMPT
    } else {
        strings::FILTER_PROMPT
    };
    let left = format!("{prompt}{query}");
    let gap = usize::from(area.width).saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::styled(left.clone(), theme.label()),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, count_style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if filter.editing {
        let x = area.x + u16::try_from(left.width()).unwrap_or(u16::MAX);
        if x < area.right() {
            frame.set_cursor_position(Position::new(x, area.y));
        }
    }
}
