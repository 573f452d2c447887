//! Reading and checking the built-in knowledge base (`assets/knowledge/*.toml`).

use std::collections::HashSet;

use serde::Deserialize;

use super::entry::{Category, Entry, EntryText};

/// The built-in files, compiled into the program, in the order their entries are listed.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "codes_1.toml",
        include_str!("../../../assets/knowledge/codes_1.toml"),
    ),
    (
        "codes_2.toml",
        include_str!("../../../assets/knowledge/codes_2.toml"),
    ),
    (
        "codes_3.toml",
        include_str!("../../../assets/knowledge/codes_3.toml"),
    ),
    (
        "local.toml",
        include_str!("../../../assets/knowledge/local.toml"),
    ),
    (
        "local_2.toml",
        include_str!("../../../assets/knowledge/local_2.toml"),
    ),
    (
        "local_3.toml",
        include_str!("../../../assets/knowledge/local_3.toml"),
    ),
    ("qr.toml", include_str!("../../../assets/knowledge/qr.toml")),
    (
        "wechat.toml",
        include_str!("../../../assets/knowledge/wechat.toml"),
    ),
    (
        "alipay.toml",
        include_str!("../../../assets/knowledge/alipay.toml"),
    ),
    (
        "emv.toml",
        include_str!("../../../assets/knowledge/emv.toml"),
    ),
    (
        "terminal_2.toml",
        include_str!("../../../assets/knowledge/terminal_2.toml"),
    ),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    entry: Vec<Entry>,
}

/// Parses one knowledge file.
pub fn parse(name: &str, text: &str) -> Result<Vec<Entry>, String> {
    toml::from_str::<File>(text)
        .map(|f| f.entry)
        .map_err(|e| format!("{name}: {e}"))
}

/// Every built-in entry, in file order. Panics if a compiled-in file does not parse, which the
/// knowledge-base test catches before a release.
pub fn builtin_entries() -> Vec<Entry> {
    BUILTIN_FILES
        .iter()
        .flat_map(|(name, text)| {
            parse(name, text).unwrap_or_else(|e| panic!("built-in knowledge base: {e}"))
        })
        .collect()
}

/// Whether `code` is a well-formed code: upper-case ASCII letters and digits, `.` and `_`, at
/// most 64 characters (Alipay's longest sub-codes, such as
/// `ACQ.SECONDARY_MERCHANT_ALIPAY_ACCOUNT_INVALID`, have 45).
pub fn code_is_well_formed(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.' || c == '_')
}

/// A web address or a phone number in `text`, if there is one.
pub fn contact_detail_in(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    for marker in ["http", "www.", ".com", ".cn", ".net", ".org"] {
        if lower.contains(marker) {
            return Some(marker.to_owned());
        }
    }
    let mut run = 0;
    for c in text.chars() {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            run += 1;
            if run >= 5 {
                return Some(format!("a run of {run} digits"));
            }
        } else if c != '-' && c != ' ' {
            run = 0;
        }
    }
    None
}

/// Every problem with a set of entries: duplicate ids, missing text in either language,
/// malformed codes, and web addresses or phone numbers in any text.
pub fn validate(entries: &[Entry]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids = HashSet::new();
    for e in entries {
        let who = &e.id;
        if e.id.trim().is_empty() {
            problems.push("an entry has an empty id".to_owned());
        }
        if !ids.insert(e.id.as_str()) {
            problems.push(format!("{who}: duplicate id"));
        }
        for code in e.codes.iter().chain(&e.related_codes) {
            if !code_is_well_formed(code) {
                problems.push(format!("{who}: malformed code {code:?}"));
            }
        }
        for (lang, text) in [("zh", &e.zh), ("en", &e.en)] {
            check_text(who, lang, text, e.category, &mut problems);
        }
        if e.screen.iter().any(|s| s.trim().is_empty()) {
            problems.push(format!("{who}: empty screen text"));
        }
        let all_text = e
            .screen
            .iter()
            .chain(all_strings(&e.zh))
            .chain(all_strings(&e.en));
        for text in all_text {
            if let Some(found) = contact_detail_in(text) {
                problems.push(format!("{who}: contact detail ({found}) in {text:?}"));
            }
        }
        if !e.zh.title.chars().any(is_han) {
            problems.push(format!("{who}: the Chinese title has no Chinese"));
        }
        for tag in &e.sources {
            if super::sources::by_tag(tag).is_none() {
                problems.push(format!("{who}: unknown source {tag:?}"));
            }
        }
    }
    problems
}

fn check_text(
    who: &str,
    lang: &str,
    t: &EntryText,
    category: Category,
    problems: &mut Vec<String>,
) {
    if t.title.trim().is_empty() {
        problems.push(format!("{who}: no {lang} title"));
    }
    if t.meaning.trim().is_empty() {
        problems.push(format!("{who}: no {lang} meaning"));
    }
    if t.steps.is_empty() || t.steps.iter().any(|s| s.trim().is_empty()) {
        problems.push(format!("{who}: no (or an empty) {lang} step"));
    }
    if category != Category::Approved
        && (t.causes.is_empty() || t.causes.iter().any(|c| c.trim().is_empty()))
    {
        problems.push(format!("{who}: no (or an empty) {lang} cause"));
    }
}

fn all_strings(t: &EntryText) -> impl Iterator<Item = &String> {
    [&t.title, &t.meaning, &t.tell, &t.provenance]
        .into_iter()
        .chain(&t.causes)
        .chain(&t.steps)
        .chain(&t.variants)
        .chain(&t.keywords)
}

/// Whether `c` is a Han character.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_details_are_found() {
        assert!(contact_detail_in("请拨打 95588 咨询").is_some());
        assert!(contact_detail_in("详见 www.example").is_some());
        assert!(contact_detail_in("call 400-820-1234").is_some());
        assert!(contact_detail_in("see https://x").is_some());
        assert!(contact_detail_in("（１２３４５）").is_some());
        assert_eq!(contact_detail_in("错误码 51，等 30 秒，2 次"), None);
    }

    #[test]
    fn codes_are_checked() {
        assert!(code_is_well_formed("A0"));
        assert!(code_is_well_formed("ACQ.SYSTEM_ERROR"));
        assert!(code_is_well_formed(
            "ACQ.SECONDARY_MERCHANT_ALIPAY_ACCOUNT_INVALID"
        ));
        assert!(!code_is_well_formed("a0"));
        assert!(!code_is_well_formed("05 "));
        assert!(!code_is_well_formed(""));
    }
}
