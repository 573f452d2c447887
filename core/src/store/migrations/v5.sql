-- 5: the history timeline. One append-only row per thing that happened, fed by triggers on the
-- source tables (so every write path feeds it in its own transaction) and backfilled below.
-- Corrections (amend/void with a reason) are rows of their own; a history row is never deleted.
CREATE TABLE history (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('done', 'late', 'missed', 'skipped', 'problem', 'incident',
                                            'outage', 'drill', 'training', 'backup', 'device')),
    action    TEXT NOT NULL DEFAULT '',
    device_id INTEGER,
    staff_id  INTEGER,
    subject   TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT '',
    source    TEXT NOT NULL CHECK (source IN ('completion', 'incident_event', 'outage', 'training_record',
                                              'backup_log', 'device_event')),
    source_id INTEGER NOT NULL,
    search    TEXT GENERATED ALWAYS AS (lower(subject || char(10) || detail)) STORED
) STRICT;
CREATE INDEX history_by_at ON history (at);
-- Partial: many entries have no device or no person (`device_id = ?` still uses them).
CREATE INDEX history_by_device ON history (device_id, at) WHERE device_id IS NOT NULL;
CREATE INDEX history_by_kind ON history (kind, at);
CREATE INDEX history_by_staff ON history (staff_id, at) WHERE staff_id IS NOT NULL;
CREATE INDEX history_by_source ON history (source, source_id);
-- Text search reads this index alone, newest first, never the table rows (the store names it
-- with INDEXED BY: the planner would otherwise walk history_by_at and read every row).
CREATE INDEX history_text ON history (at, id, search, device_id, staff_id);

CREATE TABLE history_correction (
    id         INTEGER PRIMARY KEY,
    history_id INTEGER NOT NULL REFERENCES history (id),
    action     TEXT NOT NULL CHECK (action IN ('amend', 'void')),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 500),
    text       TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL
) STRICT;
CREATE INDEX history_correction_by_entry ON history_correction (history_id, id);

CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history rows are never deleted'); END;
CREATE TRIGGER history_correction_no_delete BEFORE DELETE ON history_correction
BEGIN SELECT RAISE(ABORT, 'corrections are never deleted'); END;
CREATE TRIGGER history_correction_no_update BEFORE UPDATE ON history_correction
BEGIN SELECT RAISE(ABORT, 'corrections are never changed'); END;

-- What each source row looks like on the timeline (used by the triggers and the backfill).
CREATE VIEW history_of_completion AS
SELECT c.id AS source_id,
       COALESCE(c.done_at, c.due || 'T23:59:59') AS at,
       CASE WHEN c.outcome = 'ok' AND substr(c.done_at, 1, 10) > c.due THEN 'late'
            WHEN c.outcome = 'ok' THEN 'done'
            ELSE c.outcome END AS kind,
       t.category AS action, t.device_id AS device_id, c.done_by AS staff_id,
       t.title AS subject, c.note AS detail
FROM completion c JOIN task t ON t.id = c.task_id;

-- An incident's opening shows its note (the event repeats the prompt); a steps event shows the
-- steps as a list (never failing on text that is not JSON: a trigger must not stop a write).
CREATE VIEW history_of_incident_event AS
SELECT e.id AS source_id, e.at AS at, 'incident' AS kind, e.action AS action,
       i.device_id AS device_id, NULL AS staff_id, i.prompt AS subject,
       CASE WHEN e.action = 'opened' THEN i.note
            WHEN e.action = 'steps' AND json_valid(e.detail) AND json_type(e.detail) = 'array'
                THEN COALESCE((SELECT group_concat(value, '；') FROM json_each(e.detail)), '')
            ELSE e.detail END AS detail
FROM incident_event e JOIN incident i ON i.id = e.incident_id;

CREATE VIEW history_of_outage AS
SELECT o.id AS source_id, o.started_at AS at, o.ended_at AS ended_at,
       CASE o.drill WHEN 1 THEN 'drill' ELSE 'outage' END AS kind,
       o.device_id AS device_id, o.staff_id AS staff_id,
       COALESCE(p.title, '') AS subject,
       trim(o.lost || CASE WHEN o.fix != '' THEN ' / ' || o.fix ELSE '' END
                   || CASE WHEN o.note != '' THEN ' / ' || o.note ELSE '' END, ' /') AS detail
FROM outage o LEFT JOIN emergency_plan p ON p.id = o.plan_id;

CREATE VIEW history_of_training_record AS
SELECT r.id AS source_id,
       CASE WHEN substr(r.recorded_at, 1, 10) = r.on_date THEN r.recorded_at
            ELSE r.on_date || 'T00:00:00' END AS at,
       'training' AS kind, '' AS action, NULL AS device_id, r.staff_id AS staff_id,
       m.title AS subject,
       trim(r.trainer || CASE WHEN r.note != '' THEN ' / ' || r.note ELSE '' END, ' /') AS detail
FROM training_record r JOIN training_module m ON m.id = r.module_id;

CREATE VIEW history_of_backup_log AS
SELECT b.id AS source_id, b.at AS at, 'backup' AS kind,
       CASE b.ok WHEN 0 THEN 'failed' ELSE b.kind END AS action,
       NULL AS device_id, NULL AS staff_id, b.path AS subject, b.detail AS detail
FROM backup_log b;

CREATE VIEW history_of_device_event AS
SELECT e.id AS source_id, e.at AS at, 'device' AS kind, e.action AS action,
       e.device_id AS device_id, NULL AS staff_id, d.name AS subject, e.detail AS detail
FROM device_event e JOIN device d ON d.id = e.device_id;

CREATE TRIGGER history_completion AFTER INSERT ON completion BEGIN
    INSERT INTO history (at, kind, action, device_id, staff_id, subject, detail, source, source_id)
    SELECT at, kind, action, device_id, staff_id, subject, detail, 'completion', source_id
    FROM history_of_completion WHERE source_id = NEW.id;
END;
CREATE TRIGGER history_incident_event AFTER INSERT ON incident_event BEGIN
    INSERT INTO history (at, kind, action, device_id, staff_id, subject, detail, source, source_id)
    SELECT at, kind, action, device_id, staff_id, subject, detail, 'incident_event', source_id
    FROM history_of_incident_event WHERE source_id = NEW.id;
END;
CREATE TRIGGER history_training_record AFTER INSERT ON training_record BEGIN
    INSERT INTO history (at, kind, action, device_id, staff_id, subject, detail, source, source_id)
    SELECT at, kind, action, device_id, staff_id, subject, detail, 'training_record', source_id
    FROM history_of_training_record WHERE source_id = NEW.id;
END;
CREATE TRIGGER history_backup_log AFTER INSERT ON backup_log BEGIN
    INSERT INTO history (at, kind, action, device_id, staff_id, subject, detail, source, source_id)
    SELECT at, kind, action, device_id, staff_id, subject, detail, 'backup_log', source_id
    FROM history_of_backup_log WHERE source_id = NEW.id;
END;
CREATE TRIGGER history_device_event AFTER INSERT ON device_event BEGIN
    INSERT INTO history (at, kind, action, device_id, staff_id, subject, detail, source, source_id)
    SELECT at, kind, action, device_id, staff_id, subject, detail, 'device_event', source_id
    FROM history_of_device_event WHERE source_id = NEW.id;
END;
-- An outage is one row when it starts, and a second row when it ends; later edits (the fix, what
-- was lost) update both, so the timeline always shows the outage as it now stands.
CREATE TRIGGER history_outage_start AFTER INSERT ON outage BEGIN
    INSERT INTO history (at, kind, action, device_id, staff_id, subject, detail, source, source_id)
    SELECT at, kind, 'started', device_id, staff_id, subject, detail, 'outage', source_id
    FROM history_of_outage WHERE source_id = NEW.id;
    INSERT INTO history (at, kind, action, device_id, staff_id, subject, detail, source, source_id)
    SELECT ended_at, kind, 'ended', device_id, staff_id, subject, detail, 'outage', source_id
    FROM history_of_outage WHERE source_id = NEW.id AND ended_at IS NOT NULL;
END;
CREATE TRIGGER history_outage_update AFTER UPDATE ON outage BEGIN
    UPDATE history SET kind = s.kind, device_id = s.device_id, staff_id = s.staff_id,
                       subject = s.subject, detail = s.detail,
                       at = CASE history.action WHEN 'ended' THEN COALESCE(s.ended_at, history.at)
                                                ELSE s.at END
    FROM (SELECT * FROM history_of_outage WHERE source_id = NEW.id) AS s
    WHERE history.source = 'outage' AND history.source_id = NEW.id;
    INSERT INTO history (at, kind, action, device_id, staff_id, subject, detail, source, source_id)
    SELECT ended_at, kind, 'ended', device_id, staff_id, subject, detail, 'outage', source_id
    FROM history_of_outage
    WHERE source_id = NEW.id AND ended_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM history
                      WHERE source = 'outage' AND source_id = NEW.id AND action = 'ended');
END;

-- Backfill what was kept before this version.
INSERT INTO history (at, kind, action, device_id, staff_id, subject, detail, source, source_id)
SELECT at, kind, action, device_id, staff_id, subject, detail, 'device_event', source_id FROM history_of_device_event
UNION ALL
SELECT at, kind, action, device_id, staff_id, subject, detail, 'incident_event', source_id FROM history_of_incident_event
UNION ALL
SELECT at, kind, action, device_id, staff_id, subject, detail, 'completion', source_id FROM history_of_completion
UNION ALL
SELECT at, kind, action, device_id, staff_id, subject, detail, 'training_record', source_id FROM history_of_training_record
UNION ALL
SELECT at, kind, action, device_id, staff_id, subject, detail, 'backup_log', source_id FROM history_of_backup_log
UNION ALL
SELECT at, kind, 'started', device_id, staff_id, subject, detail, 'outage', source_id FROM history_of_outage
UNION ALL
SELECT ended_at, kind, 'ended', device_id, staff_id, subject, detail, 'outage', source_id FROM history_of_outage
WHERE ended_at IS NOT NULL
ORDER BY 1, 8, 9;
