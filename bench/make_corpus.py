#!/usr/bin/env python3
"""Writes a JSONL corpus of about SIZE megabytes for the benchmark.

It repeats the BBC News corpus of ../shared/bench (research data: read here,
never copied into the project) with fresh ids, or the seed articles when that
file is absent.

usage: make_corpus.py SIZE_MB OUT.jsonl
"""
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "bench" / "bbc_news_2225.jsonl"


def records():
    if BBC.exists():
        with open(BBC, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()], "BBC News 2225"
    seeds = ROOT / "seeds"
    rows = list(csv.DictReader(open(seeds / "manifest.csv", encoding="utf-8")))
    return [
        {"id": r["file"][:-4], "outlet": r["outlet"], "title": r["title"],
         "text": (seeds / r["file"]).read_text(encoding="utf-8")}
        for r in rows
    ], "the seed articles"


def main():
    size_mb, out = float(sys.argv[1]), Path(sys.argv[2])
    base, source = records()
    target = int(size_mb * 1_000_000)
    written = 0
    rounds = 0
    with open(out, "w", encoding="utf-8") as f:
        while written < target:
            for r in base:
                r = dict(r, id=f"{r['id']}-r{rounds}")
                line = json.dumps(r, ensure_ascii=False) + "\n"
                f.write(line)
                written += len(line.encode("utf-8"))
                if written >= target:
                    break
            rounds += 1
    print(f"{out}: {written / 1e6:.1f} MB from {source}", file=sys.stderr)


if __name__ == "__main__":
    main()
