"""The claims graph (SPEC part 3): one node per entity, one edge per claim keyed by claim id.

The package used here, by hand:

=========  ========================================================================
entities   acme (platform, wikidata Q1), freedonia (place), minister (person,
           role Minister), daily (media)
claims     c1 acme open_office_in freedonia, agreed, said by minister, 2022-12-09
           c2 acme open_office_in freedonia, reluctant, said by daily (undated)
           c3 minister visit freedonia, done, said by daily; extra column ``page`` = 4
=========  ========================================================================
"""

from __future__ import annotations

import networkx as nx
import pytest
from corpus_builder import claim, entity, load_corpus

from analysis.graph import EDGE_EXTRA_ATTRIBUTES, build_graph

ENTITIES = [
    entity("acme", "platform", wikidata="Q1"),
    ("freedonia", "place"),
    entity("minister", "person", name="Ms Minister", role="Minister"),
    entity("daily", "media", name="The Daily"),
]
CLAIMS = [
    claim("c1", "acme", "open_office_in", "freedonia", status="agreed", said_by="minister", date="2022-12-09",
          date_text="on Friday"),
    claim("c2", "acme", "open_office_in", "freedonia", status="reluctant"),
    claim("c3", "minister", "visit", "freedonia", page="4"),
]
PREDICATES = [
    {"predicate": "open_office_in", "label": "opens office in", "subject_types": "platform", "object_types": "place"},
    {"predicate": "visit", "label": "visits", "subject_types": "person", "object_types": "place"},
]
SOURCES = [{"source_id": "s1", "title": "Acme to open office", "publisher": "The Daily", "published": "2022-12-10"}]


@pytest.fixture
def dataset(tmp_path):
    return load_corpus(tmp_path, entities=ENTITIES, claims=CLAIMS, predicates=PREDICATES, sources=SOURCES)


@pytest.fixture
def G(dataset):
    return build_graph(dataset)


def test_graph_is_a_multidigraph(G):
    assert isinstance(G, nx.MultiDiGraph)


def test_one_node_per_entity(G):
    assert sorted(G.nodes) == ["acme", "daily", "freedonia", "minister"]


def test_node_carries_every_entity_column_present(G):
    assert G.nodes["minister"] == {"entity_id": "minister", "name": "Ms Minister", "type": "person", "role": "Minister"}


def test_missing_entity_values_are_absent_not_empty_or_nan(G):
    assert G.nodes["freedonia"] == {"entity_id": "freedonia", "name": "Freedonia", "type": "place"}


def test_entity_type_is_a_plain_string(G):
    assert type(G.nodes["acme"]["type"]) is str


def test_extra_entity_column_travels_into_node_attributes(G):
    assert G.nodes["acme"]["wikidata"] == "Q1"
    assert "wikidata" not in G.nodes["daily"]


def test_one_edge_per_claim_from_subject_to_object_keyed_by_claim_id(G):
    assert sorted(G.edges(keys=True)) == [
        ("acme", "freedonia", "c1"),
        ("acme", "freedonia", "c2"),
        ("minister", "freedonia", "c3"),
    ]


def test_parallel_claims_between_the_same_pair_are_separate_edges(G):
    assert G.number_of_edges("acme", "freedonia") == 2
    assert G.edges["acme", "freedonia", "c1"]["status"] == "agreed"
    assert G.edges["acme", "freedonia", "c2"]["status"] == "reluctant"


def test_edge_carries_every_claim_column_and_the_joined_attributes(G):
    assert G.edges["acme", "freedonia", "c1"] == {
        "claim_id": "c1",
        "subject": "acme",
        "predicate": "open_office_in",
        "object": "freedonia",
        "status": "agreed",
        "said_by": "minister",
        "source": "s1",
        "quote": "quote of c1",
        "date": "2022-12-09",
        "date_text": "on Friday",
        "predicate_label": "opens office in",
        "polarity": "+",
        "source_title": "Acme to open office",
        "source_publisher": "The Daily",
        "source_published": "2022-12-10",
    }


def test_negative_status_gives_minus_polarity(G):
    assert G.edges["acme", "freedonia", "c2"]["polarity"] == "-"


def test_edge_extra_attributes_are_the_five_joined_ones():
    assert EDGE_EXTRA_ATTRIBUTES == (
        "predicate_label",
        "polarity",
        "source_title",
        "source_publisher",
        "source_published",
    )


def test_missing_claim_values_are_absent(G):
    edge = G.edges["acme", "freedonia", "c2"]
    assert not {"requirement", "date", "date_text", "notes", "page"} & set(edge)


def test_extra_claim_column_travels_into_edge_attributes(G):
    assert G.edges["minister", "freedonia", "c3"]["page"] == "4"


def test_every_attribute_value_is_a_string(G):
    values = [v for _, d in G.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in G.edges(data=True) for v in d.values()]
    assert all(type(v) is str for v in values)


def test_dataset_graph_is_built_once(dataset):
    assert dataset.graph() is dataset.graph()


def test_entity_without_claims_is_still_a_node(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[("acme", "platform"), ("freedonia", "place"), ("daily", "media"), ("lonely", "place")],
        claims=[claim("c1", "acme", "open_office_in", "freedonia")],
    )
    G = build_graph(dataset)
    assert "lonely" in G and G.degree("lonely") == 0
