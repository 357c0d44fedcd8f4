//! The reading room: application state, actions, keymap and the event loop. STUB.

use crate::store::StoreChoice;

/// Opens the reading room on the chosen store.
pub fn run(_choice: StoreChoice) -> anyhow::Result<()> {
    anyhow::bail!("the reading room is not built yet")
}
