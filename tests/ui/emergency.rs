//! Emergency flows on the real app: the starter plans, running "card payments down" against a
//! terminal with the customer notice up, ending the outage and finding it after a restart;
//! contacts with a bad phone; printing a plan for the wall; a drill completing the planner's.

use crate::common;

use common::open;
use egui_kittest::kittest::Queryable as _;
use poscare::emergency::starter::starter_plans;
use poscare::emergency::{ContactFields, ContactRole, PlanFields};
use poscare::i18n::Lang;
use poscare::planner::starter::starter_plan;
use poscare::ui::testing::{click, focus, harness, harness_on, ime_type, type_into};

fn setup(lang: Lang) -> tempfile::TempDir {
    common::shop_with_one_terminal(lang)
}

fn add_starter_plans(dir: &std::path::Path) {
    let plans: Vec<(String, PlanFields)> = starter_plans()
        .iter()
        .map(|p| (p.key.clone(), p.fields(Lang::Zh).validate().unwrap()))
        .collect();
    open(dir).apply_emergency_starter(&plans).unwrap();
}

#[test]
fn run_card_payments_down_with_the_notice_up_and_find_the_outage_after_a_restart() {
    let dir = setup(Lang::Zh);
    let mut h = harness(dir.path());
    click(&mut h, "应急预案");
    h.get_by_label_contains("还没有应急预案");
    click(&mut h, "＋ 添加六份常用预案");
    h.get_by_label_contains("已添加 6 份应急预案");

    // One glance, one click: the plan, then "run this plan now".
    click(&mut h, "刷卡不能用");
    click(&mut h, "立即执行这份预案");
    h.get_by_label("正在处理：刷卡不能用");
    // Nothing to pick lies under the button just clicked: a double click puts no notice up.
    assert!(
        h.query_by_label("全屏显示：刷卡暂停，请使用扫码或现金支付")
            .is_none()
    );
    // The shop's only terminal is preselected for this plan; choosing it again changes nothing.
    h.get_by_label("设备：收银台1号终端");
    // With no contacts entered, the registry's acquirer and IDs are there to call with.
    assert!(h.query_by_label("还没有联系人。").is_none());
    h.get_by_label_contains(
        "收单机构 / 支付公司：银联商务 · 终端号：12345678 · 商户号：898000000000001",
    );
    click(&mut h, "设备：收银台1号终端");
    let steps = &starter_plans()[0].zh.steps;
    click(&mut h, &format!("步骤：{}", steps[1]));
    click(&mut h, &format!("步骤：{}", steps[4]));
    h.get_by_label_contains(&format!("已完成 2/{} 步", steps.len()));

    // The customer notice, full screen at once, in both languages; Esc takes it down.
    click(&mut h, "显示顾客告示");
    h.get_by_label("刷卡暂停，请使用扫码或现金支付");
    h.get_by_label("Card payments are down — please pay by QR code or cash");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.query_by_label("Card payments are down — please pay by QR code or cash")
            .is_none(),
        "Esc closes the notice"
    );
    h.get_by_label("正在处理：刷卡不能用");

    // End it with what fixed it: typed and not recorded yet, closing the window asks first.
    focus(&mut h, "怎么解决的");
    ime_type(&mut h, "chongxinqiandao", "重新签到后恢复");
    poscare::ui::testing::close_is_held_for(&mut h, poscare::ui::command::Screen::Emergency);
    click(&mut h, "✓ 结束并记录");
    // Steps are left: it asks before it records; "keep going" keeps the outage open.
    let left = steps.len() - 2;
    h.get_by_label_contains(&format!("还有 {left} 步没有打勾（共 {} 步）", steps.len()));
    click(&mut h, "继续处理");
    h.get_by_label("正在处理：刷卡不能用");
    click(&mut h, "✓ 结束并记录");
    click(&mut h, "仍然结束并记录");
    h.get_by_label_contains("已记录：刷卡不能用");
    assert!(h.query_by_label("正在处理：刷卡不能用").is_none());
    drop(h);

    // A new app on the same folder: the outage is in the recent list, with its terminal.
    let mut h = harness(dir.path());
    click(&mut h, "应急预案");
    h.get_by_label("怎么解决的：重新签到后恢复");
    h.get_by_label("刷卡不能用 · 收银台1号终端");
    assert!(h.query_by_label_contains("有一次处理还没结束").is_none());
    drop(h);
    let store = open(dir.path());
    let outage = store.recent_outages(5).unwrap().remove(0);
    assert!(outage.ended_at.is_some());
    assert!(outage.device_id.is_some());
    assert!(outage.done_at(&steps[1]).is_some());
    assert!(outage.done_at(&steps[4]).is_some());
    assert_eq!(outage.ticks.len(), 2);
}

/// Run against a terminal with nothing registered, the page says so before listing the other
/// terminal's acquirer and IDs, which are not this one's (a cashier could read them out).
#[test]
fn a_run_against_a_terminal_without_details_says_the_ids_listed_are_others() {
    let dir = setup(Lang::Zh);
    let mut bare = common::terminal("前台旧机");
    bare.acquirer.clear();
    bare.hotline.clear();
    bare.terminal_id.clear();
    bare.merchant_id.clear();
    open(dir.path()).add_device(&bare).unwrap();
    add_starter_plans(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "应急预案");
    click(&mut h, "刷卡不能用");
    click(&mut h, "立即执行这份预案");
    let warning = "前台旧机：设备里没有登记收单机构、热线或终端号。";
    assert!(h.query_by_label_contains(warning).is_none());
    click(&mut h, "设备：前台旧机");
    h.get_by_label_contains(warning);
    // The other terminal's details are still there, below it.
    h.get_by_label_contains("终端号：12345678");
    click(&mut h, "设备：收银台1号终端");
    assert!(h.query_by_label_contains(warning).is_none());
}

/// On a 1024×700 till at 200 %, the Emergency screen opened again starts at its top, its
/// first plan's big button in view, however far it was scrolled before.
#[test]
fn at_200_percent_the_emergency_screen_opens_at_its_top() {
    let dir = setup(Lang::Zh);
    add_starter_plans(dir.path());
    open(dir.path())
        .set_setting(poscare::store::keys::ZOOM, "200")
        .unwrap();
    let show = std::sync::Arc::new(poscare::ui::instance::ShowRequests::default());
    let size = egui::vec2(1024.0, 700.0) / 2.0;
    let mut h = poscare::ui::testing::harness_sized(dir.path(), None, show, size);
    click(&mut h, "应急预案");
    let first = starter_plans()[0].zh.title.clone();
    let last = starter_plans().last().unwrap().zh.title.clone();
    h.get_by_label(&last).scroll_to_me();
    h.run();
    let scrolled = h.get_by_label(&first).rect().top();
    click(&mut h, "今日");
    click(&mut h, "应急预案");
    let top = h.get_by_label(&first).rect().top();
    assert!(
        top > scrolled,
        "scrolled back to the top: {top} vs {scrolled}"
    );
    let bottom = h.get_by_label(&first).rect().bottom();
    assert!(top >= 0.0 && bottom < size.y, "in view: {top}..{bottom}");
}

#[test]
fn an_outage_left_running_is_offered_again_after_a_restart() {
    let dir = setup(Lang::En);
    // Taken in Chinese: an English shop sees them in English.
    add_starter_plans(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Emergency");
    click(&mut h, "Card payments down");
    click(&mut h, "Run this plan now");
    h.get_by_label("Handling: Card payments down");
    drop(h);
    let running = open(dir.path()).running_outage().unwrap().expect("running");
    assert!(
        running.device_id.is_some(),
        "the only terminal is preselected"
    );

    let mut h = harness(dir.path());
    click(&mut h, "Emergency");
    h.get_by_label_contains("An outage is still open: Card payments down");
    click(&mut h, "Continue");
    h.get_by_label("Handling: Card payments down");
}

#[test]
fn a_contact_note_too_long_is_said_under_the_note() {
    let dir = setup(Lang::Zh);
    let mut h = harness(dir.path());
    click(&mut h, "应急预案");
    click(&mut h, "先不用，自己写");
    click(&mut h, "＋ 添加联系人");
    focus(&mut h, "联系人备注");
    h.event(egui::Event::Paste("没人接就打王师傅".repeat(40)));
    h.run();
    let said = h.get_by_label_contains("没有放进“联系人备注”").rect();
    let note = h.get_by_label("联系人备注").rect();
    assert!(
        said.top() >= note.bottom() - 1.0 && said.top() - note.bottom() < 60.0,
        "said at {said:?}, the note at {note:?}"
    );
}

#[test]
fn a_contact_with_a_bad_phone_is_refused_with_a_message() {
    let dir = setup(Lang::Zh);
    let mut h = harness(dir.path());
    click(&mut h, "应急预案");
    click(&mut h, "先不用，自己写");
    click(&mut h, "＋ 添加联系人");
    focus(&mut h, "联系人名称");
    ime_type(&mut h, "shoudan", "收单机构客服");
    focus(&mut h, "联系电话");
    h.get_by_label("联系电话").type_text("call me");
    h.run();
    click(&mut h, "✓ 保存");
    h.get_by_label_contains("电话只能填数字、空格和 + - ( )");
    // No contact of its own yet, but the terminal's acquirer and IDs from the device list are
    // there to call with (a walk read "no contacts yet" beside a terminal's hotline).
    assert!(h.query_by_label("还没有联系人。").is_none());
    h.get_by_label_contains("收单机构 / 支付公司：银联商务 · 终端号：12345678");

    // Corrected, it is saved.
    focus(&mut h, "联系电话");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("联系电话").type_text("(021) 1234-5678");
    h.run();
    click(&mut h, "✓ 保存");
    h.get_by_label_contains("联系人已保存");
    h.get_by_label("(021) 1234-5678");
    assert!(h.query_by_label("还没有联系人。").is_none());

    // Archived (after a question), not deleted: it can be brought back.
    click(&mut h, "归档联系人：收单机构客服");
    h.get_by_label_contains("归档联系人“收单机构客服”？");
    click(&mut h, "确认归档");
    h.get_by_label_contains("联系人已归档");
    assert!(h.query_by_label("(021) 1234-5678").is_none());
    click(&mut h, "显示已归档的联系人");
    click(&mut h, "恢复联系人：收单机构客服");
    h.get_by_label_contains("联系人已恢复");
    h.get_by_label("(021) 1234-5678");
}

#[test]
fn print_for_the_wall_writes_an_html_page_with_the_plan_and_contacts() {
    let dir = setup(Lang::Zh);
    add_starter_plans(dir.path());
    open(dir.path())
        .add_contact(&ContactFields {
            role: ContactRole::Technician,
            name: "王师傅 <维修>".into(),
            phone: "1234-5678".into(),
            note: String::new(),
        })
        .unwrap();
    let prints = common::data_dir();
    let out = prints.path().join("wall.html");
    let mut h = harness(dir.path());
    click(&mut h, "应急预案");
    click(&mut h, "网络断了");
    // No file dialog here (as on a till without one): the field asks for a full path and
    // suggests one, named after the plan, outside the data folder.
    let field = "保存位置（完整路径）";
    let suggested = crate::suggested_path(&h, field, dir.path());
    assert_eq!(suggested.file_name().unwrap(), "网络断了.html");
    type_into(&mut h, field, &out.display().to_string());
    click(&mut h, "保存打印版");
    h.get_by_label_contains(&format!("打印版已保存：{}", out.display()));
    // Saved: one click opens it in the browser to print (a shop owner did not know where the
    // file went, nor how to open it). (Not clicked here: it starts the system's browser.)
    h.get_by_label("用浏览器打开（再点打印）");
    let html = std::fs::read_to_string(&out).expect("page written");
    let plan = &starter_plans()[1].zh;
    assert!(html.contains("<h1>网络断了</h1>"));
    assert!(html.contains(&plan.steps[2]));
    assert!(html.contains(&plan.fallbacks[0]));
    assert!(html.contains("王师傅 &lt;维修&gt;"));
    assert!(html.contains("1234-5678"));
    // With the registry's acquirer and IDs, which the acquirer asks for first on the phone.
    assert!(html.contains("收银台1号终端") && html.contains("终端号：12345678"));

    // A folder is fine too: the page is named after the plan.
    let folder = prints.path().join("prints");
    std::fs::create_dir(&folder).unwrap();
    type_into(&mut h, field, &folder.display().to_string());
    click(&mut h, "标题中英双语");
    click(&mut h, "保存打印版");
    let html = std::fs::read_to_string(folder.join("网络断了.html")).expect("named page");
    assert!(html.contains("处理步骤 / Steps"), "both languages");

    // A name typed without an ending gets ".html", so the page opens with a double click.
    let bare = prints.path().join("贴墙上");
    type_into(&mut h, field, &bare.display().to_string());
    click(&mut h, "保存打印版");
    assert!(prints.path().join("贴墙上.html").is_file());
    assert!(!bare.exists());
}

#[test]
fn the_merchants_own_notice_is_kept_and_shown_and_an_empty_one_is_refused() {
    let dir = setup(Lang::Zh);
    let mut h = harness(dir.path());
    click(&mut h, "应急预案");
    click(&mut h, "换一条告示…");
    click(&mut h, "显示自己写的告示");
    h.get_by_label_contains("中文和英文至少要写一行");
    focus(&mut h, "告示中文");
    ime_type(&mut h, "jintian", "今天下午三点后恢复刷卡");
    click(&mut h, "显示自己写的告示");
    h.get_by_label("今天下午三点后恢复刷卡");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("今天下午三点后恢复刷卡").is_none());
    drop(h);

    // Kept for next time, and the big button puts it up at once.
    let mut h = harness(dir.path());
    click(&mut h, "应急预案");
    click(&mut h, "显示顾客告示");
    h.get_by_label("今天下午三点后恢复刷卡");
    h.key_press(egui::Key::Escape);
    h.run();
    click(&mut h, "换一条告示…");
    assert_eq!(
        h.get_by_label("告示中文").value().as_deref(),
        Some("今天下午三点后恢复刷卡")
    );
}

/// A shop whose planner's drill is first due today (taken a month ago), practising "card
/// payments down": its folder, today, the drill task, and the window on the practice run.
fn drilling_when_due() -> (
    tempfile::TempDir,
    chrono::NaiveDate,
    i64,
    egui_kittest::Harness<'static, poscare::ui::app::App>,
) {
    let dir = setup(Lang::Zh);
    add_starter_plans(dir.path());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    let drill = starter_plan().task("payment-down-drill").unwrap();
    let taken = chrono::NaiveDate::from_ymd_opt(2026, 10, 16).unwrap();
    let fields = drill
        .fields(Lang::Zh, taken, None)
        .validate(Lang::Zh)
        .unwrap();
    let task = open(dir.path()).add_task(&fields, None).unwrap();
    let mut h = harness_on(dir.path(), Some(today));
    click(&mut h, "应急预案");
    click(&mut h, "刷卡不能用");
    click(&mut h, "练习一次（演练）");
    (dir, today, task, h)
}

#[test]
fn a_drill_run_completes_the_planners_drill_due_today() {
    let (_dir, _, task, mut h) = drilling_when_due();
    h.get_by_label("演练：刷卡不能用");
    // A drill lost nothing and nothing fixed it: it asks what the practice showed and what to
    // do better, and says it recorded a drill.
    h.get_by_label("演练中发现的问题（可不填）");
    h.get_by_label("下次要改进什么（可不填）");
    assert!(h.query_by_label("造成了什么影响或损失（可不填）").is_none());
    assert!(h.query_by_label("怎么解决的").is_none());
    let steps = &starter_plans()[0].zh.steps;
    click(&mut h, &format!("步骤：{}", steps[0]));
    click(&mut h, "✓ 结束并记录");
    click(&mut h, "仍然结束并记录");
    h.get_by_label_contains("已记录演练：刷卡不能用");
    h.get_by_label_contains("应急演练也记为完成了");
    let done = &h.state().plan().done_today;
    assert!(done.iter().any(|c| c.task_id == task), "{done:?}");
}

/// The run page comes up where "run this plan now" was: a click in the moment after (a
/// double-click's second) chooses no terminal; a click after that does (a walk's outage went
/// on the spare terminal under the pointer).
#[test]
fn a_double_click_on_run_chooses_no_terminal() {
    use egui_kittest::kittest::NodeT as _;
    let dir = setup(Lang::Zh);
    add_starter_plans(dir.path());
    open(dir.path())
        .add_device(&common::terminal("备用机"))
        .unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "应急预案");
    click(&mut h, "刷卡不能用");
    h.get_by_label("立即执行这份预案").scroll_to_me();
    h.run();
    let run = h.get_by_label("立即执行这份预案").rect().center();
    poscare::ui::testing::press_at(&mut h, run);
    h.step();
    h.get_by_label("正在处理：刷卡不能用");
    let spare = h.get_by_label("设备：备用机").rect().center();
    poscare::ui::testing::press_at(&mut h, spare);
    h.run();
    let toggled = |h: &egui_kittest::Harness<'static, poscare::ui::app::App>| {
        h.get_by_label("设备：备用机").accesskit_node().toggled()
            == Some(egui::accesskit::Toggled::True)
    };
    assert!(
        !toggled(&h),
        "the double-click's second click chose nothing"
    );
    // Read, then chosen.
    click(&mut h, "设备：备用机");
    assert!(toggled(&h));
}

/// A practice run with no step ticked practised nothing: it is recorded as a run, and the
/// planner's drill stays due (a walk's double-click ended a drill at 0 of 8 steps and Today
/// showed the quarter's drill "done on time · OK"). The question it asks first takes no click
/// in the moment after it appears, where the button that asked it was.
#[test]
fn a_drill_with_nothing_ticked_is_not_the_quarters_drill() {
    let (dir, today, task, mut h) = drilling_when_due();
    // A double-click on "end and record", a frame apart: the second click lands on the
    // question's "yes".
    h.get_by_label("✓ 结束并记录").scroll_to_me();
    h.run();
    let end = h.get_by_label("✓ 结束并记录").rect().center();
    poscare::ui::testing::press_at(&mut h, end);
    h.step();
    h.get_by_label_contains("一步都没有勾：这次练习会记下来，但不算维护计划里的应急演练");
    let yes = h.get_by_label("仍然结束并记录").rect().center();
    poscare::ui::testing::press_at(&mut h, yes);
    h.run();
    h.get_by_label("演练：刷卡不能用");
    h.get_by_label("仍然结束并记录");
    // Read, then answered: recorded as a practice run, not as the planner's drill.
    click(&mut h, "仍然结束并记录");
    h.get_by_label_contains("已记录演练：刷卡不能用");
    h.get_by_label_contains("维护计划里的应急演练没有记为完成");
    let plan = h.state().plan();
    assert!(!plan.done_today.iter().any(|c| c.task_id == task));
    assert_eq!(plan.open_due(plan.task(task).unwrap()), Some(today));
    drop(h);
    let store = open(dir.path());
    let run = store.recent_outages(1).unwrap().remove(0);
    assert!(run.drill && run.ended_at.is_some(), "{run:?}");
}

/// A practice run before the planner's drill is due is that drill, done early: the plan goes
/// on to the next quarter (a shop owner's first-day drill left the drill due a month later).
/// A drill started after a real run that was ended at the bottom of its page opens at its first
/// step, not at the earlier run's "end and record".
#[test]
fn a_second_run_opens_at_its_first_step() {
    let dir = setup(Lang::Zh);
    add_starter_plans(dir.path());
    let show = std::sync::Arc::new(poscare::ui::instance::ShowRequests::default());
    let mut h =
        poscare::ui::testing::harness_sized(dir.path(), None, show, egui::vec2(1024.0, 700.0));
    let steps = &starter_plans()[0].zh.steps;
    let first = format!("步骤：{}", steps[0]);
    click(&mut h, "应急预案");
    click(&mut h, "刷卡不能用");
    click(&mut h, "立即执行这份预案");
    click(&mut h, "✓ 结束并记录");
    click(&mut h, "仍然结束并记录");
    click(&mut h, "刷卡不能用");
    h.get_by_label("练习一次（演练）").click();
    for _ in 0..3 {
        h.run();
    }
    let window = h.ctx.content_rect();
    let step = h.get_by_label(&first).rect();
    assert!(window.contains_rect(step), "{step:?} not in {window:?}");
}

#[test]
fn a_drill_run_early_completes_the_planners_next_drill() {
    let dir = setup(Lang::Zh);
    add_starter_plans(dir.path());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let drill = starter_plan().task("payment-down-drill").unwrap();
    let fields = drill
        .fields(Lang::Zh, today, None)
        .validate(Lang::Zh)
        .unwrap();
    let task = open(dir.path()).add_task(&fields, None).unwrap();
    let mut h = harness_on(dir.path(), Some(today));
    let due = |h: &egui_kittest::Harness<'static, poscare::ui::app::App>| {
        let plan = h.state().plan();
        plan.open_due(plan.task(task).unwrap()).unwrap()
    };
    let first = due(&h);
    assert!(first > today, "first due later: {first}");
    click(&mut h, "应急预案");
    click(&mut h, "刷卡不能用");
    click(&mut h, "练习一次（演练）");
    focus(&mut h, "演练中发现的问题（可不填）");
    ime_type(&mut h, "shoukuanma", "收银员不知道收款码放在哪");
    let steps = &starter_plans()[0].zh.steps;
    click(&mut h, &format!("步骤：{}", steps[0]));
    click(&mut h, "✓ 结束并记录");
    click(&mut h, "仍然结束并记录");
    h.get_by_label_contains("应急演练也记为完成了");
    assert!(
        due(&h) > first,
        "the next drill is the one after: {}",
        due(&h)
    );
    // It records what the run showed: the plan's steps done, what it showed up as a problem,
    // and none of the drill task's own checklist, which the run never showed.
    let done = h.state().plan().latest[&task].clone();
    assert_eq!(done.outcome, poscare::planner::Outcome::Problem);
    assert!(done.items.is_empty(), "{:?}", done.items);
    assert!(
        done.note.contains("刷卡不能用") && done.note.contains("收银员不知道收款码放在哪"),
        "{}",
        done.note
    );
}

#[test]
fn plans_are_written_checked_edited_archived_and_restored() {
    let dir = setup(Lang::En);
    let mut h = harness(dir.path());
    click(&mut h, "Emergency");
    click(&mut h, "No thanks, I'll write my own");
    click(&mut h, "＋ New plan");
    click(&mut h, "✓ Save");
    h.get_by_label_contains("Please fill in “Plan title”");

    focus(&mut h, "Plan title (required)");
    h.get_by_label("Plan title (required)")
        .type_text("Printer out of paper");
    focus(&mut h, "Steps (one per line)");
    h.get_by_label("Steps (one per line)")
        .type_text("Open the lid");
    h.key_press(egui::Key::Enter);
    h.get_by_label("Steps (one per line)")
        .type_text("Put in a new roll");
    h.run();
    click(&mut h, "✓ Save");
    h.get_by_label_contains("Plan saved");
    h.get_by_label("Printer out of paper");
    h.get_by_label("1. Open the lid");
    h.get_by_label("2. Put in a new roll");

    // The same step twice is refused with a message; nothing changes.
    click(&mut h, "Edit");
    focus(&mut h, "Steps (one per line)");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    h.key_press(egui::Key::Enter);
    h.get_by_label("Steps (one per line)")
        .type_text("Open the lid");
    h.run();
    click(&mut h, "✓ Save");
    h.get_by_label_contains("The step “Open the lid” is there twice");
    click(&mut h, "Cancel");
    h.get_by_label("2. Put in a new roll");
    assert!(h.query_by_label("3. Open the lid").is_none());

    // Archived after a question, not deleted: it can be shown and restored.
    click(&mut h, "Archive");
    h.get_by_label_contains("Archive “Printer out of paper”?");
    click(&mut h, "Cancel");
    h.get_by_label("Printer out of paper");
    click(&mut h, "Archive");
    click(&mut h, "Archive it");
    h.get_by_label_contains("Plan archived");
    assert!(h.query_by_label("Printer out of paper").is_none());
    h.get_by_label("No plans yet.");
    click(&mut h, "Show archived plans");
    click(&mut h, "Printer out of paper (archived)");
    click(&mut h, "Restore");
    h.get_by_label_contains("Plan restored");
    click(&mut h, "Back to the plans");
    h.get_by_label("Printer out of paper");
}

/// On a 1024-pixel till, "刷卡不能用" is archived only after a question, and brought back: with
/// the mouse.
#[test]
fn at_1024_a_plan_is_archived_after_a_question_and_brought_back_with_the_mouse() {
    let dir = setup(Lang::Zh);
    add_starter_plans(dir.path());
    let mut h = crate::till(dir.path());
    click(&mut h, "应急预案");
    click(&mut h, "刷卡不能用");
    click(&mut h, "归档");
    h.get_by_label_contains("归档“刷卡不能用”？");
    click(&mut h, "取消");
    h.get_by_label("立即执行这份预案");
    click(&mut h, "归档");
    click(&mut h, "确认归档");
    h.get_by_label_contains("勾选“显示已归档的预案”就能找回并恢复");
    assert!(h.query_by_label("刷卡不能用").is_none());

    click(&mut h, "显示已归档的预案");
    click(&mut h, "刷卡不能用 （已归档）");
    click(&mut h, "恢复");
    h.get_by_label_contains("预案已恢复");
    click(&mut h, "返回预案列表");
    h.get_by_label("刷卡不能用");
}

/// The same with the keyboard alone: the question takes the keyboard, Enter answers it.
#[test]
fn at_1024_a_plan_is_archived_after_a_question_and_brought_back_with_the_keyboard_alone() {
    use egui::Key::{Enter, Escape, Space};
    let dir = setup(Lang::Zh);
    add_starter_plans(dir.path());
    let mut h = crate::till(dir.path());
    crate::tab_to(&mut h, "应急预案");
    crate::press(&mut h, Enter);
    crate::tab_to(&mut h, "刷卡不能用");
    crate::press(&mut h, Enter);
    crate::tab_to(&mut h, "归档");
    crate::press(&mut h, Enter);
    assert_eq!(crate::focused(&h).as_deref(), Some("确认归档"));
    // Esc is "no".
    crate::press(&mut h, Escape);
    assert!(h.query_by_label("确认归档").is_none());
    crate::tab_to(&mut h, "归档");
    crate::press(&mut h, Enter);
    crate::press(&mut h, Enter);
    h.get_by_label_contains("预案已归档");
    assert!(h.query_by_label("刷卡不能用").is_none());

    crate::tab_to(&mut h, "显示已归档的预案");
    crate::press(&mut h, Space);
    crate::tab_to(&mut h, "刷卡不能用 （已归档）");
    crate::press(&mut h, Enter);
    crate::tab_to(&mut h, "恢复");
    crate::press(&mut h, Enter);
    h.get_by_label_contains("预案已恢复");
}

/// While a plan is being run, Today says so first and leads to it.
#[test]
fn today_names_the_plan_being_run_and_leads_to_it() {
    let dir = setup(Lang::Zh);
    add_starter_plans(dir.path());
    let mut h = crate::till(dir.path());
    assert!(h.query_by_label_contains("收款中断处理中").is_none());
    click(&mut h, "应急预案");
    click(&mut h, "刷卡不能用");
    click(&mut h, "立即执行这份预案");
    click(&mut h, "今日");
    h.get_by_label_contains("⚠ 收款中断处理中：刷卡不能用（");
    click(&mut h, "打开这份预案");
    h.get_by_label("正在处理：刷卡不能用");

    // Ended, Today no longer says so.
    click(&mut h, "✓ 结束并记录");
    click(&mut h, "仍然结束并记录");
    click(&mut h, "今日");
    assert!(h.query_by_label_contains("收款中断处理中").is_none());
}

/// In English the notice's English line comes first and largest (a café owner's walk found the
/// Chinese line on top at twice the size, the English under it).
#[test]
fn the_notice_puts_the_shops_language_first_and_largest() {
    let dir = setup(Lang::En);
    let plans: Vec<(String, PlanFields)> = starter_plans()
        .iter()
        .map(|p| (p.key.clone(), p.fields(Lang::En).validate().unwrap()))
        .collect();
    open(dir.path()).apply_emergency_starter(&plans).unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "Emergency");
    let title = starter_plans()[0].en.title.clone();
    click(&mut h, &title);
    click(&mut h, "Run this plan now");
    click(&mut h, "Show customer notice");
    let en = h
        .get_by_label("Card payments are down — please pay by QR code or cash")
        .rect();
    let zh = h.get_by_label("刷卡暂停，请使用扫码或现金支付").rect();
    assert!(en.bottom() <= zh.top(), "English above: {en:?} {zh:?}");
    assert!(en.height() > zh.height(), "English larger: {en:?} {zh:?}");
}

/// While one outage is open, another plan's "Run this plan now" stays where it is, greyed, with
/// the reason on hover; nothing else takes its place (a tester's click there asked to archive
/// the plan).
#[test]
fn another_plan_cannot_be_run_while_one_is_open_and_its_buttons_stay_put() {
    use egui_kittest::kittest::NodeT as _;
    let dir = setup(Lang::Zh);
    add_starter_plans(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "应急预案");
    click(&mut h, "网络断了");
    let run_at = h.get_by_label("立即执行这份预案").rect();
    click(&mut h, "返回预案列表");
    click(&mut h, "刷卡不能用");
    click(&mut h, "立即执行这份预案");
    h.get_by_label("正在处理：刷卡不能用");
    click(&mut h, "先回列表（处理还在进行）");
    click(&mut h, "网络断了");
    let run = h.get_by_label("立即执行这份预案");
    assert!(run.accesskit_node().is_disabled(), "greyed");
    // (Below the line that says an outage is open.)
    assert_eq!(run.rect().left(), run_at.left(), "where it was");
    assert_eq!(run.rect().size(), run_at.size());
    assert!(
        h.get_by_label("练习一次（演练）")
            .accesskit_node()
            .is_disabled()
    );
    // Why, said beside them (a touch screen never hovers).
    h.get_by_label_contains("另一次处理还没结束");
}
