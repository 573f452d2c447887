//! The reminder to back up to an outside folder (a USB stick), and the planner's backup tasks
//! that a successful backup completes.

use chrono::{NaiveDate, NaiveDateTime};

use super::Schedule;
use super::agenda::Agenda;
use super::task::{NewCompletion, TaskCategory};
use crate::i18n::{Lang, T};

/// The reminder interval when the merchant has not chosen one.
pub const DEFAULT_REMINDER_DAYS: u32 = 7;

/// The longest reminder interval the merchant can choose.
pub const MAX_REMINDER_DAYS: u32 = 90;

/// What Today says about outside backups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupReminder {
    /// Never backed up outside the data folder.
    Never,
    /// The last outside backup is `days` old, within the interval.
    Fresh {
        /// Whole days since the backup (0 = today; below 0, a backup dated after today: the
        /// PC's clock is, or was, wrong, and that is said rather than "today").
        days: i64,
    },
    /// The last outside backup is `days` old, more than the interval.
    Due {
        /// Whole days since the backup.
        days: i64,
    },
}

/// The reminder on `today` for an outside backup last made at `last`, with a reminder after
/// `interval_days` days. A backup dated in the future (a clock that was wrong) counts as today's.
pub fn backup_reminder(
    last: Option<NaiveDateTime>,
    today: NaiveDate,
    interval_days: u32,
) -> BackupReminder {
    match last {
        None => BackupReminder::Never,
        Some(at) => {
            let days = (today - at.date()).num_days();
            if days > i64::from(interval_days) {
                BackupReminder::Due { days }
            } else {
                BackupReminder::Fresh { days }
            }
        }
    }
}

/// Parses a reminder interval typed by the merchant: whole days from 1 to [`MAX_REMINDER_DAYS`].
pub fn parse_reminder_days(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=MAX_REMINDER_DAYS).contains(d))
}

/// The note on the completions a backup to `file` records, naming the file (cut to fit a note).
pub fn backup_note(lang: Lang, file: &std::path::Path) -> String {
    lang.fill(
        T::BackupAutoNote,
        &[(
            "path",
            &crate::device::shorten(&file.display().to_string(), 1900),
        )],
    )
}

/// How many days before a backup task is due a backup still counts for it: the weekly backup
/// made on Thursday is Friday's (a walk found it "due today" the day after the backup).
pub const BACKUP_EARLY_DAYS: u64 = 2;

/// The completions a successful backup at `at` records: the open occurrence (overdue or due
/// today) of every backup task on the agenda, or else, for a task not due every day, the next
/// one when it is due within [`BACKUP_EARLY_DAYS`]; every checklist item ticked, with `note`.
pub fn backup_completions(
    agenda: &Agenda,
    at: NaiveDateTime,
    done_by: Option<i64>,
    note: &str,
) -> Vec<NewCompletion> {
    // (Each task stands on the agenda once: its open occurrence, or its next one.)
    let soon = agenda.today + chrono::Days::new(BACKUP_EARLY_DAYS);
    let early = agenda
        .upcoming
        .iter()
        .filter(|a| a.due <= soon && a.task.fields.schedule.schedule != Schedule::Daily);
    agenda
        .overdue
        .iter()
        .chain(&agenda.due_today)
        .chain(early)
        .filter(|a| a.task.fields.category == TaskCategory::Backup)
        .map(|a| NewCompletion::all_ok(&a.task, a.due, at, done_by, note.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn at(d: u32) -> NaiveDateTime {
        day(d).and_hms_opt(18, 30, 0).unwrap()
    }

    #[test]
    fn the_reminder_comes_after_the_interval_not_on_its_last_day() {
        assert_eq!(backup_reminder(None, day(25), 7), BackupReminder::Never);
        assert_eq!(
            backup_reminder(Some(at(25)), day(25), 7),
            BackupReminder::Fresh { days: 0 }
        );
        assert_eq!(
            backup_reminder(Some(at(18)), day(25), 7),
            BackupReminder::Fresh { days: 7 }
        );
        assert_eq!(
            backup_reminder(Some(at(17)), day(25), 7),
            BackupReminder::Due { days: 8 }
        );
        assert_eq!(
            backup_reminder(Some(at(24)), day(25), 1),
            BackupReminder::Fresh { days: 1 }
        );
    }

    /// A backup dated after today is no reason to remind, and is not said to be "today"'s
    /// (a fault tester saw "(today)" beside a date five days on).
    #[test]
    fn a_backup_from_the_future_is_fresh_and_said_so() {
        assert_eq!(
            backup_reminder(Some(at(28)), day(25), 7),
            BackupReminder::Fresh { days: -3 }
        );
    }

    #[test]
    fn a_backup_completes_only_the_open_backup_tasks() {
        use crate::planner::agenda::build;
        use crate::planner::{Schedule, ShopCalendar, Task, TaskFields, TaskSchedule};
        let task = |id, category, schedule| Task {
            id,
            fields: TaskFields {
                title: format!("task {id}"),
                category,
                instructions: String::new(),
                items: vec!["插上 U 盘".into(), "拔下前安全弹出".into()],
                device_id: None,
                staff_id: None,
                schedule: TaskSchedule::new(schedule, day(1)),
            },
            paused: false,
            archived: false,
        };
        let tasks = [
            task(1, TaskCategory::Backup, Schedule::Daily),
            task(2, TaskCategory::Check, Schedule::Daily),
            task(3, TaskCategory::Backup, Schedule::Once(day(28))),
        ];
        let agenda = build(
            &tasks,
            &Default::default(),
            &ShopCalendar::default(),
            day(25),
        );
        let done = backup_completions(&agenda, at(25), Some(4), "自动");
        assert_eq!(done.len(), 1, "only the backup task that is open today");
        // Two days before it is due, the backup counts for it; three days before, not yet.
        let early = build(
            &tasks,
            &Default::default(),
            &ShopCalendar::default(),
            day(26),
        );
        let done_early = backup_completions(&early, at(26), None, "自动");
        let ids: Vec<(i64, NaiveDate)> = done_early.iter().map(|c| (c.task_id, c.due)).collect();
        assert_eq!(ids, [(1, day(26)), (3, day(28))]);
        assert_eq!((done[0].task_id, done[0].due), (1, day(25)));
        assert_eq!(done[0].done_by, Some(4));
        assert!(done[0].items.iter().all(|i| i.ok && !i.problem));
        assert_eq!(done[0].items.len(), 2);
    }

    #[test]
    fn reminder_days_are_whole_days_from_1_to_90() {
        assert_eq!(parse_reminder_days(" 7 "), Some(7));
        assert_eq!(parse_reminder_days("90"), Some(90));
        for bad in ["0", "91", "-3", "7.5", "", "七", "99999999999999999999"] {
            assert_eq!(parse_reminder_days(bad), None, "{bad}");
        }
    }
}
