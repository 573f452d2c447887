//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod fault_vfs;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use poscare_core::device::{DeviceDraft, DeviceFields, DeviceKind};
use poscare_core::store::{DataPaths, Store};

/// A fresh, empty data folder that is removed when dropped.
pub fn data_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Opens the store of `dir`, panicking on failure.
pub fn open(dir: &Path) -> Store {
    Store::open(DataPaths::new(dir)).expect("open store")
}

/// A member of staff called `name`, still working here, not yet saved.
pub fn person(name: &str) -> poscare_core::planner::Staff {
    poscare_core::planner::Staff {
        id: 0,
        name: name.into(),
        role: String::new(),
        phone: String::new(),
        started_on: None,
        active: true,
        added_on: None,
    }
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
pub fn shop_with_one_terminal(lang: poscare_core::i18n::Lang) -> tempfile::TempDir {
    let dir = data_dir();
    let mut store = open(dir.path());
    store
        .set_setting(poscare_core::store::keys::LANGUAGE, lang.code())
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
pub fn daily_backup_task(start: chrono::NaiveDate) -> poscare_core::planner::TaskFields {
    use poscare_core::planner::{Schedule, TaskCategory, TaskFields, TaskSchedule};
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

/// Every file of a folder with its bytes; shown as names and sizes when a comparison fails.
#[derive(PartialEq, Eq)]
pub struct Snapshot(BTreeMap<PathBuf, Vec<u8>>);

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(p, b)| (p, b.len())))
            .finish()
    }
}

/// Every file under `dir` (recursively) with its bytes, to prove a folder was left as it was.
pub fn snapshot(dir: &Path) -> Snapshot {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    Snapshot(out)
}

/// A data folder with `n` devices carrying notes of `note_chars` characters, so the database
/// spans many pages.
pub fn shop_with_devices(n: usize, note_chars: usize) -> tempfile::TempDir {
    let dir = data_dir();
    let mut store = open(dir.path());
    for i in 0..n {
        let mut f = terminal(&format!("终端{i}"));
        f.notes = "备".repeat(note_chars);
        store.add_device(&f).unwrap();
    }
    dir
}

/// Overwrites 8 KiB in the middle of `db` with a pattern (its header, id and version stay fine).
pub fn damage_middle(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    let (from, to) = (bytes.len() / 2, bytes.len() / 2 + 8192);
    for (i, b) in bytes[from..to].iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(db, &bytes).unwrap();
    bytes
}

/// The local time now.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// A shop in Chinese with one terminal and today's automatic backup.
pub fn shop_with_a_backup() -> tempfile::TempDir {
    let dir = data_dir();
    let mut store = open(dir.path());
    store.add_device(&terminal("收银台1号终端")).unwrap();
    store
        .set_setting(poscare_core::store::keys::LANGUAGE, "zh")
        .unwrap();
    store.daily_backup(now()).unwrap();
    dir
}

/// A damaged database whose last commits are still in its `-wal` (as after a power cut).
/// A connection to `db` that leaves what it writes in the `-wal` when it closes (as a killed
/// window does).
pub fn keeping_the_log(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    conn
}

/// Adds `n` terminals through a connection that leaves them in the `-wal` (as a killed window
/// does): records only the log holds.
pub fn terminals_only_in_the_log(db: &Path, n: usize) {
    let conn = keeping_the_log(db);
    for i in 0..n {
        conn.execute(
            "INSERT INTO device (name, kind, created_at, updated_at) \
             VALUES (?1, 'terminal', '2026-12-01T09:00:00', '2026-12-01T09:00:00')",
            [format!("只在日志里的终端{i}")],
        )
        .unwrap();
    }
}

pub fn damaged_with_wal() -> (tempfile::TempDir, Vec<u8>, Vec<u8>) {
    let dir = shop_with_devices(400, 300);
    let index_page;
    let db = dir.path().join("poscare.db");
    {
        let mut store = open(dir.path());
        store
            .set_setting(poscare_core::store::keys::LANGUAGE, "zh")
            .unwrap();
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
        // The page to damage: the root of the history's text index, wherever the schema's
        // tables put it (the middle of the file moved onto a table's page when a table was
        // added, and the damage was no longer an index's).
        index_page = conn
            .query_row(
                "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_schema \
                 WHERE name = 'history_text'",
                [],
                |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
            )
            .unwrap();
        for i in 0..20 {
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?1, 'kept in the log')",
                [format!("k{i}")],
            )
            .unwrap();
        }
    }
    let wal = std::fs::read(dir.path().join("poscare.db-wal")).expect("the log is still there");
    assert!(!wal.is_empty());
    let bytes = damage_page(&db, index_page);
    (dir, bytes, wal)
}

/// Garbles page `page` (numbered from 1) of `page_size` bytes in `db`; returns the file's new
/// bytes.
pub fn damage_page(db: &Path, (page, page_size): (u64, u64)) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    let from = ((page - 1) * page_size) as usize;
    let to = (from + page_size as usize).min(bytes.len());
    assert!(from < to, "page {page} is in the file");
    for (i, b) in bytes[from..to].iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(db, &bytes).unwrap();
    bytes
}

/// A new incident of `prompt` on `device`, with nothing else (no entry, steps, note or person).
pub fn new_incident(device: i64, prompt: &str) -> poscare_core::incident::NewIncident {
    poscare_core::incident::NewIncident {
        device_id: Some(device),
        prompt: prompt.into(),
        entry_id: None,
        steps_done: Vec::new(),
        note: String::new(),
        staff_id: None,
    }
}

/// Inserts incidents as they would have been recorded at the given times (the store stamps new
/// incidents with the clock): (device id, `YYYY-MM-DDTHH:MM:SS`, entry id, prompt). Each gets
/// its "opened" event, so the history shows it as the app would.
pub fn incidents_at(dir: &Path, rows: &[(Option<i64>, &str, Option<&str>, &str)]) {
    let conn = rusqlite::Connection::open(DataPaths::new(dir).db()).expect("open db");
    for (device, at, entry, prompt) in rows {
        conn.execute(
            "INSERT INTO incident (started_at, device_id, prompt, entry_id, updated_at) VALUES (?1, ?2, ?3, ?4, ?1)",
            (at, device, prompt, entry),
        )
        .expect("incident");
        conn.execute(
            "INSERT INTO incident_event (incident_id, at, action, detail) VALUES (?1, ?2, 'opened', ?3)",
            (conn.last_insert_rowid(), at, prompt),
        )
        .expect("event");
    }
}

/// Damages one page of an index of `db` (no `-wal` beside it): the first cell pointer of the
/// first index whose root page is a leaf with cells points outside the page. The tables are
/// untouched. Returns the file's bytes after the damage.
pub fn damage_an_index(db: &Path) -> Vec<u8> {
    damage_a_root(db, "type = 'index' AND sql IS NOT NULL", &[0x0A])
}

/// Damages the root page of the `device` table of `db` (no `-wal` beside it) as
/// [`damage_an_index`] does an index's.
pub fn damage_the_devices_table(db: &Path) -> Vec<u8> {
    damage_a_root(db, "type = 'table' AND name = 'device'", &[0x05, 0x0D])
}

/// Points the first cell of the first root page of the parts `which` (of a page type in
/// `kinds`, holding at least two cells) outside its page.
fn damage_a_root(db: &Path, which: &str, kinds: &[u8]) -> Vec<u8> {
    let (page_size, roots) = {
        let conn = rusqlite::Connection::open(db).unwrap();
        let page_size = conn
            .pragma_query_value(None, "page_size", |r| r.get::<_, i64>(0))
            .unwrap();
        let mut stmt = conn
            .prepare(&format!("SELECT rootpage FROM sqlite_schema WHERE {which}"))
            .unwrap();
        let roots: Vec<i64> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        (page_size as usize, roots)
    };
    let mut bytes = std::fs::read(db).unwrap();
    let page = roots
        .into_iter()
        .map(|root| (root as usize - 1) * page_size)
        .find(|&at| {
            let cells = u16::from_be_bytes([bytes[at + 3], bytes[at + 4]]);
            kinds.contains(&bytes[at]) && cells >= 2
        })
        .expect("a root page holding cells");
    // The cell pointers follow the page's header: 8 bytes on a leaf, 12 on an interior page.
    let pointers = page + if bytes[page] & 0x08 != 0 { 8 } else { 12 };
    bytes[pointers] = 0xFF;
    bytes[pointers + 1] = 0xFF;
    std::fs::write(db, &bytes).unwrap();
    bytes
}

/// Moves the data file of `dir` into `damaged/` as a set-aside cut short would have left it
/// (its `-wal`, if any, stays behind). Returns where it went.
pub fn set_aside_by_hand(dir: &Path) -> PathBuf {
    let aside = dir.join("damaged").join("poscare-20261201-090000.db");
    std::fs::create_dir_all(dir.join("damaged")).unwrap();
    std::fs::rename(dir.join("poscare.db"), &aside).unwrap();
    aside
}

/// Flips a byte inside the page of the first frame of the `-wal` beside `db`: a log damaged
/// inside, whose later commits SQLite would drop. Returns the log's bytes after the damage.
pub fn damage_the_logs_first_frame(db: &Path) -> Vec<u8> {
    let path = PathBuf::from(format!("{}-wal", db.display()));
    let mut wal = std::fs::read(&path).unwrap();
    wal[32 + 24 + 100] ^= 0xFF;
    std::fs::write(&path, &wal).unwrap();
    wal
}
