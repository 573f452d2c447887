//! The five charts of a period's figures, as the Insights screen and the printed report both show
//! them: each one's title, whether it has anything to draw, and the plain sentence shown in its
//! place when it has not (never a bare grid).

use super::Summary;
use crate::i18n::T;

/// One of the charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// Incidents per month, stacked by fault family.
    Incidents,
    /// The prompts seen most in the last 90 days, per terminal.
    Prompts,
    /// Tasks per week (or month): on time, late, missed.
    Checklist,
    /// Outage minutes per month.
    Outages,
    /// Outside backups.
    Backups,
}

impl Chart {
    /// Every chart, in the order they are shown.
    pub const ALL: [Chart; 5] = [
        Chart::Incidents,
        Chart::Prompts,
        Chart::Checklist,
        Chart::Outages,
        Chart::Backups,
    ];

    /// Its title for the figures `s` (the checklist says whether it counts weeks or months).
    pub fn title(self, s: &Summary) -> T {
        match self {
            Chart::Incidents => T::ChartIncidents,
            Chart::Prompts => T::ChartPrompts,
            Chart::Checklist if s.checklist_by_month() => T::ChartChecklistMonthly,
            Chart::Checklist => T::ChartChecklist,
            Chart::Outages => T::ChartOutages,
            Chart::Backups => T::ChartBackups,
        }
    }

    /// The sentence shown instead of the chart when it has nothing to draw.
    pub fn empty_text(self) -> T {
        match self {
            Chart::Incidents => T::ChartNoIncidents,
            Chart::Prompts => T::ChartNoPrompts,
            Chart::Checklist => T::ChartNoChecklist,
            Chart::Outages => T::ChartNoOutages,
            Chart::Backups => T::ChartNoBackups,
        }
    }

    /// Whether the figures `s` give it nothing to draw (every bar zero).
    pub fn is_empty(self, s: &Summary) -> bool {
        match self {
            Chart::Incidents => s.months.iter().all(|m| m.incidents == 0),
            Chart::Prompts => s.prompts.is_empty(),
            Chart::Checklist => s.weeks.iter().all(|w| w.on_time + w.late + w.missed == 0),
            Chart::Outages => s.months.iter().all(|m| m.outage_minutes == 0),
            Chart::Backups => s.backups.is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::summary::{Period, SummaryRows};
    use chrono::NaiveDate;

    #[test]
    fn a_period_without_records_has_every_chart_empty_and_one_with_them_not() {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let period = Period {
            from: day("2026-01-01"),
            to: day("2026-03-31"),
            device: None,
        };
        let empty = Summary::build(period, SummaryRows::default(), &[]);
        assert!(Chart::ALL.iter().all(|c| c.is_empty(&empty)));
        let rows = SummaryRows {
            incidents: vec![("2026-02".into(), None, "通讯失败".into(), 1)],
            prompts: vec![(1, None, "通讯失败".into(), 1)],
            checklist: vec![(day("2026-02-03"), 0, 0, 1)],
            outages: vec![("2026-03".into(), 5)],
            backups: vec![day("2026-03-03").and_hms_opt(18, 0, 0).unwrap()],
        };
        let full = Summary::build(period, rows, &[]);
        assert!(Chart::ALL.iter().all(|c| !c.is_empty(&full)));
        assert_eq!(Chart::Checklist.title(&full), T::ChartChecklist);
        let decade = Period {
            from: day("2016-01-01"),
            ..period
        };
        let long = Summary::build(decade, SummaryRows::default(), &[]);
        assert_eq!(Chart::Checklist.title(&long), T::ChartChecklistMonthly);
        assert_eq!(long.checklist_labels().len(), long.months.len());
    }
}
