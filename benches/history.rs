//! The History screen on 200,000 entries (design §7): opening it (the ids of the timeline and the
//! first page), a filter change (device, text, kind), and one frame of the screen drawn headless.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use poscare::history::{Filter, FilterDraft, Kind};
use poscare::i18n::Lang;
use poscare::store::{DataPaths, Store};
use poscare::ui::command::{Out, Page};
use poscare::ui::context::{Context, Shared};
use poscare::ui::history::HistoryScreen;
use poscare::ui::renderer::RendererStart;

/// How many history entries are seeded.
const ROWS: usize = 200_000;

/// A data folder with 40 terminals, 5 staff, 50 tasks and [`ROWS`] history-producing records over
/// about ten years: incidents (opened and resolved), completions of every outcome, trainings and
/// backups. Bulk-loaded in one transaction; the triggers fill the history as in the app.
fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(DataPaths::new(dir.path())).unwrap());
    let mut conn = rusqlite::Connection::open(DataPaths::new(dir.path()).db()).unwrap();
    let tx = conn.transaction().unwrap();
    let t0 = "2016-01-01T09:00:00";
    for d in 1..=40 {
        tx.execute(
            "INSERT INTO device (id, name, kind, terminal_id, created_at, updated_at) VALUES (?1, ?2, 'terminal', ?3, ?4, ?4)",
            (d, format!("终端{d}"), format!("T{d:07}"), t0),
        )
        .unwrap();
        tx.execute(
            "INSERT INTO device_event (device_id, at, action, detail) VALUES (?1, ?2, 'added', '')",
            (d, t0),
        )
        .unwrap();
    }
    for s in 1..=5 {
        tx.execute(
            "INSERT INTO staff (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
            (s, format!("员工{s}"), t0),
        )
        .unwrap();
    }
    for t in 1..=50 {
        tx.execute(
            "INSERT INTO task (id, title, category, device_id, schedule, created_at, updated_at) \
             VALUES (?1, ?2, 'check', ?3, '{\"schedule\":\"daily\",\"start\":\"2016-01-01\"}', ?4, ?4)",
            (t, format!("检查任务{t}"), t % 40 + 1, t0),
        )
        .unwrap();
    }
    tx.execute(
        "INSERT INTO training_module (id, title, created_at, updated_at) VALUES (1, '操作终端', ?1, ?1)",
        [t0],
    )
    .unwrap();
    let prompts = [
        "51 余额不足",
        "A0 校验错",
        "请稍后再试",
        "打印机缺纸",
        "通讯失败",
        "68 交易超时",
    ];
    let outcomes = ["ok", "ok", "ok", "missed", "skipped", "problem"];
    let start = chrono::NaiveDate::from_ymd_opt(2016, 1, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    {
        let mut incident = tx
            .prepare("INSERT INTO incident (started_at, device_id, prompt, updated_at) VALUES (?1, ?2, ?3, ?1)")
            .unwrap();
        let mut event = tx
            .prepare("INSERT INTO incident_event (incident_id, at, action, detail) VALUES (?1, ?2, ?3, ?4)")
            .unwrap();
        let mut completion = tx
            .prepare(
                "INSERT OR IGNORE INTO completion (task_id, due, done_at, done_by, outcome, note, recorded_at) \
                 VALUES (?1, ?2, CASE WHEN ?4 = 'missed' THEN NULL ELSE ?3 END, ?5, ?4, '', ?3)",
            )
            .unwrap();
        let mut training = tx
            .prepare("INSERT INTO training_record (staff_id, module_id, on_date, trainer, note, recorded_at) VALUES (?1, 1, ?2, '店长', '', ?3)")
            .unwrap();
        let mut backup = tx
            .prepare("INSERT INTO backup_log (at, kind, path, bytes) VALUES (?1, 'auto', 'backups/poscare.db', 1048576)")
            .unwrap();
        let mut last_incident = 0;
        for i in 0..ROWS - 40 {
            let at = start + chrono::Duration::minutes(i as i64 * 26);
            let stamp = at.format("%Y-%m-%dT%H:%M:%S").to_string();
            match i % 4 {
                0 => {
                    let prompt = prompts[i / 4 % prompts.len()];
                    incident
                        .execute((&stamp, (i / 4 % 40 + 1) as i64, prompt))
                        .unwrap();
                    last_incident = tx.last_insert_rowid();
                    event
                        .execute((last_incident, &stamp, "opened", prompt))
                        .unwrap();
                }
                1 => {
                    event
                        .execute((last_incident, &stamp, "resolved", "重新签到后正常"))
                        .unwrap();
                }
                2 => {
                    let due = at.date().format("%Y-%m-%d").to_string();
                    let outcome = outcomes[i / 4 % outcomes.len()];
                    let who = (i % 5 + 1) as i64;
                    completion
                        .execute(((i / 4 % 50 + 1) as i64, due, &stamp, outcome, who))
                        .unwrap();
                }
                _ if i % 8 == 3 => {
                    training
                        .execute((
                            (i % 5 + 1) as i64,
                            at.date().format("%Y-%m-%d").to_string(),
                            &stamp,
                        ))
                        .unwrap();
                }
                _ => {
                    backup.execute([&stamp]).unwrap();
                }
            }
        }
    }
    tx.commit().unwrap();
    dir
}

fn open_and_page(store: &Store, filter: &Filter) -> usize {
    let ids = store.history_ids(filter).unwrap();
    let first = store.history_entries(&ids[..ids.len().min(100)]).unwrap();
    ids.len() + first.len()
}

fn bench(c: &mut Criterion) {
    let dir = seeded();
    let store = Store::open(DataPaths::new(dir.path())).unwrap();
    let total = store.history_count().unwrap();
    eprintln!("history entries: {total}");
    assert!(total >= ROWS * 9 / 10, "seeded {total}");

    let mut group = c.benchmark_group("history");
    group
        .measurement_time(Duration::from_secs(5))
        .sample_size(30);
    group.bench_function("open: all ids + first page", |b| {
        b.iter(|| open_and_page(&store, &Filter::default()))
    });
    let filters = [
        (
            "filter: device",
            Filter {
                device: Some(2),
                ..Default::default()
            },
        ),
        (
            "filter: text 缺纸",
            Filter {
                text: "缺纸".into(),
                ..Default::default()
            },
        ),
        (
            "filter: text a0 (ascii, any case)",
            Filter {
                text: "a0".into(),
                ..Default::default()
            },
        ),
        (
            "filter: staff",
            Filter {
                staff: Some(3),
                ..Default::default()
            },
        ),
        (
            "filter: kind missed+late",
            Filter {
                kinds: vec![Kind::Missed, Kind::Late],
                ..Default::default()
            },
        ),
        (
            "filter: one year, device 2",
            Filter {
                from: chrono::NaiveDate::from_ymd_opt(2024, 1, 1),
                to: chrono::NaiveDate::from_ymd_opt(2024, 12, 31),
                device: Some(2),
                ..Default::default()
            },
        ),
    ];
    let all_ids = store.history_ids(&Filter::default()).unwrap();
    group.bench_function("page: 100 rows by id, deep in the timeline", |b| {
        b.iter(|| {
            store
                .history_entries(&all_ids[150_000..150_100])
                .unwrap()
                .len()
        })
    });
    for (name, filter) in &filters {
        group.bench_function(*name, |b| b.iter(|| open_and_page(&store, filter)));
    }

    // One frame of the screen, headless, on the full timeline with its first page read.
    let mut shared = Shared::new(DataPaths::new("."));
    shared.devices = store.devices().unwrap();
    let store = Arc::new(Mutex::new(store));
    let renderer = RendererStart::begin(std::path::Path::new(""), None, false);
    let ctx = egui::Context::default();
    poscare::ui::theme::install_test_fonts(&ctx);
    let mut screen = HistoryScreen::default();
    screen.set_filter(FilterDraft::default()).unwrap();
    let mut out = Out::default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let mut frame = |screen: &mut HistoryScreen| {
        let cx = Context {
            lang: Lang::Zh,
            today,
            now: today.and_hms_opt(9, 0, 0).unwrap(),
            shared: &shared,
            store: Some(&store),
            job: None,
            renderer: &renderer,
        };
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 860.0),
            )),
            ..Default::default()
        };
        ctx.run_ui(input, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                screen.ui(ui, &cx, &mut out);
            });
        })
    };
    for _ in 0..5 {
        frame(&mut screen);
    }
    assert_eq!(screen.count(), total);
    let shapes = frame(&mut screen).shapes.len();
    eprintln!("shapes in one frame: {shapes}");
    assert!(shapes > 200, "the table's rows are drawn");
    group.bench_function("frame: History screen, 200k timeline", |b| {
        b.iter(|| frame(&mut screen))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
