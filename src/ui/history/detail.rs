//! An entry's details: all its fields, the record behind it, its corrections, and the amend and
//! void forms (a reason is always required; the original is never changed).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use egui::{RichText, Ui};

use crate::history::entry::action_label;
use crate::history::entry::{MAX_AMEND, MAX_CORRECTION};
use crate::history::{
    Amendment, CorrectionAction, EntryDetail, Kind, SourceFact, correction_reason,
};
use crate::i18n::{Lang, T};
use crate::store::Store;
use crate::ui::command::Out;
use crate::ui::context::Context;
use crate::ui::history::HistoryCommand;
use crate::ui::theme::palette;
use crate::ui::widgets::{TextField, error_text, muted, title};

/// An amend or void being typed.
struct Correcting {
    id: i64,
    action: CorrectionAction,
    text: String,
    /// The device the entry belongs to (amend).
    device: Option<i64>,
    reason: String,
    error: Option<String>,
    /// Put the keyboard in the form's first field on the next frame.
    focus: bool,
}

/// The details panel's state.
#[derive(Default)]
pub struct DetailPanel {
    loaded: Option<EntryDetail>,
    stale: bool,
    correcting: Option<Correcting>,
    /// The entry the keyboard was last put on: a newly opened one gets it.
    focused: Option<i64>,
}

impl DetailPanel {
    /// Read the entry again when next shown.
    pub fn invalidate(&mut self) {
        self.stale = true;
    }

    /// A correction was stored: close the form.
    pub fn corrected(&mut self) {
        self.correcting = None;
        self.stale = true;
    }

    /// The panel was closed: its form goes, and the next entry opened gets the keyboard.
    pub fn close(&mut self) {
        self.correcting = None;
        self.focused = None;
    }

    /// Closes the correction form if one is open; returns whether one was.
    pub fn cancel_form(&mut self) -> bool {
        self.correcting.take().is_some()
    }

    /// Draws entry `id`'s details; returns whether the panel was closed.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        cx: &Context<'_>,
        id: i64,
        store: Option<&Arc<Mutex<Store>>>,
        pending: &mut Out<HistoryCommand>,
    ) -> bool {
        let lang = cx.lang;
        self.load(ui, id, store);
        if self.correcting.as_ref().is_some_and(|c| c.id != id) {
            self.correcting = None;
        }
        let mut close = false;
        egui::ScrollArea::vertical()
            .id_salt("history_detail")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let Some(detail) = self.loaded.clone().filter(|d| d.entry.id == id) else {
                    muted(ui, "…");
                    return;
                };
                ui.horizontal_wrapped(|ui| {
                    title(ui, lang.t(T::HistDetailTitle));
                    let button = ui.button(lang.t(T::Close));
                    if self.focused != Some(id) {
                        // Opened from the keyboard: the keyboard goes with it.
                        button.request_focus();
                        self.focused = Some(id);
                    }
                    close = button.clicked();
                });
                self.actions_ui(ui, cx, &detail, pending);
                entry_ui(ui, lang, &detail);
            });
        close
    }

    /// Reads entry `id` when it is not the one loaded, or was written since.
    fn load(&mut self, ui: &Ui, id: i64, store: Option<&Arc<Mutex<Store>>>) {
        let current = self.loaded.as_ref().is_some_and(|d| d.entry.id == id);
        if current && !self.stale {
            return;
        }
        match store.map(|s| s.try_lock()) {
            Some(Ok(s)) => {
                self.loaded = s.history_detail(id).ok().flatten();
                self.stale = false;
            }
            _ => ui.ctx().request_repaint_after(Duration::from_millis(50)),
        }
    }

    fn actions_ui(
        &mut self,
        ui: &mut Ui,
        cx: &Context<'_>,
        detail: &EntryDetail,
        out: &mut Out<HistoryCommand>,
    ) {
        let lang = cx.lang;
        let e = &detail.entry;
        if e.voided() {
            if let Some(c) = &e.correction {
                error_text(ui, &c.summary(lang));
            }
            return;
        }
        let Some(form) = &mut self.correcting else {
            ui.horizontal(|ui| {
                for (action, key) in [
                    (CorrectionAction::Amend, T::HistAmend),
                    (CorrectionAction::Void, T::HistVoid),
                ] {
                    if ui.button(lang.t(key)).clicked() {
                        self.correcting = Some(Correcting {
                            id: e.id,
                            action,
                            text: e.current_detail().to_owned(),
                            device: e.device_id,
                            reason: String::new(),
                            error: None,
                            focus: true,
                        });
                    }
                }
            });
            return;
        };
        if form_ui(ui, cx, form, e, out) {
            self.correcting = None;
        }
    }
}

/// The correction form: the buttons first (in view however long the text is), the help, the
/// corrected text and device (amend), the reason. Enter in the reason saves. Returns whether it
/// was cancelled; a form filled in is pushed as a command.
fn form_ui(
    ui: &mut Ui,
    cx: &Context<'_>,
    form: &mut Correcting,
    e: &crate::history::Entry,
    out: &mut Out<HistoryCommand>,
) -> bool {
    let lang = cx.lang;
    let (confirm_key, help) = match form.action {
        CorrectionAction::Amend => (T::HistAmendConfirm, T::HistAmendHelp),
        CorrectionAction::Void => (T::HistVoidConfirm, T::HistVoidHelp),
    };
    let (mut confirm, mut cancel) = (false, false);
    ui.horizontal(|ui| {
        confirm = ui
            .button(RichText::new(lang.t(confirm_key)).strong())
            .clicked();
        cancel = ui.button(lang.t(T::Cancel)).clicked();
    });
    muted(ui, lang.t(help));
    if let Some(message) = &form.error {
        error_text(ui, message);
    }
    let focus = std::mem::take(&mut form.focus);
    if form.action == CorrectionAction::Amend {
        let (response, refused) =
            TextField::new(lang.t(T::HistAmendText), &mut form.text, MAX_AMEND)
                .multiline()
                .show(ui, lang);
        if focus {
            response.request_focus();
        }
        if let Some(message) = refused {
            form.error = Some(message);
        }
        device_choice(ui, cx, &mut form.device);
    }
    let (reason, refused) =
        TextField::new(lang.t(T::HistReason), &mut form.reason, MAX_CORRECTION).show(ui, lang);
    if focus && form.action == CorrectionAction::Void {
        reason.request_focus();
    }
    if let Some(message) = refused {
        form.error = Some(message);
    }
    confirm |= reason.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.separator();
    if cancel {
        return true;
    }
    if confirm {
        match form_command(lang, form, e) {
            Ok(command) => {
                form.error = None;
                out.push(command);
            }
            Err(message) => form.error = Some(message),
        }
    }
    false
}

/// Which device the entry belongs to: every device of the registry (retired ones marked). A
/// choice closes the list and leaves the keyboard on it.
fn device_choice(ui: &mut Ui, cx: &Context<'_>, value: &mut Option<i64>) {
    let lang = cx.lang;
    let options = super::device_options(lang, cx);
    let none = lang.t(T::HistNoDevice);
    let shown = value
        .and_then(|v| options.iter().find(|(id, _)| *id == v))
        .map_or(none, |(_, name)| name.as_str());
    let label = ui.label(lang.t(T::HistAmendDevice));
    let mut chosen = false;
    let combo = egui::ComboBox::from_id_salt("history_amend_device")
        .selected_text(shown)
        .width(ui.available_width().min(300.0))
        .show_ui(ui, |ui| {
            for (id, name) in &options {
                if ui.selectable_value(value, Some(*id), name).clicked() {
                    chosen = true;
                    ui.close();
                }
            }
        });
    let combo = combo.response.labelled_by(label.id);
    if chosen {
        combo.request_focus();
    }
}

/// The command of a filled-in form, or why it is refused.
fn form_command(
    lang: Lang,
    form: &Correcting,
    e: &crate::history::Entry,
) -> Result<HistoryCommand, String> {
    let reason = correction_reason(lang, &form.reason)?;
    match form.action {
        CorrectionAction::Void => Ok(HistoryCommand::Void {
            id: form.id,
            reason,
        }),
        CorrectionAction::Amend => {
            let before = (e.current_detail(), e.device_id);
            let amendment = Amendment::check(lang, &form.text, form.device, before)?;
            Ok(HistoryCommand::Amend {
                id: form.id,
                amendment,
                reason,
            })
        }
    }
}

/// The entry as it now reads (a corrected text or device, marked, with what it was below), the
/// record behind it and its corrections.
fn entry_ui(ui: &mut Ui, lang: Lang, detail: &EntryDetail) {
    let e = &detail.entry;
    let corrected = |now: String, was: Option<String>| match was {
        Some(was) => Value {
            text: lang.fill(T::HistCorrectedValue, &[("text", &now)]),
            below: Some(was),
        },
        None => Value::plain(now),
    };
    let device = corrected(
        e.devices_shown(lang),
        e.moved_from.as_ref().map(|was| {
            let was = if was.is_empty() {
                lang.t(T::HistNoDevice)
            } else {
                was
            };
            lang.fill(T::HistMovedFrom, &[("device", was)])
        }),
    );
    // (A correction that only moved the entry to another device leaves its text unmarked.)
    let now = e.detail_in(lang);
    let original = e.original_detail_in(lang);
    let text_changed = e.amended() && now != original;
    let text = corrected(
        now,
        text_changed.then(|| lang.fill(T::HistOriginalText, &[("text", &original)])),
    );
    let rows = [
        (T::HistColTime, Value::plain(e.when_shown())),
        (T::HistColKind, Value::plain(e.kind_text(lang))),
        (T::HistColDevice, device),
        (T::HistColStaff, Value::plain(e.staff.clone())),
        (T::HistColSubject, Value::plain(e.subject.clone())),
        (T::HistColDetail, text),
    ];
    grid(
        ui,
        "history_entry",
        rows.into_iter().map(|(k, v)| (lang.t(k), v)),
    );
    if !detail.facts.is_empty() {
        ui.add_space(8.0);
        ui.strong(lang.t(T::HistSourceTitle));
        let facts = detail
            .facts
            .iter()
            .map(|f| (lang.t(f.label), Value::plain(fact_text(lang, f))));
        grid(ui, "history_source", facts);
    }
    ui.add_space(8.0);
    ui.strong(lang.t(T::HistCorrections));
    if detail.corrections.is_empty() {
        muted(ui, lang.t(T::HistNoCorrections));
    }
    let pal = palette(ui);
    for c in &detail.corrections {
        let when = c.at.replacen('T', " ", 1);
        let colour = if c.action == CorrectionAction::Void {
            pal.danger
        } else {
            pal.warn
        };
        ui.add(
            egui::Label::new(RichText::new(format!("{when}　{}", c.summary(lang))).color(colour))
                .wrap(),
        );
    }
}

/// A value of the details: its text, and a muted line below it (what a correction replaced).
struct Value {
    text: String,
    below: Option<String>,
}

impl Value {
    fn plain(text: String) -> Value {
        Value { text, below: None }
    }
}

/// Label and value rows; values wrap within the pane (a long file path never widens it).
fn grid(ui: &mut Ui, id: &str, rows: impl Iterator<Item = (&'static str, Value)>) {
    let value_width = (ui.available_width() - GRID_LABEL_WIDTH).max(120.0);
    egui::Grid::new(id)
        .num_columns(2)
        .spacing([12.0, 4.0])
        .max_col_width(value_width)
        .striped(true)
        .show(ui, |ui| {
            for (label, value) in rows.filter(|(_, v)| !v.text.is_empty()) {
                ui.vertical(|ui| muted(ui, label));
                ui.vertical(|ui| {
                    ui.add(egui::Label::new(value.text).wrap());
                    if let Some(below) = value.below {
                        muted(ui, &below);
                    }
                });
                ui.end_row();
            }
        });
}

/// The room the details' labels take, before their values (points).
const GRID_LABEL_WIDTH: f32 = 110.0;

/// What an incident was looked up as, by the entry's title: its id ("RC-98") means nothing to
/// the merchant. The merchant's own entries are named as theirs.
fn entry_title(lang: Lang, id: &str) -> String {
    if let Some(e) = crate::knowledge::builtin().iter().find(|e| e.id == id) {
        return e.text(lang).title.clone();
    }
    if id.starts_with("OWN-") {
        return lang.t(T::OwnBadge).to_owned();
    }
    id.to_owned()
}

/// A source fact as shown: codes in words, checklists and step lists one per line.
fn fact_text(lang: Lang, fact: &SourceFact) -> String {
    let v = fact.value.as_str();
    match fact.label {
        T::HistFactOutcome => {
            let kind = if v == "ok" {
                Some(Kind::Done)
            } else {
                Kind::from_code(v)
            };
            kind.map(|k| lang.t(k.label()).to_owned())
                .unwrap_or_else(|| v.to_owned())
        }
        T::HistFactStatus => match v {
            "open" => lang.t(T::HistStatusOpen).to_owned(),
            "resolved" => lang.t(T::HistActResolved).to_owned(),
            "escalated" => lang.t(T::HistActEscalated).to_owned(),
            _ => v.to_owned(),
        },
        T::HistFactAction => words(action_label(lang, Kind::Device, v), v),
        T::HistFactBackupKind => words(action_label(lang, Kind::Backup, v), v),
        T::HistFactChecklist | T::HistFactSteps => list_lines(v),
        T::HistFactEntry => entry_title(lang, v),
        _ => v.to_owned(),
    }
}

fn words(label: &str, code: &str) -> String {
    if label.is_empty() { code } else { label }.to_owned()
}

/// A JSON list of strings, of a checklist's `{item, ok}` ("✓ 打印纸", "× 网络灯"), or of an
/// emergency plan's ticks `{step, at, done}` as lines: each step once, as it was last ticked,
/// with its time ("✓ 重启终端并签到 (02:01)"; a step unticked again is "○").
fn list_lines(json: &str) -> String {
    if let Ok(ticks) = serde_json::from_str::<Vec<crate::emergency::StepTick>>(json) {
        return step_lines(&ticks);
    }
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str(json) else {
        return json.to_owned();
    };
    items
        .iter()
        .map(|item| match item {
            serde_json::Value::String(s) => format!("● {s}"),
            serde_json::Value::Object(o) => {
                let name = o.get("item").and_then(|v| v.as_str()).unwrap_or("");
                let ok = o.get("ok").and_then(|v| v.as_bool()).unwrap_or(false);
                format!("{} {name}", if ok { "✓" } else { "×" })
            }
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An emergency plan's ticks as lines, each step once, as it stands (see
/// [`crate::emergency::latest_ticks`]), with the time of a tick ("2026-12-06T02:01:33" → 02:01).
fn step_lines(ticks: &[crate::emergency::StepTick]) -> String {
    crate::emergency::latest_ticks(ticks)
        .into_iter()
        .map(|t| match (t.done, t.at.get(11..16)) {
            (true, Some(time)) => format!("✓ {} ({time})", t.step),
            (true, None) => format!("✓ {}", t.step),
            (false, _) => format!("○ {}", t.step),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An outage's ticks were shown as bare "×" (read as "missed"): each step is named once,
    /// as last ticked, with its time.
    #[test]
    fn an_outages_steps_are_named_with_their_times() {
        let json = r#"[{"step":"重启终端","at":"2026-12-06T02:01:33","done":true},
            {"step":"改用扫码收款","at":"2026-12-06T02:02:10","done":true},
            {"step":"改用扫码收款","at":"2026-12-06T02:03:00","done":false},
            {"step":"联系收单机构","at":"2026-12-06T02:04:00","done":true}]"#;
        assert_eq!(
            list_lines(json),
            "✓ 重启终端 (02:01)\n○ 改用扫码收款\n✓ 联系收单机构 (02:04)"
        );
        // A checklist keeps its marks.
        assert_eq!(
            list_lines(r#"[{"item":"打印纸","ok":true},{"item":"网络灯","ok":false}]"#),
            "✓ 打印纸\n× 网络灯"
        );
    }

    /// The merchant sees what an incident was looked up as, never the entry's id.
    #[test]
    fn an_incidents_entry_is_shown_by_its_title() {
        let fact = SourceFact::new(T::HistFactEntry, "RC-98".to_owned());
        let rc98 = crate::knowledge::builtin()
            .iter()
            .find(|e| e.id == "RC-98")
            .unwrap();
        for lang in Lang::ALL {
            let shown = fact_text(lang, &fact);
            assert_eq!(shown, rc98.text(lang).title);
            assert!(!shown.contains("RC-98"));
        }
        let own = SourceFact::new(T::HistFactEntry, "OWN-3".to_owned());
        assert_eq!(fact_text(Lang::Zh, &own), Lang::Zh.t(T::OwnBadge));
    }
}
