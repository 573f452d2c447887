//! `poscare insights`, run as the real binary: the JSON shape of the issue, figures matching a
//! hand count, one device, and a data folder left exactly as it was.

use crate::common;
use crate::poscare_in as poscare;

use std::process::Output;

use common::{data_dir, incidents_at, open, snapshot, terminal};

/// Runs poscare, which must succeed.
fn succeeds(dir: &std::path::Path, args: &[&str]) -> Output {
    let out = poscare(dir, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Two terminals; five read failures in ten days on the first, one printer fault on the second.
fn seeded() -> tempfile::TempDir {
    let dir = data_dir();
    {
        let mut store = open(dir.path());
        store
            .set_setting(poscare::store::keys::LANGUAGE, "en")
            .unwrap();
        store.add_device(&terminal("收银台1号")).unwrap();
        store.add_device(&terminal("收银台2号")).unwrap();
    }
    let mut rows: Vec<(Option<i64>, &str, Option<&str>, &str)> = [
        "2026-10-01T09:00:00",
        "2026-10-03T09:00:00",
        "2026-10-05T09:00:00",
        "2026-10-08T09:00:00",
        "2026-10-10T09:00:00",
    ]
    .into_iter()
    .map(|t| (Some(1), t, Some("LOC-READ-FAIL"), "读卡失败"))
    .collect();
    rows.push((Some(2), "2026-11-02T09:00:00", None, "打印机缺纸"));
    incidents_at(dir.path(), &rows);
    dir
}

#[test]
fn json_has_the_warnings_and_the_months_and_changes_nothing() {
    let dir = seeded();
    let before = snapshot(dir.path());
    let out = succeeds(
        dir.path(),
        &[
            "insights",
            "--json",
            "--from",
            "2026-10-01",
            "--to",
            "2026-11-30",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "warnings": [{
                "device": "收银台1号",
                "family": "card_read",
                "count": 5,
                "days": 10,
                "first": "2026-10-01",
                "last": "2026-10-10",
                "advice": "Clean the card slot and the chip reader with a cleaning card; if cards still fail to read, ask the acquirer for a replacement terminal."
            }],
            "months": [
                {"month": "2026-10", "incidents": 5, "outage_minutes": 0, "on_time": 0, "late": 0, "missed": 0},
                {"month": "2026-11", "incidents": 1, "outage_minutes": 0, "on_time": 0, "late": 0, "missed": 0}
            ]
        })
    );
    assert_eq!(snapshot(dir.path()), before, "the data folder is unchanged");
}

#[test]
fn one_device_and_text() {
    let dir = seeded();
    let out = succeeds(
        dir.path(),
        &[
            "insights",
            "--from",
            "2026-10-01",
            "--to",
            "2026-11-30",
            "--device",
            "收银台2号",
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Insights from 2026-10-01 to 2026-11-30 · 收银台2号"),
        "{text}"
    );
    assert!(text.contains("2026-11: 1 incident, "), "{text}");
    assert!(text.contains("2026-10: 0 incidents"), "{text}");
    assert!(!text.contains("Card-read"), "{text}");

    let out = poscare(dir.path(), &["insights", "--device", "收银台9号"]);
    assert_eq!(out.status.code(), Some(2));
    let out = poscare(
        dir.path(),
        &["insights", "--from", "2026-11-30", "--to", "2026-10-01"],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_data_folder_that_is_not_there_is_said_and_nothing_is_created() {
    let dir = data_dir();
    let missing = dir.path().join("none");
    // A mistyped folder or an unplugged stick: said, never shown as a shop with no incidents.
    let out = poscare(&missing, &["insights", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("NO SUCH DATA FOLDER"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!missing.exists());
}

#[test]
fn the_printed_report_has_the_charts_and_the_warnings_of_its_period() {
    let dir = seeded();
    let out_dir = data_dir();
    let file = out_dir.path().join("report.html");
    succeeds(
        dir.path(),
        &[
            "export",
            file.to_str().unwrap(),
            "--html",
            "--from",
            "2026-10-01",
            "--to",
            "2026-11-30",
        ],
    );
    let html = std::fs::read_to_string(&file).unwrap();
    // Five charts: the two with something to draw as pictures, the three without as a plain
    // sentence each (never a bare grid).
    assert_eq!(
        html.matches("<figure class=\"chart\">").count(),
        5,
        "five charts"
    );
    assert_eq!(html.matches("<svg").count(), 2, "two drawn");
    for sentence in [
        "No tasks were due in this period.",
        "No outages in this period.",
        "No outside backups in this period.",
    ] {
        assert!(html.contains(&format!("<p>{sentence}</p>")), "{sentence}");
    }
    assert!(html.contains("<title>2026-10 Card-read failures: 5</title>"));
    assert!(html.contains("⚠ 收银台1号: Card-read failures 5 times in 10 days"));
    assert!(html.contains("Clean the card slot"));
    assert!(!html.contains("<script"));
}
