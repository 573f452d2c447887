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
use crate::history::{Amendment, Filter, FilterDraft, FilterProblem, Kind};
use crate::i18n::{Lang, T};
use crate::store::{Records, Store};
use crate::ui::command::{Focus, Out, Outcome, Page};
use crate::ui::context::{Apply, Context};
use crate::ui::panes::{Layout, NARROWEST, Pane, SIDE_BY_SIDE_FROM, SideSize, list_and_side_as};
use crate::ui::widgets::{DATE_CHARS, TextField, error_text, muted, named_toggle, title};

/// What the History screen asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum HistoryCommand {
    /// Correct an entry's text (and perhaps its device), keeping the original.
    Amend {
        /// The history entry.
        id: i64,
        /// The corrected text, and the device it moves to.
        amendment: Amendment,
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
    /// Whether the filters are shown on a window too short to show them always.
    filters_open: bool,
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

    /// Draws the screen; `store` is for reading the rows in view. The entry opened from the
    /// table shows beside it, or on a narrow window in its place (with a way back).
    fn draw(
        &mut self,
        ui: &mut Ui,
        cx: &Context<'_>,
        store: Option<&Arc<Mutex<Store>>>,
        pending: &mut Out<HistoryCommand>,
    ) {
        let lang = cx.lang;
        self.requery_if_stale(ui, lang, store);
        self.escape(ui);
        title(ui, lang.t(T::HistTitle));
        let open = self.timeline.selected();
        let back = list_and_side_as(ui, lang, SIDE, open.is_some(), |ui, pane| match pane {
            Pane::Side => {
                if let Some(id) = open
                    && self.detail.ui(ui, cx, id, store, pending)
                {
                    self.close_detail();
                }
            }
            Pane::List => self.list_ui(ui, cx, store),
        });
        if back {
            self.close_detail();
        }
    }

    /// The intro, the filters and the export (in a band of their own that scrolls on a short
    /// window, so the timeline always keeps room for its rows), then the timeline. On a window
    /// too short for the filters and a few rows (a small till at 200 %), they fold into one
    /// line that opens them, and the timeline has the screen.
    fn list_ui(&mut self, ui: &mut Ui, cx: &Context<'_>, store: Option<&Arc<Mutex<Store>>>) {
        let lang = cx.lang;
        let band = ui.available_height() - TIMELINE_MIN_HEIGHT;
        let folding = band < FILTERS_UNFOLDED;
        // On a short window (a 700-pixel till) the rows need the intro's lines more.
        let roomy = ui.available_height() >= ROOM_FOR_THE_INTRO;
        if folding {
            let filtered = self.draft != FilterDraft::default();
            let mut line = self.count_text(lang);
            if filtered {
                line.push_str(lang.t(T::HistFiltered));
            }
            ui.horizontal_wrapped(|ui| {
                let toggle = if self.filters_open {
                    T::HistHideFilters
                } else {
                    T::HistShowFilters
                };
                if ui.button(lang.t(toggle)).clicked() {
                    self.filters_open = !self.filters_open;
                }
                ui.label(RichText::new(line).strong());
            });
            if let Some(message) = &self.read_error {
                error_text(ui, message);
            }
        }
        if !folding || self.filters_open {
            // Open on a short window, the filters take all but a few rows' height.
            let height = if folding {
                (ui.available_height() - FEW_ROWS).max(FEW_ROWS)
            } else {
                band
            };
            egui::ScrollArea::vertical()
                .id_salt("history_filters")
                .max_height(height)
                .show(ui, |ui| {
                    // On a narrow window (a small till at 200 %) the rows need the height more.
                    if roomy && ui.available_width() >= SIDE_BY_SIDE_FROM {
                        muted(ui, lang.t(T::HistIntro));
                    }
                    self.header_ui(ui, cx, store, !folding);
                });
        }
        ui.separator();
        self.timeline.ui(ui, lang, cx.today, store);
    }

    /// Reads the ids of the filter again when they are stale (a write, a new filter); an entry
    /// the filter now hides closes.
    fn requery_if_stale(&mut self, ui: &Ui, lang: Lang, store: Option<&Arc<Mutex<Store>>>) {
        if self.fresh {
            return;
        }
        let Some(store) = store else { return };
        match store.try_lock() {
            Ok(s) => {
                // Fresh either way: a failed read is not retried every frame.
                self.fresh = true;
                self.read_error = self
                    .timeline
                    .requery(&s, &self.filter)
                    .err()
                    .map(|e| lang.fill(T::ErrStorage, &[("detail", &e.message(lang))]));
                if let Some(id) = self.timeline.selected()
                    && !self.timeline.ids().contains(&id)
                {
                    self.timeline.select(None);
                    self.detail.close();
                }
            }
            Err(_) => ui.ctx().request_repaint_after(Duration::from_millis(50)),
        }
    }

    /// Esc closes the correction form, or else the entry (not while a list is open: Esc closes
    /// that first).
    fn escape(&mut self, ui: &Ui) {
        let open = self.timeline.selected().is_some();
        if !open || egui::Popup::is_any_open(ui.ctx()) {
            return;
        }
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) && !self.detail.cancel_form() {
            self.close_detail();
        }
    }

    /// Closes the entry's details; the keyboard goes back to its row.
    fn close_detail(&mut self) {
        if let Some(id) = self.timeline.selected() {
            self.timeline.select(None);
            self.timeline.focus_row(id);
        }
        self.detail.close();
    }

    /// "603 条记录": how many entries the filter shows.
    fn count_text(&self, lang: Lang) -> String {
        let n = self.timeline.ids().len();
        lang.fill(T::HistCount, &[("n", &group_digits(n))])
    }

    /// The filters, the count (unless the folded line says it) and the export bar.
    fn header_ui(
        &mut self,
        ui: &mut Ui,
        cx: &Context<'_>,
        store: Option<&Arc<Mutex<Store>>>,
        count: bool,
    ) {
        let lang = cx.lang;
        self.filter_ui(ui, cx);
        if count {
            if let Some(message) = &self.read_error {
                error_text(ui, message);
            }
            ui.label(RichText::new(self.count_text(lang)).strong());
        }
        // A filter that was refused is not what the list shows: nothing is exported by it.
        let refused = self.problems.first().map(|p| p.message(lang));
        self.export
            .ui(ui, cx, store, (&self.filter, refused), self.timeline.ids());
    }

    fn filter_ui(&mut self, ui: &mut Ui, cx: &Context<'_>) {
        let lang = cx.lang;
        let mut changed = false;
        let mut refusal = None;
        // On a narrow window (200 % on a 1024-pixel till) each filter is a line of its own,
        // its label beside its field; wider, they flow along one wrapped line.
        let narrow = ui.available_width() < NARROW_FILTERS;
        let filters = |ui: &mut Ui| {
            let mut changed = false;
            let mut refusal = None;
            for (key, value) in [
                (T::HistFrom, &mut self.draft.from),
                (T::HistTo, &mut self.draft.to),
            ] {
                one_filter(ui, narrow, |ui| {
                    let (r, refused) = TextField::new(lang.t(key), value, DATE_CHARS)
                        .hint(lang.t(T::HistDateHint))
                        .width(120.0)
                        .show(ui, lang);
                    changed |= r.changed();
                    refusal = refusal.take().or(refused);
                });
            }
            // A month in one click, for the books (typing both dates was the only way).
            one_filter(ui, narrow, |ui| {
                for (key, back) in [(T::HistThisMonth, 0), (T::HistLastMonth, 1)] {
                    if ui.button(lang.t(key)).clicked() {
                        let (from, to) = crate::history::filter::month_of(cx.today, back);
                        self.draft.from = from.format("%Y-%m-%d").to_string();
                        self.draft.to = to.format("%Y-%m-%d").to_string();
                        changed = true;
                    }
                }
            });
            one_filter(ui, narrow, |ui| {
                changed |= id_combo(
                    ui,
                    (lang.t(T::HistColDevice), lang.t(T::HistDevice)),
                    lang.t(T::HistAllDevices),
                    &device_options(lang, cx),
                    &mut self.draft.device,
                );
            });
            one_filter(ui, narrow, |ui| {
                changed |= id_combo(
                    ui,
                    (lang.t(T::HistColStaff), lang.t(T::HistStaff)),
                    lang.t(T::HistAllStaff),
                    &staff_options(lang, cx),
                    &mut self.draft.staff,
                );
            });
            one_filter(ui, narrow, |ui| {
                let (r, refused) =
                    TextField::new(lang.t(T::HistSearch), &mut self.draft.text, MAX_TEXT)
                        .hint(lang.t(T::HistSearchHint))
                        .width(180.0)
                        .show(ui, lang);
                changed |= r.changed();
                refusal = refusal.take().or(refused);
            });
            if ui.button(lang.t(T::HistClear)).clicked() {
                self.draft = FilterDraft::default();
                self.timeline.select(None);
                self.detail.close();
                changed = true;
            }
            (changed, refusal)
        };
        let (filtered, refused) = if narrow {
            ui.vertical(filters).inner
        } else {
            ui.horizontal_wrapped(filters).inner
        };
        changed |= filtered;
        refusal = refusal.or(refused);
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
        self.revalidate();
    }
}

impl Page for HistoryScreen {
    type Command = HistoryCommand;
    const MIN_WIDTH: f32 = NARROWEST;

    fn ui(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<HistoryCommand>) {
        self.draw(ui, cx, cx.store, out);
    }

    fn apply(&mut self, command: HistoryCommand, ax: &mut Apply<'_>) -> Outcome {
        let lang = ax.lang;
        let (result, done) = match command {
            HistoryCommand::Amend {
                id,
                amendment,
                reason,
            } => (
                ax.store.amend_history(id, &amendment, &reason),
                T::HistAmended,
            ),
            HistoryCommand::Void { id, reason } => {
                (ax.store.void_history(id, &reason), T::HistVoided)
            }
        };
        if result.is_ok() {
            self.detail.corrected();
        }
        Outcome::of_write(result, lang, done)
    }

    /// Coming back to the screen shows the timeline at its newest: an entry left open closes
    /// (a shop owner came back to old rows, the new ones hidden above with no sign of them).
    fn shown(&mut self, focus: Option<&Focus>) {
        self.timeline.select(None);
        self.detail.close();
        self.timeline.scroll_to_top();
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

/// From this height left for the screen (points) the intro is shown above the filters.
const ROOM_FOR_THE_INTRO: f32 = 680.0;

/// The least height the timeline keeps for its rows (points).
const TIMELINE_MIN_HEIGHT: f32 = 200.0;

/// Below this height left for them (points), the filters fold into one line that opens them.
const FILTERS_UNFOLDED: f32 = 220.0;

/// The height of a few rows of the timeline (points), kept below the opened filters.
const FEW_ROWS: f32 = 110.0;

/// The entry's details beside the table when there is room for both (the table keeps a usable
/// width: its six columns and the detail column), else in its place.
const SIDE: Layout = Layout {
    id: "history_side",
    size: SideSize {
        default: 400.0,
        min: 320.0,
    },
    side_by_side_from: 1040.0,
    list_keeps: 640.0,
    side_when_empty: false,
};

/// The device filter's choices: every device, retired ones too (marked).
fn device_options(lang: Lang, cx: &Context<'_>) -> Vec<(i64, String)> {
    let retired = lang.t(T::StatusRetired);
    let all: Vec<&crate::device::Device> = cx.devices().iter().collect();
    // (Two devices of one name told apart, as everywhere a device is chosen.)
    let name = |d| crate::device::choice_name(d, &all);
    cx.devices()
        .iter()
        .map(|d| match d.in_use() {
            true => (d.id, format!("● {}", name(d))),
            false => (d.id, format!("○ {}（{retired}）", name(d))),
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

/// Below this width (points) each filter is a line of its own.
const NARROW_FILTERS: f32 = 640.0;

/// One filter, its label beside its field: a line of its own when `narrow`, else part of the
/// wrapped line around it.
fn one_filter(ui: &mut Ui, narrow: bool, add: impl FnOnce(&mut Ui)) {
    if narrow {
        ui.horizontal(add);
    } else {
        add(ui);
    }
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
