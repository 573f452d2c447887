//! The Settings screen: language, appearance, size, the data folder and backups.

use std::path::Path;

use egui::{RichText, Ui};

use crate::i18n::{Lang, T};
use crate::ui::app::{Command, ThemeChoice};
use crate::ui::renderer::{RendererSetting, RendererStart};
use crate::ui::widgets::{TextField, muted};

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
    /// The renderer in use, the merchant's choice, and a failed start if there was one.
    pub renderer: &'a RendererStart,
}

/// The Settings screen's own state.
#[derive(Default)]
pub struct SettingsScreen {
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

                renderer_ui(ui, lang, view.renderer, out);

                section(ui, lang.t(T::SetShop));
                let (response, _) = TextField::new(
                    lang.t(T::ShopName),
                    &mut self.shop_name,
                    crate::incident::MAX_SHOP_NAME,
                )
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

                section(ui, lang.t(T::About));
                muted(
                    ui,
                    &lang.fill(T::AboutText, &[("version", env!("CARGO_PKG_VERSION"))]),
                );
            });
    }
}

/// The renderer: automatic or compatibility (OpenGL), what is in use now, and why.
fn renderer_ui(ui: &mut Ui, lang: Lang, renderer: &RendererStart, out: &mut Vec<Command>) {
    section(ui, lang.t(T::SetRenderer));
    let setting = renderer.state.setting;
    ui.horizontal(|ui| {
        for choice in [RendererSetting::Automatic, RendererSetting::Compatibility] {
            if ui
                .selectable_label(setting == choice, lang.t(choice.label()))
                .clicked()
                && setting != choice
            {
                out.push(Command::SetRenderer(choice));
            }
        }
    });
    let used = renderer.choice.renderer.name();
    muted(ui, &lang.fill(T::RendererInUse, &[("used", used)]));
    if let Some(failed) = &renderer.state.failed {
        ui.label(lang.fill(
            T::RendererAvoided,
            &[
                ("at", &failed.at),
                ("failed", failed.renderer.name()),
                ("used", failed.renderer.other().name()),
            ],
        ));
        let retry = lang.fill(T::RendererRetry, &[("failed", failed.renderer.name())]);
        if ui.button(retry).clicked() {
            out.push(Command::RetryRenderer);
        }
    }
    muted(ui, lang.t(T::RendererNextStart));
}

/// A section heading with space above it.
fn section(ui: &mut Ui, title: &str) {
    ui.add_space(14.0);
    ui.label(RichText::new(title).strong().size(18.0));
}
