//! Every style the reading room uses. Only the 16 named colours (readable on any
//! terminal); with `NO_COLOR` set, reverse video, bold and underline carry the meaning.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

use crate::tui::view::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { color: true }
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything but the empty string (no-color.org),
    /// or the terminal says it is `dumb` (it may not know colour codes at all).
    pub fn from_env() -> Self {
        Theme::for_env(std::env::var_os("NO_COLOR"), std::env::var_os("TERM"))
    }

    fn for_env(no_color: Option<std::ffi::OsString>, term: Option<std::ffi::OsString>) -> Self {
        let asked_none = no_color.is_some_and(|v| !v.is_empty());
        let dumb = term.is_some_and(|t| t == "dumb");
        Theme {
            color: !asked_none && !dumb,
        }
    }

    pub fn no_color() -> Self {
        Theme { color: false }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// How text of a role looks (the view model says what text is; this, how it looks).
    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Body => Style::new(),
            Role::Heading => self.heading(),
            Role::Label => self.label(),
            Role::Dim => self.dim(),
            Role::Hit => self.matched(),
            Role::Error => self.error(),
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        }
    }

    /// The focused pane's border is thick, so focus shows without colour.
    pub fn border_type(&self, focused: bool) -> BorderType {
        if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if focused {
            style.patch(self.fg(Color::Cyan))
        } else {
            style
        }
    }

    /// The selected row: reverse video in the focused list, bold elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// Letters the filter matched.
    pub fn matched(&self) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            style.fg(Color::Yellow)
        } else {
            style.add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn date(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Cyan)
        } else {
            Style::new()
        }
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn label(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn document_title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn count(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn status(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn tab(&self, active: bool) -> Style {
        if active {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_and_a_dumb_terminal_get_no_colour() {
        let env = |no_color: Option<&str>, term: Option<&str>| {
            Theme::for_env(no_color.map(Into::into), term.map(Into::into)).color
        };
        assert!(env(None, Some("xterm-256color")));
        assert!(
            env(Some(""), Some("xterm")),
            "an empty NO_COLOR does not count"
        );
        assert!(!env(Some("1"), Some("xterm")));
        assert!(!env(None, Some("dumb")));
    }
}
