//! Building the index: the keys of every entry, their shared comparable texts, the codes.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use super::Index;
use super::english::Vocabulary;
use super::pinyin::PinyinIndex;
use super::retrieval::Retrieval;
use super::texts::Texts;
use crate::knowledge::entry::{Confidence, Entry};
use crate::knowledge::normalize::{compact, compact_folded, fold, words_folded};
use crate::knowledge::thesaurus::{Found, Thesaurus};

/// How an entry ranks among equal matches, lower first: the one that keeps the cashier from
/// charging twice comes first (a text shared by "check first" and "retry" entries must not open
/// on "retry"), then the confirmed one.
fn tie_rank(e: &Entry) -> u8 {
    let unguarded = u8::from(!e.retry.guards_against_charging_twice());
    let unconfirmed = u8::from(e.confidence == Confidence::Unconfirmed);
    2 * unguarded + unconfirmed
}

/// Which part of an entry a searchable text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
    Screen,
    /// A clause of a screen text, or the text without its leading code.
    Clause,
    Title,
    Keyword,
}

impl Field {
    pub(super) fn weight(self) -> f32 {
        match self {
            Field::Screen => 1.0,
            Field::Clause => 0.97,
            Field::Title => 0.98,
            Field::Keyword => 0.93,
        }
    }
}

/// One searchable text of an entry: what only English matching and the hits returned read.
pub(super) struct Key {
    pub(super) text: String,
    /// The ASCII words joined by single spaces.
    pub(super) phrase: String,
    /// How many ASCII words the text has.
    pub(super) word_count: usize,
}

/// What ranking reads of a key, kept apart from its text so that a query touching thousands
/// of keys touches little memory.
#[derive(Clone, Copy)]
pub(super) struct KeyInfo {
    pub(super) entry: u32,
    pub(super) field: Field,
    /// A shared screen text ("交易失败，请联系发卡行" is on many entries): entries with codes of
    /// their own rank a little lower for it, so the generic entry answers a query without a code.
    pub(super) shared: bool,
    /// Its comparable text, in [`Texts`].
    pub(super) text: u32,
}

impl Index {
    /// Builds the index over `entries`, with the built-in thesaurus.
    pub fn new(entries: Vec<Entry>) -> Index {
        Index::with_thesaurus(entries, crate::knowledge::thesaurus())
    }

    /// Builds the index over `entries` with `thesaurus`.
    pub fn with_thesaurus(entries: Vec<Entry>, thesaurus: &'static Thesaurus) -> Index {
        let mut index = Index {
            entries: Vec::new(),
            keys: Vec::new(),
            infos: Vec::new(),
            codes: FxHashMap::default(),
            related: FxHashMap::default(),
            texts: Texts::default(),
            pinyin: PinyinIndex::default(),
            vocabulary: Vocabulary::default(),
            thesaurus_words: Vocabulary::new(
                thesaurus
                    .english_words()
                    .map(|w| (w.to_owned(), Vec::new()))
                    .collect(),
            ),
            tie_ranks: Vec::new(),
            row_codes: Vec::new(),
            retrieval: Retrieval::new(&[], thesaurus),
            spelled: super::spelled::SpelledWords::new(thesaurus),
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
            for (by_code, codes) in [
                (&mut index.codes, &e.codes),
                (&mut index.related, &e.related_codes),
            ] {
                for code in codes {
                    by_code
                        .entry(code.to_ascii_uppercase())
                        .or_default()
                        .push(id);
                }
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
                // A clause that is one word of success ("成功" of "成功,请拔卡") says nothing of
                // this entry: "签到成功" is no "remove the card".
                if is_one_word_of_success(thesaurus, &clause) {
                    continue;
                }
                // A clause that is itself a shared screen text ("19-交易失败请重试" holds
                // "交易失败请重试") is as shared as that text.
                let shared = |t: u32| !e.codes.is_empty() && is_shared(t);
                index.add_text(id, Field::Clause, &clause, &mut builder, shared);
            }
        }
        // A gateway code is often shown without its namespace ("TRADE_HAS_SUCCESS" for
        // Alipay's ACQ.TRADE_HAS_SUCCESS): the bare name finds it too, unless it is a code of
        // its own.
        let bare: Vec<(String, Vec<u32>)> = index
            .codes
            .iter()
            .filter_map(|(code, found)| {
                let (_, name) = code.split_once('.')?;
                name.contains('_').then(|| (name.to_owned(), found.clone()))
            })
            .collect();
        for (name, found) in bare {
            index.codes.entry(name).or_insert(found);
        }
        index.vocabulary = Vocabulary::new(builder.by_word);
        index.texts.list_keys(&index.infos);
        index.tie_ranks = entries.iter().map(tie_rank).collect();
        index.row_codes = index
            .keys
            .iter()
            .zip(&index.infos)
            .map(|(key, info)| row_code(&key.text, &entries[info.entry as usize]))
            .collect();
        index.retrieval = Retrieval::new(&entries, thesaurus);
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
        // Compared without the words the query drops ("PLEASE WAIT" typed is "wait", and is
        // the screen text "PLEASE WAIT" exactly).
        let said: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !super::english::STOP_WORDS.contains(w))
            .collect();
        self.keys.push(Key {
            text: key.text.to_owned(),
            phrase: said.join(" "),
            word_count: said.len(),
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
}

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
/// Whether `text` is a single thesaurus word of approval (成功, 批准, APPROVED).
fn is_one_word_of_success(thesaurus: &Thesaurus, text: &str) -> bool {
    let folded = fold(text);
    let mut found = Vec::new();
    thesaurus.find(&folded, &mut found);
    let trimmed = folded.trim();
    let whole = |f: &Found| folded[f.start..f.end].trim() == trimmed;
    found.iter().any(|f| {
        let flags = thesaurus.flags(f.concept);
        whole(f) && (flags.approved || flags.paid)
    })
}

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

/// The code of `entry` whose table row `text` is: the row itself ("77-交易失败请联系客服"), or
/// its text without the code when the entry does not show that text on its own.
fn row_code(text: &str, entry: &Entry) -> Option<Box<str>> {
    // The rest of `text` after the code `c` it begins with, if it does.
    fn after_code<'t>(text: &'t str, c: &str) -> Option<&'t str> {
        let text = text.trim_start();
        let starts = text.len() > c.len()
            && text.is_char_boundary(c.len())
            && text[..c.len()].eq_ignore_ascii_case(c)
            && !text[c.len()..].starts_with(|n: char| n.is_ascii_alphanumeric());
        starts.then(|| &text[c.len()..])
    }
    if entry.codes.is_empty() {
        return None;
    }
    let core = compact(text);
    let shown_alone = entry.screen.iter().any(|s| compact(s) == core);
    entry
        .codes
        .iter()
        .find(|c| {
            after_code(text, c).is_some()
                || !shown_alone
                    && entry
                        .screen
                        .iter()
                        .filter_map(|s| after_code(s, c))
                        .any(|rest| compact(rest) == core)
        })
        .map(|c| c.as_str().into())
}

#[cfg(test)]
mod tests {
    use crate::knowledge::normalize::compact;

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
}
