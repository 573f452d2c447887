-- 11: a check that could not be done on its day, put off to a later day before its next slot
-- (planner::postpone): the task's open occurrence due on `due` is shown as due on `until`.
-- Done, it is recorded against its own slot as before; the row goes with that record.
CREATE TABLE task_postponed (
    task_id INTEGER NOT NULL REFERENCES task (id),
    due     TEXT NOT NULL CHECK (due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    until   TEXT NOT NULL CHECK (until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND until > due),
    set_at  TEXT NOT NULL,
    PRIMARY KEY (task_id, due)
) STRICT;

-- A completion of an occurrence that was put off says to which day: done by then, it is not
-- "done late" (in the history's view, Insights and the window).
ALTER TABLE completion ADD COLUMN put_off_to TEXT
    CHECK (put_off_to IS NULL OR put_off_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
DROP VIEW history_of_completion;
CREATE VIEW history_of_completion AS
SELECT c.id AS source_id,
       COALESCE(c.done_at, c.due || 'T23:59:59') AS at,
       CASE WHEN c.outcome = 'ok' AND substr(c.done_at, 1, 10) > COALESCE(c.put_off_to, c.due)
                THEN 'late'
            WHEN c.outcome = 'ok' THEN 'done'
            ELSE c.outcome END AS kind,
       t.category AS action, t.device_id AS device_id, c.done_by AS staff_id,
       t.title AS subject, c.note AS detail
FROM completion c JOIN task t ON t.id = c.task_id;
