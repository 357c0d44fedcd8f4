//! The layers keep to their side, read from the sources: the store, the search and
//! the importers know nothing of the terminal, and the reading room's state, update
//! and view model (`src/tui`) import nothing of how it looks (`src/ui`).

use std::fs;
use std::path::{Path, PathBuf};

fn sources(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut found = Vec::new();
    if let Ok(entries) = fs::read_dir(path) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(sources(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found
}

/// Every `(file, line)` under the named parts of `src/` that mentions one of `words`
/// outside a comment.
fn mentions(parts: &[&str], words: &[&str]) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for part in parts {
        for file in sources(&src.join(part)) {
            let text = fs::read_to_string(&file).expect("a readable source file");
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if words.iter().any(|w| code.contains(w)) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

/// The parts of the library that must not know of terminals (those that exist).
const NO_TERMINAL: &[&str] = &[
    "across",
    "across.rs",
    "store",
    "store.rs",
    "search",
    "search.rs",
    "open.rs",
    "present.rs",
    "synth",
    "synth.rs",
    "import",
    "import.rs",
    "cite",
    "cite.rs",
    "desk",
    "desk.rs",
    "config.rs",
    "export.rs",
];

#[test]
fn the_store_the_search_and_the_importers_import_no_terminal_crate() {
    let found = mentions(NO_TERMINAL, &["ratatui", "crossterm"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_state_update_and_view_model_import_nothing_of_the_ui() {
    let found = mentions(
        &["tui", "tui.rs"],
        &["crate::ui", "carrel::ui", "super::ui"],
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_reads_real_sources() {
    // A test that finds nothing because it read nothing would pass whatever the code.
    assert!(!mentions(&["ui"], &["ratatui"]).is_empty());
    assert!(!mentions(&["room"], &["crate::ui"]).is_empty());
    assert!(!mentions(&["tui"], &["App"]).is_empty());
}
