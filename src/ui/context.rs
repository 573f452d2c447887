//! What the screens share, held once by the app: [`Shared`] (the data read from the store, the
//! settings, the search index), lent read-only for a frame as [`Context`], and for applying a
//! command as [`Apply`] together with the store.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, NaiveDateTime};

use crate::device::Device;
use crate::i18n::{Lang, T};
use crate::incident::Incident;
use crate::insights::Warning;
use crate::knowledge::{Entry, Index, index_with};
use crate::planner::PlanSnapshot;
use crate::planner::reminder::{BackupReminder, DEFAULT_REMINDER_DAYS, backup_reminder};
use crate::store::{
    BackupInfo, BackupRecord, DataPaths, Records, Store, StoreError, keys, list_backups,
};
use crate::ui::file_dialog::FileDialogs;
use crate::ui::renderer::RendererStart;

/// How many recent incidents the lookup's incident list shows.
const INCIDENTS_SHOWN: usize = 500;

/// How many lines of the backup log are kept for the Backups screen.
pub const LOG_SHOWN: usize = 30;

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
    /// The code stored in settings.
    pub fn code(self) -> &'static str {
        match self {
            ThemeChoice::System => "system",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    /// The choice stored as `code` (anything else: follow the OS).
    pub fn from_code(code: &str) -> ThemeChoice {
        match code {
            "light" => ThemeChoice::Light,
            "dark" => ThemeChoice::Dark,
            _ => ThemeChoice::System,
        }
    }

    /// egui's name for it.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// What is known about backups, read again after every backup job and on every navigation.
#[derive(Clone, Debug)]
pub struct BackupStatus {
    /// When the last backup to an outside folder was made.
    pub last_external: Option<NaiveDateTime>,
    /// After how many days without one Today reminds.
    pub reminder_days: u32,
    /// The folder of the last "back up now".
    pub folder: String,
    /// The backups in the data folder's `backups/`, newest first, with their sizes.
    pub files: Vec<(BackupInfo, u64)>,
    /// Those of `files` that do not even begin as a database (junk named like a backup).
    pub not_databases: std::collections::HashSet<PathBuf>,
    /// The newest lines of the backup log.
    pub log: Vec<BackupRecord>,
    /// The files checked on request, with what is wrong with each (if anything).
    pub checked: HashMap<PathBuf, Result<(), String>>,
    /// The newest backup made to a folder that is still there, and when: offered for a restore
    /// on a PC that cannot show a file dialog, so nobody types its path.
    pub last_to_folder: Option<(PathBuf, NaiveDateTime)>,
}

impl Default for BackupStatus {
    fn default() -> Self {
        BackupStatus {
            last_external: None,
            reminder_days: DEFAULT_REMINDER_DAYS,
            folder: String::new(),
            files: Vec::new(),
            not_databases: Default::default(),
            log: Vec::new(),
            checked: HashMap::new(),
            last_to_folder: None,
        }
    }
}

impl BackupStatus {
    /// The reminder for `today`.
    pub fn reminder(&self, today: NaiveDate) -> BackupReminder {
        backup_reminder(self.last_external, today, self.reminder_days)
    }

    /// When the newest automatic backup in the data folder was taken, as of `now`: one named
    /// after `now` was taken under a clock that ran ahead, and is not "the last backup" (a
    /// start dated 2027-06-01 left that date in the status line for good).
    pub fn last_auto(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        let latest = now + chrono::Duration::minutes(1);
        self.files
            .iter()
            .filter(|(b, _)| !self.not_databases.contains(&b.path))
            .map(|(b, _)| b.taken)
            .find(|&taken| taken <= latest)
    }
}

/// The time to judge backup names by ([`BackupStatus::last_auto`]): the PC's clock `pc`, which
/// names them, or while it is doubted behind, the latest time the app has seen (today's real
/// backup is not "named in the future" for a clock ten days behind).
pub fn naming_now(clock: Option<crate::clock::ClockJudgement>, pc: NaiveDateTime) -> NaiveDateTime {
    match clock {
        Some(crate::clock::ClockJudgement::Behind { latest }) => latest.max(pc),
        _ => pc,
    }
}

/// What the platform gave for reaching someone: a tray icon, desktop notifications.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReachStatus {
    /// A tray icon is up.
    pub tray: bool,
    /// How reminders reach the desktop.
    pub desktop: crate::ui::reach::Desktop,
}

/// How and when reminders reach someone not looking at the window (Settings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReachSettings {
    /// When the shop opens: checks due today are announced then.
    pub opening: chrono::NaiveTime,
    /// No desktop notifications (the tray icon still counts what is due).
    pub quiet: bool,
    /// Closing the window hides it to the notification area, so reminders keep coming.
    pub close_to_tray: bool,
}

impl Default for ReachSettings {
    fn default() -> ReachSettings {
        ReachSettings {
            opening: crate::reminders::default_opening(),
            quiet: false,
            close_to_tray: true,
        }
    }
}

pub use crate::emergency::RunningOutage;

/// The data every screen may read, held once by the app and read again after every write.
pub struct Shared {
    /// The interface language.
    pub lang: Lang,
    /// Light, dark or the OS's.
    pub theme: ThemeChoice,
    /// Zoom in percent (100–200).
    pub zoom: u32,
    /// The data folder and its files.
    pub paths: DataPaths,
    /// The shop's name as entered in Settings (may be empty).
    pub shop_name: String,
    /// The merchant skipped Today's "set up your shop" steps.
    pub setup_skipped: bool,
    /// The device registry, retired devices too.
    pub devices: Vec<Device>,
    /// Recent incidents, open first.
    pub incidents: Vec<Incident>,
    /// How many incidents are open in all (the list above may hold fewer).
    pub open_incidents: usize,
    /// Why the records could not be read the last time they were, if they could not: the
    /// screens' data is then not the shop's.
    pub unread: Option<String>,
    /// The merchant's notes on knowledge entries, by entry id.
    pub notes: HashMap<String, String>,
    /// The planner's records and today's agenda.
    pub plan: PlanSnapshot,
    /// Records that could not be read and were left out, and records that break a rule (named
    /// on Today).
    pub row_problems: Vec<crate::store::RowProblem>,
    /// Whether the rules SQLite can check over the whole file (references, dates) were checked
    /// this session: once, at the first reading, not after every write.
    audited: bool,
    /// How and when reminders reach someone not looking at the window.
    pub reach: ReachSettings,
    /// Whether there is a tray icon and how notifications reach the desktop (Settings says).
    pub reach_status: ReachStatus,
    /// The emergency plan being run, if one is (shown on Today, reminded after a while).
    pub running_plan: Option<RunningOutage>,
    /// What is known about backups.
    pub backups: BackupStatus,
    /// Today's warnings (Insights), acknowledged ones marked; open ones first.
    pub warnings: Vec<Warning>,
    /// The searchable knowledge base (empty until its start-up build arrives).
    pub index: Index,
    /// Counts every new index, so a screen can tell its results are out of date.
    pub index_version: u64,
    /// The merchant's own entries the index was (or is being) built with.
    own_entries: Option<Vec<Entry>>,
    /// The index being built on a worker thread.
    index_build: Option<std::thread::JoinHandle<Index>>,
    /// The system's file dialogs, until one is found missing.
    pub dialogs: FileDialogs,
}

impl Shared {
    /// Nothing read yet, for the data folder `paths`, with the system's file dialogs or none.
    pub fn new(paths: DataPaths, native_dialogs: bool) -> Self {
        Shared {
            dialogs: FileDialogs::new(native_dialogs),
            lang: Lang::from_os(),
            theme: ThemeChoice::System,
            zoom: 100,
            paths,
            shop_name: String::new(),
            setup_skipped: false,
            devices: Vec::new(),
            incidents: Vec::new(),
            open_incidents: 0,
            unread: None,
            notes: HashMap::new(),
            plan: PlanSnapshot::default(),
            reach_status: ReachStatus {
                tray: false,
                desktop: crate::ui::reach::Desktop::Notifications,
            },
            reach: ReachSettings::default(),
            row_problems: Vec::new(),
            audited: false,
            running_plan: None,
            backups: BackupStatus::default(),
            warnings: Vec::new(),
            index: Index::new(Vec::new()),
            index_version: 0,
            own_entries: None,
            index_build: None,
        }
    }

    /// Reads the settings the window itself follows (language, theme, zoom); the shop's own are
    /// read with the data ([`Shared::reload`]).
    pub fn read_settings(&mut self, store: &Records) {
        let setting = |key| store.setting(key).ok().flatten();
        if let Some(lang) = setting(keys::LANGUAGE).and_then(|c| Lang::from_code(&c)) {
            self.lang = lang;
        }
        self.theme = setting(keys::THEME)
            .map(|c| ThemeChoice::from_code(&c))
            .unwrap_or_default();
        self.zoom = store.zoom_percent();
        self.reach = ReachSettings {
            opening: setting(keys::OPENING_TIME)
                .and_then(|t| chrono::NaiveTime::parse_from_str(&t, "%H:%M").ok())
                .unwrap_or_else(crate::reminders::default_opening),
            quiet: setting(keys::QUIET).as_deref() == Some("1"),
            // Unless chosen in Settings: kept in the notification area when POS Care opens
            // with Windows (it is meant to be there all day), closed otherwise.
            close_to_tray: match setting(keys::CLOSE_TO_TRAY).as_deref() {
                Some(choice) => choice != "0",
                None => matches!(
                    crate::autostart::state(),
                    crate::autostart::Autostart::On { .. }
                ),
            },
        };
    }

    /// The data folder cannot be used by the window (a write-protected stick, a folder held by
    /// another copy): what the lookup needs is read from it without writing anything — the
    /// shop's language, theme and zoom, its terminals and incidents, the merchant's own entries
    /// and notes — or, when even that fails, the built-in base alone. Looking up a prompt
    /// writes nothing.
    pub fn read_for_lookup_only(&mut self) {
        let read = crate::store::ReadStore::open(self.paths.clone())
            .ok()
            .flatten();
        let mut own = Vec::new();
        if let Some(store) = &read {
            self.read_settings(store);
            // The shop's terminals and its incidents are shown as they are (nothing recorded
            // can be added to them).
            self.devices = store.devices().unwrap_or_default();
            self.incidents = store.recent_incidents(INCIDENTS_SHOWN).unwrap_or_default();
            self.open_incidents = store.open_incident_count().unwrap_or_default();
            self.notes = store
                .entry_notes()
                .map(|notes| notes.into_iter().collect())
                .unwrap_or_default();
            own = store
                .own_entries()
                .map(|all| all.iter().map(|(id, d)| d.to_entry(*id)).collect())
                .unwrap_or_default();
        }
        self.own_entries = Some(own.clone());
        self.index_build = Some(std::thread::spawn(move || index_with(own)));
    }

    /// Reads the shop's own settings the screens show (its name, whether its set-up was
    /// skipped): after every write, so a name saved in Settings is on the next call sheet.
    fn read_shop_settings(&mut self, store: &Records) -> Result<(), StoreError> {
        self.shop_name = store.setting(keys::SHOP_NAME)?.unwrap_or_default();
        self.setup_skipped = store.setting(keys::SETUP_SKIPPED)?.is_some();
        Ok(())
    }

    /// Reads the shop's settings, the devices, incidents, notes and the merchant's own entries
    /// again, and the plan of `today` (recording missed occurrences). The index is rebuilt only when the merchant's
    /// own entries changed: at start-up on a worker thread, later at once.
    pub fn reload(&mut self, store: &mut Store, today: NaiveDate) -> Result<(), StoreError> {
        self.read_shop_settings(store)?;
        self.devices = store.devices()?;
        self.incidents = store.recent_incidents(INCIDENTS_SHOWN)?;
        self.open_incidents = store.open_incident_count()?;
        self.notes = store.entry_notes()?.into_iter().collect();
        let own: Vec<Entry> = store
            .own_entries()?
            .iter()
            .map(|(id, d)| d.to_entry(*id))
            .collect();
        if self.own_entries.as_ref() != Some(&own) {
            self.own_entries = Some(own.clone());
            if self.index_version == 0 && self.index_build.is_none() {
                // At start-up the index is built off the UI thread, so it does not delay the
                // first frame; the lookup searches again when it arrives.
                self.index_build = Some(std::thread::spawn(move || index_with(own)));
            } else {
                self.wait_for_index();
                self.set_index(index_with(own));
            }
        }
        self.reload_plan(store, today)?;
        // After the reading, so a record that could not be read is named once.
        if !self.audited {
            store.audit_rules()?;
            self.audited = true;
            self.row_problems = store.row_problems();
        }
        Ok(())
    }

    /// Reads the plan of `today` again, recording missed occurrences, the day's warnings and
    /// the plan being run.
    pub fn reload_plan(&mut self, store: &mut Store, today: NaiveDate) -> Result<(), StoreError> {
        self.plan = store.plan_snapshot_recording_missed(today)?;
        self.warnings = store.current_warnings(today, &self.plan)?;
        self.row_problems = store.row_problems();
        self.running_plan = store.running_outage_named()?;
        Ok(())
    }

    /// Reads the backup files, the log, the last outside backup and the reminder again.
    pub fn reload_backups(&mut self, store: &Records) {
        let files: Vec<(BackupInfo, u64)> = list_backups(&self.paths.backups())
            .into_iter()
            .map(|b| {
                let bytes = std::fs::metadata(&b.path).map(|m| m.len()).unwrap_or(0);
                (b, bytes)
            })
            .collect();
        // (The status line's "last automatic backup" is never junk named like one.)
        let not_databases = files
            .iter()
            .filter(|(b, _)| !crate::store::has_database_header(&b.path))
            .map(|(b, _)| b.path.clone())
            .collect();
        let setting = |key| store.setting(key).ok().flatten();
        let checked = std::mem::take(&mut self.backups.checked);
        let log = store.backup_log(LOG_SHOWN).unwrap_or_default();
        let last_to_folder = log
            .iter()
            .filter(|r| r.ok && r.kind == "manual")
            .map(|r| (PathBuf::from(&r.path), r.at))
            .find(|(path, _)| path.is_file());
        self.backups = BackupStatus {
            last_external: store.last_external_backup().ok().flatten(),
            reminder_days: setting(keys::BACKUP_REMINDER_DAYS)
                .and_then(|d| crate::planner::reminder::parse_reminder_days(&d))
                .unwrap_or(DEFAULT_REMINDER_DAYS),
            // (A folder kept by an older version as typed, `usb`, is no folder to offer: it
            // means wherever the window happens to be started from.)
            folder: setting(keys::BACKUP_FOLDER)
                .filter(|f| Path::new(f).is_absolute())
                .unwrap_or_default(),
            files,
            not_databases,
            log,
            checked,
            last_to_folder,
        };
    }

    /// Whether the index is still being built.
    pub fn building_index(&self) -> bool {
        self.index_build.is_some()
    }

    /// Takes the index from its worker thread once it is done; `true` when it arrived.
    pub fn poll_index(&mut self) -> bool {
        if self.index_build.as_ref().is_some_and(|b| b.is_finished()) {
            self.wait_for_index();
            true
        } else {
            false
        }
    }

    /// Takes the index from its worker thread, waiting for it if need be.
    fn wait_for_index(&mut self) {
        if let Some(build) = self.index_build.take() {
            // A panic while building would be a bug in the built-in base, which the tests catch;
            // fall back to an empty index rather than bring the window down.
            let index = build.join().unwrap_or_else(|_| Index::new(Vec::new()));
            self.set_index(index);
        }
    }

    fn set_index(&mut self, index: Index) {
        self.index = index;
        self.index_version += 1;
    }

    /// The message for a read that failed.
    pub fn read_failed(&self, e: &StoreError) -> String {
        self.lang
            .fill(T::ErrRead, &[("detail", &e.message(self.lang))])
    }
}

/// What a screen reads while it is drawn: the shared data, and what the app is doing.
pub struct Context<'a> {
    /// The interface language.
    pub lang: Lang,
    /// The day the app treats as today.
    pub today: NaiveDate,
    /// Now, on that day, to the second.
    pub now: NaiveDateTime,
    /// The shared data.
    pub shared: &'a Shared,
    /// The store, for a screen that reads only the rows in view (the history), with `try_lock`.
    pub store: Option<&'a Arc<Mutex<Store>>>,
    /// A running backup, restore or check of the backups: what it is and for how many seconds.
    pub job: Option<(T, u64)>,
    /// The renderer this start uses, and what is kept about it.
    pub renderer: &'a RendererStart,
    /// The screen was just navigated to: it opens at its top (see [`Context::from_top`]).
    pub opened: bool,
}

impl<'a> Context<'a> {
    /// The data folder (nothing the merchant saves may be written into it).
    pub fn data_dir(&self) -> &'a Path {
        &self.shared.paths.dir
    }

    /// The device registry, retired devices too.
    pub fn devices(&self) -> &'a [Device] {
        &self.shared.devices
    }

    /// The planner's records and today's agenda.
    pub fn plan(&self) -> &'a PlanSnapshot {
        &self.shared.plan
    }

    /// The shop's name as entered in Settings (may be empty).
    pub fn shop_name(&self) -> &'a str {
        &self.shared.shop_name
    }

    /// `area` scrolled to its top (and left) on the frame the screen is navigated to, as it was
    /// left otherwise: every screen opens at its beginning.
    pub fn from_top(&self, area: egui::ScrollArea) -> egui::ScrollArea {
        if self.opened {
            area.scroll_offset(egui::Vec2::ZERO)
        } else {
            area
        }
    }
}

/// What a screen's command is applied with: the store (locked), and the shared data.
pub struct Apply<'a> {
    /// The store.
    pub store: &'a mut Store,
    /// The interface language.
    pub lang: Lang,
    /// The day the app treats as today.
    pub today: NaiveDate,
    /// Now, on that day.
    pub now: NaiveDateTime,
    /// The shared data as it was drawn.
    pub shared: &'a Shared,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::BackupKind;

    #[test]
    fn a_backup_named_after_now_is_not_the_last_automatic_one() {
        let at = |d: u32, h: u32| {
            NaiveDate::from_ymd_opt(2026, 12, d)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        let file = |taken| {
            let info = BackupInfo {
                path: PathBuf::from("x.db"),
                taken,
                kind: BackupKind::Auto,
            };
            (info, 1)
        };
        let status = BackupStatus {
            // Newest first: one from a clock that ran half a year ahead, then the real ones.
            files: vec![
                file(at(31, 10) + chrono::Duration::days(150)),
                file(at(6, 9)),
                file(at(5, 9)),
            ],
            ..BackupStatus::default()
        };
        assert_eq!(status.last_auto(at(6, 12)), Some(at(6, 9)));
        assert_eq!(status.last_auto(at(5, 12)), Some(at(5, 9)));
        // Junk named like a backup is none.
        let mut junk = file(at(6, 11));
        junk.0.path = PathBuf::from("junk.db");
        let with_junk = BackupStatus {
            files: vec![junk, file(at(6, 9))],
            not_databases: [PathBuf::from("junk.db")].into_iter().collect(),
            ..BackupStatus::default()
        };
        assert_eq!(with_junk.last_auto(at(6, 12)), Some(at(6, 9)));
        assert_eq!(status.last_auto(at(1, 12)), None);
        // A clock ten days behind, doubted: today's real backup is still the last one.
        use crate::clock::ClockJudgement;
        let behind = Some(ClockJudgement::Behind { latest: at(6, 12) });
        assert_eq!(
            status.last_auto(naming_now(behind, at(1, 12))),
            Some(at(6, 9))
        );
        let ahead = Some(ClockJudgement::Ahead { latest: at(1, 12) });
        assert_eq!(
            naming_now(ahead, at(6, 12)),
            at(6, 12),
            "names are the PC's"
        );
    }
}
