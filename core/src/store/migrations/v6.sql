-- 6: acknowledged warnings (Insights). One row per warning (its key, such as
-- `repeat:7:card_read`), holding when it was last acknowledged; it shows again only when newer
-- evidence keeps it qualifying.
CREATE TABLE warning_ack (
    warning         TEXT PRIMARY KEY,
    acknowledged_at TEXT NOT NULL
) STRICT;
