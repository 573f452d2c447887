//! The different comparable texts of the keys, which Chinese and pinyin matching compare.

use rustc_hash::FxHashMap;

use super::chinese::{Shape, pair_set};
use super::index::KeyInfo;
use super::rank::{Phase, TextHit};
use super::{Index, MatchKind};

/// The different comparable texts ([`compact`](crate::knowledge::normalize::compact)) of the
/// keys, in order of first appearance.
#[derive(Default)]
pub(super) struct Texts {
    pub(super) infos: Vec<TextInfo>,
    /// The characters of every text, text after text.
    chars: Vec<char>,
    /// The keys of every text, text after text.
    keys: Vec<u32>,
    /// The texts with each character.
    pub(super) by_char: FxHashMap<char, Vec<u32>>,
}

/// One different comparable text. Keys with the same text (a clause or keyword on many
/// entries) share one, and a query compares each text once.
#[derive(Clone, Copy)]
pub(super) struct TextInfo {
    /// Where its characters are in [`Texts::chars`].
    chars: (u32, u32),
    /// How many different characters it has.
    distinct: u32,
    /// Where its keys are in [`Texts::keys`].
    keys: (u32, u32),
    /// Its character pairs ([`pair_set`]).
    pairs: u64,
}

impl TextInfo {
    pub(super) fn shape(&self) -> Shape {
        Shape {
            len: self.chars.1 - self.chars.0,
            distinct: self.distinct,
            pairs: self.pairs,
        }
    }
}

impl Texts {
    /// Adds a text not seen before; its keys are listed once all are added
    /// ([`Self::list_keys`]).
    pub(super) fn add(&mut self, chars: &[char]) -> u32 {
        let id = self.infos.len() as u32;
        let mut distinct = 0;
        for &c in chars {
            let texts = self.by_char.entry(c).or_default();
            // A character met before in this text has it listed already.
            if texts.last() != Some(&id) {
                texts.push(id);
                distinct += 1;
            }
        }
        let start = self.chars.len() as u32;
        self.chars.extend_from_slice(chars);
        self.infos.push(TextInfo {
            chars: (start, self.chars.len() as u32),
            distinct,
            keys: (0, 0),
            pairs: pair_set(chars),
        });
        id
    }

    /// Lists the keys of every text, in key order.
    pub(super) fn list_keys(&mut self, keys: &[KeyInfo]) {
        // Count each text's keys, give each text its room, then place the keys.
        for k in keys {
            self.infos[k.text as usize].keys.1 += 1;
        }
        let mut end = 0;
        for t in &mut self.infos {
            let count = t.keys.1;
            t.keys = (end, end);
            end += count;
        }
        self.keys = vec![0; keys.len()];
        for (id, k) in keys.iter().enumerate() {
            let room = &mut self.infos[k.text as usize].keys;
            self.keys[room.1 as usize] = id as u32;
            room.1 += 1;
        }
    }

    pub(super) fn chars(&self, text: u32) -> &[char] {
        let (start, end) = self.infos[text as usize].chars;
        &self.chars[start as usize..end as usize]
    }

    /// The keys with this text.
    fn keys_of(&self, text: u32) -> &[u32] {
        let (start, end) = self.infos[text as usize].keys;
        &self.keys[start as usize..end as usize]
    }
}

impl Index {
    /// Offers a text's score for every key with that text.
    pub(super) fn offer_text(
        &self,
        text: u32,
        (score, kind): (f32, MatchKind),
        out: &mut Vec<TextHit>,
    ) {
        out.extend(self.texts.keys_of(text).iter().map(|&key| TextHit {
            key,
            score,
            kind,
            phase: Phase::Text,
        }));
    }
}
