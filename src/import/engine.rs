//! The import itself: every source parsed into a [`Sink`] that checks each record as
//! the store would, refuses clashes, and streams the good ones to the staging folder;
//! then, only if nothing was wrong (or `--skip-invalid` said to leave it out), one commit.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::stage::Stage;
use super::target::{Commit, Existing, Target};
use super::{Found, ImportError, Options, Sink, sources};
use crate::store::schema::{Archive, Collection, PERSON_ROLES, SCHEMA_VERSION};
use crate::store::validate::{id_from_name, id_message, is_valid_id};
use crate::store::{Problem, Severity};

/// Where the import tells what it finds and how far it has got.
pub trait Report {
    /// One problem, to be shown in `carrel check`'s format.
    fn problem(&mut self, problem: &Problem);
    /// `done` of `total` bytes of all sources read.
    fn progress(&mut self, done: u64, total: u64) {
        let _ = (done, total);
    }
}

/// What an import did, or would do (`--dry-run`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub replaced: usize,
    pub skipped: usize,
    pub collections_added: usize,
    pub warnings: usize,
    pub dry_run: bool,
    /// The store written (or that would be).
    pub store: PathBuf,
}

impl fmt::Display for Summary {
    /// "412 added, 3 replaced, 2 skipped (see above)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dry_run {
            f.write_str("dry run, nothing written: would have ")?;
        }
        write!(
            f,
            "{} added, {} replaced, {} skipped",
            self.added, self.replaced, self.skipped
        )?;
        if self.skipped > 0 {
            f.write_str(" (see above)")?;
        }
        if self.collections_added > 0 {
            write!(f, ", {} new collection(s)", self.collections_added)?;
        }
        Ok(())
    }
}

/// Imports `sources` into the store at `store` (created when missing; `title` names a
/// new store). Nothing is written when any problem is an error, unless
/// `options.skip_invalid`; nothing at all with `options.dry_run`.
pub fn import(
    sources_given: &[PathBuf],
    store: &Path,
    title: &str,
    options: &Options,
    report: &mut dyn Report,
) -> Result<Summary, ImportError> {
    let target = Target::open(store)?;
    let planned = sources::plan(sources_given, options.format)?;
    let total: u64 = planned.iter().map(|s| s.bytes).sum();
    let stage = if options.dry_run {
        None
    } else {
        let dir = target.prepare().map_err(|source| ImportError::Write {
            path: store.to_path_buf(),
            source,
        })?;
        let stage =
            Stage::new(&dir, &target.shard_prefix()).map_err(|source| ImportError::Write {
                path: store.to_path_buf(),
                source,
            })?;
        Some(stage)
    };
    let mut engine = Engine {
        target: &target,
        options,
        report,
        stage,
        seen: HashMap::new(),
        replaced: HashSet::new(),
        collections: BTreeMap::new(),
        collection_order: Vec::new(),
        named: Vec::new(),
        named_set: HashSet::new(),
        archive: None,
        errors: 0,
        write_error: None,
        summary: Summary {
            dry_run: options.dry_run,
            store: store.to_path_buf(),
            ..Summary::default()
        },
        done: 0,
        shown: 0,
        total,
    };
    for source in &planned {
        sources::parse(source, options, &mut engine);
        engine.done += source.bytes;
        engine.report.progress(engine.done, total);
    }
    engine.finish(title)
}

struct Engine<'a> {
    target: &'a Target,
    options: &'a Options,
    report: &'a mut dyn Report,
    /// `None` in a dry run, or once an error means nothing will be written.
    stage: Option<Stage>,
    /// Id -> "file:line" of the imported record that has it.
    seen: HashMap<String, String>,
    replaced: HashSet<String>,
    /// Collections the sources define, by id, merged.
    collections: BTreeMap<String, Collection>,
    collection_order: Vec<String>,
    /// Collections named by imported records, in the order first named.
    named: Vec<String>,
    named_set: HashSet<String>,
    archive: Option<Archive>,
    /// Errors that block the import (without --skip-invalid).
    errors: usize,
    write_error: Option<std::io::Error>,
    summary: Summary,
    /// Bytes of the sources before the current one.
    done: u64,
    /// The most the progress bar has shown.
    shown: u64,
    total: u64,
}

impl Engine<'_> {
    fn report_problem(&mut self, problem: &Problem) {
        if problem.severity == Severity::Warning {
            self.summary.warnings += 1;
        }
        self.report.problem(problem);
    }

    /// An error: the import stops writing, unless bad items are to be skipped.
    fn block(&mut self) {
        if self.options.skip_invalid {
            self.summary.skipped += 1;
        } else {
            self.errors += 1;
            if let Some(stage) = self.stage.take() {
                drop(stage);
                self.target.discard();
            }
        }
    }

    fn check(&self, found: &mut Found) {
        let id = found.record.id.clone();
        let untitled = found.record.title.trim().is_empty();
        // A row with neither id nor title is reported once, for its title.
        let reported_for_title = id.is_empty() && untitled;
        if !is_valid_id(&id) && !reported_for_title {
            found.error("id", None, id_message(&id));
        }
        if untitled {
            found.error("title", None, "empty title: every record needs one");
        }
        for (i, person) in found.record.people.clone().iter().enumerate() {
            if person.name.trim().is_empty() {
                found.error(&format!("people[{i}].name"), None, "empty name");
            }
            if let Some(role) = person.role.as_deref().filter(|r| !PERSON_ROLES.contains(r)) {
                found.warning(
                    &format!("people[{i}].role"),
                    None,
                    format!("unknown role {role:?} (known: {})", PERSON_ROLES.join(", ")),
                );
            }
        }
        for collection in &found.record.collections.clone() {
            if !is_valid_id(collection) {
                found.error("collections", None, id_message(collection));
            }
        }
        if let Some(first) = self.seen.get(&id) {
            found.error(
                "id",
                None,
                format!("duplicate id: the record at {first} has it too"),
            );
        } else if self.target.has(&id) && !self.options.replace {
            found.error(
                "id",
                None,
                "the store already has a record with this id (--replace replaces it)",
            );
        }
    }

    fn finish(mut self, title: &str) -> Result<Summary, ImportError> {
        let shards = match self.stage.take().map(Stage::finish) {
            Some(Ok(shards)) => shards,
            Some(Err(source)) => {
                self.target.discard();
                return Err(ImportError::Write {
                    path: self.target.path.clone(),
                    source,
                });
            }
            None => Vec::new(),
        };
        if let Some(source) = self.write_error.take() {
            self.target.discard();
            return Err(ImportError::Write {
                path: self.target.path.clone(),
                source,
            });
        }
        let collections = self.merged_collections();
        if self.errors > 0 {
            self.target.discard();
            return Err(ImportError::Invalid {
                errors: self.errors,
                summary: self.summary,
            });
        }
        let changed = self.summary.added + self.summary.replaced + self.summary.collections_added;
        if self.options.dry_run || changed == 0 {
            self.target.discard();
            return Ok(self.summary);
        }
        let archive = self.archive.take().unwrap_or_else(|| Archive {
            schema_version: SCHEMA_VERSION,
            id: id_from_name(title),
            title: title.to_string(),
            ..Archive::default()
        });
        let commit = Commit {
            archive,
            collections,
            shards,
            replaced: std::mem::take(&mut self.replaced),
        };
        if let Err(error) = self.target.commit(&commit) {
            self.target.discard();
            return Err(error);
        }
        Ok(self.summary)
    }

    /// The store's collections, then those the sources define, then stand-ins for
    /// those only named by records (titled by their id).
    fn merged_collections(&mut self) -> Vec<Collection> {
        let mut merged: Vec<Collection> = self
            .target
            .loaded()
            .map(|l| l.store.collections.clone())
            .unwrap_or_default();
        let mut known: HashMap<String, usize> = merged
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let order = std::mem::take(&mut self.collection_order);
        let named = std::mem::take(&mut self.named);
        let stand_ins = named.into_iter().map(|id| Collection {
            title: id.clone(),
            id,
            ..Collection::default()
        });
        let defined: Vec<Collection> = order
            .iter()
            .filter_map(|id| self.collections.remove(id))
            .collect();
        for collection in defined.into_iter().chain(stand_ins) {
            match known.get(&collection.id) {
                Some(&i) => {
                    let members = &mut merged[i].record_ids;
                    for id in collection.record_ids {
                        if !members.contains(&id) {
                            members.push(id);
                        }
                    }
                }
                None => {
                    known.insert(collection.id.clone(), merged.len());
                    self.summary.collections_added += 1;
                    merged.push(collection);
                }
            }
        }
        merged
    }
}

impl Sink for Engine<'_> {
    fn record(&mut self, mut found: Found) {
        if let Some(collection) = &self.options.collection
            && !found.record.collections.contains(collection)
        {
            found.record.collections.push(collection.clone());
        }
        self.check(&mut found);
        let problems = std::mem::take(&mut found.problems);
        for problem in &problems {
            self.report_problem(problem);
        }
        if problems.iter().any(Problem::is_error) {
            self.block();
            return;
        }
        let record = found.record;
        let place = if found.line > 0 {
            format!("{}:{}", found.file, found.line)
        } else {
            found.file.clone()
        };
        if self.target.has(&record.id) {
            self.summary.replaced += 1;
            self.replaced.insert(record.id.clone());
        } else {
            self.summary.added += 1;
        }
        for collection in &record.collections {
            if self.named_set.insert(collection.clone()) {
                self.named.push(collection.clone());
            }
        }
        if let Some(stage) = &mut self.stage
            && let Err(error) = stage.write(&record)
        {
            self.write_error = Some(error);
            self.stage = None;
        }
        self.seen.insert(record.id, place);
    }

    fn collection(&mut self, collection: Collection) {
        if !is_valid_id(&collection.id) {
            let problem = Problem::error("collections", id_message(&collection.id))
                .with_id(collection.id.clone());
            self.report_problem(&problem);
            self.block();
            return;
        }
        match self.collections.get_mut(&collection.id) {
            Some(held) => {
                for id in collection.record_ids {
                    if !held.record_ids.contains(&id) {
                        held.record_ids.push(id);
                    }
                }
            }
            None => {
                self.collection_order.push(collection.id.clone());
                self.collections.insert(collection.id.clone(), collection);
            }
        }
    }

    fn archive(&mut self, archive: Archive) {
        // The first whole store imported names a new store; an existing one keeps its own.
        if self.archive.is_none() && matches!(self.target.existing, Existing::Absent) {
            self.archive = Some(archive);
        }
    }

    fn problem(&mut self, problem: Problem) {
        self.report_problem(&problem);
        if problem.is_error() {
            self.block();
        }
    }

    fn progress(&mut self, bytes: u64) {
        // A folder reports each of its files from 0: the bar never goes back.
        self.shown = self.shown.max(self.done + bytes).min(self.total);
        self.report.progress(self.shown, self.total);
    }
}
