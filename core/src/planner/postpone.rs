//! A check put off: the open occurrence of a task that could not be done on its day ("the
//! engineer comes tomorrow", "no time on a busy Saturday") is shown as due on a later day, before
//! the task's next slot, and is not "overdue" meanwhile. Done, it is recorded against its own
//! slot (and counts as done late); not done by its next slot, it is missed like any other.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::agenda::{Agenda, AgendaTask, HORIZON_DAYS};
use super::closing::ShopCalendar;
use super::due::{Occurrence, OccurrenceStatus, due_after, occurrence_status};
use super::schedule::TaskSchedule;

/// An occurrence put off: the task's slot due on `due`, to be done on `until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Postponed {
    /// The slot's own due date.
    pub due: NaiveDate,
    /// The day it is put off to.
    pub until: NaiveDate,
}

impl Postponed {
    /// Whether it puts off the open occurrence due on `due` (not an earlier slot's, since done
    /// or missed) to a later day.
    pub fn holds_for(&self, due: NaiveDate) -> bool {
        self.due == due && self.until > due
    }
}

/// The day "tomorrow instead" puts the occurrence of `task` due on `due` off to, seen on
/// `today`: the next open day after today, if that comes before the task's next slot (a daily
/// check is skipped, not put off: tomorrow has its own). `None` when it cannot be put off.
pub fn tomorrow_for(
    task: &TaskSchedule,
    calendar: &ShopCalendar,
    due: NaiveDate,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let tomorrow = calendar.next_open(today.succ_opt()?);
    let next_slot = due_after(task, calendar, Some(Occurrence::done(due, due)));
    (tomorrow > due && next_slot.is_none_or(|next| tomorrow < next)).then_some(tomorrow)
}

/// Shows each open occurrence put off (its task's postponement names its own due date) as due
/// on the day it was put off to: not overdue or due today before then, listed among the coming
/// days (or not at all, beyond [`HORIZON_DAYS`]).
pub fn apply(agenda: &mut Agenda, postponed: &HashMap<i64, Postponed>) {
    if postponed.is_empty() {
        return;
    }
    let today = agenda.today;
    let horizon = today
        .checked_add_days(chrono::Days::new(HORIZON_DAYS))
        .unwrap_or(today);
    let mut all: Vec<AgendaTask> = Vec::new();
    for list in [
        &mut agenda.overdue,
        &mut agenda.due_today,
        &mut agenda.upcoming,
    ] {
        all.append(list);
    }
    for mut item in all {
        if let Some(p) = postponed
            .get(&item.task.id)
            .filter(|p| p.holds_for(item.due))
        {
            item.until = Some(p.until);
            item.status = occurrence_status(p.until, None, today);
        }
        match item.status {
            OccurrenceStatus::Overdue => agenda.overdue.push(item),
            OccurrenceStatus::DueToday => agenda.due_today.push(item),
            _ if item.shown_due() <= horizon => agenda.upcoming.push(item),
            _ => {}
        }
    }
    for list in [
        &mut agenda.overdue,
        &mut agenda.due_today,
        &mut agenda.upcoming,
    ] {
        super::agenda::sort(list);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::agenda::build;
    use crate::planner::agenda::tests::task;
    use crate::planner::schedule::Schedule;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_weekly_check_can_be_put_off_to_tomorrow_but_not_past_its_next_week() {
        let t = task(1, Schedule::EveryWeeks(1), d(11, 2));
        let cal = ShopCalendar::default();
        // Due Monday 7 December: tomorrow is Tuesday, well before the next Monday.
        assert_eq!(
            tomorrow_for(&t.fields.schedule, &cal, d(12, 7), d(12, 7)),
            Some(d(12, 8))
        );
        // Seen on Sunday the 13th, tomorrow is the next slot itself: no putting off.
        assert_eq!(
            tomorrow_for(&t.fields.schedule, &cal, d(12, 7), d(12, 13)),
            None
        );
    }

    #[test]
    fn a_daily_check_is_never_put_off() {
        let t = task(1, Schedule::Daily, d(11, 2));
        let cal = ShopCalendar::default();
        assert_eq!(
            tomorrow_for(&t.fields.schedule, &cal, d(12, 7), d(12, 7)),
            None
        );
    }

    #[test]
    fn a_check_put_off_is_due_on_its_new_day_and_not_overdue_before() {
        // Every other Wednesday from 4 November: due 2 December, next 16 December.
        let every_other = || Schedule::EveryWeeks(2);
        let tasks = vec![
            task(1, every_other(), d(11, 4)),
            task(2, every_other(), d(11, 4)),
        ];
        let cal = ShopCalendar::default();
        let latest = HashMap::new();
        let postponed = HashMap::from([(
            1,
            Postponed {
                due: d(12, 2),
                until: d(12, 8),
            },
        )]);
        // Monday 7 December: both checks are overdue...
        let mut today = build(&tasks, &latest, &cal, d(12, 7));
        assert_eq!(today.overdue.len(), 2);
        // ...but the one put off to tomorrow waits for tomorrow.
        apply(&mut today, &postponed);
        assert_eq!(today.overdue.len(), 1);
        assert_eq!(today.overdue[0].task.id, 2);
        let put_off = &today.upcoming[0];
        assert_eq!(
            (put_off.task.id, put_off.due, put_off.until),
            (1, d(12, 2), Some(d(12, 8)))
        );
        assert_eq!(put_off.shown_due(), d(12, 8));
        // Tomorrow it is due (to be recorded against its own slot, 2 December)...
        let mut tomorrow = build(&tasks, &latest, &cal, d(12, 8));
        apply(&mut tomorrow, &postponed);
        assert_eq!(tomorrow.due_today.len(), 1);
        assert_eq!(tomorrow.due_today[0].due, d(12, 2));
        // ...and the day after, overdue again.
        let mut after = build(&tasks, &latest, &cal, d(12, 9));
        apply(&mut after, &postponed);
        assert!(after.overdue.iter().any(|t| t.task.id == 1));
        assert!(after.upcoming.is_empty());
    }

    #[test]
    fn a_postponement_of_another_slot_changes_nothing() {
        let tasks = vec![task(1, Schedule::EveryWeeks(1), d(11, 2))];
        let cal = ShopCalendar::default();
        let postponed = HashMap::from([(
            1,
            Postponed {
                due: d(11, 23),
                until: d(11, 24),
            },
        )]);
        let mut today = build(&tasks, &HashMap::new(), &cal, d(12, 7));
        let before = today.clone();
        apply(&mut today, &postponed);
        assert_eq!(today, before);
    }
}
