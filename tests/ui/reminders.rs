//! Reminders that reach someone not looking at the window (issue 21): what falls due is
//! announced once a day, remembered across a restart, and Settings chooses quiet, the opening
//! time and whether closing the window keeps the app in the notification area. The tray icon
//! and the desktop notifications are not touched in tests: the harness records what would be
//! shown (`Reach::recording`).

use crate::common;

use common::{data_dir, open};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use poscare::store::keys;
use poscare::ui::testing::{click, harness};

/// A shop with a daily backup task due today, open from midnight (so it is due whenever the
/// test runs).
fn shop() -> tempfile::TempDir {
    let dir = data_dir();
    let mut store = open(dir.path());
    store.set_setting(keys::LANGUAGE, "zh").unwrap();
    store.set_setting(keys::STARTER_OFFERED, "done").unwrap();
    store.set_setting(keys::OPENING_TIME, "00:00").unwrap();
    let today = chrono::Local::now().date_naive();
    store
        .add_task(&common::daily_backup_task(today), None)
        .unwrap();
    dir
}

#[test]
fn a_check_due_today_is_announced_once_and_not_again_after_a_restart() {
    let dir = shop();
    let h = harness(dir.path());
    let shown: Vec<String> = h
        .state()
        .reach()
        .shown()
        .iter()
        .map(|(t, _)| t.clone())
        .collect();
    assert!(
        shown.iter().any(|t| t == "今天要做：备份到U盘"),
        "{shown:?}"
    );
    let count = shown.len();
    drop(h);
    let h = harness(dir.path());
    assert!(
        h.state().reach().shown().is_empty(),
        "nothing announced twice in a day: {:?}",
        h.state().reach().shown()
    );
    drop(h);
    assert!(count >= 1);
}

#[test]
fn quiet_announces_nothing_and_settings_say_how_reminders_arrive() {
    let dir = shop();
    open(dir.path()).set_setting(keys::QUIET, "1").unwrap();
    let mut h = harness(dir.path());
    assert!(h.state().reach().shown().is_empty());
    click(&mut h, "设置");
    h.get_by_label_contains("安静：不弹出桌面通知");
    // The test has no tray: Settings says closing the window quits.
    h.get_by_label_contains("这台电脑没有通知区域");
    // … and the choice to stay there is greyed.
    assert!(
        h.get_by_label_contains("关闭窗口时留在右下角的通知区域")
            .accesskit_node()
            .is_disabled()
    );
    // Turning quiet off announces what is due.
    click(&mut h, "安静：不弹出桌面通知（托盘图标仍显示待做的检查）");
    poscare::ui::testing::settle(&mut h);
    assert!(!h.state().reach().shown().is_empty());
}
