"""The claims as a graph: who or what is said to relate to whom (SPEC part 3).

One node per entity, carrying every entity column; one edge per claim from
subject to object, keyed by ``claim_id``, carrying every claim column plus
the predicate's label, the status polarity and the source's title,
publisher and published date. Missing values are left out of the attribute
dicts, as GraphML and GEXF have no null. Every value is a string, so the
graph survives a round trip through GraphML, GEXF and node-link JSON.

Every claim is an edge, ``inferred`` ones too: the graph is the data
package as curated, not an analysis of it. A reader tells them apart by
the edge's ``reading`` attribute, which is the claim's cell as written:

* ``reading`` absent (the cell was empty) or ``'stated'``: the source's
  words say it (SPEC part 1; empty means ``stated``);
* ``reading == 'inferred'``: the curator's reading goes further; ``notes``
  says why. An analysis resting on stated claims only drops these edges,
  e.g. ``[e for e in G.edges(keys=True, data=True) if e[3].get("reading",
  "stated") == "stated"]``, or builds the graph of
  ``dataset.select(include_inferred=False)``.

An empty ``reading`` is not filled in with ``stated``, so that an exported
graph gives back exactly the cells of ``claims.csv``.

Examples
--------
>>> from analysis.toy import toy_dataset
>>> G = toy_dataset().graph()
>>> G.nodes["acme"]["type"]
'platform'
>>> edge = G.edges["acme", "freedonia", "acme-office-agreed"]
>>> edge["status"], edge["said_by"], edge["predicate_label"], edge["polarity"]
('agreed', 'minister', 'opens an office in', '+')
>>> "reading" in edge
False
>>> G.edges["bolt", "freedonia", "bolt-office-reluctant"]["reading"]
'inferred'
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pandas as pd

from .paths import shown
from .vocabulary import EDGE_EXTRA_ATTRIBUTES, POLARITY

__all__ = ["build_graph", "EDGE_EXTRA_ATTRIBUTES", "graph_name", "records", "gc_paused"]


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector for the block, then restore it.

    Building a graph of a million claims allocates tens of millions of
    dicts and strings that all stay alive; each allocation burst makes the
    collector walk every object already built, for nothing (none of them
    form reference cycles). Pausing it makes the build time linear in the
    number of claims. Memory is unaffected: objects are still freed by
    reference counting, and the collector runs again after the block.

    Examples
    --------
    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: What XML 1.0 cannot carry: C0 controls but tab, LF and CR; surrogates; U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def graph_name(folder) -> str:
    """The graph's name: the package folder's name as :func:`analysis.paths.shown` prints it, fit for XML.

    Validation sees every cell, but not the folder's name, which GraphML and
    GEXF write too. An undecodable byte becomes its ``\\xNN`` escape (as in
    the descriptor's title); a character XML cannot carry (a control
    character, U+FFFE, U+FFFF) becomes U+FFFD, which would otherwise make
    both files unreadable.

    Examples
    --------
    >>> graph_name(Path("/data/pk\\x01")), graph_name(Path("pk\\udcff")), graph_name(Path("Zoë's corpus"))
    ('pk\ufffd', 'pk\\\\xff', "Zoë's corpus")
    """
    return _NOT_XML.sub("\ufffd", shown(Path(folder).name))


def records(frame: pd.DataFrame) -> list[dict[str, str]]:
    """Rows as dicts of strings, leaving out missing values.

    Examples
    --------
    >>> frame = pd.DataFrame({"a": ["x", None], "b": pd.array(["1", "2"], dtype="string")})
    >>> records(frame)
    [{'a': 'x', 'b': '1'}, {'b': '2'}]
    """
    return list(_iter_records(frame))


def _iter_records(frame: pd.DataFrame):
    """:func:`records` one at a time, so that a graph build never holds them all at once."""
    columns = list(frame.columns)
    values = [frame[c].astype(object).where(frame[c].notna(), None).tolist() for c in columns]
    for row in zip(*values):
        yield {column: str(value) for column, value in zip(columns, row) if value is not None}


def edge_table(dataset) -> pd.DataFrame:
    """The claims joined with their predicate's label and source's metadata.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> table = edge_table(toy_dataset())
    >>> table.loc[0, ["claim_id", "source_publisher", "source_published"]].tolist()
    ['acme-office-agreed', 'The Daily', '2022-12-10']
    """
    claims = dataset.claims
    labels = dataset.predicates.drop_duplicates("predicate").set_index("predicate")["label"]
    sources = dataset.sources.drop_duplicates("source_id").set_index("source_id")
    table = claims.copy()
    table["predicate_label"] = claims["predicate"].map(labels).astype("string")
    table["polarity"] = claims["status"].map(POLARITY).astype("string")
    for column in ("title", "publisher", "published"):
        table[f"source_{column}"] = claims["source"].map(sources[column]).astype("string")
    return table


def build_graph(dataset) -> nx.MultiDiGraph:
    """Build the ``MultiDiGraph`` of a dataset.

    Parameters
    ----------
    dataset : Dataset

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are entity ids, edges ``(subject, object, claim_id)``.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> dataset = toy_dataset()
    >>> G = build_graph(dataset)
    >>> G.number_of_nodes(), G.number_of_edges()
    (9, 5)
    >>> stated = build_graph(dataset.select(include_inferred=False))
    >>> stated.number_of_edges()
    4
    """
    with gc_paused():
        G = nx.MultiDiGraph(name=graph_name(dataset.path))
        entities = dataset.entities
        G.add_nodes_from(zip(entities["entity_id"].tolist(), _iter_records(entities)))
        table = edge_table(dataset)
        G.add_edges_from(
            zip(
                table["subject"].tolist(),
                table["object"].tolist(),
                table["claim_id"].tolist(),
                _iter_records(table),
            )
        )
    return G
