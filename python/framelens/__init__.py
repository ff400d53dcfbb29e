"""framelens for Python: loaded language, hedging, boosters and attribution
in news articles, counted word by word, as tables.

Each function mirrors a command of the ``framelens`` program and returns
its table with exactly its columns and figures::

    import framelens
    framelens.score(["Officials said the plan was brazen."])

The work is done by the framelens Rust library, on its own threads, with
Python's global lock released; results keep the input's order.

What the functions return: a ``pandas.DataFrame`` when pandas can be
imported; otherwise a ``pyarrow.Table`` when pyarrow can be; otherwise a
list of dicts, one per row. ``output="pandas"``, ``"arrow"`` or ``"dicts"``
asks for one of them.

Figures are the command's: rates and shares are the numbers nearest their
three printed decimals, counts are integers, an undefined figure (such as
the interval of a group of one article) is NaN (an empty cell in the CSV).
Text is as given: no cell gets the CSV's guard against spreadsheet formulas
(as with the command's ``--raw``).
"""

from __future__ import annotations

import array
import os
from typing import Any, Mapping, Optional, Sequence

from . import _framelens
from ._errors import Error, InputError, InputWarning, LexiconError
from ._framelens import Lexicons

__all__ = [
    "Error",
    "InputError",
    "InputWarning",
    "LexiconError",
    "Lexicons",
    "compare",
    "matches",
    "score",
    "terms",
]


def _lexicons(lexicons: Any) -> Optional[Lexicons]:
    """A Lexicons object, a folder to load, or None for the built-in ones."""
    if lexicons is None or isinstance(lexicons, Lexicons):
        return lexicons
    if isinstance(lexicons, (str, os.PathLike)):
        return Lexicons.load(os.fspath(lexicons))
    raise TypeError(f"lexicons must be a Lexicons object or a folder, not {type(lexicons).__name__}")


def _is_frame(value: Any) -> bool:
    return type(value).__name__ == "DataFrame" and hasattr(value, "columns")


def _is_series(value: Any) -> bool:
    return type(value).__name__ == "Series" and hasattr(value, "index")


def _meta_columns(meta: Any, count: int) -> list:
    """Metadata as (name, values) columns of `count` values each."""
    if meta is None:
        return []
    if _is_frame(meta):
        return [(str(name), meta[name].tolist()) for name in meta.columns]
    if isinstance(meta, Mapping):
        return [(str(name), list(values)) for name, values in meta.items()]
    rows = list(meta)
    if len(rows) != count:
        raise ValueError(f"meta has {len(rows)} rows for {count} texts")
    names: dict = {}
    for row in rows:
        if not isinstance(row, Mapping):
            raise TypeError("meta must be a DataFrame, a dict of columns or a list of dicts")
        for name in row:
            names.setdefault(name, None)
    return [(str(name), [row.get(name) for row in rows]) for name in names]


def _records(texts: Any, ids: Any, meta: Any) -> tuple:
    """The ids, texts and metadata columns of any accepted input."""
    frame_meta: list = []
    if _is_frame(texts):
        frame = texts
        if "text" not in frame.columns:
            raise ValueError("a DataFrame of articles needs a `text` column")
        if ids is None:
            ids = frame["id"].tolist() if "id" in frame.columns else frame.index.tolist()
        frame_meta = [
            (str(name), frame[name].tolist()) for name in frame.columns if name not in ("id", "text")
        ]
        texts = frame["text"].tolist()
    elif _is_series(texts):
        if ids is None:
            ids = texts.index.tolist()
        texts = texts.tolist()
    elif isinstance(texts, (str, bytes)):
        raise TypeError("texts must be a list of texts (or a pandas Series or DataFrame), not one string")
    else:
        texts = list(texts)
    if ids is None:
        ids = list(range(len(texts)))
    elif _is_series(ids):
        ids = ids.tolist()
    else:
        ids = list(ids)
    if len(ids) != len(texts):
        raise ValueError(f"{len(ids)} ids for {len(texts)} texts")
    columns = frame_meta + _meta_columns(meta, len(texts))
    for name, values in columns:
        if len(values) != len(texts):
            raise ValueError(f"the metadata column `{name}` has {len(values)} values for {len(texts)} texts")
    return ids, texts, columns


def _output(result: tuple, output: Optional[str]) -> Any:
    """The table in the form asked for, or the best one installed."""
    header, columns, kinds = result
    if output not in (None, "pandas", "arrow", "dicts"):
        raise ValueError(f'output must be "pandas", "arrow" or "dicts", not {output!r}')
    if output in (None, "pandas"):
        try:
            import pandas
        except ImportError:
            if output == "pandas":
                raise
        else:
            return _pandas(pandas, header, columns, kinds)
    if output in (None, "arrow"):
        try:
            import pyarrow
        except ImportError:
            if output == "arrow":
                raise
        else:
            return _arrow(pyarrow, header, columns, kinds)
    lists = [_values(column, kind) for column, kind in zip(columns, kinds)]
    return [dict(zip(header, row)) for row in zip(*lists)]


# The native arrays the binding hands over: numpy dtype and array module code.
_ARRAYS = {"f8": ("float64", "d"), "i8": ("int64", "q"), "b1": ("bool", "B")}


def _values(column: Any, kind: str) -> list:
    """A column as a list of Python values."""
    if kind not in _ARRAYS:
        return column
    values = array.array(_ARRAYS[kind][1])
    values.frombytes(column)
    return [bool(v) for v in values] if kind == "b1" else values.tolist()


def _pandas(pandas: Any, header: list, columns: list, kinds: list) -> Any:
    import numpy

    data = {}
    for i, (column, kind) in enumerate(zip(columns, kinds)):
        if kind in _ARRAYS:
            data[i] = numpy.frombuffer(column, dtype=_ARRAYS[kind][0]).copy()
        else:
            data[i] = column
    # Built by position, so that a header with a name twice keeps both columns.
    frame = pandas.DataFrame(data, columns=range(len(columns)))
    frame.columns = header
    return frame


def _arrow(pyarrow: Any, header: list, columns: list, kinds: list) -> Any:
    types = {"f8": pyarrow.float64(), "i8": pyarrow.int64(), "b1": pyarrow.bool_(), "text": pyarrow.string()}
    arrays = []
    for column, kind in zip(columns, kinds):
        values = _values(column, kind)
        if kind == "mixed":
            # The wide compare table mixes counts, figures and notes in a column.
            values = [None if v is None else str(v) for v in values]
            kind = "text"
        arrays.append(pyarrow.array(values, type=types[kind]))
    return pyarrow.Table.from_arrays(arrays, names=header)


def score(
    texts: Any,
    ids: Optional[Sequence[Any]] = None,
    meta: Any = None,
    *,
    lexicons: Any = None,
    threads: Optional[int] = None,
    strict: bool = False,
    output: Optional[str] = None,
) -> Any:
    """One row of figures per text: the table of ``framelens score``.

    ``texts`` is a list of strings, a pandas Series (its index gives the
    ids), or a DataFrame with a ``text`` column, an ``id`` column (else its
    index) and any other columns as metadata (``outlet``, ``event``,
    ``date``, ``title`` fill the columns of the same name). ``ids`` default
    to the positions 0, 1, ...; ``meta`` adds metadata: a DataFrame, a dict
    of columns or a list of dicts, one per text. Metadata values that are
    not strings are left out, as in a JSONL corpus.

    A text that is empty or not a string, or without an id, is skipped with
    an :class:`InputWarning` (an :class:`InputError` with ``strict=True``); an
    id used twice is an :class:`InputError`, and so is a list whose every
    text was skipped. ``lexicons`` is a :class:`Lexicons` or a folder
    (default: the built-in English lexicons); ``threads`` defaults to one
    per core, and the table is the same whatever it is.
    """
    ids, texts, columns = _records(texts, ids, meta)
    result = _framelens.score(ids, texts, columns, _lexicons(lexicons), threads, strict)
    return _output(result, output)


def matches(
    texts: Any,
    ids: Optional[Sequence[Any]] = None,
    meta: Any = None,
    *,
    quotes: bool = False,
    lexicons: Any = None,
    threads: Optional[int] = None,
    strict: bool = False,
    output: Optional[str] = None,
) -> Any:
    """One row per match, the evidence behind every figure: the table of
    ``framelens matches`` (offsets count from the start of each text,
    ``negated`` is a bool). With ``quotes=True``, the table of ``matches
    --quotes``: one row per quotation and per named or anonymous source.
    Input and problems as for :func:`score`."""
    ids, texts, columns = _records(texts, ids, meta)
    result = _framelens.matches(ids, texts, columns, quotes, _lexicons(lexicons), threads, strict)
    return _output(result, output)


def compare(
    texts: Any,
    ids: Optional[Sequence[Any]] = None,
    meta: Any = None,
    *,
    by: str = "outlet",
    within: Optional[str] = None,
    long: bool = True,
    seed: int = 1,
    resamples: int = 1000,
    lexicons: Any = None,
    threads: Optional[int] = None,
    strict: bool = False,
    output: Optional[str] = None,
) -> Any:
    """Groups side by side: the table of ``framelens compare``.

    Pooled rates per 1,000 words of each group of ``by`` (``outlet``,
    ``event``, ``id`` or any metadata column) with 95% bootstrap intervals
    (``resamples`` draws, ``seed``: the same seed, the same intervals). By
    default the long table of ``compare --long`` (``group, metric, value,
    ci_low, ci_high, articles, words, note``); ``long=False`` gives the wide
    one, whose columns mix counts, figures and notes. ``within`` (usually
    ``"event"``) gives the same-story view instead. Input and problems as
    for :func:`score`; no text with a ``by`` value is an :class:`InputError`.
    """
    ids, texts, columns = _records(texts, ids, meta)
    result = _framelens.compare(
        ids, texts, columns, by, within, long, seed, resamples, _lexicons(lexicons), threads, strict
    )
    return _output(result, output)


def terms(
    texts: Any,
    ids: Optional[Sequence[Any]] = None,
    meta: Any = None,
    *,
    by: str = "outlet",
    category: Optional[str] = None,
    top: int = 10,
    labels: bool = False,
    lexicons: Any = None,
    threads: Optional[int] = None,
    strict: bool = False,
    output: Optional[str] = None,
) -> Any:
    """The words behind each number: the table of ``framelens terms``.

    The ``top`` entries per group of ``by`` and category (only ``category``
    if given) with their strength, forms, count, rate and share; or, with
    ``labels=True``, how often each group uses each side of the paired
    labels. Input and problems as for :func:`score`.
    """
    ids, texts, columns = _records(texts, ids, meta)
    lexicons = _lexicons(lexicons)
    result = _framelens.terms(ids, texts, columns, by, category, top, labels, lexicons, threads, strict)
    return _output(result, output)
