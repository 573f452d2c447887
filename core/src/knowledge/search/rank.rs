//! A lookup: the codes first, then the texts, each entry's best match, the best entries.

use std::cmp::Ordering;

use super::retrieval::{RetrievalQuery, Retrieved};
use super::scratch::{SCRATCH, Scratch, Stamped};
use super::{
    CHECK_FIRST_ID, CONFIDENT, Hit, Index, Lookup, MAX_QUERY_CHARS, MatchKind, UNLISTED_ID,
};
use crate::knowledge::entry::{Category, Payment, Retry};
use crate::knowledge::load::is_han;
use crate::knowledge::normalize::{code_mentions, compact, fold, is_ascii_query, words_around};

/// Text of this many characters or more is a sentence, which may overrule a stray code.
const SENTENCE_CHARS: usize = 6;
/// A text match this good on a sentence outranks a code it does not agree with.
const STRONG_TEXT: f32 = 0.9;

/// Scores below this are not shown at all.
pub(super) const FLOOR: f32 = 0.35;
/// A code's entries that explain the words beside it less than this disagree with them.
const DISAGREES: f32 = 0.5;
/// Below this, a code's entries do not explain the words beside it at all.
const UNRELATED: f32 = 0.15;
/// Words beside a code that another entry explains this well…
const OTHER_MEANING: f32 = 0.5;
/// …and this much better than the code's entries say something else.
const CLEARLY_BETTER: f32 = 0.2;
/// Entries explaining less of the query than this are not retrieved at all.
const MEANING_FLOOR: f32 = 0.3;
/// The weight of the query's words an entry must explain to be shown whatever their share…
const EVIDENCE: f32 = 6.0;
/// …and the score it is shown with then: a lead, never confident.
const NEAREST_BY_EVIDENCE: f32 = 0.45;
/// …plus this share of its own score, so that such leads keep their order.
const EVIDENCE_ORDER: f32 = 0.04;
/// How many retrieved entries are refined and offered.
const MEANINGS: usize = 24;
/// How many more hits than asked for are ranked, for the safety rules to take out.
const SPARE: usize = 4;
/// The results whose order the rules decide: the three a command shows by default and the
/// spare ones.
const HEAD: usize = 3 + SPARE;
/// How many results are ranked before the rules run, however few are asked for: what comes
/// first is the same for a command asking for three and the window showing twenty.
const DEPTH: usize = 20;

/// The score of a retrieved entry that explains `coverage` of the query and whose best screen
/// text, title or keyword the query covers to `precision`. At most [`MEANING_TOP`]: the words'
/// meaning never ties with a screen text typed exactly.
fn meaning_score(coverage: f32, precision: f32) -> f32 {
    coverage * (MEANING_TOP - PRECISION_WEIGHT + PRECISION_WEIGHT * precision)
}

/// How much of a meaning score depends on the precision.
const PRECISION_WEIGHT: f32 = 0.2;

/// How the score of an entry whose own words say another outcome than the query's is scaled.
const CONTRADICTED: f32 = 0.75;

/// How a text match is scaled when the query says what happened (declined, timed out, paid) and
/// what to do next, and the entry's texts say only the latter (chosen on rounds 1 and 2: 0.85,
/// 0.7 and 0.5 all gain two answers there).
const ONLY_THE_INSTRUCTION: f32 = 0.85;

/// How a QR entry's meaning score is scaled for a query without a word of QR payments (0.93
/// until round 23; 0.9 gains six top-1 answers over all rounds, none lost on a blind batch,
/// and no money-moved prompt more invites a retry; 0.88 adds two such).
const QR_WITHOUT_QR_WORDS: f32 = 0.9;
/// The same where the prompt names a bank card ("银联卡支付失败"): a QR payment's own wording
/// ("支付失败") is then less likely still.
const QR_BESIDE_A_CARD: f32 = 0.85;

/// A text match this good is the screen text typed exactly (or with the words of a question
/// around it).
const EXACT: f32 = 0.97;
/// Another answer is confident from this score up…
const WORDS_CONFIDENT: f32 = 0.9;
/// …and when it stands this far above the next answer that says something else.
const WORDS_MARGIN: f32 = 0.1;
/// Two answers this close are a tie: neither is confident, whatever the score.
const TIE: f32 = 0.05;
/// A share of the prompt's words this large is all of them (one entry explains them all).
const WHOLE: f32 = 0.95;

/// The best score retrieval gives.
const MEANING_TOP: f32 = 0.85;
/// The share of the lesser of an entry's text and meaning scores added to the greater.
const AGREEMENT: f32 = 0.05;

/// The score the general check-first answer is shown with: never confident (it is not the
/// prompt's meaning, only the safe thing to do), and never below the answers under it.
fn top_score_for_net(below: Option<f32>) -> f32 {
    below.unwrap_or(0.5).clamp(0.5, CONFIDENT - 0.01)
}

/// How the words beside a code relate to its entries, for [`Index::words_overrule`].
#[derive(Clone, Copy)]
struct Beside {
    /// How well the code's own entries (not the unlisted-code one) explain the words.
    agrees: f32,
    /// How well any other entry explains them.
    elsewhere: f32,
    /// The code's only entry is the one for codes the UnionPay table leaves out.
    only_unlisted: bool,
    /// The entry that explains the words best invites a retry (now, once, or after a fix).
    answer_invites_retry: bool,
    /// Every code is two or three characters, reused by banks and gateways.
    reusable: bool,
}
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
        // Text pasted from a terminal window may carry its colours ("\x1b[31m51"): they are
        // no part of the prompt, and "31m" is no code.
        let query = crate::knowledge::normalize::without_escapes(query);
        let query = query.as_ref();
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
            retrieved,
        } = scratch;
        best.start(self.entries.len());
        text_hits.clear();

        // 1. The codes, and the words left when they are taken out.
        let mentions = code_mentions(query);
        let codes: Vec<String> = mentions.iter().map(|m| m.code.clone()).collect();
        let text = words_around(query, &mentions, |c| self.code_entries(c).is_some());
        // The prompt inside a question: "POS机一直显示冲正中，怎么办？" is read as "冲正中".
        let text = self.retrieval.clean(&text);

        // 2. Text: Chinese, or pinyin and English for an all-ASCII query.
        let text = self.text_hits(text, shared, words, pinyin, text_hits);

        // 3. What the words mean: retrieval over every text of every entry, a typo read as
        // the word it misses.
        let read = self.typos_read(&fold(&text));
        let words_query = self.retrieval.query(read.as_deref().unwrap_or(&text));
        retrieved.start(self.entries.len());
        self.retrieval.score(&words_query, retrieved);
        let found_by_text = self.best_text_entries(text_hits);
        let meanings = self.meanings(&words_query, retrieved, &found_by_text);

        // 4. A code decides first, unless the words beside it plainly mean something else
        // ("10 过期的卡！" is an expired card whatever code 10 means elsewhere, and
        // "用户已在1分钟内支付过…" is no code 01): then the words come first and the code's
        // entry after them, as a note.
        let code_entries: Vec<u32> = codes
            .iter()
            .flat_map(|c| self.code_entries(c).into_iter().flatten().copied())
            .collect();
        let (mut agrees, mut elsewhere) = (0.0f32, 0.0f32);
        // The entry that explains the words best, outside the code's own.
        let mut words_answer = None;
        let unlisted = self.by_id(UNLISTED_ID).map(|(at, _)| at as u32);
        let text_scores = text_hits.iter().map(|hit| {
            let k = &self.infos[hit.key as usize];
            let row = if !codes.is_empty() && self.is_row_of_another_code(hit.key, &codes) {
                CONTRADICTED
            } else {
                1.0
            };
            (k.entry, hit.score * k.field.weight() * row)
        });
        for (entry, score) in text_scores.chain(meanings.iter().copied()) {
            if code_entries.contains(&entry) {
                if Some(entry) != unlisted {
                    agrees = agrees.max(score);
                }
            } else if score > elsewhere {
                elsewhere = score;
                words_answer = Some(entry);
            }
        }
        // A code the UnionPay table leaves out says nothing of its own: words some entry
        // explains are what this terminal meant ("70 Customer must enter the PIN"), unless that
        // answer invites a retry where the unlisted code's "check first" would not
        // ("26 買家操作未完成": the customer may still pay).
        let only_unlisted =
            !code_entries.is_empty() && code_entries.iter().all(|e| Some(*e) == unlisted);
        // Two or three characters are what banks and gateways reuse for their own meanings; a
        // longer code ("BEYOND_PAY_RESTRICTION") is its table's alone.
        let reusable = codes
            .iter()
            .filter(|c| self.code_entries(c).is_some())
            .all(|c| c.chars().count() <= 3);
        let beside = Beside {
            agrees,
            elsewhere,
            only_unlisted,
            answer_invites_retry: words_answer.is_some_and(|e| {
                let retry = self.entries[e as usize].retry;
                retry.invites_retry() || retry == Retry::AfterFix
            }),
            reusable,
        };
        let overruled = !code_entries.is_empty()
            && self.words_overrule(&text, &words_query, &code_entries, beside);
        // Words beside a code that its entries do not explain leave the code first but not
        // confident: "19 您的快钱账户余额不足以进行退货" is some gateway's 19, not UnionPay's.
        let unexplained = !code_entries.is_empty()
            && agrees < DISAGREES
            && self.has_specific_words(&text, &words_query);
        // Overruled, the code's entry comes after the words' answer and is no tie with it (a tie
        // would put a "check first" code back in front: see `apply_safety`).
        let code_score = if overruled {
            (elsewhere - TIE - 0.01).min(CONFIDENT - 0.01)
        } else if unexplained {
            CONFIDENT - 0.01
        } else {
            1.0
        };
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
            // (Its family, too, stays behind words that overrule it.)
            let related = if overruled { code_score.min(0.6) } else { 0.6 };
            for &e in self.related.get(code).into_iter().flatten() {
                offer_code(e, related - step, MatchKind::RelatedCode, rank);
            }
        }
        // A text or meaning match: a code hit that the words agree with outranks one they do
        // not, and words alone never tie with a code ("[51] 交易失败").
        let beside_code = |entry: u32, score: f32, kind: MatchKind| {
            if code_entries.contains(&entry) && !overruled {
                (1.0 + score * 0.01, MatchKind::Code)
            } else if !code_entries.is_empty() && !overruled {
                (score.min(0.99), kind)
            } else {
                (score, kind)
            }
        };
        // Without a known code or a word of QR payments, a prompt is most likely a card
        // terminal's.
        let card_first = code_entries.is_empty() && !words_query.flags.qr;
        let qr_scale = qr_without_qr_words(&words_query);
        for hit in text_hits.iter() {
            let k = &self.infos[hit.key as usize];
            let mut score = hit.score * k.field.weight();
            if k.shared && codes.is_empty() {
                score *= 0.9;
            }
            let entry = &self.entries[k.entry as usize];
            // (Never one that guards against charging twice: "系统错误" may be WeChat's
            // "result unknown", and then the safe reading stands.)
            if card_first
                && entry.payment == Payment::Qr
                && !entry.retry.guards_against_charging_twice()
            {
                score *= qr_scale;
            }
            if self.retrieval.contradicts(&words_query, k.entry) {
                score *= CONTRADICTED;
            }
            // A row of a code table ("77-交易失败请联系客服") is its own code's: beside another
            // code ("05交易失败-请联系客服") the same words are that code's row, not this one.
            if !codes.is_empty() && self.is_row_of_another_code(hit.key, &codes) {
                score *= CONTRADICTED;
            }
            // "DECLINED REMOVE CARD": the instruction's own entry says nothing of the outcome.
            let q = words_query.flags;
            if q.instruction
                && (q.decline || q.moved || q.paid)
                && !self
                    .retrieval
                    .explains(&words_query, k.entry, |f| f.decline || f.moved || f.paid)
            {
                score *= ONLY_THE_INSTRUCTION;
            }
            let (score, kind) = beside_code(k.entry, score, hit.kind);
            best.slot(k.entry).offer(Best {
                score,
                kind,
                source: Source::Key(hit.key),
                order: (hit.phase, hit.key),
            });
        }
        for &(entry, meaning) in &meanings {
            // An entry found by its text and by its meaning ranks above one found by either;
            // the match that counted most names how it was found.
            let found = best.get_or_default(entry);
            let text = found.score;
            if text > 0.0 && text >= meaning {
                let slot = best.slot(entry);
                // (Agreeing never lifts a code across the line of confidence: one held below it
                // by words it does not explain stays there.)
                let cap = if text >= 1.0 {
                    2.0
                } else if text < CONFIDENT && found.kind == MatchKind::Code {
                    CONFIDENT - 0.001
                } else {
                    0.99
                };
                slot.score = (text + AGREEMENT * meaning).min(cap);
                continue;
            }
            let score = (meaning + AGREEMENT * text).min(0.99);
            let (score, kind) = beside_code(entry, score, MatchKind::Words);
            best.slot(entry).offer(Best {
                score,
                kind,
                source: Source::Words,
                order: (Phase::Words, entry),
            });
        }
        // A few more than asked for: the rules below may take some out.
        let mut hits = self.ranked(best, limit.max(DEPTH) + SPARE, &codes);
        self.calibrate(&mut hits, agrees >= CONFIDENT);
        if !overruled {
            self.keep_code_in_view(&codes, (&code_entries, unlisted), best, &mut hits);
        }
        self.apply_safety(&text, (&words_query, retrieved), &mut hits);
        // Words of approval beside a code that says otherwise ("05 Approved", "96 交易成功"):
        // one of the two is wrong, and which one decides whether the customer has paid. Neither
        // "already paid" nor the decline leads: check first. (A code the UnionPay table leaves
        // out says nothing either way, nor does one whose meanings differ.)
        let is_approval = |e: usize| {
            let entry = &self.entries[e];
            entry.category == Category::Approved || entry.retry == Retry::AlreadyPaid
        };
        // (A code whose own answer is "check first", one whose meanings differ, says nothing
        // against it.)
        let code_says_otherwise = !code_entries.is_empty()
            && !only_unlisted
            && code_entries.iter().all(|&e| {
                !is_approval(e as usize)
                    && !self.entries[e as usize]
                        .retry
                        .guards_against_charging_twice()
            });
        let words_say_paid = (words_query.flags.approved || words_query.flags.paid)
            && !words_query.flags.decline
            && !words_query.flags.moved;
        if code_says_otherwise
            && words_say_paid
            && hits
                .first()
                .is_some_and(|h| is_approval(h.entry) || code_entries.contains(&(h.entry as u32)))
        {
            self.put_check_first(&words_query, &mut hits);
        }
        hits.truncate(limit);
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
        let overruled_code = overruled
            .then(|| {
                codes.iter().find_map(|c| {
                    let e = *self.code_entries(c)?.first()?;
                    Some((c.clone(), e as usize))
                })
            })
            .flatten();
        // The money words are said, unless the first answer is one that speaks of them and
        // still allows a retry: "输入密码超时" is the PIN pad's timeout, and a warning that the
        // money may have moved would contradict it.
        let explained = hits.first().is_some_and(|h| {
            !self.entries[h.entry].retry.guards_against_charging_twice()
                && self.speaks_of_money_words(&words_query, h.entry)
        });
        let money_words = words_query
            .flag_words
            .iter()
            .filter(|(f, _)| (f.moved || f.paid) && !explained)
            .map(|(_, w)| w.clone())
            .fold(Vec::new(), |mut all, w| {
                if !all.contains(&w) {
                    all.push(w);
                }
                all
            });
        Lookup {
            hits,
            unknown_code,
            money_words,
            overruled_code,
        }
    }

    /// A code the words do not overrule stays in view even when its words are not explained and
    /// closer texts fill the list ("68 请稍后重试" still shows what 68 means): second, or first
    /// when its answer is "check first" and the first answer's is not (the safe side).
    fn keep_code_in_view(
        &self,
        codes: &[String],
        (code_entries, unlisted): (&[u32], Option<u32>),
        best: &Stamped<Best>,
        hits: &mut Vec<Hit>,
    ) {
        let Some((text, code)) = codes
            .iter()
            .find_map(|c| Some((c, *self.code_entries(c)?.first()?)))
        else {
            return;
        };
        // (The "not in the UnionPay table" entry explains nothing; it need not stay.)
        if Some(code) == unlisted
            || hits
                .iter()
                .take(HEAD)
                .any(|h| code_entries.contains(&(h.entry as u32)))
        {
            return;
        }
        // (Found further down, it moves up.)
        hits.retain(|h| h.entry != code as usize);
        let found = best.get_or_default(code);
        let safe = |e: usize| self.entries[e].retry.guards_against_charging_twice();
        let at = match hits.first() {
            Some(top) if safe(code as usize) && !safe(top.entry) => 0,
            Some(_) => 1,
            None => 0,
        };
        let score = hits
            .first()
            .map_or(found.score, |top| top.score.min(found.score))
            .min(CONFIDENT - 0.01);
        hits.insert(
            at,
            Hit {
                entry: code as usize,
                score,
                matched_by: MatchKind::Code,
                matched_text: text.clone(),
            },
        );
    }

    /// The entries whose text explains the query's words, with their scores: the weighted
    /// share of the words each explains, refined by how much of its best screen text or title
    /// the words cover. Only the best few are refined and returned.
    ///
    /// The entries `found_by_text` are refined whenever their words are explained enough, even
    /// when more than the few explain them as well: "交易失败" is the whole screen text of one
    /// entry and a keyword of many, and which few are refined must not depend on their order.
    fn meanings(
        &self,
        query: &RetrievalQuery,
        retrieved: &Stamped<Retrieved>,
        found_by_text: &[u32],
    ) -> Vec<(u32, f32)> {
        // In a long sentence ("POS机刷卡时，却遭遇了“没钱”的提示") the prompt's words are a
        // small share of all its words: an entry that explains several of them is still worth
        // showing as the nearest, even below the share a short query needs.
        let evidence = |c: f32| c * query.total() >= EVIDENCE;
        let mut found: Vec<(u32, f32)> = retrieved
            .touched()
            .iter()
            .map(|&e| (e, retrieved.get(e).coverage))
            .filter(|&(_, c)| c >= MEANING_FLOOR || evidence(c))
            .collect();
        let by_coverage = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if found.len() > MEANINGS {
            found.select_nth_unstable_by(MEANINGS - 1, by_coverage);
            found.truncate(MEANINGS);
        }
        for &e in found_by_text {
            let coverage = retrieved.get(e).coverage;
            if (coverage >= MEANING_FLOOR || evidence(coverage))
                && !found.iter().any(|&(f, _)| f == e)
            {
                found.push((e, coverage));
            }
        }
        // Without a word of QR payments the prompt is most likely a card terminal's.
        let card_first = !query.flags.qr;
        let qr_scale = qr_without_qr_words(query);
        for (e, score) in &mut found {
            let precision = self.retrieval.precision(query, *e);
            let coverage = *score;
            *score = meaning_score(coverage, precision);
            if self.retrieval.contradicts(query, *e) {
                *score *= CONTRADICTED;
            }
            // (Raised in the order of their own scores: the nearest of several leads first.)
            if evidence(coverage) {
                *score = score.max(NEAREST_BY_EVIDENCE + EVIDENCE_ORDER * *score);
            }
            if card_first && self.entries[*e as usize].payment == Payment::Qr {
                *score *= qr_scale;
            }
        }
        found.retain(|&(_, s)| s >= FLOOR);
        found
    }

    /// The entries of the best few text matches, best first.
    fn best_text_entries(&self, text_hits: &[TextHit]) -> Vec<u32> {
        let mut scored: Vec<(u32, f32)> = text_hits
            .iter()
            .map(|hit| {
                let k = &self.infos[hit.key as usize];
                (k.entry, hit.score * k.field.weight())
            })
            .collect();
        scored.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut entries: Vec<u32> = Vec::new();
        for (e, _) in scored {
            if entries.len() == MEANINGS {
                break;
            }
            if !entries.contains(&e) {
                entries.push(e);
            }
        }
        entries
    }

    /// Whether `key` is the table row of a code of its entry that the query, naming `codes`,
    /// does not name.
    fn is_row_of_another_code(&self, key: u32, codes: &[String]) -> bool {
        self.row_codes[key as usize]
            .as_deref()
            .is_some_and(|c| !codes.iter().any(|q| q.eq_ignore_ascii_case(c)))
    }

    /// Whether the text beside a code holds words that say something (two Chinese characters or
    /// an English word of three letters, not a stray mark, and not only "交易失败").
    fn has_specific_words(&self, text: &str, words: &RetrievalQuery) -> bool {
        let chars = compact(text);
        let has_words = chars.iter().filter(|c| is_han(**c)).count() >= 2
            || text
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w.len() >= 3);
        has_words && self.retrieval.is_specific(words)
    }

    /// Whether the words beside a code say something its entries do not: an entry elsewhere
    /// explains them well and the code's entries hardly, or the code's entries are approvals
    /// and the words say the payment was refused.
    fn words_overrule(
        &self,
        text: &str,
        words: &RetrievalQuery,
        code_entries: &[u32],
        beside: Beside,
    ) -> bool {
        let Beside {
            agrees,
            elsewhere,
            only_unlisted,
            answer_invites_retry,
            reusable,
        } = beside;
        if !self.has_specific_words(text, words) {
            return false;
        }
        if only_unlisted {
            return elsewhere >= FLOOR && !answer_invites_retry;
        }
        // A code whose own answer is "check first" keeps it: words that read like a retry
        // ("68 无法在正常时间内获得交易应答，请稍后重试") must not take away the warning.
        let checks_first = code_entries.iter().any(|&e| {
            let entry = &self.entries[e as usize];
            entry.retry.guards_against_charging_twice()
                && entry.category != Category::Approved
                && entry.retry != Retry::AlreadyPaid
        });
        if checks_first {
            return false;
        }
        let sentence = compact(text).len() >= SENTENCE_CHARS;
        let approval_only = code_entries.iter().all(|&e| {
            let entry = &self.entries[e as usize];
            entry.category == Category::Approved || entry.retry == Retry::AlreadyPaid
        });
        // Gateways and banks reuse the two-character codes for their own meanings ("04 无效终端",
        // "55 参数错误"): specific words that another entry explains clearly better decide.
        // Words its entries do not explain at all, that another entry does explain, are this
        // table's own meaning of the code ("38 The transaction is rejected by UnionPay risk
        // management system.", "ZC 请用刷卡方式进行交易").
        (reusable && sentence && agrees < UNRELATED && elsewhere >= FLOOR)
            || (words.flags.decline && approval_only && elsewhere >= FLOOR)
            || (sentence && elsewhere >= STRONG_TEXT && agrees < CONFIDENT)
            || (elsewhere >= CONFIDENT && agrees < DISAGREES)
            || (elsewhere >= OTHER_MEANING && agrees + CLEARLY_BETTER <= elsewhere)
    }

    /// Whether the first of `hits` already answers a prompt whose words say the money may have
    /// moved: it guards against charging twice; or it is the entry whose screen text was typed
    /// exactly, or the code typed, and speaks of those very words; or it explains every word
    /// of the prompt, those among them, where no entry that guards against charging twice
    /// comes close ("输入密码超时", "刷卡器超时": the PIN pad or the card reader timed out
    /// before anything was sent). Any looser match keeps the safe side.
    fn answers_money_words(
        &self,
        text: &str,
        (words, retrieved): (&RetrievalQuery, &Stamped<Retrieved>),
        hits: &[Hit],
    ) -> bool {
        let Some(top) = hits.first() else {
            return false;
        };
        let entry = &self.entries[top.entry];
        if entry.retry.guards_against_charging_twice() {
            return self.retrieval.guard_explains(words, top.entry as u32) || top.is_confident();
        }
        let speaks_of_them = self.speaks_of_money_words(words, top.entry);
        if !speaks_of_them {
            return false;
        }
        // (Or the entry of a code in code dress whose own texts speak of those words: "90 CUT
        // OFF IN PROGRESS" is the day-end cut-over in progress, not a payment.)
        let typed = compact(text);
        if top.matched_by == MatchKind::Code || entry.screen.iter().any(|s| compact(s) == typed) {
            return true;
        }
        // (Words besides the money words: "超过时间" alone is a timeout of anything.)
        let rest = words
            .flag_words
            .iter()
            .filter(|(f, _)| f.moved || f.paid)
            .fold(typed.iter().collect::<String>(), |rest, (_, w)| {
                rest.replace(&compact(w).iter().collect::<String>(), "")
            });
        rest.chars().filter(|c| c.is_alphanumeric()).count() >= 2
            && self.explains_all_alone(retrieved, top)
    }

    /// Whether `entry`'s own screen texts, titles or keywords hold every word of the prompt
    /// that says the money may have moved or was paid.
    fn speaks_of_money_words(&self, words: &RetrievalQuery, entry: usize) -> bool {
        self.retrieval
            .explains(words, entry as u32, |f| f.moved || f.paid)
    }

    /// Whether `top` explains every word of the prompt, and no entry that guards against
    /// charging twice comes close ("刷卡器超时": the card reader's timeout, where "transaction
    /// timed out" explains only the timeout).
    fn explains_all_alone(&self, retrieved: &Stamped<Retrieved>, top: &Hit) -> bool {
        let whole = retrieved.get_or_default(top.entry as u32).coverage;
        // (Only the entries the words touched have a coverage to compare.)
        whole >= WHOLE
            && retrieved.touched().iter().all(|&e| {
                !self.entries[e as usize]
                    .retry
                    .guards_against_charging_twice()
                    || retrieved.get(e).coverage + CLEARLY_BETTER <= whole
            })
    }

    /// Makes "confident" (0.7 and up) mean "right at least 95 % of the time", measured on the
    /// blind batches of real prompts (tests/data/blind*/SCORES.md has the table):
    /// - two answers within 0.05 of each other are a tie, whatever the score (right 77 % of the
    ///   time); twins found by the very same screen text, typed exactly, with the same advice
    ///   (the entries that all show "请插卡") are no tie: the text is what the terminal said;
    /// - an answer that is neither a code nor a screen text typed exactly is confident only
    ///   from 0.9 and 0.1 clear of the next answer that advises otherwise (between 0.75 and 0.9
    ///   such answers were right 79 % of the time).
    ///
    /// Below that, the answers are the nearest three, in the same order.
    fn calibrate(&self, hits: &mut [Hit], code_agrees: bool) {
        let Some(top) = hits.first() else { return };
        if !top.is_confident() {
            return;
        }
        let retry = |h: &Hit| match self.entries[h.entry].retry {
            Retry::Once => Retry::Yes,
            other => other,
        };
        // (Or the same kind of problem: "余额不足" is a card's or a wallet's insufficient
        // balance, and either way the customer pays another way.)
        let same_kind = |h: &Hit| {
            let (a, b) = (&self.entries[h.entry], &self.entries[top.entry]);
            a.category == b.category
                && !a.retry.guards_against_charging_twice()
                && !b.retry.guards_against_charging_twice()
        };
        let twins = |h: &Hit| {
            top.score >= EXACT
                && h.matched_by == MatchKind::Text
                && top.matched_by == MatchKind::Text
                && h.matched_text == top.matched_text
                && (retry(h) == retry(top) || same_kind(h))
        };
        // A code whose own entry says the words beside it is not tied with entries the words
        // also fit that do not have that code ("51 余额不足" is code 51, whatever a wallet calls
        // 余额不足); only another entry of the same code ties with it. ("99 交易失败" is some
        // table's 99, not UnionPay's PIN format error: tied, not confident.)
        let rival = |h: &Hit| {
            !(code_agrees && top.matched_by == MatchKind::Code) || h.matched_by == MatchKind::Code
        };
        let tied = hits[1..]
            .iter()
            .take_while(|h| top.score - h.score < TIE)
            .any(|h| !twins(h) && rival(h));
        // A code, or a screen text typed exactly, is what it says.
        let plain = top.matched_by == MatchKind::Code || top.score >= EXACT;
        let next = hits[1..]
            .iter()
            .take(HEAD - 1)
            .find(|h| self.entries[h.entry].retry != self.entries[top.entry].retry)
            .map_or(0.0, |h| h.score);
        let unsure = !plain && (top.score < WORDS_CONFIDENT || top.score - next < WORDS_MARGIN);
        if tied || unsure {
            let scale = (CONFIDENT - 0.01) / top.score;
            for h in hits.iter_mut() {
                h.score *= scale;
            }
        }
    }

    /// The rules no ranking may break:
    /// - words that say the payment was refused never stand beside an approval ("approved" or
    ///   "already paid" banner), unless they also say it was paid;
    /// - words that say the money may have moved always get "check first" first: the best
    ///   entry that guards against charging twice, or the general check-first entry, unless the
    ///   best answer is confident and itself speaks of those words; and nothing beside it
    ///   invites a retry.
    fn apply_safety(
        &self,
        text: &str,
        (words, retrieved): (&RetrievalQuery, &Stamped<Retrieved>),
        hits: &mut Vec<Hit>,
    ) {
        let entry = |h: &Hit| &self.entries[h.entry];
        // Whether the query is an entry's very screen text, as typed (spaces and case aside).
        let typed = compact(text);
        let its_own_screen = |h: &Hit| entry(h).screen.iter().any(|s| compact(s) == typed);
        // (Words that say both, "交易成功 拒绝" or "不成功", are read as refused: the safe side.)
        // (When the best answer was such an approval, the words say both: check first.)
        let mut best_refused = false;
        if words.flags.decline {
            let first = hits.first().map(|h| h.entry);
            hits.retain(|h| {
                let e = entry(h);
                let approval = e.category == Category::Approved
                    || (e.retry == Retry::AlreadyPaid && !words.flags.paid);
                let keep = !approval
                    || self
                        .retrieval
                        .explains(words, h.entry as u32, |f| f.decline);
                best_refused |= !keep && Some(h.entry) == first;
                keep
            });
        }
        // A prompt that asks for one way to present the card after another ("Card inserted can
        // not be read. Ask payer to swipe card") is never answered "insert it" by its words.
        hits.retain(|h| {
            h.matched_by == MatchKind::Code
                || !self.retrieval.asks_another_way(words, h.entry as u32)
        });
        // An approval is shown only when the prompt says so, in words of approval, by its code
        // or as its very screen text ("此为VIP客户"): "Device offline or not connected", or a
        // bare "OFFLINE", is no "approved offline".
        if !(words.flags.approved || words.flags.paid) {
            hits.retain(|h| {
                entry(h).category != Category::Approved
                    || matches!(h.matched_by, MatchKind::Code | MatchKind::RelatedCode)
                    || its_own_screen(h)
            });
        }
        // Words that say it went through beside words that say something failed ("手机端显示支付
        // 成功" but no receipt came out) leave the payment's outcome in doubt: check first.
        // (So do words of approval set against something else: "approved but not committed",
        // "扣款成功但交易超时".)
        let doubted = words.flags.approved && (words.flags.decline || words.flags.contrast);
        // An approval read from a code alone, beside words that say something else and no word
        // of approval ("A2 請依正確卡別操作": use the right kind of card), is in doubt too: the
        // goods must not go out on a code whose words the approval does not explain.
        let code_approval_doubted = !(words.flags.approved || words.flags.paid)
            && hits.first().is_some_and(|h| {
                h.matched_by == MatchKind::Code
                    && !h.is_confident()
                    && (entry(h).category == Category::Approved
                        || entry(h).retry == Retry::AlreadyPaid)
            });
        // Words of approval alone, answered by a guess that invites a retry ("007 Approved,
        // update ICC" read as a chip to try again): the screen says it went through, and a
        // second try would charge twice.
        let approval_retried = words.flags.approved
            && !words.flags.decline
            && hits.first().is_some_and(|h| {
                !h.is_confident()
                    && h.matched_by != MatchKind::Code
                    && entry(h).retry.invites_retry()
            });
        let money =
            words.flags.moved || words.flags.paid || doubted || best_refused || approval_retried;
        if code_approval_doubted {
            self.put_check_first(words, hits);
        }
        // (There, "approved" is no answer: it is what is in doubt.)
        let in_doubt = |h: &Hit| doubted && entry(h).category == Category::Approved;
        if money
            && (hits.first().is_some_and(in_doubt)
                || !self.answers_money_words(text, (words, retrieved), hits))
        {
            // (Nor is it shown further down: "approved" beside "but not committed" would be
            // read as the answer by a cashier in a hurry.)
            hits.retain(|h| !in_doubt(h) || h.matched_by == MatchKind::Code);
            // The best answer that guards against charging twice and speaks of those words;
            // else the general "check first".
            let floor = hits.first().map_or(0.0, |h| h.score * 0.6);
            // (Among the first few only: what leads must not depend on how many results
            // were asked for.)
            let guarding = hits.iter().take(HEAD).position(|h| {
                !in_doubt(h)
                    && entry(h).retry.guards_against_charging_twice()
                    && h.score >= floor
                    && self.retrieval.guard_explains(words, h.entry as u32)
            });
            match guarding {
                Some(at) => {
                    let h = hits.remove(at);
                    hits.insert(0, h);
                }
                None => self.put_check_first(words, hits),
            }
        }
        // Two answers too close to tell apart, one allowing a retry and one guarding against
        // charging twice: the safe one comes first ("请一分钟后再试" may be a cut-over or a
        // payment still being decided). A code in code dress still decides, and so does the
        // very screen text of the first ("DECLINED" is the issuer's decline, word for word:
        // a chip's decline that only holds the word was put in front of it).
        if let Some(top) = hits.first()
            && !top.is_confident()
            && top.matched_by != MatchKind::Code
            && !entry(top).retry.guards_against_charging_twice()
            && !self.explains_all_alone(retrieved, top)
            && !its_own_screen(top)
        {
            let close = top.score - TIE;
            // (Two leads of a long sentence are raised to nearly one score: the words tell them
            // apart when the first explains clearly more of them.)
            let coverage = |h: &Hit| retrieved.get_or_default(h.entry as u32).coverage;
            let words_tell = |h: &Hit| {
                top.matched_by == MatchKind::Words
                    && h.matched_by == MatchKind::Words
                    && coverage(h) + CLEARLY_BETTER <= coverage(top)
            };
            if let Some(at) = hits.iter().take(HEAD).position(|h| {
                h.score >= close && entry(h).retry.guards_against_charging_twice() && !words_tell(h)
            }) {
                let h = hits.remove(at);
                hits.insert(0, h);
            }
        }
        // Beside an answer that says the money may have moved, results that invite a retry are
        // not shown: no "retry" banner may sit next to a prompt after which the customer may
        // already have paid.
        if hits.first().is_some_and(|h| {
            (h.is_confident() || money) && entry(h).retry.guards_against_charging_twice()
        }) {
            hits.retain(|h| !entry(h).retry.invites_retry());
        }
    }

    /// Puts the general "check first" answer first, found by the words that call for it.
    fn put_check_first(&self, words: &RetrievalQuery, hits: &mut Vec<Hit>) {
        if let Some((at, _)) = self.by_id(CHECK_FIRST_ID) {
            hits.retain(|h| h.entry != at);
            let words: Vec<&str> = words.flag_words.iter().map(|(_, w)| w.as_str()).collect();
            let net = Hit {
                entry: at,
                score: top_score_for_net(hits.first().map(|h| h.score)),
                matched_by: MatchKind::Words,
                matched_text: words.join(" "),
            };
            hits.insert(0, net);
        }
    }

    /// The texts `text` matches: Chinese, or English and pinyin for an all-ASCII query; the
    /// text the rest of the search reads, which is the thesaurus's words in Chinese when nothing
    /// spelled the letters but they are those words in pinyin ("wangluolianjieshibai").
    fn text_hits(
        &self,
        text: String,
        shared: &mut super::scratch::Counts,
        words: &mut super::scratch::Stamped<super::english::WordMarks>,
        pinyin: &mut super::pinyin::PinyinScratch,
        text_hits: &mut Vec<TextHit>,
    ) -> String {
        if text.chars().any(is_han) || !is_ascii_query(&text) {
            self.chinese(&text, shared, text_hits);
            return text;
        }
        self.english(&text, words, text_hits);
        self.pinyin(&text, pinyin, text_hits);
        match self.spelled.spell(&text) {
            Some(zh) if text_hits.is_empty() => {
                self.chinese(&zh, shared, text_hits);
                zh
            }
            _ => text,
        }
    }

    /// Per entry that any matcher finds for `query` (its codes aside): the best text score
    /// (Chinese, pinyin or English matching, field weight applied), the retrieval coverage and
    /// precision, for tuning how they combine (`lookup_lines --features`).
    #[doc(hidden)]
    pub fn features(&self, query: &str) -> Vec<(usize, f32, f32, f32)> {
        let mut scratch = Scratch::default();
        let mentions = code_mentions(query);
        let text = words_around(query, &mentions, |c| self.code_entries(c).is_some());
        let text = self.retrieval.clean(&text);
        let Scratch {
            shared,
            words,
            pinyin,
            text_hits,
            retrieved,
            ..
        } = &mut scratch;
        let text = self.text_hits(text, shared, words, pinyin, text_hits);
        let q = self.retrieval.query(&text);
        retrieved.start(self.entries.len());
        self.retrieval.score(&q, retrieved);
        let mut out: Vec<(usize, f32, f32, f32)> = Vec::new();
        let mut at = std::collections::HashMap::new();
        for hit in text_hits.iter() {
            let k = &self.infos[hit.key as usize];
            let mut score = hit.score * k.field.weight();
            if k.shared {
                score *= 0.9;
            }
            let i = *at.entry(k.entry).or_insert_with(|| {
                out.push((k.entry as usize, 0.0, 0.0, 0.0));
                out.len() - 1
            });
            out[i].1 = out[i].1.max(score);
        }
        for &e in retrieved.touched() {
            let c = retrieved.get(e).coverage;
            if c < 0.2 {
                continue;
            }
            let i = *at.entry(e).or_insert_with(|| {
                out.push((e as usize, 0.0, 0.0, 0.0));
                out.len() - 1
            });
            out[i].2 = c;
            out[i].3 = self.retrieval.precision(&q, e);
        }
        out
    }

    /// How the words of `query` are read and which entries explain them best, for a person
    /// tuning the search (`lookup_lines --explain`).
    #[doc(hidden)]
    pub fn explain(&self, query: &str) -> String {
        let q = self.retrieval.query(query);
        let mut retrieved = Stamped::default();
        retrieved.start(self.entries.len());
        self.retrieval.score(&q, &mut retrieved);
        let mut out = self.retrieval.describe(&q);
        let mut top: Vec<(u32, f32)> = retrieved
            .touched()
            .iter()
            .map(|&e| (e, retrieved.get(e).coverage))
            .collect();
        top.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (e, c) in top.into_iter().take(6) {
            out.push_str(&format!(
                "\n   {} coverage {c:.2} precision {:.2}",
                self.entries[e as usize].id,
                self.retrieval.precision(&q, e)
            ));
        }
        out
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
                    Source::Words => self.entries[entry as usize]
                        .screen
                        .first()
                        .unwrap_or(&self.entries[entry as usize].zh.title)
                        .clone(),
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
    /// Retrieval.
    Words,
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
    /// What the words mean (retrieval).
    Words,
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

/// How much a QR payment's entry weighs for a prompt without a word of QR payments: less
/// still when it names a bank card.
fn qr_without_qr_words(query: &RetrievalQuery) -> f32 {
    if query.flags.card {
        QR_BESIDE_A_CARD
    } else {
        QR_WITHOUT_QR_WORDS
    }
}
