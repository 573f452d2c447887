//! The filter of the timeline: dates, device, kinds, person and text.

use chrono::{Datelike, NaiveDate};

use crate::device::parse_date;
use crate::history::entry::{Entry, Kind};
use crate::i18n::{Lang, T};

/// The longest search text accepted.
pub const MAX_TEXT: usize = 100;

/// A checked filter. Empty parts match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// From this day (inclusive).
    pub from: Option<NaiveDate>,
    /// Up to this day (inclusive).
    pub to: Option<NaiveDate>,
    /// Only this device.
    pub device: Option<i64>,
    /// Only this person.
    pub staff: Option<i64>,
    /// Only these kinds (empty: all).
    pub kinds: Vec<Kind>,
    /// Text contained in the subject, detail, correction, device or person (any case).
    pub text: String,
}

impl Filter {
    /// The stored-time bounds: `at >= .0` and `at < .1` (just after the whole of `to`: see
    /// [`day_end_bound`]).
    pub fn at_bounds(&self) -> (Option<String>, Option<String>) {
        let from = self.from.map(|d| d.format("%Y-%m-%d").to_string());
        (from, self.to.map(day_end_bound))
    }

    /// The search text as compared: trimmed, ASCII letters lower-cased (as SQLite's `lower`).
    pub fn needle(&self) -> String {
        self.text.trim().to_ascii_lowercase()
    }

    /// Whether `entry` passes (the same rules the store's query applies; for tests and checks).
    pub fn matches(&self, entry: &Entry) -> bool {
        let (from, to) = self.at_bounds();
        let needle = self.needle();
        let hay = |s: &str| s.to_ascii_lowercase().contains(&needle);
        from.is_none_or(|f| entry.at.as_str() >= f.as_str())
            && to.is_none_or(|t| entry.at.as_str() < t.as_str())
            && self.device.is_none_or(|d| entry.is_on(d))
            && self.staff.is_none_or(|s| entry.staff_id == Some(s))
            && (self.kinds.is_empty() || self.kinds.contains(&entry.kind))
            && (needle.is_empty()
                || hay(&entry.subject)
                || hay(&entry.detail)
                || hay(&entry.device)
                || entry.also.iter().any(|(_, name)| hay(name))
                || hay(&entry.staff)
                || entry.correction.as_ref().is_some_and(|c| hay(&c.text)))
    }
}

/// The stored-time bound just after the whole day `to`: every stored time of that day (and of
/// every day before it) sorts below it, none of a later day does. It is the next day's date,
/// as stored times begin, while that has four digits; after 9999-12-31 the next day would be
/// written `+10000-01-01`, which sorts below every date, so the bound is then `to` followed by
/// a character above any a stored time holds.
pub fn day_end_bound(to: NaiveDate) -> String {
    match to.succ_opt().filter(|next| next.year() <= 9999) {
        Some(next) => next.format("%Y-%m-%d").to_string(),
        None => format!("{}\u{7f}", to.format("%Y-%m-%d")),
    }
}

/// Why the filter's fields were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterProblem {
    /// The "from" date is not a date.
    BadFrom,
    /// The "to" date is not a date.
    BadTo,
    /// "from" is after "to".
    Reversed,
    /// The search text is too long or has control characters.
    BadText,
}

impl FilterProblem {
    /// The message for the user.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FilterProblem::BadFrom => lang.fill(T::HistErrDate, &[("field", lang.t(T::HistFrom))]),
            FilterProblem::BadTo => lang.fill(T::HistErrDate, &[("field", lang.t(T::HistTo))]),
            FilterProblem::Reversed => lang.t(T::HistErrReversed).to_owned(),
            FilterProblem::BadText => {
                lang.fill(T::HistErrSearch, &[("max", &MAX_TEXT.to_string())])
            }
        }
    }
}

/// The first and last day of the month `back` months before `day`'s (0: `day`'s own month):
/// the History filter's "this month" and "last month", what a shop prints for its books.
pub fn month_of(day: NaiveDate, back: u32) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).unwrap_or(day);
    let first = first
        .checked_sub_months(chrono::Months::new(back))
        .unwrap_or(first);
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(first);
    (first, last)
}

/// The filter bar's fields as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterDraft {
    /// From (any accepted date form, or empty).
    pub from: String,
    /// To (any accepted date form, or empty).
    pub to: String,
    /// The device chosen.
    pub device: Option<i64>,
    /// The person chosen.
    pub staff: Option<i64>,
    /// The kinds ticked.
    pub kinds: Vec<Kind>,
    /// The search text.
    pub text: String,
}

impl FilterDraft {
    /// Checks the fields: every problem found, or the filter.
    pub fn validate(&self) -> Result<Filter, Vec<FilterProblem>> {
        let mut problems = Vec::new();
        let mut date = |s: &str, bad: FilterProblem| {
            if s.trim().is_empty() {
                None
            } else {
                let parsed = parse_date(s);
                if parsed.is_none() {
                    problems.push(bad);
                }
                parsed
            }
        };
        let from = date(&self.from, FilterProblem::BadFrom);
        let to = date(&self.to, FilterProblem::BadTo);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            problems.push(FilterProblem::Reversed);
        }
        let text = self.text.trim();
        if text.chars().count() > MAX_TEXT || text.chars().any(char::is_control) {
            problems.push(FilterProblem::BadText);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Filter {
            from,
            to,
            device: self.device,
            staff: self.staff,
            kinds: self.kinds.clone(),
            text: text.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_month_and_last_month_are_whole_months() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            month_of(d(2026, 12, 7), 0),
            (d(2026, 12, 1), d(2026, 12, 31))
        );
        assert_eq!(
            month_of(d(2026, 12, 7), 1),
            (d(2026, 11, 1), d(2026, 11, 30))
        );
        assert_eq!(
            month_of(d(2026, 1, 31), 1),
            (d(2025, 12, 1), d(2025, 12, 31))
        );
        assert_eq!(month_of(d(2028, 3, 15), 1), (d(2028, 2, 1), d(2028, 2, 29)));
    }

    fn entry(at: &str, kind: Kind, device: Option<i64>, subject: &str) -> Entry {
        Entry {
            at: at.into(),
            action: String::new(),
            device_id: device,
            device: device.map(|d| format!("终端{d}")).unwrap_or_default(),
            ..crate::history::entry::check_record(1, kind, subject)
        }
    }

    #[test]
    fn the_last_day_counts_whole_up_to_the_end_of_the_calendar() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        for (to, inside, outside) in [
            (
                "2026-12-04",
                "2026-12-04T23:59:59",
                Some("2026-12-05T00:00:00"),
            ),
            (
                "2026-12-31",
                "2026-12-31T23:59:59",
                Some("2027-01-01T00:00:00"),
            ),
            (
                "9999-12-30",
                "9999-12-30T23:59:59",
                Some("9999-12-31T00:00:00"),
            ),
            ("9999-12-31", "9999-12-31T23:59:59.999", None),
        ] {
            let filter = Filter {
                to: Some(day(to)),
                ..Default::default()
            };
            let at = |at: &str| entry(at, Kind::Done, None, "x");
            assert!(filter.matches(&at(inside)), "{to}: {inside}");
            assert!(filter.matches(&at("2026-12-04T08:00:00")), "{to}: today");
            if let Some(outside) = outside {
                assert!(!filter.matches(&at(outside)), "{to}: {outside}");
            }
        }
    }

    #[test]
    fn dates_in_any_accepted_form_and_inclusive_bounds() {
        let draft = FilterDraft {
            from: "2025/3/18".into(),
            to: "2025年3月18日".into(),
            ..Default::default()
        };
        let f = draft.validate().unwrap();
        assert!(f.matches(&entry("2025-03-18T00:00:00", Kind::Done, None, "")));
        assert!(f.matches(&entry("2025-03-18T23:59:59", Kind::Done, None, "")));
        assert!(!f.matches(&entry("2025-03-19T00:00:00", Kind::Done, None, "")));
        assert!(!f.matches(&entry("2025-03-17T23:59:59", Kind::Done, None, "")));
    }

    #[test]
    fn bad_dates_reversed_range_and_bad_text_are_refused() {
        let draft = FilterDraft {
            from: "2025-13-01".into(),
            to: "明天".into(),
            ..Default::default()
        };
        assert_eq!(
            draft.validate().unwrap_err(),
            vec![FilterProblem::BadFrom, FilterProblem::BadTo]
        );
        let reversed = FilterDraft {
            from: "2025-03-19".into(),
            to: "2025-03-18".into(),
            ..Default::default()
        };
        assert_eq!(
            reversed.validate().unwrap_err(),
            vec![FilterProblem::Reversed]
        );
        let long = FilterDraft {
            text: "字".repeat(MAX_TEXT + 1),
            ..Default::default()
        };
        assert_eq!(long.validate().unwrap_err(), vec![FilterProblem::BadText]);
        for problem in [FilterProblem::BadFrom, FilterProblem::Reversed] {
            assert!(!problem.message(Lang::Zh).is_empty());
        }
    }

    #[test]
    fn device_kind_and_text_narrow_the_timeline() {
        let f = Filter {
            device: Some(2),
            kinds: vec![Kind::Missed, Kind::Incident],
            text: "Paper".into(),
            ..Default::default()
        };
        assert!(f.matches(&entry(
            "2025-01-01T08:00:00",
            Kind::Missed,
            Some(2),
            "paper roll"
        )));
        assert!(!f.matches(&entry("2025-01-01T08:00:00", Kind::Incident, Some(2), "x")));
        assert!(!f.matches(&entry("2025-01-01T08:00:00", Kind::Done, Some(2), "paper")));
        assert!(!f.matches(&entry(
            "2025-01-01T08:00:00",
            Kind::Missed,
            Some(3),
            "paper"
        )));
        let by_device_name = Filter {
            text: "终端2".into(),
            ..Default::default()
        };
        assert!(by_device_name.matches(&entry("2025-01-01T08:00:00", Kind::Done, Some(2), "")));
        assert!(Filter::default().matches(&entry("2025-01-01T08:00:00", Kind::Done, None, "")));
    }
}
