//! Emergency plans, the shop's contacts, plan runs and outage records, the customer notice
//! (domain, no egui, no SQL).
