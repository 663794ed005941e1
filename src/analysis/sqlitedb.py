"""Take the corpus to Datasette: one SQLite database with keys, search and column descriptions.

Data journalists browse and publish tables with Datasette. :func:`write_sqlite`
writes, with ``sqlite-utils``:

* ``liaison.db``: the four tables of the data package (``sources``,
  ``entities``, ``predicates``, ``claims``) with their primary keys and
  foreign keys (a claim's ``subject``, ``object``, ``said_by`` and
  ``requirement`` point to ``entities``, its ``source`` to ``sources``, its
  ``predicate`` to ``predicates``), an index on every foreign key, and two
  tables worked out from them: ``compliance``
  (:func:`analysis.compliance.compliance_table` of every claim, ``stated``
  and ``inferred``, each row saying its ``reading``: compliance.csv of
  ``analysis export``) and ``statements``
  (:func:`analysis.statements.statements`: claims sharing source and words
  are one statement). The claims' ``quote``, ``paraphrase`` and ``notes``
  are searchable (SQLite FTS5, English stemming: ``office`` finds
  "offices");
* ``metadata.json``: Datasette's metadata, with a title, the source line
  (:func:`analysis.credits.credit_line`), a licence note and a description
  of every table and column (:data:`COLUMN_DESCRIPTIONS`).

Browse it with ``datasette liaison.db -m metadata.json``; ask it one question
without a server with ``datasette liaison.db --get
'/liaison/claims.json?_search=office'``.

Each file is written whole or not at all (a temporary file in the same
folder, then a rename). The database is built in a fresh file, in the same
order every time, and compacted (``VACUUM``), so that the same dataset gives
the same bytes with the same SQLite library (its version number is in the
file's header).

Examples
--------
>>> import sqlite3, tempfile
>>> from analysis.toy import toy_dataset
>>> out = tempfile.mkdtemp()
>>> [path.name for path in write_sqlite(toy_dataset(), out)]
['liaison.db', 'metadata.json']
>>> connection = sqlite3.connect(Path(out) / DB_FILE)
>>> connection.execute("select count(*) from claims").fetchone()
(5,)
>>> connection.execute(
...     "select claim_id from claims where rowid in "
...     "(select rowid from claims_fts where claims_fts match 'hesitant')"
... ).fetchall()
[('bolt-office-reluctant',)]
>>> connection.close()
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from .compliance import compliance_table
from .credits import credit_line
from .export import write_atomic
from .optional import optional_import
from .statements import claim_statements, statements
from .vocabulary import (
    DATE_FORMS,
    ENTITY_TYPES,
    LIST_SEPARATOR,
    SOURCE_KINDS,
    STATUSES,
    TABLES,
)

__all__ = [
    "DB_FILE",
    "METADATA_FILE",
    "DATABASE",
    "SEARCHABLE",
    "TABLE_DESCRIPTIONS",
    "COLUMN_DESCRIPTIONS",
    "FOREIGN_KEYS",
    "datasette_metadata",
    "write_sqlite",
]

#: The database :func:`write_sqlite` writes, and the Datasette metadata beside it.
DB_FILE = "liaison.db"
METADATA_FILE = "metadata.json"

#: The database's name in Datasette (its file name without ``.db``), as in ``/liaison/claims.json``.
DATABASE = "liaison"

#: The claims' columns full-text search looks in.
SEARCHABLE = ("quote", "paraphrase", "notes")

_LIST = f"'{LIST_SEPARATOR}'-separated"

#: What each table holds, as Datasette shows it.
TABLE_DESCRIPTIONS = {
    "sources": "One row per source document (sources.csv).",
    "entities": "Platforms, companies, people, bodies, laws, requirements ... (entities.csv).",
    "predicates": "The relationship vocabulary of this corpus (predicates.csv).",
    "claims": (
        "One row per sourced statement 'subject predicate object' (claims.csv). Search looks in the "
        "quote, the paraphrase and the notes."
    ),
    "compliance": (
        "One row per claim that bears on a requirement, with the rows a subject inherits through a stated, "
        "done ownership (compliance.csv). Every claim, stated and inferred: see reading."
    ),
    "statements": (
        "One row per statement: claims that share source and quote (or source and paraphrase) are one "
        "statement. Evidence is counted in statements and asserting parties, never claim rows."
    ),
}

#: What each column holds (SPEC parts 1 and 2), as Datasette shows it.
COLUMN_DESCRIPTIONS = {
    "sources": {
        "source_id": "Id of the source; a stored text is sources/<source_id>.txt",
        "title": (
            "The headline or document title as published; where it is not known, the curator's description "
            "in square brackets, never an invented headline"
        ),
        "publisher": "Who published it",
        "published": f"When it was published, at the precision known: {DATE_FORMS}",
        "kind": "One of " + ", ".join(SOURCE_KINDS),
        "url": "Where it was published (always given for a cited source)",
        "text": (
            "stored (the default when empty): the full text is kept and claims quote it; cited: the text is "
            "not ours to redistribute, and claims from it carry a paraphrase instead of a quote"
        ),
        "author": "Author, where known",
        "notes": "The curator's notes, e.g. what was removed from the scraped text and why",
    },
    "entities": {
        "entity_id": "Id of the entity",
        "name": "Display name",
        "type": "One of " + ", ".join(ENTITY_TYPES),
        "aliases": f"Other names used in the sources, {_LIST}",
        "role": "For people: the office as the source names it",
        "country": "ISO 3166-1 alpha-2 code, where it applies",
        "description": "One line, by the curator",
    },
    "predicates": {
        "predicate": "Id of the relationship",
        "label": "The relationship in words",
        "subject_types": f"Entity types allowed as subject, {_LIST}, or * for any",
        "object_types": f"Entity types allowed as object, {_LIST}, or * for any",
        "description": "What the relationship means",
    },
    "claims": {
        "claim_id": "Id of the claim",
        "subject": "The entity the claim is about",
        "predicate": "The relationship claimed",
        "object": "The entity at the other end",
        "status": (
            "The modality as reported: " + ", ".join(STATUSES) + "; done, agreed, planned and expected move "
            "toward the relation holding, the others away from it"
        ),
        "said_by": "Who asserts it: a named person, an unnamed source, a body, or the outlet's own narration",
        "source": "The source document",
        "quote": "Verbatim span of a stored source's text; empty for a cited source",
        "paraphrase": (
            "For a cited source: what it says, in the curator's own words, specific enough to find the passage"
        ),
        "reading": (
            "stated (the default when empty): the words say it, once names and pronouns are resolved; "
            "inferred: the curator's reading goes further, and notes says why"
        ),
        "requirement": "The requirement this claim is evidence about, for the compliance matrix",
        "date": f"When the claimed thing happened, happens or is due, at the source's precision: {DATE_FORMS}",
        "said_on": f"When the statement was made ({DATE_FORMS}); empty means the source's published date",
        "date_text": "The source's own words for date or said_on",
        "notes": "The curator's remark; for an inferred claim, why",
    },
    "compliance": {
        "subject": "The platform, company or group",
        "requirement": "The requirement the claim bears on",
        "claim_id": "The claim",
        "status": "The claim's status",
        "polarity": "+ toward the relation holding, - away from it",
        "said_by": "Who asserts it",
        "date": "The claim's own date, if any",
        "said_on": "When the statement was made: the claim's said_on, else its source's published date",
        "source": "The source document",
        "reading": "stated or inferred, never empty",
        "evidence": "quote: a verbatim quote of a stored source; cited: a paraphrase of a cited source",
        "inherited_from": (
            "The owner's entity_id when the claim was made about the owner (through a stated, done owns "
            "claim), else empty"
        ),
    },
    "statements": {
        "statement": "Number of the statement, in order of first appearance in claims.csv",
        "source": "The source document",
        "said_by": f"The asserting parties, {_LIST} (one in a well-curated package)",
        "evidence": "quote or cited",
        "evidence_text": "The quote, or the paraphrase of a cited source",
        "said_on": "When the statement was made",
        "claims": f"The claims it carries, {_LIST}, in file order",
        "n_claims": "How many claims it carries",
    },
}

#: (table, column) -> (table, column) it refers to.
FOREIGN_KEYS = {
    "claims": [
        ("subject", "entities", "entity_id"),
        ("predicate", "predicates", "predicate"),
        ("object", "entities", "entity_id"),
        ("said_by", "entities", "entity_id"),
        ("source", "sources", "source_id"),
        ("requirement", "entities", "entity_id"),
    ],
    "compliance": [
        ("subject", "entities", "entity_id"),
        ("requirement", "entities", "entity_id"),
        ("claim_id", "claims", "claim_id"),
        ("said_by", "entities", "entity_id"),
        ("source", "sources", "source_id"),
        ("inherited_from", "entities", "entity_id"),
    ],
    "statements": [("source", "sources", "source_id")],
}

_PRIMARY_KEYS = {**{name: spec.key for name, spec in TABLES.items()}, "statements": "statement", "compliance": None}

_EXTRA_COLUMN = "A column this corpus adds to the SPEC's, kept as curated"

_LICENCE = (
    "Source texts are their publishers': a stored text is reproduced for research and the verification of "
    "its quotes, a cited one is paraphrased, never copied. liaison's code is MIT-licensed."
)


def _library():
    """sqlite-utils, imported only when asked for: it is an optional extra."""

    def load():
        import sqlite_utils

        return sqlite_utils

    return optional_import(load, file=DB_FILE, package="sqlite-utils", module="sqlite_utils")


def _tables(dataset):
    """(name, table) of each table of the database, in the order they are written, each column in a fixed order.

    The two worked-out tables are made one at a time, when they are asked
    for, so that a caller that writes each and lets it go holds one at a time.
    """
    for name, spec in TABLES.items():
        frame = getattr(dataset, name)
        # the SPEC's columns first, whatever the CSV's order; extra columns after, as found
        columns = [c for c in spec.columns if c in frame.columns] + [c for c in frame.columns if c not in spec.columns]
        yield name, frame[columns]
    yield "statements", statements(dataset)
    yield "compliance", compliance_table(dataset, include_inferred=True)


def _column_types(frame: pd.DataFrame) -> dict[str, type]:
    return {c: int if pd.api.types.is_integer_dtype(frame[c]) else str for c in frame.columns}


def _cell(value):
    """A cell as the database stores it: an integer, a string, or NULL."""
    if value is None or isinstance(value, (int, str)):
        return value
    return int(value) if pd.api.types.is_integer(value) else str(value)


def _column(values: pd.Series) -> list:
    """The cells of a column, missing ones None, each as :func:`_cell` makes it."""
    cells = values.astype(object).where(values.notna(), None).tolist()
    if isinstance(values.dtype, pd.StringDtype) or (
        isinstance(values.dtype, pd.CategoricalDtype) and pd.api.types.is_string_dtype(values.dtype.categories)
    ):
        # strings or missing already: nothing to convert
        return cells
    return [_cell(value) for value in cells]


def _rows(frame: pd.DataFrame, start: int = 0, stop: int | None = None) -> list[tuple]:
    """Rows `start` to `stop` of `frame` as tuples of cells, in column order."""
    part = frame.iloc[start:stop]
    return list(zip(*(_column(part[column]) for column in part.columns)))


#: How many rows are converted and inserted at a time: memory stays flat, whatever the corpus.
_BATCH = 50_000


def _insert(db, name: str, frame: pd.DataFrame) -> None:
    """Insert the rows of `frame` into table `name`, in order, :data:`_BATCH` at a time, in one transaction.

    The rows sqlite-utils' ``insert_all`` would insert (every value an
    integer, a string or NULL, so nothing for it to turn into JSON), with
    one statement prepared once instead of one per chunk, and one commit.
    """
    if frame.columns.empty or not len(frame):
        return
    columns = ", ".join(f"[{column}]" for column in frame.columns)
    marks = ", ".join("?" for _ in frame.columns)
    statement = f"INSERT INTO [{name}] ({columns}) VALUES ({marks})"
    for start in range(0, len(frame), _BATCH):
        db.conn.executemany(statement, _rows(frame, start, start + _BATCH))


def _reference_rows(frame: pd.DataFrame) -> list[dict]:
    """Every row of `frame` as a dict of cells, built whole: sqlite-utils' ``insert_all`` route, the tests' reference."""
    cells = frame.astype(object).where(frame.notna(), None)
    rows = cells.to_dict("records")
    for row in rows:
        for column, value in row.items():
            row[column] = _cell(value)
    return rows


def _fill(db, dataset, reference: bool = False) -> dict[str, int]:
    """Create and fill the tables of `dataset` in `db`, one table at a time; return how many rows each has.

    With `reference`, the rows go through sqlite-utils' ``insert_all``, as
    they did before :func:`_insert`: the tests hold the database to it.
    """
    counts = {}
    with db.conn:
        for name, frame in _tables(dataset):
            table = db[name]
            keys = [(column, other, key) for column, other, key in FOREIGN_KEYS.get(name, []) if column in frame.columns]
            table.create(
                _column_types(frame),
                pk=_PRIMARY_KEYS[name],
                foreign_keys=keys or None,
                column_order=list(frame.columns),
            )
            if reference:
                table.insert_all(_reference_rows(frame))
            else:
                _insert(db, name, frame)
            counts[name] = len(frame)
            del frame
    db["claims"].enable_fts(list(SEARCHABLE), tokenize="porter")
    db.index_foreign_keys()
    return counts


def datasette_metadata(dataset, n_statements: int | None = None) -> dict:
    """Datasette's ``metadata.json`` for the database of `dataset`.

    `n_statements`, the rows of its ``statements`` table, is counted
    from :func:`analysis.statements.claim_statements` unless given.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> meta = datasette_metadata(toy_dataset())
    >>> meta["source"]
    'Source: The Daily, 10 December 2022, "Acme and Bolt agree to open offices"'
    >>> meta["databases"]["liaison"]["tables"]["claims"]["columns"]["said_on"][:33]
    'When the statement was made (YYYY'
    """
    counts = dataset.counts
    if n_statements is None:
        n_statements = int(claim_statements(dataset)["statement"].nunique())
    tables = {
        name: {"description": TABLE_DESCRIPTIONS[name], "columns": dict(COLUMN_DESCRIPTIONS[name])}
        for name in TABLE_DESCRIPTIONS
    }
    for name in TABLES:
        for column in getattr(dataset, name).columns:
            tables[name]["columns"].setdefault(column, _EXTRA_COLUMN)
    return {
        "title": "liaison: sourced claims",
        "description": (
            "How platforms answer a country's online-content rules, claim by claim, each with its source: "
            f"{counts['sources']} sources, {counts['entities']} entities, {counts['predicates']} predicates, "
            f"{counts['claims']} claims in {n_statements} statements. A claim's reading says whether its words "
            "say it (stated) or the curator's reading goes further (inferred)."
        ),
        "source": credit_line(dataset.sources),
        "license": _LICENCE,
        "databases": {DATABASE: {"tables": tables}},
    }


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_sqlite(dataset, out_folder) -> list[Path]:
    """Write ``liaison.db`` and its Datasette ``metadata.json`` into `out_folder`.

    Parameters
    ----------
    dataset : Dataset
    out_folder : path-like
        An existing folder.

    Returns
    -------
    list of pathlib.Path
        ``[out_folder / "liaison.db", out_folder / "metadata.json"]``.

    Raises
    ------
    ModuleNotFoundError
        If sqlite-utils is not installed (``pip install 'liaison[exports]'``).
    """
    sqlite_utils = _library()
    folder = Path(os.fspath(out_folder))
    handle, temporary = tempfile.mkstemp(prefix=f".{DB_FILE}.", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        # a fresh, empty file: SQLite starts a new database in it
        db = sqlite_utils.Database(temporary)
        try:
            # the file is renamed into place only once complete, and synced first: no need to sync each step
            db.execute("PRAGMA synchronous = OFF")
            counts = _fill(db, dataset)
            db.vacuum()
        finally:
            db.close()
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        # mkstemp makes the file private; give it the mode a plain open() would
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, folder / DB_FILE)
    except BaseException:
        for leftover in (temporary, temporary + "-journal"):
            Path(leftover).unlink(missing_ok=True)
        raise
    text = json.dumps(datasette_metadata(dataset, counts["statements"]), ensure_ascii=False, indent=2) + "\n"
    return [folder / DB_FILE, write_atomic(folder / METADATA_FILE, text)]
