//! Titles and texts in the scripts an archive of diplomatic history holds (Chinese,
//! Cyrillic, Arabic-script Uyghur, Hebrew), with combining marks and emoji sequences:
//! each cell of the screen holds whole characters, wide ones take two columns, a
//! title cut to its column is cut between graphemes, and nothing spills out of its
//! pane. Snapshotted at 80x24 and 120x30; the assertions say what must hold.

#![allow(clippy::unwrap_used)]

use carrel::store::edtf::Edtf;
use carrel::store::schema::{RecordDate, Text, TextRole};
use carrel::store::{Archive, Record, Store};
use carrel::tui::{Action, App, Pane};
use carrel::ui::{buffer_to_string, render_to_buffer};
use ratatui::text::Line;

const TITLES: [&str; 6] = [
    "新疆省政府主席盛世才致斯大林电，关于阿尔泰地区的形势和苏联顾问的派遣问题",
    "Хрущёв и Берия: записка о положении в Синьцзяне и об отношениях с Гоминьданом",
    "ئۇيغۇر ئاپتونوم رايونى ھەققىدە خاتىرە",
    "מכתב אל שר החוץ בעניין הפליטים",
    "Ëe\u{301}\u{302}\u{303} combining marks over and over ǘ̀",
    "👨\u{200d}👩\u{200d}👧 family 🇰🇿 flag 👍🏽 and text after the emoji sequences",
];

fn store() -> Store {
    let records = TITLES
        .iter()
        .enumerate()
        .map(|(i, title)| Record {
            id: format!("s{i}"),
            title: title.to_string(),
            date: Some(RecordDate::new(
                Some(Edtf::parse(&format!("194{i}")).unwrap()),
                None,
            )),
            summary: Some(title.repeat(3)),
            texts: vec![Text {
                role: TextRole::Translation,
                body: TITLES.join("\n\n"),
                ..Text::default()
            }],
            ..Record::default()
        })
        .collect();
    Store::new(Archive::default(), vec![], records)
}

/// Every row is exactly the window's width in columns: a wide character counted
/// twice, a combining mark not at all, nothing spilling over.
fn assert_rows_fit(buffer: &ratatui::buffer::Buffer, width: u16) {
    for y in 0..buffer.area.height {
        let mut row = String::new();
        let mut x = 0;
        while x < width {
            let cell = &buffer[(x, y)];
            row.push_str(cell.symbol());
            x += u16::try_from(Line::raw(cell.symbol()).width().max(1)).unwrap();
        }
        assert_eq!(
            Line::raw(row.as_str()).width(),
            usize::from(width),
            "row {y} is not {width} columns: {row:?}"
        );
    }
}

/// No grapheme is split: a zero-width joiner or a combining mark never begins a cell.
fn assert_graphemes_whole(buffer: &ratatui::buffer::Buffer) {
    for cell in buffer.content() {
        let first = cell.symbol().chars().next();
        assert!(
            !matches!(first, Some('\u{200d}' | '\u{300}'..='\u{36f}')),
            "a cell begins inside a grapheme: {:?}",
            cell.symbol()
        );
    }
}

#[test]
fn the_record_list_and_the_document_in_many_scripts() {
    for (w, h) in [(80u16, 24u16), (120, 30)] {
        let mut app = App::new(store());
        app.update(Action::Resize(w, h));
        let buffer = render_to_buffer(&mut app, w, h);
        assert_rows_fit(&buffer, w);
        assert_graphemes_whole(&buffer);
        let list = buffer_to_string(&buffer);
        assert!(list.contains("新疆省政府"), "{list}");
        assert!(list.contains("Хрущёв и Берия"), "{list}");
        assert!(list.contains("מכתב"), "{list}");
        // The emoji sequence keeps its joiners in the list, where titles are
        // highlighted letter by letter.
        let row = list.lines().find(|l| l.contains("1945 ")).unwrap();
        assert!(row.contains("👨\u{200d}👩\u{200d}👧 family"), "{row}");
        insta::assert_snapshot!(format!("list_{w}x{h}"), list);

        app.update(Action::Show(Pane::FullText));
        if let Some(request) = app.text_request() {
            app.update(request.read());
        }
        let buffer = render_to_buffer(&mut app, w, h);
        assert_rows_fit(&buffer, w);
        assert_graphemes_whole(&buffer);
        let document = buffer_to_string(&buffer);
        assert!(document.contains("ئۇيغۇر"), "{document}");
        insta::assert_snapshot!(format!("full_text_{w}x{h}"), document);
    }
}
