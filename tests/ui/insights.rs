//! The Insights flow on the real app: a terminal with five read failures in ten days shows the
//! attention card on Today; the Insights screen lists the warning with what to do; a click on a
//! chart's bar opens the history filtered to it; "got it" puts the warning away; the rules are
//! checked before they are saved.

use crate::common;

use chrono::NaiveDate;
use common::{data_dir, incidents_at, open, terminal};
use egui_kittest::kittest::Queryable as _;
use poscare::history::Kind;
use poscare::i18n::Lang;
use poscare::insights::Family;
use poscare::store::keys;
use poscare::ui::app::Screen;
use poscare::ui::testing::{click, harness_on, settle, type_into};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// One terminal with five read failures between 11-11 and 11-19 (nine days), in `lang`.
fn shop(lang: Lang) -> tempfile::TempDir {
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        store.set_setting(keys::LANGUAGE, lang.code()).unwrap();
        store.add_device(&terminal("收银台1号")).unwrap();
    }
    let rows: Vec<(Option<i64>, &str, Option<&str>, &str)> = [
        "2026-11-11T09:00:00",
        "2026-11-13T10:00:00",
        "2026-11-15T11:00:00",
        "2026-11-17T12:00:00",
        "2026-11-19T13:00:00",
    ]
    .into_iter()
    .map(|t| (Some(1), t, Some("LOC-READ-FAIL"), "读卡失败，请重新刷卡"))
    .collect();
    incidents_at(dir.path(), &rows);
    dir
}

#[test]
fn five_read_failures_show_the_card_and_a_bar_opens_the_filtered_history() {
    let dir = shop(Lang::Zh);
    let mut h = harness_on(dir.path(), Some(today()));
    assert_eq!(h.state().screen(), Screen::Today);
    h.get_by_label("⚠ 需要注意");
    h.get_by_label("• 收银台1号：9 天内读卡失败 5 次");

    click(&mut h, "打开分析");
    assert_eq!(h.state().screen(), Screen::Insights);
    h.get_by_label("⚠ 收银台1号：9 天内读卡失败 5 次");
    h.get_by_label_contains("用清洁卡清洁刷卡槽和芯片卡座");
    let summary = h.state().insights().summary();
    assert_eq!(summary.months.len(), 12);
    let november = summary.months.last().unwrap();
    assert_eq!(november.by_family[Family::CardRead.index()], 5);

    // Click the November bar (the last of twelve) of the incidents chart.
    h.get_by_label("图表：每月故障次数（按类别）")
        .scroll_to_me();
    settle(&mut h);
    let rect = h.get_by_label("图表：每月故障次数（按类别）").rect();
    let bar = egui::pos2(
        rect.left() + rect.width() * (11.5 / 12.0),
        rect.bottom() - 4.0,
    );
    h.hover_at(bar);
    h.run();
    h.drag_at(bar);
    h.drop_at(bar);
    settle(&mut h);
    assert_eq!(h.state().screen(), Screen::History);
    let filter = h.state().history().filter();
    assert_eq!(filter.from, NaiveDate::from_ymd_opt(2026, 11, 1));
    // The month's days within the period, which ends today.
    assert_eq!(filter.to, Some(today()));
    assert_eq!(filter.kinds, vec![Kind::Incident]);
    h.get_by_label("5 条记录");
}

#[test]
fn got_it_puts_the_warning_away_and_bad_rules_are_refused() {
    let dir = shop(Lang::En);
    let mut h = harness_on(dir.path(), Some(today()));
    h.get_by_label("• 收银台1号: Card-read failures 5 times in 9 days");
    click(&mut h, "Open Insights");
    click(
        &mut h,
        "Show records: 收银台1号: Card-read failures 5 times in 9 days",
    );
    assert_eq!(h.state().screen(), Screen::History);
    assert_eq!(h.state().history().filter().device, Some(1));
    h.get_by_label("Entries: 5");

    click(&mut h, "Insights");
    click(
        &mut h,
        "Got it: 收银台1号: Card-read failures 5 times in 9 days",
    );
    assert!(h.state().warnings().iter().all(|w| w.acknowledged));
    h.get_by_label_contains("✓ No pattern needs attention");
    click(&mut h, "Today");
    assert!(h.query_by_label("⚠ Needs attention").is_none());

    click(&mut h, "Insights");
    type_into(&mut h, "Card-read failures: times", "1");
    click(&mut h, "Save warning rules");
    h.get_by_label_contains("the count must be a whole number from 2 to 50 (now “1”)");
    type_into(&mut h, "Card-read failures: times", "6");
    click(&mut h, "Save warning rules");
    h.get_by_label_contains("Warning rules saved.");
    let store_rules = {
        drop(h);
        open(dir.path()).repeat_rules().unwrap()
    };
    assert_eq!(store_rules.get(Family::CardRead).unwrap().count, 6);
}

/// The period the Insights screen shows (the figures last read).
fn shown(h: &egui_kittest::Harness<'static, poscare::ui::app::App>) -> (NaiveDate, NaiveDate) {
    let period = h.state().insights().summary().period.expect("figures read");
    (period.from, period.to)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Replaces the text of the focused field with `text`, on the keyboard.
fn retype(h: &mut egui_kittest::Harness<'static, poscare::ui::app::App>, text: &str) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    crate::press(h, egui::Key::Backspace);
    crate::type_keys(h, text);
}

/// Keyboard only: Tab to "自定义…", type both days (one wrong in each way first: reversed, a
/// day that does not exist, an absurd year, nothing), Enter; the end date picked on the calendar
/// with the arrows. A refused range changes nothing and says why, in Chinese.
#[test]
fn a_custom_range_typed_on_the_keyboard_and_bad_ones_change_nothing() {
    let dir = shop(Lang::Zh);
    let mut h = harness_on(dir.path(), Some(today()));
    crate::tab_to(&mut h, "分析");
    crate::press(&mut h, egui::Key::Enter);
    assert_eq!(h.state().screen(), Screen::Insights);
    assert_eq!(shown(&h), (day("2025-12-01"), today()));
    assert!(h.query_by_label("开始日期").is_none());

    crate::tab_to(&mut h, "自定义…");
    crate::press(&mut h, egui::Key::Enter);
    assert!(h.state().insights().custom_range_open());
    // The cursor is in the start date, which holds the period shown.
    assert_eq!(crate::focused(&h).as_deref(), Some("开始日期"));
    retype(&mut h, "2026-11-15");
    crate::tab_to(&mut h, "结束日期");
    let kept = "图表没有改变，仍是 2025-12-01 至 2026-11-20。";
    for (to, message) in [
        (
            "2026-11-10",
            "开始日期 2026-11-15 晚于结束日期 2026-11-10，请改正其中一个。",
        ),
        (
            "2026-02-30",
            "结束日期：“2026-02-30”不是有效的日期，请按 2026-03-18 这样填写。",
        ),
        (
            "0001-11-30",
            "结束日期：年份要在 2000 到 2027 之间，“0001-11-30”不在其中。",
        ),
        ("", "结束日期：请填写一个日期，例如 2026-03-18。"),
    ] {
        retype(&mut h, to);
        crate::press(&mut h, egui::Key::Enter);
        h.get_by_label(&format!("⚠ {message}"));
        h.get_by_label(kept);
        assert_eq!(shown(&h), (day("2025-12-01"), today()), "{to:?} changed it");
        assert_eq!(h.state().insights().summary().months.len(), 12);
        crate::tab_to(&mut h, "结束日期");
    }

    // The end date from the calendar: it opens on the day typed, the arrows move, Enter picks.
    retype(&mut h, "2026-11-20");
    crate::tab_to(&mut h, "结束日期：从日历中选");
    crate::press(&mut h, egui::Key::Enter);
    assert_eq!(crate::focused(&h).as_deref(), Some("2026-11-20"));
    for _ in 0..5 {
        crate::press(&mut h, egui::Key::ArrowLeft);
    }
    assert_eq!(crate::focused(&h).as_deref(), Some("2026-11-15"));
    crate::press(&mut h, egui::Key::Enter);
    assert!(
        h.query_by_label("2026-11-14").is_none(),
        "the calendar closed"
    );
    // On to "show this period".
    assert_eq!(crate::focused(&h).as_deref(), Some("查看这段时间"));
    crate::press(&mut h, egui::Key::Enter);
    assert_eq!(shown(&h), (day("2026-11-15"), day("2026-11-15")));
    assert!(h.query_by_label_contains("图表没有改变").is_none());
    h.get_by_label("显示的是 2026-11-15 至 2026-11-15");
    let november = &h.state().insights().summary().months[0];
    assert_eq!(november.incidents, 1, "only 11-15's failure");

    // A whole week, typed and shown with Enter in the field.
    crate::tab_to(&mut h, "开始日期");
    retype(&mut h, "2026/11/11");
    crate::press(&mut h, egui::Key::Enter);
    assert_eq!(shown(&h), (day("2026-11-11"), day("2026-11-15")));
    assert_eq!(h.state().insights().summary().months[0].incidents, 3);
}

/// By mouse, in English: "Custom…", both days picked on the calendar (by year and month), a
/// click on "Show this period"; a bar then opens the history of those days only.
#[test]
fn a_custom_range_picked_on_the_calendar_with_the_mouse() {
    let dir = shop(Lang::En);
    let mut h = harness_on(dir.path(), Some(today()));
    click(&mut h, "Insights");
    click(&mut h, "Custom…");
    click(&mut h, "Start date: pick from the calendar");
    // It opens on the start shown, 2025-12: a year on and a month back is 2026-11.
    h.get_by_label("2025-12-01");
    click(&mut h, "Next year");
    click(&mut h, "Previous month");
    click(&mut h, "2026-11-12");
    assert!(
        h.query_by_label("2026-11-13").is_none(),
        "the calendar closed"
    );
    click(&mut h, "End date: pick from the calendar");
    click(&mut h, "2026-11-17");
    click(&mut h, "Show this period");
    assert_eq!(shown(&h), (day("2026-11-12"), day("2026-11-17")));
    h.get_by_label("Showing 2026-11-12 to 2026-11-17");
    assert_eq!(h.state().insights().summary().months[0].incidents, 3);

    // The one bar (November's days 12–17) opens exactly those days' records.
    let chart = "Chart: Incidents per month, by kind";
    h.get_by_label(chart).scroll_to_me();
    settle(&mut h);
    let rect = h.get_by_label(chart).rect();
    let bar = egui::pos2(rect.center().x, rect.bottom() - 4.0);
    h.hover_at(bar);
    h.run();
    h.drag_at(bar);
    h.drop_at(bar);
    settle(&mut h);
    assert_eq!(h.state().screen(), Screen::History);
    let filter = h.state().history().filter();
    assert_eq!(
        (filter.from, filter.to),
        (Some(day("2026-11-12")), Some(day("2026-11-17")))
    );
    h.get_by_label("Entries: 3");
}

/// A period with no records shows a plain sentence for each chart, never a bare grid; a period
/// with them shows the charts.
#[test]
fn empty_charts_say_so_in_words() {
    let dir = shop(Lang::Zh);
    let mut h = harness_on(dir.path(), Some(today()));
    click(&mut h, "分析");
    click(&mut h, "自定义…");
    type_into(&mut h, "开始日期", "2020-01-01");
    type_into(&mut h, "结束日期", "2020-12-31");
    click(&mut h, "查看这段时间");
    assert_eq!(shown(&h), (day("2020-01-01"), day("2020-12-31")));
    for sentence in [
        "这段时间没有故障记录。",
        "这 90 天里没有终端提示的记录。",
        "这段时间没有到期的任务。",
        "这段时间没有收款中断。",
        "这段时间没有做过外部备份。",
    ] {
        h.get_by_label(sentence);
    }
    assert!(
        h.query_all_by_label_contains("图表：").next().is_none(),
        "no chart is drawn"
    );

    click(&mut h, "近 12 个月");
    h.get_by_label("图表：每月故障次数（按类别）");
    h.get_by_label("图表：近 90 天最常见的故障提示（按终端，不含顾客那边的原因）");
    assert!(h.query_by_label("这段时间没有故障记录。").is_none());
    // Nothing else was recorded in the last 12 months: those charts still say so.
    h.get_by_label("这段时间没有收款中断。");
    h.get_by_label("这段时间没有做过外部备份。");
}

/// While the figures are read the screen says it is counting, with none of the figures of the
/// period shown before; a newer choice supersedes an older one, and only its figures show.
#[test]
fn the_figures_are_counted_off_the_window_and_the_newest_choice_wins() {
    let dir = shop(Lang::Zh);
    let mut h = harness_on(dir.path(), Some(today()));
    click(&mut h, "分析");
    let chart = "图表：每月故障次数（按类别）";
    h.get_by_label(chart);
    assert!(h.query_by_label("正在统计…").is_none());

    // One frame after the click: counting, and the 12 months' chart is gone.
    h.get_by_label("近 10 年").click();
    h.step();
    h.get_by_label("正在统计…");
    h.get_by_label("统计好后，图表会显示在这里。");
    assert!(
        h.query_by_label(chart).is_none(),
        "no figures of another period"
    );
    settle(&mut h);
    assert!(h.query_by_label("正在统计…").is_none());
    assert_eq!(shown(&h).0, day("2016-12-01"));
    assert_eq!(h.state().insights().summary().months.len(), 120);
    h.get_by_label(chart);

    // Two choices in quick succession: whatever the first finds, the second's figures show.
    h.get_by_label("近 12 个月").click();
    h.step();
    h.get_by_label("近 3 年").click();
    h.step();
    h.get_by_label("正在统计…");
    settle(&mut h);
    assert_eq!(shown(&h), (day("2023-12-01"), today()));
    assert_eq!(h.state().insights().summary().months.len(), 36);
    h.get_by_label("显示的是 2023-12-01 至 2026-11-20");
    h.get_by_label(chart);
}

/// The shapes drawn in the last frame, nested ones flattened, with their clip rectangles.
fn drawn(
    h: &egui_kittest::Harness<'static, poscare::ui::app::App>,
) -> Vec<(egui::Rect, egui::Shape)> {
    fn flatten(clip: egui::Rect, shape: &egui::Shape, out: &mut Vec<(egui::Rect, egui::Shape)>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| flatten(clip, s, out)),
            s => out.push((clip, s.clone())),
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        flatten(clipped.clip_rect, &clipped.shape, &mut out);
    }
    out
}

/// Ten years of incidents with long prompts on the whole window: in every chart no text is
/// drawn over another or over a bar, and none is cut at the chart's edges.
#[test]
fn chart_labels_never_overlap_bars_or_each_other_and_are_never_clipped() {
    let dir = shop(Lang::En);
    let long = "A0 checksum error: sign on at the terminal again, then retry the sale";
    let times: Vec<String> = (2017..=2026)
        .flat_map(|y| (1..=11).map(move |m| format!("{y}-{m:02}-1{}T10:00:00", m % 9)))
        .collect();
    let rows: Vec<(Option<i64>, &str, Option<&str>, &str)> = times
        .iter()
        .enumerate()
        .map(|(i, t)| match i % 3 {
            0 => (Some(1), t.as_str(), Some("RC-A0"), long),
            1 => (Some(1), t.as_str(), None, "Printer out of paper"),
            _ => (Some(1), t.as_str(), None, "通讯失败，请检查网络连接"),
        })
        .collect();
    incidents_at(dir.path(), &rows);
    let show = std::sync::Arc::new(poscare::ui::instance::ShowRequests::default());
    let size = egui::vec2(1024.0, 2600.0);
    let mut h = poscare::ui::testing::harness_sized(dir.path(), Some(today()), show, size);
    click(&mut h, "Insights");
    for span in ["Last 12 months", "Last 10 years"] {
        click(&mut h, span);
        h.hover_at(egui::pos2(1.0, 1.0));
        settle(&mut h);
        let charts: Vec<egui::Rect> = h
            .query_all_by_label_contains("Chart: ")
            .map(|n| n.rect())
            .collect();
        assert!(
            charts.len() >= 2,
            "{span}: the charts drawn ({})",
            charts.len()
        );
        let shapes = drawn(&h);
        for chart in charts {
            // The chart's own shapes: drawn clipped to its space, which holds its bars.
            let own: Vec<&(egui::Rect, egui::Shape)> = shapes
                .iter()
                .filter(|(clip, _)| clip.contains_rect(chart) && clip.height() < 400.0)
                .collect();
            let texts: Vec<(egui::Rect, egui::Rect)> = own
                .iter()
                .filter(|(_, s)| matches!(s, egui::Shape::Text(_)))
                .map(|(clip, s)| (*clip, s.visual_bounding_rect()))
                .collect();
            let bars: Vec<egui::Rect> = own
                .iter()
                .filter_map(|(_, s)| match s {
                    egui::Shape::Rect(r) if r.fill.a() == 255 => Some(r.rect),
                    _ => None,
                })
                .collect();
            assert!(
                !texts.is_empty() && !bars.is_empty(),
                "{span}: {chart:?} drew"
            );
            let place = format!("{span}, the chart at {chart:?}");
            for (i, (clip, text)) in texts.iter().enumerate() {
                assert!(
                    clip.expand(0.5).contains_rect(*text),
                    "{place}: {text:?} cut"
                );
                let inner = text.shrink(0.5);
                for (_, other) in &texts[i + 1..] {
                    assert!(
                        !inner.intersects(other.shrink(0.5)),
                        "{place}: {text:?} over {other:?}"
                    );
                }
                for bar in &bars {
                    assert!(
                        !inner.intersects(bar.shrink(0.5)),
                        "{place}: {text:?} over a bar {bar:?}"
                    );
                }
            }
        }
    }
}
