//! Planner flows on the real app: the starter plan, ticking the opening check with a problem,
//! a monthly last-day task and its next dates, and everything still there after a restart.

use crate::common;
use common::open;

use chrono::NaiveDate;
use egui_kittest::kittest::Queryable as _;
use poscare::i18n::Lang;
use poscare::planner::Outcome;
use poscare::planner::starter::starter_plan;
use poscare::ui::testing::{click, harness_on, harness_sized, ime_type, type_into};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn setup(lang: Lang) -> tempfile::TempDir {
    common::shop_with_one_terminal(lang)
}

#[test]
fn accept_the_starter_plan_and_tick_the_opening_check_with_a_problem() {
    let dir = setup(Lang::Zh);
    backed_up(dir.path());
    let mut h = harness_on(dir.path(), Some(today()));
    // The app opens on Today and offers the starter plan.
    h.get_by_label_contains("先用一份入门计划");
    h.get_by_label("✓ 全部采用").click();
    h.run();
    let plan = starter_plan();
    assert_eq!(h.state().plan().tasks.len(), plan.tasks.len());
    assert_eq!(h.state().plan().modules.len(), plan.modules.len());
    assert!(
        h.query_by_label_contains("先用一份入门计划").is_none(),
        "offered once"
    );
    // The emergency plans come with it: the day-one drill points at them.
    click(&mut h, "应急预案");
    h.get_by_label("刷卡不能用");
    assert!(h.query_by_label_contains("还没有应急预案").is_none());
    // The quarterly drill is not due on the first day.
    assert!(
        h.state()
            .plan()
            .agenda
            .due_today
            .iter()
            .all(|a| a.task.fields.category != poscare::planner::TaskCategory::Drill)
    );
    click(&mut h, "今日");

    let opening = plan
        .tasks
        .iter()
        .find(|t| t.key == "opening-check")
        .unwrap();
    let items = &opening.zh.items;
    let title = &opening.zh.title;
    // An item not yet checked is not shown as done.
    let selected = |h: &egui_kittest::Harness<'static, poscare::ui::app::App>, item: &str| {
        use egui_kittest::kittest::NodeT as _;
        h.get_by_label(item).accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
    };
    assert!(!selected(&h, &items[0]));
    assert!(
        h.query_by_label_contains(&format!("✓ {}", items[0]))
            .is_none()
    );
    // Finishing without checking every item is refused with a clear message.
    click(&mut h, &format!("✓ 完成：{title}"));
    h.get_by_label_contains(&format!("还有 {} 项没有检查", items.len()));
    // One item has a problem, the rest are fine.
    click(&mut h, &format!("有问题：{}", items[1]));
    click(&mut h, &format!("其余全部正常（{title}）"));
    assert!(selected(&h, &items[0]));
    h.get_by_label(&format!("备注（{title}）")).scroll_to_me();
    h.run();
    h.get_by_label(&format!("备注（{title}）")).focus();
    h.run();
    ime_type(&mut h, "weiqiandao", "早上没签到，重新签到后正常");
    click(&mut h, &format!("✓ 完成：{title}"));
    h.get_by_label_contains("开了一条故障记录");
    let done = h.state().plan().done_today.clone();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].outcome, Outcome::Problem);
    assert!(done[0].items[1].problem && done[0].items[0].ok);
    let incident = h
        .state()
        .incidents()
        .first()
        .expect("a problem opens an incident")
        .clone();
    // Titled with what the person wrote: the problem in their words.
    assert_eq!(
        incident.prompt,
        format!("{title}发现问题：早上没签到，重新签到后正常")
    );
    assert!(incident.device_id.is_some(), "linked to the terminal");
    // It has left the due list and shows under "finished today".
    assert!(h.query_by_label(&format!("✓ 完成：{title}")).is_none());
    h.get_by_label_contains("今天已完成 (1)");
    drop(h);

    let h = harness_on(dir.path(), Some(today()));
    assert_eq!(h.state().plan().done_today.len(), 1, "kept after a restart");
    assert_eq!(h.state().plan().tasks.len(), plan.tasks.len());
}

#[test]
fn starter_content_follows_the_language_and_the_merchants_own_words_stay() {
    let dir = setup(Lang::Zh);
    let mut h = harness_on(dir.path(), Some(today()));
    h.get_by_label("✓ 全部采用").click();
    h.run();
    let plan = starter_plan();
    let task = |key: &str| plan.tasks.iter().find(|t| t.key == key).unwrap();
    let (opening, cleaning) = (task("opening-check"), task("weekly-cleaning"));
    // The merchant rewords one starter task: from then on it is theirs.
    click(&mut h, "维护计划");
    click(&mut h, &cleaning.zh.title);
    click(&mut h, "编辑");
    h.get_by_label("任务名称").focus();
    h.run();
    h.get_by_label("任务名称").type_text("（每周五）");
    h.run();
    click(&mut h, "✓ 保存");
    let own = format!("{}（每周五）", cleaning.zh.title);
    assert!(h.query_all_by_label(&own).next().is_some());

    // In English, everything the starter plan brought reads in English, the merchant's own
    // title as typed.
    click(&mut h, "设置");
    click(&mut h, "English");
    click(&mut h, "Plan");
    assert!(h.query_all_by_label(&opening.en.title).next().is_some());
    assert!(h.query_all_by_label(&own).next().is_some());
    assert!(h.query_by_label(&opening.zh.title).is_none());
    click(&mut h, "Today");
    assert!(
        h.query_all_by_label_contains(&opening.en.items[0])
            .next()
            .is_some()
    );
    click(&mut h, "Emergency");
    h.get_by_label("Card payments down");
    click(&mut h, "Staff");
    click(
        &mut h,
        &format!("Training modules ({})", plan.modules.len()),
    );
    assert!(
        h.query_all_by_label_contains(&plan.modules[0].en.title)
            .next()
            .is_some()
    );
    drop(h);

    // Back in Chinese after a restart: the same, the other way round.
    let mut h = harness_on(dir.path(), Some(today()));
    click(&mut h, "Settings");
    click(&mut h, "中文");
    click(&mut h, "维护计划");
    assert!(h.query_all_by_label(&opening.zh.title).next().is_some());
    assert!(h.query_all_by_label(&own).next().is_some());
}

/// On a 1024-pixel till at 200 %, the task list's facts wrap between phrases: "下次：…" and
/// every other phrase stays on one line, never "下/次" or "营/业日".
#[test]
fn the_planner_wraps_chinese_between_phrases_not_inside_words() {
    let dir = setup(Lang::Zh);
    open(dir.path())
        .set_setting(poscare::store::keys::ZOOM, "200")
        .unwrap();
    let show = std::sync::Arc::new(poscare::ui::instance::ShowRequests::default());
    // The harness's size is in points: 1024×768 pixels at 200 %.
    let mut h = harness_sized(dir.path(), Some(today()), show, egui::vec2(512.0, 384.0));
    click(&mut h, "✓ 全部采用");
    click(&mut h, "维护计划");
    let line = h.get_by_label("每天，").rect().height();
    let phrases: Vec<(String, f32)> = h
        .query_all_by_label_contains("下次：")
        .map(|n| {
            use egui_kittest::kittest::NodeT as _;
            let node = n.accesskit_node();
            let text = node.label().or_else(|| node.value()).unwrap_or_default();
            (text, n.rect().height())
        })
        .collect();
    assert!(phrases.len() >= 3, "{phrases:?}");
    for (phrase, height) in &phrases {
        assert!(phrase.starts_with(" · 下次："), "one phrase: {phrase:?}");
        assert!((height - line).abs() < 1.0, "{phrase:?} is on one line");
    }
    for long in h.query_all_by_label("遇到休息日顺延到下一个营业日") {
        let height = long.rect().height();
        assert!(
            (height - line).abs() < 1.0,
            "a phrase that fits stays whole"
        );
    }
}

/// A shop whose last backup to a USB stick was made the day before [`today`].
fn backed_up(dir: &std::path::Path) {
    open(dir)
        .set_setting(
            poscare::store::keys::LAST_EXTERNAL_BACKUP,
            "2026-11-24T18:00:00",
        )
        .unwrap();
}

#[test]
fn all_the_rest_ok_leaves_the_backup_item_unticked_while_a_backup_is_due() {
    let dir = setup(Lang::Zh);
    let mut h = harness_on(dir.path(), Some(today()));
    h.get_by_label("✓ 全部采用").click();
    h.run();
    let opening = starter_plan().task("opening-check").unwrap();
    let (title, items) = (&opening.zh.title, &opening.zh.items);
    let backup_item = items.iter().find(|i| i.contains("备份")).unwrap();
    // The item says what the app knows (as the line at the top does), with the way to Backups.
    assert_eq!(
        h.query_all_by_label_contains("还没有备份到 U 盘").count(),
        2
    );
    assert_eq!(h.query_all_by_label("去备份").count(), 2);
    click(&mut h, &format!("其余全部正常（{title}）"));
    let held = format!("“{backup_item}”没有勾上");
    h.get_by_label_contains(&held);
    let marks = |h: &egui_kittest::Harness<'static, poscare::ui::app::App>| {
        items
            .iter()
            .map(|i| {
                use egui_kittest::kittest::NodeT as _;
                h.get_by_label(i).accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
            })
            .collect::<Vec<_>>()
    };
    let ticked = marks(&h);
    for (item, on) in items.iter().zip(&ticked) {
        assert_eq!(*on, item != backup_item, "{item}");
    }
    // "Done" is refused with it unticked; ticked by hand (a backup kept elsewhere), it is done.
    let done = format!("✓ 完成：{title}");
    click(&mut h, &done);
    h.get_by_label_contains("还有 1 项没有检查");
    assert!(h.state().plan().done_today.is_empty());
    click(&mut h, backup_item);
    click(&mut h, &done);
    assert_eq!(h.state().plan().done_today.len(), 1);
}

/// Once the backup is made, the line saying the backup item was left unticked goes (it stayed
/// beside the green "backed up today"), and "All the rest OK" ticks it.
#[test]
fn the_backup_items_message_goes_once_the_backup_is_made() {
    let dir = setup(Lang::Zh);
    let usb = tempfile::tempdir().unwrap();
    let mut h = harness_on(dir.path(), Some(today()));
    h.get_by_label("✓ 全部采用").click();
    h.run();
    let opening = starter_plan().task("opening-check").unwrap();
    let title = &opening.zh.title;
    let all_ok = format!("其余全部正常（{title}）");
    click(&mut h, &all_ok);
    h.get_by_label_contains("没有勾上");
    click(&mut h, "备份");
    poscare::ui::testing::type_into(&mut h, "备份到的文件夹", &usb.path().display().to_string());
    click(&mut h, "开始备份");
    poscare::ui::testing::settle(&mut h);
    click(&mut h, "今日");
    assert!(h.query_by_label_contains("没有勾上").is_none());
    click(&mut h, &all_ok);
    click(&mut h, &format!("✓ 完成：{title}"));
    // The opening check is done (and the weekly backup too, when it falls due within the next
    // two days: the backup just made counts for it).
    let plan = h.state().plan();
    assert!(
        plan.done_today
            .iter()
            .any(|c| c.task_id == opening_id(plan)),
        "{:?}",
        plan.done_today
    );
}

fn opening_id(plan: &poscare::planner::PlanSnapshot) -> i64 {
    let title = &starter_plan().task("opening-check").unwrap().zh.title;
    plan.tasks
        .iter()
        .find(|t| &t.fields.title == title)
        .expect("the opening check")
        .id
}

#[test]
fn all_the_rest_ok_ticks_the_backup_item_when_the_backup_is_recent() {
    let dir = setup(Lang::En);
    backed_up(dir.path());
    let mut h = harness_on(dir.path(), Some(today()));
    h.get_by_label("✓ Use all of it").click();
    h.run();
    let opening = starter_plan().task("opening-check").unwrap();
    let title = &opening.en.title;
    click(&mut h, &format!("All the rest OK ({title})"));
    assert!(h.query_by_label_contains("is left unticked").is_none());
    click(&mut h, &format!("✓ Done: {title}"));
    assert_eq!(h.state().plan().done_today.len(), 1);
}

#[test]
fn a_double_click_on_done_records_once() {
    let dir = setup(Lang::En);
    backed_up(dir.path());
    let mut h = harness_on(dir.path(), Some(today()));
    h.get_by_label("✓ Use all of it").click();
    h.run();
    let opening = starter_plan()
        .tasks
        .iter()
        .find(|t| t.key == "opening-check")
        .unwrap();
    let title = &opening.en.title;
    click(&mut h, &format!("All the rest OK ({title})"));
    let label = format!("✓ Done: {title}");
    h.get_by_label(&label).scroll_to_me();
    h.run();
    let done = h.get_by_label(&label);
    done.click();
    done.click();
    h.run();
    h.run();
    assert_eq!(h.state().plan().done_today.len(), 1);
    let store_count = h
        .state()
        .plan()
        .latest
        .values()
        .filter(|c| c.outcome == Outcome::Ok)
        .count();
    assert_eq!(store_count, 1);
}

#[test]
fn a_monthly_last_day_task_previews_its_next_five_dates_and_is_kept() {
    let dir = setup(Lang::Zh);
    let mut h = harness_on(dir.path(), Some(today()));
    h.get_by_label("先不用").click();
    h.run();
    h.get_by_label("维护计划").click();
    h.run();
    h.get_by_label("＋ 新建任务").click();
    h.run();
    h.get_by_label("任务名称").focus();
    h.run();
    ime_type(&mut h, "yuedi", "月底对账检查");
    h.get_by_label("每月最后一天").click();
    h.run();
    // The dates wrap between dates, each one whole.
    h.get_by_label("接下来的日期：2026-11-30 周一、");
    for date in [
        "2026-12-31 周四、",
        "2027-01-31 周日、",
        "2027-02-28 周日、",
    ] {
        h.get_by_label(date);
    }
    h.get_by_label("2027-03-31 周三");
    h.get_by_label("✓ 保存").click();
    h.run();
    h.get_by_label_contains("任务已保存");
    let task = h
        .state()
        .plan()
        .tasks
        .iter()
        .find(|t| t.fields.title == "月底对账检查")
        .expect("saved")
        .clone();
    drop(h);

    let mut h = harness_on(dir.path(), Some(today()));
    h.get_by_label("维护计划").click();
    h.run();
    h.get_by_label("月底对账检查").click();
    h.run();
    assert!(h.query_all_by_label_contains("每月最后一天，").count() >= 1);
    assert_eq!(
        h.state().plan().task(task.id).unwrap().fields.schedule,
        task.fields.schedule
    );
    // Today lists it under the next seven days.
    h.get_by_label("今日").click();
    h.run();
    h.get_by_label_contains("2026-11-30 周一 — 月底对账检查");
}

#[test]
fn english_dates_are_listed_with_english_commas() {
    let dir = setup(Lang::En);
    let mut h = harness_on(dir.path(), Some(today()));
    click(&mut h, "Start empty");
    click(&mut h, "Plan");
    click(&mut h, "＋ New task");
    click(&mut h, "On the last day of the month");
    let preview = h.get_by_label_contains("Next dates: ");
    let text = {
        use egui_kittest::kittest::NodeT as _;
        let node = preview.accesskit_node();
        node.label().or_else(|| node.value()).unwrap_or_default()
    };
    assert!(
        text.starts_with("Next dates: 2026-11-30 Monday, 2026-12-31 Thursday, "),
        "{text}"
    );
    assert!(!text.contains('，') && !text.contains('、'), "{text}");
}

#[test]
fn an_empty_task_title_gets_a_clear_message() {
    let dir = setup(Lang::En);
    let mut h = harness_on(dir.path(), Some(today()));
    h.get_by_label("Plan").click();
    h.run();
    h.get_by_label("＋ New task").click();
    h.run();
    h.get_by_label("✓ Save").click();
    h.run();
    h.get_by_label_contains("Please fill in “Task”");
    assert!(h.state().plan().tasks.is_empty());
}

/// The task form can be saved from its foot too, where the device and the person are chosen
/// (on a 700-pixel till the only Save had scrolled away); a problem is said there as well.
#[test]
fn a_task_is_saved_from_the_foot_of_its_form() {
    let dir = setup(Lang::En);
    let mut h = harness_on(dir.path(), Some(today()));
    click(&mut h, "Start empty");
    click(&mut h, "Plan");
    click(&mut h, "＋ New task");
    click(&mut h, "✓ Save this task");
    h.get_by_label_contains("Please fill in “Task”");
    h.get_by_label_contains("Not saved yet: 1 problem is marked on the form.");
    assert!(h.state().plan().tasks.is_empty());
    type_into(&mut h, "Task", "Wipe the card slot");
    click(&mut h, "✓ Save this task");
    h.get_by_label_contains("Task saved");
    assert_eq!(h.state().plan().tasks.len(), 1);
}

/// A task done (or skipped) today lists its dates from its next one, and says its schedule
/// once: the detail listed today's date under "next: three months on", and the schedule twice.
#[test]
fn a_task_done_today_lists_its_dates_from_the_next_one() {
    use poscare::planner::{
        NewCompletion, Schedule, TaskCategory, TaskFields, TaskSchedule, describe,
    };
    let dir = setup(Lang::Zh);
    let fields = TaskFields {
        title: "清洁打印头".into(),
        category: TaskCategory::Check,
        instructions: String::new(),
        items: Vec::new(),
        device_id: None,
        staff_id: None,
        schedule: TaskSchedule::new(Schedule::EveryMonths(3), today()),
    };
    let mut store = open(dir.path());
    let id = store.add_task(&fields, None).unwrap();
    let mut skipped = NewCompletion::all_ok(
        &poscare::planner::Task {
            id,
            fields: fields.clone(),
            paused: false,
            archived: false,
        },
        today(),
        today().and_hms_opt(10, 0, 0).unwrap(),
        None,
        "明天再做".into(),
    );
    skipped.outcome = Outcome::Skipped;
    store.complete(&skipped, None).unwrap();
    store
        .set_setting(poscare::store::keys::STARTER_OFFERED, "declined")
        .unwrap();
    drop(store);
    let mut h = harness_on(dir.path(), Some(today()));
    click(&mut h, "维护计划");
    click(&mut h, "清洁打印头");
    h.get_by_label_contains("接下来的日期：2027-02-25");
    assert!(
        h.query_by_label_contains("接下来的日期：2026-11-25")
            .is_none()
    );
    // (Shown a phrase at a time: its first phrase, once in the list and once in the detail.)
    let said = describe(&fields.schedule, Lang::Zh);
    let first = said.split_inclusive('，').next().unwrap();
    assert_eq!(h.query_all_by_label_contains(first).count(), 2, "{first}");
}

/// A paste too long for the name of a closing (a holiday) is said, as in every other field,
/// not dropped without a word.
#[test]
fn a_paste_too_long_for_a_holidays_name_is_said() {
    let dir = setup(Lang::Zh);
    let mut h = harness_on(dir.path(), Some(today()));
    click(&mut h, "维护计划");
    poscare::ui::testing::focus(&mut h, "名称（如春节）");
    h.event(egui::Event::Paste("春".repeat(100_000)));
    h.run();
    h.get_by_label_contains("没有放进“名称（如春节）”");
}
