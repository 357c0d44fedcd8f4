//! Full texts left on disk. Bodies are most of a store's bytes and a reader reads a
//! handful of them, so a store read from disk keeps each record's metadata in memory
//! and only remembers where the record's JSON lies; its texts are parsed again from
//! there when they are read.

use std::borrow::Cow;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use super::lenient::Parsed;
use super::scan::Span;
use crate::store::StoreError;
use crate::store::schema::{Record, Text, any_full_text, reading_text_index};

/// Where the bodies of a record's texts are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Bodies {
    /// In `texts`, as read: the built-in sample, stores held in memory, and records
    /// whose texts had to be mended while loading.
    #[default]
    Inline,
    /// On disk, in the record's JSON at this place.
    OnDisk(TextsAt),
}

/// The place of a record's JSON in a store file, to read its texts back from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextsAt {
    pub file: Arc<Path>,
    /// Byte offset of the record's opening `{`.
    pub offset: u64,
    /// Byte length of the record's JSON.
    pub len: u64,
    /// Whether one of the texts has a body that is not blank.
    pub has_full_text: bool,
}

/// Leaves the bodies of a record parsed from `span` of `file` on disk. Only a record
/// parsed without a problem is set aside: then its texts parse again exactly as they
/// did, while a mended record keeps its mended texts in memory.
pub(crate) fn set_aside(parsed: &mut Parsed<Record>, file: &Arc<Path>, span: Span) {
    if !parsed.problems.is_empty() {
        return;
    }
    let Some(record) = parsed.value.as_mut() else {
        return;
    };
    if record.texts.is_empty() {
        return;
    }
    let has_full_text = any_full_text(&record.texts);
    for text in &mut record.texts {
        text.body = String::new();
    }
    record.bodies = Bodies::OnDisk(TextsAt {
        file: Arc::clone(file),
        offset: span.start as u64,
        len: (span.end - span.start) as u64,
        has_full_text,
    });
}

/// What is read back: the id, to make sure it is still the same record, and the texts.
#[derive(Deserialize)]
struct TextsOnly {
    id: String,
    #[serde(default)]
    texts: Vec<Text>,
}

impl Record {
    /// The record's texts with their bodies, read from disk when they were left there.
    ///
    /// Fails when the store file cannot be read, or has changed since the store was
    /// opened so that the record is no longer where it was: never wrong text.
    pub fn full_texts(&self) -> Result<Cow<'_, [Text]>, StoreError> {
        match &self.bodies {
            Bodies::Inline => Ok(Cow::Borrowed(&self.texts)),
            Bodies::OnDisk(at) => read_texts(self, at).map(Cow::Owned),
        }
    }

    /// The text a reader reads first ([`Record::reading_text`]), with its body.
    pub fn full_reading_text(&self) -> Result<Option<Cow<'_, Text>>, StoreError> {
        let Some(index) = reading_text_index(&self.texts) else {
            return Ok(None);
        };
        Ok(match self.full_texts()? {
            Cow::Borrowed(texts) => texts.get(index).map(Cow::Borrowed),
            Cow::Owned(mut texts) => {
                (index < texts.len()).then(|| Cow::Owned(texts.swap_remove(index)))
            }
        })
    }

    /// The record with the bodies of its texts in memory (to print it whole, as JSON).
    pub fn with_full_texts(&self) -> Result<Cow<'_, Record>, StoreError> {
        match self.full_texts()? {
            Cow::Borrowed(_) => Ok(Cow::Borrowed(self)),
            Cow::Owned(texts) => Ok(Cow::Owned(Record {
                texts,
                bodies: Bodies::Inline,
                ..self.clone()
            })),
        }
    }
}

fn read_texts(record: &Record, at: &TextsAt) -> Result<Vec<Text>, StoreError> {
    let io = |source| StoreError::Io {
        path: at.file.to_path_buf(),
        source,
    };
    let changed = || StoreError::Changed {
        path: at.file.to_path_buf(),
        id: record.id.clone(),
    };
    let len = usize::try_from(at.len).map_err(|_| changed())?;
    let mut file = crate::store::files::open_regular(&at.file).map_err(io)?;
    file.seek(SeekFrom::Start(at.offset)).map_err(io)?;
    let mut bytes = Vec::with_capacity(len);
    file.take(at.len).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() != len {
        return Err(changed());
    }
    let read: TextsOnly = serde_json::from_slice(&bytes).map_err(|_| changed())?;
    let same = read.id == record.id
        && read.texts.len() == record.texts.len()
        && read
            .texts
            .iter()
            .zip(&record.texts)
            .all(|(now, then)| now.lang == then.lang && now.role == then.role);
    if !same || any_full_text(&read.texts) != at.has_full_text {
        return Err(changed());
    }
    Ok(read.texts)
}
