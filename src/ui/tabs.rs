//! The tab bar of narrow terminals: one document pane at a time.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::strings;
use crate::tui::App;
use crate::tui::Pane;
use crate::tui::layout::tabs_split;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    for ((pane, cell), number) in Pane::DOCUMENT.iter().zip(tabs_split(area)).zip(1..) {
        let active = app.doc_pane() == *pane;
        let (name, short) = match pane {
            Pane::Summary => (strings::SUMMARY, strings::SUMMARY_SHORT),
            Pane::Provenance => (strings::PROVENANCE, strings::PROVENANCE_SHORT),
            _ => (strings::FULL_TEXT, strings::FULL_TEXT_SHORT),
        };
        let room = usize::from(cell.width);
        let label = [format!("{number} {name}"), format!("{number} {short}")]
            .into_iter()
            .find(|label| label.len() + 2 <= room)
            .unwrap_or_else(|| number.to_string());
        // Brackets mark the shown tab even without colour or reverse video.
        let text = if active {
            format!("[{label}]")
        } else {
            format!(" {label} ")
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.tab(active))).alignment(Alignment::Center),
            cell,
        );
    }
}
