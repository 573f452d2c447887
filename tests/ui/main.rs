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
mod window;
