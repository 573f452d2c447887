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
    assert_eq!(filter.to, NaiveDate::from_ymd_opt(2026, 11, 30));
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
    h.get_by_label("✓ Nothing needs attention right now.");
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
