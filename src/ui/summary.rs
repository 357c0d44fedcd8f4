//! The summary pane: the summary, then the people, places and subjects, as the
//! view model lays them out (`crate::tui::view::summary`).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::theme::Theme;
use crate::strings;
use crate::tui::{App, Pane};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let title = format!(" 1 {} ", strings::SUMMARY);
    super::render_record_pane(
        app,
        theme,
        frame,
        area,
        (title, Pane::Summary, app.summary_top()),
        app.summary_view(),
        app.summary_cursor().map_or(&[], |s| s.marks.as_slice()),
    );
}
