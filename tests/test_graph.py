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


# ---------------------------------------------------------------------------
# readings, said_on and cited sources: every claim is an edge, cells as written
#
# s1 stored (2022-12-10), s2 cited (2022-12-11). Claims, all acme open_office_in freedonia:
#   e   reading empty, said on 2022-12-09
#   s   reading "stated" written out
#   i   reading "inferred", with notes
#   p   from the cited source s2: a paraphrase, no quote


READING_CLAIMS = [
    claim("e", "acme", "open_office_in", "freedonia", said_on="2022-12-09"),
    claim("s", "acme", "open_office_in", "freedonia", reading="stated"),
    claim("i", "acme", "open_office_in", "freedonia", status="reluctant", reading="inferred",
          notes="read as reluctant"),
    claim("p", "acme", "open_office_in", "freedonia", source="s2",
          paraphrase="Acme will open an office, says the Ledger"),
]
READING_SOURCES = [
    {"source_id": "s1", "title": "Acme to open office", "publisher": "The Daily", "published": "2022-12-10"},
    {"source_id": "s2", "title": "[Ledger report on Acme]", "publisher": "The Ledger", "published": "2022-12-11",
     "text": "cited", "url": "https://ledger.example.invalid/acme"},
]


@pytest.fixture
def readings(tmp_path):
    return load_corpus(tmp_path, entities=ENTITIES, claims=READING_CLAIMS, predicates=PREDICATES,
                       sources=READING_SOURCES)


def test_inferred_claims_are_edges_too(readings):
    assert sorted(key for _, _, key in build_graph(readings).edges(keys=True)) == ["e", "i", "p", "s"]


def test_empty_reading_is_left_out_not_filled_in(readings):
    # lossless: the edge carries the cell as written; absent means stated
    edges = build_graph(readings).edges
    assert "reading" not in edges["acme", "freedonia", "e"]
    assert edges["acme", "freedonia", "s"]["reading"] == "stated"
    assert edges["acme", "freedonia", "i"]["reading"] == "inferred"
    assert edges["acme", "freedonia", "i"]["notes"] == "read as reluctant"


def test_a_reader_tells_stated_from_inferred_by_the_reading_attribute(readings):
    G = build_graph(readings)
    stated = sorted(k for _, _, k, d in G.edges(keys=True, data=True) if d.get("reading", "stated") == "stated")
    assert stated == ["e", "p", "s"]


def test_graph_of_the_stated_selection_has_no_inferred_edge(readings):
    G = build_graph(readings.select(include_inferred=False))
    assert sorted(key for _, _, key in G.edges(keys=True)) == ["e", "p", "s"]


def test_said_on_travels_as_written_and_only_where_given(readings):
    edges = build_graph(readings).edges
    assert edges["acme", "freedonia", "e"]["said_on"] == "2022-12-09"
    assert "said_on" not in edges["acme", "freedonia", "s"]  # not filled from the publication


def test_edge_of_a_cited_claim_carries_its_paraphrase_and_no_quote(readings):
    edge = build_graph(readings).edges["acme", "freedonia", "p"]
    assert edge["paraphrase"] == "Acme will open an office, says the Ledger"
    assert "quote" not in edge
    assert (edge["source_title"], edge["source_publisher"], edge["source_published"]) == (
        "[Ledger report on Acme]",
        "The Ledger",
        "2022-12-11",
    )


def test_group_entity_is_a_node_with_its_type(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[("the-companies", "group"), ("freedonia", "place"), ("daily", "media")],
        claims=[claim("g", "the-companies", "open_office_in", "freedonia")],
    )
    G = build_graph(dataset)
    assert G.nodes["the-companies"]["type"] == "group"
    assert list(G.edges(keys=True)) == [("the-companies", "freedonia", "g")]
