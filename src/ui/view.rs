//! What every screen may read: the language, the day, the device registry and the planner's records.

use chrono::NaiveDate;

use crate::device::Device;
use crate::i18n::Lang;
use crate::planner::PlanSnapshot;

/// Read-only data shared by the screens, lent by the app for one frame.
pub struct SharedView<'a> {
    /// The interface language.
    pub lang: Lang,
    /// The data folder (nothing the merchant saves may be written into it).
    pub data_dir: &'a std::path::Path,
    /// Today's date (fixed in tests).
    pub today: NaiveDate,
    /// The device registry, retired devices too.
    pub devices: &'a [Device],
    /// The planner's records: staff, tasks, today's agenda.
    pub plan: &'a PlanSnapshot,
    /// The shop's name as entered in Settings (may be empty).
    pub shop_name: &'a str,
}
