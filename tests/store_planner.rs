//! The planner's records in the store.

mod common;

use chrono::NaiveDate;
use common::{data_dir, open, terminal};
use poscare_core::incident::NewIncident;
use poscare_core::planner::{
    Holiday, ItemResult, NewCompletion, Outcome, Schedule, ShopCalendar, Staff, TaskCategory,
    TaskFields, TaskSchedule, TrainingModule, TrainingRecord, Weekdays, agenda,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn opening_check(device: Option<i64>) -> TaskFields {
    TaskFields {
        title: "开店检查".into(),
        category: TaskCategory::Check,
        instructions: String::new(),
        items: vec!["电源灯亮".into(), "已签到".into()],
        device_id: device,
        staff_id: None,
        schedule: TaskSchedule::new(Schedule::Daily, d(2026, 11, 1)),
    }
}

fn done(task_id: i64, due: NaiveDate, outcome: Outcome) -> NewCompletion {
    NewCompletion {
        task_id,
        due,
        done_at: due.and_hms_opt(9, 5, 0).unwrap(),
        done_by: None,
        outcome,
        items: vec![
            ItemResult {
                item: "电源灯亮".into(),
                ok: true,
                problem: false,
            },
            ItemResult {
                item: "已签到".into(),
                ok: false,
                problem: outcome == Outcome::Problem,
            },
        ],
        note: if outcome == Outcome::Skipped {
            "停电".into()
        } else {
            String::new()
        },
    }
}

#[test]
fn a_double_click_completes_once() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let id = store.add_task(&opening_check(None), None).unwrap();
    let first = store
        .complete(&done(id, d(2026, 11, 25), Outcome::Ok), None)
        .unwrap();
    let second = store
        .complete(&done(id, d(2026, 11, 25), Outcome::Ok), None)
        .unwrap();
    assert!(!first.already && second.already);
    assert_eq!(first.id, second.id);
    assert_eq!(store.completions_of(id, 10).unwrap().len(), 1);
}

/// A check the app recorded as missed, then done after all (a clock put back after running a
/// year ahead offered such days as due): the staff's record stands, once, with a line of its own
/// in the history beside the "missed" one; it was dropped as "already done".
#[test]
fn a_check_recorded_missed_then_done_after_all_is_recorded_done() {
    use poscare_core::history::{Filter, Kind};
    let dir = data_dir();
    let mut store = open(dir.path());
    let id = store.add_task(&opening_check(None), None).unwrap();
    let due = d(2026, 11, 25);
    store
        .record_missed(id, &[due], due.and_hms_opt(23, 59, 0).unwrap())
        .unwrap();
    let recorded = store.complete(&done(id, due, Outcome::Ok), None).unwrap();
    assert!(!recorded.already, "recorded, not 'already done'");
    let kept = store.completions_of(id, 10).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].outcome, Outcome::Ok);
    let kinds: Vec<Kind> = store
        .history_entries(&store.history_ids(&Filter::default()).unwrap())
        .unwrap()
        .iter()
        .filter(|e| e.kind.is_task())
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds.len(),
        2,
        "the missed line stays beside the new one: {kinds:?}"
    );
    assert!(
        kinds.contains(&Kind::Missed) && kinds.contains(&Kind::Done),
        "{kinds:?}"
    );
    // Done is done: a second time changes nothing.
    let again = store.complete(&done(id, due, Outcome::Ok), None).unwrap();
    assert!(again.already);
    assert_eq!(store.completions_of(id, 10).unwrap().len(), 1);
    // Missed again changes nothing either.
    let missed = store
        .record_missed(id, &[due], due.and_hms_opt(23, 59, 0).unwrap())
        .unwrap();
    assert_eq!(missed, 0);
    assert_eq!(
        store.completions_of(id, 10).unwrap()[0].outcome,
        Outcome::Ok
    );
}

#[test]
fn missed_slots_are_recorded_once_and_the_latest_occurrence_is_read_back() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let id = store.add_task(&opening_check(None), None).unwrap();
    store
        .complete(&done(id, d(2026, 11, 20), Outcome::Ok), None)
        .unwrap();
    let tasks = store.tasks().unwrap();
    let calendar = store.shop_calendar().unwrap();
    let today = d(2026, 11, 25);
    let a = agenda::build(
        &tasks,
        &store.latest_occurrences().unwrap(),
        &calendar,
        today,
    );
    assert_eq!(
        a.missed,
        vec![(
            id,
            vec![
                d(2026, 11, 21),
                d(2026, 11, 22),
                d(2026, 11, 23),
                d(2026, 11, 24)
            ]
        )]
    );
    assert_eq!(
        store
            .record_missed(id, &a.missed[0].1, common::now())
            .unwrap(),
        4
    );
    assert_eq!(
        store
            .record_missed(id, &a.missed[0].1, common::now())
            .unwrap(),
        0,
        "never twice"
    );
    let again = agenda::build(
        &tasks,
        &store.latest_occurrences().unwrap(),
        &calendar,
        today,
    );
    assert!(again.missed.is_empty(), "missed occurrences never pile up");
    assert_eq!(again.due_today.len(), 1);
    let latest = store.latest_occurrences().unwrap()[&id];
    assert_eq!((latest.due, latest.done_on), (d(2026, 11, 24), None));
}

#[test]
fn a_problem_opens_an_incident_linked_to_the_device() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let device = store.add_device(&terminal("收银台1号终端")).unwrap();
    let id = store.add_task(&opening_check(Some(device)), None).unwrap();
    let incident = NewIncident {
        device_id: Some(device),
        prompt: "开店检查：已签到".into(),
        ..Default::default()
    };
    let r = store
        .complete(
            &done(id, d(2026, 11, 25), Outcome::Problem),
            Some(&incident),
        )
        .unwrap();
    let opened = store
        .incident(r.incident.expect("incident opened"))
        .unwrap()
        .unwrap();
    assert_eq!(opened.device_id, Some(device));
    assert_eq!(opened.prompt, "开店检查：已签到");
    let today = store.completions_on(d(2026, 11, 25)).unwrap();
    assert_eq!(today.len(), 1);
    assert_eq!(today[0].outcome, Outcome::Problem);
    assert!(today[0].items[1].problem);
}

#[test]
fn tasks_pause_archive_and_keep_their_history() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let id = store.add_task(&opening_check(None), None).unwrap();
    store
        .complete(&done(id, d(2026, 11, 25), Outcome::Skipped), None)
        .unwrap();
    store.set_task_paused(id, true).unwrap();
    store.set_task_archived(id, true).unwrap();
    let t = &store.tasks().unwrap()[0];
    assert!(t.paused && t.archived);
    assert_eq!(store.completions_of(id, 10).unwrap()[0].note, "停电");
    let mut edited = opening_check(None);
    edited.schedule = TaskSchedule::new(Schedule::MonthlyLastDay, d(2026, 11, 1));
    store.update_task(id, &edited).unwrap();
    assert_eq!(store.tasks().unwrap()[0].fields.schedule, edited.schedule);
}

#[test]
fn staff_training_and_the_calendar_round_trip() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let who = Staff {
        id: 0,
        name: "张三".into(),
        role: "收银员".into(),
        phone: String::new(),
        started_on: Some(d(2026, 11, 1)),
        active: true,
        added_on: None,
    };
    let sid = store.save_staff(None, &who).unwrap();
    let module = TrainingModule {
        id: 0,
        title: "终端操作".into(),
        items: vec!["签到".into()],
        refresher_months: 12,
        onboarding: true,
    };
    let mid = store
        .add_training_module(&module, Some("operate-terminal"))
        .unwrap();
    store
        .add_training_record(&TrainingRecord {
            id: 0,
            staff_id: sid,
            module_id: mid,
            on: d(2026, 11, 3),
            trainer: "店长".into(),
            note: String::new(),
        })
        .unwrap();
    assert_eq!(store.training_records().unwrap()[0].trainer, "店长");
    assert_eq!(store.training_modules().unwrap()[0].refresher_months, 12);
    let mut calendar = ShopCalendar {
        rest_days: Weekdays::of(&[chrono::Weekday::Sun]),
        ..Default::default()
    };
    calendar
        .holidays
        .push(Holiday::range(d(2027, 2, 5), d(2027, 2, 12)).named("春节"));
    store.set_shop_calendar(&calendar).unwrap();
    drop(store);
    let store = open(dir.path());
    assert_eq!(store.shop_calendar().unwrap(), calendar);
    assert_eq!(store.staff().unwrap()[0].name, "张三");
}

#[test]
fn a_problem_found_on_another_terminal_is_on_that_terminal_in_the_incident_and_the_history() {
    use poscare_core::history::{Filter, Kind};
    let dir = data_dir();
    let mut store = open(dir.path());
    let first = store.add_device(&terminal("收银台1号")).unwrap();
    let second = store.add_device(&terminal("收银台2号")).unwrap();
    let id = store.add_task(&opening_check(Some(first)), None).unwrap();
    let incident = NewIncident {
        device_id: Some(second),
        prompt: "开店检查：已签到".into(),
        entry_id: None,
        steps_done: Vec::new(),
        note: String::new(),
        staff_id: None,
    };
    let recorded = store
        .complete(
            &done(id, d(2026, 11, 25), Outcome::Problem),
            Some(&incident),
        )
        .unwrap();
    let opened = store.incident(recorded.incident.unwrap()).unwrap().unwrap();
    assert_eq!(opened.device_id, Some(second));
    let problems = Filter {
        kinds: vec![Kind::Problem],
        ..Filter::default()
    };
    let ids = store.history_ids(&problems).unwrap();
    let entries = store.history_entries(&ids).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].device_id, entries[0].device.as_str()),
        (Some(second), "收银台2号")
    );
    // Found by 2号's filter, not by 1号's.
    let on = |device| Filter {
        device: Some(device),
        kinds: vec![Kind::Problem],
        ..Filter::default()
    };
    assert_eq!(store.history_ids(&on(second)).unwrap().len(), 1);
    assert!(store.history_ids(&on(first)).unwrap().is_empty());
}

#[test]
fn who_is_on_shift_is_the_only_person_or_the_one_chosen_for_the_day() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let person = common::person;
    let zhang = store.save_staff(None, &person("张三")).unwrap();
    let day = d(2026, 11, 25);
    assert_eq!(store.plan_snapshot(day).unwrap().current_staff, Some(zhang));
    let li = store.save_staff(None, &person("李四")).unwrap();
    assert_eq!(store.plan_snapshot(day).unwrap().current_staff, None);
    store.choose_on_shift(li, day).unwrap();
    assert_eq!(store.plan_snapshot(day).unwrap().current_staff, Some(li));
    let next = d(2026, 11, 26);
    assert_eq!(store.plan_snapshot(next).unwrap().current_staff, None);
    // What an older version stored (a bare id, no day) is asked again.
    store
        .set_setting(poscare_core::store::keys::CURRENT_STAFF, &li.to_string())
        .unwrap();
    assert_eq!(store.plan_snapshot(day).unwrap().current_staff, None);
}

#[test]
fn a_card_being_ticked_is_kept_until_its_check_is_recorded_or_missed() {
    use poscare_core::planner::checklist::{ChecklistDraft, DraftBody, Mark, Place};
    let dir = data_dir();
    let mut store = open(dir.path());
    let id = store.add_task(&opening_check(None), None).unwrap();
    let items = opening_check(None).items;
    let draft = |due, marks: &[Mark], note: &str| ChecklistDraft {
        task_id: id,
        due,
        body: DraftBody::of_card(&items, marks, note, Some(Place::NoDevice)),
    };
    let (today, yesterday) = (d(2026, 11, 25), d(2026, 11, 24));
    store
        .save_checklist_draft(&draft(today, &[Mark::Ok, Mark::Unchecked], ""))
        .unwrap();
    store
        .save_checklist_draft(&draft(today, &[Mark::Ok, Mark::Problem], "没签上"))
        .unwrap();
    store
        .save_checklist_draft(&draft(yesterday, &[Mark::Problem, Mark::Unchecked], ""))
        .unwrap();
    // Saved twice: one draft per card, the last one; the snapshot carries them.
    let snapshot = store.plan_snapshot(today).unwrap();
    let kept = snapshot.draft(id, today).unwrap();
    assert_eq!(kept.body.marks_for(&items), vec![Mark::Ok, Mark::Problem]);
    assert_eq!(kept.body.note, "没签上");
    assert_eq!(snapshot.drafts.len(), 2);
    drop(store);
    // Read back after closing.
    let mut store = open(dir.path());
    assert_eq!(store.checklist_drafts().unwrap().len(), 2);
    // Recording the check removes its draft, and only its own.
    store.complete(&done(id, today, Outcome::Ok), None).unwrap();
    let left = store.checklist_drafts().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].due, yesterday);
    // An occurrence recorded as missed cannot be ticked any more: its draft goes.
    store
        .record_missed(id, &[yesterday], today.and_hms_opt(8, 0, 0).unwrap())
        .unwrap();
    assert!(store.checklist_drafts().unwrap().is_empty());
    // Unticking everything keeps nothing.
    store
        .save_checklist_draft(&draft(d(2026, 11, 26), &[Mark::Ok, Mark::Ok], ""))
        .unwrap();
    let mut untouched = draft(d(2026, 11, 26), &[Mark::Unchecked, Mark::Unchecked], "");
    untouched.body.place = None;
    store.save_checklist_draft(&untouched).unwrap();
    assert!(store.checklist_drafts().unwrap().is_empty());
}

#[test]
fn a_draft_that_cannot_be_read_is_named_and_left_out() {
    use poscare_core::planner::checklist::{ChecklistDraft, DraftBody, Mark};
    let dir = data_dir();
    let mut store = open(dir.path());
    let id = store.add_task(&opening_check(None), None).unwrap();
    let items = opening_check(None).items;
    let body = DraftBody::of_card(&items, &[Mark::Ok, Mark::Ok], "", None);
    for due in [d(2026, 11, 25), d(2026, 11, 26)] {
        let draft = ChecklistDraft {
            task_id: id,
            due,
            body: body.clone(),
        };
        store.save_checklist_draft(&draft).unwrap();
    }
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
    conn.execute(
        "UPDATE checklist_draft SET body = '{\"items\": 5}' WHERE due = '2026-11-26'",
        [],
    )
    .unwrap();
    drop(conn);
    let store = open(dir.path());
    let drafts = store.checklist_drafts().unwrap();
    assert_eq!(drafts.len(), 1, "the good draft is read");
    let problems = store.row_problems();
    assert!(
        problems.iter().any(|p| p.table == "checklist_draft"),
        "{problems:?}"
    );
}

#[test]
fn a_completion_that_does_not_read_is_named_and_its_check_is_due_again() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let id = store.add_task(&opening_check(None), None).unwrap();
    let (yesterday, today) = (d(2026, 11, 24), d(2026, 11, 25));
    store
        .complete(&done(id, yesterday, Outcome::Ok), None)
        .unwrap();
    store.complete(&done(id, today, Outcome::Ok), None).unwrap();
    assert!(
        store
            .plan_snapshot(today)
            .unwrap()
            .agenda
            .due_today
            .is_empty()
    );
    drop(store);
    // Today's record, written by hand with a time that is no time.
    let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
    conn.execute(
        "UPDATE completion SET done_at = 'not-a-time' WHERE due = '2026-11-25'",
        [],
    )
    .unwrap();
    drop(conn);
    let store = open(dir.path());
    let snapshot = store.plan_snapshot(today).unwrap();
    // Not "done at no time", which hid the check: named, and the check is due again.
    assert_eq!(snapshot.agenda.due_today.len(), 1, "{:?}", snapshot.agenda);
    let problems = store.row_problems();
    assert!(
        problems.iter().any(|p| p.table == "completion"),
        "{problems:?}"
    );
}

/// Data restored from a backup knows nothing of the days between its newest record and the
/// restore: their checks are not recorded as missed (a shop owner's restored history said checks
/// were skipped that had been done, in the data replaced). From the restore on, they are.
#[test]
fn checks_due_before_a_restore_are_not_recorded_as_missed() {
    use poscare_core::store::BackupKind;
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    let today = chrono::Local::now().date_naive();
    let mut task = opening_check(None);
    task.schedule = TaskSchedule::new(Schedule::Daily, today - chrono::Days::new(30));
    let id = store.add_task(&task, None).unwrap();
    store
        .complete(&done(id, today - chrono::Days::new(10), Outcome::Ok), None)
        .unwrap();
    let file = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    store.restore_from(&file, None).unwrap();
    let tasks = store.tasks().unwrap();
    let calendar = store.shop_calendar().unwrap();
    store.catch_up(&tasks, &calendar, today).unwrap();
    assert_eq!(
        store.completions_of(id, 100).unwrap().len(),
        1,
        "the nine days before the restore are not known to be missed"
    );
    // Two days on, the days since the restore are.
    store
        .catch_up(&tasks, &calendar, today + chrono::Days::new(2))
        .unwrap();
    let missed: Vec<NaiveDate> = store
        .completions_of(id, 100)
        .unwrap()
        .iter()
        .filter(|c| c.outcome == Outcome::Missed)
        .map(|c| c.due)
        .collect();
    assert_eq!(missed, [today + chrono::Days::new(1), today]);
}

/// A check put off to tomorrow is not overdue today, is due tomorrow, survives a restart, and
/// is recorded against its own slot; one already recorded is not put off.
#[test]
fn a_check_put_off_waits_for_its_day_and_is_recorded_against_its_own_slot() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let mut fields = opening_check(None);
    fields.title = "清洁打印头".into();
    // Every other Wednesday from 4 November 2026: due 2 December, next 16 December.
    fields.schedule = TaskSchedule::new(Schedule::EveryWeeks(2), d(2026, 11, 4));
    let id = store.add_task(&fields, None).unwrap();
    let (due, today, tomorrow) = (d(2026, 12, 2), d(2026, 12, 7), d(2026, 12, 8));
    assert_eq!(store.plan_snapshot(today).unwrap().agenda.overdue.len(), 1);
    assert!(store.postpone(id, due, tomorrow).unwrap());
    drop(store);
    let mut store = open(dir.path());
    let snapshot = store.plan_snapshot(today).unwrap();
    assert!(snapshot.agenda.overdue.is_empty(), "not overdue today");
    let waiting = &snapshot.agenda.upcoming[0];
    assert_eq!((waiting.due, waiting.until), (due, Some(tomorrow)));
    let next_day = store.plan_snapshot(tomorrow).unwrap();
    assert_eq!(next_day.agenda.due_today.len(), 1, "due tomorrow");
    // Done tomorrow: recorded for 2 December, and the next is 16 December.
    let mut finished = done(id, due, Outcome::Ok);
    finished.done_at = tomorrow.and_hms_opt(10, 0, 0).unwrap();
    store.complete(&finished, None).unwrap();
    // Done on the day it was put off to: not late, in the record and in the history.
    let recorded = store.completions_on(tomorrow).unwrap();
    assert_eq!(recorded[0].put_off_to, Some(tomorrow));
    assert!(!recorded[0].late());
    let late = poscare_core::history::Filter {
        kinds: vec![poscare_core::history::Kind::Late],
        ..Default::default()
    };
    assert!(
        store.history_ids(&late).unwrap().is_empty(),
        "not 'done late'"
    );
    let after = store.plan_snapshot(tomorrow).unwrap();
    assert!(after.agenda.due_today.is_empty() && after.agenda.overdue.is_empty());
    let task = after.task(id).unwrap();
    assert_eq!(after.open_due(task), Some(d(2026, 12, 16)));
    assert!(
        store.postponements().unwrap().is_empty(),
        "the row went with the record"
    );
    // Already recorded: not put off; nor to a day not after its own.
    assert!(!store.postpone(id, due, d(2026, 12, 9)).unwrap());
    assert!(
        store
            .postpone(id, d(2026, 12, 16), d(2026, 12, 16))
            .is_err()
    );
}
