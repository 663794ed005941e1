"""The claims as a graph: who or what is said to relate to whom (SPEC part 3).

One node per entity, carrying every entity column; one edge per claim from
subject to object, keyed by ``claim_id``, carrying every claim column plus
the predicate's label, the status polarity and the source's title,
publisher and published date. Missing values are left out of the attribute
dicts, as GraphML and GEXF have no null. Every value is a string, so the
graph survives a round trip through GraphML, GEXF and node-link JSON.

Examples
--------
>>> import analysis
>>> G = analysis.load().graph()
>>> G.nodes["google"]["type"]
'platform'
>>> edge = G.edges["tiktok", "pakistan", "tiktok-office-agreed-haque"]
>>> edge["status"], edge["said_by"], edge["predicate_label"], edge["polarity"]
('agreed', 'aminul-haque', 'opens office in', '+')
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from .vocabulary import POLARITY

__all__ = ["build_graph", "EDGE_EXTRA_ATTRIBUTES", "records"]

#: Attributes an edge carries beyond the claim's own columns.
EDGE_EXTRA_ATTRIBUTES = ("predicate_label", "polarity", "source_title", "source_publisher", "source_published")


def records(frame: pd.DataFrame) -> list[dict[str, str]]:
    """Rows as dicts of strings, leaving out missing values.

    Examples
    --------
    >>> frame = pd.DataFrame({"a": ["x", None], "b": pd.array(["1", "2"], dtype="string")})
    >>> records(frame)
    [{'a': 'x', 'b': '1'}, {'b': '2'}]
    """
    columns = list(frame.columns)
    values = [frame[c].astype(object).where(frame[c].notna(), None).tolist() for c in columns]
    return [
        {column: str(value) for column, value in zip(columns, row) if value is not None}
        for row in zip(*values)
    ]


def edge_table(dataset) -> pd.DataFrame:
    """The claims joined with their predicate's label and source's metadata.

    Examples
    --------
    >>> import analysis
    >>> table = edge_table(analysis.load())
    >>> table.loc[0, ["claim_id", "source_publisher"]].tolist()
    ['twitter-office-declined-dawn', 'Dawn']
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
    >>> import analysis
    >>> G = build_graph(analysis.load())
    >>> G.number_of_edges() == len(analysis.load().claims)
    True
    """
    G = nx.MultiDiGraph(name=str(dataset.path.name))
    entities = dataset.entities
    G.add_nodes_from(zip(entities["entity_id"].tolist(), records(entities)))
    table = edge_table(dataset)
    G.add_edges_from(
        zip(
            table["subject"].tolist(),
            table["object"].tolist(),
            table["claim_id"].tolist(),
            records(table),
        )
    )
    return G
