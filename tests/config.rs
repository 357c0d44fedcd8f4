//! config.toml as a user writes it: every problem reported with its line and key,
//! the default used for that key only, and the rest of the file still applied.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

use carrel::cite::Style;
use carrel::config::{self, Colour, Config, KeyName, KeySpec};

fn lines(loaded: &config::Loaded) -> Vec<String> {
    loaded.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn the_default_file_reads_back_as_the_defaults() {
    let loaded = config::parse(&config::default_file(), "config.toml");
    assert!(loaded.problems.is_empty(), "{:?}", lines(&loaded));
    assert_eq!(loaded.config, Config::default());
}

#[test]
fn a_good_file_sets_every_kind_of_setting() {
    let text = r##"
store = "/srv/archive"
citation_style = "ris"
mouse = false
osc52 = false

[theme]
heading = "bold #ffaf00"
hit = "light-red"

[keys]
mark = ["m", "F2"]
quit = "Ctrl-q"
"##;
    let loaded = config::parse(text, "config.toml");
    assert!(loaded.problems.is_empty(), "{:?}", lines(&loaded));
    let c = loaded.config;
    assert_eq!(
        c.store.as_deref(),
        Some(std::path::Path::new("/srv/archive"))
    );
    assert_eq!(c.citation_style, Style::Ris);
    assert!(!c.mouse && !c.osc52);
    assert_eq!(c.theme["heading"].colour, Some(Colour::Rgb(255, 175, 0)));
    assert!(c.theme["heading"].bold);
    assert_eq!(
        c.keys["mark"],
        vec![
            KeySpec::parse("m").unwrap(),
            KeySpec {
                name: KeyName::F(2),
                ctrl: false,
                alt: false
            }
        ]
    );
    assert_eq!(c.keys["quit"][0].label(), "Ctrl-q");
}

#[test]
fn each_bad_value_is_reported_with_its_line_and_key_and_only_it_falls_back() {
    let text = "\
citation_style = \"apa\"
mouse = \"no\"
osc52 = false
colour = 3

[theme]
heading = \"yelow\"
hit = \"light-red\"
sparkle = \"red\"

[keys]
mark = [\"m\", \"Ctrl-\"]
quit = [\"Ctrl-q\"]
teleport = [\"t\"]
tag = []
";
    let loaded = config::parse(text, "config.toml");
    assert_eq!(
        lines(&loaded),
        vec![
            "config.toml:1:18: citation_style: unknown citation style \"apa\" (known: chicago-note, chicago-short, chicago-bib, bibtex, csl-json, ris); chicago-note is used",
            "config.toml:2:9: mouse: must be true or false; the default is used",
            "config.toml:4:1: colour: unknown setting (ignored); carrel config --default lists them",
            "config.toml:7:11: theme.heading: \"yelow\" is not a colour: write a name (yellow, light-blue, dark-gray, default), #rrggbb or 0-255, optionally after bold, italic, underlined or reversed; the default is used",
            "config.toml:9:1: theme.sparkle: unknown role (ignored); the roles are heading, label, hit, dim, border, title, selected, date, count, status, warning, error, document_title, tab, mark",
            "config.toml:12:14: keys.mark: \"Ctrl-\" is not a key (unknown key name); write keys as j, G, Down, PgDn, Ctrl-d, Alt-x, Shift-Tab, F5, Space; the default keys are kept",
            "config.toml:14:1: keys.teleport: unknown action (ignored); carrel config --default lists them",
            "config.toml:15:7: keys.tag: an empty list would leave the action without a key; the default keys are kept",
        ]
    );
    // The good settings around the bad ones still apply.
    let c = loaded.config;
    assert_eq!(c.citation_style, Style::ChicagoNote);
    assert!(c.mouse, "the default");
    assert!(!c.osc52);
    assert!(!c.theme.contains_key("heading"));
    assert_eq!(c.theme["hit"].colour, Some(Colour::Named(9)));
    assert!(!c.keys.contains_key("mark"));
    assert_eq!(c.keys["quit"][0].label(), "Ctrl-q");
}

#[test]
fn a_syntax_error_is_reported_with_its_line_and_the_rest_still_applies() {
    let text = "\
osc52 = false
mouse = = true
citation_style = \"bibtex\"
";
    let loaded = config::parse(text, "config.toml");
    let problems = lines(&loaded);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("config.toml:2:"), "{problems:?}");
    assert!(
        problems[0].ends_with("(this line is skipped)"),
        "{problems:?}"
    );
    assert!(!loaded.config.osc52);
    assert_eq!(loaded.config.citation_style, Style::Bibtex);
}

#[test]
fn a_missing_file_is_the_defaults_and_no_problem() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = config::load(&dir.path().join("config.toml"));
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.path, None);
    assert_eq!(loaded.config, Config::default());
}
