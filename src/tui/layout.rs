//! Where each pane goes: a pure function of the terminal size and a few facts of
//! the app state, shared by rendering, mouse hit-testing and the wrap cache.

use ratatui::layout::{Constraint, Layout as Split, Rect};

use super::action::Pane;

/// From this width the document shows its three panes side by side.
pub const WIDE_FROM: u16 = 150;
/// From this width the full text sits beside a stacked summary and provenance.
pub const MEDIUM_FROM: u16 = 100;
/// Below this size the reading room only says the terminal is too small.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

/// How the document is arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Summary, full text and provenance in three columns.
    Wide,
    /// Full text beside summary over provenance.
    Medium,
    /// One pane at a time under a tab bar.
    Narrow,
}

impl Mode {
    pub fn for_width(width: u16) -> Mode {
        if width >= WIDE_FROM {
            Mode::Wide
        } else if width >= MEDIUM_FROM {
            Mode::Medium
        } else {
            Mode::Narrow
        }
    }

    /// The document panes from left to right (top to bottom within a column).
    pub fn document_order(self) -> [Pane; 3] {
        match self {
            Mode::Medium => [Pane::FullText, Pane::Summary, Pane::Provenance],
            Mode::Wide | Mode::Narrow => Pane::DOCUMENT,
        }
    }
}

/// The facts of the app state that decide the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutInput {
    pub focus: Pane,
    /// The document pane shown in narrow mode.
    pub doc_pane: Pane,
    pub filter_line: bool,
    pub help: bool,
    pub collections: usize,
    /// Display width of the selected record's title: a long one takes two lines.
    pub title_width: usize,
}

/// The rectangles of one frame. Panes absent from this layout are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub too_small: bool,
    pub collections: Option<Rect>,
    pub records: Option<Rect>,
    /// The document's title and date, above its panes.
    pub header: Option<Rect>,
    pub tabs: Option<Rect>,
    pub summary: Option<Rect>,
    pub full_text: Option<Rect>,
    pub provenance: Option<Rect>,
    pub filter: Option<Rect>,
    pub status: Rect,
    pub help: Option<Rect>,
}

impl Panes {
    pub fn compute(area: Rect, input: &LayoutInput) -> Panes {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Panes {
                too_small: true,
                status: area,
                ..Panes::default()
            };
        }
        let mode = Mode::for_width(area.width);
        let [main, filter, status] = Split::vertical([
            Constraint::Fill(1),
            Constraint::Length(u16::from(input.filter_line)),
            Constraint::Length(1),
        ])
        .areas(area);
        let mut panes = Panes {
            status,
            filter: input.filter_line.then_some(filter),
            help: input.help.then(|| help_area(area)),
            ..Panes::default()
        };

        let document_only = mode == Mode::Narrow && input.focus.is_document();
        let left_width = match mode {
            Mode::Wide => (area.width * 3 / 10).clamp(36, 56),
            // The lists take a little more than a third: titles need the room.
            Mode::Medium => (area.width * 3 / 8).clamp(36, 54),
            Mode::Narrow if document_only => 0,
            Mode::Narrow => area.width * 11 / 20,
        };
        let [left, document] =
            Split::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(main);
        if left_width > 0 {
            // "All records" plus each collection, in a box, but never more than a third.
            let wanted = u16::try_from(input.collections + 1)
                .unwrap_or(u16::MAX)
                .saturating_add(2);
            let most = (left.height / 3).max(3);
            let [collections, records] =
                Split::vertical([Constraint::Length(wanted.min(most)), Constraint::Fill(1)])
                    .areas(left);
            panes.collections = Some(collections);
            panes.records = Some(records);
        }

        let title_lines = if input.title_width + 2 > usize::from(document.width) {
            2
        } else {
            1
        };
        let [header, body] =
            Split::vertical([Constraint::Length(title_lines + 1), Constraint::Fill(1)])
                .areas(document);
        panes.header = Some(header);
        match mode {
            Mode::Wide => {
                let [summary, full_text, provenance] = Split::horizontal([
                    Constraint::Percentage(27),
                    Constraint::Percentage(46),
                    Constraint::Percentage(27),
                ])
                .areas(body);
                panes.summary = Some(summary);
                panes.full_text = Some(full_text);
                panes.provenance = Some(provenance);
            }
            Mode::Medium => {
                let [full_text, side] =
                    Split::horizontal([Constraint::Percentage(58), Constraint::Fill(1)])
                        .areas(body);
                let [summary, provenance] =
                    Split::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(side);
                panes.summary = Some(summary);
                panes.full_text = Some(full_text);
                panes.provenance = Some(provenance);
            }
            Mode::Narrow => {
                let [tabs, pane] =
                    Split::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
                panes.tabs = Some(tabs);
                match input.doc_pane {
                    Pane::Summary => panes.summary = Some(pane),
                    Pane::Provenance => panes.provenance = Some(pane),
                    _ => panes.full_text = Some(pane),
                }
            }
        }
        panes
    }

    /// The rectangle of a pane, when this layout shows it.
    pub fn rect(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Collections => self.collections,
            Pane::Records => self.records,
            Pane::Summary => self.summary,
            Pane::FullText => self.full_text,
            Pane::Provenance => self.provenance,
        }
    }

    /// The pane under a cell, for the mouse.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let at = ratatui::layout::Position::new(column, row);
        [
            Pane::Collections,
            Pane::Records,
            Pane::Summary,
            Pane::FullText,
            Pane::Provenance,
        ]
        .into_iter()
        .find(|&pane| self.rect(pane).is_some_and(|r| r.contains(at)))
    }

    /// The tab under a cell of the tab bar (narrow mode): the bar is cut in three equal parts.
    pub fn tab_at(&self, column: u16, row: u16) -> Option<Pane> {
        let tabs = self.tabs?;
        if row != tabs.y || column < tabs.x || column >= tabs.right() {
            return None;
        }
        let part = tabs_split(tabs)
            .iter()
            .position(|r| column >= r.x && column < r.right())?;
        Pane::DOCUMENT.get(part).copied()
    }
}

/// The three equal cells of the tab bar.
pub fn tabs_split(tabs: Rect) -> [Rect; 3] {
    Split::horizontal([
        Constraint::Ratio(1, 3),
        Constraint::Ratio(1, 3),
        Constraint::Ratio(1, 3),
    ])
    .areas(tabs)
}

/// The width text wraps to inside a pane: one column is kept free before the
/// scrollbar on the right border, so words never touch it.
pub fn reading_width(inner_width: u16) -> u16 {
    inner_width.saturating_sub(1).max(1)
}

/// The inside of a bordered pane.
pub fn inner(rect: Rect) -> Rect {
    rect.inner(ratatui::layout::Margin::new(1, 1))
}

fn help_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
