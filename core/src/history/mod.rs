//! The maintenance history: one timeline of everything kept, its filters, corrections and exports
//! (domain, no egui, no SQL).
//!
//! * [`entry`] — what one timeline entry is: its kind, its corrections, the record behind it.
//! * [`filter`] — the filter bar's fields, checked.
//! * [`csv_file`] — CSV that opens cleanly in Excel (UTF-8 with BOM, formulas defused).
//! * [`report`] — the print-friendly HTML report (per device, per category, the month's sheet).
//! * [`export`] — writing an export in chunks to a temporary file, then renaming it.

pub mod csv_file;
pub mod entry;
pub mod export;
pub mod filter;
pub mod report;

pub use entry::{
    Amendment, ChecklistMark, Correction, CorrectionAction, Entry, EntryDetail, Kind, SourceFact,
    correction_reason,
};
pub use filter::{Filter, FilterDraft, FilterProblem};
