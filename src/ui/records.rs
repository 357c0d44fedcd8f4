//! The record list: the date as the store displays it, then the title, with the
//! filter's matched letters highlighted and a mark on records without full text.
//! A narrow list shows compact dates (`1945-10-05`) so that the title has the room.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::collections::truncate;
use super::pane_block;
use super::theme::Theme;
use crate::strings;
use crate::text::sanitize_line;
use crate::tui::app::LoadStatus;
use crate::tui::{App, Pane, compact_date};

/// The date column never takes more than this.
const DATE_MAX: usize = 18;
/// Below this many columns left for titles, dates are shown in their compact form.
const TITLE_ROOM: usize = 32;
/// The selection mark and the no-full-text mark before each date.
const MARKS_WIDTH: usize = 3;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus() == Pane::Records;
    // The list is named after its collection, so the reader knows where they are.
    let name = match app.desk_entry_label() {
        Some(label) => sanitize_line(&label).into_owned().into(),
        None => app
            .current_collection()
            .map_or(strings::ALL_RECORDS.into(), |c| sanitize_line(&c.title)),
    };
    // A filter waiting for the index lists everything meanwhile.
    let count = if app.filter().query.is_empty() || app.filter_pending() {
        app.rows().len().to_string()
    } else {
        strings::matches(app.rows().len(), app.unfiltered_count())
    };
    let sorted = app
        .sort_label()
        .map(|s| format!(" · {s}"))
        .unwrap_or_default();
    let title = format!(" {name} ({count}){sorted} ");
    let mut block = pane_block(title, focused, theme);
    let store = app.store();
    if app.list_facts().any_without_text {
        block = block.title_bottom(
            Line::styled(format!(" {} ", strings::NO_TEXT_NOTE), theme.dim()).right_aligned(),
        );
    }
    let inside = block.inner(area);
    if app.rows().is_empty() {
        let message = match app.load_status() {
            // The status line shows progress; an empty list is not yet news.
            LoadStatus::Loading { .. } => "",
            _ if app.filter().query.is_empty() => strings::NO_RECORDS,
            _ => strings::NOTHING_MATCHES,
        };
        // Never an empty list without a reason: bad syntax, the texts still indexed.
        let reason = app
            .filter_syntax_error()
            .map(str::to_string)
            .or_else(|| app.fulltext_on().then(|| app.fulltext_count()).flatten());
        let line = match reason {
            Some(reason) if !app.filter().query.is_empty() => Line::styled(reason, theme.dim()),
            _ => Line::styled(message, theme.dim()),
        };
        frame.render_widget(Paragraph::new(line).block(block), area);
        return;
    }

    let facts = app.list_facts();
    let full_width = facts.date_width.min(DATE_MAX);
    let title_room = usize::from(inside.width).saturating_sub(MARKS_WIDTH + full_width + 1);
    let compact = title_room < TITLE_ROOM && facts.compact_date_width < full_width;
    let date_width = if compact {
        facts.compact_date_width.min(DATE_MAX)
    } else {
        full_width
    };
    let lines: Vec<Line> = app
        .rows()
        .iter()
        .enumerate()
        .skip(app.records_offset())
        .take(usize::from(inside.height) / app.row_height())
        .flat_map(|(i, row)| {
            let record = store.records.get(row.record)?;
            let selected = app.selected_row() == Some(i);
            let mut spans = vec![
                Span::raw(if selected {
                    strings::SELECTED_MARK
                } else {
                    " "
                }),
                if record.has_full_text() {
                    Span::raw("  ")
                } else {
                    Span::styled(format!("{} ", strings::NO_TEXT_MARK), theme.dim())
                },
            ];
            if date_width > 0 {
                let date = if compact {
                    compact_date(record)
                } else {
                    record.display_date()
                };
                let (date, style) = match date {
                    Some(date) => (sanitize_line(date), theme.date()),
                    None => (strings::UNDATED.into(), theme.dim()),
                };
                let date = truncate(&date, date_width);
                let pad = date_width.saturating_sub(date.width());
                spans.push(Span::styled(format!("{date}{} ", " ".repeat(pad)), style));
            }
            if app.desk().any_marked() {
                spans.push(if app.desk().is_marked(&record.id) {
                    Span::styled(format!("{} ", strings::desk::MARK), theme.mark())
                } else {
                    Span::raw("  ")
                });
            }
            spans.extend(title_spans(&record.title, app.title_positions(i), theme));
            let style = if selected {
                theme.selected(focused)
            } else {
                Style::new()
            };
            let mut lines = vec![Line::from(spans).style(style)];
            if app.row_height() > 1 {
                // The snippet under its title, indented past the marks.
                let mut snippet = vec![Span::raw(" ".repeat(MARKS_WIDTH))];
                if let Some(line) = app.snippet_line(i) {
                    snippet.extend(super::styled(line, theme).spans);
                }
                lines.push(Line::from(snippet));
            }
            Some(lines)
        })
        .flatten()
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
    let rows = app.row_height();
    super::scrollbar(
        frame,
        area,
        app.rows().len() * rows,
        app.records_offset() * rows,
    );
}

/// The title, sanitised, with the letters at `positions` (char indices of the raw
/// title) highlighted. Each char is sanitised in place (with its neighbours in view,
/// so an emoji sequence's joiners stay) so positions stay true.
pub(crate) fn title_spans(title: &str, positions: &[usize], theme: &Theme) -> Vec<Span<'static>> {
    if title.trim().is_empty() {
        return vec![Span::styled(strings::UNTITLED, theme.dim())];
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let chars: Vec<char> = title.chars().collect();
    for i in 0..chars.len() {
        let matched = positions.contains(&i);
        if matched != run_matched && !run.is_empty() {
            spans.push(styled_run(std::mem::take(&mut run), run_matched, theme));
        }
        run_matched = matched;
        crate::text::push_line_char(&chars, i, &mut run);
    }
    if !run.is_empty() {
        spans.push(styled_run(run, run_matched, theme));
    }
    spans
}

fn styled_run(text: String, matched: bool, theme: &Theme) -> Span<'static> {
    if matched {
        Span::styled(text, theme.matched())
    } else {
        Span::raw(text)
    }
}
