//! Every string the reading room shows, in one place.

pub const ALL_RECORDS: &str = "All records";
pub const COLLECTIONS: &str = "Collections";
pub const SUMMARY: &str = "Summary";
pub const FULL_TEXT: &str = "Full text";
pub const PROVENANCE: &str = "Provenance";
pub const HELP: &str = "Keys";
/// Tab names for narrow tab bars.
pub const SUMMARY_SHORT: &str = "Sum.";
pub const FULL_TEXT_SHORT: &str = "Text";
pub const PROVENANCE_SHORT: &str = "Prov.";

pub const NO_FULL_TEXT: &str = "No full text in this store.";
/// The full text is being read back from the store (a moment at most).
pub const READING_TEXT: &str = "Reading the text…";
pub const CANNOT_READ_TEXT: &str = "Cannot read this text:";
pub const NO_SUMMARY: &str = "No summary in this store.";
pub const NO_PROVENANCE: &str = "No provenance in this store.";
pub const NO_RECORDS: &str = "No records here.";
pub const NOTHING_MATCHES: &str = "Nothing matches.";
pub const NO_RECORD_SELECTED: &str = "No record selected.";
pub const UNTITLED: &str = "(untitled)";
pub const UNDATED: &str = "undated";

/// Marks a record with no full text in the record list.
pub const NO_TEXT_MARK: &str = "○";
pub const NO_TEXT_LEGEND: &str = "○ before a title: the store has no full text for it";
pub const SELECTED_MARK: &str = "›";
/// The record list's footnote for the mark.
pub const NO_TEXT_NOTE: &str = "○ no full text";

pub const TOO_SMALL: &str = "Terminal too small";
pub const LOADING: &str = "Loading the store";
pub const CANNOT_OPEN: &str = "Cannot open the store:";
pub const QUIT_HINT: &str = "Press q to quit.";
pub const LOADER_STOPPED: &str = "the loading thread stopped";
pub const SPINNER: [&str; 4] = ["|", "/", "-", "\\"];

pub const FILTER_PROMPT: &str = "/";
pub const FILTER_LABEL: &str = "filter";
/// A filter typed before the search index is ready: it is kept and applied then.
pub const FILTER_WAITS: &str = "applies once the index is ready";
pub const FILTER_SCOPES_LATER: &str = "field scopes: carrel search for now";

// The summary pane.
pub const PEOPLE: &str = "People";
pub const PLACES: &str = "Places";
pub const SUBJECTS: &str = "Subjects";
pub const ALSO: &str = "also";

// Help overlay headings.
pub const HELP_ANYWHERE: &str = "Anywhere";
pub const HELP_LISTS: &str = "In the lists";
pub const HELP_DOCUMENT: &str = "In the document";
pub const HELP_ACROSS: &str = "In a view across documents (L a I T)";
pub const HELP_OVERLAY: &str = "In this help";
pub const HELP_FILTER: &str = "In the filter line";
pub const HELP_MOUSE: &str =
    "Mouse: the wheel scrolls the pane under the pointer; a click selects.";

/// What each key does, as the help overlay says it.
pub mod keys {
    pub const NAMES: &str = "in the summary: records naming the same";
    pub const LINKS: &str = "the record's links and backlinks";
    pub const NEIGHBOURS: &str = "the records held beside it in the archive";
    pub const INDEXES: &str = "indexes of the list: people, places, types…";
    pub const TIMELINE: &str = "the list's timeline, year by year";
    pub const PARALLEL: &str = "original and translation side by side";
    pub const PARALLEL_SIDE: &str = "the other text, one at a time";
    pub const JUMP_BACK: &str = "back to where you were";
    pub const JUMP_FORWARD: &str = "forward again";
    pub const ACROSS_OPEN: &str = "follow, or narrow the list to it";
    pub const ACROSS_CLOSE: &str = "close the view";
    pub const ACROSS_SPAN: &str = "in the timeline: start or drop a span of bars";
    pub const QUIT: &str = "quit";
    pub const SUSPEND: &str = "suspend to the shell (fg comes back)";
    pub const HELP: &str = "show or hide this help";
    pub const CLOSE_HELP: &str = "close this help";
    pub const DOWN: &str = "next item, or scroll down";
    pub const UP: &str = "previous item, or scroll up";
    pub const TOP: &str = "first item, or top of the text";
    pub const BOTTOM: &str = "last item, or end of the text";
    pub const PAGE_DOWN: &str = "one page down";
    pub const PAGE_UP: &str = "one page up";
    pub const HALF_DOWN: &str = "half a page down";
    pub const HALF_UP: &str = "half a page up";
    pub const FOCUS_NEXT: &str = "focus collections, records, document in turn";
    pub const FOCUS_PREV: &str = "the same, backwards";
    pub const FOCUS_LEFT: &str = "pane to the left";
    pub const FOCUS_RIGHT: &str = "pane to the right";
    pub const OPEN: &str = "open the selected collection or record";
    pub const BACK_LIST: &str = "back: clear the filter, then collections";
    pub const BACK_DOCUMENT: &str = "back to the list";
    pub const SUMMARY: &str = "show the summary";
    pub const FULL_TEXT: &str = "show the full text";
    pub const PROVENANCE: &str = "show the provenance";
    pub const PREV_RECORD: &str = "previous record, staying in the document";
    pub const NEXT_RECORD: &str = "next record, staying in the document";
    pub const FILTER: &str = "filter the record list as you type";
    pub const FILTER_ACCEPT: &str = "keep the filter and go to the list";
    pub const FILTER_CANCEL: &str = "clear the filter and go back";
    pub const FILTER_MOVE: &str = "move in the record list while typing";
    pub const FILTER_EDIT: &str = "delete a letter / a word / everything";
}

/// Short key hints for the status line.
pub mod hints {
    pub const OPEN: &str = "open";
    pub const FILTER: &str = "filter";
    pub const HELP: &str = "help";
    pub const QUIT: &str = "quit";
    pub const BACK: &str = "back";
    pub const PANES: &str = "panes";
    pub const RECORDS: &str = "records";
    pub const CLOSE: &str = "close";
    /// The filter line's own hints (its keys are text, not in the keymap).
    pub const FILTER_KEYS: &str = "Enter keep  Esc clear";
}

/// "3 of 10": the selected record's place in the list.
pub fn position(index: usize, count: usize) -> String {
    format!("{} of {count}", index + 1)
}

/// "4 of 19 match".
pub fn matches(found: usize, of: usize) -> String {
    format!("{found} of {of} match")
}

/// "line 12 of 340".
pub fn line_of(line: usize, count: usize) -> String {
    format!("line {line} of {count}")
}

/// "(need at least 40x8)".
pub fn need_size(width: u16, height: u16) -> String {
    format!("(need at least {width}x{height})")
}

/// The load problems, unobtrusively: "3 records could not be read: see `carrel check`".
pub fn problems(errors: usize, warnings: usize) -> Option<String> {
    match (errors, warnings) {
        (0, 0) => None,
        (1, _) => Some("1 record could not be read: see `carrel check`".to_string()),
        (0, 1) => Some("1 warning: see `carrel check`".to_string()),
        (0, n) => Some(format!("{n} warnings: see `carrel check`")),
        (n, _) => Some(format!("{n} records could not be read: see `carrel check`")),
    }
}

/// "English translation": the text the full-text pane shows.
pub fn text_label(language: &str, role: &str) -> String {
    format!("{language} {role}")
}

/// The views across documents (links, neighbours, indexes, timeline).
pub mod across {
    pub const LINKS: &str = "Links";
    pub const BACKLINKS: &str = "Backlinks";
    pub const NEIGHBOURS: &str = "Archival neighbours";
    pub const INDEXES: &str = "Indexes";
    pub const NAMES: &str = "Named in this record";
    pub const TIMELINE: &str = "Timeline";
    pub const NO_LINKS: &str = "This record links to no other.";
    pub const NO_BACKLINKS: &str = "No record links to this one.";
    pub const GATHERING: &str = "Gathering the store's links and shelves…";
    pub const NO_NEIGHBOURS: &str = "No other record is held beside this one.";
    pub const NO_PLACE: &str = "This record says nothing of where it is held.";
    pub const NOT_HELD: &str = "not in this store";
    pub const NO_RECORD: &str = "No record is shown.";
    pub const EMPTY_INDEX: &str = "none";
    pub const NO_DATES: &str = "No record of the list has a date.";
    pub const NO_NAMES: &str = "This record names no person, place or subject.";
    pub const TIMELINE_KEYS: &str = "h l bar  v span  Enter narrow  Esc close";
    pub const LIST_KEYS: &str = "j k move  Enter open  Esc close";
    pub const SPAN: &str = "a span: h l to widen, v to drop";

    pub const PARALLEL: &str = "parallel";
    pub const ORIGINAL: &str = "original";
    pub const TRANSLATION: &str = "translation";
    pub const OTHER_SIDE: &str = "P the other";
    pub const NOT_PARALLEL: &str = "This record has no original beside its translation.";

    pub fn translated_by(names: &str) -> String {
        format!(", tr. {names}")
    }

    pub fn paragraphs_differ(original: usize, translation: usize) -> String {
        format!(
            "{original} paragraphs in the original, {translation} in the translation: not paired, scrolled in proportion"
        )
    }

    /// The document's header: "2 links, 1 backlink (L)".
    pub fn link_counts(out: usize, back: usize) -> String {
        let plural = |n: usize, word: &str| match n {
            1 => format!("1 {word}"),
            n => format!("{n} {word}s"),
        };
        format!("{}, {} (L)", plural(out, "link"), plural(back, "backlink"))
    }

    pub fn more_in(count: usize, place: &str) -> String {
        format!("{count} more in {place}")
    }

    pub fn undated(count: usize) -> String {
        match count {
            1 => "1 undated record (not in the chart)".to_string(),
            n => format!("{n} undated records (not in the chart)"),
        }
    }

    pub fn dated(count: usize, from: i32, to: i32) -> String {
        format!("{count} dated, {from}–{to}")
    }

    pub fn bar(from: i32, to: i32, count: usize) -> String {
        let years = if from == to {
            from.to_string()
        } else {
            format!("{from}–{to}")
        };
        match count {
            1 => format!("{years}: 1 record"),
            n => format!("{years}: {n} records"),
        }
    }
}
