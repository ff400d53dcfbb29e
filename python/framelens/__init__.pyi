"""framelens for Python: the tables of the framelens commands, computed by
the framelens Rust library. Each function returns a pandas DataFrame when
pandas can be imported, else a pyarrow Table when pyarrow can be, else a
list of dicts (one per row); `output` asks for one of them."""

from os import PathLike
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Union

from ._errors import Error as Error
from ._errors import InputError as InputError
from ._errors import InputWarning as InputWarning
from ._errors import LexiconError as LexiconError
from ._framelens import Lexicons as Lexicons

# A list of texts, a pandas Series of texts (its index gives the ids), or a
# pandas DataFrame with a `text` column, an `id` column (else its index) and
# metadata columns.
Texts = Union[Sequence[Any], Any]
# A pandas DataFrame, a dict of columns, or a list of dicts (one per text).
Meta = Union[Any, Mapping[str, Sequence[Any]], Sequence[Mapping[str, Any]]]
LexiconsLike = Union[Lexicons, str, PathLike[str], None]
Output = Optional[Literal["pandas", "arrow", "dicts"]]
# A DataFrame, a pyarrow Table, or a list of dicts, as `output` says.
Table = Union[Any, List[Dict[str, Any]]]

def score(
    texts: Texts,
    ids: Optional[Sequence[Any]] = None,
    meta: Meta = None,
    *,
    lexicons: LexiconsLike = None,
    threads: Optional[int] = None,
    strict: bool = False,
    output: Output = None,
) -> Table:
    """One row of figures per text: the columns of `framelens score`."""

def matches(
    texts: Texts,
    ids: Optional[Sequence[Any]] = None,
    meta: Meta = None,
    *,
    quotes: bool = False,
    lexicons: LexiconsLike = None,
    threads: Optional[int] = None,
    strict: bool = False,
    output: Output = None,
) -> Table:
    """One row per match (or, with quotes, per quotation and source): the
    columns of `framelens matches`."""

def compare(
    texts: Texts,
    ids: Optional[Sequence[Any]] = None,
    meta: Meta = None,
    *,
    by: str = "outlet",
    within: Optional[str] = None,
    long: bool = True,
    seed: int = 1,
    resamples: int = 1000,
    lexicons: LexiconsLike = None,
    threads: Optional[int] = None,
    strict: bool = False,
    output: Output = None,
) -> Table:
    """Groups side by side with 95% intervals: the columns of
    `framelens compare` (--long by default)."""

def terms(
    texts: Texts,
    ids: Optional[Sequence[Any]] = None,
    meta: Meta = None,
    *,
    by: str = "outlet",
    category: Optional[str] = None,
    top: int = 10,
    labels: bool = False,
    lexicons: LexiconsLike = None,
    threads: Optional[int] = None,
    strict: bool = False,
    output: Output = None,
) -> Table:
    """The entries behind each figure, or the label choices: the columns of
    `framelens terms`."""
