//! Incidents ("happening now"), the merchant's own knowledge entries, and the support call sheet.
//!
//! Pure domain code: no egui, no SQL.

use chrono::{NaiveDate, NaiveDateTime};

use crate::device::{Device, shorten};
use crate::i18n::{Lang, T};
use crate::knowledge::{Category, Confidence, Entry, EntryText, Origin, Payment, Retry};

/// Where an incident stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IncidentStatus {
    /// Still happening.
    Open,
    /// Fixed; `resolution` says how.
    Resolved,
    /// Handed to someone; `escalated_to` says whom.
    Escalated,
    /// The record of its opening was voided in the history (a duplicate, a mistake): it is not
    /// open and cannot be worked on; `void_reason` says why. Never stored: read from the
    /// history's corrections.
    Voided,
}

impl IncidentStatus {
    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            IncidentStatus::Open => "open",
            IncidentStatus::Resolved => "resolved",
            IncidentStatus::Escalated => "escalated",
            IncidentStatus::Voided => "voided",
        }
    }

    /// The status stored under `code`.
    pub fn from_code(code: &str) -> Option<IncidentStatus> {
        [
            IncidentStatus::Open,
            IncidentStatus::Resolved,
            IncidentStatus::Escalated,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// The status in the interface.
    pub fn label(self) -> T {
        match self {
            IncidentStatus::Open => T::IncidentOpen,
            IncidentStatus::Resolved => T::IncidentResolved,
            IncidentStatus::Escalated => T::IncidentEscalated,
            IncidentStatus::Voided => T::IncidentVoided,
        }
    }
}

/// How many days an escalated incident counts as waiting for someone else's fix.
pub const WAITING_DAYS: i64 = 30;

/// A stored incident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incident {
    /// Database id.
    pub id: i64,
    /// When it began.
    pub started_at: NaiveDateTime,
    /// The terminal, if one was chosen.
    pub device_id: Option<i64>,
    /// The prompt as the cashier typed it.
    pub prompt: String,
    /// The knowledge entry it was recorded against.
    pub entry_id: Option<String>,
    /// The steps ticked, as their text at the time.
    pub steps_done: Vec<String>,
    /// A note.
    pub note: String,
    /// Where it stands.
    pub status: IncidentStatus,
    /// What fixed it.
    pub resolution: String,
    /// Whom it was escalated to.
    pub escalated_to: String,
    /// When it was resolved, escalated or voided.
    pub closed_at: Option<NaiveDateTime>,
    /// Why its record was voided ("" unless voided).
    pub void_reason: String,
    /// The checklist it was opened from, when a planned check found a problem.
    pub check: Option<CheckFound>,
    /// Who handled it (none for incidents recorded before names were kept, or without staff).
    pub staff_id: Option<i64>,
}

impl Incident {
    /// Whether it is still open (not resolved, escalated or voided).
    pub fn is_open(&self) -> bool {
        self.status == IncidentStatus::Open
    }

    /// Whether it was handed on (escalated) within the last [`WAITING_DAYS`] days before
    /// `today`: not fixed yet, someone else is on it, and the shop is told until it is marked
    /// resolved (or the days are past: an escalation never followed up stays in the list only).
    pub fn is_waiting(&self, today: NaiveDate) -> bool {
        self.status == IncidentStatus::Escalated
            && self
                .closed_at
                .is_some_and(|at| (today - at.date()).num_days() <= WAITING_DAYS)
    }

    /// What closed it: what fixed it, whom it went to, or why it was voided.
    pub fn closing_note(&self) -> &str {
        match self.status {
            IncidentStatus::Escalated => &self.escalated_to,
            IncidentStatus::Voided => &self.void_reason,
            IncidentStatus::Open | IncidentStatus::Resolved => &self.resolution,
        }
    }
}

/// A problem a planned check found: the task, and the checklist items marked as a problem
/// (each item is a statement of how things should be, "终端已签到…": on a call sheet it is
/// what was found wrong, never what the screen showed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckFound {
    /// The task's title.
    pub task: String,
    /// The items marked as a problem.
    pub problems: Vec<String>,
}

/// The most characters of an incident's prompt.
pub const MAX_PROMPT: usize = 500;

/// A prompt as it is recorded: without terminal escape sequences, control characters and
/// reordering marks (a prompt pasted out of a coloured log rang the bell and recoloured the
/// terminal that `poscare today` printed it in, and went into the CSV so), spaces at the ends
/// trimmed.
pub fn clean_prompt(text: &str) -> String {
    crate::knowledge::normalize::without_escapes(text)
        .chars()
        .filter(|&c| !crate::typed::is_hidden(c, &[]))
        .collect::<String>()
        .trim()
        .to_owned()
}
/// What the terminal showed, for the record of a prompt looked up as `typed` and answered by
/// `hit`: the screen text a typo, pinyin or pinyin initials were read as (a cashier's "ybz",
/// "qcxqd" or "读卡时败" meant nothing in the history, the CSV and the charts, and one fault
/// made three bars). Words with a typo in them that were read by their meaning ("insuficent
/// fund") are recorded as `read_as`, the answer's title, when the caller knows they hold one
/// ([`crate::knowledge::Index::misspelled`]). A screen text typed only in part ("交易超" for
/// 交易超时, at least half of it) is recorded whole, and a code as codes are written ("a0" as
/// A0): one fault was two prompts in the history, the call sheet and the charts. Else what was
/// typed ([`clean_prompt`]).
pub fn shown_prompt(
    typed: &str,
    hit: Option<&crate::knowledge::Hit>,
    read_as: Option<&str>,
) -> String {
    use crate::knowledge::MatchKind;
    use crate::knowledge::normalize::compact;
    let begun = |h: &crate::knowledge::Hit| {
        let (part, whole) = (compact(typed), compact(&h.matched_text));
        part.len() >= 2
            && part.len() < whole.len()
            && 2 * part.len() >= whole.len()
            && whole.starts_with(&part)
    };
    let code = typed.trim();
    match (hit, read_as) {
        (Some(h), _)
            if matches!(
                h.matched_by,
                MatchKind::Pinyin | MatchKind::Initials | MatchKind::Fuzzy
            ) && !h.matched_text.trim().is_empty() =>
        {
            clean_prompt(&h.matched_text)
        }
        (Some(h), _) if h.matched_by == MatchKind::Text && begun(h) => {
            clean_prompt(&h.matched_text)
        }
        (Some(h), _)
            if h.matched_by == MatchKind::Code
                && !code.is_empty()
                && code.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            code.to_ascii_uppercase()
        }
        (_, Some(title)) if !title.trim().is_empty() => clean_prompt(title),
        _ => clean_prompt(typed),
    }
}

/// Whether an incident of `entry` is a customer's refusal, settled at once ([`settled_at_once`]):
/// nobody to call about it, and no fault of the terminal's.
pub fn is_customers_refusal(entry: &crate::knowledge::Entry) -> bool {
    settled_at_once(entry) == Some(T::IncidentSettledCustomer)
}

/// Why an incident of `entry` is settled as soon as it is recorded, if it is: the customer's
/// card, account or card issuer refused the payment (insufficient funds, a wrong PIN, a plain
/// "DECLINED"), and the customer pays another way; or a step of the sale is simply done again
/// (an expired payment code shown anew, a card inserted instead of swiped, a PIN entry that
/// timed out). Nothing is left for the shop to fix. Never one after which the money may have moved: that stays open until it
/// was looked up.
pub fn settled_at_once(entry: &crate::knowledge::Entry) -> Option<T> {
    use crate::insights::family::Family;
    use crate::knowledge::{Contact, Fault, Retry};
    // (Nor one the repeat rules watch, a card-read failure: seen again on the same terminal,
    // it is the terminal's, and the warning that says so must not sit beside "nothing to fix".)
    let watched = Family::WARNED.contains(&Family::of(Some(&entry.id), ""));
    if entry.retry.guards_against_charging_twice() || watched {
        return None;
    }
    // The issuer said no, and the customer is the one to ask it why ("DECLINED", 05).
    let issuer_declined =
        entry.fault() == Fault::Bank && entry.retry == Retry::No && entry.call == [Contact::Issuer];
    match entry.fault() {
        Fault::Card | Fault::Account => Some(T::IncidentSettledCustomer),
        _ if issuer_declined => Some(T::IncidentSettledCustomer),
        Fault::Operation if entry.retry == Retry::Yes => Some(T::IncidentSettledRedone),
        _ => None,
    }
}

/// The most characters of a note, resolution or escalation.
pub const MAX_NOTE: usize = 2000;
/// The longest shop name (on call sheets and reports).
pub const MAX_SHOP_NAME: usize = 80;

/// Why an incident's text was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IncidentProblem {
    /// The prompt is empty.
    PromptRequired,
    /// A text is longer than allowed (which, how long).
    TooLong(T, usize, usize),
    /// "Resolved" needs what fixed it; "escalated" needs to whom.
    DetailRequired(T),
}

impl IncidentProblem {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            IncidentProblem::PromptRequired => lang.t(T::ErrPromptRequired).to_owned(),
            IncidentProblem::TooLong(field, max, len) => lang.fill(
                T::ErrTooLong,
                &[
                    ("field", lang.t(*field)),
                    ("max", &max.to_string()),
                    ("len", &len.to_string()),
                ],
            ),
            IncidentProblem::DetailRequired(key) => lang.t(*key).to_owned(),
        }
    }
}

/// Checks a text field: trimmed, within `max` characters.
fn bounded(value: &str, max: usize, label: T) -> Result<String, IncidentProblem> {
    let cleaned = crate::typed::cleaned(value);
    let v = cleaned.trim();
    let len = v.chars().count();
    if len > max {
        Err(IncidentProblem::TooLong(label, max, len))
    } else {
        Ok(v.to_owned())
    }
}

/// A new incident as recorded from the lookup.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct NewIncident {
    /// The terminal.
    pub device_id: Option<i64>,
    /// The prompt as typed.
    pub prompt: String,
    /// The entry it was looked up as.
    pub entry_id: Option<String>,
    /// Steps ticked so far.
    pub steps_done: Vec<String>,
    /// A note.
    pub note: String,
    /// Who handled it: the person on shift (none when the shop keeps no staff list).
    pub staff_id: Option<i64>,
}

impl NewIncident {
    /// Checks and cleans the incident.
    pub fn validate(mut self) -> Result<NewIncident, IncidentProblem> {
        self.prompt = bounded(&self.prompt, MAX_PROMPT, T::IncidentPrompt)?;
        if self.prompt.is_empty() {
            return Err(IncidentProblem::PromptRequired);
        }
        self.note = bounded(&self.note, MAX_NOTE, T::IncidentNote)?;
        Ok(self)
    }
}

/// Checks what fixed an incident, or whom it went to.
pub fn closing_text(status: IncidentStatus, text: &str) -> Result<String, IncidentProblem> {
    let (label, missing) = match status {
        IncidentStatus::Escalated => (T::IncidentEscalatedTo, T::ErrEscalatedToRequired),
        _ => (T::IncidentResolution, T::ErrResolutionRequired),
    };
    let text = bounded(text, MAX_NOTE, label)?;
    if text.is_empty() {
        Err(IncidentProblem::DetailRequired(missing))
    } else {
        Ok(text)
    }
}

/// A prompt the merchant's terminal shows that the built-in base lacks, as they wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct OwnEntryDraft {
    /// What the screen shows.
    pub screen: String,
    /// A code, if the screen shows one.
    pub code: String,
    /// A short name.
    pub title: String,
    /// What it means.
    pub meaning: String,
    /// What to do, one step per line.
    pub steps: String,
    /// The kind of problem.
    pub category: Option<Category>,
    /// Whether to retry.
    pub retry: Option<Retry>,
}

impl OwnEntryDraft {
    /// Checks the draft; the code is upper-cased.
    pub fn validate(mut self) -> Result<OwnEntryDraft, IncidentProblem> {
        self.screen = bounded(&self.screen, MAX_PROMPT, T::OwnScreen)?;
        if self.screen.is_empty() {
            return Err(IncidentProblem::PromptRequired);
        }
        self.code = bounded(&self.code, 40, T::OwnCode)?.to_ascii_uppercase();
        self.title = bounded(&self.title, 80, T::OwnTitle)?;
        self.meaning = bounded(&self.meaning, MAX_NOTE, T::OwnMeaning)?;
        self.steps = bounded(&self.steps, MAX_NOTE, T::OwnSteps)?;
        Ok(self)
    }

    /// The knowledge entry for a stored draft with database id `id`: the merchant's words in
    /// both languages, marked as theirs and as unconfirmed by us.
    pub fn to_entry(&self, id: i64) -> Entry {
        let title = if self.title.is_empty() {
            shorten(&self.screen, 40)
        } else {
            self.title.clone()
        };
        let steps: Vec<String> = self
            .steps
            .lines()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let text = EntryText {
            title,
            meaning: self.meaning.clone(),
            causes: Vec::new(),
            steps,
            tell: String::new(),
            variants: Vec::new(),
            keywords: Vec::new(),
            provenance: String::new(),
        };
        Entry {
            id: format!("OWN-{id}"),
            codes: if self.code.is_empty() {
                Vec::new()
            } else {
                vec![self.code.clone()]
            },
            related_codes: Vec::new(),
            category: self.category.unwrap_or(Category::Operator),
            retry: self.retry.unwrap_or(Retry::Once),
            confidence: Confidence::Unconfirmed,
            call: Vec::new(),
            payment: Payment::Card,
            sources: Vec::new(),
            screen: vec![self.screen.clone()],
            zh: text.clone(),
            en: text,
            origin: Origin::Merchant(id),
        }
    }
}

/// The terminals still in use, in the registry's order: what an incident can be recorded
/// against.
pub fn terminals_in_use(devices: &[Device]) -> Vec<&Device> {
    devices
        .iter()
        .filter(|d| d.in_use() && d.fields.kind == crate::device::DeviceKind::Terminal)
        .collect()
}

/// The terminal an incident is about: the one recorded with it, or, when none was chosen and
/// the shop has exactly one terminal in use, that one.
pub fn incident_terminal(device_id: Option<i64>, devices: &[Device]) -> Option<&Device> {
    match device_id {
        Some(id) => devices.iter().find(|d| d.id == id),
        None => match terminals_in_use(devices).as_slice() {
            [only] => Some(*only),
            _ => None,
        },
    }
}

/// Everything a support call sheet shows, gathered for one incident.
pub struct CallSheet<'a> {
    /// The shop's name from the settings.
    pub shop: &'a str,
    /// The incident.
    pub incident: &'a Incident,
    /// Its terminal, if one was chosen.
    pub device: Option<&'a Device>,
    /// Its knowledge entry, if any.
    pub entry: Option<&'a Entry>,
}

impl<'a> CallSheet<'a> {
    /// The sheet of `incident`: its terminal (or the shop's only one, when none was chosen) and
    /// the entry it was looked up as.
    pub fn of(
        shop: &'a str,
        incident: &'a Incident,
        devices: &'a [Device],
        index: &'a crate::knowledge::Index,
    ) -> CallSheet<'a> {
        CallSheet {
            shop,
            incident,
            device: incident_terminal(incident.device_id, devices),
            entry: incident
                .entry_id
                .as_deref()
                .and_then(|id| index.by_id(id))
                .map(|(_, e)| e),
        }
    }

    /// The sheet as (label, value) rows, in the order to read them out on the phone.
    pub fn rows(&self, lang: Lang) -> Vec<(String, String)> {
        let dash = || "—".to_owned();
        let or_dash = |s: &str| {
            if s.trim().is_empty() {
                dash()
            } else {
                s.to_owned()
            }
        };
        let d = self.device.map(|d| &d.fields);
        let model = d
            .map(|f| format!("{} {}", f.brand, f.model).trim().to_owned())
            .unwrap_or_default();
        let mut rows = vec![
            (lang.t(T::SheetShop).to_owned(), or_dash(self.shop)),
            (
                lang.t(T::SheetDevice).to_owned(),
                d.map(|f| f.name.clone()).unwrap_or_else(dash),
            ),
            (lang.t(T::ColModel).to_owned(), or_dash(&model)),
            (
                lang.t(T::FieldSerial).to_owned(),
                or_dash(d.map(|f| f.serial.as_str()).unwrap_or("")),
            ),
            (
                lang.t(T::FieldTerminalId).to_owned(),
                or_dash(d.map(|f| f.terminal_id.as_str()).unwrap_or("")),
            ),
            (
                lang.t(T::FieldMerchantId).to_owned(),
                or_dash(d.map(|f| f.merchant_id.as_str()).unwrap_or("")),
            ),
            (
                lang.t(T::FieldAcquirer).to_owned(),
                or_dash(d.map(|f| f.acquirer.as_str()).unwrap_or("")),
            ),
            (
                lang.t(T::FieldHotline).to_owned(),
                or_dash(d.map(|f| f.hotline.as_str()).unwrap_or("")),
            ),
        ];
        rows.extend(self.what_rows(lang));
        if let Some(e) = self.entry {
            let codes = if e.codes.is_empty() {
                String::new()
            } else {
                format!(" ({})", e.codes.join(", "))
            };
            rows.push((
                lang.t(T::SheetMeaning).to_owned(),
                format!("{}{codes}", e.text(lang).title),
            ));
        }
        rows.push((
            lang.t(T::SheetBegan).to_owned(),
            self.incident
                .started_at
                .format("%Y-%m-%d %H:%M")
                .to_string(),
        ));
        let tried = if self.incident.steps_done.is_empty() {
            dash()
        } else {
            self.incident
                .steps_done
                .iter()
                .map(|s| format!("✓ {s}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        rows.push((lang.t(T::SheetTried).to_owned(), tried));
        if !self.incident.note.is_empty() {
            rows.push((
                lang.t(T::IncidentNote).to_owned(),
                self.incident.note.clone(),
            ));
        }
        rows
    }

    /// What went wrong: the prompt on screen, or for a planned check the task and the items
    /// found wrong (an item says how things should be, so it is no prompt).
    fn what_rows(&self, lang: Lang) -> Vec<(String, String)> {
        let Some(check) = &self.incident.check else {
            return vec![(
                lang.t(T::SheetPrompt).to_owned(),
                self.incident.prompt.clone(),
            )];
        };
        let mut rows = vec![(lang.t(T::SheetCheck).to_owned(), check.task.clone())];
        if !check.problems.is_empty() {
            let items: Vec<String> = check.problems.iter().map(|p| format!("× {p}")).collect();
            rows.push((lang.t(T::SheetCheckProblems).to_owned(), items.join("\n")));
        }
        rows
    }

    /// Plain text for the clipboard, "label：value" (a full-width colon in Chinese).
    pub fn text(&self, lang: Lang) -> String {
        let mut out = format!("{}\n", lang.t(T::SheetTitle));
        for (label, value) in self.rows(lang) {
            let value = value.replace('\n', "\n    ");
            out.push_str(&lang.fill(T::LabelValue, &[("label", &label), ("value", &value)]));
            out.push('\n');
        }
        out
    }

    /// A print-friendly HTML page (no scripts, no outside resources).
    pub fn html(&self, lang: Lang) -> String {
        let mut rows = String::new();
        for (label, value) in self.rows(lang) {
            rows.push_str(&format!(
                "<tr><th>{}</th><td>{}</td></tr>\n",
                escape_html(&label),
                escape_html(&value).replace('\n', "<br>")
            ));
        }
        let title = escape_html(lang.t(T::SheetTitle));
        let lang_attr = if lang == Lang::Zh { "zh-CN" } else { "en" };
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang_attr}\"><head><meta charset=\"utf-8\"><title>{title}</title>\n<style>\
             body{{font-family:\"Microsoft YaHei\",\"PingFang SC\",\"Noto Sans CJK SC\",sans-serif;margin:2em;font-size:14pt}}\
             h1{{font-size:20pt}}table{{border-collapse:collapse;width:100%}}\
             th,td{{border:1px solid #444;padding:6px 10px;text-align:left;vertical-align:top}}\
             th{{width:28%;background:#eee}}@media print{{body{{margin:0}}}}</style></head>\n\
             <body><h1>{title}</h1>\n<table>\n{rows}</table>\n</body></html>\n"
        )
    }
}

/// Escapes text for HTML.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prompt_typed_in_pinyin_or_with_a_typo_is_kept_as_the_screen_text() {
        let index = crate::knowledge::index_with(Vec::new());
        let kept = |typed: &str| {
            let hits = index.search(typed, 3);
            let title = hits.first().map(|h| &index.entries()[h.entry].en.title);
            let read_as = title.filter(|_| index.misspelled(typed));
            shown_prompt(typed, hits.first(), read_as.map(String::as_str))
        };
        assert_eq!(kept("ybz"), "余额不足");
        // English with a typo in it is recorded as what it was read as.
        assert_eq!(kept("insuficent fund"), "Insufficient funds");
        assert_eq!(kept("insufficient funds"), "insufficient funds");
        assert_eq!(kept("Card read error"), "Card read error");
        assert_eq!(kept("yuebuzu"), "余额不足");
        assert_eq!(kept("读卡时败"), "读卡失败");
        // A code, or words as the screen showed them, stay as typed; a code as codes are
        // written.
        assert_eq!(kept(" 51 "), "51");
        assert_eq!(kept("a0"), "A0");
        assert_eq!(kept("交易超时，请查询"), "交易超时，请查询");
        // A screen text begun is recorded whole; too little of it stays as typed.
        assert_eq!(kept("交易超"), "交易超时");
        assert_eq!(kept("余额不"), "余额不足");
        assert_eq!(shown_prompt("abc", None, None), "abc");
    }

    /// Settled at once: the customer's card, account or issuer said no, or a step is simply
    /// done again; never a card-read failure the repeat rules watch (a walk was told "the
    /// customer's card, nothing to fix" beside "this terminal keeps failing"), nor money that
    /// may have moved.
    #[test]
    fn what_is_settled_at_once() {
        let index = crate::knowledge::index_with(Vec::new());
        let settled = |id: &str| settled_at_once(index.by_id(id).expect(id).1);
        assert_eq!(settled("RC-51"), Some(T::IncidentSettledCustomer));
        assert_eq!(settled("RC-55"), Some(T::IncidentSettledCustomer));
        assert_eq!(
            settled("GEN-DECLINE-ISSUER"),
            Some(T::IncidentSettledCustomer)
        );
        assert_eq!(settled("RC-05"), Some(T::IncidentSettledCustomer));
        assert_eq!(settled("WX-AUTHCODEEXPIRE"), Some(T::IncidentSettledRedone));
        assert_eq!(settled("LOC-READ-FAIL"), None);
        assert_eq!(settled("LOC-FALLBACK"), None);
        assert_eq!(settled("LOC-EMV-DECLINE"), None);
        assert_eq!(settled("RC-A0"), None);
        assert_eq!(settled("RC-91"), None);
        assert_eq!(settled("LOC-PAPER-OUT"), None);
    }

    #[test]
    fn a_prompt_is_recorded_without_escapes_controls_or_reordering_marks() {
        assert_eq!(
            clean_prompt("\u{1b}[31mA0 校验错\u{1b}[0m\u{7}"),
            "A0 校验错"
        );
        assert_eq!(clean_prompt("51 余额不足\u{202E}"), "51 余额不足");
        assert_eq!(clean_prompt(" 请插卡 "), "请插卡");
    }

    #[test]
    fn an_escalated_incident_waits_for_thirty_days_and_no_other_does() {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let at = day("2026-11-01").and_hms_opt(10, 0, 0).unwrap();
        let incident = |status| Incident {
            id: 1,
            started_at: at,
            device_id: None,
            prompt: "IC卡不在位".into(),
            entry_id: None,
            steps_done: Vec::new(),
            note: String::new(),
            status,
            resolution: String::new(),
            escalated_to: "收单机构客服".into(),
            closed_at: Some(at),
            void_reason: String::new(),
            check: None,
            staff_id: None,
        };
        let escalated = incident(IncidentStatus::Escalated);
        assert!(escalated.is_waiting(day("2026-11-01")));
        assert!(escalated.is_waiting(day("2026-12-01")));
        assert!(!escalated.is_waiting(day("2026-12-02")));
        for other in [
            IncidentStatus::Open,
            IncidentStatus::Resolved,
            IncidentStatus::Voided,
        ] {
            assert!(!incident(other).is_waiting(day("2026-11-02")));
        }
    }

    #[test]
    fn an_incident_needs_a_prompt_and_bounded_text() {
        assert_eq!(
            NewIncident::default().validate(),
            Err(IncidentProblem::PromptRequired)
        );
        let ok = NewIncident {
            prompt: "  51 余额不足 ".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.prompt, "51 余额不足");
        let long = NewIncident {
            prompt: "x".repeat(501),
            ..Default::default()
        }
        .validate();
        assert!(matches!(long, Err(IncidentProblem::TooLong(_, 500, 501))));
    }

    #[test]
    fn closing_needs_a_reason() {
        assert!(closing_text(IncidentStatus::Resolved, " ").is_err());
        assert!(closing_text(IncidentStatus::Escalated, "").is_err());
        assert_eq!(
            closing_text(IncidentStatus::Resolved, " 重新签到后正常 ").unwrap(),
            "重新签到后正常"
        );
    }

    #[test]
    fn own_entries_become_unconfirmed_merchant_entries() {
        let draft = OwnEntryDraft {
            screen: "E07 打印机盖未关".into(),
            code: "e07".into(),
            steps: "关好盖子\n\n重打印".into(),
            ..Default::default()
        };
        let e = draft.validate().unwrap().to_entry(3);
        assert_eq!(e.id, "OWN-3");
        assert_eq!(e.codes, ["E07"]);
        assert_eq!(e.zh.steps, ["关好盖子", "重打印"]);
        assert_eq!(e.origin, Origin::Merchant(3));
        assert_eq!(e.confidence, Confidence::Unconfirmed);
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape_html("<b>\"&'"), "&lt;b&gt;&quot;&amp;&#39;");
    }
}
