//! Opening a data folder: the lock, the verdict on the database, setting a damaged file aside
//! (the window only), migrations, and what the window offers to recover.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use super::backup::{BackupInfo, BackupKind, newest_verified_backup};
use super::repair;
use super::schema::{self, APPLICATION_ID, CURRENT_VERSION};
use super::settings::keys;
use super::verdict::{self, COMPANIONS, Depth, Unchecked, Verdict, companion, examine};
use super::{DataPaths, ReadStore, Records, Store, describe_sqlite};
use crate::files;
use crate::i18n::{Lang, T};

/// Why the data folder could not be opened. Nothing was changed in any of these cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The folder is missing and cannot be created, or cannot be written to.
    NoFolder {
        /// The folder.
        path: PathBuf,
        /// Why.
        detail: files::Cause,
    },
    /// The path given as the data folder is a file.
    NotAFolder {
        /// The path.
        path: PathBuf,
    },
    /// Another copy of the app holds the folder's lock.
    AlreadyOpen {
        /// The folder.
        path: PathBuf,
    },
    /// The data file exists but this account may not write it (a read-only file, or another
    /// account's). Nothing was changed.
    CannotWrite {
        /// The data file.
        path: PathBuf,
        /// Why.
        cause: files::Cause,
    },
    /// The data is the blank one started after a loss the window has not yet offered to repair
    /// (or that was not answered).
    RecoveryPending {
        /// The data file.
        path: PathBuf,
        /// The loss.
        reason: RecoveryReason,
    },
    /// The data folder does not exist (a reading command creates nothing).
    NoSuchFolder {
        /// The folder.
        path: PathBuf,
    },
    /// Another command (no window) held the folder for longer than a reading command waits.
    HeldByCommand {
        /// The folder.
        path: PathBuf,
    },
    /// The database was written by an older version of the app, and a command that only reads
    /// must not upgrade it (nor copy the shop's data elsewhere to do so): the window does.
    NeedsUpgrade {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        found: i32,
    },
    /// The database says it is of an older version, but its tables are not what that version
    /// had, so it cannot be upgraded (a half-made or hand-edited file). A verified copy taken
    /// before the attempt is in the backups folder (each step of an upgrade is all or nothing).
    CannotUpgrade {
        /// The database file.
        path: PathBuf,
        /// The version it says it is.
        found: i32,
        /// The folder holding the copy taken before the attempt.
        backups: PathBuf,
    },
    /// The database was written by a newer version of the app.
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        found: i32,
    },
    /// The database is damaged (a command: only the window recovers).
    Damaged {
        /// The database file.
        path: PathBuf,
        /// What the check found.
        detail: String,
    },
    /// The database file is another program's (a command: only the window recovers).
    Foreign {
        /// The database file.
        path: PathBuf,
    },
    /// The database is missing or empty while verified backups exist (a command: only the
    /// window recovers).
    Lost {
        /// The database file.
        path: PathBuf,
        /// The newest verified backup.
        backup: PathBuf,
    },
    /// The damaged database could not be set aside: another program holds it open.
    InUse {
        /// The database file.
        path: PathBuf,
    },
    /// The window holding the folder answered a reading command but gave it no copy of the
    /// data (busy past the wait, not responding, or it could not write one): why.
    WindowGaveNoCopy {
        /// The data folder.
        path: PathBuf,
        /// What the window said, or that it did not answer in time.
        why: String,
    },
    /// The database could not be checked (an I/O error, a full disk, a busy file).
    CouldNotCheck {
        /// The database file.
        path: PathBuf,
        /// Why.
        why: Unchecked,
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
    /// Whether the data folder or file cannot be written, for good (read-only, no permission):
    /// it can still be read, and copied off.
    pub fn is_unwritable(&self) -> bool {
        let lasting = |cause: &files::Cause| {
            matches!(
                cause.lasting(),
                Some(files::Lasting::ReadOnly | files::Lasting::NoPermission)
            )
        };
        match self {
            OpenError::CannotWrite { cause, .. } => lasting(cause),
            OpenError::NoFolder { detail, .. } => lasting(detail),
            _ => false,
        }
    }

    /// Whether another process (a window, a command) holds the data folder, or there is no
    /// folder to hold; otherwise the data itself cannot be opened (too new, failed to upgrade),
    /// and a window may already be open on it to look up prompts (see `ui::instance`), or be
    /// retried soon when the holder is done.
    pub fn held_elsewhere_or_no_folder(&self) -> bool {
        matches!(
            self,
            OpenError::AlreadyOpen { .. }
                | OpenError::HeldByCommand { .. }
                | OpenError::NoFolder { .. }
                | OpenError::NotAFolder { .. }
                | OpenError::NoSuchFolder { .. }
        )
    }

    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let show = |p: &Path| p.display().to_string();
        match self {
            OpenError::NoFolder { path, detail } => lang.fill(
                T::OpenNoFolder,
                &[("path", &show(path)), ("detail", &detail.message(lang))],
            ),
            OpenError::NotAFolder { path } => {
                lang.fill(T::OpenNotAFolder, &[("path", &show(path))])
            }
            OpenError::AlreadyOpen { path } => {
                lang.fill(T::OpenAlreadyOpen, &[("path", &show(path))])
            }
            OpenError::CannotWrite { path, cause } => lang.fill(
                T::OpenCannotWrite,
                &[("path", &show(path)), ("why", &cause.message(lang))],
            ),
            OpenError::RecoveryPending { path, reason } => lang.fill(
                T::OpenRecoveryPending,
                &[("path", &show(path)), ("what", &reason.words(lang))],
            ),
            OpenError::NoSuchFolder { path } => {
                lang.fill(T::CheckNoFolder, &[("path", &show(path))])
            }
            OpenError::HeldByCommand { path } => {
                lang.fill(T::OpenHeldByCommand, &[("path", &show(path))])
            }
            OpenError::CannotUpgrade {
                path,
                found,
                backups,
            } => lang.fill(
                T::OpenCannotUpgrade,
                &[
                    ("path", &show(path)),
                    ("found", &found.to_string()),
                    ("backups", &show(backups)),
                ],
            ),
            OpenError::NeedsUpgrade { path, found } => lang.fill(
                T::OpenNeedsUpgrade,
                &[("path", &show(path)), ("found", &found.to_string())],
            ),
            OpenError::TooNew { path, found } => lang.fill(
                T::OpenTooNew,
                &[
                    ("path", &show(path)),
                    ("found", &found.to_string()),
                    ("supported", &CURRENT_VERSION.to_string()),
                ],
            ),
            OpenError::Damaged { path, detail } => {
                lang.fill(T::OpenDamaged, &[("path", &show(path)), ("detail", detail)])
            }
            OpenError::Foreign { path } => lang.fill(T::OpenForeign, &[("path", &show(path))]),
            OpenError::Lost { path, backup } => lang.fill(
                T::OpenLost,
                &[("path", &show(path)), ("backup", &show(backup))],
            ),
            OpenError::InUse { path } => lang.fill(T::OpenInUse, &[("path", &show(path))]),
            OpenError::WindowGaveNoCopy { path, why } => lang.fill(
                T::CliCopyFailed,
                &[("path", &show(path)), ("why", why.as_str())],
            ),
            OpenError::CouldNotCheck { path, why } => lang.fill(
                T::OpenCouldNotCheck,
                &[
                    ("path", &show(path)),
                    ("why", &why.message(lang)),
                    ("later", why.later(lang)),
                ],
            ),
            OpenError::Sqlite { path, detail } => {
                lang.fill(T::OpenFailed, &[("path", &show(path)), ("detail", detail)])
            }
        }
    }

    /// Whether the folder needs the window to recover it (damaged, foreign, lost): commands exit
    /// with 1 and say "open POS Care to recover".
    pub fn needs_recovery(&self) -> bool {
        matches!(
            self,
            OpenError::Damaged { .. }
                | OpenError::Foreign { .. }
                | OpenError::Lost { .. }
                | OpenError::RecoveryPending { .. }
        )
    }
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for OpenError {}

/// A data file moved aside before a restore.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    /// Where it is now, unchanged.
    pub path: PathBuf,
    /// Another program's database (not damaged: not POS Care's).
    pub foreign: bool,
}

/// Why the window offers to restore a backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecoveryReason {
    /// A damaged data file was set aside here (now, or at an earlier start and not yet dealt
    /// with).
    SetAside(PathBuf),
    /// Another program's database, found where the data file should be, was set aside here:
    /// not damaged, and said so.
    Foreign(PathBuf),
    /// There was no data file although backups exist.
    Missing,
    /// The data file was empty although backups exist.
    Empty,
}

impl RecoveryReason {
    /// The file set aside at `path`: another program's database (`foreign`), or damaged.
    fn set_aside(path: PathBuf, foreign: bool) -> RecoveryReason {
        if foreign {
            RecoveryReason::Foreign(path)
        } else {
            RecoveryReason::SetAside(path)
        }
    }

    fn code(&self) -> String {
        match self {
            RecoveryReason::SetAside(path) => format!("set_aside:{}", path.display()),
            RecoveryReason::Foreign(path) => format!("foreign:{}", path.display()),
            RecoveryReason::Missing => "missing".to_owned(),
            RecoveryReason::Empty => "empty".to_owned(),
        }
    }

    /// What happened, in a few words of the user's language ("数据文件已损坏", with where the
    /// damaged file was set aside).
    pub fn words(&self, lang: Lang) -> String {
        match self {
            RecoveryReason::SetAside(path) => {
                let place = lang.aside(&path.display().to_string());
                format!("{}{place}", lang.t(T::RecoveredTitle))
            }
            RecoveryReason::Foreign(path) => {
                let place = lang.aside(&path.display().to_string());
                format!("{}{place}", lang.t(T::RecoveredForeignTitle))
            }
            RecoveryReason::Missing => lang.t(T::RecoveredMissingTitle).to_owned(),
            RecoveryReason::Empty => lang.t(T::RecoveredEmptyTitle).to_owned(),
        }
    }

    /// The loss a database records as not yet dealt with (read without changing the file).
    pub(super) fn pending_in(db: &Path) -> Option<RecoveryReason> {
        super::backup::setting_in(db, keys::RECOVERY_PENDING)
            .as_deref()
            .and_then(RecoveryReason::from_code)
    }

    fn from_code(code: &str) -> Option<RecoveryReason> {
        match code {
            "missing" => Some(RecoveryReason::Missing),
            "empty" => Some(RecoveryReason::Empty),
            other => other
                .strip_prefix("set_aside:")
                .map(|p| RecoveryReason::SetAside(PathBuf::from(p)))
                .or_else(|| {
                    other
                        .strip_prefix("foreign:")
                        .map(|p| RecoveryReason::Foreign(PathBuf::from(p)))
                }),
        }
    }
}

/// What the window offers after a loss: why, and the newest verified backup (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// Why.
    pub reason: RecoveryReason,
    /// The newest backup that passed its check.
    pub backup: Option<BackupInfo>,
    /// The last backup to a USB stick or another folder (when and the folder), as the lost data
    /// or its newest backup recorded it, when it is newer than `backup`: it may hold more.
    pub outside: Option<(chrono::NaiveDateTime, String)>,
    /// What `backup` holds (its counts), when it could be read: a backup of an empty shop (the
    /// first start's) is said as such before it is restored.
    pub holds: Option<super::backup::BackupContents>,
}

/// What happened while opening, for the window to tell the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// A damaged or foreign database file was moved here (byte for byte, with its `-wal` and
    /// `-shm`) and a new one started.
    pub moved_aside: Option<PathBuf>,
    /// The schema version the database had before it was migrated, if it was.
    pub migrated_from: Option<i32>,
    /// A loss not yet dealt with: the window offers the newest verified backup.
    pub recovery: Option<Recovery>,
    /// The deferred check could not run (the file was not moved; it is checked again later).
    pub unchecked: Option<Unchecked>,
    /// The file moved aside was damaged in its indexes only, and a new data file was built from
    /// its tables with every record: nothing is lost, and no backup is offered.
    pub rebuilt: Option<Rebuilt>,
    /// The `-wal` beside the data file was damaged inside (SQLite drops the commits after the
    /// damage): the data file and its log were copied here, unchanged, before opening.
    pub log_kept: Option<PathBuf>,
    /// The file moved aside was damaged in its indexes only, but rebuilding it failed (a full
    /// disk, a read error): why. Its records are all in the file set aside.
    pub rebuild_failed: Option<String>,
    /// The log beside the data file was another file's (a crash left it, then a backup was
    /// copied over the data file by hand): read with it the sound file looked damaged. The log
    /// was moved here, kept, and the data file goes on.
    pub stray_log: Option<PathBuf>,
}

/// A data file rebuilt from the damaged one set aside (see [`OpenReport::rebuilt`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebuilt {
    /// Where the damaged file is kept, byte for byte.
    pub from: PathBuf,
    /// How many records (rows of its tables) were copied.
    pub records: u64,
}

/// How much of the file the window checks while opening.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verify {
    /// Everything, including `PRAGMA quick_check` (which reads the whole file).
    Now,
    /// The file's identity only; the caller runs [`super::Records::quick_check`] before writing anything
    /// (the window does it in the background right after its first frame, so years of records
    /// do not delay start-up).
    Deferred,
}

/// The result of [`check_folder`]: the verdict, and the newest verified backup for advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderCheck {
    /// The database's state (`integrity_check`).
    pub verdict: Verdict,
    /// The newest backup that passed its check, if any.
    pub backup: Option<BackupInfo>,
    /// A loss the data records as not yet dealt with (a sound database that is the new, blank
    /// one started after the loss).
    pub pending: Option<RecoveryReason>,
    /// The records of a sound database of this version that break a rule (not damage: they
    /// are read around and named; see [`super::problems`]).
    pub broken: Vec<super::RowProblem>,
    /// The data file's log (`-wal`) is damaged inside: SQLite, reading it, drops the changes
    /// saved after the damage without a word (see [`super::wal_check`]); the window keeps a
    /// copy of both when it opens them.
    pub log_damaged: bool,
    /// A trigger another program added to a sound database of this version (see
    /// [`super::verdict::extra_part`]).
    pub edited: Option<String>,
}

impl FolderCheck {
    /// The check of the database file `db`, with the newest verified backup of `backups` when it
    /// is not sound, and the loss it records as not yet dealt with when it is.
    pub(super) fn of(db: &Path, backups: &Path) -> FolderCheck {
        let verdict = examine(db, Depth::Full);
        let (backup, pending) = match verdict {
            Verdict::Sound { .. } => (None, RecoveryReason::pending_in(db)),
            _ => (newest_verified_backup(backups), None),
        };
        let broken = match verdict {
            Verdict::Sound { version } if version == CURRENT_VERSION => audit(db),
            _ => Vec::new(),
        };
        let log_damaged = matches!(verdict, Verdict::Sound { .. }) && log_damaged_inside(db);
        let edited = match verdict {
            Verdict::Sound { version } if version == CURRENT_VERSION => {
                super::verdict::extra_part(db)
            }
            _ => None,
        };
        FolderCheck {
            verdict,
            backup,
            pending,
            broken,
            log_damaged,
            edited,
        }
    }
}

/// Whether the log beside `db` is damaged inside (read only; no log is no damage).
pub fn log_damaged_inside(db: &Path) -> bool {
    fs::read(companion(db, "-wal"))
        .ok()
        .is_some_and(|bytes| super::wal_check::commits_after_a_break(&bytes).is_some())
}

/// The records of the sound database `db` that break a rule, read without writing anything
/// (nothing when it cannot be read now: the verdict already said it is sound).
fn audit(db: &Path) -> Vec<super::RowProblem> {
    verdict::open_untouched(db)
        .ok()
        .and_then(|conn| Records::new(conn).audit().ok())
        .unwrap_or_default()
}

/// Checks the data folder's database without changing anything: no file is created, moved or
/// written (the lock file is used only if it exists). Refuses while the app has the folder open.
pub fn check_folder(paths: &DataPaths) -> Result<FolderCheck, OpenError> {
    refuse_file_as_folder(paths)?;
    let _lock = lock_existing(paths)?;
    Ok(FolderCheck::of(&paths.db(), &paths.backups()))
}

/// A data folder path that names a file is a usage error, whoever opens it.
fn refuse_file_as_folder(paths: &DataPaths) -> Result<(), OpenError> {
    match fs::metadata(&paths.dir) {
        Ok(meta) if !meta.is_dir() => Err(OpenError::NotAFolder {
            path: paths.dir.clone(),
        }),
        _ => Ok(()),
    }
}

/// A data file this account may not write (a read-only file, or another account's) is said as
/// such before SQLite opens it read-only and fails later with "disk I/O error". Only opened, never
/// written or created here; any other error is left to SQLite to report. On Windows only the
/// read-only attribute counts: a refused open there may be an antivirus holding the file for a
/// moment, which SQLite waits out and which must never read as "cannot be written".
fn refuse_unwritable(db: &Path) -> Result<(), OpenError> {
    let refused = if cfg!(windows) {
        fs::metadata(db)
            .ok()
            .filter(|m| m.is_file() && m.permissions().readonly())
            .map(|_| std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem))
    } else {
        OpenOptions::new().write(true).open(db).err()
    };
    let Some(e) = refused else { return Ok(()) };
    let cause = files::Cause::of(&e);
    match cause.lasting() {
        Some(files::Lasting::NoPermission | files::Lasting::ReadOnly) => {
            Err(OpenError::CannotWrite {
                path: db.to_path_buf(),
                cause,
            })
        }
        _ => Ok(()),
    }
}

/// Creates the data folder if needed and takes its exclusive lock.
fn lock_folder(paths: &DataPaths) -> Result<File, OpenError> {
    refuse_file_as_folder(paths)?;
    let no_folder = |e: std::io::Error| OpenError::NoFolder {
        path: paths.dir.clone(),
        detail: files::Cause::of(&e),
    };
    fs::create_dir_all(&paths.dir).map_err(no_folder)?;
    let lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(paths.lock())
        .map_err(no_folder)?;
    take_lock(paths, lock)
}

/// Whether a command may open the folder's data for writing: sound, or none yet and no backup
/// to say it was lost. Reads only.
fn command_may_open(paths: &DataPaths) -> Result<(), OpenError> {
    let db = paths.db();
    match examine(&db, Depth::Quick) {
        Verdict::Sound { .. } => Ok(()),
        Verdict::Empty { .. } => match newest_verified_backup(&paths.backups()) {
            Some(backup) => Err(OpenError::Lost {
                path: db,
                backup: backup.path,
            }),
            None => Ok(()),
        },
        other => Err(refusal(&db, other)),
    }
}

/// Whether a copy of the app (a window or a command) holds the folder's lock now. Creates
/// nothing; a folder without a lock file is held by nobody.
pub fn folder_in_use(paths: &DataPaths) -> bool {
    match File::open(paths.lock()) {
        Ok(lock) => matches!(lock.try_lock(), Err(TryLockError::WouldBlock)),
        Err(_) => false,
    }
}

/// Takes the lock of a folder for reading, if the folder has a lock file: never creates one.
fn lock_existing(paths: &DataPaths) -> Result<Option<File>, OpenError> {
    match File::open(paths.lock()) {
        Ok(lock) => take_lock(paths, lock).map(Some),
        Err(_) => Ok(None),
    }
}

/// Takes the folder's lock. A lock held for a moment only (a copy of the app that is closing, or
/// a program starting elsewhere that briefly shares our handles) is waited for, up to a second.
fn take_lock(paths: &DataPaths, lock: File) -> Result<File, OpenError> {
    for attempt in 0..=LOCK_RETRIES {
        match lock.try_lock() {
            Ok(()) => return Ok(lock),
            Err(TryLockError::WouldBlock) if attempt < LOCK_RETRIES => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => break,
            Err(TryLockError::Error(e)) => {
                return Err(OpenError::NoFolder {
                    path: paths.dir.clone(),
                    detail: files::Cause::of(&e),
                });
            }
        }
    }
    Err(OpenError::AlreadyOpen {
        path: paths.dir.clone(),
    })
}

/// When the data file, judged damaged with the `-wal` beside it, is sound without it: the log
/// is another file's (a crash left it, then a good backup was copied over the data file by
/// hand), and reading it into the file is what damages it. The log and its shared memory are
/// moved into `damaged/`, kept; `Some(where the log went)` once the file alone is judged sound
/// in place. `None` (nothing moved) when there is no log, or the file is damaged without it too.
fn stray_log(paths: &DataPaths, depth: Depth) -> Result<Option<PathBuf>, OpenError> {
    let db = paths.db();
    let wal = companion(&db, "-wal");
    if !wal.exists() {
        return Ok(None);
    }
    // The file alone, judged in a scratch folder of its own (removed after).
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let scratch =
        std::env::temp_dir().join(format!("poscare-log-check-{}-{nanos}", std::process::id()));
    let alone = scratch.join("poscare.db");
    let sound_alone = fs::create_dir_all(&scratch).is_ok()
        && fs::copy(&db, &alone).is_ok()
        && matches!(examine(&alone, depth), Verdict::Sound { .. });
    let _ = fs::remove_dir_all(&scratch);
    if !sound_alone {
        return Ok(None);
    }
    let dir = paths.damaged();
    let fail = |e: std::io::Error| OpenError::NoFolder {
        path: dir.clone(),
        detail: files::Cause::of(&e),
    };
    fs::create_dir_all(&dir).map_err(fail)?;
    let stamp = super::file_stamp();
    let moved = dir.join(format!("poscare-{stamp}-stray.db-wal"));
    fs::rename(&wal, &moved).map_err(fail)?;
    let shm = companion(&db, "-shm");
    if shm.exists() {
        let _ = fs::rename(&shm, dir.join(format!("poscare-{stamp}-stray.db-shm")));
    }
    Ok(Some(moved))
}

/// Whether a loss seen before opening stands once the database is open: a file seen missing or
/// empty that SQLite then opened with its tables in it was there all along (one look at it
/// failed), and nothing may be offered to replace it.
fn stands(loss: &RecoveryReason, fresh: bool) -> bool {
    match loss {
        RecoveryReason::Missing | RecoveryReason::Empty => fresh,
        RecoveryReason::SetAside(_) | RecoveryReason::Foreign(_) => true,
    }
}

/// How many times a busy lock is tried again, 50 ms apart.
const LOCK_RETRIES: u32 = 20;

impl Store {
    /// Opens the data folder for a command that writes (`backup`, `restore`) or a test: takes
    /// the lock, removes leftovers of interrupted work, checks the database (`quick_check`) and
    /// migrates it. A new database is created only where there was none and no backup either.
    /// A database that is not sound is an error and stays exactly where and as it is.
    pub fn open(paths: DataPaths) -> Result<Store, OpenError> {
        Self::open_command(paths)
    }

    /// Opens the data folder for `restore FILE`, as [`Store::open`] does, except that a missing
    /// or empty data file with backups is no reason to refuse: the merchant has a backup in hand,
    /// and restoring it is the way out of that loss. A new database is started for it.
    ///
    /// A restore is also the repair of damaged data: a data file found damaged (or another
    /// program's) is set aside byte for byte, as the window would, and remembered as a loss
    /// until a restore succeeds; where it went is returned. A file that could not be checked is
    /// refused, never set aside.
    pub fn open_to_restore(paths: DataPaths) -> Result<(Store, Option<SetAside>), OpenError> {
        let lock = lock_folder(&paths)?;
        sweep_leftovers(&paths);
        say_a_broken_log_kept(&paths);
        let db = paths.db();
        let moved = match examine(&db, Depth::Quick) {
            Verdict::Sound { .. } | Verdict::Empty { .. } => None,
            verdict @ (Verdict::Damaged(_) | Verdict::Foreign) => Some(SetAside {
                path: set_aside(&paths)?,
                foreign: matches!(verdict, Verdict::Foreign),
            }),
            other => return Err(refusal(&db, other)),
        };
        let (store, _, _) = Self::open_locked(paths, lock)?;
        if let Some(moved) = &moved {
            store.remember_loss(&RecoveryReason::set_aside(
                moved.path.clone(),
                moved.foreign,
            ));
        }
        Ok((store, moved))
    }

    fn open_command(paths: DataPaths) -> Result<Store, OpenError> {
        // A folder no copy of the app has locked yet is judged before its lock file is made:
        // a folder a command refuses (another program's database, damage) is left as it was.
        if !paths.lock().exists() && paths.dir.is_dir() {
            command_may_open(&paths)?;
        }
        let lock = lock_folder(&paths)?;
        sweep_leftovers(&paths);
        command_may_open(&paths)?;
        say_a_broken_log_kept(&paths);
        Self::open_locked(paths, lock).map(|(store, _, _)| store)
    }

    /// Opens the data folder for the window, checking as much as `verify` says. The only opening
    /// that recovers: a confirmed damaged or foreign database is moved aside with its companions,
    /// byte for byte, before anything opens it for writing, and a new one is started; an empty or
    /// missing database with verified backups, and a file set aside earlier and not yet dealt
    /// with, are reported as a [`Recovery`] to offer.
    pub fn open_window(paths: DataPaths, verify: Verify) -> Result<(Store, OpenReport), OpenError> {
        let lock = lock_folder(&paths)?;
        let mut report = OpenReport::default();
        let resumed = finish_interrupted_set_aside(&paths, &mut report)?;
        sweep_leftovers(&paths);
        report.log_kept = keep_a_broken_log(&paths);
        let db = paths.db();
        let depth = match verify {
            Verify::Now => Depth::Quick,
            Verify::Deferred => Depth::Identity,
        };
        let mut loss = None;
        match examine(&db, depth) {
            Verdict::Sound { .. } => {}
            // The rest of a file set aside, now joined with it: the loss is that file.
            Verdict::Empty { missing: true } if resumed.is_some() => loss = resumed,
            Verdict::Empty { missing } => {
                if newest_verified_backup(&paths.backups()).is_some() {
                    loss = Some(if missing {
                        RecoveryReason::Missing
                    } else {
                        RecoveryReason::Empty
                    });
                }
            }
            Verdict::Damaged(_) if let Some(log) = stray_log(&paths, depth)? => {
                report.stray_log = Some(log);
            }
            verdict @ (Verdict::Damaged(_) | Verdict::Foreign) => {
                loss = set_aside_or_rebuild(&paths, &verdict, &mut report)?;
            }
            other => return Err(refusal(&db, other)),
        }
        let (store, migrated_from, fresh) = Self::open_locked(paths, lock)?;
        report.migrated_from = migrated_from;
        store.rebuilt_dealt_with(&report);
        if let Some(loss) = loss.filter(|loss| stands(loss, fresh)) {
            store.remember_loss(&loss);
        }
        report.recovery = store.pending_recovery();
        Ok((store, report))
    }

    /// A file rebuilt whole from the one set aside is no loss: the file set aside is marked dealt
    /// with, so that it is not offered as one at the next start.
    fn rebuilt_dealt_with(&self, report: &OpenReport) {
        if let Some(rebuilt) = &report.rebuilt {
            let _ = self.put_setting(keys::RECOVERY_HANDLED, &file_name(&rebuilt.from));
        }
    }

    /// Records a loss in the (new) database so it is offered again at the next start until dealt
    /// with, and carries the shop's language and zoom over (so the offer speaks the merchant's
    /// language) and when and where it last backed up to a USB stick (so the offer can say a
    /// newer backup is there).
    fn remember_loss(&self, loss: &RecoveryReason) {
        let _ = self.put_setting(keys::RECOVERY_PENDING, &loss.code());
        // The file set aside, read as far as it can be without changing it, then the newest
        // verified backup: the first that has each setting gives it.
        let mut sources: Vec<PathBuf> = Vec::new();
        if let RecoveryReason::SetAside(file) = loss {
            sources.push(file.clone());
        }
        if let Some(backup) = newest_verified_backup(&self.paths.backups()) {
            sources.push(backup.path);
        }
        let carried = [
            keys::LANGUAGE,
            keys::ZOOM,
            keys::LAST_EXTERNAL_BACKUP,
            keys::BACKUP_FOLDER,
        ];
        for key in carried {
            if self.setting(key).ok().flatten().is_some() {
                continue;
            }
            if let Some(value) = sources
                .iter()
                .find_map(|file| super::backup::setting_in(file, key))
            {
                let _ = self.put_setting(key, &value);
            }
        }
    }

    /// Opens the database under the folder's lock (creating and migrating it as needed). Returns
    /// the version it was migrated from, if it was.
    /// Also returns the version it migrated from, and whether the database was new (no schema:
    /// created now, or an empty file).
    fn open_locked(paths: DataPaths, lock: File) -> Result<(Store, Option<i32>, bool), OpenError> {
        let sqlite_err = |e: rusqlite::Error| OpenError::Sqlite {
            path: paths.db(),
            detail: describe_sqlite(&e),
        };
        refuse_unwritable(&paths.db())?;
        let conn = open_rw(&paths.db()).map_err(sqlite_err)?;
        configure(&conn).map_err(sqlite_err)?;
        let version: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sqlite_err)?;
        if version == 0 {
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(sqlite_err)?;
        }
        let (file_id, log_id) = super::in_place::identities(&paths.db());
        let mut store = Store {
            records: Records::new(conn),
            paths,
            file_id,
            log_id,
            _lock: lock,
        };
        let mut migrated_from = None;
        if version < CURRENT_VERSION {
            // A verified copy of the old version before we change anything (unless one of this
            // very data was taken at the last try).
            if version > 0 && !store.has_copy_before_upgrade(version) {
                store
                    .write_backup(&store.paths.backups(), BackupKind::PreMigration)
                    .map_err(|e| OpenError::Sqlite {
                        path: store.paths.db(),
                        detail: e.message(Lang::En),
                    })?;
                migrated_from = Some(version);
            }
            schema::migrate(&mut store.records.conn, version).map_err(|e| {
                if schema::is_system_failure(&e) {
                    OpenError::Sqlite {
                        path: store.paths.db(),
                        detail: describe_sqlite(&e),
                    }
                } else {
                    // The file's tables are not what its version number says: said plainly,
                    // never as SQLite's "duplicate column name".
                    OpenError::CannotUpgrade {
                        path: store.paths.db(),
                        found: version,
                        backups: store.paths.backups(),
                    }
                }
            })?;
        }
        Ok((store, migrated_from, version == 0))
    }

    /// After the deferred check found damage: closes the connection without merging its `-wal`
    /// into the file, checks the file again on a fresh connection, and only if that confirms the
    /// damage moves the file set aside (as [`Store::open_window`] does) and opens a new database.
    /// Otherwise the same database is opened again, and `unchecked` says if it could not be
    /// checked. The folder stays locked throughout.
    pub fn recheck(self) -> Result<(Store, OpenReport), OpenError> {
        let Store {
            records,
            paths,
            _lock: lock,
            ..
        } = self;
        let _ = records
            .conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
        drop(records);
        let mut report = OpenReport::default();
        let db = paths.db();
        let mut loss = None;
        match examine(&db, Depth::Quick) {
            Verdict::Damaged(_) if let Some(log) = stray_log(&paths, Depth::Quick)? => {
                report.stray_log = Some(log);
            }
            verdict @ (Verdict::Damaged(_) | Verdict::Foreign) => {
                loss = set_aside_or_rebuild(&paths, &verdict, &mut report)?;
            }
            Verdict::CouldNotCheck(why) => report.unchecked = Some(why),
            Verdict::Newer(found) => return Err(OpenError::TooNew { path: db, found }),
            Verdict::Sound { .. } | Verdict::Empty { .. } => {}
        }
        let (store, _, _) = Self::open_locked(paths, lock)?;
        store.rebuilt_dealt_with(&report);
        if let Some(loss) = loss {
            store.remember_loss(&loss);
        }
        report.recovery = store.pending_recovery();
        Ok((store, report))
    }

    /// The loss not yet dealt with, if any: one recorded at an earlier start, or a file in
    /// `damaged/` newer than the last one dealt with (set aside by an older version).
    fn pending_recovery(&self) -> Option<Recovery> {
        let setting = |key| self.setting(key).ok().flatten();
        let reason = setting(keys::RECOVERY_PENDING)
            .as_deref()
            .and_then(RecoveryReason::from_code)
            .or_else(|| {
                let newest = newest_set_aside(&self.paths)?;
                let handled = setting(keys::RECOVERY_HANDLED).unwrap_or_default();
                (file_name(&newest) > handled).then_some(RecoveryReason::SetAside(newest))
            })?;
        let backup = newest_verified_backup(&self.paths.backups());
        // A backup to a USB stick taken after the one offered here may hold more of the shop's
        // data: said, so that nobody takes the older one for the newest. (When the offered one
        // was taken: its name's time, not its content's.)
        let offered_at = backup.as_ref().and_then(|b| {
            super::backup::list_backups(&self.paths.backups())
                .into_iter()
                .find(|named| named.path == b.path)
                .map(|named| named.taken)
        });
        let outside = setting(keys::LAST_EXTERNAL_BACKUP)
            .as_deref()
            .and_then(super::parse_stamp)
            .filter(|when| offered_at.is_none_or(|taken| *when > taken))
            .map(|when| (when, setting(keys::BACKUP_FOLDER).unwrap_or_default()));
        let holds = backup
            .as_ref()
            .and_then(|b| super::backup::inspect_backup(&b.path).ok());
        Some(Recovery {
            reason,
            backup,
            outside,
            holds,
        })
    }

    /// The merchant dealt with the loss (restored a backup, or chose to go on): it is not
    /// offered again.
    pub fn recovery_dealt_with(&mut self) -> Result<(), super::StoreError> {
        self.remove_setting(keys::RECOVERY_PENDING)?;
        if let Some(newest) = newest_set_aside(&self.paths) {
            self.put_setting(keys::RECOVERY_HANDLED, &file_name(&newest))?;
        }
        Ok(())
    }
}

impl ReadStore {
    /// Opens the data folder for reading without changing anything in it. `Ok(None)`: there is
    /// no data yet (no folder, no file, or an empty one) and no backup either. An older database
    /// is an error that says to open the window once to upgrade it (reading it would mean
    /// migrating a copy of the shop's whole data on every run). A database that is not sound, or
    /// a missing one with backups, is an error that says to open the window.
    pub fn open(paths: DataPaths) -> Result<Option<ReadStore>, OpenError> {
        refuse_file_as_folder(&paths)?;
        let lock = lock_existing(&paths)?;
        let db = paths.db();
        let version = match examine(&db, Depth::Quick) {
            Verdict::Sound { version } => version,
            Verdict::Empty { .. } => {
                return match newest_verified_backup(&paths.backups()) {
                    Some(backup) => Err(OpenError::Lost {
                        path: db,
                        backup: backup.path,
                    }),
                    None => Ok(None),
                };
            }
            other => return Err(refusal(&db, other)),
        };
        let sqlite_err = |e: rusqlite::Error| OpenError::Sqlite {
            path: db.clone(),
            detail: describe_sqlite(&e),
        };
        if version < CURRENT_VERSION {
            return Err(OpenError::NeedsUpgrade {
                path: db,
                found: version,
            });
        }
        // The blank data started after a loss not yet dealt with: said, never read as a shop
        // with nothing recorded.
        if let Some(reason) = RecoveryReason::pending_in(&db) {
            return Err(OpenError::RecoveryPending { path: db, reason });
        }
        let conn = verdict::open_untouched(&db).map_err(sqlite_err)?;
        Ok(Some(ReadStore {
            records: Records::new(conn),
            paths,
            _lock: lock,
        }))
    }
}

/// The error for a database a command cannot use.
fn refusal(db: &Path, verdict: Verdict) -> OpenError {
    let path = db.to_path_buf();
    match verdict {
        Verdict::Newer(found) => OpenError::TooNew { path, found },
        Verdict::Foreign => OpenError::Foreign { path },
        Verdict::Damaged(detail) => OpenError::Damaged { path, detail },
        Verdict::CouldNotCheck(why) => OpenError::CouldNotCheck { path, why },
        Verdict::Sound { .. } | Verdict::Empty { .. } => OpenError::Sqlite {
            path,
            detail: "unexpected state".into(),
        },
    }
}

/// Opens the database file `path`, ours and checked already, as the window uses it (our locking
/// and journal settings).
pub(super) fn reopen(path: &Path) -> rusqlite::Result<Connection> {
    let conn = open_rw(path)?;
    configure(&conn)?;
    Ok(conn)
}

/// Opens a connection with our locking settings (exclusive lock; nothing written yet).
fn open_rw(path: &Path) -> rusqlite::Result<Connection> {
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

/// WAL pages after which a commit checkpoints them into the database (SQLite's default is 1000,
/// about 4 MB: too much on a nearly full disk).
const WAL_AUTOCHECKPOINT_PAGES: i32 = 128;

/// The size the `-wal` file is cut back to after a checkpoint, in bytes.
const WAL_SIZE_LIMIT: i64 = 1 << 20;

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
    conn.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES)?;
    let _: i64 =
        conn.pragma_update_and_check(None, "journal_size_limit", WAL_SIZE_LIMIT, |r| r.get(0))?;
    Ok(())
}

/// Sets a damaged or foreign data file aside (see [`set_aside`]); a damaged one whose damage
/// lies in its indexes only is rebuilt in its place with every record (see [`repair`]) and is no
/// loss. Otherwise the loss to offer a backup for is returned.
fn set_aside_or_rebuild(
    paths: &DataPaths,
    verdict: &Verdict,
    report: &mut OpenReport,
) -> Result<Option<RecoveryReason>, OpenError> {
    let moved = set_aside(paths)?;
    report.moved_aside = Some(moved.clone());
    if matches!(verdict, Verdict::Foreign) {
        return Ok(Some(RecoveryReason::set_aside(moved, true)));
    }
    Ok(rebuild_or_loss(paths, moved, report))
}

/// Rebuilds the data file from the damaged file set aside at `aside` (see
/// [`rebuild_in_place`]) and says so in `report`; otherwise returns the loss to offer a backup
/// for, and `report` says why a rebuild that could have kept every record did not.
fn rebuild_or_loss(
    paths: &DataPaths,
    aside: PathBuf,
    report: &mut OpenReport,
) -> Option<RecoveryReason> {
    match rebuild_in_place(paths, &aside) {
        Ok(records) => {
            report.rebuilt = Some(Rebuilt {
                from: aside,
                records,
            });
            None
        }
        Err(why) => {
            report.rebuild_failed = why;
            Some(RecoveryReason::set_aside(aside, false))
        }
    }
}

/// For a command that writes (`backup`, `restore`): a log damaged inside is kept as the window
/// keeps it ([`keep_a_broken_log`]) before the data is opened, which drops the changes after
/// the damage, and that is said on stderr with where the copy went.
fn say_a_broken_log_kept(paths: &DataPaths) {
    if let Some(copy) = keep_a_broken_log(paths) {
        let lang = crate::i18n::Lang::from_os();
        let path = copy.display().to_string();
        eprintln!(
            "poscare: {}",
            lang.fill(crate::i18n::T::LogDamaged, &[("path", &path)])
        );
    }
}

/// Copies the data file and its `-wal` into `damaged/`, unchanged, when the log is damaged
/// inside (see [`super::wal_check`]): SQLite, opening it, drops the commits after the damage
/// without a word. Returns where the copy of the data file went. Best effort: a copy that
/// cannot be made is said on stderr, and the data opens as it would have.
fn keep_a_broken_log(paths: &DataPaths) -> Option<PathBuf> {
    let db = paths.db();
    let wal = companion(&db, "-wal");
    if !db.is_file() {
        return None;
    }
    if !log_damaged_inside(&db) {
        return None;
    }
    let stamp = super::file_stamp();
    let copy = paths
        .damaged()
        .join(format!("poscare-{stamp}-damaged-log.sqlite"));
    let kept = fs::create_dir_all(paths.damaged())
        .map_err(|e| e.to_string())
        .and_then(|()| files::copy_new(&db, &copy).map_err(|e| format!("{e:?}")))
        .and_then(|_| {
            files::copy_new(&wal, &companion(&copy, "-wal")).map_err(|e| format!("{e:?}"))
        });
    match kept {
        Ok(_) => {
            files::sync_dir(&paths.damaged());
            Some(copy)
        }
        Err(why) => {
            eprintln!(
                "poscare: the damaged log beside {} was not copied: {why}",
                db.display()
            );
            None
        }
    }
}

/// Finishes what a set-aside or a rebuild killed half way (a power cut, `kill -9`) left, before
/// anything opens the data file; needed only when there is no data file:
/// - its `-wal` (or `-shm`, `-journal`) left behind is the rest of the file set aside: it joins
///   the newest file in `damaged/` that has none, or else goes into `damaged/` on its own. A new
///   database is never started over it (SQLite would read it into the new file, or delete it).
/// - a rebuild left half way is made again from the newest file set aside.
///
/// Returns the loss to offer when the file set aside could not be rebuilt.
fn finish_interrupted_set_aside(
    paths: &DataPaths,
    report: &mut OpenReport,
) -> Result<Option<RecoveryReason>, OpenError> {
    let db = paths.db();
    if db.exists() {
        return Ok(None);
    }
    let orphans: Vec<&str> = COMPANIONS
        .into_iter()
        .filter(|suffix| companion(&db, suffix).exists())
        .collect();
    let building = repair::building(&db);
    let rebuild_cut_short = building.exists();
    if orphans.is_empty() && !rebuild_cut_short {
        return Ok(None);
    }
    let fail = |e: std::io::Error| OpenError::NoFolder {
        path: paths.dir.clone(),
        detail: files::Cause::of(&e),
    };
    let newest = newest_set_aside(paths);
    let joins = newest
        .clone()
        .filter(|aside| COMPANIONS.iter().all(|s| !companion(aside, s).exists()));
    if !orphans.is_empty() {
        let target = match &joins {
            Some(aside) => aside.clone(),
            None => {
                fs::create_dir_all(paths.damaged()).map_err(fail)?;
                let stamp = super::file_stamp();
                paths
                    .damaged()
                    .join(format!("poscare-{stamp}-left-behind.db"))
            }
        };
        for suffix in &orphans {
            files::rename(&companion(&db, suffix), &companion(&target, suffix)).map_err(fail)?;
        }
        files::sync_dir(&paths.damaged());
        files::sync_dir(&paths.dir);
    }
    let Some(aside) = (if rebuild_cut_short { newest } else { joins }) else {
        return Ok(None);
    };
    // (The half-built file is removed by the rebuild, which starts afresh.)
    report.moved_aside = Some(aside.clone());
    Ok(rebuild_or_loss(paths, aside, report))
}

/// Rebuilds the file set aside at `moved` as the data file, if its damage lies in its indexes
/// only. Returns how many records it holds. Otherwise nothing is left behind, and the error
/// says why a rebuild that was possible failed (a full disk, a read error), or is `None` when
/// the damage lies beyond the indexes.
fn rebuild_in_place(paths: &DataPaths, moved: &Path) -> Result<u64, Option<String>> {
    let db = paths.db();
    let building = repair::building(&db);
    repair::remove_with_companions(&building);
    let records = repair::rebuild(moved, &building).map_err(|why| {
        eprintln!("poscare: {} was not rebuilt ({why})", moved.display());
        match why {
            repair::NotRebuilt::Failed(detail) => Some(detail),
            repair::NotRebuilt::BeyondIndexes(_) | repair::NotRebuilt::NotOurs => None,
        }
    })?;
    if db.exists() {
        repair::remove_with_companions(&building);
        return Err(None);
    }
    if let Err(e) = files::rename(&building, &db) {
        repair::remove_with_companions(&building);
        return Err(Some(e.to_string()));
    }
    files::sync_dir(&paths.dir);
    Ok(records)
}

/// [`move_aside`], with a failure said as what it is: the file held by another program (after
/// the rename's own retries), or the folder's problem.
fn set_aside(paths: &DataPaths) -> Result<PathBuf, OpenError> {
    move_aside(paths).map_err(|e| {
        if files::is_in_use(&e) {
            OpenError::InUse { path: paths.db() }
        } else {
            OpenError::NoFolder {
                path: paths.dir.clone(),
                detail: files::Cause::of(&e),
            }
        }
    })
}

/// Moves the database with its companions (`-wal`, `-shm`, `-journal`) into `damaged/` as a set,
/// byte for byte (nothing has opened it for writing). Returns the new path of the database file.
fn move_aside(paths: &DataPaths) -> std::io::Result<PathBuf> {
    let dir = paths.damaged();
    fs::create_dir_all(&dir)?;
    let stamp = super::file_stamp();
    let target = (0..)
        .map(|n| {
            dir.join(if n == 0 {
                format!("poscare-{stamp}.db")
            } else {
                format!("poscare-{stamp}-{n}.db")
            })
        })
        .find(|candidate| {
            !candidate.exists() && COMPANIONS.iter().all(|s| !companion(candidate, s).exists())
        })
        .unwrap_or_else(|| dir.join(format!("poscare-{stamp}-x.db")));
    let db = paths.db();
    files::rename(&db, &target)?;
    for suffix in COMPANIONS {
        let from = companion(&db, suffix);
        if from.exists() {
            files::rename(&from, &companion(&target, suffix))?;
        }
    }
    files::sync_dir(&dir);
    files::sync_dir(&paths.dir);
    Ok(target)
}

/// The newest database file set aside in `damaged/`.
fn newest_set_aside(paths: &DataPaths) -> Option<PathBuf> {
    let entries = fs::read_dir(paths.damaged()).ok()?;
    entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "db"))
        .max_by_key(|p| file_name(p))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Removes what interrupted work left behind (the folder is locked, so nothing of ours is
/// using them): incoming restore copies in `staging/`, and half-written backups (`.….tmp`, and
/// the empty file under the backup's own name) in `backups/`. Nothing else is touched.
fn sweep_leftovers(paths: &DataPaths) {
    if let Ok(entries) = fs::read_dir(paths.staging()) {
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("incoming-") && entry.path().is_file() {
                let _ = fs::remove_file(entry.path());
            }
        }
        // The folder too, once empty (a fault tester found it left after a killed restore);
        // anything else put there keeps it.
        let _ = fs::remove_dir(paths.staging());
    }
    // A rebuild killed half way (the damaged file it read from is kept in `damaged/`).
    repair::remove_with_companions(&repair::building(&paths.db()));
    if let Ok(entries) = fs::read_dir(paths.backups()) {
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let temp = name.starts_with('.')
                && (name.ends_with(".tmp") || name.ends_with(".tmp-journal"))
                && entry.path().is_file();
            // The empty file that held a backup's name for a backup or a restore killed before
            // its copy was sealed: it holds nothing, and it is never listed.
            let held_name = name.starts_with("poscare-")
                && name.ends_with(".db")
                && fs::symlink_metadata(entry.path()).is_ok_and(|m| m.is_file() && m.len() == 0);
            if temp || held_name {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{RecoveryReason, stands};

    #[test]
    fn a_file_seen_missing_or_empty_that_opens_with_its_tables_is_no_loss() {
        for loss in [RecoveryReason::Missing, RecoveryReason::Empty] {
            assert!(stands(&loss, true), "{loss:?}: really new");
            assert!(!stands(&loss, false), "{loss:?}: one look failed");
        }
        let aside = RecoveryReason::SetAside("damaged/poscare.db".into());
        assert!(stands(&aside, false) && stands(&aside, true));
    }
}
