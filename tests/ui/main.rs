//! The window's flows on the real `App`, through the one harness factory (`poscare::ui::testing`):
//! one test program for every screen, so that the graphics stack is linked once for all of them.

#[path = "../common/mod.rs"]
mod common;

mod backups;
mod data_safety;
mod devices;
mod emergency;
mod history;
mod insights;
mod layout;
mod layout_states;
mod lookup;
mod planner;
mod reminders;
mod safety_net;
mod staff;
mod today;
mod window;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use poscare::ui::app::App;

/// The full path the field labelled `field` suggests where there is no file dialog, checked to
/// be absolute and outside the data folder `data_dir`.
fn suggested_path(h: &Harness<'static, App>, field: &str, data_dir: &Path) -> PathBuf {
    let value = h.get_by_label(field).accesskit_node().value();
    let suggested = PathBuf::from(value.unwrap_or_default());
    assert!(suggested.is_absolute(), "{suggested:?}");
    assert!(!suggested.starts_with(data_dir), "{suggested:?}");
    suggested
}

/// A till's window: 1024×700 points at 100 %.
fn till(data_dir: &Path) -> Harness<'static, App> {
    poscare::ui::testing::harness_sized(
        data_dir,
        None,
        std::sync::Arc::new(poscare::ui::instance::ShowRequests::default()),
        egui::vec2(1024.0, 700.0),
    )
}

/// The accessible name of the widget the keyboard is on.
fn focused(h: &Harness<'static, App>) -> Option<String> {
    h.query_by(|n| n.is_focused())
        .and_then(|n| n.accesskit_node().label())
}

/// Presses `key` and waits until the app is idle.
fn press(h: &mut Harness<'static, App>, key: egui::Key) {
    h.key_press(key);
    poscare::ui::testing::settle(h);
}

/// Presses Tab until the keyboard is on the widget named `name` (as a person would, with no
/// mouse); fails when a whole round of the window does not reach it.
fn tab_to(h: &mut Harness<'static, App>, name: &str) {
    let mut seen = Vec::new();
    for _ in 0..250 {
        if focused(h).as_deref() == Some(name) {
            return;
        }
        seen.push(focused(h).unwrap_or_default());
        press(h, egui::Key::Tab);
    }
    panic!("Tab never reaches “{name}”; it went through: {seen:?}");
}

/// Types `text` on the keyboard into the focused field.
fn type_keys(h: &mut Harness<'static, App>, text: &str) {
    h.event(egui::Event::Text(text.to_owned()));
    poscare::ui::testing::settle(h);
}
