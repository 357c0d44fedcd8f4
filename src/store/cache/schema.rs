//! The store's types in the cache's encoding. Every struct is taken apart field by
//! field with an exhaustive pattern, so a field added to the schema and forgotten here
//! fails to compile rather than vanishing from cached stores.

use std::path::Path;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::codec::{Code, Corrupt, Decoded, Reader, SharedValues, Writer};
use crate::store::edtf::Edtf;
use crate::store::julian::Calendar;
use crate::store::schema::{
    Bodies, Collection, DigitalSource, Locator, NamedEntity, Provenance, Record, RecordDate,
    Related, Repository, Rights, RightsStatus, Text, TextRole, TextsAt,
};
use crate::store::{Problem, Severity};

impl Code for Edtf {
    fn put(&self, w: &mut Writer) {
        w.raw(self.as_str().as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        Edtf::parse(r.str()?).map_err(|_| Corrupt)
    }
}

/// A code for each variant of a field-less enum, in both directions.
macro_rules! small_enum {
    ($ty:ty, $($variant:path = $code:literal),+ $(,)?) => {
        impl Code for $ty {
            fn put(&self, w: &mut Writer) {
                w.u8(match self { $($variant => $code),+ });
            }
            fn get(r: &mut Reader<'_>) -> Decoded<Self> {
                match r.u8()? { $($code => Ok($variant),)+ _ => Err(Corrupt) }
            }
        }
    };
}

small_enum!(
    TextRole,
    TextRole::Original = 0,
    TextRole::Translation = 1,
    TextRole::Transcript = 2
);
small_enum!(
    RightsStatus,
    RightsStatus::PublicDomain = 0,
    RightsStatus::OpenLicense = 1,
    RightsStatus::SeeStatement = 2,
    RightsStatus::Unknown = 3,
);
small_enum!(Severity, Severity::Error = 0, Severity::Warning = 1);

/// A struct whose fields all have codes, written in the order given.
macro_rules! plain_struct {
    ($ty:ident { $($field:ident),+ $(,)? }) => {
        impl Code for $ty {
            fn put(&self, w: &mut Writer) {
                let $ty { $($field),+ } = self;
                $(w.put($field);)+
            }
            fn get(r: &mut Reader<'_>) -> Decoded<Self> {
                Ok($ty { $($field: r.get()?),+ })
            }
            fn skip(r: &mut Reader<'_>) -> Decoded<()> {
                $(skip_field(r, |value: &$ty| &value.$field)?;)+
                Ok(())
            }
        }
    };
}

/// Skips a value of the type of the field `field` reads (the closure only names it).
fn skip_field<S, T: Code>(r: &mut Reader<'_>, _field: impl Fn(&S) -> &T) -> Decoded<()> {
    T::skip(r)
}

small_enum!(Calendar, Calendar::Gregorian = 0, Calendar::Julian = 1);

// The Gregorian form of a Julian date is worked out again on decoding, not stored.
impl Code for RecordDate {
    fn put(&self, w: &mut Writer) {
        w.put(&self.edtf);
        w.put(&self.display);
        w.put(&self.calendar);
    }
    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        let (edtf, display, calendar) = (r.get()?, r.get()?, r.get()?);
        Ok(RecordDate::settled(edtf, display, calendar))
    }
    fn skip(r: &mut Reader<'_>) -> Decoded<()> {
        <Option<Edtf>>::skip(r)?;
        <Option<String>>::skip(r)?;
        <Option<Calendar>>::skip(r)
    }
}
plain_struct!(NamedEntity { name, role, alt });
plain_struct!(Text {
    lang,
    role,
    translators,
    body
});
plain_struct!(Repository { abbr, name, place });
plain_struct!(DigitalSource {
    name,
    publisher,
    url,
    record_id,
    uploaded
});
plain_struct!(Rights {
    status,
    license,
    statement
});
plain_struct!(Related { id, rel });
plain_struct!(Provenance {
    citation,
    repository,
    locator,
    classification,
    contributed_by,
    translated_by,
    funders,
    digital,
    notes,
});
plain_struct!(Collection {
    id,
    title,
    short_description,
    description,
    parent,
    date,
    record_ids,
    total,
});
plain_struct!(Problem {
    severity,
    file,
    line,
    column,
    id,
    field,
    message
});

impl Code for Locator {
    fn put(&self, w: &mut Writer) {
        match self {
            Locator::FondOpisDelo {
                fond,
                opis,
                delo,
                folios,
            } => {
                w.u8(0);
                w.put(fond);
                w.put(opis);
                w.put(delo);
                w.put(folios);
            }
            Locator::BoxFolder { r#box, folder } => {
                w.u8(1);
                w.put(r#box);
                w.put(folder);
            }
            Locator::VolumePage { volume, page } => {
                w.u8(2);
                w.put(volume);
                w.put(page);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        Ok(match r.u8()? {
            0 => Locator::FondOpisDelo {
                fond: r.get()?,
                opis: r.get()?,
                delo: r.get()?,
                folios: r.get()?,
            },
            1 => Locator::BoxFolder {
                r#box: r.get()?,
                folder: r.get()?,
            },
            2 => Locator::VolumePage {
                volume: r.get()?,
                page: r.get()?,
            },
            _ => return Err(Corrupt),
        })
    }
}

/// Source-specific fields are rare and free-form: kept as their JSON.
struct Extra<'a>(&'a Map<String, Value>);

impl Extra<'_> {
    fn put(&self, w: &mut Writer) {
        if self.0.is_empty() {
            w.raw(b"");
        } else {
            w.raw(serde_json::to_string(self.0).unwrap_or_default().as_bytes());
        }
    }

    fn get(r: &mut Reader<'_>) -> Decoded<Map<String, Value>> {
        match r.raw()? {
            b"" => Ok(Map::new()),
            json => serde_json::from_slice(json).map_err(|_| Corrupt),
        }
    }
}

/// The store files that records' bodies were left in, by number.
#[derive(Debug, Default)]
pub(crate) struct Files {
    pub paths: Vec<Arc<Path>>,
}

impl Files {
    fn number(&mut self, file: &Arc<Path>) -> usize {
        // Records of one file come together: the last file is nearly always the one.
        match self
            .paths
            .iter()
            .rposition(|p| Arc::ptr_eq(p, file) || p == file)
        {
            Some(index) => index,
            None => {
                self.paths.push(Arc::clone(file));
                self.paths.len() - 1
            }
        }
    }
}

pub(crate) fn put_record(w: &mut Writer, record: &Record, files: &mut Files) {
    let Record {
        id,
        title,
        date,
        doc_type,
        summary,
        people,
        places,
        subjects,
        original_language,
        texts,
        provenance,
        rights,
        collections,
        related,
        extra,
        bodies,
    } = record;
    w.put(id);
    w.put(title);
    w.put(date);
    w.put(doc_type);
    w.put(summary);
    w.put(people);
    w.put(places);
    w.put(subjects);
    w.put(original_language);
    w.put(texts);
    w.put(provenance);
    w.put(rights);
    w.put(collections);
    w.put(related);
    Extra(extra).put(w);
    match bodies {
        Bodies::Inline => w.u8(0),
        Bodies::OnDisk(TextsAt {
            file,
            offset,
            len,
            has_full_text,
        }) => {
            w.u8(1);
            w.usize(files.number(file));
            w.u64(*offset);
            w.u64(*len);
            w.put(has_full_text);
        }
    }
}

/// The values records decoded one after another share (see `crate::store::share`).
#[derive(Default)]
pub(crate) struct Alike {
    entities: SharedValues<NamedEntity>,
    repositories: SharedValues<Repository>,
    rights: SharedValues<Rights>,
}

/// A list of values shared with `values`, coded as `Vec<T>` is.
fn shared_list<T: Code>(r: &mut Reader<'_>, values: &mut SharedValues<T>) -> Decoded<Vec<Arc<T>>> {
    let count = r.count()?;
    let mut list = Vec::with_capacity(count);
    for _ in 0..count {
        list.push(r.shared(values)?);
    }
    Ok(list)
}

/// An optional value shared with `values`, coded as `Option<T>` is.
fn shared_option<T: Code>(
    r: &mut Reader<'_>,
    values: &mut SharedValues<T>,
) -> Decoded<Option<Arc<T>>> {
    match r.u8()? {
        0 => Ok(None),
        1 => r.shared(values).map(Some),
        _ => Err(Corrupt),
    }
}

/// A record's provenance, coded as `Option<Box<Provenance>>` is (`plain_struct!`
/// above: the same fields in the same order), its holding archive shared.
fn get_provenance(r: &mut Reader<'_>, alike: &mut Alike) -> Decoded<Option<Box<Provenance>>> {
    match r.u8()? {
        0 => Ok(None),
        1 => Ok(Some(Box::new(Provenance {
            citation: r.get()?,
            repository: shared_option(r, &mut alike.repositories)?,
            locator: r.get()?,
            classification: r.get()?,
            contributed_by: r.get()?,
            translated_by: r.get()?,
            funders: r.get()?,
            digital: r.get()?,
            notes: r.get()?,
        }))),
        _ => Err(Corrupt),
    }
}

/// A record, sharing with the records decoded before with `alike` the people,
/// places, archives and rights they hold alike.
pub(crate) fn get_record(
    r: &mut Reader<'_>,
    files: &[Arc<Path>],
    alike: &mut Alike,
) -> Decoded<Record> {
    Ok(Record {
        id: r.get()?,
        title: r.get()?,
        date: r.get()?,
        doc_type: r.get()?,
        summary: r.get()?,
        people: shared_list(r, &mut alike.entities)?,
        places: shared_list(r, &mut alike.entities)?,
        subjects: r.get()?,
        original_language: r.get()?,
        texts: r.get()?,
        provenance: get_provenance(r, alike)?,
        rights: shared_option(r, &mut alike.rights)?,
        collections: r.get()?,
        related: r.get()?,
        extra: Extra::get(r)?,
        bodies: match r.u8()? {
            0 => Bodies::Inline,
            1 => Bodies::OnDisk(TextsAt {
                file: files.get(r.usize()?).cloned().ok_or(Corrupt)?,
                offset: r.u64()?,
                len: r.u64()?,
                has_full_text: r.get()?,
            }),
            _ => return Err(Corrupt),
        },
    })
}
