//! The Insights screen on ten years of records (200,000 history entries; issues 14 and 20):
//! the figures of 12 months and of 10 years (SQL aggregates, read in parts of six months), the
//! day's warnings, opening the screen (the figures read on a worker while the screen keeps
//! drawing "counting", then the first frame with the charts), and one frame of the screen drawn
//! headless once the figures are read.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use poscare::i18n::Lang;
use poscare::insights::Period;
use poscare::store::{DataPaths, Store};
use poscare::ui::command::Page;
use poscare::ui::context::Shared;
use poscare::ui::insights::InsightsScreen;
use seed::{Headless, seeded};

mod seed;

fn bench(c: &mut Criterion) {
    let dir = seeded();
    let store = Store::open(DataPaths::new(dir.path())).unwrap();
    eprintln!("history entries: {}", store.history_count().unwrap());
    // The day after the last seeded record.
    let today = NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
    let devices = store.devices().unwrap();
    let plan = store.plan_snapshot(today).unwrap();

    let year = Period::last_months(today, 12, None);
    let decade = Period::last_months(today, 120, None);
    let s = store.insight_summary(&decade, &devices).unwrap();
    let incidents: u32 = s.months.iter().map(|m| m.incidents).sum();
    let minutes: u32 = s.months.iter().map(|m| m.outage_minutes).sum();
    eprintln!(
        "10 years: {incidents} incidents, {minutes} outage minutes, {} outside backups, {} weeks",
        s.backups.len(),
        s.weeks.len()
    );
    // By hand: an incident every fourth record (199,960 / 4); an outage and an outside backup every
    // 1,600th, 125 in all, lasting 40, 65, 90, 115 minutes in turn (31 × 310 + 40).
    assert_eq!((incidents, minutes, s.backups.len()), (49_990, 9_650, 125));
    let warnings = store.current_warnings(today, &plan).unwrap();
    eprintln!("current warnings: {}", warnings.len());

    let mut group = c.benchmark_group("insights");
    group
        .measurement_time(Duration::from_secs(5))
        .sample_size(20);
    group.bench_function("summary: 12 months, whole shop", |b| {
        b.iter(|| store.insight_summary(&year, &devices).unwrap())
    });
    group.bench_function("summary: 10 years, whole shop", |b| {
        b.iter(|| store.insight_summary(&decade, &devices).unwrap())
    });
    let one = Period::last_months(today, 120, Some(2));
    group.bench_function("summary: 10 years, one terminal", |b| {
        b.iter(|| store.insight_summary(&one, &devices).unwrap())
    });
    group.bench_function("warnings of the day", |b| {
        b.iter(|| store.current_warnings(today, &plan).unwrap())
    });
    group.bench_function("report: 10 years of repeat warnings", |b| {
        b.iter(|| store.period_warnings(&decade, &devices).unwrap())
    });

    // The screen, headless, as the window draws it.
    let mut shared = Shared::new(DataPaths::new("."), false);
    shared.devices = devices.clone();
    shared.warnings = warnings;
    let store = Arc::new(Mutex::new(store));
    let headless = Headless::new(&shared, &store, today);
    let frame = |screen: &mut InsightsScreen| headless.frame(screen);
    // Opening: the screen reads its rules, its figures are read on a worker while it draws
    // "counting", then its first frame with the charts.
    let open = |months: u32| {
        let mut screen = InsightsScreen::default();
        screen.set_view(months, None);
        screen.reload(&store.lock().unwrap(), Lang::Zh).unwrap();
        let mut frames = 0;
        let mut longest = Duration::ZERO;
        loop {
            let started = Instant::now();
            frame(&mut screen);
            longest = longest.max(started.elapsed());
            frames += 1;
            if !screen.busy() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        frame(&mut screen);
        (screen, frames, longest)
    };
    for months in [12, 120] {
        let started = Instant::now();
        let (screen, frames, longest) = open(months);
        assert_eq!(screen.summary().months.len(), months as usize);
        eprintln!(
            "{months} months: charts after {:?}; meanwhile {frames} frames, the longest {longest:?}",
            started.elapsed()
        );
    }
    for months in [12, 120] {
        let name = format!("open: Insights screen, {months} months (read + first frame)");
        group.bench_function(&name, |b| b.iter(|| open(months).0));
    }
    for months in [12, 120] {
        let (mut screen, _, _) = open(months);
        let started = Instant::now();
        for _ in 0..3 {
            frame(&mut screen);
        }
        eprintln!("{months} months: three frames {:?}", started.elapsed());
        let shapes = frame(&mut screen).shapes.len();
        eprintln!("{months} months: shapes in one frame: {shapes}");
        assert!(shapes > 100, "the charts are drawn");
        let name = format!("frame: Insights screen, {months} months");
        group.bench_function(&name, |b| b.iter(|| frame(&mut screen)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
