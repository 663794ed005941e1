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

What is read
------------
A data package is often received from someone else, so every file of it is
read through :func:`read_bytes`, which reads only a regular file that lies
inside the package folder: the path is resolved first, and a file that
resolves outside the folder (a symbolic link to ``/etc/passwd``, a
symlinked ``sources/`` folder that leads elsewhere), a named pipe, a device,
a socket or a folder is refused *before* it is opened, as a problem that
names the file and says why. Nothing is followed out of the package, and
nothing can make a command wait on a pipe or read ``/dev/zero`` forever.
Many files of one folder (the source texts) are read through
:class:`OpenFolder`, which reads a plain regular file directly and leaves
anything else to :func:`read_bytes`.

A file is read only up to a size cap, :data:`DEFAULT_MAX_FILE_BYTES`
(1 GiB) unless the environment variable ``LIAISON_MAX_FILE_BYTES`` sets
another number of bytes (``LIAISON_MAX_FILE_BYTES=4000000000 analysis
validate big/``); a larger file is a problem naming the file, its size and
the cap, never a memory blow-up.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from .problems import Problem, UsageError
from .suggest import split_cell_hint

__all__ = ["CsvTable", "OpenFolder", "read_csv", "read_bytes", "decode_utf8", "max_file_bytes", "DEFAULT_MAX_FILE_BYTES"]

#: The most bytes read from one file of a data package, unless the
#: environment variable ``LIAISON_MAX_FILE_BYTES`` says otherwise. A
#: generated package of a million claims has a claims.csv of a few hundred
#: megabytes; a file past this is more likely a mistake than a corpus.
DEFAULT_MAX_FILE_BYTES = 1 << 30

#: The environment variable that raises (or lowers) the cap.
MAX_FILE_BYTES_VARIABLE = "LIAISON_MAX_FILE_BYTES"

#: Python's csv module refuses a cell longer than this (csv.field_size_limit()),
#: and so would a reader of the export built on it; the header is read with it.
_CSV_FIELD_LIMIT = 131_072

_BOM = b"\xef\xbb\xbf"
_NL, _CR, _QUOTE, _COMMA = 10, 13, 34, 44
# pyarrow needs a whole record inside one block when cells hold newlines.
_BLOCK_SIZE = 1 << 24
#: The fast path scans the bytes this many at a time, so that no
#: temporary of the file's size is made.
_SCAN_CHUNK = 1 << 22


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
    may_hold_forbidden : bool, default True
        False when the file's bytes hold no character a cell may not
        (a C0 control other than tab, LF and CR, DEL, U+FFFE, U+FFFF), so
        that the cells need not be searched for one.
    """

    path: str
    columns: list[str]
    table: pa.Table
    lines: np.ndarray
    may_hold_forbidden: bool = True

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


def max_file_bytes() -> int:
    """The most bytes read from one file: ``LIAISON_MAX_FILE_BYTES``, else 1 GiB.

    Raises
    ------
    UsageError
        If the variable is set to anything but a positive whole number of bytes.

    Examples
    --------
    >>> f"{DEFAULT_MAX_FILE_BYTES:,}"
    '1,073,741,824'
    """
    value = os.environ.get(MAX_FILE_BYTES_VARIABLE)
    if value is None or value.strip() == "":
        return DEFAULT_MAX_FILE_BYTES
    try:
        limit = int(value.strip().replace("_", ""))
    except ValueError:
        limit = 0
    if limit <= 0:
        raise UsageError(
            f"{MAX_FILE_BYTES_VARIABLE}={value!r} is not a positive number of bytes (e.g. 4000000000)"
        )
    return limit


def _shown(path) -> str:
    """A path as text that can always be printed: undecodable bytes as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


_KINDS = [
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
]


def _package_folder(file: Path, rel: str) -> Path:
    """The package folder, given a file and its path relative to it (``file == folder / rel``)."""
    parts = PurePosixPath(rel).parts
    if parts and ".." not in parts and file.parts[-len(parts) :] == parts:
        return file.parents[len(parts) - 1]
    return file.parent


def read_bytes(file: Path, rel: str) -> tuple[bytes | None, list[Problem]]:
    """Read a file of a data package whole, turning every way it can fail into a :class:`Problem`.

    Only a regular file that resolves inside the package folder is read;
    the folder is the part of `file` before `rel` (``file`` is
    ``folder / rel``). A symbolic link is followed only while it stays
    inside the folder. Whatever is refused is refused before the file is
    opened, and it is opened without following a last symbolic link and
    without blocking, then checked again, so that a file swapped in between
    is refused too. At most :func:`max_file_bytes` bytes are read.

    Parameters
    ----------
    file : path
        The file, as ``folder / rel``.
    rel : str
        Its path relative to the data package (``/`` separators), for problem reports.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_bytes(b"hello")
    >>> read_bytes(folder / "a.txt", "a.txt")
    (b'hello', [])
    >>> (folder / "leak.txt").symlink_to("/etc/hostname")
    >>> raw, problems = read_bytes(folder / "leak.txt", "leak.txt")
    >>> raw, problems[0].message.split(",")[0]
    (None, 'is a symbolic link to /etc/hostname')
    """
    file = Path(file)

    def problem(message):
        return None, [Problem(rel, None, None, message)]

    if not os.path.lexists(file):
        return problem("file not found")
    try:
        root = Path(os.path.realpath(_package_folder(file, rel)))
        resolved = Path(os.path.realpath(file))
    except (OSError, RuntimeError, ValueError) as error:  # a symlink loop, a path too long
        return problem(f"cannot be read: {getattr(error, 'strerror', None) or error}")
    if resolved != root and root not in resolved.parents:
        how = f"is a symbolic link to {_shown(os.readlink(file))}" if file.is_symlink() else (
            f"resolves to {_shown(resolved)} through a symbolic link"
        )
        return problem(
            f"{how}, outside the data package folder: only files inside the package are read",
        )
    try:
        info = os.stat(resolved)
    except FileNotFoundError:
        return problem(f"file not found (a symbolic link to {_shown(os.readlink(file))}, which does not exist)"
                       if file.is_symlink() else "file not found")
    except OSError as error:
        return problem(f"cannot be read: {error.strerror or error}")
    refused = _refusal(info)
    if refused:
        return problem(refused)
    limit = max_file_bytes()
    if info.st_size > limit:
        return problem(_too_big(info.st_size, limit))
    try:
        descriptor = os.open(resolved, _READ_FLAGS)
    except IsADirectoryError:
        return problem("is a folder, not a file")
    except OSError as error:
        return problem(f"cannot be read: {error.strerror or error}")
    try:
        raw, refused = _read_opened(descriptor, limit)
    except OSError as error:
        return problem(f"cannot be read: {error.strerror or error}")
    finally:
        os.close(descriptor)
    return (raw, []) if refused is None else problem(refused)


#: How a file of a package is opened: for reading, without following a last
#: symbolic link, without waiting on a pipe, never as a controlling terminal.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _read_opened(descriptor: int, limit: int) -> tuple[bytes | None, str | None]:
    """The bytes of an open file, or why it is refused: not a regular file, or over `limit` bytes.

    What was opened is checked, not what was looked at before: the path
    may have changed since. An ``OSError`` while reading is the caller's.
    """
    info = os.fstat(descriptor)
    refused = _refusal(info)
    if refused:
        return None, refused
    if info.st_size > limit:
        return None, _too_big(info.st_size, limit)
    chunks, total = [], 0
    # the whole file in one read when it is what fstat says: one buffer, no joining copy
    wanted = max(info.st_size + 1, 1 << 16)
    while total <= limit:
        chunk = os.read(descriptor, min(wanted, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:  # it grew while being read
        return None, _too_big(total, limit, at_least=True)
    return b"".join(chunks), None


class OpenFolder:
    """A folder of a data package, open, to read the plain regular files directly in it by name.

    :func:`read_bytes` resolves the package folder and the file anew for
    every file it reads, which is most of the time of reading ten thousand
    source texts. When the folder itself resolves inside the package, a
    file directly in it that is a regular file (looked at without
    following a link, then opened without following one) is inside the
    package too, so it is read through the open folder. Anything else (no
    such file, a symbolic link, a pipe or a device, which are never
    opened, a file over the size cap) gives None: the caller reads it with
    :func:`read_bytes`, which reads or refuses it and says why. Use it as a
    context manager, which closes the folder.
    """

    def __init__(self, descriptor: int, limit: int):
        self.descriptor = descriptor
        self.limit = limit

    @classmethod
    def open(cls, package: Path, rel: str) -> "OpenFolder | None":
        """The folder `rel` of the package folder `package`, open; None where it cannot be read this way."""
        if (
            os.open not in os.supports_dir_fd
            or os.stat not in os.supports_dir_fd
            or os.stat not in os.supports_follow_symlinks
            or not hasattr(os, "O_NOFOLLOW")
            or not hasattr(os, "O_DIRECTORY")
        ):
            return None
        limit = max_file_bytes()  # a malformed cap is the caller's to report, before anything is opened
        try:
            root = Path(os.path.realpath(package))
            inside = Path(os.path.realpath(Path(package) / rel))
            if root not in inside.parents:
                return None
            return cls(os.open(inside, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)), limit)
        except (OSError, RuntimeError, ValueError):
            return None

    def read(self, name: str) -> bytes | None:
        """The bytes of the regular file `name` in the folder; None for anything else."""
        try:
            # a pipe or a device is never opened, not even to be refused: looked at first, without following a link
            if not stat.S_ISREG(os.stat(name, dir_fd=self.descriptor, follow_symlinks=False).st_mode):
                return None
            descriptor = os.open(name, _READ_FLAGS, dir_fd=self.descriptor)
        except OSError:
            return None
        try:
            raw, refused = _read_opened(descriptor, self.limit)
        except OSError:
            return None
        finally:
            os.close(descriptor)
        return raw if refused is None else None

    def close(self) -> None:
        os.close(self.descriptor)

    def __enter__(self) -> "OpenFolder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _refusal(info: os.stat_result) -> str | None:
    for test, message in _KINDS:
        if test(info.st_mode):
            return message
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    return None


def _too_big(size: int, limit: int, at_least: bool = False) -> str:
    return (
        f"is {'more than ' if at_least else ''}{size:,} bytes, over the limit of {limit:,} bytes per file; "
        f"set the environment variable {MAX_FILE_BYTES_VARIABLE} to a larger number of bytes to read it"
    )


def read_csv(file: Path, rel: str, *, reference: bool = False) -> tuple[CsvTable | None, list[Problem]]:
    """Read `file` as an RFC 4180 CSV with a header row.

    Parameters
    ----------
    file : path
        The file to read.
    rel : str
        Its path relative to the data package, for problem reports.
    reference : bool, default False
        Always take the full reader, which finds every record boundary,
        field count and quoting problem itself. Otherwise a file with
        nothing wrong in it is read by a shorter route first
        (:func:`_read_fast`), and the full reader is taken only when that
        route has any doubt: the same table, lines and problems, faster.

    Returns
    -------
    table : CsvTable or None
        The parsed file, or None when it cannot be read as a whole.
    problems : list of Problem
        Everything wrong with the file as CSV: unreadable, not UTF-8, empty,
        a bad header, blank lines, records with the wrong number of fields
        (more than the header: with the cell an unquoted comma likely
        split), stray or unterminated quotes. Records with such a problem
        are reported and left out of `table`, and the others kept, so that
        their own problems are reported too: a record with a stray quote is
        left out alone (the records around it are told apart by the same
        quote parity as ever); an unterminated quote leaves out its record
        and everything after it, since where the cell was meant to end is
        anyone's guess. The caller must not accept a table that comes with
        problems.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "t.csv").write_bytes(b'id,quote\\na,fine\\nb,"open\\nc,never closed\\n')
    >>> table, problems = read_csv(folder / "t.csv", "t.csv")
    >>> table.column("id").to_pylist(), [str(p) for p in problems]
    (['a'], ['t.csv:3: unterminated quoted cell: a double quote opens here and never closes'])
    """
    raw, problems = read_bytes(file, rel)
    if raw is None:
        return None, problems
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    if not reference:
        table = _read_fast(raw, rel)
        if table is not None:
            return table, []
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

    # Quoting goes wrong at a stray quote, or at a last opening quote that
    # never closes. Each is reported on the line where its record starts
    # (SPEC part 2), once per record: after the first stray quote the rest
    # of the record cannot be read reliably. Those records are left out
    # (`unreadable`) and the others read.
    unreadable = np.zeros(len(starts), dtype=bool)
    stray = _stray_quotes(buf, quotes)
    if len(stray):
        record = np.searchsorted(starts, stray, side="right") - 1
        field = np.searchsorted(commas, stray) - np.searchsorted(commas, starts[record])
        header = _parse_header(raw[starts[0] : ends[0]]) or []
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
            unreadable[rec] = True
    if len(quotes) % 2:
        # the last record: no separator follows an odd number of quotes
        record = np.searchsorted(starts, quotes[-1], side="right") - 1
        if not unreadable[record]:
            message = "unterminated quoted cell: a double quote opens here and never closes"
            problems.append(Problem(rel, int(record_lines[record]), None, message))
            unreadable[record] = True
    if unreadable[0]:  # the header itself
        return None, problems

    header = _parse_header(raw[starts[0] : ends[0]])
    if header is None:
        longest = _longest_cell(raw[starts[0] : ends[0]])
        message = (
            f"header cell {longest[0]} is {longest[1]:,} characters long, over the limit of "
            f"{_CSV_FIELD_LIMIT:,} for a cell that CSV readers apply: a line break or a quote is missing"
        )
        return None, [Problem(rel, int(record_lines[0]), None, message)]
    seen = set()
    quoting = len(problems)
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
    if len(problems) > quoting:
        return None, problems

    blank = (ends - starts) == 0
    blank[0] = False
    wrong = (fields != len(header)) & ~blank & ~unreadable
    wrong[0] = False
    for line in record_lines[blank].tolist():
        problems.append(Problem(rel, line, None, "blank line: every line must be a record"))
    hinted = 0
    for record in np.flatnonzero(wrong).tolist():
        count = int(fields[record])
        message = f"record has {count} fields, the header has {len(header)}"
        if count > len(header) and hinted < _SPLIT_HINTS:
            hinted += 1
            message += split_cell_hint(raw[starts[record] : ends[record]].decode("utf-8"), header)
        problems.append(Problem(rel, int(record_lines[record]), None, message))
    good = ~blank & ~wrong & ~unreadable
    good[0] = False

    data = raw
    if unreadable.any():
        # cut each unreadable record out, from its start to the next record's
        next_starts = np.append(starts[1:], size)
        pieces, position = [], 0
        for cut_start, cut_end in zip(starts[unreadable].tolist(), next_starts[unreadable].tolist()):
            pieces.append(raw[position:cut_start])
            position = cut_end
        pieces.append(raw[position:])
        data = b"".join(pieces)
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
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
    return CsvTable(rel, header, table, record_lines[good], _may_hold_forbidden(raw)), problems


# Every byte but the C0 controls (tab, LF and CR apart), DEL and 0xEF, the
# lead byte of U+FFFE and U+FFFF in UTF-8.
_PLAIN_BYTES = bytes(b for b in range(256) if not ((b < 32 and b not in (9, 10, 13)) or b in (127, 0xEF)))


def _may_hold_forbidden(raw: bytes) -> bool:
    """Whether `raw` may hold a character that no cell may: one pass over the bytes, no copy of them."""
    rest = raw.translate(None, _PLAIN_BYTES)
    if not rest:
        return False
    # 0xEF also leads U+F000 to U+FFFD: only a control or the two non-characters count
    return rest.count(b"\xef") != len(rest) or b"\xef\xbf\xbe" in raw or b"\xef\xbf\xbf" in raw


def _read_fast(raw: bytes, rel: str) -> CsvTable | None:
    """The table of a file with nothing wrong in it, read with fewer passes over its bytes; None if in doubt.

    Taken only when the file has no carriage return, an even number of
    double quotes, none of them stray, a good header with no line break in
    it, and pyarrow finds every record to have as many fields as the
    header and as many records as there are line breaks outside quoted
    cells (a blank line, which pyarrow skips, makes it one short; this
    holds for a file of one column too, where a blank line would otherwise
    read as an empty cell). The bytes are scanned in chunks of
    :data:`_SCAN_CHUNK` for quotes and line breaks, keeping only the line
    breaks inside quoted cells, which push later records down; fields are
    counted by pyarrow, not by a scan of every comma. Whatever is in doubt
    (any problem at all) is left to the full reader, so that problems are
    reported exactly as it reports them.
    """
    # (isspace rather than strip: the same white space, without a copy of the file)
    if b"\r" in raw or not raw or raw.isspace() or not _is_utf8(raw):
        return None
    buf = np.frombuffer(raw, dtype=np.uint8)
    size = len(buf)
    quotes = breaks = 0  # how many so far
    inside = []  # the line breaks inside quoted cells, numbered among all line breaks
    for start in range(0, size, _SCAN_CHUNK):
        chunk = buf[start : start + _SCAN_CHUNK]
        chunk_quotes = np.flatnonzero(chunk == _QUOTE)
        chunk_breaks = np.flatnonzero(chunk == _NL)
        if len(chunk_quotes):
            if len(_stray_quotes(buf, chunk_quotes + start, first=quotes)):
                return None
            # inside a quoted cell: an odd number of quotes before it
            odd = (np.searchsorted(chunk_quotes, chunk_breaks) + quotes) % 2 == 1
            inside.append(np.flatnonzero(odd) + breaks)
        elif quotes % 2:  # the whole chunk lies inside one quoted cell
            inside.append(np.arange(breaks, breaks + len(chunk_breaks)))
        quotes += len(chunk_quotes)
        breaks += len(chunk_breaks)
    if quotes % 2:
        return None
    inside = np.concatenate(inside) if inside else np.zeros(0, dtype=np.int64)
    # the record each such line break is in: as many records before it as
    # line breaks that are not inside a cell (the header is record 0)
    record_of = inside - np.arange(len(inside))
    if len(inside) and record_of[0] == 0:
        return None  # a line break inside a header cell: the full reader says what it makes of it
    separators = breaks - len(inside)
    records = separators if raw.endswith(b"\n") else separators + 1
    first_break = raw.find(b"\n")
    try:
        header = _parse_header(raw[: first_break if first_break >= 0 else size])
    except UnicodeDecodeError:
        return None
    if not header or "" in header or len(set(header)) != len(header):
        return None
    if any((ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127 for name in header for c in name):
        return None
    wrong = []
    try:
        table = pacsv.read_csv(
            io.BytesIO(raw),
            read_options=pacsv.ReadOptions(block_size=_BLOCK_SIZE),
            parse_options=pacsv.ParseOptions(
                # without line breaks in cells, pyarrow may cut blocks at any line break
                newlines_in_values=bool(len(inside)),
                invalid_row_handler=lambda row: wrong.append(row) or "skip",
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeDecodeError, ValueError):
        return None
    if wrong or table.num_rows != records - 1 or table.column_names != header:
        return None
    # record k starts on line 1 + k, pushed down by the line breaks inside
    # the cells of the records before it
    pushed = np.bincount(record_of + 1, minlength=records + 1)[:records]
    lines = 1 + np.arange(records, dtype=np.int64) + np.cumsum(pushed)
    return CsvTable(rel, header, table, lines[1:], _may_hold_forbidden(raw))


def _is_utf8(raw: bytes) -> bool:
    """Whether `raw` is valid UTF-8, checked by Arrow in place (no decoded copy)."""
    offsets = pa.py_buffer(np.array([0, len(raw)], dtype=np.int64))
    whole = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(raw)])
    try:
        whole.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


#: The records with too many fields that are told which cell looks split
#: (each is parsed on its own); the rest get the count alone.
_SPLIT_HINTS = 100


#: The bytes next to which a quote may open (before it) or close (after it)
#: a cell: a comma, a line break, or a quote (a doubled pair).
_BOUNDS_A_QUOTE = np.zeros(256, dtype=bool)
_BOUNDS_A_QUOTE[[_COMMA, _NL, _CR, _QUOTE]] = True


def _stray_quotes(buf: np.ndarray, quotes: np.ndarray, first: int = 0) -> np.ndarray:
    """Positions of double quotes that RFC 4180 does not allow.

    An opening quote (an even number before it) must start a cell; a closing
    quote must end one, unless it is the first of a doubled pair. `quotes`
    are positions in `buf` (the whole file), in order, and `first` is how
    many quotes come before them, so that the file can be checked in parts.
    Whether a quote is one of a doubled pair is seen in the byte next to it.
    """
    if not len(quotes):
        return quotes
    parity = first % 2
    opening, closing = quotes[parity::2], quotes[1 - parity::2]
    # The byte before an opening quote and the byte after a closing one; at
    # either end of the file the index is clipped onto the quote itself,
    # which counts as a boundary there, as the start and end of the file do.
    bad = np.empty(len(quotes), dtype=bool)
    bad[parity::2] = ~_BOUNDS_A_QUOTE[buf.take(opening - 1, mode="clip")]
    bad[1 - parity :: 2] = ~_BOUNDS_A_QUOTE[buf.take(closing + 1, mode="clip")]
    return quotes[bad]


def _parse_header(record: bytes) -> list[str] | None:
    """The column names of a header record; None when a cell is too long for the csv module."""
    text = record.decode("utf-8")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return None
    header = rows[0] if rows else [""]
    # the csv module's limit is process-wide and other libraries raise it
    # (sqlite-utils does): the limit is checked here, not left to it
    if any(len(cell) > _CSV_FIELD_LIMIT for cell in header):
        return None
    return header


def _longest_cell(record: bytes) -> tuple[int, int]:
    """(1-based index, length in characters) of the longest cell of a well-quoted record."""
    cells, inside, length = [], False, 0
    text = record.decode("utf-8")
    for position, character in enumerate(text):
        if character == '"':
            # a doubled quote inside a quoted cell counts as one character
            if inside and text[position + 1 : position + 2] == '"':
                length += 1
            inside = not inside
        elif character == "," and not inside:
            cells.append(length)
            length = 0
        else:
            length += 1
    cells.append(length)
    longest = max(range(len(cells)), key=cells.__getitem__)
    return longest + 1, cells[longest]
