//! The history timeline in the database.
