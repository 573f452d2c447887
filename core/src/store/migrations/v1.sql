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
