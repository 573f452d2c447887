//! The customer notice: choosing a text, and the full-screen sign drawn over everything.

use egui::{Align, Color32, Layout, RichText, Ui, UiBuilder, vec2};

use super::EmergencyCommand;
use crate::emergency::{NoticeText, ReadyNotice};
use crate::i18n::{Lang, T};
use crate::ui::command::Out;
use crate::ui::widgets::{TextField, error_text, muted, named_button};

/// The sign's background: a saturated amber that reads from across the shop.
const BACKGROUND: Color32 = Color32::from_rgb(255, 214, 0);
/// The sign's text: near black on the amber.
const INK: Color32 = Color32::from_rgb(20, 20, 20);

/// Choosing and showing the customer notice.
#[derive(Default)]
pub struct NoticeState {
    /// The merchant's own notice as stored.
    own: Option<NoticeText>,
    picking: bool,
    draft: NoticeText,
    problem: Option<String>,
    showing: Option<NoticeText>,
    /// Whether the window was asked to go full screen.
    fullscreen: bool,
}

impl NoticeState {
    /// Takes the stored own notice; the form starts from it.
    pub fn load(&mut self, own: Option<NoticeText>) {
        if own != self.own {
            self.draft = own.clone().unwrap_or_default();
        }
        self.own = own;
    }

    /// Whether the notice is up (the screen then leaves Esc to it).
    pub fn showing(&self) -> Option<&NoticeText> {
        self.showing.as_ref()
    }

    /// Opens the choice of notices.
    pub fn open_picker(&mut self) {
        self.picking = true;
        self.problem = None;
    }

    /// The notice the big button puts up at once: the merchant's own when there is one, else
    /// "card payments are down, pay by QR code or cash".
    fn first_choice(&self) -> NoticeText {
        self.own
            .clone()
            .unwrap_or_else(|| ReadyNotice::ALL[0].text())
    }

    /// The big button that puts the notice up at once, and the smaller one beside it that opens
    /// the choice of other notices (and the merchant's own).
    pub fn button_ui(&mut self, ui: &mut Ui, lang: Lang) {
        let button = egui::Button::new(
            RichText::new(lang.t(T::EmShowNotice))
                .size(22.0)
                .strong()
                .color(INK),
        )
        .fill(BACKGROUND)
        .min_size(vec2(260.0, 52.0));
        let first = self.first_choice();
        let name = lang.fill(
            T::EmNoticeShowName,
            &[(
                "text",
                match lang {
                    Lang::Zh if !first.zh.is_empty() => &first.zh,
                    _ if first.en.is_empty() => &first.zh,
                    _ => &first.en,
                },
            )],
        );
        if ui.add(button).on_hover_text(&name).clicked() {
            self.show(first);
        }
        let other = egui::Button::new(lang.t(T::EmNoticeOther));
        if ui.add_enabled(!self.picking, other).clicked() {
            self.open_picker();
        }
    }

    /// The ready notices and the merchant's own, when the choice is open.
    pub fn picker_ui(&mut self, ui: &mut Ui, lang: Lang, out: &mut Out<EmergencyCommand>) {
        if !self.picking {
            return;
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                muted(ui, lang.t(T::EmNoticeChoose));
                if ui.button(lang.t(T::EmNoticeHide)).clicked() {
                    self.picking = false;
                }
            });
            ui.horizontal_wrapped(|ui| {
                for ready in ReadyNotice::ALL {
                    let text = ready.text();
                    let (first, second) = match lang {
                        Lang::Zh => (&text.zh, &text.en),
                        Lang::En => (&text.en, &text.zh),
                    };
                    let shown = RichText::new(format!("{first}\n{second}")).size(17.0);
                    let name = lang.fill(T::EmNoticeShowName, &[("text", first)]);
                    if named_button(ui, shown, &name).clicked() {
                        self.show(text);
                    }
                }
            });
            ui.add_space(6.0);
            ui.strong(lang.t(T::EmNoticeOwnHeading));
            for (key, value) in [
                (T::EmNoticeZh, &mut self.draft.zh),
                (T::EmNoticeEn, &mut self.draft.en),
            ] {
                let (_, refusal) =
                    TextField::new(lang.t(key), value, crate::emergency::notice::MAX_LINE)
                        .width(520.0)
                        .show(ui, lang);
                if refusal.is_some() {
                    self.problem = refusal;
                }
            }
            if let Some(problem) = &self.problem {
                error_text(ui, problem);
            }
            ui.horizontal(|ui| {
                let save = ui.button(lang.t(T::EmNoticeSaveOwn)).clicked();
                let show = ui.button(lang.t(T::EmNoticeShowOwn)).clicked();
                if save || show {
                    match self.draft.clone().validate() {
                        Ok(text) => {
                            self.problem = None;
                            if self.own.as_ref() != Some(&text) {
                                out.push(EmergencyCommand::SaveNotice(text.clone()));
                            }
                            if show {
                                self.show(text);
                            }
                        }
                        Err(problem) => self.problem = Some(problem.message(lang)),
                    }
                }
            });
        });
    }

    fn show(&mut self, text: NoticeText) {
        self.showing = Some(text);
        self.picking = false;
    }

    /// Draws the sign over the whole window while it is up; Esc or the close button takes it
    /// down. The OS window goes full screen with it and back when it closes.
    pub fn overlay_ui(&mut self, ctx: &egui::Context, lang: Lang) {
        let Some(text) = self.showing.clone() else {
            if self.fullscreen {
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                self.fullscreen = false;
            }
            return;
        };
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            self.showing = None;
            ctx.request_repaint();
            return;
        }
        if !self.fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
            self.fullscreen = true;
        }
        let rect = ctx.content_rect();
        let mut close = false;
        egui::Area::new(egui::Id::unique("customer_notice"))
            .order(egui::Order::Foreground)
            .fixed_pos(rect.min)
            .constrain(false)
            .show(ctx, |ui| {
                ui.set_min_size(rect.size());
                ui.painter().rect_filled(rect, 0.0, BACKGROUND);
                // Clicks on the sign go nowhere: nothing underneath can be pressed by accident.
                ui.interact(rect, ui.scope_id().with("cover"), egui::Sense::click());
                let close_rect = egui::Rect::from_min_size(
                    rect.right_top() + vec2(-300.0, 16.0),
                    vec2(284.0, 44.0),
                );
                let button = egui::Button::new(
                    RichText::new(lang.t(T::EmNoticeClose))
                        .size(18.0)
                        .color(INK),
                )
                .fill(Color32::from_rgb(255, 236, 140));
                close = ui.put(close_rect, button).clicked();
                let body = rect.shrink2(vec2(rect.width() * 0.05, rect.height() * 0.12));
                ui.scope_builder(
                    UiBuilder::new()
                        .max_rect(body)
                        .layout(Layout::top_down(Align::Center)),
                    |ui| sign_ui(ui, &text, lang, body.width(), body.height()),
                );
            });
        if close {
            self.showing = None;
            ctx.request_repaint();
        }
    }
}

/// The two lines in the largest type that fits the width, centred on the sign: the line in
/// the shop's language first and largest, the other under it (an English café's customers
/// read English first; a walk found the Chinese line twice the size of the English one).
fn sign_ui(ui: &mut Ui, text: &NoticeText, lang: Lang, width: f32, height: f32) {
    // A Han character is about one em wide, Latin text about half an em on average.
    let em_wide = |line: &str, per_char: f32| line.chars().count().max(1) as f32 * per_char;
    let zh = (&text.zh, em_wide(&text.zh, 1.0));
    let en = (&text.en, em_wide(&text.en, 0.5));
    let (first, second) = match lang {
        Lang::Zh => (zh, en),
        Lang::En => (en, zh),
    };
    let gap = height * 0.08;
    let first_size = (width / first.1).clamp(36.0, 150.0);
    // (The second line is the smaller, however short: "刷卡暂停…" fits larger type than the
    // English sentence above it, and must not outshout it.)
    let second_size = (width / second.1)
        .clamp(28.0, 84.0)
        .min(first_size * 0.6)
        .max(28.0);
    let galleys: Vec<_> = [(first.0, first_size), (second.0, second_size)]
        .into_iter()
        .filter(|(line, _)| !line.is_empty())
        .map(|(line, size)| {
            ui.painter()
                .layout(line.clone(), egui::FontId::proportional(size), INK, width)
        })
        .collect();
    let total: f32 = galleys.iter().map(|g| g.size().y).sum::<f32>()
        + gap * (galleys.len().saturating_sub(1)) as f32;
    ui.add_space(((height - total) / 2.0).max(0.0));
    for (i, galley) in galleys.into_iter().enumerate() {
        if i > 0 {
            ui.add_space(gap);
        }
        ui.label(galley);
    }
}
