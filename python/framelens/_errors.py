"""The exceptions and the warning framelens raises; each names the file
(``<texts>`` for texts handed over in memory) and, where there is one, the
line (for in-memory texts, the text's number from 1)."""

from typing import Optional


class Error(ValueError):
    """A problem framelens cannot work around: the message says what and where."""

    def __init__(self, message: str, file: Optional[str] = None, line: Optional[int] = None):
        super().__init__(message)
        #: The file (or ``<texts>``) the problem is in.
        self.file = file
        #: The line of that file, from 1, or ``None`` for the file as a whole.
        self.line = line


class LexiconError(Error):
    """A lexicon folder or one of its lines is unusable (``file:line: what``)."""


class InputError(Error):
    """The texts cannot be scored as given: a duplicate id, no readable text,
    no article with the field to group by, an unknown category."""


class InputWarning(UserWarning):
    """A text was skipped (an empty text, a text that is not a string, a
    missing id), as the command line skips it with a warning."""
