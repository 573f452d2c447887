//! Lookup quality on two fixed sets of queries: what a cashier would type
//! (tests/data/lookup_eval.toml) and prompts copied from public sources, each with where it was
//! found (tests/data/lookup_eval_real.toml). Over both: top-1 at least 97 %, top-3 99 %, and no
//! answer that invites a retry after a prompt whose money may have moved. The safety rules are
//! held over the whole thesaurus: every word that says the money may have moved gets "check
//! first", and no word that says declined stands beside an approval.

use serde::Deserialize;

use poscare_core::knowledge::{Index, MatchKind, Retry, index_with};

#[derive(Deserialize)]
struct Case {
    query: String,
    /// The entry that answers it, or "none": the base must not answer confidently.
    expect: String,
    kind: String,
    #[serde(default)]
    also: Vec<String>,
    /// Where the query was copied from (the real-world set).
    #[serde(default)]
    source: Option<String>,
    /// After this prompt the money may have moved.
    #[serde(default)]
    moved: bool,
}

#[derive(Deserialize)]
struct Set {
    case: Vec<Case>,
}

fn typed() -> Vec<Case> {
    toml::from_str::<Set>(include_str!("data/lookup_eval.toml"))
        .expect("eval set parses")
        .case
}

fn real() -> Vec<Case> {
    toml::from_str::<Set>(include_str!("data/lookup_eval_real.toml"))
        .expect("real-world eval set parses")
        .case
}

/// The first result's id and the hit, for `query`.
fn first(index: &Index, query: &str) -> (String, poscare_core::knowledge::Hit) {
    let hit = index.search(query, 1).remove(0);
    (index.entries()[hit.entry].id.clone(), hit)
}

/// Whether `case` is answered within the first `n` results.
fn answered(index: &Index, case: &Case, n: usize) -> bool {
    let hits = index.search(&case.query, n.max(1));
    if case.expect == "none" {
        return hits.iter().all(|h| !h.is_confident());
    }
    hits.iter().take(n).any(|h| {
        let id = index.entries()[h.entry].id.as_str();
        id == case.expect || case.also.iter().any(|a| a == id)
    })
}

/// Top-1 and top-3 counts of `cases`, printing the misses.
fn score(index: &Index, name: &str, cases: &[Case]) -> (usize, usize) {
    let (mut top1, mut top3) = (0, 0);
    for case in cases {
        assert!(
            case.expect == "none" || index.by_id(&case.expect).is_some(),
            "unknown id {}",
            case.expect
        );
        if answered(index, case, 1) {
            top1 += 1;
        } else {
            let ids: Vec<String> = index
                .search(&case.query, 3)
                .iter()
                .map(|h| format!("{} {:.2}", index.entries()[h.entry].id, h.score))
                .collect();
            println!(
                "  miss {:<16} {:<28} want {:<22} got {:?}",
                case.kind, case.query, case.expect, ids
            );
        }
        if answered(index, case, 3) {
            top3 += 1;
        }
    }
    let n = cases.len() as f64;
    println!(
        "lookup eval {name}: {} queries, top-1 {:.1} %, top-3 {:.1} %",
        cases.len(),
        100.0 * top1 as f64 / n,
        100.0 * top3 as f64 / n
    );
    (top1, top3)
}

#[test]
fn the_query_sets_score_top1_97_and_top3_99() {
    let index = index_with(Vec::new());
    let (typed, real) = (typed(), real());
    assert!(typed.len() >= 80);
    let (t1, t3) = score(&index, "typed", &typed);
    let (r1, r3) = score(&index, "real-world", &real);
    let n = typed.len() + real.len();
    let p1 = 100.0 * (t1 + r1) as f64 / n as f64;
    let p3 = 100.0 * (t3 + r3) as f64 / n as f64;
    println!("lookup eval, whole set: {n} queries, top-1 {p1:.1} %, top-3 {p3:.1} %");
    assert!(p1 >= 97.0, "top-1 {p1:.1} % < 97 %");
    assert!(p3 >= 99.0, "top-3 {p3:.1} % < 99 %");
}

/// At least 100 real-world queries, each saying where it was copied from; among them sentences
/// with numbers, partial screens and prompts the base does not know.
#[test]
fn the_real_world_set_is_sourced_and_varied() {
    let real = real();
    assert!(real.len() >= 100, "{} real-world queries", real.len());
    for case in &real {
        let source = case.source.as_deref().unwrap_or("");
        assert!(source.trim().len() >= 10, "{}: no source", case.query);
    }
    let count = |kind: &str| real.iter().filter(|c| c.kind == kind).count();
    assert!(count("sentence_number") >= 5);
    assert!(count("partial_screen") >= 5);
    assert!(real.iter().filter(|c| c.expect == "none").count() >= 5);
    assert!(real.iter().filter(|c| c.moved).count() >= 10);
}

/// After a prompt whose money may have moved, the answer never invites a retry: the first
/// result says check first (or already paid), and no confident result says "retry".
#[test]
fn no_answer_invites_a_retry_after_money_may_have_moved() {
    let index = index_with(Vec::new());
    let mut problems = Vec::new();
    let mut check = |query: &str, why: &str| {
        let hits = index.search(query, 5);
        let Some(top) = hits.first() else {
            problems.push(format!("{why} {query:?}: nothing found"));
            return;
        };
        let top_entry = &index.entries()[top.entry];
        if !top_entry.retry.guards_against_charging_twice() {
            problems.push(format!(
                "{why} {query:?}: {} says {:?}",
                top_entry.id, top_entry.retry
            ));
        }
        for h in hits.iter().filter(|h| h.is_confident()) {
            let e = &index.entries()[h.entry];
            if e.retry.invites_retry() {
                problems.push(format!("{why} {query:?}: {} invites a retry", e.id));
            }
        }
    };
    for case in typed().iter().chain(&real()).filter(|c| c.moved) {
        check(&case.query, "query");
    }
    // Every on-screen text of every entry whose money may have moved.
    for e in index
        .entries()
        .iter()
        .filter(|e| e.retry.guards_against_charging_twice())
    {
        for screen in &e.screen {
            check(screen, &e.id);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn nonsense_gets_no_confident_answer() {
    let index = index_with(Vec::new());
    for q in [
        "今天天气很好",
        "hello world",
        "xqzv",
        "咖啡两杯",
        "!!!",
        "   ",
        "９９９９９",
    ] {
        let hits = index.search(q, 5);
        assert!(
            hits.iter().all(|h| !h.is_confident()),
            "{q}: {:?}",
            hits.first()
        );
    }
}

#[test]
fn a_code_decides_first_even_beside_other_text() {
    let index = index_with(Vec::new());
    for (q, want) in [
        ("A0 校验错", "RC-A0"),
        ("[51] 交易失败", "RC-51"),
        ("5", "RC-05"),
    ] {
        let (id, top) = first(&index, q);
        assert_eq!(id, want, "{q}");
        assert_eq!(top.matched_by, MatchKind::Code);
    }
}

/// The words beside a code decide what this terminal meant when they say something the code's
/// usual entry does not: codes differ between acquirers, banks and gateways. The code's entry
/// is still shown, and the lookup names it as overruled.
#[test]
fn the_words_beside_a_code_decide_when_they_disagree() {
    let index = index_with(Vec::new());
    for (q, want, code) in [
        ("余额不足 05", "RC-51", "RC-05"),
        ("10 过期的卡！", "RC-33|RC-54|LOC-APP-EXPIRED", "RC-10"),
        ("A4 无此发卡方", "RC-15", "RC-A2-A6"),
        // A word one entry in seven has (参数) still says something a PIN code does not.
        (
            "55 参数错误",
            "WX-PARAM_ERROR|ALI-INVALID_PARAMETER|RC-30",
            "RC-55",
        ),
    ] {
        let found = index.lookup(q, 5);
        let ids: Vec<&str> = found
            .hits
            .iter()
            .map(|h| index.entries()[h.entry].id.as_str())
            .collect();
        assert!(want.split('|').any(|w| w == ids[0]), "{q}: {ids:?}");
        let (_, usual) = found.overruled_code.clone().expect(q);
        assert_eq!(index.entries()[usual].id, code, "{q}");
    }
}

#[test]
fn unconfirmed_entries_are_marked_and_general_service_is_one() {
    let index = index_with(Vec::new());
    let top = &index.search("一般服务", 1)[0];
    let entry = &index.entries()[top.entry];
    assert_eq!(entry.id, "SEED-GENERAL-SERVICE");
    assert_eq!(
        entry.confidence,
        poscare_core::knowledge::Confidence::Unconfirmed
    );
}

#[test]
fn a_huge_query_is_handled() {
    let index = index_with(Vec::new());
    let q = "余额不足".repeat(250_000);
    assert_eq!(index.entries()[index.search(&q, 1)[0].entry].id, "RC-51");
    let _ = index.search(&"a".repeat(1 << 20), 5);
}

/// A number with a unit or inside a sentence is no code: the WeChat duplicate-payment warning
/// finds the duplicate entry, never code 01 ("bank declined: offer another card").
#[test]
fn a_number_in_a_sentence_is_no_code() {
    let index = index_with(Vec::new());
    let duplicate = "用户已在1分钟内支付过金额相同的订单，需用户确认后继续支付";
    let top = &index.search(duplicate, 3)[0];
    assert_eq!(index.entries()[top.entry].id, "WX-DUPLICATE-CONFIRM");
    for q in [
        duplicate,
        "付款码1分钟内有效",
        "请在60秒内完成支付",
        "第2次刷卡还是失败",
        "密码错误3次",
        // A device's two-part error number is no response code.
        "ERROR CODE 12 7775",
    ] {
        for hit in index.search(q, 10) {
            assert_ne!(hit.matched_by, MatchKind::Code, "{q}: {hit:?}");
        }
    }
}

/// A code whose answer is "check first" keeps that warning whatever the words beside it read
/// like, and stays in view; words that say it went through beside words that say it failed
/// leave the payment in doubt, so the first answer guards against charging twice.
#[test]
fn a_code_or_words_that_leave_the_payment_in_doubt_keep_check_first() {
    let index = index_with(Vec::new());
    for q in [
        "68 请稍后重试",
        "98 请稍后再试",
        "顾客手机显示支付成功，收银机却显示交易失败",
        "APPROVED BUT RECEIPT FAILED",
    ] {
        let hits = index.search(q, 3);
        let ids: Vec<&str> = hits
            .iter()
            .map(|h| index.entries()[h.entry].id.as_str())
            .collect();
        let top = &index.entries()[hits[0].entry];
        assert!(top.retry.guards_against_charging_twice(), "{q}: {ids:?}");
        if let Some(code) = q.split(' ').next().filter(|c| c.len() == 2) {
            assert!(ids.contains(&format!("RC-{code}").as_str()), "{q}: {ids:?}");
        }
    }
}

/// A timeout that one entry explains word for word, where no entry that guards against charging
/// twice comes close, is that entry's: the PIN pad timed out before anything was sent. A
/// timeout of the payment itself still checks first.
#[test]
fn a_pin_pad_timeout_is_no_payment_in_doubt() {
    let index = index_with(Vec::new());
    for q in [
        "输入密码超时",
        "INPUT PIN TIMEOUT",
        "按键输入超时",
        "PIN entry timeout",
    ] {
        let (id, _) = first(&index, q);
        assert_eq!(id, "LOC-PIN-TIMEOUT", "{q}");
        // No warning that the money may have moved beside an answer that says retry.
        assert!(index.lookup(q, 3).money_words.is_empty(), "{q}");
    }
    for q in ["支付超时，请重试", "交易超时", "TRANSACTION TIMEOUT"] {
        let found = index.lookup(q, 3);
        let top = &index.entries()[found.hits[0].entry];
        assert!(top.retry.guards_against_charging_twice(), "{q}: {}", top.id);
        assert!(!found.money_words.is_empty(), "{q}");
    }
}

/// "已成功" says that something succeeded, not what: beside a printer or a connection it is no
/// payment, and no "already paid" banner may stand for it. Nor for a void or refund that
/// succeeded: that sale no longer counts, and a customer who still buys must be charged again.
#[test]
fn something_else_that_succeeded_is_no_payment() {
    let index = index_with(Vec::new());
    for q in [
        "已成功連接打印機，但無法列印。",
        "已成功连接打印机，但无法打印",
        "撤销成功",
        "已成功撤销",
        "退款成功",
        "撤销交易成功",
        "退货交易成功",
        "Refund successful",
    ] {
        let found = index.lookup(q, 3);
        let top = &index.entries()[found.hits[0].entry];
        assert_ne!(top.retry, Retry::AlreadyPaid, "{q}: {}", top.id);
    }
    // A void or a refund that went through is the sale undone, not paid (the void's own entry
    // says so: charge again if the customer still buys).
    for q in ["撤销交易成功", "退货交易成功"] {
        let (id, _) = first(&index, q);
        assert_eq!(id, "LOC-VOID-DONE", "{q}");
    }
}

/// A prompt that names one way to present the card and then asks for another asks for the last:
/// "Card inserted can not be read. Ask payer to swipe card" is no "insert the chip". Ways listed
/// as choices ("请插卡或刷卡") still find their screen text.
#[test]
fn the_way_a_prompt_asks_for_last_is_the_one() {
    let index = index_with(Vec::new());
    for q in [
        "Card inserted can not be read. Ask payer to swipe card.",
        "插卡故障 请刷卡交易",
    ] {
        let (id, _) = first(&index, q);
        assert!(
            matches!(id.as_str(), "LOC-FALLBACK" | "LOC-READ-FAIL"),
            "{q}: {id}"
        );
        // Nor further down: no "insert it" beside "swipe it".
        for h in index.search(q, 5) {
            let e = &index.entries()[h.entry].id;
            assert!(
                !matches!(e.as_str(), "RC-FE" | "LOC-INSERT-CHIP"),
                "{q}: {e}"
            );
        }
    }
    for q in [
        "请插卡或刷卡",
        "Please Insert or Swipe Card",
        "请插入IC卡或刷卡",
    ] {
        assert_eq!(first(&index, q).0, "LOC-INSERT-CHIP", "{q}");
    }
}

/// Words of approval set against something else ("but", "但是") leave the outcome in doubt: no
/// "approved" answer comes first, and the first answer guards against charging twice.
#[test]
fn an_approval_with_a_but_is_in_doubt() {
    use poscare_core::knowledge::Category;
    let index = index_with(Vec::new());
    for q in [
        "The transaction was approved but not committed.",
        "交易成功，但是订单状态没有更新",
    ] {
        let hits = index.search(q, 3);
        let top = &index.entries()[hits[0].entry];
        assert!(top.retry.guards_against_charging_twice(), "{q}: {}", top.id);
        // Not even further down.
        for h in &hits {
            let e = &index.entries()[h.entry];
            assert_ne!(e.category, Category::Approved, "{q}: {}", e.id);
        }
    }
    // Without the "but", an approval is what it says.
    let (id, _) = first(&index, "The transaction was approved");
    assert_eq!(id, "RC-00");
}

/// Words of approval alone, where the nearest answer would invite a retry (a chip to try again),
/// say it went through: the first answer guards against charging twice, and no answer that
/// invites a retry is shown beside it.
#[test]
fn an_approval_never_leads_to_a_retry() {
    let index = index_with(Vec::new());
    for q in ["APPROVED UPDATE CHIP", "批准 请更新芯片"] {
        let hits = index.search(q, 3);
        let top = &index.entries()[hits[0].entry];
        assert!(top.retry.guards_against_charging_twice(), "{q}: {}", top.id);
        for h in &hits {
            let e = &index.entries()[h.entry];
            assert!(!e.retry.invites_retry(), "{q}: {}", e.id);
        }
    }
}

/// A first answer that says "check first" answers the money words only when it speaks of them
/// (or is confident): "冲正处理中" is the reversal under way, not "please wait" that happens to
/// say check first too.
#[test]
fn a_check_first_answer_speaks_of_the_money_words() {
    let index = index_with(Vec::new());
    assert_eq!(first(&index, "冲正处理中").0, "LOC-REVERSAL");
}

/// Words of refusal beside a best answer that says "already paid" (the printer failed after
/// the sale) leave the outcome in doubt: check first, never nothing.
#[test]
fn a_refused_best_answer_leaves_check_first() {
    let index = index_with(Vec::new());
    let (id, _) = first(&index, "打印机低压保护，打印取消");
    assert_eq!(id, "GEN-CHECK-FIRST");
}

/// What comes first, and the first three, do not depend on how many results are asked for:
/// the window (twenty) and a command (three, or one) answer a prompt alike.
#[test]
fn the_answer_does_not_depend_on_how_many_are_asked_for() {
    let index = index_with(Vec::new());
    let queries = blind_batches()
        .into_iter()
        .map(|(q, _)| q)
        .chain(typed().into_iter().chain(real()).map(|c| c.query));
    let ids = |q: &str, n: usize| -> Vec<String> {
        index
            .search(q, n)
            .iter()
            .map(|h| index.entries()[h.entry].id.clone())
            .collect()
    };
    let mut differ = Vec::new();
    for q in queries {
        let twenty = ids(&q, 20);
        let three = ids(&q, 3);
        let one = ids(&q, 1);
        if three[..] != twenty[..twenty.len().min(3)] || one[..] != twenty[..twenty.len().min(1)] {
            differ.push(format!(
                "{q}: {one:?} / {three:?} / {:?}",
                &twenty[..twenty.len().min(3)]
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// A gateway's code shown without its namespace finds the same entry ("TRADE_HAS_SUCCESS" is
/// Alipay's ACQ.TRADE_HAS_SUCCESS: already paid, do not charge again).
#[test]
fn a_gateway_code_without_its_namespace_is_found() {
    let index = index_with(Vec::new());
    for (q, want) in [
        ("TRADE_HAS_SUCCESS", "ALI-TRADE_HAS_SUCCESS"),
        ("ACQ.TRADE_HAS_SUCCESS", "ALI-TRADE_HAS_SUCCESS"),
        ("BEYOND_PAY_RESTRICTION", "ALI-BEYOND_PAY_RESTRICTION"),
    ] {
        let found = index.lookup(q, 3);
        let top = &found.hits[0];
        assert_eq!(index.entries()[top.entry].id, want, "{q}");
        assert_eq!(top.matched_by, MatchKind::Code, "{q}");
        assert_eq!(found.unknown_code, None, "{q}");
    }
}

/// A code in code dress beside a sentence that plainly means something else comes second: the
/// sentence decides, and the code's entry is still shown.
#[test]
fn a_stray_code_never_outranks_a_sentence_that_says_something_else() {
    let index = index_with(Vec::new());
    let hits = index.search(
        "(01) 用户已在1分钟内支付过金额相同的订单，需用户确认后继续支付",
        5,
    );
    let ids: Vec<&str> = hits
        .iter()
        .map(|h| index.entries()[h.entry].id.as_str())
        .collect();
    assert_eq!(ids[0], "WX-DUPLICATE-CONFIRM", "{ids:?}");
    assert!(ids.contains(&"RC-01"), "{ids:?}");
    // A short text that agrees with, or adds nothing to, the code leaves the code first.
    for (q, want) in [("[51] 交易失败", "RC-51"), ("05 持卡人认证失败", "RC-05")] {
        assert_eq!(index.entries()[index.search(q, 1)[0].entry].id, want, "{q}");
    }
}

/// A capitalised two-character token is looked up as a code first, never as the start of an
/// English word ("FE" is not "fee").
#[test]
fn a_capitalised_two_letter_token_is_a_code_first() {
    let index = index_with(Vec::new());
    for (q, want) in [
        ("FE", "RC-FE"),
        ("N0", "RC-N0"),
        ("ZC", "MPOS-ZC"),
        ("[A3]", "RC-A3"),
    ] {
        let found = index.lookup(q, 3);
        assert_eq!(index.entries()[found.hits[0].entry].id, want, "{q}");
        assert_eq!(found.hits[0].matched_by, MatchKind::Code, "{q}");
        assert_eq!(found.unknown_code, None, "{q}");
    }
}

/// A code no entry has is said to be unknown, instead of word matches passed off as its
/// meaning; words beside it are still searched.
#[test]
fn an_unknown_code_is_said_honestly() {
    let index = index_with(Vec::new());
    for q in ["FQ", "Z6", "[Q7]", "错误码 X9", "E01"] {
        let found = index.lookup(q, 5);
        assert!(found.unknown_code.is_some(), "{q}: {found:?}");
        assert!(
            found.hits.iter().all(|h| !h.is_confident()),
            "{q}: {found:?}"
        );
    }
    let found = index.lookup("FQ 请插卡", 5);
    assert_eq!(found.unknown_code.as_deref(), Some("FQ"));
    assert!(found.hits[0].is_confident(), "{found:?}");
    // Words in capitals are not codes to report.
    for q in ["NO PAPER", "PAPER", "PIN"] {
        assert_eq!(index.lookup(q, 5).unknown_code, None, "{q}");
    }
}

/// A screen text shared by a card's entry and a wallet's that say the same kind of problem
/// ("余额不足": the customer pays another way either way) is a confident answer, the card's
/// first.
#[test]
fn one_screen_text_with_one_meaning_on_card_and_wallet_is_confident() {
    let index = index_with(Vec::new());
    let found = index.lookup("余额不足", 3);
    assert_eq!(index.entries()[found.hits[0].entry].id, "RC-51");
    assert!(found.hits[0].is_confident(), "{found:?}");
}

/// A screen text typed with its little words ("PLEASE WAIT": "please" says nothing) is that
/// screen text exactly, never beaten by a longer text that holds the rest ("LINE BUSY, WAIT"):
/// the query and the texts drop the same words before they are compared.
#[test]
fn a_screen_text_with_its_little_words_is_found_exactly() {
    use poscare_core::incident::OwnEntryDraft;
    let own = OwnEntryDraft {
        screen: "* LINE BUSY, WAIT *".into(),
        title: "Line busy".into(),
        steps: "Wait and dial again".into(),
        ..Default::default()
    }
    .validate()
    .unwrap()
    .to_entry(1);
    let index = index_with(vec![own]);
    for q in ["PLEASE WAIT", "please wait"] {
        let (id, hit) = first(&index, q);
        assert_eq!(id, "EMV-PLEASE-WAIT", "{q}: {hit:?}");
    }
}

/// One digit beside words is another table's numbering, not a UnionPay code: "1 交易失败" is a
/// failed transaction, not code 01 "refer to the card issuer" (a single digit typed alone
/// still is: "5" → 05).
#[test]
fn one_digit_beside_words_is_no_code() {
    let index = index_with(Vec::new());
    for q in ["1 交易失败", "2 交易失败"] {
        for hit in index.search(q, 10) {
            assert_ne!(hit.matched_by, MatchKind::Code, "{q}: {hit:?}");
        }
    }
    let (id, hit) = first(&index, "5");
    assert_eq!((id.as_str(), hit.matched_by), ("RC-05", MatchKind::Code));
}

/// A row of an English table, written as code then text, is that code ("05 DO NOT HONOUR");
/// a code whose own entry speaks of the words that sound like money moving keeps its answer
/// ("90 CUT OFF IN PROGRESS" is the day-end cut-over, not a payment in progress). A count
/// before English words is no code.
#[test]
fn an_english_table_row_is_its_code() {
    let index = index_with(Vec::new());
    for (q, want) in [
        ("05 DO NOT HONOUR", "RC-05"),
        ("51 INSUFFICIENT FUNDS", "RC-51"),
        ("90 CUT OFF IN PROGRESS", "RC-90"),
    ] {
        let (id, hit) = first(&index, q);
        assert_eq!(
            (id.as_str(), hit.matched_by),
            (want, MatchKind::Code),
            "{q}: {hit:?}"
        );
    }
    for q in ["3 attempts left", "2 cards presented"] {
        for hit in index.search(q, 10) {
            assert_ne!(hit.matched_by, MatchKind::Code, "{q}: {hit:?}");
        }
    }
}

/// Banks and gateways reuse the two-character codes for their own meanings: words beside a code
/// that its entries do not explain at all, and another entry does, are this table's meaning
/// (the code and its family come after them). A code the UnionPay table leaves out says nothing
/// of its own: the words decide, unless their answer invites a retry where the unlisted code's
/// "check first" would not.
#[test]
fn words_a_reused_code_does_not_explain_are_its_meaning_here() {
    let index = index_with(Vec::new());
    for (q, not) in [
        ("97 Settlement completed successfully", &["RC-97"][..]),
        (
            "05 Settlement completed successfully",
            &["RC-05", "GEN-DECLINE-ISSUER"],
        ),
    ] {
        let (id, _) = first(&index, q);
        assert!(!not.contains(&id.as_str()), "{q}: {id}");
    }
    let (id, hit) = first(&index, "70 Customer must enter the PIN");
    assert_eq!(id, "EMV-ENTER-PIN", "{hit:?}");
    let q = "26 Contactless limit reached, please insert card";
    let hits = index.search(q, 3);
    let ids: Vec<&str> = hits
        .iter()
        .map(|h| index.entries()[h.entry].id.as_str())
        .collect();
    assert_eq!(ids[0], "RC-UNLISTED", "{q}: {ids:?}");
    assert!(ids.contains(&"LOC-INSERT-CHIP"), "{q}: {ids:?}");
    // Words the code's entry does explain keep it first.
    let (id, hit) = first(&index, "51 Insufficient funds in the account");
    assert_eq!((id.as_str(), hit.matched_by), ("RC-51", MatchKind::Code));
}

/// Words of approval beside a code that says the payment failed: one of the two is wrong, and
/// which one decides whether the customer has paid. Check first, never "already paid" (a
/// walkthrough got "already paid, do not charge again" for "05 Approved"), nor the decline
/// (a cashier told "declined" charges again).
#[test]
fn approval_words_beside_a_decline_code_check_first() {
    let index = index_with(Vec::new());
    for q in [
        "05 Approved",
        "51 Approved",
        "97 Approved",
        "96 交易成功",
        "14 支付成功",
        // Words of approval among other words, which the code's entry answers first: a
        // vending machine's "dispensed, take your goods" is not "pick up the card, do not retry".
        "04 出货成功，请从取物口领取商品",
    ] {
        let hits = index.search(q, 3);
        let first = &index.entries()[hits[0].entry];
        assert_eq!(first.retry, Retry::CheckFirst, "{q}: {}", first.id);
    }
    // Words and code that agree, or a code with no meaning of its own, stay as they are.
    for (q, want) in [("00 交易成功", "RC-00"), ("APPROVED", "RC-00")] {
        let (id, _) = first(&index, q);
        assert_eq!(id, want, "{q}");
    }
}

/// In a long sentence the prompt's words are a small share of all: several entries are shown
/// as leads then, and the one that explains most of them leads, not the first in the base.
#[test]
fn the_leads_for_a_long_sentence_keep_their_order() {
    let index = index_with(Vec::new());
    for (q, want) in [
        (
            "We were told by the bank that the terminal could not settle because the totals \
             did not balance at the end of the day",
            "LOC-SETTLE-UNBALANCED",
        ),
        (
            "The terminal kept showing that the connection to the host timed out while the \
             customer was waiting, and then it printed nothing",
            "LOC-COMM-TIMEOUT",
        ),
    ] {
        let (id, hit) = first(&index, q);
        assert_eq!(id, want, "{q}: {hit:?}");
        assert!(!hit.is_confident(), "{q}: {hit:?}");
    }
}

/// An approval is shown only when the prompt says so, in words of approval or by its code: a
/// terminal that is offline or not connected declined nothing yet and approved nothing either,
/// so "approved offline — already paid" must not stand anywhere beside it.
#[test]
fn no_approval_without_words_of_approval_or_its_code() {
    use poscare_core::knowledge::Category;
    let index = index_with(Vec::new());
    for q in [
        "OFFLINE",
        "离线",
        "Device offline or not connected",
        "终端脱机",
    ] {
        for hit in index.search(q, 10) {
            let e = &index.entries()[hit.entry];
            assert_ne!(e.category, Category::Approved, "{q}: {} {hit:?}", e.id);
        }
    }
    for (q, want) in [
        ("Y1", "RC-Y1-Y3"),
        ("脱机批准", "RC-Y1-Y3"),
        ("部分批准", "RC-10"),
        ("Amount Due or Balance Due", "RC-10"),
        // A terminal that is offline is one that is not connected (walkthroughs).
        ("Device offline", "LOC-COMM-FAIL"),
        ("终端离线", "LOC-COMM-FAIL"),
    ] {
        let (id, hit) = first(&index, q);
        assert_eq!(id, want, "{q}: {hit:?}");
    }
}

/// A housekeeping task that succeeded (sign-on, settlement, download) is not a payment: it is
/// answered as such, never "approved" first nor "remove the card" (whose screen "成功,请拔卡"
/// holds the bare word); a settlement that did not succeed is not "settlement done".
#[test]
fn a_housekeeping_success_is_no_payment_and_its_failure_no_success() {
    use poscare_core::knowledge::Category;
    let index = index_with(Vec::new());
    for q in ["签到成功", "结算成功", "签退成功", "SIGN IN OK"] {
        let hits = index.search(q, 5);
        let first = &index.entries()[hits[0].entry];
        assert_eq!(first.id, "LOC-ADMIN-DONE", "{q}: {hits:?}");
        for hit in hits {
            let e = &index.entries()[hit.entry];
            assert_ne!(e.id, "LOC-REMOVE-CARD", "{q}");
        }
    }
    for q in ["结算不成功", "POS机批结算不成功", "签到不成功"] {
        let hits = index.search(q, 3);
        let first = &index.entries()[hits[0].entry];
        assert_ne!(first.id, "LOC-ADMIN-DONE", "{q}: {hits:?}");
        assert_ne!(first.category, Category::Approved, "{q}: {hits:?}");
    }
}

/// A word of success after a negation in the same phrase says it failed: "未支付成功" (not paid
/// successfully) must never be answered "approved: already paid, do not charge again" (a
/// walkthrough found exactly that); a success after a comma stays a success.
#[test]
fn a_negated_success_is_no_approval() {
    use poscare_core::knowledge::{Category, Retry};
    let index = index_with(Vec::new());
    for q in [
        "未支付成功",
        "没付款成功",
        "交易没有成功",
        "交易未能成功",
        "还没有支付成功",
    ] {
        for hit in index.search(q, 3) {
            let e = &index.entries()[hit.entry];
            assert!(
                e.category != Category::Approved && e.retry != Retry::AlreadyPaid,
                "{q}: {} {hit:?}",
                e.id
            );
        }
    }
    let (id, _) = first(&index, "交易成功");
    assert_eq!(id, "RC-00");
    // The general "transaction failed" (check first), not a passbook's "交易不成功" clause.
    for q in ["交易未成功", "交易不成功", "交易没有成功"] {
        let (id, _) = first(&index, q);
        assert_eq!(id, "GEN-TXN-FAILED", "{q}");
    }
}

/// Letters glued to digits are a code, never pinyin initials: "XYZ99" is an unknown code, not
/// "PIN OK" spelled by its initials (a walkthrough got that, marked "no retry needed").
#[test]
fn a_code_like_token_is_no_pinyin() {
    let index = index_with(Vec::new());
    for q in ["XYZ99", "ybz99", "E07X"] {
        for hit in index.search(q, 10) {
            assert!(
                !matches!(hit.matched_by, MatchKind::Pinyin | MatchKind::Initials),
                "{q}: {hit:?}"
            );
        }
    }
    let (id, hit) = first(&index, "ybz");
    assert_eq!(
        (id.as_str(), hit.matched_by),
        ("RC-51", MatchKind::Initials)
    );
}

/// A code of letters and digits at the start, before the prompt's words, is written as a code:
/// one the base does not know is said to be unknown ("ZZ9 请联系收单行"); and "交易异常" (the
/// payment went wrong, its outcome not said) is answered "check first".
#[test]
fn an_unknown_code_before_words_is_said_and_an_abnormal_payment_is_checked_first() {
    let index = index_with(Vec::new());
    for q in ["ZZ9 请联系收单行", "B7 交易异常"] {
        let found = index.lookup(q, 3);
        assert!(found.unknown_code.is_some(), "{q}: {found:?}");
    }
    let hits = index.search("交易异常", 3);
    let first = &index.entries()[hits[0].entry];
    assert!(first.retry.guards_against_charging_twice(), "{}", first.id);
}

/// An entry whose whole screen text is the prompt outranks the many whose keywords hold it,
/// whatever is typed around it: "交易失败" beside a code no entry has is the general
/// "transaction failed", not the first of the codes listing it as a keyword.
#[test]
fn a_whole_screen_text_beats_the_keywords_of_many() {
    let index = index_with(Vec::new());
    for q in ["交易失败", "FI00007 交易失败", "该单交易失败"] {
        let (id, hit) = first(&index, q);
        assert_eq!(id, "GEN-TXN-FAILED", "{q}: {hit:?}");
    }
}

/// A negation turns a prompt into its opposite: "请勿拔卡" (do not remove the card) is neither
/// the screen text "拔卡" nor a typo of "请拔卡", so "remove the card" is not its answer.
#[test]
fn a_negated_prompt_is_not_its_opposite() {
    let index = index_with(Vec::new());
    for q in ["请勿拔卡", "不要拔卡"] {
        let hits = index.search(q, 3);
        assert_ne!(
            index.entries()[hits[0].entry].id,
            "LOC-REMOVE-CARD",
            "{q}: {hits:?}"
        );
        for hit in hits {
            let by_text = matches!(hit.matched_by, MatchKind::Text | MatchKind::Fuzzy);
            let id = &index.entries()[hit.entry].id;
            assert!(!(by_text && id == "LOC-REMOVE-CARD"), "{q}: {hit:?}");
        }
    }
    let (id, _) = first(&index, "请拔卡");
    assert_eq!(id, "LOC-REMOVE-CARD");
    // "Do not remove the card" is neither "remove it" nor "it was removed": the sale goes on.
    for q in [
        "请勿拔卡",
        "不要拔卡",
        "卡已插入，请勿拔卡",
        "DO NOT REMOVE CARD",
        "請勿移除卡片",
    ] {
        let (id, hit) = first(&index, q);
        assert!(
            !matches!(id.as_str(), "LOC-REMOVE-CARD" | "LOC-CARD-REMOVED"),
            "{q}: {hit:?}"
        );
    }
}

/// Taiwan and Hong Kong terminals use other words as well as other characters: after the
/// vocabulary fold they find the mainland entries.
#[test]
fn taiwan_and_hong_kong_wording_finds_the_mainland_entries() {
    let index = index_with(Vec::new());
    for (q, want) in [
        ("請改讀晶片卡", "LOC-INSERT-CHIP"),
        ("印表機錯誤", "LOC-PRINTER-FAULT"),
        ("網路連線失敗", "LOC-COMM-FAIL"),
        ("伺服器連線逾時", "LOC-COMM-TIMEOUT"),
        ("儲存已滿，請先結算", "LOC-SETTLE-FIRST"),
        // Hong Kong's end of day is 清機; a payment 已處理 went through.
        ("清機失敗", "LOC-SETTLE-FAIL"),
        ("交易已處理", "RC-00"),
    ] {
        // First, though not always confident: a partial text match is the nearest until it
        // scores 0.9 (see calibrate).
        let (id, _) = first(&index, q);
        assert_eq!(id, want, "{q}");
    }
}

/// A code beside its own entry's words is confident, whatever other entries those words also
/// fit ("51 余额不足" is not a tie with a wallet's 余额不足: a shop owner saw "no exact match"
/// over the very screen text); beside words its entry does not say, it stays a lead.
#[test]
fn a_code_beside_its_own_words_is_confident() {
    let index = index_with(Vec::new());
    for (q, want) in [("51 余额不足", "RC-51"), ("A0 校验错", "RC-A0")] {
        let found = index.lookup(q, 3);
        let top = found.hits.first().expect("an answer");
        assert_eq!(index.entries()[top.entry].id, want, "{q}");
        assert!(top.is_confident(), "{q}: {}", top.score);
    }
    let found = index.lookup("99 交易失败", 3);
    assert!(
        !found.hits[0].is_confident(),
        "some table's 99, not UnionPay's"
    );
    // A code held below confidence by words its entry hardly explains (a coupon expired is no
    // card expired) is not lifted over the line by the words it does share.
    let found = index.lookup("33 电子券已经过期", 3);
    assert_eq!(index.entries()[found.hits[0].entry].id, "RC-33");
    assert!(!found.hits[0].is_confident(), "{}", found.hits[0].score);
}

/// A prompt typed in pinyin that no screen text spells letter for letter is read as the
/// thesaurus's words ("wangluolianjieshibai" is 网络连接失败).
#[test]
fn a_sentence_typed_in_pinyin_is_read_as_its_words() {
    let index = index_with(Vec::new());
    for (q, want) in [
        ("wangluolianjieshibai", "LOC-COMM-FAIL"),
        ("wangluo lianjie shibai", "LOC-COMM-FAIL"),
        ("qingchongxinshuaka", "LOC-READ-FAIL"),
    ] {
        let (id, _) = first(&index, q);
        assert_eq!(id, want, "{q}");
    }
}

/// A prompt that names a bank card is a card terminal's: a QR payment's entry with the same
/// words ("支付失败") does not come first.
#[test]
fn a_prompt_that_names_a_card_is_no_qr_payment() {
    let index = index_with(Vec::new());
    for q in [
        "银行卡支付失败",
        "信用卡支付失败",
        "Credit card payment failed",
    ] {
        let found = index.lookup(q, 3);
        let top = found.hits.first().expect("an answer");
        let e = &index.entries()[top.entry];
        assert_ne!(
            e.payment,
            poscare_core::knowledge::Payment::Qr,
            "{q} → {}",
            e.id
        );
    }
}

/// Every word of the thesaurus that says the money may already have moved or was paid, alone
/// and inside a prompt, gets an answer that guards against charging twice first, and nothing
/// beside it invites a retry.
#[test]
fn every_money_word_gets_check_first() {
    let index = index_with(Vec::new());
    let thesaurus = poscare_core::knowledge::thesaurus();
    let mut problems = Vec::new();
    let mut words = 0;
    for concept in thesaurus
        .concepts()
        .iter()
        .filter(|c| c.flags.moved || c.flags.paid)
    {
        for word in &concept.words {
            words += 1;
            let chinese = !word.is_ascii();
            let prompts = if chinese {
                vec![word.clone(), format!("交易{word}，请稍候")]
            } else {
                vec![word.clone(), format!("TRANSACTION {word} PLEASE WAIT")]
            };
            for q in prompts {
                let found = index.lookup(&q, 5);
                let Some(top) = found.hits.first() else {
                    problems.push(format!("{}: {q:?} found nothing", concept.id));
                    continue;
                };
                let e = &index.entries()[top.entry];
                if !e.retry.guards_against_charging_twice() {
                    problems.push(format!("{}: {q:?} → {} ({:?})", concept.id, e.id, e.retry));
                }
                // (A code such as WAIT_BUYER_PAY is taken out of the words: its entry answers.)
                if found.money_words.is_empty() && top.matched_by != MatchKind::Code {
                    problems.push(format!("{}: {q:?} names no money word", concept.id));
                }
                for h in &found.hits {
                    let other = &index.entries()[h.entry];
                    if e.retry.guards_against_charging_twice() && other.retry.invites_retry() {
                        problems.push(format!("{}: {q:?} also shows {}", concept.id, other.id));
                    }
                }
            }
        }
    }
    assert!(words >= 100, "{words} money words");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// No word of the thesaurus that says the payment was refused ever stands beside an approval
/// ("approved" or "already paid" banner), whatever code is in front of it: a decline shown as a
/// payment lets the goods go unpaid. (An entry whose own screen texts use the word, such as
/// "打印机错误" on an "already paid" printer entry, knows what it means there.)
#[test]
fn no_decline_word_stands_beside_an_approval() {
    // (A printer's "already paid" answer stands beside any word that says it is wrong: the
    // receipt, not the payment.)
    let index = index_with(Vec::new());
    let printer = |q: &str| {
        index
            .search(q, 5)
            .iter()
            .any(|h| index.entries()[h.entry].id == "LOC-PRINTER-FAULT")
    };
    assert!(printer("打印机异常"), "a printer's trouble in other words");
    use poscare_core::knowledge::{Category, Retry};
    let thesaurus = poscare_core::knowledge::thesaurus();
    let approvals: Vec<_> = index
        .entries()
        .iter()
        .filter(|e| e.category == Category::Approved || e.retry == Retry::AlreadyPaid)
        .collect();
    assert!(approvals.len() >= 5);
    let declines: Vec<&String> = thesaurus
        .concepts()
        .iter()
        .filter(|c| c.flags.decline && !c.flags.paid && !c.flags.approved)
        .flat_map(|c| &c.words)
        .collect();
    assert!(declines.len() >= 100, "{} decline words", declines.len());
    let mut problems = Vec::new();
    let mut queries = 0;
    for e in &approvals {
        let fronts: Vec<String> = e
            .codes
            .iter()
            .cloned()
            .chain(e.screen.first().cloned())
            .collect();
        for front in fronts {
            for word in &declines {
                let q = format!("{front} {word}");
                queries += 1;
                for h in index.search(&q, 5) {
                    let shown = &index.entries()[h.entry];
                    let approval =
                        shown.category == Category::Approved || shown.retry == Retry::AlreadyPaid;
                    // A screen that says it was already paid ("订单已支付", WeChat's
                    // ORDERPAID) keeps its "already paid" answer beside a failure word: the
                    // money did move, and charging again would charge twice.
                    let paid_screen = shown.category != Category::Approved && says_paid(&front);
                    if approval && !speaks_of(shown, word) && !paid_screen {
                        problems.push(format!("{q:?} shows {}", shown.id));
                    }
                }
            }
        }
    }
    assert!(queries >= 1000, "{queries} queries");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems[..problems.len().min(40)].join("\n")
    );
}

/// Whether `entry`'s own screen texts, titles or keywords use `word` or another word of its
/// concept (of a word that says something is wrong without saying what, "error", "fault" or
/// "abnormal", any such word: "打印机错误" knows what "打印机异常" means).
fn speaks_of(entry: &poscare_core::knowledge::Entry, word: &str) -> bool {
    use poscare_core::knowledge::normalize::fold;
    let thesaurus = poscare_core::knowledge::thesaurus();
    let concepts_of = |text: &str| {
        let mut found = Vec::new();
        thesaurus.find(&fold(text), &mut found);
        found.into_iter().map(|f| f.concept).collect::<Vec<_>>()
    };
    let faults: Vec<u16> = thesaurus
        .concepts()
        .iter()
        .enumerate()
        .filter(|(_, c)| ["error", "fault", "abnormal"].contains(&c.id.as_str()))
        .map(|(i, _)| i as u16)
        .collect();
    let mut wanted = concepts_of(word);
    if wanted.iter().any(|c| faults.contains(c)) {
        wanted.extend(&faults);
    }
    entry
        .screen
        .iter()
        .chain([&entry.zh.title, &entry.en.title])
        .chain(&entry.zh.keywords)
        .chain(&entry.en.keywords)
        .any(|t| concepts_of(t).iter().any(|c| wanted.contains(c)))
}

/// Whether `text` has a word that says it was already paid.
fn says_paid(text: &str) -> bool {
    use poscare_core::knowledge::normalize::fold;
    let thesaurus = poscare_core::knowledge::thesaurus();
    let mut found = Vec::new();
    thesaurus.find(&fold(text), &mut found);
    found.iter().any(|f| thesaurus.flags(f.concept).paid)
}

/// The blind batches of real prompts (tests/data/blind*/, one file per kind of source): the
/// rows of a known meaning (what may come first) and those the base cannot know.
fn blind_batches() -> Vec<(String, Option<Vec<String>>)> {
    let files = [
        include_str!("data/blind/b1-terminal-sdk.tsv"),
        include_str!("data/blind/b2-bank-gateway-tables.tsv"),
        include_str!("data/blind/b3-merchant-faq.tsv"),
        include_str!("data/blind/b4-qr-wechat-alipay.tsv"),
        include_str!("data/blind/b5-taiwan-hk.tsv"),
        include_str!("data/blind/b6-english-terminal.tsv"),
        include_str!("data/blind/b7-mixed-probes.tsv"),
        include_str!("data/blind2/r1-terminal-apps.tsv"),
        include_str!("data/blind2/r2-code-tables.tsv"),
        include_str!("data/blind2/r3-faq-sentences.tsv"),
        include_str!("data/blind2/r4-qr-and-foreign.tsv"),
        include_str!("data/blind2/r5-english.tsv"),
        include_str!("data/blind3/c1-terminal-zh.tsv"),
        include_str!("data/blind3/c2-code-tables.tsv"),
        include_str!("data/blind3/c3-english.tsv"),
        include_str!("data/blind3/c4-qr-tw-faq.tsv"),
        include_str!("data/blind4/d1-chinese-mixed.tsv"),
        include_str!("data/blind4/d2-english-qr-tw.tsv"),
        include_str!("data/blind5/e1-chinese.tsv"),
        include_str!("data/blind5/e2-english-tw.tsv"),
        include_str!("data/blind6/f1-chinese.tsv"),
        include_str!("data/blind6/f2-english-tw.tsv"),
        include_str!("data/blind7/g1-chinese.tsv"),
        include_str!("data/blind7/g2-english-tw.tsv"),
        include_str!("data/blind8/h1-chinese.tsv"),
        include_str!("data/blind8/h2-english-tw.tsv"),
        include_str!("data/blind9/i1-chinese.tsv"),
        include_str!("data/blind9/i2-english-tw.tsv"),
        include_str!("data/blind10/j1-chinese.tsv"),
        include_str!("data/blind10/j2-english-tw.tsv"),
        include_str!("data/blind11/k1-chinese.tsv"),
        include_str!("data/blind11/k2-english-tw.tsv"),
        include_str!("data/blind12/k1-chinese.tsv"),
        include_str!("data/blind12/k2-english-tw.tsv"),
        include_str!("data/blind13/k1-chinese.tsv"),
        include_str!("data/blind13/k2-english-tw.tsv"),
        include_str!("data/blind14/k1-chinese.tsv"),
        include_str!("data/blind14/k2-english-tw.tsv"),
        include_str!("data/blind15/m1-chinese.tsv"),
        include_str!("data/blind15/m2-english-tw.tsv"),
        include_str!("data/blind16/n1-chinese.tsv"),
        include_str!("data/blind16/n2-english-tw.tsv"),
        include_str!("data/blind17/o1-chinese.tsv"),
        include_str!("data/blind17/o2-english-tw.tsv"),
        include_str!("data/blind18/p1-chinese.tsv"),
        include_str!("data/blind18/p2-english-tw.tsv"),
        include_str!("data/blind19/p1-chinese.tsv"),
        include_str!("data/blind19/p2-english-tw.tsv"),
        include_str!("data/blind20/p1-chinese.tsv"),
        include_str!("data/blind20/p2-english-tw.tsv"),
        include_str!("data/blind21/p1-chinese.tsv"),
        include_str!("data/blind21/p2-english-tw.tsv"),
        include_str!("data/blind22/p1-chinese.tsv"),
        include_str!("data/blind22/p2-english-tw.tsv"),
        include_str!("data/blind23/p1-chinese.tsv"),
        include_str!("data/blind23/p2-english-tw.tsv"),
        include_str!("data/blind24/p1-chinese.tsv"),
        include_str!("data/blind24/p2-english-tw.tsv"),
        include_str!("data/blind25/p1-chinese.tsv"),
        include_str!("data/blind25/p2-english.tsv"),
    ];
    let mut rows = Vec::new();
    for file in files {
        for line in file.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (query, accept, kind) = (cols[0], cols[1], cols[2]);
            match kind {
                "probe" => {}
                "unknown" => rows.push((query.to_string(), None)),
                _ => {
                    let ids = accept
                        .strip_prefix("^(")
                        .and_then(|a| a.strip_suffix(")$"))
                        .unwrap_or_else(|| panic!("{query}: accept {accept}"));
                    rows.push((
                        query.to_string(),
                        Some(ids.split('|').map(String::from).collect()),
                    ));
                }
            }
        }
    }
    rows
}

/// "Confident" means right: on the blind batches, a confident first answer is one the batch
/// accepts at least 95 % of the time (a confident answer to a prompt the base cannot know is
/// wrong), while ties and loose matches are shown as the nearest three.
#[test]
fn a_confident_answer_on_the_blind_batches_is_right_95_percent_of_the_time() {
    let index = index_with(Vec::new());
    let (mut confident, mut right) = (0, 0);
    let mut wrong = Vec::new();
    for (query, accept) in blind_batches() {
        let hits = index.search(&query, 1);
        let Some(top) = hits.first().filter(|h| h.is_confident()) else {
            continue;
        };
        confident += 1;
        let id = &index.entries()[top.entry].id;
        if accept.is_some_and(|ids| ids.contains(id)) {
            right += 1;
        } else {
            wrong.push(format!("{query} → {id} {:.2}", top.score));
        }
    }
    eprintln!("calibration: {right}/{confident} confident answers right");
    assert!(confident >= 60, "only {confident} confident answers");
    assert!(
        right * 100 >= confident * 95,
        "{right}/{confident} confident answers right; wrong: {wrong:#?}"
    );
}

/// An approval read from its code alone, beside words that say something else and no word of
/// approval ("A2 請依正確卡別操作": use the right kind of card), is not the answer: "check
/// first" comes before it, so no "already paid" banner leads. The code alone, or beside words
/// of approval, is still the approval.
#[test]
fn an_approval_code_beside_other_words_says_check_first() {
    let index = index_with(Vec::new());
    let (id, _) = first(&index, "A2 請依正確卡別操作");
    assert_eq!(id, "GEN-CHECK-FIRST");
    for (query, approval) in [
        ("A2", "RC-A2-A6"),
        ("11 交易成功", "RC-11"),
        ("00 Approved", "RC-00"),
    ] {
        assert_eq!(first(&index, query).0, approval, "{query}");
    }
}

/// A void, reversal or refund that failed, said in other words than "失败" (a fault or a
/// refusal after it, a negation before it), is that failure: the original sale still stands.
/// Words that only ask for the payment to be looked up ("请发起查询…") are what such an answer
/// says already: the failure leads, not the general "check first".
#[test]
fn an_undoing_that_failed_in_other_words_is_its_failure() {
    let index = index_with(Vec::new());
    for (query, want) in [
        ("撤销异常", "LOC-VOID-FAIL"),
        ("Reversal error", "LOC-REVERSAL-FAIL"),
        ("Payment was not voided", "LOC-VOID-FAIL"),
        ("未能撤销", "LOC-VOID-FAIL"),
        ("The sale wasn't refunded", "LOC-REFUND-FAIL"),
        // (Beside what happened, the card's name says what was paid with.)
        ("The credit card sale was not voided", "LOC-VOID-FAIL"),
        ("信用卡支付没有撤销", "LOC-VOID-FAIL"),
        // A failed undoing is money that has moved, whatever else the words say: the sale
        // stands ("联系收单机构" read as RC-60-66, "call the acquirer, do not retry"; "交易失败"
        // as a failed payment).
        ("撤销交易失败，请联系收单机构", "LOC-VOID-FAIL"),
        ("退货交易失败", "LOC-REFUND-FAIL"),
    ] {
        assert_eq!(first(&index, query).0, want, "{query}");
    }
    let (id, _) = first(&index, "冲正失败，请发起查询查看冲正结果");
    assert!(
        ["LOC-REVERSAL-FAIL", "LOC-RESULT-UNKNOWN"].contains(&id.as_str()),
        "{id}"
    );
}

/// A wallet's name says the prompt is a QR payment's, and nothing of what went wrong: neither
/// do the words inside it (数字人民币 holds 人民币, a currency).
#[test]
fn the_words_inside_a_wallets_name_say_nothing() {
    let index = index_with(Vec::new());
    let ids: Vec<String> = index
        .search("数字人民币付款码长度不正确", 3)
        .iter()
        .map(|h| index.entries()[h.entry].id.clone())
        .collect();
    assert!(
        ["CIL-Y0", "WX-AUTH_CODE_INVALID", "ALI-AUTH_CODE_INVALID"].contains(&ids[0].as_str()),
        "{ids:?}"
    );
    assert!(!ids.iter().any(|id| id.contains("CURRENCY")), "{ids:?}");
}

/// Two leads of a long sentence are raised to nearly one score; when the words show one
/// explains clearly more of it, a safer answer that explains little does not go before it.
#[test]
fn a_lead_the_words_prefer_stays_before_a_safe_guess() {
    let index = index_with(Vec::new());
    let query = "Line Disconnected Check Telephone Line Press Clear to Redial";
    assert_eq!(first(&index, query).0, "LOC-DIAL");
}

/// A prompt pasted out of a terminal window with its colours is the prompt: "\x1b[31m51" is
/// code 51, and "31m51" no unknown code.
#[test]
fn a_prompt_with_terminal_colours_is_the_prompt() {
    let index = index_with(Vec::new());
    let found = index.lookup("\u{1b}[31m51 余额不足\u{1b}[0m", 3);
    assert_eq!(found.unknown_code, None);
    assert_eq!(index.entries()[found.hits[0].entry].id, "RC-51");
}

/// A hurried typo in an English word is read as the word it misses, thesaurus words included
/// ("respnding" for the "not responding" of no entry's text): the typo gets the answer the
/// word gets, and its money words are said.
#[test]
fn a_typo_gets_the_answer_of_the_word_it_misses() {
    let index = index_with(Vec::new());
    let top = |q: &str| {
        let found = index.lookup(q, 3);
        let hit = found.hits.first().expect("an answer");
        (index.entries()[hit.entry].id.clone(), found.money_words)
    };
    for (typo, right) in [
        ("terminal not respnding", "terminal not responding"),
        ("reversal pendng", "reversal pending"),
    ] {
        let (typed, money) = top(typo);
        let (spelled, _) = top(right);
        assert_eq!(typed, spelled, "{typo}");
        assert!(!money.is_empty(), "{typo}: no money words");
    }
}
