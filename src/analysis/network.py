"""Who is connected to whom through the claims, and who is central to the story?

The actor network is undirected and simple: two entities are linked when a
claim relates them (subject and object) or when one speaks about the other
(``said_by`` and subject); the link's ``weight`` counts the claims. On it:
degree and betweenness centrality with deterministic tie-breaking, ego
networks, bipartite projections and seeded communities. Like every
analysis, each rests on stated claims unless ``include_inferred=True``.

These are methods for exploring a corpus, not findings: a centrality score
is not news.

Examples
--------
>>> from analysis.toy import toy_dataset
>>> dataset = toy_dataset()
>>> G = actor_network(dataset)
>>> G["minister"]["acme"]["weight"], G.has_edge("insiders", "bolt")
(1, False)
>>> actor_network(dataset, include_inferred=True).has_edge("insiders", "bolt")
True
>>> centrality(dataset).iloc[0]["entity_id"]
'acme'
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from networkx.algorithms import bipartite

from .graph import gc_paused

__all__ = [
    "actor_network",
    "centrality",
    "ego_network",
    "projection",
    "PROJECTIONS",
    "communities",
]


def actor_network(dataset, include_speakers: bool = True, include_inferred: bool = False) -> nx.Graph:
    """The undirected, weighted network of entities linked through claims.

    Parameters
    ----------
    dataset : Dataset
    include_speakers : bool, default True
        Also link each asserting party to the subject it speaks about.
    include_inferred : bool, default False
        Also follow ``inferred`` claims.

    Returns
    -------
    networkx.Graph
        Every entity is a node (with its ``name`` and ``type``); ``weight``
        counts the claims behind a link, ``relation`` is ``'claim'``,
        ``'speaks about'`` or ``'claim|speaks about'``.
    """
    dataset = dataset.select(include_inferred)
    G = nx.Graph()
    entities = dataset.entities
    G.add_nodes_from(
        (entity_id, {"name": name, "type": str(kind)})
        for entity_id, name, kind in zip(entities["entity_id"], entities["name"], entities["type"])
    )
    claims = dataset.claims
    pairs = [pd.DataFrame({"u": claims["subject"], "v": claims["object"], "relation": "claim"})]
    if include_speakers:
        pairs.append(pd.DataFrame({"u": claims["said_by"], "v": claims["subject"], "relation": "speaks about"}))
    links = pd.concat(pairs, ignore_index=True)
    links = links[links["u"] != links["v"]]
    # an undirected pair, whichever way round the claims put it
    u, v = links["u"].to_numpy(dtype=object), links["v"].to_numpy(dtype=object)
    in_order = u <= v
    links = pd.DataFrame(
        {
            "u": np.where(in_order, u, v),
            "v": np.where(in_order, v, u),
            "claim": (links["relation"] == "claim").to_numpy(),
            "speaks": (links["relation"] == "speaks about").to_numpy(),
        }
    )
    grouped = links.groupby(["u", "v"], sort=True).agg(
        weight=("claim", "size"), claim=("claim", "any"), speaks=("speaks", "any")
    )
    # the relations of a link, sorted and joined: 'claim' < 'speaks about'
    names = {(True, False): "claim", (False, True): "speaks about", (True, True): "claim|speaks about"}
    with gc_paused():
        G.add_edges_from(
            (u, v, {"weight": w, "relation": names[(c, s)]})
            for u, v, w, c, s in zip(
                grouped.index.get_level_values(0).tolist(),
                grouped.index.get_level_values(1).tolist(),
                grouped["weight"].tolist(),
                grouped["claim"].tolist(),
                grouped["speaks"].tolist(),
            )
        )
    return G


def centrality(
    dataset, k: int | None = None, seed: int = 0, graph: nx.Graph | None = None, include_inferred: bool = False
) -> pd.DataFrame:
    """Degree and betweenness centrality of every entity of the actor network.

    Parameters
    ----------
    dataset : Dataset
    k : int, optional
        Estimate betweenness from `k` sampled sources (for large corpora);
        exact when None.
    seed : int, default 0
        Seed of the sample.
    graph : networkx.Graph, optional
        A network already built by :func:`actor_network`.

    Returns
    -------
    pandas.DataFrame
        ``entity_id``, ``name``, ``type``, ``degree`` (number of
        neighbours), ``degree_centrality``, ``betweenness``; ordered by
        betweenness, then degree, both descending, then id -- so ties are
        always broken the same way.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> table = centrality(toy_dataset())
    >>> list(table.columns)
    ['entity_id', 'name', 'type', 'degree', 'degree_centrality', 'betweenness']
    """
    G = actor_network(dataset, include_inferred=include_inferred) if graph is None else graph
    if k is not None:
        k = min(k, G.number_of_nodes())
    # networkx's Brandes algorithm; the collector paused, as it otherwise
    # rescans the large graph again and again while the searches allocate
    with gc_paused():
        betweenness = nx.betweenness_centrality(G, k=k, seed=seed if k else None, normalized=True)
    degree = nx.degree_centrality(G) if G.number_of_nodes() > 1 else dict.fromkeys(G, 0.0)
    table = pd.DataFrame(
        {
            "entity_id": list(G.nodes),
            "name": [G.nodes[n].get("name") for n in G.nodes],
            "type": [G.nodes[n].get("type") for n in G.nodes],
            "degree": [G.degree(n) for n in G.nodes],
            "degree_centrality": [round(degree[n], 12) for n in G.nodes],
            "betweenness": [round(betweenness[n], 12) for n in G.nodes],
        }
    )
    table = table.sort_values(
        ["betweenness", "degree", "entity_id"], ascending=[False, False, True], kind="stable"
    )
    return table.reset_index(drop=True)


def ego_network(dataset, entity_id: str, radius: int = 1, include_inferred: bool = False) -> nx.MultiDiGraph:
    """The claims graph around one entity, ignoring edge direction for distance.

    Raises
    ------
    KeyError
        If `entity_id` is not an entity of the dataset.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> sorted(ego_network(toy_dataset(), "bolt"))
    ['bolt', 'freedonia', 'minister']
    >>> sorted(ego_network(toy_dataset(), "bolt", include_inferred=True))
    ['bolt', 'freedonia', 'insiders', 'minister']
    >>> ego_network(toy_dataset(), "nobody")
    Traceback (most recent call last):
    ...
    KeyError: "no entity 'nobody' in .../entities.csv"
    """
    dataset = dataset.select(include_inferred)
    dataset.check_entity(entity_id)
    G = dataset.graph()
    # who speaks about the entity belongs to its story too
    speakers = [d["said_by"] for _, _, d in G.in_edges(entity_id, data=True)]
    speakers += [d["said_by"] for _, _, d in G.out_edges(entity_id, data=True)]
    nodes = set(nx.ego_graph(G, entity_id, radius=radius, undirected=True)) | set(speakers)
    # built in the order of the full graph, not of a set, so that it is the same on every run
    ego = G.__class__(**G.graph)
    ego.add_nodes_from((n, G.nodes[n]) for n in G if n in nodes)
    ego.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in nodes and v in nodes)
    return ego


#: Bipartite projections by name: (which rows are the left set, the right set).
PROJECTIONS = {
    "platforms-by-requirement": "platforms and companies linked through the requirements they have reported positions on",
    "speakers-by-subject": "asserting parties linked through the subjects they speak about",
}


def projection(dataset, kind: str = "platforms-by-requirement", include_inferred: bool = False) -> nx.Graph:
    """A weighted bipartite projection; see :data:`PROJECTIONS`.

    ``weight`` counts the shared neighbours (requirements, or subjects).

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> P = projection(toy_dataset(), "platforms-by-requirement")
    >>> P["acme"]["bolt"]["weight"]
    1
    """
    dataset = dataset.select(include_inferred)
    if kind == "platforms-by-requirement":
        from .compliance import compliance_table

        table = compliance_table(dataset)
        left, right = table["subject"], table["requirement"]
    elif kind == "speakers-by-subject":
        left, right = dataset.claims["said_by"], dataset.claims["subject"]
    else:
        raise ValueError(f"unknown projection {kind!r}; choose from: {', '.join(PROJECTIONS)}")
    left_nodes = sorted(set(left))
    if not left_nodes:
        # nothing to project: an empty graph, not networkx's error on an empty partition
        return nx.Graph()
    B = nx.Graph()
    B.add_nodes_from(left_nodes, bipartite=0)
    B.add_nodes_from((("right", r) for r in sorted(set(right))), bipartite=1)
    B.add_edges_from(zip(left, (("right", r) for r in right)))
    projected = bipartite.weighted_projected_graph(B, left_nodes)
    # the projection iterates over sets: rebuild it in sorted order so every run agrees
    P = nx.Graph()
    P.add_nodes_from(left_nodes)
    P.add_edges_from(
        sorted((min(u, v), max(u, v), {"weight": d["weight"]}) for u, v, d in projected.edges(data=True))
    )
    names = dataset.entities.drop_duplicates("entity_id").set_index("entity_id")["name"]
    nx.set_node_attributes(P, {n: names.get(n, n) for n in P}, "name")
    return P


def communities(
    dataset, seed: int = 0, graph: nx.Graph | None = None, include_inferred: bool = False
) -> list[list[str]]:
    """Louvain communities of the actor network, with a seed.

    Returns
    -------
    list of list of str
        Each community's entity ids, sorted; largest community first.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> groups = communities(toy_dataset(), seed=0)
    >>> groups == communities(toy_dataset(), seed=0)
    True
    """
    G = actor_network(dataset, include_inferred=include_inferred) if graph is None else graph
    found = nx.community.louvain_communities(G, weight="weight", seed=seed)
    groups = [sorted(group) for group in found]
    return sorted(groups, key=lambda group: (-len(group), group))
