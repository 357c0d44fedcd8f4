//! Loading a store from a folder or a single file. STUB: being written.

use std::path::Path;

use super::{Problem, Store, StoreError};

/// A store and the problems found while loading it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub store: Store,
    pub problems: Vec<Problem>,
}

/// Loads a store folder or single-file store. Bad records are reported in
/// `problems` and the rest load; only a store that cannot be read at all is an error.
pub fn load_path(path: &Path) -> Result<Loaded, StoreError> {
    Err(StoreError::NotAStore {
        path: path.to_path_buf(),
        why: "loader not written yet".into(),
    })
}
