//! What a reader can do: every key, click and resize means one [`Action`], which
//! reaches `App::update` inside a [`Message`](super::Message).

/// A pane of the reading room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Collections,
    Records,
    Summary,
    FullText,
    Provenance,
}

impl Pane {
    /// The three panes of the document, in the order `1`, `2`, `3` name them.
    pub const DOCUMENT: [Pane; 3] = [Pane::Summary, Pane::FullText, Pane::Provenance];

    pub fn is_document(self) -> bool {
        matches!(self, Pane::Summary | Pane::FullText | Pane::Provenance)
    }

    pub fn is_list(self) -> bool {
        !self.is_document()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Ctrl-z: hand the terminal back to the shell until `fg`.
    Suspend,
    ToggleHelp,
    /// Movement inside the focused pane (a list's selection or a document's scroll).
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    /// Tab / Shift-Tab: collections, records, document, round again.
    FocusNext,
    FocusPrev,
    /// `h` / `l`: one pane left or right, without wrapping.
    FocusLeft,
    FocusRight,
    /// Enter: into the selected collection or record.
    Open,
    /// Esc: back out one step.
    Back,
    /// Show and focus one pane of the document.
    Show(Pane),
    PrevRecord,
    NextRecord,
    OpenFilter,
    FilterType(char),
    FilterBackspace,
    FilterDeleteWord,
    FilterClear,
    /// Enter in the filter line: keep the filter, go to the list.
    FilterAccept,
    /// Esc in the filter line: clear the filter, go back.
    FilterCancel,
    Resize(u16, u16),
    /// The mouse wheel over the cell at `column`, `row`.
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    /// A left click on the cell at `column`, `row`.
    Click {
        column: u16,
        row: u16,
    },
    /// Reading across documents (see `tui::across_views`): the record's links and
    /// backlinks, its archival neighbours, the list's indexes, its timeline.
    Links,
    Neighbours,
    Indexes,
    Timeline,
    /// Ctrl-o / Ctrl-n: back and forward along the jump list.
    JumpBack,
    JumpForward,
    /// `v` in the timeline: start (or drop) a span of bars.
    MarkSpan,
    /// `p`: an original and its translation side by side; `P`: the other one, when
    /// there is room for one at a time.
    Parallel,
    ParallelSide,
}
