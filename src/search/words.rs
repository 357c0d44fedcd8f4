//! A sorted list of distinct words in one string: one allocation instead of one per
//! word, laid out in the order the fuzzy matcher scans them, and saved and loaded as
//! two arrays.

use std::ops::Range;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordList {
    text: String,
    /// Word `i` is `text[ends[i - 1]..ends[i]]` (from 0 for the first).
    ends: Vec<u32>,
}

impl WordList {
    /// `words` in the order given (callers give them sorted).
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut list = WordList::default();
        for word in words {
            list.text.push_str(word);
            list.ends
                .push(u32::try_from(list.text.len()).unwrap_or(u32::MAX));
        }
        list
    }

    /// The list from its parts, as [`WordList::parts`] gave them; `None` unless every
    /// word is a non-overlapping, in-order slice of `text` at char boundaries.
    pub fn from_parts(text: String, ends: Vec<u32>) -> Option<Self> {
        let mut from = 0;
        for &end in &ends {
            let end = end as usize;
            text.get(from..end)?;
            from = end;
        }
        (from == text.len()).then_some(WordList { text, ends })
    }

    pub fn parts(&self) -> (&str, &[u32]) {
        (&self.text, &self.ends)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => 0,
            _ => *self.ends.get(i - 1)? as usize,
        };
        self.text.get(start..end)
    }

    /// Every word, for the fuzzy matcher (which takes a slice).
    pub fn all(&self) -> Vec<&str> {
        (0..self.len()).filter_map(|i| self.get(i)).collect()
    }

    /// The words starting with `prefix` (the word itself first, if present); the list
    /// must be sorted.
    pub fn with_prefix(&self, prefix: &str) -> Range<usize> {
        let start = self.partition_point(0, |w| w < prefix);
        let end = self.partition_point(start, |w| w.starts_with(prefix));
        start..end
    }

    /// The first index from `from` where `before` stops holding (it must hold for a
    /// prefix of the words from `from` and not after).
    fn partition_point(&self, from: usize, before: impl Fn(&str) -> bool) -> usize {
        let (mut low, mut high) = (from, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if self.get(mid).is_some_and(&before) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_find_their_words() {
        let list = WordList::from_words(["beria", "beriax", "bern", "molotov", "Молотов"]);
        assert_eq!(list.with_prefix("beri"), 0..2);
        assert_eq!(list.with_prefix("ber"), 0..3);
        assert_eq!(list.with_prefix("z"), 4..4);
        assert_eq!(list.get(4), Some("Молотов"));
        assert_eq!(list.get(5), None);
        assert_eq!(list.all().len(), 5);
    }

    #[test]
    fn parts_that_cut_a_char_or_overrun_are_refused() {
        let list = WordList::from_words(["ab", "яз"]);
        let (text, ends) = list.parts();
        assert_eq!(
            WordList::from_parts(text.to_string(), ends.to_vec()),
            Some(list.clone())
        );
        assert_eq!(WordList::from_parts(text.to_string(), vec![2, 3]), None);
        assert_eq!(WordList::from_parts(text.to_string(), vec![2, 99]), None);
        assert_eq!(WordList::from_parts(text.to_string(), vec![2]), None);
    }
}
