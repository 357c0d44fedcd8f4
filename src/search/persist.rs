//! The search index as bytes, saved beside the store's metadata cache so that an
//! unchanged store is searchable without building its index again (seconds at a
//! hundred thousand records; loading it back takes milliseconds).
//!
//! ```text
//! magic "CARRELSI" | version u32 | records u64
//! order    u32 per record
//! dates    per record: 0, or 1 then lower and upper day (year i32, month u8, day u8)
//! short, long (id, dates), summary vocabularies, each:
//!          words, spellings (word lists: count u64, text length u64, text, ends u32 each)
//!          starts u64 per word + 1 (byte offsets) | postings length u64 | postings
//!          (packed as `postings` describes)
//! ```
//!
//! All numbers little-endian. The file it lives in is checksummed (see
//! `crate::store::cache::Sidecar`); decoding still checks every length and index, so a
//! damaged or foreign payload is refused (`None`), never a panic.

use super::SearchIndex;
use super::keys::{Keys, Vocabulary};
use super::words::WordList;
use crate::store::Day;

const MAGIC: &[u8; 8] = b"CARRELSI";
/// Bumped whenever the layout or the meaning of the keys changes.
const VERSION: u32 = 3;

pub fn to_bytes(index: &SearchIndex) -> Vec<u8> {
    let keys = &index.keys;
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    put_u64(&mut out, keys.order.len());
    for &position in &keys.order {
        out.extend_from_slice(&position.to_le_bytes());
    }
    for date in &keys.dates {
        match date {
            None => out.push(0),
            Some((lower, upper)) => {
                out.push(1);
                put_day(&mut out, *lower);
                put_day(&mut out, *upper);
            }
        }
    }
    for vocabulary in [&keys.short, &keys.long, &keys.summary] {
        put_words(&mut out, &vocabulary.words);
        put_words(&mut out, &vocabulary.spellings);
        for &start in &vocabulary.starts {
            out.extend_from_slice(&start.to_le_bytes());
        }
        put_u64(&mut out, vocabulary.postings.len());
        out.extend_from_slice(&vocabulary.postings);
    }
    out
}

pub fn from_bytes(bytes: &[u8]) -> Option<Keys> {
    let mut input = Input { bytes, at: 0 };
    if input.take(8)? != MAGIC || input.u32()? != VERSION {
        return None;
    }
    let records = input.len(4)?;
    let order = input.u32s(records)?;
    if order.iter().any(|&p| p as usize >= records) {
        return None;
    }
    let mut dates = Vec::with_capacity(records);
    for _ in 0..records {
        dates.push(match input.u8()? {
            0 => None,
            1 => Some((input.day()?, input.day()?)),
            _ => return None,
        });
    }
    let short = input.vocabulary()?;
    let long = input.vocabulary()?;
    let summary = input.vocabulary()?;
    (input.at == bytes.len()).then_some(Keys {
        short,
        long,
        summary,
        dates,
        order,
    })
}

fn put_u64(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

fn put_day(out: &mut Vec<u8>, day: Day) {
    out.extend_from_slice(&day.year.to_le_bytes());
    out.push(day.month);
    out.push(day.day);
}

fn put_words(out: &mut Vec<u8>, words: &WordList) {
    let (text, ends) = words.parts();
    put_u64(out, ends.len());
    put_u64(out, text.len());
    out.extend_from_slice(text.as_bytes());
    for &end in ends {
        out.extend_from_slice(&end.to_le_bytes());
    }
}

/// A cursor over the payload; every read checks what is left.
struct Input<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Input<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let taken = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(taken)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// A count of items at least `item_size` bytes each: refused if more than the rest
    /// of the payload could hold, so a damaged count never allocates wildly.
    fn len(&mut self, item_size: usize) -> Option<usize> {
        let n = usize::try_from(u64::from_le_bytes(self.take(8)?.try_into().ok()?)).ok()?;
        (n.checked_mul(item_size)? <= self.bytes.len() - self.at).then_some(n)
    }

    fn u32s(&mut self, n: usize) -> Option<Vec<u32>> {
        let raw = self.take(n.checked_mul(4)?)?;
        Some(
            raw.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }

    fn u64s(&mut self, n: usize) -> Option<Vec<u64>> {
        let raw = self.take(n.checked_mul(8)?)?;
        Some(
            raw.chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect(),
        )
    }

    fn day(&mut self) -> Option<Day> {
        let year = i32::from_le_bytes(self.take(4)?.try_into().ok()?);
        Some(Day::new(year, self.u8()?, self.u8()?))
    }

    fn words(&mut self) -> Option<WordList> {
        let count = self.len(4)?;
        let text_len = self.len(1)?;
        let text = std::str::from_utf8(self.take(text_len)?).ok()?.to_string();
        let ends = self.u32s(count)?;
        WordList::from_parts(text, ends)
    }

    fn vocabulary(&mut self) -> Option<Vocabulary> {
        let words = self.words()?;
        let spellings = self.words()?;
        let starts = self.u64s(words.len().checked_add(1)?)?;
        let count = self.len(1)?;
        let postings = self.take(count)?.to_vec();
        let ordered = starts.windows(2).all(|w| w[0] <= w[1]);
        let fits = starts.first() == Some(&0) && starts.last() == Some(&(count as u64));
        (spellings.len() == words.len() && ordered && fits).then_some(Vocabulary {
            words,
            spellings,
            starts,
            postings,
        })
    }
}
