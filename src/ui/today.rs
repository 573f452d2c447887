//! The Today screen, where the app opens: overdue, due today and the next days, each task's
//! checklist ticked in place (a problem on a check that covers several devices asks which one);
//! who is on shift; the day's progress; what was finished today; who needs training; and, for a
//! new shop, the steps to set it up and the starter plan.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use egui::{RichText, Ui};

use crate::device::{Device, DeviceKind};
use crate::i18n::{Lang, T};
use crate::planner::PlanSnapshot;
use crate::planner::agenda::{AgendaTask, TrainingDue, by_person};
use crate::planner::checklist::{ChecklistDraft, DraftBody, Mark, Place};
use crate::planner::covers::{DeviceChoice, problem_device_choice};
use crate::planner::{
    ItemResult, NewCompletion, OccurrenceStatus, Outcome, Staff, describe, weekday_label,
};
use crate::store::keys;
use crate::ui::attention::attention_card;
use crate::ui::backup_line::{backup_line, reminder_text};
use crate::ui::command::{
    AppCommand, Focus, Out, Outcome as PageOutcome, Page, Screen, write_failed,
};
use crate::ui::context::{Apply, Context};
use crate::ui::phrase_wrap::phrase_label;
use crate::ui::theme::palette;
use crate::ui::widgets::{
    TextField, error_text, muted, named_button, named_button_if, named_radio, named_toggle, title,
};

/// A task card being ticked. What is ticked, typed and chosen is kept in the data as it changes
/// ([`ChecklistDraft`]), so closing the window loses none of it.
#[derive(Default)]
struct Card {
    marks: Vec<Mark>,
    note: String,
    problem: Option<String>,
    /// Where the problem is, once asked and answered.
    place: Option<Place>,
    /// What the data holds for this card (read at the start, then as last kept).
    kept: DraftBody,
    /// When the note was last typed in (the screen's clock, in seconds), while not yet kept.
    note_typed_at: Option<f64>,
    /// `problem` says an item was left unticked because a backup is due: it goes once the
    /// backup is made (it stayed beside the green "backed up today").
    held_said: bool,
}

/// How long the note rests before it is kept (every other change is kept at once): half a
/// second, so a power cut a second after typing loses nothing (a tester lost the last words
/// with 1.5 s), and still not one write per key.
const NOTE_REST_SECONDS: f64 = 0.5;

impl Card {
    /// The card as the data holds it for `items` (nothing ticked when nothing is kept).
    fn from_draft(items: &[String], draft: Option<&ChecklistDraft>) -> Card {
        let kept = draft.map(|d| d.body.clone()).unwrap_or_default();
        Card {
            marks: kept.marks_for(items),
            note: kept.note.clone(),
            place: kept.place,
            kept,
            ..Card::default()
        }
    }

    /// What is on the card now, as it would be kept.
    fn body(&self, items: &[String]) -> DraftBody {
        DraftBody::of_card(items, &self.marks, &self.note, self.place)
    }
}

/// The starter plan being chosen.
struct StarterChoice {
    tasks: Vec<(String, bool)>,
    modules: Vec<(String, bool)>,
}

/// What the Today screen asks to be written.
#[derive(Clone, Debug, PartialEq)]
pub enum TodayCommand {
    /// Record a completion; a problem outcome opens an incident on `device`.
    Complete {
        /// The completion.
        completion: Box<NewCompletion>,
        /// The device the problem was found on (the task's, or the one chosen).
        device: Option<i64>,
    },
    /// Choose who is on shift today.
    ChooseOnShift(i64),
    /// Skip the steps that set up a new shop (not shown again).
    SkipSetup,
    /// Add the chosen tasks and modules of the starter plan (by key).
    ApplyStarter {
        /// Starter task keys.
        tasks: Vec<String>,
        /// Starter training-module keys.
        modules: Vec<String>,
    },
    /// Start with an empty plan (the starter plan is not offered again).
    DeclineStarter,
    /// Keep what was ticked on a card so far.
    KeepDraft(ChecklistDraft),
    /// Put the occurrence of a task due on `due` off to `until` ("Tomorrow instead").
    PutOff {
        /// The task.
        task_id: i64,
        /// Its occurrence's own due date.
        due: NaiveDate,
        /// The day it is put off to.
        until: NaiveDate,
    },
}

/// What a card's buttons ask for.
enum CardAction {
    /// Record the check with this outcome.
    Record(Outcome),
    /// Put it off to this day.
    PutOff(NaiveDate),
}

/// The Today screen's state.
#[derive(Default)]
pub struct TodayScreen {
    cards: HashMap<(i64, NaiveDate), Card>,
    starter: Option<StarterChoice>,
    /// The set-up's plan step was clicked: the starter plan below comes into view.
    show_starter: bool,
    /// Now, as of the frame being drawn (the time a completion is recorded with).
    now: NaiveDateTime,
    /// What the backup reminder says while a backup to an outside folder is due (none yet, or
    /// too long ago): a checklist item asking about it is then not fine, whatever is clicked.
    backup_due: Option<String>,
    /// The room of cards just recorded, kept a moment where they were: the next card's "Done"
    /// must not slide under the pointer (a double click completed the next task too).
    gaps: Vec<Gap>,
}

/// A card just recorded: where it stood and how tall it was, until when its room is kept.
struct Gap {
    key: (i64, NaiveDate),
    heading: T,
    index: usize,
    height: f32,
    until: f64,
}

/// How long the room of a card just recorded is kept, in seconds.
const GAP_SECONDS: f64 = 2.5;

/// Keeps the room of a card just recorded, with a word that it was, in the middle of what can
/// be seen of it (at its top it was scrolled out of view, and the room looked empty).
fn gap_ui(ui: &mut Ui, lang: Lang, height: f32) {
    let size = egui::vec2(ui.available_width(), height);
    let rect = egui::Rect::from_min_size(ui.cursor().min, size);
    let seen = rect.intersect(ui.clip_rect());
    let middle = if seen.is_positive() {
        seen.center().y
    } else {
        rect.center().y
    };
    // (Half a line above the middle, inside the room.)
    let down = (middle - rect.top() - 12.0).clamp(0.0, (height - 24.0).max(0.0));
    ui.allocate_ui_with_layout(size, egui::Layout::top_down(egui::Align::Center), |ui| {
        ui.set_min_size(size);
        ui.add_space(down);
        ui.label(RichText::new(lang.t(T::TodayJustRecorded)).color(palette(ui).ok));
    });
}

/// "2026-11-25 周三" / "Wednesday 2026-11-25".
fn day_text(lang: Lang, day: NaiveDate) -> String {
    let weekday = lang.t(weekday_label(day.weekday()));
    match lang {
        Lang::Zh => format!("{} {weekday}", day.format("%Y-%m-%d")),
        Lang::En => format!("{weekday} {}", day.format("%Y-%m-%d")),
    }
}

/// The records could not be read: said, with the way to read them again, instead of an empty
/// shop (its set-up steps, "nothing backed up yet", no staff) that is not the shop's.
fn unread_ui(ui: &mut Ui, cx: &Context<'_>, why: &str, out: &mut Out<TodayCommand>) {
    let lang = cx.lang;
    title(
        ui,
        &format!("{} · {}", lang.t(T::NavToday), day_text(lang, cx.today)),
    );
    ui.add_space(8.0);
    ui.label(
        RichText::new(format!("⚠ {}", lang.fill(T::TodayUnread, &[("why", why)])))
            .color(palette(ui).danger)
            .strong(),
    );
    ui.add_space(6.0);
    if ui.button(lang.t(T::TryAgain)).clicked() {
        out.app(AppCommand::ReadAgain);
    }
}

impl TodayScreen {
    /// Draws the screen; intents go into `out`.
    fn draw(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<TodayCommand>) {
        if let Some(why) = &cx.shared.unread {
            unread_ui(ui, cx, why, out);
            return;
        }
        let (lang, plan, devices) = (cx.lang, cx.plan(), cx.devices());
        let (backups, warnings) = (&cx.shared.backups, &cx.shared.warnings);
        self.backup_due = match reminder_text(lang, backups, plan.today) {
            (text, true) => Some(text),
            (_, false) => None,
        };
        let pal = palette(ui);
        ui.horizontal_wrapped(|ui| {
            title(
                ui,
                &format!("{} · {}", lang.t(T::NavToday), day_text(lang, plan.today)),
            );
            // (Whole on a line of its own when it does not fit beside the date: the dot never
            // parted from its words.)
            if plan.agenda.open {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("● {}", lang.t(T::ShopOpenToday))).color(pal.ok),
                    )
                    .wrap_mode(egui::TextWrapMode::Extend),
                );
            } else {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("○ {}", lang.t(T::ShopClosedToday)))
                            .color(pal.muted)
                            .strong(),
                    )
                    .wrap_mode(egui::TextWrapMode::Extend),
                );
            }
        });
        cx.from_top(egui::ScrollArea::vertical())
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // Everything under the title scrolls: on a short window (200 % zoom) the cards
                // above the checklists would otherwise leave them no room.
                if running_outage_ui(ui, lang, cx.shared.running_plan.as_ref()) {
                    let focus = Some(crate::ui::command::Focus::RunningOutage);
                    out.app(AppCommand::Go(Screen::Emergency, focus));
                }
                let setting_up = self.setup_ui(ui, cx, out);
                // While a new shop is set up, "no staff yet" is one of its steps.
                if !setting_up || plan.has_staff() {
                    shift_ui(ui, lang, plan, out);
                }
                // A blank new data folder has nothing of the shop's to back up yet: "back up
                // now" there put an empty backup on the stick, newest of all, above the old
                // PC's (the set-up's "moving from another PC?" comes first).
                let blank = setting_up
                    && backups.last_external.is_none()
                    && setup_steps(cx).iter().all(|s| !s.done);
                if !blank && backup_line(ui, lang, backups, plan.today, true) {
                    out.app(AppCommand::Go(Screen::Backups, None));
                }
                if attention_card(ui, lang, warnings) {
                    out.app(AppCommand::Go(Screen::Insights, None));
                }
                if open_incidents_ui(ui, cx) {
                    out.app(AppCommand::Go(Screen::Lookup, Some(Focus::Incidents)));
                }
                for text in crate::store::problems_said(&cx.shared.row_problems, lang) {
                    ui.label(RichText::new(format!("⚠ {text}")).color(pal.warn));
                }
                missed_ui(ui, lang, plan);
                let due = plan.agenda.overdue.len() + plan.agenda.due_today.len();
                let done = plan.done_today.len();
                if due + done > 0 {
                    ui.horizontal(|ui| {
                        let fraction = done as f32 / (due + done) as f32;
                        ui.add(egui::ProgressBar::new(fraction).desired_width(220.0));
                        ui.label(lang.fill(
                            T::TodayProgress,
                            &[
                                ("done", &done.to_string()),
                                ("total", &(due + done).to_string()),
                            ],
                        ));
                    });
                }
                ui.separator();
                if plan.tasks.is_empty() && !plan.starter_answered {
                    self.starter_ui(ui, lang, out);
                    ui.separator();
                }
                if plan.tasks.iter().all(|t| t.archived) && plan.starter_answered {
                    muted(ui, lang.t(T::TodayNoTasks));
                }
                self.group(
                    ui,
                    lang,
                    plan,
                    devices,
                    &plan.agenda.overdue,
                    T::TodayOverdue,
                    out,
                );
                self.group(
                    ui,
                    lang,
                    plan,
                    devices,
                    &plan.agenda.due_today,
                    T::TodayDue,
                    out,
                );
                // (Not while a task could not be read: its check may be due.)
                let task_left_out = cx.shared.row_problems.iter().any(|p| {
                    p.table == "task" && !p.detail.starts_with(crate::store::MISSING_PARENT)
                });
                if due == 0 && !plan.tasks.is_empty() && !task_left_out {
                    ui.label(
                        RichText::new(format!("✓ {}", lang.t(T::TodayAllDone)))
                            .color(pal.ok)
                            .size(18.0),
                    );
                }
                upcoming_ui(ui, lang, plan);
                done_ui(ui, lang, plan);
                training_ui(ui, lang, plan);
            });
    }

    /// A new shop's first steps, each a button to the screen where it is done; gone once all
    /// are done or the merchant skipped them. Returns whether they are shown.
    fn setup_ui(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<TodayCommand>) -> bool {
        let steps = setup_steps(cx);
        if cx.shared.setup_skipped || steps.iter().all(|s| s.done) {
            return false;
        }
        let (lang, pal) = (cx.lang, palette(ui));
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(lang.t(T::SetupTitle)).strong().size(19.0));
            muted(ui, lang.t(T::SetupIntro));
            // The language first, each named in itself: a PC set up in English in a Chinese
            // shop starts in English. (A choice always made, not a step to tick: no circle.)
            ui.horizontal_wrapped(|ui| {
                ui.label(lang.t(T::SetupLanguage));
                for l in Lang::ALL {
                    if ui
                        .selectable_label(lang == l, RichText::new(l.native_name()).strong())
                        .clicked()
                        && lang != l
                    {
                        out.app(AppCommand::SetLanguage(l));
                    }
                }
            });
            // A new PC for a shop that has one already: its records come from the backup.
            if steps.iter().all(|s| !s.done) {
                ui.horizontal_wrapped(|ui| {
                    ui.label(lang.t(T::SetupMoving));
                    if ui.button(lang.t(T::SetupMovingGo)).clicked() {
                        out.app(AppCommand::Go(Screen::Backups, Some(Focus::Restore)));
                    }
                });
            }
            for step in &steps {
                ui.horizontal_wrapped(|ui| {
                    if step.done {
                        let text = format!("✓ {}", lang.t(step.text));
                        ui.label(RichText::new(text).color(pal.ok));
                        return;
                    }
                    ui.label(format!("○ {}", lang.t(step.text)));
                    if ui.button(RichText::new(lang.t(step.go)).strong()).clicked() {
                        match step.target {
                            Some(screen) => {
                                let focus = (screen == Screen::Settings).then_some(Focus::ShopName);
                                out.app(AppCommand::Go(screen, focus))
                            }
                            None => self.show_starter = true,
                        }
                    }
                });
            }
            if ui.button(lang.t(T::SetupSkip)).clicked() {
                out.push(TodayCommand::SkipSetup);
            }
        });
        true
    }

    fn starter_ui(&mut self, ui: &mut Ui, lang: Lang, out: &mut Out<TodayCommand>) {
        // The starter plan's tasks begin today.
        let today = self.now.date();
        let plan = crate::planner::starter::starter_plan();
        let heading = ui.label(RichText::new(lang.t(T::StarterTitle)).strong().size(19.0));
        if std::mem::take(&mut self.show_starter) {
            heading.scroll_to_me(Some(egui::Align::TOP));
        }
        ui.label(lang.t(T::StarterIntro));
        match &mut self.starter {
            None => {
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .button(
                            RichText::new(format!("✓ {}", lang.t(T::StarterAcceptAll))).strong(),
                        )
                        .clicked()
                    {
                        out.push(TodayCommand::ApplyStarter {
                            tasks: plan.tasks.iter().map(|t| t.key.clone()).collect(),
                            modules: plan.modules.iter().map(|m| m.key.clone()).collect(),
                        });
                    }
                    if ui.button(lang.t(T::StarterChoose)).clicked() {
                        self.starter = Some(StarterChoice {
                            tasks: plan.tasks.iter().map(|t| (t.key.clone(), true)).collect(),
                            modules: plan.modules.iter().map(|m| (m.key.clone(), true)).collect(),
                        });
                    }
                    if ui.button(lang.t(T::StarterDecline)).clicked() {
                        out.push(TodayCommand::DeclineStarter);
                    }
                });
                for t in &plan.tasks {
                    let text = t.text(lang);
                    muted(
                        ui,
                        &format!(
                            "• {} — {}",
                            text.title,
                            describe(&t.fields(lang, today, None).schedule, lang)
                        ),
                    );
                }
            }
            Some(choice) => {
                for ((key, on), task) in choice.tasks.iter_mut().zip(&plan.tasks) {
                    let _ = key;
                    ui.checkbox(on, &task.text(lang).title);
                }
                ui.label(RichText::new(lang.t(T::StarterModules)).strong());
                for ((_, on), module) in choice.modules.iter_mut().zip(&plan.modules) {
                    ui.checkbox(on, &module.text(lang).title);
                }
                if ui
                    .button(RichText::new(format!("✓ {}", lang.t(T::StarterAddChosen))).strong())
                    .clicked()
                {
                    out.push(TodayCommand::ApplyStarter {
                        tasks: choice
                            .tasks
                            .iter()
                            .filter(|(_, on)| *on)
                            .map(|(k, _)| k.clone())
                            .collect(),
                        modules: choice
                            .modules
                            .iter()
                            .filter(|(_, on)| *on)
                            .map(|(k, _)| k.clone())
                            .collect(),
                    });
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn group(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        plan: &PlanSnapshot,
        devices: &[Device],
        items: &[AgendaTask],
        heading: T,
        out: &mut Out<TodayCommand>,
    ) {
        if items.is_empty() {
            return;
        }
        let pal = palette(ui);
        let (colour, mark) = if heading == T::TodayOverdue {
            (pal.danger, "⚠")
        } else {
            (pal.warn, "●")
        };
        ui.add_space(6.0);
        ui.label(
            RichText::new(format!("{mark} {} ({})", lang.t(heading), items.len()))
                .color(colour)
                .strong()
                .size(18.0),
        );
        let clock = ui.input(|i| i.time);
        self.gaps.retain(|g| g.until > clock);
        let gap_at = |gaps: &[Gap], i: Option<usize>| -> Vec<f32> {
            gaps.iter()
                .filter(|g| g.heading == heading && i.is_none_or(|i| g.index == i))
                .filter(|g| i.is_some() || g.index >= items.len())
                .filter(|g| !items.iter().any(|it| (it.task.id, it.due) == g.key))
                .map(|g| g.height)
                .collect()
        };
        for (i, item) in items.iter().enumerate() {
            for height in gap_at(&self.gaps, Some(i)) {
                gap_ui(ui, lang, height);
            }
            if let Some(height) = self.card(ui, lang, plan, devices, item, out) {
                self.gaps.push(Gap {
                    key: (item.task.id, item.due),
                    heading,
                    index: i,
                    height,
                    until: clock + GAP_SECONDS,
                });
            }
        }
        for height in gap_at(&self.gaps, None) {
            gap_ui(ui, lang, height);
        }
        if let Some(next) = self.gaps.iter().map(|g| g.until).reduce(f64::min) {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(
                    (next - clock).max(0.05),
                ));
        }
    }

    /// One task's card; its height when it was recorded this frame.
    fn card(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        plan: &PlanSnapshot,
        devices: &[Device],
        item: &AgendaTask,
        out: &mut Out<TodayCommand>,
    ) -> Option<f32> {
        let now = self.now;
        let task = &item.task;
        let items = &task.fields.items;
        // The items the app knows are not fine today (the backup one while a backup is due).
        let backup_due = self.backup_due.as_deref();
        let held: Vec<usize> = match backup_due {
            Some(_) => (0..items.len())
                .filter(|&i| crate::planner::starter::asks_backup_fresh(&items[i]))
                .collect(),
            None => Vec::new(),
        };
        let card = self
            .cards
            .entry((task.id, item.due))
            .or_insert_with(|| Card::from_draft(items, plan.draft(task.id, item.due)));
        card.marks.resize(items.len(), Mark::Unchecked);
        if card.held_said && held.is_empty() {
            card.problem = None;
            card.held_said = false;
        }
        let choice = problem_device_choice(&task.fields, devices);
        let shown = egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            card_heading(ui, lang, plan, devices, item);
            if !task.fields.instructions.is_empty() {
                muted(ui, &task.fields.instructions);
            }
            let marks_before = card.marks.clone();
            for (i, (text, mark)) in task
                .fields
                .items
                .iter()
                .zip(card.marks.iter_mut())
                .enumerate()
            {
                item_row(ui, lang, text, mark);
                if *mark == Mark::Problem {
                    plan_hint(ui, lang, text, out);
                }
                if let Some(why) = backup_due.filter(|_| held.contains(&i)) {
                    held_hint(ui, lang, why, out);
                }
            }
            // A message about the ticks ("3 items not checked yet") goes once they change.
            if card.marks != marks_before {
                card.problem = None;
            }
            if let Some(choice) = &choice
                && card.marks.contains(&Mark::Problem)
            {
                place_ui(ui, lang, &task.fields.title, choice, &mut card.place);
            }
            let note_label = lang.fill(T::TodayNote, &[("task", &task.fields.title)]);
            let (note, refusal) =
                TextField::new(&note_label, &mut card.note, crate::planner::task::MAX_NOTE)
                    .show(ui, lang);
            let clock = ui.input(|i| i.time);
            if note.changed() {
                card.note_typed_at = Some(clock);
            }
            if let Some(message) = refusal {
                card.problem = Some(message);
            }
            let held: Vec<(usize, &str)> = held.iter().map(|&i| (i, items[i].as_str())).collect();
            // Due or overdue today, and not a daily check: it may wait for tomorrow.
            let tomorrow = (item.status != OccurrenceStatus::Upcoming)
                .then(|| {
                    crate::planner::postpone::tomorrow_for(
                        &task.fields.schedule,
                        &plan.calendar,
                        item.due,
                        plan.today,
                    )
                })
                .flatten();
            let buttons = (task.fields.title.as_str(), tomorrow);
            let mut put_off = None;
            match card_buttons(ui, lang, buttons, card, &held) {
                Some(CardAction::Record(outcome)) => {
                    match completion(now, plan, item, card, outcome, choice.as_ref(), lang) {
                        Ok(command) => {
                            card.problem = None;
                            out.push(command);
                            return true;
                        }
                        Err(message) => card.problem = Some(message),
                    }
                }
                Some(CardAction::PutOff(until)) => put_off = Some(until),
                None => {}
            }
            // Under the buttons, not above them: a message that comes or goes ("7 items not
            // checked yet", gone after "All the rest OK") must not move "Done" from under the
            // pointer (a shop owner's click then missed it, and the check was recorded missed).
            if let Some(problem) = &card.problem {
                error_text(ui, problem);
            }
            // Ticks and choices are kept at once; the note once it rests or is left, or the
            // window is being closed (or hidden) right after it was typed, or the card is put
            // off (a note still being typed went with it only once it rested, and was lost).
            let typing = card
                .note_typed_at
                .is_some_and(|t| clock - t < NOTE_REST_SECONDS);
            let closing = ui.ctx().input(|i| i.viewport().close_requested());
            let body = card.body(items);
            let now_or_never = !typing || note.lost_focus() || closing || put_off.is_some();
            if body != card.kept && now_or_never {
                card.note_typed_at = None;
                card.kept = body.clone();
                out.push(TodayCommand::KeepDraft(ChecklistDraft {
                    task_id: task.id,
                    due: item.due,
                    body,
                }));
            } else if typing {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(NOTE_REST_SECONDS));
            }
            if let Some(until) = put_off {
                out.push(TodayCommand::PutOff {
                    task_id: task.id,
                    due: item.due,
                    until,
                });
            }
            false
        });
        shown.inner.then_some(shown.response.rect.height())
    }
}

/// A task card's title, kind and device, and when it was or is due.
fn card_heading(
    ui: &mut Ui,
    lang: Lang,
    plan: &PlanSnapshot,
    devices: &[Device],
    item: &AgendaTask,
) {
    let task = &item.task;
    let pal = palette(ui);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&task.fields.title).strong().size(18.0));
        muted(ui, lang.t(task.fields.category.label()));
        // A check tied to one device goes over every device of its kind in use when there are
        // several (see planner::covers): it says so, not just the first one's name.
        let mut names: Vec<&str> =
            crate::planner::covers::covered_devices(task.fields.device_id, devices)
                .iter()
                .map(|d| d.fields.name.as_str())
                .collect();
        if names.is_empty()
            && let Some(d) = task
                .fields
                .device_id
                .and_then(|id| devices.iter().find(|d| d.id == id))
        {
            names.push(&d.fields.name);
        }
        if !names.is_empty() {
            muted(ui, &format!("· {}", names.join(lang.t(T::ListSeparator))));
        }
    });
    let overdue = item.status == OccurrenceStatus::Overdue;
    // (Put off, it is due on the day it was put off to, and late from then.)
    let shown = item.shown_due();
    let due_text = if overdue {
        let days_late = (plan.today - shown).num_days();
        lang.fill(
            T::TodayDueLate,
            &[
                ("date", &day_text(lang, shown)),
                ("n", &days_late.to_string()),
            ],
        )
    } else {
        lang.fill(T::TodayDueOn, &[("date", &day_text(lang, shown))])
    };
    let colour = if overdue { pal.danger } else { pal.warn };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(due_text).color(colour));
        if item.until.is_some() {
            muted(ui, &put_off_from(lang, item));
        }
    });
}

/// "(put off from Wednesday 2026-12-02)".
fn put_off_from(lang: Lang, item: &AgendaTask) -> String {
    let from = lang.fill(T::TodayPutOffFrom, &[("date", &day_text(lang, item.due))]);
    format!("({from})")
}

/// One checklist item: "✓ the item" (OK) and "⚠ problem", each a toggle.
fn item_row(ui: &mut Ui, lang: Lang, text: &str, mark: &mut Mark) {
    let pal = palette(ui);
    ui.horizontal_wrapped(|ui| {
        // Not yet, done and problem differ in shape and colour, in either theme.
        let (sign, colour) = match *mark {
            Mark::Unchecked => ("○", ui.visuals().text_color()),
            Mark::Ok => ("✓", pal.ok),
            Mark::Problem => ("⚠", pal.danger),
        };
        let shown = RichText::new(format!("{sign} {text}")).color(colour);
        let ok = named_toggle(ui, *mark == Mark::Ok, shown, text);
        let name = lang.fill(T::TodayItemProblem, &[("item", text)]);
        let colour = if *mark == Mark::Problem {
            pal.danger
        } else {
            pal.muted
        };
        let short_text = format!("⚠ {}", lang.t(T::OutcomeProblem));
        // Wrapped under a long item (200 % on a small till), it starts further in than the
        // items: at their edge it read as one more item called "problem".
        let needs = ui
            .painter()
            .layout_no_wrap(
                short_text.clone(),
                egui::TextStyle::Button.resolve(ui.style()),
                egui::Color32::PLACEHOLDER,
            )
            .size()
            .x
            + 2.0 * ui.spacing().button_padding.x
            + ui.spacing().item_spacing.x;
        if ui.max_rect().right() - ui.cursor().left() < needs {
            ui.end_row();
            ui.add_space(28.0);
        }
        let short = RichText::new(short_text).color(colour);
        let problem = named_toggle(ui, *mark == Mark::Problem, short, &name);
        if ok.clicked() {
            mark.toggle(Mark::Ok);
        }
        if problem.clicked() {
            mark.toggle(Mark::Problem);
        }
    });
}

/// An item found wrong that points to an emergency plan (signs of a tampered terminal): the
/// plan, one click away, before anything is touched.
fn plan_hint(ui: &mut Ui, lang: Lang, item: &str, out: &mut Out<TodayCommand>) {
    let Some(plan) = crate::emergency::starter::plan_for_item(item) else {
        return;
    };
    let title = &plan.text(lang).title;
    ui.horizontal_wrapped(|ui| {
        ui.add_space(18.0);
        ui.label(
            RichText::new(lang.fill(T::TodayItemPlan, &[("plan", title)]))
                .color(palette(ui).danger)
                .strong(),
        );
        let open = lang.fill(T::TodayItemPlanOpen, &[("plan", title)]);
        if named_button(ui, lang.t(T::TodayItemPlanGo), &open).clicked() {
            out.app(AppCommand::Go(
                Screen::Emergency,
                Some(Focus::StarterPlan(plan.key.clone())),
            ));
        }
    });
}

/// Which device the problem is on, for a check that covers several: a choice that looks like
/// one, with "none of them" for a check with no device of its own.
fn place_ui(
    ui: &mut Ui,
    lang: Lang,
    task: &str,
    choice: &DeviceChoice<'_>,
    place: &mut Option<Place>,
) {
    let pal = palette(ui);
    let (sign, colour) = match place {
        None => ("⚠", pal.warn),
        Some(_) => ("●", ui.visuals().text_color()),
    };
    let question = format!("{sign} {}", lang.t(T::TodayProblemWhere));
    ui.label(RichText::new(question).strong().color(colour));
    ui.horizontal_wrapped(|ui| {
        for device in &choice.devices {
            let here = Place::Device(device.id);
            let name = &crate::device::choice_name(device, &choice.devices);
            let full = lang.fill(T::TodayProblemOn, &[("device", name), ("task", task)]);
            if named_radio(ui, *place == Some(here), name, &full).clicked() {
                *place = Some(here);
            }
        }
        if choice.none_allowed {
            let none = lang.t(T::TodayProblemNoDevice);
            let full = lang.fill(T::LabelValue, &[("label", task), ("value", none)]);
            if named_radio(ui, *place == Some(Place::NoDevice), none, &full).clicked() {
                *place = Some(Place::NoDevice);
            }
        }
    });
}

/// An item the app knows is not fine today (the last backup is too old): what the backup
/// reminder says, with the way to the Backups screen.
fn held_hint(ui: &mut Ui, lang: Lang, why: &str, out: &mut Out<TodayCommand>) {
    ui.horizontal_wrapped(|ui| {
        ui.add_space(18.0);
        ui.label(RichText::new(why).color(palette(ui).warn));
        if ui.button(lang.t(T::TodayBackupGo)).clicked() {
            out.app(AppCommand::Go(Screen::Backups, None));
        }
    });
}

/// "All the rest OK", "✓ Done" and "Skip…". None of them moves when another is clicked ("All
/// the rest OK" greys once nothing is left unchecked). Returns the outcome asked for, if any;
/// "Done" with items unchecked says so on the card instead. "All the rest OK" leaves the `held`
/// items (index, text) unticked, and says why: the app knows they are not fine.
fn card_buttons(
    ui: &mut Ui,
    lang: Lang,
    (title, tomorrow): (&str, Option<NaiveDate>),
    card: &mut Card,
    held: &[(usize, &str)],
) -> Option<CardAction> {
    let mut submit = None;
    ui.horizontal_wrapped(|ui| {
        let unchecked = card.marks.iter().filter(|m| **m == Mark::Unchecked).count();
        let all_ok_name = lang.fill(T::TodayAllOkNamed, &[("task", title)]);
        if !card.marks.is_empty()
            && named_button_if(ui, unchecked > 0, lang.t(T::TodayAllOk), &all_ok_name).clicked()
        {
            let mut left = None;
            for (i, m) in card.marks.iter_mut().enumerate() {
                if *m != Mark::Unchecked {
                    continue;
                }
                match held.iter().find(|(h, _)| *h == i) {
                    Some((_, item)) => left = Some(*item),
                    None => *m = Mark::Ok,
                }
            }
            card.problem = left.map(|item| lang.fill(T::TodayAllOkHeld, &[("item", item)]));
            card.held_said = left.is_some();
        }
        let done_label = lang.fill(T::TodayDone, &[("task", title)]);
        let done_text = RichText::new(format!("✓ {}", lang.t(T::TodayDoneShort))).strong();
        if named_button(ui, done_text, &format!("✓ {done_label}")).clicked() {
            if unchecked > 0 {
                card.problem = Some(lang.fill(T::TodayUnchecked, &[("n", &unchecked.to_string())]));
            } else if card.marks.contains(&Mark::Problem) {
                submit = Some(CardAction::Record(Outcome::Problem));
            } else {
                submit = Some(CardAction::Record(Outcome::Ok));
            }
        }
        if let Some(day) = tomorrow {
            let name = lang.fill(T::TodayPutOff, &[("task", title)]);
            let hint = lang.fill(T::TodayPutOffHint, &[("date", &day_text(lang, day))]);
            if named_button(ui, lang.t(T::TodayPutOffShort), &name)
                .on_hover_text(hint)
                .clicked()
            {
                submit = Some(CardAction::PutOff(day));
            }
        }
        let skip_label = lang.fill(T::TodaySkip, &[("task", title)]);
        if named_button(ui, lang.t(T::TodaySkipShort), &skip_label).clicked() {
            submit = Some(CardAction::Record(Outcome::Skipped));
        }
    });
    submit
}

impl Page for TodayScreen {
    type Command = TodayCommand;
    const MIN_WIDTH: f32 = crate::ui::panes::NARROWEST;

    fn ui(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<TodayCommand>) {
        self.now = cx.now;
        self.draw(ui, cx, out);
    }

    fn apply(&mut self, command: TodayCommand, ax: &mut Apply<'_>) -> PageOutcome {
        let lang = ax.lang;
        match command {
            TodayCommand::Complete { completion, device } => complete(ax, &completion, device),
            TodayCommand::PutOff {
                task_id,
                due,
                until,
            } => put_off(ax, task_id, due, until),
            TodayCommand::ChooseOnShift(id) => {
                PageOutcome::of_change(ax.store.choose_on_shift(id, ax.today), lang)
            }
            TodayCommand::SkipSetup => {
                PageOutcome::of_change(ax.store.set_setting(keys::SETUP_SKIPPED, "1"), lang)
            }
            TodayCommand::ApplyStarter { tasks, modules } => {
                let (tasks, modules) = starter_selection(ax, &tasks, &modules);
                // The emergency plans come with it, unless that offer was answered already.
                let plans = match ax.store.setting(keys::EMERGENCY_STARTER) {
                    Ok(None) => crate::emergency::starter::starter_fields(lang),
                    Ok(Some(_)) => Vec::new(),
                    Err(e) => return PageOutcome::failed_write(&e, lang),
                };
                let result = ax.store.apply_starter(&tasks, &modules, &plans);
                PageOutcome::of_write(result, lang, T::StarterApplied)
            }
            TodayCommand::DeclineStarter => PageOutcome::of_change(
                ax.store.set_setting(keys::STARTER_OFFERED, "declined"),
                lang,
            ),
            // Nothing else shows a draft: the screen holds it already, so nothing is read again.
            TodayCommand::KeepDraft(draft) => match ax.store.save_checklist_draft(&draft) {
                Ok(()) => PageOutcome::Nothing,
                Err(e) => PageOutcome::failed_write(&e, lang),
            },
        }
    }
}

/// The emergency plan being run, if one is: a card that names it, with a button to it (true
/// when clicked). A run left open must not be forgotten: it is said first.
fn running_outage_ui(
    ui: &mut Ui,
    lang: Lang,
    running: Option<&crate::ui::context::RunningOutage>,
) -> bool {
    let Some(running) = running else {
        return false;
    };
    let text = running.said(lang);
    let colour = palette(ui).danger;
    let mut open = false;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, colour))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(text).color(colour).strong().size(17.0));
                open = ui.button(lang.t(T::TodayOutageOpen)).clicked();
            });
        });
    open
}

/// Records a completion; a problem outcome opens an incident on `device`, naming the items that
/// had a problem.
fn complete(ax: &mut Apply<'_>, completion: &NewCompletion, device: Option<i64>) -> PageOutcome {
    let lang = ax.lang;
    let incident = ax
        .shared
        .plan
        .task(completion.task_id)
        .filter(|_| completion.outcome == Outcome::Problem)
        .map(|task| {
            let problems: Vec<&str> = completion
                .items
                .iter()
                .filter(|i| i.problem)
                .map(|i| i.item.as_str())
                .collect();
            let task_title = &task.fields.title;
            // What the person wrote is the problem ("1号机打印纸快用完了"); without a note, the
            // items, which are written as things to confirm ("终端里有打印纸且余量够用"), are
            // named as not so, never as if they were the problem.
            let note = completion
                .note
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty());
            let items_not_so = || {
                lang.fill(
                    T::CheckItemsNotSo,
                    &[
                        ("task", task_title),
                        ("items", &problems.join(lang.t(T::ListSeparator))),
                    ],
                )
            };
            // (The incident's note then says what the title does not: which items were not
            // so under a title of the person's words, the rest of what they wrote under the
            // items' title; never the same words twice.)
            let (prompt, incident_note) = match note {
                Some(first) => {
                    let rest: Vec<&str> = completion
                        .note
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .skip(1)
                        .collect();
                    let mut said = Vec::new();
                    if !problems.is_empty() {
                        said.push(items_not_so());
                    }
                    said.extend(rest.iter().map(|l| (*l).to_owned()));
                    let title = lang.fill(
                        T::CheckFoundProblem,
                        &[("task", task_title), ("problem", first)],
                    );
                    (title, said.join("\n"))
                }
                None if problems.is_empty() => (task_title.clone(), String::new()),
                None => (items_not_so(), String::new()),
            };
            crate::incident::NewIncident {
                device_id: device,
                prompt: crate::device::shorten(&prompt, crate::incident::MAX_PROMPT - 1),
                entry_id: None,
                steps_done: Vec::new(),
                note: incident_note,
                staff_id: completion.done_by,
            }
        });
    match ax.store.complete(completion, incident.as_ref()) {
        Ok(recorded) => {
            let message = if recorded.already {
                T::AlreadyDone
            } else if recorded.incident.is_some() {
                T::CompletedWithProblem
            } else if completion.outcome == Outcome::Skipped {
                T::SkippedRecorded
            } else {
                T::Completed
            };
            PageOutcome::Done(lang.t(message).to_owned())
        }
        Err(e) => PageOutcome::Failed(write_failed(&e, lang)),
    }
}

/// Puts a check off ("Tomorrow instead"), and says to which day.
fn put_off(ax: &mut Apply<'_>, task_id: i64, due: NaiveDate, until: NaiveDate) -> PageOutcome {
    let lang = ax.lang;
    let title = ax
        .shared
        .plan
        .task(task_id)
        .map(|t| t.fields.title.clone())
        .unwrap_or_default();
    match ax.store.postpone(task_id, due, until) {
        Ok(true) => PageOutcome::Done(lang.fill(
            T::PutOffDone,
            &[("task", &title), ("date", &day_text(lang, until))],
        )),
        Ok(false) => PageOutcome::Done(lang.t(T::PutOffAlready).to_owned()),
        Err(e) => PageOutcome::Failed(write_failed(&e, lang)),
    }
}

/// The starter tasks and modules with these keys, in the current language, starting today and
/// attached to the first device in use of each task's kind.
fn starter_selection(
    ax: &Apply<'_>,
    task_keys: &[String],
    module_keys: &[String],
) -> (crate::store::KeyedTasks, crate::store::KeyedModules) {
    let plan = crate::planner::starter::starter_plan();
    let tasks = plan
        .tasks
        .iter()
        .filter(|t| task_keys.contains(&t.key))
        .map(|t| {
            let device = t.device_kind.and_then(|kind| {
                ax.shared
                    .devices
                    .iter()
                    .find(|d| d.in_use() && d.fields.kind == kind)
                    .map(|d| d.id)
            });
            (t.key.clone(), t.fields(ax.lang, ax.today, device))
        })
        .collect();
    let modules = plan
        .modules
        .iter()
        .filter(|m| module_keys.contains(&m.key))
        .map(|m| (m.key.clone(), m.module(ax.lang)))
        .collect();
    (tasks, modules)
}

/// The command recording `item` as `card` has it, or what must be done first: choose who is on
/// shift (the record names who did it), say which device a problem is on (a check covering
/// several), or mend the note.
fn completion(
    now: NaiveDateTime,
    plan: &PlanSnapshot,
    item: &AgendaTask,
    card: &Card,
    outcome: Outcome,
    choice: Option<&DeviceChoice<'_>>,
    lang: Lang,
) -> Result<TodayCommand, String> {
    if plan.current_staff.is_none() && plan.has_staff() {
        return Err(lang.t(T::TodayChooseShiftFirst).to_owned());
    }
    let device = match (outcome, choice, card.place) {
        (Outcome::Problem, Some(_), Some(Place::Device(id))) => Some(id),
        (Outcome::Problem, Some(_), Some(Place::NoDevice)) => None,
        (Outcome::Problem, Some(_), None) => {
            return Err(lang.t(T::TodayProblemWhereFirst).to_owned());
        }
        _ => item.task.fields.device_id,
    };
    let items = item
        .task
        .fields
        .items
        .iter()
        .zip(&card.marks)
        .map(|(text, mark)| ItemResult {
            item: text.clone(),
            ok: *mark == Mark::Ok,
            problem: *mark == Mark::Problem,
        })
        .collect();
    let done_at = if now.date() == plan.today {
        now
    } else {
        plan.today.and_time(now.time())
    };
    let completion = NewCompletion {
        task_id: item.task.id,
        due: item.due,
        done_at,
        done_by: plan.current_staff,
        outcome,
        items,
        note: card.note.clone(),
    };
    completion
        .validate()
        .map(|c| TodayCommand::Complete {
            completion: Box::new(c),
            device,
        })
        .map_err(|p| p.message(lang))
}

/// One step of setting up a new shop: what it is, its button, where the button goes (`None`:
/// the starter plan further down Today), and whether it is done.
struct SetupStep {
    text: T,
    go: T,
    target: Option<Screen>,
    done: bool,
}

/// A new shop's steps, in the order that works best: the name for the call sheets, the
/// terminals before the plan (the plan's checks are tied to them), the staff, the plan.
fn setup_steps(cx: &Context<'_>) -> [SetupStep; 4] {
    let plan = cx.plan();
    let terminal = |d: &Device| d.in_use() && d.fields.kind == DeviceKind::Terminal;
    [
        SetupStep {
            text: T::SetupShopName,
            go: T::SetupShopNameGo,
            target: Some(Screen::Settings),
            done: !cx.shop_name().trim().is_empty(),
        },
        SetupStep {
            text: T::SetupTerminals,
            go: T::SetupTerminalsGo,
            target: Some(Screen::Devices),
            done: cx.devices().iter().any(terminal),
        },
        SetupStep {
            text: T::SetupStaff,
            go: T::SetupStaffGo,
            target: Some(Screen::Staff),
            done: plan.has_staff(),
        },
        SetupStep {
            text: T::SetupPlan,
            go: T::SetupPlanGo,
            target: None,
            done: !plan.tasks.is_empty() || plan.starter_answered,
        },
    ]
}

/// Incidents still open (a problem found yesterday, a fault not yet fixed) are not forgotten
/// the next day: how many, the newest named; those handed on lately (escalated) as waiting for
/// someone else's fix, until marked resolved. `true` when "see them" was clicked.
fn open_incidents_ui(ui: &mut Ui, cx: &Context<'_>) -> bool {
    let lang = cx.lang;
    let open: Vec<&crate::incident::Incident> =
        cx.shared.incidents.iter().filter(|i| i.is_open()).collect();
    let waiting: Vec<&crate::incident::Incident> = cx
        .shared
        .incidents
        .iter()
        .filter(|i| i.is_waiting(cx.today))
        .collect();
    let device_of = |incident: &crate::incident::Incident| {
        incident
            .device_id
            .and_then(|id| cx.devices().iter().find(|d| d.id == id))
            .map(|d| d.fields.name.clone())
            .unwrap_or_else(|| lang.t(T::HistNoDevice).to_owned())
    };
    let mut lines = Vec::new();
    if let Some(newest) = open.iter().max_by_key(|i| i.started_at) {
        let text = lang.fill(
            T::TodayOpenIncidents,
            &[
                ("n", &cx.shared.open_incidents.max(open.len()).to_string()),
                ("device", &device_of(newest)),
                ("prompt", &newest.prompt),
            ],
        );
        lines.push((format!("⚠ {text}"), palette(ui).warn));
    }
    if let Some(newest) = waiting.iter().max_by_key(|i| i.closed_at) {
        let text = lang.fill(
            T::TodayWaitingIncidents,
            &[
                ("n", &waiting.len().to_string()),
                ("device", &device_of(newest)),
                ("prompt", &newest.prompt),
                ("to", &newest.escalated_to),
            ],
        );
        lines.push((format!("→ {text}"), ui.visuals().strong_text_color()));
    }
    let Some(last) = lines.len().checked_sub(1) else {
        return false;
    };
    let mut clicked = false;
    for (i, (text, colour)) in lines.into_iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(text).color(colour).strong());
            clicked |= i == last && ui.button(lang.t(T::TodaySeeIncidents)).clicked();
        });
    }
    clicked
}

/// Who is on shift: the only member of staff in plain words; with several, a choice that looks
/// like one, asked for again each day until answered.
fn shift_ui(ui: &mut Ui, lang: Lang, plan: &PlanSnapshot, out: &mut Out<TodayCommand>) {
    let active: Vec<&Staff> = plan.staff_at_work().collect();
    match active.as_slice() {
        [] => muted(ui, lang.t(T::TodayNoStaff)),
        [only] => {
            let text = lang.fill(T::TodayOnShiftName, &[("name", &only.name)]);
            ui.label(RichText::new(text).strong());
        }
        several => {
            let pal = palette(ui);
            let chosen = plan.current_staff;
            ui.horizontal_wrapped(|ui| {
                if chosen.is_none() {
                    let ask = format!("⚠ {}", lang.t(T::TodayOnShiftChoose));
                    ui.label(RichText::new(ask).strong().color(pal.warn));
                } else {
                    ui.label(RichText::new(lang.t(T::TodayOnShift)).strong());
                }
                for person in several {
                    let on = chosen == Some(person.id);
                    if ui.radio(on, &person.name).clicked() && !on {
                        out.push(TodayCommand::ChooseOnShift(person.id));
                    }
                }
            });
            // Said whether or not someone is chosen: choosing must not move the checklist
            // below up under the cashier's next click.
            muted(ui, lang.t(T::TodayOnShiftWhy));
        }
    }
}

fn upcoming_ui(ui: &mut Ui, lang: Lang, plan: &PlanSnapshot) {
    let upcoming = &plan.agenda.upcoming;
    if upcoming.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.label(
        RichText::new(format!(
            "○ {} ({})",
            lang.t(T::TodayUpcoming),
            upcoming.len()
        ))
        .strong()
        .size(17.0),
    );
    for item in upcoming {
        let mut line = format!(
            "{} — {}",
            day_text(lang, item.shown_due()),
            item.task.fields.title
        );
        if item.until.is_some() {
            line = format!("{line} {}", put_off_from(lang, item));
        }
        ui.label(line);
    }
}

/// The checks missed on the last open day, the morning after: they were recorded as missed
/// without a word, and only a third miss raised a warning.
fn missed_ui(ui: &mut Ui, lang: Lang, plan: &PlanSnapshot) {
    let Some(first) = plan.missed_last_open_day.first() else {
        return;
    };
    let titles: Vec<&str> = plan
        .missed_last_open_day
        .iter()
        .filter_map(|c| plan.task(c.task_id))
        .map(|t| t.fields.title.as_str())
        .collect();
    if titles.is_empty() {
        return;
    }
    let said = lang.fill(
        T::TodayMissedLastOpenDay,
        &[
            ("date", &day_text(lang, first.due)),
            ("tasks", &titles.join(lang.t(T::ListSeparator))),
        ],
    );
    // (Several days away were said as the last one alone.)
    let said = match plan.missed_days_before {
        0 => said,
        n => format!(
            "{said}{}",
            lang.fill(T::TodayMissedDaysBefore, &[("n", &n.to_string())])
        ),
    };
    ui.label(RichText::new(format!("⚠ {said}")).color(palette(ui).warn));
}

fn done_ui(ui: &mut Ui, lang: Lang, plan: &PlanSnapshot) {
    if plan.done_today.is_empty() {
        return;
    }
    let pal = palette(ui);
    ui.add_space(8.0);
    ui.label(
        RichText::new(format!(
            "✓ {} ({})",
            lang.t(T::TodayFinished),
            plan.done_today.len()
        ))
        .color(pal.ok)
        .strong()
        .size(17.0),
    );
    for c in &plan.done_today {
        let title = plan
            .task(c.task_id)
            .map(|t| t.fields.title.as_str())
            .unwrap_or("");
        let who = plan.staff_name(c.done_by);
        let when = c
            .done_at
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        let mut line = format!("{when} {title} — {}", lang.t(c.outcome.label()));
        if !who.is_empty() {
            line.push_str(&format!(" · {who}"));
        }
        if c.late() {
            line.push_str(&format!(" · {}", lang.t(T::PlanStatusDoneLate)));
        }
        let colour = if c.outcome == Outcome::Problem {
            pal.danger
        } else {
            ui.visuals().text_color()
        };
        ui.label(RichText::new(line).color(colour));
    }
}

fn training_ui(ui: &mut Ui, lang: Lang, plan: &PlanSnapshot) {
    if plan.training_due.is_empty() {
        return;
    }
    let pal = palette(ui);
    // One line per person, the most pressing first, with their modules under it: a café with
    // three staff had fourteen lines here every day, pushing the day's checks out of view.
    // (The heading counts the people.)
    let people = by_person(&plan.training_due, |t| t.staff_id);
    ui.add_space(8.0);
    ui.label(
        RichText::new(format!("{} ({})", lang.t(T::TodayTraining), people.len()))
            .strong()
            .size(17.0),
    );
    for list in people {
        let t = list[0];
        let title = |t: &TrainingDue| {
            plan.module(t.module_id)
                .map(|m| m.title.clone())
                .unwrap_or_default()
        };
        let module = match list.len() {
            1 => title(t),
            n => lang.fill(T::TodayTrainingModules, &[("n", &n.to_string())]),
        };
        let upcoming = !matches!(
            t.status,
            OccurrenceStatus::Overdue | OccurrenceStatus::DueToday
        );
        let (mark, colour, status) = match t.status {
            OccurrenceStatus::Overdue => ("⚠", pal.danger, lang.t(t.status.label())),
            OccurrenceStatus::DueToday => ("●", pal.warn, lang.t(t.status.label())),
            // A new hire's training not done yet is no refresher "not yet due".
            _ if upcoming && t.last.is_none() => ("○", pal.warn, lang.t(T::TodayNotTrainedBy)),
            _ => ("○", pal.muted, lang.t(t.status.label())),
        };
        // (Broken only between its parts: never inside a name, a date or "周六".)
        let line = format!(
            "{mark} {} · {module} · {status} {}",
            plan.staff_name(Some(t.staff_id)),
            day_text(lang, t.due)
        );
        phrase_label(ui, &line, |text| RichText::new(text).color(colour));
        if list.len() > 1 {
            let titles: Vec<String> = list.iter().map(|t| title(t)).collect();
            ui.indent(("training", t.staff_id), |ui| {
                muted(ui, &titles.join(lang.t(T::ListSeparator)));
            });
        }
    }
}
