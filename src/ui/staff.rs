//! The Staff screen (being written).

use egui::Ui;

use crate::i18n::Lang;
use crate::ui::app::Command;
use crate::ui::plan::PlanData;

/// The Staff screen's state.
#[derive(Default)]
pub struct StaffScreen {}

impl StaffScreen {
    /// A save went through: close the open form.
    pub fn saved(&mut self) {}

    /// Draws the screen; intents go into `out`.
    pub fn ui(&mut self, _ui: &mut Ui, _lang: Lang, _plan: &PlanData, _out: &mut Vec<Command>) {}
}
