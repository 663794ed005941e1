"""Who says so: claims by asserting party and by kind of party, corroboration, lone unnamed sources.

The package, by hand:

=====  ====================================  ==========  ==================  ======
claim  statement                             status      said by             source
=====  ====================================  ==========  ==================  ======
k1     acme open_office_in pk                agreed  +   minister (person)   a
k2     acme open_office_in pk                planned +   ministry (body)     a
k3     acme open_office_in pk                reluctant - insiders (unnamed)  a
k4     acme open_office_in pk                done    +   minister            b
k5     beta open_office_in pk                declined -  insiders            a
k6     beta store_data_in pk                 not_done -  insiders            a
k7     beta store_data_in pk                 not_done -  daily (media)       a
k8     acme visit pk                         done    +   aides (unnamed)     a
k9     acme visit pk                         planned +   aides               a
=====  ====================================  ==========  ==================  ======

Every claim has its own quote, so each is its own statement: 9 statements.

Resting on unnamed sources alone: k3 (nobody else disputes acme's office),
k5, k6 (daily says the same, but in the same source: the outlet's own
narration is not a second account of what its sources say), and k8 and k9
(aides twice is still one party). So 5 of 9 statements: 3 from insiders,
2 from aides.
"""

from __future__ import annotations

import pytest
from corpus_builder import claim, entity, load_corpus

from analysis.sourcing import (
    claim_parties,
    claims_by_kind,
    claims_by_party,
    corroboration,
    unnamed_alone,
    who_says_what,
)

ENTITIES = [
    ("acme", "platform"),
    ("beta", "platform"),
    ("pk", "place"),
    entity("minister", "person", name="Ms Minister"),
    entity("ministry", "government_body", name="The Ministry"),
    entity("insiders", "unnamed_source", name="industry insiders"),
    entity("aides", "unnamed_source", name="aides"),
    entity("daily", "media", name="The Daily"),
]
CLAIMS = [
    claim("k1", "acme", "open_office_in", "pk", status="agreed", said_by="minister", source="a"),
    claim("k2", "acme", "open_office_in", "pk", status="planned", said_by="ministry", source="a"),
    claim("k3", "acme", "open_office_in", "pk", status="reluctant", said_by="insiders", source="a"),
    claim("k4", "acme", "open_office_in", "pk", status="done", said_by="minister", source="b"),
    claim("k5", "beta", "open_office_in", "pk", status="declined", said_by="insiders", source="a"),
    claim("k6", "beta", "store_data_in", "pk", status="not_done", said_by="insiders", source="a"),
    claim("k7", "beta", "store_data_in", "pk", status="not_done", said_by="daily", source="a"),
    claim("k8", "acme", "visit", "pk", status="done", said_by="aides", source="a"),
    claim("k9", "acme", "visit", "pk", status="planned", said_by="aides", source="a"),
]
SOURCES = [{"source_id": "a", "published": "2022-12-10"}, {"source_id": "b", "published": "2022-12-11"}]


@pytest.fixture
def dataset(tmp_path):
    return load_corpus(tmp_path, entities=ENTITIES, claims=CLAIMS, sources=SOURCES)


def test_claim_parties_gives_each_claim_its_party_kind_and_polarity(dataset):
    table = claim_parties(dataset).set_index("claim_id")
    assert table.loc["k1", ["party_name", "party_type", "kind", "polarity"]].tolist() == [
        "Ms Minister",
        "person",
        "named person",
        "+",
    ]
    assert table.loc["k3", ["kind", "polarity"]].tolist() == ["unnamed source", "-"]
    assert table.loc["k7", "kind"] == "outlet's own narration"
    assert table.loc["k2", "kind"] == "institution"


def test_claims_by_party_counts_by_hand(dataset):
    table = claims_by_party(dataset)
    got = {
        row.said_by: (row.kind, row.statements, row.claims, row.positive, row.negative, row.sources)
        for row in table.itertuples()
    }
    assert got == {
        "insiders": ("unnamed source", 3, 3, 0, 3, 1),
        "minister": ("named person", 2, 2, 2, 0, 2),
        "aides": ("unnamed source", 2, 2, 2, 0, 1),
        "daily": ("outlet's own narration", 1, 1, 0, 1, 1),
        "ministry": ("institution", 1, 1, 1, 0, 1),
    }


def test_claims_sharing_a_quote_are_one_statement_of_their_party(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[("acme", "platform"), ("beta", "platform"), ("pk", "place"), ("daily", "media")],
        claims=[
            claim("k1", "acme", "store_data_in", "pk", status="not_done", quote="all the platforms store data abroad"),
            claim("k2", "beta", "store_data_in", "pk", status="not_done", quote="all the platforms store data abroad"),
        ],
    )
    row = claims_by_party(dataset).set_index("said_by").loc["daily"]
    assert (row["statements"], row["claims"], row["negative"]) == (1, 2, 1)
    assert claims_by_kind(dataset).loc["outlet's own narration"].tolist() == [0, 1, 1]
    assert who_says_what(dataset).loc["daily", "not_done"] == 1


def test_claims_by_party_orders_most_statements_first_ties_by_id(dataset):
    assert claims_by_party(dataset)["said_by"].tolist() == ["insiders", "aides", "minister", "daily", "ministry"]


def test_claims_by_party_carries_name_and_type(dataset):
    row = claims_by_party(dataset).set_index("said_by").loc["insiders"]
    assert (row["name"], row["type"]) == ("industry insiders", "unnamed_source")


def test_company_or_platform_speaking_for_itself_is_an_institution(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[("acme", "platform"), ("meta", "company"), ("pk", "place"), ("daily", "media")],
        claims=[
            claim("k1", "acme", "open_office_in", "pk", said_by="acme"),
            claim("k2", "meta", "open_office_in", "pk", said_by="meta"),
        ],
    )
    assert set(claims_by_party(dataset)["kind"]) == {"institution"}


def test_claims_by_kind_by_hand(dataset):
    table = claims_by_kind(dataset)
    assert table.to_dict("index") == {
        "unnamed source": {"+": 2, "-": 3, "total": 5},
        "named person": {"+": 2, "-": 0, "total": 2},
        "institution": {"+": 1, "-": 0, "total": 1},
        "outlet's own narration": {"+": 0, "-": 1, "total": 1},
    }


def test_claims_by_kind_orders_most_claims_first(dataset):
    assert claims_by_kind(dataset).index.tolist()[:2] == ["unnamed source", "named person"]


def test_claims_by_kind_has_a_zero_column_when_no_claim_is_negative(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[("acme", "platform"), ("pk", "place"), ("daily", "media")],
        claims=[claim("k1", "acme", "open_office_in", "pk")],
    )
    assert claims_by_kind(dataset).to_dict("index") == {"outlet's own narration": {"+": 1, "-": 0, "total": 1}}


def test_who_says_what_counts_statuses_per_party(dataset):
    table = who_says_what(dataset)
    assert table.loc["minister"].to_dict() == {"done": 1, "agreed": 1, "planned": 0, "declined": 0, "reluctant": 0,
                                                "not_done": 0, "statements": 2}


def corroboration_rows(dataset):
    table = corroboration(dataset)
    return {
        (r.subject, r.predicate, r.object): (
            r.supporting_parties,
            r.disputing_parties,
            r.n_supporting,
            r.n_disputing,
            r.n_sources,
            r.claims,
            r.claim_ids,
        )
        for r in table.itertuples()
    }


def test_corroboration_by_hand(dataset):
    assert corroboration_rows(dataset) == {
        ("acme", "open_office_in", "pk"): ("minister|ministry", "insiders", 2, 1, 2, 4, "k1|k2|k3|k4"),
        ("acme", "visit", "pk"): ("aides", "", 1, 0, 1, 2, "k8|k9"),
        ("beta", "open_office_in", "pk"): ("", "insiders", 0, 1, 1, 1, "k5"),
        ("beta", "store_data_in", "pk"): ("", "daily|insiders", 0, 2, 1, 2, "k6|k7"),
    }


def test_corroboration_counts_a_party_once_however_many_claims_it_makes(dataset):
    row = corroboration_rows(dataset)[("acme", "open_office_in", "pk")]
    # minister makes two claims (k1, k4): still one supporting party
    assert row[2] == 2


def test_corroboration_separates_supporting_from_disputing_parties(dataset):
    row = corroboration_rows(dataset)[("acme", "open_office_in", "pk")]
    assert row[0].split("|") == ["minister", "ministry"] and row[1].split("|") == ["insiders"]


def test_unnamed_alone_by_hand(dataset):
    assert unnamed_alone(dataset) == {
        "claims": ["k3", "k5", "k6", "k8", "k9"],
        "statements": 5,
        "total": 9,
        "share": 5 / 9,
        "parties": {"insiders": 3, "aides": 2},
    }


def test_the_outlets_narration_in_the_same_source_does_not_corroborate(dataset):
    assert "k6" in unnamed_alone(dataset)["claims"]


def test_the_outlet_reporting_the_same_in_another_source_corroborates(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[("beta", "platform"), ("pk", "place"), entity("insiders", "unnamed_source"), ("daily", "media")],
        claims=[
            claim("k1", "beta", "store_data_in", "pk", status="not_done", said_by="insiders", source="a"),
            claim("k2", "beta", "store_data_in", "pk", status="not_done", said_by="daily", source="b"),
        ],
        sources=SOURCES,
    )
    assert unnamed_alone(dataset)["claims"] == []


def test_unnamed_claim_opposed_by_others_is_still_alone(dataset):
    # k1, k2 and k4 support what k3 disputes: they do not corroborate it
    assert "k3" in unnamed_alone(dataset)["claims"]


def test_named_sources_are_never_unnamed_alone(dataset):
    assert not {"k1", "k2", "k4", "k7"} & set(unnamed_alone(dataset)["claims"])


def test_inferred_claims_are_left_out_unless_asked(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[("beta", "platform"), ("pk", "place"), entity("insiders", "unnamed_source"), ("daily", "media")],
        claims=[claim("k1", "beta", "store_data_in", "pk", said_by="insiders", reading="inferred", notes="why")],
    )
    assert claims_by_party(dataset).empty
    assert unnamed_alone(dataset, include_inferred=True)["claims"] == ["k1"]
