//! Dates before the calendar changed. Russian documents before February 1918 (and
//! others elsewhere, earlier) are dated Old Style, in the Julian calendar. A record
//! says so with `"calendar": "julian"` in its date; its `edtf` is then the date as the
//! source writes it, and carrel works out the Gregorian date to sort and filter by,
//! and shows both ("12/25 October 1917 (O.S./N.S.)").

use serde::{Deserialize, Serialize};

use super::edtf::{Day, Edtf, MONTHS};

/// The calendar a record's date is written in. Without one, Gregorian.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    #[default]
    Gregorian,
    Julian,
}

/// A Julian date worked out in the Gregorian calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct Dual {
    /// What sorting and date filters use.
    pub gregorian: Edtf,
    /// Both dates, for reading: "12/25 October 1917 (O.S./N.S.)".
    pub shown: String,
}

/// The Julian (Old Style) date `source` in the Gregorian calendar, with both written
/// out; `None` for an open or out-of-range date, which then stands as written.
pub fn dual(source: &Edtf, display: Option<&str>) -> Option<Dual> {
    let (lower, upper) = (source.lower(), source.upper());
    let in_range = |d: Day| (1..=9999).contains(&d.year);
    if !in_range(lower) || !in_range(upper) {
        return None;
    }
    let (new_lower, new_upper) = (to_gregorian(lower)?, to_gregorian(upper)?);
    let mark = match (source.is_approximate(), source.is_uncertain()) {
        (true, true) => "%",
        (true, false) => "~",
        (false, true) => "?",
        (false, false) => "",
    };
    let one_day = lower == upper && !source.is_interval();
    let gregorian = if one_day {
        Edtf::parse(&format!("{}{mark}", iso(new_lower)))
    } else {
        Edtf::parse(&format!(
            "{}{mark}/{}{mark}",
            iso(new_lower),
            iso(new_upper)
        ))
    }
    .ok()?;
    let shown = if one_day && mark.is_empty() {
        format!("{} (O.S./N.S.)", both_days(lower, new_lower))
    } else {
        let written = display.map_or_else(|| source.human(), str::to_string);
        format!("{written} (O.S.; N.S. {})", gregorian.human())
    };
    Some(Dual { gregorian, shown })
}

/// "12/25 October 1917", "25 October/7 November 1917", "20 December 1917/2 January 1918".
fn both_days(old: Day, new: Day) -> String {
    let month = |d: Day| MONTHS[usize::from(d.month.clamp(1, 12)) - 1];
    if old.year != new.year {
        format!(
            "{} {} {}/{} {} {}",
            old.day,
            month(old),
            old.year,
            new.day,
            month(new),
            new.year
        )
    } else if old.month != new.month {
        format!(
            "{} {}/{} {} {}",
            old.day,
            month(old),
            new.day,
            month(new),
            new.year
        )
    } else {
        format!("{}/{} {} {}", old.day, new.day, month(new), new.year)
    }
}

fn iso(day: Day) -> String {
    format!("{:04}-{:02}-{:02}", day.year, day.month, day.day)
}

/// A Julian calendar day as the Gregorian day it was, through the Julian day number.
pub fn to_gregorian(day: Day) -> Option<Day> {
    let (y, m, d) = (
        i64::from(day.year),
        i64::from(day.month),
        i64::from(day.day),
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Julian calendar to Julian day number.
    let a = (14 - m) / 12;
    let y = y + 4800 - a;
    let m = m + 12 * a - 3;
    let jdn = d + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083;
    // Julian day number to the Gregorian calendar.
    let a = jdn + 32044;
    let b = (4 * a + 3) / 146_097;
    let c = a - 146_097 * b / 4;
    let d = (4 * c + 3) / 1461;
    let e = c - 1461 * d / 4;
    let m = (5 * e + 2) / 153;
    let day = e - (153 * m + 2) / 5 + 1;
    let month = m + 3 - 12 * (m / 10);
    let year = 100 * b + d - 4800 + m / 10;
    Some(Day::new(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> Day {
        Day::new(y, m, d)
    }

    #[test]
    fn the_revolution_and_other_known_days_convert() {
        // 25 October 1917 O.S. was 7 November N.S.; the last Julian day in Russia,
        // 31 January 1918, was followed by 14 February.
        assert_eq!(to_gregorian(day(1917, 10, 25)), Some(day(1917, 11, 7)));
        assert_eq!(to_gregorian(day(1918, 1, 31)), Some(day(1918, 2, 13)));
        // Ten days apart in 1582, twelve in the 19th century, thirteen after 1900.
        assert_eq!(to_gregorian(day(1582, 10, 5)), Some(day(1582, 10, 15)));
        assert_eq!(to_gregorian(day(1812, 8, 26)), Some(day(1812, 9, 7)));
        // 29 February 1900 exists only in the Julian calendar: the day after it,
        // 1 March O.S., is where the gap grows to thirteen days.
        assert_eq!(to_gregorian(day(1900, 2, 29)), Some(day(1900, 3, 13)));
        assert_eq!(to_gregorian(day(1900, 3, 1)), Some(day(1900, 3, 14)));
    }

    #[test]
    fn a_day_shows_both_dates() {
        let shown = |edtf: &str| dual(&Edtf::parse(edtf).unwrap(), None).unwrap().shown;
        assert_eq!(shown("1917-10-12"), "12/25 October 1917 (O.S./N.S.)");
        assert_eq!(
            shown("1917-10-25"),
            "25 October/7 November 1917 (O.S./N.S.)"
        );
        assert_eq!(
            shown("1917-12-20"),
            "20 December 1917/2 January 1918 (O.S./N.S.)"
        );
    }

    #[test]
    fn a_month_or_a_circa_date_becomes_the_span_it_covers() {
        let october = dual(&Edtf::parse("1917-10").unwrap(), Some("October 1917")).unwrap();
        assert_eq!(october.gregorian.as_str(), "1917-10-14/1917-11-13");
        assert!(
            october.shown.starts_with("October 1917 (O.S.; N.S. "),
            "{}",
            october.shown
        );
        let circa = dual(&Edtf::parse("1905-01-09~").unwrap(), None).unwrap();
        assert_eq!(circa.gregorian.as_str(), "1905-01-22~");
    }

    #[test]
    fn open_dates_stand_as_written() {
        assert!(dual(&Edtf::parse("1917-10/..").unwrap(), None).is_none());
    }
}
