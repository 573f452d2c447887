//! The shop's calendar: weekly rest days and holidays (single days or ranges such as 春节).

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::iso_date;
use super::weekdays::Weekdays;
use crate::i18n::{Lang, T};

/// How far any search goes, in days or in slots: three years. A search that finds nothing within
/// it gives up (no date) instead of looping.
pub const SEARCH_DAYS: u64 = 1096;

/// The longest a single closing may be before [`ShopCalendar::validate`] calls it a mistake.
const LONGEST_CLOSING_DAYS: i64 = 366;

/// The longest name of a holiday.
pub const MAX_HOLIDAY_NAME: usize = 40;

/// Days the shop is closed, on top of the weekly rest days: one day, or a range such as 春节.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Holiday {
    /// The first closed day.
    #[serde(with = "iso_date")]
    pub first: NaiveDate,
    /// The last closed day (the same as `first` for a single day).
    #[serde(with = "iso_date")]
    pub last: NaiveDate,
    /// The merchant's name for it, shown as typed (may be empty).
    #[serde(default)]
    pub name: String,
}

impl Holiday {
    /// A single closed day.
    pub fn day(date: NaiveDate) -> Holiday {
        Holiday::range(date, date)
    }

    /// The closed days from `first` to `last`, both included.
    pub fn range(first: NaiveDate, last: NaiveDate) -> Holiday {
        Holiday {
            first,
            last,
            name: String::new(),
        }
    }

    /// The same, with the merchant's name for it.
    pub fn named(self, name: &str) -> Holiday {
        Holiday {
            name: name.to_owned(),
            ..self
        }
    }

    /// Whether `date` is one of its days (a range typed backwards counts the same days).
    pub fn contains(&self, date: NaiveDate) -> bool {
        let (a, b) = if self.first <= self.last {
            (self.first, self.last)
        } else {
            (self.last, self.first)
        };
        (a..=b).contains(&date)
    }
}

/// Why a shop calendar needs a second look.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CalendarError {
    /// All seven weekdays are rest days. Until fixed, the rest days are ignored (holidays still
    /// count), so that due dates keep coming.
    EveryDayClosed,
    /// A holiday range ends before it begins (it is read as the same days the right way round).
    HolidayReversed {
        /// As typed: the first day.
        first: NaiveDate,
        /// As typed: the last day.
        last: NaiveDate,
    },
    /// A holiday range longer than a year: almost surely a typo in the year.
    HolidayTooLong {
        /// The first day.
        first: NaiveDate,
        /// The last day.
        last: NaiveDate,
    },
    /// A holiday outside the years any date of the app may have (1990–2100): a typing slip
    /// ("2999-01-01").
    HolidayOutOfRange {
        /// Its first day.
        first: NaiveDate,
    },
}

impl CalendarError {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CalendarError::EveryDayClosed => lang.t(T::PlanErrEveryDayClosed).to_owned(),
            CalendarError::HolidayReversed { first, last } => lang.fill(
                T::PlanErrHolidayReversed,
                &[("first", &first.to_string()), ("last", &last.to_string())],
            ),
            CalendarError::HolidayTooLong { first, last } => lang.fill(
                T::PlanErrHolidayTooLong,
                &[("first", &first.to_string()), ("last", &last.to_string())],
            ),
            CalendarError::HolidayOutOfRange { .. } => {
                lang.fill(T::ErrDateRange, &[("field", lang.t(T::PlanHolidayFirst))])
            }
        }
    }
}

/// When the shop is closed. The default is a shop open every day.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ShopCalendar {
    /// The weekly rest days.
    #[serde(default)]
    pub rest_days: Weekdays,
    /// Holidays and other closings.
    #[serde(default)]
    pub holidays: Vec<Holiday>,
}

impl ShopCalendar {
    /// A shop open every day.
    pub fn always_open() -> ShopCalendar {
        ShopCalendar::default()
    }

    /// Whether the shop is open on `date`. Rest days are ignored while all seven days are rest
    /// days (see [`CalendarError::EveryDayClosed`]).
    pub fn is_open(&self, date: NaiveDate) -> bool {
        let rest = self.rest_days != Weekdays::ALL && self.rest_days.contains(date.weekday());
        !rest && !self.holidays.iter().any(|h| h.contains(date))
    }

    /// The first open day on or after `date`. If none comes within [`SEARCH_DAYS`] (a calendar
    /// closed for years), `date` itself is treated as open rather than searching on.
    pub fn next_open(&self, date: NaiveDate) -> NaiveDate {
        (0..SEARCH_DAYS)
            .map_while(|i| date.checked_add_days(Days::new(i)))
            .find(|d| self.is_open(*d))
            .unwrap_or(date)
    }

    /// The last open day before `date`, within [`SEARCH_DAYS`]; `None` if there is none.
    pub fn open_before(&self, date: NaiveDate) -> Option<NaiveDate> {
        (1..SEARCH_DAYS)
            .map_while(|i| date.checked_sub_days(Days::new(i)))
            .find(|d| self.is_open(*d))
    }

    /// Every problem found, for the settings form. The calendar works either way.
    pub fn validate(&self) -> Result<(), Vec<CalendarError>> {
        let mut problems = Vec::new();
        if self.rest_days == Weekdays::ALL {
            problems.push(CalendarError::EveryDayClosed);
        }
        for h in &self.holidays {
            let years = crate::device::DATE_YEARS;
            if !years.contains(&h.first.year()) || !years.contains(&h.last.year()) {
                problems.push(CalendarError::HolidayOutOfRange { first: h.first });
            } else if h.last < h.first {
                problems.push(CalendarError::HolidayReversed {
                    first: h.first,
                    last: h.last,
                });
            } else if (h.last - h.first).num_days() >= LONGEST_CLOSING_DAYS {
                problems.push(CalendarError::HolidayTooLong {
                    first: h.first,
                    last: h.last,
                });
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn sundays_and_spring_festival() -> ShopCalendar {
        ShopCalendar {
            rest_days: Weekdays::of(&[Weekday::Sun]),
            holidays: vec![
                Holiday::range(d(2026, 2, 16), d(2026, 2, 22)).named("春节"),
                Holiday::day(d(2026, 5, 1)),
            ],
        }
    }

    #[test]
    fn rest_days_and_holidays_are_closed() {
        let cal = sundays_and_spring_festival();
        assert!(cal.is_open(d(2026, 3, 7))); // Saturday
        assert!(!cal.is_open(d(2026, 3, 8))); // Sunday
        assert!(!cal.is_open(d(2026, 2, 16)) && !cal.is_open(d(2026, 2, 22)));
        assert!(cal.is_open(d(2026, 2, 23)));
        assert!(!cal.is_open(d(2026, 5, 1)));
        assert!(ShopCalendar::always_open().is_open(d(2026, 3, 8)));
    }

    #[test]
    fn next_open_skips_the_whole_closing() {
        let cal = sundays_and_spring_festival();
        assert_eq!(cal.next_open(d(2026, 2, 15)), d(2026, 2, 23)); // Sunday, then the festival
        assert_eq!(cal.next_open(d(2026, 2, 23)), d(2026, 2, 23));
    }

    #[test]
    fn a_week_of_rest_days_is_reported_and_ignored() {
        let cal = ShopCalendar {
            rest_days: Weekdays::ALL,
            holidays: vec![Holiday::day(d(2026, 1, 1))],
        };
        assert_eq!(cal.validate(), Err(vec![CalendarError::EveryDayClosed]));
        assert!(cal.is_open(d(2026, 1, 2)));
        assert!(!cal.is_open(d(2026, 1, 1)));
        assert_eq!(cal.next_open(d(2026, 1, 1)), d(2026, 1, 2));
    }

    #[test]
    fn a_closing_of_years_gives_up_instead_of_searching_on() {
        let cal = ShopCalendar {
            rest_days: Weekdays::NONE,
            holidays: vec![Holiday::range(d(2020, 1, 1), d(2030, 1, 1))],
        };
        assert_eq!(cal.next_open(d(2021, 1, 1)), d(2021, 1, 1));
        assert_eq!(
            cal.validate(),
            Err(vec![CalendarError::HolidayTooLong {
                first: d(2020, 1, 1),
                last: d(2030, 1, 1)
            }])
        );
        assert_eq!(
            ShopCalendar::always_open().next_open(NaiveDate::MAX),
            NaiveDate::MAX
        );
    }

    #[test]
    fn a_holiday_in_a_year_no_date_may_have_is_a_slip() {
        let cal = ShopCalendar {
            rest_days: Weekdays::NONE,
            holidays: vec![Holiday::day(d(2999, 1, 1))],
        };
        assert_eq!(
            cal.validate(),
            Err(vec![CalendarError::HolidayOutOfRange {
                first: d(2999, 1, 1)
            }])
        );
        assert!(
            cal.validate().unwrap_err()[0]
                .message(Lang::Zh)
                .contains("1990 到 2100")
        );
    }

    #[test]
    fn a_range_typed_backwards_is_reported_but_still_closes() {
        let cal = ShopCalendar {
            rest_days: Weekdays::NONE,
            holidays: vec![Holiday::range(d(2026, 2, 22), d(2026, 2, 16))],
        };
        assert!(!cal.is_open(d(2026, 2, 18)));
        let problems = cal.validate().unwrap_err();
        assert_eq!(
            problems,
            vec![CalendarError::HolidayReversed {
                first: d(2026, 2, 22),
                last: d(2026, 2, 16)
            }]
        );
        assert!(problems[0].message(Lang::Zh).contains("2026-02-16"));
    }

    #[test]
    fn json_round_trips() {
        let cal = sundays_and_spring_festival();
        let json = serde_json::to_string(&cal).unwrap();
        assert!(
            json.contains(r#""first":"2026-02-16""#) && json.contains("春节"),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<ShopCalendar>(&json).unwrap(), cal);
        assert_eq!(
            serde_json::from_str::<ShopCalendar>("{}").unwrap(),
            ShopCalendar::always_open()
        );
    }
}
