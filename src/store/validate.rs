//! Checks that serde cannot express: ids, uniqueness, references. STUB: being written.
