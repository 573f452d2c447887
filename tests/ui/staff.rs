//! The Staff & training screen on the real app, through the one harness factory.

use crate::common;

use chrono::NaiveDate;
use common::{data_dir, open};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use poscare::i18n::Lang;
use poscare::planner::{Staff, TrainingModule, TrainingRecord};
use poscare::store::keys;
use poscare::ui::app::App;
use poscare::ui::testing::{harness_on, ime_type, type_into};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The day the tests treat as today.
fn today() -> NaiveDate {
    d(2026, 11, 25)
}

fn in_language(dir: &std::path::Path, lang: Lang) {
    open(dir).set_setting(keys::LANGUAGE, lang.code()).unwrap();
}

/// Opens the Staff screen from the navigation.
fn staff_screen(h: &mut Harness<'static, App>) {
    let label = if h.state().lang() == Lang::Zh {
        "员工培训"
    } else {
        "Staff"
    };
    h.get_by_label(label).click();
    h.run();
}

fn person(name: &str, started_on: Option<NaiveDate>) -> Staff {
    Staff {
        id: 0,
        name: name.into(),
        role: String::new(),
        phone: String::new(),
        started_on,
        active: true,
        added_on: None,
    }
}

fn module(title: &str, refresher_months: u32, onboarding: bool) -> TrainingModule {
    TrainingModule {
        id: 0,
        title: title.into(),
        items: vec!["开机签到".into()],
        refresher_months,
        onboarding,
    }
}

#[test]
fn add_a_person_and_a_module_record_a_training_and_find_it_after_a_restart() {
    let dir = data_dir();
    in_language(dir.path(), Lang::Zh);
    let mut h = harness_on(dir.path(), Some(today()));
    staff_screen(&mut h);
    h.get_by_label_contains("还没有登记员工");

    // A person, the name typed through the IME.
    h.get_by_label("＋ 添加员工").click();
    h.run();
    h.get_by_label("姓名（必填）").focus();
    h.run();
    ime_type(&mut h, "zhangsan", "张三");
    h.get_by_label("岗位").focus();
    h.run();
    ime_type(&mut h, "shouyinyuan", "收银员");
    // Most are added on their first day: the date is today's until changed.
    assert_eq!(
        h.get_by_label("入职日期")
            .accesskit_node()
            .value()
            .as_deref(),
        Some("2026-11-25")
    );
    type_into(&mut h, "入职日期", "2026-11-01");
    h.get_by_label("✓ 保存").click();
    h.run();
    let staff = h.state().plan().staff.clone();
    assert_eq!(staff.len(), 1, "{staff:?}");
    assert_eq!(
        (staff[0].name.as_str(), staff[0].role.as_str()),
        ("张三", "收银员")
    );
    assert_eq!(staff[0].started_on, Some(d(2026, 11, 1)));
    h.get_by_label("张三");
    h.get_by_label("● 在职");
    h.get_by_label_contains("入职日期：2026-11-01");

    // A module with a refresher every 12 months.
    h.get_by_label("培训内容（0）").click();
    h.run();
    h.get_by_label("＋ 添加培训内容").click();
    h.run();
    h.get_by_label("培训名称（必填）").focus();
    h.run();
    ime_type(&mut h, "zhongduancaozuo", "终端操作");
    h.get_by_label("培训要点（每行一项）").focus();
    h.run();
    ime_type(&mut h, "kaijiqiandao", "开机签到");
    h.key_press(egui::Key::Enter);
    h.run();
    ime_type(&mut h, "shuakashoukuan", "刷卡收款");
    h.get_by_label("24 个月").click();
    h.run();
    h.get_by_label("12 个月").click();
    h.run();
    h.get_by_label("✓ 保存").click();
    h.run();
    let modules = h.state().plan().modules.clone();
    assert_eq!(modules.len(), 1, "{modules:?}");
    assert_eq!(modules[0].title, "终端操作");
    assert_eq!(modules[0].items, ["开机签到", "刷卡收款"]);
    assert_eq!(modules[0].refresher_months, 12);
    assert!(modules[0].onboarding);
    h.get_by_label_contains("每 12 个月复训");

    // Not trained yet: the new hire needs the onboarding module.
    h.get_by_label("谁需要培训（1）").click();
    h.run();
    h.get_by_label("从未培训");
    // Entered today, three weeks after the first day: not late with what the app could not
    // know of; two weeks from today to record it.
    h.get_by_label("○ 还没培训：请尽早安排");
    assert!(h.query_by_label("⚠ 已逾期").is_none());
    h.get_by_label("新员工入职清单").click();
    h.run();
    h.get_by_label("已完成 0/1 项");
    h.get_by_label("○ 终端操作：还没培训");

    // Record a training from the person's card.
    h.get_by_label("员工（1）").click();
    h.run();
    h.get_by_label("记录培训").click();
    h.run();
    h.get_by_label("张三").click();
    // Choosing the topic moves nothing below it (a click meant for the trainer landed in the
    // gap a new line opened).
    let trainer_at = h.get_by_label("培训人").rect();
    h.get_by_label("终端操作").click();
    h.run();
    assert_eq!(h.get_by_label("培训人").rect(), trainer_at);
    h.get_by_label("培训日期")
        .set_text_value_accesskit("2026-11-20");
    h.run();
    h.get_by_label_contains("下次复训日期是 2027-11-20");
    h.get_by_label("培训人").focus();
    h.run();
    ime_type(&mut h, "lidian", "李店长");
    h.get_by_label("✓ 保存").click();
    h.run();
    let records = h.state().plan().records.clone();
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0].on, d(2026, 11, 20));
    assert_eq!(records[0].trainer, "李店长");
    h.get_by_label_contains("培训已记录");
    h.get_by_label("终端操作：2026-11-20 培训，下次复训 2027-11-20");
    h.get_by_label("谁需要培训（0）");
    h.get_by_label("新员工入职清单").click();
    h.run();
    h.get_by_label("已完成 1/1 项");
    h.get_by_label("✓ 终端操作：已完成（2026-11-20）");
    drop(h);

    // A new app on the same folder: the person and the record are there.
    let mut h = harness_on(dir.path(), Some(today()));
    staff_screen(&mut h);
    h.get_by_label("张三");
    h.get_by_label("终端操作：2026-11-20 培训，下次复训 2027-11-20");
    assert_eq!(h.state().plan().records.len(), 1);
}

/// A new hire added on their first day: the form opens with the cursor in the name and today
/// as the first day, and the five onboarding trainings of the starter plan come due two weeks
/// on, not overdue in red on day one.
#[test]
fn a_new_member_of_staff_is_not_behind_on_their_first_day() {
    use poscare::planner::OccurrenceStatus;
    // The clock's today: the day a person is entered is the clock's too.
    let today = || chrono::Local::now().date_naive();
    let dir = data_dir();
    in_language(dir.path(), Lang::Zh);
    let modules: Vec<_> = poscare::planner::starter::starter_plan()
        .modules
        .iter()
        .map(|m| (m.key.clone(), m.module(Lang::Zh)))
        .collect();
    let onboarding = modules.iter().filter(|(_, m)| m.onboarding).count();
    assert_eq!(onboarding, 5);
    open(dir.path()).apply_starter(&[], &modules, &[]).unwrap();
    let mut h = harness_on(dir.path(), Some(today()));
    staff_screen(&mut h);
    h.get_by_label("＋ 添加员工").click();
    h.run();
    // Typed straight away: the name field has the keyboard.
    ime_type(&mut h, "wangxiaoli", "王小丽");
    h.key_press(egui::Key::Enter);
    h.run();
    let staff = h.state().plan().staff.clone();
    assert_eq!(staff.len(), 1, "{staff:?}");
    assert_eq!(
        (staff[0].name.as_str(), staff[0].started_on),
        ("王小丽", Some(today()))
    );
    // On the first day her five onboarding modules are listed, due in two weeks, none late
    // ("nobody needs training" beside a new hire with nothing done was wrong).
    let due = h.state().plan().training_due.clone();
    assert_eq!(due.len(), onboarding);
    assert!(due.iter().all(|t| t.status == OccurrenceStatus::Upcoming));
    h.get_by_label("谁需要培训（5）");
    assert!(h.query_all_by_label_contains("⚠ 王小丽").next().is_none());
    // Each says it is still to be done, not a refresher "coming up".
    h.get_by_label("谁需要培训（5）").click();
    h.run();
    assert_eq!(
        h.query_all_by_label("○ 还没培训：请尽早安排").count(),
        onboarding
    );
    assert!(h.query_by_label("○ 即将到期").is_none());
    drop(h);

    // The second week: coming up, not late.
    let h = harness_on(dir.path(), Some(today() + chrono::Days::new(8)));
    let due = h.state().plan().training_due.clone();
    assert_eq!(due.len(), onboarding);
    assert!(due.iter().all(
        |t| t.status == OccurrenceStatus::Upcoming && t.due == today() + chrono::Days::new(14)
    ));
    assert!(h.query_all_by_label_contains("⚠ 王小丽").next().is_none());
    // Today says they are not done yet, by when: one line for her, her modules under it (a
    // café's three staff made fourteen lines every day).
    assert_eq!(
        h.query_all_by_label_contains("还没培训，").count(),
        1,
        "on Today"
    );
    h.get_by_label_contains(&format!("{onboarding} 项"));
    let first = h.state().plan().modules[0].title.clone();
    h.get_by_label_contains(&first);
    drop(h);
    // Past the two weeks and still not trained: overdue.
    let h = harness_on(dir.path(), Some(today() + chrono::Days::new(15)));
    let due = h.state().plan().training_due.clone();
    assert!(due.iter().all(|t| t.status == OccurrenceStatus::Overdue));
}

#[test]
fn a_training_older_than_its_interval_is_overdue() {
    let dir = data_dir();
    in_language(dir.path(), Lang::Zh);
    {
        let mut store = open(dir.path());
        let li = store
            .save_staff(None, &person("李四", Some(d(2024, 3, 1))))
            .unwrap();
        let wang = store
            .save_staff(None, &person("王五", Some(d(2026, 1, 5))))
            .unwrap();
        let fraud = store
            .add_training_module(&module("防欺诈", 12, false), None)
            .unwrap();
        for (staff_id, on) in [(li, d(2025, 10, 1)), (wang, d(2026, 1, 10))] {
            store
                .add_training_record(&TrainingRecord {
                    id: 0,
                    staff_id,
                    module_id: fraud,
                    on,
                    trainer: String::new(),
                    note: String::new(),
                })
                .unwrap();
        }
    }
    let mut h = harness_on(dir.path(), Some(today()));
    staff_screen(&mut h);
    // Only 李四's refresher is due (王五's falls in January).
    h.get_by_label("防欺诈：2025-10-01 培训，下次复训 2026-10-01");
    h.get_by_label("防欺诈：2026-01-10 培训，下次复训 2027-01-10");
    h.get_by_label("⚠ 已逾期");
    h.get_by_label("谁需要培训（1）").click();
    h.run();
    let due = h.state().plan().training_due.clone();
    assert_eq!(due.len(), 1, "{due:?}");
    h.get_by_label("李四");
    assert!(h.query_by_label("王五").is_none());
    h.get_by_label("2025-10-01");
    h.get_by_label("2026-10-01");
    h.get_by_label("⚠ 已逾期");

    // Recording the refresher from the row clears it.
    h.get_by_label("记录培训").click();
    h.run();
    h.get_by_label("✓ 保存").click();
    h.run();
    assert_eq!(h.state().plan().records.len(), 3);
    h.get_by_label("谁需要培训（0）");
    h.get_by_label("目前没有人需要培训或复训。");
}

#[test]
fn an_empty_name_gets_a_clear_message_and_nothing_is_saved() {
    let dir = data_dir();
    in_language(dir.path(), Lang::En);
    let mut h = harness_on(dir.path(), Some(today()));
    staff_screen(&mut h);
    h.get_by_label("＋ Add a person").click();
    h.run();
    h.get_by_label("✓ Save").click();
    h.run();
    h.get_by_label_contains("Please fill in “Name”");
    assert!(h.state().plan().staff.is_empty());
    // Cancel leaves nothing behind either.
    h.get_by_label("Cancel").click();
    h.run();
    h.get_by_label_contains("No staff yet");
    assert!(h.state().plan().staff.is_empty());
}

#[test]
fn a_bad_date_gets_a_clear_message_and_nothing_is_saved() {
    let dir = data_dir();
    in_language(dir.path(), Lang::En);
    let mut h = harness_on(dir.path(), Some(today()));
    staff_screen(&mut h);
    h.get_by_label("＋ Add a person").click();
    h.run();
    h.get_by_label("Name (required)").focus();
    h.run();
    h.get_by_label("Name (required)").type_text("Ana");
    type_into(&mut h, "Started on", "2026-02-30");
    h.get_by_label("✓ Save").click();
    h.run();
    h.get_by_label_contains("“Started on” is not a real date: “2026-02-30”");
    assert!(h.state().plan().staff.is_empty());
}

#[test]
fn a_training_date_must_be_real_and_not_in_the_future() {
    let dir = data_dir();
    in_language(dir.path(), Lang::Zh);
    {
        let mut store = open(dir.path());
        store.save_staff(None, &person("张三", None)).unwrap();
        store
            .add_training_module(&module("终端操作", 12, true), None)
            .unwrap();
    }
    let mut h = harness_on(dir.path(), Some(today()));
    staff_screen(&mut h);
    h.get_by_label("＋ 记录培训").click();
    h.run();
    h.get_by_label("培训日期")
        .set_text_value_accesskit("2026-11-31");
    h.run();
    h.get_by_label("✓ 保存").click();
    h.run();
    h.get_by_label_contains("“培训日期”不是有效日期");
    h.get_by_label("培训日期")
        .set_text_value_accesskit("2026-12-01");
    h.run();
    h.get_by_label("✓ 保存").click();
    h.run();
    h.get_by_label_contains("培训日期不能晚于今天（2026-11-25）");
    assert!(h.state().plan().records.is_empty());
}

#[test]
fn marking_someone_as_former_staff_keeps_them_listed() {
    let dir = data_dir();
    in_language(dir.path(), Lang::Zh);
    open(dir.path())
        .save_staff(None, &person("张三", None))
        .unwrap();
    let mut h = harness_on(dir.path(), Some(today()));
    staff_screen(&mut h);
    h.get_by_label("编辑").click();
    h.run();
    h.get_by_label("已离职（不会删除，培训记录都保留）").click();
    h.run();
    h.get_by_label("✓ 保存").click();
    h.run();
    let staff = h.state().plan().staff.clone();
    assert_eq!(staff.len(), 1);
    assert!(!staff[0].active);
    h.get_by_label("张三");
    h.get_by_label("○ 已离职");
    assert!(
        h.query_by_label("记录培训").is_none(),
        "former staff are not trained"
    );
}

/// The only person at work is on shift without being asked; a second one joining leaves that
/// person on shift today (a shop owner saw records lose their name the moment a second cashier
/// was added).
#[test]
fn the_one_on_shift_stays_on_shift_when_a_second_person_joins() {
    let dir = data_dir();
    in_language(dir.path(), Lang::Zh);
    let zhang = open(dir.path())
        .save_staff(None, &person("张三", Some(d(2026, 1, 5))))
        .unwrap();
    let mut h = harness_on(dir.path(), Some(today()));
    assert_eq!(h.state().plan().current_staff, Some(zhang));
    staff_screen(&mut h);
    h.get_by_label("＋ 添加员工").click();
    h.run();
    ime_type(&mut h, "lisi", "李四");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().plan().staff.len(), 2);
    assert_eq!(h.state().plan().current_staff, Some(zhang));
    drop(h);
    // Tomorrow, with two at work, who is on shift is asked.
    let h = harness_on(dir.path(), Some(today() + chrono::Days::new(1)));
    assert_eq!(h.state().plan().current_staff, None);
}

/// A name another member of staff has is pointed out while it is typed, and not refused (a
/// fault tester saved a second "A" without a word; on shift, the two could not be told apart).
#[test]
fn a_name_another_member_of_staff_has_is_pointed_out() {
    let dir = data_dir();
    in_language(dir.path(), Lang::Zh);
    open(dir.path())
        .save_staff(None, &person("张三", Some(d(2026, 1, 5))))
        .unwrap();
    let mut h = harness_on(dir.path(), Some(today()));
    staff_screen(&mut h);
    h.get_by_label("＋ 添加员工").click();
    h.run();
    ime_type(&mut h, "lisi", "李四");
    assert!(h.query_by_label_contains("已经有一位员工叫").is_none());
    type_into(&mut h, "姓名（必填）", " 张三");
    h.get_by_label_contains("已经有一位员工叫“张三”");
    // Half typed, a new member of staff is not saved yet: closing the window asks first (a
    // walk's typing was lost without a word).
    poscare::ui::testing::close_is_held_for(&mut h, poscare::ui::command::Screen::Staff);
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().plan().staff.len(), 2);
}

/// At 200 % on a 1024×700 till, the training form opens at its top: who was trained, which
/// module, and its buttons in view (its date field took the keyboard and scrolled them away).
#[test]
fn at_200_percent_the_training_form_opens_at_who_was_trained() {
    let dir = crate::layout::realistic_shop(Lang::Zh, 200);
    let show = std::sync::Arc::new(poscare::ui::instance::ShowRequests::default());
    let size = egui::vec2(1024.0, 700.0) / 2.0;
    let mut h = poscare::ui::testing::harness_sized(dir.path(), Some(today()), show, size);
    staff_screen(&mut h);
    h.get_by_label("＋ 记录培训").click();
    for _ in 0..4 {
        h.run();
    }
    let window = h.ctx.content_rect();
    let who = h.get_by_label("谁参加了培训").rect();
    assert!(window.contains_rect(who), "{who:?} not in {window:?}");
}

/// A person entered ahead of a first day is shown as starting then, not as at work (a fault
/// tester's "Current" badge beside a first day two weeks ahead), and is not on shift.
#[test]
fn a_person_who_starts_later_is_shown_starting_then() {
    let dir = data_dir();
    in_language(dir.path(), Lang::En);
    {
        let mut store = open(dir.path());
        store
            .save_staff(None, &person("Ann", Some(d(2026, 1, 5))))
            .unwrap();
        store
            .save_staff(None, &person("Bob", Some(d(2026, 12, 20))))
            .unwrap();
    }
    let mut h = harness_on(dir.path(), Some(today()));
    staff_screen(&mut h);
    h.get_by_label("● Starts 2026-12-20");
    assert_eq!(h.query_all_by_label("● Current").count(), 1);
    assert!(
        h.state().plan().current_staff.is_some(),
        "Ann, the only one at work"
    );
}
