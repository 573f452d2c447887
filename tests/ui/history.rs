//! The History screen on the real app: filter by device, open an entry, void it (a reason is
//! required), export the filtered CSV, and the Devices screen's button.

use crate::common;

use std::time::{Duration, Instant};

use common::{data_dir, open, terminal};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use poscare::i18n::Lang;
use poscare::incident::NewIncident;
use poscare::store::keys;
use poscare::ui::app::App;
use poscare::ui::app::Screen;
use poscare::ui::testing::{click, harness, settle, type_into};

/// Two terminals; one incident on the first, two on the second.
/// A correction that only moves a record to another terminal marks the terminal as corrected,
/// not its text (which stays as it was, with no "original" that reads the same).
#[test]
fn moving_a_record_to_another_terminal_leaves_its_text_unmarked() {
    let dir = data_dir();
    seeded(dir.path());
    let mut h = crate::till(dir.path());
    click(&mut h, "维护记录");
    click(&mut h, "打印机缺纸");
    click(&mut h, "更正");
    click(&mut h, "这条记录属于哪台设备");
    click(&mut h, "● 收银台1号");
    type_into(&mut h, "原因（必填）", "其实是1号机");
    click(&mut h, "✓ 保存更正");
    h.get_by_label("✓ 已更正，原记录保留。");
    h.get_by_label("收银台1号（已更正）");
    h.get_by_label("原记在：收银台2号");
    assert!(h.query_by_label_contains("原文：").is_none());
    assert!(
        h.query_all_by_label_contains("（已更正）").count() == 1,
        "only the terminal"
    );
}

fn seeded(dir: &std::path::Path) -> (i64, i64) {
    let mut store = open(dir);
    store.set_setting(keys::LANGUAGE, Lang::Zh.code()).unwrap();
    let t1 = store.add_device(&terminal("收银台1号")).unwrap();
    let t2 = store.add_device(&terminal("收银台2号")).unwrap();
    for (device, prompt) in [(t1, "A0 校验错"), (t2, "打印机缺纸"), (t2, "51 余额不足")]
    {
        store
            .add_incident(&NewIncident {
                device_id: Some(device),
                prompt: prompt.into(),
                entry_id: None,
                steps_done: Vec::new(),
                note: "收银员说, \"刷卡没反应\"".into(),
                staff_id: None,
            })
            .unwrap();
    }
    (t1, t2)
}

#[test]
fn filter_by_device_open_an_entry_void_it_with_a_reason_and_export_the_csv() {
    let dir = data_dir();
    seeded(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "维护记录");
    // Two devices added, three incidents opened, and the daily backup taken at start.
    h.get_by_label("6 条记录");

    click(&mut h, "按设备筛选");
    click(&mut h, "● 收银台2号");
    h.get_by_label("3 条记录");
    assert!(
        h.query_by_label("A0 校验错").is_none(),
        "the other terminal's entry is hidden"
    );
    h.get_by_label("51 余额不足");

    click(&mut h, "打印机缺纸");
    h.get_by_label("记录详情");
    click(&mut h, "作废");
    click(&mut h, "确认作废");
    h.get_by_label_contains("请写明原因");
    h.get_by_label("原因（必填）").focus();
    h.run();
    h.get_by_label("原因（必填）").type_text("重复登记");
    h.run();
    click(&mut h, "确认作废");
    settle(&mut h);
    h.get_by_label("✓ 已作废，记录仍保留。");
    assert!(
        h.query_all_by_label_contains("已作废，原因：重复登记")
            .count()
            >= 1
    );
    h.get_by_label_contains("× 作废");
    h.get_by_label("3 条记录");

    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("导出").join("二号机.csv");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    type_into(&mut h, "表格（CSV）保存到", &target.display().to_string());
    let html_row = h.get_by_label("导出打印报告（HTML）").rect();
    click(&mut h, "导出表格（CSV）");
    let deadline = Instant::now() + Duration::from_secs(20);
    while h.query_by_label_contains("已导出 3 条记录").is_none() {
        assert!(Instant::now() < deadline, "the export did not finish");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    // What the export says comes under both rows: the next one stays under the mouse.
    assert_eq!(h.get_by_label("导出打印报告（HTML）").rect(), html_row);
    let bytes = std::fs::read(&target).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    assert_eq!(&reader.headers().unwrap()[0], "时间");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| &r[2] == "收银台2号"));
    let voided = rows.iter().find(|r| &r[4] == "打印机缺纸").unwrap();
    assert!(voided[6].contains("重复登记"));
    assert!(rows.iter().any(|r| &r[4] == "51 余额不足"));
    let notes = rows.iter().filter(|r| &r[5] == "收银员说, \"刷卡没反应\"");
    assert_eq!(notes.count(), 2, "commas and quotes survive the round trip");

    // The printable report of the same filter (no dates typed: this month).
    let report = target.with_file_name("报告.html");
    type_into(
        &mut h,
        "打印报告（HTML）保存到",
        &report.display().to_string(),
    );
    click(&mut h, "导出打印报告（HTML）");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !report.exists() || h.query_by_label_contains("报告.html").is_none() {
        assert!(Instant::now() < deadline, "the report did not finish");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("收银台2号") && html.contains("打印机缺纸"));
    assert!(!html.contains("A0 校验错"), "only the filtered device");
    assert!(html.contains("月度检查表"));
    // It says which dates the report covers (a record of another month is not in it).
    h.get_by_label_contains("报告只含这段日期");

    // Switched to English, the screen no longer says in Chinese what the export did.
    click(&mut h, "设置");
    click(&mut h, "English");
    click(&mut h, "History");
    assert!(h.query_by_label_contains("已导出").is_none());
    assert!(h.query_by_label_contains("报告.html").is_none());
}

#[test]
fn the_devices_screen_button_lands_on_the_history_of_that_device() {
    let dir = data_dir();
    seeded(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "设备");
    click(&mut h, "收银台1号");
    click(&mut h, "此设备的全部记录");
    assert_eq!(h.state().screen(), Screen::History);
    h.get_by_label("2 条记录");
    h.get_by_label("A0 校验错");
    assert!(h.query_by_label("打印机缺纸").is_none());
}

#[test]
fn in_english_search_then_amend_an_entry_the_original_stays_in_its_details() {
    let dir = data_dir();
    seeded(dir.path());
    open(dir.path())
        .set_setting(keys::LANGUAGE, Lang::En.code())
        .unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "History");
    h.get_by_label("Entries: 6");
    h.get_by_label("Search").focus();
    h.run();
    // Lower-case Latin finds upper-case (and no temporary backup path can contain this).
    h.get_by_label("Search").type_text("a0 校");
    h.run();
    h.get_by_label("Entries: 1");
    click(&mut h, "A0 校验错");
    click(&mut h, "Amend");
    click(&mut h, "✓ Save the correction");
    h.get_by_label_contains("Please give a reason");
    h.get_by_label("Corrected text").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Corrected text")
        .type_text("paper jam, not A0");
    h.run();
    h.get_by_label("Reason (required)").focus();
    h.run();
    h.get_by_label("Reason (required)")
        .type_text("wrong prompt noted");
    h.run();
    click(&mut h, "✓ Save the correction");
    settle(&mut h);
    h.get_by_label("✓ Amended; the original is kept.");
    assert!(h.query_all_by_label_contains("wrong prompt noted").count() >= 1);
    // The timeline and the details show the corrected text, the details the original below it.
    h.get_by_label("paper jam, not A0");
    h.get_by_label("paper jam, not A0 (corrected)");
    h.get_by_label("Original: 收银员说, \"刷卡没反应\"");
}

/// The amendment of the paper entry: the text, and the terminal it was really found on.
const CORRECTED: &str = "打印纸用完了，已换新纸卷";

/// After the paper entry was moved to 收银台1号 with `CORRECTED`: the details show the corrected
/// text and device first, with what they were below; the filter of 收银台1号 finds it.
fn shows_the_correction(h: &mut Harness<'static, App>) {
    h.get_by_label("✓ 已更正，原记录保留。");
    h.get_by_label(&format!("{CORRECTED}（已更正）"));
    h.get_by_label("原文：收银员说, \"刷卡没反应\"");
    h.get_by_label("收银台1号（已更正）");
    h.get_by_label("原记在：收银台2号");
}

/// Waits until the window shows a label containing `text` (an export runs on a worker).
fn wait_for_label(h: &mut Harness<'static, App>, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while h.query_by_label_contains(text).is_none() {
        assert!(Instant::now() < deadline, "“{text}” never showed");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    settle(h);
}

/// At 200 % on a 1024 × 700 till the filters and exports scroll in a small box: the question
/// "the file exists: replace it?" is brought into view there, between the filters' button and
/// the timeline (a shop owner saw Export grey out and the question hidden below the box), and
/// so is what an export did.
#[test]
fn at_200_percent_the_replace_question_is_brought_into_view() {
    let dir = data_dir();
    seeded(dir.path());
    open(dir.path()).set_setting(keys::ZOOM, "200").unwrap();
    let desk = data_dir();
    let sheet = desk.path().join("records.csv");
    std::fs::write(&sheet, "my own notes").unwrap();
    let show = std::sync::Arc::new(poscare::ui::instance::ShowRequests::default());
    let size = egui::vec2(1024.0, 700.0) / 2.0;
    let mut h = poscare::ui::testing::harness_sized(dir.path(), None, show, size);
    click(&mut h, "维护记录");
    click(&mut h, "显示筛选和导出");
    poscare::ui::testing::type_into(&mut h, "表格（CSV）保存到", &sheet.display().to_string());
    h.get_by_label("导出表格（CSV）").scroll_to_me();
    h.run();
    click(&mut h, "导出表格（CSV）");
    h.run();
    let top = h.get_by_label("收起筛选").rect().max.y;
    let bottom = h.get_by_label("时间").rect().min.y;
    let replace = h.get_by_label("替换").rect();
    assert!(
        replace.min.y >= top - 0.5 && replace.max.y <= bottom + 0.5,
        "the question at {replace:?}, outside the box between {top} and {bottom}"
    );
    assert_eq!(std::fs::read_to_string(&sheet).unwrap(), "my own notes");

    // What an export did is brought into view there too (the report's "exported" was below
    // the edge, and the export looked as if it had done nothing).
    click(&mut h, "替换");
    let report = desk.path().join("report.html");
    poscare::ui::testing::type_into(
        &mut h,
        "打印报告（HTML）保存到",
        &report.display().to_string(),
    );
    h.get_by_label("导出打印报告（HTML）").scroll_to_me();
    h.run();
    click(&mut h, "导出打印报告（HTML）");
    wait_for_label(&mut h, "report.html");
    for _ in 0..3 {
        h.run();
    }
    let said = h.get_by_label_contains("report.html（报告只含").rect();
    let top = h.get_by_label("收起筛选").rect().max.y;
    let bottom = h.get_by_label("时间").rect().min.y;
    assert!(
        said.min.y >= top - 0.5 && said.max.y <= bottom + 0.5,
        "the message at {said:?}, outside the box between {top} and {bottom}"
    );
}

/// At 200 % on a 1024-pixel till (512 points wide, 350 high) the filters fold into one line
/// (the timeline has the height), open to stand one per line, and the timeline has three
/// columns: nothing lies beyond the right edge, so nothing needs a sideways scroll, and a record
/// still opens by its subject (its terminal beside it).
#[test]
fn at_200_percent_on_1024_the_filters_and_the_timeline_fit_the_width() {
    let dir = data_dir();
    seeded(dir.path());
    open(dir.path()).set_setting(keys::ZOOM, "200").unwrap();
    let show = std::sync::Arc::new(poscare::ui::instance::ShowRequests::default());
    let size = egui::vec2(1024.0, 700.0) / 2.0;
    let mut h = poscare::ui::testing::harness_sized(dir.path(), None, show, size);
    click(&mut h, "维护记录");
    assert!(h.query_by_label("从").is_none(), "the filters folded");
    h.get_by_label_contains("条记录");
    click(&mut h, "显示筛选和导出");
    for name in [
        "从",
        "到",
        "按设备筛选",
        "按员工筛选",
        "搜索",
        "时间",
        "类型",
        "事项",
    ] {
        let rect = h.get_by_label(name).rect();
        assert!(
            rect.min.x >= 0.0 && rect.max.x <= size.x + 0.5,
            "{name} at {rect:?}, beyond the {} points of the window",
            size.x
        );
    }
    assert!(
        h.query_by_label("详情").is_none(),
        "the detail is in the record, not a column"
    );
    click(&mut h, "收起筛选");
    assert!(h.query_by_label("从").is_none(), "folded again");
    click(&mut h, "打印机缺纸 · 收银台2号");
    h.get_by_label("记录详情");
}

/// On a 1024-pixel till the record takes the table's place, with a way back; it is corrected
/// (its text and the terminal it concerns) and voided with the mouse.
#[test]
fn at_1024_a_record_is_opened_corrected_and_voided_with_the_mouse() {
    let dir = data_dir();
    seeded(dir.path());
    let mut h = crate::till(dir.path());
    click(&mut h, "维护记录");
    click(&mut h, "打印机缺纸");
    h.get_by_label("记录详情");
    h.get_by_label("← 返回列表");
    assert!(
        h.query_by_label("51 余额不足").is_none(),
        "the record in front of the table, not drawn over it"
    );

    click(&mut h, "更正");
    type_into(&mut h, "更正后的内容", CORRECTED);
    click(&mut h, "这条记录属于哪台设备");
    click(&mut h, "● 收银台1号");
    type_into(&mut h, "原因（必填）", "其实是1号机");
    click(&mut h, "✓ 保存更正");
    shows_the_correction(&mut h);

    click(&mut h, "作废");
    type_into(&mut h, "原因（必填）", "重复登记");
    click(&mut h, "确认作废");
    h.get_by_label("✓ 已作废，记录仍保留。");
    h.get_by_label("⚠ 已作废，原因：重复登记");
    assert!(
        h.query_by_label("更正").is_none(),
        "a void entry is not corrected again"
    );

    click(&mut h, "关闭");
    assert!(h.query_by_label("记录详情").is_none());
    h.get_by_label("51 余额不足");
    // Filed under the terminal it was found on.
    click(&mut h, "按设备筛选");
    click(&mut h, "● 收银台1号");
    h.get_by_label("打印机缺纸");
}

/// The same with the keyboard alone: Tab to the row, Enter opens it (the keyboard goes with
/// it), the form takes the text, the arrow keys choose the terminal, Enter saves; Esc closes and
/// the keyboard is back on the row.
#[test]
fn at_1024_a_record_is_opened_corrected_and_voided_with_the_keyboard_alone() {
    use egui::Key::{ArrowDown, Enter, Escape, Tab};
    let dir = data_dir();
    seeded(dir.path());
    let mut h = crate::till(dir.path());
    crate::tab_to(&mut h, "维护记录");
    crate::press(&mut h, Enter);
    crate::tab_to(&mut h, "打印机缺纸");
    crate::press(&mut h, Enter);
    h.get_by_label("记录详情");
    assert_eq!(crate::focused(&h).as_deref(), Some("关闭"));

    crate::tab_to(&mut h, "更正");
    crate::press(&mut h, Enter);
    assert_eq!(crate::focused(&h).as_deref(), Some("更正后的内容"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    crate::type_keys(&mut h, CORRECTED);
    crate::press(&mut h, Tab);
    assert_eq!(crate::focused(&h).as_deref(), Some("这条记录属于哪台设备"));
    crate::press(&mut h, Enter);
    crate::press(&mut h, ArrowDown);
    assert_eq!(crate::focused(&h).as_deref(), Some("● 收银台1号"));
    crate::press(&mut h, Enter);
    crate::press(&mut h, Tab);
    assert_eq!(crate::focused(&h).as_deref(), Some("原因（必填）"));
    crate::type_keys(&mut h, "其实是1号机");
    crate::press(&mut h, Enter);
    shows_the_correction(&mut h);

    crate::tab_to(&mut h, "作废");
    crate::press(&mut h, Enter);
    assert_eq!(crate::focused(&h).as_deref(), Some("原因（必填）"));
    // Esc leaves the form, not the record; Esc again closes the record.
    crate::press(&mut h, Escape);
    h.get_by_label("记录详情");
    assert!(h.query_by_label("确认作废").is_none());
    crate::tab_to(&mut h, "作废");
    crate::press(&mut h, Enter);
    crate::type_keys(&mut h, "重复登记");
    crate::press(&mut h, Enter);
    h.get_by_label("✓ 已作废，记录仍保留。");

    crate::press(&mut h, Escape);
    assert!(h.query_by_label("记录详情").is_none());
    h.get_by_label("51 余额不足");
    assert_eq!(crate::focused(&h).as_deref(), Some("打印机缺纸"));
}

/// An open record never outstays its welcome: Esc, leaving the screen, "clear filters" and a
/// filter that hides its row each close it; beside it at 1366 the table keeps a usable width
/// however wide the record's text.
#[test]
fn at_1366_the_record_sits_beside_the_table_and_closes_whenever_it_should() {
    let dir = data_dir();
    seeded(dir.path());
    let mut h = poscare::ui::testing::harness_sized(
        dir.path(),
        None,
        std::sync::Arc::new(poscare::ui::instance::ShowRequests::default()),
        egui::vec2(1366.0, 768.0),
    );
    click(&mut h, "维护记录");
    let closed = |h: &Harness<'static, App>| h.query_by_label("记录详情").is_none();

    // The backup's file path is long and unbroken: the record wraps it, the table stays.
    let backup = h.get_by_label_contains("backups").rect();
    h.get_by_label_contains("backups").click();
    settle(&mut h);
    let pane = h.get_by_label("记录详情").rect();
    // The table's column header (the record's own "时间" is further right).
    let table = h
        .query_all_by_label("时间")
        .map(|n| n.rect())
        .min_by(|a, b| a.left().total_cmp(&b.left()))
        .unwrap();
    assert!(
        pane.left() - table.left() >= 600.0,
        "the table keeps its width: {table:?} beside {pane:?}"
    );
    assert!(h.query_by_label("← 返回列表").is_none(), "side by side");
    assert!(h.get_by_label("关闭").rect().right() <= 1366.0);
    assert!(
        backup.left() < pane.left(),
        "the row is not under the record"
    );

    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(closed(&h), "Esc");

    click(&mut h, "打印机缺纸");
    click(&mut h, "今日");
    click(&mut h, "维护记录");
    assert!(closed(&h), "leaving the screen");

    click(&mut h, "打印机缺纸");
    click(&mut h, "清除筛选");
    assert!(closed(&h), "clear filters");

    click(&mut h, "打印机缺纸");
    type_into(&mut h, "搜索", "A0");
    h.get_by_label("1 条记录");
    assert!(closed(&h), "a filter that hides its row");
    // One that keeps it keeps it open.
    type_into(&mut h, "搜索", "");
    click(&mut h, "打印机缺纸");
    click(&mut h, "只看故障");
    h.get_by_label("记录详情");
}

/// The table and the report each have their own path: given the same folder, each writes its
/// own file (neither over the other), and a file name of the wrong kind gets the right
/// extension. What was said about an export goes when the filter changes.
#[test]
fn both_exports_go_to_one_folder_as_two_files_with_the_mouse() {
    let dir = data_dir();
    seeded(dir.path());
    let outside = tempfile::tempdir().unwrap();
    let folder = outside.path().display().to_string();
    let mut h = crate::till(dir.path());
    click(&mut h, "维护记录");
    // With no file dialog each suggests its own full name.
    let csv = crate::suggested_path(&h, "表格（CSV）保存到", dir.path());
    let html = crate::suggested_path(&h, "打印报告（HTML）保存到", dir.path());
    // (The report is of this month when no dates are given, and says so in its name.)
    let report = this_months_report();
    assert_eq!(csv.file_name().unwrap(), "维护记录.csv");
    assert_eq!(html.file_name().unwrap(), report.as_str());

    type_into(&mut h, "表格（CSV）保存到", &folder);
    click(&mut h, "导出表格（CSV）");
    wait_for_label(&mut h, "维护记录.csv");
    type_into(&mut h, "打印报告（HTML）保存到", &folder);
    click(&mut h, "导出打印报告（HTML）");
    wait_for_label(&mut h, &report);
    both_files_are_there(outside.path(), "维护记录.csv", &report);

    // The report given the table's file name writes a report beside it, never over it.
    let over = outside.path().join("维护记录.csv").display().to_string();
    type_into(&mut h, "打印报告（HTML）保存到", &over);
    assert!(
        h.query_by_label_contains(&report).is_none(),
        "a new path forgets the last message"
    );
    click(&mut h, "导出打印报告（HTML）");
    wait_for_label(&mut h, "维护记录.html");
    assert!(outside.path().join("维护记录.html").exists());
    both_files_are_there(outside.path(), "维护记录.csv", &report);

    click(&mut h, "只看故障");
    assert!(
        h.query_by_label_contains("已导出").is_none(),
        "a new filter forgets what was said about the last one"
    );
}

/// The report's name when no dates are given: this month's, from its first day to today.
fn this_months_report() -> String {
    use chrono::Datelike;
    let today = chrono::Local::now().date_naive();
    let first = today.with_day(1).unwrap();
    let period = if today.succ_opt().unwrap().month() != today.month() {
        today.format("%Y-%m").to_string()
    } else if today == first {
        today.format("%Y-%m-%d").to_string()
    } else {
        format!("{}_{}", first.format("%Y-%m-%d"), today.format("%Y-%m-%d"))
    };
    format!("维护记录报告-{period}.html")
}

/// A month chosen in the filter is in both files' names: the accountant's monthly exports go
/// into one folder side by side, none over the last.
#[test]
fn a_month_exported_is_named_for_its_month() {
    use chrono::Datelike;
    let dir = data_dir();
    seeded(dir.path());
    let outside = tempfile::tempdir().unwrap();
    let folder = outside.path().display().to_string();
    // The month the seeded records are in.
    let first = chrono::Local::now().date_naive().with_day(1).unwrap();
    let last = (first + chrono::Months::new(1)).pred_opt().unwrap();
    let month = first.format("%Y-%m");
    let mut h = crate::till(dir.path());
    click(&mut h, "维护记录");
    type_into(&mut h, "从", &first.to_string());
    type_into(&mut h, "到", &last.to_string());
    type_into(&mut h, "表格（CSV）保存到", &folder);
    click(&mut h, "导出表格（CSV）");
    let table = format!("维护记录-{month}.csv");
    wait_for_label(&mut h, &table);
    type_into(&mut h, "打印报告（HTML）保存到", &folder);
    click(&mut h, "导出打印报告（HTML）");
    let report = format!("维护记录报告-{month}.html");
    wait_for_label(&mut h, &report);
    both_files_are_there(outside.path(), &table, &report);
    // Some days of it: named by its first and last day; the month's file stays.
    let end = first + chrono::Days::new(14);
    type_into(&mut h, "到", &end.to_string());
    click(&mut h, "导出表格（CSV）");
    wait_for_label(&mut h, &format!("维护记录-{first}_{end}.csv"));
    assert!(outside.path().join(&table).exists(), "the month's stays");
    // Narrowed further (faults only), it is named so: one device's or one kind's month was
    // offered to replace the whole shop's.
    type_into(&mut h, "到", &last.to_string());
    click(&mut h, "只看故障");
    click(&mut h, "导出表格（CSV）");
    wait_for_label(&mut h, &format!("维护记录-{month}-筛选.csv"));
    let whole = std::fs::read(outside.path().join(&table)).unwrap();
    let narrowed =
        std::fs::read(outside.path().join(format!("维护记录-{month}-筛选.csv"))).unwrap();
    assert!(
        narrowed.len() < whole.len(),
        "the whole month's is kept beside it"
    );
}

/// Dates the wrong way round are refused, and an export then writes nothing and says why
/// (it wrote an empty table with "✓ 0 records exported").
#[test]
fn an_export_with_the_dates_the_wrong_way_round_writes_nothing() {
    let dir = data_dir();
    seeded(dir.path());
    let outside = tempfile::tempdir().unwrap();
    let mut h = crate::till(dir.path());
    click(&mut h, "维护记录");
    type_into(&mut h, "从", "2026-12-31");
    type_into(&mut h, "到", "2026-01-01");
    type_into(
        &mut h,
        "表格（CSV）保存到",
        &outside.path().display().to_string(),
    );
    click(&mut h, "导出表格（CSV）");
    h.get_by_label_contains("没有导出：开始日期晚于结束日期。");
    assert!(h.query_by_label_contains("已导出").is_none());
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

/// The same with the keyboard alone.
#[test]
fn both_exports_go_to_one_folder_as_two_files_with_the_keyboard_alone() {
    use egui::Key::Enter;
    let dir = data_dir();
    seeded(dir.path());
    let outside = tempfile::tempdir().unwrap();
    let folder = outside.path().display().to_string();
    let mut h = crate::till(dir.path());
    crate::tab_to(&mut h, "维护记录");
    crate::press(&mut h, Enter);
    let report = this_months_report();
    for (field, button, written) in [
        ("表格（CSV）保存到", "导出表格（CSV）", "维护记录.csv"),
        ("打印报告（HTML）保存到", "导出打印报告（HTML）", &report),
    ] {
        crate::tab_to(&mut h, field);
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        crate::type_keys(&mut h, &folder);
        crate::tab_to(&mut h, button);
        crate::press(&mut h, Enter);
        wait_for_label(&mut h, written);
    }
    both_files_are_there(outside.path(), "维护记录.csv", &report);
}

/// The folder holds the table as CSV (plain words in the kind column) and the report as HTML.
fn both_files_are_there(folder: &std::path::Path, table: &str, report: &str) {
    let csv = std::fs::read(folder.join(table)).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "still the table");
    let mut reader = csv::ReaderBuilder::new().from_reader(&csv[3..]);
    let kinds: Vec<String> = reader.records().map(|r| r.unwrap()[1].to_owned()).collect();
    assert!(kinds.contains(&"故障 · 登记".to_owned()), "{kinds:?}");
    assert!(
        kinds.iter().all(|k| !k.contains(['✓', '⚠', '×', '●', '○'])),
        "plain words: {kinds:?}"
    );
    let html = std::fs::read_to_string(folder.join(report)).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
}

/// A voided incident is no longer open: the Lookup screen's incidents show it as voided, and it
/// is not counted among the open ones.
#[test]
fn a_voided_incident_is_shown_voided_and_not_counted_as_open() {
    let dir = data_dir();
    seeded(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "查提示");
    h.get_by_label("故障记录（3 件未解决）");
    click(&mut h, "维护记录");
    assert!(h.query_all_by_label("打印机缺纸").count() >= 1);
    click(&mut h, "打印机缺纸");
    click(&mut h, "作废");
    type_into(&mut h, "原因（必填）", "重复登记");
    click(&mut h, "确认作废");
    click(&mut h, "查提示");
    click(&mut h, "故障记录（2 件未解决）");
    h.get_by_label("× 已作废");
    assert_eq!(h.query_all_by_label("● 未解决").count(), 2);
    h.get_by_label_contains("重复登记");
}

/// Coming back to the history shows its newest entries, not the rows it was left at (a shop
/// owner's new entries were hidden above, with no sign of them).
#[test]
fn coming_back_to_the_history_shows_the_newest_entries() {
    let dir = common::shop_with_devices(80, 0);
    open(dir.path())
        .set_setting(keys::LANGUAGE, Lang::Zh.code())
        .unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "维护记录");
    let newest_in_view = |h: &Harness<'static, App>| {
        h.query_all_by_label_contains("终端79")
            .any(|n| n.rect().min.y >= 0.0 && n.rect().max.y <= poscare::ui::testing::TEST_SIZE.y)
    };
    assert!(newest_in_view(&h), "the newest first");
    for _ in 0..3 {
        poscare::ui::testing::wheel_down_at(&mut h, egui::pos2(600.0, 500.0));
    }
    assert!(!newest_in_view(&h), "read down the timeline");
    click(&mut h, "今日");
    click(&mut h, "维护记录");
    assert!(newest_in_view(&h), "back at the newest");
}

/// "This month" and "last month" fill both dates in one click (a shop owner typed them by hand
/// to export the month for the books).
#[test]
fn this_month_is_one_click() {
    let dir = data_dir();
    seeded(dir.path());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let mut h = poscare::ui::testing::harness_on(dir.path(), Some(today));
    click(&mut h, "维护记录");
    click(&mut h, "上个月");
    assert_eq!(h.get_by_label("从").value().as_deref(), Some("2026-11-01"));
    assert_eq!(h.get_by_label("到").value().as_deref(), Some("2026-11-30"));
    click(&mut h, "本月");
    assert_eq!(h.get_by_label("到").value().as_deref(), Some("2026-12-31"));
}
