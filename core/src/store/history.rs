//! The history timeline in the database: ids matching a filter, rows by id, an entry's details,
//! corrections (amend/void, the original kept), and the month's checklist marks. The `history`
//! table itself is filled by triggers (schema v5, `migrations/v5.sql`).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

use super::{Record, Records, Refusal, Store, StoreError, keys, now_stamp};
use crate::history::{
    Amendment, ChecklistMark, Correction, CorrectionAction, Entry, EntryDetail, Filter, Kind,
    SourceFact,
};
use crate::i18n::T;

/// The latest correction of entry `h` that moved it to a device (a scalar subquery).
const MOVED_BY: &str = "(SELECT max(id) FROM history_correction \
     WHERE history_id = h.id AND device_id IS NOT NULL)";

/// The columns of an entry: the device it belongs to now (a correction may have moved it) and
/// the person by their names, the latest correction, and the device it was filed against when
/// it was moved. An outage's start says nothing of how it ended: that is its end's (the start
/// of a drill showed the findings written when it ended, as if known before it began).
fn entry_select() -> String {
    let (d, cd, od, also) = (
        shown_name("d"),
        shown_name("cd"),
        shown_name("od"),
        also_devices(),
    );
    format!(
        "SELECT h.id, h.at, h.kind, h.action, COALESCE(m.device_id, h.device_id), \
         COALESCE({d}, ''), h.staff_id, COALESCE(s.name, ''), h.subject, \
         CASE WHEN h.source = 'outage' AND h.action = 'started' THEN '' ELSE h.detail END, h.source, \
         h.source_id, c.action, c.text, c.reason, c.at, c.device_id, COALESCE({cd}, ''), \
         CASE WHEN m.id IS NOT NULL AND m.device_id IS NOT h.device_id THEN COALESCE({od}, '') END, \
         {also} \
         FROM history h \
         LEFT JOIN history_correction m ON m.id = {MOVED_BY} \
         LEFT JOIN device d ON d.id = COALESCE(m.device_id, h.device_id) \
         LEFT JOIN device od ON od.id = h.device_id \
         LEFT JOIN staff s ON s.id = h.staff_id \
         LEFT JOIN history_correction c ON c.id = \
           (SELECT max(id) FROM history_correction WHERE history_id = h.id) \
         LEFT JOIN device cd ON cd.id = c.device_id"
    )
}

/// The other devices a check covered (see `planner::covers`), as "id<US>name" joined by <RS>, in
/// the registry's order; none once a correction moved the entry to one device.
fn also_devices() -> String {
    let ad = shown_name("ad");
    format!(
        "(SELECT group_concat(x, char(30)) FROM \
         (SELECT ad.id || char(31) || {ad} AS x FROM history_device hd \
          JOIN device ad ON ad.id = hd.device_id \
          WHERE hd.history_id = h.id AND hd.device_id IS NOT h.device_id AND m.id IS NULL \
          ORDER BY ad.retired_on IS NOT NULL, ad.name, ad.id))"
    )
}

/// The name the device row `alias` is shown by in the history and its exports: its name, and
/// when another device has the same name, what tells them apart, as [`crate::device::choice_name`]
/// does in the window (a tester's history, CSV and report said "Till" for two tills).
fn shown_name(alias: &str) -> String {
    format!(
        "CASE WHEN EXISTS (SELECT 1 FROM device twin WHERE twin.id <> {alias}.id \
           AND lower(trim(twin.name)) = lower(trim({alias}.name))) \
         THEN trim({alias}.name) || ' · ' || CASE WHEN trim({alias}.terminal_id) <> '' \
           THEN trim({alias}.terminal_id) WHEN trim({alias}.serial) <> '' THEN trim({alias}.serial) \
           ELSE '#' || {alias}.id END \
         ELSE {alias}.name END"
    )
}

/// The devices of [`also_devices`]'s column.
fn read_also(text: Option<String>) -> Vec<(i64, String)> {
    text.unwrap_or_default()
        .split('\u{1e}')
        .filter_map(|pair| {
            let (id, name) = pair.split_once('\u{1f}')?;
            Some((id.parse().ok()?, name.to_owned()))
        })
        .collect()
}

/// A text column as text, whatever another program wrote there: bytes that are no UTF-8 (one
/// bad note must not hide the whole timeline, nor stop an export) read with the replacement
/// character, a number as its digits; `None` for NULL.
fn text_or_none(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<String>> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Null => None,
        ValueRef::Text(b) | ValueRef::Blob(b) => Some(String::from_utf8_lossy(b).into_owned()),
        ValueRef::Integer(n) => Some(n.to_string()),
        ValueRef::Real(x) => Some(x.to_string()),
    })
}

/// [`text_or_none`], with NULL as "".
fn text(r: &Row<'_>, i: usize) -> rusqlite::Result<String> {
    Ok(text_or_none(r, i)?.unwrap_or_default())
}

/// A correction from its six columns (action, text, reason, at, device id, device name),
/// starting at column `first`.
fn read_correction(r: &Row<'_>, first: usize) -> rusqlite::Result<Correction> {
    let action = text(r, first)?;
    Ok(Correction {
        action: CorrectionAction::from_code(&action).unwrap_or(CorrectionAction::Amend),
        text: text(r, first + 1)?,
        reason: text(r, first + 2)?,
        at: text(r, first + 3)?,
        device_id: r.get(first + 4)?,
        device: text(r, first + 5)?,
    })
}

fn read_entry(r: &Row<'_>) -> rusqlite::Result<Entry> {
    let kind = text(r, 2)?;
    Ok(Entry {
        id: r.get(0)?,
        at: text(r, 1)?,
        kind: Kind::from_code(&kind).unwrap_or(Kind::Device),
        action: text(r, 3)?,
        device_id: r.get(4)?,
        device: text(r, 5)?,
        moved_from: text_or_none(r, 18)?,
        also: read_also(text_or_none(r, 19)?),
        staff_id: r.get(6)?,
        staff: text(r, 7)?,
        subject: text(r, 8)?,
        detail: text(r, 9)?,
        source: text(r, 10)?,
        source_id: r.get(11)?,
        correction: match text_or_none(r, 12)? {
            Some(_) => Some(read_correction(r, 12)?),
            None => None,
        },
    })
}

/// The condition that an entry's device, the one a correction moved it to or else the one it was
/// filed against, is `target` ("= ?1", "IN (…)").
fn device_is(target: &str) -> String {
    format!(
        "(((device_id {target} \
              OR id IN (SELECT history_id FROM history_device WHERE device_id {target})) \
            AND id NOT IN \
             (SELECT history_id FROM history_correction WHERE device_id IS NOT NULL)) \
          OR id IN (SELECT c.history_id FROM history_correction c WHERE c.device_id {target} \
             AND c.id = (SELECT max(id) FROM history_correction \
                         WHERE history_id = c.history_id AND device_id IS NOT NULL)))"
    )
}

/// The WHERE clause and parameters of a filter.
fn filter_sql(f: &Filter) -> (String, Vec<Value>) {
    let mut sql = String::from(" WHERE 1");
    let mut args: Vec<Value> = Vec::new();
    let (from, to) = f.at_bounds();
    if let Some(from) = from {
        args.push(Value::Text(from));
        sql.push_str(&format!(" AND at >= ?{}", args.len()));
    }
    if let Some(to) = to {
        args.push(Value::Text(to));
        sql.push_str(&format!(" AND at < ?{}", args.len()));
    }
    if let Some(device) = f.device {
        args.push(Value::Integer(device));
        sql.push_str(&format!(
            " AND {}",
            device_is(&format!("= ?{}", args.len()))
        ));
    }
    if let Some(staff) = f.staff {
        args.push(Value::Integer(staff));
        sql.push_str(&format!(" AND staff_id = ?{}", args.len()));
    }
    if !f.kinds.is_empty() {
        let list: Vec<String> = f.kinds.iter().map(|k| format!("'{}'", k.code())).collect();
        sql.push_str(&format!(" AND kind IN ({})", list.join(",")));
    }
    let needle = f.needle();
    if !needle.is_empty() {
        args.push(Value::Text(needle));
        let n = args.len();
        sql.push_str(&format!(
            " AND (instr(search, ?{n}) > 0 \
               OR {} \
               OR staff_id IN (SELECT id FROM staff WHERE instr(lower(name), ?{n}) > 0) \
               OR id IN (SELECT history_id FROM history_correction WHERE instr(lower(text), ?{n}) > 0))",
            device_is(&format!(
                "IN (SELECT id FROM device WHERE instr(lower(name), ?{n}) > 0)"
            ))
        ));
    }
    (sql, args)
}

impl Store {
    /// Amends an entry's text, and perhaps the device it belongs to, with a reason (the
    /// original row is kept unchanged).
    pub fn amend_history(
        &mut self,
        id: i64,
        amendment: &Amendment,
        reason: &str,
    ) -> Result<(), StoreError> {
        let Amendment { text, device_id } = amendment;
        self.correct_history(id, CorrectionAction::Amend, (text, *device_id), reason)
    }

    /// Voids an entry with a reason (it stays, marked void). Voiding the record of an
    /// incident's opening voids the incident: it is no longer open (see `recent_incidents`).
    pub fn void_history(&mut self, id: i64, reason: &str) -> Result<(), StoreError> {
        self.correct_history(id, CorrectionAction::Void, ("", None), reason)
    }

    fn correct_history(
        &mut self,
        id: i64,
        action: CorrectionAction,
        (text, device): (&str, Option<i64>),
        reason: &str,
    ) -> Result<(), StoreError> {
        if reason.trim().is_empty() {
            return Err(StoreError::Refused(Refusal::ReasonRequired));
        }
        self.write(|tx| {
            let voided: Option<bool> = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM history_correction WHERE history_id = h.id AND action = 'void') \
                     FROM history h WHERE h.id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            match voided {
                None => return Err(StoreError::NotFound(Record::HistoryEntry)),
                Some(true) => return Err(StoreError::Refused(Refusal::AlreadyVoid)),
                Some(false) => {}
            }
            if let Some(device) = device {
                let known: Option<i64> = tx
                    .query_row("SELECT id FROM device WHERE id = ?1", [device], |r| r.get(0))
                    .optional()?;
                if known.is_none() {
                    return Err(StoreError::NotFound(Record::Device));
                }
            }
            tx.execute(
                "INSERT INTO history_correction (history_id, action, reason, text, at, device_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, action.code(), reason.trim(), text, now_stamp(), device],
            )?;
            if action == CorrectionAction::Void {
                forget_voided_backup(tx, id)?;
            }
            // The record of an incident's opening moved to a terminal: the incident is that
            // terminal's from now on (its list, its call sheet, the records of its later steps).
            // The history keeps what was first written, with the correction beside it.
            if let Some(device) = device {
                tx.execute(
                    "UPDATE incident SET device_id = ?1 WHERE id = \
                     (SELECT e.incident_id FROM history h JOIN incident_event e \
                      ON h.source = 'incident_event' AND e.id = h.source_id \
                      WHERE h.id = ?2 AND e.action = 'opened')",
                    params![device, id],
                )?;
            }
            Ok(())
        })
    }
}

/// After the history entry `id` was voided: when it was the backup to a stick that counts as
/// the last one, the last one is the newest such backup not voided, or none (a tester voided
/// the only backup, "wrong stick, it was empty", and Today still said it was backed up today).
fn forget_voided_backup(tx: &rusqlite::Transaction<'_>, id: i64) -> Result<(), StoreError> {
    let voided_at: Option<String> = tx
        .query_row(
            "SELECT b.at FROM history h JOIN backup_log b ON h.source = 'backup_log' \
             AND b.id = h.source_id WHERE h.id = ?1 AND b.kind = 'manual' AND b.ok = 1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let counted: Option<String> = tx
        .query_row(
            "SELECT value FROM setting WHERE key = ?1",
            [keys::LAST_EXTERNAL_BACKUP],
            |r| r.get(0),
        )
        .optional()?;
    if voided_at.is_none() || voided_at != counted {
        return Ok(());
    }
    let newest: Option<String> = tx
        .query_row(
            "SELECT b.at FROM backup_log b WHERE b.kind = 'manual' AND b.ok = 1 \
             AND NOT EXISTS (SELECT 1 FROM history h JOIN history_correction c \
                 ON c.history_id = h.id AND c.action = 'void' \
                 WHERE h.source = 'backup_log' AND h.source_id = b.id) \
             ORDER BY b.at DESC, b.id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    match newest {
        Some(at) => tx.execute(
            "UPDATE setting SET value = ?2 WHERE key = ?1",
            params![keys::LAST_EXTERNAL_BACKUP, at],
        )?,
        None => tx.execute(
            "DELETE FROM setting WHERE key = ?1",
            [keys::LAST_EXTERNAL_BACKUP],
        )?,
    };
    Ok(())
}

impl Records {
    /// The ids of the entries matching `filter`, newest first (one indexed query).
    pub fn history_ids(&self, filter: &Filter) -> Result<Vec<i64>, StoreError> {
        let (clause, args) = filter_sql(filter);
        // Text alone (or with dates): scan the covering text index in time order.
        let text_only = !filter.needle().is_empty()
            && filter.device.is_none()
            && filter.staff.is_none()
            && filter.kinds.is_empty();
        let index = if text_only {
            " INDEXED BY history_text"
        } else {
            ""
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id FROM history{index}{clause} ORDER BY at DESC, id DESC"
        ))?;
        let ids = stmt.query_map(params_from_iter(args), |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<Vec<i64>>>()?)
    }

    /// The entries of `ids`, in that order (ids not found are left out).
    pub fn history_entries(&self, ids: &[i64]) -> Result<Vec<Entry>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let mut stmt = self
                .conn
                .prepare_cached(&format!("{} WHERE h.id IN ({marks})", entry_select()))?;
            let mut found: HashMap<i64, Entry> = stmt
                .query_map(params_from_iter(chunk), read_entry)?
                .map(|r| r.map(|e| (e.id, e)))
                .collect::<rusqlite::Result<_>>()?;
            out.extend(chunk.iter().filter_map(|id| found.remove(id)));
        }
        Ok(out)
    }

    /// One entry with the record behind it and all its corrections.
    pub fn history_detail(&self, id: i64) -> Result<Option<EntryDetail>, StoreError> {
        let Some(entry) = self.history_entries(&[id])?.pop() else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.action, c.text, c.reason, c.at, c.device_id, COALESCE({}, '') \
             FROM history_correction c LEFT JOIN device d ON d.id = c.device_id \
             WHERE c.history_id = ?1 ORDER BY c.id",
            shown_name("d")
        ))?;
        let corrections = stmt
            .query_map([id], |r| read_correction(r, 0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let facts = self.source_facts(&entry.source, entry.source_id)?;
        Ok(Some(EntryDetail {
            entry,
            facts,
            corrections,
        }))
    }

    /// The labelled facts of a source record (empty values left out).
    fn source_facts(&self, source: &str, id: i64) -> Result<Vec<SourceFact>, StoreError> {
        let (sql, labels): (&str, &[T]) = match source {
            "completion" => (
                "SELECT c.due, COALESCE(c.done_at, ''), c.outcome, c.items, c.note, \
                 COALESCE(CAST(c.incident_id AS TEXT), ''), c.recorded_at, t.instructions \
                 FROM completion c JOIN task t ON t.id = c.task_id WHERE c.id = ?1",
                &[
                    T::HistFactDue,
                    T::HistFactDoneAt,
                    T::HistFactOutcome,
                    T::HistFactChecklist,
                    T::HistFactNote,
                    T::HistFactIncident,
                    T::HistFactRecorded,
                    T::HistFactInstructions,
                ],
            ),
            "incident_event" => (
                "SELECT i.prompt, COALESCE(i.entry_id, ''), i.steps_done, i.note, i.status, i.resolution, \
                 i.escalated_to, i.started_at, COALESCE(i.closed_at, '') \
                 FROM incident_event e JOIN incident i ON i.id = e.incident_id WHERE e.id = ?1",
                &[
                    T::HistFactPrompt,
                    T::HistFactEntry,
                    T::HistFactSteps,
                    T::HistFactNote,
                    T::HistFactStatus,
                    T::HistFactResolution,
                    T::HistFactEscalated,
                    T::HistFactStarted,
                    T::HistFactClosed,
                ],
            ),
            "outage" => (
                "SELECT COALESCE(p.title, ''), CASE o.drill WHEN 1 THEN '✓' ELSE '' END, o.started_at, \
                 COALESCE(o.ended_at, ''), o.steps_done, o.lost, o.fix, o.note \
                 FROM outage o LEFT JOIN emergency_plan p ON p.id = o.plan_id WHERE o.id = ?1",
                &[
                    T::HistFactPlan,
                    T::HistFactDrill,
                    T::HistFactStarted,
                    T::HistFactEnded,
                    T::HistFactSteps,
                    T::HistFactLost,
                    T::HistFactFix,
                    T::HistFactNote,
                ],
            ),
            "training_record" => (
                "SELECT m.title, r.on_date, r.trainer, r.note, r.recorded_at \
                 FROM training_record r JOIN training_module m ON m.id = r.module_id WHERE r.id = ?1",
                &[
                    T::HistFactModule,
                    T::HistFactOnDate,
                    T::HistFactTrainer,
                    T::HistFactNote,
                    T::HistFactRecorded,
                ],
            ),
            "backup_log" => (
                // Whether it succeeded is the record's own kind ("备份 · 失败"); a failed one has
                // no size to show.
                "SELECT kind, path, CASE WHEN bytes > 0 THEN CAST(bytes AS TEXT) ELSE '' END, detail \
                 FROM backup_log WHERE id = ?1",
                &[
                    T::HistFactBackupKind,
                    T::HistFactPath,
                    T::HistFactBytes,
                    T::HistFactDetail,
                ],
            ),
            "device_event" => (
                "SELECT e.action, e.detail, d.terminal_id, d.serial FROM device_event e \
                 JOIN device d ON d.id = e.device_id WHERE e.id = ?1",
                &[
                    T::HistFactAction,
                    T::HistFactDetail,
                    T::HistFactTerminalId,
                    T::HistFactSerial,
                ],
            ),
            _ => return Ok(Vec::new()),
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let values: Option<Vec<String>> = stmt
            .query_row([id], |r| {
                (0..labels.len())
                    .map(|i| r.get::<_, String>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .optional()?;
        Ok(values
            .unwrap_or_default()
            .into_iter()
            .zip(labels)
            .filter(|(v, _)| !v.is_empty() && v != "[]")
            .map(|(value, label)| SourceFact::new(*label, value))
            .collect())
    }

    /// Every task record due from `from` to `to`, for the monthly checklist sheets.
    pub fn checklist_marks(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ChecklistMark>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.source_id, c.task_id, t.title, c.due, h.kind, COALESCE(s.name, '') \
             FROM completion c JOIN task t ON t.id = c.task_id \
             JOIN history h ON h.source = 'completion' AND h.source_id = c.id \
             LEFT JOIN staff s ON s.id = c.done_by \
             WHERE c.due BETWEEN ?1 AND ?2 ORDER BY c.due, t.title",
        )?;
        let rows = stmt.query_map(
            params![
                from.format("%Y-%m-%d").to_string(),
                to.format("%Y-%m-%d").to_string()
            ],
            |r| {
                let due: String = r.get(3)?;
                let kind: String = r.get(4)?;
                Ok((due, kind, r.get(1)?, r.get(2)?, r.get(5)?))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (due, kind, task_id, task, staff): (String, String, i64, String, String) = row?;
            if let (Ok(due), Some(kind)) = (
                NaiveDate::parse_from_str(&due, "%Y-%m-%d"),
                Kind::from_code(&kind),
            ) {
                out.push(ChecklistMark {
                    task_id,
                    task,
                    due,
                    kind,
                    staff,
                });
            }
        }
        Ok(out)
    }

    /// How many entries the history holds.
    pub fn history_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM history", [], |r| r.get(0))?;
        Ok(n as usize)
    }
}
