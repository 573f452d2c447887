//! Schedule arithmetic of the preventive-maintenance planner (domain: no egui, no SQL, no I/O).
//!
//! * [`schedule`] — what a task's schedule is ([`Schedule`], [`Anchor`], [`ClosedDayRule`],
//!   [`TaskSchedule`]) and the rules it must pass.
//! * [`weekdays`] — a set of weekdays ([`Weekdays`]), for weekly schedules and rest days.
//! * [`closing`] — the shop's calendar: weekly rest days and holidays ([`ShopCalendar`]).
//! * [`slots`] — the calendar slots of a schedule with closing days applied ([`slots_after`]).
//! * [`due`] — due dates after a completion, missed slots, statuses, previews ([`next_due`],
//!   [`catch_up`], [`occurrence_status`], [`preview`]).
//! * [`mod@describe`] — the schedule as a sentence in either language ([`describe()`]).
//! * [`agenda`] — today's overdue, due and upcoming tasks, missed slots, training due.
//! * [`postpone`] — a check put off to a later day before its next slot ([`postpone::Postponed`]).
//! * [`checklist`] — a checklist being ticked on Today, kept tick by tick until it is recorded.
//! * [`drafts`] — staff, training modules and trainings as typed, validating themselves.
//! * [`task`] — tasks, completions, staff and training records, and their validation.
//! * [`shift`] — who is on shift: the only member of staff, or the one chosen for the day.
//! * [`covers`] — which device a problem found by a task is on, when it covers several.
//! * [`reminder`] — the reminder to back up outside, and the backup tasks a backup completes.
//! * [`snapshot`] — the planner's records and one day's agenda, as the screens and `today` read them.
//! * [`starter`] — the bilingual starter plan offered on first run ([`starter::starter_plan`]).
//!
//! Every function here is pure and total: invalid input gives no date rather than a panic, and
//! every search is capped at [`SEARCH_DAYS`] days or slots, so nothing loops forever.
//!
//! How the store is meant to use it: keep each task's [`TaskSchedule`] (as JSON) and its recorded
//! occurrences (completions and missed slots, each with its due date). Each day, for each task,
//! call [`catch_up`] with the latest record ([`latest_occurrence`]) and today: record each date of
//! `missed` once (they all lie after the latest record, so a second call returns none), and show
//! `due` as the one open occurrence. A completion is recorded against that due date; a second
//! click carrying the same due date must be ignored by the store (it is already done).

pub mod agenda;
pub mod checklist;
pub mod closing;
pub mod covers;
pub mod describe;
pub mod drafts;
pub mod due;
pub mod postpone;
pub mod reminder;
pub mod schedule;
pub mod shift;
pub mod slots;
pub mod snapshot;
pub mod starter;
pub mod task;
pub mod weekdays;

pub use closing::{CalendarError, Holiday, SEARCH_DAYS, ShopCalendar};
pub use describe::{describe, month_label, weekday_label};
pub use due::{
    CatchUp, MISSED_CAP, Occurrence, OccurrenceStatus, PREVIEW_MAX, catch_up, due_after,
    latest_occurrence, next_due, occurrence_status, preview,
};
pub use schedule::{
    Anchor, ClosedDayRule, MAX_INTERVAL, Schedule, ScheduleError, ScheduleKind, TaskSchedule,
};
pub use slots::{Slots, slots_after};
pub use snapshot::PlanSnapshot;
pub use task::{
    Completion, ItemResult, NewCompletion, Outcome, PlanProblem, Staff, Task, TaskCategory,
    TaskFields, TrainingModule, TrainingRecord, refresher_due,
};
pub use weekdays::Weekdays;

/// Serde for a [`chrono::NaiveDate`] as `YYYY-MM-DD` text (chrono's own serde is not compiled in).
pub(crate) mod iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    /// Writes the date as `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    /// Reads a `YYYY-MM-DD` date.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        text.parse::<NaiveDate>()
            .map_err(|e| D::Error::custom(format!("bad date {text:?}: {e}")))
    }
}
