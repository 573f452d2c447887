//! POS Care 维护助手: the desktop app and its command line, on top of
//! [`poscare_core`] (the domain and the storage, re-exported here under their own names).
//!
//! * [`cli`] — the headless commands.
//! * [`ui`] — the egui/eframe window.
//! * [`autostart`] — opening when Windows starts (Settings, and the installer's choice).

pub use poscare_core::{
    clock, device, emergency, files, history, i18n, incident, insights, knowledge, planner,
    reminders, store, typed,
};

pub mod autostart;
pub mod cli;
pub mod ui;
