//! Zotero.
use super::Sink;
pub fn parse_csl_json(_file: &str, _bytes: &[u8], _sink: &mut dyn Sink) {}
pub fn parse_ris(_file: &str, _text: &str, _sink: &mut dyn Sink) {}
