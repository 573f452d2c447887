-- 9: a checklist being ticked on Today is kept as it is ticked, one row per task and due date,
-- so closing the window, an upgrade that closes it or a power cut loses no tick. Recording the
-- check (done, problem or skipped) removes the row. `body` is the JSON of
-- `planner::checklist::DraftBody`: each item's text and mark, the note, where the problem is.
CREATE TABLE checklist_draft (
    task_id  INTEGER NOT NULL REFERENCES task (id),
    due      TEXT NOT NULL,
    body     TEXT NOT NULL CHECK (json_valid(body)),
    saved_at TEXT NOT NULL,
    PRIMARY KEY (task_id, due)
) STRICT;
