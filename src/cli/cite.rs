//! `carrel cite ID... [--style S]`: each record's citation, in the order asked.
//! An id the store does not have is reported on stderr and the rest still printed
//! (exit 1). Output is sanitised when it goes to a terminal; to a pipe or a file it
//! is written as it is, so that a CSL-JSON or RIS file holds exactly the text.

use std::io::IsTerminal;

use anyhow::Result;

use super::Outcome;
use super::args::CiteArgs;
use super::output::Out;
use crate::cite::{self, Style};
use crate::store::{Record, Store};
use crate::text::{sanitize, sanitize_line};

pub fn cite(store: &Store, args: &CiteArgs, default_style: Style) -> Result<Outcome> {
    let style = args.style.unwrap_or(default_style);
    let mut found: Vec<&Record> = Vec::new();
    let mut missing = 0;
    for id in &args.ids {
        match store.record(id) {
            Some(record) => found.push(record),
            None => {
                missing += 1;
                tell!(
                    "carrel: no record {:?} in this store (carrel search finds ids)",
                    sanitize_line(id)
                );
            }
        }
    }
    if !found.is_empty() {
        let text = cite::cite_all(&found, style);
        let mut out = Out::stdout();
        if std::io::stdout().is_terminal() {
            out.line(&sanitize(&text))?;
        } else {
            out.line(&text)?;
        }
        out.flush()?;
    }
    Ok(if missing > 0 || found.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// Parses `--style` for clap.
pub fn parse_style(text: &str) -> Result<Style, String> {
    text.parse::<Style>().map_err(|e| e.to_string())
}
