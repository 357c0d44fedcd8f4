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

/// Names a piece of prose may mention: surnames of people and names of places.
pub struct Cast<'a> {
    pub people: &'a [&'a str],
    pub places: &'a [&'a str],
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
    };

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
