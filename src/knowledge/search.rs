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
use std::hash::{BuildHasherDefault, Hasher};

use pinyin::ToPinyinMulti;

use super::entry::{Confidence, Entry};
use super::load::is_han;
use super::normalize::{
    code_candidates, compact, compact_folded, fold, is_ascii_query, words, words_folded,
};

/// A `HashMap` with [`FastHasher`].
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// FxHash's word-at-a-time mixing (as in rustc): far quicker than the default SipHash for the
/// characters, words and codes of the index, which are the knowledge base's own, not input an
/// attacker could choose to collide.
#[derive(Default, Clone, Copy)]
struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ rest.len() as u64);
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

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

/// The readings of one character with the letters they use; one per different character.
struct Syllables {
    readings: Box<[&'static str]>,
    /// Every letter of every reading.
    letters: u32,
    /// The first letter of every reading.
    firsts: u32,
    /// Whether a reading has no initial (额 e, 安 an), so initials may leave it out.
    vowel: bool,
    /// Where the readings' letter codes are in [`Index::reading_codes`].
    codes: (u32, u32),
}

impl Syllables {
    /// The syllables of `c`, adding the letter codes of its readings to `codes`.
    fn of(c: char, codes: &mut Vec<u8>) -> Syllables {
        let readings = readings(c);
        let start = codes.len() as u32;
        for r in &readings {
            codes.extend(r.bytes().map(|b| {
                if b.is_ascii_lowercase() {
                    b - b'a'
                } else {
                    OTHER
                }
            }));
            codes.push(END);
        }
        Syllables {
            letters: readings
                .iter()
                .fold(0, |m, r| m | letter_mask(r.as_bytes())),
            firsts: first_letters(&readings),
            vowel: readings.iter().any(|r| r.starts_with(VOWELS)),
            codes: (start, codes.len() as u32),
            readings: readings.into_boxed_slice(),
        }
    }
}

/// The first letters of the syllables with no initial.
const VOWELS: [char; 3] = ['a', 'e', 'o'];
/// The letter code of a byte of a reading that is not `a`–`z` (ü, ê).
const OTHER: u8 = 26;
/// The code that closes a reading.
const END: u8 = 27;

/// A pinyin query as bit sets of its positions (bit `p` for position `p`), and where each
/// syllable of the index could take letters from it, so that testing a key costs a few bit
/// operations per character.
struct PinyinQuery {
    /// Per syllable id, `stride` sets: the `n`th (from 0) holds the positions from which the
    /// next `n + 1` letters begin one of the syllable's readings.
    begins: Vec<u64>,
    /// The longest reading of any syllable, in bytes.
    stride: usize,
    /// Per syllable id, whether initials may leave it out ([`Syllables::vowel`]).
    vowel: Vec<bool>,
    /// The position past the last: reaching it is a spelling.
    goal: u64,
}

impl PinyinQuery {
    /// `q`: lower-case letters, at most 63.
    fn new(q: &[u8], syllables: &[Syllables], codes: &[u8]) -> PinyinQuery {
        let mut at = [0u64; 27];
        for (p, &b) in q.iter().enumerate() {
            at[usize::from(b - b'a')] |= 1 << p;
        }
        let stride = codes
            .split(|&c| c == END)
            .map(<[u8]>::len)
            .max()
            .unwrap_or(0);
        let mut begins = vec![0; syllables.len() * stride];
        for (s, row) in syllables.iter().zip(begins.chunks_mut(stride.max(1))) {
            let (from, to) = (s.codes.0 as usize, s.codes.1 as usize);
            for reading in codes[from..to].split(|&c| c == END) {
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
        PinyinQuery {
            begins,
            stride,
            vowel: syllables.iter().map(|s| s.vowel).collect(),
            goal: 1 << q.len(),
        }
    }

    /// Whether the key with these syllable ids might spell the query: the letters taken as
    /// [`Speller`] takes them, a beginning of one reading per character or none for a
    /// syllable without initial, but with any beginning allowed. Every spelling passes, and
    /// most keys fail within a few characters.
    fn may_spell(&self, chars: &[u32]) -> bool {
        // The query positions spelled up to the character at hand; a spelling may start at any.
        let mut at = 1u64;
        for &id in chars {
            let row = &self.begins[id as usize * self.stride..][..self.stride];
            let vowel = self.vowel[id as usize];
            // Every beginning of a reading begins with its first letter.
            if at & row[0] == 0 {
                at = if vowel { at | 1 } else { 1 };
                continue;
            }
            let mut next = if vowel { at & !1 } else { 0 };
            for (n, &here) in row.iter().enumerate() {
                next |= (at & here) << (n + 1);
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

/// A key's characters as pinyin: ids into the index's table of [`Syllables`].
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
    /// Its comparable text, in [`Index::texts`].
    text: u32,
}

/// A different comparable text ([`compact`]) of the keys. Keys with the same text (a clause
/// or keyword on many entries) share one, and a query compares each text once.
#[derive(Clone, Copy)]
struct TextInfo {
    /// Where its characters are in [`Index::chars`].
    chars: (u32, u32),
    /// How many different characters it has.
    distinct: u32,
    /// Where its keys are in [`Index::text_keys`].
    keys: (u32, u32),
}

impl TextInfo {
    fn shape(&self) -> Shape {
        Shape {
            len: self.chars.1 - self.chars.0,
            distinct: self.distinct,
        }
    }
}

/// The letters a key's pinyin can use, for rejecting a pinyin query without spelling it.
#[derive(Clone, Copy, Default)]
struct PinyinLetters {
    /// Every letter of every reading of every character: a query letter outside it cannot match.
    all: u32,
    /// The first letter of every reading: a spelling starts with one of them.
    firsts: u32,
    /// Where the key's characters are in [`Index::pinyin_chars`]: kept here, beside what is
    /// read for every key, to save a memory access for each key that passes.
    chars: (u32, u32),
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
    fn new(by_word: FastMap<String, Vec<u32>>) -> Vocabulary {
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
    codes: FastMap<String, Vec<u32>>,
    related: FastMap<String, Vec<u32>>,
    /// The texts with each character.
    by_char: FastMap<char, Vec<u32>>,
    /// Per key, in key order.
    infos: Vec<KeyInfo>,
    /// The different comparable texts, in order of first appearance.
    texts: Vec<TextInfo>,
    /// The keys of every text, text after text.
    text_keys: Vec<u32>,
    /// The characters of every text, text after text.
    chars: Vec<char>,
    /// Per text; all zero for a text without Han characters.
    pinyin_letters: Vec<PinyinLetters>,
    /// The characters of every text with Han characters, text after text, as syllable ids.
    pinyin_chars: Vec<u32>,
    /// The pinyin of every different character of those keys.
    syllables: Vec<Syllables>,
    /// The letter codes of their readings (see [`Syllables::codes`]).
    reading_codes: Vec<u8>,
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
    by_word: FastMap<String, Vec<u32>>,
    /// Each character's place in [`Index::syllables`].
    syllable_ids: FastMap<char, u32>,
    /// Room for sorting a key's characters.
    sorted: Vec<char>,
    /// Each different text's place in [`Index::texts`].
    text_ids: FastMap<Vec<char>, u32>,
}

impl Builder {
    /// Lists key `id` under each of its `words`.
    fn list_words(&mut self, id: u32, words: &[String]) {
        for w in words {
            match self.by_word.get_mut(w) {
                Some(list) if list.last() == Some(&id) => {}
                Some(list) => list.push(id),
                None => {
                    self.by_word.insert(w.clone(), vec![id]);
                }
            }
        }
    }

    /// The different characters of `chars`, sorted.
    fn distinct(&mut self, chars: &[char]) -> &[char] {
        self.sorted.clear();
        self.sorted.extend_from_slice(chars);
        self.sorted.sort_unstable();
        self.sorted.dedup();
        &self.sorted
    }

    /// The syllable id of `c`, adding its pinyin to `syllables` and `codes` the first time.
    fn syllable(&mut self, c: char, syllables: &mut Vec<Syllables>, codes: &mut Vec<u8>) -> u32 {
        *self.syllable_ids.entry(c).or_insert_with(|| {
            syllables.push(Syllables::of(c, codes));
            (syllables.len() - 1) as u32
        })
    }
}

/// A text to index, and how.
struct Text<'a> {
    entry: u32,
    field: Field,
    text: &'a str,
    /// The text [`fold`]ed.
    folded: &'a str,
}

impl Index {
    /// Builds the index over `entries`.
    pub fn new(entries: Vec<Entry>) -> Index {
        let mut index = Index {
            entries: Vec::new(),
            keys: Vec::new(),
            codes: FastMap::default(),
            related: FastMap::default(),
            by_char: FastMap::default(),
            infos: Vec::new(),
            texts: Vec::new(),
            text_keys: Vec::new(),
            chars: Vec::new(),
            pinyin_letters: Vec::new(),
            pinyin_chars: Vec::new(),
            syllables: Vec::new(),
            reading_codes: Vec::new(),
            vocabulary: Vocabulary::default(),
        };
        let mut builder = Builder::default();
        // Screen texts are folded once, for counting the shared ones and for their keys.
        let screens: Vec<Vec<(String, Vec<char>)>> = entries
            .iter()
            .map(|e| {
                e.screen
                    .iter()
                    .map(|s| {
                        let folded = fold(s);
                        let chars = compact_folded(&folded);
                        (folded, chars)
                    })
                    .collect()
            })
            .collect();
        let mut screen_count: FastMap<&[char], u32> = FastMap::default();
        for (_, chars) in screens.iter().flatten() {
            *screen_count.entry(chars).or_default() += 1;
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
            for (screen, (folded, chars)) in e.screen.iter().zip(&screens[i]) {
                let shared = !e.codes.is_empty() && screen_count[&chars[..]] >= 3;
                let text = Text {
                    entry: id,
                    field: Field::Screen,
                    text: screen,
                    folded,
                };
                index.add_key(&text, chars.clone(), shared, &mut builder);
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
                index.add_text(id, field, text, &mut builder);
            }
            for clause in e.screen.iter().flat_map(|s| clauses(s)) {
                index.add_text(id, Field::Clause, &clause, &mut builder);
            }
        }
        index.vocabulary = Vocabulary::new(builder.by_word);
        index.list_text_keys();
        index.entries = entries;
        index
    }

    /// Adds a key for `text` (not a screen text) unless it has nothing to compare.
    fn add_text(&mut self, entry: u32, field: Field, text: &str, builder: &mut Builder) {
        let folded = fold(text);
        let text = Text {
            entry,
            field,
            text,
            folded: &folded,
        };
        self.add_key(&text, compact_folded(&folded), false, builder);
    }

    /// Adds a key with these comparable characters, unless there are none.
    fn add_key(&mut self, text: &Text, chars: Vec<char>, shared: bool, builder: &mut Builder) {
        if chars.is_empty() {
            return;
        }
        let id = self.keys.len() as u32;
        let words = words_folded(text.folded);
        builder.list_words(id, &words);
        let text_id = match builder.text_ids.get(&chars) {
            Some(&t) => t,
            None => {
                let t = self.add_comparable(&chars, builder);
                builder.text_ids.insert(chars, t);
                t
            }
        };
        self.infos.push(KeyInfo {
            entry: text.entry,
            field: text.field,
            shared,
            text: text_id,
        });
        self.keys.push(Key {
            text: text.text.to_owned(),
            phrase: words.join(" "),
            word_count: words.len(),
        });
    }

    /// Adds a comparable text not seen before; its keys are listed at the end.
    fn add_comparable(&mut self, chars: &[char], builder: &mut Builder) -> u32 {
        let id = self.texts.len() as u32;
        let distinct = builder.distinct(chars);
        for c in distinct {
            self.by_char.entry(*c).or_default().push(id);
        }
        let start = self.chars.len() as u32;
        self.chars.extend_from_slice(chars);
        self.texts.push(TextInfo {
            chars: (start, self.chars.len() as u32),
            distinct: distinct.len() as u32,
            keys: (0, 0),
        });
        self.add_pinyin(chars, builder);
        id
    }

    /// Lists the keys of every text, in key order.
    fn list_text_keys(&mut self) {
        // Count the keys of each text, then place them.
        for info in &self.infos {
            self.texts[info.text as usize].keys.1 += 1;
        }
        let mut end = 0;
        for t in &mut self.texts {
            let count = t.keys.1;
            t.keys = (end, end);
            end += count;
        }
        self.text_keys = vec![0; self.infos.len()];
        for (k, info) in self.infos.iter().enumerate() {
            let keys = &mut self.texts[info.text as usize].keys;
            self.text_keys[keys.1 as usize] = k as u32;
            keys.1 += 1;
        }
    }

    /// The keys whose comparable text is `text`.
    fn keys_of(&self, text: u32) -> &[u32] {
        let (start, end) = self.texts[text as usize].keys;
        &self.text_keys[start as usize..end as usize]
    }

    /// Offers `score` for every key with comparable text `text`.
    fn offer_text(&self, text: u32, (score, kind): (f32, MatchKind), out: &mut Vec<TextHit>) {
        out.extend(self.keys_of(text).iter().map(|&key| TextHit {
            key,
            score,
            kind,
            phase: Phase::Text,
        }));
    }

    /// Adds the pinyin of a text's characters: none for a text without Han characters.
    fn add_pinyin(&mut self, chars: &[char], builder: &mut Builder) {
        let start = self.pinyin_chars.len() as u32;
        let mut letters = PinyinLetters::default();
        if chars.iter().any(|&c| is_han(c)) {
            for &c in chars {
                let syllable = builder.syllable(c, &mut self.syllables, &mut self.reading_codes);
                let s = &self.syllables[syllable as usize];
                letters.all |= s.letters;
                letters.firsts |= s.firsts;
                self.pinyin_chars.push(syllable);
            }
        }
        letters.chars = (start, self.pinyin_chars.len() as u32);
        self.pinyin_letters.push(letters);
    }

    /// The pinyin of a text: no characters for a text without Han characters.
    fn text_pinyin(&self, letters: &PinyinLetters) -> TextPinyin<'_> {
        let (start, end) = letters.chars;
        TextPinyin {
            chars: &self.pinyin_chars[start as usize..end as usize],
            syllables: &self.syllables,
        }
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
            let k = &self.infos[hit.key as usize];
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
    fn chinese(&self, query: &str, shared: &mut Counts, out: &mut Vec<TextHit>) {
        let mut q = compact(query);
        if q.iter().any(|&c| is_han(c)) {
            // Codes and numbers were handled as codes; the text part decides here.
            q.retain(|c| !c.is_ascii_digit());
        }
        if q.is_empty() {
            return;
        }
        let mut query = ChineseQuery::new(q);
        shared.start(self.texts.len());
        for c in &query.distinct {
            for &t in self.by_char.get(c).into_iter().flatten() {
                shared.add(t);
            }
        }
        let need = query.min_shared();
        for &t in shared.touched() {
            let n = usize::from(shared.get(t));
            if n < need {
                continue;
            }
            let info = &self.texts[t as usize];
            let chars = || &self.chars[info.chars.0 as usize..info.chars.1 as usize];
            if let Some(found) = query.score(info.shape(), n, chars) {
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
        let mut failed = Failed::default();
        let fits = PinyinQuery::new(&q, &self.syllables, &self.reading_codes);
        for (t, letters) in self.pinyin_letters.iter().enumerate() {
            if letters.all & all != all || letters.firsts & first == 0 {
                continue;
            }
            let text = self.text_pinyin(letters);
            if !fits.may_spell(text.chars) {
                continue;
            }
            if let Some(found) = pinyin_score_with(&q, &text, &mut failed) {
                self.offer_text(t as u32, found, out);
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
    /// Per key, the query characters it has.
    shared: Counts,
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
    /// Its different character pairs, sorted, each with how often it occurs.
    pairs: Vec<((char, char), usize)>,
    /// Per pair, how many of the key being compared have been matched to it.
    used: Vec<usize>,
    /// One bit per character of the query, by [`char_bit`]: a pair whose first character's bit
    /// is clear is not a query pair.
    first_chars: u64,
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
        ChineseQuery {
            first_chars: chars.iter().fold(0, |m, &c| m | char_bit(c)),
            used: vec![0; pairs.len()],
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

    /// How well the query matches a key text of this `shape`, sharing `shared` different
    /// characters with the query. `text` gives the key's characters: read only when the shape
    /// leaves a match possible, since most keys fail on their shape alone.
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
            return Some((0.78 + 0.18 * kl / ql, MatchKind::Text));
        }
        // The fuzzy comparisons, each tried only where the shape allows it.
        let max = if q.len() >= 6 { 2 } else { 1 };
        let edits =
            q.len() >= 3 && q_missing <= max && k_missing <= max && q.len().abs_diff(k_len) <= max;
        let in_part = q.len() >= 3 && q_missing <= 1 && k_len + 1 >= q.len();
        let dice = self.dice_could_reach_min(shape, shared);
        if !(edits || in_part || dice) {
            return None;
        }
        let k = text();
        // An edit breaks at most two of the query's pairs; the others are pairs of the key.
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

    /// Whether the Dice coefficient of the character pairs of the query and a key of this
    /// `shape`, sharing `shared` different characters, could reach [`MIN_DICE`].
    fn dice_could_reach_min(&self, shape: Shape, shared: usize) -> bool {
        let (q_len, k_len) = (self.chars.len(), shape.len as usize);
        if q_len < 2 || k_len < 2 {
            return false;
        }
        let total = (q_len - 1) + (k_len - 1);
        // A shared pair has both characters in the key; so do at most this many query places.
        let present = q_len - (self.distinct.len() - shared);
        let most = (q_len - 1).min(k_len - 1).min(present.saturating_sub(1));
        2.0 * most as f32 / total as f32 >= MIN_DICE
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

/// What the Chinese comparison knows of a key text before reading it.
#[derive(Clone, Copy)]
struct Shape {
    /// Its length in characters.
    len: u32,
    /// How many different characters it has.
    distinct: u32,
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
        }
    }
}

/// How well the Chinese query `q` matches the key text `k` (counting what the index knows).
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

/// How well the letters `q` spell a run of the key's characters in pinyin: each character by
/// one of its full readings or by its initial; the last may be a reading still being typed.
#[cfg(test)]
fn pinyin_score<S: Spelling>(q: &[u8], readings: &S) -> Option<(f32, MatchKind)> {
    pinyin_score_with(q, readings, &mut Failed::default())
}

/// [`pinyin_score`], with `failed` as scratch space.
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
        if let Some((end, full)) = speller.spell(0, start, 0) {
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

/// Whether `bytes` begins with `prefix`: `starts_with` for the few letters of a syllable,
/// without a call to `memcmp`.
fn begins(bytes: &[u8], prefix: &[u8]) -> bool {
    prefix.len() <= bytes.len() && bytes.iter().zip(prefix).all(|(a, b)| a == b)
}

/// How many characters deep spelling backtracks.
const MAX_DEPTH: u32 = 64;

/// The places (query position, character) from which spelling is known to fail, for the
/// starts being tried. Spelling from a place does not depend on the way there, so each place
/// is explored once: letters that read as themselves ("remove card" in a Han key) would
/// otherwise branch at every character.
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

/// One attempt at spelling a query with a key's characters from one start.
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

    /// [`Self::spell`] at a place not yet known to fail.
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
