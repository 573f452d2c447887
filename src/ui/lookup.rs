//! The Lookup screen: one search box, results per keystroke, the entry's advice, recording an
//! incident, and the incident list with call sheets.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use egui::{Color32, RichText, Ui};

use crate::device::Device;
use crate::i18n::{Lang, T};
use crate::incident::MAX_NOTE;
use crate::incident::{
    CallSheet, Incident, IncidentStatus, NewIncident, OwnEntryDraft, closing_text,
    incident_terminal, terminals_in_use,
};
use crate::knowledge::{Category, Confidence, Contact, Entry, Hit, Index, Origin, Retry, sources};
use crate::planner::PlanSnapshot;
use crate::ui::command::{AppCommand, Focus, Out, Outcome, Page};
use crate::ui::context::{Apply, Context};
use crate::ui::file_dialog::{FileDialogs, Picked, suggested_path};
use crate::ui::panes::{NARROWEST, Pane, SideSize, list_and_side};
use crate::ui::phrase_wrap::phrase_label;
use crate::ui::theme::palette;
use crate::ui::widgets::{
    PATH_CHARS, TextField, error_text, muted, named_button, show_time, title,
};

/// How many results the list shows.
const RESULT_LIMIT: usize = 20;
/// How many results are shown when none is a confident match.
const NEAREST_SHOWN: usize = 3;
/// Below this height (in points) the screen drops what is not the answer.
const SHORT_HEIGHT: f32 = 520.0;
/// The answer pane's height below which the retry banner scrolls with the answer.
const PINNED_BANNER_ROOM: f32 = 300.0;

/// Which half of the screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    /// Searching and the advice.
    #[default]
    Lookup,
    /// Recorded incidents.
    Incidents,
}

/// What the Lookup screen asks to be written (or saved to a file).
#[derive(Clone, Debug, PartialEq)]
pub enum LookupCommand {
    /// Store the merchant's note on a knowledge entry (empty clears it).
    SaveNote {
        /// The entry.
        entry_id: String,
        /// The note.
        note: String,
    },
    /// Record an incident; with a resolution, settled at once (the customer's side).
    RecordIncident(Box<NewIncident>, Option<T>),
    /// Resolve, escalate or reopen an incident.
    CloseIncident {
        /// The incident.
        id: i64,
        /// Resolved, escalated, or open again.
        status: IncidentStatus,
        /// What fixed it, or to whom.
        text: String,
    },
    /// Save an incident's call sheet as HTML (asking where, unless a path is given).
    SaveSheet(i64, Option<std::path::PathBuf>),
    /// Add one of the merchant's own entries.
    AddOwnEntry(Box<OwnEntryDraft>),
    /// The steps done of an incident just recorded, ticked on after it was recorded.
    IncidentSteps {
        /// The incident.
        id: i64,
        /// Every step ticked now.
        steps_done: Vec<String>,
    },
    /// Record an incident left waiting for its terminal (`left_behind[at]`) on `device`.
    RecordLeftBehind {
        /// Which of the waiting incidents.
        at: usize,
        /// The terminal chosen (`None`: not on a particular terminal).
        device: Option<i64>,
    },
    /// The note of an incident just recorded, typed after it was recorded.
    IncidentNote {
        /// The incident.
        id: i64,
        /// The whole note now.
        note: String,
    },
}

/// What the lookup screen reads from the shared data each frame.
struct LookupView<'a> {
    lang: Lang,
    /// The searchable base (built-in and the merchant's own).
    index: &'a Index,
    /// The shop's name, for the call sheet.
    shop: &'a str,
    /// The shop's devices.
    devices: &'a [Device],
    /// The merchant's notes, by entry id.
    notes: &'a HashMap<String, String>,
    /// Recent incidents, open first.
    incidents: &'a [Incident],
    /// How many incidents are open in all.
    open_incidents: usize,
    /// The system's file dialogs, or none.
    dialogs: &'a FileDialogs,
    /// The data folder (a typed path is suggested outside it).
    data_dir: &'a Path,
    /// Who is on shift (an incident is recorded under that name), and the staff's names.
    plan: &'a PlanSnapshot,
    /// Today's warnings (a terminal that keeps failing), said where the fault is recorded.
    warnings: &'a [crate::insights::Warning],
    /// The data folder can be written: without it (a lookup-only window) no record button is
    /// pinned under the answer, where it would take a small window's last lines.
    recording: bool,
}

/// Closing an incident: resolved or escalated, with the text being typed.
struct Closing {
    id: i64,
    status: IncidentStatus,
    text: String,
    problem: Option<String>,
    /// Frames drawn: the first brings the form into view, the next gives it the keyboard (in
    /// the frame of the click, the click itself would take it away again).
    frames: u8,
}

/// The Lookup screen's state.
pub struct LookupScreen {
    /// The search box.
    pub query: String,
    hits: Vec<Hit>,
    /// A code the query names that no entry has.
    unknown_code: Option<String>,
    /// The query's words that say the money may already have moved.
    money_words: Vec<String>,
    /// A code whose usual meaning the words beside it contradict, and its usual entry's id.
    overruled_code: Option<(String, String)>,
    /// The entry shown in detail (by id, so it survives a rebuilt index).
    selected: Option<String>,
    browse: Option<Category>,
    /// Focus the search box on the next frame.
    focus_box: bool,
    /// Steps ticked, per entry id.
    ticked: HashMap<String, Vec<bool>>,
    note_draft: Option<(String, String)>,
    /// The terminal chosen for the incident: `None` until the cashier chooses (then the only
    /// terminal, if the shop has one), `Some(None)` for "not specified".
    incident_device: Option<Option<i64>>,
    incident_note: String,
    incident_problem: Option<String>,
    /// Which tab is shown.
    pub tab: Tab,
    closing: Option<Closing>,
    /// The incident whose call sheet is shown.
    sheet: Option<i64>,
    /// On a narrow window: the answer (or the own-entry form) is shown, not the results.
    answer_in_front: bool,
    /// The screen is short (a small till, the zoom turned up): the header closes up and the
    /// answer's meaning and steps come before the recording block.
    short: bool,
    /// Where to save the call sheet, typed (only where there is no file dialog); `None` until
    /// a path is suggested.
    sheet_path: Option<String>,
    own: Option<(OwnEntryDraft, Option<String>)>,
    /// Show the next answer (and the results) from the top.
    scroll_to_top: bool,
    /// Print search timings on stderr (`POSCARE_TIMING=1`).
    timing: bool,
    /// The index the results are from (`Shared::index_version`): a new index searches again.
    index_version: u64,
    /// The answer, prompt and terminal last recorded as an incident: recording the same again
    /// asks first (another terminal is another incident).
    recorded: Option<(String, String, Option<i64>)>,
    /// The prompt last recorded and its incident: its call sheet is one click away while the
    /// prompt stays.
    last_incident: Option<(String, i64)>,
    /// How far that incident is on its way to a repeat warning, said under the record button
    /// ("the 3rd card-read failure in 10 days; a warning comes at 5").
    repeat_progress: Option<String>,
    /// The incidents tab was clicked: its list is drawn from the top.
    incidents_to_top: bool,
    /// The incident whose call sheet was saved last, and where (to open it to print).
    sheet_saved: Option<(i64, std::path::PathBuf)>,
    /// Recording the same again was asked for and waits for "yes".
    record_again: bool,
    /// The record button was below the answer's visible part in the last frame drawn (a long
    /// answer on a small till): the button is pinned under the answer until it is scrolled to.
    /// (Not once scrolled past: the pinned bar coming would hide what is at the bottom edge,
    /// under the pointer.)
    record_below: bool,
    /// The pinned button was pressed: record as the record button does, and bring it into view
    /// (with what recording says: the call sheet, a question, a warning).
    record_pressed: bool,
    /// The note as kept with the incident just recorded: the note field is that incident's
    /// while its prompt is shown (a fault tester's note typed after recording went nowhere).
    note_kept: Option<String>,
    /// A refusal of the "my note" field (an over-long paste), until the field next changes.
    note_problem: Option<String>,
    /// Record was pressed with several terminals and none chosen: the choice is asked for
    /// first (recorded on none, a fault tester's incident then stayed on none, and choosing
    /// the terminal after it recorded a second one).
    terminal_asked: bool,
    /// An incident was just recorded: a warning it made is brought into view.
    warning_to_view: bool,
    /// Ctrl+Enter was pressed this frame (taken by the app before anything else is drawn).
    record_shortcut: bool,
    /// Alt+digit was pressed this frame: the terminal of that place in the choice (0: none).
    picked_terminal: Option<usize>,
    /// The digit an Alt+digit just taken would type, dropped if it comes in the next frame.
    swallow_digit: Option<String>,
    /// The incident that recording was about to make when it asked for the terminal.
    asked_record: Option<LeftBehind>,
    /// Incidents whose recording asked for the terminal and whose prompt was then replaced by
    /// the next one: kept until the terminal is chosen or they are let go (a walk's cashier
    /// typed the next customer's prompt and the first incident was gone).
    left_behind: Vec<LeftBehind>,
}

/// An incident that waits for its terminal to be chosen before it is recorded.
struct LeftBehind {
    incident: NewIncident,
    /// Settled at once, and why (a customer's refusal).
    settled: Option<T>,
}

impl Default for LookupScreen {
    /// A new screen, the cursor in the search box; `POSCARE_TIMING=1` prints each search's time
    /// on stderr.
    fn default() -> Self {
        LookupScreen {
            query: String::new(),
            hits: Vec::new(),
            unknown_code: None,
            money_words: Vec::new(),
            overruled_code: None,
            selected: None,
            browse: None,
            focus_box: true,
            ticked: HashMap::new(),
            note_draft: None,
            incident_device: None,
            incident_note: String::new(),
            incident_problem: None,
            tab: Tab::default(),
            closing: None,
            sheet: None,
            answer_in_front: true,
            short: false,
            sheet_path: None,
            own: None,
            scroll_to_top: false,
            timing: std::env::var_os("POSCARE_TIMING").is_some(),
            index_version: 0,
            recorded: None,
            last_incident: None,
            repeat_progress: None,
            sheet_saved: None,
            incidents_to_top: false,
            record_again: false,
            record_below: false,
            record_pressed: false,
            note_kept: None,
            note_problem: None,
            terminal_asked: false,
            warning_to_view: false,
            record_shortcut: false,
            picked_terminal: None,
            swallow_digit: None,
            asked_record: None,
            left_behind: Vec::new(),
        }
    }
}

impl LookupScreen {
    /// Ctrl+Enter: record the incident shown, as the record button does.
    pub fn record_shortcut(&mut self) {
        self.record_shortcut = true;
    }

    /// Alt+digit: the terminal of that place in the choice (0: none), taken before the search
    /// box sees it, with the digit the key also types, in this frame or the next (X11 sends
    /// both, not always together).
    pub fn keyboard_choice(&mut self, ctx: &egui::Context) {
        let swallow = self.swallow_digit.take();
        let picked = ctx.input_mut(|i| {
            if let Some(digit) = &swallow {
                i.events
                    .retain(|e| !matches!(e, egui::Event::Text(t) if t == digit));
            }
            take_alt_digit(i)
        });
        if let Some(n) = picked {
            self.picked_terminal = Some(n);
            self.swallow_digit = Some(n.to_string());
        }
    }

    /// Put the cursor in the search box (Ctrl+K, or when the screen opens).
    fn focus(&mut self) {
        self.tab = Tab::Lookup;
        self.focus_box = true;
    }

    /// The results shown now.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// The entry shown in detail.
    pub fn selected(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    /// The code the query names that no entry has.
    pub fn unknown_code(&self) -> Option<&str> {
        self.unknown_code.as_deref()
    }

    /// Shows entry `id` in detail, from its top (in front, on a narrow window).
    fn select(&mut self, id: String) {
        if self.selected.as_deref() != Some(id.as_str()) {
            self.scroll_to_top = true;
        }
        self.selected = Some(id);
        self.answer_in_front = true;
    }

    /// Re-runs the search (after typing, or when the index changed).
    fn research(&mut self, index: &Index) {
        let started = Instant::now();
        let found = if self.query.trim().is_empty() {
            Default::default()
        } else {
            index.lookup(&self.query, RESULT_LIMIT)
        };
        self.hits = found.hits;
        self.unknown_code = found.unknown_code;
        // A new prompt brings its answer: the own-entry form, opened for the last one, goes.
        self.own = None;
        self.money_words = found.money_words;
        self.overruled_code = found
            .overruled_code
            .map(|(code, entry)| (code, index.entries()[entry].id.clone()));
        // Not sure what it is: the nearest three, no more.
        if self.hits.first().is_some_and(|h| !h.is_confident()) {
            self.hits.truncate(NEAREST_SHOWN);
        }
        if self.timing {
            eprintln!(
                "lookup {:?}: {} µs",
                self.query,
                started.elapsed().as_micros()
            );
        }
        // Every new answer starts at its top, the title and the retry banner in view. On a
        // narrow window a sure answer comes in front of the results; a guess does not: then the
        // nearest three are the answer, to be checked against the screen side by side.
        self.scroll_to_top = true;
        self.answer_in_front = self.hits.first().is_none_or(|h| h.is_confident());
        self.selected = self
            .hits
            .first()
            .map(|h| index.entries()[h.entry].id.clone());
        if !self.query.trim().is_empty() {
            self.browse = None;
        }
    }

    /// Draws the screen; intents go into `out`.
    fn draw(&mut self, ui: &mut Ui, view: &LookupView<'_>, out: &mut Out<LookupCommand>) {
        let lang = view.lang;
        let open = view.open_incidents;
        let waiting = view
            .incidents
            .iter()
            .filter(|i| i.is_waiting(view.plan.today))
            .count();
        self.short = ui.available_height() < SHORT_HEIGHT;
        // Short and narrow with an answer in front of the results: the answer takes the room
        // of the tabs too ("← back to the list" leads back to them).
        let answer_alone = self.short
            && self.tab == Tab::Lookup
            && ui.available_width() < crate::ui::panes::SIDE_BY_SIDE_FROM
            && self.answer_in_front
            && (self.own.is_some() || self.selected.is_some());
        if !answer_alone {
            self.tabs_ui(ui, lang, open, waiting);
        }
        match self.tab {
            Tab::Lookup => self.lookup_ui(ui, view, out),
            Tab::Incidents => self.incidents_ui(ui, view, out),
        }
    }

    /// The screen's title (unless short) and its two tabs.
    /// `open`: incidents open; `waiting`: handed on lately and not yet fixed.
    fn tabs_ui(&mut self, ui: &mut Ui, lang: Lang, open: usize, waiting: usize) {
        ui.horizontal_wrapped(|ui| {
            // On a short screen the navigation's highlighted name says where this is.
            if !self.short {
                title(ui, lang.t(T::LookupTitle));
                ui.add_space(20.0);
            }
            ui.selectable_value(
                &mut self.tab,
                Tab::Lookup,
                RichText::new(lang.t(T::TabLookup)).size(17.0),
            );
            let (n, m) = (open.to_string(), waiting.to_string());
            let incidents = match (open, waiting) {
                (0, 0) => lang.t(T::TabIncidents).to_owned(),
                (_, 0) => lang.fill(T::TabIncidentsOpen, &[("n", &n)]),
                (0, _) => lang.fill(T::TabIncidentsWaiting, &[("m", &m)]),
                _ => lang.fill(T::TabIncidentsOpenWaiting, &[("n", &n), ("m", &m)]),
            };
            let was = self.tab;
            if ui
                .selectable_value(
                    &mut self.tab,
                    Tab::Incidents,
                    RichText::new(incidents).size(17.0),
                )
                .clicked()
                && was != Tab::Incidents
            {
                // The list opens at its newest, with no old call sheet open (a shop owner
                // found it scrolled down to one, the newest incidents out of view).
                self.incidents_to_top = true;
                self.sheet = None;
            }
        });
    }

    fn lookup_ui(&mut self, ui: &mut Ui, view: &LookupView<'_>, out: &mut Out<LookupCommand>) {
        let lang = view.lang;
        // One id whatever is drawn above it: the tabs give way once an answer is in front on a
        // short, narrow window, and the box must keep the keyboard through that.
        let edit = egui::TextEdit::singleline(&mut self.query)
            .id(egui::Id::unique("lookup_box"))
            .hint_text(lang.t(T::LookupHint))
            .font(egui::FontId::proportional(if self.short {
                20.0
            } else {
                24.0
            }))
            .char_limit(crate::knowledge::search::MAX_QUERY_CHARS)
            .desired_width(f32::INFINITY);
        let boxed = |ui: &mut Ui| {
            let label = ui.label(RichText::new(lang.t(T::LookupBox)).strong());
            ui.add(edit).labelled_by(label.id)
        };
        // A short screen: the label beside the box, not above it.
        let response = if self.short {
            ui.horizontal(boxed).inner
        } else {
            boxed(ui)
        };
        // A long paste is cut to what a prompt can be: said, not silently.
        let limit = crate::knowledge::search::MAX_QUERY_CHARS;
        if self.query.chars().count() >= limit {
            muted(
                ui,
                &lang.fill(T::LookupQueryCut, &[("n", &limit.to_string())]),
            );
        }
        self.left_behind_ui(ui, view, out);
        if self.focus_box {
            response.request_focus();
            // Ctrl+K selects what is there, so the next prompt typed replaces the last one.
            if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), response.id) {
                let all = egui::text::CCursorRange::select_all_str(&self.query);
                state.cursor.set_char_range(Some(all));
                state.store(ui.ctx(), response.id);
            }
            self.focus_box = false;
        }
        if response.changed() {
            // A new prompt: the terminal is chosen again (or the shop's only one), never the
            // last incident's carried over to a prompt nobody chose it for; nor its note.
            self.incident_device = None;
            // Asked for its terminal and left: the incident waits for it, said above the next
            // answer.
            if std::mem::take(&mut self.terminal_asked)
                && let Some(left) = self.asked_record.take()
            {
                self.left_behind.push(left);
            }
            self.asked_record = None;
            // (A question left unanswered is about the last prompt, not this one.)
            self.record_again = false;
            if self.note_kept.take().is_some() {
                self.incident_note.clear();
            }
            self.research(view.index);
        }
        if response.has_focus() {
            self.arrow_keys(ui, view.index);
        }
        // On a short window (a small till, the zoom turned up) every line counts: the answer
        // and its retry banner come first.
        let short = ui.available_height() < SHORT_HEIGHT;
        if !short {
            muted(ui, lang.t(T::LookupShortcut));
        }
        ui.separator();

        let to_top = std::mem::take(&mut self.scroll_to_top);
        let from_top = |area: egui::ScrollArea| {
            if to_top {
                area.vertical_scroll_offset(0.0)
            } else {
                area
            }
        };
        let size = SideSize {
            default: 560.0,
            min: 380.0,
        };
        let front = self.answer_in_front && (self.own.is_some() || self.selected.is_some());
        // On a narrow window the answer is shown in place of the results: what is said above
        // them is said above it too.
        let narrow = ui.available_width() < crate::ui::panes::SIDE_BY_SIDE_FROM;
        let asked = !self.query.trim().is_empty() && self.own.is_none();
        let back = list_and_side(ui, lang, "lookup_detail", size, front, |ui, pane| {
            match pane {
                Pane::Side => {
                    // The retry banner stays in view however far the answer scrolls, unless
                    // the pane is so low (1024×700 at 200 %) that it would leave the answer a
                    // strip: then it heads the answer and scrolls with it. A banner that guards
                    // against charging twice stays even there, compact (a shop owner at 200 %
                    // read the steps with "check first" scrolled away).
                    let banner = if self.own.is_none() {
                        self.selected
                            .as_deref()
                            .and_then(|id| view.index.by_id(id))
                            .map(|(_, entry)| entry)
                    } else {
                        None
                    };
                    let pinned = ui.available_height() >= PINNED_BANNER_ROOM
                        || banner.is_some_and(|e| e.retry.guards_against_charging_twice());
                    if pinned && let Some(entry) = banner {
                        retry_banner(ui, lang, entry, short);
                    }
                    // The record button below a long answer is out of view on a small till:
                    // pinned under the answer, it is one click away wherever the cashier reads.
                    if banner.is_some() && self.record_below && view.recording {
                        egui::Panel::bottom("lookup_record_pinned")
                            .show_separator_line(true)
                            .show(ui, |ui| {
                                ui.horizontal_wrapped(|ui| {
                                    let again = self.recording_again(view, banner);
                                    // The question stands where the cashier clicked.
                                    if again && self.record_again {
                                        self.record_again_ui(ui, view, (banner, true), out);
                                    } else {
                                        if record_button(ui, lang, again, true).clicked() {
                                            self.record_pressed = true;
                                        }
                                        muted(ui, lang.t(T::RecordShortcut));
                                    }
                                });
                            });
                    }
                    from_top(egui::ScrollArea::vertical())
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            if !pinned && let Some(entry) = banner {
                                retry_banner(ui, lang, entry, true);
                            }
                            if narrow && asked {
                                self.warnings_ui(ui, view, false);
                            }
                            if let Some(own) = &mut self.own {
                                if own_form(ui, lang, own, out) {
                                    self.own = None;
                                }
                            } else if let Some((_, entry)) =
                                self.selected.as_deref().and_then(|id| view.index.by_id(id))
                            {
                                self.detail_ui(ui, view, entry, out);
                            } else if asked && !narrow && self.hits.is_empty() {
                                // A prompt nobody can explain yet: recorded from the wide pane
                                // (in the narrow list it was squeezed, the pane left empty).
                                self.record_ui(ui, view, None, out);
                            }
                        });
                }
                Pane::List => {
                    from_top(egui::ScrollArea::vertical())
                        .id_salt("results")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            if self.query.trim().is_empty() {
                                self.browse_ui(ui, view);
                            } else {
                                self.results_ui(ui, view, narrow, out);
                            }
                        });
                }
            }
        });
        if back {
            self.answer_in_front = false;
        }
    }

    fn arrow_keys(&mut self, ui: &Ui, index: &Index) {
        let (down, up) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowDown),
                i.key_pressed(egui::Key::ArrowUp),
            )
        });
        if !(down || up) || self.hits.is_empty() {
            return;
        }
        let ids: Vec<&str> = self
            .hits
            .iter()
            .map(|h| index.entries()[h.entry].id.as_str())
            .collect();
        let at = self
            .selected
            .as_deref()
            .and_then(|s| ids.iter().position(|id| *id == s))
            .unwrap_or(0);
        let next = if down {
            (at + 1).min(ids.len() - 1)
        } else {
            at.saturating_sub(1)
        };
        self.select(ids[next].to_owned());
    }

    /// What to keep in mind about this answer, above it: a code no entry has, words that say the
    /// money may have moved, a code whose words say otherwise, "check the last transaction",
    /// "nearest match". Above the results, and on a narrow window (a small till at 200 %,
    /// where the first answer is shown in place of the results) above the answer too.
    /// `above_list`: said above the results (not above an answer opened in their place).
    fn warnings_ui(&self, ui: &mut Ui, view: &LookupView<'_>, above_list: bool) {
        let lang = view.lang;
        if let Some(code) = &self.unknown_code {
            // Said plainly, before any word matches, so they are not taken for its meaning.
            let key = if self.hits.is_empty() {
                T::LookupUnknownCode
            } else {
                T::LookupUnknownCodeText
            };
            ui.label(
                RichText::new(format!("⚠ {}", lang.fill(key, &[("code", code)])))
                    .color(palette(ui).warn),
            );
            ui.add_space(6.0);
        }
        if !self.money_words.is_empty() {
            let words = self.money_words.join(lang.t(T::ListSeparator));
            // (A refund done twice pays the customer twice: said so, not "charge again".)
            let refund = self.hits.first().is_some_and(|h| {
                view.index
                    .entries()
                    .get(h.entry)
                    .is_some_and(|e| e.payment == crate::knowledge::Payment::Refund)
            });
            let key = if refund {
                T::LookupMoneyWordsRefund
            } else {
                T::LookupMoneyWords
            };
            ui.label(
                RichText::new(format!("⚠ {}", lang.fill(key, &[("words", &words)])))
                    .color(palette(ui).warn)
                    .strong(),
            );
            ui.add_space(6.0);
        }
        if let Some((code, id)) = &self.overruled_code
            && let Some((_, usual)) = view.index.by_id(id)
        {
            muted(
                ui,
                &lang.fill(
                    T::LookupCodeOverruled,
                    &[("code", code), ("title", &usual.text(lang).title)],
                ),
            );
            ui.add_space(6.0);
        }
        // (Not beside a card's or account's refusal, "余额不足" typed as yebz: nothing was taken,
        // and the answer itself says so.)
        let refused = self.hits.first().is_some_and(|h| {
            view.index.entries().get(h.entry).is_some_and(|e| {
                e.retry == Retry::No && matches!(e.category, Category::Card | Category::Account)
            })
        });
        if self.hits.first().is_none_or(|h| !h.is_confident())
            && self.money_words.is_empty()
            && self.unknown_code.is_none()
            && !refused
        {
            // Whatever it is, a payment under way may have gone through. (With nothing found,
            // no step follows to go on with.)
            let key = if self.hits.is_empty() {
                T::LookupCheckLastAlone
            } else {
                T::LookupCheckLast
            };
            muted(ui, lang.t(key));
            ui.add_space(6.0);
        }
        if self.hits.first().is_some_and(|h| !h.is_confident()) {
            let nearest = if above_list {
                T::LookupNearest
            } else {
                T::LookupNearestBack
            };
            ui.label(RichText::new(format!("⚠ {}", lang.t(nearest))).color(palette(ui).warn));
        }
    }

    /// The results; `narrow`: no room for the answer beside them (then the record form of an
    /// unexplained prompt stays under them).
    fn results_ui(
        &mut self,
        ui: &mut Ui,
        view: &LookupView<'_>,
        narrow: bool,
        out: &mut Out<LookupCommand>,
    ) {
        let lang = view.lang;
        // On a narrow window the list stands alone until one is clicked: when the nearest
        // answer guards against charging twice, its banner heads the list (at 200 % a shop
        // owner saw "result unknown" listed, and "check first" nowhere).
        if narrow
            && let Some(top) = self.hits.first()
            && let Some(entry) = view.index.entries().get(top.entry)
            && entry.retry.guards_against_charging_twice()
        {
            retry_banner(ui, lang, entry, true);
        }
        self.warnings_ui(ui, view, true);
        if self.hits.is_empty() {
            ui.add_space(8.0);
            if self.unknown_code.is_none() {
                ui.label(lang.t(T::LookupNothing));
            }
            // A prompt nobody can explain yet is the one most worth writing down against its
            // terminal: one click, as for any other (beside the list when there is room).
            if narrow {
                ui.add_space(4.0);
                self.record_ui(ui, view, None, out);
            }
            ui.add_space(8.0);
            self.add_own_button(ui, lang);
            ui.add_space(8.0);
            self.categories_ui(ui, view);
            return;
        }
        if self.hits[0].is_confident() {
            muted(
                ui,
                &lang.fill(T::LookupResults, &[("n", &self.hits.len().to_string())]),
            );
        }
        let hits = self.hits.clone();
        for hit in &hits {
            let entry = &view.index.entries()[hit.entry];
            self.entry_row(ui, lang, entry);
        }
        ui.add_space(10.0);
        self.add_own_button(ui, lang);
    }

    /// "Add my own entry": greyed while the form is open.
    fn add_own_button(&mut self, ui: &mut Ui, lang: Lang) {
        let button = egui::Button::new(lang.t(T::AddOwn));
        if ui.add_enabled(self.own.is_none(), button).clicked() {
            self.open_own_form();
        }
    }

    fn open_own_form(&mut self) {
        let draft = OwnEntryDraft {
            screen: self.query.trim().to_owned(),
            ..Default::default()
        };
        self.own = Some((draft, None));
        self.answer_in_front = true;
    }

    fn entry_row(&mut self, ui: &mut Ui, lang: Lang, entry: &Entry) {
        let selected = self.selected.as_deref() == Some(entry.id.as_str());
        let codes = if entry.codes.is_empty() {
            String::new()
        } else {
            format!("  [{}]", entry.codes.join(" / "))
        };
        let text = format!("{}{codes}", entry.text(lang).title);
        let button = egui::Button::selectable(selected, RichText::new(text).size(17.0))
            .min_size(egui::vec2(ui.available_width(), 34.0));
        if ui.add(button).clicked() {
            self.select(entry.id.clone());
            self.own = None;
        }
        // (Not how it was found, "pinyin initials match": words for the people who build the
        // search, not for a cashier.)
        let mut info = vec![lang.t(entry.category.label()).to_owned()];
        if entry.confidence == Confidence::Unconfirmed {
            info.push(lang.t(T::UnconfirmedShort).to_owned());
        }
        if matches!(entry.origin, Origin::Merchant(_)) {
            info.push(lang.t(T::OwnBadge).to_owned());
        }
        // Wrapped: in a narrow result column it must not run under the answer beside it.
        ui.horizontal_wrapped(|ui| {
            ui.add_space(12.0);
            muted(ui, &info.join(" · "));
        });
        // Room before the next result, so this line reads as this one's, not the next one's.
        ui.add_space(6.0);
    }

    fn browse_ui(&mut self, ui: &mut Ui, view: &LookupView<'_>) {
        let lang = view.lang;
        match self.browse {
            None => {
                ui.label(lang.t(T::LookupEmpty));
                ui.add_space(6.0);
                self.categories_ui(ui, view);
                ui.add_space(10.0);
                self.add_own_button(ui, lang);
            }
            Some(category) => {
                if ui.button(lang.t(T::LookupBackToBrowse)).clicked() {
                    self.browse = None;
                }
                ui.label(RichText::new(lang.t(category.label())).strong().size(18.0));
                for entry in view
                    .index
                    .entries()
                    .iter()
                    .filter(|e| e.category == category)
                {
                    self.entry_row(ui, lang, entry);
                }
            }
        }
    }

    fn categories_ui(&mut self, ui: &mut Ui, view: &LookupView<'_>) {
        let lang = view.lang;
        ui.horizontal_wrapped(|ui| {
            for category in Category::ALL {
                let n = view
                    .index
                    .entries()
                    .iter()
                    .filter(|e| e.category == category)
                    .count();
                if n > 0
                    && ui
                        .button(format!("{} ({n})", lang.t(category.label())))
                        .clicked()
                {
                    self.browse = Some(category);
                    self.query.clear();
                    self.hits.clear();
                }
            }
        });
    }

    fn detail_ui(
        &mut self,
        ui: &mut Ui,
        view: &LookupView<'_>,
        entry: &Entry,
        out: &mut Out<LookupCommand>,
    ) {
        let lang = view.lang;
        let text = entry.text(lang);
        let pal = palette(ui);
        title(ui, &text.title);
        ui.horizontal_wrapped(|ui| {
            if !entry.codes.is_empty() {
                ui.label(
                    RichText::new(
                        lang.fill(T::DetailCodes, &[("codes", &entry.codes.join(" / "))]),
                    )
                    .strong(),
                );
            }
            // (Its kind is said once, on the line of where the problem is: "顾客的账户" stood
            // here and there.)
            if matches!(entry.origin, Origin::Merchant(_)) {
                ui.label(RichText::new(format!("● {}", lang.t(T::OwnBadge))).color(pal.ok));
            }
        });
        if entry.confidence == Confidence::Unconfirmed && matches!(entry.origin, Origin::BuiltIn) {
            banner(ui, pal.warn, &format!("⚠ {}", lang.t(T::Unconfirmed)));
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(lang.t(T::DetailFault)).strong());
            ui.label(
                RichText::new(lang.t(entry.fault_label()))
                    .strong()
                    .size(17.0),
            );
        });
        // What the prompt means and what to do come first (a cashier with a queue reads the
        // steps before anything else), then the recording, one click below them.
        if !text.meaning.is_empty() {
            section(ui, lang.t(T::DetailMeaning));
            ui.label(&text.meaning);
        }
        self.steps_ui(ui, lang, entry, out);
        ui.add_space(8.0);
        self.record_ui(ui, view, Some(entry), out);
        if !text.causes.is_empty() {
            section(ui, lang.t(T::DetailCauses));
            for (i, cause) in text.causes.iter().enumerate() {
                ui.label(format!("{}. {cause}", i + 1));
            }
        }
        section(ui, lang.t(T::DetailCall));
        // (Not twice: many entries' own words begin "一般不用打电话".)
        let tell = text.tell.to_lowercase();
        let tell_says_so = ["不用打电话", "不需要打电话", "no call"]
            .iter()
            .any(|p| tell.contains(p));
        if entry.call.is_empty() {
            if !tell_says_so {
                ui.label(lang.t(T::DetailNobodyToCall));
            }
        } else {
            for contact in &entry.call {
                ui.label(format!("• {}", lang.t(contact.label())));
            }
        }
        if !text.tell.is_empty() {
            ui.label(&text.tell);
        }
        self.chosen_terminal_contact(ui, view, entry);
        if !text.variants.is_empty() {
            section(ui, lang.t(T::DetailVariants));
            for v in &text.variants {
                ui.label(format!("• {v}"));
            }
        }
        if !entry.screen.is_empty() {
            section(ui, lang.t(T::DetailScreen));
            ui.label(entry.screen.join(" ／ "));
        }
        source_line(ui, lang, entry);
        self.note_ui(ui, view, entry, out);
    }

    /// Whom to call is the acquirer: the chosen terminal's acquirer, hotline and IDs are right
    /// there, before anything is recorded (the cashier is on the phone first; a walkthrough
    /// found them only on the call sheet, after recording).
    fn chosen_terminal_contact(&self, ui: &mut Ui, view: &LookupView<'_>, entry: &Entry) {
        if !entry.call.contains(&Contact::Acquirer) {
            return;
        }
        let Some(device) = self
            .incident_device(view.devices)
            .and_then(|id| view.devices.iter().find(|d| d.id == id))
        else {
            return;
        };
        let Some(contact) = device.contact_line(view.lang) else {
            return;
        };
        let line = format!("☎ {}{}", device.fields.name, view.lang.aside(&contact));
        ui.label(RichText::new(line).strong());
    }

    fn steps_ui(&mut self, ui: &mut Ui, lang: Lang, entry: &Entry, out: &mut Out<LookupCommand>) {
        let steps = &entry.text(lang).steps;
        if steps.is_empty() {
            return;
        }
        section(ui, lang.t(T::DetailSteps));
        // The incident recorded for this very prompt, while it is shown: steps ticked on after
        // the click are that incident's (the cashier goes on down the list while the customer
        // waits, and the call sheet says what was tried).
        let recorded = self.just_recorded().filter(|_| {
            self.recorded
                .as_ref()
                .is_some_and(|(id, _, _)| *id == entry.id)
        });
        let ticks = self.ticked.entry(entry.id.clone()).or_default();
        ticks.resize(steps.len(), false);
        let mut changed = false;
        for (i, step) in steps.iter().enumerate() {
            changed |= ui
                .checkbox(
                    &mut ticks[i],
                    RichText::new(format!("{}. {step}", i + 1)).size(16.0),
                )
                .changed();
        }
        if let Some(id) = recorded.filter(|_| changed) {
            out.push(LookupCommand::IncidentSteps {
                id,
                steps_done: done_steps(steps, ticks),
            });
        }
        let done = ticks.iter().filter(|t| **t).count();
        muted(
            ui,
            &lang.fill(
                T::StepsTicked,
                &[
                    ("done", &done.to_string()),
                    ("total", &steps.len().to_string()),
                ],
            ),
        );
    }

    fn note_ui(
        &mut self,
        ui: &mut Ui,
        view: &LookupView<'_>,
        entry: &Entry,
        out: &mut Out<LookupCommand>,
    ) {
        let lang = view.lang;
        let stored = view.notes.get(&entry.id).cloned().unwrap_or_default();
        if self
            .note_draft
            .as_ref()
            .is_none_or(|(id, _)| *id != entry.id)
        {
            self.note_draft = Some((entry.id.clone(), stored.clone()));
            self.note_problem = None;
        }
        let Some((_, draft)) = &mut self.note_draft else {
            return;
        };
        ui.add_space(10.0);
        let (field, refusal) = TextField::new(lang.t(T::MyNote), draft, MAX_NOTE)
            .multiline()
            .show(ui, lang);
        // (Said until the field next changes: shown for one frame, it was never seen.)
        if refusal.is_some() {
            self.note_problem = refusal;
        } else if field.changed() {
            self.note_problem = None;
        }
        if let Some(message) = &self.note_problem {
            error_text(ui, message);
        }
        if *draft != stored && ui.button(lang.t(T::SaveNote)).clicked() {
            out.push(LookupCommand::SaveNote {
                entry_id: entry.id.clone(),
                note: draft.clone(),
            });
        }
    }

    /// The incidents whose recording asked for the terminal and whose prompt was replaced
    /// before it was chosen: each with its terminals to record it on, and "don't record it".
    fn left_behind_ui(&mut self, ui: &mut Ui, view: &LookupView<'_>, out: &mut Out<LookupCommand>) {
        let lang = view.lang;
        let terminals = terminals_in_use(view.devices);
        let mut let_go = None;
        if self.left_behind.is_empty() {
            return;
        }
        // (At most a quarter of the screen: at 200 % on a small till the waiting incidents hid
        // the next customer's answer.)
        let most = (ui.available_height() * 0.25).max(48.0);
        egui::ScrollArea::vertical()
            .id_salt("left_behind")
            .max_height(most)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (at, left) in self.left_behind.iter().enumerate() {
                    let colour = ui.visuals().warn_fg_color;
                    let text =
                        lang.fill(T::IncidentLeftBehind, &[("prompt", &left.incident.prompt)]);
                    ui.horizontal_wrapped(|ui| {
                        phrase_label(ui, &text, |t| RichText::new(t).strong().color(colour));
                        let options = terminals
                            .iter()
                            .map(|d| {
                                let name = crate::device::choice_name(d, &terminals);
                                (
                                    Some(d.id),
                                    lang.fill(T::IncidentLeftBehindOn, &[("device", &name)]),
                                )
                            })
                            .chain(std::iter::once((
                                None,
                                lang.t(T::IncidentLeftBehindNone).to_owned(),
                            )));
                        for (device, name) in options {
                            if ui.button(name).clicked() {
                                out.push(LookupCommand::RecordLeftBehind { at, device });
                            }
                        }
                        if ui.button(lang.t(T::IncidentLeftBehindDrop)).clicked() {
                            let_go = Some(at);
                        }
                    });
                }
            });
        if let Some(at) = let_go {
            self.left_behind.remove(at);
        }
    }

    /// The terminal, who is on shift, a note, and "record this incident": under `entry`, or
    /// under no entry for a prompt the base does not explain.
    fn record_ui(
        &mut self,
        ui: &mut Ui,
        view: &LookupView<'_>,
        entry: Option<&Entry>,
        out: &mut Out<LookupCommand>,
    ) {
        let lang = view.lang;
        let terminals: Vec<&Device> = terminals_in_use(view.devices);
        let terminals_count = terminals.len();
        // Of several terminals none is guessed: none is shown chosen, and recording asks first.
        // Alt+1, Alt+2, …: a terminal chosen from the keyboard, in the order shown (Alt+0: not
        // on a particular terminal), so that Ctrl+K, the prompt, Alt+1 and Ctrl+Enter record
        // without the mouse (a walk's cashier reached for it at every prompt).
        if let Some(n) = self.picked_terminal.take()
            && terminals_count > 1
            && n <= terminals_count
        {
            self.incident_device = Some(n.checked_sub(1).map(|at| terminals[at].id));
            self.terminal_asked = false;
        }
        let choose_first = terminals_count > 1 && self.incident_device.is_none();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let chooser = ui.horizontal_wrapped(|ui| {
                ui.label(lang.t(T::IncidentDevice));
                // Until the cashier chooses, the shop's only terminal is the one.
                let chosen = self.incident_device(view.devices);
                // A choice beside the terminals, worded as one: "(not specified)" read as a
                // status beside the terminal that was chosen. Of several, none is shown chosen
                // until one is (none looked chosen, and recording then asked which).
                let options = std::iter::once((None, lang.t(T::IncidentNoTerminal).to_owned()))
                    .chain(
                        terminals
                            .iter()
                            .map(|d| (Some(d.id), crate::device::choice_name(d, &terminals))),
                    );
                for (value, name) in options {
                    if ui
                        .selectable_label(!choose_first && chosen == value, name)
                        .clicked()
                    {
                        self.incident_device = Some(value);
                        self.terminal_asked = false;
                    }
                }
            });
            // Of several terminals none is guessed, but the choice is asked for: a record
            // against no terminal counts towards no terminal's repeated faults.
            // (Once chosen, a line of the same length says so: the note field below must not
            // move up under the cashier's next click.)
            // (A customer's refusal is no terminal's fault: nothing to flag, no call to make.)
            let customers = entry.is_some_and(crate::incident::is_customers_refusal);
            if terminals_count > 1 {
                let (key, colour) = if choose_first && self.terminal_asked {
                    (T::IncidentPickTerminalFirst, ui.visuals().warn_fg_color)
                } else if choose_first {
                    (T::IncidentPickTerminal, ui.visuals().warn_fg_color)
                } else if customers {
                    (T::IncidentTerminalPickedCustomer, palette(ui).muted)
                } else if self.incident_device == Some(None) {
                    (T::IncidentNoTerminalPicked, palette(ui).muted)
                } else {
                    (T::IncidentTerminalPicked, palette(ui).muted)
                };
                phrase_label(ui, lang.t(key), |text| RichText::new(text).color(colour));
                let last = terminals_count.min(9).to_string();
                muted(ui, &lang.fill(T::IncidentPickKeys, &[("last", &last)]));
            }
            on_shift_line(ui, view);
            let again = self.recording_again(view, entry);
            let mut asked_now = false;
            let mut terminal_asked_now = false;
            let pressed = std::mem::take(&mut self.record_pressed);
            ui.horizontal_wrapped(|ui| {
                // Ctrl+Enter records from anywhere on the screen: a hand on the terminal, the
                // other on the keyboard.
                let shortcut = std::mem::take(&mut self.record_shortcut);
                let button = record_button(ui, lang, again, false);
                let clicked = button.clicked() || shortcut || pressed;
                self.record_below = button.rect.bottom() > ui.clip_rect().bottom();
                if pressed {
                    button.scroll_to_me(Some(egui::Align::Center));
                }
                muted(ui, lang.t(T::RecordShortcut));
                // Just recorded: its call sheet, to read out on the phone.
                if let Some(id) = self.just_recorded().filter(|_| !customers)
                    && ui.button(lang.t(T::ShowSheet)).clicked()
                {
                    self.sheet = Some(id);
                    self.sheet_path = None;
                    self.tab = Tab::Incidents;
                }
                // Once recorded, the note is that incident's: kept with it when the field is
                // left (or Enter pressed), and said so.
                let just = self.just_recorded().filter(|_| self.note_kept.is_some());
                let label = if just.is_some() {
                    T::IncidentNoteRecorded
                } else {
                    T::IncidentNote
                };
                let (field, refusal) =
                    TextField::new(lang.t(label), &mut self.incident_note, MAX_NOTE).show(ui, lang);
                if let Some(message) = refusal {
                    self.incident_problem = Some(message);
                } else if field.changed() {
                    self.incident_problem = None;
                }
                if let Some(id) = just
                    && self.note_kept.as_deref() != Some(self.incident_note.as_str())
                    // (Ctrl+Enter typed in the note keeps it too, before anything else.)
                    && (field.lost_focus()
                        || clicked
                        || ui.button(lang.t(T::SaveIncidentNote)).clicked())
                {
                    out.push(LookupCommand::IncidentNote {
                        id,
                        note: self.incident_note.clone(),
                    });
                }
                if clicked {
                    // Of several terminals, which one is asked first: a record on none counts
                    // towards no terminal's repeated faults.
                    // The same prompt once more: a second incident, or a double click? Asked,
                    // and asked again (never taken for "yes") while the question stands.
                    if choose_first {
                        self.terminal_asked = true;
                        terminal_asked_now = true;
                        self.asked_record = self
                            .incident(view, entry)
                            .ok()
                            .map(|(incident, settled)| LeftBehind { incident, settled });
                    } else if again {
                        self.record_again = true;
                        asked_now = true;
                    } else {
                        self.record(view, entry, out);
                    }
                }
            });
            if terminal_asked_now {
                chooser.response.scroll_to_me(Some(egui::Align::Center));
            }
            if again && self.record_again {
                let question =
                    ui.horizontal_wrapped(|ui| self.record_again_ui(ui, view, (entry, false), out));
                // Below the fold on a small till, the question went unseen (a shop owner's
                // next press then recorded one incident for two).
                if asked_now {
                    question.response.scroll_to_me(Some(egui::Align::Center));
                }
            }
            if let Some(problem) = &self.incident_problem {
                error_text(ui, problem);
            }
            // The incident just recorded made a warning (the same fault again and again on this
            // terminal): said here, where the cashier is, not only on Today; short of one, how
            // far it is on its way.
            if let Some(id) = self.just_recorded() {
                let warned = view
                    .warnings
                    .iter()
                    .any(|w| !w.acknowledged && w.incidents.contains(&id));
                if let Some(progress) = self.repeat_progress.as_deref().filter(|_| !warned) {
                    muted(ui, progress);
                }
                for w in view
                    .warnings
                    .iter()
                    .filter(|w| !w.acknowledged && w.incidents.contains(&id))
                {
                    let text = lang.fill(
                        T::WarnWithAdvice,
                        &[
                            ("warning", &w.headline(lang)),
                            ("advice", lang.t(w.kind.advice())),
                        ],
                    );
                    let colour = ui.visuals().warn_fg_color;
                    let said = ui.scope(|ui| {
                        phrase_label(ui, &text, |t| RichText::new(t).strong().color(colour));
                    });
                    // Just made by this record: brought into view (at 200 % on a small till it
                    // was below the pinned record bar, unseen when it fired).
                    if std::mem::take(&mut self.warning_to_view) {
                        said.response.scroll_to_me(Some(egui::Align::Center));
                    }
                }
            }
            self.warning_to_view = false;
        });
    }

    /// "This prompt was just recorded. Did it really happen again?" with its two answers (the
    /// `pinned` ones under the answer named apart, for a screen reader).
    fn record_again_ui(
        &mut self,
        ui: &mut Ui,
        view: &LookupView<'_>,
        (entry, pinned): (Option<&Entry>, bool),
        out: &mut Out<LookupCommand>,
    ) {
        let lang = view.lang;
        ui.label(RichText::new(lang.t(T::RecordAgainAsk)).strong());
        let answer = |ui: &mut Ui, key: T| {
            let text = lang.t(key);
            if pinned {
                let name = lang.fill(T::RecordPinnedName, &[("button", text)]);
                named_button(ui, text, &name)
            } else {
                ui.button(text)
            }
        };
        if answer(ui, T::RecordAgainYes).clicked() {
            self.record_again = false;
            self.record(view, entry, out);
        }
        if answer(ui, T::Cancel).clicked() {
            self.record_again = false;
        }
    }

    /// The incident recorded for the prompt shown, if one was.
    fn just_recorded(&self) -> Option<i64> {
        self.last_incident
            .as_ref()
            .filter(|(query, _)| query == self.query.trim())
            .map(|&(_, id)| id)
    }

    /// Whether recording now would record this answer, prompt and terminal once more.
    fn recording_again(&self, view: &LookupView<'_>, entry: Option<&Entry>) -> bool {
        let this = (
            entry.map(|e| e.id.clone()).unwrap_or_default(),
            self.query.trim().to_owned(),
            self.incident_device(view.devices),
        );
        self.recorded.as_ref() == Some(&this)
    }

    /// The terminal an incident will be recorded against: the one chosen, or until the cashier
    /// chooses, the shop's only terminal.
    fn incident_device(&self, devices: &[Device]) -> Option<i64> {
        match self.incident_device {
            Some(chosen) => chosen,
            None => incident_terminal(None, devices).map(|d| d.id),
        }
    }

    fn record(
        &mut self,
        view: &LookupView<'_>,
        entry: Option<&Entry>,
        out: &mut Out<LookupCommand>,
    ) {
        self.asked_record = None;
        match self.incident(view, entry) {
            Ok((new, settled)) => {
                self.incident_problem = None;
                out.push(LookupCommand::RecordIncident(Box::new(new), settled));
            }
            Err(problem) => self.incident_problem = Some(problem),
        }
    }

    /// The incident that recording makes now, and whether it is settled at once; or why not.
    fn incident(
        &mut self,
        view: &LookupView<'_>,
        entry: Option<&Entry>,
    ) -> Result<(NewIncident, Option<T>), String> {
        let lang = view.lang;
        // Recorded already for this prompt: its ticks were that incident's, and this one
        // starts with none done.
        if let Some(entry) = entry
            && self
                .recorded
                .as_ref()
                .is_some_and(|(id, query, _)| *id == entry.id && query == self.query.trim())
        {
            self.ticked.remove(&entry.id);
        }
        let steps_done = entry.map_or_else(Vec::new, |entry| {
            let ticks = self.ticked.get(&entry.id).cloned().unwrap_or_default();
            done_steps(&entry.text(lang).steps, &ticks)
        });
        // What the terminal showed: the screen text a typo or pinyin was read as ("ybz" is
        // 余额不足 in the history, the CSV and the charts), else what was typed.
        let hit = entry.and_then(|entry| {
            self.hits.iter().find(|h| {
                view.index
                    .entries()
                    .get(h.entry)
                    .is_some_and(|e| e.id == entry.id)
            })
        });
        let prompt = match entry {
            Some(entry) if self.query.trim().is_empty() => entry.text(lang).title.clone(),
            _ => {
                // (Words with a typo in them are recorded as the answer's title.)
                let read_as = entry
                    .filter(|_| view.index.misspelled(&self.query))
                    .map(|e| e.text(lang).title.as_str());
                crate::incident::shown_prompt(&self.query, hit, read_as)
            }
        };
        let new = NewIncident {
            device_id: self.incident_device(view.devices),
            prompt,
            entry_id: entry.map(|e| e.id.clone()),
            steps_done,
            // (The note in the field is the last incident's, once recorded.)
            note: if self.note_kept.is_some() {
                String::new()
            } else {
                self.incident_note.clone()
            },
            staff_id: view.plan.current_staff,
        };
        let settled = entry.and_then(crate::incident::settled_at_once);
        new.validate()
            .map(|new| (new, settled))
            .map_err(|problem| problem.message(lang))
    }

    fn incidents_ui(&mut self, ui: &mut Ui, view: &LookupView<'_>, out: &mut Out<LookupCommand>) {
        let lang = view.lang;
        ui.separator();
        // A window left only to look up prompts read none: "none yet" would say the shop's
        // incidents were gone (a fault tester's read-only folder held three open).
        if !view.recording {
            muted(ui, lang.t(T::IncidentsUnreadable));
            return;
        }
        if view.incidents.is_empty() {
            muted(ui, lang.t(T::IncidentsNone));
            return;
        }
        let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
        if std::mem::take(&mut self.incidents_to_top) {
            area = area.scroll_offset(egui::Vec2::ZERO);
        }
        area.show(ui, |ui| {
            for incident in view.incidents {
                self.incident_card(ui, view, incident, out);
                ui.add_space(6.0);
            }
        });
    }

    fn incident_card(
        &mut self,
        ui: &mut Ui,
        view: &LookupView<'_>,
        incident: &Incident,
        out: &mut Out<LookupCommand>,
    ) {
        let lang = view.lang;
        let pal = palette(ui);
        let (colour, mark) = match incident.status {
            IncidentStatus::Open => (pal.danger, "●"),
            IncidentStatus::Resolved => (pal.ok, "✓"),
            IncidentStatus::Escalated => (pal.warn, "→"),
            IncidentStatus::Voided => (pal.muted, "×"),
        };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("{mark} {}", lang.t(incident.status.label())))
                        .color(colour)
                        .strong(),
                );
                ui.label(RichText::new(&incident.prompt).strong().size(17.0));
                // The entry it was recorded under, unless the prompt already says it word for
                // word ("交易超时 → 交易超时" reads like a glitch).
                if let Some((_, e)) = incident
                    .entry_id
                    .as_deref()
                    .and_then(|id| view.index.by_id(id))
                    && !same_words(&e.text(lang).title, &incident.prompt)
                {
                    muted(ui, &format!("→ {}", e.text(lang).title));
                }
            });
            let mut facts = vec![lang.fill(
                T::IncidentStarted,
                &[("when", &show_time(incident.started_at))],
            )];
            if let Some(d) = incident_terminal(incident.device_id, view.devices) {
                facts.push(d.fields.name.clone());
            }
            let who = view.plan.staff_name(incident.staff_id);
            if !who.is_empty() {
                facts.push(lang.fill(T::IncidentHandledBy, &[("name", who)]));
            }
            if !incident.steps_done.is_empty() {
                facts.push(
                    incident
                        .steps_done
                        .iter()
                        .map(|s| format!("✓ {s}"))
                        .collect::<Vec<_>>()
                        .join("  "),
                );
            }
            muted(ui, &facts.join(" · "));
            if !incident.note.is_empty() {
                ui.label(&incident.note);
            }
            if let Some(closed) = incident.closed_at {
                let detail = incident.closing_note();
                let closed = lang.fill(
                    T::IncidentClosedAt,
                    &[
                        ("status", lang.t(incident.status.label())),
                        ("when", &show_time(closed)),
                    ],
                );
                ui.label(lang.fill(T::LabelValue, &[("label", &closed), ("value", detail)]));
            }
            let showing = self.sheet == Some(incident.id);
            // (A customer's refusal has nobody to call about it: no call sheet.)
            let customers = incident
                .entry_id
                .as_deref()
                .and_then(|id| view.index.by_id(id))
                .is_some_and(|(_, e)| crate::incident::is_customers_refusal(e));
            ui.horizontal_wrapped(|ui| {
                let toggle = if showing { T::HideSheet } else { T::ShowSheet };
                if !customers && ui.button(lang.t(toggle)).clicked() {
                    self.sheet = (!showing).then_some(incident.id);
                    self.sheet_path = None;
                }
                // Open: fixed, or handed on. Handed on: fixed at last (or back to open).
                let next: &[(IncidentStatus, T)] = match incident.status {
                    IncidentStatus::Open => &[
                        (IncidentStatus::Resolved, T::Resolve),
                        (IncidentStatus::Escalated, T::Escalate),
                    ],
                    IncidentStatus::Escalated => &[(IncidentStatus::Resolved, T::Resolve)],
                    IncidentStatus::Resolved | IncidentStatus::Voided => &[],
                };
                for &(status, key) in next {
                    if ui.button(lang.t(key)).clicked() {
                        self.closing = Some(Closing {
                            id: incident.id,
                            status,
                            text: String::new(),
                            problem: None,
                            frames: 0,
                        });
                        // The form comes right under the buttons, not below the sheet.
                        self.sheet = None;
                    }
                }
                if incident.status != IncidentStatus::Open
                    && incident.status != IncidentStatus::Voided
                    && ui.button(lang.t(T::Reopen)).clicked()
                {
                    out.push(LookupCommand::CloseIncident {
                        id: incident.id,
                        status: IncidentStatus::Open,
                        text: String::new(),
                    });
                }
            });
            if showing {
                let saved = self
                    .sheet_saved
                    .as_ref()
                    .filter(|(i, _)| *i == incident.id)
                    .map(|(_, path)| path.as_path());
                sheet_ui(ui, view, incident, (&mut self.sheet_path, saved), out);
            }
            self.closing_ui(ui, lang, incident.id, out);
        });
    }

    /// Whether an incident's closing text (what fixed it, whom it went to) is typed and not
    /// saved yet.
    fn closing_typed(&self) -> bool {
        self.closing
            .as_ref()
            .is_some_and(|c| !c.text.trim().is_empty())
    }

    fn closing_ui(&mut self, ui: &mut Ui, lang: Lang, id: i64, out: &mut Out<LookupCommand>) {
        let Some(closing) = self.closing.as_mut().filter(|c| c.id == id) else {
            return;
        };
        let label = if closing.status == IncidentStatus::Escalated {
            T::IncidentEscalatedTo
        } else {
            T::IncidentResolution
        };
        let (field, refusal) =
            TextField::new(lang.t(label), &mut closing.text, MAX_NOTE).show(ui, lang);
        match closing.frames {
            0 => field.scroll_to_me(Some(egui::Align::Center)),
            1 => field.request_focus(),
            _ => {}
        }
        if closing.frames < 2 {
            closing.frames += 1;
            ui.ctx().request_repaint();
        }
        if let Some(message) = refusal {
            closing.problem = Some(message);
        }
        if let Some(problem) = &closing.problem {
            error_text(ui, problem);
        }
        let mut cancel = false;
        ui.horizontal(|ui| {
            if ui
                .button(RichText::new(format!("✓ {}", lang.t(T::Save))).strong())
                .clicked()
            {
                match closing_text(closing.status, &closing.text) {
                    Ok(text) => out.push(LookupCommand::CloseIncident {
                        id,
                        status: closing.status,
                        text,
                    }),
                    Err(problem) => closing.problem = Some(problem.message(lang)),
                }
            }
            cancel = ui.button(lang.t(T::Cancel)).clicked();
        });
        if cancel {
            self.closing = None;
        }
    }
}

/// An incident's call sheet as it will be copied or printed, with the buttons that do so: the
/// cashier sees what goes to the hotline before sending it.
fn sheet_ui(
    ui: &mut Ui,
    view: &LookupView<'_>,
    incident: &Incident,
    (typed_path, saved): (&mut Option<String>, Option<&Path>),
    out: &mut Out<LookupCommand>,
) {
    let lang = view.lang;
    let sheet = CallSheet::of(view.shop, incident, view.devices, view.index);
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, palette(ui).muted))
        .inner_margin(8.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(lang.t(T::SheetTitle)).strong());
            // A wrapped row each, not a grid: a grid cell never wraps, and a long note or ID
            // at 200 % ran past the window's right edge.
            for (label, value) in sheet.rows(lang) {
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing.x = 12.0;
                    muted(ui, &label);
                    ui.label(value);
                });
            }
            ui.horizontal_wrapped(|ui| {
                if ui.button(lang.t(T::CopySheet)).clicked() {
                    out.app(AppCommand::Copy {
                        text: sheet.text(lang),
                        done: T::SheetCopied,
                    });
                }
                if view.dialogs.available() && ui.button(lang.t(T::SaveSheet)).clicked() {
                    out.push(LookupCommand::SaveSheet(incident.id, None));
                }
                // Saved: one click opens it in the browser to print (a shop owner did not know
                // where the file went, nor how to open it).
                if let Some(saved) = saved
                    && ui.button(lang.t(T::EmOpenPrinted)).clicked()
                {
                    out.app(AppCommand::Open(saved.to_path_buf()));
                }
            });
            if !view.dialogs.available() {
                typed_sheet_path(ui, view, incident.id, typed_path, out);
            }
        });
}

/// "● Record this incident" (or "record it again"): under the answer, and `pinned` below it
/// when that is out of view (named apart from the other, for a screen reader).
fn record_button(ui: &mut Ui, lang: Lang, again: bool, pinned: bool) -> egui::Response {
    let label = if again {
        lang.t(T::RecordAgain)
    } else {
        lang.t(T::RecordIncident)
    };
    let text = format!("● {label}");
    let response = ui.add(egui::Button::new(RichText::new(&text).strong().size(17.0)));
    if pinned {
        let name = lang.fill(T::RecordPinnedName, &[("button", &text)]);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    }
    response
}

/// Where an answer's facts come from and how sure they are, folded away under its heading: a
/// cashier seldom needs it, whoever checks the answer does.
fn source_line(ui: &mut Ui, lang: Lang, entry: &Entry) {
    let line = sources::line(entry, lang);
    if line.is_empty() {
        return;
    }
    ui.add_space(10.0);
    egui::CollapsingHeader::new(RichText::new(lang.t(T::DetailSource)).color(palette(ui).muted))
        .id_salt(("sources", &entry.id))
        .default_open(false)
        .show(ui, |ui| {
            ui.label(RichText::new(line).small().color(palette(ui).muted));
        });
}

/// The form for one of the merchant's own entries; returns whether Cancel was clicked.
fn own_form(
    ui: &mut Ui,
    lang: Lang,
    (draft, problem): &mut (OwnEntryDraft, Option<String>),
    out: &mut Out<LookupCommand>,
) -> bool {
    let (mut save, mut cancel) = (false, false);
    ui.horizontal(|ui| {
        title(ui, lang.t(T::OwnTitleHeading));
        save = ui
            .button(RichText::new(format!("✓ {}", lang.t(T::Save))).strong())
            .clicked();
        cancel = ui.button(lang.t(T::Cancel)).clicked();
    });
    if let Some(p) = problem.as_ref() {
        error_text(ui, p);
    }
    let fields: [(T, &mut String, usize, bool); 5] = [
        (T::OwnScreen, &mut draft.screen, 500, false),
        (T::OwnCode, &mut draft.code, 40, false),
        (T::OwnTitle, &mut draft.title, 80, false),
        (T::OwnMeaning, &mut draft.meaning, 2000, true),
        (T::OwnSteps, &mut draft.steps, 2000, true),
    ];
    for (label, value, max, multiline) in fields {
        let mut field = TextField::new(lang.t(label), value, max);
        if multiline {
            field = field.multiline();
        }
        if let (_, Some(message)) = field.show(ui, lang) {
            *problem = Some(message);
        }
    }
    ui.label(lang.t(T::FieldKind));
    ui.horizontal_wrapped(|ui| {
        for c in Category::ALL
            .into_iter()
            .filter(|c| *c != Category::Approved)
        {
            ui.selectable_value(&mut draft.category, Some(c), lang.t(c.label()));
        }
    });
    ui.label(lang.t(T::DetailRetry));
    ui.horizontal_wrapped(|ui| {
        for r in Retry::ALL {
            ui.selectable_value(&mut draft.retry, Some(r), lang.t(r.label()));
        }
    });
    if save {
        match draft.clone().validate() {
            Ok(valid) => out.push(LookupCommand::AddOwnEntry(Box::new(valid))),
            Err(p) => *problem = Some(p.message(lang)),
        }
    }
    cancel
}

/// The retry advice as a coloured box; "check first" and "already paid" (both: do not charge
/// again) are the loudest things on the screen.
fn retry_banner(ui: &mut Ui, lang: Lang, entry: &Entry, compact: bool) {
    let pal = palette(ui);
    let retry = entry.retry;
    let (colour, mark) = match retry {
        Retry::CheckFirst | Retry::AlreadyPaid => (pal.danger, "⚠"),
        Retry::No => (pal.danger, "×"),
        Retry::AfterFix | Retry::Later | Retry::Once => (pal.warn, "!"),
        Retry::Yes | Retry::NotApplicable => (pal.ok, "✓"),
    };
    // A full-width colon is its own space (no "能不能重试：  不要…").
    let question = lang.t(T::DetailRetry);
    let gap = if question.ends_with('：') { "" } else { " " };
    let text = format!("{mark} {question}{gap}{}", lang.t(entry.retry_label()));
    let loud = retry.guards_against_charging_twice();
    egui::Frame::new()
        .stroke(egui::Stroke::new(if loud { 3.0 } else { 1.5 }, colour))
        .inner_margin(if compact { 5.0 } else { 10.0 })
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let size = match (loud, compact) {
                (true, false) => 22.0,
                (true, true) => 18.0,
                (false, _) => 17.0,
            };
            ui.label(RichText::new(text).strong().size(size).color(colour));
        });
}

/// Whether two texts say the same, ignoring spaces and letter case.
fn same_words(a: &str, b: &str) -> bool {
    let plain = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    plain(a) == plain(b)
}

/// A framed message in `colour`.
fn banner(ui: &mut Ui, colour: Color32, text: &str) {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.5, colour))
        .inner_margin(8.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(text).color(colour));
        });
}

/// A heading inside the detail.
fn section(ui: &mut Ui, text: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new(text).strong().size(17.0));
}

impl Page for LookupScreen {
    type Command = LookupCommand;
    const MIN_WIDTH: f32 = NARROWEST;

    fn ui(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<LookupCommand>) {
        let shared = cx.shared;
        if self.index_version != shared.index_version {
            // The index arrived from its start-up build, or the merchant's own entries changed.
            self.index_version = shared.index_version;
            self.research(&shared.index);
        }
        let view = LookupView {
            lang: cx.lang,
            index: &shared.index,
            shop: &shared.shop_name,
            devices: &shared.devices,
            notes: &shared.notes,
            incidents: &shared.incidents,
            open_incidents: shared.open_incidents,
            dialogs: &shared.dialogs,
            data_dir: cx.data_dir(),
            plan: &shared.plan,
            warnings: &shared.warnings,
            recording: cx.store.is_some(),
        };
        self.draw(ui, &view, out);
    }

    fn unsaved(&self) -> bool {
        // (The query and the ticks are the lookup's own state, kept while the window is open;
        // a note or a closing text is what someone wrote down.)
        // (A note kept with the incident just recorded is saved.)
        let note_unsaved = !self.incident_note.trim().is_empty()
            && self.note_kept.as_deref() != Some(self.incident_note.as_str());
        // (An incident waiting for its terminal is not recorded yet either.)
        note_unsaved || self.closing_typed() || !self.left_behind.is_empty()
    }

    fn apply(&mut self, command: LookupCommand, ax: &mut Apply<'_>) -> Outcome {
        let lang = ax.lang;
        let store = &mut *ax.store;
        let (result, done) = match command {
            LookupCommand::SaveNote { entry_id, note } => {
                (store.set_entry_note(&entry_id, &note), T::NoteSaved)
            }
            LookupCommand::RecordIncident(new, settled) => {
                let result = match settled {
                    Some(why) => store.add_incident_settled(&new, lang.t(why)),
                    None => store.add_incident(&new),
                };
                if let Ok(id) = result {
                    self.last_incident = Some((self.query.trim().to_owned(), id));
                    self.warning_to_view = true;
                    self.repeat_progress = new.device_id.and_then(|device| {
                        repeat_progress_text(store, (device, id), ax.today, lang)
                    });
                }
                let result = result.map(|_| ());
                if result.is_ok() {
                    // The note field is this incident's now: what was typed stays, kept.
                    self.incident_note = new.note.clone();
                    self.note_kept = Some(new.note.clone());
                    self.incident_problem = None;
                    // The ticks are this incident's: they stay while its prompt is shown, and
                    // steps ticked on are added to it (`steps_ui`); a second record of the same
                    // prompt starts with none done (`record`: a walkthrough found later
                    // incidents recorded with steps nobody took).
                    // (A prompt with no entry, an unknown code, is "recorded" too: a second
                    // click asks before it records it twice.)
                    self.recorded = Some((
                        new.entry_id.clone().unwrap_or_default(),
                        self.query.trim().to_owned(),
                        new.device_id,
                    ));
                }
                let said = match settled {
                    Some(T::IncidentSettledCustomer) => T::IncidentRecordedSettled,
                    Some(_) => T::IncidentRecordedRedone,
                    None => T::IncidentRecorded,
                };
                (result, said)
            }
            LookupCommand::CloseIncident { id, status, text } => {
                let result = store.close_incident(id, status, &text);
                if result.is_ok() {
                    self.closing = None;
                }
                (result, status.label())
            }
            LookupCommand::AddOwnEntry(draft) => {
                let result = store.add_own_entry(&draft).map(|_| ());
                if result.is_ok() {
                    self.own = None;
                }
                (result, T::OwnSaved)
            }
            LookupCommand::SaveSheet(id, path) => {
                let (outcome, saved) = save_sheet(ax, id, path);
                if let Some(path) = saved {
                    self.sheet_saved = Some((id, path));
                }
                return outcome;
            }
            LookupCommand::RecordLeftBehind { at, device } => {
                let Some(left) = self.left_behind.get_mut(at) else {
                    return Outcome::Nothing;
                };
                left.incident.device_id = device;
                let result = match left.settled {
                    Some(why) => store.add_incident_settled(&left.incident, lang.t(why)),
                    None => store.add_incident(&left.incident),
                };
                return match result {
                    Ok(_) => {
                        let left = self.left_behind.remove(at);
                        let devices = store.devices().unwrap_or_default();
                        let place = device.map_or_else(
                            || lang.t(T::IncidentNoTerminal).to_owned(),
                            |id| crate::device::shown_name(&devices, id),
                        );
                        Outcome::Done(lang.fill(
                            T::IncidentLeftBehindRecorded,
                            &[("prompt", &left.incident.prompt), ("device", &place)],
                        ))
                    }
                    Err(e) => Outcome::of_write(Err(e), lang, T::IncidentRecorded),
                };
            }
            LookupCommand::IncidentNote { id, note } => {
                let result = store.set_incident_note(id, &note);
                if result.is_ok() {
                    self.note_kept = Some(note);
                }
                (result, T::IncidentNoteSaved)
            }
            LookupCommand::IncidentSteps { id, steps_done } => {
                // (Its note stays as it was recorded.)
                let result = store.incident(id).and_then(|found| match found {
                    Some(incident) => {
                        store.update_incident_progress(id, &steps_done, &incident.note)
                    }
                    None => Err(crate::store::StoreError::NotFound(
                        crate::store::Record::Incident,
                    )),
                });
                (result, T::IncidentStepsAdded)
            }
        };
        Outcome::of_write(result, lang, done)
    }

    /// The search box gets the cursor whenever the screen opens (Ctrl+K too).
    fn shown(&mut self, focus: Option<&Focus>) {
        // Opened again: the answer starts at its title and retry banner, not where it was left.
        self.scroll_to_top = true;
        // (Back to what was typed and not saved: an incident's closing text is on its card.)
        match focus {
            Some(Focus::Incidents) => self.tab = Tab::Incidents,
            Some(Focus::Unsaved) if self.closing_typed() => self.tab = Tab::Incidents,
            Some(Focus::Unsaved) => self.tab = Tab::Lookup,
            _ => self.focus(),
        }
    }
}

/// Where there is no file dialog: the call sheet is saved to a typed path, a full one suggested.
fn typed_sheet_path(
    ui: &mut Ui,
    view: &LookupView<'_>,
    id: i64,
    typed: &mut Option<String>,
    out: &mut Out<LookupCommand>,
) {
    let lang = view.lang;
    let typed = typed.get_or_insert_with(|| {
        suggested_path(&sheet_file_name(lang, id), view.data_dir)
            .display()
            .to_string()
    });
    muted(ui, lang.t(T::NoFileDialog));
    ui.horizontal_wrapped(|ui| {
        let (_, refusal) = TextField::new(lang.t(T::SheetSaveTo), typed, PATH_CHARS)
            .width(420.0)
            .show(ui, lang);
        if let Some(message) = refusal {
            error_text(ui, &message);
        }
        if ui.button(lang.t(T::SheetSaveHere)).clicked() {
            let path = std::path::PathBuf::from(typed.trim());
            out.push(LookupCommand::SaveSheet(id, Some(path)));
        }
    });
}

/// The file name a call sheet is suggested under.
fn sheet_file_name(lang: Lang, id: i64) -> String {
    format!("{}-{id}.html", lang.t(T::SheetTitle).replace(' ', "-"))
}

/// How far the incident `id` just recorded on `device` is on its way to a repeat warning, in
/// words; `None` when no rule watches its kind, or it already made one.
fn repeat_progress_text(
    store: &crate::store::Store,
    (device, id): (i64, i64),
    today: chrono::NaiveDate,
    lang: Lang,
) -> Option<String> {
    let rules = store.repeat_rules().ok()?;
    let from = today - chrono::Duration::days(i64::from(rules.longest_days()));
    let marks = store.incident_marks(from, today, Some(device)).ok()?;
    let (count, rule) = crate::insights::warnings::repeat_progress(&marks, &rules, id)?;
    let family = marks.iter().find(|m| m.id == id)?.family;
    let devices = store.devices().ok()?;
    let name = crate::device::shown_name(&devices, device);
    (count < rule.count).then(|| {
        lang.fill(
            T::IncidentRepeatProgress,
            &[
                ("device", &name),
                ("n", &count.to_string()),
                ("days", &rule.days.to_string()),
                ("family", lang.t(family.label())),
                ("count", &rule.count.to_string()),
            ],
        )
    })
}

/// Saves incident `id`'s call sheet as HTML at `path` (a folder gets the suggested file name),
/// or where the save dialog says.
/// Saves the call sheet of incident `id`; what to say, and where it went.
fn save_sheet(
    ax: &Apply<'_>,
    id: i64,
    path: Option<std::path::PathBuf>,
) -> (Outcome, Option<std::path::PathBuf>) {
    let lang = ax.lang;
    let shared = ax.shared;
    let Some(incident) = shared.incidents.iter().find(|i| i.id == id) else {
        return (Outcome::Nothing, None);
    };
    let sheet = CallSheet::of(&shared.shop_name, incident, &shared.devices, &shared.index);
    let path = match shared.dialogs.html_target(path, &sheet_file_name(lang, id)) {
        Picked::Path(path) => path,
        Picked::Cancelled => return (Outcome::Nothing, None),
        Picked::Unavailable => {
            return (Outcome::Failed(lang.t(T::NoFileDialog).to_owned()), None);
        }
    };
    // The save dialog already asked before replacing a file.
    let written =
        crate::files::Target::outside(&path, &shared.paths.dir, crate::files::Existing::Replace)
            .and_then(|target| crate::files::write_file(&target, sheet.html(lang).as_bytes()));
    match written {
        Ok(()) => (
            Outcome::Done(lang.fill(T::SheetSaved, &[("path", &path.display().to_string())])),
            Some(path),
        ),
        Err(e) => (Outcome::Failed(e.message(lang)), None),
    }
}

/// The steps whose box is ticked, as the entry words them.
fn done_steps(steps: &[String], ticks: &[bool]) -> Vec<String> {
    steps
        .iter()
        .zip(ticks)
        .filter(|(_, t)| **t)
        .map(|(s, _)| s.clone())
        .collect()
}

/// Who an incident will be recorded under: the person on shift (chosen on Today), or, when the
/// shop keeps staff and nobody is on shift yet, where to choose. Nothing for a shop without staff.
fn on_shift_line(ui: &mut Ui, view: &LookupView<'_>) {
    let lang = view.lang;
    match view.plan.current_staff {
        Some(id) => {
            let name = view.plan.staff_name(Some(id));
            muted(ui, &lang.fill(T::IncidentStaff, &[("name", name)]));
        }
        None if view.plan.has_staff() => muted(ui, lang.t(T::IncidentStaffNone)),
        None => {}
    }
}

/// An Alt+digit pressed this frame, taken out of the input with the digit it would also type
/// into the focused field (X11 sends both).
fn take_alt_digit(i: &mut egui::InputState) -> Option<usize> {
    use egui::Key::{Num0, Num1, Num2, Num3, Num4, Num5, Num6, Num7, Num8, Num9};
    let keys = [Num0, Num1, Num2, Num3, Num4, Num5, Num6, Num7, Num8, Num9];
    let n = keys
        .iter()
        .position(|&key| i.consume_key(egui::Modifiers::ALT, key))?;
    let digit = n.to_string();
    i.events
        .retain(|e| !matches!(e, egui::Event::Text(t) if *t == digit));
    Some(n)
}
