//! The status line: the store's title, the position in the list, the filter, load
//! problems, and the keys that matter right now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::collections::truncate;
use crate::store::Severity;
use crate::strings;
use crate::text::sanitize_line;
use crate::tui::App;
use crate::tui::app::LoadStatus;

const SEPARATOR: &str = " │ ";

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let mut left: Vec<Span> = Vec::new();
    match app.load_status() {
        LoadStatus::Loading { ticks } => {
            // Only after a blink: a quick load should not flash a message.
            if *ticks >= 2 {
                let spin = strings::SPINNER[(*ticks as usize) % strings::SPINNER.len()];
                left.push(Span::styled(
                    format!(" {} {spin}", strings::LOADING),
                    theme.warning(),
                ));
            }
        }
        LoadStatus::Failed(_) => {
            left.push(Span::styled(
                format!(" {}", strings::CANNOT_OPEN),
                theme.error(),
            ));
        }
        LoadStatus::Ready => {
            // A long store title gives way to the keys on a narrow line.
            let title = sanitize_line(&app.store().archive.title);
            let room = usize::from(area.width / 4).max(16);
            let title = if title.width() + 48 > usize::from(area.width) {
                truncate(&title, room)
            } else {
                title.into_owned()
            };
            left.push(Span::styled(format!(" {title}"), theme.label()));
            if let Some(row) = app.selected_row() {
                left.push(Span::raw(SEPARATOR));
                left.push(Span::raw(strings::position(row, app.rows().len())));
            }
            if !app.filter().query.is_empty() {
                left.push(Span::raw(SEPARATOR));
                left.push(Span::raw(format!(
                    "{} {}{}",
                    strings::FILTER_LABEL,
                    strings::FILTER_PROMPT,
                    sanitize_line(&app.filter().query)
                )));
            }
            let errors = app
                .problems()
                .iter()
                .filter(|p| p.severity == Severity::Error);
            let warnings = app.problems().len() - errors.clone().count();
            if let Some(message) = strings::problems(errors.count(), warnings) {
                left.push(Span::raw(SEPARATOR));
                left.push(Span::styled(message, theme.warning()));
            }
        }
    }
    let used: usize = left.iter().map(|s| s.content.width()).sum();
    let width = usize::from(area.width);
    // Hints give way first, from the least specific (the help key stays longest).
    let mut hints = crate::tui::keymap::hints_for(&app.key_contexts_for_hints());
    let mut joined = hints.join("  ");
    while used + joined.width() + 2 > width && hints.len() > 1 {
        let help = hints.iter().position(|h| h.ends_with(strings::hints::HELP));
        let drop = match help {
            Some(at) if at + 1 == hints.len() => at - 1,
            _ => hints.len() - 1,
        };
        hints.remove(drop);
        joined = hints.join("  ");
    }
    let hints = joined;
    if used + hints.width() + 2 <= width {
        left.push(Span::raw(" ".repeat(width - used - hints.width() - 1)));
        left.push(Span::raw(hints));
    }
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status()), area);
}
