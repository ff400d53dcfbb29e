#!/usr/bin/env python3
"""B-cubed precision, recall and F1 of `framelens stories` against BASIL's events.

usage: story_quality.py BASIL.jsonl [--dates] [--mix OTHER.jsonl] [--bin FRAMELENS] [-- STORY OPTIONS...]

Runs `framelens stories` on BASIL (with its `event` field removed, so the
grouping cannot see it), or on BASIL mixed with OTHER (every record of OTHER
added after BASIL's; OTHER's own grouping fields are dropped too). Only
BASIL's articles are scored, against BASIL's events; an OTHER article in a
BASIL article's story counts against that article's precision. With
--dates, each BASIL article keeps its publication date (from its labels), so
that the date window applies; OTHER's articles have none. The data is
read at run time and written only to a temporary folder.
"""
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        extra = args[args.index("--") + 1:]
        args = args[: args.index("--")]
    basil = Path(args[0])
    mix = Path(args[args.index("--mix") + 1]) if "--mix" in args else None
    binary = args[args.index("--bin") + 1] if "--bin" in args else str(ROOT / "target/release/framelens")
    dates = "--dates" in args
    gold = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with open(corpus, "w", encoding="utf-8") as out:
            for line in open(basil, encoding="utf-8"):
                r = json.loads(line)
                gold[r["id"]] = r["event"]
                record = {"id": r["id"], "outlet": r["outlet"], "text": r["text"]}
                if dates:
                    record["date"] = r["labels"].get("date")
                out.write(json.dumps(record) + "\n")
            if mix:
                for line in open(mix, encoding="utf-8"):
                    r = json.loads(line)
                    out.write(json.dumps({"id": "mix-" + str(r["id"]), "outlet": r.get("outlet"),
                                          "text": r["text"]}) + "\n")
        result = Path(tmp) / "stories.csv"
        subprocess.run([binary, "stories", str(corpus), "-o", str(result), "--quiet", *extra], check=True)
        story = {row["id"]: row["story"] for row in csv.DictReader(open(result, encoding="utf-8"))}
    members = defaultdict(list)
    for i, s in story.items():
        members[s].append(i)
    p = r = 0.0
    for i, event in gold.items():
        same_story = members[story[i]]
        correct = sum(1 for j in same_story if gold.get(j) == event)
        p += correct / len(same_story)
        r += correct / sum(1 for e in gold.values() if e == event)
    p, r = p / len(gold), r / len(gold)
    f1 = 2 * p * r / (p + r)
    sizes = Counter(len(members[story[i]]) for i in gold)
    stories = len({story[i] for i in gold})
    print(f"articles scored {len(gold)}  stories holding them {stories}  "
          f"B-cubed precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")
    foreign = sum(1 for i in gold for j in members[story[i]] if j not in gold)
    print("story sizes seen from BASIL articles:", dict(sorted(sizes.items())),
          " other-corpus articles in BASIL articles' stories (summed over BASIL articles):", foreign)


if __name__ == "__main__":
    main()
