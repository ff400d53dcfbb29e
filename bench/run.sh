#!/usr/bin/env bash
# Benchmark: times `framelens score` end to end on a ~100 MB JSONL corpus, on
# one thread and on all cores, and prints MB/s, articles/s and peak RSS.
#   bash bench/run.sh            100 MB, plus 25 and 50 MB to show time is linear
#   bash bench/run.sh --large    also 1 GB, for peak memory
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/framelens
work=target/bench
mkdir -p "$work"
cores=$(nproc)

sizes=(25 50 100)
if [ "${1:-}" = "--large" ]; then sizes+=(1000); fi

printf '%-8s %-8s %10s %10s %12s %12s\n' corpus threads seconds MB/s articles/s peak_RSS_MB
for size in "${sizes[@]}"; do
    corpus="$work/corpus-${size}mb.jsonl"
    [ -f "$corpus" ] || python3 bench/make_corpus.py "$size" "$corpus"
    bytes=$(stat -c %s "$corpus")
    articles=$(wc -l < "$corpus")
    for threads in 1 "$cores"; do
        best=""
        # Best of three runs: the least disturbed by anything else on the machine.
        for _ in 1 2 3; do
            /usr/bin/time -f '%e %M' -o "$work/time" "$bin" score "$corpus" --threads "$threads" > /dev/null
            read -r seconds rss_kb < "$work/time"
            if [ -z "$best" ] || awk "BEGIN { exit !($seconds < $best) }"; then
                best=$seconds
                best_rss=$rss_kb
            fi
        done
        awk -v s="$best" -v b="$bytes" -v a="$articles" -v r="$best_rss" -v t="$threads" -v c="${size}MB" \
            'BEGIN { printf "%-8s %-8s %10.2f %10.1f %12.0f %12.1f\n", c, t, s, b / 1e6 / s, a / s, r / 1024 }'
    done
done
