//! Work that must not freeze the window (the deferred check, backups, restore), on a worker thread.
//!
//! The worker holds the store's mutex while it runs (checking backup files does not); the window keeps drawing from what it has
//! already read, and commands that need the store wait until the job is done.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::store::{
    BackupBy, BackupError, OutsideBackup, Store, Unchecked, Verdict, VerifyError, verify_file,
};

/// Waits for the store and locks it. A panic elsewhere cannot leave the database half-written
/// (SQLite rolls back), so a poisoned lock is still safe to use.
pub fn lock(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|p| p.into_inner())
}

/// What a job does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobKind {
    /// The quick check deferred from start-up.
    Check,
    /// The daily automatic backup (and thinning), at the app's "now".
    Daily(chrono::NaiveDateTime),
    /// "Back up now" into a folder, completing the plan's open backup tasks.
    Manual(PathBuf, BackupBy),
    /// Replace the data with a backup file.
    Restore(PathBuf, Option<crate::store::BackupContents>),
    /// Check these backup files (the database itself is not touched).
    Verify(Vec<PathBuf>),
}

/// How a job ended.
pub enum JobOutcome {
    /// The deferred quick check's verdict (damage here is a first verdict, to be confirmed).
    Check(Verdict),
    /// The daily backup: its new file, or `None` if today's existed.
    Daily(Result<Option<PathBuf>, BackupError>),
    /// A manual backup: its file and the backup tasks it completed.
    Manual(Result<OutsideBackup, BackupError>),
    /// A restore from this file.
    Restore(PathBuf, Result<Option<PathBuf>, BackupError>),
    /// Each backup file checked, with what is wrong with it if anything.
    Verified(Vec<(PathBuf, Result<(), VerifyError>)>),
}

/// A running job.
pub struct Job {
    kind: JobKind,
    started: Instant,
    handle: JoinHandle<JobOutcome>,
}

impl Job {
    /// Starts `kind` on a worker thread; the window is asked to repaint when it ends.
    pub fn start(store: Arc<Mutex<Store>>, kind: JobKind, ctx: egui::Context) -> Job {
        let work = kind.clone();
        // (What the job writes is dated as the window's own records are.)
        let bound = crate::store::stamp_bound();
        let handle = std::thread::spawn(move || {
            crate::store::bound_stamps(bound);
            let locked = || lock(&store);
            let outcome = match work {
                JobKind::Check => JobOutcome::Check(locked().quick_check()),
                JobKind::Daily(now) => JobOutcome::Daily(locked().daily_backup(now)),
                JobKind::Manual(folder, by) => {
                    JobOutcome::Manual(locked().back_up_outside(&folder, &by))
                }
                JobKind::Restore(file, described) => {
                    let result = locked().restore_from(&file, described.as_ref());
                    JobOutcome::Restore(file, result)
                }
                // Backup files only: the live database is not locked.
                JobKind::Verify(files) => JobOutcome::Verified(
                    files
                        .into_iter()
                        .map(|f| {
                            let result = verify_file(&f).map(|_| ());
                            (f, result)
                        })
                        .collect(),
                ),
            };
            ctx.request_repaint();
            outcome
        });
        Job {
            kind,
            started: Instant::now(),
            handle,
        }
    }

    /// Whether the worker is done.
    pub fn finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// What the job does.
    pub fn kind(&self) -> &JobKind {
        &self.kind
    }

    /// How long it has been running.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The outcome of a finished job (a worker that panicked counts as a failure).
    pub fn outcome(self) -> JobOutcome {
        let Job { kind, handle, .. } = self;
        handle.join().unwrap_or_else(|_| {
            let e = "the work stopped unexpectedly".to_owned();
            match kind {
                // A check that did not finish knows nothing: never a reason to move anything.
                JobKind::Check => JobOutcome::Check(Verdict::CouldNotCheck(Unchecked::Stopped)),
                JobKind::Daily(_) => JobOutcome::Daily(Err(BackupError::Write(e))),
                JobKind::Manual(..) => JobOutcome::Manual(Err(BackupError::Write(e))),
                JobKind::Restore(file, _) => JobOutcome::Restore(file, Err(BackupError::Write(e))),
                JobKind::Verify(files) => JobOutcome::Verified(
                    files
                        .into_iter()
                        .map(|f| {
                            (
                                f,
                                Err(VerifyError::Io(crate::files::Cause::said(e.clone()))),
                            )
                        })
                        .collect(),
                ),
            }
        })
    }
}
