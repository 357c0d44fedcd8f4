//! Every style the reading room uses. Only the 16 named colours (readable on any
//! terminal); with `NO_COLOR` set, reverse video, bold and underline carry the meaning.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

use crate::config::Colour;
use crate::config::theme::ROLES;
use crate::tui::view::Role;

/// A config colour as the terminal library writes it.
fn colour_of(colour: Colour) -> Color {
    match colour {
        Colour::Default => Color::Reset,
        Colour::Named(n) => match n {
            0 => Color::Black,
            1 => Color::Red,
            2 => Color::Green,
            3 => Color::Yellow,
            4 => Color::Blue,
            5 => Color::Magenta,
            6 => Color::Cyan,
            7 => Color::Gray,
            8 => Color::DarkGray,
            9 => Color::LightRed,
            10 => Color::LightGreen,
            11 => Color::LightYellow,
            12 => Color::LightBlue,
            13 => Color::LightMagenta,
            14 => Color::LightCyan,
            _ => Color::White,
        },
        Colour::Indexed(i) => Color::Indexed(i),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// config.toml's `[theme]`, by the position of its role in `config::theme::ROLES`:
    /// laid over the style the role has by default.
    paints: [Option<Style>; ROLES.len()],
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            color: true,
            paints: [None; ROLES.len()],
        }
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
            ..Theme::default()
        }
    }

    pub fn no_color() -> Self {
        Theme {
            color: false,
            ..Theme::default()
        }
    }

    /// The theme with config.toml's colours by role (colours only when colour is on).
    pub fn with_config(mut self, config: &crate::config::Config) -> Self {
        for (name, paint) in &config.theme {
            let Some(at) = ROLES.iter().position(|(role, _)| role == name) else {
                continue;
            };
            let mut style = Style::new();
            if self.color
                && let Some(colour) = paint.colour
            {
                style = style.fg(colour_of(colour));
            }
            for (on, modifier) in [
                (paint.bold, Modifier::BOLD),
                (paint.italic, Modifier::ITALIC),
                (paint.underlined, Modifier::UNDERLINED),
                (paint.reversed, Modifier::REVERSED),
            ] {
                if on {
                    style = style.add_modifier(modifier);
                }
            }
            self.paints[at] = Some(style);
        }
        self
    }

    /// A role's default style with the config's paint laid over it.
    fn over(&self, role: &str, style: Style) -> Style {
        ROLES
            .iter()
            .position(|(name, _)| *name == role)
            .and_then(|at| self.paints[at])
            .map_or(style, |paint| style.patch(paint))
    }

    /// The star of a marked record.
    pub fn mark(&self) -> Style {
        self.over("mark", self.fg(Color::Yellow))
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
            Role::Selected => Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        let style = {
            if focused {
                self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            }
        };
        if focused {
            self.over("border", style)
        } else {
            style
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
        let style = {
            let style = Style::new().add_modifier(Modifier::BOLD);
            if focused {
                style.patch(self.fg(Color::Cyan))
            } else {
                style
            }
        };
        if focused {
            self.over("title", style)
        } else {
            style
        }
    }

    /// The selected row: reverse video in the focused list, bold elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        let style = {
            if focused {
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            } else {
                Style::new().add_modifier(Modifier::BOLD)
            }
        };
        if focused {
            self.over("selected", style)
        } else {
            style
        }
    }

    /// Letters the filter matched.
    pub fn matched(&self) -> Style {
        self.over("hit", {
            let style = Style::new().add_modifier(Modifier::BOLD);
            if self.color {
                style.fg(Color::Yellow)
            } else {
                style.add_modifier(Modifier::UNDERLINED)
            }
        })
    }

    pub fn date(&self) -> Style {
        self.over("date", {
            if self.color {
                Style::new().fg(Color::Cyan)
            } else {
                Style::new()
            }
        })
    }

    pub fn dim(&self) -> Style {
        self.over("dim", {
            if self.color {
                Style::new().fg(Color::DarkGray)
            } else {
                Style::new().add_modifier(Modifier::DIM)
            }
        })
    }

    pub fn label(&self) -> Style {
        self.over("label", Style::new().add_modifier(Modifier::BOLD))
    }

    pub fn heading(&self) -> Style {
        self.over("heading", {
            self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
        })
    }

    pub fn document_title(&self) -> Style {
        self.over("document_title", {
            Style::new().add_modifier(Modifier::BOLD)
        })
    }

    pub fn count(&self) -> Style {
        self.over("count", self.fg(Color::Green))
    }

    pub fn status(&self) -> Style {
        self.over("status", Style::new().add_modifier(Modifier::REVERSED))
    }

    pub fn warning(&self) -> Style {
        self.over("warning", {
            self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
        })
    }

    pub fn error(&self) -> Style {
        self.over("error", {
            self.fg(Color::Red).add_modifier(Modifier::BOLD)
        })
    }

    pub fn tab(&self, active: bool) -> Style {
        let style = {
            if active {
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            } else {
                Style::new()
            }
        };
        if active {
            self.over("tab", style)
        } else {
            style
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

    #[test]
    fn config_colours_are_laid_over_the_roles() {
        let config = crate::config::parse(
            "[theme]\nheading = \"bold blue\"\nmark = \"underlined\"\n",
            "config.toml",
        )
        .config;
        let theme = Theme::default().with_config(&config);
        assert_eq!(theme.heading().fg, Some(Color::Blue));
        assert!(theme.heading().add_modifier.contains(Modifier::BOLD));
        assert!(theme.mark().add_modifier.contains(Modifier::UNDERLINED));
        assert_eq!(theme.dim(), Theme::default().dim());
        // Without colour only the emphasis is kept.
        let plain = Theme::no_color().with_config(&config);
        assert_eq!(plain.heading().fg, None);
    }
}
