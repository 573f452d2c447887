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
//!   `TextInfo`, and a query compares each text once.
//! - Every comparison is guarded by cheap tests that only reject what could not match anyway:
//!   shared character counts and pair counts before edit distances, letter masks and a
//!   bit-parallel loosened spelling (`PinyinQuery::may_spell`) before pinyin backtracking,
//!   sorted words and lengths before English near misses.
//! - Per-query tallies live in a per-thread `Scratch` that is reset in constant time, and
//!   strings are built only for the hits returned.
//!
//! Of two equal scores for one entry, the code, then the English, then the Chinese or pinyin
//! match stands, and within one the first key's (screen texts come first).
//!
//! The parts: `index` builds the index, `rank` runs a lookup and ranks what it found; `texts`
//! holds the comparable texts that `chinese` compares (with the edit distances of `distance`)
//! and `pinyin` spells (with `spelling`); `english` matches words; `scratch` keeps the
//! per-query state. `reference` (tests only) holds the fast paths to plain versions.

mod chinese;
mod distance;
mod english;
mod index;
mod pinyin;
mod rank;
#[cfg(test)]
mod reference;
mod retrieval;
mod scratch;
mod spelled;
mod spelling;
mod texts;

use rustc_hash::FxHashMap;

use self::english::Vocabulary;
use self::index::{Key, KeyInfo};
use self::pinyin::PinyinIndex;
use self::texts::Texts;
use super::entry::Entry;

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
    /// By what the query's words mean: the entry explains most of them (retrieval over all
    /// of its text, with the thesaurus).
    Words,
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
            MatchKind::Words => "words",
        }
    }
}

/// The id of the entry that answers "the money may have moved" when nothing else does.
pub const CHECK_FIRST_ID: &str = "GEN-CHECK-FIRST";
/// The entry for a two-character code UnionPay's table leaves unassigned: it says only that the
/// words beside the code decide, so it never agrees with them.
pub const UNLISTED_ID: &str = "RC-UNLISTED";

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

    /// The score to two decimals, as `--json` gives it: never rounded up to [`CONFIDENT`] when
    /// the match is not confident (0.6951 read as 0.70, "confident", by a script that trusted
    /// the number).
    pub fn shown_score(&self) -> f64 {
        let rounded = (f64::from(self.score) * 100.0).round() / 100.0;
        if self.is_confident() {
            rounded
        } else {
            rounded.min(((f64::from(CONFIDENT) * 100.0).round() - 1.0) / 100.0)
        }
    }
}

/// What a lookup found.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Lookup {
    /// The results, best first.
    pub hits: Vec<Hit>,
    /// A code written plainly as one (`FE`, `[Q9]`, `错误码 Q9`) that no entry has: said
    /// honestly instead of passing word matches off as its meaning.
    pub unknown_code: Option<String>,
    /// The words of the query that say the money may already have moved (timeout, result
    /// unknown, reversal, deducted, duplicate…), when it has any: the answer then always says
    /// "check first".
    pub money_words: Vec<String>,
    /// A code in the query whose usual meaning the words beside it contradict (`10 过期的卡`:
    /// 10 is usually a partial approval): the answer follows the words, and this names the
    /// code and its usual entry as a note.
    pub overruled_code: Option<(String, usize)>,
}

/// Longer queries are cut to this many characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// Scores from here up are confident matches.
pub const CONFIDENT: f32 = 0.7;

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
    /// The thesaurus's English words, for a typo outside every entry's words
    /// ("respnding": "not responding" is a thesaurus phrase, in no entry's text).
    thesaurus_words: Vocabulary,
    /// Per entry, how it ranks among equal matches (`tie_rank`), kept apart so that ordering
    /// thousands of equal hits reads one byte each.
    tie_ranks: Vec<u8>,
    /// Per key, the code of its entry whose table row the key is ("77-交易失败请联系客服", or its
    /// text without the code when the entry does not show that text alone), if any.
    row_codes: Vec<Option<Box<str>>>,
    /// Retrieval over every text of every entry, with the thesaurus.
    retrieval: retrieval::Retrieval,
    /// The thesaurus's Chinese words by their pinyin, for a sentence typed in pinyin.
    spelled: spelled::SpelledWords,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shown_score_is_never_rounded_up_to_confident() {
        let hit = |score| Hit {
            entry: 0,
            score,
            matched_by: MatchKind::Words,
            matched_text: String::new(),
        };
        assert_eq!(hit(0.6951).shown_score(), 0.69);
        assert_eq!(hit(0.6849).shown_score(), 0.68);
        assert_eq!(hit(0.7).shown_score(), 0.7);
        assert_eq!(hit(1.004).shown_score(), 1.0);
    }
}
