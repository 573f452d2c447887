//! An emergency plan: what happened, what to do step by step, and other ways to take payment.

use super::check::{Problem, lines, text};
use crate::i18n::T;

/// The most characters of a plan's title.
pub const MAX_TITLE: usize = 80;
/// The most characters of a plan's situation.
pub const MAX_SITUATION: usize = 1000;
/// The most steps of a plan.
pub const MAX_STEPS: usize = 30;
/// The most characters of one step.
pub const MAX_STEP: usize = 200;
/// The most fallback ways to take payment.
pub const MAX_FALLBACKS: usize = 10;
/// The most characters of one fallback.
pub const MAX_FALLBACK: usize = 100;

/// The fields of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PlanFields {
    /// What the plan is for, in a few words ("刷卡不能用").
    pub title: String,
    /// How to recognise the situation.
    pub situation: String,
    /// What to do, in order.
    pub steps: Vec<String>,
    /// Other ways to take payment meanwhile.
    pub fallbacks: Vec<String>,
}

/// A stored plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Database id.
    pub id: i64,
    /// Its fields.
    pub fields: PlanFields,
    /// Archived: gone from the list, its runs kept.
    pub archived: bool,
    /// The starter plan it came from, if any.
    pub starter_key: Option<String>,
}

impl PlanFields {
    /// Checks and cleans the fields: title required (≤ 80), situation ≤ 1000, at most 30 steps
    /// of ≤ 200 characters (no step twice), at most 10 fallbacks of ≤ 100; blank lines dropped.
    pub fn validate(self) -> Result<PlanFields, Problem> {
        let title = text(&self.title, MAX_TITLE, T::EmPlanTitle, true, false)?;
        let situation = text(
            &self.situation,
            MAX_SITUATION,
            T::EmPlanSituation,
            false,
            true,
        )?;
        let steps = lines(&self.steps, MAX_STEPS, MAX_STEP, T::EmPlanSteps)?;
        for (i, step) in steps.iter().enumerate() {
            if steps[..i].contains(step) {
                return Err(Problem::DuplicateStep(step.clone()));
            }
        }
        let fallbacks = lines(
            &self.fallbacks,
            MAX_FALLBACKS,
            MAX_FALLBACK,
            T::EmPlanFallbacks,
        )?;
        Ok(PlanFields {
            title,
            situation,
            steps,
            fallbacks,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emergency::check::split_lines;

    fn fields(title: &str, steps: &str) -> PlanFields {
        PlanFields {
            title: title.into(),
            situation: "终端刷不了卡\n顾客在排队".into(),
            steps: split_lines(steps),
            fallbacks: split_lines("扫码\n\n现金"),
        }
    }

    #[test]
    fn a_plan_needs_a_title_and_is_cleaned() {
        let ok = fields(" 刷卡不能用 ", "重新签到\n\n 重启终端 ")
            .validate()
            .unwrap();
        assert_eq!(ok.title, "刷卡不能用");
        assert_eq!(ok.steps, ["重新签到", "重启终端"]);
        assert_eq!(ok.fallbacks, ["扫码", "现金"]);
        assert_eq!(ok.situation, "终端刷不了卡\n顾客在排队");
        assert_eq!(
            fields("  ", "a").validate(),
            Err(Problem::Required(T::EmPlanTitle))
        );
    }

    #[test]
    fn absurd_plans_are_refused() {
        assert!(matches!(
            fields(&"长".repeat(81), "a").validate(),
            Err(Problem::TooLong(T::EmPlanTitle, 80, 81))
        ));
        let many: String = (0..31).map(|i| format!("第{i}步\n")).collect();
        assert_eq!(
            fields("t", &many).validate(),
            Err(Problem::TooManyLines(T::EmPlanSteps, MAX_STEPS))
        );
        assert_eq!(
            fields("t", "重新签到\n重新签到").validate(),
            Err(Problem::DuplicateStep("重新签到".into()))
        );
        assert_eq!(
            fields("t\u{0}", "a").validate(),
            Err(Problem::ControlChars(T::EmPlanTitle))
        );
    }
}
