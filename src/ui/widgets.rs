//! Small widgets shared by the screens.

use egui::{Response, RichText, Ui};

use crate::i18n::{Lang, T};
use crate::ui::theme::palette;

/// The longest path a file or folder box takes.
pub const PATH_CHARS: usize = 1000;
/// The longest text a date box takes (a date in any accepted form).
pub const DATE_CHARS: usize = 20;

/// A labelled text box whose accessible name is its label. Text that would make it longer than
/// `max_chars` (a 1 MB paste, say) is refused: the box keeps its old text and the returned
/// message says why, so the window never has to lay out a megabyte.
pub struct TextField<'a> {
    label: &'a str,
    value: &'a mut String,
    max_chars: usize,
    hint: Option<&'a str>,
    multiline: bool,
    width: f32,
}

impl<'a> TextField<'a> {
    /// A one-line field.
    pub fn new(label: &'a str, value: &'a mut String, max_chars: usize) -> Self {
        TextField {
            label,
            value,
            max_chars,
            hint: None,
            multiline: false,
            width: f32::INFINITY,
        }
    }

    /// Grey text shown while the field is empty.
    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Several lines.
    pub fn multiline(mut self) -> Self {
        self.multiline = true;
        self
    }

    /// The field's width (default: all there is).
    pub fn width(mut self, width: f32) -> Self {
        self.width = width;
        self
    }

    /// Shows the label before the box (above it, or beside it in a horizontal layout); returns the box's response and a refusal, if text was refused.
    pub fn show(self, ui: &mut Ui, lang: Lang) -> (Response, Option<String>) {
        let label = ui.label(self.label);
        let before = self.value.clone();
        let id = ui.make_persistent_id(("text-field", self.label));
        // A paste longer than the field can ever hold is refused before the box sees it: laid
        // out, a megabyte of text holds the window for a second and leaves its memory in pieces.
        let mut pasted_past_limit = None;
        let mut pasting = false;
        if ui.memory(|m| m.has_focus(id)) {
            ui.input_mut(|input| {
                pasting = input
                    .events
                    .iter()
                    .any(|e| matches!(e, egui::Event::Paste(_)));
                input.events.retain(|event| match event {
                    egui::Event::Paste(text) if text.chars().count() > self.max_chars => {
                        pasted_past_limit = Some(text.chars().count());
                        false
                    }
                    _ => true,
                });
            });
        }
        let mut edit = if self.multiline {
            egui::TextEdit::multiline(self.value).desired_rows(3)
        } else {
            egui::TextEdit::singleline(self.value)
        }
        // Never wider than the space there is (a narrow window, a large zoom).
        .desired_width(self.width.min(ui.available_width()))
        // Named by its label, not by its place: a message that appears or goes above it (a
        // form's "2 fields need attention") must not take the keyboard away mid-word (a
        // walkthrough typed "收银台2号终端" and kept "收").
        .id(id);
        if let Some(hint) = self.hint {
            edit = edit.hint_text(hint);
        }
        let response = ui.add(edit).labelled_by(label.id);
        // ("That is too long (N characters)": the text pasted, whatever it would have replaced.)
        let mut refusal =
            pasted_past_limit.map(|pasted| self.refusal(lang, T::ErrPasteRefused, pasted));
        if response.changed() {
            let len = self.value.chars().count();
            if len > self.max_chars {
                if pasting {
                    // A paste that does not fit is refused whole, the field as it was.
                    *self.value = before;
                    refusal = Some(self.refusal(lang, T::ErrPasteRefused, len));
                } else {
                    // Typed past the limit (fast, by a scanner, or in a slow frame): what fits
                    // is kept, the rest refused; never a whole burst dropped and the typing
                    // after it joined on with a gap (a fault tester's name lost its middle).
                    let at = keep_typed(self.value, &before, self.max_chars);
                    if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) {
                        let cursor = egui::text::CCursor::new(at);
                        state
                            .cursor
                            .set_char_range(Some(egui::text::CCursorRange::one(cursor)));
                        state.store(ui.ctx(), id);
                    }
                    refusal = Some(self.refusal(lang, T::ErrTypedTooLong, len));
                }
            }
        }
        (response, refusal)
    }

    /// The message refusing `len` characters (`key`: typed past the limit, or pasted).
    fn refusal(&self, lang: Lang, key: T, len: usize) -> String {
        lang.fill(
            key,
            &[
                ("len", &len.to_string()),
                ("field", self.label),
                ("max", &self.max_chars.to_string()),
            ],
        )
    }
}

/// Cuts `value` (`before` with characters typed into it) to `max` characters by keeping only as
/// many of the typed ones as fit, where they were typed; returns where they end (the cursor).
fn keep_typed(value: &mut String, before: &str, max: usize) -> usize {
    let now: Vec<char> = value.chars().collect();
    let was: Vec<char> = before.chars().collect();
    let prefix = now.iter().zip(&was).take_while(|(a, b)| a == b).count();
    let suffix = now[prefix..]
        .iter()
        .rev()
        .zip(was[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let typed = &now[prefix..now.len() - suffix];
    let room = max.saturating_sub(prefix + suffix);
    let kept: String = now[..prefix]
        .iter()
        .chain(typed.iter().take(room))
        .chain(&now[now.len() - suffix..])
        .collect();
    *value = kept;
    prefix + typed.len().min(room)
}

/// Gives `response` the keyboard once, when `pending` (then cleared): a form that opens has its
/// first field ready for typing.
pub fn focus_once(response: &Response, pending: &mut bool) {
    if std::mem::take(pending) {
        response.request_focus();
    }
}

/// A problem message under a field: a warning sign and red text (never colour alone).
pub fn error_text(ui: &mut Ui, message: &str) {
    let colour = palette(ui).danger;
    ui.label(RichText::new(format!("⚠ {message}")).color(colour));
}

/// "N fields need attention" above or below a form, when it has problems (nothing otherwise).
pub fn form_problems(ui: &mut Ui, lang: Lang, problems: usize) {
    if problems > 0 {
        error_text(
            ui,
            &lang.fill(T::FormHasProblems, &[("n", &problems.to_string())]),
        );
    }
}

/// A confirmation message: a tick and green text.
pub fn ok_text(ui: &mut Ui, message: &str) {
    let colour = palette(ui).ok;
    ui.label(RichText::new(format!("✓ {message}")).color(colour));
}

/// Secondary, quieter text.
pub fn muted(ui: &mut Ui, text: &str) {
    let colour = palette(ui).muted;
    ui.label(RichText::new(text).color(colour));
}

/// A screen or panel title: large and in the strongest text colour.
pub fn title(ui: &mut Ui, text: &str) -> Response {
    let colour = ui.visuals().strong_text_color();
    ui.label(RichText::new(text).heading().color(colour))
}

/// A selectable button showing `text` whose accessible name is `name`: for a short visible
/// label ("⚠ 有问题") that a screen reader (and a test) should hear in full ("有问题：纸卷").
pub fn named_toggle(
    ui: &mut Ui,
    selected: bool,
    text: impl Into<egui::WidgetText>,
    name: &str,
) -> Response {
    let response = ui.add(egui::Button::selectable(selected, text));
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, name));
    response
}

/// A radio button showing `text` whose accessible name is `name` (see [`named_toggle`]): one of
/// several choices that should look like one.
pub fn named_radio(
    ui: &mut Ui,
    selected: bool,
    text: impl Into<egui::WidgetText>,
    name: &str,
) -> Response {
    let response = ui.radio(selected, text);
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::RadioButton, true, selected, name));
    response
}

/// A button showing `text` whose accessible name is `name` (see [`named_toggle`]).
pub fn named_button(ui: &mut Ui, text: impl Into<egui::WidgetText>, name: &str) -> Response {
    named_button_if(ui, true, text, name)
}

/// A [`named_button`] that greys (keeping its place) unless `enabled`.
pub fn named_button_if(
    ui: &mut Ui,
    enabled: bool,
    text: impl Into<egui::WidgetText>,
    name: &str,
) -> Response {
    let response = ui.add_enabled(enabled, egui::Button::new(text));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, name));
    response
}

/// A form's title with its "✓ Save" and "Cancel" buttons beside it, so they are in view however
/// long the form is. Returns (save, cancel) clicks.
pub fn form_header(ui: &mut Ui, lang: Lang, heading: &str) -> (bool, bool) {
    let (mut save, mut cancel) = (false, false);
    ui.horizontal(|ui| {
        title(ui, heading);
        ui.add_space(12.0);
        save = ui
            .button(RichText::new(format!("✓ {}", lang.t(T::Save))).strong())
            .clicked();
        cancel = ui.button(lang.t(T::Cancel)).clicked();
    });
    (save, cancel)
}

/// How long, in seconds, a question asked in place takes no click on "yes" ([`ask`]): past
/// Windows' own double-click time (half a second), which a walk's slower double-click reached.
pub const ASK_SETTLE: f64 = 0.6;

/// Whether what `id` names first appeared less than [`ASK_SETTLE`] ago (asking for a repaint
/// when it settles): a click in that moment was meant for what was under the pointer before
/// (the second click of a double-click).
pub fn just_appeared(ui: &Ui, id: egui::Id) -> bool {
    let now = ui.input(|i| i.time);
    let shown = ui.data_mut(|d| *d.get_temp_mut_or_insert_with(id, || now));
    let settling = ASK_SETTLE - (now - shown);
    if settling > 0.0 {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(settling));
    }
    settling > 0.0
}

/// How a question asked in place was answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Not yet.
    Waiting,
    /// Go ahead.
    Yes,
    /// Do not.
    No,
}

/// A question asked in place, before something is hidden or ended: the question (in the
/// warning colour, with its sign) and its two answers, `(yes, no)`. `focus` puts the keyboard on
/// "yes" the first time it is drawn; Esc answers "no". A click on "yes" within
/// [`ASK_SETTLE`] of the question appearing is not taken: the question takes the place of the
/// button that asked it, and a double-click on that button would answer it unread (a drill with
/// nothing practised recorded as done).
pub fn ask(ui: &mut Ui, question: &str, (yes, no): (&str, &str), focus: &mut bool) -> Answer {
    let colour = palette(ui).warn;
    ui.label(RichText::new(format!("⚠ {question}")).color(colour));
    let now = ui.input(|i| i.time);
    let shown_id = ui.scope_id().with("ask-shown");
    let first = *focus;
    let shown = ui.data_mut(|d| {
        if first {
            d.insert_temp(shown_id, now);
        }
        d.get_temp(shown_id).unwrap_or(now)
    });
    let settling = ASK_SETTLE - (now - shown);
    if settling > 0.0 {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(settling));
    }
    let mut answer = Answer::Waiting;
    ui.horizontal_wrapped(|ui| {
        let yes = ui.button(RichText::new(yes).strong());
        if std::mem::take(focus) {
            yes.request_focus();
        }
        // (The keyboard's Enter on "yes" is meant: it was put there.)
        let by_pointer = yes.clicked_by(egui::PointerButton::Primary);
        if yes.clicked() && (settling <= 0.0 || !by_pointer) {
            answer = Answer::Yes;
        } else if ui.button(no).clicked() {
            answer = Answer::No;
        }
    });
    if answer == Answer::Waiting && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        answer = Answer::No;
    }
    answer
}

/// A date and time as every screen shows it: `2026-10-08 10:15`.
pub fn show_time(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// The width of a dialog's text: `most`, or less on a narrow window (a 1024-pixel till at 200 %
/// is 512 points wide), so the dialog and its frame stay inside the window.
pub fn modal_width(ctx: &egui::Context, most: f32) -> f32 {
    most.min(ctx.content_rect().width() - 64.0).max(160.0)
}

#[cfg(test)]
mod tests {
    use super::keep_typed;

    #[test]
    fn typing_past_a_limit_keeps_what_fits_where_it_was_typed() {
        let mut v = "abcXYZ".to_owned();
        assert_eq!(keep_typed(&mut v, "abc", 5), 5);
        assert_eq!(v, "abcXY");
        // In the middle, over a selection ("cd" replaced).
        let mut v = "abXYZef".to_owned();
        assert_eq!(keep_typed(&mut v, "abcdef", 6), 4);
        assert_eq!(v, "abXYef");
        let mut v = "好好好".to_owned();
        assert_eq!(keep_typed(&mut v, "好", 2), 2);
        assert_eq!(v, "好好");
    }
}
