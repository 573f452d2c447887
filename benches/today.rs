//! Building Today with 200 tasks and ten years of completions (design §7): the agenda alone, and
//! the whole load the window does (tasks, latest records, today's completions, training).

use std::time::Duration;

use chrono::{Days, NaiveDate, Weekday};
use criterion::{Criterion, criterion_group, criterion_main};
use poscare::planner::{Schedule, TaskCategory, TaskFields, TaskSchedule, Weekdays, agenda};
use poscare::store::{DataPaths, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// 200 tasks (20 daily, 100 weekly, 80 monthly) with ten years of completions, bulk-loaded.
fn seeded() -> (tempfile::TempDir, NaiveDate) {
    let dir = tempfile::tempdir().unwrap();
    let start = d(2016, 11, 25);
    let today = d(2026, 11, 25);
    let mut store = Store::open(DataPaths::new(dir.path())).unwrap();
    for i in 0..200 {
        let schedule = match i {
            0..20 => Schedule::Daily,
            20..120 => Schedule::Weekly {
                weekdays: Weekdays::of(&[Weekday::Mon, Weekday::Thu]),
            },
            _ => Schedule::MonthlyOnDay {
                day: (i % 28) as u32 + 1,
            },
        };
        let fields = TaskFields {
            title: format!("任务 {i}"),
            category: TaskCategory::Check,
            instructions: String::new(),
            items: vec!["电源".into(), "网络".into(), "纸卷".into()],
            device_id: None,
            staff_id: None,
            schedule: TaskSchedule::new(schedule, start),
        };
        store.add_task(&fields, None).unwrap();
    }
    drop(store);
    let mut conn = rusqlite::Connection::open(DataPaths::new(dir.path()).db()).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO completion (task_id, due, done_at, outcome, items, recorded_at) \
                 VALUES (?1, ?2, ?3, 'ok', '[]', ?3)",
            )
            .unwrap();
        let mut day = start;
        while day < today {
            for task in 1..=200i64 {
                let due = match task {
                    1..=20 => true,
                    21..=120 => {
                        matches!(chrono::Datelike::weekday(&day), Weekday::Mon | Weekday::Thu)
                    }
                    _ => chrono::Datelike::day(&day) == (task as u32 - 1) % 28 + 1,
                };
                if due {
                    let at = format!("{day}T09:30:00");
                    stmt.execute((task, day.to_string(), at)).unwrap();
                }
            }
            day = day.checked_add_days(Days::new(1)).unwrap();
        }
    }
    tx.commit().unwrap();
    (dir, today)
}

fn bench(c: &mut Criterion) {
    let (dir, today) = seeded();
    let store = Store::open(DataPaths::new(dir.path())).unwrap();
    let tasks = store.tasks().unwrap();
    let latest = store.latest_occurrences().unwrap();
    let calendar = store.shop_calendar().unwrap();
    let mut group = c.benchmark_group("today");
    group
        .measurement_time(Duration::from_secs(3))
        .sample_size(30);
    group.bench_function("agenda of 200 tasks", |b| {
        b.iter(|| agenda::build(&tasks, &latest, &calendar, today))
    });
    group.bench_function("load Today from the store (10 years of completions)", |b| {
        b.iter(|| {
            let tasks = store.tasks().unwrap();
            let records = store.latest_records().unwrap();
            let latest = records.iter().map(|(t, c)| (*t, c.occurrence())).collect();
            let agenda = agenda::build(&tasks, &latest, &store.shop_calendar().unwrap(), today);
            let done = store.completions_on(today).unwrap();
            let staff = store.staff().unwrap();
            let modules = store.training_modules().unwrap();
            let training =
                agenda::training_due(&staff, &modules, &store.training_records().unwrap(), today);
            (agenda, done, training, records.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
