//! The index on disk and keeping it in step with the store, one record file at a time.
//!
//! The index folder holds tantivy's files and `carrel-manifest.json`: for each group of
//! records (a record file, by its path; `#inline` for records whose texts are held in
//! memory) the file's size and modification time when its records were indexed. On
//! opening, a group whose file changed, appeared or went has its documents deleted
//! (by the `file` term) and its records indexed again; the others are kept. One commit
//! ends the update. An index that cannot be opened or read (damaged, another format)
//! is deleted and built anew.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock, mpsc};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

/// What a build tells its caller, and asks, as it goes (on the calling thread).
pub trait BuildHooks {
    fn progress(&mut self, progress: IndexProgress);
    /// Asked after each batch: whether to commit what is indexed so far, to search it.
    fn wants_commit(&mut self) -> bool {
        false
    }
    /// What is indexed so far is committed: `index` can be searched, its texts'
    /// stemmer languages are `langs`.
    fn committed(&mut self, _index: &Index, _fields: Fields, _langs: &BTreeSet<String>) {}
}

use super::analyzer::stemmer_for;
use super::tokenizer::{CarrelTokenizer, TOKENIZER, tagged};
use super::{FullTextError, IndexProgress};
use crate::store::schema::Bodies;
use crate::store::{Record, Store};

/// Bumped whenever the analyzer or the layout changes: an older index is rebuilt.
pub(super) const FORMAT: u32 = 3;
const MANIFEST: &str = "carrel-manifest.json";
/// The group of records whose texts are in memory.
const INLINE: &str = "#inline";
/// Records handed to an indexing thread at a time.
const CHUNK: usize = 64;
/// Memory for tantivy's indexing buffers, per thread.
const BUDGET_PER_THREAD: usize = 48 << 20;

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub key: Field,
    pub file: Field,
    pub body: Field,
    pub title: Field,
    pub names: Field,
}

pub fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        key: builder.add_u64_field("key", FAST),
        file: builder.add_text_field("file", STRING),
        body: builder.add_text_field("body", text.clone()),
        title: builder.add_text_field("title", text.clone()),
        names: builder.add_text_field("names", text),
    };
    (builder.build(), fields)
}

pub fn fields_of(schema: &Schema) -> Option<Fields> {
    Some(Fields {
        key: schema.get_field("key").ok()?,
        file: schema.get_field("file").ok()?,
        body: schema.get_field("body").ok()?,
        title: schema.get_field("title").ok()?,
        names: schema.get_field("names").ok()?,
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    format: u32,
    /// The stemmer languages of the indexed texts (query words are stemmed in each).
    pub langs: BTreeSet<String>,
    groups: BTreeMap<String, GroupState>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
struct GroupState {
    size: u64,
    modified: u64,
}

/// What opening did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Update {
    /// Records indexed this time.
    pub indexed: usize,
    /// Record groups (files) kept as they were.
    pub kept_groups: usize,
    /// The index was built from nothing (none there, or damaged).
    pub rebuilt: bool,
}

/// The record groups of a store now: group → (state, records).
fn groups_of(store: &Store) -> BTreeMap<String, (GroupState, Vec<usize>)> {
    let mut groups: BTreeMap<String, (GroupState, Vec<usize>)> = BTreeMap::new();
    let mut inline_hash: u64 = 0xcbf2_9ce4_8422_2325;
    // Records of one file share its path and come together: name each run of them
    // once, not each record.
    let mut run: Option<(*const Path, String, Vec<usize>)> = None;
    let flush = |run: Option<(*const Path, String, Vec<usize>)>,
                 groups: &mut BTreeMap<String, (GroupState, Vec<usize>)>| {
        if let Some((_, name, records)) = run {
            groups.entry(name).or_default().1.extend(records);
        }
    };
    for (i, record) in store.records.iter().enumerate() {
        match &record.bodies {
            Bodies::OnDisk(at) => {
                let pointer = Arc::as_ptr(&at.file);
                match &mut run {
                    Some((p, _, records)) if std::ptr::addr_eq(*p, pointer) => records.push(i),
                    _ => {
                        flush(run.take(), &mut groups);
                        run = Some((pointer, at.file.to_string_lossy().into_owned(), vec![i]));
                    }
                }
            }
            Bodies::Inline => {
                inline_hash = inline_digest(inline_hash, record);
                groups.entry(INLINE.to_string()).or_default().1.push(i);
            }
        }
    }
    flush(run.take(), &mut groups);
    for (name, (state, records)) in &mut groups {
        *state = if name == INLINE {
            GroupState {
                size: records.len() as u64,
                modified: inline_hash,
            }
        } else {
            file_state(Path::new(name))
        };
    }
    groups
}

fn file_state(path: &Path) -> GroupState {
    let meta = fs::metadata(path).ok();
    GroupState {
        size: meta.as_ref().map_or(u64::MAX, fs::Metadata::len),
        modified: meta
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)),
    }
}

/// What of an in-memory record is indexed, hashed: its id, title, names and texts.
fn inline_digest(mut hash: u64, record: &Record) -> u64 {
    let mut feed = |s: &str| {
        for b in s.bytes().chain([0xff]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(&record.id);
    feed(&record.title);
    for entity in record.people.iter().chain(&record.places) {
        feed(&entity.name);
        entity.alt.iter().for_each(|a| feed(a));
    }
    for text in &record.texts {
        feed(&text.lang);
        feed(&text.body);
    }
    hash
}

/// The hash of a record id kept in the `key` fast field.
pub fn id_key(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Opens the index in `dir` brought up to date with `store`, or builds it there; in
/// memory without a folder.
pub fn open_or_build(
    store: &Store,
    dir: Option<&Path>,
    progress: &mut dyn BuildHooks,
) -> Result<(Index, Fields, Manifest, Update), FullTextError> {
    let Some(dir) = dir else {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        let (manifest, update) = update(store, &index, fields, Manifest::default(), progress)?;
        return Ok((index, fields, manifest, update));
    };
    if let Some((index, fields, manifest)) = open_existing(dir) {
        match update(store, &index, fields, manifest, progress) {
            Ok((manifest, update)) => {
                write_manifest(dir, &manifest);
                return Ok((index, fields, manifest, update));
            }
            // Another carrel is updating it: read this store's texts into memory.
            Err(FullTextError::Index(tantivy::TantivyError::LockFailure(..))) => {
                return open_or_build(store, None, progress);
            }
            Err(_) => {}
        }
    }
    // Nothing there, or nothing usable: start again. A folder that cannot be written
    // costs only the next run's time: the index is then built in memory.
    let _ = fs::remove_dir_all(dir);
    let (schema, fields) = schema();
    let index = match fs::create_dir_all(dir)
        .map_err(|source| FullTextError::Io {
            path: dir.to_path_buf(),
            source,
        })
        .and_then(|()| Ok(Index::create_in_dir(dir, schema)?))
    {
        Ok(index) => index,
        Err(_) => return open_or_build(store, None, progress),
    };
    let (manifest, mut update) = update(store, &index, fields, Manifest::default(), progress)?;
    update.rebuilt = true;
    write_manifest(dir, &manifest);
    Ok((index, fields, manifest, update))
}

fn open_existing(dir: &Path) -> Option<(Index, Fields, Manifest)> {
    let bytes = fs::read(dir.join(MANIFEST)).ok()?;
    let manifest: Manifest = serde_json::from_slice(&bytes).ok()?;
    if manifest.format != FORMAT {
        return None;
    }
    let index = Index::open_in_dir(dir).ok()?;
    let fields = fields_of(&index.schema())?;
    // Reading every segment's metadata and ids finds most damage before it is used.
    let reader = index.reader().ok()?;
    for segment in reader.searcher().segment_readers() {
        segment.fast_fields().u64("key").ok()?;
        segment.inverted_index(fields.body).ok()?;
        segment.inverted_index(fields.file).ok()?;
    }
    Some((index, fields, manifest))
}

/// Written after the commit and by rename: a manifest never names records the index
/// lacks. (A cut-short update leaves the old manifest: the changed groups are deleted
/// and indexed again next time.)
fn write_manifest(dir: &Path, manifest: &Manifest) {
    let Ok(json) = serde_json::to_vec(manifest) else {
        return;
    };
    let temp = dir.join(format!(".{MANIFEST}.{}.tmp", std::process::id()));
    if fs::write(&temp, json)
        .and_then(|()| fs::rename(&temp, dir.join(MANIFEST)))
        .is_err()
    {
        let _ = fs::remove_file(&temp);
    }
}

/// Brings `index` (described by `manifest`) up to date with `store`.
fn update(
    store: &Store,
    index: &Index,
    fields: Fields,
    mut manifest: Manifest,
    progress: &mut dyn BuildHooks,
) -> Result<(Manifest, Update), FullTextError> {
    let now = groups_of(store);
    let stale: Vec<String> = manifest
        .groups
        .iter()
        .filter(|(name, state)| now.get(*name).is_none_or(|(s, _)| s != *state))
        .map(|(name, _)| name.clone())
        .collect();
    let fresh: Vec<(&String, &(GroupState, Vec<usize>))> = now
        .iter()
        .filter(|(name, (state, _))| manifest.groups.get(*name) != Some(state))
        .collect();
    let mut result = Update {
        kept_groups: now.len() - fresh.len(),
        ..Update::default()
    };
    if stale.is_empty() && fresh.is_empty() && manifest.format == FORMAT {
        return Ok((manifest, result));
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    index
        .tokenizers()
        .register(TOKENIZER, CarrelTokenizer::default());
    let writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(threads, BUDGET_PER_THREAD * threads)?;
    // The segments are merged into one at the end (below), not a few at a time on the way.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    for name in stale.iter().chain(fresh.iter().map(|(n, _)| *n)) {
        writer.delete_term(Term::from_field_text(fields.file, name));
    }
    let work: Vec<(usize, &str)> = fresh
        .iter()
        .flat_map(|(name, (_, records))| records.iter().map(|&r| (r, name.as_str())))
        .filter(|&(r, _)| store.records[r].has_full_text())
        .collect();
    // A commit made on the way is searched with the languages the records declare.
    let mut declared = manifest.langs.clone();
    for &(record, _) in &work {
        for text in &store.records[record].texts {
            if let Some((code, _)) = stemmer_for(&text.lang) {
                declared.insert(code.to_string());
            }
        }
    }
    let writer = RwLock::new(writer);
    let batch = Batch {
        index,
        writer: &writer,
        fields,
        langs: &declared,
    };
    let langs = index_records(store, &batch, &work, threads, progress)?;
    let mut writer = writer.into_inner().map_err(|_| FullTextError::Worker)?;
    writer.commit()?;
    // One segment: a search opens one segment's files, not each segment's, and looks
    // each term up once (`carrel grep` for a word in 100,000 records: 6.0 to 4.2 ms,
    // the whole process; the merge took 2 s after a 15 s build). What is committed is
    // searchable whether or not the merge is done: a failed one costs only that time.
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        let _ = writer.merge(&segments).wait();
        let _ = writer.garbage_collect_files().wait();
    }
    writer.wait_merging_threads()?;
    for name in &stale {
        manifest.groups.remove(name);
    }
    for (name, (state, _)) in fresh {
        manifest.groups.insert(name.clone(), *state);
    }
    manifest.langs.extend(langs);
    manifest.format = FORMAT;
    result.indexed = work.len();
    Ok((manifest, result))
}

/// The index being written, shared by the indexing threads (which add documents under
/// the read lock) and the calling thread (which commits under the write lock).
struct Batch<'a> {
    index: &'a Index,
    writer: &'a RwLock<IndexWriter<TantivyDocument>>,
    fields: Fields,
    langs: &'a BTreeSet<String>,
}

impl Batch<'_> {
    /// Commits what is indexed so far when the caller wants to search it.
    fn commit_if_wanted(&self, hooks: &mut dyn BuildHooks) -> Result<(), FullTextError> {
        if !hooks.wants_commit() {
            return Ok(());
        }
        self.writer
            .write()
            .map_err(|_| FullTextError::Worker)?
            .commit()?;
        hooks.committed(self.index, self.fields, self.langs);
        Ok(())
    }
}

/// Tokenises and adds `work` (record, group) on `threads` threads, reporting progress
/// (and committing when asked) from the calling thread. Returns the stemmer languages
/// met.
fn index_records(
    store: &Store,
    batch: &Batch,
    work: &[(usize, &str)],
    threads: usize,
    hooks: &mut dyn BuildHooks,
) -> Result<BTreeSet<String>, FullTextError> {
    let total = work.len();
    let fields = batch.fields;
    hooks.progress(IndexProgress {
        done: 0,
        total,
        bytes: 0,
    });
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(usize, u64)>();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let sender = sender.clone();
                let next = &next;
                scope.spawn(move || -> Result<BTreeSet<String>, FullTextError> {
                    let mut indexer = RecordIndexer::new(fields);
                    loop {
                        let from = next.fetch_add(CHUNK, Ordering::Relaxed);
                        if from >= work.len() {
                            return Ok(indexer.langs);
                        }
                        let chunk = &work[from..(from + CHUNK).min(work.len())];
                        let mut bytes = 0;
                        let writer = batch.writer.read().map_err(|_| FullTextError::Worker)?;
                        for &(record, group) in chunk {
                            if let Some(doc) = indexer.document(store, record, group, &mut bytes) {
                                writer.add_document(doc)?;
                            }
                        }
                        drop(writer);
                        let _ = sender.send((chunk.len(), bytes));
                    }
                })
            })
            .collect();
        drop(sender);
        let (mut done, mut bytes) = (0, 0);
        let mut failed = None;
        for (records, read) in receiver {
            done += records;
            bytes += read;
            hooks.progress(IndexProgress { done, total, bytes });
            if failed.is_none() && done < total {
                failed = batch.commit_if_wanted(hooks).err();
            }
        }
        if let Some(error) = failed {
            return Err(error);
        }
        let mut langs = BTreeSet::new();
        for worker in workers {
            match worker.join() {
                Ok(found) => langs.extend(found?),
                Err(_) => return Err(FullTextError::Worker),
            }
        }
        Ok(langs)
    })
}

/// Builds one record's document: its texts tagged with their languages, for the
/// tokenizer (see `tokenizer`) to cut in tantivy's threads.
struct RecordIndexer {
    fields: Fields,
    langs: BTreeSet<String>,
}

impl RecordIndexer {
    fn new(fields: Fields) -> Self {
        RecordIndexer {
            fields,
            langs: BTreeSet::new(),
        }
    }

    /// The record's document; `None` when its texts cannot be read now (the store
    /// changed on disk: its file is indexed again next time).
    fn document(
        &mut self,
        store: &Store,
        record: usize,
        group: &str,
        bytes: &mut u64,
    ) -> Option<TantivyDocument> {
        let texts = store.texts(record).ok()?;
        let meta = &store.records[record];
        let mut doc = TantivyDocument::default();
        doc.add_u64(self.fields.key, id_key(&meta.id));
        doc.add_text(self.fields.file, group);
        for text in texts.iter() {
            *bytes += text.body.len() as u64;
            if let Some((code, _)) = stemmer_for(&text.lang) {
                self.langs.insert(code.to_string());
            }
            doc.add_text(self.fields.body, tagged(&text.lang, &text.body));
        }
        doc.add_text(self.fields.title, &meta.title);
        for entity in meta.people.iter().chain(&meta.places) {
            for name in std::iter::once(&entity.name).chain(&entity.alt) {
                doc.add_text(self.fields.names, name);
            }
        }
        Some(doc)
    }
}
