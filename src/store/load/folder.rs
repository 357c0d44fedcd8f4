//! A store folder on disk: find and read its files, then hand them to the shared core.

use std::borrow::Cow;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::items::{self, Items, RecordFileKind};
use super::{FolderParts, Loaded, Unread, assemble_folder, begin_folder, lines};
use crate::store::schema::Record;
use crate::store::{Problem, StoreError, files};

/// `lazy`: leave the bodies of texts on disk.
pub(super) fn load(root: &Path, lazy: bool) -> Result<Loaded, StoreError> {
    assemble_folder(find(root)?, |name, path: &PathBuf| {
        records_of(name, path, lazy)
    })
}

/// A store folder with its archive and collections read and checked, to be read
/// one record file at a time, in store order, with [`read_records`].
pub(crate) fn open_unread(root: &Path) -> Result<Unread<PathBuf>, StoreError> {
    begin_folder(find(root)?)
}

/// The records of a store folder's record file (as [`open_unread`] lists them), the
/// bodies of their texts left on disk.
pub(crate) fn read_records(name: &str, path: &Path) -> Items<Record> {
    records_of(name, path, true)
}

/// The records of the record file `name` at `path`; `lazy`: the bodies of texts may
/// be left in the file. A `.jsonl` file is read a block at a time.
fn records_of(name: &str, path: &Path, lazy: bool) -> Items<Record> {
    let home: Option<Arc<Path>> = lazy.then(|| Arc::from(path));
    let read = if items::record_file_kind(name) == RecordFileKind::JsonLines {
        files::open_regular(path).and_then(|file| lines::read_json_lines(name, file, home.as_ref()))
    } else {
        files::read_regular(path, files::WHOLE_FILE_LIMIT)
            .map(|bytes| items::records_file(name, &bytes, home.as_ref()))
    };
    read.unwrap_or_else(|e| Items {
        problems: vec![Problem::error(
            name,
            format!("cannot read: {e}; its records are missing"),
        )],
        ..Items::default()
    })
}

/// The folder's files, the record files not yet read.
fn find(root: &Path) -> Result<FolderParts<'_, PathBuf>, StoreError> {
    // A folder that cannot be listed (no read permission) is refused with its reason,
    // not opened as a store of nothing.
    if let Err(source) = fs::read_dir(root) {
        return Err(StoreError::Io {
            path: root.to_path_buf(),
            source,
        });
    }
    let mut problems = Vec::new();
    let archive = read_optional(root, "archive.json");
    let collections = read_optional(root, "collections.json");
    let (record_files, has_records) = list_records(&root.join("records"), &mut problems)?;
    if matches!(archive, Ok(None)) && !has_records {
        return Err(StoreError::NotAStore {
            path: root.to_path_buf(),
            why: "no archive.json and no records/ folder in it".into(),
        });
    }
    if !has_records {
        // The format asks for it: a store of no records says so with an empty one.
        problems.push(Problem::error(
            "records",
            "missing: a store folder needs a records/ folder (empty when it holds no records)",
        ));
    }
    Ok(FolderParts {
        root,
        name: store_name(root),
        archive: archive.map(|b| b.map(Cow::Owned)),
        collections: collections.map(|b| b.map(Cow::Owned)),
        record_files,
        problems,
    })
}

/// The warning for a file under records/ that is neither .json nor .jsonl.
pub(super) fn not_a_record_file(name: &str) -> Problem {
    Problem::warning(name, "not a .json or .jsonl file; ignored")
}

/// The warning for a folder inside records/.
pub(super) fn a_folder_in_records(name: &str) -> Problem {
    Problem::warning(name, "a folder: folders inside records/ are not read")
}

/// The most read of `archive.json` or `collections.json`: far more than any holds.
const METADATA_LIMIT: u64 = 256 << 20;

fn read_optional(root: &Path, name: &str) -> Result<Option<Vec<u8>>, Box<Problem>> {
    match files::read_regular(&root.join(name), METADATA_LIMIT) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Box::new(Problem::error(
            name,
            format!("cannot read: {e}; ignored"),
        ))),
    }
}

/// The record files under `records/` (unsorted) and whether that folder exists.
/// A `records/` folder that is there but cannot be listed refuses the store: every
/// record would be missing.
fn list_records(
    dir: &Path,
    problems: &mut Vec<Problem>,
) -> Result<(Vec<(String, PathBuf)>, bool), StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok((Vec::new(), false)),
        Err(source) => {
            return Err(StoreError::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(Problem::error(
                    "records",
                    format!("cannot list a file: {e}"),
                ));
                continue;
            }
        };
        let Ok(base) = entry.file_name().into_string() else {
            let shown = entry.file_name().to_string_lossy().into_owned();
            problems.push(Problem::warning(
                format!("records/{shown}"),
                "file name is not UTF-8; skipped",
            ));
            continue;
        };
        let name = format!("records/{base}");
        let path = entry.path();
        // metadata() follows symlinks, so a linked shard is read like a file.
        let is_dir = fs::metadata(&path).is_ok_and(|m| m.is_dir());
        match (items::record_file_kind(&base), is_dir) {
            (RecordFileKind::Hidden, _) => {}
            (_, true) => problems.push(a_folder_in_records(&name)),
            (RecordFileKind::Other, false) => problems.push(not_a_record_file(&name)),
            (RecordFileKind::Json | RecordFileKind::JsonLines, false) => {
                // A pipe or a device is reported here, never opened.
                match files::check_regular(&path) {
                    Ok(_) => files.push((name, path)),
                    Err(e) => problems.push(Problem::error(
                        name,
                        format!("{e}; its records are missing"),
                    )),
                }
            }
        }
    }
    Ok((files, true))
}

/// The folder's own name, for a store without a usable archive.json.
fn store_name(root: &Path) -> String {
    let named = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| {
            fs::canonicalize(root)
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        });
    named.unwrap_or_else(|| "store".to_string())
}
