"""Read one CSV file of a data package, keeping the line on which each record starts.

A curator fixes their data in a text editor, so every problem must name the
line as the editor counts it. A quoted cell may span lines, so row ``i`` is
not line ``i + 2``. The boundaries of records are therefore found directly in
the bytes, with column operations rather than a Python loop: a newline ends a
record when an even number of double quotes precede it (RFC 4180 doubles a
quote inside a quoted cell, which keeps the parity). The cells themselves are
parsed by pyarrow. The two readings must agree on the number of records, or
the file is reported as malformed rather than guessed at.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "t.csv").write_bytes(b'id,quote\\na,"one\\ntwo"\\nb,three\\n')
>>> table, problems = read_csv(folder / "t.csv", "t.csv")
>>> table.columns, table.lines.tolist(), problems
(['id', 'quote'], [2, 4], [])
>>> table.column("quote").to_pylist()
['one\\ntwo', 'three']
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from .problems import Problem

__all__ = ["CsvTable", "read_csv", "decode_utf8"]

_BOM = b"\xef\xbb\xbf"
_NL, _CR, _QUOTE, _COMMA = 10, 13, 34, 44
# pyarrow needs a whole record inside one block when cells hold newlines.
_BLOCK_SIZE = 1 << 24


@dataclass
class CsvTable:
    """The cells of a CSV file as strings, with the line each record starts on.

    Attributes
    ----------
    path : str
        The file, relative to the data package.
    columns : list of str
        The header, in file order.
    table : pyarrow.Table
        One string column per header name, one row per record, cells exactly
        as written (an empty cell is the empty string).
    lines : numpy.ndarray
        ``lines[i]`` is the 1-based line on which row ``i`` starts.
    """

    path: str
    columns: list[str]
    table: pa.Table
    lines: np.ndarray

    def column(self, name: str) -> pa.ChunkedArray:
        return self.table.column(name)

    def __len__(self) -> int:
        return self.table.num_rows


def decode_utf8(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """Decode `raw` as UTF-8 (a leading BOM is dropped) or say where it is not.

    Examples
    --------
    >>> decode_utf8(b"ok\\n", "a.txt")
    ('ok\\n', [])
    >>> text, problems = decode_utf8(b"one\\ntw\\xff", "a.txt")
    >>> print(problems[0])
    a.txt: not valid UTF-8: byte 0xFF on line 2 cannot be decoded; save the file as UTF-8
    """
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        # Lines as a text editor counts them: LF, CRLF or a lone CR ends one.
        before = raw[: error.start]
        line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
        message = (
            f"not valid UTF-8: byte 0x{raw[error.start]:02X} on line {line} cannot be "
            "decoded; save the file as UTF-8"
        )
        return None, [Problem(rel, None, None, message)]


def read_bytes(file: Path, rel: str) -> tuple[bytes | None, list[Problem]]:
    """Read a file whole, turning every way it can fail into a :class:`Problem`."""
    try:
        return Path(file).read_bytes(), []
    except FileNotFoundError:
        return None, [Problem(rel, None, None, "file not found")]
    except IsADirectoryError:
        return None, [Problem(rel, None, None, "is a folder, not a file")]
    except OSError as error:
        return None, [Problem(rel, None, None, f"cannot be read: {error.strerror or error}")]


def read_csv(file: Path, rel: str) -> tuple[CsvTable | None, list[Problem]]:
    """Read `file` as an RFC 4180 CSV with a header row.

    Parameters
    ----------
    file : path
        The file to read.
    rel : str
        Its path relative to the data package, for problem reports.

    Returns
    -------
    table : CsvTable or None
        The parsed file, or None when it cannot be read as a whole.
    problems : list of Problem
        Everything wrong with the file as CSV: unreadable, not UTF-8, empty,
        a bad header, blank lines, records with the wrong number of fields,
        stray or unterminated quotes. Rows with the wrong number of fields
        are reported and left out of `table`; the caller must not accept a
        table that comes with problems.
    """
    raw, problems = read_bytes(file, rel)
    if raw is None:
        return None, problems
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    # only whether it decodes: the decoded copy is not kept (it is file-sized)
    problems = decode_utf8(raw, rel)[1]
    if problems:
        return None, problems
    if not raw.strip():
        return None, [Problem(rel, None, None, "file is empty: a header row is required")]

    buf = np.frombuffer(raw, dtype=np.uint8)
    size = len(buf)
    # Positions only, never file-sized masks kept alive: memory is the limit
    # on a large corpus.
    newlines = np.flatnonzero(buf == _NL)
    # A lone carriage return also ends a line, as text editors count them.
    carriage = np.flatnonzero(buf == _CR)
    if len(carriage):
        following = np.minimum(carriage + 1, size - 1)
        lone_cr = carriage[(carriage == size - 1) | (buf[following] != _NL)]
        if len(lone_cr):
            newlines = np.union1d(newlines, lone_cr)
    del carriage
    quotes = np.flatnonzero(buf == _QUOTE)

    def line_of(positions):
        return np.searchsorted(newlines, positions, side="left") + 1

    # Record separators: newlines preceded by an even number of quotes.
    quotes_before = np.searchsorted(quotes, newlines, side="left")
    separators = newlines[(quotes_before % 2) == 0]
    starts = np.concatenate(([0], separators + 1))
    ends = np.concatenate((separators, [size]))
    # A CRLF separator leaves its CR at the end of the record.
    crlf_end = (ends > starts) & (buf[np.maximum(ends - 1, 0)] == _CR)
    ends = ends - crlf_end
    if ends[-1] == starts[-1]:  # the file ends with a newline
        starts, ends = starts[:-1], ends[:-1]
    record_lines = line_of(starts)

    commas = np.flatnonzero(buf == _COMMA)
    commas = commas[(np.searchsorted(quotes, commas, side="left") % 2) == 0]
    record_of_comma = np.searchsorted(starts, commas, side="right") - 1
    fields = np.bincount(record_of_comma, minlength=len(starts)) + 1

    # Quoting goes wrong first either at a stray quote or, when none is
    # stray, at a last opening quote that never closes. Each is reported on
    # the line where its record starts (SPEC part 2), once per record: after
    # the first stray quote the rest of the record cannot be read reliably.
    stray = _stray_quotes(buf, quotes, size)
    if len(stray):
        record = np.searchsorted(starts, stray, side="right") - 1
        field = np.searchsorted(commas, stray) - np.searchsorted(commas, starts[record])
        header = _parse_header(raw[starts[0] : ends[0]])
        first = dict(zip(record.tolist()[::-1], field.tolist()[::-1]))
        for rec, index in sorted(first.items()):
            column = header[index] if rec > 0 and index < len(header) else None
            problems.append(
                Problem(
                    rel,
                    int(record_lines[rec]),
                    column,
                    'stray double quote: a cell containing " must be quoted, '
                    'with the quote doubled ("")',
                ),
            )
        return None, problems
    if len(quotes) % 2:
        record = np.searchsorted(starts, quotes[-1], side="right") - 1
        message = "unterminated quoted cell: a double quote opens here and never closes"
        return None, [Problem(rel, int(record_lines[record]), None, message)]

    header = _parse_header(raw[starts[0] : ends[0]])
    seen = set()
    for index, name in enumerate(header, start=1):
        control = [c for c in name if (ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127]
        if name == "":
            problems.append(Problem(rel, int(record_lines[0]), None, f"header cell {index} is empty"))
        elif control:
            message = f"header cell {index} contains control character U+{ord(control[0]):04X}"
            problems.append(Problem(rel, int(record_lines[0]), None, message))
        elif name in seen:
            problems.append(Problem(rel, int(record_lines[0]), name, "duplicate column name"))
        seen.add(name)
    if problems:
        return None, problems

    blank = (ends - starts) == 0
    blank[0] = False
    wrong = (fields != len(header)) & ~blank
    wrong[0] = False
    for line in record_lines[blank].tolist():
        problems.append(Problem(rel, line, None, "blank line: every line must be a record"))
    for line, count in zip(record_lines[wrong].tolist(), fields[wrong].tolist()):
        problems.append(
            Problem(rel, line, None, f"record has {count} fields, the header has {len(header)}"),
        )
    good = ~blank & ~wrong
    good[0] = False

    try:
        table = pacsv.read_csv(
            io.BytesIO(raw),
            read_options=pacsv.ReadOptions(block_size=_BLOCK_SIZE),
            parse_options=pacsv.ParseOptions(
                newlines_in_values=True,
                invalid_row_handler=lambda row: "skip",
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeDecodeError, ValueError) as error:
        problems.append(Problem(rel, None, None, f"malformed CSV: {error}"))
        return None, problems
    if table.num_rows != int(good.sum()) or table.column_names != header:
        problems.append(
            Problem(rel, None, None, "malformed CSV: records could not be told apart reliably"),
        )
        return None, problems
    return CsvTable(rel, header, table, record_lines[good]), problems


def _stray_quotes(buf: np.ndarray, quotes: np.ndarray, size: int) -> np.ndarray:
    """Positions of double quotes that RFC 4180 does not allow.

    An opening quote (an even number before it) must start a cell; a closing
    quote must end one, unless it is the first of a doubled pair.
    """
    if not len(quotes):
        return quotes
    index = np.arange(len(quotes))
    previous = np.where(quotes > 0, buf[np.maximum(quotes - 1, 0)], _NL)
    following = np.where(quotes + 1 < size, buf[np.minimum(quotes + 1, size - 1)], _NL)
    pair_before = np.concatenate(([False], np.diff(quotes) == 1))
    pair_after = np.concatenate((np.diff(quotes) == 1, [False]))
    opening_ok = np.isin(previous, (_COMMA, _NL, _CR)) | pair_before
    closing_ok = np.isin(following, (_COMMA, _NL, _CR)) | pair_after
    bad = np.where(index % 2 == 0, ~opening_ok, ~closing_ok)
    return quotes[bad]


def _parse_header(record: bytes) -> list[str]:
    text = record.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0] if rows else [""]
