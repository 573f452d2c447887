//! The built-in knowledge base: complete, bilingual, honest, and covering the reference.

use std::collections::HashSet;

use poscare::knowledge::{Confidence, Retry, builtin, load};

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
