//! The built-in knowledge base: complete, bilingual, honest, and covering the reference.

use std::collections::HashSet;

use poscare_core::i18n::Lang;
use poscare_core::knowledge::{Confidence, Payment, Retry, builtin, load, sources};

#[test]
fn every_file_parses_and_the_base_validates() {
    let problems = load::validate(builtin());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The keys of the reference table (`shared/reference/pos-prompts.md`), copied here so the test
/// runs without the shared folder.
const REFERENCE_KEYS: &str = include_str!("data/reference_keys.txt");

#[test]
fn every_reference_row_has_an_entry() {
    let ids: HashSet<&str> = builtin().iter().map(|e| e.id.as_str()).collect();
    let missing: Vec<&str> = REFERENCE_KEYS
        .lines()
        .map(str::trim)
        .filter(|k| !k.is_empty() && !ids.contains(k))
        .collect();
    assert!(missing.is_empty(), "missing entries: {missing:?}");
    assert!(builtin().len() >= 140, "{} entries", builtin().len());
}

#[test]
fn the_seed_prompts_are_covered_honestly() {
    let by_id = |id: &str| {
        builtin()
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let general = by_id("SEED-GENERAL-SERVICE");
    assert_eq!(general.confidence, Confidence::Unconfirmed);
    assert!(general.screen.iter().any(|s| s == "一般服务"));
    assert!(
        by_id("GEN-TRY-LATER")
            .screen
            .iter()
            .any(|s| s == "请稍后再试")
    );
    assert!(
        by_id("GEN-CARD-NOT-SUPPORTED")
            .screen
            .iter()
            .any(|s| s == "此卡暂不支持，请咨询银行")
    );
    assert!(
        by_id("RC-51")
            .screen
            .iter()
            .any(|s| s == "账户余额不足，请充值后再试")
    );
}

#[test]
fn check_first_entries_say_not_to_charge_twice() {
    for e in builtin().iter().filter(|e| e.retry == Retry::CheckFirst) {
        let zh = e.zh.steps.join("");
        assert!(
            zh.contains("重复") || zh.contains("两次") || zh.contains("再扣"),
            "{}: {zh}",
            e.id
        );
    }
}

#[test]
fn codes_are_unique_to_an_entry_where_they_should_be() {
    let mut seen = std::collections::HashMap::new();
    for e in builtin() {
        for c in &e.codes {
            if let Some(other) = seen.insert(c.clone(), e.id.clone()) {
                panic!("code {c} is on both {other} and {}", e.id);
            }
        }
    }
}

/// Step texts that tell the cashier not to take the money again.
const DO_NOT_CHARGE_AGAIN_ZH: &[&str] = &[
    "重复收款",
    "重复收钱",
    "收两次",
    "再收一次",
    "不要再收",
    "重复扣款",
    "再付一次",
    "不要再刷一次",
];
const DO_NOT_CHARGE_AGAIN_EN: &[&str] = &[
    "do not charge",
    "never charge",
    "charged twice",
    "pays twice",
    "pay twice",
    "not take money again",
    "not run the card again",
    "not run this card again",
    "before deciding to charge again",
];

fn says_do_not_charge_again(e: &poscare_core::knowledge::Entry) -> (bool, bool) {
    let zh = e.zh.steps.join(" ");
    let en = e.en.steps.join(" ").to_lowercase();
    (
        DO_NOT_CHARGE_AGAIN_ZH.iter().any(|p| zh.contains(p)),
        DO_NOT_CHARGE_AGAIN_EN.iter().any(|p| en.contains(p)),
    )
}

/// A hurried cashier reads only the banner: whenever the steps say not to charge again, the
/// banner says so too (check first, or already paid), and the reverse.
#[test]
fn every_banner_agrees_with_its_steps() {
    let mut problems = Vec::new();
    for e in builtin() {
        let (zh, en) = says_do_not_charge_again(e);
        let guards = e.retry.guards_against_charging_twice();
        if (zh || en) && !guards {
            problems.push(format!(
                "{}: the steps say not to charge again, the banner says {:?}",
                e.id, e.retry
            ));
        }
        if guards && !(zh && en) {
            problems.push(format!(
                "{}: the banner says {:?}, the steps (zh {zh}, en {en}) do not say not to charge again",
                e.id, e.retry
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The printer prompts come after the sale went through: their banner says so. Paper out is
/// the exception: a terminal also says it at start-up or before a sale, when nothing was paid,
/// so its banner says to check the last transaction, never "already paid" outright.
#[test]
fn printer_prompts_say_the_payment_already_went_through() {
    let paper = builtin()
        .iter()
        .find(|e| e.id == "LOC-PAPER-OUT")
        .expect("paper out");
    assert_eq!(paper.retry, Retry::CheckFirst);
    for id in [
        "LOC-PRINTER-OVERHEAT",
        "LOC-PAPER-JAM",
        "LOC-PRINTER-FAULT",
        "LOC-PRINTER-LOWVOLT",
    ] {
        let e = builtin().iter().find(|e| e.id == id).expect(id);
        assert_eq!(e.retry, Retry::AlreadyPaid, "{id}");
        for lang in Lang::ALL {
            let banner = lang.t(e.retry_label());
            assert!(
                banner.contains("不要再收") || banner.contains("do not charge again"),
                "{id}: {banner}"
            );
        }
    }
}

/// A refusal of the shop's or terminal's set-up is no card's: its banner never speaks of "the
/// same card" (a walk's "invalid merchant" said so), where a decline of the card still does, and
/// allows another card or a smaller amount (the steps of "insufficient funds" do).
#[test]
fn a_set_up_refusal_is_no_cards() {
    use poscare_core::i18n::T;
    use poscare_core::knowledge::Category;
    let entry = |id: &str| builtin().iter().find(|e| e.id == id).expect(id);
    assert_eq!(entry("RC-03").retry_label(), T::RetryNoSetUp);
    assert_eq!(entry("RC-51").retry_label(), T::RetryNo);
    for e in builtin().iter().filter(|e| {
        e.retry == Retry::No
            && e.payment != Payment::Qr
            && matches!(e.category, Category::TerminalConfig | Category::SecurityKey)
    }) {
        for lang in Lang::ALL {
            let banner = lang.t(e.retry_label());
            assert!(
                !banner.contains("同一张卡") && !banner.to_lowercase().contains("same card"),
                "{}: {banner}",
                e.id
            );
        }
    }
    assert!(Lang::Zh.t(T::RetryNo).contains("同样的金额"));
}

/// A QR payment has no card: nothing a QR entry says, banner included, speaks of retrying with
/// the same card.
#[test]
fn qr_entries_never_speak_of_the_same_card() {
    let qr: Vec<_> = builtin()
        .iter()
        .filter(|e| e.payment == Payment::Qr)
        .collect();
    assert!(qr.len() >= 25, "{} QR entries", qr.len());
    for e in qr {
        for lang in Lang::ALL {
            let t = e.text(lang);
            let all = [lang.t(e.retry_label()), &t.title, &t.meaning, &t.tell]
                .into_iter()
                .chain(t.steps.iter().map(String::as_str))
                .chain(t.causes.iter().map(String::as_str))
                .chain(t.variants.iter().map(String::as_str));
            for text in all {
                assert!(
                    !text.contains("同一张卡") && !text.to_lowercase().contains("same card"),
                    "{}: {text}",
                    e.id
                );
            }
        }
    }
    // Every WeChat Pay and Alipay entry is a QR entry.
    for e in builtin() {
        if e.id.starts_with("WX-") || e.id.starts_with("ALI-") || e.id.starts_with("CIL-") {
            assert_eq!(e.payment, Payment::Qr, "{}", e.id);
        }
    }
}

/// Every code of the UnionPay field-39 table (00–99 and its letter codes) and every code the
/// addendum lists has an entry, if only one saying that tables disagree.
#[test]
fn every_unionpay_and_addendum_code_has_an_entry() {
    let mut wanted: Vec<String> = (0..100).map(|n| format!("{n:02}")).collect();
    let letters = [
        // UnionPay 2015: A0–A8, B1, C1, D1–DC, F1–F5, N1, P1, Y1, Y3, Z1, Z3.
        "A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "B1", "C1", "D1", "D2", "D3", "D4",
        "D5", "D6", "D7", "D8", "D9", "DA", "DB", "DC", "F1", "F2", "F3", "F4", "F5", "N1", "P1",
        "Y1", "Y3", "Z1", "Z3",
        // The addendum: A9, FE, F0, M9, N0, Z2, G1–G8, D0, W1–W11, ZC.
        "A9", "FE", "F0", "M9", "N0", "Z2", "G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8", "D0",
        "W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9", "W10", "W11", "ZC",
    ];
    wanted.extend(letters.iter().map(|s| s.to_string()));
    let codes: HashSet<&str> = builtin()
        .iter()
        .flat_map(|e| &e.codes)
        .map(String::as_str)
        .collect();
    let missing: Vec<&String> = wanted
        .iter()
        .filter(|c| !codes.contains(c.as_str()))
        .collect();
    assert!(missing.is_empty(), "codes without an entry: {missing:?}");
}

/// Where a fact comes from and how sure it is goes on the source line, not into what the
/// cashier is told.
#[test]
fn provenance_stays_out_of_the_cashiers_text() {
    let zh_marks = [
        "公开资料",
        "公开的终端资料",
        "开发者",
        "没有确认",
        "未确认",
        "未能核实",
        "资料中",
        "支付资料",
        "来源",
        "未见到",
        "确切说法",
    ];
    let en_marks = [
        "developer",
        "not confirmed",
        "unconfirmed",
        "in the source",
        "public source",
        "sources we",
        "could not be verified",
        "exact wording",
        "exact text",
    ];
    for e in builtin() {
        for (lang, marks) in [(Lang::Zh, &zh_marks[..]), (Lang::En, &en_marks[..])] {
            let t = e.text(lang);
            let said = [&t.title, &t.meaning, &t.tell]
                .into_iter()
                .chain(&t.causes)
                .chain(&t.steps)
                .chain(&t.variants);
            for text in said {
                let lower = text.to_lowercase();
                if let Some(m) = marks.iter().find(|m| lower.contains(*m)) {
                    panic!("{}: {m:?} in {text:?}", e.id);
                }
            }
        }
    }
}

/// Every built-in entry names its sources (or says on its source line why it has none), and a
/// source's name is a name: no web address.
#[test]
fn every_entry_has_a_source_line() {
    for s in sources::all() {
        for name in [&s.zh, &s.en] {
            assert!(load::contact_detail_in(name).is_none(), "{}: {name}", s.tag);
        }
    }
    for e in builtin() {
        for lang in Lang::ALL {
            assert!(
                !sources::line(e, lang).is_empty(),
                "{}: no source line",
                e.id
            );
        }
        if e.sources.is_empty() {
            assert_eq!(e.confidence, Confidence::Unconfirmed, "{}", e.id);
        }
    }
}

/// A refund that may have gone through is done twice by refunding again, not by charging:
/// its banner says so ("don't refund twice"), and so do its steps. A walk found "don't charge
/// twice" on a failed refund, beside steps about refunding.
#[test]
fn a_refund_in_doubt_says_not_to_refund_twice() {
    use poscare_core::i18n::T;
    let refunds: Vec<_> = builtin()
        .iter()
        .filter(|e| e.payment == Payment::Refund)
        .collect();
    assert!(refunds.iter().any(|e| e.id == "LOC-REFUND-FAIL"));
    for e in refunds {
        assert_eq!(e.retry_label(), T::RetryCheckFirstRefund, "{}", e.id);
        assert!(Lang::En.t(e.retry_label()).contains("refund twice"));
        assert!(
            e.en.steps.join(" ").to_lowercase().contains("refund"),
            "{}",
            e.id
        );
    }
}
