//! The Backups screen: "back up now" to a USB stick, the reminder interval, the automatic
//! backups, the backup log, and restore from any backup file. Also the backup line on Today.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use egui::{RichText, Ui};

use crate::i18n::{Lang, T};
use crate::planner::reminder::{
    BackupReminder, DEFAULT_REMINDER_DAYS, backup_reminder, parse_reminder_days,
};
use crate::store::{BackupInfo, BackupKind, BackupRecord};
use crate::ui::app::Command;
use crate::ui::theme::palette;
use crate::ui::widgets::{TextField, error_text, muted, show_time, title};

/// How many lines of the backup log the screen shows.
pub const LOG_SHOWN: usize = 30;

/// What the app knows about backups, refreshed after every backup job.
#[derive(Clone, Debug)]
pub struct BackupStatus {
    /// When the last backup to an outside folder was made.
    pub last_external: Option<NaiveDateTime>,
    /// After how many days without one Today reminds.
    pub reminder_days: u32,
    /// The backups in the data folder's `backups/`, newest first, with their sizes.
    pub files: Vec<(BackupInfo, u64)>,
    /// The newest lines of the backup log.
    pub log: Vec<BackupRecord>,
    /// The files checked on request, with what is wrong with each (if anything).
    pub checked: std::collections::HashMap<PathBuf, Result<(), String>>,
}

impl Default for BackupStatus {
    fn default() -> Self {
        BackupStatus {
            last_external: None,
            reminder_days: DEFAULT_REMINDER_DAYS,
            files: Vec::new(),
            log: Vec::new(),
            checked: Default::default(),
        }
    }
}

impl BackupStatus {
    /// The reminder for `today`.
    pub fn reminder(&self, today: NaiveDate) -> BackupReminder {
        backup_reminder(self.last_external, today, self.reminder_days)
    }
}

/// What the Backups screen shows, lent by the app for one frame.
pub struct BackupsView<'a> {
    /// The interface language.
    pub lang: Lang,
    /// Today.
    pub today: NaiveDate,
    /// The data folder (its `backups/` holds the automatic ones).
    pub data_dir: &'a Path,
    /// What is known about backups.
    pub status: &'a BackupStatus,
    /// A running backup or restore: what it is and for how many seconds it has run.
    pub running: Option<(T, u64)>,
}

/// The Backups screen's own state.
#[derive(Default)]
pub struct BackupsScreen {
    /// The folder typed or chosen for "back up now".
    pub folder: String,
    /// The backup file typed or chosen for a restore.
    pub restore_file: String,
    /// The reminder interval being typed.
    pub reminder_text: String,
    /// A file waiting for the user to confirm the restore.
    pub confirm: Option<PathBuf>,
    /// A problem to show next to the controls.
    pub problem: Option<String>,
}

impl BackupsScreen {
    /// Draws the screen; user intents go into `out`.
    pub fn ui(&mut self, ui: &mut Ui, view: &BackupsView<'_>, out: &mut Vec<Command>) {
        let lang = view.lang;
        title(ui, lang.t(T::BackupsTitle));
        muted(ui, lang.t(T::BackupsIntro));
        ui.add_space(6.0);
        if let Some(problem) = &self.problem {
            error_text(ui, problem);
        }
        if let Some((what, secs)) = view.running {
            ui.horizontal(|ui| {
                ui.add(
                    egui::ProgressBar::new(0.0)
                        .animate(true)
                        .desired_width(160.0),
                );
                ui.label(lang.fill(what, &[("secs", &secs.to_string())]));
            });
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.external_ui(ui, view, out);
                self.restore_ui(ui, view);
                self.auto_ui(ui, view, out);
                log_ui(ui, view);
            });
        self.confirm_ui(ui.ctx(), lang, out);
    }

    fn external_ui(&mut self, ui: &mut Ui, view: &BackupsView<'_>, out: &mut Vec<Command>) {
        let lang = view.lang;
        section(ui, lang.t(T::BackupsExternal));
        today_line(ui, lang, view.status, view.today, None);
        ui.add_space(4.0);
        let (_, refusal) = TextField::new(
            lang.t(T::BackupFolderLabel),
            &mut self.folder,
            crate::ui::widgets::PATH_CHARS,
        )
        .width(460.0)
        .show(ui, lang);
        if let Some(message) = refusal {
            self.problem = Some(message);
        }
        ui.horizontal(|ui| {
            if ui.button(lang.t(T::BackupChoose)).clicked()
                && let Some(folder) = rfd::FileDialog::new().pick_folder()
            {
                self.folder = folder.display().to_string();
            }
            let start = egui::Button::new(RichText::new(lang.t(T::BackupStart)).strong());
            if ui.add_enabled(view.running.is_none(), start).clicked() {
                match non_empty_path(&self.folder) {
                    Some(folder) => {
                        self.problem = None;
                        out.push(Command::BackupNow(folder));
                    }
                    None => self.problem = Some(lang.t(T::BackupNoFolder).to_owned()),
                }
            }
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let (response, refusal) =
                TextField::new(lang.t(T::BackupsReminderLabel), &mut self.reminder_text, 3)
                    .width(60.0)
                    .show(ui, lang);
            if let Some(message) = refusal {
                self.problem = Some(message);
            }
            ui.label(lang.t(T::BackupsReminderHelp));
            let changed = self.reminder_text.trim() != view.status.reminder_days.to_string();
            let save = response.lost_focus() && changed;
            if ui
                .add_enabled(changed, egui::Button::new(lang.t(T::Save)))
                .clicked()
                || save
            {
                match parse_reminder_days(&self.reminder_text) {
                    Some(days) => {
                        self.problem = None;
                        out.push(Command::SetBackupReminder(days));
                    }
                    None => self.problem = Some(lang.t(T::BackupsReminderBad).to_owned()),
                }
            }
        });
    }

    fn restore_ui(&mut self, ui: &mut Ui, view: &BackupsView<'_>) {
        let lang = view.lang;
        section(ui, lang.t(T::BackupsRestoreFile));
        muted(ui, lang.t(T::BackupsRestoreHelp));
        let (_, refusal) = TextField::new(
            lang.t(T::BackupsRestoreFileLabel),
            &mut self.restore_file,
            crate::ui::widgets::PATH_CHARS,
        )
        .width(460.0)
        .show(ui, lang);
        if let Some(message) = refusal {
            self.problem = Some(message);
        }
        ui.horizontal(|ui| {
            if ui.button(lang.t(T::BackupsChooseFile)).clicked()
                && let Some(file) = rfd::FileDialog::new()
                    .add_filter("POS Care", &["db"])
                    .pick_file()
            {
                self.restore_file = file.display().to_string();
            }
            let start = egui::Button::new(lang.t(T::BackupsRestoreStart));
            if ui.add_enabled(view.running.is_none(), start).clicked() {
                match non_empty_path(&self.restore_file) {
                    Some(file) => {
                        self.problem = None;
                        self.confirm = Some(file);
                    }
                    None => self.problem = Some(lang.t(T::BackupsNoFile).to_owned()),
                }
            }
        });
    }

    /// The automatic backups, each restorable.
    fn auto_ui(&mut self, ui: &mut Ui, view: &BackupsView<'_>, out: &mut Vec<Command>) {
        let lang = view.lang;
        section(ui, lang.t(T::BackupsAuto));
        muted(ui, lang.t(T::BackupsAutoHelp));
        ui.horizontal(|ui| {
            if ui.button(lang.t(T::BackupsOpenFolder)).clicked() {
                out.push(Command::OpenFolder(view.data_dir.join("backups")));
            }
            let check = egui::Button::new(lang.t(T::BackupsCheckAll));
            let enabled = view.running.is_none() && !view.status.files.is_empty();
            if ui.add_enabled(enabled, check).clicked() {
                out.push(Command::VerifyBackups);
            }
        });
        if view.status.files.is_empty() {
            ui.label(lang.t(T::AutoBackupNone));
            return;
        }
        egui::Grid::new("backup-files")
            .striped(true)
            .spacing([18.0, 6.0])
            .show(ui, |ui| {
                ui.strong(lang.t(T::BackupsColWhen));
                ui.strong(lang.t(T::BackupsColKind));
                ui.strong(lang.t(T::BackupsColSize));
                ui.strong(lang.t(T::BackupsColCheck));
                ui.label("");
                ui.end_row();
                for (info, bytes) in &view.status.files {
                    let when = show_time(info.taken);
                    ui.label(&when);
                    ui.label(lang.t(kind_label(info.kind.code())));
                    ui.label(size_text(*bytes));
                    check_cell(ui, lang, view.status.checked.get(&info.path));
                    let button = crate::ui::widgets::named_button(
                        ui,
                        lang.t(T::BackupsRestoreThis),
                        &format!("{} {when}", lang.t(T::BackupsRestoreThis)),
                    );
                    if button.clicked() && view.running.is_none() {
                        self.confirm = Some(info.path.clone());
                    }
                    ui.end_row();
                }
            });
    }

    /// Asks before a restore replaces everything; Esc or Cancel keeps the data as it is.
    fn confirm_ui(&mut self, ctx: &egui::Context, lang: Lang, out: &mut Vec<Command>) {
        let Some(file) = self.confirm.clone() else {
            return;
        };
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("confirm-restore")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.label(
                RichText::new(lang.t(T::BackupsConfirmTitle))
                    .strong()
                    .size(20.0),
            );
            ui.add_space(6.0);
            ui.label(lang.fill(
                T::BackupsConfirmText,
                &[("file", &file.display().to_string())],
            ));
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                let yes = egui::Button::new(RichText::new(lang.t(T::BackupsConfirmYes)).strong());
                if ui.add(yes).clicked() {
                    answer = Some(true);
                }
                if ui.button(lang.t(T::Cancel)).clicked() {
                    answer = Some(false);
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(false);
        }
        match answer {
            Some(true) => {
                self.confirm = None;
                out.push(Command::Restore(file));
            }
            Some(false) => self.confirm = None,
            None => {}
        }
    }
}

/// What the check found for one file: not checked yet, good, or what is wrong.
fn check_cell(ui: &mut Ui, lang: Lang, checked: Option<&Result<(), String>>) {
    let pal = palette(ui);
    match checked {
        None => muted(ui, lang.t(T::BackupsNotChecked)),
        Some(Ok(())) => {
            ui.label(RichText::new(format!("✓ {}", lang.t(T::BackupsGood))).color(pal.ok));
        }
        Some(Err(problem)) => {
            ui.label(
                RichText::new(format!("⚠ {}", lang.t(T::BackupsBad)))
                    .color(pal.danger)
                    .strong(),
            )
            .on_hover_text(problem);
        }
    }
}

/// The newest lines of the backup log, failures marked in words and colour.
fn log_ui(ui: &mut Ui, view: &BackupsView<'_>) {
    let lang = view.lang;
    section(ui, lang.t(T::BackupsLog));
    if view.status.log.is_empty() {
        muted(ui, lang.t(T::BackupsLogEmpty));
        return;
    }
    let pal = palette(ui);
    for record in &view.status.log {
        ui.horizontal_wrapped(|ui| {
            ui.label(show_time(record.at));
            ui.label(lang.t(kind_label(&record.kind)));
            if record.ok {
                ui.label(RichText::new("✓").color(pal.ok));
                muted(ui, &record.path);
                muted(ui, &size_text(record.bytes));
            } else {
                ui.label(
                    RichText::new(format!("⚠ {}", lang.t(T::BackupsLogFailed)))
                        .color(pal.danger)
                        .strong(),
                );
                muted(ui, &record.detail);
            }
        });
    }
}

/// The line about outside backups, on Today and on this screen: fresh in green, due or never in
/// amber with a way to the Backups screen when `go` is given.
pub fn today_line(
    ui: &mut Ui,
    lang: Lang,
    status: &BackupStatus,
    today: NaiveDate,
    go: Option<&mut Vec<Command>>,
) {
    let pal = palette(ui);
    let when = status.last_external.map(show_time).unwrap_or_default();
    let (text, colour, due) = match status.reminder(today) {
        BackupReminder::Never => (lang.t(T::TodayBackupNever).to_owned(), pal.warn, true),
        BackupReminder::Fresh { days } => (
            lang.fill(
                T::TodayBackupOk,
                &[("when", &when), ("days", &days_text(lang, days))],
            ),
            pal.ok,
            false,
        ),
        BackupReminder::Due { days } => (
            lang.fill(
                T::TodayBackupDue,
                &[
                    ("n", &days.to_string()),
                    ("interval", &status.reminder_days.to_string()),
                ],
            ),
            pal.warn,
            true,
        ),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(text).color(colour).strong());
        if let Some(out) = go
            && due
            && ui.button(lang.t(T::TodayBackupGo)).clicked()
        {
            out.push(Command::Navigate(crate::ui::app::Screen::Backups));
        }
    });
}

/// "today" or "N days ago".
fn days_text(lang: Lang, days: i64) -> String {
    if days == 0 {
        lang.t(T::BackupsToday).to_owned()
    } else {
        lang.fill(T::BackupsDaysAgo, &[("n", &days.to_string())])
    }
}

/// The label of a backup kind as the log and the file names spell it.
fn kind_label(code: &str) -> T {
    match code {
        "pre_migration" => T::BackupsKindPreMigration,
        "pre_restore" => T::BackupsKindPreRestore,
        "manual" => T::BackupsKindManual,
        "restored" => T::BackupsKindRestored,
        c if c == BackupKind::PreMigration.code() => T::BackupsKindPreMigration,
        c if c == BackupKind::PreRestore.code() => T::BackupsKindPreRestore,
        _ => T::BackupsKindAuto,
    }
}

/// A file size for people: KB below a megabyte, MB above.
fn size_text(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// A typed path, or `None` when the field is blank.
fn non_empty_path(text: &str) -> Option<PathBuf> {
    let text = text.trim().trim_matches('"');
    (!text.is_empty()).then(|| PathBuf::from(text))
}

/// A section heading with space above it.
fn section(ui: &mut Ui, text: &str) {
    ui.add_space(14.0);
    ui.label(RichText::new(text).strong().size(18.0));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size_text(0), "0 KB");
        assert_eq!(size_text(1), "1 KB");
        assert_eq!(size_text(40 * 1024 * 1024 + 300_000), "40.3 MB");
    }

    #[test]
    fn typed_paths_lose_quotes_and_blanks() {
        assert_eq!(non_empty_path("  "), None);
        assert_eq!(
            non_empty_path(" \"E:\\备份\" "),
            Some(PathBuf::from("E:\\备份"))
        );
    }
}
