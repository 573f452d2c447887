//! Looks up each line of stdin and prints one JSON object per line, as `poscare lookup --json
//! --lang en --limit 3` would: for scoring a batch of prompts without starting the program once
//! per prompt (`python3 scripts/score_batch.py`).

use std::io::{BufRead, Write};

use poscare_core::i18n::Lang;
use poscare_core::knowledge::thesaurus::Thesaurus;
use poscare_core::knowledge::{Index, builtin, index_with};

fn main() {
    // `--no-thesaurus`: plain character pairs and English words, no dictionary and no concepts,
    // to measure what the thesaurus brings.
    let index = if std::env::args().any(|a| a == "--no-thesaurus") {
        let empty = Thesaurus::parse("concept = []").expect("an empty thesaurus parses");
        Index::with_thesaurus(builtin().to_vec(), Box::leak(Box::new(empty)))
    } else {
        index_with(Vec::new())
    };
    let limit: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let explain = std::env::args().any(|a| a == "--explain");
    let features = std::env::args().any(|a| a == "--features");
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(query) = line else { break };
        if features {
            let f: Vec<serde_json::Value> = index
                .features(&query)
                .into_iter()
                .map(|(e, t, c, p)| {
                    let entry = &index.entries()[e];
                    serde_json::json!([
                        entry.id,
                        t,
                        c,
                        p,
                        entry.payment == poscare_core::knowledge::Payment::Qr
                    ])
                })
                .collect();
            let _ = writeln!(
                out,
                "{}",
                serde_json::json!({"query": query, "features": f})
            );
            continue;
        }
        if explain {
            let _ = writeln!(out, "{query}\n  {}", index.explain(&query));
        }
        let found = index.lookup(&query, limit);
        let results: Vec<serde_json::Value> = found
            .hits
            .iter()
            .map(|h| {
                let e = &index.entries()[h.entry];
                serde_json::json!({
                    "id": e.id,
                    "title": e.text(Lang::En).title,
                    "category": e.category.code(),
                    "retry": e.retry.code(),
                    "score": h.shown_score(),
                    "matched_by": h.matched_by.code(),
                })
            })
            .collect();
        let doc = serde_json::json!({
            "query": query,
            "results": results,
            "unknown_code": found.unknown_code,
            "money_words": found.money_words,
        });
        let _ = writeln!(out, "{doc}");
    }
}
