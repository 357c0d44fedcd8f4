//! Chicago (17th ed., 14.221-14.233) for archival documents, written by hand: the
//! full note, the short form for later notes, and the bibliography entry.
//!
//! The note runs: the item (sender to recipient; else the title in quotation marks;
//! else a generic description), the date as the source has it, the locator, the
//! collection, the repository and its place, the translator, then the digital
//! archive and its URL, so that the URL ends the note as the Manual has it.

use super::facts::{Facts, Holding, join_names};

/// A piece of a note. A quoted title takes the comma or period that follows it
/// inside its closing quotation mark.
enum Piece {
    Plain(String),
    Quoted(String),
}

/// Joins pieces with commas and ends with a period, American style.
fn note_sentence(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        let last = i + 1 == pieces.len();
        match piece {
            Piece::Plain(text) => {
                out.push_str(text);
                if last {
                    end_sentence(&mut out);
                } else {
                    out.push_str(", ");
                }
            }
            Piece::Quoted(title) => {
                out.push('“');
                out.push_str(title.trim_end_matches([',', '.']));
                out.push_str(if last { ".”" } else { ",” " });
            }
        }
    }
    capitalise_first(&out)
}

fn end_sentence(out: &mut String) {
    if !out.ends_with(['.', '?', '!', '”']) {
        out.push('.');
    }
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn full_names(names: &[super::facts::Name]) -> String {
    join_names(&names.iter().map(|n| n.full.clone()).collect::<Vec<_>>())
}

fn family_names(names: &[super::facts::Name]) -> String {
    join_names(&names.iter().map(|n| n.family.clone()).collect::<Vec<_>>())
}

/// What kind of item it is, in lower case, when the store says ("report", "telegram").
fn kind(facts: &Facts) -> Option<String> {
    facts.doc_type.as_ref().map(|k| k.to_lowercase())
}

/// The item: "Lavrentiy Beria to Vyacheslav Molotov, report", or a quoted title, or
/// a generic description.
fn item_pieces(facts: &Facts, pieces: &mut Vec<Piece>) {
    if facts.is_correspondence() {
        pieces.push(Piece::Plain(format!(
            "{} to {}",
            full_names(&facts.authors),
            full_names(&facts.recipients)
        )));
        if let Some(kind) = kind(facts).filter(|k| k != "letter") {
            pieces.push(Piece::Plain(kind));
        }
    } else if !facts.title.is_empty() {
        if !facts.authors.is_empty() {
            pieces.push(Piece::Plain(full_names(&facts.authors)));
        }
        pieces.push(Piece::Quoted(facts.title.clone()));
    } else {
        pieces.push(Piece::Plain(generic(facts)));
    }
}

fn generic(facts: &Facts) -> String {
    kind(facts).unwrap_or_else(|| "document".to_string())
}

/// The full note, for the first time a document is cited.
pub fn note(facts: &Facts) -> String {
    let mut pieces = Vec::new();
    item_pieces(facts, &mut pieces);
    pieces.push(Piece::Plain(facts.date_text.clone()));
    match &facts.holding {
        Holding::None => {}
        Holding::Verbatim(citation) => {
            pieces.push(Piece::Plain(citation.trim_end_matches('.').to_string()));
        }
        Holding::Parts {
            locator,
            collection,
            repository,
            place,
        } => {
            pieces.push(Piece::Plain(locator.clone()));
            if let Some(c) = collection {
                pieces.push(Piece::Plain(c.clone()));
            }
            pieces.push(Piece::Plain(repository.clone()));
            if let Some(p) = place {
                pieces.push(Piece::Plain(p.clone()));
            }
        }
    }
    if !facts.translators.is_empty() {
        pieces.push(Piece::Plain(format!(
            "trans. {}",
            full_names(&facts.translators)
        )));
    }
    if let Some(name) = &facts.digital_name {
        pieces.push(Piece::Plain(name.clone()));
    }
    if let Some(url) = &facts.url {
        pieces.push(Piece::Plain(url.clone()));
    }
    note_sentence(&pieces)
}

/// The short form for later notes: "Beria to Molotov, October 5, 1945."
pub fn short(facts: &Facts) -> String {
    let mut pieces = Vec::new();
    if facts.is_correspondence() {
        pieces.push(Piece::Plain(format!(
            "{} to {}",
            family_names(&facts.authors),
            family_names(&facts.recipients)
        )));
    } else if !facts.title.is_empty() {
        if !facts.authors.is_empty() {
            pieces.push(Piece::Plain(family_names(&facts.authors)));
        }
        pieces.push(Piece::Quoted(short_title(&facts.title)));
    } else {
        pieces.push(Piece::Plain(generic(facts)));
    }
    pieces.push(Piece::Plain(facts.date_text.clone()));
    note_sentence(&pieces)
}

/// The Manual's short title: no more than four words, not ending on a word that
/// leads into the next ("of", "to").
pub fn short_title(title: &str) -> String {
    const LEADING: &[&str] = &[
        "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with",
    ];
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() <= 4 {
        return words.join(" ");
    }
    let mut kept: Vec<&str> = words[..4].to_vec();
    while kept.len() > 1
        && kept
            .last()
            .is_some_and(|w| LEADING.contains(&w.to_lowercase().as_str()))
    {
        kept.pop();
    }
    kept.join(" ").trim_end_matches([',', ':', ';']).to_string()
}

/// The bibliography entry: the author first (inverted), then the item, its date,
/// where it is held, the translator, the digital archive and the URL, each a sentence.
pub fn bibliography(facts: &Facts) -> String {
    let mut sentences: Vec<String> = Vec::new();
    if let Some((first, rest)) = facts.authors.split_first() {
        let mut names = vec![first.inverted()];
        names.extend(rest.iter().map(|n| n.full.clone()));
        sentences.push(join_names(&names));
    }
    if facts.is_correspondence() {
        let kind = facts
            .doc_type
            .as_deref()
            .map(capitalise_first)
            .unwrap_or_else(|| "Letter".to_string());
        sentences.push(format!("{kind} to {}", full_names(&facts.recipients)));
    } else if !facts.title.is_empty() {
        sentences.push(format!("“{}.”", facts.title.trim_end_matches('.')));
    } else {
        sentences.push(capitalise_first(&generic(facts)));
    }
    sentences.push(facts.date_text.clone());
    match &facts.holding {
        Holding::None => {}
        Holding::Verbatim(citation) => sentences.push(citation.clone()),
        Holding::Parts {
            locator,
            collection,
            repository,
            place,
        } => {
            sentences.push(match collection {
                Some(c) => format!("{c}, {locator}"),
                None => locator.clone(),
            });
            sentences.push(match place {
                Some(p) => format!("{repository}, {p}"),
                None => repository.clone(),
            });
        }
    }
    if !facts.translators.is_empty() {
        sentences.push(format!("Translated by {}", full_names(&facts.translators)));
    }
    if let Some(name) = &facts.digital_name {
        sentences.push(name.clone());
    }
    let mut out = String::new();
    for sentence in sentences {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&capitalise_first(sentence.trim()));
        end_sentence(&mut out);
    }
    // A URL is written as it is, never capitalised.
    if let Some(url) = &facts.url {
        out.push(' ');
        out.push_str(url);
        end_sentence(&mut out);
    }
    out
}
