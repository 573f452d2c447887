//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;

use poscare::device::{DeviceDraft, DeviceFields, DeviceKind};
use poscare::store::{DataPaths, Store};

/// A fresh, empty data folder that is removed when dropped.
pub fn data_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Opens the store of `dir`, panicking on failure.
pub fn open(dir: &Path) -> Store {
    Store::open(DataPaths::new(dir)).expect("open store")
}

/// Valid fields for a terminal called `name`.
pub fn terminal(name: &str) -> DeviceFields {
    DeviceDraft {
        name: name.into(),
        kind: DeviceKind::Terminal,
        brand: "联迪".into(),
        model: "A8".into(),
        serial: "SN-0001".into(),
        terminal_id: "12345678".into(),
        merchant_id: "898000000000001".into(),
        acquirer: "银联商务".into(),
        installed_on: "2025-03-18".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid device")
}

/// Writes `text` as a SQLite database at `path` (for fixtures).
pub fn db_from_sql(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).expect("fixture db");
    conn.execute_batch(sql).expect("fixture sql");
}

/// A data folder in `lang` with one registered terminal, "收银台1号终端".
pub fn shop_with_one_terminal(lang: poscare::i18n::Lang) -> tempfile::TempDir {
    let dir = data_dir();
    let mut store = open(dir.path());
    store
        .set_setting(poscare::store::keys::LANGUAGE, lang.code())
        .unwrap();
    store.add_device(&terminal("收银台1号终端")).unwrap();
    dir
}

/// The names of the registered devices, in the registry's order.
pub fn device_names(store: &Store) -> Vec<String> {
    store
        .devices()
        .unwrap()
        .into_iter()
        .map(|d| d.fields.name)
        .collect()
}

/// A daily "back up to a USB stick" task starting on `start`, with two checklist items.
pub fn daily_backup_task(start: chrono::NaiveDate) -> poscare::planner::TaskFields {
    use poscare::planner::{Schedule, TaskCategory, TaskFields, TaskSchedule};
    TaskFields {
        title: "备份到U盘".into(),
        category: TaskCategory::Backup,
        instructions: String::new(),
        items: vec!["插上 U 盘".into(), "拔下前先弹出".into()],
        device_id: None,
        staff_id: None,
        schedule: TaskSchedule::new(Schedule::Daily, start),
    }
}
