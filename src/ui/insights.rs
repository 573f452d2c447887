//! The Insights screen: what needs attention (warnings, each with what to do, the records behind
//! it and "got it"), and the shop's maintenance in pictures: incidents per month by fault family,
//! the prompts seen most per terminal, the checklist per week, outage minutes and outside
//! backups. A click on a bar opens the history filtered to it.
//!
//! The figures are read once per change (after a write, a new period or device), aggregated in
//! SQL; a frame only draws what was read.

mod charts;
mod rules;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::history::FilterDraft;
use crate::i18n::{Lang, T};
use crate::insights::svg::{LATE, MISSED, ON_TIME, PLAIN, family_color};
use crate::insights::{Family, Period, Rules, Summary, Warning};
use crate::store::{Records, Store};
use crate::ui::command::{AppCommand, Focus, Out, Outcome, Page, Screen};
use crate::ui::context::{Apply, Context};
use crate::ui::theme::palette;
use crate::ui::widgets::{error_text, muted, named_button, title};
use charts::{Direction, Series, bars, color};
use rules::{RulesAction, RulesForm};

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

    fn charts_ui(&self, ui: &mut Ui, lang: Lang, out: &mut Out<InsightsCommand>) {
        let s = &self.summary;
        let months: Vec<String> = s.months.iter().map(|m| m.label()).collect();
        let go = |out: &mut Out<InsightsCommand>, draft: Option<FilterDraft>| {
            if let Some(draft) = draft {
                out.app(AppCommand::Go(
                    Screen::History,
                    Some(Focus::HistoryFilter(draft)),
                ));
            }
        };
        muted(ui, lang.t(T::ChartClickHint));

        chart_title(ui, lang.t(T::ChartIncidents));
        let series: Vec<Series> = Family::ALL
            .iter()
            .map(|f| Series {
                name: lang.t(f.label()).to_owned(),
                color: color(family_color(*f)),
                values: s
                    .months
                    .iter()
                    .map(|m| f64::from(m.by_family[f.index()]))
                    .collect(),
            })
            .collect();
        let clicked = bars(
            ui,
            &chart_name(lang, T::ChartIncidents),
            &months,
            &series,
            Direction::Up,
            lang.t(T::ChartTimes),
        );
        go(out, clicked.and_then(|i| s.month_incidents(i)));

        chart_title(ui, lang.t(T::ChartPrompts));
        if s.prompts.is_empty() {
            muted(ui, lang.t(T::ChartNothing));
        } else {
            let labels: Vec<String> = s
                .prompts
                .iter()
                .map(|p| format!("{} · {}", p.device, shorten(&p.prompt, 16)))
                .collect();
            // One series per family present, so each bar keeps its family's colour.
            let series: Vec<Series> = Family::ALL
                .iter()
                .filter(|f| s.prompts.iter().any(|p| p.family == **f))
                .map(|f| Series {
                    name: lang.t(f.label()).to_owned(),
                    color: color(family_color(*f)),
                    values: s
                        .prompts
                        .iter()
                        .map(|p| {
                            if p.family == *f {
                                f64::from(p.count)
                            } else {
                                0.0
                            }
                        })
                        .collect(),
                })
                .collect();
            let clicked = bars(
                ui,
                &chart_name(lang, T::ChartPrompts),
                &labels,
                &series,
                Direction::Right,
                lang.t(T::ChartTimes),
            );
            go(out, clicked.and_then(|i| s.prompt_incidents(i)));
        }

        chart_title(ui, lang.t(T::ChartChecklist));
        let weeks: Vec<String> = s
            .weeks
            .iter()
            .map(|w| w.start.format("%m-%d").to_string())
            .collect();
        let series = [
            (T::ChartOnTime, ON_TIME, 0),
            (T::ChartLate, LATE, 1),
            (T::ChartMissed, MISSED, 2),
        ]
        .map(|(name, c, which)| Series {
            name: lang.t(name).to_owned(),
            color: color(c),
            values: s
                .weeks
                .iter()
                .map(|w| f64::from([w.on_time, w.late, w.missed][which]))
                .collect(),
        });
        let clicked = bars(
            ui,
            &chart_name(lang, T::ChartChecklist),
            &weeks,
            &series,
            Direction::Up,
            lang.t(T::ChartTimes),
        );
        go(out, clicked.and_then(|i| s.week_checklist(i)));

        chart_title(ui, lang.t(T::ChartOutages));
        let series = [Series {
            name: lang.t(T::ChartMinutes).to_owned(),
            color: color(PLAIN),
            values: s
                .months
                .iter()
                .map(|m| f64::from(m.outage_minutes))
                .collect(),
        }];
        let clicked = bars(
            ui,
            &chart_name(lang, T::ChartOutages),
            &months,
            &series,
            Direction::Up,
            "",
        );
        go(out, clicked.and_then(|i| s.month_outages(i)));

        chart_title(ui, lang.t(T::ChartBackups));
        match s.backups.last() {
            None => muted(ui, lang.t(T::ChartNothing)),
            Some(last) => muted(
                ui,
                &lang.fill(
                    T::ChartBackupCount,
                    &[
                        ("n", &s.backups.len().to_string()),
                        ("last", &last.format("%Y-%m-%d %H:%M").to_string()),
                    ],
                ),
            ),
        }
        // Each bar's hover lists when that month's backups were made.
        let labels: Vec<String> = s
            .months
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let times: Vec<String> = s
                    .month_backups(i)
                    .iter()
                    .map(|t| t.format("%m-%d %H:%M").to_string())
                    .collect();
                match times.is_empty() {
                    true => m.label(),
                    false => format!("{}\n{}", m.label(), times.join("\n")),
                }
            })
            .collect();
        let series = [Series {
            name: lang.t(T::ChartBackups).to_owned(),
            color: color(PLAIN),
            values: (0..s.months.len())
                .map(|i| s.month_backups(i).len() as f64)
                .collect(),
        }];
        let clicked = bars(
            ui,
            &chart_name(lang, T::ChartBackups),
            &labels,
            &series,
            Direction::Up,
            lang.t(T::ChartTimes),
        );
        go(out, clicked.and_then(|i| s.month_backup_history(i)));
    }
}

/// A chart's accessible name ("Chart: …"), distinct from its heading.
fn chart_name(lang: Lang, chart: T) -> String {
    lang.fill(T::ChartName, &[("chart", lang.t(chart))])
}

/// A chart's heading.
fn chart_title(ui: &mut Ui, text: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new(text).strong());
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
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
        ui.group(|ui| {
            ui.label(
                RichText::new(format!("⚠ {headline}"))
                    .color(pal.warn)
                    .strong(),
            );
            ui.label(lang.t(w.kind.advice()));
            ui.horizontal(|ui| {
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
            });
        });
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

    fn ui(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<InsightsCommand>) {
        let lang = cx.lang;
        title(ui, lang.t(T::NavInsights));
        muted(ui, lang.t(T::InsightsIntro));
        self.view_ui(ui, cx);
        self.refresh_from(ui, cx.store, cx.today, lang);
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.label(RichText::new(lang.t(T::InsightsWarnings)).heading());
                warnings_ui(ui, lang, &cx.shared.warnings, out);
                if let Some(e) = &self.error {
                    error_text(ui, e);
                }
                ui.separator();
                self.charts_ui(ui, lang, out);
                ui.separator();
                ui.label(RichText::new(lang.t(T::InsightsRules)).heading());
                match self.form.ui(ui, lang) {
                    Some(RulesAction::Save(rules)) => out.push(InsightsCommand::SaveRules(rules)),
                    Some(RulesAction::Reset) => {
                        out.push(InsightsCommand::SaveRules(Rules::default()))
                    }
                    None => {}
                }
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
