//! Records that break a rule: read around, named, never taken for damage.
//!
//! A row can break the app's rules without the file being damaged: a device kind the app does
//! not know, a schedule that does not parse, a setting that is garbage (written by an older or
//! a foreign program, or by hand). Such a row is a record to repair, not a reason to set the
//! database aside, and one bad row must not stop the shop: lists are read around it, and the row
//! is named ([`Records::row_problems`]) so the window and the commands can say which one is left
//! out. Damage is only what SQLite's integrity checks report about the file's structure.

use std::cell::RefCell;

use rusqlite::Row;

use super::{Records, StoreError};

/// A record that could not be read and was left out of a list (or a setting that fell back to
/// its default).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// The table (or `setting`).
    pub table: &'static str,
    /// The record's id, or the setting's key.
    pub id: String,
    /// What could not be read, as SQLite or the parser said it.
    pub detail: String,
}

/// The problems met while reading, kept until asked for.
#[derive(Default)]
pub(super) struct Problems(RefCell<Vec<RowProblem>>);

impl Problems {
    fn note(&self, problem: RowProblem) {
        let mut list = self.0.borrow_mut();
        if !list.contains(&problem) {
            list.push(problem);
        }
    }
}

/// A row that could not be read, with its id (its first column).
pub(super) struct RowError {
    id: Option<i64>,
    cause: rusqlite::Error,
}

/// Reads `row` with `read`, keeping an error of the row apart from an error of the query, so
/// that [`Records::readable`] can read around the row and name it.
pub(super) fn tagged<T>(
    row: &Row<'_>,
    read: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Result<T, RowError>> {
    Ok(read(row).map_err(|cause| RowError {
        id: row.get::<_, i64>(0).ok(),
        cause,
    }))
}

/// The error of a text `column` of a row whose value does not read (`cause`): a row problem,
/// named and read around by [`Records::readable`].
pub(super) fn unreadable(
    column: usize,
    cause: impl Into<Box<dyn std::error::Error + Send + Sync>>,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, cause.into())
}

/// Whether an error is about a value in a row (a type or a parse), not about the file.
fn is_row_error(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
            | rusqlite::Error::Utf8Error(..)
    )
}

impl Records {
    /// The rows of `table` that read, the others named as problems and left out; an error
    /// about the file itself (a read error, damage) stops the reading as before.
    pub(super) fn readable<T>(
        &self,
        table: &'static str,
        rows: impl Iterator<Item = rusqlite::Result<Result<T, RowError>>>,
    ) -> Result<Vec<T>, StoreError> {
        let mut out = Vec::new();
        for row in rows {
            match row? {
                Ok(value) => out.push(value),
                Err(row) if is_row_error(&row.cause) => self.problems.note(RowProblem {
                    table,
                    id: row.id.map(|i| i.to_string()).unwrap_or_default(),
                    detail: row.cause.to_string(),
                }),
                Err(row) => return Err(row.cause.into()),
            }
        }
        Ok(out)
    }

    /// Notes that the setting `key` could not be read and its default is used.
    pub(super) fn setting_unreadable(&self, key: &str, detail: String) {
        self.problems.note(RowProblem {
            table: "setting",
            id: key.to_owned(),
            detail,
        });
    }

    /// Reads every record the window reads, and asks SQLite for every reference to a record that
    /// is not there (`PRAGMA foreign_key_check`): the records that break a rule, for `check`.
    /// Nothing is written.
    pub fn audit(&self) -> Result<Vec<RowProblem>, StoreError> {
        self.devices()?;
        self.tasks()?;
        self.staff()?;
        self.training_modules()?;
        self.training_records()?;
        self.emergency_plans()?;
        self.contacts()?;
        self.recent_outages(usize::MAX)?;
        self.recent_incidents(usize::MAX)?;
        self.checklist_drafts()?;
        self.postponements()?;
        self.shop_calendar()?;
        self.audit_rules()?;
        Ok(self.row_problems())
    }

    /// Asks SQLite for the records that break a rule without being unreadable: a reference to
    /// a record that is not there (`PRAGMA foreign_key_check`), and a date that is no date in a
    /// record shown without it (a device's warranty date). They are noted with the others, to
    /// be named on Today and by `check`. Nothing is written.
    pub fn audit_rules(&self) -> Result<(), StoreError> {
        for (table, column, rule) in VALUE_RULES {
            let sql = format!("SELECT id FROM {table} WHERE NOT ({rule})");
            let mut stmt = self.conn.prepare(&sql)?;
            let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?;
            for id in ids {
                let id = id?.to_string();
                // (A row already named, as one that could not be read, is named once.)
                let named = self
                    .row_problems()
                    .iter()
                    .any(|p| p.table == *table && p.id == id);
                if !named {
                    self.problems.note(RowProblem {
                        table,
                        id,
                        detail: format!("{BAD_VALUE}{column}"),
                    });
                }
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (table, id, parent) = row?;
            self.problems.note(RowProblem {
                table: known_table(&table),
                id: id.map(|i| i.to_string()).unwrap_or_default(),
                detail: format!("{MISSING_PARENT}{parent}"),
            });
        }
        Ok(())
    }

    /// The records met so far that could not be read and were left out (or settings that fell
    /// back to their default), to name them to the merchant.
    pub fn row_problems(&self) -> Vec<RowProblem> {
        self.problems.0.borrow().clone()
    }
}

/// How [`Records::audit`] marks a reference to a record that is not there (then the table).
pub const MISSING_PARENT: &str = "missing:";
/// How [`Records::audit`] marks a value that breaks its column's rule (then the column).
pub const BAD_VALUE: &str = "bad:";

/// The values read leniently (a record shown without them rather than left out), with the rule
/// each must keep: `(table, column, SQL condition that holds for a good row)`.
const VALUE_RULES: &[(&str, &str, &str)] = &[
    (
        "device",
        "installed_on",
        "installed_on IS NULL OR date(installed_on) IS installed_on",
    ),
    (
        "device",
        "warranty_until",
        "warranty_until IS NULL OR date(warranty_until) IS warranty_until",
    ),
    (
        "device",
        "retired_on",
        "retired_on IS NULL OR date(retired_on) IS retired_on",
    ),
    (
        "staff",
        "started_on",
        "started_on IS NULL OR date(started_on) IS started_on",
    ),
    ("completion", "due", "date(due) IS due"),
    ("incident", "prompt", "length(prompt) BETWEEN 1 AND 500"),
    (
        "completion",
        "done_at",
        "done_at IS NULL OR datetime(done_at) IS NOT NULL",
    ),
    (
        "completion",
        "items",
        "json_valid(items) AND json_type(items) = 'array'",
    ),
];

/// The name of a table as a `'static` one the app knows (SQLite's answer is a `String`).
fn known_table(name: &str) -> &'static str {
    const TABLES: &[&str] = &[
        "device",
        "device_event",
        "task",
        "completion",
        "staff",
        "training_module",
        "training_record",
        "incident",
        "incident_event",
        "emergency_plan",
        "contact",
        "outage",
        "checklist_draft",
        "task_postponed",
        "history",
        "history_correction",
        "history_device",
        "backup_log",
        "warning_ack",
        "setting",
        "entry_note",
        "own_entry",
    ];
    TABLES
        .iter()
        .find(|t| **t == name)
        .copied()
        .unwrap_or("other")
}

/// A table's records, named for the merchant.
fn kind_of(table: &str, lang: crate::i18n::Lang) -> &str {
    use crate::i18n::T;
    match table {
        "task" => lang.t(T::RowTask),
        "device" => lang.t(T::RowDevice),
        "staff" => lang.t(T::RowStaff),
        "incident" => lang.t(T::RowIncident),
        "setting" => lang.t(T::RowSetting),
        "completion" => lang.t(T::RowCompletion),
        "checklist_draft" => lang.t(T::RowDraft),
        "task_postponed" => lang.t(T::RowPostponed),
        other => other,
    }
}

/// What Today and the commands say of `problems`: one sentence for the records left out (they
/// could not be read), one for those shown as they are that break a rule.
pub fn problems_said(problems: &[RowProblem], lang: crate::i18n::Lang) -> Vec<String> {
    use crate::i18n::T;
    let (broken, unreadable): (Vec<_>, Vec<_>) = problems
        .iter()
        .cloned()
        .partition(|p| p.detail.starts_with(MISSING_PARENT) || p.detail.starts_with(BAD_VALUE));
    [(unreadable, T::RowProblems), (broken, T::RowRuleBroken)]
        .into_iter()
        .filter(|(list, _)| !list.is_empty())
        .map(|(list, said)| {
            let which = describe_row_problems(&list, lang);
            lang.fill(said, &[("n", &list.len().to_string()), ("which", &which)])
        })
        .collect()
}

/// The problems, named for the merchant: "task 7, setting shop_calendar, incident 2 (→ device),
/// device 3 (warranty_until)".
pub fn describe_row_problems(problems: &[RowProblem], lang: crate::i18n::Lang) -> String {
    use crate::i18n::T;
    let names: Vec<String> = problems
        .iter()
        .take(5)
        .map(|p| {
            let kind = kind_of(p.table, lang);
            let named = format!("{kind} {}", p.id).trim().to_owned();
            if let Some(parent) = p.detail.strip_prefix(MISSING_PARENT) {
                let parent = kind_of(parent, lang);
                format!("{named}{}", lang.fill(T::RowPointsTo, &[("what", parent)]))
            } else if let Some(column) = p.detail.strip_prefix(BAD_VALUE) {
                format!("{named}{}", lang.fill(T::RowBadValue, &[("what", column)]))
            } else {
                named
            }
        })
        .collect();
    let mut text = names.join(lang.t(T::ListSeparator));
    if problems.len() > names.len() {
        text.push_str(lang.t(T::ListSeparator));
        text.push('…');
    }
    text
}
