//! The store an import writes into, and the one rename that makes an import happen.
//!
//! Everything is written into a staging folder beside the store (`.NAME.carrel-import-PID`):
//! the new records as JSON Lines shards, the store's other record files as hard links
//! (a big store is not copied), those holding replaced records rewritten without them,
//! and a new `collections.json`. Then one rename: a new store is renamed into place; an
//! existing folder store is swapped with the staging folder in one atomic exchange
//! (Linux `renameat2(RENAME_EXCHANGE)`), so that at any moment the store's path holds
//! either the old store or the whole new one. A single-file store is rewritten to a
//! temporary file renamed over it. Whatever a killed import leaves beside the store is
//! removed by the next import.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::ImportError;
use crate::store::load::items::records_file;
use crate::store::schema::{Archive, Collection, Record};
use crate::store::{Loaded, load_path_lazy};

/// What is at the target path.
#[derive(Debug)]
pub enum Existing {
    /// Nothing yet (or an empty folder): the import creates the store.
    Absent,
    Folder(Loaded),
    Single(Loaded),
}

/// The store being imported into.
#[derive(Debug)]
pub struct Target {
    pub path: PathBuf,
    pub existing: Existing,
}

/// What the import decided, for [`Target::commit`].
#[derive(Debug, Default)]
pub struct Commit {
    /// For a new store (an existing folder keeps its own `archive.json`).
    pub archive: Archive,
    /// The whole new `collections.json`.
    pub collections: Vec<Collection>,
    /// The staged shards of new records, in order.
    pub shards: Vec<PathBuf>,
    /// Ids of records of the store that imported records replace.
    pub replaced: HashSet<String>,
}

const STAGING_MARK: &str = ".carrel-import-";

impl Target {
    /// Reads what is at `path` (records' metadata only: texts stay on disk).
    pub fn open(path: &Path) -> Result<Self, ImportError> {
        let existing = match fs::metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Existing::Absent,
            Err(source) => {
                return Err(ImportError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
            Ok(meta) if meta.is_dir() && is_empty_dir(path) => Existing::Absent,
            Ok(meta) if meta.is_dir() => {
                if !path.join("archive.json").is_file() && !path.join("records").is_dir() {
                    return Err(ImportError::Source {
                        path: path.to_path_buf(),
                        why: "this folder is not a carrel store (no archive.json, no records/); import into a new or empty folder".into(),
                    });
                }
                Existing::Folder(load_path_lazy(path)?)
            }
            Ok(_) => Existing::Single(load_path_lazy(path)?),
        };
        Ok(Target {
            path: path.to_path_buf(),
            existing,
        })
    }

    pub fn loaded(&self) -> Option<&Loaded> {
        match &self.existing {
            Existing::Absent => None,
            Existing::Folder(loaded) | Existing::Single(loaded) => Some(loaded),
        }
    }

    /// True when the store already has a record with this id.
    pub fn has(&self, id: &str) -> bool {
        self.loaded()
            .is_some_and(|l| l.store.index_of(id).is_some())
    }

    /// Where the import stages its files: a hidden sibling of the store.
    pub fn staging_dir(&self) -> PathBuf {
        let name = self
            .path
            .file_name()
            .map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
        self.parent()
            .join(format!(".{name}{STAGING_MARK}{}", std::process::id()))
    }

    fn parent(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// Removes what earlier, killed imports left beside the store, and makes the
    /// staging folder.
    pub fn prepare(&self) -> io::Result<PathBuf> {
        let parent = self.parent();
        fs::create_dir_all(&parent)?;
        self.lock()?;
        let name = self
            .path
            .file_name()
            .map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
        let prefix = format!(".{name}{STAGING_MARK}");
        for entry in fs::read_dir(&parent)?.flatten() {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let Some(pid) = file_name.strip_prefix(&prefix) else {
                continue;
            };
            // Another import into this store, still running, keeps its own.
            let running = pid.parse::<u32>().is_ok_and(|pid| {
                pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists()
            });
            if !running {
                let path = entry.path();
                let _ = fs::remove_dir_all(&path).or_else(|_| fs::remove_file(&path));
            }
        }
        let staging = self.staging_dir();
        fs::create_dir_all(&staging)?;
        Ok(staging)
    }

    /// How the new shards are named: `part` in a new store; beside older shards, a
    /// name of their own that sorts after `part-*` so the new records come last.
    pub fn shard_prefix(&self) -> String {
        match self.existing {
            Existing::Absent => "part".into(),
            _ => {
                let secs = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                format!("part-import-{secs}")
            }
        }
    }

    /// Writes the staged store into place. On an error, the store is as it was.
    pub fn commit(&self, commit: &Commit) -> Result<(), ImportError> {
        let result = self.commit_staged(commit);
        self.unlock();
        result
    }

    fn commit_staged(&self, commit: &Commit) -> Result<(), ImportError> {
        let staging = self.staging_dir();
        let write_error = |source| ImportError::Write {
            path: self.path.clone(),
            source,
        };
        match &self.existing {
            Existing::Absent => {
                write_json(&staging.join("archive.json"), &commit.archive).map_err(write_error)?;
                write_json(&staging.join("collections.json"), &commit.collections)
                    .map_err(write_error)?;
                if self.path.is_dir() {
                    // An empty folder named by --into: replaced by the new store.
                    fs::remove_dir(&self.path).map_err(write_error)?;
                }
                fs::rename(&staging, &self.path).map_err(write_error)
            }
            Existing::Folder(_) => self.commit_folder(&staging, commit).map_err(write_error),
            Existing::Single(loaded) => self
                .commit_single(&staging, loaded, commit)
                .map_err(write_error),
        }
    }

    /// Removes the staging folder (nothing was imported).
    pub fn discard(&self) {
        let _ = fs::remove_dir_all(self.staging_dir());
        self.unlock();
    }

    fn lock_file(&self) -> PathBuf {
        let name = self
            .path
            .file_name()
            .map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
        self.parent().join(format!(".{name}.carrel-import.lock"))
    }

    /// One import at a time into a store: two would each swap in a store without the
    /// other's records. A lock left by a killed import (its process gone) is taken over.
    fn lock(&self) -> io::Result<()> {
        let path = self.lock_file();
        for _ in 0..2 {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => return file.write_all(std::process::id().to_string().as_bytes()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&path).unwrap_or_default();
                    let alive = holder.trim().parse::<u32>().is_ok_and(|pid| {
                        pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists()
                    });
                    if alive {
                        return Err(io::Error::other(format!(
                            "another import into this store is running (process {})",
                            holder.trim()
                        )));
                    }
                    fs::remove_file(&path)?;
                }
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::other("cannot take the import lock"))
    }

    fn unlock(&self) {
        let path = self.lock_file();
        let mine = fs::read_to_string(&path)
            .is_ok_and(|holder| holder.trim() == std::process::id().to_string());
        if mine {
            let _ = fs::remove_file(path);
        }
    }

    fn commit_folder(&self, staging: &Path, commit: &Commit) -> io::Result<()> {
        let mut folders = Vec::new();
        for entry in fs::read_dir(&self.path)? {
            let entry = entry?;
            let name = entry.file_name();
            let to = staging.join(&name);
            match name.to_str() {
                Some("collections.json") => {}
                Some("records") => {
                    for record_file in fs::read_dir(entry.path())? {
                        let record_file = record_file?;
                        let to = staging.join("records").join(record_file.file_name());
                        carry_record_file(&record_file.path(), &to, &commit.replaced)?;
                    }
                }
                _ if entry.file_type()?.is_dir() => folders.push(name),
                _ => link_or_copy(&entry.path(), &to)?,
            }
        }
        if !staging.join("archive.json").exists() {
            write_json(&staging.join("archive.json"), &commit.archive)?;
        }
        write_json(&staging.join("collections.json"), &commit.collections)?;
        exchange(staging, &self.path)?;
        // Folders that are not the store's (a .git, notes) follow it to its new self.
        for name in folders {
            let _ = fs::rename(staging.join(&name), self.path.join(&name));
        }
        fs::remove_dir_all(staging)
    }

    fn commit_single(&self, staging: &Path, loaded: &Loaded, commit: &Commit) -> io::Result<()> {
        let temp = staging.join("store.json");
        let mut out = BufWriter::new(File::create(&temp)?);
        out.write_all(b"{\n\"schema_version\": 1,\n\"archive\": ")?;
        serde_json::to_writer(&mut out, &loaded.store.archive)?;
        out.write_all(b",\n\"collections\": ")?;
        serde_json::to_writer(&mut out, &commit.collections)?;
        out.write_all(b",\n\"records\": [\n")?;
        let mut first = true;
        for record in &loaded.store.records {
            if commit.replaced.contains(&record.id) {
                continue;
            }
            let whole = record.with_full_texts().map_err(io::Error::other)?;
            if !first {
                out.write_all(b",\n")?;
            }
            first = false;
            serde_json::to_writer(&mut out, &*whole)?;
        }
        for shard in &commit.shards {
            for line in BufReader::new(File::open(shard)?).lines() {
                let line = line?;
                if line.trim().is_empty() {
                    continue;
                }
                if !first {
                    out.write_all(b",\n")?;
                }
                first = false;
                out.write_all(line.as_bytes())?;
            }
        }
        out.write_all(b"\n]\n}\n")?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        fs::rename(&temp, &self.path)?;
        fs::remove_dir_all(staging)
    }
}

fn is_empty_dir(path: &Path) -> bool {
    fs::read_dir(path).is_ok_and(|mut d| d.next().is_none())
}

fn write_json<T: serde::Serialize + ?Sized>(path: &Path, value: &T) -> io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    let mut file = File::create(path)?;
    file.write_all(&bytes)?;
    file.sync_all()
}

fn link_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to)?;
    }
    Ok(())
}

#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// A record file of the old store into the staged one: linked when it holds none of
/// the replaced records, else rewritten without them (left out when nothing is left).
fn carry_record_file(from: &Path, to: &Path, replaced: &HashSet<String>) -> io::Result<()> {
    let name = from.to_string_lossy();
    let is_record_file = name.ends_with(".json") || name.ends_with(".jsonl");
    if replaced.is_empty() || !is_record_file || !from.is_file() {
        return link_or_copy(from, to);
    }
    let bytes = fs::read(from)?;
    if name.ends_with(".jsonl") {
        let mut kept = Vec::with_capacity(bytes.len());
        let mut dropped = false;
        for line in bytes.split_inclusive(|&b| b == b'\n') {
            let id = serde_json::from_slice::<IdOnly>(line).ok().map(|r| r.id);
            if id.is_some_and(|id| replaced.contains(&id)) {
                dropped = true;
            } else {
                kept.extend_from_slice(line);
            }
        }
        return if dropped && kept.iter().all(u8::is_ascii_whitespace) {
            Ok(())
        } else if dropped {
            write_synced(to, &kept)
        } else {
            link_or_copy(from, to)
        };
    }
    let items = records_file(&name, &bytes, None);
    if !items.items.iter().any(|r| replaced.contains(&r.item.id)) {
        return link_or_copy(from, to);
    }
    let kept: Vec<&Record> = items
        .items
        .iter()
        .map(|r| &r.item)
        .filter(|r| !replaced.contains(&r.id))
        .collect();
    if kept.is_empty() {
        return Ok(());
    }
    let mut out = serde_json::to_vec_pretty(&kept)?;
    out.push(b'\n');
    write_synced(to, &out)
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Swaps two folders in one step, so that `target` is never missing.
#[cfg(target_os = "linux")]
fn exchange(staging: &Path, target: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, staging, CWD, target, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// Without an atomic exchange: the old store steps aside for an instant.
#[cfg(not(target_os = "linux"))]
fn exchange(staging: &Path, target: &Path) -> io::Result<()> {
    let aside = staging.with_extension("old");
    fs::rename(target, &aside)?;
    fs::rename(staging, target)?;
    fs::rename(&aside, staging)
}
