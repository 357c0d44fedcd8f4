//! Theme colours by role name (`heading = "bold yellow"`, `hit = "#ffaf00"`), as
//! data: the reading room's theme turns a [`Paint`] into its styles.

use std::fmt;

/// The roles a theme colours, with what each is.
pub const ROLES: &[(&str, &str)] = &[
    ("heading", "section headings in the document"),
    ("label", "field labels in the provenance pane"),
    ("hit", "matched text in lists and the document"),
    ("dim", "secondary text: ids, counts of nothing"),
    ("border", "the focused pane's border"),
    ("title", "the focused pane's title"),
    ("selected", "the selected row"),
    ("date", "dates in the record list"),
    ("count", "counts in the collection list"),
    ("status", "the status line"),
    ("warning", "warnings"),
    ("error", "errors"),
    ("document_title", "the record's title above the document"),
    ("tab", "the active pane's tab"),
    ("mark", "the star of a marked record"),
];

/// A colour a terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Colour {
    /// The terminal's own foreground.
    Default,
    /// One of the 16 named colours, by its index (0 black ... 15 white).
    Named(u8),
    /// A 256-colour palette index.
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// The 16 named colours in palette order, as the config writes them.
pub const COLOUR_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
];

/// A colour with the emphasis written before it: `bold yellow`, `underlined`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Paint {
    pub colour: Option<Colour>,
    pub bold: bool,
    pub italic: bool,
    pub underlined: bool,
    pub reversed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{text:?} is not a colour: write a name (yellow, light-blue, dark-gray, default), #rrggbb or 0-255, optionally after bold, italic, underlined or reversed"
)]
pub struct ColourError {
    pub text: String,
}

impl Paint {
    pub fn parse(text: &str) -> Result<Paint, ColourError> {
        let fail = || ColourError {
            text: text.to_string(),
        };
        let mut paint = Paint {
            colour: None,
            bold: false,
            italic: false,
            underlined: false,
            reversed: false,
        };
        let words: Vec<String> = text
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect();
        if words.is_empty() {
            return Err(fail());
        }
        for word in &words {
            match word.as_str() {
                "bold" => paint.bold = true,
                "italic" => paint.italic = true,
                "underlined" | "underline" => paint.underlined = true,
                "reversed" | "reverse" => paint.reversed = true,
                colour if paint.colour.is_none() => {
                    paint.colour = Some(parse_colour(colour).ok_or_else(fail)?);
                }
                _ => return Err(fail()),
            }
        }
        Ok(paint)
    }
}

fn parse_colour(text: &str) -> Option<Colour> {
    if matches!(text, "default" | "reset" | "none") {
        return Some(Colour::Default);
    }
    let name = text.replace(['_', ' '], "-").replace("grey", "gray");
    if let Some(i) = COLOUR_NAMES.iter().position(|n| *n == name) {
        return Some(Colour::Named(i as u8));
    }
    if let Some(hex) = text.strip_prefix('#') {
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        return Some(Colour::Rgb(byte(0)?, byte(2)?, byte(4)?));
    }
    text.parse::<u8>().ok().map(Colour::Indexed)
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Colour::Default => f.write_str("default"),
            Colour::Named(i) => {
                f.write_str(COLOUR_NAMES.get(usize::from(*i)).unwrap_or(&"default"))
            }
            Colour::Indexed(i) => write!(f, "{i}"),
            Colour::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

/// True when `name` is one of [`ROLES`].
pub fn is_role(name: &str) -> bool {
    ROLES.iter().any(|(n, _)| *n == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_as_written() {
        let p = Paint::parse("bold Yellow").unwrap();
        assert!(p.bold);
        assert_eq!(p.colour, Some(Colour::Named(3)));
        assert_eq!(
            Paint::parse("#ffaf00").unwrap().colour,
            Some(Colour::Rgb(255, 175, 0))
        );
        assert_eq!(
            Paint::parse("208").unwrap().colour,
            Some(Colour::Indexed(208))
        );
        assert_eq!(
            Paint::parse("dark-grey").unwrap().colour,
            Some(Colour::Named(8))
        );
        assert!(Paint::parse("yelow").is_err());
        assert!(Paint::parse("#ffaf0").is_err());
        assert!(Paint::parse("red blue").is_err());
    }
}
