#!/usr/bin/env bash
# Pipes a small corpus through framelens with a local PySpark job (RDD.pipe,
# one framelens process per partition) and checks the collected rows equal
# the single-process output. Needs the release binary, Python 3 and Java 17.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/spark-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/spark/requirements.txt
fi
corpus=$(mktemp --suffix=.jsonl)
trap 'rm -f "$corpus"' EXIT
# The seed articles and the fixtures, repeated with fresh ids: enough records
# for every partition to have several.
python3 - "$corpus" <<'PY'
import csv, json, sys
from pathlib import Path
records = []
for row in csv.DictReader(open("seeds/manifest.csv", encoding="utf-8")):
    text = Path("seeds", row["file"]).read_text(encoding="utf-8")
    records.append({"id": row["file"][:-4], "outlet": row["outlet"], "title": row["title"], "text": text})
for line in open("tests/fixtures/corpus.jsonl", encoding="utf-8"):
    records.append(json.loads(line))
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for round in range(5):
        for r in records:
            out.write(json.dumps(dict(r, id=f"{r['id']}-{round}"), ensure_ascii=False) + "\n")
PY
"$venv/bin/python" tests/spark/pipe_test.py "$PWD/target/release/framelens" "$corpus"
