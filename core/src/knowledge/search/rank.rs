//! A lookup: the codes first, then the texts, each entry's best match, the best entries.

use std::cmp::Ordering;

use super::scratch::{SCRATCH, Scratch, Stamped};
use super::{CONFIDENT, Hit, Index, Lookup, MAX_QUERY_CHARS, MatchKind};
use crate::knowledge::load::is_han;
use crate::knowledge::normalize::{code_mentions, compact, is_ascii_query, words_around};

/// Text of this many characters or more is a sentence, which may overrule a stray code.
const SENTENCE_CHARS: usize = 6;
/// A text match this good on a sentence outranks a code it does not agree with.
const STRONG_TEXT: f32 = 0.9;

/// Scores below this are not shown at all.
pub(super) const FLOOR: f32 = 0.35;

impl Index {
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
}

/// Which pass offered a match: of two equal scores for one entry, the earlier pass's stands,
/// and within a pass the earlier key's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Phase {
    Code,
    English,
    /// Chinese text or pinyin.
    Text,
}

/// A key's score for the query, before the key's weight.
#[derive(Clone, Copy)]
pub(super) struct TextHit {
    pub(super) key: u32,
    pub(super) score: f32,
    pub(super) kind: MatchKind,
    pub(super) phase: Phase,
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
pub(super) struct Best {
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
