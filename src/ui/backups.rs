//! The Backups screen: automatic and external backups, the reminder interval, and restore.
