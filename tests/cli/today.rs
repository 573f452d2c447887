//! `poscare today`, run as the real binary on a data folder with tasks.

use crate::common;

use chrono::NaiveDate;
use common::{data_dir, open};
use poscare::planner::{Schedule, TaskCategory, TaskFields, TaskSchedule};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["today"];
    all.extend_from_slice(args);
    crate::poscare_in(dir, &all)
}

#[test]
fn the_agenda_of_a_day_as_json_and_text() {
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        store
            .set_setting(poscare::store::keys::LANGUAGE, "zh")
            .unwrap();
        let task = |title: &str, schedule| TaskFields {
            title: title.into(),
            category: TaskCategory::Check,
            instructions: String::new(),
            items: vec![],
            device_id: None,
            staff_id: None,
            schedule: TaskSchedule::new(schedule, d(2026, 11, 1)),
        };
        let daily = store
            .add_task(&task("开店检查", Schedule::Daily), None)
            .unwrap();
        store
            .add_task(&task("月底对账", Schedule::MonthlyLastDay), None)
            .unwrap();
        // Yesterday's check found a problem: said in words, not the stored code.
        let yesterday = d(2026, 11, 24);
        let found = poscare::planner::NewCompletion {
            task_id: daily,
            due: yesterday,
            done_at: yesterday.and_hms_opt(9, 5, 0).unwrap(),
            done_by: None,
            outcome: poscare::planner::Outcome::Problem,
            items: vec![],
            note: String::new(),
        };
        store.complete(&found, None).unwrap();
        // One incident still open, one resolved: only the open one is named.
        let incident = |prompt: &str| poscare::incident::NewIncident {
            device_id: None,
            prompt: prompt.into(),
            entry_id: None,
            steps_done: vec![],
            note: String::new(),
            staff_id: None,
        };
        store.add_incident(&incident("A0 校验错")).unwrap();
        let fixed = store.add_incident(&incident("余额不足")).unwrap();
        store
            .close_incident(fixed, poscare::incident::IncidentStatus::Resolved, "换卡")
            .unwrap();
    }
    let out = today(dir.path(), &["--json", "--date", "2026-11-25"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["date"], "2026-11-25");
    // Never done since Nov 1: the one open occurrence is today's; earlier days are missed, not a pile.
    assert_eq!(v["due_today"][0]["title"], "开店检查");
    assert_eq!(v["overdue"].as_array().unwrap().len(), 0);
    assert_eq!(v["upcoming"][0]["title"], "月底对账");
    assert_eq!(v["upcoming"][0]["due"], "2026-11-30");
    let open = v["open_incidents"].as_array().unwrap();
    assert_eq!(open.len(), 1, "{v}");
    assert_eq!(open[0]["prompt"], "A0 校验错");
    let text = today(dir.path(), &["--date", "2026-11-25"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("2026-11-25 周三")
            && text.contains("开店检查")
            && text.contains("每月最后一天")
            && text.contains("没解决的故障 (1)")
            && text.contains("未关联设备 · A0 校验错")
            && !text.contains("余额不足"),
        "{text}"
    );
    let text = today(dir.path(), &["--date", "2026-11-24"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("开店检查 — 有问题"), "{text}");
    assert!(!text.contains("problem"), "{text}");
}

/// An emergency plan left running (card payments down since last night) is said first by
/// `today`, as the window's Today says it, and stops being said once it is ended.
#[test]
fn a_running_outage_is_said_first() {
    let dir = data_dir();
    let id = {
        let mut store = open(dir.path());
        store
            .set_setting(poscare::store::keys::LANGUAGE, "en")
            .unwrap();
        let plan = poscare::emergency::PlanFields {
            title: "Card payments down".into(),
            ..Default::default()
        };
        let plan_id = store.add_emergency_plan(&plan).unwrap();
        let new = poscare::emergency::NewOutage {
            plan_id: Some(plan_id),
            device_id: None,
            staff_id: None,
            drill: false,
        };
        let at = d(2026, 11, 24).and_hms_opt(18, 30, 0).unwrap();
        store.start_outage(&new, at).unwrap()
    };
    let out = today(dir.path(), &["--date", "2026-11-25"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let second = text.lines().nth(1).unwrap_or("");
    assert!(
        second.contains("Outage being handled: Card payments down (since 2026-11-24 18:30)"),
        "{text}"
    );
    let out = today(dir.path(), &["--json", "--date", "2026-11-25"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["running_outage"]["plan"], "Card payments down", "{v}");
    assert_eq!(v["running_outage"]["drill"], false, "{v}");
    {
        let mut store = open(dir.path());
        let end = poscare::emergency::OutageEnd::default();
        let at = d(2026, 11, 25).and_hms_opt(9, 0, 0).unwrap();
        store.end_outage(id, &end, at, None).unwrap();
    }
    let out = today(dir.path(), &["--json", "--date", "2026-11-25"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["running_outage"].is_null(), "{v}");
    let out = today(dir.path(), &["--date", "2026-11-25"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Outage"));
}

#[test]
fn a_data_folder_that_is_not_there_is_said_and_an_empty_one_gives_an_empty_agenda() {
    let dir = data_dir();
    let missing = dir.path().join("none");
    // A mistyped folder or an unplugged stick: said, never "nothing due".
    let out = today(&missing, &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("NO SUCH DATA FOLDER"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!missing.exists());
    // A folder with no data yet: an empty agenda, and still nothing created.
    let out = today(dir.path(), &["--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["due_today"].as_array().unwrap().len(), 0);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_bad_date_is_a_usage_error() {
    let dir = data_dir();
    assert_eq!(
        today(dir.path(), &["--date", "2026-02-30"]).status.code(),
        Some(2)
    );
}

/// A clock the data says is wrong (here: behind the newest record, as after a flat CMOS battery)
/// is said by `today` and `insights` on stderr, as `backup` says it; the agenda still prints.
#[test]
fn a_doubted_clock_is_said_by_the_reading_commands() {
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        store
            .set_setting(poscare::store::keys::LANGUAGE, "en")
            .unwrap();
        store.add_device(&common::terminal("T1")).unwrap();
    }
    let ahead = (chrono::Local::now() + chrono::Days::new(40))
        .naive_local()
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
    conn.execute("UPDATE device SET updated_at = ?1", [&ahead])
        .unwrap();
    drop(conn);
    for command in ["today", "insights"] {
        let out = crate::poscare_in(dir.path(), &[command]);
        assert!(out.status.success(), "{command}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("earlier than the newest record"),
            "{command}: {said}"
        );
        // Which day it goes by, and where the date is confirmed.
        assert!(
            said.contains(&format!("Shown for {}", &ahead[..10]))
                && said.contains("Open the POS Care window to confirm"),
            "{command}: {said}"
        );
    }
    // The agenda is the newest trustworthy day's, not the clock's earlier one (a fault tester's
    // clock a year behind showed nothing due).
    let out = crate::poscare_in(dir.path(), &["today", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["date"], ahead[..10], "{v}");
}

/// A data folder named by hand whose parent is not there (a USB stick not plugged in) is
/// refused by every command, restore included, and nothing is made: a shop made there would
/// land on the PC's own disk, hidden under the stick once mounted (a fault tester's finding).
#[test]
fn a_data_folder_whose_parent_is_not_there_is_refused_and_not_made() {
    let dir = data_dir();
    let stick = dir.path().join("usbstick");
    let folder = stick.join("poscare");
    let backup = dir.path().join("some.db");
    std::fs::write(&backup, b"not needed: refused before it is read").unwrap();
    for args in [
        vec!["today"],
        vec!["restore", backup.to_str().unwrap(), "--yes"],
    ] {
        let out = crate::poscare_en(&folder, &args);
        assert!(!out.status.success(), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("Is the USB stick plugged in?"),
            "{args:?}: {said}"
        );
        assert!(!stick.exists(), "{args:?}: nothing made");
    }
}

/// Two tills of one name are told apart in the open incidents, and a person's training due is
/// one line with their modules on it, as in the window (a tester's two tills were both "Till";
/// five lines for one new hire).
#[test]
fn two_tills_of_one_name_are_told_apart_and_training_is_one_line_a_person() {
    use poscare::i18n::Lang;
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        store
            .set_setting(poscare::store::keys::LANGUAGE, "en")
            .unwrap();
        let mut first = common::terminal("Till");
        first.terminal_id = "T001".into();
        let mut second = common::terminal("Till");
        second.terminal_id = "T002".into();
        let a = store.add_device(&first).unwrap();
        let b = store.add_device(&second).unwrap();
        for (device, prompt) in [(a, "A0 MAC error"), (b, "paper jam")] {
            store
                .add_incident(&poscare::incident::NewIncident {
                    device_id: Some(device),
                    prompt: prompt.into(),
                    entry_id: None,
                    steps_done: vec![],
                    note: String::new(),
                    staff_id: None,
                })
                .unwrap();
        }
        let modules: Vec<_> = poscare::planner::starter::starter_plan()
            .modules
            .iter()
            .map(|m| (m.key.clone(), m.module(Lang::En)))
            .collect();
        store.apply_starter(&[], &modules, &[]).unwrap();
        store
            .save_staff(
                None,
                &poscare::planner::Staff {
                    id: 0,
                    name: "Anna".into(),
                    role: String::new(),
                    phone: String::new(),
                    started_on: Some(d(2026, 11, 20)),
                    active: true,
                    added_on: None,
                },
            )
            .unwrap();
    }
    let text = today(dir.path(), &["--date", "2026-11-25"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Till · T001 · A0 MAC error"), "{text}");
    assert!(text.contains("Till · T002 · paper jam"), "{text}");
    assert_eq!(text.matches("Anna").count(), 1, "{text}");
    assert!(text.contains("Training due (1)"), "{text}");
}
