//! The summary pane: the store's summary, then the people, places and subjects
//! (with their variant spellings, so a reader sees why a filter matched), then the
//! record's links and backlinks. Each name and each link is a [`Stop`]: Tab steps
//! to it, Enter opens it (every record naming the name; the linked record).

use std::ops::Range;
use std::sync::Arc;

use super::{Line, Role, Span, prefixed_lines, text_lines};
use crate::across::IndexKind;
use crate::store::Record;
use crate::store::schema::NamedEntity;
use crate::strings;
use crate::text::sanitize_line;
use crate::tui::wrap::wrap;

/// What Enter does on a stop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StopTarget {
    /// A person, place or subject, as the record spells it (its main spelling first).
    Name {
        kind: IndexKind,
        spellings: Vec<String>,
    },
    /// A record linked either way.
    Record(usize),
}

/// A name or a link in the summary, and where it is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    /// Each line it covers, with the byte range of that line's text it takes.
    pub marks: Vec<(usize, Range<usize>)>,
    pub target: StopTarget,
}

impl Stop {
    pub fn first_line(&self) -> usize {
        self.marks.first().map_or(0, |(line, _)| *line)
    }

    pub fn last_line(&self) -> usize {
        self.marks.last().map_or(0, |(line, _)| *line)
    }
}

/// A link as the summary lists it: `replies-to → Title (1945-10-05)` out, or
/// `← encloses Title (1944-03-01)` back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    /// The relation with its arrow, as it leads the row.
    pub relation: String,
    /// The record, when the store holds it.
    pub to: Option<usize>,
    pub label: String,
}

/// The pane's lines wrapped to `width`, without links (tests, `carrel show`).
pub fn lines(record: &Record, width: usize) -> Vec<Line<'static>> {
    laid_out(record, &[], width).0
}

/// The pane's lines wrapped to `width`, with the stops on them.
pub fn laid_out(
    record: &Record,
    links: &[LinkRow],
    width: usize,
) -> (Vec<Line<'static>>, Vec<Stop>) {
    let mut lines = match record.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(summary) => text_lines(summary, width, Role::Body),
        None => vec![Line::one(strings::NO_SUMMARY, Role::Dim)],
    };
    let mut stops = Vec::new();
    let subjects: Vec<Piece> = record
        .subjects
        .iter()
        .map(|s| Piece {
            marked: sanitize_line(s).into_owned(),
            after: String::new(),
            spellings: vec![s.trim().to_string()],
        })
        .collect();
    for (label, kind, pieces) in [
        (strings::PEOPLE, IndexKind::People, entities(&record.people)),
        (strings::PLACES, IndexKind::Places, entities(&record.places)),
        (strings::SUBJECTS, IndexKind::Subjects, subjects),
    ] {
        if pieces.is_empty() {
            continue;
        }
        lines.push(Line::blank());
        let from = lines.len();
        let (field, marks) = marked_field(label, &pieces, width);
        lines.extend(field);
        for (piece, marks) in pieces.into_iter().zip(marks) {
            stops.push(Stop {
                marks: marks.into_iter().map(|(l, r)| (from + l, r)).collect(),
                target: StopTarget::Name {
                    kind,
                    spellings: piece.spellings,
                },
            });
        }
    }
    if !links.is_empty() {
        lines.push(Line::blank());
        lines.push(Line::one(strings::across::LINKS, Role::Heading));
        for link in links {
            let from = lines.len();
            let text = format!("{} {}", link.relation, link.label);
            let ranges = wrap(&text, width);
            let count = ranges.len();
            for (i, range) in ranges.into_iter().enumerate() {
                let part = &text[range.clone()];
                if i == 0 && part.len() >= link.relation.len() {
                    lines.push(Line {
                        spans: vec![
                            Span::new(link.relation.clone(), Role::Label),
                            Span::new(part[link.relation.len()..].to_string(), Role::Body),
                        ],
                    });
                } else {
                    lines.push(Line::one(part.to_string(), Role::Body));
                }
            }
            if let Some(to) = link.to {
                stops.push(Stop {
                    marks: (from..from + count)
                        .map(|l| (l, 0..lines[l].text().len()))
                        .collect(),
                    target: StopTarget::Record(to),
                });
            }
        }
    }
    (lines, stops)
}

/// One name of a field: the part a cursor marks (the name and its other
/// spellings), what follows it (a role), and the spellings it is known by.
struct Piece {
    marked: String,
    after: String,
    spellings: Vec<String>,
}

/// "Ospan Batyr (also Osman Batur), mentioned", one piece a name.
fn entities(list: &[Arc<NamedEntity>]) -> Vec<Piece> {
    list.iter()
        .map(|entity| {
            let mut marked = sanitize_line(&entity.name).into_owned();
            if !entity.alt.is_empty() {
                let alt: Vec<String> = entity
                    .alt
                    .iter()
                    .map(|a| sanitize_line(a).into_owned())
                    .collect();
                marked.push_str(&format!(" ({} {})", strings::ALSO, alt.join(", ")));
            }
            let after = entity
                .role
                .as_ref()
                .map_or(String::new(), |role| format!(", {}", sanitize_line(role)));
            let spellings = std::iter::once(&entity.name)
                .chain(&entity.alt)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            Piece {
                marked,
                after,
                spellings,
            }
        })
        .collect()
}

/// `Label: a; b; c` wrapped to `width` (the label in its role), and for each
/// piece the lines and byte ranges its marked part takes.
#[allow(clippy::type_complexity)]
fn marked_field(
    label: &str,
    pieces: &[Piece],
    width: usize,
) -> (Vec<Line<'static>>, Vec<Vec<(usize, Range<usize>)>>) {
    let prefix = format!("{label}: ");
    let mut whole = prefix.clone();
    let mut spans = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            whole.push_str("; ");
        }
        spans.push(whole.len()..whole.len() + piece.marked.len());
        whole.push_str(&piece.marked);
        whole.push_str(&piece.after);
    }
    let ranges = wrap(&whole, width);
    let lines = prefixed_lines(&whole, &prefix, &ranges);
    let marks = spans
        .into_iter()
        .map(|span| {
            ranges
                .iter()
                .enumerate()
                .filter_map(|(line, r)| {
                    let from = span.start.max(r.start);
                    let to = span.end.min(r.end);
                    (from < to).then(|| (line, from - r.start..to - r.start))
                })
                .collect()
        })
        .collect();
    (lines, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, alt: &[&str], role: Option<&str>) -> Arc<NamedEntity> {
        Arc::new(NamedEntity {
            name: name.into(),
            role: role.map(Into::into),
            alt: alt.iter().map(|s| s.to_string()).collect(),
        })
    }

    #[test]
    fn each_name_is_a_stop_marking_its_spellings_across_the_wrap() {
        let record = Record {
            people: vec![
                person("Lavrentiy Beria", &["L. Beria"], Some("author")),
                person("Vyacheslav Molotov", &[], None),
            ],
            ..Record::default()
        };
        let (lines, stops) = laid_out(&record, &[], 24);
        let text: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(
            text,
            vec![
                "No summary in this store.",
                "",
                "People: Lavrentiy Beria",
                "(also L. Beria), author;",
                "Vyacheslav Molotov"
            ]
        );
        let marked = |stop: &Stop| -> Vec<String> {
            stop.marks
                .iter()
                .map(|(l, r)| text[*l][r.clone()].to_string())
                .collect()
        };
        assert_eq!(
            marked(&stops[0]),
            vec!["Lavrentiy Beria", "(also L. Beria)"]
        );
        assert_eq!(marked(&stops[1]), vec!["Vyacheslav Molotov"]);
        assert_eq!(
            stops[0].target,
            StopTarget::Name {
                kind: IndexKind::People,
                spellings: vec!["Lavrentiy Beria".into(), "L. Beria".into()],
            }
        );
    }

    #[test]
    fn links_follow_the_names_and_one_not_held_is_no_stop() {
        let record = Record {
            subjects: vec!["Xinjiang".into()],
            ..Record::default()
        };
        let links = [
            LinkRow {
                relation: "replies-to →".into(),
                to: Some(3),
                label: "Report (1945-10-05)".into(),
            },
            LinkRow {
                relation: "cites →".into(),
                to: None,
                label: "missing (not in this store)".into(),
            },
        ];
        let (lines, stops) = laid_out(&record, &links, 60);
        let text: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(
            &text[2..],
            [
                "Subjects: Xinjiang",
                "",
                "Links",
                "replies-to → Report (1945-10-05)",
                "cites → missing (not in this store)"
            ]
        );
        assert_eq!(stops.len(), 2);
        assert_eq!(stops[1].target, StopTarget::Record(3));
        assert_eq!(stops[1].marks, vec![(5, 0..text[5].len())]);
    }
}
