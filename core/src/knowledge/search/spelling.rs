//! Spelling a pinyin query with a text's characters: full readings, initials, a last
//! syllable still being typed, syllables without initial left out.

use super::MatchKind;
use super::pinyin::{Readings, VOWELS, first_letters, initial, letter_mask};

/// A text's characters as spelling reads them.
pub(super) trait Spelling {
    /// How many characters there are.
    fn len(&self) -> usize;
    /// The readings of character `i`.
    fn readings(&self, i: usize) -> &[&'static str];
    /// The first letters of those readings, one bit each: a spelling at `i` begins with one.
    fn firsts(&self, i: usize) -> u32;
}

impl Spelling for Vec<Readings> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn readings(&self, i: usize) -> &[&'static str] {
        &self[i]
    }

    fn firsts(&self, i: usize) -> u32 {
        first_letters(&self[i])
    }
}

/// How well the letters `q` spell a run of the key's characters in pinyin: each character by
/// one of its full readings or by its initial; the last may be a reading still being typed.
#[cfg(test)]
pub(super) fn pinyin_score<S: Spelling>(q: &[u8], readings: &S) -> Option<(f32, MatchKind)> {
    pinyin_score_with(q, readings, &mut Failed::default())
}

/// [`pinyin_score`], with `failed` as room to work in.
pub(super) fn pinyin_score_with<S: Spelling>(
    q: &[u8],
    readings: &S,
    failed: &mut Failed,
) -> Option<(f32, MatchKind)> {
    let n = readings.len();
    let first = q.first().map_or(0, |&b| letter_mask(&[b]));
    let mut best: Option<(f32, MatchKind)> = None;
    // Up to this many characters the depth bound never cuts in, so a place fails or not
    // whatever the start, and what failed from one start need not be tried from the next.
    let same_for_every_start = n <= MAX_DEPTH as usize + 1;
    if same_for_every_start {
        failed.begin(n);
    }
    for start in 0..n {
        if first != 0 && readings.firsts(start) & first == 0 {
            // No reading of this character begins the query.
            continue;
        }
        if !same_for_every_start {
            failed.begin(n);
        }
        let mut speller = Speller {
            q,
            readings,
            failed: &mut *failed,
        };
        let spelled = speller.spell(0, start, 0);
        if let Some((score, kind)) =
            spelled.and_then(|(end, full)| spelled_score(start, end, n, full))
            && best.is_none_or(|(b, _)| score > b)
        {
            best = Some((score, kind));
        }
    }
    best
}

/// The score of a query spelled over the characters `start..end` of a text `n` long: in full
/// pinyin, or by initials (which need at least two characters to count).
pub(super) fn spelled_score(
    start: usize,
    end: usize,
    n: usize,
    full: bool,
) -> Option<(f32, MatchKind)> {
    let span = (end - start) as f32 / n as f32;
    match (full, end - start == n) {
        (true, true) => Some((0.95, MatchKind::Pinyin)),
        (true, false) => Some((0.72 + 0.2 * span, MatchKind::Pinyin)),
        (false, _) if end - start < 2 => None,
        (false, true) => Some((0.9, MatchKind::Initials)),
        (false, false) => Some((0.6 + 0.2 * span, MatchKind::Initials)),
    }
}

/// How many characters deep spelling backtracks.
const MAX_DEPTH: u32 = 64;

/// The places (query position, character) from which spelling is known to fail. Spelling
/// from a place does not depend on the way there, so each place is explored once: letters
/// that read as themselves ("remove card" in a text with Han characters) would otherwise
/// branch at every character.
#[derive(Default)]
pub(super) struct Failed {
    /// Per character: the attempt its marks belong to, and the query positions, a bit each.
    marks: Vec<(u64, u64)>,
    attempt: u64,
}

impl Failed {
    /// Starts an attempt over `chars` characters, with nothing marked.
    fn begin(&mut self, chars: usize) {
        self.attempt += 1;
        if self.marks.len() < chars {
            self.marks.resize(chars, (0, 0));
        }
    }

    fn has(&self, pos: usize, i: usize) -> bool {
        let (attempt, bits) = self.marks[i];
        pos < 64 && attempt == self.attempt && bits & 1 << pos != 0
    }

    /// Marks a failed place; a position past the 64 bits is simply not remembered.
    fn mark(&mut self, pos: usize, i: usize) {
        if pos < 64 {
            let slot = &mut self.marks[i];
            if slot.0 != self.attempt {
                *slot = (self.attempt, 0);
            }
            slot.1 |= 1 << pos;
        }
    }
}

/// One attempt at spelling a query with a text's characters.
struct Speller<'a, S> {
    q: &'a [u8],
    readings: &'a S,
    failed: &'a mut Failed,
}

impl<S: Spelling> Speller<'_, S> {
    /// Spells `q[pos..]` with the readings of characters `i..`; returns the end character and
    /// whether every character used a full reading. `depth` bounds the backtracking.
    fn spell(&mut self, pos: usize, i: usize, depth: u32) -> Option<(usize, bool)> {
        if pos == self.q.len() {
            return Some((i, true));
        }
        if i == self.readings.len() || depth > MAX_DEPTH || self.failed.has(pos, i) {
            return None;
        }
        let found = self.spell_at(pos, i, depth);
        if found.is_none() {
            self.failed.mark(pos, i);
        }
        found
    }

    /// [`Self::spell`] at a place not known to fail.
    fn spell_at(&mut self, pos: usize, i: usize, depth: u32) -> Option<(usize, bool)> {
        // Every reading, initial or reading being typed that fits begins with the next letter.
        if self.readings.firsts(i) & letter_mask(&self.q[pos..=pos]) != 0
            && let Some(found) = self.spell_here(pos, i, depth)
        {
            return Some(found);
        }
        // A syllable with no initial (额 e, 安 an) is often left out of initials: "ybz" for 余额不足.
        if pos > 0
            && i + 1 < self.readings.len()
            && self
                .readings
                .readings(i)
                .iter()
                .any(|r| r.starts_with(VOWELS))
            && let Some((end, _)) = self.spell(pos, i + 1, depth + 1)
        {
            return Some((end, false));
        }
        None
    }

    /// Spells character `i` by a reading, by the start of one still being typed, or by its
    /// initial.
    fn spell_here(&mut self, pos: usize, i: usize, depth: u32) -> Option<(usize, bool)> {
        let rest = &self.q[pos..];
        let here = self.readings.readings(i);
        for r in here {
            let r = r.as_bytes();
            if begins(rest, r)
                && let Some(found) = self.spell(pos + r.len(), i + 1, depth + 1)
            {
                return Some(found);
            }
            // The last syllable may still be being typed: "yuebuz" for 余额不足.
            if rest.len() < r.len() && rest.len() >= 2 && begins(r, rest) {
                return Some((i + 1, true));
            }
        }
        for r in here {
            // The initial as written (`zh`), or just its first letter (`z`), as people type it.
            let full_initial = initial(r).as_bytes();
            for ini in [full_initial, &full_initial[..full_initial.len().min(1)]] {
                if !ini.is_empty()
                    && begins(rest, ini)
                    && let Some((end, _)) = self.spell(pos + ini.len(), i + 1, depth + 1)
                {
                    return Some((end, false));
                }
            }
        }
        None
    }
}

/// Whether `bytes` begins with `prefix`: `starts_with` for the few letters of a syllable,
/// without a call to `memcmp`.
fn begins(bytes: &[u8], prefix: &[u8]) -> bool {
    prefix.len() <= bytes.len() && bytes.iter().zip(prefix).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::search::pinyin::readings;

    fn r(s: &str) -> Vec<Readings> {
        s.chars().map(readings).collect()
    }

    #[test]
    fn pinyin_full_initials_mixed_and_polyphones() {
        assert_eq!(
            pinyin_score(b"yuebuzu", &r("余额不足")).unwrap().1,
            MatchKind::Pinyin
        );
        assert_eq!(
            pinyin_score(b"ybz", &r("余额不足")).map(|x| x.1),
            Some(MatchKind::Initials)
        );
        assert_eq!(
            pinyin_score(b"yebz", &r("余额不足")).map(|x| x.1),
            Some(MatchKind::Initials)
        );
        // 重 reads zhong and chong: both spell it.
        assert!(pinyin_score(b"chongxinqiandao", &r("重新签到")).is_some());
        assert!(pinyin_score(b"zhongxinqiandao", &r("重新签到")).is_some());
        assert!(pinyin_score(b"cxqd", &r("重新签到")).is_some());
        assert!(pinyin_score(b"zxqd", &r("重新签到")).is_some());
        assert!(
            pinyin_score(b"qiandaoshib", &r("签到失败")).is_some(),
            "last syllable half typed"
        );
        assert!(
            pinyin_score(b"dyjqz", &r("打印机缺纸")).is_some(),
            "z for zh"
        );
        assert!(pinyin_score(b"dyjqzh", &r("打印机缺纸")).is_some());
        assert!(pinyin_score(b"xyz", &r("余额不足")).is_none());
        // Fuzzy pinyin: an "h" added to or dropped from z, c, s.
        assert!(pinyin_score(b"yuebuzhu", &r("余额不足")).is_some());
        assert!(pinyin_score(b"dayinjiquezi", &r("打印机缺纸")).is_some());
        assert!(pinyin_score(b"sibai", &r("失败")).is_some());
        // Not other letters.
        assert!(pinyin_score(b"yuebulu", &r("余额不足")).is_none());
    }
}
