//! The Emergency screen: plans, contacts, running a plan, and the customer notice.

use egui::Ui;

use crate::i18n::Lang;
use crate::store::Store;
use crate::ui::app::Command;
use crate::ui::view::SharedView;

/// What the Emergency screen asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum EmergencyCommand {}

/// The Emergency screen's state.
#[derive(Default)]
pub struct EmergencyScreen {}

impl EmergencyScreen {
    /// Re-reads what the screen shows.
    pub fn load(&mut self, _store: &Store) -> Result<(), crate::store::StoreError> {
        Ok(())
    }

    /// Draws the screen.
    pub fn ui(&mut self, _ui: &mut Ui, _view: &SharedView<'_>, _pending: &mut Vec<Command>) {}

    /// Applies `command`: `Ok(Some(text))` is shown as done, `Err(text)` as an error.
    pub fn apply(
        &mut self,
        _store: &mut Store,
        _lang: Lang,
        command: EmergencyCommand,
    ) -> Result<Option<String>, String> {
        match command {}
    }

    /// Draws the full-screen customer notice over everything when it is up.
    pub fn overlay_ui(&mut self, _ctx: &egui::Context, _lang: Lang) {}
}
