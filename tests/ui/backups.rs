//! Backup flows on the real app: back up to a "USB stick", the backup task completing itself,
//! the reminder on Today, and restoring a backup file (a good one, then a bad one).

use crate::common;

use chrono::Local;
use common::{daily_backup_task, data_dir, open, terminal};
use egui_kittest::kittest::Queryable as _;
use poscare::i18n::Lang;
use poscare::planner::Outcome;
use poscare::store::{BackupKind, inspect_backup, keys, list_backups};
use poscare::ui::testing::{click, harness, settle, type_into};

fn in_chinese(dir: &std::path::Path) {
    open(dir)
        .set_setting(keys::LANGUAGE, Lang::Zh.code())
        .unwrap();
}

/// A Chinese shop whose plan has a daily backup task from today (its id), and a "USB stick".
fn shop_with_a_backup_task() -> (tempfile::TempDir, tempfile::TempDir, i64) {
    let dir = data_dir();
    in_chinese(dir.path());
    let today = Local::now().date_naive();
    let task = open(dir.path())
        .add_task(&daily_backup_task(today), None)
        .unwrap();
    (dir, data_dir(), task)
}

#[test]
fn back_up_to_a_usb_stick_completes_the_backup_task_and_today_shows_it() {
    let (dir, usb, task) = shop_with_a_backup_task();
    let today = Local::now().date_naive();
    let mut h = harness(dir.path());
    // Never backed up outside: Today says so, and leads to the Backups screen.
    h.get_by_label_contains("还没有备份到 U 盘");
    // The status line says which backup is which.
    h.get_by_label_contains("本机自动备份：");
    h.get_by_label("U 盘等外部备份：还没有");
    click(&mut h, "去备份");
    // No file dialog here (as on a till without one): the choose buttons are greyed and say to
    // type the path.
    {
        use egui_kittest::kittest::NodeT as _;
        for button in ["选择文件夹…", "选择文件…"] {
            assert!(
                h.get_by_label(button).accesskit_node().is_disabled(),
                "{button}"
            );
        }
    }
    assert!(
        h.query_all_by_label("这台电脑打不开选择文件的窗口，请直接填写完整路径。")
            .count()
            >= 2
    );
    // An empty folder is refused with a clear message.
    click(&mut h, "开始备份");
    h.get_by_label_contains("请先选择或填写要备份到的文件夹");
    type_into(&mut h, "备份到的文件夹", &usb.path().display().to_string());
    click(&mut h, "开始备份");
    settle(&mut h);
    h.get_by_label_contains("备份完成并已检查");
    let written = list_backups(usb.path());
    assert_eq!(written.len(), 1);
    assert_eq!(written[0].kind, BackupKind::Manual);
    // The planner's backup task completed itself.
    let latest = &h.state().plan().latest[&task];
    assert_eq!((latest.due, latest.outcome), (today, Outcome::Ok));
    // Today now shows the date of the last outside backup.
    h.get_by_label("今日").click();
    h.run();
    h.get_by_label_contains("上次备份到 U 盘");
    assert!(h.query_by_label_contains("还没有备份到 U 盘").is_none());
    assert!(h.query_by_label("U 盘等外部备份：还没有").is_none());
    h.get_by_label_contains("U 盘等外部备份：20");
}

#[test]
fn restoring_the_usb_backup_keeps_the_record_of_that_backup_and_the_task_it_completed() {
    let (dir, usb, task) = shop_with_a_backup_task();
    let mut h = harness(dir.path());
    click(&mut h, "去备份");
    type_into(&mut h, "备份到的文件夹", &usb.path().display().to_string());
    click(&mut h, "开始备份");
    settle(&mut h);
    let file = list_backups(usb.path()).remove(0).path;
    let done = h.state().plan().latest[&task].clone();

    // The same backup, restored from the stick through the window, chosen with one click (no
    // path to type on a till without a file dialog); the question says what the data holds now
    // beside what the file holds.
    let restore_button = h.get_by_label("恢复…").rect();
    h.get_by_label_contains("用最近一次备份到文件夹的文件")
        .click();
    h.run();
    // (The one-click line went away with the path put in; the buttons stayed where they were.)
    assert_eq!(h.get_by_label("恢复…").rect(), restore_button);
    assert_eq!(
        h.get_by_label("备份文件").value().as_deref(),
        Some(file.display().to_string().as_str())
    );
    click(&mut h, "恢复…");
    h.get_by_label_contains("现在的数据有：设备");
    // The very backup just made: nothing newer would go.
    assert!(
        h.query_by_label_contains("现在的数据比这份备份新")
            .is_none()
    );
    click(&mut h, "确定恢复");
    settle(&mut h);
    h.get_by_label_contains("已从备份恢复");
    h.get_by_label_contains("原来的数据已先另存一份备份");
    let kept = &h.state().plan().latest[&task];
    assert_eq!(
        (kept.due, kept.outcome, &kept.note),
        (done.due, Outcome::Ok, &done.note)
    );
    // The log on the screen still lists the backup, under the restore.
    h.get_by_label("已恢复");
    h.get_by_label("手动");
    h.get_by_label("今日").click();
    h.run();
    assert!(h.query_by_label_contains("还没有备份到 U 盘").is_none());
    // The folder to back up to is still the stick's (the file restored was made before the
    // setting was written; a walkthrough retyped the path every time).
    click(&mut h, "备份");
    assert_eq!(
        h.get_by_label("备份到的文件夹").value().as_deref(),
        Some(usb.path().display().to_string().as_str())
    );
}

#[test]
fn an_old_backup_brings_a_reminder_that_follows_the_chosen_interval() {
    let dir = data_dir();
    in_chinese(dir.path());
    let ten_days_ago = Local::now().naive_local() - chrono::Duration::days(10);
    open(dir.path())
        .set_setting(
            keys::LAST_EXTERNAL_BACKUP,
            &ten_days_ago.format("%Y-%m-%dT%H:%M:%S").to_string(),
        )
        .unwrap();
    let mut h = harness(dir.path());
    h.get_by_label_contains("已经 10 天没有备份到 U 盘了（提醒间隔 7 天）");
    click(&mut h, "去备份");
    // An absurd interval is refused and nothing changes.
    type_into(&mut h, "超过几天没备份就提醒", "0");
    click(&mut h, "保存");
    h.get_by_label_contains("提醒间隔请填 1 到 90 之间的天数");
    type_into(&mut h, "超过几天没备份就提醒", "14");
    click(&mut h, "保存");
    h.get_by_label_contains("超过 14 天没备份就提醒");
    h.get_by_label("今日").click();
    h.run();
    h.get_by_label_contains("上次备份到 U 盘");
    drop(h);
    let store = open(dir.path());
    assert_eq!(
        store
            .setting(keys::BACKUP_REMINDER_DAYS)
            .unwrap()
            .as_deref(),
        Some("14")
    );
}

#[test]
fn restore_a_backup_file_after_confirming_and_refuse_a_bad_one_without_changing_anything() {
    let dir = data_dir();
    let usb = data_dir();
    in_chinese(dir.path());
    let file = {
        let mut store = open(dir.path());
        store.add_device(&terminal("一号机")).unwrap();
        let file = store.write_backup(usb.path(), BackupKind::Manual).unwrap();
        // (A second later: records are timed to the second.)
        std::thread::sleep(std::time::Duration::from_millis(1100));
        store.add_device(&terminal("二号机")).unwrap();
        file
    };
    let garbage = usb.path().join("照片.db");
    std::fs::write(&garbage, "这不是数据库".repeat(500)).unwrap();

    let mut h = harness(dir.path());
    h.get_by_label("备份").click();
    h.run();
    // A file that is not a backup is checked before anything is asked: a clear error, no
    // question, and the data is as it was.
    type_into(&mut h, "备份文件", &garbage.display().to_string());
    click(&mut h, "恢复…");
    h.get_by_label_contains("没有恢复，现在的数据没有任何改动");
    h.get_by_label_contains("不是 POS Care 维护助手的备份文件");
    assert!(
        h.query_by_label("确定恢复").is_none(),
        "no question for a bad file"
    );
    assert_eq!(h.state().devices().len(), 2);

    // A file that is not there: said plainly, and nothing asked.
    type_into(
        &mut h,
        "备份文件",
        &usb.path().join("没有这个.db").display().to_string(),
    );
    click(&mut h, "恢复…");
    h.get_by_label_contains("找不到这个文件");
    assert!(h.query_by_label("确定恢复").is_none());
    assert_eq!(h.state().devices().len(), 2);

    // The data file itself, which the window holds open: said as such (not "another program is
    // using the file"), and nothing asked.
    type_into(
        &mut h,
        "备份文件",
        &dir.path().join("poscare.db").display().to_string(),
    );
    click(&mut h, "恢复…");
    h.get_by_label_contains("这就是现在正在用的数据文件");
    assert!(h.query_by_label("确定恢复").is_none());
    assert_eq!(h.state().devices().len(), 2);

    // The good file: checked first, then the question says what it holds. Cancel asks nothing
    // more and changes nothing.
    type_into(&mut h, "备份文件", &file.display().to_string());
    click(&mut h, "恢复…");
    h.get_by_label_contains("文件已检查，完好可用");
    h.get_by_label_contains("设备 1 台、故障记录 0 条");
    let newest = inspect_backup(&file).unwrap().newest.expect("records");
    let newest = newest.format("%Y-%m-%d %H:%M");
    h.get_by_label_contains(&format!("其中最新的记录：{newest}\n"));
    // Beside it, what it replaces: the two devices there are now, recorded after the backup.
    h.get_by_label_contains("现在的数据有：设备 2 台");
    h.get_by_label_contains("现在的数据比这份备份新");
    click(&mut h, "取消");
    settle(&mut h);
    assert_eq!(h.state().devices().len(), 2);
    // Esc closes the question the same way.
    click(&mut h, "恢复…");
    h.get_by_label("确定恢复");
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(h.query_by_label("确定恢复").is_none());
    assert_eq!(h.state().devices().len(), 2);

    // Confirmed: the data is the backup's, and what it replaced was kept.
    click(&mut h, "恢复…");
    h.get_by_label_contains("将用这份备份替换现在的全部数据");
    click(&mut h, "确定恢复");
    settle(&mut h);
    h.get_by_label_contains("已从备份恢复");
    let names: Vec<String> = h
        .state()
        .devices()
        .iter()
        .map(|d| d.fields.name.clone())
        .collect();
    assert_eq!(names, ["一号机"]);
    assert!(
        list_backups(&dir.path().join("backups"))
            .iter()
            .any(|b| b.kind == BackupKind::PreRestore),
        "the replaced data was backed up first"
    );
    // The restore shows in the backup log on the screen.
    h.get_by_label("已恢复");
}

#[test]
fn checking_the_backups_finds_a_damaged_one_and_says_so() {
    let dir = data_dir();
    in_chinese(dir.path());
    let mut h = harness(dir.path());
    // The daily backup was taken after the first frame; a second one is cut short on disk.
    let backups = dir.path().join("backups");
    let good = list_backups(&backups).remove(0);
    let bytes = std::fs::read(&good.path).unwrap();
    std::fs::write(
        backups.join("poscare-20260101-090000-auto.db"),
        &bytes[..bytes.len() / 2],
    )
    .unwrap();
    h.get_by_label("备份").click();
    h.run();
    assert_eq!(h.query_all_by_label("未检查").count(), 2);
    click(&mut h, "检查所有备份");
    settle(&mut h);
    h.get_by_label_contains("有 1 份备份已损坏");
    h.get_by_label("✓ 完好");
    h.get_by_label("⚠ 已损坏，不能用");
}

/// A copy named after today (made while the PC's clock ran ahead) says so on the list, rather
/// than passing for the newest automatic backup (a fault tester's "2027-06-01" at the top).
#[test]
fn a_backup_named_after_today_says_the_clock_was_ahead() {
    let dir = data_dir();
    in_chinese(dir.path());
    let mut h = harness(dir.path());
    let backups = dir.path().join("backups");
    let good = list_backups(&backups).remove(0);
    let ahead = chrono::Local::now().date_naive() + chrono::Days::new(200);
    let name = format!("poscare-{}-100001-auto.db", ahead.format("%Y%m%d"));
    std::fs::copy(&good.path, backups.join(name)).unwrap();
    h.get_by_label("备份").click();
    h.run();
    let later = format!("{} 10:00", ahead.format("%Y-%m-%d"));
    h.get_by_label(&format!("{later} （比今天晚）"));
    assert_eq!(
        h.query_all_by_label_contains("（比今天晚）").count(),
        1,
        "today's own copy is not marked"
    );
}

/// On a 1024×700 till at 200 %, the Backups screen (with the note of a PC without a file dialog
/// beside its buttons) needs no sideways scrolling, and a long failure message wraps inside the
/// window instead of running off its left edge: every text of the screen and of the message
/// lies within the window's width.
#[test]
fn at_200_percent_on_1024_the_backups_screen_and_a_long_failure_fit_the_width() {
    use egui_kittest::kittest::NodeT as _;
    let (dir, usb, _) = shop_with_a_backup_task();
    open(dir.path()).set_setting(keys::ZOOM, "200").unwrap();
    let show = std::sync::Arc::new(poscare::ui::instance::ShowRequests::default());
    let size = egui::vec2(1024.0, 700.0) / 2.0;
    let mut h = poscare::ui::testing::harness_sized(dir.path(), None, show, size);
    click(&mut h, "去备份");
    // A stick that is not plugged in: the folder above the one to make is missing.
    let missing = usb.path().join("STICK").join("备份");
    type_into(&mut h, "备份到的文件夹", &missing.display().to_string());
    click(&mut h, "开始备份");
    settle(&mut h);
    let mut beyond = Vec::new();
    for node in h.root().children_recursive() {
        let ak = node.accesskit_node();
        if matches!(ak.role(), egui::accesskit::Role::ScrollBar) {
            continue;
        }
        let Some(name) = ak.label().or_else(|| ak.value()) else {
            continue;
        };
        let r = node.rect();
        if r.is_finite() && (r.min.x < -0.5 || r.max.x > size.x + 0.5) {
            beyond.push(format!("“{name}” at {r:?}"));
        }
    }
    assert!(
        beyond.is_empty(),
        "beyond the window's width:\n{}",
        beyond.join("\n")
    );
    let failures: Vec<_> = h.query_all_by_label_contains("U 盘插好了吗").collect();
    assert!(!failures.is_empty(), "the failure is said");
    for failure in failures {
        let rect = failure.rect();
        assert!(
            rect.min.x >= -0.5 && rect.max.x <= size.x + 0.5,
            "the message “{:?}” at {rect:?} runs beyond the {} points of the window",
            (
                failure.accesskit_node().role(),
                failure.accesskit_node().value(),
                failure.accesskit_node().label()
            ),
            size.x
        );
    }
}

/// Closing the window (its ×) while a backup to a stick runs: the backup is finished first, the
/// window says so, and closes when it is done (a fault tester's × left half a copy on the stick
/// and no backup, where `poscare close` waited).
#[test]
fn closing_the_window_during_a_backup_finishes_the_backup_first() {
    use poscare::files::faults::{self, Fault, Op as FileOp};
    let (dir, usb, _) = shop_with_a_backup_task();
    let mut h = harness(dir.path());
    click(&mut h, "去备份");
    type_into(&mut h, "备份到的文件夹", &usb.path().display().to_string());
    // The stick is slow: flushing the copy takes a second and a half.
    let stick = usb.path().to_string_lossy().into_owned();
    faults::inject(FileOp::Sync, &stick, Fault::Slow(1500), 1);
    h.get_by_label("开始备份").click();
    h.step();
    h.step();
    assert!(h.state().busy(), "the backup runs");
    poscare::ui::testing::close_window(&mut h);
    assert!(
        h.state().closing_after_job(),
        "held until the backup is done"
    );
    assert!(!h.state().quitting());
    let said = h.state().notice().unwrap_or_default().to_owned();
    assert!(said.contains("完成后窗口会自动关闭"), "{said}");
    settle(&mut h);
    faults::clear(&stick);
    assert_eq!(list_backups(usb.path()).len(), 1, "the backup was finished");
    assert!(h.state().quitting(), "and the window closes");
}

/// A problem is said under the row it came from: "back up now" and the reminder's field stay
/// where they were (a line above them moved them under the mouse, and the next click started
/// a backup).
#[test]
fn a_problem_moves_no_control_above_it() {
    let dir = data_dir();
    in_chinese(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "备份");
    let at = |h: &egui_kittest::Harness<'static, poscare::ui::app::App>, label: &str| {
        h.get_by_label(label).rect()
    };
    let (start, reminder) = (at(&h, "开始备份"), at(&h, "超过几天没备份就提醒"));
    type_into(&mut h, "超过几天没备份就提醒", "0");
    click(&mut h, "保存");
    h.get_by_label_contains("提醒间隔请填 1 到 90 之间的天数");
    assert_eq!(at(&h, "开始备份"), start);
    assert_eq!(at(&h, "超过几天没备份就提醒"), reminder);
    // An empty folder: said under the backup's buttons, which stay.
    type_into(&mut h, "备份到的文件夹", "");
    let start = at(&h, "开始备份");
    click(&mut h, "开始备份");
    h.get_by_label_contains("请先选择或填写要备份到的文件夹");
    assert_eq!(at(&h, "开始备份"), start);
}

/// A new PC for a shop moving from another: the set-up offers the restore first, and the
/// stick's folder typed as the file lists its backups to choose from (a shop owner had to find
/// the file's name herself: "this is not a plain file").
#[test]
fn a_new_pc_restores_from_the_sticks_folder_chosen_from_its_backups() {
    let old = data_dir();
    let usb = data_dir();
    in_chinese(old.path());
    {
        let mut store = open(old.path());
        store.add_device(&terminal("一号机")).unwrap();
        store.write_backup(usb.path(), BackupKind::Manual).unwrap();
    }
    let new = data_dir();
    in_chinese(new.path());
    let mut h = harness(new.path());
    h.get_by_label_contains("从另一台电脑搬过来？");
    // Nothing of the shop's to back up yet: no "back up now" to put an empty backup on the
    // stick above the old PC's.
    assert!(h.query_by_label_contains("还没有备份到 U 盘").is_none());
    click(&mut h, "用 U 盘上的备份恢复…");
    assert_eq!(h.state().screen(), poscare::ui::app::Screen::Backups);
    // A folder with no backup (a sub-folder named like one is none): said so, nothing asked.
    let empty = data_dir();
    std::fs::create_dir(empty.path().join("poscare-20991231-120000-manual.db")).unwrap();
    type_into(&mut h, "备份文件", &empty.path().display().to_string());
    click(&mut h, "恢复…");
    h.get_by_label_contains("这个文件夹里没有 POS Care 的备份");
    // More than are listed: the rest are said, not hidden.
    let many = data_dir();
    let one = list_backups(usb.path()).remove(0).path;
    for day in 1..=10 {
        let name = format!("poscare-202611{day:02}-120000-manual.db");
        std::fs::copy(&one, many.path().join(name)).unwrap();
    }
    type_into(&mut h, "备份文件", &many.path().display().to_string());
    click(&mut h, "恢复…");
    h.get_by_label_contains("还有 2 份更早的备份没列出");
    // The stick's folder: its backup to choose, then the usual question. Each is listed with
    // what it holds: newer files that are junk, or a copy of empty data, say so (a fault
    // tester's stick listed an empty copy first, looking like the shop's backup).
    std::fs::write(
        usb.path().join("poscare-20991231-230000-manual.db"),
        vec![0x5a; 1000],
    )
    .unwrap();
    // Another program's database named like one: said so, not "empty".
    {
        let other =
            rusqlite::Connection::open(usb.path().join("poscare-20991231-210000-manual.db"))
                .unwrap();
        other
            .execute_batch("CREATE TABLE notes (body TEXT)")
            .unwrap();
    }
    {
        let (blank, stick) = (data_dir(), data_dir());
        open(blank.path())
            .write_backup(stick.path(), BackupKind::Manual)
            .unwrap();
        let empty = list_backups(stick.path()).remove(0).path;
        std::fs::copy(empty, usb.path().join("poscare-20991231-220000-manual.db")).unwrap();
    }
    type_into(&mut h, "备份文件", &usb.path().display().to_string());
    click(&mut h, "恢复…");
    assert!(h.query_by_label_contains("这个文件夹里没有").is_none());
    h.get_by_label_contains("这个文件夹里的备份");
    h.get_by_label_contains("poscare-20991231-230000-manual.db\n⚠ 不能用");
    h.get_by_label_contains("poscare-20991231-220000-manual.db\n⚠ 里面没有记录");
    h.get_by_label_contains("poscare-20991231-210000-manual.db\n⚠ 不能用：");
    h.get_by_label_contains("\n设备 1 台、故障记录 0 条");
    let file = list_backups(usb.path()).remove(3).path;
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    h.get_by_label_contains(&name).click();
    h.run();
    assert_eq!(
        h.get_by_label("备份文件").value().as_deref(),
        Some(file.display().to_string().as_str())
    );
    click(&mut h, "恢复…");
    click(&mut h, "确定恢复");
    settle(&mut h);
    h.get_by_label_contains("已从备份恢复");
    assert_eq!(h.state().devices().len(), 1);
    assert_eq!(h.state().devices()[0].fields.name, "一号机");
}

/// A folder typed for backups is kept at once (Enter), before any backup: another screen and
/// back, or a restart, still shows it (a shop owner typed it twice).
#[test]
fn a_backup_folder_typed_is_kept_before_the_first_backup() {
    let (dir, usb, _) = shop_with_a_backup_task();
    let path = usb.path().display().to_string();
    let mut h = harness(dir.path());
    click(&mut h, "去备份");
    type_into(&mut h, "备份到的文件夹", &path);
    h.key_press(egui::Key::Enter);
    settle(&mut h);
    click(&mut h, "今日");
    click(&mut h, "去备份");
    assert_eq!(
        h.get_by_label("备份到的文件夹").value().as_deref(),
        Some(path.as_str())
    );
    drop(h);
    let kept = open(dir.path()).setting(keys::BACKUP_FOLDER).unwrap();
    assert_eq!(kept.as_deref(), Some(path.as_str()));
}
