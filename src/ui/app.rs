//! The eframe application: navigation, the status line, the message line, the recovery and
//! start-up dialogs, and the background jobs.
//!
//! Screens draw from the shared read-only [`Context`] and push commands; after the frame's
//! layout the app hands each screen command back to its screen to apply (one store transaction)
//! and applies its own [`AppCommand`]s. After any write the shared data is read again, once.
//! The screens themselves are listed once, in `ui::command::screen_list`.

mod background;
mod reminding;
mod requests;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use egui::{RichText, Ui};

use crate::clock::ClockJudgement;
use crate::device::Device;
use crate::i18n::{Lang, T};
use crate::incident::Incident;
use crate::knowledge::Index;
use crate::planner::PlanSnapshot;
use crate::store::{BackupBy, DataPaths, OpenError, OpenReport, Recovery, Store, keys};
pub use crate::ui::command::{AppCommand, Focus, Outcome, Screen};
pub use crate::ui::context::ThemeChoice;
use crate::ui::context::{Apply, Context, Shared};
use crate::ui::dialogs;
use crate::ui::instance::ShowRequests;
use crate::ui::jobs::{Job, JobKind};
use crate::ui::lookup::LookupScreen;
use crate::ui::phrase_wrap::whole_muted;
use crate::ui::reach::Reach;
use crate::ui::renderer::RendererStart;
pub use crate::ui::screens::Command;
use crate::ui::screens::Screens;
use crate::ui::settings::{ZOOM_LEVELS, zoom_step};
use crate::ui::theme;
use crate::ui::toast::Toast;
use crate::ui::widgets::show_time;

/// What the app was started with: the opened data folder (or why it could not be opened).
pub struct Boot {
    /// The data folder.
    pub data_dir: PathBuf,
    /// The store, or the reason it could not be opened.
    pub opened: Result<(Store, OpenReport), OpenError>,
}

/// How the window was started.
#[derive(Clone)]
pub struct StartOptions {
    /// When the process started, for the first-frame time.
    pub started: Instant,
    /// Print the first-frame time and close after the first frame.
    pub exit_after_first_frame: bool,
    /// Use only the bundled font (tests), instead of the system fonts with the bundled one last.
    pub test_fonts: bool,
    /// Use the system's file dialogs (the window), or none (the tests).
    pub native_dialogs: bool,
    /// Put up a tray icon and show desktop notifications (the window), or record them (tests).
    pub native_reach: bool,
    /// Set when the app could not start (the process then exits non-zero).
    pub failed: Arc<AtomicBool>,
    /// The date to treat as today (tests); `None` follows the clock.
    pub today: Option<chrono::NaiveDate>,
    /// The renderer this start uses, why, and where that is kept (`ui/renderer.rs`).
    pub renderer: RendererStart,
    /// "Show the window" requests from later starts on the same data folder (`ui/instance.rs`).
    pub show: Arc<ShowRequests>,
    /// The window holds its data folder but could not say where it listens (`window.port` could
    /// not be written: a full disk): it tries again once a minute, so that commands, a second
    /// start and the installer find it once the disk has room.
    pub listen_again: bool,
}

/// The application.
pub struct App {
    /// What every screen reads, held once.
    shared: Shared,
    /// Every screen's own state.
    screens: Screens,
    screen: Screen,
    store: Option<Arc<Mutex<Store>>>,
    fatal: Option<OpenError>,
    recovery: Option<Recovery>,
    /// The clock is doubted and the merchant has not said whether today really is its day.
    clock: Option<ClockJudgement>,
    /// The clock's day when it was last judged: a doubted clock moved again is judged again
    /// (ahead, then behind the newest record, is asked about as behind).
    clock_judged_on: Option<chrono::NaiveDate>,
    /// The merchant said the clock is wrong: the question is not asked again this session.
    clock_kept: bool,
    /// The tray icon and the desktop notifications.
    reach: Reach,
    /// "Quit" was chosen: closing the window ends the app instead of hiding it.
    quitting: bool,
    /// The window was closed while a job ran: it closes when the job is done.
    close_after_job: bool,
    /// The window was closed with something typed and not saved on these screens: asked
    /// whether to go back to it or close anyway (closing it again closes it).
    unsaved_close: Option<Vec<Screen>>,
    /// The widget that had the keyboard last frame (to bring a newly focused one into view).
    last_focus: Option<egui::Id>,
    /// Input held back so that each focus change has a frame of its own.
    pacing: crate::ui::input_pacing::InputPacing,
    notice: Option<Toast>,
    /// The screen was just navigated to and has not been drawn since: it opens at its top.
    opened: bool,
    pending: Vec<Command>,
    job: Option<Job>,
    daily_backup_started: bool,
    /// Whether the quick check deferred from opening has been started.
    checked: bool,
    /// When to try the deferred check again after it could not run (an I/O error, a busy file).
    recheck_at: Option<Instant>,
    /// When the data file was last looked for under its name (see `keep_file_in_place`).
    file_looked_at: Option<Instant>,
    /// When a window that could not use its data folder last tried again (see `open_again`).
    open_tried_at: Option<Instant>,
    /// Where a window that got its data folder only later listens for a second start, `close`
    /// and the reading commands (a window that starts with it listens from `run_window`).
    late_listener: Option<crate::ui::instance::Listener>,
    /// Where a window that holds its data folder but cannot write `window.port` there (a full
    /// disk) listens meanwhile: beside the lookup-only windows' port files, in the temporary
    /// folder ([`crate::ui::instance::aside_file`]), so that a second start and `poscare close`
    /// find it. Dropped once `window.port` is written.
    stand_in: Option<crate::ui::instance::Listener>,
    /// When such a window last tried to write `window.port` (see `listen_again`).
    listen_tried_at: Option<Instant>,
    /// When reading the records for the screens last failed (they are read again a minute
    /// later, and by "Try again"); `None` once they read.
    unread_since: Option<Instant>,
    frames: u64,
    /// The room left on the data folder's disk, warned about when low.
    room: crate::ui::room::RoomWatch,
    /// Focus once more on the frame after a "show" request (see [`App::bring_to_front`]).
    focus_again: bool,
    /// When the mouse or keyboard last did something (the text cursor blinks only for a while
    /// after it).
    last_input: Instant,
    options: StartOptions,
}

impl App {
    /// Builds the app on an opened (or failed) data folder.
    pub fn new(cc: &eframe::CreationContext<'_>, boot: Boot, options: StartOptions) -> Self {
        let ctx = &cc.egui_ctx;
        if options.test_fonts {
            theme::install_test_fonts(ctx);
        } else {
            theme::install_app_fonts(ctx);
        }
        theme::apply_style(ctx);
        let mut app = App {
            shared: Shared::new(DataPaths::new(boot.data_dir), options.native_dialogs),
            screens: Screens::default(),
            screen: Screen::default(),
            store: None,
            fatal: None,
            recovery: None,
            clock: None,
            clock_judged_on: None,
            clock_kept: false,
            reach: if options.native_reach {
                Reach::native(crate::i18n::Lang::from_os())
            } else {
                Reach::recording()
            },
            quitting: false,
            close_after_job: false,
            unsaved_close: None,
            last_focus: None,
            pacing: Default::default(),
            notice: None,
            opened: false,
            pending: Vec::new(),
            job: None,
            daily_backup_started: false,
            checked: false,
            recheck_at: None,
            file_looked_at: None,
            open_tried_at: None,
            late_listener: None,
            stand_in: None,
            listen_tried_at: None,
            unread_since: None,
            frames: 0,
            room: Default::default(),
            focus_again: false,
            last_input: Instant::now(),
            options,
        };
        match boot.opened {
            Ok((store, report)) => app.take_opened(ctx, store, report),
            Err(e) => {
                app.options.failed.store(true, Ordering::SeqCst);
                app.fatal = Some(e);
                // Looking up a prompt needs nothing written: the cashier still gets answers.
                app.shared.read_for_lookup_only();
                app.go(Screen::Lookup, Some(&Focus::LookupBox));
            }
        }
        ctx.set_theme(app.shared.theme.preference());
        ctx.set_zoom_factor(app.shared.zoom as f32 / 100.0);
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        if let Some(message) = app.options.renderer.choice.start_message(app.shared.lang) {
            app.error(message);
        }
        app.options.show.attach(ctx);
        app
    }

    /// The renderer this start uses, and what is kept about it.
    pub fn renderer(&self) -> &RendererStart {
        &self.options.renderer
    }

    /// The message shown at the top of the screen, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    /// The screens whose unsaved typing held the window's closing, while that is asked about.
    pub fn unsaved_close(&self) -> Option<&[Screen]> {
        self.unsaved_close.as_deref()
    }

    /// Whether the window was closed while a job ran and closes when it is done.
    pub fn closing_after_job(&self) -> bool {
        self.close_after_job
    }

    /// Whether the window is closing for good (not hiding to the notification area).
    pub fn quitting(&self) -> bool {
        self.quitting
    }

    /// The current language.
    pub fn lang(&self) -> Lang {
        self.shared.lang
    }

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The shop's name as the screens use it (call sheets, reports).
    pub fn shop_name(&self) -> &str {
        &self.shared.shop_name
    }

    /// The device registry, retired devices too.
    pub fn devices(&self) -> &[Device] {
        &self.shared.devices
    }

    /// The lookup screen.
    pub fn lookup(&self) -> &LookupScreen {
        &self.screens.lookup
    }

    /// The History screen.
    pub fn history(&self) -> &crate::ui::history::HistoryScreen {
        &self.screens.history
    }

    /// The Insights screen.
    pub fn insights(&self) -> &crate::ui::insights::InsightsScreen {
        &self.screens.insights
    }

    /// Today's warnings, acknowledged ones marked.
    pub fn warnings(&self) -> &[crate::insights::Warning] {
        &self.shared.warnings
    }

    /// The searchable knowledge base (empty until its start-up build arrives; see [`App::busy`]).
    pub fn index(&self) -> &Index {
        &self.shared.index
    }

    /// The planner's records and today's agenda.
    pub fn plan(&self) -> &PlanSnapshot {
        &self.shared.plan
    }

    /// Recent incidents, open first.
    pub fn incidents(&self) -> &[Incident] {
        &self.shared.incidents
    }

    /// The day the app treats as today: the clock's, or while the clock is doubted and the
    /// merchant has not confirmed it, the newest trustworthy day.
    pub fn today(&self) -> chrono::NaiveDate {
        match self.clock {
            Some(judgement) => judgement.trusted_now(self.clock_now()).date(),
            None => self.clock_now().date(),
        }
    }

    /// Now, on the day the app treats as today, to the second.
    fn now(&self) -> chrono::NaiveDateTime {
        let time = chrono::Local::now().time();
        let time = chrono::Timelike::with_nanosecond(&time, 0).unwrap_or(time);
        self.today().and_time(time)
    }

    /// What the clock says (on the day tests give, if they give one).
    fn clock_now(&self) -> chrono::NaiveDateTime {
        let now = chrono::Local::now().naive_local();
        let now = chrono::Timelike::with_nanosecond(&now, 0).unwrap_or(now);
        match self.options.today {
            Some(day) => day.and_time(now.time()),
            None => now,
        }
    }

    /// The doubt about the clock the merchant has not answered yet, if any.
    pub fn clock_doubt(&self) -> Option<ClockJudgement> {
        self.clock
    }

    /// Whether the clock's question waits for an answer: the daily backup waits for it too, or
    /// a copy named by a clock a year ahead is on the list before anyone could say so.
    fn clock_unanswered(&self) -> bool {
        self.clock.is_some() && !self.clock_kept
    }

    /// Moves the clock the app reads to `day` while it runs (tests: a clock changed under an
    /// open window).
    #[cfg(feature = "testing")]
    pub fn move_clock_to(&mut self, day: chrono::NaiveDate) {
        self.options.today = Some(day);
    }

    /// Judges the clock against what the data folder has seen (its newest record, its files:
    /// the daily backup dates each start): a doubted clock is asked about before anything is
    /// written for the missing days. Judging writes nothing.
    fn judge_clock(&mut self) {
        let now = self.clock_now();
        self.clock_judged_on = Some(now.date());
        let judged = self
            .store()
            .map(|store| store.judge_clock(&self.shared.paths, now));
        match judged {
            Some(Ok(judgement)) if judgement.doubted() => self.clock = Some(judgement),
            Some(Ok(_)) | None => self.clock = None,
            Some(Err(e)) => self.error(self.shared.read_failed(&e)),
        }
        self.bound_stamps();
    }

    /// While the clock is doubted, nothing written is dated past the newest trustworthy time:
    /// not after it when the clock is ahead (a clock a year ahead would date every record next
    /// year, for good), not before it when it is behind (a record dated last year is found by
    /// no filter of this month, no count and no warning).
    fn bound_stamps(&self) {
        use crate::clock::ClockJudgement::{Ahead, Behind};
        use crate::store::StampBound::{NotAfter, NotBefore};
        let bound = match self.clock {
            Some(Ahead { latest }) => Some(NotAfter(latest)),
            Some(Behind { latest }) => Some(NotBefore(latest)),
            _ => None,
        };
        crate::store::bound_stamps(bound);
    }

    /// Whether background work is under way or still to start: a job (check, backup, restore),
    /// the index build, an export, or the start-up check and daily backup that begin after the
    /// first frame (unless a check that could not run waits a minute to try again).
    pub fn busy(&self) -> bool {
        let startup_pending = self.store.is_some()
            && self.recovery.is_none()
            && self.recheck_at.is_none()
            && !(self.checked && (self.daily_backup_started || self.clock_unanswered()));
        self.job.is_some() || self.shared.building_index() || self.screens.busy() || startup_pending
    }

    /// Queues a command as a click would (for tests and scripted use).
    pub fn push_command(&mut self, command: Command) {
        self.pending.push(command);
    }

    /// The store, unless a background job holds it.
    fn store(&self) -> Option<MutexGuard<'_, Store>> {
        store_now(&self.store, &self.job)
    }

    /// Reads the settings the window follows, and applies theme and zoom.
    fn load_settings(&mut self, ctx: &egui::Context) {
        if let Some(store) = store_now(&self.store, &self.job) {
            self.shared.read_settings(&store);
        }
        ctx.set_theme(self.shared.theme.preference());
        ctx.set_zoom_factor(self.shared.zoom as f32 / 100.0);
    }

    /// Reads again everything the screens show: the shared data, the backups, and what each
    /// screen keeps of its own.
    fn reload(&mut self) {
        let today = self.today();
        let Some(mut store) = store_now(&self.store, &self.job) else {
            return;
        };
        // The settings a screen may have changed (the reminders', the shop's name).
        self.shared.read_settings(&store);
        let shared = self.shared.reload(&mut store, today);
        self.shared.reload_backups(&store);
        let screens = self.screens.reload(&store, self.shared.lang);
        drop(store);
        // Records that could not be read are said on Today (never an empty shop and its set-up
        // steps), and read again a minute later.
        self.shared.unread = shared.as_ref().err().map(|e| e.message(self.shared.lang));
        self.unread_since = self.shared.unread.as_ref().map(|_| Instant::now());
        if let Err(e) = shared {
            self.error(self.shared.read_failed(&e));
        } else if let Err(message) = screens {
            self.error(message);
        }
    }

    /// Reads the records for the screens again now, as after a change (tests).
    #[cfg(feature = "testing")]
    pub fn read_now(&mut self) {
        self.reload();
    }

    /// Reads the records again a minute after reading them failed (a stick's bad moment, a
    /// share that came back).
    fn read_again(&mut self, ctx: &egui::Context) {
        if let Some(since) = self.unread_since {
            if since.elapsed() >= RECHECK_AFTER {
                self.reload();
            } else {
                ctx.request_repaint_after(RECHECK_AFTER);
            }
        }
    }

    /// Reads the plan of today again (the date rolled over, or a backup completed tasks).
    fn reload_plan(&mut self) {
        let today = self.today();
        let result =
            store_now(&self.store, &self.job).map(|mut s| self.shared.reload_plan(&mut s, today));
        if let Some(Err(e)) = result {
            self.error(self.shared.read_failed(&e));
        }
    }

    fn error(&mut self, text: String) {
        // A save refused may be a disk that filled since the last reading.
        self.room.read_again();
        self.notice = Some(Toast::new(text, false));
    }

    fn ok(&mut self, text: String) {
        self.notice = Some(Toast::new(text, true));
    }

    /// Shows how a command ended, and reads again what it may have changed.
    fn report(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Nothing => {}
            Outcome::Changed => self.reload(),
            Outcome::Done(text) => {
                self.reload();
                self.ok(text);
            }
            Outcome::Failed(text) => self.error(text),
        }
    }

    /// Applies the queued commands, unless a background job holds the store (then they wait).
    fn apply_commands(&mut self, ctx: &egui::Context) {
        if self.job.is_some() && self.pending.iter().any(needs_store) {
            return;
        }
        for command in std::mem::take(&mut self.pending) {
            match command {
                Command::App(command) => self.apply_app(ctx, command),
                command => {
                    let (today, now) = (self.today(), self.now());
                    let Some(mut store) = store_now(&self.store, &self.job) else {
                        // (The data folder could not be opened: the lookup still answers,
                        // and what it would record is said to be unrecorded.)
                        if let Some(error) = &self.fatal {
                            let reason = dialogs::fatal_message(self.shared.lang, error);
                            self.error(
                                self.shared
                                    .lang
                                    .fill(T::NotRecordedWithoutData, &[("reason", &reason)]),
                            );
                        }
                        continue;
                    };
                    let mut ax = Apply {
                        store: &mut store,
                        lang: self.shared.lang,
                        today,
                        now,
                        shared: &self.shared,
                    };
                    let outcome = self.screens.apply(command, &mut ax);
                    drop(store);
                    self.report(outcome);
                }
            }
        }
    }

    /// Stores one of the window's own settings.
    /// Ctrl+"+", Ctrl+"=" and Ctrl+"-" (Cmd on a Mac) step through the sizes Settings offers and
    /// Ctrl+0 goes back to 100 %, remembered as if chosen there (egui's own keys are off: they
    /// zoomed in tenths that Settings neither showed nor kept).
    fn zoom_keys(&mut self, ctx: &egui::Context) {
        use egui::gui_zoom::kb_shortcuts::{ZOOM_IN, ZOOM_IN_SECONDARY, ZOOM_OUT, ZOOM_RESET};
        let zoom = ctx.input_mut(|i| {
            if i.consume_shortcut(&ZOOM_RESET) {
                Some(ZOOM_LEVELS[0])
            } else if i.consume_shortcut(&ZOOM_IN) || i.consume_shortcut(&ZOOM_IN_SECONDARY) {
                Some(zoom_step(self.shared.zoom, true))
            } else if i.consume_shortcut(&ZOOM_OUT) {
                Some(zoom_step(self.shared.zoom, false))
            } else {
                None
            }
        });
        if let Some(zoom) = zoom.filter(|&z| z != self.shared.zoom) {
            self.apply_app(ctx, AppCommand::SetZoom(zoom));
        }
    }

    /// Saves a setting; `false` when the data folder refused it (said so: "nothing was
    /// changed", and the caller then changes nothing on screen either).
    fn save_setting(&mut self, key: &str, value: &str) -> bool {
        let result = self.store().map(|mut s| s.set_setting(key, value));
        if let Some(Err(e)) = result {
            self.report(Outcome::failed_write(&e, self.shared.lang));
            return false;
        }
        true
    }

    fn apply_app(&mut self, ctx: &egui::Context, command: AppCommand) {
        let lang = self.shared.lang;
        match command {
            AppCommand::Go(screen, focus) => self.go(screen, focus.as_ref()),
            AppCommand::SetLanguage(l) => {
                // A confirmation already shown was said in the old language and is done with;
                // an error stays until it is closed (what went wrong still stands).
                if self.notice.as_ref().is_some_and(|n| n.ok) && l != self.shared.lang {
                    self.notice = None;
                }
                // (Each setting is saved first: one the data folder refused, on a full disk, is
                // not shown either. A zoom shown but not kept had the window's size, which is kept
                // in points, saved for it: every later start opened smaller.)
                if self.save_setting(keys::LANGUAGE, l.code()) {
                    self.shared.lang = l;
                    // The starter plan's tasks, modules and emergency plans read in the new
                    // language.
                    self.reload();
                }
            }
            AppCommand::SetTheme(choice) => {
                if self.save_setting(keys::THEME, choice.code()) {
                    self.shared.theme = choice;
                    ctx.set_theme(choice.preference());
                }
            }
            AppCommand::SetZoom(zoom) => {
                let zoom = zoom.clamp(100, 200);
                if self.save_setting(keys::ZOOM, &zoom.to_string()) {
                    self.shared.zoom = zoom;
                    ctx.set_zoom_factor(zoom as f32 / 100.0);
                }
            }
            AppCommand::SetRenderer(setting) => {
                self.options.renderer.state.choose(setting);
                self.save_renderer();
            }
            AppCommand::RetryRenderer => {
                self.options.renderer.state.failed = None;
                self.save_renderer();
            }
            AppCommand::BackupNow(folder) => {
                let by = BackupBy {
                    at: self.now(),
                    done_by: self.shared.plan.current_staff,
                    lang: self.shared.lang,
                };
                self.start_job(ctx, JobKind::Manual(folder, by));
            }
            AppCommand::Restore(file, described) => {
                self.start_job(ctx, JobKind::Restore(file, described))
            }
            AppCommand::VerifyBackups => {
                let files = self.shared.backups.files.iter();
                let files = files.map(|(b, _)| b.path.clone()).collect();
                self.start_job(ctx, JobKind::Verify(files));
            }
            AppCommand::Open(path) => {
                if let Err(e) = open_with_system(&path) {
                    self.error(lang.fill(T::OpenFolderFailed, &[("detail", &e.to_string())]));
                }
            }
            AppCommand::DismissRecovery => {
                let result = self.store().map(|mut s| s.recovery_dealt_with());
                if let Some(Err(e)) = result {
                    self.report(Outcome::failed_write(&e, lang));
                }
                self.recovery = None;
            }
            AppCommand::Copy { text, done } => {
                ctx.copy_text(text);
                self.ok(lang.t(done).to_owned());
            }
            AppCommand::ReadAgain => self.reload(),
            AppCommand::ConfirmClock => {
                let now = self.clock_now();
                let result = self.store().map(|mut s| s.confirm_clock(now));
                if let Some(Err(e)) = result {
                    self.report(Outcome::failed_write(&e, lang));
                    return;
                }
                let behind = matches!(
                    self.clock,
                    Some(crate::clock::ClockJudgement::Behind { .. })
                );
                self.clock = None;
                self.bound_stamps();
                self.reload();
                // Confirmed behind the newest record: what was written after today is said,
                // with the way back (a year of checks recorded missed under a clock a year ahead
                // stood there unnoticed).
                let ahead = if behind {
                    self.store().map(|s| s.records_after(now))
                } else {
                    None
                };
                match ahead {
                    Some(Ok(0)) | None => {}
                    Some(Ok(n)) => self
                        .error(lang.fill(T::ClockConfirmedRecordsAhead, &[("n", &n.to_string())])),
                    Some(Err(e)) => self.error(self.shared.read_failed(&e)),
                }
            }
            AppCommand::KeepTrustedDay => {
                // Nothing is written for the days the clock skips; the window goes on with the
                // last trustworthy day until the clock is corrected and the app restarted.
                self.clock_kept = true;
            }
        }
    }

    /// Shows `screen`, with `focus` in view there.
    fn go(&mut self, screen: Screen, focus: Option<&Focus>) {
        self.screen = screen;
        self.opened = true;
        self.notice = None;
        self.screens.shown(screen, focus);
        if screen == Screen::Backups
            && let Some(store) = store_now(&self.store, &self.job)
        {
            // Files may have come or gone outside the app (copied in, cleaned up).
            self.shared.reload_backups(&store);
        }
    }

    /// Writes the renderer's state after a change in Settings and says how it went.
    fn save_renderer(&mut self) {
        let lang = self.shared.lang;
        match self.options.renderer.save() {
            Ok(()) => self.ok(lang.t(T::RendererSaved).to_owned()),
            Err(e) => self.error(lang.fill(T::ErrStorage, &[("detail", &e.message(lang))])),
        }
    }

    /// Once the first frame is drawn: the start is over, so a later start will not take it for
    /// one that ended inside the renderer.
    fn first_frame_drawn(&mut self) {
        let renderer = self.options.renderer.choice.renderer;
        if self.options.renderer.state.first_frame(renderer)
            && let Err(e) = self.options.renderer.save()
        {
            eprintln!(
                "poscare: could not note that the window started: {}",
                e.message(Lang::En)
            );
        }
    }

    /// Another start on this data folder asked to see the window: un-minimise it, show it and
    /// give it the focus (twice: Windows ignores a focus request for a window that is still
    /// minimised, and un-minimising takes effect after this frame).
    fn bring_to_front(&mut self, ctx: &egui::Context) {
        if self.options.show.take() {
            eprintln!("poscare: another start asked for this window; bringing it to the front");
            // Left to look up prompts, it tries its folder again now: the start that asked
            // found it free, and gave way.
            self.open_tried_at = None;
            ctx.send_viewport_cmd(egui::ViewportCommand::Visible(true));
            ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
            self.focus_again = true;
            ctx.request_repaint_after(Duration::from_millis(100));
        } else if std::mem::take(&mut self.focus_again) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
        }
    }

    /// The text cursor blinks for a few seconds after the last input, then stays lit: a focused
    /// search box (where Ctrl+K leaves the cashier all day) must not repaint twice a second.
    fn cursor_blink(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| !i.events.is_empty() || i.pointer.is_moving()) {
            self.last_input = Instant::now();
        }
        let idle = self.last_input.elapsed();
        let blink = cursor_blinks(idle);
        if ctx.global_style().visuals.text_cursor.blink != blink {
            ctx.all_styles_mut(|s| s.visuals.text_cursor.blink = blink);
        }
        if blink {
            ctx.request_repaint_after(CURSOR_BLINK_FOR.saturating_sub(idle));
        }
    }

    fn nav_ui(&mut self, ui: &mut Ui) {
        let lang = self.shared.lang;
        let width = if ui.ctx().content_rect().width() < 1000.0 {
            // Narrow, but never so narrow that a screen's name breaks inside a word
            // ("Emergenc/y" at 200 %).
            let widest = Screen::ALL
                .iter()
                .map(|s| {
                    let text = lang.t(s.label());
                    let font = egui::FontId::proportional(NAV_TEXT_SIZE);
                    let colour = egui::Color32::PLACEHOLDER;
                    ui.painter()
                        .layout_no_wrap(text.to_owned(), font, colour)
                        .size()
                        .x
                })
                .fold(0.0, f32::max);
            NAV_WIDTH_NARROW.max(widest + NAV_LABEL_ROOM)
        } else {
            NAV_WIDTH
        };
        egui::Panel::left("nav")
            .resizable(false)
            .exact_size(width)
            .show(ui, |ui| {
                // On a low window (150 % on a 768-pixel screen) every screen's name must still
                // be in view: the app's name gives way and the buttons close up.
                let count = Screen::ALL.len() as f32;
                let gap = ui.spacing().item_spacing.y;
                let room = ui.available_height();
                let roomy = room >= count * (NAV_BUTTON + gap) + 60.0;
                let height = if roomy {
                    NAV_BUTTON
                } else {
                    (room / count - gap - 1.0).clamp(NAV_TEXT_SIZE + 6.0, NAV_BUTTON)
                };
                // Scrolls when even that is not enough, so no screen is out of reach.
                egui::ScrollArea::vertical()
                    .id_salt("nav")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if roomy {
                            ui.add_space(10.0);
                            ui.label(RichText::new(lang.t(T::AppName)).strong().size(17.0));
                            ui.add_space(12.0);
                        } else {
                            ui.spacing_mut().button_padding.y = 2.0;
                            ui.spacing_mut().item_spacing.y = 2.0;
                        }
                        for &screen in Screen::ALL {
                            let selected = self.screen == screen;
                            let button = egui::Button::selectable(
                                selected,
                                RichText::new(lang.t(screen.label())).size(NAV_TEXT_SIZE),
                            )
                            .min_size(egui::vec2(ui.available_width(), height));
                            if ui.add(button).clicked() && !selected {
                                self.pending
                                    .push(Command::App(AppCommand::Go(screen, None)));
                            }
                        }
                    });
            });
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        let lang = self.shared.lang;
        // Which backup is which: the automatic one on this PC, and the one that survives the
        // PC (what Today's reminder is about); the folder is in Settings too.
        // (Backup files are named by the PC's clock, whatever day the app is given; while the
        // clock is doubted, by the latest time the app has seen if that is later: a clock
        // behind made today's real backup look named in the future, "no backup yet".)
        let now = crate::ui::context::naming_now(self.clock, chrono::Local::now().naive_local());
        let backups = &self.shared.backups;
        // (Only backups named later than the clock, a clock a little behind them: those are
        // there, said as later, not "no backup yet".)
        let later = backups.files.first().map(|(b, _)| b.taken);
        let auto = match (backups.last_auto(now), later) {
            (Some(when), _) => lang.fill(T::StatusLastAuto, &[("when", &show_time(when))]),
            (None, Some(when)) => lang.fill(T::StatusLastAutoLater, &[("when", &show_time(when))]),
            (None, None) => lang.t(T::StatusNoAuto).to_owned(),
        };
        let outside = match backups.last_external.map(show_time) {
            Some(when) => lang.fill(T::StatusLastOutside, &[("when", &when)]),
            None => lang.t(T::StatusNoOutside).to_owned(),
        };
        let dir = self.shared.paths.dir.display().to_string();
        let folder = lang.fill(T::StatusDataFolder, &[("path", &dir)]);
        let busy = self.job.is_some().then(|| lang.t(T::StatusBusy).to_owned());
        egui::Panel::bottom("status").show(ui, |ui| {
            let text_width = |ui: &Ui, text: &str| {
                ui.painter()
                    .layout_no_wrap(
                        text.to_owned(),
                        egui::TextStyle::Body.resolve(ui.style()),
                        egui::Color32::PLACEHOLDER,
                    )
                    .size()
                    .x
            };
            let room = ui.available_width();
            let gap = 24.0;
            let backups_width = text_width(ui, &auto) + gap + text_width(ui, &outside);
            ui.horizontal(|ui| {
                if backups_width + gap + text_width(ui, &folder) <= room {
                    whole_muted(ui, &folder);
                    ui.separator();
                }
                if backups_width <= room {
                    whole_muted(ui, &auto);
                    ui.separator();
                    whole_muted(ui, &outside);
                } else {
                    // Short of room (a small till, the zoom turned up): one line, whole on hover.
                    let compact = compact_status(lang, backups, now);
                    let details = [folder.as_str(), auto.as_str(), outside.as_str()].join("\n");
                    ui.add(
                        egui::Label::new(
                            RichText::new(compact).color(crate::ui::theme::palette(ui).muted),
                        )
                        .truncate(),
                    )
                    .on_hover_text(details);
                }
                if let Some(busy) = &busy {
                    ui.separator();
                    whole_muted(ui, busy);
                }
            });
        });
    }

    /// The question about a doubted clock, over everything until it is answered (after any
    /// offer to restore, which comes first).
    fn clock_ui(&mut self, ctx: &egui::Context) {
        if self.recovery.is_some() {
            return;
        }
        if let Some(judgement) = self.clock
            && !self.clock_kept
            && let Some(command) =
                dialogs::clock(ctx, self.shared.lang, judgement, self.clock_now())
        {
            self.pending.push(Command::App(command));
        }
    }

    /// Something typed and not saved when the window was closed: back to it, or close anyway.
    fn unsaved_ui(&mut self, ctx: &egui::Context) {
        let Some(screens) = &self.unsaved_close else {
            return;
        };
        match dialogs::unsaved(ctx, self.shared.lang, screens) {
            Some(true) => {
                let first = screens[0];
                self.unsaved_close = None;
                self.go(first, Some(&Focus::Unsaved));
            }
            Some(false) => {
                self.quitting = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            None => {}
        }
    }

    /// The offer to restore after a loss, over everything until it is answered.
    fn recovery_ui(&mut self, ctx: &egui::Context) {
        if let Some(recovery) = &self.recovery
            && let Some(command) = dialogs::recovery(ctx, self.shared.lang, recovery)
        {
            self.pending.push(Command::App(command));
        }
    }

    fn central_ui(&mut self, ui: &mut Ui) {
        let lang = self.shared.lang;
        let (today, now, job) = (self.shared.plan.today, self.now(), self.job_shown());
        let screen = self.screen;
        let opened = std::mem::take(&mut self.opened);
        egui::CentralPanel::default().show(ui, |ui| {
            let cx = Context {
                lang,
                today,
                now,
                shared: &self.shared,
                store: self.store.as_ref(),
                job,
                renderer: &self.options.renderer,
                opened,
            };
            let (screens, pending) = (&mut self.screens, &mut self.pending);
            let min_width = Screens::min_width(screen);
            // Each screen's widgets (its scroll areas above all) have ids of their own, so no
            // screen opens scrolled as far as the one before it.
            ui.push_id(screen, |ui| {
                if ui.available_width() >= min_width {
                    screens.ui(screen, ui, &cx, pending);
                } else {
                    // A narrow window (a small till, or the zoom turned up): the screen keeps the
                    // width it needs and scrolls sideways, rather than drawing widgets over
                    // others.
                    cx.from_top(egui::ScrollArea::horizontal())
                        .id_salt("narrow")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            ui.set_width(min_width);
                            screens.ui(screen, ui, &cx, pending);
                        });
                }
            });
        });
        if let Some(notice) = &self.notice
            && (notice.expired() || notice.show(ui.ctx(), lang))
        {
            self.notice = None;
        }
    }
}

/// The height of a navigation button (points), where there is room.
const NAV_BUTTON: f32 = 40.0;

/// The navigation's width (points), and its width on a narrow window.
const NAV_WIDTH: f32 = 170.0;
const NAV_WIDTH_NARROW: f32 = 128.0;

/// The size of the navigation's screen names (points).
const NAV_TEXT_SIZE: f32 = 18.0;

/// Room beside a screen's name in the navigation: the button's padding, the panel's margins
/// and the scroll bar (points).
const NAV_LABEL_ROOM: f32 = 44.0;

/// The store, locked for the UI thread. While a background job (check, backup, restore) may hold
/// it for long, `None` rather than a frozen window: commands that need the store wait for the job
/// in `apply_commands`. Otherwise its only other holders are brief (an export reading one chunk),
/// so this waits for them instead of dropping a click. Takes the fields, not `&App`, so the
/// shared data and the screens can be borrowed beside the guard.
fn store_now<'a>(
    store: &'a Option<Arc<Mutex<Store>>>,
    job: &Option<Job>,
) -> Option<MutexGuard<'a, Store>> {
    let store = store.as_ref()?;
    match job {
        Some(_) => store.try_lock().ok(),
        None => Some(crate::ui::jobs::lock(store)),
    }
}

/// How long the text cursor blinks after the last input.
const CURSOR_BLINK_FOR: Duration = Duration::from_secs(5);

/// Whether the text cursor blinks, `idle` after the last input.
fn cursor_blinks(idle: Duration) -> bool {
    idle < CURSOR_BLINK_FOR
}

/// How long to wait before checking the data file again after a check could not run.
const RECHECK_AFTER: Duration = Duration::from_secs(60);
/// How often the window looks whether its data file is still under its name.
const FILE_LOOK_EVERY: Duration = Duration::from_secs(60);

/// How often a window left to look up prompts tries again a folder another process holds.
const HELD_LOOK_EVERY: Duration = Duration::from_secs(2);

/// How often a window that could not write `window.port` tries again (see `listen_again`).
pub const LISTEN_AGAIN_EVERY: Duration = Duration::from_secs(2);

/// Whether a command needs the store (and so waits while a backup holds it).
fn needs_store(command: &Command) -> bool {
    !matches!(
        command,
        Command::App(
            AppCommand::Go(..)
                | AppCommand::SetRenderer(_)
                | AppCommand::RetryRenderer
                | AppCommand::Open(_)
                | AppCommand::Copy { .. }
        )
    )
}

/// Opens `path` as the system does on a double click: a folder in the file manager, a page in
/// the browser.
fn open_with_system(path: &Path) -> std::io::Result<()> {
    let program = if cfg!(windows) {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(path)
        .spawn()
        .map(|_| ())
}

impl App {
    /// Tab may move the keyboard to a field or button below the fold: the widget that just got
    /// the keyboard is scrolled into view when it was not wholly in view. (Asked as a screen
    /// reader would, with a "scroll into view" request the widget answers where it is drawn:
    /// only there does its own scroll area take the request.)
    fn follow_focus(&mut self, ctx: &egui::Context) {
        let focused = ctx.memory(|m| m.focused());
        if focused == self.last_focus {
            return;
        }
        self.last_focus = focused;
        let Some(response) = focused.and_then(|id| ctx.read_response(id)) else {
            return;
        };
        if response.interact_rect.contains_rect(response.rect) {
            return;
        }
        let request = egui::accesskit::ActionRequest {
            action: egui::accesskit::Action::ScrollIntoView,
            target_tree: egui::accesskit::TreeId::ROOT,
            target_node: response.id.accesskit_id(),
            data: None,
        };
        ctx.input_mut(|i| i.events.push(egui::Event::AccessKitActionRequest(request)));
    }
}

impl eframe::App for App {
    /// Typing before a Tab or a click stays in its field, typing after it goes to the next one.
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.pacing.pace(raw_input) {
            ctx.request_repaint();
        }
    }

    /// eframe keeps only the window's size and place (`ui::WINDOW_FILE`); the app's own settings
    /// are in the database, and egui's memory (scroll positions, open sections) is not kept.
    fn persist_egui_memory(&self) -> bool {
        false
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.bring_to_front(ctx);
        self.serve_requests(ctx);
        self.cursor_blink(ctx);
        self.poll_job(ctx);
        // The date rolls over at midnight while the window stays open: a timer repaint at most
        // once a minute (no busy loop), and a fresh agenda when the day has changed.
        // A doubted clock moved again (the question stands, with the old reason): judged again.
        if self.clock.is_some()
            && self.store.is_some()
            && self.job.is_none()
            && self.clock_judged_on != Some(self.clock_now().date())
        {
            self.judge_clock();
        }
        if self.store.is_some() && self.today() != self.shared.plan.today && self.job.is_none() {
            // A new day, or a clock moved while the window was open: judged again before
            // anything is written for the new day (a year ahead is asked about, as at a start,
            // and writes no year of missed checks).
            if self.clock.is_none() {
                self.judge_clock();
            }
            if self.today() != self.shared.plan.today {
                self.reload_plan();
            }
        }
        ctx.request_repaint_after(Duration::from_secs(60));
        // The index built at start-up arrives; the lookup searches again when it sees it.
        if !self.shared.poll_index() && self.shared.building_index() {
            ctx.request_repaint_after(Duration::from_millis(20));
        }
        if self.frames == 1 {
            self.first_frame_drawn();
        }
        if self.frames >= 1 && self.options.exit_after_first_frame {
            eprintln!(
                "first frame: {} ms",
                self.options.started.elapsed().as_millis()
            );
            if let Some(memory) = crate::ui::memory_report() {
                eprintln!("{memory}");
            }
            self.options.exit_after_first_frame = false;
            // Closing for real: never hidden to the notification area instead.
            self.quitting = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.start_up_jobs(ctx);
        self.open_again(ctx, false);
        self.read_again(ctx);
        self.keep_file_in_place();
        self.listen_again(ctx);
        if self.store.is_some() {
            self.room.tick(&self.shared.paths.dir);
        }
        self.hold_close_for_job(ctx);
        self.hold_close_for_typing(ctx);
        self.reach_tick(ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(error) = &self.fatal {
            if dialogs::fatal(ui, self.shared.lang, error) {
                self.open_again(&ctx, true);
            }
            self.follow_focus(&ctx);
            self.central_ui(ui);
            self.apply_commands(&ctx);
        } else {
            // Ctrl+K (Cmd+K on a Mac) jumps to the lookup box from anywhere.
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::K)) {
                self.go(Screen::Lookup, Some(&Focus::LookupBox));
            }
            // Ctrl+Enter records on the lookup screen from anywhere on it: taken before the
            // navigation is drawn, where a button with the keyboard's focus would take the Enter
            // as its own click (a walk's Ctrl+Enter opened the emergency plans).
            if self.screen == Screen::Lookup
                && ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter))
            {
                self.screens.lookup.record_shortcut();
            }
            // Alt+1, Alt+2 …: a terminal chosen from the keyboard, taken (with the digit the
            // key would also type) before the search box sees it: "A1" became "A11".
            if self.screen == Screen::Lookup {
                self.screens.lookup.keyboard_choice(&ctx);
            }
            self.zoom_keys(&ctx);
            self.follow_focus(&ctx);
            self.room.ui(ui, self.shared.lang, &self.shared.paths.dir);
            self.nav_ui(ui);
            self.status_ui(ui);
            self.central_ui(ui);
            self.recovery_ui(&ctx);
            self.clock_ui(&ctx);
            self.unsaved_ui(&ctx);
            self.screens.overlay(&ctx, self.shared.lang);
            self.apply_commands(&ctx);
        }
        if self.frames == 0 {
            ctx.request_repaint();
        }
        self.frames += 1;
    }
}

/// The backups in one short line, for a status line short of room: "备份：本机 12-05 00:15 ·
/// U 盘 还没有".
fn compact_status(
    lang: Lang,
    backups: &crate::ui::context::BackupStatus,
    now: chrono::NaiveDateTime,
) -> String {
    let short = |t: chrono::NaiveDateTime| t.format("%m-%d %H:%M").to_string();
    let auto = backups
        .last_auto(now)
        .map_or_else(|| lang.t(T::StatusNone).to_owned(), short);
    let outside = backups
        .last_external
        .map_or_else(|| lang.t(T::StatusNone).to_owned(), short);
    lang.fill(T::StatusCompact, &[("auto", &auto), ("outside", &outside)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_stops_blinking_when_nobody_types() {
        assert!(cursor_blinks(Duration::ZERO));
        assert!(cursor_blinks(Duration::from_millis(4_900)));
        assert!(!cursor_blinks(CURSOR_BLINK_FOR));
        assert!(!cursor_blinks(Duration::from_secs(3_600)));
    }
}
