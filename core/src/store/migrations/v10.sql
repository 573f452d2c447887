-- 10: a check tied to one device that goes over every device of its kind in use (the daily
-- opening check of a shop with two terminals: see planner::covers) is filed under each device
-- it covered when it was recorded, not only under the task's own. The history row keeps the
-- task's device; these rows add the others. Records made before this version have none.
CREATE TABLE history_device (
    history_id INTEGER NOT NULL REFERENCES history (id),
    device_id  INTEGER NOT NULL REFERENCES device (id),
    PRIMARY KEY (history_id, device_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX history_device_by_device ON history_device (device_id);
