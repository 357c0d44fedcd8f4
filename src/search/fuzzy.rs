//! The fuzzy matcher, behind the one small interface the rest of search uses, so it
//! can be swapped. It is frizbee (SIMD Smith-Waterman): `assets/docs/matcher.md` has the
//! measurements that chose it over fuzzy-matcher and nucleo-matcher.
//!
//! Callers give folded needles and folded haystacks (see `fold`), so frizbee's own
//! case handling is switched off and its lack of accent folding does not matter.

use frizbee::{CaseMatching, Config, Matcher, SortStrategy};

/// A fuzzy match of one needle against one haystack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FuzzyScore {
    /// Index of the haystack in the list given.
    pub index: usize,
    /// How good the match is, 0 (barely) to [`FuzzyNeedle::PERFECT`] (the needle
    /// itself, contiguous).
    pub quality: u32,
}

/// One folded query word, compiled once per search.
pub struct FuzzyNeedle {
    matcher: Matcher,
    /// frizbee's score for the needle matched against itself: the best possible.
    perfect: u32,
}

impl FuzzyNeedle {
    /// The quality of a perfect match.
    pub const PERFECT: u32 = 1000;

    pub fn new(folded_needle: &str) -> Self {
        let config = Config::default()
            .casing(CaseMatching::Respect)
            .sort(SortStrategy::IndexAsc);
        let mut matcher = Matcher::new(folded_needle, &config);
        let perfect = matcher
            .match_one(folded_needle, 0)
            .map_or(1, |m| u32::from(m.score).max(1));
        FuzzyNeedle { matcher, perfect }
    }

    /// Every haystack the needle matches (its chars in order, gaps allowed), in
    /// haystack order.
    pub fn match_all<S: AsRef<str>>(&mut self, haystacks: &[S]) -> Vec<FuzzyScore> {
        let perfect = self.perfect;
        self.matcher
            .match_list(haystacks)
            .into_iter()
            .map(|m| FuzzyScore {
                index: m.index as usize,
                quality: quality(m.score, perfect),
            })
            .collect()
    }

    /// Like [`FuzzyNeedle::match_all`] over only the haystacks at `subset` (ascending),
    /// `haystack(i)` giving haystack `i`; the indices returned are the haystacks'.
    pub fn match_subset<'a>(
        &mut self,
        haystack: impl Fn(usize) -> Option<&'a str>,
        subset: &[u32],
    ) -> Vec<FuzzyScore> {
        // One haystack per subset entry (empty for a missing one, which cannot match),
        // so that positions in `chosen` stay positions in `subset`.
        let chosen: Vec<&str> = subset
            .iter()
            .map(|&i| haystack(i as usize).unwrap_or_default())
            .collect();
        let mut found = self.match_all(&chosen);
        for score in &mut found {
            score.index = subset.get(score.index).map_or(usize::MAX, |&i| i as usize);
        }
        found.retain(|score| score.index != usize::MAX);
        found
    }

    /// The char indices of the haystack that the needle matched, ascending; `None`
    /// when it does not match.
    pub fn positions(&mut self, haystack: &str) -> Option<Vec<usize>> {
        let found = self.matcher.match_one_indices(haystack, 0)?;
        // frizbee reports byte offsets, last first.
        let mut bytes: Vec<usize> = found.indices.iter().map(|&i| i as usize).collect();
        bytes.sort_unstable();
        bytes.dedup();
        let chars = haystack
            .char_indices()
            .enumerate()
            .filter(|(_, (byte, _))| bytes.binary_search(byte).is_ok())
            .map(|(char_index, _)| char_index)
            .collect();
        Some(chars)
    }
}

fn quality(score: u16, perfect: u32) -> u32 {
    (u32::from(score) * FuzzyNeedle::PERFECT / perfect).min(FuzzyNeedle::PERFECT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsequences_match_and_report_char_positions() {
        let mut needle = FuzzyNeedle::new("mlotov");
        let hay = ["l. beria to cde. v.m. molotov", "stalin", "mlotov"];
        let found = needle.match_all(&hay);
        let indices: Vec<usize> = found.iter().map(|f| f.index).collect();
        assert_eq!(indices, vec![0, 2]);
        assert_eq!(found[1].quality, FuzzyNeedle::PERFECT);
        assert!(found[0].quality < FuzzyNeedle::PERFECT);
        assert_eq!(needle.positions("molotov"), Some(vec![0, 2, 3, 4, 5, 6]));
    }

    #[test]
    fn positions_count_chars_not_bytes() {
        let mut needle = FuzzyNeedle::new("ber");
        assert_eq!(needle.positions("éé beria"), Some(vec![3, 4, 5]));
        assert_eq!(needle.positions("stalin"), None);
        let mut cyrillic = FuzzyNeedle::new("млтов");
        assert_eq!(
            cyrillic.positions("берия молотову"),
            Some(vec![6, 8, 10, 11, 12])
        );
    }
}
