//! English matching: the words of the query against the words of every key.

use rustc_hash::FxHashMap;

use super::distance::{swapped_once, within_one_edit};
use super::index::Key;
use super::rank::{Phase, TextHit};
use super::scratch::Stamped;
use super::{Index, MatchKind};
use crate::knowledge::normalize::words;

impl Index {
    /// Scores the keys with a word that a query word matches.
    pub(super) fn english(
        &self,
        query: &str,
        marks: &mut Stamped<WordMarks>,
        out: &mut Vec<TextHit>,
    ) {
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
}

impl Index {
    /// `folded` with each English word that no entry's text and no thesaurus word spells, of
    /// five letters or more, read as the thesaurus word one edit away ("terminal not respnding"
    /// as "not responding"): the meaning of a hurried typo, not of the words around it. A word
    /// with none near stays.
    pub(super) fn typos_read(&self, folded: &str) -> Option<String> {
        let mut out = String::new();
        let mut last = 0;
        for (s, e) in crate::knowledge::thesaurus::word_spans(folded) {
            let w = &folded[s..e];
            if w.len() < NEAR_MIN_LEN
                || !w.bytes().all(|b| b.is_ascii_lowercase())
                || self.vocabulary.knows(w)
                || self.thesaurus_words.knows(w)
                || self.retrieval.knows_english(w)
            {
                continue;
            }
            // (The thesaurus's words only: its few thousand words are a fixed cost, where a
            // merchant's twenty thousand entries' words are the English matcher's to forgive.)
            let Some(near) = self.thesaurus_words.nearest(w) else {
                continue;
            };
            out.push_str(&folded[last..s]);
            out.push_str(near);
            last = e;
        }
        (last > 0).then(|| {
            out.push_str(&folded[last..]);
            out
        })
    }

    /// Whether `typed` holds an English word (three letters or more) that no entry's text and
    /// no thesaurus word spells: a typo the lookup read through ("insuficent fund"), or pinyin.
    /// What the terminal showed is then not what was typed.
    pub fn misspelled(&self, typed: &str) -> bool {
        words(typed).iter().any(|w| {
            w.len() >= 3
                && w.bytes().all(|b| b.is_ascii_alphabetic())
                && !STOP_WORDS.contains(&w.as_str())
                && self.vocabulary.words.binary_search(w).is_err()
                && !self.retrieval.knows_english(w)
        })
    }
}

/// The ASCII words of every key, sorted, with the keys that use each.
#[derive(Default)]
pub(super) struct Vocabulary {
    words: Vec<String>,
    /// The keys using each word, in key order.
    keys: Vec<Vec<u32>>,
    /// Word ids by word length, for words one edit away.
    by_len: Vec<Vec<u32>>,
}

impl Vocabulary {
    pub(super) fn new(by_word: FxHashMap<String, Vec<u32>>) -> Vocabulary {
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

    /// Whether `w` is one of the words.
    fn knows(&self, w: &str) -> bool {
        self.words.binary_search_by(|x| x.as_str().cmp(w)).is_ok()
    }

    /// The first word, in order, one edit away from `w` ([`near`]).
    fn nearest(&self, w: &str) -> Option<&str> {
        (w.len() - 1..=w.len() + 1)
            .flat_map(|len| self.by_len.get(len).into_iter().flatten())
            .map(|&id| self.words[id as usize].as_str())
            .find(|x| near(x, w))
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
pub(super) const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "is", "on", "in", "for", "please", "pls", "my", "it",
];

/// Words shorter than this are never taken for a misspelling of another.
const NEAR_MIN_LEN: usize = 5;

/// Whether two ASCII words of five letters or more differ by at most one edit, two letters
/// side by side swapped counting as one ("tiemout": the typo of a hand faster than the other,
/// which Meilisearch's typo tolerance also counts once).
pub(super) fn near(a: &str, b: &str) -> bool {
    a.len() >= NEAR_MIN_LEN
        && b.len() >= NEAR_MIN_LEN
        && (within_one_edit(a.as_bytes(), b.as_bytes()) || swapped_once(a.as_bytes(), b.as_bytes()))
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
    // A key holding only some of the query's words ("remove card" in "DECLINED REMOVE CARD")
    // is a lead, not the answer: it stays below a key that holds them all.
    let cover = (matched as f32 / key.word_count as f32).min(1.0);
    Some(0.35 + 0.4 * frac + 0.15 * cover)
}

/// Per key, which query word last matched it and how many did.
#[derive(Clone, Copy, Default)]
pub(super) struct WordMarks {
    /// 1-based, 0 for none yet.
    last_word: u32,
    matched: u32,
}
