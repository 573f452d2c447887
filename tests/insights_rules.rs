//! The warning rules as plain domain tests: a repeat that just qualifies, one that just misses,
//! an acknowledged warning that stays quiet until the pattern recurs, the other warnings, and a
//! property test against a brute-force count.

use std::collections::HashMap;

use chrono::{Days, NaiveDate, NaiveDateTime};
use poscare_core::device::{Device, DeviceFields};
use poscare_core::insights::warnings::{Inputs, current, repeat_episodes};
use poscare_core::insights::{Family, IncidentMark, Rules, Slip, WarningKind};
use poscare_core::planner::PlanSnapshot;
use proptest::prelude::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn terminal(id: i64, warranty_until: Option<NaiveDate>) -> Device {
    Device {
        id,
        fields: DeviceFields {
            name: format!("收银台{id}号"),
            warranty_until,
            ..Default::default()
        },
        retired_on: None,
        retired_reason: String::new(),
    }
}

/// Incidents of `family` on terminal 1 at these times, numbered from 1.
fn marks(family: Family, times: &[&str]) -> Vec<IncidentMark> {
    times
        .iter()
        .enumerate()
        .map(|(i, t)| IncidentMark {
            id: i as i64 + 1,
            at: at(t),
            device_id: 1,
            family,
        })
        .collect()
}

/// Read failures on terminal 1 at these times.
fn reads(times: &[&str]) -> Vec<IncidentMark> {
    marks(Family::CardRead, times)
}

fn warnings_on(
    today: &str,
    marks: &[IncidentMark],
    acks: &HashMap<String, NaiveDateTime>,
) -> Vec<poscare_core::insights::Warning> {
    let plan = PlanSnapshot::default();
    let devices = [terminal(1, None)];
    current(&Inputs {
        rules: &Rules::default(),
        marks,
        slips: &[],
        devices: &devices,
        plan: &plan,
        acks,
        today: day(today),
    })
}

/// Five read failures (the default) on the first and the tenth day: ten calendar days.
const JUST_IN: [&str; 5] = [
    "2026-11-01T09:00",
    "2026-11-03T12:00",
    "2026-11-05T18:00",
    "2026-11-08T10:00",
    "2026-11-10T20:00",
];

#[test]
fn five_read_failures_within_ten_days_just_qualify() {
    let marks = reads(&JUST_IN);
    let found = warnings_on("2026-11-12", &marks, &HashMap::new());
    assert_eq!(found.len(), 1);
    let w = &found[0];
    assert_eq!(
        w.kind,
        WarningKind::Repeat {
            device_id: 1,
            family: Family::CardRead
        }
    );
    assert_eq!((w.count, w.days()), (5, 10));
    assert_eq!(w.incidents, vec![1, 2, 3, 4, 5]);
    assert!(!w.acknowledged);
    assert_eq!(
        w.headline(poscare_core::i18n::Lang::En),
        "收银台1号: Card-read failures 5 times in 10 days"
    );
    assert_eq!(
        w.headline(poscare_core::i18n::Lang::Zh),
        "收银台1号：10 天内读卡失败 5 次"
    );
}

#[test]
fn spread_over_eleven_days_or_one_short_just_misses() {
    let mut late = JUST_IN;
    late[4] = "2026-11-11T08:00";
    assert!(warnings_on("2026-11-12", &reads(&late), &HashMap::new()).is_empty());
    assert!(warnings_on("2026-11-12", &reads(&JUST_IN[..4]), &HashMap::new()).is_empty());
    // Another terminal's failures never add up with this one's.
    let mut mixed = reads(&JUST_IN);
    mixed[2].device_id = 2;
    assert!(warnings_on("2026-11-12", &mixed, &HashMap::new()).is_empty());
}

#[test]
fn a_pattern_long_over_is_not_a_current_warning() {
    // The last failure was on 11-10; a ten-day rule stops warning after 11-19.
    assert_eq!(
        warnings_on("2026-11-19", &reads(&JUST_IN), &HashMap::new()).len(),
        1
    );
    assert!(warnings_on("2026-11-20", &reads(&JUST_IN), &HashMap::new()).is_empty());
}

#[test]
fn acknowledged_it_stays_quiet_until_a_new_failure_keeps_it_qualifying() {
    let key = "repeat:1:card_read".to_owned();
    let acks = HashMap::from([(key, at("2026-11-11T09:00"))]);
    let marks = reads(&JUST_IN);
    let found = warnings_on("2026-11-12", &marks, &acks);
    assert_eq!(found.len(), 1);
    assert!(found[0].acknowledged, "shown as acknowledged, not open");

    // A failure after the acknowledgement, but too far from the others to qualify: still quiet.
    let mut lone = marks.clone();
    lone.extend(reads(&["2026-11-25T09:00"]).into_iter().map(|mut m| {
        m.id = 6;
        m
    }));
    let found = warnings_on("2026-11-26", &lone, &acks);
    assert!(found.iter().all(|w| w.acknowledged));

    // A new failure inside a window with the others: the warning is back, with it.
    let mut again = marks.clone();
    again.extend(reads(&["2026-11-12T15:00"]).into_iter().map(|mut m| {
        m.id = 6;
        m
    }));
    let found = warnings_on("2026-11-13", &again, &acks);
    assert_eq!(found.len(), 1);
    assert!(!found[0].acknowledged);
    assert_eq!(found[0].count, 6);
    assert_eq!(found[0].incidents.last(), Some(&6));
}

#[test]
fn merchant_rules_change_the_threshold() {
    let mut typed = Rules::default().typed();
    typed[0] = ("3".into(), "3".into());
    let rules = Rules::from_typed(&typed).unwrap();
    let marks = reads(&["2026-11-01T09:00", "2026-11-02T09:00", "2026-11-03T09:00"]);
    assert_eq!(repeat_episodes(&marks, &rules, &[]).len(), 1);
    assert!(repeat_episodes(&marks, &Rules::default(), &[]).is_empty());
}

#[test]
fn warranty_slipping_tasks_and_lapsed_training() {
    let today = day("2026-12-01");
    // Past its warranty: 3 card-read faults in the last 90 days against 1 before.
    let devices = [terminal(1, Some(day("2025-06-30"))), terminal(2, None)];
    let stamps = [
        "2026-07-01T10:00",
        "2026-10-01T10:00",
        "2026-11-01T10:00",
        "2026-11-20T10:00",
    ];
    let marks = marks(Family::CardRead, &stamps);
    // The same number of customers' declined cards (family "other"), or of network faults and
    // keys to download again, say nothing of its age.
    for family in [
        Family::Other,
        Family::Communication,
        Family::SignOnKey,
        Family::Reversal,
    ] {
        let others = self::marks(family, &stamps);
        let after_others = current(&Inputs {
            rules: &Rules::default(),
            marks: &others,
            slips: &[],
            devices: &devices,
            plan: &PlanSnapshot::default(),
            acks: &HashMap::new(),
            today,
        });
        assert!(
            after_others
                .iter()
                .all(|w| !matches!(w.kind, WarningKind::Warranty { .. })),
            "{family:?}: {after_others:?}"
        );
    }
    let plan = PlanSnapshot {
        tasks: vec![poscare_core::planner::Task {
            id: 7,
            fields: poscare_core::planner::TaskFields {
                title: "开店检查".into(),
                category: poscare_core::planner::TaskCategory::Check,
                instructions: String::new(),
                items: vec![],
                device_id: None,
                staff_id: None,
                schedule: poscare_core::planner::TaskSchedule::new(
                    poscare_core::planner::Schedule::Daily,
                    day("2026-01-01"),
                ),
            },
            paused: false,
            archived: false,
        }],
        ..PlanSnapshot::default()
    };
    let slips: Vec<Slip> = ["2026-11-02", "2026-11-09", "2026-11-30"]
        .iter()
        .map(|d| Slip {
            task_id: 7,
            due: day(d),
        })
        .collect();
    let found = current(&Inputs {
        rules: &Rules::default(),
        marks: &marks,
        slips: &slips,
        devices: &devices,
        plan: &plan,
        acks: &HashMap::new(),
        today,
    });
    let kinds: Vec<WarningKind> = found.iter().map(|w| w.kind).collect();
    assert!(
        kinds.contains(&WarningKind::Warranty { device_id: 1 }),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&WarningKind::Slipping { task_id: 7 }),
        "{kinds:?}"
    );
    let warranty = found
        .iter()
        .find(|w| w.kind == WarningKind::Warranty { device_id: 1 })
        .unwrap();
    assert_eq!(warranty.count, 3);
    // Two slips are not "again and again".
    let found = current(&Inputs {
        rules: &Rules::default(),
        marks: &[],
        slips: &slips[1..],
        devices: &devices,
        plan: &plan,
        acks: &HashMap::new(),
        today,
    });
    assert!(found.is_empty());
}

proptest! {
    /// A terminal is warned about exactly when some window of D calendar days holds N failures,
    /// and every incident of an episode lies in such a window.
    #[test]
    fn episodes_match_a_brute_force_count(days in proptest::collection::vec(0u64..60, 0..14)) {
        let start = day("2026-01-01");
        let marks: Vec<IncidentMark> = days
            .iter()
            .enumerate()
            .map(|(i, d)| IncidentMark {
                id: i as i64,
                at: (start + Days::new(*d)).and_hms_opt(10, 0, 0).unwrap(),
                device_id: 1,
                family: Family::CardRead,
            })
            .collect();
        let (n, d) = (5usize, 10i64);
        let in_window = |m: &IncidentMark| {
            (-(d - 1)..=0).any(|offset| {
                let lo = m.at.date() + chrono::Duration::days(offset);
                let hi = lo + chrono::Duration::days(d - 1);
                marks.iter().filter(|o| (lo..=hi).contains(&o.at.date())).count() >= n
            })
        };
        let expected: Vec<i64> = {
            let mut v: Vec<&IncidentMark> = marks.iter().filter(|m| in_window(m)).collect();
            v.sort_by_key(|m| (m.at, m.id));
            v.iter().map(|m| m.id).collect()
        };
        let found: Vec<i64> = repeat_episodes(&marks, &Rules::default(), &[])
            .into_iter()
            .flat_map(|w| w.incidents)
            .collect();
        prop_assert_eq!(found, expected);
    }
}

#[test]
fn a_retired_terminal_is_not_warned_about() {
    let mut retired = terminal(1, None);
    retired.retired_on = Some(day("2026-11-11"));
    let plan = PlanSnapshot::default();
    let found = current(&Inputs {
        rules: &Rules::default(),
        marks: &reads(&JUST_IN),
        slips: &[],
        devices: &[retired],
        plan: &plan,
        acks: &HashMap::new(),
        today: day("2026-11-12"),
    });
    assert!(found.is_empty(), "{found:?}");
}
