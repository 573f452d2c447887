//! Local storage: one SQLite database in the data folder, opened safely.
//!
//! Three ways in, each its own type:
//!
//! * [`Store::open_window`] — the window's: takes the folder's lock, judges the file
//!   ([`verdict::examine`]), and is the only path that ever sets a file aside: a confirmed
//!   damaged or foreign file moves to `damaged/` with its `-wal`/`-shm`, byte for byte, and the
//!   newest verified backup is offered ([`Recovery`]).
//! * [`Store::open`] — commands that write (`backup`, `restore`) and tests: the same checks, but a
//!   file that is not sound is an error, never moved.
//! * [`ReadStore::open`] — commands that read (`lookup`, `today`, `check`, `export`): opens the
//!   database without changing a byte of the folder, never creating, migrating or moving anything.
//!
//! Reading methods live on [`Records`], which both [`Store`] and [`ReadStore`] dereference to;
//! only [`Store`] has methods that write. Every user action is one transaction. No SQL lives
//! outside this module.

mod backup;
mod checklist;
mod clock;
mod copy;
mod devices;
mod emergency;
mod history;
mod in_place;
mod incidents;
mod insights;
mod open;
mod paths;
mod planner;
mod problems;
mod repair;
mod schema;
mod settings;
pub mod verdict;
mod wal_check;

use std::fs::File;
use std::ops::{Deref, DerefMut};

use rusqlite::{Connection, ErrorCode};

use crate::i18n::{Lang, T};

pub use backup::{
    BackupBy, BackupContents, BackupError, BackupInfo, BackupKind, BackupRecord, OutsideBackup,
    VerifyError, backups_to_thin, has_database_header, inspect_backup, list_backups,
    newest_verified_backup, peek_backup, verify_file,
};
pub use copy::{check_copy, copy_with_log};
pub use open::{
    FolderCheck, OpenError, OpenReport, Rebuilt, Recovery, RecoveryReason, SetAside, Verify,
    check_folder, folder_in_use, log_damaged_inside,
};
pub use paths::{DATA_DIR_ENV, DataPaths, PORTABLE_DATA, PORTABLE_MARKER};
pub use planner::{KeyedModules, KeyedTasks, Recorded};
pub use problems::{BAD_VALUE, MISSING_PARENT, RowProblem, describe_row_problems, problems_said};
pub use schema::{APPLICATION_ID, CURRENT_VERSION};
pub use settings::keys;
pub use verdict::{Depth, Unchecked, Verdict};

/// Read access to an open POS Care database: every method here only reads.
pub struct Records {
    conn: Connection,
    /// Records met while reading that break a rule and were left out.
    problems: problems::Problems,
}

impl Records {
    fn new(conn: Connection) -> Records {
        Records {
            conn,
            problems: problems::Problems::default(),
        }
    }
}

/// The open database of one data folder, for reading and writing, holding the folder's lock
/// while it lives.
pub struct Store {
    records: Records,
    paths: DataPaths,
    /// The database file's identity when it was opened (see `in_place`).
    file_id: in_place::FileId,
    /// Its log's (`-wal`) identity then: the changes not yet copied into the file live there.
    log_id: in_place::FileId,
    /// Held for the life of the store; the OS releases it when the file closes (also on a crash).
    _lock: File,
}

/// The database of one data folder opened for reading only: it has no method that writes, its
/// connection refuses writes, and opening it changed nothing in the folder.
pub struct ReadStore {
    records: Records,
    paths: DataPaths,
    /// The folder's lock while reading, when the folder has a lock file (one is never created).
    _lock: Option<File>,
}

impl Deref for Store {
    type Target = Records;
    fn deref(&self) -> &Records {
        &self.records
    }
}

impl DerefMut for Store {
    fn deref_mut(&mut self) -> &mut Records {
        &mut self.records
    }
}

impl Deref for ReadStore {
    type Target = Records;
    fn deref(&self) -> &Records {
        &self.records
    }
}

impl Store {
    /// The data folder's paths.
    pub fn paths(&self) -> &DataPaths {
        &self.paths
    }

    /// Runs `f` as one transaction: committed (and, with `synchronous=FULL`, on disk) when it
    /// returns `Ok`, rolled back when it returns an error. Every user action goes through here.
    fn write<R>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        let tx = self.records.conn.transaction()?;
        let result = f(&tx)?;
        tx.commit()?;
        Ok(result)
    }
}

impl ReadStore {
    /// The data folder's paths.
    pub fn paths(&self) -> &DataPaths {
        &self.paths
    }
}

impl Records {
    /// The window's deferred check on its live connection (`quick_check`). A verdict of damage
    /// here is only a first one: [`Store::recheck`] confirms it on a fresh connection before
    /// anything is moved.
    pub fn quick_check(&self) -> Verdict {
        self.check("PRAGMA quick_check")
    }

    /// `PRAGMA integrity_check` on the open connection, as a verdict.
    pub fn integrity_check(&self) -> Verdict {
        self.check("PRAGMA integrity_check")
    }

    fn check(&self, pragma: &str) -> Verdict {
        let version = self.schema_version().unwrap_or(CURRENT_VERSION);
        verdict::judge_check(verdict::check_rows(&self.conn, pragma), version)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> rusqlite::Result<i32> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
    }
}

/// Why a user action (or a read) did not happen. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The record is not (or no longer) there.
    NotFound(Record),
    /// The change was refused.
    Refused(Refusal),
    /// The disk is full.
    DiskFull,
    /// The file or the folder is read-only.
    ReadOnly,
    /// The disk refused a read or a write (SQLite's "disk I/O error"): a folder made read-only
    /// under the open window, a stick pulled out, a failing disk.
    Io,
    /// The database is damaged.
    Damaged,
    /// Anything else, in SQLite's words.
    Other(String),
}

/// The kinds of record an error can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// A device.
    Device,
    /// A planner task.
    Task,
    /// A member of staff.
    Person,
    /// An incident.
    Incident,
    /// An outage (a run of an emergency plan).
    Outage,
    /// An emergency plan.
    Plan,
    /// A contact.
    Contact,
    /// A history entry.
    HistoryEntry,
}

/// Changes the store refuses, whoever asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The outage has already ended.
    OutageEnded,
    /// An end before its start.
    EndBeforeStart,
    /// A correction without a reason.
    ReasonRequired,
    /// Voiding an entry that is already void.
    AlreadyVoid,
    /// Working on an incident whose record was voided.
    IncidentVoided,
    /// The data folder's disk is gone (a USB stick taken out): nothing is made elsewhere.
    DataFolderGone,
}

impl StoreError {
    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let key = match self {
            StoreError::NotFound(record) => match record {
                Record::Device => T::StoreNoDevice,
                Record::Task => T::StoreNoTask,
                Record::Person => T::StoreNoPerson,
                Record::Incident => T::StoreNoIncident,
                Record::Outage => T::StoreNoOutage,
                Record::Plan => T::StoreNoPlan,
                Record::Contact => T::StoreNoContact,
                Record::HistoryEntry => T::StoreNoHistoryEntry,
            },
            StoreError::Refused(refusal) => match refusal {
                Refusal::OutageEnded => T::StoreOutageEnded,
                Refusal::EndBeforeStart => T::StoreEndBeforeStart,
                Refusal::ReasonRequired => T::StoreReasonRequired,
                Refusal::AlreadyVoid => T::StoreAlreadyVoid,
                Refusal::IncidentVoided => T::StoreIncidentVoided,
                Refusal::DataFolderGone => T::StoreDataFolderGone,
            },
            StoreError::DiskFull => T::StoreDiskFull,
            StoreError::ReadOnly => T::StoreReadOnly,
            StoreError::Io => T::StoreIo,
            StoreError::Damaged => T::StoreDamaged,
            StoreError::Other(detail) => return lang.fill(T::StoreOther, &[("detail", detail)]),
        };
        lang.t(key).to_owned()
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::SystemIoFailure) => StoreError::Io,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Damaged,
            _ => StoreError::Other(describe_sqlite(&e)),
        }
    }
}

/// A short, plain description of a SQLite error.
/// A SQLite error as a file [`Cause`](crate::files::Cause): a read-only file or no permission is
/// said in plain words.
fn sqlite_cause(e: &rusqlite::Error) -> crate::files::Cause {
    use crate::files::{Cause, Lasting};
    match e.sqlite_error_code() {
        Some(ErrorCode::ReadOnly) => Cause::known(Lasting::ReadOnly, describe_sqlite(e)),
        Some(ErrorCode::PermissionDenied) => {
            Cause::known(Lasting::NoPermission, describe_sqlite(e))
        }
        _ => Cause::said(describe_sqlite(e)),
    }
}

fn describe_sqlite(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => "the disk is full".to_owned(),
        Some(ErrorCode::ReadOnly) => "the file or folder is read-only".to_owned(),
        // (SQLite says the same of a folder this account may not write and of a path longer
        // than it takes, about 500 characters: both are said.)
        Some(ErrorCode::CannotOpen) => "the file cannot be opened (check the folder's \
                                        permissions, and that its path is not very long)"
            .to_owned(),
        Some(ErrorCode::PermissionDenied) => "permission denied".to_owned(),
        Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => {
            "the file is damaged".to_owned()
        }
        _ => e.to_string(),
    }
}

/// How times are stored in the database: local time to the second, `2026-10-08T10:15:00`.
const STAMP_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// How the times of the records written on a thread are held while the PC's clock is doubted
/// and the window goes on with the last trustworthy time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StampBound {
    /// The clock is ahead (a mistyped year): nothing is dated in a future the shop has not
    /// reached.
    NotAfter(chrono::NaiveDateTime),
    /// The clock is behind (a flat CMOS battery): nothing is dated before the newest record,
    /// where no filter of this month, no count and no repeat warning would find it.
    NotBefore(chrono::NaiveDateTime),
}

thread_local! {
    /// How the times of the records written on this thread are held (see [`bound_stamps`]).
    static STAMP_BOUND: std::cell::Cell<Option<StampBound>> =
        const { std::cell::Cell::new(None) };
}

/// Holds the times records written on this thread carry to `bound`: the window does so while
/// the PC's clock is doubted and it goes on with the last trustworthy time. `None`: the
/// clock's time. A job's worker thread takes the bound of the thread that started it
/// ([`stamp_bound`]).
pub fn bound_stamps(bound: Option<StampBound>) {
    STAMP_BOUND.with(|c| c.set(bound));
}

/// This thread's bound on the times of records (see [`bound_stamps`]).
pub fn stamp_bound() -> Option<StampBound> {
    STAMP_BOUND.with(|c| c.get())
}

/// The local time now (held to this thread's bound), as stored in the database.
pub fn now_stamp() -> String {
    let now = chrono::Local::now().naive_local();
    stamp(match stamp_bound() {
        Some(StampBound::NotAfter(cap)) => now.min(cap),
        Some(StampBound::NotBefore(floor)) => now.max(floor),
        None => now,
    })
}

/// A time as stored in the database.
pub(crate) fn stamp(at: chrono::NaiveDateTime) -> String {
    at.format(STAMP_FORMAT).to_string()
}

/// Now, as the names of the files the app keeps are dated (`poscare-YYYYMMDD-HHMMSS-…`).
pub(crate) fn file_stamp() -> String {
    chrono::Local::now().format(FILE_STAMP_FORMAT).to_string()
}

/// How the names of the files the app keeps are dated.
pub(crate) const FILE_STAMP_FORMAT: &str = "%Y%m%d-%H%M%S";

/// A time read back from the database (`None` if the text is not one).
pub(crate) fn parse_stamp(text: &str) -> Option<chrono::NaiveDateTime> {
    chrono::NaiveDateTime::parse_from_str(text, STAMP_FORMAT).ok()
}

/// A list or record stored as JSON text (these types always serialise; empty text if not).
pub(crate) fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
