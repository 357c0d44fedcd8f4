//! The sources named on the command line: what each is, how big, and handing it to
//! its parser. The only place importers touch the file system.

use std::fs::{self, File};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use super::detect::{file_format, folder_format};
use super::{Format, ImportError, Options, Sink, carrel, csv, tei, text_folder, zotero};
use crate::store::Problem;
use crate::store::schema::Collection;
use crate::store::validate::id_from_name;

/// A source about to be read.
#[derive(Debug, Clone)]
pub struct Planned {
    pub path: PathBuf,
    pub format: Format,
    /// Its size, for the progress bar.
    pub bytes: u64,
}

/// Each source's format (given, or detected) and size. A missing source is an error
/// before anything is read.
pub fn plan(paths: &[PathBuf], format: Option<Format>) -> Result<Vec<Planned>, ImportError> {
    paths
        .iter()
        .map(|path| {
            let read_error = |source| ImportError::Read {
                path: path.clone(),
                source,
            };
            let meta = fs::metadata(path).map_err(read_error)?;
            let (detected, bytes) = if meta.is_dir() {
                (folder_format(path), folder_size(path))
            } else {
                let mut head = vec![0; 4096];
                let n = File::open(path)
                    .and_then(|mut f| f.read(&mut head))
                    .map_err(read_error)?;
                head.truncate(n);
                (file_format(path, &head), meta.len())
            };
            Ok(Planned {
                path: path.clone(),
                format: format.unwrap_or(detected),
                bytes,
            })
        })
        .collect()
}

fn folder_size(path: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => folder_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Reads one source into `sink`; what cannot be read is a problem reported there.
pub fn parse(source: &Planned, options: &Options, sink: &mut dyn Sink) {
    let path = &source.path;
    let label = path.display().to_string();
    let unreadable = |sink: &mut dyn Sink, error: std::io::Error| {
        sink.problem(Problem::error(&label, format!("cannot read: {error}")));
    };
    if path.is_dir() {
        match source.format {
            Format::Carrel => store_folder(path, &label, sink),
            Format::Text => text_tree(path, None, sink),
            other => sink.problem(Problem::error(
                &label,
                format!("a folder cannot be read as {}", other.name()),
            )),
        }
        return;
    }
    if matches!(source.format, Format::Csv | Format::Tsv) {
        let file = match File::open(path) {
            Ok(file) => file,
            Err(error) => return unreadable(sink, error),
        };
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let read_text_file = move |relative: &str| {
            fs::read_to_string(base.join(relative))
                .map_err(|e| format!("cannot read the text file {relative:?}: {e}"))
        };
        let options = csv::CsvOptions {
            delimiter: if source.format == Format::Tsv {
                b'\t'
            } else {
                b','
            },
            map: &options.map,
            read_text_file: &read_text_file,
        };
        csv::parse(
            &label,
            BufReader::with_capacity(256 * 1024, file),
            &options,
            sink,
        );
        return;
    }
    let is_json_lines = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
    if source.format == Format::Carrel && is_json_lines {
        match File::open(path) {
            Ok(file) => {
                carrel::parse_jsonl(&label, BufReader::with_capacity(256 * 1024, file), sink)
            }
            Err(error) => unreadable(sink, error),
        }
        return;
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => return unreadable(sink, error),
    };
    sink.progress(bytes.len() as u64);
    match source.format {
        Format::Carrel => carrel::parse(&label, &bytes, sink),
        Format::CslJson => zotero::parse_csl_json(&label, &bytes, sink),
        format => {
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(error) => {
                    let at = error.utf8_error().valid_up_to();
                    let line = error.as_bytes()[..at]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
                        + 1;
                    sink.problem(
                        Problem::error(&label, format!("not UTF-8 text (byte {at})")).at_line(line),
                    );
                    return;
                }
            };
            match format {
                Format::Tei => tei::parse(&label, &text, sink),
                Format::Ris => zotero::parse_ris(&label, &text, sink),
                _ => {
                    let stem = path
                        .file_stem()
                        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                    text_folder::parse_file(&label, &stem, &text, None, sink);
                }
            }
        }
    }
}

/// A folder of transcriptions: one collection per folder (a subfolder is a
/// sub-collection), one record per `.txt` / `.md` file, in name order.
fn text_tree(folder: &Path, parent: Option<&str>, sink: &mut dyn Sink) {
    let name = folder
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "documents".into());
    let id = id_from_name(&name);
    sink.collection(Collection {
        id: id.clone(),
        title: name,
        parent: parent.map(str::to_string),
        ..Collection::default()
    });
    let label = folder.display().to_string();
    let mut entries: Vec<PathBuf> = match fs::read_dir(folder) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(error) => {
            sink.problem(Problem::error(&label, format!("cannot read: {error}")));
            return;
        }
    };
    entries.sort();
    for path in entries {
        let file_name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        if file_name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            text_tree(&path, Some(&id), sink);
            continue;
        }
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        if !matches!(ext.as_deref(), Some("txt" | "md" | "markdown")) {
            sink.problem(Problem::warning(
                path.display().to_string(),
                "not a .txt or .md file; skipped",
            ));
            continue;
        }
        let file_label = path.display().to_string();
        match fs::read(&path) {
            Ok(bytes) => {
                sink.progress(bytes.len() as u64);
                let stem = path
                    .file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                match String::from_utf8(bytes) {
                    Ok(text) => text_folder::parse_file(&file_label, &stem, &text, Some(&id), sink),
                    Err(_) => {
                        sink.problem(Problem::error(&file_label, "not UTF-8 text; file skipped"))
                    }
                }
            }
            Err(error) => {
                sink.problem(Problem::error(&file_label, format!("cannot read: {error}")))
            }
        }
    }
}

/// A store folder, file by file (see [`carrel::store_folder`]).
fn store_folder(path: &Path, label: &str, sink: &mut dyn Sink) {
    let mut names: Vec<String> = fs::read_dir(path.join("records"))
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let read = |name: &str| fs::read(path.join(name)).map_err(|e| format!("cannot read: {e}"));
    let open = |name: &str| -> Result<Box<dyn std::io::BufRead>, String> {
        File::open(path.join("records").join(name))
            .map(|f| Box::new(BufReader::with_capacity(256 * 1024, f)) as Box<dyn std::io::BufRead>)
            .map_err(|e| format!("cannot read: {e}"))
    };
    carrel::store_folder(label, &read, &names, &open, sink);
}
