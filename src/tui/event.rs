//! What a terminal event means for the reading room: key presses go to the filter
//! line when it is open, else through the keymap; the mouse wheel and left clicks
//! become pointer actions; a resize is one.

use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use super::action::Action;
use super::app::App;
use super::keymap;

pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            if app.finding() && app.help_scroll().is_none() {
                super::find::find_input(key)
            } else if app.filter().editing && app.help_scroll().is_none() {
                keymap::filter_input(key)
            } else {
                keymap::lookup_in(key, &app.key_contexts(), app.key_overrides())
            }
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        _ => None,
    }
}
