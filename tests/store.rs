//! Storage: opening, locking, versions, damaged files, backups and restore, devices.

mod common;

use std::fs;

use common::{data_dir, db_from_sql, open, terminal};
use poscare_core::store::{
    APPLICATION_ID, BackupKind, CURRENT_VERSION, DataPaths, OpenError, RecoveryReason, Store,
    Verdict, Verify, VerifyError, check_folder, keys, list_backups, newest_verified_backup,
    verify_file,
};

#[test]
fn a_fresh_folder_gets_a_current_database() {
    let dir = data_dir();
    let (store, report) =
        Store::open_window(DataPaths::new(dir.path().join("new/nested")), Verify::Now).unwrap();
    assert_eq!(report.moved_aside, None);
    assert_eq!(
        report.recovery, None,
        "a first start has nothing to recover"
    );
    assert_eq!(store.schema_version().unwrap(), CURRENT_VERSION);
    assert!(store.devices().unwrap().is_empty());
    drop(store);
    let db = dir.path().join("new/nested/poscare.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, APPLICATION_ID);
}

#[test]
fn a_second_copy_on_the_same_folder_is_refused_and_named() {
    let dir = data_dir();
    let _first = open(dir.path());
    let err = Store::open(DataPaths::new(dir.path()))
        .err()
        .expect("second open must fail");
    assert_eq!(
        err,
        OpenError::AlreadyOpen {
            path: dir.path().to_path_buf()
        }
    );
    let msg = err.message(poscare_core::i18n::Lang::Zh);
    assert!(
        msg.contains(&dir.path().display().to_string()) && msg.contains("已经在运行"),
        "{msg}"
    );
}

#[test]
fn the_lock_is_released_when_the_store_closes() {
    let dir = data_dir();
    drop(open(dir.path()));
    drop(open(dir.path()));
}

#[test]
fn settings_and_devices_survive_a_restart() {
    let dir = data_dir();
    let mut store = open(dir.path());
    store.set_setting(keys::LANGUAGE, "en").unwrap();
    store.set_setting(keys::LANGUAGE, "zh").unwrap();
    let id = store.add_device(&terminal("收银台1号终端")).unwrap();
    drop(store);
    let store = open(dir.path());
    assert_eq!(
        store.setting(keys::LANGUAGE).unwrap().as_deref(),
        Some("zh")
    );
    let device = store.device(id).unwrap().unwrap();
    assert_eq!(device.fields, terminal("收银台1号终端"));
}

#[test]
fn device_edit_retire_and_reinstate_are_logged_and_nothing_is_deleted() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let id = store.add_device(&terminal("终端A")).unwrap();
    let mut edited = terminal("终端A");
    edited.serial = "SN-0002".into();
    store.update_device(id, &edited).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    store.retire_device(id, today, "退还银行").unwrap();
    let retired = store.device(id).unwrap().unwrap();
    assert_eq!(retired.retired_on, Some(today));
    assert_eq!(retired.retired_reason, "退还银行");
    assert_eq!(
        store.devices().unwrap().len(),
        1,
        "a retired device stays in the records"
    );
    store.reinstate_device(id).unwrap();
    assert!(store.device(id).unwrap().unwrap().in_use());
    let actions: Vec<String> = store
        .device_events(id)
        .unwrap()
        .into_iter()
        .map(|e| e.1)
        .collect();
    assert_eq!(actions, ["added", "edited", "retired", "reinstated"]);
    let edit = &store.device_events(id).unwrap()[1];
    assert_eq!(edit.2, "serial");
}

#[test]
fn an_unchanged_save_logs_nothing_and_a_missing_device_is_an_error() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let id = store.add_device(&terminal("终端")).unwrap();
    store.update_device(id, &terminal("终端")).unwrap();
    assert_eq!(store.device_events(id).unwrap().len(), 1);
    assert!(store.update_device(999, &terminal("x")).is_err());
    assert!(
        store
            .retire_device(999, chrono::NaiveDate::MIN, "x")
            .is_err()
    );
}

#[test]
fn the_database_refuses_what_validation_would_refuse() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let mut bad = terminal("x");
    bad.name = String::new();
    assert!(
        store.add_device(&bad).is_err(),
        "the CHECK constraint is a second line of defence"
    );
    assert!(store.devices().unwrap().is_empty());
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = data_dir();
    drop(open(dir.path()));
    let db = dir.path().join("poscare.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", CURRENT_VERSION + 1)
            .unwrap();
    }
    let before = fs::read(&db).unwrap();
    let err = Store::open(DataPaths::new(dir.path()))
        .err()
        .expect("must refuse");
    assert!(matches!(err, OpenError::TooNew { found, .. } if found == CURRENT_VERSION + 1));
    assert!(
        err.message(poscare_core::i18n::Lang::En)
            .contains("newer version")
    );
    assert_eq!(
        fs::read(&db).unwrap(),
        before,
        "the newer file is left exactly as it was"
    );
}

fn assert_moved_aside_intact(contents: &[u8]) {
    let dir = data_dir();
    let db = dir.path().join("poscare.db");
    fs::write(&db, contents).unwrap();
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    let moved = report
        .moved_aside
        .expect("damaged file must be moved aside");
    assert!(moved.starts_with(dir.path().join("damaged")));
    assert_eq!(fs::read(&moved).unwrap(), contents, "kept byte for byte");
    assert_eq!(
        store.schema_version().unwrap(),
        CURRENT_VERSION,
        "a new database is in use"
    );
}

#[test]
fn a_garbage_file_is_moved_aside_byte_for_byte() {
    let garbage: Vec<u8> = (0..100_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_moved_aside_intact(&garbage);
}

#[test]
fn a_text_file_is_moved_aside() {
    assert_moved_aside_intact("这不是数据库\n".as_bytes());
}

#[test]
fn a_truncated_database_is_moved_aside_byte_for_byte() {
    let source = data_dir();
    let mut store = open(source.path());
    for i in 0..400 {
        let mut f = terminal(&format!("终端{i}"));
        f.notes = "备注".repeat(100);
        store.add_device(&f).unwrap();
    }
    drop(store);
    let full = fs::read(source.path().join("poscare.db")).unwrap();
    assert!(full.len() > 200_000, "needs several pages: {}", full.len());
    assert_moved_aside_intact(&full[..full.len() / 3]);
}

#[test]
fn another_programs_sqlite_database_is_moved_aside_not_used() {
    let dir = data_dir();
    db_from_sql(
        &dir.path().join("poscare.db"),
        "CREATE TABLE orders (id INTEGER); INSERT INTO orders VALUES (1);",
    );
    let before = fs::read(dir.path().join("poscare.db")).unwrap();
    let (_store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert_eq!(fs::read(report.moved_aside.unwrap()).unwrap(), before);
}

#[test]
fn a_missing_folder_that_cannot_be_created_gives_a_clear_error() {
    let dir = data_dir();
    let file = dir.path().join("a-file");
    fs::write(&file, b"x").unwrap();
    let err = Store::open(DataPaths::new(file.join("data")))
        .err()
        .expect("must fail");
    assert!(matches!(err, OpenError::NoFolder { .. }));
    let msg = err.message(poscare_core::i18n::Lang::En);
    assert!(
        msg.contains("Cannot use the data folder") && msg.contains("a-file"),
        "{msg}"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_gives_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = data_dir();
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    if fs::write(ro.join("probe"), b"x").is_ok() {
        // Running as root: permissions do not stop us, so there is nothing to observe here.
        eprintln!("skipped: running as root, a read-only folder is still writable");
        return;
    }
    let err = Store::open(DataPaths::new(&ro)).err().expect("must fail");
    assert!(matches!(err, OpenError::NoFolder { .. }), "{err:?}");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_version_1_fixture_opens_with_its_records() {
    let dir = data_dir();
    db_from_sql(
        &dir.path().join("poscare.db"),
        include_str!("fixtures/schema_v1.sql"),
    );
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert_eq!(report.moved_aside, None);
    assert_eq!(store.schema_version().unwrap(), CURRENT_VERSION);
    let devices = store.devices().unwrap();
    assert_eq!(devices.len(), 2);
    assert_eq!(devices[0].fields.name, "收银台1号终端");
    assert_eq!(devices[1].retired_reason, "已报废");
    assert_eq!(
        store.setting(keys::LANGUAGE).unwrap().as_deref(),
        Some("zh")
    );
    assert!(matches!(store.integrity_check(), Verdict::Sound { .. }));
    assert_eq!(report.migrated_from, Some(1));
    let safety = list_backups(&dir.path().join("backups"));
    assert!(
        safety.iter().any(|b| b.kind == BackupKind::PreMigration),
        "a backup before the upgrade"
    );
    assert_eq!(
        verify_file(&safety[0].path),
        Ok(1),
        "the safety copy is the old version, verified"
    );
}

#[test]
fn the_version_2_fixture_opens_with_its_records() {
    let dir = data_dir();
    db_from_sql(
        &dir.path().join("poscare.db"),
        include_str!("fixtures/schema_v2.sql"),
    );
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert_eq!(report.moved_aside, None);
    assert_eq!(store.schema_version().unwrap(), CURRENT_VERSION);
    let incident = store.incident(1).unwrap().unwrap();
    assert_eq!(incident.resolution, "重新签到后正常");
    assert_eq!(incident.steps_done, ["在菜单里做一次签到"]);
    assert_eq!(
        store.entry_note("RC-51").unwrap().as_deref(),
        Some("老客户常用两张卡")
    );
    assert_eq!(store.own_entries().unwrap()[0].1.code, "E07");
}

#[test]
fn the_version_3_fixture_opens_with_its_records() {
    use poscare_core::planner::Outcome;
    let dir = data_dir();
    db_from_sql(
        &dir.path().join("poscare.db"),
        include_str!("fixtures/schema_v3.sql"),
    );
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert_eq!(report.moved_aside, None);
    assert_eq!(report.migrated_from, Some(3));
    assert_eq!(store.schema_version().unwrap(), CURRENT_VERSION);
    let tasks = store.tasks().unwrap();
    assert_eq!(tasks.len(), 2);
    assert!(tasks.iter().any(|t| t.fields.title == "开店检查"));
    let latest = store.latest_records().unwrap();
    assert_eq!(latest[&1].outcome, Outcome::Problem);
    assert_eq!(latest[&2].outcome, Outcome::Missed);
    assert_eq!(store.staff().unwrap()[0].name, "王芳");
    assert_eq!(store.training_records().unwrap()[0].trainer, "店长");
    assert_eq!(store.incident(1).unwrap().unwrap().prompt, "A0 校验错");
}

#[test]
fn the_version_4_fixture_opens_with_its_records() {
    let dir = data_dir();
    db_from_sql(
        &dir.path().join("poscare.db"),
        include_str!("fixtures/schema_v4.sql"),
    );
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert_eq!(report.moved_aside, None);
    assert_eq!(store.schema_version().unwrap(), CURRENT_VERSION);
    assert_eq!(
        store.emergency_plans().unwrap()[0].fields.title,
        "刷卡不能用"
    );
    assert_eq!(store.contacts().unwrap()[0].fields.name, "收单机构客服");
    let outage = store.outage(1).unwrap().unwrap();
    assert_eq!(outage.device_id, Some(1));
    assert_eq!(outage.fix, "重新签到后恢复");
    assert_eq!(outage.ticks.len(), 2);
    let log = store.backup_log(10).unwrap();
    assert_eq!(
        log.len(),
        3,
        "the two kept, and the backup taken before this upgrade"
    );
    assert_eq!(log[0].kind, "pre_migration");
    assert!(!log[1].ok, "the failed backup is kept as failed");
    // Everything that happened to terminal 1 is on its timeline, newest first.
    use poscare_core::history::{Filter, Kind};
    let ids = store
        .history_ids(&Filter {
            device: Some(1),
            ..Default::default()
        })
        .unwrap();
    let kinds: Vec<Kind> = store
        .history_entries(&ids)
        .unwrap()
        .iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            Kind::Outage,
            Kind::Outage,
            Kind::Problem,
            Kind::Incident,
            Kind::Incident,
            Kind::Done,
            Kind::Device
        ],
        "outage end and start, a check with a problem, the incident resolved and opened, a check, added"
    );
}

#[test]
fn incidents_are_resolved_escalated_and_reopened_never_deleted() {
    use poscare_core::incident::{IncidentStatus, NewIncident};
    let dir = data_dir();
    let mut store = open(dir.path());
    let device = store.add_device(&terminal("终端1")).unwrap();
    let new = NewIncident {
        device_id: Some(device),
        prompt: "68".into(),
        entry_id: Some("RC-68".into()),
        ..Default::default()
    };
    let id = store.add_incident(&new.validate().unwrap()).unwrap();
    store
        .update_incident_progress(id, &["先不要重刷".to_owned()], "顾客说收到扣款短信")
        .unwrap();
    store
        .close_incident(id, IncidentStatus::Escalated, "收单机构客服")
        .unwrap();
    store.close_incident(id, IncidentStatus::Open, "").unwrap();
    store
        .close_incident(id, IncidentStatus::Resolved, "冲正成功，重新收款")
        .unwrap();
    let i = store.incident(id).unwrap().unwrap();
    assert_eq!(i.status, IncidentStatus::Resolved);
    assert_eq!(i.escalated_to, "收单机构客服");
    assert_eq!(i.resolution, "冲正成功，重新收款");
    let actions: Vec<String> = store
        .incident_events(id)
        .unwrap()
        .into_iter()
        .map(|e| e.1)
        .collect();
    assert_eq!(
        actions,
        ["opened", "steps", "escalated", "reopened", "resolved"]
    );
    assert!(
        store
            .close_incident(999, IncidentStatus::Resolved, "x")
            .is_err()
    );
    assert_eq!(store.recent_incidents(10).unwrap().len(), 1);
}

#[test]
fn a_backup_is_verified_and_restores_the_data() {
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("终端1")).unwrap();
    let backup = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    assert_eq!(verify_file(&backup), Ok(CURRENT_VERSION));
    assert!(
        fs::read_dir(usb.path()).unwrap().count() == 1,
        "no temp file left behind"
    );
    store.add_device(&terminal("终端2")).unwrap();
    store.restore_from(&backup, None).unwrap();
    assert_eq!(common::device_names(&store), ["终端1"]);
    // The data before the restore was kept as a backup too.
    assert!(
        list_backups(&dir.path().join("backups"))
            .iter()
            .any(|b| b.kind == BackupKind::PreRestore)
    );
    drop(store);
    assert_eq!(
        open(dir.path()).devices().unwrap().len(),
        1,
        "the restore is durable"
    );
}

#[test]
fn restore_refuses_bad_files_and_changes_nothing() {
    let dir = data_dir();
    let files = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("终端1")).unwrap();
    let good = store
        .write_backup(files.path(), BackupKind::Manual)
        .unwrap();

    let garbage = files.path().join("garbage.db");
    fs::write(&garbage, vec![0x5a; 50_000]).unwrap();
    let truncated = files.path().join("truncated.db");
    let bytes = fs::read(&good).unwrap();
    fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let foreign = files.path().join("foreign.db");
    db_from_sql(&foreign, "CREATE TABLE t (x); PRAGMA journal_mode=DELETE;");
    let newer = files.path().join("newer.db");
    fs::copy(&good, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", CURRENT_VERSION + 5)
        .unwrap();
    let empty = files.path().join("empty.db");
    fs::write(&empty, b"").unwrap();
    // Today's tables under an older version number: the migrations find them already there.
    let relabelled = files.path().join("relabelled.db");
    fs::copy(&good, &relabelled).unwrap();
    rusqlite::Connection::open(&relabelled)
        .unwrap()
        .pragma_update(None, "user_version", 5)
        .unwrap();
    // Ours and older, but not the tables that version had: the migrations cannot run on it.
    let odd = files.path().join("odd.db");
    db_from_sql(
        &odd,
        &format!(
            "PRAGMA application_id = {APPLICATION_ID}; CREATE TABLE device (x); \
             PRAGMA user_version = 3; PRAGMA journal_mode=DELETE;"
        ),
    );

    for (file, expect) in [
        (&garbage, "not a database"),
        (&truncated, ""),
        (&foreign, "another program"),
        (&newer, "newer version"),
        (&empty, "empty (0 bytes)"),
        (&odd, "cannot be brought up to this version"),
        (&relabelled, "cannot be brought up to this version"),
        (&files.path().join("missing.db"), "no such file"),
    ] {
        let err = store
            .restore_from(file, None)
            .err()
            .unwrap_or_else(|| panic!("{} must be refused", file.display()));
        assert!(
            err.to_string().contains(expect),
            "{}: {err}",
            file.display()
        );
        // SQLite's own words and a guess at a full disk are no message for a bad file.
        assert!(
            !err.to_string().contains("no such")
                || err.to_string().contains("There is no such file"),
            "{}: {err}",
            file.display()
        );
        assert!(!err.to_string().contains("disk full"), "{err}");
        assert_eq!(
            common::device_names(&store),
            ["终端1"],
            "live data unchanged after {}",
            file.display()
        );
    }
    assert_eq!(verify_file(&garbage), Err(VerifyError::NotADatabase));
    assert_eq!(
        verify_file(&newer),
        Err(VerifyError::TooNew(CURRENT_VERSION + 5))
    );
    assert!(matches!(
        verify_file(&truncated),
        Err(VerifyError::Damaged(_))
    ));
}

#[test]
fn the_daily_backup_happens_once_a_day_and_is_offered_after_damage() {
    let dir = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("终端1")).unwrap();
    let first = store
        .daily_backup(chrono::Local::now().naive_local())
        .unwrap()
        .expect("first backup of the day");
    assert_eq!(
        store
            .daily_backup(chrono::Local::now().naive_local())
            .unwrap(),
        None,
        "only one per day"
    );
    drop(store);
    fs::write(dir.path().join("poscare.db"), b"garbage garbage garbage").unwrap();
    let (mut store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert!(report.moved_aside.is_some());
    let offer = report
        .recovery
        .and_then(|r| r.backup)
        .expect("backup offered");
    assert_eq!(offer.path, first);
    assert_eq!(
        newest_verified_backup(&dir.path().join("backups")).map(|b| b.path),
        Some(first)
    );
    store.restore_from(&offer.path, None).unwrap();
    assert_eq!(store.devices().unwrap().len(), 1);
}

#[test]
fn check_folder_reads_without_changing_anything() {
    let dir = data_dir();
    let paths = DataPaths::new(dir.path());
    assert_eq!(
        check_folder(&paths).unwrap().verdict,
        Verdict::Empty { missing: true }
    );
    assert!(
        !dir.path().join("app.lock").exists(),
        "check creates nothing"
    );
    drop(open(dir.path()));
    assert_eq!(
        check_folder(&paths).unwrap().verdict,
        Verdict::Sound {
            version: CURRENT_VERSION
        }
    );
    let held = open(dir.path());
    assert!(matches!(
        check_folder(&paths),
        Err(OpenError::AlreadyOpen { .. })
    ));
    drop(held);
    fs::write(paths.db(), b"not a database at all").unwrap();
    assert!(matches!(
        check_folder(&paths).unwrap().verdict,
        Verdict::Damaged(_)
    ));
    assert_eq!(
        fs::read(paths.db()).unwrap(),
        b"not a database at all",
        "check moves nothing"
    );
}

/// A database whose header, id and version are fine but whose pages in the middle are garbage.
fn damaged_inside(dir: &std::path::Path) -> Vec<u8> {
    let mut store = open(dir);
    for i in 0..400 {
        let mut f = terminal(&format!("终端{i}"));
        f.notes = "备注".repeat(100);
        store.add_device(&f).unwrap();
    }
    store
        .daily_backup(chrono::Local::now().naive_local())
        .unwrap();
    drop(store);
    let db = dir.join("poscare.db");
    let mut bytes = fs::read(&db).unwrap();
    let (from, to) = (bytes.len() / 2, bytes.len() / 2 + 8192);
    for (i, b) in bytes[from..to].iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    fs::write(&db, &bytes).unwrap();
    bytes
}

#[test]
fn a_deferred_check_finds_damage_and_the_file_is_moved_aside_intact() {
    let dir = data_dir();
    let bytes = damaged_inside(dir.path());
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Deferred).unwrap();
    assert_eq!(report.moved_aside, None, "deferred: not checked yet");
    assert!(matches!(store.quick_check(), Verdict::Damaged(_)));
    let (store, report) = store.recheck().unwrap();
    let moved = report.moved_aside.unwrap();
    assert_eq!(fs::read(&moved).unwrap(), bytes);
    assert_eq!(
        report.recovery.map(|r| r.reason),
        Some(RecoveryReason::SetAside(moved))
    );
    assert!(store.devices().unwrap().is_empty());
    // A full open of a damaged file moves it aside at once.
    let dir = data_dir();
    damaged_inside(dir.path());
    let (_store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert!(report.moved_aside.is_some());
}

/// Data whose version number says older than its tables are (a hand-edited or half-made file)
/// is said plainly when opened, never as SQLite's "duplicate column name"; a verified copy taken
/// before the attempt stays in the backups folder.
#[test]
fn data_under_a_wrong_older_version_number_is_said_plainly_and_a_copy_is_kept() {
    let dir = data_dir();
    open(dir.path()).add_device(&terminal("收银台")).unwrap();
    rusqlite::Connection::open(dir.path().join("poscare.db"))
        .unwrap()
        .pragma_update(None, "user_version", CURRENT_VERSION - 1)
        .unwrap();
    let err = Store::open(DataPaths::new(dir.path()))
        .err()
        .expect("refused");
    assert!(matches!(err, OpenError::CannotUpgrade { .. }), "{err:?}");
    let said = err.message(poscare_core::i18n::Lang::Zh);
    assert!(
        said.contains("对不上") && !said.contains("duplicate"),
        "{said}"
    );
    let copies = list_backups(&dir.path().join("backups"));
    assert!(
        copies
            .iter()
            .any(|b| verify_file(&b.path).is_ok() && b.kind == BackupKind::PreMigration),
        "{copies:?}"
    );
    // The window tries again every minute (and on "Try again"): one copy of the same data is
    // enough (a tester found one at every try, enough to fill a disk in a day).
    let before_upgrade = || {
        list_backups(&dir.path().join("backups"))
            .into_iter()
            .filter(|b| b.kind == BackupKind::PreMigration)
            .count()
    };
    let taken = before_upgrade();
    for _ in 0..3 {
        assert!(Store::open(DataPaths::new(dir.path())).is_err());
    }
    assert_eq!(before_upgrade(), taken);
    // Other data under that version is copied again.
    rusqlite::Connection::open(dir.path().join("poscare.db"))
        .unwrap()
        .execute(
            "INSERT INTO device (name, kind, created_at, updated_at) \
             VALUES ('吧台', 'terminal', '2026-12-06T09:00:00', '2026-12-06T09:00:00')",
            [],
        )
        .unwrap();
    assert!(Store::open(DataPaths::new(dir.path())).is_err());
    assert_eq!(before_upgrade(), taken + 1);
}

/// Damage found after a backup to a USB stick that is newer than every backup in the data
/// folder: the offer to restore names the stick's backup (when and where, read from the file
/// set aside), so nobody takes the older one for the newest.
#[test]
fn the_recovery_offer_names_a_newer_backup_on_the_stick() {
    let dir = common::shop_with_devices(200, 300);
    let usb = data_dir();
    {
        let store = open(dir.path());
        store
            .daily_backup(chrono::Local::now().naive_local())
            .unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(1100));
    {
        let store = open(dir.path());
        store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    }
    // Damage in the devices' pages; the settings' page stays readable.
    let db = dir.path().join("poscare.db");
    let (page, size): (i64, i64) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        let root: i64 = conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'device'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size: i64 = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (root, size)
    };
    let mut bytes = fs::read(&db).unwrap();
    let at = ((page - 1) * size) as usize;
    bytes[at..at + size as usize].fill(0x5a);
    fs::write(&db, bytes).unwrap();
    let (_, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    let recovery = report.recovery.expect("the damage is offered for recovery");
    assert!(matches!(recovery.reason, RecoveryReason::SetAside(_)));
    assert!(
        recovery.backup.is_some(),
        "the folder's own backup is offered"
    );
    let (_, folder) = recovery.outside.expect("the stick's newer backup is named");
    assert_eq!(folder, usb.path().display().to_string());
}

/// A data file this account may not write (a read-only file) is said as such, never as SQLite's
/// "disk I/O error", and nothing in it changes. (Root on Linux writes read-only files anyway:
/// there the check has nothing to find, and the test says so; Windows' read-only attribute holds
/// for everyone, so the Windows run checks it.)
#[test]
fn a_read_only_data_file_is_said_plainly_and_left_as_it_is() {
    let dir = data_dir();
    open(dir.path()).add_device(&terminal("收银台")).unwrap();
    with_read_only_data_file(&dir.path().join("poscare.db"), || {
        let err = Store::open(DataPaths::new(dir.path()))
            .err()
            .expect("refused");
        assert!(matches!(err, OpenError::CannotWrite { .. }), "{err:?}");
        let said = err.message(poscare_core::i18n::Lang::Zh);
        assert!(
            said.contains("不能写入") && !said.contains("disk I/O"),
            "{said}"
        );
    });
}

/// Runs `check` on the data file `db` made read-only (then writable again), unless this account
/// writes read-only files anyway (root on Linux), which is said instead: there is nothing to
/// observe then. Asserts that nothing in the file changed.
fn with_read_only_data_file(db: &std::path::Path, check: impl FnOnce()) {
    let before = fs::read(db).unwrap();
    let mut perms = fs::metadata(db).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(db, perms.clone()).unwrap();
    if fs::OpenOptions::new().write(true).open(db).is_ok() {
        eprintln!("this account writes read-only files (root): nothing to check here");
    } else {
        check();
        assert_eq!(fs::read(db).unwrap(), before, "nothing changed");
    }
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(db, perms).unwrap();
}

/// The data file deleted while the window has it open (Linux and macOS allow it): the window
/// notices, writes the live data back under its name and goes on with it; nothing recorded before
/// or after is lost.
#[cfg(unix)]
#[test]
fn a_data_file_deleted_while_open_is_noticed_and_put_back_with_everything() {
    let dir = data_dir();
    let (mut store, _) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    store.add_device(&terminal("删之前")).unwrap();
    assert!(store.file_in_place());
    for name in ["poscare.db", "poscare.db-wal"] {
        let _ = fs::remove_file(dir.path().join(name));
    }
    goes_on_after_put_back(store, dir.path());
}

/// Only the data file deleted (`rm poscare.db`), its log left beside it: the log belongs to the
/// file that went and must not be read into the one put back (a fault tester found the put-back
/// file "malformed" at the next start, set aside, and the shop empty). The log is kept, moved
/// aside; every record is in the file put back.
#[cfg(unix)]
#[test]
fn a_data_file_deleted_without_its_log_is_put_back_whole() {
    let dir = data_dir();
    let (mut store, _) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    for n in 0..50 {
        store.add_device(&terminal(&format!("删之前{n}"))).unwrap();
    }
    assert!(
        dir.path().join("poscare.db-wal").exists(),
        "the log holds the records"
    );
    fs::remove_file(dir.path().join("poscare.db")).unwrap();
    assert!(!store.file_in_place(), "the deletion is noticed");
    store.add_device(&terminal("删之后")).unwrap();
    store.put_back().unwrap();
    store.add_device(&terminal("放回之后")).unwrap();
    drop(store);
    assert!(matches!(
        poscare_core::store::verdict::examine(
            &dir.path().join("poscare.db"),
            poscare_core::store::verdict::Depth::Full
        ),
        poscare_core::store::verdict::Verdict::Sound { .. }
    ));
    let names = common::device_names(&open(dir.path()));
    assert_eq!(names.len(), 52, "{names:?}");
    assert!(names.contains(&"放回之后".to_owned()));
}

/// Only the log (`-wal`) deleted while the window has it open (a cleaning tool taking it for a
/// leftover): the records it alone held would go with a crash, though the data file looks well
/// (a fault tester's walk lost an incident so). The window notices, copies them into the data
/// file and starts a new log; a file put under the log's name is kept aside, never read.
#[cfg(unix)]
#[test]
fn a_log_deleted_while_open_is_noticed_and_its_records_kept() {
    let dir = data_dir();
    let db = dir.path().join("poscare.db");
    let wal = dir.path().join("poscare.db-wal");
    let (mut store, _) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    store.add_device(&terminal("日志里的")).unwrap();
    assert!(store.file_in_place());
    fs::remove_file(&wal).unwrap();
    assert!(!store.file_in_place(), "the deletion is noticed");
    // What a crash now would leave: the data file alone (a copy, read as such).
    let on_disk = || {
        let crashed = data_dir();
        let copy = crashed.path().join("poscare.db");
        fs::copy(&db, &copy).unwrap();
        let conn = rusqlite::Connection::open(&copy).unwrap();
        conn.query_row("SELECT count(*) FROM device", [], |r| r.get::<_, i64>(0))
            .unwrap()
    };
    store.put_back().unwrap();
    assert!(store.file_in_place());
    assert_eq!(on_disk(), 1, "the record is in the data file");
    assert!(wal.exists(), "a new log");
    // Replaced by another file now: that file is kept aside, not read into the data.
    store.add_device(&terminal("之后的")).unwrap();
    fs::remove_file(&wal).unwrap();
    fs::write(&wal, b"not this window's log").unwrap();
    assert!(!store.file_in_place(), "the replacement is noticed");
    store.put_back().unwrap();
    assert_eq!(on_disk(), 2);
    let aside: Vec<_> = fs::read_dir(dir.path().join("damaged"))
        .unwrap()
        .map(|e| fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(aside, [b"not this window's log".to_vec()]);
    drop(store);
    assert_eq!(
        common::device_names(&open(dir.path())),
        ["之后的", "日志里的"]
    );
}

/// The data folder gone with its disk (a USB stick taken out: its mount point stays, an empty
/// folder of the PC's own disk): nothing is made there, and the window is told why; the data
/// stays with the open window.
#[cfg(unix)]
#[test]
fn a_data_folder_gone_with_its_disk_is_not_made_on_another() {
    let parent = data_dir();
    let folder = parent.path().join("stick").join("data");
    let (mut store, _) = Store::open_window(DataPaths::new(&folder), Verify::Now).unwrap();
    store.add_device(&terminal("U盘上的")).unwrap();
    fs::remove_dir_all(&folder).unwrap();
    store.pretend_opened_on_another_disk();
    let e = store.put_back().unwrap_err();
    assert_eq!(
        e,
        poscare_core::store::StoreError::Refused(poscare_core::store::Refusal::DataFolderGone)
    );
    assert!(!folder.exists(), "nothing made on the PC's own disk");
    assert!(
        e.message(poscare_core::i18n::Lang::En)
            .contains("USB stick")
    );
}

/// After the data file (or folder) went: records go on, the data is put back, records go on,
/// and all of them are there.
#[cfg(unix)]
fn goes_on_after_put_back(mut store: Store, folder: &std::path::Path) {
    assert!(!store.file_in_place(), "the deletion is noticed");
    store.add_device(&terminal("删之后")).unwrap();
    store.put_back().unwrap();
    assert!(store.file_in_place());
    store.add_device(&terminal("放回之后")).unwrap();
    drop(store);
    let names = common::device_names(&open(folder));
    assert_eq!(names, ["删之前", "删之后", "放回之后"]);
}

/// The whole data folder deleted while the window has it open: the folder comes back with the
/// live data, nothing recorded before or after is lost (a fault tester lost every record made
/// after the folder went, each said to be recorded).
#[cfg(unix)]
#[test]
fn a_data_folder_deleted_while_open_is_put_back_with_everything() {
    let parent = data_dir();
    let folder = parent.path().join("shop");
    let (mut store, _) = Store::open_window(DataPaths::new(&folder), Verify::Now).unwrap();
    store.add_device(&terminal("删之前")).unwrap();
    fs::remove_dir_all(&folder).unwrap();
    goes_on_after_put_back(store, &folder);
}

/// A read-only data file with what a crash leaves beside it (an empty `-wal`, a `-shm`): SQLite
/// then says only "disk I/O error", and the check says the lasting cause, read-only or no
/// permission, never "try again later". Nothing changes. (Root on Linux writes read-only files:
/// there is nothing to observe, and the test says so; the Windows run checks it.)
#[test]
fn a_read_only_data_file_after_a_crash_is_not_a_passing_read_error() {
    use poscare_core::store::verdict::{Depth, Unchecked, Verdict, examine};
    let dir = data_dir();
    open(dir.path()).add_device(&terminal("收银台")).unwrap();
    let db = dir.path().join("poscare.db");
    fs::write(dir.path().join("poscare.db-wal"), b"").unwrap();
    fs::write(dir.path().join("poscare.db-shm"), vec![0u8; 32768]).unwrap();
    with_read_only_data_file(&db, || match examine(&db, Depth::Quick) {
        Verdict::Sound { .. } => {}
        Verdict::CouldNotCheck(Unchecked::Io(cause)) => {
            assert!(cause.lasting().is_some(), "{cause:?}");
        }
        other => panic!("{other:?}"),
    });
}

/// While the window goes on with the last trustworthy day (the clock doubted ahead), what is
/// written carries no later time than that (a fault tester's "the clock is wrong" still dated
/// the new record next year, and that record then made the right clock look wrong).
#[test]
fn records_are_dated_no_later_than_the_cap() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let cap = chrono::NaiveDate::from_ymd_opt(2020, 1, 1)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    poscare_core::store::bound_stamps(Some(poscare_core::store::StampBound::NotAfter(cap)));
    store.add_device(&terminal("收银台")).unwrap();
    let newest = store.newest_shop_record();
    poscare_core::store::bound_stamps(None);
    assert_eq!(newest.unwrap(), Some(cap));
}

/// The clock doubted behind (a flat CMOS battery: "No, the clock is wrong"), what is written
/// carries no earlier time than the newest record: dated last year, an incident recorded today
/// was found by no filter of this month, no count and no repeat warning.
#[test]
fn records_are_dated_no_earlier_than_the_floor() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let floor = (chrono::Local::now() + chrono::Days::new(30)).naive_local();
    let floor = chrono::NaiveDateTime::new(
        floor.date(),
        chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
    );
    poscare_core::store::bound_stamps(Some(poscare_core::store::StampBound::NotBefore(floor)));
    store.add_device(&terminal("收银台")).unwrap();
    let newest = store.newest_shop_record();
    poscare_core::store::bound_stamps(None);
    assert_eq!(newest.unwrap(), Some(floor));
}

/// A folder a crash left with a `-wal` (the window killed, the stick then write-protected):
/// its data, the log's records included, is read from a private copy with the log folded in,
/// and the folder's files are left exactly as they were (a fault tester found every command
/// refusing such a stick, `backup --to` included).
#[test]
fn a_folder_left_with_a_log_is_read_whole_from_a_private_copy() {
    let dir = common::shop_with_devices(3, 300);
    let db = dir.path().join("poscare.db");
    {
        let conn = common::keeping_the_log(&db);
        conn.execute(
            "INSERT INTO setting (key, value) VALUES ('shop_name', 'only in the log')",
            [],
        )
        .unwrap();
    }
    assert!(dir.path().join("poscare.db-wal").exists(), "the log stays");
    let before = common::snapshot(dir.path());
    let elsewhere = data_dir();
    let copy = elsewhere.path().join("copy.db");
    poscare_core::store::copy_with_log(&DataPaths::new(dir.path()), &copy).unwrap();
    let store = poscare_core::store::ReadStore::open_copy(DataPaths::new(dir.path()), &copy)
        .unwrap()
        .expect("data");
    assert_eq!(
        store
            .setting(poscare_core::store::keys::SHOP_NAME)
            .unwrap()
            .as_deref(),
        Some("only in the log")
    );
    assert_eq!(store.devices().unwrap().len(), 3);
    assert!(
        common::snapshot(dir.path()) == before,
        "the folder unchanged"
    );
}

/// Retiring keeps a device's open incidents open unless asked to resolve them; resolving takes
/// only that device's open and handed-on ones, each with its "resolved" event, in the retiring's
/// transaction (a tester's handed-on one waited on Today for a unit that was gone).
#[test]
fn retiring_resolves_only_the_devices_open_incidents_when_asked() {
    use poscare_core::incident::IncidentStatus;
    let dir = data_dir();
    let mut store = open(dir.path());
    let a = store.add_device(&terminal("终端A")).unwrap();
    let b = store.add_device(&terminal("终端B")).unwrap();
    let mut add = |device: i64| {
        store
            .add_incident(&common::new_incident(device, "A0"))
            .unwrap()
    };
    let (a1, a2, b1) = (add(a), add(a), add(b));
    store
        .close_incident(a2, IncidentStatus::Escalated, "拉卡拉客服")
        .unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    store.retire_device(b, day, "坏了").unwrap();
    assert_eq!(
        store.incident(b1).unwrap().unwrap().status,
        IncidentStatus::Open
    );
    store.reinstate_device(b).unwrap();
    let n = store
        .retire_device_resolving(a, day, "银行换了新机", "设备已停用：银行换了新机")
        .unwrap();
    assert_eq!(n, 2, "the open one and the one handed on");
    let a1 = store.incident(a1).unwrap().unwrap();
    assert_eq!(
        (a1.status, a1.resolution.as_str()),
        (IncidentStatus::Resolved, "设备已停用：银行换了新机")
    );
    assert_eq!(
        store.incident(a2).unwrap().unwrap().status,
        IncidentStatus::Resolved
    );
    assert_eq!(
        store.incident(b1).unwrap().unwrap().status,
        IncidentStatus::Open
    );
}
