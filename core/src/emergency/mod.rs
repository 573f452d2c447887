//! Emergency plans, the shop's contacts, plan runs and outage records, the customer notice
//! (domain, no egui, no SQL).
//!
//! * [`plan`] — a plan: title, situation, steps, fallback ways to take payment.
//! * [`contact`] — the people the merchant calls (the app ships no phone numbers).
//! * [`outage`] — a run of a plan: steps ticked with times, how it ended.
//! * [`notice`] — the full-screen customer notice: ready texts and the merchant's own.
//! * [`starter`] — the six starter plans (`assets/starter/emergency.toml`, compiled in).
//! * [`html`] — a plan as a print-friendly page for the wall.

mod check;
pub mod contact;
pub mod html;
pub mod notice;
pub mod outage;
pub mod plan;
pub mod starter;

pub use check::{Problem, split_lines};
pub use contact::{Contact, ContactFields, ContactRole};
pub use notice::{NoticeText, ReadyNotice};
pub use outage::{NewOutage, Outage, OutageEnd, RunningOutage, StepTick, latest_ticks};
pub use plan::{Plan, PlanFields};
