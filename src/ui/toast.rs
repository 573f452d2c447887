//! The message line: what a command did or why it failed, shown over the status line at the
//! bottom right of the window, so it neither moves the page under the mouse nor hides the
//! screen's controls (a long message grows upwards from there). Confirmations go by themselves
//! after a while; errors stay until closed or until the next screen.

use std::time::{Duration, Instant};

use egui::{Align2, RichText};

use crate::i18n::{Lang, T};
use crate::ui::theme::palette;

/// How long a confirmation stays.
const OK_FOR: Duration = Duration::from_secs(8);

/// Where the message sits: over the status line, a few points in from the window's corner.
const TOAST_OFFSET: egui::Vec2 = egui::vec2(-6.0, -3.0);

/// Room kept beside a message's text for its close button.
const CLOSE_WIDTH: f32 = 32.0;

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
            .anchor(Align2::RIGHT_BOTTOM, TOAST_OFFSET)
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                let pal = palette(ui);
                let (mark, colour) = if self.ok {
                    ("✓", pal.ok)
                } else {
                    ("⚠", pal.danger)
                };
                egui::Frame::popup(ui.style())
                    .inner_margin(egui::Margin::symmetric(10, 3))
                    .stroke(egui::Stroke::new(1.5, colour))
                    .show(ui, |ui| {
                        // As wide as the status line beside the navigation, so most messages
                        // take one line there; never wider than the window (at 200 % on a
                        // small till a long message wraps instead of running off its left edge).
                        let window = ctx.content_rect().width();
                        let width = (window - 200.0)
                            .clamp(240.0, 900.0)
                            .min(window - 2.0 * TOAST_OFFSET.x.abs() - 24.0);
                        ui.set_max_width(width);
                        ui.horizontal_top(|ui| {
                            let text_width = (width - CLOSE_WIDTH).max(80.0);
                            ui.allocate_ui_with_layout(
                                egui::vec2(text_width, 0.0),
                                egui::Layout::top_down(egui::Align::LEFT),
                                |ui| {
                                    ui.set_max_width(text_width);
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(format!("{mark} {}", self.text))
                                                .color(colour),
                                        )
                                        .wrap(),
                                    );
                                },
                            );
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
