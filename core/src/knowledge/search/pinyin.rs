//! Pinyin matching: the pinyin of every text with Han characters, and a query's letters
//! tested against it a few bits at a time before any text is spelled.

// The `pinyin` crate, not this module.
use ::pinyin::ToPinyinMulti;
use rustc_hash::FxHashMap;

use super::rank::TextHit;
use super::spelling::{Failed, Spelling, pinyin_score_with};
use super::{Index, MatchKind};
use crate::knowledge::load::is_han;

impl Index {
    /// Spells the query's letters against the texts with Han characters.
    pub(super) fn pinyin(&self, query: &str, scratch: &mut PinyinScratch, out: &mut Vec<TextHit>) {
        // Letters glued to digits are a code ("XYZ99", "E07"), never pinyin initials.
        let code_like = query.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
            w.bytes().any(|b| b.is_ascii_digit()) && w.bytes().any(|b| b.is_ascii_alphabetic())
        });
        if code_like {
            return;
        }
        let q = letters(query);
        if q.len() < 2 || q.len() > 60 {
            return;
        }
        self.pinyin
            .search(&q, scratch, |text, found| self.offer_text(text, found, out));
    }
}

/// The ASCII letters of a query, lower-cased, without spaces or anything else: what a pinyin
/// spelling is compared by.
pub(super) fn letters(query: &str) -> Vec<u8> {
    query
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

/// The pinyin of the comparable texts with Han characters.
#[derive(Default)]
pub(super) struct PinyinIndex {
    /// Per text (all zero for a text without Han characters), scanned for every query.
    letters: Vec<PinyinLetters>,
    /// The characters of every text with Han characters, text after text, as syllable ids.
    chars: Vec<u32>,
    /// The pinyin of every different character of those texts.
    syllables: Vec<Syllables>,
    /// Per syllable, whether a reading has no initial (额 e, 安 an), so initials may leave it
    /// out.
    vowels: Vec<bool>,
    /// The letter codes of the readings, reading after reading: 0–25 for `a`–`z`, [`OTHER`]
    /// for any other byte, each reading closed by [`END`].
    codes: Vec<u8>,
    /// The longest reading, in bytes.
    longest: usize,
    /// Per letter, the letters that follow it inside some reading: a query letter that does
    /// not follow the one before so must begin a reading.
    follows: [u32; 26],
}

/// The letters a text's pinyin can use, for rejecting a pinyin query without spelling it.
#[derive(Clone, Copy, Default)]
struct PinyinLetters {
    /// Every letter of every reading of every character: a query letter outside it cannot match.
    all: u32,
    /// The first letter of every reading: a spelling starts with one of them.
    firsts: u32,
    /// The first letters of neighbouring characters, one bit per pair ([`pair_bit`]): a
    /// character and the next one, or the one after characters without initial that may be
    /// left out (余额不足 has y–e, e–b, b–z and y–b). Initials typed one per character ("ybz")
    /// need theirs.
    pairs: u64,
    /// Where the text's characters are in [`PinyinIndex::chars`]: kept here, beside what is
    /// read for every text, to save a memory access for each text that passes.
    chars: (u32, u32),
}

/// The bit of [`PinyinLetters::pairs`] for the first letters `a` then `b` (0–25 each).
fn pair_bit(a: u32, b: u32) -> u64 {
    1 << ((a * 26 + b).wrapping_mul(0x9E37_79B9) >> 26)
}

/// The bits of every pair of a letter of `firsts` then one of `next` (one bit per letter each).
fn pair_bits(firsts: u32, next: u32) -> u64 {
    let mut bits = 0;
    let mut a = firsts;
    while a != 0 {
        let i = a.trailing_zeros();
        a &= a - 1;
        let mut b = next;
        while b != 0 {
            let j = b.trailing_zeros();
            b &= b - 1;
            bits |= pair_bit(i, j);
        }
    }
    bits
}

/// The readings of one character with the letters they use; one per different character.
struct Syllables {
    readings: Box<[&'static str]>,
    /// Every letter of every reading.
    letters: u32,
    /// The first letter of every reading.
    firsts: u32,
    /// Where the readings' letter codes are in [`PinyinIndex::codes`].
    codes: (u32, u32),
}

/// The first letters of the syllables with no initial.
pub(super) const VOWELS: [char; 3] = ['a', 'e', 'o'];
/// The letter code of a byte of a reading that is not `a`–`z` (ü, ê).
const OTHER: u8 = 26;
/// The code that closes a reading.
const END: u8 = 27;

impl PinyinIndex {
    /// Adds the pinyin of a new text: none for a text without Han characters. `ids` holds each
    /// character's syllable id.
    pub(super) fn add(&mut self, chars: &[char], ids: &mut FxHashMap<char, u32>) {
        let start = self.chars.len() as u32;
        let mut letters = PinyinLetters::default();
        if chars.iter().any(|&c| is_han(c)) {
            for &c in chars {
                let id = match ids.get(&c) {
                    Some(&id) => id,
                    None => {
                        let id = self.add_syllables(c);
                        ids.insert(c, id);
                        id
                    }
                };
                let s = &self.syllables[id as usize];
                letters.all |= s.letters;
                letters.firsts |= s.firsts;
                self.chars.push(id);
            }
            letters.pairs = self.neighbour_pairs(&self.chars[start as usize..]);
        }
        letters.chars = (start, self.chars.len() as u32);
        self.letters.push(letters);
    }

    /// The pairs of first letters of neighbouring characters ([`PinyinLetters::pairs`]).
    fn neighbour_pairs(&self, chars: &[u32]) -> u64 {
        let mut pairs = 0;
        for (i, &id) in chars.iter().enumerate() {
            let firsts = self.syllables[id as usize].firsts;
            for &next in &chars[i + 1..] {
                pairs |= pair_bits(firsts, self.syllables[next as usize].firsts);
                // Past a character without initial, which a spelling may leave out.
                if !self.vowels[next as usize] {
                    break;
                }
            }
        }
        pairs
    }

    /// Adds the syllables of a character not seen before, returning their id.
    fn add_syllables(&mut self, c: char) -> u32 {
        let readings = readings(c);
        let start = self.codes.len() as u32;
        for r in &readings {
            for pair in r.as_bytes().windows(2) {
                if pair[0].is_ascii_lowercase() {
                    self.follows[usize::from(pair[0] - b'a')] |= letter_mask(&pair[1..]);
                }
            }
            self.codes.extend(r.bytes().map(|b| {
                if b.is_ascii_lowercase() {
                    b - b'a'
                } else {
                    OTHER
                }
            }));
            self.codes.push(END);
            self.longest = self.longest.max(r.len());
        }
        let vowel = readings.iter().any(|r| r.starts_with(VOWELS));
        self.syllables.push(Syllables {
            letters: readings
                .iter()
                .fold(0, |m, r| m | letter_mask(r.as_bytes())),
            firsts: first_letters(&readings),
            codes: (start, self.codes.len() as u32),
            readings: readings.into_boxed_slice(),
        });
        self.vowels.push(vowel);
        (self.syllables.len() - 1) as u32
    }

    /// Offers the score of every text that the lower-case letters `q` (2 to 60 of them) spell.
    pub(super) fn search(
        &self,
        q: &[u8],
        scratch: &mut PinyinScratch,
        offer: impl FnMut(u32, (f32, MatchKind)),
    ) {
        self.search_filtered(q, scratch, offer, true);
    }

    /// [`Self::search`], with the filter by neighbouring first letters or without it (which
    /// must change nothing but the time taken).
    fn search_filtered(
        &self,
        q: &[u8],
        scratch: &mut PinyinScratch,
        mut offer: impl FnMut(u32, (f32, MatchKind)),
        by_pairs: bool,
    ) {
        let all = letter_mask(q);
        let first = letter_mask(&q[..1]);
        // The letters that must begin a reading of some character of the text: the first, and
        // each that follows no letter before it inside any reading.
        let begins = |p: usize| {
            p == 0 || self.follows[usize::from(q[p - 1] - b'a')] & letter_mask(&q[p..=p]) == 0
        };
        let starts = (1..q.len())
            .filter(|&p| begins(p))
            .fold(first, |m, p| m | letter_mask(&q[p..=p]));
        // Two such letters side by side are the first letters of neighbouring characters.
        let pairs = (1..q.len())
            .filter(|&p| by_pairs && begins(p - 1) && begins(p))
            .fold(0, |m, p| {
                m | pair_bit(u32::from(q[p - 1] - b'a'), u32::from(q[p] - b'a'))
            });
        let PinyinScratch { query, failed } = scratch;
        query.prepare(q, self);
        for (t, letters) in self.letters.iter().enumerate() {
            if letters.all & all != all
                || letters.firsts & starts != starts
                || letters.pairs & pairs != pairs
            {
                continue;
            }
            let text = self.text(letters);
            if !query.may_spell(text.chars) {
                continue;
            }
            if let Some(found) = pinyin_score_with(q, &text, failed) {
                offer(t as u32, found);
            }
        }
    }

    fn text(&self, letters: &PinyinLetters) -> TextPinyin<'_> {
        let (start, end) = letters.chars;
        TextPinyin {
            chars: &self.chars[start as usize..end as usize],
            syllables: &self.syllables,
        }
    }
}

/// What a pinyin search works in, kept from query to query.
#[derive(Default)]
pub(super) struct PinyinScratch {
    query: PinyinQuery,
    failed: Failed,
}

/// The pinyin readings of one character of a searchable text.
pub(super) type Readings = Vec<&'static str>;

const ASCII_READINGS: [&str; 36] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
];

pub(super) fn readings(c: char) -> Readings {
    if c.is_ascii_lowercase() {
        return vec![ASCII_READINGS[(c as u8 - b'a') as usize]];
    }
    if c.is_ascii_digit() {
        return vec![ASCII_READINGS[26 + (c as u8 - b'0') as usize]];
    }
    let mut out: Readings = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            let plain = p.plain();
            if !out.contains(&plain) {
                out.push(plain);
            }
        }
    }
    // After the true readings, so that a spelling list cut short keeps those first.
    for i in 0..out.len() {
        if let Some(slip) = flat_or_curled(out[i])
            && !out.contains(&slip)
        {
            out.push(slip);
        }
    }
    out
}

/// The reading with its initial's "h" dropped or added (zhu ↔ zu, chi ↔ ci, shi ↔ si): the
/// most common slip of pinyin typing, which input methods accept as "fuzzy pinyin" (模糊音),
/// since much of China does not tell these initials apart ("yuebuzhu" for 余额不足).
fn flat_or_curled(reading: &str) -> Option<&'static str> {
    use std::sync::OnceLock;
    static SLIPS: OnceLock<FxHashMap<String, &'static str>> = OnceLock::new();
    let slips = SLIPS.get_or_init(|| {
        // The finals that follow z, c, s and zh, ch, sh alike.
        const FINALS: [&str; 17] = [
            "a", "e", "i", "u", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "uan",
            "ui", "un", "uo",
        ];
        let mut slips = FxHashMap::default();
        for (flat, curled) in [("z", "zh"), ("c", "ch"), ("s", "sh")] {
            for f in FINALS {
                let (a, b) = (format!("{flat}{f}"), format!("{curled}{f}"));
                let leaked = |s: &String| -> &'static str { Box::leak(s.clone().into_boxed_str()) };
                slips.insert(a.clone(), leaked(&b));
                slips.insert(b, leaked(&a));
            }
        }
        slips
    });
    slips.get(reading).copied()
}

/// The initial of a pinyin syllable: `zh`, `ch`, `sh`, or its first letter.
pub(super) fn initial(reading: &str) -> &str {
    for two in ["zh", "ch", "sh"] {
        if reading.starts_with(two) {
            return two;
        }
    }
    &reading[..reading.len().min(1)]
}

/// The first letter of every reading, one bit each.
pub(super) fn first_letters(readings: &[&str]) -> u32 {
    readings
        .iter()
        .fold(0, |m, r| m | letter_mask(&r.as_bytes()[..r.len().min(1)]))
}

/// One bit per ASCII lower-case letter in `bytes` (`a` is bit 0); other bytes add nothing.
pub(super) fn letter_mask(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .filter(|b| b.is_ascii_lowercase())
        .fold(0, |m, &b| m | 1 << (b - b'a'))
}

/// A pinyin query as sets of its positions (bit `p` for position `p`), with where each
/// syllable of the index could take letters from it, so that testing a text costs a few bit
/// operations per character. Kept from query to query, to reuse its room.
#[derive(Default)]
struct PinyinQuery {
    /// Per syllable id, `stride` sets: the `n`th (from 0) holds the positions from which the
    /// next `n + 1` letters begin one of the syllable's readings. Each set is within the one
    /// before, since a beginning begins with a shorter one.
    begins: Vec<u64>,
    stride: usize,
    /// Per syllable id, its first set, with [`NO_INITIAL`] for a syllable without initial: all
    /// that most characters need, in one dense array.
    firsts: Vec<u64>,
    /// The position past the last: reaching it is a spelling.
    goal: u64,
}

/// In [`PinyinQuery::firsts`], the bit past any query position that marks a syllable with a
/// reading without initial (额 e, 安 an), which initials may leave out.
const NO_INITIAL: u64 = 1 << 63;

impl PinyinQuery {
    /// Sets up for the query `q`: lower-case letters, at most 62.
    fn prepare(&mut self, q: &[u8], index: &PinyinIndex) {
        let mut at = [0u64; 27];
        for (p, &b) in q.iter().enumerate() {
            at[usize::from(b - b'a')] |= 1 << p;
        }
        let stride = index.longest.max(1);
        self.stride = stride;
        self.goal = 1 << q.len();
        self.begins.clear();
        self.begins.resize(index.syllables.len() * stride, 0);
        for (s, row) in index.syllables.iter().zip(self.begins.chunks_mut(stride)) {
            let codes = &index.codes[s.codes.0 as usize..s.codes.1 as usize];
            for reading in codes.split(|&c| c == END) {
                let mut here = (1u64 << q.len()) - 1;
                for (n, &code) in reading.iter().enumerate() {
                    here &= at[usize::from(code)] >> n;
                    if here == 0 {
                        break;
                    }
                    row[n] |= here;
                }
            }
        }
        self.firsts.clear();
        self.firsts.extend(
            self.begins
                .chunks(stride)
                .zip(&index.vowels)
                .map(|(row, &vowel)| if vowel { row[0] | NO_INITIAL } else { row[0] }),
        );
    }

    /// Whether the text with these syllable ids might spell the query: the letters taken as
    /// `Speller` takes them (the beginning of a reading for each character, or nothing for a
    /// syllable without initial), but with any beginning allowed, not only a whole reading,
    /// its initial or the last one half typed. Every spelling passes, and most texts fail
    /// within a few characters.
    fn may_spell(&self, chars: &[u32]) -> bool {
        // The query positions spelled up to the character at hand; a spelling may start at any.
        let mut at = 1u64;
        for &id in chars {
            let firsts = self.firsts[id as usize];
            let skip = if firsts & NO_INITIAL != 0 { at & !1 } else { 0 };
            // Every beginning of a reading begins with its first letter.
            if at & firsts == 0 {
                at = skip | 1;
                continue;
            }
            let mut next = skip;
            let row = &self.begins[id as usize * self.stride..][..self.stride];
            for (n, &here) in row.iter().enumerate() {
                let from = at & here;
                if from == 0 {
                    break;
                }
                next |= from << (n + 1);
            }
            if next & self.goal != 0 {
                return true;
            }
            at = next | 1;
        }
        false
    }
}

/// A text's characters as ids into the index's table of [`Syllables`].
struct TextPinyin<'a> {
    chars: &'a [u32],
    syllables: &'a [Syllables],
}

impl TextPinyin<'_> {
    fn syllables(&self, i: usize) -> &Syllables {
        &self.syllables[self.chars[i] as usize]
    }
}

impl Spelling for TextPinyin<'_> {
    fn len(&self) -> usize {
        self.chars.len()
    }

    fn readings(&self, i: usize) -> &[&'static str] {
        &self.syllables(i).readings
    }

    fn firsts(&self, i: usize) -> u32 {
        self.syllables(i).firsts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::index_with;
    use proptest::prelude::*;

    /// The texts a query spells, with the filter by neighbouring first letters or without it.
    fn spelled(q: &[u8], by_pairs: bool) -> Vec<(u32, u32)> {
        static INDEX: std::sync::OnceLock<crate::knowledge::Index> = std::sync::OnceLock::new();
        let index = INDEX.get_or_init(|| index_with(Vec::new()));
        let mut scratch = PinyinScratch::default();
        let mut out = Vec::new();
        index.pinyin.search_filtered(
            q,
            &mut scratch,
            |t, (score, _)| out.push((t, score.to_bits())),
            by_pairs,
        );
        out
    }

    /// The filter only saves time: initials one per character, with characters without
    /// initial left out ("ybz" for 余额不足), full pinyin and anything typed spell the same
    /// texts with it as without it.
    #[test]
    fn the_pair_filter_drops_no_spelling() {
        for q in [
            "ybz", "yebz", "yuebuzu", "yebuzu", "jysb", "qcs", "dyjqz", "ska", "zdsb",
        ] {
            let with = spelled(q.as_bytes(), true);
            assert!(!with.is_empty() || q == "zdsb", "{q}");
            assert_eq!(with, spelled(q.as_bytes(), false), "{q}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn the_pair_filter_drops_no_spelling_of_any_letters(q in "[a-z]{2,6}") {
            prop_assert_eq!(spelled(q.as_bytes(), true), spelled(q.as_bytes(), false));
        }
    }
}
