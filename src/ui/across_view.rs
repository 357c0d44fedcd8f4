//! The views across documents (links, neighbours, indexes, names, timeline), drawn
//! over the document and the lists, above the status line. What they say comes
//! from `crate::tui::across_views`; the timeline is ratatui's bar chart.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Clear, Paragraph};

use super::collections::truncate;
use super::theme::Theme;
use crate::strings::across as words;
use crate::tui::App;
use crate::tui::across_views::{AcrossView, ListView, TimelineView, ViewKind, bar_window};
use crate::tui::layout::Panes;

/// The frame less the filter and status lines: where a view goes.
pub fn area(frame_area: Rect, panes: &Panes) -> Rect {
    let bottom = panes.filter.map_or(panes.status.y, |f| f.y);
    Rect {
        height: bottom.saturating_sub(frame_area.y),
        ..frame_area
    }
}

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(view) = app.across_view() else {
        return;
    };
    frame.render_widget(Clear, area);
    match view {
        AcrossView::List(list) => render_list(list, theme, frame, area),
        AcrossView::Timeline(chart) => render_timeline(chart, theme, frame, area),
    }
}

fn title(name: &str, of: &str, width: u16) -> String {
    let text = if of.is_empty() {
        format!(" {name} ")
    } else {
        format!(" {name} · {of} ")
    };
    truncate(&text, usize::from(width.saturating_sub(4)))
}

fn render_list(list: &ListView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let name = match list.kind {
        ViewKind::Links => words::LINKS,
        ViewKind::Neighbours => words::NEIGHBOURS,
        ViewKind::Indexes => words::INDEXES,
        ViewKind::Names => words::NAMES,
        ViewKind::Timeline => words::TIMELINE,
    };
    let block = super::pane_block(title(name, &list.of, area.width), true, theme)
        .title_bottom(Line::styled(format!(" {} ", words::LIST_KEYS), theme.dim()));
    let inside = block.inner(area);
    let lines: Vec<Line> = list
        .items
        .iter()
        .enumerate()
        .skip(list.top)
        .take(usize::from(inside.height))
        .map(|(i, item)| {
            let line = super::styled(&item.line, theme);
            if i == list.selected {
                let selected = theme.selected(true);
                let mut spans: Vec<Span> = line
                    .spans
                    .into_iter()
                    .map(|s| {
                        let style = s.style.patch(selected);
                        s.style(style)
                    })
                    .collect();
                // The whole row stands out, not only its words.
                let used: usize = spans.iter().map(Span::width).sum();
                let pad = usize::from(inside.width).saturating_sub(used);
                spans.push(Span::styled(" ".repeat(pad), selected));
                Line::from(spans)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
    super::scrollbar(frame, area, list.items.len(), list.top);
}

fn render_timeline(chart: &TimelineView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block =
        super::pane_block(title(words::TIMELINE, &chart.of, area.width), true, theme).title_bottom(
            Line::styled(format!(" {} ", words::TIMELINE_KEYS), theme.dim()),
        );
    let inside = block.inner(area);
    frame.render_widget(block, area);
    let [facts, bars, chosen] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inside);
    let timeline = &chart.timeline;
    let (Some(first), Some(last)) = (timeline.buckets.first(), timeline.buckets.last()) else {
        let lines = vec![
            Line::styled(words::NO_DATES, theme.dim()),
            Line::from(words::undated(timeline.undated)),
        ];
        frame.render_widget(Paragraph::new(lines), inside);
        return;
    };
    let mut said = vec![Span::raw(words::dated(
        timeline.dated(),
        first.from,
        last.to,
    ))];
    if timeline.undated > 0 {
        said.push(Span::raw(" · "));
        said.push(Span::styled(
            words::undated(timeline.undated),
            theme.warning(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(said)), facts);

    // As wide as the bars can be with a gap between them; a window around the
    // selection when even one column each is too many.
    let window = bar_window(
        timeline.buckets.len(),
        usize::from(bars.width),
        chart.selected,
    );
    let (bar_width, gap, start, fit) = (window.bar_width, window.gap, window.start, window.fit);
    let picked = chart.chosen();
    let shown: Vec<Bar> = timeline
        .buckets
        .iter()
        .enumerate()
        .skip(start)
        .take(fit)
        .map(|(i, bucket)| {
            let label = if bar_width >= 4 {
                bucket.from.to_string()
            } else if bar_width >= 2 {
                format!("{:02}", bucket.from.rem_euclid(100))
            } else {
                String::new()
            };
            let style = if picked.contains(&i) {
                theme.matched()
            } else {
                theme.label()
            };
            Bar::new(bucket.count as u64)
                .label(Line::from(label))
                .text_value(if bar_width >= 2 {
                    bucket.count.to_string()
                } else {
                    String::new()
                })
                .style(style)
        })
        .collect();
    let widget = BarChart::default()
        .data(BarGroup::default().bars(&shown))
        .bar_width(u16::try_from(bar_width).unwrap_or(1))
        .bar_gap(u16::try_from(gap).unwrap_or(0));
    frame.render_widget(widget, bars);

    let (from, to) = match (
        timeline.buckets.get(*picked.start()),
        timeline.buckets.get(*picked.end()),
    ) {
        (Some(a), Some(b)) => (a.from, b.to),
        _ => (first.from, first.to),
    };
    let in_span: usize = timeline
        .buckets
        .iter()
        .skip(*picked.start())
        .take(picked.end() - picked.start() + 1)
        .map(|b| b.count)
        .sum();
    let mut line = vec![Span::styled(words::bar(from, to, in_span), theme.heading())];
    if chart.span_from.is_some() {
        line.push(Span::styled(format!("  ({})", words::SPAN), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(line)), chosen);
}
