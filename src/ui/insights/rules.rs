//! The repeat rules editor: N times within D days per fault family, checked before saving.

use egui::Ui;

use crate::i18n::{Lang, T};
use crate::insights::{Family, RuleProblem, Rules};
use crate::ui::widgets::{error_text, muted};

/// Below this width (points) a rule's family name goes on its own line.
const NARROW_RULES: f32 = 460.0;
/// The rules as typed, and what was wrong with them last time.
#[derive(Default)]
pub struct RulesForm {
    typed: Option<[(String, String); 5]>,
    problems: Vec<RuleProblem>,
}

/// What the form asks for.
pub enum RulesAction {
    /// Store these rules.
    Save(Rules),
    /// Back to the defaults.
    Reset,
}

impl RulesForm {
    /// The stored rules were read again: the fields show them unless being edited.
    pub fn stored(&mut self, rules: &Rules, editing: bool) {
        if !editing || self.typed.is_none() {
            self.typed = Some(rules.typed());
            self.problems.clear();
        }
    }

    /// Whether the fields differ from `rules`.
    pub fn edited(&self, rules: &Rules) -> bool {
        self.typed.as_ref().is_some_and(|t| *t != rules.typed())
    }

    /// Draws the form.
    pub fn ui(&mut self, ui: &mut Ui, lang: Lang) -> Option<RulesAction> {
        muted(ui, lang.t(T::InsightsRulesIntro));
        let typed = self.typed.get_or_insert_with(|| Rules::default().typed());
        // On a narrow window (a small till at 200 %) each family's name has its own line.
        let narrow = ui.available_width() < NARROW_RULES;
        egui::Grid::new("repeat_rules")
            .num_columns(if narrow { 4 } else { 5 })
            .show(ui, |ui| {
                for (family, (count, days)) in Family::WARNED.iter().zip(typed.iter_mut()) {
                    let name = lang.t(family.label());
                    ui.label(name);
                    if narrow {
                        ui.end_row();
                    }
                    number(ui, count, &lang.fill(T::RuleCountName, &[("family", name)]));
                    ui.label(lang.t(T::RuleLine));
                    number(ui, days, &lang.fill(T::RuleDaysName, &[("family", name)]));
                    ui.label(lang.t(T::RuleDaysUnit));
                    ui.end_row();
                }
            });
        for p in &self.problems {
            error_text(ui, &p.message(lang));
        }
        let mut action = None;
        ui.horizontal(|ui| {
            if ui.button(lang.t(T::InsightsRulesSave)).clicked() {
                match Rules::from_typed(typed) {
                    Ok(rules) => {
                        self.problems.clear();
                        action = Some(RulesAction::Save(rules));
                    }
                    Err(problems) => self.problems = problems,
                }
            }
            if ui.button(lang.t(T::InsightsRulesReset)).clicked() {
                self.problems.clear();
                action = Some(RulesAction::Reset);
            }
        });
        if matches!(action, Some(RulesAction::Reset)) {
            self.typed = Some(Rules::default().typed());
        }
        action
    }
}

/// A small number box whose accessible name is `name`.
fn number(ui: &mut Ui, value: &mut String, name: &str) {
    let response = ui.add(
        egui::TextEdit::singleline(value)
            .desired_width(48.0)
            .char_limit(4),
    );
    let name = name.to_owned();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name));
}
