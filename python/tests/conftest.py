"""What the package's tests share: the framelens program to compare with,
the corpora (the seeds, the fixtures and generated ones), and a cell-by-cell
comparison of a table with the program's CSV that knows no column by name."""

import csv
import io
import json
import math
import os
import random
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def program():
    """The framelens binary: $FRAMELENS, else the release build."""
    path = Path(os.environ.get("FRAMELENS", ROOT / "target" / "release" / "framelens"))
    if not path.is_file():
        raise RuntimeError(f"{path}: no framelens binary; run `cargo build --release` or set FRAMELENS")
    return path


def run_cli(*args, check=True):
    """Runs the program with `args`; its standard output, error and status."""
    done = subprocess.run(
        [str(program()), *map(str, args)], capture_output=True, text=True, encoding="utf-8"
    )
    if check and done.returncode != 0:
        raise AssertionError(f"framelens {' '.join(map(str, args))} failed:\n{done.stderr}")
    return done


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def seed_records():
    """The seed articles with their manifest's metadata (its `topic` is the event)."""
    rows = list(csv.DictReader(open(ROOT / "seeds" / "manifest.csv", encoding="utf-8")))
    records = []
    for row in rows:
        record = {"id": row["file"][:-4], "text": (ROOT / "seeds" / row["file"]).read_text(encoding="utf-8")}
        for key, value in row.items():
            if key != "file":
                record["event" if key == "topic" else key] = value
        records.append(record)
    return records


def fixture_records():
    with open(ROOT / "tests" / "fixtures" / "corpus.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def lexicon_words():
    """Plain entries of the built-in lexicons: words the generator strews about."""
    words = []
    for name in ["loaded", "hedging", "boosters", "attribution"]:
        for line in open(ROOT / "lexicons" / "en" / f"{name}.txt", encoding="utf-8"):
            line = line.split("#")[0].strip()
            if not line or line.startswith("["):
                continue
            line = line.lstrip("=~").rstrip("*")
            if line and line != ":":
                words.append(line)
    return words


FILLER = (
    "the council budget plan vote city people water road school report week year minister "
    "government regime officials sources he she they we it not no never without could may "
    "Mr. Dr. U.S. Gen. St. 75 3.5 20th café naïve résumé e-mail http://example.org — – … "
    "non-military thinly-veiled so-called well-known"
).split()
OUTLETS = ["Harbor Gazette", "Valley Post", "=Formula Daily", "Ridge Times", "Café Courier"]
EVENTS = ["budget-vote", "storm", "strike"]


def generated_records(count, seed):
    """`count` articles made of lexicon entries, filler, quotations (curly,
    straight, single, guillemets, left open), negations, line breaks of
    every kind and non-ASCII text, with outlets, events and titles."""
    rng = random.Random(seed)
    entries = lexicon_words()
    records = []
    for n in range(count):
        paragraphs = []
        for _ in range(rng.randint(1, 6)):
            sentences = []
            for _ in range(rng.randint(1, 5)):
                words = [
                    rng.choice(entries) if rng.random() < 0.25 else rng.choice(FILLER)
                    for _ in range(rng.randint(3, 25))
                ]
                words[0] = words[0][:1].upper() + words[0][1:]
                sentence = " ".join(words)
                r = rng.random()
                if r < 0.15:
                    sentence = f"“{sentence},” {rng.choice(['officials said', 'she told reporters', 'he said'])}."
                elif r < 0.22:
                    k = rng.randint(1, 3)
                    sentence = f'{" ".join(words[:k])} "{" ".join(words[k:k + 2])}" {" ".join(words[k + 2:])}.'
                elif r < 0.26:
                    sentence = f"‘{sentence}’ and «{rng.choice(FILLER)}»."
                elif r < 0.29:
                    sentence = f"He said: “{sentence}"
                else:
                    sentence += rng.choice([".", ".", "!", "?", "..."])
                sentences.append(sentence)
            paragraphs.append(" ".join(sentences))
        title = f"Story {n} on {rng.choice(EVENTS)}"
        text = rng.choice(["\n", "\r\n", "\n\n", "\r"]).join(paragraphs)
        if rng.random() < 0.3:
            text = f"{title}\n\n{text}"
        record = {"id": f"g{seed}-{n}", "text": text, "title": title}
        if rng.random() < 0.9:
            record["outlet"] = rng.choice(OUTLETS)
        if rng.random() < 0.8:
            record["event"] = rng.choice(EVENTS)
        if rng.random() < 0.5:
            record["date"] = f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        records.append(record)
    return records


def frame_of(records):
    """The records as the DataFrame a pandas user would hand over."""
    import pandas

    return pandas.DataFrame.from_records(records)


def same_cell(cell, value):
    """Whether a CSV cell and a value of the package are the same figure,
    count, flag or text (numbers compared as numbers)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return cell == ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return cell == ("true" if value else "false")
    if isinstance(value, (int, float)) or type(value).__module__ == "numpy":
        try:
            return float(cell) == float(value) and (not float(value).is_integer() or "." in cell or int(cell) == value)
        except ValueError:
            return False
    return cell == value


def assert_same_table(frame, csv_text):
    """The DataFrame equals the CSV of the program cell for cell: the same
    header, the same number of rows, every cell the same."""
    rows = list(csv.reader(io.StringIO(csv_text)))
    header, body = rows[0], rows[1:]
    assert list(frame.columns) == header
    assert len(frame) == len(body), f"{len(frame)} rows against the program's {len(body)}"
    for i, (row, values) in enumerate(zip(body, frame.itertuples(index=False, name=None))):
        for name, cell, value in zip(header, row, values):
            assert same_cell(cell, value), f"row {i}, column {name}: program {cell!r}, package {value!r}"


@pytest.fixture(scope="session")
def corpora(tmp_path_factory):
    """Name -> (records, the same records as a JSONL file)."""
    folder = tmp_path_factory.mktemp("corpora")
    named = {
        "seeds": seed_records(),
        "fixtures": fixture_records(),
        "generated-1": generated_records(200, 1),
        "generated-2": generated_records(60, 2),
    }
    return {name: (records, write_jsonl(folder / f"{name}.jsonl", records)) for name, records in named.items()}
