//! The Emergency screen: plans, contacts, running a plan, and the customer notice.
//!
//! Three pages: the list (big plan buttons, contacts, recent outages), one plan (its steps,
//! fallbacks and contacts, edit, print for the wall) and the run of a plan (steps ticked with
//! times, terminal, end with what fixed it). The customer notice is reachable from the list and
//! from the run, and is drawn over everything by [`EmergencyScreen::overlay_ui`].

mod lists;
mod notice;
mod plan_page;
mod run;

use std::path::PathBuf;

use chrono::NaiveDateTime;
use egui::Ui;

use crate::emergency::{
    Contact, ContactFields, NewOutage, NoticeText, Outage, OutageEnd, Plan, PlanFields,
};
use crate::i18n::{Lang, T};
use crate::planner::NewCompletion;
use crate::store::{Records, Store, StoreError, keys};
use crate::ui::command::{Focus, Out, Outcome, Page as ScreenPage};
use crate::ui::context::Apply;
use crate::ui::context::Context;
use crate::ui::file_dialog::Picked;
use crate::ui::widgets::{Answer, ask, muted, show_time, title};
use notice::NoticeState;

/// How many outages the recent list shows.
const RECENT: usize = 20;

/// What the Emergency screen asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum EmergencyCommand {
    /// Add the six starter plans in the current language.
    ApplyStarter,
    /// Start without the starter plans (not offered again).
    DeclineStarter,
    /// Add (`id: None`) or update a plan.
    SavePlan {
        /// The plan, or `None` for a new one.
        id: Option<i64>,
        /// Its validated fields.
        fields: Box<PlanFields>,
    },
    /// Archive a plan (its runs stay) or bring it back.
    SetPlanArchived(i64, bool),
    /// Add (`id: None`) or update a contact.
    SaveContact {
        /// The contact, or `None` for a new one.
        id: Option<i64>,
        /// Its validated fields.
        fields: Box<ContactFields>,
    },
    /// Archive a contact or bring it back.
    SetContactArchived(i64, bool),
    /// Start running a plan (or a drill): an outage record begins now.
    StartRun(NewOutage),
    /// Choose the terminal of the running outage.
    SetRunDevice {
        /// The outage.
        outage: i64,
        /// The terminal, or none.
        device: Option<i64>,
    },
    /// Tick (or untick) a step of the running outage, now.
    TickStep {
        /// The outage.
        outage: i64,
        /// The step's text.
        step: String,
        /// Ticked or unticked.
        done: bool,
    },
    /// End the running outage now.
    EndRun {
        /// The outage.
        outage: i64,
        /// What was lost and what fixed it (validated).
        end: OutageEnd,
        /// For a drill: the planner's drill occurrence to complete with it.
        drill_task: Option<Box<NewCompletion>>,
    },
    /// Store the merchant's own customer notice.
    SaveNotice(NoticeText),
    /// Write a plan as a print-friendly page (asking where, unless a path is given).
    PrintPlan {
        /// The plan.
        plan: i64,
        /// Where, or `None` to ask.
        path: Option<PathBuf>,
        /// Headings in both languages.
        both: bool,
        /// The shop's name for the page.
        shop: String,
    },
}

/// Why a command did not go through.
enum Failure {
    /// Refused, with a message for the user; nothing was changed.
    Refused(String),
    /// The store failed; nothing was changed.
    Storage(StoreError),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Storage(e)
    }
}

/// Where a question is asked, in place of the button that raised it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AskedAt {
    /// On a plan's page (archive it?).
    Plan(i64),
    /// Under the contacts (archive one?).
    Contacts,
    /// At the end of a run (steps left: end anyway?).
    EndRun,
}

/// A command that hides or ends something, waiting for its question to be answered.
struct Asking {
    at: AskedAt,
    question: String,
    /// The answers: go ahead, and don't.
    answers: (T, T),
    command: EmergencyCommand,
    /// Put the keyboard on "yes" when first shown.
    focus: bool,
}

/// Which page is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
enum Page {
    #[default]
    List,
    Plan(i64),
    Run,
}

/// The Emergency screen's state.
#[derive(Default)]
pub struct EmergencyScreen {
    plans: Vec<Plan>,
    contacts: Vec<Contact>,
    recent: Vec<Outage>,
    running: Option<Outage>,
    starter_answered: bool,
    page: Page,
    show_archived: bool,
    show_archived_contacts: bool,
    plan_form: Option<plan_page::PlanForm>,
    contact_form: Option<lists::ContactForm>,
    end_form: run::EndForm,
    print: plan_page::PrintForm,
    notice: NoticeState,
    asking: Option<Asking>,
    /// The page drawn last frame: a plan or a run opened anew starts at its top.
    drawn: Option<Page>,
}

impl EmergencyScreen {
    /// Re-reads what the screen shows.
    fn load(&mut self, store: &Records) -> Result<(), StoreError> {
        self.plans = store.emergency_plans()?;
        self.contacts = store.contacts()?;
        self.recent = store.recent_outages(RECENT)?;
        self.running = store.running_outage()?;
        self.starter_answered = store.setting(keys::EMERGENCY_STARTER)?.is_some();
        let own = store
            .setting(keys::CUSTOMER_NOTICE)?
            .and_then(|json| NoticeText::from_json(&json));
        self.notice.load(own);
        match self.page {
            Page::Run if self.running.is_none() => self.page = Page::List,
            Page::Plan(id) if self.plan(id).is_none() => self.page = Page::List,
            _ => {}
        }
        Ok(())
    }

    /// Asks `question` at `at` before `command` goes ahead.
    fn ask(&mut self, at: AskedAt, question: String, answers: (T, T), command: EmergencyCommand) {
        self.asking = Some(Asking {
            at,
            question,
            answers,
            command,
            focus: true,
        });
    }

    /// The question asked at `at`, if any: "yes" sends its command, "no" (or Esc) drops it.
    /// Returns whether a question is shown there (the button that raised it then waits).
    fn asked_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        at: AskedAt,
        out: &mut Out<EmergencyCommand>,
    ) -> bool {
        let Some(asking) = self.asking.as_mut().filter(|a| a.at == at) else {
            return false;
        };
        let answers = (lang.t(asking.answers.0), lang.t(asking.answers.1));
        match ask(ui, &asking.question, answers, &mut asking.focus) {
            Answer::Waiting => {}
            Answer::Yes => {
                if let Some(asked) = self.asking.take() {
                    out.push(asked.command);
                }
            }
            Answer::No => self.asking = None,
        }
        true
    }

    fn plan(&self, id: i64) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// A plan's title, or "(no plan)".
    fn plan_title(&self, lang: Lang, id: Option<i64>) -> String {
        id.and_then(|id| self.plan(id))
            .map(|p| p.fields.title.clone())
            .unwrap_or_else(|| lang.t(T::EmNoPlan).to_owned())
    }

    /// The title, the notice button and its choice, and the "still running" banner.
    fn header_ui(&mut self, ui: &mut Ui, lang: Lang, out: &mut Out<EmergencyCommand>) {
        ui.horizontal_wrapped(|ui| {
            title(ui, lang.t(T::EmTitle));
            ui.add_space(24.0);
            self.notice.button_ui(ui, lang);
        });
        // The introduction is the list's: a plan opened (or a narrow window, a small till at
        // 200 %) needs the room for the plan's steps and its "run this plan now".
        let narrow = ui.available_width() < crate::ui::panes::SIDE_BY_SIDE_FROM;
        if matches!(self.page, Page::List) && !narrow {
            muted(ui, lang.t(T::EmIntro));
        }
        self.notice.picker_ui(ui, lang, out);
        if let Some(running) = &self.running {
            ui.add_space(6.0);
            let text = lang.fill(
                T::EmRunning,
                &[
                    ("plan", &self.plan_title(lang, running.plan_id)),
                    ("time", &show_time(running.started_at)),
                ],
            );
            let mut go = false;
            ui.horizontal_wrapped(|ui| {
                crate::ui::widgets::error_text(ui, &text);
                go = ui
                    .button(
                        egui::RichText::new(lang.t(T::EmContinue))
                            .size(18.0)
                            .strong(),
                    )
                    .clicked();
            });
            if go {
                self.page = Page::Run;
            }
        }
        ui.separator();
    }

    /// One command.
    fn apply_one(
        &mut self,
        store: &mut Store,
        lang: Lang,
        now: NaiveDateTime,
        command: EmergencyCommand,
    ) -> Result<Option<String>, Failure> {
        let done = |key: T| Ok(Some(lang.t(key).to_owned()));
        match command {
            EmergencyCommand::ApplyStarter => {
                let plans = crate::emergency::starter::starter_fields(lang);
                let n = store.apply_emergency_starter(&plans)?;
                self.page = Page::List;
                Ok(Some(
                    lang.fill(T::EmStarterApplied, &[("n", &n.to_string())]),
                ))
            }
            EmergencyCommand::DeclineStarter => {
                store.set_setting(keys::EMERGENCY_STARTER, "declined")?;
                done(T::EmStarterDeclined)
            }
            EmergencyCommand::SavePlan { id, fields } => {
                let id = match id {
                    Some(id) => store.update_emergency_plan(id, &fields).map(|()| id),
                    None => store.add_emergency_plan(&fields),
                }?;
                self.plan_form = None;
                self.page = Page::Plan(id);
                done(T::EmPlanSaved)
            }
            EmergencyCommand::SetPlanArchived(id, archived) => {
                store.set_emergency_plan_archived(id, archived)?;
                if archived {
                    self.page = Page::List;
                    done(T::EmPlanArchived)
                } else {
                    done(T::EmPlanRestored)
                }
            }
            EmergencyCommand::SaveContact { id, fields } => {
                match id {
                    Some(id) => store.update_contact(id, &fields),
                    None => store.add_contact(&fields).map(|_| ()),
                }?;
                self.contact_form = None;
                done(T::EmContactSaved)
            }
            EmergencyCommand::SetContactArchived(id, archived) => {
                store.set_contact_archived(id, archived)?;
                done(if archived {
                    T::EmContactArchived
                } else {
                    T::EmContactRestored
                })
            }
            EmergencyCommand::StartRun(new) => {
                if store.running_outage()?.is_none() {
                    store.start_outage(&new, now)?;
                    self.end_form = run::EndForm::default();
                    // The notice button leads the run page, one click away; the choice is not
                    // opened by itself, so a double click on "run" cannot put a notice up.
                }
                self.page = Page::Run;
                Ok(None)
            }
            EmergencyCommand::SetRunDevice { outage, device } => {
                store.set_outage_device(outage, device)?;
                Ok(None)
            }
            EmergencyCommand::TickStep { outage, step, done } => {
                store.tick_outage_step(outage, &step, done, now)?;
                Ok(None)
            }
            EmergencyCommand::EndRun {
                outage,
                end,
                drill_task,
            } => self.end_run(store, lang, now, outage, &end, drill_task.as_deref()),
            EmergencyCommand::SaveNotice(text) => {
                store.set_setting(keys::CUSTOMER_NOTICE, &text.to_json())?;
                done(T::EmNoticeSaved)
            }
            EmergencyCommand::PrintPlan {
                plan,
                path,
                both,
                shop,
            } => match path {
                Some(path) => {
                    // The registry's acquirer, hotline and IDs, as the plan page shows them:
                    // what the acquirer asks for first on the phone.
                    let devices = crate::device::call_lines(&store.devices()?, lang);
                    let sheet = (shop.as_str(), devices.as_slice(), now.date());
                    let said = self
                        .print_plan(lang, plan, path.clone(), both, sheet, &store.paths().dir)
                        .map_err(Failure::Refused)?;
                    self.print.printed = Some((plan, path));
                    Ok(said)
                }
                // Chosen in `apply`, before the store is touched.
                None => Ok(None),
            },
        }
    }
}

impl ScreenPage for EmergencyScreen {
    type Command = EmergencyCommand;
    const MIN_WIDTH: f32 = crate::ui::panes::NARROWEST;

    fn ui(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<EmergencyCommand>) {
        let lang = cx.lang;
        // Each page keeps its own scroll position while the screen is open; opened again, it
        // starts at its top, where the plan's big buttons are (at 200 % it reopened scrolled
        // down, "show the customer notice" out of sight).
        // A plan or a run opened anew starts at its top too, where its steps begin (a drill
        // started after an earlier run opened at the earlier run's "end and record").
        let anew = self.drawn != Some(self.page) && self.page != Page::List;
        self.drawn = Some(self.page);
        let area = cx.from_top(egui::ScrollArea::vertical());
        let area = if anew {
            area.scroll_offset(egui::Vec2::ZERO)
        } else {
            area
        };
        area.id_salt(("emergency", self.page))
            .auto_shrink([false, false])
            .show(ui, |ui| match self.page {
                Page::Run if self.running.is_some() => self.run_ui(ui, cx, out),
                Page::Plan(id) if self.plan(id).is_some() => {
                    self.header_ui(ui, lang, out);
                    self.plan_ui(ui, cx, id, out);
                }
                _ => {
                    self.header_ui(ui, lang, out);
                    self.list_ui(ui, cx, out);
                }
            });
    }

    /// What was lost or what fixed it, typed for the run being ended and not recorded yet.
    fn unsaved(&self) -> bool {
        self.running.is_some() && self.end_form.typed()
    }

    fn apply(&mut self, mut command: EmergencyCommand, ax: &mut Apply<'_>) -> Outcome {
        let lang = ax.lang;
        if let EmergencyCommand::PrintPlan { plan, path, .. } = &mut command {
            // A typed path (a folder gets the plan's file name), else the "Save as" dialog.
            let name = self.print_file_name(*plan);
            match ax.shared.dialogs.html_target(path.take(), &name) {
                Picked::Path(chosen) => *path = Some(chosen),
                Picked::Cancelled => return Outcome::Nothing,
                Picked::Unavailable => return Outcome::Failed(lang.t(T::NoFileDialog).to_owned()),
            }
        }
        let now = chrono::Timelike::with_nanosecond(&ax.now, 0).unwrap_or(ax.now);
        match self.apply_one(ax.store, lang, now, command) {
            Ok(Some(text)) => Outcome::Done(text),
            Ok(None) => Outcome::Changed,
            Err(Failure::Refused(text)) => Outcome::Failed(text),
            Err(Failure::Storage(e)) => Outcome::failed_write(&e, lang),
        }
    }

    /// Opened from Today's "an outage is being handled": its run, if it is still running.
    fn shown(&mut self, focus: Option<&Focus>) {
        match focus {
            Some(Focus::RunningOutage) => {
                self.page = if self.running.is_some() {
                    Page::Run
                } else {
                    Page::List
                };
            }
            Some(Focus::StarterPlan(key)) => {
                self.page = self
                    .plans
                    .iter()
                    .find(|p| !p.archived && p.starter_key.as_deref() == Some(key.as_str()))
                    .map_or(Page::List, |p| Page::Plan(p.id));
            }
            _ => {}
        }
    }

    fn reload(&mut self, store: &Records, lang: Lang) -> Result<(), String> {
        self.load(store)
            .map_err(|e| lang.fill(T::ErrRead, &[("detail", &e.message(lang))]))
    }

    /// The full-screen customer notice, over everything when it is up.
    fn overlay(&mut self, ctx: &egui::Context, lang: Lang) {
        self.notice.overlay_ui(ctx, lang);
    }
}
