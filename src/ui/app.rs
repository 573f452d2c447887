//! The eframe application: navigation, status line, dialogs, and the command loop.
//!
//! Screens draw themselves and push [`Command`]s; the app applies them after layout, each as one
//! store call (one transaction), then re-reads what the screens show. No screen touches another
//! screen's state, and no screen touches the store.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use egui::{RichText, Ui};

use std::collections::HashMap;

use crate::device::DeviceFields;
use crate::i18n::{Lang, T};
use crate::incident::{CallSheet, Incident, IncidentStatus, NewIncident, OwnEntryDraft};
use crate::knowledge::{Index, index_with};
use crate::planner::PlanSnapshot;
use crate::planner::{
    NewCompletion, Outcome, ShopCalendar, Staff, TaskFields, TrainingModule, TrainingRecord,
};
use crate::store::{
    OpenError, OpenReport, Recovery, RecoveryReason, Store, Unchecked, Verdict, keys, list_backups,
};
use crate::ui::backups::{BackupStatus, BackupsScreen, BackupsView};
use crate::ui::devices::DevicesScreen;
use crate::ui::instance::ShowRequests;
use crate::ui::jobs::{Job, JobKind, JobOutcome};
use crate::ui::lookup::{LookupScreen, LookupView};
use crate::ui::renderer::{RendererSetting, RendererStart};
use crate::ui::settings::{SettingsScreen, SettingsView};
use crate::ui::theme;
use crate::ui::view::SharedView;
use crate::ui::widgets::{error_text, muted, ok_text, show_time};

/// The screens of the left navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Today's checks and trainings.
    Today,
    /// Prompt lookup and incidents.
    Lookup,
    /// Tasks, schedules and the shop calendar.
    Planner,
    /// Staff and training.
    Staff,
    /// Emergency plans, running one, and the customer notice.
    Emergency,
    /// The device registry.
    Devices,
    /// The timeline of everything kept, and export.
    History,
    /// Automatic and external backups, and restore.
    Backups,
    /// Settings.
    Settings,
}

impl Screen {
    const ALL: [Screen; 9] = [
        Screen::Today,
        Screen::Lookup,
        Screen::Emergency,
        Screen::Planner,
        Screen::Staff,
        Screen::Devices,
        Screen::History,
        Screen::Backups,
        Screen::Settings,
    ];

    fn label(self) -> T {
        match self {
            Screen::Today => T::NavToday,
            Screen::Planner => T::NavPlanner,
            Screen::Staff => T::NavStaff,
            Screen::Lookup => T::NavLookup,
            Screen::Devices => T::NavDevices,
            Screen::Emergency => T::NavEmergency,
            Screen::History => T::NavHistory,
            Screen::Backups => T::NavBackups,
            Screen::Settings => T::NavSettings,
        }
    }
}

/// Light, dark, or whatever the OS uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// Follow the OS.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    fn code(self) -> &'static str {
        match self {
            ThemeChoice::System => "system",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    fn from_code(code: &str) -> ThemeChoice {
        match code {
            "light" => ThemeChoice::Light,
            "dark" => ThemeChoice::Dark,
            _ => ThemeChoice::System,
        }
    }

    fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// A user intent, applied after the frame's layout.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show another screen.
    Navigate(Screen),
    /// Switch the interface language (remembered).
    SetLanguage(Lang),
    /// Switch light/dark (remembered).
    SetTheme(ThemeChoice),
    /// Set the zoom in percent (remembered).
    SetZoom(u32),
    /// Choose the renderer for the next start (kept in the data folder's `renderer.json`).
    SetRenderer(RendererSetting),
    /// Try the renderer that failed to start again, at the next start.
    RetryRenderer,
    /// Add (`id: None`) or update a device.
    SaveDevice {
        /// The device, or `None` for a new one.
        id: Option<i64>,
        /// Its validated fields.
        fields: Box<DeviceFields>,
    },
    /// Retire a device, keeping its records.
    RetireDevice {
        /// The device.
        id: i64,
        /// Why.
        reason: String,
    },
    /// Put a retired device back in use.
    ReinstateDevice(i64),
    /// Write a verified backup into a folder.
    BackupNow(PathBuf),
    /// Show a folder in the OS file manager.
    OpenFolder(PathBuf),
    /// Replace the data with a backup file.
    Restore(PathBuf),
    /// Remind after this many days without an outside backup.
    SetBackupReminder(u32),
    /// Check every backup file in the data folder's `backups/`.
    VerifyBackups,
    /// Close the "data file was damaged" dialog.
    DismissRecovery,
    /// Store the merchant's note on a knowledge entry (empty clears it).
    SaveNote {
        /// The entry.
        entry_id: String,
        /// The note.
        note: String,
    },
    /// Record an incident.
    RecordIncident(Box<NewIncident>),
    /// Resolve, escalate or reopen an incident.
    CloseIncident {
        /// The incident.
        id: i64,
        /// Resolved, escalated, or open again.
        status: IncidentStatus,
        /// What fixed it, or to whom.
        text: String,
    },
    /// Put an incident's call sheet on the clipboard.
    CopySheet(i64),
    /// Save an incident's call sheet as HTML (asking where, unless a path is given).
    SaveSheet(i64, Option<PathBuf>),
    /// Add one of the merchant's own entries.
    AddOwnEntry(Box<OwnEntryDraft>),
    /// Store the shop's name.
    SetShopName(String),
    /// Add (`id: None`) or update a task.
    SaveTask {
        /// The task, or `None` for a new one.
        id: Option<i64>,
        /// Its validated fields.
        fields: Box<TaskFields>,
    },
    /// Pause or resume a task.
    SetTaskPaused(i64, bool),
    /// Archive a task (its history stays) or bring it back.
    SetTaskArchived(i64, bool),
    /// Store the shop's rest days and holidays.
    SaveCalendar(Box<ShopCalendar>),
    /// Record a completion (a problem outcome opens an incident for the task's device).
    Complete(Box<NewCompletion>),
    /// Choose who is on shift.
    SetCurrentStaff(Option<i64>),
    /// Add the chosen tasks and modules of the starter plan (by key).
    ApplyStarter {
        /// Starter task keys.
        tasks: Vec<String>,
        /// Starter training-module keys.
        modules: Vec<String>,
    },
    /// Start with an empty plan (the starter plan is not offered again).
    DeclineStarter,
    /// Add (`id: None`) or update a member of staff.
    SaveStaff {
        /// The person, or `None` for a new one.
        id: Option<i64>,
        /// Their details.
        staff: Box<Staff>,
    },
    /// Add a training module.
    AddTrainingModule(Box<TrainingModule>),
    /// Record that someone was trained.
    AddTrainingRecord(Box<TrainingRecord>),
    /// Something on the Emergency screen (`ui/emergency.rs`).
    Emergency(crate::ui::emergency::EmergencyCommand),
    /// Something on the History screen (`ui/history.rs`).
    History(crate::ui::history::HistoryCommand),
}

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
    /// Set when the app could not start (the process then exits non-zero).
    pub failed: Arc<AtomicBool>,
    /// The date to treat as today (tests); `None` follows the clock.
    pub today: Option<chrono::NaiveDate>,
    /// The renderer this start uses, why, and where that is kept (`ui/renderer.rs`).
    pub renderer: RendererStart,
    /// "Show the window" requests from later starts on the same data folder (`ui/instance.rs`).
    pub show: Arc<ShowRequests>,
}

/// A message at the top of the screen.
struct Notice {
    text: String,
    ok: bool,
}

/// The application.
pub struct App {
    lang: Lang,
    theme: ThemeChoice,
    zoom: u32,
    screen: Screen,
    data_dir: PathBuf,
    store: Option<Arc<Mutex<Store>>>,
    fatal: Option<OpenError>,
    recovery: Option<Recovery>,
    notice: Option<Notice>,
    devices: DevicesScreen,
    settings: SettingsScreen,
    lookup: LookupScreen,
    index: Index,
    /// The index being rebuilt on a worker thread (at start-up, and after own entries change).
    index_build: Option<std::thread::JoinHandle<Index>>,
    /// The merchant's own entries the index was (or is being) built with.
    index_own: Option<Vec<crate::knowledge::Entry>>,
    notes: HashMap<String, String>,
    incidents: Vec<Incident>,
    device_list: Vec<crate::device::Device>,
    shop_name: String,
    plan: PlanSnapshot,
    today_screen: crate::ui::today::TodayScreen,
    planner_screen: crate::ui::planner::PlannerScreen,
    staff_screen: crate::ui::staff::StaffScreen,
    emergency_screen: crate::ui::emergency::EmergencyScreen,
    history_screen: crate::ui::history::HistoryScreen,
    pending: Vec<Command>,
    job: Option<Job>,
    daily_backup_started: bool,
    /// Whether the quick check deferred from opening has been started.
    checked: bool,
    /// When to try the deferred check again after it could not run (an I/O error, a busy file).
    recheck_at: Option<Instant>,
    last_backup: Option<String>,
    backup_status: BackupStatus,
    backups_screen: BackupsScreen,
    frames: u64,
    /// Focus once more on the frame after a "show" request (see [`App::bring_to_front`]).
    focus_again: bool,
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
            lang: Lang::from_os(),
            theme: ThemeChoice::System,
            zoom: 100,
            screen: Screen::Today,
            data_dir: boot.data_dir,
            store: None,
            fatal: None,
            recovery: None,
            notice: None,
            devices: DevicesScreen::default(),
            settings: SettingsScreen::default(),
            lookup: LookupScreen::new(),
            index: Index::new(Vec::new()),
            index_build: None,
            index_own: None,
            notes: HashMap::new(),
            incidents: Vec::new(),
            device_list: Vec::new(),
            shop_name: String::new(),
            plan: PlanSnapshot::default(),
            today_screen: Default::default(),
            planner_screen: Default::default(),
            staff_screen: Default::default(),
            emergency_screen: Default::default(),
            history_screen: Default::default(),
            pending: Vec::new(),
            job: None,
            daily_backup_started: false,
            checked: false,
            recheck_at: None,
            last_backup: None,
            backup_status: BackupStatus::default(),
            backups_screen: BackupsScreen::default(),
            frames: 0,
            focus_again: false,
            options,
        };
        match boot.opened {
            Ok((store, report)) => {
                app.recovery = report.recovery;
                app.store = Some(Arc::new(Mutex::new(store)));
                app.load_settings();
                app.reload();
            }
            Err(e) => {
                app.options.failed.store(true, Ordering::SeqCst);
                app.fatal = Some(e);
            }
        }
        ctx.set_theme(app.theme.preference());
        ctx.set_zoom_factor(app.zoom as f32 / 100.0);
        if let Some(message) = app.options.renderer.choice.start_message(app.lang) {
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

    /// The current language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The devices as the Devices screen holds them.
    pub fn devices(&self) -> &DevicesScreen {
        &self.devices
    }

    /// The lookup screen.
    pub fn lookup(&self) -> &LookupScreen {
        &self.lookup
    }

    /// The searchable knowledge base (empty until its start-up build arrives; see [`App::busy`]).
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The planner's records and today's agenda.
    pub fn plan(&self) -> &PlanSnapshot {
        &self.plan
    }

    /// The day the app treats as today.
    pub fn today(&self) -> chrono::NaiveDate {
        self.options
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Recent incidents, open first.
    pub fn incidents(&self) -> &[Incident] {
        &self.incidents
    }

    /// Whether background work is under way or still to start: a job (check, backup, restore),
    /// the index build, an export, or the start-up check and daily backup that begin after the
    /// first frame (unless a check that could not run waits a minute to try again).
    pub fn busy(&self) -> bool {
        let startup_pending = self.store.is_some()
            && self.recovery.is_none()
            && self.recheck_at.is_none()
            && !(self.checked && self.daily_backup_started);
        self.job.is_some()
            || self.index_build.is_some()
            || self.history_screen.exporting()
            || startup_pending
    }

    /// Queues a command as a click would (for tests and scripted use).
    pub fn push_command(&mut self, command: Command) {
        self.pending.push(command);
    }

    /// The store, unless a background job holds it.
    fn store(&self) -> Option<MutexGuard<'_, Store>> {
        store_now(&self.store, &self.job)
    }

    fn load_settings(&mut self) {
        let Some(store) = self.store() else { return };
        let lang = store
            .setting(keys::LANGUAGE)
            .ok()
            .flatten()
            .and_then(|c| Lang::from_code(&c));
        let theme = store
            .setting(keys::THEME)
            .ok()
            .flatten()
            .map(|c| ThemeChoice::from_code(&c));
        let zoom = store
            .setting(keys::ZOOM)
            .ok()
            .flatten()
            .and_then(|z| z.parse::<u32>().ok());
        let folder = store.setting(keys::BACKUP_FOLDER).ok().flatten();
        let shop = store.setting(keys::SHOP_NAME).ok().flatten();
        drop(store);
        if let Some(lang) = lang {
            self.lang = lang;
        }
        self.theme = theme.unwrap_or_default();
        self.zoom = zoom.map(|z| z.clamp(100, 200)).unwrap_or(100);
        self.backups_screen.folder = folder.unwrap_or_default();
        self.shop_name = shop.unwrap_or_default();
        self.settings.shop_name = self.shop_name.clone();
        self.refresh_backup_status();
        self.backups_screen.reminder_text = self.backup_status.reminder_days.to_string();
    }

    /// Re-reads the backup files, the backup log, the last outside backup and the reminder.
    fn refresh_backup_status(&mut self) {
        let files: Vec<_> = list_backups(&self.data_dir.join("backups"))
            .into_iter()
            .map(|b| {
                let bytes = std::fs::metadata(&b.path).map(|m| m.len()).unwrap_or(0);
                (b, bytes)
            })
            .collect();
        let read = self.store().map(|s| {
            let setting = |key| s.setting(key).ok().flatten();
            (
                s.last_external_backup().ok().flatten(),
                setting(keys::BACKUP_REMINDER_DAYS)
                    .and_then(|d| crate::planner::reminder::parse_reminder_days(&d)),
                s.backup_log(crate::ui::backups::LOG_SHOWN),
            )
        });
        let Some((last_external, reminder_days, log)) = read else {
            return;
        };
        let newest_auto = files.first().map(|(b, _)| b.taken);
        self.last_backup = newest_auto.max(last_external).map(show_time);
        let checked = std::mem::take(&mut self.backup_status.checked);
        self.backup_status = BackupStatus {
            last_external,
            reminder_days: reminder_days.unwrap_or(crate::planner::reminder::DEFAULT_REMINDER_DAYS),
            files,
            log: log.unwrap_or_default(),
            checked,
        };
    }

    /// Re-reads what the screens show.
    fn reload(&mut self) {
        let result = self
            .store()
            .map(|s| -> Result<_, crate::store::StoreError> {
                Ok((
                    s.devices()?,
                    s.recent_incidents(INCIDENTS_SHOWN)?,
                    s.entry_notes()?,
                    s.own_entries()?,
                ))
            });
        match result {
            Some(Ok((devices, incidents, notes, own))) => {
                self.device_list = devices.clone();
                self.devices.load(devices);
                self.incidents = incidents;
                self.notes = notes.into_iter().collect();
                let own: Vec<_> = own.iter().map(|(id, d)| d.to_entry(*id)).collect();
                // Only the merchant's own entries can change the index: rebuild it only then,
                // not after every write.
                if self.index_own.as_ref() != Some(&own) {
                    self.index_own = Some(own.clone());
                    if self.index_build.is_none() && self.frames == 0 {
                        // At start-up the index is built off the UI thread, so it does not delay
                        // the first frame; the lookup searches again when it arrives.
                        self.index_build = Some(std::thread::spawn(move || index_with(own)));
                    } else {
                        self.wait_for_index();
                        self.index = index_with(own);
                        self.lookup.research(&self.index);
                    }
                }
            }
            Some(Err(e)) => self.error(
                self.lang
                    .fill(T::ErrRead, &[("detail", &e.message(self.lang))]),
            ),
            None => {}
        }
        let emergency = store_now(&self.store, &self.job).map(|s| self.emergency_screen.load(&s));
        if let Some(Err(e)) = emergency {
            self.error(
                self.lang
                    .fill(T::ErrRead, &[("detail", &e.message(self.lang))]),
            );
        }
        self.history_screen.invalidate();
        self.load_plan();
    }

    /// Shows what a screen's own command reported, and re-reads what it may have changed.
    fn report(&mut self, result: Option<Result<Option<String>, String>>) {
        match result {
            Some(Ok(Some(text))) => self.ok(text),
            Some(Err(text)) => self.error(text),
            Some(Ok(None)) | None => {}
        }
        self.history_screen.invalidate();
        self.load_plan();
    }

    /// Re-reads the planner's records and builds today's agenda, recording missed occurrences
    /// (each once: a second pass finds none).
    fn load_plan(&mut self) {
        let today = self.today();
        let result = self
            .store()
            .map(|mut s| s.plan_snapshot_recording_missed(today));
        match result {
            Some(Ok(plan)) => self.plan = plan,
            Some(Err(e)) => self.error(
                self.lang
                    .fill(T::ErrRead, &[("detail", &e.message(self.lang))]),
            ),
            None => {}
        }
    }

    /// Takes the index from its worker thread, waiting for it if need be.
    fn wait_for_index(&mut self) {
        if let Some(build) = self.index_build.take() {
            // A panic while building would be a bug in the built-in base, which the tests catch;
            // fall back to an empty index rather than bring the window down.
            self.index = build.join().unwrap_or_else(|_| Index::new(Vec::new()));
            self.lookup.research(&self.index);
        }
    }

    /// The call sheet of incident `id`.
    fn call_sheet(&self, id: i64, lang: Lang) -> Option<(String, String)> {
        let incident = self.incidents.iter().find(|i| i.id == id)?;
        let sheet = CallSheet::of(&self.shop_name, incident, &self.device_list, &self.index);
        Some((sheet.text(lang), sheet.html(lang)))
    }

    fn error(&mut self, text: String) {
        self.notice = Some(Notice { text, ok: false });
    }

    fn ok(&mut self, text: String) {
        self.notice = Some(Notice { text, ok: true });
    }

    /// Applies the queued commands, unless a background job holds the store (then they wait).
    fn apply_commands(&mut self, ctx: &egui::Context) {
        if self.job.is_some() && self.pending.iter().any(needs_store) {
            return;
        }
        for command in std::mem::take(&mut self.pending) {
            self.apply(ctx, command);
        }
    }

    fn save_setting(&mut self, key: &str, value: &str) {
        let result = self.store().map(|mut s| s.set_setting(key, value));
        if let Some(Err(e)) = result {
            self.error(
                self.lang
                    .fill(T::ErrStorage, &[("detail", &e.message(self.lang))]),
            );
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let lang = self.lang;
        match command {
            Command::Emergency(command) => {
                let result = store_now(&self.store, &self.job)
                    .map(|mut s| self.emergency_screen.apply(&mut s, lang, command));
                self.report(result);
            }
            Command::History(command) => {
                let result = store_now(&self.store, &self.job)
                    .map(|mut s| self.history_screen.apply(&mut s, lang, command));
                self.report(result);
            }
            Command::Navigate(screen) => {
                self.screen = screen;
                self.notice = None;
                if screen == Screen::Lookup {
                    self.lookup.focus();
                }
                if screen == Screen::Backups {
                    // Files may have come or gone outside the app (copied in, cleaned up).
                    self.refresh_backup_status();
                }
            }
            Command::SetLanguage(l) => {
                self.lang = l;
                self.save_setting(keys::LANGUAGE, l.code());
            }
            Command::SetTheme(choice) => {
                self.theme = choice;
                ctx.set_theme(choice.preference());
                self.save_setting(keys::THEME, choice.code());
            }
            Command::SetZoom(zoom) => {
                self.zoom = zoom.clamp(100, 200);
                ctx.set_zoom_factor(self.zoom as f32 / 100.0);
                self.save_setting(keys::ZOOM, &self.zoom.to_string());
            }
            Command::SetRenderer(setting) => {
                self.options.renderer.state.choose(setting);
                self.save_renderer();
            }
            Command::RetryRenderer => {
                self.options.renderer.state.failed = None;
                self.save_renderer();
            }
            Command::SaveDevice { id, fields } => {
                let name = fields.name.clone();
                let result = self.store().map(|mut s| match id {
                    Some(id) => s.update_device(id, &fields).map(|()| id),
                    None => s.add_device(&fields),
                });
                match result {
                    Some(Ok(id)) => {
                        self.reload();
                        self.devices.saved(id);
                        self.ok(lang.fill(T::DeviceSaved, &[("name", &name)]));
                    }
                    Some(Err(e)) => self
                        .devices
                        .save_failed(lang.fill(T::ErrStorage, &[("detail", &e.message(lang))])),
                    None => {}
                }
            }
            Command::RetireDevice { id, reason } => {
                let today = chrono::Local::now().date_naive();
                let result = self
                    .store()
                    .map(|mut s| s.retire_device(id, today, &reason));
                self.after_device_change(result, id, T::DeviceRetiredMsg);
            }
            Command::ReinstateDevice(id) => {
                let result = self.store().map(|mut s| s.reinstate_device(id));
                self.after_device_change(result, id, T::DeviceReinstatedMsg);
            }
            Command::BackupNow(folder) => self.start_job(ctx, JobKind::Manual(folder)),
            Command::OpenFolder(folder) => {
                if let Err(e) = open_in_file_manager(&folder) {
                    self.error(lang.fill(T::OpenFolderFailed, &[("detail", &e.to_string())]));
                }
            }
            Command::Restore(file) => self.start_job(ctx, JobKind::Restore(file)),
            Command::VerifyBackups => {
                let files = self
                    .backup_status
                    .files
                    .iter()
                    .map(|(b, _)| b.path.clone())
                    .collect();
                self.start_job(ctx, JobKind::Verify(files));
            }
            Command::SetBackupReminder(days) => {
                self.save_setting(keys::BACKUP_REMINDER_DAYS, &days.to_string());
                self.refresh_backup_status();
                self.backups_screen.reminder_text = days.to_string();
                self.ok(lang.fill(T::BackupsReminderSaved, &[("n", &days.to_string())]));
            }
            Command::DismissRecovery => {
                let result = self.store().map(|mut s| s.recovery_dealt_with());
                if let Some(Err(e)) = result {
                    self.error(
                        self.lang
                            .fill(T::ErrStorage, &[("detail", &e.message(self.lang))]),
                    );
                }
                self.recovery = None;
            }
            Command::SaveNote { entry_id, note } => {
                let result = self.store().map(|mut s| s.set_entry_note(&entry_id, &note));
                self.after_write(result, T::NoteSaved);
            }
            Command::RecordIncident(new) => {
                let result = self.store().map(|mut s| s.add_incident(&new).map(|_| ()));
                if matches!(result, Some(Ok(()))) {
                    self.lookup.incident_recorded();
                }
                self.after_write(result, T::IncidentRecorded);
            }
            Command::CloseIncident { id, status, text } => {
                let result = self
                    .store()
                    .map(|mut s| s.close_incident(id, status, &text));
                if matches!(result, Some(Ok(()))) {
                    self.lookup.incident_closed();
                }
                let done = match status {
                    IncidentStatus::Resolved => T::IncidentResolved,
                    IncidentStatus::Escalated => T::IncidentEscalated,
                    IncidentStatus::Open => T::IncidentOpen,
                };
                self.after_write(result, done);
            }
            Command::CopySheet(id) => {
                if let Some((text, _)) = self.call_sheet(id, lang) {
                    ctx.copy_text(text);
                    self.ok(lang.t(T::SheetCopied).to_owned());
                }
            }
            Command::SaveSheet(id, path) => {
                let Some((_, html)) = self.call_sheet(id, lang) else {
                    return;
                };
                let path = path.or_else(|| {
                    rfd::FileDialog::new()
                        .set_file_name(format!(
                            "{}-{id}.html",
                            lang.t(T::SheetTitle).replace(' ', "-")
                        ))
                        .add_filter("HTML", &["html"])
                        .save_file()
                });
                if let Some(path) = path {
                    // The save dialog already asked before replacing a file.
                    let written = crate::files::Target::outside(
                        &path,
                        &self.data_dir,
                        crate::files::Existing::Replace,
                    )
                    .and_then(|target| crate::files::write_file(&target, html.as_bytes()));
                    match written {
                        Ok(()) => self
                            .ok(lang.fill(T::SheetSaved, &[("path", &path.display().to_string())])),
                        Err(e) => self.error(e.message(lang)),
                    }
                }
            }
            Command::AddOwnEntry(draft) => {
                let result = self
                    .store()
                    .map(|mut s| s.add_own_entry(&draft).map(|_| ()));
                if matches!(result, Some(Ok(()))) {
                    self.lookup.own_added();
                }
                self.after_write(result, T::OwnSaved);
            }
            Command::SaveTask { id, fields } => {
                let result = self.store().map(|mut s| match id {
                    Some(id) => s.update_task(id, &fields),
                    None => s.add_task(&fields, None).map(|_| ()),
                });
                if matches!(result, Some(Ok(()))) {
                    self.planner_screen.saved();
                }
                self.after_write(result, T::TaskSaved);
            }
            Command::SetTaskPaused(id, paused) => {
                let result = self.store().map(|mut s| s.set_task_paused(id, paused));
                self.after_write(
                    result,
                    if paused {
                        T::TaskPausedMsg
                    } else {
                        T::TaskResumedMsg
                    },
                );
            }
            Command::SetTaskArchived(id, archived) => {
                let result = self.store().map(|mut s| s.set_task_archived(id, archived));
                self.after_write(
                    result,
                    if archived {
                        T::TaskArchivedMsg
                    } else {
                        T::TaskRestoredMsg
                    },
                );
            }
            Command::SaveCalendar(calendar) => {
                let result = self.store().map(|mut s| s.set_shop_calendar(&calendar));
                self.after_write(result, T::CalendarSaved);
            }
            Command::Complete(completion) => self.complete(*completion),
            Command::SetCurrentStaff(id) => {
                let value = id.map(|i| i.to_string()).unwrap_or_default();
                self.save_setting(keys::CURRENT_STAFF, &value);
                self.plan.current_staff = id;
            }
            Command::ApplyStarter { tasks, modules } => {
                let (tasks, modules) = self.starter_selection(&tasks, &modules);
                let result = self.store().map(|mut s| s.apply_starter(&tasks, &modules));
                self.after_write(result, T::StarterApplied);
            }
            Command::DeclineStarter => {
                self.save_setting(keys::STARTER_OFFERED, "declined");
                self.load_plan();
            }
            Command::SaveStaff { id, staff } => {
                let result = self
                    .store()
                    .map(|mut s| s.save_staff(id, &staff).map(|_| ()));
                if matches!(result, Some(Ok(()))) {
                    self.staff_screen.saved();
                }
                self.after_write(result, T::StaffSaved);
            }
            Command::AddTrainingModule(module) => {
                let result = self
                    .store()
                    .map(|mut s| s.add_training_module(&module, None).map(|_| ()));
                if matches!(result, Some(Ok(()))) {
                    self.staff_screen.saved();
                }
                self.after_write(result, T::ModuleSaved);
            }
            Command::AddTrainingRecord(record) => {
                let result = self
                    .store()
                    .map(|mut s| s.add_training_record(&record).map(|_| ()));
                if matches!(result, Some(Ok(()))) {
                    self.staff_screen.saved();
                }
                self.after_write(result, T::TrainingRecorded);
            }
            Command::SetShopName(name) => {
                let name = name.trim().to_owned();
                self.shop_name = name.clone();
                self.save_setting(keys::SHOP_NAME, &name);
            }
        }
    }

    /// Writes the renderer's state after a change in Settings and says how it went.
    fn save_renderer(&mut self) {
        match self.options.renderer.save() {
            Ok(()) => self.ok(self.lang.t(T::RendererSaved).to_owned()),
            Err(e) => self.error(
                self.lang
                    .fill(T::ErrStorage, &[("detail", &e.message(self.lang))]),
            ),
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
            ctx.send_viewport_cmd(egui::ViewportCommand::Visible(true));
            ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
            self.focus_again = true;
            ctx.request_repaint_after(Duration::from_millis(100));
        } else if std::mem::take(&mut self.focus_again) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
        }
    }

    /// Records a completion; a problem outcome opens an incident for the task's device, naming
    /// the items that had a problem.
    fn complete(&mut self, completion: NewCompletion) {
        let lang = self.lang;
        let incident = self
            .plan
            .task(completion.task_id)
            .filter(|_| completion.outcome == Outcome::Problem)
            .map(|task| {
                let problems: Vec<&str> = completion
                    .items
                    .iter()
                    .filter(|i| i.problem)
                    .map(|i| i.item.as_str())
                    .collect();
                let prompt = if problems.is_empty() {
                    task.fields.title.clone()
                } else {
                    format!("{}：{}", task.fields.title, problems.join("、"))
                };
                NewIncident {
                    device_id: task.fields.device_id,
                    prompt: crate::device::shorten(&prompt, crate::incident::MAX_PROMPT - 1),
                    entry_id: None,
                    steps_done: Vec::new(),
                    note: completion.note.clone(),
                }
            });
        let result = self
            .store()
            .map(|mut s| s.complete(&completion, incident.as_ref()));
        match result {
            Some(Ok(recorded)) => {
                self.reload();
                let message = if recorded.already {
                    T::AlreadyDone
                } else if recorded.incident.is_some() {
                    T::CompletedWithProblem
                } else {
                    T::Completed
                };
                self.ok(lang.t(message).to_owned());
            }
            Some(Err(e)) => self.error(lang.fill(T::ErrStorage, &[("detail", &e.message(lang))])),
            None => {}
        }
    }

    /// The starter tasks and modules with these keys, in the current language, starting today
    /// and attached to the first device in use of each task's kind.
    fn starter_selection(
        &self,
        task_keys: &[String],
        module_keys: &[String],
    ) -> (crate::store::KeyedTasks, crate::store::KeyedModules) {
        let plan = crate::planner::starter::starter_plan();
        let today = self.today();
        let tasks = plan
            .tasks
            .iter()
            .filter(|t| task_keys.contains(&t.key))
            .map(|t| {
                let device = t.device_kind.and_then(|kind| {
                    self.device_list
                        .iter()
                        .find(|d| d.in_use() && d.fields.kind == kind)
                        .map(|d| d.id)
                });
                (t.key.clone(), t.fields(self.lang, today, device))
            })
            .collect();
        let modules = plan
            .modules
            .iter()
            .filter(|m| module_keys.contains(&m.key))
            .map(|m| {
                let text = m.text(self.lang);
                let module = TrainingModule {
                    id: 0,
                    title: text.title.clone(),
                    items: text.items.clone(),
                    refresher_months: m.refresher_months,
                    onboarding: m.onboarding,
                };
                (m.key.clone(), module)
            })
            .collect();
        (tasks, modules)
    }

    /// After a store write: re-read the views and say how it went.
    fn after_write(&mut self, result: Option<Result<(), crate::store::StoreError>>, done: T) {
        match result {
            Some(Ok(())) => {
                self.reload();
                self.ok(self.lang.t(done).to_owned());
            }
            Some(Err(e)) => self.error(
                self.lang
                    .fill(T::ErrStorage, &[("detail", &e.message(self.lang))]),
            ),
            None => {}
        }
    }

    fn after_device_change(
        &mut self,
        result: Option<Result<(), crate::store::StoreError>>,
        id: i64,
        done: T,
    ) {
        match result {
            Some(Ok(())) => {
                self.reload();
                self.devices.saved(id);
                let name = self
                    .devices
                    .devices()
                    .find(|d| d.id == id)
                    .map(|d| d.fields.name.clone())
                    .unwrap_or_default();
                self.ok(self.lang.fill(done, &[("name", &name)]));
            }
            Some(Err(e)) => self.error(
                self.lang
                    .fill(T::ErrStorage, &[("detail", &e.message(self.lang))]),
            ),
            None => {}
        }
    }

    fn start_job(&mut self, ctx: &egui::Context, kind: JobKind) {
        if let (Some(store), None) = (&self.store, &self.job) {
            self.job = Some(Job::start(Arc::clone(store), kind, ctx.clone()));
        }
    }

    fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else { return };
        if !job.finished() {
            ctx.request_repaint_after(Duration::from_millis(500));
            return;
        }
        let Some(job) = self.job.take() else { return };
        let lang = self.lang;
        match job.outcome() {
            JobOutcome::Check(Verdict::Damaged(_) | Verdict::Foreign) => self.damaged_after_open(),
            JobOutcome::Check(Verdict::CouldNotCheck(why)) => self.could_not_check(&why),
            JobOutcome::Check(_) => {}
            JobOutcome::Manual(Ok(path)) => {
                self.backups_screen.problem = None;
                self.complete_backup_tasks(&path);
                self.ok(lang.fill(T::BackupDone, &[("path", &path.display().to_string())]));
            }
            JobOutcome::Manual(Err(e)) => {
                self.error(lang.fill(T::BackupFailed, &[("detail", &e.message(lang))]));
            }
            JobOutcome::Daily(Ok(_)) => {}
            JobOutcome::Daily(Err(e)) => {
                self.error(lang.fill(T::BackupFailed, &[("detail", &e.message(lang))]))
            }
            JobOutcome::Restore(file, Ok(())) => {
                // Whatever loss was offered is dealt with now; the restored data must not offer
                // it again at the next start.
                if let Some(Err(e)) = self.store().map(|mut s| s.recovery_dealt_with()) {
                    self.error(lang.fill(T::ErrStorage, &[("detail", &e.message(lang))]));
                }
                self.recovery = None;
                self.load_settings();
                ctx.set_theme(self.theme.preference());
                ctx.set_zoom_factor(self.zoom as f32 / 100.0);
                self.reload();
                self.backups_screen.restore_file.clear();
                let name = file.file_name().unwrap_or(file.as_os_str());
                self.ok(self
                    .lang
                    .fill(T::Restored, &[("file", &name.to_string_lossy())]));
            }
            JobOutcome::Verified(results) => {
                let bad = results.iter().filter(|(_, r)| r.is_err()).count();
                self.backup_status.checked = results
                    .into_iter()
                    .map(|(path, result)| (path, result.map_err(|e| e.message(lang))))
                    .collect();
                if bad == 0 {
                    self.ok(lang.t(T::BackupsAllGood).to_owned());
                } else {
                    self.error(lang.fill(T::BackupsSomeBad, &[("n", &bad.to_string())]));
                }
            }
            JobOutcome::Restore(_, Err(e)) => {
                self.error(lang.fill(
                    T::BackupsRestoreFailed,
                    &[("detail", &e.restore_message(lang))],
                ));
            }
        }
        self.refresh_backup_status();
        self.history_screen.invalidate();
    }

    /// A successful backup to an outside folder completes the planner's open backup tasks.
    fn complete_backup_tasks(&mut self, path: &Path) {
        let note = crate::planner::reminder::backup_note(self.lang, path);
        let at = self.today().and_time(chrono::Local::now().time());
        let staff = self.plan.current_staff;
        let result = self
            .store()
            .map(|mut s| s.complete_backup_tasks(at, staff, &note));
        match result {
            Some(Ok(0)) | None => {}
            Some(Ok(_)) => self.load_plan(),
            Some(Err(e)) => self.error(
                self.lang
                    .fill(T::ErrStorage, &[("detail", &e.message(self.lang))]),
            ),
        }
    }

    /// The deferred check could not run: say so, move nothing, and try again in a minute.
    fn could_not_check(&mut self, why: &Unchecked) {
        self.error(
            self.lang
                .fill(T::UncheckedNotice, &[("why", &why.message(self.lang))]),
        );
        self.checked = false;
        self.recheck_at = Some(Instant::now() + RECHECK_AFTER);
    }

    /// The deferred quick check found damage: confirm it on a fresh connection and, only if
    /// confirmed, set the file aside, start a new one and offer the newest verified backup.
    fn damaged_after_open(&mut self) {
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
            Ok((store, report)) => {
                if report.moved_aside.is_some() {
                    // Whatever failed to read from the damaged file is explained by the offer.
                    self.notice = None;
                }
                self.recovery = report.recovery;
                self.store = Some(Arc::new(Mutex::new(store)));
                if let Some(why) = report.unchecked {
                    self.could_not_check(&why);
                }
                self.reload();
            }
            Err(e) => {
                self.options.failed.store(true, Ordering::SeqCst);
                self.fatal = Some(e);
            }
        }
    }

    fn nav_ui(&mut self, ui: &mut Ui) {
        egui::Panel::left("nav")
            .resizable(false)
            .exact_size(170.0)
            .show(ui, |ui| {
                ui.add_space(10.0);
                ui.label(RichText::new(self.lang.t(T::AppName)).strong().size(17.0));
                ui.add_space(12.0);
                for screen in Screen::ALL {
                    let selected = self.screen == screen;
                    let button = egui::Button::selectable(
                        selected,
                        RichText::new(self.lang.t(screen.label())).size(18.0),
                    )
                    .min_size(egui::vec2(150.0, 40.0));
                    if ui.add(button).clicked() && !selected {
                        self.pending.push(Command::Navigate(screen));
                    }
                }
            });
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let lang = self.lang;
                muted(
                    ui,
                    &lang.fill(
                        T::StatusDataFolder,
                        &[("path", &self.data_dir.display().to_string())],
                    ),
                );
                ui.separator();
                match &self.last_backup {
                    Some(when) => muted(ui, &lang.fill(T::StatusLastBackup, &[("when", when)])),
                    None => muted(ui, lang.t(T::StatusNoBackup)),
                }
                if self.job.is_some() {
                    ui.separator();
                    muted(ui, lang.t(T::StatusBusy));
                }
            });
        });
    }

    fn recovery_ui(&mut self, ctx: &egui::Context) {
        let Some(recovery) = &self.recovery else {
            return;
        };
        let lang = self.lang;
        let mut command = None;
        egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            let (title, body) = match &recovery.reason {
                RecoveryReason::SetAside(path) => (
                    T::RecoveredTitle,
                    lang.fill(T::RecoveredBody, &[("path", &path.display().to_string())]),
                ),
                RecoveryReason::Missing => (
                    T::RecoveredMissingTitle,
                    lang.t(T::RecoveredMissingBody).to_owned(),
                ),
                RecoveryReason::Empty => (
                    T::RecoveredEmptyTitle,
                    lang.t(T::RecoveredEmptyBody).to_owned(),
                ),
            };
            crate::ui::widgets::title(ui, &format!("⚠ {}", lang.t(title)));
            ui.add_space(6.0);
            ui.label(body);
            ui.add_space(6.0);
            match &recovery.backup {
                Some(backup) => {
                    ui.label(lang.fill(T::RecoveredOffer, &[("when", &show_time(backup.taken))]));
                    ui.horizontal(|ui| {
                        if ui
                            .button(RichText::new(lang.t(T::RestoreFromBackup)).strong())
                            .clicked()
                        {
                            command = Some(Command::Restore(backup.path.clone()));
                        }
                        if ui.button(lang.t(T::StartEmpty)).clicked() {
                            command = Some(Command::DismissRecovery);
                        }
                    });
                }
                None => {
                    ui.label(lang.t(T::RecoveredNoBackup));
                    if ui.button(lang.t(T::Close)).clicked() {
                        command = Some(Command::DismissRecovery);
                    }
                }
            }
        });
        self.pending.extend(command);
    }

    fn fatal_ui(&mut self, ui: &mut Ui, error: &OpenError) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.add_space(40.0);
            crate::ui::widgets::title(ui, &format!("⚠ {}", self.lang.t(T::FatalTitle)));
            ui.add_space(10.0);
            ui.label(RichText::new(error.message(self.lang)).size(18.0));
            ui.add_space(16.0);
            if ui
                .button(RichText::new(self.lang.t(T::Close)).size(18.0))
                .clicked()
            {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
    }

    fn central_ui(&mut self, ui: &mut Ui) {
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(notice) = &self.notice {
                let mut close = false;
                ui.horizontal_wrapped(|ui| {
                    if notice.ok {
                        ok_text(ui, &notice.text);
                    } else {
                        error_text(ui, &notice.text);
                    }
                    close = ui
                        .small_button("×")
                        .on_hover_text(self.lang.t(T::Close))
                        .clicked();
                });
                if close {
                    self.notice = None;
                }
                ui.separator();
            }
            // What every screen may read, for this frame.
            let view = SharedView {
                lang: self.lang,
                data_dir: &self.data_dir,
                today: self.plan.today,
                devices: &self.device_list,
                plan: &self.plan,
                shop_name: &self.shop_name,
            };
            match self.screen {
                Screen::Today => {
                    self.today_screen.ui(
                        ui,
                        self.lang,
                        &self.plan,
                        &self.device_list,
                        &self.backup_status,
                        &mut self.pending,
                    );
                }
                Screen::Planner => {
                    self.planner_screen.ui(
                        ui,
                        self.lang,
                        &self.plan,
                        &self.device_list,
                        &mut self.pending,
                    );
                }
                Screen::Staff => self
                    .staff_screen
                    .ui(ui, self.lang, &self.plan, &mut self.pending),
                Screen::Lookup => {
                    let view = LookupView {
                        lang: self.lang,
                        index: &self.index,
                        shop: &self.shop_name,
                        devices: &self.device_list,
                        notes: &self.notes,
                        incidents: &self.incidents,
                    };
                    self.lookup.ui(ui, &view, &mut self.pending);
                }
                Screen::Devices => self.devices.ui(ui, self.lang, &mut self.pending),
                Screen::Emergency => {
                    self.emergency_screen.ui(ui, &view, &mut self.pending);
                }
                Screen::History => {
                    self.history_screen
                        .ui(ui, &view, self.store.as_ref(), &mut self.pending);
                }
                Screen::Backups => {
                    let running = self.job.as_ref().and_then(|j| {
                        let what = match j.kind() {
                            JobKind::Manual(_) => T::BackupRunning,
                            JobKind::Restore(_) => T::BackupsRestoring,
                            JobKind::Verify(_) => T::BackupsChecking,
                            JobKind::Check | JobKind::Daily(_) => return None,
                        };
                        Some((what, j.elapsed().as_secs()))
                    });
                    let view = BackupsView {
                        lang: self.lang,
                        today: self.plan.today,
                        data_dir: &self.data_dir,
                        status: &self.backup_status,
                        running,
                    };
                    self.backups_screen.ui(ui, &view, &mut self.pending);
                }
                Screen::Settings => {
                    let view = SettingsView {
                        lang: self.lang,
                        theme: self.theme,
                        zoom: self.zoom,
                        data_dir: &self.data_dir,
                        shop_name: &self.shop_name,
                        renderer: &self.options.renderer,
                    };
                    self.settings.ui(ui, &view, &mut self.pending);
                }
            }
        });
    }
}

/// The store, locked for the UI thread. While a background job (check, backup, restore) may hold
/// it for long, `None` rather than a frozen window: commands that need the store wait for the job
/// in `apply_commands`. Otherwise its only other holders are brief (an export reading one chunk),
/// so this waits for them instead of dropping a click. Takes the fields, not `&App`, so a screen
/// can be borrowed mutably beside the guard.
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

/// How long to wait before checking the data file again after a check could not run.
const RECHECK_AFTER: Duration = Duration::from_secs(60);

/// How many recent incidents the lookup's incident list shows.
const INCIDENTS_SHOWN: usize = 500;

/// Whether a command needs the store (and so waits while a backup holds it).
fn needs_store(command: &Command) -> bool {
    !matches!(
        command,
        Command::Navigate(_)
            | Command::SetRenderer(_)
            | Command::RetryRenderer
            | Command::OpenFolder(_)
            | Command::CopySheet(_)
            | Command::SaveSheet(..)
    )
}

/// Opens `folder` in Explorer, Finder or the desktop's file manager.
fn open_in_file_manager(folder: &Path) -> std::io::Result<()> {
    let program = if cfg!(windows) {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(folder)
        .spawn()
        .map(|_| ())
}

impl eframe::App for App {
    /// eframe keeps only the window's size and place (`ui::WINDOW_FILE`); the app's own settings
    /// are in the database, and egui's memory (scroll positions, open sections) is not kept.
    fn persist_egui_memory(&self) -> bool {
        false
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.bring_to_front(ctx);
        self.poll_job(ctx);
        // The date rolls over at midnight while the window stays open: a timer repaint at most
        // once a minute (no busy loop), and a fresh agenda when the day has changed.
        if self.store.is_some() && self.today() != self.plan.today && self.job.is_none() {
            self.load_plan();
        }
        ctx.request_repaint_after(Duration::from_secs(60));
        if self.index_build.as_ref().is_some_and(|b| b.is_finished()) {
            self.wait_for_index();
        } else if self.index_build.is_some() {
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
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        // After the first frame, so they never delay the window: the quick check deferred from
        // opening, then the daily backup. Commands that write wait until both are done.
        if self.frames >= 1 && self.job.is_none() && self.store.is_some() && self.recovery.is_none()
        {
            let recheck_due = self.recheck_at.is_none_or(|at| Instant::now() >= at);
            if !self.checked && recheck_due {
                self.checked = true;
                self.recheck_at = None;
                self.start_job(ctx, JobKind::Check);
            } else if !self.checked {
                ctx.request_repaint_after(RECHECK_AFTER);
            } else if !self.daily_backup_started {
                self.daily_backup_started = true;
                let now = self.today().and_time(chrono::Local::now().time());
                self.start_job(ctx, JobKind::Daily(now));
            }
        }
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(error) = self.fatal.clone() {
            self.fatal_ui(ui, &error);
        } else {
            // Ctrl+K (Cmd+K on a Mac) jumps to the lookup box from anywhere.
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::K)) {
                self.screen = Screen::Lookup;
                self.lookup.focus();
            }
            self.nav_ui(ui);
            self.status_ui(ui);
            self.central_ui(ui);
            self.recovery_ui(&ctx);
            self.emergency_screen.overlay_ui(&ctx, self.lang);
            self.apply_commands(&ctx);
        }
        if self.frames == 0 {
            ctx.request_repaint();
        }
        self.frames += 1;
    }
}
