"""Take the data away: graph files for Gephi and networkx, tables with a Frictionless descriptor.

:func:`export` writes into a folder (SPEC part 2):

* ``graph.graphml``, ``graph.gexf`` and ``graph.json`` (networkx node-link,
  with ``subject`` and ``object`` as the edge ends), all of the graph of
  :func:`analysis.graph.build_graph`;
* the four tables as CSV and the source texts, so that the folder is itself
  a data package that ``analysis validate`` accepts;
* ``datapackage.json``: a Frictionless tabular data package descriptor with
  types, enumerations, patterns, primary and foreign keys;
* ``compliance.csv``: :func:`analysis.compliance.compliance_table`.

Every file is written to a temporary name and renamed into place, so a
reader never sees half a file, and the same input gives the same bytes (the
GEXF writer's date of the day is left out).

Examples
--------
>>> import analysis, tempfile
>>> out = tempfile.mkdtemp()
>>> written = export(analysis.load(), out)
>>> sorted(p.relative_to(out).as_posix() for p in written)  # doctest: +NORMALIZE_WHITESPACE
['claims.csv', 'compliance.csv', 'datapackage.json', 'entities.csv',
 'graph.gexf', 'graph.graphml', 'graph.json', 'predicates.csv', 'sources.csv',
 'sources/dawn-2022-12-10-google-liaison-office.txt']
>>> analysis.load(out).counts == analysis.load().counts
True
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
from .vocabulary import DATE_PATTERN, SLUG_PATTERN, TABLES

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
        field["description"] = "ISO date at the precision the source gives: YYYY-MM-DD, YYYY-MM or YYYY"
    enums = dict(spec.enums)
    if column in enums:
        constraints["enum"] = list(enums[column])
    if constraints:
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

    Examples
    --------
    >>> import analysis
    >>> package = descriptor(analysis.load())
    >>> [r["name"] for r in package["resources"]]
    ['sources', 'entities', 'predicates', 'claims', 'compliance']
    """
    resources = []
    for name, spec in TABLES.items():
        frame = getattr(dataset, name)
        fields = [_field(spec, column) for column in frame.columns]
        resources.append(_resource(name, fields, [spec.key], f"SPEC part 1, {spec.file}"))
    compliance_fields = [{"name": c, "type": "string"} for c in COMPLIANCE_COLUMNS]
    for field in compliance_fields:
        if field["name"] == "polarity":
            field["constraints"] = {"enum": ["+", "-"], "required": True}
        elif field["name"] not in ("date", "inherited_from"):
            field["constraints"] = {"required": True}
    resources.append(
        _resource(
            "compliance",
            compliance_fields,
            ["subject", "claim_id"],
            "One row per claim bearing on a requirement, with rows inherited through ownership (SPEC part 2)",
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
    are left alone.
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
    written.append(write_atomic(out / "compliance.csv", frame_csv(compliance_table(dataset))))
    package = json.dumps(descriptor(dataset), ensure_ascii=False, indent=2) + "\n"
    written.append(write_atomic(out / "datapackage.json", package))
    return written
