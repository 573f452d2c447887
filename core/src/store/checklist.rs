//! Checklists being ticked on Today ([`ChecklistDraft`]): kept tick by tick, removed when the
//! check is recorded or its occurrence is recorded as missed.

use chrono::NaiveDate;
use rusqlite::{Row, params};

use super::planner::date_text;
use super::problems::{tagged, unreadable};
use super::{Records, Store, StoreError, now_stamp};
use crate::planner::checklist::{ChecklistDraft, DraftBody};

/// A draft row: `rowid, task_id, due, body`.
fn read_draft(row: &Row<'_>) -> rusqlite::Result<ChecklistDraft> {
    let due: String = row.get(2)?;
    let due = NaiveDate::parse_from_str(&due, "%Y-%m-%d").map_err(|e| unreadable(2, e))?;
    let body: String = row.get(3)?;
    let body: DraftBody = serde_json::from_str(&body).map_err(|e| unreadable(3, e))?;
    Ok(ChecklistDraft {
        task_id: row.get(1)?,
        due,
        body,
    })
}

/// Removes the draft of `task_id` due on `due` inside `tx` (the check was recorded).
pub(super) fn forget_draft(
    tx: &rusqlite::Transaction<'_>,
    task_id: i64,
    due: NaiveDate,
) -> rusqlite::Result<()> {
    tx.execute(
        "DELETE FROM checklist_draft WHERE task_id = ?1 AND due = ?2",
        params![task_id, date_text(due)],
    )?;
    Ok(())
}

impl Records {
    /// Every checklist being ticked (a row that cannot be read is named and left out).
    pub fn checklist_drafts(&self) -> Result<Vec<ChecklistDraft>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid, task_id, due, body FROM checklist_draft ORDER BY task_id, due",
        )?;
        let rows = stmt.query_map([], |r| tagged(r, read_draft))?;
        self.readable("checklist_draft", rows)
    }
}

impl Store {
    /// Keeps what was ticked and typed on a card so far; an untouched card keeps nothing.
    pub fn save_checklist_draft(&mut self, draft: &ChecklistDraft) -> Result<(), StoreError> {
        let body =
            serde_json::to_string(&draft.body).map_err(|e| StoreError::Other(e.to_string()))?;
        let (task, due, empty) = (draft.task_id, date_text(draft.due), draft.body.is_empty());
        self.write(|tx| {
            if empty {
                forget_draft(tx, task, draft.due)?;
            } else {
                tx.execute(
                    "INSERT INTO checklist_draft (task_id, due, body, saved_at) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT (task_id, due) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
                    params![task, due, body, now_stamp()],
                )?;
            }
            Ok(())
        })
    }
}
