//! Chinese text that wraps between phrases, not inside a word.
//!
//! egui may break a line between any two Han characters, so a narrow column splits words:
//! "下/次", "营/业日". Text drawn here is cut into phrases at Chinese punctuation (after ，、；。！？,
//! and after ： unless a number follows, as in "下次：2026-12-07") and before " · ", and a line
//! breaks only between phrases, unless one phrase alone is wider than the whole line. Text without Han characters is an ordinary label: egui already wraps it
//! at spaces.

use egui::{RichText, TextWrapMode, Ui};

use crate::knowledge::load::is_han;

/// Characters a Chinese line may break after.
const BREAK_AFTER: &[char] = &['，', '、', '；', '。', '！', '？'];

/// Where a line may break before: the separator between facts.
const BREAK_BEFORE: &str = " · ";

/// `text` cut into the phrases a line may break between; joined again they are `text`.
pub fn phrases_of(text: &str) -> Vec<&str> {
    let mut phrases = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let rest = &text[end..];
        let colon = c == '：' && !rest.starts_with(|n: char| n.is_ascii_digit());
        if rest.starts_with(BREAK_BEFORE) || BREAK_AFTER.contains(&c) || colon {
            if end > start {
                phrases.push(&text[start..end]);
            }
            start = end;
        }
    }
    if start < text.len() {
        phrases.push(&text[start..]);
    }
    phrases
}

/// Draws `text`, styled by `style`, breaking lines only between its phrases ([`phrases_of`]).
/// Continuation lines start where the text started.
pub fn phrase_label(ui: &mut Ui, text: &str, style: impl Fn(&str) -> RichText) {
    if !text.chars().any(is_han) {
        ui.add(egui::Label::new(style(text)).wrap_mode(TextWrapMode::Wrap));
        return;
    }
    ui.horizontal_wrapped(|ui| {
        // Rows as close as the lines of one label.
        ui.spacing_mut().item_spacing = egui::Vec2::ZERO;
        ui.spacing_mut().interact_size.y = 0.0;
        let line = ui.available_width();
        for phrase in phrases_of(text) {
            let galley = egui::WidgetText::from(style(phrase)).into_galley(
                ui,
                Some(TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            if galley.size().x <= line {
                ui.add(egui::Label::new(galley).wrap_mode(TextWrapMode::Extend));
            } else {
                ui.add(egui::Label::new(style(phrase)).wrap_mode(TextWrapMode::Wrap));
            }
        }
    });
}

/// Quiet text kept whole on one line when it fits a line: in a wrapping row (the status line)
/// it moves down whole instead of breaking inside a word.
pub fn whole_muted(ui: &mut Ui, text: &str) {
    let colour = crate::ui::theme::palette(ui).muted;
    let rich = RichText::new(text).color(colour);
    let galley = egui::WidgetText::from(rich.clone()).into_galley(
        ui,
        Some(TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    if galley.size().x <= ui.max_rect().width() {
        ui.add(egui::Label::new(galley).wrap_mode(TextWrapMode::Extend));
    } else {
        phrase_label(ui, text, |t| RichText::new(t).color(colour));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_end_at_chinese_punctuation_and_before_the_fact_separator() {
        assert_eq!(
            phrases_of("每年 3 月 1 日，遇到休息日顺延到下一个营业日 · 下次：2027-03-01"),
            [
                "每年 3 月 1 日，",
                "遇到休息日顺延到下一个营业日",
                " · 下次：2027-03-01"
            ]
        );
        assert_eq!(
            phrases_of("接下来的日期：2026-11-30 周一，2026-12-31 周四"),
            ["接下来的日期：2026-11-30 周一，", "2026-12-31 周四"]
        );
        assert_eq!(
            phrases_of("休息日里不安排检查：每个任务可以顺延，或者跳过。"),
            ["休息日里不安排检查：", "每个任务可以顺延，", "或者跳过。"]
        );
        assert_eq!(phrases_of("开店检查"), ["开店检查"]);
        assert_eq!(phrases_of(""), Vec::<&str>::new());
    }

    #[test]
    fn the_phrases_join_back_into_the_text() {
        for text in [
            "休息日和节假日里不安排检查：每个任务可以选择顺延到下一个营业日，或者跳过。",
            "a · b · c",
            "，，",
            "every Monday, moved to the next open day",
        ] {
            assert_eq!(phrases_of(text).concat(), text);
        }
    }
}
