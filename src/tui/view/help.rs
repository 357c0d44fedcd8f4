//! The help overlay's lines, generated from the keymap table that handles the keys.

use super::{Line, Role, Span};
use crate::strings;
use crate::tui::key_overrides::KeyOverrides;
use crate::tui::keymap::{self, Context};

/// Every line of the overlay (they do not depend on its width: a long one is cut).
pub fn lines() -> Vec<Line<'static>> {
    lines_in(&KeyOverrides::default())
}

/// [`lines`] with the config's keys.
pub fn lines_in(overrides: &KeyOverrides) -> Vec<Line<'static>> {
    let labels = |keys: &[keymap::Key]| -> String {
        keys.iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let column = keymap::help_rows()
        .map(|b| labels(overrides.keys_of(b)).len())
        .chain(keymap::FILTER_HELP.iter().map(|(keys, _)| keys.len()))
        .max()
        .unwrap_or(0)
        + 2;
    let mut lines = Vec::new();
    for context in [
        Context::Anywhere,
        Context::Lists,
        Context::Document,
        Context::Summary,
        Context::Across,
        Context::Help,
    ] {
        lines.push(Line::one(context.heading(), Role::Heading));
        for binding in keymap::help_rows().filter(|b| b.context == context) {
            lines.push(row(
                &labels(overrides.keys_of(binding)),
                binding.description,
                column,
            ));
        }
        lines.push(Line::blank());
    }
    lines.push(Line::one(strings::HELP_FILTER, Role::Heading));
    for (keys, description) in keymap::FILTER_HELP {
        lines.push(row(keys, description, column));
    }
    lines.push(Line::blank());
    lines.push(Line::one(strings::HELP_FIND, Role::Heading));
    for (keys, description) in crate::tui::find::FIND_HELP {
        lines.push(row(keys, description, column));
    }
    lines.push(Line::blank());
    lines.push(Line::one(strings::NO_TEXT_LEGEND, Role::Body));
    lines.push(Line::one(strings::HELP_MOUSE, Role::Body));
    lines.push(Line::one(strings::HELP_OSC52, Role::Body));
    lines
}

fn row(keys: &str, description: &str, column: usize) -> Line<'static> {
    Line {
        spans: vec![
            Span::new(format!("  {keys:<column$}"), Role::Label),
            Span::new(description.to_string(), Role::Body),
        ],
    }
}
