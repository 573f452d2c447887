//! `poscare lookup`, run as the real binary.

use std::process::{Command, Output};

use serde_json::Value;

use crate::poscare;

fn run(args: &[&str], setup: impl FnOnce(&mut Command)) -> Output {
    let mut cmd = crate::command(args);
    setup(&mut cmd);
    crate::run(&mut cmd)
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `args`, checks exit 0, and parses the whole of stdout as one JSON value.
fn json(args: &[&str]) -> Value {
    let out = poscare(args);
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON value ({e}): {}",
            text_of(&out.stdout)
        )
    })
}

fn results(v: &Value) -> &Vec<Value> {
    v["results"].as_array().expect("results is an array")
}

#[test]
fn a_code_is_found_by_code() {
    let v = json(&["lookup", "--json", "51"]);
    assert_eq!(v["query"], "51");
    let first = &results(&v)[0];
    assert_eq!(first["id"], "RC-51");
    assert_eq!(first["matched_by"], "code");
    assert!(first["codes"].as_array().unwrap().contains(&"51".into()));
    for field in ["title", "category", "confidence", "retry"] {
        assert!(first[field].is_string(), "{field}: {first}");
    }
    let score = first["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score), "{score}");
    assert_eq!(
        (score * 100.0).round() / 100.0,
        score,
        "rounded to 2 places"
    );
}

#[test]
fn the_words_are_joined_and_the_limit_holds() {
    let v = json(&["lookup", "--json", "--limit", "2", "余额", "不足"]);
    assert_eq!(v["query"], "余额 不足");
    let r = results(&v);
    assert!(!r.is_empty() && r.len() <= 2, "{v}");
}

#[test]
fn nonsense_still_exits_zero_with_valid_json() {
    for q in ["qwzx", "xkcdqq zzz", "★☆"] {
        let v = json(&["lookup", "--json", q]);
        for r in results(&v) {
            assert!(
                r["score"].as_f64().unwrap() < 0.75,
                "{q} found a confident match: {r}"
            );
        }
    }
    let out = poscare(&["lookup", "--lang", "en", "qwzx"]);
    assert_eq!(out.status.code(), Some(0));
    let s = text_of(&out.stdout);
    assert!(
        s.starts_with("No matching prompt found.") || s.starts_with("No exact match"),
        "{s}"
    );
}

#[test]
fn text_output_shows_the_entry_and_its_steps() {
    let out = poscare(&["lookup", "--lang", "zh", "51"]);
    assert_eq!(out.status.code(), Some(0));
    let s = text_of(&out.stdout);
    assert!(s.starts_with("1. [RC-51] "), "{s}");
    assert!(s.contains("  (51)"), "{s}");
    assert!(s.contains("   1) "), "{s}");
}

/// Every step is shown, the last ones too: they are often "do not charge again" and "do not
/// swipe the same card again".
#[test]
fn text_output_shows_every_step() {
    let index = poscare::knowledge::index_with(Vec::new());
    for (q, id) in [
        ("51", "RC-51"),
        ("68", "RC-68"),
        ("打印机缺纸", "LOC-PAPER-OUT"),
    ] {
        let entry = index.by_id(id).unwrap().1;
        for (lang, text) in [("zh", &entry.zh), ("en", &entry.en)] {
            let out = poscare(&["lookup", "--limit", "1", "--lang", lang, q]);
            assert_eq!(out.status.code(), Some(0));
            let s = text_of(&out.stdout);
            assert!(text.steps.len() > 3, "{id} has {} steps", text.steps.len());
            for (i, step) in text.steps.iter().enumerate() {
                assert!(
                    s.contains(&format!("   {}) {step}", i + 1)),
                    "{id} {lang}: {s}"
                );
            }
        }
    }
}

/// The labels come from the string table, in the language asked for.
#[test]
fn text_output_labels_are_in_the_chosen_language() {
    use poscare::i18n::{Lang, T};
    for lang in Lang::ALL {
        let out = poscare(&["lookup", "--limit", "1", "--lang", lang.code(), "68"]);
        let s = text_of(&out.stdout);
        for key in [
            T::DetailFault,
            T::DetailRetry,
            T::DetailSteps,
            T::RetryCheckFirst,
        ] {
            assert!(s.contains(lang.t(key)), "{lang:?} lacks {key:?}: {s}");
        }
    }
}

/// An unknown code is said to be unknown, in both languages, and in the JSON.
#[test]
fn an_unknown_code_is_reported() {
    use poscare::i18n::{Lang, T};
    for lang in Lang::ALL {
        let out = poscare(&["lookup", "--lang", lang.code(), "FQ"]);
        assert_eq!(out.status.code(), Some(0));
        let s = text_of(&out.stdout);
        assert_eq!(
            s.trim_end(),
            lang.fill(T::LookupUnknownCode, &[("code", "FQ")])
        );
    }
    let v = json(&["lookup", "--json", "FQ"]);
    assert_eq!(v["unknown_code"], "FQ");
    assert!(results(&v).is_empty(), "{v}");
    // A known code has no such field.
    assert!(
        json(&["lookup", "--json", "FE"])
            .get("unknown_code")
            .is_none()
    );
}

#[test]
fn unconfirmed_entries_are_marked() {
    use poscare::i18n::{Lang, T};
    let out = poscare(&["lookup", "--lang", "en", "一般服务"]);
    assert_eq!(out.status.code(), Some(0));
    let s = text_of(&out.stdout);
    assert!(s.contains(Lang::En.t(T::Unconfirmed)), "{s}");
}

#[test]
fn check_first_is_flagged() {
    let out = poscare(&["lookup", "--lang", "zh", "68"]);
    assert_eq!(out.status.code(), Some(0));
    let s = text_of(&out.stdout);
    assert!(s.lines().any(|l| l.starts_with("!! ")), "{s}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["lookup"][..],
        &["lookup", "--json"],
        &["lookup", "--limit", "0", "51"],
        &["lookup", "--limit", "-1", "51"],
        &["lookup", "--limit", "many", "51"],
        &["lookup", "--lang", "fr", "51"],
    ] {
        let out = poscare(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text_of(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn lookup_never_creates_the_data_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no").join("such");
    let v = json(&[
        "lookup",
        "--json",
        "51",
        "--data-dir",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(results(&v)[0]["id"], "RC-51");
    assert!(!missing.exists());
    assert!(!tmp.path().join("no").exists());

    // The same through the environment variable.
    let out = run(&["lookup", "--json", "51"], |c| {
        c.env("POSCARE_DATA_DIR", &missing);
    });
    assert_eq!(out.status.code(), Some(0));
    assert!(!tmp.path().join("no").exists());
}

/// With no `--data-dir`, the default folder under the home folder is not created either.
#[cfg(target_os = "linux")]
#[test]
fn lookup_never_creates_the_default_data_folder() {
    let home = tempfile::tempdir().unwrap();
    let out = run(&["lookup", "51"], |c| {
        c.env("HOME", home.path()).env_remove("XDG_DATA_HOME");
    });
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out.stderr));
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
}

/// The text output's first line agrees with the JSON: nothing found, only near results, or an
/// answer (a numbered result straight away).
#[test]
fn the_text_header_agrees_with_the_scores() {
    for q in ["51", "余额不足", "终端坏了", "qwzx", "card problem"] {
        let v = json(&["lookup", "--json", "--lang", "en", q]);
        let out = poscare(&["lookup", "--lang", "EN", q]);
        assert_eq!(out.status.code(), Some(0), "{q}");
        let s = text_of(&out.stdout);
        let first = s.lines().next().unwrap_or_default();
        match results(&v).first().map(|r| r["score"].as_f64().unwrap()) {
            None => {
                assert_eq!(first, "No matching prompt found.", "{q}");
                // (No step follows: nothing says "the steps below" — a tester read it so.)
                assert!(!s.contains("below"), "{q}: {s}");
            }
            Some(score) if score < 0.75 => {
                assert_eq!(first, "No exact match; the nearest results:", "{q}")
            }
            Some(_) => assert!(first.starts_with("1. ["), "{q}: {s}"),
        }
    }
}

/// A prompt that begins with a minus sign is a prompt, not an option, and its number is the
/// terminal program's own, not a response code; the JSON names the money words and an
/// overruled code.
#[test]
fn a_prompt_may_begin_with_a_minus_and_the_json_says_what_decided() {
    let v = json(&["lookup", "--json", "-55 退款/撤销失败,交易已撤销"]);
    assert_eq!(v["query"], "-55 退款/撤销失败,交易已撤销");
    for r in results(&v) {
        assert_ne!(r["id"], "RC-55", "{v}");
        assert_ne!(r["matched_by"], "code", "{v}");
    }
    let v = json(&["lookup", "--json", "交易结果未知，请稍后查询"]);
    assert_eq!(v["money_words"][0], "未知", "{v}");
    assert!(
        ["check_first", "already_paid"].contains(&results(&v)[0]["retry"].as_str().unwrap()),
        "{v}"
    );
    let v = json(&["lookup", "--json", "10 过期的卡！"]);
    assert_eq!(v["overruled_code"]["code"], "10", "{v}");
    assert_eq!(v["overruled_code"]["usual"], "RC-10", "{v}");
    assert_ne!(results(&v)[0]["id"], "RC-10", "{v}");
    // Options before the prompt still work; a bad option is still a usage error.
    let out = poscare(&["lookup", "--limit", "-1", "51"]);
    assert_eq!(out.status.code(), Some(2));
}
