"""Bad input is refused or skipped as the program refuses or skips the same
records; the inputs a pandas user has are all accepted; the lexicons' errors
name their file and line; the work runs without Python's global lock."""

import json
import re
import subprocess
import sys
import threading
import time
import warnings

import pandas
import pytest

import framelens
from conftest import ROOT, assert_same_table, run_cli, seed_records, write_jsonl


def program_warnings(stderr, path):
    """The program's warnings, with the file's name taken off."""
    prefix = f"framelens: warning: {path}:"
    return [line[len(prefix):] for line in stderr.splitlines() if line.startswith(prefix)]


def package_warnings(caught):
    found = [w for w in caught if issubclass(w.category, framelens.InputWarning)]
    return [str(w.message)[len("<texts>:"):] for w in found]


BAD = [
    {"id": "a", "text": "Officials said the plan was brazen.", "outlet": "X"},
    {"id": "b", "text": 5, "outlet": "X"},
    {"id": "c", "text": "   \n ", "outlet": "Y"},
    {"id": "d", "text": None},
    {"id": "", "text": "No id here."},
    {"id": "e", "text": ["not", "a", "string"], "outlet": 7},
    {"id": 12, "text": "It may clearly be so, he said."},
    {"id": "f", "text": "It is not clear.", "outlet": "Y"},
]


def test_skipped_texts_warn_as_the_program_warns(tmp_path):
    path = write_jsonl(tmp_path / "bad.jsonl", BAD)
    done = run_cli("score", path, "--raw")
    expected = program_warnings(done.stderr, path)
    assert len(expected) == 5, done.stderr
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = framelens.score([r["text"] for r in BAD], ids=[r["id"] for r in BAD],
                                meta=[{k: v for k, v in r.items() if k not in ("id", "text")} for r in BAD])
    assert package_warnings(caught) == expected
    assert_same_table(frame, done.stdout)


def test_strict_stops_at_the_first_skipped_text(tmp_path):
    path = write_jsonl(tmp_path / "bad.jsonl", BAD)
    done = run_cli("score", path, "--strict", check=False)
    assert done.returncode == 2 and done.stdout == ""
    with pytest.raises(framelens.InputError) as raised:
        framelens.score(pandas.DataFrame.from_records(BAD), strict=True)
    assert done.stderr.strip() == f"framelens: {raised.value}".replace("<texts>", str(path))
    assert (raised.value.file, raised.value.line) == ("<texts>", 2)


def test_a_duplicate_id_is_an_error_as_in_the_program(tmp_path):
    records = [{"id": "x", "text": "One text."}, {"id": "y", "text": "Two."}, {"id": "x", "text": "Again."}]
    path = write_jsonl(tmp_path / "dup.jsonl", records)
    done = run_cli("score", path, check=False)
    assert done.returncode == 2
    for call in [framelens.score, framelens.matches, framelens.compare, framelens.terms]:
        with pytest.raises(framelens.InputError) as raised:
            call(pandas.DataFrame.from_records(records))
        assert done.stderr.strip() == f"framelens: {raised.value}".replace("<texts>", str(path))
        assert raised.value.line == 3
        assert "the id `x` was used before, on <texts>:1" in str(raised.value)


def test_nothing_readable_is_an_error_and_nothing_given_an_empty_table(tmp_path):
    path = write_jsonl(tmp_path / "empty.jsonl", [{"id": "a", "text": ""}, {"id": "b", "text": " "}])
    assert run_cli("score", path, check=False).returncode == 2
    with pytest.raises(framelens.InputError, match="no article could be read"):
        with pytest.warns(framelens.InputWarning, match="has an empty text"):
            framelens.score(["", " "])
    # No texts at all is an empty partition to a mapper (score --no-header).
    empty = framelens.score([])
    assert len(empty) == 0
    assert list(empty.columns) == list(framelens.score(["A text."]).columns)


def test_compare_without_the_field_is_an_error(tmp_path):
    path = write_jsonl(tmp_path / "plain.jsonl", [{"id": "a", "text": "A text."}])
    done = run_cli("compare", path, "--by", "outlet", check=False)
    with pytest.raises(framelens.InputError) as raised:
        framelens.compare(["A text."], by="outlet")
    assert done.stderr.strip() == f"framelens: {raised.value}".replace("<texts>", str(path))


def test_an_unknown_category_is_an_error():
    with pytest.raises(framelens.InputError, match="is not a category"):
        framelens.terms(["A text."], meta={"outlet": ["X"]}, category="nonsense")


def test_a_bad_lexicon_line_names_its_file_and_line(tmp_path):
    for name in ["loaded", "hedging", "boosters", "attribution"]:
        (tmp_path / f"{name}.txt").write_text("# header\nword\n", encoding="utf-8")
    (tmp_path / "hedging.txt").write_text("# header\nmay\nper*haps\n", encoding="utf-8")
    done = run_cli("score", ROOT / "seeds", "--lexicons", tmp_path, check=False)
    assert done.returncode == 2
    with pytest.raises(framelens.LexiconError) as raised:
        framelens.Lexicons.load(tmp_path)
    assert done.stderr.strip() == f"framelens: {raised.value}"
    assert raised.value.file == str(tmp_path / "hedging.txt")
    assert raised.value.line == 3
    (tmp_path / "boosters.txt").unlink()
    with pytest.raises(framelens.LexiconError, match="no boosters.txt") as raised:
        framelens.score(["A text."], lexicons=tmp_path)
    assert raised.value.line is None


def test_lexicons_say_what_they_are():
    builtin = framelens.Lexicons.builtin()
    assert builtin.path is None
    assert {"loaded", "hedging", "boosters", "attribution"} <= set(builtin.categories)
    version = framelens.score(["A text."])["lexicon_version"][0]
    assert builtin.version == version
    folder = framelens.Lexicons.load(ROOT / "tests" / "fixtures" / "lexicons")
    assert folder.version != version and folder.path == ROOT / "tests" / "fixtures" / "lexicons"


def test_lists_series_and_frames_give_the_same_rows():
    records = seed_records()
    texts = [r["text"] for r in records]
    ids = [r["id"] for r in records]
    frame = pandas.DataFrame.from_records(records)
    from_frame = framelens.score(frame)
    from_list = framelens.score(texts, ids=ids, meta=frame[["outlet", "event", "date", "title"]])
    assert from_frame.equals(from_list)
    from_series = framelens.score(pandas.Series(texts, index=ids), meta={"outlet": frame["outlet"].tolist(),
                                  "event": frame["event"].tolist(), "date": frame["date"].tolist(),
                                  "title": frame["title"].tolist()})
    assert from_series.equals(from_frame)
    # Default ids: the positions, or a Series' index.
    assert list(framelens.score(texts)["id"]) == [str(i) for i in range(len(texts))]
    assert list(framelens.score(pandas.Series(texts, index=range(10, 15)))["id"]) == ["10", "11", "12", "13", "14"]
    with pytest.raises(TypeError, match="not one string"):
        framelens.score("A single text.")
    with pytest.raises(ValueError, match="ids for"):
        framelens.score(texts, ids=ids[:2])


def test_dicts_and_arrow_tables_hold_the_frame_s_values():
    records = seed_records()
    frame = framelens.score(pandas.DataFrame.from_records(records))
    dicts = framelens.score(pandas.DataFrame.from_records(records), output="dicts")
    assert dicts == frame.to_dict("records")
    arrow = framelens.matches(pandas.DataFrame.from_records(records), output="arrow")
    assert arrow.to_pandas().equals(framelens.matches(pandas.DataFrame.from_records(records)))
    with pytest.raises(ValueError, match="output must be"):
        framelens.score(["A text."], output="excel")


@pytest.mark.parametrize("blocked, kind", [("pandas", "Table"), ("pandas pyarrow", "list")])
def test_without_pandas_the_functions_return_arrow_tables_or_dicts(blocked, kind):
    code = (
        "import sys\n"
        "class Missing:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name.split('.')[0] in {blocked.split()!r}: raise ImportError(name)\n"
        "sys.meta_path.insert(0, Missing())\n"
        "import framelens\n"
        "table = framelens.score(['Officials said the plan was brazen.'])\n"
        "print(type(table).__name__)\n"
        "rows = table if isinstance(table, list) else table.to_pylist()\n"
        "print(rows[0]['loaded'], rows[0]['loaded_per_1k'], rows[0]['anonymous_sources'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [kind, "1", "166.667", "1"]


def test_scoring_lets_other_python_threads_run():
    """While a large list is scored, another Python thread keeps running: the
    global lock is released during the work."""
    texts = [r["text"] for r in seed_records()] * 600
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.002)

    ticker = threading.Thread(target=tick)
    ticker.start()
    time.sleep(0.01)
    start = time.perf_counter()
    frame = framelens.score(texts, threads=1)
    end = time.perf_counter()
    done.set()
    ticker.join()
    during = [t for t in ticks if start < t < end]
    assert len(frame) == len(texts)
    # With the lock held throughout, the ticker could not run at all.
    assert len(during) >= 10, f"{len(during)} ticks in {end - start:.2f} s"
