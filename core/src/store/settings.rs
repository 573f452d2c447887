//! Settings: a small key/value table in the same database as the records.

use rusqlite::{OptionalExtension, params};

use super::{Records, Store, StoreError};
use crate::i18n::Lang;

/// The keys of stored settings.
pub mod keys {
    /// `zh` or `en`.
    pub const LANGUAGE: &str = "language";
    /// `system`, `light` or `dark`.
    pub const THEME: &str = "theme";
    /// Zoom in percent, 100–200.
    pub const ZOOM: &str = "zoom_percent";
    /// The folder of the last "back up now".
    pub const BACKUP_FOLDER: &str = "backup_folder";
    /// Whether the starter plan was offered and answered (`done`).
    pub const STARTER_OFFERED: &str = "starter_offered";
    /// The shop's rest days and holidays (JSON).
    pub const SHOP_CALENDAR: &str = "shop_calendar";
    /// Who is on shift and the day they were chosen for (`2026-11-25 3`), chosen on Today
    /// (`planner::shift`).
    pub const CURRENT_STAFF: &str = "current_staff";
    /// The merchant skipped Today's "set up your shop" steps (`1`).
    pub const SETUP_SKIPPED: &str = "setup_skipped";
    /// The shop's name, for call sheets.
    pub const SHOP_NAME: &str = "shop_name";
    /// When the last backup to an outside folder was made.
    pub const LAST_EXTERNAL_BACKUP: &str = "last_external_backup";
    /// After how many days without a backup to an outside folder Today reminds (1–90).
    pub const BACKUP_REMINDER_DAYS: &str = "backup_reminder_days";
    /// Whether the starter emergency plans were added (`done`) or declined.
    pub const EMERGENCY_STARTER: &str = "emergency_starter";
    /// The merchant's own customer notice (JSON: `{"zh": …, "en": …}`).
    pub const CUSTOMER_NOTICE: &str = "customer_notice";
    /// A loss the window offered to recover from and the merchant has not yet dealt with
    /// (`set_aside:PATH`, `missing` or `empty`).
    pub const RECOVERY_PENDING: &str = "recovery_pending";
    /// The name of the newest file in `damaged/` the merchant has dealt with.
    pub const RECOVERY_HANDLED: &str = "recovery_handled";
    /// When the shop opens (`HH:MM`), for the reminders' times.
    pub const OPENING_TIME: &str = "opening_time";
    /// `1`: no desktop notifications (the tray icon still counts what is due).
    pub const QUIET: &str = "quiet_reminders";
    /// `0`: closing the window quits; otherwise (the default) it hides to the notification area.
    pub const CLOSE_TO_TRAY: &str = "close_to_tray";
    /// The reminders announced today (JSON, see `reminders::Announced`).
    pub const REMINDERS_ANNOUNCED: &str = "reminders_announced";
    /// The last start of the window on a trusted clock (a time stamp).
    pub const LAST_START: &str = "last_start";
    /// The day the merchant confirmed as today although the clock was doubted (`YYYY-MM-DD`).
    pub const CLOCK_CONFIRMED: &str = "clock_confirmed";
    /// The merchant's repeat-warning rules (JSON: `{"card_read": {"count": 5, "days": 10}, …}`).
    pub const REPEAT_RULES: &str = "repeat_rules";
    /// The day the data was last restored from a backup (`YYYY-MM-DD`): checks due before it
    /// are not recorded as missed, since what happened on those days is in the data that was
    /// replaced, not in the copy restored.
    pub const RESTORED_ON: &str = "restored_on";
}

impl Store {
    /// Stores a setting (one committed transaction).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.put_setting(key, value)
    }

    /// Removes a setting (back to its default).
    pub(super) fn remove_setting(&self, key: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM setting WHERE key = ?1", [key])?;
        Ok(())
    }

    /// [`Store::set_setting`] for code that holds the store shared (a backup job).
    pub(super) fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

impl Records {
    /// The app's language: the chosen one, else the computer's.
    pub fn language(&self) -> Lang {
        self.setting(keys::LANGUAGE)
            .ok()
            .flatten()
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or_else(Lang::from_os)
    }

    /// The zoom in percent the window uses: the chosen one (100–200), else 100.
    pub fn zoom_percent(&self) -> u32 {
        self.setting(keys::ZOOM)
            .ok()
            .flatten()
            .and_then(|z| z.parse::<u32>().ok())
            .map_or(100, |z| z.clamp(100, 200))
    }

    /// A stored setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT value FROM setting WHERE key = ?1")?;
        Ok(stmt.query_row([key], |r| r.get(0)).optional()?)
    }
}
