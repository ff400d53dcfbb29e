#!/usr/bin/env bash
# Benchmark of `framelens stories`: times it on synthetic dated corpora of
# 25,000, 50,000 and 100,000 articles (bench/make_story_corpus.py, built at
# run time from the BBC corpus beside the project), prints seconds, CPU
# seconds, articles per second and peak RSS, then the targets of issue 16:
# 100,000 articles in under a minute, time close to linear, memory bounded.
#   bash bench/stories.sh              25k, 50k and 100k articles
#   bash bench/stories.sh N...         those sizes instead (CI runs a small one)
# FRAMELENS_BBC=FILE names the BBC file when shared/ is not beside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/framelens
work=target/bench
mkdir -p "$work"
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(25000 50000 100000); fi
results="$work/stories-results"
: > "$results"
printf '%-9s %9s %9s %12s %12s %9s\n' articles seconds cpu_s articles/s peak_RSS_MB stories
for n in "${sizes[@]}"; do
    corpus="$work/stories-$n.jsonl"
    [ -f "$corpus" ] || python3 bench/make_story_corpus.py "$n" "$corpus"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$bin" stories "$corpus" --quiet -o "$work/stories-$n.csv"
    read -r seconds user sys rss_kb < "$work/time"
    stories=$(tail -n +2 "$work/stories-$n.csv" | cut -d, -f2 | sort -u | wc -l)
    awk -v n="$n" -v s="$seconds" -v u="$user" -v y="$sys" -v r="$rss_kb" -v k="$stories" \
        'BEGIN { printf "%-9d %9.2f %9.2f %12.0f %12.1f %9d\n", n, s, u + y, n / s, r / 1024, k }'
    echo "$n $seconds $rss_kb" >> "$results"
done
# How well the stories match the ones the corpus was built from (an id less
# its last part), by B-cubed precision and recall, at the largest size.
python3 - "$work/stories-${sizes[-1]}.csv" <<'PY'
import csv, sys
from collections import defaultdict
story = {r["id"]: r["story"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
gold = {i: i.rsplit("-", 1)[0] for i in story}
found, built = defaultdict(list), defaultdict(list)
for i in story:
    found[story[i]].append(i)
    built[gold[i]].append(i)
p = sum(sum(gold[j] == gold[i] for j in found[story[i]]) / len(found[story[i]]) for i in story) / len(story)
r = sum(sum(story[j] == story[i] for j in built[gold[i]]) / len(built[gold[i]]) for i in story) / len(story)
print(f"\nstories against the built ones, B-cubed: precision {p:.3f} recall {r:.3f} F1 {2 * p * r / (p + r):.3f}")
PY
awk '
    { t[$1] = $2; r[$1] = $3 / 1024; if ($1 > big) big = $1; if (small == 0 || $1 < small) small = $1 }
    function verdict(ok) { return ok ? "met" : "NOT met" }
    END {
        printf "\ntargets:\n"
        if (100000 in t) printf "  100,000 articles < 60 s     %7.2f s      %s\n", t[100000], verdict(t[100000] < 60)
        if (big > small) {
            ratio = (t[big] / big) / (t[small] / small)
            printf "  time per article, %d vs %d: %.2fx   %s (<= 1.5x)\n", big, small, ratio, verdict(ratio <= 1.5)
            printf "  memory per article %.1f KB (peak RSS / articles at %d)\n", r[big] * 1024 / big, big
        }
    }' "$results"
