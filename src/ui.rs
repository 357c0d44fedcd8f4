//! Rendering the reading room: one file per pane; render functions only read state. STUB.
