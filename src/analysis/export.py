"""Take the data away: graph files for Gephi and networkx, tables with a Frictionless descriptor.

:func:`export` writes into a folder (SPEC part 2):

* ``graph.graphml``, ``graph.gexf`` and ``graph.json`` (networkx node-link,
  with ``subject`` and ``object`` as the edge ends), all of the graph of
  :func:`analysis.graph.build_graph`. They are written straight from the
  tables by :mod:`analysis.streaming`, without building the graph, byte
  for byte what networkx's writers make of it (:func:`graph_graphml`,
  :func:`graph_gexf`, :func:`graph_json`, kept as the reference and for
  tables that are not one row to one node or edge);
* the four tables as CSV and the source texts, so that the folder is itself
  a data package that ``analysis validate`` accepts;
* ``datapackage.json``: a Frictionless tabular data package descriptor with
  types, enumerations, patterns, primary and foreign keys;
* ``compliance.csv``: :func:`analysis.compliance.compliance_table` of every
  claim, ``stated`` and ``inferred``, each row marked in its ``reading``
  column (SPEC part 2), so that a reader chooses what to rest on;
* ``manifest.json`` (see below).

The export is lossless: every claim, whatever its ``reading``, is in the
graph and in ``claims.csv``, with every cell as the curator wrote it (an
empty ``reading`` stays empty; it means ``stated``).

Spreadsheet formulas
--------------------
A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is run as a formula by a spreadsheet that opens the CSV
(``=HYPERLINK(...)``, ``+cmd|...``: "CSV injection"). The policy, after
OWASP's guidance, depends on what a file is for:

* the tables of the export (``sources.csv``, ``entities.csv``,
  ``predicates.csv``, ``claims.csv``, ``compliance.csv``) are data, read
  back as a data package and checked by Frictionless: they stay lossless,
  every cell exactly as curated (:func:`frame_csv`). Open them in a
  spreadsheet only through its import dialog, with every column as text;
* files meant to be opened in a spreadsheet, the CSV of the numbers beside
  each figure, are written with :func:`spreadsheet_csv`: a text cell that
  starts with one of those characters gets a leading ``'`` (which a
  spreadsheet shows as a text marker), unless it is a plain number.

Output sets
-----------
:func:`export` and :func:`analysis.report.build_report` write through
:func:`output_set`. Everything is first built in a hidden temporary folder
inside the target (``OUT/.liaison-tmp-*``); only when all of it is written
are the files moved into ``OUT``, one rename each, and then
``manifest.json`` is written last. It lists the input package's hash, the
liaison version, and every file of the set with its sha256, sorted by path,
so a reader tells a complete set (the manifest is there and every hash
matches, :func:`verify_manifest`) from an interrupted one (no manifest, or a
hash that does not match). A run that fails or is interrupted while building
leaves the previous set in ``OUT`` untouched; its temporary folder is removed
then, or by the next run if the process was killed. Files of the previous
set that the new one no longer has are removed; other files in ``OUT`` are
left alone. Nothing inside ``OUT`` is followed: a symbolic link where an
output file or folder goes is replaced, never written through. A second run
into the same ``OUT`` while one is writing is refused, naming the lock file
``OUT/.liaison.lock``; a lock left by a killed run is taken over. Where the
output folder may be is :func:`analysis.paths.output_folder`.

Every single file is written to a temporary name and renamed into place
(:func:`write_atomic`, :func:`open_atomic`), and the same input gives the same bytes (the GEXF
writer's date of the day is left out).

Examples
--------
>>> import analysis, tempfile
>>> from analysis.toy import toy_dataset
>>> out = tempfile.mkdtemp()
>>> written = export(toy_dataset(), out)
>>> sorted(p.relative_to(out).as_posix() for p in written)  # doctest: +NORMALIZE_WHITESPACE
['claims.csv', 'compliance.csv', 'datapackage.json', 'entities.csv', 'entities.ftm.json',
 'graph.gexf', 'graph.graphml', 'graph.json', 'liaison.db', 'manifest.json', 'metadata.json',
 'predicates.csv', 'sources.bib', 'sources.csl.json', 'sources.csv', 'sources/daily-1.txt']
>>> analysis.load(out).counts == toy_dataset().counts
True
>>> verify_manifest(out)
[]
>>> import pandas as pd
>>> compliance = pd.read_csv(Path(out) / "compliance.csv", dtype=str)
>>> compliance[["subject", "claim_id", "reading"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['acme', 'acme-office-agreed', 'stated'],
 ['acme', 'acme-servers-not-done', 'stated'],
 ['bolt', 'bolt-office-agreed', 'stated'],
 ['bolt', 'bolt-office-reluctant', 'inferred']]
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path, PurePosixPath

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from .compliance import COMPLIANCE_COLUMNS, compliance_table
from .graph import gc_paused
from .paths import output_folder, shown
from .problems import Problem, UsageError
from .streaming import CSV_QUOTED, graph_tables, write_csv, write_gexf, write_graphml, write_node_link
from .vocabulary import DATE_FORMS, DATE_PATTERN, EVIDENCE_KINDS, READINGS, SLUG_PATTERN, STATUSES, TABLES

__all__ = [
    "export",
    "write_export",
    "output_set",
    "verify_manifest",
    "package_digest",
    "OutputBusy",
    "write_atomic",
    "write_graph_files",
    "open_atomic",
    "graph_json",
    "graph_gexf",
    "graph_graphml",
    "descriptor",
    "frame_csv",
    "spreadsheet_csv",
]

#: The file of an output set that lists every other file with its sha256.
MANIFEST = "manifest.json"
#: The lock a run holds on its output folder while it writes.
LOCK = ".liaison.lock"
#: Temporary folders of runs in progress (or killed) start with this.
STAGING_PREFIX = ".liaison-tmp-"


def write_atomic(path, data: bytes | str) -> Path:
    """Write `data` to `path` whole or not at all: a temporary file, then a rename.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_atomic(target, "hello").read_text()
    'hello'
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open_atomic(path) as stream:
        stream.write(data)
    return path


@contextlib.contextmanager
def open_atomic(path):
    """A binary stream to write `path` whole or not at all: a temporary file, renamed when the block ends.

    For a file written piece by piece (:mod:`analysis.streaming`); on an
    error in the block the temporary file is removed and `path` left as it was.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a.txt"
    >>> with open_atomic(target) as stream:
    ...     _ = stream.write(b"hel")
    ...     _ = stream.write(b"lo")
    >>> target.read_text()
    'hello'
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        # mkstemp makes the file private; give it the mode a plain open() would
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _csv_cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if any(c in text for c in CSV_QUOTED):
        return '"' + text.replace('"', '""') + '"'
    return text


def frame_csv(frame) -> str:
    """A DataFrame as RFC 4180 CSV text, missing values as empty cells.

    A cell is quoted when it holds a comma, a double quote or a line break.
    Not ``DataFrame.to_csv``: with lines ending in ``\\n`` the csv module
    leaves a lone carriage return unquoted, and a reader then ends the
    record there.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"id": ["a", "b"], "quote": ['a "b" c', None], "notes": ["x\\ry", "p, q"]})
    >>> print(frame_csv(frame).replace("\\r", "<CR>"), end="")
    id,quote,notes
    a,"a ""b"" c","x<CR>y"
    b,,"p, q"
    """
    cells = frame.astype(object).where(frame.notna(), None)
    lines = [",".join(_csv_cell(c) for c in frame.columns)]
    lines += [",".join(_csv_cell(v) for v in row) for row in cells.itertuples(index=False, name=None)]
    return "\n".join(lines) + "\n"


#: What a spreadsheet takes for the start of a formula (OWASP, "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def spreadsheet_cell(value):
    """`value` made safe to open in a spreadsheet: a leading ``'`` before a would-be formula.

    Only text is changed, and only when it starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return and is not a plain number.

    Examples
    --------
    >>> [spreadsheet_cell(v) for v in ["=1+1", "@SUM(A1)", "-3", "-3 cmd", "plain", 5, None]]
    ["'=1+1", "'@SUM(A1)", '-3', "'-3 cmd", 'plain', 5, None]
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_csv(frame) -> str:
    """A DataFrame as CSV meant for spreadsheets: :func:`frame_csv` with every would-be formula defused.

    For the CSV beside each figure, which a reader opens in a spreadsheet
    (see "Spreadsheet formulas" above); never for the tables of a data
    package, which stay lossless. Column names are treated like cells.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"entity": ['=HYPERLINK("http://x","y")', "Acme"], "n": [-1, 2]})
    >>> print(spreadsheet_csv(frame), end="")
    entity,n
    "'=HYPERLINK(""http://x"",""y"")",-1
    Acme,2
    """
    guarded = frame.astype(object).where(frame.notna(), None).map(spreadsheet_cell)
    guarded.columns = [spreadsheet_cell(str(c)) for c in frame.columns]
    return frame_csv(guarded)


def _xml_text(writer) -> str:
    """The document of a networkx GraphML or GEXF writer, every character of every value kept.

    Not ``nx.generate_graphml``/``generate_gexf``: they cut the document
    with ``str.splitlines()`` and join the lines with ``\\n``, which turns a
    carriage return inside a value into a line feed. A carriage return in
    element text (GraphML ``<data>``) would also be read back as a line
    feed, by XML end-of-line handling, so it is written as a character
    reference; ElementTree already does so inside attributes (GEXF values),
    and writes every non-ASCII character as one.
    """
    return str(writer).replace("\r", "&#13;").removesuffix("\n") + "\n"


def graph_graphml(G: nx.MultiDiGraph) -> str:
    """GraphML text of the graph.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="c1", quote="one\\r\\ntwo\\u2028three")
    'c1'
    >>> import io
    >>> H = nx.read_graphml(io.BytesIO(graph_graphml(G).encode()), force_multigraph=True)
    >>> H.edges["a", "b", "c1"]["quote"] == "one\\r\\ntwo\\u2028three"
    True
    """
    writer = GraphMLWriter()
    writer.add_graph_element(G)
    return _xml_text(writer)


def graph_gexf(G: nx.MultiDiGraph) -> str:
    """GEXF text of the graph, for Gephi.

    Nodes are labelled with their ``name`` (Gephi shows the label) and edges
    carry the claim id as their GEXF id; every attribute is also kept as a
    GEXF attribute. The writer's ``lastmodifieddate`` (the day it runs) is
    removed so that the file depends only on the data.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="Zoë")
    >>> G.add_edge("a", "b", key="c1", quote="one\\u2028two")
    'c1'
    >>> text = graph_gexf(G)
    >>> "lastmodifieddate" in text
    False
    >>> import io
    >>> H = nx.read_gexf(io.BytesIO(text.encode()))
    >>> H.nodes["a"]["label"], [d["quote"] for *_, d in H.edges(data=True)] == ["one\\u2028two"]
    ('Zoë', True)
    """
    H = nx.MultiDiGraph(G)
    for node, data in H.nodes(data=True):
        data["label"] = data.get("name", node)
    for _, _, key, data in H.edges(keys=True, data=True):
        data["id"] = key
    writer = GEXFWriter()
    writer.add_graph(H)
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    return _xml_text(writer)


def graph_json(G: nx.MultiDiGraph) -> str:
    """networkx node-link JSON with ``subject``/``object`` as edge ends (SPEC part 3)."""
    data = nx.node_link_data(G, source="subject", target="object", edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _pattern(regex: str) -> str:
    return regex.removeprefix("^").removesuffix("$")


#: What a column holds, for a reader of datapackage.json who has not read
#: the SPEC: the columns whose meaning a name and a type do not carry.
_DESCRIPTIONS = {
    ("sources", "text"): (
        "stored (the default when empty): the full text is in sources/<source_id>.txt and every claim "
        "from it quotes it; cited: the text is not ours to redistribute, no file is kept, and claims "
        "from it carry a paraphrase instead of a quote"
    ),
    ("claims", "quote"): (
        "verbatim span of the source text; required for a claim of a stored source, empty for a cited one"
    ),
    ("claims", "paraphrase"): (
        "for a claim of a cited source: what the source says, in the curator's own words, specific "
        "enough to find the passage"
    ),
    ("claims", "reading"): (
        "stated (the default when empty): the words say it, once names and pronouns are resolved; "
        "inferred: the curator's reading goes further, and notes says why"
    ),
    ("claims", "date"): (
        f"when the claimed thing happened, happens or is due, at the precision the source gives: {DATE_FORMS}"
    ),
    ("claims", "said_on"): f"when the statement was made: {DATE_FORMS}; empty means the source's published date",
    ("sources", "published"): f"ISO date at the precision the source gives: {DATE_FORMS}",
}


def _field(spec, column):
    field = {"name": column, "type": "string"}
    constraints = {}
    if column in spec.required:
        constraints["required"] = True
    if column == spec.key:
        constraints["unique"] = True
    if column in spec.slugs:
        constraints["pattern"] = _pattern(SLUG_PATTERN)
    if column in spec.dates:
        constraints["pattern"] = _pattern(DATE_PATTERN)
    enums = dict(spec.enums)
    if column in enums:
        constraints["enum"] = list(enums[column])
    description = _DESCRIPTIONS.get((spec.name, column))
    if description:
        field["description"] = description
    if constraints:
        field["constraints"] = constraints
    return field


#: The fields of compliance.csv (SPEC part 2): every cell is filled but the
#: claim's own ``date`` and ``inherited_from``.
_COMPLIANCE_FIELDS = {
    "status": {"enum": list(STATUSES)},
    "polarity": {"enum": ["+", "-"]},
    "date": {"pattern": _pattern(DATE_PATTERN)},
    "said_on": {"pattern": _pattern(DATE_PATTERN)},
    "reading": {"enum": list(READINGS)},
    "evidence": {"enum": list(EVIDENCE_KINDS)},
}
_COMPLIANCE_DESCRIPTIONS = {
    "said_on": f"when the statement was made ({DATE_FORMS}): the claim's said_on, else its source's published date",
    "reading": (
        "stated or inferred (see claims.reading), never empty: a reader resting on stated claims keeps the stated rows"
    ),
    "evidence": "quote: a verbatim quote of a stored source; cited: a paraphrase of a cited source",
    "inherited_from": (
        "the owner's entity_id when the claim was made about the owner (through a stated, done owns claim), else empty"
    ),
}


def _compliance_field(column):
    field = {"name": column, "type": "string"}
    if column in _COMPLIANCE_DESCRIPTIONS:
        field["description"] = _COMPLIANCE_DESCRIPTIONS[column]
    constraints = dict(_COMPLIANCE_FIELDS.get(column, {}))
    if column not in ("date", "inherited_from"):
        constraints["required"] = True
    field["constraints"] = constraints
    return field


_FOREIGN_KEYS = {
    "claims": [
        ("subject", "entities", "entity_id"),
        ("object", "entities", "entity_id"),
        ("said_by", "entities", "entity_id"),
        ("requirement", "entities", "entity_id"),
        ("predicate", "predicates", "predicate"),
        ("source", "sources", "source_id"),
    ],
    "compliance": [
        ("claim_id", "claims", "claim_id"),
        ("subject", "entities", "entity_id"),
        ("requirement", "entities", "entity_id"),
        ("said_by", "entities", "entity_id"),
        ("source", "sources", "source_id"),
        ("inherited_from", "entities", "entity_id"),
    ],
}


def _resource(name, fields, primary_key, description):
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": description,
        "schema": {
            "fields": fields,
            "primaryKey": primary_key,
            "foreignKeys": [
                {"fields": column, "reference": {"resource": target, "fields": key}}
                for column, target, key in _FOREIGN_KEYS.get(name, [])
            ],
            "missingValues": [""],
        },
    }


def descriptor(dataset) -> dict:
    """The Frictionless descriptor of the exported tables.

    Every column of each table is a field, extra ones too; enumerations,
    patterns and descriptions come from :data:`analysis.vocabulary.TABLES`.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> package = descriptor(toy_dataset())
    >>> [r["name"] for r in package["resources"]]
    ['sources', 'entities', 'predicates', 'claims', 'compliance']
    >>> claims = {f["name"]: f for f in package["resources"][3]["schema"]["fields"]}
    >>> claims["reading"]["constraints"], claims["said_on"]["constraints"]["pattern"]
    ({'enum': ['stated', 'inferred']}, '[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-W[0-9]{2})?')
    """
    resources = []
    for name, spec in TABLES.items():
        frame = getattr(dataset, name)
        fields = [_field(spec, column) for column in frame.columns]
        resources.append(_resource(name, fields, [spec.key], f"SPEC part 1, {spec.file}"))
    resources.append(
        _resource(
            "compliance",
            [_compliance_field(c) for c in COMPLIANCE_COLUMNS],
            ["subject", "claim_id"],
            "One row per claim bearing on a requirement, stated and inferred (see reading), with rows "
            "inherited through ownership (SPEC part 2)",
        )
    )
    name = shown(dataset.path.name)
    slug = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-") or "data"
    return {
        "profile": "tabular-data-package",
        "name": slug,
        "title": f"liaison data package: {name}",
        "resources": resources,
    }


def export(dataset, out) -> list[Path]:
    """Write every export of `dataset` into the folder `out`; return the paths written.

    The folder is created if needed. It must not be, or lie inside, the
    data package (:func:`analysis.paths.output_folder`). The set is built
    aside and moved in whole, with ``manifest.json`` last (see "Output
    sets" above); files already there with other names are left alone.
    Every claim is exported, ``inferred`` ones too: the graph and
    ``claims.csv`` as curated, ``compliance.csv`` with each row's
    ``reading`` filled in.

    Raises
    ------
    UsageError
        If `out` may not be written into (:func:`analysis.paths.output_folder`).
    OutputBusy
        If another run is writing into `out`.
    """
    with output_set(out, dataset) as staging:
        write_export(dataset, staging)
    return staging.written


def write_export(dataset, folder) -> list[Path]:
    """Write every export of `dataset` into `folder` as it is, with no output set around it.

    For a caller that builds a larger output set (:func:`analysis.report.build_report`);
    anyone else calls :func:`export`.
    """
    folder = Path(folder)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    written = write_graph_files(dataset, folder)
    for name in TABLES:
        written.append(_write_stream(folder / f"{name}.csv", write_csv, getattr(dataset, name)))
    for source_id, text in sorted(dataset.texts.items()):
        written.append(write_atomic(folder / "sources" / f"{source_id}.txt", text))
    compliance = compliance_table(dataset, include_inferred=True)
    written.append(_write_stream(folder / "compliance.csv", write_csv, compliance))
    package = json.dumps(descriptor(dataset), ensure_ascii=False, indent=2) + "\n"
    written.append(write_atomic(folder / "datapackage.json", package))
    written += write_field_formats(dataset, folder)
    return written


def write_graph_files(dataset, folder) -> list[Path]:
    """Write ``graph.graphml``, ``graph.gexf`` and ``graph.json`` of `dataset` into `folder`.

    Straight from the tables (:mod:`analysis.streaming`), in the memory the
    loaded tables take; through the networkx graph and writers only for
    tables :func:`analysis.streaming.graph_tables` does not take, with the
    same bytes either way.
    """
    folder = Path(folder)
    tables = graph_tables(dataset)
    if tables is not None:
        return [
            _write_stream(folder / "graph.graphml", write_graphml, tables),
            _write_stream(folder / "graph.gexf", write_gexf, tables),
            _write_stream(folder / "graph.json", write_node_link, tables),
        ]
    G = dataset.graph()
    # the XML writers build a tree of millions of elements, none in a
    # reference cycle: the cyclic collector would only walk them again and again
    with gc_paused():
        return [
            write_atomic(folder / "graph.graphml", graph_graphml(G)),
            write_atomic(folder / "graph.gexf", graph_gexf(G)),
            write_atomic(folder / "graph.json", graph_json(G)),
        ]


def _write_stream(path: Path, write, what) -> Path:
    with open_atomic(path) as stream:
        write(what, stream)
    return path


def write_field_formats(dataset, folder) -> list[Path]:
    """The formats other tools of the field read, each through its own library.

    ``entities.ftm.json`` (FollowTheMoney, for Aleph: :mod:`analysis.ftm`),
    ``liaison.db`` and ``metadata.json`` (SQLite with full-text search, for
    Datasette: :mod:`analysis.sqlitedb`), ``sources.bib`` and
    ``sources.csl.json`` (citations for reference managers:
    :mod:`analysis.citations`). They need the optional extra ``exports``;
    without it they are not written, and a note on standard error says so
    and how to install it.
    """
    import sys

    from .citations import write_citations
    from .ftm import write_ftm
    from .sqlitedb import write_sqlite

    written, missing = [], []
    for write in (write_ftm, write_sqlite, write_citations):
        try:
            written += write(dataset, folder)
        except ModuleNotFoundError as error:
            missing.append(str(error))
    for message in dict.fromkeys(missing):
        print(f"note: not written: {message}", file=sys.stderr)
    return written


# ---------------------------------------------------------------------------
# output sets


class OutputBusy(UsageError):
    """Another run is writing into the same output folder; names its lock."""


class _Staging(type(Path())):
    """The temporary folder of an output set; after it is published, ``written`` lists the files in place."""

    written: list[Path]


def package_digest(folder, source_ids=None) -> dict:
    """The sha256 that identifies a data package: of its files' sha256, one line each, sorted by path.

    The files are the four tables, ``sources/<source_id>.txt`` of each of
    `source_ids` (by default every ``.txt`` in ``sources/``) and
    ``datapackage.json`` when there is one. The lines are what
    ``sha256sum`` prints (``<sha256>  <path>``), so that
    ``sha256sum FILES | LC_ALL=C sort -k 2 | sha256sum`` gives the same
    digest.

    Returns
    -------
    dict
        ``sha256`` (hex) and ``files`` (how many files it covers).

    Examples
    --------
    >>> from analysis.toy import write_toy
    >>> import tempfile
    >>> package_digest(write_toy(tempfile.mkdtemp()))["files"]
    5
    """
    from .csvfile import read_bytes

    folder = Path(folder)
    if source_ids is None:
        source_ids = sorted(p.stem for p in (folder / "sources").glob("*.txt")) if (folder / "sources").is_dir() else []
    rels = [spec.file for spec in TABLES.values()] + [f"sources/{s}.txt" for s in source_ids]
    if os.path.lexists(folder / "datapackage.json"):
        rels.append("datapackage.json")
    lines = []
    for rel in sorted(rels):
        raw, _ = read_bytes(folder / rel, rel)
        if raw is not None:
            lines.append(f"{hashlib.sha256(raw).hexdigest()}  {rel}\n")
    return {"sha256": hashlib.sha256("".join(lines).encode("utf-8")).hexdigest(), "files": len(lines)}


def _version() -> str:
    from . import __version__

    return __version__


@contextlib.contextmanager
def output_set(out, dataset=None):
    """Build a set of output files aside, then move it into `out` whole, with ``manifest.json`` last.

    Yields the temporary folder to write into (inside `out`, so that every
    move is a rename on one file system). When the block ends without an
    error, its files are moved into `out` and ``manifest.json`` is written;
    on any error, `out` is left as it was and the temporary folder removed.
    See "Output sets" above.

    Parameters
    ----------
    out : path-like
        The output folder; created if need be.
    dataset : Dataset, optional
        The input: its folder must not contain `out`, and the manifest
        records its :func:`package_digest`.

    Raises
    ------
    UsageError
        If `out` may not be written into.
    OutputBusy
        If another run holds the lock on `out`.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> with output_set(out) as staging:
    ...     _ = write_atomic(staging / "a.txt", "one")
    >>> sorted(p.name for p in out.iterdir())
    ['a.txt', 'manifest.json']
    """
    data = None if dataset is None else dataset.path
    out = output_folder(out, data)
    created = not os.path.lexists(out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        lock = _lock(out)
    except BaseException:
        _remove_if_empty(out, created)
        raise
    succeeded = False
    try:
        _remove_stale(out)
        inputs = None if dataset is None else package_digest(dataset.path, sorted(dataset.texts))
        staging = _Staging(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        try:
            yield staging
            staging.written = _publish(staging, out, inputs)
            succeeded = True
        finally:
            _remove_tree(staging)
    finally:
        _unlock(*lock)
        if not succeeded:
            _remove_if_empty(out, created)


def _remove_if_empty(out: Path, created: bool) -> None:
    if created:
        with contextlib.suppress(OSError):
            out.rmdir()


def _lock(out: Path):
    """Hold an exclusive lock on `out`; raise :class:`OutputBusy` naming it if another run holds it."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; runs are not guarded against each other
        return None, None
    path = out / LOCK
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(10):
        try:
            descriptor = os.open(path, flags, 0o644)
        except OSError:
            # a symbolic link (or anything but a plain file) where the lock goes: ours to replace
            _unlink_entry(path)
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(descriptor, 64).decode("ascii", "replace").strip()
            os.close(descriptor)
            who = f"process {holder}" if holder.isdigit() else "another process"
            raise OutputBusy(
                f"another liaison run ({who}) is writing into {shown(out)}: it holds the lock {shown(path)}; "
                "wait for it to finish, or choose another --out"
            ) from None
        # the run before may have removed the file between our open and our lock
        try:
            same = os.path.samestat(os.fstat(descriptor), os.lstat(path))
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(descriptor, 0)
            os.write(descriptor, f"{os.getpid()}\n".encode("ascii"))
            return descriptor, path
        os.close(descriptor)
    raise OutputBusy(f"could not take the lock {shown(path)}: other runs keep replacing it")


def _unlock(descriptor, path) -> None:
    if descriptor is None:
        return
    try:
        # removed while still held, so that no other run can lock the old file after us
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    finally:
        os.close(descriptor)


def _unlink_entry(path: Path) -> None:
    """Remove whatever is at `path` without following it: a file, a link, or a whole folder."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def _remove_tree(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        _unlink_entry(path)


def _remove_stale(out: Path) -> None:
    """Temporary folders of runs that were killed (we hold the lock: no run is in progress)."""
    for entry in os.scandir(out):
        if entry.name.startswith(STAGING_PREFIX):
            _remove_tree(Path(entry.path))


def _staged_files(staging: Path) -> list[str]:
    rels = []
    for folder, dirs, files in os.walk(staging):
        for name in dirs + files:
            path = Path(folder) / name
            if path.is_symlink():
                raise OSError(f"refusing to publish a symbolic link: {shown(path.relative_to(staging))}")
        rels += [(Path(folder) / name).relative_to(staging).as_posix() for name in files]
    return sorted(rels)


def _sha256(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _safe_rel(rel) -> str | None:
    """`rel` if it is a plain relative path inside a folder (as a manifest may list), else None."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\x00" in rel:
        return None
    parts = PurePosixPath(rel).parts
    if PurePosixPath(rel).is_absolute() or any(p in ("", ".", "..") for p in parts):
        return None
    if rel in (MANIFEST, LOCK) or parts[0].startswith(STAGING_PREFIX):
        return None
    return rel


def _listed(out: Path) -> list[str]:
    """The files the manifest of the set now in `out` lists; none if there is no readable one."""
    path = out / MANIFEST
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return []
        entries = json.loads(path.read_text(encoding="utf-8"))["files"]
        return [rel for rel in (_safe_rel(e.get("path")) for e in entries) if rel]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def _real_folder(out: Path, rel: str) -> Path:
    """The folder of `rel` inside `out`, each level a real folder: a link or file in the way is replaced."""
    folder = out
    for part in PurePosixPath(rel).parts[:-1]:
        folder = folder / part
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            folder.mkdir()
            continue
        if not stat.S_ISDIR(info.st_mode):  # a symbolic link, even to a folder, or a file
            os.unlink(folder)
            folder.mkdir()
    return folder


def _inside_without_links(out: Path, rel: str) -> bool:
    folder = out
    for part in PurePosixPath(rel).parts[:-1]:
        folder = folder / part
        try:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return False
        except FileNotFoundError:
            return False
    return True


def _publish(staging: Path, out: Path, inputs) -> list[Path]:
    rels = _staged_files(staging)
    for rel in rels:
        target = out / rel
        if os.path.isdir(target) and not os.path.islink(target):
            raise UsageError(
                f"{shown(target)} is a folder where liaison writes a file: remove it, or choose another --out"
            )
    files = []
    for rel in rels:
        sha256, size = _sha256(staging / rel)
        files.append({"path": rel, "sha256": sha256, "bytes": size})
    manifest = {"liaison": _version(), "input": inputs, "files": files}
    before = _listed(out)
    # from here until the new manifest is written, the set in `out` is in flux
    _remove_tree(out / MANIFEST)
    written = []
    for rel in rels:
        folder = _real_folder(out, rel)
        # a rename replaces a symbolic link at the target, never writes through it
        os.replace(staging / rel, folder / PurePosixPath(rel).name)
        written.append(out / rel)
    for rel in sorted(set(before) - set(rels)):
        if _inside_without_links(out, rel):
            path = out / rel
            with contextlib.suppress(FileNotFoundError):
                if not stat.S_ISDIR(os.lstat(path).st_mode):
                    os.unlink(path)
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    written.append(write_atomic(out / MANIFEST, text))
    return written


def verify_manifest(folder) -> list[Problem]:
    """What differs between an output set and its ``manifest.json``: empty for a complete, untouched set.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> with output_set(out) as staging:
    ...     _ = write_atomic(staging / "a.txt", "one")
    >>> _ = (out / "a.txt").write_text("two")
    >>> [str(p) for p in verify_manifest(out)]
    ['a.txt: differs from manifest.json (sha256): changed after it was written, or the set is incomplete']
    """
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        entries = manifest["files"]
    except FileNotFoundError:
        message = "not found: the output set is incomplete (interrupted?) or not liaison's"
        return [Problem(MANIFEST, None, None, message)]
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [Problem(MANIFEST, None, None, f"cannot be read: {error}")]
    problems = []
    for entry in entries:
        rel = _safe_rel(entry.get("path")) if isinstance(entry, dict) else None
        if rel is None:
            problems.append(Problem(MANIFEST, None, None, f"lists a path outside the folder: {entry!r}"))
            continue
        path = folder / rel
        if not path.is_file() or path.is_symlink():
            problems.append(Problem(rel, None, None, "listed in manifest.json but missing"))
        elif _sha256(path)[0] != entry.get("sha256"):
            message = "differs from manifest.json (sha256): changed after it was written, or the set is incomplete"
            problems.append(Problem(rel, None, None, message))
    return problems
