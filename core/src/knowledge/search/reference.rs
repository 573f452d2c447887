//! The fast paths against plain comparisons (kept as written before the fast paths, and edit
//! distances from `strsim`, an independent implementation), on many small random cases: an
//! optimisation must never change a result.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index as Pick, select};
use proptest::test_runner::RngAlgorithm;
use rustc_hash::FxHashMap;

use super::MatchKind;
use super::chinese::{chinese_score, contains_unnegated, inside_score, negation_differs};
use super::distance::{levenshtein_within, substring_within, within_one_edit};
use super::english::near;
use super::pinyin::{PinyinIndex, PinyinScratch, Readings, initial, readings};
use super::spelling::{pinyin_score, spelled_score};
use crate::knowledge::load::is_han;

/// Characters that make Chinese texts alike in many ways.
const CHINESE: &str = "余额不足卡a";

proptest! {
    #![proptest_config(cases(200_000))]

    #[test]
    fn chinese_scores(q in chars(CHINESE, 1..=8), k in chars(CHINESE, 1..=12)) {
        prop_assert_eq!(chinese_score(&q, &k), plain_chinese_score(&q, &k), "{:?} {:?}", q, k);
    }
}

proptest! {
    #![proptest_config(cases(100_000))]

    /// Our distances are Levenshtein's (insert, delete, replace), not Damerau's or OSA's: two
    /// letters swapped are two edits; only English words' nearness ([`near`]) counts a swap of
    /// two letters side by side as one (OSA).
    #[test]
    fn edit_distances_are_strsims(a in chars("abc", 0..=7), b in chars("abc", 0..=7)) {
        let (a8, b8): (String, String) = (a.iter().collect(), b.iter().collect());
        let distance = strsim::levenshtein(&a8, &b8);
        let one_edit = within_one_edit(a8.as_bytes(), b8.as_bytes());
        prop_assert_eq!(one_edit, distance <= 1, "{} {}", a8, b8);
        prop_assert_eq!(near(&a8, &b8), plain_near(&a8, &b8), "{} {}", a8, b8);
        let in_part = plain_substring_distance(&a, &b);
        for max in 0..3 {
            prop_assert_eq!(levenshtein_within(&a, &b, max), (distance <= max).then_some(distance));
            let expected = (in_part <= max).then_some(in_part);
            prop_assert_eq!(substring_within(&a, &b, max), expected, "{} {}", a8, b8);
        }
    }
}

proptest! {
    #![proptest_config(cases(20_000))]

    #[test]
    fn pinyin_scores_and_the_loosened_spelling((text, q) in text_and_spelling()) {
        if q.is_empty() {
            return Ok(());
        }
        let rs: Vec<Readings> = text.iter().map(|&c| readings(c)).collect();
        let plain = plain_pinyin_score(&q, &rs);
        prop_assert_eq!(pinyin_score(&q, &rs), plain, "{:?} {:?}", q, text);
        // The index's own path: letter masks, the loosened spelling, then spelling; only
        // texts with Han characters are spelled at all.
        let plain = plain.filter(|_| text.iter().any(|&c| is_han(c)));
        let mut index = PinyinIndex::default();
        index.add(&text, &mut FxHashMap::default());
        let mut found = None;
        if (2..=60).contains(&q.len()) {
            index.search(&q, &mut PinyinScratch::default(), |_, f| found = Some(f));
            prop_assert_eq!(found, plain, "{:?} {:?}", String::from_utf8_lossy(&q), text);
        }
    }
}

/// Many cases, drawn with XorShift: the default ChaCha's quality is not needed here, and
/// unoptimised (as tests are built) it takes most of the time.
fn cases(cases: u32) -> ProptestConfig {
    ProptestConfig {
        rng_algorithm: RngAlgorithm::XorShift,
        ..ProptestConfig::with_cases(cases)
    }
}

/// Strings of `len` characters from `alphabet`.
fn chars(
    alphabet: &str,
    len: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = Vec<char>> + use<> {
    vec(select(alphabet.chars().collect::<Vec<_>>()), len)
}

/// Characters with several readings, readings without initials, and letters.
const SPELLING_CHARS: &str = "余额不足重行长的阿安恶卡号一ab";

/// A text, and letters that mostly spell a run of it (readings, initials, a half-typed end),
/// else noise.
fn text_and_spelling() -> impl Strategy<Value = (Vec<char>, Vec<u8>)> {
    let noise = vec(select(b"ybzuexcha".to_vec()), 2..=7);
    // Where the run starts, how each of its characters is spelled, whether the last letter is
    // still to be typed.
    let spelled = (
        any::<Pick>(),
        vec((any::<Pick>(), 0..4u8), 1..=4),
        prop::bool::weighted(1.0 / 3.0),
    );
    let letters = prop_oneof![1 => noise.prop_map(Err), 3 => spelled.prop_map(Ok)];
    (chars(SPELLING_CHARS, 1..=9), letters).prop_map(|(text, letters)| {
        let q = match letters {
            Err(noise) => noise,
            Ok((start, how, unfinished)) => spelling(&text, start, &how, unfinished),
        };
        (text, q)
    })
}

/// Spells the characters of `text` from `start` on, one per item of `how`: a reading, and
/// its initial (0), its first letter (1), nothing if it has no initial (2) or all of it.
fn spelling(text: &[char], start: Pick, how: &[(Pick, u8)], unfinished: bool) -> Vec<u8> {
    let start = start.index(text.len());
    let mut q = Vec::new();
    for (&c, &(reading, way)) in text[start..].iter().zip(how) {
        let rs = readings(c);
        let r = rs[reading.index(rs.len())].as_bytes();
        match way {
            0 => q.extend_from_slice(initial(std::str::from_utf8(r).unwrap_or("")).as_bytes()),
            1 => q.push(r[0]),
            2 if r.starts_with(b"a") || r.starts_with(b"e") || r.starts_with(b"o") => {}
            _ => q.extend_from_slice(r),
        }
    }
    if q.len() > 2 && unfinished {
        q.pop();
    }
    q
}

// The comparisons as they were before the fast paths.

fn plain_near(a: &str, b: &str) -> bool {
    a.len() >= 5
        && b.len() >= 5
        && a.len().abs_diff(b.len()) <= 1
        && strsim::osa_distance(a, b) <= 1
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
    if k.len() >= 2 && contains_unnegated(q, k) {
        return Some((inside_score(k.len(), q.len()), MatchKind::Text));
    }
    if negation_differs(q, k) {
        return None;
    }
    if q.len() >= 3 {
        let d = levenshtein(q, k);
        if d <= if q.len() >= 6 { 2 } else { 1 } {
            let score = if d == 1 { 0.86 } else { 0.74 };
            return Some((score, MatchKind::Fuzzy));
        }
        if substrings_within(q, k, 1) {
            return Some((0.72 + 0.14 * (ql / kl).min(1.0), MatchKind::Fuzzy));
        }
    }
    let dice = plain_bigram_dice(q, k);
    (dice >= 0.4).then_some((0.35 + 0.35 * dice, MatchKind::Fuzzy))
}

fn plain_contains(hay: &[char], needle: &[char]) -> bool {
    needle.len() <= hay.len() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The Levenshtein distance of `a` and `b`, by `strsim`.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    strsim::generic_levenshtein(&Chars(a), &Chars(b))
}

/// Characters as `strsim` takes them, without copying them into a string.
struct Chars<'a>(&'a [char]);

impl<'a> IntoIterator for &Chars<'a> {
    type Item = &'a char;
    type IntoIter = std::slice::Iter<'a, char>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// The fewest edits that turn `q` into some substring of `k`: the least [`levenshtein`] to
/// any of them.
fn plain_substring_distance(q: &[char], k: &[char]) -> usize {
    distances_to_substrings(q, k, 0..=k.len())
        .min()
        .unwrap_or(q.len())
}

/// Whether `q` is at most `max` edits from some substring of `k`: from one whose length is
/// within `max` of its own, if any.
fn substrings_within(q: &[char], k: &[char], max: usize) -> bool {
    distances_to_substrings(q, k, q.len().saturating_sub(max)..=q.len() + max).any(|d| d <= max)
}

/// The [`levenshtein`] distances of `q` to the substrings of `k` with these lengths.
fn distances_to_substrings(
    q: &[char],
    k: &[char],
    lengths: std::ops::RangeInclusive<usize>,
) -> impl Iterator<Item = usize> {
    (0..=k.len()).flat_map(move |start| {
        lengths
            .clone()
            .take_while(move |len| start + len <= k.len())
            .map(move |len| levenshtein(q, &k[start..start + len]))
    })
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
