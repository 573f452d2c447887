//! A set of weekdays, for weekly schedules and the shop's rest days.
//!
//! Stored as JSON as a list of codes in week order, Monday first: `["mon", "wed", "fri"]`.

use std::fmt;

use chrono::Weekday;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

/// The seven weekdays, Monday first (the order of Chinese calendars and of ISO 8601).
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// A set of weekdays (a small bit set; chrono's `Weekday` has no order to put in a `BTreeSet`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Weekdays(u8);

impl Weekdays {
    /// No day.
    pub const NONE: Weekdays = Weekdays(0);
    /// Every day of the week.
    pub const ALL: Weekdays = Weekdays(0b111_1111);
    /// Monday to Friday.
    pub const MON_TO_FRI: Weekdays = Weekdays(0b001_1111);

    fn bit(day: Weekday) -> u8 {
        1 << day.num_days_from_monday()
    }

    /// The set holding exactly `days`.
    pub fn of(days: &[Weekday]) -> Weekdays {
        days.iter().copied().collect()
    }

    /// Whether `day` is in the set.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & Self::bit(day) != 0
    }

    /// Adds `day`.
    pub fn insert(&mut self, day: Weekday) {
        self.0 |= Self::bit(day);
    }

    /// Removes `day`.
    pub fn remove(&mut self, day: Weekday) {
        self.0 &= !Self::bit(day);
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many days the set holds.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The days in the set, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        WEEK.into_iter().filter(move |d| self.contains(*d))
    }
}

impl FromIterator<Weekday> for Weekdays {
    fn from_iter<I: IntoIterator<Item = Weekday>>(days: I) -> Self {
        let mut set = Weekdays::NONE;
        for day in days {
            set.insert(day);
        }
        set
    }
}

impl fmt::Debug for Weekdays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// The code of a weekday in stored JSON: `mon` … `sun`.
pub fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// The weekday stored as `code` (case-insensitive).
pub fn weekday_from_code(code: &str) -> Option<Weekday> {
    WEEK.into_iter()
        .find(|d| weekday_code(*d).eq_ignore_ascii_case(code.trim()))
}

impl Serialize for Weekdays {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(weekday_code))
    }
}

impl<'de> Deserialize<'de> for Weekdays {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let codes = Vec::<String>::deserialize(d)?;
        codes
            .iter()
            .map(|c| {
                weekday_from_code(c).ok_or_else(|| D::Error::custom(format!("bad weekday {c:?}")))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let mut set = Weekdays::of(&[Weekday::Fri, Weekday::Mon]);
        assert!(set.contains(Weekday::Mon) && set.contains(Weekday::Fri));
        assert!(!set.contains(Weekday::Sun));
        assert_eq!(set.len(), 2);
        set.insert(Weekday::Sun);
        set.remove(Weekday::Mon);
        assert_eq!(set.iter().collect::<Vec<_>>(), [Weekday::Fri, Weekday::Sun]);
        assert!(Weekdays::NONE.is_empty());
        assert_eq!(Weekdays::ALL.len(), 7);
        assert_eq!(Weekdays::MON_TO_FRI.iter().last(), Some(Weekday::Fri));
    }

    #[test]
    fn json_is_a_list_of_codes_in_week_order() {
        let set = Weekdays::of(&[Weekday::Sun, Weekday::Wed, Weekday::Mon]);
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(json, r#"["mon","wed","sun"]"#);
        assert_eq!(serde_json::from_str::<Weekdays>(&json).unwrap(), set);
        assert_eq!(
            serde_json::from_str::<Weekdays>(r#"["SAT"]"#).unwrap(),
            Weekdays::of(&[Weekday::Sat])
        );
        assert!(serde_json::from_str::<Weekdays>(r#"["someday"]"#).is_err());
    }
}
