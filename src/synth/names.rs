//! Invented people and places, built from syllable tables, each with the variant
//! spellings that transliteration produces (-ov/-off, y/i, kh/h, ts/c), so search
//! and the `alt` field are exercised the way real Russian-source stores exercise them.

use std::collections::HashSet;

use super::rng::Rng;

const ONSETS: &[&str] = &[
    "b", "v", "g", "d", "z", "k", "l", "m", "n", "p", "r", "s", "t", "f", "kh", "ts", "ch", "sh",
    "zh", "st", "gr", "br", "dr", "kr", "sm", "tr",
];
const VOWELS: &[&str] = &["a", "o", "e", "i", "u", "y", "ya", "yu"];
const SURNAME_ENDINGS: &[&str] = &[
    "ov", "ev", "in", "sky", "enko", "yan", "idze", "ashvili", "bekov", "chuk", "yov",
];
const GIVEN_NAMES: &[&str] = &[
    "Ivan",
    "Pyotr",
    "Nikolay",
    "Sergey",
    "Dmitry",
    "Aleksey",
    "Mikhail",
    "Yakov",
    "Grigory",
    "Vasily",
    "Fyodor",
    "Yuri",
    "Anatoly",
    "Arkady",
    "Konstantin",
    "Maksim",
    "Timofey",
    "Yelena",
    "Anna",
    "Mariya",
    "Nadezhda",
    "Tatyana",
    "Yevgeniya",
    "Olga",
    "Zinaida",
    "Nurlan",
    "Bakhyt",
    "Yerlan",
    "Tsogt",
    "Batu",
    "Khasan",
    "Yusuf",
    "Aleksandr",
    "Vyacheslav",
    "Yemelyan",
];
const PLACE_ENDINGS: &[&str] = &[
    "sk", "grad", "abad", "kent", "ovo", "insk", "tau", "kul", "bulak", "yevka", "khan",
];
const PLACE_KINDS: &[&str] = &["", "", "", " District", " Oblast", " Region"];

/// A person or place with its variant spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub alt: Vec<String>,
}

/// The people and places a synthetic store draws on.
#[derive(Debug, Clone)]
pub struct Pools {
    pub people: Vec<Named>,
    /// Surnames alone, for "Cde. Surname" in titles and texts (same order as `people`).
    pub surnames: Vec<String>,
    pub places: Vec<Named>,
}

impl Pools {
    pub fn new(seed: u64, people: usize, places: usize) -> Self {
        let mut rng = Rng::stream(seed, 0x6e61_6d65);
        let mut seen = HashSet::new();
        let mut people_out = Vec::with_capacity(people);
        let mut surnames = Vec::with_capacity(people);
        // Bounded: the syllable space is far larger than any pool asked for.
        for _ in 0..people.saturating_mul(20) {
            if people_out.len() == people {
                break;
            }
            let surname = capitalise(&word(&mut rng, 1, 3, SURNAME_ENDINGS));
            let given = rng.pick(GIVEN_NAMES);
            let name = format!("{given} {surname}");
            if !seen.insert(name.clone()) {
                continue;
            }
            let initial = given.chars().next().unwrap_or('A');
            let mut alt: Vec<String> = variants(&surname)
                .into_iter()
                .map(|s| format!("{given} {s}"))
                .collect();
            alt.push(format!("{initial}. {surname}"));
            people_out.push(Named { name, alt });
            surnames.push(surname);
        }
        let mut places_out = Vec::with_capacity(places);
        for _ in 0..places.saturating_mul(20) {
            if places_out.len() == places {
                break;
            }
            let stem = capitalise(&word(&mut rng, 1, 2, PLACE_ENDINGS));
            let kind = rng.pick(PLACE_KINDS);
            let name = format!("{stem}{kind}");
            if !seen.insert(name.clone()) {
                continue;
            }
            let alt = variants(&stem)
                .into_iter()
                .map(|s| format!("{s}{kind}"))
                .collect();
            places_out.push(Named { name, alt });
        }
        Pools {
            people: people_out,
            surnames,
            places: places_out,
        }
    }
}

/// One to three syllables and an ending: "Khorsedov", "Tsabulinsk".
fn word(rng: &mut Rng, min: usize, max: usize, endings: &[&str]) -> String {
    let mut out = String::new();
    for _ in 0..rng.range(min, max) {
        out.push_str(rng.pick(ONSETS));
        out.push_str(rng.pick(VOWELS));
    }
    out.push_str(rng.pick(ONSETS));
    out.push_str(rng.pick(endings));
    out
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The other ways a transliterated name gets written: each rule alone, then all together.
pub fn variants(name: &str) -> Vec<String> {
    type Rule = fn(&str) -> String;
    let rules: [Rule; 4] = [
        |s| {
            for (from, to) in [("ov", "off"), ("ev", "eff")] {
                if let Some(stem) = s.strip_suffix(from) {
                    return format!("{stem}{to}");
                }
            }
            s.to_string()
        },
        |s| s.replace("kh", "h").replace("Kh", "H"),
        |s| s.replace("ts", "c").replace("Ts", "C"),
        |s| s.replace('y', "i").replace('Y', "I"),
    ];
    let mut out: Vec<String> = Vec::new();
    let mut all = name.to_string();
    for rule in rules {
        let one = rule(name);
        if one != name && !out.contains(&one) {
            out.push(one);
        }
        all = rule(&all);
    }
    if all != name && !out.contains(&all) {
        out.push(all);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_variants_cover_the_usual_spellings() {
        assert_eq!(
            variants("Khrustalyov"),
            ["Khrustalyoff", "Hrustalyov", "Khrustaliov", "Hrustalioff"]
        );
        assert_eq!(variants("Tsarev"), ["Tsareff", "Carev", "Careff"]);
        assert!(variants("Batu").is_empty());
    }

    #[test]
    fn pools_have_the_size_asked_and_unique_names() {
        let pools = Pools::new(7, 500, 200);
        assert_eq!(pools.people.len(), 500);
        assert_eq!(pools.places.len(), 200);
        let unique: HashSet<&str> = pools.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(unique.len(), 500);
        assert!(pools.people.iter().all(|p| !p.alt.contains(&p.name)));
    }
}
