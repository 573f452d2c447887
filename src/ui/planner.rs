//! The Planner screen: tasks by category with their next due date and last result; the task
//! editor with a schedule editor that says in words what it will do and previews the next five
//! dates; and the shop's opening days and holidays.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::device::{Device, parse_date};
use crate::i18n::{Lang, T};
use crate::planner::PlanSnapshot;
use crate::planner::postpone::Postponed;
use crate::planner::task;
use crate::planner::weekdays::WEEK;
use crate::planner::{
    Anchor, ClosedDayRule, Holiday, Schedule, ScheduleKind, ShopCalendar, Task, TaskCategory,
    TaskFields, TaskSchedule, catch_up, describe, preview, weekday_label,
};
use crate::ui::command::{Out, Outcome, Page};
use crate::ui::context::{Apply, Context};
use crate::ui::panes::{NARROWEST, Pane, SideSize, list_and_side};
use crate::ui::phrase_wrap::phrase_label;
use crate::ui::theme::palette;
use crate::ui::widgets::DATE_CHARS;
use crate::ui::widgets::{TextField, error_text, muted, title};

/// The task editor.
struct Editor {
    id: Option<i64>,
    title: String,
    category: TaskCategory,
    instructions: String,
    items: String,
    device_id: Option<i64>,
    staff_id: Option<i64>,
    schedule: TaskSchedule,
    start: String,
    once: String,
    problem: Option<String>,
}

impl Editor {
    fn new(today: NaiveDate) -> Editor {
        Editor {
            id: None,
            title: String::new(),
            category: TaskCategory::Check,
            instructions: String::new(),
            items: String::new(),
            device_id: None,
            staff_id: None,
            schedule: TaskSchedule::new(Schedule::Daily, today),
            start: today.to_string(),
            once: today.to_string(),
            problem: None,
        }
    }

    fn of(task: &Task) -> Editor {
        let f = &task.fields;
        let once = match f.schedule.schedule {
            Schedule::Once(d) => d,
            _ => f.schedule.start,
        };
        Editor {
            id: Some(task.id),
            title: f.title.clone(),
            category: f.category,
            instructions: f.instructions.clone(),
            items: f.items.join("\n"),
            device_id: f.device_id,
            staff_id: f.staff_id,
            schedule: f.schedule.clone(),
            start: f.schedule.start.to_string(),
            once: once.to_string(),
            problem: None,
        }
    }

    /// The schedule with the typed dates applied, or the problem with them.
    fn typed_schedule(&self, lang: Lang) -> Result<TaskSchedule, String> {
        let bad = |field: T, value: &str| {
            lang.fill(T::ErrBadDate, &[("field", lang.t(field)), ("value", value)])
        };
        let mut s = self.schedule.clone();
        s.start = parse_date(&self.start).ok_or_else(|| bad(T::PlanStart, &self.start))?;
        if let Schedule::Once(_) = s.schedule {
            s.schedule = Schedule::Once(
                parse_date(&self.once).ok_or_else(|| bad(T::PlanOnceDate, &self.once))?,
            );
        }
        s.validate().map_err(|e| e.message(lang))?;
        Ok(s)
    }
}

/// A holiday being typed.
#[derive(Default)]
struct NewHoliday {
    first: String,
    last: String,
    name: String,
    problem: Option<String>,
}

/// What the Planner screen asks to be written.
#[derive(Clone, Debug, PartialEq)]
pub enum PlannerCommand {
    /// Add (`id: None`) or update a task.
    SaveTask {
        /// The task, or `None` for a new one.
        id: Option<i64>,
        /// Its validated fields.
        fields: Box<TaskFields>,
    },
    /// Pause or resume a task.
    SetTaskPaused(i64, bool),
    /// Archive a task (its history stays) or bring it back.
    SetTaskArchived(i64, bool),
    /// Store the shop's rest days and holidays.
    SaveCalendar(Box<ShopCalendar>),
}

/// The Planner screen's state.
#[derive(Default)]
pub struct PlannerScreen {
    editor: Option<Editor>,
    selected: Option<i64>,
    show_archived: bool,
    holiday: NewHoliday,
    /// On a narrow window: the side pane (a task, the editor, the closing days) is shown, not
    /// the list.
    side_in_front: bool,
}

impl PlannerScreen {
    /// A save went through: close the editor.
    fn saved(&mut self) {
        if let Some(editor) = self.editor.take() {
            self.selected = editor.id.or(self.selected);
        }
    }

    /// Draws the screen; intents go into `out`.
    fn draw(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<PlannerCommand>) {
        let (lang, plan, devices) = (cx.lang, cx.plan(), cx.devices());
        ui.horizontal(|ui| {
            title(ui, lang.t(T::NavPlanner));
            // Greyed while a new task is being entered: a second click must not clear it.
            let adding = self.editor.as_ref().is_some_and(|e| e.id.is_none());
            let add =
                egui::Button::new(RichText::new(format!("＋ {}", lang.t(T::PlanNewTask))).strong());
            if ui.add_enabled(!adding, add).clicked() {
                self.editor = Some(Editor::new(plan.today));
                self.side_in_front = true;
            }
            ui.checkbox(&mut self.show_archived, lang.t(T::PlanShowArchived));
        });
        ui.separator();
        let size = SideSize {
            default: 520.0,
            min: 380.0,
        };
        let front = self.side_in_front;
        let back = list_and_side(ui, lang, "planner_side", size, front, |ui, pane| {
            match pane {
                Pane::Side => cx
                    .from_top(egui::ScrollArea::vertical())
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if self.editor.is_some() {
                            self.editor_ui(ui, lang, plan, devices, out);
                        } else if let Some(task) = self.selected.and_then(|id| plan.task(id)) {
                            self.detail_ui(ui, lang, plan, task, out);
                        } else {
                            self.calendar_ui(ui, lang, plan, out);
                        }
                    }),
                Pane::List => cx
                    .from_top(egui::ScrollArea::vertical())
                    .id_salt("tasks")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        self.list_ui(ui, lang, plan);
                        ui.add_space(12.0);
                        if ui.button(lang.t(T::PlanCalendar)).clicked() {
                            self.selected = None;
                            self.editor = None;
                            self.side_in_front = true;
                        }
                    }),
            };
        });
        if back {
            self.side_in_front = false;
        }
    }

    fn list_ui(&mut self, ui: &mut Ui, lang: Lang, plan: &PlanSnapshot) {
        if plan.tasks.is_empty() {
            // (Not "add them under Plan": this is Plan.)
            muted(ui, lang.t(T::PlanNoTasks));
            return;
        }
        let pal = palette(ui);
        for category in TaskCategory::ALL {
            let tasks: Vec<&Task> = plan
                .tasks
                .iter()
                .filter(|t| t.fields.category == category && (self.show_archived || !t.archived))
                .collect();
            if tasks.is_empty() {
                continue;
            }
            ui.add_space(6.0);
            ui.label(RichText::new(lang.t(category.label())).strong().size(17.0));
            for task in tasks {
                let selected = self.selected == Some(task.id) && self.editor.is_none();
                let button = egui::Button::selectable(
                    selected,
                    RichText::new(&task.fields.title).size(16.0),
                )
                .min_size(egui::vec2(ui.available_width(), 30.0));
                if ui.add(button).clicked() {
                    self.selected = Some(task.id);
                    self.editor = None;
                    self.side_in_front = true;
                }
                let mut facts = vec![describe(&task.fields.schedule, lang)];
                if task.archived {
                    facts.insert(0, lang.t(T::PlanArchived).to_owned());
                } else if task.paused {
                    facts.insert(0, lang.t(T::PlanPaused).to_owned());
                } else if let Some(due) = plan.shown_due(task) {
                    facts.push(lang.fill(T::PlanNextDue, &[("date", &due.to_string())]));
                }
                if let Some(last) = plan.latest.get(&task.id) {
                    facts.push(lang.fill(
                        T::PlanLastResult,
                        &[("result", lang.t(last.outcome.label()))],
                    ));
                }
                ui.horizontal(|ui| {
                    ui.add_space(12.0);
                    phrase_label(ui, &facts.join(" · "), |t| {
                        RichText::new(t).color(pal.muted)
                    });
                });
            }
        }
    }

    fn detail_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        plan: &PlanSnapshot,
        task: &Task,
        out: &mut Out<PlannerCommand>,
    ) {
        title(ui, &task.fields.title);
        if !task.fields.instructions.is_empty() {
            ui.label(&task.fields.instructions);
        }
        for item in &task.fields.items {
            ui.label(format!("• {item}"));
        }
        // (The schedule in words once, with its dates: it was said twice, grey and green.)
        let from = next_from(plan, Some(task.id), &task.fields.schedule);
        preview_ui(
            ui,
            lang,
            (plan, from, plan.put_off(task)),
            &task.fields.schedule,
        );
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            if ui.button(lang.t(T::Edit)).clicked() {
                self.editor = Some(Editor::of(task));
            }
            let (pause, key) = if task.paused {
                (false, T::PlanResume)
            } else {
                (true, T::PlanPause)
            };
            if ui.button(lang.t(key)).clicked() {
                out.push(PlannerCommand::SetTaskPaused(task.id, pause));
            }
            let (archive, key) = if task.archived {
                (false, T::PlanUnarchive)
            } else {
                (true, T::PlanArchive)
            };
            if ui.button(lang.t(key)).clicked() {
                out.push(PlannerCommand::SetTaskArchived(task.id, archive));
            }
        });
    }

    fn editor_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        plan: &PlanSnapshot,
        devices: &[Device],
        out: &mut Out<PlannerCommand>,
    ) {
        let Some(ed) = &mut self.editor else { return };
        let (mut save, mut cancel) = (false, false);
        ui.horizontal(|ui| {
            title(
                ui,
                lang.t(if ed.id.is_some() {
                    T::PlanEditTask
                } else {
                    T::PlanNewTask
                }),
            );
            save = ui
                .button(RichText::new(format!("✓ {}", lang.t(T::Save))).strong())
                .clicked();
            cancel = ui.button(lang.t(T::Cancel)).clicked();
        });
        if let Some(problem) = &ed.problem {
            error_text(ui, problem);
        }
        let mut refused = None;
        refused = refused.or(
            TextField::new(lang.t(T::TaskTitle), &mut ed.title, task::MAX_TITLE)
                .show(ui, lang)
                .1,
        );
        ui.label(lang.t(T::FieldKind));
        ui.horizontal_wrapped(|ui| {
            for c in TaskCategory::ALL {
                ui.selectable_value(&mut ed.category, c, lang.t(c.label()));
            }
        });
        schedule_ui(ui, lang, ed);
        preview_or_problem(ui, lang, plan, ed);
        refused = refused.or(TextField::new(
            lang.t(T::TaskItems),
            &mut ed.items,
            task::MAX_ITEMS * (task::MAX_ITEM + 1),
        )
        .multiline()
        .show(ui, lang)
        .1);
        refused = refused.or(TextField::new(
            lang.t(T::TaskInstructions),
            &mut ed.instructions,
            task::MAX_INSTRUCTIONS,
        )
        .multiline()
        .show(ui, lang)
        .1);
        ui.label(lang.t(T::PlanDevice));
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut ed.device_id, None, lang.t(T::NoDevice));
            // (Two of one name told apart, as everywhere else: "Till · T001".)
            let in_use: Vec<&Device> = devices.iter().filter(|d| d.in_use()).collect();
            for d in &in_use {
                let name = crate::device::choice_name(d, &in_use);
                ui.selectable_value(&mut ed.device_id, Some(d.id), name);
            }
        });
        ui.label(lang.t(T::PlanResponsible));
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut ed.staff_id, None, lang.t(T::NoDevice));
            for s in plan.staff.iter().filter(|s| s.active) {
                ui.selectable_value(&mut ed.staff_id, Some(s.id), &s.name);
            }
        });
        // And again below the last choice, with what stops it: on a 700-pixel till the top has
        // scrolled away by the time the device and the person are chosen.
        ui.add_space(6.0);
        save |= ui
            .button(RichText::new(format!("✓ {}", lang.t(T::TaskSaveBelow))).strong())
            .clicked();
        if let Some(message) = refused {
            ed.problem = Some(message);
        }
        if save {
            match ed.typed_schedule(lang) {
                Err(problem) => ed.problem = Some(problem),
                Ok(schedule) => {
                    let fields = TaskFields {
                        title: ed.title.clone(),
                        category: ed.category,
                        instructions: ed.instructions.clone(),
                        items: ed.items.lines().map(str::to_owned).collect(),
                        device_id: ed.device_id,
                        staff_id: ed.staff_id,
                        schedule,
                    };
                    match fields.validate(lang) {
                        Ok(fields) => out.push(PlannerCommand::SaveTask {
                            id: ed.id,
                            fields: Box::new(fields),
                        }),
                        Err(problem) => ed.problem = Some(problem.message(lang)),
                    }
                }
            }
        }
        // (Said at the top; here, that there is something to change.)
        crate::ui::widgets::form_problems(ui, lang, usize::from(ed.problem.is_some()));
        if cancel {
            self.editor = None;
        }
    }

    fn calendar_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        plan: &PlanSnapshot,
        out: &mut Out<PlannerCommand>,
    ) {
        title(ui, lang.t(T::PlanCalendar));
        let muted_colour = palette(ui).muted;
        phrase_label(ui, lang.t(T::PlanCalendarHelp), |t| {
            RichText::new(t).color(muted_colour)
        });
        ui.label(RichText::new(lang.t(T::PlanRestDays)).strong());
        ui.horizontal_wrapped(|ui| {
            for day in WEEK {
                let on = plan.calendar.rest_days.contains(day);
                if ui
                    .selectable_label(on, lang.t(weekday_label(day)))
                    .clicked()
                {
                    let mut calendar = plan.calendar.clone();
                    if on {
                        calendar.rest_days.remove(day);
                    } else {
                        calendar.rest_days.insert(day);
                    }
                    out.push(PlannerCommand::SaveCalendar(Box::new(calendar)));
                }
            }
        });
        if let Err(problems) = plan.calendar.validate() {
            for p in problems {
                error_text(ui, &p.message(lang));
            }
        }
        ui.add_space(8.0);
        ui.label(RichText::new(lang.t(T::PlanHolidays)).strong());
        for (i, h) in plan.calendar.holidays.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                let range = if h.first == h.last {
                    h.first.to_string()
                } else {
                    format!("{} – {}", h.first, h.last)
                };
                ui.label(format!("{range} {}", h.name));
                if ui
                    .small_button(lang.fill(T::PlanRemoveHoliday, &[("date", &range)]))
                    .clicked()
                {
                    let mut calendar = plan.calendar.clone();
                    calendar.holidays.remove(i);
                    out.push(PlannerCommand::SaveCalendar(Box::new(calendar)));
                }
            });
        }
        let h = &mut self.holiday;
        // (A paste too long for a field is said, not dropped without a word.)
        let (_, first) = TextField::new(lang.t(T::PlanHolidayFirst), &mut h.first, DATE_CHARS)
            .hint(lang.t(T::DateHint))
            .width(220.0)
            .show(ui, lang);
        let (_, last) = TextField::new(lang.t(T::PlanHolidayLast), &mut h.last, DATE_CHARS)
            .hint(lang.t(T::DateHint))
            .width(220.0)
            .show(ui, lang);
        let (_, name) = TextField::new(
            lang.t(T::PlanHolidayName),
            &mut h.name,
            crate::planner::closing::MAX_HOLIDAY_NAME,
        )
        .width(220.0)
        .show(ui, lang);
        if let Some(refusal) = first.or(last).or(name) {
            h.problem = Some(refusal);
        }
        if let Some(p) = &h.problem {
            error_text(ui, p);
        }
        if ui.button(lang.t(T::PlanAddHoliday)).clicked() {
            let first = parse_date(&h.first);
            let last = if h.last.trim().is_empty() {
                first
            } else {
                parse_date(&h.last)
            };
            match (first, last) {
                (Some(first), Some(last)) => {
                    let mut calendar = plan.calendar.clone();
                    calendar
                        .holidays
                        .push(Holiday::range(first, last).named(h.name.trim()));
                    if let Err(problems) = calendar.validate() {
                        h.problem = problems.first().map(|p| p.message(lang));
                    } else {
                        *h = NewHoliday::default();
                        out.push(PlannerCommand::SaveCalendar(Box::new(calendar)));
                    }
                }
                (None, _) => {
                    h.problem = Some(lang.fill(
                        T::ErrBadDate,
                        &[("field", lang.t(T::PlanHolidayFirst)), ("value", &h.first)],
                    ));
                }
                (_, None) => {
                    h.problem = Some(lang.fill(
                        T::ErrBadDate,
                        &[("field", lang.t(T::PlanHolidayLast)), ("value", &h.last)],
                    ));
                }
            }
        }
    }
}

/// The schedule part of the editor: kind, its numbers, anchor, closing-day rule, start date.
fn schedule_ui(ui: &mut Ui, lang: Lang, ed: &mut Editor) {
    ui.label(RichText::new(lang.t(T::PlanSchedule)).strong());
    let start = parse_date(&ed.start).unwrap_or(ed.schedule.start);
    let kind = ed.schedule.schedule.kind();
    ui.horizontal_wrapped(|ui| {
        for k in ScheduleKind::ALL {
            if ui.selectable_label(kind == k, lang.t(k.label())).clicked() && kind != k {
                ed.schedule.schedule = k.schedule_from(start);
            }
        }
    });
    match &mut ed.schedule.schedule {
        Schedule::Once(_) => {
            TextField::new(lang.t(T::PlanOnceDate), &mut ed.once, DATE_CHARS)
                .hint(lang.t(T::DateHint))
                .width(220.0)
                .show(ui, lang);
        }
        Schedule::Weekly { weekdays } => {
            ui.horizontal_wrapped(|ui| {
                for day in WEEK {
                    let on = weekdays.contains(day);
                    if ui
                        .selectable_label(on, lang.t(weekday_label(day)))
                        .clicked()
                    {
                        if on {
                            weekdays.remove(day);
                        } else {
                            weekdays.insert(day);
                        }
                    }
                }
            });
        }
        Schedule::MonthlyOnDay { day } => number(ui, lang.t(T::PlanDayOfMonth), day, 1..=31),
        Schedule::EveryDays(n) | Schedule::EveryWeeks(n) | Schedule::EveryMonths(n) => {
            number(ui, lang.t(T::PlanInterval), n, 1..=999);
        }
        Schedule::Yearly { month, day } => {
            number(ui, lang.t(T::PlanMonth), month, 1..=12);
            number(ui, lang.t(T::PlanDayOfMonth), day, 1..=31);
        }
        Schedule::Daily | Schedule::MonthlyLastDay => {}
    }
    if !matches!(ed.schedule.schedule, Schedule::Once(_)) {
        ui.horizontal_wrapped(|ui| {
            for a in Anchor::ALL {
                ui.radio_value(&mut ed.schedule.anchor, a, lang.t(a.label()));
            }
        });
        TextField::new(lang.t(T::PlanStart), &mut ed.start, DATE_CHARS)
            .hint(lang.t(T::DateHint))
            .width(220.0)
            .show(ui, lang);
    }
    ui.horizontal_wrapped(|ui| {
        for r in ClosedDayRule::ALL {
            ui.radio_value(&mut ed.schedule.closed_rule, r, lang.t(r.label()));
        }
    });
}

/// A number field with its label as accessible name.
fn number(ui: &mut Ui, label: &str, value: &mut u32, range: std::ops::RangeInclusive<u32>) {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(egui::DragValue::new(value).range(range).speed(0.2))
            .labelled_by(l.id);
    });
}

/// The schedule in words and the next five dates, or what is wrong with it.
fn preview_or_problem(ui: &mut Ui, lang: Lang, plan: &PlanSnapshot, ed: &Editor) {
    match ed.typed_schedule(lang) {
        Ok(schedule) => {
            let from = next_from(plan, ed.id, &schedule);
            preview_ui(ui, lang, (plan, from, None), &schedule);
        }
        Err(problem) => error_text(ui, &problem),
    }
}

/// The day a task's dates are listed from: its open occurrence under `schedule` once it has a
/// record (a slot done or skipped today is not "next" any more: the list said 12-07 under
/// "next: 2027-03-07"), else today.
fn next_from(plan: &PlanSnapshot, id: Option<i64>, schedule: &TaskSchedule) -> NaiveDate {
    let last = id
        .and_then(|id| plan.latest.get(&id))
        .map(|c| c.occurrence());
    last.and_then(|last| catch_up(schedule, &plan.calendar, Some(last), plan.today).due)
        .map_or(plan.today, |due| due.max(plan.today))
}

/// "What it will do" and the next five due dates from `from`.
fn preview_ui(
    ui: &mut Ui,
    lang: Lang,
    (plan, from, put_off): (&PlanSnapshot, NaiveDate, Option<Postponed>),
    schedule: &TaskSchedule,
) {
    let pal = palette(ui);
    phrase_label(ui, &describe(schedule, lang), |t| {
        RichText::new(t).strong().color(pal.ok)
    });
    let day = |d: &NaiveDate| {
        format!(
            "{d} {}",
            lang.t(weekday_label(chrono::Datelike::weekday(d)))
        )
    };
    let mut text = Vec::new();
    let mut from = from;
    // An occurrence put off ("Tomorrow instead") is listed on its new day, saying so, and the
    // turns after it follow (the list gave the day it was put off from, the list above the new).
    if let Some(p) = put_off {
        let note = lang.fill(T::TodayPutOffFrom, &[("date", &p.due.to_string())]);
        text.push(format!("{}{}", day(&p.until), lang.aside(&note)));
        from = p.due.succ_opt().unwrap_or(p.due);
    }
    let count = 5 - text.len();
    text.extend(
        preview(schedule, &plan.calendar, from, count)
            .iter()
            .map(day),
    );
    let dates = text.join(lang.t(T::ListSeparator));
    let dates = lang.fill(T::PlanPreview, &[("dates", &dates)]);
    phrase_label(ui, &dates, |t| RichText::new(t));
}

impl Page for PlannerScreen {
    type Command = PlannerCommand;
    const MIN_WIDTH: f32 = NARROWEST;

    fn ui(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<PlannerCommand>) {
        self.draw(ui, cx, out);
    }

    fn apply(&mut self, command: PlannerCommand, ax: &mut Apply<'_>) -> Outcome {
        let store = &mut *ax.store;
        let (result, done) = match command {
            PlannerCommand::SaveTask { id, fields } => {
                let result = match id {
                    Some(id) => store.update_task(id, &fields),
                    None => store.add_task(&fields, None).map(|_| ()),
                };
                if result.is_ok() {
                    self.saved();
                }
                (result, T::TaskSaved)
            }
            PlannerCommand::SetTaskPaused(id, paused) => (
                store.set_task_paused(id, paused),
                if paused {
                    T::TaskPausedMsg
                } else {
                    T::TaskResumedMsg
                },
            ),
            PlannerCommand::SetTaskArchived(id, archived) => (
                store.set_task_archived(id, archived),
                if archived {
                    T::TaskArchivedMsg
                } else {
                    T::TaskRestoredMsg
                },
            ),
            PlannerCommand::SaveCalendar(calendar) => {
                (store.set_shop_calendar(&calendar), T::CalendarSaved)
            }
        };
        Outcome::of_write(result, ax.lang, done)
    }
}
