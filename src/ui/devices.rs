//! The Devices screen: the registry list, a device's details, and the add/edit form.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::device::{Device, DeviceDraft, DeviceFields, DeviceKind, Field, Problem, Warranty};
use crate::i18n::{Lang, T};
use crate::store::Records;
use crate::ui::command::{AppCommand, Focus, Out, Outcome, Page, Screen, write_failed};
use crate::ui::context::{Apply, Context};
use crate::ui::panes::{Layout, NARROWEST, Pane, SIDE_BY_SIDE_FROM, SideSize, list_and_side_as};
use crate::ui::theme::{Palette, palette};
use crate::ui::widgets::{TextField, error_text, focus_once, muted, title};

/// The text fields of the form, in the order shown.
const FORM_FIELDS: [Field; 11] = [
    Field::Name,
    Field::Brand,
    Field::Model,
    Field::Serial,
    Field::TerminalId,
    Field::MerchantId,
    Field::Acquirer,
    Field::Hotline,
    Field::InstalledOn,
    Field::WarrantyUntil,
    Field::Notes,
];

/// What the Devices screen asks to be written.
#[derive(Clone, Debug, PartialEq)]
pub enum DevicesCommand {
    /// Add (`id: None`) or update a device.
    Save {
        /// The device, or `None` for a new one.
        id: Option<i64>,
        /// Its validated fields.
        fields: Box<DeviceFields>,
    },
    /// Retire a device, keeping its records.
    Retire {
        /// The device.
        id: i64,
        /// Why.
        reason: String,
        /// What its open incidents are resolved with, if they are.
        resolve_open: Option<String>,
    },
    /// Put a retired device back in use.
    Reinstate(i64),
}

/// The add/edit form.
struct Form {
    /// `None` for a new device.
    id: Option<i64>,
    draft: DeviceDraft,
    /// The draft as the form opened: anything else is typed and not saved.
    original: DeviceDraft,
    problems: Vec<Problem>,
    refusal: Option<(Field, String)>,
    store_error: Option<String>,
    /// The name field takes the keyboard when the form opens.
    focus: bool,
}

/// Retiring a device: the reason being typed.
struct Retiring {
    reason: String,
    missing_reason: bool,
    /// Mark the device's open incidents resolved with it (on unless unticked: the unit is
    /// gone, and they stayed "open" on Today for ever).
    resolve_open: bool,
    /// Brought into view with the keyboard in its reason once, when it opens: below the
    /// detail's buttons it is often under the window's edge, and the button clicked to open it
    /// simply vanished.
    shown: bool,
}

/// The Devices screen's state.
#[derive(Default)]
pub struct DevicesScreen {
    /// Each device's lower-cased search text, in the order of the shared device list; computed
    /// again after every write.
    haystacks: Vec<String>,
    /// Whether `haystacks` and `visible` match the shared device list.
    fresh: bool,
    /// Indices into the shared device list that pass the filter.
    visible: Vec<usize>,
    filter: String,
    show_retired: bool,
    selected: Option<i64>,
    form: Option<Form>,
    retiring: Option<Retiring>,
    /// On a narrow window: the side pane (a device, the form) is shown, not the list.
    side_in_front: bool,
}

/// A column of the device table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Name,
    Kind,
    Model,
    TerminalId,
    Status,
}

impl Col {
    /// The least width of the column (points); the terminal ID's is its longest ID's.
    fn least(self, id_width: f32) -> f32 {
        match self {
            Col::Name => 120.0,
            // "Card terminal" whole, in either language.
            Col::Kind => 110.0,
            Col::Model => 110.0,
            Col::TerminalId => id_width,
            Col::Status => 72.0,
        }
    }

    fn column(self, id_width: f32) -> Column {
        match self {
            Col::Name => Column::remainder()
                .at_least(self.least(id_width))
                .clip(true),
            // The whole terminal ID, always: it is what the hotline asks for.
            Col::TerminalId => Column::exact(id_width),
            _ => Column::initial(self.least(id_width))
                .at_least(self.least(id_width).min(70.0))
                .clip(true),
        }
    }

    fn heading(self) -> T {
        match self {
            Col::Name => T::ColName,
            Col::Kind => T::ColKind,
            Col::Model => T::ColModel,
            Col::TerminalId => T::ColTerminalId,
            Col::Status => T::ColStatus,
        }
    }

    /// Draws the cell of `device`; true when its name was clicked.
    fn cell(self, ui: &mut Ui, lang: Lang, pal: &Palette, device: &Device, selected: bool) -> bool {
        let f = &device.fields;
        match self {
            Col::Name => return ui.selectable_label(selected, &f.name).clicked(),
            Col::Kind => {
                ui.add(egui::Label::new(lang.t(f.kind.label())).truncate());
            }
            Col::Model => {
                ui.add(egui::Label::new(join_nonempty(&f.brand, &f.model)).truncate());
            }
            Col::TerminalId => {
                ui.monospace(&f.terminal_id);
            }
            Col::Status if device.in_use() => {
                let text = format!("● {}", lang.t(T::StatusInUse));
                ui.label(RichText::new(text).color(pal.ok));
            }
            Col::Status => {
                let text = format!("○ {}", lang.t(T::StatusRetired));
                ui.label(RichText::new(text).color(pal.muted));
            }
        }
        false
    }
}

/// The columns the device table shows, and the width they need together.
struct Columns {
    shown: Vec<Col>,
    /// The terminal ID column's width: the longest ID shown, or its heading.
    id_width: f32,
    width: f32,
}

impl Columns {
    /// Every column where there is room; where there is not (a 1024-pixel till, the side pane
    /// open), the brand and model give way, so the terminal ID is never cut.
    fn fitting(ui: &Ui, lang: Lang, devices: &[Device], shown: &[usize]) -> Columns {
        let text_width = |text: &str, style: egui::TextStyle| {
            let font = style.resolve(ui.style());
            let colour = egui::Color32::PLACEHOLDER;
            ui.painter()
                .layout_no_wrap(text.to_owned(), font, colour)
                .size()
                .x
        };
        let id_width = shown
            .iter()
            .map(|&i| text_width(&devices[i].fields.terminal_id, egui::TextStyle::Monospace))
            .fold(
                text_width(lang.t(T::ColTerminalId), egui::TextStyle::Body),
                f32::max,
            )
            + 4.0;
        let spacing = ui.spacing().item_spacing.x;
        let needs = |cols: &[Col]| {
            cols.iter()
                .map(|c| c.least(id_width) + spacing)
                .sum::<f32>()
        };
        let all = [
            Col::Name,
            Col::Kind,
            Col::Model,
            Col::TerminalId,
            Col::Status,
        ];
        // Narrower and narrower (the side pane open, a small till at 200 %), the brand and
        // model give way, then the kind, then the status (said again in the device's detail;
        // retired devices are hidden unless asked for): the name and the terminal ID stay.
        let tiers: [&[Col]; 4] = [
            &all,
            &[Col::Name, Col::Kind, Col::TerminalId, Col::Status],
            &[Col::Name, Col::TerminalId, Col::Status],
            &[Col::Name, Col::TerminalId],
        ];
        let available = ui.available_width();
        let shown = tiers
            .iter()
            .find(|tier| needs(tier) <= available)
            .unwrap_or(&tiers[3])
            .to_vec();
        Columns {
            width: needs(&shown),
            shown,
            id_width,
        }
    }
}

impl DevicesScreen {
    /// Computes the search texts and the filter again from the shared list, if it changed.
    fn refresh(&mut self, devices: &[Device]) {
        if self.fresh && self.haystacks.len() == devices.len() {
            return;
        }
        self.haystacks = devices.iter().map(Device::search_text).collect();
        if self
            .selected
            .is_some_and(|id| !devices.iter().any(|d| d.id == id))
        {
            self.selected = None;
        }
        self.fresh = true;
        self.refilter();
    }

    fn refilter(&mut self) {
        let needle = self.filter.trim().to_lowercase();
        self.visible = self
            .haystacks
            .iter()
            .enumerate()
            .filter(|(_, haystack)| needle.is_empty() || haystack.contains(&needle))
            .map(|(i, _)| i)
            .collect();
    }

    /// A save went through: close the form and show the device.
    fn saved(&mut self, id: i64) {
        self.form = None;
        self.retiring = None;
        self.selected = Some(id);
    }

    /// Whether a form is open (so Esc closes it rather than anything else).
    pub fn editing(&self) -> bool {
        self.form.is_some()
    }

    /// The list's controls: add a device, find one, show retired ones.
    fn controls_ui(&mut self, ui: &mut Ui, lang: Lang) {
        ui.horizontal_wrapped(|ui| {
            // Greyed while a new device is being entered: a second click must not clear it.
            let adding = self.form.as_ref().is_some_and(|f| f.id.is_none());
            let add =
                egui::Button::new(RichText::new(format!("＋ {}", lang.t(T::DeviceAdd))).strong());
            if ui.add_enabled(!adding, add).clicked() {
                self.open_form(None);
            }
            ui.add_space(12.0);
            let label = ui.label(lang.t(T::DeviceFilter));
            let filter = ui
                .add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text(lang.t(T::DeviceFilterHint))
                        .char_limit(100)
                        .desired_width(240.0),
                )
                .labelled_by(label.id);
            ui.checkbox(&mut self.show_retired, lang.t(T::DeviceShowRetired));
            if filter.changed() {
                self.refilter();
            }
        });
        ui.separator();
    }

    /// Draws the screen; user intents go into `out`.
    fn draw(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<DevicesCommand>) {
        let (lang, devices) = (cx.lang, cx.devices());
        self.refresh(devices);
        title(ui, lang.t(T::DevicesTitle));
        // On a narrow window (a small till at 200 %) the rows need the height more.
        let narrow = ui.available_width() < SIDE_BY_SIDE_FROM;
        if !narrow {
            muted(ui, lang.t(T::DevicesIntro));
        }
        ui.add_space(4.0);
        // A device or the form in front of the list on a narrow window (a small till at
        // 200 %) takes the list's controls' room too: "back to the list" brings them back.
        let front = self.side_in_front && (self.form.is_some() || self.selected.is_some());
        if !(narrow && front) {
            self.controls_ui(ui, lang);
        }

        let size = SideSize {
            default: 440.0,
            min: 340.0,
        };
        // With no device open and no form, the table takes the whole width (every column
        // whole); the side pane comes with the first device opened.
        let layout = Layout {
            id: "device_side",
            size,
            side_by_side_from: SIDE_BY_SIDE_FROM,
            list_keeps: 0.0,
            side_when_empty: false,
        };
        let back = list_and_side_as(ui, lang, layout, front, |ui, pane| match pane {
            Pane::Side => {
                cx.from_top(egui::ScrollArea::vertical())
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if self.form.is_some() {
                            self.form_ui(ui, (lang, cx.today, cx.devices()), out);
                        } else if let Some(device) = self
                            .selected
                            .and_then(|id| devices.iter().find(|d| d.id == id))
                        {
                            let open_here = cx
                                .shared
                                .incidents
                                .iter()
                                .filter(|i| {
                                    use crate::incident::IncidentStatus::{Escalated, Open};
                                    i.device_id == Some(device.id)
                                        && matches!(i.status, Open | Escalated)
                                })
                                .count();
                            // A retired unit put back beside one that took its name: said
                            // first (the two could not be told apart in the records).
                            let name_taken = !device.in_use()
                                && crate::device::same_name(
                                    &device.fields.name,
                                    Some(device.id),
                                    devices,
                                )
                                .is_some_and(|other| other.in_use());
                            // (Two of one name read as the choices name them: "Till · #3".)
                            let all: Vec<&Device> = devices.iter().collect();
                            let shown = crate::device::choice_name(device, &all);
                            self.detail_ui(
                                ui,
                                (lang, cx.today),
                                (device, &shown),
                                (open_here, name_taken),
                                out,
                            );
                        } else {
                            muted(ui, lang.t(T::DeviceSelectHint));
                        }
                    });
            }
            Pane::List if narrow => {
                // The count, the header and the rows scroll together.
                cx.from_top(egui::ScrollArea::vertical())
                    .id_salt("device_list")
                    .auto_shrink([false, false])
                    .show(ui, |ui| self.list_ui(ui, lang, devices, false));
            }
            Pane::List => self.list_ui(ui, lang, devices, true),
        });
        if back {
            self.side_in_front = false;
        }
    }

    fn open_form(&mut self, device: Option<&Device>) {
        self.retiring = None;
        self.side_in_front = true;
        let draft = device
            .map(|d| DeviceDraft::from_fields(&d.fields))
            .unwrap_or_default();
        self.form = Some(Form {
            id: device.map(|d| d.id),
            original: draft.clone(),
            draft,
            problems: Vec::new(),
            refusal: None,
            store_error: None,
            focus: true,
        });
    }

    /// The device table; `own_scroll`: its rows scroll on their own (else the caller scrolls).
    fn list_ui(&mut self, ui: &mut Ui, lang: Lang, devices: &[Device], own_scroll: bool) {
        let shown: Vec<usize> = self
            .visible
            .iter()
            .copied()
            .filter(|&i| self.show_retired || devices[i].in_use())
            .collect();
        if devices.is_empty() {
            ui.add_space(20.0);
            muted(ui, lang.t(T::DeviceNone));
            return;
        }
        if shown.is_empty() {
            ui.add_space(20.0);
            muted(
                ui,
                &lang.fill(T::DeviceNoMatch, &[("query", self.filter.trim())]),
            );
            return;
        }
        muted(
            ui,
            &lang.fill(T::DeviceCount, &[("n", &shown.len().to_string())]),
        );
        let row_height = ui.spacing().interact_size.y + 4.0;
        let pal = palette(ui);
        let mut clicked = None;
        let columns = Columns::fitting(ui, lang, devices, &shown);
        let mut table = |ui: &mut Ui| {
            let mut builder = TableBuilder::new(ui)
                .striped(true)
                .vscroll(own_scroll)
                // On a short window the rows scroll in whatever height is left.
                .min_scrolled_height(0.0)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
            for col in &columns.shown {
                builder = builder.column(col.column(columns.id_width));
            }
            builder
                .header(row_height, |mut header| {
                    for col in &columns.shown {
                        header.col(|ui| {
                            ui.strong(lang.t(col.heading()));
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, shown.len(), |mut row| {
                        let device = &devices[shown[row.index()]];
                        let selected = self.selected == Some(device.id);
                        row.set_selected(selected);
                        for col in &columns.shown {
                            row.col(|ui| {
                                if col.cell(ui, lang, &pal, device, selected) {
                                    clicked = Some(device.id);
                                }
                            });
                        }
                    });
                });
        };
        if ui.available_width() >= columns.width {
            table(ui);
        } else {
            // Narrower than its columns (a small till at 200 %): the table scrolls sideways.
            egui::ScrollArea::horizontal()
                .id_salt("device_table")
                .show(ui, table);
        }
        if let Some(id) = clicked {
            self.selected = Some(id);
            self.retiring = None;
            self.side_in_front = true;
        }
    }

    /// One device's details and actions; `open_here` is how many of its incidents are open or
    /// handed on, `name_taken` whether a device in use has its name.
    fn detail_ui(
        &mut self,
        ui: &mut Ui,
        (lang, today): (Lang, chrono::NaiveDate),
        (device, shown): (&Device, &str),
        (open_here, name_taken): (usize, bool),
        out: &mut Out<DevicesCommand>,
    ) {
        title(ui, shown);
        ui.label(lang.t(device.fields.kind.label()));
        if let Some(on) = device.retired_on {
            let text = lang.fill(
                T::DeviceRetiredOn,
                &[
                    ("date", &on.format("%Y-%m-%d").to_string()),
                    ("reason", &device.retired_reason),
                ],
            );
            ui.label(RichText::new(format!("○ {text}")).color(palette(ui).warn));
        }
        let warranty = match device.warranty(today) {
            Some(Warranty::Ended) => Some(lang.t(T::DeviceWarrantyEnded).to_owned()),
            Some(Warranty::EndsIn(n)) => {
                Some(lang.fill(T::DeviceWarrantyEndsIn, &[("n", &n.to_string())]))
            }
            None => None,
        };
        if let Some(text) = warranty {
            ui.label(RichText::new(text).color(palette(ui).warn));
        }
        ui.add_space(6.0);
        let f = &device.fields;
        let date = |d: Option<chrono::NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let values: [(Field, String); 10] = [
            (Field::Brand, f.brand.clone()),
            (Field::Model, f.model.clone()),
            (Field::Serial, f.serial.clone()),
            (Field::TerminalId, f.terminal_id.clone()),
            (Field::MerchantId, f.merchant_id.clone()),
            (Field::Acquirer, f.acquirer.clone()),
            (Field::Hotline, f.hotline.clone()),
            (Field::InstalledOn, date(f.installed_on)),
            (Field::WarrantyUntil, date(f.warranty_until)),
            (Field::Notes, f.notes.clone()),
        ];
        egui::Grid::new("device_detail")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                for (field, value) in values.iter().filter(|(_, v)| !v.is_empty()) {
                    muted(ui, lang.t(field.label()));
                    ui.label(value);
                    ui.end_row();
                }
            });
        ui.add_space(10.0);
        ui.horizontal_wrapped(|ui| {
            if ui.button(lang.t(T::Edit)).clicked() {
                self.open_form(Some(device));
            }
            if device.in_use() {
                if self.retiring.is_none() && ui.button(lang.t(T::DeviceRetire)).clicked() {
                    self.retiring = Some(Retiring {
                        reason: String::new(),
                        missing_reason: false,
                        resolve_open: true,
                        shown: false,
                    });
                }
            } else if ui.button(lang.t(T::DeviceReinstate)).clicked() {
                out.push(DevicesCommand::Reinstate(device.id));
            }
            // Everything that ever happened to this device, on the History screen.
            if ui.button(lang.t(T::DeviceHistory)).clicked() {
                out.app(AppCommand::Go(
                    Screen::History,
                    Some(Focus::DeviceHistory(device.id)),
                ));
            }
        });
        if name_taken {
            ui.label(RichText::new(lang.t(T::DeviceReinstateSameName)).color(palette(ui).warn));
        }
        if let Some(retiring) = &mut self.retiring {
            ui.add_space(8.0);
            muted(ui, lang.t(T::DeviceRetireHelp));
            let (field, refusal) = TextField::new(
                lang.t(T::DeviceRetireReason),
                &mut retiring.reason,
                crate::device::MAX_RETIRE_REASON,
            )
            .show(ui, lang);
            let first = !retiring.shown;
            if first {
                retiring.shown = true;
                field.request_focus();
            }
            if let Some(message) = refusal {
                error_text(ui, &message);
            }
            if retiring.missing_reason {
                error_text(ui, lang.t(T::ErrRetireReason));
            }
            if open_here > 0 {
                ui.checkbox(
                    &mut retiring.resolve_open,
                    lang.fill(T::DeviceRetireResolve, &[("n", &open_here.to_string())]),
                );
            }
            let mut cancel = false;
            ui.horizontal(|ui| {
                let confirm = ui.button(lang.t(T::DeviceRetireConfirm));
                if first {
                    confirm.scroll_to_me(Some(egui::Align::BOTTOM));
                }
                if confirm.clicked() {
                    if retiring.reason.trim().is_empty() {
                        retiring.missing_reason = true;
                    } else {
                        let reason = retiring.reason.trim().to_owned();
                        let resolve_open = (open_here > 0 && retiring.resolve_open)
                            .then(|| lang.fill(T::DeviceRetiredResolution, &[("reason", &reason)]));
                        out.push(DevicesCommand::Retire {
                            id: device.id,
                            reason,
                            resolve_open,
                        });
                    }
                }
                cancel = ui.button(lang.t(T::Cancel)).clicked();
            });
            if cancel {
                self.retiring = None;
            }
        }
    }

    fn form_ui(
        &mut self,
        ui: &mut Ui,
        (lang, today, devices): (Lang, chrono::NaiveDate, &[Device]),
        out: &mut Out<DevicesCommand>,
    ) {
        let Some(form) = &mut self.form else { return };
        let title = if form.id.is_some() {
            T::DeviceEditTitle
        } else {
            T::DeviceNewTitle
        };
        // The buttons sit by the title, so they are in view however long the form is.
        let (mut save, mut cancel) = (false, false);
        ui.horizontal(|ui| {
            crate::ui::widgets::title(ui, lang.t(title));
            ui.add_space(12.0);
            save = ui
                .button(RichText::new(format!("✓ {}", lang.t(T::Save))).strong())
                .clicked();
            cancel = ui.button(lang.t(T::Cancel)).clicked();
        });
        if let Some(message) = &form.store_error {
            error_text(ui, message);
        }
        crate::ui::widgets::form_problems(ui, lang, form.problems.len());
        ui.add_space(4.0);

        ui.label(lang.t(T::FieldKind));
        ui.horizontal_wrapped(|ui| {
            for kind in DeviceKind::ALL {
                ui.selectable_value(&mut form.draft.kind, kind, lang.t(kind.label()));
            }
        });
        let mut notes_focused = false;
        for field in FORM_FIELDS {
            // A card terminal's own IDs are asked of card terminals only (a printer's form asked
            // for a terminal ID, a merchant ID and an acquirer); one already filled stays shown.
            let terminals_own = matches!(
                field,
                Field::TerminalId | Field::MerchantId | Field::Acquirer
            );
            if terminals_own
                && form.draft.kind != DeviceKind::Terminal
                && form.draft.text_mut(field).is_empty()
            {
                continue;
            }
            let mut label = lang.t(field.label()).to_owned();
            if field == Field::Name {
                label = lang.fill(T::Required, &[("field", &label)]);
            }
            let mut widget = TextField::new(&label, form.draft.text_mut(field), field.max_chars());
            if matches!(field, Field::InstalledOn | Field::WarrantyUntil) {
                widget = widget.hint(lang.t(T::DateHint)).width(220.0);
            }
            if field == Field::Notes {
                widget = widget.multiline();
            }
            ui.add_space(2.0);
            let (response, refusal) = widget.show(ui, lang);
            if field == Field::Name {
                focus_once(&response, &mut form.focus);
            }
            if field == Field::Notes {
                notes_focused = response.has_focus();
            }
            if response.changed() {
                // A problem goes as soon as its field is changed; saving checks again.
                form.problems.retain(|p| p.field() != field);
                if form.refusal.as_ref().is_some_and(|(f, _)| *f == field) {
                    form.refusal = None;
                }
            }
            if let Some(message) = refusal {
                form.refusal = Some((field, message));
            }
            if let Some((f, message)) = &form.refusal
                && *f == field
            {
                error_text(ui, message);
            }
            for problem in form.problems.iter().filter(|p| p.field() == field) {
                error_text(ui, &problem.message(lang));
            }
            // Not refused (a shop may want it), but said: the records could not tell them apart.
            if field == Field::Name
                && let Some(other) = crate::device::same_name(&form.draft.name, form.id, devices)
            {
                let key = if other.in_use() {
                    T::DeviceSameName
                } else {
                    T::DeviceSameNameRetired
                };
                ui.label(RichText::new(lang.t(key)).color(palette(ui).warn));
            }
            // Not refused (it may be right), but said: every call sheet gives the acquirer this ID.
            if field == Field::TerminalId
                && let Some(other) =
                    crate::device::same_terminal_id(&form.draft.terminal_id, form.id, devices)
            {
                ui.label(
                    RichText::new(
                        lang.fill(T::DeviceSameTerminalId, &[("device", &other.fields.name)]),
                    )
                    .color(palette(ui).warn),
                );
            }
        }
        // And again below the last field: at 200 % on a small till the top has scrolled away
        // by the time the notes are written.
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            save |= ui
                .button(RichText::new(format!("✓ {}", lang.t(T::DeviceSaveBelow))).strong())
                .clicked();
            crate::ui::widgets::form_problems(ui, lang, form.problems.len());
        });
        // Enter saves, except inside the notes box where it starts a new line.
        save |=
            !notes_focused && ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.any());
        if save {
            form.refusal = None;
            form.store_error = None;
            match form.draft.validate_on(today) {
                Ok(fields) => {
                    form.problems.clear();
                    out.push(DevicesCommand::Save {
                        id: form.id,
                        fields: Box::new(fields),
                    });
                }
                Err(problems) => form.problems = problems,
            }
        }
        if cancel || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.form = None;
        }
    }
}

impl Page for DevicesScreen {
    type Command = DevicesCommand;
    const MIN_WIDTH: f32 = NARROWEST;

    fn ui(&mut self, ui: &mut Ui, cx: &Context<'_>, out: &mut Out<DevicesCommand>) {
        self.draw(ui, cx, out);
    }

    fn unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.draft != f.original)
            || self
                .retiring
                .as_ref()
                .is_some_and(|r| !r.reason.trim().is_empty())
    }

    fn apply(&mut self, command: DevicesCommand, ax: &mut Apply<'_>) -> Outcome {
        let lang = ax.lang;
        let (result, done) = match command {
            DevicesCommand::Save { id, fields } => {
                let result = match id {
                    Some(id) => ax.store.update_device(id, &fields).map(|()| id),
                    None => ax.store.add_device(&fields),
                };
                (result.map(|id| (id, fields.name.clone())), T::DeviceSaved)
            }
            DevicesCommand::Retire {
                id,
                reason,
                resolve_open,
            } => {
                let result = match &resolve_open {
                    Some(resolution) => ax
                        .store
                        .retire_device_resolving(id, ax.today, &reason, resolution)
                        .map(|_| ()),
                    None => ax.store.retire_device(id, ax.today, &reason),
                };
                (
                    result.map(|()| (id, device_name(ax.shared.devices.as_slice(), id))),
                    T::DeviceRetiredMsg,
                )
            }
            // (Back beside one in use of its name: said, as adding it would have said it.)
            DevicesCommand::Reinstate(id) => {
                let devices = ax.shared.devices.as_slice();
                let twin = devices.iter().find(|d| d.id == id).is_some_and(|d| {
                    crate::device::same_name(&d.fields.name, Some(id), devices)
                        .is_some_and(|other| other.in_use())
                });
                (
                    ax.store
                        .reinstate_device(id)
                        .map(|()| (id, device_name(devices, id))),
                    if twin {
                        T::DeviceReinstatedSameName
                    } else {
                        T::DeviceReinstatedMsg
                    },
                )
            }
        };
        match result {
            Ok((id, name)) => {
                self.saved(id);
                Outcome::Done(lang.fill(done, &[("name", &name)]))
            }
            Err(e) => {
                let message = write_failed(&e, lang);
                // The form stays open, with the message beside it.
                if let Some(form) = &mut self.form {
                    form.store_error = Some(message.clone());
                }
                Outcome::Failed(message)
            }
        }
    }

    fn reload(&mut self, _store: &Records, _lang: Lang) -> Result<(), String> {
        self.fresh = false;
        Ok(())
    }
}

/// The name of device `id` in `devices` (empty if it is not there).
fn device_name(devices: &[Device], id: i64) -> String {
    devices
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.fields.name.clone())
        .unwrap_or_default()
}

/// "brand model", skipping empty parts.
fn join_nonempty(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (false, false) => format!("{a} {b}"),
        (false, true) => a.to_owned(),
        _ => b.to_owned(),
    }
}
