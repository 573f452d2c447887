//! Running a plan: the notice button at the top, the terminal, the steps ticked with times,
//! fallbacks and contacts in view, and the end form that records the outage.

use egui::{RichText, Ui, vec2};

use super::lists::{contacts_ui, fallbacks_ui};
use super::{AskedAt, EmergencyCommand, EmergencyScreen, Failure, Page, show_time};
use crate::emergency::outage::{MAX_TEXT, check_end};
use crate::emergency::{OutageEnd, latest_ticks};
use crate::i18n::{Lang, T};
use crate::planner::{NewCompletion, TaskCategory};
use crate::store::{Store, StoreError};
use crate::ui::command::Out;
use crate::ui::context::Context;
use crate::ui::widgets::{TextField, error_text, muted, named_toggle, title};

/// "What was lost" and "what fixed it", as typed.
#[derive(Default)]
pub(super) struct EndForm {
    lost: String,
    fix: String,
    problem: Option<String>,
}

impl EndForm {
    /// Whether anything is typed into it.
    pub(super) fn typed(&self) -> bool {
        !self.lost.trim().is_empty() || !self.fix.trim().is_empty()
    }
}

impl EmergencyScreen {
    pub(super) fn run_ui(
        &mut self,
        ui: &mut Ui,
        cx: &Context<'_>,
        out: &mut Out<EmergencyCommand>,
    ) {
        let lang = cx.lang;
        let Some(outage) = self.running.clone() else {
            return;
        };
        let plan = outage.plan_id.and_then(|id| self.plan(id)).cloned();
        let plan_title = self.plan_title(lang, outage.plan_id);
        // The notice first: the queue sees it while the cashier works through the steps.
        ui.horizontal_wrapped(|ui| {
            self.notice.button_ui(ui, lang);
            ui.add_space(24.0);
            if ui.button(lang.t(T::EmLeaveRun)).clicked() {
                self.page = Page::List;
            }
        });
        self.notice.picker_ui(ui, lang, out);
        ui.add_space(6.0);
        let heading = if outage.drill {
            T::EmDrillTitle
        } else {
            T::EmRunTitle
        };
        title(ui, &lang.fill(heading, &[("plan", &plan_title)]));
        ui.horizontal_wrapped(|ui| {
            muted(
                ui,
                &lang.fill(T::EmRunSince, &[("time", &show_time(outage.started_at))]),
            );
            let staff = cx.plan().staff_name(outage.staff_id);
            if !staff.is_empty() {
                muted(ui, &lang.fill(T::EmRunOnShift, &[("name", staff)]));
            }
        });
        ui.add_space(6.0);
        ui.label(lang.t(T::EmRunDevice));
        // The page comes up where "run this plan now" was: the second click of a double-click
        // chose the terminal under the pointer (a walk's outage went on the spare terminal).
        let settling =
            crate::ui::widgets::just_appeared(ui, egui::Id::unique(("run-page", outage.id)));
        let chosen = |r: egui::Response| {
            r.clicked() && !(settling && r.clicked_by(egui::PointerButton::Primary))
        };
        ui.horizontal_wrapped(|ui| {
            let none = outage.device_id.is_none();
            if chosen(named_toggle(
                ui,
                none,
                lang.t(T::EmNoDevice),
                lang.t(T::EmNoDevice),
            )) && !none
            {
                out.push(EmergencyCommand::SetRunDevice {
                    outage: outage.id,
                    device: None,
                });
            }
            let in_use: Vec<&crate::device::Device> =
                cx.devices().iter().filter(|d| d.in_use()).collect();
            for device in &in_use {
                let selected = outage.device_id == Some(device.id);
                let shown = crate::device::choice_name(device, &in_use);
                let name = lang.fill(T::EmDeviceName, &[("name", &shown)]);
                if chosen(named_toggle(ui, selected, &shown, &name)) && !selected {
                    out.push(EmergencyCommand::SetRunDevice {
                        outage: outage.id,
                        device: Some(device.id),
                    });
                }
            }
        });
        ui.add_space(8.0);
        let steps = plan
            .as_ref()
            .map(|p| p.fields.steps.clone())
            .unwrap_or_default();
        ui.strong(RichText::new(lang.t(T::EmStepsHeading)).size(18.0));
        muted(
            ui,
            &lang.fill(
                T::EmStepsProgress,
                &[
                    ("done", &outage.done_count(&steps).to_string()),
                    ("total", &steps.len().to_string()),
                ],
            ),
        );
        for (i, step) in steps.iter().enumerate() {
            let done_at = outage.done_at(step);
            let text = match done_at {
                Some(at) => {
                    let when = lang.fill(
                        T::EmStepDoneAt,
                        &[("time", &at.format("%H:%M:%S").to_string())],
                    );
                    RichText::new(format!("✓ {}. {step}    {when}", i + 1)).strong()
                }
                None => RichText::new(format!("○ {}. {step}", i + 1)),
            };
            let name = lang.fill(T::EmStepName, &[("step", step)]);
            let button = egui::Button::selectable(done_at.is_some(), text.size(19.0))
                .min_size(vec2(ui.available_width().min(900.0), 44.0));
            let response = ui.add(button);
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, done_at.is_some(), &name)
            });
            if response.clicked() {
                out.push(EmergencyCommand::TickStep {
                    outage: outage.id,
                    step: step.clone(),
                    done: done_at.is_none(),
                });
            }
        }
        ui.add_space(8.0);
        if let Some(plan) = &plan {
            fallbacks_ui(ui, lang, &plan.fields.fallbacks);
        }
        ui.add_space(6.0);
        contacts_ui(
            ui,
            lang,
            &self.contacts,
            (cx.devices(), outage.device_id),
            "em_run_contacts",
        );
        ui.add_space(10.0);
        let left = (steps.len() - outage.done_count(&steps), steps.len());
        self.end_ui(ui, cx, (&outage, &plan_title), left, out);
    }

    /// What was lost, what fixed it, and "end and record"; with steps `left.0` of `left.1` not
    /// ticked, it asks first.
    fn end_ui(
        &mut self,
        ui: &mut Ui,
        cx: &Context<'_>,
        (outage, plan_title): (&crate::emergency::Outage, &str),
        left: (usize, usize),
        out: &mut Out<EmergencyCommand>,
    ) {
        let lang = cx.lang;
        ui.separator();
        // A drill lost nothing: it asks what the practice showed instead.
        // (Nor did anything fix it: it asks what to do better.)
        let (heading, lost, fix) = if outage.drill {
            (T::EmDrillEndHeading, T::EmDrillFound, T::EmDrillImprove)
        } else {
            (T::EmEndHeading, T::EmOutageLost, T::EmOutageFix)
        };
        ui.strong(RichText::new(lang.t(heading)).size(18.0));
        let form = &mut self.end_form;
        for (key, value) in [(lost, &mut form.lost), (fix, &mut form.fix)] {
            let (_, refusal) = TextField::new(lang.t(key), value, MAX_TEXT)
                .multiline()
                .width(640.0)
                .show(ui, lang);
            if refusal.is_some() {
                form.problem = refusal;
            }
        }
        if let Some(problem) = &form.problem {
            error_text(ui, problem);
        }
        if self.asked_ui(ui, lang, AskedAt::EndRun, out) {
            return;
        }
        let form = &mut self.end_form;
        let end = egui::Button::new(RichText::new(lang.t(T::EmEndSave)).size(19.0).strong())
            .min_size(vec2(220.0, 48.0));
        if ui.add(end).clicked() {
            let checked = OutageEnd {
                lost: form.lost.clone(),
                fix: form.fix.clone(),
            }
            .validate()
            .and_then(|end| check_end(outage.started_at, cx.now).map(|()| end));
            match checked {
                Ok(end) => {
                    form.problem = None;
                    let done = (left.1 - left.0, left.1);
                    // A practice run with no step ticked practised nothing: recorded as a run,
                    // not as the quarter's drill.
                    let nothing_practised = outage.drill && done.0 == 0 && done.1 > 0;
                    let drill_task = (outage.drill && !nothing_practised)
                        .then(|| drill_completion(cx, plan_title, done, &end.lost))
                        .flatten()
                        .map(Box::new);
                    let command = EmergencyCommand::EndRun {
                        outage: outage.id,
                        end,
                        drill_task,
                    };
                    if left.0 == 0 {
                        out.push(command);
                    } else {
                        let (n, total) = (left.0.to_string(), left.1.to_string());
                        let mut question =
                            lang.fill(T::EmEndStepsLeft, &[("left", &n), ("total", &total)]);
                        if nothing_practised {
                            question.push(' ');
                            question.push_str(lang.t(T::EmDrillNothingPractised));
                        }
                        let answers = (T::EmEndAnyway, T::EmEndKeepGoing);
                        self.ask(AskedAt::EndRun, question, answers, command);
                    }
                }
                Err(p) => form.problem = Some(p.message(lang)),
            }
        }
    }

    /// Ends the outage; for a drill, completes the planner's open drill occurrence too.
    pub(super) fn end_run(
        &mut self,
        store: &mut Store,
        lang: Lang,
        at: chrono::NaiveDateTime,
        id: i64,
        end: &OutageEnd,
        drill_task: Option<&NewCompletion>,
    ) -> Result<Option<String>, Failure> {
        let outage = store
            .outage(id)?
            .ok_or(StoreError::NotFound(crate::store::Record::Outage))?;
        if let Err(problem) = check_end(outage.started_at, at) {
            return Err(Failure::Refused(problem.message(lang)));
        }
        let recorded = store.end_outage(id, end, at, drill_task)?;
        self.end_form = EndForm::default();
        self.page = Page::List;
        let mut message = lang.fill(
            if outage.drill {
                T::EmDrillEnded
            } else {
                T::EmEnded
            },
            &[
                ("plan", &self.plan_title(lang, outage.plan_id)),
                ("start", &show_time(outage.started_at)),
                ("end", &show_time(at)),
            ],
        );
        if recorded.is_some_and(|r| !r.already) {
            message.push(' ');
            message.push_str(lang.t(T::EmDrillTaskDone));
        } else if outage.drill && latest_ticks(&outage.ticks).iter().all(|t| !t.done) {
            message.push(' ');
            message.push_str(lang.t(T::EmDrillNotCounted));
        }
        Ok(Some(message))
    }
}

/// The planner's open drill (overdue, due today, or ahead: a practice run done early is the
/// quarter's drill, and the next one is a quarter on), completed by whoever is on shift with what
/// the run itself showed: the plan's steps done (`done` of the total) and what the drill showed
/// up (`found`, a problem when it is not empty). The drill task's own checklist was not shown
/// on the run, so none of its items is recorded as ticked.
fn drill_completion(
    cx: &Context<'_>,
    plan_title: &str,
    (done, total): (usize, usize),
    found: &str,
) -> Option<NewCompletion> {
    let plan = cx.plan();
    let lang = cx.lang;
    let (task, due) = plan
        .tasks
        .iter()
        .filter(|t| t.fields.category == TaskCategory::Drill && !t.archived)
        .filter_map(|t| Some((t, plan.open_due(t)?)))
        .min_by_key(|(_, due)| *due)?;
    let mut note = lang.fill(
        T::EmDrillTaskNote,
        &[
            ("plan", plan_title),
            ("done", &done.to_string()),
            ("total", &total.to_string()),
        ],
    );
    let found = found.trim();
    if !found.is_empty() {
        note.push_str(&lang.fill(T::EmDrillTaskFound, &[("found", found)]));
    }
    let outcome = match found.is_empty() {
        true => crate::planner::Outcome::Ok,
        false => crate::planner::Outcome::Problem,
    };
    NewCompletion {
        task_id: task.id,
        due,
        done_at: cx.now,
        done_by: plan.current_staff,
        outcome,
        items: Vec::new(),
        // (A note too long for a completion is cut to fit: the outage keeps every word.)
        note: note.chars().take(crate::planner::task::MAX_NOTE).collect(),
    }
    .validate()
    .ok()
}
