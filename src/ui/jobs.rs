//! Work that must not freeze the window (backups), on a worker thread.
//!
//! The worker holds the store's mutex while it runs; the window keeps drawing from what it has
//! already read, and commands that need the store wait until the job is done.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::store::{BackupKind, Store};

/// What a job does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobKind {
    /// The quick check deferred from start-up.
    Check,
    /// The daily automatic backup (and thinning).
    Daily,
    /// "Back up now" into a folder.
    Manual(PathBuf),
}

/// How a job ended.
pub enum JobOutcome {
    /// The deferred quick check: `Err` says what is wrong.
    Check(Result<(), String>),
    /// The daily backup: its new file, or `None` if today's existed.
    Daily(Result<Option<PathBuf>, String>),
    /// A manual backup: its file.
    Manual(Result<PathBuf, String>),
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
        let handle = std::thread::spawn(move || {
            let outcome = {
                // A panic elsewhere cannot leave the database half-written (SQLite rolls back),
                // so a poisoned lock is still safe to use.
                let store = store.lock().unwrap_or_else(|p| p.into_inner());
                match work {
                    JobKind::Check => JobOutcome::Check(store.quick_check()),
                    JobKind::Daily => {
                        JobOutcome::Daily(store.daily_backup().map_err(|e| e.to_string()))
                    }
                    JobKind::Manual(folder) => JobOutcome::Manual(
                        store
                            .write_backup(&folder, BackupKind::Manual)
                            .map_err(|e| e.to_string()),
                    ),
                }
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

    /// Whether this is a "back up now".
    pub fn is_manual(&self) -> bool {
        matches!(self.kind, JobKind::Manual(_))
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
                JobKind::Check => JobOutcome::Check(Err(e)),
                JobKind::Daily => JobOutcome::Daily(Err(e)),
                JobKind::Manual(_) => JobOutcome::Manual(Err(e)),
            }
        })
    }
}
