"""What can be wrong with a data package, and how it is reported.

A :class:`Problem` names the file (relative to the data package), the line
on which the offending record starts, the column and a message; it prints as
``PATH:LINE: COLUMN: message``, or ``PATH: message`` for a whole-file
problem. Validation collects every problem and raises them together in one
:class:`DataValidationError`. A problem of ``severity`` ``"warning"`` is
worth a curator's look but does not make the package invalid (a quote too
short to support a claim, an entity no claim uses); it prints as
``PATH:LINE: COLUMN: warning: message``. What is wrong with how a command was asked
(an output folder it must not write into, a bad setting) is a
:class:`UsageError`: the command line exits 2 on it, 1 on bad data.

Examples
--------
>>> print(Problem("claims.csv", 4, "quote", "not found in source text"))
claims.csv:4: quote: not found in source text
>>> print(Problem("entities.csv", None, None, "file not found"))
entities.csv: file not found
>>> print(Problem("claims.csv", 3, "quote", "'the' is one word", severity="warning"))
claims.csv:3: quote: warning: 'the' is one word
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "DataValidationError", "DataPackageNotFound", "UsageError", "ERROR", "WARNING"]

#: The severities of a problem: an error makes the package invalid, a
#: warning does not.
ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a data package.

    Attributes
    ----------
    path : str
        The file, relative to the data package, with ``/`` separators.
    line : int or None
        The 1-based line on which the record starts (the header is line 1);
        None for a whole-file problem.
    column : str or None
        The column name; None for a whole-file or whole-record problem.
    message : str
        What is wrong, in words a curator can act on.
    severity : str, default "error"
        :data:`ERROR`, or :data:`WARNING` for what does not make the
        package invalid.
    """

    path: str
    line: int | None
    column: str | None
    message: str
    severity: str = ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def __str__(self) -> str:
        message = f"warning: {self.message}" if self.is_warning else self.message
        if self.line is None:
            return f"{self.path}: {message}"
        if self.column is None:
            return f"{self.path}:{self.line}: {message}"
        return f"{self.path}:{self.line}: {self.column}: {message}"


class DataValidationError(ValueError):
    """Raised when a data package has problems; carries all of them.

    Attributes
    ----------
    problems : list of Problem
        Every error found, in file order, then line order.
    warnings : tuple of Problem
        The warnings found besides, in the same order; they alone would not
        have made the package invalid.
    """

    def __init__(self, problems, warnings=()):
        self.problems = list(problems)
        self.warnings = tuple(warnings)
        n = len(self.problems)
        head = "\n".join(str(p) for p in self.problems[:20])
        more = f"\n... and {n - 20} more" if n > 20 else ""
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in the data package:\n{head}{more}")


class DataPackageNotFound(FileNotFoundError):
    """Raised when the data package folder itself does not exist."""


class UsageError(ValueError):
    """Raised when a command is asked to do something it must not: not bad data, a bad request.

    For example an output folder inside the input package, or a malformed
    ``LIAISON_MAX_FILE_BYTES``. The command line prints the message and
    exits 2.
    """
