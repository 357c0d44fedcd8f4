//! The document area: the record's title and date above its panes (summary, full
//! text, provenance), arranged by the layout.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::collections::truncate;
use super::theme::Theme;
use crate::strings;
use crate::text::sanitize_line;
use crate::tui::App;
use crate::tui::layout::Panes;
use crate::tui::wrap::wrap;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, panes: &Panes) {
    if let Some(rect) = panes.header {
        render_header(app, theme, frame, rect);
    }
    if let Some(rect) = panes.tabs {
        super::tabs::render(app, theme, frame, rect);
    }
    if let Some(rect) = panes.summary {
        super::summary::render(app, theme, frame, rect);
    }
    if let Some(rect) = panes.full_text {
        super::full_text::render(app, theme, frame, rect);
    }
    if let Some(rect) = panes.provenance {
        super::provenance::render(app, theme, frame, rect);
    }
}

fn render_header(app: &App, theme: &Theme, frame: &mut Frame, area: ratatui::layout::Rect) {
    let width = usize::from(area.width.saturating_sub(1));
    let Some(record) = app.shown_record() else {
        let line = Line::styled(format!(" {}", strings::NO_RECORD_SELECTED), theme.dim());
        frame.render_widget(Paragraph::new(line), area);
        return;
    };
    let title = if record.title.trim().is_empty() {
        strings::UNTITLED.to_string()
    } else {
        sanitize_line(&record.title).into_owned()
    };
    let mut facts = vec![
        record
            .display_date()
            .map_or(strings::UNDATED.to_string(), |d| {
                sanitize_line(d).into_owned()
            }),
    ];
    if let Some(kind) = &record.doc_type {
        facts.push(sanitize_line(kind).into_owned());
    }
    facts.push(sanitize_line(&record.id).into_owned());
    // Links either way are said where the reader looks: `L` lists them.
    if let Some(shown) = app.shown_index() {
        let (out, back) = app.link_counts(shown);
        if out + back.unwrap_or(0) > 0 {
            facts.push(strings::across::link_counts(out, back.unwrap_or(0)));
        }
    }
    // The title takes the lines the layout gave it, the last for the facts.
    let title_rows = usize::from(area.height.saturating_sub(1)).max(1);
    let ranges = wrap(&title, width);
    let cut = ranges.len() > title_rows;
    let mut lines: Vec<Line> = ranges
        .iter()
        .take(title_rows)
        .enumerate()
        .map(|(i, range)| {
            let mut text = title[range.clone()].to_string();
            if cut && i + 1 == title_rows {
                // More title than room: say so rather than end mid-sentence silently.
                text = truncate(&format!("{text} …"), width);
            }
            Line::from(Span::styled(format!(" {text}"), theme.document_title()))
        })
        .collect();
    lines.push(Line::from(Span::styled(
        format!(" {}", truncate(&facts.join(" · "), width)),
        theme.date(),
    )));
    frame.render_widget(Paragraph::new(lines), area);
}
