//! A TEI document's text as the store keeps it: paragraphs separated by blank lines,
//! page breaks as visible `[p. 170]` markers, footnotes pulled out of the text (a
//! `[1]` marker where they were) to sit beside it, and the people, terms, places and
//! links the markup names collected on the way.

use roxmltree::Node;

/// Elements that make paragraphs of their own.
const BLOCKS: &[&str] = &[
    "p",
    "opener",
    "closer",
    "dateline",
    "salute",
    "signed",
    "list",
    "item",
    "table",
    "row",
    "quote",
    "div",
    "head",
    "lg",
    "l",
    "postscript",
    "ab",
    "floatingText",
    "byline",
    "docAuthor",
];

/// A line break inside a paragraph, kept through whitespace folding.
const BREAK: char = '\u{2028}';

/// What the text of one document yielded.
#[derive(Debug, Default)]
pub struct Gathered {
    pub paragraphs: Vec<String>,
    /// "[1] See Document 12."
    pub footnotes: Vec<String>,
    /// (`corresp` without `#`, the name as the text has it, where it was met).
    pub persons: Vec<(String, String, Where)>,
    /// `gloss/@target` without `#`.
    pub terms: Vec<String>,
    pub places: Vec<String>,
    /// `ref/@target` as written.
    pub refs: Vec<String>,
}

/// Where a name was met: it says the person's part in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    /// In the heading before " to ": the sender.
    HeadFrom,
    /// In the heading after " to ".
    HeadTo,
    Signed,
    Body,
}

fn is(node: Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

fn is_block(node: Node<'_, '_>) -> bool {
    node.is_element() && BLOCKS.contains(&node.tag_name().name())
}

/// Whether a note is the document's source note (the citation, not a footnote).
pub fn is_source_note(node: Node<'_, '_>) -> bool {
    is(node, "note") && node.attribute("type") == Some("source")
}

impl Gathered {
    /// Paragraphs of every child of `div` but those `skip` says to leave out.
    pub fn blocks(&mut self, div: Node<'_, '_>, skip: &dyn Fn(Node<'_, '_>) -> bool) {
        let mut paragraph = String::new();
        for child in div.children() {
            if skip(child) {
                continue;
            }
            if is_block(child) {
                self.flush(&mut paragraph);
                if child.children().any(is_block) {
                    self.blocks(child, skip);
                } else {
                    let mut text = String::new();
                    self.inline(child, &mut text, Where::Body);
                    self.flush(&mut text);
                }
            } else {
                self.inline(child, &mut paragraph, Where::Body);
            }
        }
        self.flush(&mut paragraph);
    }

    fn flush(&mut self, paragraph: &mut String) {
        let folded = fold(paragraph);
        if !folded.is_empty() {
            self.paragraphs.push(folded);
        }
        paragraph.clear();
    }

    /// The text of `node` and its descendants, footnotes taken out.
    pub fn inline(&mut self, node: Node<'_, '_>, out: &mut String, place: Where) {
        if node.is_text() {
            out.push_str(node.text().unwrap_or(""));
            return;
        }
        if !node.is_element() {
            return;
        }
        let attr = |name| node.attribute(name);
        match node.tag_name().name() {
            "note" if is_source_note(node) => return,
            "note" => {
                let mark = attr("n")
                    .map(str::to_string)
                    .unwrap_or_else(|| (self.footnotes.len() + 1).to_string());
                let mut text = String::new();
                for child in node.children() {
                    self.inline(child, &mut text, Where::Body);
                }
                self.footnotes.push(format!("[{mark}] {}", fold(&text)));
                out.push_str(&format!("[{mark}]"));
                return;
            }
            "pb" => {
                if let Some(n) = attr("n") {
                    out.push_str(&format!(" [p. {n}] "));
                }
                return;
            }
            "lb" => {
                out.push(BREAK);
                return;
            }
            "persName" => {
                if let Some(id) = attr("corresp") {
                    let mut name = String::new();
                    for child in node.children() {
                        self.inline(child, &mut name, place);
                    }
                    let id = id.trim_start_matches('#').to_string();
                    self.persons.push((id, fold(&name), place));
                    out.push_str(&name);
                    return;
                }
            }
            "gloss" => {
                if let Some(target) = attr("target") {
                    self.terms.push(target.trim_start_matches('#').to_string());
                }
            }
            "placeName" => {
                let mut name = String::new();
                for child in node.children() {
                    self.inline(child, &mut name, place);
                }
                self.places.push(fold(&name));
                out.push_str(&name);
                return;
            }
            "ref" => {
                if let Some(target) = attr("target") {
                    self.refs.push(target.to_string());
                }
            }
            _ => {}
        }
        let signed = is(node, "signed");
        for child in node.children() {
            self.inline(child, out, if signed { Where::Signed } else { place });
        }
    }

    /// The heading's text, its persons placed as sender and recipient around " to ".
    pub fn heading(&mut self, head: Node<'_, '_>) -> String {
        let mut out = String::new();
        self.heading_into(head, &mut out);
        fold(&out)
    }

    fn heading_into(&mut self, node: Node<'_, '_>, out: &mut String) {
        for child in node.children() {
            if child.is_element() && child.tag_name().name() == "note" {
                continue;
            }
            if child.is_element() && !is(child, "persName") {
                self.heading_into(child, out);
                continue;
            }
            let place = if out.split_whitespace().any(|w| w == "to") {
                Where::HeadTo
            } else {
                Where::HeadFrom
            };
            self.inline(child, out, place);
        }
    }
}

/// Whitespace folded to single spaces, line breaks kept, ends trimmed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split(BREAK).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        out.push_str(&words.join(" "));
    }
    out.trim().to_string()
}
