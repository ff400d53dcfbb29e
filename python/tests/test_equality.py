"""The package's tables equal the program's CSV, cell for cell, on the seeds,
the fixtures and generated corpora: whatever columns the program writes."""

import pytest

import framelens
from conftest import ROOT, assert_same_table, frame_of, run_cli

NAMES = ["seeds", "fixtures", "generated-1", "generated-2"]


@pytest.mark.parametrize("name", NAMES)
def test_score_equals_the_program(corpora, name):
    records, path = corpora[name]
    expected = run_cli("score", path, "--raw", "--quiet").stdout
    assert_same_table(framelens.score(frame_of(records)), expected)


@pytest.mark.parametrize("name", NAMES)
def test_matches_equal_the_program(corpora, name):
    records, path = corpora[name]
    expected = run_cli("matches", path, "--raw", "--quiet").stdout
    assert_same_table(framelens.matches(frame_of(records)), expected)


@pytest.mark.parametrize("name", NAMES)
def test_quotes_equal_the_program(corpora, name):
    records, path = corpora[name]
    expected = run_cli("matches", path, "--quotes", "--raw", "--quiet").stdout
    assert_same_table(framelens.matches(frame_of(records), quotes=True), expected)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("by", ["outlet", "event"])
def test_compare_long_equals_the_program(corpora, name, by):
    records, path = corpora[name]
    expected = run_cli("compare", path, "--by", by, "--long", "--raw", "--quiet").stdout
    assert_same_table(framelens.compare(frame_of(records), by=by), expected)


@pytest.mark.parametrize("name", ["seeds", "generated-1"])
def test_compare_wide_within_and_seeds_equal_the_program(corpora, name):
    records, path = corpora[name]
    frame = frame_of(records)
    cases = [
        ({"long": False}, ["--by", "outlet"]),
        ({"within": "event"}, ["--by", "outlet", "--within", "event", "--long"]),
        ({"within": "event", "long": False}, ["--by", "outlet", "--within", "event"]),
        ({"seed": 7, "resamples": 200}, ["--by", "outlet", "--long", "--seed", "7", "--resamples", "200"]),
    ]
    for options, args in cases:
        expected = run_cli("compare", path, *args, "--raw", "--quiet").stdout
        assert_same_table(framelens.compare(frame, **options), expected)


@pytest.mark.parametrize("name", ["seeds", "generated-1"])
def test_terms_equal_the_program(corpora, name):
    records, path = corpora[name]
    frame = frame_of(records)
    cases = [
        ({}, []),
        ({"by": "event", "category": "loaded", "top": 3}, ["--by", "event", "--category", "loaded", "--top", "3"]),
        ({"labels": True}, ["--labels"]),
    ]
    for options, args in cases:
        expected = run_cli("terms", path, *args, "--raw", "--quiet").stdout
        assert_same_table(framelens.terms(frame, **options), expected)


def test_the_seed_folder_gives_the_same_tables():
    """The seeds read from their folder (manifest, headlines) by the program,
    and handed over as a DataFrame."""
    from conftest import seed_records

    frame = frame_of(seed_records())
    assert_same_table(framelens.score(frame), run_cli("score", ROOT / "seeds", "--raw").stdout)
    assert_same_table(framelens.matches(frame), run_cli("matches", ROOT / "seeds", "--raw").stdout)
    expected = run_cli("compare", ROOT / "seeds", "--long", "--raw").stdout
    assert_same_table(framelens.compare(frame, by="outlet", long=True, seed=1), expected)


def test_custom_lexicons_equal_the_program(corpora):
    records, path = corpora["generated-2"]
    folder = ROOT / "tests" / "fixtures" / "lexicons"
    expected = run_cli("score", path, "--lexicons", folder, "--raw").stdout
    assert_same_table(framelens.score(frame_of(records), lexicons=folder), expected)
    lexicons = framelens.Lexicons.load(str(folder))
    expected = run_cli("matches", path, "--lexicons", folder, "--raw").stdout
    assert_same_table(framelens.matches(frame_of(records), lexicons=lexicons), expected)


def test_any_thread_count_gives_the_same_table(corpora):
    records, _ = corpora["generated-1"]
    frame = frame_of(records)
    one = framelens.score(frame, threads=1)
    for threads in [2, 3, 16]:
        assert framelens.score(frame, threads=threads).equals(one)
    assert list(one["id"]) == [r["id"] for r in records]
