//! TEI P5 editions, read with roxmltree: the FRUS flavour of the Office of the
//! Historian (`div[@type="document"]` records, `frus:doc-dateTime-min/max` dates, source
//! notes, persons and terms lists, chapters), and generic TEI (each top-level `div`
//! with a `head` a record).

mod text;

use std::collections::HashMap;
use std::sync::Arc;

use roxmltree::{Document, Node, ParsingOptions};
use serde_json::Value;

use self::text::{Gathered, Where, fold, is_source_note};
use super::ids::derived_id;
use super::{Found, Sink};
use crate::store::schema::{
    Collection, DigitalSource, NamedEntity, Provenance, Record, RecordDate, Related, Rights,
    RightsStatus, Text, TextRole,
};
use crate::store::validate::{id_from_name, is_valid_id};
use crate::store::{Edtf, Problem};

const FRUS_NS: &str = "http://history.state.gov/frus/ns/1.0";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Reads a TEI file into `sink`. `file` names it in problems.
pub fn parse(file: &str, xml: &str, sink: &mut dyn Sink) {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = match Document::parse_with_options(xml, options) {
        Ok(doc) => doc,
        Err(error) => {
            let pos = error.pos();
            sink.problem(
                Problem::error(file, format!("not well-formed XML: {error}; file not read"))
                    .at_line(pos.row as usize)
                    .at_column(pos.col as usize),
            );
            return;
        }
    };
    let root = doc.root_element();
    if root.tag_name().name() != "TEI" {
        sink.problem(
            Problem::error(
                file,
                format!(
                    "the root element is <{}>, not <TEI>",
                    root.tag_name().name()
                ),
            )
            .at_line(1),
        );
        return;
    }
    let volume = Volume::read(file, &doc);
    sink.collection(Collection {
        id: volume.id.clone(),
        title: volume.title.clone(),
        ..Collection::default()
    });
    let Some(body) = root.descendants().find(|n| n.has_tag_name_local("body")) else {
        sink.problem(Problem::error(file, "no <text><body> in this TEI file").at_line(1));
        return;
    };
    let is_frus = root
        .descendants()
        .any(|n| n.attributes().any(|a| a.namespace() == Some(FRUS_NS)))
        || body
            .descendants()
            .any(|n| n.attribute("type") == Some("document"));
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(xml.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut reader = Reader {
        file,
        doc: &doc,
        line_starts: &line_starts,
        volume: &volume,
        sink,
    };
    if is_frus {
        reader.frus(body, &volume.id);
    } else {
        reader.generic(body);
    }
}

trait LocalName {
    fn has_tag_name_local(&self, name: &str) -> bool;
}

impl LocalName for Node<'_, '_> {
    fn has_tag_name_local(&self, name: &str) -> bool {
        self.is_element() && self.tag_name().name() == name
    }
}

fn xml_id<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute((XML_NS, "id"))
}

/// A person of the volume's list: full name and what they were.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    /// "Hurley, Patrick J." as the list writes it.
    listed: String,
    position: Option<String>,
}

/// What the volume says once for all its documents.
struct Volume {
    id: String,
    title: String,
    persons: HashMap<String, Person>,
    terms: HashMap<String, (String, String)>,
}

impl Volume {
    fn read(file: &str, doc: &Document<'_>) -> Self {
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

fn all_text(node: Node<'_, '_>) -> String {
    let mut out = String::new();
    for d in node.descendants().filter(Node::is_text) {
        out.push_str(d.text().unwrap_or(""));
    }
    out
}

struct Reader<'a, 'input> {
    file: &'a str,
    doc: &'a Document<'input>,
    /// Byte offsets where lines start: roxmltree's own `text_pos_at` counts from the
    /// top each time, which a volume of hundreds of documents cannot afford.
    line_starts: &'a [usize],
    volume: &'a Volume,
    sink: &'a mut dyn Sink,
}

impl Reader<'_, '_> {
    fn found(&self, node: Node<'_, '_>, record: Record) -> Found {
        let offset = node.range().start;
        let row = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self
            .line_starts
            .get(row.wrapping_sub(1))
            .copied()
            .unwrap_or(0);
        let text = self.doc.input_text();
        let column = text
            .get(line_start..offset)
            .map_or(1, |before| before.chars().count() + 1);
        let mut found = Found::new(record, self.file, row.max(1));
        found.column = Some(column);
        found
    }

    /// Chapters and compilations as sub-collections, documents as records, in order.
    fn frus(&mut self, node: Node<'_, '_>, parent: &str) {
        for div in node.children().filter(|n| n.has_tag_name_local("div")) {
            match div.attribute("type") {
                Some("document") => self.document(div, parent),
                Some("chapter" | "compilation" | "subchapter" | "section") => {
                    let local = xml_id(div)
                        .map_or_else(|| format!("part-{}", div.range().start), str::to_lowercase);
                    let id = id_from_name(&format!("{}-{local}", self.volume.id));
                    let title = div
                        .children()
                        .find(|c| c.has_tag_name_local("head"))
                        .map(|h| fold(&all_text(h)))
                        .unwrap_or_else(|| local.clone());
                    self.sink.collection(Collection {
                        id: id.clone(),
                        title,
                        parent: Some(parent.to_string()),
                        ..Collection::default()
                    });
                    self.frus(div, &id);
                }
                _ => self.frus(div, parent),
            }
        }
    }

    fn document(&mut self, div: Node<'_, '_>, collection: &str) {
        let n = div.attribute("n").unwrap_or("");
        let local = xml_id(div).map_or_else(|| format!("d{n}"), str::to_lowercase);
        let mut gathered = Gathered::default();
        let head = div.children().find(|c| c.has_tag_name_local("head"));
        let heading = head.map(|h| gathered.heading(h)).unwrap_or_default();
        let editorial = div.attribute("subtype") == Some("editorial-note");
        let title = match (n.is_empty(), heading.is_empty()) {
            (false, false) => format!("{n}. {heading}"),
            (true, false) => heading.clone(),
            (false, true) => format!("Document {n}"),
            (true, true) => String::new(),
        };
        let source_note = div
            .descendants()
            .find(|d| is_source_note(*d))
            .map(|s| fold(&all_text(s)));
        let dateline = div.descendants().find(|d| d.has_tag_name_local("dateline"));
        gathered.blocks(div, &|c| c.has_tag_name_local("head"));
        let mut record = Record {
            id: id_from_name(&format!("{}-{local}", self.volume.id)),
            title,
            doc_type: Some(if editorial {
                "editorial-note".to_string()
            } else {
                doc_type(&heading, source_note.as_deref())
            }),
            collections: vec![collection.to_string()],
            ..Record::default()
        };
        if !editorial
            && let Some(place) =
                dateline.and_then(|d| d.descendants().find(|n| n.has_tag_name_local("placeName")))
        {
            record.places.push(Arc::new(NamedEntity {
                name: fold(&all_text(place)),
                role: Some("written at".into()),
                alt: Vec::new(),
            }));
        }
        let mut found = self.found(div, Record::default());
        record.date = frus_date(div, dateline, &mut found);
        self.finish(&mut record, gathered, source_note, &local);
        if editorial {
            record
                .extra
                .insert("frus_subtype".into(), Value::from("editorial-note"));
        }
        found.record = record;
        self.sink.record(found);
    }

    /// People, terms, links, text, footnotes and provenance from what was gathered.
    fn finish(
        &self,
        record: &mut Record,
        gathered: Gathered,
        source_note: Option<String>,
        local: &str,
    ) {
        let mut positions = serde_json::Map::new();
        let mut seen: Vec<String> = Vec::new();
        for (pid, as_written, place) in &gathered.persons {
            let person = self.volume.persons.get(pid);
            let name = person.map_or_else(|| as_written.clone(), |p| p.name.clone());
            if name.is_empty() || seen.contains(&name) {
                continue;
            }
            seen.push(name.clone());
            let mut alt: Vec<String> = Vec::new();
            for spelling in [person.map(|p| p.listed.clone()), Some(as_written.clone())]
                .into_iter()
                .flatten()
            {
                if spelling != name && !spelling.is_empty() && !alt.contains(&spelling) {
                    alt.push(spelling);
                }
            }
            if let Some(position) = person.and_then(|p| p.position.clone()) {
                positions.insert(name.clone(), Value::String(position));
            }
            let role = match place {
                Where::HeadFrom | Where::Signed => "author",
                Where::HeadTo => "recipient",
                Where::Body => "mentioned",
            };
            record.people.push(Arc::new(NamedEntity {
                name,
                role: Some(role.into()),
                alt,
            }));
        }
        if !positions.is_empty() {
            record
                .extra
                .insert("persons".into(), Value::Object(positions));
        }
        let mut terms = Vec::new();
        for tid in &gathered.terms {
            if let Some((short, meaning)) = self.volume.terms.get(tid) {
                let term = if meaning.is_empty() {
                    short.clone()
                } else {
                    format!("{short}: {meaning}")
                };
                if !terms.contains(&term) {
                    terms.push(term);
                }
                if !meaning.is_empty() && !record.subjects.contains(meaning) {
                    record.subjects.push(meaning.clone());
                }
            }
        }
        if !terms.is_empty() {
            record.extra.insert("terms".into(), Value::from(terms));
        }
        for target in &gathered.refs {
            if let Some(id) = self.related_id(target)
                && id != record.id
                && !record.related.iter().any(|r| r.id == id)
            {
                record.related.push(Related {
                    id,
                    rel: "see-also".into(),
                });
            }
        }
        if !gathered.paragraphs.is_empty() {
            record.texts.push(Text {
                lang: "en".into(),
                role: TextRole::Original,
                translators: Vec::new(),
                body: gathered.paragraphs.join("\n\n"),
            });
        }
        let classification = source_note.as_deref().and_then(classification);
        let citation =
            source_note.unwrap_or_else(|| format!("{}, {}", self.volume.title, record.title));
        record.provenance = Some(Box::new(Provenance {
            citation,
            classification,
            digital: Some(DigitalSource {
                name: Some(self.volume.title.clone()),
                publisher: Some("Office of the Historian, U.S. Department of State".into()),
                url: Some(format!(
                    "https://history.state.gov/historicaldocuments/{}/{local}",
                    self.volume.id
                )),
                ..DigitalSource::default()
            }),
            notes: gathered.footnotes,
            ..Provenance::default()
        }));
        record.rights = Some(Arc::new(Rights {
            status: RightsStatus::PublicDomain,
            license: None,
            statement: Some("Foreign Relations of the United States is a work of the U.S. Government, in the public domain.".into()),
        }));
    }

    /// "#d12" -> this volume's d12; "frus1955-57v24#d3" -> that volume's d3.
    fn related_id(&self, target: &str) -> Option<String> {
        let (volume, doc) = target.split_once('#')?;
        if !doc.starts_with('d') || !doc[1..].bytes().all(|b| b.is_ascii_digit()) || doc.len() < 2 {
            return None;
        }
        let volume = if volume.is_empty() {
            self.volume.id.as_str()
        } else {
            volume
        };
        let id = format!("{}-{}", volume.to_lowercase(), doc.to_lowercase());
        is_valid_id(&id).then_some(id)
    }

    /// Generic TEI: each top-level `div` with a `head` is a record of the volume's collection.
    fn generic(&mut self, body: Node<'_, '_>) {
        for div in body.children().filter(|n| n.has_tag_name_local("div")) {
            let Some(head) = div.children().find(|c| c.has_tag_name_local("head")) else {
                continue;
            };
            let mut gathered = Gathered::default();
            let title = gathered.heading(head);
            gathered.blocks(div, &|c| c.has_tag_name_local("head"));
            let mut found = self.found(div, Record::default());
            let date = div
                .descendants()
                .find(|d| d.has_tag_name_local("date"))
                .and_then(|d| {
                    let when = d.attribute("when")?;
                    match Edtf::parse(when) {
                        Ok(edtf) => Some(RecordDate {
                            edtf: Some(edtf),
                            display: Some(fold(&all_text(d))).filter(|s| !s.is_empty()),
                        }),
                        Err(error) => {
                            found.error("date", None, format!("date/@when: {error}"));
                            None
                        }
                    }
                });
            let id = xml_id(div)
                .map(|id| id_from_name(&format!("{}-{id}", self.volume.id)))
                .unwrap_or_else(|| derived_id(date.as_ref(), &title));
            let mut record = Record {
                id,
                title,
                date,
                collections: vec![self.volume.id.clone()],
                ..Record::default()
            };
            if !gathered.paragraphs.is_empty() {
                record.texts.push(Text {
                    lang: self
                        .doc
                        .root_element()
                        .attribute((XML_NS, "lang"))
                        .unwrap_or("und")
                        .into(),
                    role: TextRole::Transcript,
                    translators: Vec::new(),
                    body: gathered.paragraphs.join("\n\n"),
                });
            }
            if !gathered.footnotes.is_empty() {
                record.provenance = Some(Box::new(Provenance {
                    citation: self.volume.title.clone(),
                    notes: std::mem::take(&mut gathered.footnotes),
                    ..Provenance::default()
                }));
            }
            found.record = record;
            self.sink.record(found);
        }
    }
}

/// The EDTF date: `frus:doc-dateTime-min`/`-max`, else the dateline's `date/@when`,
/// else the dateline's text read as a written date; the dateline is the display.
fn frus_date(
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
            super::dates::read_date(date_part).ok().flatten()?.edtf
        }),
    };
    if edtf.is_none() && display.is_none() {
        return None;
    }
    Some(RecordDate { edtf, display })
}

/// "Telegram", "Memorandum", "Letter"... from the heading or the source note.
fn doc_type(heading: &str, source_note: Option<&str>) -> String {
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

#[cfg(test)]
mod tests;
