//! What the merchant types about staff and training, as drafts that validate themselves (like
//! [`crate::device::DeviceDraft`]): every problem found, each under the field it is about, so a
//! form can show them all at once and in whatever language is chosen later.

use chrono::{Days, NaiveDate};

use super::task::{MAX_ITEM, MAX_ITEMS, PlanProblem, text};
use super::{Staff, TrainingModule, TrainingRecord};
use crate::device::parse_date;
use crate::i18n::{Lang, T};

/// The longest name of a member of staff (also the database's limit).
pub const MAX_NAME: usize = 40;
/// The longest role, phone and trainer name.
pub const MAX_SHORT_TEXT: usize = 40;
/// The longest training-module title (also the database's limit).
pub const MAX_MODULE_TITLE: usize = 80;
/// The longest note on a training.
pub const MAX_TRAINING_NOTE: usize = 500;
/// The longest refresher interval, in months.
pub const MAX_REFRESHER_MONTHS: u32 = 120;

/// Why a draft was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftProblem {
    /// A length, required-field, item-count or date problem.
    Plan(PlanProblem),
    /// Nobody was chosen for the training.
    NoPerson,
    /// No module was chosen for the training.
    NoModule,
    /// A training dated after `today`.
    Future(NaiveDate),
    /// A start date more than a year after today (most likely a mistyped year).
    FarAhead(NaiveDate),
    /// A training dated before the person started here (their start date).
    BeforeStart(NaiveDate),
}

impl DraftProblem {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DraftProblem::Plan(p) => p.message(lang),
            DraftProblem::NoPerson => lang.t(T::StaffErrChoosePerson).to_owned(),
            DraftProblem::NoModule => lang.t(T::StaffErrChooseModule).to_owned(),
            DraftProblem::Future(today) => lang.fill(
                T::StaffErrFutureDate,
                &[("today", &today.format("%Y-%m-%d").to_string())],
            ),
            DraftProblem::FarAhead(date) => lang.fill(
                T::StaffErrStartFarAhead,
                &[("date", &date.format("%Y-%m-%d").to_string())],
            ),
            DraftProblem::BeforeStart(started) => lang.fill(
                T::StaffErrBeforeStart,
                &[("date", &started.format("%Y-%m-%d").to_string())],
            ),
        }
    }
}

/// How far after today a start date may be (someone taken on for next season, not a typed year).
const START_AHEAD_DAYS: u64 = 366;

/// The problems of a draft, each under the field (its label's key) it is about.
pub type Problems = Vec<(T, DraftProblem)>;

/// Checks a text field, noting a problem under `field`.
fn checked(value: &str, max: usize, field: T, required: bool, problems: &mut Problems) -> String {
    text(value, max, field, required).unwrap_or_else(|p| {
        problems.push((field, DraftProblem::Plan(p)));
        String::new()
    })
}

/// A member of staff as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaffDraft {
    /// `None` for a new person.
    pub id: Option<i64>,
    /// Name (required).
    pub name: String,
    /// Role.
    pub role: String,
    /// Phone.
    pub phone: String,
    /// First day (`YYYY-MM-DD` and the other accepted forms; may be empty).
    pub started_on: String,
    /// No longer working here.
    pub former: bool,
}

impl StaffDraft {
    /// The draft of an existing person, for editing.
    pub fn of(s: &Staff) -> Self {
        StaffDraft {
            id: Some(s.id),
            name: s.name.clone(),
            role: s.role.clone(),
            phone: s.phone.clone(),
            started_on: s
                .started_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            former: !s.active,
        }
    }

    /// The person to save as of `today`, or every problem found.
    pub fn validate(&self, today: NaiveDate) -> Result<Staff, Problems> {
        let mut problems = Problems::new();
        let name = checked(&self.name, MAX_NAME, T::StaffName, true, &mut problems);
        let role = checked(
            &self.role,
            MAX_SHORT_TEXT,
            T::StaffRole,
            false,
            &mut problems,
        );
        let phone = checked(
            &self.phone,
            MAX_SHORT_TEXT,
            T::StaffPhone,
            false,
            &mut problems,
        );
        let started = self.started_on.trim();
        let started_on = if started.is_empty() {
            None
        } else {
            let date = parse_date(started);
            match date {
                None => problems.push((
                    T::StaffStartedOn,
                    DraftProblem::Plan(PlanProblem::BadDate(T::StaffStartedOn, started.to_owned())),
                )),
                Some(on) if today.checked_add_days(Days::new(START_AHEAD_DAYS)) < Some(on) => {
                    problems.push((T::StaffStartedOn, DraftProblem::FarAhead(on)));
                }
                Some(_) => {}
            }
            date
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Staff {
            id: self.id.unwrap_or(0),
            name,
            role,
            phone,
            started_on,
            active: !self.former,
            // (The store keeps the day it was first saved.)
            added_on: None,
        })
    }
}

/// A training module as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleDraft {
    /// Title (required).
    pub title: String,
    /// One checklist item per line.
    pub items: String,
    /// Months until a refresher (0: none).
    pub refresher_months: u32,
    /// Part of the new-hire checklist.
    pub onboarding: bool,
}

impl Default for ModuleDraft {
    fn default() -> Self {
        ModuleDraft {
            title: String::new(),
            items: String::new(),
            refresher_months: 12,
            onboarding: true,
        }
    }
}

impl ModuleDraft {
    /// The module to add, or every problem found.
    pub fn validate(&self) -> Result<TrainingModule, Problems> {
        let mut problems = Problems::new();
        let title = checked(
            &self.title,
            MAX_MODULE_TITLE,
            T::StaffModuleTitle,
            true,
            &mut problems,
        );
        let mut items = Vec::new();
        for line in self.items.lines() {
            match text(line, MAX_ITEM, T::StaffModuleItems, false) {
                Ok(item) if item.is_empty() => {}
                Ok(item) => items.push(item),
                Err(p) => {
                    problems.push((T::StaffModuleItems, DraftProblem::Plan(p)));
                    break;
                }
            }
        }
        if items.len() > MAX_ITEMS {
            problems.push((
                T::StaffModuleItems,
                DraftProblem::Plan(PlanProblem::TooManyItems(MAX_ITEMS)),
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(TrainingModule {
            id: 0,
            title,
            items,
            refresher_months: self.refresher_months.min(MAX_REFRESHER_MONTHS),
            onboarding: self.onboarding,
        })
    }
}

/// A training as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrainingDraft {
    /// Who was trained.
    pub staff_id: Option<i64>,
    /// In what.
    pub module_id: Option<i64>,
    /// When (required, not after today).
    pub on: String,
    /// By whom.
    pub trainer: String,
    /// A note.
    pub note: String,
}

impl TrainingDraft {
    /// The record to add as of `today` for a person who started on `started` (if known), or
    /// every problem found.
    pub fn validate(
        &self,
        today: NaiveDate,
        started: Option<NaiveDate>,
    ) -> Result<TrainingRecord, Problems> {
        let mut problems = Problems::new();
        if self.staff_id.is_none() {
            problems.push((T::StaffRecordPerson, DraftProblem::NoPerson));
        }
        if self.module_id.is_none() {
            problems.push((T::StaffRecordModule, DraftProblem::NoModule));
        }
        let typed = self.on.trim();
        let on = parse_date(typed);
        match on {
            None if typed.is_empty() => problems.push((
                T::StaffRecordDate,
                DraftProblem::Plan(PlanProblem::Required(T::StaffRecordDate)),
            )),
            None => problems.push((
                T::StaffRecordDate,
                DraftProblem::Plan(PlanProblem::BadDate(T::StaffRecordDate, typed.to_owned())),
            )),
            Some(on) if on > today => {
                problems.push((T::StaffRecordDate, DraftProblem::Future(today)));
            }
            Some(on) => {
                if let Some(started) = started.filter(|&s| on < s) {
                    problems.push((T::StaffRecordDate, DraftProblem::BeforeStart(started)));
                }
            }
        }
        let trainer = checked(
            &self.trainer,
            MAX_SHORT_TEXT,
            T::StaffRecordTrainer,
            false,
            &mut problems,
        );
        let note = checked(
            &self.note,
            MAX_TRAINING_NOTE,
            T::StaffRecordNote,
            false,
            &mut problems,
        );
        match (self.staff_id, self.module_id, on) {
            (Some(staff_id), Some(module_id), Some(on)) if problems.is_empty() => {
                Ok(TrainingRecord {
                    id: 0,
                    staff_id,
                    module_id,
                    on,
                    trainer,
                    note,
                })
            }
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_start_date_years_ahead_is_refused_and_next_season_is_not() {
        let today = day(2026, 11, 25);
        let person = |started: &str| StaffDraft {
            name: "王芳".into(),
            started_on: started.into(),
            ..Default::default()
        };
        let problems = person("2062-11-25").validate(today).unwrap_err();
        assert_eq!(problems.len(), 1);
        let said = problems[0].1.message(Lang::Zh);
        assert!(
            said.contains("2062-11-25") && said.contains("年份"),
            "{said}"
        );
        assert!(
            person("2027-11-26").validate(today).is_ok(),
            "a year ahead is allowed"
        );
        assert!(person("2027-11-27").validate(today).is_err());
        assert!(person("2026-12-01").validate(today).is_ok(), "next week");
    }

    #[test]
    fn a_person_needs_a_name_and_a_real_first_day() {
        let problems = StaffDraft {
            name: "  ".into(),
            started_on: "2026-02-30".into(),
            phone: "1".repeat(MAX_SHORT_TEXT + 1),
            ..Default::default()
        }
        .validate(day(2026, 11, 25))
        .unwrap_err();
        let fields: Vec<T> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, [T::StaffName, T::StaffPhone, T::StaffStartedOn]);
        let ok = StaffDraft {
            name: " 李娜 ".into(),
            started_on: "2026/3/1".into(),
            former: true,
            ..Default::default()
        }
        .validate(day(2026, 11, 25))
        .unwrap();
        assert_eq!((ok.name.as_str(), ok.active), ("李娜", false));
        assert_eq!(
            ok.started_on,
            Some(day(2026, 3, 1)),
            "any accepted date form"
        );
        assert_eq!(StaffDraft::of(&ok).validate(day(2026, 11, 25)).unwrap(), ok);
    }

    #[test]
    fn a_module_keeps_its_non_empty_lines_and_caps_the_refresher() {
        let module = ModuleDraft {
            title: "收银台新员工培训".into(),
            items: "签到\n\n结算\n".into(),
            refresher_months: 999,
            onboarding: true,
        }
        .validate()
        .unwrap();
        assert_eq!(module.items, ["签到", "结算"]);
        assert_eq!(module.refresher_months, MAX_REFRESHER_MONTHS);
        let too_many = ModuleDraft {
            title: "x".into(),
            items: "项\n".repeat(MAX_ITEMS + 1),
            ..Default::default()
        };
        assert!(matches!(
            too_many.validate().unwrap_err()[0].1,
            DraftProblem::Plan(PlanProblem::TooManyItems(_))
        ));
    }

    #[test]
    fn a_training_needs_who_what_and_a_day_not_after_today() {
        let today = day(2026, 11, 25);
        let problems = TrainingDraft {
            on: "2026-11-26".into(),
            ..Default::default()
        }
        .validate(today, None)
        .unwrap_err();
        assert_eq!(
            problems.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>(),
            [
                DraftProblem::NoPerson,
                DraftProblem::NoModule,
                DraftProblem::Future(today)
            ]
        );
        assert!(
            DraftProblem::Future(today)
                .message(Lang::Zh)
                .contains("2026-11-25")
        );
        let record = TrainingDraft {
            staff_id: Some(1),
            module_id: Some(2),
            on: "2026-11-25".into(),
            ..Default::default()
        }
        .validate(today, Some(day(2026, 11, 25)))
        .unwrap();
        assert_eq!(record.on, today);
    }

    #[test]
    fn a_training_before_the_person_started_is_refused() {
        let today = day(2026, 12, 6);
        let draft = TrainingDraft {
            staff_id: Some(1),
            module_id: Some(2),
            on: "2026-05-01".into(),
            ..Default::default()
        };
        let problems = draft.validate(today, Some(today)).unwrap_err();
        assert_eq!(
            problems,
            [(T::StaffRecordDate, DraftProblem::BeforeStart(today))]
        );
        let said = problems[0].1.message(Lang::Zh);
        assert!(
            said.contains("2026-12-06") && said.contains("入职日期"),
            "{said}"
        );
        // Without a known start, or after it, it is kept.
        assert!(draft.validate(today, None).is_ok());
        assert!(draft.validate(today, Some(day(2026, 4, 1))).is_ok());
    }
}
