//! The planner's records: staff, tasks, completions (and missed occurrences), training, and the
//! shop calendar. Completions are unique per task and due date, so a double click counts once.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::problems::{tagged, unreadable};
use super::{Record, Records, Store, StoreError, json, keys, now_stamp, parse_stamp, stamp};
use crate::i18n::Lang;
use crate::incident::NewIncident;
use crate::planner::agenda::{self, Agenda};
use crate::planner::postpone::{self, Postponed};
use crate::planner::shift::{ShiftChoice, on_shift};
use crate::planner::snapshot::{PlanRecords, PlanSnapshot};
use crate::planner::{
    Completion, ItemResult, NewCompletion, Occurrence, Outcome, ShopCalendar, Staff, Task,
    TaskCategory, TaskFields, TaskSchedule, TrainingModule, TrainingRecord, starter,
};

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

/// A postponement row: `rowid, task_id, due, until`.
fn read_postponed(row: &Row<'_>) -> rusqlite::Result<(i64, Postponed)> {
    let day = |i: usize| -> rusqlite::Result<NaiveDate> {
        let text: String = row.get(i)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| unreadable(i, e))
    };
    Ok((
        row.get(1)?,
        Postponed {
            due: day(2)?,
            until: day(3)?,
        },
    ))
}

/// The occurrence each task's latest record stands for.
fn occurrences(latest: &HashMap<i64, Completion>) -> HashMap<i64, Occurrence> {
    latest
        .iter()
        .map(|(task, c)| (*task, c.occurrence()))
        .collect()
}

pub(super) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

const TASK_COLUMNS: &str = "id, title, category, instructions, items, device_id, staff_id, schedule, paused, archived, starter_key";

/// A task row, starter content shown in `lang` ([`starter::localize_task`]).
fn read_task(row: &Row<'_>, lang: Lang) -> rusqlite::Result<Task> {
    let category: String = row.get(2)?;
    let items: String = row.get(4)?;
    // A checklist that is not a list of texts is a record that breaks a rule: named, never
    // shown as a check with nothing to tick.
    let items: Vec<String> = serde_json::from_str(&items).map_err(|e| unreadable(4, e))?;
    let schedule: String = row.get(7)?;
    let schedule: TaskSchedule = serde_json::from_str(&schedule).map_err(|e| unreadable(7, e))?;
    let mut fields = TaskFields {
        title: row.get(1)?,
        category: TaskCategory::from_code(&category).unwrap_or(TaskCategory::Other),
        instructions: row.get(3)?,
        items,
        device_id: row.get(5)?,
        staff_id: row.get(6)?,
        schedule,
    };
    if let Some(key) = row.get::<_, Option<String>>(10)? {
        starter::localize_task(&key, &mut fields, lang);
    }
    Ok(Task {
        id: row.get(0)?,
        fields,
        paused: row.get(8)?,
        archived: row.get(9)?,
    })
}

const COMPLETION_COLUMNS: &str =
    "id, task_id, due, done_at, done_by, outcome, items, note, put_off_to";

/// A completion row. A due date, a time or a checklist that does not read is a record that breaks
/// a rule (named and left out), never a record of no day: one that silently read as done at no
/// time hid that day's check from Today altogether.
fn read_completion(row: &Row<'_>) -> rusqlite::Result<Completion> {
    let bad = |column: usize, what: &str| unreadable(column, format!("not a valid {what}"));
    let outcome: String = row.get(5)?;
    let items: String = row.get(6)?;
    let done_at = match row.get::<_, Option<String>>(3)? {
        None => None,
        Some(text) => Some(parse_stamp(&text).ok_or_else(|| bad(3, "time"))?),
    };
    Ok(Completion {
        id: row.get(0)?,
        task_id: row.get(1)?,
        due: date(row.get(2)?).ok_or_else(|| bad(2, "date"))?,
        done_at,
        done_by: row.get(4)?,
        outcome: Outcome::from_code(&outcome).ok_or_else(|| bad(5, "outcome"))?,
        items: serde_json::from_str::<Vec<ItemResult>>(&items).map_err(|_| bad(6, "checklist"))?,
        note: row.get(7)?,
        put_off_to: match row.get::<_, Option<String>>(8)? {
            None => None,
            Some(text) => Some(date(Some(text)).ok_or_else(|| bad(8, "date"))?),
        },
    })
}

/// Starter-plan tasks to add, each with its starter key.
pub type KeyedTasks = Vec<(String, TaskFields)>;
/// Starter-plan training modules to add, each with its starter key.
pub type KeyedModules = Vec<(String, TrainingModule)>;

/// What recording a completion did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The completion's id (the earlier one when it was already recorded).
    pub id: i64,
    /// It was already recorded (a double click): nothing changed.
    pub already: bool,
    /// The incident opened for a problem outcome.
    pub incident: Option<i64>,
}

/// Records each of `completions` inside `tx` (one already recorded is left as it is); returns
/// how many were given.
pub(super) fn insert_completions(
    tx: &rusqlite::Transaction<'_>,
    completions: &[NewCompletion],
) -> Result<usize, StoreError> {
    for c in completions {
        insert_completion(tx, c, None)?;
    }
    Ok(completions.len())
}

/// Records a completion inside `tx` (see [`Store::complete`]); also used when ending a drill
/// records the planner's drill in the same transaction.
pub(super) fn insert_completion(
    tx: &rusqlite::Transaction<'_>,
    c: &NewCompletion,
    incident: Option<&NewIncident>,
) -> Result<Recorded, StoreError> {
    // Recorded now (or already): what was ticked on its card is no longer a draft, nor is the
    // occurrence put off any more.
    super::checklist::forget_draft(tx, c.task_id, c.due)?;
    let put_off_to: Option<String> = tx
        .query_row(
            "DELETE FROM task_postponed WHERE task_id = ?1 AND due = ?2 RETURNING until",
            params![c.task_id, date_text(c.due)],
            |r| r.get(0),
        )
        .optional()?;
    let existing: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, outcome FROM completion WHERE task_id = ?1 AND due = ?2",
            params![c.task_id, date_text(c.due)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    // Recorded missed by the app (nobody had said otherwise by the day's end), then done after
    // all: what the staff record stands, and the occurrence's record becomes it, with a line of
    // its own in the history beside the "missed" one, which stays. (A clock put back after a year
    // ahead offered such days as due, and the work done on them was dropped as "already done".)
    let inferred_missed = match &existing {
        Some((id, outcome))
            if outcome == Outcome::Missed.code() && c.outcome != Outcome::Missed =>
        {
            Some(*id)
        }
        Some((id, _)) => {
            return Ok(Recorded {
                id: *id,
                already: true,
                incident: None,
            });
        }
        None => None,
    };
    let incident_id = match (c.outcome, incident) {
        (Outcome::Problem, Some(new)) => {
            Some(super::incidents::insert_incident(tx, new, "planner")?)
        }
        _ => None,
    };
    let values = params![
        c.task_id,
        date_text(c.due),
        stamp(c.done_at),
        c.done_by,
        c.outcome.code(),
        json(&c.items),
        c.note,
        incident_id,
        now_stamp(),
        put_off_to
    ];
    let id = match inferred_missed {
        Some(id) => {
            tx.execute(
                "UPDATE completion SET done_at = ?3, done_by = ?4, outcome = ?5, items = ?6, \
                 note = ?7, incident_id = ?8, recorded_at = ?9, put_off_to = ?10 \
                 WHERE task_id = ?1 AND due = ?2",
                values,
            )?;
            // (The trigger writes a completion's line when it is inserted; this one is written
            // as it does.)
            tx.execute(
                "INSERT INTO history (at, kind, action, device_id, staff_id, subject, detail, source, source_id) \
                 SELECT at, kind, action, device_id, staff_id, subject, detail, 'completion', source_id \
                 FROM history_of_completion WHERE source_id = ?1",
                [id],
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO completion (task_id, due, done_at, done_by, outcome, items, note, incident_id, recorded_at, put_off_to) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                values,
            )?;
            tx.last_insert_rowid()
        }
    };
    if let Some(incident) = incident_id {
        // The history row the trigger just wrote names the task's device; the problem was found
        // on the incident's.
        tx.execute(
            "UPDATE history SET device_id = (SELECT device_id FROM incident WHERE id = ?1) \
             WHERE id = (SELECT max(id) FROM history WHERE source = 'completion' AND source_id = ?2)",
            params![incident, id],
        )?;
    } else {
        file_under(tx, id, &covered_ids(tx, c.task_id)?)?;
    }
    Ok(Recorded {
        id,
        already: false,
        incident: incident_id,
    })
}

/// The devices a record of task `task_id` is filed under besides the task's own: every device
/// its check covers now (see [`crate::planner::covers::covered_devices`]).
fn covered_ids(tx: &rusqlite::Transaction<'_>, task_id: i64) -> Result<Vec<i64>, StoreError> {
    // (No such task: nothing to file under; the record itself is refused by its own rules.)
    let device_id: Option<i64> = tx
        .query_row("SELECT device_id FROM task WHERE id = ?1", [task_id], |r| {
            r.get(0)
        })
        .optional()?
        .flatten();
    if device_id.is_none() {
        return Ok(Vec::new());
    }
    let devices = super::devices::readable_devices(tx)?;
    Ok(crate::planner::covers::covered_devices(device_id, &devices)
        .iter()
        .map(|d| d.id)
        .collect())
}

/// Files the history row of completion `id` under each of `devices` (see [`covered_ids`]).
fn file_under(tx: &rusqlite::Transaction<'_>, id: i64, devices: &[i64]) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO history_device (history_id, device_id) \
         SELECT id, ?2 FROM history WHERE source = 'completion' AND source_id = ?1",
    )?;
    for device in devices {
        stmt.execute(params![id, device])?;
    }
    Ok(())
}

/// How far before the last open day Today looks for other days with a check missed.
const MISSED_LOOKBACK_DAYS: u64 = 14;

impl Store {
    /// Adds a task (validated fields); `starter_key` marks a task from the starter plan.
    pub fn add_task(
        &mut self,
        f: &TaskFields,
        starter_key: Option<&str>,
    ) -> Result<i64, StoreError> {
        self.write(|tx| {
            let id = insert_task(tx, f, starter_key)?;
            Ok(id)
        })
    }

    /// Replaces a task's fields; its history stays.
    pub fn update_task(&mut self, id: i64, f: &TaskFields) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE task SET title = ?2, category = ?3, instructions = ?4, items = ?5, device_id = ?6, staff_id = ?7, \
             schedule = ?8, updated_at = ?9 WHERE id = ?1",
            params![
                id,
                f.title,
                f.category.code(),
                f.instructions,
                json(&f.items),
                f.device_id,
                f.staff_id,
                json(&f.schedule),
                now_stamp()
            ],
        )?;
        if n == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound(Record::Task))
        }
    }

    /// Pauses or resumes a task.
    pub fn set_task_paused(&mut self, id: i64, paused: bool) -> Result<(), StoreError> {
        self.set_task_flag(id, "paused", paused)
    }

    /// Archives a task (it leaves the lists; its history stays) or brings it back.
    pub fn set_task_archived(&mut self, id: i64, archived: bool) -> Result<(), StoreError> {
        self.set_task_flag(id, "archived", archived)
    }

    fn set_task_flag(&mut self, id: i64, column: &str, on: bool) -> Result<(), StoreError> {
        let sql = format!("UPDATE task SET {column} = ?2, updated_at = ?3 WHERE id = ?1");
        let n = self.conn.execute(&sql, params![id, on, now_stamp()])?;
        if n == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound(Record::Task))
        }
    }

    /// Notes who is on shift on `day` (asked again on another day; see [`on_shift`]).
    pub fn choose_on_shift(&mut self, staff_id: i64, day: NaiveDate) -> Result<(), StoreError> {
        self.put_setting(keys::CURRENT_STAFF, &ShiftChoice { staff_id, day }.code())
    }

    /// Records a completion (validated). The same task and due date a second time changes
    /// nothing (`already`). A problem outcome opens `incident` in the same transaction, on the
    /// device it names, which the completion's line in the history shows too (a check covering
    /// several terminals puts a problem on the one it was found on, not on the task's).
    pub fn complete(
        &mut self,
        c: &NewCompletion,
        incident: Option<&NewIncident>,
    ) -> Result<Recorded, StoreError> {
        self.write(|tx| {
            let recorded = insert_completion(tx, c, incident)?;
            Ok(recorded)
        })
    }

    /// The agenda of `today` for `tasks`, with the latest record of each task it was built from.
    /// Missed occurrences are recorded first (each once: a second call finds none), so a later
    /// completion can never hide them.
    ///
    /// `today` is the clock's. On a clock doubted ahead ([`crate::clock`]) nothing is recorded
    /// past the newest trustworthy day: a year ahead must not write a year of missed checks
    /// nobody can take back. The agenda is still the clock's day, for showing.
    pub fn catch_up(
        &mut self,
        tasks: &[Task],
        calendar: &ShopCalendar,
        today: NaiveDate,
    ) -> Result<(Agenda, HashMap<i64, Completion>), StoreError> {
        let latest = self.latest_records()?;
        let agenda = agenda::build(tasks, &occurrences(&latest), calendar, today);
        if agenda.missed.is_empty() {
            return Ok((agenda, latest));
        }
        let clock_now = today.and_time(chrono::Local::now().time());
        let trusted = self
            .judge_clock(&self.paths, clock_now)?
            .trusted_now(clock_now);
        let recordable = if trusted.date() < today {
            agenda::build(tasks, &occurrences(&latest), calendar, trusted.date())
        } else {
            agenda.clone()
        };
        if recordable.missed.is_empty() {
            return Ok((agenda, latest));
        }
        // Data restored from a backup knows nothing of the days between its newest record and
        // the restore: a check due then may well have been done (in the data replaced), so it is
        // not recorded as missed. Only the days from the restore on are.
        let restored_on = self
            .setting(super::keys::RESTORED_ON)?
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        for (task, dues) in &recordable.missed {
            let dues: Vec<NaiveDate> = dues
                .iter()
                .copied()
                .filter(|due| restored_on.is_none_or(|r| *due >= r))
                .collect();
            self.record_missed(*task, &dues, trusted)?;
        }
        let latest = self.latest_records()?;
        let agenda = agenda::build(tasks, &occurrences(&latest), calendar, today);
        Ok((agenda, latest))
    }

    /// The planner snapshot of `today` for the window: missed occurrences are recorded first
    /// (through [`Store::catch_up`]), so the agenda and the latest records include them.
    pub fn plan_snapshot_recording_missed(
        &mut self,
        today: NaiveDate,
    ) -> Result<PlanSnapshot, StoreError> {
        let tasks = self.tasks()?;
        let calendar = self.shop_calendar()?;
        let (agenda, latest) = self.catch_up(&tasks, &calendar, today)?;
        self.plan_records(today, tasks, calendar, agenda, latest)
    }

    /// Puts the occurrence of `task_id` due on `due` off to `until` (later than `due`), in place
    /// of any earlier postponement of the task. One already recorded (done, skipped, missed)
    /// is not put off: `Ok(false)`.
    pub fn postpone(
        &mut self,
        task_id: i64,
        due: NaiveDate,
        until: NaiveDate,
    ) -> Result<bool, StoreError> {
        if until <= due {
            return Err(StoreError::Other(format!(
                "a check due on {due} cannot be put off to {until}"
            )));
        }
        self.write(|tx| {
            let recorded: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM completion WHERE task_id = ?1 AND due = ?2)",
                params![task_id, date_text(due)],
                |r| r.get(0),
            )?;
            if recorded {
                return Ok(false);
            }
            tx.execute("DELETE FROM task_postponed WHERE task_id = ?1", [task_id])?;
            tx.execute(
                "INSERT INTO task_postponed (task_id, due, until, set_at) VALUES (?1, ?2, ?3, ?4)",
                params![task_id, date_text(due), date_text(until), now_stamp()],
            )?;
            Ok(true)
        })
    }

    /// Records each of `dues` as missed for `task_id`, once, noted as recorded `at`: dates
    /// already recorded are left alone.
    pub fn record_missed(
        &mut self,
        task_id: i64,
        dues: &[NaiveDate],
        at: chrono::NaiveDateTime,
    ) -> Result<usize, StoreError> {
        let now = super::stamp(at);
        self.write(|tx| {
            let mut added = 0;
            {
                let mut stmt = tx.prepare_cached(
                    "INSERT INTO completion (task_id, due, outcome, recorded_at) VALUES (?1, ?2, 'missed', ?3) \
                     ON CONFLICT (task_id, due) DO NOTHING",
                )?;
                // Read once for all its days: the devices do not change in between.
                let covered = covered_ids(tx, task_id)?;
                for due in dues {
                    let new = stmt.execute(params![task_id, date_text(*due), now])?;
                    if new == 1 {
                        file_under(tx, tx.last_insert_rowid(), &covered)?;
                    }
                    added += new;
                    // A missed occurrence cannot be ticked any more.
                    super::checklist::forget_draft(tx, task_id, *due)?;
                }
            }
            Ok(added)
        })
    }

    /// Adds (`id` = None) or updates a member of staff; returns the id.
    pub fn save_staff(&mut self, id: Option<i64>, s: &Staff) -> Result<i64, StoreError> {
        let now = now_stamp();
        let started = s.started_on.map(date_text);
        match id {
            None => {
                self.conn.execute(
                    "INSERT INTO staff (name, role, phone, started_on, active, created_at, updated_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                    params![s.name, s.role, s.phone, started, s.active, now],
                )?;
                Ok(self.conn.last_insert_rowid())
            }
            Some(id) => {
                let n = self.conn.execute(
                    "UPDATE staff SET name = ?2, role = ?3, phone = ?4, started_on = ?5, active = ?6, updated_at = ?7 \
                     WHERE id = ?1",
                    params![id, s.name, s.role, s.phone, started, s.active, now],
                )?;
                if n == 1 {
                    Ok(id)
                } else {
                    Err(StoreError::NotFound(Record::Person))
                }
            }
        }
    }

    /// Adds a training module; returns its id.
    pub fn add_training_module(
        &mut self,
        m: &TrainingModule,
        starter_key: Option<&str>,
    ) -> Result<i64, StoreError> {
        self.write(|tx| {
            let id = insert_module(tx, m, starter_key)?;
            Ok(id)
        })
    }

    /// Records that a person was trained in a module; returns the record's id.
    pub fn add_training_record(&mut self, r: &TrainingRecord) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO training_record (staff_id, module_id, on_date, trainer, note, recorded_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![r.staff_id, r.module_id, date_text(r.on), r.trainer, r.note, now_stamp()],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Adds the chosen starter tasks and modules, and the starter emergency plans not taken
    /// before (`plans`, empty when the merchant already answered that offer), in one transaction.
    pub fn apply_starter(
        &mut self,
        tasks: &[(String, TaskFields)],
        modules: &[(String, TrainingModule)],
        plans: &[(String, crate::emergency::PlanFields)],
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            if !plans.is_empty() {
                super::emergency::add_emergency_starter(tx, plans)?;
            }
            for (key, f) in tasks {
                insert_task(tx, f, Some(key))?;
            }
            for (key, m) in modules {
                insert_module(tx, m, Some(key))?;
            }
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, 'done') ON CONFLICT (key) DO UPDATE SET value = 'done'",
                [keys::STARTER_OFFERED],
            )?;
            Ok(())
        })
    }

    /// Stores the shop's opening days and holidays.
    pub fn set_shop_calendar(&mut self, calendar: &ShopCalendar) -> Result<(), StoreError> {
        self.set_setting(keys::SHOP_CALENDAR, &json(calendar))
    }
}

fn insert_task(
    tx: &rusqlite::Transaction<'_>,
    f: &TaskFields,
    starter_key: Option<&str>,
) -> Result<i64, StoreError> {
    tx.execute(
        "INSERT INTO task (title, category, instructions, items, device_id, staff_id, schedule, starter_key, \
         created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            f.title,
            f.category.code(),
            f.instructions,
            json(&f.items),
            f.device_id,
            f.staff_id,
            json(&f.schedule),
            starter_key,
            now_stamp()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn insert_module(
    tx: &rusqlite::Transaction<'_>,
    m: &TrainingModule,
    starter_key: Option<&str>,
) -> Result<i64, StoreError> {
    tx.execute(
        "INSERT INTO training_module (title, items, refresher_months, onboarding, starter_key, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![m.title, json(&m.items), m.refresher_months, m.onboarding, starter_key, now_stamp()],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Records {
    /// The planner snapshot of `today`, read without writing anything (missed occurrences are
    /// shown in the agenda but not recorded: only the window records them).
    pub fn plan_snapshot(&self, today: NaiveDate) -> Result<PlanSnapshot, StoreError> {
        let tasks = self.tasks()?;
        let calendar = self.shop_calendar()?;
        let latest = self.latest_records()?;
        let agenda = agenda::build(&tasks, &occurrences(&latest), &calendar, today);
        self.plan_records(today, tasks, calendar, agenda, latest)
    }

    /// Each task's occurrence put off, by task id (one at most: putting one off forgets any
    /// earlier). A row that cannot be read is named and left out.
    pub fn postponements(&self) -> Result<HashMap<i64, Postponed>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT rowid, task_id, due, until FROM task_postponed")?;
        let rows = stmt.query_map([], |r| tagged(r, read_postponed))?;
        Ok(self.readable("task_postponed", rows)?.into_iter().collect())
    }

    /// The rest of a snapshot around the agenda built by the caller; occurrences put off are
    /// shown on their new day ([`postpone::apply`]).
    fn plan_records(
        &self,
        today: NaiveDate,
        tasks: Vec<Task>,
        calendar: ShopCalendar,
        mut agenda: Agenda,
        latest: HashMap<i64, Completion>,
    ) -> Result<PlanSnapshot, StoreError> {
        let postponed = self.postponements()?;
        postpone::apply(&mut agenda, &postponed);
        let last_open_day = calendar.open_before(today);
        let missed_last_open_day = match last_open_day {
            Some(day) => self.missed_on(day)?,
            None => Vec::new(),
        };
        let missed_days_before = match last_open_day {
            Some(day) if !missed_last_open_day.is_empty() => self.missed_days(
                day - chrono::Days::new(MISSED_LOOKBACK_DAYS),
                day - chrono::Days::new(1),
            )?,
            _ => 0,
        };
        let staff = self.staff()?;
        let choice = self
            .setting(keys::CURRENT_STAFF)?
            .and_then(|v| ShiftChoice::from_code(&v));
        Ok(PlanRecords {
            today,
            tasks,
            latest,
            agenda,
            current_staff: on_shift(&staff, choice, today),
            staff,
            modules: self.training_modules()?,
            records: self.training_records()?,
            calendar,
            done_today: self.completions_on(today)?,
            missed_last_open_day,
            missed_days_before,
            starter_answered: self.setting(keys::STARTER_OFFERED)?.is_some(),
            drafts: self.checklist_drafts()?,
            postponed,
        }
        .into())
    }

    /// Every task (archived ones too), by category and title; starter content in the app's
    /// language until the merchant rewords it.
    pub fn tasks(&self) -> Result<Vec<Task>, StoreError> {
        let lang = self.language();
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {TASK_COLUMNS} FROM task"))?;
        let rows = stmt.query_map([], |r| tagged(r, |r| read_task(r, lang)))?;
        let mut tasks = self.readable("task", rows)?;
        // Sorted here, as the titles are the shown ones.
        fn key(t: &Task) -> (&str, &str, i64) {
            (t.fields.category.code(), &t.fields.title, t.id)
        }
        tasks.sort_by(|a, b| key(a).cmp(&key(b)));
        Ok(tasks)
    }

    /// The latest record (completion or missed) of every task, by due date: one step down the
    /// (task_id, due) index per task, so it stays fast with years of completions.
    pub fn latest_records(&self) -> Result<HashMap<i64, Completion>, StoreError> {
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached("SELECT id FROM task")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COMPLETION_COLUMNS} FROM completion WHERE task_id = ?1 ORDER BY due DESC"
        ))?;
        let mut out = HashMap::new();
        for id in ids {
            // The newest that reads: one that does not is named, and the one before it stands.
            let mut rows = stmt.query_map([id], |r| tagged(r, read_completion))?;
            let mut unreadable = Vec::new();
            let latest = loop {
                match rows.next().transpose()? {
                    None => break None,
                    Some(Ok(c)) => break Some(c),
                    Some(bad) => unreadable.push(Ok(bad)),
                }
            };
            drop(rows);
            self.readable("completion", unreadable.into_iter())?;
            if let Some(c) = latest {
                out.insert(id, c);
            }
        }
        Ok(out)
    }

    /// The latest occurrence of every task, for the schedule arithmetic.
    pub fn latest_occurrences(&self) -> Result<HashMap<i64, Occurrence>, StoreError> {
        Ok(occurrences(&self.latest_records()?))
    }

    /// The completions done on `day` (missed records have no day), oldest first.
    pub fn completions_on(&self, day: NaiveDate) -> Result<Vec<Completion>, StoreError> {
        let from = format!("{}T00:00:00", date_text(day));
        let to = format!("{}T00:00:00", date_text(day.succ_opt().unwrap_or(day)));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COMPLETION_COLUMNS} FROM completion WHERE done_at >= ?1 AND done_at < ?2 ORDER BY done_at, id"
        ))?;
        let rows = stmt.query_map([from, to], |r| tagged(r, read_completion))?;
        self.readable("completion", rows)
    }

    /// How many days from `from` to `to` (both included) have a check recorded as missed.
    pub fn missed_days(&self, from: NaiveDate, to: NaiveDate) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(DISTINCT due) FROM completion WHERE outcome = 'missed' AND due BETWEEN ?1 AND ?2",
            params![date_text(from), date_text(to)],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as usize)
    }

    /// The occurrences due on `day` recorded as missed, by task.
    pub fn missed_on(&self, day: NaiveDate) -> Result<Vec<Completion>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COMPLETION_COLUMNS} FROM completion WHERE due = ?1 AND outcome = 'missed' ORDER BY task_id"
        ))?;
        let rows = stmt.query_map([date_text(day)], |r| tagged(r, read_completion))?;
        self.readable("completion", rows)
    }

    /// A task's records, newest due first, at most `limit`.
    pub fn completions_of(
        &self,
        task_id: i64,
        limit: usize,
    ) -> Result<Vec<Completion>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COMPLETION_COLUMNS} FROM completion WHERE task_id = ?1 ORDER BY due DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![task_id, limit as i64], |r| {
            tagged(r, read_completion)
        })?;
        self.readable("completion", rows)
    }

    /// The staff list (former staff too), active first, by name.
    pub fn staff(&self) -> Result<Vec<Staff>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, role, phone, started_on, active, substr(created_at, 1, 10) FROM staff \
             ORDER BY active DESC, name, id",
        )?;
        let rows = stmt.query_map([], |r| {
            tagged(r, |r| {
                Ok(Staff {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                    phone: r.get(3)?,
                    started_on: date(r.get(4)?),
                    active: r.get(5)?,
                    added_on: date(r.get(6)?),
                })
            })
        })?;
        self.readable("staff", rows)
    }

    /// The training modules in use; starter content in the app's language until the merchant
    /// rewords it.
    pub fn training_modules(&self) -> Result<Vec<TrainingModule>, StoreError> {
        let lang = self.language();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, items, refresher_months, onboarding, starter_key FROM training_module WHERE archived = 0 ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            tagged(r, |r| {
                let items: String = r.get(2)?;
                let mut module = TrainingModule {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    items: serde_json::from_str(&items).unwrap_or_default(),
                    refresher_months: r.get(3)?,
                    onboarding: r.get(4)?,
                };
                if let Some(key) = r.get::<_, Option<String>>(5)? {
                    starter::localize_module(&key, &mut module, lang);
                }
                Ok(module)
            })
        })?;
        self.readable("training_module", rows)
    }

    /// Every training record, newest first.
    pub fn training_records(&self) -> Result<Vec<TrainingRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, staff_id, module_id, on_date, trainer, note FROM training_record ORDER BY on_date DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            tagged(r, |r| {
                Ok(TrainingRecord {
                    id: r.get(0)?,
                    staff_id: r.get(1)?,
                    module_id: r.get(2)?,
                    on: date(r.get(3)?).unwrap_or_default(),
                    trainer: r.get(4)?,
                    note: r.get(5)?,
                })
            })
        })?;
        self.readable("training_record", rows)
    }

    /// The shop's opening days and holidays.
    /// The shop's rest days and holidays; garbage in the setting falls back to "open every
    /// day", named as a problem rather than failing the plan.
    pub fn shop_calendar(&self) -> Result<ShopCalendar, StoreError> {
        let Some(text) = self.setting(keys::SHOP_CALENDAR)? else {
            return Ok(ShopCalendar::default());
        };
        Ok(serde_json::from_str(&text).unwrap_or_else(|e| {
            self.setting_unreadable(keys::SHOP_CALENDAR, e.to_string());
            ShopCalendar::default()
        }))
    }
}
