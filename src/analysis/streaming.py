"""Write the graph files and the tables straight from a Dataset's tables, never building the graph.

How do a million claims leave the project in seconds and within the memory
the loaded package already takes? networkx's writers need the whole
``MultiDiGraph`` (about 3 GB at a million claims) and then build the whole
XML tree or node-link dict beside it. The writers here compose the same
text with Arrow string kernels, a batch of rows at a time, from the tables
the graph would be built from (:func:`analysis.graph.edge_table`), and
write each batch as it is done.

Their files are byte for byte those of the networkx writers that
:mod:`analysis.export` keeps as the reference (``graph_graphml``,
``graph_gexf``, ``graph_json``, ``frame_csv``). What that takes, written out
once here:

* order: nodes in entity order; edges in the order networkx iterates a
  ``MultiDiGraph``: by subject in node order, then by object in the order
  the subject's first claim about it comes, then in claim order;
* an attribute is left out where its cell is missing; the others come in
  column order, every value as ``str`` gives it;
* GraphML key ids ``d0, d1, ...`` and GEXF attribute ids ``0, 1, ...`` are
  handed out as an element first uses a name, in document order (the
  graph's ``name`` first, then the nodes, then the edges); GraphML lists
  its keys newest first, GEXF its edge attributes before its node ones;
* XML: ``&``, ``<``, ``>`` escaped everywhere; in attribute values also
  ``"``, CR, LF and tab as character references; a CR in element text as
  ``&#13;`` (see ``analysis.export._xml_text``); every non-ASCII character
  as a decimal character reference; two-space indentation;
* GEXF: nodes labelled with their ``name``, edges identified by their claim
  id, which is also the last attribute, ``networkx_key``; the creator is
  the installed networkx;
* node-link JSON: ``json.dumps(..., ensure_ascii=False, indent=1)`` of
  :func:`networkx.node_link_data` with ``subject``/``object`` as edge ends:
  each node's ``id`` and each edge's ``key`` last;
* CSV: a cell quoted when it holds a comma, a double quote, CR or LF
  (:data:`CSV_QUOTED`), lines ending in LF, missing values empty.

:func:`graph_tables` returns None for tables the graph could not be built
from one row to one node or edge (an entity id twice or missing, a claim
about an unknown entity, a claim id twice, a column name a writer reserves:
what validation refuses); a caller then uses the networkx writers.

Examples
--------
>>> import io
>>> from analysis.toy import toy_dataset
>>> from analysis.export import graph_graphml
>>> dataset = toy_dataset()
>>> stream = io.BytesIO()
>>> write_graphml(graph_tables(dataset), stream)
>>> stream.getvalue() == graph_graphml(dataset.graph()).encode("utf-8")
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .graph import edge_table, graph_name
from .vocabulary import RESERVED_COLUMNS

__all__ = [
    "GraphTables",
    "graph_tables",
    "write_graphml",
    "write_gexf",
    "write_node_link",
    "write_csv",
    "text_column",
    "CSV_QUOTED",
]

#: Characters that make a CSV cell quoted (RFC 4180, and a lone CR too).
CSV_QUOTED = ',"\r\n'

#: Rows composed at a time: the text of a batch, and the few copies of it
#: the kernels make, stay well under the memory of the loaded tables.
BATCH_ROWS = 5_000

_TEXT = pa.large_string()

# (character, replacement) in the order ElementTree applies them
_XML_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_XML_ATTRIBUTE = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\r", "&#13;"),
    ("\n", "&#10;"),
    ("\t", "&#09;"),
)
_JSON = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))
# control characters json escapes in forms of its own (\b, \f, \u00XX): left to json itself
_JSON_RARE = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"

_GRAPHML_OPEN = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_GEXF_OPEN = (
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">\n'
)


def _scalar(text: str) -> pa.Scalar:
    return pa.scalar(text, _TEXT)


def text_column(series: pd.Series) -> pa.ChunkedArray:
    """The cells of a column as Arrow strings, each as ``str(value)`` gives it, a missing one null.

    String columns are taken as they are (no copy for Arrow-backed ones),
    categoricals through their categories, anything else cell by cell.

    Examples
    --------
    >>> column = pd.Series(["done", None, "declined"], dtype=pd.CategoricalDtype(["done", "declined"]))
    >>> text_column(column).to_pylist()
    ['done', None, 'declined']
    >>> text_column(pd.Series([1, None, 3.5])).to_pylist()
    ['1.0', None, '3.5']
    """
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        dictionary = pa.array([str(c) for c in dtype.categories], _TEXT)
        codes = series.cat.codes.to_numpy().astype(np.int64)
        return pa.chunked_array([dictionary.take(pa.array(codes, mask=codes < 0))], _TEXT)
    if isinstance(dtype, pd.StringDtype):
        array = pa.array(series.array)
        if isinstance(array, pa.Array):
            array = pa.chunked_array([array])
        return array.cast(_TEXT)
    cells = series.astype(object).where(series.notna(), None).tolist()
    return pa.chunked_array([pa.array([None if c is None else str(c) for c in cells], _TEXT)])


def _frame_table(frame: pd.DataFrame) -> pa.Table:
    return pa.table({str(c): text_column(frame[c]) for c in frame.columns}) if len(frame.columns) else pa.table({})


@dataclass(frozen=True)
class GraphTables:
    """What the graph of a dataset is made of, as Arrow tables of text.

    Attributes
    ----------
    name : str
        The graph's name (:func:`analysis.graph.graph_name`).
    nodes : pyarrow.Table
        One row per node, in node order; its columns are the node attributes.
    edges : pyarrow.Table
        One row per edge, in claim order; its columns are the edge
        attributes (:func:`analysis.graph.edge_table`).
    order : numpy.ndarray
        The rows of `edges` in the order networkx iterates the edges.
    """

    name: str
    nodes: pa.Table
    edges: pa.Table
    order: np.ndarray

    def edge_batches(self):
        """The edges in networkx's order, :data:`BATCH_ROWS` at a time."""
        for start in range(0, len(self.order), BATCH_ROWS):
            yield self.edges.take(pa.array(self.order[start : start + BATCH_ROWS]))

    def node_batches(self):
        """The nodes in order, :data:`BATCH_ROWS` at a time."""
        for start in range(0, self.nodes.num_rows, BATCH_ROWS):
            yield self.nodes.slice(start, BATCH_ROWS)


def graph_tables(dataset) -> GraphTables | None:
    """The tables the graph of `dataset` is made of; None where one row is not one node or edge.

    That is so for every package that passed validation. None means the
    graph merges or adds something the tables do not show one row to one
    element (an entity id twice or missing, a claim about an unknown
    entity, a claim id twice or missing, a column a graph writer reserves,
    two columns of one name), and the networkx writers are the ones to use.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> tables = graph_tables(toy_dataset())
    >>> tables.nodes.num_rows, tables.edges.num_rows, tables.name
    (9, 5, 'toy')
    >>> tables.edges.column("claim_id").take(tables.order).to_pylist()[:3]
    ['acme-office-agreed', 'acme-servers-not-done', 'bolt-office-agreed']
    """
    entities, claims = dataset.entities, dataset.claims
    for frame, table in ((entities, "entities"), (claims, "claims")):
        names = [str(c) for c in frame.columns]
        if len(set(names)) != len(names) or set(names) & set(RESERVED_COLUMNS[table]):
            return None
    if "entity_id" not in entities.columns or not {"claim_id", "subject", "object"} <= set(claims.columns):
        return None
    ids = entities["entity_id"]
    if ids.isna().any() or ids.duplicated().any():
        return None
    if claims["claim_id"].isna().any() or claims["claim_id"].duplicated().any():
        return None
    node = pd.Index(ids)
    subject = node.get_indexer(claims["subject"])
    object_ = node.get_indexer(claims["object"])
    if (subject < 0).any() or (object_ < 0).any():
        return None
    # networkx keeps, for each subject, its objects in the order of their first claim
    pair, _ = pd.factorize(subject.astype(np.int64) * max(len(node), 1) + object_)
    order = np.lexsort((np.arange(len(claims)), pair, subject))
    return GraphTables(
        name=graph_name(dataset.path),
        nodes=_frame_table(entities),
        edges=_frame_table(edge_table(dataset)),
        order=order,
    )


# ---------------------------------------------------------------------------
# composing text with Arrow


def _escaped(array: pa.ChunkedArray, escapes) -> pa.ChunkedArray:
    pattern = "[" + "".join("\\" + c if c in "\\]^-[" else c for c, _ in escapes) + "]"
    pattern = pattern.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    if not pc.any(pc.match_substring_regex(array, pattern)).as_py():
        return array
    for character, replacement in escapes:
        array = pc.replace_substring(array, character, replacement)
    return array


def _json_escaped(array: pa.ChunkedArray) -> pa.ChunkedArray:
    if pc.any(pc.match_substring_regex(array, _JSON_RARE)).as_py():
        encode = json.encoder.encode_basestring
        return pa.chunked_array(
            [pa.array([None if v is None else encode(v)[1:-1] for v in array.to_pylist()], _TEXT)], _TEXT
        )
    return _escaped(array, _JSON)


def _wrapped(array, before: str, after: str, empty: str | None = None):
    """``before + value + after`` for each present value, ``""`` for a missing one; `empty` for ``""``."""
    parts = pc.binary_join_element_wise(_scalar(before), array, _scalar(after), _scalar(""))
    if empty is not None and pc.any(pc.equal(array, "")).as_py():
        parts = pc.if_else(pc.equal(array, ""), _scalar(empty), parts)
    return pc.fill_null(parts, _scalar(""))


def _joined(parts) -> pa.StringArray:
    """The rows made of `parts` (arrays and strings, element by element)."""
    parts = [_scalar(p) if isinstance(p, str) else p for p in parts]
    rows = pc.binary_join_element_wise(*parts, _scalar(""))
    return rows.combine_chunks() if isinstance(rows, pa.ChunkedArray) else rows


def _text_of(rows: pa.StringArray) -> pa.Buffer:
    """The UTF-8 text of `rows` (none missing), one after another, without a copy."""
    if len(rows) == 0:
        return pa.py_buffer(b"")
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int64)
    first, last = offsets[rows.offset], offsets[rows.offset + len(rows)]
    return rows.buffers()[2].slice(first, last - first)


#: Bytes of non-ASCII text turned into character references at a time: the
#: str it goes through takes up to four times as much.
_PIECE = 1 << 20


def _write_xml(stream, rows: pa.StringArray) -> None:
    """Write `rows` as ElementTree writes text: ASCII, every other character a decimal reference."""
    text = _text_of(rows)
    if pc.all(pc.string_is_ascii(rows)).as_py() is not False:
        stream.write(text)
        return
    view, start = memoryview(text).cast("B"), 0
    while start < len(view):
        end = min(start + _PIECE, len(view))
        while end < len(view) and view[end - 1] >= 0x80:  # never inside a character
            end += 1
        stream.write(bytes(view[start:end]).decode("utf-8").encode("ascii", "xmlcharrefreplace"))
        start = end


def _xml(text: str) -> bytes:
    return text.encode("ascii", "xmlcharrefreplace")


def _text(value: str) -> str:
    for character, replacement in _XML_TEXT:
        value = value.replace(character, replacement)
    return value


def _attribute(value: str) -> str:
    for character, replacement in _XML_ATTRIBUTE:
        value = value.replace(character, replacement)
    return value


def _first_uses(table: pa.Table, order: np.ndarray | None = None, last: str | None = None) -> list[str]:
    """The columns with a value, in the order a writer meets them: by first row with one, then by column.

    `last` names an attribute every row has after its columns.
    """
    rank = None
    if order is not None:
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
    met = []
    for index, name in enumerate(table.column_names):
        present = pc.is_valid(table.column(name)).to_numpy(zero_copy_only=False)
        if present.any():
            first = int(np.argmax(present)) if rank is None else int(rank[present].min())
            met.append((first, index, name))
    if last is not None and table.num_rows:
        met.append((0, table.num_columns, last))
    return [name for _, _, name in sorted(met)]


# ---------------------------------------------------------------------------
# GraphML


def write_graphml(tables: GraphTables, stream) -> None:
    """Write the GraphML of the graph to the binary `stream`, as ``analysis.export.graph_graphml`` would.

    Examples
    --------
    >>> import io
    >>> from analysis.toy import toy_dataset
    >>> stream = io.BytesIO()
    >>> write_graphml(graph_tables(toy_dataset()), stream)
    >>> print(*stream.getvalue().decode().splitlines()[-4:], sep="\\n")
        </edge>
        <data key="d0">toy</data>
      </graph>
    </graphml>
    >>> stream.getvalue().decode().splitlines()[1]
    '  <key id="d22" for="edge" attr.name="notes" attr.type="string" />'
    """
    keys = [("graph", "name")]
    keys += [("node", name) for name in _first_uses(tables.nodes)]
    keys += [("edge", name) for name in _first_uses(tables.edges, tables.order)]
    key_id = {key: f"d{index}" for index, key in enumerate(keys)}
    head = [_GRAPHML_OPEN]
    for (scope, name), identifier in reversed(key_id.items()):
        head.append(f'  <key id="{identifier}" for="{scope}" attr.name="{_attribute(name)}" attr.type="string" />\n')
    head.append('  <graph edgedefault="directed">\n')
    stream.write(_xml("".join(head)))
    for batch in tables.node_batches():
        parts = ['    <node id="', _escaped(batch.column("entity_id"), _XML_ATTRIBUTE), '">\n']
        parts += _graphml_data(batch, key_id, "node")
        parts.append("    </node>\n")
        _write_xml(stream, _joined(parts))
    for batch in tables.edge_batches():
        parts = ['    <edge source="', _escaped(batch.column("subject"), _XML_ATTRIBUTE)]
        parts += ['" target="', _escaped(batch.column("object"), _XML_ATTRIBUTE)]
        parts += ['" id="', _escaped(batch.column("claim_id"), _XML_ATTRIBUTE), '">\n']
        parts += _graphml_data(batch, key_id, "edge")
        parts.append("    </edge>\n")
        _write_xml(stream, _joined(parts))
    name = key_id["graph", "name"]
    tail = f'    <data key="{name}">{_text(tables.name)}</data>\n' if tables.name else f'    <data key="{name}" />\n'
    stream.write(_xml(tail + "  </graph>\n</graphml>\n"))


def _graphml_data(batch: pa.Table, key_id: dict, scope: str) -> list:
    parts = []
    for name in batch.column_names:
        if (scope, name) not in key_id:  # never present
            continue
        key = key_id[scope, name]
        values = _escaped(batch.column(name), _XML_TEXT)
        parts.append(_wrapped(values, f'      <data key="{key}">', "</data>\n", f'      <data key="{key}" />\n'))
    return parts


# ---------------------------------------------------------------------------
# GEXF


def write_gexf(tables: GraphTables, stream) -> None:
    """Write the GEXF of the graph to the binary `stream`, as ``analysis.export.graph_gexf`` would.

    Examples
    --------
    >>> import io
    >>> from analysis.toy import toy_dataset
    >>> stream = io.BytesIO()
    >>> write_gexf(graph_tables(toy_dataset()), stream)
    >>> print(*stream.getvalue().decode().splitlines()[-6:], sep="\\n")
              <attvalue for="20" value="rules-require-servers" />
            </attvalues>
          </edge>
        </edges>
      </graph>
    </gexf>
    """
    import networkx as nx

    node_names = _first_uses(tables.nodes)
    edge_names = _first_uses(tables.edges, tables.order, last="networkx_key")
    node_id = {name: str(index) for index, name in enumerate(node_names)}
    edge_id = {name: str(index + len(node_names)) for index, name in enumerate(edge_names)}
    head = [_GEXF_OPEN, "  <meta>\n", f"    <creator>NetworkX {_text(nx.__version__)}</creator>\n", "  </meta>\n"]
    head.append(f'  <graph defaultedgetype="directed" mode="static" name="{_attribute(tables.name)}">\n')
    for scope, ids in (("edge", edge_id), ("node", node_id)):
        if ids:
            head.append(f'    <attributes mode="static" class="{scope}">\n')
            for name, identifier in ids.items():
                head.append(f'      <attribute id="{identifier}" title="{_attribute(name)}" type="string" />\n')
            head.append("    </attributes>\n")
    stream.write(_xml("".join(head)))

    stream.write(b"    <nodes>\n" if tables.nodes.num_rows else b"    <nodes />\n")
    for batch in tables.node_batches():
        ids = batch.column("entity_id")
        label = pc.coalesce(batch.column("name"), ids) if "name" in batch.column_names else ids
        parts = ['      <node id="', _escaped(ids, _XML_ATTRIBUTE), '" label="', _escaped(label, _XML_ATTRIBUTE)]
        parts.append('">\n        <attvalues>\n')
        parts += _gexf_values(batch, node_id)
        parts.append("        </attvalues>\n      </node>\n")
        _write_xml(stream, _joined(parts))
    if tables.nodes.num_rows:
        stream.write(b"    </nodes>\n")

    stream.write(b"    <edges>\n" if tables.edges.num_rows else b"    <edges />\n")
    for batch in tables.edge_batches():
        claim_id = _escaped(batch.column("claim_id"), _XML_ATTRIBUTE)
        parts = ['      <edge source="', _escaped(batch.column("subject"), _XML_ATTRIBUTE)]
        parts += ['" target="', _escaped(batch.column("object"), _XML_ATTRIBUTE), '" id="', claim_id]
        parts.append('">\n        <attvalues>\n')
        parts += _gexf_values(batch, edge_id)
        parts += [f'          <attvalue for="{edge_id["networkx_key"]}" value="', claim_id, '" />\n']
        parts.append("        </attvalues>\n      </edge>\n")
        _write_xml(stream, _joined(parts))
    if tables.edges.num_rows:
        stream.write(b"    </edges>\n")
    stream.write(b"  </graph>\n</gexf>\n")


def _gexf_values(batch: pa.Table, ids: dict) -> list:
    parts = []
    for name in batch.column_names:
        if name not in ids:
            continue
        values = _escaped(batch.column(name), _XML_ATTRIBUTE)
        parts.append(_wrapped(values, f'          <attvalue for="{ids[name]}" value="', '" />\n'))
    return parts


# ---------------------------------------------------------------------------
# node-link JSON


def write_node_link(tables: GraphTables, stream) -> None:
    """Write the node-link JSON of the graph (SPEC part 3) to the binary `stream`, as ``graph_json`` would.

    Examples
    --------
    >>> import io, json
    >>> from analysis.toy import toy_dataset
    >>> stream = io.BytesIO()
    >>> write_node_link(graph_tables(toy_dataset()), stream)
    >>> data = json.loads(stream.getvalue())
    >>> data["nodes"][0]["id"], data["edges"][0]["key"], data["edges"][0]["subject"]
    ('acme', 'acme-office-agreed', 'acme')
    """
    name = json.dumps(tables.name, ensure_ascii=False)
    stream.write(f'{{\n "directed": true,\n "multigraph": true,\n "graph": {{\n  "name": {name}\n }},\n'.encode())
    stream.write(b' "nodes": [')
    _json_rows(stream, tables.node_batches(), "id", "entity_id")
    stream.write(b',\n "edges": [')
    _json_rows(stream, tables.edge_batches(), "key", "claim_id")
    stream.write(b"\n}\n")


def _json_rows(stream, batches, last: str, last_column: str) -> None:
    first = True
    for batch in batches:
        parts = [",\n  {\n"]
        for name in batch.column_names:
            key = json.dumps(name, ensure_ascii=False)
            parts.append(_wrapped(_json_escaped(batch.column(name)), f'   {key}: "', '",\n'))
        parts += [f'   "{last}": "', _json_escaped(batch.column(last_column)), '"\n  }']
        text = _text_of(_joined(parts))
        stream.write(text.slice(1) if first and text.size else text)
        first = first and not text.size
    stream.write(b"]" if first else b"\n ]")


# ---------------------------------------------------------------------------
# CSV


def write_csv(frame: pd.DataFrame, stream, batch_rows: int | None = None) -> None:
    """Write `frame` as RFC 4180 CSV to the binary `stream`, as ``analysis.export.frame_csv`` would.

    Examples
    --------
    >>> import io
    >>> frame = pd.DataFrame({"id": ["a", "b"], "quote": ['a "b" c', None], "notes": ["x\\ry", "p, q"]})
    >>> stream = io.BytesIO()
    >>> write_csv(frame, stream)
    >>> stream.getvalue()
    b'id,quote,notes\\na,"a ""b"" c","x\\ry"\\nb,,"p, q"\\n'
    """
    stream.write((",".join(_csv_cell(str(c)) for c in frame.columns) + "\n").encode("utf-8"))
    if not len(frame.columns):
        stream.write(b"\n" * len(frame))
        return
    quoted = "[" + CSV_QUOTED.replace("\r", "\\r").replace("\n", "\\n") + "]"
    batch_rows = batch_rows or BATCH_ROWS
    for start in range(0, len(frame), batch_rows):
        cells = []
        for column in frame.columns:
            values = text_column(frame[column].iloc[start : start + batch_rows])
            needs = pc.match_substring_regex(values, quoted)
            if pc.any(needs).as_py():
                wrapped = pc.binary_join_element_wise(
                    _scalar('"'), pc.replace_substring(values, '"', '""'), _scalar('"'), _scalar("")
                )
                values = pc.if_else(needs, wrapped, values)
            cells.append(pc.fill_null(values, _scalar("")))
        rows = pc.binary_join_element_wise(*cells, _scalar(","))
        stream.write(_text_of(_joined([rows, "\n"])))


def _csv_cell(text: str) -> str:
    if any(c in text for c in CSV_QUOTED):
        return '"' + text.replace('"', '""') + '"'
    return text
