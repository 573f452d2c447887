//! The shop's equipment: what a device record holds and the rules a new or edited one must pass.
//!
//! Pure domain code: no egui, no SQL. The store keeps what [`DeviceDraft::validate`] accepts.

use chrono::NaiveDate;

use crate::i18n::{Lang, T};

/// What kind of equipment a device is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum DeviceKind {
    /// A card terminal (刷卡终端 / POS 机).
    #[default]
    Terminal,
    /// A receipt printer.
    Printer,
    /// The router or modem the terminals go online through.
    Router,
    /// A PC (such as the counter PC running this app).
    Pc,
    /// Anything else worth keeping a record of.
    Other,
}

impl DeviceKind {
    /// Every kind, in the order the kind picker shows them.
    pub const ALL: [DeviceKind; 5] = [
        DeviceKind::Terminal,
        DeviceKind::Printer,
        DeviceKind::Router,
        DeviceKind::Pc,
        DeviceKind::Other,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            DeviceKind::Terminal => "terminal",
            DeviceKind::Printer => "printer",
            DeviceKind::Router => "router",
            DeviceKind::Pc => "pc",
            DeviceKind::Other => "other",
        }
    }

    /// The kind stored under `code`.
    pub fn from_code(code: &str) -> Option<DeviceKind> {
        DeviceKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind's name in the interface.
    pub fn label(self) -> T {
        match self {
            DeviceKind::Terminal => T::KindTerminal,
            DeviceKind::Printer => T::KindPrinter,
            DeviceKind::Router => T::KindRouter,
            DeviceKind::Pc => T::KindPc,
            DeviceKind::Other => T::KindOther,
        }
    }
}

/// How many days before its end a warranty is said to be ending.
pub const WARRANTY_SOON_DAYS: i64 = 30;

/// A warranty that has ended or is about to (see [`Device::warranty`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Warranty {
    /// Its last day has passed: repairs may be charged for.
    Ended,
    /// It ends in this many days (0: today is its last day).
    EndsIn(i64),
}

/// A stored device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    /// The database id.
    pub id: i64,
    /// The fields the merchant entered.
    pub fields: DeviceFields,
    /// When it was retired, if it was.
    pub retired_on: Option<NaiveDate>,
    /// Why it was retired ("" while in use).
    pub retired_reason: String,
}

/// Another device in use with the terminal ID `terminal_id` (not the device `id` itself): each
/// terminal has its own, and the acquirer finds a terminal by it, so one typed twice is most
/// likely copied by mistake. `None` for an empty ID.
pub fn same_terminal_id<'a>(
    terminal_id: &str,
    id: Option<i64>,
    devices: &'a [Device],
) -> Option<&'a Device> {
    let wanted = terminal_id.trim();
    if wanted.is_empty() {
        return None;
    }
    devices.iter().find(|d| {
        Some(d.id) != id && d.in_use() && d.fields.terminal_id.trim().eq_ignore_ascii_case(wanted)
    })
}

/// Another device, in use or retired, named `name` (not the device `id` itself), ignoring case
/// and spaces at the ends: two devices of one name cannot be told apart in the history, the
/// charts and the exports (a shop owner named the bank's replacement as the unit it replaced).
/// `None` for an empty name.
pub fn same_name<'a>(name: &str, id: Option<i64>, devices: &'a [Device]) -> Option<&'a Device> {
    let wanted = name.trim();
    if wanted.is_empty() {
        return None;
    }
    devices
        .iter()
        .find(|d| Some(d.id) != id && d.fields.name.trim().to_lowercase() == wanted.to_lowercase())
}

/// The name a choice of devices shows for `device`: its name, and when another device of
/// `among` has the same name, what tells them apart (its terminal ID, else its serial number,
/// else its number in the registry): a tester's "which terminal" offered `Counter` `Counter`.
pub fn choice_name(device: &Device, among: &[&Device]) -> String {
    let name = device.fields.name.trim();
    let twin = among
        .iter()
        .any(|d| d.id != device.id && d.fields.name.trim().to_lowercase() == name.to_lowercase());
    if !twin {
        return device.fields.name.clone();
    }
    let (tid, serial) = (
        device.fields.terminal_id.trim(),
        device.fields.serial.trim(),
    );
    if !tid.is_empty() {
        format!("{name} · {tid}")
    } else if !serial.is_empty() {
        format!("{name} · {serial}")
    } else {
        format!("{name} · #{}", device.id)
    }
}

/// The name device `id` is shown by among `devices` ([`choice_name`]: two of one name told
/// apart), or "#id" when it is not in the registry.
pub fn shown_name(devices: &[Device], id: i64) -> String {
    let all: Vec<&Device> = devices.iter().collect();
    devices
        .iter()
        .find(|d| d.id == id)
        .map(|d| choice_name(d, &all))
        .unwrap_or_else(|| format!("#{id}"))
}

/// A device named on the command line (`--device`), retired ones too: by its name, its
/// terminal ID, its serial number, its name as a choice shows it ([`choice_name`], "Till ·
/// T002") or its number in the registry ("#2", or "2"). A value that fits more than one device,
/// in any of these ways, is refused: `Err` holds every device it fits (a fault tester's export
/// took the first "Till" and left the other's records out, and "T001", the name of one device
/// and the terminal ID of another, silently took the first), or none when nothing fits.
pub fn named_on_command_line<'a>(
    devices: &'a [Device],
    wanted: &str,
) -> Result<&'a Device, Vec<&'a Device>> {
    let wanted = wanted.trim();
    let all: Vec<&Device> = devices.iter().collect();
    let same = |field: &str| !field.trim().is_empty() && field.trim().eq_ignore_ascii_case(wanted);
    let number = wanted
        .strip_prefix('#')
        .unwrap_or(wanted)
        .trim()
        .parse::<i64>()
        .ok();
    let fits: Vec<&Device> = devices
        .iter()
        .filter(|d| {
            d.fields.name.trim() == wanted
                || same(&d.fields.terminal_id)
                || same(&d.fields.serial)
                || choice_name(d, &all) == wanted
                || Some(d.id) == number
        })
        .collect();
    match fits.as_slice() {
        [one] => Ok(one),
        _ => Err(fits),
    }
}

/// Each device of `devices` still in use that has something for a call, by name, with its
/// [`Device::contact_line`], in the order given (the plan page's and the wall sheet's lines).
pub fn call_lines<'a>(
    devices: impl IntoIterator<Item = &'a Device>,
    lang: Lang,
) -> Vec<(String, String)> {
    devices
        .into_iter()
        .filter(|d| d.in_use())
        .filter_map(|d| Some((d.fields.name.clone(), d.contact_line(lang)?)))
        .collect()
}

impl Device {
    /// Whether the device is still in use.
    pub fn in_use(&self) -> bool {
        self.retired_on.is_none()
    }

    /// What the acquirer's hotline asks for first, on one line: "收单机构：… · 客服热线：… ·
    /// 终端号：… · 商户号：…" (the parts it has), or `None` when it has none.
    pub fn contact_line(&self, lang: Lang) -> Option<String> {
        let f = &self.fields;
        let parts: Vec<String> = [
            (Field::Acquirer, &f.acquirer),
            (Field::Hotline, &f.hotline),
            (Field::TerminalId, &f.terminal_id),
            (Field::MerchantId, &f.merchant_id),
        ]
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(field, value)| {
            lang.fill(
                T::LabelValue,
                &[("label", lang.t(field.label())), ("value", value.trim())],
            )
        })
        .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// How its warranty stands on `today`, while it is in use: ended, or ending within
    /// [`WARRANTY_SOON_DAYS`] days (then the days left); nothing when there is no date, it is
    /// further off, or the device is retired.
    pub fn warranty(&self, today: NaiveDate) -> Option<Warranty> {
        let until = self.fields.warranty_until.filter(|_| self.in_use())?;
        let left = (until - today).num_days();
        if left < 0 {
            Some(Warranty::Ended)
        } else if left <= WARRANTY_SOON_DAYS {
            Some(Warranty::EndsIn(left))
        } else {
            None
        }
    }

    /// Lower-cased text of every searchable field, for the device list filter.
    pub fn search_text(&self) -> String {
        let f = &self.fields;
        [
            &f.name,
            &f.brand,
            &f.model,
            &f.serial,
            &f.terminal_id,
            &f.merchant_id,
            &f.acquirer,
            &f.notes,
        ]
        .iter()
        .map(|s| s.to_lowercase())
        .chain(
            [&f.name, &f.brand, &f.acquirer]
                .iter()
                .flat_map(|s| spelled(s)),
        )
        .collect::<Vec<_>>()
        .join("\u{1f}")
    }
}

/// The pinyin of a text's Chinese characters, in full and by initials ("拉卡拉" → "lakala",
/// "lkl"), so a device is found by typing either; nothing for a text without them.
fn spelled(text: &str) -> Vec<String> {
    use pinyin::ToPinyin;
    if !text.chars().any(crate::knowledge::load::is_han) {
        return Vec::new();
    }
    let (mut full, mut initials) = (String::new(), String::new());
    for c in text.chars() {
        match c.to_pinyin() {
            Some(p) => {
                full.push_str(p.plain());
                initials.push_str(p.plain().get(..1).unwrap_or_default());
            }
            None if c.is_alphanumeric() => {
                let lower = c.to_lowercase().to_string();
                full.push_str(&lower);
                initials.push_str(&lower);
            }
            None => {}
        }
    }
    vec![full, initials]
}

/// The validated fields of a device.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DeviceFields {
    /// A name the staff recognise, e.g. "收银台1号终端".
    pub name: String,
    /// The kind of equipment.
    pub kind: DeviceKind,
    /// Brand (e.g. 联迪, 百富).
    pub brand: String,
    /// Model.
    pub model: String,
    /// Serial number (SN).
    pub serial: String,
    /// Terminal ID (终端号), 8 characters on UnionPay terminals.
    pub terminal_id: String,
    /// Merchant ID (商户号), 15 characters on UnionPay terminals.
    pub merchant_id: String,
    /// The acquirer or payment company that provided the terminal.
    pub acquirer: String,
    /// Its support hotline, as the merchant typed it.
    pub hotline: String,
    /// When it was installed.
    pub installed_on: Option<NaiveDate>,
    /// When its warranty ends.
    pub warranty_until: Option<NaiveDate>,
    /// Free notes.
    pub notes: String,
}

/// Which field a validation problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// Name.
    Name,
    /// Brand.
    Brand,
    /// Model.
    Model,
    /// Serial number.
    Serial,
    /// Terminal ID.
    TerminalId,
    /// Merchant ID.
    MerchantId,
    /// Acquirer.
    Acquirer,
    /// Hotline.
    Hotline,
    /// Installed on.
    InstalledOn,
    /// Warranty until.
    WarrantyUntil,
    /// Notes.
    Notes,
}

impl Field {
    /// The field's label in the interface.
    pub fn label(self) -> T {
        match self {
            Field::Name => T::FieldName,
            Field::Brand => T::FieldBrand,
            Field::Model => T::FieldModel,
            Field::Serial => T::FieldSerial,
            Field::TerminalId => T::FieldTerminalId,
            Field::MerchantId => T::FieldMerchantId,
            Field::Acquirer => T::FieldAcquirer,
            Field::Hotline => T::FieldHotline,
            Field::InstalledOn => T::FieldInstalledOn,
            Field::WarrantyUntil => T::FieldWarrantyUntil,
            Field::Notes => T::FieldNotes,
        }
    }

    /// The most characters the field may hold.
    pub fn max_chars(self) -> usize {
        match self {
            Field::Name => 80,
            Field::Notes => 2000,
            Field::InstalledOn | Field::WarrantyUntil => 20,
            _ => 100,
        }
    }
}

/// One problem with a draft, shown next to its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The name is empty.
    NameRequired,
    /// More characters than the field allows.
    TooLong {
        /// Which field.
        field: Field,
        /// How many characters it has.
        len: usize,
    },
    /// Control characters (other than newlines in notes).
    ControlChars(Field),
    /// Not a real date.
    BadDate {
        /// Which field.
        field: Field,
        /// What was typed.
        value: String,
    },
    /// A date outside 1990–2100.
    DateOutOfRange(Field),
    /// The warranty ends before the install date.
    WarrantyBeforeInstall,
    /// The install date is after today (a device is registered once it is in the shop).
    InstalledAfterToday,
}

impl Problem {
    /// The field the problem belongs to.
    pub fn field(&self) -> Field {
        match self {
            Problem::NameRequired => Field::Name,
            Problem::TooLong { field, .. }
            | Problem::ControlChars(field)
            | Problem::BadDate { field, .. }
            | Problem::DateOutOfRange(field) => *field,
            Problem::WarrantyBeforeInstall => Field::WarrantyUntil,
            Problem::InstalledAfterToday => Field::InstalledOn,
        }
    }

    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        let label = |f: Field| lang.t(f.label());
        match self {
            Problem::NameRequired => lang.t(T::ErrNameRequired).to_owned(),
            Problem::TooLong { field, len } => lang.fill(
                T::ErrTooLong,
                &[
                    ("field", label(*field)),
                    ("max", &field.max_chars().to_string()),
                    ("len", &len.to_string()),
                ],
            ),
            Problem::ControlChars(field) => {
                lang.fill(T::ErrControlChars, &[("field", label(*field))])
            }
            Problem::BadDate { field, value } => lang.fill(
                T::ErrBadDate,
                &[("field", label(*field)), ("value", &shorten(value, 30))],
            ),
            Problem::DateOutOfRange(field) => {
                lang.fill(T::ErrDateRange, &[("field", label(*field))])
            }
            Problem::WarrantyBeforeInstall => lang.t(T::ErrWarrantyBeforeInstall).to_owned(),
            Problem::InstalledAfterToday => lang.t(T::ErrInstalledAfterToday).to_owned(),
        }
    }
}

/// The first `max` characters of `s`, with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// A device as typed into the form: every field is text until validated.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DeviceDraft {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: DeviceKind,
    /// Brand.
    pub brand: String,
    /// Model.
    pub model: String,
    /// Serial number.
    pub serial: String,
    /// Terminal ID.
    pub terminal_id: String,
    /// Merchant ID.
    pub merchant_id: String,
    /// Acquirer.
    pub acquirer: String,
    /// Hotline.
    pub hotline: String,
    /// Installed on, as typed.
    pub installed_on: String,
    /// Warranty until, as typed.
    pub warranty_until: String,
    /// Notes.
    pub notes: String,
}

/// The longest reason for retiring a device.
pub const MAX_RETIRE_REASON: usize = 200;

impl DeviceDraft {
    /// A draft holding a stored device's fields, for editing.
    pub fn from_fields(f: &DeviceFields) -> Self {
        let date = |d: Option<NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        DeviceDraft {
            name: f.name.clone(),
            kind: f.kind,
            brand: f.brand.clone(),
            model: f.model.clone(),
            serial: f.serial.clone(),
            terminal_id: f.terminal_id.clone(),
            merchant_id: f.merchant_id.clone(),
            acquirer: f.acquirer.clone(),
            hotline: f.hotline.clone(),
            installed_on: date(f.installed_on),
            warranty_until: date(f.warranty_until),
            notes: f.notes.clone(),
        }
    }

    /// The text of a text field, for the form.
    pub fn text_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Name => &mut self.name,
            Field::Brand => &mut self.brand,
            Field::Model => &mut self.model,
            Field::Serial => &mut self.serial,
            Field::TerminalId => &mut self.terminal_id,
            Field::MerchantId => &mut self.merchant_id,
            Field::Acquirer => &mut self.acquirer,
            Field::Hotline => &mut self.hotline,
            Field::InstalledOn => &mut self.installed_on,
            Field::WarrantyUntil => &mut self.warranty_until,
            Field::Notes => &mut self.notes,
        }
    }

    /// [`DeviceDraft::validate`], and an install date no later than `today` (a device is
    /// registered once it is in the shop: 2099 is a typing slip). Said once the other fields
    /// are right.
    pub fn validate_on(&self, today: NaiveDate) -> Result<DeviceFields, Vec<Problem>> {
        let fields = self.validate()?;
        if fields.installed_on.is_some_and(|d| d > today) {
            return Err(vec![Problem::InstalledAfterToday]);
        }
        Ok(fields)
    }

    /// Checks every field; returns the cleaned fields or every problem found.
    ///
    /// Text is trimmed; dates accept `2025-03-18`, `2025/3/18`, `2025.3.18` and `2025年3月18日`.
    pub fn validate(&self) -> Result<DeviceFields, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut text = |field: Field, value: &str| -> String {
            let value = value.trim();
            let len = value.chars().count();
            if len > field.max_chars() {
                problems.push(Problem::TooLong { field, len });
            } else if value.chars().any(|c| {
                let keeps: &[char] = if field == Field::Notes {
                    &['\n', '\t']
                } else {
                    &[]
                };
                crate::typed::is_hidden(c, keeps)
            }) {
                problems.push(Problem::ControlChars(field));
            }
            value.to_owned()
        };
        let name = text(Field::Name, &self.name);
        let brand = text(Field::Brand, &self.brand);
        let model = text(Field::Model, &self.model);
        let serial = text(Field::Serial, &self.serial);
        let terminal_id = text(Field::TerminalId, &self.terminal_id);
        let merchant_id = text(Field::MerchantId, &self.merchant_id);
        let acquirer = text(Field::Acquirer, &self.acquirer);
        let hotline = text(Field::Hotline, &self.hotline);
        let notes = text(Field::Notes, &self.notes);
        if name.is_empty() {
            problems.push(Problem::NameRequired);
        }
        let mut date = |field: Field, value: &str| -> Option<NaiveDate> {
            let value = value.trim();
            if value.is_empty() {
                return None;
            }
            match parse_date(value) {
                Some(d) if DATE_YEARS.contains(&chrono::Datelike::year(&d)) => Some(d),
                Some(_) => {
                    problems.push(Problem::DateOutOfRange(field));
                    None
                }
                None => {
                    problems.push(Problem::BadDate {
                        field,
                        value: value.to_owned(),
                    });
                    None
                }
            }
        };
        let installed_on = date(Field::InstalledOn, &self.installed_on);
        let warranty_until = date(Field::WarrantyUntil, &self.warranty_until);
        if let (Some(i), Some(w)) = (installed_on, warranty_until)
            && w < i
        {
            problems.push(Problem::WarrantyBeforeInstall);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(DeviceFields {
            name,
            kind: self.kind,
            brand,
            model,
            serial,
            terminal_id,
            merchant_id,
            acquirer,
            hotline,
            installed_on,
            warranty_until,
            notes,
        })
    }
}

/// The years a date typed into the app may have (an install date, a warranty's end, a
/// holiday): further out is a typing slip (`ErrDateRange` says so).
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Parses a calendar date written as `2025-03-18`, `2025/3/18`, `2025.3.18` or `2025年3月18日`,
/// with full-width digits allowed. Returns `None` for anything that is not a real date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let normal: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '/' | '.' | '年' | '月' | '－' | '／' | '．' => '-',
            other => other,
        })
        .collect();
    let normal = normal.trim_end_matches('日');
    let mut parts = normal.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || m.is_empty()
        || m.len() > 2
        || d.is_empty()
        || d.len() > 2
    {
        return None;
    }
    if !(y.chars().chain(m.chars()).chain(d.chars())).all(|c| c.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str) -> DeviceDraft {
        DeviceDraft {
            name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_terminal_id_typed_twice_names_the_other_device_in_use() {
        let device = |id: i64, tid: &str, retired: bool| Device {
            id,
            fields: DeviceFields {
                name: format!("收银台{id}号"),
                terminal_id: tid.into(),
                ..Default::default()
            },
            retired_on: retired.then(|| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
            retired_reason: String::new(),
        };
        let devices = [device(1, "12345678", false), device(2, "87654321", true)];
        assert_eq!(
            same_terminal_id(" 12345678 ", None, &devices).map(|d| d.id),
            Some(1)
        );
        // Its own ID, an empty one, or a retired terminal's (a replacement keeps the old ID).
        assert!(same_terminal_id("12345678", Some(1), &devices).is_none());
        assert!(same_terminal_id("  ", None, &devices).is_none());
        assert!(same_terminal_id("87654321", None, &devices).is_none());
        // A name is the records' only way to tell two devices apart: a retired one's counts.
        assert_eq!(
            same_name(" 收银台2号", None, &devices).map(|d| d.id),
            Some(2)
        );
        assert_eq!(
            same_name("收银台1号", Some(2), &devices).map(|d| d.id),
            Some(1)
        );
        assert!(same_name("收银台1号", Some(1), &devices).is_none());
        assert!(same_name("收银台1号（新）", None, &devices).is_none());
        assert!(same_name(" ", None, &devices).is_none());
    }

    /// A device in use with these name, terminal ID and serial number.
    fn device(id: i64, name: &str, tid: &str, serial: &str) -> Device {
        Device {
            id,
            fields: DeviceFields {
                name: name.into(),
                terminal_id: tid.into(),
                serial: serial.into(),
                ..Default::default()
            },
            retired_on: None,
            retired_reason: String::new(),
        }
    }

    #[test]
    fn devices_of_one_name_are_told_apart_in_a_choice() {
        let a = device(1, "Counter", "12345678", "");
        let b = device(2, "counter ", "", "SN-9");
        let c = device(3, "Counter", "", "");
        let d = device(4, "Back room", "", "");
        let among = [&a, &b, &c, &d];
        assert_eq!(choice_name(&a, &among), "Counter · 12345678");
        assert_eq!(choice_name(&b, &among), "counter · SN-9");
        assert_eq!(choice_name(&c, &among), "Counter · #3");
        assert_eq!(choice_name(&d, &among), "Back room");
        assert_eq!(choice_name(&a, &[&a, &d]), "Counter");
    }

    #[test]
    fn a_device_named_on_the_command_line_is_never_one_of_two_of_that_name() {
        let devices = [
            device(1, "Till", "T001", ""),
            device(2, "Till", "T002", ""),
            device(3, "Printer", "", "SN-9"),
        ];
        let id = |wanted: &str| named_on_command_line(&devices, wanted).map(|d| d.id);
        let ids =
            |r: Result<i64, Vec<&Device>>| r.unwrap_err().iter().map(|d| d.id).collect::<Vec<_>>();
        assert_eq!(
            ids(named_on_command_line(&devices, "Till").map(|d| d.id)),
            [1, 2]
        );
        assert_eq!(id("t002"), Ok(2));
        assert_eq!(id("Till · T001"), Ok(1));
        assert_eq!(id("Printer"), Ok(3));
        assert_eq!(id("SN-9"), Ok(3));
        assert_eq!(id("2"), Ok(2));
        assert_eq!(id("#2"), Ok(2));
        assert!(ids(named_on_command_line(&devices, "Nothing").map(|d| d.id)).is_empty());

        // A value that fits two devices in different ways is refused too: "T001" is one's
        // terminal ID and the other's name; "#1" one's number and another's serial; "2" one's
        // number and another's name.
        let devices = [
            device(1, "Till", "T001", "S1"),
            device(2, "Till", "", "T002"),
            device(3, "T001", "T003", "S3"),
            device(4, "2", "4", "#1"),
        ];
        let ids_of = |wanted: &str| match named_on_command_line(&devices, wanted) {
            Ok(d) => vec![d.id],
            Err(several) => several.iter().map(|d| d.id).collect(),
        };
        let refused = |wanted: &str| named_on_command_line(&devices, wanted).is_err();
        assert!(refused("T001"));
        assert_eq!(ids_of("T001"), [1, 3]);
        assert!(refused("#1"));
        assert_eq!(ids_of("#1"), [1, 4]);
        assert!(refused("2"));
        assert_eq!(ids_of("2"), [2, 4]);
        assert_eq!(ids_of("Till · T001"), [1]);
        assert_eq!(ids_of("T003"), [3]);
        assert_eq!(ids_of("#3"), [3]);
    }

    #[test]
    fn a_device_is_found_by_the_pinyin_of_its_name_brand_and_acquirer() {
        let device = Device {
            id: 1,
            fields: DeviceFields {
                name: "收银台1号".into(),
                brand: "拉卡拉".into(),
                acquirer: "银联商务".into(),
                ..Default::default()
            },
            retired_on: None,
            retired_reason: String::new(),
        };
        let text = device.search_text();
        for typed in [
            "lakala",
            "lkl",
            "shouyintai1hao",
            "syt1h",
            "yinlianshangwu",
            "收银台",
        ] {
            assert!(text.contains(typed), "{typed} in {text}");
        }
    }

    #[test]
    fn a_name_is_all_a_device_needs() {
        let fields = draft("  收银台1号终端 ").validate().unwrap();
        assert_eq!(fields.name, "收银台1号终端");
        assert_eq!(fields.kind, DeviceKind::Terminal);
    }

    #[test]
    fn empty_name_is_refused() {
        assert_eq!(
            draft("   ").validate().unwrap_err(),
            vec![Problem::NameRequired]
        );
    }

    #[test]
    fn over_long_fields_are_refused_with_their_length() {
        let mut d = draft(&"终".repeat(81));
        d.notes = "x".repeat(1 << 20);
        let problems = d.validate().unwrap_err();
        assert!(problems.contains(&Problem::TooLong {
            field: Field::Name,
            len: 81
        }));
        assert!(problems.contains(&Problem::TooLong {
            field: Field::Notes,
            len: 1 << 20
        }));
        let msg = problems[0].message(Lang::Zh);
        assert!(msg.contains("80") && msg.contains("81"), "{msg}");
    }

    #[test]
    fn exactly_the_limit_is_fine() {
        assert!(draft(&"终".repeat(80)).validate().is_ok());
    }

    #[test]
    fn control_characters_are_refused_but_notes_keep_newlines() {
        let mut d = draft("a\u{7}b");
        assert_eq!(
            d.validate().unwrap_err(),
            vec![Problem::ControlChars(Field::Name)]
        );
        // A right-to-left override flips what follows it wherever the name is shown.
        assert_eq!(
            draft("收银台\u{202E}1号").validate().unwrap_err(),
            vec![Problem::ControlChars(Field::Name)]
        );
        d.name = "ok".into();
        d.notes = "第一行\n第二行".into();
        assert_eq!(d.validate().unwrap().notes, "第一行\n第二行");
    }

    #[test]
    fn dates_in_the_usual_forms_are_read() {
        let want = NaiveDate::from_ymd_opt(2025, 3, 8);
        for s in [
            "2025-03-08",
            "2025/3/8",
            "2025.3.8",
            "2025年3月8日",
            "２０２５-０３-０８",
            " 2025-3-08 ",
        ] {
            assert_eq!(parse_date(s), want, "{s}");
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        for s in [
            "2025-02-30",
            "2025-13-01",
            "2023-02-29",
            "25-03-08",
            "2025-03",
            "tomorrow",
            "2025-03-08-01",
            "2025-0x-01",
            "+2025-1-1",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(
            parse_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
    }

    #[test]
    fn date_problems_name_the_field() {
        let mut d = draft("终端");
        d.installed_on = "2025-02-30".into();
        d.warranty_until = "1899-01-01".into();
        let problems = d.validate().unwrap_err();
        assert_eq!(
            problems,
            vec![
                Problem::BadDate {
                    field: Field::InstalledOn,
                    value: "2025-02-30".into()
                },
                Problem::DateOutOfRange(Field::WarrantyUntil)
            ]
        );
        assert!(problems[0].message(Lang::En).contains("Installed on"));
    }

    #[test]
    fn a_warranty_is_said_ended_or_ending_only_while_in_use() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut device = Device {
            id: 1,
            fields: DeviceFields {
                warranty_until: Some(day("2026-12-31")),
                ..DeviceFields::default()
            },
            retired_on: None,
            retired_reason: String::new(),
        };
        assert_eq!(device.warranty(day("2026-11-30")), None);
        assert_eq!(
            device.warranty(day("2026-12-01")),
            Some(Warranty::EndsIn(30))
        );
        assert_eq!(
            device.warranty(day("2026-12-31")),
            Some(Warranty::EndsIn(0))
        );
        assert_eq!(device.warranty(day("2027-01-01")), Some(Warranty::Ended));
        device.retired_on = Some(day("2026-12-05"));
        assert_eq!(device.warranty(day("2027-01-01")), None);
        device.retired_on = None;
        device.fields.warranty_until = None;
        assert_eq!(device.warranty(day("2027-01-01")), None);
    }

    #[test]
    fn warranty_cannot_end_before_installation() {
        let mut d = draft("终端");
        d.installed_on = "2025-05-01".into();
        d.warranty_until = "2025-04-30".into();
        assert_eq!(
            d.validate().unwrap_err(),
            vec![Problem::WarrantyBeforeInstall]
        );
    }

    #[test]
    fn a_device_is_not_installed_after_today() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut d = draft("终端");
        d.installed_on = "2099-01-01".into();
        assert!(d.validate().is_ok(), "a real date");
        assert_eq!(
            d.validate_on(day("2026-12-06")).unwrap_err(),
            vec![Problem::InstalledAfterToday]
        );
        d.installed_on = "2026-12-06".into();
        assert!(d.validate_on(day("2026-12-06")).is_ok());
    }

    #[test]
    fn draft_round_trips_through_fields() {
        let mut d = draft("路由器");
        d.kind = DeviceKind::Router;
        d.installed_on = "2024-01-05".into();
        let fields = d.validate().unwrap();
        assert_eq!(DeviceDraft::from_fields(&fields), d);
    }

    #[test]
    fn kinds_round_trip_through_codes() {
        for k in DeviceKind::ALL {
            assert_eq!(DeviceKind::from_code(k.code()), Some(k));
        }
        assert_eq!(DeviceKind::from_code("toaster"), None);
    }
}
