//! A store built in code for the reading room's tests, shaped like the seed pages:
//! the Beria report with its full text and provenance, and the "Soviet Union and
//! Xinjiang" collection page (10 of 19 documents held, summaries only).

#![allow(dead_code, clippy::unwrap_used)]

pub mod wire;

use std::sync::Arc;

use carrel::store::edtf::Edtf;
use carrel::store::schema::{
    DigitalSource, Locator, NamedEntity, Provenance, RecordDate, Repository, Rights, RightsStatus,
    Text, TextRole,
};
use carrel::store::{Archive, Collection, Record, Store};
use carrel::tui::{Action, App, Message};

pub const BERIA_ID: &str = "beria-molotov-1945-10-05";

fn date(edtf: &str, display: &str) -> Option<RecordDate> {
    Some(RecordDate {
        edtf: Some(Edtf::parse(edtf).unwrap()),
        display: Some(display.to_string()),
        ..RecordDate::default()
    })
}

const BERIA_TEXT: &str = "Top Secret\n\nto Cde. V. M. MOLOTOV\n\n\
In September of this year Ghulja [Yining] rebels, having begun an offensive on the north of \
Xinjiang, have completely liberated the Altay [Altai] District from the Chinese in cooperation \
with the rebels of the Altay District led by Ospan Batyr [Osman Batur].\n\n\
According to available information, after the liberation of Altay, Ospan Batyr, the leader of \
the rebels of the Altay District, does not intend to recognize the Government of East Turkestan \
created in Ghulja, and considers Altay an independent state and himself as the khan of Altay.\n\n\
Ospan Batyr declares that during his meeting with Choybalsan [Choibalsan] in 1944 the latter \
promised to turn Altay into an independent state, and to appoint him the khan of Altay, and \
therefore Ospan Batyr considers only Choybalsan's orders binding on him.\n\n\
Please discuss these suggestions.\n\nL. BERIA\n\n5 October 1945\n\nNo 1184/8\n\n\
Three copies printed\n\n1 - to Cde Molotov\n\n2 - to Cde. Beria\n\n3 - to the Secretariat's file";

fn beria() -> Record {
    Record {
        id: BERIA_ID.to_string(),
        title: "L. Beria to Cde. V.M. Molotov".to_string(),
        date: date("1945-10-05", "October 5, 1945"),
        doc_type: Some("Letter".to_string()),
        summary: Some(
            "Beria writes that Osman Batur does not intend to recognize the East Turkestan \
             Republic. Instead, Osman will create an independent state in Altai, in part due \
             to the support of Choibalsan."
                .to_string(),
        ),
        people: vec![
            Arc::new(NamedEntity {
                name: "Lavrentiy Beria".to_string(),
                role: Some("author".to_string()),
                alt: vec![],
            }),
            Arc::new(NamedEntity {
                name: "Ospan Batyr".to_string(),
                role: Some("mentioned".to_string()),
                alt: vec!["Osman Batur".to_string()],
            }),
        ],
        places: vec![Arc::new(NamedEntity {
            name: "Altay".to_string(),
            role: None,
            alt: vec!["Altai".to_string()],
        })],
        original_language: Some("ru".to_string()),
        texts: vec![Text {
            lang: "en".to_string(),
            role: TextRole::Translation,
            translators: vec!["Gary Goldberg".to_string()],
            body: BERIA_TEXT.to_string(),
        }],
        provenance: Some(Box::new(Provenance {
            citation: "GARF, f. 9401s, op. 2, d. 10004, ll. 62-63".to_string(),
            repository: Some(Arc::new(Repository {
                abbr: Some("GARF".to_string()),
                name: Some("State Archive of the Russian Federation".to_string()),
                place: Some("Moscow".to_string()),
            })),
            locator: Some(Locator::FondOpisDelo {
                fond: Some("9401s".to_string()),
                opis: Some("2".to_string()),
                delo: Some("10004".to_string()),
                folios: Some("62-63".to_string()),
            }),
            classification: Some("Top Secret".to_string()),
            contributed_by: vec!["Jamil Hasanli".to_string()],
            translated_by: vec!["Gary Goldberg".to_string()],
            funders: vec!["MacArthur Foundation".to_string()],
            digital: Some(DigitalSource {
                name: Some("Wilson Center Digital Archive".to_string()),
                publisher: Some("History and Public Policy Program".to_string()),
                url: Some("https://digitalarchive.wilsoncenter.org/document/121801".to_string()),
                record_id: Some("121801".to_string()),
                uploaded: Some("2014-06-13".to_string()),
            }),
            notes: vec![],
        })),
        rights: Some(Arc::new(Rights {
            status: RightsStatus::SeeStatement,
            license: None,
            statement: Some(
                "The History and Public Policy Program welcomes reuse of Digital Archive \
                 materials for research and educational purposes."
                    .to_string(),
            ),
        })),
        collections: vec!["xinjiang".to_string()],
        ..Record::default()
    }
}

/// (id, EDTF, display date, title, summary) of the collection page's documents.
const LISTED: &[(&str, &str, &str, &str, &str)] = &[
    (
        "politburo-1943-06-10",
        "1943-06-10",
        "June 10, 1943",
        "Concerning a Spiritual Directorate of Muslims of Central Asia and Kazakhstan",
        "The Politburo directs the NKVD to permit the organization of a Spiritual Directorate of Muslims of Central Asia and Kazakhstan.",
    ),
    (
        "politburo-1941-04-19",
        "1941-04-19",
        "April 19, 1941",
        "Excerpt on Xinjiang from Minutes of the VKP(b) CC Politburo Meetings",
        "The Politburo issued 5.25 million rubles to support the NKO's operations in the Mongolian People's Republic and Xinjiang.",
    ),
    (
        "politburo-1940-03-14",
        "1940-03-14",
        "March 14, 1940",
        "Concerning the Secret Cipher Unit of the USSR Consulate in Urumqi",
        "The Politburo directs the NKVD to permit the division of the combined secret cipher unit.",
    ),
    (
        "politburo-1937-09-22",
        "1937-09-22",
        "September 22, 1937",
        "Concerning Travel of the Civil Air Fleet to Xinjiang",
        "The Politburo orders the Civil Air Fleet to send a transport aircraft to make several trips between Urumqi and Kashgar.",
    ),
    (
        "politburo-1936-03-29",
        "1936-03-29",
        "March 29, 1936",
        "Concerning the Maintenance of Peoples from Xinjiang",
        "The Politburo orders to release of over 1.2 million rubles to the NKVD.",
    ),
    (
        "politburo-1935-10-03",
        "1935-10-03",
        "October 3, 1935",
        "Concerning Relations with the 36th Division (National Revolutionary Army)",
        "The Politburo orders the NKVD to seek, with the cooperation of Ma Zhongying, the departure of the NRA division commanders.",
    ),
    (
        "politburo-1935-09-29",
        "1935-09-29",
        "September 29, 1935",
        "Politburo Decisions of 29 September 1935 Concerning Xinjiang",
        "The Politburo prohibits NKVD officers in Xinjiang from deviating from the approved political line.",
    ),
    (
        "politburo-1935-03-19",
        "1935-03-19",
        "March 19, 1935",
        "Politburo Decision of 19 March 1935 concerning Xinjiang",
        "The Politburo transfers NKVD members currently working in Eastern Siberia and Central Asia to Xinjiang.",
    ),
    (
        "yegnarov-1945-11-03",
        "1945-11-03",
        "November 3, 1945",
        "Telegram from Cde. Yegnarov and Cde. Langvang to Cde. Beria",
        "Yegnarov forwards to Stalin a letter from Alihan Tore Shakirjan.",
    ),
    (
        "beria-stalin-1945-09-05",
        "1945-09-05",
        "September 5, 1945",
        "Report from L. Beria to Cde. I.V. Stalin, V.M. Molotov, and Cde. G.M. Malenkov",
        "Beria reports on the progress of the rebel movement in Xinjiang at the end of August.",
    ),
];

/// The test store: 11 records, two collections ("10 of 19" and a small one).
pub fn store() -> Store {
    let mut records = vec![beria()];
    for (id, edtf, display, title, summary) in LISTED {
        records.push(Record {
            id: id.to_string(),
            title: title.to_string(),
            date: date(edtf, display),
            summary: Some(summary.to_string()),
            collections: vec!["xinjiang".to_string()],
            ..Record::default()
        });
    }
    let xinjiang = Collection {
        id: "xinjiang".to_string(),
        title: "Soviet Union and Xinjiang".to_string(),
        record_ids: LISTED.iter().map(|l| l.0.to_string()).collect(),
        total: Some(19),
        ..Collection::default()
    };
    let beria_reports = Collection {
        id: "beria".to_string(),
        title: "Beria's reports".to_string(),
        record_ids: vec![BERIA_ID.to_string(), "beria-stalin-1945-09-05".to_string()],
        ..Collection::default()
    };
    Store::new(
        Archive {
            schema_version: 1,
            id: "test".to_string(),
            title: "Carrel test store".to_string(),
            ..Archive::default()
        },
        vec![xinjiang, beria_reports],
        records,
    )
}

/// A store with one record whose full text runs to `paragraphs` paragraphs.
pub fn long_store(paragraphs: usize) -> Store {
    let mut record = beria();
    record.texts[0].body = (1..=paragraphs)
        .map(|i| format!("Paragraph {i}. In September of this year Ghulja rebels, having begun an offensive on the north of Xinjiang, liberated the Altay District."))
        .collect::<Vec<_>>()
        .join("\n\n");
    Store::new(Archive::default(), vec![], vec![record])
}

/// An app over the test store at a size.
pub fn app(width: u16, height: u16) -> App {
    let mut app = App::new(store());
    app.update(Action::Resize(width, height));
    app
}

/// Runs the search the app waits for, at once, and hands the result back: what the
/// event loop has the search thread do, done here so that tests stay deterministic.
pub fn run_search(app: &mut App) {
    if let Some(request) = app.search_wanted() {
        let result = request.run();
        app.update(Message::Searched(result));
    }
}

/// Applies each action as a reader's key would, searches answered before the next.
pub fn send(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(*action);
        run_search(app);
    }
}

/// Types into the filter line, each keystroke's search answered before the next.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::FilterType(c));
        run_search(app);
    }
}
