//! How many times within how many days a fault family must repeat on one terminal before it is
//! a warning: defaults per family, and the merchant's own numbers (kept in settings as JSON).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Family;
use crate::i18n::{Lang, T};

/// The fewest repeats a rule may ask for.
pub const MIN_COUNT: u32 = 2;
/// The most repeats a rule may ask for.
pub const MAX_COUNT: u32 = 50;
/// The shortest window, in days.
pub const MIN_DAYS: u32 = 1;
/// The longest window, in days.
pub const MAX_DAYS: u32 = 365;

/// `count` incidents of one family on one terminal within `days` calendar days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatRule {
    /// How many incidents.
    pub count: u32,
    /// Within how many calendar days (the first and the last day both count).
    pub days: u32,
}

/// The rule of every warned family.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    rules: [RepeatRule; 5],
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            rules: Family::WARNED.map(default_rule),
        }
    }
}

/// The defaults: a reader that fails five times in ten days needs cleaning; a connection that
/// drops five times in a week needs its cable or SIM checked; sign-on or key errors three times
/// in a week need new keys; a printer four times in two weeks; three reversals in a month.
pub fn default_rule(family: Family) -> RepeatRule {
    let (count, days) = match family {
        Family::CardRead => (5, 10),
        Family::Communication => (5, 7),
        Family::SignOnKey => (3, 7),
        Family::Printer => (4, 14),
        Family::Reversal => (3, 30),
        Family::Other => (0, 0),
    };
    RepeatRule { count, days }
}

/// A number of a rule out of range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleProblem {
    /// Which family.
    pub family: Family,
    /// `true`: the days; `false`: the count.
    pub days: bool,
    /// The text as typed.
    pub typed: String,
}

impl RuleProblem {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        let (key, min, max) = match self.days {
            false => (T::RuleBadCount, MIN_COUNT, MAX_COUNT),
            true => (T::RuleBadDays, MIN_DAYS, MAX_DAYS),
        };
        lang.fill(
            key,
            &[
                ("family", lang.t(self.family.label())),
                ("typed", self.typed.trim()),
                ("min", &min.to_string()),
                ("max", &max.to_string()),
            ],
        )
    }
}

impl Rules {
    /// The rule of `family` (`None` for [`Family::Other`], which is never warned about).
    pub fn get(&self, family: Family) -> Option<RepeatRule> {
        Family::WARNED
            .iter()
            .position(|f| *f == family)
            .map(|i| self.rules[i])
    }

    /// The longest window of any rule, in days.
    pub fn longest_days(&self) -> u32 {
        self.rules.iter().map(|r| r.days).max().unwrap_or(MIN_DAYS)
    }

    /// Rules from the merchant's typed numbers, `(count, days)` per warned family in
    /// [`Family::WARNED`]'s order: every problem found, or the rules.
    pub fn from_typed(typed: &[(String, String); 5]) -> Result<Rules, Vec<RuleProblem>> {
        let mut problems = Vec::new();
        let mut rules = Rules::default();
        for (i, (family, (count, days))) in Family::WARNED.iter().zip(typed).enumerate() {
            let parse = |text: &str, min: u32, max: u32, days: bool| {
                text.trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (min..=max).contains(n))
                    .ok_or(RuleProblem {
                        family: *family,
                        days,
                        typed: text.to_owned(),
                    })
            };
            match parse(count, MIN_COUNT, MAX_COUNT, false) {
                Ok(n) => rules.rules[i].count = n,
                Err(p) => problems.push(p),
            }
            match parse(days, MIN_DAYS, MAX_DAYS, true) {
                Ok(n) => rules.rules[i].days = n,
                Err(p) => problems.push(p),
            }
        }
        if problems.is_empty() {
            Ok(rules)
        } else {
            Err(problems)
        }
    }

    /// The numbers as text fields show them, in [`Family::WARNED`]'s order.
    pub fn typed(&self) -> [(String, String); 5] {
        self.rules
            .map(|r| (r.count.to_string(), r.days.to_string()))
    }

    /// As stored in settings: `{"card_read": {"count": 5, "days": 10}, …}`.
    pub fn to_json(&self) -> String {
        let map: BTreeMap<&str, RepeatRule> = Family::WARNED
            .iter()
            .zip(self.rules)
            .map(|(f, r)| (f.code(), r))
            .collect();
        serde_json::to_string(&map).unwrap_or_default()
    }

    /// The stored rules; a family missing, unreadable or out of range keeps its default.
    pub fn from_json(text: &str) -> Rules {
        let map: BTreeMap<String, RepeatRule> = serde_json::from_str(text).unwrap_or_default();
        let mut rules = Rules::default();
        for (i, family) in Family::WARNED.iter().enumerate() {
            if let Some(r) = map.get(family.code()).filter(|r| {
                (MIN_COUNT..=MAX_COUNT).contains(&r.count)
                    && (MIN_DAYS..=MAX_DAYS).contains(&r.days)
            }) {
                rules.rules[i] = *r;
            }
        }
        rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_rules_are_checked_and_round_trip_through_json() {
        let mut typed = Rules::default().typed();
        typed[0] = ("6".into(), " 12 ".into());
        let rules = Rules::from_typed(&typed).unwrap();
        assert_eq!(
            rules.get(Family::CardRead),
            Some(RepeatRule { count: 6, days: 12 })
        );
        assert_eq!(Rules::from_json(&rules.to_json()), rules);
        assert_eq!(rules.get(Family::Other), None);

        typed[1] = ("1".into(), "400".into());
        typed[2] = ("x".into(), "7".into());
        let problems = Rules::from_typed(&typed).unwrap_err();
        assert_eq!(problems.len(), 3);
        assert_eq!(
            problems[0].message(Lang::En),
            "Communication failures: the count must be a whole number from 2 to 50 (now “1”)."
        );
    }

    #[test]
    fn stored_rules_out_of_range_keep_the_default() {
        let rules = Rules::from_json(
            r#"{"printer": {"count": 0, "days": 3}, "reversal": {"count": 2, "days": 5}}"#,
        );
        assert_eq!(
            rules.get(Family::Printer),
            Some(default_rule(Family::Printer))
        );
        assert_eq!(
            rules.get(Family::Reversal),
            Some(RepeatRule { count: 2, days: 5 })
        );
        assert_eq!(Rules::from_json("not json"), Rules::default());
    }
}
