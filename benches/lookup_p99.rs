//! Lookup latency percentiles: each query run 1,000 times on the built-in base and on a
//! 20,000-entry base, every run timed on its own. `cargo bench --bench lookup_p99`.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::{LARGE, QUERIES, synthetic};
use poscare::knowledge::{Index, builtin};

const RUNS: usize = 1_000;
const WARM_UP: usize = 20;
const LIMIT: usize = 5;

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn report(base: &str, index: &Index) {
    for q in QUERIES {
        for _ in 0..WARM_UP {
            black_box(index.search(black_box(q), LIMIT));
        }
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                black_box(index.search(black_box(q), LIMIT));
                start.elapsed()
            })
            .collect();
        times.sort_unstable();
        let mean = times.iter().sum::<Duration>() / RUNS as u32;
        // The nearest-rank percentiles: the 500th and the 990th of 1,000.
        let p50 = times[RUNS / 2 - 1];
        let p99 = times[RUNS * 99 / 100 - 1];
        let max = times[RUNS - 1];
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

// ---- TEMPORARY differential dump (removed before hand-off) ----
mod dump {
    use pinyin::ToPinyin;
    use poscare::knowledge::{Index, builtin};
    use std::fmt::Write as _;

    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
            &v[self.next() as usize % v.len()]
        }
    }

    fn pinyin_forms(text: &str, out: &mut Vec<String>) {
        let chars: Vec<char> = text
            .chars()
            .filter(|c| !c.is_ascii_punctuation() && !c.is_whitespace())
            .collect();
        let syl: Vec<Option<&str>> = chars
            .iter()
            .map(|c| c.to_pinyin().map(|p| p.plain()))
            .collect();
        let n = chars.len();
        for (a, b) in [
            (0, n),
            (0, n.min(2)),
            (0, n.min(3)),
            (0, n.min(4)),
            (1.min(n), n.min(4)),
            (n / 2, n),
        ] {
            if a >= b {
                continue;
            }
            let s = &syl[a..b];
            if s.iter().any(|x| x.is_none()) {
                continue;
            }
            let s: Vec<&str> = s.iter().map(|x| x.unwrap()).collect();
            out.push(s.concat());
            out.push(s.join(" "));
            out.push(s.iter().map(|x| &x[..1]).collect());
            let ini: String = s
                .iter()
                .map(|x| {
                    if x.starts_with("zh") || x.starts_with("ch") || x.starts_with("sh") {
                        &x[..2]
                    } else {
                        &x[..1]
                    }
                })
                .collect();
            out.push(ini);
            let full = s.concat();
            if full.len() > 3 {
                out.push(full[..full.len() - 1].to_owned());
                out.push(full[..full.len() - 2].to_owned());
            }
            // mixed: first full, rest initials
            let mut mixed = s[0].to_owned();
            for x in &s[1..] {
                mixed.push_str(&x[..1]);
            }
            out.push(mixed);
            // vowel-skip initials
            out.push(
                s.iter()
                    .filter(|x| !x.starts_with(['a', 'e', 'o']))
                    .map(|x| &x[..1])
                    .collect(),
            );
            out.push(
                s.iter()
                    .map(|x| x.to_uppercase())
                    .collect::<Vec<_>>()
                    .concat(),
            );
        }
    }

    pub fn queries(eval: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for q in super::common::QUERIES {
            out.push(q.to_owned());
        }
        let v: toml::Value = toml::from_str(eval).unwrap();
        for c in v["case"].as_array().unwrap() {
            out.push(c["query"].as_str().unwrap().to_owned());
        }
        let mut rng = Lcg(42);
        let mut all_chars: Vec<char> = Vec::new();
        let mut all_words: Vec<String> = Vec::new();
        for e in builtin() {
            let zh: Vec<&String> = e
                .screen
                .iter()
                .chain([&e.zh.title])
                .chain(&e.zh.keywords)
                .chain(&e.zh.variants)
                .collect();
            for t in &zh {
                out.push((*t).clone());
                let ch: Vec<char> = t.chars().collect();
                all_chars.extend(ch.iter().copied().filter(|c| !c.is_ascii()));
                let n = ch.len();
                for len in [2, 3, 4, 5, 6, 8] {
                    if len <= n {
                        let s = rng.next() as usize % (n - len + 1);
                        out.push(ch[s..s + len].iter().collect());
                    }
                }
                if n >= 2 {
                    let i = rng.next() as usize % n;
                    let mut sub = ch.clone();
                    sub[i] = *rng.pick(&all_chars);
                    out.push(sub.iter().collect());
                    let mut del = ch.clone();
                    del.remove(i);
                    out.push(del.iter().collect());
                    let mut ins = ch.clone();
                    ins.insert(i, *rng.pick(&all_chars));
                    out.push(ins.iter().collect());
                    let mut two = ch.clone();
                    two[i] = *rng.pick(&all_chars);
                    let j = rng.next() as usize % n;
                    two[j] = *rng.pick(&all_chars);
                    out.push(two.iter().collect());
                    let mut sw = ch.clone();
                    if i + 1 < n {
                        sw.swap(i, i + 1);
                    }
                    out.push(sw.iter().collect());
                }
                pinyin_forms(t, &mut out);
            }
            let en: Vec<&String> = [&e.en.title]
                .into_iter()
                .chain(&e.en.keywords)
                .chain(&e.en.variants)
                .collect();
            for t in en {
                out.push(t.clone());
                let ws: Vec<String> = t
                    .split_whitespace()
                    .map(|w| w.to_lowercase())
                    .filter(|w| w.is_ascii())
                    .collect();
                all_words.extend(ws.iter().cloned());
                if let Some(w) = ws.first() {
                    out.push(w.clone());
                    if w.len() > 3 {
                        out.push(w[..3].to_owned());
                        out.push(w[..w.len() - 1].to_owned());
                    }
                }
                if ws.len() >= 2 {
                    out.push(format!("{} {}", ws[0], &ws[1][..ws[1].len().min(2)]));
                    out.push(ws[ws.len() - 2..].join(" "));
                }
                for w in &ws {
                    let b = w.as_bytes();
                    if b.len() >= 5 && w.is_ascii() {
                        let i = rng.next() as usize % b.len();
                        let mut s = b.to_vec();
                        s[i] = b'a' + (rng.next() % 26) as u8;
                        out.push(String::from_utf8(s).unwrap());
                        let mut d = b.to_vec();
                        d.remove(i);
                        out.push(String::from_utf8(d).unwrap());
                        let mut n2 = b.to_vec();
                        n2.insert(i, b'e');
                        out.push(String::from_utf8(n2).unwrap());
                        let mut f = b.to_vec();
                        f[0] = b'x';
                        out.push(format!("the {} error", String::from_utf8(f).unwrap()));
                    }
                }
            }
            for c in e.codes.iter().chain(&e.related_codes) {
                out.push(c.clone());
                out.push(c.to_lowercase());
                out.push(format!("[{c}]"));
                if let Some(t) = e.screen.first() {
                    out.push(format!("{t}({c})"));
                    out.push(format!("{c} {}", e.zh.title));
                }
            }
        }
        for _ in 0..3000 {
            let n = 1 + rng.next() as usize % 7;
            out.push((0..n).map(|_| *rng.pick(&all_chars)).collect());
            let n = 2 + rng.next() as usize % 8;
            out.push(
                (0..n)
                    .map(|_| (b'a' + (rng.next() % 26) as u8) as char)
                    .collect(),
            );
            let n = 1 + rng.next() as usize % 4;
            out.push(
                (0..n)
                    .map(|_| rng.pick(&all_words).clone())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        out.push("余额不足".repeat(300));
        out.push("a".repeat(5000));
        out.push("card ".repeat(100));
        out.push("yuebuzu".repeat(20));
        out.push("交易失败".repeat(10));
        out.push("ab".repeat(31));
        out.push("ab".repeat(30));
        out.push("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".into());
        out.push("".into());
        out.push("   ".into());
        out.push("９９９９９".into());
        out.push("ｙｕｅ".into());
        out.push("é ñ ü".into());
        out.push("card déclinée".into());
        out.push("餘額不足".into());
        let mut seen = std::collections::HashSet::new();
        out.retain(|q| seen.insert(q.clone()));
        out
    }

    pub fn run(index: &Index, qs: &[String], path: &str) {
        let mut s = String::new();
        let mut times = Vec::new();
        for q in qs {
            let t = std::time::Instant::now();
            index.search(q, 5);
            times.push((t.elapsed(), q.clone()));
            for limit in [8usize, 1] {
                let hits = index.search(q, limit);
                let _ = writeln!(s, "Q\t{q:?}\t{limit}");
                for h in hits {
                    let _ = writeln!(
                        s,
                        "\t{}\t{:08x}\t{:?}\t{:?}",
                        index.entries()[h.entry].id,
                        h.score.to_bits(),
                        h.matched_by,
                        h.matched_text
                    );
                }
            }
        }
        std::fs::write(path, s).unwrap();
        times.sort();
        for (t, q) in times.iter().rev().take(25) {
            let short: String = q.chars().take(40).collect();
            eprintln!("{:>10.1?} {short:?}", t);
        }
    }

    pub fn main_dump(dir: &str) {
        use pinyin::ToPinyinMulti;
        let mut n = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if let Some(m) = c.to_pinyin_multi() {
                for p in m {
                    let s = p.plain();
                    assert!(!s.is_empty(), "{c} {s:?}");
                    n += 1;
                }
            }
        }
        eprintln!("{n} readings, all non-empty lower-case ASCII");
        let qs = queries(&std::fs::read_to_string("tests/data/lookup_eval.toml").unwrap());
        eprintln!("{} queries", qs.len());
        let small = Index::new(builtin().to_vec());
        let t = std::time::Instant::now();
        run(&small, &qs, &format!("{dir}/builtin.txt"));
        eprintln!("builtin {:?}", t.elapsed());
        let large = Index::new(super::common::synthetic(super::common::LARGE));
        let sub: Vec<String> = qs
            .iter()
            .step_by(7)
            .cloned()
            .chain(super::common::QUERIES.iter().map(|s| s.to_string()))
            .collect();
        let t = std::time::Instant::now();
        run(&large, &sub, &format!("{dir}/large.txt"));
        eprintln!("large {} queries {:?}", sub.len(), t.elapsed());
    }
}
// ---- end TEMPORARY ----

#[inline(never)]
fn build_only(entries: Vec<poscare::knowledge::Entry>) -> Index {
    Index::new(entries)
}

fn main() {
    if let Ok(n) = std::env::var("LOOKUP_BUILD") {
        let entries = synthetic(LARGE);
        let mut best = Duration::MAX;
        for _ in 0..n.parse::<usize>().unwrap() {
            let copy = entries.clone();
            let t = Instant::now();
            let index = build_only(copy);
            best = best.min(t.elapsed());
            drop(index);
        }
        println!("build 20k fastest {best:?}");
        return;
    }
    if let Ok(qs) = std::env::var("LOOKUP_LOOP") {
        let large = Index::new(synthetic(LARGE));
        if let Ok(iters) = std::env::var("LOOKUP_ITERS") {
            #[inline(never)]
            fn mark_query(q: &str) {
                black_box(q);
            }
            for q in qs.split('|') {
                mark_query(q);
                for _ in 0..iters.parse::<usize>().unwrap() {
                    black_box(large.search(black_box(q), LIMIT));
                }
            }
            mark_query("end");
            return;
        }
        for q in qs.split('|') {
            let mut best = f64::MAX;
            for _ in 0..15 {
                let t = Instant::now();
                let mut n = 0;
                while t.elapsed() < Duration::from_millis(60) {
                    black_box(large.search(black_box(q), LIMIT));
                    n += 1;
                }
                best = best.min(t.elapsed().as_secs_f64() * 1e6 / n as f64);
            }
            println!("{best:>10.1} us  {q}");
        }
        return;
    }
    if let Ok(dir) = std::env::var("LOOKUP_DUMP") {
        dump::main_dump(&dir);
        return;
    }
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
