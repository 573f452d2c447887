-- 7: a correction may move an entry to the device it really concerns (the opening check covers
-- several terminals: a problem filed against one may have been found on another). The entry
-- itself never changes; the latest correction that names a device says where it belongs.
ALTER TABLE history_correction ADD COLUMN device_id INTEGER REFERENCES device (id);
CREATE INDEX history_correction_by_device ON history_correction (device_id, history_id)
    WHERE device_id IS NOT NULL;
-- The checklist a problem incident came from (its call sheet names the items, not a prompt).
CREATE INDEX completion_by_incident ON completion (incident_id) WHERE incident_id IS NOT NULL;
