//! A small month calendar for picking a day by mouse or keyboard, in the app's language: the
//! month's days under the weekdays (Monday first), with buttons for the year and month before
//! and after. Each day is a button whose text is its number and whose accessible name is its
//! date (2026-11-05). On the keyboard the arrows move between days (into the next or previous
//! month at the edges), Enter or Space picks one.

use chrono::{Datelike, Days, Months, NaiveDate};
use egui::Ui;

use crate::i18n::{Lang, T};
use crate::ui::widgets::{named_button, named_toggle};

/// What the calendar shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// The first day of the month shown.
    month: NaiveDate,
    /// The day the keyboard goes to at the next frame.
    focus: Option<NaiveDate>,
}

impl Calendar {
    /// A calendar opened on the month of `day`, the keyboard on that day.
    pub fn at(day: NaiveDate) -> Calendar {
        Calendar {
            month: first_of(day),
            focus: Some(day),
        }
    }

    /// The first day of the month shown.
    pub fn month(&self) -> NaiveDate {
        self.month
    }

    /// Draws the calendar, `selected` marked; returns the day picked this frame.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        selected: Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        ui.horizontal(|ui| {
            for (text, name, months, back) in [
                ("«", T::CalPrevYear, 12, true),
                ("‹", T::CalPrevMonth, 1, true),
            ] {
                if named_button(ui, text, lang.t(name)).clicked() {
                    self.shift(months, back);
                }
            }
            ui.label(egui::RichText::new(self.month.format("%Y-%m").to_string()).strong());
            for (text, name, months, back) in [
                ("›", T::CalNextMonth, 1, false),
                ("»", T::CalNextYear, 12, false),
            ] {
                if named_button(ui, text, lang.t(name)).clicked() {
                    self.shift(months, back);
                }
            }
        });
        let mut picked = None;
        let mut moved = None;
        egui::Grid::new(ui.make_persistent_id("calendar"))
            .num_columns(7)
            .spacing(egui::vec2(4.0, 4.0))
            .show(ui, |ui| {
                for name in lang.t(T::CalWeekdays).split(' ') {
                    ui.label(name);
                }
                ui.end_row();
                let lead = self.month.weekday().num_days_from_monday() as usize;
                for _ in 0..lead {
                    ui.label("");
                }
                let mut column = lead;
                let mut day = self.month;
                while day.month() == self.month.month() {
                    let name = day.format("%Y-%m-%d").to_string();
                    let button =
                        named_toggle(ui, selected == Some(day), day.day().to_string(), &name);
                    if self.focus == Some(day) {
                        button.request_focus();
                        self.focus = None;
                    }
                    if button.clicked() {
                        picked = Some(day);
                    }
                    if button.has_focus() {
                        moved = arrow(ui).and_then(|step| step_day(day, step));
                    }
                    column += 1;
                    if column.is_multiple_of(7) {
                        ui.end_row();
                    }
                    match day.succ_opt() {
                        Some(next) => day = next,
                        None => break,
                    }
                }
            });
        if let Some(day) = moved {
            self.month = first_of(day);
            self.focus = Some(day);
            ui.ctx().request_repaint();
        }
        picked
    }

    /// Shows the month `months` months before (`back`) or after the one shown.
    fn shift(&mut self, months: u32, back: bool) {
        let months = Months::new(months);
        let moved = if back {
            self.month.checked_sub_months(months)
        } else {
            self.month.checked_add_months(months)
        };
        if let Some(month) = moved {
            self.month = month;
        }
    }
}

/// The first day of `day`'s month.
fn first_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The arrow pressed this frame, as days to move (taken, so it moves nothing else).
fn arrow(ui: &Ui) -> Option<i64> {
    use egui::{Key, Modifiers};
    ui.input_mut(|i| {
        [
            (Key::ArrowLeft, -1),
            (Key::ArrowRight, 1),
            (Key::ArrowUp, -7),
            (Key::ArrowDown, 7),
        ]
        .into_iter()
        .find(|(key, _)| i.consume_key(Modifiers::NONE, *key))
        .map(|(_, days)| days)
    })
}

/// `day` moved by `days`.
fn step_day(day: NaiveDate, days: i64) -> Option<NaiveDate> {
    let by = Days::new(days.unsigned_abs());
    if days < 0 {
        day.checked_sub_days(by)
    } else {
        day.checked_add_days(by)
    }
}
