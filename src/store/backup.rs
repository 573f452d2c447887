//! Verified backups, their thinning, and restore.
//!
//! A backup is written with `VACUUM INTO` to a temporary name, switched to a single-file journal
//! mode, checked (`quick_check`, application id, schema version), flushed to disk, and only then
//! renamed to its final name. A half-written or unverified file never carries a backup's name.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::schema::{APPLICATION_ID, CURRENT_VERSION};
use super::settings::keys;
use super::{
    Store, StoreError, describe_sqlite, has_sqlite_header, is_damage, now_stamp, parse_stamp,
};
use crate::i18n::{Lang, T};

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

/// Why a file is not a usable POS Care backup. The live data is never touched in these cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// Not a SQLite database at all (or cut short before its header).
    NotADatabase,
    /// A SQLite database of another program.
    Foreign,
    /// A POS Care database from a newer version.
    TooNew(i32),
    /// Damaged: SQLite's check found errors.
    Damaged(String),
    /// There is no such file.
    NotFound,
    /// The file could not be read.
    Io(String),
}

impl VerifyError {
    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            VerifyError::NotADatabase => lang.t(T::VerifyNotADatabase).to_owned(),
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
            VerifyError::Io(d) => lang.fill(T::VerifyUnreadable, &[("detail", d)]),
        }
    }
}

impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VerifyError::NotADatabase => f.write_str("not a POS Care backup (not a database file)"),
            VerifyError::Foreign => {
                f.write_str("not a POS Care backup (a database of another program)")
            }
            VerifyError::TooNew(v) => write!(
                f,
                "made by a newer version of POS Care (data version {v}; this program supports up to {CURRENT_VERSION})"
            ),
            VerifyError::Damaged(d) => write!(f, "the file is damaged ({d})"),
            VerifyError::NotFound => f.write_str("there is no such file"),
            VerifyError::Io(d) => write!(f, "the file cannot be read ({d})"),
        }
    }
}

/// Why a backup could not be written. Nothing was left under a backup's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    /// The folder could not be created or written.
    Folder(String),
    /// SQLite failed while writing (disk full, …).
    Write(String),
    /// The copy did not pass verification.
    Verify(VerifyError),
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
            BackupError::Write(d) => lang.fill(T::BackupErrWrite, &[("detail", d)]),
            BackupError::Verify(e) => {
                lang.fill(T::BackupErrVerify, &[("detail", &e.message(lang))])
            }
        }
    }
}

impl std::fmt::Display for BackupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackupError::Folder(d) => write!(f, "cannot write to the folder: {d}"),
            BackupError::Write(d) => write!(f, "could not write the copy: {d}"),
            BackupError::Verify(e) => write!(f, "the copy failed its check: {e}"),
        }
    }
}

impl std::error::Error for BackupError {}

/// Checks that `path` is a healthy POS Care database no newer than this program; returns its
/// schema version. Opens the file read-only.
pub fn verify_file(path: &Path) -> Result<i32, VerifyError> {
    match has_sqlite_header(path) {
        Ok(true) => {}
        Ok(false) => return Err(VerifyError::NotADatabase),
        Err(e) => return Err(VerifyError::Io(e.to_string())),
    }
    if fs::metadata(path).map(|m| m.len()).unwrap_or(0) == 0 {
        return Err(VerifyError::NotADatabase);
    }
    let classify = |e: rusqlite::Error| {
        if is_damage(&e) {
            VerifyError::Damaged(describe_sqlite(&e))
        } else {
            VerifyError::Io(describe_sqlite(&e))
        }
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(classify)?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(classify)?;
    if app_id != APPLICATION_ID {
        return Err(VerifyError::Foreign);
    }
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(classify)?;
    if version > CURRENT_VERSION {
        return Err(VerifyError::TooNew(version));
    }
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(classify)?;
    if check != "ok" {
        return Err(VerifyError::Damaged(check));
    }
    Ok(version)
}

/// Flushes a folder's entries (new names) to disk; a no-op where the OS has no such call.
pub(super) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
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
            let taken = NaiveDateTime::parse_from_str(stem.get(..15)?, "%Y%m%d-%H%M%S").ok()?;
            let rest = stem.get(16..)?;
            let kind_code = rest
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .trim_end_matches('-');
            let kind = BackupKind::from_code(kind_code)?;
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

/// The newest backup in `dir` that passes [`verify_file`].
pub fn newest_verified_backup(dir: &Path) -> Option<BackupInfo> {
    list_backups(dir)
        .into_iter()
        .find(|b| verify_file(&b.path).is_ok())
}

/// The automatic backups to delete so that what stays is: every backup from the last 7 days
/// (the newest of each day), the newest of each of the last 8 weeks, and the newest of each of
/// the last 12 months. Before-upgrade and before-restore copies: the newest 3 of each stay.
/// Manual backups are never thinned.
pub fn backups_to_thin(backups: &[BackupInfo], today: NaiveDate) -> Vec<PathBuf> {
    let mut keep: HashSet<&Path> = HashSet::new();
    let mut days = HashSet::new();
    let mut weeks = HashSet::new();
    let mut months = HashSet::new();
    let mut sorted: Vec<&BackupInfo> = backups.iter().collect();
    sorted.sort_by_key(|b| std::cmp::Reverse(b.taken));
    for kind in [BackupKind::PreMigration, BackupKind::PreRestore] {
        for b in sorted.iter().filter(|b| b.kind == kind).take(3) {
            keep.insert(&b.path);
        }
    }
    for b in sorted.iter().filter(|b| b.kind == BackupKind::Auto) {
        let date = b.taken.date();
        let age = (today - date).num_days();
        let week = date.iso_week();
        // Record the day, week and month of every backup (newest first), so that only the
        // newest of each bucket counts as "new" there.
        let newest_of_day = days.insert(date);
        let newest_of_week = weeks.insert((week.year(), week.week()));
        let newest_of_month = months.insert((date.year(), date.month()));
        if (age < 7 && newest_of_day)
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
fn fresh_name(dir: &Path, kind: BackupKind) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut n = 0;
    loop {
        let name = if n == 0 {
            format!("poscare-{stamp}-{}.db", kind.code())
        } else {
            format!("poscare-{stamp}-{}-{n}.db", kind.code())
        };
        let path = dir.join(name);
        if !path.exists() {
            return path;
        }
        n += 1;
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

/// The backup log's name for a kind of backup.
fn log_kind(kind: BackupKind) -> &'static str {
    match kind {
        BackupKind::Auto => "auto",
        BackupKind::PreMigration => "pre_migration",
        BackupKind::PreRestore => "pre_restore",
        BackupKind::Manual => "manual",
    }
}

impl Store {
    /// Writes a verified backup of the whole database into `dir`; returns its path.
    ///
    /// The attempt is logged (success or failure) once the schema has the log. A successful
    /// "back up now" also becomes the last external backup and remembers its folder.
    pub fn write_backup(&self, dir: &Path, kind: BackupKind) -> Result<PathBuf, BackupError> {
        // An outside backup carries its own date: restored on another PC, Today knows the data
        // was backed up then. Put back as it was if the backup fails.
        let previous = match kind {
            BackupKind::Manual => {
                let previous = self.setting(keys::LAST_EXTERNAL_BACKUP).ok().flatten();
                let _ = self.put_setting(keys::LAST_EXTERNAL_BACKUP, &now_stamp());
                Some(previous)
            }
            _ => None,
        };
        let result = self.write_backup_unlogged(dir, kind);
        if let (Some(previous), Err(_)) = (&previous, &result) {
            let _ = match previous {
                Some(value) => self.put_setting(keys::LAST_EXTERNAL_BACKUP, value),
                None => self.remove_setting(keys::LAST_EXTERNAL_BACKUP),
            };
        }
        let (path, bytes, detail) = match &result {
            Ok(path) => (
                path.display().to_string(),
                fs::metadata(path).map(|m| m.len()).unwrap_or(0),
                String::new(),
            ),
            Err(e) => (dir.display().to_string(), 0, e.to_string()),
        };
        // The backup itself is done (or failed) either way: a log line that cannot be written
        // must not turn a good backup into a failure.
        let _ = self.log_backup(log_kind(kind), &path, bytes, result.is_ok(), &detail);
        if kind == BackupKind::Manual && result.is_ok() {
            let _ = self.put_setting(keys::BACKUP_FOLDER, &dir.display().to_string());
        }
        result
    }

    /// Appends a line to the backup log if this schema has one (a before-upgrade backup is taken
    /// while the old schema is still in place).
    fn log_backup(
        &self,
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
                rusqlite::params![now_stamp(), kind, path, bytes as i64, ok, detail],
            )
            .map(|_| ())
            .map_err(StoreError::from)
    }

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

    fn write_backup_unlogged(&self, dir: &Path, kind: BackupKind) -> Result<PathBuf, BackupError> {
        fs::create_dir_all(dir).map_err(|e| BackupError::Folder(e.to_string()))?;
        let target = fresh_name(dir, kind);
        let temp = dir.join(format!(
            ".{}.tmp",
            target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        let result = self.write_backup_to(&temp, &target);
        if result.is_err() {
            let _ = fs::remove_file(&temp);
            let _ = fs::remove_file(format!("{}-journal", temp.display()));
        }
        result.map(|()| target)
    }

    fn write_backup_to(&self, temp: &Path, target: &Path) -> Result<(), BackupError> {
        let _ = fs::remove_file(temp);
        let temp_str = temp
            .to_str()
            .ok_or_else(|| BackupError::Folder("the folder name cannot be used".into()))?;
        self.conn
            .execute("VACUUM INTO ?1", [temp_str])
            .map_err(|e| BackupError::Write(describe_sqlite(&e)))?;
        {
            // One self-contained file: no -wal companion to lose when copying the backup around.
            let copy =
                Connection::open(temp).map_err(|e| BackupError::Write(describe_sqlite(&e)))?;
            let _: String = copy
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
                .map_err(|e| BackupError::Write(describe_sqlite(&e)))?;
        }
        verify_file(temp).map_err(BackupError::Verify)?;
        fs::File::open(temp)
            .and_then(|f| f.sync_all())
            .map_err(|e| BackupError::Write(e.to_string()))?;
        fs::rename(temp, target).map_err(|e| BackupError::Write(e.to_string()))?;
        if let Some(dir) = target.parent() {
            sync_dir(dir);
        }
        Ok(())
    }

    /// Takes the daily automatic backup if none was taken today, then thins old ones.
    /// Returns the new backup's path, or `None` when today's already exists.
    pub fn daily_backup(&self) -> Result<Option<PathBuf>, BackupError> {
        let dir = self.paths.backups();
        let today = chrono::Local::now().date_naive();
        let existing = list_backups(&dir);
        let made = if existing
            .iter()
            .any(|b| b.kind == BackupKind::Auto && b.taken.date() == today)
        {
            None
        } else {
            Some(self.write_backup(&dir, BackupKind::Auto)?)
        };
        for old in backups_to_thin(&list_backups(&dir), today) {
            let _ = fs::remove_file(old);
        }
        Ok(made)
    }

    /// Replaces the data with the backup at `file`.
    ///
    /// The file is copied to `staging/`, verified, migrated there if it is older, a backup of the
    /// current data is taken, and only then is the copy loaded through SQLite's backup API.
    /// On any error before that last step the current data is untouched.
    pub fn restore_from(&mut self, file: &Path) -> Result<(), BackupError> {
        let staging_dir = self.paths.staging();
        fs::create_dir_all(&staging_dir).map_err(|e| BackupError::Folder(e.to_string()))?;
        let staged = staging_dir.join(format!(
            "incoming-{}.db",
            now_stamp().replace([':', 'T', '-'], "")
        ));
        let result = self.restore_staged(file, &staged);
        let _ = fs::remove_file(&staged);
        let _ = fs::remove_file(format!("{}-journal", staged.display()));
        if result.is_ok() {
            // Into the restored data: its history shows where it came from.
            let bytes = fs::metadata(file).map(|m| m.len()).unwrap_or(0);
            let _ = self.log_backup("restored", &file.display().to_string(), bytes, true, "");
        }
        result
    }

    fn restore_staged(&mut self, file: &Path, staged: &Path) -> Result<(), BackupError> {
        fs::copy(file, staged).map_err(|e| {
            BackupError::Verify(match e.kind() {
                std::io::ErrorKind::NotFound => VerifyError::NotFound,
                _ => VerifyError::Io(e.to_string()),
            })
        })?;
        let version = verify_file(staged).map_err(BackupError::Verify)?;
        {
            let mut copy =
                Connection::open(staged).map_err(|e| BackupError::Write(describe_sqlite(&e)))?;
            let _: String = copy
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
                .map_err(|e| BackupError::Write(describe_sqlite(&e)))?;
            super::schema::migrate(&mut copy, version)
                .map_err(|e| BackupError::Write(describe_sqlite(&e)))?;
        }
        verify_file(staged).map_err(BackupError::Verify)?;
        self.write_backup(&self.paths.backups(), BackupKind::PreRestore)?;
        self.conn
            .restore(MAIN_DB, staged, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| BackupError::Write(describe_sqlite(&e)))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(ts: &str, kind: BackupKind) -> BackupInfo {
        BackupInfo {
            path: PathBuf::from(format!("{ts}-{}", kind.code())),
            taken: NaiveDateTime::parse_from_str(ts, "%Y-%m-%d %H:%M").unwrap(),
            kind,
        }
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
        let gone: HashSet<PathBuf> = backups_to_thin(&all, today).into_iter().collect();
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
        let gone = backups_to_thin(&all, today);
        assert_eq!(gone.len(), 2);
        assert!(
            gone.iter()
                .all(|p| p.to_string_lossy().starts_with("2026-11-0"))
        );
        assert!(!gone.contains(&all[0].path));
    }

    #[test]
    fn two_backups_the_same_day_keep_only_the_newest_of_older_days() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let all = vec![
            info("2026-11-20 09:00", BackupKind::Auto),
            info("2026-11-20 18:00", BackupKind::Auto),
        ];
        assert_eq!(backups_to_thin(&all, today), vec![all[0].path.clone()]);
    }
}
