//! The desk's small windows over the room: the citation styles (`Y`), the tags
//! prompt (`t`), the saved search's name (`S`), its new name (`r`) or its removal
//! (`x`), and a citation shown to select by hand when the terminal cannot take OSC 52.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::pane_block;
use super::theme::Theme;
use crate::cite::Style;
use crate::strings::desk as words;
use crate::text::sanitize_line;
use crate::tui::App;
use crate::tui::desk_state::Prompt;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(prompt) = app.desk().prompt() else {
        return;
    };
    let (title, mut lines, hint) = match prompt {
        Prompt::Style => (
            words::STYLE_TITLE.to_string(),
            Style::ALL
                .iter()
                .enumerate()
                .map(|(i, style)| {
                    Line::from(vec![
                        Span::styled(format!("{} ", i + 1), theme.label()),
                        Span::raw(style.describe()),
                    ])
                })
                .collect::<Vec<_>>(),
            words::STYLE_HINT,
        ),
        Prompt::Tags { input, .. } => {
            let in_use: Vec<String> = app
                .desk()
                .tags_in_use()
                .into_iter()
                .map(|(t, n)| format!("{t} ({n})"))
                .collect();
            let mut lines = vec![Line::from(format!("> {}█", sanitize_line(input)))];
            if !in_use.is_empty() {
                lines.push(Line::styled(
                    sanitize_line(&in_use.join(", ")).into_owned(),
                    theme.dim(),
                ));
            }
            (words::TAGS_TITLE.to_string(), lines, words::TAGS_HINT)
        }
        Prompt::SaveSearch { input } => (
            words::SAVE_TITLE.to_string(),
            vec![
                Line::styled(sanitize_line(&app.filter().query).into_owned(), theme.dim()),
                Line::from(format!("> {}█", sanitize_line(input))),
            ],
            words::SAVE_HINT,
        ),
        Prompt::RenameSearch { old, input } => (
            words::RENAME_TITLE.to_string(),
            vec![
                Line::styled(
                    sanitize_line(app.desk().saved_query(old).unwrap_or("")).into_owned(),
                    theme.dim(),
                ),
                Line::from(format!("> {}█", sanitize_line(input))),
            ],
            words::RENAME_HINT,
        ),
        Prompt::RemoveSearch { name } => (
            words::REMOVE_TITLE.to_string(),
            vec![
                Line::from(sanitize_line(name).into_owned()),
                Line::styled(
                    sanitize_line(app.desk().saved_query(name).unwrap_or("")).into_owned(),
                    theme.dim(),
                ),
            ],
            words::REMOVE_HINT,
        ),
        Prompt::Shown { title, text } => (
            title.clone(),
            text.lines()
                .map(|l| Line::from(sanitize_line(l).into_owned()))
                .collect(),
            words::SHOWN_HINT,
        ),
    };
    lines.push(Line::from(""));
    lines.push(Line::styled(hint, theme.dim()));
    let width = area.width.saturating_sub(4).clamp(10, 76);
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    // Wrapped lines take more rows than there are lines.
    let rows: usize = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(inner_width))
        .sum();
    let height = u16::try_from(rows + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2));
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    );
    let block = pane_block(format!(" {} ", sanitize_line(&title)), true, theme);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
