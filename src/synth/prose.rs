//! Invented archival prose: titles, summaries and full texts of the lengths real
//! stores have, built from small word tables so that filters and search have
//! something realistic to chew on.

use super::rng::Rng;

const ADJECTIVES: &[&str] = &[
    "border",
    "military",
    "economic",
    "political",
    "regional",
    "secret",
    "provisional",
    "local",
    "foreign",
    "agricultural",
    "customs",
    "consular",
    "special",
    "national",
    "rebel",
    "frontier",
    "industrial",
    "religious",
    "trade",
    "railway",
];
const NOUNS: &[&str] = &[
    "situation",
    "negotiations",
    "supplies",
    "detachment",
    "delegation",
    "consulate",
    "mission",
    "grain",
    "refugees",
    "committee",
    "government",
    "garrison",
    "agreement",
    "shipment",
    "operations",
    "cadres",
    "trade",
    "caravan",
    "oil fields",
    "school",
    "newspaper",
    "census",
    "uprising",
    "settlement",
    "prisoners",
    "loan",
    "instructions",
    "convoy",
    "wages",
    "harvest",
];
const VERBS: &[&str] = &[
    "reports",
    "requests",
    "proposes",
    "confirms",
    "orders",
    "forwards",
    "warns",
    "approves",
    "recommends",
    "describes",
    "refuses",
    "notes",
    "asks",
];
const CONNECTIVES: &[&str] = &[
    "concerning",
    "regarding",
    "on",
    "about",
    "in connection with",
];
const OPENERS: &[&str] = &[
    "According to available information",
    "In accordance with your instructions",
    "As of the first of the month",
    "Following the decision of the committee",
    "Considering the present situation",
    "In reply to your telegram",
];
const TRAILING_FILLERS: &[&str] = &[
    "the",
    "of",
    "in",
    "on",
    "and",
    "to",
    "from",
    "with",
    "about",
    "regarding",
    "concerning",
    "connection",
];

/// Stock phrases of the kind a real archive repeats, most common first: a body
/// draws them with a steep (Zipf-like) skew, so that a phrase query finds some in
/// thousands of documents and others in a handful.
const PHRASES: &[&str] = &[
    "according to available information",
    "the situation on the border",
    "in accordance with your instructions",
    "the provincial government",
    "the question of the railway",
    "the Soviet consulate general",
    "measures have been taken",
    "the rebels of the district",
    "the supply of arms and ammunition",
    "the local population",
    "the delegation arrived yesterday",
    "the talks were broken off",
    "the customs post was closed",
    "the grain harvest has failed",
    "the leader of the rebels",
    "the khan of Altay",
    "an independent state",
    "the caravan route to the south",
    "the oil concession",
    "the four freedoms",
    "the mining of tungsten",
    "the amnesty for deserters",
    "the Muslim spiritual directorate",
    "the cipher unit of the consulate",
];
/// Code names, one in some bodies: words a store holds in a few documents only.
const CODE_SYLLABLES: &[&str] = &[
    "ba", "ve", "gro", "da", "zo", "ki", "lu", "ma", "no", "pe", "ra", "su", "ty", "fa", "khe",
    "tsa", "cho", "shu", "zhe", "sta",
];
/// How many code names there are (each in about one body in 20,000).
const CODE_NAMES: u64 = 4000;

/// Names a piece of prose may mention: surnames of people and names of places, and
/// the people's names in every spelling the texts may use.
pub struct Cast<'a> {
    pub people: &'a [&'a str],
    pub places: &'a [&'a str],
    /// Full names and their variants ("Ivan Borisov", "Ivan Borisoff", "I. Borisov").
    pub spellings: &'a [&'a str],
    /// Names written in Cyrillic (a Russian transcript).
    pub cyrillic: bool,
}

impl Cast<'_> {
    fn person<'s>(&'s self, rng: &mut Rng) -> &'s str {
        if self.people.is_empty() {
            "the commissar"
        } else {
            rng.pick(self.people)
        }
    }

    fn place<'s>(&'s self, rng: &mut Rng) -> &'s str {
        if self.places.is_empty() {
            "the district"
        } else {
            rng.pick(self.places)
        }
    }
}

/// A title of 6 to 14 words: "Report from Cde. Borisov to Cde. Lanskoy concerning the border supplies in Kashkent".
pub fn title(rng: &mut Rng, doc_type: &str, cast: &Cast<'_>) -> String {
    let target = rng.range(6, 14);
    let mut words: Vec<String> = Vec::new();
    let push = |words: &mut Vec<String>, text: &str| {
        words.extend(text.split_whitespace().map(str::to_string));
    };
    let head = match doc_type {
        "report" | "telegram" | "letter" | "memorandum" => format!(
            "{} from Cde. {} to Cde. {}",
            capitalise(doc_type),
            cast.person(rng),
            cast.person(rng)
        ),
        "minutes" => "Minutes of the Committee meeting".to_string(),
        _ => "Concerning the".to_string(),
    };
    push(&mut words, &head);
    let mut first = true;
    while words.len() < target {
        let chunk = if first && head.ends_with("the") {
            format!("{} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS))
        } else if first {
            format!("{} the {}", rng.pick(CONNECTIVES), rng.pick(NOUNS))
        } else {
            match rng.below(3) {
                0 => format!("in {}", cast.place(rng)),
                1 => format!("and the {} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS)),
                _ => format!("of the {}", rng.pick(NOUNS)),
            }
        };
        first = false;
        push(&mut words, &chunk);
    }
    words.truncate(14);
    while words.len() > 6
        && words
            .last()
            .is_some_and(|w| TRAILING_FILLERS.contains(&w.as_str()))
    {
        words.pop();
    }
    words.join(" ")
}

/// A summary of exactly `30..=80` words, in whole sentences but for a cut last one.
pub fn summary(rng: &mut Rng, cast: &Cast<'_>) -> String {
    let target = rng.range(30, 80);
    let mut words: Vec<String> = Vec::with_capacity(target + 20);
    while words.len() < target {
        let sentence = format!(
            "{} {} that the {} {} in {} {} the {} {} {}.",
            cast.person(rng),
            rng.pick(VERBS),
            rng.pick(ADJECTIVES),
            rng.pick(NOUNS),
            cast.place(rng),
            rng.pick(VERBS),
            rng.pick(ADJECTIVES),
            rng.pick(NOUNS),
            if rng.chance(500) {
                "without delay"
            } else {
                "this month"
            }
        );
        words.extend(sentence.split_whitespace().map(str::to_string));
    }
    words.truncate(target);
    let mut out = words.join(" ");
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// A full text of about `bytes` bytes: header lines, paragraphs, and a closing
/// number and date, separated by blank lines as the store format wants.
pub fn body(rng: &mut Rng, bytes: usize, cast: &Cast<'_>, date_line: &str) -> String {
    let mut out = String::with_capacity(bytes + 600);
    if rng.chance(400) {
        out.push_str("Top Secret\n\n");
    }
    out.push_str("to Cde. ");
    out.push_str(cast.person(rng));
    out.push_str("\n\n");
    if rng.chance(300) {
        code_sentence(rng, cast, &mut out);
        out.push(' ');
    }
    while out.len() < bytes {
        let sentences = rng.range(3, 9);
        for s in 0..sentences {
            if s > 0 {
                if out.len() >= bytes {
                    break;
                }
                out.push(' ');
            }
            sentence(rng, cast, &mut out);
        }
        out.push_str("\n\n");
    }
    out.push_str(date_line);
    out.push_str("\n\nNº ");
    out.push_str(&rng.range(100, 9999).to_string());
    out.push('/');
    out.push_str(&rng.range(1, 20).to_string());
    out
}

fn sentence(rng: &mut Rng, cast: &Cast<'_>, out: &mut String) {
    match rng.below(20) {
        0..=3 => return stock_sentence(rng, cast, out),
        4..=6 if !cast.spellings.is_empty() => return name_sentence(rng, cast, out),
        _ => {}
    }
    if rng.chance(300) {
        out.push_str(rng.pick(OPENERS));
        out.push_str(", the ");
    } else {
        out.push_str("The ");
    }
    out.push_str(rng.pick(ADJECTIVES));
    out.push(' ');
    out.push_str(rng.pick(NOUNS));
    out.push_str(" in ");
    out.push_str(cast.place(rng));
    out.push(' ');
    out.push_str(rng.pick(VERBS));
    out.push_str(" that Cde. ");
    out.push_str(cast.person(rng));
    out.push_str(" has ");
    out.push_str(match rng.below(4) {
        0 => "not yet received the",
        1 => "already sent the",
        2 => "asked again for the",
        _ => "taken charge of the",
    });
    out.push(' ');
    out.push_str(rng.pick(NOUNS));
    out.push_str(" of the ");
    out.push_str(rng.pick(ADJECTIVES));
    out.push(' ');
    out.push_str(rng.pick(NOUNS));
    out.push('.');
}

/// A sentence around a stock phrase.
fn stock_sentence(rng: &mut Rng, cast: &Cast<'_>, out: &mut String) {
    // u^3 skews towards the first phrases: the first is about 20 times the last.
    let u = rng.below(1 << 10);
    let i = ((PHRASES.len() as u64 * u * u * u) >> 30) as usize;
    let phrase = PHRASES[i.min(PHRASES.len() - 1)];
    match rng.below(3) {
        0 => {
            out.push_str(&capitalise(phrase));
            out.push_str(" was discussed with Cde. ");
            out.push_str(cast.person(rng));
        }
        1 => {
            out.push_str("Cde. ");
            out.push_str(cast.person(rng));
            out.push(' ');
            out.push_str(rng.pick(VERBS));
            out.push_str(" that ");
            out.push_str(phrase);
            out.push_str(" in ");
            out.push_str(cast.place(rng));
            out.push_str(" requires attention");
        }
        _ => {
            out.push_str("As for ");
            out.push_str(phrase);
            out.push_str(", the ");
            out.push_str(rng.pick(NOUNS));
            out.push_str(" in ");
            out.push_str(cast.place(rng));
            out.push_str(" is unchanged");
        }
    }
    out.push('.');
}

/// A sentence naming someone in one of their spellings, in Cyrillic in a Russian
/// transcript.
fn name_sentence(rng: &mut Rng, cast: &Cast<'_>, out: &mut String) {
    let name = rng.pick(cast.spellings);
    out.push_str("According to ");
    if cast.cyrillic {
        out.push_str(&cyrillic(name));
    } else {
        out.push_str(name);
    }
    out.push_str(", the ");
    out.push_str(rng.pick(NOUNS));
    out.push_str(" in ");
    out.push_str(cast.place(rng));
    out.push(' ');
    out.push_str(rng.pick(VERBS));
    out.push_str(" no change.");
}

/// The sentence with a code name that some bodies carry once.
pub fn code_sentence(rng: &mut Rng, cast: &Cast<'_>, out: &mut String) {
    out.push_str("The operation under the code name ");
    out.push_str(&code_name(rng.below(CODE_NAMES)));
    out.push_str(" is to begin in ");
    out.push_str(cast.place(rng));
    out.push('.');
}

/// Code name `n` of [`CODE_NAMES`]: three syllables, read off `n`'s digits.
pub fn code_name(n: u64) -> String {
    let base = CODE_SYLLABLES.len() as u64;
    let syllable = |k: u64| CODE_SYLLABLES[(k % base) as usize];
    capitalise(&format!(
        "{}{}{}",
        syllable(n),
        syllable(n / base),
        syllable(n / base / base + 7)
    ))
}

/// A romanised Russian name back in Cyrillic, as a Russian original writes it.
fn cyrillic(name: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("shch", "щ"),
        ("kh", "х"),
        ("ts", "ц"),
        ("ch", "ч"),
        ("sh", "ш"),
        ("zh", "ж"),
        ("ya", "я"),
        ("yu", "ю"),
        ("yo", "ё"),
        ("ye", "е"),
    ];
    const SINGLE: &[(char, &str)] = &[
        ('a', "а"),
        ('b', "б"),
        ('v', "в"),
        ('g', "г"),
        ('d', "д"),
        ('e', "е"),
        ('z', "з"),
        ('i', "и"),
        ('k', "к"),
        ('l', "л"),
        ('m', "м"),
        ('n', "н"),
        ('o', "о"),
        ('p', "п"),
        ('r', "р"),
        ('s', "с"),
        ('t', "т"),
        ('u', "у"),
        ('f', "ф"),
        ('y', "ы"),
        ('c', "к"),
        ('h', "х"),
        ('j', "дж"),
        ('q', "к"),
        ('w', "в"),
        ('x', "кс"),
    ];
    let mut out = String::with_capacity(name.len() * 2);
    for word in name.split_inclusive(' ') {
        let lower = word.to_lowercase();
        let upper_first = word.chars().next().is_some_and(char::is_uppercase);
        let mut converted = String::new();
        let mut rest = lower.as_str();
        while let Some(c) = rest.chars().next() {
            if let Some((latin, cyr)) = PAIRS.iter().find(|(l, _)| rest.starts_with(l)) {
                converted.push_str(cyr);
                rest = &rest[latin.len()..];
                continue;
            }
            let after_vowel = converted
                .chars()
                .next_back()
                .is_some_and(|p| "аеиоуыяюёэ".contains(p));
            match SINGLE.iter().find(|(l, _)| *l == c) {
                Some(('y', _)) if after_vowel => converted.push('й'),
                Some((_, cyr)) => converted.push_str(cyr),
                None => converted.push(c),
            }
            rest = &rest[c.len_utf8()..];
        }
        if upper_first {
            out.push_str(&capitalise(&converted));
        } else {
            out.push_str(&converted);
        }
    }
    out
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAST: Cast<'static> = Cast {
        people: &["Borisov", "Tsarev"],
        places: &["Kashkent", "Ulan District"],
        spellings: &["Ivan Borisov", "Ivan Borisoff"],
        cyrillic: false,
    };

    #[test]
    fn names_go_back_to_cyrillic_as_a_russian_original_writes_them() {
        assert_eq!(cyrillic("Ivan Borisov"), "Иван Борисов");
        assert_eq!(cyrillic("Yakov Tsarev"), "Яков Царев");
        assert_eq!(cyrillic("Nikolay Khasanov"), "Николай Хасанов");
    }

    #[test]
    fn code_names_are_many_and_distinct() {
        let names: std::collections::HashSet<String> = (0..CODE_NAMES).map(code_name).collect();
        assert_eq!(names.len() as u64, CODE_NAMES);
    }

    #[test]
    fn titles_have_six_to_fourteen_words() {
        let mut rng = Rng::new(1);
        for doc_type in ["report", "decision", "minutes", "telegram", "note"] {
            for _ in 0..500 {
                let title = title(&mut rng, doc_type, &CAST);
                let n = title.split_whitespace().count();
                assert!((6..=14).contains(&n), "{n} words: {title}");
            }
        }
    }

    #[test]
    fn summaries_have_thirty_to_eighty_words_and_end_a_sentence() {
        let mut rng = Rng::new(2);
        for _ in 0..500 {
            let summary = summary(&mut rng, &CAST);
            let n = summary.split_whitespace().count();
            assert!((30..=80).contains(&n), "{n} words");
            assert!(summary.ends_with('.'));
        }
    }

    #[test]
    fn bodies_reach_their_size_in_paragraphs() {
        let mut rng = Rng::new(3);
        let body = body(&mut rng, 5000, &CAST, "5 October 1945");
        assert!(body.len() >= 5000 && body.len() < 5400, "{}", body.len());
        assert!(body.split("\n\n").count() > 3);
        assert!(!body.contains("\n\n\n"));
    }
}
