//! Insights: what ten years of records mean. Repeat-prompt warnings (the same fault on the same
//! terminal again and again), the other warnings (a terminal past its warranty failing more, a
//! task slipping again and again, a lapsed training), and the monthly and weekly figures the
//! Insights screen, the printed report and `poscare insights` draw.
//!
//! Pure domain code: the store reads the rows (aggregated in SQL) and hands them here.

pub mod chart;
pub mod family;
pub mod printed;
pub mod range;
pub mod rules;
pub mod summary;
pub mod svg;
pub mod warnings;

pub use chart::Chart;
pub use family::Family;
pub use range::{RangeDraft, RangeProblem};
pub use rules::{RepeatRule, RuleProblem, Rules};
pub use summary::{Month, Part, Period, PromptCount, Summary, Week};
pub use warnings::{IncidentMark, Slip, Warning, WarningKind};
