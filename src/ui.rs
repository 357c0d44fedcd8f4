//! Rendering the reading room: one file per pane; render functions only read state.

pub mod collections;
pub mod document;
pub mod filter_line;
pub mod full_text;
pub mod help;
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
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::strings;
use crate::tui::App;
use crate::tui::app::LoadStatus;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::wrap::wrap;
use theme::Theme;

/// Draws one frame of the reading room.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let panes = app.panes_for(area);
    if panes.too_small {
        render_too_small(frame, area);
        return;
    }
    if let LoadStatus::Failed(message) = app.load_status() {
        render_failure(frame, area, message, app.theme());
        status_line::render(app, frame, panes.status);
        return;
    }
    if let Some(rect) = panes.collections {
        collections::render(app, frame, rect);
    }
    if let Some(rect) = panes.records {
        records::render(app, frame, rect);
    }
    document::render(app, frame, &panes);
    if let Some(rect) = panes.filter {
        filter_line::render(app, frame, rect);
    }
    status_line::render(app, frame, panes.status);
    if let Some(rect) = panes.help {
        help::render(app, frame, rect);
    }
}

/// Renders the app at a size into plain text, one line per row (trailing spaces
/// trimmed): for the README's screen captures and for tests. Resizes the app first.
pub fn render_to_string(app: &mut App, width: u16, height: u16) -> String {
    buffer_to_string(&render_to_buffer(app, width, height))
}

/// Renders the app at a size into a buffer (text and styles). Resizes the app first.
pub fn render_to_buffer(app: &mut App, width: u16, height: u16) -> Buffer {
    app.update(crate::tui::Action::Resize(width, height));
    let mut terminal = match Terminal::new(TestBackend::new(width, height)) {
        Ok(terminal) => terminal,
        Err(never) => match never {},
    };
    match terminal.draw(|frame| render(app, frame)) {
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

/// The width text wraps to inside a pane: one column is kept free before the
/// scrollbar on the right border, so words never touch it.
pub fn reading_width(inner_width: u16) -> u16 {
    inner_width.saturating_sub(1).max(1)
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

/// Store text wrapped to `width`, paragraphs kept, as owned lines in one style.
pub(crate) fn text_lines(text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let clean = crate::text::sanitize(text);
    wrap(&clean, usize::from(width))
        .into_iter()
        .map(|range| Line::styled(clean[range].to_string(), style))
        .collect()
}

/// `Label: value`, wrapped to `width`, the label in the label style.
pub(crate) fn field_lines(
    label: &str,
    value: &str,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let prefix = format!("{label}: ");
    let whole = format!("{prefix}{}", crate::text::sanitize_line(value));
    let mut lines = Vec::new();
    for (i, range) in wrap(&whole, usize::from(width)).into_iter().enumerate() {
        let text = &whole[range.clone()];
        if i == 0 && range.start == 0 && text.len() >= prefix.len() {
            lines.push(Line::from(vec![
                Span::styled(prefix.clone(), theme.label()),
                Span::raw(text[prefix.len()..].to_string()),
            ]));
        } else {
            lines.push(Line::raw(text.to_string()));
        }
    }
    lines
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

/// The visible slice of prepared lines.
pub(crate) fn visible(lines: Vec<Line<'static>>, top: usize, height: u16) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .skip(top)
        .take(usize::from(height))
        .collect()
}

/// Draws a titled pane of the shown record whose lines scroll from `top`:
/// the summary and provenance panes differ only in title, lines and offset.
pub(crate) fn render_record_pane(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    (title, pane, top): (String, crate::tui::Pane, usize),
    lines: impl Fn(&crate::store::Record, &Theme, u16) -> Vec<Line<'static>>,
) {
    let theme = app.theme();
    let block = pane_block(title, app.focus() == pane, theme);
    let inside = block.inner(area);
    let Some(record) = app.shown_record() else {
        let line = Line::styled(strings::NO_RECORD_SELECTED, theme.dim());
        frame.render_widget(Paragraph::new(line).block(block), area);
        return;
    };
    let all = lines(record, theme, reading_width(inside.width));
    let total = all.len();
    frame.render_widget(
        Paragraph::new(visible(all, top, inside.height)).block(block),
        area,
    );
    scrollbar(frame, area, total, top);
}
