#!/usr/bin/env python3
"""Scores a batch of prompts (a TSV for ../shared/tools/score-lookup.py) with every lookup answered
by one process, the core example `lookup_lines`, instead of one program start per prompt and
prefix: the same figures in seconds.

    cargo build -p poscare-core --release --example lookup_lines
    python3 scripts/score_batch.py --tsv tests/data/blind2/r1-terminal-apps.tsv [--no-thesaurus]

`--no-thesaurus` scores plain character pairs and English words, without the thesaurus (the
measured alternative). Run from the checkout; score-lookup.py is looked up beside it in
../shared/tools (or give --scorer PATH).
"""
import importlib.util
import csv
import json
import os
import subprocess
import sys


def arg(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    scorer = arg("--scorer", os.path.join(here, "..", "..", "shared", "tools", "score-lookup.py"))
    spec = importlib.util.spec_from_file_location("score_lookup", scorer)
    score_lookup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score_lookup)
    tsv = arg("--tsv")
    lines = arg("--lines", os.path.join(here, "..", "target", "release", "examples", "lookup_lines"))
    rows = list(csv.DictReader(open(tsv, encoding="utf-8"), delimiter="\t"))
    queries = []
    for r in rows:
        q = r["query"]
        queries.append(q)
        if r["kind"] not in ("unknown", "probe"):
            queries += [q[:k] for k in range(1, len(q)) if q[:k].strip()]
    queries = list(dict.fromkeys(q for q in queries if "\n" not in q))
    extra = ["--no-thesaurus"] if "--no-thesaurus" in sys.argv else []
    out = subprocess.run([lines, "3"] + extra, input="\n".join(queries) + "\n",
                         capture_output=True, text=True, check=True).stdout.splitlines()
    cache = {q: json.loads(line)["results"] for q, line in zip(queries, out)}
    score_lookup.run_lookup = lambda _bin, _dir, q, _cache: cache[q]
    sys.argv = [sys.argv[0], "--tsv", tsv]
    score_lookup.main()


if __name__ == "__main__":
    sys.exit(main())
