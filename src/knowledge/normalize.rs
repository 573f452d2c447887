//! Query normalising: width, case, punctuation, traditional characters, and codes in any dress.

use std::borrow::Cow;

use super::load::is_han;

/// Full-width ASCII → half-width, ideographic space → space.
fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Text with full-width forms folded to ASCII, traditional characters converted to simplified,
/// and ASCII letters lower-cased.
pub fn fold(text: &str) -> String {
    // Most text has no full-width forms: then it is used as it is, not copied.
    let half: Cow<str> = if text.chars().any(|c| half_width(c) != c) {
        Cow::Owned(text.chars().map(half_width).collect())
    } else {
        Cow::Borrowed(text)
    };
    let simplified = if half.chars().any(is_han) {
        Cow::Owned(fast2s::convert(&half))
    } else {
        half
    };
    lowercase(&simplified)
}

/// `str::to_lowercase`, without looking Han characters up in the case tables: they have no
/// case (see the tests).
fn lowercase(text: &str) -> String {
    if text.contains('Σ') {
        // Its lower case depends on the letters around it.
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_han(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether `c` is a letter or digit, as `char::is_alphanumeric`, answering the commonest Han
/// characters without a table search: every one of them is a letter (see the tests).
fn is_alphanumeric(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}') || c.is_alphanumeric()
}

/// The comparable core of a text: [`fold`]ed, with punctuation, symbols and spaces removed.
pub fn compact(text: &str) -> Vec<char> {
    compact_folded(&fold(text))
}

/// [`compact`] of a text already [`fold`]ed.
pub fn compact_folded(folded: &str) -> Vec<char> {
    // Sized once: collecting a filter would grow the vector step by step.
    let mut out = Vec::with_capacity(folded.chars().count());
    out.extend(folded.chars().filter(|&c| is_alphanumeric(c)));
    out
}

/// The ASCII words of a text, lower-cased (for English and pinyin matching).
pub fn words(text: &str) -> Vec<String> {
    words_folded(&fold(text))
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// [`words`] of a text already [`fold`]ed, borrowed from it.
pub fn words_folded(folded: &str) -> Vec<&str> {
    // Byte by byte: a word is a run of ASCII letters and digits, and no byte of any other
    // character is one.
    let mut out = Vec::new();
    let mut start = None;
    for (i, b) in folded.bytes().enumerate() {
        match (b.is_ascii_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&folded[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&folded[s..]);
    }
    out
}

/// Whether a folded text is only ASCII letters, digits, spaces and punctuation.
pub fn is_ascii_query(text: &str) -> bool {
    text.is_ascii()
}

/// The codes a query may contain, in the order found, as upper-case codes:
/// `51`, `5` (→ `05`), `[05]`, `(05)`, `05-`, `05 持卡人认证失败`, `交易失败(05)`, `A0 校验错`,
/// `USERPAYING`, `ACQ.SYSTEM_ERROR`. Two-letter words count only when typed in capitals (`ZY`),
/// so that pinyin initials such as `zy` are not taken for codes.
pub fn code_candidates(query: &str) -> Vec<String> {
    let half: String = query.chars().map(half_width).collect();
    let mut out = Vec::new();
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut Vec<String>| {
        let t = token.trim_matches(|c| c == '.' || c == '_');
        if let Some(code) = as_code(t)
            && !out.contains(&code)
        {
            out.push(code);
        }
        token.clear();
    };
    for c in half.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            token.push(c);
        } else {
            flush(&mut token, &mut out);
        }
    }
    flush(&mut token, &mut out);
    out
}

fn as_code(token: &str) -> Option<String> {
    let len = token.len();
    if len == 0 {
        return None;
    }
    let has_digit = token.chars().any(|c| c.is_ascii_digit());
    let all_digits = token.chars().all(|c| c.is_ascii_digit());
    let upper = token.to_ascii_uppercase();
    match len {
        1 if all_digits => Some(format!("0{token}")),
        2 if has_digit => Some(upper),
        // Two letters only when typed as capitals: `ZY` is a code, `zy` may be pinyin initials.
        2 if token.chars().all(|c| c.is_ascii_uppercase()) => Some(upper),
        // Longer tokens: QR codes (USERPAYING, ACQ.SYSTEM_ERROR) and numeric ones (10003).
        _ if len >= 3 => Some(upper),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_case_and_traditional_are_folded() {
        assert_eq!(fold("ＡＢＣ１２３"), "abc123");
        assert_eq!(fold("餘額不足"), "余额不足");
        assert_eq!(fold("印表機缺紙請裝紙"), "印表机缺纸请装纸");
        assert_eq!(compact("请稍后再试！"), compact("请稍后再试"));
        assert_eq!(
            compact(" 交易失败，请联系发卡行 "),
            "交易失败请联系发卡行".chars().collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_quick_paths_agree_with_std() {
        let all = (0..=0x10ffff).filter_map(char::from_u32);
        for c in all.clone().filter(|&c| is_han(c)) {
            assert!(c.to_lowercase().eq([c]), "{c:?} has a lower case");
        }
        for c in all.filter(|c| matches!(c, '\u{4e00}'..='\u{9fff}')) {
            assert!(c.is_alphanumeric(), "{c:?} is not a letter");
        }
        for s in ["ΣΑΣ Σ", "ABC 余额不足 ÀÉ İ", "ＡＢＣ", "ǅ ᾈ"] {
            assert_eq!(lowercase(s), s.to_lowercase());
        }
        for s in [
            "",
            "a",
            "余额 no-money ab1 x",
            " card  déclinée 5 ",
            "Ｃａｒｄ",
        ] {
            let by_chars: Vec<&str> = s
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words_folded(s), by_chars, "{s}");
        }
    }

    #[test]
    fn codes_are_found_in_every_dress() {
        let one = |q: &str| code_candidates(q).first().cloned();
        for (q, want) in [
            ("51", "51"),
            ("5", "05"),
            ("3", "03"),
            ("[05]", "05"),
            ("(55)", "55"),
            ("（５１）", "51"),
            ("05-", "05"),
            ("05 持卡人认证失败", "05"),
            ("交易失败(05)", "05"),
            ("交易失败，请联系发卡行(05)", "05"),
            ("a0 校验错", "A0"),
            ("A0校验错", "A0"),
            ("【54】过期卡", "54"),
            ("错误码：96", "96"),
            ("userpaying", "USERPAYING"),
            ("ACQ.SYSTEM_ERROR", "ACQ.SYSTEM_ERROR"),
            ("ZY", "ZY"),
        ] {
            assert_eq!(one(q).as_deref(), Some(want), "{q}");
        }
        assert_eq!(code_candidates("zy"), Vec::<String>::new());
        assert_eq!(code_candidates("余额不足"), Vec::<String>::new());
    }
}
