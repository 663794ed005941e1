"""Take the data away: graph files for Gephi and networkx, tables with a Frictionless descriptor.

:func:`export` writes into a folder (SPEC part 2):

* ``graph.graphml``, ``graph.gexf`` and ``graph.json`` (networkx node-link,
  with ``subject`` and ``object`` as the edge ends), all of the graph of
  :func:`analysis.graph.build_graph`;
* the four tables as CSV and the source texts, so that the folder is itself
  a data package that ``analysis validate`` accepts;
* ``datapackage.json``: a Frictionless tabular data package descriptor with
  types, enumerations, patterns, primary and foreign keys;
* ``compliance.csv``: :func:`analysis.compliance.compliance_table` of every
  claim, ``stated`` and ``inferred``, each row marked in its ``reading``
  column (SPEC part 2), so that a reader chooses what to rest on.

The export is lossless: every claim, whatever its ``reading``, is in the
graph and in ``claims.csv``, with every cell as the curator wrote it (an
empty ``reading`` stays empty; it means ``stated``).

Every file is written to a temporary name and renamed into place, so a
reader never sees half a file, and the same input gives the same bytes (the
GEXF writer's date of the day is left out).

Examples
--------
>>> import analysis, tempfile
>>> from analysis.toy import toy_dataset
>>> out = tempfile.mkdtemp()
>>> written = export(toy_dataset(), out)
>>> sorted(p.relative_to(out).as_posix() for p in written)  # doctest: +NORMALIZE_WHITESPACE
['claims.csv', 'compliance.csv', 'datapackage.json', 'entities.csv',
 'graph.gexf', 'graph.graphml', 'graph.json', 'predicates.csv', 'sources.csv',
 'sources/daily-1.txt']
>>> analysis.load(out).counts == toy_dataset().counts
True
>>> import pandas as pd
>>> compliance = pd.read_csv(Path(out) / "compliance.csv", dtype=str)
>>> compliance[["subject", "claim_id", "reading"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['acme', 'acme-office-agreed', 'stated'],
 ['acme', 'acme-servers-not-done', 'stated'],
 ['bolt', 'bolt-office-agreed', 'stated'],
 ['bolt', 'bolt-office-reluctant', 'inferred']]
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from .compliance import COMPLIANCE_COLUMNS, compliance_table
from .graph import gc_paused
from .vocabulary import DATE_FORMS, DATE_PATTERN, EVIDENCE_KINDS, READINGS, SLUG_PATTERN, STATUSES, TABLES

__all__ = ["export", "write_atomic", "graph_json", "graph_gexf", "graph_graphml", "descriptor", "frame_csv"]


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
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private; give it the mode a plain open() would
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _csv_cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if any(c in text for c in ',"\r\n'):
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
    slug = re.sub(r"[^a-z0-9._-]+", "-", dataset.path.name.lower()).strip("-") or "data"
    return {
        "profile": "tabular-data-package",
        "name": slug,
        "title": f"liaison data package: {dataset.path.name}",
        "resources": resources,
    }


def export(dataset, out) -> list[Path]:
    """Write every export of `dataset` into the folder `out`; return the paths written.

    The folder is created if needed. Files already there with other names
    are left alone. Every claim is exported, ``inferred`` ones too: the
    graph and ``claims.csv`` as curated, ``compliance.csv`` with each row's
    ``reading`` filled in.
    """
    out = Path(out)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    G = dataset.graph()
    # the XML writers build a tree of millions of elements, none in a
    # reference cycle: the cyclic collector would only walk them again and again
    with gc_paused():
        written = [
            write_atomic(out / "graph.graphml", graph_graphml(G)),
            write_atomic(out / "graph.gexf", graph_gexf(G)),
            write_atomic(out / "graph.json", graph_json(G)),
        ]
    for name in TABLES:
        written.append(write_atomic(out / f"{name}.csv", frame_csv(getattr(dataset, name))))
    for source_id, text in sorted(dataset.texts.items()):
        written.append(write_atomic(out / "sources" / f"{source_id}.txt", text))
    compliance = compliance_table(dataset, include_inferred=True)
    written.append(write_atomic(out / "compliance.csv", frame_csv(compliance)))
    package = json.dumps(descriptor(dataset), ensure_ascii=False, indent=2) + "\n"
    written.append(write_atomic(out / "datapackage.json", package))
    return written
