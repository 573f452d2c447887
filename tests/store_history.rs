//! The history timeline in the store: triggers feed it from every source, the v3 fixture is
//! backfilled, filters narrow it, and corrections keep the original.

mod common;

use chrono::NaiveDate;
use common::{data_dir, db_from_sql, open, terminal};
use poscare_core::history::{Amendment, CorrectionAction, Entry, Filter, Kind};
use poscare_core::i18n::Lang;
use poscare_core::incident::{CallSheet, IncidentStatus, NewIncident};
use poscare_core::planner::task::ItemResult;
use poscare_core::planner::{
    NewCompletion, Outcome, Schedule, TaskCategory, TaskFields, TaskSchedule, TrainingModule,
    TrainingRecord,
};
use poscare_core::store::{DataPaths, Store, Verify};
use poscare_core::store::{Refusal, StoreError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn all(store: &Store, filter: &Filter) -> Vec<Entry> {
    store
        .history_entries(&store.history_ids(filter).unwrap())
        .unwrap()
}

/// An amendment of the text alone.
fn text(text: &str) -> Amendment {
    Amendment {
        text: text.into(),
        device_id: None,
    }
}

fn kinds(entries: &[Entry]) -> Vec<Kind> {
    entries.iter().map(|e| e.kind).collect()
}

fn task(device: Option<i64>) -> TaskFields {
    TaskFields {
        title: "开店检查".into(),
        category: TaskCategory::Check,
        instructions: String::new(),
        items: vec!["打印纸".into()],
        device_id: device,
        staff_id: None,
        schedule: TaskSchedule::new(Schedule::Daily, d(2026, 11, 1)),
    }
}

fn completion(
    task_id: i64,
    due: NaiveDate,
    late_days: u64,
    who: i64,
    outcome: Outcome,
) -> NewCompletion {
    NewCompletion {
        task_id,
        due,
        done_at: (due + chrono::Days::new(late_days))
            .and_hms_opt(9, 0, 0)
            .unwrap(),
        done_by: Some(who),
        outcome,
        items: Vec::new(),
        note: format!("{outcome:?} 备注"),
    }
}

/// The incident a check opens for a problem found on `device`.
fn found_on(device: i64, prompt: &str) -> NewIncident {
    NewIncident {
        device_id: Some(device),
        prompt: prompt.into(),
        entry_id: None,
        steps_done: Vec::new(),
        note: String::new(),
        staff_id: None,
    }
}

/// A folder with two terminals, a person, every task outcome, an incident, a training.
fn seeded() -> (tempfile::TempDir, i64, i64, i64) {
    let dir = data_dir();
    let mut store = open(dir.path());
    let t1 = store.add_device(&terminal("收银台1号")).unwrap();
    let t2 = store.add_device(&terminal("收银台2号")).unwrap();
    store.retire_device(t1, d(2026, 11, 1), "换新机").unwrap();
    let who = store.save_staff(None, &common::person("王芳")).unwrap();
    let task = store.add_task(&task(Some(t2)), None).unwrap();
    store
        .complete(&completion(task, d(2026, 11, 2), 0, who, Outcome::Ok), None)
        .unwrap();
    store
        .complete(&completion(task, d(2026, 11, 3), 1, who, Outcome::Ok), None)
        .unwrap();
    store
        .complete(
            &completion(task, d(2026, 11, 5), 0, who, Outcome::Skipped),
            None,
        )
        .unwrap();
    let problem = found_on(t2, "打印机缺纸");
    store
        .complete(
            &completion(task, d(2026, 11, 6), 0, who, Outcome::Problem),
            Some(&problem),
        )
        .unwrap();
    store
        .record_missed(task, &[d(2026, 11, 4)], common::now())
        .unwrap();
    let incident = store
        .add_incident(&NewIncident {
            device_id: Some(t2),
            prompt: "A0 校验错".into(),
            entry_id: Some("RC-A0".into()),
            steps_done: Vec::new(),
            note: String::new(),
            staff_id: None,
        })
        .unwrap();
    store
        .update_incident_progress(incident, &["签到".into(), "换纸".into()], "")
        .unwrap();
    store
        .close_incident(incident, IncidentStatus::Resolved, "重新签到后正常")
        .unwrap();
    let module = store
        .add_training_module(
            &TrainingModule {
                id: 0,
                title: "操作终端".into(),
                items: Vec::new(),
                refresher_months: 12,
                onboarding: true,
            },
            None,
        )
        .unwrap();
    store
        .add_training_record(&TrainingRecord {
            id: 0,
            staff_id: who,
            module_id: module,
            on: d(2026, 11, 1),
            trainer: "店长".into(),
            note: "会撤销了".into(),
        })
        .unwrap();
    drop(store);
    (dir, t1, t2, who)
}

#[test]
fn every_write_path_feeds_the_timeline_in_its_own_transaction() {
    let (dir, t1, t2, who) = seeded();
    let store = open(dir.path());
    let entries = all(&store, &Filter::default());
    let ks = kinds(&entries);
    for kind in [
        Kind::Device,
        Kind::Done,
        Kind::Late,
        Kind::Skipped,
        Kind::Problem,
        Kind::Missed,
        Kind::Incident,
        Kind::Training,
    ] {
        assert!(ks.contains(&kind), "{kind:?} missing from {ks:?}");
    }
    // Newest first.
    assert!(entries.windows(2).all(|w| w[0].at >= w[1].at));
    let device_actions: Vec<_> = entries
        .iter()
        .filter(|e| e.kind == Kind::Device && e.device_id == Some(t1))
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(device_actions, ["retired", "added"]);
    let incident: Vec<_> = entries
        .iter()
        .filter(|e| e.kind == Kind::Incident && e.subject == "A0 校验错")
        .map(|e| (e.action.as_str(), e.detail.as_str()))
        .collect();
    assert_eq!(incident[0], ("resolved", "重新签到后正常"));
    assert_eq!(incident[1], ("steps", "签到；换纸"));
    assert_eq!(incident[2].0, "opened");
    let late = entries.iter().find(|e| e.kind == Kind::Late).unwrap();
    assert_eq!((late.device_id, late.staff_id), (Some(t2), Some(who)));
    assert_eq!(late.staff, "王芳");
    assert_eq!(late.device, "收银台2号");
    let missed = entries.iter().find(|e| e.kind == Kind::Missed).unwrap();
    assert_eq!(missed.at, "2026-11-04T23:59:59");
    let detail = store.history_detail(late.id).unwrap().unwrap();
    assert!(!detail.facts.is_empty());
}

#[test]
fn outages_and_backup_log_rows_written_by_others_appear_and_an_outage_shows_its_end() {
    let (dir, _, t2, who) = seeded();
    let db = DataPaths::new(dir.path()).db();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO emergency_plan (id, title, created_at, updated_at) VALUES (1, '断网应急', '2026-11-01T00:00:00', '2026-11-01T00:00:00');
             INSERT INTO outage (id, plan_id, device_id, staff_id, started_at, lost, updated_at)
                 VALUES (1, 1, {t2}, {who}, '2026-11-07T10:00:00', '两笔刷卡', '2026-11-07T10:00:00');
             INSERT INTO backup_log (at, kind, path, bytes, ok) VALUES ('2026-11-07T22:00:00', 'auto', 'backups/a.db', 4096, 1);
             INSERT INTO backup_log (at, kind, path, bytes, ok, detail) VALUES ('2026-11-08T22:00:00', 'manual', 'E:/b.db', 0, 0, 'disk full');"
        ))
        .unwrap();
    }
    let outage_filter = Filter {
        kinds: vec![Kind::Outage],
        ..Default::default()
    };
    {
        let store = open(dir.path());
        let outages = all(&store, &outage_filter);
        assert_eq!(outages.len(), 1);
        assert_eq!(outages[0].action, "started");
        assert_eq!(outages[0].subject, "断网应急");
        let backups = all(
            &store,
            &Filter {
                kinds: vec![Kind::Backup],
                ..Default::default()
            },
        );
        let actions: Vec<_> = backups.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["failed", "auto"]);
    }
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute(
            "UPDATE outage SET ended_at = '2026-11-07T11:30:00', fix = '换用4G路由器', updated_at = '2026-11-07T11:30:00' WHERE id = 1",
            [],
        )
        .unwrap();
    }
    let store = open(dir.path());
    let outages = all(&store, &outage_filter);
    assert_eq!(outages.len(), 2);
    assert_eq!(
        (outages[0].action.as_str(), outages[0].at.as_str()),
        ("ended", "2026-11-07T11:30:00")
    );
    // How it ended is said on its end, not on its start (written at the end, it read as known
    // before it began); the record behind either line has it.
    assert!(outages[0].detail.contains("换用4G路由器"));
    assert_eq!(outages[1].action, "started");
    assert_eq!(outages[1].detail, "");
    let detail = store.history_detail(outages[0].id).unwrap().unwrap();
    assert!(detail.facts.iter().any(|f| f.value == "换用4G路由器"));
}

#[test]
fn filters_by_device_kind_staff_text_and_date_agree_with_the_domain_rule() {
    let (dir, t1, t2, who) = seeded();
    let store = open(dir.path());
    let everything = all(&store, &Filter::default());
    let filters = [
        Filter {
            device: Some(t1),
            ..Default::default()
        },
        Filter {
            device: Some(t2),
            ..Default::default()
        },
        Filter {
            staff: Some(who),
            ..Default::default()
        },
        Filter {
            kinds: vec![Kind::Missed, Kind::Late],
            ..Default::default()
        },
        Filter {
            text: "签到".into(),
            ..Default::default()
        },
        Filter {
            text: "王芳".into(),
            ..Default::default()
        },
        Filter {
            text: "收银台1".into(),
            ..Default::default()
        },
        Filter {
            from: Some(d(2026, 11, 3)),
            to: Some(d(2026, 11, 4)),
            ..Default::default()
        },
        Filter {
            device: Some(t2),
            kinds: vec![Kind::Incident],
            text: "a0".into(),
            ..Default::default()
        },
    ];
    for f in &filters {
        let got: Vec<i64> = all(&store, f).iter().map(|e| e.id).collect();
        let want: Vec<i64> = everything
            .iter()
            .filter(|e| f.matches(e))
            .map(|e| e.id)
            .collect();
        assert_eq!(got, want, "{f:?}");
        assert!(!got.is_empty(), "{f:?} found nothing");
    }
    let t1_only = all(&store, &filters[0]);
    assert!(t1_only.iter().all(|e| e.device_id == Some(t1)));
    let range = all(&store, &filters[7]);
    assert_eq!(kinds(&range), [Kind::Missed, Kind::Late]);
}

#[test]
fn amend_and_void_keep_the_original_and_a_reason_is_required() {
    let (dir, _, _, _) = seeded();
    let mut store = open(dir.path());
    let entries = all(
        &store,
        &Filter {
            kinds: vec![Kind::Skipped],
            ..Default::default()
        },
    );
    let id = entries[0].id;
    let original = entries[0].detail.clone();
    assert!(store.void_history(id, "  ").is_err());
    store
        .amend_history(id, &text("其实是停电"), "备注写错了")
        .unwrap();
    let e = &store.history_entries(&[id]).unwrap()[0];
    assert_eq!(e.detail, original);
    assert_eq!(e.current_detail(), "其实是停电");
    // Text search finds the amended text too.
    let found = all(
        &store,
        &Filter {
            text: "其实是停电".into(),
            ..Default::default()
        },
    );
    assert_eq!(found.len(), 1);
    store.void_history(id, "重复记录").unwrap();
    assert!(
        store.amend_history(id, &text("x"), "y").is_err(),
        "a void entry stays void"
    );
    let detail = store.history_detail(id).unwrap().unwrap();
    assert!(detail.entry.voided());
    assert_eq!(detail.entry.detail, original);
    let actions: Vec<_> = detail.corrections.iter().map(|c| c.action).collect();
    assert_eq!(actions, [CorrectionAction::Amend, CorrectionAction::Void]);
    // Still in the timeline, and nothing can delete it.
    assert!(all(&store, &Filter::default()).iter().any(|e| e.id == id));
    drop(store);
    let conn = rusqlite::Connection::open(DataPaths::new(dir.path()).db()).unwrap();
    assert!(
        conn.execute("DELETE FROM history WHERE id = ?1", [id])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM history_correction", []).is_err());
}

#[test]
fn the_v3_fixture_is_backfilled_on_upgrade() {
    let dir = data_dir();
    db_from_sql(
        &dir.path().join("poscare.db"),
        include_str!("fixtures/schema_v3.sql"),
    );
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert_eq!(report.migrated_from, Some(3));
    let entries = all(&store, &Filter::default());
    let summary: Vec<(Kind, &str, &str)> = entries
        .iter()
        .map(|e| (e.kind, e.action.as_str(), e.subject.as_str()))
        .collect();
    for want in [
        (Kind::Device, "added", "收银台1号终端"),
        (Kind::Device, "retired", "旧打印机"),
        (Kind::Incident, "opened", "A0 校验错"),
        (Kind::Incident, "resolved", "A0 校验错"),
        (Kind::Done, "check", "开店检查"),
        (Kind::Problem, "check", "开店检查"),
        (Kind::Missed, "backup", "备份到U盘"),
        (Kind::Training, "", "操作终端"),
    ] {
        assert!(summary.contains(&want), "{want:?} not in {summary:?}");
    }
    assert_eq!(entries.len(), 9, "{summary:?}");
    // Incidents kept before names were (version 8) carry none: nothing is guessed.
    assert!(
        entries
            .iter()
            .filter(|e| e.kind == Kind::Incident)
            .all(|e| e.staff_id.is_none())
    );
    let problem = entries.iter().find(|e| e.kind == Kind::Problem).unwrap();
    assert_eq!(problem.staff, "王芳");
    assert_eq!(problem.detail, "打印纸用完了");
    let marks = store
        .checklist_marks(d(2026, 10, 1), d(2026, 10, 31))
        .unwrap();
    assert_eq!(marks.len(), 3);
}

/// The store as an export source, for the export tests.
struct Source<'a>(&'a Store);

impl poscare_core::history::export::ExportSource for Source<'_> {
    fn entries(&mut self, ids: &[i64]) -> Result<Vec<Entry>, String> {
        self.0.history_entries(ids).map_err(|e| e.to_string())
    }
    fn checklist(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<poscare_core::history::ChecklistMark>, String> {
        self.0.checklist_marks(from, to).map_err(|e| e.to_string())
    }
}

#[test]
fn the_html_report_of_october_has_device_sections_counts_and_the_checklist_sheet() {
    use poscare_core::history::export::{Format, Progress, write_export};
    use poscare_core::history::report::ReportHead;
    let dir = data_dir();
    db_from_sql(
        &dir.path().join("poscare.db"),
        include_str!("fixtures/schema_v3.sql"),
    );
    let store = Store::open(DataPaths::new(dir.path())).unwrap();
    let october = Filter {
        from: Some(d(2026, 10, 1)),
        to: Some(d(2026, 10, 31)),
        ..Default::default()
    };
    let ids = store.history_ids(&october).unwrap();
    let head = ReportHead {
        shop: "幸福超市".into(),
        from: d(2026, 10, 1),
        to: d(2026, 10, 31),
        made_at: "2026-11-01 09:00".into(),
        lang: poscare_core::i18n::Lang::Zh,
        device: None,
        device_name: String::new(),
    };
    let out = data_dir();
    let path = out.path().join("report.html");
    let target = poscare_core::files::Target::outside(
        &path,
        dir.path(),
        poscare_core::files::Existing::Refuse,
    )
    .unwrap();
    let n = write_export(
        &target,
        &Format::Html(head),
        &ids,
        &mut Source(&store),
        &Progress::default(),
    )
    .unwrap();
    assert_eq!(n, ids.len());
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("幸福超市"));
    assert!(
        html.contains("<h3>收银台1号终端 ("),
        "a section for the terminal"
    );
    assert!(
        html.contains("未关联设备"),
        "entries without a device have their own section"
    );
    assert!(html.contains("2026-10 月度检查表"));
    assert!(html.contains("备份到U盘") && html.contains("王芳"));
    assert!(
        html.contains("<td>×<br></td>"),
        "the missed backup is marked"
    );
}

#[test]
fn a_correction_moves_an_entry_to_the_device_it_concerns_and_the_original_stays() {
    let (dir, t1, t2, _) = seeded();
    let mut store = open(dir.path());
    let on = |device| Filter {
        device: Some(device),
        ..Default::default()
    };
    let problem = all(&store, &on(t2))
        .into_iter()
        .find(|e| e.kind == Kind::Problem)
        .unwrap();
    let before = (problem.current_detail(), problem.device_id);
    // The opening check covers both terminals: the problem was found on the other one.
    let moved = Amendment::check(Lang::Zh, problem.current_detail(), Some(t1), before).unwrap();
    store
        .amend_history(problem.id, &moved, "其实是1号机")
        .unwrap();

    let e = &store.history_entries(&[problem.id]).unwrap()[0];
    assert_eq!((e.device_id, e.device.as_str()), (Some(t1), "收银台1号"));
    assert_eq!(e.moved_from.as_deref(), Some("收银台2号"));
    assert!(
        e.correction
            .as_ref()
            .unwrap()
            .summary(Lang::Zh)
            .contains("改到设备：收银台1号")
    );
    assert!(all(&store, &on(t1)).iter().any(|x| x.id == problem.id));
    assert!(all(&store, &on(t2)).iter().all(|x| x.id != problem.id));
    let by_name = |name: &str| Filter {
        text: name.into(),
        ..Default::default()
    };
    assert!(
        all(&store, &by_name("收银台1号"))
            .iter()
            .any(|x| x.id == problem.id)
    );
    assert!(
        all(&store, &by_name("收银台2号"))
            .iter()
            .all(|x| x.id != problem.id)
    );

    // A later correction of the text alone leaves it where it was moved.
    store
        .amend_history(problem.id, &text("纸卷用完"), "写清楚")
        .unwrap();
    let e = &store.history_entries(&[problem.id]).unwrap()[0];
    assert_eq!((e.device_id, e.current_detail()), (Some(t1), "纸卷用完"));
    // Moved back, it is where it was filed, and no longer marked as moved.
    let back = Amendment {
        text: "纸卷用完".into(),
        device_id: Some(t2),
    };
    store.amend_history(problem.id, &back, "还是2号机").unwrap();
    let e = &store.history_entries(&[problem.id]).unwrap()[0];
    assert_eq!((e.device_id, e.moved_from.as_ref()), (Some(t2), None));
    let detail = store.history_detail(problem.id).unwrap().unwrap();
    let devices: Vec<_> = detail.corrections.iter().map(|c| c.device_id).collect();
    assert_eq!(devices, [Some(t1), None, Some(t2)]);
    assert_eq!(detail.corrections[0].device, "收银台1号");

    // A device that does not exist is refused; nothing is written.
    let nowhere = Amendment {
        text: "x".into(),
        device_id: Some(999),
    };
    assert!(matches!(
        store.amend_history(problem.id, &nowhere, "?"),
        Err(StoreError::NotFound(_))
    ));
    let detail = store.history_detail(problem.id).unwrap().unwrap();
    assert_eq!(detail.corrections.len(), 3);
}

/// Every event of an incident (opened, steps, resolved) is in the history under the person who
/// handled it; one recorded without a name has none.
#[test]
fn an_incidents_events_carry_who_handled_it() {
    let (dir, _, t2, who) = seeded();
    let mut store = open(dir.path());
    let new = |prompt: &str, staff_id: Option<i64>| NewIncident {
        device_id: Some(t2),
        prompt: prompt.into(),
        entry_id: None,
        steps_done: Vec::new(),
        note: String::new(),
        staff_id,
    };
    let named = store.add_incident(&new("96 系统故障", Some(who))).unwrap();
    store
        .update_incident_progress(named, &["重新签到".into()], "")
        .unwrap();
    store
        .close_incident(named, IncidentStatus::Resolved, "签到后正常")
        .unwrap();
    store.add_incident(&new("纸卷卡住了", None)).unwrap();
    assert_eq!(store.incident(named).unwrap().unwrap().staff_id, Some(who));
    let entries = all(&store, &Filter::default());
    let of = |prompt: &str| -> Vec<(String, Option<i64>)> {
        entries
            .iter()
            .filter(|e| e.kind == Kind::Incident && e.subject == prompt)
            .map(|e| (e.action.clone(), e.staff_id))
            .collect()
    };
    let named_events = of("96 系统故障");
    assert_eq!(named_events.len(), 3, "{named_events:?}");
    assert!(
        named_events.iter().all(|(_, s)| *s == Some(who)),
        "{named_events:?}"
    );
    assert_eq!(of("纸卷卡住了"), [("opened".to_owned(), None)]);
}

#[test]
fn voiding_the_record_of_an_incidents_opening_voids_the_incident() {
    let (dir, _, t2, _) = seeded();
    let mut store = open(dir.path());
    let new = |prompt: &str| NewIncident {
        device_id: Some(t2),
        prompt: prompt.into(),
        entry_id: None,
        steps_done: Vec::new(),
        note: String::new(),
        staff_id: None,
    };
    let twice = store.add_incident(&new("刷卡不能用")).unwrap();
    let real = store.add_incident(&new("网络断了")).unwrap();
    let opened = |store: &Store, prompt: &str| {
        all(store, &Filter::default())
            .into_iter()
            .find(|e| e.subject == prompt && e.action == "opened")
            .unwrap()
    };
    let entry = opened(&store, "刷卡不能用");
    store.void_history(entry.id, "重复登记").unwrap();

    let voided = store.incident(twice).unwrap().unwrap();
    assert_eq!(voided.status, IncidentStatus::Voided);
    assert!(!voided.is_open());
    assert_eq!(voided.closing_note(), "重复登记");
    assert!(voided.closed_at.is_some());
    let recent = store.recent_incidents(50).unwrap();
    let open: Vec<i64> = recent
        .iter()
        .filter(|i| i.is_open())
        .map(|i| i.id)
        .collect();
    assert!(open.contains(&real));
    assert!(
        !open.contains(&twice),
        "the voided one is not counted as open"
    );
    assert!(
        recent.iter().any(|i| i.id == twice),
        "still listed, as voided"
    );
    // Nothing more can be done with it.
    for status in [IncidentStatus::Resolved, IncidentStatus::Open] {
        assert!(matches!(
            store.close_incident(twice, status, "已处理"),
            Err(StoreError::Refused(Refusal::IncidentVoided))
        ));
    }
    // Voiding a later record of an incident (its resolution) leaves the incident as it is.
    store
        .close_incident(real, IncidentStatus::Resolved, "重启路由器")
        .unwrap();
    let resolved = all(&store, &Filter::default())
        .into_iter()
        .find(|e| e.subject == "网络断了" && e.action == "resolved")
        .unwrap();
    store.void_history(resolved.id, "写错了").unwrap();
    let real = store.incident(real).unwrap().unwrap();
    assert_eq!(real.status, IncidentStatus::Resolved);
}

#[test]
fn a_checklist_problems_call_sheet_names_the_check_and_its_items_not_a_prompt() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let t1 = store.add_device(&terminal("收银台1号")).unwrap();
    let signed_on = "终端已签到，屏幕上没有“请先签到”的提示";
    let mut fields = task(Some(t1));
    fields.items = vec![signed_on.into(), "打印纸够用".into()];
    let task = store.add_task(&fields, None).unwrap();
    let mut done = completion(task, d(2026, 11, 2), 0, 0, Outcome::Problem);
    done.done_by = None;
    done.items = vec![
        ItemResult {
            item: signed_on.into(),
            ok: false,
            problem: true,
        },
        ItemResult {
            item: "打印纸够用".into(),
            ok: true,
            problem: false,
        },
    ];
    let problem = NewIncident {
        device_id: Some(t1),
        prompt: format!("开店检查：{signed_on}"),
        entry_id: None,
        steps_done: Vec::new(),
        note: "屏幕提示请先签到".into(),
        staff_id: None,
    };
    let recorded = store.complete(&done, Some(&problem)).unwrap();
    let incident = store.incident(recorded.incident.unwrap()).unwrap().unwrap();
    let check = incident.check.as_ref().expect("from the checklist");
    assert_eq!(check.task, "开店检查");
    assert_eq!(check.problems, [signed_on]);

    let sheet = CallSheet {
        shop: "好邻居",
        incident: &incident,
        device: None,
        entry: None,
    };
    let rows = sheet.rows(Lang::Zh);
    let row = |label: &str| {
        rows.iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        row("屏幕提示"),
        None,
        "the item says how things should be: no prompt"
    );
    assert_eq!(row("检查项目").as_deref(), Some("开店检查"));
    assert_eq!(row("有问题的检查项"), Some(format!("× {signed_on}")));
    let zh = sheet.text(Lang::Zh);
    assert!(zh.contains("检查项目：开店检查"), "{zh}");
    assert!(zh.contains("商户名称：好邻居"), "{zh}");
    assert!(
        zh.lines().skip(1).all(|l| !l.contains(": ")),
        "full-width colons in Chinese: {zh}"
    );
    assert!(sheet.text(Lang::En).contains("Check: 开店检查"));

    // An incident from the lookup still names its prompt.
    let looked_up = store.add_incident(&problem).unwrap();
    let looked_up = store.incident(looked_up).unwrap().unwrap();
    assert!(looked_up.check.is_none());
    let sheet = CallSheet {
        incident: &looked_up,
        ..sheet
    };
    assert!(
        sheet
            .text(Lang::Zh)
            .contains(&format!("屏幕提示：开店检查：{signed_on}"))
    );
}

/// A device edit names the fields that changed in the reader's words, in the timeline, the
/// spreadsheet and the report alike, never by their stored names ("name, acquirer").
#[test]
fn a_device_edit_names_its_fields_in_words() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let id = store.add_device(&terminal("收台2号机")).unwrap();
    let mut fields = terminal("收银台2号机");
    fields.acquirer = "拉卡拉".into();
    store.update_device(id, &fields).unwrap();
    let edited = all(&store, &Filter::default())
        .into_iter()
        .find(|e| e.kind == Kind::Device && e.action == "edited")
        .expect("the edit is in the timeline");
    assert_eq!(edited.detail_in(Lang::Zh), "名称、收单机构 / 支付公司");
    assert_eq!(
        edited.detail_in(Lang::En),
        "Name, Acquirer / payment company"
    );
    let mut csv = poscare_core::history::csv_file::CsvWriter::new(Vec::new(), Lang::Zh).unwrap();
    csv.entry(&edited).unwrap();
    let csv = String::from_utf8(csv.finish().unwrap()).unwrap();
    assert!(csv.contains("名称、收单机构 / 支付公司"), "{csv}");
    assert!(!csv.contains("name, acquirer"), "{csv}");
}

/// An incident recorded against no terminal, moved to one by correcting the record of its
/// opening: the incident is that terminal's from then on (its list, its call sheet, the records
/// of its later steps), and the first record stays as written with its correction (a walkthrough
/// found the call sheet with no terminal, its IDs and hotline all "—", after the move).
#[test]
fn an_incident_moved_to_a_terminal_by_a_correction_is_that_terminals_from_then_on() {
    let (dir, t1, _, _) = seeded();
    let mut store = open(dir.path());
    let id = store
        .add_incident(&NewIncident {
            device_id: None,
            prompt: "IC卡不在位".into(),
            entry_id: None,
            steps_done: Vec::new(),
            note: String::new(),
            staff_id: None,
        })
        .unwrap();
    let opened = all(&store, &Filter::default())
        .into_iter()
        .find(|e| e.kind == Kind::Incident && e.subject == "IC卡不在位")
        .unwrap();
    let before = (opened.current_detail(), opened.device_id);
    let moved = Amendment::check(Lang::Zh, "", Some(t1), before).unwrap();
    store.amend_history(opened.id, &moved, "是1号机").unwrap();
    assert_eq!(store.incident(id).unwrap().unwrap().device_id, Some(t1));
    store
        .close_incident(id, IncidentStatus::Escalated, "收单机构热线")
        .unwrap();
    let escalated = all(&store, &Filter::default())
        .into_iter()
        .find(|e| e.kind == Kind::Incident && e.action == "escalated")
        .unwrap();
    assert_eq!(escalated.device_id, Some(t1));
    let first = &store.history_entries(&[opened.id]).unwrap()[0];
    assert_eq!(first.device_id, Some(t1));
    assert!(
        first.correction.is_some(),
        "the correction is beside the first record"
    );
}

/// A check tied to terminal 1 in a shop with two terminals in use goes over both (Today names
/// both): its records, done and missed, are filed under each terminal, in the filter, the CSV
/// and the report's device sections. A problem it found stays on the terminal it was found on,
/// and a terminal added later is not filed under records made before it.
#[test]
fn a_check_covering_both_terminals_is_filed_under_each() {
    use poscare_core::history::export::{Format, Progress, write_export};
    use poscare_core::history::report::ReportHead;
    let dir = data_dir();
    let mut store = open(dir.path());
    let t1 = store.add_device(&terminal("收银台1号")).unwrap();
    let t2 = store.add_device(&terminal("收银台2号")).unwrap();
    let who = store.save_staff(None, &common::person("王芳")).unwrap();
    let check = store.add_task(&task(Some(t1)), None).unwrap();
    store
        .complete(
            &completion(check, d(2026, 11, 2), 0, who, Outcome::Ok),
            None,
        )
        .unwrap();
    store
        .record_missed(check, &[d(2026, 11, 3)], common::now())
        .unwrap();
    let problem = found_on(t2, "读卡口有灰");
    store
        .complete(
            &completion(check, d(2026, 11, 4), 0, who, Outcome::Problem),
            Some(&problem),
        )
        .unwrap();
    let t3 = store.add_device(&terminal("收银台3号")).unwrap();
    let on = |device: i64| {
        let f = Filter {
            device: Some(device),
            kinds: vec![Kind::Done, Kind::Missed, Kind::Problem],
            ..Default::default()
        };
        let got = all(&store, &f);
        // The database's filter and the domain's rule agree.
        let everything = all(&store, &Filter::default());
        let want: Vec<i64> = everything
            .iter()
            .filter(|e| f.matches(e))
            .map(|e| e.id)
            .collect();
        assert_eq!(got.iter().map(|e| e.id).collect::<Vec<_>>(), want);
        kinds(&got)
    };
    assert_eq!(on(t1), [Kind::Missed, Kind::Done]);
    assert_eq!(on(t2), [Kind::Problem, Kind::Missed, Kind::Done]);
    assert_eq!(on(t3), []);
    let done = all(
        &store,
        &Filter {
            kinds: vec![Kind::Done],
            ..Default::default()
        },
    );
    assert_eq!(done[0].devices_shown(Lang::Zh), "收银台1号、收银台2号");
    assert_eq!(done[0].devices_shown(Lang::En), "收银台1号, 收银台2号");
    // The CSV names both; the report lists the check in both terminals' sections.
    let out = data_dir();
    let ids = store.history_ids(&Filter::default()).unwrap();
    let csv = out.path().join("h.csv");
    let target = |p: &std::path::Path| {
        poscare_core::files::Target::outside(p, dir.path(), poscare_core::files::Existing::Refuse)
            .unwrap()
    };
    write_export(
        &target(&csv),
        &Format::Csv(Lang::Zh),
        &ids,
        &mut Source(&store),
        &Progress::default(),
    )
    .unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("收银台1号、收银台2号"), "{text}");
    let html_path = out.path().join("h.html");
    let head = ReportHead {
        shop: "幸福超市".into(),
        from: d(2026, 11, 1),
        to: d(2026, 11, 30),
        made_at: "2026-12-01 09:00".into(),
        lang: Lang::Zh,
        device: None,
        device_name: String::new(),
    };
    write_export(
        &target(&html_path),
        &Format::Html(head),
        &ids,
        &mut Source(&store),
        &Progress::default(),
    )
    .unwrap();
    let html = std::fs::read_to_string(&html_path).unwrap();
    let section = |name: &str| {
        let start = html.find(&format!("<h3>{name} (")).expect(name);
        let rest = &html[start + 4..];
        rest[..rest.find("<h3>").unwrap_or(rest.len())].to_owned()
    };
    assert!(section("收银台2号").contains("开店检查"), "{html}");
    assert!(section("收银台1号").contains("开店检查"));
    // Moved by a correction to one terminal, it is filed under that one alone.
    let missed = all(
        &store,
        &Filter {
            kinds: vec![Kind::Missed],
            ..Default::default()
        },
    )
    .remove(0);
    drop(store);
    let mut store = open(dir.path());
    let moved =
        Amendment::check(Lang::Zh, "", Some(t2), (&missed.detail, missed.device_id)).unwrap();
    store
        .amend_history(missed.id, &moved, "只有2号机没查")
        .unwrap();
    assert_eq!(on_after(&store, t1, Kind::Missed), 0);
    assert_eq!(on_after(&store, t2, Kind::Missed), 1);
}

fn on_after(store: &Store, device: i64, kind: Kind) -> usize {
    all(
        store,
        &Filter {
            device: Some(device),
            kinds: vec![kind],
            ..Default::default()
        },
    )
    .len()
}

/// A text another program wrote that is not UTF-8 (one incident's note) shows with the
/// replacement character: every other entry of the timeline still shows and exports.
#[test]
fn a_note_that_is_not_utf8_hides_nothing_else() {
    let (dir, _, _, _) = seeded();
    let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
    conn.execute_batch(
        "INSERT INTO incident (id, started_at, device_id, prompt, note, status, updated_at) \
           VALUES (99, '2026-11-07T12:10:00', NULL, '打印机卡纸', CAST(x'6e6f7465ff' AS TEXT), 'open', '2026-11-07T12:10:00');
         INSERT INTO incident_event (incident_id, at, action) VALUES (99, '2026-11-07T12:10:00', 'opened');",
    )
    .unwrap();
    drop(conn);
    let store = open(dir.path());
    let entries = all(&store, &Filter::default());
    let bad = entries
        .iter()
        .find(|e| e.subject == "打印机卡纸")
        .expect("the entry with the bad note");
    assert_eq!(bad.detail, "note\u{fffd}");
    assert!(entries.len() > 5, "the rest is there too");
}

/// Two devices of one name are told apart in the history, and so in its CSV and report, as
/// they are wherever a device is chosen (a tester's exports said "Till" for two tills).
#[test]
fn two_devices_of_one_name_are_told_apart_in_the_history() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let mut first = terminal("Till");
    first.terminal_id = "T001".into();
    let mut second = terminal("Till ");
    second.terminal_id = String::new();
    second.serial = "S-2".into();
    let a = store.add_device(&first).unwrap();
    let b = store.add_device(&second).unwrap();
    let c = store.add_device(&terminal("Back room")).unwrap();
    store.add_incident(&found_on(a, "读卡失败")).unwrap();
    store.add_incident(&found_on(b, "读卡失败")).unwrap();
    store.add_incident(&found_on(c, "读卡失败")).unwrap();
    let named = |device: i64| {
        all(&store, &Filter::default())
            .into_iter()
            .find(|e| e.device_id == Some(device) && e.kind == Kind::Incident)
            .map(|e| e.device)
    };
    assert_eq!(named(a).as_deref(), Some("Till · T001"));
    assert_eq!(named(b).as_deref(), Some("Till · S-2"));
    assert_eq!(named(c).as_deref(), Some("Back room"));
}
