"""Who is connected to whom through the claims, and who is central to the story?

The actor network is undirected and simple: two entities are linked when a
claim relates them (subject and object) or when one speaks about the other
(``said_by`` and subject); the link's ``weight`` counts the claims. On it:
degree and betweenness centrality with deterministic tie-breaking, ego
networks, bipartite projections and seeded communities. Betweenness is
counted by igraph, to networkx's numbers, and sampled with a fixed seed on
large networks (the table says so). Like every
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
    "betweenness",
    "sampling_note",
    "EXACT_BETWEENNESS_UP_TO",
    "SAMPLED_SOURCES",
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


#: Up to this many entities, betweenness is exact: igraph's exact search took
#: 0.3 s at 1,000 entities of a generated package (10,000 claims), 4.5 s at
#: 2,000 and 86 s at 10,000 (100,000 claims), on a busy two-core machine.
EXACT_BETWEENNESS_UP_TO = 2_000

#: Above :data:`EXACT_BETWEENNESS_UP_TO`, betweenness is estimated from this
#: many sampled sources (seeded): k = 100 took 1 s at 10,000 entities, k = 1,000 7.6 s.
SAMPLED_SOURCES = 500


def betweenness(G: nx.Graph, k: int | None = None, seed: int = 0) -> dict:
    """Normalised shortest-path betweenness, computed by igraph, equal to networkx's.

    The same numbers as ``networkx.betweenness_centrality(G, k=k,
    seed=seed, normalized=True)`` (unweighted, endpoints excluded), to the
    last bits on the graphs of the tests, in a small fraction of the time:
    the sources are networkx's own sample (``random.Random(seed).sample(list(G), k)``),
    the paths are counted by igraph's C code, and the sum is rescaled as
    networkx rescales it. Parallel edges and self-loops count once, as in
    networkx's breadth-first search. networkx stays the reference in the
    tests.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    k : int, optional
        Sources to sample; exact when None or at least the number of nodes.
    seed : int, default 0
        Seed of the sample.

    Returns
    -------
    dict
        Node to betweenness, in the order of ``G``'s nodes.

    Raises
    ------
    ValueError
        If `k` is less than 1.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> betweenness(G) == nx.betweenness_centrality(G)
    True
    >>> betweenness(G)["b"]
    0.6666666666666666
    """
    import math
    import random

    import igraph

    if k is not None and k < 1:
        raise ValueError(f"k must be at least 1 sampled source, not {k}")
    nodes = list(G)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    directed = G.is_directed()
    H = igraph.Graph(n=n, edges=[(index[u], index[v]) for u, v in G.edges()], directed=directed)
    H.simplify(multiple=True, loops=True)
    if k is not None and k >= n:
        # networkx computes k = n exactly too, without drawing a sample
        k = None
    sources = None if k is None else [index[node] for node in random.Random(seed).sample(nodes, k)]
    raw = H.betweenness(directed=directed) if sources is None else H.betweenness(directed=directed, sources=sources)
    # igraph counts an undirected pair once, networkx each ordered pair
    pairs = 1.0 if directed else 2.0
    # networkx's rescaling, endpoints excluded: a target is never the node itself
    N = n - 1
    if N < 2:
        return {node: float(raw[i]) * pairs for i, node in enumerate(nodes)}
    if k is None:
        scale = [1 / (N * (N - 1))] * n
    else:
        of_source = 1 / ((k - 1) * (N - 1)) if k > 1 else math.nan
        scale = [1 / (k * (N - 1))] * n
        for i in sources:
            scale[i] = of_source
    return {node: raw[i] * pairs * scale[i] for i, node in enumerate(nodes)}


def centrality(
    dataset, k: int | None = None, seed: int = 0, graph: nx.Graph | None = None, include_inferred: bool = False
) -> pd.DataFrame:
    """Degree and betweenness centrality of every entity of the actor network.

    Parameters
    ----------
    dataset : Dataset
    k : int, optional
        Estimate betweenness from `k` sampled sources; exact when `k` is at
        least the number of entities. By default exact up to
        :data:`EXACT_BETWEENNESS_UP_TO` entities and sampled from
        :data:`SAMPLED_SOURCES` beyond.
    seed : int, default 0
        Seed of the sample.
    graph : networkx.Graph, optional
        A network already built by :func:`actor_network`.
    include_inferred : bool, default False
        Also follow ``inferred`` claims.

    Returns
    -------
    pandas.DataFrame
        ``entity_id``, ``name``, ``type``, ``degree`` (number of
        neighbours), ``degree_centrality``, ``betweenness``; ordered by
        betweenness, then degree, both descending, then id -- so ties are
        always broken the same way. ``attrs`` says how betweenness was
        computed: ``sampled_k`` (None when exact), ``seed`` and
        ``entities``; :func:`sampling_note` says it in words.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> table = centrality(toy_dataset())
    >>> list(table.columns)
    ['entity_id', 'name', 'type', 'degree', 'degree_centrality', 'betweenness']
    >>> table.attrs
    {'sampled_k': None, 'seed': 0, 'entities': 9}
    >>> centrality(toy_dataset(), k=2, seed=1).attrs["sampled_k"]
    2
    """
    G = actor_network(dataset, include_inferred=include_inferred) if graph is None else graph
    n = G.number_of_nodes()
    if k is None and n > EXACT_BETWEENNESS_UP_TO:
        k = SAMPLED_SOURCES
    sampled = k is not None and k < n
    values = betweenness(G, k=k if sampled else None, seed=seed)
    degree = nx.degree_centrality(G) if n > 1 else dict.fromkeys(G, 0.0)
    table = pd.DataFrame(
        {
            "entity_id": list(G.nodes),
            "name": [G.nodes[node].get("name") for node in G.nodes],
            "type": [G.nodes[node].get("type") for node in G.nodes],
            "degree": [G.degree(node) for node in G.nodes],
            "degree_centrality": [round(degree[node], 12) for node in G.nodes],
            "betweenness": [round(values[node], 12) for node in G.nodes],
        }
    )
    table = table.sort_values(
        ["betweenness", "degree", "entity_id"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)
    table.attrs = {"sampled_k": k if sampled else None, "seed": seed, "entities": n}
    return table


def sampling_note(table: pd.DataFrame) -> str:
    """How the betweenness of a :func:`centrality` table was computed, in words.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> sampling_note(centrality(toy_dataset()))
    'betweenness exact over 9 entities'
    >>> sampling_note(centrality(toy_dataset(), k=2, seed=1))
    'betweenness sampled from 2 of 9 entities, seed 1'
    """
    attrs = table.attrs
    if attrs.get("sampled_k") is None:
        return f"betweenness exact over {attrs.get('entities', len(table)):,} entities"
    return f"betweenness sampled from {attrs['sampled_k']:,} of {attrs['entities']:,} entities, seed {attrs['seed']}"


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
