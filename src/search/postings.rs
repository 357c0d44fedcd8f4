//! Where each vocabulary word occurs, packed: per word, its (record, field) pairs in
//! record order, each one varint of the gap from the previous record shifted left by
//! three bits, with the field in those three bits. A word in a thousand records then
//! takes one or two bytes per occurrence instead of eight, so the index is a fraction
//! of the size to keep in memory and to load from disk, and a search decodes only the
//! words it matches.

use super::Field;

/// One occurrence of a vocabulary word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub record: u32,
    pub field: Field,
}

const FIELDS: [Field; 7] = [
    Field::Title,
    Field::People,
    Field::Places,
    Field::Subjects,
    Field::Id,
    Field::Date,
    Field::Summary,
];

fn field_code(field: Field) -> u64 {
    FIELDS.iter().position(|&f| f == field).unwrap_or(0) as u64
}

/// One word's postings, packed as they are added (in ascending record order): while
/// an index is built, a hundred thousand records' postings take a fifth of the memory
/// a list of them would.
#[derive(Debug, Default)]
pub struct Packer {
    pub bytes: Vec<u8>,
    last: Option<Posting>,
}

impl Packer {
    /// Adds a posting; the same one twice in a row is kept once.
    pub fn push(&mut self, posting: Posting) {
        if self.last == Some(posting) {
            return;
        }
        let previous = self.last.map_or(0, |p| p.record);
        self.last = Some(posting);
        let gap = u64::from(posting.record.saturating_sub(previous));
        let mut value = (gap << 3) | field_code(posting.field);
        while value >= 0x80 {
            self.bytes.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }
}

/// The postings packed in `bytes`; stops at the first malformed one (only a damaged
/// saved index has any, and checking it when loaded would mean decoding it all).
pub struct Postings<'a> {
    bytes: &'a [u8],
    at: usize,
    record: u32,
}

impl<'a> Postings<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Postings {
            bytes,
            at: 0,
            record: 0,
        }
    }
}

impl Iterator for Postings<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                let field = *FIELDS.get((value & 7) as usize)?;
                let gap = u32::try_from(value >> 3).ok()?;
                self.record = self.record.checked_add(gap)?;
                return Some(Posting {
                    record: self.record,
                    field,
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_come_back_as_packed() {
        let postings = [
            Posting {
                record: 0,
                field: Field::Title,
            },
            Posting {
                record: 0,
                field: Field::Summary,
            },
            Posting {
                record: 5,
                field: Field::People,
            },
            Posting {
                record: 4_000_000_000,
                field: Field::Date,
            },
        ];
        let mut packer = Packer::default();
        for posting in postings {
            packer.push(posting);
            packer.push(posting);
        }
        let bytes = packer.bytes;
        assert!(bytes.len() < 12);
        assert_eq!(Postings::new(&bytes).collect::<Vec<_>>(), postings);
        assert_eq!(Postings::new(&bytes[..bytes.len() - 1]).count(), 3);
        assert_eq!(Postings::new(&[0x07]).count(), 0, "no field 7");
    }
}
