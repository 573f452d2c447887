//! POS Care's core (POS Care 维护助手): the domain and the storage, with no user interface. The
//! window and the command line live in the `poscare` crate above it; the compiler keeps egui and
//! eframe out of here (they are not dependencies).
//!
//! * [`clock`] — whether the PC's clock can be trusted, and the newest time that may be written.
//! * [`device`] — the shop's equipment and the rules a record must pass (domain, no SQL).
//! * [`incident`] — incidents, the merchant's own entries, the support call sheet (domain).
//! * [`files`] — the one way files are written (temp → flush → rename), and where they may go.
//! * [`store`] — the SQLite database in the data folder: locking, checks, migrations, backups.
//! * [`knowledge`] — the prompt knowledge base and its search (domain, no SQL).
//! * [`planner`] — schedules, closing days, due/late/missed, previews and descriptions (domain).
//! * [`emergency`] — emergency plans, contacts, outages and the customer notice (domain).
//! * [`reminders`] — what to tell someone not looking at the window, and when (domain).
//! * [`history`] — the timeline of everything kept, filters, corrections, exports (domain).
//! * [`insights`] — repeat-fault warnings and the figures of a period (domain, no SQL).
//! * [`i18n`] — the two languages and the one string table.

pub mod clock;
pub mod device;
pub mod emergency;
pub mod files;
pub mod history;
pub mod i18n;
pub mod incident;
pub mod insights;
pub mod knowledge;
pub mod planner;
pub mod reminders;
pub mod store;
pub mod typed;
