//! The History screen: one timeline of everything kept, filters, corrections and export.

use std::sync::{Arc, Mutex};

use egui::Ui;

use crate::i18n::Lang;
use crate::store::Store;
use crate::ui::app::Command;
use crate::ui::view::SharedView;

/// What the History screen asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum HistoryCommand {}

/// The History screen's state.
#[derive(Default)]
pub struct HistoryScreen {}

impl HistoryScreen {
    /// Something was written: query again when next shown.
    pub fn invalidate(&mut self) {}

    /// Draws the screen; `store` is for reading the rows in view.
    pub fn ui(
        &mut self,
        _ui: &mut Ui,
        _view: &SharedView<'_>,
        _store: Option<&Arc<Mutex<Store>>>,
        _pending: &mut Vec<Command>,
    ) {
    }

    /// Applies `command`: `Ok(Some(text))` is shown as done, `Err(text)` as an error.
    pub fn apply(
        &mut self,
        _store: &mut Store,
        _lang: Lang,
        command: HistoryCommand,
    ) -> Result<Option<String>, String> {
        match command {}
    }
}
