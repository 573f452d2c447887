//! The History screen: one timeline of everything kept, filters, corrections and export.
//!
//! The screen keeps only the ids matching the filter (one indexed query per filter change) and
//! reads the rows in view in pages, cached ([`table`]). Reads use `try_lock`: while a backup or an
//! export chunk holds the store, the cached rows stay on screen and the read is retried next frame.

mod detail;
mod export;
mod table;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use egui::{RichText, Ui};

use crate::history::filter::MAX_TEXT;
use crate::history::{Filter, FilterDraft, FilterProblem, Kind};
use crate::i18n::{Lang, T};
use crate::store::{Records, Store};
use crate::ui::command::{Focus, Out, Outcome, Page};
use crate::ui::context::{Apply, Context};
use crate::ui::widgets::{DATE_CHARS, TextField, error_text, muted, named_toggle, title};

/// What the History screen asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum HistoryCommand {
    /// Correct an entry's text, keeping the original.
    Amend {
        /// The history entry.
        id: i64,
        /// The corrected text.
        text: String,
        /// Why (required).
        reason: String,
    },
    /// Declare an entry void (it stays, marked).
    Void {
        /// The history entry.
        id: i64,
        /// Why (required).
        reason: String,
    },
}

/// The History screen's state.
#[derive(Default)]
pub struct HistoryScreen {
    draft: FilterDraft,
    /// The filter the ids are for.
    filter: Filter,
    problems: Vec<FilterProblem>,
    /// Whether `timeline` matches the database and `filter`.
    fresh: bool,
    /// Why the last read of the timeline failed, shown until a read succeeds.
    read_error: Option<String>,
    timeline: table::Timeline,
    detail: detail::DetailPanel,
    export: export::ExportPanel,
}

impl HistoryScreen {
    /// Something was written: query again when next shown.
    pub fn invalidate(&mut self) {
        self.fresh = false;
        self.detail.invalidate();
    }

    /// The filter in force.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// How many entries match the filter (as last read).
    pub fn count(&self) -> usize {
        self.timeline.ids().len()
    }

    /// Whether an export is running.
    pub fn exporting(&self) -> bool {
        self.export.running()
    }

    /// Re-reads the ids of the filter now (blocking on the store: for tests and benchmarks).
    pub fn refresh(&mut self, store: &Store) -> Result<(), crate::store::StoreError> {
        self.timeline.requery(store, &self.filter)?;
        self.fresh = true;
        Ok(())
    }

    /// Sets the filter's fields as if typed (for tests and benchmarks); `Err` lists the problems.
    pub fn set_filter(&mut self, draft: FilterDraft) -> Result<(), Vec<FilterProblem>> {
        self.draft = draft;
        self.revalidate();
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.problems.clone())
        }
    }

    fn revalidate(&mut self) {
        match self.draft.validate() {
            Ok(filter) => {
                self.problems.clear();
                if filter != self.filter {
                    self.filter = filter;
                    self.fresh = false;
                }
            }
            Err(problems) => self.problems = problems,
        }
    }

    /// Draws the screen; `store` is for reading the rows in view.
    fn draw(
        &mut self,
        ui: &mut Ui,
        cx: &Context<'_>,
        store: Option<&Arc<Mutex<Store>>>,
        pending: &mut Out<HistoryCommand>,
    ) {
        let lang = cx.lang;
        title(ui, lang.t(T::HistTitle));
        muted(ui, lang.t(T::HistIntro));
        // On a short window (200 % zoom on a 768-pixel screen) the filters and the export scroll
        // in their own band, so the timeline always keeps room for its rows.
        let band = (ui.available_height() - TIMELINE_MIN_HEIGHT).max(90.0);
        egui::ScrollArea::vertical()
            .id_salt("history_filters")
            .max_height(band)
            .show(ui, |ui| self.header_ui(ui, cx, store));
        ui.separator();
        if let Some(id) = self.timeline.selected() {
            egui::Panel::right("history_side")
                .resizable(true)
                .default_size(420.0)
                .min_size(320.0)
                .show(ui, |ui| {
                    let close = self.detail.ui(ui, lang, id, store, pending);
                    if close {
                        self.timeline.select(None);
                    }
                });
        }
        self.timeline.ui(ui, lang, store);
    }

    /// The filters, the count and the export bar.
    fn header_ui(&mut self, ui: &mut Ui, cx: &Context<'_>, store: Option<&Arc<Mutex<Store>>>) {
        let lang = cx.lang;
        self.filter_ui(ui, cx);
        if !self.fresh
            && let Some(store) = store
        {
            match store.try_lock() {
                Ok(s) => {
                    // Fresh either way: a failed read is not retried every frame.
                    self.fresh = true;
                    self.read_error = self
                        .timeline
                        .requery(&s, &self.filter)
                        .err()
                        .map(|e| lang.fill(T::ErrStorage, &[("detail", &e.message(lang))]));
                }
                Err(_) => ui.ctx().request_repaint_after(Duration::from_millis(50)),
            }
        }
        if let Some(message) = &self.read_error {
            error_text(ui, message);
        }
        ui.horizontal_wrapped(|ui| {
            let n = self.timeline.ids().len();
            ui.label(RichText::new(lang.fill(T::HistCount, &[("n", &group_digits(n))])).strong());
            ui.add_space(16.0);
            self.export
                .ui(ui, cx, store, &self.filter, self.timeline.ids());
        });
    }

    fn filter_ui(&mut self, ui: &mut Ui, cx: &Context<'_>) {
        let lang = cx.lang;
        let mut changed = false;
        let mut refusal = None;
        ui.horizontal_wrapped(|ui| {
            for (key, value) in [
                (T::HistFrom, &mut self.draft.from),
                (T::HistTo, &mut self.draft.to),
            ] {
                let (r, refused) = TextField::new(lang.t(key), value, DATE_CHARS)
                    .hint(lang.t(T::HistDateHint))
                    .width(120.0)
                    .show(ui, lang);
                changed |= r.changed();
                refusal = refusal.take().or(refused);
            }
            changed |= id_combo(
                ui,
                (lang.t(T::HistColDevice), lang.t(T::HistDevice)),
                lang.t(T::HistAllDevices),
                &device_options(lang, cx),
                &mut self.draft.device,
            );
            changed |= id_combo(
                ui,
                (lang.t(T::HistColStaff), lang.t(T::HistStaff)),
                lang.t(T::HistAllStaff),
                &staff_options(lang, cx),
                &mut self.draft.staff,
            );
            let (r, refused) =
                TextField::new(lang.t(T::HistSearch), &mut self.draft.text, MAX_TEXT)
                    .hint(lang.t(T::HistSearchHint))
                    .width(180.0)
                    .show(ui, lang);
            changed |= r.changed();
            refusal = refusal.take().or(refused);
            if ui.button(lang.t(T::HistClear)).clicked() {
                self.draft = FilterDraft::default();
                changed = true;
            }
        });
        ui.horizontal_wrapped(|ui| {
            muted(ui, lang.t(T::HistKinds));
            for kind in Kind::ALL {
                let on = self.draft.kinds.contains(&kind);
                let text = format!("{} {}", kind.symbol(), lang.t(kind.label()));
                let name = lang.fill(T::HistKindChip, &[("kind", lang.t(kind.label()))]);
                if named_toggle(ui, on, text, &name).clicked() {
                    if on {
                        self.draft.kinds.retain(|k| *k != kind);
                    } else {
                        self.draft.kinds.push(kind);
                    }
                    changed = true;
                }
            }
        });
        if changed {
            self.revalidate();
        }
        if let Some(message) = refusal {
            error_text(ui, &message);
        }
        for problem in &self.problems {
            error_text(ui, &problem.message(lang));
        }
    }

    /// Shows everything about one device.
    fn show_device(&mut self, id: i64) {
        self.show_filter(FilterDraft {
            device: Some(id),
            ..Default::default()
        });
    }

    /// Shows the timeline filtered by `draft` (from another screen), nothing selected.
    fn show_filter(&mut self, draft: FilterDraft) {
        self.draft = draft;
        self.timeline.select(None);
        self.revalidate();
    }
}

impl Page for HistoryScreen {
    type Command = HistoryCommand;

    fn ui(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<HistoryCommand>) {
        self.draw(ui, cx, cx.store, out);
    }

    fn apply(&mut self, command: HistoryCommand, ax: &mut Apply<'_>) -> Outcome {
        let lang = ax.lang;
        let (result, done) = match command {
            HistoryCommand::Amend { id, text, reason } => {
                (ax.store.amend_history(id, &text, &reason), T::HistAmended)
            }
            HistoryCommand::Void { id, reason } => {
                (ax.store.void_history(id, &reason), T::HistVoided)
            }
        };
        if result.is_ok() {
            self.detail.corrected();
        }
        Outcome::of_write(result, lang, done)
    }

    fn shown(&mut self, focus: Option<&Focus>) {
        match focus {
            Some(Focus::DeviceHistory(id)) => self.show_device(*id),
            Some(Focus::HistoryFilter(draft)) => self.show_filter(draft.clone()),
            _ => {}
        }
    }

    /// Something may have been written: query again when next shown.
    fn reload(&mut self, _store: &Records, _lang: Lang) -> Result<(), String> {
        self.invalidate();
        Ok(())
    }

    fn busy(&self) -> bool {
        self.exporting()
    }
}

/// The least height the timeline keeps for its rows (points).
const TIMELINE_MIN_HEIGHT: f32 = 200.0;

/// The device filter's choices: every device, retired ones too (marked).
fn device_options(lang: Lang, cx: &Context<'_>) -> Vec<(i64, String)> {
    let retired = lang.t(T::StatusRetired);
    cx.devices()
        .iter()
        .map(|d| match d.in_use() {
            true => (d.id, format!("● {}", d.fields.name)),
            false => (d.id, format!("○ {}（{retired}）", d.fields.name)),
        })
        .collect()
}

/// The staff filter's choices: everyone, former staff too (marked).
fn staff_options(lang: Lang, cx: &Context<'_>) -> Vec<(i64, String)> {
    let former = lang.t(T::HistFormerStaff);
    cx.plan()
        .staff
        .iter()
        .map(|s| match s.active {
            true => (s.id, format!("● {}", s.name)),
            false => (s.id, format!("○ {}（{former}）", s.name)),
        })
        .collect()
}

/// A filter combo with its short label in front (`label.0`) and a full accessible name
/// (`label.1`): `all`, then each choice; returns whether the choice changed.
fn id_combo(
    ui: &mut Ui,
    label: (&str, &str),
    all: &str,
    options: &[(i64, String)],
    value: &mut Option<i64>,
) -> bool {
    let shown = value
        .and_then(|v| options.iter().find(|(id, _)| *id == v))
        .map_or(all, |(_, name)| name.as_str());
    let before = *value;
    muted(ui, label.0);
    let combo = egui::ComboBox::from_id_salt(label.1)
        .selected_text(shown)
        .width(150.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, all);
            for (id, name) in options {
                ui.selectable_value(value, Some(*id), name);
            }
        });
    combo
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label.1));
    *value != before
}

/// 12345 → "12,345".
fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_are_grouped() {
        assert_eq!(super::group_digits(0), "0");
        assert_eq!(super::group_digits(12_345), "12,345");
        assert_eq!(super::group_digits(200_000), "200,000");
    }
}
