//! Emergency plans, contacts and outages in the database. Nothing here deletes: plans and
//! contacts are archived, outages are records.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Row, params};

use super::problems::tagged;
use super::{
    Record, Recorded, Records, Refusal, Store, StoreError, json, now_stamp, parse_stamp, stamp,
};
use crate::emergency::outage::check_end;
use crate::emergency::{
    Contact, ContactFields, ContactRole, NewOutage, Outage, OutageEnd, Plan, PlanFields,
    RunningOutage, StepTick,
};
use crate::i18n::Lang;
use crate::planner::NewCompletion;

const PLAN_COLUMNS: &str = "id, title, situation, steps, fallbacks, archived, starter_key";
const CONTACT_COLUMNS: &str = "id, role, name, phone, note, archived";
const OUTAGE_COLUMNS: &str =
    "id, plan_id, device_id, staff_id, drill, started_at, ended_at, steps_done, lost, fix, note";

/// A plan row, starter content shown in `lang` ([`crate::emergency::starter::localize`]).
fn read_plan(row: &Row<'_>, lang: Lang, terminals: usize) -> rusqlite::Result<Plan> {
    let steps: String = row.get(3)?;
    let fallbacks: String = row.get(4)?;
    let mut fields = PlanFields {
        title: row.get(1)?,
        situation: row.get(2)?,
        steps: serde_json::from_str(&steps).unwrap_or_default(),
        fallbacks: serde_json::from_str(&fallbacks).unwrap_or_default(),
    };
    let starter_key: Option<String> = row.get(6)?;
    if let Some(key) = &starter_key {
        crate::emergency::starter::localize(key, &mut fields, lang, terminals);
    }
    Ok(Plan {
        id: row.get(0)?,
        fields,
        archived: row.get::<_, i64>(5)? != 0,
        starter_key,
    })
}

fn read_contact(row: &Row<'_>) -> rusqlite::Result<Contact> {
    let role: String = row.get(1)?;
    Ok(Contact {
        id: row.get(0)?,
        fields: ContactFields {
            role: ContactRole::from_code(&role).unwrap_or(ContactRole::Other),
            name: row.get(2)?,
            phone: row.get(3)?,
            note: row.get(4)?,
        },
        archived: row.get::<_, i64>(5)? != 0,
    })
}

fn read_outage(row: &Row<'_>) -> rusqlite::Result<Outage> {
    let ended: Option<String> = row.get(6)?;
    let ticks: String = row.get(7)?;
    Ok(Outage {
        id: row.get(0)?,
        plan_id: row.get(1)?,
        device_id: row.get(2)?,
        staff_id: row.get(3)?,
        drill: row.get::<_, i64>(4)? != 0,
        started_at: parse_stamp(&row.get::<_, String>(5)?).unwrap_or_default(),
        ended_at: ended.as_deref().and_then(parse_stamp),
        ticks: serde_json::from_str(&ticks).unwrap_or_default(),
        lost: row.get(8)?,
        fix: row.get(9)?,
        note: row.get(10)?,
    })
}

fn insert_plan(
    tx: &rusqlite::Transaction<'_>,
    f: &PlanFields,
    starter_key: Option<&str>,
) -> Result<i64, StoreError> {
    let now = now_stamp();
    tx.execute(
        "INSERT INTO emergency_plan (title, situation, steps, fallbacks, starter_key, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![f.title, f.situation, json(&f.steps), json(&f.fallbacks), starter_key, now],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Fails unless one row was changed (the record exists).
fn one_row(changed: usize, what: Record) -> Result<(), StoreError> {
    if changed == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound(what))
    }
}

impl Store {
    /// Adds a plan (validated); returns its id.
    pub fn add_emergency_plan(&mut self, f: &PlanFields) -> Result<i64, StoreError> {
        self.write(|tx| {
            let id = insert_plan(tx, f, None)?;
            Ok(id)
        })
    }

    /// Replaces a plan's fields.
    pub fn update_emergency_plan(&mut self, id: i64, f: &PlanFields) -> Result<(), StoreError> {
        let changed = self.conn.execute(
            "UPDATE emergency_plan SET title = ?2, situation = ?3, steps = ?4, fallbacks = ?5, updated_at = ?6 \
             WHERE id = ?1",
            params![id, f.title, f.situation, json(&f.steps), json(&f.fallbacks), now_stamp()],
        )?;
        one_row(changed, Record::Plan)
    }

    /// Archives a plan (its runs stay) or brings it back.
    pub fn set_emergency_plan_archived(
        &mut self,
        id: i64,
        archived: bool,
    ) -> Result<(), StoreError> {
        let changed = self.conn.execute(
            "UPDATE emergency_plan SET archived = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, archived as i64, now_stamp()],
        )?;
        one_row(changed, Record::Plan)
    }

    /// Adds the starter plans (key, fields) not taken before, and notes that the starter set was
    /// answered, in one transaction. Returns how many were added.
    pub fn apply_emergency_starter(
        &mut self,
        plans: &[(String, PlanFields)],
    ) -> Result<usize, StoreError> {
        self.write(|tx| add_emergency_starter(tx, plans))
    }

    /// Adds a contact (validated); returns its id.
    pub fn add_contact(&mut self, f: &ContactFields) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO contact (role, name, phone, note, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![f.role.code(), f.name, f.phone, f.note, now_stamp()],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Replaces a contact's fields.
    pub fn update_contact(&mut self, id: i64, f: &ContactFields) -> Result<(), StoreError> {
        let changed = self.conn.execute(
            "UPDATE contact SET role = ?2, name = ?3, phone = ?4, note = ?5, updated_at = ?6 WHERE id = ?1",
            params![id, f.role.code(), f.name, f.phone, f.note, now_stamp()],
        )?;
        one_row(changed, Record::Contact)
    }

    /// Archives a contact or brings it back.
    pub fn set_contact_archived(&mut self, id: i64, archived: bool) -> Result<(), StoreError> {
        let changed = self.conn.execute(
            "UPDATE contact SET archived = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, archived as i64, now_stamp()],
        )?;
        one_row(changed, Record::Contact)
    }

    /// Starts an outage at `at`; returns its id.
    pub fn start_outage(&mut self, new: &NewOutage, at: NaiveDateTime) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO outage (plan_id, device_id, staff_id, drill, started_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                new.plan_id,
                new.device_id,
                new.staff_id,
                new.drill as i64,
                stamp(at),
                now_stamp()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Reads a running outage inside `tx`, refusing an ended or unknown one.
    fn running_in(tx: &rusqlite::Transaction<'_>, id: i64) -> Result<Outage, StoreError> {
        let outage = tx
            .query_row(
                &format!("SELECT {OUTAGE_COLUMNS} FROM outage WHERE id = ?1"),
                [id],
                read_outage,
            )
            .optional()?
            .ok_or(StoreError::NotFound(Record::Outage))?;
        if !outage.running() {
            return Err(StoreError::Refused(Refusal::OutageEnded));
        }
        Ok(outage)
    }

    /// Sets the terminal of a running outage.
    pub fn set_outage_device(&mut self, id: i64, device: Option<i64>) -> Result<(), StoreError> {
        self.write(|tx| {
            Self::running_in(tx, id)?;
            tx.execute(
                "UPDATE outage SET device_id = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, device, now_stamp()],
            )?;
            Ok(())
        })
    }

    /// Records that `step` was ticked (`done`) or unticked at `at`, or at the outage's start if
    /// `at` is before it (a clock put back: a step "done" before the outage began, where its
    /// end is refused for that).
    pub fn tick_outage_step(
        &mut self,
        id: i64,
        step: &str,
        done: bool,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let outage = Self::running_in(tx, id)?;
            let mut ticks = outage.ticks;
            ticks.push(StepTick {
                step: step.to_owned(),
                at: stamp(at.max(outage.started_at)),
                done,
            });
            tx.execute(
                "UPDATE outage SET steps_done = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, json(&ticks), now_stamp()],
            )?;
            Ok(())
        })
    }

    /// Ends a running outage at `at` (not before its start) with what was lost and what fixed it
    /// (validated). For a drill, `drill_task` records the planner's drill occurrence in the same
    /// transaction; what it recorded is returned.
    pub fn end_outage(
        &mut self,
        id: i64,
        end: &OutageEnd,
        at: NaiveDateTime,
        drill_task: Option<&NewCompletion>,
    ) -> Result<Option<Recorded>, StoreError> {
        self.write(|tx| {
            let outage = Self::running_in(tx, id)?;
            if check_end(outage.started_at, at).is_err() {
                return Err(StoreError::Refused(Refusal::EndBeforeStart));
            }
            tx.execute(
                "UPDATE outage SET ended_at = ?2, lost = ?3, fix = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, stamp(at), end.lost, end.fix, now_stamp()],
            )?;
            let recorded = drill_task
                .map(|c| super::planner::insert_completion(tx, c, None))
                .transpose()?;
            Ok(recorded)
        })
    }
}

impl Records {
    /// Every emergency plan, archived ones too, in the order they were added; starter content in
    /// the app's language until the merchant rewords it, and for the card terminals the
    /// registry holds in use.
    pub fn emergency_plans(&self) -> Result<Vec<Plan>, StoreError> {
        let lang = self.language();
        let terminals: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM device WHERE kind = 'terminal' AND retired_on IS NULL",
            [],
            |r| r.get(0),
        )?;
        let terminals = usize::try_from(terminals).unwrap_or(0);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PLAN_COLUMNS} FROM emergency_plan ORDER BY id"
        ))?;
        let rows = stmt.query_map([], |r| tagged(r, |r| read_plan(r, lang, terminals)))?;
        self.readable("emergency_plan", rows)
    }

    /// Every contact, archived ones too, by role then name.
    pub fn contacts(&self) -> Result<Vec<Contact>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contact ORDER BY archived, \
             CASE role WHEN 'acquirer' THEN 0 WHEN 'bank' THEN 1 WHEN 'technician' THEN 2 \
             WHEN 'internet' THEN 3 WHEN 'power' THEN 4 ELSE 5 END, name, id"
        ))?;
        let rows = stmt.query_map([], |r| tagged(r, read_contact))?;
        self.readable("contact", rows)
    }

    /// One outage.
    pub fn outage(&self, id: i64) -> Result<Option<Outage>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {OUTAGE_COLUMNS} FROM outage WHERE id = ?1"
        ))?;
        Ok(stmt.query_row([id], read_outage).optional()?)
    }

    /// The latest outage still running, if any (it survives a restart).
    pub fn running_outage(&self) -> Result<Option<Outage>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {OUTAGE_COLUMNS} FROM outage WHERE ended_at IS NULL ORDER BY started_at DESC, id DESC LIMIT 1"
        ))?;
        Ok(stmt.query_row([], read_outage).optional()?)
    }

    /// The latest outage still running, with its plan's title.
    pub fn running_outage_named(&self) -> Result<Option<RunningOutage>, StoreError> {
        let Some(outage) = self.running_outage()? else {
            return Ok(None);
        };
        let plan = match outage.plan_id {
            Some(id) => self
                .emergency_plans()?
                .into_iter()
                .find(|p| p.id == id)
                .map(|p| p.fields.title)
                .unwrap_or_default(),
            None => String::new(),
        };
        Ok(Some(RunningOutage {
            id: outage.id,
            plan,
            started_at: outage.started_at,
            drill: outage.drill,
        }))
    }

    /// The latest `limit` outages, newest first, running ones too.
    pub fn recent_outages(&self, limit: usize) -> Result<Vec<Outage>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {OUTAGE_COLUMNS} FROM outage ORDER BY started_at DESC, id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit as i64], |r| tagged(r, read_outage))?;
        self.readable("outage", rows)
    }
}

/// Adds the starter plans (key, fields) not taken before and notes that the starter set was
/// answered, inside `tx`; returns how many were added.
pub(super) fn add_emergency_starter(
    tx: &rusqlite::Transaction<'_>,
    plans: &[(String, PlanFields)],
) -> Result<usize, StoreError> {
    let mut added = 0;
    for (key, fields) in plans {
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM emergency_plan WHERE starter_key = ?1)",
            [key],
            |r| r.get(0),
        )?;
        if !taken {
            insert_plan(tx, fields, Some(key))?;
            added += 1;
        }
    }
    tx.execute(
        "INSERT INTO setting (key, value) VALUES (?1, 'done') \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [super::keys::EMERGENCY_STARTER],
    )?;
    Ok(added)
}
