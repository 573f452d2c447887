//! Lookup speed: one query per iteration on the built-in base and on a 20,000-entry base, and
//! the time to build the built-in index. `cargo bench --bench lookup`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{LARGE, QUERIES, synthetic};
use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use poscare::knowledge::{Index, builtin};

/// The limit the command line uses by default.
const LIMIT: usize = 5;

fn queries(c: &mut Criterion, group_name: &str, index: &Index, mode: SamplingMode) {
    let mut group = c.benchmark_group(group_name);
    group.sampling_mode(mode);
    for q in QUERIES {
        group.bench_with_input(BenchmarkId::from_parameter(q), q, |b, q| {
            b.iter(|| index.search(black_box(q), LIMIT));
        });
    }
    group.finish();
}

fn lookup_builtin(c: &mut Criterion) {
    let index = Index::new(builtin().to_vec());
    queries(c, "builtin", &index, SamplingMode::Auto);
}

fn lookup_20k(c: &mut Criterion) {
    let index = Index::new(synthetic(LARGE));
    // Flat: the same iteration count per sample, so slow queries do not need 1,275 iterations.
    queries(c, "20k", &index, SamplingMode::Flat);
}

fn build_builtin(c: &mut Criterion) {
    c.bench_function("build/builtin", |b| {
        b.iter_batched(|| builtin().to_vec(), Index::new, BatchSize::SmallInput);
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    targets = lookup_builtin, lookup_20k, build_builtin
}
criterion_main!(benches);
