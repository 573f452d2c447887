//! The period the Insights screen shows: the last 12 months, 3 or 10 years, or the merchant's own
//! first and last day, typed or picked on a calendar and checked before anything changes (a
//! refused range keeps the period shown and says why); and one device or the whole shop.
//! By keyboard: Tab to a field, type, Enter shows the period; "Calendar" opens a calendar whose
//! days the arrows move between, Enter picks one, Esc closes it.

use chrono::NaiveDate;
use egui::{Key, Ui};

use crate::i18n::{Lang, T};
use crate::insights::range::End;
use crate::insights::{Period, RangeDraft, RangeProblem};
use crate::ui::calendar::Calendar;
use crate::ui::context::Context;
use crate::ui::widgets::{DATE_CHARS, TextField, error_text, muted, named_button};

/// The periods to choose from, in months.
const SPANS: [(u32, T); 3] = [
    (12, T::InsightsMonths12),
    (36, T::InsightsMonths36),
    (120, T::InsightsMonths120),
];

/// Which days are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// The last N calendar months up to today.
    Months(u32),
    /// The merchant's own first and last day.
    Days(NaiveDate, NaiveDate),
}

/// Where the keyboard goes at the next frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Field(End),
    Show,
}

/// The period chosen, and the custom range being typed.
pub struct PeriodPicker {
    /// Which days.
    pub span: Span,
    /// One device, or the whole shop.
    pub device: Option<i64>,
    /// The custom range's fields are shown.
    open: bool,
    /// The custom range as typed.
    draft: RangeDraft,
    /// What was wrong with it when last asked for.
    problems: Vec<RangeProblem>,
    /// Text refused as too long.
    refusal: Option<String>,
    /// The calendar open for one of the fields.
    calendar: Option<(End, Calendar)>,
    /// Where the keyboard goes at the next frame.
    focus: Option<Target>,
}

impl Default for PeriodPicker {
    fn default() -> Self {
        PeriodPicker {
            span: Span::Months(12),
            device: None,
            open: false,
            draft: RangeDraft::default(),
            problems: Vec::new(),
            refusal: None,
            calendar: None,
            focus: None,
        }
    }
}

impl PeriodPicker {
    /// The days and device shown, `today` being today.
    pub fn period(&self, today: NaiveDate) -> Period {
        match self.span {
            Span::Months(months) => Period::last_months(today, months, self.device),
            Span::Days(from, to) => Period {
                from,
                to,
                device: self.device,
            },
        }
    }

    /// Whether the custom range's fields are shown.
    pub fn custom_open(&self) -> bool {
        self.open
    }

    /// The choices: the spans, "Custom…", the device; the days shown; the custom range's
    /// fields when open.
    pub fn ui(&mut self, ui: &mut Ui, cx: &Context<'_>) {
        let lang = cx.lang;
        let shown = self.period(cx.today);
        ui.horizontal_wrapped(|ui| {
            ui.label(lang.t(T::InsightsPeriod));
            for (months, label) in SPANS {
                let on = self.span == Span::Months(months);
                if ui.selectable_label(on, lang.t(label)).clicked() {
                    self.span = Span::Months(months);
                    self.close();
                }
            }
            let custom = self.open || matches!(self.span, Span::Days(..));
            if ui
                .selectable_label(custom, lang.t(T::InsightsCustom))
                .clicked()
            {
                if self.open {
                    self.close();
                } else {
                    self.open = true;
                    self.draft = RangeDraft::of(shown.from, shown.to);
                    self.focus = Some(Target::Field(End::From));
                }
            }
            ui.add_space(12.0);
            self.device_ui(ui, cx);
        });
        let (from, to) = (shown.from.to_string(), shown.to.to_string());
        muted(
            ui,
            &lang.fill(T::InsightsShowing, &[("from", &from), ("to", &to)]),
        );
        if self.open {
            self.range_ui(ui, lang, cx.today, shown);
        }
    }

    fn close(&mut self) {
        self.open = false;
        self.calendar = None;
        self.problems.clear();
        self.refusal = None;
    }

    fn device_ui(&mut self, ui: &mut Ui, cx: &Context<'_>) {
        let lang = cx.lang;
        let label = ui.label(lang.t(T::InsightsDevice));
        let shown = self
            .device
            .and_then(|id| cx.devices().iter().find(|d| d.id == id))
            .map(|d| d.fields.name.clone())
            .unwrap_or_else(|| lang.t(T::InsightsWholeShop).to_owned());
        egui::ComboBox::from_id_salt("insights_device")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.device, None, lang.t(T::InsightsWholeShop));
                for d in cx.devices() {
                    ui.selectable_value(&mut self.device, Some(d.id), &d.fields.name);
                }
            })
            .response
            .labelled_by(label.id);
    }

    /// The custom range: two date fields, each with its calendar, and "show this period".
    fn range_ui(&mut self, ui: &mut Ui, lang: Lang, today: NaiveDate, shown: Period) {
        let mut show = false;
        for end in [End::From, End::To] {
            ui.horizontal_wrapped(|ui| {
                show |= self.field_ui(ui, lang, end, shown);
                if end == End::To {
                    let button = ui.button(lang.t(T::InsightsRangeShow));
                    if self.focus == Some(Target::Show) {
                        button.request_focus();
                        self.focus = None;
                    }
                    show |= button.clicked();
                }
            });
            self.calendar_ui(ui, lang, end);
        }
        if show {
            self.calendar = None;
            match self.draft.validate(today) {
                Ok((from, to)) => {
                    self.span = Span::Days(from, to);
                    self.problems.clear();
                }
                Err(problems) => self.problems = problems,
            }
        }
        if let Some(message) = &self.refusal {
            error_text(ui, message);
        }
        for problem in &self.problems {
            error_text(ui, &problem.message(lang));
        }
        if !self.problems.is_empty() {
            let (from, to) = (shown.from.to_string(), shown.to.to_string());
            muted(
                ui,
                &lang.fill(T::InsightsRangeKept, &[("from", &from), ("to", &to)]),
            );
        }
    }

    /// One date field and its calendar button; `true` when Enter was pressed in it.
    fn field_ui(&mut self, ui: &mut Ui, lang: Lang, end: End, shown: Period) -> bool {
        let field = lang.t(end.label());
        let (response, refused) = TextField::new(field, self.text_mut(end), DATE_CHARS)
            .hint(lang.t(T::HistDateHint))
            .width(120.0)
            .show(ui, lang);
        if self.focus == Some(Target::Field(end)) {
            response.request_focus();
            self.focus = None;
        }
        if refused.is_some() || response.changed() {
            self.refusal = refused;
        }
        let name = lang.fill(T::InsightsRangePickName, &[("field", field)]);
        if named_button(ui, lang.t(T::InsightsRangePick), &name).clicked() {
            self.calendar = match &self.calendar {
                Some((open, _)) if *open == end => None,
                // On the day typed, else on the period's.
                _ => {
                    let day = crate::device::parse_date(self.text(end));
                    let fallback = if end == End::From {
                        shown.from
                    } else {
                        shown.to
                    };
                    Some((end, Calendar::at(day.unwrap_or(fallback))))
                }
            };
        }
        response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter))
    }

    /// The calendar under the field of `end`, if open for it; a day picked fills the field and
    /// moves on (to the end date, then to "show"); Esc closes it.
    fn calendar_ui(&mut self, ui: &mut Ui, lang: Lang, end: End) {
        let typed = crate::device::parse_date(self.text(end));
        let Some((open, calendar)) = &mut self.calendar else {
            return;
        };
        if *open != end {
            return;
        }
        let picked = calendar.ui(ui, lang, typed);
        if let Some(day) = picked {
            *self.text_mut(end) = day.to_string();
            self.calendar = None;
            self.focus = Some(match end {
                End::From => Target::Field(End::To),
                End::To => Target::Show,
            });
        } else if ui.input(|i| i.key_pressed(Key::Escape)) {
            self.calendar = None;
            self.focus = Some(Target::Field(end));
        }
    }

    fn text(&self, end: End) -> &str {
        match end {
            End::From => &self.draft.from,
            End::To => &self.draft.to,
        }
    }

    fn text_mut(&mut self, end: End) -> &mut String {
        match end {
            End::From => &mut self.draft.from,
            End::To => &mut self.draft.to,
        }
    }
}
