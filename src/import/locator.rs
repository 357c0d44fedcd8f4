//! An archival citation split into the store's locator parts: `GARF, f. 9401s, op. 2,
//! d. 10004, ll. 62-63` (fond, opis', delo, folios), `Box 12, Folder 3`, `vol. 2, p. 170`.
//! The citation itself is always kept verbatim; the locator is only what could be read
//! from it with certainty.

use crate::store::schema::Locator;

/// The locator in `citation`, when its parts are labelled in one of the store's schemes.
pub fn parse_locator(citation: &str) -> Option<Locator> {
    let mut fond = None;
    let mut opis = None;
    let mut delo = None;
    let mut folios = None;
    let mut r#box = None;
    let mut folder = None;
    let mut volume = None;
    let mut page = None;
    for part in citation.split([',', ';']) {
        let part = part.trim();
        let Some((label, value)) = split_label(part) else {
            continue;
        };
        let slot = match label.as_str() {
            "f" | "f." | "fond" | "ф" | "ф." => &mut fond,
            "op" | "op." | "opis" | "opis'" | "оп" | "оп." => &mut opis,
            "d" | "d." | "delo" | "д" | "д." => &mut delo,
            "l" | "l." | "ll" | "ll." | "list" | "listy" | "л" | "л." | "лл" | "лл." => {
                &mut folios
            }
            "box" | "b." => &mut r#box,
            "folder" | "fldr" | "fldr." => &mut folder,
            "vol" | "vol." | "volume" | "v." => &mut volume,
            "p" | "p." | "pp" | "pp." | "page" | "pages" => &mut page,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value.to_string());
        }
    }
    if fond.is_some() || opis.is_some() || delo.is_some() {
        Some(Locator::FondOpisDelo {
            fond,
            opis,
            delo,
            folios,
        })
    } else if r#box.is_some() || folder.is_some() {
        Some(Locator::BoxFolder { r#box, folder })
    } else if volume.is_some() {
        Some(Locator::VolumePage { volume, page })
    } else {
        None
    }
}

/// "op. 2" -> ("op.", "2"); the value must start with a digit ("f. 9401s", "ll. 62-63").
fn split_label(part: &str) -> Option<(String, &str)> {
    let split = part.find(|c: char| c.is_ascii_digit())?;
    let (label, value) = part.split_at(split);
    let label = label.trim().to_lowercase();
    if label.is_empty() || label.contains(' ') {
        return None;
    }
    let value = value.trim();
    (!value.is_empty() && !value.contains(' ')).then_some((label, value))
}

/// The repository's abbreviation when the citation opens with one: "GARF, f. 9401s" -> "GARF".
pub fn repository_abbr(citation: &str) -> Option<&str> {
    let first = citation.split(',').next()?.trim();
    let is_abbr = (2..=12).contains(&first.chars().count())
        && first
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
        && citation.contains(',');
    is_abbr.then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soviet_citations() {
        let locator = parse_locator("GARF, f. 9401s, op. 2, d. 10004, ll. 62-63");
        assert_eq!(
            locator,
            Some(Locator::FondOpisDelo {
                fond: Some("9401s".into()),
                opis: Some("2".into()),
                delo: Some("10004".into()),
                folios: Some("62-63".into()),
            })
        );
        assert_eq!(repository_abbr("GARF, f. 9401s, op. 2"), Some("GARF"));
        assert!(matches!(
            parse_locator("РГАСПИ, ф. 17, оп. 162, д. 17, л. 7об"),
            Some(Locator::FondOpisDelo { folios: Some(f), .. }) if f == "7об"
        ));
    }

    #[test]
    fn box_folder_and_volume_page() {
        assert_eq!(
            parse_locator("Truman Papers, Box 12, Folder 3"),
            Some(Locator::BoxFolder {
                r#box: Some("12".into()),
                folder: Some("3".into())
            })
        );
        assert_eq!(
            parse_locator("Istoricheskii arkhiv, vol. 2, p. 170"),
            Some(Locator::VolumePage {
                volume: Some("2".into()),
                page: Some("170".into())
            })
        );
        assert_eq!(parse_locator("Private collection"), None);
        assert_eq!(repository_abbr("Private collection"), None);
    }
}
