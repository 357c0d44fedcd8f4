//! The provenance pane: the citation verbatim, its parsed parts labelled, the
//! languages and translators, contributors, the digital source and rights, as the
//! view model lays them out (`crate::tui::view::provenance`).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::theme::Theme;
use crate::strings;
use crate::tui::{App, Pane};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let title = format!(" 3 {} ", strings::PROVENANCE);
    super::render_record_pane(
        app,
        theme,
        frame,
        area,
        (title, Pane::Provenance, app.provenance_top()),
        app.provenance_view(),
        &[],
    );
}
