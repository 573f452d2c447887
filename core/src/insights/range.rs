//! The period the merchant types on the Insights screen: a first and a last day, checked before
//! anything changes. A refused range names each problem in the user's language; the figures stay
//! those of the period shown before.

use chrono::{Datelike, NaiveDate};

use crate::device::parse_date;
use crate::i18n::{Lang, T};

/// The earliest year a range may start in: no shop kept these records before.
pub const EARLIEST_YEAR: i32 = 2000;

/// The latest year a range may reach, `today` being today: the end of next year.
pub fn latest_year(today: NaiveDate) -> i32 {
    today.year() + 1
}

/// Which end of the range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The first day.
    From,
    /// The last day.
    To,
}

impl End {
    /// The field's label.
    pub fn label(self) -> T {
        match self {
            End::From => T::InsightsRangeFrom,
            End::To => T::InsightsRangeTo,
        }
    }
}

/// The two date fields as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RangeDraft {
    /// The first day (any accepted date form).
    pub from: String,
    /// The last day.
    pub to: String,
}

/// Why a typed range was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RangeProblem {
    /// The field is empty.
    Missing(End),
    /// The text is not a real date ("2026-02-30", "明天").
    NotADate(End, String),
    /// A real date in an absurd year (before [`EARLIEST_YEAR`] or after next year).
    Year {
        /// Which field.
        end: End,
        /// The text typed.
        typed: String,
        /// The earliest year accepted.
        first: i32,
        /// The latest year accepted.
        last: i32,
    },
    /// The first day is after the last.
    Reversed(NaiveDate, NaiveDate),
}

impl RangeProblem {
    /// The message for the user.
    pub fn message(&self, lang: Lang) -> String {
        let field = |end: End| lang.t(end.label());
        match self {
            RangeProblem::Missing(end) => {
                lang.fill(T::InsightsRangeMissing, &[("field", field(*end))])
            }
            RangeProblem::NotADate(end, typed) => lang.fill(
                T::InsightsRangeNotADate,
                &[("field", field(*end)), ("typed", typed)],
            ),
            RangeProblem::Year {
                end,
                typed,
                first,
                last,
            } => lang.fill(
                T::InsightsRangeYear,
                &[
                    ("field", field(*end)),
                    ("typed", typed),
                    ("first", &first.to_string()),
                    ("last", &last.to_string()),
                ],
            ),
            RangeProblem::Reversed(from, to) => lang.fill(
                T::InsightsRangeReversed,
                &[("from", &from.to_string()), ("to", &to.to_string())],
            ),
        }
    }
}

impl RangeDraft {
    /// The draft showing the days `from..=to`.
    pub fn of(from: NaiveDate, to: NaiveDate) -> RangeDraft {
        RangeDraft {
            from: from.to_string(),
            to: to.to_string(),
        }
    }

    /// Checks both fields against `today`: the first and last day, or every problem found.
    pub fn validate(&self, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), Vec<RangeProblem>> {
        let (first, last) = (EARLIEST_YEAR, latest_year(today));
        let mut problems = Vec::new();
        let mut day = |end: End, text: &str| {
            let typed = text.trim();
            if typed.is_empty() {
                problems.push(RangeProblem::Missing(end));
                return None;
            }
            match parse_date(typed) {
                None => {
                    problems.push(RangeProblem::NotADate(end, typed.to_owned()));
                    None
                }
                Some(d) if !(first..=last).contains(&d.year()) => {
                    problems.push(RangeProblem::Year {
                        end,
                        typed: typed.to_owned(),
                        first,
                        last,
                    });
                    None
                }
                Some(d) => Some(d),
            }
        };
        let from = day(End::From, &self.from);
        let to = day(End::To, &self.to);
        match (from, to) {
            (Some(from), Some(to)) if from > to => Err(vec![RangeProblem::Reversed(from, to)]),
            (Some(from), Some(to)) => Ok((from, to)),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn check(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate), Vec<RangeProblem>> {
        let draft = RangeDraft {
            from: from.into(),
            to: to.into(),
        };
        draft.validate(day("2026-12-04"))
    }

    #[test]
    fn a_good_range_in_any_accepted_form() {
        assert_eq!(
            check("2025-03-01", " 2026/11/30 "),
            Ok((day("2025-03-01"), day("2026-11-30")))
        );
        assert_eq!(
            check("２０２６年１月５日", "2026.1.5"),
            Ok((day("2026-01-05"), day("2026-01-05")))
        );
        assert_eq!(
            check("2000-01-01", "2027-12-31"),
            Ok((day("2000-01-01"), day("2027-12-31")))
        );
    }

    #[test]
    fn every_problem_is_named() {
        assert_eq!(
            check("", " "),
            Err(vec![
                RangeProblem::Missing(End::From),
                RangeProblem::Missing(End::To)
            ])
        );
        assert_eq!(
            check("2026-02-30", "2026-13-01"),
            Err(vec![
                RangeProblem::NotADate(End::From, "2026-02-30".into()),
                RangeProblem::NotADate(End::To, "2026-13-01".into())
            ])
        );
        assert_eq!(
            check("1999-12-31", "2028-01-01"),
            Err(vec![
                RangeProblem::Year {
                    end: End::From,
                    typed: "1999-12-31".into(),
                    first: 2000,
                    last: 2027
                },
                RangeProblem::Year {
                    end: End::To,
                    typed: "2028-01-01".into(),
                    first: 2000,
                    last: 2027
                }
            ])
        );
        assert_eq!(
            check("2026-11-30", "2026-11-01"),
            Err(vec![RangeProblem::Reversed(
                day("2026-11-30"),
                day("2026-11-01")
            )])
        );
    }

    #[test]
    fn the_messages_say_what_to_do_in_both_languages() {
        let problems = check("9999-01-01", "昨天").unwrap_err();
        let zh: Vec<String> = problems.iter().map(|p| p.message(Lang::Zh)).collect();
        let en: Vec<String> = problems.iter().map(|p| p.message(Lang::En)).collect();
        assert_eq!(
            zh,
            [
                "开始日期：年份要在 2000 到 2027 之间，“9999-01-01”不在其中。",
                "结束日期：“昨天”不是有效的日期，请按 2026-03-18 这样填写。"
            ]
        );
        assert_eq!(
            en,
            [
                "Start date: the year must be from 2000 to 2027; “9999-01-01” is not.",
                "End date: “昨天” is not a real date; write it like 2026-03-18."
            ]
        );
        let reversed = check("2026-11-30", "2026-11-01").unwrap_err();
        assert_eq!(
            reversed[0].message(Lang::Zh),
            "开始日期 2026-11-30 晚于结束日期 2026-11-01，请改正其中一个。"
        );
    }
}
