//! The message line: what a command did or why it failed, shown over the bottom right of the
//! window so it never moves the page under the mouse. Confirmations go by themselves after a
//! while; errors stay until closed or until the next screen.

use std::time::{Duration, Instant};

use egui::{Align2, RichText};

use crate::i18n::{Lang, T};
use crate::ui::theme::palette;

/// How long a confirmation stays.
const OK_FOR: Duration = Duration::from_secs(8);

/// A message for the person at the till.
pub struct Toast {
    /// The text.
    pub text: String,
    /// A confirmation (green, goes by itself) rather than an error (red, stays).
    pub ok: bool,
    shown: Instant,
}

impl Toast {
    /// A message shown from now.
    pub fn new(text: String, ok: bool) -> Self {
        Toast {
            text,
            ok,
            shown: Instant::now(),
        }
    }

    /// Whether a confirmation has been up long enough to go.
    pub fn expired(&self) -> bool {
        self.ok && self.shown.elapsed() >= OK_FOR
    }

    /// Draws the message; `true` when it was closed.
    pub fn show(&self, ctx: &egui::Context, lang: Lang) -> bool {
        if self.ok {
            ctx.request_repaint_after(OK_FOR.saturating_sub(self.shown.elapsed()));
        }
        let mut close = false;
        egui::Area::new(egui::Id::unique("toast"))
            .anchor(Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -44.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                let pal = palette(ui);
                let (mark, colour) = if self.ok {
                    ("✓", pal.ok)
                } else {
                    ("⚠", pal.danger)
                };
                egui::Frame::popup(ui.style())
                    .stroke(egui::Stroke::new(1.5, colour))
                    .show(ui, |ui| {
                        let width = (ctx.content_rect().width() - 220.0).clamp(240.0, 620.0);
                        ui.set_max_width(width);
                        ui.horizontal_top(|ui| {
                            ui.label(RichText::new(format!("{mark} {}", self.text)).color(colour));
                            close = ui
                                .small_button("×")
                                .on_hover_text(lang.t(T::Close))
                                .clicked();
                        });
                    });
            });
        close
    }
}
