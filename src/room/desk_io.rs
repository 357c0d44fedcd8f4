//! The desk's side of the event loop: opens the user's database once the store is
//! there, hands the reading room a snapshot of it, writes the changes the room
//! queues (each a millisecond or so: done inline, in order), and runs the note's
//! editor with the terminal handed over. Nothing here loses the user's data: a
//! desk that cannot open is said in the status line and the room goes on without
//! it (or read-only).

use std::collections::HashMap;
use std::path::Path;

use crate::desk::{self, Desk, editor};
use crate::store::{AppDirs, Store};
use crate::tui::desk_state::{DeskMessage, DeskSnapshot, DeskWrite, RECENT};

/// The desk of the store open, once opened.
#[derive(Default)]
pub struct DeskIo {
    desk: Option<Desk>,
    tried: bool,
}

impl DeskIo {
    /// Opens the desk for `store` the first time this is called.
    pub fn open(
        &mut self,
        store: &Store,
        path: Option<&Path>,
        dirs: Option<&AppDirs>,
    ) -> Option<DeskMessage> {
        if std::mem::replace(&mut self.tried, true) {
            return None;
        }
        let key = desk::store_key(&store.archive, path);
        let desk = match Desk::open_default(dirs, key) {
            Ok(desk) => desk,
            Err(e) => return Some(DeskMessage::Unavailable(e.to_string())),
        };
        let message = match snapshot(&desk) {
            Ok(snapshot) => DeskMessage::Opened(Box::new(snapshot)),
            Err(e) => DeskMessage::Unavailable(e.to_string()),
        };
        self.desk = Some(desk);
        Some(message)
    }

    /// Writes one change; what went wrong comes back to be said.
    pub fn perform(&self, write: DeskWrite) -> Option<DeskMessage> {
        let desk = self.desk.as_ref()?;
        let done = match write {
            DeskWrite::Mark { record, on } => desk.set_marked(&record, on),
            DeskWrite::Tags { record, tags } => desk.set_tags(&record, &tags),
            DeskWrite::Visit(record) => desk.record_visit(&record),
            DeskWrite::Position { record, offset } => desk.save_position(&record, offset),
            DeskWrite::Quote {
                record,
                passage,
                citation,
            } => desk.add_quotation(&record, &passage, &citation).map(drop),
            DeskWrite::SaveSearch { name, query } => desk.save_search(&name, &query),
            DeskWrite::RenameSearch { old, new } => desk.rename_search(&old, &new),
            DeskWrite::RemoveSearch(name) => desk.delete_search(&name),
            DeskWrite::PushQuery(query) => desk.push_query(&query),
            DeskWrite::PushFind(query) => desk.push_find(&query),
        };
        // A read-only desk was said once when it opened and again on the change.
        match done {
            Ok(()) | Err(desk::DeskError::ReadOnly { .. }) => None,
            Err(e) => Some(DeskMessage::WriteFailed(e.to_string())),
        }
    }

    /// Runs the editor on the record's note; the caller has handed the terminal over.
    pub fn edit(&self, record: &str, title: &str, temp: &Path) -> DeskMessage {
        let result = match &self.desk {
            None => Err(crate::strings::desk::NO_DESK.to_string()),
            Some(desk) => match editor::editor_from_env() {
                Err(editor::EditError::NoEditor) => {
                    Err(crate::strings::desk::NO_EDITOR.to_string())
                }
                Err(e) => Err(e.to_string()),
                Ok(command) => editor::edit_note(desk, &command, record, title, temp)
                    .map_err(|e| e.to_string())
                    .and_then(|_| desk.note(record).map_err(|e| e.to_string())),
            },
        };
        DeskMessage::NoteEdited {
            record: record.to_string(),
            result,
        }
    }
}

/// Everything the reading room shows of the desk, read once.
fn snapshot(desk: &Desk) -> desk::Result<DeskSnapshot> {
    let mut quotations: HashMap<String, Vec<desk::Quotation>> = HashMap::new();
    for quotation in desk.all_quotations()? {
        quotations
            .entry(quotation.record.clone())
            .or_default()
            .push(quotation);
    }
    for list in quotations.values_mut() {
        list.sort_by_key(|q| q.id);
    }
    Ok(DeskSnapshot {
        annotations: desk.annotations()?,
        notes: desk
            .notes()?
            .into_iter()
            .map(|n| (n.record, n.body))
            .collect(),
        quotations,
        recent: desk.recent(RECENT)?.into_iter().map(|v| v.record).collect(),
        saved: desk.saved_searches()?,
        query_history: desk.query_history(desk::QUERY_HISTORY_SIZE)?,
        find_history: desk.find_history(desk::QUERY_HISTORY_SIZE)?,
        positions: desk.positions()?,
        last_open: desk.last_open()?,
        read_only: match desk.mode() {
            desk::Mode::ReadOnly(why) => Some(why.clone()),
            _ => None,
        },
        notice: desk.notice().map(str::to_string),
    })
}
