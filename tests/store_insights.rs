//! The Insights figures from the store against a hand-counted fixture, the history a bar opens
//! matching its number, the repeat rules kept in settings, and acknowledgements kept until the
//! pattern recurs.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::{data_dir, incidents_at, open, terminal};
use poscare_core::insights::{Family, Period, Rules, WarningKind};
use poscare_core::planner::PlanSnapshot;
use poscare_core::store::{DataPaths, Store};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
}

/// Two terminals (1 and 2) and, by hand:
///
/// | month | incidents | by family                              | outage min | on time | late | missed |
/// |-------|-----------|----------------------------------------|------------|---------|------|--------|
/// | 10    | 4         | card read 2, communication 1, printer 1 | 45         | 1       | 1    | 1      |
/// | 11    | 4         | sign-on/key 2, other 2                 | 1 (20 s)   | 1       | 0    | 0      |
///
/// (An outage of 20 seconds on terminal 2 counts as a minute: "no outages" would hide it. The
/// customer's "余额不足" counts in November's bar, "other", but is no terminal's fault prompt.)
fn fixture() -> tempfile::TempDir {
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        store.add_device(&terminal("收银台1号")).unwrap();
        store.add_device(&terminal("收银台2号")).unwrap();
    }
    incidents_at(
        dir.path(),
        &[
            (
                Some(1),
                "2026-10-03T09:00:00",
                Some("LOC-READ-FAIL"),
                "读卡失败",
            ),
            (
                Some(1),
                "2026-10-05T09:00:00",
                Some("LOC-READ-FAIL"),
                "读卡失败",
            ),
            (Some(1), "2026-10-20T09:00:00", None, "通讯失败"),
            (Some(2), "2026-10-10T09:00:00", None, "打印机缺纸"),
            (Some(1), "2026-11-02T09:00:00", Some("RC-51"), "余额不足"),
            (Some(2), "2026-11-15T09:00:00", None, "A0 校验错"),
            (Some(2), "2026-11-16T09:00:00", None, "A0 校验错"),
            (None, "2026-11-20T09:00:00", None, "请稍后再试"),
        ],
    );
    let conn = rusqlite::Connection::open(DataPaths::new(dir.path()).db()).unwrap();
    conn.execute_batch(
        "INSERT INTO task (id, title, category, device_id, schedule, created_at, updated_at) \
           VALUES (1, '开店检查', 'check', 1, '{\"schedule\":\"daily\",\"start\":\"2026-10-01\"}', '2026-10-01T08:00:00', '2026-10-01T08:00:00');
         INSERT INTO completion (task_id, due, done_at, outcome, recorded_at) VALUES
           (1, '2026-10-05', '2026-10-05T09:00:00', 'ok', '2026-10-05T09:00:00'),
           (1, '2026-10-06', '2026-10-07T09:00:00', 'ok', '2026-10-07T09:00:00'),
           (1, '2026-10-07', NULL, 'missed', '2026-10-08T09:00:00'),
           (1, '2026-11-03', '2026-11-03T09:00:00', 'problem', '2026-11-03T09:00:00');
         INSERT INTO outage (device_id, drill, started_at, ended_at, updated_at) VALUES
           (1, 0, '2026-10-20T10:00:00', '2026-10-20T10:45:00', '2026-10-20T10:45:00'),
           (1, 1, '2026-10-21T10:00:00', '2026-10-21T11:00:00', '2026-10-21T11:00:00'),
           (1, 0, '2026-11-01T10:00:00', NULL, '2026-11-01T10:00:00'),
           (2, 0, '2026-11-02T12:00:10', '2026-11-02T12:00:30', '2026-11-02T12:00:30');
         INSERT INTO backup_log (at, kind, path, ok) VALUES
           ('2026-10-15T18:00:00', 'manual', 'E:/poscare.db', 1),
           ('2026-10-16T18:00:00', 'auto', 'backups/a.db', 1),
           ('2026-10-17T18:00:00', 'manual', 'E:/poscare.db', 0);",
    )
    .unwrap();
    dir
}

fn period(device: Option<i64>) -> Period {
    Period {
        from: d("2026-10-01"),
        to: d("2026-11-30"),
        device,
    }
}

#[test]
fn the_figures_match_the_hand_count() {
    let dir = fixture();
    let store = open(dir.path());
    let devices = store.devices().unwrap();
    let s = store.insight_summary(&period(None), &devices).unwrap();
    let months: Vec<(String, u32, u32, u32, u32, u32)> = s
        .months
        .iter()
        .map(|m| {
            (
                m.label(),
                m.incidents,
                m.outage_minutes,
                m.on_time,
                m.late,
                m.missed,
            )
        })
        .collect();
    assert_eq!(
        months,
        vec![
            ("2026-10".into(), 4, 45, 1, 1, 1),
            ("2026-11".into(), 4, 1, 1, 0, 0)
        ]
    );
    let fam = |m: usize, f: Family| s.months[m].by_family[f.index()];
    assert_eq!(
        (
            fam(0, Family::CardRead),
            fam(0, Family::Communication),
            fam(0, Family::Printer)
        ),
        (2, 1, 1)
    );
    assert_eq!((fam(1, Family::SignOnKey), fam(1, Family::Other)), (2, 2));

    // Week of Monday 10-05: on time (10-05), late (done 10-07) and missed (due 10-07).
    let week = s.weeks.iter().find(|w| w.start == d("2026-10-05")).unwrap();
    assert_eq!((week.on_time, week.late, week.missed), (1, 1, 1));
    assert_eq!(s.backups, vec![at("2026-10-15T18:00:00")]);

    let top: Vec<(String, String, u32)> = s
        .prompts
        .iter()
        .map(|p| (p.device.clone(), p.prompt.clone(), p.count))
        .collect();
    assert_eq!(top[0], ("收银台1号".into(), "读卡失败".into(), 2));
    assert_eq!(top[1], ("收银台2号".into(), "A0 校验错".into(), 2));
    assert_eq!(
        top.len(),
        4,
        "the incident without a terminal is on no terminal's bar"
    );
    // A customer's refusal is counted in its month, never among the terminals' fault prompts.
    assert!(
        top.iter().all(|(_, prompt, _)| prompt != "余额不足"),
        "{top:?}"
    );

    // One terminal only.
    let one = store.insight_summary(&period(Some(1)), &devices).unwrap();
    let counts: Vec<u32> = one.months.iter().map(|m| m.incidents).collect();
    assert_eq!(counts, vec![3, 1]);
    assert_eq!(one.months[0].outage_minutes, 45);
}

#[test]
fn a_bar_opens_exactly_the_history_it_counts() {
    let dir = fixture();
    let store = open(dir.path());
    let devices = store.devices().unwrap();
    let s = store.insight_summary(&period(None), &devices).unwrap();
    let count = |draft: poscare_core::history::FilterDraft| {
        store.history_ids(&draft.validate().unwrap()).unwrap().len() as u32
    };
    for (i, m) in s.months.iter().enumerate() {
        assert_eq!(
            count(s.month_incidents(i).unwrap()),
            m.incidents,
            "{}",
            m.label()
        );
    }
    for (i, w) in s.weeks.iter().enumerate() {
        assert_eq!(
            count(s.week_checklist(i).unwrap()),
            w.on_time + w.late + w.missed,
            "week of {}",
            w.start
        );
    }
    for (i, p) in s.prompts.iter().enumerate() {
        assert_eq!(
            count(s.prompt_incidents(i).unwrap()),
            p.count,
            "{}",
            p.prompt
        );
    }
}

#[test]
fn rules_are_kept_and_acknowledgements_hold_until_it_recurs() {
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        store.add_device(&terminal("收银台1号")).unwrap();
        let mut typed = Rules::default().typed();
        typed[0] = ("3".into(), "5".into());
        store
            .set_repeat_rules(&Rules::from_typed(&typed).unwrap())
            .unwrap();
    }
    let reads = |times: &[&'static str]| -> Vec<(
        Option<i64>,
        &'static str,
        Option<&'static str>,
        &'static str,
    )> {
        times
            .iter()
            .map(|t| (Some(1), *t, Some("LOC-READ-FAIL"), "读卡失败"))
            .collect()
    };
    incidents_at(
        dir.path(),
        &reads(&[
            "2026-11-01T09:00:00",
            "2026-11-02T09:00:00",
            "2026-11-03T09:00:00",
        ]),
    );
    let today = d("2026-11-04");
    let plan = PlanSnapshot::default();
    let key = {
        let mut store = open(dir.path());
        assert_eq!(
            store
                .repeat_rules()
                .unwrap()
                .get(Family::CardRead)
                .unwrap()
                .count,
            3
        );
        let found = store.current_warnings(today, &plan).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].acknowledged);
        let key = found[0].kind.key();
        store
            .acknowledge_warning(&key, at("2026-11-04T08:00:00"))
            .unwrap();
        let found = store.current_warnings(today, &plan).unwrap();
        assert!(found[0].acknowledged);
        key
    };
    assert_eq!(key, "repeat:1:card_read");
    incidents_at(dir.path(), &reads(&["2026-11-04T10:00:00"]));
    let store = Store::open(DataPaths::new(dir.path())).unwrap();
    let found = store.current_warnings(today, &plan).unwrap();
    assert!(
        !found[0].acknowledged,
        "a new failure in the pattern brings it back"
    );
    assert_eq!(
        found[0].kind,
        WarningKind::Repeat {
            device_id: 1,
            family: Family::CardRead
        }
    );
    let period_warnings = store
        .period_warnings(&period(None), &store.devices().unwrap())
        .unwrap();
    assert_eq!(period_warnings.len(), 1);
    assert_eq!(period_warnings[0].count, 4);
}

/// The history entry of the opening of incident `incident`.
fn opening_entry(dir: &std::path::Path, incident: i64) -> i64 {
    let conn = rusqlite::Connection::open(DataPaths::new(dir).db()).unwrap();
    conn.query_row(
        "SELECT h.id FROM history h JOIN incident_event e \
         ON h.source = 'incident_event' AND h.source_id = e.id \
         WHERE e.incident_id = ?1 AND e.action = 'opened'",
        [incident],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_voided_incident_counts_in_no_figure_and_no_warning() {
    let dir = fixture();
    // The second card-read failure (incident 2, 2026-10-05) will turn out a mistake.
    let mistake = opening_entry(dir.path(), 2);
    let mut store = open(dir.path());
    let mut typed = Rules::default().typed();
    // Card-read failures: two within ten days warn (the fixture has two on terminal 1 in October).
    typed[0] = ("2".into(), "10".into());
    store
        .set_repeat_rules(&Rules::from_typed(&typed).unwrap())
        .unwrap();
    let devices = store.devices().unwrap();
    let today = d("2026-10-06");
    let plan = PlanSnapshot::default();
    let repeats = |store: &Store| {
        let now = store.current_warnings(today, &plan).unwrap();
        let period = store.period_warnings(&period(None), &devices).unwrap();
        (
            now.iter()
                .filter(|w| matches!(w.kind, WarningKind::Repeat { .. }))
                .count(),
            period.len(),
        )
    };
    assert_eq!(repeats(&store), (1, 1));
    let before = store.insight_summary(&period(None), &devices).unwrap();
    assert_eq!(before.months[0].incidents, 4);

    store.void_history(mistake, "登记错了").unwrap();
    let after = store.insight_summary(&period(None), &devices).unwrap();
    assert_eq!(after.months[0].incidents, 3);
    assert_eq!(after.months[0].by_family[Family::CardRead.index()], 1);
    assert_eq!(after.months[1], before.months[1], "November is untouched");
    let card_read = after
        .prompts
        .iter()
        .find(|p| p.prompt == "读卡失败")
        .unwrap();
    assert_eq!(card_read.count, 1);
    let one = store.insight_summary(&period(Some(1)), &devices).unwrap();
    assert_eq!(one.months[0].incidents, 2);
    assert_eq!(repeats(&store), (0, 0), "one failure left: no repeat");
}

/// An incident a correction moved to another terminal counts on that one, in the figures, the
/// prompts chart and the warnings, as History and the report's device pages show it.
#[test]
fn an_incident_moved_by_a_correction_counts_on_the_terminal_it_was_moved_to() {
    let dir = fixture();
    let filed = opening_entry(dir.path(), 2);
    let mut store = open(dir.path());
    let devices = store.devices().unwrap();
    let on = |store: &Store, device: i64| {
        store
            .insight_summary(&period(Some(device)), &devices)
            .unwrap()
            .months[0]
            .incidents
    };
    let (one, two) = (on(&store, 1), on(&store, 2));
    let marks = |store: &Store, device: i64| {
        store
            .incident_marks(d("2026-10-01"), d("2026-10-31"), Some(device))
            .unwrap()
            .len()
    };
    let (marks_one, marks_two) = (marks(&store, 1), marks(&store, 2));
    let moved = poscare_core::history::Amendment {
        text: String::new(),
        device_id: Some(2),
    };
    store.amend_history(filed, &moved, "其实是2号机").unwrap();
    assert_eq!((on(&store, 1), on(&store, 2)), (one - 1, two + 1));
    assert_eq!(
        (marks(&store, 1), marks(&store, 2)),
        (marks_one - 1, marks_two + 1)
    );
    let prompts = store
        .insight_summary(&period(None), &devices)
        .unwrap()
        .prompts;
    assert!(
        prompts
            .iter()
            .any(|p| p.device_id == 2 && p.prompt == "读卡失败"),
        "{prompts:?}"
    );
}
