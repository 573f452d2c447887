//! The Insights screen: what needs attention (warnings, each with what to do, the records behind
//! it and "got it"), and the shop's maintenance in pictures: incidents per month by fault family,
//! the prompts seen most per terminal, the checklist per week, outage minutes and outside
//! backups. A click on a bar opens the history filtered to it.
//!
//! The figures are read once per change (after a write, a new period or device), aggregated in
//! SQL; a frame only draws what was read.

mod charts;
mod figures;
mod rules;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::history::FilterDraft;
use crate::i18n::{Lang, T};
use crate::insights::{Period, Rules, Summary, Warning};
use crate::store::{Records, Store};
use crate::ui::command::{AppCommand, Focus, Out, Outcome, Page, Screen};
use crate::ui::context::{Apply, Context};
use crate::ui::theme::palette;
use crate::ui::widgets::{error_text, muted, named_button, title};
use rules::{RulesAction, RulesForm};

/// From this width (points) the charts go two to a row.
const TWO_CHARTS_FROM: f32 = 640.0;
/// The periods to choose from, in months.
const SPANS: [(u32, T); 3] = [
    (12, T::InsightsMonths12),
    (36, T::InsightsMonths36),
    (120, T::InsightsMonths120),
];

/// What the Insights screen asks to be written.
#[derive(Clone, Debug, PartialEq)]
pub enum InsightsCommand {
    /// Acknowledge a warning (by its key).
    Acknowledge(String),
    /// Store the merchant's repeat rules.
    SaveRules(Rules),
}

/// The Insights screen's state.
pub struct InsightsScreen {
    /// The period's length in months.
    months: u32,
    /// One device, or the whole shop.
    device: Option<i64>,
    /// The figures as last read.
    summary: Summary,
    /// The day and view they were read for; `None`: read again.
    read_for: Option<(NaiveDate, u32, Option<i64>)>,
    /// The stored rules.
    rules: Rules,
    /// The rules being edited.
    form: RulesForm,
    /// A read that failed.
    error: Option<String>,
}

impl Default for InsightsScreen {
    fn default() -> Self {
        InsightsScreen {
            months: 12,
            device: None,
            summary: Summary::default(),
            read_for: None,
            rules: Rules::default(),
            form: RulesForm::default(),
            error: None,
        }
    }
}

impl InsightsScreen {
    /// The figures as last read.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Shows `months` months of one device (or the whole shop); read at the next frame.
    pub fn set_view(&mut self, months: u32, device: Option<i64>) {
        self.months = months;
        self.device = device;
    }

    /// Reads the figures again if the day or the view changed (once, not every frame).
    pub fn refresh(&mut self, store: &Records, today: NaiveDate, lang: Lang) {
        let view = (today, self.months, self.device);
        if self.read_for == Some(view) {
            return;
        }
        self.read_for = Some(view);
        let period = Period::last_months(today, self.months, self.device);
        let read = store
            .devices()
            .and_then(|devices| store.insight_summary(&period, &devices));
        match read {
            Ok(summary) => {
                self.summary = summary;
                self.error = None;
            }
            Err(e) => {
                self.error = Some(lang.fill(T::InsightsReadFailed, &[("detail", &e.message(lang))]))
            }
        }
    }

    fn refresh_from(
        &mut self,
        ui: &Ui,
        store: Option<&Arc<Mutex<Store>>>,
        today: NaiveDate,
        lang: Lang,
    ) {
        if self.read_for == Some((today, self.months, self.device)) {
            return;
        }
        let Some(store) = store else { return };
        match store.try_lock() {
            Ok(s) => self.refresh(&s, today, lang),
            // A backup holds the store: keep what is shown and try again shortly.
            Err(_) => ui.ctx().request_repaint_after(Duration::from_millis(50)),
        }
    }

    fn view_ui(&mut self, ui: &mut Ui, cx: &Context<'_>) {
        let lang = cx.lang;
        ui.horizontal_wrapped(|ui| {
            ui.label(lang.t(T::InsightsPeriod));
            for (months, label) in SPANS {
                if ui
                    .selectable_label(self.months == months, lang.t(label))
                    .clicked()
                {
                    self.months = months;
                }
            }
            ui.add_space(12.0);
            let label = ui.label(lang.t(T::InsightsDevice));
            let shown = self
                .device
                .and_then(|id| cx.devices().iter().find(|d| d.id == id))
                .map(|d| d.fields.name.clone())
                .unwrap_or_else(|| lang.t(T::InsightsWholeShop).to_owned());
            egui::ComboBox::from_id_salt("insights_device")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.device, None, lang.t(T::InsightsWholeShop));
                    for d in cx.devices() {
                        ui.selectable_value(&mut self.device, Some(d.id), &d.fields.name);
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }

    /// The charts, two to a row (one on a narrow window); a click on a bar opens the history
    /// filtered to it.
    fn charts_ui(&mut self, ui: &mut Ui, lang: Lang, out: &mut Out<InsightsCommand>) {
        let s = &self.summary;
        muted(ui, lang.t(T::ChartClickHint));
        let mut clicked = Vec::new();
        if ui.available_width() < TWO_CHARTS_FROM {
            // A narrow window (a small till at 200 %): one chart to a row, each readable.
            clicked.push(figures::incidents(ui, lang, s));
            clicked.push(figures::prompts(ui, lang, s));
            clicked.push(figures::checklist(ui, lang, s));
            clicked.push(figures::outages(ui, lang, s));
            clicked.push(figures::backups(ui, lang, s));
        } else {
            ui.columns(2, |c| {
                clicked.push(figures::incidents(&mut c[0], lang, s));
                clicked.push(figures::prompts(&mut c[1], lang, s));
            });
            ui.columns(2, |c| {
                clicked.push(figures::checklist(&mut c[0], lang, s));
                clicked.push(figures::outages(&mut c[1], lang, s));
            });
            ui.columns(2, |c| {
                clicked.push(figures::backups(&mut c[0], lang, s));
            });
        }
        // The rules get the whole width: their lines are long in English.
        ui.add_space(6.0);
        ui.label(RichText::new(lang.t(T::InsightsRules)).strong());
        let rules = self.form.ui(ui, lang);
        for draft in clicked.into_iter().flatten() {
            out.app(AppCommand::Go(
                Screen::History,
                Some(Focus::HistoryFilter(draft)),
            ));
        }
        match rules {
            Some(RulesAction::Save(rules)) => out.push(InsightsCommand::SaveRules(rules)),
            Some(RulesAction::Reset) => out.push(InsightsCommand::SaveRules(Rules::default())),
            None => {}
        }
    }
}

/// The warnings, open ones with "show records" and "got it"; acknowledged ones only counted.
pub fn warnings_ui(ui: &mut Ui, lang: Lang, warnings: &[Warning], out: &mut Out<InsightsCommand>) {
    let pal = palette(ui);
    let open: Vec<&Warning> = warnings.iter().filter(|w| !w.acknowledged).collect();
    if open.is_empty() {
        ui.label(RichText::new(format!("✓ {}", lang.t(T::InsightsNoWarnings))).color(pal.ok));
    }
    for w in &open {
        let headline = w.headline(lang);
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("⚠ {headline}"))
                    .color(pal.warn)
                    .strong(),
            );
            {
                if !w.incidents.is_empty()
                    && named_button(
                        ui,
                        lang.t(T::InsightsShowRecords),
                        &lang.fill(T::InsightsShowRecordsName, &[("warning", &headline)]),
                    )
                    .clicked()
                {
                    let draft = FilterDraft {
                        from: w.first.format("%Y-%m-%d").to_string(),
                        to: w.last.format("%Y-%m-%d").to_string(),
                        device: w.kind.device_id(),
                        kinds: vec![crate::history::Kind::Incident],
                        ..FilterDraft::default()
                    };
                    out.app(AppCommand::Go(
                        Screen::History,
                        Some(Focus::HistoryFilter(draft)),
                    ));
                }
                if named_button(
                    ui,
                    lang.t(T::InsightsAcknowledge),
                    &lang.fill(T::InsightsAcknowledgeName, &[("warning", &headline)]),
                )
                .clicked()
                {
                    out.push(InsightsCommand::Acknowledge(w.kind.key()));
                }
            }
        });
        muted(ui, lang.t(w.kind.advice()));
        ui.add_space(4.0);
    }
    let acknowledged = warnings.len() - open.len();
    if acknowledged > 0 {
        muted(
            ui,
            &lang.fill(T::InsightsAckedCount, &[("n", &acknowledged.to_string())]),
        );
    }
}

impl Page for InsightsScreen {
    type Command = InsightsCommand;
    const MIN_WIDTH: f32 = crate::ui::panes::NARROWEST;

    fn ui(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<InsightsCommand>) {
        let lang = cx.lang;
        title(ui, lang.t(T::NavInsights));
        muted(ui, lang.t(T::InsightsIntro));
        self.view_ui(ui, cx);
        self.refresh_from(ui, cx.store, cx.today, lang);
        ui.separator();
        cx.from_top(egui::ScrollArea::vertical())
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.label(RichText::new(lang.t(T::InsightsWarnings)).heading());
                warnings_ui(ui, lang, &cx.shared.warnings, out);
                if let Some(e) = &self.error {
                    error_text(ui, e);
                }
                ui.separator();
                self.charts_ui(ui, lang, out);
            });
    }

    fn apply(&mut self, command: InsightsCommand, ax: &mut Apply<'_>) -> Outcome {
        let lang = ax.lang;
        match command {
            InsightsCommand::Acknowledge(key) => {
                let result = ax.store.acknowledge_warning(&key, ax.now);
                Outcome::of_write(result, lang, T::InsightsAcknowledged)
            }
            InsightsCommand::SaveRules(rules) => {
                let result = ax.store.set_repeat_rules(&rules);
                if result.is_ok() {
                    self.form.stored(&rules, false);
                }
                Outcome::of_write(result, lang, T::InsightsRulesSaved)
            }
        }
    }

    fn reload(&mut self, store: &Records, lang: Lang) -> Result<(), String> {
        self.read_for = None;
        match store.repeat_rules() {
            Ok(rules) => {
                let editing = self.form.edited(&self.rules);
                self.form.stored(&rules, editing);
                self.rules = rules;
                Ok(())
            }
            Err(e) => Err(lang.fill(T::InsightsReadFailed, &[("detail", &e.message(lang))])),
        }
    }
}
