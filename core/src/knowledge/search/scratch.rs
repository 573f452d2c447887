//! The per-query state of a search, kept per thread and reset in constant time.

use std::cell::RefCell;

use super::english::WordMarks;
use super::pinyin::PinyinScratch;
use super::rank::{Best, TextHit};
use super::retrieval::Retrieved;

/// Per-slot values for one query, reset in constant time: a slot not stamped with the current
/// query holds its default.
#[derive(Default)]
pub(super) struct Stamped<T> {
    slots: Vec<(u32, T)>,
    now: u32,
    /// The slots stamped this query, in the order first used.
    touched: Vec<u32>,
}

impl<T: Copy + Default> Stamped<T> {
    /// Starts a query over `len` slots, all back at their default.
    pub(super) fn start(&mut self, len: usize) {
        self.touched.clear();
        self.now = self.now.wrapping_add(1);
        if self.now == 0 {
            self.slots.iter_mut().for_each(|s| s.0 = 0);
            self.now = 1;
        }
        if self.slots.len() < len {
            self.slots.resize(len, (0, T::default()));
        }
    }

    pub(super) fn slot(&mut self, i: u32) -> &mut T {
        let slot = &mut self.slots[i as usize];
        if slot.0 != self.now {
            *slot = (self.now, T::default());
            self.touched.push(i);
        }
        &mut slot.1
    }

    /// The value of a slot: its default if not used this query.
    pub(super) fn get_or_default(&self, i: u32) -> T {
        match self.slots.get(i as usize) {
            Some(&(stamp, value)) if stamp == self.now => value,
            _ => T::default(),
        }
    }

    /// The value of a slot used this query.
    pub(super) fn get(&self, i: u32) -> T {
        self.slots[i as usize].1
    }

    pub(super) fn touched(&self) -> &[u32] {
        &self.touched
    }
}

/// Small per-slot counts for one query. Only the slots listed as touched are non-zero, and
/// starting a query clears just those, so a query costs what it counts, not the slot count.
#[derive(Default)]
pub(super) struct Counts {
    /// At most 255: a count of different query characters, of which there are at most
    /// [`MAX_QUERY_CHARS`](super::MAX_QUERY_CHARS).
    counts: Vec<u8>,
    touched: Vec<u32>,
}

impl Counts {
    /// Starts a query over `len` slots, all zero.
    pub(super) fn start(&mut self, len: usize) {
        for &i in &self.touched {
            self.counts[i as usize] = 0;
        }
        self.touched.clear();
        if self.counts.len() < len {
            self.counts.resize(len, 0);
        }
    }

    pub(super) fn add(&mut self, i: u32) {
        let count = &mut self.counts[i as usize];
        if *count == 0 {
            self.touched.push(i);
        }
        *count = count.saturating_add(1);
    }

    pub(super) fn get(&self, i: u32) -> u8 {
        self.counts[i as usize]
    }

    /// The slots counted this query, in the order first counted.
    pub(super) fn touched(&self) -> &[u32] {
        &self.touched
    }
}

/// The reusable state of a search.
#[derive(Default)]
pub(super) struct Scratch {
    /// Per entry.
    pub(super) best: Stamped<Best>,
    /// Per comparable text, the query characters it has.
    pub(super) shared: Counts,
    /// Per key, the query words it has.
    pub(super) words: Stamped<WordMarks>,
    pub(super) pinyin: PinyinScratch,
    pub(super) text_hits: Vec<TextHit>,
    /// Per entry, its retrieval score.
    pub(super) retrieved: Stamped<Retrieved>,
}

thread_local! {
    pub(super) static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}
