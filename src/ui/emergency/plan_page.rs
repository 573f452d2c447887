//! One plan: its situation, steps, fallbacks and contacts; run or practise it; edit, archive,
//! and print it for the wall.

use std::path::PathBuf;

use egui::{RichText, Ui, vec2};

use super::lists::{contacts_ui, fallbacks_ui};
use super::{AskedAt, EmergencyCommand, EmergencyScreen, Page};
use crate::device::DeviceKind;
use crate::emergency::html::WallSheet;
use crate::emergency::plan::{MAX_FALLBACK, MAX_FALLBACKS, MAX_SITUATION, MAX_STEP, MAX_STEPS};
use crate::emergency::starter::starter;
use crate::emergency::{NewOutage, Plan, PlanFields, split_lines};
use crate::i18n::{Lang, T};
use crate::ui::command::Out;
use crate::ui::context::Context;
use crate::ui::file_dialog::suggested_path;
use crate::ui::widgets::{TextField, error_text, form_header, muted, title};

/// The add/edit plan form: steps and fallbacks typed one per line.
pub(super) struct PlanForm {
    id: Option<i64>,
    title: String,
    situation: String,
    steps: String,
    fallbacks: String,
    problem: Option<String>,
}

impl PlanForm {
    /// The plan being edited, `None` for a new one.
    pub(super) fn id(&self) -> Option<i64> {
        self.id
    }
}

/// "Print for the wall": where to, and in which language(s).
#[derive(Default)]
pub(super) struct PrintForm {
    path: String,
    both: bool,
    /// Where there is no file dialog: the plan a full path was suggested for, and that path.
    suggested: Option<(i64, String)>,
    /// The plan last saved as a printable page, and where: one click opens it in the browser
    /// to print (a shop owner did not know where the file went, nor how to open it).
    pub(super) printed: Option<(i64, PathBuf)>,
}

impl EmergencyScreen {
    pub(super) fn open_plan_form(&mut self, plan: Option<&Plan>) {
        let f = plan.map(|p| p.fields.clone()).unwrap_or_default();
        self.plan_form = Some(PlanForm {
            id: plan.map(|p| p.id),
            title: f.title,
            situation: f.situation,
            steps: f.steps.join("\n"),
            fallbacks: f.fallbacks.join("\n"),
            problem: None,
        });
    }

    pub(super) fn plan_ui(
        &mut self,
        ui: &mut Ui,
        cx: &Context<'_>,
        id: i64,
        out: &mut Out<EmergencyCommand>,
    ) {
        let lang = cx.lang;
        let Some(plan) = self.plan(id).cloned() else {
            return;
        };
        if ui.button(lang.t(T::EmBackToList)).clicked() {
            self.page = Page::List;
            self.plan_form = None;
            return;
        }
        if self.plan_form.as_ref().is_some_and(|f| f.id == Some(id)) {
            self.plan_form_ui(ui, lang, out);
            return;
        }
        let f = &plan.fields;
        ui.add_space(4.0);
        title(ui, &f.title);
        if plan.archived {
            muted(ui, lang.t(T::EmArchivedMark));
        }
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            // While another outage is open the buttons stay, greyed, saying why: gone, "Archive"
            // took the place where "Run this plan now" is (a tester's click there asked to
            // archive the plan).
            let free = self.running.is_none();
            if !plan.archived {
                let run = egui::Button::new(RichText::new(lang.t(T::EmRunNow)).size(22.0).strong())
                    .min_size(vec2(260.0, 56.0));
                let device = plan
                    .starter_key
                    .as_deref()
                    .and_then(starter)
                    .and_then(|s| s.device_kind)
                    .and_then(|kind| only_device(cx, kind));
                let start = |drill| NewOutage {
                    plan_id: Some(id),
                    device_id: device,
                    staff_id: cx.plan().current_staff,
                    drill,
                };
                let why = lang.t(T::EmEndOpenFirst);
                if ui
                    .add_enabled(free, run)
                    .on_disabled_hover_text(why)
                    .clicked()
                {
                    out.push(EmergencyCommand::StartRun(start(false)));
                }
                if ui
                    .add_enabled(
                        free,
                        egui::Button::new(lang.t(T::EmPractise)).min_size(vec2(0.0, 56.0)),
                    )
                    .on_disabled_hover_text(why)
                    .clicked()
                {
                    out.push(EmergencyCommand::StartRun(start(true)));
                }
                // (Said beside them too: a touch screen never hovers.)
                if !free {
                    muted(ui, why);
                }
            }
            if ui.button(lang.t(T::Edit)).clicked() {
                self.open_plan_form(Some(&plan));
            }
            if plan.archived {
                if ui.button(lang.t(T::EmRestore)).clicked() {
                    out.push(EmergencyCommand::SetPlanArchived(id, false));
                }
            } else if ui
                .add_enabled(
                    self.asking
                        .as_ref()
                        .is_none_or(|a| a.at != AskedAt::Plan(id)),
                    egui::Button::new(lang.t(T::EmArchive)),
                )
                .clicked()
            {
                let question = lang.fill(T::EmArchiveAsk, &[("plan", &f.title)]);
                let archive = EmergencyCommand::SetPlanArchived(id, true);
                self.ask(
                    AskedAt::Plan(id),
                    question,
                    (T::EmArchiveYes, T::Cancel),
                    archive,
                );
            }
        });
        self.asked_ui(ui, lang, AskedAt::Plan(id), out);
        ui.add_space(8.0);
        if !f.situation.is_empty() {
            ui.strong(RichText::new(lang.t(T::EmSituationHeading)).size(18.0));
            ui.label(RichText::new(&f.situation).size(17.0));
            ui.add_space(6.0);
        }
        ui.strong(RichText::new(lang.t(T::EmStepsHeading)).size(18.0));
        for (i, step) in f.steps.iter().enumerate() {
            ui.label(RichText::new(format!("{}. {step}", i + 1)).size(17.0));
        }
        ui.add_space(6.0);
        fallbacks_ui(ui, lang, &f.fallbacks);
        ui.add_space(6.0);
        contacts_ui(
            ui,
            lang,
            &self.contacts,
            (cx.devices(), None),
            "em_plan_contacts",
        );
        ui.add_space(10.0);
        self.print_ui(ui, cx, id, out);
    }

    fn print_ui(
        &mut self,
        ui: &mut Ui,
        cx: &Context<'_>,
        id: i64,
        out: &mut Out<EmergencyCommand>,
    ) {
        let lang = cx.lang;
        ui.separator();
        ui.strong(RichText::new(lang.t(T::EmPrintHeading)).size(18.0));
        muted(ui, lang.t(T::EmPrintHelp));
        // With no file dialog the path is typed: a full one is suggested.
        let dialogs = cx.shared.dialogs.available();
        if !dialogs
            && self
                .print
                .suggested
                .as_ref()
                .is_none_or(|(plan, _)| *plan != id)
        {
            let suggested = suggested_path(&self.print_file_name(id), cx.data_dir())
                .display()
                .to_string();
            // Another plan's suggestion gives way; a path the merchant typed stays.
            let previous = self.print.suggested.take().map(|(_, path)| path);
            if self.print.path.trim().is_empty() || previous.as_ref() == Some(&self.print.path) {
                self.print.path.clone_from(&suggested);
            }
            self.print.suggested = Some((id, suggested));
        }
        let label = if dialogs {
            T::EmPrintPath
        } else {
            T::EmPrintPathTyped
        };
        let (_, refusal) = TextField::new(
            lang.t(label),
            &mut self.print.path,
            crate::ui::widgets::PATH_CHARS,
        )
        .width(520.0)
        .show(ui, lang);
        if let Some(message) = refusal {
            error_text(ui, &message);
        }
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.print.both, lang.t(T::EmPrintBoth));
            if ui.button(lang.t(T::EmPrintSave)).clicked() {
                let path = self.print.path.trim();
                out.push(EmergencyCommand::PrintPlan {
                    plan: id,
                    path: (!path.is_empty()).then(|| PathBuf::from(path)),
                    both: self.print.both,
                    shop: cx.shop_name().to_owned(),
                });
            }
            // (After "save", so that nothing moves under the pointer that just saved.)
            if let Some((_, printed)) = self.print.printed.as_ref().filter(|(plan, _)| *plan == id)
                && ui.button(lang.t(T::EmOpenPrinted)).clicked()
            {
                out.app(crate::ui::command::AppCommand::Open(printed.clone()));
            }
        });
    }

    pub(super) fn plan_form_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        out: &mut Out<EmergencyCommand>,
    ) {
        let Some(form) = &mut self.plan_form else {
            return;
        };
        let heading = if form.id.is_some() {
            T::EmEditPlanTitle
        } else {
            T::EmNewPlanTitle
        };
        let (save, cancel) = form_header(ui, lang, lang.t(heading));
        if let Some(problem) = &form.problem {
            error_text(ui, &lang.fill(T::EmFormProblem, &[("problem", problem)]));
        }
        let title_label = lang.fill(T::Required, &[("field", lang.t(T::EmPlanTitle))]);
        let fields: [(&str, &mut String, usize, bool); 4] = [
            (
                &title_label,
                &mut form.title,
                crate::emergency::plan::MAX_TITLE,
                false,
            ),
            (
                lang.t(T::EmPlanSituation),
                &mut form.situation,
                MAX_SITUATION,
                true,
            ),
            (
                lang.t(T::EmPlanSteps),
                &mut form.steps,
                MAX_STEPS * (MAX_STEP + 1),
                true,
            ),
            (
                lang.t(T::EmPlanFallbacks),
                &mut form.fallbacks,
                MAX_FALLBACKS * (MAX_FALLBACK + 1),
                true,
            ),
        ];
        for (label, value, max, multiline) in fields {
            let mut field = TextField::new(label, value, max);
            if multiline {
                field = field.multiline();
            }
            let (_, refusal) = field.show(ui, lang);
            if refusal.is_some() {
                form.problem = refusal;
            }
        }
        if save {
            let fields = PlanFields {
                title: form.title.clone(),
                situation: form.situation.clone(),
                steps: split_lines(&form.steps),
                fallbacks: split_lines(&form.fallbacks),
            };
            match fields.validate() {
                Ok(fields) => {
                    form.problem = None;
                    out.push(EmergencyCommand::SavePlan {
                        id: form.id,
                        fields: Box::new(fields),
                    });
                }
                Err(p) => form.problem = Some(p.message(lang)),
            }
        }
        let escape =
            self.notice.showing().is_none() && ui.input(|i| i.key_pressed(egui::Key::Escape));
        if cancel || escape {
            self.plan_form = None;
        }
    }

    /// The file name the wall sheet of plan `id` is suggested under.
    pub(super) fn print_file_name(&self, id: i64) -> String {
        let title = self.plan(id).map_or("", |p| p.fields.title.as_str());
        format!("{}.html", file_stem(title))
    }

    /// Writes the plan's wall sheet to `path`.
    pub(super) fn print_plan(
        &self,
        lang: Lang,
        id: i64,
        path: PathBuf,
        both: bool,
        (shop, devices, printed): (&str, &[(String, String)], chrono::NaiveDate),
        data_dir: &std::path::Path,
    ) -> Result<Option<String>, String> {
        let Some(plan) = self.plan(id) else {
            return Ok(None);
        };
        let html = WallSheet {
            shop,
            plan: &plan.fields,
            contacts: &self.contacts,
            devices,
            lang,
            both,
            printed,
        }
        .html();
        // The save dialog already asked before replacing a file.
        crate::files::Target::outside(&path, data_dir, crate::files::Existing::Replace)
            .and_then(|target| crate::files::write_file(&target, html.as_bytes()))
            .map(|()| Some(lang.fill(T::EmPrinted, &[("path", &path.display().to_string())])))
            .map_err(|e| lang.fill(T::EmPrintFailed, &[("detail", &e.message(lang))]))
    }
}

/// The shop's one device of `kind` in use, if there is exactly one (preselected for a run).
fn only_device(cx: &Context<'_>, kind: DeviceKind) -> Option<i64> {
    let mut devices = cx
        .devices()
        .iter()
        .filter(|d| d.in_use() && d.fields.kind == kind);
    match (devices.next(), devices.next()) {
        (Some(d), None) => Some(d.id),
        _ => None,
    }
}

/// A file name from a title: characters that file systems refuse become `-`.
fn file_stem(title: &str) -> String {
    title
        .chars()
        .map(|c| {
            if c.is_control() || "\\/:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect()
}
