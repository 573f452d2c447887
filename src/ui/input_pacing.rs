//! One focus change per frame: typing before a Tab or a click stays in the field it was typed
//! into, typing after it goes to the field it moved to.
//!
//! egui hands each frame all the input that arrived since the last one, and a text box takes all
//! the typed text of the frame it has the keyboard in. A barcode scanner, or a fast typist on a
//! slow till, can put "1234⇥5678" or "A8, click, 95534" into one frame: without pacing, the text
//! after the Tab or the click went into the field before it, or was lost (a terminal ID cut short
//! without a word). [`InputPacing`] cuts a frame's events at a focus change and hands the rest to
//! the next frames, in order; the app asks for those frames at once.

use egui::{Event, Key, RawInput};

/// The events held back for the next frames.
#[derive(Default)]
pub struct InputPacing {
    held: Vec<Event>,
}

impl InputPacing {
    /// Keeps in `raw` the events of this frame (the held ones first); returns whether some are
    /// held for the next frame (ask for one at once).
    pub fn pace(&mut self, raw: &mut RawInput) -> bool {
        let mut events = std::mem::take(&mut self.held);
        events.append(&mut raw.events);
        if let Some(cut) = cut(&events) {
            self.held = events.split_off(cut);
        }
        raw.events = events;
        !self.held.is_empty()
    }
}

/// Where this frame's events end: before a focus change that follows typing, or after one that
/// typing follows; `None` when they can all go in one frame.
fn cut(events: &[Event]) -> Option<usize> {
    let first = events.iter().position(moves_focus)?;
    if events[..first].iter().any(is_typing) {
        return Some(first);
    }
    let after = first + 1;
    events[after..]
        .iter()
        .any(|e| is_typing(e) || moves_focus(e))
        .then_some(after)
}

/// A Tab (with or without Shift) or a mouse button going down or up.
fn moves_focus(event: &Event) -> bool {
    matches!(
        event,
        Event::Key {
            key: Key::Tab,
            pressed: true,
            ..
        } | Event::PointerButton { .. }
    )
}

/// Text, a pasted text, an input method's text, or a key going down.
fn is_typing(event: &Event) -> bool {
    matches!(
        event,
        Event::Text(_) | Event::Paste(_) | Event::Ime(_) | Event::Key { pressed: true, .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Modifiers, PointerButton, pos2};

    fn text(s: &str) -> Event {
        Event::Text(s.to_owned())
    }

    fn tab() -> Event {
        Event::Key {
            key: Key::Tab,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        }
    }

    fn button(pressed: bool) -> Event {
        Event::PointerButton {
            pos: pos2(10.0, 10.0),
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        }
    }

    /// The frames `events` are handed out in.
    fn frames(events: Vec<Event>) -> Vec<Vec<Event>> {
        let mut pacing = InputPacing::default();
        let mut raw = RawInput {
            events,
            ..Default::default()
        };
        let mut out = Vec::new();
        loop {
            let more = pacing.pace(&mut raw);
            out.push(std::mem::take(&mut raw.events));
            if !more {
                return out;
            }
        }
    }

    #[test]
    fn typing_with_no_focus_change_is_one_frame() {
        assert_eq!(
            frames(vec![text("1"), text("2")]),
            vec![vec![text("1"), text("2")]]
        );
    }

    #[test]
    fn a_tab_between_typing_gets_a_frame_of_its_own() {
        assert_eq!(
            frames(vec![text("1234"), tab(), text("5678")]),
            vec![vec![text("1234")], vec![tab()], vec![text("5678")]]
        );
    }

    #[test]
    fn a_click_after_typing_waits_for_the_next_frame_and_typing_after_it_too() {
        assert_eq!(
            frames(vec![text("A8"), button(true), button(false), text("9")]),
            vec![
                vec![text("A8")],
                vec![button(true)],
                vec![button(false)],
                vec![text("9")]
            ]
        );
    }

    #[test]
    fn a_click_alone_or_typing_after_nothing_is_not_held() {
        assert_eq!(
            frames(vec![button(true), button(false)]),
            vec![vec![button(true)], vec![button(false)]]
        );
        assert_eq!(frames(vec![tab()]), vec![vec![tab()]]);
    }

    #[test]
    fn held_events_come_before_the_next_frames_own() {
        let mut pacing = InputPacing::default();
        let mut raw = RawInput {
            events: vec![text("1"), tab(), text("2")],
            ..Default::default()
        };
        assert!(pacing.pace(&mut raw));
        assert_eq!(raw.events, vec![text("1")]);
        raw.events = vec![text("3")];
        assert!(pacing.pace(&mut raw));
        assert_eq!(raw.events, vec![tab()]);
        raw.events = vec![];
        assert!(!pacing.pace(&mut raw));
        assert_eq!(raw.events, vec![text("2"), text("3")]);
    }
}
