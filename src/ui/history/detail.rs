//! An entry's details: all its fields, the record behind it, its corrections, and the amend and
//! void forms (a reason is always required; the original is never changed).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use egui::{RichText, Ui};

use crate::history::entry::action_label;
use crate::history::entry::{MAX_AMEND, MAX_CORRECTION};
use crate::history::{CorrectionAction, EntryDetail, Kind, SourceFact, correction_reason};
use crate::i18n::{Lang, T};
use crate::store::Store;
use crate::ui::command::Out;
use crate::ui::history::HistoryCommand;
use crate::ui::theme::palette;
use crate::ui::widgets::{TextField, error_text, muted, title};

/// An amend or void being typed.
struct Correcting {
    id: i64,
    action: CorrectionAction,
    text: String,
    reason: String,
    error: Option<String>,
}

/// The details panel's state.
#[derive(Default)]
pub struct DetailPanel {
    loaded: Option<EntryDetail>,
    stale: bool,
    correcting: Option<Correcting>,
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

    /// Draws entry `id`'s details; returns whether the panel was closed.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        id: i64,
        store: Option<&Arc<Mutex<Store>>>,
        pending: &mut Out<HistoryCommand>,
    ) -> bool {
        let current = self.loaded.as_ref().is_some_and(|d| d.entry.id == id);
        if !current || self.stale {
            match store.map(|s| s.try_lock()) {
                Some(Ok(s)) => {
                    self.loaded = s.history_detail(id).ok().flatten();
                    self.stale = false;
                }
                _ => ui.ctx().request_repaint_after(Duration::from_millis(50)),
            }
        }
        if self.correcting.as_ref().is_some_and(|c| c.id != id) {
            self.correcting = None;
        }
        let mut close = false;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let Some(detail) = self.loaded.as_ref().filter(|d| d.entry.id == id) else {
                    muted(ui, "…");
                    return;
                };
                let detail = detail.clone();
                ui.horizontal(|ui| {
                    title(ui, lang.t(T::HistDetailTitle));
                    close = ui.button(lang.t(T::Close)).clicked();
                });
                self.actions_ui(ui, lang, &detail, pending);
                entry_ui(ui, lang, &detail);
            });
        close
    }

    fn actions_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        detail: &EntryDetail,
        out: &mut Out<HistoryCommand>,
    ) {
        let e = &detail.entry;
        if e.voided() {
            if let Some(c) = &e.correction {
                error_text(ui, &c.summary(lang));
            }
            return;
        }
        if self.correcting.is_none() {
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
                            reason: String::new(),
                            error: None,
                        });
                    }
                }
            });
            return;
        }
        let Some(form) = &mut self.correcting else {
            return;
        };
        // The buttons come first, so they are in view however long the text is.
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
        if form.action == CorrectionAction::Amend {
            let (_, refused) = TextField::new(lang.t(T::HistAmendText), &mut form.text, MAX_AMEND)
                .multiline()
                .show(ui, lang);
            if let Some(message) = refused {
                form.error = Some(message);
            }
        }
        let (_, refused) =
            TextField::new(lang.t(T::HistReason), &mut form.reason, MAX_CORRECTION).show(ui, lang);
        if let Some(message) = refused {
            form.error = Some(message);
        }
        ui.separator();
        if cancel {
            self.correcting = None;
            return;
        }
        if confirm {
            match form_command(lang, form) {
                Ok(command) => {
                    form.error = None;
                    out.push(command);
                }
                Err(message) => form.error = Some(message),
            }
        }
    }
}

/// The command of a filled-in form, or why it is refused.
fn form_command(lang: Lang, form: &Correcting) -> Result<HistoryCommand, String> {
    let reason = correction_reason(lang, &form.reason)?;
    match form.action {
        CorrectionAction::Void => Ok(HistoryCommand::Void {
            id: form.id,
            reason,
        }),
        CorrectionAction::Amend => {
            let text = form.text.trim();
            if text.is_empty() {
                return Err(lang.t(T::HistErrAmendText).to_owned());
            }
            if text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r')
            {
                return Err(lang.t(T::HistErrControl).to_owned());
            }
            Ok(HistoryCommand::Amend {
                id: form.id,
                text: text.to_owned(),
                reason,
            })
        }
    }
}

/// The entry's fields, the record behind it and its corrections.
fn entry_ui(ui: &mut Ui, lang: Lang, detail: &EntryDetail) {
    let e = &detail.entry;
    let rows = [
        (T::HistColTime, e.when_shown()),
        (T::HistColKind, e.kind_text(lang)),
        (T::HistColDevice, e.device.clone()),
        (T::HistColStaff, e.staff.clone()),
        (T::HistColSubject, e.subject.clone()),
        (T::HistColDetail, e.detail.clone()),
    ];
    grid(
        ui,
        "history_entry",
        rows.iter().map(|(k, v)| (lang.t(*k), v.clone())),
    );
    if !detail.facts.is_empty() {
        ui.add_space(8.0);
        ui.strong(lang.t(T::HistSourceTitle));
        let facts = detail
            .facts
            .iter()
            .map(|f| (lang.t(f.label), fact_text(lang, f)));
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
        ui.label(RichText::new(format!("{when}　{}", c.summary(lang))).color(colour));
    }
}

fn grid(ui: &mut Ui, id: &str, rows: impl Iterator<Item = (&'static str, String)>) {
    egui::Grid::new(id)
        .num_columns(2)
        .spacing([12.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for (label, value) in rows.filter(|(_, v)| !v.is_empty()) {
                muted(ui, label);
                ui.label(value);
                ui.end_row();
            }
        });
}

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

/// A JSON list of strings or of `{item, ok}` as lines ("✓ 打印纸", "× 网络灯").
fn list_lines(json: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
