#!/usr/bin/env python3
"""Draws aligned sentence pairs from `framelens align` output for judging by hand.

usage: align_sample.py ALIGNED.csv N SEED OUT.tsv

A pair is two sentences of one fact (rows with the same story and fact
columns and an empty `only_in`), of different groups; a fact of three
sentences gives three pairs. N pairs are drawn without replacement with
Python's random.Random(SEED) from the pairs in file order. OUT gets one line
per pair: number, story, fact, similarity of each sentence, both sentences,
and an empty verdict column to fill with y (same fact) or n. It holds text
from the corpus: keep it outside the repository. Also prints how many of the
file's sentences found a partner.
"""
import csv
import random
import sys
from collections import defaultdict


def main():
    path, n, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    story = list(rows[0].keys())[0]
    facts = defaultdict(list)
    for r in rows:
        if not r["only_in"]:
            facts[(r[story], r["fact"])].append(r)
    pairs = []
    for key, members in facts.items():
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                pairs.append((key, members[i], members[j]))
    paired = sum(len(m) for m in facts.values())
    print(f"sentences {len(rows)}, with a partner {paired} ({paired / len(rows):.3f}), "
          f"facts told by two or more {len(facts)}, pairs {len(pairs)}")
    drawn = random.Random(seed).sample(pairs, min(n, len(pairs)))
    with open(out, "w", encoding="utf-8") as f:
        for k, (key, a, b) in enumerate(drawn, 1):
            f.write("\t".join([str(k), key[0], key[1], a["similarity"], b["similarity"],
                               a["text"], b["text"], ""]) + "\n")


if __name__ == "__main__":
    main()
