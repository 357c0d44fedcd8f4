//! Making the views: each is laid out once, when it opens, from the store and
//! the list as they are then.

use std::collections::HashSet;
use std::sync::Arc;

use super::{
    AcrossView, Item, ListView, Narrow, Pending, Target, TimelineView, ViewKind, WholeIndexes,
};
use crate::across::{Entry, IndexKind, Level, index, timeline};
use crate::store::Store;
use crate::strings::{self, across as words};
use crate::text::sanitize_line;
use crate::tui::app::App;
use crate::tui::listing::compact_date;
use crate::tui::view::{Role, Span};

/// `1945-10-05 Title` for a record, as the lists show it.
fn record_spans(store: &Store, record: usize) -> Vec<Span<'static>> {
    let Some(r) = store.records.get(record) else {
        return Vec::new();
    };
    let date = compact_date(r).map_or(strings::UNDATED.to_string(), |d| {
        sanitize_line(d).into_owned()
    });
    let title = if r.title.trim().is_empty() {
        strings::UNTITLED.to_string()
    } else {
        sanitize_line(&r.title).into_owned()
    };
    vec![
        Span::new(format!("{date} "), Role::Label),
        Span::new(title, Role::Body),
    ]
}

/// `Title (1945-10-05)` for a record, as the summary's links show it.
pub(super) fn record_label(store: &Store, record: usize) -> String {
    let Some(r) = store.records.get(record) else {
        return String::new();
    };
    let title = if r.title.trim().is_empty() {
        strings::UNTITLED.to_string()
    } else {
        sanitize_line(&r.title).into_owned()
    };
    match compact_date(r) {
        Some(date) => format!("{title} ({})", sanitize_line(date)),
        None => format!("{title} ({})", strings::UNDATED),
    }
}

fn kind_heading(kind: IndexKind) -> &'static str {
    match kind {
        IndexKind::People => strings::PEOPLE,
        IndexKind::Places => strings::PLACES,
        IndexKind::Subjects => strings::SUBJECTS,
        IndexKind::Types => "Types",
        IndexKind::Archives => "Archives",
    }
}

/// The query text that names an entry: `person:"Lavrentiy Beria"`.
fn scope(kind: IndexKind, name: &str) -> String {
    let name: String = name.chars().filter(|c| *c != '"').collect();
    format!("{}:\"{}\"", kind.field(), name.trim())
}

impl App {
    fn record_title(&self, record: usize) -> String {
        self.library
            .store
            .records
            .get(record)
            .map(|r| sanitize_line(&r.title).into_owned())
            .unwrap_or_default()
    }

    pub(super) fn open_list(
        &mut self,
        kind: ViewKind,
        of: String,
        items: impl Into<Arc<[Item]>>,
        record: Option<usize>,
    ) {
        let items: Arc<[Item]> = items.into();
        let selected = items
            .iter()
            .position(|i| i.target != Target::Nothing)
            .unwrap_or(0);
        // Reopened for the same record (its links just built): the selection stays.
        let kept = match &self.across.view {
            Some(AcrossView::List(old)) if old.kind == kind && old.record == record => {
                Some((old.selected, old.top))
            }
            _ => None,
        };
        let (selected, top) = kept
            .filter(|(s, _)| items.get(*s).is_some_and(|i| i.target != Target::Nothing))
            .unwrap_or((selected, 0));
        self.across.view = Some(AcrossView::List(ListView {
            kind,
            of,
            items,
            selected,
            top,
            record,
            pending: None,
        }));
    }

    pub(crate) fn open_links(&mut self) {
        match self.shown_record {
            Some(record) => self.open_links_of(record),
            None => self.open_list(
                ViewKind::Links,
                String::new(),
                vec![Item::remark(words::NO_RECORD)],
                None,
            ),
        }
    }

    pub(crate) fn open_links_of(&mut self, record: usize) {
        let store = &self.library.store;
        let Some(shown) = store.records.get(record) else {
            return;
        };
        let mut items = vec![Item::heading(format!(
            "{} ({})",
            words::LINKS,
            shown.related.len()
        ))];
        if shown.related.is_empty() {
            items.push(Item::remark(format!("  {}", words::NO_LINKS)));
        }
        for link in &shown.related {
            let relation = sanitize_line(&link.rel).into_owned();
            let mut spans = vec![Span::new(format!("  {relation} → "), Role::Dim)];
            let target = match store.index_of(&link.id) {
                Some(to) => {
                    spans.extend(record_spans(store, to));
                    Target::Record(to)
                }
                None => {
                    spans.push(Span::new(sanitize_line(&link.id).into_owned(), Role::Body));
                    spans.push(Span::new(format!(" ({})", words::NOT_HELD), Role::Dim));
                    Target::Nothing
                }
            };
            items.push(Item::new(spans, target));
        }
        items.push(Item::blank());
        match &self.across.built {
            None => {
                items.push(Item::heading(words::BACKLINKS));
                items.push(Item::remark(format!("  {}", words::GATHERING)));
            }
            Some(built) => {
                let back: Vec<_> = built.backlinks.of(record).collect();
                items.push(Item::heading(format!(
                    "{} ({})",
                    words::BACKLINKS,
                    back.len()
                )));
                if back.is_empty() {
                    items.push(Item::remark(format!("  {}", words::NO_BACKLINKS)));
                }
                for link in back {
                    let relation = sanitize_line(link.relation).into_owned();
                    let mut spans = vec![Span::new(format!("  {relation} ← "), Role::Dim)];
                    spans.extend(record_spans(store, link.from));
                    items.push(Item::new(spans, Target::Record(link.from)));
                }
            }
        }
        let of = self.record_title(record);
        self.open_list(ViewKind::Links, of, items, Some(record));
    }

    pub(crate) fn open_neighbours(&mut self) {
        match self.shown_record {
            Some(record) => self.open_neighbours_of(record),
            None => self.open_list(
                ViewKind::Neighbours,
                String::new(),
                vec![Item::remark(words::NO_RECORD)],
                None,
            ),
        }
    }

    pub(crate) fn open_neighbours_of(&mut self, record: usize) {
        let store = &self.library.store;
        let located = store
            .records
            .get(record)
            .and_then(|r| r.provenance.as_ref())
            .is_some_and(|p| p.locator.is_some());
        let levels: Option<Vec<Level>> = self
            .across
            .built
            .as_ref()
            .map(|b| b.neighbours.of(store, record));
        let mut items = Vec::new();
        match levels {
            _ if !located => items.push(Item::remark(words::NO_PLACE)),
            None => items.push(Item::remark(words::GATHERING)),
            Some(levels) if levels.is_empty() => items.push(Item::remark(words::NO_NEIGHBOURS)),
            Some(levels) => {
                for (i, level) in levels.iter().enumerate() {
                    if i > 0 {
                        items.push(Item::blank());
                    }
                    let place = sanitize_line(&level.place).into_owned();
                    items.push(Item::heading(words::more_in(level.records.len(), &place)));
                    for &r in &level.records {
                        let mut spans = vec![Span::new("  ", Role::Body)];
                        spans.extend(record_spans(store, r));
                        items.push(Item::new(spans, Target::Record(r)));
                    }
                }
            }
        }
        let of = self.record_title(record);
        self.open_list(ViewKind::Neighbours, of, items, Some(record));
    }

    /// The list's name, for a view's title: the collection and the filter.
    pub(super) fn list_name(&self) -> String {
        let mut name = self
            .current_collection()
            .map_or(strings::ALL_RECORDS.to_string(), |c| {
                sanitize_line(&c.title).into_owned()
            });
        let query = self.filter.query.trim();
        if !query.is_empty() {
            name.push_str(&format!(" · /{}", sanitize_line(query)));
        }
        name
    }

    pub(crate) fn open_indexes(&mut self) {
        let key = self.list_key();
        let of = self.list_name();
        match &self.across.index_cache {
            Some((cached, items)) if *cached == key => {
                let items = Arc::clone(items);
                self.open_list(ViewKind::Indexes, of, items, None);
            }
            // Made on the index thread (`index_jobs`): the view says so meanwhile.
            _ => self.open_pending(
                ViewKind::Indexes,
                of,
                words::BUILDING_INDEXES,
                Pending::Indexes(key),
            ),
        }
    }

    /// Enter in the summary: the shown record's people, places and subjects, each
    /// with every record of the store that names it (spellings merged).
    pub(crate) fn open_names(&mut self) {
        let Some(record) = self.shown_record else {
            return;
        };
        if self.whole_indexes().is_some() {
            self.open_names_of(record);
        } else {
            let of = self.record_title(record);
            self.open_pending(
                ViewKind::Names,
                of,
                words::BUILDING_INDEXES,
                Pending::Names { record },
            );
        }
    }

    /// The names of `record` from the whole store's indexes, once made.
    pub(super) fn open_names_of(&mut self, record: usize) {
        let Some(whole) = self.whole_indexes().cloned() else {
            return;
        };
        let store = &self.library.store;
        let mut items = Vec::new();
        for kind in [IndexKind::People, IndexKind::Places, IndexKind::Subjects] {
            let own = index(store, &[record], kind);
            if own.is_empty() {
                continue;
            }
            let entries = whole.whole(kind).unwrap_or_default();
            if !items.is_empty() {
                items.push(Item::blank());
            }
            items.push(Item::heading(kind_heading(kind)));
            for mine in own {
                let spelt: Vec<String> = std::iter::once(mine.name).chain(mine.variants).collect();
                let Some(entry) = entry_naming(entries, record, &spelt) else {
                    continue;
                };
                let spans = vec![
                    Span::new(format!("  {:>5} ", entry.count), Role::Label),
                    Span::new(sanitize_line(&entry.name).into_owned(), Role::Body),
                ];
                items.push(Item::new(spans, Target::Narrow(name_narrow(kind, entry))));
            }
        }
        if items.is_empty() {
            items.push(Item::remark(words::NO_NAMES));
        }
        let of = self.record_title(record);
        self.open_list(ViewKind::Names, of, items, Some(record));
    }

    /// Enter on one name of the summary: the list narrows to every record naming
    /// it, spellings merged (once the whole store's indexes are made).
    pub(crate) fn open_name(&mut self, record: usize, kind: IndexKind, spellings: Vec<String>) {
        if self.whole_indexes().is_some() {
            self.narrow_to_name(record, kind, &spellings);
        } else {
            let of = self.record_title(record);
            self.open_pending(
                ViewKind::Names,
                of,
                words::BUILDING_INDEXES,
                Pending::Name {
                    record,
                    kind,
                    spellings,
                },
            );
        }
    }

    pub(super) fn narrow_to_name(&mut self, record: usize, kind: IndexKind, spellings: &[String]) {
        let narrow = self.whole_indexes().and_then(|whole| {
            let entries = whole.whole(kind)?;
            entry_naming(entries, record, spellings).map(|entry| name_narrow(kind, entry))
        });
        if let Some(narrow) = narrow {
            self.narrow_to(narrow);
        }
    }

    pub(crate) fn open_timeline(&mut self) {
        let key = self.list_key();
        match &self.across.timeline_cache {
            Some((cached, view)) if *cached == key => {
                self.across.view = Some(AcrossView::Timeline(view.clone()));
            }
            _ => {
                let of = self.list_name();
                self.open_pending(
                    ViewKind::Timeline,
                    of,
                    words::COUNTING_DATES,
                    Pending::Timeline(key),
                );
            }
        }
    }
}

/// The store's entry holding one of a record's spellings (merged across records).
fn entry_naming<'a>(entries: &'a [Entry], record: usize, spelt: &[String]) -> Option<&'a Entry> {
    let spelt: HashSet<&str> = spelt.iter().map(String::as_str).collect();
    entries.iter().find(|e| {
        e.records.contains(&record)
            && (spelt.contains(e.name.as_str())
                || e.variants.iter().any(|v| spelt.contains(v.as_str())))
    })
}

/// Narrowing to every record of the store an entry stands for.
fn name_narrow(kind: IndexKind, entry: &Entry) -> Narrow {
    Narrow {
        query: scope(kind, &entry.name),
        records: Arc::from(entry.records.clone()),
        all_records: true,
    }
}

/// The indexes of a list, narrowed from the whole store's (a pass over the
/// entries), as the `I` view lists them: made on the index thread.
pub(super) fn index_items(store: &Store, whole: &WholeIndexes, listed: &[usize]) -> Vec<Item> {
    let every = listed.len() == store.records.len();
    let listed_set: HashSet<usize> = if every {
        HashSet::new()
    } else {
        listed.iter().copied().collect()
    };
    let mut items = Vec::new();
    for kind in IndexKind::ALL {
        let entries = match whole.whole(kind) {
            Some(entries) if every => entries.to_vec(),
            Some(entries) => crate::across::narrowed(entries, &listed_set),
            None => index(store, listed, kind),
        };
        if !items.is_empty() {
            items.push(Item::blank());
        }
        items.push(Item::heading(format!(
            "{} ({})",
            kind_heading(kind),
            entries.len()
        )));
        if entries.is_empty() {
            items.push(Item::remark(format!("  {}", words::EMPTY_INDEX)));
        }
        for entry in entries {
            let mut spans = vec![
                Span::new(format!("  {:>5} ", entry.count), Role::Label),
                Span::new(sanitize_line(&entry.name).into_owned(), Role::Body),
            ];
            if !entry.variants.is_empty() {
                let variants: Vec<String> = entry
                    .variants
                    .iter()
                    .map(|v| sanitize_line(v).into_owned())
                    .collect();
                spans.push(Span::new(
                    format!(" ({} {})", strings::ALSO, variants.join(", ")),
                    Role::Dim,
                ));
            }
            let target = Target::Narrow(Narrow {
                query: scope(kind, &entry.name),
                records: Arc::from(entry.records),
                all_records: false,
            });
            items.push(Item::new(spans, target));
        }
    }
    items
}

/// The timeline of a list, as the `T` view shows it: made on the index thread.
pub(super) fn timeline_view(store: &Store, listed: &[usize], of: String) -> TimelineView {
    let chart = timeline(store, listed, None);
    let years = listed
        .iter()
        .filter_map(|&r| {
            let year = store
                .records
                .get(r)?
                .edtf()
                .and_then(crate::across::timeline::year_of)?;
            Some((year, r))
        })
        .collect();
    // The busiest bar first: where a reader most likely looks.
    let selected = chart
        .buckets
        .iter()
        .enumerate()
        .max_by_key(|(i, b)| (b.count, std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i);
    TimelineView {
        of,
        timeline: chart,
        years,
        selected,
        span_from: None,
    }
}
