//! The app's side of the reminders: each minute (and whenever the tray is used), the day's
//! reminders are worked out (core's `reminders`), the new ones announced through the tray's
//! adapter (`ui/reach.rs`) and noted in the database so a restart does not announce them again;
//! the tray's menu is followed; closing the window hides it to the notification area when the
//! merchant chose so and there is one.

use egui::ViewportCommand;

use super::{App, store_now};
use crate::reminders::{self, Announced, Inputs};
use crate::store::keys;
use crate::ui::command::{AppCommand, Focus, Screen};
use crate::ui::reach::{Names, TrayAction};
use crate::ui::screens::Command;

impl App {
    /// Follows the tray, keeps its count, hides instead of closing, and announces what fell due.
    pub(super) fn reach_tick(&mut self, ctx: &egui::Context) {
        self.shared.reach_status = crate::ui::context::ReachStatus {
            tray: self.reach.has_tray(),
            desktop: self.reach.desktop(),
        };
        for action in self.reach.actions() {
            self.tray_action(ctx, action);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.quitting && self.closes_to_tray()
        {
            // Reminders keep coming with the window out of the way; "Quit" in the tray ends it.
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            ctx.send_viewport_cmd(ViewportCommand::Visible(false));
        }
        if self.store.is_none() || self.clock.is_some() || self.recovery.is_some() {
            return;
        }
        let agenda = &self.shared.plan.agenda;
        self.reach.set_due(
            self.shared.lang,
            agenda.overdue.len() + agenda.due_today.len(),
        );
        // Saying a reminder records it (`reminders_announced`): a write, and nothing is written
        // before the start-up check has found the data sound (a damaged file is set aside as
        // it was; one that could not be checked is left as it was).
        let checked_sound = self.checked && self.job.is_none() && self.recheck_at.is_none();
        if !self.shared.reach.quiet && checked_sound {
            self.announce_due(ctx);
        }
    }

    fn tray_action(&mut self, ctx: &egui::Context, action: TrayAction) {
        if action == TrayAction::Quit {
            self.quitting = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
            return;
        }
        ctx.send_viewport_cmd(ViewportCommand::Visible(true));
        ctx.send_viewport_cmd(ViewportCommand::Minimized(false));
        ctx.send_viewport_cmd(ViewportCommand::Focus);
        let go = |screen, focus| Command::App(AppCommand::Go(screen, focus));
        match action {
            TrayAction::Today => self.pending.push(go(Screen::Today, None)),
            TrayAction::Lookup => self
                .pending
                .push(go(Screen::Lookup, Some(Focus::LookupBox))),
            TrayAction::BackUp => {
                // To the stick used last, at once; without one, the screen that asks where.
                let folder = self.shared.backups.folder.trim().to_owned();
                if folder.is_empty() || self.job.is_some() {
                    self.pending.push(go(Screen::Backups, None));
                } else {
                    self.pending
                        .push(Command::App(AppCommand::BackupNow(folder.into())));
                }
            }
            TrayAction::Open | TrayAction::Quit => {}
        }
        ctx.request_repaint();
    }

    /// Announces the reminders that fell due and were not yet announced today, and notes them.
    fn announce_due(&mut self, ctx: &egui::Context) {
        let now = self.now();
        let today = now.date();
        let shared = &self.shared;
        let outages: Vec<_> = (shared.running_plan.iter())
            .map(|o| (o.id, o.started_at))
            .collect();
        let inputs = Inputs {
            now,
            plan: &shared.plan,
            backup: shared.backups.reminder(today),
            warnings: &shared.warnings,
            outages: &outages,
            opening: shared.reach.opening,
        };
        let day = reminders::schedule(&inputs);
        let Some(store) = store_now(&self.store, &self.job) else {
            return;
        };
        let kept = store.setting(keys::REMINDERS_ANNOUNCED).ok().flatten();
        drop(store);
        let mut announced = Announced::read(kept.as_deref(), today);
        let due: Vec<_> = reminders::due(&day, now, &announced)
            .into_iter()
            .cloned()
            .collect();
        if !due.is_empty() {
            let names = Names {
                staff: shared
                    .plan
                    .staff
                    .iter()
                    .map(|s| (s.id, s.name.clone()))
                    .collect(),
                modules: shared
                    .plan
                    .modules
                    .iter()
                    .map(|m| (m.id, m.title.clone()))
                    .collect(),
            };
            for reminder in &due {
                self.reach.announce(ctx, self.shared.lang, reminder, &names);
                announced.note(reminder);
            }
            self.save_setting(keys::REMINDERS_ANNOUNCED, &announced.to_json());
        }
        // Awake for the next one even with the window hidden (eframe then runs `logic` only).
        if let Some(next) = reminders::next_at(&day, now, &announced) {
            let wait = (next - now).to_std().unwrap_or_default();
            ctx.request_repaint_after(wait.max(std::time::Duration::from_secs(1)));
        }
    }

    /// The tray icon and the notifications, for tests and for Settings.
    pub fn reach(&self) -> &crate::ui::reach::Reach {
        &self.reach
    }
}
