#!/usr/bin/env bash
# Scores a small corpus with a local PySpark job in the two ways the README
# shows, and checks that the rows collected equal the single-process output:
# piped through the framelens binary (RDD.pipe, one process per partition),
# and with the Python package (mapInPandas). Needs the release binary, the
# package installed in target/python-venv (bash python/run-tests.sh does
# both), Python 3 and Java 17.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/python-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r python/requirements-dev.txt
fi
if ! "$venv/bin/python" -c "import framelens" 2>/dev/null; then
    echo "the framelens package is not installed in $venv: run bash python/run-tests.sh first" >&2
    exit 1
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
"$venv/bin/python" tests/spark/package_test.py "$corpus"
