//! The maintenance history: one timeline of everything kept, its filters, corrections and exports
//! (domain, no egui, no SQL).
