//! Whether the PC's clock can be trusted (domain, no SQL).
//!
//! A shop PC's clock can be wrong: a dead CMOS battery puts it years back, a mistyped year puts
//! it a year ahead. Everything POS Care writes is dated by that clock, and history is
//! append-only, so a wrong clock would write what nobody can take back: a year of "missed"
//! checks, a USB backup dated next year that silences the reminder, backups thinned away as if a
//! year had passed. So the app keeps the latest time it has seen (the newest record it holds,
//! the last start) and judges the clock against it:
//!
//! * **behind**: the clock is earlier than the newest record by more than a day;
//! * **ahead**: the clock is later than the last time the app was used by more than the
//!   longest plausible closure ([`LONGEST_CLOSURE`]) *and* later than every file in the data
//!   folder by as much (a clock that is right makes new files carry its time);
//! * **trusted** otherwise, or once the merchant has confirmed that today really is the
//!   clock's day.
//!
//! While the clock is doubted, nothing is written dated after the newest trustworthy time
//! ([`ClockJudgement::trusted_now`]): the window asks "Is today …?" first, and commands refuse
//! to catch up and say why.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::i18n::{Lang, T};

/// The longest a shop is plausibly closed (holidays, a renovation): a clock further ahead of
/// the last use than this, and of every file, is asked about before it is believed.
pub const LONGEST_CLOSURE: Duration = Duration::days(40);

/// How far behind the newest record a clock may be (time zones, a record typed for a later
/// hour) before it is doubted.
pub const BEHIND_SLACK: Duration = Duration::days(1);

/// What the app knows of time, besides the clock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClockEvidence {
    /// The newest time in any record (history, completions, incidents, backups, edits).
    pub newest_record: Option<NaiveDateTime>,
    /// The last start of the window on a trusted clock.
    pub last_start: Option<NaiveDateTime>,
    /// The newest modification time of a file in the data folder.
    pub newest_file: Option<NaiveDateTime>,
    /// The day the merchant confirmed as today although the clock was doubted.
    pub confirmed: Option<NaiveDate>,
}

impl ClockEvidence {
    /// The latest time the app has seen: its newest record or its last start.
    pub fn latest_seen(&self) -> Option<NaiveDateTime> {
        self.newest_record.max(self.last_start)
    }
}

/// The judgement on the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockJudgement {
    /// The clock agrees with what the app has seen.
    Trusted,
    /// The clock is earlier than the newest record.
    Behind {
        /// The newest time the app has seen.
        latest: NaiveDateTime,
    },
    /// The clock is far later than the app was last used and than every file.
    Ahead {
        /// The latest time the app has seen.
        latest: NaiveDateTime,
    },
}

impl ClockJudgement {
    /// Judges `now` against what the app has seen.
    pub fn of(now: NaiveDateTime, evidence: &ClockEvidence) -> ClockJudgement {
        if evidence.confirmed == Some(now.date()) {
            return ClockJudgement::Trusted;
        }
        let Some(latest) = evidence.latest_seen() else {
            // A new shop: nothing to judge by.
            return ClockJudgement::Trusted;
        };
        if now + BEHIND_SLACK < latest {
            return ClockJudgement::Behind { latest };
        }
        let quiet_since = evidence.newest_file.map_or(latest, |f| f.max(latest));
        if now > quiet_since + LONGEST_CLOSURE {
            return ClockJudgement::Ahead { latest };
        }
        ClockJudgement::Trusted
    }

    /// Whether the clock is doubted.
    pub fn doubted(self) -> bool {
        self != ClockJudgement::Trusted
    }

    /// The time the app goes by while the clock is doubted, until the merchant confirms it:
    /// the latest time the app has seen, whichever way the clock is off. Ahead, nothing is
    /// dated in a future that may not come; behind (a dead CMOS battery), today is not last
    /// year's day, with nothing due and records dated before the newest one (a fault tester's
    /// "everything due today is done" on the wrong day).
    pub fn trusted_now(self, now: NaiveDateTime) -> NaiveDateTime {
        match self {
            ClockJudgement::Ahead { latest } => latest.min(now),
            ClockJudgement::Behind { latest } => latest.max(now),
            ClockJudgement::Trusted => now,
        }
    }

    /// What to tell the merchant, for a doubted clock: what the clock says and when POS Care
    /// was last used.
    pub fn message(self, now: NaiveDateTime, lang: Lang) -> Option<String> {
        let latest = match self {
            ClockJudgement::Trusted => return None,
            ClockJudgement::Behind { latest } | ClockJudgement::Ahead { latest } => latest,
        };
        let key = match self {
            ClockJudgement::Behind { .. } => T::ClockBehind,
            _ => T::ClockAhead,
        };
        Some(lang.fill(
            key,
            &[
                ("clock", &now.date().format("%Y-%m-%d").to_string()),
                ("latest", &latest.date().format("%Y-%m-%d").to_string()),
            ],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    fn used_until(t: NaiveDateTime) -> ClockEvidence {
        ClockEvidence {
            newest_record: Some(t),
            last_start: Some(t),
            newest_file: Some(t),
            confirmed: None,
        }
    }

    #[test]
    fn a_clock_in_step_with_the_records_is_trusted() {
        let ev = used_until(at(2026, 12, 3));
        for now in [
            at(2026, 12, 3),
            at(2026, 12, 4),
            at(2027, 1, 10),
            at(2026, 12, 2),
        ] {
            assert_eq!(
                ClockJudgement::of(now, &ev),
                ClockJudgement::Trusted,
                "{now}"
            );
        }
        // A new shop has nothing to judge by.
        assert_eq!(
            ClockJudgement::of(at(2031, 1, 1), &ClockEvidence::default()),
            ClockJudgement::Trusted
        );
    }

    #[test]
    fn a_year_ahead_is_doubted_and_writes_nothing_after_the_last_use() {
        let last = at(2026, 12, 4);
        let ev = used_until(last);
        let now = at(2027, 12, 4);
        let j = ClockJudgement::of(now, &ev);
        assert_eq!(j, ClockJudgement::Ahead { latest: last });
        assert_eq!(j.trusted_now(now), last);
        assert!(j.message(now, Lang::En).unwrap().contains("2027-12-04"));
        // Once the merchant says today is that day, it is believed.
        let confirmed = ClockEvidence {
            confirmed: Some(now.date()),
            ..ev
        };
        assert_eq!(ClockJudgement::of(now, &confirmed), ClockJudgement::Trusted);
    }

    #[test]
    fn a_file_written_recently_vouches_for_the_clock() {
        // The window was not started for two months, but the folder was written last week
        // (a backup copied in): the clock is as new as the files say.
        let ev = ClockEvidence {
            newest_file: Some(at(2027, 2, 1)),
            ..used_until(at(2026, 12, 4))
        };
        assert_eq!(
            ClockJudgement::of(at(2027, 2, 8), &ev),
            ClockJudgement::Trusted
        );
    }

    #[test]
    fn a_clock_behind_the_newest_record_is_doubted() {
        let ev = used_until(at(2026, 12, 4));
        let now = at(2025, 12, 4);
        let j = ClockJudgement::of(now, &ev);
        assert_eq!(
            j,
            ClockJudgement::Behind {
                latest: at(2026, 12, 4)
            }
        );
        // Until the clock is confirmed, the app goes by the newest day it has seen, not last
        // year's.
        assert_eq!(j.trusted_now(now), at(2026, 12, 4));
        assert!(j.message(now, Lang::Zh).is_some());
    }
}
