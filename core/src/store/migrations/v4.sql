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
