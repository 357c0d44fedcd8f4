//! Ids for records that come without one: made from the date and the title, so that
//! the same row gives the same id on every import and a re-import finds its record.

use any_ascii::any_ascii;

use crate::store::schema::RecordDate;
use crate::store::validate::MAX_ID_LEN;

/// Lower-case ASCII words joined by `-`: "L. Beria to Cde. V.M. Molotov" ->
/// "l-beria-to-cde-v-m-molotov". Other scripts are romanised ("Берия" -> "beriia").
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in any_ascii(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `<date>-<title>`, cut at a word boundary to fit an id: "1945-10-05-l-beria-to-cde-v-m-molotov".
/// The date part is the EDTF date with its marks made letters ("1944~" -> "1944-ca"),
/// "nd" for an undated record.
pub fn derived_id(date: Option<&RecordDate>, title: &str) -> String {
    let date_part = match date.and_then(|d| d.edtf.as_ref()) {
        Some(edtf) => edtf
            .as_str()
            .replace('/', "-to-")
            .replace('~', "-ca")
            .replace('?', "-q")
            .replace('%', "-ca-q")
            .replace("..", "open")
            .to_ascii_lowercase()
            .trim_start_matches('-')
            .to_string(),
        None => "nd".to_string(),
    };
    let title = slug(title);
    let mut id = if title.is_empty() {
        date_part
    } else {
        format!("{date_part}-{title}")
    };
    if id.len() > MAX_ID_LEN {
        let cut = id[..MAX_ID_LEN]
            .rfind('-')
            .filter(|&i| i > 10)
            .unwrap_or(MAX_ID_LEN);
        id.truncate(cut);
    }
    id
}

/// `id`, or `id-2`, `id-3`... the first not yet in `taken`: two rows with the same date
/// and title keep their order-given ids on every import.
pub fn unique(id: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&id) {
        return id;
    }
    (2..)
        .map(|n| {
            let suffix = format!("-{n}");
            let keep = id.len().min(MAX_ID_LEN - suffix.len());
            format!("{}{suffix}", &id[..keep])
        })
        .find(|candidate| !taken(candidate))
        .unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::dates::read_date;
    use crate::store::validate::is_valid_id;

    #[test]
    fn ids_say_date_and_title() {
        let date = read_date("October 5, 1945").unwrap();
        assert_eq!(
            derived_id(date.as_ref(), "L. Beria to Cde. V.M. Molotov"),
            "1945-10-05-l-beria-to-cde-v-m-molotov"
        );
        let circa = read_date("c. 1944").unwrap();
        assert_eq!(derived_id(circa.as_ref(), "Notes"), "1944-ca-notes");
        assert_eq!(derived_id(None, "Письмо Берии"), "nd-pis-mo-berii");
    }

    #[test]
    fn ids_are_valid_and_stable() {
        for title in [
            "",
            "!!!",
            &"Very long title ".repeat(20),
            "Ürümqi — 乌鲁木齐",
        ] {
            let id = derived_id(read_date("1944-1945").unwrap().as_ref(), title);
            assert!(is_valid_id(&id), "{id}");
            assert_eq!(
                id,
                derived_id(read_date("1944-1945").unwrap().as_ref(), title)
            );
        }
    }

    #[test]
    fn repeats_get_numbers() {
        let taken = ["a", "a-2"];
        assert_eq!(unique("a".into(), |id| taken.contains(&id)), "a-3");
        assert_eq!(unique("b".into(), |id| taken.contains(&id)), "b");
    }
}
