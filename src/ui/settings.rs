//! The Settings screen: language, appearance, size, the data folder and backups.

use egui::{RichText, Ui};

use crate::autostart::Autostart;
use crate::i18n::{Lang, T};
use crate::store::{Records, keys};
use crate::ui::command::{AppCommand, Focus, Out, Outcome, Page};
use crate::ui::context::{Apply, Context, ThemeChoice};
use crate::ui::renderer::{RendererSetting, RendererStart};
use crate::ui::widgets::{TextField, muted};

/// The sizes Settings offers, in percent; Ctrl+"+" and Ctrl+"-" step through the same ones, so
/// the screen always shows the size the window has.
pub const ZOOM_LEVELS: [u32; 5] = [100, 125, 150, 175, 200];

/// The offered size one step larger (`up`) or smaller than `current`; a size between two steps
/// (an older version's, or typed into the database) goes to the next one in that direction.
pub fn zoom_step(current: u32, up: bool) -> u32 {
    if up {
        ZOOM_LEVELS
            .into_iter()
            .find(|&z| z > current)
            .unwrap_or(ZOOM_LEVELS[4])
    } else {
        ZOOM_LEVELS
            .into_iter()
            .rev()
            .find(|&z| z < current)
            .unwrap_or(ZOOM_LEVELS[0])
    }
}

/// What the Settings screen asks to be written (the rest are the app's own settings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsCommand {
    /// Store the shop's name.
    SetShopName(String),
    /// Store one of the reminders' settings (a key of `keys` and its value).
    SetReminder(&'static str, String),
    /// Open POS Care when Windows starts, or not (the HKCU Run value, not the database).
    SetAutostart(bool),
}

/// The Settings screen's own state.
#[derive(Default)]
pub struct SettingsScreen {
    /// The shop name being typed (stored on Enter or when the field is left).
    shop_name: String,
    /// Whether `shop_name` was filled from the stored name since it was last read.
    seeded: bool,
    /// The opening time being typed (`HH:MM`), with its problem if it is not one.
    opening: Option<(String, Option<String>)>,
    /// Whether POS Care opens when Windows starts, as last read (`None`: read it again).
    autostart: Option<Autostart>,
    /// Give the shop name's field the keyboard on the next frame (the set-up step led here).
    focus_name: bool,
    /// Why the last text typed or pasted into the shop name was refused (too long).
    name_refusal: Option<String>,
}

impl Page for SettingsScreen {
    type Command = SettingsCommand;
    const MIN_WIDTH: f32 = crate::ui::panes::NARROWEST;

    fn ui(&mut self, ui: &mut Ui, view: &Context<'_>, out: &mut Out<SettingsCommand>) {
        let lang = view.lang;
        let shared = view.shared;
        if !self.seeded {
            self.seeded = true;
            self.shop_name = shared.shop_name.clone();
        }
        crate::ui::widgets::title(ui, lang.t(T::SettingsTitle));
        ui.add_space(8.0);
        view.from_top(egui::ScrollArea::vertical())
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // The shop's name first: a new shop's set-up step leads here for it.
                section(ui, lang.t(T::SetShop));
                let (response, refusal) = TextField::new(
                    lang.t(T::ShopName),
                    &mut self.shop_name,
                    crate::incident::MAX_SHOP_NAME,
                )
                .width(420.0)
                .show(ui, lang);
                // Too long is said (a walkthrough's pasted name was cut without a word).
                if refusal.is_some() {
                    self.name_refusal = refusal;
                } else if response.changed() {
                    self.name_refusal = None;
                }
                if let Some(message) = &self.name_refusal {
                    crate::ui::widgets::error_text(ui, message);
                }
                if std::mem::take(&mut self.focus_name) {
                    response.request_focus();
                }
                // Enter leaves the field too: either way the name is stored and said so. A name
                // with an invisible control character is refused, as in every other field (a
                // tester's pasted escape codes went into the printed reports).
                if response.lost_focus() && self.shop_name.trim() != shared.shop_name {
                    if self
                        .shop_name
                        .chars()
                        .any(|c| crate::typed::is_hidden(c, &[]))
                    {
                        self.name_refusal =
                            Some(lang.fill(T::ErrControlChars, &[("field", lang.t(T::ShopName))]));
                    } else {
                        out.push(SettingsCommand::SetShopName(
                            self.shop_name.trim().to_owned(),
                        ));
                    }
                }

                section(ui, lang.t(T::SetLanguage));
                ui.horizontal(|ui| {
                    for l in Lang::ALL {
                        if ui
                            .selectable_label(lang == l, RichText::new(l.native_name()).size(18.0))
                            .clicked()
                            && lang != l
                        {
                            out.app(AppCommand::SetLanguage(l));
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
                            .selectable_label(shared.theme == choice, lang.t(key))
                            .clicked()
                            && shared.theme != choice
                        {
                            out.app(AppCommand::SetTheme(choice));
                        }
                    }
                });

                section(ui, lang.t(T::SetZoom));
                ui.horizontal(|ui| {
                    for zoom in ZOOM_LEVELS {
                        if ui
                            .selectable_label(shared.zoom == zoom, format!("{zoom}%"))
                            .clicked()
                            && shared.zoom != zoom
                        {
                            out.app(AppCommand::SetZoom(zoom));
                        }
                    }
                });

                renderer_ui(ui, lang, view.renderer, out);
                reminders_ui(ui, lang, view, &mut self.opening, out);
                autostart_ui(ui, lang, &mut self.autostart, out);

                section(ui, lang.t(T::SetDataFolder));
                ui.horizontal_wrapped(|ui| {
                    ui.monospace(view.data_dir().display().to_string());
                    if ui.button(lang.t(T::OpenFolder)).clicked() {
                        out.app(AppCommand::Open(view.data_dir().to_path_buf()));
                    }
                });

                section(ui, lang.t(T::About));
                muted(
                    ui,
                    &lang.fill(T::AboutText, &[("version", env!("CARGO_PKG_VERSION"))]),
                );
            });
    }

    fn shown(&mut self, focus: Option<&Focus>) {
        self.focus_name = focus == Some(&Focus::ShopName);
    }

    fn apply(&mut self, command: SettingsCommand, ax: &mut Apply<'_>) -> Outcome {
        match command {
            SettingsCommand::SetAutostart(on) => {
                self.autostart = None;
                match crate::autostart::set(on) {
                    Ok(()) => Outcome::Done(
                        ax.lang
                            .t(if on { T::AutostartOn } else { T::AutostartOff })
                            .to_owned(),
                    ),
                    Err(detail) => {
                        Outcome::Failed(ax.lang.fill(T::AutostartFailed, &[("detail", &detail)]))
                    }
                }
            }
            SettingsCommand::SetShopName(name) => {
                let lang = ax.lang;
                let result = ax.store.set_setting(keys::SHOP_NAME, &name);
                match (result, name.is_empty()) {
                    (Ok(()), true) => Outcome::Done(lang.t(T::ShopNameCleared).to_owned()),
                    (Ok(()), false) => {
                        Outcome::Done(lang.fill(T::ShopNameSaved, &[("name", &name)]))
                    }
                    (Err(e), _) => Outcome::failed_write(&e, lang),
                }
            }
            SettingsCommand::SetReminder(key, value) => match ax.store.set_setting(key, &value) {
                Ok(()) => {
                    self.opening = None;
                    Outcome::Done(ax.lang.t(T::Saved).to_owned())
                }
                Err(e) => Outcome::failed_write(&e, ax.lang),
            },
        }
    }

    /// The field follows the name as stored (after a restore, say).
    fn reload(&mut self, _store: &Records, _lang: Lang) -> Result<(), String> {
        self.seeded = false;
        self.autostart = None;
        Ok(())
    }
}

/// The renderer: automatic or compatibility (OpenGL), what is in use now, and why.
fn renderer_ui(ui: &mut Ui, lang: Lang, renderer: &RendererStart, out: &mut Out<SettingsCommand>) {
    section(ui, lang.t(T::SetRenderer));
    let setting = renderer.state.setting;
    ui.horizontal(|ui| {
        for choice in [RendererSetting::Automatic, RendererSetting::Compatibility] {
            if ui
                .selectable_label(setting == choice, lang.t(choice.label()))
                .clicked()
                && setting != choice
            {
                out.app(AppCommand::SetRenderer(choice));
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
            out.app(AppCommand::RetryRenderer);
        }
    }
    muted(ui, lang.t(T::RendererNextStart));
}

/// Reminders: the shop's opening time (when the day's checks are announced), quiet, keeping the
/// app in the notification area when the window is closed, and how reminders reach the desktop.
fn reminders_ui(
    ui: &mut Ui,
    lang: Lang,
    view: &Context<'_>,
    opening: &mut Option<(String, Option<String>)>,
    out: &mut Out<SettingsCommand>,
) {
    let reach = view.shared.reach;
    section(ui, lang.t(T::SetReminders));
    let (typed, problem) =
        opening.get_or_insert_with(|| (reach.opening.format("%H:%M").to_string(), None));
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(lang.t(T::OpeningTime));
        let response = ui
            .add(
                egui::TextEdit::singleline(typed)
                    .desired_width(80.0)
                    .char_limit(5),
            )
            .labelled_by(label.id);
        if response.lost_focus()
            || (response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
        {
            match chrono::NaiveTime::parse_from_str(typed.trim(), "%H:%M") {
                Ok(t) if t != reach.opening => {
                    *problem = None;
                    out.push(SettingsCommand::SetReminder(
                        keys::OPENING_TIME,
                        t.format("%H:%M").to_string(),
                    ));
                }
                Ok(_) => *problem = None,
                Err(_) => *problem = Some(lang.t(T::OpeningTimeBad).to_owned()),
            }
        }
        muted(ui, lang.t(T::OpeningTimeHelp));
    });
    if let Some(problem) = problem {
        ui.label(RichText::new(problem.as_str()).color(crate::ui::theme::palette(ui).danger));
    }
    let mut quiet = reach.quiet;
    if ui.checkbox(&mut quiet, lang.t(T::QuietReminders)).changed() {
        out.push(SettingsCommand::SetReminder(
            keys::QUIET,
            if quiet { "1" } else { "0" }.into(),
        ));
    }
    let mut hide = reach.close_to_tray;
    // Without a notification area there is nowhere to stay: the choice is greyed (the line
    // below says why).
    let status = view.shared.reach_status;
    let boxed = egui::Checkbox::new(&mut hide, lang.t(T::CloseToTray));
    if ui.add_enabled(status.tray, boxed).changed() {
        out.push(SettingsCommand::SetReminder(
            keys::CLOSE_TO_TRAY,
            if hide { "1" } else { "0" }.into(),
        ));
    }
    muted(
        ui,
        lang.t(match (status.tray, status.desktop) {
            (_, crate::ui::reach::Desktop::AttentionOnly) => T::ReachAttentionOnly,
            (false, _) => T::ReachNoTray,
            _ => T::ReachNotifications,
        }),
    );
}

/// Open when Windows starts: a box that writes or removes the same Run value the installer's box
/// does (read again after every change and reload; the installer may have changed it). Elsewhere
/// only a line saying it is for Windows.
fn autostart_ui(
    ui: &mut Ui,
    lang: Lang,
    state: &mut Option<Autostart>,
    out: &mut Out<SettingsCommand>,
) {
    section(ui, lang.t(T::SetAutostart));
    let state = state.get_or_insert_with(crate::autostart::state);
    let (mut on, other) = match state {
        Autostart::Unsupported => {
            muted(ui, lang.t(T::AutostartWindowsOnly));
            return;
        }
        Autostart::Off => (false, None),
        Autostart::On { command, this_copy } => (*this_copy, (!*this_copy).then_some(&*command)),
    };
    if ui.checkbox(&mut on, lang.t(T::AutostartToggle)).changed() {
        out.push(SettingsCommand::SetAutostart(on));
    }
    if let Some(command) = other {
        muted(ui, &lang.fill(T::AutostartOtherCopy, &[("path", command)]));
    }
}

/// A section heading with space above it.
fn section(ui: &mut Ui, title: &str) {
    ui.add_space(14.0);
    ui.label(RichText::new(title).strong().size(18.0));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zoom_keys_step_through_the_offered_sizes_and_stop_at_the_ends() {
        assert_eq!(zoom_step(100, true), 125);
        assert_eq!(zoom_step(175, true), 200);
        assert_eq!(zoom_step(200, true), 200);
        assert_eq!(zoom_step(125, false), 100);
        assert_eq!(zoom_step(100, false), 100);
        // A size between two steps goes to the next one in that direction.
        assert_eq!(zoom_step(110, true), 125);
        assert_eq!(zoom_step(110, false), 100);
    }
}
