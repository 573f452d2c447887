//! The planner's records and one day's agenda in one snapshot: what the Today, Planner and Staff
//! screens show and what `poscare today` prints. The store builds it (`Records::plan_snapshot`,
//! and `Store::plan_snapshot_recording_missed` for the window, which records missed occurrences
//! first).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::planner::agenda::{self, Agenda, TrainingDue};
use crate::planner::checklist::ChecklistDraft;
use crate::planner::postpone::Postponed;
use crate::planner::{Completion, ShopCalendar, Staff, Task, TrainingModule, TrainingRecord};

/// The planner's records and one day's agenda.
#[derive(Clone, Debug, Default)]
pub struct PlanSnapshot {
    /// The day the agenda is for (today, or the date the app was started with in tests).
    pub today: NaiveDate,
    /// Every task, archived ones too.
    pub tasks: Vec<Task>,
    /// Each task's latest record (completion or missed), by task id.
    pub latest: HashMap<i64, Completion>,
    /// The staff list, active first.
    pub staff: Vec<Staff>,
    /// The training modules.
    pub modules: Vec<TrainingModule>,
    /// Every training record, newest first.
    pub records: Vec<TrainingRecord>,
    /// The shop's rest days and holidays.
    pub calendar: ShopCalendar,
    /// Today's agenda.
    pub agenda: Agenda,
    /// What was finished today, oldest first.
    pub done_today: Vec<Completion>,
    /// The checks recorded as missed on the last open day before today (said on Today the next
    /// morning: a missed check was recorded silently).
    pub missed_last_open_day: Vec<Completion>,
    /// The days in the two weeks before that with a check recorded as missed (several days
    /// away were said as the last one alone).
    pub missed_days_before: usize,
    /// Trainings due or overdue within the week.
    pub training_due: Vec<TrainingDue>,
    /// Who is on shift.
    pub current_staff: Option<i64>,
    /// Whether the starter plan was already accepted or declined.
    pub starter_answered: bool,
    /// The checklists being ticked, not yet recorded.
    pub drafts: Vec<ChecklistDraft>,
    /// Each task's occurrence put off ("Tomorrow instead"), by task id.
    pub postponed: HashMap<i64, Postponed>,
}

impl PlanSnapshot {
    /// What was ticked so far on the card of `task_id` due on `due`, if anything.
    pub fn draft(&self, task_id: i64, due: NaiveDate) -> Option<&ChecklistDraft> {
        self.drafts
            .iter()
            .find(|d| d.task_id == task_id && d.due == due)
    }

    /// The due date of `task`'s open occurrence (overdue, today, or ahead), if it has one.
    pub fn open_due(&self, task: &Task) -> Option<NaiveDate> {
        let last = self.latest.get(&task.id).map(Completion::occurrence);
        crate::planner::catch_up(&task.fields.schedule, &self.calendar, last, self.today).due
    }

    /// How `task`'s open occurrence is put off, if it is.
    pub fn put_off(&self, task: &Task) -> Option<Postponed> {
        self.put_off_at(task.id, self.open_due(task)?)
    }

    /// The day `task`'s open occurrence is shown as due: the day it was put off to, if it was,
    /// else its own (see [`PlanSnapshot::open_due`], the slot a completion is recorded for).
    pub fn shown_due(&self, task: &Task) -> Option<NaiveDate> {
        let due = self.open_due(task)?;
        Some(self.put_off_at(task.id, due).map_or(due, |p| p.until))
    }

    /// The postponement of task `id`'s occurrence due on `due`, if it holds.
    fn put_off_at(&self, id: i64, due: NaiveDate) -> Option<Postponed> {
        self.postponed
            .get(&id)
            .filter(|p| p.holds_for(due))
            .copied()
    }

    /// A task by id.
    pub fn task(&self, id: i64) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// The members of staff at work today (still working here, and started).
    pub fn staff_at_work(&self) -> impl Iterator<Item = &Staff> {
        self.staff.iter().filter(|s| s.at_work(self.today))
    }

    /// Whether anyone works here today (so a record should name who did it).
    pub fn has_staff(&self) -> bool {
        self.staff_at_work().next().is_some()
    }

    /// A person's name (or "" if unknown).
    pub fn staff_name(&self, id: Option<i64>) -> &str {
        id.and_then(|id| self.staff.iter().find(|s| s.id == id))
            .map(|s| s.name.as_str())
            .unwrap_or("")
    }

    /// A training module by id.
    pub fn module(&self, id: i64) -> Option<&TrainingModule> {
        self.modules.iter().find(|m| m.id == id)
    }
}

/// What the store reads for a snapshot, before the agenda-derived parts are worked out.
pub struct PlanRecords {
    /// The day.
    pub today: NaiveDate,
    /// Every task.
    pub tasks: Vec<Task>,
    /// Each task's latest record.
    pub latest: HashMap<i64, Completion>,
    /// The day's agenda.
    pub agenda: Agenda,
    /// The staff list.
    pub staff: Vec<Staff>,
    /// The training modules.
    pub modules: Vec<TrainingModule>,
    /// Every training record.
    pub records: Vec<TrainingRecord>,
    /// The shop calendar.
    pub calendar: ShopCalendar,
    /// The completions done that day.
    pub done_today: Vec<Completion>,
    /// The checks missed on the last open day before it.
    pub missed_last_open_day: Vec<Completion>,
    /// The days of the two weeks before that with a check missed.
    pub missed_days_before: usize,
    /// Who is on shift.
    pub current_staff: Option<i64>,
    /// Whether the starter plan was answered.
    pub starter_answered: bool,
    /// The checklists being ticked.
    pub drafts: Vec<ChecklistDraft>,
    /// The occurrences put off.
    pub postponed: HashMap<i64, Postponed>,
}

impl From<PlanRecords> for PlanSnapshot {
    fn from(r: PlanRecords) -> Self {
        let training_due = agenda::training_due(&r.staff, &r.modules, &r.records, r.today);
        PlanSnapshot {
            today: r.today,
            tasks: r.tasks,
            latest: r.latest,
            staff: r.staff,
            modules: r.modules,
            records: r.records,
            calendar: r.calendar,
            agenda: r.agenda,
            done_today: r.done_today,
            missed_last_open_day: r.missed_last_open_day,
            missed_days_before: r.missed_days_before,
            training_due,
            current_staff: r.current_staff,
            starter_answered: r.starter_answered,
            drafts: r.drafts,
            postponed: r.postponed,
        }
    }
}
