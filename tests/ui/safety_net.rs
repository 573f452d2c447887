//! The whole story on the real app: card payments go down on terminal 2; the cashier runs
//! the "card payments down" plan with the customer notice up; later the owner finds everything
//! that happened to terminal 2 in the history and exports it; the week's backup goes to a USB
//! stick and is restored on "another PC" (a second data folder) with nothing lost.

use crate::common;

use std::time::{Duration, Instant};

use common::{data_dir, open, terminal};
use egui_kittest::kittest::Queryable as _;
use poscare::history::Kind;
use poscare::i18n::Lang;
use poscare::incident::NewIncident;
use poscare::store::{BackupKind, keys, list_backups};
use poscare::ui::testing::{click, focus, harness, ime_type, settle, type_into};

type H = egui_kittest::Harness<'static, poscare::ui::app::App>;

/// Runs frames until `text` shows (a background export or backup finishing).
fn wait_for(h: &mut H, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while h.query_by_label_contains(text).is_none() {
        assert!(Instant::now() < deadline, "{text:?} never appeared");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
}

#[test]
fn card_payments_down_on_terminal_2_then_its_history_exported_and_the_data_moved_to_a_new_pc() {
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        store.set_setting(keys::LANGUAGE, Lang::Zh.code()).unwrap();
        let t1 = store.add_device(&terminal("收银台1号终端")).unwrap();
        store.add_device(&terminal("收银台2号终端")).unwrap();
        store
            .add_incident(&NewIncident {
                device_id: Some(t1),
                prompt: "A0 校验错".into(),
                ..Default::default()
            })
            .unwrap();
    }
    let mut h = harness(dir.path());

    // The plan, on terminal 2, with the notice up: a handful of clicks.
    click(&mut h, "应急预案");
    click(&mut h, "＋ 添加六份常用预案");
    click(&mut h, "刷卡不能用");
    click(&mut h, "立即执行这份预案");
    click(&mut h, "设备：收银台2号终端");
    click(&mut h, "显示顾客告示");
    h.get_by_label("Card payments are down — please pay by QR code or cash");
    h.key_press(egui::Key::Escape);
    h.run();
    focus(&mut h, "怎么解决的");
    ime_type(&mut h, "chongqi", "重启终端后恢复");
    click(&mut h, "✓ 结束并记录");
    // No step was ticked: it asks first.
    click(&mut h, "仍然结束并记录");
    h.get_by_label_contains("已记录：刷卡不能用");

    // Everything that happened to terminal 2, and nothing else.
    click(&mut h, "维护记录");
    click(&mut h, "按设备筛选");
    click(&mut h, "● 收银台2号终端");
    assert!(
        h.query_by_label("A0 校验错").is_none(),
        "terminal 1 is hidden"
    );
    assert!(
        h.query_all_by_label("刷卡不能用").count() >= 1,
        "the outage is there"
    );
    let desktop = tempfile::tempdir().unwrap();
    let target = desktop.path().join("二号机记录.csv");
    type_into(&mut h, "表格（CSV）保存到", &target.display().to_string());
    click(&mut h, "导出表格（CSV）");
    wait_for(&mut h, "已导出");
    let bytes = std::fs::read(&target).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with BOM for Excel"
    );
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| &r[2] == "收银台2号终端"), "{rows:?}");
    let outage: Vec<_> = rows.iter().filter(|r| &r[4] == "刷卡不能用").collect();
    assert_eq!(outage.len(), 2, "the outage's start and end: {rows:?}");
    assert!(outage.iter().any(|r| r[5].contains("重启终端后恢复")));

    // The week's backup to the USB stick …
    let usb = data_dir();
    click(&mut h, "备份");
    focus(&mut h, "备份到的文件夹");
    h.get_by_label("备份到的文件夹")
        .type_text(&usb.path().display().to_string());
    h.run();
    click(&mut h, "开始备份");
    settle(&mut h);
    h.get_by_label_contains("备份完成并已检查");
    drop(h);
    let file = list_backups(usb.path()).remove(0);
    assert_eq!(file.kind, BackupKind::Manual);

    // … restored on another PC: a new, empty data folder.
    let new_pc = data_dir();
    open(new_pc.path())
        .set_setting(keys::LANGUAGE, Lang::Zh.code())
        .unwrap();
    let mut h = harness(new_pc.path());
    click(&mut h, "备份");
    focus(&mut h, "备份文件");
    h.get_by_label("备份文件")
        .type_text(&file.path.display().to_string());
    h.run();
    click(&mut h, "恢复…");
    click(&mut h, "确定恢复");
    settle(&mut h);
    h.get_by_label_contains("已从备份恢复");
    // Nothing was there to back up first, and no copy is claimed.
    h.get_by_label_contains("原来没有数据，不需要先备份");
    assert!(h.query_by_label_contains("原来的数据已先另存").is_none());
    drop(h);
    let old = open(dir.path());
    let new = open(new_pc.path());
    let all = poscare::history::Filter::default();
    let everything = |s: &poscare::store::Store| {
        let ids = s.history_ids(&all).unwrap();
        s.history_entries(&ids)
            .unwrap()
            .into_iter()
            .filter(|e| e.kind != Kind::Backup)
            .map(|e| (e.at, e.kind, e.subject, e.detail, e.device))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        everything(&new),
        everything(&old),
        "nothing lost on the way"
    );
    assert_eq!(new.devices().unwrap().len(), 2);
    assert_eq!(new.recent_outages(5).unwrap().len(), 1);
}
