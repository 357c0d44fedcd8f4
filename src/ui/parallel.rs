//! The full-text pane when an original and its translation are read side by side
//! (`crate::tui::parallel`): two columns with a rule between them, or one at a
//! time in a narrow terminal; a line above says which text is which.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::present::language_name;
use crate::store::schema::{Record, Text};
use crate::strings::{self, across as words};
use crate::text::sanitize_line;
use crate::tui::parallel::{Side, texts_of};
use crate::tui::{App, Pane};

/// Which text a column is: "Russian original", "English translation, tr. G. Goldberg".
fn describe(record: &Record, text: &Text, role: &str) -> String {
    let mut said = format!("{} {role}", sanitize_line(&language_name(&text.lang)));
    let translators = if text.translators.is_empty() {
        record
            .provenance
            .as_ref()
            .map(|p| p.translated_by.clone())
            .unwrap_or_default()
    } else {
        text.translators.clone()
    };
    if role == words::TRANSLATION && !translators.is_empty() {
        said.push_str(&words::translated_by(&sanitize_line(
            &translators.join(", "),
        )));
    }
    said
}

/// Draws the pane if parallel reading is on; false to leave it to the full text.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> bool {
    let Some((layout, side, top)) = app.parallel() else {
        return false;
    };
    let Some(record) = app.shown_record() else {
        return false;
    };
    let Some((original, translation)) = texts_of(record) else {
        return false;
    };
    let focused = app.focus() == Pane::FullText;
    let title = format!(" 2 {} · {} ", strings::FULL_TEXT, words::PARALLEL);
    let mut block = super::pane_block(title, focused, theme);
    let inside = block.inner(area);
    let mut rows = vec![Constraint::Length(1)];
    if !layout.paired() {
        rows.push(Constraint::Length(1));
    }
    rows.push(Constraint::Fill(1));
    let parts = Layout::vertical(rows).split(inside);
    let body = parts[parts.len() - 1];
    let height = usize::from(body.height);
    let heads = (
        describe(record, original, words::ORIGINAL),
        describe(record, translation, words::TRANSLATION),
    );
    if !layout.paired() {
        let (a, b) = layout.paragraphs;
        frame.render_widget(
            Paragraph::new(Line::styled(
                words::paragraphs_differ(a, b),
                theme.warning(),
            )),
            parts[1],
        );
    }
    let lines = |side: Side| -> Vec<Line> {
        layout
            .visible(side, top, height)
            .iter()
            .map(|row| Line::styled(row.as_str(), theme.role(crate::tui::view::Role::Body)))
            .collect()
    };
    if layout.single {
        let head = match side {
            Side::Original => &heads.0,
            Side::Translation => &heads.1,
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(head.clone(), theme.heading()),
                Span::styled(format!("  ({})", words::OTHER_SIDE), theme.dim()),
            ])),
            parts[0],
        );
        frame.render_widget(Paragraph::new(lines(side)), body);
    } else {
        let columns = |r: Rect| {
            Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(3),
                Constraint::Fill(1),
            ])
            .areas::<3>(r)
        };
        let [left_head, _, right_head] = columns(parts[0]);
        frame.render_widget(
            Paragraph::new(Line::styled(heads.0.clone(), theme.heading())),
            left_head,
        );
        frame.render_widget(
            Paragraph::new(Line::styled(heads.1.clone(), theme.heading())),
            right_head,
        );
        let [left, rule, right] = columns(body);
        frame.render_widget(Paragraph::new(lines(Side::Original)), left);
        let bar: Vec<Line> = (0..body.height)
            .map(|_| Line::styled(" │ ", theme.dim()))
            .collect();
        frame.render_widget(Paragraph::new(bar), rule);
        frame.render_widget(Paragraph::new(lines(Side::Translation)), right);
    }
    block = block.title_bottom(
        Line::styled(
            format!(" {} ", strings::line_of(top + 1, layout.rows_for(side))),
            theme.dim(),
        )
        .right_aligned(),
    );
    frame.render_widget(block, area);
    super::scrollbar(frame, area, layout.rows_for(side), top);
    true
}
