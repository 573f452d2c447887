//! What the database says about time: the newest record it holds, the last start, the day the
//! merchant confirmed (see [`crate::clock`] for how the clock is judged).

use std::path::Path;
use std::time::SystemTime;

use chrono::{NaiveDate, NaiveDateTime};

use super::settings::keys;
use super::{DataPaths, Records, Store, StoreError, parse_stamp, stamp};
use crate::clock::{ClockEvidence, ClockJudgement};

/// The newest `updated_at` of every kind of record that is edited, as the tail of a `UNION ALL`
/// (one literal, shared by the two queries below).
///
/// Every newest time here and below is taken among those `BETWEEN '1' AND ':'` (from the digit
/// 1 to just after 9): a record that breaks the rules (a time "x" written by another program)
/// sorts after every real time, and must not hide the newest real one (a backup of real records
/// was said to hold none). With the range, the newest of an indexed time is still one step of
/// its index.
macro_rules! newest_edits {
    () => {
        "UNION ALL SELECT max(updated_at) FROM incident WHERE updated_at BETWEEN '1' AND ':' \
         UNION ALL SELECT max(updated_at) FROM device WHERE updated_at BETWEEN '1' AND ':' \
         UNION ALL SELECT max(updated_at) FROM staff WHERE updated_at BETWEEN '1' AND ':' \
         UNION ALL SELECT max(updated_at) FROM task WHERE updated_at BETWEEN '1' AND ':' \
         UNION ALL SELECT max(updated_at) FROM emergency_plan WHERE updated_at BETWEEN '1' AND ':' \
         UNION ALL SELECT max(updated_at) FROM contact WHERE updated_at BETWEEN '1' AND ':' \
         UNION ALL SELECT max(updated_at) FROM own_entry WHERE updated_at BETWEEN '1' AND ':' \
         UNION ALL SELECT max(updated_at) FROM entry_note WHERE updated_at BETWEEN '1' AND ':' "
    };
}

/// The newest time written in any record: the history (completions, incidents, outages,
/// training, backups, device changes) and the edits of every kind of record.
const NEWEST_RECORD: &str = concat!(
    "SELECT max(t) FROM (SELECT max(at) AS t FROM history WHERE at BETWEEN '1' AND ':' ",
    newest_edits!(),
    "UNION ALL SELECT max(at) FROM backup_log WHERE at BETWEEN '1' AND ':')"
);

/// The newest time in the shop's own records: [`NEWEST_RECORD`] without the backup log and its
/// lines in the history. A restore writes a "restored" line into the data it brings back, and
/// that line says nothing about how new the shop's data is.
const NEWEST_SHOP_RECORD: &str = concat!(
    "SELECT max(t) FROM (SELECT max(at) AS t FROM history \
     WHERE source IS NOT 'backup_log' AND at BETWEEN '1' AND ':' ",
    newest_edits!(),
    ")"
);

impl Records {
    /// The newest time in any record (`None` for an empty database, or a time that does not
    /// read as one).
    pub fn newest_record(&self) -> Result<Option<NaiveDateTime>, StoreError> {
        self.newest_of(NEWEST_RECORD)
    }

    /// The newest time in the shop's own records, the backup log aside (see
    /// [`NEWEST_SHOP_RECORD`]): how new a backup's data is.
    pub fn newest_shop_record(&self) -> Result<Option<NaiveDateTime>, StoreError> {
        self.newest_of(NEWEST_SHOP_RECORD)
    }

    /// How many lines of the history are dated after `at`: written while the PC's clock was
    /// ahead, when `at` is a day the merchant has confirmed.
    pub fn records_after(&self, at: NaiveDateTime) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM history WHERE at > ?1",
            [super::stamp(at)],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as usize)
    }

    fn newest_of(&self, sql: &str) -> Result<Option<NaiveDateTime>, StoreError> {
        let newest: Option<String> = self.conn.query_row(sql, [], |r| r.get(0))?;
        // A history row for a missed date is dated by its day ("2026-12-03T23:59:59"), others
        // to the second; a bare date reads as its start.
        Ok(newest.and_then(|t| {
            parse_stamp(&t).or_else(|| {
                NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
            })
        }))
    }

    /// What the data folder says about time, for judging the clock.
    pub fn clock_evidence(&self, paths: &DataPaths) -> Result<ClockEvidence, StoreError> {
        let stamp_setting = |key| -> Result<Option<NaiveDateTime>, StoreError> {
            Ok(self.setting(key)?.as_deref().and_then(parse_stamp))
        };
        Ok(ClockEvidence {
            newest_record: self.newest_record()?,
            last_start: stamp_setting(keys::LAST_START)?,
            newest_file: newest_file(paths),
            confirmed: self
                .setting(keys::CLOCK_CONFIRMED)?
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        })
    }

    /// The judgement on the clock at `now`.
    pub fn judge_clock(
        &self,
        paths: &DataPaths,
        now: NaiveDateTime,
    ) -> Result<ClockJudgement, StoreError> {
        Ok(ClockJudgement::of(now, &self.clock_evidence(paths)?))
    }
}

impl Records {
    /// How many rows `table` has (for the fault tests, which check that nothing was written).
    #[cfg(feature = "testing")]
    pub fn row_count(&self, table: &str) -> Result<i64, StoreError> {
        let table: String = table
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        Ok(self
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    }
}

impl Store {
    /// Notes a start of the window at `now`, on a clock judged trusted.
    pub fn note_start(&mut self, now: NaiveDateTime) -> Result<(), StoreError> {
        self.put_setting(keys::LAST_START, &stamp(now))
    }

    /// The merchant confirmed that `today` is today although the clock was doubted: believed
    /// from now on for that day, and noted as a start.
    pub fn confirm_clock(&mut self, now: NaiveDateTime) -> Result<(), StoreError> {
        let day = now.date().format("%Y-%m-%d").to_string();
        self.write(|tx| {
            for (key, value) in [
                (keys::CLOCK_CONFIRMED, day.as_str()),
                (keys::LAST_START, &stamp(now)),
            ] {
                tx.execute(
                    "INSERT INTO setting (key, value) VALUES (?1, ?2) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )?;
            }
            Ok(())
        })
    }
}

/// The newest modification time of the database, its write-ahead log and the automatic
/// backups (local time), if any can be read.
fn newest_file(paths: &DataPaths) -> Option<NaiveDateTime> {
    let db = paths.db();
    let mut files = vec![super::verdict::companion(&db, "-wal"), db];
    if let Ok(read) = std::fs::read_dir(paths.backups()) {
        files.extend(read.flatten().map(|e| e.path()));
    }
    files.iter().filter_map(|f| modified(f)).max()
}

fn modified(path: &Path) -> Option<NaiveDateTime> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let time: SystemTime = meta.modified().ok()?;
    let local: chrono::DateTime<chrono::Local> = time.into();
    Some(local.naive_local())
}
