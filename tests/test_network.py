"""Who is connected to whom: the actor network, centrality, ego networks, projections, communities.

The main package, by hand:

=====  ===================================  =========
claim  subject predicate object             said by
=====  ===================================  =========
k1     acme open_office_in pk               minister
k2     acme open_office_in pk               daily
k3     beta open_office_in pk               minister
k4     acme visit pk                        acme (speaks about itself: no link)
k5     minister criticised acme             daily
=====  ===================================  =========

Links (undirected): acme-pk 3 (k1, k2, k4); beta-pk 1 (k3); acme-minister 2
(k1 speaks about, k5 claim); acme-daily 1 (k2); beta-minister 1 (k3);
daily-minister 1 (k5).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from corpus_builder import claim, load_corpus

import analysis
from analysis import network
from analysis.network import actor_network, betweenness, centrality, communities, ego_network, projection, sampling_note

ENTITIES = [
    ("acme", "platform"),
    ("beta", "platform"),
    ("pk", "place"),
    ("minister", "person"),
    ("daily", "media"),
]
CLAIMS = [
    claim("k1", "acme", "open_office_in", "pk", said_by="minister"),
    claim("k2", "acme", "open_office_in", "pk", said_by="daily"),
    claim("k3", "beta", "open_office_in", "pk", said_by="minister"),
    claim("k4", "acme", "visit", "pk", said_by="acme"),
    claim("k5", "minister", "criticised", "acme", said_by="daily"),
]


@pytest.fixture
def dataset(tmp_path):
    return load_corpus(tmp_path, entities=ENTITIES, claims=CLAIMS)


def weights(G):
    return {tuple(sorted((u, v))): d["weight"] for u, v, d in G.edges(data=True)}


# ---------------------------------------------------------------------------
# actor network


def test_actor_network_weights_by_hand(dataset):
    assert weights(actor_network(dataset)) == {
        ("acme", "pk"): 3,
        ("beta", "pk"): 1,
        ("acme", "minister"): 2,
        ("acme", "daily"): 1,
        ("beta", "minister"): 1,
        ("daily", "minister"): 1,
    }


def test_actor_network_relation_says_how_two_entities_are_linked(dataset):
    G = actor_network(dataset)
    assert G["acme"]["minister"]["relation"] == "claim|speaks about"
    assert G["acme"]["pk"]["relation"] == "claim"
    assert G["beta"]["minister"]["relation"] == "speaks about"


def test_actor_network_without_speakers_counts_only_subject_object_links(dataset):
    assert weights(actor_network(dataset, include_speakers=False)) == {
        ("acme", "pk"): 3,
        ("beta", "pk"): 1,
        ("acme", "minister"): 1,
    }


def test_actor_network_has_no_self_loops(dataset):
    assert nx.number_of_selfloops(actor_network(dataset)) == 0


def test_actor_network_has_every_entity_as_a_node_with_name_and_type(dataset):
    G = actor_network(dataset)
    assert sorted(G) == ["acme", "beta", "daily", "minister", "pk"]
    assert G.nodes["minister"] == {"name": "Minister", "type": "person"}


# ---------------------------------------------------------------------------
# centrality


@pytest.fixture
def path_dataset(tmp_path):
    """zeta - hub - alpha: zeta and alpha are symmetric; zeta comes first in the file."""
    return load_corpus(
        tmp_path,
        entities=[("zeta", "platform"), ("hub", "place"), ("alpha", "platform")],
        claims=[
            claim("z1", "zeta", "visit", "hub", said_by="zeta"),
            claim("a1", "alpha", "visit", "hub", said_by="alpha"),
        ],
    )


def test_centrality_of_a_path_by_hand(path_dataset):
    table = centrality(path_dataset)
    assert table[["entity_id", "degree", "degree_centrality", "betweenness"]].values.tolist() == [
        ["hub", 2, 1.0, 1.0],
        ["alpha", 1, 0.5, 0.0],
        ["zeta", 1, 0.5, 0.0],
    ]


def test_centrality_breaks_ties_between_symmetric_nodes_by_id(path_dataset):
    ids = centrality(path_dataset)["entity_id"].tolist()
    assert ids.index("alpha") < ids.index("zeta")


def test_centrality_ties_do_not_depend_on_file_order(tmp_path):
    a = centrality(
        load_corpus(
            tmp_path / "a",
            entities=[("zeta", "platform"), ("hub", "place"), ("alpha", "platform")],
            claims=[claim("z1", "zeta", "visit", "hub", said_by="zeta"), claim("a1", "alpha", "visit", "hub", said_by="alpha")],
        )
    )
    b = centrality(
        load_corpus(
            tmp_path / "b",
            entities=[("alpha", "platform"), ("hub", "place"), ("zeta", "platform")],
            claims=[claim("a1", "alpha", "visit", "hub", said_by="alpha"), claim("z1", "zeta", "visit", "hub", said_by="zeta")],
        )
    )
    pd.testing.assert_frame_equal(a, b)


def test_centrality_columns(dataset):
    assert list(centrality(dataset).columns) == [
        "entity_id",
        "name",
        "type",
        "degree",
        "degree_centrality",
        "betweenness",
    ]


def test_centrality_of_the_main_package_by_hand(dataset):
    # Pair by pair, the share of shortest paths through each node:
    #   pk-minister via acme or beta (1/2 each); pk-daily via acme;
    #   acme-beta via pk or minister (1/2 each); beta-daily via minister.
    # acme 1.5, minister 1.5, beta 0.5, pk 0.5, daily 0; normalised by
    # (n-1)(n-2)/2 = 6. acme and minister tie on betweenness and on degree (3):
    # the id decides. beta and pk tie likewise.
    table = centrality(dataset)
    assert table[["entity_id", "degree", "betweenness"]].values.tolist() == [
        ["acme", 3, 0.25],
        ["minister", 3, 0.25],
        ["beta", 2, round(0.5 / 6, 12)],
        ["pk", 2, round(0.5 / 6, 12)],
        ["daily", 2, 0.0],
    ]


def test_centrality_ranks_higher_degree_first_when_betweenness_ties(tmp_path):
    # triangle m-n-o with leaf a hanging off n: n lies on a's paths to m and o;
    # m, o and a all have betweenness 0, but m and o have degree 2, a only 1,
    # so a comes last although its id sorts first
    dataset = load_corpus(
        tmp_path,
        entities=[("m", "platform"), ("n", "place"), ("o", "place"), ("a", "platform")],
        claims=[
            claim("mn", "m", "visit", "n", said_by="m"),
            claim("mo", "m", "visit", "o", said_by="m"),
            claim("no", "n", "visit", "o", said_by="n"),
            claim("an", "a", "visit", "n", said_by="a"),
        ],
    )
    table = centrality(dataset)
    assert table[["entity_id", "degree"]].values.tolist() == [["n", 3], ["m", 2], ["o", 2], ["a", 1]]


def test_sampled_betweenness_with_a_fixed_seed_gives_the_same_result_twice():
    dataset = analysis.load()
    first = centrality(dataset, k=5, seed=7)
    second = centrality(dataset, k=5, seed=7)
    pd.testing.assert_frame_equal(first, second)


def test_sampled_betweenness_with_k_at_least_the_node_count_is_exact(dataset):
    pd.testing.assert_frame_equal(centrality(dataset, k=100, seed=3), centrality(dataset))


def test_centrality_accepts_a_prebuilt_network(dataset):
    G = actor_network(dataset, include_speakers=False)
    table = centrality(dataset, graph=G).set_index("entity_id")
    assert table.loc["daily", "degree"] == 0


def _oracle_graphs():
    """Small graphs on which igraph's betweenness must give networkx's numbers."""
    star_and_triangle = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("x", "y"), ("y", "z"), ("z", "x")])
    star_and_triangle.add_node("alone")
    with_loop_and_parallel = nx.MultiGraph([(0, 1), (0, 1), (1, 2), (2, 2), (2, 3), (1, 3)])
    return {
        "path": nx.path_graph(6),
        "karate": nx.karate_club_graph(),
        "disconnected": star_and_triangle,
        "two tied routes": nx.cycle_graph(8),
        "random sparse": nx.gnp_random_graph(40, 0.06, seed=11),
        "directed": nx.gnp_random_graph(30, 0.1, seed=5, directed=True),
        "multigraph with a self-loop": with_loop_and_parallel,
        "two nodes": nx.Graph([("a", "b")]),
    }


@pytest.mark.parametrize("name", list(_oracle_graphs()))
@pytest.mark.parametrize("k", [None, 1, 2, 5, "n - 1", "n", "n + 3"])
def test_betweenness_equals_networkx_on_small_graphs(name, k):
    G = _oracle_graphs()[name]
    n = len(G)
    k = {"n - 1": n - 1, "n": n, "n + 3": n + 3}.get(k, k)
    if k is not None and k > n:
        k = min(k, n)  # networkx refuses a sample larger than the graph
    expected = nx.betweenness_centrality(nx.Graph(G) if G.is_multigraph() else G, k=k, seed=4, normalized=True)
    got = betweenness(G, k=k, seed=4)
    assert list(got) == list(expected)
    for node in G:
        # k = 1 leaves the sampled source undefined (0/0) in networkx: NaN in both
        assert got[node] == pytest.approx(expected[node], abs=1e-12, nan_ok=True)


def test_betweenness_samples_the_same_sources_as_networkx():
    # a star: only the hub lies between, and its estimate depends on which
    # leaves were drawn, so equal values mean equal samples
    G = nx.star_graph(9)
    for seed in range(5):
        assert betweenness(G, k=3, seed=seed)[0] == pytest.approx(nx.betweenness_centrality(G, k=3, seed=seed)[0], abs=1e-12)


def test_betweenness_refuses_a_sample_of_no_sources():
    with pytest.raises(ValueError, match="at least 1"):
        betweenness(nx.path_graph(3), k=0)


def test_centrality_of_a_small_network_is_exact_and_says_so(dataset):
    table = centrality(dataset)
    assert table.attrs == {"sampled_k": None, "seed": 0, "entities": 5}
    assert sampling_note(table) == "betweenness exact over 5 entities"


def test_centrality_samples_above_the_exact_limit_and_says_so(dataset, monkeypatch):
    monkeypatch.setattr(network, "EXACT_BETWEENNESS_UP_TO", 4)
    monkeypatch.setattr(network, "SAMPLED_SOURCES", 3)
    table = centrality(dataset, seed=2)
    assert table.attrs == {"sampled_k": 3, "seed": 2, "entities": 5}
    assert sampling_note(table) == "betweenness sampled from 3 of 5 entities, seed 2"
    G = actor_network(dataset)
    expected = nx.betweenness_centrality(G, k=3, seed=2)
    assert dict(zip(table["entity_id"], table["betweenness"])) == {n: round(b, 12) for n, b in expected.items()}


def test_centrality_with_k_below_the_entity_count_is_sampled(dataset):
    table = centrality(dataset, k=4, seed=9)
    assert sampling_note(table) == "betweenness sampled from 4 of 5 entities, seed 9"


# ---------------------------------------------------------------------------
# ego networks


def test_ego_network_includes_neighbours_and_speakers(dataset):
    # beta's neighbour is pk; minister speaks about it
    assert sorted(ego_network(dataset, "beta")) == ["beta", "minister", "pk"]


def test_ego_network_includes_speakers_of_claims_where_it_is_the_object(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[("acme", "platform"), ("pk", "place"), ("insiders", "unnamed_source"), ("daily", "media")],
        claims=[claim("k1", "acme", "open_office_in", "pk", said_by="insiders")],
    )
    assert sorted(ego_network(dataset, "pk")) == ["acme", "insiders", "pk"]


def test_ego_network_keeps_claims_as_keyed_edges(dataset):
    E = ego_network(dataset, "beta")
    assert isinstance(E, nx.MultiDiGraph)
    assert sorted(E.edges(keys=True)) == [("beta", "pk", "k3")]


def test_ego_network_radius_two_reaches_further(dataset):
    assert "acme" in ego_network(dataset, "beta", radius=2)
    assert "acme" not in ego_network(dataset, "beta", radius=1)


def test_ego_network_of_unknown_entity_raises_key_error_naming_it(dataset):
    with pytest.raises(KeyError, match="nobody"):
        ego_network(dataset, "nobody")


def test_dataset_entity_of_unknown_id_raises_key_error_naming_it(dataset):
    with pytest.raises(KeyError, match="nobody"):
        dataset.entity("nobody")


def test_dataset_entity_returns_the_row(dataset):
    assert dataset.entity("minister")["type"] == "person"


# ---------------------------------------------------------------------------
# projections


def test_platforms_by_requirement_projection_weights(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[
            ("acme", "platform"),
            ("beta", "platform"),
            ("gamma", "company"),
            ("pk", "place"),
            ("daily", "media"),
            ("r1", "requirement"),
            ("r2", "requirement"),
        ],
        claims=[
            claim("a1", "acme", "open_office_in", "pk", requirement="r1"),
            claim("a1b", "acme", "open_office_in", "pk", status="reluctant", requirement="r1"),
            claim("a2", "acme", "store_data_in", "pk", requirement="r2"),
            claim("b1", "beta", "open_office_in", "pk", requirement="r1"),
            claim("b2", "beta", "store_data_in", "pk", requirement="r2"),
            claim("g1", "gamma", "open_office_in", "pk", requirement="r1"),
        ],
    )
    P = projection(dataset, "platforms-by-requirement")
    # acme's two claims on r1 are still one shared requirement
    assert weights(P) == {("acme", "beta"): 2, ("acme", "gamma"): 1, ("beta", "gamma"): 1}
    assert P.nodes["acme"]["name"] == "Acme"


def test_speakers_by_subject_projection_weights(dataset):
    # minister speaks about acme and beta, daily about acme and minister, acme about acme
    P = projection(dataset, "speakers-by-subject")
    assert sorted(P) == ["acme", "daily", "minister"]
    assert weights(P) == {("daily", "minister"): 1, ("acme", "minister"): 1, ("acme", "daily"): 1}


def test_unknown_projection_raises_value_error_naming_the_choices(dataset):
    with pytest.raises(ValueError, match="platforms-by-requirement"):
        projection(dataset, "nonsense")


# ---------------------------------------------------------------------------
# communities


def test_communities_are_identical_for_the_same_seed():
    dataset = analysis.load()
    assert communities(dataset, seed=3) == communities(dataset, seed=3)


def test_communities_partition_every_entity_once():
    dataset = analysis.load()
    groups = communities(dataset, seed=0)
    members = [entity for group in groups for entity in group]
    assert sorted(members) == sorted(dataset.entities["entity_id"])


def test_communities_are_sorted_largest_first_members_by_id():
    groups = communities(analysis.load(), seed=0)
    assert all(group == sorted(group) for group in groups)
    assert [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)


def test_two_separate_components_are_separate_communities(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[("a", "platform"), ("b", "place"), ("c", "platform"), ("d", "place")],
        claims=[claim("ab", "a", "visit", "b", said_by="a"), claim("cd", "c", "visit", "d", said_by="c")],
    )
    assert communities(dataset, seed=0) == [["a", "b"], ["c", "d"]]
