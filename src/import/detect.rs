//! Which format a source is in: by its extension, else by its first bytes.

use std::path::Path;

/// The formats `carrel import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// carrel records (`.json`, `.jsonl`), a single-file store or a store folder.
    Carrel,
    Csv,
    Tsv,
    /// A folder of `.txt` / `.md` transcriptions, or one such file.
    Text,
    /// TEI P5 XML, FRUS or generic.
    Tei,
    /// Zotero's CSL-JSON export.
    CslJson,
    /// RIS as Zotero writes it.
    Ris,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Self::Carrel => "carrel",
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Text => "text",
            Self::Tei => "tei",
            Self::CslJson => "csl-json",
            Self::Ris => "ris",
        }
    }
}

/// The format of a folder: a store folder (archive.json or records/) or transcriptions.
pub fn folder_format(path: &Path) -> Format {
    if path.join("archive.json").is_file() || path.join("records").is_dir() {
        Format::Carrel
    } else {
        Format::Text
    }
}

/// The format of a file from its name and its first bytes (`head`, up to a few KB).
pub fn file_format(path: &Path, head: &[u8]) -> Format {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" => return Format::Csv,
        "tsv" | "tab" => return Format::Tsv,
        "jsonl" | "ndjson" => return Format::Carrel,
        "ris" => return Format::Ris,
        "xml" | "tei" => return Format::Tei,
        "txt" | "md" | "markdown" => return Format::Text,
        "json" => return json_format(head),
        _ => {}
    }
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') {
        Format::Tei
    } else if text.starts_with("TY  -") {
        Format::Ris
    } else if text.starts_with(['{', '[']) {
        json_format(head)
    } else if text.lines().next().is_some_and(|l| l.contains('\t')) {
        Format::Tsv
    } else {
        Format::Csv
    }
}

/// carrel JSON or CSL-JSON: CSL items carry a `type` and CSL's own names
/// (`issued`, `archive_location`, `container-title`); carrel records carry `doc_type`.
fn json_format(head: &[u8]) -> Format {
    let text = String::from_utf8_lossy(head);
    let csl_keys = [
        "\"issued\"",
        "\"archive_location\"",
        "\"type\":",
        "\"type\" :",
        "\"container-title\"",
    ];
    let carrel_keys = [
        "\"schema_version\"",
        "\"doc_type\"",
        "\"texts\"",
        "\"provenance\"",
    ];
    let csl = csl_keys.iter().filter(|k| text.contains(*k)).count();
    let carrel = carrel_keys.iter().filter(|k| text.contains(*k)).count();
    if csl > carrel {
        Format::CslJson
    } else {
        Format::Carrel
    }
}

/// Parses `--format` values.
pub fn parse_format(name: &str) -> Option<Format> {
    Some(match name.to_lowercase().as_str() {
        "carrel" | "json" | "jsonl" | "store" => Format::Carrel,
        "csv" => Format::Csv,
        "tsv" => Format::Tsv,
        "text" | "txt" | "md" | "markdown" => Format::Text,
        "tei" | "xml" | "frus" => Format::Tei,
        "csl-json" | "csljson" | "csl" | "zotero" => Format::CslJson,
        "ris" => Format::Ris,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_extension_then_content() {
        assert_eq!(file_format(Path::new("a.CSV"), b""), Format::Csv);
        assert_eq!(file_format(Path::new("a"), b"TY  - MANSCPT\n"), Format::Ris);
        assert_eq!(file_format(Path::new("a"), b"<?xml ?><TEI/>"), Format::Tei);
        assert_eq!(file_format(Path::new("a"), b"title\tdate\n"), Format::Tsv);
        assert_eq!(
            file_format(
                Path::new("z.json"),
                br#"[{"id": "x", "type": "manuscript", "issued": {}}]"#
            ),
            Format::CslJson
        );
        assert_eq!(
            file_format(
                Path::new("s.json"),
                br#"{"schema_version": 1, "archive": {}}"#
            ),
            Format::Carrel
        );
    }
}
