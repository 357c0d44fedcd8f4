//! Stores written for a test: an `archive.json` and record files, a record a line.
#![allow(dead_code, clippy::unwrap_used)] // Each test file uses part of it.

use std::fs;
use std::path::{Path, PathBuf};

/// The store `dir/store`: an archive titled "Test" and each `(file name, lines)` under
/// `records/`, every line ended.
pub fn write_store<L: AsRef<str>>(dir: &Path, files: &[(&str, &[L])]) -> PathBuf {
    let store = dir.join("store");
    fs::create_dir_all(store.join("records")).unwrap();
    fs::write(
        store.join("archive.json"),
        r#"{"schema_version": 1, "id": "t", "title": "Test"}"#,
    )
    .unwrap();
    for (name, lines) in files {
        let mut text = String::new();
        for line in *lines {
            text.push_str(line.as_ref());
            text.push('\n');
        }
        fs::write(store.join("records").join(name), text).unwrap();
    }
    store
}
