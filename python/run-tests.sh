#!/usr/bin/env bash
# Builds the Python package's wheel (maturin, release) in a virtual
# environment, installs it there, and runs its pytest suite, which compares
# every table with the release binary's CSV (cargo build --release first).
# tests/spark/run.sh then runs the Spark tests in the same environment.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/python-venv
if [ ! -x "$venv/bin/maturin" ] || ! "$venv/bin/python" -c "import pytest, pandas, pyarrow, pyspark" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r python/requirements-dev.txt
fi
wheels=target/python-wheels
rm -rf "$wheels"
"$venv/bin/maturin" build --release --locked --quiet -m python/Cargo.toml -o "$wheels"
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheels"/framelens-*.whl
FRAMELENS="$PWD/target/release/framelens" "$venv/bin/python" -m pytest -q python/tests
