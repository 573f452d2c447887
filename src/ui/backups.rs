//! The Backups screen: "back up now" to a USB stick, the reminder interval, the automatic
//! backups, the backup log, and restore from any backup file. Also the backup line on Today.

use std::path::PathBuf;
use std::thread::JoinHandle;

use egui::{RichText, Ui};

use crate::files::Cause;
use crate::i18n::{Lang, T};
use crate::planner::reminder::parse_reminder_days;
use crate::store::{
    BackupContents, BackupInfo, BackupKind, DataPaths, VerifyError, inspect_backup, keys,
    list_backups,
};
use crate::ui::backup_line::backup_line;
use crate::ui::command::{AppCommand, Out, Outcome, Page};
use crate::ui::context::{Apply, Context};
use crate::ui::file_dialog::{Picked, choose_button, no_dialog_note};
use crate::ui::theme::palette;
use crate::ui::widgets::{TextField, error_text, muted, show_time, title};

/// What the Backups screen asks to be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupsCommand {
    /// Remind after this many days without an outside backup.
    SetReminder(u32),
    /// The folder for backups to a stick, typed or chosen (kept before the first backup).
    SetFolder(String),
}

/// Below this width (in points) the automatic backups are listed as blocks, not as a table.
const NARROW_LIST: f32 = 520.0;

/// The Backups screen's own state.
#[derive(Default)]
pub struct BackupsScreen {
    /// The folder typed or chosen for "back up now".
    folder: String,
    /// The backup file typed or chosen for a restore.
    restore_file: String,
    /// The reminder interval being typed.
    reminder_text: String,
    /// Whether the two fields above were filled from the settings since they were last read.
    seeded: bool,
    /// A file being checked before a restore is offered (on a worker thread: it may be large,
    /// or on a slow USB stick).
    inspecting: Option<Inspection>,
    /// A file checked and found good, with what it holds, waiting for the user to confirm the
    /// restore.
    confirm: Option<(PathBuf, BackupContents)>,
    /// What the data holds now, read with the rest, said beside the backup's before a restore.
    now_holds: Option<BackupContents>,
    /// A problem to show under the row it came from (above it, a line appearing would move
    /// every control under the mouse: the next click landed on "back up now").
    problem: Option<(Row, String)>,
    /// The language the screen was last drawn in: a problem said in another one is dropped
    /// (a Chinese refusal stayed pinned on the English screen).
    drawn_in: Option<Lang>,
    /// The backups in the folder typed as the file to restore (a stick's folder: its backups'
    /// names are not known by heart), newest first, to choose one from.
    in_folder: Vec<(BackupInfo, Result<BackupContents, VerifyError>)>,
    /// How many older backups that folder holds beyond those listed.
    more_in_folder: usize,
    /// Bring the restore into view at the next frame (the set-up's "moving from another PC").
    show_restore: bool,
}

/// How many of a folder's backups are offered to choose from.
const FOLDER_LIST: usize = 8;

/// A backup file being checked on a worker thread.
struct Inspection {
    file: PathBuf,
    handle: JoinHandle<Result<BackupContents, VerifyError>>,
}

/// The rows of the screen a problem is said under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    /// Backing up to a folder.
    Backup,
    /// The reminder's days.
    Reminder,
    /// Restoring from a file.
    Restore,
}

impl BackupsScreen {
    /// Checks `file` before anything is asked: a good file is then offered for restoring with
    /// what it holds; a bad one gets its message and no question.
    fn inspect(&mut self, ctx: &egui::Context, file: PathBuf, data: &DataPaths) {
        self.problem = None;
        let (path, ctx, data) = (file.clone(), ctx.clone(), data.clone());
        let handle = std::thread::spawn(move || {
            // The data file itself (the window holds it open) is no backup.
            let result = if data.is_data_file(&path) {
                Err(VerifyError::IsTheData)
            } else {
                inspect_backup(&path)
            };
            ctx.request_repaint();
            result
        });
        self.inspecting = Some(Inspection { file, handle });
    }

    /// Takes the check's answer once it is in (looking again shortly until then: the worker's
    /// repaint may come just before it is done).
    fn poll_inspection(&mut self, ctx: &egui::Context, lang: Lang) {
        let Some(inspection) = &self.inspecting else {
            return;
        };
        if !inspection.handle.is_finished() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        }
        let Some(Inspection { file, handle }) = self.inspecting.take() else {
            return;
        };
        let result = handle.join().unwrap_or_else(|_| {
            Err(VerifyError::Io(Cause::said(
                "the check stopped unexpectedly",
            )))
        });
        match result {
            Ok(contents) => self.confirm = Some((file, contents)),
            Err(e) => {
                let detail = e.message(lang);
                self.problem = Some((
                    Row::Restore,
                    lang.fill(T::BackupsRestoreFailed, &[("detail", &detail)]),
                ));
            }
        }
    }

    /// Whether a restore may be asked for now (no job, no file being checked).
    fn can_restore(&self, view: &Context<'_>) -> bool {
        view.job.is_none() && self.inspecting.is_none()
    }

    /// Draws the screen; user intents go into `out`.
    fn draw(&mut self, ui: &mut Ui, view: &Context<'_>, out: &mut Out<BackupsCommand>) {
        let lang = view.lang;
        if !self.seeded {
            self.seeded = true;
            // The folder last backed up to, else (after a restore of a backup older than the
            // setting) the folder of the newest backup the log names.
            let backups = &view.shared.backups;
            self.folder = match backups.folder.trim() {
                "" => backups
                    .last_to_folder
                    .as_ref()
                    .and_then(|(file, _)| file.parent())
                    .map(|dir| dir.display().to_string())
                    .unwrap_or_default(),
                folder => folder.to_owned(),
            };
            self.reminder_text = view.shared.backups.reminder_days.to_string();
        }
        self.poll_inspection(ui.ctx(), lang);
        title(ui, lang.t(T::BackupsTitle));
        muted(ui, lang.t(T::BackupsIntro));
        ui.add_space(6.0);
        if self.inspecting.is_some() {
            muted(ui, lang.t(T::BackupsInspecting));
        }
        if let Some((what, secs)) = view.job {
            ui.horizontal(|ui| {
                ui.add(
                    egui::ProgressBar::new(0.0)
                        .animate(true)
                        .desired_width(160.0),
                );
                ui.label(lang.fill(what, &[("secs", &secs.to_string())]));
            });
        }
        view.from_top(egui::ScrollArea::vertical())
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.external_ui(ui, view, out);
                self.restore_ui(ui, view);
                self.auto_ui(ui, view, out);
                log_ui(ui, view);
            });
        self.confirm_ui(ui.ctx(), lang, out);
    }

    fn external_ui(&mut self, ui: &mut Ui, view: &Context<'_>, out: &mut Out<BackupsCommand>) {
        let lang = view.lang;
        section(ui, lang.t(T::BackupsExternal));
        backup_line(ui, lang, &view.shared.backups, view.today, false);
        ui.add_space(4.0);
        let (field, refusal) = TextField::new(
            lang.t(T::BackupFolderLabel),
            &mut self.folder,
            crate::ui::widgets::PATH_CHARS,
        )
        .width(460.0)
        .show(ui, lang);
        if let Some(message) = refusal {
            self.problem = Some((Row::Backup, message));
        }
        // Kept as soon as it is typed (left, or Enter): read again from the settings on the
        // next visit, a folder typed and not yet backed up to was gone (a shop owner typed it
        // twice).
        let mut kept = field.lost_focus();
        // Wrapped: beside the buttons, the note for a PC without a file dialog must not push
        // the page wider than a small window at 200 %.
        ui.horizontal_wrapped(|ui| {
            let dialogs = &view.shared.dialogs;
            // No dialog: the button greys and the note says to type the path.
            if choose_button(ui, lang, dialogs, lang.t(T::BackupChoose))
                && let Picked::Path(folder) = dialogs.pick_folder()
            {
                self.folder = folder.display().to_string();
                kept = true;
            }
            let start = egui::Button::new(RichText::new(lang.t(T::BackupStart)).strong());
            if ui.add_enabled(view.job.is_none(), start).clicked() {
                match non_empty_path(&self.folder) {
                    Some(folder) => {
                        self.problem = None;
                        out.app(AppCommand::BackupNow(folder));
                    }
                    None => {
                        self.problem = Some((Row::Backup, lang.t(T::BackupNoFolder).to_owned()));
                    }
                }
            }
            no_dialog_note(ui, lang, &view.shared.dialogs);
        });
        let typed = self.folder.trim();
        if kept && !typed.is_empty() && typed != view.shared.backups.folder.trim() {
            out.push(BackupsCommand::SetFolder(typed.to_owned()));
        }
        self.problem_ui(ui, Row::Backup);
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            let (response, refusal) =
                TextField::new(lang.t(T::BackupsReminderLabel), &mut self.reminder_text, 3)
                    .width(60.0)
                    .show(ui, lang);
            if let Some(message) = refusal {
                self.problem = Some((Row::Reminder, message));
            } else if response.changed() {
                // Typing again is the answer to the last problem: it goes.
                self.problem = None;
            }
            ui.label(lang.t(T::BackupsReminderHelp));
            let changed =
                self.reminder_text.trim() != view.shared.backups.reminder_days.to_string();
            let save = response.lost_focus() && changed;
            if ui
                .add_enabled(changed, egui::Button::new(lang.t(T::Save)))
                .clicked()
                || save
            {
                match parse_reminder_days(&self.reminder_text) {
                    Some(days) => {
                        self.problem = None;
                        out.push(BackupsCommand::SetReminder(days));
                    }
                    None => {
                        self.problem =
                            Some((Row::Reminder, lang.t(T::BackupsReminderBad).to_owned()));
                    }
                }
            }
        });
        self.problem_ui(ui, Row::Reminder);
    }

    /// The problem of `row`, if it has one, under it.
    fn problem_ui(&self, ui: &mut Ui, row: Row) {
        if let Some((at, problem)) = &self.problem
            && *at == row
        {
            error_text(ui, problem);
        }
    }

    /// Lists the backups in `folder` to choose from (plain files named as ours, newest first);
    /// the problem to say when there are none or the folder cannot be read.
    fn list_folder(&mut self, folder: &std::path::Path, lang: Lang) -> Option<String> {
        // A folder that cannot be read is not one without backups (a tester was told his
        // backup was not there).
        if let Err(e) = std::fs::read_dir(folder) {
            return Some(lang.fill(
                T::BackupsFolderUnreadable,
                &[("why", &Cause::of(&e).message(lang))],
            ));
        }
        // Only plain files: a folder or a link named like a backup is none.
        let all: Vec<BackupInfo> = list_backups(folder)
            .into_iter()
            .filter(|b| std::fs::symlink_metadata(&b.path).is_ok_and(|m| m.is_file()))
            .collect();
        self.more_in_folder = all.len().saturating_sub(FOLDER_LIST);
        // Each with what it holds: an empty copy or a damaged file named newest must not pass
        // for the shop's backup (a fault tester's stick listed an empty copy first).
        self.in_folder = all
            .into_iter()
            .take(FOLDER_LIST)
            .map(|b| {
                let held = crate::store::peek_backup(&b.path);
                (b, held)
            })
            .collect();
        self.in_folder
            .is_empty()
            .then(|| lang.t(T::BackupsNoneInFolder).to_owned())
    }

    fn restore_ui(&mut self, ui: &mut Ui, view: &Context<'_>) {
        let lang = view.lang;
        let heading = section(ui, lang.t(T::BackupsRestoreFile));
        if std::mem::take(&mut self.show_restore) {
            heading.scroll_to_me(Some(egui::Align::TOP));
        }
        muted(ui, lang.t(T::BackupsRestoreHelp));
        let (_, refusal) = TextField::new(
            lang.t(T::BackupsRestoreFileLabel),
            &mut self.restore_file,
            crate::ui::widgets::PATH_CHARS,
        )
        .width(460.0)
        .show(ui, lang);
        if let Some(message) = refusal {
            self.problem = Some((Row::Restore, message));
        }
        ui.horizontal_wrapped(|ui| {
            let dialogs = &view.shared.dialogs;
            if choose_button(ui, lang, dialogs, lang.t(T::BackupsChooseFile))
                && let Picked::Path(file) = dialogs.pick_file(Some(("POS Care", &["db"])))
            {
                self.restore_file = file.display().to_string();
            }
            let start = egui::Button::new(lang.t(T::BackupsRestoreStart));
            if ui.add_enabled(self.can_restore(view), start).clicked() {
                self.in_folder.clear();
                if self
                    .problem
                    .as_ref()
                    .is_some_and(|(row, _)| *row == Row::Restore)
                {
                    self.problem = None;
                }
                match non_empty_path(&self.restore_file) {
                    // A folder (the stick's): its backups, to choose one from.
                    Some(folder) if folder.is_dir() => {
                        self.problem = self.list_folder(&folder, lang).map(|p| (Row::Restore, p));
                    }
                    Some(file) => self.inspect(ui.ctx(), file, &view.shared.paths),
                    None => {
                        self.problem = Some((Row::Restore, lang.t(T::BackupsNoFile).to_owned()));
                    }
                }
            }
            no_dialog_note(ui, lang, &view.shared.dialogs);
        });
        self.problem_ui(ui, Row::Restore);
        if !self.in_folder.is_empty() {
            muted(ui, lang.t(T::BackupsInFolder));
            let mut chosen = None;
            for (b, held) in &self.in_folder {
                let name = b.path.file_name().unwrap_or_default().to_string_lossy();
                let held = match held {
                    Ok(contents) if contents.holds_nothing() => {
                        lang.t(T::BackupsFolderEmpty).to_owned()
                    }
                    Ok(contents) => contents.counts_text(lang),
                    Err(e) => lang.fill(T::BackupsFolderBad, &[("why", &e.message(lang))]),
                };
                let text = format!(
                    "{} · {} · {name}\n{held}",
                    show_time(b.taken),
                    lang.t(kind_label(b.kind.code()))
                );
                if ui.add(egui::Button::new(text).wrap()).clicked() {
                    chosen = Some(b.path.display().to_string());
                }
            }
            if self.more_in_folder > 0 {
                muted(
                    ui,
                    &lang.fill(
                        T::BackupsMoreInFolder,
                        &[("n", &self.more_in_folder.to_string())],
                    ),
                );
            }
            if let Some(file) = chosen {
                self.restore_file = file;
                self.in_folder.clear();
            }
        }
        // The newest backup made to a folder, one click away (no path to type); under the
        // buttons, so its going away once something is typed moves none of them.
        if self.restore_file.trim().is_empty()
            && let Some((file, at)) = &view.shared.backups.last_to_folder
        {
            let name = file.display().to_string();
            let text = lang.fill(
                T::BackupsUseLastToFolder,
                &[("when", &show_time(*at)), ("file", &name)],
            );
            // (Wrapped: a long path must not widen the page at 200 %.)
            if ui.add(egui::Button::new(text).wrap()).clicked() {
                self.restore_file = name;
            }
        }
    }

    /// The automatic backups, each restorable.
    fn auto_ui(&mut self, ui: &mut Ui, view: &Context<'_>, out: &mut Out<BackupsCommand>) {
        let lang = view.lang;
        section(ui, lang.t(T::BackupsAuto));
        muted(ui, lang.t(T::BackupsAutoHelp));
        // (Wrapped: two buttons side by side at 200 % are wider than a small till's window,
        // and a row that does not wrap widens everything below it past the edge.)
        ui.horizontal_wrapped(|ui| {
            if ui.button(lang.t(T::BackupsOpenFolder)).clicked() {
                out.app(AppCommand::Open(view.shared.paths.backups()));
            }
            let check = egui::Button::new(lang.t(T::BackupsCheckAll));
            let enabled = view.job.is_none() && !view.shared.backups.files.is_empty();
            if ui.add_enabled(enabled, check).clicked() {
                out.app(AppCommand::VerifyBackups);
            }
        });
        if view.shared.backups.files.is_empty() {
            ui.label(lang.t(T::AutoBackupNone));
            return;
        }
        // On a narrow window (a small till at 200 %) each backup is a short block: its line,
        // then its button, instead of five columns wider than the window.
        let narrow = ui.available_width() < NARROW_LIST;
        let mut file_row = |ui: &mut Ui, info: &BackupInfo, bytes: u64| {
            let when = show_time(info.taken);
            // Named after today by the PC's clock, which names them (or the latest time seen,
            // when it is doubted behind): made while the clock ran ahead (a fault tester took a
            // copy named a year ahead for the newest one). Short in its cell, said whole on
            // hover: a long cell pushed the columns past a small till's edge.
            let naming = chrono::Local::now().naive_local().max(view.now);
            let ahead = info.taken.date() > naming.date();
            let cells = |ui: &mut Ui| {
                if ahead {
                    ui.label(format!("{when} {}", lang.t(T::BackupsNamedAhead)))
                        .on_hover_text(lang.t(T::BackupsNamedAheadWhy));
                } else {
                    ui.label(&when);
                }
                ui.label(lang.t(kind_label(info.kind.code())));
                ui.label(size_text(bytes));
                check_cell(ui, lang, view.shared.backups.checked.get(&info.path));
            };
            if narrow {
                ui.separator();
                ui.horizontal_wrapped(cells);
            } else {
                cells(ui);
            }
            let button = crate::ui::widgets::named_button(
                ui,
                lang.t(T::BackupsRestoreThis),
                &format!("{} {when}", lang.t(T::BackupsRestoreThis)),
            );
            if button.clicked() && self.can_restore(view) {
                self.inspect(ui.ctx(), info.path.clone(), &view.shared.paths);
            }
        };
        if narrow {
            for (info, bytes) in &view.shared.backups.files {
                file_row(ui, info, *bytes);
            }
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
                for (info, bytes) in &view.shared.backups.files {
                    file_row(ui, info, *bytes);
                    ui.end_row();
                }
            });
    }

    /// Asks before a restore replaces everything, saying what the checked file holds; Esc or
    /// Cancel keeps the data as it is.
    fn confirm_ui(&mut self, ctx: &egui::Context, lang: Lang, out: &mut Out<BackupsCommand>) {
        let Some((file, contents)) = self.confirm.clone() else {
            return;
        };
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("confirm-restore")).show(ctx, |ui| {
            ui.set_max_width(crate::ui::widgets::modal_width(ui.ctx(), 520.0));
            ui.label(
                RichText::new(lang.t(T::BackupsConfirmTitle))
                    .strong()
                    .size(20.0),
            );
            ui.add_space(6.0);
            ui.label(lang.fill(
                T::BackupsConfirmText,
                &[
                    ("file", &file.display().to_string()),
                    ("contents", &contents.counts_text(lang)),
                    ("newest", &contents.newest_text(lang)),
                ],
            ));
            // What it replaces, beside it: "2 devices → 0" must be seen before, not after.
            if let Some(now) = &self.now_holds {
                ui.add_space(6.0);
                ui.label(
                    RichText::new(lang.fill(
                        T::BackupsConfirmNow,
                        &[
                            ("contents", &now.counts_text(lang)),
                            ("newest", &now.newest_text(lang)),
                        ],
                    ))
                    .strong(),
                );
                let danger = crate::ui::theme::palette(ui).danger;
                for warning in contents.restore_warnings(now, lang) {
                    ui.label(RichText::new(format!("⚠ {warning}")).color(danger).strong());
                }
            }
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
                out.app(AppCommand::Restore(file, Some(contents)));
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
fn log_ui(ui: &mut Ui, view: &Context<'_>) {
    let lang = view.lang;
    section(ui, lang.t(T::BackupsLog));
    if view.shared.backups.log.is_empty() {
        muted(ui, lang.t(T::BackupsLogEmpty));
        return;
    }
    let pal = palette(ui);
    for record in &view.shared.backups.log {
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

impl Page for BackupsScreen {
    type Command = BackupsCommand;
    // Every row wraps: at 200 % on a small till the screen takes the window's width instead of
    // scrolling sideways.
    const MIN_WIDTH: f32 = crate::ui::panes::NARROWEST;

    fn ui(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<BackupsCommand>) {
        if self.drawn_in.replace(cx.lang) != Some(cx.lang) {
            self.problem = None;
        }
        self.draw(ui, cx, out);
    }

    fn reload(&mut self, store: &crate::store::Records, _lang: Lang) -> Result<(), String> {
        // (Only said in the question before a restore: not being able to count is no error.)
        self.now_holds = store.contents().ok();
        Ok(())
    }

    /// A backup file being checked before a restore is offered (its answer is taken when the
    /// screen is drawn next).
    fn busy(&self) -> bool {
        self.inspecting.is_some()
    }

    fn apply(&mut self, command: BackupsCommand, ax: &mut Apply<'_>) -> Outcome {
        let lang = ax.lang;
        match command {
            BackupsCommand::SetReminder(days) => {
                match ax
                    .store
                    .set_setting(keys::BACKUP_REMINDER_DAYS, &days.to_string())
                {
                    Ok(()) => {
                        self.reminder_text = days.to_string();
                        Outcome::Done(
                            lang.fill(T::BackupsReminderSaved, &[("n", &days.to_string())]),
                        )
                    }
                    Err(e) => Outcome::failed_write(&e, lang),
                }
            }
            BackupsCommand::SetFolder(folder) => {
                Outcome::of_change(ax.store.set_setting(keys::BACKUP_FOLDER, &folder), lang)
            }
        }
    }

    /// Files may have come or gone outside the app (copied in, cleaned up): the app reads the
    /// backups again on every visit; the fields follow the settings as read.
    fn shown(&mut self, focus: Option<&crate::ui::command::Focus>) {
        self.seeded = false;
        self.show_restore = matches!(focus, Some(crate::ui::command::Focus::Restore));
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
fn section(ui: &mut Ui, text: &str) -> egui::Response {
    ui.add_space(14.0);
    ui.label(RichText::new(text).strong().size(18.0))
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
