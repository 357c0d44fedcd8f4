//! The help overlay, generated from the keymap table that handles the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::pane_block;
use super::theme::Theme;
use crate::strings;
use crate::tui::App;
use crate::tui::keymap::{self, Context};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let block = pane_block(format!(" {} ", strings::HELP), true, theme);
    let inside = block.inner(area);
    let top = app.help_scroll().unwrap_or(0);
    let all = lines(theme);
    let total = all.len();
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(super::visible(all, top, inside.height)).block(block),
        area,
    );
    super::scrollbar(frame, area, total, top);
}

/// Every line of the overlay; `App::update` counts them to bound scrolling.
pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    let labels = |keys: &[keymap::Key]| -> String {
        keys.iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let column = keymap::help_rows()
        .map(|b| labels(b.keys).len())
        .chain(keymap::FILTER_HELP.iter().map(|(keys, _)| keys.len()))
        .max()
        .unwrap_or(0)
        + 2;
    let mut lines = Vec::new();
    for context in [
        Context::Anywhere,
        Context::Lists,
        Context::Document,
        Context::Help,
    ] {
        lines.push(Line::styled(context.heading(), theme.heading()));
        for binding in keymap::help_rows().filter(|b| b.context == context) {
            lines.push(row(
                &labels(binding.keys),
                binding.description,
                column,
                theme,
            ));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(strings::HELP_FILTER, theme.heading()));
    for (keys, description) in keymap::FILTER_HELP {
        lines.push(row(keys, description, column, theme));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(strings::NO_TEXT_LEGEND));
    lines.push(Line::raw(strings::HELP_MOUSE));
    lines
}

fn row(keys: &str, description: &str, column: usize, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {keys:<column$}"), theme.label()),
        Span::raw(description.to_string()),
    ])
}
