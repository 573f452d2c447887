//! The Staff screen: the staff list with each person's trainings and next refreshers, the training
//! modules, recording a training, who needs training, and the new-hire checklist.

use std::collections::HashMap;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::device::parse_date;
use crate::i18n::{Lang, T};
use crate::planner::PlanSnapshot;
use crate::planner::drafts::{
    MAX_MODULE_TITLE, MAX_NAME, MAX_REFRESHER_MONTHS, MAX_SHORT_TEXT, MAX_TRAINING_NOTE,
    ModuleDraft, Problems, StaffDraft, TrainingDraft,
};
use crate::planner::task::{MAX_ITEM, MAX_ITEMS};
use crate::planner::{OccurrenceStatus, Staff, TrainingModule, TrainingRecord, refresher_due};
use crate::ui::command::{Out, Outcome, Page};
use crate::ui::context::{Apply, Context};
use crate::ui::theme::palette;
use crate::ui::widgets::{TextField, error_text, focus_once, muted, title};

/// How wide a text box is (wide enough for a note, short enough to read).
const FIELD_WIDTH: f32 = 560.0;
/// The refresher intervals offered as one-click chips.
const REFRESHER_CHIPS: [u32; 4] = [0, 6, 12, 24];

/// Which part of the screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Tab {
    /// The staff list.
    #[default]
    People,
    /// Who needs training.
    Due,
    /// The training modules.
    Modules,
    /// The new-hire checklist.
    Onboarding,
}

/// The form being filled in.
enum FormKind {
    Person(StaffDraft),
    Module(ModuleDraft),
    Record(TrainingDraft),
}

/// An open form with its problems.
struct Form {
    kind: FormKind,
    problems: Problems,
    /// A refused paste: the field and the message.
    refusal: Option<(T, String)>,
    /// The first text field takes the keyboard when the form opens.
    focus: bool,
}

impl Form {
    fn new(kind: FormKind) -> Self {
        // A training record starts with choices (who, which module), not text: its first text
        // field, the date, taking the keyboard scrolled them and Save out of sight at 200 %.
        let focus = !matches!(kind, FormKind::Record(_));
        Form {
            kind,
            problems: Problems::new(),
            refusal: None,
            focus,
        }
    }
}

/// What the Staff screen asks to be written.
#[derive(Clone, Debug, PartialEq)]
pub enum StaffCommand {
    /// Add (`id: None`) or update a member of staff.
    SaveStaff {
        /// The person, or `None` for a new one.
        id: Option<i64>,
        /// Their details.
        staff: Box<Staff>,
    },
    /// Add a training module.
    AddTrainingModule(Box<TrainingModule>),
    /// Record that someone was trained.
    AddTrainingRecord(Box<TrainingRecord>),
}

/// The Staff screen's state.
#[derive(Default)]
pub struct StaffScreen {
    tab: Tab,
    form: Option<Form>,
    /// The person the new-hire checklist is shown for.
    onboarding_person: Option<i64>,
}

impl StaffScreen {
    /// Draws the screen; intents go into `out`.
    fn draw(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<StaffCommand>) {
        let (lang, plan) = (cx.lang, cx.plan());
        if self.form.is_some() {
            cx.from_top(egui::ScrollArea::vertical())
                .id_salt("staff_form")
                .auto_shrink([false, false])
                .show(ui, |ui| self.form_ui(ui, lang, plan, out));
            return;
        }
        ui.horizontal(|ui| {
            title(ui, lang.t(T::StaffTitle));
            ui.add_space(16.0);
            if ui
                .button(RichText::new(lang.t(T::StaffRecordTraining)).strong())
                .clicked()
            {
                self.open_record(plan, None, None);
            }
        });
        muted(ui, lang.t(T::StaffIntro));
        ui.add_space(2.0);
        ui.horizontal_wrapped(|ui| {
            let n = |count: usize| count.to_string();
            let tabs = [
                (
                    Tab::People,
                    lang.fill(T::StaffTabPeople, &[("n", &n(plan.staff.len()))]),
                ),
                (
                    Tab::Due,
                    lang.fill(T::StaffTabDue, &[("n", &n(plan.training_due.len()))]),
                ),
                (
                    Tab::Modules,
                    lang.fill(T::StaffTabModules, &[("n", &n(plan.modules.len()))]),
                ),
                (Tab::Onboarding, lang.t(T::StaffTabOnboarding).to_owned()),
            ];
            for (tab, label) in tabs {
                ui.selectable_value(&mut self.tab, tab, RichText::new(label).size(17.0));
            }
        });
        ui.separator();
        cx.from_top(egui::ScrollArea::vertical())
            .id_salt("staff_tab")
            .auto_shrink([false, false])
            .show(ui, |ui| match self.tab {
                Tab::People => self.people_ui(ui, lang, plan),
                Tab::Due => self.due_ui(ui, lang, plan),
                Tab::Modules => self.modules_ui(ui, lang, plan),
                Tab::Onboarding => self.onboarding_ui(ui, lang, plan),
            });
    }

    /// Opens the record form, with the person and module chosen if given (or if there is only one).
    fn open_record(&mut self, plan: &PlanSnapshot, staff_id: Option<i64>, module_id: Option<i64>) {
        let mut active = plan.staff.iter().filter(|s| s.active);
        let only_person = match (active.next(), active.next()) {
            (Some(s), None) => Some(s.id),
            _ => None,
        };
        let only_module = match plan.modules.as_slice() {
            [m] => Some(m.id),
            _ => None,
        };
        self.form = Some(Form::new(FormKind::Record(TrainingDraft {
            staff_id: staff_id.or(only_person),
            module_id: module_id.or(only_module),
            on: iso(plan.today),
            trainer: String::new(),
            note: String::new(),
        })));
    }

    fn people_ui(&mut self, ui: &mut Ui, lang: Lang, plan: &PlanSnapshot) {
        if ui
            .button(RichText::new(lang.t(T::StaffAdd)).strong())
            .clicked()
        {
            // Most are added on their first day; the trainings they need are due two weeks on.
            let draft = StaffDraft {
                started_on: iso(plan.today),
                ..StaffDraft::default()
            };
            self.form = Some(Form::new(FormKind::Person(draft)));
        }
        ui.add_space(4.0);
        if plan.staff.is_empty() {
            ui.add_space(12.0);
            muted(ui, lang.t(T::StaffNone));
            return;
        }
        let pal = palette(ui);
        for person in &plan.staff {
            egui::Frame::group(ui.style())
                .inner_margin(egui::Margin::same(10))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(&person.name).strong().size(18.0));
                        if !person.role.is_empty() {
                            ui.label(&person.role);
                        }
                        if person.at_work(plan.today) {
                            ui.label(RichText::new(lang.t(T::StaffActive)).color(pal.ok));
                        } else if let Some(first) = person.started_on.filter(|_| person.active) {
                            // Entered ahead of a first day: not on shift until then.
                            let day = first.format("%Y-%m-%d").to_string();
                            let text = lang.fill(T::StaffStartsOn, &[("date", &day)]);
                            ui.label(RichText::new(text).color(pal.warn));
                        } else {
                            ui.label(RichText::new(lang.t(T::StaffFormer)).color(pal.muted));
                        }
                        ui.add_space(12.0);
                        if ui.button(lang.t(T::Edit)).clicked() {
                            self.form = Some(Form::new(FormKind::Person(StaffDraft::of(person))));
                        }
                        if person.active && ui.button(lang.t(T::StaffRecordFor)).clicked() {
                            self.open_record(plan, Some(person.id), None);
                        }
                    });
                    let mut facts = Vec::new();
                    if !person.phone.is_empty() {
                        facts.push(lang.fill(T::StaffPhoneIs, &[("phone", &person.phone)]));
                    }
                    if let Some(on) = person.started_on {
                        facts.push(lang.fill(T::StaffStartedIs, &[("date", &iso(on))]));
                    }
                    if !facts.is_empty() {
                        muted(ui, &facts.join("    "));
                    }
                    self.trainings_ui(ui, lang, plan, person);
                });
            ui.add_space(4.0);
        }
    }

    /// A person's latest training in each module, with the next refresher.
    fn trainings_ui(&self, ui: &mut Ui, lang: Lang, plan: &PlanSnapshot, person: &Staff) {
        let latest = latest_trainings(&plan.records, person.id);
        if latest.is_empty() {
            muted(ui, lang.t(T::StaffNoTraining));
            return;
        }
        let pal = palette(ui);
        // In module order, so the lines keep their places from day to day.
        for module in &plan.modules {
            let Some(on) = latest.get(&module.id) else {
                continue;
            };
            ui.horizontal_wrapped(|ui| {
                match refresher_due(*on, module) {
                    Some(due) => {
                        ui.label(lang.fill(
                            T::StaffTrainedNext,
                            &[
                                ("module", &module.title),
                                ("on", &iso(*on)),
                                ("due", &iso(due)),
                            ],
                        ));
                        if person.active && due < plan.today {
                            ui.label(RichText::new(lang.t(T::StaffOverdue)).color(pal.danger));
                        } else if person.active && due == plan.today {
                            ui.label(RichText::new(lang.t(T::StaffDueToday)).color(pal.warn));
                        }
                    }
                    None => {
                        ui.label(lang.fill(
                            T::StaffTrainedOnce,
                            &[("module", &module.title), ("on", &iso(*on))],
                        ));
                    }
                };
            });
        }
    }

    fn due_ui(&mut self, ui: &mut Ui, lang: Lang, plan: &PlanSnapshot) {
        muted(ui, lang.t(T::StaffDueIntro));
        ui.add_space(4.0);
        if plan.training_due.is_empty() {
            ui.add_space(12.0);
            ui.label(lang.t(T::StaffDueNone));
            return;
        }
        let pal = palette(ui);
        let mut record = None;
        // One row per training, wrapping where the window is narrow: a six-column table ran
        // past the right edge at 1024 pixels, with "record" cut off.
        for (i, due) in plan.training_due.iter().enumerate() {
            if i > 0 {
                ui.separator();
            }
            ui.horizontal_wrapped(|ui| {
                ui.strong(plan.staff_name(Some(due.staff_id)));
                ui.label(
                    plan.module(due.module_id)
                        .map(|m| m.title.as_str())
                        .unwrap_or_default(),
                );
            });
            ui.horizontal_wrapped(|ui| {
                muted(ui, lang.t(T::StaffColLast));
                match due.last {
                    Some(last) => ui.label(iso(last)),
                    None => ui.label(lang.t(T::StaffNever)),
                };
                ui.add_space(8.0);
                muted(ui, lang.t(T::StaffColDue));
                ui.label(iso(due.due));
                ui.add_space(8.0);
                let (key, colour) = match due.status {
                    OccurrenceStatus::Overdue => (T::StaffOverdue, pal.danger),
                    OccurrenceStatus::DueToday => (T::StaffDueToday, pal.warn),
                    // A new hire's training not done yet is no refresher "coming up".
                    _ if due.last.is_none() => (T::StaffNotYetTrained, pal.warn),
                    _ => (T::StaffUpcoming, pal.muted),
                };
                ui.label(RichText::new(lang.t(key)).color(colour));
                if ui.button(lang.t(T::StaffRecordFor)).clicked() {
                    record = Some((due.staff_id, due.module_id));
                }
            });
        }
        if let Some((staff_id, module_id)) = record {
            self.open_record(plan, Some(staff_id), Some(module_id));
        }
    }

    fn modules_ui(&mut self, ui: &mut Ui, lang: Lang, plan: &PlanSnapshot) {
        if ui
            .button(RichText::new(lang.t(T::StaffModuleAdd)).strong())
            .clicked()
        {
            self.form = Some(Form::new(FormKind::Module(ModuleDraft::default())));
        }
        ui.add_space(4.0);
        if plan.modules.is_empty() {
            ui.add_space(12.0);
            muted(ui, lang.t(T::StaffModuleNone));
            return;
        }
        for module in &plan.modules {
            let mut header = format!("{}  ·  {}", module.title, refresher_words(lang, module));
            if module.onboarding {
                header.push_str("  ·  ");
                header.push_str(lang.t(T::StaffOnboardingMark));
            }
            egui::CollapsingHeader::new(RichText::new(header).size(17.0))
                .id_salt(("training_module", module.id))
                .show(ui, |ui| {
                    if module.items.is_empty() {
                        muted(ui, lang.t(T::StaffModuleNoItems));
                    }
                    for (i, item) in module.items.iter().enumerate() {
                        ui.label(format!("{}. {item}", i + 1));
                    }
                });
        }
    }

    fn onboarding_ui(&mut self, ui: &mut Ui, lang: Lang, plan: &PlanSnapshot) {
        let onboarding: Vec<&TrainingModule> =
            plan.modules.iter().filter(|m| m.onboarding).collect();
        if onboarding.is_empty() {
            ui.add_space(12.0);
            muted(ui, lang.t(T::StaffOnbNoModules));
            return;
        }
        let active: Vec<&Staff> = plan.staff.iter().filter(|s| s.active).collect();
        if active.is_empty() {
            ui.add_space(12.0);
            muted(ui, lang.t(T::StaffRecordNoStaff));
            return;
        }
        muted(ui, lang.t(T::StaffOnbIntro));
        let mut chosen = self
            .onboarding_person
            .filter(|id| active.iter().any(|s| s.id == *id))
            .unwrap_or(active[0].id);
        ui.horizontal_wrapped(|ui| {
            for person in &active {
                if chip(ui, chosen == person.id, person_label(&active, person)) {
                    chosen = person.id;
                }
            }
        });
        self.onboarding_person = Some(chosen);
        ui.add_space(6.0);
        let latest = latest_trainings(&plan.records, chosen);
        let done = onboarding
            .iter()
            .filter(|m| latest.contains_key(&m.id))
            .count();
        ui.label(
            RichText::new(lang.fill(
                T::StaffOnbProgress,
                &[
                    ("done", &done.to_string()),
                    ("total", &onboarding.len().to_string()),
                ],
            ))
            .strong()
            .size(18.0),
        );
        let pal = palette(ui);
        let mut record = None;
        for module in onboarding {
            ui.horizontal_wrapped(|ui| match latest.get(&module.id) {
                Some(on) => {
                    ui.label(
                        RichText::new(lang.fill(
                            T::StaffOnbDone,
                            &[("module", &module.title), ("date", &iso(*on))],
                        ))
                        .color(pal.ok),
                    );
                }
                None => {
                    ui.label(lang.fill(T::StaffOnbNotYet, &[("module", &module.title)]));
                    if ui.button(lang.t(T::StaffRecordFor)).clicked() {
                        record = Some(module.id);
                    }
                }
            });
        }
        if let Some(module_id) = record {
            self.open_record(plan, Some(chosen), Some(module_id));
        }
    }

    fn form_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        plan: &PlanSnapshot,
        out: &mut Out<StaffCommand>,
    ) {
        let Some(form) = &mut self.form else { return };
        let heading = match &form.kind {
            FormKind::Person(p) if p.id.is_some() => T::StaffEditTitle,
            FormKind::Person(_) => T::StaffNewTitle,
            FormKind::Module(_) => T::StaffModuleNewTitle,
            FormKind::Record(_) => T::StaffRecordTitle,
        };
        // The buttons sit by the title, so they are in view however long the form is.
        let (mut save, mut cancel) = (false, false);
        ui.horizontal(|ui| {
            title(ui, lang.t(heading));
            ui.add_space(12.0);
            save = ui
                .button(RichText::new(format!("✓ {}", lang.t(T::Save))).strong())
                .clicked();
            cancel = ui.button(lang.t(T::Cancel)).clicked();
        });
        crate::ui::widgets::form_problems(ui, lang, form.problems.len());
        ui.add_space(4.0);
        let mut fields = Fields {
            lang,
            problems: &form.problems,
            refusal: &mut form.refusal,
            focus: &mut form.focus,
            multiline_focused: false,
        };
        match &mut form.kind {
            FormKind::Person(p) => person_fields(ui, &mut fields, p, &plan.staff),
            FormKind::Module(m) => module_fields(ui, &mut fields, m),
            FormKind::Record(r) => record_fields(ui, &mut fields, plan, r),
        }
        // Enter saves, except inside a box of several lines where it starts a new line.
        save |= !fields.multiline_focused
            && ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.any());
        if save {
            form.refusal = None;
            let result = match &form.kind {
                FormKind::Person(p) => {
                    p.validate(plan.today).map(|staff| StaffCommand::SaveStaff {
                        id: p.id,
                        staff: Box::new(staff),
                    })
                }
                FormKind::Module(m) => m
                    .validate()
                    .map(|module| StaffCommand::AddTrainingModule(Box::new(module))),
                FormKind::Record(r) => r
                    .validate(plan.today, started_on(plan, r.staff_id))
                    .map(|record| StaffCommand::AddTrainingRecord(Box::new(record))),
            };
            match result {
                Ok(command) => {
                    form.problems.clear();
                    out.push(command);
                }
                Err(problems) => form.problems = problems,
            }
        }
        if cancel || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.form = None;
        }
    }
}

impl Page for StaffScreen {
    type Command = StaffCommand;
    const MIN_WIDTH: f32 = crate::ui::panes::NARROWEST;

    fn ui(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<StaffCommand>) {
        self.draw(ui, cx, out);
    }

    /// A new member of staff or training module half typed in.
    fn unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(|f| match &f.kind {
            FormKind::Person(p) => {
                p.id.is_none()
                    && [&p.name, &p.role, &p.phone]
                        .iter()
                        .any(|t| !t.trim().is_empty())
            }
            FormKind::Module(m) => !m.title.trim().is_empty(),
            FormKind::Record(_) => false,
        })
    }

    fn apply(&mut self, command: StaffCommand, ax: &mut Apply<'_>) -> Outcome {
        // The only person at work is on shift without being chosen; a second one joining must
        // not leave today's records without a name: that person stays on shift today.
        let plan = &ax.shared.plan;
        let only_on_shift = plan
            .current_staff
            .filter(|_| plan.staff_at_work().count() == 1);
        let today = ax.today;
        let store = &mut *ax.store;
        let (result, done) = match command {
            StaffCommand::SaveStaff { id, staff } => (
                store
                    .save_staff(id, &staff)
                    .and_then(|_| match only_on_shift {
                        Some(person) => store.choose_on_shift(person, today),
                        None => Ok(()),
                    }),
                T::StaffSaved,
            ),
            StaffCommand::AddTrainingModule(module) => (
                store.add_training_module(&module, None).map(|_| ()),
                T::ModuleSaved,
            ),
            StaffCommand::AddTrainingRecord(record) => (
                store.add_training_record(&record).map(|_| ()),
                T::TrainingRecorded,
            ),
        };
        if result.is_ok() {
            // The open form (its draft goes with it) is done.
            self.form = None;
        }
        Outcome::of_write(result, ax.lang, done)
    }
}

/// What every field of a form shares: the language, the problems to show and refused pastes.
struct Fields<'a> {
    lang: Lang,
    problems: &'a Problems,
    refusal: &'a mut Option<(T, String)>,
    /// The first field drawn takes the keyboard (see [`focus_once`]).
    focus: &'a mut bool,
    multiline_focused: bool,
}

impl Fields<'_> {
    /// A labelled text box with its refusal and problems under it.
    fn text(&mut self, ui: &mut Ui, field: T, value: &mut String, max: usize, style: Style) {
        let lang = self.lang;
        let mut label = lang.t(field).to_owned();
        if matches!(style, Style::Required) {
            label = lang.fill(T::Required, &[("field", &label)]);
        }
        let mut widget = TextField::new(&label, value, max).width(FIELD_WIDTH);
        match style {
            Style::Date => widget = widget.hint(lang.t(T::DateHint)).width(240.0),
            Style::Hint(hint) => widget = widget.hint(lang.t(hint)),
            Style::Multiline => widget = widget.multiline(),
            Style::Plain | Style::Required => {}
        }
        ui.add_space(2.0);
        let (response, refusal) = widget.show(ui, lang);
        focus_once(&response, self.focus);
        if matches!(style, Style::Multiline) && response.has_focus() {
            self.multiline_focused = true;
        }
        if let Some(message) = refusal {
            *self.refusal = Some((field, message));
        }
        if let Some((f, message)) = self.refusal.as_ref()
            && *f == field
        {
            error_text(ui, message);
        }
        self.problems_of(ui, field);
    }

    /// The problems about `field`.
    fn problems_of(&self, ui: &mut Ui, field: T) {
        for (_, problem) in self.problems.iter().filter(|(f, _)| *f == field) {
            error_text(ui, &problem.message(self.lang));
        }
    }
}

/// How a text field looks.
#[derive(Clone, Copy)]
enum Style {
    Plain,
    Required,
    Date,
    Hint(T),
    Multiline,
}

fn person_fields(
    ui: &mut Ui,
    fields: &mut Fields<'_>,
    p: &mut StaffDraft,
    staff: &[crate::planner::Staff],
) {
    fields.text(ui, T::StaffName, &mut p.name, MAX_NAME, Style::Required);
    // A name another member of staff has: pointed out (two "A"s on shift cannot be told apart
    // on Today or in the records), not refused.
    let name = p.name.trim().to_lowercase();
    if !name.is_empty()
        && let Some(twin) = staff
            .iter()
            .find(|s| Some(s.id) != p.id && s.name.trim().to_lowercase() == name)
    {
        let colour = ui.visuals().warn_fg_color;
        let text = fields
            .lang
            .fill(T::StaffSameName, &[("name", twin.name.trim())]);
        crate::ui::phrase_wrap::phrase_label(ui, &text, |t| RichText::new(t).color(colour));
    }
    fields.text(
        ui,
        T::StaffRole,
        &mut p.role,
        MAX_SHORT_TEXT,
        Style::Hint(T::StaffRoleHint),
    );
    fields.text(
        ui,
        T::StaffPhone,
        &mut p.phone,
        MAX_SHORT_TEXT,
        Style::Plain,
    );
    fields.text(ui, T::StaffStartedOn, &mut p.started_on, 20, Style::Date);
    if p.id.is_some() {
        ui.add_space(6.0);
        ui.checkbox(&mut p.former, fields.lang.t(T::StaffFormerCheck));
    }
}

fn module_fields(ui: &mut Ui, fields: &mut Fields<'_>, m: &mut ModuleDraft) {
    let lang = fields.lang;
    fields.text(
        ui,
        T::StaffModuleTitle,
        &mut m.title,
        MAX_MODULE_TITLE,
        Style::Required,
    );
    fields.text(
        ui,
        T::StaffModuleItems,
        &mut m.items,
        MAX_ITEMS * (MAX_ITEM + 1),
        Style::Multiline,
    );
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = ui.label(lang.t(T::StaffModuleRefresher));
        ui.add(
            egui::DragValue::new(&mut m.refresher_months)
                .range(0..=MAX_REFRESHER_MONTHS)
                .speed(0.2)
                .suffix(lang.t(T::StaffMonthsSuffix)),
        )
        .labelled_by(label.id);
    });
    ui.horizontal_wrapped(|ui| {
        for months in REFRESHER_CHIPS {
            let label = if months == 0 {
                lang.t(T::StaffRefresherNone).to_owned()
            } else {
                lang.fill(T::StaffMonths, &[("n", &months.to_string())])
            };
            if chip(ui, m.refresher_months == months, label) {
                m.refresher_months = months;
            }
        }
    });
    muted(ui, &refresher_text(lang, m.refresher_months));
    ui.add_space(6.0);
    ui.checkbox(&mut m.onboarding, lang.t(T::StaffOnboardingCheck));
}

/// When the person `staff_id` started here, if known.
fn started_on(plan: &PlanSnapshot, staff_id: Option<i64>) -> Option<NaiveDate> {
    let id = staff_id?;
    plan.staff.iter().find(|p| p.id == id)?.started_on
}

fn record_fields(ui: &mut Ui, fields: &mut Fields<'_>, plan: &PlanSnapshot, r: &mut TrainingDraft) {
    let lang = fields.lang;
    let active: Vec<&Staff> = plan.staff.iter().filter(|s| s.active).collect();
    ui.label(RichText::new(lang.t(T::StaffRecordPerson)).strong());
    if active.is_empty() {
        muted(ui, lang.t(T::StaffRecordNoStaff));
    }
    ui.horizontal_wrapped(|ui| {
        for person in &active {
            if chip(
                ui,
                r.staff_id == Some(person.id),
                person_label(&active, person),
            ) {
                r.staff_id = Some(person.id);
            }
        }
    });
    fields.problems_of(ui, T::StaffRecordPerson);
    ui.add_space(6.0);
    ui.label(RichText::new(lang.t(T::StaffRecordModule)).strong());
    if plan.modules.is_empty() {
        muted(ui, lang.t(T::StaffRecordNoModules));
    }
    ui.horizontal_wrapped(|ui| {
        for module in &plan.modules {
            if chip(ui, r.module_id == Some(module.id), module.title.clone()) {
                r.module_id = Some(module.id);
            }
        }
    });
    fields.problems_of(ui, T::StaffRecordModule);
    ui.add_space(6.0);
    fields.text(ui, T::StaffRecordDate, &mut r.on, 20, Style::Date);
    // What recording this will mean for the next refresher; its line is there before a topic
    // is chosen, so the fields below do not move under the next click (a shop owner's click
    // meant for the trainer's name landed in the gap).
    let next = match (
        r.module_id.and_then(|id| plan.module(id)),
        parse_date(&r.on),
    ) {
        (Some(module), Some(on)) if on <= plan.today => match refresher_due(on, module) {
            Some(due) => lang.fill(T::StaffRecordNextDue, &[("date", &iso(due))]),
            None => lang.t(T::StaffRefresherNone).to_owned(),
        },
        _ => lang.t(T::StaffRecordNextDueLater).to_owned(),
    };
    muted(ui, &next);
    fields.text(
        ui,
        T::StaffRecordTrainer,
        &mut r.trainer,
        MAX_SHORT_TEXT,
        Style::Plain,
    );
    fields.text(
        ui,
        T::StaffRecordNote,
        &mut r.note,
        MAX_TRAINING_NOTE,
        Style::Multiline,
    );
}

/// A framed choice button, filled when chosen; returns whether it was clicked.
fn chip(ui: &mut Ui, selected: bool, label: String) -> bool {
    let button = egui::Button::selectable(selected, RichText::new(label).size(17.0))
        .frame_when_inactive(true)
        .min_size(egui::vec2(48.0, 34.0));
    ui.add(button).clicked()
}

/// A person's name, with the role added when another current person has the same name.
fn person_label(people: &[&Staff], person: &Staff) -> String {
    let twins = people.iter().filter(|s| s.name == person.name).count();
    if twins > 1 && !person.role.is_empty() {
        format!("{}（{}）", person.name, person.role)
    } else if twins > 1 {
        format!("{} #{}", person.name, person.id)
    } else {
        person.name.clone()
    }
}

/// The latest training date of `staff_id` in each module.
fn latest_trainings(records: &[TrainingRecord], staff_id: i64) -> HashMap<i64, NaiveDate> {
    let mut latest: HashMap<i64, NaiveDate> = HashMap::new();
    for r in records.iter().filter(|r| r.staff_id == staff_id) {
        let slot = latest.entry(r.module_id).or_insert(r.on);
        *slot = (*slot).max(r.on);
    }
    latest
}

/// "每 12 个月复训" or "不需要复训".
fn refresher_text(lang: Lang, months: u32) -> String {
    if months == 0 {
        lang.t(T::StaffRefresherNone).to_owned()
    } else {
        lang.fill(T::StaffRefresherEvery, &[("n", &months.to_string())])
    }
}

fn refresher_words(lang: Lang, module: &TrainingModule) -> String {
    refresher_text(lang, module.refresher_months)
}

/// A date as `YYYY-MM-DD`.
fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}
