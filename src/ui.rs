//! Rendering the reading room: one file per pane; render functions only read state.
//! What the document's panes say comes from the view model (`crate::tui::view`),
//! as lines of spans with roles; here each role gets its style from the theme.

pub mod across_view;
pub mod collections;
pub mod document;
pub mod filter_line;
pub mod full_text;
pub mod help;
pub mod overlay;
pub mod parallel;
pub mod provenance;
pub mod records;
pub mod status_line;
pub mod summary;
pub mod tabs;
pub mod theme;

use ratatui::Frame;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::strings;
use crate::tui::App;
use crate::tui::app::LoadStatus;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::view;
use theme::Theme;

/// Draws one frame of the reading room.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let panes = app.panes_for(area);
    if panes.too_small {
        render_too_small(frame, area);
        return;
    }
    if let LoadStatus::Failed(message) = app.load_status() {
        render_failure(frame, area, message, theme);
        status_line::render(app, theme, frame, panes.status);
        return;
    }
    if let Some(rect) = panes.collections {
        collections::render(app, theme, frame, rect);
    }
    if let Some(rect) = panes.records {
        records::render(app, theme, frame, rect);
    }
    document::render(app, theme, frame, &panes);
    across_view::render(app, theme, frame, across_view::area(area, &panes));
    if let Some(rect) = panes.filter {
        filter_line::render(app, theme, frame, rect);
    }
    status_line::render(app, theme, frame, panes.status);
    if let Some(rect) = panes.help {
        help::render(app, theme, frame, rect);
    }
    overlay::render(app, theme, frame, area);
}

/// Renders the app at a size into plain text, one line per row (trailing spaces
/// trimmed): for the README's screen captures and for tests. Resizes the app first.
pub fn render_to_string(app: &mut App, width: u16, height: u16) -> String {
    buffer_to_string(&render_to_buffer(app, width, height))
}

/// Renders the app at a size into a buffer (text and styles), in the default
/// theme. Resizes the app first.
pub fn render_to_buffer(app: &mut App, width: u16, height: u16) -> Buffer {
    render_to_buffer_with(app, &Theme::default(), width, height)
}

/// Renders the app at a size into a buffer in a theme. Resizes the app first.
pub fn render_to_buffer_with(app: &mut App, theme: &Theme, width: u16, height: u16) -> Buffer {
    app.update(crate::tui::Action::Resize(width, height));
    let mut terminal = match Terminal::new(TestBackend::new(width, height)) {
        Ok(terminal) => terminal,
        Err(never) => match never {},
    };
    match terminal.draw(|frame| render(app, theme, frame)) {
        Ok(_) => terminal.backend().buffer().clone(),
        Err(never) => match never {},
    }
}

/// A buffer's text, one line per row, trailing spaces trimmed.
pub fn buffer_to_string(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut x = area.left();
        while x < area.right() {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += u16::try_from(symbol.width().max(1)).unwrap_or(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::from(strings::TOO_SMALL),
        Line::from(strings::need_size(MIN_WIDTH, MIN_HEIGHT)),
    ];
    let top = area.height.saturating_sub(2) / 2;
    let rect = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

fn render_failure(frame: &mut Frame, area: Rect, message: &str, theme: &Theme) {
    let lines = vec![
        Line::styled(strings::CANNOT_OPEN, theme.error()),
        Line::from(""),
        Line::from(crate::text::sanitize(message).into_owned()),
        Line::from(""),
        Line::from(strings::QUIT_HINT),
    ];
    let rect = area.inner(Margin::new(2, 1));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), rect);
}

/// A bordered pane with its title; the focused one stands out.
pub(crate) fn pane_block<'a>(
    title: impl Into<Line<'a>>,
    focused: bool,
    theme: &Theme,
) -> Block<'a> {
    Block::bordered()
        .border_type(theme.border_type(focused))
        .border_style(theme.border(focused))
        .title(title.into().style(theme.title(focused)))
}

/// A line of the view model, in the theme's styles for its roles.
pub(crate) fn styled<'a>(line: &'a view::Line<'_>, theme: &Theme) -> Line<'a> {
    Line::from(
        line.spans
            .iter()
            .map(|span| Span::styled(span.text.as_ref(), theme.role(span.role)))
            .collect::<Vec<_>>(),
    )
}

/// A scrollbar over a pane's right border, when its text is longer than the pane.
pub(crate) fn scrollbar(frame: &mut Frame, pane: Rect, total: usize, top: usize) {
    let height = usize::from(pane.height.saturating_sub(2));
    if total <= height {
        return;
    }
    let mut state = ScrollbarState::new(total.saturating_sub(height))
        .position(top)
        .viewport_content_length(height);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None),
        pane.inner(Margin::new(0, 1)),
        &mut state,
    );
}

/// The lines in sight of a pane that scrolls from `top`, in the theme's styles.
pub(crate) fn styled_slice<'a>(
    lines: &'a [view::Line<'_>],
    top: usize,
    height: u16,
    theme: &Theme,
) -> Vec<Line<'a>> {
    lines
        .iter()
        .skip(top)
        .take(usize::from(height))
        .map(|line| styled(line, theme))
        .collect()
}

/// Draws a titled pane of the shown record whose lines (from the view model)
/// scroll from `top`: the summary and provenance panes differ only in title, lines
/// and offset. `marked` are the parts of lines under a cursor (line, bytes).
pub(crate) fn render_record_pane(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    (title, pane, top): (String, crate::tui::Pane, usize),
    lines: Option<&[view::Line<'static>]>,
    marked: &[(usize, std::ops::Range<usize>)],
) {
    let block = pane_block(title, app.focus() == pane, theme);
    let inside = block.inner(area);
    let Some(all) = lines.filter(|_| app.shown_record().is_some()) else {
        let line = Line::styled(strings::NO_RECORD_SELECTED, theme.dim());
        frame.render_widget(Paragraph::new(line).block(block), area);
        return;
    };
    let mut shown = styled_slice(all, top, inside.height, theme);
    let cursor = theme.selected(app.focus() == pane);
    for (line, range) in marked {
        if let (Some(at), Some(source)) = (line.checked_sub(top), all.get(*line))
            && let Some(drawn) = shown.get_mut(at)
        {
            *drawn = marked_line(source, range.clone(), theme, cursor);
        }
    }
    frame.render_widget(Paragraph::new(shown).block(block), area);
    scrollbar(frame, area, all.len(), top);
}

/// A line with the bytes `range` of its text in the cursor's style.
fn marked_line<'a>(
    line: &'a view::Line<'_>,
    range: std::ops::Range<usize>,
    theme: &Theme,
    cursor: ratatui::style::Style,
) -> Line<'a> {
    let mut spans = Vec::new();
    let mut at = 0;
    for span in &line.spans {
        let text = span.text.as_ref();
        let style = theme.role(span.role);
        let (from, to) = (at, at + text.len());
        at = to;
        let cut = |b: usize| b.clamp(from, to) - from;
        let (a, b) = (cut(range.start), cut(range.end));
        let parts = [
            (&text[..a], style),
            (&text[a..b], style.patch(cursor)),
            (&text[b..], style),
        ];
        for (part, style) in parts {
            if !part.is_empty() {
                spans.push(Span::styled(part, style));
            }
        }
    }
    Line::from(spans)
}
