//! The app's background work: the start-up check and daily backup that follow the first frame,
//! the jobs a click starts (back up now, restore, check the backups), and what their endings
//! mean (a confirmed damage set aside and the backup offered; a check that could not run tried
//! again later; a backup completing the plan's backup tasks).

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{App, RECHECK_AFTER, store_now};
use crate::i18n::T;
use crate::store::{OpenError, Store, Unchecked, Verdict, Verify};
use crate::ui::jobs::{Job, JobKind, JobOutcome};

impl App {
    pub(super) fn start_job(&mut self, ctx: &egui::Context, kind: JobKind) {
        if let (Some(store), None) = (&self.store, &self.job) {
            self.job = Some(Job::start(Arc::clone(store), kind, ctx.clone()));
        }
    }

    /// The running job the screens show (a backup, a restore, a check of the backups) and for
    /// how many seconds it has run; the start-up check and the daily backup are not shown.
    pub(super) fn job_shown(&self) -> Option<(T, u64)> {
        let job = self.job.as_ref()?;
        let what = match job.kind() {
            JobKind::Manual(..) => T::BackupRunning,
            JobKind::Restore(..) => T::BackupsRestoring,
            JobKind::Verify(_) => T::BackupsChecking,
            JobKind::Check | JobKind::Daily(_) => return None,
        };
        Some((what, job.elapsed().as_secs()))
    }

    pub(super) fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else { return };
        if !job.finished() {
            ctx.request_repaint_after(Duration::from_millis(500));
            return;
        }
        let Some(job) = self.job.take() else { return };
        let lang = self.shared.lang;
        if self.close_after_job {
            // The window was closed while the job ran: it closes now that the job is done.
            self.quitting = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        match job.outcome() {
            JobOutcome::Check(Verdict::Damaged(_) | Verdict::Foreign) => self.damaged_after_open(),
            JobOutcome::Check(Verdict::CouldNotCheck(why)) => self.could_not_check(&why),
            JobOutcome::Check(_) | JobOutcome::Daily(Ok(_)) => {}
            JobOutcome::Manual(Ok(backup)) if backup.unrecorded.is_some() => {
                let path = backup.path.display().to_string();
                self.error(lang.fill(T::BackupWrittenNotRecorded, &[("path", &path)]));
            }
            JobOutcome::Manual(Ok(backup)) => {
                let path = backup.path.display().to_string();
                match backup.recorded {
                    Ok(done) => {
                        if done > 0 {
                            self.reload_plan();
                        }
                        self.ok(lang.fill(T::BackupDone, &[("path", &path)]));
                    }
                    // The copy is good, but the reminder and the plan do not know of it.
                    Err(e) => self.error(lang.fill(
                        T::BackupNotRecorded,
                        &[
                            ("path", &path),
                            ("detail", crate::i18n::Lang::bracketed(&e.message(lang))),
                        ],
                    )),
                }
            }
            JobOutcome::Manual(Err(e)) | JobOutcome::Daily(Err(e)) => {
                self.error(lang.fill(T::BackupFailed, &[("detail", &e.message(lang))]));
            }
            JobOutcome::Restore(file, Ok(before)) => {
                // Whatever loss was offered is dealt with now; the restored data must not offer
                // it again at the next start.
                if let Some(Err(e)) = self.store().map(|mut s| s.recovery_dealt_with()) {
                    self.error(lang.fill(T::ErrStorage, &[("detail", &e.message(lang))]));
                }
                self.recovery = None;
                self.load_settings(ctx);
                self.reload();
                let name = file.file_name().unwrap_or(file.as_os_str());
                let lang = self.shared.lang;
                // The copy of the replaced data is said only when one was made.
                let said = if before.is_some() {
                    T::Restored
                } else {
                    T::RestoredNothingReplaced
                };
                self.ok(lang.fill(said, &[("file", &name.to_string_lossy())]));
            }
            JobOutcome::Restore(_, Err(e)) => {
                self.error(lang.fill(
                    T::BackupsRestoreFailed,
                    &[("detail", &e.restore_message(lang))],
                ));
            }
            JobOutcome::Verified(results) => {
                let bad = results.iter().filter(|(_, r)| r.is_err()).count();
                self.shared.backups.checked = results
                    .into_iter()
                    .map(|(path, result)| (path, result.map_err(|e| e.message(lang))))
                    .collect();
                if bad == 0 {
                    self.ok(lang.t(T::BackupsAllGood).to_owned());
                } else {
                    self.error(lang.fill(T::BackupsSomeBad, &[("n", &bad.to_string())]));
                }
            }
        }
        // A backup, a restore or a check may have changed the files and the log.
        let reloaded = store_now(&self.store, &self.job).map(|store| {
            self.shared.reload_backups(&store);
            self.screens.reload(&store, lang)
        });
        if let Some(Err(message)) = reloaded {
            self.error(message);
        }
    }

    /// The deferred check could not run: say so, move nothing, and try again in a minute.
    pub(super) fn could_not_check(&mut self, why: &Unchecked) {
        let lang = self.shared.lang;
        self.error(lang.fill(T::UncheckedNotice, &[("why", &why.message(lang))]));
        self.checked = false;
        self.recheck_at = Some(Instant::now() + RECHECK_AFTER);
    }

    /// The deferred quick check found damage: confirm it on a fresh connection and, only if
    /// confirmed, set the file aside, start a new one and offer the newest verified backup.
    pub(super) fn damaged_after_open(&mut self) {
        let Some(shared) = self.store.take() else {
            return;
        };
        let store = match Arc::try_unwrap(shared) {
            Ok(mutex) => mutex.into_inner().unwrap_or_else(|p| p.into_inner()),
            Err(shared) => {
                // Still shared (cannot happen once the job is joined): keep it rather than lose it.
                self.store = Some(shared);
                return;
            }
        };
        match store.recheck() {
            Ok((store, mut report)) => {
                if report.moved_aside.is_some() {
                    // Whatever failed to read from the damaged file is explained by the offer.
                    self.notice = None;
                }
                self.recovery = report.recovery.take();
                self.store = Some(Arc::new(Mutex::new(store)));
                if let Some(why) = report.unchecked.take() {
                    self.could_not_check(&why);
                }
                self.reload();
                self.stray_log(report.stray_log.as_deref());
                self.say_what_opening_kept(&report);
            }
            Err(e) => {
                self.options.failed.store(true, Ordering::SeqCst);
                self.fatal = Some(e);
            }
        }
    }

    /// The work that starts after the first frame, so it never delays the window: the quick
    /// check deferred from opening, then the daily backup. Commands that write wait for both.
    pub(super) fn start_up_jobs(&mut self, ctx: &egui::Context) {
        if self.frames == 0 || self.job.is_some() || self.store.is_none() || self.recovery.is_some()
        {
            return;
        }
        let recheck_due = self.recheck_at.is_none_or(|at| Instant::now() >= at);
        if !self.checked && recheck_due {
            self.checked = true;
            self.recheck_at = None;
            self.start_job(ctx, JobKind::Check);
        } else if !self.checked {
            ctx.request_repaint_after(RECHECK_AFTER);
        } else if !self.daily_backup_started && !self.clock_unanswered() {
            self.daily_backup_started = true;
            // Once the clock's question is answered (a fault tester found a copy named a year
            // ahead written before it was), by the day of the clock, doubted or not: the day the
            // app goes by while the clock is
            // doubted is the newest record's, and behind it (a clock that ran ahead once, then
            // set right) the backup of that day, already there, stopped every day's backup
            // until the real date caught up (a copy never hurts; a doubted day's is not logged).
            let now = self.clock_now();
            self.start_job(ctx, JobKind::Daily(now));
        }
    }

    /// Looks for the data file at the next frame, without waiting for the minute (tests).
    #[cfg(feature = "testing")]
    pub fn look_for_data_file_now(&mut self) {
        self.file_looked_at = None;
    }

    /// Goes on with the data folder just opened (at the start, or when tried again): the loss
    /// to offer, the settings, the clock's judgement, the data, and a stray log said.
    pub(super) fn take_opened(
        &mut self,
        ctx: &egui::Context,
        store: Store,
        mut report: crate::store::OpenReport,
    ) {
        self.recovery = report.recovery.take();
        self.store = Some(Arc::new(Mutex::new(store)));
        self.load_settings(ctx);
        self.judge_clock();
        self.reload();
        self.stray_log(report.stray_log.as_deref());
        self.say_what_opening_kept(&report);
    }

    /// Says that a data file damaged in its indexes only was rebuilt with every record, or why
    /// that failed, and where the damaged file is kept (see `OpenReport::rebuilt`); or that a
    /// log damaged inside was copied before opening (`OpenReport::log_kept`).
    pub(super) fn say_what_opening_kept(&mut self, report: &crate::store::OpenReport) {
        let lang = self.shared.lang;
        if let Some(rebuilt) = &report.rebuilt {
            let path = rebuilt.from.display().to_string();
            self.error(lang.fill(T::DataRebuilt, &[("path", &path)]));
        } else if let (Some(why), Some(aside)) = (&report.rebuild_failed, &report.moved_aside) {
            let path = aside.display().to_string();
            self.error(lang.fill(T::RebuildFailed, &[("why", why), ("path", &path)]));
        } else if let Some(copy) = &report.log_kept {
            let path = copy.display().to_string();
            self.error(lang.fill(T::LogDamaged, &[("path", &path)]));
        }
    }

    /// Says where a log that was not the data file's own went (see `OpenReport::stray_log`).
    pub(super) fn stray_log(&mut self, moved: Option<&std::path::Path>) {
        if let Some(path) = moved {
            let text = self
                .shared
                .lang
                .fill(T::StrayLogMoved, &[("path", &path.display().to_string())]);
            self.error(text);
        }
    }

    /// A window that could not use its data folder tries again, when asked (`now`) or once a
    /// minute: a folder made writable, a stick plugged back in, the other copy closed. A folder
    /// another process holds (a backup at start-up) is tried every few seconds: a command is
    /// soon done, and a second start must not find the folder free before this window does.
    /// Opened, it goes on as a window that started well, and says so.
    pub(super) fn open_again(&mut self, ctx: &egui::Context, now: bool) {
        let Some(fatal) = &self.fatal else {
            return;
        };
        let every = if matches!(
            fatal,
            OpenError::AlreadyOpen { .. } | OpenError::HeldByCommand { .. }
        ) {
            super::HELD_LOOK_EVERY
        } else {
            super::FILE_LOOK_EVERY
        };
        let due = self.open_tried_at.is_none_or(|at| at.elapsed() >= every);
        if !(now || due) {
            ctx.request_repaint_after(every);
            return;
        }
        self.open_tried_at = Some(Instant::now());
        let paths = self.shared.paths.clone();
        if let Some(e) = not_to_be_made(&paths, self.shared.lang) {
            if now {
                self.error(e.message(self.shared.lang));
            }
            self.fatal = Some(e);
            ctx.request_repaint_after(every);
            return;
        }
        match Store::open_window(paths, Verify::Deferred) {
            Ok((store, report)) => {
                self.fatal = None;
                self.options.failed.store(false, Ordering::SeqCst);
                self.ok(self.shared.lang.t(T::DataFolderUsable).to_owned());
                // Holding the folder now, it says where it listens, as a window that started
                // with it does: `close`, the installer and a second start find it (they said
                // "no window is open", and a second start opened a second window).
                if let Err(e) = self.listen_late() {
                    eprintln!("poscare: a second start will not find this window ({e})");
                }
                self.take_opened(ctx, store, report);
            }
            Err(e) => {
                if now {
                    self.error(e.message(self.shared.lang));
                }
                self.fatal = Some(e);
                // The next try needs a frame: an untouched window has no other reason to draw
                // one (a fault tester's waited a minute after the backup that held it ended).
                ctx.request_repaint_after(every);
            }
        }
    }

    /// Once a minute, whether the data file is still under its name; deleted or replaced while
    /// open (Linux, macOS), the live data is written back there at once and the shop is told.
    pub(super) fn keep_file_in_place(&mut self) {
        if self
            .file_looked_at
            .is_some_and(|at| at.elapsed() < super::FILE_LOOK_EVERY)
        {
            return;
        }
        let lang = self.shared.lang;
        let put_back = match self.store() {
            Some(mut store) if !store.file_in_place() => Some(store.put_back()),
            Some(_) => None,
            // A job holds the store: look again at the next frame.
            None => return,
        };
        self.file_looked_at = Some(Instant::now());
        match put_back {
            Some(Ok(())) => self.error(lang.t(T::DataFilePutBack).to_owned()),
            Some(Err(e)) => self.error(lang.fill(T::ErrStorage, &[("detail", &e.message(lang))])),
            None => {}
        }
    }

    /// A window that could not write `window.port` at its start (a full disk) writes it once it
    /// can (see `StartOptions::listen_again`), trying every [`super::LISTEN_AGAIN_EVERY`] with a
    /// frame asked for each try (an untouched window draws none: a fault tester freed the disk
    /// and waited minutes). Meanwhile it listens in the temporary folder, as a lookup-only
    /// window does, and says so once: commands said "no window is open", a second start opened
    /// a second window, and `poscare close` closed that one and said the app had closed.
    pub(super) fn listen_again(&mut self, ctx: &egui::Context) {
        if !self.options.listen_again || self.late_listener.is_some() || self.fatal.is_some() {
            return;
        }
        let every = super::LISTEN_AGAIN_EVERY;
        if let Some(at) = self.listen_tried_at.filter(|at| at.elapsed() < every) {
            ctx.request_repaint_after(every.saturating_sub(at.elapsed()));
            return;
        }
        self.listen_tried_at = Some(Instant::now());
        match self.listen_late() {
            // (The note in the temporary folder goes with it; the window goes on.)
            Ok(()) => {
                if let Some(stand_in) = self.stand_in.take() {
                    stand_in.stand_down();
                }
            }
            Err(e) => {
                if self.stand_in.is_none() {
                    let dir = self.shared.paths.dir.clone();
                    let show = std::sync::Arc::clone(&self.options.show);
                    self.stand_in = crate::ui::instance::Listener::start_aside(&dir, show, None)
                        .inspect_err(|e| {
                            eprintln!("poscare: a second start will not find this window ({e})")
                        })
                        .ok();
                    let lang = self.shared.lang;
                    self.error(lang.fill(T::WindowPortUnwritten, &[("detail", &e)]));
                }
                ctx.request_repaint_after(every);
            }
        }
    }

    /// Listens for the data folder now that it holds it, unless it does already; the error
    /// when it cannot. A port file not this window's own was left by a window that was killed:
    /// it is written over, or commands wait for a window that is gone and the installer cannot
    /// close this one.
    fn listen_late(&mut self) -> Result<(), String> {
        let dir = self.shared.paths.dir.clone();
        if self.late_listener.is_some() || crate::ui::instance::listening_here(&dir) {
            return Ok(());
        }
        let show = std::sync::Arc::clone(&self.options.show);
        let listener =
            crate::ui::instance::Listener::start(&dir, show).map_err(|e| e.to_string())?;
        self.late_listener = Some(listener);
        Ok(())
    }

    /// The window is being closed (its ×, Alt+F4) while a job runs: a backup to a stick or a
    /// restore is finished first, as `poscare close` waits for it, and the window says so; it
    /// closes when the job is done. Closing it again closes it at once (a stick that hangs must
    /// not keep the window open; a half-written copy is cleaned up at the next start).
    pub(super) fn hold_close_for_job(&mut self, ctx: &egui::Context) {
        // (Hidden to the notification area instead, the job goes on there.)
        let hides = self.closes_to_tray();
        if self.job.is_none() || self.quitting || self.close_after_job || hides {
            return;
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.close_after_job = true;
            self.ok(self.shared.lang.t(T::ClosingAfterJob).to_owned());
        }
    }

    /// Whether closing the window hides it to the notification area (then nothing is lost and
    /// no job is cut off: the window goes on there).
    pub(super) fn closes_to_tray(&self) -> bool {
        self.reach.has_tray() && self.shared.reach.close_to_tray
    }

    /// The window is being closed (its ×, Alt+F4) with something typed and not saved (a device
    /// half filled in, a note for an incident not recorded): the closing waits for an answer,
    /// back to it or close anyway. Closing it again closes it. (Hidden to the notification
    /// area instead, nothing is lost; `poscare close` and the installer close at once.)
    pub(super) fn hold_close_for_typing(&mut self, ctx: &egui::Context) {
        let hides = self.closes_to_tray();
        if self.quitting || self.close_after_job || hides {
            return;
        }
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if self.unsaved_close.is_some() {
            self.quitting = true;
            return;
        }
        let unsaved = self.screens.unsaved();
        if !unsaved.is_empty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.unsaved_close = Some(unsaved);
        }
    }
}

/// Why the data folder of `paths` is not tried (made, then opened) again: no folder at all (no
/// home folder: an empty path is the working folder), or one whose parent is not there (a USB
/// stick not plugged in, see [`crate::store::DataPaths::parent_missing`]).
fn not_to_be_made(
    paths: &crate::store::DataPaths,
    lang: crate::i18n::Lang,
) -> Option<crate::store::OpenError> {
    let refused = |why: String| crate::store::OpenError::NoFolder {
        path: paths.dir.clone(),
        detail: crate::files::Cause::said(why),
    };
    if paths.dir.as_os_str().is_empty() {
        return Some(refused(lang.t(T::CliNoHome).to_owned()));
    }
    paths.parent_missing().then(|| {
        let path = paths.dir.display().to_string();
        refused(lang.fill(T::DataDirNoParent, &[("path", &path)]))
    })
}
