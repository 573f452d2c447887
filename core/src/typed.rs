//! What text typed (or pasted) by a person may not hold.

/// Whether `c` is a character that cannot be seen and changes what text around it says or how
/// it is shown, so it is refused in anything typed: a control character (line breaks aside,
/// where a field takes lines: see `keeps`), or a mark that reorders text (a right-to-left
/// override pasted into a device name flips what follows it in a spreadsheet or a browser).
/// `keeps`: the control characters the field allows (`'\n'` in a note).
pub fn is_hidden(c: char, keeps: &[char]) -> bool {
    (c.is_control() && !keeps.contains(&c))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without what cannot be seen ([`is_hidden`], line breaks and tabs kept) and without the
/// escape sequences pasted out of a coloured log (`ESC[31m`): a note pasted so was printed raw
/// by `poscare today` (turning the terminal red) and written raw into the CSV. For the free text
/// of notes, which are cleaned rather than refused.
pub fn cleaned(text: &str) -> String {
    crate::knowledge::normalize::without_escapes(text)
        .chars()
        .filter(|&c| !is_hidden(c, &['\n', '\t']))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_note_loses_escapes_and_controls_and_keeps_its_lines() {
        assert_eq!(
            cleaned("lights off\u{1}\u{1b}[31m red\ttab\nnext\u{202E}"),
            "lights off  red\ttab\nnext"
        );
        assert_eq!(cleaned("收银台 正常"), "收银台 正常");
    }

    #[test]
    fn controls_and_reordering_marks_are_hidden_and_plain_text_is_not() {
        for c in [
            '\0', '\u{7}', '\u{1b}', '\u{202E}', '\u{202A}', '\u{2066}', '\u{2069}',
        ] {
            assert!(is_hidden(c, &['\n']), "{c:?}");
        }
        assert!(is_hidden('\n', &[]));
        for c in ['a', '中', '，', '€', '\u{200B}', ' '] {
            assert!(!is_hidden(c, &[]), "{c:?}");
        }
        assert!(!is_hidden('\n', &['\n', '\t']));
    }
}
