//! Verified backups, their thinning, and restore.
//!
//! A backup is written with `VACUUM INTO` to a temporary name, switched to a single-file journal
//! mode, checked ([`verify_file`]: the same verdict as every other check), flushed to disk through
//! a writable handle, and only then renamed to its final name ([`crate::files::seal`]). A
//! half-written or unverified file never carries a backup's name.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime};
use rusqlite::{Connection, ErrorCode, MAIN_DB};

use super::schema::CURRENT_VERSION;
use super::settings::keys;
use super::verdict::{COMPANIONS, Depth, Unchecked, Verdict, companion, examine};
use super::{Records, Store, StoreError, describe_sqlite, now_stamp, parse_stamp, stamp};
use crate::files::{self, Cause, CopyError, SealError, WriteError};
use crate::i18n::{Lang, T};
use crate::planner::NewCompletion;
use crate::planner::agenda::Agenda;

/// Why a backup was made; part of its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BackupKind {
    /// The daily automatic backup.
    Auto,
    /// Taken just before a schema migration.
    PreMigration,
    /// Taken just before a restore replaced the data.
    PreRestore,
    /// "Back up now" to a folder the user chose.
    Manual,
}

impl BackupKind {
    /// The kind's name in backup file names.
    pub fn code(self) -> &'static str {
        match self {
            BackupKind::Auto => "auto",
            BackupKind::PreMigration => "before-upgrade",
            BackupKind::PreRestore => "before-restore",
            BackupKind::Manual => "manual",
        }
    }

    fn from_code(code: &str) -> Option<BackupKind> {
        [
            BackupKind::Auto,
            BackupKind::PreMigration,
            BackupKind::PreRestore,
            BackupKind::Manual,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }

    /// The backup log's name for this kind.
    fn log_code(self) -> &'static str {
        match self {
            BackupKind::Auto => "auto",
            BackupKind::PreMigration => "pre_migration",
            BackupKind::PreRestore => "pre_restore",
            BackupKind::Manual => "manual",
        }
    }
}

/// A backup file found in a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupInfo {
    /// The file.
    pub path: PathBuf,
    /// When it was taken (from its name).
    pub taken: NaiveDateTime,
    /// Why.
    pub kind: BackupKind,
}

/// A path as the history keeps it: whole, from the root (a backup to `usb` typed in a shop's
/// folder says where it went when read months later, from anywhere).
fn whole_path(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Why a file is not a usable POS Care backup. The live data is never touched in these cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// Not a SQLite database at all (or cut short before its header, or a new one with nothing).
    NotADatabase,
    /// A file of zero bytes: a copy that never got its data (a stick pulled out, a copy killed).
    EmptyFile,
    /// A SQLite database of another program.
    Foreign,
    /// A POS Care database from a newer version.
    TooNew(i32),
    /// Damaged: SQLite's check found errors.
    Damaged(String),
    /// There is no such file.
    NotFound,
    /// Not a plain file (a folder, a device, a pipe).
    NotAFile,
    /// The file could not be read.
    Io(Cause),
    /// Its pages could not be read through (the disk or stick failed or was pulled out while it
    /// was read): not damage.
    ReadFailed,
    /// A POS Care file of an older version whose tables are not what that version had, so it
    /// cannot be brought up to this one (a half-made or hand-edited file).
    Incomplete,
    /// The data file in use itself (or its write-ahead log).
    IsTheData,
    /// A POS Care file that another program added to (a table, a trigger): it is not restored.
    Edited(String),
    /// The file no longer holds what it held when it was checked and described (another stick
    /// put in under the same name, another program writing it): it is not restored.
    Changed,
}

impl VerifyError {
    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            VerifyError::NotADatabase => lang.t(T::VerifyNotADatabase).to_owned(),
            VerifyError::EmptyFile => lang.t(T::VerifyEmptyFile).to_owned(),
            VerifyError::Foreign => lang.t(T::VerifyForeign).to_owned(),
            VerifyError::TooNew(v) => lang.fill(
                T::VerifyTooNew,
                &[
                    ("found", &v.to_string()),
                    ("supported", &CURRENT_VERSION.to_string()),
                ],
            ),
            VerifyError::Damaged(d) => lang.fill(T::VerifyDamaged, &[("detail", d)]),
            VerifyError::NotFound => lang.t(T::VerifyNotFound).to_owned(),
            VerifyError::NotAFile => lang.t(T::VerifyNotAFile).to_owned(),
            VerifyError::Io(c) => lang.fill(T::VerifyUnreadable, &[("detail", &c.message(lang))]),
            VerifyError::ReadFailed => lang.t(T::VerifyReadFailed).to_owned(),
            VerifyError::Incomplete => lang.t(T::VerifyIncomplete).to_owned(),
            VerifyError::IsTheData => lang.t(T::VerifyIsTheData).to_owned(),
            VerifyError::Changed => lang.t(T::VerifyChanged).to_owned(),
            VerifyError::Edited(part) => lang.fill(T::VerifyEdited, &[("part", part)]),
        }
    }
}

impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Why a backup (or a restore) did not happen. Nothing was left under a backup's name, and the
/// live data is as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    /// The folder could not be created or written.
    Folder(String),
    /// The data folder's own backups folder could not be made: no USB stick is involved, and a
    /// file of that name is the usual cause.
    OwnFolder {
        /// The backups folder.
        dir: PathBuf,
        /// What the system said; `None` when a file of that name stands there.
        detail: Option<String>,
    },
    /// The folder may not be used (inside the data folder).
    Refused(WriteError),
    /// The disk being written is full.
    DiskFull,
    /// The disk holding this folder, where a backup was being written, is full (the stick's,
    /// not the PC's: a tester could not tell which).
    DiskFullAt(PathBuf),
    /// The data folder's disk has less room than a restore needs (the copy checked in
    /// `staging/`, the copy of the data it replaces, and the restored data): bytes.
    NoRoom {
        /// About how much it needs.
        needed: u64,
        /// How much is free.
        free: u64,
    },
    /// SQLite failed while writing.
    Write(String),
    /// A file did not pass its check (the copy just written, or the file to restore).
    Verify(VerifyError),
    /// The folder outside the data folder (a USB stick) was removed or cannot be written: an
    /// input/output error there that is not a full disk. What the system said.
    TargetGone(Cause),
    /// The data folder's own backups (or staging) folder on this PC cannot be written, for a
    /// cause the user can act on (read-only, no permission).
    HereLasting(Cause),
    /// The copy was written, checked and named, but flushing its folder failed: the disk did not
    /// confirm the name is stored. The file stays, but it is not recorded as a backup.
    Unconfirmed {
        /// The copy.
        path: PathBuf,
        /// What the system said.
        detail: String,
    },
}

impl BackupError {
    /// The message for a restore that did not happen: the file's problem itself when the file is
    /// not a usable backup.
    pub fn restore_message(&self, lang: Lang) -> String {
        match self {
            BackupError::Verify(e) => e.message(lang),
            other => other.message(lang),
        }
    }

    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            BackupError::Folder(d) => lang.fill(T::BackupErrFolder, &[("detail", d)]),
            BackupError::OwnFolder { dir, detail } => {
                let dir = dir.display().to_string();
                match detail {
                    Some(d) => lang.fill(T::BackupErrOwnFolder, &[("dir", &dir), ("detail", d)]),
                    None => lang.fill(T::BackupErrOwnFolderFile, &[("dir", &dir)]),
                }
            }
            BackupError::Refused(e) => e.message(lang),
            BackupError::DiskFull => lang.t(T::BackupErrDiskFull).to_owned(),
            BackupError::DiskFullAt(dir) => lang.fill(
                T::BackupErrDiskFullAt,
                &[("dir", &dir.display().to_string())],
            ),
            BackupError::NoRoom { needed, free } => lang.fill(
                T::RestoreErrNoRoom,
                &[
                    ("needed", &files::shown_size(*needed)),
                    ("free", &files::shown_size(*free)),
                ],
            ),
            BackupError::Write(d) => lang.fill(T::BackupErrWrite, &[("detail", d)]),
            BackupError::Verify(e) => {
                lang.fill(T::BackupErrVerify, &[("detail", &e.message(lang))])
            }
            BackupError::TargetGone(c) => match c.lasting() {
                // No permission, a read-only stick, a name too long: said as it is, not as a
                // stick pulled out.
                Some(_) => lang.fill(T::BackupErrLasting, &[("why", &c.message(lang))]),
                None => lang.fill(T::BackupErrTargetGone, &[("detail", &c.message(lang))]),
            },
            BackupError::HereLasting(c) => {
                lang.fill(T::BackupErrLasting, &[("why", &c.message_here(lang))])
            }
            BackupError::Unconfirmed { path, detail } => lang.fill(
                T::BackupErrUnconfirmed,
                &[("path", &path.display().to_string()), ("detail", detail)],
            ),
        }
    }

    /// From a SQLite error while writing.
    fn from_sqlite(e: &rusqlite::Error) -> BackupError {
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => BackupError::DiskFull,
            _ => BackupError::Write(describe_sqlite(e)),
        }
    }

    /// From an OS error while writing: a cause the user can act on (a read-only disk, no
    /// permission) said in plain words, not as "os error 30" with a guess at a full disk.
    fn from_io(e: &std::io::Error) -> BackupError {
        let cause = files::Cause::of(e);
        if files::is_disk_full(e) {
            BackupError::DiskFull
        } else if cause.lasting().is_some() {
            BackupError::HereLasting(cause)
        } else {
            BackupError::Write(e.to_string())
        }
    }

    /// From a SQLite error on the copy being written. `outside`: the copy is in a folder the
    /// merchant chose (a USB stick), where an input/output error that is not a full disk, a file
    /// that cannot be opened or a read-only disk means the stick was pulled out or cannot be
    /// written.
    fn on_copy(e: &rusqlite::Error, outside: bool) -> BackupError {
        match e.sqlite_error_code() {
            Some(ErrorCode::SystemIoFailure | ErrorCode::CannotOpen | ErrorCode::ReadOnly)
                if outside =>
            {
                BackupError::TargetGone(super::sqlite_cause(e))
            }
            _ => BackupError::from_sqlite(e),
        }
    }

    /// From a SQLite error of `VACUUM INTO`, which reads the live data and writes the copy: a
    /// read error is the data's disk, not the copy's.
    fn from_vacuum(e: &rusqlite::Error, outside: bool) -> BackupError {
        let reading = matches!(
            e,
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(
                    f.extended_code,
                    rusqlite::ffi::SQLITE_IOERR_READ | rusqlite::ffi::SQLITE_IOERR_SHORT_READ
                )
        );
        if reading {
            BackupError::from_sqlite(e)
        } else {
            BackupError::on_copy(e, outside)
        }
    }

    /// From an OS error on the copy being written (`outside`: see [`BackupError::on_copy`]).
    fn on_copy_io(e: &std::io::Error, outside: bool) -> BackupError {
        if outside && !files::is_disk_full(e) {
            BackupError::TargetGone(Cause::of(e))
        } else {
            BackupError::from_io(e)
        }
    }
}

impl std::fmt::Display for BackupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for BackupError {}

/// Checks that `path` is a healthy POS Care database no newer than this program (the same
/// verdict as every other check); returns its schema version. Changes nothing on disk.
pub fn verify_file(path: &Path) -> Result<i32, VerifyError> {
    match fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(VerifyError::NotFound),
        Err(e) => return Err(VerifyError::Io(Cause::of(&e))),
        Ok(meta) if !meta.is_file() => return Err(VerifyError::NotAFile),
        // (Said as it is: a tester's zero-byte file, left by a backup cut off, was "not a
        // backup, or incomplete".)
        Ok(meta) if meta.len() == 0 => return Err(VerifyError::EmptyFile),
        Ok(_) => {}
    }
    let version = sound(examine(path, Depth::Quick))?;
    match super::verdict::missing_part(path, version) {
        // Sound to SQLite, but not whole for POS Care: restoring it would break History.
        Some(part) => Err(VerifyError::Damaged(format!("the {part} is missing"))),
        // A trigger another program added: restoring refuses it, so it is no good backup
        // (said when it is made, not on the day it is needed).
        None if version == super::CURRENT_VERSION => match super::verdict::extra_part(path) {
            Some(part) => Err(VerifyError::Edited(part)),
            None => Ok(version),
        },
        None => Ok(version),
    }
}

/// A verdict on a backup file: its version when sound, else why it is no backup.
fn sound(verdict: Verdict) -> Result<i32, VerifyError> {
    match verdict {
        Verdict::Sound { version } => Ok(version),
        Verdict::Empty { missing: true } => Err(VerifyError::NotFound),
        Verdict::Empty { missing: false } => Err(VerifyError::NotADatabase),
        Verdict::Newer(v) => Err(VerifyError::TooNew(v)),
        Verdict::Foreign => Err(VerifyError::Foreign),
        Verdict::Damaged(d) if d == "file is not a database" => Err(VerifyError::NotADatabase),
        Verdict::Damaged(d) => Err(VerifyError::Damaged(d)),
        Verdict::CouldNotCheck(Unchecked::Io(cause)) => Err(VerifyError::Io(cause)),
        Verdict::CouldNotCheck(Unchecked::ReadFailed) => Err(VerifyError::ReadFailed),
        Verdict::CouldNotCheck(why) => Err(VerifyError::Io(Cause::said(why.message(Lang::En)))),
    }
}

/// What a backup file holds, shown before a restore replaces the data with it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BackupContents {
    /// The newest time recorded in it (see [`content_time`]); `None` when it has no records or
    /// is from a version that cannot tell.
    pub newest: Option<NaiveDateTime>,
    /// Devices registered.
    pub devices: u64,
    /// Incidents recorded.
    pub incidents: u64,
    /// Checks and other tasks recorded as done, skipped or missed.
    pub completions: u64,
    /// Members of staff.
    pub staff: u64,
    /// The shop's name in it ("" when none was entered).
    pub shop: String,
}

/// Checks the backup at `path` as a restore would (a healthy POS Care database no newer than this
/// program: [`verify_file`]) and reads what it holds, without changing the file. A file from an
/// older version counts what its version kept (a table it does not have holds nothing).
pub fn inspect_backup(path: &Path) -> Result<BackupContents, VerifyError> {
    verify_file(path)?;
    contents_of(path)
}

/// What the backup at `path` holds, read without checking it through (as a list of a stick's
/// backups shows each at a glance; [`inspect_backup`] checks the one chosen): a file that is not
/// a database of ours is said so.
pub fn peek_backup(path: &Path) -> Result<BackupContents, VerifyError> {
    if !has_database_header(path) {
        return Err(VerifyError::NotADatabase);
    }
    // (Whose database it is, without checking it through: another program's holds none of
    // our tables, and was listed as "empty data".)
    sound(examine(path, Depth::Identity))?;
    contents_of(path)
}

/// What the database at `path`, already verified, holds (read without changing the file).
fn contents_of(path: &Path) -> Result<BackupContents, VerifyError> {
    let conn = super::verdict::open_untouched(path)
        .map_err(|e| VerifyError::Io(super::sqlite_cause(&e)))?;
    contents_in(conn)
}

/// What the database open on `conn` holds.
fn contents_in(conn: Connection) -> Result<BackupContents, VerifyError> {
    let counted = BackupContents::counted(&conn)?;
    Ok(BackupContents {
        newest: Records::new(conn).newest_shop_record().ok().flatten(),
        ..counted
    })
}

impl BackupContents {
    /// The counts of the database `conn` (its newest record left out).
    fn counted(conn: &Connection) -> Result<BackupContents, VerifyError> {
        Ok(BackupContents {
            newest: None,
            devices: rows_in(conn, "device")?,
            incidents: rows_in(conn, "incident")?,
            completions: rows_in(conn, "completion")?,
            staff: rows_in(conn, "staff")?,
            shop: setting_of(conn, super::keys::SHOP_NAME).unwrap_or_default(),
        })
    }

    /// What to say before this backup replaces the data `now`: another shop's, records newer
    /// than its newest, fewer records.
    pub fn restore_warnings(&self, now: &BackupContents, lang: Lang) -> Vec<String> {
        [
            self.other_shop(now, lang),
            self.newer_than_this(now, lang),
            self.fewer_than_now(now, lang),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// When this backup is another shop's than the data `now` (both named, differently): said,
    /// for a restore that would replace one shop's records with another's.
    pub fn other_shop(&self, now: &BackupContents, lang: Lang) -> Option<String> {
        let (backup, current) = (self.shop.trim(), now.shop.trim());
        (!backup.is_empty() && !current.is_empty() && backup != current)
            .then(|| lang.fill(T::BackupsOtherShop, &[("backup", backup), ("now", current)]))
    }

    /// What the data `now` holds that this backup does not, counted (incidents, devices, checks
    /// or staff fewer in it), when its newest record does not already say so
    /// ([`Self::newer_than_this`]): a record written under a clock put back is older than the
    /// newest, and would still go.
    pub fn fewer_than_now(&self, now: &BackupContents, lang: Lang) -> Option<String> {
        if self.newer_than_this(now, lang).is_some() {
            return None;
        }
        let fewer: Vec<String> = [
            (T::CountDevices, now.devices, self.devices),
            (T::CountIncidents, now.incidents, self.incidents),
            (T::CountCompletions, now.completions, self.completions),
            (T::CountStaff, now.staff, self.staff),
        ]
        .into_iter()
        .filter(|(_, now, backup)| now > backup)
        .map(|(key, now, backup)| lang.fill(key, &[("n", &(now - backup).to_string())]))
        .collect();
        (!fewer.is_empty()).then(|| {
            lang.fill(
                T::BackupsConfirmFewer,
                &[("fewer", &fewer.join(lang.t(T::ListSeparator)))],
            )
        })
    }

    /// Whether it holds no device, incident, check or member of staff (most likely the
    /// automatic backup of the first start: restoring it is starting empty).
    pub fn holds_nothing(&self) -> bool {
        self.devices + self.incidents + self.completions + self.staff == 0
    }

    /// "设备 2 台、故障记录 5 条…" / "2 devices, 5 incidents…".
    pub fn counts_text(&self, lang: Lang) -> String {
        let n = |count: u64| count.to_string();
        lang.fill(
            T::BackupsContents,
            &[
                ("devices", &n(self.devices)),
                ("incidents", &n(self.incidents)),
                ("completions", &n(self.completions)),
                ("staff", &n(self.staff)),
            ],
        )
    }

    /// When `now` (the current data) holds records newer than this backup: what a restore of
    /// it would take out of the data, said.
    pub fn newer_than_this(&self, now: &BackupContents, lang: Lang) -> Option<String> {
        let (Some(now_newest), backup_newest) = (now.newest, self.newest) else {
            return None;
        };
        if backup_newest.is_some_and(|b| b >= now_newest) {
            return None;
        }
        // (A backup with no records at all has no "after" to speak of.)
        let key = if self.newest.is_none() {
            T::BackupsConfirmNewerEmpty
        } else {
            T::BackupsConfirmNewer
        };
        // Within the same minute, the seconds tell them apart ("17:23 … 17:23" read as a
        // contradiction).
        let (mut now_text, mut backup_text) = (now.newest_text(lang), self.newest_text(lang));
        if now_text == backup_text {
            let seconds = |t: Option<chrono::NaiveDateTime>| {
                t.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
            };
            now_text = seconds(now.newest).unwrap_or(now_text);
            backup_text = seconds(self.newest).unwrap_or(backup_text);
        }
        Some(lang.fill(key, &[("now", &now_text), ("backup", &backup_text)]))
    }

    /// The time of the newest record, or that there is none.
    pub fn newest_text(&self, lang: Lang) -> String {
        self.newest.map_or_else(
            || lang.t(T::BackupsNewestNone).to_owned(),
            |t| t.format("%Y-%m-%d %H:%M").to_string(),
        )
    }
}

/// How recent a before-upgrade copy of the same data must be to stand for it (a window that
/// could not finish the upgrade tries again every minute, and on "Try again").
const SAME_UPGRADE_COPY: chrono::TimeDelta = chrono::TimeDelta::hours(1);

impl Store {
    /// Whether the backups hold a copy taken before an upgrade, less than an hour ago, of the
    /// data as it is now: the same data version and the same records (their counts and the
    /// newest). A window whose upgrade failed tries it again every minute; one whole copy of
    /// the data it could not upgrade is enough (a tester found one made at every try, enough
    /// to fill a disk in a day). Anything it cannot read says no: another copy is taken.
    pub(super) fn has_copy_before_upgrade(&self, version: i32) -> bool {
        let Ok(now) = self.records.contents() else {
            return false;
        };
        let since = chrono::Local::now().naive_local() - SAME_UPGRADE_COPY;
        let newest = list_backups(&self.paths.backups())
            .into_iter()
            .find(|b| b.kind == BackupKind::PreMigration);
        newest.is_some_and(|b| {
            b.taken >= since
                && super::verdict::open_untouched(&b.path).is_ok_and(|conn| {
                    conn.pragma_query_value(None, "user_version", |r| r.get::<_, i32>(0))
                        .is_ok_and(|v| v == version)
                        && contents_in(conn).is_ok_and(|c| c == now)
                })
        })
    }
}

impl Records {
    /// What the data holds now, counted as a backup's contents are (to set beside a backup's
    /// before a restore replaces it).
    pub fn contents(&self) -> Result<BackupContents, VerifyError> {
        let counted = BackupContents::counted(&self.conn)?;
        Ok(BackupContents {
            newest: self.newest_shop_record().ok().flatten(),
            ..counted
        })
    }
}

/// How many rows `table` of a backup has (none when its version had no such table).
fn rows_in(conn: &Connection, table: &str) -> Result<u64, VerifyError> {
    let read = |e: rusqlite::Error| VerifyError::Io(super::sqlite_cause(&e));
    let exists: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
            [table],
            |r| r.get(0),
        )
        .map_err(read)?;
    if !exists {
        return Ok(0);
    }
    let n: i64 = conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .map_err(read)?;
    Ok(n.max(0) as u64)
}

/// A setting stored in the backup at `path` (read without changing the file).
pub(super) fn setting_in(path: &Path, key: &str) -> Option<String> {
    setting_of(&super::verdict::open_untouched(path).ok()?, key)
}

/// A setting stored in the database open on `conn` (none when its version kept none).
fn setting_of(conn: &Connection, key: &str) -> Option<String> {
    conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .ok()
}

/// Whether the file at `path` begins as every SQLite database does: a file named like a backup
/// that does not (junk left by a disk fault) is no backup, without opening it.
pub fn has_database_header(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = [0u8; 16];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}

/// The backup files in `dir`, newest first. Files whose names are not ours are ignored.
pub fn list_backups(dir: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<BackupInfo> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_prefix("poscare-")?.strip_suffix(".db")?;
            // poscare-YYYYMMDD-HHMMSS-<kind>[-n].db
            let taken =
                NaiveDateTime::parse_from_str(stem.get(..15)?, super::FILE_STAMP_FORMAT).ok()?;
            let rest = stem.get(16..)?;
            let kind_code = rest
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .trim_end_matches('-');
            let kind = BackupKind::from_code(kind_code)?;
            // An empty file is a name taken for a backup that was never written (the program
            // was stopped before the copy was sealed): no backup, neither listed nor "damaged",
            // nor the date of the last one.
            if e.metadata().is_ok_and(|m| m.len() == 0) {
                return None;
            }
            Some(BackupInfo {
                path: e.path(),
                taken,
                kind,
            })
        })
        .collect();
    out.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| b.path.cmp(&a.path)));
    out
}

/// The newest time of the shop's records inside the backup at `path` (read without changing the
/// file; the backup log aside, so a restored old backup is as old as its data), or `None` when
/// it cannot be read so.
pub fn content_time(path: &Path) -> Option<NaiveDateTime> {
    let conn = super::verdict::open_untouched(path).ok()?;
    Records::new(conn).newest_shop_record().ok().flatten()
}

/// The backups in `dir`, each dated by its content (the newest record inside, see
/// [`content_time`]) where that can be read, else by its name; newest first. A backup's name
/// carries the clock's time when it was taken, which may have been wrong; its content says how
/// new its data really is.
pub fn backups_by_content(dir: &Path) -> Vec<BackupInfo> {
    let mut backups: Vec<(bool, BackupInfo)> = list_backups(dir)
        .into_iter()
        .map(|mut b| {
            let content = content_time(&b.path);
            if let Some(t) = content {
                b.taken = t;
            }
            (content.is_some(), b)
        })
        .collect();
    // Read contents first, then by date; of equal dates the later file name.
    backups.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| b.1.taken.cmp(&a.1.taken))
            .then_with(|| b.1.path.cmp(&a.1.path))
    });
    backups.into_iter().map(|(_, b)| b).collect()
}

/// The backup in `dir` with the newest data (by content, never by its name or the clock) that
/// passes [`verify_file`].
pub fn newest_verified_backup(dir: &Path) -> Option<BackupInfo> {
    backups_by_content(dir)
        .into_iter()
        .find(|b| verify_file(&b.path).is_ok())
}

/// Automatic backups that are always kept, however old the clock says they are.
const NEWEST_AUTO_KEPT: usize = 7;

/// How many copies taken before an upgrade, and before a restore, are kept at least.
const KEPT_COPIES: usize = 3;

/// Copies taken before an upgrade or a restore within this many days are all kept.
const RECENT_COPY_DAYS: i64 = 31;

/// The backups to delete, with `now` as the clock says. What stays: the newest 7 automatic
/// backups whatever their dates; every backup dated after `now` (the clock went back: it is not
/// trusted); the newest automatic backup of each of the last 7 days, 8 weeks and 12 months; the
/// newest 3 copies taken before an upgrade and before a restore; `protect` (the last verified
/// backup older than the newest). Manual backups are never thinned.
pub fn backups_to_thin(
    backups: &[BackupInfo],
    now: NaiveDateTime,
    protect: Option<&Path>,
) -> Vec<PathBuf> {
    let today = now.date();
    let mut keep: HashSet<&Path> = protect.into_iter().collect();
    let mut days = HashSet::new();
    let mut weeks = HashSet::new();
    let mut months = HashSet::new();
    let mut sorted: Vec<&BackupInfo> = backups.iter().collect();
    sorted.sort_by_key(|b| std::cmp::Reverse(b.taken));
    for kind in [BackupKind::PreMigration, BackupKind::PreRestore] {
        for b in sorted.iter().filter(|b| b.kind == kind).take(KEPT_COPIES) {
            keep.insert(&b.path);
        }
    }
    let autos = sorted.iter().filter(|b| b.kind == BackupKind::Auto);
    for (n, b) in autos.enumerate() {
        let date = b.taken.date();
        let age = (today - date).num_days();
        let week = date.iso_week();
        // Record the day, week and month of every backup (newest first), so that only the
        // newest of each bucket counts as "new" there.
        let newest_of_day = days.insert(date);
        let newest_of_week = weeks.insert((week.year(), week.week()));
        let newest_of_month = months.insert((date.year(), date.month()));
        if n < NEWEST_AUTO_KEPT
            || b.taken > now
            || (age < 7 && newest_of_day)
            || (age < 7 * 8 && newest_of_week)
            || (age < 366 && newest_of_month)
        {
            keep.insert(&b.path);
        }
    }
    sorted
        .iter()
        .filter(|b| b.kind != BackupKind::Manual && !keep.contains(b.path.as_path()))
        .map(|b| b.path.clone())
        .collect()
}

/// A name in `dir` for a new backup of `kind` taken now that no file has yet.
fn fresh_name(dir: &Path, kind: BackupKind) -> std::io::Result<PathBuf> {
    let stamp = super::file_stamp();
    for n in 0..1000 {
        let path = dir.join(if n == 0 {
            format!("poscare-{stamp}-{}.db", kind.code())
        } else {
            format!("poscare-{stamp}-{}-{n}.db", kind.code())
        });
        // Taken by creating it: two backups into one folder in the same second (two tills,
        // one stick) never get the same name, nor the same temporary file, which is named
        // after it. The empty file is replaced by the sealed copy, or removed on failure.
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free backup name"))
}

/// The temporary name a backup to `target` is written under.
fn temp_name(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.tmp"))
}

/// Removes a file and its SQLite companions, if there.
fn remove_with_companions(path: &Path) {
    let _ = fs::remove_file(path);
    for suffix in COMPANIONS {
        let _ = fs::remove_file(companion(path, suffix));
    }
}

/// One line of the backup log: a backup written (or tried), or a restore.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupRecord {
    /// When.
    pub at: NaiveDateTime,
    /// `auto`, `pre_migration`, `pre_restore`, `manual` or `restored`.
    pub kind: String,
    /// The backup file (for a restore: the file restored from).
    pub path: String,
    /// Its size in bytes (0 if it failed).
    pub bytes: u64,
    /// Whether it succeeded.
    pub ok: bool,
    /// Why it failed, if it did.
    pub detail: String,
}

impl Store {
    /// Writes a verified backup of the whole database into `dir`; returns its path. A manual
    /// backup ("back up now") must go outside the data folder.
    ///
    /// The attempt is logged (success or failure) once the schema has the log. A manual backup
    /// carries its own date inside the copy (restored on another PC, Today knows when the data
    /// was backed up); only once the copy is verified and has its final name does the live data
    /// record it as the last outside backup, with its folder.
    pub fn write_backup(&self, dir: &Path, kind: BackupKind) -> Result<PathBuf, BackupError> {
        self.write_backup_completing(dir, kind, &|_| Vec::new())
    }

    /// Backs up to a folder outside the data folder (a USB stick) and records what that backup
    /// completes: the plan's open backup tasks, done at `by.at` by `by.done_by`, noted in
    /// `by.lang`. The record of the backup (the last outside backup, its line in the backup log)
    /// and those completions are written into the copy as well as into the live data, so that
    /// restoring this backup later does not lose them.
    ///
    /// The backup is what matters, and whether it was recorded is said apart from it: when the
    /// plan cannot be read, or the record (the log line, the last outside backup, the completed
    /// tasks: one transaction) cannot be written in the live data (its `-wal` cannot be
    /// written), the copy still stands and [`OutsideBackup::recorded`] says why it was not
    /// recorded.
    pub fn back_up_outside(
        &mut self,
        dir: &Path,
        by: &BackupBy,
    ) -> Result<OutsideBackup, BackupError> {
        // On a doubted clock the copy is made but nothing is recorded: not the date of the
        // backup, not its log line, not the missed checks a catch-up would write, not the tasks
        // it completes; the copy itself carries the newest trustworthy time.
        let clock = self
            .judge_clock(&self.paths, by.at)
            .map_err(|e| BackupError::Folder(e.to_string()))?;
        if clock.doubted() {
            let trusted = stamp(clock.trusted_now(by.at));
            let path = self.write_backup_unlogged(
                &self.paths.dir,
                dir,
                BackupKind::Manual,
                &trusted,
                &|_| Vec::new(),
            )?;
            return Ok(OutsideBackup {
                path,
                recorded: Ok(0),
                unrecorded: Some(clock),
            });
        }
        let agenda = self.backup_agenda(by.at.date());
        let planned = |file: &Path| match &agenda {
            Ok(agenda) => {
                let note = crate::planner::reminder::backup_note(by.lang, file);
                crate::planner::reminder::backup_completions(agenda, by.at, by.done_by, &note)
            }
            Err(_) => Vec::new(),
        };
        let (result, recorded) = self.write_backup_recorded(dir, BackupKind::Manual, &planned);
        let path = result?;
        // Without the plan its tasks were not ticked: that is a record missing too.
        let recorded = match agenda {
            Ok(_) => recorded,
            Err(e) => recorded.and(Err(e)),
        };
        Ok(OutsideBackup {
            path,
            recorded,
            unrecorded: None,
        })
    }

    /// Writes a backup whose copy also holds `completions(final path)` (a manual backup's
    /// completed backup tasks), and records the attempt; a record that could not be written is
    /// not an error here (see [`Store::back_up_outside`] for a backup that says so).
    fn write_backup_completing(
        &self,
        dir: &Path,
        kind: BackupKind,
        completions: &dyn Fn(&Path) -> Vec<NewCompletion>,
    ) -> Result<PathBuf, BackupError> {
        // The backup itself is done (or failed) either way: a log line that cannot be written
        // must not turn a good backup into a failure.
        self.write_backup_recorded(dir, kind, completions).0
    }

    /// Writes a backup whose copy also holds `completions(final path)` and records the attempt
    /// in the live data, in one transaction: its line in the backup log and, for a manual backup
    /// that was written and confirmed, the last outside backup, its folder and
    /// `completions(final path)` (the plan's backup tasks it completed). Returns the backup and
    /// how many tasks the record completed, or why the record could not be written.
    fn write_backup_recorded(
        &self,
        dir: &Path,
        kind: BackupKind,
        completions: &dyn Fn(&Path) -> Vec<NewCompletion>,
    ) -> (Result<PathBuf, BackupError>, Result<usize, StoreError>) {
        let at = now_stamp();
        let result = self.write_backup_unlogged(&self.paths.dir, dir, kind, &at, completions);
        // The reason is kept as the shop reads it: in the language the app is set to then.
        let lang = self.language();
        let (path, bytes, detail) = match &result {
            Ok(path) => (
                whole_path(path),
                fs::metadata(path).map(|m| m.len()).unwrap_or(0),
                String::new(),
            ),
            // The copy has its name, but does not count: the log names the file.
            Err(e @ BackupError::Unconfirmed { path, .. }) => {
                (whole_path(path), 0, e.message(lang))
            }
            Err(e) => (whole_path(dir), 0, e.message(lang)),
        };
        // Dated as the file is named and the last outside backup is kept, when it began: a slow
        // stick made one backup read 00:19 on one line and 00:20 on the next (a tester).
        let log = || self.log_backup(&at, kind.log_code(), &path, bytes, result.is_ok(), &detail);
        // A failure said at once to whoever asked, where nothing of the shop's happened, is no
        // record to keep for years: the copy taken before a restore (the restore is refused and
        // says why; a tester's "nothing was changed" left a "failed" line behind), or a backup
        // aimed at a place it may never go (the data folder, a database: a typo on the command
        // line). A stick not plugged in stays on record, as the daily backup's failures do:
        // the weekly backup was tried.
        let refused_target = matches!(
            result,
            Err(BackupError::Refused(
                WriteError::InsideDataFolder(_) | WriteError::IsDatabase(_) | WriteError::NoName
            ))
        );
        let unrecorded = match kind {
            BackupKind::PreRestore => result.is_err(),
            BackupKind::Manual => refused_target,
            BackupKind::Auto | BackupKind::PreMigration => false,
        };
        if unrecorded {
            return (result, Ok(0));
        }
        let recorded = match (kind, &result) {
            (BackupKind::Manual, Ok(file)) => (|| {
                let tx = self.conn.unchecked_transaction()?;
                log()?;
                self.put_setting(keys::LAST_EXTERNAL_BACKUP, &at)?;
                // Whole, from the root: a folder typed as `usb` in one working folder is
                // another folder for a window started from a shortcut (a tester's backup landed
                // on the PC's own disk, counted as the stick's).
                self.put_setting(keys::BACKUP_FOLDER, &whole_path(dir))?;
                let done = super::planner::insert_completions(&tx, &completions(file))?;
                tx.commit()?;
                Ok(done)
            })(),
            // One statement: its own transaction (a before-upgrade backup may run inside one).
            _ => log().map(|()| 0),
        };
        (result, recorded)
    }

    /// Appends a line dated `at` to the backup log if this schema has one (a before-upgrade backup is taken
    /// while the old schema is still in place).
    fn log_backup(
        &self,
        at: &str,
        kind: &str,
        path: &str,
        bytes: u64,
        ok: bool,
        detail: &str,
    ) -> Result<(), StoreError> {
        if self.schema_version().unwrap_or(0) < 4 {
            return Ok(());
        }
        self.conn
            .execute(
                "INSERT INTO backup_log (at, kind, path, bytes, ok, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![at, kind, path, bytes as i64, ok, detail],
            )
            .map(|_| ())
            .map_err(StoreError::from)
    }

    /// The plan's agenda on `day`, from which a backup's completions are taken (catching up on
    /// missed days first, as the planner does).
    fn backup_agenda(&mut self, day: chrono::NaiveDate) -> Result<Agenda, StoreError> {
        let tasks = self.tasks()?;
        let calendar = self.shop_calendar()?;
        Ok(self.catch_up(&tasks, &calendar, day)?.0)
    }

    /// Takes the daily automatic backup if none was taken on `now`'s day, then thins old ones.
    /// Returns the new backup's path, or `None` when that day's already exists. On a doubted
    /// clock the copy is still made (a copy never hurts), but not logged: its log line would be
    /// dated after the real today.
    pub fn daily_backup(&self, now: NaiveDateTime) -> Result<Option<PathBuf>, BackupError> {
        let dir = self.paths.backups();
        // (By a file that is a sound backup: a file named like one that is not, junk left by
        // a disk fault, stopped the day's backup.)
        let made = if list_backups(&dir).iter().any(|b| {
            b.kind == BackupKind::Auto
                && b.taken.date() == now.date()
                && verify_file(&b.path).is_ok()
        }) {
            None
        } else if self
            .judge_clock(&self.paths, now)
            .is_ok_and(|j| j.doubted())
        {
            Some(self.write_backup_unlogged(
                &self.paths.dir,
                &dir,
                BackupKind::Auto,
                &stamp(now),
                &|_| Vec::new(),
            )?)
        } else {
            Some(self.write_backup(&dir, BackupKind::Auto)?)
        };
        self.thin_backups(now);
        Ok(made)
    }

    /// Deletes the backups in `backups/` that [`backups_to_thin`] gives up, never the last
    /// verified backup older than the newest one. Each backup is dated by its content, and
    /// "now" is the newest trustworthy time: a clock a year ahead thins nothing a right one
    /// would keep.
    fn thin_backups(&self, now: NaiveDateTime) {
        // (Never later than the clock either: a clock behind the newest record thins nothing
        // dated after it, in case it is the records that are wrong.)
        let now = self
            .judge_clock(&self.paths, now)
            .map_or(now, |j| j.trusted_now(now).min(now));
        let all = backups_by_content(&self.paths.backups());
        if backups_to_thin(&all, now, None).is_empty() {
            return;
        }
        let protect = all
            .iter()
            .skip(1)
            .find(|b| verify_file(&b.path).is_ok())
            .map(|b| b.path.clone());
        // The newest copies taken before a restore or an upgrade by when they were taken, too:
        // the copy of data restored from an old backup holds old records, and by its content
        // alone the copy just made would be the first to go.
        let mut named = list_backups(&self.paths.backups());
        named.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| b.path.cmp(&a.path)));
        let mut just_taken: HashSet<PathBuf> = [BackupKind::PreMigration, BackupKind::PreRestore]
            .into_iter()
            .flat_map(|kind| {
                named
                    .iter()
                    .filter(move |b| b.kind == kind)
                    .take(KEPT_COPIES)
                    .map(|b| b.path.clone())
            })
            .collect();
        // And every one taken in the last month: restores come in runs (trying one stick backup
        // after another, or backups from another PC, each newer than the data), and the copy
        // before the first of them, the oldest by every measure, is the shop's own data.
        let month_ago = now - chrono::Duration::days(RECENT_COPY_DAYS);
        for b in named.iter().filter(|b| {
            matches!(b.kind, BackupKind::PreMigration | BackupKind::PreRestore)
                && b.taken >= month_ago
        }) {
            just_taken.insert(b.path.clone());
        }
        // And, of each kind, the copy holding the newest records: restoring a backup with no
        // records again and again (the first start's) makes copies of nothing, which must not
        // push the copy of the shop's real data out.
        for kind in [BackupKind::PreMigration, BackupKind::PreRestore] {
            let newest = all
                .iter()
                .filter(|b| b.kind == kind)
                .filter_map(|b| content_time(&b.path).map(|t| (t, b)))
                .max_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.path.cmp(&b.1.path)));
            if let Some((_, b)) = newest {
                just_taken.insert(b.path.clone());
            }
        }
        for old in backups_to_thin(&all, now, protect.as_deref()) {
            if !just_taken.contains(&old) {
                let _ = fs::remove_file(old);
            }
        }
    }

    /// Whether the data holds any record of the shop's (a device, an incident, a task, a person,
    /// a note, a backup to a stick or a restore): settings and the automatic copies alone do not
    /// count. `Err` when it cannot be read, which a caller takes as "it does".
    pub fn holds_records(&self) -> Result<bool, StoreError> {
        let tables: Vec<String> = self
            .conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name NOT IN ('setting', 'backup_log')",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for table in tables {
            // The timeline's lines of backups are the backup log's own.
            let only = if table == "history" {
                " WHERE source IS NOT 'backup_log'"
            } else {
                ""
            };
            let sql = format!("SELECT EXISTS (SELECT 1 FROM \"{table}\"{only})");
            if self.conn.query_row(&sql, [], |r| r.get::<_, bool>(0))? {
                return Ok(true);
            }
        }
        // A backup to a stick, or a restore, is the shop's own record too (and what a later
        // offer names as the newer copy); the daily automatic copies of a blank start are not.
        let logged = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM backup_log WHERE kind <> 'auto')",
            [],
            |r| r.get::<_, bool>(0),
        )?;
        Ok(logged)
    }

    /// Replaces the data with the backup at `file`.
    ///
    /// Only a plain file is read (never a pipe or a device). It is copied to `staging/`,
    /// verified, migrated there if it is older, a backup of the current data is taken, and only
    /// then is the copy loaded through SQLite's backup API. Old before-restore copies are thinned
    /// afterwards. On any error before that last step the current data is untouched; a problem
    /// of the data folder's disk is reported as such, not as the file's. Returns the copy of the
    /// data it replaced (`None`: there were no records to keep, as on a new PC or after a loss).
    ///
    /// `described`: what the file held when it was checked and shown to the person who agreed
    /// to the restore. The copy must still hold exactly that ([`VerifyError::Changed`] if not):
    /// what is restored is what was agreed to.
    pub fn restore_from(
        &mut self,
        file: &Path,
        described: Option<&BackupContents>,
    ) -> Result<Option<PathBuf>, BackupError> {
        if self.paths.is_data_file(file) {
            return Err(BackupError::Verify(VerifyError::IsTheData));
        }
        // Room for the copy checked in staging/, the copy of the data it replaces and the
        // restored data, asked before anything is written: "the disk is full" halfway, with
        // 98 MB free, read as false to a tester whose backup needed 250.
        let size = |p: &Path| fs::metadata(p).map_or(0, |m| m.len());
        let needed = size(file)
            .saturating_mul(2)
            .saturating_add(size(&self.paths.db()));
        if let Ok(free) = files::room_left(&self.paths.dir)
            && free < needed
        {
            return Err(BackupError::NoRoom { needed, free });
        }
        let staging_dir = self.paths.staging();
        fs::create_dir_all(&staging_dir).map_err(|e| BackupError::from_io(&e))?;
        let staged = (0..)
            .map(|n| {
                staging_dir.join(format!(
                    "incoming-{}-{n}.db",
                    now_stamp().replace([':', 'T', '-'], "")
                ))
            })
            .find(|p| !p.exists())
            .unwrap_or_else(|| staging_dir.join("incoming.db"));
        let result = self.restore_staged(file, &staged, described);
        remove_with_companions(&staged);
        // Only while a restore runs: an empty `staging/` is not left behind (nor anything else
        // in it removed).
        let _ = fs::remove_dir(&staging_dir);
        if result.is_ok() {
            // Into the restored data: its history shows where it came from.
            let bytes = fs::metadata(file).map(|m| m.len()).unwrap_or(0);
            let _ = self.log_backup(&now_stamp(), "restored", &whole_path(file), bytes, true, "");
            // The days between the copy's newest record and today are not known to it: none
            // of their checks is "missed" (see `Store::catch_up`).
            let now = chrono::Local::now().naive_local();
            let today = now.date().format("%Y-%m-%d").to_string();
            let _ = self.set_setting(super::keys::RESTORED_ON, &today);
            self.thin_backups(now);
        }
        result
    }

    fn restore_staged(
        &mut self,
        file: &Path,
        staged: &Path,
        described: Option<&BackupContents>,
    ) -> Result<Option<PathBuf>, BackupError> {
        files::copy_new(file, staged).map_err(|e| match e {
            CopyError::NotAFile => BackupError::Verify(VerifyError::NotAFile),
            CopyError::Source(e) if e.kind() == std::io::ErrorKind::NotFound => {
                BackupError::Verify(VerifyError::NotFound)
            }
            CopyError::Source(e) => BackupError::Verify(VerifyError::Io(Cause::of(&e))),
            CopyError::Destination(e) => BackupError::from_io(&e),
        })?;
        copy_wal_too(file, staged)?;
        let version = verify_file(staged).map_err(BackupError::Verify)?;
        // The copy is what is restored: it is counted, before it is brought up to this version,
        // as the file was when it was described.
        if let Some(described) = described
            && contents_of(staged).map_err(BackupError::Verify)? != *described
        {
            return Err(BackupError::Verify(VerifyError::Changed));
        }
        {
            let mut copy = Connection::open(staged).map_err(|e| BackupError::from_sqlite(&e))?;
            let _: String = copy
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
                .map_err(|e| BackupError::from_sqlite(&e))?;
            super::schema::migrate(&mut copy, version).map_err(|e| {
                if super::schema::is_system_failure(&e) {
                    // The disk or the system failed: said as such.
                    BackupError::from_sqlite(&e)
                } else {
                    // Anything else is the file's own tables not being what its version had (a
                    // table already there, one missing, a rule broken): its fault, said plainly,
                    // never SQLite's words with the migration's SQL, never "is the disk full?".
                    BackupError::Verify(VerifyError::Incomplete)
                }
            })?;
        }
        verify_file(staged).map_err(BackupError::Verify)?;
        // (Brought up to this version, it must be what this version makes and nothing more: a
        // trigger another program added would run on every write of the shop's.)
        if let Some(part) = super::verdict::extra_part(staged) {
            return Err(BackupError::Verify(VerifyError::Edited(part)));
        }
        // Data with records is backed up first. A new database (a new PC, or data that was lost)
        // holds nothing to keep: no empty "before restore" copy is made.
        let before = if self.holds_records().unwrap_or(true) {
            Some(self.write_backup(&self.paths.backups(), BackupKind::PreRestore)?)
        } else {
            None
        };
        self.conn
            .restore(MAIN_DB, staged, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| BackupError::from_sqlite(&e))?;
        Ok(before)
    }
}

/// Copies the write-ahead log beside `file` (a crashed PC's database keeps its last commits
/// there) next to its staged copy, so that the copy holds what SQLite would read from the
/// source; the source is never opened or changed. A log that cannot be read is said so rather
/// than left behind with the records in it.
fn copy_wal_too(file: &Path, staged: &Path) -> Result<(), BackupError> {
    let wal = companion(file, "-wal");
    match fs::symlink_metadata(&wal) {
        Ok(meta) if meta.is_file() && meta.len() > 0 => {}
        Ok(meta) if meta.is_file() => return Ok(()),
        Ok(_) => {
            return Err(BackupError::Verify(VerifyError::Io(Cause::said(format!(
                "{} is not a file",
                wal.display()
            )))));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(BackupError::Verify(VerifyError::Io(Cause::of(&e)))),
    }
    files::copy_new(&wal, &companion(staged, "-wal"))
        .map(|_| ())
        .map_err(|e| match e {
            CopyError::Destination(e) => BackupError::from_io(&e),
            CopyError::NotAFile => BackupError::Verify(VerifyError::NotAFile),
            CopyError::Source(e) => BackupError::Verify(VerifyError::Io(Cause::of(&e))),
        })
}

/// Who made a backup to an outside folder, when, and the language of its note in the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupBy {
    /// When the backup was made (the app's clock).
    pub at: NaiveDateTime,
    /// The member of staff at the till, if one is chosen.
    pub done_by: Option<i64>,
    /// The language of the note on the completed tasks.
    pub lang: Lang,
}

/// A backup to an outside folder, and what it completed in the plan.
#[derive(Debug)]
pub struct OutsideBackup {
    /// The backup file.
    pub path: PathBuf,
    /// Whether the backup was recorded in the live data (its log line, the date of the last
    /// outside backup, the plan's open backup tasks done: all or nothing) and how many tasks it
    /// completed; or why it could not be recorded. The backup file is good either way, but an
    /// error here must be said: the reminder and the plan do not know of the backup.
    pub recorded: Result<usize, StoreError>,
    /// The clock was doubted: the copy was written but nothing was recorded in the live data
    /// (`recorded` is then `Ok(0)`).
    pub unrecorded: Option<crate::clock::ClockJudgement>,
}

/// What a manual backup writes into its own copy besides the data, in one transaction: when it
/// was made (Today on another PC knows when the data was backed up), its line in the backup log,
/// and the backup tasks it completes. Restoring the copy then keeps the record of the backup.
struct CopyMarks<'a> {
    at: &'a str,
    completions: Vec<NewCompletion>,
}

impl CopyMarks<'_> {
    fn write_into(
        &self,
        copy: &mut Connection,
        target: &Path,
        temp: &Path,
    ) -> Result<(), BackupError> {
        let sqlite = |e: rusqlite::Error| BackupError::on_copy(&e, true);
        let bytes = fs::metadata(temp).map(|m| m.len()).unwrap_or(0);
        let tx = copy.transaction().map_err(sqlite)?;
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [keys::LAST_EXTERNAL_BACKUP, self.at],
        )
        .map_err(sqlite)?;
        tx.execute(
            "INSERT INTO backup_log (at, kind, path, bytes, ok, detail) VALUES (?1, ?2, ?3, ?4, 1, '')",
            rusqlite::params![
                self.at,
                BackupKind::Manual.log_code(),
                target.display().to_string(),
                bytes as i64
            ],
        )
        .map_err(sqlite)?;
        super::planner::insert_completions(&tx, &self.completions)
            .map_err(|e| BackupError::Write(e.to_string()))?;
        tx.commit().map_err(sqlite)
    }
}

impl Records {
    /// When the last backup to an outside folder was made, if ever.
    pub fn last_external_backup(&self) -> Result<Option<NaiveDateTime>, StoreError> {
        Ok(self
            .setting(keys::LAST_EXTERNAL_BACKUP)?
            .as_deref()
            .and_then(parse_stamp))
    }

    /// The newest `limit` lines of the backup log, newest first.
    pub fn backup_log(&self, limit: usize) -> Result<Vec<BackupRecord>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT at, kind, path, bytes, ok, detail FROM backup_log ORDER BY at DESC, id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            let at: String = r.get(0)?;
            Ok(BackupRecord {
                at: parse_stamp(&at).unwrap_or_default(),
                kind: r.get(1)?,
                path: r.get(2)?,
                bytes: r.get::<_, i64>(3)?.max(0) as u64,
                ok: r.get(4)?,
                detail: r.get(5)?,
            })
        })?;
        rows.collect::<Result<_, _>>().map_err(StoreError::from)
    }
}

impl Records {
    /// Writes a verified copy of the data into `dir` (the data folder `data_dir`'s own
    /// `backups/`, or a folder outside it) without a line in the data's log: the caller logs
    /// it, or cannot (a read-only data folder, a doubted clock).
    pub(super) fn write_backup_unlogged(
        &self,
        data_dir: &Path,
        dir: &Path,
        kind: BackupKind,
        at: &str,
        completions: &dyn Fn(&Path) -> Vec<NewCompletion>,
    ) -> Result<PathBuf, BackupError> {
        if kind == BackupKind::Manual {
            files::outside_folder(dir, data_dir).map_err(|e| match e {
                WriteError::Io(detail) => BackupError::TargetGone(detail),
                e => BackupError::Refused(e),
            })?;
            // Half copies of a backup killed or cut off there before (never in the data folder,
            // which sweeps its own at start).
            files::clear_leftovers(dir);
        } else {
            fs::create_dir_all(dir).map_err(|e| BackupError::OwnFolder {
                dir: dir.to_path_buf(),
                detail: (!dir.is_file()).then(|| e.to_string()),
            })?;
        }
        let target = fresh_name(dir, kind)
            .map_err(|e| BackupError::on_copy_io(&e, kind == BackupKind::Manual))?;
        let temp = temp_name(&target);
        let marks = CopyMarks {
            at,
            completions: completions(&target),
        };
        let result = self
            .write_backup_to(&temp, &target, kind, &marks)
            .map_err(|e| match e {
                BackupError::DiskFull => BackupError::DiskFullAt(
                    std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()),
                ),
                e => e,
            });
        if result.is_err() {
            remove_with_companions(&temp);
            // The name taken for it, still empty: nothing of it is left.
            if fs::metadata(&target).is_ok_and(|m| m.len() == 0) {
                let _ = fs::remove_file(&target);
            }
        }
        result.map(|()| target)
    }

    fn write_backup_to(
        &self,
        temp: &Path,
        target: &Path,
        kind: BackupKind,
        marks: &CopyMarks<'_>,
    ) -> Result<(), BackupError> {
        // A manual backup goes to a folder the merchant chose (a USB stick): what fails there
        // is said as the stick's problem ("removed or cannot be written"), not as a full disk.
        let outside = kind == BackupKind::Manual;
        let on_copy = |e: rusqlite::Error| BackupError::on_copy(&e, outside);
        remove_with_companions(temp);
        let temp_str = temp
            .to_str()
            .ok_or_else(|| BackupError::Folder("the folder name cannot be used".into()))?;
        self.conn
            .execute("VACUUM INTO ?1", [temp_str])
            .map_err(|e| BackupError::from_vacuum(&e, outside))?;
        {
            // One self-contained file: no -wal companion to lose when copying the backup around.
            let mut copy = Connection::open(temp).map_err(on_copy)?;
            let _: String = copy
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
                .map_err(on_copy)?;
            if kind == BackupKind::Manual {
                marks.write_into(&mut copy, target, temp)?;
            }
        }
        verify_file(temp).map_err(|e| match e {
            // The copy that was just there cannot be read back, or is gone: the stick.
            VerifyError::Io(detail) if outside => BackupError::TargetGone(detail),
            VerifyError::NotFound | VerifyError::ReadFailed if outside => {
                BackupError::TargetGone(Cause::said(e.message(Lang::En)))
            }
            e => BackupError::Verify(e),
        })?;
        files::seal(temp, target).map_err(|e| match e {
            SealError::Failed(e) => BackupError::on_copy_io(&e, outside),
            SealError::Unconfirmed(e) => BackupError::Unconfirmed {
                path: target.to_path_buf(),
                detail: e.to_string(),
            },
        })
    }
}

impl super::ReadStore {
    /// A verified copy into `dir` of data that cannot be written (a USB stick with its
    /// write-protect switch on, another account's folder): copying the shop's data off it is
    /// the rescue, so it is not refused. It is recorded nowhere, as the data cannot take its
    /// log line nor tick the plan's backup tasks; on a doubted clock the copy carries the newest
    /// trustworthy time, as any backup does.
    pub fn back_up_read_only(
        &self,
        dir: &Path,
        now: NaiveDateTime,
    ) -> Result<PathBuf, BackupError> {
        let at = self
            .judge_clock(&self.paths, now)
            .map(|clock| clock.trusted_now(now))
            .unwrap_or(now);
        self.write_backup_unlogged(
            &self.paths.dir,
            dir,
            BackupKind::Manual,
            &stamp(at),
            &|_| Vec::new(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn info(ts: &str, kind: BackupKind) -> BackupInfo {
        BackupInfo {
            path: PathBuf::from(format!("{ts}-{}", kind.code())),
            taken: NaiveDateTime::parse_from_str(ts, "%Y-%m-%d %H:%M").unwrap(),
            kind,
        }
    }

    fn noon(date: NaiveDate) -> NaiveDateTime {
        date.and_hms_opt(12, 0, 0).unwrap()
    }

    /// Another shop's backup is said as such, and a backup that holds fewer records than the
    /// data says how many fewer when its newest record does not already say so (a clock put
    /// back dated a record before the newest; a fault tester restored another shop's data
    /// over his own with a count beside it, nothing more).
    #[test]
    fn another_shops_backup_and_fewer_records_are_said() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 8).and_then(|d| d.and_hms_opt(9, 5, 0));
        let now = BackupContents {
            newest: at,
            devices: 2,
            incidents: 8,
            completions: 2,
            staff: 2,
            shop: "Walk46 shop".into(),
        };
        let other = BackupContents {
            newest: at,
            devices: 2,
            incidents: 0,
            shop: "Other Shop Ltd".into(),
            ..BackupContents::default()
        };
        let said = other.other_shop(&now, Lang::En).expect("another shop");
        assert!(
            said.contains("“Other Shop Ltd”") && said.contains("“Walk46 shop”"),
            "{said}"
        );
        let fewer = other.fewer_than_now(&now, Lang::En).expect("fewer");
        assert!(fewer.contains("8 incidents"), "{fewer}");
        assert!(!fewer.contains("device"), "{fewer}");
        // One incident fewer, the newest record the same: still said.
        let almost = BackupContents {
            incidents: 7,
            ..now.clone()
        };
        assert!(almost.other_shop(&now, Lang::En).is_none());
        assert!(
            almost
                .fewer_than_now(&now, Lang::En)
                .unwrap()
                .contains("1 incident")
        );
        // The same records, or more: nothing to say; nor for a shop with no name.
        assert!(now.fewer_than_now(&now, Lang::En).is_none());
        let unnamed = BackupContents {
            shop: String::new(),
            ..other.clone()
        };
        assert!(unnamed.other_shop(&now, Lang::En).is_none());
    }

    #[test]
    fn restoring_a_backup_with_no_records_over_records_is_said_plainly() {
        let held = |newest: Option<NaiveDateTime>| BackupContents {
            newest,
            devices: 0,
            incidents: 0,
            completions: 0,
            staff: 0,
            shop: String::new(),
        };
        let now = held(NaiveDate::from_ymd_opt(2026, 12, 5).and_then(|d| d.and_hms_opt(9, 0, 0)));
        let said = held(None).newer_than_this(&now, Lang::En).expect("said");
        assert!(said.contains("this backup none"), "{said}");
        assert!(!said.contains("after none"), "{said}");
        let older = held(NaiveDate::from_ymd_opt(2026, 11, 1).and_then(|d| d.and_hms_opt(9, 0, 0)));
        assert!(
            older
                .newer_than_this(&now, Lang::En)
                .unwrap()
                .contains("after 2026-11-01")
        );
        // Seconds apart in the same minute: the seconds are said, so the times differ.
        let at = |s| NaiveDate::from_ymd_opt(2026, 12, 6).and_then(|d| d.and_hms_opt(17, 23, s));
        let said = held(at(10))
            .newer_than_this(&held(at(41)), Lang::Zh)
            .unwrap();
        assert!(
            said.contains("17:23:41") && said.contains("17:23:10"),
            "{said}"
        );
    }

    #[test]
    fn a_name_taken_for_a_backup_never_written_is_no_backup() {
        let dir = tempfile::tempdir().unwrap();
        let never = dir.path().join("poscare-20261206-110800-before-restore.db");
        std::fs::write(&never, b"").unwrap();
        let written = dir.path().join("poscare-20261206-110600-auto.db");
        std::fs::write(&written, b"SQLite format 3\0").unwrap();
        let listed: Vec<PathBuf> = list_backups(dir.path())
            .into_iter()
            .map(|b| b.path)
            .collect();
        assert_eq!(listed, [written]);
    }

    #[test]
    fn thinning_keeps_a_day_a_week_a_month() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut all = Vec::new();
        for d in 0..400 {
            let date = today - chrono::Days::new(d);
            all.push(info(
                &format!("{} 09:00", date.format("%Y-%m-%d")),
                BackupKind::Auto,
            ));
        }
        let gone: HashSet<PathBuf> = backups_to_thin(&all, noon(today), None)
            .into_iter()
            .collect();
        let kept: Vec<&BackupInfo> = all.iter().filter(|b| !gone.contains(&b.path)).collect();
        // 7 daily + about 7 more weekly + about 10 more monthly; nothing older than a year.
        assert!(kept.len() >= 20 && kept.len() <= 28, "kept {}", kept.len());
        assert!(
            kept.iter()
                .all(|b| (today - b.taken.date()).num_days() < 366)
        );
        for d in 0..7 {
            let date = today - chrono::Days::new(d);
            assert!(
                kept.iter().any(|b| b.taken.date() == date),
                "day {d} missing"
            );
        }
    }

    #[test]
    fn thinning_never_touches_manual_and_keeps_recent_safety_copies() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut all = vec![info("2020-01-01 10:00", BackupKind::Manual)];
        for d in 1..=5 {
            all.push(info(
                &format!("2026-11-{:02} 10:00", d),
                BackupKind::PreMigration,
            ));
        }
        let gone = backups_to_thin(&all, noon(today), None);
        assert_eq!(gone.len(), 2);
        assert!(
            gone.iter()
                .all(|p| p.to_string_lossy().starts_with("2026-11-0"))
        );
        assert!(!gone.contains(&all[0].path));
    }

    #[test]
    fn beyond_the_newest_seven_only_the_newest_of_a_day_or_week_stays() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut all: Vec<BackupInfo> = (17..=25)
            .map(|d| info(&format!("2026-11-{d} 20:00"), BackupKind::Auto))
            .collect();
        all.push(info("2026-11-18 09:00", BackupKind::Auto));
        // Newest first: the 25th to the 19th are the newest seven and stay; the 18th and 17th
        // are a week old, and their week and month already have a newer backup (the 22nd).
        let gone = backups_to_thin(&all, noon(today), None);
        let (eve18, morning18, eve17) = (
            all[1].path.clone(),
            all[9].path.clone(),
            all[0].path.clone(),
        );
        assert_eq!(gone, [eve18.clone(), morning18.clone(), eve17.clone()]);
        assert_eq!(
            backups_to_thin(&all, noon(today), Some(&eve17)),
            [eve18, morning18],
            "a protected backup stays"
        );
    }
}
