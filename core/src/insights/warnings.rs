//! Warnings: a fault family repeating on one terminal (N times within D days), a terminal past
//! its warranty failing more often, a task late or missed again and again, a training lapsed.
//!
//! A warning can be acknowledged; it comes back only when the pattern recurs: when evidence newer
//! than the acknowledgement keeps it qualifying (for a repeat, a new incident inside a qualifying
//! window).

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};

use super::{Family, RepeatRule, Rules};
use crate::device::Device;
use crate::i18n::{Lang, T};
use crate::planner::OccurrenceStatus;
use crate::planner::PlanSnapshot;

/// How far back the warranty rule compares: the last 90 days against the 90 before.
pub const WARRANTY_WINDOW_DAYS: i64 = 90;
/// The fewest incidents in the last window that make a terminal past its warranty a warning.
pub const WARRANTY_MIN_INCIDENTS: usize = 3;
/// How far back a task's slips count, in days.
pub const SLIP_WINDOW_DAYS: i64 = 60;
/// How many late or missed occurrences within [`SLIP_WINDOW_DAYS`] make a warning.
pub const SLIP_MIN: usize = 3;

/// How far back the current warnings need incidents, in days, for `rules`.
pub fn lookback_days(rules: &Rules) -> i64 {
    i64::from(rules.longest_days()).max(2 * WARRANTY_WINDOW_DAYS)
}

/// One incident as the rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IncidentMark {
    /// The incident's id.
    pub id: i64,
    /// When it began.
    pub at: NaiveDateTime,
    /// Its terminal.
    pub device_id: i64,
    /// Its fault family.
    pub family: Family,
}

/// A task occurrence done late or missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slip {
    /// The task.
    pub task_id: i64,
    /// The occurrence's due date.
    pub due: NaiveDate,
}

/// What a warning is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WarningKind {
    /// A fault family repeating on one terminal.
    Repeat {
        /// The terminal.
        device_id: i64,
        /// The family.
        family: Family,
    },
    /// A terminal past its warranty with rising incidents.
    Warranty {
        /// The terminal.
        device_id: i64,
    },
    /// A task late or missed again and again.
    Slipping {
        /// The task.
        task_id: i64,
    },
    /// A person's refresher training lapsed.
    TrainingLapsed {
        /// Who.
        staff_id: i64,
        /// Which module.
        module_id: i64,
    },
}

impl WarningKind {
    /// The key its acknowledgement is stored under.
    pub fn key(&self) -> String {
        match self {
            WarningKind::Repeat { device_id, family } => {
                format!("repeat:{device_id}:{}", family.code())
            }
            WarningKind::Warranty { device_id } => format!("warranty:{device_id}"),
            WarningKind::Slipping { task_id } => format!("task:{task_id}"),
            WarningKind::TrainingLapsed {
                staff_id,
                module_id,
            } => format!("training:{staff_id}:{module_id}"),
        }
    }

    /// The terminal it is about, if any.
    pub fn device_id(&self) -> Option<i64> {
        match self {
            WarningKind::Repeat { device_id, .. } | WarningKind::Warranty { device_id } => {
                Some(*device_id)
            }
            _ => None,
        }
    }

    /// What to do.
    pub fn advice(&self) -> T {
        match self {
            WarningKind::Repeat { family, .. } => family.advice(),
            WarningKind::Warranty { .. } => T::AdviceWarranty,
            WarningKind::Slipping { .. } => T::AdviceSlipping,
            WarningKind::TrainingLapsed { .. } => T::AdviceTrainingLapsed,
        }
    }
}

/// A warning, with the evidence behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// What it is about.
    pub kind: WarningKind,
    /// Who or what, by name (a terminal, a task, "person · module").
    pub subject: String,
    /// How many incidents (or late/missed occurrences) it counts.
    pub count: usize,
    /// The day of the first of them.
    pub first: NaiveDate,
    /// The day of the last of them.
    pub last: NaiveDate,
    /// When the newest evidence happened (compared with the acknowledgement).
    pub newest: NaiveDateTime,
    /// The incidents behind it (repeat and warranty warnings), oldest first.
    pub incidents: Vec<i64>,
    /// Acknowledged, and nothing newer since.
    pub acknowledged: bool,
}

impl Warning {
    /// Calendar days from the first to the last piece of evidence, both counted.
    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// One line saying what happened, in the user's language.
    pub fn headline(&self, lang: Lang) -> String {
        let count = self.count.to_string();
        let days = self.days().to_string();
        match self.kind {
            WarningKind::Repeat { family, .. } => lang.fill(
                T::WarnRepeat,
                &[
                    ("device", &self.subject),
                    ("family", lang.t(family.label())),
                    ("count", &count),
                    ("days", &days),
                ],
            ),
            WarningKind::Warranty { .. } => lang.fill(
                T::WarnWarranty,
                &[("device", &self.subject), ("count", &count)],
            ),
            WarningKind::Slipping { .. } => lang.fill(
                T::WarnSlipping,
                &[("task", &self.subject), ("count", &count)],
            ),
            WarningKind::TrainingLapsed { .. } => lang.fill(
                T::WarnTrainingLapsed,
                &[("who", &self.subject), ("due", &self.last.to_string())],
            ),
        }
    }
}

/// The name of a device by id ([`crate::device::shown_name`]).
fn device_name(devices: &[Device], id: i64) -> String {
    crate::device::shown_name(devices, id)
}

/// How far the incident `id` just recorded is on its way to a repeat warning: of its family on
/// its terminal, how many fall within the family's D days up to it, and the rule (N in D days);
/// `None` for a family no rule watches, or an incident not in `marks`. (A shop owner recorded
/// three reader failures, was told "you will be told", and heard nothing: the rule is five.)
pub fn repeat_progress(
    marks: &[IncidentMark],
    rules: &Rules,
    id: i64,
) -> Option<(u32, RepeatRule)> {
    let this = marks.iter().find(|m| m.id == id)?;
    let rule = rules.get(this.family)?;
    let from = this.at.date() - chrono::Duration::days(i64::from(rule.days.max(1)) - 1);
    let count = marks
        .iter()
        .filter(|m| {
            m.device_id == this.device_id
                && m.family == this.family
                && m.at.date() >= from
                && m.at <= this.at
        })
        .count();
    Some((u32::try_from(count).unwrap_or(u32::MAX), rule))
}

/// Every repeat episode in `marks`: per terminal and family, the incidents that lie in some
/// window of the family's D calendar days holding at least N of them; windows closer than D days
/// make one episode. Oldest episode first per terminal and family.
pub fn repeat_episodes(marks: &[IncidentMark], rules: &Rules, devices: &[Device]) -> Vec<Warning> {
    let mut groups: BTreeMap<(i64, Family), Vec<&IncidentMark>> = BTreeMap::new();
    for m in marks {
        if rules.get(m.family).is_some() {
            groups.entry((m.device_id, m.family)).or_default().push(m);
        }
    }
    let mut out = Vec::new();
    for ((device_id, family), mut list) in groups {
        let Some(rule) = rules.get(family) else {
            continue;
        };
        list.sort_by_key(|m| (m.at, m.id));
        let days = i64::from(rule.days);
        let n = rule.count as usize;
        let mut qualifies = vec![false; list.len()];
        let mut start = 0;
        for end in 0..list.len() {
            while (list[end].at.date() - list[start].at.date()).num_days() >= days {
                start += 1;
            }
            if end + 1 - start >= n {
                qualifies[start..=end].iter_mut().for_each(|q| *q = true);
            }
        }
        let mut episode: Vec<&IncidentMark> = Vec::new();
        let mut flush = |episode: &mut Vec<&IncidentMark>| {
            if let (Some(first), Some(last)) = (episode.first(), episode.last()) {
                out.push(Warning {
                    kind: WarningKind::Repeat { device_id, family },
                    subject: device_name(devices, device_id),
                    count: episode.len(),
                    first: first.at.date(),
                    last: last.at.date(),
                    newest: last.at,
                    incidents: episode.iter().map(|m| m.id).collect(),
                    acknowledged: false,
                });
            }
            episode.clear();
        };
        for (m, q) in list.iter().zip(&qualifies) {
            if !q {
                continue;
            }
            if episode
                .last()
                .is_some_and(|prev| (m.at.date() - prev.at.date()).num_days() >= days)
            {
                flush(&mut episode);
            }
            episode.push(m);
        }
        flush(&mut episode);
    }
    out
}

/// What the current warnings are worked out from.
pub struct Inputs<'a> {
    /// The repeat rules.
    pub rules: &'a Rules,
    /// Incidents with a terminal since `today` minus [`lookback_days`].
    pub marks: &'a [IncidentMark],
    /// Late or missed occurrences due within the last [`SLIP_WINDOW_DAYS`].
    pub slips: &'a [Slip],
    /// The device registry.
    pub devices: &'a [Device],
    /// The plan (tasks, staff, modules, the trainings due).
    pub plan: &'a PlanSnapshot,
    /// When each warning was last acknowledged, by [`WarningKind::key`].
    pub acks: &'a HashMap<String, NaiveDateTime>,
    /// The day.
    pub today: NaiveDate,
}

/// The warnings of `today`, acknowledged ones marked: open ones first, newest first.
pub fn current(inputs: &Inputs<'_>) -> Vec<Warning> {
    let today = inputs.today;
    let mut out: Vec<Warning> = repeat_episodes(inputs.marks, inputs.rules, inputs.devices)
        .into_iter()
        .filter(|w| {
            let WarningKind::Repeat { family, device_id } = w.kind else {
                return false;
            };
            // A retired terminal needs no more warnings.
            if inputs
                .devices
                .iter()
                .any(|d| d.id == device_id && !d.in_use())
            {
                return false;
            }
            let days = inputs.rules.get(family).map_or(0, |r| i64::from(r.days));
            w.last <= today && (today - w.last).num_days() < days
        })
        .collect();
    out.extend(warranty(inputs));
    out.extend(slipping(inputs));
    out.extend(lapsed(inputs));
    for w in &mut out {
        w.acknowledged = inputs
            .acks
            .get(&w.kind.key())
            .is_some_and(|at| w.newest <= *at);
    }
    out.sort_by(|a, b| {
        a.acknowledged
            .cmp(&b.acknowledged)
            .then(b.newest.cmp(&a.newest))
            .then(a.kind.cmp(&b.kind))
    });
    out
}

/// Terminals past their warranty whose incidents in the last 90 days are at least
/// [`WARRANTY_MIN_INCIDENTS`] and more than in the 90 days before. Only its own parts wearing
/// count ([`Family::WEAR`]): a customer's declined card, a prompt nobody could place or a
/// network fault says nothing of its age (a shop owner's "51 insufficient funds" was one of
/// three, and later two network faults were).
fn warranty(inputs: &Inputs<'_>) -> Vec<Warning> {
    let today = inputs.today;
    let recent_from = today - chrono::Days::new(WARRANTY_WINDOW_DAYS as u64 - 1);
    let before_from = recent_from - chrono::Days::new(WARRANTY_WINDOW_DAYS as u64);
    let mut out = Vec::new();
    for device in inputs.devices.iter().filter(|d| d.in_use()) {
        if device.fields.warranty_until.is_none_or(|w| w >= today) {
            continue;
        }
        let mine = || {
            inputs
                .marks
                .iter()
                .filter(move |m| m.device_id == device.id && m.at.date() <= today)
                .filter(|m| Family::WEAR.contains(&m.family))
        };
        let recent: Vec<&IncidentMark> = mine().filter(|m| m.at.date() >= recent_from).collect();
        let before = mine()
            .filter(|m| (before_from..recent_from).contains(&m.at.date()))
            .count();
        if recent.len() < WARRANTY_MIN_INCIDENTS || recent.len() <= before {
            continue;
        }
        let (Some(first), Some(last)) = (
            recent.iter().min_by_key(|m| m.at),
            recent.iter().max_by_key(|m| m.at),
        ) else {
            continue;
        };
        let mut incidents: Vec<(NaiveDateTime, i64)> =
            recent.iter().map(|m| (m.at, m.id)).collect();
        incidents.sort();
        out.push(Warning {
            kind: WarningKind::Warranty {
                device_id: device.id,
            },
            subject: device_name(inputs.devices, device.id),
            count: recent.len(),
            first: first.at.date(),
            last: last.at.date(),
            newest: last.at,
            incidents: incidents.into_iter().map(|(_, id)| id).collect(),
            acknowledged: false,
        });
    }
    out
}

/// Active tasks with at least [`SLIP_MIN`] late or missed occurrences due in the last
/// [`SLIP_WINDOW_DAYS`] days.
fn slipping(inputs: &Inputs<'_>) -> Vec<Warning> {
    let since = inputs.today - chrono::Days::new(SLIP_WINDOW_DAYS as u64 - 1);
    let mut by_task: BTreeMap<i64, Vec<NaiveDate>> = BTreeMap::new();
    for s in inputs
        .slips
        .iter()
        .filter(|s| (since..=inputs.today).contains(&s.due))
    {
        by_task.entry(s.task_id).or_default().push(s.due);
    }
    by_task
        .into_iter()
        .filter_map(|(task_id, mut dues)| {
            let task = inputs.plan.task(task_id)?;
            if task.archived || task.paused || dues.len() < SLIP_MIN {
                return None;
            }
            dues.sort();
            let (first, last) = (*dues.first()?, *dues.last()?);
            Some(Warning {
                kind: WarningKind::Slipping { task_id },
                subject: task.fields.title.clone(),
                count: dues.len(),
                first,
                last,
                newest: last.and_time(chrono::NaiveTime::MIN),
                incidents: Vec::new(),
                acknowledged: false,
            })
        })
        .collect()
}

/// Refresher trainings of current staff that are overdue (they were trained, and it lapsed).
fn lapsed(inputs: &Inputs<'_>) -> Vec<Warning> {
    let plan = inputs.plan;
    plan.training_due
        .iter()
        .filter(|t| t.status == OccurrenceStatus::Overdue && t.last.is_some())
        .map(|t| {
            let module = plan.module(t.module_id).map_or("", |m| m.title.as_str());
            Warning {
                kind: WarningKind::TrainingLapsed {
                    staff_id: t.staff_id,
                    module_id: t.module_id,
                },
                subject: format!("{} · {module}", plan.staff_name(Some(t.staff_id))),
                count: 1,
                first: t.due,
                last: t.due,
                newest: t.due.and_time(chrono::NaiveTime::MIN),
                incidents: Vec::new(),
                acknowledged: false,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(kind: WarningKind, count: usize, first: u32, last: u32) -> Warning {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        Warning {
            kind,
            subject: "收银台2号".into(),
            count,
            first: day(first),
            last: day(last),
            newest: day(last).and_hms_opt(9, 0, 0).unwrap(),
            incidents: Vec::new(),
            acknowledged: false,
        }
    }

    #[test]
    fn english_headlines_count_in_the_singular_and_the_plural() {
        let repeat = WarningKind::Repeat {
            device_id: 1,
            family: Family::CardRead,
        };
        let one_day = warning(repeat, 4, 3, 3).headline(Lang::En);
        assert!(one_day.ends_with("4 times in 1 day"), "{one_day}");
        let days = warning(repeat, 1, 3, 5).headline(Lang::En);
        assert!(days.ends_with("1 time in 3 days"), "{days}");
        let slipping = warning(WarningKind::Slipping { task_id: 1 }, 1, 3, 3);
        assert!(slipping.headline(Lang::En).contains("1 time in 60 days"));
        let warranty = warning(WarningKind::Warranty { device_id: 1 }, 1, 3, 3);
        assert!(
            warranty
                .headline(Lang::En)
                .contains("1 card-reading or printing fault in")
        );
    }

    #[test]
    fn the_way_to_a_repeat_warning_counts_one_family_on_one_terminal_within_its_days() {
        let at = |d: u32| {
            NaiveDate::from_ymd_opt(2026, 11, d)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap()
        };
        let mark = |id, d, device_id, family| IncidentMark {
            id,
            at: at(d),
            device_id,
            family,
        };
        let marks = [
            mark(1, 1, 1, Family::CardRead),
            mark(2, 20, 1, Family::CardRead),
            mark(3, 22, 2, Family::CardRead),
            mark(4, 23, 1, Family::Communication),
            mark(5, 25, 1, Family::CardRead),
            mark(6, 25, 1, Family::Other),
        ];
        let rules = Rules::default();
        let (count, rule) = repeat_progress(&marks, &rules, 5).unwrap();
        assert_eq!(
            (count, rule.count, rule.days),
            (2, 5, 10),
            "the 1st is too old, the 3rd elsewhere"
        );
        assert!(
            repeat_progress(&marks, &rules, 6).is_none(),
            "no rule for it"
        );
        assert!(repeat_progress(&marks, &rules, 99).is_none());
    }
}
