//! Retrieval: every entry ranked by how much of what the query says it explains.
//!
//! Each entry is a document with fields in both languages (screen texts, titles, keywords,
//! meaning, causes, variants) and each text becomes terms:
//! - **concepts** of the domain thesaurus (`过期`, `失效`, `逾期` and `expired` are one term), which
//!   also act as the dictionary that segments Chinese;
//! - **character pairs** of the Chinese left between them (CJK bigrams, as Lucene's analyzer
//!   makes when there is no dictionary), without the pairs that straddle a thesaurus word's edge
//!   or hold a particle (`的`, `了`): those are the junk of pairs;
//! - **English words**, lightly stemmed, without stop words.
//!
//! A term weighs its inverse document frequency (a rare word like 拨号 counts more than 交易),
//! and an entry's score is the weighted share of the query's terms it has, each counted in its
//! best field (a screen text or a title counts fully, a cause about half): 1.0 means every
//! informative word of the query is in the entry's screen texts or titles. A term no entry has
//! counts against every entry, so a sentence of unknown words explains nothing.
//! The share is then refined by how much of the entry's best screen text or title the query
//! covers (its precision), which tells "余额不足" from "可用余额不足，请查询" when both hold the
//! query's words.

use rustc_hash::FxHashMap;

use super::scratch::Stamped;
use crate::knowledge::entry::Entry;
use crate::knowledge::load::is_han;
use crate::knowledge::normalize::fold;
use crate::knowledge::thesaurus::{Flags, Found, Thesaurus, stem, word_spans};

/// The parts of an entry, and how much a query word found in each counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    Screen,
    Title,
    Keyword,
    Meaning,
    Cause,
    Variant,
}

impl Part {
    /// The share of a query term's weight that a match in this part earns.
    fn cover(self) -> f32 {
        match self {
            Part::Screen | Part::Title => 1.0,
            Part::Keyword => 0.9,
            Part::Meaning => 0.7,
            Part::Cause => 0.55,
            Part::Variant => 0.3,
        }
    }

    /// Whether its texts are ones a query may reproduce (screen texts, titles, keywords).
    fn is_strong(self) -> bool {
        matches!(self, Part::Screen | Part::Title | Part::Keyword)
    }
}

/// A term of the retrieval vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Term {
    Concept(u16),
    Pair(char, char),
    /// A Chinese character outside every thesaurus word (烫 in 打印机太烫了): weak evidence,
    /// for words neither the thesaurus nor a pair holds.
    Char(char),
    Word(String),
}

impl Term {
    /// How much a term of this kind weighs beside its rarity: a concept stands for a word
    /// however it is written, a pair may be half of two words.
    fn class_weight(&self) -> f32 {
        match self {
            Term::Concept(_) => 1.2,
            Term::Pair(..) => 0.7,
            Term::Char(_) => 0.3,
            Term::Word(_) => 1.0,
        }
    }
}

/// Characters whose pairs are junk: particles, pronouns and the little words that join others
/// (`请与`, `已被`, `在进` say nothing about which prompt it is).
const PARTICLES: &[char] = &[
    '的', '了', '吗', '呢', '啊', '吧', '着', '您', '你', '我', '么', '与', '和', '及', '或', '被',
    '把', '将', '请', '已', '在', '是', '为', '也', '都', '就', '又', '很', '该', '此', '这', '那',
    '其', '之', '于',
];

/// English words that say nothing for matching.
const STOP_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "to",
    "is",
    "on",
    "in",
    "for",
    "please",
    "pls",
    "my",
    "it",
    "and",
    "or",
    "be",
    "was",
    "are",
    "this",
    "that",
    "with",
    "your",
    "you",
    "at",
    "by",
    "as",
    "if",
    "from",
    "has",
    "have",
    "been",
    "had",
    "were",
    "will",
    "would",
    "should",
    "could",
    "its",
    "we",
    "our",
    "us",
    "there",
    "their",
    "which",
    "into",
    "than",
    "then",
    "so",
    "also",
    "currently",
];

/// A term of a text, and whether it is a character pair inside a thesaurus word of three
/// characters or more (主密钥 holds 主密 and 密钥 beside the concept *key*): such a pair tells
/// the master key from the working key, but must not make a synonym look like a miss.
pub(super) type TextTerm = (Term, bool);

/// The terms of a [`fold`]ed text, with the concepts found in it (`found` is a buffer).
pub(super) fn terms(thesaurus: &Thesaurus, folded: &str, found: &mut Vec<Found>) -> Vec<TextTerm> {
    thesaurus.find(folded, found);
    // Words that say nothing of the prompt ("LINE Pay", "数字人民币"): nor do the words inside
    // them (人民币 is no currency there).
    let names: Vec<(usize, usize)> = found
        .iter()
        .filter(|f| thesaurus.flags(f.concept).stop)
        .map(|f| (f.start, f.end))
        .collect();
    let named = |start: usize, end: usize| names.iter().any(|&(s, e)| s <= start && end <= e);
    found.retain(|f| thesaurus.flags(f.concept).stop || !named(f.start, f.end));
    let mut out: Vec<TextTerm> = Vec::new();
    for f in found.iter() {
        let t = Term::Concept(f.concept);
        if !thesaurus.flags(f.concept).stop && !out.iter().any(|(o, _)| *o == t) {
            out.push((t, false));
        }
    }
    // The places where thesaurus words begin and end: a pair inside one is the concept
    // already, a pair across an edge is junk.
    let starts = |at: usize| found.iter().any(|f| f.start == at);
    let ends = |at: usize| found.iter().any(|f| f.end == at);
    let mut run: Vec<(usize, char)> = Vec::new();
    let flush = |run: &mut Vec<(usize, char)>, out: &mut Vec<TextTerm>| {
        for w in run.windows(2) {
            let ((i, a), (j, b)) = (w[0], w[1]);
            let end = j + b.len_utf8();
            // The thesaurus word holding both characters, the longest if several do.
            let word = found
                .iter()
                .filter(|f| f.start <= i && end <= f.end)
                .map(|f| folded[f.start..f.end].chars().count())
                .max();
            if named(i, end) {
                continue;
            }
            let across_an_edge = word.is_none() && (ends(j) || starts(j));
            let particle = PARTICLES.contains(&a) || PARTICLES.contains(&b);
            match word {
                // The pair is the word: its concept says it.
                Some(2) => {}
                Some(_) => out.push((Term::Pair(a, b), true)),
                None if !(across_an_edge || particle) => out.push((Term::Pair(a, b), false)),
                None => {}
            }
        }
        run.clear();
    };
    // Chinese runs: anything else (punctuation, a space, an ASCII word) ends one.
    for (i, c) in folded.char_indices() {
        if is_han(c) {
            run.push((i, c));
            let in_a_word = found.iter().any(|f| f.start <= i && i < f.end);
            let t = Term::Char(c);
            if !in_a_word && !PARTICLES.contains(&c) && !out.iter().any(|(o, _)| *o == t) {
                out.push((t, false));
            }
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    // English words not inside a thesaurus phrase.
    for (s, e) in word_spans(folded) {
        let w = &folded[s..e];
        if w.bytes().all(|b| b.is_ascii_digit()) || STOP_WORDS.contains(&w) {
            continue;
        }
        if found.iter().any(|f| f.start <= s && e <= f.end) {
            continue;
        }
        out.push((Term::Word(stem(w)), false));
    }
    out
}

/// A term on at most this share of the entries is a specific one. A quarter, not a tenth:
/// 参数 (parameter) is on one entry in seven since the WeChat Pay and Alipay tables came in,
/// and "55 参数错误" must still be read as a gateway's words, not UnionPay's wrong PIN.
const SPECIFIC_SPREAD: f32 = 0.25;

/// How much a character pair, a single character or an English word no entry has weighs in a
/// query that holds a thesaurus word (chosen on the round-1 and round-2 batches: 0.3 and 0.5
/// both gain ten top-1 answers there, 0.3 a little more top-3).
const BESIDE_CONCEPT: f32 = 0.3;

/// How much a way of presenting a card weighs when it stands only inside a longer word.
const NAMED_WAY: f32 = 0.2;

/// How much a pair inside a longer thesaurus word weighs beside a term of its own.
const INNER_PAIR: f32 = 0.15;
/// How much more a word about the payment's outcome weighs (declined, timeout, paid): it says
/// what happened, where the words after it ("remove card", "press cancel") say what to do next.
const OUTCOME: f32 = 1.6;
/// How much an instruction ("remove card") weighs beside a word about the outcome.
const INSTRUCTION: f32 = 0.5;
/// How much a word naming a bank card weighs beside a word about the outcome.
const CARD_NAMED: f32 = 0.5;

/// How much a word weighs when it stands only in a clause that asks for something ("…，请联系
///管理员", "…! Please try again") beside a clause that says what happened.
const ASKED: f32 = 0.5;

/// The words that open a clause asking the cashier for something.
const ASKS: &[&str] = &["请", "請", "please", "pls", "plz"];
/// The words that open a clause offering something to do if wished ("如需打印请返回重新发起").
const OFFERS: &[&str] = &[
    "如需",
    "如要",
    "如有需要",
    "若需",
    "若要",
    "if you want",
    "if you wish",
    "if needed",
    "to print",
];

/// The byte ranges of the clauses of `folded` that begin with one of `openers` (those that ask
/// the cashier for something begin with 请 / 請 / please / pls). Empty unless another clause
/// says something first.
fn clauses_opening_with(folded: &str, openers: &[&str]) -> Vec<(usize, usize)> {
    let mut clauses = Vec::new();
    let mut start = 0;
    for (i, c) in folded.char_indices() {
        if matches!(
            c,
            '，' | ',' | '。' | '.' | '!' | '！' | ';' | '；' | '?' | '？' | '、'
        ) {
            clauses.push((start, i));
            start = i + c.len_utf8();
        }
    }
    clauses.push((start, folded.len()));
    let opens = |&(s, e): &(usize, usize), openers: &[&str]| {
        let t = folded[s..e].trim_start();
        openers.iter().any(|w| t.starts_with(w))
    };
    let said_first = clauses
        .iter()
        .position(|c| !folded[c.0..c.1].trim().is_empty())
        .is_some_and(|first| !opens(&clauses[first], ASKS) && !opens(&clauses[first], OFFERS));
    if !said_first {
        return Vec::new();
    }
    clauses.into_iter().filter(|c| opens(c, openers)).collect()
}

/// The text with the spaces between its Chinese characters taken out when it is written
/// character by character ("密 码 不 符", as some terminals pad their messages): otherwise
/// unchanged.
pub(super) fn join_spaced_han(folded: &str) -> String {
    let words: Vec<&str> = folded.split_whitespace().collect();
    let single = words
        .iter()
        .filter(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(is_han) && chars.next().is_none()
        })
        .count();
    if single < 3 || 2 * single < words.len() {
        return folded.to_owned();
    }
    let mut out = String::with_capacity(folded.len());
    let mut last: Option<char> = None;
    let mut gap = false;
    for c in folded.chars() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && !(last.is_some_and(is_han) && is_han(c)) && last.is_some() {
            out.push(' ');
        }
        gap = false;
        out.push(c);
        last = Some(c);
    }
    out
}

/// One entry's use of a term.
#[derive(Clone, Copy)]
struct Posting {
    entry: u32,
    /// The share of the term's weight the entry earns (its best part's [`Part::cover`]).
    cover: f32,
}

/// An entry's screen texts, titles and keywords, as term lists, for precision.
#[derive(Default)]
struct StrongTexts {
    /// Per entry, its range in `texts`.
    by_entry: Vec<(u32, u32)>,
    /// Per text, its range in `terms`.
    texts: Vec<(u32, u32)>,
    terms: Vec<u32>,
}

/// The retrieval index.
pub(super) struct Retrieval {
    thesaurus: &'static Thesaurus,
    vocabulary: FxHashMap<Term, u32>,
    /// Per term, the weight of a query term: its inverse document frequency times its class.
    weights: Vec<f32>,
    /// Per term, the share of entries that have it.
    spread: Vec<f32>,
    /// Per term, its range in `postings`.
    ranges: Vec<(u32, u32)>,
    postings: Vec<Posting>,
    strong: StrongTexts,
    /// Per entry, what the words of its screen texts, titles and keywords say about the
    /// payment.
    outcomes: Vec<Flags>,
    /// Per entry, the way to present the card its titles ask for (see [`way_asked`]).
    ways: Vec<Option<u16>>,
    /// The weight of a term no entry has.
    unseen: f32,
    /// The terms of the concepts that say something is wrong without saying what ("error",
    /// "fault", "abnormal"): one explains another (see [`Retrieval::explains`]).
    faults: Vec<u32>,
    /// The term of the words that ask for the payment to be looked up ("请发起查询").
    check: Option<u32>,
}

/// What a query is, in terms.
pub(super) struct RetrievalQuery {
    /// Known terms with their weights.
    known: Vec<(u32, f32)>,
    /// The weight of all its terms, known or not.
    total: f32,
    /// What its thesaurus words say.
    pub(super) flags: Flags,
    /// The words that raised each flag, as written in the query.
    pub(super) flag_words: Vec<(Flags, String)>,
    /// The terms of its concepts that say something about the payment, with their flags.
    flag_terms: Vec<(Flags, u32)>,
    /// The way to present the card it asks for after naming another (see [`way_asked`]).
    way: Option<u16>,
}

/// One entry's retrieval score.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Retrieved {
    /// The weighted share of the query it explains (0–1).
    pub(super) coverage: f32,
}

impl RetrievalQuery {
    /// The weight of all its terms.
    pub(super) fn total(&self) -> f32 {
        self.total
    }
}

impl Retrieval {
    pub(super) fn new(entries: &[Entry], thesaurus: &'static Thesaurus) -> Retrieval {
        let mut r = Retrieval {
            thesaurus,
            vocabulary: FxHashMap::default(),
            weights: Vec::new(),
            spread: Vec::new(),
            ranges: Vec::new(),
            postings: Vec::new(),
            strong: StrongTexts::default(),
            outcomes: Vec::new(),
            ways: Vec::new(),
            unseen: 0.0,
            faults: Vec::new(),
            check: None,
        };
        let mut found = Vec::new();
        // Per term, per entry, the best cover (built entry by entry, so each term's entries
        // arrive in order).
        let mut lists: Vec<Vec<Posting>> = Vec::new();
        for (e, entry) in entries.iter().enumerate() {
            let e = e as u32;
            let start = r.strong.texts.len() as u32;
            let mut outcome = Flags::default();
            let mut ways: Vec<Option<u16>> = Vec::new();
            for (part, text) in parts(entry) {
                let folded = fold(text);
                let terms = terms(r.thesaurus, &folded, &mut found);
                if part == Part::Title {
                    ways.push(way_asked(r.thesaurus, &folded, &found, false));
                }
                if part.is_strong() {
                    outcome.add(r.thesaurus.flags_of(&found));
                }
                let text_start = r.strong.terms.len() as u32;
                for (t, _) in terms {
                    let id = match r.vocabulary.get(&t) {
                        Some(&id) => id,
                        None => {
                            let id = lists.len() as u32;
                            r.vocabulary.insert(t, id);
                            lists.push(Vec::new());
                            id
                        }
                    };
                    let list = &mut lists[id as usize];
                    match list.last_mut() {
                        Some(p) if p.entry == e => p.cover = p.cover.max(part.cover()),
                        _ => list.push(Posting {
                            entry: e,
                            cover: part.cover(),
                        }),
                    }
                    if part.is_strong() && !r.strong.terms[text_start as usize..].contains(&id) {
                        r.strong.terms.push(id);
                    }
                }
                if part.is_strong() {
                    let end = r.strong.terms.len() as u32;
                    if end > text_start {
                        r.strong.texts.push((text_start, end));
                    }
                }
            }
            r.strong.by_entry.push((start, r.strong.texts.len() as u32));
            r.outcomes.push(outcome);
            // (Both titles, or the one that names a way; titles that differ ask for none.)
            let named: Vec<u16> = ways.into_iter().flatten().collect();
            r.ways.push(match named[..] {
                [one] => Some(one),
                [a, b] if a == b => Some(a),
                _ => None,
            });
        }
        // How rare a character pair is, judged over all of an entry's text (its steps and "tell"
        // too): a pair such as 进行 or 直接 is rare among screen texts but common in plain
        // sentences, which is what it is. (Concepts are judged by the fields alone: 联系 is in
        // every entry's steps, and still tells "call your bank" from "paper out".)
        let mut background = vec![0u32; lists.len()];
        for entry in entries {
            let mut seen: Vec<u32> = Vec::new();
            for text in entry
                .zh
                .steps
                .iter()
                .chain(&entry.en.steps)
                .chain([&entry.zh.tell, &entry.en.tell])
            {
                for (t, _) in terms(r.thesaurus, &fold(text), &mut found) {
                    if !matches!(t, Term::Pair(..)) {
                        continue;
                    }
                    if let Some(&id) = r.vocabulary.get(&t)
                        && !seen.contains(&id)
                    {
                        seen.push(id);
                    }
                }
            }
            for id in seen {
                background[id as usize] += 1;
            }
        }
        let n = entries.len().max(1) as f32;
        r.unseen = idf(n, 0.0);
        let mut classes = vec![1.0f32; lists.len()];
        for (term, &id) in &r.vocabulary {
            classes[id as usize] = term.class_weight();
        }
        for (id, list) in lists.into_iter().enumerate() {
            // An entry counts once, whether the term is in its fields, its steps or both.
            let df = (list.len() as u32)
                .max(background[id])
                .min(entries.len() as u32) as f32;
            r.weights.push(idf(n, df) * classes[id]);
            r.spread.push(df / n);
            let start = r.postings.len() as u32;
            r.postings.extend(list);
            r.ranges.push((start, r.postings.len() as u32));
        }
        r.faults = r
            .thesaurus
            .faults()
            .iter()
            .filter_map(|&c| r.vocabulary.get(&Term::Concept(c)).copied())
            .collect();
        r.check = r
            .thesaurus
            .check()
            .and_then(|c| r.vocabulary.get(&Term::Concept(c)).copied());
        r
    }

    /// Whether a thesaurus word is the English `word` (folded), in any inflection.
    pub(super) fn knows_english(&self, word: &str) -> bool {
        self.thesaurus.knows_english(word)
    }

    /// The text [`fold`]ed, with a word-by-word spaced text joined and the words that say
    /// nothing about which prompt it is (the thesaurus' `stop` words: "POS机显示", "是什么意思",
    /// "please") blanked out, so that every matcher reads the prompt inside a question.
    pub(super) fn clean(&self, text: &str) -> String {
        let mut folded = join_spaced_han(&fold(text));
        let mut found = Vec::new();
        self.thesaurus.find(&folded, &mut found);
        // (A word of contrast stays: it is matched on by no entry, but says how the words
        // around it relate, "approved but not committed". So does a QR wallet's name, which is
        // no term but says the prompt is a QR payment's.)
        let mut stops: Vec<(usize, usize)> = found
            .iter()
            .filter(|f| {
                let flags = self.thesaurus.flags(f.concept);
                flags.stop && !flags.contrast && !flags.qr
            })
            .map(|f| (f.start, f.end))
            .collect();
        if stops.is_empty() {
            return folded;
        }
        // A stop word inside a longer word that is not one (提示 in 提示音) stays.
        stops.retain(|&(s, e)| {
            !found.iter().any(|f| {
                !self.thesaurus.flags(f.concept).stop
                    && f.start <= s
                    && e <= f.end
                    && (f.end - f.start) > (e - s)
            })
        });
        stops.sort_unstable();
        for (s, e) in stops.into_iter().rev() {
            if folded.is_char_boundary(s) && folded.is_char_boundary(e) && e <= folded.len() {
                folded.replace_range(s..e, " ");
            }
        }
        folded
    }

    /// The query's terms and flags.
    pub(super) fn query(&self, text: &str) -> RetrievalQuery {
        let folded = self.without_offers(&join_spaced_han(&fold(text)));
        let mut found = Vec::new();
        let terms = terms(self.thesaurus, &folded, &mut found);
        let mut flag_words = Vec::new();
        let mut flag_terms: Vec<(Flags, u32)> = Vec::new();
        // A word inside a longer word of another concept does not speak for itself: 扣款 in
        // 扣款失败 (the debit failed) is no money word, 成功 in 不成功 no approval.
        let outermost: Vec<Found> = found
            .iter()
            .filter(|f| {
                !found.iter().any(|g| {
                    g.concept != f.concept
                        && g.start <= f.start
                        && f.end <= g.end
                        && g.end - g.start > f.end - f.start
                })
            })
            .copied()
            .collect();
        for f in &outermost {
            let flags = self.thesaurus.flags(f.concept);
            if flags.about_payment() {
                flag_words.push((flags, folded[f.start..f.end].to_owned()));
            }
            if flags.about_payment()
                && let Some(&id) = self.vocabulary.get(&Term::Concept(f.concept))
                && !flag_terms.iter().any(|&(_, t)| t == id)
            {
                flag_terms.push((flags, id));
            }
        }
        let flags = self.thesaurus.flags_of(&outermost);
        let mut known = Vec::new();
        let mut total = 0.0;
        let concept_flags = |t: &Term| match t {
            Term::Concept(c) => self.thesaurus.flags(*c),
            _ => Flags::default(),
        };
        let has_outcome = terms.iter().any(|(t, _)| concept_flags(t).about_payment());
        let asking = clauses_opening_with(&folded, ASKS);
        let only_in = |clauses: &[(usize, usize)], t: &Term| match t {
            Term::Concept(c) if !clauses.is_empty() => {
                let mut at = found.iter().filter(|f| f.concept == *c).peekable();
                at.peek().is_some()
                    && at.all(|f| clauses.iter().any(|&(s, e)| s <= f.start && f.end <= e))
            }
            _ => false,
        };
        let only_asked = |t: &Term| only_in(&asking, t);
        let has_concept = terms.iter().any(|(t, _)| matches!(t, Term::Concept(_)));
        // A way of presenting a card inside a longer word names a thing, not what was done
        // with the card: 闪付 in 云闪付 (a wallet), 刷卡 in 刷卡机 (a terminal).
        let named_only = |t: &Term| match t {
            Term::Concept(c) => {
                self.thesaurus.flags(*c).way && !outermost.iter().any(|f| f.concept == *c)
            }
            _ => false,
        };
        for (t, inner) in terms {
            let flags = concept_flags(&t);
            // Beside a thesaurus word, the rest of a sentence is mostly its frame: "在某些情况下"
            // around 签到, "ON ALL … MODES" around COMM FAILURE.
            let loose = has_concept
                && match &t {
                    Term::Pair(..) | Term::Char(_) => true,
                    Term::Word(_) => !self.vocabulary.contains_key(&t),
                    Term::Concept(_) => false,
                };
            let loose_scale = if loose { BESIDE_CONCEPT } else { 1.0 };
            let scale = loose_scale
                * if inner {
                    INNER_PAIR
                } else if flags.about_payment() && !only_asked(&t) {
                    // (Asked for, "请发起查询", it is what to do next, not what happened.)
                    OUTCOME
                } else if flags.instruction && has_outcome {
                    INSTRUCTION
                } else if flags.card && has_outcome {
                    // (Beside what happened, "credit card" names what was paid with.)
                    CARD_NAMED
                } else {
                    1.0
                }
                * if only_asked(&t) { ASKED } else { 1.0 }
                * if named_only(&t) { NAMED_WAY } else { 1.0 };
            match self.vocabulary.get(&t) {
                Some(&id) => {
                    if known.iter().all(|&(k, _)| k != id) {
                        let w = self.weights[id as usize] * scale;
                        known.push((id, w));
                        total += w;
                    }
                }
                // A pair no entry has is most often two words' edges; an unknown word may be
                // a typo the English matching finds. Both count, less than a known term.
                None => {
                    total += scale
                        * self.unseen
                        * match t {
                            Term::Pair(..) => 0.35,
                            _ => 0.6,
                        }
                }
            }
        }
        RetrievalQuery {
            known,
            total,
            flags,
            flag_words,
            flag_terms,
            way: way_asked(self.thesaurus, &folded, &found, true),
        }
    }

    /// `folded` without the clauses that offer something to do if wished ("如需打印请返回重新
    /// 发起"): they are no part of what happened. A clause with a word of how the payment went
    /// stays.
    fn without_offers(&self, folded: &str) -> String {
        let offers = clauses_opening_with(folded, OFFERS);
        if offers.is_empty() {
            return folded.to_owned();
        }
        let mut found = Vec::new();
        let mut out = String::new();
        let mut last = 0;
        for (s, e) in offers {
            self.thesaurus.find(&folded[s..e], &mut found);
            if found
                .iter()
                .any(|f| self.thesaurus.flags(f.concept).about_payment())
            {
                continue;
            }
            out.push_str(&folded[last..s]);
            last = e;
        }
        out.push_str(&folded[last..]);
        out
    }

    /// Whether the query holds a word that few entries have (expired, dial, paper…): words
    /// such as 交易失败 alone say nothing a code would not.
    pub(super) fn is_specific(&self, query: &RetrievalQuery) -> bool {
        query.known.iter().any(|&(id, _)| {
            self.spread[id as usize] <= SPECIFIC_SPREAD && self.weights[id as usize] >= 1.0
        })
    }

    /// Scores every entry that has a term of `query` into `out`.
    pub(super) fn score(&self, query: &RetrievalQuery, out: &mut Stamped<Retrieved>) {
        if query.total <= 0.0 {
            return;
        }
        for &(id, w) in &query.known {
            let (s, e) = self.ranges[id as usize];
            let share = w / query.total;
            for p in &self.postings[s as usize..e as usize] {
                out.slot(p.entry).coverage += share * p.cover;
            }
        }
    }

    /// Whether `entry`'s own words say another outcome than the query's: the query says it was
    /// approved or paid, and the entry's screens say only that it failed or that its result is
    /// unknown ("订单交易成功，不允许再次交易" is no "订单交易结果未知，不允许再次交易"); or the
    /// query says only that it failed, and the entry's screens only that it succeeded
    /// ("结算不成功" is no "结算成功"); or the query asks for one way to present the card after
    /// naming another, and the entry's title for a third ("Card inserted can not be read. Ask
    /// payer to swipe card" is no "insert the chip").
    pub(super) fn contradicts(&self, query: &RetrievalQuery, entry: u32) -> bool {
        let Some(e) = self.outcomes.get(entry as usize) else {
            return false;
        };
        let q = query.flags;
        let query_went_through = (q.approved || q.paid) && !q.decline && !q.moved;
        let query_failed = q.decline && !(q.approved || q.paid || q.moved);
        (query_went_through && (e.decline || e.moved) && !(e.approved || e.paid))
            || (query_failed && (e.approved || e.paid) && !(e.decline || e.moved))
            || self.asks_another_way(query, entry)
    }

    /// Whether the query asks for one way to present the card after naming another, and
    /// `entry`'s title for a third.
    pub(super) fn asks_another_way(&self, query: &RetrievalQuery, entry: u32) -> bool {
        matches!(
            (query.way, self.ways.get(entry as usize)),
            (Some(q), Some(Some(e))) if q != *e
        )
    }

    /// The query's terms with their weights, for `explain`.
    pub(super) fn describe(&self, query: &RetrievalQuery) -> String {
        let names: FxHashMap<u32, &Term> = self.vocabulary.iter().map(|(t, &id)| (id, t)).collect();
        let mut out = format!("total {:.2}:", query.total);
        for &(id, w) in &query.known {
            let name = match names[&id] {
                Term::Concept(c) => format!("#{}", self.thesaurus.concepts()[*c as usize].id),
                Term::Pair(a, b) => format!("{a}{b}"),
                Term::Char(c) => format!("{c}"),
                Term::Word(w) => w.clone(),
            };
            out.push_str(&format!(" {name}={w:.2}"));
        }
        out
    }

    /// Whether `entry`, which guards against charging twice, speaks of the prompt's money words
    /// ([`Retrieval::explains`]), leaving out the words that only ask for the payment to be
    /// looked up when the prompt has others ("冲正失败，请发起查询查看冲正结果": the reversal
    /// failed, and "look it up" is what every such answer says).
    pub(super) fn guard_explains(&self, query: &RetrievalQuery, entry: u32) -> bool {
        let money = |f: Flags| f.moved || f.paid;
        let others = query
            .flag_terms
            .iter()
            .any(|&(f, t)| money(f) && Some(t) != self.check);
        self.explains_terms(query, entry, |f, t| {
            money(f) && (!others || Some(t) != self.check)
        })
    }

    /// Whether `entry`'s screen texts, titles or keywords hold every concept of the query whose
    /// flags `which` picks: the entry speaks of that very situation (a printer entry whose
    /// screens say 打印机错误 knows the word "error" there, and so "打印机异常" too: a word that
    /// says something is wrong without saying what is explained by any other such word).
    pub(super) fn explains(
        &self,
        query: &RetrievalQuery,
        entry: u32,
        which: impl Fn(Flags) -> bool,
    ) -> bool {
        self.explains_terms(query, entry, |f, _| which(f))
    }

    /// [`Retrieval::explains`] for the query's flagged terms `which` picks by flags and term.
    fn explains_terms(
        &self,
        query: &RetrievalQuery,
        entry: u32,
        which: impl Fn(Flags, u32) -> bool,
    ) -> bool {
        let Some(&(s, e)) = self.strong.by_entry.get(entry as usize) else {
            return false;
        };
        let strong = &self.strong;
        let has = |term: u32| {
            strong.texts[s as usize..e as usize]
                .iter()
                .any(|&(ts, te)| strong.terms[ts as usize..te as usize].contains(&term))
        };
        query
            .flag_terms
            .iter()
            .filter(|&&(flags, t)| which(flags, t))
            .all(|&(_, t)| {
                has(t) || (self.faults.contains(&t) && self.faults.iter().any(|&f| has(f)))
            })
    }

    /// How much of `entry`'s best screen text, title or keyword the query's terms cover.
    pub(super) fn precision(&self, query: &RetrievalQuery, entry: u32) -> f32 {
        let Some(&(s, e)) = self.strong.by_entry.get(entry as usize) else {
            return 0.0;
        };
        let mut best = 0.0f32;
        for &(ts, te) in &self.strong.texts[s as usize..e as usize] {
            let (mut have, mut all) = (0.0, 0.0);
            for &t in &self.strong.terms[ts as usize..te as usize] {
                let w = self.weights[t as usize];
                all += w;
                if query.known.iter().any(|&(k, _)| k == t) {
                    have += w;
                }
            }
            if all > 0.0 {
                best = best.max(have / all);
            }
        }
        best
    }
}

/// Okapi BM25's inverse document frequency, never below a small floor.
fn idf(n: f32, df: f32) -> f32 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.05)
}

/// Every text of an entry with the part it belongs to.
/// The way to present the card (swipe, insert, tap) a folded text asks for: the last it names.
/// A prompt (`after_another`) asks for one only after naming another way first ("插卡故障
/// 请刷卡交易", "Card inserted can not be read. Ask payer to swipe card"); ways listed together
/// ("请插卡或刷卡", "Insert, swipe or tap") ask for none of them.
fn way_asked(
    thesaurus: &Thesaurus,
    folded: &str,
    found: &[Found],
    after_another: bool,
) -> Option<u16> {
    let last = found
        .iter()
        .filter(|f| thesaurus.flags(f.concept).way)
        .max_by_key(|f| (f.start, f.end))?;
    let before = found
        .iter()
        .filter(|f| {
            thesaurus.flags(f.concept).way && f.concept != last.concept && f.end <= last.start
        })
        .max_by_key(|f| f.end);
    match before {
        Some(before) if listed(&folded[before.end..last.start]) => None,
        None if after_another => None,
        _ => Some(last.concept),
    }
}

/// Whether the text between two ways lists them as choices: nothing but separators, or "or"
/// with at most a few characters more ("请插入IC卡或刷卡").
fn listed(between: &str) -> bool {
    let mut or = false;
    let mut rest = 0;
    for word in
        between.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | '/' | '|'))
    {
        match word {
            "" => {}
            "or" | "and" | "或" | "或者" | "和" => or = true,
            w if w.ends_with('或') => {
                or = true;
                rest += w.chars().count() - 1;
            }
            w => rest += w.chars().count(),
        }
    }
    rest == 0 || (or && rest <= 4)
}

fn parts(e: &Entry) -> impl Iterator<Item = (Part, &str)> {
    e.screen
        .iter()
        .map(|s| (Part::Screen, s.as_str()))
        .chain([
            (Part::Title, e.zh.title.as_str()),
            (Part::Title, e.en.title.as_str()),
            (Part::Meaning, e.zh.meaning.as_str()),
            (Part::Meaning, e.en.meaning.as_str()),
        ])
        .chain(
            e.zh.keywords
                .iter()
                .chain(&e.en.keywords)
                .map(|k| (Part::Keyword, k.as_str())),
        )
        .chain(
            e.zh.causes
                .iter()
                .chain(&e.en.causes)
                .map(|c| (Part::Cause, c.as_str())),
        )
        .chain(
            e.zh.variants
                .iter()
                .chain(&e.en.variants)
                .map(|v| (Part::Variant, v.as_str())),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_written_character_by_character_is_joined() {
        assert_eq!(join_spaced_han("密 码 不 符"), "密码不符");
        assert_eq!(join_spaced_han("查 询 卡 中 心 05"), "查询卡中心 05");
        // Ordinary spacing stays.
        assert_eq!(
            join_spaced_han("插卡故障 请刷卡交易"),
            "插卡故障 请刷卡交易"
        );
        assert_eq!(join_spaced_han("a b c"), "a b c");
    }

    #[test]
    fn a_clause_that_asks_for_something_is_found_after_one_that_says_what_happened() {
        let spans = |q: &str| {
            let f = fold(q);
            clauses_opening_with(&f, ASKS)
                .into_iter()
                .map(|(s, e)| f[s..e].to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(spans("签到失败！请联系技术！"), ["请联系技术"]);
        assert_eq!(
            spans("Sign-on failed. Please call the help desk"),
            [" please call the help desk"]
        );
        // A prompt that only asks has nothing said before it: every word counts.
        assert!(spans("请联系发卡行").is_empty());
        assert!(spans("请插卡，请输入密码").is_empty());
        assert!(spans("交易失败 请联系发卡行").is_empty());
    }

    #[test]
    fn a_clause_that_offers_something_if_wished_is_no_part_of_what_happened() {
        let r = Retrieval::new(crate::knowledge::builtin(), crate::knowledge::thesaurus());
        let kept = |q: &str| r.without_offers(&fold(q));
        assert_eq!(
            kept("该订单已退款；如需打印请返回重新发起。"),
            "该订单已退款;。"
        );
        // Said first, it is what the prompt says.
        assert_eq!(kept("如需打印请返回"), fold("如需打印请返回"));
        // A word of how the payment went there stays: it warns.
        let warns = "已经提交，如需确认结果未知的交易请查询";
        assert_eq!(kept(warns), fold(warns));
    }

    /// The weight in the query `q` of the first term of the text `of`.
    fn weight(r: &Retrieval, q: &str, of: &str) -> f32 {
        let (id, _) = r.query(of).known[0];
        r.query(q)
            .known
            .iter()
            .find(|&&(k, _)| k == id)
            .map(|&(_, w)| w)
            .expect("the word is found")
    }

    #[test]
    fn a_way_to_present_a_card_inside_a_name_weighs_little() {
        let r = Retrieval::new(crate::knowledge::builtin(), crate::knowledge::thesaurus());
        let weight = |q: &str, of: &str| weight(&r, q, of);
        // 闪付 (tap) inside 云闪付, a QR wallet's name, says nothing of tapping a card.
        let tapped = weight("闪付失效", "闪付");
        let named = weight("云闪付二维码失效", "闪付");
        assert!(
            (named - tapped * NAMED_WAY).abs() < 1e-4,
            "{named} vs {tapped}"
        );
    }

    #[test]
    fn words_only_in_a_clause_that_asks_weigh_half() {
        let r = Retrieval::new(crate::knowledge::builtin(), crate::knowledge::thesaurus());
        let weight = |q: &str, of: &str| weight(&r, q, of);
        // 联系 (contact) is a thesaurus word.
        let said = weight("签到失败，联系客服", "联系");
        let asked = weight("签到失败，请联系客服", "联系");
        assert!((asked - said * ASKED).abs() < 1e-4, "{asked} vs {said}");
        // Said first, the same word counts in full.
        let first = weight("请联系客服", "联系");
        assert!(first > asked, "{first} vs {asked}");
    }
}
