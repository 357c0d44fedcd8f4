//! Which fuzzy matcher carrel's search uses, measured rather than guessed.
//!
//! Run: `cargo bench --bench matchers` (release; about a minute on 2 cores).
//! `CARREL_BENCH_RECORDS=1000000` measures `SearchIndex` at another size;
//! `CARREL_BENCH_INDEX_ONLY=1` skips the comparison of matchers.
//!
//! Prints, per keystroke of a historian typing `beria mol`, the median wall time of one
//! full pass over the short-field haystacks (every title plus every distinct person and
//! place spelling of ~100k synthetic records) on one thread, for fuzzy-matcher
//! (SkimMatcherV2), nucleo-matcher and frizbee; then the same keystrokes through
//! carrel's own `SearchIndex::search`, which is what the reading room calls.

use std::hint::black_box;
use std::time::{Duration, Instant};

use carrel::search::{Query, SearchIndex};
use carrel::store::schema::{NamedEntity, RecordDate};
use carrel::store::{Archive, Edtf, Record, Store};

const KEYSTROKES: &[&str] = &["b", "be", "ber", "beri", "beria", "beria mol"];
const REPEATS: usize = 11;

/// A small deterministic generator (xorshift64*), so every run sees the same haystacks.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SURNAMES: &[&str] = &[
    "Beria",
    "Molotov",
    "Stalin",
    "Malenkov",
    "Mikoyan",
    "Vyshinsky",
    "Gromyko",
    "Kaganovich",
    "Voroshilov",
    "Zhdanov",
    "Choybalsan",
    "Tsedenbal",
    "Sheng",
    "Zhou",
    "Mao",
    "Liu",
    "Kim",
    "Ignatiev",
    "Kobulov",
    "Mamulov",
    "Yegnarov",
    "Langvang",
    "Apresov",
    "Pogodin",
    "Bakulin",
    "Savelyev",
    "Petrov",
    "Fedorenko",
    "Panyushkin",
    "Roshchin",
];
const INITIALS: &[&str] = &["L.", "V.M.", "I.V.", "G.M.", "A.I.", "N.S.", "K.E.", "A.A."];
const PLACES: &[&str] = &[
    "Xinjiang",
    "Ghulja",
    "Urumqi",
    "Kashgar",
    "Altay",
    "Ili District",
    "Mongolia",
    "Manchuria",
    "Harbin",
    "Dairen",
    "Port Arthur",
    "Korea",
    "Pyongyang",
    "Tannu Tuva",
    "Kazakhstan",
    "Tarbagatai",
    "Khotan",
    "Yarkand",
    "Hami",
    "Chuguchak",
];
const KINDS: &[&str] = &[
    "Report from",
    "Telegram from",
    "Letter from",
    "Memorandum from",
    "Cable from",
    "Note from",
];
const TOPICS: &[&str] = &[
    "the situation in",
    "events in",
    "the rebel movement in",
    "trade with",
    "the consulate in",
    "negotiations on",
    "the border with",
    "oil fields near",
    "the uprising in",
];
use carrel::store::edtf::MONTHS;

const SYLLABLES: &[&str] = &[
    "ba", "ko", "lov", "shen", "ma", "ri", "tur", "khan", "zhi", "ya", "nov", "go", "din", "ar",
    "sin", "ul", "pe", "tro", "ka", "mi", "dze", "ho", "xu", "la", "an", "bek", "or", "ta", "yev",
    "chu", "gan", "no", "vo", "sky", "li", "er", "mu", "sha", "ki", "dal",
];

/// A made-up word of 2 to 4 syllables: archives name thousands of people and places.
fn made_up(rng: &mut Rng) -> String {
    let mut word: String = (0..2 + rng.below(3)).map(|_| rng.pick(SYLLABLES)).collect();
    if let Some(first) = word.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    word
}

fn surname(rng: &mut Rng) -> String {
    if rng.below(10) < 4 {
        rng.pick(SURNAMES).to_string()
    } else {
        made_up(rng)
    }
}

fn place(rng: &mut Rng) -> String {
    if rng.below(10) < 7 {
        rng.pick(PLACES).to_string()
    } else {
        made_up(rng)
    }
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(INITIALS), surname(rng))
}

/// Plausible archive titles, names and dates, like the seeds' (Wilson Center style).
fn synthetic_records(count: usize) -> Vec<Record> {
    let mut rng = Rng(0x00C0_FFEE_1945);
    (0..count)
        .map(|i| {
            let (year, month, day) = (1930 + rng.below(25), 1 + rng.below(12), 1 + rng.below(28));
            let title = match rng.below(4) {
                0 => format!(
                    "{} {} to Cde. {} on {} {}",
                    rng.pick(KINDS),
                    person(&mut rng),
                    person(&mut rng),
                    rng.pick(TOPICS),
                    place(&mut rng)
                ),
                1 => format!(
                    "Politburo Decision of {day} {} {year} concerning {}",
                    MONTHS[month - 1],
                    place(&mut rng)
                ),
                2 => format!(
                    "Record of Conversation between {} and {}",
                    person(&mut rng),
                    person(&mut rng)
                ),
                _ => format!(
                    "{} {} on {}",
                    rng.pick(KINDS),
                    person(&mut rng),
                    rng.pick(PLACES)
                ),
            };
            let people = (0..1 + rng.below(3))
                .map(|_| {
                    std::sync::Arc::new(NamedEntity {
                        name: surname(&mut rng),
                        ..NamedEntity::default()
                    })
                })
                .collect();
            let places = vec![std::sync::Arc::new(NamedEntity {
                name: place(&mut rng),
                ..NamedEntity::default()
            })];
            let edtf = format!("{year}-{month:02}-{day:02}");
            Record {
                id: format!("rec-{i:07}"),
                title,
                date: Some(RecordDate {
                    display: Some(format!("{} {day}, {year}", MONTHS[month - 1])),
                    edtf: Edtf::parse(&edtf).ok(),
                    ..RecordDate::default()
                }),
                summary: Some(format!(
                    "{} writes on {} {} and the position of {}.",
                    surname(&mut rng),
                    rng.pick(TOPICS),
                    place(&mut rng),
                    surname(&mut rng)
                )),
                people,
                places,
                subjects: vec!["Xinjiang".to_string()],
                ..Record::default()
            }
        })
        .collect()
}

/// The short-field haystacks a matcher must scan: titles plus distinct name spellings.
fn haystacks(records: &[Record]) -> Vec<String> {
    let mut names: Vec<String> = records
        .iter()
        .flat_map(|r| {
            r.people
                .iter()
                .chain(&r.places)
                .map(|e| e.name.to_lowercase())
        })
        .collect();
    names.sort();
    names.dedup();
    records
        .iter()
        .map(|r| r.title.to_lowercase())
        .chain(names)
        .collect()
}

/// The distinct words of those haystacks: what carrel's index gives the matcher.
fn distinct_words(haystacks: &[String]) -> Vec<String> {
    let mut words: Vec<String> = haystacks
        .iter()
        .flat_map(|h| h.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

/// Runs `pass` (one keystroke's full pass, returning how many haystacks matched) and
/// returns the median milliseconds and the count.
fn time_pass(mut pass: impl FnMut() -> usize) -> (f64, usize) {
    let mut count = 0;
    let times = (0..REPEATS)
        .map(|_| {
            let start = Instant::now();
            count = black_box(pass());
            start.elapsed()
        })
        .collect();
    (median(times), count)
}

/// Every word must match the haystack: matches per word, then the AND. Over a list of
/// distinct words the AND means nothing: with `and` false, each word's matches are summed.
fn and_words(
    len: usize,
    query: &str,
    and: bool,
    mut matches_of: impl FnMut(&str) -> Vec<usize>,
) -> usize {
    if !and {
        return query.split_whitespace().map(|w| matches_of(w).len()).sum();
    }
    let mut alive = vec![0u8; len];
    let words: Vec<&str> = query.split_whitespace().collect();
    for word in &words {
        for i in matches_of(word) {
            alive[i] += 1;
        }
    }
    alive.iter().filter(|&&n| n as usize == words.len()).count()
}

fn fuzzy_matcher_pass(hay: &[String], query: &str, and: bool) -> usize {
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;
    let matcher = SkimMatcherV2::default().ignore_case();
    and_words(hay.len(), query, and, |word| {
        (0..hay.len())
            .filter(|&i| matcher.fuzzy_match(&hay[i], word).is_some())
            .collect()
    })
}

fn nucleo_pass(hay: &[nucleo_matcher::Utf32String], query: &str, and: bool) -> usize {
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    and_words(hay.len(), query, and, |word| {
        let needle = Utf32Str::new(word, &mut buf).to_owned();
        (0..hay.len())
            .filter(|&i| {
                matcher
                    .fuzzy_match(hay[i].slice(..), needle.slice(..))
                    .is_some()
            })
            .collect()
    })
}

fn frizbee_pass(hay: &[String], query: &str, and: bool) -> usize {
    let config = frizbee::Config::default();
    and_words(hay.len(), query, and, |word| {
        let mut matcher = frizbee::Matcher::new(word, &config);
        matcher
            .match_list(hay)
            .iter()
            .map(|m| m.index as usize)
            .collect()
    })
}

fn compare_matchers(hay: &[String], skip_slow: bool, and: bool) {
    let hay32: Vec<nucleo_matcher::Utf32String> = hay.iter().map(|h| h.as_str().into()).collect();
    println!(
        "{:<11} {:>16} {:>16} {:>16}   matches",
        "keystroke", "fuzzy-matcher", "nucleo-matcher", "frizbee 0.13"
    );
    for query in KEYSTROKES {
        let (fm, n_fm) = if skip_slow {
            (f64::NAN, 0)
        } else {
            time_pass(|| fuzzy_matcher_pass(hay, query, and))
        };
        let (nu, n_nu) = time_pass(|| nucleo_pass(&hay32, query, and));
        let (fr, n_fr) = time_pass(|| frizbee_pass(hay, query, and));
        println!(
            "{:<11} {fm:>16.2} {nu:>16.2} {fr:>16.2}   {n_fm}/{n_nu}/{n_fr}",
            format!("{query:?}")
        );
    }
}

fn main() {
    let count = std::env::var("CARREL_BENCH_RECORDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let records = synthetic_records(count);
    let hay = haystacks(&records);
    let words = distinct_words(&hay);
    let skip_slow = count > 200_000;
    let index_only = std::env::var_os("CARREL_BENCH_INDEX_ONLY").is_some();
    println!(
        "{count} synthetic records: {} short-field haystacks (titles + distinct names), \
         1 thread, median of {REPEATS} passes, ms per keystroke",
        hay.len()
    );
    if !index_only {
        compare_matchers(&hay, skip_slow, true);
    }
    println!(
        "\nthe same over the {} distinct words of those haystacks (what carrel's index \
         scans; no AND across words, matches are summed)",
        words.len()
    );
    if !index_only {
        compare_matchers(&words, skip_slow, false);
    }
    println!(
        "match positions for highlighting: fuzzy-matcher fuzzy_indices, nucleo-matcher \
         fuzzy_indices, frizbee match_one_indices: all three return them"
    );

    let build_start = Instant::now();
    let store = Store::new(Archive::default(), Vec::new(), records);
    let index = SearchIndex::build(&store);
    println!(
        "\ncarrel SearchIndex over {count} records (build {:.0} ms), 1 thread, ms per keystroke",
        build_start.elapsed().as_secs_f64() * 1e3
    );
    println!(
        "{:<11} {:>10} {:>10} {:>10} {:>14}   hits",
        "keystroke", "rank all", "best 50", "typed", "all, explained"
    );
    // "typed": the script typed in order, each keystroke refining the one before.
    let mut typed = vec![Vec::new(); KEYSTROKES.len()];
    for _ in 0..REPEATS {
        index.forget_typing();
        for (i, query) in KEYSTROKES.iter().enumerate() {
            let start = Instant::now();
            black_box(index.search(&store.records, query, None, Some(50)));
            typed[i].push(start.elapsed());
        }
    }
    for (i, query) in KEYSTROKES.iter().enumerate() {
        let parsed = Query::parse(query);
        let (rank, hits) = time_pass(|| {
            index.forget_typing();
            index.rank(&parsed, None, None).len()
        });
        let (top, _) = time_pass(|| {
            index.forget_typing();
            index.search(&store.records, query, None, Some(50)).len()
        });
        let (all, _) = time_pass(|| {
            index.forget_typing();
            index.search(&store.records, query, None, None).len()
        });
        let typed = median(std::mem::take(&mut typed[i]));
        println!(
            "{:<11} {rank:>10.2} {top:>10.2} {typed:>10.2} {all:>14.2}   {hits}",
            format!("{query:?}")
        );
    }
}
