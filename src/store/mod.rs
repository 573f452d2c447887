//! Local storage: one SQLite database in the data folder, opened safely.
//!
//! Opening ([`Store::open`]) takes an exclusive OS lock on `app.lock` so that a second copy of the
//! app is refused, checks that the file is a healthy POS Care database of a version we understand,
//! moves a damaged file aside (never overwriting or deleting it), takes a verified backup before
//! any migration, and migrates. Every user action is one transaction. No SQL lives outside this
//! module.

mod backup;
mod devices;
mod emergency;
mod history;
mod incidents;
mod paths;
mod planner;
mod schema;
mod settings;

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::i18n::{Lang, T};

pub use backup::{
    BackupError, BackupInfo, BackupKind, BackupRecord, VerifyError, list_backups,
    newest_verified_backup, verify_file,
};
pub use paths::{DATA_DIR_ENV, DataPaths};
pub use planner::{KeyedModules, KeyedTasks, Recorded};
pub use schema::{APPLICATION_ID, CURRENT_VERSION};
pub use settings::keys;

/// The open database of one data folder, holding the folder's lock while it lives.
pub struct Store {
    conn: Connection,
    paths: DataPaths,
    /// Held for the life of the store; the OS releases it when the file closes (also on a crash).
    _lock: File,
}

/// Why the data folder could not be opened. Nothing was changed in any of these cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The folder is missing and cannot be created, or cannot be written to.
    NoFolder {
        /// The folder.
        path: PathBuf,
        /// What the OS said.
        detail: String,
    },
    /// Another copy of the app holds the folder's lock.
    AlreadyOpen {
        /// The folder.
        path: PathBuf,
    },
    /// The database was written by a newer version of the app.
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        found: i32,
    },
    /// SQLite failed in another way (disk full, I/O error, …).
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
}

impl OpenError {
    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            OpenError::NoFolder { path, detail } => lang.fill(
                T::OpenNoFolder,
                &[("path", &path.display().to_string()), ("detail", detail)],
            ),
            OpenError::AlreadyOpen { path } => {
                lang.fill(T::OpenAlreadyOpen, &[("path", &path.display().to_string())])
            }
            OpenError::TooNew { path, found } => lang.fill(
                T::OpenTooNew,
                &[
                    ("path", &path.display().to_string()),
                    ("found", &found.to_string()),
                    ("supported", &CURRENT_VERSION.to_string()),
                ],
            ),
            OpenError::Sqlite { path, detail } => lang.fill(
                T::OpenFailed,
                &[("path", &path.display().to_string()), ("detail", detail)],
            ),
        }
    }
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for OpenError {}

/// What happened while opening, for the app to tell the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// A damaged or foreign database file was moved here (byte for byte) and a new one started.
    pub moved_aside: Option<PathBuf>,
    /// The schema version the database had before it was migrated, if it was.
    pub migrated_from: Option<i32>,
}

/// An error from a user action: nothing was changed.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(describe_sqlite(&e))
    }
}

/// A short, plain description of a SQLite error.
fn describe_sqlite(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => "the disk is full".to_owned(),
        Some(ErrorCode::ReadOnly) => "the file or folder is read-only".to_owned(),
        Some(ErrorCode::CannotOpen) => {
            "the file cannot be opened (check the folder's permissions)".to_owned()
        }
        Some(ErrorCode::PermissionDenied) => "permission denied".to_owned(),
        Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => {
            "the file is damaged".to_owned()
        }
        _ => e.to_string(),
    }
}

/// How a database file looks before we trust it.
enum Health {
    /// A POS Care database (or a new empty file) at this schema version.
    Ours,
    /// Newer than we understand.
    TooNew(i32),
    /// Not a database, damaged, or another program's database.
    Damaged,
}

/// The SQLite file header every database starts with.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether the file at `path` starts like a SQLite database (an empty file counts as one).
fn has_sqlite_header(path: &Path) -> std::io::Result<bool> {
    let mut head = Vec::with_capacity(16);
    File::open(path)?.take(16).read_to_end(&mut head)?;
    Ok(head.is_empty() || head.as_slice() == SQLITE_HEADER)
}

/// Whether a SQLite error means the file itself is bad (rather than the disk or the folder).
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

/// Reads the identity and health of an open connection; `quick_check` too unless deferred
/// (and always for a file that will be migrated).
fn inspect(conn: &Connection, verify: Verify) -> rusqlite::Result<Health> {
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    let fresh = app_id == 0 && version == 0 && tables == 0;
    if !fresh && app_id != APPLICATION_ID {
        return Ok(Health::Damaged);
    }
    if version > CURRENT_VERSION {
        return Ok(Health::TooNew(version));
    }
    if verify == Verify::Deferred && version == CURRENT_VERSION {
        return Ok(Health::Ours);
    }
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    Ok(if check == "ok" {
        Health::Ours
    } else {
        Health::Damaged
    })
}

/// How times are stored in the database: local time to the second, `2026-10-08T10:15:00`.
const STAMP_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// The local time now, as stored in the database.
pub fn now_stamp() -> String {
    stamp(chrono::Local::now().naive_local())
}

/// A time as stored in the database.
pub(crate) fn stamp(at: chrono::NaiveDateTime) -> String {
    at.format(STAMP_FORMAT).to_string()
}

/// A time read back from the database (`None` if the text is not one).
pub(crate) fn parse_stamp(text: &str) -> Option<chrono::NaiveDateTime> {
    chrono::NaiveDateTime::parse_from_str(text, STAMP_FORMAT).ok()
}

/// A list or record stored as JSON text (these types always serialise; empty text if not).
pub(crate) fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Creates the data folder if needed and takes its exclusive lock.
fn lock_folder(paths: &DataPaths) -> Result<File, OpenError> {
    let no_folder = |e: std::io::Error| OpenError::NoFolder {
        path: paths.dir.clone(),
        detail: e.to_string(),
    };
    fs::create_dir_all(&paths.dir).map_err(no_folder)?;
    let lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(paths.lock())
        .map_err(no_folder)?;
    match lock.try_lock() {
        Ok(()) => Ok(lock),
        Err(TryLockError::WouldBlock) => Err(OpenError::AlreadyOpen {
            path: paths.dir.clone(),
        }),
        Err(TryLockError::Error(e)) => Err(no_folder(e)),
    }
}

/// The result of [`check_folder`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckReport {
    /// No database yet (nothing to check).
    Empty,
    /// The database passed `integrity_check`.
    Healthy,
    /// What is wrong.
    Problems(Vec<String>),
}

/// Checks the data folder's database without changing anything (read-only; nothing is moved).
/// Takes the folder's lock, so it refuses while the app has the folder open.
pub fn check_folder(paths: &DataPaths) -> Result<CheckReport, OpenError> {
    let _lock = lock_folder(paths)?;
    let db = paths.db();
    if !db.exists() {
        return Ok(CheckReport::Empty);
    }
    if let Err(e) = backup::verify_file(&db) {
        return Ok(CheckReport::Problems(vec![e.to_string()]));
    }
    let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| {
        OpenError::Sqlite {
            path: db.clone(),
            detail: describe_sqlite(&e),
        }
    })?;
    let rows: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect());
    Ok(match rows {
        Ok(rows) if rows == ["ok"] => CheckReport::Healthy,
        Ok(rows) => CheckReport::Problems(rows),
        Err(e) => CheckReport::Problems(vec![describe_sqlite(&e)]),
    })
}

/// How much of the file [`Store::open_with`] checks before returning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verify {
    /// Everything, including `PRAGMA quick_check` (which reads the whole file).
    Now,
    /// Everything but `quick_check`, which the caller runs with [`Store::quick_check`] before
    /// writing anything (the window does it in the background right after its first frame, so
    /// years of records do not delay start-up). A file that needs migrating is always checked now.
    Deferred,
}

impl Store {
    /// Opens (or creates) the database of `paths`, as described in the module docs.
    pub fn open(paths: DataPaths) -> Result<(Store, OpenReport), OpenError> {
        Self::open_with(paths, Verify::Now)
    }

    /// Opens (or creates) the database of `paths`, checking as much as `verify` says.
    pub fn open_with(paths: DataPaths, verify: Verify) -> Result<(Store, OpenReport), OpenError> {
        let lock = lock_folder(&paths)?;
        Self::open_locked(paths, lock, verify)
    }

    /// Runs SQLite's quick check: `Err` says what is wrong.
    pub fn quick_check(&self) -> Result<(), String> {
        match self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
        {
            Ok(ok) if ok == "ok" => Ok(()),
            Ok(problem) => Err(problem),
            Err(e) => Err(describe_sqlite(&e)),
        }
    }

    /// For a store whose deferred [`Store::quick_check`] failed: closes it, moves the damaged
    /// file aside (unchanged) and opens a new database, keeping the folder locked throughout.
    pub fn reopen_damaged(self) -> Result<(Store, OpenReport), OpenError> {
        let Store {
            conn,
            paths,
            _lock: lock,
        } = self;
        drop(conn);
        let moved = move_aside(&paths).map_err(|e| OpenError::NoFolder {
            path: paths.dir.clone(),
            detail: e.to_string(),
        })?;
        let (store, mut report) = Self::open_locked(paths, lock, Verify::Now)?;
        report.moved_aside = Some(moved);
        Ok((store, report))
    }

    fn open_locked(
        paths: DataPaths,
        lock: File,
        verify: Verify,
    ) -> Result<(Store, OpenReport), OpenError> {
        let no_folder = |e: std::io::Error| OpenError::NoFolder {
            path: paths.dir.clone(),
            detail: e.to_string(),
        };
        let sqlite_err = |e: rusqlite::Error| OpenError::Sqlite {
            path: paths.db(),
            detail: describe_sqlite(&e),
        };

        let mut report = OpenReport::default();
        let db = paths.db();
        let mut healthy = if db.exists() {
            has_sqlite_header(&db).map_err(|e| OpenError::Sqlite {
                path: db.clone(),
                detail: e.to_string(),
            })?
        } else {
            true
        };
        let mut conn = None;
        if healthy {
            let c = open_connection(&db).map_err(sqlite_err)?;
            match inspect(&c, verify) {
                Ok(Health::Ours) => conn = Some(c),
                Ok(Health::TooNew(found)) => return Err(OpenError::TooNew { path: db, found }),
                Ok(Health::Damaged) => healthy = false,
                Err(e) if is_damage(&e) => healthy = false,
                Err(e) => return Err(sqlite_err(e)),
            }
        }
        if !healthy {
            drop(conn.take());
            report.moved_aside = Some(move_aside(&paths).map_err(no_folder)?);
        }
        let conn = match conn {
            Some(c) => c,
            None => open_connection(&db).map_err(sqlite_err)?,
        };
        configure(&conn).map_err(sqlite_err)?;
        let version: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sqlite_err)?;
        if version == 0 {
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(sqlite_err)?;
        }
        let mut store = Store {
            conn,
            paths,
            _lock: lock,
        };
        if version < CURRENT_VERSION {
            if version > 0 {
                // A verified copy of the old version before we change anything.
                store
                    .write_backup(&store.paths.backups(), BackupKind::PreMigration)
                    .map_err(|e| OpenError::Sqlite {
                        path: store.paths.db(),
                        detail: e.to_string(),
                    })?;
                report.migrated_from = Some(version);
            }
            schema::migrate(&mut store.conn, version).map_err(|e| OpenError::Sqlite {
                path: store.paths.db(),
                detail: describe_sqlite(&e),
            })?;
        }
        Ok((store, report))
    }

    /// The data folder's paths.
    pub fn paths(&self) -> &DataPaths {
        &self.paths
    }

    /// Runs `PRAGMA integrity_check`; `Ok(())` when the database is sound, else what is wrong.
    pub fn integrity_check(&self) -> Result<(), Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| vec![describe_sqlite(&e)])?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| vec![describe_sqlite(&e)])?;
        if rows == ["ok"] { Ok(()) } else { Err(rows) }
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> rusqlite::Result<i32> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
    }
}

/// Opens a connection with our locking settings (exclusive lock; nothing written yet).
fn open_connection(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // Exclusive before WAL: WAL then needs no shared-memory file, and no other process can
    // read or write the file while we have it.
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// The journal and durability settings, applied once the file is known to be ours.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "journal_mode stayed {mode}"
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder, flushed and then
/// renamed, so `path` holds either its old content or all of the new.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        backup::sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Moves the database (and its `-wal`/`-shm` companions) into `damaged/`, unchanged.
/// Returns the new path of the database file.
fn move_aside(paths: &DataPaths) -> std::io::Result<PathBuf> {
    let dir = paths.damaged();
    fs::create_dir_all(&dir)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let mut n = 0;
    let target = loop {
        let name = if n == 0 {
            format!("poscare-{stamp}.db")
        } else {
            format!("poscare-{stamp}-{n}.db")
        };
        let candidate = dir.join(name);
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    fs::rename(paths.db(), &target)?;
    for suffix in ["-wal", "-shm"] {
        let companion = PathBuf::from(format!("{}{suffix}", paths.db().display()));
        if companion.exists() {
            fs::rename(&companion, format!("{}{suffix}", target.display()))?;
        }
    }
    backup::sync_dir(&paths.dir);
    Ok(target)
}
