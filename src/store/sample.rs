//! The sample store built into the binary. STUB: being written.

use super::Loaded;

/// Loads the embedded sample store.
pub fn load_builtin() -> Loaded {
    Loaded::default()
}
