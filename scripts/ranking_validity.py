#!/usr/bin/env python3
"""Does framelens order the outlets of one event as BASIL's annotators do?

usage: ranking_validity.py BASIL.jsonl [--bin FRAMELENS] [--weighted]

Scores BASIL with `framelens score` (the data is read at run time, written
nowhere in the project). For each article, the annotators' density is its
number of lexical-bias (`loaded`) spans per framelens word, and framelens's
is its loaded matches per word. For each event (three outlets):

- top-1: whether framelens's most loaded article is the annotators' most
  loaded one. Ties share the credit: with a tie for framelens's top, each
  tied article counts as a fair draw; an article tied for the annotators'
  top counts as their top. Events where the annotators marked all three
  articles alike are left out. Chance: the share of the event's articles
  tied for the annotators' top (1/3 without ties).
- Kendall's tau-b of the two orders of the three articles (chance 0), and
  the share of article pairs with different annotator densities that
  framelens orders the same way (ties in framelens count half; chance 0.5).

With --weighted, framelens's density is `loaded_weighted_per_1k`: each
match counted as its entry's strength (VALIDATION.md, graded entries).

A permutation test shuffles framelens's densities within each event 10,000
times (seed 16) and reports how often chance does at least as well.
"""
import csv
import json
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tau_b(x, y):
    concordant = discordant = tx = ty = 0
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            dx, dy = x[i] - x[j], y[i] - y[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                tx += 1
            elif dy == 0:
                ty += 1
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    denominator = ((concordant + discordant + tx) * (concordant + discordant + ty)) ** 0.5
    return None if denominator == 0 else (concordant - discordant) / denominator


def figures(events):
    top = chance = 0.0
    scored = 0
    taus = []
    pair_score = pairs = 0.0
    for gold, pred in events:
        if max(gold) > min(gold):
            scored += 1
            gold_top = {i for i, g in enumerate(gold) if g == max(gold)}
            pred_top = [i for i, p in enumerate(pred) if p == max(pred)]
            top += sum(1 for i in pred_top if i in gold_top) / len(pred_top)
            chance += len(gold_top) / len(gold)
        t = tau_b(gold, pred)
        if t is not None:
            taus.append(t)
        for i in range(len(gold)):
            for j in range(i + 1, len(gold)):
                if gold[i] == gold[j]:
                    continue
                pairs += 1
                if pred[i] == pred[j]:
                    pair_score += 0.5
                elif (pred[i] > pred[j]) == (gold[i] > gold[j]):
                    pair_score += 1
    return {"events_with_a_top": scored, "top1": top, "top1_chance": chance,
            "mean_tau_b": sum(taus) / len(taus), "tau_events": len(taus),
            "pairs": int(pairs), "pairwise": pair_score / pairs}


def main():
    basil = Path(sys.argv[1])
    binary = sys.argv[sys.argv.index("--bin") + 1] if "--bin" in sys.argv else str(ROOT / "target/release/framelens")
    records = [json.loads(line) for line in open(basil, encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.csv"
        subprocess.run([binary, "score", str(basil), "-o", str(out), "--quiet"], check=True)
        scores = {r["id"]: r for r in csv.DictReader(open(out, encoding="utf-8"))}
    by_event = defaultdict(lambda: ([], []))
    for r in records:
        s = scores[r["id"]]
        words = max(int(s["words"]), 1)
        gold = sum(1 for span in r["spans"] if span["label"] == "loaded") / words
        by_event[r["event"]][0].append(gold)
        if "--weighted" in sys.argv:
            by_event[r["event"]][1].append(float(s["loaded_weighted_per_1k"]))
        else:
            by_event[r["event"]][1].append(int(s["loaded"]) / words)
    events = list(by_event.values())
    seen = figures(events)
    rng = random.Random(16)
    at_least = {"top1": 0, "mean_tau_b": 0}
    runs = 10_000
    for _ in range(runs):
        shuffled = []
        for gold, pred in events:
            p = pred[:]
            rng.shuffle(p)
            shuffled.append((gold, p))
        f = figures(shuffled)
        for k in at_least:
            at_least[k] += f[k] >= seen[k]
    n = seen["events_with_a_top"]
    print(f"events {len(events)}; with an annotators' top {n}")
    print(f"top-1 agreement {seen['top1']:.1f} of {n} events ({seen['top1'] / n:.3f}); "
          f"chance {seen['top1_chance']:.1f} ({seen['top1_chance'] / n:.3f}); "
          f"permutation p = {at_least['top1'] / runs:.4f}")
    print(f"mean Kendall tau-b {seen['mean_tau_b']:.3f} over {seen['tau_events']} events (chance 0); "
          f"permutation p = {at_least['mean_tau_b'] / runs:.4f}")
    print(f"pairwise order {seen['pairwise']:.3f} over {seen['pairs']} pairs (chance 0.5)")


if __name__ == "__main__":
    main()
