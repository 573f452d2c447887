//! Property tests of the planner's schedule arithmetic: random schedules of every kind, start
//! dates in 2020–2035 (month ends and Feb 29 often), random shop calendars (never closed every
//! day) and random completion histories.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use proptest::prelude::*;

use poscare_core::i18n::Lang;
use poscare_core::planner::weekdays::WEEK;
use poscare_core::planner::{
    Anchor, ClosedDayRule, Holiday, MISSED_CAP, Occurrence, Schedule, ShopCalendar, TaskSchedule,
    Weekdays, catch_up, describe, due_after, latest_occurrence, next_due, preview, slots_after,
};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn plus(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64)).unwrap()
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap()
    }
}

fn last_day_of_month(y: i32, m: u32) -> NaiveDate {
    (28..=31)
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(y, m, d))
        .unwrap()
}

/// A date in 2020–2035, often a month end or a Feb 29.
fn date() -> impl Strategy<Value = NaiveDate> {
    let first = ymd(2020, 1, 1);
    let span = (ymd(2035, 12, 31) - first).num_days();
    prop_oneof![
        4 => (0..=span).prop_map(move |o| plus(first, o)),
        2 => (2020i32..=2035, 1u32..=12).prop_map(|(y, m)| last_day_of_month(y, m)),
        1 => prop::sample::select(vec![2020, 2024, 2028, 2032]).prop_map(|y| ymd(y, 2, 29)),
    ]
}

fn weekdays(mask: u8) -> Weekdays {
    WEEK.into_iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, d)| d)
        .collect()
}

fn schedule() -> impl Strategy<Value = Schedule> {
    prop_oneof![
        date().prop_map(Schedule::Once),
        Just(Schedule::Daily),
        (1u8..128).prop_map(|m| Schedule::Weekly {
            weekdays: weekdays(m)
        }),
        (1u32..=31).prop_map(|day| Schedule::MonthlyOnDay { day }),
        prop_oneof![Just(29u32), Just(30), Just(31)].prop_map(|day| Schedule::MonthlyOnDay { day }),
        Just(Schedule::MonthlyLastDay),
        prop_oneof![3 => 1u32..=45, 1 => 46u32..=999].prop_map(Schedule::EveryDays),
        prop_oneof![3 => 1u32..=10, 1 => 11u32..=200].prop_map(Schedule::EveryWeeks),
        (1u32..=25).prop_map(Schedule::EveryMonths),
        (1u32..=12)
            .prop_flat_map(|m| (Just(m), 1..=last_day_of_month(2024, m).day()))
            .prop_map(|(month, day)| Schedule::Yearly { month, day }),
        Just(Schedule::Yearly { month: 2, day: 29 }),
    ]
}

fn anchor() -> impl Strategy<Value = Anchor> {
    prop_oneof![Just(Anchor::Fixed), Just(Anchor::FromCompletion)]
}

fn rule() -> impl Strategy<Value = ClosedDayRule> {
    prop_oneof![
        Just(ClosedDayRule::MoveToNextOpenDay),
        Just(ClosedDayRule::Skip)
    ]
}

fn task() -> impl Strategy<Value = TaskSchedule> {
    (schedule(), anchor(), date(), rule()).prop_map(|(schedule, anchor, start, closed_rule)| {
        TaskSchedule {
            schedule,
            anchor,
            start,
            closed_rule,
        }
    })
}

/// Rest days (never all seven) and up to four closings of up to ten days.
fn calendar() -> impl Strategy<Value = ShopCalendar> {
    (
        0u8..127,
        prop::collection::vec((date(), 0i64..10), 0..4),
        any::<bool>(),
    )
        .prop_map(|(mask, closings, open_every_day)| {
            if open_every_day {
                return ShopCalendar::always_open();
            }
            ShopCalendar {
                rest_days: weekdays(mask),
                holidays: closings
                    .into_iter()
                    .map(|(first, len)| Holiday::range(first, plus(first, len)))
                    .collect(),
            }
        })
}

/// One visit of the shop owner: days since the last visit, and whether the task is done then.
fn visits() -> impl Strategy<Value = Vec<(i64, bool)>> {
    prop::collection::vec((0i64..45, prop::bool::weighted(0.75)), 1..20)
}

fn strictly_increasing(dates: &[NaiveDate]) -> bool {
    dates.windows(2).all(|w| w[0] < w[1])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn slots_strictly_increase_and_are_open_days(
        task in task(),
        cal in calendar(),
        after in date(),
    ) {
        let slots: Vec<_> =
            slots_after(&task.schedule, task.start, after, &cal, task.closed_rule).take(40).collect();
        prop_assert!(strictly_increasing(&slots), "{slots:?}");
        prop_assert!(slots.iter().all(|s| *s > after));
        prop_assert!(slots.iter().all(|s| cal.is_open(*s)), "{slots:?}");
    }

    #[test]
    fn skip_drops_closed_slots_and_move_moves_them(
        task in task(),
        cal in calendar(),
        after in date(),
    ) {
        prop_assume!(!matches!(task.schedule, Schedule::Once(_)));
        let open = ShopCalendar::always_open();
        let raw: Vec<_> = slots_after(&task.schedule, task.start, after, &open, task.closed_rule)
            .take(60)
            .collect();
        prop_assume!(raw.len() == 60);
        let horizon = raw[59];
        let skipped: Vec<_> =
            slots_after(&task.schedule, task.start, after, &cal, ClosedDayRule::Skip)
                .take_while(|s| *s <= horizon)
                .collect();
        let expected: Vec<_> = raw.iter().copied().filter(|d| cal.is_open(*d)).collect();
        prop_assert_eq!(skipped, expected);
        let moved: Vec<_> =
            slots_after(&task.schedule, task.start, after, &cal, ClosedDayRule::MoveToNextOpenDay)
                .take_while(|s| *s <= horizon)
                .collect();
        // A raw date shortly before `after` may move past it: start the raw dates well before.
        let mut expected: Vec<_> =
            slots_after(&task.schedule, task.start, plus(after, -400), &open, task.closed_rule)
                .take_while(|d| *d <= horizon)
                .map(|d| cal.next_open(d))
                .filter(|d| *d > after && *d <= horizon)
                .collect();
        expected.dedup();
        prop_assert_eq!(moved, expected);
    }

    #[test]
    fn weekly_sets_give_only_the_chosen_days(mask in 1u8..128, start in date(), cal in calendar()) {
        let chosen = weekdays(mask);
        let schedule = Schedule::Weekly { weekdays: chosen };
        let open = ShopCalendar::always_open();
        for (c, rule) in [(&open, ClosedDayRule::MoveToNextOpenDay), (&cal, ClosedDayRule::Skip)] {
            let slots: Vec<_> = slots_after(&schedule, start, start, c, rule).take(30).collect();
            prop_assert!(slots.iter().all(|s| chosen.contains(s.weekday())), "{slots:?}");
        }
        // With an open shop every chosen day of the first four weeks is a slot.
        let four_weeks: Vec<_> =
            slots_after(&schedule, start, start, &open, ClosedDayRule::Skip)
                .take_while(|s| *s <= plus(start, 28))
                .collect();
        prop_assert_eq!(four_weeks.len(), chosen.len() * 4);
    }

    #[test]
    fn day_of_month_clamps_to_short_months_without_drifting(
        day in 28u32..=31,
        start in date(),
        n in 1u32..=13,
    ) {
        let open = ShopCalendar::always_open();
        let rule = ClosedDayRule::MoveToNextOpenDay;
        let monthly: Vec<_> =
            slots_after(&Schedule::MonthlyOnDay { day }, start, start, &open, rule).take(30).collect();
        for s in &monthly {
            let last = last_day_of_month(s.year(), s.month()).day();
            prop_assert_eq!(s.day(), day.min(last), "{:?}", s);
        }
        let months: Vec<_> = monthly.iter().map(|s| s.year() * 12 + s.month() as i32).collect();
        prop_assert!(months.windows(2).all(|w| w[1] == w[0] + 1));
        let every_n: Vec<_> =
            slots_after(&Schedule::EveryMonths(n), start, plus(start, -1), &open, rule).take(30).collect();
        prop_assert_eq!(every_n[0], start);
        for (k, s) in every_n.iter().enumerate() {
            let index = start.year() * 12 + start.month0() as i32 + (k as i32) * n as i32;
            let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
            prop_assert_eq!(*s, ymd(y, m, start.day().min(last_day_of_month(y, m).day())));
        }
    }

    #[test]
    fn leap_day_yearly_is_feb_28_in_common_years(start in date()) {
        let open = ShopCalendar::always_open();
        let yearly = Schedule::Yearly { month: 2, day: 29 };
        let slots: Vec<_> =
            slots_after(&yearly, start, start, &open, ClosedDayRule::Skip).take(12).collect();
        for s in &slots {
            let leap = NaiveDate::from_ymd_opt(s.year(), 2, 29).is_some();
            prop_assert_eq!((s.month(), s.day()), (2, if leap { 29 } else { 28 }));
        }
        let years: Vec<_> = slots.iter().map(|s| s.year()).collect();
        prop_assert!(years.windows(2).all(|w| w[1] == w[0] + 1));
    }

    #[test]
    fn histories_keep_every_due_date_rule(
        task in task(),
        cal in calendar(),
        first_visit in -30i64..60,
        visits in visits(),
    ) {
        let mut records: Vec<Occurrence> = Vec::new();
        let mut today = plus(task.start, first_visit);
        for (gap, complete) in visits {
            today = plus(today, gap);
            let last = latest_occurrence(records.iter().copied());
            let caught = catch_up(&task, &cal, last, today);
            prop_assert_eq!(caught.due, next_due(&task, &cal, last, today));
            let Some(due) = caught.due else { break };

            // Missed slots: strictly between the last due date and the open one, increasing,
            // at most the cap, and exactly the slots in between when none were left out.
            prop_assert!(caught.missed.len() <= MISSED_CAP);
            prop_assert!(strictly_increasing(&caught.missed));
            if let Some(l) = last {
                prop_assert!(caught.missed.iter().all(|m| *m > l.due));
                prop_assert!(due > l.due, "next due {due} not after last due {}", l.due);
            }
            prop_assert!(caught.missed.iter().all(|m| *m < due));
            if task.anchor == Anchor::FromCompletion {
                prop_assert!(caught.missed.is_empty());
            }
            if task.anchor == Anchor::Fixed && !caught.missed.is_empty() && !caught.more_missed {
                let mut expected: Vec<_> = match last {
                    Some(l) => slots_after(&task.schedule, task.start, l.due.max(l.done_on.unwrap_or(l.due)), &cal, task.effective_rule())
                        .take_while(|s| *s <= due).collect(),
                    None => slots_after(&task.schedule, task.start, plus(task.start.min(due), -1), &cal, task.effective_rule())
                        .take_while(|s| *s <= due).collect(),
                };
                prop_assert_eq!(expected.pop(), Some(due));
                prop_assert_eq!(&caught.missed, &expected);
            }
            if caught.due.is_some_and(|d| d <= today) && task.anchor == Anchor::Fixed {
                // The open occurrence is the latest slot on or before today.
                let later = slots_after(&task.schedule, task.start, due, &cal, task.effective_rule()).next();
                prop_assert!(later.is_none_or(|l| l > today));
            }

            // Record the missed slots once: catching up again finds nothing more.
            records.extend(caught.missed.iter().map(|m| Occurrence::missed(*m)));
            let again = catch_up(&task, &cal, latest_occurrence(records.iter().copied()), today);
            prop_assert_eq!(again.due, Some(due));
            prop_assert!(again.missed.is_empty());

            if !complete {
                continue;
            }
            let done = Occurrence::done(due, today);
            records.push(done);
            let last = latest_occurrence(records.iter().copied());
            prop_assert_eq!(last, Some(done));
            let Some(next) = due_after(&task, &cal, last) else {
                prop_assert!(matches!(task.schedule, Schedule::Once(_)) || task.closed_rule == ClosedDayRule::Skip);
                break;
            };
            prop_assert!(next > due, "next {next} not after due {due}");
            if task.anchor == Anchor::FromCompletion || today > due {
                prop_assert!(next > today, "next {next} not after completion {today}");
            }
            // A double click, or a second click days later, changes nothing.
            let twice = [done, done, Occurrence::done(due, plus(today, 3))];
            let dup = latest_occurrence(records.iter().copied().chain(twice));
            prop_assert_eq!(due_after(&task, &cal, dup), Some(next));
            prop_assert_eq!(next_due(&task, &cal, dup, today), next_due(&task, &cal, last, today));
        }
    }

    #[test]
    fn counted_from_completion_is_at_least_one_interval_later(
        n in 1u32..=60,
        kind in 0u8..3,
        due in date(),
        done_offset in -90i64..90,
    ) {
        let schedule = match kind {
            0 => Schedule::EveryDays(n),
            1 => Schedule::EveryWeeks(n),
            _ => Schedule::EveryMonths(n),
        };
        let task = TaskSchedule::new(schedule, ymd(2020, 1, 1)).from_completion();
        let done = plus(due, done_offset);
        let open = ShopCalendar::always_open();
        let next = due_after(&task, &open, Some(Occurrence::done(due, done))).unwrap();
        prop_assert!(next > due && next > done);
        let min_days = match kind { 0 => i64::from(n), 1 => 7 * i64::from(n), _ => 28 * i64::from(n) };
        prop_assert!((next - done).num_days() >= min_days);
        if done > due {
            // Done late: exactly one interval after the completion.
            let exact = match kind {
                0 => Some(plus(done, i64::from(n))),
                1 => Some(plus(done, 7 * i64::from(n))),
                _ => None,
            };
            if let Some(exact) = exact {
                prop_assert_eq!(next, exact);
            }
        }
    }

    #[test]
    fn previews_are_increasing_future_dates(task in task(), cal in calendar(), from in date(), count in 0usize..12) {
        let dates = preview(&task, &cal, from, count);
        prop_assert!(dates.len() <= count);
        prop_assert!(strictly_increasing(&dates));
        prop_assert!(dates.iter().all(|d| *d >= from && cal.is_open(*d)), "{dates:?}");
        if task.anchor == Anchor::Fixed && count > 0 && !dates.is_empty() {
            let slots: Vec<_> = slots_after(&task.schedule, task.start, plus(from, -1), &cal, task.effective_rule())
                .take(count).collect();
            prop_assert_eq!(dates, slots);
        }
    }

    #[test]
    fn every_task_is_described_and_stored(task in task(), cal in calendar()) {
        for lang in Lang::ALL {
            let text = describe(&task, lang);
            prop_assert!(!text.is_empty() && !text.contains('{'), "{text}");
        }
        let json = serde_json::to_string(&task).unwrap();
        prop_assert_eq!(serde_json::from_str::<TaskSchedule>(&json).unwrap(), task);
        let json = serde_json::to_string(&cal).unwrap();
        prop_assert_eq!(serde_json::from_str::<ShopCalendar>(&json).unwrap(), cal);
    }
}

#[test]
fn weekday_set_of_a_weekly_task_survives_storage() {
    let task = TaskSchedule::new(
        Schedule::Weekly {
            weekdays: Weekdays::of(&[Weekday::Tue, Weekday::Sat]),
        },
        ymd(2026, 3, 3),
    );
    let json = serde_json::to_string(&task).unwrap();
    assert_eq!(serde_json::from_str::<TaskSchedule>(&json).unwrap(), task);
}
