//! An outage: a run of a plan (or a drill), its ticked steps with times, and how it ended.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::check::{Problem, text};
use crate::i18n::{Lang, T};

/// The most characters of "what was lost" and "what fixed it".
pub const MAX_TEXT: usize = 1000;

/// How times are written in the database and in the ticks.
pub const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// One tick or untick of a step, kept in order: the latest one for a step says where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepTick {
    /// The step's text at the time.
    pub step: String,
    /// When (`YYYY-MM-DDTHH:MM:SS`, local time).
    pub at: String,
    /// Ticked (`true`) or unticked.
    pub done: bool,
}

/// Where each step stands: each step once, in the order it was first ticked, as its latest
/// tick or untick left it.
pub fn latest_ticks(ticks: &[StepTick]) -> Vec<&StepTick> {
    let mut latest: Vec<&StepTick> = Vec::new();
    for tick in ticks {
        match latest.iter_mut().find(|t| t.step == tick.step) {
            Some(known) => *known = tick,
            None => latest.push(tick),
        }
    }
    latest
}

/// An outage to start.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct NewOutage {
    /// The plan being run.
    pub plan_id: Option<i64>,
    /// The terminal concerned.
    pub device_id: Option<i64>,
    /// Who is on shift.
    pub staff_id: Option<i64>,
    /// A practice run.
    pub drill: bool,
}

/// A stored outage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outage {
    /// Database id.
    pub id: i64,
    /// The plan that was run.
    pub plan_id: Option<i64>,
    /// The terminal concerned.
    pub device_id: Option<i64>,
    /// Who was on shift.
    pub staff_id: Option<i64>,
    /// A practice run.
    pub drill: bool,
    /// When it started.
    pub started_at: NaiveDateTime,
    /// When it ended (`None` while it runs).
    pub ended_at: Option<NaiveDateTime>,
    /// Every tick and untick, in order.
    pub ticks: Vec<StepTick>,
    /// What was lost (sales, time, …).
    pub lost: String,
    /// What fixed it.
    pub fix: String,
    /// A note.
    pub note: String,
}

impl Outage {
    /// Whether it is still running.
    pub fn running(&self) -> bool {
        self.ended_at.is_none()
    }

    /// When `step` was ticked, if its latest tick says done.
    pub fn done_at(&self, step: &str) -> Option<NaiveDateTime> {
        self.ticks
            .iter()
            .rev()
            .find(|t| t.step == step)
            .filter(|t| t.done)
            .and_then(|t| NaiveDateTime::parse_from_str(&t.at, TIME_FORMAT).ok())
    }

    /// How many of `steps` are ticked now.
    pub fn done_count(&self, steps: &[String]) -> usize {
        steps.iter().filter(|s| self.done_at(s).is_some()).count()
    }
}

/// An emergency plan being run (or practised) that has not been ended, with its plan's title:
/// what Today (the window's and the command's) says first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunningOutage {
    /// The outage's id.
    pub id: i64,
    /// The plan's title ("" when it has none).
    pub plan: String,
    /// When it started.
    pub started_at: NaiveDateTime,
    /// A practice run.
    pub drill: bool,
}

impl RunningOutage {
    /// What Today says of it: the plan (a practice run marked) and since when.
    pub fn said(&self, lang: Lang) -> String {
        let mut plan = if self.plan.is_empty() {
            lang.t(T::EmNoPlan).to_owned()
        } else {
            self.plan.clone()
        };
        if self.drill {
            plan.push_str(lang.t(T::EmDrillMark));
        }
        let time = self.started_at.format("%Y-%m-%d %H:%M").to_string();
        lang.fill(T::TodayOutageRunning, &[("plan", &plan), ("time", &time)])
    }
}

/// How an outage ended, as typed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct OutageEnd {
    /// What was lost.
    pub lost: String,
    /// What fixed it.
    pub fix: String,
}

impl OutageEnd {
    /// Checks and cleans the texts: both optional, each at most 1000 characters.
    pub fn validate(self) -> Result<OutageEnd, Problem> {
        Ok(OutageEnd {
            lost: text(&self.lost, MAX_TEXT, T::EmOutageLost, false, true)?,
            fix: text(&self.fix, MAX_TEXT, T::EmOutageFix, false, true)?,
        })
    }
}

/// Refuses an end before the start.
pub fn check_end(started: NaiveDateTime, ended: NaiveDateTime) -> Result<(), Problem> {
    if ended < started {
        Err(Problem::EndBeforeStart)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_stands_as_its_latest_tick_left_it_in_the_order_first_ticked() {
        let tick = |step: &str, at: &str, done: bool| StepTick {
            step: step.into(),
            at: at.into(),
            done,
        };
        let ticks = [
            tick("重启", "2026-12-06T02:01:00", true),
            tick("扫码", "2026-12-06T02:02:00", true),
            tick("重启", "2026-12-06T02:03:00", false),
        ];
        let latest = latest_ticks(&ticks);
        assert_eq!(latest, [&ticks[2], &ticks[1]]);
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, TIME_FORMAT).unwrap()
    }

    #[test]
    fn the_latest_tick_of_a_step_counts() {
        let tick = |step: &str, t: &str, done| StepTick {
            step: step.into(),
            at: t.into(),
            done,
        };
        let outage = Outage {
            id: 1,
            plan_id: None,
            device_id: None,
            staff_id: None,
            drill: false,
            started_at: at("2026-11-25T10:00:00"),
            ended_at: None,
            ticks: vec![
                tick("签到", "2026-11-25T10:01:00", true),
                tick("重启", "2026-11-25T10:02:00", true),
                tick("重启", "2026-11-25T10:03:00", false),
            ],
            lost: String::new(),
            fix: String::new(),
            note: String::new(),
        };
        assert_eq!(outage.done_at("签到"), Some(at("2026-11-25T10:01:00")));
        assert_eq!(outage.done_at("重启"), None);
        assert_eq!(outage.done_count(&["签到".into(), "重启".into()]), 1);
        assert!(outage.running());
    }

    #[test]
    fn an_end_is_bounded_and_not_before_the_start() {
        let end = OutageEnd {
            lost: " 两笔交易 ".into(),
            fix: "重新签到".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(end.lost, "两笔交易");
        assert!(
            OutageEnd {
                fix: "x".repeat(1001),
                ..Default::default()
            }
            .validate()
            .is_err()
        );
        let start = at("2026-11-25T10:00:00");
        assert_eq!(check_end(start, start), Ok(()));
        assert_eq!(
            check_end(start, at("2026-11-25T09:59:59")),
            Err(Problem::EndBeforeStart)
        );
    }
}
