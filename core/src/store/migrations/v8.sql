-- 8: an incident names who handled it: the person on shift when it was recorded (from the
-- lookup, or the person who did the check that found it). Incidents recorded before stay without
-- a name; nothing is guessed for them.
ALTER TABLE incident ADD COLUMN staff_id INTEGER REFERENCES staff (id);

-- The history of an incident's events carries that name (the rows already written keep theirs).
DROP VIEW history_of_incident_event;
CREATE VIEW history_of_incident_event AS
SELECT e.id AS source_id, e.at AS at, 'incident' AS kind, e.action AS action,
       i.device_id AS device_id, i.staff_id AS staff_id, i.prompt AS subject,
       CASE WHEN e.action = 'opened' THEN i.note
            WHEN e.action = 'steps' AND json_valid(e.detail) AND json_type(e.detail) = 'array'
                THEN COALESCE((SELECT group_concat(value, '；') FROM json_each(e.detail)), '')
            ELSE e.detail END AS detail
FROM incident_event e JOIN incident i ON i.id = e.incident_id;
