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
    /// `R`: open the store again (it changed on disk), where the reader is.
    Reopen,
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
    /// Tab / Shift-Tab in the summary: the next / previous name or link (then on
    /// to the next pane, as `FocusNext` / `FocusPrev`).
    NextStop,
    PrevStop,
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
    /// Ctrl-f: the filter line searches the texts, or the short fields again.
    ToggleFullText,
    /// `/` in the document: find in the shown text.
    FindInText,
    /// `n` / `N`: the next / previous hit in the shown text.
    NextHit,
    PrevHit,
    /// `s` in the lists: the record list's next sort.
    CycleSort,
    /// The find line's keys.
    FindType(char),
    FindBackspace,
    FindAccept,
    FindCancel,
    /// `m`: mark or unmark the record.
    Mark,
    /// `t`: add or remove the record's tags.
    Tag,
    /// `e`: the record's note in $VISUAL / $EDITOR.
    EditNote,
    /// `v`: select whole lines of the full text.
    Select,
    /// `y`: copy the citation (or the selected passage with it).
    CopyCitation,
    /// `Y`: copy the citation in a style chosen.
    CopyCitationAs,
    /// `S`: save the current query under a name.
    SaveSearch,
    /// `r` / `x` in the lists: rename / remove the saved search the collection list
    /// has chosen.
    RenameSearch,
    RemoveSearch,
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
