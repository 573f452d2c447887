//! Rebuilding a data file whose damage is in its indexes only.
//!
//! An index is a sorted list SQLite keeps beside a table to find rows fast; everything in it is
//! also in its table, and it can be built again from the table. When every table of a file set
//! aside as damaged reads whole (see [`rebuild`] for how that is known), every record can be
//! kept: the tables are copied, row for row and without using any index, into a new file with
//! the same schema, whose indexes are then built afresh. The file set aside is only read (see
//! [`super::verdict::open_untouched`]) and stays where it was put, byte for byte.
//!
//! `REINDEX` or `VACUUM INTO` on the damaged file cannot do this: both read through the damaged
//! index page and stop.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::schema::{APPLICATION_ID, CURRENT_VERSION};
use super::verdict::{check_rows, companion, open_untouched};

/// Why a damaged file was not rebuilt (its damage is then dealt with by a backup, as before).
#[derive(Debug)]
pub enum NotRebuilt {
    /// The check names damage outside the indexes (a table, the file's page lists), or names
    /// nothing: records may be missing, so nothing is claimed whole.
    BeyondIndexes(String),
    /// Not a POS Care file of a version this program knows.
    NotOurs,
    /// Reading the damaged file or writing the new one failed.
    Failed(String),
}

impl std::fmt::Display for NotRebuilt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotRebuilt::BeyondIndexes(row) => write!(f, "damage outside the indexes: {row}"),
            NotRebuilt::NotOurs => f.write_str("not a POS Care file of a known version"),
            NotRebuilt::Failed(why) => write!(f, "rebuilding failed: {why}"),
        }
    }
}

/// Rebuilds the damaged file `damaged` as a new file at `into` (which must not exist) when all
/// its damage lies in indexes. Returns how many records (table rows) were copied. On any
/// failure nothing is left at `into`.
///
/// Where the damage lies is found on a copy (the damaged file is only read): its indexes are
/// dropped from its list of parts, and the full check of what is left must find nothing but the
/// pages those indexes had ("Page 41: never used"). A table with a damaged page fails that check;
/// a check of the whole file cannot tell, as it stops at the damaged index page.
pub(super) fn rebuild(damaged: &Path, into: &Path) -> Result<u64, NotRebuilt> {
    let schema = {
        // (What cannot even be read as a POS Care file, random bytes or a file cut short, is
        // no damage in an index: a tester was told "only in an index" for random bytes.)
        let old = open_untouched(damaged).map_err(|e| NotRebuilt::BeyondIndexes(e.to_string()))?;
        let identity = (|| -> rusqlite::Result<(i32, i32)> {
            Ok((
                old.pragma_query_value(None, "application_id", |r| r.get(0))?,
                old.pragma_query_value(None, "user_version", |r| r.get(0))?,
            ))
        })();
        match identity {
            Ok((APPLICATION_ID, version)) if (1..=CURRENT_VERSION).contains(&version) => {}
            Ok(_) => return Err(NotRebuilt::NotOurs),
            Err(e) => return Err(NotRebuilt::BeyondIndexes(e.to_string())),
        }
        // A page no tree uses before any index is dropped may be a table's lost page.
        if let Ok(rows) = check_rows(&old, "PRAGMA quick_check(1000000)")
            && let Some(orphan) = rows.iter().find(|row| is_orphan(row))
        {
            return Err(NotRebuilt::BeyondIndexes(orphan.clone()));
        }
        read_schema(&old).map_err(|e| NotRebuilt::BeyondIndexes(e.to_string()))?
    };
    let probe = companion(into, "-probe");
    remove_with_companions(&probe);
    let result = copy_for_probing(damaged, &probe)
        .map_err(|e| NotRebuilt::Failed(e.to_string()))
        .and_then(|()| {
            let tables = tables_alone(&probe).map_err(|e| NotRebuilt::Failed(e.to_string()))?;
            let rows = check_rows(&tables, "PRAGMA integrity_check(1000000)")
                .map_err(|e| NotRebuilt::BeyondIndexes(e.to_string()))?;
            if let Some(row) = rows.iter().find(|row| *row != "ok" && !is_orphan(row)) {
                return Err(NotRebuilt::BeyondIndexes(row.clone()));
            }
            let copied = copy_into(&tables, &schema, into);
            if copied.is_err() {
                remove_with_companions(into);
            }
            copied.map_err(|e| NotRebuilt::Failed(e.to_string()))
        });
    remove_with_companions(&probe);
    result
}

/// Whether a row of a check says only that a page belongs to no tree.
fn is_orphan(row: &str) -> bool {
    super::verdict::problem_of(row)
        .strip_prefix("Page ")
        .is_some_and(|rest| {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && matches!(&rest[digits..], ": never used" | " is never used")
        })
}

/// Copies the damaged file and its `-wal` (if any) to `probe`, to be changed there.
fn copy_for_probing(damaged: &Path, probe: &Path) -> std::io::Result<()> {
    std::fs::copy(damaged, probe)?;
    match std::fs::copy(companion(damaged, "-wal"), companion(probe, "-wal")) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other.map(|_| ()),
    }
}

/// Opens the copy at `probe` with its indexes dropped from its list of parts (their pages
/// become unused; nothing reads them again).
fn tables_alone(probe: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(probe)?;
    conn.execute_batch(
        "PRAGMA writable_schema = ON;
         DELETE FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL;
         PRAGMA writable_schema = OFF;",
    )?;
    drop(conn);
    Connection::open(probe)
}

/// One row of the damaged file's `sqlite_schema`.
struct Part {
    kind: String,
    name: String,
    sql: Option<String>,
}

fn read_schema(conn: &Connection) -> rusqlite::Result<Vec<Part>> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY rowid")?;
    let parts = stmt.query_map([], |r| {
        Ok(Part {
            kind: r.get(0)?,
            name: r.get(1)?,
            sql: r.get(2)?,
        })
    })?;
    parts.collect()
}

/// Creates the tables, copies their rows (read without any index), then creates the indexes,
/// views and triggers (so that no trigger fires on the copy), all in one transaction; the new
/// file must then pass the full check and hold as many rows as were read.
fn copy_into(old: &Connection, schema: &[Part], into: &Path) -> rusqlite::Result<u64> {
    let mut new = Connection::open_with_flags(
        into,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
            | rusqlite::OpenFlags::SQLITE_OPEN_CREATE
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // Rows are copied table by table, a child's maybe before its parent's: the rules between
    // tables are the old file's own and are not checked again here (a record that breaks one is
    // named by the app as before, never dropped).
    new.pragma_update(None, "foreign_keys", false)?;
    let ours = |part: &&Part| !part.name.starts_with("sqlite_");
    let tables: Vec<&Part> = schema
        .iter()
        .filter(|p| p.kind == "table")
        .filter(ours)
        .collect();
    let tx = new.transaction()?;
    for table in &tables {
        tx.execute_batch(table.sql.as_deref().unwrap_or_default())?;
    }
    let mut copied: BTreeMap<String, u64> = BTreeMap::new();
    let mut names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    // The counters of AUTOINCREMENT tables, so that no id is ever given twice.
    if schema.iter().any(|p| p.name == "sqlite_sequence") {
        names.push("sqlite_sequence");
    }
    for name in names {
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        if name == "sqlite_sequence" {
            // Copying the tables counted their rows in already: the old counters are the truth.
            tx.execute("DELETE FROM sqlite_sequence", [])?;
        }
        let columns = stored_columns(&tx, name)?.join(", ");
        let mut read = old.prepare(&format!("SELECT {columns} FROM {quoted} NOT INDEXED"))?;
        let width = read.column_count();
        let marks = vec!["?"; width].join(", ");
        let mut write = tx.prepare(&format!(
            "INSERT INTO {quoted} ({columns}) VALUES ({marks})"
        ))?;
        let mut rows = read.query([])?;
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let values = (0..width)
                .map(|i| row.get::<_, Value>(i))
                .collect::<rusqlite::Result<Vec<Value>>>()?;
            write.execute(params_from_iter(values))?;
            count += 1;
        }
        copied.insert(name.to_owned(), count);
    }
    for kind in ["index", "view", "trigger"] {
        for part in schema.iter().filter(|p| p.kind == kind).filter(ours) {
            // An index SQLite made itself for a UNIQUE or PRIMARY KEY has no SQL: the table's
            // own CREATE made it again.
            if let Some(sql) = &part.sql {
                tx.execute_batch(sql)?;
            }
        }
    }
    let version: i32 = old.pragma_query_value(None, "user_version", |r| r.get(0))?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", version)?;
    tx.commit()?;
    let rows = check_rows(&new, "PRAGMA integrity_check")?;
    if rows != ["ok"] {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(format!(
                "the rebuilt file failed its check: {}",
                rows.join("; ")
            )),
        ));
    }
    let mut records = 0;
    for (name, count) in &copied {
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        let held: u64 = new.query_row(&format!("SELECT count(*) FROM {quoted}"), [], |r| {
            r.get::<_, i64>(0).map(|n| n as u64)
        })?;
        if held != *count {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                Some(format!(
                    "{name}: {count} rows read, {held} in the rebuilt file"
                )),
            ));
        }
        if name != "sqlite_sequence" {
            records += count;
        }
    }
    drop(new);
    crate::files::sync_file(into).map_err(|e| {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR),
            Some(e.to_string()),
        )
    })?;
    Ok(records)
}

/// The columns of `table` that hold values (generated columns are computed again), quoted.
fn stored_columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name, hidden FROM pragma_table_xinfo(?1)")?;
    let columns = stmt.query_map([table], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    let mut names = Vec::new();
    for column in columns {
        let (name, hidden) = column?;
        if hidden == 0 {
            names.push(format!("\"{}\"", name.replace('"', "\"\"")));
        }
    }
    Ok(names)
}

/// Removes a half-built file and what SQLite made beside it.
pub(super) fn remove_with_companions(path: &Path) {
    let _ = std::fs::remove_file(path);
    for suffix in super::verdict::COMPANIONS {
        let _ = std::fs::remove_file(companion(path, suffix));
    }
}

/// The name the rebuilt file is written under before it becomes the data file.
pub(super) fn building(db: &Path) -> PathBuf {
    companion(db, ".rebuilding")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_page_no_tree_uses_is_an_orphan() {
        for row in [
            "Page 41: never used",
            "*** in database main ***\nPage 7: never used",
            "Page 9 is never used",
        ] {
            assert!(is_orphan(row), "{row}");
        }
        for row in [
            "ok",
            "Tree 2 page 9 cell 1: invalid page number 99",
            "Page 31: btreeInitPage() returns error code 11",
            "2nd reference to page 12",
            "Freelist: size is 3 but should be 4",
            "Page : never used",
        ] {
            assert!(!is_orphan(row), "{row}");
        }
    }
}
