//! The shop's data is sacred, in the window: a read error during the background check, damage it
//! finds, files set aside earlier, an empty or missing data file, and the export that must not
//! touch the data folder (issue 9). The store-level fault tests are in `data_safety.rs`.

use crate::common;

use std::fs;
use std::path::Path;

use common::fault_vfs::{self, Op, READ_ERROR};
use common::{damaged_with_wal, data_dir, open, shop_with_a_backup, shop_with_devices, snapshot};
use egui_kittest::kittest::Queryable as _;
use poscare::files::faults::{self, Fault, Op as FileOp};
use poscare::store::{DataPaths, OpenError, RecoveryReason, Store, Verify, keys};
use poscare::ui::testing::{click, harness};

#[test]
fn a_read_error_during_the_windows_background_check_moves_nothing_and_says_so() {
    // Bigger than SQLite's page cache, so the background check really reads the file.
    let dir = shop_with_devices(1_200, 1_500);
    let db = dir.path().join("poscare.db");
    let size = fs::metadata(&db).unwrap().len();
    assert!(
        size > 4 << 20,
        "needs more pages than the cache holds: {size}"
    );
    open(dir.path()).set_setting(keys::LANGUAGE, "zh").unwrap();
    let bytes = fs::read(&db).unwrap();
    // Opening and drawing happen on this thread; the check runs on a worker: its first read fails.
    fault_vfs::fail_elsewhere(Op::Read, &db, 1, READ_ERROR);
    let h = harness(dir.path());
    assert_eq!(fault_vfs::pending(&db), 0, "the check met the fault");
    assert!(
        !dir.path().join("damaged").exists(),
        "a read error is not damage: nothing is set aside"
    );
    h.get_by_label_contains("这次没能检查数据文件");
    assert_eq!(
        h.state().devices().len(),
        1_200,
        "the shop's data is still in use"
    );
    drop(h);
    assert!(fs::read(&db).unwrap() == bytes, "the file is as it was");
}

/// A log damaged inside is said at start, with where the copy of the data and its log went.
#[test]
fn a_log_damaged_inside_is_said_at_start() {
    let dir = shop_with_a_backup();
    let db = dir.path().join("poscare.db");
    common::terminals_only_in_the_log(&db, 3);
    common::damage_the_logs_first_frame(&db);
    let h = harness(dir.path());
    h.get_by_label_contains("日志文件（-wal）中间有损坏");
    h.get_by_label_contains("damaged-log.sqlite");
}

/// Records that cannot be read for a while (a stick's bad moment) are said on Today, never shown
/// as an empty shop with its set-up steps, and read again by "Try again".
#[test]
fn records_that_cannot_be_read_are_said_never_shown_as_an_empty_shop() {
    // Bigger than SQLite's page cache, so reading the devices really reads the file.
    let dir = shop_with_devices(1_200, 1_500);
    let db = dir.path().join("poscare.db");
    open(dir.path()).set_setting(keys::LANGUAGE, "zh").unwrap();
    // (The window's connection is opened through the fault layer.)
    fault_vfs::install();
    let mut h = harness(dir.path());
    h.run();
    fault_vfs::fail(Op::Read, &db, 0, 1_000_000, READ_ERROR);
    h.state_mut().read_now();
    h.run();
    fault_vfs::clear(&db);
    h.get_by_label_contains("刚才没能读出店里的记录");
    assert!(h.query_by_label_contains("1970").is_none());
    click(&mut h, "再试一次");
    h.run();
    assert!(
        h.query_by_label_contains("刚才没能读出店里的记录")
            .is_none()
    );
    assert_eq!(h.state().devices().len(), 1_200);
}

// ---- 3. Reading never changes the folder; only the window recovers -----------------------------

#[test]
fn a_file_set_aside_earlier_is_offered_until_it_is_dealt_with() {
    let dir = shop_with_a_backup();
    // An older version's command line moved the damaged file aside and started an empty one.
    fs::create_dir_all(dir.path().join("damaged")).unwrap();
    fs::write(
        dir.path().join("damaged/poscare-20261101-093000.db"),
        b"garbage",
    )
    .unwrap();
    {
        let mut store = open(dir.path());
        store.set_setting(keys::LANGUAGE, "zh").unwrap();
    }
    let mut h = harness(dir.path());
    h.get_by_label_contains("数据文件已损坏");
    h.get_by_label_contains("poscare-20261101-093000.db");
    click(&mut h, "先用空白数据");
    assert!(h.query_by_label_contains("数据文件已损坏").is_none());
    drop(h);
    // Dealt with: not offered again.
    let h = harness(dir.path());
    assert!(h.query_by_label_contains("数据文件已损坏").is_none());
}

#[test]
fn the_offer_after_damage_restores_the_newest_good_backup_and_is_then_dealt_with() {
    let dir = shop_with_a_backup();
    fs::write(dir.path().join("poscare.db"), b"garbage garbage").unwrap();
    let mut h = harness(dir.path());
    h.get_by_label_contains("数据文件已损坏");
    // What the offered backup holds is said before it is restored.
    h.get_by_label_contains("这个备份里有：设备 1 台");
    click(&mut h, "从备份恢复");
    assert_eq!(
        h.state()
            .devices()
            .iter()
            .map(|d| d.fields.name.clone())
            .collect::<Vec<_>>(),
        ["收银台1号终端"]
    );
    drop(h);
    let h = harness(dir.path());
    assert!(
        h.query_by_label_contains("数据文件已损坏").is_none(),
        "the restored data does not offer it again"
    );
    let kept: Vec<_> = fs::read_dir(dir.path().join("damaged")).unwrap().collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept, never deleted");
}

/// Another program's database where the data file should be is set aside as it is and said
/// to be another program's, never "damaged" (a fault tester found it called damaged).
#[test]
fn another_programs_database_is_said_to_be_one_not_damaged() {
    let dir = shop_with_a_backup();
    fs::remove_file(dir.path().join("poscare.db")).unwrap();
    {
        let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
        conn.execute_batch("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL); INSERT INTO orders VALUES (1, 9.5);")
            .unwrap();
    }
    let h = harness(dir.path());
    h.get_by_label_contains("数据文件不是 POS Care 的数据");
    assert!(h.query_by_label_contains("数据文件已损坏").is_none());
    h.get_by_label_contains("这个备份里有：设备 1 台");
    drop(h);
    let kept: Vec<_> = fs::read_dir(dir.path().join("damaged")).unwrap().collect();
    assert_eq!(
        kept.len(),
        1,
        "the other program's file is kept, never deleted"
    );
}

/// The only backup is the first start's, of an empty shop: the offer says it holds nothing (a
/// fault tester restored it believing it was the shop's data).
#[test]
fn an_offered_backup_of_an_empty_shop_is_said_to_be_empty() {
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        store.set_setting(keys::LANGUAGE, "zh").unwrap();
        store
            .write_backup(
                &dir.path().join("backups"),
                poscare::store::BackupKind::Auto,
            )
            .unwrap();
    }
    fs::write(dir.path().join("poscare.db"), b"garbage garbage").unwrap();
    let h = harness(dir.path());
    h.get_by_label_contains("数据文件已损坏");
    h.get_by_label_contains("这个备份里还没有任何设备、故障、检查或员工记录");
}

// ---- 4. An empty or missing data file with backups is a loss, not a first start ----------------

#[test]
fn a_zero_byte_data_file_with_backups_offers_the_newest_backup() {
    let dir = shop_with_a_backup();
    fs::write(dir.path().join("poscare.db"), b"").unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(dir.path().join(format!("poscare.db{suffix}")));
    }
    assert!(matches!(
        Store::open(DataPaths::new(dir.path())),
        Err(OpenError::Lost { .. })
    ));
    let mut h = harness(dir.path());
    h.get_by_label("⚠ 数据文件是空的");
    click(&mut h, "从备份恢复");
    assert_eq!(h.state().devices().len(), 1);
}

#[test]
fn a_missing_data_file_with_backups_offers_the_newest_backup_until_answered() {
    let dir = shop_with_a_backup();
    fs::remove_file(dir.path().join("poscare.db")).unwrap();
    let (_, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    let recovery = report.recovery.expect("a loss to recover from");
    assert_eq!(recovery.reason, RecoveryReason::Missing);
    assert!(recovery.backup.is_some());
    // Not answered (the window was closed): offered again at the next start.
    let (_, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert_eq!(
        report.recovery.map(|r| r.reason),
        Some(RecoveryReason::Missing)
    );
    let h = harness(dir.path());
    h.get_by_label_contains("找不到数据文件");
}

#[test]
fn damage_in_an_index_found_by_the_background_check_is_rebuilt_and_the_file_kept_byte_for_byte() {
    let (dir, bytes, wal) = damaged_with_wal();
    let h = harness(dir.path());
    // The damage lies in an index: every record is kept, and no backup is offered.
    h.get_by_label_contains("全部记录已复制到新的数据文件");
    assert!(h.query_by_label_contains("数据文件已损坏").is_none());
    let moved: Vec<_> = fs::read_dir(dir.path().join("damaged"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let db = moved
        .iter()
        .find(|p| p.extension().is_some_and(|x| x == "db"))
        .unwrap();
    assert!(fs::read(db).unwrap() == bytes, "the database, unchanged");
    assert!(
        fs::read(format!("{}-wal", db.display())).unwrap() == wal,
        "the log, unchanged"
    );
}

// ---- 1. The window's export never touches the data folder, and asks before replacing ----------

fn export_to(h: &mut egui_kittest::Harness<'static, poscare::ui::app::App>, path: &Path) {
    poscare::ui::testing::type_into(h, "表格（CSV）保存到", &path.display().to_string());
    click(h, "导出表格（CSV）");
}

/// Runs frames until `text` shows (a background export finishing).
fn wait_for(h: &mut egui_kittest::Harness<'static, poscare::ui::app::App>, text: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while h.query_by_label_contains(text).is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "{text:?} never appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
}

#[test]
fn the_windows_export_refuses_the_data_folder_and_asks_before_replacing_a_file() {
    let dir = shop_with_a_backup();
    let mut h = harness(dir.path());
    click(&mut h, "维护记录");
    let before = snapshot(dir.path());
    for inside in [
        dir.path().join("poscare.db"),
        dir.path().join("history.csv"),
    ] {
        export_to(&mut h, &inside);
        h.get_by_label_contains("不能写到数据文件夹里");
        assert!(snapshot(dir.path()) == before, "{}", inside.display());
    }
    // Another program's database elsewhere is not overwritten either.
    let desk = data_dir();
    let other_db = desk.path().join("账本.db");
    common::db_from_sql(&other_db, "CREATE TABLE t (x);");
    let other_bytes = fs::read(&other_db).unwrap();
    export_to(&mut h, &other_db);
    h.get_by_label_contains("这个文件是一个数据库");
    assert!(fs::read(&other_db).unwrap() == other_bytes);

    // An ordinary file: the merchant is asked first; "cancel" keeps it.
    let sheet = desk.path().join("记录.csv");
    fs::write(&sheet, "my own notes").unwrap();
    export_to(&mut h, &sheet);
    h.get_by_label_contains("文件已经存在");
    click(&mut h, "取消");
    assert_eq!(fs::read_to_string(&sheet).unwrap(), "my own notes");
    export_to(&mut h, &sheet);
    click(&mut h, "替换");
    wait_for(&mut h, "已导出");
    assert!(fs::read(&sheet).unwrap().starts_with(b"\xEF\xBB\xBF"));
}

// ---- Issue 19: the clock and rule-breaking rows, in the window ---------------------------------

/// A shop with a daily check since a month ago, last used now.
fn shop_used_until_now() -> tempfile::TempDir {
    let dir = data_dir();
    let mut store = open(dir.path());
    store.set_setting(keys::LANGUAGE, "zh").unwrap();
    let today = chrono::Local::now().date_naive();
    store
        .add_task(
            &common::daily_backup_task(today - chrono::Days::new(30)),
            None,
        )
        .unwrap();
    store
        .plan_snapshot_recording_missed(today)
        .expect("caught up to today");
    store.note_start(common::now()).unwrap();
    dir
}

/// A clock that once ran ahead, then was set right, is behind the newest record: the day's
/// automatic backup is still made, by the clock's day (a fault tester's shop went eleven days
/// without one: the day the app went by was the newest record's, whose backup was there).
#[test]
fn a_clock_set_back_after_running_ahead_still_gets_its_daily_backup() {
    use poscare::store::{BackupKind, list_backups};
    use poscare::ui::testing::harness_with_clock;
    let dir = shop_used_until_now();
    let backups = dir.path().join("backups");
    let today = chrono::Local::now().date_naive();
    // The clock ran thirty days ahead: the window was used then, and took that day's backup.
    let ahead = common::now() + chrono::Days::new(30);
    let mut store = open(dir.path());
    store.note_start(ahead).unwrap();
    let made = store.write_backup(&backups, BackupKind::Auto).unwrap();
    drop(store);
    let stamp = |t: chrono::NaiveDateTime| t.format("%Y%m%d-%H%M%S").to_string();
    let name = format!("poscare-{}-auto.db", stamp(ahead));
    fs::rename(&made, backups.join(name)).unwrap();
    // Set right again, it is behind the newest record.
    let mut h = harness_with_clock(dir.path(), today);
    assert!(h.state().clock_doubt().is_some());
    poscare::ui::testing::settle(&mut h);
    let day = today.format("%Y%m%d").to_string();
    let taken = || {
        list_backups(&backups)
            .iter()
            .any(|b| b.kind == BackupKind::Auto && b.path.to_string_lossy().contains(&day))
    };
    assert!(
        !taken(),
        "nothing written before the clock's question is answered"
    );
    click(&mut h, "不对，电脑时钟错了（先不记录漏做的检查）");
    poscare::ui::testing::settle(&mut h);
    let listed = list_backups(&backups);
    assert!(taken(), "no automatic backup of {today}: {listed:?}");
}

/// A clock confirmed right that is behind records written while it ran ahead (a year of checks
/// recorded missed under a clock a year ahead): the window says how many are dated after today,
/// and the way back. A check of such a day done after all is recorded, not "already done".
#[test]
fn a_day_confirmed_behind_records_written_ahead_says_so() {
    use poscare::ui::testing::harness_with_clock;
    let dir = shop_used_until_now();
    let today = chrono::Local::now().date_naive();
    // Confirmed a month ahead: the month's backups recorded missed.
    let ahead = today + chrono::Days::new(30);
    let mut store = open(dir.path());
    let floor = ahead.and_hms_opt(9, 0, 0).unwrap();
    poscare::store::bound_stamps(Some(poscare::store::StampBound::NotBefore(floor)));
    store.confirm_clock(floor).unwrap();
    store.plan_snapshot_recording_missed(ahead).unwrap();
    poscare::store::bound_stamps(None);
    let written_ahead = store.records_after(common::now()).unwrap();
    assert!(written_ahead >= 30, "{written_ahead}");
    drop(store);

    let mut h = harness_with_clock(dir.path(), today);
    assert!(matches!(
        h.state().clock_doubt(),
        Some(poscare::clock::ClockJudgement::Behind { .. })
    ));
    click(&mut h, &format!("对，今天是 {}", today.format("%Y-%m-%d")));
    poscare::ui::testing::settle(&mut h);
    h.get_by_label_contains(&format!("有 {written_ahead} 条记录的日期晚于今天"));
}

/// A clock a little behind the newest backup (the same day: nothing is asked) does not say "no
/// automatic backup yet" while the backups list shows one: it is said, as later than the clock.
#[test]
fn a_backup_named_a_little_after_the_clock_is_said_not_denied() {
    use poscare::store::BackupKind;
    let now = common::now();
    if now.time() >= chrono::NaiveTime::from_hms_opt(23, 0, 0).unwrap() {
        return; // (Named after midnight it would be tomorrow's, and today's would be taken.)
    }
    let dir = shop_used_until_now();
    let backups = dir.path().join("backups");
    let store = open(dir.path());
    let made = store.write_backup(&backups, BackupKind::Auto).unwrap();
    drop(store);
    let later = now + chrono::Duration::minutes(40);
    let name = format!("poscare-{}-auto.db", later.format("%Y%m%d-%H%M%S"));
    fs::rename(&made, backups.join(name)).unwrap();
    let mut h = poscare::ui::testing::harness_on(dir.path(), None);
    poscare::ui::testing::settle(&mut h);
    assert!(h.query_by_label_contains("本机还没有自动备份").is_none());
    h.get_by_label_contains("比电脑现在的时间还晚");
}

/// With the clock a year ahead, the window asks "is today …?" before anything is written for the
/// days it skips: until answered (or when the merchant says the clock is wrong) it keeps the
/// last trustworthy day and records no missed checks; "yes" believes the clock.
#[test]
fn a_clock_a_year_ahead_is_asked_about_before_anything_is_written() {
    use poscare::ui::testing::harness_with_clock;
    let dir = shop_used_until_now();
    let today = chrono::Local::now().date_naive();
    let ahead = today + chrono::Days::new(365);
    let before = open(dir.path()).row_count("completion").unwrap();

    let mut h = harness_with_clock(dir.path(), ahead);
    assert!(h.state().clock_doubt().is_some());
    assert_eq!(h.state().today(), today, "the last trustworthy day");
    h.get_by_label_contains("请先确认今天的日期");
    assert!(
        poscare::store::list_backups(&dir.path().join("backups")).is_empty(),
        "no copy named a year ahead before the question is answered"
    );
    click(&mut h, "不对，电脑时钟错了（先不记录漏做的检查）");
    assert!(h.query_by_label_contains("请先确认今天的日期").is_none());
    assert_eq!(h.state().today(), today);
    drop(h);
    assert_eq!(
        open(dir.path()).row_count("completion").unwrap(),
        before,
        "no missed check recorded for the skipped year"
    );

    let mut h = harness_with_clock(dir.path(), ahead);
    click(&mut h, &format!("对，今天是 {}", ahead.format("%Y-%m-%d")));
    assert!(h.state().clock_doubt().is_none());
    assert_eq!(h.state().today(), ahead, "believed once confirmed");
    drop(h);
    assert!(open(dir.path()).row_count("completion").unwrap() > before);
}

/// The clock moved a year ahead while the window is open (a fault tester's jump wrote 506
/// missed checks nobody can take back): the new day is judged like a start, asked about, and
/// nothing is written for the skipped year; records stay dated no later than the last
/// trustworthy time.
#[test]
fn a_clock_moved_a_year_ahead_under_the_open_window_is_asked_about() {
    let dir = shop_used_until_now();
    let today = chrono::Local::now().date_naive();
    let before = open(dir.path()).row_count("completion").unwrap();
    let mut h = poscare::ui::testing::harness_on(dir.path(), Some(today));
    assert!(h.state().clock_doubt().is_none());
    assert!(poscare::store::stamp_bound().is_none());
    let ahead = today + chrono::Days::new(365);
    h.state_mut().move_clock_to(ahead);
    poscare::ui::testing::settle(&mut h);
    assert!(h.state().clock_doubt().is_some(), "asked about");
    assert_eq!(h.state().today(), today, "the last trustworthy day");
    h.get_by_label_contains("请先确认今天的日期");
    assert!(
        matches!(
            poscare::store::stamp_bound(),
            Some(poscare::store::StampBound::NotAfter(cap)) if cap.date() <= today
        ),
        "nothing dated in the skipped year"
    );
    // Moved again, behind the newest record (a fault tester's dialog then said "long before"):
    // judged again, and asked about as behind.
    h.state_mut().move_clock_to(today - chrono::Days::new(60));
    poscare::ui::testing::settle(&mut h);
    assert!(matches!(
        h.state().clock_doubt(),
        Some(poscare::clock::ClockJudgement::Behind { .. })
    ));
    h.get_by_label_contains("比 POS Care 里最新的记录");
    assert!(
        matches!(
            poscare::store::stamp_bound(),
            Some(poscare::store::StampBound::NotBefore(floor)) if floor.date() >= today - chrono::Days::new(1)
        ),
        "nothing dated two months back, before the newest record"
    );
    drop(h);
    poscare::store::bound_stamps(None);
    assert_eq!(
        open(dir.path()).row_count("completion").unwrap(),
        before,
        "no missed check recorded for the skipped year"
    );
}

/// A task with a garbled schedule does not stop the shop: Today shows today (never 1970-01-01),
/// the starter plan is not offered again, and the task is named for repair.
#[test]
fn a_garbled_task_is_named_and_the_rest_works() {
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        store.set_setting(keys::LANGUAGE, "zh").unwrap();
        store.set_setting(keys::STARTER_OFFERED, "done").unwrap();
        let today = chrono::Local::now().date_naive();
        store
            .add_task(&common::daily_backup_task(today), None)
            .unwrap();
        store
            .add_task(&common::daily_backup_task(today), None)
            .unwrap();
    }
    let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
    conn.execute("UPDATE task SET schedule = 'garbled' WHERE id = 1", [])
        .unwrap();
    drop(conn);
    let h = harness(dir.path());
    let app = h.state();
    assert_eq!(app.plan().today, chrono::Local::now().date_naive());
    assert_eq!(app.plan().tasks.len(), 1, "the readable task is there");
    h.get_by_label_contains("有 1 条记录读不出来");
    h.get_by_label_contains("任务 1");
}

/// The data file deleted by another program while the window is open (Linux and macOS allow
/// it): the window notices, writes its data back under the file's name, says so, and nothing
/// recorded is lost when it closes.
#[cfg(unix)]
#[test]
fn a_data_file_deleted_under_the_open_window_is_written_back() {
    let dir = common::shop_with_one_terminal(poscare::i18n::Lang::Zh);
    let mut h = harness(dir.path());
    for name in ["poscare.db", "poscare.db-wal"] {
        let _ = fs::remove_file(dir.path().join(name));
    }
    h.state_mut().look_for_data_file_now();
    h.run();
    h.get_by_label_contains("刚才被别的程序删掉或换掉了");
    assert!(dir.path().join("poscare.db").exists());
    drop(h);
    assert_eq!(open(dir.path()).devices().unwrap().len(), 1);
}

/// A window started on a data folder on a USB stick that is not plugged in says so and records
/// nothing anywhere: "Try again" makes no folder while the stick is out (a fault tester's window
/// opened a new database in the folder it was started from, and recorded the day there), and
/// opens the stick's folder once it is in.
#[test]
fn a_window_on_a_stick_not_plugged_in_waits_for_it_and_writes_nowhere_else() {
    use clap::Parser as _;
    use poscare::i18n::T;
    let root = common::data_dir();
    let stick = root.path().join("U盘");
    let named = stick.join("poscare-data");
    let cli = poscare::cli::Cli::try_parse_from([
        "poscare".as_ref(),
        "--data-dir".as_ref(),
        named.as_os_str(),
    ])
    .unwrap();
    let start = cli.window_start();
    assert!(start.paths.is_err(), "refused as the commands refuse it");
    let mut h = poscare::ui::testing::harness_started_as(&start);
    let lang = h.state().lang();
    h.get_by_label_contains(lang.t(T::FatalTitle));
    h.get_by_label_contains(&named.display().to_string());
    // Its incidents cannot be read: said so, never "no incidents yet".
    click(&mut h, lang.t(T::TabIncidents));
    h.get_by_label(lang.t(T::IncidentsUnreadable));
    assert!(h.query_by_label(lang.t(T::IncidentsNone)).is_none());
    click(&mut h, lang.t(T::TryAgain));
    h.get_by_label_contains(lang.t(T::FatalTitle));
    assert!(!stick.exists(), "nothing made while the stick is out");
    // The stick is plugged in: its folder is made and used.
    fs::create_dir(&stick).unwrap();
    click(&mut h, lang.t(T::TryAgain));
    assert!(h.query_by_label_contains(lang.t(T::FatalTitle)).is_none());
    assert!(named.join("poscare.db").exists());
}

/// A window that started while a command held its folder, with a `window.port` left by a window
/// that was killed, writes its own once it has the folder ("Try again"): the stale one sent
/// commands to a window that was gone, and the installer could not close this one.
#[test]
fn a_port_file_left_by_a_killed_window_is_written_over_once_the_folder_is_had() {
    use poscare::i18n::T;
    let dir = common::data_dir();
    let port = dir.path().join(poscare::ui::instance::PORT_FILE);
    std::fs::write(
        &port,
        format!("{} 1 0123 1\n", poscare::ui::instance::MAGIC),
    )
    .unwrap();
    let held = common::open(dir.path());
    let mut h = harness(dir.path());
    let lang = h.state().lang();
    h.get_by_label_contains(lang.t(T::FatalTitle));
    drop(held);
    click(&mut h, lang.t(T::TryAgain));
    assert!(h.query_by_label_contains(lang.t(T::FatalTitle)).is_none());
    assert!(
        poscare::ui::instance::listening_here(dir.path()),
        "{}",
        std::fs::read_to_string(&port).unwrap_or_default()
    );
}

/// A window that started while a command held its folder is asked to come forward by a second
/// start that found the folder free and gave way: it opens the folder at once (a fault tester's
/// second start opened a second, full window beside the first, left to look up prompts).
#[test]
fn a_window_asked_to_come_forward_tries_its_held_folder_at_once() {
    use poscare::i18n::T;
    let dir = common::data_dir();
    drop(common::open(dir.path()));
    let held = common::open(dir.path());
    let show = std::sync::Arc::new(poscare::ui::instance::ShowRequests::default());
    let mut h =
        poscare::ui::testing::harness_started(dir.path(), None, std::sync::Arc::clone(&show));
    let lang = h.state().lang();
    h.get_by_label_contains(lang.t(T::FatalTitle));
    // What it cannot record meanwhile names the command that holds the folder, not a window
    // to switch to (a fault tester's "switch to the window that is open", with none open).
    h.get_by_label(lang.t(T::LookupBox)).type_text("A0");
    h.run();
    click(&mut h, &format!("● {}", lang.t(T::RecordIncident)));
    let held_by = lang.fill(T::WindowHeldByCommand, &[("path", "")]);
    let said = lang.fill(T::NotRecordedWithoutData, &[("reason", &held_by)]);
    let said: Vec<&str> = said.lines().take(2).collect();
    h.get_by_label_contains(&said.join("\n"));
    drop(held);
    show.request();
    poscare::ui::testing::settle(&mut h);
    assert!(h.query_by_label_contains(lang.t(T::FatalTitle)).is_none());
    assert!(poscare::ui::instance::listening_here(dir.path()));
}

/// A window that could not write `window.port` at its start (a full disk: a fault tester's
/// commands then said "no window is open", and a second start opened a second window) writes
/// it at its next look, and removes it when it closes.
#[test]
fn a_window_that_could_not_say_where_it_listens_says_it_later() {
    let dir = common::data_dir();
    drop(common::open(dir.path()));
    let port = dir.path().join(poscare::ui::instance::PORT_FILE);
    let mut h = poscare::ui::testing::harness_listening_again(dir.path());
    h.run();
    assert!(port.exists(), "written once the window looks again");
    assert!(poscare::ui::instance::window_listening(dir.path()));
    drop(h);
    assert!(!port.exists(), "and removed when the window goes");
}

/// While `window.port` cannot be written (a full disk; here a folder in its place), the window
/// says so and listens in the temporary folder, where a second start and `poscare close` find
/// it; once the port file can be written it is, with no one touching the window, and the note
/// in the temporary folder goes (a fault tester's window stayed unreachable after the disk had
/// room again, and `close` closed a second window instead and said the app had closed).
#[test]
fn a_window_that_cannot_write_its_port_file_listens_aside_until_it_can() {
    use poscare::ui::instance;
    let dir = common::data_dir();
    drop(common::open(dir.path()));
    let port = dir.path().join(instance::PORT_FILE);
    std::fs::create_dir(&port).unwrap();
    let mut h = poscare::ui::testing::harness_listening_again(dir.path());
    h.run();
    let lang = h.state().lang();
    let said = lang.fill(poscare::i18n::T::WindowPortUnwritten, &[("detail", "")]);
    h.get_by_label_contains(said.split('：').next().unwrap().split(": ").next().unwrap());
    assert!(
        instance::listening_aside(dir.path()),
        "found through the temporary folder"
    );
    assert!(!instance::window_listening(dir.path()));

    std::fs::remove_dir(&port).unwrap();
    std::thread::sleep(poscare::ui::app::LISTEN_AGAIN_EVERY);
    h.run();
    assert!(
        instance::window_listening(dir.path()),
        "written once it can be"
    );
    assert!(
        !instance::listening_aside(dir.path()),
        "and the stand-in is gone"
    );
    drop(h);
    assert!(!port.exists());
}

/// The disk holding the data is nearly full: said over every screen, with what is left, before
/// a save is refused.
#[test]
fn a_nearly_full_disk_is_warned_over_every_screen() {
    let dir = common::shop_with_one_terminal(poscare::i18n::Lang::Zh);
    let folder = dir.path().to_string_lossy().into_owned();
    faults::inject(FileOp::Room, &folder, Fault::Free(180 << 20), 1);
    let mut h = harness(dir.path());
    h.get_by_label_contains("存放数据的磁盘只剩 180 MB 空间");
    click(&mut h, "查提示");
    h.get_by_label_contains("存放数据的磁盘只剩 180 MB 空间");
    faults::clear(&folder);
}

/// A disk whose room cannot be read is not said to be full (nothing is claimed).
#[test]
fn a_room_that_cannot_be_read_is_no_warning() {
    let dir = common::shop_with_one_terminal(poscare::i18n::Lang::Zh);
    let folder = dir.path().to_string_lossy().into_owned();
    faults::inject(FileOp::Room, &folder, Fault::Io, 1_000);
    let h = harness(dir.path());
    h.get_by_label_contains("查提示");
    assert!(h.query_by_label_contains("存放数据的磁盘").is_none());
    faults::clear(&folder);
}

/// The disk fills while the window is open: the save it refuses reads the room again at once,
/// and the warning stands over the screen (not only a toast that goes away).
#[test]
fn a_save_refused_by_a_full_disk_warns_at_once() {
    let dir = common::shop_with_one_terminal(poscare::i18n::Lang::Zh);
    let folder = dir.path().to_string_lossy().into_owned();
    // The data file is opened through the fault-injecting file layer.
    fault_vfs::install();
    let mut h = harness(dir.path());
    assert!(h.query_by_label_contains("存放数据的磁盘").is_none());
    faults::clear(&folder);
    faults::inject(FileOp::Room, &folder, Fault::Free(0), 1);
    fault_vfs::fail_under(Op::Write, dir.path(), 0, 1_000, fault_vfs::DISK_FULL);
    click(&mut h, "查提示");
    h.get_by_label("终端上显示的内容").type_text("A0");
    h.run();
    h.get_by_label("● 记录这次故障").click();
    h.run();
    h.get_by_label_contains("存放数据的磁盘快满了（不到 16 MB），新的记录随时可能存不进去");
    assert!(h.state().incidents().is_empty(), "nothing was recorded");
    fault_vfs::clear(dir.path());
    faults::clear(&folder);
}

/// A larger text size the data folder refuses to keep (a full disk) is not shown either: "nothing
/// was changed" is true, and the window's size is not saved for a zoom that is not kept (every
/// later start opened smaller).
#[test]
fn a_text_size_the_disk_refuses_is_not_shown_either() {
    let dir = data_dir();
    open(dir.path()).set_setting(keys::LANGUAGE, "en").unwrap();
    fault_vfs::install();
    let mut h = harness(dir.path());
    fault_vfs::fail_under(Op::Write, dir.path(), 0, 1_000, fault_vfs::DISK_FULL);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    poscare::ui::testing::settle(&mut h);
    h.get_by_label_contains("nothing was changed");
    assert_eq!(h.ctx.zoom_factor(), 1.0);
    fault_vfs::clear(dir.path());
    drop(h);
    assert_eq!(open(dir.path()).zoom_percent(), 100);
}
