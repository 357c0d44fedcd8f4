//! Dates as historians write them, read into EDTF with the written form kept for display.
//!
//! Only forms that mean one thing are read: "5 October 1945", "Oct. 5, 1945",
//! "05.10.1945", "October 1945", "c. 1944", "1944?", "1944-1945", "[1945]",
//! "1940s", "Spring 1945", "n.d.". A form that could mean two dates (`10/5/1945`)
//! or that is not a date at all is refused with the reason: a wrong date in a
//! historian's store is worse than none.

use crate::store::Edtf;
use crate::store::schema::RecordDate;

/// Why a written date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read the date {written:?}: {reason}")]
pub struct DateError {
    pub written: String,
    pub reason: &'static str,
}

/// Spellings of "no date".
const UNDATED: &[&str] = &[
    "n.d.",
    "n.d",
    "nd",
    "undated",
    "no date",
    "s.d.",
    "s.d",
    "sine dato",
    "date unknown",
    "unknown",
];

/// Reads a written date. `Ok(None)` for an empty cell; an undated marker ("n.d.")
/// gives a date with a display and no EDTF. The display is the written form,
/// left out when it is the EDTF string itself.
pub fn read_date(written: &str) -> Result<Option<RecordDate>, DateError> {
    let text = written.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let fail = |reason| DateError {
        written: text.to_string(),
        reason,
    };
    if UNDATED.contains(&text.to_lowercase().as_str()) {
        return Ok(Some(RecordDate {
            edtf: None,
            display: Some(text.to_string()),
            ..RecordDate::default()
        }));
    }
    let edtf = to_edtf(text).map_err(fail)?;
    let edtf = Edtf::parse(&edtf).map_err(|e| fail(e.reason))?;
    let display = (edtf.as_str() != text).then(|| text.to_string());
    Ok(Some(RecordDate {
        edtf: Some(edtf),
        display,
        ..RecordDate::default()
    }))
}

/// The EDTF string for a written date, or why there is none.
fn to_edtf(text: &str) -> Result<String, &'static str> {
    if Edtf::parse(text).is_ok() {
        return Ok(text.to_string());
    }
    // "[1945]": supplied by an editor; EDTF level 1 has no mark for that, the display keeps it.
    if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        return to_edtf(inner.trim());
    }
    let lower = text.to_lowercase();
    for prefix in [
        "circa ", "ca. ", "ca.", "ca ", "c. ", "c.", "approx. ", "about ",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return qualify(&to_edtf(rest.trim())?, '~');
        }
    }
    if let Some(rest) = lower.strip_suffix('?') {
        return qualify(&to_edtf(rest.trim())?, '?');
    }
    if let Some((a, b)) = split_range(&lower) {
        let (a, b) = (single(a.trim())?, single(b.trim())?);
        return Ok(format!("{a}/{b}"));
    }
    single(&lower)
}

/// Adds `~` or `?` to every endpoint (an interval's both ends).
fn qualify(edtf: &str, mark: char) -> Result<String, &'static str> {
    if edtf.ends_with(['~', '?', '%']) {
        return Err("more than one qualifier");
    }
    Ok(match edtf.split_once('/') {
        Some((a, b)) => format!("{a}{mark}/{b}{mark}"),
        None => format!("{edtf}{mark}"),
    })
}

/// "1944-1945", "1944 – 1945", "October 1945 to March 1946", "5-6 October 1945".
fn split_range(text: &str) -> Option<(String, String)> {
    for sep in [" to ", " - ", " – ", " — ", "–", "—"] {
        if let Some((a, b)) = text.split_once(sep) {
            return Some(complete_range(a, b));
        }
    }
    // A bare hyphen only between two years ("1944-1945") or days ("5-6 october 1945"):
    // "1945-10" is a month, already read as EDTF.
    let (a, b) = text.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let b_first = b.split_whitespace().next().unwrap_or("");
    if (a.len() == 4 && digits(a) && b.len() == 4 && digits(b))
        || (digits(a) && a.len() <= 2 && digits(b_first) && b_first.len() <= 2)
    {
        return Some(complete_range(a, b));
    }
    None
}

/// Gives the first half of a range what it borrows from the second: "5-6 October
/// 1945" is 5 October to 6 October; "October - December 1945" is October 1945.
fn complete_range(a: &str, b: &str) -> (String, String) {
    let (a, b) = (a.trim(), b.trim());
    let a_words: Vec<&str> = a.split_whitespace().collect();
    let b_words: Vec<&str> = b.split_whitespace().collect();
    let is_year = |w: &str| w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit());
    if a_words.iter().any(|w| is_year(w.trim_matches(','))) || b_words.len() < 2 {
        return (a.to_string(), b.to_string());
    }
    // Borrow the words of `b` after as many as `a` has: "5" + "october 1945".
    let borrowed = b_words.get(a_words.len()..).unwrap_or(&[]).join(" ");
    (format!("{a} {borrowed}"), b.to_string())
}

/// One date without qualifier: a day, a month, a year, a decade or a season.
fn single(text: &str) -> Result<String, &'static str> {
    let text = text.trim().trim_end_matches('.');
    if Edtf::parse(text).is_ok() && !text.contains('/') {
        return Ok(text.to_string());
    }
    if let Some(decade) = text.strip_suffix("0s").or_else(|| text.strip_suffix("0's"))
        && decade.len() == 3
        && decade.bytes().all(|b| b.is_ascii_digit())
    {
        return Ok(format!("{decade}X"));
    }
    if text.contains('/') {
        return Err(
            "a date with slashes could be day/month or month/day; write 5 October 1945 or 1945-10-05",
        );
    }
    if let Some(dotted) = day_month_year_dotted(text) {
        return dotted;
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut year = None;
    let mut month = None;
    let mut day = None;
    let mut season = None;
    for word in &words {
        let word = word.trim_end_matches('.');
        if let Some(m) = month_number(word) {
            if month.replace(m).is_some() {
                return Err("two months");
            }
        } else if let Some(s) = season_number(word) {
            season = Some(s);
        } else if let Some(n) = number(word) {
            if word.trim_end_matches(ORDINALS).len() == 4 && year.is_none() {
                year = Some(n);
            } else if (1..=31).contains(&n) && day.is_none() {
                day = Some(n);
            } else {
                return Err("a number that is neither a day nor a four-digit year");
            }
        } else if !matches!(word, "of" | "the") {
            return Err("a word that is not a month");
        }
    }
    let Some(year) = year else {
        return Err("no four-digit year");
    };
    match (season, month, day) {
        (Some(s), None, None) => Ok(format!("{year:04}-{s}")),
        (None, Some(m), Some(d)) => Ok(format!("{year:04}-{m:02}-{d:02}")),
        (None, Some(m), None) => Ok(format!("{year:04}-{m:02}")),
        (None, None, None) => Ok(format!("{year:04}")),
        (None, None, Some(_)) => Err("a day without a month"),
        _ => Err("a season with a month or day"),
    }
}

const ORDINALS: &[char] = &['s', 't', 'n', 'd', 'r', 'h'];

/// "5th", "22nd", "1945" as a number.
fn number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(ORDINALS);
    let suffix = &word[digits.len()..];
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !matches!(suffix, "" | "st" | "nd" | "rd" | "th")
    {
        return None;
    }
    digits.parse().ok()
}

/// "05.10.1945" (day first, as in European and Russian archives).
fn day_month_year_dotted(text: &str) -> Option<Result<String, &'static str>> {
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() != 3 || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let (d, m, y) = (parts[0], parts[1], parts[2]);
    if y.len() != 4 || d.is_empty() || d.len() > 2 || m.is_empty() || m.len() > 2 {
        return Some(Err(
            "a dotted date is day.month.year with a four-digit year",
        ));
    }
    Some(Ok(format!("{y}-{m:0>2}-{d:0>2}")))
}

fn month_number(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let full = crate::store::edtf::MONTHS;
    let position = (0..12).find(|&i| {
        word == full[i].to_lowercase() || word == NAMES[i] || (i == 8 && word == "sept")
    })?;
    Some(position as u32 + 1)
}

fn season_number(word: &str) -> Option<u32> {
    match word {
        "spring" => Some(21),
        "summer" => Some(22),
        "autumn" | "fall" => Some(23),
        "winter" => Some(24),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edtf(written: &str) -> String {
        match read_date(written) {
            Ok(Some(date)) => date
                .edtf
                .map_or_else(|| "(undated)".into(), |e| e.as_str().to_string()),
            Ok(None) => "(empty)".into(),
            Err(e) => format!("error: {}", e.reason),
        }
    }

    #[test]
    fn the_forms_of_the_issue() {
        let cases = [
            ("5 October 1945", "1945-10-05"),
            ("Oct. 5, 1945", "1945-10-05"),
            ("October 5, 1945", "1945-10-05"),
            ("1945-10-05", "1945-10-05"),
            ("October 1945", "1945-10"),
            ("c. 1944", "1944~"),
            ("ca. 1944", "1944~"),
            ("circa 1944", "1944~"),
            ("1944?", "1944?"),
            ("1944-1945", "1944/1945"),
            ("1944 – 1945", "1944/1945"),
            ("[1945]", "1945"),
            ("n.d.", "(undated)"),
            ("undated", "(undated)"),
            ("", "(empty)"),
        ];
        for (written, want) in cases {
            assert_eq!(edtf(written), want, "{written}");
        }
    }

    #[test]
    fn more_forms_historians_use() {
        let cases = [
            ("05.10.1945", "1945-10-05"),
            ("5th October 1945", "1945-10-05"),
            ("Sept. 1945", "1945-09"),
            ("1940s", "194X"),
            ("Spring 1945", "1945-21"),
            ("5-6 October 1945", "1945-10-05/1945-10-06"),
            ("October 1945 to March 1946", "1945-10/1946-03"),
            ("ca. October 1945", "1945-10~"),
            ("[ca. 1944]", "1944~"),
            ("October 1945?", "1945-10?"),
        ];
        for (written, want) in cases {
            assert_eq!(edtf(written), want, "{written}");
        }
    }

    #[test]
    fn what_cannot_be_read_is_refused_not_guessed() {
        for bad in [
            "10/5/1945",
            "45",
            "Octobre 1945",
            "31 February 1945",
            "early 1945",
            "5 October",
            "1945-13",
        ] {
            assert!(edtf(bad).starts_with("error"), "{bad}: {}", edtf(bad));
        }
    }

    #[test]
    fn the_written_form_is_the_display() {
        let date = read_date("Oct. 5, 1945").unwrap().unwrap();
        assert_eq!(date.display.as_deref(), Some("Oct. 5, 1945"));
        let plain = read_date("1945-10-05").unwrap().unwrap();
        assert_eq!(plain.display, None);
    }
}
