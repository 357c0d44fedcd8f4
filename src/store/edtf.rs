//! Extended Date/Time Format (EDTF, ISO 8601-2) level 1 dates, as historians write them:
//! `1945-10-05`, `1945-10`, `1945`, `1944~` (circa), `1944?` (uncertain), `1944%` (both),
//! `194X` (unspecified digit), `2001-21` (spring), `1944/1945`, `1985-04/..`, `../1945`.
//!
//! Sorting and date filters use the lower and upper bounds: the first and last day the
//! date could denote. Qualifiers do not widen the bounds; they are kept for display.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A calendar day. Years may be negative (BCE, astronomical numbering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// Before any date: the lower bound of an open start (`../1945`).
    pub const MIN: Day = Day {
        year: i32::MIN,
        month: 1,
        day: 1,
    };
    /// After any date: the upper bound of an open end (`1985-04/..`).
    pub const MAX: Day = Day {
        year: i32::MAX,
        month: 12,
        day: 31,
    };

    pub fn new(year: i32, month: u8, day: u8) -> Self {
        Day { year, month, day }
    }
}

/// Approximate (`~`), uncertain (`?`), or both (`%`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Qualifier {
    pub approximate: bool,
    pub uncertain: bool,
}

/// How precisely one endpoint is given: it decides how the date reads aloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Precision {
    Year,
    Month,
    Day,
    Season(u8),
    /// Unspecified digits (`194X`, `1945-XX`): shown as written.
    Unspecified,
    /// `..` or an empty side of an interval.
    Open,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Endpoint {
    lower: Day,
    upper: Day,
    precision: Precision,
    qualifier: Qualifier,
}

/// A parsed EDTF date or interval. Serialises as the text it was parsed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edtf {
    raw: String,
    start: Endpoint,
    end: Option<Endpoint>,
}

/// Why a string is not an EDTF level 1 date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an EDTF date: {text:?} ({reason})")]
pub struct EdtfError {
    pub text: String,
    pub reason: &'static str,
}

impl Edtf {
    pub fn parse(text: &str) -> Result<Self, EdtfError> {
        let fail = |reason| EdtfError {
            text: text.to_string(),
            reason,
        };
        if text.is_empty() {
            return Err(fail("empty"));
        }
        let (start, end) = match text.split_once('/') {
            None => (parse_endpoint(text).map_err(fail)?, None),
            Some((a, b)) => {
                if a.contains('/') || b.contains('/') {
                    return Err(fail("more than one '/'"));
                }
                let start = parse_side(a).map_err(fail)?;
                let end = parse_side(b).map_err(fail)?;
                if start.precision == Precision::Open && end.precision == Precision::Open {
                    return Err(fail("an interval needs at least one date"));
                }
                if end.upper < start.lower {
                    return Err(fail("interval ends before it starts"));
                }
                (start, Some(end))
            }
        };
        Ok(Edtf {
            raw: text.to_string(),
            start,
            end,
        })
    }

    /// The text as written in the store.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The first day the date could denote.
    pub fn lower(&self) -> Day {
        self.start.lower
    }

    /// The last day the date could denote.
    pub fn upper(&self) -> Day {
        self.end.map_or(self.start.upper, |e| e.upper)
    }

    pub fn is_interval(&self) -> bool {
        self.end.is_some()
    }

    /// True when any part is marked approximate (`~` or `%`).
    pub fn is_approximate(&self) -> bool {
        self.start.qualifier.approximate || self.end.is_some_and(|e| e.qualifier.approximate)
    }

    /// True when any part is marked uncertain (`?` or `%`).
    pub fn is_uncertain(&self) -> bool {
        self.start.qualifier.uncertain || self.end.is_some_and(|e| e.qualifier.uncertain)
    }

    /// Does the date overlap the closed range of days `from..=to`?
    pub fn overlaps(&self, from: Day, to: Day) -> bool {
        self.lower() <= to && self.upper() >= from
    }

    /// The date in words, for stores that give no display form:
    /// "5 October 1945", "October 1945", "ca. 1944", "1944?", "1944 to 1945".
    pub fn human(&self) -> String {
        let start = human_endpoint(&self.start, &self.raw);
        match &self.end {
            None => start,
            Some(end) => {
                let end_text = human_endpoint(end, &self.raw);
                match (self.start.precision, end.precision) {
                    (Precision::Open, _) => format!("until {end_text}"),
                    (_, Precision::Open) => format!("from {start}"),
                    _ => format!("{start} to {end_text}"),
                }
            }
        }
    }
}

/// Order by lower bound, then upper bound, then text, so that sorting is total and stable.
pub fn compare(a: &Edtf, b: &Edtf) -> Ordering {
    a.lower()
        .cmp(&b.lower())
        .then(a.upper().cmp(&b.upper()))
        .then_with(|| a.raw.cmp(&b.raw))
}

/// Order optional dates with undated ones last.
pub fn compare_optional(a: Option<&Edtf>, b: Option<&Edtf>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => compare(a, b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn human_endpoint(end: &Endpoint, raw: &str) -> String {
    let Day { year, month, day } = end.lower;
    let base = match end.precision {
        Precision::Year => year.to_string(),
        Precision::Month => format!("{} {year}", MONTHS[usize::from(month - 1)]),
        Precision::Day => format!("{day} {} {year}", MONTHS[usize::from(month - 1)]),
        Precision::Season(s) => {
            let name = ["Spring", "Summer", "Autumn", "Winter"][usize::from(s - 21)];
            format!("{name} {year}")
        }
        Precision::Unspecified | Precision::Open => return raw.to_string(),
    };
    match (end.qualifier.approximate, end.qualifier.uncertain) {
        (false, false) => base,
        (true, false) => format!("ca. {base}"),
        (false, true) => format!("{base}?"),
        (true, true) => format!("ca. {base}?"),
    }
}

fn parse_side(text: &str) -> Result<Endpoint, &'static str> {
    if text.is_empty() || text == ".." {
        let open = Endpoint {
            lower: Day::MIN,
            upper: Day::MAX,
            precision: Precision::Open,
            qualifier: Qualifier::default(),
        };
        return Ok(open);
    }
    parse_endpoint(text)
}

fn parse_endpoint(text: &str) -> Result<Endpoint, &'static str> {
    let (body, qualifier) = match text.as_bytes().last() {
        Some(b'~') => (&text[..text.len() - 1], (true, false)),
        Some(b'?') => (&text[..text.len() - 1], (false, true)),
        Some(b'%') => (&text[..text.len() - 1], (true, true)),
        _ => (text, (false, false)),
    };
    let qualifier = Qualifier {
        approximate: qualifier.0,
        uncertain: qualifier.1,
    };
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let mut parts = body.split('-');
    let year_text = parts.next().ok_or("no year")?;
    let month_text = parts.next();
    let day_text = parts.next();
    if parts.next().is_some() {
        return Err("too many '-' parts");
    }
    if year_text.len() != 4 {
        return Err("the year must have four digits");
    }
    let (year_lo, year_hi) = digits_range(year_text).ok_or("the year is not four digits")?;
    let sign = |y: u32| -> i32 {
        // Four digits fit an i32 whatever they are.
        let y = i32::try_from(y).unwrap_or(0);
        if negative { -y } else { y }
    };
    let (year_lo, year_hi) = if negative {
        (sign(year_hi), sign(year_lo))
    } else {
        (sign(year_lo), sign(year_hi))
    };
    let year_unspecified = year_lo != year_hi;

    let Some(month_text) = month_text else {
        let precision = if year_unspecified {
            Precision::Unspecified
        } else {
            Precision::Year
        };
        return Ok(Endpoint {
            lower: Day::new(year_lo, 1, 1),
            upper: Day::new(year_hi, 12, 31),
            precision,
            qualifier,
        });
    };
    if month_text.len() != 2 {
        return Err("the month must have two digits");
    }
    if month_text == "XX" {
        if day_text.is_some_and(|d| d != "XX") {
            return Err("a day needs a month");
        }
        return Ok(Endpoint {
            lower: Day::new(year_lo, 1, 1),
            upper: Day::new(year_hi, 12, 31),
            precision: Precision::Unspecified,
            qualifier,
        });
    }
    let month: u8 = month_text
        .parse()
        .map_err(|_| "the month is not a number")?;
    if (21..=24).contains(&month) {
        if day_text.is_some() || year_unspecified {
            return Err("a season takes a plain year and no day");
        }
        let (lower, upper) = season_bounds(year_lo, month);
        return Ok(Endpoint {
            lower,
            upper,
            precision: Precision::Season(month),
            qualifier,
        });
    }
    if !(1..=12).contains(&month) {
        return Err("the month is not 01-12 or a season 21-24");
    }
    let Some(day_text) = day_text else {
        let precision = if year_unspecified {
            Precision::Unspecified
        } else {
            Precision::Month
        };
        return Ok(Endpoint {
            lower: Day::new(year_lo, month, 1),
            upper: Day::new(year_hi, month, days_in_month(year_hi, month)),
            precision,
            qualifier,
        });
    };
    if day_text.len() != 2 {
        return Err("the day must have two digits");
    }
    if day_text == "XX" {
        return Ok(Endpoint {
            lower: Day::new(year_lo, month, 1),
            upper: Day::new(year_hi, month, days_in_month(year_hi, month)),
            precision: Precision::Unspecified,
            qualifier,
        });
    }
    let day: u8 = day_text.parse().map_err(|_| "the day is not a number")?;
    if day == 0 || day > days_in_month(year_lo, month) {
        return Err("no such day in that month");
    }
    let precision = if year_unspecified {
        Precision::Unspecified
    } else {
        Precision::Day
    };
    Ok(Endpoint {
        lower: Day::new(year_lo, month, day),
        upper: Day::new(year_hi, month, day),
        precision,
        qualifier,
    })
}

/// The smallest and largest value of four digits where `X` stands for any digit.
/// Unspecified digits must be trailing (`19XX`, not `1X45`).
fn digits_range(text: &str) -> Option<(u32, u32)> {
    let mut lo = 0u32;
    let mut hi = 0u32;
    let mut seen_x = false;
    for b in text.bytes() {
        match b {
            b'0'..=b'9' if !seen_x => {
                let d = u32::from(b - b'0');
                lo = lo * 10 + d;
                hi = hi * 10 + d;
            }
            b'X' => {
                seen_x = true;
                lo *= 10;
                hi = hi * 10 + 9;
            }
            _ => return None,
        }
    }
    Some((lo, hi))
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Northern-hemisphere seasons, as EDTF's 21-24 are usually read.
fn season_bounds(year: i32, season: u8) -> (Day, Day) {
    match season {
        21 => (Day::new(year, 3, 1), Day::new(year, 5, 31)),
        22 => (Day::new(year, 6, 1), Day::new(year, 8, 31)),
        23 => (Day::new(year, 9, 1), Day::new(year, 11, 30)),
        _ => (
            Day::new(year, 12, 1),
            Day::new(year + 1, 2, days_in_month(year + 1, 2)),
        ),
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl std::str::FromStr for Edtf {
    type Err = EdtfError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Edtf::parse(s)
    }
}

impl Serialize for Edtf {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for Edtf {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Edtf::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(text: &str) -> (Day, Day) {
        let d = Edtf::parse(text).unwrap();
        (d.lower(), d.upper())
    }

    #[test]
    fn full_partial_and_qualified_dates_have_the_right_bounds() {
        assert_eq!(
            bounds("1945-10-05"),
            (Day::new(1945, 10, 5), Day::new(1945, 10, 5))
        );
        assert_eq!(
            bounds("1945-10"),
            (Day::new(1945, 10, 1), Day::new(1945, 10, 31))
        );
        assert_eq!(
            bounds("1944-02"),
            (Day::new(1944, 2, 1), Day::new(1944, 2, 29))
        );
        assert_eq!(
            bounds("1945"),
            (Day::new(1945, 1, 1), Day::new(1945, 12, 31))
        );
        assert_eq!(bounds("1944~"), bounds("1944"));
        assert_eq!(
            bounds("194X"),
            (Day::new(1940, 1, 1), Day::new(1949, 12, 31))
        );
        assert_eq!(bounds("1944/1945").1, Day::new(1945, 12, 31));
        assert_eq!(bounds("1985-04/..").1, Day::MAX);
        assert_eq!(bounds("../1945").0, Day::MIN);
        assert_eq!(
            bounds("2001-21"),
            (Day::new(2001, 3, 1), Day::new(2001, 5, 31))
        );
        assert_eq!(bounds("-0100").0, Day::new(-100, 1, 1));
    }

    #[test]
    fn qualifiers_are_recorded() {
        let circa = Edtf::parse("1944~").unwrap();
        assert!(circa.is_approximate() && !circa.is_uncertain());
        let both = Edtf::parse("1944%").unwrap();
        assert!(both.is_approximate() && both.is_uncertain());
        assert!(Edtf::parse("1944?").unwrap().is_uncertain());
    }

    #[test]
    fn malformed_dates_are_refused() {
        for bad in [
            "",
            "45",
            "1945-13",
            "1945-02-30",
            "1945-1-5",
            "October 1945",
            "1945/1944",
            "../..",
            "1X45",
            "circa 1944",
            "1945-10-05T10:00",
            "1945//1946",
        ] {
            assert!(Edtf::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn dates_sort_by_bounds_with_undated_last() {
        let mut dates = vec![
            Some("1945-10-05"),
            None,
            Some("1945"),
            Some("1944~"),
            Some("1945-10"),
        ];
        dates.sort_by(|a, b| {
            let a = a.map(|t| Edtf::parse(t).unwrap());
            let b = b.map(|t| Edtf::parse(t).unwrap());
            compare_optional(a.as_ref(), b.as_ref())
        });
        assert_eq!(
            dates,
            vec![
                Some("1944~"),
                Some("1945"),
                Some("1945-10"),
                Some("1945-10-05"),
                None
            ]
        );
    }

    #[test]
    fn dates_read_aloud() {
        let human = |t: &str| Edtf::parse(t).unwrap().human();
        assert_eq!(human("1945-10-05"), "5 October 1945");
        assert_eq!(human("1945-10"), "October 1945");
        assert_eq!(human("1944~"), "ca. 1944");
        assert_eq!(human("1944?"), "1944?");
        assert_eq!(human("1944/1945"), "1944 to 1945");
        assert_eq!(human("../1945"), "until 1945");
    }
}
