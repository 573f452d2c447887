//! A task's schedule as one natural sentence, in Chinese or English, through the string table.
//!
//! E.g. "每周一、三、五，遇到休息日顺延到下一个营业日" or
//! "every 2 weeks, counted from the last completion, skipped on closing days". The English
//! sentence starts in lower case, to follow a label such as "Schedule:".

use chrono::{Datelike, Weekday};

use super::schedule::{Anchor, ClosedDayRule, Schedule, TaskSchedule};
use super::weekdays::Weekdays;
use crate::i18n::{Lang, T};

/// Weekday names, Monday first: alone or first in a list ("周一" / "Monday").
const WEEKDAY: [T; 7] = [
    T::PlanMon,
    T::PlanTue,
    T::PlanWed,
    T::PlanThu,
    T::PlanFri,
    T::PlanSat,
    T::PlanSun,
];

/// Weekday names inside a list ("、三" / ", Wednesday").
const WEEKDAY_NEXT: [T; 7] = [
    T::PlanMonNext,
    T::PlanTueNext,
    T::PlanWedNext,
    T::PlanThuNext,
    T::PlanFriNext,
    T::PlanSatNext,
    T::PlanSunNext,
];

/// Weekday names last in a list ("、五" / " and Friday").
const WEEKDAY_LAST: [T; 7] = [
    T::PlanMonLast,
    T::PlanTueLast,
    T::PlanWedLast,
    T::PlanThuLast,
    T::PlanFriLast,
    T::PlanSatLast,
    T::PlanSunLast,
];

/// Month names, January first ("3 月" / "March").
const MONTH: [T; 12] = [
    T::PlanMonth1,
    T::PlanMonth2,
    T::PlanMonth3,
    T::PlanMonth4,
    T::PlanMonth5,
    T::PlanMonth6,
    T::PlanMonth7,
    T::PlanMonth8,
    T::PlanMonth9,
    T::PlanMonth10,
    T::PlanMonth11,
    T::PlanMonth12,
];

/// The name of a weekday ("周一" / "Monday"), e.g. for the weekday picker.
pub fn weekday_label(day: Weekday) -> T {
    WEEKDAY[day.num_days_from_monday() as usize]
}

/// The name of month 1–12 ("3 月" / "March"); `None` for any other number.
pub fn month_label(month: u32) -> Option<T> {
    MONTH.get(month.checked_sub(1)? as usize).copied()
}

/// The month's name, or its number when it is not a month.
pub(crate) fn month_text(month: u32, lang: Lang) -> String {
    match month_label(month) {
        Some(key) => lang.t(key).to_owned(),
        None => month.to_string(),
    }
}

/// The whole sentence: the days, how they are counted, and what closing days do.
/// An invalid schedule is described by what is wrong with it.
pub fn describe(task: &TaskSchedule, lang: Lang) -> String {
    if let Err(e) = task.validate() {
        return e.message(lang);
    }
    let mut out = days(task, lang);
    if task.anchor == Anchor::FromCompletion && !matches!(task.schedule, Schedule::Once(_)) {
        out.push_str(lang.t(T::PlanFromCompletion));
    }
    out.push_str(lang.t(match task.effective_rule() {
        ClosedDayRule::MoveToNextOpenDay => T::PlanClosedMove,
        ClosedDayRule::Skip => T::PlanClosedSkip,
    }));
    out
}

/// Which days, without the anchor and the closing rule.
fn days(task: &TaskSchedule, lang: Lang) -> String {
    let fixed = task.anchor == Anchor::Fixed;
    let num = |n: u32| n.to_string();
    match task.schedule {
        Schedule::Once(date) => lang.fill(T::PlanOnce, &[("date", &date.to_string())]),
        Schedule::Daily | Schedule::EveryDays(1) => lang.t(T::PlanDaily).to_owned(),
        Schedule::Weekly { weekdays } => weekly(weekdays, lang),
        Schedule::MonthlyOnDay { day } => monthly_on(day, lang),
        Schedule::MonthlyLastDay => lang.t(T::PlanMonthlyLastDay).to_owned(),
        Schedule::EveryDays(n) if fixed => lang.fill(
            T::PlanEveryNDaysFrom,
            &[("n", &num(n)), ("date", &task.start.to_string())],
        ),
        Schedule::EveryDays(n) => lang.fill(T::PlanEveryNDays, &[("n", &num(n))]),
        Schedule::EveryWeeks(1) if fixed => weekly(Weekdays::of(&[task.start.weekday()]), lang),
        Schedule::EveryWeeks(1) => lang.t(T::PlanEveryWeek).to_owned(),
        Schedule::EveryWeeks(n) if fixed => lang.fill(
            T::PlanEveryNWeeksOn,
            &[
                ("n", &num(n)),
                ("weekday", lang.t(weekday_label(task.start.weekday()))),
            ],
        ),
        Schedule::EveryWeeks(n) => lang.fill(T::PlanEveryNWeeks, &[("n", &num(n))]),
        Schedule::EveryMonths(1) if fixed => monthly_on(task.start.day(), lang),
        Schedule::EveryMonths(1) => lang.t(T::PlanEveryMonth).to_owned(),
        Schedule::EveryMonths(n) if fixed => {
            let day = task.start.day();
            let mut s = lang.fill(T::PlanEveryNMonthsOn, &[("n", &num(n)), ("day", &num(day))]);
            if day >= 29 {
                s.push_str(lang.t(T::PlanShortMonthNote));
            }
            s
        }
        Schedule::EveryMonths(n) => lang.fill(T::PlanEveryNMonths, &[("n", &num(n))]),
        Schedule::Yearly { month, day } => {
            let mut s = lang.fill(
                T::PlanYearly,
                &[("month", &month_text(month, lang)), ("day", &num(day))],
            );
            if (month, day) == (2, 29) {
                s.push_str(lang.t(T::PlanLeapDayNote));
            }
            s
        }
    }
}

/// "每月 15 日" / "every month on day 15", with the short-month note from day 29 on.
fn monthly_on(day: u32, lang: Lang) -> String {
    let mut s = lang.fill(T::PlanMonthlyOnDay, &[("day", &day.to_string())]);
    if day >= 29 {
        s.push_str(lang.t(T::PlanShortMonthNote));
    }
    s
}

/// "每周一、三、五" / "every Monday, Wednesday and Friday".
fn weekly(weekdays: Weekdays, lang: Lang) -> String {
    if weekdays == Weekdays::ALL {
        return lang.t(T::PlanDaily).to_owned();
    }
    if weekdays == Weekdays::MON_TO_FRI {
        return lang.t(T::PlanMonToFri).to_owned();
    }
    let days: Vec<usize> = weekdays
        .iter()
        .map(|d| d.num_days_from_monday() as usize)
        .collect();
    let mut list = String::new();
    for (i, day) in days.iter().enumerate() {
        let key = if i == 0 {
            WEEKDAY[*day]
        } else if i + 1 == days.len() {
            WEEKDAY_LAST[*day]
        } else {
            WEEKDAY_NEXT[*day]
        };
        list.push_str(lang.t(key));
    }
    lang.fill(T::PlanWeekly, &[("days", &list)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The days part only, in both languages.
    fn both(schedule: Schedule, start: NaiveDate) -> (String, String) {
        let task = TaskSchedule::new(schedule, start);
        (days(&task, Lang::Zh), days(&task, Lang::En))
    }

    #[test]
    fn weekday_lists_read_naturally() {
        let mwf = Schedule::Weekly {
            weekdays: Weekdays::of(&[Weekday::Mon, Weekday::Wed, Weekday::Fri]),
        };
        assert_eq!(
            both(mwf, d(2026, 3, 2)),
            (
                "每周一、三、五".into(),
                "every Monday, Wednesday and Friday".into()
            )
        );
        let weekend = Schedule::Weekly {
            weekdays: Weekdays::of(&[Weekday::Sat, Weekday::Sun]),
        };
        assert_eq!(
            both(weekend, d(2026, 3, 2)),
            ("每周六、日".into(), "every Saturday and Sunday".into())
        );
        let sunday = Schedule::Weekly {
            weekdays: Weekdays::of(&[Weekday::Sun]),
        };
        assert_eq!(
            both(sunday, d(2026, 3, 2)),
            ("每周日".into(), "every Sunday".into())
        );
        let work_days = Schedule::Weekly {
            weekdays: Weekdays::MON_TO_FRI,
        };
        assert_eq!(both(work_days, d(2026, 3, 2)).0, "每周一至周五");
    }

    #[test]
    fn month_days_and_years() {
        assert_eq!(
            both(Schedule::MonthlyOnDay { day: 15 }, d(2026, 3, 2)),
            ("每月 15 日".into(), "every month on day 15".into())
        );
        assert_eq!(
            both(Schedule::MonthlyOnDay { day: 31 }, d(2026, 3, 2)).0,
            "每月 31 日（该月没有这一天时取最后一天）"
        );
        assert_eq!(
            both(Schedule::MonthlyLastDay, d(2026, 3, 2)),
            (
                "每月最后一天".into(),
                "on the last day of every month".into()
            )
        );
        assert_eq!(
            both(Schedule::Yearly { month: 3, day: 15 }, d(2026, 3, 2)),
            ("每年 3 月 15 日".into(), "every year on March 15".into())
        );
        assert_eq!(
            both(Schedule::Yearly { month: 2, day: 29 }, d(2026, 3, 2)).0,
            "每年 2 月 29 日（平年为 2 月 28 日）"
        );
    }

    #[test]
    fn intervals_name_their_phase_when_fixed() {
        let start = d(2026, 3, 2); // a Monday
        assert_eq!(
            both(Schedule::EveryWeeks(2), start),
            ("每 2 周的周一".into(), "every 2 weeks on Monday".into())
        );
        assert_eq!(both(Schedule::EveryWeeks(1), start).0, "每周一");
        assert_eq!(
            both(Schedule::EveryDays(3), start),
            (
                "从 2026-03-02 起每 3 天".into(),
                "every 3 days from 2026-03-02".into()
            )
        );
        assert_eq!(both(Schedule::EveryDays(1), start).0, "每天");
        assert_eq!(
            both(Schedule::EveryMonths(3), d(2026, 1, 31)),
            (
                "每 3 个月的 31 日（该月没有这一天时取最后一天）".into(),
                "every 3 months on day 31 (the last day in shorter months)".into()
            )
        );
        assert_eq!(
            both(Schedule::EveryMonths(1), d(2026, 1, 15)).0,
            "每月 15 日"
        );
    }

    #[test]
    fn whole_sentences() {
        let task = TaskSchedule::new(Schedule::EveryWeeks(2), d(2026, 3, 2)).from_completion();
        assert_eq!(
            describe(&task, Lang::En),
            "every 2 weeks, counted from the last completion, moved to the next open day on rest days"
        );
        assert_eq!(
            describe(&task, Lang::Zh),
            "每 2 周，按上次完成日起算，遇到休息日顺延到下一个营业日"
        );
        let daily =
            TaskSchedule::new(Schedule::Daily, d(2026, 3, 2)).with_rule(ClosedDayRule::Skip);
        assert_eq!(describe(&daily, Lang::Zh), "每天，遇到休息日跳过");
        assert_eq!(
            describe(&daily, Lang::En),
            "every day, skipped on rest days"
        );
        // A one-off task is never skipped: the sentence says it moves.
        let once = TaskSchedule::new(Schedule::Once(d(2026, 12, 1)), d(2026, 12, 1))
            .with_rule(ClosedDayRule::Skip)
            .from_completion();
        assert_eq!(
            describe(&once, Lang::Zh),
            "仅一次：2026-12-01，遇到休息日顺延到下一个营业日"
        );
        assert_eq!(
            describe(
                &TaskSchedule::new(Schedule::EveryMonths(0), d(2026, 1, 1)),
                Lang::En
            ),
            "The interval must be at least 1."
        );
    }

    #[test]
    fn every_kind_and_anchor_is_described_in_both_languages() {
        let start = d(2024, 2, 29);
        for kind in crate::planner::ScheduleKind::ALL {
            for anchor in [Anchor::Fixed, Anchor::FromCompletion] {
                for n in [1, 2] {
                    let schedule = match kind.schedule_from(start) {
                        Schedule::EveryDays(_) => Schedule::EveryDays(n),
                        Schedule::EveryWeeks(_) => Schedule::EveryWeeks(n),
                        Schedule::EveryMonths(_) => Schedule::EveryMonths(n),
                        other => other,
                    };
                    let task = TaskSchedule {
                        anchor,
                        ..TaskSchedule::new(schedule, start)
                    };
                    let zh = describe(&task, Lang::Zh);
                    let en = describe(&task, Lang::En);
                    assert!(!zh.contains('{') && !en.contains('{'), "{zh} / {en}");
                    assert!(!en.chars().any(|c| c > '\u{2000}'), "{en}");
                    assert!(
                        zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                        "{zh}"
                    );
                }
            }
        }
    }

    #[test]
    fn labels() {
        assert_eq!(Lang::Zh.t(weekday_label(Weekday::Sun)), "周日");
        assert_eq!(Lang::En.t(month_label(12).unwrap()), "December");
        assert_eq!(month_label(0), None);
        assert_eq!(month_label(13), None);
    }
}
