//! Emergency plans, contacts and outages in the database.
