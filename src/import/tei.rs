//! TEI P5 editions, read with roxmltree: the FRUS flavour of the Office of the
//! Historian (`div[@type="document"]` records, `frus:doc-dateTime-min/max` dates, source
//! notes, persons and terms lists, chapters), and generic TEI (each top-level `div`
//! with a `head` a record).

mod text;
mod volume;

use std::sync::Arc;

use roxmltree::{Document, Node, ParsingOptions};
use serde_json::Value;

use self::text::{Gathered, Where, fold, is_source_note};
pub use self::volume::classification;
use self::volume::{LocalName, Volume, all_text, xml_id};
use self::volume::{doc_type, frus_date};
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
                            ..RecordDate::default()
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

#[cfg(test)]
mod tests;
