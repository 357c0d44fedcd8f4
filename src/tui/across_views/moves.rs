//! Keys in a view across documents: moving, Enter (follow a record, or narrow the
//! list), `v` (a span of the timeline), Esc. Any other action closes the view and
//! does what it does elsewhere (`/` filters, `1` shows the summary...).

use std::sync::Arc;

use super::{AcrossView, Narrow, Target, TimelineView};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::update::Step;

/// The view's rows inside its border, as `ui::across_view` draws it (a title line
/// above the list in the timeline aside, the frame less the status line).
pub fn list_height(app: &App) -> usize {
    let filter = app.filter.editing || !app.filter.query.is_empty();
    usize::from(app.size.1)
        .saturating_sub(1 + usize::from(filter) + 2)
        .max(1)
}

impl App {
    pub(crate) fn update_across(&mut self, action: Action) {
        let page = list_height(self);
        let Some(view) = self.across.view.as_mut() else {
            return;
        };
        match (view, action) {
            (_, Action::Back) => self.across.view = None,
            (AcrossView::List(list), action) if Step::of(action).is_some() => {
                let step = Step::of(action).unwrap_or(Step::By(0));
                let count = list.items.len();
                let to = step.apply(list.selected, count, page);
                let down = to >= list.selected;
                let selectable = |i: usize| list.items[i].target != Target::Nothing;
                // Headings and remarks are passed over, in the way the step went.
                let found = if down {
                    (to..count)
                        .find(|&i| selectable(i))
                        .or_else(|| (0..to).rev().find(|&i| selectable(i)))
                } else {
                    (0..=to)
                        .rev()
                        .find(|&i| selectable(i))
                        .or_else(|| (to..count).find(|&i| selectable(i)))
                };
                let target = found.unwrap_or(to);
                list.selected = target;
                // Headings just above the selection come into sight with it.
                let shown_from = if matches!(step, Step::Top) { 0 } else { target };
                if shown_from < list.top {
                    list.top = shown_from;
                } else if target >= list.top + page {
                    list.top = target + 1 - page;
                }
            }
            (AcrossView::List(list), Action::Open) => {
                let target = list.items.get(list.selected).map(|i| i.target.clone());
                match target {
                    Some(Target::Record(record)) => self.follow(record),
                    Some(Target::Narrow(narrow)) => self.narrow_to(narrow),
                    _ => {}
                }
            }
            (AcrossView::Timeline(chart), action) if is_timeline_move(action) => {
                timeline_move(chart, action);
            }
            (AcrossView::Timeline(chart), Action::MarkSpan) => {
                chart.span_from = match chart.span_from {
                    Some(_) => None,
                    None => Some(chart.selected),
                };
            }
            (AcrossView::Timeline(chart), Action::Open) => {
                if let Some(narrow) = timeline_narrow(chart) {
                    self.narrow_to(narrow);
                }
            }
            (_, Action::MarkSpan) => {}
            // The wheel moves the selection; a click selects the row or bar under it
            // (the view covers the panes), a second click opens it as Enter does.
            (_, Action::Wheel { down, .. }) => {
                self.update_across(if down { Action::Down } else { Action::Up });
            }
            (_, Action::Click { column, row }) => self.click_across(column, row),
            (_, action) => {
                self.across.view = None;
                self.update_main(action);
            }
        }
    }
}

impl App {
    /// A click in the view: `column`, `row` of the frame. The view covers the frame
    /// above the filter and status lines, inside a border (see `ui::across_view`).
    fn click_across(&mut self, column: u16, row: u16) {
        let width = usize::from(self.size.0).saturating_sub(2);
        let height = list_height(self);
        let (x, y) = (usize::from(column), usize::from(row));
        if x == 0 || x > width || y == 0 || y > height {
            return;
        }
        let (x, y) = (x - 1, y - 1);
        let Some(view) = self.across.view.as_mut() else {
            return;
        };
        let again = match view {
            AcrossView::List(list) => {
                let at = list.top + y;
                if list
                    .items
                    .get(at)
                    .is_none_or(|i| i.target == Target::Nothing)
                {
                    return;
                }
                std::mem::replace(&mut list.selected, at) == at
            }
            AcrossView::Timeline(chart) => {
                // The bars take the rows between the facts line and the chosen line.
                if y == 0 || y + 1 >= height {
                    return;
                }
                let count = chart.timeline.buckets.len();
                let window = bar_window(count, width, chart.selected);
                let at = window.start + x / (window.bar_width + window.gap);
                if at >= count || at >= window.start + window.fit {
                    return;
                }
                std::mem::replace(&mut chart.selected, at) == at
            }
        };
        if again {
            self.update_across(Action::Open);
        }
    }
}

/// Where the timeline's bars go across `width` columns: as wide as they can be
/// with a gap between them, a window around the selection when even one column
/// each is too many. `ui::across_view` draws them so; a click is placed by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BarWindow {
    pub bar_width: usize,
    pub gap: usize,
    /// The first bar shown, and how many are.
    pub start: usize,
    pub fit: usize,
}

pub fn bar_window(count: usize, width: usize, selected: usize) -> BarWindow {
    let (bar_width, gap) = match width / count.max(1) {
        0 | 1 => (1, 0),
        w => ((w - 1).min(6), 1),
    };
    let fit = (width / (bar_width + gap)).max(1);
    let start = selected
        .saturating_sub(fit / 2)
        .min(count.saturating_sub(fit));
    BarWindow {
        bar_width,
        gap,
        start,
        fit,
    }
}

fn is_timeline_move(action: Action) -> bool {
    matches!(
        action,
        Action::FocusLeft
            | Action::FocusRight
            | Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::HalfPageUp
            | Action::HalfPageDown
    )
}

/// Moves the timeline's selection.
fn timeline_move(chart: &mut TimelineView, action: Action) {
    let count = chart.timeline.buckets.len();
    let last = count.saturating_sub(1);
    chart.selected = match action {
        Action::FocusLeft | Action::Up => chart.selected.saturating_sub(1),
        Action::FocusRight | Action::Down => (chart.selected + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp | Action::HalfPageUp => chart.selected.saturating_sub(10),
        Action::PageDown | Action::HalfPageDown => (chart.selected + 10).min(last),
        _ => chart.selected,
    };
}

/// The chosen bars as a narrowing: `date:1944` or `date:1944..1946`.
pub(super) fn timeline_narrow(chart: &TimelineView) -> Option<Narrow> {
    let chosen = chart.chosen();
    let from = chart.timeline.buckets.get(*chosen.start())?.from;
    let to = chart.timeline.buckets.get(*chosen.end())?.to;
    let records: Vec<usize> = chart
        .years
        .iter()
        .filter(|(year, _)| (from..=to).contains(year))
        .map(|&(_, r)| r)
        .collect();
    let query = if from == to {
        format!("date:{from}")
    } else {
        format!("date:{from}..{to}")
    };
    Some(Narrow {
        query,
        records: Arc::from(records),
        all_records: false,
    })
}
