//! The status line: the store's title, the position in the list, the filter, load
//! problems, and the keys that matter right now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::collections::truncate;
use super::theme::Theme;
use crate::store::Severity;
use crate::strings;
use crate::text::sanitize_line;
use crate::tui::App;
use crate::tui::app::LoadStatus;

const SEPARATOR: &str = " │ ";
/// A store title is never cut shorter than this to make room for key hints.
const TITLE_MIN: usize = 16;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let mut left: Vec<Span> = Vec::new();
    // The store title, when loaded, is fitted last: it gives way to the rest.
    let mut title = None;
    match app.load_status() {
        LoadStatus::Loading { ticks } => {
            // Only after a blink: a quick load should not flash a message.
            if *ticks >= 2 {
                let spin = strings::SPINNER[(*ticks as usize) % strings::SPINNER.len()];
                let text = format!(" {} {spin}", strings::LOADING);
                left.push(Span::styled(text, theme.warning()));
            }
        }
        LoadStatus::Failed(_) => {
            let text = format!(" {}", strings::CANNOT_OPEN);
            left.push(Span::styled(text, theme.error()));
        }
        LoadStatus::Ready => {
            title = Some(sanitize_line(&app.store().archive.title).into_owned());
            left = facts(app, theme);
            if let crate::tui::IndexState::Indexing(percent) = app.index_state() {
                left.push(Span::raw(SEPARATOR));
                left.push(Span::styled(strings::indexing(*percent), theme.warning()));
            }
        }
    }
    let title_least = title.as_ref().map_or(0, |t| t.width().min(TITLE_MIN) + 1);
    let used = title_least + left.iter().map(|s| s.content.width()).sum::<usize>();
    // Key hints give way from the least specific (the help key stays longest).
    let mut hints =
        crate::tui::keymap::hints_for_in(&app.key_contexts_for_hints(), app.key_overrides());
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
    if used + joined.width() + 2 > width {
        joined.clear();
    }
    if let Some(title) = title {
        let taken = used - title_least + joined.width() + 4;
        let room = width.saturating_sub(taken).max(TITLE_MIN);
        left.insert(
            0,
            Span::styled(format!(" {}", truncate(&title, room)), theme.label()),
        );
    }
    let used: usize = left.iter().map(|s| s.content.width()).sum();
    if !joined.is_empty() && used + joined.width() < width {
        left.push(Span::raw(" ".repeat(width - used - joined.width() - 1)));
        left.push(Span::raw(joined));
    }
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status()), area);
}

/// Position, filter and load problems, each after a separator.
fn facts(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if let Some(row) = app.selected_row() {
        spans.push(Span::raw(SEPARATOR));
        spans.push(Span::raw(strings::position(row, app.rows().len())));
    }
    if !app.filter().query.is_empty() {
        spans.push(Span::raw(SEPARATOR));
        let prompt = if app.fulltext_on() {
            strings::FULL_TEXT_PROMPT
        } else {
            strings::FILTER_PROMPT
        };
        spans.push(Span::raw(format!(
            "{} {prompt}{}",
            strings::FILTER_LABEL,
            sanitize_line(&app.filter().query)
        )));
    }
    // The store's own files are named; every other error is a record's.
    const STORE_FILES: [&str; 2] = ["archive.json", "collections.json"];
    let mut store_files: Vec<&str> = Vec::new();
    let mut errors = 0;
    for problem in app.problems() {
        match STORE_FILES.iter().find(|f| **f == problem.file) {
            _ if problem.severity != Severity::Error => {}
            Some(file) if !store_files.contains(file) => store_files.push(file),
            Some(_) => {}
            None => errors += 1,
        }
    }
    let warnings = app
        .problems()
        .iter()
        .filter(|p| p.severity != Severity::Error)
        .count();
    if let Some(message) = strings::problems(errors, &store_files, warnings) {
        spans.push(Span::raw(SEPARATOR));
        spans.push(Span::styled(message, theme.warning()));
    }
    if app.store_changed() {
        spans.push(Span::raw(SEPARATOR));
        spans.push(Span::styled(strings::STORE_CHANGED, theme.warning()));
    }
    if let Some((message, error)) = app.desk_message() {
        spans.push(Span::raw(SEPARATOR));
        let style = if error {
            theme.warning()
        } else {
            theme.label()
        };
        spans.push(Span::styled(sanitize_line(message).into_owned(), style));
    }
    spans
}
