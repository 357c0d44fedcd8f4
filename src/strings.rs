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
pub const FILTER_SCOPES_LATER: &str = "field scopes apply once the store is loaded";

// The summary pane.
pub const PEOPLE: &str = "People";
pub const PLACES: &str = "Places";
pub const SUBJECTS: &str = "Subjects";
pub const ALSO: &str = "also";

// Help overlay headings.
pub const HELP_ANYWHERE: &str = "Anywhere";
pub const HELP_LISTS: &str = "In the lists";
pub const HELP_DOCUMENT: &str = "In the document";
pub const HELP_SUMMARY: &str = "In the summary";
pub const HELP_ACROSS: &str = "In a view across documents (L a I T)";
pub const HELP_OVERLAY: &str = "In this help";
pub const HELP_FILTER: &str = "In the filter line";
pub const HELP_OSC52: &str = "y copies by OSC 52, over SSH too; in tmux: set -g set-clipboard on";
pub const HELP_MOUSE: &str =
    "Mouse: the wheel scrolls the pane under the pointer; a click selects.";

/// What each key does, as the help overlay says it.
pub mod keys {
    pub const NAMES: &str =
        "on a name: every record naming it; on a link: follow it; else all the names";
    pub const NEXT_STOP: &str = "the next name or link (after the last: the next pane)";
    pub const PREV_STOP: &str = "the previous name or link";
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
    pub const REOPEN: &str = "open the store again (once it changed on disk)";
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
    pub const FILTER_MOVE: &str = "earlier / later queries (kept across runs)";
    pub const FILTER_EDIT: &str = "delete a letter / a word / everything";
    pub const MARK: &str = "mark or unmark the record (★ in the list)";
    pub const TAG: &str = "add or remove tags (Tab completes)";
    pub const NOTE: &str = "edit the record's note in $VISUAL or $EDITOR";
    pub const SELECT: &str = "select lines to quote (j k extend, y copies)";
    pub const COPY_CITATION: &str = "copy the citation (Chicago note) by OSC 52";
    pub const COPY_CITATION_AS: &str = "copy the citation in a style you choose";
    pub const SAVE_SEARCH: &str = "save the current query under a name";
    pub const RENAME_SEARCH: &str = "rename the saved search chosen in the collections";
    pub const REMOVE_SEARCH: &str = "remove the saved search chosen (asks first)";
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
    pub const FIND: &str = "find";
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

/// The load problems, unobtrusively: "3 records could not be read: see `carrel check`";
/// a problem in the store's own files (`archive.json`, `collections.json`) is named
/// as that file's, not counted as a record's.
pub fn problems(record_errors: usize, store_files: &[&str], warnings: usize) -> Option<String> {
    let mut parts = Vec::new();
    match record_errors {
        0 => {}
        1 => parts.push("1 record could not be read".to_string()),
        n => parts.push(format!("{n} records could not be read")),
    }
    if !store_files.is_empty() {
        parts.push(format!("problems in {}", store_files.join(", ")));
    }
    if parts.is_empty() {
        match warnings {
            0 => {}
            1 => parts.push("1 warning".to_string()),
            n => parts.push(format!("{n} warnings")),
        }
    }
    (!parts.is_empty()).then(|| format!("{}: see `carrel check`", parts.join(" · ")))
}

/// "English translation": the text the full-text pane shows.
pub fn text_label(language: &str, role: &str) -> String {
    format!("{language} {role}")
}

/// A query that cannot be read as written, pointing at the place: "date:19x4..: not a date: 19x4".
pub fn syntax_error(error: &crate::search::SyntaxError) -> String {
    error.message.clone()
}

// The reading room's full-text mode and find in the document.

/// The keymap's descriptions of the full-text keys.
pub mod fulltext_keys {
    pub const TOGGLE: &str = "filter: switch between titles and full text";
    pub const FIND: &str = "find in the shown text as you type";
    pub const NEXT_HIT: &str = "next hit in the text";
    pub const PREV_HIT: &str = "previous hit in the text";
    pub const SORT: &str = "sort the record list: date, title, relevance";
    pub const FIND_ACCEPT: &str = "keep the hits, read on (n N step)";
    pub const FIND_CANCEL: &str = "back to reading where you were";
    pub const FIND_HISTORY: &str = "earlier / later finds of this session";
}

/// The help's heading for the find line's keys.
pub const HELP_FIND: &str = "In the find line (/ in the document)";
/// The filter line's name for full-text mode.
pub const FULL_TEXT_MODE: &str = "full text";
/// The filter line's name for the short fields, where Ctrl-f goes back to.
pub const TITLES_MODE: &str = "titles";
/// The filter line's prompt in full-text mode.
pub const FULL_TEXT_PROMPT: &str = "/text: ";
/// Where a find ends and starts again at the other end.
pub const FIND_WRAPPED: &str = "wrapped";
/// Find in the document's prompt, in the pane's border.
pub const FIND_PROMPT: &str = "find: ";
/// The full-text index could not be opened or built.
pub const INDEX_FAILED: &str = "full text unavailable:";

/// "indexing texts 34%".
pub fn indexing(percent: u8) -> String {
    format!("indexing texts {percent}%")
}

/// "14 in texts": records whose texts hold the words.
pub fn in_texts(count: usize) -> String {
    format!("{count} in texts")
}

/// "14 in texts so far · indexing 34%": counted on the texts indexed so far.
pub fn in_texts_so_far(count: usize, indexing: Option<u8>) -> String {
    match indexing {
        Some(percent) => format!("{count} in texts so far · indexing {percent}%"),
        None => format!("{count} in texts so far"),
    }
}

/// "0 in titles · 14 in texts: Ctrl-f": the short fields found nothing, the texts did.
pub fn titles_and_texts(titles: usize, texts: &str, key: &str) -> String {
    format!("{titles} in titles · {texts}: {key}")
}

/// Full text asked for while the texts are indexed: "texts: indexing texts 34%".
pub fn texts_waiting(percent: u8) -> String {
    format!("texts: {}", indexing(percent))
}

/// "hit 3 of 11": where `n` / `N` are in the text's hits.
pub fn hit_of(hit: usize, count: usize) -> String {
    format!("hit {hit} of {count}")
}

/// "3 of 11": where find in the document is.
pub fn find_of(hit: usize, count: usize) -> String {
    format!("{hit} of {count}")
}

/// "sorted by title".
pub fn sorted_by(what: &str) -> String {
    format!("by {what}")
}

/// The record list's sorts, as its title names them.
pub const SORT_DATE: &str = "date";
pub const SORT_TITLE: &str = "title";
/// What the reading room says about the desk (marks, notes, citations).
pub mod desk {
    pub const NO_DESK: &str = "no desk: marks and notes cannot be kept this time";
    pub const NOT_SAVED: &str = "not saved";
    pub const NOT_YET: &str = "the desk opens once the store has loaded: try again in a moment";
    pub const MARKED: &str = "Marked";
    pub const UNMARKED: &str = "Unmarked";
    pub const MARKED_ENTRY: &str = "Marked";
    pub const RECENT_ENTRY: &str = "Recent";
    pub const SAVED_MARK: &str = "Search:";
    pub const MARK: &str = "★";
    pub const NOTE_SAVED: &str = "Note saved";
    pub const NOTE_NONE: &str = "No note (an empty note is removed)";
    pub const NOTE_HEADING: &str = "Note";
    pub const NO_NOTE: &str = "No note yet (e writes one)";
    pub const QUOTATIONS_HEADING: &str = "Quotations";
    pub const DESK_LABEL: &str = "Desk";
    pub const QUOTATION: &str = "the passage with its Chicago note";
    pub const NOTHING_TO_SAVE: &str = "type a query first (/), then S saves it";
    pub const SELECT_IN_TEXT: &str = "v selects lines of the full text: 2 shows it";
    pub const SELECTING: &str =
        "Selecting: j k extend, y copies and keeps the quotation, Esc stops";
    pub const STYLE_TITLE: &str = "Copy the citation as";
    pub const STYLE_HINT: &str = "a number copies it; Esc closes";
    pub const TAGS_TITLE: &str = "Tags, separated by commas";
    pub const TAGS_HINT: &str = "Tab completes, Enter keeps, Esc cancels";
    pub const SAVE_TITLE: &str = "Save the query as";
    pub const SAVE_HINT: &str = "Enter saves, Esc cancels";
    pub const RENAME_TITLE: &str = "Rename the saved search";
    pub const RENAME_HINT: &str = "Enter renames, Esc cancels";
    pub const REMOVE_TITLE: &str = "Remove the saved search?";
    pub const REMOVE_HINT: &str = "y removes it; n or Esc keeps it";
    pub const CHOOSE_SAVED: &str = "choose a saved search in the collection list first (Search: …)";
    pub const SHOWN_HINT: &str =
        "This terminal cannot take OSC 52: select the text by hand; Esc closes";
    pub const NO_EDITOR: &str =
        "no editor: set $VISUAL or $EDITOR (for example export EDITOR=nano)";

    pub fn citation(style: &str) -> String {
        format!("the citation ({style})")
    }

    pub fn copied(what: &str, first_line: &str) -> String {
        format!("Copied {what}: {first_line}")
    }

    pub fn tagged(tags: &[String]) -> String {
        if tags.is_empty() {
            "No tags".to_string()
        } else {
            format!("Tags: {}", tags.join(", "))
        }
    }

    pub fn saved(name: &str) -> String {
        format!("Saved the search as “{name}”")
    }

    pub fn renamed(old: &str, new: &str) -> String {
        format!("Renamed the search “{old}” to “{new}”")
    }

    pub fn removed(name: &str) -> String {
        format!("Removed the saved search “{name}”")
    }

    pub fn name_taken(name: &str) -> String {
        format!("a saved search is called “{name}” already")
    }
}

/// The status line once the store's files changed under the reading room.
pub const STORE_CHANGED: &str = "the store changed on disk: R opens it again";

/// The first of config.toml's problems, for the status line.
pub fn config_problems(first: &str, count: usize) -> String {
    if count > 1 {
        format!("{first} (and {} more: carrel config check)", count - 1)
    } else {
        first.to_string()
    }
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
    pub const BUILDING_INDEXES: &str = "Building the index of people, places and subjects…";
    pub const COUNTING_DATES: &str = "Counting the list's dates…";
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
    pub const NOW: &str = "Text shown";
    pub const WITH_P: &str = "P shows";
    pub const LEFT: &str = "Shown left";
    pub const RIGHT: &str = "Shown right";
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
