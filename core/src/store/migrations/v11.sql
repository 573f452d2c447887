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
