//! Today's agenda: what is overdue, due today and due in the next days, the missed occurrences
//! to record, and who needs training.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::closing::ShopCalendar;
use super::due::{Occurrence, OccurrenceStatus, catch_up, occurrence_status};
use super::task::{Staff, Task, TrainingModule, TrainingRecord, refresher_due};

/// How many days ahead "upcoming" looks.
pub const HORIZON_DAYS: u64 = 7;

/// How long a new member of staff has for an onboarding module: it is first due this many days
/// after their first day (two weeks: a new cashier is not behind on the day they start).
pub const ONBOARDING_GRACE_DAYS: u64 = 14;

/// A task with its open occurrence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaTask {
    /// The task.
    pub task: Task,
    /// The due date of its open occurrence.
    pub due: NaiveDate,
    /// Overdue, due today or upcoming (on the day it was put off to, if it was).
    pub status: OccurrenceStatus,
    /// The day it was put off to ([`super::postpone`]), if it was: `due` stays its own slot's.
    pub until: Option<NaiveDate>,
}

impl AgendaTask {
    /// The day it is shown as due: the day it was put off to, or its own.
    pub fn shown_due(&self) -> NaiveDate {
        self.until.unwrap_or(self.due)
    }
}

/// A person's training in a module that is due (or never done).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingDue {
    /// Who.
    pub staff_id: i64,
    /// Which module.
    pub module_id: i64,
    /// When they were last trained in it (`None`: never).
    pub last: Option<NaiveDate>,
    /// When the (refresher) training is due.
    pub due: NaiveDate,
    /// Overdue, due today or upcoming.
    pub status: OccurrenceStatus,
}

/// The agenda of one day.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Agenda {
    /// The day.
    pub today: NaiveDate,
    /// Whether the shop is open that day.
    pub open: bool,
    /// Open occurrences due before today.
    pub overdue: Vec<AgendaTask>,
    /// Due today.
    pub due_today: Vec<AgendaTask>,
    /// Due in the next [`HORIZON_DAYS`] days.
    pub upcoming: Vec<AgendaTask>,
    /// Missed slots to record once each, per task id.
    pub missed: Vec<(i64, Vec<NaiveDate>)>,
}

/// Builds the agenda of `today` from the active tasks and each task's latest record.
pub fn build(
    tasks: &[Task],
    latest: &HashMap<i64, Occurrence>,
    calendar: &ShopCalendar,
    today: NaiveDate,
) -> Agenda {
    let horizon = today
        .checked_add_days(chrono::Days::new(HORIZON_DAYS))
        .unwrap_or(today);
    let mut agenda = Agenda {
        today,
        open: calendar.is_open(today),
        ..Agenda::default()
    };
    for task in tasks.iter().filter(|t| !t.paused && !t.archived) {
        let up = catch_up(
            &task.fields.schedule,
            calendar,
            latest.get(&task.id).copied(),
            today,
        );
        if !up.missed.is_empty() {
            agenda.missed.push((task.id, up.missed));
        }
        let Some(due) = up.due else { continue };
        let status = occurrence_status(due, None, today);
        let item = AgendaTask {
            task: task.clone(),
            due,
            status,
            until: None,
        };
        match status {
            OccurrenceStatus::Overdue => agenda.overdue.push(item),
            OccurrenceStatus::DueToday => agenda.due_today.push(item),
            _ if due <= horizon => agenda.upcoming.push(item),
            _ => {}
        }
    }
    for list in [
        &mut agenda.overdue,
        &mut agenda.due_today,
        &mut agenda.upcoming,
    ] {
        sort(list);
    }
    agenda
}

/// One of the agenda's lists in order: by the day shown, then by title.
pub(super) fn sort(list: &mut [AgendaTask]) {
    list.sort_by(|a, b| {
        a.shown_due()
            .cmp(&b.shown_due())
            .then_with(|| a.task.fields.title.cmp(&b.task.fields.title))
    });
}

/// Trainings due (`due`, each with its person's id by `staff`) one person at a time, each in
/// the order they first appear (the list is by day: the most pressing first). Today and
/// `poscare today` list a person once, their modules on that line.
pub fn by_person<T>(due: &[T], staff: impl Fn(&T) -> i64) -> Vec<Vec<&T>> {
    let mut people: Vec<Vec<&T>> = Vec::new();
    for t in due {
        match people.iter_mut().find(|list| staff(list[0]) == staff(t)) {
            Some(list) => list.push(t),
            None => people.push(vec![t]),
        }
    }
    people
}

/// The trainings of active staff that are overdue or due within [`HORIZON_DAYS`] (refreshers
/// after the module's interval), and every onboarding module a person has never done, however
/// far its day (see [`onboarding_due`]): a new hire with nothing done is someone who needs
/// training, not "nobody".
pub fn training_due(
    staff: &[Staff],
    modules: &[TrainingModule],
    records: &[TrainingRecord],
    today: NaiveDate,
) -> Vec<TrainingDue> {
    let horizon = today
        .checked_add_days(chrono::Days::new(HORIZON_DAYS))
        .unwrap_or(today);
    let mut last: HashMap<(i64, i64), NaiveDate> = HashMap::new();
    for r in records {
        let slot = last.entry((r.staff_id, r.module_id)).or_insert(r.on);
        *slot = (*slot).max(r.on);
    }
    let mut out = Vec::new();
    for person in staff.iter().filter(|s| s.active) {
        for module in modules {
            let previous = last.get(&(person.id, module.id)).copied();
            let due = match previous {
                Some(on) => refresher_due(on, module).filter(|d| *d <= horizon),
                None if module.onboarding => Some(onboarding_due(person, today)),
                None => None,
            };
            if let Some(due) = due {
                let status = occurrence_status(due, None, today);
                out.push(TrainingDue {
                    staff_id: person.id,
                    module_id: module.id,
                    last: previous,
                    due,
                    status,
                });
            }
        }
    }
    out.sort_by_key(|t| (t.due, t.staff_id, t.module_id));
    out
}

/// When a person's onboarding module never done is due: [`ONBOARDING_GRACE_DAYS`] after their
/// first day, or after the day they were entered in the app if that came later (staff of years
/// ago entered today are not years late); without a first day, today (it is due, and never
/// shown as late).
pub fn onboarding_due(person: &Staff, today: NaiveDate) -> NaiveDate {
    let grace = |day: NaiveDate| {
        day.checked_add_days(chrono::Days::new(ONBOARDING_GRACE_DAYS))
            .unwrap_or(day)
    };
    match person.started_on {
        // (Never later than today: a clock moved back since must not push it further.)
        Some(start) => grace(start.max(person.added_on.map_or(start, |a| a.min(today)))),
        None => today,
    }
}

#[cfg(test)]
pub(crate) mod tests {

    #[test]
    fn trainings_are_listed_one_person_at_a_time_in_order() {
        let due = [(2, "a"), (1, "b"), (2, "c"), (3, "d"), (1, "e")];
        let people: Vec<Vec<&str>> = by_person(&due, |t| t.0)
            .into_iter()
            .map(|list| list.into_iter().map(|t| t.1).collect())
            .collect();
        assert_eq!(people, [vec!["a", "c"], vec!["b", "e"], vec!["d"]]);
    }
    use super::*;
    use crate::planner::{Schedule, TaskCategory, TaskFields, TaskSchedule};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A check of `schedule` from `start`, with nothing else (also the postpone tests').
    pub(crate) fn task(id: i64, schedule: Schedule, start: NaiveDate) -> Task {
        Task {
            id,
            fields: TaskFields {
                title: format!("task {id}"),
                category: TaskCategory::Check,
                instructions: String::new(),
                items: vec![],
                device_id: None,
                staff_id: None,
                schedule: TaskSchedule::new(schedule, start),
            },
            paused: false,
            archived: false,
        }
    }

    #[test]
    fn tasks_are_grouped_and_missed_days_collected_once() {
        let today = d(2026, 11, 25);
        let daily = task(1, Schedule::Daily, d(2026, 11, 20));
        let monthly = task(2, Schedule::MonthlyLastDay, d(2026, 11, 1));
        let mut paused = task(3, Schedule::Daily, d(2026, 11, 1));
        paused.paused = true;
        let latest = HashMap::from([(
            1,
            Occurrence {
                due: d(2026, 11, 22),
                done_on: Some(d(2026, 11, 22)),
            },
        )]);
        let a = build(
            &[daily, monthly, paused],
            &latest,
            &ShopCalendar::default(),
            today,
        );
        assert_eq!(a.due_today.len(), 1);
        assert_eq!(a.due_today[0].task.id, 1);
        assert_eq!(a.missed, vec![(1, vec![d(2026, 11, 23), d(2026, 11, 24)])]);
        assert_eq!(
            a.upcoming
                .iter()
                .map(|t| (t.task.id, t.due))
                .collect::<Vec<_>>(),
            vec![(2, d(2026, 11, 30))]
        );
        assert!(a.overdue.is_empty());
    }

    #[test]
    fn new_staff_need_onboarding_and_refreshers_come_due() {
        let today = d(2026, 11, 25);
        let staff = vec![
            Staff {
                id: 1,
                name: "张三".into(),
                role: String::new(),
                phone: String::new(),
                started_on: Some(d(2026, 11, 20)),
                active: true,
                added_on: None,
            },
            Staff {
                id: 2,
                name: "李四".into(),
                role: String::new(),
                phone: String::new(),
                started_on: None,
                active: false,
                added_on: None,
            },
        ];
        let modules = vec![
            TrainingModule {
                id: 10,
                title: "终端操作".into(),
                items: vec![],
                refresher_months: 12,
                onboarding: true,
            },
            TrainingModule {
                id: 11,
                title: "防欺诈".into(),
                items: vec![],
                refresher_months: 6,
                onboarding: true,
            },
        ];
        let records = vec![TrainingRecord {
            id: 1,
            staff_id: 1,
            module_id: 11,
            on: d(2026, 5, 28),
            trainer: String::new(),
            note: String::new(),
        }];
        let due = training_due(&staff, &modules, &records, today);
        // The refresher comes due within the week; the onboarding module never done is listed
        // however far its day (two weeks after the first day), upcoming until then.
        assert_eq!(due.len(), 2, "{due:?}");
        assert_eq!((due[0].module_id, due[0].due), (11, d(2026, 11, 28)));
        assert_eq!((due[1].module_id, due[1].due), (10, d(2026, 12, 4)));
        // Overdue only after its day.
        let on = |day| training_due(&staff, &modules, &records, day);
        let first = on(d(2026, 11, 27));
        let onboarding = first.iter().find(|t| t.module_id == 10).expect("in view");
        assert_eq!(onboarding.due, d(2026, 12, 4));
        assert_eq!(onboarding.status, OccurrenceStatus::Upcoming);
        let late = on(d(2026, 12, 5));
        let onboarding = late.iter().find(|t| t.module_id == 10).expect("still due");
        assert_eq!(onboarding.status, OccurrenceStatus::Overdue);
    }

    #[test]
    fn staff_of_years_ago_entered_today_are_not_years_late() {
        let today = d(2026, 12, 6);
        let owner = Staff {
            id: 1,
            name: "Mei".into(),
            role: String::new(),
            phone: String::new(),
            started_on: Some(d(2019, 5, 1)),
            active: true,
            added_on: Some(today),
        };
        // Entered on the day itself: the first day rules, and late is late.
        let hired = Staff {
            id: 2,
            started_on: Some(d(2026, 11, 1)),
            added_on: Some(d(2026, 11, 1)),
            ..owner.clone()
        };
        assert_eq!(onboarding_due(&owner, today), d(2026, 12, 20));
        assert_eq!(onboarding_due(&hired, today), d(2026, 11, 15));
        let module = TrainingModule {
            id: 10,
            title: "终端基本操作".into(),
            items: vec![],
            refresher_months: 12,
            onboarding: true,
        };
        let due = training_due(&[owner, hired], &[module], &[], today);
        let status = |id| due.iter().find(|t| t.staff_id == id).unwrap().status;
        assert_eq!(status(1), OccurrenceStatus::Upcoming);
        assert_eq!(status(2), OccurrenceStatus::Overdue);
    }

    #[test]
    fn a_new_member_of_staff_is_not_behind_on_their_first_day() {
        let today = d(2026, 11, 25);
        let new = Staff {
            id: 1,
            name: "王小丽".into(),
            role: String::new(),
            phone: String::new(),
            started_on: Some(today),
            active: true,
            added_on: None,
        };
        let modules: Vec<TrainingModule> = (1..=5)
            .map(|id| TrainingModule {
                id,
                title: format!("module {id}"),
                items: vec![],
                refresher_months: 12,
                onboarding: true,
            })
            .collect();
        // On the first day the five modules are listed already, due two weeks on: "nobody needs
        // training" beside a new hire with nothing done was wrong.
        let first_day = training_due(std::slice::from_ref(&new), &modules, &[], today);
        assert_eq!(first_day.len(), 5);
        assert!(
            first_day
                .iter()
                .all(|t| t.status == OccurrenceStatus::Upcoming && t.last.is_none())
        );
        let week_two = today + chrono::Days::new(8);
        let due = training_due(&[new], &modules, &[], week_two);
        assert_eq!(due.len(), 5);
        assert!(
            due.iter()
                .all(|t| t.status == OccurrenceStatus::Upcoming && t.due == d(2026, 12, 9))
        );
    }
}
