//! The dialogs that stand in for the screens: the offer to restore after a loss, the question
//! about a doubted clock, and the message when the data folder cannot be opened at all.

use egui::{RichText, Ui};

use crate::clock::ClockJudgement;
use crate::i18n::{Lang, T};
use crate::store::{OpenError, Recovery, RecoveryReason};
use crate::ui::command::{AppCommand, Screen};
use crate::ui::widgets::{show_time, title};

/// The offer to restore after a loss (a file set aside, missing or emptied): the newest
/// verified backup if there is one, or going on with the data as it is. Returns the answer.
pub fn recovery(ctx: &egui::Context, lang: Lang, recovery: &Recovery) -> Option<AppCommand> {
    let mut command = None;
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.set_max_width(crate::ui::widgets::modal_width(ui.ctx(), 560.0));
        let (heading, body) = match &recovery.reason {
            RecoveryReason::SetAside(path) => (
                T::RecoveredTitle,
                lang.fill(T::RecoveredBody, &[("path", &path.display().to_string())]),
            ),
            RecoveryReason::Foreign(path) => (
                T::RecoveredForeignTitle,
                lang.fill(
                    T::RecoveredForeignBody,
                    &[("path", &path.display().to_string())],
                ),
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
        title(ui, &format!("⚠ {}", lang.t(heading)));
        ui.add_space(6.0);
        ui.label(body);
        ui.add_space(6.0);
        if let Some((when, folder)) = &recovery.outside {
            ui.label(
                RichText::new(lang.fill(
                    T::RecoveredNewerOutside,
                    &[("when", &show_time(*when)), ("folder", folder)],
                ))
                .strong(),
            );
            ui.add_space(4.0);
        }
        match &recovery.backup {
            Some(backup) => {
                ui.label(lang.fill(T::RecoveredOffer, &[("when", &show_time(backup.taken))]));
                // What it holds, and a backup of an empty shop said as such.
                if let Some(holds) = &recovery.holds {
                    let empty = holds.holds_nothing();
                    let text = if empty {
                        lang.t(T::RecoveredOfferEmpty).to_owned()
                    } else {
                        lang.fill(
                            T::RecoveredOfferHolds,
                            &[("counts", &holds.counts_text(lang))],
                        )
                    };
                    let line = RichText::new(text);
                    ui.label(if empty { line.strong() } else { line });
                }
                ui.horizontal(|ui| {
                    if ui
                        .button(RichText::new(lang.t(T::RestoreFromBackup)).strong())
                        .clicked()
                    {
                        command = Some(AppCommand::Restore(
                            backup.path.clone(),
                            recovery.holds.clone(),
                        ));
                    }
                    if ui.button(lang.t(T::StartEmpty)).clicked() {
                        command = Some(AppCommand::DismissRecovery);
                    }
                });
            }
            None => {
                ui.label(lang.t(T::RecoveredNoBackup));
                if ui.button(lang.t(T::Close)).clicked() {
                    command = Some(AppCommand::DismissRecovery);
                }
            }
        }
    });
    command
}

/// The question about a doubted clock: what it says against when POS Care was last used, and
/// "today is that day" or "the clock is wrong". Returns the answer.
pub fn clock(
    ctx: &egui::Context,
    lang: Lang,
    judgement: ClockJudgement,
    now: chrono::NaiveDateTime,
) -> Option<AppCommand> {
    let message = judgement.message(now, lang)?;
    let mut command = None;
    let day = now.date().format("%Y-%m-%d").to_string();
    egui::Modal::new(egui::Id::unique("clock_doubted")).show(ctx, |ui| {
        ui.set_max_width(crate::ui::widgets::modal_width(ui.ctx(), 560.0));
        title(ui, &format!("⚠ {}", lang.t(T::ClockTitle)));
        ui.add_space(6.0);
        ui.label(message);
        ui.add_space(10.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(RichText::new(lang.fill(T::ClockConfirm, &[("day", &day)])).strong())
                .clicked()
            {
                command = Some(AppCommand::ConfirmClock);
            }
            if ui.button(lang.t(T::ClockWrong)).clicked() {
                command = Some(AppCommand::KeepTrustedDay);
            }
        });
    });
    command
}

/// The window was closed with something typed and not saved on `screens`: `Some(true)` to go
/// back to it, `Some(false)` to close anyway.
pub fn unsaved(ctx: &egui::Context, lang: Lang, screens: &[Screen]) -> Option<bool> {
    let mut answer = None;
    let names: Vec<&str> = screens.iter().map(|s| lang.t(s.label())).collect();
    egui::Modal::new(egui::Id::unique("unsaved_close")).show(ctx, |ui| {
        ui.set_max_width(crate::ui::widgets::modal_width(ui.ctx(), 560.0));
        title(ui, &format!("⚠ {}", lang.t(T::UnsavedTitle)));
        ui.add_space(6.0);
        ui.label(lang.fill(
            T::UnsavedBody,
            &[("screens", &names.join(lang.t(T::ListSeparator)))],
        ));
        ui.add_space(10.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(RichText::new(lang.t(T::UnsavedGoBack)).strong())
                .clicked()
            {
                answer = Some(true);
            }
            if ui.button(lang.t(T::UnsavedCloseAnyway)).clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}

/// Why a window cannot use its data folder, in words. Held, and no window says where it
/// listens: a command (a backup at start-up) holds it, not a window to switch to (a fault
/// tester's "switch to the window that is open" with none open).
pub fn fatal_message(lang: Lang, error: &OpenError) -> String {
    match error {
        OpenError::AlreadyOpen { path } if !crate::ui::instance::window_listening(path) => lang
            .fill(
                T::WindowHeldByCommand,
                &[("path", &path.display().to_string())],
            ),
        _ => error.message(lang),
    }
}

/// Below this height (points) the reason a data folder cannot be used is folded under "Why?".
const LOW_FOR_THE_REASON: f32 = 480.0;

/// Why the app cannot use this data folder, above the lookup (which needs nothing written),
/// with a button to close the window.
pub fn fatal(ui: &mut Ui, lang: Lang, error: &OpenError) -> bool {
    let mut again = false;
    // On a low window (a small till at 200 %) the reason and the note fold under "Why?", the
    // buttons beside the title: said in full, they left the lookup, the one thing that works,
    // a strip too small to show an answer.
    let low = ui.available_height() < LOW_FOR_THE_REASON;
    let reason = |ui: &mut Ui| {
        ui.label(RichText::new(fatal_message(lang, error)).size(17.0));
        ui.add_space(6.0);
        ui.label(
            RichText::new(lang.t(T::FatalLookupStillWorks))
                .size(17.0)
                .strong(),
        );
    };
    // Fixed meanwhile (the folder made writable, the stick plugged in): tried again here, and
    // by itself once a minute.
    let try_again = |ui: &mut Ui| {
        ui.button(RichText::new(lang.t(T::TryAgain)).size(17.0))
            .clicked()
    };
    // (It closes the program, and says so: "Close" read as closing this message.)
    let quit = |ui: &mut Ui| {
        if ui
            .button(RichText::new(lang.t(T::FatalQuit)).size(17.0))
            .clicked()
        {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    };
    egui::Panel::top("fatal").show(ui, |ui| {
        ui.add_space(if low { 4.0 } else { 8.0 });
        if low {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("⚠ {}", lang.t(T::FatalTitle)))
                        .size(17.0)
                        .strong(),
                );
                again = try_again(ui);
            });
            egui::CollapsingHeader::new(lang.t(T::FatalWhy))
                .id_salt("fatal-why")
                .show(ui, |ui| {
                    reason(ui);
                    quit(ui);
                });
        } else {
            title(ui, &format!("⚠ {}", lang.t(T::FatalTitle)));
            ui.add_space(6.0);
            reason(ui);
            ui.horizontal_wrapped(|ui| {
                again = try_again(ui);
                quit(ui);
            });
        }
        ui.add_space(if low { 4.0 } else { 8.0 });
    });
    again
}
