//! The prompt knowledge base: entries, loading and validation, query normalising, ranking.
//!
//! Pure domain code: no egui, no SQL. The merchant's own entries come from the store and are
//! added to the index beside the built-in ones.

pub mod entry;
pub mod load;
pub mod normalize;
pub mod search;
pub mod sources;
pub mod thesaurus;

use std::sync::OnceLock;

pub use entry::{Category, Confidence, Contact, Entry, EntryText, Fault, Origin, Payment, Retry};
pub use search::{CONFIDENT, Hit, Index, Lookup, MatchKind};

/// The built-in entries, parsed once.
pub fn builtin() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(load::builtin_entries)
}

/// The built-in thesaurus, parsed once.
pub fn thesaurus() -> &'static thesaurus::Thesaurus {
    static THESAURUS: OnceLock<thesaurus::Thesaurus> = OnceLock::new();
    THESAURUS.get_or_init(thesaurus::Thesaurus::builtin)
}

/// An index over the built-in entries and `own` (the merchant's entries).
pub fn index_with(own: Vec<Entry>) -> Index {
    let mut entries = builtin().to_vec();
    entries.extend(own);
    Index::new(entries)
}
