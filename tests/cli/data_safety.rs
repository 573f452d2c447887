//! The command line never overwrites, hides or sets aside the shop's data (issue 9), run as the
//! real binary. `POSCARE_BIN` may name another build of `poscare` to run these against (to show
//! that an older build fails them).

use crate::common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{damage_middle, data_dir, open, shop_with_devices, snapshot, terminal};
use poscare::store::{BackupKind, CURRENT_VERSION, list_backups};

fn command(dir: &Path, args: &[&str]) -> Command {
    crate::command_in_language(dir, "en_US.UTF-8", args)
}

fn poscare(dir: &Path, args: &[&str]) -> Output {
    crate::run(&mut command(dir, args))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn shop() -> tempfile::TempDir {
    let dir = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("收银台1号终端")).unwrap();
    store
        .daily_backup(chrono::Local::now().naive_local())
        .unwrap();
    dir
}

// ---- 1. Export never touches the data folder or a database ------------------------------------

#[test]
fn export_refuses_the_live_database_its_backups_and_the_data_folder() {
    let dir = shop();
    let usb = data_dir();
    let outside_backup = open(dir.path())
        .write_backup(usb.path(), BackupKind::Manual)
        .unwrap();
    let backup = list_backups(&dir.path().join("backups"))[0].path.clone();
    let before = snapshot(dir.path());
    let usb_before = snapshot(usb.path());
    for (target, why) in [
        (dir.path().join("poscare.db"), "into the data folder"),
        (backup, "into the data folder"),
        (dir.path().join("report.csv"), "into the data folder"),
        (
            dir.path().join("backups").join("report.csv"),
            "into the data folder",
        ),
        (outside_backup, "is a database"),
    ] {
        let out = poscare(dir.path(), &["export", target.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{} must be refused: {}",
            target.display(),
            text(&out.stdout)
        );
        assert!(text(&out.stderr).contains(why), "{}", text(&out.stderr));
        assert_eq!(snapshot(dir.path()), before, "{}", target.display());
        assert_eq!(snapshot(usb.path()), usb_before, "{}", target.display());
    }
    // The data is all there for the next start.
    assert_eq!(common::device_names(&open(dir.path())), ["收银台1号终端"]);
}

#[test]
fn export_replaces_an_existing_file_only_with_force() {
    let dir = shop();
    let out_dir = data_dir();
    let file = out_dir.path().join("history.csv");
    std::fs::write(&file, "the merchant's own sheet").unwrap();
    let out = poscare(dir.path(), &["export", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--force"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "the merchant's own sheet"
    );
    let out = poscare(dir.path(), &["export", file.to_str().unwrap(), "--force"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read(&file).unwrap().starts_with(b"\xEF\xBB\xBF"));
}

#[cfg(unix)]
#[test]
fn export_never_replaces_a_device_or_socket() {
    use std::os::unix::fs::FileTypeExt;
    let dir = shop();
    let out_dir = data_dir();
    let socket = out_dir.path().join("device.csv");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let out = poscare(dir.path(), &["export", socket.to_str().unwrap(), "--force"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        std::fs::symlink_metadata(&socket)
            .unwrap()
            .file_type()
            .is_socket(),
        "still the same special file"
    );
}

// ---- 3. Reading commands change nothing; damage exits 1 and says to open the window ------------

fn reading_commands(dir: &Path, out: &Path) -> Vec<(String, Output)> {
    let csv = out.join("x.csv");
    [
        vec!["lookup", "51"],
        vec!["today"],
        vec!["today", "--json"],
        vec!["check"],
        vec!["export", csv.to_str().unwrap()],
    ]
    .into_iter()
    .map(|args| (args.join(" "), poscare(dir, &args)))
    .collect()
}

#[test]
fn reading_commands_leave_a_damaged_folder_byte_identical() {
    let dir = shop_with_devices(400, 300);
    open(dir.path())
        .daily_backup(chrono::Local::now().naive_local())
        .unwrap();
    // Damage in a table: the window cannot rebuild it and offers the backup.
    common::damage_the_devices_table(&dir.path().join("poscare.db"));
    let out_dir = data_dir();
    let before = snapshot(dir.path());
    for (what, out) in reading_commands(dir.path(), out_dir.path()) {
        assert_eq!(out.status.code(), Some(1), "{what}: {}", text(&out.stderr));
        let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(said.contains("Open POS Care"), "{what}: {said}");
        assert_eq!(
            snapshot(dir.path()),
            before,
            "{what} changed the data folder"
        );
    }
    assert!(!out_dir.path().join("x.csv").exists());
    // The window then finds the damage itself and offers the backup.
    let (_, report) = poscare::store::Store::open_window(
        poscare::store::DataPaths::new(dir.path()),
        poscare::store::Verify::Now,
    )
    .unwrap();
    assert!(report.recovery.and_then(|r| r.backup).is_some());
}

#[test]
fn reading_commands_leave_a_sound_folder_byte_identical() {
    let dir = shop();
    let out_dir = data_dir();
    let before = snapshot(dir.path());
    for (what, out) in reading_commands(dir.path(), out_dir.path()) {
        assert!(out.status.success(), "{what}: {}", text(&out.stderr));
        assert_eq!(
            snapshot(dir.path()),
            before,
            "{what} changed the data folder"
        );
    }
    assert!(out_dir.path().join("x.csv").exists());
}

/// `backup --to` on a folder holding another program's database, or a damaged one, that no
/// copy of the app has opened: refused, and the folder is left as it was (no `app.lock` made),
/// nothing written on the stick.
#[test]
fn backup_to_on_a_folder_it_refuses_creates_nothing_there() {
    for what in ["foreign", "damaged"] {
        let dir = if what == "damaged" {
            let dir = shop_with_devices(300, 100);
            damage_middle(&dir.path().join("poscare.db"));
            dir
        } else {
            let dir = data_dir();
            let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
            conn.execute_batch("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT);")
                .unwrap();
            dir
        };
        // As a folder no copy of the app has opened.
        let _ = std::fs::remove_file(dir.path().join("app.lock"));
        let usb = data_dir();
        let before = snapshot(dir.path());
        let out = poscare(
            dir.path(),
            &["backup", "--to", usb.path().join("b").to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(1), "{what}: {}", text(&out.stderr));
        assert_eq!(
            snapshot(dir.path()),
            before,
            "{what}: the folder is as it was"
        );
        assert!(!usb.path().join("b").exists(), "{what}");
    }
}

/// The data file gone with only the first start's empty backup left: `check` offers it and
/// says it holds nothing (restoring it is starting empty); a backup with records is not said so.
#[test]
fn check_says_when_the_backup_it_offers_holds_nothing() {
    for (records, said_empty) in [(false, true), (true, false)] {
        let dir = data_dir();
        {
            let mut store = open(dir.path());
            if records {
                store.add_device(&terminal("收银台1号终端")).unwrap();
            }
            store
                .daily_backup(chrono::Local::now().naive_local())
                .unwrap();
        }
        std::fs::remove_file(dir.path().join("poscare.db")).unwrap();
        let out = text(&poscare(dir.path(), &["check"]).stdout);
        assert!(out.contains("DATA MISSING"), "{out}");
        assert_eq!(out.contains("holds no devices"), said_empty, "{out}");
    }
}

#[test]
fn reading_commands_on_a_missing_file_with_backups_say_to_recover() {
    let dir = shop();
    std::fs::remove_file(dir.path().join("poscare.db")).unwrap();
    let before = snapshot(dir.path());
    for args in [vec!["today"], vec!["check"]] {
        let out = poscare(dir.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(snapshot(dir.path()), before);
    }
    assert!(text(&poscare(dir.path(), &["check"]).stdout).contains("DATA MISSING"));
}

#[test]
fn a_backup_of_a_damaged_database_writes_nothing_and_fails() {
    let dir = shop_with_devices(400, 300);
    damage_middle(&dir.path().join("poscare.db"));
    let usb = data_dir();
    let before = snapshot(dir.path());
    let out = poscare(
        dir.path(),
        &["backup", "--to", usb.path().to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("Open POS Care"));
    assert_eq!(std::fs::read_dir(usb.path()).unwrap().count(), 0);
    assert_eq!(snapshot(dir.path()), before);
}

// ---- 7. check tells each state truly ------------------------------------------------------------

#[test]
fn check_gives_each_state_its_own_true_message() {
    // A newer version's file: not damage.
    let dir = shop();
    {
        let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
        conn.pragma_update(None, "user_version", CURRENT_VERSION + 1)
            .unwrap();
    }
    let before = snapshot(dir.path());
    let out = poscare(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    assert!(
        said.contains("NEWER VERSION") && said.contains("install the newest"),
        "{said}"
    );
    assert!(!said.contains("DAMAGED"), "{said}");
    assert_eq!(snapshot(dir.path()), before);

    // A fresh, empty file: nothing recorded yet, not damage.
    let fresh = data_dir();
    std::fs::write(fresh.path().join("poscare.db"), b"").unwrap();
    let out = poscare(fresh.path(), &["check"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("empty"), "{}", text(&out.stdout));

    // The live database is data, not "a backup".
    let live = shop();
    let out = poscare(live.path(), &["check"]);
    assert!(out.status.success());
    assert!(
        !text(&out.stdout).contains("backup"),
        "{}",
        text(&out.stdout)
    );

    // Damage is said once, plainly, with the way out.
    let damaged = shop();
    std::fs::write(damaged.path().join("poscare.db"), b"garbage").unwrap();
    let out = poscare(damaged.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    assert_eq!(
        said.matches("damaged").count() + said.matches("DAMAGED").count(),
        2,
        "{said}"
    );
    assert!(!said.contains("(the file is damaged)"), "{said}");
    assert!(said.contains("Newest good backup"), "{said}");
}

// ---- 8. restore thins its safety copies -------------------------------------------------------

#[test]
fn restore_from_the_command_line_thins_the_before_restore_copies() {
    let dir = shop();
    let usb = data_dir();
    let good = open(dir.path())
        .write_backup(usb.path(), BackupKind::Manual)
        .unwrap();
    let bytes = std::fs::read(&good).unwrap();
    for day in 1..=5 {
        std::fs::write(
            dir.path().join(format!(
                "backups/poscare-202601{day:02}-090000-before-restore.db"
            )),
            &bytes,
        )
        .unwrap();
    }
    let out = poscare(dir.path(), &["restore", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let copies = list_backups(&dir.path().join("backups"))
        .into_iter()
        .filter(|b| b.kind == BackupKind::PreRestore)
        .count();
    assert_eq!(copies, 3, "the newest three safety copies stay");
}

// ---- 10. Small ones -------------------------------------------------------------------------

#[test]
fn today_into_a_closed_pipe_exits_quietly() {
    let dir = shop();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = command(dir.path(), &["today"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("panicked"));
}

#[cfg(unix)]
#[test]
fn restore_from_a_pipe_is_refused_at_once() {
    let dir = shop();
    let fifo = data_dir();
    let pipe = fifo.path().join("backup.db");
    let made = Command::new("mkfifo").arg(&pipe).status().unwrap();
    assert!(made.success());
    let mut child = command(dir.path(), &["restore", pipe.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("restore from a pipe hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let out = child.wait_with_output().unwrap();
    assert_eq!(status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not a plain file"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_file_given_as_the_data_folder_is_a_usage_error() {
    let dir = data_dir();
    let file = dir.path().join("poscare.db");
    std::fs::write(&file, b"x").unwrap();
    for args in [
        vec!["today"],
        vec!["check"],
        vec!["lookup", "51"],
        vec!["export", "/tmp/x.csv"],
    ] {
        let out = poscare(&file, &args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stdout)
        );
        assert!(
            text(&out.stderr).contains("not a folder"),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

// ---- Issue 19: a bad row is named and the rest works; an older database is not copied ----------

/// One task with a garbled schedule: `today` and `insights` still work (exit 0), name the task
/// on stderr, and never print a raw conversion error; the folder is left as it was.
#[test]
fn a_garbled_task_is_named_and_reading_commands_still_work() {
    let dir = shop();
    {
        let mut store = open(dir.path());
        let today = chrono::Local::now().date_naive();
        store
            .add_task(&common::daily_backup_task(today), None)
            .unwrap();
    }
    let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
    conn.execute("UPDATE task SET schedule = 'garbled' WHERE id = 1", [])
        .unwrap();
    drop(conn);
    let before = snapshot(dir.path());
    for args in [&["today"][..], &["today", "--json"], &["insights"]] {
        let out = poscare(dir.path(), args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.contains("task 1"), "{args:?} names the task: {err}");
        assert!(!err.contains("Conversion error"), "{err}");
    }
    assert!(snapshot(dir.path()) == before, "nothing changed");
}

/// A database of an older version is not copied into the temporary folder to be migrated on
/// every run (the shop's whole data, each time): reading commands say to open the window once.
#[test]
fn reading_commands_on_an_older_database_say_to_open_the_window() {
    let dir = data_dir();
    common::db_from_sql(
        &dir.path().join("poscare.db"),
        include_str!("../fixtures/schema_v4.sql"),
    );
    let before = snapshot(dir.path());
    for args in [&["today"][..], &["export", "/dev/null"], &["insights"]] {
        let out = poscare(dir.path(), args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("Open the POS Care window once"), "{err}");
    }
    assert!(snapshot(dir.path()) == before);
}

/// `today` names an incident it leaves out (a status no POS Care knows), as `check` does: it
/// was left out of the open incidents without a word.
#[test]
fn today_names_an_incident_it_leaves_out() {
    let dir = shop();
    let conn = rusqlite::Connection::open(dir.path().join("poscare.db")).unwrap();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         INSERT INTO incident (id, started_at, device_id, prompt, status, updated_at)
             VALUES (41, '2026-12-05T10:00:00', NULL, 'Z8', 'lost', '2026-12-05T10:00:00');",
    )
    .unwrap();
    drop(conn);
    let out = poscare(dir.path(), &["today"]);
    let said = text(&out.stderr);
    assert!(said.contains("incident 41"), "{said}");
    assert!(!text(&out.stdout).contains("Z8"));
}
