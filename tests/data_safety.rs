//! The shop's data is sacred: fault tests for every path that could overwrite, hide or set aside a
//! good database (issue 9). Faults are injected in-process: SQLite's reads, writes and opens
//! through a wrapping VFS (`common::fault_vfs`), the app's own file operations through the
//! `files::faults` seam, and the clock through the `now` the store is given.

mod common;

use std::fs;
use std::path::Path;

use common::fault_vfs::{self, DISK_FULL, Op, READ_ERROR};
use common::{damage_middle, data_dir, open, shop_with_devices, snapshot, terminal};
use egui_kittest::kittest::Queryable as _;
use poscare::store::{
    BackupError, BackupKind, DataPaths, OpenError, RecoveryReason, Store, Unchecked, Verdict,
    Verify, check_folder, keys, list_backups,
};
use poscare::ui::testing::{click, harness};

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// A shop in Chinese with one terminal and today's automatic backup.
fn shop_with_a_backup() -> tempfile::TempDir {
    let dir = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("收银台1号终端")).unwrap();
    store.set_setting(keys::LANGUAGE, "zh").unwrap();
    store.daily_backup(now()).unwrap();
    dir
}

// ---- 2. A transient read error is "could not check", never damage ----------------------------

#[test]
fn a_read_error_while_a_command_opens_the_data_moves_nothing() {
    let dir = shop_with_devices(400, 300);
    let db = dir.path().join("poscare.db");
    let before = snapshot(dir.path());
    // The 11th page read (inside the quick check) fails once, as a bad moment on the disk would.
    fault_vfs::fail(Op::Read, &db, 10, 1, READ_ERROR);
    let err = Store::open(DataPaths::new(dir.path()))
        .err()
        .expect("a check that could not read is not a pass");
    assert!(
        matches!(err, OpenError::CouldNotCheck { .. }),
        "could not check, not damaged: {err:?}"
    );
    assert_eq!(fault_vfs::pending(&db), 0, "the fault happened");
    assert!(
        snapshot(dir.path()) == before,
        "nothing moved, nothing changed"
    );
    // The next try, with the disk fine again, opens the same data.
    assert_eq!(common::device_names(&open(dir.path())).len(), 400);
}

#[test]
fn a_read_error_while_the_window_opens_the_data_moves_nothing() {
    let dir = shop_with_devices(400, 300);
    let db = dir.path().join("poscare.db");
    let before = snapshot(dir.path());
    fault_vfs::fail(Op::Read, &db, 10, 1, READ_ERROR);
    let err = Store::open_window(DataPaths::new(dir.path()), Verify::Now)
        .err()
        .expect("could not check");
    assert!(matches!(err, OpenError::CouldNotCheck { .. }), "{err:?}");
    assert!(snapshot(dir.path()) == before, "nothing changed");
    assert!(!dir.path().join("damaged").exists());
}

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
        h.state().devices().devices().count(),
        1_200,
        "the shop's data is still in use"
    );
    drop(h);
    assert!(fs::read(&db).unwrap() == bytes, "the file is as it was");
}

#[test]
fn a_busy_file_is_could_not_check() {
    let dir = shop_with_devices(20, 300);
    let db = dir.path().join("poscare.db");
    // Another program holds the database (with its write-ahead log) exclusively.
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
    other
        .pragma_update(None, "locking_mode", "EXCLUSIVE")
        .unwrap();
    other.execute_batch("BEGIN EXCLUSIVE; COMMIT;").unwrap();
    other
        .execute("INSERT INTO setting (key, value) VALUES ('x', 'y')", [])
        .unwrap();
    assert_eq!(
        poscare::store::verdict::examine(&db, poscare::store::Depth::Quick),
        Verdict::CouldNotCheck(Unchecked::Busy)
    );
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
    click(&mut h, "从备份恢复");
    assert_eq!(
        h.state()
            .devices()
            .devices()
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
    assert_eq!(h.state().devices().devices().count(), 1);
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

// ---- 5. A moved clock never thins away the automatic backups -----------------------------------

/// `n` automatic backups, one a day ending today, each a copy of a real verified backup.
fn daily_backups(n: u64) -> (tempfile::TempDir, Vec<std::path::PathBuf>) {
    let dir = data_dir();
    let store = open(dir.path());
    let first = store
        .write_backup(&dir.path().join("backups"), BackupKind::Auto)
        .unwrap();
    drop(store);
    let bytes = fs::read(&first).unwrap();
    fs::remove_file(&first).unwrap();
    let today = chrono::Local::now().date_naive();
    let paths: Vec<_> = (0..n)
        .map(|d| {
            let day = today - chrono::Days::new(d + 1);
            let path = dir.path().join(format!(
                "backups/poscare-{}-090000-auto.db",
                day.format("%Y%m%d")
            ));
            fs::write(&path, &bytes).unwrap();
            path
        })
        .collect();
    (dir, paths)
}

fn autos(dir: &Path) -> Vec<std::path::PathBuf> {
    list_backups(&dir.join("backups"))
        .into_iter()
        .filter(|b| b.kind == BackupKind::Auto)
        .map(|b| b.path)
        .collect()
}

#[test]
fn a_clock_a_year_ahead_keeps_the_newest_seven_automatic_backups() {
    let (dir, made) = daily_backups(34);
    let store = open(dir.path());
    let a_year_ahead = now() + chrono::Days::new(365);
    store.daily_backup(a_year_ahead).unwrap();
    let left = autos(dir.path());
    assert!(left.len() >= 7, "only {} left", left.len());
    for newest in &made[..6] {
        assert!(newest.exists(), "{} thinned away", newest.display());
    }
}

#[test]
fn the_last_verified_backup_older_than_the_newest_is_never_thinned() {
    let (dir, made) = daily_backups(40);
    // Every copy but the one from 30 days ago is damaged.
    for (i, path) in made.iter().enumerate() {
        if i != 29 {
            fs::write(path, b"SQLite format 3\0 but nothing else").unwrap();
        }
    }
    let store = open(dir.path());
    store.daily_backup(now() + chrono::Days::new(365)).unwrap();
    assert!(made[29].exists(), "the only good older backup stays");
}

#[test]
fn backups_dated_after_a_clock_that_went_back_are_all_kept() {
    let (dir, made) = daily_backups(20);
    // Two the same day, as after a second start.
    let extra = dir.path().join(format!(
        "backups/poscare-{}-180000-auto.db",
        (chrono::Local::now().date_naive() - chrono::Days::new(15)).format("%Y%m%d")
    ));
    fs::copy(&made[0], &extra).unwrap();
    let store = open(dir.path());
    store.daily_backup(now() - chrono::Days::new(365)).unwrap();
    assert!(made.iter().all(|p| p.exists()) && extra.exists());
}

// ---- 6. A damaged file moves aside with its -wal, byte for byte --------------------------------

/// A damaged database whose last commits are still in its `-wal` (as after a power cut).
fn damaged_with_wal() -> (tempfile::TempDir, Vec<u8>, Vec<u8>) {
    let dir = shop_with_devices(400, 300);
    let db = dir.path().join("poscare.db");
    {
        let mut store = open(dir.path());
        store.set_setting(keys::LANGUAGE, "zh").unwrap();
        store.daily_backup(now()).unwrap();
    }
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
            .unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        for i in 0..20 {
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?1, 'kept in the log')",
                [format!("k{i}")],
            )
            .unwrap();
        }
    }
    let wal = fs::read(dir.path().join("poscare.db-wal")).expect("the log is still there");
    assert!(!wal.is_empty());
    let bytes = damage_middle(&db);
    (dir, bytes, wal)
}

#[test]
fn a_damaged_file_is_set_aside_with_its_wal_byte_for_byte() {
    let (dir, bytes, wal) = damaged_with_wal();
    let (_store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    let moved = report.moved_aside.expect("set aside");
    assert!(
        fs::read(&moved).unwrap() == bytes,
        "the database, unchanged"
    );
    let moved_wal = fs::read(format!("{}-wal", moved.display())).expect("its log went along");
    assert!(moved_wal == wal, "the log, unchanged");
}

#[test]
fn damage_found_by_the_background_check_sets_the_file_aside_with_its_wal_byte_for_byte() {
    let (dir, bytes, wal) = damaged_with_wal();
    let h = harness(dir.path());
    h.get_by_label_contains("数据文件已损坏");
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

// ---- 7. check tells each state truly -------------------------------------------------------------

#[test]
fn check_on_a_full_disk_still_reads_and_says_ok() {
    let dir = shop_with_devices(50, 300);
    let db = dir.path().join("poscare.db");
    // Nothing may be created on this disk: a check that needs a -wal or -shm file would fail.
    for suffix in ["-wal", "-shm"] {
        fault_vfs::fail(
            Op::Open,
            &dir.path().join(format!("poscare.db{suffix}")),
            0,
            100,
            DISK_FULL,
        );
    }
    let found = check_folder(&DataPaths::new(dir.path())).unwrap();
    assert!(
        matches!(found.verdict, Verdict::Sound { .. }),
        "{:?}",
        found.verdict
    );
    for suffix in ["-wal", "-shm"] {
        fault_vfs::clear(&dir.path().join(format!("poscare.db{suffix}")));
    }
    assert!(db.exists());
}

#[test]
fn check_with_a_read_error_says_it_could_not_check() {
    let dir = shop_with_devices(400, 300);
    let db = dir.path().join("poscare.db");
    fault_vfs::fail(Op::Read, &db, 10, 1, READ_ERROR);
    let found = check_folder(&DataPaths::new(dir.path())).unwrap();
    assert!(
        matches!(found.verdict, Verdict::CouldNotCheck(Unchecked::Io(_))),
        "{:?}",
        found.verdict
    );
}

// ---- 8. Leftovers of interrupted work are cleared at start -------------------------------------

#[test]
fn leftovers_of_a_killed_restore_and_backup_are_cleared_at_start() {
    let dir = shop_with_a_backup();
    let staging = dir.path().join("staging");
    fs::create_dir_all(&staging).unwrap();
    let incoming = staging.join("incoming-20261101093000-0.db");
    fs::write(&incoming, vec![7u8; 1 << 20]).unwrap();
    let half_backup = dir
        .path()
        .join("backups/.poscare-20261101-093000-before-restore.db.tmp");
    fs::write(&half_backup, vec![7u8; 1 << 20]).unwrap();
    let mine = staging.join("notes.txt");
    fs::write(&mine, "not ours to remove").unwrap();
    drop(Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap());
    assert!(!incoming.exists() && !half_backup.exists());
    assert!(mine.exists(), "only what the app itself leaves behind goes");
}

// ---- 9. The reminder is not silenced by a crash ------------------------------------------------

#[test]
fn a_crash_before_the_usb_backup_has_its_name_leaves_the_reminder_on() {
    use poscare::files::faults::{self, Fault, Op as FileOp};
    let dir = shop_with_a_backup();
    let usb = data_dir();
    let usb_path = usb.path().to_string_lossy().into_owned();
    let store = open(dir.path());
    faults::inject(FileOp::Rename, &usb_path, Fault::Crash, 1);
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        store.write_backup(usb.path(), BackupKind::Manual)
    }));
    faults::clear(&usb_path);
    assert!(crashed.is_err(), "the injected crash happened");
    assert_eq!(
        store.last_external_backup().unwrap(),
        None,
        "no backup exists under its name, so none is recorded"
    );
    // The next backup works and is recorded, and the copy carries its own date.
    let path = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    let recorded = store.last_external_backup().unwrap().expect("recorded");
    let copy = rusqlite::Connection::open(&path).unwrap();
    let inside: String = copy
        .query_row(
            "SELECT value FROM setting WHERE key = 'last_external_backup'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        inside,
        recorded.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "restored elsewhere, the copy knows when it was made"
    );
}

// ---- 10. Small ones ---------------------------------------------------------------------------

#[test]
fn a_restore_onto_a_full_data_disk_blames_the_disk_not_the_backup() {
    use poscare::files::faults::{self, Fault, Op as FileOp};
    let dir = shop_with_a_backup();
    let usb = data_dir();
    let mut store = open(dir.path());
    let good = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    store.add_device(&terminal("收银台2号终端")).unwrap();
    let staging = dir.path().join("staging").to_string_lossy().into_owned();
    faults::inject(FileOp::Write, &staging, Fault::DiskFull, 1);
    let err = store.restore_from(&good).unwrap_err();
    faults::clear(&staging);
    assert_eq!(err, BackupError::DiskFull);
    let message = err.restore_message(poscare::i18n::Lang::En);
    assert!(message.contains("disk is full"), "{message}");
    assert!(!message.contains("not a POS Care backup"), "{message}");
    assert_eq!(common::device_names(&store).len(), 2, "nothing changed");
}

#[test]
fn the_write_ahead_log_stays_small() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let wal = dir.path().join("poscare.db-wal");
    let mut largest = 0;
    for i in 0..1_500 {
        let mut f = terminal(&format!("终端{i}"));
        f.notes = "备注".repeat(100);
        store.add_device(&f).unwrap();
        largest = largest.max(fs::metadata(&wal).map(|m| m.len()).unwrap_or(0));
    }
    assert!(
        largest <= 1 << 20,
        "the -wal grew to {largest} bytes before a checkpoint"
    );
}

// ---- 1. The window's export never touches the data folder, and asks before replacing ----------

fn export_to(h: &mut egui_kittest::Harness<'static, poscare::ui::app::App>, path: &Path) {
    poscare::ui::testing::type_into(h, "导出到", &path.display().to_string());
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

// ---- Windows: a damaged file another program holds ---------------------------------------------

/// An antivirus or the search indexer may hold the damaged file without delete sharing when the
/// window sets it aside: the move waits for it to be let go, then goes ahead, byte for byte.
#[cfg(windows)]
#[test]
fn a_damaged_file_held_by_another_program_is_set_aside_once_let_go() {
    use std::os::windows::fs::OpenOptionsExt;
    let dir = shop_with_a_backup();
    let db = dir.path().join("poscare.db");
    fs::write(&db, b"garbage garbage").unwrap();
    let held = fs::OpenOptions::new()
        .read(true)
        .share_mode(1)
        .open(&db)
        .unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(held);
    });
    let (_store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    release.join().unwrap();
    let moved = report.moved_aside.expect("set aside");
    assert_eq!(fs::read(moved).unwrap(), b"garbage garbage");
}
