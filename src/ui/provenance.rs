//! The provenance pane: the citation verbatim, its parsed parts labelled, the
//! languages and translators, contributors, funders, the digital source and rights.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::{field_lines, pane_block, visible};
use crate::store::Record;
use crate::store::schema::Provenance;
use crate::strings;
use crate::tui::app::shown_text;
use crate::tui::{App, Pane};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let focused = app.focus() == Pane::Provenance;
    let block = pane_block(format!(" 3 {} ", strings::PROVENANCE), focused, theme);
    let inside = block.inner(area);
    let Some(record) = app.selected_record() else {
        let line = Line::styled(strings::NO_RECORD_SELECTED, theme.dim());
        frame.render_widget(Paragraph::new(line).block(block), area);
        return;
    };
    let all = lines(record, theme, inside.width);
    let total = all.len();
    let top = app.provenance_top();
    frame.render_widget(
        Paragraph::new(visible(all, top, inside.height)).block(block),
        area,
    );
    super::scrollbar(frame, area, total, top);
}

/// The pane's lines wrapped to `width`; `App::update` counts them to bound scrolling.
pub fn lines(record: &Record, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let mut fields: Vec<(&str, String)> = Vec::new();
    let provenance = record.provenance.as_ref();
    if let Some(p) = provenance {
        fields.push((strings::CITATION, p.citation.clone()));
        if let Some(archive) = archive(p) {
            fields.push((strings::ARCHIVE, archive));
        }
        if let Some(locator) = &p.locator {
            for (label, value) in locator.labelled_parts() {
                fields.push((label, value.to_string()));
            }
        }
    }
    if let Some(lang) = &record.original_language {
        fields.push((strings::ORIGINAL_LANGUAGE, lang.clone()));
    }
    if let Some(text) = shown_text(record) {
        let mut shown = strings::text_label(text.role.as_str(), &text.lang);
        if !text.translators.is_empty() {
            shown.push_str(&format!(
                ", {} {}",
                strings::TRANSLATED_BY,
                text.translators.join(", ")
            ));
        }
        fields.push((strings::TEXT_SHOWN, shown));
    }
    if let Some(p) = provenance {
        push_list(&mut fields, strings::CONTRIBUTED_BY, &p.contributed_by);
        push_list(&mut fields, strings::TRANSLATORS, &p.translated_by);
        if let Some(classification) = &p.classification {
            fields.push((strings::CLASSIFICATION, classification.clone()));
        }
        push_list(&mut fields, strings::FUNDERS, &p.funders);
        if let Some(digital) = &p.digital {
            let parts = [
                (strings::DIGITAL_SOURCE, &digital.name),
                (strings::PUBLISHER, &digital.publisher),
                (strings::URL, &digital.url),
                (strings::RECORD_ID, &digital.record_id),
                (strings::UPLOADED, &digital.uploaded),
            ];
            for (label, value) in parts {
                if let Some(value) = value {
                    fields.push((label, value.clone()));
                }
            }
        }
    }
    if let Some(rights) = &record.rights {
        fields.push((strings::RIGHTS, rights.status.as_str().to_string()));
        if let Some(licence) = &rights.license {
            fields.push((strings::LICENCE, licence.clone()));
        }
        if let Some(statement) = &rights.statement {
            fields.push((strings::STATEMENT, statement.clone()));
        }
    }
    if let Some(p) = provenance {
        for note in &p.notes {
            fields.push((strings::NOTES, note.clone()));
        }
    }

    let mut lines = Vec::new();
    if provenance.is_none() {
        lines.push(Line::styled(strings::NO_PROVENANCE, theme.dim()));
        lines.push(Line::raw(""));
    }
    for (i, (label, value)) in fields.iter().enumerate() {
        // A blank line after the citation block and before rights keeps the groups apart.
        if i > 0 && matches!(*label, strings::ORIGINAL_LANGUAGE | strings::RIGHTS) {
            lines.push(Line::raw(""));
        }
        lines.extend(field_lines(label, value, width, theme));
    }
    lines
}

/// "GARF: State Archive of the Russian Federation, Moscow".
fn archive(p: &Provenance) -> Option<String> {
    let repository = p.repository.as_ref()?;
    let mut text = repository.abbr.clone().unwrap_or_default();
    if let Some(name) = &repository.name {
        if !text.is_empty() {
            text.push_str(" — ");
        }
        text.push_str(name);
    }
    if let Some(place) = &repository.place {
        if !text.is_empty() {
            text.push_str(", ");
        }
        text.push_str(place);
    }
    (!text.is_empty()).then_some(text)
}

fn push_list<'a>(fields: &mut Vec<(&'a str, String)>, label: &'a str, values: &[String]) {
    if !values.is_empty() {
        fields.push((label, values.join("; ")));
    }
}
