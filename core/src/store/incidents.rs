//! Incidents and their event trail; the merchant's notes on entries and their own entries.
//! Incidents are records: they are resolved or escalated, never deleted.

use rusqlite::{OptionalExtension, Row, params};

use super::problems::{tagged, unreadable};
use super::{Record, Records, Refusal, Store, StoreError, json, now_stamp, parse_stamp};
use crate::incident::{CheckFound, Incident, IncidentStatus, NewIncident, OwnEntryDraft};
use crate::knowledge::{Category, Retry};
use crate::planner::task::ItemResult;

/// An incident's columns, with the void of the record of its opening (`v`, from the history's
/// corrections) and the checklist it was opened from (`c` and `t`, for a planned check).
/// The incidents `i`, each with the correction `v` that voided the record of its opening, if any.
macro_rules! incidents_with_void {
    () => {
        "FROM incident i \
         LEFT JOIN history_correction v ON v.id = \
           (SELECT min(hc.id) FROM incident_event e \
            JOIN history h ON h.source = 'incident_event' AND h.source_id = e.id \
            JOIN history_correction hc ON hc.history_id = h.id AND hc.action = 'void' \
            WHERE e.incident_id = i.id AND e.action = 'opened')"
    };
}

const INCIDENT_SELECT: &str = concat!(
    "SELECT i.id, i.started_at, i.device_id, i.prompt, i.entry_id, \
     i.steps_done, i.note, i.status, i.resolution, i.escalated_to, i.closed_at, v.at, v.reason, \
     t.title, c.items, i.staff_id ",
    incidents_with_void!(),
    " LEFT JOIN completion c ON c.incident_id = i.id \
     LEFT JOIN task t ON t.id = c.task_id"
);

/// The ids of the incidents whose opening record was voided in the history, for `NOT IN (…)`:
/// read from the corrections (few) outwards, never once per incident.
pub(super) const VOIDED_INCIDENTS: &str = "SELECT e.incident_id FROM history_correction hc \
     CROSS JOIN history h CROSS JOIN incident_event e \
     WHERE hc.action = 'void' AND h.id = hc.history_id AND h.source = 'incident_event' \
       AND e.id = h.source_id AND e.action = 'opened'";

/// The incidents as the figures count them: `incident`'s `id`, `started_at`, `entry_id` and
/// `prompt`, and the device a correction of the opening record moved it to (the latest that names
/// one), else the one it was filed against. Corrections that move are few: they are grouped once
/// and joined, so the range on `started_at` still narrows the incidents first.
pub(super) const INCIDENTS_WHERE_CORRECTED: &str = "(SELECT i.id, i.started_at, i.entry_id,      i.prompt, coalesce(m.device_id, i.device_id) AS device_id FROM incident i LEFT JOIN (        SELECT e.incident_id, hc.device_id, max(hc.id) FROM history_correction hc        CROSS JOIN history h CROSS JOIN incident_event e        WHERE hc.device_id IS NOT NULL AND h.id = hc.history_id          AND h.source = 'incident_event' AND e.id = h.source_id AND e.action = 'opened'        GROUP BY e.incident_id) m ON m.incident_id = i.id)";

/// Whether an incident is open: its status, and the record of its opening not voided.
const OPEN: &str = "i.status = 'open' AND v.id IS NULL";

/// The incidents with the correction that voided each, if any (`v`), for [`OPEN`].
pub(super) const INCIDENTS_WITH_VOID: &str = incidents_with_void!();

fn read_incident(row: &Row<'_>) -> rusqlite::Result<Incident> {
    let steps: String = row.get(5)?;
    let status: String = row.get(7)?;
    let closed: Option<String> = row.get(10)?;
    let voided_at: Option<String> = row.get(11)?;
    // A status the app does not know, or a start that is no time, is a record that breaks a
    // rule (written by another program or by hand): left out and named, never shown as an open
    // incident of 1970.
    let Some(known) = IncidentStatus::from_code(&status) else {
        return Err(unreadable(7, format!("status {status:?}")));
    };
    let started: String = row.get(1)?;
    let Some(started_at) = parse_stamp(&started) else {
        return Err(unreadable(1, format!("started_at {started:?}")));
    };
    let status = match voided_at {
        Some(_) => IncidentStatus::Voided,
        None => known,
    };
    let check = match row.get::<_, Option<String>>(13)? {
        Some(task) => Some(check_found(task, &row.get::<_, String>(14)?)),
        None => None,
    };
    Ok(Incident {
        id: row.get(0)?,
        started_at,
        device_id: row.get(2)?,
        prompt: row.get(3)?,
        entry_id: row.get(4)?,
        steps_done: serde_json::from_str(&steps).unwrap_or_default(),
        note: row.get(6)?,
        status,
        resolution: row.get(8)?,
        escalated_to: row.get(9)?,
        closed_at: voided_at.or(closed).as_deref().and_then(parse_stamp),
        void_reason: row.get::<_, Option<String>>(12)?.unwrap_or_default(),
        check,
        staff_id: row.get(15)?,
    })
}

/// The problem a check found: the task and the items of its stored checklist marked as a
/// problem (a list that cannot be read names none).
fn check_found(task: String, items: &str) -> CheckFound {
    let items: Vec<ItemResult> = serde_json::from_str(items).unwrap_or_default();
    CheckFound {
        task,
        problems: items
            .into_iter()
            .filter(|i| i.problem)
            .map(|i| i.item)
            .collect(),
    }
}

/// Inserts an incident and its "opened" event inside `tx`; `source` is `lookup` or `planner`.
pub(super) fn insert_incident(
    tx: &rusqlite::Transaction<'_>,
    new: &NewIncident,
    source: &str,
) -> Result<i64, StoreError> {
    let now = now_stamp();
    tx.execute(
        "INSERT INTO incident (started_at, device_id, prompt, entry_id, steps_done, note, source, updated_at, staff_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?1, ?8)",
        params![now, new.device_id, new.prompt, new.entry_id, json(&new.steps_done), new.note, source, new.staff_id],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO incident_event (incident_id, at, action, detail) VALUES (?1, ?2, 'opened', ?3)",
        params![id, now, new.prompt],
    )?;
    Ok(id)
}

impl Store {
    /// Records a new incident (validated by [`NewIncident::validate`]); returns its id.
    pub fn add_incident(&mut self, new: &NewIncident) -> Result<i64, StoreError> {
        self.write(|tx| {
            let id = insert_incident(tx, new, "lookup")?;
            Ok(id)
        })
    }

    /// Records an incident that needs nothing more from the shop (a customer's card or account
    /// refused it: the customer pays another way), resolved with `resolution` in the same
    /// transaction: it is counted and kept in the history, never left "open" for Today to
    /// nag about (a shop owner's "17 unresolved faults" were customers' declines).
    pub fn add_incident_settled(
        &mut self,
        new: &NewIncident,
        resolution: &str,
    ) -> Result<i64, StoreError> {
        let now = now_stamp();
        self.write(|tx| {
            let id = insert_incident(tx, new, "lookup")?;
            resolve_in(tx, id, resolution, &now)?;
            Ok(id)
        })
    }

    /// Updates the steps ticked and the note of an incident.
    pub fn update_incident_progress(
        &mut self,
        id: i64,
        steps_done: &[String],
        note: &str,
    ) -> Result<(), StoreError> {
        let now = now_stamp();
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE incident SET steps_done = ?2, note = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, json(&steps_done), note, now],
            )?;
            if n != 1 {
                return Err(StoreError::NotFound(Record::Incident));
            }
            tx.execute(
                "INSERT INTO incident_event (incident_id, at, action, detail) VALUES (?1, ?2, 'steps', ?3)",
                params![id, now, json(&steps_done)],
            )?;
            Ok(())
        })
    }

    /// Sets an incident's note (typed after it was recorded), recorded in its events and the
    /// history as a note, not as steps taken.
    pub fn set_incident_note(&mut self, id: i64, note: &str) -> Result<(), StoreError> {
        let now = now_stamp();
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE incident SET note = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, note, now],
            )?;
            if n != 1 {
                return Err(StoreError::NotFound(Record::Incident));
            }
            tx.execute(
                "INSERT INTO incident_event (incident_id, at, action, detail) VALUES (?1, ?2, 'note', ?3)",
                params![id, now, note],
            )?;
            Ok(())
        })
    }

    /// Resolves (with what fixed it) or escalates (to whom) an incident, or reopens it
    /// (`IncidentStatus::Open`, with a reason).
    pub fn close_incident(
        &mut self,
        id: i64,
        status: IncidentStatus,
        text: &str,
    ) -> Result<(), StoreError> {
        let now = now_stamp();
        self.write(|tx| {
            match tx
                .query_row(&format!("{INCIDENT_SELECT} WHERE i.id = ?1"), [id], read_incident)
                .optional()?
            {
                None => return Err(StoreError::NotFound(Record::Incident)),
                Some(i) if i.status == IncidentStatus::Voided => {
                    return Err(StoreError::Refused(Refusal::IncidentVoided));
                }
                Some(_) => {}
            }
            let (changed, action) = match status {
                IncidentStatus::Resolved => (resolve_in(tx, id, text, &now)?, "resolved"),
                IncidentStatus::Escalated => (
                    tx.execute(
                        "UPDATE incident SET status = 'escalated', escalated_to = ?2, closed_at = ?3, updated_at = ?3 \
                         WHERE id = ?1",
                        params![id, text, now],
                    )?,
                    "escalated",
                ),
                IncidentStatus::Open => (
                    tx.execute(
                        "UPDATE incident SET status = 'open', closed_at = NULL, updated_at = ?2 WHERE id = ?1",
                        params![id, now],
                    )?,
                    "reopened",
                ),
                // Voided in the history, never by a status change.
                IncidentStatus::Voided => return Err(StoreError::Refused(Refusal::IncidentVoided)),
            };
            if changed != 1 {
                return Err(StoreError::NotFound(Record::Incident));
            }
            // (`resolve_in` records its own.)
            if action != "resolved" {
                tx.execute(
                    "INSERT INTO incident_event (incident_id, at, action, detail) VALUES (?1, ?2, ?3, ?4)",
                    params![id, now, action, text],
                )?;
            }
            Ok(())
        })
    }

    /// Stores (or, with an empty note, clears) the merchant's note on an entry.
    pub fn set_entry_note(&mut self, entry_id: &str, note: &str) -> Result<(), StoreError> {
        if note.trim().is_empty() {
            self.conn
                .execute("DELETE FROM entry_note WHERE entry_id = ?1", [entry_id])?;
        } else {
            self.conn.execute(
                "INSERT INTO entry_note (entry_id, note, updated_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (entry_id) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at",
                params![entry_id, note.trim(), now_stamp()],
            )?;
        }
        Ok(())
    }

    /// Adds one of the merchant's own entries (validated); returns its id.
    pub fn add_own_entry(&mut self, d: &OwnEntryDraft) -> Result<i64, StoreError> {
        let now = now_stamp();
        self.conn.execute(
            "INSERT INTO own_entry (screen, code, title, meaning, steps, category, retry, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                d.screen,
                d.code,
                d.title,
                d.meaning,
                d.steps,
                d.category.map(|c| c.code()),
                d.retry.map(|r| r.code()),
                now
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }
}

impl Records {
    /// One incident.
    pub fn incident(&self, id: i64) -> Result<Option<Incident>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{INCIDENT_SELECT} WHERE i.id = ?1"))?;
        Ok(stmt.query_row([id], read_incident).optional()?)
    }

    /// Every open incident (newest first), then the newest closed ones (resolved, escalated or
    /// voided), `limit` in all. Both parts read an index, so this stays fast with years of
    /// records.
    pub fn recent_incidents(&self, limit: usize) -> Result<Vec<Incident>, StoreError> {
        let mut out = Vec::new();
        for part in [OPEN.to_owned(), format!("NOT ({OPEN})")] {
            let left = limit.saturating_sub(out.len());
            let mut stmt = self.conn.prepare_cached(&format!(
                "{INCIDENT_SELECT} WHERE {part} ORDER BY i.started_at DESC, i.id DESC LIMIT ?1"
            ))?;
            let rows = stmt.query_map([left as i64], |r| tagged(r, read_incident))?;
            out.extend(self.readable("incident", rows)?);
        }
        Ok(out)
    }

    /// How many incidents are open: all of them, however many [`Records::recent_incidents`]
    /// lists.
    pub fn open_incident_count(&self) -> Result<usize, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT count(*) {} WHERE {OPEN}",
            incidents_with_void!()
        ))?;
        let n: i64 = stmt.query_row([], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// An incident's trail, oldest first: (when, action, detail).
    pub fn incident_events(&self, id: i64) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, action, detail FROM incident_event WHERE incident_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The merchant's note on an entry.
    pub fn entry_note(&self, entry_id: &str) -> Result<Option<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT note FROM entry_note WHERE entry_id = ?1")?;
        Ok(stmt.query_row([entry_id], |r| r.get(0)).optional()?)
    }

    /// Every note, as (entry id, note).
    pub fn entry_notes(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT entry_id, note FROM entry_note ORDER BY entry_id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The merchant's own entries, as (id, draft), oldest first.
    pub fn own_entries(&self) -> Result<Vec<(i64, OwnEntryDraft)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, screen, code, title, meaning, steps, category, retry FROM own_entry ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            let category: Option<String> = r.get(6)?;
            let retry: Option<String> = r.get(7)?;
            Ok((
                r.get(0)?,
                OwnEntryDraft {
                    screen: r.get(1)?,
                    code: r.get(2)?,
                    title: r.get(3)?,
                    meaning: r.get(4)?,
                    steps: r.get(5)?,
                    category: category.as_deref().and_then(Category::from_code),
                    retry: retry.as_deref().and_then(Retry::from_code),
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// Marks incident `id` resolved with `text` (what fixed it) at `now`, and records the event;
/// the rows changed (1, or 0 when there is no such incident).
pub(super) fn resolve_in(
    tx: &rusqlite::Transaction<'_>,
    id: i64,
    text: &str,
    now: &str,
) -> rusqlite::Result<usize> {
    let changed = tx.execute(
        "UPDATE incident SET status = 'resolved', resolution = ?2, closed_at = ?3, updated_at = ?3 \
         WHERE id = ?1",
        params![id, text, now],
    )?;
    if changed == 1 {
        tx.execute(
            "INSERT INTO incident_event (incident_id, at, action, detail) VALUES (?1, ?2, 'resolved', ?3)",
            params![id, now, text],
        )?;
    }
    Ok(changed)
}
