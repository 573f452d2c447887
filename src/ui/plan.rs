//! What the Today, Planner and Staff screens read: the planner's records and today's agenda,
//! loaded by the app in one go.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::planner::agenda::{Agenda, TrainingDue};
use crate::planner::{Completion, ShopCalendar, Staff, Task, TrainingModule, TrainingRecord};

/// The planner's records as the screens show them.
#[derive(Clone, Debug, Default)]
pub struct PlanData {
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
    /// Trainings due or overdue within the week.
    pub training_due: Vec<TrainingDue>,
    /// Who is on shift.
    pub current_staff: Option<i64>,
    /// Whether the starter plan was already accepted or declined.
    pub starter_answered: bool,
}

impl PlanData {
    /// A task by id.
    pub fn task(&self, id: i64) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
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
