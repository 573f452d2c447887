//! Backups as the shop uses them: the log, the last outside backup, failures recorded, restore
//! recorded in the restored data, and a backup taken while the app keeps writing.

mod common;

use std::sync::{Arc, Mutex};

use chrono::Local;
use common::{daily_backup_task, data_dir, open, terminal};
use poscare_core::i18n::Lang;
use poscare_core::planner::Outcome;
use poscare_core::store::{BackupBy, BackupKind, keys, verify_file};

#[test]
fn a_backup_to_a_usb_stick_is_logged_and_becomes_the_last_outside_backup() {
    let dir = data_dir();
    let usb = data_dir();
    let store = open(dir.path());
    let path = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    let log = store.backup_log(10).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].kind, "manual");
    assert!(log[0].ok);
    assert_eq!(log[0].path, path.display().to_string());
    assert_eq!(log[0].bytes, std::fs::metadata(&path).unwrap().len());
    let when = store.setting(keys::LAST_EXTERNAL_BACKUP).unwrap();
    assert!(when.is_some());
    // The copy carries the date of itself, so a restore on another PC knows it was backed up.
    drop(store);
    let elsewhere = data_dir();
    let mut other = open(elsewhere.path());
    other.restore_from(&path, None).unwrap();
    assert_eq!(other.setting(keys::LAST_EXTERNAL_BACKUP).unwrap(), when);
    let store = open(dir.path());
    assert_eq!(
        store.setting(keys::BACKUP_FOLDER).unwrap().as_deref(),
        Some(usb.path().display().to_string().as_str())
    );
}

/// A slow stick: the log line, the last outside backup and the file's name all say when the
/// backup began (a tester saw 00:19 on one line and 00:20 on the next for one backup).
#[test]
fn a_slow_backup_is_dated_alike_in_the_log_and_as_the_last_outside_backup() {
    use poscare_core::files::faults::{self, Fault, Op};
    let dir = data_dir();
    let usb = data_dir();
    let store = open(dir.path());
    let stick = usb.path().display().to_string();
    faults::inject(Op::Sync, &stick, Fault::Slow(1100), 1);
    store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    faults::clear(&stick);
    let log = store.backup_log(10).unwrap();
    let last = store.last_external_backup().unwrap();
    assert_eq!(Some(log[0].at), last);
}

#[test]
fn the_daily_backup_is_logged_but_is_not_an_outside_backup() {
    let dir = data_dir();
    let store = open(dir.path());
    store
        .daily_backup(chrono::Local::now().naive_local())
        .unwrap()
        .expect("today's backup");
    let log = store.backup_log(10).unwrap();
    assert_eq!(log[0].kind, "auto");
    assert_eq!(store.setting(keys::LAST_EXTERNAL_BACKUP).unwrap(), None);
}

/// A file named like today's automatic backup that is no database (left by a disk fault, or
/// by anyone) does not stand for it: the day's backup is still taken (a fault tester's junk
/// file stopped it, and the status line said it was done).
#[test]
fn a_junk_file_named_like_todays_backup_does_not_stop_it() {
    let dir = data_dir();
    let store = open(dir.path());
    // (Today by the PC's clock, which names the backups.)
    let now = chrono::Local::now().naive_local();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let junk = backups.join(format!("poscare-{}-000100-auto.db", now.format("%Y%m%d")));
    std::fs::write(&junk, vec![0x5a; 40_000]).unwrap();
    let made = store
        .daily_backup(now)
        .unwrap()
        .expect("a real backup is taken");
    assert_ne!(made, junk);
    assert!(poscare_core::store::verify_file(&made).is_ok());
    // The junk is left as it was: it is not the app's to delete.
    assert_eq!(std::fs::read(&junk).unwrap(), vec![0x5a; 40_000]);
    // Taken, the day's backup is not taken twice.
    assert_eq!(store.daily_backup(now).unwrap(), None);
}

#[test]
fn a_failed_backup_is_logged_with_its_reason_and_changes_nothing_else() {
    let dir = data_dir();
    let outside = data_dir();
    let store = open(dir.path());
    // A "folder" that is a file: nothing can be written under it.
    let blocker = outside.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let err = store
        .write_backup(&blocker.join("usb"), BackupKind::Manual)
        .unwrap_err();
    assert!(!err.message(poscare_core::i18n::Lang::Zh).is_empty());
    let log = store.backup_log(10).unwrap();
    assert_eq!(log.len(), 1);
    assert!(!log[0].ok);
    assert!(!log[0].detail.is_empty());
    assert_eq!(store.setting(keys::LAST_EXTERNAL_BACKUP).unwrap(), None);
}

/// A backup aimed where a backup may never go (the data folder, its backups folder, a database
/// file: a typo on the command line) is refused and leaves no "failed" line in the history the
/// shop keeps for years (a fault tester's typos did).
#[test]
fn a_backup_aimed_where_it_may_never_go_is_refused_and_not_recorded() {
    let dir = data_dir();
    let store = open(dir.path());
    for target in [
        dir.path().to_path_buf(),
        dir.path().join("backups"),
        dir.path().join("not-a-folder"),
    ] {
        assert!(
            store.write_backup(&target, BackupKind::Manual).is_err(),
            "{target:?}"
        );
    }
    assert!(store.backup_log(10).unwrap().is_empty());
    assert_eq!(store.history_count().unwrap(), 0);
}

#[test]
fn a_stick_that_is_not_plugged_in_gets_no_backup_on_the_pcs_disk_and_the_reason_is_kept_in_the_shops_language()
 {
    let dir = data_dir();
    let media = data_dir();
    let mut store = open(dir.path());
    store.set_setting(keys::LANGUAGE, "zh").unwrap();
    // The stick's mount point is gone; making the whole path would put the copy on this disk.
    let target = media.path().join("STICK").join("备份");
    let err = store.write_backup(&target, BackupKind::Manual).unwrap_err();
    assert!(
        err.message(Lang::Zh).contains("U 盘插好了吗"),
        "{}",
        err.message(Lang::Zh)
    );
    assert!(!media.path().join("STICK").exists(), "no folder was made");
    let log = store.backup_log(10).unwrap();
    assert_eq!(log.len(), 1);
    assert!(!log[0].ok);
    assert!(log[0].detail.contains("U 盘插好了吗"), "{}", log[0].detail);
    assert_eq!(store.setting(keys::LAST_EXTERNAL_BACKUP).unwrap(), None);
}

#[test]
fn a_restore_is_recorded_in_the_restored_data() {
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("一号机")).unwrap();
    let file = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    store.add_device(&terminal("二号机")).unwrap();
    store.restore_from(&file, None).unwrap();
    assert_eq!(common::device_names(&store), ["一号机"]);
    let log = store.backup_log(10).unwrap();
    assert_eq!(log[0].kind, "restored");
    assert_eq!(log[0].path, file.display().to_string());
}

#[test]
fn restoring_a_usb_backup_keeps_its_line_in_the_log_and_the_backup_task_it_completed() {
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    let now = Local::now().naive_local();
    let task = store
        .add_task(&daily_backup_task(now.date()), None)
        .unwrap();
    let by = BackupBy {
        at: now,
        done_by: None,
        lang: Lang::Zh,
    };
    let backup = store.back_up_outside(usb.path(), &by).unwrap();
    assert_eq!(backup.recorded.unwrap(), 1);
    let done = store.latest_records().unwrap()[&task].clone();
    assert_eq!((done.due, done.outcome), (now.date(), Outcome::Ok));
    let file = backup.path.display().to_string();

    // Work goes on after the backup; then the shop goes back to the USB stick's copy.
    store.add_device(&terminal("二号机")).unwrap();
    store.restore_from(&backup.path, None).unwrap();
    assert!(common::device_names(&store).is_empty(), "the backup's data");
    let log = store.backup_log(10).unwrap();
    let lines: Vec<(&str, &str)> = log
        .iter()
        .map(|l| (l.kind.as_str(), l.path.as_str()))
        .collect();
    assert_eq!(lines[0], ("restored", file.as_str()));
    assert!(
        lines.contains(&("manual", file.as_str())),
        "the backup restored from is still in the log: {lines:?}"
    );
    let kept = &store.latest_records().unwrap()[&task];
    assert_eq!(
        (kept.due, kept.outcome, &kept.note),
        (done.due, done.outcome, &done.note)
    );
    assert!(store.setting(keys::LAST_EXTERNAL_BACKUP).unwrap().is_some());
}

/// The weekly backup made the day before it is due is that week's: the task is not "due
/// today" the morning after (a café owner's walk).
#[test]
fn a_backup_the_day_before_the_weekly_backup_is_due_completes_it() {
    use poscare_core::planner::{Schedule, TaskSchedule};
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    let now = Local::now().naive_local();
    let tomorrow = now.date() + chrono::Days::new(1);
    let mut weekly = daily_backup_task(tomorrow);
    weekly.schedule = TaskSchedule::new(Schedule::EveryWeeks(1), tomorrow);
    let task = store.add_task(&weekly, None).unwrap();
    let by = BackupBy {
        at: now,
        done_by: None,
        lang: Lang::En,
    };
    let backup = store.back_up_outside(usb.path(), &by).unwrap();
    assert_eq!(backup.recorded.unwrap(), 1);
    let done = store.latest_records().unwrap()[&task].clone();
    assert_eq!((done.due, done.outcome), (tomorrow, Outcome::Ok));
}

#[test]
fn a_backup_made_before_the_plan_starts_completes_nothing_and_still_stands() {
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    let now = Local::now().naive_local();
    store
        .add_task(&daily_backup_task(now.date()), None)
        .unwrap();
    // A day before the plan started: nothing is due, nothing is completed, the backup is made.
    let by = BackupBy {
        at: now - chrono::Duration::days(3),
        done_by: None,
        lang: Lang::En,
    };
    let backup = store.back_up_outside(usb.path(), &by).unwrap();
    assert_eq!(backup.recorded.unwrap(), 0);
    assert!(verify_file(&backup.path).is_ok());
}

#[test]
fn backups_taken_while_the_app_is_writing_are_each_whole_and_verified() {
    let dir = data_dir();
    let usb = data_dir();
    let store = Arc::new(Mutex::new(open(dir.path())));
    const WRITES: i64 = 200;
    let writer = {
        let store = Arc::clone(&store);
        std::thread::spawn(move || {
            for i in 0..WRITES {
                let mut s = store.lock().unwrap();
                s.add_device(&terminal(&format!("终端{i}"))).unwrap();
            }
        })
    };
    let mut files = Vec::new();
    while !writer.is_finished() || files.len() < 3 {
        {
            let s = store.lock().unwrap();
            files.push(s.write_backup(usb.path(), BackupKind::Manual).unwrap());
        }
        // Let the writer get ahead between backups, as a shop's clicks would.
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    writer.join().unwrap();
    files.push(
        store
            .lock()
            .unwrap()
            .write_backup(usb.path(), BackupKind::Manual)
            .unwrap(),
    );
    let mut previous = 0;
    for file in &files {
        assert_eq!(verify_file(file), Ok(poscare_core::store::CURRENT_VERSION));
        let conn = rusqlite::Connection::open(file).unwrap();
        let devices: i64 = conn
            .query_row("SELECT count(*) FROM device", [], |r| r.get(0))
            .unwrap();
        let events: i64 = conn
            .query_row("SELECT count(*) FROM device_event", [], |r| r.get(0))
            .unwrap();
        assert_eq!(devices, events, "each device with its event: no half write");
        assert!(devices >= previous && devices <= WRITES);
        previous = devices;
    }
    let last = files.last().unwrap();
    let conn = rusqlite::Connection::open(last).unwrap();
    let devices: i64 = conn
        .query_row("SELECT count(*) FROM device", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        devices, WRITES,
        "the last backup, after the writer, has every write"
    );
}

#[test]
fn a_backup_is_inspected_before_a_restore_without_changing_it() {
    use poscare_core::store::{VerifyError, inspect_backup};
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("一号机")).unwrap();
    store.add_device(&terminal("二号机")).unwrap();
    let file = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    // The shop's own records: the backup's line in the log, written after the copy (a second
    // later, now and then), is no record of the copy's.
    let newest = store.newest_shop_record().unwrap();
    drop(store);
    let before = std::fs::read(&file).unwrap();
    let contents = inspect_backup(&file).unwrap();
    assert_eq!(
        (
            contents.devices,
            contents.incidents,
            contents.completions,
            contents.staff
        ),
        (2, 0, 0, 0)
    );
    assert_eq!(contents.newest, newest);
    assert!(contents.newest.is_some());
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the file is unchanged"
    );
    let siblings: Vec<_> = std::fs::read_dir(usb.path()).unwrap().collect();
    assert_eq!(siblings.len(), 1, "no -wal or -shm left beside it");

    let garbage = usb.path().join("照片.db");
    std::fs::write(&garbage, "这不是数据库".repeat(500)).unwrap();
    assert_eq!(inspect_backup(&garbage), Err(VerifyError::NotADatabase));
    let empty = usb.path().join("拔早了.db");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(inspect_backup(&empty), Err(VerifyError::EmptyFile));
    let missing = usb.path().join("没有这个.db");
    assert_eq!(inspect_backup(&missing), Err(VerifyError::NotFound));
}

/// Restoring an older backup again and again (the wrong file from the stick, then another, then
/// "once more to be sure") never thins away the copy of the data as it was before the first
/// restore: a restored backup is as old as its data, whatever its "restored" log line says.
#[test]
fn restoring_an_old_backup_again_and_again_keeps_the_copy_of_the_newest_data() {
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("终端1")).unwrap();
    let old = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    // The old backup's records are from last week.
    let conn = rusqlite::Connection::open(&old).unwrap();
    conn.execute(
        "UPDATE device SET created_at = '2026-11-28T09:00:00', updated_at = '2026-11-28T09:00:00'",
        [],
    )
    .unwrap();
    conn.execute("UPDATE history SET at = '2026-11-28T09:00:00'", [])
        .unwrap();
    drop(conn);
    // Today's work, in the data only.
    store.add_device(&terminal("今天新登记的终端")).unwrap();
    // A second apart, as a person does it: each "restored" line is newer than today's work.
    for _ in 0..4 {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        store.restore_from(&old, None).unwrap();
    }
    assert!(
        a_backup_holds_device(dir.path(), "今天新登记的终端"),
        "the copy of today's data was thinned away"
    );
}

/// Whether a backup in the data folder `dir`'s `backups/` holds a device called `name`.
fn a_backup_holds_device(dir: &std::path::Path, name: &str) -> bool {
    poscare_core::store::list_backups(&dir.join("backups"))
        .iter()
        .any(|b| {
            let conn = rusqlite::Connection::open(&b.path).unwrap();
            conn.query_row("SELECT count(*) FROM device WHERE name = ?1", [name], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
                > 0
        })
}

/// The data file itself (or its log) is no backup: restoring from it is refused before
/// anything is copied, made or logged, whatever path names it.
#[test]
fn the_data_file_itself_is_refused_as_a_backup() {
    let dir = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("一号机")).unwrap();
    let db = dir.path().join("poscare.db");
    let roundabout = dir.path().join("backups").join("..").join("poscare.db");
    std::fs::create_dir_all(dir.path().join("backups")).unwrap();
    for file in [&db, &roundabout] {
        let err = store.restore_from(file, None).unwrap_err();
        assert!(
            err.restore_message(Lang::Zh).contains("正在用的数据文件"),
            "{file:?}: {}",
            err.restore_message(Lang::Zh)
        );
    }
    assert!(poscare_core::store::list_backups(&dir.path().join("backups")).is_empty());
    assert!(store.backup_log(10).unwrap().is_empty());
    assert!(!dir.path().join("staging").exists());
    assert_eq!(common::device_names(&store), ["一号机"]);
}

/// Data with no shop record but the record of a backup to a stick is still backed up before a
/// restore replaces it: that line is what a later offer names as the newer copy.
#[test]
fn the_record_of_a_stick_backup_is_kept_by_a_before_restore_copy() {
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    let blank = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    assert!(store.holds_records().unwrap());
    store.restore_from(&blank, None).unwrap();
    let copies = poscare_core::store::list_backups(&dir.path().join("backups"));
    assert!(
        copies.iter().any(|b| b.kind == BackupKind::PreRestore),
        "{copies:?}"
    );
}

/// Data that cannot be written (a write-protected stick) is copied off as a verified backup
/// through the reading store, which changes nothing in the data folder and records nothing.
#[test]
fn data_that_cannot_be_written_can_still_be_copied_off() {
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("收银台1号")).unwrap();
    drop(store);
    let listing = |p: &std::path::Path| {
        let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect();
        all.sort();
        all
    };
    let before = listing(dir.path());
    let paths = poscare_core::store::DataPaths::new(dir.path());
    let reading = poscare_core::store::ReadStore::open(paths)
        .unwrap()
        .unwrap();
    let copy = reading
        .back_up_read_only(usb.path(), Local::now().naive_local())
        .unwrap();
    drop(reading);
    assert!(verify_file(&copy).is_ok());
    assert_eq!(
        listing(dir.path()),
        before,
        "nothing in the data folder changed"
    );
    // The copy holds the shop's data.
    let restored = data_dir();
    let mut other = open(restored.path());
    other.restore_from(&copy, None).unwrap();
    assert_eq!(other.devices().unwrap().len(), 1);
}

/// Restoring an old backup again and again: the copy of the data each restore replaced is kept,
/// though it holds older records than the copies before it (by content alone, the copy just
/// made was the first to be thinned, while the message said it was kept).
#[test]
fn the_copy_a_restore_just_made_is_never_thinned_away() {
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("终端1")).unwrap();
    let old = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    store.add_device(&terminal("终端2")).unwrap();
    // Copies of newer data, taken before earlier restores.
    for _ in 0..3 {
        store
            .write_backup(&dir.path().join("backups"), BackupKind::PreRestore)
            .unwrap();
    }
    for round in 0..3 {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let before = store
            .restore_from(&old, None)
            .unwrap()
            .expect("data to keep");
        assert!(before.exists(), "round {round}: the copy just made is kept");
        if round > 0 {
            // (Its records are the old backup's: older than the copies before it.)
            let held = poscare_core::store::inspect_backup(&before).unwrap();
            assert_eq!(held.devices, 1, "round {round}");
        }
    }
}

/// Restoring several backups newer than the data, one after another (from another PC, or trying
/// stick backups to find the right one): the copy of the data as it was before the first restore
/// is kept, though it is the oldest copy by its records and by when it was taken (a fault tester
/// lost it at the fourth restore).
#[test]
fn restoring_newer_backups_one_after_another_keeps_the_data_before_the_first() {
    let dir = data_dir();
    let usb = data_dir();
    let other_pc = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("原来这台电脑的终端")).unwrap();
    let mut other = open(other_pc.path());
    let mut newer = Vec::new();
    for n in 0..4 {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        other
            .add_device(&terminal(&format!("另一台电脑的终端{n}")))
            .unwrap();
        newer.push(other.write_backup(usb.path(), BackupKind::Manual).unwrap());
    }
    drop(other);
    for file in &newer {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        store.restore_from(file, None).unwrap();
    }
    assert!(
        a_backup_holds_device(dir.path(), "原来这台电脑的终端"),
        "the copy of the data before the first restore is gone"
    );
}

/// Restoring a backup that holds no records (the first start's automatic one) again and again:
/// each restore copies the data it replaces, at first the shop's real data, then nothing; the
/// copies of nothing never push the copy of the real data out (a fault tester lost it at the
/// fourth restore).
#[test]
fn restoring_an_empty_backup_again_and_again_keeps_the_real_data() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let empty = store
        .write_backup(&dir.path().join("backups"), BackupKind::Auto)
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    store.add_device(&terminal("终端1")).unwrap();
    store.add_device(&terminal("终端2")).unwrap();
    for round in 0..5 {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        store.restore_from(&empty, None).unwrap();
        let kept = poscare_core::store::list_backups(&dir.path().join("backups"))
            .into_iter()
            .filter(|b| b.kind == BackupKind::PreRestore)
            .filter_map(|b| poscare_core::store::inspect_backup(&b.path).ok())
            .any(|held| held.devices == 2);
        assert!(kept, "round {round}: the copy of the real data is gone");
    }
}

/// What is restored is what was checked and described: a file that changed after it was
/// described (another stick put in under the same name) is refused, and the data is unchanged.
/// (Found by a tester: the window restored an empty shop after saying "1 device".)
#[test]
fn a_backup_that_changed_after_it_was_described_is_not_restored() {
    use poscare_core::store::{BackupError, VerifyError, inspect_backup};
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("一号机")).unwrap();
    let file = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    let described = inspect_backup(&file).unwrap();
    assert_eq!(described.devices, 1);
    // Another file under the same name: a backup of an empty shop.
    let empty_dir = data_dir();
    let empty = open(empty_dir.path());
    let other = empty.write_backup(usb.path(), BackupKind::Manual).unwrap();
    std::fs::rename(&other, &file).unwrap();
    store.add_device(&terminal("二号机")).unwrap();
    let err = store.restore_from(&file, Some(&described)).unwrap_err();
    assert!(
        matches!(err, BackupError::Verify(VerifyError::Changed)),
        "{err:?}"
    );
    assert_eq!(common::device_names(&store), ["一号机", "二号机"]);
    assert!(
        err.restore_message(Lang::En)
            .contains("changed after it was checked")
    );
    // Checked again, it is what is restored.
    let again = inspect_backup(&file).unwrap();
    store.restore_from(&file, Some(&again)).unwrap();
    assert!(common::device_names(&store).is_empty());
}

/// A backup another program added a trigger to is not restored: it would run on every write
/// of the shop's (a tester's blocked every incident), and "restored" would be said while the
/// restore's own line was never written. The data is unchanged. A table another program added
/// is inert (the app never reads it): such a backup restores, the table carried along.
#[test]
fn a_backup_with_a_trigger_added_by_another_program_is_not_restored_one_with_a_table_is() {
    use poscare_core::store::{BackupError, VerifyError};
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("一号机")).unwrap();
    let file = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    let edited = |i: usize, extra: &str| {
        let edited = usb.path().join(format!("edited-{i}.db"));
        std::fs::copy(&file, &edited).unwrap();
        rusqlite::Connection::open(&edited)
            .unwrap()
            .execute_batch(extra)
            .unwrap();
        edited
    };
    let trigger = edited(
        0,
        "CREATE TRIGGER zz_block BEFORE INSERT ON incident BEGIN SELECT raise(ABORT, 'blocked'); END",
    );
    assert!(matches!(verify_file(&trigger), Err(VerifyError::Edited(_))));
    let err = store.restore_from(&trigger, None).unwrap_err();
    match &err {
        BackupError::Verify(VerifyError::Edited(part)) => assert!(part.contains("zz_"), "{part}"),
        other => panic!("{other:?}"),
    }
    assert!(
        err.restore_message(Lang::En)
            .contains("another program changed it")
    );
    assert_eq!(common::device_names(&store), ["一号机"]);
    let table = edited(
        1,
        "CREATE TABLE zz_extra (x); INSERT INTO zz_extra VALUES ('technician');",
    );
    assert!(verify_file(&table).is_ok());
    store.restore_from(&table, None).unwrap();
    assert_eq!(common::device_names(&store), ["一号机"]);
    store.restore_from(&file, None).unwrap();
}

/// Data another program added a trigger to makes no backup that is called good: the copy would
/// be refused when it is needed, so it is refused when it is made, and nothing is written.
#[test]
fn data_with_a_trigger_another_program_added_makes_no_verified_backup() {
    use poscare_core::store::{BackupError, VerifyError};
    let dir = data_dir();
    let usb = data_dir();
    open(dir.path()).add_device(&terminal("一号机")).unwrap();
    rusqlite::Connection::open(dir.path().join("poscare.db"))
        .unwrap()
        .execute_batch("CREATE TRIGGER zz_evil AFTER INSERT ON backup_log BEGIN DELETE FROM incident_event; END")
        .unwrap();
    let store = open(dir.path());
    match store.write_backup(usb.path(), BackupKind::Manual) {
        Err(BackupError::Verify(VerifyError::Edited(part))) => assert!(part.contains("zz_evil")),
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read_dir(usb.path()).unwrap().flatten().count(), 0);
}

/// One record that breaks the rules (a time "x", written by another program) does not hide how
/// new a backup's real records are: a tester's backup was said to hold "no newest record" and
/// to wipe everything.
#[test]
fn a_broken_time_does_not_hide_a_backups_newest_record() {
    use poscare_core::store::inspect_backup;
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("一号机")).unwrap();
    let file = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    let newest = inspect_backup(&file).unwrap().newest;
    assert!(newest.is_some());
    rusqlite::Connection::open(&file)
        .unwrap()
        .execute_batch(
            "PRAGMA ignore_check_constraints = 1; \
             INSERT INTO device (name, kind, created_at, updated_at) VALUES ('', 'spaceship', 'x', 'y');",
        )
        .unwrap();
    assert_eq!(inspect_backup(&file).unwrap().newest, newest);
}

/// A backup to a stick voided in the history ("wrong stick, it was empty") no longer counts as
/// the last one: the one before it does, or none, and Today reminds again (a tester voided the
/// only one and Today still said it was backed up today).
#[test]
fn a_voided_backup_to_a_stick_no_longer_counts() {
    use poscare_core::history::{Filter, Kind};
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    let by = |at| BackupBy {
        at,
        done_by: None,
        lang: Lang::Zh,
    };
    let first_at = Local::now().naive_local() - chrono::TimeDelta::seconds(5);
    store.back_up_outside(usb.path(), &by(first_at)).unwrap();
    let first = store.last_external_backup().unwrap().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    store
        .back_up_outside(usb.path(), &by(Local::now().naive_local()))
        .unwrap();
    let second = store.last_external_backup().unwrap().unwrap();
    assert!(second > first);
    let backups = |store: &poscare_core::store::Store| {
        let ids = store.history_ids(&Filter::default()).unwrap();
        let mut entries = store.history_entries(&ids).unwrap();
        entries.retain(|e| e.kind == Kind::Backup && e.source == "backup_log");
        entries
    };
    let entries = backups(&store);
    assert_eq!(entries.len(), 2, "{entries:?}");
    // Newest first: the second backup goes, the first counts again.
    store
        .void_history(entries[0].id, "插错了 U 盘，是空的")
        .unwrap();
    assert_eq!(store.last_external_backup().unwrap(), Some(first));
    store.void_history(entries[1].id, "也是空的").unwrap();
    assert_eq!(store.last_external_backup().unwrap(), None);
}

/// A restore the data folder's disk has no room for is refused before anything is written, and
/// says how much it needs and how much is free (not "the disk is full" with room to spare).
#[test]
fn a_restore_without_room_for_it_says_how_much_it_needs() {
    use poscare_core::files::faults::{self, Fault, Op};
    use poscare_core::store::BackupError;
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("一号机")).unwrap();
    let file = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    store.add_device(&terminal("二号机")).unwrap();
    let folder = dir.path().to_string_lossy().into_owned();
    faults::inject(Op::Room, &folder, Fault::Free(1024), 1);
    let err = store.restore_from(&file, None).unwrap_err();
    faults::clear(&folder);
    assert!(
        matches!(err, BackupError::NoRoom { free: 1024, .. }),
        "{err:?}"
    );
    let said = err.restore_message(Lang::En);
    assert!(
        said.contains("needs about") && said.contains("1 KB is free"),
        "{said}"
    );
    assert_eq!(
        common::device_names(&store),
        ["一号机", "二号机"],
        "unchanged"
    );
    assert!(!dir.path().join("staging").exists(), "nothing written");
    // With room, it goes through.
    store.restore_from(&file, None).unwrap();
    assert_eq!(common::device_names(&store), ["一号机"]);
}
