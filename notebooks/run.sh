#!/usr/bin/env bash
# Executes every notebook headless, as CI does, and fails if any cell errors.
# Needs the release binary (cargo build --release), Python 3 with venv, and
# the framelens package: the wheel python/run-tests.sh built, or else it is
# built here from ../python (pip install ./python).
set -euo pipefail
cd "$(dirname "$0")"
venv=../target/notebook-venv
if [ ! -x "$venv/bin/jupyter" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt
fi
wheel=$(ls ../target/python-wheels/framelens-*.whl 2>/dev/null | head -1 || true)
if [ -n "$wheel" ]; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
else
    "$venv/bin/pip" install --quiet --disable-pip-version-check ../python
fi
out=$(mktemp -d)
for notebook in [0-9]*.ipynb; do
    "$venv/bin/jupyter" nbconvert --to notebook --execute --output-dir "$out" "$notebook"
done
echo "notebooks: all executed without error (outputs in $out)"
