//! The calendar slots of a schedule, with the shop's closing days applied.
//!
//! The raw dates of a schedule (see [`Schedule`]) become slots through the [`ClosedDayRule`]:
//! with [`ClosedDayRule::MoveToNextOpenDay`] a raw date on a closing day moves to the next open
//! day, and raw dates that land on the same open day become one slot; with [`ClosedDayRule::Skip`]
//! it is dropped. Slots strictly increase. A one-off schedule is never skipped, it moves.

use std::iter::FusedIterator;

use chrono::NaiveDate;

use super::closing::{SEARCH_DAYS, ShopCalendar};
use super::schedule::{ClosedDayRule, Schedule, raw_on_or_after, raw_on_or_before};

/// The slot a raw date becomes under `rule`: moved to the next open day, or none when skipped.
fn place(calendar: &ShopCalendar, rule: ClosedDayRule, raw: NaiveDate) -> Option<NaiveDate> {
    match rule {
        ClosedDayRule::MoveToNextOpenDay => Some(calendar.next_open(raw)),
        ClosedDayRule::Skip => calendar.is_open(raw).then_some(raw),
    }
}

/// The slots of a schedule in increasing order (from [`slots_after`]).
///
/// Each step is bounded: it examines at most [`SEARCH_DAYS`] raw dates, and the iterator ends
/// when none of them gives a slot (e.g. a weekly task on the rest day with [`ClosedDayRule::Skip`])
/// or the dates run out. The number of slots is not bounded: use `take`.
#[derive(Clone, Debug)]
pub struct Slots<'a> {
    schedule: Schedule,
    start: NaiveDate,
    calendar: &'a ShopCalendar,
    rule: ClosedDayRule,
    /// Where the search for the next raw date starts; `None` once finished.
    cursor: Option<NaiveDate>,
    /// Only slots strictly after this are yielded (the last slot yielded, or the caller's bound).
    floor: Option<NaiveDate>,
}

impl<'a> Slots<'a> {
    /// The slots strictly after `floor` (all of them when `None`).
    pub(crate) fn new(
        schedule: &Schedule,
        start: NaiveDate,
        floor: Option<NaiveDate>,
        calendar: &'a ShopCalendar,
        rule: ClosedDayRule,
    ) -> Slots<'a> {
        let rule = rule.for_schedule(schedule);
        let cursor = if schedule.validate().is_err() {
            None
        } else {
            match (floor, rule) {
                (None, _) => Some(NaiveDate::MIN),
                // A raw date on or before the floor may move past it: start from the last one
                // (only the last can, as every raw date between it and its open day is closed).
                (Some(f), ClosedDayRule::MoveToNextOpenDay) => {
                    raw_on_or_before(schedule, start, f).or_else(|| f.succ_opt())
                }
                (Some(f), ClosedDayRule::Skip) => f.succ_opt(),
            }
        };
        Slots {
            schedule: schedule.clone(),
            start,
            calendar,
            rule,
            cursor,
            floor,
        }
    }
}

impl Iterator for Slots<'_> {
    type Item = NaiveDate;

    fn next(&mut self) -> Option<NaiveDate> {
        for _ in 0..SEARCH_DAYS {
            let cursor = self.cursor?;
            let Some(raw) = raw_on_or_after(&self.schedule, self.start, cursor) else {
                break;
            };
            let slot = place(self.calendar, self.rule, raw);
            // Raw dates between `raw` and the open day it moved to are closed and move there too.
            self.cursor = slot.unwrap_or(raw).succ_opt();
            if let Some(s) = slot
                && self.floor.is_none_or(|f| s > f)
            {
                self.floor = Some(s);
                return Some(s);
            }
        }
        self.cursor = None;
        None
    }
}

impl FusedIterator for Slots<'_> {}

/// The slots of `schedule` (fixed to the calendar from `start`) strictly after `after`, with
/// closing days handled by `rule`. Slot dates strictly increase.
///
/// A raw date on or before `after` that moved past it counts (a slot on the holiday before
/// `after` that moved to the open day after it). An invalid schedule has no slots.
pub fn slots_after<'a>(
    schedule: &Schedule,
    start: NaiveDate,
    after: NaiveDate,
    calendar: &'a ShopCalendar,
    rule: ClosedDayRule,
) -> Slots<'a> {
    Slots::new(schedule, start, Some(after), calendar, rule)
}

/// The slots on or before a date, latest first: the mirror of [`Slots`], for catching up.
#[derive(Clone, Debug)]
pub(crate) struct SlotsBack<'a> {
    schedule: Schedule,
    start: NaiveDate,
    calendar: &'a ShopCalendar,
    rule: ClosedDayRule,
    cursor: Option<NaiveDate>,
    /// Only slots on or before this are yielded; then only slots before the last one yielded.
    ceiling: Option<NaiveDate>,
}

impl<'a> SlotsBack<'a> {
    /// The slots on or before `upto`, latest first.
    pub(crate) fn new(
        schedule: &Schedule,
        start: NaiveDate,
        upto: NaiveDate,
        calendar: &'a ShopCalendar,
        rule: ClosedDayRule,
    ) -> SlotsBack<'a> {
        let valid = schedule.validate().is_ok();
        SlotsBack {
            schedule: schedule.clone(),
            start,
            calendar,
            rule: rule.for_schedule(schedule),
            cursor: valid.then_some(upto),
            ceiling: Some(upto),
        }
    }
}

impl Iterator for SlotsBack<'_> {
    type Item = NaiveDate;

    fn next(&mut self) -> Option<NaiveDate> {
        for _ in 0..SEARCH_DAYS {
            let (cursor, ceiling) = (self.cursor?, self.ceiling?);
            let Some(raw) = raw_on_or_before(&self.schedule, self.start, cursor) else {
                break;
            };
            self.cursor = raw.pred_opt();
            if let Some(s) = place(self.calendar, self.rule, raw)
                && s <= ceiling
            {
                self.ceiling = s.pred_opt();
                return Some(s);
            }
        }
        self.cursor = None;
        None
    }
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

    fn sundays_closed() -> ShopCalendar {
        ShopCalendar {
            rest_days: Weekdays::of(&[Weekday::Sun]),
            holidays: vec![],
        }
    }

    const MOVE: ClosedDayRule = ClosedDayRule::MoveToNextOpenDay;
    const SKIP: ClosedDayRule = ClosedDayRule::Skip;

    #[test]
    fn daily_with_sundays_closed_merges_sunday_into_monday() {
        let cal = sundays_closed();
        // 2026-03-07 is a Saturday.
        let moved: Vec<_> = slots_after(&Schedule::Daily, d(2026, 3, 1), d(2026, 3, 6), &cal, MOVE)
            .take(3)
            .collect();
        assert_eq!(moved, [d(2026, 3, 7), d(2026, 3, 9), d(2026, 3, 10)]);
        let skipped: Vec<_> =
            slots_after(&Schedule::Daily, d(2026, 3, 1), d(2026, 3, 6), &cal, SKIP)
                .take(3)
                .collect();
        assert_eq!(skipped, moved);
    }

    #[test]
    fn a_slot_moved_past_the_bound_is_still_found() {
        let cal = ShopCalendar {
            rest_days: Weekdays::NONE,
            holidays: vec![Holiday::range(d(2026, 2, 16), d(2026, 2, 22))],
        };
        // Weekly on Monday: Feb 16 is in the festival and moves to Feb 23.
        let mondays = Schedule::Weekly {
            weekdays: Weekdays::of(&[Weekday::Mon]),
        };
        let after_18: Vec<_> = slots_after(&mondays, d(2026, 1, 5), d(2026, 2, 18), &cal, MOVE)
            .take(2)
            .collect();
        assert_eq!(after_18, [d(2026, 2, 23), d(2026, 3, 2)]);
        let skipped: Vec<_> = slots_after(&mondays, d(2026, 1, 5), d(2026, 2, 10), &cal, SKIP)
            .take(2)
            .collect();
        assert_eq!(skipped, [d(2026, 2, 23), d(2026, 3, 2)]);
    }

    #[test]
    fn skipping_every_slot_ends_instead_of_looping() {
        let cal = sundays_closed();
        let sundays = Schedule::Weekly {
            weekdays: Weekdays::of(&[Weekday::Sun]),
        };
        assert_eq!(
            slots_after(&sundays, d(2026, 1, 1), d(2026, 1, 1), &cal, SKIP).next(),
            None
        );
        assert_eq!(
            slots_after(&sundays, d(2026, 1, 1), d(2026, 1, 1), &cal, MOVE).next(),
            Some(d(2026, 1, 5))
        );
    }

    #[test]
    fn a_one_off_on_a_closed_day_moves_even_when_skipping() {
        let cal = sundays_closed();
        let once = Schedule::Once(d(2026, 3, 8));
        let all: Vec<_> = Slots::new(&once, d(2026, 1, 1), None, &cal, SKIP).collect();
        assert_eq!(all, [d(2026, 3, 9)]);
    }

    #[test]
    fn invalid_schedules_have_no_slots() {
        let cal = ShopCalendar::always_open();
        assert_eq!(
            slots_after(
                &Schedule::EveryDays(0),
                d(2026, 1, 1),
                d(2026, 1, 1),
                &cal,
                MOVE
            )
            .next(),
            None
        );
        let none = Schedule::Weekly {
            weekdays: Weekdays::NONE,
        };
        assert_eq!(
            SlotsBack::new(&none, d(2026, 1, 1), d(2027, 1, 1), &cal, MOVE).next(),
            None
        );
    }

    #[test]
    fn backwards_is_the_reverse_of_forwards() {
        let cal = ShopCalendar {
            rest_days: Weekdays::of(&[Weekday::Sat, Weekday::Sun]),
            holidays: vec![Holiday::range(d(2026, 2, 16), d(2026, 2, 22))],
        };
        for rule in [MOVE, SKIP] {
            for s in [
                Schedule::Daily,
                Schedule::EveryDays(3),
                Schedule::MonthlyLastDay,
                Schedule::Weekly {
                    weekdays: Weekdays::of(&[Weekday::Mon, Weekday::Sat]),
                },
            ] {
                let start = d(2026, 1, 1);
                let mut forward: Vec<_> = Slots::new(&s, start, None, &cal, rule)
                    .take_while(|x| *x <= d(2026, 6, 30))
                    .collect();
                forward.reverse();
                let back: Vec<_> = SlotsBack::new(&s, start, d(2026, 6, 30), &cal, rule).collect();
                assert_eq!(back, forward, "{s:?} {rule:?}");
            }
        }
    }
}
