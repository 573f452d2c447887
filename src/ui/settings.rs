//! The Settings screen: language, appearance, size, the data folder and backups.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::i18n::{Lang, T};
use crate::ui::app::{Command, ThemeChoice};
use crate::ui::widgets::{TextField, error_text, muted};

/// What the settings screen shows, read by the app.
pub struct SettingsView<'a> {
    /// The interface language.
    pub lang: Lang,
    /// Light, dark or follow the system.
    pub theme: ThemeChoice,
    /// Zoom in percent.
    pub zoom: u32,
    /// The data folder.
    pub data_dir: &'a Path,
    /// The shop's name as stored.
    pub shop_name: &'a str,
    /// How many automatic backups there are and when the newest was taken.
    pub auto_backups: (usize, Option<String>),
    /// Seconds a backup has been running, if one is.
    pub backup_running: Option<u64>,
}

/// The Settings screen's own state.
#[derive(Default)]
pub struct SettingsScreen {
    /// The folder typed or chosen for "back up now".
    pub backup_folder: String,
    /// A problem to show under the backup controls.
    pub backup_problem: Option<String>,
    /// The shop name being typed (stored when the field is left).
    pub shop_name: String,
}

impl SettingsScreen {
    /// Draws the screen; user intents go into `out`.
    pub fn ui(&mut self, ui: &mut Ui, view: &SettingsView<'_>, out: &mut Vec<Command>) {
        let lang = view.lang;
        crate::ui::widgets::title(ui, lang.t(T::SettingsTitle));
        ui.add_space(8.0);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                section(ui, lang.t(T::SetLanguage));
                ui.horizontal(|ui| {
                    for l in Lang::ALL {
                        if ui
                            .selectable_label(
                                view.lang == l,
                                RichText::new(l.native_name()).size(18.0),
                            )
                            .clicked()
                            && view.lang != l
                        {
                            out.push(Command::SetLanguage(l));
                        }
                    }
                });

                section(ui, lang.t(T::SetTheme));
                ui.horizontal(|ui| {
                    for (choice, key) in [
                        (ThemeChoice::System, T::ThemeSystem),
                        (ThemeChoice::Light, T::ThemeLight),
                        (ThemeChoice::Dark, T::ThemeDark),
                    ] {
                        if ui
                            .selectable_label(view.theme == choice, lang.t(key))
                            .clicked()
                            && view.theme != choice
                        {
                            out.push(Command::SetTheme(choice));
                        }
                    }
                });

                section(ui, lang.t(T::SetZoom));
                ui.horizontal(|ui| {
                    for zoom in [100, 125, 150, 175, 200] {
                        if ui
                            .selectable_label(view.zoom == zoom, format!("{zoom}%"))
                            .clicked()
                            && view.zoom != zoom
                        {
                            out.push(Command::SetZoom(zoom));
                        }
                    }
                });

                section(ui, lang.t(T::SetShop));
                let (response, _) = TextField::new(lang.t(T::ShopName), &mut self.shop_name, 80)
                    .width(420.0)
                    .show(ui, lang);
                if response.lost_focus() && self.shop_name.trim() != view.shop_name {
                    out.push(Command::SetShopName(self.shop_name.clone()));
                }

                section(ui, lang.t(T::SetDataFolder));
                ui.horizontal_wrapped(|ui| {
                    ui.monospace(view.data_dir.display().to_string());
                    if ui.button(lang.t(T::OpenFolder)).clicked() {
                        out.push(Command::OpenFolder(view.data_dir.to_path_buf()));
                    }
                });

                section(ui, lang.t(T::SetBackups));
                muted(ui, lang.t(T::BackupHelp));
                match &view.auto_backups {
                    (n, Some(when)) => {
                        ui.label(
                            lang.fill(T::AutoBackupCount, &[("n", &n.to_string()), ("when", when)]),
                        );
                    }
                    _ => {
                        ui.label(lang.t(T::AutoBackupNone));
                    }
                }
                ui.add_space(6.0);
                ui.strong(lang.t(T::BackupNow));
                let (_, refusal) =
                    TextField::new(lang.t(T::BackupFolderLabel), &mut self.backup_folder, 1000)
                        .width(420.0)
                        .show(ui, lang);
                if let Some(message) = refusal {
                    self.backup_problem = Some(message);
                }
                ui.horizontal(|ui| {
                    if ui.button(lang.t(T::BackupChoose)).clicked()
                        && let Some(folder) = rfd::FileDialog::new().pick_folder()
                    {
                        self.backup_folder = folder.display().to_string();
                    }
                    let running = view.backup_running.is_some();
                    if ui
                        .add_enabled(
                            !running,
                            egui::Button::new(RichText::new(lang.t(T::BackupStart)).strong()),
                        )
                        .clicked()
                    {
                        let folder = self.backup_folder.trim();
                        if folder.is_empty() {
                            self.backup_problem = Some(lang.t(T::BackupNoFolder).to_owned());
                        } else {
                            self.backup_problem = None;
                            out.push(Command::BackupNow(PathBuf::from(folder)));
                        }
                    }
                });
                if let Some(secs) = view.backup_running {
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::ProgressBar::new(0.0)
                                .animate(true)
                                .desired_width(160.0),
                        );
                        ui.label(lang.fill(T::BackupRunning, &[("secs", &secs.to_string())]));
                    });
                }
                if let Some(problem) = &self.backup_problem {
                    error_text(ui, problem);
                }

                section(ui, lang.t(T::About));
                muted(
                    ui,
                    &lang.fill(T::AboutText, &[("version", env!("CARGO_PKG_VERSION"))]),
                );
            });
    }
}

/// A section heading with space above it.
fn section(ui: &mut Ui, title: &str) {
    ui.add_space(14.0);
    ui.label(RichText::new(title).strong().size(18.0));
}
