//! The device registry: devices and their change log. Nothing here deletes a device.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::problems::tagged;
use super::{Record, Records, Store, StoreError, now_stamp};
use crate::device::{Device, DeviceFields, DeviceKind};

const COLUMNS: &str = "id, name, kind, brand, model, serial, terminal_id, merchant_id, acquirer, hotline, \
                       installed_on, warranty_until, notes, retired_on, retired_reason";

fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn read_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    Ok(text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()))
}

fn read_device(row: &Row<'_>) -> rusqlite::Result<Device> {
    let kind: String = row.get(2)?;
    Ok(Device {
        id: row.get(0)?,
        fields: DeviceFields {
            name: row.get(1)?,
            kind: DeviceKind::from_code(&kind).unwrap_or(DeviceKind::Other),
            brand: row.get(3)?,
            model: row.get(4)?,
            serial: row.get(5)?,
            terminal_id: row.get(6)?,
            merchant_id: row.get(7)?,
            acquirer: row.get(8)?,
            hotline: row.get(9)?,
            installed_on: read_date(row, 10)?,
            warranty_until: read_date(row, 11)?,
            notes: row.get(12)?,
        },
        retired_on: read_date(row, 13)?,
        retired_reason: row.get(14)?,
    })
}

impl Store {
    /// Adds a device; returns its id.
    pub fn add_device(&mut self, f: &DeviceFields) -> Result<i64, StoreError> {
        let now = now_stamp();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO device (name, kind, brand, model, serial, terminal_id, merchant_id, acquirer, hotline, \
                 installed_on, warranty_until, notes, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
                params![
                    f.name,
                    f.kind.code(),
                    f.brand,
                    f.model,
                    f.serial,
                    f.terminal_id,
                    f.merchant_id,
                    f.acquirer,
                    f.hotline,
                    date_text(f.installed_on),
                    date_text(f.warranty_until),
                    f.notes,
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO device_event (device_id, at, action, detail) VALUES (?1, ?2, 'added', ?3)",
                params![id, now, f.name],
            )?;
            Ok(id)
        })
    }

    /// Replaces a device's fields, logging which ones changed.
    pub fn update_device(&mut self, id: i64, f: &DeviceFields) -> Result<(), StoreError> {
        let before = self
            .device(id)?
            .ok_or(StoreError::NotFound(Record::Device))?;
        let changed = changed_fields(&before.fields, f);
        if changed.is_empty() {
            return Ok(());
        }
        let now = now_stamp();
        self.write(|tx| {
            tx.execute(
                "UPDATE device SET name = ?2, kind = ?3, brand = ?4, model = ?5, serial = ?6, terminal_id = ?7, \
                 merchant_id = ?8, acquirer = ?9, hotline = ?10, installed_on = ?11, warranty_until = ?12, \
                 notes = ?13, updated_at = ?14 WHERE id = ?1",
                params![
                    id,
                    f.name,
                    f.kind.code(),
                    f.brand,
                    f.model,
                    f.serial,
                    f.terminal_id,
                    f.merchant_id,
                    f.acquirer,
                    f.hotline,
                    date_text(f.installed_on),
                    date_text(f.warranty_until),
                    f.notes,
                    now
                ],
            )?;
            tx.execute(
                "INSERT INTO device_event (device_id, at, action, detail) VALUES (?1, ?2, 'edited', ?3)",
                params![id, now, changed.join(", ")],
            )?;
            Ok(())
        })
    }

    /// Marks a device retired on `on`, with a reason. It stays in the records.
    pub fn retire_device(
        &mut self,
        id: i64,
        on: NaiveDate,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.set_retired(id, Some(on), reason, "retired", None)
            .map(|_| ())
    }

    /// Retires a device as [`Store::retire_device`] does and, in the same transaction, marks its
    /// open and handed-on incidents resolved with `resolution` (the unit is gone: nobody will
    /// work on them, and they must not stay "open" on Today for ever). Returns how many.
    pub fn retire_device_resolving(
        &mut self,
        id: i64,
        on: NaiveDate,
        reason: &str,
        resolution: &str,
    ) -> Result<usize, StoreError> {
        self.set_retired(id, Some(on), reason, "retired", Some(resolution))
    }

    /// Puts a retired device back in use.
    pub fn reinstate_device(&mut self, id: i64) -> Result<(), StoreError> {
        self.set_retired(id, None, "", "reinstated", None)
            .map(|_| ())
    }

    fn set_retired(
        &mut self,
        id: i64,
        on: Option<NaiveDate>,
        reason: &str,
        action: &str,
        resolve_open: Option<&str>,
    ) -> Result<usize, StoreError> {
        let now = now_stamp();
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE device SET retired_on = ?2, retired_reason = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, date_text(on), reason, now],
            )?;
            if n != 1 {
                return Err(StoreError::NotFound(Record::Device));
            }
            tx.execute(
                "INSERT INTO device_event (device_id, at, action, detail) VALUES (?1, ?2, ?3, ?4)",
                params![id, now, action, reason],
            )?;
            let Some(resolution) = resolve_open else {
                return Ok(0);
            };
            // Open or handed on (waiting for a fix that will not come to a unit that is gone).
            let open: Vec<i64> = tx
                .prepare(&format!(
                    "SELECT i.id {} WHERE i.device_id = ?1 AND i.status IN ('open', 'escalated') \
                     AND v.id IS NULL",
                    super::incidents::INCIDENTS_WITH_VOID,
                ))?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for incident in &open {
                super::incidents::resolve_in(tx, *incident, resolution, &now)?;
            }
            Ok(open.len())
        })
    }
}

/// The names of the fields that differ, for the change log.
fn changed_fields(a: &DeviceFields, b: &DeviceFields) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |name, differs: bool| {
        if differs {
            out.push(name);
        }
    };
    check("name", a.name != b.name);
    check("kind", a.kind != b.kind);
    check("brand", a.brand != b.brand);
    check("model", a.model != b.model);
    check("serial", a.serial != b.serial);
    check("terminal_id", a.terminal_id != b.terminal_id);
    check("merchant_id", a.merchant_id != b.merchant_id);
    check("acquirer", a.acquirer != b.acquirer);
    check("hotline", a.hotline != b.hotline);
    check("installed_on", a.installed_on != b.installed_on);
    check("warranty_until", a.warranty_until != b.warranty_until);
    check("notes", a.notes != b.notes);
    out
}

/// The devices in the registry's order: those in use first, card terminals before other
/// kinds, then by name.
fn in_order() -> String {
    format!(
        "SELECT {COLUMNS} FROM device ORDER BY retired_on IS NOT NULL, \
         CASE kind WHEN 'terminal' THEN 0 WHEN 'printer' THEN 1 WHEN 'router' THEN 2 WHEN 'pc' THEN 3 ELSE 4 END, \
         name, id"
    )
}

/// The devices that can be read, in the registry's order, inside a write (a record filed under
/// the devices it covered: see `planner::covers`).
pub(super) fn readable_devices(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<Device>> {
    let mut stmt = conn.prepare_cached(&in_order())?;
    let rows = stmt.query_map([], read_device)?;
    Ok(rows.flatten().collect())
}

impl Records {
    /// Every device: those in use first, card terminals before other kinds, then by name.
    pub fn devices(&self) -> Result<Vec<Device>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&in_order())?;
        let rows = stmt.query_map([], |r| tagged(r, read_device))?;
        self.readable("device", rows)
    }

    /// One device.
    pub fn device(&self, id: i64) -> Result<Option<Device>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM device WHERE id = ?1"))?;
        Ok(stmt.query_row([id], read_device).optional()?)
    }

    /// A device's change log, oldest first: (when, action, detail).
    pub fn device_events(&self, id: i64) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, action, detail FROM device_event WHERE device_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
