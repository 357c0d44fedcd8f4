//! Clauses checked against a record's short fields and metadata: the filters of a
//! `carrel search` query, and the field scopes of a full-text one.
//!
//! Every comparison is on folded text (case and diacritics ignored). A word matches
//! a whole word or the start of one (`telegr` finds "telegram"); locator parts
//! (`fond:`, `box:`) and collection ids must match whole. Dates overlap: a record
//! dated `1944/1946` or `1945~` is in `year:1945`; an undated record is in no range.

use super::fold::{WordMatch, fold, word_match, words};
use super::syntax::{Clause, Has, Pattern, Scope, Term};
use crate::store::Record;
use crate::store::schema::{Locator, NamedEntity};
use std::sync::Arc;

/// Whether `clause` holds for `record`.
pub fn clause_holds(clause: &Clause, record: &Record) -> bool {
    match clause {
        Clause::Must(term) => term_matches(term, record),
        Clause::Not(term) => !term_matches(term, record),
        Clause::Either(terms) => terms.iter().any(|t| term_matches(t, record)),
    }
}

/// Whether `term` matches the short fields (unscoped) or the field it names.
pub fn term_matches(term: &Term, record: &Record) -> bool {
    match (&term.pattern, term.scope) {
        (Pattern::Word(w), _) if w.is_empty() => true,
        (&Pattern::Dates(from, to), _) => record.edtf().is_some_and(|d| d.overlaps(from, to)),
        (Pattern::Has(Has::Text), _) => record.has_full_text(),
        (Pattern::Has(Has::Summary), _) => record
            .summary
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty()),
        (pattern, scope) => {
            let whole = matches!(scope, Some(Scope::Fond | Scope::Box | Scope::Collection));
            values(record, scope)
                .iter()
                .any(|value| pattern_matches(pattern, value, whole))
        }
    }
}

/// The values of the field a scope names (`None`: the short fields).
fn values(record: &Record, scope: Option<Scope>) -> Vec<&str> {
    let repository = record
        .provenance
        .as_ref()
        .and_then(|p| p.repository.as_ref());
    let locator = record.provenance.as_ref().and_then(|p| p.locator.as_ref());
    match scope {
        None => {
            let mut all = vec![record.title.as_str(), record.id.as_str()];
            all.extend(names(&record.people));
            all.extend(names(&record.places));
            all.extend(record.subjects.iter().map(String::as_str));
            all.extend(record.summary.as_deref());
            all
        }
        Some(Scope::Title) => vec![record.title.as_str()],
        Some(Scope::Person) => names(&record.people),
        Some(Scope::Place) => names(&record.places),
        Some(Scope::Subject) => record.subjects.iter().map(String::as_str).collect(),
        Some(Scope::Type) => record.doc_type.as_deref().into_iter().collect(),
        Some(Scope::Lang) => {
            let mut langs: Vec<&str> = record.original_language.as_deref().into_iter().collect();
            langs.extend(record.texts.iter().map(|t| t.lang.as_str()));
            // `lang:ru` finds `ru-Latn` too: the primary subtag counts on its own.
            let primaries: Vec<&str> = langs.iter().filter_map(|l| l.split('-').next()).collect();
            langs.extend(primaries);
            langs
        }
        Some(Scope::Collection) => record.collections.iter().map(String::as_str).collect(),
        Some(Scope::Archive) => repository
            .map(|r| r.abbr.iter().chain(&r.name).map(String::as_str).collect())
            .unwrap_or_default(),
        Some(Scope::Fond) => match locator {
            Some(Locator::FondOpisDelo { fond, .. }) => fond.as_deref().into_iter().collect(),
            _ => Vec::new(),
        },
        Some(Scope::Box) => match locator {
            Some(Locator::BoxFolder { r#box, .. }) => r#box.as_deref().into_iter().collect(),
            _ => Vec::new(),
        },
        Some(Scope::Has | Scope::Year | Scope::Date) => Vec::new(),
    }
}

/// Every name of `entities` and every variant spelling.
fn names(entities: &[Arc<NamedEntity>]) -> Vec<&str> {
    entities
        .iter()
        .flat_map(|e| std::iter::once(e.name.as_str()).chain(e.alt.iter().map(String::as_str)))
        .collect()
}

/// Whether `pattern` matches one field value. `whole`: a word must match a whole
/// word, never its start.
fn pattern_matches(pattern: &Pattern, value: &str, whole: bool) -> bool {
    let folded = fold(value);
    match pattern {
        Pattern::Word(text) => words(&fold(text)).all(|needle| {
            words(&folded).any(|w| w == needle)
                || (!whole && word_match(&folded, needle) == Some(WordMatch::Prefix))
        }),
        Pattern::Phrase(text) => {
            let needle = spaced_words(&fold(text));
            !needle.is_empty() && word_match(&spaced_words(&folded), &needle).is_some()
        }
        Pattern::Exact(text) => folded.contains(&fold(text)),
        Pattern::Prefix(text) => folded.trim_start().starts_with(&fold(text)),
        Pattern::Suffix(text) => folded
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .ends_with(&fold(text)),
        Pattern::Dates(..) | Pattern::Has(_) => false,
    }
}

/// The words of a folded text joined by single spaces: phrases match across
/// punctuation ("khan of altay" in "Khan of Altay,").
fn spaced_words(folded: &str) -> String {
    words(folded).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_across_punctuation_but_in_order() {
        let phrase = Pattern::Phrase("Khan of Altay".into());
        assert!(pattern_matches(&phrase, "the khan, of Altay", false));
        assert!(!pattern_matches(&phrase, "Altay of khan", false));
    }

    #[test]
    fn locator_words_match_whole() {
        let word = Pattern::Word("9401".into());
        assert!(!pattern_matches(&word, "9401s", true));
        assert!(pattern_matches(&word, "9401s", false));
        assert!(pattern_matches(
            &Pattern::Word("9401S".into()),
            "9401s",
            true
        ));
    }
}
