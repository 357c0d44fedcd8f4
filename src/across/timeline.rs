//! How a list of records spreads over the years: a count per year (or decade, when
//! the list spans more years than a chart can show a bar each), with the undated
//! records counted beside it, never dropped. A record counts once, in the year its
//! date begins: "1945-10" and "1945-10-05" in 1945, "1944~" in 1944, the interval
//! "1944/1945" in 1944 (an open start, "../1945", in the year it ends).

use crate::store::Store;
use crate::store::edtf::{Day, Edtf};

/// How wide a bar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Year,
    Decade,
}

impl Span {
    fn years(self) -> i32 {
        match self {
            Span::Year => 1,
            Span::Decade => 10,
        }
    }
}

/// Beyond this many years, bars are decades unless asked otherwise.
pub const MOST_YEARS: i32 = 60;

/// One bar: the years `from..=to` and how many records fall in them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    pub from: i32,
    pub to: i32,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub by: Span,
    /// From the first year with a record to the last, empty bars included.
    pub buckets: Vec<Bucket>,
    /// Records without a date (or with a date open at both ends).
    pub undated: usize,
}

impl Timeline {
    pub fn dated(&self) -> usize {
        self.buckets.iter().map(|b| b.count).sum()
    }
}

/// The year a date counts in.
pub fn year_of(date: &Edtf) -> Option<i32> {
    let lower = date.lower();
    if lower != Day::MIN {
        return Some(lower.year);
    }
    let upper = date.upper();
    (upper != Day::MAX).then_some(upper.year)
}

/// The timeline of `records` (indices into the store); `by` chooses the bar width,
/// else years up to [`MOST_YEARS`] and decades beyond.
pub fn timeline(store: &Store, records: &[usize], by: Option<Span>) -> Timeline {
    let mut years: Vec<i32> = Vec::with_capacity(records.len());
    let mut undated = 0;
    for &r in records {
        match store
            .records
            .get(r)
            .and_then(|r| r.edtf())
            .and_then(year_of)
        {
            Some(year) => years.push(year),
            None => undated += 1,
        }
    }
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return Timeline {
            by: by.unwrap_or(Span::Year),
            buckets: Vec::new(),
            undated,
        };
    };
    let by = by.unwrap_or(if last - first >= MOST_YEARS {
        Span::Decade
    } else {
        Span::Year
    });
    let width = by.years();
    let start = first.div_euclid(width) * width;
    let count = usize::try_from((last.div_euclid(width) * width - start) / width + 1).unwrap_or(0);
    let mut buckets: Vec<Bucket> = (0..count)
        .map(|i| {
            let from = start + i32::try_from(i).unwrap_or(0) * width;
            Bucket {
                from,
                to: from + width - 1,
                count: 0,
            }
        })
        .collect();
    for year in years {
        let at = usize::try_from((year - start).div_euclid(width)).unwrap_or(0);
        if let Some(bucket) = buckets.get_mut(at) {
            bucket.count += 1;
        }
    }
    Timeline {
        by,
        buckets,
        undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Archive;
    use crate::store::schema::{Record, RecordDate};

    fn dated(id: &str, edtf: Option<&str>) -> Record {
        Record {
            id: id.to_string(),
            date: edtf.map(|e| RecordDate {
                edtf: Some(Edtf::parse(e).unwrap()),
                display: None,
                ..RecordDate::default()
            }),
            ..Record::default()
        }
    }

    fn store(dates: &[Option<&str>]) -> Store {
        let records = dates
            .iter()
            .enumerate()
            .map(|(i, d)| dated(&i.to_string(), *d))
            .collect();
        Store::new(Archive::default(), vec![], records)
    }

    #[test]
    fn partial_circa_interval_and_undated_dates_each_count_once() {
        let store = store(&[
            Some("1945-10"),
            Some("1945-10-05"),
            Some("1944~"),
            Some("1944/1945"),
            Some("../1947"),
            None,
            Some("1941?"),
        ]);
        let t = timeline(&store, &store.all(), None);
        assert_eq!(t.by, Span::Year);
        let counts: Vec<(i32, usize)> = t.buckets.iter().map(|b| (b.from, b.count)).collect();
        assert_eq!(
            counts,
            vec![
                (1941, 1),
                (1942, 0),
                (1943, 0),
                (1944, 2),
                (1945, 2),
                (1946, 0),
                (1947, 1)
            ]
        );
        assert_eq!(t.undated, 1);
        assert_eq!(t.dated() + t.undated, 7, "none dropped");
    }

    #[test]
    fn a_long_span_is_shown_by_decade() {
        let store = store(&[Some("1905"), Some("1917-10-25"), Some("1991-12")]);
        let t = timeline(&store, &store.all(), None);
        assert_eq!(t.by, Span::Decade);
        assert_eq!(
            t.buckets.first().map(|b| (b.from, b.to)),
            Some((1900, 1909))
        );
        assert_eq!(t.buckets.last().map(|b| (b.from, b.count)), Some((1990, 1)));
        assert_eq!(t.buckets.len(), 10);
        let by_year = timeline(&store, &store.all(), Some(Span::Year));
        assert_eq!(by_year.buckets.len(), 87);
    }

    #[test]
    fn nothing_dated_is_all_undated() {
        let store = store(&[None, None]);
        let t = timeline(&store, &store.all(), None);
        assert!(t.buckets.is_empty());
        assert_eq!(t.undated, 2);
    }
}
