#!/usr/bin/env python3
"""Precision of the lexicons on real news: draw a sample of matches to judge by hand,
then count the verdicts.

The verdicts are given by a person who reads each row (never by a heuristic): see the
judging guidelines that sit beside the validation data. The corpora are research-only,
so the samples and verdicts are written OUTSIDE the repository, and only counts and
entry names are published (VALIDATION.md).

    # draw 100 matches per category from each sample, seed 7
    python3 bench/precision_sample.py draw --seed 7 --out /path/outside/repo/round1
    # ... judge: write SAMPLE.verdicts beside each SAMPLE.csv, one line per row:
    #     ROW VERDICT VOICE_OK REASON      (VERDICT c|i|u, VOICE_OK y|n|u)
    python3 bench/precision_sample.py tally /path/outside/repo/round1

Samples:
  bbc    the 2,225 BBC articles of ../shared/bench/bbc_news_2225.jsonl;
  other  real news of other outlets: the article texts of PolNeAR (seven US outlets)
         and BASIL (Fox News, New York Times, HuffPost) in ../shared/validation.

The draw is a random order fixed by the seed (a hash of the seed and each match's
place), cut at 100 per category: a redraw after a lexicon change keeps the rows that
are still matched. `draw --prior DIR` copies the verdict of any row already judged in an
earlier round (same article, category and offsets), so that only the new rows need
reading; a carried voice verdict is dropped when the voice moved.
"""

import argparse
import csv
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# The shared data sits beside the project (../shared); from a git worktree one
# level deeper, beside its parent. FRAMELENS_SHARED names it explicitly.
SHARED = os.environ.get("FRAMELENS_SHARED") or next(
    (p for p in (os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared"))
     if os.path.isdir(p)), os.path.join(ROOT, "..", "shared"))
SHARED = os.path.normpath(SHARED)
CATEGORIES = ["loaded", "hedging", "boosters", "attribution"]
SAMPLES = {
    "bbc": [os.path.join(SHARED, "bench", "bbc_news_2225.jsonl")],
    "other": [
        os.path.join(SHARED, "validation", "polnear.jsonl"),
        os.path.join(SHARED, "validation", "basil.jsonl"),
    ],
}
# Characters of article text shown on each side of a match: more than the
# `context` column of `matches`, because a sense often needs the whole sentence.
WIDE = 160
FIELDS = [
    "row", "doc_id", "category", "subcategory", "entry", "matched", "start_char",
    "end_char", "voice", "negated", "context",
]
JUDGED = FIELDS[:9] + ["verdict", "voice_ok", "reason"]


def texts_of(paths):
    """Article id -> text, for the corpora of one sample."""
    texts = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                texts[record["id"]] = record["text"]
    return texts


def run_matches(binary, lexicons, paths):
    """The rows of `framelens matches` on the corpora, in output order."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "matches.csv")
        command = [binary, "matches", *paths, "--quiet", "--raw", "-o", out]
        if lexicons:
            command += ["--lexicons", lexicons]
        subprocess.run(command, check=True)
        with open(out, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))


def wide_context(text, start, end):
    left = text[max(0, start - WIDE):start].replace("\n", " / ")
    right = text[end:end + WIDE].replace("\n", " / ")
    return f"{left}«{text[start:end]}»{right}"


def key_of(row):
    """A match's place: the verdict on these words in this category."""
    return (row["doc_id"], row["category"], row["start_char"], row["end_char"])


def rank(seed, sample, row):
    """A match's place in the seed's random order of its sample and category.

    Each match gets its own pseudo-random number from the seed and its place,
    so that a lexicon change that removes or adds matches leaves the order of
    the others as it was: a redraw keeps every earlier row still matched, and
    only the rows that moved up need reading.
    """
    key = "/".join((str(seed), sample) + key_of(row))
    return hashlib.sha256(key.encode()).hexdigest()


def read_judged(path):
    """Rows of a judged sample (SAMPLE.csv joined with SAMPLE.verdicts)."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    verdicts = {}
    vpath = path[: -len(".csv")] + ".verdicts"
    if os.path.exists(vpath):
        with open(vpath, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                parts = line.split(None, 3)
                if len(parts) < 3 or parts[1] not in "ciu" or parts[2] not in "ynu":
                    sys.exit(f"{vpath}:{n}: expected `ROW c|i|u y|n|u REASON`")
                verdicts[parts[0]] = (parts[1], parts[2], parts[3] if len(parts) > 3 else "")
    for row in rows:
        v = verdicts.get(row["row"])
        if v:
            row["verdict"], row["voice_ok"], row["reason"] = v
    return rows


def draw(args):
    os.makedirs(args.out, exist_ok=True)
    prior = {}
    for folder in args.prior or []:
        for name in sorted(os.listdir(folder)):
            if name.endswith(".csv"):
                for row in read_judged(os.path.join(folder, name)):
                    if row.get("verdict"):
                        prior[key_of(row)] = row
    for sample, paths in SAMPLES.items():
        texts = texts_of(paths)
        rows = run_matches(args.bin, args.lexicons, paths)
        by_category = defaultdict(list)
        for row in rows:
            by_category[row["category"]].append(row)
        drawn = []
        for category in CATEGORIES:
            pool = sorted(by_category.get(category, []), key=lambda r: rank(args.seed, sample, r))
            drawn += pool[: args.per]
        csv_path = os.path.join(args.out, f"{sample}.csv")
        verdict_lines = []
        with open(csv_path, "w", encoding="utf-8", newline="") as f:
            out = csv.DictWriter(f, FIELDS)
            out.writeheader()
            for n, row in enumerate(drawn, 1):
                start, end = int(row["start_char"]), int(row["end_char"])
                out.writerow({
                    "row": n,
                    **{k: row[k] for k in FIELDS[1:-1]},
                    "context": wide_context(texts[row["doc_id"]], start, end),
                })
                old = prior.get(key_of(row))
                if old:
                    voice_ok = old["voice_ok"] if old["voice"] == row["voice"] else "u"
                    verdict_lines.append(f"{n} {old['verdict']} {voice_ok} {old['reason']}")
        if verdict_lines:
            with open(os.path.join(args.out, f"{sample}.verdicts"), "w", encoding="utf-8") as f:
                f.write("\n".join(verdict_lines) + "\n")
        counts = Counter(r["category"] for r in rows)
        print(f"{sample}: {len(texts)} articles, matches "
              + ", ".join(f"{c} {counts[c]}" for c in CATEGORIES)
              + f"; {len(drawn)} drawn, {len(verdict_lines)} already judged", file=sys.stderr)


def wilson(k, n, z=1.959964):
    """The 95% Wilson score interval of k successes in n trials."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half, centre + half)


def tally(args):
    print("| sample | category | judged | correct | incorrect | unsure | precision | 95% interval "
          "| voice right | failing entries (incorrect rows) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    missing = 0
    for folder in args.folders:
        for sample in SAMPLES:
            path = os.path.join(folder, f"{sample}.csv")
            if not os.path.exists(path):
                continue
            rows = read_judged(path)
            missing += sum(1 for r in rows if not r.get("verdict"))
            if args.judged_csv:
                with open(os.path.join(folder, f"{sample}.judged.csv"), "w", encoding="utf-8",
                          newline="") as f:
                    out = csv.DictWriter(f, JUDGED, extrasaction="ignore")
                    out.writeheader()
                    out.writerows(rows)
            for category in CATEGORIES:
                mine = [r for r in rows if r["category"] == category and r.get("verdict")]
                v = Counter(r["verdict"] for r in mine)
                c, i, u = v["c"], v["i"], v["u"]
                low, high = wilson(c, c + i)
                voice = Counter(r["voice_ok"] for r in mine)
                voice_share = voice["y"] / max(1, voice["y"] + voice["n"])
                failing = Counter(r["entry"] for r in mine if r["verdict"] == "i")
                fails = ", ".join(f"`{e}` {n}" if n > 1 else f"`{e}`"
                                  for e, n in sorted(failing.items(), key=lambda x: (-x[1], x[0])))
                precision = c / (c + i) if c + i else float("nan")
                print(f"| {sample} | {category} | {len(mine)} | {c} | {i} | {u} | {precision:.2f} "
                      f"| {low:.2f}–{high:.2f} | {voice['y']}/{voice['y'] + voice['n']} "
                      f"({voice_share:.0%}) | {fails} |")
    if missing:
        print(f"\n{missing} rows not judged yet", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    d = commands.add_parser("draw", help="run framelens matches and draw the samples")
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--out", required=True, help="a folder outside the repository")
    d.add_argument("--per", type=int, default=100, help="matches per category and sample")
    d.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "framelens"))
    d.add_argument("--lexicons", help="a lexicon folder (default: the built-in lists)")
    d.add_argument("--prior", action="append", help="a folder of judged samples to reuse")
    t = commands.add_parser("tally", help="count the verdicts: precision per category")
    t.add_argument("folders", nargs="+")
    t.add_argument("--judged-csv", action="store_true",
                   help="also write SAMPLE.judged.csv (rows with their verdicts)")
    args = parser.parse_args()
    if args.command == "draw":
        out = os.path.realpath(args.out)
        if out == ROOT or out.startswith(ROOT + os.sep):
            sys.exit("--out must lie outside the repository: the corpora are research-only")
        draw(args)
    else:
        tally(args)


if __name__ == "__main__":
    main()
