"""The native part of framelens (PyO3): the library's commands on texts in
memory. Use the functions of the `framelens` package, which accept lists,
Series and DataFrames and return DataFrames."""

from os import PathLike
from pathlib import Path
from typing import Any, List, Optional, Tuple, Union

# (header, columns, kinds): a column of kind "f8", "i8" or "b1" is the bytes
# of a native array of float64 (empty cells NaN), int64 or bool; one of kind
# "text" or "mixed" a list (empty cells None).
_Table = Tuple[List[str], List[List[Any]], List[str]]
_Meta = List[Tuple[str, List[Any]]]

class Lexicons:
    """A compiled set of lexicons, shared by every call that uses it."""

    @staticmethod
    def load(path: Union[str, PathLike[str]]) -> Lexicons:
        """Reads every `*.txt` file of the folder `path` as one category;
        raises LexiconError (with `file` and `line`) for a bad line."""
    @staticmethod
    def builtin() -> Lexicons:
        """The English lexicons built into framelens."""
    @property
    def version(self) -> str:
        """A short hash of the lexicon files: the `lexicon_version` column."""
    @property
    def categories(self) -> List[str]:
        """The categories, by file name without `.txt`, sorted."""
    @property
    def path(self) -> Optional[Path]:
        """The folder the lexicons were read from, or None when built in."""

def score(
    ids: List[Any],
    texts: List[Any],
    meta: _Meta,
    lexicons: Optional[Lexicons] = None,
    threads: Optional[int] = None,
    strict: bool = False,
) -> _Table: ...
def matches(
    ids: List[Any],
    texts: List[Any],
    meta: _Meta,
    quotes: bool = False,
    lexicons: Optional[Lexicons] = None,
    threads: Optional[int] = None,
    strict: bool = False,
) -> _Table: ...
def compare(
    ids: List[Any],
    texts: List[Any],
    meta: _Meta,
    by: str,
    within: Optional[str] = None,
    long: bool = True,
    seed: int = 1,
    resamples: int = 1000,
    lexicons: Optional[Lexicons] = None,
    threads: Optional[int] = None,
    strict: bool = False,
) -> _Table: ...
def terms(
    ids: List[Any],
    texts: List[Any],
    meta: _Meta,
    by: str,
    category: Optional[str] = None,
    top: int = 10,
    labels: bool = False,
    lexicons: Optional[Lexicons] = None,
    threads: Optional[int] = None,
    strict: bool = False,
) -> _Table: ...
