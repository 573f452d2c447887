//! The Insights screen: what needs attention (warnings, each with what to do, the records behind
//! it and "got it"), and the shop's maintenance in pictures: incidents per month by fault family,
//! the prompts seen most per terminal, the checklist per week (or month), outage minutes and
//! outside backups, for the last 12 months, 3 or 10 years or the merchant's own days. A click on
//! a bar opens the history filtered to it.
//!
//! The figures are read on a worker (`loading.rs`) when the period, the device or the data
//! change, aggregated in SQL; meanwhile the screen says it is counting, and it never shows
//! figures of another period as this one's. A frame only draws what was read.

mod axis;
mod charts;
mod figures;
mod loading;
mod period;
mod rules;

use egui::{RichText, Ui};

use crate::history::FilterDraft;
use crate::i18n::{Lang, T};
use crate::insights::{Period, Rules, Summary, Warning};
use crate::store::Records;
use crate::ui::command::{AppCommand, Focus, Out, Outcome, Page, Screen};
use crate::ui::context::{Apply, Context};
use crate::ui::theme::palette;
use crate::ui::widgets::{error_text, muted, named_button, title};
use loading::{Key, Loader};
use period::{PeriodPicker, Span};
use rules::{RulesAction, RulesForm};

/// From this width (points) the charts go two to a row.
const TWO_CHARTS_FROM: f32 = 640.0;

/// What the Insights screen asks to be written.
#[derive(Clone, Debug, PartialEq)]
pub enum InsightsCommand {
    /// Acknowledge a warning (by its key).
    Acknowledge(String),
    /// Store the merchant's repeat rules.
    SaveRules(Rules),
}

/// The Insights screen's state.
#[derive(Default)]
pub struct InsightsScreen {
    /// The period and device chosen.
    picker: PeriodPicker,
    /// The figures as last read.
    summary: Summary,
    /// What they were read for.
    shown: Option<Key>,
    /// The newest read asked for.
    requested: Option<Key>,
    /// Counts the reloads (after any write): figures read before one are read again.
    generation: u64,
    /// The read under way.
    loader: Loader,
    /// The stored rules.
    rules: Rules,
    /// The rules being edited.
    form: RulesForm,
    /// A read that failed, and for which period.
    error: Option<(Period, String)>,
}

impl InsightsScreen {
    /// The figures as last read.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Shows `months` months of one device (or the whole shop); read from the next frame.
    pub fn set_view(&mut self, months: u32, device: Option<i64>) {
        self.picker.span = Span::Months(months);
        self.picker.device = device;
    }

    /// Whether the custom range's fields are open.
    pub fn custom_range_open(&self) -> bool {
        self.picker.custom_open()
    }

    /// Takes the newest read's figures if they are ready, then asks for the figures of
    /// `wanted` if they are not those asked for last.
    fn refresh(&mut self, ui: &Ui, cx: &Context<'_>, wanted: Key) {
        if let Some((key, result)) = self.loader.poll()
            && Some(key) == self.requested
        {
            match result {
                Ok(summary) => {
                    self.summary = summary;
                    self.shown = Some(key);
                    self.error = None;
                }
                Err(e) => {
                    let detail = e.message(cx.lang);
                    let message = cx.lang.fill(T::InsightsReadFailed, &[("detail", &detail)]);
                    self.error = Some((key.0, message));
                }
            }
        }
        if self.requested == Some(wanted) {
            return;
        }
        if let Some(store) = cx.store {
            let devices = cx.devices().to_vec();
            self.loader
                .request(wanted, store.clone(), devices, ui.ctx().clone());
            self.requested = Some(wanted);
        }
    }

    /// The figures, the reason they cannot be shown, or "counting" while they are read.
    fn figures_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        wanted: Period,
        out: &mut Out<InsightsCommand>,
    ) {
        if self.shown.map(|(p, _)| p) == Some(wanted) {
            self.charts_ui(ui, lang, out);
        } else if let Some((_, message)) = self.error.as_ref().filter(|(p, _)| *p == wanted) {
            error_text(ui, message);
        } else {
            muted(ui, lang.t(T::InsightsChartsPending));
        }
        // The rules get the whole width: their lines are long in English.
        ui.add_space(6.0);
        ui.label(RichText::new(lang.t(T::InsightsRules)).strong());
        match self.form.ui(ui, lang) {
            Some(RulesAction::Save(rules)) => out.push(InsightsCommand::SaveRules(rules)),
            Some(RulesAction::Reset) => out.push(InsightsCommand::SaveRules(Rules::default())),
            None => {}
        }
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
        for draft in clicked.into_iter().flatten() {
            open_history(out, draft);
        }
    }
}

/// Opens the history filtered by `draft`.
fn open_history(out: &mut Out<InsightsCommand>, draft: FilterDraft) {
    out.app(AppCommand::Go(
        Screen::History,
        Some(Focus::HistoryFilter(draft)),
    ));
}

/// The warnings, open ones with "show records" and "got it"; acknowledged ones only counted.
/// While the records could not be read (`unread`), no warning is no all-clear.
pub fn warnings_ui(
    ui: &mut Ui,
    lang: Lang,
    warnings: &[Warning],
    unread: bool,
    out: &mut Out<InsightsCommand>,
) {
    let pal = palette(ui);
    let open: Vec<&Warning> = warnings.iter().filter(|w| !w.acknowledged).collect();
    if open.is_empty() && !unread {
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
                    open_history(out, draft);
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
        // Everything scrolls, the choices too: at 200 % on a small till a fixed header would
        // leave the page no room.
        cx.from_top(egui::ScrollArea::vertical())
            .auto_shrink([false, false])
            .show(ui, |ui| {
                muted(ui, lang.t(T::InsightsIntro));
                self.picker.ui(ui, cx);
                let wanted = self.picker.period(cx.today);
                self.refresh(ui, cx, (wanted, self.generation));
                let ready = self.shown.map(|(p, _)| p) == Some(wanted);
                let failed = self.error.as_ref().is_some_and(|(p, _)| *p == wanted);
                if !ready && !failed && cx.store.is_some() {
                    ui.horizontal(|ui| {
                        ui.add(egui::Spinner::new());
                        ui.label(lang.t(T::InsightsCounting));
                    });
                }
                ui.separator();
                ui.label(RichText::new(lang.t(T::InsightsWarnings)).heading());
                warnings_ui(ui, lang, &cx.shared.warnings, failed, out);
                ui.separator();
                self.figures_ui(ui, lang, wanted, out);
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
        // The figures may have changed: read them again (the ones shown stay until then).
        self.generation += 1;
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

    fn busy(&self) -> bool {
        self.loader.busy()
    }
}
