//! Parsing records whose texts' bodies will be left on disk without keeping those
//! bodies: they are most of a store's bytes, and allocating, copying and freeing
//! hundreds of megabytes of text only to drop it was a quarter of a first open.
//!
//! While [`skimming`] runs on a thread, a text's `body` deserializes to `"x"` when
//! the JSON string has anything but whitespace in it and to `""` otherwise: enough for
//! [`super::lazy::set_aside`] to know whether the record has a full text. Only records
//! that parse without a problem are set aside; any other is parsed again in full, so
//! a mended record keeps its real texts.

use std::cell::Cell;
use std::fmt;

use serde::de::{Error, Visitor};
use serde::{Deserialize, Deserializer};

thread_local! {
    static SKIMMING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `parse` with texts' bodies skimmed (see the module's description).
pub(crate) fn skimming<T>(parse: impl FnOnce() -> T) -> T {
    /// Restores the flag however `parse` ends.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            SKIMMING.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(SKIMMING.with(|s| s.replace(true)));
    parse()
}

/// The `deserialize_with` of `Text::body`.
pub(crate) fn body<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    if SKIMMING.with(Cell::get) {
        deserializer.deserialize_str(Skim)
    } else {
        String::deserialize(deserializer)
    }
}

struct Skim;

impl Visitor<'_> for Skim {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<String, E> {
        let blank = text.trim().is_empty();
        Ok(if blank {
            String::new()
        } else {
            "x".to_string()
        })
    }
}
