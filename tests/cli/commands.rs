//! The command line, run as the real binary.

use crate::common;
use crate::poscare;

use std::process::Command;

use common::{daily_backup_task, data_dir, open, terminal};
use poscare::store::verify_file;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_and_version() {
    let help = poscare(&["--help"]);
    assert!(help.status.success());
    let out = text(&help.stdout);
    for word in ["check", "backup", "--data-dir", "--exit-after-first-frame"] {
        assert!(out.contains(word), "--help lacks {word}: {out}");
    }
    let version = poscare(&["--version"]);
    assert_eq!(
        text(&version.stdout).trim(),
        format!("poscare {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let out = poscare(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_reports_ok_and_damage() {
    let dir = data_dir();
    let d = dir.path().to_str().unwrap();
    let empty = poscare(&["check", "--data-dir", d]);
    assert!(empty.status.success(), "{}", text(&empty.stderr));
    drop(open(dir.path()));
    let ok = poscare(&["--data-dir", d, "check"]);
    assert!(ok.status.success());
    assert!(text(&ok.stdout).starts_with("OK"));
    std::fs::write(dir.path().join("poscare.db"), b"garbage").unwrap();
    let bad = poscare(&["check", "--data-dir", d]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stdout).contains("DAMAGED"));
    assert_eq!(
        std::fs::read(dir.path().join("poscare.db")).unwrap(),
        b"garbage"
    );
}

#[test]
fn the_data_folder_can_come_from_the_environment() {
    let dir = data_dir();
    open(&dir.path().join("data"))
        .add_device(&terminal("终端1"))
        .unwrap();
    let out = Command::new(crate::bin())
        .args(["backup", "--to"])
        .arg(dir.path().join("usb"))
        .env("POSCARE_DATA_DIR", dir.path().join("data"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_dir(dir.path().join("usb")).unwrap().count(),
        1
    );
}

#[test]
fn backup_writes_a_verified_copy_and_prints_its_path() {
    let dir = data_dir();
    let usb = data_dir();
    open(dir.path()).add_device(&terminal("终端1")).unwrap();
    let out = poscare(&[
        "backup",
        "--to",
        usb.path().to_str().unwrap(),
        "--data-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = std::path::PathBuf::from(text(&out.stdout).trim());
    assert!(path.starts_with(usb.path()));
    assert!(verify_file(&path).is_ok());
}

#[test]
fn backup_to_an_unwritable_place_fails_clearly() {
    let dir = data_dir();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    open(&dir.path().join("d"))
        .add_device(&terminal("终端1"))
        .unwrap();
    let out = crate::poscare_en(
        &dir.path().join("d"),
        &["backup", "--to", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Backup failed: The target is a file, not a folder"),
        "{}",
        text(&out.stderr)
    );
}

/// A data folder the system cannot look into (here a file where a folder should be, as
/// permissions do for another account) is "cannot use the folder, because…", never "no data
/// yet" or "not there" over a shop's data that could not be seen.
#[cfg(unix)]
#[test]
fn a_data_folder_that_cannot_be_looked_into_is_said_not_called_empty() {
    let dir = data_dir();
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let data = file.join("data");
    let target = dir.path().join("stick");
    for args in [
        vec!["backup", "--to", target.to_str().unwrap()],
        vec!["today"],
    ] {
        let out = crate::poscare_en(&data, &args);
        let err = text(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            err.contains("Cannot use the data folder"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("no data yet"), "{args:?}: {err}");
    }
    assert!(!target.exists(), "nothing written");
}

#[test]
fn a_reading_command_takes_turns_with_another_command_and_names_it_when_it_does_not_finish() {
    let dir = data_dir();
    // Another command (no window) holds the folder for two seconds: the check waits its turn.
    let held = open(dir.path());
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(2));
        drop(held);
    });
    let out = crate::poscare_en(dir.path(), &["check"]);
    release.join().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Held for longer than a reading command waits: said as another command, not a window.
    let _app = open(dir.path());
    let out = crate::poscare_en(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("Another POS Care command") && err.contains(&dir.path().display().to_string()),
        "{err}"
    );
    assert!(!err.contains("switch to the window"), "{err}");
}

#[test]
fn a_backup_waits_for_another_command_that_holds_the_folder_instead_of_naming_a_window() {
    let dir = data_dir();
    let usb = data_dir();
    open(dir.path()).add_device(&terminal("终端1")).unwrap();
    // Another command (no window) holds the folder for two seconds: the backup waits its turn.
    let held = open(dir.path());
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(2));
        drop(held);
    });
    let out = crate::poscare_en(
        dir.path(),
        &["backup", "--to", usb.path().to_str().unwrap()],
    );
    release.join().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("window"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn lookup_searches_the_merchants_own_entries_too() {
    use poscare::incident::OwnEntryDraft;
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        let draft = OwnEntryDraft {
            screen: "E07 打印机盖未关".into(),
            code: "E07".into(),
            ..Default::default()
        };
        store.add_own_entry(&draft.validate().unwrap()).unwrap();
    }
    let out = poscare(&[
        "lookup",
        "--json",
        "--data-dir",
        dir.path().to_str().unwrap(),
        "e07",
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["results"][0]["id"], "OWN-1");
}

/// A shop with one terminal (终端1), its data folder, a "USB stick" and the path of the backup
/// `poscare backup --to` wrote there.
fn shop_backed_up_to_a_stick() -> (tempfile::TempDir, tempfile::TempDir, String) {
    let dir = data_dir();
    let usb = data_dir();
    open(dir.path()).add_device(&terminal("终端1")).unwrap();
    let out = poscare(&[
        "backup",
        "--to",
        usb.path().to_str().unwrap(),
        "--data-dir",
        dir.path().to_str().unwrap(),
    ]);
    let backup = text(&out.stdout).trim().to_owned();
    (dir, usb, backup)
}

#[test]
fn restore_brings_back_a_backup_and_refuses_a_bad_file() {
    let (dir, usb, backup) = shop_backed_up_to_a_stick();
    let d = dir.path().to_str().unwrap();
    open(dir.path()).add_device(&terminal("终端2")).unwrap();

    let garbage = usb.path().join("garbage.db");
    std::fs::write(&garbage, b"not a backup").unwrap();
    let bad = poscare(&["restore", garbage.to_str().unwrap(), "--data-dir", d]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("nothing was changed"),
        "{}",
        text(&bad.stderr)
    );
    assert_eq!(
        open(dir.path()).devices().unwrap().len(),
        2,
        "the bad file changed nothing"
    );

    let good = poscare(&["restore", &backup, "--data-dir", d]);
    assert!(good.status.success(), "{}", text(&good.stderr));
    assert_eq!(common::device_names(&open(dir.path())), ["终端1"]);
}

#[test]
fn restore_works_when_the_data_file_is_lost_and_on_a_new_pc_without_an_empty_copy_of_nothing() {
    let (dir, usb, backup) = shop_backed_up_to_a_stick();
    // A backup in the folder's own backups/ is what the window would offer after a loss.
    let own = dir.path().join("backups");
    std::fs::create_dir_all(&own).unwrap();
    let name = std::path::Path::new(&backup).file_name().unwrap();
    std::fs::copy(&backup, own.join(name)).unwrap();
    for lose in ["missing", "empty"] {
        let db = dir.path().join("poscare.db");
        std::fs::remove_file(&db).unwrap();
        if lose == "empty" {
            std::fs::write(&db, b"").unwrap();
        }
        // A backup now is refused as lost data, not "no data yet", naming the backup.
        let out = crate::poscare_en(
            dir.path(),
            &["backup", "--to", usb.path().to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("missing or empty, but there is a good backup"),
            "{lose}: {}",
            text(&out.stderr)
        );
        // The merchant has the stick's backup in hand: restoring it is the way out.
        let out = crate::poscare_en(dir.path(), &["restore", &backup]);
        assert!(out.status.success(), "{lose}: {}", text(&out.stderr));
        assert!(
            text(&out.stdout).contains("there was no data before"),
            "{}",
            text(&out.stdout)
        );
        assert_eq!(common::device_names(&open(dir.path())), ["终端1"], "{lose}");
    }
    // A new PC: nothing to replace, and no empty "before restore" copy of nothing.
    let new_pc = data_dir();
    let out = crate::poscare_en(new_pc.path(), &["restore", &backup]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // (Nor does it say beforehand that the current data is backed up first.)
    assert!(
        text(&out.stderr).contains("There is no data here yet: nothing is replaced")
            && !text(&out.stderr).contains("backed up first"),
        "{}",
        text(&out.stderr)
    );
    let before: Vec<_> = std::fs::read_dir(new_pc.path().join("backups"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        !before
            .iter()
            .any(|n| n.to_string_lossy().contains("before-restore")),
        "{before:?}"
    );
    assert_eq!(common::device_names(&open(new_pc.path())), ["终端1"]);
    // With data, the data it replaces is backed up first, as before; what the file holds is
    // said beside what it replaces (a script is not asked: no terminal).
    let out = crate::poscare_en(new_pc.path(), &["restore", &backup]);
    assert!(
        text(&out.stdout).contains("the data it replaced was backed up"),
        "{}",
        text(&out.stdout)
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("holds 1 device,") && err.contains("It replaces the current data: 1 device,"),
        "{err}"
    );
}

/// On damaged data, `restore` is the repair from the command line (for a shop whose window will
/// not start): a bad backup file is refused before anything in the folder is touched (the
/// damaged file stays where it is, byte for byte); a good one sets the damaged file aside, as
/// the window would, says so, restores, and the loss is dealt with. Another program's database in
/// the data file's place is said as such, not as damaged.
#[test]
fn restore_on_damaged_data_sets_it_aside_and_says_so() {
    let dir = common::shop_with_devices(400, 300);
    let usb = data_dir();
    let out = crate::poscare_en(
        dir.path(),
        &["backup", "--to", usb.path().to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let backup = text(&out.stdout).trim().to_owned();
    let db = dir.path().join("poscare.db");
    let damaged = common::damage_middle(&db);
    let set_aside = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir.path().join("damaged"))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    // A bad file: refused, and the folder is as it was.
    let garbage = dir.path().join("not-a-backup.db");
    std::fs::write(&garbage, b"not a database").unwrap();
    let out = crate::poscare_en(dir.path(), &["restore", garbage.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("nothing was changed"),
        "{}",
        text(&out.stderr)
    );
    assert!(set_aside().is_empty());
    assert!(
        std::fs::read(&db).unwrap() == damaged,
        "the damaged file stays in place"
    );
    // The backup: the damaged file moved aside unchanged, the data restored, the loss dealt with.
    let out = crate::poscare_en(dir.path(), &["restore", &backup]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("was damaged; it was moved, unchanged"),
        "{}",
        text(&out.stderr)
    );
    let moved = set_aside();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert!(
        std::fs::read(&moved[0]).unwrap() == damaged,
        "set aside byte for byte"
    );
    assert_eq!(open(dir.path()).devices().unwrap().len(), 400);
    let out = crate::poscare_en(dir.path(), &["check"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    // Another program's database in its place: moved aside as such, not called damaged.
    let other = data_dir();
    let conn = rusqlite::Connection::open(other.path().join("poscare.db")).unwrap();
    conn.execute(
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)",
        [],
    )
    .unwrap();
    drop(conn);
    let out = crate::poscare_en(other.path(), &["restore", &backup]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("not a POS Care data file"),
        "{}",
        text(&out.stderr)
    );
}

/// The data file under another name (a hard link, where the system tells) is no backup either.
#[cfg(unix)]
#[test]
fn restore_from_a_hard_link_to_the_data_file_is_refused() {
    let (dir, _usb, _backup) = shop_backed_up_to_a_stick();
    let elsewhere = data_dir();
    let link = elsewhere.path().join("looks-like-a-backup.db");
    std::fs::hard_link(dir.path().join("poscare.db"), &link).unwrap();
    let before = std::fs::read(&link).unwrap();
    let out = crate::poscare_en(dir.path(), &["restore", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("data file in use now"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        std::fs::read(&link).unwrap() == before,
        "nothing written into it"
    );
}

#[test]
fn backup_marks_the_plans_backup_task_done_after_recording_the_days_it_missed() {
    use chrono::{Days, Local};
    use poscare::planner::Outcome;
    let dir = data_dir();
    let usb = data_dir();
    let today = Local::now().date_naive();
    let task = open(dir.path())
        .add_task(&daily_backup_task(today - Days::new(2)), None)
        .unwrap();
    let run = || {
        poscare(&[
            "backup",
            "--to",
            usb.path().to_str().unwrap(),
            "--data-dir",
            dir.path().to_str().unwrap(),
        ])
    };
    let out = run();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = text(&out.stdout).trim().to_owned();
    let records = open(dir.path()).completions_of(task, 10).unwrap();
    let summary: Vec<_> = records.iter().map(|c| (c.due, c.outcome)).collect();
    assert_eq!(
        summary,
        [
            (today, Outcome::Ok),
            (today - Days::new(1), Outcome::Missed),
            (today - Days::new(2), Outcome::Missed),
        ],
        "the two days before were missed, and stay missed"
    );
    assert!(records[0].note.contains(&file), "{}", records[0].note);
    assert!(records[0].items.iter().all(|i| i.ok));
    // A second backup the same day adds a backup file, not a second record.
    let again = run();
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(open(dir.path()).completions_of(task, 10).unwrap().len(), 3);
}

#[test]
fn while_a_loss_is_not_yet_repaired_the_reading_commands_say_so_instead_of_ok() {
    use poscare::store::{DataPaths, Store, Verify};
    let (dir, _usb, _backup) = shop_backed_up_to_a_stick();
    std::fs::write(dir.path().join("poscare.db"), b"garbage garbage").unwrap();
    // The window sets the damaged file aside and starts blank data; the offer is not answered.
    let (store, report) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    assert!(report.recovery.is_some());
    drop(store);
    for command in [&["check"][..], &["today"], &["insights"]] {
        let out = crate::poscare_en(dir.path(), command);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{command:?}: {}",
            text(&out.stdout)
        );
        assert!(
            text(&out.stdout).contains("not yet repaired")
                || text(&out.stderr).contains("not yet repaired"),
            "{command:?}: {} {}",
            text(&out.stdout),
            text(&out.stderr)
        );
    }
    // Dealt with (the merchant chose to go on): OK again.
    let (mut store, _) = Store::open_window(DataPaths::new(dir.path()), Verify::Now).unwrap();
    store.recovery_dealt_with().unwrap();
    drop(store);
    assert!(crate::poscare_en(dir.path(), &["check"]).status.success());
}

#[test]
fn check_names_the_records_that_break_a_rule_and_still_says_the_file_is_sound() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let device = store.add_device(&terminal("收银台1号")).unwrap();
    let mut task = daily_backup_task(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    for _ in 0..3 {
        store.add_task(&task, None).unwrap();
        task.device_id = Some(device);
    }
    drop(store);
    let clean = crate::poscare_en(dir.path(), &["check"]);
    assert!(clean.status.success());
    assert!(
        !text(&clean.stdout).contains("break"),
        "{}",
        text(&clean.stdout)
    );
    // Written by hand (or another program): a schedule that does not parse, a device that is not
    // there, a checklist that is not a list.
    let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         UPDATE task SET schedule = '{broken' WHERE id = 1;
         UPDATE task SET device_id = 999 WHERE id = 2;
         UPDATE task SET items = 'not json' WHERE id = 3;
         UPDATE device SET warranty_until = '2025-13-40' WHERE id = 1;
         INSERT INTO completion (task_id, due, done_at, outcome, items, recorded_at)
             VALUES (1, '2026-11-02', 'not-a-time', 'ok', '[]', '2026-11-02T09:00:00');",
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(dir.path().join("poscare.db")).unwrap();
    let out = crate::poscare_en(dir.path(), &["check"]);
    let said = text(&out.stdout);
    assert!(out.status.success(), "not damage: {said}");
    assert!(said.starts_with("OK: "), "{said}");
    assert!(said.contains("But 5 records break a rule"), "{said}");
    assert!(said.contains("check record"), "{said}");
    // `today` names the reference to a device that is not there, as `check` does.
    let today = crate::poscare_en(dir.path(), &["today"]);
    let err = text(&today.stderr);
    assert!(err.contains("task 2 (its device is not there)"), "{err}");
    assert!(
        said.contains("device 1 (warranty_until is not a valid value)"),
        "{said}"
    );
    assert!(
        said.contains("cannot be read, left out for now: task 1, task 3"),
        "{said}"
    );
    assert!(
        said.contains("; shown as they are but breaking a rule: device 1")
            && said.contains("task 2 (its device is not there)"),
        "{said}"
    );
    // Reading changed nothing.
    assert_eq!(
        std::fs::read(dir.path().join("poscare.db")).unwrap(),
        before
    );
}

/// `backup --to` from data that cannot be written (a write-protected stick) makes the copy
/// anyway, says it is recorded nowhere (exit 1) and changes nothing. (Root on Linux writes
/// read-only files: there is nothing to observe, and the test says so; Windows' read-only
/// attribute holds for every account.)
#[test]
fn a_backup_from_data_that_cannot_be_written_is_made_and_said_unrecorded() {
    let dir = data_dir();
    let usb = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("收银台1号")).unwrap();
    drop(store);
    let db = dir.path().join("poscare.db");
    let before = std::fs::read(&db).unwrap();
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms.clone()).unwrap();
    if std::fs::OpenOptions::new().write(true).open(&db).is_ok() {
        eprintln!("this account writes read-only files (root): nothing to check here");
    } else {
        let out = crate::poscare_en(
            dir.path(),
            &["backup", "--to", usb.path().to_str().unwrap()],
        );
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("cannot be written (read-only"), "{err}");
        assert!(err.contains("not recorded in the data"), "{err}");
        let copy = std::path::PathBuf::from(text(&out.stdout).trim());
        assert!(verify_file(&copy).is_ok(), "{}", copy.display());
        assert_eq!(std::fs::read(&db).unwrap(), before, "nothing changed");
    }
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&db, perms).unwrap();
}

/// `today` counts every open incident, not only the 50 it lists (a shop with 60 open ones).
#[test]
fn today_counts_every_open_incident_beyond_those_it_lists() {
    let dir = common::data_dir();
    drop(common::open(dir.path()));
    let rows: Vec<String> = (0..60)
        .map(|i| format!("2026-11-{:02}T{:02}:00:00", i % 28 + 1, i % 24))
        .collect();
    let incidents: Vec<(Option<i64>, &str, Option<&str>, &str)> = rows
        .iter()
        .map(|at| (None, at.as_str(), Some("RC-51"), "51 余额不足"))
        .collect();
    common::incidents_at(dir.path(), &incidents);
    let out = crate::poscare_in(dir.path(), &["today", "--json"]);
    let said = text(&out.stdout);
    let json: serde_json::Value = serde_json::from_str(&said).expect("json");
    assert_eq!(json["open_incidents_total"], 60, "{said}");
    assert_eq!(json["open_incidents"].as_array().unwrap().len(), 50);
}

/// A log damaged inside (bytes gone bad in an early frame): SQLite reads the data as if the
/// changes saved after the damage never were, and `check` used to say "OK". It says the log is
/// damaged, fails, and changes nothing (the window keeps the copy when it opens the data).
#[test]
fn check_says_a_log_damaged_inside_is_damaged_and_changes_nothing() {
    let dir = data_dir();
    open(dir.path()).add_device(&terminal("收银台")).unwrap();
    let db = dir.path().join("poscare.db");
    common::terminals_only_in_the_log(&db, 3);
    let sound = crate::poscare_en(dir.path(), &["check"]);
    assert!(sound.status.success(), "{}", text(&sound.stdout));
    common::damage_the_logs_first_frame(&db);
    let before = common::snapshot(dir.path());
    let out = crate::poscare_en(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).starts_with("LOG DAMAGED"),
        "{}",
        text(&out.stdout)
    );
    assert!(common::snapshot(dir.path()) == before, "nothing changed");
    // The other reading commands show what they can and fail (a tester's script kept a history
    // cut short, exit 0); `export` writes nothing that would look like the whole history.
    let outside = data_dir();
    let csv = outside.path().join("history.csv");
    let export = crate::poscare_en(dir.path(), &["export", csv.to_str().unwrap()]);
    assert_eq!(export.status.code(), Some(1), "{}", text(&export.stderr));
    assert!(text(&export.stderr).contains("nothing was exported"));
    assert!(!csv.exists());
    for command in [&["today"][..], &["insights"]] {
        let out = crate::poscare_en(dir.path(), command);
        assert_eq!(out.status.code(), Some(1), "{command:?}");
        assert!(
            text(&out.stderr).contains("damaged in the middle"),
            "{command:?}"
        );
    }
    assert!(common::snapshot(dir.path()) == before, "nothing changed");
}

/// `today` names the incidents handed on lately as waiting for someone else's fix, as the
/// window's Today does, and leaves out one marked resolved.
#[test]
fn today_names_the_incidents_handed_on_and_waiting_for_a_fix() {
    use poscare::incident::{IncidentStatus, NewIncident};
    let dir = data_dir();
    let mut store = open(dir.path());
    let till = store.add_device(&terminal("收银台1号")).unwrap();
    let mut add = |prompt: &str| {
        store
            .add_incident(&NewIncident {
                device_id: Some(till),
                prompt: prompt.to_owned(),
                entry_id: None,
                steps_done: Vec::new(),
                note: String::new(),
                staff_id: None,
            })
            .unwrap()
    };
    let handed = add("A0 校验错");
    let fixed = add("打印机缺纸");
    store
        .close_incident(handed, IncidentStatus::Escalated, "收单机构维修")
        .unwrap();
    store
        .close_incident(fixed, IncidentStatus::Resolved, "换了纸")
        .unwrap();
    drop(store);
    let out = crate::poscare_en(dir.path(), &["today"]);
    let said = text(&out.stdout);
    assert!(said.contains("Handed on, waiting for a fix (1)"), "{said}");
    assert!(
        said.contains("收银台1号 · A0 校验错 — 收单机构维修"),
        "{said}"
    );
    assert!(!said.contains("打印机缺纸"), "{said}");
    let out = crate::poscare_in(dir.path(), &["today", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&text(&out.stdout)).expect("json");
    let waiting = json["waiting_incidents"].as_array().unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0]["handed_to"], "收单机构维修");
    assert_eq!(json["open_incidents"].as_array().unwrap().len(), 0);
}

/// `backup` and `restore` on data whose log is damaged inside first copy the data file and
/// its log, unchanged, into `damaged/` (as the window does) and say so: opening the data drops
/// the changes after the damage, and the copy is the only way a technician gets them back.
#[test]
fn backup_and_restore_keep_a_log_damaged_inside_before_opening_the_data() {
    for restoring in [false, true] {
        let dir = data_dir();
        let usb = data_dir();
        open(dir.path()).add_device(&terminal("收银台")).unwrap();
        let db = dir.path().join("poscare.db");
        // A backup to restore, made before the damage.
        let good = crate::poscare_en(
            dir.path(),
            &["backup", "--to", usb.path().to_str().unwrap()],
        );
        assert!(good.status.success(), "{}", text(&good.stderr));
        let backup = text(&good.stdout).trim().to_owned();
        common::terminals_only_in_the_log(&db, 3);
        let wal_before = common::damage_the_logs_first_frame(&db);
        // A command that reads says what it shows leaves out, and changes nothing.
        let before = common::snapshot(dir.path());
        let today = crate::poscare_en(dir.path(), &["today"]);
        assert!(
            text(&today.stderr).contains("leaves out"),
            "{}",
            text(&today.stderr)
        );
        assert!(common::snapshot(dir.path()) == before);
        let out = if restoring {
            crate::poscare_en(dir.path(), &["restore", &backup, "--yes"])
        } else {
            crate::poscare_en(
                dir.path(),
                &["backup", "--to", usb.path().to_str().unwrap()],
            )
        };
        let err = text(&out.stderr);
        assert!(err.contains("log file (-wal)"), "{err}");
        let kept: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path().join("damaged"))
            .expect("a damaged folder")
            .flatten()
            .map(|e| e.path())
            .collect();
        let log = kept
            .iter()
            .find(|p| p.to_string_lossy().ends_with("-wal"))
            .expect("the log kept");
        assert_eq!(std::fs::read(log).unwrap(), wal_before, "kept unchanged");
        assert_eq!(kept.len(), 2, "{kept:?}");
    }
}

/// `check` says a trigger another program added to the data (it runs on every save, and
/// backups of such data cannot be restored), fails, and changes nothing.
#[test]
fn check_names_a_trigger_another_program_added() {
    let dir = data_dir();
    open(dir.path()).add_device(&terminal("收银台")).unwrap();
    rusqlite::Connection::open(dir.path().join("poscare.db"))
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER zz_evil AFTER INSERT ON backup_log BEGIN DELETE FROM incident_event; END",
        )
        .unwrap();
    let before = common::snapshot(dir.path());
    let out = crate::poscare_en(dir.path(), &["check"]);
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("never writes") && said.contains("zz_evil"),
        "{said}"
    );
    assert!(common::snapshot(dir.path()) == before, "nothing changed");
}
