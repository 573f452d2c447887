//! The Insights figures, aggregated in SQL once per read (never per frame), the repeat rules,
//! and the acknowledged warnings.

use std::collections::HashMap;

use chrono::{Days, NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::incidents::{INCIDENTS_WHERE_CORRECTED, VOIDED_INCIDENTS};
use super::{Records, Store, StoreError, keys, parse_stamp, stamp};
use crate::device::Device;
use crate::insights::summary::SummaryRows;
use crate::insights::warnings::{self, Inputs, lookback_days};
use crate::insights::{Family, IncidentMark, Part, Period, Rules, Slip, Summary, Warning};
use crate::planner::PlanSnapshot;

/// `2026-11-05`, as dates are compared with stored times.
fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// What one completion adds to its day's checklist: on time (a problem found counts as done),
/// late, missed; and its task (for the device).
const MARKS: &str = "(c.outcome = 'problem' OR (c.outcome = 'ok' AND substr(c.done_at, 1, 10) <= COALESCE(c.put_off_to, c.due))) AS on_time, \
     (c.outcome = 'ok' AND substr(c.done_at, 1, 10) > COALESCE(c.put_off_to, c.due)) AS late, \
     (c.outcome = 'missed') AS missed, c.task_id AS task_id";

/// The stored-time bounds of the days `from..=to`: `at >= .0 AND at < .1`.
fn bounds(from: NaiveDate, to: NaiveDate) -> (String, String) {
    (day(from), crate::history::filter::day_end_bound(to))
}

impl Store {
    /// Stores the merchant's repeat rules (validated by [`Rules::from_typed`]).
    pub fn set_repeat_rules(&mut self, rules: &Rules) -> Result<(), StoreError> {
        self.put_setting(keys::REPEAT_RULES, &rules.to_json())
    }

    /// Acknowledges a warning (by [`crate::insights::WarningKind::key`]) as of `at`: it shows
    /// again only when newer evidence keeps it qualifying.
    pub fn acknowledge_warning(&mut self, key: &str, at: NaiveDateTime) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO warning_ack (warning, acknowledged_at) VALUES (?1, ?2) \
                 ON CONFLICT (warning) DO UPDATE SET acknowledged_at = excluded.acknowledged_at",
                params![key, stamp(at)],
            )?;
            Ok(())
        })
    }
}

impl Records {
    /// The repeat rules (the defaults where the merchant set none).
    pub fn repeat_rules(&self) -> Result<Rules, StoreError> {
        Ok(self
            .setting(keys::REPEAT_RULES)?
            .map(|json| Rules::from_json(&json))
            .unwrap_or_default())
    }

    /// When each warning was last acknowledged, by key.
    pub fn warning_acks(&self) -> Result<HashMap<String, NaiveDateTime>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT warning, acknowledged_at FROM warning_ack")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (key, at) = row?;
            if let Some(at) = parse_stamp(&at) {
                out.insert(key, at);
            }
        }
        Ok(out)
    }

    /// The incidents with a terminal that began on the days `from..=to` (one device, or all),
    /// with their families, oldest first; voided ones (their opening record voided) left out,
    /// so they count towards no warning.
    pub fn incident_marks(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        device: Option<i64>,
    ) -> Result<Vec<IncidentMark>, StoreError> {
        let (lo, hi) = bounds(from, to);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, started_at, device_id, entry_id, prompt FROM {INCIDENTS_WHERE_CORRECTED} \
             WHERE started_at >= ?1 AND started_at < ?2 AND device_id IS NOT NULL \
               AND (?3 IS NULL OR device_id = ?3) AND id NOT IN ({VOIDED_INCIDENTS}) \
             ORDER BY started_at, id"
        ))?;
        let mut families: HashMap<(Option<String>, String), Family> = HashMap::new();
        let mut out = Vec::new();
        let mut rows = stmt.query(params![lo, hi, device])?;
        while let Some(r) = rows.next()? {
            let Some(at) = parse_stamp(&r.get::<_, String>(1)?) else {
                continue;
            };
            let entry: Option<String> = r.get(3)?;
            let prompt: String = r.get(4)?;
            let family = *families
                .entry((entry.clone(), prompt.clone()))
                .or_insert_with(|| Family::of(entry.as_deref(), &prompt));
            out.push(IncidentMark {
                id: r.get(0)?,
                at,
                device_id: r.get(2)?,
                family,
            });
        }
        Ok(out)
    }

    /// Task occurrences due on the days `from..=to` that were missed or done late.
    pub fn task_slips(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Slip>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT task_id, due FROM completion \
             WHERE due >= ?1 AND due <= ?2 \
               AND (outcome = 'missed' OR (outcome = 'ok' AND substr(done_at, 1, 10) > COALESCE(put_off_to, due))) \
             ORDER BY due",
        )?;
        let rows = stmt.query_map(params![day(from), day(to)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (task_id, due) = row?;
            if let Ok(due) = NaiveDate::parse_from_str(&due, "%Y-%m-%d") {
                out.push(Slip { task_id, due });
            }
        }
        Ok(out)
    }

    /// The warnings of `today` (acknowledged ones marked), from the plan of that day.
    pub fn current_warnings(
        &self,
        today: NaiveDate,
        plan: &PlanSnapshot,
    ) -> Result<Vec<Warning>, StoreError> {
        let rules = self.repeat_rules()?;
        let since = today - Days::new(lookback_days(&rules) as u64);
        let marks = self.incident_marks(since, today, None)?;
        let slips = self.task_slips(today - Days::new(warnings::SLIP_WINDOW_DAYS as u64), today)?;
        let devices = self.devices()?;
        let acks = self.warning_acks()?;
        Ok(warnings::current(&Inputs {
            rules: &rules,
            marks: &marks,
            slips: &slips,
            devices: &devices,
            plan,
            acks: &acks,
            today,
        }))
    }

    /// Every repeat episode within a period (for the report and `poscare insights`).
    pub fn period_warnings(
        &self,
        period: &Period,
        devices: &[Device],
    ) -> Result<Vec<Warning>, StoreError> {
        let rules = self.repeat_rules()?;
        let marks = self.incident_marks(period.from, period.to, period.device)?;
        let mut out = warnings::repeat_episodes(&marks, &rules, devices);
        let acks = self.warning_acks()?;
        for w in &mut out {
            w.acknowledged = acks.get(&w.kind.key()).is_some_and(|at| w.newest <= *at);
        }
        out.sort_by(|a, b| a.first.cmp(&b.first).then(a.kind.cmp(&b.kind)));
        Ok(out)
    }

    /// The figures and the repeat warnings of a period, for the printed report.
    pub fn insights_report(&self, period: &Period) -> Result<(Summary, Vec<Warning>), StoreError> {
        let devices = self.devices()?;
        Ok((
            self.insight_summary(period, &devices)?,
            self.period_warnings(period, &devices)?,
        ))
    }

    /// The figures of a period: each part ([`Period::parts`]) read by [`Records::insight_part`],
    /// then folded.
    pub fn insight_summary(
        &self,
        period: &Period,
        devices: &[Device],
    ) -> Result<Summary, StoreError> {
        let mut rows = SummaryRows::default();
        for part in period.parts() {
            rows.append(self.insight_part(period, part)?);
        }
        Ok(Summary::build(*period, rows, devices))
    }

    /// The rows of one part of a period's figures, each kind aggregated by one SQL query.
    /// Incidents whose opening record was voided are not counted.
    pub fn insight_part(&self, period: &Period, part: Part) -> Result<SummaryRows, StoreError> {
        match part {
            Part::Prompts => Ok(SummaryRows {
                prompts: self.prompt_rows(period)?,
                ..SummaryRows::default()
            }),
            Part::Slice { from, to } => self.slice_rows(from, to, period.device),
        }
    }

    /// Incidents of the last 90 days of `period` per (device, entry id, prompt).
    #[allow(clippy::type_complexity)]
    fn prompt_rows(
        &self,
        period: &Period,
    ) -> Result<Vec<(i64, Option<String>, String, u32)>, StoreError> {
        let (lo, hi) = bounds(period.prompts_from(), period.to);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT device_id, entry_id, prompt, count(*) FROM {INCIDENTS_WHERE_CORRECTED} \
             WHERE started_at >= ?1 AND started_at < ?2 AND device_id IS NOT NULL \
               AND (?3 IS NULL OR device_id = ?3) AND id NOT IN ({VOIDED_INCIDENTS}) \
             GROUP BY 1, 2, 3"
        ))?;
        let rows = stmt
            .query_map(params![lo, hi, period.device], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Incidents, the checklist, outages and outside backups of the days `from..=to`.
    fn slice_rows(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        device: Option<i64>,
    ) -> Result<SummaryRows, StoreError> {
        let (lo, hi) = bounds(from, to);
        let mut rows = SummaryRows::default();

        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT substr(started_at, 1, 7), entry_id, prompt, count(*) \
             FROM {INCIDENTS_WHERE_CORRECTED} \
             WHERE started_at >= ?1 AND started_at < ?2 AND (?3 IS NULL OR device_id = ?3) \
               AND id NOT IN ({VOIDED_INCIDENTS}) \
             GROUP BY 1, 2, 3"
        ))?;
        rows.incidents = stmt
            .query_map(params![lo, hi, device], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;

        // By the day the history shows the occurrence on (the day it was done, or its due day
        // when it never was), so a bar's records are exactly the history's done / problem /
        // late / missed entries of those days. Two halves, each on an index: done ones by
        // `done_at`, never-done ones by `due` among those without a `done_at`.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT x.day, sum(x.on_time), sum(x.late), sum(x.missed) FROM ( \
               SELECT substr(c.done_at, 1, 10) AS day, {MARKS} FROM completion c \
               WHERE c.done_at >= ?1 AND c.done_at < ?2 \
               UNION ALL \
               SELECT c.due AS day, {MARKS} FROM completion c \
               WHERE c.done_at IS NULL AND c.due >= ?1 AND c.due < ?2 \
             ) x JOIN task t ON t.id = x.task_id \
             WHERE ?3 IS NULL OR t.device_id = ?3 \
             GROUP BY x.day"
        ))?;
        let checklist = stmt.query_map(params![lo, hi, device], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, u32>(3)?,
            ))
        })?;
        for row in checklist {
            let (d, on_time, late, missed) = row?;
            if let Ok(d) = NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                rows.checklist.push((d, on_time, late, missed));
            }
        }

        // (Each outage counts at least a minute: one ended within seconds still happened.)
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(started_at, 1, 7), \
                    CAST(sum(max(1, round(max(0, julianday(ended_at) - julianday(started_at)) * 1440))) AS INTEGER) \
             FROM outage \
             WHERE drill = 0 AND ended_at IS NOT NULL AND started_at >= ?1 AND started_at < ?2 \
               AND (?3 IS NULL OR device_id = ?3) \
             GROUP BY 1",
        )?;
        rows.outages = stmt
            .query_map(params![lo, hi, device], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;

        let mut stmt = self.conn.prepare_cached(
            "SELECT at FROM backup_log WHERE kind = 'manual' AND ok = 1 AND at >= ?1 AND at < ?2 \
             ORDER BY at",
        )?;
        let backups = stmt.query_map(params![lo, hi], |r| r.get::<_, String>(0))?;
        for at in backups {
            if let Some(at) = parse_stamp(&at?) {
                rows.backups.push(at);
            }
        }
        Ok(rows)
    }
}
