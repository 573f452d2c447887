//! The virtualised timeline: the ids of the filter, the rows in view read in cached pages.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::history::csv_file::COLUMNS;
use crate::history::{Entry, Filter};
use crate::i18n::{Lang, T};
use crate::store::{Store, StoreError};
use crate::ui::theme::palette;
use crate::ui::widgets::muted;

/// Rows read per page.
pub const PAGE: usize = 100;

/// Below this width (points) the table has three columns, not six.
const NARROW: f32 = 640.0;
/// From these widths the six columns have their middle and their full widths; below, the
/// narrowest, so that the details column (100 points at least) stays in view.
const MIDDLE: f32 = 790.0;
const WIDE: f32 = 960.0;
/// From this width (a 1366-pixel screen with no record open) the kind, the device and the
/// subject are shown whole ("Backup · automatic", "Device change · edited").
const WIDER: f32 = 1150.0;

/// Pages kept before the cache is trimmed to those near the view.
const MAX_PAGES: usize = 40;

/// The timeline's rows.
#[derive(Default)]
pub struct Timeline {
    /// The matching ids, newest first.
    ids: Vec<i64>,
    /// Pages of rows read, by page number.
    pages: HashMap<usize, Vec<Entry>>,
    selected: Option<i64>,
    /// The rows drawn last frame.
    shown: Range<usize>,
    /// The filter the ids are for: a new one scrolls back to the top.
    filter: Option<Filter>,
    to_top: bool,
    /// The entry whose row gets the keyboard (its details were closed), scrolled into view.
    focus: Option<i64>,
}

impl Timeline {
    /// The ids of the filter, newest first.
    pub fn ids(&self) -> &[i64] {
        &self.ids
    }

    /// The entry whose details are open.
    pub fn selected(&self) -> Option<i64> {
        self.selected
    }

    /// Opens (or closes) an entry's details.
    pub fn select(&mut self, id: Option<i64>) {
        self.selected = id;
    }

    /// Shows the newest entries when next drawn (the screen was come back to).
    pub fn scroll_to_top(&mut self) {
        self.to_top = true;
    }

    /// Puts the keyboard on entry `id`'s row when next drawn (its details were closed).
    pub fn focus_row(&mut self, id: i64) {
        self.focus = Some(id);
    }

    /// Runs the filter's query and reads the first page.
    pub fn requery(&mut self, store: &Store, filter: &Filter) -> Result<(), StoreError> {
        self.ids = store.history_ids(filter)?;
        self.pages.clear();
        if self.filter.as_ref() != Some(filter) {
            self.filter = Some(filter.clone());
            self.to_top = true;
            self.shown = 0..0;
        }
        if self.shown.start >= self.ids.len() {
            self.shown = 0..0;
        }
        let first = self.shown.start / PAGE;
        self.load(store, &[first])
    }

    /// Reads the given pages.
    fn load(&mut self, store: &Store, pages: &[usize]) -> Result<(), StoreError> {
        for &page in pages {
            let start = page * PAGE;
            let end = (start + PAGE).min(self.ids.len());
            if start >= end {
                continue;
            }
            let rows = store.history_entries(&self.ids[start..end])?;
            self.pages.insert(page, rows);
        }
        Ok(())
    }

    fn row(&self, index: usize) -> Option<&Entry> {
        let page = self.pages.get(&(index / PAGE))?;
        let entry = page.get(index % PAGE)?;
        // A page read before a write may be out of step with the ids: check.
        (self.ids.get(index) == Some(&entry.id)).then_some(entry)
    }

    fn pages_of(range: &Range<usize>) -> Range<usize> {
        range.start / PAGE..range.end.div_ceil(PAGE)
    }

    /// Draws the table; rows not read yet show "…" and are read next frame.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        today: chrono::NaiveDate,
        store: Option<&Arc<Mutex<Store>>>,
    ) {
        if self.ids.is_empty() {
            ui.add_space(20.0);
            muted(ui, lang.t(T::HistNone));
            return;
        }
        let wanted: Vec<usize> = Self::pages_of(&self.shown)
            .filter(|p| !self.pages.contains_key(p))
            .collect();
        if !wanted.is_empty()
            && let Some(Ok(s)) = store.map(|s| s.try_lock())
        {
            let _ = self.load(&s, &wanted);
        }
        if self.pages.len() > MAX_PAGES {
            let keep = Self::pages_of(&self.shown);
            self.pages
                .retain(|p, _| *p + 2 >= keep.start && *p <= keep.end + 2);
        }
        let pal = palette(ui);
        let row_height = ui.spacing().interact_size.y + 6.0;
        let mut missing = BTreeSet::new();
        let mut shown = Range {
            start: usize::MAX,
            end: 0,
        };
        let mut clicked = None;
        let mut focused = false;
        // Too narrow for six columns (200 % on a 1024-pixel till): three, the time shorter and
        // the device and the person beside the subject, the detail in the record it opens.
        let width = ui.available_width();
        let narrow = width < NARROW;
        // Scrolls sideways when the details panel leaves it too little room (and clips it, so
        // it never lies under the panel's buttons).
        egui::ScrollArea::horizontal().show(ui, |ui| {
            let mut table = TableBuilder::new(ui);
            if std::mem::take(&mut self.to_top) {
                table = table.vertical_scroll_offset(0.0);
            }
            // Until the row is drawn: the scroll reaches it a frame later.
            let focus = self.focus;
            if let Some(index) = focus.and_then(|id| self.ids.iter().position(|i| *i == id)) {
                table = table.scroll_to_row(index, Some(egui::Align::Center));
            }
            let table = table
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
            let table = if narrow {
                // The kind keeps room for its action ("Incident · resolved" against
                // "· handed on"): cut, the two read alike.
                table
                    .column(Column::initial(100.0).at_least(90.0).clip(true))
                    .column(Column::initial(160.0).at_least(80.0).clip(true))
                    .column(Column::remainder().at_least(120.0).clip(true))
            } else {
                // The fixed columns give up width first, so that the details column stays in
                // view (1024 pixels at 100 %: it was cut at the window's edge).
                // (The time is eleven characters at most: see `short_time`.)
                let [time, kind, device, staff, subject] = if width >= WIDER {
                    [115.0, 235.0, 150.0, 90.0, 280.0]
                } else if width >= WIDE {
                    [115.0, 185.0, 120.0, 80.0, 240.0]
                } else if width >= MIDDLE {
                    [115.0, 170.0, 110.0, 70.0, 190.0]
                } else {
                    [110.0, 140.0, 95.0, 60.0, 165.0]
                };
                table
                    .column(Column::initial(time).at_least(100.0).clip(true))
                    .column(Column::initial(kind).at_least(90.0).clip(true))
                    .column(Column::initial(device).at_least(60.0).clip(true))
                    .column(Column::initial(staff).at_least(50.0).clip(true))
                    .column(Column::initial(subject).at_least(100.0).clip(true))
                    .column(Column::remainder().at_least(100.0).clip(true))
            };
            // The export's columns but the last (corrections show in the kind); narrow: the
            // time, the kind and the subject.
            let headers: &[T] = if narrow {
                &[COLUMNS[0], COLUMNS[1], COLUMNS[4]]
            } else {
                &COLUMNS[..6]
            };
            table
                .header(row_height, |mut header| {
                    for key in headers {
                        header.col(|ui| {
                            ui.strong(lang.t(*key));
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, self.ids.len(), |mut row| {
                        let index = row.index();
                        shown.start = shown.start.min(index);
                        shown.end = shown.end.max(index + 1);
                        let Some(e) = self.row(index) else {
                            missing.insert(index / PAGE);
                            row.col(|ui| {
                                ui.label("…");
                            });
                            return;
                        };
                        let selected = self.selected == Some(e.id);
                        row.set_selected(selected);
                        let void = e.voided();
                        let strike = |text: &str| {
                            let t = RichText::new(text);
                            if void {
                                t.strikethrough().color(pal.muted)
                            } else {
                                t
                            }
                        };
                        row.col(|ui| {
                            cell(
                                ui,
                                RichText::new(short_time(&e.when_shown(), today)).monospace(),
                            );
                        });
                        row.col(|ui| {
                            let colour = match (void, e.severity()) {
                                (true, _) => pal.muted,
                                (_, 2) => pal.danger,
                                (_, 1) => pal.warn,
                                _ => pal.ok,
                            };
                            let text = if void {
                                format!("{} · {}", lang.t(T::HistVoidMark), e.kind_text(lang))
                            } else {
                                e.kind_text(lang)
                            };
                            cell(ui, RichText::new(text).color(colour));
                        });
                        if !narrow {
                            row.col(|ui| {
                                cell(ui, RichText::new(e.devices_shown(lang)));
                            });
                            row.col(|ui| {
                                cell(ui, RichText::new(&e.staff));
                            });
                        }
                        row.col(|ui| {
                            let subject = if narrow {
                                let mut text = e.subject.clone();
                                for more in [&e.devices_shown(lang), &e.staff] {
                                    if !more.is_empty() {
                                        text.push_str(" · ");
                                        text.push_str(more);
                                    }
                                }
                                ui.add(egui::Button::selectable(selected, strike(&text)).truncate())
                            } else {
                                ui.selectable_label(selected, strike(&e.subject))
                            };
                            if focus == Some(e.id) {
                                subject.request_focus();
                                focused = true;
                            }
                            if subject.clicked() {
                                clicked = Some(e.id);
                            }
                        });
                        if !narrow {
                            row.col(|ui| {
                                // An incident's first event repeats its prompt: say it once.
                                let detail = e.detail_in(lang);
                                if detail != e.subject {
                                    cell(ui, strike(&detail.replace(['\r', '\n'], " ")));
                                }
                                // A void entry says why, unstruck.
                                if let Some(c) = e.correction.as_ref().filter(|_| void) {
                                    cell(ui, RichText::new(c.summary(lang)).color(pal.danger));
                                }
                            });
                        }
                        if row.response().clicked() {
                            clicked = Some(e.id);
                        }
                    });
                });
        });
        if shown.start <= shown.end {
            self.shown = shown;
        }
        if focused || self.focus.is_some_and(|id| !self.ids.contains(&id)) {
            self.focus = None;
        }
        if let Some(id) = clicked {
            self.selected = if self.selected == Some(id) {
                None
            } else {
                Some(id)
            };
        }
        if !missing.is_empty() {
            let ctx = ui.ctx();
            match store.map(|s| s.try_lock()) {
                Some(Ok(s)) => {
                    let pages: Vec<usize> = missing.into_iter().collect();
                    let _ = self.load(&s, &pages);
                    ctx.request_repaint();
                }
                _ => ctx.request_repaint_after(Duration::from_millis(30)),
            }
        }
    }
}

/// A record's time as the table shows it, eleven characters at most: the day and the time
/// within the year of `today` ("12-05 06:12"), the date alone for another year ("2025-12-05"):
/// the whole time is in the record it opens.
fn short_time(when: &str, today: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let this_year = today.year().to_string();
    match (when.get(..4), when.get(5..), when.get(..10)) {
        (Some(year), Some(rest), _) if year == this_year && when.len() >= 16 => rest.to_owned(),
        (Some(_), _, Some(date)) if when.len() >= 16 => date.to_owned(),
        _ => when.to_owned(),
    }
}

/// A table cell's text: cut short with "…" when the column is too narrow, the whole text shown
/// when the mouse rests on it. Not selectable, so a click anywhere on the row opens it.
fn cell(ui: &mut egui::Ui, text: RichText) {
    ui.add(egui::Label::new(text).truncate().selectable(false));
}

#[cfg(test)]
mod tests {
    use super::short_time;

    #[test]
    fn a_time_of_this_year_leaves_out_the_year_and_of_another_the_hour() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(short_time("2026-12-05 06:12", today), "12-05 06:12");
        assert_eq!(short_time("2025-12-05 06:12", today), "2025-12-05");
        assert_eq!(short_time("2026-12-05", today), "2026-12-05");
        assert_eq!(short_time("", today), "");
    }
}
