//! The fast paths against the plain comparisons they replace (kept here as written before),
//! on many small random cases: an optimisation must never change a result.

use rustc_hash::FxHashMap;

use super::MatchKind;
use super::chinese::{chinese_score, inside_score};
use super::distance::{levenshtein_within, substring_within, within_one_edit};
use super::english::near;
use super::pinyin::{PinyinIndex, PinyinScratch, Readings, initial, readings};
use super::spelling::{pinyin_score, spelled_score};
use crate::knowledge::load::is_han;

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize % below
    }

    fn string(&mut self, alphabet: &[char], min: usize, max: usize) -> Vec<char> {
        let len = min + self.next(max - min + 1);
        (0..len)
            .map(|_| alphabet[self.next(alphabet.len())])
            .collect()
    }
}

#[test]
fn chinese_scores() {
    let alphabet: Vec<char> = "余额不足卡a".chars().collect();
    let mut rng = Lcg(7);
    for _ in 0..200_000 {
        let q = rng.string(&alphabet, 1, 8);
        let k = rng.string(&alphabet, 1, 12);
        assert_eq!(
            chinese_score(&q, &k),
            plain_chinese_score(&q, &k),
            "{q:?} {k:?}"
        );
    }
}

#[test]
fn edit_checks() {
    let mut rng = Lcg(11);
    for _ in 0..100_000 {
        let a = rng.string(&['a', 'b', 'c'], 0, 7);
        let b = rng.string(&['a', 'b', 'c'], 0, 7);
        let plain = plain_levenshtein(&a, &b, 1).is_some();
        let (a8, b8): (String, String) = (a.iter().collect(), b.iter().collect());
        assert_eq!(
            within_one_edit(a8.as_bytes(), b8.as_bytes()),
            plain,
            "{a8} {b8}"
        );
        assert_eq!(near(&a8, &b8), plain_near(&a8, &b8), "{a8} {b8}");
        for max in 0..3 {
            assert_eq!(
                levenshtein_within(&a, &b, max),
                plain_levenshtein(&a, &b, max)
            );
            let plain = plain_substring_distance(&a, &b);
            assert_eq!(
                substring_within(&a, &b, max),
                (plain <= max).then_some(plain),
                "{a8} {b8}"
            );
        }
    }
}

/// Characters with several readings, readings without initials, and letters.
const SPELLING_CHARS: &str = "余额不足重行长的阿安恶卡号一ab";

fn random_spellings(rng: &mut Lcg, chars: &[char]) -> Vec<u8> {
    // Mostly a real spelling of a run (readings, initials, a half-typed end), else noise.
    if rng.next(4) == 0 {
        let len = 2 + rng.next(6);
        return (0..len).map(|_| b"ybzuexcha"[rng.next(9)]).collect();
    }
    let start = rng.next(chars.len());
    let mut q = Vec::new();
    for &c in &chars[start..chars.len().min(start + 1 + rng.next(4))] {
        let rs = readings(c);
        let r = rs[rng.next(rs.len())].as_bytes();
        match rng.next(4) {
            0 => q.extend_from_slice(initial(std::str::from_utf8(r).unwrap_or("")).as_bytes()),
            1 => q.push(r[0]),
            2 if r.starts_with(b"a") || r.starts_with(b"e") || r.starts_with(b"o") => {}
            _ => q.extend_from_slice(r),
        }
    }
    if q.len() > 2 && rng.next(3) == 0 {
        q.pop();
    }
    q
}

#[test]
fn pinyin_scores_and_the_loosened_spelling() {
    let alphabet: Vec<char> = SPELLING_CHARS.chars().collect();
    let mut rng = Lcg(3);
    for _ in 0..20_000 {
        let text = rng.string(&alphabet, 1, 9);
        let q = random_spellings(&mut rng, &text);
        if q.is_empty() {
            continue;
        }
        let rs: Vec<Readings> = text.iter().map(|&c| readings(c)).collect();
        let plain = plain_pinyin_score(&q, &rs);
        assert_eq!(pinyin_score(&q, &rs), plain, "{q:?} {text:?}");
        // The index's own path: letter masks, the loosened spelling, then spelling; only
        // texts with Han characters are spelled at all.
        let plain = plain.filter(|_| text.iter().any(|&c| is_han(c)));
        let mut index = PinyinIndex::default();
        index.add(&text, &mut FxHashMap::default());
        let mut found = None;
        if (2..=60).contains(&q.len()) {
            index.search(&q, &mut PinyinScratch::default(), |_, f| found = Some(f));
            assert_eq!(found, plain, "{:?} {text:?}", String::from_utf8_lossy(&q));
        }
    }
}

// The comparisons as they were before the fast paths.

fn plain_near(a: &str, b: &str) -> bool {
    a.len() >= 5 && b.len() >= 5 && a.len().abs_diff(b.len()) <= 1 && {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        plain_levenshtein(&a, &b, 1).is_some()
    }
}

fn plain_chinese_score(q: &[char], k: &[char]) -> Option<(f32, MatchKind)> {
    let (ql, kl) = (q.len() as f32, k.len() as f32);
    if q == k {
        return Some((1.0, MatchKind::Text));
    }
    if plain_contains(k, q) {
        let base = if q.len() == 1 { 0.5 } else { 0.8 };
        return Some((base + 0.18 * ql / kl, MatchKind::Text));
    }
    if k.len() >= 2 && plain_contains(q, k) {
        return Some((inside_score(k.len(), q.len()), MatchKind::Text));
    }
    if q.len() >= 3 {
        if let Some(d) = plain_levenshtein(q, k, if q.len() >= 6 { 2 } else { 1 }) {
            let score = if d == 1 { 0.86 } else { 0.74 };
            return Some((score, MatchKind::Fuzzy));
        }
        if plain_substring_distance(q, k) <= 1 {
            return Some((0.72 + 0.14 * (ql / kl).min(1.0), MatchKind::Fuzzy));
        }
    }
    let dice = plain_bigram_dice(q, k);
    (dice >= 0.4).then_some((0.35 + 0.35 * dice, MatchKind::Fuzzy))
}

fn plain_contains(hay: &[char], needle: &[char]) -> bool {
    needle.len() <= hay.len() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Levenshtein distance of `a` and `b` if it is at most `max`.
fn plain_levenshtein(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[b.len()] <= max).then_some(prev[b.len()])
}

/// The fewest edits that turn `q` into some substring of `k` (Sellers' algorithm).
fn plain_substring_distance(q: &[char], k: &[char]) -> usize {
    let mut prev = vec![0usize; k.len() + 1];
    let mut cur = vec![0usize; k.len() + 1];
    for (i, &cq) in q.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &ck) in k.iter().enumerate() {
            let cost = usize::from(cq != ck);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.into_iter().min().unwrap_or(q.len())
}

/// Dice coefficient of the character pairs of `a` and `b`.
fn plain_bigram_dice(a: &[char], b: &[char]) -> f32 {
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let pairs = |s: &[char]| -> Vec<(char, char)> { s.windows(2).map(|w| (w[0], w[1])).collect() };
    let (pa, mut pb) = (pairs(a), pairs(b));
    let total = pa.len() + pb.len();
    let mut shared = 0;
    for p in pa {
        if let Some(i) = pb.iter().position(|&x| x == p) {
            pb.swap_remove(i);
            shared += 1;
        }
    }
    2.0 * shared as f32 / total as f32
}

fn plain_pinyin_score(q: &[u8], readings: &[Readings]) -> Option<(f32, MatchKind)> {
    let n = readings.len();
    let mut best: Option<(f32, MatchKind)> = None;
    for start in 0..n {
        let spelled = plain_spell(q, 0, readings, start, 0);
        if let Some((score, kind)) =
            spelled.and_then(|(end, full)| spelled_score(start, end, n, full))
            && best.is_none_or(|(b, _)| score > b)
        {
            best = Some((score, kind));
        }
    }
    best
}

/// Spells `q[pos..]` with the readings of characters `i..`; returns the end character and
/// whether every character used a full reading. `depth` bounds the backtracking.
fn plain_spell(
    q: &[u8],
    pos: usize,
    readings: &[Readings],
    i: usize,
    depth: u32,
) -> Option<(usize, bool)> {
    if pos == q.len() {
        return Some((i, true));
    }
    if i == readings.len() || depth > 64 {
        return None;
    }
    let rest = &q[pos..];
    for r in &readings[i] {
        let r = r.as_bytes();
        if rest.starts_with(r)
            && let Some(found) = plain_spell(q, pos + r.len(), readings, i + 1, depth + 1)
        {
            return Some(found);
        }
        // The last syllable may still be being typed: "yuebuz" for 余额不足.
        if rest.len() < r.len() && rest.len() >= 2 && r.starts_with(rest) {
            return Some((i + 1, true));
        }
    }
    for r in &readings[i] {
        // The initial as written (`zh`), or just its first letter (`z`), as people type it.
        let full_initial = initial(r).as_bytes();
        for ini in [full_initial, &full_initial[..full_initial.len().min(1)]] {
            if !ini.is_empty()
                && rest.starts_with(ini)
                && let Some((end, _)) = plain_spell(q, pos + ini.len(), readings, i + 1, depth + 1)
            {
                return Some((end, false));
            }
        }
    }
    // A syllable with no initial (额 e, 安 an) is often left out of initials: "ybz" for 余额不足.
    if pos > 0
        && i + 1 < readings.len()
        && readings[i].iter().any(|r| r.starts_with(['a', 'e', 'o']))
        && let Some((end, _)) = plain_spell(q, pos, readings, i + 1, depth + 1)
    {
        return Some((end, false));
    }
    None
}
