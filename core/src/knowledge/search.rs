//! The lookup index and its ranking.
//!
//! A code in the query decides first (`51`, `[05]`, `A0 校验错`, `USERPAYING`). Then every
//! entry's on-screen texts, titles and keywords are compared with the query in the way the query
//! was typed: Chinese (exact, contained, one character wrong or missing, shared character pairs),
//! pinyin (full or initials, every reading of a polyphonic character, with or without spaces), or
//! English words. Candidates come from small inverted indexes, so a keystroke never scans text
//! that shares nothing with the query.
//!
//! Speed, without changing a single score:
//! - Keys with the same comparable text (a clause or keyword on many entries) share one
//!   [`TextInfo`], and a query compares each text once.
//! - Every comparison is guarded by cheap tests that only reject what could not match anyway:
//!   shared character counts and pair counts before edit distances, letter masks and a
//!   bit-parallel loosened spelling ([`PinyinQuery::may_spell`]) before pinyin backtracking,
//!   sorted words and lengths before English near misses.
//! - Per-query tallies live in a per-thread [`Scratch`] that is reset in constant time, and
//!   strings are built only for the hits returned.
//!
//! Of two equal scores for one entry, the code, then the English, then the Chinese or pinyin
//! match stands, and within one the first key's (screen texts come first).

use std::cell::RefCell;
use std::cmp::Ordering;
use std::hash::Hasher;

use pinyin::ToPinyinMulti;
use rustc_hash::{FxHashMap, FxHasher};

use super::entry::{Confidence, Entry};
use super::load::is_han;
use super::normalize::{
    code_mentions, compact, compact_folded, fold, is_ascii_query, words, words_around, words_folded,
};

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

/// How an entry ranks among equal matches, lower first: the one that keeps the cashier from
/// charging twice comes first (a text shared by "check first" and "retry" entries must not open
/// on "retry"), then the confirmed one.
fn tie_rank(e: &Entry) -> u8 {
    let unguarded = u8::from(!e.retry.guards_against_charging_twice());
    let unconfirmed = u8::from(e.confidence == Confidence::Unconfirmed);
    2 * unguarded + unconfirmed
}

/// What a lookup found.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Lookup {
    /// The results, best first.
    pub hits: Vec<Hit>,
    /// A code written plainly as one (`FE`, `[Q9]`, `错误码 Q9`) that no entry has: said
    /// honestly instead of passing word matches off as its meaning.
    pub unknown_code: Option<String>,
}

/// Text of this many characters or more is a sentence, which may overrule a stray code.
const SENTENCE_CHARS: usize = 6;
/// A text match this good on a sentence outranks a code it does not agree with.
const STRONG_TEXT: f32 = 0.9;

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

// ---------------------------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------------------------

/// The searchable knowledge base.
pub struct Index {
    entries: Vec<Entry>,
    /// Every searchable text of every entry, in entry order.
    keys: Vec<Key>,
    /// Per key.
    infos: Vec<KeyInfo>,
    codes: FxHashMap<String, Vec<u32>>,
    related: FxHashMap<String, Vec<u32>>,
    texts: Texts,
    pinyin: PinyinIndex,
    vocabulary: Vocabulary,
    /// Per entry, how it ranks among equal matches ([`tie_rank`]), kept apart so that ordering
    /// thousands of equal hits reads one byte each.
    tie_ranks: Vec<u8>,
}

/// One searchable text of an entry: what only English matching and the hits returned read.
struct Key {
    text: String,
    /// The ASCII words joined by single spaces.
    phrase: String,
    /// How many ASCII words the text has.
    word_count: usize,
}

/// What ranking reads of a key, kept apart from its text so that a query touching thousands
/// of keys touches little memory.
#[derive(Clone, Copy)]
struct KeyInfo {
    entry: u32,
    field: Field,
    /// A shared screen text ("交易失败，请联系发卡行" is on many entries): entries with codes of
    /// their own rank a little lower for it, so the generic entry answers a query without a code.
    shared: bool,
    /// Its comparable text, in [`Texts`].
    text: u32,
}

impl Index {
    /// Builds the index over `entries`.
    pub fn new(entries: Vec<Entry>) -> Index {
        let mut index = Index {
            entries: Vec::new(),
            keys: Vec::new(),
            infos: Vec::new(),
            codes: FxHashMap::default(),
            related: FxHashMap::default(),
            texts: Texts::default(),
            pinyin: PinyinIndex::default(),
            vocabulary: Vocabulary::default(),
            tie_ranks: Vec::new(),
        };
        let mut builder = Builder::default();
        // The screen texts first, folded once: for counting the shared ones, and for their keys.
        let mut screens = FoldedScreens::default();
        for s in entries.iter().flat_map(|e| &e.screen) {
            let folded = fold(s);
            let chars = compact_folded(&folded);
            let text = (!chars.is_empty()).then(|| index.text_id(&chars, &mut builder));
            // Its text without a leading code ("19-交易失败请重试" → "交易失败请重试").
            let core = without_code(s)
                .map(|c| compact(&c))
                .and_then(|chars| (!chars.is_empty()).then(|| index.text_id(&chars, &mut builder)));
            screens.push(&folded, text, core);
        }
        let mut screen_count = vec![0u32; index.texts.infos.len()];
        for text in screens.texts.iter().flatten() {
            screen_count[*text as usize] += 1;
        }
        let mut screens = screens.iter();
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
            let is_shared = |t: u32| screen_count.get(t as usize).is_some_and(|&n| n >= 3);
            for (screen, (folded, text, core)) in e.screen.iter().zip(&mut screens) {
                let Some(text) = text else { continue };
                // A screen text is shared when it, or its text without a leading code, is on
                // three entries or more.
                let key = NewKey {
                    entry: id,
                    field: Field::Screen,
                    text: screen,
                    folded,
                    shared: !e.codes.is_empty() && (is_shared(text) || core.is_some_and(is_shared)),
                };
                index.add_key(&key, text, &mut builder);
            }
            let others = [(Field::Title, &e.zh.title), (Field::Title, &e.en.title)]
                .into_iter()
                .chain(
                    e.zh.keywords
                        .iter()
                        .chain(&e.en.keywords)
                        .map(|k| (Field::Keyword, k)),
                );
            for (field, text) in others {
                index.add_text(id, field, text, &mut builder, |_| false);
            }
            for clause in e.screen.iter().flat_map(|s| clauses(s)) {
                // A clause that is itself a shared screen text ("19-交易失败请重试" holds
                // "交易失败请重试") is as shared as that text.
                let shared = |t: u32| !e.codes.is_empty() && is_shared(t);
                index.add_text(id, Field::Clause, &clause, &mut builder, shared);
            }
        }
        index.vocabulary = Vocabulary::new(builder.by_word);
        index.texts.list_keys(&index.infos);
        index.tie_ranks = entries.iter().map(tie_rank).collect();
        index.entries = entries;
        index
    }

    /// Adds a key for `text` (not a screen text), unless it has nothing to compare.
    /// `shared` tells, from its comparable text, whether the text is a shared one.
    fn add_text(
        &mut self,
        entry: u32,
        field: Field,
        text: &str,
        builder: &mut Builder,
        shared: impl Fn(u32) -> bool,
    ) {
        let folded = fold(text);
        let chars = compact_folded(&folded);
        if chars.is_empty() {
            return;
        }
        let id = self.text_id(&chars, builder);
        let key = NewKey {
            entry,
            field,
            text,
            folded: &folded,
            shared: shared(id),
        };
        self.add_key(&key, id, builder);
    }

    /// Adds a key whose comparable text is `text`.
    fn add_key(&mut self, key: &NewKey, text: u32, builder: &mut Builder) {
        let id = self.keys.len() as u32;
        let words = words_folded(key.folded);
        builder.list_words(id, &words);
        self.infos.push(KeyInfo {
            entry: key.entry,
            field: key.field,
            shared: key.shared,
            text,
        });
        self.keys.push(Key {
            text: key.text.to_owned(),
            phrase: words.join(" "),
            word_count: words.len(),
        });
    }

    /// The id of the comparable text `chars`, adding it the first time.
    fn text_id(&mut self, chars: &[char], builder: &mut Builder) -> u32 {
        let hash = {
            let mut h = FxHasher::default();
            chars.iter().for_each(|&c| h.write_u32(c as u32));
            h.finish()
        };
        let mut same_hash = builder.text_by_hash.get(&hash).copied();
        while let Some(t) = same_hash {
            if self.texts.chars(t) == chars {
                return t;
            }
            same_hash = builder.next_same_hash[t as usize];
        }
        let t = self.texts.add(chars);
        self.pinyin.add(chars, &mut builder.syllable_ids);
        let before = builder.text_by_hash.insert(hash, t);
        builder.next_same_hash.push(before);
        t
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
        self.lookup(query, limit).hits
    }

    /// The best `limit` entries for `query`, and the code it names that no entry has.
    pub fn lookup(&self, query: &str, limit: usize) -> Lookup {
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

    fn search_in(&self, query: &str, limit: usize, scratch: &mut Scratch) -> Lookup {
        let Scratch {
            best,
            shared,
            words,
            pinyin,
            text_hits,
        } = scratch;
        best.start(self.entries.len());
        text_hits.clear();

        // 1. The codes, and the words left when they are taken out.
        let mentions = code_mentions(query);
        let codes: Vec<String> = mentions.iter().map(|m| m.code.clone()).collect();
        let text = words_around(query, &mentions, |c| self.code_entries(c).is_some());

        // 2. Text: Chinese, or pinyin and English for an all-ASCII query.
        if text.chars().any(is_han) || !is_ascii_query(&text) {
            self.chinese(&text, shared, text_hits);
        } else {
            self.english(&text, words, text_hits);
            self.pinyin(&text, pinyin, text_hits);
        }

        // 3. A code decides first, unless the words are a sentence that plainly means
        // something else ("用户已在1分钟内支付过…" is no code 01): then the words come first
        // and the code's entry after them.
        let code_entries: Vec<u32> = codes
            .iter()
            .flat_map(|c| self.code_entries(c).into_iter().flatten().copied())
            .collect();
        let (mut agrees, mut elsewhere) = (0.0f32, 0.0f32);
        for hit in text_hits.iter() {
            let k = &self.infos[hit.key as usize];
            let score = hit.score * k.field.weight();
            if code_entries.contains(&k.entry) {
                agrees = agrees.max(score);
            } else {
                elsewhere = elsewhere.max(score);
            }
        }
        let sentence = compact(&text).len() >= SENTENCE_CHARS;
        let overruled = sentence && elsewhere >= STRONG_TEXT && agrees < CONFIDENT;
        let code_score = if overruled { elsewhere - 0.02 } else { 1.0 };
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
            for &e in self.code_entries(code).into_iter().flatten() {
                offer_code(e, code_score - step, MatchKind::Code, rank);
            }
            for &e in self.related.get(code).into_iter().flatten() {
                offer_code(e, 0.6 - step, MatchKind::RelatedCode, rank);
            }
        }
        for hit in text_hits.iter() {
            let k = &self.infos[hit.key as usize];
            let mut score = hit.score * k.field.weight();
            if k.shared && codes.is_empty() {
                score *= 0.9;
            }
            let mut kind = hit.kind;
            if code_entries.contains(&k.entry) && !overruled {
                // A code hit that the text agrees with outranks one it does not.
                score = 1.0 + score * 0.01;
                kind = MatchKind::Code;
            } else if !code_entries.is_empty() && !overruled {
                // The code decides: text alone never ties with it ("[51] 交易失败").
                score = score.min(0.99);
            }
            best.slot(k.entry).offer(Best {
                score,
                kind,
                source: Source::Key(hit.key),
                order: (hit.phase, hit.key),
            });
        }
        let mut hits = self.ranked(best, limit, &codes);
        // Beside an answer that says the money may have moved, results that invite a retry are
        // not shown: no "retry" banner may sit next to a prompt after which the customer may
        // already have paid.
        let moved = |h: &Hit| {
            h.is_confident() && self.entries[h.entry].retry.guards_against_charging_twice()
        };
        if hits.first().is_some_and(moved) {
            hits.retain(|h| !self.entries[h.entry].retry.invites_retry());
        }
        // A code no entry has, unless an entry shows it as its very text (a merchant's own
        // entry for "E07").
        let unknown_code = mentions
            .iter()
            .find(|m| {
                m.explicit
                    && self.code_entries(&m.code).is_none()
                    && !hits
                        .iter()
                        .any(|h| h.matched_text.trim().eq_ignore_ascii_case(&m.code))
            })
            .map(|m| m.code.clone());
        Lookup { hits, unknown_code }
    }

    /// The entries with `code`; for a dotted code that none has, those of its tail after a
    /// dot (`aop.ACQ.SYSTEM_ERROR` → `ACQ.SYSTEM_ERROR`, as gateways prefix Alipay's codes).
    fn code_entries(&self, code: &str) -> Option<&Vec<u32>> {
        let mut code = code;
        loop {
            if let Some(found) = self.codes.get(code) {
                return Some(found);
            }
            code = code.split_once('.')?.1;
        }
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
                .then_with(|| self.tie_ranks[a.0 as usize].cmp(&self.tie_ranks[b.0 as usize]))
                .then_with(|| a.0.cmp(&b.0))
        };
        // Only the best `limit` are put in order.
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

    /// Scores the texts sharing enough characters with the query: at least half of a long
    /// query's different characters, at least one of a short one's.
    fn chinese(&self, query: &str, shared: &mut Counts, out: &mut Vec<TextHit>) {
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

    /// Spells the query's letters against the texts with Han characters.
    fn pinyin(&self, query: &str, scratch: &mut PinyinScratch, out: &mut Vec<TextHit>) {
        let q: Vec<u8> = query
            .bytes()
            .filter(u8::is_ascii_alphabetic)
            .map(|b| b.to_ascii_lowercase())
            .collect();
        if q.len() < 2 || q.len() > 60 {
            return;
        }
        self.pinyin
            .search(&q, scratch, |text, found| self.offer_text(text, found, out));
    }

    /// Offers a text's score for every key with that text.
    fn offer_text(&self, text: u32, (score, kind): (f32, MatchKind), out: &mut Vec<TextHit>) {
        out.extend(self.texts.keys_of(text).iter().map(|&key| TextHit {
            key,
            score,
            kind,
            phase: Phase::Text,
        }));
    }
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

/// What building the index keeps only until it is built. Nothing in it is allocated per text:
/// hundreds of thousands of small blocks freed at the end of a build would make the allocator
/// tidy them up during the first searches (1–2 ms each at 20,000 entries).
#[derive(Default)]
struct Builder {
    by_word: FxHashMap<String, Vec<u32>>,
    /// The different comparable texts by a hash of their characters: texts with the same hash
    /// are chained through `next_same_hash` (per text) and told apart by their characters.
    text_by_hash: FxHashMap<u64, u32>,
    next_same_hash: Vec<Option<u32>>,
    /// Each character's place in [`PinyinIndex::syllables`].
    syllable_ids: FxHashMap<char, u32>,
}

impl Builder {
    /// Lists key `id` under each of its `words`.
    fn list_words(&mut self, id: u32, words: &[&str]) {
        for &w in words {
            match self.by_word.get_mut(w) {
                Some(list) if list.last() == Some(&id) => {}
                Some(list) => list.push(id),
                None => {
                    self.by_word.insert(w.to_owned(), vec![id]);
                }
            }
        }
    }
}

/// The folded screen texts of all entries, in order, with their comparable texts (none for a
/// screen text with nothing to compare); in one string, for the reason given at [`Builder`].
#[derive(Default)]
struct FoldedScreens {
    folded: String,
    ends: Vec<usize>,
    texts: Vec<Option<u32>>,
    /// The comparable texts of the screen texts without their leading codes.
    cores: Vec<Option<u32>>,
}

impl FoldedScreens {
    fn push(&mut self, folded: &str, text: Option<u32>, core: Option<u32>) {
        self.folded.push_str(folded);
        self.ends.push(self.folded.len());
        self.texts.push(text);
        self.cores.push(core);
    }

    fn iter(&self) -> impl Iterator<Item = (&str, Option<u32>, Option<u32>)> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .zip(self.texts.iter().zip(&self.cores))
            .map(|((start, &end), (&text, &core))| (&self.folded[start..end], text, core))
    }
}

/// A key about to be added.
struct NewKey<'a> {
    entry: u32,
    field: Field,
    text: &'a str,
    /// The text [`fold`]ed.
    folded: &'a str,
    shared: bool,
}

/// A screen text without its leading code ("ZY-用户取消支付" → "用户取消支付"), if it has one
/// and something is left.
fn without_code(screen: &str) -> Option<String> {
    let rest = screen
        .trim_start_matches(|c: char| c.is_ascii_alphanumeric() || "[]()（）【】- ".contains(c));
    (rest != screen && rest.chars().count() >= 2).then(|| rest.to_owned())
}

/// The parts of a screen text worth matching on their own: each clause, and the text without
/// a leading code ("ZY-用户取消支付，请重新发起交易" → "用户取消支付，请重新发起交易",
/// "用户取消支付", "请重新发起交易"). The whole text itself is not repeated.
fn clauses(screen: &str) -> Vec<String> {
    let mut out = Vec::new();
    let without_code = match without_code(screen) {
        Some(text) => {
            out.push(text.clone());
            text
        }
        None => screen.to_owned(),
    };
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

// ---------------------------------------------------------------------------------------------
// Chinese: the comparable texts
// ---------------------------------------------------------------------------------------------

/// The different comparable texts ([`compact`]) of the keys, in order of first appearance.
#[derive(Default)]
struct Texts {
    infos: Vec<TextInfo>,
    /// The characters of every text, text after text.
    chars: Vec<char>,
    /// The keys of every text, text after text.
    keys: Vec<u32>,
    /// The texts with each character.
    by_char: FxHashMap<char, Vec<u32>>,
}

/// One different comparable text. Keys with the same text (a clause or keyword on many
/// entries) share one, and a query compares each text once.
#[derive(Clone, Copy)]
struct TextInfo {
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
    fn shape(&self) -> Shape {
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
    fn add(&mut self, chars: &[char]) -> u32 {
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
    fn list_keys(&mut self, keys: &[KeyInfo]) {
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

    fn chars(&self, text: u32) -> &[char] {
        let (start, end) = self.infos[text as usize].chars;
        &self.chars[start as usize..end as usize]
    }

    /// The keys with this text.
    fn keys_of(&self, text: u32) -> &[u32] {
        let (start, end) = self.infos[text as usize].keys;
        &self.keys[start as usize..end as usize]
    }
}

/// What the Chinese comparison knows of a text before reading it.
#[derive(Clone, Copy)]
struct Shape {
    /// Its length in characters.
    len: u32,
    /// How many different characters it has.
    distinct: u32,
    /// Its character pairs ([`pair_set`]).
    pairs: u64,
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
fn pair_set(chars: &[char]) -> u64 {
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
        if k_len >= 2 && k_missing == 0 && k_len <= q.len() && contains(q, text()) {
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

/// A long query: a sentence rather than a prompt's words.
const LONG_QUERY: usize = 10;

/// The score of a text of `k` characters found inside a query of `q`. A short text inside a
/// long sentence is a lead, not the answer: it stays below confident.
fn inside_score(k: usize, q: usize) -> f32 {
    let cover = k as f32 / q as f32;
    if q >= LONG_QUERY && 2 * k < q {
        0.55 + 0.3 * cover
    } else {
        0.78 + 0.18 * cover
    }
}

/// How well the Chinese query `q` matches the key text `k`.
#[cfg(test)]
fn chinese_score(q: &[char], k: &[char]) -> Option<(f32, MatchKind)> {
    let mut query = ChineseQuery::new(q.to_vec());
    let shared = query.distinct.iter().filter(|c| k.contains(c)).count();
    query.score(Shape::of(k), shared, || k)
}

/// Whether `needle` (not empty) occurs in `hay`.
fn contains(hay: &[char], needle: &[char]) -> bool {
    needle.len() <= hay.len()
        && hay
            .windows(needle.len())
            .any(|w| w[0] == needle[0] && w == needle)
}

/// Runs `f` on `len` zeroed cells: on the stack when that is enough, as it is for prompts.
fn with_cells<R>(len: usize, f: impl FnOnce(&mut [usize]) -> R) -> R {
    const ON_STACK: usize = 128;
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

// ---------------------------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------------------------

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
    fn new(by_word: FxHashMap<String, Vec<u32>>) -> Vocabulary {
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

/// Per key, which query word last matched it and how many did.
#[derive(Clone, Copy, Default)]
struct WordMarks {
    /// 1-based, 0 for none yet.
    last_word: u32,
    matched: u32,
}

// ---------------------------------------------------------------------------------------------
// Pinyin
// ---------------------------------------------------------------------------------------------

/// The pinyin of the comparable texts with Han characters.
#[derive(Default)]
struct PinyinIndex {
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
    /// Where the text's characters are in [`PinyinIndex::chars`]: kept here, beside what is
    /// read for every text, to save a memory access for each text that passes.
    chars: (u32, u32),
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
const VOWELS: [char; 3] = ['a', 'e', 'o'];
/// The letter code of a byte of a reading that is not `a`–`z` (ü, ê).
const OTHER: u8 = 26;
/// The code that closes a reading.
const END: u8 = 27;

impl PinyinIndex {
    /// Adds the pinyin of a new text: none for a text without Han characters. `ids` holds each
    /// character's syllable id.
    fn add(&mut self, chars: &[char], ids: &mut FxHashMap<char, u32>) {
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
        }
        letters.chars = (start, self.chars.len() as u32);
        self.letters.push(letters);
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
    fn search(
        &self,
        q: &[u8],
        scratch: &mut PinyinScratch,
        mut offer: impl FnMut(u32, (f32, MatchKind)),
    ) {
        let all = letter_mask(q);
        let first = letter_mask(&q[..1]);
        // The letters that must begin a reading of some character of the text.
        let starts = q.windows(2).fold(first, |m, pair| {
            let next = letter_mask(&pair[1..]);
            if self.follows[usize::from(pair[0] - b'a')] & next == 0 {
                m | next
            } else {
                m
            }
        });
        let PinyinScratch { query, failed } = scratch;
        query.prepare(q, self);
        for (t, letters) in self.letters.iter().enumerate() {
            if letters.all & all != all || letters.firsts & starts != starts {
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
struct PinyinScratch {
    query: PinyinQuery,
    failed: Failed,
}

/// The pinyin readings of one character of a searchable text.
type Readings = Vec<&'static str>;

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

/// The first letter of every reading, one bit each.
fn first_letters(readings: &[&str]) -> u32 {
    readings
        .iter()
        .fold(0, |m, r| m | letter_mask(&r.as_bytes()[..r.len().min(1)]))
}

/// One bit per ASCII lower-case letter in `bytes` (`a` is bit 0); other bytes add nothing.
fn letter_mask(bytes: &[u8]) -> u32 {
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
    /// [`Speller`] takes them (the beginning of a reading for each character, or nothing for a
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

/// A text's characters as spelling reads them.
trait Spelling {
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

/// How well the letters `q` spell a run of the key's characters in pinyin: each character by
/// one of its full readings or by its initial; the last may be a reading still being typed.
#[cfg(test)]
fn pinyin_score<S: Spelling>(q: &[u8], readings: &S) -> Option<(f32, MatchKind)> {
    pinyin_score_with(q, readings, &mut Failed::default())
}

/// [`pinyin_score`], with `failed` as room to work in.
fn pinyin_score_with<S: Spelling>(
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
fn spelled_score(start: usize, end: usize, n: usize, full: bool) -> Option<(f32, MatchKind)> {
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
struct Failed {
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

// ---------------------------------------------------------------------------------------------
// Per-query state
// ---------------------------------------------------------------------------------------------

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

/// Small per-slot counts for one query. Only the slots listed as touched are non-zero, and
/// starting a query clears just those, so a query costs what it counts, not the slot count.
#[derive(Default)]
struct Counts {
    /// At most 255: a count of different query characters, of which there are at most
    /// [`MAX_QUERY_CHARS`].
    counts: Vec<u8>,
    touched: Vec<u32>,
}

impl Counts {
    /// Starts a query over `len` slots, all zero.
    fn start(&mut self, len: usize) {
        for &i in &self.touched {
            self.counts[i as usize] = 0;
        }
        self.touched.clear();
        if self.counts.len() < len {
            self.counts.resize(len, 0);
        }
    }

    fn add(&mut self, i: u32) {
        let count = &mut self.counts[i as usize];
        if *count == 0 {
            self.touched.push(i);
        }
        *count = count.saturating_add(1);
    }

    fn get(&self, i: u32) -> u8 {
        self.counts[i as usize]
    }

    /// The slots counted this query, in the order first counted.
    fn touched(&self) -> &[u32] {
        &self.touched
    }
}

/// The reusable state of a search.
#[derive(Default)]
struct Scratch {
    /// Per entry.
    best: Stamped<Best>,
    /// Per comparable text, the query characters it has.
    shared: Counts,
    /// Per key, the query words it has.
    words: Stamped<WordMarks>,
    pinyin: PinyinScratch,
    text_hits: Vec<TextHit>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
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

/// The fast paths against the plain comparisons they replace (kept here as written before),
/// on many small random cases: an optimisation must never change a result.
#[cfg(test)]
mod same_as_plain {
    use super::*;

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

    #[test]
    fn shared_texts_are_scored_for_every_key() {
        let index = crate::knowledge::index_with(Vec::new());
        // "交易失败" is a clause of many screen texts: every entry with it is found.
        let hits = index.search("交易失败", 200);
        let with_clause = index
            .entries()
            .iter()
            .filter(|e| {
                e.screen
                    .iter()
                    .any(|s| compact(s).starts_with(&compact("交易失败")))
            })
            .count();
        assert!(
            with_clause > 3 && hits.len() >= with_clause,
            "{with_clause} {}",
            hits.len()
        );
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
        let pairs =
            |s: &[char]| -> Vec<(char, char)> { s.windows(2).map(|w| (w[0], w[1])).collect() };
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
                    && let Some((end, _)) =
                        plain_spell(q, pos + ini.len(), readings, i + 1, depth + 1)
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
}
