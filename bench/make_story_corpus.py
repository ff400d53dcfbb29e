#!/usr/bin/env python3
"""Writes a JSONL corpus of N synthetic dated articles for the `stories` benchmark.

Each story is one BBC News article of ../shared/bench (research data: read
here at run time, never copied into the project) told by three outlets: three
versions with their sentences shuffled and about a quarter of them dropped,
dated within two days of each other. A BBC article comes back as a new story
every 60 days, so the corpus holds many near-identical stories apart in time,
the hardest case for the candidate search. Without the BBC file the seed
articles are used. The seed is fixed: the same N gives the same file.

usage: make_story_corpus.py N OUT.jsonl   (FRAMELENS_BBC=FILE to name the BBC file)
"""
import datetime
import json
import random
import re
import sys
from pathlib import Path

import os

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_corpus  # noqa: E402

# Where the project's clone does not sit beside shared/, name the file.
if os.environ.get("FRAMELENS_BBC"):
    make_corpus.BBC = Path(os.environ["FRAMELENS_BBC"])
records = make_corpus.records

OUTLETS = ["Outlet A", "Outlet B", "Outlet C"]


def main():
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    base, source = records()
    rng = random.Random(1)
    start = datetime.date(2000, 1, 1)
    written = 0
    with open(out, "w", encoding="utf-8") as f:
        story = 0
        while written < n:
            r = base[story % len(base)]
            rounds = story // len(base)
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", r["text"]) if s]
            day = start + datetime.timedelta(days=60 * rounds + rng.randrange(28))
            for outlet in OUTLETS:
                if written >= n:
                    break
                kept = [s for s in sentences if rng.random() > 0.25] or sentences[:1]
                rng.shuffle(kept)
                date = day + datetime.timedelta(days=rng.randrange(3))
                record = {"id": f"{r['id']}-{rounds}-{outlet[-1]}", "outlet": outlet,
                          "date": date.isoformat(), "title": r.get("title", ""),
                          "text": " ".join(kept)}
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
            story += 1
    print(f"{out}: {written} articles from {source}", file=sys.stderr)


if __name__ == "__main__":
    main()
