//! The database schema and its migrations.
//!
//! `PRAGMA user_version` holds the schema version. Each migration takes the database from
//! version N to N+1 inside one transaction. A database newer than [`CURRENT_VERSION`] is refused.
//! Every released version keeps a fixture under `tests/fixtures/` that the migration tests open.

use rusqlite::{Connection, Transaction};

/// `PRAGMA application_id`: marks a file as a POS Care database ("PCAR").
pub const APPLICATION_ID: i32 = 0x5043_4152;

/// The schema version this program writes.
pub const CURRENT_VERSION: i32 = MIGRATIONS.len() as i32;

/// Migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: settings, the device registry and its change log.
    r#"
    CREATE TABLE setting (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE device (
        id             INTEGER PRIMARY KEY,
        name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        kind           TEXT NOT NULL CHECK (kind IN ('terminal', 'printer', 'router', 'pc', 'other')),
        brand          TEXT NOT NULL DEFAULT '',
        model          TEXT NOT NULL DEFAULT '',
        serial         TEXT NOT NULL DEFAULT '',
        terminal_id    TEXT NOT NULL DEFAULT '',
        merchant_id    TEXT NOT NULL DEFAULT '',
        acquirer       TEXT NOT NULL DEFAULT '',
        hotline        TEXT NOT NULL DEFAULT '',
        installed_on   TEXT,
        warranty_until TEXT,
        notes          TEXT NOT NULL DEFAULT '',
        retired_on     TEXT,
        retired_reason TEXT NOT NULL DEFAULT '',
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
    ) STRICT;

    CREATE TABLE device_event (
        id        INTEGER PRIMARY KEY,
        device_id INTEGER NOT NULL REFERENCES device (id),
        at        TEXT NOT NULL,
        action    TEXT NOT NULL CHECK (action IN ('added', 'edited', 'retired', 'reinstated')),
        detail    TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX device_event_by_device ON device_event (device_id, at);
    "#,
    // 2: incidents from the lookup, the merchant's notes on entries, and their own entries.
    r#"
    CREATE TABLE incident (
        id           INTEGER PRIMARY KEY,
        started_at   TEXT NOT NULL,
        device_id    INTEGER REFERENCES device (id),
        prompt       TEXT NOT NULL CHECK (length(prompt) BETWEEN 1 AND 500),
        entry_id     TEXT,
        steps_done   TEXT NOT NULL DEFAULT '[]',
        note         TEXT NOT NULL DEFAULT '',
        status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'escalated')),
        resolution   TEXT NOT NULL DEFAULT '',
        escalated_to TEXT NOT NULL DEFAULT '',
        closed_at    TEXT,
        source       TEXT NOT NULL DEFAULT 'lookup',
        updated_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX incident_by_start ON incident (started_at);
    CREATE INDEX incident_by_device ON incident (device_id, started_at);
    CREATE INDEX incident_open ON incident (started_at) WHERE status = 'open';

    CREATE TABLE incident_event (
        id          INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incident (id),
        at          TEXT NOT NULL,
        action      TEXT NOT NULL CHECK (action IN ('opened', 'steps', 'note', 'resolved', 'escalated', 'reopened')),
        detail      TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX incident_event_by_incident ON incident_event (incident_id, at);

    CREATE TABLE entry_note (
        entry_id   TEXT PRIMARY KEY,
        note       TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE own_entry (
        id         INTEGER PRIMARY KEY,
        screen     TEXT NOT NULL CHECK (length(screen) BETWEEN 1 AND 500),
        code       TEXT NOT NULL DEFAULT '',
        title      TEXT NOT NULL DEFAULT '',
        meaning    TEXT NOT NULL DEFAULT '',
        steps      TEXT NOT NULL DEFAULT '',
        category   TEXT,
        retry      TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;
    "#,
    // 3: the planner: staff, tasks with checklists and schedules, completions, training.
    r#"
    CREATE TABLE staff (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
        role       TEXT NOT NULL DEFAULT '',
        phone      TEXT NOT NULL DEFAULT '',
        started_on TEXT,
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE task (
        id           INTEGER PRIMARY KEY,
        title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
        category     TEXT NOT NULL CHECK (category IN ('check', 'training', 'backup', 'drill', 'other')),
        instructions TEXT NOT NULL DEFAULT '',
        items        TEXT NOT NULL DEFAULT '[]',
        device_id    INTEGER REFERENCES device (id),
        staff_id     INTEGER REFERENCES staff (id),
        schedule     TEXT NOT NULL,
        paused       INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        starter_key  TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    ) STRICT;

    CREATE TABLE completion (
        id          INTEGER PRIMARY KEY,
        task_id     INTEGER NOT NULL REFERENCES task (id),
        due         TEXT NOT NULL,
        done_at     TEXT,
        done_by     INTEGER REFERENCES staff (id),
        outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'problem', 'skipped', 'missed')),
        items       TEXT NOT NULL DEFAULT '[]',
        note        TEXT NOT NULL DEFAULT '',
        incident_id INTEGER REFERENCES incident (id),
        recorded_at TEXT NOT NULL,
        UNIQUE (task_id, due)
    ) STRICT;
    CREATE INDEX completion_by_done ON completion (done_at);

    CREATE TABLE training_module (
        id               INTEGER PRIMARY KEY,
        title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
        items            TEXT NOT NULL DEFAULT '[]',
        refresher_months INTEGER NOT NULL DEFAULT 12 CHECK (refresher_months BETWEEN 0 AND 120),
        onboarding       INTEGER NOT NULL DEFAULT 1 CHECK (onboarding IN (0, 1)),
        archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        starter_key      TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
    ) STRICT;

    CREATE TABLE training_record (
        id          INTEGER PRIMARY KEY,
        staff_id    INTEGER NOT NULL REFERENCES staff (id),
        module_id   INTEGER NOT NULL REFERENCES training_module (id),
        on_date     TEXT NOT NULL,
        trainer     TEXT NOT NULL DEFAULT '',
        note        TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX training_by_staff ON training_record (staff_id, module_id, on_date);
    "#,
    // 4: emergency plans, the shop's contacts, outages (a plan run or a recorded outage), and a
    // log of every backup written or restored.
    r#"
    CREATE TABLE emergency_plan (
        id          INTEGER PRIMARY KEY,
        title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
        situation   TEXT NOT NULL DEFAULT '',
        steps       TEXT NOT NULL DEFAULT '[]',
        fallbacks   TEXT NOT NULL DEFAULT '[]',
        archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        starter_key TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE contact (
        id         INTEGER PRIMARY KEY,
        role       TEXT NOT NULL CHECK (role IN ('acquirer', 'bank', 'technician', 'internet', 'power', 'other')),
        name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        phone      TEXT NOT NULL DEFAULT '',
        note       TEXT NOT NULL DEFAULT '',
        archived   INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE outage (
        id         INTEGER PRIMARY KEY,
        plan_id    INTEGER REFERENCES emergency_plan (id),
        device_id  INTEGER REFERENCES device (id),
        staff_id   INTEGER REFERENCES staff (id),
        drill      INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0, 1)),
        started_at TEXT NOT NULL,
        ended_at   TEXT,
        steps_done TEXT NOT NULL DEFAULT '[]',
        lost       TEXT NOT NULL DEFAULT '',
        fix        TEXT NOT NULL DEFAULT '',
        note       TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX outage_by_start ON outage (started_at);
    CREATE INDEX outage_open ON outage (started_at) WHERE ended_at IS NULL;

    CREATE TABLE backup_log (
        id     INTEGER PRIMARY KEY,
        at     TEXT NOT NULL,
        kind   TEXT NOT NULL CHECK (kind IN ('auto', 'pre_migration', 'pre_restore', 'manual', 'restored')),
        path   TEXT NOT NULL,
        bytes  INTEGER NOT NULL DEFAULT 0,
        ok     INTEGER NOT NULL DEFAULT 1 CHECK (ok IN (0, 1)),
        detail TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX backup_log_by_at ON backup_log (at);
    "#,
    // 5: the history timeline (triggers on the source tables, backfilled), and its corrections.
    include_str!("history_v5.sql"),
];

/// Brings a database at `from` up to [`CURRENT_VERSION`], one transaction per step.
pub fn migrate(conn: &mut Connection, from: i32) -> rusqlite::Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        let tx: Transaction<'_> = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i32)?;
        tx.commit()?;
    }
    Ok(())
}
