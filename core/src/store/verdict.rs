//! What state a database file is in: the one place that decides what is damage.
//!
//! Every path that judges a file — opening the data folder, the window's deferred check, the
//! `check` command, a backup's self-check, a restore's incoming file — asks [`examine`] and gets a
//! [`Verdict`]. Only [`Verdict::Damaged`] (SQLite said the file is corrupt or not a database, or
//! its check listed problems, and a second check on a fresh connection said so again) and
//! [`Verdict::Foreign`] allow setting a file aside. An I/O error, a full disk or a busy file is
//! [`Verdict::CouldNotCheck`]: nothing is known, so nothing is moved.
//!
//! Examining never changes the file or its folder: without a `-wal` file the database is opened
//! read-only and `immutable` (SQLite would otherwise create `-wal`/`-shm` files); with one, it is
//! opened so that closing merges nothing (`SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE`, exclusive locking,
//! `query_only`), which leaves the database and its `-wal` byte for byte as they were.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::schema::{APPLICATION_ID, CURRENT_VERSION};
use crate::files::{Cause, SQLITE_HEADER, read_head};
use crate::i18n::{Lang, T};

/// The state of a database file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A POS Care database of a version this program reads, passing the check asked for.
    Sound {
        /// Its schema version.
        version: i32,
    },
    /// No records: no file, a zero-byte file, or a new SQLite file with nothing in it.
    Empty {
        /// Whether there is no file at all.
        missing: bool,
    },
    /// A POS Care database from a newer version of the program.
    Newer(i32),
    /// A SQLite database of another program.
    Foreign,
    /// Damaged, confirmed by a second check on a fresh connection: what SQLite said.
    Damaged(String),
    /// The file could not be checked; nothing is known about it.
    CouldNotCheck(Unchecked),
}

/// Why a file could not be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unchecked {
    /// The disk is full.
    DiskFull,
    /// Another program (or another copy of this one) is using the file.
    Busy,
    /// The check stopped unexpectedly (its worker failed).
    Stopped,
    /// SQLite found damage in bytes that, read again by the app itself, make a sound file: the
    /// disk gave different bytes at different times (a short read, a failing stick).
    Unsteady,
    /// SQLite could not read pages of the file (every row of its check a read error: a disk
    /// or USB stick that failed or was pulled out while it was read).
    ReadFailed,
    /// Reading failed: why.
    Io(Cause),
}

impl Unchecked {
    /// The words after "nothing was changed": "please try again later" when a retry may help,
    /// nothing when the cause is lasting (no permission, a read-only drive, a name too long).
    pub fn later(&self, lang: Lang) -> &'static str {
        match self {
            Unchecked::Io(cause) if cause.lasting().is_some() => "",
            _ => lang.t(T::TryLaterTail),
        }
    }

    /// The reason in the user's language, for "could not check …: {why}".
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Unchecked::DiskFull => lang.t(T::UncheckedDiskFull).to_owned(),
            Unchecked::Busy => lang.t(T::UncheckedBusy).to_owned(),
            Unchecked::Stopped => lang.t(T::UncheckedStopped).to_owned(),
            Unchecked::Unsteady => lang.t(T::UncheckedUnsteady).to_owned(),
            Unchecked::ReadFailed => lang.t(T::UncheckedReadFailed).to_owned(),
            Unchecked::Io(cause) => lang.fill(T::UncheckedIo, &[("detail", &cause.message(lang))]),
        }
    }
}

/// How much of the file [`examine`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// The header, application id, schema version and table list only (milliseconds).
    Identity,
    /// Also `PRAGMA quick_check`, which reads every page.
    Quick,
    /// Also `PRAGMA integrity_check`, which checks indexes against tables too.
    Full,
}

/// The verdict on the database at `path`. A first verdict of damage is checked again on a fresh
/// connection; only a second "damaged" stands. Changes nothing on disk.
pub fn examine(path: &Path, depth: Depth) -> Verdict {
    match examine_once(path, depth) {
        // Damage, and a file not there or empty, are looked at again before anything is
        // offered or moved: one failed look (a scanner, a sync tool) is no verdict.
        Verdict::Damaged(_) => match examine_once(path, depth) {
            // SQLite reports a page the disk could not read (EIO: a bad sector, a stick
            // pulled out) as a "malformed" file, and a read that came back short as zeros:
            // damage is believed only of a file whose bytes, and its `-wal`'s, all read, and
            // whose copy made from those bytes is damaged too.
            Verdict::Damaged(why) => match damaged_as_read(path, depth) {
                Ok(true) => Verdict::Damaged(why),
                Ok(false) => Verdict::CouldNotCheck(Unchecked::Unsteady),
                Err(e) => Verdict::CouldNotCheck(unchecked_io(&e)),
            },
            other => other,
        },
        Verdict::Empty { .. } => {
            std::thread::sleep(std::time::Duration::from_millis(100));
            examine_once(path, depth)
        }
        // SQLite says only "disk I/O error" when it cannot set up its files beside a data file
        // it may not write (a stick's write-protect switch after a crash left a `-wal`): the
        // lasting cause is said, not "try again later".
        Verdict::CouldNotCheck(Unchecked::Io(cause)) if cause.lasting().is_none() => {
            Verdict::CouldNotCheck(Unchecked::Io(unwritable(path).unwrap_or(cause)))
        }
        Verdict::CouldNotCheck(Unchecked::ReadFailed) => {
            Verdict::CouldNotCheck(unwritable(path).map_or(Unchecked::ReadFailed, Unchecked::Io))
        }
        other => other,
    }
}

/// Whether the file, read to its end by the app itself (with its `-wal`), is damaged too: its
/// bytes are copied into a private temporary folder and the copy examined. An error: reading
/// the file (or its `-wal`) failed, or gave fewer bytes than its size. A copy that cannot be
/// written (no room for it) leaves SQLite's two verdicts to stand.
fn damaged_as_read(path: &Path, depth: Depth) -> std::io::Result<bool> {
    crate::files::read_through(path)?;
    let wal = companion(path, "-wal");
    let has_wal = match crate::files::read_through(&wal) {
        Ok(_) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(e),
    };
    let Ok(dir) = tempfile::Builder::new().prefix("poscare-check-").tempdir() else {
        return Ok(true);
    };
    let copy = dir.path().join("copy.sqlite");
    let mut pairs = vec![(path.to_path_buf(), copy.clone())];
    if has_wal {
        pairs.push((wal, companion(&copy, "-wal")));
    }
    for (from, to) in &pairs {
        let size = fs::metadata(from)?.len();
        match crate::files::copy_new(from, to) {
            // Fewer bytes than the file holds: a read came back short.
            Ok(read) if read < size => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    format!("{} bytes of {size} read", read),
                ));
            }
            Ok(_) => {}
            Err(crate::files::CopyError::Source(e)) => return Err(e),
            Err(crate::files::CopyError::Destination(_) | crate::files::CopyError::NotAFile) => {
                return Ok(true);
            }
        }
    }
    Ok(matches!(examine_once(&copy, depth), Verdict::Damaged(_)))
}

/// Why the data file or its folder cannot be written, when that is a lasting cause (read-only,
/// no permission). Opening for writing changes nothing in the file.
fn unwritable(path: &Path) -> Option<Cause> {
    let lasting = |e: std::io::Error| {
        let cause = Cause::of(&e);
        cause.lasting().is_some().then_some(cause)
    };
    if let Err(e) = fs::OpenOptions::new().write(true).open(path) {
        return lasting(e);
    }
    // The folder, where SQLite makes its `-wal` and `-shm`.
    let folder = path.parent()?;
    if fs::metadata(folder).ok()?.permissions().readonly() {
        return Some(Cause::of(&std::io::Error::from(
            std::io::ErrorKind::ReadOnlyFilesystem,
        )));
    }
    None
}

/// The verdict on what a check of an open connection returned (its rows, or its error), for the
/// window's deferred check on the live connection. Damage found this way is only a first
/// verdict: [`examine`] on a fresh connection must confirm it before anything is moved.
///
/// A row that breaks a rule of its table (a CHECK or NOT NULL constraint: a device kind the app
/// does not know, an empty name) is a record to repair, not damage: only what the check says
/// about the file's structure counts. (SQLite reports such rows on some connections and not on
/// others, so without this the same bytes could be judged differently with an empty `-wal`
/// beside them.)
pub fn judge_check(result: rusqlite::Result<Vec<String>>, version: i32) -> Verdict {
    match result {
        Ok(rows) => {
            let structural: Vec<String> = rows
                .into_iter()
                .filter(|r| r != "ok" && !breaks_a_rule(r))
                .collect();
            if structural.is_empty() {
                Verdict::Sound { version }
            } else {
                judge_rows(&structural)
            }
        }
        Err(e) => from_error(&e),
    }
}

/// Whether a row of an integrity check says that a record breaks a rule of its table, not that
/// the file is damaged.
fn breaks_a_rule(row: &str) -> bool {
    row.starts_with("CHECK constraint failed in ") || row.starts_with("NULL value in ")
}

/// The SQLite companions of a database file, in the order they are moved with it.
pub const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// The path of a companion (`-wal`, `-shm`, `-journal`) of the database at `db`.
pub fn companion(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn examine_once(path: &Path, depth: Depth) -> Verdict {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Verdict::Empty { missing: true };
        }
        Err(e) => return Verdict::CouldNotCheck(unchecked_io(&e)),
    };
    if !meta.is_file() {
        return Verdict::CouldNotCheck(Unchecked::Io(Cause::said(format!(
            "{} is not a file",
            path.display()
        ))));
    }
    if meta.len() == 0 {
        return Verdict::Empty { missing: false };
    }
    let head = match read_head(path, 100) {
        Ok(head) => head,
        Err(e) => return Verdict::CouldNotCheck(unchecked_io(&e)),
    };
    if head.len() < 100 || !head.starts_with(SQLITE_HEADER) {
        return Verdict::Damaged(NOT_A_DATABASE.to_owned());
    }
    let conn = match open_untouched(path) {
        Ok(conn) => conn,
        Err(e) => return from_error(&e),
    };
    let identity = (|| -> rusqlite::Result<(i32, i32, i64)> {
        let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((app_id, version, tables))
    })();
    let (app_id, version, tables) = match identity {
        Ok(found) => found,
        Err(e) => return from_error(&e),
    };
    if version == 0 && tables == 0 && (app_id == 0 || app_id == APPLICATION_ID) {
        return Verdict::Empty { missing: false };
    }
    if app_id != APPLICATION_ID {
        return Verdict::Foreign;
    }
    if version > CURRENT_VERSION {
        return Verdict::Newer(version);
    }
    let pragma = match depth {
        Depth::Identity => return Verdict::Sound { version },
        Depth::Quick => "PRAGMA quick_check",
        Depth::Full => "PRAGMA integrity_check",
    };
    judge_check(check_rows(&conn, pragma), version)
}

/// A part that a database of the current version must have and `path` lacks, as "table device"
/// or "view history_of_completion" (`None` for an older version, which the migrations complete,
/// or when it cannot be read: that is the checks' business). Views, triggers and indexes count:
/// without its trigger a record is kept but never reaches the history, without its view a tick
/// cannot be written at all.
pub fn missing_part(path: &Path, version: i32) -> Option<String> {
    if version != CURRENT_VERSION {
        return None;
    }
    let found = schema_parts(&open_untouched(path).ok()?).ok()?;
    // A table first: a dropped table takes its indexes and triggers with it.
    let order = ["table", "view", "trigger", "index"];
    expected_parts()
        .difference(&found)
        .min_by_key(|part| order.iter().position(|o| part.starts_with(o)))
        .cloned()
}

/// A trigger of the database at `path` (of the current version) that a new database of this
/// version does not have: code POS Care never writes, put in by another program, that would
/// run on the shop's every write. (A table, view or index another program added is inert:
/// the app never reads it, and it is carried along as it is.)
pub fn extra_part(path: &Path) -> Option<String> {
    let found = schema_parts(&open_untouched(path).ok()?).ok()?;
    found
        .difference(expected_parts())
        .find(|part| part.starts_with("trigger "))
        .cloned()
}

/// The tables, views, triggers and indexes of a new database of the current version.
fn expected_parts() -> &'static std::collections::BTreeSet<String> {
    static PARTS: std::sync::OnceLock<std::collections::BTreeSet<String>> =
        std::sync::OnceLock::new();
    PARTS.get_or_init(|| {
        let mut conn = match Connection::open_in_memory() {
            Ok(conn) => conn,
            Err(_) => return Default::default(),
        };
        if super::schema::migrate(&mut conn, 0).is_err() {
            return Default::default();
        }
        schema_parts(&conn).unwrap_or_default()
    })
}

fn schema_parts(conn: &Connection) -> rusqlite::Result<std::collections::BTreeSet<String>> {
    let mut stmt = conn.prepare(
        "SELECT type || ' ' || name FROM sqlite_schema \
         WHERE type IN ('table', 'view', 'trigger', 'index') AND name NOT LIKE 'sqlite_%'",
    )?;
    let names = stmt.query_map([], |r| r.get(0))?;
    names.collect()
}

/// The rows of a check pragma.
pub(super) fn check_rows(conn: &Connection, pragma: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(pragma)?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    rows.collect()
}

/// What the check of a file that is not a SQLite database at all says.
const NOT_A_DATABASE: &str = "file is not a database";

/// Opens `path` for examining without changing anything on disk (see the module docs).
pub(super) fn open_untouched(path: &Path) -> rusqlite::Result<Connection> {
    if companion(path, "-wal").exists() {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(conn)
    } else {
        Connection::open_with_flags(
            immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }
}

/// A `file:` URI for `path` with `immutable=1` (SQLite then creates no files beside it).
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy();
    let text = text
        .strip_prefix(r"\\?\")
        .unwrap_or(&text)
        .replace('\\', "/");
    let mut uri = String::from(if text.starts_with('/') {
        "file://"
    } else {
        "file:///"
    });
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                uri.push(byte as char)
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// The verdict on an error SQLite returned while reading.
fn from_error(e: &rusqlite::Error) -> Verdict {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            Verdict::Damaged(e.to_string())
        }
        Some(ErrorCode::DiskFull) => Verdict::CouldNotCheck(Unchecked::DiskFull),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            Verdict::CouldNotCheck(Unchecked::Busy)
        }
        _ => Verdict::CouldNotCheck(Unchecked::Io(super::sqlite_cause(e))),
    }
}

fn unchecked_io(e: &std::io::Error) -> Unchecked {
    if crate::files::is_disk_full(e) {
        Unchecked::DiskFull
    } else {
        Unchecked::Io(Cause::of(e))
    }
}

/// The problem a row of a check names, without the "*** in database main ***" line SQLite heads
/// the first row with (no help to anyone reading it).
pub(super) fn problem_of(row: &str) -> &str {
    row.rsplit('\n').next().unwrap_or(row).trim()
}

/// The verdict on the rows of a check that did not say "ok". SQLite reports a page it could not
/// read as a row too ("unable to get the page. error code=266"): rows that are all such read
/// failures mean the file could not be checked, not that it is damaged.
fn judge_rows(rows: &[String]) -> Verdict {
    let read_failure = |row: &str| {
        row.split("error code=")
            .nth(1)
            .and_then(|rest| {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<i32>().ok()
            })
            .is_some_and(|code| !matches!(code & 0xff, 11 | 26))
    };
    // (Said in plain words: the rows are pages of "Tree 10 page 51719: unable to get the page".)
    if !rows.is_empty() && rows.iter().all(|r| read_failure(r)) {
        return Verdict::CouldNotCheck(Unchecked::ReadFailed);
    }
    let shown: Vec<&str> = rows.iter().take(3).map(|row| problem_of(row)).collect();
    let mut detail = shown.join("; ");
    if rows.len() > 3 {
        detail.push_str(&format!("; … ({} problems)", rows.len()));
    }
    Verdict::Damaged(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_pages_are_not_damage() {
        let rows = vec![
            "*** in database main ***\nTree 4 page 17: unable to get the page. error code=266"
                .to_owned(),
        ];
        // Said in plain words, not as pages of SQLite's check.
        match judge_rows(&rows) {
            Verdict::CouldNotCheck(why) => {
                assert_eq!(why, Unchecked::ReadFailed);
                assert!(!why.message(Lang::En).contains("Tree"));
            }
            other => panic!("{other:?}"),
        }
        let rows = vec![
            "Tree 4 page 17: unable to get the page. error code=266".to_owned(),
            "Tree 4 page 18 cell 0: invalid page number 99999".to_owned(),
        ];
        assert!(matches!(judge_rows(&rows), Verdict::Damaged(_)));
        let rows = vec!["Page 9: unable to get the page. error code=11".to_owned()];
        assert!(matches!(judge_rows(&rows), Verdict::Damaged(_)));
        let rows = vec![
            "*** in database main ***\nTree 3 page 3: btreeInitPage() returns error code 11"
                .to_owned(),
        ];
        assert_eq!(
            judge_rows(&rows),
            Verdict::Damaged("Tree 3 page 3: btreeInitPage() returns error code 11".into())
        );
    }

    #[test]
    fn uris_escape_what_sqlite_would_read_as_query_or_escape() {
        #[cfg(not(windows))]
        let (path, want) = (
            "/tmp/张 三/a?b#c%d.db",
            "file:///tmp/%E5%BC%A0%20%E4%B8%89/a%3Fb%23c%25d.db?immutable=1",
        );
        // Windows: the drive letter after three slashes, forward slashes, no `\\?\` prefix.
        #[cfg(windows)]
        let (path, want) = (
            r"\\?\C:\Users\张 三\a#c%d.db",
            "file:///C:/Users/%E5%BC%A0%20%E4%B8%89/a%23c%25d.db?immutable=1",
        );
        assert_eq!(immutable_uri(Path::new(path)), want);
    }

    #[test]
    fn examining_creates_nothing_beside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("名字 有空格.db");
        let conn = Connection::open(&db).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;")
            .unwrap();
        drop(conn);
        let names = || {
            let mut v: Vec<_> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            v.sort();
            v
        };
        let before = names();
        assert_eq!(examine(&db, Depth::Full), Verdict::Sound { version: 1 });
        assert_eq!(names(), before);
    }
}
