//! Chinese matching: exact, contained, one character wrong or missing, shared character pairs.

use super::distance::{levenshtein_within, substring_within};
use super::rank::TextHit;
use super::scratch::Counts;
use super::{Index, MatchKind};
use crate::knowledge::normalize::{NEGATIONS, compact};

impl Index {
    /// Scores the texts sharing enough characters with the query: at least half of a long
    /// query's different characters, at least one of a short one's.
    pub(super) fn chinese(&self, query: &str, shared: &mut Counts, out: &mut Vec<TextHit>) {
        let q = compact(query);
        if q.is_empty() {
            return;
        }
        let mut query = ChineseQuery::new(q);
        shared.start(self.texts.infos.len());
        for c in &query.distinct {
            for &t in self.texts.by_char.get(c).into_iter().flatten() {
                shared.add(t);
            }
        }
        let need = query.min_shared();
        for &t in shared.touched() {
            let n = usize::from(shared.get(t));
            if n < need {
                continue;
            }
            let shape = self.texts.infos[t as usize].shape();
            if let Some(found) = query.score(shape, n, || self.texts.chars(t)) {
                self.offer_text(t, found, out);
            }
        }
    }
}

/// What the Chinese comparison knows of a text before reading it.
#[derive(Clone, Copy)]
pub(super) struct Shape {
    /// Its length in characters.
    pub(super) len: u32,
    /// How many different characters it has.
    pub(super) distinct: u32,
    /// Its character pairs ([`pair_set`]).
    pub(super) pairs: u64,
}

#[cfg(test)]
impl Shape {
    fn of(chars: &[char]) -> Shape {
        let mut distinct = chars.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        Shape {
            len: chars.len() as u32,
            distinct: distinct.len() as u32,
            pairs: pair_set(chars),
        }
    }
}

/// Whether the texts differ by a negation put in or left out, which no typo does: the query
/// has more negations than the text, or fewer while the lengths differ. (Which negation does
/// not matter, "没有收到" is "未收到"; and a negation in the text where the query has a
/// like-sounding character, "余额布足" for "余额不足", keeps the length and stays a typo.)
pub(super) fn negation_differs(q: &[char], k: &[char]) -> bool {
    let negations = |t: &[char]| t.iter().filter(|c| NEGATIONS.contains(c)).count();
    let (in_q, in_k) = (negations(q), negations(k));
    in_q > in_k || (in_q != in_k && q.len() != k.len())
}

/// The least character-pair Dice coefficient worth a fuzzy match.
const MIN_DICE: f32 = 0.4;

/// Whether the Dice coefficient of a query and a text of these lengths, with `common`
/// character pairs in common, reaches [`MIN_DICE`].
fn dice_reaches_min(common: usize, q_len: usize, k_len: usize) -> bool {
    q_len >= 2 && k_len >= 2 && 2.0 * common as f32 / (q_len - 1 + k_len - 1) as f32 >= MIN_DICE
}

/// A character pair's bit in a 64-bit set of pairs: equal pairs share it (so may others).
fn pair_bit(a: char, b: char) -> u64 {
    1 << (((a as u32).wrapping_mul(0x9e37_79b9) ^ b as u32).wrapping_mul(0x85eb_ca6b) >> 26)
}

/// The set of the pairs of `chars`, by [`pair_bit`].
pub(super) fn pair_set(chars: &[char]) -> u64 {
    chars.windows(2).fold(0, |m, w| m | pair_bit(w[0], w[1]))
}

/// A Chinese query, with what every comparison with a text needs.
struct ChineseQuery {
    chars: Vec<char>,
    /// Its different characters, in order of first appearance.
    distinct: Vec<char>,
    /// Its different character pairs, sorted, each with how often it occurs.
    pairs: Vec<((char, char), usize)>,
    /// Per pair, how many of the text being compared have been matched to it.
    used: Vec<usize>,
    /// One bit per character of the query, by [`char_bit`]: a pair whose first character's bit
    /// is clear is not a query pair.
    first_chars: u64,
    /// The query's pairs by [`pair_bit`], and per bit how many of the query's pairs have it.
    pair_bits: u64,
    pair_weights: [usize; 64],
}

/// A character's bit in a 64-bit character set: equal characters share it (so may others).
fn char_bit(c: char) -> u64 {
    1 << (c as u32 % 64)
}

impl ChineseQuery {
    fn new(chars: Vec<char>) -> ChineseQuery {
        let mut distinct = Vec::new();
        for &c in &chars {
            if !distinct.contains(&c) {
                distinct.push(c);
            }
        }
        let mut pairs: Vec<((char, char), usize)> = Vec::new();
        for w in chars.windows(2) {
            let pair = (w[0], w[1]);
            match pairs.iter_mut().find(|(p, _)| *p == pair) {
                Some((_, n)) => *n += 1,
                None => pairs.push((pair, 1)),
            }
        }
        pairs.sort_unstable();
        let mut pair_weights = [0; 64];
        for &((a, b), n) in &pairs {
            pair_weights[pair_bit(a, b).trailing_zeros() as usize] += n;
        }
        ChineseQuery {
            first_chars: chars.iter().fold(0, |m, &c| m | char_bit(c)),
            pair_bits: pair_set(&chars),
            pair_weights,
            used: vec![0; pairs.len()],
            chars,
            distinct,
            pairs,
        }
    }

    /// The different characters a text must share to be compared at all: half of a query's; a
    /// third (at least four) of a sentence's, so that it still finds a short prompt inside it
    /// ("提现过于频繁或重复提交,1分钟后再试" finds "提现过于频繁").
    fn min_shared(&self) -> usize {
        match self.distinct.len() {
            distinct @ 12.. => (distinct / 3).max(4),
            distinct @ 4.. => distinct / 2,
            _ => 1,
        }
    }

    /// How well the query matches a text of this `shape`, sharing `shared` different
    /// characters with the query. `text` gives the text's characters: read only when the shape
    /// leaves a match possible, since most texts fail on their shape alone.
    fn score<'k>(
        &mut self,
        shape: Shape,
        shared: usize,
        text: impl Fn() -> &'k [char],
    ) -> Option<(f32, MatchKind)> {
        let q = &self.chars[..];
        let k_len = shape.len as usize;
        let (ql, kl) = (q.len() as f32, shape.len as f32);
        // Each character one side has and the other lacks costs at least one edit.
        let q_missing = self.distinct.len() - shared;
        let k_missing = shape.distinct as usize - shared;
        if q_missing == 0 && k_len >= q.len() {
            let k = text();
            if q == k {
                return Some((1.0, MatchKind::Text));
            }
            if contains(k, q) {
                let base = if q.len() == 1 { 0.5 } else { 0.8 };
                return Some((base + 0.18 * ql / kl, MatchKind::Text));
            }
        }
        if k_len >= 2 && k_missing == 0 && k_len <= q.len() && contains_unnegated(q, text()) {
            return Some((inside_score(k_len, q.len()), MatchKind::Text));
        }
        // The fuzzy comparisons, each tried only where the shape allows it. An edit breaks at
        // most two of the query's pairs; the others are pairs of the text.
        let max = if q.len() >= 6 { 2 } else { 1 };
        let most = self.most_common_pairs(shape, shared);
        let edits = q.len() >= 3
            && q_missing <= max
            && k_missing <= max
            && q.len().abs_diff(k_len) <= max
            && most + 2 * max + 1 >= q.len();
        let in_part = q.len() >= 3 && q_missing <= 1 && k_len + 1 >= q.len() && most + 3 >= q.len();
        let dice = dice_reaches_min(most, q.len(), k_len);
        if !(edits || in_part || dice) {
            return None;
        }
        let k = text();
        let common = self.common_pairs(k);
        let q = &self.chars[..];
        // A negation put in or left out is no typo: "请勿拔卡" (do not remove the card) is not
        // "请拔卡", "交易不成功" not "交易成功".
        if negation_differs(q, k) {
            return None;
        }
        if edits
            && common + 2 * max + 1 >= q.len()
            && let Some(d) = levenshtein_within(q, k, max)
        {
            let score = if d == 1 { 0.86 } else { 0.74 };
            return Some((score, MatchKind::Fuzzy));
        }
        if in_part && common + 3 >= q.len() && substring_within(q, k, 1).is_some() {
            return Some((0.72 + 0.14 * (ql / kl).min(1.0), MatchKind::Fuzzy));
        }
        if !dice {
            return None;
        }
        // Dice coefficient of the character pairs.
        let dice = 2.0 * common as f32 / (q.len() - 1 + k_len - 1) as f32;
        (dice >= MIN_DICE).then_some((0.35 + 0.35 * dice, MatchKind::Fuzzy))
    }

    /// The most character pairs the query can have in common with a text of this `shape`,
    /// sharing `shared` different characters (see [`Self::common_pairs`]).
    fn most_common_pairs(&self, shape: Shape, shared: usize) -> usize {
        let (q_len, k_len) = (self.chars.len(), shape.len as usize);
        if q_len < 2 || k_len < 2 {
            return 0;
        }
        // A shared pair has both characters in the text; so do at most this many query places.
        let present = q_len - (self.distinct.len() - shared);
        // And it is among the pairs the text's pair set may hold.
        let mut maybe = self.pair_bits & shape.pairs;
        let mut in_set = 0;
        while maybe != 0 {
            in_set += self.pair_weights[maybe.trailing_zeros() as usize];
            maybe &= maybe - 1;
        }
        (q_len - 1)
            .min(k_len - 1)
            .min(present.saturating_sub(1))
            .min(in_set)
    }

    /// How many character pairs the query and `k` have in common, each pair of one matched to
    /// an equal pair of the other at most once.
    fn common_pairs(&mut self, k: &[char]) -> usize {
        let mut common = 0;
        for w in k.windows(2) {
            if self.first_chars & char_bit(w[0]) == 0 {
                continue;
            }
            if let Ok(p) = self
                .pairs
                .binary_search_by_key(&(w[0], w[1]), |&(pair, _)| pair)
                && self.used[p] < self.pairs[p].1
            {
                self.used[p] += 1;
                common += 1;
            }
        }
        if common > 0 {
            self.used.fill(0);
        }
        common
    }
}

/// A long query: a sentence rather than a prompt's words (7 and up: "签名错误，请重试" holds
/// "请重试" of many entries; measured on all blind batches, 7 answers 4 more first than 10).
const LONG_QUERY: usize = 7;

/// The score of a text of `k` characters found inside a query of `q`. A short text inside a
/// long sentence is a lead, not the answer: it stays below confident.
pub(super) fn inside_score(k: usize, q: usize) -> f32 {
    let cover = k as f32 / q as f32;
    if q >= LONG_QUERY && 2 * k < q {
        0.55 + 0.3 * cover
    } else {
        0.78 + 0.18 * cover
    }
}

/// How well the Chinese query `q` matches the key text `k`.
#[cfg(test)]
pub(super) fn chinese_score(q: &[char], k: &[char]) -> Option<(f32, MatchKind)> {
    let mut query = ChineseQuery::new(q.to_vec());
    let shared = query.distinct.iter().filter(|c| k.contains(c)).count();
    query.score(Shape::of(k), shared, || k)
}

/// Whether the text `k` (not empty) occurs in the query `q` other than right after a negation:
/// "请勿拔卡" (do not remove the card) holds "拔卡" but does not say it, nor "不要拔卡".
pub(super) fn contains_unnegated(q: &[char], k: &[char]) -> bool {
    /// Verbs a two-character negation ends with: 不要, 不能, 不可, 没有, 无需.
    const AFTER_NEGATION: [char; 6] = ['要', '能', '可', '有', '用', '需'];
    let negated = |at: usize| {
        let before = |n: usize| at.checked_sub(n).map(|i| q[i]);
        let negation = |c: Option<char>| c.is_some_and(|c| NEGATIONS.contains(&c));
        negation(before(1))
            || (before(1).is_some_and(|c| AFTER_NEGATION.contains(&c)) && negation(before(2)))
    };
    k.len() <= q.len()
        && q.windows(k.len())
            .enumerate()
            .any(|(at, w)| w[0] == k[0] && w == k && (NEGATIONS.contains(&k[0]) || !negated(at)))
}

/// Whether `needle` (not empty) occurs in `hay`.
fn contains(hay: &[char], needle: &[char]) -> bool {
    needle.len() <= hay.len()
        && hay
            .windows(needle.len())
            .any(|w| w[0] == needle[0] && w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::search::CONFIDENT;

    #[test]
    fn chinese_scores_order_sensibly() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        let exact = chinese_score(&c("余额不足"), &c("余额不足")).unwrap().0;
        let part = chinese_score(&c("余额不足"), &c("卡内余额不足")).unwrap().0;
        let typo = chinese_score(&c("余额布足"), &c("余额不足")).unwrap().0;
        assert!(
            exact > part && part > typo && typo >= CONFIDENT,
            "{exact} {part} {typo}"
        );
        assert!(chinese_score(&c("打印机"), &c("余额不足")).is_none());
        // A short generic text inside a sentence of seven is a lead, not the answer; a text that
        // is most of the query is.
        assert!(inside_score(3, 7) < CONFIDENT, "{}", inside_score(3, 7));
        assert!(inside_score(4, 7) >= CONFIDENT, "{}", inside_score(4, 7));
    }

    #[test]
    fn a_negation_put_in_or_left_out_is_no_typo() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        let fuzzy = |q: &str, k: &str| {
            chinese_score(&c(q), &c(k)).filter(|(_, kind)| *kind == MatchKind::Fuzzy)
        };
        // "Do not remove the card" is not "remove the card"; "not successful" not "successful".
        assert!(fuzzy("请勿拔卡", "请拔卡").is_none());
        assert!(fuzzy("交易不成功", "交易成功").is_none());
        assert!(fuzzy("请勿拔卡", "请拔卡片").is_none());
        // A like-sounding character typed for one is still a typo, negation or not.
        assert!(fuzzy("余额布足", "余额不足").is_some());
        assert!(fuzzy("请拔卡", "请拨卡").is_some());
        // The same negation on both sides stays a typo.
        assert!(fuzzy("请勿拔卡", "请勿拔下卡").is_some());
        // A text inside the query right after a negation is not what it says.
        let inside = |q: &str, k: &str| chinese_score(&c(q), &c(k));
        assert!(inside("请勿拔卡", "拔卡").is_none());
        assert!(inside("不要拔卡", "拔卡").is_none());
        assert!(inside("请拔卡", "拔卡").is_some());
        assert!(inside("卡片无效请拔卡", "拔卡").is_some());
        assert!(inside("交易失败 余额不足", "余额不足").is_some());
    }
}
