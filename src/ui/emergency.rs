//! The Emergency screen: plans, contacts, running a plan, and the customer notice.
//!
//! Three pages: the list (big plan buttons, contacts, recent outages), one plan (its steps,
//! fallbacks and contacts, edit, print for the wall) and the run of a plan (steps ticked with
//! times, terminal, end with what fixed it). The customer notice is reachable from the list and
//! from the run, and is drawn over everything by [`EmergencyScreen::overlay_ui`].

mod lists;
mod plan_page;
mod run;

use std::path::PathBuf;

use chrono::NaiveDateTime;
use egui::Ui;

use crate::emergency::starter::starter_plans;
use crate::emergency::{
    Contact, ContactFields, NewOutage, NoticeText, Outage, OutageEnd, Plan, PlanFields,
};
use crate::i18n::{Lang, T};
use crate::planner::NewCompletion;
use crate::store::{Store, StoreError, keys};
use crate::ui::app::Command;
use crate::ui::notice::NoticeState;
use crate::ui::view::SharedView;
use crate::ui::widgets::{muted, show_time, title};

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
}

/// The local time now, to the second.
fn now() -> NaiveDateTime {
    let t = chrono::Local::now().naive_local();
    chrono::Timelike::with_nanosecond(&t, 0).unwrap_or(t)
}

impl EmergencyScreen {
    /// Re-reads what the screen shows.
    pub fn load(&mut self, store: &Store) -> Result<(), StoreError> {
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

    /// The plans, archived ones too.
    pub fn plans(&self) -> &[Plan] {
        &self.plans
    }

    /// The recent outages, newest first.
    pub fn recent_outages(&self) -> &[Outage] {
        &self.recent
    }

    /// The outage still running, if any.
    pub fn running(&self) -> Option<&Outage> {
        self.running.as_ref()
    }

    /// The customer notice on screen, if it is up.
    pub fn notice_shown(&self) -> Option<&NoticeText> {
        self.notice.showing()
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

    /// Draws the full-screen customer notice over everything when it is up.
    pub fn overlay_ui(&mut self, ctx: &egui::Context, lang: Lang) {
        self.notice.overlay_ui(ctx, lang);
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, view: &SharedView<'_>, pending: &mut Vec<Command>) {
        let lang = view.lang;
        let mut out = Vec::new();
        // Each page keeps its own scroll position.
        egui::ScrollArea::vertical()
            .id_salt(("emergency", self.page))
            .auto_shrink([false, false])
            .show(ui, |ui| match self.page {
                Page::Run if self.running.is_some() => self.run_ui(ui, view, &mut out),
                Page::Plan(id) if self.plan(id).is_some() => {
                    self.header_ui(ui, lang, &mut out);
                    self.plan_ui(ui, view, id, &mut out);
                }
                _ => {
                    self.header_ui(ui, lang, &mut out);
                    self.list_ui(ui, view, &mut out);
                }
            });
        pending.extend(out.into_iter().map(Command::Emergency));
    }

    /// The title, the notice button and its choice, and the "still running" banner.
    fn header_ui(&mut self, ui: &mut Ui, lang: Lang, out: &mut Vec<EmergencyCommand>) {
        ui.horizontal(|ui| {
            title(ui, lang.t(T::EmTitle));
            ui.add_space(24.0);
            self.notice.button_ui(ui, lang);
        });
        muted(ui, lang.t(T::EmIntro));
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

    /// Applies `command`: `Ok(Some(text))` is shown as done, `Err(text)` as an error. The
    /// screen re-reads its records afterwards.
    pub fn apply(
        &mut self,
        store: &mut Store,
        lang: Lang,
        command: EmergencyCommand,
    ) -> Result<Option<String>, String> {
        let result = self.apply_one(store, lang, command).map_err(|e| match e {
            Failure::Refused(text) => text,
            Failure::Storage(e) => lang.fill(T::ErrStorage, &[("detail", &e.message(lang))]),
        });
        let reloaded = self.load(store);
        match (result, reloaded) {
            (Err(e), _) => Err(e),
            (Ok(_), Err(e)) => Err(lang.fill(T::ErrStorage, &[("detail", &e.message(lang))])),
            (Ok(done), Ok(())) => Ok(done),
        }
    }

    /// One command.
    fn apply_one(
        &mut self,
        store: &mut Store,
        lang: Lang,
        command: EmergencyCommand,
    ) -> Result<Option<String>, Failure> {
        let done = |key: T| Ok(Some(lang.t(key).to_owned()));
        match command {
            EmergencyCommand::ApplyStarter => {
                let plans: Vec<(String, PlanFields)> = starter_plans()
                    .iter()
                    .filter_map(|p| Some((p.key.clone(), p.fields(lang).validate().ok()?)))
                    .collect();
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
                    store.start_outage(&new, now())?;
                    self.end_form = run::EndForm::default();
                    // Putting the notice up is the first step of most plans: one click away.
                    self.notice.open_picker();
                }
                self.page = Page::Run;
                Ok(None)
            }
            EmergencyCommand::SetRunDevice { outage, device } => {
                store.set_outage_device(outage, device)?;
                Ok(None)
            }
            EmergencyCommand::TickStep { outage, step, done } => {
                store.tick_outage_step(outage, &step, done, now())?;
                Ok(None)
            }
            EmergencyCommand::EndRun {
                outage,
                end,
                drill_task,
            } => self.end_run(store, lang, outage, &end, drill_task.as_deref()),
            EmergencyCommand::SaveNotice(text) => {
                store.set_setting(keys::CUSTOMER_NOTICE, &text.to_json())?;
                done(T::EmNoticeSaved)
            }
            EmergencyCommand::PrintPlan {
                plan,
                path,
                both,
                shop,
            } => self
                .print_plan(lang, plan, path, both, &shop, &store.paths().dir)
                .map_err(Failure::Refused),
        }
    }
}
