//! Data safety II (issue 19), run as the real binary (and, where a fault must be injected into
//! SQLite, the command's own code in this process): date ranges that cannot overflow or be
//! backwards, a backup target that is a file, the app's own leftovers on a USB stick cleared,
//! and a backup the data could not record said as such. `POSCARE_BIN` may name an older build
//! to show that it fails these.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, SystemTime};

use common::fault_vfs::{self, Op};
use common::{data_dir, open, terminal};
use poscare::i18n::Lang;
use poscare::incident::NewIncident;
use poscare::store::{BackupBy, list_backups};

use crate::poscare_en as poscare;

/// Runs `poscare --data-dir DIR ARGS` in Chinese.
fn poscare_zh(dir: &Path, args: &[&str]) -> Output {
    crate::run(&mut crate::command_in_language(dir, "zh_CN.UTF-8", args))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A shop in `lang` with one terminal and two incidents recorded today.
fn shop(lang: &str) -> tempfile::TempDir {
    let dir = data_dir();
    let mut store = open(dir.path());
    store
        .set_setting(poscare::store::keys::LANGUAGE, lang)
        .unwrap();
    let t = store.add_device(&terminal("收银台1号")).unwrap();
    for prompt in ["A0 校验错", "51 余额不足"] {
        store
            .add_incident(&NewIncident {
                device_id: Some(t),
                prompt: prompt.into(),
                ..Default::default()
            })
            .unwrap();
    }
    dir
}

/// The data rows of an exported CSV file.
fn csv_rows(path: &Path) -> usize {
    let bytes = fs::read(path).unwrap();
    csv::ReaderBuilder::new()
        .from_reader(&bytes[3..])
        .records()
        .count()
}

// ---- 1. Date ranges -----------------------------------------------------------------------------

#[test]
fn an_export_to_the_last_day_of_the_calendar_holds_everything() {
    let dir = shop("en");
    let out_dir = data_dir();
    let all = out_dir.path().join("all.csv");
    let out = poscare(dir.path(), &["export", all.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let everything = csv_rows(&all);
    assert!(everything >= 3, "a device and two incidents: {everything}");
    for to in ["9999-12-30", "9999-12-31"] {
        let file = out_dir.path().join(format!("to-{to}.csv"));
        let out = poscare(dir.path(), &["export", file.to_str().unwrap(), "--to", to]);
        assert!(out.status.success(), "--to {to}: {}", text(&out.stderr));
        assert_eq!(csv_rows(&file), everything, "--to {to}");
        assert!(
            text(&out.stdout).contains(&format!("({everything} entries)")),
            "--to {to}: {}",
            text(&out.stdout)
        );
    }
    // The report up to the last day has today's incidents too.
    let today = chrono::Local::now().date_naive().to_string();
    let html = out_dir.path().join("report.html");
    let out = poscare(
        dir.path(),
        &[
            "export",
            html.to_str().unwrap(),
            "--html",
            "--from",
            &today,
            "--to",
            "9999-12-31",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = fs::read_to_string(&html).unwrap();
    assert!(report.contains("A0 校验错") && report.contains("51 余额不足"));
}

#[test]
fn a_start_after_the_end_is_a_usage_error_that_says_so_in_both_languages() {
    let dir = shop("en");
    let out_dir = data_dir();
    let file = out_dir.path().join("report.html");
    let path = file.to_str().unwrap();
    let today = chrono::Local::now().date_naive().to_string();
    // --from after today without --to: the period would end before it begins. Said in the
    // system's language, whatever language the content is asked in (`LANG` only steers it on
    // Unix; Windows takes the system's).
    type Run = fn(&Path, &[&str]) -> Output;
    let mut rows: Vec<(Run, &str, bool, &str)> = vec![
        (poscare, "zh", true, "after today"),
        (poscare, "en", false, "after today"),
    ];
    if cfg!(unix) {
        rows.push((poscare_zh, "en", true, "晚于今天"));
    }
    for (run, lang, html, said) in rows {
        let mut args = vec!["export", path, "--from", "2099-01-01", "--lang", lang];
        if html {
            args.push("--html");
        }
        let out = run(dir.path(), &args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stdout)
        );
        let err = text(&out.stderr);
        assert!(
            err.contains("2099-01-01") && err.contains(said) && err.contains(&today),
            "{args:?}: {err}"
        );
    }
    // Both given, backwards.
    let mut rows: Vec<(Run, &str, &str)> = vec![(poscare, "zh", "after the end date")];
    if cfg!(unix) {
        rows.push((poscare_zh, "en", "晚于结束日期"));
    }
    for (run, lang, said) in rows {
        let out = run(
            dir.path(),
            &[
                "export",
                path,
                "--html",
                "--from",
                "2026-11-25",
                "--to",
                "2026-11-01",
                "--lang",
                lang,
            ],
        );
        assert_eq!(out.status.code(), Some(2));
        let err = text(&out.stderr);
        assert!(
            err.contains(said) && err.contains("2026-11-25") && err.contains("2026-11-01"),
            "{err}"
        );
    }
    assert_eq!(
        fs::read_dir(out_dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
    // The same rule for insights (the shared --from/--to), in the system's language too.
    let mut rows: Vec<(Run, &str, &str)> = vec![(poscare, "zh", "after today")];
    if cfg!(unix) {
        rows.push((poscare_zh, "en", "晚于今天"));
    }
    for (run, shop_lang, said) in rows {
        let dir = shop(shop_lang);
        let out = run(dir.path(), &["insights", "--from", "2099-01-01"]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
        let err = text(&out.stderr);
        assert!(err.contains(said) && err.contains("2099-01-01"), "{err}");
        let out = poscare(
            dir.path(),
            &["insights", "--from", "2026-11-25", "--to", "2026-11-01"],
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).contains("2026-11-25"));
    }
    // A --from of today without --to is fine.
    let out = poscare(dir.path(), &["insights", "--from", &today]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

// ---- 2. A backup target that is a file ---------------------------------------------------------

#[test]
fn a_backup_into_a_file_says_it_is_a_file_and_writes_nothing() {
    let dir = shop("en");
    let elsewhere = data_dir();
    let file = elsewhere.path().join("backup.txt");
    fs::write(&file, "the merchant's notes").unwrap();
    let mut targets = vec![(file.clone(), "en")];
    // The language follows LANG on Unix; on Windows it is the system's, which no variable sets.
    if cfg!(unix) {
        targets.push((file.clone(), "zh"));
        targets.push(("/dev/null".into(), "en"));
    }
    for (target, lang) in targets {
        let args = ["backup", "--to", target.to_str().unwrap()];
        let out = match lang {
            "zh" => poscare_zh(dir.path(), &args),
            _ => poscare(dir.path(), &args),
        };
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
        let err = text(&out.stderr);
        let said = match lang {
            "zh" => "目标是一个文件，不是文件夹",
            _ => "The target is a file, not a folder",
        };
        assert!(err.contains(said), "{err}");
        assert!(
            !err.contains("os error") && !err.contains("File exists"),
            "{err}"
        );
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), "the merchant's notes");
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 1);
}

/// A file where the data folder keeps its backups: a restore (which backs up the data first)
/// changes nothing and names that file, never a USB stick; the file is left as it was.
#[test]
fn a_file_in_place_of_the_backups_folder_is_named_and_no_usb_stick_is_blamed() {
    let dir = shop("en");
    let stick = data_dir();
    let out = poscare(
        dir.path(),
        &["backup", "--to", stick.path().to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let copy = text(&out.stdout).trim().to_owned();
    let backups = dir.path().join("backups");
    if backups.is_dir() {
        fs::remove_dir_all(&backups).unwrap();
    }
    fs::write(&backups, "not a folder").unwrap();
    let out = poscare(dir.path(), &["restore", &copy]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(err.contains("is a file, not the backups folder"), "{err}");
    assert!(!err.contains("USB") && !err.contains("os error"), "{err}");
    assert_eq!(fs::read_to_string(&backups).unwrap(), "not a folder");
    let check = poscare(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", text(&check.stdout));
}

/// A backup to a folder typed relative to where the command ran (`backup --to usb`) is kept in
/// the history under its whole path: months later, from anywhere, it says where the copy is.
/// The folder the window offers for the next backup is that whole path too (a tester's window,
/// started from a shortcut elsewhere, backed up into a new `usb` folder on the PC's own disk
/// and counted it as the stick's).
#[test]
fn a_backup_to_a_relative_folder_is_logged_with_its_whole_path() {
    let dir = shop("en");
    let here = data_dir();
    let out = crate::command_in_language(dir.path(), "en_US.UTF-8", &["backup", "--to", "usb"])
        .current_dir(here.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let store = open(dir.path());
    let logged = &store.backup_log(1).unwrap()[0];
    let whole = here.path().join("usb");
    assert!(
        std::path::Path::new(&logged.path).starts_with(&whole),
        "{} is not under {}",
        logged.path,
        whole.display()
    );
    let folder = store
        .setting(poscare_core::store::keys::BACKUP_FOLDER)
        .unwrap()
        .unwrap();
    assert_eq!(std::path::Path::new(&folder), whole);
}

// ---- 3. The app's own leftovers in a folder it writes into --------------------------------------

/// Sets a file's modification time `secs` seconds back.
fn age(path: &Path, secs: u64) {
    let file = fs::OpenOptions::new().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(secs))
        .unwrap();
}

/// The id of a process that has ended.
fn ended_pid() -> u32 {
    let mut child = crate::command(&["--version"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// Puts the leftovers of a pulled stick and of a killed export into `stick` (with the things
/// that must stay beside them); returns (the leftovers, what stays).
fn leftovers_in(stick: &Path) -> (Vec<String>, Vec<String>) {
    let mut gone = vec![
        // A backup cut off before its rename, with SQLite's journal beside it.
        ".poscare-20261101-093000-manual.db.tmp".to_owned(),
        ".poscare-20261101-093000-manual.db.tmp-journal".to_owned(),
        // An export killed before its rename.
        ".history.csv.4242-0.tmp".to_owned(),
    ];
    let stays = vec![
        // Not ours, however old or however alike.
        "photo.jpg".to_owned(),
        ".history.csv.tmp".to_owned(),
        ".poscare-notes.db.tmp".to_owned(),
        "poscare-20261101-093000-manual.db.tmp".to_owned(),
        // Ours, but just written by a process that is still running: a write in progress.
        format!(".report.csv.{}-0.tmp", std::process::id()),
    ];
    for name in gone.iter().chain(&stays) {
        fs::write(stick.join(name), b"half").unwrap();
        if !name.starts_with(".report") {
            age(&stick.join(name), 3600);
        }
    }
    // A fresh leftover of a process that has ended, where the OS can tell (Linux).
    if cfg!(target_os = "linux") {
        let name = format!(".history.csv.{}-0.tmp", ended_pid());
        fs::write(stick.join(&name), b"half").unwrap();
        gone.push(name);
    }
    (gone, stays)
}

fn assert_cleared(stick: &Path, gone: &[String], stays: &[String], what: &str) {
    for name in gone {
        assert!(!stick.join(name).exists(), "{what} left {name}");
    }
    for name in stays {
        assert!(stick.join(name).exists(), "{what} removed {name}");
    }
}

#[test]
fn a_backup_or_an_export_clears_the_apps_own_leftovers_there_and_nothing_else() {
    let dir = shop("en");
    let stick = data_dir();
    let (gone, stays) = leftovers_in(stick.path());
    let out = poscare(
        dir.path(),
        &["backup", "--to", stick.path().to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_cleared(stick.path(), &gone, &stays, "backup");
    assert_eq!(
        list_backups(stick.path()).len(),
        1,
        "and the backup is there"
    );

    let (gone, stays) = leftovers_in(stick.path());
    let csv = stick.path().join("history.csv");
    let out = poscare(dir.path(), &["export", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_cleared(stick.path(), &gone, &stays, "export");
    assert!(csv.exists());
}

// ---- 5. A backup the live data cannot record ----------------------------------------------------

#[test]
fn a_backup_the_data_cannot_record_says_so_and_fails_the_command() {
    // SQLite chooses a connection's file system when it opens: the fault VFS must be there.
    fault_vfs::install();
    let dir = shop("en");
    let usb = data_dir();
    let mut store = open(dir.path());
    let now = chrono::Local::now().naive_local();
    store
        .add_task(&common::daily_backup_task(now.date()), None)
        .unwrap();
    store.plan_snapshot_recording_missed(now.date()).unwrap();
    let by = BackupBy {
        at: now,
        done_by: None,
        lang: Lang::En,
    };
    // The live data's write-ahead log cannot be written (its disk failing): the copy on the
    // stick is written and checked, but recording it in the data fails.
    let wal = dir.path().join("poscare.db-wal");
    fault_vfs::fail(Op::Write, &wal, 0, 100_000, fault_vfs::WRITE_ERROR);
    let result = store.back_up_outside(usb.path(), &by);
    fault_vfs::clear(&wal);
    let path = result.as_ref().expect("the copy was written").path.clone();
    assert!(path.exists());
    let said = poscare::cli::backup_said(&result, by.at, Lang::En);
    assert_eq!(said.code, 1, "{said:?}");
    assert!(said.out.is_empty(), "{said:?}");
    assert!(
        said.err.contains("could not be recorded")
            && said.err.contains(&path.display().to_string()),
        "{said:?}"
    );
    let zh = poscare::cli::backup_said(&result, by.at, Lang::Zh);
    assert_eq!(zh.code, 1);
    assert!(zh.err.contains("没能记进数据里"), "{zh:?}");
    drop(store);

    // Recorded, it says the path and how many tasks it ticked, and exits 0.
    let out = poscare(
        dir.path(),
        &["backup", "--to", usb.path().to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).trim().ends_with(".db"));
    assert!(
        text(&out.stderr).contains("1 backup task in the plan marked done"),
        "{}",
        text(&out.stderr)
    );
}

/// Found by a tester: `backup --to` on a folder with no data (a mistyped `--data-dir`) said it
/// had backed up, created a database there and put an empty "backup" on the stick, which then
/// outranked a real one. It says there is no data, and creates and writes nothing.
#[test]
fn a_backup_of_a_folder_without_data_creates_nothing_and_says_so() {
    let parent = data_dir();
    let nowhere = parent.path().join("mistyped");
    let stick = data_dir();
    let out = poscare(
        &nowhere,
        &["backup", "--to", stick.path().to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("no data yet"),
        "{}",
        text(&out.stderr)
    );
    assert!(!nowhere.exists(), "the folder was created");
    assert_eq!(fs::read_dir(stick.path()).unwrap().count(), 0);
}
