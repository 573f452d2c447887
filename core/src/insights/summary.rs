//! The figures of a period: incidents per month by family, the prompts seen most in the last 90
//! days, the checklist per week (on time / late / missed), outage minutes per month, and the
//! outside backups. The store aggregates in SQL; this folds its rows into whole months and weeks
//! (empty ones too) and says which history a bar stands for.

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime};

use super::Family;
use super::svg::{LATE, MISSED, ON_TIME, Rgb};
use crate::device::Device;
use crate::history::{FilterDraft, Kind};
use crate::i18n::T;

/// How many days "the prompts seen most" looks back from the end of the period.
pub const PROMPT_DAYS: u64 = 90;
/// How many prompts that chart shows.
pub const PROMPTS_SHOWN: usize = 10;
/// Up to this many weeks the checklist is drawn week by week; a longer period month by month.
pub const WEEKS_DRAWN: usize = 60;
/// The history entries a checklist bar counts.
const CHECKLIST_KINDS: [Kind; 4] = [Kind::Done, Kind::Problem, Kind::Late, Kind::Missed];
/// The longest slice of a period read at once (see [`Period::parts`]), in months.
pub const SLICE_MONTHS: u32 = 6;

/// One part of reading a period's figures, small enough that the store is held only briefly
/// (the window reads the parts on a worker thread, letting go of the store between them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The prompts seen most: the last 90 days of the period.
    Prompts,
    /// Incidents, the checklist, outages and outside backups of the days `from..=to`.
    Slice {
        /// The first day.
        from: NaiveDate,
        /// The last day.
        to: NaiveDate,
    },
}

/// The days and the device the figures are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// One device, or the whole shop.
    pub device: Option<i64>,
}

impl Period {
    /// The `months` calendar months up to and including `today`'s (`today` the last day).
    pub fn last_months(today: NaiveDate, months: u32, device: Option<i64>) -> Period {
        let first_of_month = today.with_day(1).unwrap_or(today);
        let from = first_of_month
            .checked_sub_months(Months::new(months.max(1) - 1))
            .unwrap_or(first_of_month);
        Period {
            from,
            to: today,
            device,
        }
    }

    /// The first day of each month the period touches, oldest first.
    pub fn months(&self) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut m = self.from.with_day(1).unwrap_or(self.from);
        while m <= self.to {
            out.push(m);
            m = match m.checked_add_months(Months::new(1)) {
                Some(next) => next,
                None => break,
            };
        }
        out
    }

    /// The Monday of each week the period touches, oldest first.
    pub fn weeks(&self) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut w = monday(self.from);
        while w <= self.to {
            out.push(w);
            w = w + Days::new(7);
        }
        out
    }

    /// The first day of "the prompts seen most": 90 days ending on the last day.
    pub fn prompts_from(&self) -> NaiveDate {
        (self.to - Days::new(PROMPT_DAYS - 1)).max(self.from)
    }

    /// The parts its figures are read in: the prompts, then slices of at most
    /// [`SLICE_MONTHS`] months from the first day to the last. Together the slices cover every
    /// day once, so their rows add up to the whole period's.
    pub fn parts(&self) -> Vec<Part> {
        let mut parts = vec![Part::Prompts];
        let mut from = self.from;
        while from <= self.to {
            let next = from.checked_add_months(Months::new(SLICE_MONTHS));
            let to = next
                .and_then(|n| n.pred_opt())
                .map_or(self.to, |end| end.min(self.to));
            parts.push(Part::Slice { from, to });
            match next {
                Some(n) if to < self.to => from = n,
                _ => break,
            }
        }
        parts
    }
}

/// The Monday on or before `day`.
pub fn monday(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The last day of the month that begins on `first`.
fn month_end(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

/// One month's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Month {
    /// Its first day.
    pub start: NaiveDate,
    /// Incidents opened.
    pub incidents: u32,
    /// Of those, per family in [`Family::ALL`]'s order.
    pub by_family: [u32; 6],
    /// Minutes of outages (not drills) that began this month and have ended, each at least one.
    pub outage_minutes: u32,
    /// Task occurrences done on time (a problem found counts as done).
    pub on_time: u32,
    /// Done late.
    pub late: u32,
    /// Missed.
    pub missed: u32,
}

impl Month {
    /// `2026-11`.
    pub fn label(&self) -> String {
        self.start.format("%Y-%m").to_string()
    }
}

/// One week's checklist.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Week {
    /// Its Monday.
    pub start: NaiveDate,
    /// Done on time.
    pub on_time: u32,
    /// Done late.
    pub late: u32,
    /// Missed.
    pub missed: u32,
}

impl Week {
    /// The share done on time, 0–100 (`None`: nothing was due).
    pub fn on_time_percent(&self) -> Option<u32> {
        let all = self.on_time + self.late + self.missed;
        (all > 0).then(|| (self.on_time * 100 + all / 2) / all)
    }
}

/// A prompt seen on one terminal, and how often.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PromptCount {
    /// The terminal.
    pub device_id: i64,
    /// Its name.
    pub device: String,
    /// The prompt as typed.
    pub prompt: String,
    /// Its family.
    pub family: Family,
    /// How many incidents.
    pub count: u32,
}

/// What the store reads for a summary, aggregated in SQL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SummaryRows {
    /// Incidents per (month `YYYY-MM`, entry id, prompt).
    pub incidents: Vec<(String, Option<String>, String, u32)>,
    /// Incidents of the last 90 days per (device, entry id, prompt).
    pub prompts: Vec<(i64, Option<String>, String, u32)>,
    /// Task occurrences per day (of the history's time): (day, on time, late, missed).
    pub checklist: Vec<(NaiveDate, u32, u32, u32)>,
    /// Outage minutes per month `YYYY-MM`.
    pub outages: Vec<(String, u32)>,
    /// When each outside backup was made.
    pub backups: Vec<NaiveDateTime>,
}

impl SummaryRows {
    /// Adds the rows of another part of the same period (rows of one month or day read in
    /// two parts add up when folded).
    pub fn append(&mut self, mut other: SummaryRows) {
        self.incidents.append(&mut other.incidents);
        self.prompts.append(&mut other.prompts);
        self.checklist.append(&mut other.checklist);
        self.outages.append(&mut other.outages);
        self.backups.append(&mut other.backups);
    }
}

/// The figures of a period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// The period (`None` until read).
    pub period: Option<Period>,
    /// Every month of the period, oldest first.
    pub months: Vec<Month>,
    /// The prompts seen most in the last 90 days, most first.
    pub prompts: Vec<PromptCount>,
    /// Every week of the period, oldest first.
    pub weeks: Vec<Week>,
    /// When each outside backup was made, oldest first.
    pub backups: Vec<NaiveDateTime>,
}

impl Summary {
    /// Folds the store's rows into the period's months and weeks.
    pub fn build(period: Period, rows: SummaryRows, devices: &[Device]) -> Summary {
        let mut families: HashMap<(Option<String>, String), Family> = HashMap::new();
        let mut family = |entry: Option<String>, prompt: &str| {
            *families
                .entry((entry.clone(), prompt.to_owned()))
                .or_insert_with(|| Family::of(entry.as_deref(), prompt))
        };
        let mut months: Vec<Month> = period
            .months()
            .into_iter()
            .map(|start| Month {
                start,
                ..Month::default()
            })
            .collect();
        let index: HashMap<String, usize> = months
            .iter()
            .enumerate()
            .map(|(i, m)| (m.label(), i))
            .collect();
        for (month, entry, prompt, n) in rows.incidents {
            if let Some(&i) = index.get(&month) {
                let f = family(entry, &prompt);
                months[i].incidents += n;
                months[i].by_family[f.index()] += n;
            }
        }
        for (month, minutes) in rows.outages {
            if let Some(&i) = index.get(&month) {
                months[i].outage_minutes += minutes;
            }
        }
        let mut weeks: Vec<Week> = period
            .weeks()
            .into_iter()
            .map(|start| Week {
                start,
                ..Week::default()
            })
            .collect();
        let first_week = weeks.first().map(|w| w.start);
        for (day, on_time, late, missed) in rows.checklist {
            if let Some(&i) = index.get(&day.format("%Y-%m").to_string()) {
                months[i].on_time += on_time;
                months[i].late += late;
                months[i].missed += missed;
            }
            let w = first_week
                .map(|first| ((monday(day) - first).num_days() / 7) as usize)
                .and_then(|i| weeks.get_mut(i));
            if let Some(w) = w {
                w.on_time += on_time;
                w.late += late;
                w.missed += missed;
            }
        }
        // One prompt however it was typed: "Terminal not responding" and "terminal not
        // responding" are one fault seen twice (a shop owner's three failures were counted as
        // two and one), shown as it was typed most often.
        let mut prompts: HashMap<(i64, String), (Family, u32, String, u32)> = HashMap::new();
        // A customer's refusal ("余额不足") is no terminal's fault prompt: the month's bar counts
        // it (among card, account, bank or unknown), the terminals' prompts do not (two of them
        // made one terminal look the worst).
        let mut customers: HashMap<Option<String>, bool> = HashMap::new();
        for (device_id, entry, prompt, n) in rows.prompts {
            let customers = *customers
                .entry(entry.clone())
                .or_insert_with(|| Family::is_customers(entry.as_deref()));
            if customers {
                continue;
            }
            let f = family(entry, &prompt);
            let key = (device_id, same_prompt(&prompt));
            let slot = prompts.entry(key).or_insert((f, 0, String::new(), 0));
            slot.1 += n;
            if n > slot.3 || (n == slot.3 && prompt < slot.2) {
                (slot.2, slot.3) = (prompt, n);
            }
        }
        let mut prompts: Vec<PromptCount> = prompts
            .into_iter()
            .map(|((device_id, _), (family, count, prompt, _))| PromptCount {
                device_id,
                device: crate::device::shown_name(devices, device_id),
                prompt,
                family,
                count,
            })
            .collect();
        prompts.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.device.cmp(&b.device))
                .then_with(|| a.prompt.cmp(&b.prompt))
        });
        prompts.truncate(PROMPTS_SHOWN);
        let mut backups = rows.backups;
        backups.sort();
        Summary {
            period: Some(period),
            months,
            prompts,
            weeks,
            backups,
        }
    }

    /// Each month as `2026-11`, oldest first.
    pub fn month_labels(&self) -> Vec<String> {
        self.months.iter().map(|m| m.label()).collect()
    }

    /// Each week by its Monday, `11-30`, oldest first.
    pub fn week_labels(&self) -> Vec<String> {
        self.weeks
            .iter()
            .map(|w| w.start.format("%m-%d").to_string())
            .collect()
    }

    /// Incidents per month of each family, in [`Family::ALL`]'s order.
    pub fn family_series(&self) -> Vec<(Family, Vec<u32>)> {
        Family::ALL
            .iter()
            .map(|f| {
                (
                    *f,
                    self.months.iter().map(|m| m.by_family[f.index()]).collect(),
                )
            })
            .collect()
    }

    /// Whether the checklist is shown per month: the period has more than [`WEEKS_DRAWN`]
    /// weeks (a bar per week would be too thin to read or click).
    pub fn checklist_by_month(&self) -> bool {
        self.weeks.len() > WEEKS_DRAWN
    }

    /// The checklist's bars, named: each week's Monday, or each month.
    pub fn checklist_labels(&self) -> Vec<String> {
        if self.checklist_by_month() {
            self.month_labels()
        } else {
            self.week_labels()
        }
    }

    /// The checklist per week (or month, see [`Summary::checklist_by_month`]) as three series:
    /// on time, late, missed (name, colour, values).
    pub fn checklist_series(&self) -> [(T, Rgb, Vec<u32>); 3] {
        let counts: Vec<[u32; 3]> = if self.checklist_by_month() {
            self.months
                .iter()
                .map(|m| [m.on_time, m.late, m.missed])
                .collect()
        } else {
            self.weeks
                .iter()
                .map(|w| [w.on_time, w.late, w.missed])
                .collect()
        };
        let values = |which: usize| counts.iter().map(|c| c[which]).collect();
        [
            (T::ChartOnTime, ON_TIME, values(0)),
            (T::ChartLate, LATE, values(1)),
            (T::ChartMissed, MISSED, values(2)),
        ]
    }

    fn device(&self) -> Option<i64> {
        self.period.and_then(|p| p.device)
    }

    /// The history behind a month's incident bar.
    pub fn month_incidents(&self, i: usize) -> Option<FilterDraft> {
        let m = self.months.get(i)?;
        Some(self.draft(
            m.start,
            month_end(m.start),
            self.device(),
            vec![Kind::Incident],
        ))
    }

    /// The history behind a month's outage bar.
    pub fn month_outages(&self, i: usize) -> Option<FilterDraft> {
        let m = self.months.get(i)?;
        Some(self.draft(
            m.start,
            month_end(m.start),
            self.device(),
            vec![Kind::Outage],
        ))
    }

    /// The outside backups made in the month at `i`.
    pub fn month_backups(&self, i: usize) -> Vec<NaiveDateTime> {
        let Some(m) = self.months.get(i) else {
            return Vec::new();
        };
        let end = month_end(m.start);
        self.backups
            .iter()
            .filter(|t| (m.start..=end).contains(&t.date()))
            .copied()
            .collect()
    }

    /// The history behind a month's backup bar (every backup of that month).
    pub fn month_backup_history(&self, i: usize) -> Option<FilterDraft> {
        let m = self.months.get(i)?;
        Some(self.draft(m.start, month_end(m.start), None, vec![Kind::Backup]))
    }

    /// The history behind a week's checklist bar: what was done, late or missed that week.
    pub fn week_checklist(&self, i: usize) -> Option<FilterDraft> {
        let w = self.weeks.get(i)?;
        Some(self.draft(
            w.start,
            w.start + Days::new(6),
            self.device(),
            CHECKLIST_KINDS.to_vec(),
        ))
    }

    /// The history behind the checklist's bar at `i` (a week's, or a month's).
    pub fn checklist_history(&self, i: usize) -> Option<FilterDraft> {
        if !self.checklist_by_month() {
            return self.week_checklist(i);
        }
        let m = self.months.get(i)?;
        Some(self.draft(
            m.start,
            month_end(m.start),
            self.device(),
            CHECKLIST_KINDS.to_vec(),
        ))
    }

    /// The history behind a prompt's bar: that terminal's incidents with that prompt.
    pub fn prompt_incidents(&self, i: usize) -> Option<FilterDraft> {
        let p = self.prompts.get(i)?;
        let to = self.period?.to;
        let mut draft = self.draft(
            self.period?.prompts_from(),
            to,
            Some(p.device_id),
            vec![Kind::Incident],
        );
        draft.text = p
            .prompt
            .chars()
            .take(crate::history::filter::MAX_TEXT)
            .collect();
        Some(draft)
    }

    /// The history of the days `from..=to` (within the period: a month or week at its edge is
    /// only partly in it), of `kinds`.
    fn draft(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        device: Option<i64>,
        kinds: Vec<Kind>,
    ) -> FilterDraft {
        let (from, to) = match self.period {
            Some(p) => (from.max(p.from), to.min(p.to)),
            None => (from, to),
        };
        FilterDraft {
            from: from.format("%Y-%m-%d").to_string(),
            to: to.format("%Y-%m-%d").to_string(),
            device,
            kinds,
            ..FilterDraft::default()
        }
    }
}

/// A prompt as the counts compare it: case, width, traditional characters and spacing aside.
fn same_prompt(prompt: &str) -> String {
    crate::knowledge::normalize::fold(prompt)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_period_of_months_covers_whole_months_and_weeks() {
        let p = Period::last_months(day("2026-12-04"), 12, None);
        assert_eq!(p.from, day("2026-01-01"));
        assert_eq!(p.months().len(), 12);
        assert_eq!(p.weeks().first(), Some(&day("2025-12-29")));
        assert_eq!(p.weeks().last(), Some(&day("2026-11-30")));
        assert_eq!(p.prompts_from(), day("2026-09-06"));
        assert_eq!(month_end(day("2024-02-01")), day("2024-02-29"));
    }

    #[test]
    fn the_parts_cover_every_day_once() {
        for (from, to) in [
            ("2026-11-20", "2026-11-20"),
            ("2016-01-01", "2025-12-31"),
            ("2024-08-31", "2026-02-28"),
            ("2026-01-01", "2026-06-30"),
        ] {
            let p = Period {
                from: day(from),
                to: day(to),
                device: None,
            };
            let parts = p.parts();
            assert_eq!(parts[0], Part::Prompts);
            let mut next = p.from;
            for part in &parts[1..] {
                let Part::Slice { from, to } = *part else {
                    panic!("one prompts part only")
                };
                assert_eq!(from, next, "{p:?}");
                assert!(from <= to && to <= p.to);
                assert!(to < from.checked_add_months(Months::new(SLICE_MONTHS)).unwrap());
                next = to.succ_opt().unwrap();
            }
            assert_eq!(next, p.to.succ_opt().unwrap(), "{p:?}");
        }
        let decade = Period::last_months(day("2026-12-04"), 120, None);
        assert_eq!(decade.parts().len(), 1 + 20);
    }

    #[test]
    fn rows_fold_into_months_weeks_and_families() {
        let p = Period {
            from: day("2026-10-01"),
            to: day("2026-11-30"),
            device: None,
        };
        let rows = SummaryRows {
            incidents: vec![
                (
                    "2026-10".into(),
                    Some("LOC-READ-FAIL".into()),
                    "读卡失败".into(),
                    3,
                ),
                ("2026-10".into(), None, "通讯失败".into(), 2),
                ("2026-11".into(), None, "51 余额不足".into(), 1),
                ("2026-09".into(), None, "outside".into(), 9),
            ],
            prompts: vec![
                (1, None, "通讯失败".into(), 2),
                (1, None, "通讯失败".into(), 1),
            ],
            checklist: vec![
                (day("2026-10-05"), 1, 1, 0),
                (day("2026-10-11"), 1, 0, 1),
                (day("2026-11-02"), 0, 0, 2),
            ],
            outages: vec![("2026-11".into(), 45)],
            backups: vec![],
        };
        let s = Summary::build(p, rows, &[]);
        assert_eq!(s.months.len(), 2);
        assert_eq!(s.months[0].incidents, 5);
        assert_eq!(s.months[0].by_family[Family::CardRead.index()], 3);
        assert_eq!(s.months[0].by_family[Family::Communication.index()], 2);
        assert_eq!(
            (s.months[0].on_time, s.months[0].late, s.months[0].missed),
            (2, 1, 1)
        );
        assert_eq!(s.months[1].outage_minutes, 45);
        // 2026-10-05 and -11 are the same Monday-week (10-05 is a Monday).
        let week = s
            .weeks
            .iter()
            .find(|w| w.start == day("2026-10-05"))
            .unwrap();
        assert_eq!((week.on_time, week.late, week.missed), (2, 1, 1));
        assert_eq!(week.on_time_percent(), Some(50));
        assert_eq!(s.prompts[0].count, 3);
        let draft = s.month_incidents(1).unwrap();
        assert_eq!(
            (draft.from.as_str(), draft.to.as_str()),
            ("2026-11-01", "2026-11-30")
        );
        assert_eq!(draft.kinds, vec![Kind::Incident]);
    }

    /// One prompt typed in two cases (or with a space more) is one prompt seen three times,
    /// shown as it was typed most often.
    #[test]
    fn a_prompt_typed_in_another_case_is_counted_as_the_same() {
        let p = Period {
            from: day("2026-10-01"),
            to: day("2026-11-30"),
            device: None,
        };
        let rows = SummaryRows {
            prompts: vec![
                (1, None, "Terminal not responding".into(), 2),
                (1, None, "terminal  not responding".into(), 1),
                (2, None, "terminal not responding".into(), 1),
            ],
            ..SummaryRows::default()
        };
        let s = Summary::build(p, rows, &[]);
        assert_eq!(s.prompts.len(), 2, "{:?}", s.prompts);
        assert_eq!(s.prompts[0].count, 3);
        assert_eq!(s.prompts[0].prompt, "Terminal not responding");
    }
}
