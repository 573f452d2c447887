//! The shop's data is sacred: fault tests for every path that could overwrite, hide or set aside a
//! good database (issue 9), at the store's level. Faults are injected in-process: SQLite's reads,
//! writes and opens through a wrapping VFS (`common::fault_vfs`), the app's own file operations
//! through the `files::faults` seam, and the clock through the `now` the store is given. The
//! window's side is in `ui_data_safety.rs`.

mod common;

use std::fs;
use std::path::Path;

use common::fault_vfs::{self, DISK_FULL, Op, READ_ERROR, WRITE_ERROR};
use common::{
    damaged_with_wal, data_dir, now, open, shop_with_a_backup, shop_with_devices, snapshot,
    terminal,
};
use poscare_core::store::{
    BackupError, BackupKind, DataPaths, OpenError, Store, Unchecked, Verdict, Verify, check_folder,
    list_backups,
};
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

/// A page the disk cannot read (a bad sector: EIO) is reported by SQLite as a "malformed"
/// file, on every look. Damage is believed only of a file whose bytes all read: when the
/// app's own read of the file fails, the verdict is "could not check", and nothing moves.
#[test]
fn a_bad_sector_is_could_not_check_never_damage() {
    use poscare_core::files::faults::{self, Fault, Op as FileOp};
    let dir = shop_with_devices(400, 300);
    let db = dir.path().join("poscare.db");
    // SQLite sees a malformed page where the disk failed (garbage in the middle of the file
    // stands for what SQLite makes of the failed read) ...
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = fs::OpenOptions::new().write(true).open(&db).unwrap();
        f.seek(SeekFrom::Start(8 * 4096)).unwrap();
        f.write_all(&[0xA5; 4096]).unwrap();
    }
    let depth = poscare_core::store::Depth::Quick;
    assert!(
        matches!(
            poscare_core::store::verdict::examine(&db, depth),
            Verdict::Damaged(_)
        ),
        "the garbage alone is damage"
    );
    let before = snapshot(dir.path());
    // ... and the app's own reads of the file fail there too (after the two looks at its
    // first bytes).
    let name = db.to_string_lossy().into_owned();
    faults::inject_after(FileOp::Read, &name, Fault::Io, 2, 1);
    let verdict = poscare_core::store::verdict::examine(&db, depth);
    assert!(
        matches!(verdict, Verdict::CouldNotCheck(Unchecked::Io(_))),
        "could not check, not damaged: {verdict:?}"
    );
    // The window's start, the same way: nothing set aside.
    faults::clear(&name);
    faults::inject_after(FileOp::Read, &name, Fault::Io, 2, 1);
    let err = Store::open_window(DataPaths::new(dir.path()), Verify::Now)
        .err()
        .expect("could not check");
    assert!(matches!(err, OpenError::CouldNotCheck { .. }), "{err:?}");
    faults::clear(&name);
    assert!(snapshot(dir.path()) == before, "nothing changed");
    assert!(!dir.path().join("damaged").exists(), "nothing set aside");
}

/// Reads that come back short (zeros) make SQLite see a damaged file; the bytes the disk gives
/// when read again make a sound one: "could not check", and nothing moves.
#[test]
fn reads_that_come_back_short_are_could_not_check_never_damage() {
    fault_vfs::install();
    let dir = shop_with_a_backup();
    let db = dir.path().join("poscare.db");
    let before = snapshot(dir.path());
    fault_vfs::fail(Op::Read, &db, 0, 10_000, fault_vfs::SHORT_READ);
    let verdict = poscare_core::store::verdict::examine(&db, poscare_core::store::Depth::Quick);
    let err = Store::open_window(DataPaths::new(dir.path()), Verify::Now)
        .err()
        .expect("not opened");
    fault_vfs::clear(&db);
    assert_eq!(verdict, Verdict::CouldNotCheck(Unchecked::Unsteady));
    assert!(!dir.path().join("damaged").exists(), "{err:?}");
    assert_eq!(snapshot(dir.path()), before);
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
        poscare_core::store::verdict::examine(&db, poscare_core::store::Depth::Quick),
        Verdict::CouldNotCheck(Unchecked::Busy)
    );
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

#[test]
fn a_damaged_file_is_set_aside_with_its_wal_byte_for_byte() {
    let (dir, bytes, wal) = damaged_with_wal();
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    let moved = report.moved_aside.expect("set aside");
    // The damage this makes lies in an index (the history's text): rebuilt, with every record,
    // those only its log held included.
    assert!(report.rebuilt.is_some(), "{:?}", report.recovery);
    assert_eq!(store.devices().unwrap().len(), 400);
    for i in 0..20 {
        assert_eq!(
            store.setting(&format!("k{i}")).unwrap().as_deref(),
            Some("kept in the log")
        );
    }
    assert!(
        fs::read(&moved).unwrap() == bytes,
        "the database, unchanged"
    );
    let moved_wal = fs::read(format!("{}-wal", moved.display())).expect("its log went along");
    assert!(moved_wal == wal, "the log, unchanged");
}

/// Damage in one index page, the tables whole: every record is kept in a file rebuilt from the
/// tables, the damaged file is kept byte for byte, and no backup is offered in its place.
#[test]
fn damage_in_an_index_only_is_rebuilt_with_every_record() {
    let dir = shop_with_devices(30, 20);
    let db = dir.path().join("poscare.db");
    let names = |store: &Store| -> Vec<String> {
        let mut names: Vec<String> = store
            .devices()
            .unwrap()
            .into_iter()
            .map(|d| d.fields.name)
            .collect();
        names.sort();
        names
    };
    // An incident handled by a member of staff: its table comes before the staff's in the file,
    // so the copy must not check the link between them row by row.
    let incident = {
        let mut store = open(dir.path());
        let who = store.save_staff(None, &common::person("王芳")).unwrap();
        store
            .add_incident(&poscare_core::incident::NewIncident {
                device_id: Some(1),
                prompt: "51 余额不足".into(),
                entry_id: Some("RC-51".into()),
                steps_done: Vec::new(),
                note: String::new(),
                staff_id: Some(who),
            })
            .unwrap()
    };
    let before = names(&open(dir.path()));
    assert_eq!(before.len(), 30);
    let damaged = common::damage_an_index(&db);
    assert!(matches!(
        poscare_core::store::verdict::examine(&db, poscare_core::store::Depth::Quick),
        Verdict::Damaged(_)
    ));
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    let rebuilt = report.rebuilt.expect("rebuilt from its tables");
    assert!(rebuilt.records >= 30, "{rebuilt:?}");
    assert!(
        fs::read(&rebuilt.from).unwrap() == damaged,
        "the damaged file, unchanged"
    );
    assert!(report.recovery.is_none(), "nothing lost: no backup offered");
    assert_eq!(names(&store), before);
    let kept = store
        .incident(incident)
        .unwrap()
        .expect("the incident is kept");
    assert!(kept.staff_id.is_some());
    drop(store);
    // The next start finds a sound file and offers nothing.
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert!(report.moved_aside.is_none() && report.recovery.is_none());
    assert_eq!(names(&store), before);
    assert!(!dir.path().join("poscare.db.rebuilding").exists());
}

/// A set-aside cut short by a power cut after the data file was moved and before its `-wal`
/// was: the next start joins the `-wal` to the file set aside and rebuilds from both, records
/// only the log held included. No new database is ever started over the `-wal`.
#[test]
fn a_set_aside_cut_short_before_its_wal_moved_is_finished_at_the_next_start() {
    let dir = shop_with_devices(30, 20);
    let db = dir.path().join("poscare.db");
    common::damage_an_index(&db);
    {
        let conn = common::keeping_the_log(&db);
        conn.execute(
            "INSERT INTO setting (key, value) VALUES ('only_in_the_log', 'kept')",
            [],
        )
        .unwrap();
    }
    let wal = fs::read(dir.path().join("poscare.db-wal")).unwrap();
    let aside = common::set_aside_by_hand(dir.path());
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert_eq!(report.rebuilt.map(|r| r.from), Some(aside.clone()));
    assert!(fs::read(format!("{}-wal", aside.display())).unwrap() == wal);
    assert_eq!(store.devices().unwrap().len(), 30);
    assert_eq!(
        store.setting("only_in_the_log").unwrap().as_deref(),
        Some("kept")
    );
    assert!(report.recovery.is_none());
}

/// A rebuild cut short before the new file took the data file's name: made again at the next
/// start, from the file set aside.
#[test]
fn a_rebuild_cut_short_is_made_again_at_the_next_start() {
    let dir = shop_with_devices(30, 20);
    let db = dir.path().join("poscare.db");
    common::damage_an_index(&db);
    common::set_aside_by_hand(dir.path());
    fs::write(dir.path().join("poscare.db.rebuilding"), b"half a file").unwrap();
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert!(report.rebuilt.is_some(), "{:?}", report.recovery);
    assert_eq!(store.devices().unwrap().len(), 30);
    assert!(!dir.path().join("poscare.db.rebuilding").exists());
}

/// A `-wal` left with no data file and no file set aside (the data file deleted by hand): kept
/// in `damaged/` byte for byte, never read into a new database or deleted; the backup offered.
#[test]
fn a_wal_left_without_its_data_file_is_kept() {
    let dir = shop_with_a_backup();
    let db = dir.path().join("poscare.db");
    common::terminals_only_in_the_log(&db, 3);
    let wal = fs::read(dir.path().join("poscare.db-wal")).unwrap();
    fs::remove_file(&db).unwrap();
    let (_store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    let kept: Vec<_> = fs::read_dir(dir.path().join("damaged"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-left-behind.db-wal"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert!(fs::read(&kept[0]).unwrap() == wal);
    assert!(report.recovery.is_some());
}

/// A data file of random bytes, or cut short, is damaged beyond its indexes: the opening says
/// nothing of a rebuild that "could have kept every record" (a tester read that beside the
/// dialog saying the file could not be read).
#[test]
fn garbage_is_no_damage_in_an_index() {
    for cut in [false, true] {
        let dir = shop_with_a_backup();
        let db = dir.path().join("poscare.db");
        if cut {
            let bytes = fs::read(&db).unwrap();
            fs::write(&db, &bytes[..bytes.len().min(100_000) / 2]).unwrap();
        } else {
            let noise: Vec<u8> = (0..237_568u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect();
            fs::write(&db, noise).unwrap();
        }
        let _ = fs::remove_file(dir.path().join("poscare.db-wal"));
        let (_store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
        assert!(report.moved_aside.is_some(), "cut {cut}");
        assert!(report.rebuilt.is_none(), "cut {cut}");
        assert_eq!(report.rebuild_failed, None, "cut {cut}");
        assert!(
            report.recovery.is_some(),
            "cut {cut}: the backup is offered"
        );
    }
}

/// A rebuild that could keep every record but fails on a full disk says why: the records are
/// all in the file set aside (unchanged), and the backup is offered meanwhile.
#[test]
fn a_rebuild_that_fails_on_a_full_disk_says_why() {
    fault_vfs::install();
    let dir = shop_with_devices(30, 20);
    let db = dir.path().join("poscare.db");
    let damaged = common::damage_an_index(&db);
    let building = dir.path().join("poscare.db.rebuilding");
    fault_vfs::fail(Op::Write, &building, 0, 1_000_000, DISK_FULL);
    let result = Store::open_window(DataPaths::new(dir.path()), Verify::Now);
    fault_vfs::clear(&building);
    let (_store, report) = result.unwrap();
    assert!(report.rebuilt.is_none());
    let why = report.rebuild_failed.expect("the failure is said");
    assert!(why.contains("full"), "{why}");
    let aside = report.moved_aside.expect("set aside");
    assert!(fs::read(&aside).unwrap() == damaged);
    assert!(report.recovery.is_some());
    assert!(!building.exists());
}

/// A `-wal` whose bytes went bad in an early frame: SQLite would drop the commits after it
/// without a word, so the data file and its log are copied into `damaged/`, unchanged, before
/// anything reads them.
#[test]
fn a_log_damaged_inside_is_copied_before_it_is_read() {
    let dir = shop_with_a_backup();
    let db = dir.path().join("poscare.db");
    common::terminals_only_in_the_log(&db, 3);
    let wal = common::damage_the_logs_first_frame(&db);
    let data = fs::read(&db).unwrap();
    let (_store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    let copy = report.log_kept.expect("the log is kept");
    assert!(fs::read(&copy).unwrap() == data);
    assert!(fs::read(format!("{}-wal", copy.display())).unwrap() == wal);
}

/// A log cut short at its end (a power cut during a write) is no damage: nothing is copied.
#[test]
fn a_log_cut_short_at_its_end_is_not_copied() {
    let dir = shop_with_a_backup();
    let db = dir.path().join("poscare.db");
    common::terminals_only_in_the_log(&db, 3);
    let wal_path = dir.path().join("poscare.db-wal");
    let wal = fs::read(&wal_path).unwrap();
    fs::write(&wal_path, &wal[..wal.len() - 100]).unwrap();
    let (_store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert!(report.log_kept.is_none());
    assert!(!dir.path().join("damaged").exists());
}

/// Damage in a table's pages is not rebuilt (records may be missing): set aside, a backup offered.
#[test]
fn damage_in_a_table_is_never_called_rebuilt() {
    let dir = shop_with_devices(60, 300);
    {
        open(dir.path()).daily_backup(now()).unwrap();
    }
    common::damage_the_devices_table(&dir.path().join("poscare.db"));
    let (_store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert!(report.moved_aside.is_some());
    assert!(report.rebuilt.is_none());
    assert!(report.recovery.is_some());
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
        matches!(
            found.verdict,
            Verdict::CouldNotCheck(Unchecked::Io(_) | Unchecked::ReadFailed)
        ),
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
    // The empty file that held the backup's name (a fault tester found it kept for good).
    let held_name = dir
        .path()
        .join("backups/poscare-20261101-093000-before-restore.db");
    fs::write(&held_name, b"").unwrap();
    let mine = staging.join("notes.txt");
    fs::write(&mine, "not ours to remove").unwrap();
    drop(Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap());
    assert!(!incoming.exists() && !half_backup.exists() && !held_name.exists());
    assert!(mine.exists(), "only what the app itself leaves behind goes");
    assert!(
        !poscare_core::store::list_backups(&dir.path().join("backups")).is_empty(),
        "the real backups stay"
    );
    // With only the app's own leftovers in it, `staging/` goes too.
    fs::remove_file(&mine).unwrap();
    fs::write(&incoming, b"half").unwrap();
    drop(Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap());
    assert!(!staging.exists());
}

// ---- 9. The reminder is not silenced by a crash ------------------------------------------------

#[test]
fn a_crash_before_the_usb_backup_has_its_name_leaves_the_reminder_on() {
    use poscare_core::files::faults::{self, Fault, Op as FileOp};
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

/// A full USB stick is named as the full disk: a tester could not tell whether the stick or the
/// PC was full.
#[test]
fn a_full_stick_is_named_as_the_full_disk() {
    let dir = shop_with_a_backup();
    let usb = data_dir();
    let store = open(dir.path());
    fault_vfs::fail_under(Op::Write, usb.path(), 0, 1_000_000, DISK_FULL);
    let err = store
        .write_backup(usb.path(), BackupKind::Manual)
        .unwrap_err();
    fault_vfs::clear(usb.path());
    assert_eq!(err, BackupError::DiskFullAt(usb.path().to_path_buf()));
    let message = err.message(poscare_core::i18n::Lang::En);
    assert!(
        message.contains("disk holding this folder is full")
            && message.contains(&usb.path().display().to_string()),
        "{message}"
    );
}

#[test]
fn a_restore_onto_a_full_data_disk_blames_the_disk_not_the_backup() {
    use poscare_core::files::faults::{self, Fault, Op as FileOp};
    let dir = shop_with_a_backup();
    let usb = data_dir();
    let mut store = open(dir.path());
    let good = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    store.add_device(&terminal("收银台2号终端")).unwrap();
    let staging = dir.path().join("staging").to_string_lossy().into_owned();
    faults::inject(FileOp::Write, &staging, Fault::DiskFull, 1);
    let err = store.restore_from(&good, None).unwrap_err();
    faults::clear(&staging);
    assert_eq!(err, BackupError::DiskFull);
    let message = err.restore_message(poscare_core::i18n::Lang::En);
    assert!(message.contains("disk is full"), "{message}");
    assert!(!message.contains("not a POS Care backup"), "{message}");
    assert_eq!(common::device_names(&store).len(), 2, "nothing changed");
}

/// The copy of the current data a restore takes first cannot be written (the backups folder
/// read-only, a bad sector): the restore is refused, and nothing at all is written to the data,
/// not even a "failed" line (a fault tester's "nothing was changed" had left one behind).
#[test]
fn a_restore_whose_copy_of_the_data_fails_changes_nothing_at_all() {
    // (SQLite chooses a connection's file system when it opens: the fault VFS must be there.)
    fault_vfs::install();
    let dir = shop_with_a_backup();
    let usb = data_dir();
    let mut store = open(dir.path());
    let good = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    store.add_device(&terminal("收银台2号终端")).unwrap();
    let (log, history) = (
        store.backup_log(100).unwrap().len(),
        store.history_count().unwrap(),
    );
    let backups = dir.path().join("backups");
    fault_vfs::fail_under(Op::Write, &backups, 0, 1_000_000, WRITE_ERROR);
    let err = store.restore_from(&good, None);
    fault_vfs::clear(&backups);
    assert!(err.is_err(), "refused");
    assert_eq!(common::device_names(&store).len(), 2, "not restored");
    assert_eq!(
        store.backup_log(100).unwrap().len(),
        log,
        "no line in the log"
    );
    assert_eq!(
        store.history_count().unwrap(),
        history,
        "no line in the history"
    );
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

// ---- Issue 19: a wrong clock writes, offers and deletes nothing by its own date ---------------

/// How many rows `table` has.
fn rows(store: &Store, table: &str) -> i64 {
    store.row_count(table).unwrap()
}

/// One start with the clock a year ahead (as after a mistyped year) records no missed checks
/// for the days it skips, and a USB backup then is written but not recorded: no history dated
/// next year, no "last outside backup" that would silence the reminder. Back on the right
/// clock, today's check is due as it should be.
#[test]
fn a_clock_a_year_ahead_writes_no_history_and_records_no_outside_backup() {
    use poscare_core::store::BackupBy;
    let dir = data_dir();
    let mut store = open(dir.path());
    let today = now().date();
    store
        .add_task(
            &common::daily_backup_task(today - chrono::Days::new(30)),
            None,
        )
        .unwrap();
    store.note_start(now()).unwrap();
    store.plan_snapshot_recording_missed(today).unwrap();
    let history = rows(&store, "history");
    let missed = rows(&store, "completion");

    let ahead = today + chrono::Days::new(365);
    let plan = store.plan_snapshot_recording_missed(ahead).unwrap();
    assert_eq!(
        plan.today, ahead,
        "the agenda is still shown for the clock's day"
    );
    assert_eq!(
        rows(&store, "completion"),
        missed,
        "no missed check recorded"
    );
    assert_eq!(rows(&store, "history"), history, "no history written");

    let usb = tempfile::tempdir().unwrap();
    let by = BackupBy {
        at: ahead.and_hms_opt(10, 0, 0).unwrap(),
        done_by: None,
        lang: poscare_core::i18n::Lang::Zh,
    };
    let backup = store.back_up_outside(usb.path(), &by).unwrap();
    assert!(backup.path.exists(), "the copy is made");
    assert!(backup.unrecorded.is_some(), "and said to be unrecorded");
    assert_eq!(store.last_external_backup().unwrap(), None);
    assert_eq!(rows(&store, "history"), history);
    assert_eq!(rows(&store, "backup_log"), 0);

    // Back on the right clock: today's backup task is due, not done for a year.
    let plan = store.plan_snapshot_recording_missed(today).unwrap();
    assert!(
        plan.agenda
            .due_today
            .iter()
            .chain(&plan.agenda.overdue)
            .any(|t| t.task.fields.title == "备份到U盘"),
        "{:?}",
        plan.agenda
    );
}

/// A backup file dated by name a year ahead (taken while the clock was wrong) holding older
/// data is not "the newest": the backup whose data is newest is offered after a loss.
#[test]
fn after_a_loss_the_backup_with_the_newest_data_is_offered() {
    let dir = shop_with_devices(30, 10);
    let backups = dir.path().join("backups");
    let mut store = open(dir.path());
    let older = store.write_backup(&backups, BackupKind::Auto).unwrap();
    let future_name = backups.join(format!(
        "poscare-{}-090000-auto.db",
        (now().date() + chrono::Days::new(365)).format("%Y%m%d")
    ));
    fs::rename(&older, &future_name).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    store.add_device(&terminal("后来加的终端")).unwrap();
    let newer = store.write_backup(&backups, BackupKind::Auto).unwrap();
    drop(store);
    let offered = poscare_core::store::newest_verified_backup(&backups).unwrap();
    assert_eq!(offered.path, newer, "by its data, not its name");
    // The window after a loss offers the same one.
    fs::remove_file(dir.path().join("poscare.db")).unwrap();
    let (_store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    let recovery = report.recovery.expect("a loss is offered");
    assert_eq!(recovery.backup.expect("a backup").path, newer);
}

/// Daily backups over a year, each holding the data of its day. One start with the clock a
/// year ahead thins exactly what a start with the right clock would: thinning judges by the
/// newest trustworthy time and each backup's data, not by the clock.
#[test]
fn a_year_ahead_start_thins_nothing_a_right_clock_would_keep() {
    let make = || {
        let (dir, paths) = daily_backups(120);
        for (d, path) in paths.iter().enumerate() {
            // Each copy's newest record is of its own day.
            let day = now().date() - chrono::Days::new(d as u64 + 1);
            let conn = rusqlite::Connection::open(path).unwrap();
            conn.execute(
                "INSERT INTO backup_log (at, kind, path, bytes, ok, detail) VALUES (?1, 'auto', '', 0, 1, '')",
                [format!("{}T09:00:00", day.format("%Y-%m-%d"))],
            )
            .unwrap();
        }
        let mut store = open(dir.path());
        store.note_start(now() - chrono::Days::new(1)).unwrap();
        drop(store);
        (dir, paths)
    };
    let kept = |dir: &Path, paths: &[std::path::PathBuf]| -> Vec<bool> {
        let _ = dir;
        paths.iter().map(|p| p.exists()).collect()
    };
    let (right, right_paths) = make();
    open(right.path()).daily_backup(now()).unwrap();
    let (ahead, ahead_paths) = make();
    open(ahead.path())
        .daily_backup(now() + chrono::Days::new(365))
        .unwrap();
    let with_right_clock = kept(right.path(), &right_paths);
    assert!(
        with_right_clock.iter().filter(|k| !**k).count() > 0,
        "some are thinned with the right clock"
    );
    assert_eq!(kept(ahead.path(), &ahead_paths), with_right_clock);
}

// ---- Issue 19: a row that breaks a rule is a record to repair, never damage -------------------

/// A shop whose database holds rows that break the app's rules, written as an older or foreign
/// program might have (CHECK constraints switched off): a device of an unknown kind with an
/// empty name, a task whose schedule is garbage, a garbled shop calendar.
fn shop_with_rule_breaking_rows() -> tempfile::TempDir {
    let dir = shop_with_devices(5, 10);
    {
        let mut store = open(dir.path());
        store
            .add_task(&common::daily_backup_task(now().date()), None)
            .unwrap();
    }
    let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         INSERT INTO device (name, kind, created_at, updated_at)
             VALUES ('', 'gizmo', '2026-01-01T00:00:00', '2026-01-01T00:00:00');
         UPDATE task SET schedule = 'not a schedule' WHERE id = (SELECT max(id) FROM task);
         INSERT INTO setting (key, value) VALUES ('shop_calendar', '{garbage');",
    )
    .unwrap();
    drop(conn);
    dir
}

/// The same bytes get the same verdict whatever lies beside them: with or without an empty
/// `-wal` (the window leaves one behind when it exits), rows that break a CHECK rule are no
/// damage, and the window opens the data without setting anything aside.
#[test]
fn a_row_that_breaks_a_rule_is_not_damage_with_or_without_a_wal() {
    let dir = shop_with_rule_breaking_rows();
    let db = dir.path().join("poscare.db");
    let wal = dir.path().join("poscare.db-wal");
    let _ = fs::remove_file(&wal);
    for depth in [
        poscare_core::store::Depth::Quick,
        poscare_core::store::Depth::Full,
    ] {
        let bare = poscare_core::store::verdict::examine(&db, depth);
        fs::write(&wal, b"").unwrap();
        let beside_an_empty_wal = poscare_core::store::verdict::examine(&db, depth);
        fs::remove_file(&wal).unwrap();
        assert!(matches!(bare, Verdict::Sound { .. }), "{bare:?}");
        assert_eq!(bare, beside_an_empty_wal, "{depth:?}");
    }
    fs::write(&wal, b"").unwrap();
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert!(report.moved_aside.is_none(), "nothing set aside");
    assert!(!dir.path().join("damaged").exists());
    // The rest of the shop works; the device with an unknown kind is listed, the task with a
    // garbled schedule is named and left out, the garbled calendar falls back and is named.
    assert_eq!(store.devices().unwrap().len(), 6);
    let plan = store.plan_snapshot(now().date()).unwrap();
    assert_eq!(plan.today, now().date());
    let problems = store.row_problems();
    assert!(
        problems.iter().any(|p| p.table == "task"),
        "the task is named: {problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.table == "setting" && p.id == "shop_calendar"),
        "{problems:?}"
    );
}

/// A backup holding such a row passes verification and, restored, stays: it is not set aside
/// again at the next start.
#[test]
fn a_backup_with_a_rule_breaking_row_restores_and_stays() {
    let dir = shop_with_rule_breaking_rows();
    let backup = {
        let store = open(dir.path());
        store
            .write_backup(&dir.path().join("backups"), BackupKind::Auto)
            .unwrap()
    };
    poscare_core::store::verify_file(&backup).expect("a rule-breaking row is no damage");
    let other = data_dir();
    let mut store = open(other.path());
    store.restore_from(&backup, None).unwrap();
    drop(store);
    // As the window leaves it when it exits: an empty write-ahead log beside the database.
    fs::write(other.path().join("poscare.db-wal"), b"").unwrap();
    let (store, report) = Store::open_window(DataPaths::new(other.path()), Verify::Now).unwrap();
    assert!(report.moved_aside.is_none());
    assert_eq!(store.devices().unwrap().len(), 6);
}

/// Incidents written by another program that break a rule (no such device, a start that is no
/// time, a status the app does not know, an empty prompt) are each named by the audit behind
/// `check`, and the two that cannot be shown truthfully are left out of the incidents: none is
/// listed as open, and none as an incident of 1970.
#[test]
fn incidents_that_break_a_rule_are_each_named_and_none_is_shown_as_open() {
    let dir = shop_with_devices(2, 0);
    let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF;
         INSERT INTO incident (id, started_at, device_id, prompt, status, updated_at)
             VALUES (71, '2026-12-05T10:00:00', 99, 'XX', 'open', '2026-12-05T10:00:00');
         INSERT INTO incident (id, started_at, device_id, prompt, status, updated_at)
             VALUES (72, 'not-a-date', 1, 'YY', 'open', 'x');
         INSERT INTO incident (id, started_at, device_id, prompt, status, updated_at)
             VALUES (73, '2026-12-05T11:00:00', 1, 'ZZ', 'weird', 'x');
         INSERT INTO incident (id, started_at, device_id, prompt, status, updated_at)
             VALUES (74, '2026-12-05T12:00:00', 1, '', 'open', 'x');",
    )
    .unwrap();
    drop(conn);
    let store = open(dir.path());
    let shown: Vec<i64> = store
        .recent_incidents(usize::MAX)
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert!(!shown.contains(&72) && !shown.contains(&73), "{shown:?}");
    let named: Vec<String> = store
        .audit()
        .unwrap()
        .into_iter()
        .filter(|p| p.table == "incident")
        .map(|p| p.id)
        .collect();
    for id in ["71", "72", "73", "74"] {
        assert!(
            named.iter().any(|n| n == id),
            "incident {id} is named: {named:?}"
        );
    }
}

// ---- Issue 19: restore reads the source as SQLite does, its -wal included ----------------------

/// A crashed PC's database with its last commits still in its `-wal`: restoring it brings every
/// record SQLite sees in it, and the source is left byte for byte as it was.
#[test]
fn restore_keeps_the_records_in_the_source_wal() {
    let source = shop_with_devices(100, 10);
    let db = source.path().join("poscare.db");
    common::terminals_only_in_the_log(&db, 30);
    let wal = source.path().join("poscare.db-wal");
    assert!(
        fs::metadata(&wal).unwrap().len() > 0,
        "the records are in the log"
    );
    let before = snapshot(source.path());
    let target = data_dir();
    let mut store = open(target.path());
    store.restore_from(&db, None).unwrap();
    assert_eq!(
        store.devices().unwrap().len(),
        130,
        "every record SQLite sees"
    );
    drop(store);
    assert!(snapshot(source.path()) == before, "the source is unchanged");
}

// ---- 11. A backup to a USB stick says what happened, and is recorded or says it is not ---------

/// `back_up_outside` into `usb` as the app does it, now, in Chinese.
fn back_up_to(
    store: &mut Store,
    usb: &Path,
) -> Result<poscare_core::store::OutsideBackup, BackupError> {
    let by = poscare_core::store::BackupBy {
        at: now(),
        done_by: None,
        lang: poscare_core::i18n::Lang::Zh,
    };
    store.back_up_outside(usb, &by)
}

/// A shop with today's automatic backup and a daily "back up to a USB stick" task, open.
fn shop_with_a_backup_task() -> (tempfile::TempDir, Store, i64) {
    // SQLite chooses a connection's file system when it opens: the fault VFS must be there.
    fault_vfs::install();
    let dir = shop_with_a_backup();
    let mut store = open(dir.path());
    let task = store
        .add_task(&common::daily_backup_task(now().date()), None)
        .unwrap();
    (dir, store, task)
}

/// Nothing records a backup that did not happen: no date of the last outside backup, the task
/// still open, and the log's newest line a failure.
fn assert_not_recorded(store: &Store, task: i64) {
    assert_eq!(store.last_external_backup().unwrap(), None);
    assert!(
        !store.latest_records().unwrap().contains_key(&task),
        "the backup task is still open"
    );
    let log = store.backup_log(1).unwrap();
    assert!(
        log.first().is_some_and(|l| l.kind == "manual" && !l.ok),
        "{log:?}"
    );
}

fn said_both(e: &BackupError) -> (String, String) {
    use poscare_core::i18n::Lang;
    (e.message(Lang::En), e.message(Lang::Zh))
}

#[test]
fn a_usb_stick_pulled_while_the_copy_is_written_is_said_as_such() {
    let (_dir, mut store, task) = shop_with_a_backup_task();
    let usb = data_dir();
    // Every write to any file on the stick fails, as when it is pulled out.
    fault_vfs::fail_under(Op::Write, usb.path(), 0, 100_000, fault_vfs::WRITE_ERROR);
    let result = back_up_to(&mut store, usb.path());
    fault_vfs::clear(usb.path());
    let err = result.expect_err("the backup failed");
    assert!(matches!(err, BackupError::TargetGone(_)), "{err:?}");
    let (en, zh) = said_both(&err);
    assert!(en.contains("removed or cannot be written"), "{en}");
    assert!(!en.contains("disk full") && !en.contains("is full"), "{en}");
    assert!(zh.contains("被拔出或无法写入"), "{zh}");
    assert!(!zh.contains("已满"), "{zh}");
    assert!(
        list_backups(usb.path()).is_empty(),
        "no file has a backup's name"
    );
    assert_not_recorded(&store, task);
}

#[test]
fn a_usb_stick_pulled_while_the_copy_is_flushed_is_said_as_such() {
    use poscare_core::files::faults::{self, Fault, Op as FileOp};
    let (_dir, mut store, task) = shop_with_a_backup_task();
    let usb = data_dir();
    let usb_path = usb.path().to_string_lossy().into_owned();
    faults::inject(FileOp::Sync, &usb_path, Fault::Io, 1);
    let result = back_up_to(&mut store, usb.path());
    faults::clear(&usb_path);
    let err = result.expect_err("the backup failed");
    let (en, zh) = said_both(&err);
    assert!(en.contains("removed or cannot be written"), "{en}");
    assert!(!en.contains("Is the disk full"), "{en}");
    assert!(zh.contains("被拔出或无法写入"), "{zh}");
    assert!(list_backups(usb.path()).is_empty());
    assert_not_recorded(&store, task);
}

#[test]
fn a_file_given_as_the_backup_folder_is_refused_before_anything_is_written() {
    let (dir, mut store, task) = shop_with_a_backup_task();
    let elsewhere = data_dir();
    let file = elsewhere.path().join("U盘");
    fs::write(&file, "the merchant's file").unwrap();
    let before = snapshot(elsewhere.path());
    let err = back_up_to(&mut store, &file).expect_err("refused");
    let (en, zh) = said_both(&err);
    assert!(en.contains("The target is a file, not a folder"), "{en}");
    assert!(!en.contains("os error"), "{en}");
    assert!(zh.contains("目标是一个文件，不是文件夹"), "{zh}");
    assert_eq!(snapshot(elsewhere.path()), before, "nothing written there");
    assert_not_recorded(&store, task);
    drop(dir);
}

#[test]
fn a_folder_flush_that_fails_leaves_the_copy_unconfirmed_and_unrecorded() {
    use poscare_core::files::faults::{self, Fault, Op as FileOp};
    let (_dir, mut store, task) = shop_with_a_backup_task();
    let usb = data_dir();
    let usb_path = usb.path().to_string_lossy().into_owned();
    faults::inject(FileOp::SyncFolder, &usb_path, Fault::Io, 1);
    let result = back_up_to(&mut store, usb.path());
    faults::clear(&usb_path);
    let err = result.expect_err("not confirmed, so not a backup done");
    let BackupError::Unconfirmed { path, .. } = &err else {
        panic!("{err:?}");
    };
    // The file stays where it is: it may well be good, but the disk did not confirm it.
    assert!(path.starts_with(usb.path()) && path.exists());
    assert!(poscare_core::store::verify_file(path).is_ok());
    let (en, zh) = said_both(&err);
    assert!(
        en.contains("did not confirm") && en.contains("not recorded"),
        "{en}"
    );
    assert!(
        zh.contains("没有确认") && zh.contains("没有记为已备份"),
        "{zh}"
    );
    assert_not_recorded(&store, task);
    // The next backup, on a stick that answers, is confirmed and recorded.
    let next = back_up_to(&mut store, usb.path()).unwrap();
    assert_eq!(next.recorded.unwrap(), 1);
    assert!(store.last_external_backup().unwrap().is_some());
}

#[test]
fn a_backup_the_live_data_cannot_record_says_so() {
    let (dir, mut store, task) = shop_with_a_backup_task();
    let usb = data_dir();
    // Catch up first (the day's plan is read and its missed days recorded), as the window's
    // start does: then only the record of the backup itself writes to the live data.
    store.plan_snapshot_recording_missed(now().date()).unwrap();
    let wal = dir.path().join("poscare.db-wal");
    fault_vfs::fail(Op::Write, &wal, 0, 100_000, fault_vfs::WRITE_ERROR);
    let result = back_up_to(&mut store, usb.path());
    fault_vfs::clear(&wal);
    let backup = result.expect("the copy itself was written");
    assert!(poscare_core::store::verify_file(&backup.path).is_ok());
    let why = backup
        .recorded
        .as_ref()
        .expect_err("the record failed and says so");
    assert!(!why.message(poscare_core::i18n::Lang::En).is_empty());
    drop(store);
    // What the data holds after the failed record: no trace of the backup, the task still open
    // (all or nothing), so the reminder stays on.
    let store = open(dir.path());
    assert_eq!(store.last_external_backup().unwrap(), None);
    assert!(!store.latest_records().unwrap().contains_key(&task));
    assert!(
        store
            .backup_log(10)
            .unwrap()
            .iter()
            .all(|l| l.kind != "manual"),
        "no log line of a backup the data does not know of"
    );
}

/// A write the disk refuses under the open window (a folder made read-only, a stick pulled out):
/// SQLite says only "disk I/O error"; the shop is told what to look at, and nothing is recorded
/// half (a fault tester got the bare words).
#[test]
fn a_write_the_disk_refuses_says_what_to_look_at() {
    fault_vfs::install();
    let dir = data_dir();
    let mut store = open(dir.path());
    let wal = dir.path().join("poscare.db-wal");
    fault_vfs::fail(Op::Write, &wal, 0, 100_000, fault_vfs::WRITE_ERROR);
    let result = store.add_device(&terminal("写不进去"));
    fault_vfs::clear(&wal);
    let e = result.expect_err("the write failed");
    assert_eq!(e, poscare_core::store::StoreError::Io);
    let zh = e.message(poscare_core::i18n::Lang::Zh);
    assert!(zh.contains("只读") && zh.contains("U 盘"), "{zh}");
    drop(store);
    assert!(common::device_names(&open(dir.path())).is_empty());
}

// ---- Found by a tester: a backup without one of its tables ------------------------------------

/// A backup that SQLite finds sound but that lacks a table POS Care needs (History would fail on
/// it) is refused before it replaces anything: the data stays as it was.
#[test]
fn a_backup_missing_a_table_is_refused_and_the_data_stays() {
    // A tester found the same with a view: without `history_of_completion` the restore was
    // accepted, `check` said OK, and every tick failed after. A trigger or an index is as
    // much a part of the file.
    for (drop_it, part) in [
        ("DROP TABLE history_correction", "table history_correction"),
        (
            "DROP VIEW history_of_completion",
            "view history_of_completion",
        ),
        (
            "DROP TRIGGER history_completion",
            "trigger history_completion",
        ),
    ] {
        let dir = shop_with_devices(3, 1);
        let backup = {
            let store = open(dir.path());
            store
                .write_backup(&dir.path().join("backups"), BackupKind::Auto)
                .unwrap()
        };
        {
            let conn = rusqlite::Connection::open(&backup).unwrap();
            conn.execute_batch(drop_it).unwrap();
        }
        let err = poscare_core::store::verify_file(&backup).unwrap_err();
        assert!(format!("{err}").contains(part), "{drop_it}: {err}");
        let other = shop_with_devices(5, 0);
        let mut store = open(other.path());
        assert!(store.restore_from(&backup, None).is_err(), "{drop_it}");
        assert_eq!(store.devices().unwrap().len(), 5);
        drop(store);
        let (store, _) = Store::open_window(DataPaths::new(other.path()), Verify::Now).unwrap();
        assert_eq!(store.devices().unwrap().len(), 5);
    }
}

/// A good backup copied by hand over the data file that a killed window left with a `-wal`:
/// read with that log, the sound file looks damaged. The log is another file's: it is moved
/// aside (kept) and the data file goes on; nothing good is set aside (a fault tester saw the
/// shop's good backup set aside as damaged).
#[test]
fn a_log_left_beside_a_backup_copied_in_by_hand_is_moved_aside_not_the_data() {
    let dir = shop_with_devices(100, 10);
    let db = dir.path().join("poscare.db");
    let spare = data_dir();
    let backup = open(dir.path())
        .write_backup(spare.path(), poscare_core::store::BackupKind::Manual)
        .unwrap();
    common::terminals_only_in_the_log(&db, 200);
    assert!(fs::metadata(db.with_extension("db-wal")).unwrap().len() > 0);
    fs::copy(&backup, &db).unwrap();
    let good = fs::read(&db).unwrap();
    let (store, report) =
        Store::open_window(DataPaths::new(dir.path()), Verify::Now).expect("opens");
    assert_eq!(report.moved_aside, None, "nothing good is set aside");
    let log = report.stray_log.expect("the log was moved aside");
    assert!(log.exists(), "kept, not deleted");
    assert_eq!(common::device_names(&store).len(), 100);
    drop(store);
    assert!(fs::read(&db).unwrap().len() >= good.len());
}

// ---- Two backups into one folder in the same second (two tills, one stick) ------------------

/// Two shops backing up into the same folder at the same moment each get a file of their own
/// with their own data, and each says where: none verifies the other's file as its own (they
/// shared a name, and with it a temporary file, and one "written and verified" file held the
/// other shop's data).
#[test]
fn two_backups_into_one_folder_at_once_each_keep_their_own_data() {
    use std::sync::{Arc, Barrier};
    let usb = data_dir();
    let shops: Vec<_> = ["甲店", "乙店"]
        .iter()
        .map(|name| {
            let dir = shop_with_devices(30, 200);
            open(dir.path())
                .set_setting(poscare_core::store::keys::SHOP_NAME, name)
                .unwrap();
            (dir, *name)
        })
        .collect();
    for round in 0..8 {
        let barrier = Arc::new(Barrier::new(shops.len()));
        let results: Vec<(String, Result<std::path::PathBuf, String>)> = std::thread::scope(|s| {
            let handles: Vec<_> = shops
                .iter()
                .map(|(dir, name)| {
                    let barrier = barrier.clone();
                    let target = usb.path().to_path_buf();
                    let path = dir.path().to_path_buf();
                    s.spawn(move || {
                        let store = open(&path);
                        barrier.wait();
                        let written = store
                            .write_backup(&target, BackupKind::Manual)
                            .map_err(|e| e.to_string());
                        (name.to_string(), written)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut paths = Vec::new();
        for (name, written) in results {
            let path = written.unwrap_or_else(|e| panic!("round {round}, {name}: {e}"));
            let conn = rusqlite::Connection::open(&path).unwrap();
            let holds: String = conn
                .query_row(
                    "SELECT value FROM setting WHERE key = 'shop_name'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(holds, name, "round {round}: {}", path.display());
            paths.push(path);
        }
        assert_ne!(paths[0], paths[1], "round {round}");
    }
}
