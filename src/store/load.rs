//! Loading a store from a folder, a single file, or files held in memory.
//!
//! All three forms go through the same code: the folder loader only reads files
//! and hands their bytes to the core that the in-memory loader (used for the
//! built-in sample) calls too. Each record is parsed on its own, so a broken one
//! is reported as a [`Problem`] and the rest load.

mod archive;
pub(crate) mod assemble;
mod folder;
pub(crate) mod items;
pub(crate) mod lazy;
mod lenient;
mod lines;
pub(crate) mod scan;
mod single;
pub(crate) mod skim;

use std::borrow::Cow;
use std::fs;
use std::path::Path;
use std::sync::Arc;

pub(crate) use assemble::Assembler;
pub(crate) use folder::{open_unread, read_records};
use items::{Items, RecordFileKind};

use super::schema::{Archive, Record};
use super::{Problem, Store, StoreError};

/// A store and the problems found while loading it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub store: Store,
    pub problems: Vec<Problem>,
    /// True when the store was read from the metadata cache rather than parsed.
    pub from_cache: bool,
}

/// Loads a store folder or single-file store with every text's body in memory.
/// Bad records are reported in `problems` and the rest load; only a store that
/// cannot be read at all is an error.
pub fn load_path(path: &Path) -> Result<Loaded, StoreError> {
    load_path_with(path, Bodies::Inline)
}

/// Where a loader puts the bodies of texts read from disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bodies {
    Inline,
    /// Left on disk, read back by [`crate::store::Record::full_texts`].
    OnDisk,
}

/// As [`load_path`], but leaves the bodies of texts on disk: far less memory for a
/// big store. Read them with [`crate::store::Store::texts`].
pub fn load_path_lazy(path: &Path) -> Result<Loaded, StoreError> {
    load_path_with(path, Bodies::OnDisk)
}

fn load_path_with(path: &Path, bodies: Bodies) -> Result<Loaded, StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    if fs::metadata(path).map_err(io)?.is_dir() {
        return folder::load(path, bodies == Bodies::OnDisk);
    }
    let bytes = crate::store::files::read_regular(path, crate::store::files::WHOLE_FILE_LIMIT)
        .map_err(io)?;
    let name = path
        .file_name()
        .map_or_else(|| path.to_string_lossy(), |n| n.to_string_lossy());
    let home: Option<Arc<Path>> = (bodies == Bodies::OnDisk).then(|| Arc::from(path));
    single::load(&name, &bytes, path, home.as_ref())
}

/// Loads a folder store held in memory: pairs of (path relative to the store root
/// with `/`, such as `"archive.json"` or `"records/part-001.jsonl"`; contents).
/// Behaves exactly as [`load_path`] on a folder holding those files.
pub fn load_files(files: &[(&str, &str)]) -> Result<Loaded, StoreError> {
    let mut parts = FolderParts {
        root: Path::new(""),
        name: "store".into(),
        archive: Ok(None),
        collections: Ok(None),
        record_files: Vec::new(),
        problems: Vec::new(),
    };
    let mut subfolders: Vec<&str> = Vec::new();
    for (name, text) in files {
        let bytes = Cow::Borrowed(text.as_bytes());
        match *name {
            "archive.json" => parts.archive = Ok(Some(bytes)),
            "collections.json" => parts.collections = Ok(Some(bytes)),
            // As in a folder: other files beside archive.json are not looked at.
            _ => match name
                .strip_prefix("records/")
                .map(|base| base.split_once('/'))
            {
                None => {}
                Some(Some((folder, _)))
                    if !subfolders.contains(&folder) && !folder.starts_with('.') =>
                {
                    subfolders.push(folder);
                    let name = format!("records/{folder}");
                    parts.problems.push(folder::a_folder_in_records(&name));
                }
                Some(Some(_)) => {}
                Some(None) => match items::record_file_kind(name) {
                    RecordFileKind::Json | RecordFileKind::JsonLines => {
                        parts.record_files.push(((*name).to_string(), *text));
                    }
                    RecordFileKind::Hidden => {}
                    RecordFileKind::Other => parts.problems.push(folder::not_a_record_file(name)),
                },
            },
        }
    }
    if matches!(parts.archive, Ok(None)) && parts.record_files.is_empty() {
        return Err(StoreError::NotAStore {
            path: "archive.json".into(),
            why: "no archive.json and no records".into(),
        });
    }
    assemble_folder(parts, |name, text| {
        items::records_file(name, text.as_bytes(), None)
    })
}

/// Loads a single-file store `{"schema_version": 1, "archive": {...},
/// "collections": [...], "records": [...]}` held in memory; `name` names it in problems.
pub fn load_single_str(name: &str, text: &str) -> Result<Loaded, StoreError> {
    single::load(name, text.as_bytes(), Path::new(name), None)
}

/// A folder store's files, however they were found.
struct FolderParts<'a, S> {
    /// For errors that refuse the store.
    root: &'a Path,
    /// The folder's name: the title when archive.json is missing.
    name: String,
    /// `Ok(None)` when absent; `Err` when present but unreadable (already reported).
    archive: Result<Option<Cow<'a, [u8]>>, Box<Problem>>,
    collections: Result<Option<Cow<'a, [u8]>>, Box<Problem>>,
    /// (name relative to the store, how to read it).
    record_files: Vec<(String, S)>,
    problems: Vec<Problem>,
}

/// A folder store whose archive and collections are read and checked, and whose
/// record files, in store order, are still to be read and fed to `assembler`.
pub(crate) struct Unread<S> {
    pub archive: Archive,
    pub assembler: Assembler,
    /// (name relative to the store, how to read it), sorted by name.
    pub record_files: Vec<(String, S)>,
}

/// Reads a folder store's archive and collections; the record files wait.
fn begin_folder<S>(mut parts: FolderParts<'_, S>) -> Result<Unread<S>, StoreError> {
    let mut problems = std::mem::take(&mut parts.problems);
    // The archive first: a store for a newer carrel is refused before anything else is read.
    let archive = match parts.archive {
        Ok(bytes) => archive::archive_file(
            bytes.as_deref(),
            &parts.root.join("archive.json"),
            &parts.name,
            &mut problems,
        )?,
        Err(problem) => {
            problems.push(*problem);
            archive::stand_in(&parts.name)
        }
    };
    let collections = match parts.collections {
        Ok(Some(bytes)) => {
            let whole = scan::whole(&bytes);
            let elements = (scan::first_byte(&bytes, whole) == Some(b'['))
                .then(|| scan::array_elements(&bytes, whole));
            items::collections("collections.json", &bytes, whole, elements)
        }
        Ok(None) => Items::default(),
        Err(problem) => {
            problems.push(*problem);
            Items::default()
        }
    };
    parts.record_files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Unread {
        archive,
        assembler: Assembler::new(collections, problems),
        record_files: parts.record_files,
    })
}

/// `read`: the records of a record file, from its name and how to read it.
fn assemble_folder<S: Sync>(
    parts: FolderParts<'_, S>,
    read: impl Fn(&str, &S) -> Items<Record> + Sync,
) -> Result<Loaded, StoreError> {
    let Unread {
        archive,
        assembler,
        record_files,
    } = begin_folder(parts)?;
    let records = items::parallel_map(&record_files, |(name, source)| read(name, source));
    Ok(finish(archive, assembler, records))
}

/// Every record file fed in store order, then the store settled: the one way a store
/// is checked, whether it is loaded whole or handed over as it is read.
fn finish(archive: Archive, mut assembler: Assembler, record_files: Vec<Items<Record>>) -> Loaded {
    let total = record_files.iter().map(|f| f.items.len()).sum();
    let mut records = Vec::with_capacity(total);
    for file in record_files {
        records.extend(assembler.add(file));
    }
    let settled = assembler.finish();
    Loaded {
        store: Store::new(archive, settled.collections, records),
        problems: settled.problems,
        from_cache: false,
    }
}
