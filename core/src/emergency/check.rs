//! Checking typed text, and what is wrong with it.

use crate::i18n::{Lang, T};

/// Why something typed on the Emergency screen was refused. Nothing is saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A required field is empty (its label).
    Required(T),
    /// A text is too long (its label, the most allowed, its length).
    TooLong(T, usize, usize),
    /// A text holds control characters (its label).
    ControlChars(T),
    /// More lines than allowed (its label, the most allowed).
    TooManyLines(T, usize),
    /// The same step twice in one plan.
    DuplicateStep(String),
    /// A phone number with something other than digits, spaces and `+ - ( )`.
    BadPhone,
    /// An outage cannot end before it started.
    EndBeforeStart,
    /// A customer notice with neither a Chinese nor an English line.
    NoticeEmpty,
}

impl Problem {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Required(field) => lang.fill(T::EmErrRequired, &[("field", lang.t(*field))]),
            Problem::TooLong(field, max, len) => lang.fill(
                T::ErrTooLong,
                &[
                    ("field", lang.t(*field)),
                    ("max", &max.to_string()),
                    ("len", &len.to_string()),
                ],
            ),
            Problem::ControlChars(field) => {
                lang.fill(T::ErrControlChars, &[("field", lang.t(*field))])
            }
            Problem::TooManyLines(field, max) => lang.fill(
                T::EmErrTooManyLines,
                &[("field", lang.t(*field)), ("max", &max.to_string())],
            ),
            Problem::DuplicateStep(step) => lang.fill(
                T::EmErrDuplicateStep,
                &[("step", &crate::device::shorten(step, 40))],
            ),
            Problem::BadPhone => lang.t(T::EmErrBadPhone).to_owned(),
            Problem::EndBeforeStart => lang.t(T::EmErrEndBeforeStart).to_owned(),
            Problem::NoticeEmpty => lang.t(T::EmErrNoticeEmpty).to_owned(),
        }
    }
}

/// Trims `value` and checks it: at most `max` characters, no control characters (line breaks
/// allowed when `multiline`), not empty when `required`.
pub(crate) fn text(
    value: &str,
    max: usize,
    field: T,
    required: bool,
    multiline: bool,
) -> Result<String, Problem> {
    let v = value.trim();
    let len = v.chars().count();
    if len > max {
        return Err(Problem::TooLong(field, max, len));
    }
    let keeps: &[char] = if multiline { &['\n', '\t'] } else { &[] };
    if v.chars().any(|c| crate::typed::is_hidden(c, keeps)) {
        return Err(Problem::ControlChars(field));
    }
    if required && v.is_empty() {
        return Err(Problem::Required(field));
    }
    Ok(v.to_owned())
}

/// Checks each line of a list (empty lines dropped): at most `max_lines` of `max` characters.
pub(crate) fn lines(
    items: &[String],
    max_lines: usize,
    max: usize,
    field: T,
) -> Result<Vec<String>, Problem> {
    let mut out = Vec::new();
    for item in items {
        let item = text(item, max, field, false, false)?;
        if !item.is_empty() {
            out.push(item);
        }
    }
    if out.len() > max_lines {
        return Err(Problem::TooManyLines(field, max_lines));
    }
    Ok(out)
}

/// Splits text typed one item per line into its lines (blank ones dropped later by checking).
pub fn split_lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_bounded_and_clean() {
        assert_eq!(
            text("  好 ", 5, T::EmPlanTitle, true, false),
            Ok("好".into())
        );
        assert_eq!(
            text(" ", 5, T::EmPlanTitle, true, false),
            Err(Problem::Required(T::EmPlanTitle))
        );
        assert_eq!(
            text("abcdef", 5, T::EmPlanTitle, false, false),
            Err(Problem::TooLong(T::EmPlanTitle, 5, 6))
        );
        assert_eq!(
            text("a\u{7}b", 5, T::EmPlanTitle, false, false),
            Err(Problem::ControlChars(T::EmPlanTitle))
        );
        assert!(text("a\nb", 5, T::EmPlanTitle, false, true).is_ok());
        assert!(text("a\nb", 5, T::EmPlanTitle, false, false).is_err());
    }

    #[test]
    fn lines_drop_blanks_and_are_counted() {
        let items = split_lines("一\n\n  二 \n");
        assert_eq!(
            lines(&items, 2, 10, T::EmPlanSteps),
            Ok(vec!["一".into(), "二".into()])
        );
        assert_eq!(
            lines(&items, 1, 10, T::EmPlanSteps),
            Err(Problem::TooManyLines(T::EmPlanSteps, 1))
        );
    }

    #[test]
    fn every_problem_has_a_message_in_both_languages() {
        let all = [
            Problem::Required(T::EmPlanTitle),
            Problem::TooLong(T::EmPlanTitle, 80, 81),
            Problem::ControlChars(T::EmPlanTitle),
            Problem::TooManyLines(T::EmPlanSteps, 30),
            Problem::DuplicateStep("重新签到".into()),
            Problem::BadPhone,
            Problem::EndBeforeStart,
            Problem::NoticeEmpty,
        ];
        for p in all {
            for lang in Lang::ALL {
                let m = p.message(lang);
                assert!(!m.is_empty() && !m.contains('{'), "{p:?} {lang:?}: {m}");
            }
        }
    }
}
