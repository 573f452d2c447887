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
mod lookup;
mod planner;
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
