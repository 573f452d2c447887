//! POS Care (商户 POS 维护助手): the library behind the desktop app and its command line.
//!
//! * [`device`] — the shop's equipment and the rules a record must pass (domain, no egui, no SQL).
//! * [`incident`] — incidents, the merchant's own entries, the support call sheet (domain).
//! * [`files`] — the one way files are written (temp → flush → rename), and where they may go.
//! * [`store`] — the SQLite database in the data folder: locking, checks, migrations, backups.
//! * [`knowledge`] — the prompt knowledge base and its search (domain, no egui, no SQL).
//! * [`planner`] — schedules, closing days, due/late/missed, previews and descriptions (domain).
//! * [`emergency`] — emergency plans, contacts, outages and the customer notice (domain).
//! * [`history`] — the timeline of everything kept, filters, corrections, exports (domain).
//! * [`i18n`] — the two languages and the one string table.
//! * [`cli`] — the headless commands.
//! * [`ui`] — the egui/eframe window.

pub mod cli;
pub mod device;
pub mod emergency;
pub mod files;
pub mod history;
pub mod i18n;
pub mod incident;
pub mod knowledge;
pub mod planner;
pub mod store;
pub mod ui;
