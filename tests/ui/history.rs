//! The History screen on the real app: filter by device, open an entry, void it (a reason is
//! required), export the filtered CSV, and the Devices screen's button.

use crate::common;

use std::time::{Duration, Instant};

use common::{data_dir, open, terminal};
use egui_kittest::kittest::Queryable as _;
use poscare::i18n::Lang;
use poscare::incident::NewIncident;
use poscare::store::keys;
use poscare::ui::app::Screen;
use poscare::ui::testing::{click, harness, settle, type_into};

/// Two terminals; one incident on the first, two on the second.
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
    click(&mut h, "导出表格（CSV）");
    let deadline = Instant::now() + Duration::from_secs(20);
    while h.query_by_label_contains("已导出 3 条记录").is_none() {
        assert!(Instant::now() < deadline, "the export did not finish");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
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
    // The timeline shows the corrected text; the details still show the original.
    h.get_by_label("paper jam, not A0");
    assert!(h.query_all_by_label("收银员说, \"刷卡没反应\"").count() >= 1);
}
