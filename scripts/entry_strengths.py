#!/usr/bin/env python3
"""Strengths of the loaded entries from their precision, smoothed.

usage:
  entry_strengths.py [--judged DIR]... [--without DATASET]... [--bin FRAMELENS]
                     [--lexicons DIR] [--write FILE | --in-place] [--table FILE]

Reads, at run time (nothing of the data is written into the project):

- DEV: the loaded-language gold of ptc, basil and babe in ../shared/validation.
  `framelens matches` runs on each file (a JSONL corpus whose `text` is the
  annotated string), and a match is a *hit* when it overlaps a gold `loaded`
  span (code points, as `evaluate` counts them).
- Judged samples (`--judged DIR`, any number; e.g. the rounds of
  bench/precision_sample.py): each `*.csv` with a `*.verdicts` beside it, or a
  joined `*.judged.csv`; verdict `c` is right, `i` wrong, `u` left out. A row
  judged in several rounds counts once, with its last verdict.

Each source s (ptc, basil, babe, and each judged sample) has its own base
rate P_s: the share of the category's matches that are hits (DEV) or right
(judged). Annotators mark far fewer words than a reader judges loaded, so a
DEV hit is worth more than a judged "right"; dividing by P_s puts all sources
on one scale, where an entry as right as the average match of the source
scores 1. For an entry with n_s matches and k_s hits in source s:

    q = (sum_s k_s / P_s + A) / (sum_s n_s + A)          A = 10
    strength = clip(round(P * q, 1), 0.2, 1)

P is the category's precision in the judged samples (the share of matches a
reader finds right), so that a strength reads as "about this share of the
entry's matches are loaded". The A pseudo-matches at the average keep an
entry seen a few times near P. An entry never matched in any source gets P.

`--without ptc` leaves a DEV set out of the estimate, to measure on it what
the strengths do on text they did not see. `--compare` does that for each
DEV set in turn, runs `framelens evaluate` on it with the strengths fitted
without it (and with the strengths fitted on all sets), and prints the count
and weighted figures side by side: the table in VALIDATION.md. `--write FILE`
writes a copy of loaded.txt with the strengths; `--in-place` rewrites the
project's lexicons/en/loaded.txt (only the numbers after the entries
change). `--table FILE` writes entry, n, hits per source and strength as CSV.
"""
import argparse
import csv
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FRAMELENS_SHARED") or next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
    ROOT.parent / "shared"))
DEV = ["ptc", "basil", "babe"]
CATEGORY = "loaded"
A = 10.0
FLOOR = 0.2
STRENGTH = re.compile(r"\s+(\d*\.?\d+)\s*$")


def key_of(raw):
    """(words, kind) of an entry as written, as `framelens matches` names it."""
    body = raw.strip()
    if body.startswith("!"):
        body = body[1:].strip()
    if body == ":":
        return (":", "quote-colon")
    cased = body.startswith("=")
    chunks = body.lstrip("=").split()
    stem = any(c.startswith("~") for c in chunks)
    prefix = any(c.endswith("*") for c in chunks)
    words = " ".join(c.lstrip("~").rstrip("*") for c in chunks) if (cased or stem or prefix) else body
    if cased:
        kind = "cased"
    elif stem and prefix:
        kind = "stem+prefix"
    elif stem:
        kind = "stem"
    elif prefix:
        kind = "prefix"
    else:
        kind = "word"
    return (words, kind)


def lexicon_lines(path):
    """Line number -> (entry as written, without strength) of each entry line."""
    out = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.split(" #")[0].split("\t#")[0].strip()
        if not text or text.startswith("#") or text.startswith("[") or text.startswith("!"):
            continue
        out[n] = STRENGTH.sub("", text)
    return out


def overlaps(spans, s, e):
    return any(a < e and s < b for a, b in spans)


def dev_counts(binary, lexicons, dataset):
    """(words, kind) -> [matches, hits] on one DEV set."""
    gold_path = SHARED / "validation" / f"{dataset}.jsonl"
    gold = {}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            gold[r["id"]] = [(s["start"], s["end"]) for s in r["spans"] if s["label"] == CATEGORY]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "m.csv"
        subprocess.run([binary, "matches", str(gold_path), "--lexicons", str(lexicons),
                        "--raw", "--quiet", "-o", str(out)], check=True)
        counts = defaultdict(lambda: [0, 0])
        with open(out, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["category"] != CATEGORY:
                    continue
                c = counts[(row["entry"], row["entry_kind"])]
                c[0] += 1
                c[1] += overlaps(gold.get(row["doc_id"], []), int(row["start_char"]), int(row["end_char"]))
    return counts


def judged_rows(folder):
    """(sample, doc_id, start_char) -> (entry key, right) over one round's files."""
    rows = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        if path.endswith(".judged.csv"):
            continue
        sample = os.path.basename(path)[:-4]
        joined = path[:-4] + ".judged.csv"
        verdicts_path = path[:-4] + ".verdicts"
        if os.path.exists(joined):
            with open(joined, encoding="utf-8", newline="") as f:
                table = [(r, r["verdict"]) for r in csv.DictReader(f)]
        elif os.path.exists(verdicts_path):
            verdicts = {}
            for line in open(verdicts_path, encoding="utf-8"):
                parts = line.split()
                if len(parts) >= 2:
                    verdicts[parts[0]] = parts[1]
            with open(path, encoding="utf-8", newline="") as f:
                table = [(r, verdicts.get(r.get("row", ""), "u")) for r in csv.DictReader(f)]
        else:
            continue
        for r, verdict in table:
            if r.get("category") != CATEGORY or verdict not in ("c", "i"):
                continue
            # Newer samples name the entry as `matches` does, with its kind.
            key = (r["entry"], r["entry_kind"]) if r.get("entry_kind") else key_of(r["entry"])
            rows[(sample, r["doc_id"], r["start_char"])] = (key, verdict == "c")
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--judged", action="append", default=[], help="a folder of judged samples")
    ap.add_argument("--without", action="append", default=[], choices=DEV)
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "framelens"))
    ap.add_argument("--lexicons", default=str(ROOT / "lexicons" / "en"))
    ap.add_argument("--write", help="write loaded.txt with strengths here")
    ap.add_argument("--in-place", action="store_true")
    ap.add_argument("--table", help="write the per-entry figures as CSV here")
    ap.add_argument("--compare", action="store_true",
                    help="evaluate count and weighted rates, each DEV set held out in turn")
    args = ap.parse_args()
    if args.compare:
        return compare(args)
    fit(args, args.without, Path(args.write) if args.write else None)


# The figures `evaluate` gives for each DEV set: (count metric, weighted metric).
FIGURES = {
    "ptc": [("loaded_density_spearman", "loaded_weighted_density_spearman")],
    "basil": [("loaded_density_spearman", "loaded_weighted_density_spearman"),
              ("basil_pairwise_accuracy", "basil_weighted_pairwise_accuracy")],
    "babe": [("babe_sentence_auc", "babe_weighted_sentence_auc")],
}


def evaluate(binary, lexicons, dataset):
    out = subprocess.run([binary, "evaluate", "--lexicons", str(lexicons), "--output-format", "csv",
                          "--gold", str(SHARED / "validation" / f"{dataset}.jsonl")],
                         check=True, capture_output=True, text=True).stdout
    return {r["metric"]: r["value"] for r in csv.DictReader(out.splitlines())}


def compare(args):
    print("| set | figure | count | weighted: fitted on all | without the set | judged samples only |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folders = {}
        # All sources; each DEV set left out in turn; no DEV set at all.
        for held, without in [("all", []), *[(d, [d]) for d in DEV], ("judged", DEV)]:
            folder = Path(tmp) / held
            folder.mkdir()
            for f in Path(args.lexicons).glob("*.txt"):
                (folder / f.name).write_bytes(f.read_bytes())
            fit(args, without, folder / f"{CATEGORY}.txt")
            folders[held] = folder
        for dataset in DEV:
            inside = evaluate(args.bin, folders["all"], dataset)
            outside = evaluate(args.bin, folders[dataset], dataset)
            judged = evaluate(args.bin, folders["judged"], dataset)
            for count, weighted in FIGURES[dataset]:
                print(f"| {dataset} | {count} | {inside[count]} | {inside[weighted]} "
                      f"| {outside[weighted]} | {judged[weighted]} |")


def fit(args, without, target):
    """Estimates the strengths (without the DEV sets `without`) and writes
    loaded.txt with them to `target`, or in place with --in-place."""

    lexicons = Path(args.lexicons)
    loaded = lexicons / f"{CATEGORY}.txt"
    lines = lexicon_lines(loaded)
    entry_key = {n: key_of(text) for n, text in lines.items()}

    # source -> key -> [n, k]
    sources = {}
    for dataset in DEV:
        if dataset not in without:
            sources[dataset] = dev_counts(args.bin, lexicons, dataset)
    judged = {}
    for folder in args.judged:  # later rounds win
        judged.update(judged_rows(folder))
    # Samples drawn since `matches` writes entries without their marks name
    # an entry by its words alone: those are found by words where one line
    # of the list has them.
    by_words = defaultdict(set)
    for key in entry_key.values():
        by_words[key[0]].add(key)
    known = set(entry_key.values())
    for (sample, _, _), (key, right) in judged.items():
        if key not in known and len(by_words.get(key[0], ())) == 1:
            key = next(iter(by_words[key[0]]))
        c = sources.setdefault("judged-" + sample, defaultdict(lambda: [0, 0]))[key]
        c[0] += 1
        c[1] += right

    base = {}
    for name, counts in sources.items():
        n = sum(c[0] for c in counts.values())
        k = sum(c[1] for c in counts.values())
        base[name] = k / n if n and k else None
    judged_n = sum(c[0] for s, cs in sources.items() if s.startswith("judged-") for c in cs.values())
    judged_k = sum(c[1] for s, cs in sources.items() if s.startswith("judged-") for c in cs.values())
    if not judged_n:
        sys.exit("entry_strengths.py: no judged rows: give --judged DIR")
    scale = judged_k / judged_n
    for name, p in sorted(base.items()):
        total = sum(c[0] for c in sources[name].values())
        print(f"{name}: {total} matches, base rate {p:.3f}" if p else f"{name}: no hits", file=sys.stderr)
    print(f"P (judged precision of {CATEGORY}): {scale:.3f} over {judged_n} rows", file=sys.stderr)

    strengths, table = {}, []
    for n, text in lines.items():
        key = entry_key[n]
        matches = relative = 0.0
        per = []
        for name, counts in sources.items():
            m, k = counts.get(key, (0, 0))
            per.extend([m, k])
            if base[name]:
                matches += m
                relative += k / base[name]
        q = (relative + A) / (matches + A)
        strength = min(1.0, max(FLOOR, round(scale * q, 1)))
        strengths[n] = strength
        table.append([text, *per, f"{q:.3f}", f"{strength:.1f}"])

    if args.table:
        with open(args.table, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["entry", *[f"{s}_{x}" for s in sources for x in ("n", "right")], "q", "strength"])
            w.writerows(table)
    target = loaded if args.in_place else target
    if target:
        out = []
        for n, line in enumerate(loaded.read_text(encoding="utf-8").splitlines(), 1):
            if n in strengths:
                m = re.match(r"^(\s*)(.*?)(\s*)((?:\s#|\t#).*)?$", line)
                indent, body, _, comment = m.group(1), m.group(2), m.group(3), m.group(4) or ""
                body = STRENGTH.sub("", body)
                s = strengths[n]
                strength = "1" if s == 1.0 else f"{s:.1f}"
                line = f"{indent}{body} {strength}" + (f" {comment.lstrip()}" if comment else "")
            out.append(line)
        target.write_text("\n".join(out) + "\n", encoding="utf-8")
    hist = defaultdict(int)
    for s in strengths.values():
        hist[s] += 1
    print("strengths: " + ", ".join(f"{s:.1f}: {hist[s]}" for s in sorted(hist)), file=sys.stderr)


if __name__ == "__main__":
    main()
