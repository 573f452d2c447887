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
