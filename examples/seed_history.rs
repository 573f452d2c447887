//! Fills a data folder with about ten years of records, for measuring start-up and screens:
//! `cargo run --release --example seed_history -- DIR [ROWS]` (default 200,000 incidents, each
//! opened and resolved, so twice as many history entries, and 40 devices). Development tool only:
//! it writes rows in bulk, bypassing the app's per-action transactions.

use poscare::store::{DataPaths, Store};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: seed_history DIR [ROWS]");
    let rows: u32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(200_000);
    drop(Store::open(DataPaths::new(&dir)).expect("create the database"));
    let mut conn = rusqlite::Connection::open(DataPaths::new(&dir).db()).expect("open");
    let tx = conn.transaction().expect("transaction");
    for d in 0..40 {
        tx.execute(
            "INSERT INTO device (name, kind, terminal_id, created_at, updated_at) VALUES (?1, 'terminal', ?2, '2016-01-01T09:00:00', '2016-01-01T09:00:00')",
            (format!("终端{d}"), format!("T{d:07}")),
        )
        .expect("device");
    }
    let prompts = [
        "51 余额不足",
        "A0 校验错",
        "请稍后再试",
        "打印机缺纸",
        "通讯失败",
        "68 交易超时",
    ];
    let entries = [
        "RC-51",
        "RC-A0",
        "GEN-TRY-LATER",
        "LOC-PAPER-OUT",
        "LOC-COMM-FAIL",
        "RC-68",
    ];
    let start = chrono::NaiveDate::from_ymd_opt(2016, 1, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO incident (started_at, device_id, prompt, entry_id, note, status, resolution, closed_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, '', 'resolved', '重新签到后正常', ?1, ?1)",
            )
            .expect("prepare");
        // The events the app writes with each incident; they feed the history timeline.
        let mut event = tx
            .prepare(
                "INSERT INTO incident_event (incident_id, at, action, detail) VALUES (?1, ?2, 'opened', ?3), \
                 (?1, ?2, 'resolved', '重新签到后正常')",
            )
            .expect("prepare");
        for i in 0..rows {
            let at = start + chrono::Duration::minutes(i64::from(i) * 26);
            let at = at.format("%Y-%m-%dT%H:%M:%S").to_string();
            let k = (i % 6) as usize;
            stmt.execute((&at, i64::from(i % 40) + 1, prompts[k], entries[k]))
                .expect("incident");
            event
                .execute((tx.last_insert_rowid(), &at, prompts[k]))
                .expect("incident events");
        }
    }
    tx.commit().expect("commit");
    println!(
        "seeded {rows} incidents ({} history entries) in {dir}",
        2 * rows
    );
}
