#!/usr/bin/env python3
"""Benchmark of the Python package against the binary, in the same run, on
the same ~100 MB JSONL corpus (bench/make_corpus.py): `framelens score FILE`
end to end, and `framelens.score(series)` on the corpus's texts already in
a pandas Series (index: the ids), to a DataFrame. Best of several runs, on
one thread and on every core; prints MB/s and the package's time against
the binary's (target: within 15%).

usage: target/python-venv/bin/python bench/package.py [SIZE_MB]
       (after bash python/run-tests.sh, which builds the release binary's
       twin wheel and installs it in target/python-venv)
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas

import framelens

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def best(seconds):
    return min(seconds)


def main():
    size = sys.argv[1] if len(sys.argv) > 1 else "100"
    corpus = ROOT / "target" / "bench" / f"corpus-{size}mb.jsonl"
    if not corpus.exists():
        corpus.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), size, str(corpus)], check=True)
    binary = os.environ.get("FRAMELENS", str(ROOT / "target" / "release" / "framelens"))
    megabytes = corpus.stat().st_size / 1e6
    with open(corpus, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    series = pandas.Series([r["text"] for r in records], index=[r["id"] for r in records])
    text_mb = sum(len(t.encode("utf-8")) for t in series) / 1e6
    print(f"corpus: {corpus.name}, {megabytes:.1f} MB of JSONL, {len(series)} articles, {text_mb:.1f} MB of text")
    print(f"{'threads':<8} {'binary_s':>9} {'binary_MB/s':>12} {'package_s':>10} {'package_MB/s':>13} {'package/binary':>15}")
    cores = os.cpu_count() or 1
    verdicts = []
    for threads in sorted({1, cores}):
        binary_times, package_times = [], []
        # Interleaved, so that a disturbance on a shared machine hits both.
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(
                [binary, "score", str(corpus), "--threads", str(threads), "--quiet"],
                stdout=subprocess.DEVNULL,
                check=True,
            )
            binary_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            table = framelens.score(series, threads=threads)
            package_times.append(time.perf_counter() - start)
            assert len(table) == len(series)
        b, p = best(binary_times), best(package_times)
        ratio = p / b
        verdicts.append((threads, ratio))
        print(f"{threads:<8} {b:>9.2f} {megabytes / b:>12.1f} {p:>10.2f} {megabytes / p:>13.1f} {ratio:>15.2f}")
    for threads, ratio in verdicts:
        met = "met" if ratio <= 1.15 else "NOT met"
        print(f"target (package within 15% of the binary), {threads} thread(s): {met} ({(ratio - 1) * 100:+.0f}%)")


if __name__ == "__main__":
    main()
