//! The domain thesaurus (`assets/knowledge/thesaurus.toml`): concepts with the words that
//! terminals, banks, gateways and people use for them, in Simplified and Traditional Chinese,
//! Taiwan and Hong Kong wording, English and terminal abbreviations. A query and an entry meet
//! at the concept level: "用户的条码已经过期" and "二维码已过期" share *paycode* and *expired*.
//!
//! Some concepts carry flags the lookup acts on: a word that says the payment was refused
//! (`decline`) keeps an approval banner away; one that says the money may already have moved
//! (`moved`) always brings "check first".

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::load::is_han;
use super::normalize::{NEGATIONS, compact_folded, fold, words_folded};

/// What a concept's words say about the payment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// Refused or failed: declined, expired, insufficient, invalid, blocked.
    pub decline: bool,
    /// The money may already have moved, or the result is not known: timeout, pending,
    /// reversal, deducted, duplicate.
    pub moved: bool,
    /// Already paid.
    pub paid: bool,
    /// Approved.
    pub approved: bool,
    /// A word of QR payments (WeChat Pay, Alipay, payment codes).
    pub qr: bool,
    /// What to do next ("remove card", "press any key").
    pub instruction: bool,
    /// A way to present the card: swipe, insert or tap.
    pub way: bool,
    /// Sets what follows against what came before ("but", "但是").
    pub contrast: bool,
    /// Says nothing about which prompt it is ("please", "error code"): found, so that the words
    /// around it are read right, but not matched on.
    pub stop: bool,
    /// Names a bank card ("银行卡", "credit card"): the prompt is a card terminal's, not a QR
    /// payment's.
    pub card: bool,
}

impl Flags {
    /// These flags and `other`'s together.
    pub fn add(&mut self, other: Flags) {
        self.decline |= other.decline;
        self.moved |= other.moved;
        self.paid |= other.paid;
        self.approved |= other.approved;
        self.stop |= other.stop;
        self.qr |= other.qr;
        self.instruction |= other.instruction;
        self.way |= other.way;
        self.contrast |= other.contrast;
        self.card |= other.card;
    }

    /// Whether a word with these flags says something about the payment.
    pub fn about_payment(self) -> bool {
        self.decline || self.moved || self.paid || self.approved
    }
}

/// One concept.
#[derive(Clone, Debug)]
pub struct Concept {
    pub id: String,
    pub flags: Flags,
    /// Its words as written in the file.
    pub words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConcept {
    id: String,
    #[serde(default)]
    flags: Vec<String>,
    words: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    concept: Vec<RawConcept>,
}

/// A concept found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub concept: u16,
    /// Where its word is, in bytes of the folded text.
    pub start: usize,
    pub end: usize,
}

/// The thesaurus, ready to find its words in folded text.
#[derive(Default)]
pub struct Thesaurus {
    concepts: Vec<Concept>,
    /// Chinese (or any non-ASCII) words, [`compact_folded`], by their characters.
    zh: FxHashMap<Vec<char>, Vec<u16>>,
    /// Bit per character (by code point mod 64) of the first characters of the Chinese words.
    zh_first: u64,
    zh_longest: usize,
    /// English words and phrases, folded and [`stem`]med words joined by single spaces.
    en: FxHashMap<String, Vec<u16>>,
    en_longest: usize,
    /// Every English word of the thesaurus's words and phrases as written (folded, not
    /// stemmed): what a typo in a query is read as.
    en_words: std::collections::BTreeSet<String>,
    /// Stemmed keys two concepts share where one of them has only an inflected form of it
    /// ("debit": debit card's own word, but "debited" for the concept deducted): that concept
    /// counts only where the text has one of its own forms, folded, by key and concept.
    en_exact: FxHashMap<String, Vec<(u16, Vec<String>)>>,
    /// The concept "failed": what a word of success or payment says after a negation.
    failed: Option<u16>,
    /// The concept "undone": what a word of success says right after a word of voiding,
    /// refunding or reversing, and those concepts ("void", "refund", "reversal").
    undone: Option<u16>,
    undoing: Vec<u16>,
    /// The concepts "void" and "reversal": a reversal a rule forbids ("不能冲正") is an undoing
    /// refused, as "不能撤销" is, not a reversal under way.
    void: Option<u16>,
    reversal: Option<u16>,
    /// The concept "pay": a payment being made or taken ("支付", "收款"); with 中 right after
    /// it, under way.
    pay: Option<u16>,
    /// The concept "declined": with the faults, a word that right after a word of voiding,
    /// refunding or reversing says that undoing failed.
    declined: Option<u16>,
    /// The concept "undo_failed": a void, refund or reversal that failed ("撤销失败", "未能冲正",
    /// "Refund declined"): the sale it was to undo stands, so the money has moved.
    undo_failed: Option<u16>,
    /// The concept "pending": what a word of voiding, refunding or reversing says with 中 right
    /// after it ("撤销中", "退款中": under way, its outcome not yet known).
    pending: Option<u16>,
    /// The concept "unknown", and the words of a fault it may name ("error", "fault",
    /// "abnormal"): "未知打印机异常" is a fault of an unknown kind, not a result unknown.
    unknown: Option<u16>,
    faults: Vec<u16>,
    /// The concepts "timeout" and "expired", and those of a code shown to pay ("paycode",
    /// "collection_qr"): a code that timed out ("付款碼已逾時") has expired.
    timeout: Option<u16>,
    expired: Option<u16>,
    codes: Vec<u16>,
    /// The concept "query_result": words that ask for the payment to be looked up ("请发起查询",
    /// "check the result"), which is what every answer that guards against charging twice says.
    check: Option<u16>,
    /// The concepts "complete", "incomplete" and "paid", and those of what a payment is
    /// ("transaction", "pay", "preauth", "order"): a transaction completed has been paid.
    complete: Option<u16>,
    incomplete: Option<u16>,
    /// The concepts "cancel" and "cancel_failed": a cancelling refused ("Cancellation
    /// declined") leaves the sale it was to stop standing, as "取消失败" does.
    cancel: Option<u16>,
    cancel_failed: Option<u16>,
    paid: Option<u16>,
    payments: Vec<u16>,
    /// The concept "invalid": a text short of its length ("码长度不足") is malformed.
    invalid: Option<u16>,
}

/// The text of `folded` before `at`, back to the punctuation that ends the clause before it.
fn clause_before(folded: &str, at: usize) -> &str {
    folded[..at]
        .rsplit([
            '，', ',', '。', '.', '！', '!', '；', ';', ':', '：', '?', '？',
        ])
        .next()
        .unwrap_or("")
}

/// How many characters (Chinese ones, or spaces) may stand between a word of voiding or
/// refunding and the word of success it makes "undone" ("撤销交易成功", "退货成功").
const UNDO_REACH: usize = 2;

/// How many characters (Chinese ones, or spaces) may stand between "unknown" and the word of
/// a fault whose kind it says is not known ("未知打印机异常").
const FAULT_REACH: usize = 4;

/// Whether at most `reach` characters, Chinese ones (or spaces), stand between `from` and `to`
/// (two words' end and start) in `folded`.
fn within(folded: &str, from: usize, to: usize, reach: usize) -> bool {
    from <= to && {
        let gap = &folded[from..to];
        gap.chars().all(|c| is_han(c) || c.is_whitespace())
            && gap.chars().filter(|c| !c.is_whitespace()).count() <= reach
    }
}

/// How many characters before a word of success a negation still negates it.
const NEGATION_REACH: usize = 4;

/// The built-in thesaurus file.
pub const BUILTIN: &str = include_str!("../../../assets/knowledge/thesaurus.toml");

impl Thesaurus {
    /// The built-in thesaurus. Panics if the compiled-in file does not parse, which the
    /// knowledge-base test catches before a release.
    pub fn builtin() -> Thesaurus {
        Thesaurus::parse(BUILTIN).unwrap_or_else(|e| panic!("built-in thesaurus: {e}"))
    }

    /// Parses a thesaurus file.
    pub fn parse(text: &str) -> Result<Thesaurus, String> {
        let raw: RawFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut t = Thesaurus::default();
        for (n, c) in raw.concept.into_iter().enumerate() {
            let id = u16::try_from(n).map_err(|_| "too many concepts".to_owned())?;
            let mut flags = Flags::default();
            for f in &c.flags {
                match f.as_str() {
                    "decline" => flags.decline = true,
                    "moved" => flags.moved = true,
                    "paid" => flags.paid = true,
                    "approved" => flags.approved = true,
                    "stop" => flags.stop = true,
                    "qr" => flags.qr = true,
                    "instruction" => flags.instruction = true,
                    "way" => flags.way = true,
                    "contrast" => flags.contrast = true,
                    "card" => flags.card = true,
                    other => return Err(format!("{}: unknown flag {other:?}", c.id)),
                }
            }
            for w in &c.words {
                t.add_word(id, w);
            }
            match c.id.as_str() {
                "failed" => t.failed = Some(id),
                "undone" => t.undone = Some(id),
                "void" | "refund" | "reversal" => {
                    t.undoing.push(id);
                    match c.id.as_str() {
                        "void" => t.void = Some(id),
                        "reversal" => t.reversal = Some(id),
                        _ => {}
                    }
                }
                "declined" => t.declined = Some(id),
                "undo_failed" => t.undo_failed = Some(id),
                "pending" => t.pending = Some(id),
                "pay" => {
                    t.pay = Some(id);
                    t.payments.push(id);
                }
                "unknown" => t.unknown = Some(id),
                "error" | "fault" | "abnormal" => t.faults.push(id),
                "timeout" => t.timeout = Some(id),
                "expired" => t.expired = Some(id),
                "paycode" | "collection_qr" => t.codes.push(id),
                "query_result" => t.check = Some(id),
                "complete" => t.complete = Some(id),
                "cancel" => t.cancel = Some(id),
                "cancel_failed" => t.cancel_failed = Some(id),
                "incomplete" => t.incomplete = Some(id),
                "paid" => t.paid = Some(id),
                "invalid" => t.invalid = Some(id),
                "transaction" | "preauth" | "order" => t.payments.push(id),
                _ => {}
            }
            t.concepts.push(Concept {
                id: c.id,
                flags,
                words: c.words,
            });
        }
        t.find_conflated_forms();
        Ok(t)
    }

    /// Fills [`Thesaurus::en_exact`]: a stem two concepts share is one concept's word as it
    /// stands and another's only once inflected ("debit" and "debited"); the second then needs
    /// its own form in the text, or "debit or credit" (kinds of card) would read as money taken.
    fn find_conflated_forms(&mut self) {
        let mut exact = Vec::new();
        for (key, ids) in &self.en {
            if ids.len() < 2 {
                continue;
            }
            let forms_of = |c: u16| -> Vec<String> {
                self.concepts[usize::from(c)]
                    .words
                    .iter()
                    .map(|w| fold(w))
                    .filter(|w| w.is_ascii())
                    .map(|w| words_folded(&w).join(" "))
                    .filter(|w| {
                        words_folded(w)
                            .into_iter()
                            .map(stem)
                            .collect::<Vec<_>>()
                            .join(" ")
                            == *key
                    })
                    .collect()
            };
            let as_it_stands = |c: u16| forms_of(c).iter().any(|w| w == key);
            if !ids.iter().any(|&c| as_it_stands(c)) {
                continue;
            }
            for &c in ids {
                if !as_it_stands(c) {
                    exact.push((key.clone(), c, forms_of(c)));
                }
            }
        }
        for (key, c, forms) in exact {
            self.en_exact.entry(key).or_default().push((c, forms));
        }
    }

    fn add_word(&mut self, id: u16, word: &str) {
        let folded = fold(word);
        if !folded.is_ascii() {
            let chars = compact_folded(&folded);
            if chars.is_empty() {
                return;
            }
            self.zh_first |= char_bit(chars[0]);
            self.zh_longest = self.zh_longest.max(chars.len());
            push_unique(self.zh.entry(chars).or_default(), id);
        } else {
            let surface = words_folded(&folded);
            self.en_words
                .extend(surface.iter().map(|w| (*w).to_owned()));
            let words: Vec<String> = surface.into_iter().map(stem).collect();
            if words.is_empty() {
                return;
            }
            self.en_longest = self.en_longest.max(words.len());
            push_unique(self.en.entry(words.join(" ")).or_default(), id);
        }
    }

    /// The concepts that say something is wrong without saying what ("error", "fault",
    /// "abnormal").
    pub fn faults(&self) -> &[u16] {
        &self.faults
    }

    /// The concept of words that ask for the payment to be looked up ("请发起查询").
    pub fn check(&self) -> Option<u16> {
        self.check
    }

    /// The concepts.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// The flags of concept `id`.
    pub fn flags(&self, id: u16) -> Flags {
        self.concepts[id as usize].flags
    }

    /// The flags of all the concepts in `found`.
    pub fn flags_of(&self, found: &[Found]) -> Flags {
        let mut flags = Flags::default();
        for f in found {
            flags.add(self.flags(f.concept));
        }
        flags
    }

    /// Every English word of the thesaurus's words and phrases, folded, in order.
    pub fn english_words(&self) -> impl Iterator<Item = &str> {
        self.en_words.iter().map(String::as_str)
    }

    /// Whether some concept has the English `word` (folded), as it stands or inflected.
    pub fn knows_english(&self, word: &str) -> bool {
        self.en.contains_key(&stem(word)) || self.en.contains_key(word)
    }

    /// Every concept whose word occurs in `folded` (a [`fold`]ed text), with where: every
    /// Chinese word at every place (a longer word and the shorter ones inside it all count),
    /// and English words and phrases on word boundaries.
    pub fn find(&self, folded: &str, out: &mut Vec<Found>) {
        out.clear();
        self.find_chinese(folded, out);
        self.drop_crossing(out);
        // "不足300元" is "less than 300 yuan", a comparison, not "insufficient".
        out.retain(|f| {
            let word = &folded[f.start..f.end];
            let compares = matches!(word, "不足" | "不够" | "不夠");
            !(compares
                && folded[f.end..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit()))
        });
        self.short_lengths(folded, out);
        self.negate_successes(folded, out);
        self.find_english(folded, out);
        Self::settle_two_readings(out);
        self.undo_successes(folded, out);
        self.undo_failures(folded, out);
        self.undo_negated(folded, out);
        self.undo_under_way(folded, out);
        self.reversal_forbidden(folded, out);
        self.completed_payments(folded, out);
        self.asked_payments(folded, out);
        self.unknown_faults(folded, out);
        self.expire_codes(folded, out);
    }

    /// Short of a length ("码长度不足", "卡号位数不够") is a text too short, malformed: found as
    /// the concept "invalid", never as money short ("insufficient").
    fn short_lengths(&self, folded: &str, out: &mut [Found]) {
        let Some(invalid) = self.invalid else { return };
        for f in out.iter_mut() {
            let short = matches!(&folded[f.start..f.end], "不足" | "不够" | "不夠");
            let of_length = ["长度", "長度", "位数", "位數", "字数", "字數"]
                .iter()
                .any(|w| folded[..f.start].trim_end().ends_with(w));
            if short && of_length {
                f.concept = invalid;
            }
        }
    }

    /// A code shown to pay that timed out ("付款碼已逾時", "条码已经超时": the word of time right
    /// after the code's, only 已 or 已经 between) has expired: nothing was paid with it, and
    /// the customer shows a new one. (Any other word between, "二维码支付超时", leaves a payment
    /// that timed out, which may have gone through.)
    fn expire_codes(&self, folded: &str, out: &mut [Found]) {
        let (Some(timeout), Some(expired)) = (self.timeout, self.expired) else {
            return;
        };
        let codes: Vec<usize> = out
            .iter()
            .filter(|f| self.codes.contains(&f.concept))
            .map(|f| f.end)
            .collect();
        for f in out.iter_mut().filter(|f| f.concept == timeout) {
            let right_after = codes.iter().any(|&end| {
                end <= f.start
                    && folded[end..f.start]
                        .chars()
                        .all(|c| matches!(c, '已' | '经' | '經') || c.is_whitespace())
            });
            if right_after {
                f.concept = expired;
            }
        }
    }

    /// "Unknown" right before a word of a fault, at most [`FAULT_REACH`] Chinese characters
    /// (or spaces) between ("未知打印机异常", "未知错误", "unknown error"), says what kind of
    /// fault it is not known, not that a payment's result is unknown: it is not found as the
    /// concept "unknown". (The fault's own words still say what went wrong.)
    fn unknown_faults(&self, folded: &str, out: &mut Vec<Found>) {
        let Some(unknown) = self.unknown else { return };
        let faults: Vec<usize> = out
            .iter()
            .filter(|f| self.faults.contains(&f.concept))
            .map(|f| f.start)
            .collect();
        out.retain(|f| {
            f.concept != unknown
                || !faults
                    .iter()
                    .any(|&start| within(folded, f.end, start, FAULT_REACH))
        });
    }

    /// A word of success or payment right after a word of voiding or refunding ("撤销交易成功",
    /// "退款成功", "refund successful"), or just before one ("已成功撤销": voided successfully),
    /// says that the sale was undone, not that it was paid: it is found as the concept "undone",
    /// never as an approval. (Punctuation ends the phrase.)
    fn undo_successes(&self, folded: &str, out: &mut [Found]) {
        let Some(undone) = self.undone else { return };
        let undoing: Vec<(usize, usize)> = out
            .iter()
            .filter(|f| self.undoing.contains(&f.concept))
            .map(|f| (f.start, f.end))
            .collect();
        for f in out.iter_mut() {
            let flags = self.flags(f.concept);
            let undoes = undoing.iter().any(|&(start, end)| {
                within(folded, end, f.start, UNDO_REACH) || within(folded, f.end, start, 0)
            });
            if (flags.approved || flags.paid) && undoes {
                f.concept = undone;
            }
        }
    }

    /// A word of refusal or fault right after a word of voiding, refunding or reversing
    /// ("撤销异常", "Payment reversal error", "Refund declined by processor") says that the
    /// undoing failed, as "撤销失败" does: it is found as the concept "failed". (What failed is
    /// the void, not the payment or the device.) A cancelling refused right after its word
    /// ("Cancellation declined", "取消被拒") is the concept "cancel_failed": the sale it was to
    /// stop may stand.
    fn undo_failures(&self, folded: &str, out: &mut [Found]) {
        let Some(failed) = self.undo_failed.or(self.failed) else {
            return;
        };
        let undoing: Vec<usize> = out
            .iter()
            .filter(|f| self.undoing.contains(&f.concept))
            .map(|f| f.end)
            .collect();
        let cancelling: Vec<usize> = out
            .iter()
            .filter(|f| Some(f.concept) == self.cancel)
            .map(|f| f.end)
            .collect();
        // (A cancelling only right before the word: in "PAY_CANCELED 支付失败" what failed is
        // the payment.)
        let right_after = |ends: &[usize], start: usize, reach: usize| {
            ends.iter().any(|&end| within(folded, end, start, reach))
        };
        for f in out.iter_mut() {
            let fails = self.faults.contains(&f.concept)
                || Some(f.concept) == self.declined
                || Some(f.concept) == self.failed;
            if !fails {
                continue;
            }
            if right_after(&undoing, f.start, UNDO_REACH) {
                f.concept = failed;
            } else if let Some(cancel_failed) = self.cancel_failed
                && right_after(&cancelling, f.start, 0)
            {
                f.concept = cancel_failed;
            }
        }
    }

    /// A word of voiding, refunding or reversing with 中 right after it ("预授权撤销中", "退款中")
    /// is under way: the concept "pending" is found on the word and its 中 (the money may be
    /// moving back, or not: look it up before doing it again). So is a payment ("收款中",
    /// "支付中，请稍候"): the customer's money may be on its way.
    fn undo_under_way(&self, folded: &str, out: &mut Vec<Found>) {
        let Some(pending) = self.pending else { return };
        let under_way: Vec<Found> = out
            .iter()
            .filter(|f| {
                (self.undoing.contains(&f.concept) || Some(f.concept) == self.pay)
                    && folded[f.end..].starts_with('中')
            })
            .map(|f| Found {
                concept: pending,
                start: f.start,
                end: f.end + '中'.len_utf8(),
            })
            .collect();
        out.extend(under_way);
    }

    /// A transaction, payment, pre-authorisation or order completed ("预授权已完成，不能撤销",
    /// "因为交易已经完成", "transaction has been completed") has been paid: the concept "paid" is
    /// found on the word of completion, so that the answer never invites charging again. Not
    /// when it is not completed ("交易未完成"), nor after it ("交易完成后请取卡": a step to come),
    /// nor when it only ended ("交易结束") or what was completed is a refund ("已完成退款"), nor
    /// when the phrase waits for it or asks whether it was ("请等待支付完成", "请确认顾客完成支付").
    fn completed_payments(&self, folded: &str, out: &mut [Found]) {
        let (Some(complete), Some(paid)) = (self.complete, self.paid) else {
            return;
        };
        let not_done: Vec<(usize, usize)> = out
            .iter()
            .filter(|f| Some(f.concept) == self.incomplete)
            .map(|f| (f.start, f.end))
            .collect();
        let payments: Vec<usize> = out
            .iter()
            .filter(|f| self.payments.contains(&f.concept))
            .map(|f| f.end)
            .collect();
        // (What is completed next, a refund or a void: "该订单已完成退款" is money given back.)
        let undoings: Vec<usize> = out
            .iter()
            .filter(|f| self.undoing.contains(&f.concept))
            .map(|f| f.start)
            .collect();
        for f in out.iter_mut().filter(|f| f.concept == complete) {
            // ("交易结束" only ended, which a failed one does too.)
            if matches!(&folded[f.start..f.end], "结束" | "結束") {
                continue;
            }
            if undoings
                .iter()
                .any(|&start| within(folded, f.end, start, 1))
            {
                continue;
            }
            let negated = not_done.iter().any(|&(s, e)| s <= f.start && f.end <= e)
                || folded[..f.start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| NEGATIONS.contains(&c));
            let after = folded[f.end..].trim_start();
            let later = ['后', '後', '时', '時']
                .iter()
                .any(|c| after.starts_with(*c));
            // (Nor when the phrase asks for it, waits for it or asks whether it was:
            // "请【等待】支付完成", "請確認游客完成支付".)
            let clause = clause_before(folded, f.start);
            let asked = [
                "等待", "等候", "确认", "確認", "请", "請", "wait", "confirm", "please",
            ]
            .iter()
            .any(|w| clause.contains(w));
            let of_payment = payments.iter().any(|&end| {
                end <= f.start && {
                    let gap = folded[end..f.start].trim();
                    let words: Vec<&str> = gap.split_whitespace().collect();
                    gap.chars().all(|c| matches!(c, '已' | '经' | '經' | '被'))
                        || (words.len() <= 2
                            && words.iter().all(|w| {
                                matches!(*w, "has" | "have" | "been" | "is" | "was" | "already")
                            }))
                }
            });
            if of_payment && !negated && !later && !asked {
                f.concept = paid;
            }
        }
    }

    /// A payment the text asks to be confirmed, or asks whether it happened, earlier in its
    /// clause ("请确认顾客是否已扫码支付", "請確認游客完成支付", "confirm payment"), is a payment
    /// to be looked up: found as the concept "query_result" too, so the answer is "check
    /// first" (the customer may have paid), never a retry.
    fn asked_payments(&self, folded: &str, out: &mut Vec<Found>) {
        let (Some(check), Some(pay)) = (self.check, self.pay) else {
            return;
        };
        // (Not the 付款 of a 付款码: a code to check is no payment asked about.)
        let codes: Vec<(usize, usize)> = out
            .iter()
            .filter(|f| self.codes.contains(&f.concept))
            .map(|f| (f.start, f.end))
            .collect();
        let mut asked = Vec::new();
        for f in out
            .iter()
            .filter(|f| f.concept == pay && !codes.iter().any(|&(s, e)| s <= f.start && f.end <= e))
        {
            // (A question ends the clause of a payment asked about.)
            let clause = clause_before(folded, f.start)
                .rsplit(['?', '？'])
                .next()
                .unwrap_or("");
            // (Not when it could not be confirmed, "未能確認付款狀態": the words say so already.)
            let asks = [
                "是否",
                "有没有",
                "有沒有",
                "确认",
                "確認",
                "confirm",
                "whether",
            ]
            .iter()
            .filter_map(|w| clause.find(w))
            .filter(|&at| {
                !clause[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| NEGATIONS.contains(&c) || matches!(c, '能' | '法'))
            })
            .min();
            // (Found from the asking word on: the words shown are "是否已扫码支付", not "支付".)
            if let Some(at) = asks {
                asked.push(Found {
                    concept: check,
                    start: f.start - clause.len() + at,
                    end: f.end,
                });
            }
        }
        out.extend(asked);
    }

    /// A reversal a rule forbids, "cannot" or "not allowed" at most [`UNDO_REACH`] Chinese
    /// characters before it ("已过24小时不能冲正", "不可跨月冲正", "该号码不支持冲正"), is an undoing
    /// the terminal or counter refuses, like "不能撤销": found as the concept "void", not as a
    /// reversal under way (after which the money may have moved). The sale it was to undo
    /// stands, as it was.
    fn reversal_forbidden(&self, folded: &str, out: &mut [Found]) {
        let (Some(reversal), Some(void)) = (self.reversal, self.void) else {
            return;
        };
        const FORBIDDING: [&str; 11] = [
            "不能",
            "无法",
            "不可",
            "不允许",
            "不准",
            "禁止",
            "不支持",
            "不支援",
            "没法",
            "不得",
            "不予",
        ];
        for f in out.iter_mut().filter(|f| f.concept == reversal) {
            // (Back over at most UNDO_REACH Chinese characters from the word.)
            let mut at = f.start;
            for _ in 0..=UNDO_REACH {
                if FORBIDDING.iter().any(|w| folded[..at].ends_with(w)) {
                    f.concept = void;
                    break;
                }
                match folded[..at].chars().next_back() {
                    Some(c) if is_han(c) => at -= c.len_utf8(),
                    _ => break,
                }
            }
        }
    }

    /// A word of voiding, refunding or reversing right after a negation ("was not voided",
    /// "未能撤销", "没有冲正") says that undoing failed: the concept "failed" is found on the
    /// negation, beside the word. (Not after 勿 or 别, which forbid it: "请勿撤销".)
    fn undo_negated(&self, folded: &str, out: &mut Vec<Found>) {
        let Some(failed) = self.undo_failed.or(self.failed) else {
            return;
        };
        let mut negations = Vec::new();
        for f in out.iter().filter(|f| self.undoing.contains(&f.concept)) {
            let before = &folded[..f.start];
            let english = before.trim_end();
            let english = english
                .strip_suffix("been")
                .or_else(|| english.strip_suffix(" be"))
                .map_or(english, str::trim_end);
            let word_end = |w: &str| {
                english
                    .strip_suffix(w)
                    .is_some_and(|rest| !rest.ends_with(|c: char| c.is_ascii_alphanumeric()))
            };
            let start = if english.ends_with("n't") {
                Some(english.len() - "n't".len())
            } else if english.len() < before.len() {
                ["not", "never"]
                    .iter()
                    .find(|w| word_end(w))
                    .map(|w| english.len() - w.len())
            } else {
                // (Chinese: 未 or 没 right before it, or with 能 or 有 between; not 无法 or
                // 不能, "订单无法撤销", which say it cannot be done, not that it was tried.)
                let mut chars = before.char_indices().rev();
                match chars.next() {
                    Some((i, '未' | '没' | '沒')) => Some(i),
                    Some((_, '能' | '有')) => chars
                        .next()
                        .filter(|&(_, c)| matches!(c, '未' | '没' | '沒'))
                        .map(|(i, _)| i),
                    _ => None,
                }
            };
            if let Some(start) = start {
                negations.push(Found {
                    concept: failed,
                    start,
                    end: f.start,
                });
            }
        }
        out.extend(negations);
    }

    /// A word of success or payment after a negation in the same phrase, at most four
    /// characters before it ("未支付成功", "没有付款成功", "交易没有成功", "未能付款"), says that
    /// it failed: it is found as the concept "failed", from the negation on, never as an
    /// approval. (Punctuation or a space ends the phrase: "不要重复付款，已支付成功" is paid.)
    fn negate_successes(&self, folded: &str, out: &mut [Found]) {
        let Some(failed) = self.failed else { return };
        for f in out.iter_mut() {
            let flags = self.flags(f.concept);
            if !(flags.approved || flags.paid) {
                continue;
            }
            let negation = folded[..f.start]
                .char_indices()
                .rev()
                .take(NEGATION_REACH)
                .take_while(|(_, c)| is_han(*c))
                // (把 or 将 after the negation makes the word the object of a later verb: in
                // "不能把批准应答送交终端" what failed is the delivery, not the approval.)
                .take_while(|(_, c)| !matches!(c, '把' | '将' | '將'))
                // (Not 否: "是否支付成功" asks whether it was paid; not 勿: it forbids an
                // action, never qualifies a success.)
                .find(|(_, c)| NEGATIONS.contains(c) && !matches!(c, '否' | '勿'));
            if let Some((start, _)) = negation {
                f.concept = failed;
                f.start = start;
            }
        }
    }

    /// A word of two concepts (卡槽: the chip-card slot and the SIM slot; 拒付: a refusal and a
    /// chargeback) is read as the one the text also names with another word ("请将芯片卡插入卡槽":
    /// 插入 names the insert): the other reading is dropped. Named by neither or by both, both
    /// readings stay.
    fn settle_two_readings(found: &mut Vec<Found>) {
        let all = found.clone();
        let elsewhere = |concept: u16, word: &Found| {
            all.iter()
                .any(|g| g.concept == concept && (g.end <= word.start || g.start >= word.end))
        };
        found.retain(|f| {
            let mut others = all
                .iter()
                .filter(|g| (g.start, g.end) == (f.start, f.end) && g.concept != f.concept)
                .peekable();
            others.peek().is_none()
                || elsewhere(f.concept, f)
                || !others.any(|g| elsewhere(g.concept, f))
        });
    }

    /// Two words that cross ("无法识别的卡": 识别 *read* and 别的卡 *another card* share 别) cannot
    /// both be what the text says: the one that begins first is read, as a reader reads left to
    /// right, and the one that begins inside it is not. (A word inside another, 卡 in 别的卡, is
    /// no crossing.) A word that says how the payment went is never dropped, nor one that
    /// crosses it: in "确认 中止" (spaces between Chinese characters are taken out) the abort must
    /// be read as well as "confirming".
    fn drop_crossing(&self, found: &mut Vec<Found>) {
        let says_outcome = |f: &Found| self.flags(f.concept).about_payment();
        let crosses = |a: &Found, b: &Found| {
            a.start < b.start
                && b.start < a.end
                && a.end < b.end
                && !says_outcome(a)
                && !says_outcome(b)
        };
        let all = found.clone();
        found.retain(|b| !all.iter().any(|a| crosses(a, b)));
    }

    fn find_chinese(&self, folded: &str, out: &mut Vec<Found>) {
        if self.zh.is_empty() {
            return;
        }
        // The comparable characters with their byte places in `folded`: letters and digits,
        // ASCII ones too, for the words that mix them ("ic卡", "mac错", "sam卡").
        let chars: Vec<(usize, char)> = folded
            .char_indices()
            .filter(|&(_, c)| is_han(c) || c.is_alphanumeric())
            .collect();
        // An ASCII letter may begin or end a word only at the edge of its ASCII word: "mac错"
        // is not in "format错".
        let ascii_edge = |k: usize, before: bool| {
            let (at, c) = chars[k];
            if !c.is_ascii() {
                return true;
            }
            let neighbour = if before {
                folded[..at].chars().next_back()
            } else {
                folded[at + c.len_utf8()..].chars().next()
            };
            !neighbour.is_some_and(|n| n.is_ascii_alphanumeric())
        };
        let mut key: Vec<char> = Vec::with_capacity(self.zh_longest);
        for i in 0..chars.len() {
            if self.zh_first & char_bit(chars[i].1) == 0 || !ascii_edge(i, true) {
                continue;
            }
            key.clear();
            for j in i..chars.len().min(i + self.zh_longest) {
                // A word does not run across a gap (punctuation, an ASCII word).
                if j > i && !adjacent(folded, chars[j - 1], chars[j]) {
                    break;
                }
                key.push(chars[j].1);
                if let Some(ids) = self.zh.get(&key)
                    && ascii_edge(j, false)
                {
                    let end = chars[j].0 + chars[j].1.len_utf8();
                    for &concept in ids {
                        out.push(Found {
                            concept,
                            start: chars[i].0,
                            end,
                        });
                    }
                }
            }
        }
    }

    fn find_english(&self, folded: &str, out: &mut Vec<Found>) {
        if self.en.is_empty() {
            return;
        }
        let words = word_spans(folded);
        let mut key = String::new();
        for i in 0..words.len() {
            key.clear();
            for j in i..words.len().min(i + self.en_longest) {
                if j > i {
                    key.push(' ');
                }
                key.push_str(&stem(&folded[words[j].0..words[j].1]));
                if let Some(ids) = self.en.get(key.as_str()) {
                    let exact = self.en_exact.get(key.as_str());
                    for &concept in ids {
                        let forms = exact.and_then(|e| e.iter().find(|(c, _)| *c == concept));
                        if let Some((_, forms)) = forms {
                            let typed = words_folded(&folded[words[i].0..words[j].1]).join(" ");
                            if !forms.contains(&typed) {
                                continue;
                            }
                        }
                        out.push(Found {
                            concept,
                            start: words[i].0,
                            end: words[j].1,
                        });
                    }
                }
            }
        }
    }
}

/// Whether two comparable characters of a text follow each other with nothing but spaces or
/// nothing at all between them.
fn adjacent(folded: &str, a: (usize, char), b: (usize, char)) -> bool {
    folded[a.0 + a.1.len_utf8()..b.0]
        .chars()
        .all(char::is_whitespace)
}

/// The byte spans of the ASCII words of a folded text.
pub(crate) fn word_spans(folded: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, b) in folded.bytes().enumerate() {
        match (b.is_ascii_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, folded.len()));
    }
    out
}

fn push_unique(list: &mut Vec<u16>, id: u16) {
    if !list.contains(&id) {
        list.push(id);
    }
}

fn char_bit(c: char) -> u64 {
    1 << (c as u32 % 64)
}

/// A light English stem, so that "declined", "declines" and "decline" meet: plural and verb
/// endings and a final "e" are cut from words of five letters or more. Words with digits are
/// left as they are.
pub fn stem(word: &str) -> String {
    let w = word.to_ascii_lowercase();
    if w.len() < 4 || w.bytes().any(|b| b.is_ascii_digit()) {
        return w;
    }
    let mut s: &str = &w;
    let owned;
    if let Some(base) = s.strip_suffix("ies")
        && base.len() >= 3
    {
        owned = format!("{base}y");
        s = &owned;
    } else if s.ends_with("sses") {
        s = &s[..s.len() - 2];
    } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s = &s[..s.len() - 1];
    }
    if let Some(base) = s.strip_suffix("ing")
        && base.len() >= 3
    {
        s = base;
    } else if let Some(base) = s.strip_suffix("ed")
        && base.len() >= 3
    {
        s = base;
    }
    if s.len() >= 5
        && let Some(base) = s.strip_suffix('e')
    {
        s = base;
    }
    s.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stem two concepts share counts for the one that has it only inflected where the text
    /// has that form: "debit or credit" names kinds of card, "amount debited" money taken.
    #[test]
    fn an_inflected_form_counts_only_as_typed() {
        let t = Thesaurus::builtin();
        let concepts = |text: &str| {
            let mut found = Vec::new();
            t.find(&fold(text), &mut found);
            found
                .iter()
                .map(|f| t.concepts[usize::from(f.concept)].id.clone())
                .collect::<Vec<_>>()
        };
        let kinds = concepts("cannot be identified as either debit or credit");
        assert!(
            !kinds.iter().any(|c| c == "deducted" || c == "credited"),
            "{kinds:?}"
        );
        assert!(kinds.iter().any(|c| c == "debit_card"), "{kinds:?}");
        assert!(concepts("Amount debited").iter().any(|c| c == "deducted"));
        assert!(concepts("not yet credited").iter().any(|c| c == "credited"));
    }

    const SMALL: &str = r#"
[[concept]]
id = "expired"
flags = ["decline"]
words = ["过期", "已过期", "失效", "逾期", "expired", "expiry date"]

[[concept]]
id = "paycode"
words = ["付款码", "条码", "二维码", "auth code", "barcode"]

[[concept]]
id = "timeout"
flags = ["moved"]
words = ["超时", "逾時", "time out", "timeout"]
"#;

    fn ids(t: &Thesaurus, text: &str) -> Vec<String> {
        let mut found = Vec::new();
        t.find(&fold(text), &mut found);
        let mut ids: Vec<String> = found
            .iter()
            .map(|f| t.concepts()[f.concept as usize].id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    #[test]
    fn words_in_any_form_find_their_concepts() {
        let t = Thesaurus::parse(SMALL).unwrap();
        assert_eq!(ids(&t, "用户的条码已经过期"), ["expired", "paycode"]);
        assert_eq!(ids(&t, "二維碼已過期"), ["expired", "paycode"]);
        assert_eq!(ids(&t, "連線逾時"), ["timeout"]);
        assert_eq!(ids(&t, "Auth Codes EXPIRED"), ["expired", "paycode"]);
        assert_eq!(ids(&t, "TIME-OUT"), ["timeout"]);
        // Not across punctuation, and not inside another English word.
        assert_eq!(ids(&t, "条，码"), Vec::<String>::new());
        assert_eq!(ids(&t, "timeouts"), ["timeout"]);
        assert_eq!(ids(&t, "barcodes"), ["paycode"]);
        assert_eq!(ids(&t, "outexpired"), Vec::<String>::new());
        // Words that mix letters and characters, at the edges of ASCII words only.
        let mixed = Thesaurus::parse("[[concept]]\nid = 'chip'\nwords = ['ic卡']").unwrap();
        assert_eq!(ids(&mixed, "请插入IC卡"), ["chip"]);
        assert_eq!(ids(&mixed, "请插入 ic 卡"), ["chip"]);
        assert_eq!(ids(&mixed, "magic卡"), Vec::<String>::new());
    }

    /// A void, refund or reversal that a word of fault or refusal follows, or a negation
    /// precedes, failed: the concept "failed" is found with it; a void forbidden (请勿撤销) or
    /// impossible (无法撤销) did not.
    #[test]
    fn an_undoing_that_failed_is_found_failed() {
        let t = Thesaurus::parse(
            "[[concept]]\nid = 'failed'\nflags = ['decline']\nwords = ['失败', 'failed']\n\
             [[concept]]\nid = 'error'\nflags = ['decline']\nwords = ['错误', 'error']\n\
             [[concept]]\nid = 'abnormal'\nflags = ['decline']\nwords = ['异常']\n\
             [[concept]]\nid = 'declined'\nflags = ['decline']\nwords = ['declined']\n\
             [[concept]]\nid = 'void'\nwords = ['撤销', 'voided']\n\
             [[concept]]\nid = 'refund'\nwords = ['退款', 'refund', 'refunded']\n\
             [[concept]]\nid = 'reversal'\nflags = ['moved']\nwords = ['冲正', 'reversal']",
        )
        .unwrap();
        for (text, want) in [
            ("撤销异常", &["failed", "void"][..]),
            ("Payment reversal error", &["failed", "reversal"]),
            ("Refund declined by processor", &["failed", "refund"]),
            ("Credit card payment was not voided", &["failed", "void"]),
            ("The sale wasn't refunded", &["failed", "refund"]),
            ("has not been refunded", &["failed", "refund"]),
            ("未能撤销", &["failed", "void"]),
            ("没有冲正", &["failed", "reversal"]),
            // Forbidden, impossible, or a fault of something else: not a failed void.
            ("请勿撤销", &["void"]),
            ("订单无法撤销", &["void"]),
            ("撤销 打印机的纸张异常", &["abnormal", "void"]),
            ("knot voided", &["void"]),
        ] {
            assert_eq!(ids(&t, text), want, "{text}");
        }
    }

    /// With the concept "undo_failed" in the thesaurus, a failed undoing is found as it (its
    /// flags say the money has moved), and "失败" right after the undoing word too; a failure
    /// of something else stays "failed".
    #[test]
    fn an_undoing_that_failed_is_money_that_moved() {
        let t = Thesaurus::parse(
            "[[concept]]\nid = 'undo_failed'\nflags = ['decline', 'moved']\nwords = ['undo failed']\n\
             [[concept]]\nid = 'failed'\nflags = ['decline']\nwords = ['失败', 'failed']\n\
             [[concept]]\nid = 'void'\nwords = ['撤销']\n\
             [[concept]]\nid = 'refund'\nwords = ['退货', 'refunded']\n\
             [[concept]]\nid = 'transaction'\nwords = ['交易']",
        )
        .unwrap();
        assert_eq!(ids(&t, "撤销失败"), ["undo_failed", "void"]);
        assert_eq!(
            ids(&t, "退货交易失败"),
            ["refund", "transaction", "undo_failed"]
        );
        assert_eq!(
            ids(&t, "The sale wasn't refunded"),
            ["refund", "undo_failed"]
        );
        assert_eq!(ids(&t, "交易失败"), ["failed", "transaction"]);
        let moved = |text: &str| {
            let mut found = Vec::new();
            t.find(&fold(text), &mut found);
            t.flags_of(&found).moved
        };
        assert!(moved("撤销失败") && !moved("交易失败"));
    }

    /// A void, refund or payment with 中 right after it is under way: "pending", whose outcome
    /// is not known yet (the money may be moving, or not).
    #[test]
    fn an_undoing_under_way_is_pending() {
        let t = Thesaurus::parse(
            "[[concept]]\nid = 'pending'\nflags = ['moved']\nwords = ['处理中']\n\
             [[concept]]\nid = 'void'\nwords = ['撤销']\n\
             [[concept]]\nid = 'refund'\nwords = ['退款']\n\
             [[concept]]\nid = 'pay'\nwords = ['收款', '支付']",
        )
        .unwrap();
        assert_eq!(ids(&t, "退款中，请稍候"), ["pending", "refund"]);
        // A payment under way, too: the customer's money may be on its way.
        assert_eq!(ids(&t, "收款中，请勿关闭"), ["pay", "pending"]);
        assert_eq!(ids(&t, "支付成功"), ["pay"]);
        assert_eq!(ids(&t, "消费撤销中"), ["pending", "void"]);
        assert_eq!(ids(&t, "撤销"), ["void"]);
        assert_eq!(ids(&t, "退款 中国银行"), ["refund"]);
    }

    /// A reversal a rule forbids is an undoing refused ("不能撤销"), not one under way.
    #[test]
    fn a_reversal_forbidden_is_no_reversal_under_way() {
        let t = Thesaurus::parse(
            "[[concept]]\nid = 'reversal'\nflags = ['moved']\nwords = ['冲正']\n\
             [[concept]]\nid = 'void'\nwords = ['撤销']",
        )
        .unwrap();
        assert_eq!(ids(&t, "已过24小时不能冲正"), ["void"]);
        assert_eq!(ids(&t, "不可跨月冲正"), ["void"]);
        assert_eq!(ids(&t, "该号码不支持冲正"), ["void"]);
        assert_eq!(ids(&t, "正在冲正"), ["reversal"]);
        assert_eq!(ids(&t, "不能联网，已冲正"), ["reversal"]);
    }

    /// A transaction or payment completed has been paid; not one not completed, one to come,
    /// one that only ended, a refund completed, or a completion waited for or asked about.
    #[test]
    fn a_payment_completed_is_paid() {
        let t = Thesaurus::parse(
            "[[concept]]\nid = 'paid'\nflags = ['paid']\nwords = ['已支付']\n\
             [[concept]]\nid = 'complete'\nwords = ['完成', '结束', 'completed']\n\
             [[concept]]\nid = 'incomplete'\nwords = ['未完成']\n\
             [[concept]]\nid = 'transaction'\nwords = ['交易', 'transaction']\n\
             [[concept]]\nid = 'preauth'\nwords = ['预授权']\n\
             [[concept]]\nid = 'refund'\nwords = ['退款']",
        )
        .unwrap();
        assert_eq!(ids(&t, "预授权已完成，不能撤销"), ["paid", "preauth"]);
        assert_eq!(ids(&t, "因为交易已经完成"), ["paid", "transaction"]);
        assert_eq!(
            ids(&t, "the transaction has been completed"),
            ["paid", "transaction"]
        );
        assert_eq!(
            ids(&t, "交易未完成"),
            ["complete", "incomplete", "transaction"]
        );
        assert_eq!(ids(&t, "交易完成后请取卡"), ["complete", "transaction"]);
        assert_eq!(ids(&t, "通讯失败，交易结束"), ["complete", "transaction"]);
        assert_eq!(
            ids(&t, "该交易已完成退款"),
            ["complete", "refund", "transaction"]
        );
        assert_eq!(ids(&t, "请等待交易完成"), ["complete", "transaction"]);
    }

    /// A cancelling refused right after its word is "cancel_failed"; a payment that failed
    /// after a cancelling's word is not.
    #[test]
    fn a_cancelling_refused_is_a_cancel_failed() {
        let t = Thesaurus::parse(
            "[[concept]]\nid = 'cancel'\nwords = ['cancellation', 'canceled', '取消']\n\
             [[concept]]\nid = 'cancel_failed'\nflags = ['moved']\nwords = ['取消失败']\n\
             [[concept]]\nid = 'declined'\nflags = ['decline']\nwords = ['declined', '被拒']\n\
             [[concept]]\nid = 'failed'\nflags = ['decline']\nwords = ['失败']\n\
             [[concept]]\nid = 'pay'\nwords = ['支付']",
        )
        .unwrap();
        assert_eq!(
            ids(&t, "Cancellation declined"),
            ["cancel", "cancel_failed"]
        );
        assert_eq!(ids(&t, "取消被拒"), ["cancel", "cancel_failed"]);
        assert_eq!(
            ids(&t, "PAY_CANCELED 支付失败"),
            ["cancel", "failed", "pay"]
        );
    }

    #[test]
    fn a_payment_asked_about_is_one_to_look_up() {
        let t = Thesaurus::builtin();
        // Found from the asking word on (the words shown as the reason).
        let folded = fold("请确认顾客是否已扫码支付");
        let mut found = Vec::new();
        t.find(&folded, &mut found);
        let asked = found
            .iter()
            .find(|f| t.concepts()[f.concept as usize].id == "query_result")
            .unwrap();
        assert_eq!(&folded[asked.start..asked.end], "确认顾客是否已扫码支付");
        for text in [
            "请确认顾客是否已扫码支付",
            "請確認游客完成支付",
            "confirm payment on the phone",
        ] {
            let found = ids(&t, text);
            assert!(
                found.contains(&"query_result".to_owned()),
                "{text}: {found:?}"
            );
        }
        for text in [
            "请确认金额",
            "支付失败，请确认后重试",
            "确认。支付",
            "未能確認付款狀態",
            "請確認顧客付款碼後重新掃描",
        ] {
            let found = ids(&t, text);
            assert!(
                !found.contains(&"query_result".to_owned()),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn short_of_a_length_is_malformed_not_money_short() {
        let t = Thesaurus::builtin();
        for text in ["码长度不足，请重新扫描", "卡号位数不够"] {
            let found = ids(&t, text);
            assert!(found.contains(&"invalid".to_owned()), "{text}: {found:?}");
            assert!(
                !found.contains(&"insufficient".to_owned()),
                "{text}: {found:?}"
            );
        }
        assert!(ids(&t, "余额不足").contains(&"insufficient".to_owned()));
    }

    #[test]
    fn short_of_a_number_is_a_comparison() {
        let t = Thesaurus::parse("[[concept]]\nid = 'insufficient'\nwords = ['不足']").unwrap();
        assert_eq!(ids(&t, "余额不足"), ["insufficient"]);
        assert_eq!(
            ids(&t, "交易金额不足300.00元，无需签名"),
            Vec::<String>::new()
        );
        assert_eq!(ids(&t, "金额不足 300元"), Vec::<String>::new());
    }

    #[test]
    fn a_negation_governs_a_success_unless_ba_makes_it_an_object() {
        let t = Thesaurus::parse(
            "[[concept]]\nid = 'failed'\nflags = ['decline']\nwords = ['失败']\n\
             [[concept]]\nid = 'approved'\nflags = ['approved']\nwords = ['批准']",
        )
        .unwrap();
        assert_eq!(ids(&t, "未批准"), ["failed"]);
        assert_eq!(ids(&t, "不能把批准应答送交终端"), ["approved"]);
        assert_eq!(ids(&t, "未将批准结果送达"), ["approved"]);
    }

    #[test]
    fn a_success_right_after_a_void_refund_or_reversal_is_the_sale_undone() {
        let t = Thesaurus::parse(
            "[[concept]]\nid = 'approved'\nflags = ['approved']\nwords = ['成功', '交易成功', 'successful']\n\
             [[concept]]\nid = 'void'\nwords = ['撤销']\n\
             [[concept]]\nid = 'refund'\nwords = ['退款', 'refund']\n\
             [[concept]]\nid = 'reversal'\nwords = ['冲正']\n\
             [[concept]]\nid = 'undone'\nwords = ['void done']",
        )
        .unwrap();
        assert_eq!(ids(&t, "撤销交易成功"), ["undone", "void"]);
        // A reversal that went through undid the sale too.
        assert_eq!(ids(&t, "冲正已成功"), ["reversal", "undone"]);
        assert_eq!(ids(&t, "refund successful"), ["refund", "undone"]);
        // A comma ends the phrase.
        assert_eq!(ids(&t, "退款，交易成功"), ["approved", "refund"]);
        assert_eq!(ids(&t, "已成功撤销"), ["undone", "void"]);
        assert_eq!(ids(&t, "交易成功，撤销"), ["approved", "void"]);
    }

    #[test]
    fn unknown_before_a_fault_is_a_fault_of_unknown_kind() {
        let t = Thesaurus::parse(
            "[[concept]]\nid = 'unknown'\nflags = ['moved']\nwords = ['未知', 'unknown']\n\
             [[concept]]\nid = 'abnormal'\nflags = ['decline']\nwords = ['异常']\n\
             [[concept]]\nid = 'error'\nflags = ['decline']\nwords = ['错误', 'error']\n\
             [[concept]]\nid = 'print'\nwords = ['打印']\n\
             [[concept]]\nid = 'result'\nwords = ['结果']",
        )
        .unwrap();
        assert_eq!(ids(&t, "未知打印机异常"), ["abnormal", "print"]);
        assert_eq!(ids(&t, "未知错误"), ["error"]);
        assert_eq!(ids(&t, "unknown error"), ["error"]);
        // A result unknown stays unknown, and so does a fault named after a pause.
        assert_eq!(ids(&t, "交易结果未知"), ["result", "unknown"]);
        assert_eq!(ids(&t, "结果未知，错误"), ["error", "result", "unknown"]);
    }

    #[test]
    fn a_code_shown_to_pay_that_timed_out_has_expired() {
        let t = Thesaurus::parse(
            "[[concept]]\nid = 'timeout'\nflags = ['moved']\nwords = ['超时', '逾時']\n\
             [[concept]]\nid = 'expired'\nflags = ['decline']\nwords = ['过期']\n\
             [[concept]]\nid = 'paycode'\nflags = ['qr']\nwords = ['付款码', '付款碼', '二维码']\n\
             [[concept]]\nid = 'pay'\nwords = ['支付']",
        )
        .unwrap();
        assert_eq!(ids(&t, "付款码超时"), ["expired", "paycode"]);
        assert_eq!(ids(&t, "此付款碼已逾時"), ["expired", "paycode"]);
        // A payment that timed out may have gone through: it stays a timeout.
        assert_eq!(ids(&t, "二维码支付超时"), ["pay", "paycode", "timeout"]);
        assert_eq!(ids(&t, "超时，请出示付款码"), ["paycode", "timeout"]);
    }

    #[test]
    fn of_two_crossing_words_the_first_is_read() {
        let t = Thesaurus::parse(
            "[[concept]]\nid = 'read'\nwords = ['识别']\n\
             [[concept]]\nid = 'another_card'\nwords = ['别的卡']\n\
             [[concept]]\nid = 'card'\nwords = ['卡']",
        )
        .unwrap();
        assert_eq!(ids(&t, "无法识别的卡"), ["card", "read"]);
        assert_eq!(ids(&t, "请换别的卡"), ["another_card", "card"]);
        // Words of the payment's outcome are all read, crossing or not.
        let t = Thesaurus::parse(
            "[[concept]]\nid = 'pending'\nflags = ['moved']\nwords = ['确认中']\n\
             [[concept]]\nid = 'abort'\nflags = ['decline']\nwords = ['中止']",
        )
        .unwrap();
        assert_eq!(ids(&t, "确认中止"), ["abort", "pending"]);
    }

    #[test]
    fn a_word_of_two_concepts_is_the_one_the_text_names_again() {
        let t = Thesaurus::builtin();
        let found = ids(&t, "请将芯片卡插入卡槽");
        assert!(found.contains(&"insert".to_owned()), "{found:?}");
        assert!(!found.contains(&"sim".to_owned()), "{found:?}");
        let found = ids(&t, "SIM卡槽松动");
        assert!(found.contains(&"sim".to_owned()), "{found:?}");
        assert!(!found.contains(&"insert".to_owned()), "{found:?}");
        // Named again by neither: both readings stay.
        let found = ids(&t, "卡槽有异物");
        assert!(found.contains(&"sim".to_owned()) && found.contains(&"insert".to_owned()));
    }

    #[test]
    fn flags_are_read() {
        let t = Thesaurus::parse(SMALL).unwrap();
        let mut found = Vec::new();
        t.find(&fold("交易超时，二维码过期"), &mut found);
        let flags = t.flags_of(&found);
        assert!(flags.moved && flags.decline && !flags.paid);
        assert!(Thesaurus::parse("[[concept]]\nid='x'\nflags=['nope']\nwords=['a']").is_err());
    }

    #[test]
    fn stems_meet() {
        for (a, b) in [
            ("declined", "decline"),
            ("declines", "decline"),
            ("cards", "card"),
            ("expired", "expire"),
            ("retrying", "retry"),
            ("entries", "entry"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} {b}");
        }
        assert_eq!(stem("pin"), "pin");
        assert_eq!(stem("pass"), "pass");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("a0"), "a0");
    }
}
