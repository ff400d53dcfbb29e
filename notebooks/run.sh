#!/usr/bin/env bash
# Executes every notebook headless, as CI does, and fails if any cell errors.
# Needs the release binary (cargo build --release) and Python 3 with venv.
set -euo pipefail
cd "$(dirname "$0")"
venv=../target/notebook-venv
if [ ! -x "$venv/bin/jupyter" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt
fi
out=$(mktemp -d)
for notebook in [0-9]*.ipynb; do
    "$venv/bin/jupyter" nbconvert --to notebook --execute --output-dir "$out" "$notebook"
done
echo "notebooks: all executed without error (outputs in $out)"
