//! The lookup index and its ranking.
//!
//! A code in the query decides first (`51`, `[05]`, `A0 校验错`, `USERPAYING`). Then every
//! entry's on-screen texts, titles and keywords are compared with the query in the way the query
//! was typed: Chinese (exact, contained, one character wrong or missing, shared character pairs),
//! pinyin (full or initials, every reading of a polyphonic character, with or without spaces), or
//! English words. Candidates come from small inverted indexes, so a keystroke never scans text
//! that shares nothing with the query.

use std::collections::HashMap;

use pinyin::ToPinyinMulti;

use super::entry::{Confidence, Entry};
use super::load::is_han;
use super::normalize::{code_candidates, compact, is_ascii_query, words};

/// How an entry was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchKind {
    /// By one of its own codes.
    Code,
    /// A generic text that stands for the code typed.
    RelatedCode,
    /// By its text (Chinese or any exact text).
    Text,
    /// By its text, with a character wrong or missing.
    Fuzzy,
    /// By full pinyin.
    Pinyin,
    /// By pinyin initials.
    Initials,
    /// By English words.
    English,
}

impl MatchKind {
    /// The code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            MatchKind::Code => "code",
            MatchKind::RelatedCode => "related_code",
            MatchKind::Text => "text",
            MatchKind::Fuzzy => "fuzzy",
            MatchKind::Pinyin => "pinyin",
            MatchKind::Initials => "initials",
            MatchKind::English => "english",
        }
    }
}

/// One result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index of the entry in [`Index::entries`].
    pub entry: usize,
    /// 0–1; 0.75 and above is a confident match.
    pub score: f32,
    /// How it matched.
    pub matched_by: MatchKind,
    /// The code or text it matched on.
    pub matched_text: String,
}

impl Hit {
    /// Whether the match is good enough to present as the answer rather than "the nearest".
    pub fn is_confident(&self) -> bool {
        self.score >= CONFIDENT
    }
}

/// Longer queries are cut to this many characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// Scores from here up are confident matches.
pub const CONFIDENT: f32 = 0.75;
/// Scores below this are not shown at all.
const FLOOR: f32 = 0.35;

/// Which part of an entry a searchable text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Screen,
    /// A clause of a screen text, or the text without its leading code.
    Clause,
    Title,
    Keyword,
}

impl Field {
    fn weight(self) -> f32 {
        match self {
            Field::Screen => 1.0,
            Field::Clause => 0.97,
            Field::Title => 0.98,
            Field::Keyword => 0.93,
        }
    }
}

/// The pinyin readings of one character of a searchable text.
type Readings = Vec<&'static str>;

/// One searchable text of an entry.
struct Key {
    entry: u32,
    field: Field,
    text: String,
    chars: Vec<char>,
    han: bool,
    readings: Vec<Readings>,
    words: Vec<String>,
    /// The words joined by single spaces.
    phrase: String,
    /// A shared screen text ("交易失败，请联系发卡行" is on many entries): entries with codes of
    /// their own rank a little lower for it, so the generic entry answers a query without a code.
    shared: bool,
}

/// The searchable knowledge base.
pub struct Index {
    entries: Vec<Entry>,
    keys: Vec<Key>,
    codes: HashMap<String, Vec<u32>>,
    related: HashMap<String, Vec<u32>>,
    by_char: HashMap<char, Vec<u32>>,
    by_letter: HashMap<char, Vec<u32>>,
    by_word: HashMap<String, Vec<u32>>,
}

const ASCII_READINGS: [&str; 36] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
];

fn readings(c: char) -> Readings {
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
    out
}

/// The initial of a pinyin syllable: `zh`, `ch`, `sh`, or its first letter.
fn initial(reading: &str) -> &str {
    for two in ["zh", "ch", "sh"] {
        if reading.starts_with(two) {
            return two;
        }
    }
    &reading[..reading.len().min(1)]
}

impl Index {
    /// Builds the index over `entries`.
    pub fn new(entries: Vec<Entry>) -> Index {
        let mut index = Index {
            entries: Vec::new(),
            keys: Vec::new(),
            codes: HashMap::new(),
            related: HashMap::new(),
            by_char: HashMap::new(),
            by_letter: HashMap::new(),
            by_word: HashMap::new(),
        };
        let mut screen_count: HashMap<Vec<char>, u32> = HashMap::new();
        for e in &entries {
            for s in &e.screen {
                *screen_count.entry(compact(s)).or_default() += 1;
            }
        }
        for (i, e) in entries.iter().enumerate() {
            let id = i as u32;
            for code in &e.codes {
                index
                    .codes
                    .entry(code.to_ascii_uppercase())
                    .or_default()
                    .push(id);
            }
            for code in &e.related_codes {
                index
                    .related
                    .entry(code.to_ascii_uppercase())
                    .or_default()
                    .push(id);
            }
            let texts = e
                .screen
                .iter()
                .map(|s| (Field::Screen, s))
                .chain([(Field::Title, &e.zh.title), (Field::Title, &e.en.title)])
                .chain(
                    e.zh.keywords
                        .iter()
                        .chain(&e.en.keywords)
                        .map(|k| (Field::Keyword, k)),
                );
            let clauses: Vec<(Field, String)> = e
                .screen
                .iter()
                .flat_map(|s| clauses(s))
                .map(|c| (Field::Clause, c))
                .collect();
            let texts = texts.map(|(f, t)| (f, t.clone())).chain(clauses);
            for (field, text) in texts {
                let text = &text;
                let chars = compact(text);
                if chars.is_empty() {
                    continue;
                }
                let shared = field == Field::Screen
                    && !e.codes.is_empty()
                    && screen_count.get(&chars).copied().unwrap_or(0) >= 3;
                index.add_key(Key {
                    entry: id,
                    field,
                    text: text.clone(),
                    han: chars.iter().any(|&c| is_han(c)),
                    readings: chars.iter().map(|&c| readings(c)).collect(),
                    phrase: words(text).join(" "),
                    words: words(text),
                    chars,
                    shared,
                });
            }
        }
        index.entries = entries;
        index
    }

    fn add_key(&mut self, key: Key) {
        let id = self.keys.len() as u32;
        let mut seen = Vec::new();
        for &c in &key.chars {
            if !seen.contains(&c) {
                seen.push(c);
                self.by_char.entry(c).or_default().push(id);
            }
        }
        let mut letters = Vec::new();
        for r in key.readings.iter().flatten() {
            if let Some(first) = r.chars().next()
                && !letters.contains(&first)
            {
                letters.push(first);
                self.by_letter.entry(first).or_default().push(id);
            }
        }
        for w in &key.words {
            let list = self.by_word.entry(w.clone()).or_default();
            if list.last() != Some(&id) {
                list.push(id);
            }
        }
        self.keys.push(key);
    }

    /// The entries, in the order they were given.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn by_id(&self, id: &str) -> Option<(usize, &Entry)> {
        self.entries.iter().enumerate().find(|(_, e)| e.id == id)
    }

    /// The best `limit` entries for `query`, best first. An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        // A prompt is a line or two; a pasted page is cut so a keystroke stays fast.
        let query = match query.char_indices().nth(MAX_QUERY_CHARS) {
            Some((end, _)) => &query[..end],
            None => query,
        };
        let mut best: HashMap<u32, Hit> = HashMap::new();
        let mut offer = |entry: u32, score: f32, matched_by: MatchKind, text: &str| {
            let slot = best.entry(entry).or_insert_with(|| Hit {
                entry: entry as usize,
                score: 0.0,
                matched_by,
                matched_text: String::new(),
            });
            if score > slot.score {
                *slot = Hit {
                    entry: entry as usize,
                    score,
                    matched_by,
                    matched_text: text.to_owned(),
                };
            }
        };

        // 1. Codes decide first.
        let codes = code_candidates(query);
        let mut code_entries: Vec<u32> = Vec::new();
        for (rank, code) in codes.iter().enumerate() {
            let step = rank as f32 * 0.01;
            for &e in self.codes.get(code).into_iter().flatten() {
                offer(e, 1.0 - step, MatchKind::Code, code);
                code_entries.push(e);
            }
            for &e in self.related.get(code).into_iter().flatten() {
                offer(e, 0.6 - step, MatchKind::RelatedCode, code);
            }
        }

        // 2. Text: Chinese, or pinyin and English for an all-ASCII query.
        let text_hits = if query.chars().any(is_han) {
            self.chinese(query)
        } else if is_ascii_query(query) {
            let mut hits = self.english(query);
            hits.extend(self.pinyin(query));
            hits
        } else {
            self.chinese(query)
        };
        for (key, score, kind) in text_hits {
            let k = &self.keys[key as usize];
            let mut score = score * k.field.weight();
            if k.shared && codes.is_empty() {
                score *= 0.9;
            }
            if code_entries.contains(&k.entry) {
                // A code hit that the text agrees with outranks one it does not.
                score = 1.0 + score * 0.01;
                offer(k.entry, score, MatchKind::Code, &k.text);
                continue;
            }
            offer(k.entry, score, kind, &k.text);
        }

        let mut hits: Vec<Hit> = best.into_values().filter(|h| h.score >= FLOOR).collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| self.confidence_rank(a).cmp(&self.confidence_rank(b)))
                .then_with(|| a.entry.cmp(&b.entry))
        });
        for h in &mut hits {
            h.score = h.score.min(1.0);
        }
        hits.truncate(limit);
        hits
    }

    fn confidence_rank(&self, hit: &Hit) -> u8 {
        u8::from(self.entries[hit.entry].confidence == Confidence::Unconfirmed)
    }

    /// Keys sharing at least `min_shared` distinct characters with `query`.
    fn candidates_by_char(&self, query: &[char]) -> Vec<u32> {
        let mut counts: HashMap<u32, u16> = HashMap::new();
        let mut seen = Vec::new();
        for &c in query {
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            for &k in self.by_char.get(&c).into_iter().flatten() {
                *counts.entry(k).or_default() += 1;
            }
        }
        let distinct = seen.len();
        // A long query must share at least half its characters; a short one, one character.
        let need = if distinct >= 4 {
            (distinct / 2) as u16
        } else {
            1
        };
        counts
            .into_iter()
            .filter(|&(_, n)| n >= need)
            .map(|(k, _)| k)
            .collect()
    }

    fn chinese(&self, query: &str) -> Vec<(u32, f32, MatchKind)> {
        let mut q = compact(query);
        if q.iter().any(|&c| is_han(c)) {
            // Codes and numbers were handled as codes; the text part decides here.
            q.retain(|c| !c.is_ascii_digit());
        }
        if q.is_empty() {
            return Vec::new();
        }
        self.candidates_by_char(&q)
            .into_iter()
            .filter_map(|k| {
                let key = &self.keys[k as usize];
                chinese_score(&q, &key.chars).map(|(s, kind)| (k, s, kind))
            })
            .collect()
    }

    fn english(&self, query: &str) -> Vec<(u32, f32, MatchKind)> {
        let qw: Vec<String> = words(query)
            .into_iter()
            .filter(|w| !STOP_WORDS.contains(&w.as_str()))
            .collect();
        if qw.is_empty() {
            return Vec::new();
        }
        let phrase = qw.join(" ");
        let mut candidates: Vec<u32> = Vec::new();
        for (i, w) in qw.iter().enumerate() {
            let last = i + 1 == qw.len();
            for (word, keys) in &self.by_word {
                if word == w
                    || (last && w.len() >= 2 && word.starts_with(w.as_str()))
                    || near(word, w)
                {
                    candidates.extend(keys);
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|k| {
                let key = &self.keys[k as usize];
                english_score(&qw, &phrase, key).map(|s| (k, s, MatchKind::English))
            })
            .collect()
    }

    fn pinyin(&self, query: &str) -> Vec<(u32, f32, MatchKind)> {
        let q: String = query
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if q.len() < 2 || q.len() > 60 {
            return Vec::new();
        }
        let Some(first) = q.chars().next() else {
            return Vec::new();
        };
        self.by_letter
            .get(&first)
            .into_iter()
            .flatten()
            .filter_map(|&k| {
                let key = &self.keys[k as usize];
                if !key.han {
                    return None;
                }
                pinyin_score(q.as_bytes(), &key.readings).map(|(s, kind)| (k, s, kind))
            })
            .collect()
    }
}

/// The parts of a screen text worth matching on their own: each clause, and the text without
/// a leading code ("ZY-用户取消支付，请重新发起交易" → "用户取消支付，请重新发起交易",
/// "用户取消支付", "请重新发起交易"). The whole text itself is not repeated.
fn clauses(screen: &str) -> Vec<String> {
    let without_code = screen
        .trim_start_matches(|c: char| c.is_ascii_alphanumeric() || "[]()（）【】- ".contains(c))
        .to_owned();
    let mut out = Vec::new();
    if without_code != screen && without_code.chars().count() >= 2 {
        out.push(without_code.clone());
    }
    let parts: Vec<&str> = without_code
        .split(['，', ',', '；', ';', '、'])
        .map(str::trim)
        .collect();
    if parts.len() > 1 {
        for p in parts {
            if p.chars().count() >= 2 && !out.iter().any(|o| o == p) {
                out.push(p.to_owned());
            }
        }
    }
    out
}

/// Words that carry no meaning for matching.
const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "is", "on", "in", "for", "please", "pls", "my", "it",
];

/// Whether two words of five letters or more differ by one edit.
fn near(a: &str, b: &str) -> bool {
    a.len() >= 5 && b.len() >= 5 && a.len().abs_diff(b.len()) <= 1 && {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        levenshtein_within(&a, &b, 1).is_some()
    }
}

fn english_score(qw: &[String], phrase: &str, key: &Key) -> Option<f32> {
    if key.words.is_empty() {
        return None;
    }
    if key.phrase == phrase {
        return Some(1.0);
    }
    if phrase.len() >= 3 && key.phrase.contains(phrase) {
        return Some(0.8 + 0.18 * phrase.len() as f32 / key.phrase.len() as f32);
    }
    let matched = qw
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            let last = i + 1 == qw.len();
            key.words.iter().any(|kw| {
                kw == *w || (last && w.len() >= 2 && kw.starts_with(w.as_str())) || near(kw, w)
            })
        })
        .count();
    let frac = matched as f32 / qw.len() as f32;
    if matched == 0 || frac < 0.5 {
        return None;
    }
    let cover = (matched as f32 / key.words.len() as f32).min(1.0);
    Some(0.45 + 0.3 * frac + 0.2 * cover)
}

/// How well the Chinese query `q` matches the key text `k`.
fn chinese_score(q: &[char], k: &[char]) -> Option<(f32, MatchKind)> {
    let (ql, kl) = (q.len() as f32, k.len() as f32);
    if q == k {
        return Some((1.0, MatchKind::Text));
    }
    if contains(k, q) {
        let base = if q.len() == 1 { 0.5 } else { 0.8 };
        return Some((base + 0.18 * ql / kl, MatchKind::Text));
    }
    if k.len() >= 2 && contains(q, k) {
        return Some((0.78 + 0.18 * kl / ql, MatchKind::Text));
    }
    if q.len() >= 3 {
        if let Some(d) = levenshtein_within(q, k, if q.len() >= 6 { 2 } else { 1 }) {
            let score = if d == 1 { 0.86 } else { 0.74 };
            return Some((score, MatchKind::Fuzzy));
        }
        if substring_distance(q, k) <= 1 {
            return Some((0.72 + 0.14 * (ql / kl).min(1.0), MatchKind::Fuzzy));
        }
    }
    let dice = bigram_dice(q, k);
    (dice >= 0.4).then_some((0.35 + 0.35 * dice, MatchKind::Fuzzy))
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    needle.len() <= hay.len() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Levenshtein distance of `a` and `b` if it is at most `max`.
fn levenshtein_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
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
fn substring_distance(q: &[char], k: &[char]) -> usize {
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
fn bigram_dice(a: &[char], b: &[char]) -> f32 {
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

/// How well the letters `q` spell a run of the key's characters in pinyin: each character by
/// one of its full readings or by its initial; the last may be a reading still being typed.
fn pinyin_score(q: &[u8], readings: &[Readings]) -> Option<(f32, MatchKind)> {
    let n = readings.len();
    let mut best: Option<(f32, MatchKind)> = None;
    for start in 0..n {
        if let Some((end, full)) = spell(q, 0, readings, start, 0) {
            let span = (end - start) as f32 / n as f32;
            let (score, kind) = match (full, end - start == n) {
                (true, true) => (0.95, MatchKind::Pinyin),
                (true, false) => (0.72 + 0.2 * span, MatchKind::Pinyin),
                (false, true) => (0.9, MatchKind::Initials),
                (false, false) => (0.6 + 0.2 * span, MatchKind::Initials),
            };
            if !full && end - start < 2 {
                continue;
            }
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, kind));
            }
        }
    }
    best
}

/// Spells `q[pos..]` with the readings of characters `i..`; returns the end character and
/// whether every character used a full reading. `depth` bounds the backtracking.
fn spell(
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
            && let Some(found) = spell(q, pos + r.len(), readings, i + 1, depth + 1)
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
                && let Some((end, _)) = spell(q, pos + ini.len(), readings, i + 1, depth + 1)
            {
                return Some((end, false));
            }
        }
    }
    // A syllable with no initial (额 e, 安 an) is often left out of initials: "ybz" for 余额不足.
    if pos > 0
        && i + 1 < readings.len()
        && readings[i].iter().any(|r| r.starts_with(['a', 'e', 'o']))
        && let Some((end, _)) = spell(q, pos, readings, i + 1, depth + 1)
    {
        return Some((end, false));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn edit_distances() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(
            levenshtein_within(&c("余额布足"), &c("余额不足"), 1),
            Some(1)
        );
        assert_eq!(
            levenshtein_within(&c("打印机缺"), &c("打印机缺纸"), 1),
            Some(1)
        );
        assert_eq!(levenshtein_within(&c("abc"), &c("xyz"), 1), None);
        assert_eq!(substring_distance(&c("通迅失败"), &c("通讯失败请重试")), 1);
    }

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
    }
}
