//! The History screen on 200,000 entries (design §7): opening it (the ids of the timeline and the
//! first page), a filter change (device, text, kind), and one frame of the screen drawn headless.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use poscare::history::{Filter, FilterDraft, Kind};
use poscare::store::{DataPaths, Store};
use poscare::ui::context::Shared;
use poscare::ui::history::HistoryScreen;
use seed::{Headless, ROWS, seeded};

mod seed;

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
    let mut shared = Shared::new(DataPaths::new("."), false);
    shared.devices = store.devices().unwrap();
    let store = Arc::new(Mutex::new(store));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let headless = Headless::new(&shared, &store, today);
    let mut screen = HistoryScreen::default();
    screen.set_filter(FilterDraft::default()).unwrap();
    let frame = |screen: &mut HistoryScreen| headless.frame(screen);
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
