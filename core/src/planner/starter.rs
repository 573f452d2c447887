//! The starter plan offered on first run: maintenance tasks and training modules in both languages
//! (`assets/starter/plan.toml`, compiled in).
//!
//! The merchant accepts all of it, picks some, or starts empty. A task becomes a
//! [`TaskFields`] through [`StarterTask::fields`] in the merchant's language, with the start date
//! (and, when the task names a [`DeviceKind`], the registered device) the caller chooses; a module
//! gives its title and points through [`StarterModule::text`]. Each task and module has a stable
//! `key`, so a later version of the plan can tell which ones the merchant already took.

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, de::Error};

use super::schedule::{Anchor, ClosedDayRule, Schedule, TaskSchedule};
use super::task::{TaskCategory, TaskFields, TrainingModule};
use crate::device::DeviceKind;
use crate::i18n::Lang;
use crate::knowledge::load::{contact_detail_in, is_han};

/// The starter plan as compiled into the program.
pub const STARTER_TOML: &str = include_str!("../../../assets/starter/plan.toml");

/// The starter plan: tasks and training modules, in the order they are offered.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarterPlan {
    /// The maintenance tasks.
    #[serde(rename = "task")]
    pub tasks: Vec<StarterTask>,
    /// The training modules.
    #[serde(rename = "module")]
    pub modules: Vec<StarterModule>,
}

/// A task of the starter plan.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarterTask {
    /// Stable, unique id (lower-case letters, digits and `-`).
    pub key: String,
    /// Its kind.
    pub category: TaskCategory,
    /// Which days it falls on.
    pub schedule: Schedule,
    /// Fixed calendar or counted from the last completion.
    pub anchor: Anchor,
    /// What happens on the shop's closing days.
    pub closed_rule: ClosedDayRule,
    /// The kind of registered device the task is about, if any.
    #[serde(default, deserialize_with = "device_kind")]
    pub device_kind: Option<DeviceKind>,
    /// The item (counted from 1) that asks whether the last backup to an outside folder is
    /// recent: something the app knows, so it is never ticked as fine while it is not.
    #[serde(default)]
    pub backup_item: Option<usize>,
    /// The Chinese text.
    pub zh: StarterText,
    /// The English text.
    pub en: StarterText,
}

/// A task's text in one language.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarterText {
    /// What to do, in a few words.
    pub title: String,
    /// How to do it.
    pub instructions: String,
    /// The checklist, one item per entry (the same items in both languages).
    pub items: Vec<String>,
}

/// A training module of the starter plan.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarterModule {
    /// Stable, unique id (lower-case letters, digits and `-`).
    pub key: String,
    /// Months until a refresher is due (0: never).
    pub refresher_months: u32,
    /// Part of the new-hire onboarding checklist.
    pub onboarding: bool,
    /// The Chinese text.
    pub zh: ModuleText,
    /// The English text.
    pub en: ModuleText,
}

/// A training module's text in one language.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleText {
    /// The module's title.
    pub title: String,
    /// The points the training covers, one per entry (a checklist).
    pub items: Vec<String>,
}

/// Reads a device kind from its code (`terminal`, `printer`, …); an unknown code is an error.
pub(crate) fn device_kind<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DeviceKind>, D::Error> {
    let code = String::deserialize(d)?;
    DeviceKind::from_code(&code)
        .map(Some)
        .ok_or_else(|| D::Error::custom(format!("unknown device kind {code:?}")))
}

impl StarterPlan {
    /// The task with this key.
    pub fn task(&self, key: &str) -> Option<&StarterTask> {
        self.tasks.iter().find(|t| t.key == key)
    }

    /// The training module with this key.
    pub fn module(&self, key: &str) -> Option<&StarterModule> {
        self.modules.iter().find(|m| m.key == key)
    }
}

/// How many months after the starter plan is taken its drill is first due.
pub const DRILL_FIRST_AFTER_MONTHS: u32 = 1;

impl StarterTask {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &StarterText {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        &self.text(lang).title
    }

    /// The task's schedule starting on `start`.
    ///
    /// A drill is first due a month after the plan is taken, not on its first day: the staff
    /// learn the terminal before they rehearse its failure.
    pub fn schedule(&self, start: NaiveDate) -> TaskSchedule {
        let start = if self.category == TaskCategory::Drill {
            start
                .checked_add_months(chrono::Months::new(DRILL_FIRST_AFTER_MONTHS))
                .unwrap_or(start)
        } else {
            start
        };
        TaskSchedule {
            schedule: self.schedule.clone(),
            anchor: self.anchor,
            start,
            closed_rule: self.closed_rule,
        }
    }

    /// The task as the fields of a new task: texts in `lang`, the schedule from `start`, about
    /// `device_id` (the caller's pick among registered devices of [`Self::device_kind`]), nobody
    /// responsible yet. Not yet validated: pass it through [`TaskFields::validate`] as any task.
    pub fn fields(&self, lang: Lang, start: NaiveDate, device_id: Option<i64>) -> TaskFields {
        let text = self.text(lang);
        TaskFields {
            title: text.title.clone(),
            category: self.category,
            instructions: text.instructions.clone(),
            items: text.items.clone(),
            device_id,
            staff_id: None,
            schedule: self.schedule(start),
        }
    }
}

impl StarterText {
    /// Every text: title, instructions, items.
    fn all(&self) -> impl Iterator<Item = &String> {
        [&self.title, &self.instructions]
            .into_iter()
            .chain(&self.items)
    }
}

impl StarterModule {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &ModuleText {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        &self.text(lang).title
    }

    /// The module as a new training module, its texts in `lang`.
    pub fn module(&self, lang: Lang) -> TrainingModule {
        let text = self.text(lang);
        TrainingModule {
            id: 0,
            title: text.title.clone(),
            items: text.items.clone(),
            refresher_months: self.refresher_months,
            onboarding: self.onboarding,
        }
    }
}

impl ModuleText {
    /// Every text: title, items.
    fn all(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.title).chain(&self.items)
    }
}

/// Parses a starter plan.
pub fn parse(text: &str) -> Result<StarterPlan, String> {
    toml::from_str::<StarterPlan>(text).map_err(|e| format!("starter plan: {e}"))
}

/// The built-in starter plan, parsed once. Panics if the compiled-in file does not parse, which
/// this module's tests catch before a release.
pub fn starter_plan() -> &'static StarterPlan {
    static PLAN: OnceLock<StarterPlan> = OnceLock::new();
    PLAN.get_or_init(|| {
        parse(STARTER_TOML).unwrap_or_else(|e| panic!("built-in assets/starter/plan.toml: {e}"))
    })
}

/// Shows a task taken from the starter plan (starter task `key`) in `lang` for as long as its
/// title, instructions and checklist are still the starter's own, in either language: starter
/// content follows the app's language until the merchant rewords it, and the merchant's own words
/// stay as typed. A changed schedule, device or person does not count as rewording.
pub fn localize_task(key: &str, fields: &mut TaskFields, lang: Lang) {
    let Some(task) = starter_plan().task(key) else {
        return;
    };
    let same = |t: &StarterText| {
        fields.title == t.title && fields.instructions == t.instructions && fields.items == t.items
    };
    if same(&task.zh) || same(&task.en) {
        let text = task.text(lang);
        fields.title.clone_from(&text.title);
        fields.instructions.clone_from(&text.instructions);
        fields.items.clone_from(&text.items);
    }
}

/// Like [`localize_task`], for a training module taken from the starter plan.
pub fn localize_module(key: &str, module: &mut TrainingModule, lang: Lang) {
    let Some(starter) = starter_plan().module(key) else {
        return;
    };
    let same = |t: &ModuleText| module.title == t.title && module.items == t.items;
    if same(&starter.zh) || same(&starter.en) {
        let text = starter.text(lang);
        module.title.clone_from(&text.title);
        module.items.clone_from(&text.items);
    }
}

/// Whether `item` is a starter task's item asking whether the last outside backup is recent,
/// in either language (as the starter wrote it: reworded, it is the merchant's own).
pub fn asks_backup_fresh(item: &str) -> bool {
    starter_plan().tasks.iter().any(|task| {
        task.backup_item.is_some_and(|n| {
            Lang::ALL.iter().any(|&lang| {
                task.text(lang)
                    .items
                    .get(n.wrapping_sub(1))
                    .is_some_and(|i| i == item)
            })
        })
    })
}

/// Whether `key` is a well-formed key: lower-case ASCII letters, digits and `-`, at most 40.
fn key_is_well_formed(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 40
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Every problem with a starter plan: malformed or duplicate keys, a missing title or empty item
/// in either language, languages with different numbers of items, a schedule that does not
/// validate, a task that [`TaskFields::validate`] would refuse, a web address or phone number in
/// any text, or a Chinese title without Chinese.
pub fn validate(plan: &StarterPlan) -> Vec<String> {
    let mut problems = Vec::new();
    let mut keys = HashSet::new();
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a real date");

    for task in &plan.tasks {
        let who = format!("task {:?}", task.key);
        check_key(&task.key, &who, &mut keys, &mut problems);
        if let Err(e) = task.schedule.validate() {
            problems.push(format!("{who}: bad schedule: {}", e.message(Lang::En)));
        }
        for lang in Lang::ALL {
            let text = task.text(lang);
            let code = lang.code();
            check_title(&text.title, &who, lang, &mut problems);
            check_items(&text.items, &who, code, &mut problems);
            check_contacts(text.all(), &who, &mut problems);
            if let Err(p) = task.fields(lang, start, None).validate(lang) {
                problems.push(format!("{who}: {code} fields refused: {}", p.message(lang)));
            }
        }
        if task.zh.items.len() != task.en.items.len() {
            problems.push(format!(
                "{who}: {} Chinese items but {} English ones",
                task.zh.items.len(),
                task.en.items.len()
            ));
        }
        if let Some(n) = task.backup_item
            && !(1..=task.zh.items.len().min(task.en.items.len())).contains(&n)
        {
            problems.push(format!("{who}: backup_item {n} is not one of its items"));
        }
    }

    for module in &plan.modules {
        let who = format!("module {:?}", module.key);
        check_key(&module.key, &who, &mut keys, &mut problems);
        for lang in Lang::ALL {
            let text = module.text(lang);
            check_title(&text.title, &who, lang, &mut problems);
            check_items(&text.items, &who, lang.code(), &mut problems);
            check_contacts(text.all(), &who, &mut problems);
        }
        if module.zh.items.len() != module.en.items.len() {
            problems.push(format!(
                "{who}: {} Chinese items but {} English ones",
                module.zh.items.len(),
                module.en.items.len()
            ));
        }
    }
    problems
}

fn check_key<'a>(key: &'a str, who: &str, keys: &mut HashSet<&'a str>, problems: &mut Vec<String>) {
    if !key_is_well_formed(key) {
        problems.push(format!("{who}: malformed key"));
    }
    if !keys.insert(key) {
        problems.push(format!("{who}: duplicate key"));
    }
}

fn check_title(title: &str, who: &str, lang: Lang, problems: &mut Vec<String>) {
    if title.trim().is_empty() {
        problems.push(format!("{who}: no {} title", lang.code()));
    } else if lang == Lang::Zh && !title.chars().any(is_han) {
        problems.push(format!("{who}: the Chinese title has no Chinese"));
    }
}

fn check_items(items: &[String], who: &str, code: &str, problems: &mut Vec<String>) {
    if items.is_empty() {
        problems.push(format!("{who}: no {code} items"));
    }
    if items.iter().any(|i| i.trim().is_empty()) {
        problems.push(format!("{who}: an empty {code} item"));
    }
}

fn check_contacts<'a>(
    texts: impl Iterator<Item = &'a String>,
    who: &str,
    problems: &mut Vec<String>,
) {
    for text in texts {
        if let Some(found) = contact_detail_in(text) {
            problems.push(format!("{who}: contact detail ({found}) in {text:?}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;
    use crate::planner::Weekdays;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn starter_content_follows_the_language_until_the_merchant_rewords_it() {
        let start = day(2026, 12, 1);
        for task in &starter_plan().tasks {
            for (taken, shown) in [(Lang::Zh, Lang::En), (Lang::En, Lang::Zh)] {
                // What the store holds is the validated text, which must be the starter's own.
                let stored = task.fields(taken, start, None).validate(taken).unwrap();
                let mut fields = stored.clone();
                localize_task(&task.key, &mut fields, shown);
                assert_eq!(fields, task.fields(shown, start, None), "{}", task.key);
                // A new schedule is not a rewording.
                let mut rescheduled = stored.clone();
                rescheduled.schedule.start = day(2027, 1, 4);
                localize_task(&task.key, &mut rescheduled, shown);
                assert_eq!(rescheduled.title, task.title(shown));
                // One changed checklist item makes it the merchant's own: shown as typed.
                let mut reworded = stored.clone();
                reworded.items[0].push_str("（我们店用两卷）");
                let before = reworded.clone();
                localize_task(&task.key, &mut reworded, shown);
                assert_eq!(reworded, before);
            }
        }
        let mut unknown = starter_plan().tasks[0].fields(Lang::Zh, start, None);
        let before = unknown.clone();
        localize_task("no-such-task", &mut unknown, Lang::En);
        assert_eq!(unknown, before);
    }

    #[test]
    fn the_backup_task_names_the_screen_and_buttons_the_app_has() {
        use crate::i18n::T;
        let task = starter_plan().task("weekly-backup").unwrap();
        for lang in Lang::ALL {
            let items = task.text(lang).items.join("\n");
            for label in [T::NavBackups, T::BackupChoose, T::BackupStart] {
                assert!(items.contains(lang.t(label)), "{lang:?}: {}", lang.t(label));
            }
            let done = lang.t(T::BackupDone);
            let done = done.split(['：', ':']).next().unwrap();
            assert!(items.contains(done), "{lang:?}: {done}");
        }
    }

    #[test]
    fn the_opening_checks_backup_item_is_known_in_both_languages_and_only_it() {
        let task = starter_plan().task("opening-check").unwrap();
        for lang in Lang::ALL {
            let items = &task.text(lang).items;
            let known: Vec<&String> = items.iter().filter(|i| asks_backup_fresh(i)).collect();
            assert_eq!(known.len(), 1, "{lang:?}: {known:?}");
            let said = known[0].to_lowercase();
            assert!(said.contains("备份") || said.contains("backup"), "{said}");
        }
        assert!(!asks_backup_fresh(
            "看一眼备份提醒：最近一次备份不超过一周（我们店两周）"
        ));
        assert!(!asks_backup_fresh(""));
        let mut plan = starter_plan().clone();
        plan.tasks[0].backup_item = Some(99);
        assert!(validate(&plan).iter().any(|p| p.contains("backup_item")));
    }

    #[test]
    fn starter_modules_follow_the_language_until_reworded() {
        for starter in &starter_plan().modules {
            let mut module = starter.module(Lang::Zh);
            localize_module(&starter.key, &mut module, Lang::En);
            assert_eq!(module, starter.module(Lang::En));
            module.title = "收银员上岗培训".into();
            localize_module(&starter.key, &mut module, Lang::Zh);
            assert_eq!(module.title, "收银员上岗培训");
        }
    }

    #[test]
    fn the_built_in_plan_parses_and_validates() {
        let plan = starter_plan();
        let problems = validate(plan);
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn it_has_the_expected_tasks_and_modules() {
        let plan = starter_plan();
        assert!(plan.tasks.len() >= 7, "{} tasks", plan.tasks.len());
        assert!(plan.modules.len() >= 5, "{} modules", plan.modules.len());

        let expect = |key: &str, category: TaskCategory, schedule: Schedule| {
            let t = plan.task(key).unwrap_or_else(|| panic!("no task {key}"));
            assert_eq!(t.category, category, "{key}");
            assert_eq!(t.schedule, schedule, "{key}");
            t
        };
        let weekly = |d: Weekday| Schedule::Weekly {
            weekdays: Weekdays::of(&[d]),
        };
        expect("opening-check", TaskCategory::Check, Schedule::Daily);
        let cleaning = expect("weekly-cleaning", TaskCategory::Check, weekly(Weekday::Mon));
        assert_eq!(cleaning.closed_rule, ClosedDayRule::MoveToNextOpenDay);
        expect(
            "monthly-updates",
            TaskCategory::Check,
            Schedule::MonthlyOnDay { day: 1 },
        );
        expect("weekly-backup", TaskCategory::Backup, weekly(Weekday::Fri));
        let drill = expect(
            "payment-down-drill",
            TaskCategory::Drill,
            Schedule::EveryMonths(3),
        );
        assert_eq!(drill.anchor, Anchor::Fixed);
        // Not due on the first day: a month later, then every three months.
        let day_one = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let first = drill.fields(Lang::Zh, day_one, None).schedule.start;
        assert_eq!(first, NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
        let opening = plan.task("opening-check").expect("opening check");
        assert_eq!(
            opening.fields(Lang::Zh, day_one, None).schedule.start,
            day_one
        );
        let tamper = expect(
            "tamper-inspection",
            TaskCategory::Check,
            Schedule::MonthlyLastDay,
        );
        assert_eq!(tamper.device_kind, Some(DeviceKind::Terminal));
        let warranty = plan.task("warranty-review").expect("warranty task");
        assert!(matches!(warranty.schedule, Schedule::Yearly { .. }));

        for key in [
            "operate-terminal",
            "lookup-prompts",
            "refund-void-settlement",
            "fraud-tamper",
            "card-down-emergency",
        ] {
            let m = plan
                .module(key)
                .unwrap_or_else(|| panic!("no module {key}"));
            assert!(m.onboarding, "{key}");
            let months = if key == "fraud-tamper" { 6 } else { 12 };
            assert_eq!(m.refresher_months, months, "{key}");
        }
    }

    #[test]
    fn the_opening_check_is_daily_with_sign_on_and_settlement() {
        let t = starter_plan().task("opening-check").unwrap();
        assert_eq!(t.schedule, Schedule::Daily);
        assert_eq!(t.anchor, Anchor::Fixed);
        assert_eq!(t.closed_rule, ClosedDayRule::Skip);
        assert_eq!(t.device_kind, Some(DeviceKind::Terminal));
        let zh = &t.text(Lang::Zh).items;
        assert!(zh.iter().any(|i| i.contains("签到")), "{zh:?}");
        assert!(zh.iter().any(|i| i.contains("结算")), "{zh:?}");
        let en = &t.text(Lang::En).items;
        assert!(en.iter().any(|i| i.contains("signed on")), "{en:?}");
        assert!(en.iter().any(|i| i.contains("settlement")), "{en:?}");
        // The same item in the same place in both languages.
        let zh_sign = zh.iter().position(|i| i.contains("签到"));
        let en_sign = en.iter().position(|i| i.contains("signed on"));
        assert_eq!(zh_sign, en_sign);
    }

    #[test]
    fn fields_make_valid_tasks_in_either_language() {
        let start = day(2026, 3, 2);
        for task in &starter_plan().tasks {
            for lang in Lang::ALL {
                let f = task
                    .fields(lang, start, Some(7))
                    .validate(lang)
                    .unwrap_or_else(|e| panic!("{}: {}", task.key, e.message(lang)));
                assert_eq!(f.title, task.title(lang));
                assert_eq!(f.items, task.text(lang).items);
                assert_eq!(f.category, task.category);
                assert_eq!(f.device_id, Some(7));
                assert_eq!(f.staff_id, None);
                if task.category == TaskCategory::Drill {
                    assert_eq!(
                        f.schedule.start,
                        day(2026, 4, 2),
                        "a drill starts a month on"
                    );
                } else {
                    assert_eq!(f.schedule.start, start);
                }
                assert_eq!(f.schedule.schedule, task.schedule);
                assert_eq!(f.schedule.anchor, task.anchor);
                assert_eq!(f.schedule.closed_rule, task.closed_rule);
            }
        }
        let m = starter_plan().module("operate-terminal").unwrap();
        assert_eq!(m.title(Lang::Zh), "终端基本操作");
        assert_eq!(m.text(Lang::En).items.len(), m.text(Lang::Zh).items.len());
    }

    #[test]
    fn broken_plans_are_caught() {
        let good = starter_plan();

        let mut dup = good.clone();
        dup.tasks.push(dup.tasks[0].clone());
        dup.modules[0].key = "opening-check".into();
        let problems = validate(&dup);
        assert_eq!(
            problems
                .iter()
                .filter(|p| p.contains("duplicate key"))
                .count(),
            2,
            "{problems:#?}"
        );

        let mut bad = good.clone();
        bad.tasks[0].en.items.pop();
        bad.tasks[1].schedule = Schedule::EveryDays(0);
        bad.tasks[2].zh.title = "Monthly".into();
        bad.tasks[3].en.instructions = "Call 400-820-1234".into();
        bad.modules[0].zh.items.push("详见 www.example".into());
        bad.modules[1].en.title = " ".into();
        let problems = validate(&bad);
        for needle in [
            "Chinese items but",
            "bad schedule",
            "has no Chinese",
            "digits",
            "www.",
            "no en title",
        ] {
            assert!(
                problems.iter().any(|p| p.contains(needle)),
                "{needle}: {problems:#?}"
            );
        }
    }

    #[test]
    fn unknown_codes_do_not_parse() {
        let task = |extra: &str| {
            format!(
                "[[task]]\nkey = \"k\"\ncategory = \"check\"\nschedule = \"daily\"\n\
                 anchor = \"fixed\"\nclosed_rule = \"skip\"\n{extra}\n\
                 [task.zh]\ntitle = \"检查\"\ninstructions = \"\"\nitems = [\"一\"]\n\
                 [task.en]\ntitle = \"Check\"\ninstructions = \"\"\nitems = [\"one\"]\n\
                 [[module]]\nkey = \"m\"\nrefresher_months = 12\nonboarding = true\n\
                 [module.zh]\ntitle = \"培训\"\nitems = [\"一\"]\n\
                 [module.en]\ntitle = \"Training\"\nitems = [\"one\"]\n"
            )
        };
        let plan = parse(&task("device_kind = \"router\"")).unwrap();
        assert_eq!(plan.tasks[0].device_kind, Some(DeviceKind::Router));
        assert!(validate(&plan).is_empty(), "{:#?}", validate(&plan));
        assert_eq!(parse(&task("")).unwrap().tasks[0].device_kind, None);
        assert!(parse(&task("device_kind = \"toaster\"")).is_err());
        assert!(parse(&task("colour = \"red\"")).is_err());
        let weekly = task("").replace("\"daily\"", "{ weekly = { weekdays = [\"sun\"] } }");
        assert_eq!(
            parse(&weekly).unwrap().tasks[0].schedule,
            Schedule::Weekly {
                weekdays: Weekdays::of(&[Weekday::Sun])
            }
        );
    }
}
