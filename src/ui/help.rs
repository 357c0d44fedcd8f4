//! The help overlay: the lines the view model made from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph};

use super::pane_block;
use super::theme::Theme;
use crate::strings;
use crate::tui::App;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block = pane_block(format!(" {} ", strings::HELP), true, theme);
    let inside = block.inner(area);
    let top = app.help_scroll().unwrap_or(0);
    let all = app.help_view();
    let shown = super::styled_slice(all, top, inside.height, theme);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(shown).block(block), area);
    super::scrollbar(frame, area, all.len(), top);
}
