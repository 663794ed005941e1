"""Shared fixtures: a tiny valid data package to break, and the two real corpora.

The tiny package is small enough to check by eye: one source, five entities,
two predicates, three claims. Every test that needs a broken package writes
this one into its own ``tmp_path`` and changes one thing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import paths

TESTS_DIR = Path(__file__).parent

#: The bundled data package.
DATA_DIR = paths.DATA_DIR

#: The second, fictional corpus (see its README).
ARDENIA_DIR = TESTS_DIR / "corpora" / "ardenia"

SOURCE_TEXT = (
    "VELLA, 9 December: The Ministry of IT said on Friday that Acme \u201chas agreed\u201d to open\n"
    "an office in Freedonia. Acme declined to store user data locally.\n"
)

#: file name -> exact text of the tiny valid package.
TINY_FILES = {
    "sources.csv": (
        "source_id,title,publisher,published,kind,url,author,notes\n"
        "s1,Acme to open office,The Daily,2022-12-10,news,,,\n"
    ),
    "sources/s1.txt": SOURCE_TEXT,
    "entities.csv": (
        "entity_id,name,type,aliases,role,country,description\n"
        "acme,Acme,platform,,,,\n"  # line 2
        "freedonia,Freedonia,place,,,,\n"  # line 3
        "ministry,Ministry of IT,government_body,,,,\n"  # line 4
        "daily,The Daily,media,,,,\n"  # line 5
        "req-office,Local office,requirement,,,,\n"  # line 6
    ),
    "predicates.csv": (
        "predicate,label,subject_types,object_types,description\n"
        "open_office_in,open an office in,platform|company,place,\n"  # line 2
        "complies_with,complies with,platform|company,requirement,\n"  # line 3
    ),
    "claims.csv": (
        "claim_id,subject,predicate,object,status,said_by,source,quote,requirement,date,date_text,notes\n"
        'c1,acme,open_office_in,freedonia,agreed,ministry,s1,"Acme ""has agreed"" to open an office",'
        "req-office,2022-12-09,on Friday,\n"  # line 2
        "c2,acme,complies_with,req-office,planned,ministry,s1,open an office in Freedonia,"
        "req-office,2022-12,,\n"  # line 3
        "c3,acme,complies_with,req-office,declined,daily,s1,Acme declined to store user data locally,"
        ",,,\n"  # line 4
    ),
}

#: The four CSV files, in the order they are read and reported.
CSV_FILES = ("sources.csv", "entities.csv", "predicates.csv", "claims.csv")

#: The files `analysis export` writes (SPEC part 2), besides the source texts.
EXPORTED_FILES = [
    "graph.graphml",
    "graph.gexf",
    "graph.json",
    "sources.csv",
    "entities.csv",
    "predicates.csv",
    "claims.csv",
    "datapackage.json",
    "compliance.csv",
    "entities.ftm.json",
    "liaison.db",
    "metadata.json",
    "sources.bib",
    "sources.csl.json",
]

#: Every file of the tiny package.
PACKAGE_FILES = (*CSV_FILES, "sources/s1.txt")


def write_package(folder: Path) -> Path:
    """Write the tiny valid package into `folder` (created if need be); return it."""
    folder = Path(folder)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    for rel, text in TINY_FILES.items():
        (folder / rel).write_bytes(text.encode("utf-8"))
    return folder


def write_file(folder: Path, rel: str, content: str | bytes) -> Path:
    """Replace the bytes of one file of a package (str is written as UTF-8)."""
    path = Path(folder) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def replace_in_file(folder: Path, rel: str, old: str, new: str) -> Path:
    """Replace exactly one occurrence of `old` with `new` in one file of a package."""
    path = Path(folder) / rel
    text = path.read_bytes().decode("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    return write_file(folder, rel, text.replace(old, new))


def replace_line(folder: Path, rel: str, line: int, new: str) -> Path:
    """Replace line `line` (1-based, without its newline) of one file of a package."""
    path = Path(folder) / rel
    lines = path.read_bytes().decode("utf-8").split("\n")
    lines[line - 1] = new
    return write_file(folder, rel, "\n".join(lines))


def _cell(value: str) -> str:
    """RFC 4180: quote a cell holding a comma, a quote or any line break."""
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def add_column(folder: Path, rel: str, column: str, cells: dict[str, str] | None = None) -> Path:
    """Add `column` at the end of one CSV file of a package.

    `cells` maps a record's id (its first cell) to its value in the new
    column; every other record gets an empty cell. Cells spanning lines are
    kept, so the records keep their line numbers.
    """
    import csv
    import io

    cells = dict(cells or {})
    path = Path(folder) / rel
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))
    unknown = set(cells) - {row[0] for row in rows[1:]}
    assert not unknown, f"no record {sorted(unknown)} in {rel}"
    rows[0].append(column)
    for row in rows[1:]:
        row.append(cells.get(row[0], ""))
    return write_file(folder, rel, "".join(",".join(_cell(c) for c in row) + "\n" for row in rows))


@pytest.fixture
def tiny_package(tmp_path):
    """Factory: ``tiny_package()`` writes a fresh valid package and returns its folder.

    Each call writes into a new sub-folder of ``tmp_path``, so a test may
    make several packages.
    """
    count = 0

    def make(name: str | None = None) -> Path:
        nonlocal count
        count += 1
        return write_package(tmp_path / (name or f"package{count}"))

    return make


@pytest.fixture
def rewrite():
    """Helpers to change one file of a package: ``rewrite.file``, ``.replace``, ``.line``, ``.column``."""

    class Rewrite:
        file = staticmethod(write_file)
        replace = staticmethod(replace_in_file)
        line = staticmethod(replace_line)
        column = staticmethod(add_column)

    return Rewrite


@pytest.fixture
def data_dir() -> Path:
    """The bundled data package folder."""
    return DATA_DIR


@pytest.fixture
def ardenia_dir() -> Path:
    """The fictional second corpus."""
    return ARDENIA_DIR
