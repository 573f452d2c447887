//! Tasks, completions, staff and training: what the planner keeps, and the rules a record must pass.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::schedule::TaskSchedule;
use crate::i18n::{Lang, T};

/// What kind of work a task is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TaskCategory {
    /// A scheduled check (opening check, cleaning, cables, updates).
    #[default]
    Check,
    /// Staff training.
    Training,
    /// A backup.
    Backup,
    /// An emergency drill.
    Drill,
    /// Anything else.
    Other,
}

impl TaskCategory {
    /// Every category, in the order lists show them.
    pub const ALL: [TaskCategory; 5] = [
        TaskCategory::Check,
        TaskCategory::Training,
        TaskCategory::Backup,
        TaskCategory::Drill,
        TaskCategory::Other,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            TaskCategory::Check => "check",
            TaskCategory::Training => "training",
            TaskCategory::Backup => "backup",
            TaskCategory::Drill => "drill",
            TaskCategory::Other => "other",
        }
    }

    /// The category stored under `code`.
    pub fn from_code(code: &str) -> Option<TaskCategory> {
        TaskCategory::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The category's name in the interface.
    pub fn label(self) -> T {
        match self {
            TaskCategory::Check => T::TaskCatCheck,
            TaskCategory::Training => T::TaskCatTraining,
            TaskCategory::Backup => T::TaskCatBackup,
            TaskCategory::Drill => T::TaskCatDrill,
            TaskCategory::Other => T::TaskCatOther,
        }
    }
}

/// A stored task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    /// Database id.
    pub id: i64,
    /// The task's fields.
    pub fields: TaskFields,
    /// Paused: not due while paused.
    pub paused: bool,
    /// Archived: gone from the lists, its history kept.
    pub archived: bool,
}

/// The fields of a task, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskFields {
    /// What to do, in a few words.
    pub title: String,
    /// Its kind.
    pub category: TaskCategory,
    /// How to do it.
    pub instructions: String,
    /// The checklist, one item per entry.
    pub items: Vec<String>,
    /// The device it is about.
    pub device_id: Option<i64>,
    /// Who is responsible.
    pub staff_id: Option<i64>,
    /// When it is due.
    pub schedule: TaskSchedule,
}

/// Why a task, completion, staff member or training record was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanProblem {
    /// A required text is empty (which field).
    Required(T),
    /// A text is too long (field, max, length).
    TooLong(T, usize, usize),
    /// Too many checklist items.
    TooManyItems(usize),
    /// The schedule is not valid (its message).
    Schedule(String),
    /// A skip needs a reason.
    SkipReason,
    /// A date is not real (field, text).
    BadDate(T, String),
}

impl PlanProblem {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PlanProblem::Required(field) => {
                lang.fill(T::ErrRequiredField, &[("field", lang.t(*field))])
            }
            PlanProblem::TooLong(field, max, len) => lang.fill(
                T::ErrTooLong,
                &[
                    ("field", lang.t(*field)),
                    ("max", &max.to_string()),
                    ("len", &len.to_string()),
                ],
            ),
            PlanProblem::TooManyItems(max) => {
                lang.fill(T::ErrTooManyItems, &[("max", &max.to_string())])
            }
            PlanProblem::Schedule(message) => message.clone(),
            PlanProblem::SkipReason => lang.t(T::ErrSkipReason).to_owned(),
            PlanProblem::BadDate(field, value) => lang.fill(
                T::ErrBadDate,
                &[("field", lang.t(*field)), ("value", value)],
            ),
        }
    }
}

/// The most checklist items a task or training module may have.
pub const MAX_ITEMS: usize = 40;
/// The longest checklist item.
pub const MAX_ITEM: usize = 200;
/// The longest task title (also the database's limit).
pub const MAX_TITLE: usize = 80;
/// The longest task instructions.
pub const MAX_INSTRUCTIONS: usize = 2000;
/// The longest note on a completion.
pub const MAX_NOTE: usize = 2000;

/// Trims `value` and checks its length; `required` refuses an empty one.
pub fn text(value: &str, max: usize, field: T, required: bool) -> Result<String, PlanProblem> {
    let cleaned = crate::typed::cleaned(value);
    let v = cleaned.trim();
    let len = v.chars().count();
    if len > max {
        Err(PlanProblem::TooLong(field, max, len))
    } else if required && v.is_empty() {
        Err(PlanProblem::Required(field))
    } else {
        Ok(v.to_owned())
    }
}

impl TaskFields {
    /// Checks and cleans the fields: title required (≤ [`MAX_TITLE`]), instructions ≤
    /// [`MAX_INSTRUCTIONS`], items ≤ [`MAX_ITEMS`] of ≤ [`MAX_ITEM`] characters (empty lines
    /// dropped), and a valid schedule.
    pub fn validate(mut self, lang: Lang) -> Result<TaskFields, PlanProblem> {
        self.title = text(&self.title, MAX_TITLE, T::TaskTitle, true)?;
        self.instructions = text(
            &self.instructions,
            MAX_INSTRUCTIONS,
            T::TaskInstructions,
            false,
        )?;
        let mut items = Vec::new();
        for item in &self.items {
            let item = text(item, MAX_ITEM, T::TaskItems, false)?;
            if !item.is_empty() {
                items.push(item);
            }
        }
        if items.len() > MAX_ITEMS {
            return Err(PlanProblem::TooManyItems(MAX_ITEMS));
        }
        self.items = items;
        self.schedule
            .validate()
            .map_err(|e| PlanProblem::Schedule(e.message(lang)))?;
        Ok(self)
    }
}

/// How a completion went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Done, all well.
    Ok,
    /// Done, and something was wrong (an incident is opened).
    Problem,
    /// Not done this time, with a reason.
    Skipped,
    /// Not done by its due date and the next one came (recorded once, by the app).
    Missed,
}

impl Outcome {
    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Problem => "problem",
            Outcome::Skipped => "skipped",
            Outcome::Missed => "missed",
        }
    }

    /// The outcome stored under `code`.
    pub fn from_code(code: &str) -> Option<Outcome> {
        [
            Outcome::Ok,
            Outcome::Problem,
            Outcome::Skipped,
            Outcome::Missed,
        ]
        .into_iter()
        .find(|o| o.code() == code)
    }

    /// The outcome in the interface.
    pub fn label(self) -> T {
        match self {
            Outcome::Ok => T::OutcomeOk,
            Outcome::Problem => T::OutcomeProblem,
            Outcome::Skipped => T::OutcomeSkipped,
            Outcome::Missed => T::OutcomeMissed,
        }
    }
}

/// One checklist item's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    /// The item's text at the time.
    pub item: String,
    /// Ticked as fine.
    pub ok: bool,
    /// Marked as a problem.
    #[serde(default)]
    pub problem: bool,
}

/// A completion to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCompletion {
    /// The task.
    pub task_id: i64,
    /// The due date this completes.
    pub due: NaiveDate,
    /// When it was done.
    pub done_at: NaiveDateTime,
    /// Who did it.
    pub done_by: Option<i64>,
    /// How it went.
    pub outcome: Outcome,
    /// Each checklist item's result.
    pub items: Vec<ItemResult>,
    /// A note (for a skip: the reason, required).
    pub note: String,
}

impl NewCompletion {
    /// `task`'s occurrence due on `due`, done fine at `done_at` with every checklist item ticked:
    /// what a backup or a drill records when the app itself saw the work succeed.
    pub fn all_ok(
        task: &Task,
        due: NaiveDate,
        done_at: NaiveDateTime,
        done_by: Option<i64>,
        note: String,
    ) -> NewCompletion {
        NewCompletion {
            task_id: task.id,
            due,
            done_at,
            done_by,
            outcome: Outcome::Ok,
            items: task
                .fields
                .items
                .iter()
                .map(|item| ItemResult {
                    item: item.clone(),
                    ok: true,
                    problem: false,
                })
                .collect(),
            note,
        }
    }

    /// Checks the note (≤ [`MAX_NOTE`]; required for a skip).
    pub fn validate(mut self) -> Result<NewCompletion, PlanProblem> {
        self.note = text(&self.note, MAX_NOTE, T::IncidentNote, false)?;
        if self.outcome == Outcome::Skipped && self.note.is_empty() {
            return Err(PlanProblem::SkipReason);
        }
        Ok(self)
    }
}

/// A stored completion (or missed occurrence).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// Database id.
    pub id: i64,
    /// The task.
    pub task_id: i64,
    /// The due date it completes.
    pub due: NaiveDate,
    /// When it was done (`None` when missed).
    pub done_at: Option<NaiveDateTime>,
    /// Who did it.
    pub done_by: Option<i64>,
    /// How it went.
    pub outcome: Outcome,
    /// The checklist results.
    pub items: Vec<ItemResult>,
    /// The note.
    pub note: String,
    /// The day the occurrence had been put off to ([`super::postpone`]), if it had.
    pub put_off_to: Option<NaiveDate>,
}

impl Completion {
    /// The record as an occurrence for the schedule arithmetic.
    pub fn occurrence(&self) -> super::due::Occurrence {
        super::due::Occurrence {
            due: self.due,
            done_on: self.done_at.map(|t| t.date()),
        }
    }

    /// Whether it was done after its due date (or after the day it was put off to).
    pub fn late(&self) -> bool {
        let by = self.put_off_to.unwrap_or(self.due);
        self.done_at.is_some_and(|t| t.date() > by)
    }
}

/// A member of staff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staff {
    /// Database id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Role (cashier, manager, …).
    pub role: String,
    /// Phone, as typed.
    pub phone: String,
    /// First day.
    pub started_on: Option<NaiveDate>,
    /// Still working here.
    pub active: bool,
    /// The day the person was entered in the app (`None` before it is saved): someone entered
    /// long after their first day is not late with what the app could not know of (a shop
    /// owner's staff of 2019 came with "onboarding overdue since 2019-05-15").
    pub added_on: Option<NaiveDate>,
}

impl Staff {
    /// Whether the person works here on `day`: still working here, and started by then (a
    /// person entered ahead of a first day next month is not on shift yet, nor anyone's
    /// records' name).
    pub fn at_work(&self, day: NaiveDate) -> bool {
        self.active && self.started_on.is_none_or(|first| first <= day)
    }
}

/// A training module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingModule {
    /// Database id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// What it covers, one point per entry.
    pub items: Vec<String>,
    /// Months until a refresher is due (0: never).
    pub refresher_months: u32,
    /// Part of the new-hire onboarding checklist.
    pub onboarding: bool,
}

/// One person's training in one module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingRecord {
    /// Database id.
    pub id: i64,
    /// Who.
    pub staff_id: i64,
    /// Which module.
    pub module_id: i64,
    /// When.
    pub on: NaiveDate,
    /// Who trained them.
    pub trainer: String,
    /// A note.
    pub note: String,
}

/// When a refresher of `module` falls due after training `on` (None: no refresher).
pub fn refresher_due(on: NaiveDate, module: &TrainingModule) -> Option<NaiveDate> {
    (module.refresher_months > 0)
        .then(|| on.checked_add_months(chrono::Months::new(module.refresher_months)))?
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::{Schedule, TaskSchedule};

    fn fields(title: &str) -> TaskFields {
        TaskFields {
            title: title.into(),
            category: TaskCategory::Check,
            instructions: String::new(),
            items: vec![" 电源灯亮 ".into(), "".into(), "网络灯亮".into()],
            device_id: None,
            staff_id: None,
            schedule: TaskSchedule::new(
                Schedule::Daily,
                NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            ),
        }
    }

    #[test]
    fn task_fields_are_cleaned_and_checked() {
        let f = fields(" 开店检查 ").validate(Lang::Zh).unwrap();
        assert_eq!(f.title, "开店检查");
        assert_eq!(f.items, ["电源灯亮", "网络灯亮"]);
        assert_eq!(
            fields(" ").validate(Lang::Zh),
            Err(PlanProblem::Required(T::TaskTitle))
        );
        let mut many = fields("x");
        many.items = vec!["i".into(); 41];
        assert_eq!(many.validate(Lang::Zh), Err(PlanProblem::TooManyItems(40)));
        let mut bad = fields("x");
        bad.schedule.schedule = Schedule::EveryDays(0);
        assert!(matches!(
            bad.validate(Lang::En),
            Err(PlanProblem::Schedule(_))
        ));
    }

    #[test]
    fn a_skip_needs_a_reason() {
        let c = NewCompletion {
            task_id: 1,
            due: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            done_at: NaiveDate::from_ymd_opt(2026, 1, 1)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            done_by: None,
            outcome: Outcome::Skipped,
            items: vec![],
            note: " ".into(),
        };
        assert_eq!(c.clone().validate(), Err(PlanProblem::SkipReason));
        assert!(
            NewCompletion {
                note: "停电".into(),
                ..c.clone()
            }
            .validate()
            .is_ok()
        );
        // A note pasted out of a coloured log is kept without its escapes (a fault tester's
        // turned `poscare today` red).
        let pasted = NewCompletion {
            note: "停电\u{1b}[31m了".into(),
            ..c
        };
        assert_eq!(pasted.validate().unwrap().note, "停电了");
    }

    #[test]
    fn refreshers_fall_due_after_their_interval() {
        let m = TrainingModule {
            id: 1,
            title: "x".into(),
            items: vec![],
            refresher_months: 12,
            onboarding: true,
        };
        let on = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(refresher_due(on, &m), NaiveDate::from_ymd_opt(2025, 2, 28));
        assert_eq!(
            refresher_due(
                on,
                &TrainingModule {
                    refresher_months: 0,
                    ..m
                }
            ),
            None
        );
    }
}
