//! What to tell a person who is not looking at the window, and when (domain, no SQL, no UI).
//!
//! With autostart, POS Care is open all day behind the cashier software, so its reminders must
//! reach someone who is not looking at it: the window's tray icon and desktop notifications
//! carry them (the app's `ui/reach.rs`). This module decides *what* is due *when*:
//!
//! * a check due today, at the shop's opening time (checks have no hour of their own);
//! * the daily opening check still open an hour after opening;
//! * the USB backup reminder, on a day it is due, an hour after opening;
//! * a new repeat-fault warning (Insights), as soon as it is seen;
//! * an emergency outage running for longer than [`OUTAGE_MINUTES`];
//! * a training refresher due, at opening.
//!
//! At most one announcement per item per day ([`Announced`], kept in the database across
//! restarts), none on the shop's closing days, none at all when the merchant chose quiet.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::insights::{Warning, WarningKind};
use crate::planner::reminder::BackupReminder;
use crate::planner::{PlanSnapshot, Schedule, TaskCategory};

/// How long an outage runs before it is announced.
pub const OUTAGE_MINUTES: i64 = 15;

/// The opening time used until the merchant sets one.
pub fn default_opening() -> NaiveTime {
    NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()
}

/// What a reminder is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Topic {
    /// A task due today (or overdue).
    Task {
        /// The task.
        id: i64,
        /// Its title, as the plan shows it.
        title: String,
        /// The daily opening check, still open an hour after opening.
        opening_check: bool,
        /// Due before today.
        overdue: bool,
    },
    /// The backup to a USB stick is due (`None`: never made).
    UsbBackup {
        /// Days since the last one.
        days: Option<i64>,
    },
    /// A fault keeps coming back.
    Repeat {
        /// The terminal or prompt, by name.
        subject: String,
        /// How many times.
        count: usize,
        /// Within how many days.
        days: i64,
    },
    /// An emergency plan has been running this long.
    Outage {
        /// The outage.
        id: i64,
        /// Minutes since it started.
        minutes: i64,
    },
    /// A person's training (refresher) is due.
    Training {
        /// Who.
        staff_id: i64,
        /// Which module.
        module_id: i64,
    },
}

/// One reminder of the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    /// The item and the day: announced once, then never again that day.
    pub key: String,
    /// From when it may be announced.
    pub at: NaiveDateTime,
    /// What it is about.
    pub topic: Topic,
}

/// What the reminders of a day are made from.
pub struct Inputs<'a> {
    /// Now (the app's clock).
    pub now: NaiveDateTime,
    /// Today's plan (its agenda says whether the shop is open).
    pub plan: &'a PlanSnapshot,
    /// The USB backup reminder of today.
    pub backup: BackupReminder,
    /// The Insights warnings of today.
    pub warnings: &'a [Warning],
    /// The outages running now: id and start.
    pub outages: &'a [(i64, NaiveDateTime)],
    /// When the shop opens.
    pub opening: NaiveTime,
}

/// Every reminder of today, each with the time from which it may be announced: none on a
/// closing day.
pub fn schedule(inputs: &Inputs<'_>) -> Vec<Reminder> {
    let today = inputs.now.date();
    let agenda = &inputs.plan.agenda;
    if !agenda.open || agenda.today != today {
        return Vec::new();
    }
    let opening = today.and_time(inputs.opening);
    let mut out = Vec::new();
    let mut push = |key: String, at: NaiveDateTime, topic: Topic| {
        out.push(Reminder {
            key: format!("{key}@{today}"),
            at,
            topic,
        })
    };
    for (item, overdue) in agenda
        .overdue
        .iter()
        .map(|t| (t, true))
        .chain(agenda.due_today.iter().map(|t| (t, false)))
    {
        let task = &item.task;
        let opening_check = task.fields.category == TaskCategory::Check
            && task.fields.schedule.schedule == Schedule::Daily;
        let at = if opening_check {
            opening + Duration::hours(1)
        } else {
            opening
        };
        push(
            format!("task:{}", task.id),
            at,
            Topic::Task {
                id: task.id,
                title: task.fields.title.clone(),
                opening_check,
                overdue,
            },
        );
    }
    match inputs.backup {
        BackupReminder::Due { days } => push(
            "usb-backup".into(),
            opening + Duration::hours(1),
            Topic::UsbBackup { days: Some(days) },
        ),
        BackupReminder::Never => push(
            "usb-backup".into(),
            opening + Duration::hours(1),
            Topic::UsbBackup { days: None },
        ),
        BackupReminder::Fresh { .. } => {}
    }
    for w in inputs
        .warnings
        .iter()
        .filter(|w| !w.acknowledged && matches!(w.kind, WarningKind::Repeat { .. }))
    {
        push(
            format!("repeat:{}:{}", w.subject, w.newest),
            inputs.now.min(opening.max(w.newest)),
            Topic::Repeat {
                subject: w.subject.clone(),
                count: w.count,
                days: w.days(),
            },
        );
    }
    for &(id, started) in inputs.outages {
        let at = started + Duration::minutes(OUTAGE_MINUTES);
        push(
            format!("outage:{id}"),
            at,
            Topic::Outage {
                id,
                minutes: (inputs.now - started).num_minutes().max(0),
            },
        );
    }
    for t in inputs.plan.training_due.iter().filter(|t| t.due <= today) {
        push(
            format!("training:{}:{}", t.staff_id, t.module_id),
            opening,
            Topic::Training {
                staff_id: t.staff_id,
                module_id: t.module_id,
            },
        );
    }
    out
}

/// The reminders announced on one day: a new day starts empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announced {
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    /// The keys announced that day.
    pub keys: BTreeSet<String>,
}

impl Announced {
    /// Reads what the database keeps (garbage or another day: nothing announced yet today).
    pub fn read(json: Option<&str>, today: NaiveDate) -> Announced {
        let read: Announced = json
            .and_then(|j| serde_json::from_str(j).ok())
            .unwrap_or_default();
        let today = today.format("%Y-%m-%d").to_string();
        if read.day == today {
            read
        } else {
            Announced {
                day: today,
                keys: BTreeSet::new(),
            }
        }
    }

    /// As the database keeps it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether `reminder` was announced today.
    pub fn has(&self, reminder: &Reminder) -> bool {
        self.keys.contains(&reminder.key)
    }

    /// Notes `reminder` as announced.
    pub fn note(&mut self, reminder: &Reminder) {
        self.keys.insert(reminder.key.clone());
    }
}

/// The reminders to announce now: due, and not yet announced today.
pub fn due<'a>(
    reminders: &'a [Reminder],
    now: NaiveDateTime,
    announced: &Announced,
) -> Vec<&'a Reminder> {
    reminders
        .iter()
        .filter(|r| r.at <= now && !announced.has(r))
        .collect()
}

/// When the next reminder falls due, if one does later today (the window wakes then).
pub fn next_at(
    reminders: &[Reminder],
    now: NaiveDateTime,
    announced: &Announced,
) -> Option<NaiveDateTime> {
    reminders
        .iter()
        .filter(|r| r.at > now && !announced.has(r))
        .map(|r| r.at)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::agenda::{Agenda, AgendaTask};
    use crate::planner::{OccurrenceStatus, Task, TaskFields, TaskSchedule};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    fn at(h: u32, m: u32) -> NaiveDateTime {
        day().and_hms_opt(h, m, 0).unwrap()
    }

    fn task(id: i64, title: &str, category: TaskCategory, schedule: Schedule) -> AgendaTask {
        AgendaTask {
            task: Task {
                id,
                fields: TaskFields {
                    title: title.into(),
                    category,
                    instructions: String::new(),
                    items: Vec::new(),
                    device_id: None,
                    staff_id: None,
                    schedule: TaskSchedule::new(schedule, day()),
                },
                paused: false,
                archived: false,
            },
            due: day(),
            status: OccurrenceStatus::DueToday,
            until: None,
        }
    }

    fn plan(open: bool) -> PlanSnapshot {
        PlanSnapshot {
            today: day(),
            agenda: Agenda {
                today: day(),
                open,
                due_today: vec![
                    task(1, "开店检查", TaskCategory::Check, Schedule::Daily),
                    task(
                        2,
                        "清洁终端",
                        TaskCategory::Check,
                        Schedule::Weekly {
                            weekdays: Default::default(),
                        },
                    ),
                ],
                ..Agenda::default()
            },
            ..PlanSnapshot::default()
        }
    }

    fn inputs<'a>(
        now: NaiveDateTime,
        plan: &'a PlanSnapshot,
        outages: &'a [(i64, NaiveDateTime)],
    ) -> Inputs<'a> {
        Inputs {
            now,
            plan,
            backup: BackupReminder::Due { days: 9 },
            warnings: &[],
            outages,
            opening: default_opening(),
        }
    }

    #[test]
    fn each_comes_due_at_its_moment_and_once_a_day() {
        let plan = plan(true);
        let outages = [(5, at(10, 0))];
        let mut announced = Announced::read(None, day());
        // Before opening: nothing yet; the first wake is at opening.
        let early = schedule(&inputs(at(8, 0), &plan, &outages));
        assert!(due(&early, at(8, 0), &announced).is_empty());
        assert_eq!(next_at(&early, at(8, 0), &announced), Some(at(9, 0)));
        // At opening: the weekly check; the opening check only an hour later, with the backup.
        let r = schedule(&inputs(at(9, 0), &plan, &outages));
        let now: Vec<&str> = due(&r, at(9, 0), &announced)
            .iter()
            .map(|r| r.key.as_str())
            .collect();
        assert_eq!(now, ["task:2@2026-12-07"]);
        for r in due(&r, at(9, 0), &announced) {
            announced.note(r);
        }
        let r = schedule(&inputs(at(10, 0), &plan, &outages));
        let keys: Vec<String> = due(&r, at(10, 0), &announced)
            .iter()
            .map(|r| r.key.clone())
            .collect();
        assert_eq!(keys, ["task:1@2026-12-07", "usb-backup@2026-12-07"]);
        // The outage is announced 15 minutes after it started, and only once.
        let r = schedule(&inputs(at(10, 15), &plan, &outages));
        for r in due(&r, at(10, 15), &announced) {
            announced.note(r);
        }
        assert!(announced.keys.contains("outage:5@2026-12-07"));
        let r = schedule(&inputs(at(15, 0), &plan, &outages));
        assert!(due(&r, at(15, 0), &announced).is_empty(), "once a day each");
    }

    #[test]
    fn what_was_announced_survives_a_restart_but_not_the_night() {
        let plan = plan(true);
        let mut announced = Announced::read(None, day());
        let r = schedule(&inputs(at(11, 0), &plan, &[]));
        for r in due(&r, at(11, 0), &announced) {
            announced.note(r);
        }
        let kept = announced.to_json();
        let again = Announced::read(Some(&kept), day());
        assert!(
            due(&r, at(11, 0), &again).is_empty(),
            "not again after a restart"
        );
        let tomorrow = Announced::read(Some(&kept), day() + Duration::days(1));
        assert!(tomorrow.keys.is_empty(), "a new day");
        assert_eq!(Announced::read(Some("{garbage"), day()).keys.len(), 0);
    }

    #[test]
    fn nothing_on_a_closing_day() {
        let plan = plan(false);
        let outages = [(5, at(10, 0))];
        assert!(schedule(&inputs(at(12, 0), &plan, &outages)).is_empty());
    }
}
