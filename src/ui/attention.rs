//! The attention card on Today: the open warnings, at most three lines; the rest (and what to do)
//! on the Insights screen.

use egui::{RichText, Ui};

use crate::i18n::{Lang, T};
use crate::insights::Warning;
use crate::ui::theme::palette;

/// How many warnings the card lists.
pub const LINES: usize = 3;

/// Draws the card when a warning is open; `true` when "open Insights" was clicked.
pub fn attention_card(ui: &mut Ui, lang: Lang, warnings: &[Warning]) -> bool {
    let open: Vec<&Warning> = warnings.iter().filter(|w| !w.acknowledged).collect();
    if open.is_empty() {
        return false;
    }
    let pal = palette(ui);
    let mut clicked = false;
    ui.group(|ui| {
        ui.label(
            RichText::new(format!("⚠ {}", lang.t(T::TodayAttention)))
                .color(pal.warn)
                .strong(),
        );
        for w in open.iter().take(LINES) {
            ui.label(format!("• {}", w.headline(lang)));
        }
        ui.horizontal(|ui| {
            if open.len() > LINES {
                ui.label(lang.fill(
                    T::TodayAttentionMore,
                    &[("n", &(open.len() - LINES).to_string())],
                ));
            }
            clicked = ui.button(lang.t(T::TodayOpenInsights)).clicked();
        });
    });
    clicked
}
