//! UI flows on the real app, through the one harness factory.

use crate::common;

use common::{data_dir, open, terminal};
use egui::Event;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use poscare::i18n::Lang;
use poscare::store::keys;
use poscare::ui::app::App;
use poscare::ui::testing::{harness, harness_on, ime_type, settle};

fn in_language(dir: &std::path::Path, lang: Lang) {
    open(dir).set_setting(keys::LANGUAGE, lang.code()).unwrap();
}

/// Opens the Devices screen (the app opens on the lookup).
fn devices_screen(h: &mut Harness<'static, App>) {
    let label = if h.state().lang() == Lang::Zh {
        "设备"
    } else {
        "Devices"
    };
    h.get_by_label(label).click();
    h.run();
}

/// A data folder in `lang` with the Devices screen's "add device" form open, the cursor in its
/// name field.
fn new_device_form(lang: Lang) -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = data_dir();
    in_language(dir.path(), lang);
    let mut h = harness(dir.path());
    devices_screen(&mut h);
    let (add, name) = match lang {
        Lang::Zh => ("＋ 添加设备", "名称（必填）"),
        Lang::En => ("＋ Add device", "Name (required)"),
    };
    h.get_by_label(add).click();
    h.run();
    h.get_by_label(name).focus();
    h.run();
    (dir, h)
}

#[test]
fn add_a_device_typing_chinese_then_switch_to_english_and_find_it_after_a_restart() {
    let (dir, mut h) = new_device_form(Lang::Zh);
    ime_type(&mut h, "shouyintai", "收银台1号终端");
    h.get_by_label("终端号").focus();
    h.run();
    h.get_by_label("终端号").type_text("12345678");
    h.get_by_label("收单机构 / 支付公司").focus();
    h.run();
    ime_type(&mut h, "yinlianshangwu", "银联商务");
    h.get_by_label("✓ 保存").click();
    h.run();
    let device = h.state().devices().first().expect("device saved").clone();
    assert_eq!(device.fields.name, "收银台1号终端");
    assert_eq!(device.fields.terminal_id, "12345678");
    assert_eq!(device.fields.acquirer, "银联商务");
    h.get_by_label_contains("已保存");

    // Switch to English at runtime.
    h.get_by_label("设置").click();
    h.run();
    h.get_by_label("English").click();
    h.run();
    assert_eq!(h.state().lang(), Lang::En);
    h.get_by_label("Devices");
    assert!(
        h.query_by_label("设备").is_none(),
        "no Chinese navigation left"
    );
    // The Chinese "saved" confirmation does not stay on an English screen.
    assert_eq!(h.state().notice(), None);
    assert!(h.query_by_label_contains("已保存").is_none());
    drop(h);

    // A new app on the same folder: English is remembered and the device is there.
    let mut h = harness(dir.path());
    devices_screen(&mut h);
    assert_eq!(h.state().lang(), Lang::En);
    h.get_by_label("收银台1号终端").click();
    h.run();
    h.get_by_label("Edit");
    assert_eq!(
        h.query_all_by_label("12345678").count(),
        2,
        "in the list and in the details"
    );
}

#[test]
fn an_empty_name_and_a_bad_date_get_clear_messages_and_nothing_is_saved() {
    let dir = data_dir();
    in_language(dir.path(), Lang::En);
    let mut h = harness(dir.path());
    devices_screen(&mut h);
    h.get_by_label("＋ Add device").click();
    h.run();
    h.get_by_label("Installed on").focus();
    h.run();
    h.get_by_label("Installed on").type_text("2025-02-30");
    h.run();
    // The field was brought into view; Save, by the form's title, is scrolled back to.
    h.get_by_label("✓ Save").scroll_to_me();
    h.run();
    h.get_by_label("✓ Save").click();
    h.run();
    h.get_by_label_contains("Please give the device a name");
    h.get_by_label_contains("is not a real date");
    assert_eq!(h.state().devices().len(), 0);
    // The date's problem goes as soon as the date is changed; the name's stays until it is.
    h.get_by_label("Installed on").focus();
    h.run();
    h.key_press(egui::Key::Backspace);
    h.run();
    assert!(h.query_by_label_contains("is not a real date").is_none());
    h.get_by_label_contains("Please give the device a name");
}

/// Saving an empty form puts messages above the fields; the first character typed into the name
/// takes them away, and the form moves up: the rest of the word still goes into the name (a
/// walkthrough kept only "收" of "收银台2号终端", the keyboard lost with the message).
#[test]
fn a_message_going_away_does_not_take_the_keyboard_from_the_field() {
    let (_dir, mut h) = new_device_form(Lang::Zh);
    h.get_by_label("✓ 保存").click();
    h.run();
    h.get_by_label_contains("请填写设备名称");
    h.get_by_label("名称（必填）").focus();
    h.run();
    for c in "收银台2号终端".chars() {
        h.event(Event::Ime(egui::ImeEvent::Commit(c.to_string())));
        h.run();
    }
    assert!(h.query_by_label_contains("请填写设备名称").is_none());
    assert_eq!(
        h.get_by_label("名称（必填）").value().unwrap(),
        "收银台2号终端"
    );
}

#[test]
fn typing_past_a_limit_says_how_long_a_field_may_be() {
    let (_dir, mut h) = new_device_form(Lang::En);
    let name = "N".repeat(poscare::device::Field::Name.max_chars());
    h.get_by_label("Name (required)").type_text(&name);
    h.run();
    h.get_by_label("Name (required)").type_text("x");
    h.run();
    let max = poscare::device::Field::Name.max_chars();
    h.get_by_label_contains(&format!("is too long ({max} characters at most)"));
    assert!(h.query_by_label_contains("pasted").is_none());
    assert_eq!(h.get_by_label("Name (required)").value().unwrap(), name);
}

/// Typed fast past a limit (a scanner, a slow frame: many characters in one frame), what fits
/// is kept where it was typed, and typing after it joins on with no gap (a fault tester's burst
/// was dropped whole and the name kept its start and end with its middle missing).
#[test]
fn a_burst_typed_past_a_limit_keeps_what_fits_and_leaves_no_gap() {
    let (_dir, mut h) = new_device_form(Lang::En);
    let max = poscare::device::Field::Name.max_chars();
    h.get_by_label("Name (required)").focus();
    h.run();
    let start = "a".repeat(max - 10);
    h.event(Event::Text(start.clone()));
    h.step();
    // Twenty characters in one frame: ten fit.
    for c in "0123456789ABCDEFGHIJ".chars() {
        h.event(Event::Text(c.to_string()));
    }
    h.step();
    h.event(Event::Text("z".into()));
    h.run();
    assert_eq!(
        h.get_by_label("Name (required)").value().unwrap(),
        format!("{start}0123456789")
    );
    h.get_by_label_contains(&format!("is too long ({max} characters at most)"));
}

#[test]
fn scanner_speed_input_keeps_every_character_in_order() {
    let (_dir, mut h) = new_device_form(Lang::En);
    // A barcode scanner types like a very fast keyboard: every character its own event, many
    // in one frame, some split across frames.
    let text = "Counter-1-terminal";
    for (i, c) in text.chars().enumerate() {
        h.event(Event::Text(c.to_string()));
        if i % 7 == 6 {
            h.step();
        }
    }
    h.run();
    assert_eq!(h.get_by_label("Name (required)").value().unwrap(), text);
    h.get_by_label("✓ Save").click();
    h.run();
    assert_eq!(h.state().devices()[0].fields.name, text);
}

#[test]
fn a_one_megabyte_paste_is_refused_politely() {
    let dir = data_dir();
    in_language(dir.path(), Lang::Zh);
    let mut h = harness(dir.path());
    devices_screen(&mut h);
    h.get_by_label("＋ 添加设备").click();
    h.run();
    h.get_by_label("备注").focus();
    h.run();
    h.event(Event::Paste("粘".repeat(1 << 20)));
    h.run();
    h.get_by_label_contains("内容太长（1048576 个字）");
    assert_eq!(h.get_by_label("备注").value().unwrap_or_default(), "");
}

/// A printer's form asks for no terminal ID, merchant ID or acquirer: those are a card
/// terminal's (a walk's printer form asked for them).
#[test]
fn a_printers_form_asks_for_no_terminal_ids() {
    let (_dir, mut h) = new_device_form(Lang::Zh);
    h.get_by_label("终端号");
    h.get_by_label("小票打印机").click();
    h.run();
    for field in ["终端号", "商户号", "收单机构 / 支付公司"] {
        assert!(h.query_by_label(field).is_none(), "{field}");
    }
    h.get_by_label("刷卡终端").click();
    h.run();
    h.get_by_label("终端号");
}

#[test]
fn retire_keeps_the_device_and_asks_for_a_reason() {
    let dir = data_dir();
    in_language(dir.path(), Lang::En);
    open(dir.path()).add_device(&terminal("Counter 1")).unwrap();
    // The app's today, not the wall clock's, is the day of retiring (a moved clock in tests).
    let today = chrono::NaiveDate::from_ymd_opt(2031, 3, 15).unwrap();
    let mut h = harness_on(dir.path(), Some(today));
    devices_screen(&mut h);
    h.get_by_label("Counter 1").click();
    h.run();
    h.get_by_label("Retire this device").click();
    h.run();
    h.run();
    // The reason takes the keyboard as it opens (it is often below the window's edge).
    h.event(egui::Event::Text("lost".into()));
    h.run();
    assert_eq!(
        h.get_by_label("Reason for retiring").value().as_deref(),
        Some("lost")
    );
    h.get_by_label("Reason for retiring").focus();
    h.run();
    for _ in 0..4 {
        h.key_press(egui::Key::Backspace);
    }
    h.run();
    h.get_by_label("Retire").click();
    h.run();
    h.get_by_label_contains("Please give a short reason");
    h.get_by_label("Reason for retiring").focus();
    h.run();
    h.get_by_label("Reason for retiring")
        .type_text("returned to the bank");
    h.get_by_label("Retire").click();
    h.run();
    let device = h.state().devices().first().unwrap().clone();
    assert_eq!(device.retired_reason, "returned to the bank");
    assert_eq!(device.retired_on, Some(today));
    // Only the detail heading names it: the list hides retired devices by default.
    assert_eq!(h.query_all_by_label("Counter 1").count(), 1);
    h.get_by_label("Show retired devices").click();
    h.run();
    assert_eq!(h.query_all_by_label("Counter 1").count(), 2);
}

#[test]
fn a_second_copy_shows_a_clear_message_naming_the_folder() {
    let dir = data_dir();
    let _first = open(dir.path());
    let h = harness(dir.path());
    h.get_by_label_contains(&dir.path().display().to_string());
    h.get_by_label_contains("Close");
}

#[test]
fn a_garbage_database_is_kept_aside_and_the_backup_is_offered_and_restored() {
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        store.set_setting(keys::LANGUAGE, "en").unwrap();
        store.add_device(&terminal("Counter 1")).unwrap();
        store
            .daily_backup(chrono::Local::now().naive_local())
            .unwrap();
    }
    std::fs::write(dir.path().join("poscare.db"), b"GARBAGE GARBAGE").unwrap();
    let mut h = harness(dir.path());
    h.get_by_label_contains("moved, unchanged, to");
    let kept: Vec<_> = std::fs::read_dir(dir.path().join("damaged"))
        .unwrap()
        .collect();
    assert_eq!(
        std::fs::read(kept[0].as_ref().unwrap().path()).unwrap(),
        b"GARBAGE GARBAGE"
    );
    h.get_by_label("Restore from backup").click();
    settle(&mut h);
    h.get_by_label_contains("Restored from the backup");
    devices_screen(&mut h);
    h.get_by_label("Counter 1");
}

#[test]
fn damage_found_after_the_first_frame_offers_the_backup() {
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        store.set_setting(keys::LANGUAGE, "en").unwrap();
        for i in 0..400 {
            let mut f = terminal(&format!("Counter {i}"));
            f.notes = "note ".repeat(100);
            store.add_device(&f).unwrap();
        }
        store
            .daily_backup(chrono::Local::now().naive_local())
            .unwrap();
    }
    let db = dir.path().join("poscare.db");
    let mut bytes = std::fs::read(&db).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid..mid + 8192]
        .iter_mut()
        .enumerate()
        .for_each(|(i, b)| *b = (i * 7 % 251) as u8);
    std::fs::write(&db, &bytes).unwrap();
    let mut h = harness(dir.path());
    h.get_by_label_contains("moved, unchanged, to");
    h.get_by_label("Restore from backup").click();
    settle(&mut h);
    h.get_by_label_contains("Restored from the backup");
    assert_eq!(h.state().devices().len(), 400);
}

/// On a 1024×700 till the device list shows every terminal ID whole: across the whole width
/// with no device open (every column, the kind too), beside the side pane once one is; the
/// "add device" form opens with the cursor in its name.
#[test]
fn terminal_ids_are_whole_at_1024_and_the_form_takes_the_keyboard() {
    use egui_kittest::kittest::NodeT as _;
    let dir = data_dir();
    in_language(dir.path(), Lang::Zh);
    {
        let mut store = open(dir.path());
        for name in ["收银台1号终端", "收银台2号终端（备用）", "收银台3号终端"]
        {
            store.add_device(&terminal(name)).unwrap();
        }
    }
    let show = std::sync::Arc::new(poscare::ui::instance::ShowRequests::default());
    let mut h =
        poscare::ui::testing::harness_sized(dir.path(), None, show, egui::vec2(1024.0, 700.0));
    devices_screen(&mut h);
    let ids_whole_left_of = |h: &Harness<'static, App>, edge: f32| {
        // (The column's heading: with the form open, its field is called so too.)
        let heading = h
            .query_all_by_label("终端号")
            .map(|n| n.rect())
            .min_by(|a, b| a.left().total_cmp(&b.left()))
            .unwrap();
        assert!(heading.right() <= edge, "{heading:?} left of {edge}");
        let ids: Vec<egui::Rect> = h.query_all_by_label("12345678").map(|n| n.rect()).collect();
        assert_eq!(ids.len(), 3);
        for id in ids {
            assert!(id.left() >= heading.left() - 1.0, "{id:?}");
            assert!(id.right() <= edge, "whole, not cut: {id:?} left of {edge}");
        }
    };
    // Nothing open: the whole width, and the kind of each device shown.
    assert!(
        h.query_by_label("在左边选一台设备查看或编辑，或者添加新设备。")
            .is_none()
    );
    ids_whole_left_of(&h, 1024.0);
    assert_eq!(h.query_all_by_label("刷卡终端").count(), 3);

    h.get_by_label("＋ 添加设备").click();
    h.run();
    // The form beside the table: the IDs still whole.
    let side = h.get_by_label("名称（必填）").rect();
    ids_whole_left_of(&h, side.left());
    ime_type(&mut h, "shouyintai", "收银台4号终端");
    let name = h.get_by_label("名称（必填）");
    assert_eq!(
        name.accesskit_node().value().as_deref(),
        Some("收银台4号终端")
    );
}

/// Tab walks the device form at 200 % on the small till, where its lower fields are below the
/// fold: each field the keyboard reaches is scrolled into view, down to the notes.
#[test]
fn tab_brings_each_field_of_a_long_form_into_view() {
    let dir = data_dir();
    in_language(dir.path(), Lang::Zh);
    open(dir.path()).set_setting(keys::ZOOM, "200").unwrap();
    let show = std::sync::Arc::new(poscare::ui::instance::ShowRequests::default());
    let size = egui::vec2(1024.0, 700.0) / 2.0;
    let mut h = poscare::ui::testing::harness_sized(dir.path(), None, show, size);
    devices_screen(&mut h);
    h.get_by_label("＋ 添加设备").click();
    settle(&mut h);
    // The form in front of the list takes the list's controls' room too.
    assert!(
        h.query_by_label("显示已停用的设备").is_none(),
        "the list's controls give way to the form"
    );
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
    assert!(
        !screen.contains_rect(h.get_by_label("备注").rect()),
        "the notes start below the fold"
    );
    h.get_by_label("名称（必填）").type_text("Till 2");
    for field in ["终端号", "客服热线", "备注"] {
        crate::tab_to(&mut h, field);
        let rect = h.get_by_label(field).rect();
        assert!(
            screen.contains_rect(rect),
            "{field} at {rect:?}, out of view"
        );
    }
    // Below the notes, with the top scrolled away, the form is saved where the hand is.
    assert!(
        !screen.contains_rect(h.get_by_label("✓ 保存").rect()),
        "the top's buttons scrolled away"
    );
    let below = h.get_by_label("✓ 保存这台设备");
    below.scroll_to_me();
    settle(&mut h);
    let below = h.get_by_label("✓ 保存这台设备");
    assert!(screen.contains_rect(below.rect()), "{:?}", below.rect());
    below.click();
    settle(&mut h);
    assert_eq!(h.state().devices()[0].fields.name, "Till 2");
}

/// A window that could not use its data folder tries again, by its button (and by itself once
/// a minute): once the other copy has let go, it records as usual (a fault tester fixed the
/// cause and the window still recorded nothing minutes later).
#[test]
fn a_window_that_could_not_use_its_folder_tries_again() {
    let dir = data_dir();
    in_language(dir.path(), Lang::En);
    let first = open(dir.path());
    let mut h = harness(dir.path());
    h.get_by_label_contains("Try again");
    assert!(h.state().devices().is_empty());
    // Still held: tried, and said again.
    h.get_by_label("Try again").click();
    h.run();
    h.get_by_label("Try again");
    drop(first);
    h.get_by_label("Try again").click();
    h.run();
    h.run();
    assert!(
        h.query_by_label("Try again").is_none(),
        "the folder is in use now"
    );
    h.get_by_label_contains("The data folder can be used now");
    drop(h);
    // It was really opened: its lock is taken and given back, and the data is there.
    let store = open(dir.path());
    drop(store);
}

/// A terminal past its warranty says so in its details, and one whose warranty ends within a
/// month says how many days are left (a shop owner saw "保修到期 2025-03-18" and nothing else).
#[test]
fn a_warranty_ended_or_ending_is_said_in_the_details() {
    let dir = data_dir();
    in_language(dir.path(), Lang::Zh);
    let today = chrono::Local::now().date_naive();
    for (name, until) in [
        ("旧终端", today - chrono::Days::new(200)),
        ("新终端", today + chrono::Days::new(10)),
    ] {
        let mut f = terminal(name);
        f.installed_on = Some(until - chrono::Days::new(700));
        f.warranty_until = Some(until);
        open(dir.path()).add_device(&f).unwrap();
    }
    let mut h = harness(dir.path());
    devices_screen(&mut h);
    h.get_by_label("旧终端").click();
    h.run();
    h.get_by_label("⚠ 已过保修期：维修可能要收费，报修前先问清楚");
    h.get_by_label("新终端").click();
    h.run();
    h.get_by_label("⚠ 保修还有 10 天到期：有毛病趁保修期内报修");
    assert!(
        h.query_by_label("⚠ 已过保修期：维修可能要收费，报修前先问清楚")
            .is_none()
    );
}

/// The window's × with a device half typed in: the closing waits and asks (a tester's typing
/// was lost without a word); "go back" keeps the typing, "close without saving" closes. An empty
/// form, or one closed, holds nothing back.
#[test]
fn closing_the_window_with_a_device_half_typed_asks_first() {
    use poscare::ui::command::Screen;
    let (_dir, mut h) = new_device_form(Lang::Zh);
    // Opened, nothing typed: nothing to lose.
    poscare::ui::testing::close_window(&mut h);
    h.run();
    assert!(h.state().unsaved_close().is_none());
    ime_type(&mut h, "xinzhongduan", "新终端 收银台2号");
    poscare::ui::testing::close_window(&mut h);
    h.run();
    assert_eq!(h.state().unsaved_close(), Some(&[Screen::Devices][..]));
    assert!(!h.state().quitting());
    h.get_by_label_contains("现在关掉窗口，这些内容就没有了");
    h.get_by_label("回去保存").click();
    h.run();
    assert!(h.state().unsaved_close().is_none());
    assert!(
        h.query_all_by_value("新终端 收银台2号").next().is_some(),
        "the typing is still there"
    );
    poscare::ui::testing::close_window(&mut h);
    h.run();
    h.get_by_label("不保存，关闭窗口").click();
    h.run();
    assert!(h.state().quitting(), "closed at the owner's word");
}

/// A terminal ID another terminal in use already has is said under the field (not refused:
/// it may be right), naming that terminal; a different one says nothing.
#[test]
fn a_terminal_id_typed_twice_names_the_terminal_that_has_it() {
    let dir = data_dir();
    in_language(dir.path(), Lang::Zh);
    common::open(dir.path())
        .add_device(&common::terminal("收银台1号终端"))
        .unwrap();
    let mut h = harness(dir.path());
    devices_screen(&mut h);
    poscare::ui::testing::click(&mut h, "＋ 添加设备");
    let type_id = |h: &mut Harness<'static, App>, text: &str| {
        terminal_id_field(h).focus();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.key_press(egui::Key::Backspace);
        terminal_id_field(h).type_text(text);
        h.run();
    };
    type_id(&mut h, "12345678");
    h.get_by_label_contains("收银台1号终端 也是这个终端号");
    type_id(&mut h, "12345679");
    assert!(h.query_by_label_contains("也是这个终端号").is_none());
}

/// The form's terminal ID box (the list's column is called so too).
fn terminal_id_field<'h>(h: &'h Harness<'static, App>) -> egui_kittest::Node<'h> {
    use egui_kittest::kittest::NodeT as _;
    h.query_all_by_label("终端号")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
        .expect("the terminal ID field")
}

/// The bank's replacement named as the unit it replaces: said at once, since the records,
/// charts and exports could not tell the two apart (a shop owner's two "Counter terminal"s).
#[test]
fn a_name_another_device_has_is_said_before_saving() {
    let dir = data_dir();
    in_language(dir.path(), Lang::En);
    let id = open(dir.path())
        .add_device(&terminal("Counter terminal"))
        .unwrap();
    open(dir.path())
        .retire_device(id, chrono::Local::now().date_naive(), "the bank swapped it")
        .unwrap();
    let mut h = harness(dir.path());
    devices_screen(&mut h);
    h.get_by_label("＋ Add device").click();
    h.run();
    poscare::ui::testing::type_into(&mut h, "Name (required)", "Counter terminal");
    h.get_by_label_contains("A retired device has this name too");
    poscare::ui::testing::type_into(&mut h, "Name (required)", "Counter terminal (new)");
    assert!(h.query_by_label_contains("has this name too").is_none());
}

/// Retiring a unit with open incidents offers to resolve them with it (ticked): the bank's swap
/// left the old unit's faults "open" on Today for ever. Unticked, they stay open.
#[test]
fn retiring_a_device_resolves_its_open_incidents_when_ticked() {
    use poscare::incident::IncidentStatus;
    let dir = data_dir();
    in_language(dir.path(), Lang::En);
    let (old, other) = {
        let mut store = open(dir.path());
        let old = store.add_device(&terminal("Counter 1")).unwrap();
        let other = store.add_device(&terminal("Counter 2")).unwrap();
        for (device, prompt) in [(old, "A0"), (old, "96"), (other, "A0")] {
            store
                .add_incident(&common::new_incident(device, prompt))
                .unwrap();
        }
        (old, other)
    };
    let mut h = harness(dir.path());
    devices_screen(&mut h);
    h.get_by_label("Counter 1").click();
    h.run();
    h.get_by_label("Retire this device").click();
    h.run();
    h.event(egui::Event::Text("the bank swapped it".into()));
    h.run();
    h.get_by_label_contains("Mark this device's 2 open or handed-on incidents resolved");
    h.get_by_label("Retire").click();
    settle(&mut h);
    let incidents = open_incidents(&h);
    assert_eq!(
        incidents,
        vec![other],
        "only the other terminal's stays open"
    );
    let resolved = h
        .state()
        .incidents()
        .iter()
        .filter(|i| i.device_id == Some(old))
        .map(|i| (i.status, i.resolution.clone()))
        .collect::<Vec<_>>();
    assert_eq!(resolved.len(), 2);
    assert!(
        resolved
            .iter()
            .all(|(s, r)| *s == IncidentStatus::Resolved
                && r == "Device retired: the bank swapped it")
    );
}

/// The devices of the open incidents the window shows.
fn open_incidents(h: &Harness<'static, App>) -> Vec<i64> {
    h.state()
        .incidents()
        .iter()
        .filter(|i| i.status == poscare::incident::IncidentStatus::Open)
        .filter_map(|i| i.device_id)
        .collect()
}

/// A retired unit put back in use beside one that took its name: said before it is (a tester's
/// two "Counter"s could not be told apart when recording).
#[test]
fn putting_back_a_device_whose_name_is_taken_says_so() {
    let dir = data_dir();
    in_language(dir.path(), Lang::En);
    {
        let mut store = open(dir.path());
        let old = store.add_device(&terminal("Counter")).unwrap();
        store
            .retire_device(old, chrono::Local::now().date_naive(), "swapped")
            .unwrap();
        store.add_device(&terminal("Counter")).unwrap();
    }
    let mut h = harness(dir.path());
    devices_screen(&mut h);
    h.get_by_label("Show retired devices").click();
    h.run();
    let rows: Vec<egui::Rect> = h.query_all_by_label("Counter").map(|n| n.rect()).collect();
    assert_eq!(rows.len(), 2, "both listed");
    let mut warned = Vec::new();
    for row in rows {
        poscare::ui::testing::click_at(&mut h, row.center());
        warned.push((
            h.query_by_label("Put back in use").is_some(),
            h.query_by_label_contains("A device in use has this name too")
                .is_some(),
        ));
    }
    warned.sort();
    assert_eq!(
        warned,
        [(false, false), (true, true)],
        "said for the retired one only"
    );
    // Put back all the same, it is said again, with what to do.
    for row in h
        .query_all_by_label("Counter")
        .map(|n| n.rect())
        .collect::<Vec<_>>()
    {
        poscare::ui::testing::click_at(&mut h, row.center());
        if h.query_by_label("Put back in use").is_some() {
            break;
        }
    }
    h.get_by_label("Put back in use").click();
    h.run();
    h.get_by_label_contains("Another device in use has this name: rename one of them");
}
