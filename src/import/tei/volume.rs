//! What a TEI volume says once for all its documents (its id, title, persons and
//! terms), and what FRUS's markup says of one document (date, kind, classification).

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::text::fold;
use super::{FRUS_NS, XML_NS};
use crate::import::Found;
use crate::store::Edtf;
use crate::store::schema::RecordDate;
use crate::store::validate::{id_from_name, is_valid_id};

pub(super) trait LocalName {
    fn has_tag_name_local(&self, name: &str) -> bool;
}

impl LocalName for Node<'_, '_> {
    fn has_tag_name_local(&self, name: &str) -> bool {
        self.is_element() && self.tag_name().name() == name
    }
}

pub(super) fn xml_id<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute((XML_NS, "id"))
}

/// A person of the volume's list: full name and what they were.
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub name: String,
    /// "Hurley, Patrick J." as the list writes it.
    pub listed: String,
    pub position: Option<String>,
}

/// What the volume says once for all its documents.
pub(super) struct Volume {
    pub id: String,
    pub title: String,
    pub persons: HashMap<String, Person>,
    pub terms: HashMap<String, (String, String)>,
}

impl Volume {
    pub fn read(file: &str, doc: &Document<'_>) -> Self {
        let root = doc.root_element();
        let stem = file
            .rsplit('/')
            .next()
            .unwrap_or(file)
            .trim_end_matches(".xml");
        let id = xml_id(root)
            .map(str::to_lowercase)
            .filter(|id| is_valid_id(id))
            .unwrap_or_else(|| id_from_name(stem));
        let titles: Vec<Node<'_, '_>> = root
            .descendants()
            .filter(|n| n.has_tag_name_local("titleStmt"))
            .flat_map(|t| t.children().filter(|c| c.has_tag_name_local("title")))
            .collect();
        let title = titles
            .iter()
            .find(|t| t.attribute("type") == Some("complete"))
            .or_else(|| titles.first())
            .map(|t| fold(&all_text(*t)))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| stem.to_string());
        let mut persons = HashMap::new();
        let mut terms = HashMap::new();
        for item in root.descendants().filter(|n| n.has_tag_name_local("item")) {
            if let Some(person) = item
                .descendants()
                .find(|n| n.has_tag_name_local("persName"))
                && let Some(pid) = xml_id(person)
            {
                let listed = fold(&all_text(person));
                let position = rest_of_item(item, person);
                persons.insert(
                    pid.to_string(),
                    Person {
                        name: natural_order(&listed),
                        listed,
                        position,
                    },
                );
            }
            if let Some(term) = item.descendants().find(|n| n.has_tag_name_local("term"))
                && let Some(tid) = xml_id(term)
            {
                let short = fold(&all_text(term));
                let meaning = rest_of_item(item, term).unwrap_or_default();
                terms.insert(tid.to_string(), (short, meaning));
            }
        }
        Volume {
            id,
            title,
            persons,
            terms,
        }
    }
}

/// "Hurley, Patrick J." -> "Patrick J. Hurley"; other forms as they are.
fn natural_order(listed: &str) -> String {
    match listed.split_once(", ") {
        Some((last, first)) if !first.contains(',') && !first.is_empty() => {
            format!("{first} {last}")
        }
        _ => listed.to_string(),
    }
}

/// The text of an item after the element naming it: ", Ambassador in China" -> "Ambassador in China".
fn rest_of_item(item: Node<'_, '_>, named: Node<'_, '_>) -> Option<String> {
    let whole = fold(&all_text(item));
    let name = fold(&all_text(named));
    let rest = whole
        .split_once(&name)
        .map_or("", |(_, rest)| rest)
        .trim_start_matches([',', ' ', '-', '—', ':'])
        .trim();
    (!rest.is_empty()).then(|| rest.to_string())
}

pub(super) fn all_text(node: Node<'_, '_>) -> String {
    let mut out = String::new();
    for d in node.descendants().filter(Node::is_text) {
        out.push_str(d.text().unwrap_or(""));
    }
    out
}

/// The EDTF date: `frus:doc-dateTime-min`/`-max`, else the dateline's `date/@when`,
/// else the dateline's text read as a written date; the dateline is the display.
pub(super) fn frus_date(
    div: Node<'_, '_>,
    dateline: Option<Node<'_, '_>>,
    found: &mut Found,
) -> Option<RecordDate> {
    let display = dateline
        .map(|d| fold(&all_text(d)))
        .filter(|d| !d.is_empty());
    let day = |attr: &str| {
        div.attribute((FRUS_NS, attr))
            .map(|v| v.get(..10).unwrap_or(v).to_string())
    };
    let edtf_text = match (day("doc-dateTime-min"), day("doc-dateTime-max")) {
        (Some(min), Some(max)) if min != max => Some(format!("{min}/{max}")),
        (Some(min), _) => Some(min),
        (None, Some(max)) => Some(max),
        (None, None) => dateline
            .and_then(|d| d.descendants().find(|n| n.has_tag_name_local("date")))
            .and_then(|d| d.attribute("when"))
            .map(|w| w.get(..10).unwrap_or(w).to_string()),
    };
    let edtf = match edtf_text {
        Some(text) => match Edtf::parse(&text) {
            Ok(edtf) => Some(edtf),
            Err(error) => {
                found.error("date", None, format!("frus:doc-dateTime: {error}"));
                None
            }
        },
        None => display.as_deref().and_then(|d| {
            let date_part = d.split_once(", ").map_or(d, |(_, rest)| rest);
            crate::import::dates::read_date(date_part)
                .ok()
                .flatten()?
                .edtf
        }),
    };
    if edtf.is_none() && display.is_none() {
        return None;
    }
    Some(RecordDate {
        edtf,
        display,
        ..RecordDate::default()
    })
}

/// "Telegram", "Memorandum", "Letter"... from the heading or the source note.
pub(super) fn doc_type(heading: &str, source_note: Option<&str>) -> String {
    let words = [
        "Telegram",
        "Memorandum",
        "Letter",
        "Airgram",
        "Despatch",
        "Note",
        "Message",
        "Report",
        "Minutes",
        "Paper",
    ];
    // "893.00/10-545: Telegram": the kind follows a colon.
    let in_source = source_note.and_then(|s| {
        s.split(':')
            .skip(1)
            .find_map(|tail| words.iter().find(|w| tail.trim().starts_with(*w)))
    });
    let in_head = words
        .iter()
        .find(|w| heading.starts_with(*w) || heading.contains(&format!(" {w} ")));
    in_source
        .or(in_head)
        .map_or_else(|| "document".into(), |w| w.to_lowercase())
}

/// The classification of a FRUS source note: the sentence that is a marking
/// ("Top Secret", "Secret; Nodis", "Confidential; Priority").
pub fn classification(source_note: &str) -> Option<String> {
    const MARKINGS: &[&str] = &[
        "Top Secret",
        "Secret",
        "Confidential",
        "Limited Official Use",
        "Unclassified",
        "Eyes Only",
        "Restricted",
        "Strictly Confidential",
    ];
    source_note
        .split(". ")
        .map(|s| s.trim().trim_end_matches('.'))
        .find(|s| {
            MARKINGS.iter().any(|m| {
                s.strip_prefix(m).is_some_and(|rest| {
                    rest.is_empty() || rest.starts_with(';') || rest.starts_with(',')
                })
            })
        })
        .map(str::to_string)
}
