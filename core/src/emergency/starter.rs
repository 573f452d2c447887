//! The starter emergency plans (`assets/starter/emergency.toml`, compiled in), offered when the
//! shop has no plans yet. The merchant takes all six in their language, or starts empty.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use super::plan::PlanFields;
use crate::device::DeviceKind;
use crate::i18n::Lang;
use crate::knowledge::load::{contact_detail_in, is_han};

/// The starter plans as compiled into the program.
pub const STARTER_TOML: &str = include_str!("../../../assets/starter/emergency.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    plan: Vec<StarterPlan>,
}

/// A starter plan in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarterPlan {
    /// Stable, unique id.
    pub key: String,
    /// The kind of device the plan is usually about: a run preselects the shop's only one.
    #[serde(default, deserialize_with = "crate::planner::starter::device_kind")]
    pub device_kind: Option<DeviceKind>,
    /// Words that, in a check's item found wrong, point to this plan ("撬", "overlay"):
    /// matched case-insensitively, in either language.
    #[serde(default)]
    pub signs: Vec<String>,
    /// The fallback (its place in `fallbacks`, counted from 0) that is another card terminal
    /// of the shop's ("店里的第二台终端"): left out while the registry holds one terminal in use.
    #[serde(default)]
    pub other_terminal_fallback: Option<usize>,
    /// The Chinese text.
    pub zh: StarterText,
    /// The English text.
    pub en: StarterText,
}

/// A starter plan's text in one language.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarterText {
    /// Title.
    pub title: String,
    /// How to recognise the situation.
    pub situation: String,
    /// What to do, in order.
    pub steps: Vec<String>,
    /// Other ways to take payment.
    pub fallbacks: Vec<String>,
}

impl StarterPlan {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &StarterText {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The plan's fields in `lang` (not yet validated).
    pub fn fields(&self, lang: Lang) -> PlanFields {
        let t = self.text(lang);
        PlanFields {
            title: t.title.clone(),
            situation: t.situation.clone(),
            steps: t.steps.clone(),
            fallbacks: t.fallbacks.clone(),
        }
    }

    /// The plan's fields in `lang` for a shop whose registry holds `terminals` card terminals
    /// in use: with one, "the shop's second terminal" is no way to take payment. (With none
    /// registered the app cannot tell, and the fallback stays.)
    pub fn fields_for(&self, lang: Lang, terminals: usize) -> PlanFields {
        let mut fields = self.fields(lang);
        if let Some(i) = self.other_terminal_fallback.filter(|_| terminals == 1)
            && i < fields.fallbacks.len()
        {
            fields.fallbacks.remove(i);
        }
        fields
    }

    /// Whether `fields` are still this plan's own words, in either language and with or
    /// without the other-terminal fallback.
    fn is_own(&self, fields: &PlanFields) -> bool {
        Lang::ALL
            .iter()
            .any(|&l| *fields == self.fields(l) || *fields == self.fields_for(l, 1))
    }
}

/// The starter plan a check's item found wrong points to, by its signs ("终端和密码键盘外观正常：
/// 没有撬动痕迹…" to the plan for a tampered terminal): at the moment the problem is found,
/// before anything is touched, since some of the plan's steps (do not remove it, photograph it)
/// cannot be done afterwards.
pub fn plan_for_item(item: &str) -> Option<&'static StarterPlan> {
    let text = item.to_lowercase();
    starter_plans().iter().find(|p| {
        p.signs
            .iter()
            .any(|s| !s.trim().is_empty() && text.contains(&s.to_lowercase()))
    })
}

/// The starter plan with this key.
pub fn starter(key: &str) -> Option<&'static StarterPlan> {
    starter_plans().iter().find(|p| p.key == key)
}

/// Parses a file of starter plans.
pub fn parse(text: &str) -> Result<Vec<StarterPlan>, String> {
    toml::from_str::<File>(text)
        .map(|f| f.plan)
        .map_err(|e| format!("starter emergency plans: {e}"))
}

/// The built-in starter plans, parsed once. Panics if the compiled-in file does not parse, which
/// this module's tests catch before a release.
pub fn starter_plans() -> &'static [StarterPlan] {
    static PLANS: OnceLock<Vec<StarterPlan>> = OnceLock::new();
    PLANS.get_or_init(|| {
        parse(STARTER_TOML)
            .unwrap_or_else(|e| panic!("built-in assets/starter/emergency.toml: {e}"))
    })
}

/// Shows a plan taken from the starter plans (`key`) in `lang`, for a shop with `terminals`
/// card terminals in use ([`StarterPlan::fields_for`]), for as long as its title, situation,
/// steps and fallbacks are still the starter's own, in either language; the merchant's own
/// words stay as typed.
pub fn localize(key: &str, fields: &mut PlanFields, lang: Lang, terminals: usize) {
    let Some(plan) = starter(key) else { return };
    if plan.is_own(fields) {
        *fields = plan.fields_for(lang, terminals);
    }
}

/// Every starter plan as the fields of a new plan in `lang`, with its key.
pub fn starter_fields(lang: Lang) -> Vec<(String, PlanFields)> {
    starter_plans()
        .iter()
        .filter_map(|p| Some((p.key.clone(), p.fields(lang).validate().ok()?)))
        .collect()
}

/// Every problem with a set of starter plans: a duplicate key, a plan [`PlanFields::validate`]
/// refuses in either language, a Chinese title without Chinese, languages with different numbers
/// of steps or fallbacks, or a web address or phone number in any text.
pub fn validate(plans: &[StarterPlan]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut keys = HashSet::new();
    for plan in plans {
        let who = format!("plan {:?}", plan.key);
        if !keys.insert(plan.key.as_str()) {
            problems.push(format!("{who}: duplicate key"));
        }
        for lang in Lang::ALL {
            let t = plan.text(lang);
            if let Err(p) = plan.fields(lang).validate() {
                problems.push(format!(
                    "{who}: {} refused: {}",
                    lang.code(),
                    p.message(lang)
                ));
            }
            if t.steps.is_empty() || t.fallbacks.is_empty() {
                problems.push(format!("{who}: {} has no steps or fallbacks", lang.code()));
            }
            let texts = [&t.title, &t.situation]
                .into_iter()
                .chain(&t.steps)
                .chain(&t.fallbacks);
            for text in texts {
                if let Some(found) = contact_detail_in(text) {
                    problems.push(format!("{who}: contact detail ({found}) in {text:?}"));
                }
            }
        }
        if !plan.zh.title.chars().any(is_han) {
            problems.push(format!("{who}: the Chinese title has no Chinese"));
        }
        if plan.zh.steps.len() != plan.en.steps.len()
            || plan.zh.fallbacks.len() != plan.en.fallbacks.len()
        {
            problems.push(format!("{who}: the languages differ in length"));
        }
        if plan
            .other_terminal_fallback
            .is_some_and(|i| i >= plan.zh.fallbacks.len() || plan.zh.fallbacks.len() < 2)
        {
            problems.push(format!(
                "{who}: other_terminal_fallback is not one of several"
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only the items about a tampered terminal point to its plan, in both languages: the
    /// opening check's look at the casing and most of the monthly tamper inspection, and no
    /// item of any other check.
    #[test]
    fn only_tamper_items_point_to_the_tamper_plan() {
        for task in &crate::planner::starter::starter_plan().tasks {
            for items in [&task.zh.items, &task.en.items] {
                let pointing: Vec<&String> = items
                    .iter()
                    .filter(|i| plan_for_item(i).is_some())
                    .collect();
                match task.key.as_str() {
                    "opening-check" => assert_eq!(pointing.len(), 1, "{pointing:?}"),
                    "tamper-inspection" => assert!(pointing.len() >= 5, "{pointing:?}"),
                    _ => assert!(pointing.is_empty(), "{}: {pointing:?}", task.key),
                }
                for item in pointing {
                    assert_eq!(plan_for_item(item).unwrap().key, "fraud-tamper");
                }
            }
        }
    }

    #[test]
    fn the_pc_down_plan_names_the_screen_and_section_the_app_has() {
        use crate::i18n::T;
        let plan = starter("pc-broken").unwrap();
        for lang in Lang::ALL {
            let steps = plan.text(lang).steps.join("\n");
            for label in [T::NavBackups, T::BackupsRestoreFile] {
                assert!(steps.contains(lang.t(label)), "{lang:?}: {}", lang.t(label));
            }
        }
    }

    /// A shop whose registry holds one card terminal is not told to take payment on its
    /// second; with two, or none registered (it cannot be told), the fallback is there.
    #[test]
    fn a_shop_with_one_terminal_is_not_offered_its_second() {
        let second = |lang: Lang| match lang {
            Lang::Zh => "店里的第二台终端",
            Lang::En => "The shop's second terminal",
        };
        for (key, stored) in starter_fields(Lang::Zh) {
            let offered = starter(&key).unwrap().other_terminal_fallback.is_some();
            for lang in Lang::ALL {
                for terminals in [0, 1, 2, 3] {
                    let mut shown = stored.clone();
                    localize(&key, &mut shown, lang, terminals);
                    let has = shown.fallbacks.iter().any(|f| f == second(lang));
                    assert_eq!(has, offered && terminals != 1, "{key} {lang:?} {terminals}");
                    // Shown without it, and then with two terminals: it is back.
                    localize(&key, &mut shown, lang, 2);
                    assert_eq!(shown.fallbacks.iter().any(|f| f == second(lang)), offered);
                }
            }
            let mut own = stored.clone();
            own.fallbacks.push("隔壁店借用终端".into());
            localize(&key, &mut own, Lang::Zh, 1);
            assert_eq!(
                own.fallbacks.len(),
                stored.fallbacks.len() + 1,
                "{key}: as typed"
            );
        }
    }

    #[test]
    fn starter_plans_follow_the_language_until_the_merchant_rewords_them() {
        for (key, stored) in starter_fields(Lang::Zh) {
            let plan = starter(&key).unwrap();
            let mut shown = stored.clone();
            localize(&key, &mut shown, Lang::En, 0);
            assert_eq!(shown, plan.fields(Lang::En), "{key}");
            let mut own = stored.clone();
            own.steps.push("给老板打电话".into());
            localize(&key, &mut own, Lang::En, 0);
            assert_eq!(
                own.title, stored.title,
                "{key}: the merchant's plan stays as typed"
            );
        }
    }

    #[test]
    fn the_six_starter_plans_parse_and_validate() {
        let plans = starter_plans();
        assert_eq!(plans.len(), 6);
        let problems = validate(plans);
        assert!(problems.is_empty(), "{problems:#?}");
        let keys: Vec<&str> = plans.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "card-down",
                "network-down",
                "terminal-broken-stolen",
                "power-cut",
                "fraud-tamper",
                "pc-broken"
            ]
        );
        assert_eq!(plans[0].zh.title, "刷卡不能用");
        assert_eq!(plans[0].en.title, "Card payments down");
        let kind = |key| starter(key).unwrap().device_kind;
        assert_eq!(kind("card-down"), Some(DeviceKind::Terminal));
        assert_eq!(kind("network-down"), Some(DeviceKind::Router));
        assert_eq!(kind("pc-broken"), Some(DeviceKind::Pc));
        assert_eq!(kind("power-cut"), None);
        assert!(starter("no-such-plan").is_none());
    }

    #[test]
    fn broken_plans_are_caught() {
        let mut plans = starter_plans().to_vec();
        plans.push(plans[0].clone());
        plans[1].en.steps.push("Call 400-820-1234".into());
        plans[2].zh.title = "Power".into();
        plans[3].zh.fallbacks.push("详见 www.example".into());
        plans[4].en.title = " ".into();
        let problems = validate(&plans);
        for needle in [
            "duplicate key",
            "digits",
            "has no Chinese",
            "www.",
            "en refused",
            "differ in length",
        ] {
            assert!(
                problems.iter().any(|p| p.contains(needle)),
                "{needle}: {problems:#?}"
            );
        }
    }

    #[test]
    fn unknown_fields_do_not_parse() {
        let text = "[[plan]]\nkey = \"k\"\nphone = \"1\"\n";
        assert!(parse(text).is_err());
        let text = "[[plan]]\nkey = \"k\"\ndevice_kind = \"toaster\"\n";
        assert!(parse(text).is_err());
    }
}
