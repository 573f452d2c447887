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
