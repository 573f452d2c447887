//! The lookup index and its ranking.
//!
//! A code in the query decides first (`51`, `[05]`, `A0 校验错`, `USERPAYING`). Then every
//! entry's on-screen texts, titles and keywords are compared with the query in the way the query
//! was typed: Chinese (exact, contained, one character wrong or missing, shared character pairs),
//! pinyin (full or initials, every reading of a polyphonic character, with or without spaces), or
//! English words. Candidates come from small inverted indexes, so a keystroke never scans text
//! that shares nothing with the query.
//!
//! Speed: every comparison is guarded by cheap tests that only reject what could not match
//! anyway (shared character counts, letter masks, word lengths), so the ranking is exactly that
//! of the plain comparisons. Per-query tallies live in a per-thread scratch that is reset in
//! constant time, and strings are built only for the hits returned.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

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

/// The readings of one character with the letters they use; shared by every key that has the
/// character.
struct Syllables {
    readings: Box<[&'static str]>,
    /// Every letter of every reading.
    letters: u32,
    /// The first letter of every reading.
    firsts: u32,
}

/// One character of a key, as pinyin.
#[derive(Clone)]
struct CharPinyin(Arc<Syllables>);

impl CharPinyin {
    fn of(c: char) -> CharPinyin {
        let readings = readings(c);
        let letters = readings
            .iter()
            .fold(0, |m, r| m | letter_mask(r.as_bytes()));
        let firsts = readings
            .iter()
            .fold(0, |m, r| m | letter_mask(&r.as_bytes()[..r.len().min(1)]));
        CharPinyin(Arc::new(Syllables {
            readings: readings.into_boxed_slice(),
            letters,
            firsts,
        }))
    }
}

impl AsRef<[&'static str]> for CharPinyin {
    fn as_ref(&self) -> &[&'static str] {
        &self.0.readings
    }
}

/// One bit per ASCII lower-case letter in `bytes` (`a` is bit 0); other bytes add nothing.
fn letter_mask(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .filter(|b| b.is_ascii_lowercase())
        .fold(0, |m, &b| m | 1 << (b - b'a'))
}

/// One searchable text of an entry.
struct Key {
    entry: u32,
    field: Field,
    text: String,
    chars: Vec<char>,
    /// How many different characters `chars` holds.
    distinct: usize,
    /// The pinyin of each character; empty for a key without Han characters (never spelled).
    readings: Vec<CharPinyin>,
    /// The ASCII words joined by single spaces.
    phrase: String,
    /// How many ASCII words the text has.
    word_count: usize,
    /// A shared screen text ("交易失败，请联系发卡行" is on many entries): entries with codes of
    /// their own rank a little lower for it, so the generic entry answers a query without a code.
    shared: bool,
}

/// The letters a key's pinyin can use, for rejecting a pinyin query without spelling it.
#[derive(Clone, Copy, Default)]
struct PinyinLetters {
    /// Every letter of every reading of every character: a query letter outside it cannot match.
    all: u32,
    /// The first letter of every reading: a spelling starts with one of them.
    firsts: u32,
}

/// The ASCII words of every key, sorted, with the keys that use each.
#[derive(Default)]
struct Vocabulary {
    words: Vec<String>,
    /// The keys using each word, in key order.
    keys: Vec<Vec<u32>>,
    /// Word ids by word length, for words one edit away.
    by_len: Vec<Vec<u32>>,
}

impl Vocabulary {
    fn new(by_word: HashMap<String, Vec<u32>>) -> Vocabulary {
        let mut pairs: Vec<(String, Vec<u32>)> = by_word.into_iter().collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut by_len: Vec<Vec<u32>> = Vec::new();
        for (id, (word, _)) in pairs.iter().enumerate() {
            if by_len.len() <= word.len() {
                by_len.resize(word.len() + 1, Vec::new());
            }
            by_len[word.len()].push(id as u32);
        }
        let (words, keys) = pairs.into_iter().unzip();
        Vocabulary {
            words,
            keys,
            by_len,
        }
    }

    /// Fills `out` with the ids of the words that the query word `w` matches, sorted and without
    /// repeats: the word itself, the words it begins when it is the `last` query word (still
    /// being typed), and the words one edit away ([`near`]).
    fn matching(&self, w: &str, last: bool, out: &mut Vec<u32>) {
        out.clear();
        let start = self.words.partition_point(|x| x.as_str() < w);
        if last && w.len() >= 2 {
            // The word itself and the words it begins are one run of the sorted words.
            let run = self.words[start..]
                .iter()
                .take_while(|x| x.starts_with(w))
                .count();
            out.extend((start..start + run).map(|i| i as u32));
        } else if self.words.get(start).is_some_and(|x| x == w) {
            out.push(start as u32);
        }
        if w.len() >= NEAR_MIN_LEN {
            for len in w.len() - 1..=w.len() + 1 {
                for &id in self.by_len.get(len).into_iter().flatten() {
                    if near(&self.words[id as usize], w) {
                        out.push(id);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// The searchable knowledge base.
pub struct Index {
    entries: Vec<Entry>,
    keys: Vec<Key>,
    codes: HashMap<String, Vec<u32>>,
    related: HashMap<String, Vec<u32>>,
    by_char: HashMap<char, Vec<u32>>,
    /// Per key, in key order; all zero for a key without Han characters.
    pinyin_letters: Vec<PinyinLetters>,
    vocabulary: Vocabulary,
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

/// What building the index keeps only until it is built.
#[derive(Default)]
struct Builder {
    by_word: HashMap<String, Vec<u32>>,
    /// Each character's pinyin, worked out once.
    pinyin: HashMap<char, CharPinyin>,
}

impl Builder {
    fn key(
        &mut self,
        entry: u32,
        field: Field,
        text: String,
        chars: Vec<char>,
        shared: bool,
    ) -> Key {
        let words = words(&text);
        let readings = if chars.iter().any(|&c| is_han(c)) {
            chars
                .iter()
                .map(|&c| {
                    self.pinyin
                        .entry(c)
                        .or_insert_with(|| CharPinyin::of(c))
                        .clone()
                })
                .collect()
        } else {
            Vec::new()
        };
        Key {
            entry,
            field,
            text,
            distinct: 0,
            readings,
            phrase: words.join(" "),
            word_count: words.len(),
            chars,
            shared,
        }
    }

    /// Lists key `id` under each of its words.
    fn add_words(&mut self, id: u32, text: &str) {
        for w in words(text) {
            if let Some(list) = self.by_word.get_mut(&w) {
                if list.last() != Some(&id) {
                    list.push(id);
                }
            } else {
                self.by_word.insert(w, vec![id]);
            }
        }
    }
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
            pinyin_letters: Vec::new(),
            vocabulary: Vocabulary::default(),
        };
        let mut builder = Builder::default();
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
                )
                .map(|(f, t)| (f, t.clone()));
            let clauses = e
                .screen
                .iter()
                .flat_map(|s| clauses(s))
                .map(|c| (Field::Clause, c));
            for (field, text) in texts.chain(clauses) {
                let chars = compact(&text);
                if chars.is_empty() {
                    continue;
                }
                let shared = field == Field::Screen
                    && !e.codes.is_empty()
                    && screen_count.get(&chars).copied().unwrap_or(0) >= 3;
                builder.add_words(index.keys.len() as u32, &text);
                let key = builder.key(id, field, text, chars, shared);
                index.add_key(key);
            }
        }
        index.vocabulary = Vocabulary::new(builder.by_word);
        index.entries = entries;
        index
    }

    fn add_key(&mut self, mut key: Key) {
        let id = self.keys.len() as u32;
        let mut distinct = key.chars.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for &c in &distinct {
            self.by_char.entry(c).or_default().push(id);
        }
        key.distinct = distinct.len();
        let letters = key
            .readings
            .iter()
            .fold(PinyinLetters::default(), |m, r| PinyinLetters {
                all: m.all | r.0.letters,
                firsts: m.firsts | r.0.firsts,
            });
        self.pinyin_letters.push(letters);
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
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.search_in(query, limit, &mut scratch),
            // Only a search run from inside a search finds it taken; that one gets its own.
            Err(_) => self.search_in(query, limit, &mut Scratch::default()),
        })
    }

    fn search_in(&self, query: &str, limit: usize, scratch: &mut Scratch) -> Vec<Hit> {
        let Scratch {
            best,
            shared,
            words,
            text_hits,
        } = scratch;
        best.start(self.entries.len());
        text_hits.clear();

        // 1. Codes decide first.
        let codes = code_candidates(query);
        let mut code_entries: Vec<u32> = Vec::new();
        let mut seq = 0;
        let mut offer_code = |entry: u32, score: f32, kind: MatchKind, rank: usize| {
            best.slot(entry).offer(Best {
                score,
                kind,
                source: Source::Code(rank as u32),
                order: (Phase::Code, seq),
            });
            seq += 1;
        };
        for (rank, code) in codes.iter().enumerate() {
            let step = rank as f32 * 0.01;
            for &e in self.codes.get(code).into_iter().flatten() {
                offer_code(e, 1.0 - step, MatchKind::Code, rank);
                code_entries.push(e);
            }
            for &e in self.related.get(code).into_iter().flatten() {
                offer_code(e, 0.6 - step, MatchKind::RelatedCode, rank);
            }
        }

        // 2. Text: Chinese, or pinyin and English for an all-ASCII query.
        if query.chars().any(is_han) || !is_ascii_query(query) {
            self.chinese(query, shared, text_hits);
        } else {
            self.english(query, words, text_hits);
            self.pinyin(query, text_hits);
        }
        for hit in text_hits.iter() {
            let k = &self.keys[hit.key as usize];
            let mut score = hit.score * k.field.weight();
            if k.shared && codes.is_empty() {
                score *= 0.9;
            }
            let mut kind = hit.kind;
            if code_entries.contains(&k.entry) {
                // A code hit that the text agrees with outranks one it does not.
                score = 1.0 + score * 0.01;
                kind = MatchKind::Code;
            }
            best.slot(k.entry).offer(Best {
                score,
                kind,
                source: Source::Key(hit.key),
                order: (hit.phase, hit.key),
            });
        }
        self.ranked(best, limit, &codes)
    }

    /// The best `limit` of the entries offered, best first, as hits.
    fn ranked(&self, best: &Stamped<Best>, limit: usize, codes: &[String]) -> Vec<Hit> {
        if limit == 0 {
            return Vec::new();
        }
        let mut found: Vec<(u32, Best)> = best
            .touched()
            .iter()
            .map(|&e| (e, best.get(e)))
            .filter(|(_, b)| b.score >= FLOOR)
            .collect();
        let order = |a: &(u32, Best), b: &(u32, Best)| -> Ordering {
            b.1.score
                .total_cmp(&a.1.score)
                .then_with(|| self.confidence_rank(a.0).cmp(&self.confidence_rank(b.0)))
                .then_with(|| a.0.cmp(&b.0))
        };
        if found.len() > limit {
            found.select_nth_unstable_by(limit - 1, order);
            found.truncate(limit);
        }
        found.sort_unstable_by(order);
        found
            .into_iter()
            .map(|(entry, b)| Hit {
                entry: entry as usize,
                score: b.score.min(1.0),
                matched_by: b.kind,
                matched_text: match b.source {
                    Source::Code(rank) => codes[rank as usize].clone(),
                    Source::Key(key) => self.keys[key as usize].text.clone(),
                },
            })
            .collect()
    }

    fn confidence_rank(&self, entry: u32) -> u8 {
        u8::from(self.entries[entry as usize].confidence == Confidence::Unconfirmed)
    }

    /// Scores the keys sharing enough characters with the query: at least half of a long
    /// query's different characters, at least one of a short one's.
    fn chinese(&self, query: &str, shared: &mut Stamped<u16>, out: &mut Vec<TextHit>) {
        let mut q = compact(query);
        if q.iter().any(|&c| is_han(c)) {
            // Codes and numbers were handled as codes; the text part decides here.
            q.retain(|c| !c.is_ascii_digit());
        }
        if q.is_empty() {
            return;
        }
        let query = ChineseQuery::new(q);
        shared.start(self.keys.len());
        for c in &query.distinct {
            for &k in self.by_char.get(c).into_iter().flatten() {
                *shared.slot(k) += 1;
            }
        }
        let need = query.min_shared();
        for &k in shared.touched() {
            let n = usize::from(shared.get(k));
            if n < need {
                continue;
            }
            let key = &self.keys[k as usize];
            if let Some((score, kind)) = query.score(&key.chars, key.distinct, n) {
                out.push(TextHit {
                    key: k,
                    score,
                    kind,
                    phase: Phase::Text,
                });
            }
        }
    }

    /// Scores the keys with a word that a query word matches.
    fn english(&self, query: &str, marks: &mut Stamped<WordMarks>, out: &mut Vec<TextHit>) {
        let qw: Vec<String> = words(query)
            .into_iter()
            .filter(|w| !STOP_WORDS.contains(&w.as_str()))
            .collect();
        if qw.is_empty() {
            return;
        }
        let phrase = qw.join(" ");
        marks.start(self.keys.len());
        let mut matching = Vec::new();
        for (i, w) in qw.iter().enumerate() {
            let last = i + 1 == qw.len();
            self.vocabulary.matching(w, last, &mut matching);
            let word = i as u32 + 1;
            for &v in &matching {
                for &k in &self.vocabulary.keys[v as usize] {
                    let m = marks.slot(k);
                    if m.last_word != word {
                        m.last_word = word;
                        m.matched += 1;
                    }
                }
            }
        }
        for &k in marks.touched() {
            let key = &self.keys[k as usize];
            let matched = marks.get(k).matched as usize;
            if let Some(score) = english_score(qw.len(), &phrase, key, matched) {
                out.push(TextHit {
                    key: k,
                    score,
                    kind: MatchKind::English,
                    phase: Phase::English,
                });
            }
        }
    }

    /// Spells the query against every Han key whose pinyin has all the query's letters, in
    /// order, starting with the query's first letter.
    fn pinyin(&self, query: &str, out: &mut Vec<TextHit>) {
        let q: Vec<u8> = query
            .bytes()
            .filter(u8::is_ascii_alphabetic)
            .map(|b| b.to_ascii_lowercase())
            .collect();
        if q.len() < 2 || q.len() > 60 {
            return;
        }
        let all = letter_mask(&q);
        let first = letter_mask(&q[..1]);
        for (k, letters) in self.pinyin_letters.iter().enumerate() {
            if letters.all & all != all || letters.firsts & first == 0 {
                continue;
            }
            let readings = &self.keys[k].readings;
            if !letters_in_order(&q, readings) {
                continue;
            }
            if let Some((score, kind)) = pinyin_score(&q, readings) {
                out.push(TextHit {
                    key: k as u32,
                    score,
                    kind,
                    phase: Phase::Text,
                });
            }
        }
    }
}

/// Which pass offered a match: of two equal scores for one entry, the earlier pass's stands,
/// and within a pass the earlier key's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    Code,
    English,
    /// Chinese text or pinyin.
    Text,
}

/// A key's score for the query, before the key's weight.
#[derive(Clone, Copy)]
struct TextHit {
    key: u32,
    score: f32,
    kind: MatchKind,
    phase: Phase,
}

/// What a match was on.
#[derive(Clone, Copy)]
enum Source {
    /// The code candidate of this rank.
    Code(u32),
    Key(u32),
}

/// An entry's best match so far.
#[derive(Clone, Copy)]
struct Best {
    score: f32,
    kind: MatchKind,
    source: Source,
    /// Breaks ties of score: the lowest stands.
    order: (Phase, u32),
}

impl Default for Best {
    fn default() -> Best {
        Best {
            score: 0.0,
            kind: MatchKind::Code,
            source: Source::Code(0),
            order: (Phase::Text, u32::MAX),
        }
    }
}

impl Best {
    fn offer(&mut self, other: Best) {
        if other.score > self.score || (other.score == self.score && other.order < self.order) {
            *self = other;
        }
    }
}

/// Per key, which query word last matched it and how many did.
#[derive(Clone, Copy, Default)]
struct WordMarks {
    /// 1-based, 0 for none yet.
    last_word: u32,
    matched: u32,
}

/// Per-slot values for one query, reset in constant time: a slot not stamped with the current
/// query holds its default.
#[derive(Default)]
struct Stamped<T> {
    slots: Vec<(u32, T)>,
    now: u32,
    /// The slots stamped this query, in the order first used.
    touched: Vec<u32>,
}

impl<T: Copy + Default> Stamped<T> {
    /// Starts a query over `len` slots, all back at their default.
    fn start(&mut self, len: usize) {
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

    fn slot(&mut self, i: u32) -> &mut T {
        let slot = &mut self.slots[i as usize];
        if slot.0 != self.now {
            *slot = (self.now, T::default());
            self.touched.push(i);
        }
        &mut slot.1
    }

    /// The value of a slot used this query.
    fn get(&self, i: u32) -> T {
        self.slots[i as usize].1
    }

    fn touched(&self) -> &[u32] {
        &self.touched
    }
}

/// The reusable state of a search.
#[derive(Default)]
struct Scratch {
    /// Per entry.
    best: Stamped<Best>,
    /// Per key, the query characters it has.
    shared: Stamped<u16>,
    /// Per key, the query words it has.
    words: Stamped<WordMarks>,
    text_hits: Vec<TextHit>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
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

/// Words shorter than this are never taken for a misspelling of another.
const NEAR_MIN_LEN: usize = 5;

/// Whether two ASCII words of five letters or more differ by at most one edit.
fn near(a: &str, b: &str) -> bool {
    a.len() >= NEAR_MIN_LEN
        && b.len() >= NEAR_MIN_LEN
        && within_one_edit(a.as_bytes(), b.as_bytes())
}

/// Whether `a` and `b` are at most one insertion, deletion or substitution apart.
fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let same = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if same == short.len() {
        return true;
    }
    // After the first difference: one character replaced, or one extra in the longer.
    let skip = usize::from(short.len() == long.len());
    short[same + skip..] == long[same + 1..]
}

/// The English score of `key`, of whose words `matched` answer one of the `query_words`.
fn english_score(query_words: usize, phrase: &str, key: &Key, matched: usize) -> Option<f32> {
    if key.word_count == 0 {
        return None;
    }
    if key.phrase == phrase {
        return Some(1.0);
    }
    if phrase.len() >= 3 && key.phrase.contains(phrase) {
        return Some(0.8 + 0.18 * phrase.len() as f32 / key.phrase.len() as f32);
    }
    let frac = matched as f32 / query_words as f32;
    if matched == 0 || frac < 0.5 {
        return None;
    }
    let cover = (matched as f32 / key.word_count as f32).min(1.0);
    Some(0.45 + 0.3 * frac + 0.2 * cover)
}

/// The least character-pair Dice coefficient worth a fuzzy match.
const MIN_DICE: f32 = 0.4;

/// A Chinese query, with what every comparison with a key needs.
struct ChineseQuery {
    chars: Vec<char>,
    /// Its different characters, in order of first appearance.
    distinct: Vec<char>,
    /// Its different character pairs, each with how often it occurs.
    pairs: Vec<((char, char), usize)>,
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
        ChineseQuery {
            chars,
            distinct,
            pairs,
        }
    }

    /// The different characters a key must share to be compared at all.
    fn min_shared(&self) -> usize {
        let distinct = self.distinct.len();
        if distinct >= 4 { distinct / 2 } else { 1 }
    }

    /// How well the query matches the key text `k`, which has `k_distinct` different
    /// characters, `shared` of them in the query.
    fn score(&self, k: &[char], k_distinct: usize, shared: usize) -> Option<(f32, MatchKind)> {
        let q = &self.chars[..];
        let (ql, kl) = (q.len() as f32, k.len() as f32);
        // Each character one side has and the other lacks costs at least one edit.
        let q_missing = self.distinct.len() - shared;
        let k_missing = k_distinct - shared;
        if q_missing == 0 {
            if q == k {
                return Some((1.0, MatchKind::Text));
            }
            if contains(k, q) {
                let base = if q.len() == 1 { 0.5 } else { 0.8 };
                return Some((base + 0.18 * ql / kl, MatchKind::Text));
            }
        }
        if k.len() >= 2 && k_missing == 0 && contains(q, k) {
            return Some((0.78 + 0.18 * kl / ql, MatchKind::Text));
        }
        if q.len() >= 3 {
            let max = if q.len() >= 6 { 2 } else { 1 };
            if q_missing <= max
                && k_missing <= max
                && let Some(d) = levenshtein_within(q, k, max)
            {
                let score = if d == 1 { 0.86 } else { 0.74 };
                return Some((score, MatchKind::Fuzzy));
            }
            if q_missing <= 1 && k.len() + 1 >= q.len() && substring_within(q, k, 1).is_some() {
                return Some((0.72 + 0.14 * (ql / kl).min(1.0), MatchKind::Fuzzy));
            }
        }
        let dice = self.bigram_dice(k, shared)?;
        (dice >= MIN_DICE).then_some((0.35 + 0.35 * dice, MatchKind::Fuzzy))
    }

    /// Dice coefficient of the character pairs of the query and `k`, which shares `shared` of
    /// the query's different characters; `None` when it could not reach [`MIN_DICE`].
    fn bigram_dice(&self, k: &[char], shared: usize) -> Option<f32> {
        let q = &self.chars;
        if q.len() < 2 || k.len() < 2 {
            return None;
        }
        let total = (q.len() - 1) + (k.len() - 1);
        // A shared pair has both characters in the key; so do at most this many query places.
        let present = q.len() - (self.distinct.len() - shared);
        let most = (q.len() - 1)
            .min(k.len() - 1)
            .min(present.saturating_sub(1));
        if 2.0 * most as f32 / (total as f32) < MIN_DICE {
            return None;
        }
        let common: usize = self
            .pairs
            .iter()
            .map(|&(pair, n)| {
                let in_key = k.windows(2).filter(|w| (w[0], w[1]) == pair).count();
                n.min(in_key)
            })
            .sum();
        Some(2.0 * common as f32 / total as f32)
    }
}

/// How well the Chinese query `q` matches the key text `k` (counting what the index knows).
#[cfg(test)]
fn chinese_score(q: &[char], k: &[char]) -> Option<(f32, MatchKind)> {
    let query = ChineseQuery::new(q.to_vec());
    let shared = query.distinct.iter().filter(|c| k.contains(c)).count();
    let mut k_distinct = k.to_vec();
    k_distinct.sort_unstable();
    k_distinct.dedup();
    query.score(k, k_distinct.len(), shared)
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    needle.len() <= hay.len() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Runs `f` on `len` zeroed cells: on the stack when that is enough, as it is for prompts.
fn with_cells<R>(len: usize, f: impl FnOnce(&mut [usize]) -> R) -> R {
    const ON_STACK: usize = 160;
    if len <= ON_STACK {
        f(&mut [0; ON_STACK][..len])
    } else {
        f(&mut vec![0; len])
    }
}

/// Levenshtein distance of `a` and `b` if it is at most `max`.
fn levenshtein_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    with_cells(2 * (b.len() + 1), |cells| {
        let (mut prev, mut cur) = cells.split_at_mut(b.len() + 1);
        for (j, p) in prev.iter_mut().enumerate() {
            *p = j;
        }
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
    })
}

/// The fewest edits that turn `q` into some substring of `k` (Sellers' algorithm), if at most
/// `max`.
fn substring_within(q: &[char], k: &[char], max: usize) -> Option<usize> {
    with_cells(2 * (k.len() + 1), |cells| {
        // The first row is all zeros: the substring may start anywhere.
        let (mut prev, mut cur) = cells.split_at_mut(k.len() + 1);
        for (i, &cq) in q.iter().enumerate() {
            cur[0] = i + 1;
            let mut row_min = cur[0];
            for (j, &ck) in k.iter().enumerate() {
                let cost = usize::from(cq != ck);
                cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
                row_min = row_min.min(cur[j + 1]);
            }
            // No row's least value is below the row before's, so the answer is beyond `max`.
            if row_min > max {
                return None;
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        let least = prev.iter().copied().min().unwrap_or(q.len());
        (least <= max).then_some(least)
    })
}

/// The fewest edits that turn `q` into some substring of `k`.
#[cfg(test)]
fn substring_distance(q: &[char], k: &[char]) -> usize {
    // The empty substring is `q.len()` edits away, so the bound never cuts the search short.
    substring_within(q, k, q.len()).unwrap_or(q.len())
}

/// Whether the letters `q` can be found in the readings in order, the first as the first
/// letter of a reading: true of every spelling [`spell`] finds, and cheap to test.
fn letters_in_order(q: &[u8], readings: &[CharPinyin]) -> bool {
    let Some((&first, rest)) = q.split_first() else {
        return true;
    };
    let first = letter_mask(&[first]);
    let Some(mut i) = readings.iter().position(|r| r.0.firsts & first != 0) else {
        return false;
    };
    for &b in rest {
        let bit = letter_mask(&[b]);
        // A letter is in the same character's reading as the one before, or a later one's.
        while readings[i].0.letters & bit == 0 {
            i += 1;
            if i == readings.len() {
                return false;
            }
        }
    }
    true
}

/// How well the letters `q` spell a run of the key's characters in pinyin: each character by
/// one of its full readings or by its initial; the last may be a reading still being typed.
fn pinyin_score<R: AsRef<[&'static str]>>(q: &[u8], readings: &[R]) -> Option<(f32, MatchKind)> {
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
fn spell<R: AsRef<[&'static str]>>(
    q: &[u8],
    pos: usize,
    readings: &[R],
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
    let here = readings[i].as_ref();
    for r in here {
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
    for r in here {
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
        && here.iter().any(|r| r.starts_with(['a', 'e', 'o']))
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
