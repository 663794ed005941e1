"""Load a data package into a :class:`Dataset`: four typed tables and the source texts.

:func:`load` reads and validates every file of the package (SPEC part 1),
collects every problem it finds, and either raises them together in one
:class:`~analysis.problems.DataValidationError` or returns a Dataset whose
tables are pandas DataFrames with deliberate dtypes:

* ids, names, quotes and other text: nullable strings (``string[pyarrow]``),
  an empty cell being ``<NA>``;
* enumerations (``kind``, ``type``, ``status``): categoricals whose
  categories are the full vocabulary of :mod:`analysis.vocabulary`;
* dates (``published``, ``date``): kept as the ISO text the curator wrote,
  so that ``2021`` keeps its year precision; :func:`analysis.timeline.date_span`
  turns them into start, end and precision.

Unknown extra columns are kept, as nullable strings.

Examples
--------
>>> from analysis.toy import toy_dataset
>>> dataset = toy_dataset()
>>> dataset.claims["status"].dtype
CategoricalDtype(categories=['done', 'agreed', 'planned', 'expected', 'reluctant',
                  'declined', 'not_done'],
, ordered=False, categories_dtype=str)
>>> dataset.entities.set_index("entity_id").loc["acme", "type"]
'platform'
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import paths
from .csvfile import CsvTable, read_csv
from .problems import DataPackageNotFound, DataValidationError, Problem
from .validation import (
    check_descriptor,
    check_evidence,
    check_quotes,
    check_references,
    check_table,
    check_types,
    read_texts,
    short_quotes,
    unused_entities,
)
from .vocabulary import GROUP_TYPE, STATED, TABLES

__all__ = ["Dataset", "load", "validate"]

STRING = pd.StringDtype("pyarrow")


@dataclass
class Dataset:
    """A validated data package.

    Attributes
    ----------
    sources, entities, predicates, claims : pandas.DataFrame
        The four tables, one row per record, in file order.
    texts : dict of str to str
        The full text of each source, by ``source_id``.
    path : pathlib.Path
        The folder it was loaded from.
    warnings : tuple of Problem
        What validation found worth a look that does not make the package
        invalid (a quote too short to support a claim, an entity no claim
        uses), in file and line order; empty by default.
    """

    sources: pd.DataFrame
    entities: pd.DataFrame
    predicates: pd.DataFrame
    claims: pd.DataFrame
    texts: dict[str, str]
    path: Path
    warnings: tuple = ()
    _graph: object = field(default=None, repr=False, compare=False)
    _stated: object = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        return (
            f"<Dataset {self.path}: {len(self.sources)} sources, {len(self.entities)} entities, "
            f"{len(self.predicates)} predicates, {len(self.claims)} claims>"
        )

    @property
    def counts(self) -> dict[str, int]:
        """Number of records in each table.

        Examples
        --------
        >>> from analysis.toy import toy_dataset
        >>> sorted(toy_dataset().counts)
        ['claims', 'entities', 'predicates', 'sources']
        """
        return {name: len(getattr(self, name)) for name in TABLES}

    def entity(self, entity_id: str) -> pd.Series:
        """The row of `entity_id` in ``entities``; a clear KeyError if there is none.

        Examples
        --------
        >>> from analysis.toy import toy_dataset
        >>> toy_dataset().entity("minister")["name"]
        'Ana Ruiz'
        """
        rows = self.entities.index[self.entities["entity_id"] == entity_id]
        if len(rows) == 0:
            raise KeyError(f"no entity {entity_id!r} in {self.path / 'entities.csv'}")
        return self.entities.loc[rows[0]]

    def as_of(self, date) -> "Dataset":
        """The dataset as it could be known on `date`: only statements made by then.

        A statement is made on its claim's ``said_on``, else on its source's
        ``published`` date, and is kept when the whole span that date covers
        (a day, an ISO week, a month, a year) ends on or before `date`.
        Sources, entities and predicates are kept whole.

        Parameters
        ----------
        date : str or date-like
            ``YYYY-MM-DD``, or a coarser ISO date, taken at its last day.

        Examples
        --------
        >>> from analysis.toy import toy_dataset
        >>> toy_dataset().as_of("2022-12-09").claims["claim_id"].tolist()
        ['acme-office-agreed', 'bolt-office-agreed']
        >>> len(toy_dataset().as_of("2022-12").claims)
        5
        """
        from .statements import said_on
        from .timeline import date_span

        cutoff = date_span(pd.Series([str(date)]))["end"].iloc[0]
        if pd.isna(cutoff):
            raise ValueError(f"not a date: {date!r}")
        known = (date_span(said_on(self))["end"] <= cutoff).to_numpy(dtype=bool)
        return Dataset(
            sources=self.sources,
            entities=self.entities,
            predicates=self.predicates,
            claims=self.claims[known].reset_index(drop=True),
            texts=self.texts,
            path=self.path,
            warnings=self.warnings,
        )

    def names(self) -> pd.Series:
        """Each entity's name for a reader, by ``entity_id``; a group says it is one.

        Examples
        --------
        >>> from analysis.toy import toy_dataset
        >>> toy_dataset().names()[["minister", "rules"]].tolist()
        ['Ana Ruiz', 'Online Rules']
        """
        entities = self.entities.drop_duplicates("entity_id").set_index("entity_id")
        group = entities["type"].astype("string").eq(GROUP_TYPE)
        return entities["name"].where(~group, entities["name"] + " (as a group)")

    def check_entity(self, entity_id: str) -> str:
        """Return `entity_id` if it exists, else raise a KeyError naming it."""
        self.entity(entity_id)
        return entity_id

    def select(self, include_inferred: bool = False) -> "Dataset":
        """The dataset an analysis works on: stated claims only, unless `include_inferred`.

        A claim whose ``reading`` is ``inferred`` goes beyond its words
        (SPEC part 1); findings and analyses leave it out by default. The
        selection is made once and kept.

        Parameters
        ----------
        include_inferred : bool, default False
            Keep inferred claims too (the dataset itself is returned).

        Returns
        -------
        Dataset
            Same sources, entities, predicates and texts; the claims
            filtered, in file order, re-indexed from 0.
        """
        if include_inferred:
            return self
        if self._stated is None:
            stated = self.claims["reading"].fillna(STATED).eq(STATED).to_numpy(dtype=bool)
            if stated.all():
                self._stated = self
            else:
                claims = self.claims[stated].reset_index(drop=True)
                self._stated = Dataset(
                    sources=self.sources,
                    entities=self.entities,
                    predicates=self.predicates,
                    claims=claims,
                    texts=self.texts,
                    path=self.path,
                    warnings=self.warnings,
                )
        return self._stated

    def graph(self):
        """The claims as a ``networkx.MultiDiGraph`` (SPEC part 3), built once.

        See :func:`analysis.graph.build_graph`.
        """
        if self._graph is None:
            from .graph import build_graph

            self._graph = build_graph(self)
        return self._graph


def _resolve(path) -> Path:
    folder = Path(paths.DATA_DIR if path is None else path)
    if not folder.is_dir():
        raise DataPackageNotFound(f"data package folder not found: {folder}")
    return folder


def _read_all(
    folder: Path, reference: bool = False, frames: bool = False
) -> tuple[dict[str, CsvTable | None], dict[str, str], list[Problem], dict[str, pd.DataFrame] | None]:
    """Read every file and check every rule.

    The quote check is a loop in Python over the claims, and most of the
    other checks are Arrow kernels that let go of the interpreter while
    they run: the texts are read and the quotes checked on a second thread
    while the rest is read and checked (and, with `frames`, the typed
    tables built, in case nothing is wrong), so that the two overlap on a
    machine with more than one core. What is found does not depend on it:
    the problems are sorted by file, line and column before anyone sees
    them.

    Returns
    -------
    tables, texts, problems
        Every table as read (None if it could not be), the source texts,
        everything found (errors and warnings).
    frames : dict or None
        With `frames`, the typed tables (:func:`_frame`) when no error was
        found apart from the quotes'; otherwise None.
    """
    tables, problems, incomplete = {}, [], set()

    def read(name):
        spec = TABLES[name]
        table, found = read_csv(folder / spec.file, spec.file, reference=reference)
        problems.extend(found)
        if found and table is not None:  # records left out as malformed
            incomplete.add(name)
        tables[name] = table

    read("sources")
    with ThreadPoolExecutor(max_workers=1) as pool:
        # one worker: the texts, then the quotes
        texts = pool.submit(read_texts, folder, tables["sources"], reference=reference)
        read("claims")
        quotes = pool.submit(lambda: check_quotes(tables["claims"], texts.result()[0], reference=reference))
        read("entities")
        read("predicates")
        for name, spec in TABLES.items():
            if tables[name] is not None:
                problems += check_table(spec, tables[name], reference=reference)
        problems += check_references(tables, incomplete)
        problems += check_types(tables)
        problems += check_evidence(tables)
        problems += check_descriptor(folder)
        problems += short_quotes(tables["claims"], reference=reference)
        problems += unused_entities(tables, incomplete)
        problems += texts.result()[1]
        built = None
        if frames and not any(not p.is_warning for p in problems):
            built = {name: _frame(table, name, reference) for name, table in tables.items()}
        problems += quotes.result()
    return {name: tables[name] for name in TABLES}, texts.result()[0], problems, built


_FILE_ORDER = {spec.file: rank for rank, spec in enumerate(TABLES.values())}


def _order(problem: Problem):
    spec = TABLES.get(problem.path.removesuffix(".csv"))
    columns = spec.columns if spec else ()
    column_rank = columns.index(problem.column) if problem.column in columns else len(columns)
    return (
        _FILE_ORDER.get(problem.path, len(_FILE_ORDER)),
        problem.path,
        problem.line or 0,
        column_rank,
        problem.column or "",
        problem.message,
    )


def _empty_as_missing(cells: pa.ChunkedArray) -> pa.ChunkedArray:
    """`cells` with every empty string missing (null), sharing their characters rather than copying them.

    An empty cell takes no bytes, so marking it missing needs only a new
    validity bitmap over the same offsets and characters: at a million
    claims the typed tables cost no second copy of the text.

    Examples
    --------
    >>> _empty_as_missing(pa.chunked_array([["a", "", "b"]])).to_pylist()
    ['a', None, 'b']
    """
    chunks = []
    for chunk in cells.chunks:
        present = pc.and_(pc.fill_null(pc.not_equal(chunk, ""), False), pc.is_valid(chunk))
        if chunk.offset or present.offset or chunk.type != pa.string():
            # a slice or another type: the plain way
            chunks.append(pc.if_else(present, chunk, pa.scalar(None, chunk.type)))
            continue
        _, offsets, characters = chunk.buffers()
        chunks.append(pa.Array.from_buffers(pa.string(), len(chunk), [present.buffers()[1], offsets, characters]))
    return pa.chunked_array(chunks, type=cells.type)


def _frame(table: CsvTable, name: str, reference: bool = False) -> pd.DataFrame:
    """Typed DataFrame of a table that passed validation."""
    spec = TABLES[name]
    enums = dict(spec.enums)
    columns = {}
    for column in table.columns:
        cells = _empty_as_missing(table.column(column))
        if column in enums and reference:
            columns[column] = pd.Categorical(
                cells.to_numpy(zero_copy_only=False), categories=list(enums[column])
            )
        elif column in enums:
            # codes straight from Arrow, no Python string per cell; an
            # empty cell (null here) is found nowhere: code -1, missing
            codes = pc.fill_null(pc.index_in(cells, value_set=pa.array(enums[column], pa.string())), -1)
            columns[column] = pd.Categorical.from_codes(
                np.asarray(codes.to_numpy(zero_copy_only=False), dtype=np.int64), categories=list(enums[column])
            )
        else:
            columns[column] = pd.array(cells, dtype=STRING)
    # an optional column the curator left out is there, all missing, so that
    # every analysis can rely on the SPEC's columns
    for column in spec.optional:
        if column in columns:
            continue
        if column in enums:
            columns[column] = pd.Categorical([None] * len(table), categories=list(enums[column]))
        else:
            columns[column] = pd.array([pd.NA] * len(table), dtype=STRING)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(table)))


def load(path=None, *, reference: bool = False) -> Dataset:
    """Read and validate a data package.

    Parameters
    ----------
    path : str or path-like, optional
        The data package folder; the bundled ``data/`` by default.
    reference : bool, default False
        Check and build everything the plain, slower way the rules are
        stated, without the shortcuts that make a large package quick: the
        same problems and the same tables, kept as the tests' oracle.

    Returns
    -------
    Dataset

    Raises
    ------
    DataPackageNotFound
        If `path` is not a folder.
    DataValidationError
        If anything in the package breaks SPEC part 1; its ``problems``
        lists every problem, each with file, line, column and message, and
        its ``warnings`` what else was found worth a look.

    Warnings never make loading fail: a sound package with warnings loads,
    and they are in :attr:`Dataset.warnings`.

    Examples
    --------
    >>> from analysis.toy import write_toy
    >>> import tempfile
    >>> load(write_toy(tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    <Dataset ...: 1 sources, 9 entities, 3 predicates, 5 claims>
    """
    folder = _resolve(path)
    _, texts, found, frames = _read_all(folder, reference, frames=True)
    found = sorted(found, key=_order)
    problems = [p for p in found if not p.is_warning]
    warnings = tuple(p for p in found if p.is_warning)
    if problems:
        raise DataValidationError(problems, warnings)
    dataset = Dataset(texts=texts, path=folder, warnings=warnings, **frames)
    # Reading a large package leaves Arrow's allocator holding memory it no
    # longer uses (about a third of the process at a million claims); give
    # it back, so that what runs next (an export, the findings) starts
    # from what the tables hold.
    pa.default_memory_pool().release_unused()
    return dataset


def validate(path=None, *, warnings: bool = False, reference: bool = False) -> list[Problem]:
    """Every problem in a data package, in file and line order; empty if it is sound.

    Parameters
    ----------
    path : str or path-like, optional
        The data package folder; the bundled ``data/`` by default.
    warnings : bool, default False
        Include the warnings too (``problem.is_warning``), in order among
        the errors; they do not make the package unsound.
    reference : bool, default False
        As for :func:`load`: the plain, slower way, the same problems.

    Examples
    --------
    >>> from analysis.toy import write_toy
    >>> import tempfile
    >>> validate(write_toy(tempfile.mkdtemp()))
    []
    """
    folder = _resolve(path)
    found = sorted(_read_all(folder, reference)[2], key=_order)
    return found if warnings else [p for p in found if not p.is_warning]
