//! What a task's schedule is, the rules it must pass, and the raw calendar dates it names.
//!
//! A [`Schedule`] says which calendar days are slots; an [`Anchor`] says whether slots stay on the
//! calendar or are counted from the last completion; a [`ClosedDayRule`] says what happens to a
//! slot on a day the shop is closed. [`TaskSchedule`] bundles them with the start date.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::closing::ShopCalendar;
use super::iso_date;
use super::slots::Slots;
use super::weekdays::Weekdays;
use crate::i18n::{Lang, T};

/// The largest N of "every N days / weeks / months".
pub const MAX_INTERVAL: u32 = 999;

/// Which calendar days a task falls on.
///
/// Stored as JSON, e.g. `"daily"`, `{"weekly":{"weekdays":["mon","fri"]}}`, `{"every_days":3}`,
/// `{"once":"2026-12-01"}`. Check a schedule with [`Schedule::validate`]; the date functions give
/// no dates at all for an invalid one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Schedule {
    /// Once, on this date (the task's start date is not used).
    Once(#[serde(with = "iso_date")] NaiveDate),
    /// Every day.
    Daily,
    /// Every week on the chosen days (at least one).
    Weekly {
        /// The chosen days.
        weekdays: Weekdays,
    },
    /// Every month on day `day` (1–31); a month without that day uses its last day.
    MonthlyOnDay {
        /// The day of the month.
        day: u32,
    },
    /// Every month on its last day.
    MonthlyLastDay,
    /// Every N days (1–999), counted from the start date or the last completion.
    EveryDays(u32),
    /// Every N weeks (1–999): on the start date's weekday, or counted from the last completion.
    EveryWeeks(u32),
    /// Every N months (1–999) on the anchor's day of the month, clamped to the month's length and
    /// never drifting: from Jan 31 it goes Feb 28 (29), Mar 31, Apr 30, …
    EveryMonths(u32),
    /// Every year on this month and day; Feb 29 falls on Feb 28 in other years.
    Yearly {
        /// The month, 1–12.
        month: u32,
        /// The day of the month.
        day: u32,
    },
}

/// The kinds of [`Schedule`], for the schedule picker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScheduleKind {
    /// [`Schedule::Once`].
    Once,
    /// [`Schedule::Daily`].
    Daily,
    /// [`Schedule::Weekly`].
    Weekly,
    /// [`Schedule::MonthlyOnDay`].
    MonthlyOnDay,
    /// [`Schedule::MonthlyLastDay`].
    MonthlyLastDay,
    /// [`Schedule::EveryDays`].
    EveryDays,
    /// [`Schedule::EveryWeeks`].
    EveryWeeks,
    /// [`Schedule::EveryMonths`].
    EveryMonths,
    /// [`Schedule::Yearly`].
    Yearly,
}

impl ScheduleKind {
    /// Every kind, in the order the picker shows them.
    pub const ALL: [ScheduleKind; 9] = [
        ScheduleKind::Once,
        ScheduleKind::Daily,
        ScheduleKind::Weekly,
        ScheduleKind::MonthlyOnDay,
        ScheduleKind::MonthlyLastDay,
        ScheduleKind::EveryDays,
        ScheduleKind::EveryWeeks,
        ScheduleKind::EveryMonths,
        ScheduleKind::Yearly,
    ];

    /// The kind's name in the picker.
    pub fn label(self) -> T {
        match self {
            ScheduleKind::Once => T::PlanKindOnce,
            ScheduleKind::Daily => T::PlanKindDaily,
            ScheduleKind::Weekly => T::PlanKindWeekly,
            ScheduleKind::MonthlyOnDay => T::PlanKindMonthlyOnDay,
            ScheduleKind::MonthlyLastDay => T::PlanKindMonthlyLastDay,
            ScheduleKind::EveryDays => T::PlanKindEveryDays,
            ScheduleKind::EveryWeeks => T::PlanKindEveryWeeks,
            ScheduleKind::EveryMonths => T::PlanKindEveryMonths,
            ScheduleKind::Yearly => T::PlanKindYearly,
        }
    }

    /// A valid schedule of this kind fitting `start`, for when the picker switches kind: weekly on
    /// the start's weekday, monthly and yearly on its day, intervals of 1.
    pub fn schedule_from(self, start: NaiveDate) -> Schedule {
        match self {
            ScheduleKind::Once => Schedule::Once(start),
            ScheduleKind::Daily => Schedule::Daily,
            ScheduleKind::Weekly => Schedule::Weekly {
                weekdays: Weekdays::of(&[start.weekday()]),
            },
            ScheduleKind::MonthlyOnDay => Schedule::MonthlyOnDay { day: start.day() },
            ScheduleKind::MonthlyLastDay => Schedule::MonthlyLastDay,
            ScheduleKind::EveryDays => Schedule::EveryDays(1),
            ScheduleKind::EveryWeeks => Schedule::EveryWeeks(1),
            ScheduleKind::EveryMonths => Schedule::EveryMonths(1),
            ScheduleKind::Yearly => Schedule::Yearly {
                month: start.month(),
                day: start.day(),
            },
        }
    }
}

/// Why a schedule is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScheduleError {
    /// "Every 0 days/weeks/months".
    IntervalZero,
    /// An interval above [`MAX_INTERVAL`].
    IntervalTooLarge {
        /// The interval given.
        n: u32,
    },
    /// A weekly schedule without any weekday.
    NoWeekday,
    /// A day of the month outside 1–31.
    DayOutOfRange {
        /// The day given.
        day: u32,
    },
    /// A month outside 1–12.
    MonthOutOfRange {
        /// The month given.
        month: u32,
    },
    /// A yearly date no year has, such as Feb 30 or Apr 31.
    NoSuchDate {
        /// The month.
        month: u32,
        /// The day.
        day: u32,
    },
    /// With this shop calendar every slot is on a closing day and would be skipped
    /// (from [`TaskSchedule::validate_with`]).
    AlwaysClosed,
}

impl ScheduleError {
    /// The message in the user's language.
    pub fn message(self, lang: Lang) -> String {
        match self {
            ScheduleError::IntervalZero => lang.t(T::PlanErrIntervalZero).to_owned(),
            ScheduleError::IntervalTooLarge { n } => lang.fill(
                T::PlanErrIntervalTooLarge,
                &[("max", &MAX_INTERVAL.to_string()), ("n", &n.to_string())],
            ),
            ScheduleError::NoWeekday => lang.t(T::PlanErrNoWeekday).to_owned(),
            ScheduleError::DayOutOfRange { day } => {
                lang.fill(T::PlanErrDayOfMonth, &[("day", &day.to_string())])
            }
            ScheduleError::MonthOutOfRange { month } => {
                lang.fill(T::PlanErrMonth, &[("month", &month.to_string())])
            }
            ScheduleError::NoSuchDate { month, day } => lang.fill(
                T::PlanErrNoSuchDate,
                &[
                    ("month", &super::describe::month_text(month, lang)),
                    ("day", &day.to_string()),
                ],
            ),
            ScheduleError::AlwaysClosed => lang.t(T::PlanErrAlwaysClosed).to_owned(),
        }
    }
}

impl Schedule {
    /// The schedule's kind.
    pub fn kind(&self) -> ScheduleKind {
        match self {
            Schedule::Once(_) => ScheduleKind::Once,
            Schedule::Daily => ScheduleKind::Daily,
            Schedule::Weekly { .. } => ScheduleKind::Weekly,
            Schedule::MonthlyOnDay { .. } => ScheduleKind::MonthlyOnDay,
            Schedule::MonthlyLastDay => ScheduleKind::MonthlyLastDay,
            Schedule::EveryDays(_) => ScheduleKind::EveryDays,
            Schedule::EveryWeeks(_) => ScheduleKind::EveryWeeks,
            Schedule::EveryMonths(_) => ScheduleKind::EveryMonths,
            Schedule::Yearly { .. } => ScheduleKind::Yearly,
        }
    }

    /// Checks the numbers and sets a schedule holds.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        match *self {
            Schedule::Once(_) | Schedule::Daily | Schedule::MonthlyLastDay => Ok(()),
            Schedule::Weekly { weekdays } if weekdays.is_empty() => Err(ScheduleError::NoWeekday),
            Schedule::Weekly { .. } => Ok(()),
            Schedule::MonthlyOnDay { day } => check_day(day),
            Schedule::EveryDays(n) | Schedule::EveryWeeks(n) | Schedule::EveryMonths(n) => {
                match n {
                    0 => Err(ScheduleError::IntervalZero),
                    n if n > MAX_INTERVAL => Err(ScheduleError::IntervalTooLarge { n }),
                    _ => Ok(()),
                }
            }
            Schedule::Yearly { month, day } => {
                if !(1..=12).contains(&month) {
                    return Err(ScheduleError::MonthOutOfRange { month });
                }
                check_day(day)?;
                // 2000 is a leap year: Feb 29 is a real yearly date.
                match NaiveDate::from_ymd_opt(2000, month, day) {
                    Some(_) => Ok(()),
                    None => Err(ScheduleError::NoSuchDate { month, day }),
                }
            }
        }
    }

    /// Whether the schedule repeats on an interval (daily, every N days/weeks/months) rather than
    /// on calendar days (weekdays, a day of the month, a date of the year).
    pub fn is_interval(&self) -> bool {
        matches!(
            self,
            Schedule::Daily
                | Schedule::EveryDays(_)
                | Schedule::EveryWeeks(_)
                | Schedule::EveryMonths(_)
        )
    }
}

fn check_day(day: u32) -> Result<(), ScheduleError> {
    if (1..=31).contains(&day) {
        Ok(())
    } else {
        Err(ScheduleError::DayOutOfRange { day })
    }
}

/// Where a recurring task counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// Slots stay on the calendar, counted from the start date; missed slots are recorded.
    #[default]
    Fixed,
    /// The next due date is counted from the last completion; an undone task simply stays overdue.
    FromCompletion,
}

impl Anchor {
    /// Both anchors, in the order the picker shows them.
    pub const ALL: [Anchor; 2] = [Anchor::Fixed, Anchor::FromCompletion];

    /// The anchor's name in the picker.
    pub fn label(self) -> T {
        match self {
            Anchor::Fixed => T::PlanAnchorFixed,
            Anchor::FromCompletion => T::PlanAnchorFromCompletion,
        }
    }
}

/// What happens to a slot that falls on a day the shop is closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosedDayRule {
    /// The slot moves to the next open day (slots that land on the same day become one).
    #[default]
    MoveToNextOpenDay,
    /// The slot disappears.
    Skip,
}

impl ClosedDayRule {
    /// Both rules, in the order the picker shows them.
    pub const ALL: [ClosedDayRule; 2] = [ClosedDayRule::MoveToNextOpenDay, ClosedDayRule::Skip];

    /// The rule's name in the picker.
    pub fn label(self) -> T {
        match self {
            ClosedDayRule::MoveToNextOpenDay => T::PlanRuleMove,
            ClosedDayRule::Skip => T::PlanRuleSkip,
        }
    }

    /// The rule as applied to `schedule`: a one-off task is never skipped (it would vanish), it moves.
    pub fn for_schedule(self, schedule: &Schedule) -> ClosedDayRule {
        match schedule {
            Schedule::Once(_) => ClosedDayRule::MoveToNextOpenDay,
            _ => self,
        }
    }
}

/// A task's schedule with everything needed to compute its due dates (the shop calendar aside).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TaskSchedule {
    /// Which days.
    pub schedule: Schedule,
    /// Fixed calendar or counted from the last completion.
    #[serde(default)]
    pub anchor: Anchor,
    /// The first day the task can fall due; fixed intervals count from it.
    #[serde(with = "iso_date")]
    pub start: NaiveDate,
    /// What happens on closing days.
    #[serde(default)]
    pub closed_rule: ClosedDayRule,
}

impl TaskSchedule {
    /// A fixed schedule from `start` that moves closed-day slots to the next open day.
    pub fn new(schedule: Schedule, start: NaiveDate) -> TaskSchedule {
        TaskSchedule {
            schedule,
            anchor: Anchor::Fixed,
            start,
            closed_rule: ClosedDayRule::MoveToNextOpenDay,
        }
    }

    /// The same, counted from the last completion.
    pub fn from_completion(self) -> TaskSchedule {
        TaskSchedule {
            anchor: Anchor::FromCompletion,
            ..self
        }
    }

    /// The same, with `rule` on closing days.
    pub fn with_rule(self, rule: ClosedDayRule) -> TaskSchedule {
        TaskSchedule {
            closed_rule: rule,
            ..self
        }
    }

    /// Checks the schedule (see [`Schedule::validate`]).
    pub fn validate(&self) -> Result<(), ScheduleError> {
        self.schedule.validate()
    }

    /// Checks the schedule, then that with `calendar` it comes due at least once in the
    /// [`SEARCH_DAYS`](super::SEARCH_DAYS) after its start (a weekly task on the shop's rest day
    /// with [`ClosedDayRule::Skip`] never would).
    pub fn validate_with(&self, calendar: &ShopCalendar) -> Result<(), ScheduleError> {
        self.validate()?;
        let first = Slots::new(
            &self.schedule,
            self.start,
            None,
            calendar,
            self.effective_rule(),
        )
        .next();
        match first {
            Some(_) => Ok(()),
            None => Err(ScheduleError::AlwaysClosed),
        }
    }

    /// The closing-day rule really applied: a one-off task always moves, and so does a task counted
    /// from the last completion on an interval (skipping would push it a whole interval further,
    /// and forever when every interval lands on a rest day).
    pub fn effective_rule(&self) -> ClosedDayRule {
        if self.anchor == Anchor::FromCompletion && self.schedule.is_interval() {
            return ClosedDayRule::MoveToNextOpenDay;
        }
        self.closed_rule.for_schedule(&self.schedule)
    }
}

// ---------------------------------------------------------------------------------------------
// Raw slots: the schedule's calendar dates from `start` on, before closing days are applied.
// Callers check `validate()` first; these stay total (no panic) on any input all the same.

/// The date `day` of the month `index` (year * 12 + month - 1), or the month's last day when it
/// is shorter.
pub(crate) fn clamped_in_month(index: i64, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    clamped(year, month, day)
}

/// The date `year-month-day`, or the month's last day when it has no such day.
pub(crate) fn clamped(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let day = day.clamp(1, 31);
    (day.saturating_sub(3).max(1)..=day)
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
}

/// The month index of a date: year * 12 + month - 1.
pub(crate) fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// `date` plus `days` (which may be negative), or `None` past the calendar's ends.
pub(crate) fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    match u64::try_from(days) {
        Ok(d) => date.checked_add_days(Days::new(d)),
        Err(_) => date.checked_sub_days(Days::new(days.unsigned_abs())),
    }
}

/// Slot `k` of a fixed step of `step` days from `start`.
fn step_slot(start: NaiveDate, step: i64, k: i64) -> Option<NaiveDate> {
    add_days(start, step.checked_mul(k)?)
}

fn step_days(schedule: &Schedule) -> Option<i64> {
    match *schedule {
        Schedule::Daily => Some(1),
        Schedule::EveryDays(n) => Some(i64::from(n.max(1))),
        Schedule::EveryWeeks(n) => Some(7 * i64::from(n.max(1))),
        _ => None,
    }
}

/// The day of the month a month-based schedule uses (31 = the last day).
fn month_day(schedule: &Schedule) -> Option<u32> {
    match *schedule {
        Schedule::MonthlyOnDay { day } => Some(day),
        Schedule::MonthlyLastDay => Some(31),
        _ => None,
    }
}

/// The first raw slot on or after `date`.
pub(crate) fn raw_on_or_after(
    schedule: &Schedule,
    start: NaiveDate,
    date: NaiveDate,
) -> Option<NaiveDate> {
    if let Schedule::Once(day) = *schedule {
        return (day >= date).then_some(day);
    }
    let lo = date.max(start);
    if let Some(step) = step_days(schedule) {
        let offset = (lo - start).num_days();
        return step_slot(start, step, (offset + step - 1).div_euclid(step));
    }
    if let Some(day) = month_day(schedule) {
        let m = month_index(lo);
        let here = clamped_in_month(m, day)?;
        return if here >= lo {
            Some(here)
        } else {
            clamped_in_month(m + 1, day)
        };
    }
    match *schedule {
        Schedule::Weekly { weekdays } => (0..7)
            .filter_map(|i| add_days(lo, i))
            .find(|d| weekdays.contains(d.weekday())),
        Schedule::EveryMonths(n) => {
            let n = i64::from(n.max(1));
            let base = month_index(start);
            let k = (month_index(lo) - base + n - 1).div_euclid(n);
            let here = clamped_in_month(base + k * n, start.day())?;
            if here >= lo {
                Some(here)
            } else {
                clamped_in_month(base + (k + 1) * n, start.day())
            }
        }
        Schedule::Yearly { month, day } => {
            let here = clamped(lo.year(), month, day)?;
            if here >= lo {
                Some(here)
            } else {
                clamped(lo.year().checked_add(1)?, month, day)
            }
        }
        _ => None,
    }
}

/// The last raw slot on or before `date` (none before `start`).
pub(crate) fn raw_on_or_before(
    schedule: &Schedule,
    start: NaiveDate,
    date: NaiveDate,
) -> Option<NaiveDate> {
    if let Schedule::Once(day) = *schedule {
        return (day <= date).then_some(day);
    }
    if date < start {
        return None;
    }
    let found = if let Some(step) = step_days(schedule) {
        step_slot(start, step, (date - start).num_days().div_euclid(step))
    } else if let Some(day) = month_day(schedule) {
        let m = month_index(date);
        let here = clamped_in_month(m, day)?;
        if here <= date {
            Some(here)
        } else {
            clamped_in_month(m - 1, day)
        }
    } else {
        match *schedule {
            Schedule::Weekly { weekdays } => (0..7)
                .filter_map(|i| add_days(date, -i))
                .find(|d| weekdays.contains(d.weekday())),
            Schedule::EveryMonths(n) => {
                let n = i64::from(n.max(1));
                let base = month_index(start);
                let k = (month_index(date) - base).div_euclid(n);
                let here = clamped_in_month(base + k * n, start.day())?;
                if here <= date {
                    Some(here)
                } else {
                    clamped_in_month(base + (k - 1) * n, start.day())
                }
            }
            Schedule::Yearly { month, day } => {
                let here = clamped(date.year(), month, day)?;
                if here <= date {
                    Some(here)
                } else {
                    clamped(date.year().checked_sub(1)?, month, day)
                }
            }
            _ => None,
        }
    };
    found.filter(|d| *d >= start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn raws(s: &Schedule, start: NaiveDate, n: usize) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut at = start;
        while out.len() < n {
            let Some(slot) = raw_on_or_after(s, start, at) else {
                break;
            };
            out.push(slot);
            at = slot.succ_opt().unwrap();
        }
        out
    }

    #[test]
    fn validation_names_the_problem() {
        assert_eq!(
            Schedule::EveryDays(0).validate(),
            Err(ScheduleError::IntervalZero)
        );
        assert_eq!(
            Schedule::EveryMonths(1000).validate(),
            Err(ScheduleError::IntervalTooLarge { n: 1000 })
        );
        assert_eq!(Schedule::EveryWeeks(999).validate(), Ok(()));
        assert_eq!(
            Schedule::Weekly {
                weekdays: Weekdays::NONE
            }
            .validate(),
            Err(ScheduleError::NoWeekday)
        );
        assert_eq!(
            Schedule::MonthlyOnDay { day: 32 }.validate(),
            Err(ScheduleError::DayOutOfRange { day: 32 })
        );
        assert_eq!(
            Schedule::MonthlyOnDay { day: 0 }.validate(),
            Err(ScheduleError::DayOutOfRange { day: 0 })
        );
        assert_eq!(
            Schedule::Yearly { month: 2, day: 30 }.validate(),
            Err(ScheduleError::NoSuchDate { month: 2, day: 30 })
        );
        assert_eq!(
            Schedule::Yearly { month: 4, day: 31 }.validate(),
            Err(ScheduleError::NoSuchDate { month: 4, day: 31 })
        );
        assert_eq!(
            Schedule::Yearly { month: 13, day: 1 }.validate(),
            Err(ScheduleError::MonthOutOfRange { month: 13 })
        );
        assert_eq!(Schedule::Yearly { month: 2, day: 29 }.validate(), Ok(()));
    }

    #[test]
    fn error_messages_are_filled_in_both_languages() {
        let e = ScheduleError::NoSuchDate { month: 2, day: 30 };
        assert_eq!(e.message(Lang::Zh), "日历上没有 2 月 30 日。");
        assert!(e.message(Lang::En).contains("February 30"));
        let big = ScheduleError::IntervalTooLarge { n: 1200 }.message(Lang::En);
        assert!(big.contains("999") && big.contains("1200"), "{big}");
    }

    #[test]
    fn day_31_takes_the_last_day_of_short_months() {
        let s = Schedule::MonthlyOnDay { day: 31 };
        assert_eq!(
            raws(&s, d(2024, 1, 1), 5),
            [
                d(2024, 1, 31),
                d(2024, 2, 29),
                d(2024, 3, 31),
                d(2024, 4, 30),
                d(2024, 5, 31)
            ]
        );
        assert_eq!(
            raws(&Schedule::MonthlyOnDay { day: 30 }, d(2025, 2, 1), 2),
            [d(2025, 2, 28), d(2025, 3, 30)]
        );
    }

    #[test]
    fn every_month_from_the_31st_does_not_drift() {
        let s = Schedule::EveryMonths(1);
        assert_eq!(
            raws(&s, d(2025, 1, 31), 4),
            [
                d(2025, 1, 31),
                d(2025, 2, 28),
                d(2025, 3, 31),
                d(2025, 4, 30)
            ]
        );
        let quarterly = Schedule::EveryMonths(3);
        assert_eq!(
            raws(&quarterly, d(2023, 11, 30), 3),
            [d(2023, 11, 30), d(2024, 2, 29), d(2024, 5, 30)]
        );
    }

    #[test]
    fn yearly_leap_day_falls_on_feb_28_in_common_years() {
        let s = Schedule::Yearly { month: 2, day: 29 };
        assert_eq!(
            raws(&s, d(2023, 1, 1), 3),
            [d(2023, 2, 28), d(2024, 2, 29), d(2025, 2, 28)]
        );
    }

    #[test]
    fn intervals_count_from_the_start() {
        assert_eq!(
            raws(&Schedule::EveryDays(3), d(2025, 3, 1), 3),
            [d(2025, 3, 1), d(2025, 3, 4), d(2025, 3, 7)]
        );
        assert_eq!(
            raw_on_or_after(&Schedule::EveryWeeks(2), d(2025, 3, 3), d(2025, 3, 4)),
            Some(d(2025, 3, 17))
        );
        assert_eq!(
            raw_on_or_before(&Schedule::EveryWeeks(2), d(2025, 3, 3), d(2025, 3, 16)),
            Some(d(2025, 3, 3))
        );
        assert_eq!(
            raw_on_or_before(&Schedule::EveryDays(5), d(2025, 3, 3), d(2025, 3, 2)),
            None
        );
    }

    #[test]
    fn weekly_takes_only_the_chosen_days() {
        let s = Schedule::Weekly {
            weekdays: Weekdays::of(&[Weekday::Mon, Weekday::Fri]),
        };
        // 2025-03-05 is a Wednesday.
        assert_eq!(
            raws(&s, d(2025, 3, 5), 3),
            [d(2025, 3, 7), d(2025, 3, 10), d(2025, 3, 14)]
        );
        assert_eq!(
            raw_on_or_before(&s, d(2025, 3, 5), d(2025, 3, 9)),
            Some(d(2025, 3, 7))
        );
    }

    #[test]
    fn before_is_the_mirror_of_after() {
        let start = d(2024, 1, 31);
        let schedules = [
            Schedule::Daily,
            Schedule::EveryDays(4),
            Schedule::EveryWeeks(3),
            Schedule::MonthlyOnDay { day: 30 },
            Schedule::MonthlyLastDay,
            Schedule::EveryMonths(5),
            Schedule::Yearly { month: 2, day: 29 },
            Schedule::Weekly {
                weekdays: Weekdays::of(&[Weekday::Tue, Weekday::Sun]),
            },
        ];
        for s in &schedules {
            let slots = raws(s, start, 12);
            for pair in slots.windows(2) {
                let before = pair[1].pred_opt().unwrap();
                assert_eq!(raw_on_or_before(s, start, before), Some(pair[0]), "{s:?}");
                assert_eq!(raw_on_or_before(s, start, pair[1]), Some(pair[1]), "{s:?}");
            }
        }
    }

    #[test]
    fn far_dates_give_none_not_a_panic() {
        for s in [
            Schedule::EveryDays(999),
            Schedule::EveryMonths(999),
            Schedule::Yearly { month: 12, day: 31 },
            Schedule::MonthlyLastDay,
        ] {
            let after = raw_on_or_after(&s, NaiveDate::MIN, NaiveDate::MAX);
            assert!(after.is_none_or(|x| x == NaiveDate::MAX), "{s:?}");
            assert!(raw_on_or_before(&s, NaiveDate::MIN, NaiveDate::MAX).is_some());
            assert_eq!(raw_on_or_before(&s, NaiveDate::MAX, NaiveDate::MIN), None);
            assert!(
                raw_on_or_after(&s, NaiveDate::MAX, NaiveDate::MIN)
                    .is_none_or(|x| x == NaiveDate::MAX)
            );
        }
    }

    #[test]
    fn json_form_is_readable_and_round_trips() {
        let task = TaskSchedule::new(
            Schedule::Weekly {
                weekdays: Weekdays::of(&[Weekday::Mon, Weekday::Thu]),
            },
            d(2026, 3, 2),
        )
        .from_completion();
        let json = serde_json::to_string(&task).unwrap();
        assert_eq!(
            json,
            r#"{"schedule":{"weekly":{"weekdays":["mon","thu"]}},"anchor":"from_completion","start":"2026-03-02","closed_rule":"move_to_next_open_day"}"#
        );
        assert_eq!(serde_json::from_str::<TaskSchedule>(&json).unwrap(), task);
        for s in [
            Schedule::Once(d(2026, 12, 1)),
            Schedule::Daily,
            Schedule::EveryDays(3),
            Schedule::MonthlyLastDay,
            Schedule::Yearly { month: 2, day: 29 },
        ] {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(
                serde_json::from_str::<Schedule>(&json).unwrap(),
                s,
                "{json}"
            );
        }
        assert_eq!(
            serde_json::to_string(&Schedule::Once(d(2026, 12, 1))).unwrap(),
            r#"{"once":"2026-12-01"}"#
        );
        let minimal: TaskSchedule =
            serde_json::from_str(r#"{"schedule":"daily","start":"2026-01-01"}"#).unwrap();
        assert_eq!(minimal, TaskSchedule::new(Schedule::Daily, d(2026, 1, 1)));
        assert!(serde_json::from_str::<Schedule>(r#"{"once":"2026-02-30"}"#).is_err());
    }

    #[test]
    fn kinds_give_valid_schedules() {
        for start in [d(2024, 2, 29), d(2025, 1, 31), d(2025, 6, 1)] {
            for kind in ScheduleKind::ALL {
                let s = kind.schedule_from(start);
                assert_eq!(s.kind(), kind);
                assert_eq!(s.validate(), Ok(()), "{s:?}");
            }
        }
    }

    #[test]
    fn one_off_and_counted_intervals_never_skip() {
        let once = TaskSchedule::new(Schedule::Once(d(2026, 1, 1)), d(2026, 1, 1))
            .with_rule(ClosedDayRule::Skip);
        assert_eq!(once.effective_rule(), ClosedDayRule::MoveToNextOpenDay);
        let counted =
            TaskSchedule::new(Schedule::EveryDays(7), d(2026, 1, 1)).with_rule(ClosedDayRule::Skip);
        assert_eq!(counted.effective_rule(), ClosedDayRule::Skip);
        assert_eq!(
            counted.from_completion().effective_rule(),
            ClosedDayRule::MoveToNextOpenDay
        );
        let weekly = TaskSchedule::new(
            Schedule::Weekly {
                weekdays: Weekdays::ALL,
            },
            d(2026, 1, 1),
        )
        .with_rule(ClosedDayRule::Skip)
        .from_completion();
        assert_eq!(weekly.effective_rule(), ClosedDayRule::Skip);
    }
}
