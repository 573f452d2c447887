//! Due dates: after a completion, caught up to today (with the missed slots to record), statuses
//! of one occurrence, and previews.
//!
//! Rules (see `shared/notes/planner-anchors.md` §2.6):
//! * Fixed anchor: the next due date is the first slot after the completed occurrence's due date
//!   and after the day it was done. Done early, it counts for its own slot (the next is the slot
//!   after); done late, the next is the first slot after the completion, never one in the past
//!   (donetick#834).
//! * From completion, on an interval (daily, every N days/weeks/months): the completion date plus
//!   the interval, moved to the next open day. If that is not after the due date (done very
//!   early), further intervals are added until it is.
//! * From completion, on calendar days (weekdays, day of month, yearly): the next matching slot
//!   after the completion (and after the due date when done early).
//! * A one-off task has no due date once done.
//! * A next due date is always strictly after the last one's due date.
//! * Only fixed tasks have missed slots: when a fixed task was not done, the open occurrence is the
//!   most recent slot on or before today, and the earlier undone slots are missed, recorded once
//!   each. A task counted from its completion just stays overdue.

use std::collections::VecDeque;

use chrono::{Datelike, NaiveDate};

use super::closing::ShopCalendar;
use super::schedule::{
    Anchor, ClosedDayRule, Schedule, TaskSchedule, add_days, clamped_in_month, month_index,
};
use super::slots::{Slots, SlotsBack};
use crate::i18n::T;

/// The most missed slots [`catch_up`] lists: after a long absence only the latest year of a daily
/// task is listed (and `more_missed` says there were older ones), not a wall of red.
pub const MISSED_CAP: usize = 366;

/// The most dates [`preview`] gives.
pub const PREVIEW_MAX: usize = 1000;

/// A recorded occurrence of a task: the slot it was due and the day it was done, or `None` when
/// it was recorded as missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Occurrence {
    /// The due date of the slot.
    pub due: NaiveDate,
    /// When it was done (completed, or deliberately skipped); `None`: recorded as missed.
    pub done_on: Option<NaiveDate>,
}

impl Occurrence {
    /// The occurrence due on `due`, done on `on`.
    pub fn done(due: NaiveDate, on: NaiveDate) -> Occurrence {
        Occurrence {
            due,
            done_on: Some(on),
        }
    }

    /// The occurrence due on `due`, recorded as missed.
    pub fn missed(due: NaiveDate) -> Occurrence {
        Occurrence { due, done_on: None }
    }

    /// The record as it can count on `today`: one dated after today was written by a clock
    /// that ran ahead (or today's is behind), and counts as done today — or, recorded as
    /// missed, as missed yesterday — so a check recorded "next March" does not keep the task
    /// quiet until then. (A completion dated today or before for a slot still to come is an
    /// early completion and stands.)
    pub fn as_of(self, today: NaiveDate) -> Occurrence {
        match self.done_on {
            Some(on) if on > today => Occurrence::done(self.due.min(today), today),
            None if self.due > today => Occurrence::missed(today.pred_opt().unwrap_or(today)),
            _ => self,
        }
    }
}

/// The record the next due date counts from: the one with the latest due date; among several for
/// the same due date (a double click, a late second click), a completion before a missed record
/// and then the earliest completion. So a duplicate never moves the next due date.
pub fn latest_occurrence<I: IntoIterator<Item = Occurrence>>(records: I) -> Option<Occurrence> {
    records
        .into_iter()
        .min_by_key(|o| (std::cmp::Reverse(o.due), o.done_on.is_none(), o.done_on))
}

/// The due date of the occurrence after `last` (the first one when `None`), not caught up to
/// today. `None` when there is none: a one-off task done, an invalid schedule, or no slot within
/// the search limit.
pub fn due_after(
    task: &TaskSchedule,
    calendar: &ShopCalendar,
    last: Option<Occurrence>,
) -> Option<NaiveDate> {
    task.validate().ok()?;
    let rule = task.effective_rule();
    let Some(last) = last else {
        return Slots::new(&task.schedule, task.start, None, calendar, rule).next();
    };
    if matches!(task.schedule, Schedule::Once(_)) {
        return None;
    }
    let done = last.done_on.unwrap_or(last.due);
    if task.anchor == Anchor::FromCompletion && task.schedule.is_interval() {
        return counted_from(&task.schedule, calendar, last.due, done);
    }
    Slots::new(
        &task.schedule,
        task.start,
        Some(last.due.max(done)),
        calendar,
        rule,
    )
    .next()
}

/// `done` plus the interval (as many times as needed to pass `due`), moved to an open day.
fn counted_from(
    schedule: &Schedule,
    calendar: &ShopCalendar,
    due: NaiveDate,
    done: NaiveDate,
) -> Option<NaiveDate> {
    let step = |k: i64| -> Option<NaiveDate> {
        match *schedule {
            Schedule::EveryMonths(n) => {
                let months = k.checked_mul(i64::from(n.max(1)))?;
                clamped_in_month(month_index(done).checked_add(months)?, done.day())
            }
            Schedule::Daily => add_days(done, k),
            Schedule::EveryDays(n) => add_days(done, k.checked_mul(i64::from(n.max(1)))?),
            Schedule::EveryWeeks(n) => add_days(done, k.checked_mul(7 * i64::from(n.max(1)))?),
            _ => None,
        }
    };
    // A first guess of how many intervals pass `due`, then a few steps to be exact.
    let behind = match *schedule {
        Schedule::EveryMonths(n) => (month_index(due) - month_index(done)) / i64::from(n.max(1)),
        Schedule::EveryDays(n) => (due - done).num_days() / i64::from(n.max(1)),
        Schedule::EveryWeeks(n) => (due - done).num_days() / (7 * i64::from(n.max(1))),
        _ => (due - done).num_days(),
    };
    let first = behind.max(1);
    (first..first.saturating_add(4))
        .map_while(step)
        .find(|candidate| *candidate > due)
        .map(|candidate| calendar.next_open(candidate))
}

/// Where a task stands today: its open occurrence and the slots missed before it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CatchUp {
    /// The due date of the one open occurrence (`None`: nothing is due any more).
    pub due: Option<NaiveDate>,
    /// Slots that passed undone before `due`, oldest first, each to be recorded once as missed.
    /// All lie strictly between the last record's due date and `due`; at most [`MISSED_CAP`],
    /// the most recent ones.
    pub missed: Vec<NaiveDate>,
    /// Whether older missed slots were left out because of [`MISSED_CAP`].
    pub more_missed: bool,
}

/// The open occurrence of `task` as of `today`, given its latest record (see
/// [`latest_occurrence`]), and the slots missed on the way.
///
/// A fixed task not done for a while has one open occurrence, the most recent slot on or before
/// today; the slots from the one after `last` up to it are missed. Recording them (as
/// [`Occurrence::missed`]) and calling again gives the same `due` and no more missed slots.
/// A task counted from its completion has no missed slots: it stays due on its date.
pub fn catch_up(
    task: &TaskSchedule,
    calendar: &ShopCalendar,
    last: Option<Occurrence>,
    today: NaiveDate,
) -> CatchUp {
    let last = last.map(|o| o.as_of(today));
    let Some(next) = due_after(task, calendar, last) else {
        return CatchUp::default();
    };
    let mut result = CatchUp {
        due: Some(next),
        ..CatchUp::default()
    };
    if task.anchor == Anchor::FromCompletion || next >= today {
        return result;
    }
    let rule: ClosedDayRule = task.effective_rule();
    let mut back = SlotsBack::new(&task.schedule, task.start, today, calendar, rule);
    let Some(open) = back.next().filter(|s| *s > next) else {
        return result;
    };
    result.due = Some(open);
    let mut missed = VecDeque::new();
    for slot in back.take_while(|s| *s >= next) {
        if missed.len() == MISSED_CAP {
            result.more_missed = true;
            break;
        }
        missed.push_front(slot);
    }
    result.missed = missed.into();
    result
}

/// The due date of the open occurrence of `task` as of `today` (see [`catch_up`]): for a task
/// never done, its first slot (caught up); after a completion, the next due date by the rules
/// at the top of this module. Never before the last record's due date, and for a task done late
/// never on or before the day it was done.
pub fn next_due(
    task: &TaskSchedule,
    calendar: &ShopCalendar,
    last: Option<Occurrence>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    catch_up(task, calendar, last, today).due
}

/// How one occurrence stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OccurrenceStatus {
    /// Not done, due after today.
    Upcoming,
    /// Not done, due today.
    DueToday,
    /// Not done, due before today.
    Overdue,
    /// Done on or before its due date (early counts as on time).
    DoneOnTime,
    /// Done after its due date.
    DoneLate,
}

impl OccurrenceStatus {
    /// The status's name, shown next to its colour (never colour alone).
    pub fn label(self) -> T {
        match self {
            OccurrenceStatus::Upcoming => T::PlanStatusUpcoming,
            OccurrenceStatus::DueToday => T::PlanStatusDueToday,
            OccurrenceStatus::Overdue => T::PlanStatusOverdue,
            OccurrenceStatus::DoneOnTime => T::PlanStatusDoneOnTime,
            OccurrenceStatus::DoneLate => T::PlanStatusDoneLate,
        }
    }

    /// Whether the occurrence is done.
    pub fn is_done(self) -> bool {
        matches!(
            self,
            OccurrenceStatus::DoneOnTime | OccurrenceStatus::DoneLate
        )
    }
}

/// The status of an occurrence due on `due`, done on `done_on` (if done), as of `today`.
pub fn occurrence_status(
    due: NaiveDate,
    done_on: Option<NaiveDate>,
    today: NaiveDate,
) -> OccurrenceStatus {
    match done_on {
        Some(done) if done <= due => OccurrenceStatus::DoneOnTime,
        Some(_) => OccurrenceStatus::DoneLate,
        None if today < due => OccurrenceStatus::Upcoming,
        None if today == due => OccurrenceStatus::DueToday,
        None => OccurrenceStatus::Overdue,
    }
}

/// The next `count` due dates on or after `from` (at most [`PREVIEW_MAX`]), assuming each is done
/// on its due date: for the schedule form's "next five dates".
///
/// A fixed task gives its calendar slots; a task counted from its completion gives the chain of
/// due dates as if it started on the later of its start and `from`.
pub fn preview(
    task: &TaskSchedule,
    calendar: &ShopCalendar,
    from: NaiveDate,
    count: usize,
) -> Vec<NaiveDate> {
    let count = count.min(PREVIEW_MAX);
    if task.validate().is_err() {
        return Vec::new();
    }
    if task.anchor == Anchor::Fixed || matches!(task.schedule, Schedule::Once(_)) {
        let rule = task.effective_rule();
        return Slots::new(&task.schedule, task.start, from.pred_opt(), calendar, rule)
            .take(count)
            .collect();
    }
    let shifted = TaskSchedule {
        start: task.start.max(from),
        ..task.clone()
    };
    let mut out = Vec::new();
    let mut last = None;
    while out.len() < count {
        let Some(due) = due_after(&shifted, calendar, last) else {
            break;
        };
        out.push(due);
        last = Some(Occurrence::done(due, due));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::closing::Holiday;
    use crate::planner::weekdays::Weekdays;
    use chrono::Weekday;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn open() -> ShopCalendar {
        ShopCalendar::always_open()
    }

    fn weekly(days: &[Weekday]) -> Schedule {
        Schedule::Weekly {
            weekdays: Weekdays::of(days),
        }
    }

    // 2026-03-02 is a Monday.

    #[test]
    fn fixed_weekly_done_on_time_early_and_late() {
        let task = TaskSchedule::new(weekly(&[Weekday::Mon]), d(2026, 3, 2));
        let cal = open();
        assert_eq!(due_after(&task, &cal, None), Some(d(2026, 3, 2)));
        let on_time = Occurrence::done(d(2026, 3, 2), d(2026, 3, 2));
        assert_eq!(due_after(&task, &cal, Some(on_time)), Some(d(2026, 3, 9)));
        // Done early (Saturday before): counts for its own slot.
        let early = Occurrence::done(d(2026, 3, 9), d(2026, 3, 7));
        assert_eq!(due_after(&task, &cal, Some(early)), Some(d(2026, 3, 16)));
        // Done three weeks late: the first Monday after the completion, not a past one.
        let late = Occurrence::done(d(2026, 3, 2), d(2026, 3, 25));
        assert_eq!(due_after(&task, &cal, Some(late)), Some(d(2026, 3, 30)));
        // Done late on a slot day itself: that day's slot is taken by the late completion.
        let late_on_slot = Occurrence::done(d(2026, 3, 2), d(2026, 3, 16));
        assert_eq!(
            due_after(&task, &cal, Some(late_on_slot)),
            Some(d(2026, 3, 23))
        );
    }

    #[test]
    fn from_completion_counts_from_the_day_done() {
        let task = TaskSchedule::new(Schedule::EveryDays(10), d(2026, 3, 1)).from_completion();
        let cal = open();
        let late = Occurrence::done(d(2026, 3, 1), d(2026, 3, 5));
        assert_eq!(due_after(&task, &cal, Some(late)), Some(d(2026, 3, 15)));
        let early = Occurrence::done(d(2026, 3, 11), d(2026, 3, 9));
        assert_eq!(due_after(&task, &cal, Some(early)), Some(d(2026, 3, 19)));
        // Done so early that one interval does not pass the due date: whole intervals are added.
        let very_early = Occurrence::done(d(2026, 3, 31), d(2026, 3, 1));
        assert_eq!(
            due_after(&task, &cal, Some(very_early)),
            Some(d(2026, 4, 10))
        );
    }

    #[test]
    fn from_completion_months_keep_the_completion_day_clamped() {
        let task = TaskSchedule::new(Schedule::EveryMonths(1), d(2026, 1, 1)).from_completion();
        let done = Occurrence::done(d(2026, 1, 31), d(2026, 1, 31));
        assert_eq!(due_after(&task, &open(), Some(done)), Some(d(2026, 2, 28)));
    }

    #[test]
    fn from_completion_moves_off_closed_days_even_when_skipping() {
        let cal = ShopCalendar {
            rest_days: Weekdays::of(&[Weekday::Sun]),
            holidays: vec![],
        };
        let task = TaskSchedule::new(Schedule::EveryWeeks(1), d(2026, 3, 1))
            .from_completion()
            .with_rule(ClosedDayRule::Skip);
        // Done on Sunday 03-01 (the shop opened anyway): next Sunday is closed, so Monday.
        let done = Occurrence::done(d(2026, 3, 1), d(2026, 3, 1));
        assert_eq!(due_after(&task, &cal, Some(done)), Some(d(2026, 3, 9)));
    }

    #[test]
    fn from_completion_on_weekdays_takes_the_next_matching_day() {
        let task = TaskSchedule::new(weekly(&[Weekday::Mon, Weekday::Thu]), d(2026, 3, 2))
            .from_completion();
        let late = Occurrence::done(d(2026, 3, 2), d(2026, 3, 3));
        assert_eq!(due_after(&task, &open(), Some(late)), Some(d(2026, 3, 5)));
        let early = Occurrence::done(d(2026, 3, 5), d(2026, 3, 4));
        assert_eq!(due_after(&task, &open(), Some(early)), Some(d(2026, 3, 9)));
    }

    #[test]
    fn a_one_off_task_is_due_once() {
        let task = TaskSchedule::new(Schedule::Once(d(2026, 12, 1)), d(2026, 1, 1));
        let cal = open();
        assert_eq!(
            next_due(&task, &cal, None, d(2026, 6, 1)),
            Some(d(2026, 12, 1))
        );
        assert_eq!(
            next_due(&task, &cal, None, d(2027, 6, 1)),
            Some(d(2026, 12, 1))
        );
        let done = Occurrence::done(d(2026, 12, 1), d(2026, 12, 3));
        assert_eq!(next_due(&task, &cal, Some(done), d(2027, 6, 1)), None);
    }

    #[test]
    fn a_record_dated_after_today_counts_as_today() {
        // A clock that ran three months ahead recorded the daily check on "2027-03-01"; set
        // right, the check is due again tomorrow, not on 2027-03-02.
        let cal = open();
        let today = d(2026, 12, 5);
        let daily = TaskSchedule::new(Schedule::Daily, d(2026, 1, 1));
        let ahead = Occurrence::done(d(2027, 3, 1), d(2027, 3, 1));
        assert_eq!(
            next_due(&daily, &cal, Some(ahead), today),
            Some(d(2026, 12, 6))
        );
        let mut monthly = TaskSchedule::new(Schedule::EveryMonths(1), d(2026, 1, 1));
        monthly.anchor = Anchor::FromCompletion;
        assert_eq!(
            next_due(&monthly, &cal, Some(ahead), today),
            Some(d(2027, 1, 5))
        );
        // Missed "in March" leaves today's check open.
        let missed = Occurrence::missed(d(2027, 3, 1));
        assert_eq!(next_due(&daily, &cal, Some(missed), today), Some(today));
        // Done early, today, for a slot still to come: stands.
        let weekly = TaskSchedule::new(weekly(&[Weekday::Fri]), d(2026, 1, 1));
        let early = Occurrence::done(d(2026, 12, 11), today);
        assert_eq!(
            next_due(&weekly, &cal, Some(early), today),
            Some(d(2026, 12, 18))
        );
    }

    #[test]
    fn missed_slots_do_not_pile_up() {
        let task = TaskSchedule::new(Schedule::Daily, d(2026, 3, 1));
        let cal = open();
        let last = Occurrence::done(d(2026, 3, 5), d(2026, 3, 5));
        let today = d(2026, 3, 9);
        let c = catch_up(&task, &cal, Some(last), today);
        assert_eq!(c.due, Some(today));
        assert_eq!(c.missed, [d(2026, 3, 6), d(2026, 3, 7), d(2026, 3, 8)]);
        assert!(!c.more_missed);
        // Recording them once: a second catch-up finds nothing more to record.
        let recorded = c.missed.iter().map(|m| Occurrence::missed(*m));
        let latest = latest_occurrence(recorded.chain([last]));
        let again = catch_up(&task, &cal, latest, today);
        assert_eq!(again.due, Some(today));
        assert!(again.missed.is_empty());
    }

    #[test]
    fn weekly_overdue_keeps_the_latest_slot_open() {
        let task = TaskSchedule::new(weekly(&[Weekday::Mon]), d(2026, 3, 2));
        let c = catch_up(&task, &open(), None, d(2026, 3, 18));
        assert_eq!(c.due, Some(d(2026, 3, 16)));
        assert_eq!(c.missed, [d(2026, 3, 2), d(2026, 3, 9)]);
        assert_eq!(
            occurrence_status(d(2026, 3, 16), None, d(2026, 3, 18)),
            OccurrenceStatus::Overdue
        );
    }

    #[test]
    fn years_away_lists_only_the_latest_missed_slots() {
        let task = TaskSchedule::new(Schedule::Daily, d(2020, 1, 1));
        let c = catch_up(&task, &open(), None, d(2026, 1, 1));
        assert_eq!(c.due, Some(d(2026, 1, 1)));
        assert_eq!(c.missed.len(), MISSED_CAP);
        assert!(c.more_missed);
        assert_eq!(c.missed.last(), Some(&d(2025, 12, 31)));
        assert!(c.missed.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn from_completion_stays_overdue_without_missed_slots() {
        let task = TaskSchedule::new(Schedule::EveryDays(7), d(2026, 3, 1)).from_completion();
        let c = catch_up(&task, &open(), None, d(2026, 5, 1));
        assert_eq!(c.due, Some(d(2026, 3, 1)));
        assert!(c.missed.is_empty());
    }

    #[test]
    fn holidays_move_the_open_occurrence() {
        let cal = ShopCalendar {
            rest_days: Weekdays::NONE,
            holidays: vec![Holiday::range(d(2026, 2, 16), d(2026, 2, 22)).named("春节")],
        };
        let task = TaskSchedule::new(Schedule::Daily, d(2026, 2, 1));
        let last = Occurrence::done(d(2026, 2, 15), d(2026, 2, 15));
        let c = catch_up(&task, &cal, Some(last), d(2026, 2, 20));
        assert_eq!(c.due, Some(d(2026, 2, 23)));
        assert!(c.missed.is_empty());
        let skip = task.with_rule(ClosedDayRule::Skip);
        assert_eq!(
            next_due(&skip, &cal, Some(last), d(2026, 2, 20)),
            Some(d(2026, 2, 23))
        );
    }

    #[test]
    fn duplicate_records_do_not_move_the_next_due_date() {
        let first = Occurrence::done(d(2026, 3, 2), d(2026, 3, 2));
        let again_later = Occurrence::done(d(2026, 3, 2), d(2026, 3, 4));
        let missed_before = Occurrence::missed(d(2026, 2, 23));
        assert_eq!(
            latest_occurrence([missed_before, again_later, first, first]),
            Some(first)
        );
        assert_eq!(latest_occurrence([]), None);
        assert_eq!(
            latest_occurrence([Occurrence::missed(d(2026, 3, 2)), again_later]),
            Some(again_later)
        );
    }

    #[test]
    fn statuses() {
        let due = d(2026, 3, 10);
        assert_eq!(
            occurrence_status(due, None, d(2026, 3, 9)),
            OccurrenceStatus::Upcoming
        );
        assert_eq!(
            occurrence_status(due, None, due),
            OccurrenceStatus::DueToday
        );
        assert_eq!(
            occurrence_status(due, None, d(2026, 3, 11)),
            OccurrenceStatus::Overdue
        );
        let early = occurrence_status(due, Some(d(2026, 3, 8)), d(2026, 3, 20));
        assert_eq!(early, OccurrenceStatus::DoneOnTime);
        assert!(early.is_done());
        assert_eq!(
            occurrence_status(due, Some(d(2026, 3, 11)), d(2026, 3, 11)),
            OccurrenceStatus::DoneLate
        );
    }

    #[test]
    fn preview_gives_the_next_dates() {
        let cal = ShopCalendar {
            rest_days: Weekdays::of(&[Weekday::Sun]),
            holidays: vec![],
        };
        let monthly = TaskSchedule::new(Schedule::MonthlyOnDay { day: 31 }, d(2026, 1, 1));
        assert_eq!(
            preview(&monthly, &cal, d(2026, 1, 1), 5),
            // 2026-05-31 is a Sunday: moved to Monday 06-01.
            [
                d(2026, 1, 31),
                d(2026, 2, 28),
                d(2026, 3, 31),
                d(2026, 4, 30),
                d(2026, 6, 1)
            ]
        );
        let counted = TaskSchedule::new(Schedule::EveryDays(6), d(2026, 3, 1)).from_completion();
        assert_eq!(
            preview(&counted, &cal, d(2026, 3, 3), 3),
            [d(2026, 3, 3), d(2026, 3, 9), d(2026, 3, 16)]
        );
        let once = TaskSchedule::new(Schedule::Once(d(2026, 3, 1)), d(2026, 3, 1));
        assert!(preview(&once, &cal, d(2026, 3, 3), 5).is_empty());
        assert_eq!(
            preview(&monthly, &cal, d(2026, 1, 1), usize::MAX).len(),
            PREVIEW_MAX
        );
        assert!(
            preview(
                &TaskSchedule::new(Schedule::EveryDays(0), d(2026, 1, 1)),
                &cal,
                d(2026, 1, 1),
                5
            )
            .is_empty()
        );
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        let cal = open();
        for s in [
            Schedule::Daily,
            Schedule::EveryMonths(999),
            Schedule::Yearly { month: 2, day: 29 },
            Schedule::Once(NaiveDate::MAX),
        ] {
            for anchor in [Anchor::Fixed, Anchor::FromCompletion] {
                let task = TaskSchedule {
                    anchor,
                    ..TaskSchedule::new(s.clone(), NaiveDate::MAX)
                };
                let last = Some(Occurrence::done(NaiveDate::MAX, NaiveDate::MAX));
                let _ = catch_up(&task, &cal, last, NaiveDate::MAX);
                let _ = catch_up(&task, &cal, None, NaiveDate::MIN);
                let _ = preview(&task, &cal, NaiveDate::MIN, 3);
                let early = TaskSchedule {
                    start: NaiveDate::MIN,
                    ..task
                };
                let _ = catch_up(
                    &early,
                    &cal,
                    Some(Occurrence::missed(NaiveDate::MIN)),
                    NaiveDate::MAX,
                );
            }
        }
    }
}
