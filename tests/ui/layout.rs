//! The layout test: every screen, in both languages, with a realistic shop's data, at the window
//! sizes of real tills (1024×768, 1366×768) and at 100 %, 150 % and 200 % zoom. It fails when two
//! interactive widgets overlap (one drawn over the other), or when a widget lies outside the
//! window and no scroll area brings it into view.

use crate::common;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui::{Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use poscare::device::{DeviceDraft, DeviceKind};
use poscare::i18n::Lang;
use poscare::incident::NewIncident;
use poscare::planner::Staff;
use poscare::store::keys;
use poscare::ui::app::{App, Screen};
use poscare::ui::instance::ShowRequests;
use poscare::ui::testing::{harness_sized, settle};

use common::{data_dir, open, terminal};

/// The sizes of the tills (in pixels) and the zooms the owners choose.
pub(crate) const SIZES: [(f32, f32); 2] = [(1024.0, 768.0), (1366.0, 768.0)];
pub(crate) const ZOOMS: [u32; 3] = [100, 150, 200];

pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

/// A shop as it looks after some months: three devices (one with long notes), two staff, the
/// starter plan and the emergency plans, and a few incidents with long prompts.
pub(crate) fn realistic_shop(lang: Lang, zoom: u32) -> tempfile::TempDir {
    let dir = data_dir();
    let mut store = open(dir.path());
    store.set_setting(keys::LANGUAGE, lang.code()).unwrap();
    store.set_setting(keys::ZOOM, &zoom.to_string()).unwrap();
    store
        .set_setting(keys::SHOP_NAME, "好邻居便利店（人民路店）")
        .unwrap();
    let counter = store.add_device(&terminal("收银台1号终端")).unwrap();
    store
        .add_device(&terminal("收银台2号终端（备用）"))
        .unwrap();
    let printer = DeviceDraft {
        name: "小票打印机".into(),
        kind: DeviceKind::Printer,
        brand: "佳博".into(),
        model: "GP-58 系列热敏打印机".into(),
        notes: "纸卷 57mm；卡纸时先关机再开盖。".repeat(8),
        ..Default::default()
    };
    store.add_device(&printer.validate().unwrap()).unwrap();
    for name in ["张三", "李四"] {
        let staff = Staff {
            id: 0,
            name: name.into(),
            role: "收银员".into(),
            phone: String::new(),
            started_on: Some(today() - chrono::Days::new(120)),
            active: true,
            added_on: None,
        };
        store.save_staff(None, &staff).unwrap();
    }
    let plan = poscare::planner::starter::starter_plan();
    let start = today() - chrono::Days::new(30);
    let tasks: Vec<_> = plan
        .tasks
        .iter()
        .map(|t| (t.key.clone(), t.fields(lang, start, Some(counter))))
        .collect();
    let modules: Vec<_> = plan
        .modules
        .iter()
        .map(|m| (m.key.clone(), m.module(lang)))
        .collect();
    let plans = poscare::emergency::starter::starter_fields(lang);
    store.apply_starter(&tasks, &modules, &plans).unwrap();
    // Contacts with long notes and a drill that was run, for the emergency screen's lists.
    for (name, phone) in [
        ("银联商务客服（收银台1号终端）", "95534"),
        ("王师傅（维修）", "12345678"),
    ] {
        let contact = poscare::emergency::contact::ContactFields {
            name: name.into(),
            phone: phone.into(),
            note: "报终端号、商户号和机身序列号；晚上十点以后打值班电话。".repeat(2),
            ..Default::default()
        };
        store.add_contact(&contact.validate().unwrap()).unwrap();
    }
    let plan_id = store.emergency_plans().unwrap()[0].id;
    let new = poscare::emergency::outage::NewOutage {
        plan_id: Some(plan_id),
        device_id: Some(counter),
        staff_id: None,
        drill: true,
    };
    let started = today().and_hms_opt(9, 0, 0).unwrap() - chrono::Days::new(3);
    let id = store.start_outage(&new, started).unwrap();
    let end = poscare::emergency::outage::OutageEnd {
        lost: "没有".into(),
        fix: "重新签到、重启路由器以后恢复；收款码立牌放在收银台左边抽屉里。".into(),
    };
    let ended = started + chrono::Duration::minutes(25);
    store
        .end_outage(id, &end.validate().unwrap(), ended, None)
        .unwrap();
    for (prompt, entry) in [
        ("51 余额不足", Some("RC-51")),
        (
            "A0 校验错，请重新签到后再试（终端提示很长的一句话）",
            Some("RC-A0"),
        ),
        (
            "用户已在1分钟内支付过金额相同的订单，需用户确认后继续支付",
            None,
        ),
    ] {
        let new = NewIncident {
            device_id: Some(counter),
            prompt: prompt.into(),
            entry_id: entry.map(Into::into),
            steps_done: Vec::new(),
            note: "顾客说刚才在别家也刷不了。".into(),
            staff_id: None,
        };
        store.add_incident(&new).unwrap();
    }
    drop(store);
    dir
}

/// A widget drawn in the last frame: its name, its layer, its whole rectangle and the part of it
/// that can be seen (clipped by its panel or scroll area).
struct Drawn {
    id: egui::Id,
    parent: egui::Id,
    name: String,
    layer: egui::LayerId,
    rect: Rect,
    visible: Rect,
}

/// The interactive widgets of the last frame (buttons, fields, links, selectable text).
fn drawn(h: &Harness<'static, App>) -> Vec<Drawn> {
    let mut names = HashMap::new();
    for node in h.root().children_recursive() {
        let ak = node.accesskit_node();
        // Containers (table cells), scroll bars (egui's float over the content by design) and
        // the panels' resize handles (they straddle the panel's edge) are not widgets to check.
        if matches!(
            ak.role(),
            Role::GenericContainer | Role::ScrollBar | Role::Splitter
        ) {
            continue;
        }
        if let Some(name) = ak.label().or_else(|| ak.value()) {
            names.insert(ak.locate().0.0, name);
        }
    }
    h.ctx.viewport(|v| {
        let pass = if v.this_pass.widgets.layers().next().is_some() {
            &v.this_pass
        } else {
            &v.prev_pass
        };
        let mut out = Vec::new();
        for (layer, widgets) in pass.widgets.layers() {
            for w in widgets {
                let interactive = w.sense.senses_click() || w.sense.is_focusable();
                if !interactive || !w.visible || !w.rect.is_finite() {
                    continue;
                }
                // Unnamed widgets are containers and resize handles, not what a person clicks.
                let Some(name) = names.get(&w.id.value()) else {
                    continue;
                };
                if w.rect.width() < 1.0 || w.rect.height() < 1.0 {
                    continue;
                }
                out.push(Drawn {
                    id: w.id,
                    parent: w.parent_id,
                    name: name.clone(),
                    layer: *layer,
                    rect: w.rect,
                    visible: w.interact_rect,
                });
            }
        }
        out
    })
}

/// Widgets drawn over one another (in what can be seen of them).
fn overlaps(h: &Harness<'static, App>, place: &str) -> Vec<String> {
    let widgets = drawn(h);
    let mut out = Vec::new();
    for (i, a) in widgets.iter().enumerate() {
        for b in &widgets[i + 1..] {
            if a.layer != b.layer || a.id == b.id || a.parent == b.id || b.parent == a.id {
                continue;
            }
            let overlap = a.visible.intersect(b.visible);
            if overlap.is_positive() && overlap.width() > 1.0 && overlap.height() > 1.0 {
                out.push(format!(
                    "{place}: “{}” and “{}” overlap ({:?} ∩ {:?})",
                    a.name, b.name, a.visible, b.visible
                ));
            }
        }
    }
    out
}

/// Widgets (partly) outside the window.
fn outside(h: &Harness<'static, App>) -> Vec<Drawn> {
    // Half a point of slack for rounding at fractional zooms.
    let window = h.ctx.content_rect().expand(0.5);
    drawn(h)
        .into_iter()
        .filter(|w| !window.contains_rect(beginning(w.rect, window)))
        .collect()
}

/// The part of a widget that must come into view: all of a small one; the beginning (where the
/// eye starts reading and the mouse can click) of a wide text box, a long paragraph or a chart.
fn beginning(rect: Rect, window: Rect) -> Rect {
    let size = egui::vec2(
        rect.width().min(160.0).min(window.width() / 2.0),
        rect.height().min(60.0).min(window.height() / 2.0),
    );
    Rect::from_min_size(rect.min, size)
}

/// Turns the mouse wheel over the window, towards widget `id`, until it is in view (some widgets,
/// plain text among them, do not answer AccessKit's "scroll into view").
fn wheel_into_view(h: &mut Harness<'static, App>, id: egui::Id) {
    for _ in 0..40 {
        let window = h.ctx.content_rect();
        let Some(w) = drawn(h).into_iter().find(|w| w.id == id) else {
            return;
        };
        if window.expand(0.5).contains_rect(beginning(w.rect, window)) {
            return;
        }
        // Over the scroll area that holds it: the edge of its clip rectangle nearest to it.
        let clip = w.visible;
        let lo = clip.min + egui::vec2(20.0, 10.0);
        let hi = (clip.max - egui::vec2(20.0, 10.0)).max(lo);
        let inner = window.shrink(40.0);
        let at = w.rect.center().clamp(lo, hi).clamp(inner.min, inner.max);
        let step = 60.0;
        let delta = egui::vec2(
            if w.rect.left() < window.left() {
                step
            } else if w.rect.right() > window.right() {
                -step
            } else {
                0.0
            },
            if w.rect.top() < window.top() {
                step
            } else if w.rect.bottom() > window.bottom() {
                -step
            } else {
                0.0
            },
        );
        // Over the edge nearest to it first; if nothing scrolls there (an inner scroll area at
        // its end), over the middle of the window's content.
        let middle = egui::pos2(window.center().x + window.width() / 6.0, at.y);
        let mut moved = false;
        for point in [at, middle] {
            h.event(egui::Event::PointerMoved(point));
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta,
                phase: egui::TouchPhase::Move,
                modifiers: egui::Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            });
            settle(h);
            let now = drawn(h).into_iter().find(|x| x.id == id).map(|x| x.rect);
            if now != Some(w.rect) {
                moved = true;
                break;
            }
        }
        if !moved {
            return;
        }
    }
}

/// What is wrong with the window `h` shows now: widgets drawn over one another, and widgets
/// out of reach.
pub(crate) fn problems(h: &mut Harness<'static, App>, place: &str) -> Vec<String> {
    let mut found = overlaps(h, place);
    found.extend(unreachable(h, place));
    found
}

/// Fails with every problem `found` (in `what`), once each.
pub(crate) fn assert_fits(mut found: Vec<String>, what: &str) {
    found.dedup();
    assert!(
        found.is_empty(),
        "{} layout problems {what}:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Scrolls each widget outside the window into view, and reports the ones no scroll area
/// brings in.
fn unreachable(h: &mut Harness<'static, App>, place: &str) -> Vec<String> {
    let mut out = Vec::new();
    for widget in outside(h) {
        let target = widget.id.value();
        let node = h
            .root()
            .children_recursive()
            .find(|n| n.accesskit_node().locate().0.0 == target);
        if let Some(node) = node {
            node.scroll_to_me();
        }
        settle(h);
        wheel_into_view(h, widget.id);
        let window = h.ctx.content_rect().expand(0.5);
        if let Some(after) = drawn(h).into_iter().find(|w| w.id == widget.id)
            && !window.contains_rect(beginning(after.rect, window))
        {
            out.push(format!(
                "{place}: “{}” lies outside the window ({:?} not in {window:?})",
                after.name, after.rect
            ));
        }
    }
    out
}

fn check_language(lang: Lang) {
    let mut found = Vec::new();
    for (w, hgt) in SIZES {
        for zoom in ZOOMS {
            let dir = realistic_shop(lang, zoom);
            // The harness's size is in points; the till's pixels are shared out by the zoom.
            let size = Vec2::new(w, hgt) / (zoom as f32 / 100.0);
            let show = Arc::new(ShowRequests::default());
            let mut h = harness_sized(dir.path(), Some(today()), show, size);
            for &screen in Screen::ALL {
                let label = lang.t(screen.label());
                h.get_by_label(label).scroll_to_me();
                settle(&mut h);
                h.get_by_label(label).click();
                settle(&mut h);
                let place = format!("{w}×{hgt} at {zoom} %, {screen:?}");
                if h.state().screen() != screen {
                    found.push(format!("{place}: the navigation cannot open it"));
                    continue;
                }
                found.extend(problems(&mut h, &place));
            }
        }
    }
    assert_fits(found, &format!("in {lang:?}"));
}

#[test]
fn every_screen_fits_in_chinese() {
    check_language(Lang::Zh);
}

#[test]
fn every_screen_fits_in_english() {
    check_language(Lang::En);
}

/// On a 1024-pixel till at 200 %, a list and its side pane take turns instead of scrolling
/// sideways: the device opens over the list with a way back, and a looked-up answer comes first.
#[test]
fn on_a_narrow_window_the_list_and_its_side_pane_take_turns() {
    let dir = realistic_shop(Lang::Zh, 200);
    let show = Arc::new(ShowRequests::default());
    // The harness's size is in points: 1024×768 pixels at 200 %.
    let mut h = harness_sized(dir.path(), Some(today()), show, Vec2::new(512.0, 384.0));
    h.get_by_label("设备").scroll_to_me();
    settle(&mut h);
    h.get_by_label("设备").click();
    settle(&mut h);
    // The list alone: no hint of a side pane, and nothing to scroll sideways to.
    assert!(h.query_by_label("返回列表").is_none());
    h.get_by_label("收银台1号终端").scroll_to_me();
    settle(&mut h);
    h.get_by_label("收银台1号终端").click();
    settle(&mut h);
    // The device in front, the list behind it.
    h.get_by_label("← 返回列表");
    assert!(h.query_by_label("收银台2号终端（备用）").is_none());
    assert!(h.query_all_by_label_contains("12345678").next().is_some());
    h.get_by_label("← 返回列表").click();
    settle(&mut h);
    assert!(
        h.query_all_by_label("收银台2号终端（备用）")
            .next()
            .is_some()
    );

    // Lookup: the answer to what was typed comes first; the results are one click back.
    h.get_by_label("查提示").scroll_to_me();
    settle(&mut h);
    h.get_by_label("查提示").click();
    settle(&mut h);
    h.get_by_label("终端上显示的内容").type_text("51");
    settle(&mut h);
    h.get_by_label("← 返回列表").click();
    settle(&mut h);
    assert!(h.query_by_label("← 返回列表").is_none());
}

/// History with a record open (and its correction form) fits at every till size and zoom, in
/// both languages: beside the table where there is room, in its place where there is not.
#[test]
fn a_history_record_fits_at_every_size_and_zoom() {
    let mut found = Vec::new();
    for lang in Lang::ALL {
        for (w, hgt) in SIZES {
            for zoom in ZOOMS {
                let dir = realistic_shop(lang, zoom);
                let size = Vec2::new(w, hgt) / (zoom as f32 / 100.0);
                let show = Arc::new(ShowRequests::default());
                // The shop's records are dated now: the clock is the PC's (never doubted).
                let mut h = harness_sized(dir.path(), None, show, size);
                let place = format!("{w}×{hgt} at {zoom} % in {lang:?}, a history record");
                let history = lang.t(Screen::History.label());
                h.get_by_label(history).scroll_to_me();
                settle(&mut h);
                h.get_by_label(history).click();
                settle(&mut h);
                // With six columns, the details column (at least 100 points) is in view, not
                // cut at the window's edge.
                if let Some(detail) = h.query_by_label(lang.t(poscare::i18n::T::HistColDetail))
                    && detail.rect().left() + 100.0 > h.ctx.content_rect().right() + 0.5
                {
                    found.push(format!(
                        "{place}: the details column is cut at the window's edge"
                    ));
                }
                // The newest entry, with the longest notes: the printer added.
                // The newest entry (the backup's long path), clicked where every width shows it:
                // its time, under the header's.
                let header = h.get_by_label(lang.t(poscare::i18n::T::HistColTime)).rect();
                let (x, y) = (header.center().x, header.bottom() + header.height());
                poscare::ui::testing::click_at(&mut h, egui::pos2(x, y));
                found.extend(problems(&mut h, &place));
                let amend = lang.t(poscare::i18n::T::HistAmend);
                let Some(button) = h.query_by_label(amend) else {
                    found.push(format!("{place}: the record did not open"));
                    continue;
                };
                button.click();
                settle(&mut h);
                let place = format!("{place} being corrected");
                found.extend(problems(&mut h, &place));
            }
        }
    }
    assert_fits(found, "");
}

/// A new shop's Today (the set-up steps, the starter plan) and a problem on a check covering two
/// terminals (the question which one) fit too, on the smaller till at each zoom.
#[test]
fn a_new_shops_today_and_the_device_question_fit() {
    let mut found = Vec::new();
    let (w, hgt) = SIZES[0];
    for lang in Lang::ALL {
        for zoom in ZOOMS {
            let size = Vec2::new(w, hgt) / (zoom as f32 / 100.0);
            let place = format!("{w}×{hgt} at {zoom} %, {lang:?}");
            let dir = data_dir();
            {
                let mut store = open(dir.path());
                store.set_setting(keys::LANGUAGE, lang.code()).unwrap();
                store.set_setting(keys::ZOOM, &zoom.to_string()).unwrap();
            }
            let show = Arc::new(ShowRequests::default());
            let mut h = harness_sized(dir.path(), Some(today()), show.clone(), size);
            found.extend(problems(&mut h, &format!("{place}, a new shop")));
            drop(h);

            let dir = realistic_shop(lang, zoom);
            let mut h = harness_sized(dir.path(), Some(today()), show, size);
            let item = h
                .query_all_by_label_contains(lang.t(poscare::i18n::T::OutcomeProblem))
                .find(|n| n.accesskit_node().role() == Role::Button)
                .map(|n| n.accesskit_node().label().unwrap_or_default());
            let item = item.expect("a checklist item's problem toggle");
            h.get_by_label(&item).scroll_to_me();
            settle(&mut h);
            h.get_by_label(&item).click();
            settle(&mut h);
            let question = lang.t(poscare::i18n::T::TodayProblemWhere);
            assert!(h.query_all_by_label_contains(question).next().is_some());
            found.extend(problems(&mut h, &format!("{place}, the device question")));
        }
    }
    assert_fits(found, "");
}

/// The tills the Insights screen is checked at with its own period open (issue 20's window on a
/// 1024×768 screen is 1024×700).
const INSIGHTS_SIZES: [(f32, f32); 2] = [(1024.0, 700.0), (1366.0, 768.0)];

/// A year of incidents of every family on two terminals, so that each chart has bars, a legend
/// and long labels.
fn a_year_of_incidents(dir: &std::path::Path) {
    let prompts = [
        (Some("LOC-READ-FAIL"), "读卡失败，请重新刷卡"),
        (
            Some("RC-A0"),
            "A0 校验错，请重新签到后再试（终端提示很长的一句话）",
        ),
        (None, "通讯失败，请检查网络连接"),
        (None, "打印机缺纸"),
        (None, "冲正交易未完成"),
        (Some("RC-51"), "51 余额不足"),
    ];
    let times: Vec<String> = (1..=11)
        .flat_map(|m| (0..6).map(move |i| format!("2026-{m:02}-{:02}T10:00:00", 3 + 4 * i)))
        .collect();
    let rows: Vec<(Option<i64>, &str, Option<&str>, &str)> = times
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (entry, prompt) = prompts[i % prompts.len()];
            (Some(1 + (i % 2) as i64), t.as_str(), entry, prompt)
        })
        .collect();
    common::incidents_at(dir, &rows);
}

/// The legend entries ("■ name") drawn.
fn legends(h: &Harness<'static, App>) -> Vec<(String, Rect)> {
    h.root()
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == Role::Label)
        .filter_map(|n| {
            let text = n.accesskit_node().value()?;
            text.starts_with("■ ").then(|| (text, n.rect()))
        })
        .collect()
}

/// Legend entries drawn on more than one line: split inside a word.
fn split_legends(h: &Harness<'static, App>, place: &str) -> Vec<String> {
    // One line of body text is as high as a button (30 points); two are about 48.
    legends(h)
        .into_iter()
        .filter(|(_, rect)| rect.height() > 40.0)
        .map(|(name, rect)| format!("{place}: the legend “{name}” wraps ({rect:?})"))
        .collect()
}

/// Insights with its own period open (being typed, its calendar open, shown, refused) fits at
/// each till size and zoom in both languages, and no legend entry splits across lines.
#[test]
fn insights_with_a_custom_range_fits_at_every_size_and_zoom() {
    use poscare::i18n::T;
    let mut found = Vec::new();
    for lang in Lang::ALL {
        for (w, hgt) in INSIGHTS_SIZES {
            for zoom in ZOOMS {
                let dir = realistic_shop(lang, zoom);
                a_year_of_incidents(dir.path());
                let size = Vec2::new(w, hgt) / (zoom as f32 / 100.0);
                let show = Arc::new(ShowRequests::default());
                let mut h = harness_sized(dir.path(), Some(today()), show, size);
                let place = format!("{w}×{hgt} at {zoom} % in {lang:?}, Insights");
                let click = |h: &mut Harness<'static, App>, label: &str| {
                    h.get_by_label(label).scroll_to_me();
                    settle(h);
                    h.get_by_label(label).click();
                    settle(h);
                };
                let mut check = |h: &mut Harness<'static, App>, state: &str| {
                    let place = format!("{place}, {state}");
                    found.extend(problems(h, &place));
                    found.extend(split_legends(h, &place));
                };
                click(&mut h, lang.t(Screen::Insights.label()));
                check(&mut h, "as it opens");
                click(&mut h, lang.t(T::InsightsCustom));
                check(&mut h, "its own period open");
                let (from, to) = (lang.t(T::InsightsRangeFrom), lang.t(T::InsightsRangeTo));
                poscare::ui::testing::type_into(&mut h, from, "2026-01-01");
                poscare::ui::testing::type_into(&mut h, to, "2026-12-04");
                let pick = lang.fill(T::InsightsRangePickName, &[("field", from)]);
                click(&mut h, &pick);
                check(&mut h, "its calendar open");
                click(&mut h, lang.t(T::InsightsRangeShow));
                assert_eq!(
                    h.state().insights().summary().months.len(),
                    12,
                    "{place}: the period shown"
                );
                check(&mut h, "its own period shown");
                let drawn = legends(&h).len();
                assert!(drawn >= 6, "{place}: the legends drawn ({drawn})");
                poscare::ui::testing::type_into(&mut h, to, "2026-02-30");
                click(&mut h, lang.t(T::InsightsRangeShow));
                check(&mut h, "a wrong date refused");
            }
        }
    }
    assert_fits(found, "");
}

/// A dialog on a 1024×700 till at 200 % (512 points wide) stays inside the window: the one
/// asked when the window is closed with a form half typed was wider than the window, its
/// first words cut off at the left.
#[test]
fn a_dialog_fits_a_small_till_at_200_percent() {
    let dir = realistic_shop(Lang::En, 200);
    let show = Arc::new(ShowRequests::default());
    let size = Vec2::new(512.0, 350.0);
    let mut h = harness_sized(dir.path(), Some(today()), show, size);
    h.get_by_label("Devices").click();
    settle(&mut h);
    h.get_by_label("＋ Add device").click();
    settle(&mut h);
    h.get_by_label("Name (required)").focus();
    h.run();
    h.event(egui::Event::Text("Back counter".into()));
    settle(&mut h);
    poscare::ui::testing::close_window(&mut h);
    settle(&mut h);
    // Inside, with room for the dialog's frame around its text and buttons.
    let inside = h.ctx.content_rect().shrink(8.0);
    for name in ["Go back to it", "Close without saving"] {
        let rect = h.get_by_label(name).rect();
        assert!(inside.contains_rect(rect), "{name}: {rect:?} in {inside:?}");
    }
    let body = h
        .get_by_label_contains("Closing the window now loses it")
        .rect();
    assert!(inside.contains_rect(body), "{body:?} in {inside:?}");
}
