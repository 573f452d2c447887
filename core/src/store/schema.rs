//! The database schema and its migrations.
//!
//! `PRAGMA user_version` holds the schema version. Each migration takes the database from
//! version N to N+1 inside one transaction: the SQL in `migrations/vN.sql`, or a Rust step. A database newer than [`CURRENT_VERSION`] is refused.
//! Every released version keeps a fixture under `tests/fixtures/` that the migration tests open.

use rusqlite::{Connection, Transaction};

/// `PRAGMA application_id`: marks a file as a POS Care database ("PCAR").
pub const APPLICATION_ID: i32 = 0x5043_4152;

/// The schema version this program writes.
pub const CURRENT_VERSION: i32 = MIGRATIONS.len() as i32;

/// Migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[Step] = &[
    // 1: settings, the device registry and its change log.
    Step::Sql(include_str!("migrations/v1.sql")),
    // 2: incidents from the lookup, the merchant's notes on entries, and their own entries.
    Step::Sql(include_str!("migrations/v2.sql")),
    // 3: the planner: staff, tasks with checklists and schedules, completions, training.
    Step::Sql(include_str!("migrations/v3.sql")),
    // 4: emergency plans, the shop's contacts, outages (a plan run or a recorded outage), and a
    // log of every backup written or restored.
    Step::Sql(include_str!("migrations/v4.sql")),
    // 5: the history timeline (triggers on the source tables, backfilled), and its corrections.
    Step::Sql(include_str!("migrations/v5.sql")),
    // 6: acknowledged warnings (Insights).
    Step::Sql(include_str!("migrations/v6.sql")),
    // 7: a correction may move an entry to another device; completions found by their incident.
    Step::Sql(include_str!("migrations/v7.sql")),
    // 8: an incident names who handled it.
    Step::Sql(include_str!("migrations/v8.sql")),
    // 9: checklists being ticked on Today, kept tick by tick.
    Step::Sql(include_str!("migrations/v9.sql")),
    // 10: a check covering every device of its kind is filed under each of them.
    Step::Sql(include_str!("migrations/v10.sql")),
    // 11: a check put off to a later day.
    Step::Sql(include_str!("migrations/v11.sql")),
];

/// One migration: SQL from `migrations/vN.sql`, or Rust for a change SQL alone cannot make
/// (reading old rows, reshaping JSON), run inside the step's transaction.
enum Step {
    /// A script of SQL statements.
    Sql(&'static str),
    /// Code run on the open transaction.
    #[allow(dead_code)]
    Code(fn(&Transaction<'_>) -> rusqlite::Result<()>),
}

/// Whether a migration failed because of the disk or the system (full, unreadable, read-only,
/// busy, out of memory) rather than because the file's own tables are not what its version
/// number says (a half-made or hand-edited file).
pub(super) fn is_system_failure(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode;
    matches!(
        e.sqlite_error_code(),
        Some(
            ErrorCode::DiskFull
                | ErrorCode::SystemIoFailure
                | ErrorCode::CannotOpen
                | ErrorCode::ReadOnly
                | ErrorCode::PermissionDenied
                | ErrorCode::DatabaseBusy
                | ErrorCode::DatabaseLocked
                | ErrorCode::OutOfMemory
        )
    )
}

/// Brings a database at `from` up to [`CURRENT_VERSION`], one transaction per step.
pub fn migrate(conn: &mut Connection, from: i32) -> rusqlite::Result<()> {
    for (i, step) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        let tx: Transaction<'_> = conn.transaction()?;
        match step {
            Step::Sql(sql) => tx.execute_batch(sql)?,
            Step::Code(run) => run(&tx)?,
        }
        tx.pragma_update(None, "user_version", (i + 1) as i32)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length limit has one home, the domain; the database's CHECK constraints (a last
    /// line of defence) must say the same number.
    #[test]
    fn the_databases_length_checks_are_the_domains_limits() {
        let mut domain = vec![
            ("device", "name", crate::device::Field::Name.max_chars()),
            ("incident", "prompt", crate::incident::MAX_PROMPT),
            ("own_entry", "screen", crate::incident::MAX_PROMPT),
            ("staff", "name", crate::planner::drafts::MAX_NAME),
            ("task", "title", crate::planner::task::MAX_TITLE),
            (
                "training_module",
                "title",
                crate::planner::drafts::MAX_MODULE_TITLE,
            ),
            ("emergency_plan", "title", crate::emergency::plan::MAX_TITLE),
            ("contact", "name", crate::emergency::contact::MAX_NAME),
            (
                "history_correction",
                "reason",
                crate::history::entry::MAX_CORRECTION,
            ),
        ];
        let mut found = Vec::new();
        for step in MIGRATIONS {
            let Step::Sql(sql) = step else { continue };
            let mut table = "";
            for line in sql.lines() {
                let line = line.trim();
                if let Some(rest) = line.strip_prefix("CREATE TABLE ") {
                    table = rest.split_whitespace().next().unwrap_or("");
                }
                if let Some((_, check)) = line.split_once("CHECK (length(") {
                    let column = check
                        .trim_start_matches("trim(")
                        .split(')')
                        .next()
                        .unwrap_or("");
                    let max: usize = check
                        .split("BETWEEN 1 AND ")
                        .nth(1)
                        .and_then(|n| n.split(')').next())
                        .and_then(|n| n.trim().parse().ok())
                        .unwrap_or_else(|| panic!("cannot read the limit in {line}"));
                    found.push((table, column, max));
                }
            }
        }
        domain.sort();
        found.sort();
        assert_eq!(found, domain);
    }
}
