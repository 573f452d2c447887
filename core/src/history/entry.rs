//! One entry of the timeline, its kind, and its corrections.

use chrono::NaiveDate;

use crate::i18n::{Lang, T};

/// What kind of thing happened. The task kinds say how the task went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A task done on time.
    Done,
    /// A task done after its due date.
    Late,
    /// A task not done.
    Missed,
    /// A task skipped, with a reason.
    Skipped,
    /// A task done, with a problem found.
    Problem,
    /// An incident opened, worked on, resolved, escalated or reopened.
    Incident,
    /// An outage (a plan run for real).
    Outage,
    /// An emergency drill.
    Drill,
    /// A training.
    Training,
    /// A backup written or restored.
    Backup,
    /// A device added, edited, retired or reinstated.
    Device,
}

impl Kind {
    /// Every kind, in the order the filter shows them.
    pub const ALL: [Kind; 11] = [
        Kind::Done,
        Kind::Late,
        Kind::Missed,
        Kind::Skipped,
        Kind::Problem,
        Kind::Incident,
        Kind::Outage,
        Kind::Drill,
        Kind::Training,
        Kind::Backup,
        Kind::Device,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Done => "done",
            Kind::Late => "late",
            Kind::Missed => "missed",
            Kind::Skipped => "skipped",
            Kind::Problem => "problem",
            Kind::Incident => "incident",
            Kind::Outage => "outage",
            Kind::Drill => "drill",
            Kind::Training => "training",
            Kind::Backup => "backup",
            Kind::Device => "device",
        }
    }

    /// The kind of a stored code.
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Its name.
    pub fn label(self) -> T {
        match self {
            Kind::Done => T::HistKindDone,
            Kind::Late => T::HistKindLate,
            Kind::Missed => T::HistKindMissed,
            Kind::Skipped => T::HistKindSkipped,
            Kind::Problem => T::HistKindProblem,
            Kind::Incident => T::HistKindIncident,
            Kind::Outage => T::HistKindOutage,
            Kind::Drill => T::HistKindDrill,
            Kind::Training => T::HistKindTraining,
            Kind::Backup => T::HistKindBackup,
            Kind::Device => T::HistKindDevice,
        }
    }

    /// The sign shown beside its name (so colour never carries the meaning alone).
    pub fn symbol(self) -> &'static str {
        match self {
            Kind::Done | Kind::Training => "✓",
            // A problem found is the checklists' ⚠, never the × of a check not done.
            Kind::Late | Kind::Outage | Kind::Incident | Kind::Problem => "⚠",
            Kind::Missed => "×",
            Kind::Skipped => "○",
            Kind::Drill | Kind::Backup | Kind::Device => "●",
        }
    }

    /// How serious it looks: 0 fine, 1 needs a look, 2 went wrong.
    pub fn severity(self) -> u8 {
        match self {
            Kind::Missed | Kind::Problem => 2,
            Kind::Late | Kind::Incident | Kind::Outage | Kind::Skipped => 1,
            _ => 0,
        }
    }

    /// Whether this is the record of a planned task.
    pub fn is_task(self) -> bool {
        matches!(
            self,
            Kind::Done | Kind::Late | Kind::Missed | Kind::Skipped | Kind::Problem
        )
    }
}

/// What the action code of an entry means, in words (empty when it adds nothing).
pub fn action_label(lang: Lang, kind: Kind, action: &str) -> &'static str {
    let key = match (kind, action) {
        (Kind::Incident, "opened") => T::HistActOpened,
        (Kind::Incident, "steps") => T::HistActSteps,
        (Kind::Incident, "note") => T::HistActNote,
        (Kind::Incident, "resolved") => T::HistActResolved,
        (Kind::Incident, "escalated") => T::HistActEscalated,
        (Kind::Incident, "reopened") => T::HistActReopened,
        (Kind::Outage | Kind::Drill, "started") => T::HistActStarted,
        (Kind::Outage | Kind::Drill, "ended") => T::HistActEnded,
        (Kind::Backup, "auto") => T::HistActBackupAuto,
        (Kind::Backup, "pre_migration") => T::HistActBackupUpgrade,
        (Kind::Backup, "pre_restore") => T::HistActBackupPreRestore,
        (Kind::Backup, "manual") => T::HistActBackupManual,
        (Kind::Backup, "restored") => T::HistActBackupRestored,
        (Kind::Backup, "failed") => T::HistActBackupFailed,
        (Kind::Device, "added") => T::HistActAdded,
        (Kind::Device, "edited") => T::HistActEdited,
        (Kind::Device, "retired") => T::HistActRetired,
        (Kind::Device, "reinstated") => T::HistActReinstated,
        (_, "check") => T::HistCatCheck,
        (_, "training") => T::HistCatTraining,
        (_, "backup") => T::HistCatBackup,
        (_, "drill") => T::HistCatDrill,
        (_, "other") => T::HistCatOther,
        _ => return "",
    };
    lang.t(key)
}

/// The label of a device's field, by the name a device edit records it under.
fn device_field_label(name: &str) -> Option<T> {
    Some(match name {
        "name" => T::FieldName,
        "kind" => T::FieldKind,
        "brand" => T::FieldBrand,
        "model" => T::FieldModel,
        "serial" => T::FieldSerial,
        "terminal_id" => T::FieldTerminalId,
        "merchant_id" => T::FieldMerchantId,
        "acquirer" => T::FieldAcquirer,
        "hotline" => T::FieldHotline,
        "installed_on" => T::FieldInstalledOn,
        "warranty_until" => T::FieldWarrantyUntil,
        "notes" => T::FieldNotes,
        _ => return None,
    })
}

/// Amend or void.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorrectionAction {
    /// The text was corrected (the original stays).
    Amend,
    /// The entry was declared void (it stays visible, marked).
    Void,
}

impl CorrectionAction {
    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            CorrectionAction::Amend => "amend",
            CorrectionAction::Void => "void",
        }
    }

    /// The action of a stored code.
    pub fn from_code(code: &str) -> Option<CorrectionAction> {
        match code {
            "amend" => Some(CorrectionAction::Amend),
            "void" => Some(CorrectionAction::Void),
            _ => None,
        }
    }
}

/// A correction of an entry: never replaces it, only stands beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// Amend or void.
    pub action: CorrectionAction,
    /// The corrected text (amend only).
    pub text: String,
    /// Why (always given).
    pub reason: String,
    /// When, as stored.
    pub at: String,
    /// The device the entry was moved to (amend only), if this correction moved it.
    pub device_id: Option<i64>,
    /// That device's name ("" if none).
    pub device: String,
}

impl Correction {
    /// One line for the list and the CSV: "已作废，原因：…", "已更正为：…（原因：…）", with
    /// "改到设备：…" when the correction moved the entry to another device.
    pub fn summary(&self, lang: Lang) -> String {
        match self.action {
            CorrectionAction::Void => lang.fill(T::HistVoidedBecause, &[("reason", &self.reason)]),
            // Only moved: no "amended to" with nothing after it (a walkthrough read
            // "已更正为：；改到设备：…").
            CorrectionAction::Amend if self.device_id.is_some() && self.text.is_empty() => lang
                .fill(
                    T::HistMovedToDevice,
                    &[("device", &self.device), ("reason", &self.reason)],
                ),
            CorrectionAction::Amend if self.device_id.is_some() => lang.fill(
                T::HistAmendedToDevice,
                &[
                    ("text", &self.text),
                    ("device", &self.device),
                    ("reason", &self.reason),
                ],
            ),
            CorrectionAction::Amend => lang.fill(
                T::HistAmendedTo,
                &[("text", &self.text), ("reason", &self.reason)],
            ),
        }
    }
}

/// An amendment as checked: the corrected text, and the device the entry moves to (only when
/// that changes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amendment {
    /// The corrected text.
    pub text: String,
    /// The device the entry now belongs to, when it moves.
    pub device_id: Option<i64>,
}

impl Amendment {
    /// Checks an amendment of an entry that now reads `before` and belongs to `before_device`:
    /// the text trimmed, required, without control characters (line breaks allowed) and at most
    /// [`MAX_AMEND`] characters; something must change. `Err` is the message for the user.
    pub fn check(
        lang: Lang,
        text: &str,
        device_id: Option<i64>,
        (before, before_device): (&str, Option<i64>),
    ) -> Result<Amendment, String> {
        let device_id = device_id.filter(|d| Some(*d) != before_device);
        // Moving an entry to another device needs no text of its own: an entry recorded with
        // no detail keeps none (a walkthrough's move was refused for want of a text).
        let text = match text.trim() {
            "" if device_id.is_some() => before.trim(),
            "" => return Err(lang.t(T::HistErrAmendText).to_owned()),
            text => text,
        };
        if text
            .chars()
            .any(|c| crate::typed::is_hidden(c, &['\n', '\r']))
        {
            return Err(lang.t(T::HistErrControl).to_owned());
        }
        let len = text.chars().count();
        if len > MAX_AMEND {
            return Err(lang.fill(
                T::HistErrAmendTooLong,
                &[("max", &MAX_AMEND.to_string()), ("len", &len.to_string())],
            ));
        }
        if text == before.trim() && device_id.is_none() {
            return Err(lang.t(T::HistErrUnchanged).to_owned());
        }
        Ok(Amendment {
            text: text.to_owned(),
            device_id,
        })
    }
}

/// One entry of the timeline as stored, with the device's and person's current names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The history id.
    pub id: i64,
    /// When, `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// What kind.
    pub kind: Kind,
    /// The action or task category code (see [`action_label`]).
    pub action: String,
    /// The device, if any: the one a correction moved it to, else the one it was filed against.
    pub device_id: Option<i64>,
    /// Its name ("" if none).
    pub device: String,
    /// When a correction moved it to another device: the name of the one it was filed against
    /// ("" if none).
    pub moved_from: Option<String>,
    /// The other devices it is filed under (a check that went over every terminal: see
    /// `planner::covers`), by id and name, in the registry's order.
    pub also: Vec<(i64, String)>,
    /// The person, if any.
    pub staff_id: Option<i64>,
    /// Their name ("" if none).
    pub staff: String,
    /// The task, prompt, plan, module, device or backup file.
    pub subject: String,
    /// The note, detail, resolution …
    pub detail: String,
    /// The source table.
    pub source: String,
    /// The source row.
    pub source_id: i64,
    /// The latest correction, if any.
    pub correction: Option<Correction>,
}

impl Entry {
    /// Whether it begins what a count of its kind counts: an incident's opening, an outage's or
    /// a drill's start. Their later lines (steps, escalated, resolved, ended) are the same
    /// incident or outage; any other entry is a record of its own.
    pub fn begins_one(&self) -> bool {
        match self.kind {
            Kind::Incident => self.action == "opened",
            Kind::Outage | Kind::Drill => self.action == "started",
            _ => true,
        }
    }

    /// The name of its device and of every other one it is filed under ("收银台1号、收银台2号").
    pub fn devices_shown(&self, lang: Lang) -> String {
        let mut names = vec![self.device.as_str()];
        names.extend(self.also.iter().map(|(_, name)| name.as_str()));
        names.retain(|n| !n.is_empty());
        names.join(lang.t(T::ListSeparator))
    }

    /// Whether it is filed under device `id` (its own, or one its check covered).
    pub fn is_on(&self, id: i64) -> bool {
        self.device_id == Some(id) || self.also.iter().any(|(d, _)| *d == id)
    }

    /// "2026-10-08 10:15".
    pub fn when(&self) -> &str {
        self.at.get(..16).unwrap_or(&self.at)
    }

    /// The time as shown, with a space instead of the `T`.
    pub fn when_shown(&self) -> String {
        self.when().replacen('T', " ", 1)
    }

    /// Whether it was voided.
    pub fn voided(&self) -> bool {
        self.correction
            .as_ref()
            .is_some_and(|c| c.action == CorrectionAction::Void)
    }

    /// Whether this record is of something that went wrong by itself, beyond its kind: a
    /// backup that failed (a backup's kind alone reads as done).
    pub fn failed(&self) -> bool {
        self.kind == Kind::Backup && self.action == "failed"
    }

    /// How serious it looks: its kind's [`Kind::severity`], and "went wrong" (2) for a failed
    /// backup, which must never read like a good one.
    pub fn severity(&self) -> u8 {
        if self.failed() {
            2
        } else {
            self.kind.severity()
        }
    }

    /// Its symbol: the kind's, and the warning sign for a failed backup.
    pub fn symbol(&self) -> &'static str {
        if self.failed() {
            "⚠"
        } else {
            self.kind.symbol()
        }
    }

    /// The kind in words, with its symbol and the action ("⚠ 故障 · 已解决").
    pub fn kind_text(&self, lang: Lang) -> String {
        format!("{} {}", self.symbol(), self.kind_words(lang))
    }

    /// The kind and the action in plain words, for a spreadsheet ("故障 · 已解决").
    pub fn kind_words(&self, lang: Lang) -> String {
        let action = action_label(lang, self.kind, &self.action);
        let kind = lang.t(self.kind.label());
        if action.is_empty() {
            kind.to_owned()
        } else {
            format!("{kind} · {action}")
        }
    }

    /// The detail as it now reads, in `lang`: the amended text if amended; a device edit's
    /// fields (stored by name: "name, acquirer") in words ("名称、收单机构 / 支付公司").
    pub fn detail_in(&self, lang: Lang) -> String {
        self.in_words(self.current_detail(), lang)
    }

    /// The detail as first written, in `lang` (see [`Entry::detail_in`]).
    pub fn original_detail_in(&self, lang: Lang) -> String {
        self.in_words(&self.detail, lang)
    }

    fn in_words(&self, text: &str, lang: Lang) -> String {
        if self.kind != Kind::Device || self.action != "edited" {
            return text.to_owned();
        }
        let fields: Option<Vec<&str>> = text
            .split(", ")
            .map(|name| device_field_label(name).map(|key| lang.t(key)))
            .collect();
        // (A detail amended by hand is the merchant's own words.)
        fields.map_or_else(|| text.to_owned(), |f| f.join(lang.t(T::ListSeparator)))
    }

    /// The detail as it now reads: the amended text if amended.
    pub fn current_detail(&self) -> &str {
        match &self.correction {
            Some(c) if c.action == CorrectionAction::Amend => &c.text,
            _ => &self.detail,
        }
    }

    /// Whether its latest correction amended it.
    pub fn amended(&self) -> bool {
        self.correction
            .as_ref()
            .is_some_and(|c| c.action == CorrectionAction::Amend)
    }

    /// The date part.
    pub fn date(&self) -> Option<NaiveDate> {
        self.at
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    }
}

/// One labelled fact of the record behind an entry ("处理结果": "重新签到后正常").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFact {
    /// What it is.
    pub label: T,
    /// Its value, as stored (user text shown as typed).
    pub value: String,
}

impl SourceFact {
    /// A fact from its stored value, made readable: a stored time `2026-10-08T10:15:00` shows as
    /// `2026-10-08 10:15`, a stored list `["a","b"]` as `a；b`; anything else as stored.
    pub fn new(label: T, stored: String) -> SourceFact {
        let value =
            if let Ok(t) = chrono::NaiveDateTime::parse_from_str(&stored, "%Y-%m-%dT%H:%M:%S") {
                t.format("%Y-%m-%d %H:%M").to_string()
            } else if let Ok(items) = serde_json::from_str::<Vec<String>>(&stored) {
                items.join("；")
            } else {
                stored
            };
        SourceFact { label, value }
    }
}

/// An entry with everything behind it, for the details panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryDetail {
    /// The entry.
    pub entry: Entry,
    /// The source record's facts.
    pub facts: Vec<SourceFact>,
    /// Every correction, oldest first.
    pub corrections: Vec<Correction>,
}

/// One cell of the month's checklist sheet: a task's record for a due date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistMark {
    /// The task.
    pub task_id: i64,
    /// Its title.
    pub task: String,
    /// The due date.
    pub due: NaiveDate,
    /// How it went.
    pub kind: Kind,
    /// Who did it ("" if nobody).
    pub staff: String,
}

/// The longest correction reason or text accepted.
pub const MAX_CORRECTION: usize = 500;
/// The longest amended text of an entry.
pub const MAX_AMEND: usize = 2_000;

/// Checks a correction's reason (and text, for an amend): trimmed, required, no control
/// characters, not too long. `Err` is the message for the user.
pub fn correction_reason(lang: Lang, reason: &str) -> Result<String, String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(lang.t(T::HistErrReason).to_owned());
    }
    if reason.chars().any(|c| crate::typed::is_hidden(c, &['\n'])) {
        return Err(lang.t(T::HistErrControl).to_owned());
    }
    let len = reason.chars().count();
    if len > MAX_CORRECTION {
        return Err(lang.fill(
            T::HistErrTooLong,
            &[
                ("max", &MAX_CORRECTION.to_string()),
                ("len", &len.to_string()),
            ],
        ));
    }
    Ok(reason.to_owned())
}

/// For the tests of the history's readers: a check's record `id` of `kind` at 2026-10-08 08:40,
/// with `subject` and nothing else (no device, no person, no correction).
#[cfg(test)]
pub(crate) fn check_record(id: i64, kind: Kind, subject: &str) -> Entry {
    Entry {
        id,
        at: "2026-10-08T08:40:00".into(),
        kind,
        action: "check".into(),
        device_id: None,
        device: String::new(),
        moved_from: None,
        also: Vec::new(),
        staff_id: None,
        staff: String::new(),
        subject: subject.into(),
        detail: String::new(),
        source: "completion".into(),
        source_id: id,
        correction: None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn stored_facts_read_naturally() {
        let fact = |v: &str| SourceFact::new(crate::i18n::T::HistFactDetail, v.to_owned()).value;
        assert_eq!(fact("2026-10-08T10:15:00"), "2026-10-08 10:15");
        assert_eq!(fact(r#"["签到","重启"]"#), "签到；重启");
        assert_eq!(fact("重新签到后正常"), "重新签到后正常");
        assert_eq!(fact("[not json"), "[not json");
    }

    use super::*;

    #[test]
    fn a_problem_found_and_a_missed_check_have_different_signs() {
        assert_ne!(Kind::Problem.symbol(), Kind::Missed.symbol());
    }

    #[test]
    fn kind_codes_round_trip() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(Kind::from_code("nope"), None);
    }

    /// A correction that only moved an entry to another device says so, with no "amended to"
    /// and nothing after it.
    #[test]
    fn a_move_alone_reads_as_a_move() {
        let moved = Correction {
            action: CorrectionAction::Amend,
            text: String::new(),
            reason: "记错了机器".into(),
            at: "2026-12-06T10:00:00".into(),
            device_id: Some(2),
            device: "收银台银联机".into(),
        };
        assert_eq!(
            moved.summary(Lang::Zh),
            "改到设备：收银台银联机（原因：记错了机器）"
        );
        let both = Correction {
            text: "打印纸卡住".into(),
            ..moved.clone()
        };
        assert_eq!(
            both.summary(Lang::Zh),
            "已更正为：打印纸卡住；改到设备：收银台银联机（原因：记错了机器）"
        );
    }

    #[test]
    fn a_reason_is_required_and_bounded() {
        assert!(correction_reason(Lang::Zh, "  ").is_err());
        assert!(correction_reason(Lang::En, "a\u{7}b").is_err());
        assert!(correction_reason(Lang::En, &"x".repeat(501)).is_err());
        assert_eq!(correction_reason(Lang::Zh, " 记错了 ").unwrap(), "记错了");
    }

    #[test]
    fn an_amendment_changes_something_and_moves_only_to_another_device() {
        let before = ("打印纸没了", Some(1));
        let check = |text: &str, device| Amendment::check(Lang::Zh, text, device, before);
        assert!(check("  ", Some(1)).is_err());
        assert!(check("  ", None).is_err());
        // Only moved: the text stays as it was, also an empty one.
        let moved = check("  ", Some(2)).unwrap();
        assert_eq!(
            (moved.text.as_str(), moved.device_id),
            ("打印纸没了", Some(2))
        );
        let empty = Amendment::check(Lang::Zh, "", Some(2), ("", None)).unwrap();
        assert_eq!((empty.text.as_str(), empty.device_id), ("", Some(2)));
        assert!(check("a\u{7}b", None).is_err());
        assert!(check(&"x".repeat(MAX_AMEND + 1), None).is_err());
        assert_eq!(
            check(" 打印纸没了 ", Some(1)),
            Err(Lang::Zh.t(T::HistErrUnchanged).to_owned())
        );
        let moved = check("打印纸没了", Some(2)).unwrap();
        assert_eq!(moved.device_id, Some(2));
        let text_only = check("网络灯不亮", Some(1)).unwrap();
        assert_eq!(
            (text_only.text.as_str(), text_only.device_id),
            ("网络灯不亮", None)
        );
    }
}
