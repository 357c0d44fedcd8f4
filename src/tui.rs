//! The reading room: application state, actions, keymap and the event loop. STUB.
