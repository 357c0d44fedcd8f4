//! The collection list: "All records", then each collection with its count.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::pane_block;
use super::theme::Theme;
use crate::strings;
use crate::text::sanitize_line;
use crate::tui::{App, Pane};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus() == Pane::Collections;
    let block = pane_block(format!(" {} ", strings::COLLECTIONS), focused, theme);
    let inside = block.inner(area);
    let width = usize::from(inside.width);

    let all = (
        strings::ALL_RECORDS.to_string(),
        app.store().records.len().to_string(),
        0,
    );
    // The desk's entries (Marked, Recent, tags, saved searches) come after "All records".
    let desk = app
        .desk_entries()
        .into_iter()
        .map(|(_, label, count)| (sanitize_line(&label).into_owned(), count.to_string(), 0));
    let entries = std::iter::once(all)
        .chain(desk)
        .chain(app.collections().iter().map(|c| {
            (
                sanitize_line(&c.title).into_owned(),
                c.count_label(),
                depth(app, c.parent.as_deref()),
            )
        }));
    let lines: Vec<Line> = entries
        .enumerate()
        .skip(app.collections_offset())
        .take(usize::from(inside.height))
        .map(|(i, (title, count, depth))| {
            let selected = i == app.collection_cursor();
            let mark = if selected {
                strings::SELECTED_MARK
            } else {
                " "
            };
            let indent = "  ".repeat(depth);
            // The count stays at the right edge; the title gives way.
            let room = width.saturating_sub(mark.width() + indent.len() + count.width() + 2);
            let title = truncate(&title, room);
            let gap = width
                .saturating_sub(mark.width() + indent.len() + title.width() + count.width() + 1);
            let style = if selected {
                theme.selected(focused)
            } else {
                ratatui::style::Style::new()
            };
            Line::from(vec![
                Span::raw(mark),
                Span::raw(format!("{indent}{title}")),
                Span::raw(" ".repeat(gap.max(1))),
                Span::styled(count, theme.count()),
            ])
            .style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
    let count = app.collection_entries();
    super::scrollbar(frame, area, count, app.collections_offset());
}

/// How deep a collection nests, following parents (with a guard against cycles).
fn depth<'a>(app: &'a App, mut parent: Option<&'a str>) -> usize {
    let mut depth = 0;
    while let Some(id) = parent {
        if depth >= 4 {
            break;
        }
        depth += 1;
        parent = app
            .collections()
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.parent.as_deref());
    }
    depth
}

/// Cuts text to `width` columns, ending in "…" when cut.
pub(crate) fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
