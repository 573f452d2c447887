//! Lookup latency percentiles: each query run 1,000 times on the built-in base and on a
//! 20,000-entry base, every run timed on its own. `cargo bench --bench lookup_p99`;
//! `POSCARE_BENCH_QUERY=<query>` runs one of the queries only, `POSCARE_BENCH_RUNS=<n>` times
//! each query n times.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::{LARGE, QUERIES, synthetic};
use poscare::knowledge::{Index, builtin};

const WARM_UP: usize = 20;
const LIMIT: usize = 5;

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// How often each query is timed: 1,000 runs, or `POSCARE_BENCH_RUNS` (for a profiler).
fn runs() -> usize {
    std::env::var("POSCARE_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|&r| r >= 100)
        .unwrap_or(1_000)
}

fn report(base: &str, index: &Index) {
    // `POSCARE_BENCH_QUERY=ybz` times that one query only (for a profiler).
    let only = std::env::var("POSCARE_BENCH_QUERY").ok();
    let runs = runs();
    for q in QUERIES
        .iter()
        .filter(|q| only.as_deref().is_none_or(|o| o == **q))
    {
        for _ in 0..WARM_UP {
            black_box(index.search(black_box(q), LIMIT));
        }
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(index.search(black_box(q), LIMIT));
                start.elapsed()
            })
            .collect();
        times.sort_unstable();
        let mean = times.iter().sum::<Duration>() / runs as u32;
        // The nearest-rank percentiles: the 500th and the 990th of 1,000 runs.
        let p50 = times[runs / 2 - 1];
        let p99 = times[runs * 99 / 100 - 1];
        let max = times[runs - 1];
        println!(
            "| {base} | {q} | {:.1} | {:.1} | {:.1} | {:.1} |",
            micros(mean),
            micros(p50),
            micros(p99),
            micros(max)
        );
    }
}

/// Builds the index over `entries` `times` times and returns the fastest build.
fn build_time(entries: &[poscare::knowledge::Entry], times: usize) -> (Index, Duration) {
    let mut best = Duration::MAX;
    let mut index = None;
    for _ in 0..times {
        let copy = entries.to_vec();
        let start = Instant::now();
        let built = Index::new(copy);
        best = best.min(start.elapsed());
        index = Some(built);
    }
    (index.expect("built at least once"), best)
}

fn main() {
    // `cargo test --benches` runs bench targets with `--bench` absent; keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        println!("lookup_p99: run with `cargo bench --bench lookup_p99`");
        return;
    }
    let (small, small_build) = build_time(builtin(), 20);
    let large_entries = synthetic(LARGE);
    let (large, large_build) = build_time(&large_entries, 3);
    println!(
        "index build (fastest): builtin ({} entries) {:.2} ms, 20k ({} entries) {:.0} ms",
        small.entries().len(),
        small_build.as_secs_f64() * 1e3,
        large.entries().len(),
        large_build.as_secs_f64() * 1e3
    );
    println!("| base | query | mean µs | p50 µs | p99 µs | max µs |");
    println!("|---|---|---:|---:|---:|---:|");
    report("builtin", &small);
    report("20k", &large);
}
