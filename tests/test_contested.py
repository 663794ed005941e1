"""Where accounts disagree: pairs of claims of opposite polarity about the same subject and thing.

The package, by hand (``req`` is the only requirement):

=====  ======================================  ==========  ===========  ========
claim  statement                               status      requirement  said by
=====  ======================================  ==========  ===========  ========
p1     acme open_office_in pk                  agreed  +   req          minister
n1     acme open_office_in pk                  reluctant - req          insiders
p2     beta open_office_in pk                  planned +   req          minister
p3     beta open_office_in pk                  agreed  +   req          daily
o1     meta owns fb                            done        --           daily
m1     meta open_office_in pk                  declined -  req          insiders
f1     fb open_office_in pk                    agreed  +   req          minister
v1     acme visit pk                           done    +   --           daily
v2     acme visit pk                           not_done -  --           insiders
=====  ======================================  ==========  ===========  ========

Pairs: acme on req (p1, n1); acme on visit:pk (v1, v2); fb on req (f1 against
m1, which fb inherits from meta). Beta's two claims agree; meta has no
positive claim; acme's p1 and beta's nothing are different subjects.
"""

from __future__ import annotations

import pandas as pd
import pytest
from corpus_builder import claim, load_corpus

from analysis.contested import CONTESTED_COLUMNS, contested_claims

ENTITIES = [
    ("acme", "platform"),
    ("beta", "platform"),
    ("meta", "company"),
    ("fb", "platform"),
    ("pk", "place"),
    ("req", "requirement"),
    ("minister", "person"),
    ("insiders", "unnamed_source"),
    ("daily", "media"),
]
CLAIMS = [
    claim("p1", "acme", "open_office_in", "pk", status="agreed", said_by="minister", requirement="req",
          quote="Acme has agreed"),
    claim("n1", "acme", "open_office_in", "pk", status="reluctant", said_by="insiders", requirement="req",
          quote="Acme is reluctant"),
    claim("p2", "beta", "open_office_in", "pk", status="planned", said_by="minister", requirement="req"),
    claim("p3", "beta", "open_office_in", "pk", status="agreed", requirement="req"),
    claim("o1", "meta", "owns", "fb"),
    claim("m1", "meta", "open_office_in", "pk", status="declined", said_by="insiders", requirement="req"),
    claim("f1", "fb", "open_office_in", "pk", status="agreed", said_by="minister", requirement="req"),
    claim("v1", "acme", "visit", "pk", status="done"),
    claim("v2", "acme", "visit", "pk", status="not_done", said_by="insiders"),
]


@pytest.fixture
def pairs(tmp_path):
    return contested_claims(load_corpus(tmp_path, entities=ENTITIES, claims=CLAIMS))


def key_rows(pairs):
    return [
        [None if pd.isna(v) else v for v in row]
        for row in pairs[["subject", "about", "positive_claim", "negative_claim", "inherited_from"]].values.tolist()
    ]


def test_columns(pairs):
    assert list(pairs.columns) == CONTESTED_COLUMNS


def test_pairs_by_hand(pairs):
    assert key_rows(pairs) == [
        ["acme", "requirement:req", "p1", "n1", None],
        ["acme", "visit:pk", "v1", "v2", None],
        ["fb", "requirement:req", "f1", "m1", "meta"],
    ]


def test_positive_and_negative_claim_on_same_subject_and_requirement_form_a_pair(pairs):
    row = pairs[pairs["positive_claim"] == "p1"].iloc[0]
    assert row[["positive_status", "positive_said_by", "positive_quote"]].tolist() == [
        "agreed",
        "minister",
        "Acme has agreed",
    ]
    assert row[["negative_claim", "negative_status", "negative_said_by", "negative_quote"]].tolist() == [
        "n1",
        "reluctant",
        "insiders",
        "Acme is reluctant",
    ]


def test_claims_of_the_same_polarity_do_not_form_a_pair(pairs):
    assert "beta" not in set(pairs["subject"])


def test_claims_about_different_subjects_do_not_form_a_pair(tmp_path):
    pairs = contested_claims(
        load_corpus(
            tmp_path,
            entities=ENTITIES,
            claims=[
                claim("p1", "acme", "open_office_in", "pk", status="agreed", requirement="req"),
                claim("n1", "beta", "open_office_in", "pk", status="declined", requirement="req"),
            ],
        )
    )
    assert pairs.empty and list(pairs.columns) == CONTESTED_COLUMNS


def test_claims_about_different_things_do_not_form_a_pair(tmp_path):
    pairs = contested_claims(
        load_corpus(
            tmp_path,
            entities=ENTITIES,
            claims=[
                claim("p1", "acme", "open_office_in", "pk", status="agreed"),
                claim("n1", "acme", "visit", "pk", status="declined"),
            ],
        )
    )
    assert pairs.empty


def test_claims_without_requirement_pair_on_predicate_and_object(pairs):
    assert key_rows(pairs[pairs["about"] == "visit:pk"]) == [["acme", "visit:pk", "v1", "v2", None]]


def test_inherited_pair_carries_the_owner_in_inherited_from(pairs):
    row = pairs[pairs["subject"] == "fb"].iloc[0]
    assert (row["positive_claim"], row["negative_claim"], row["inherited_from"]) == ("f1", "m1", "meta")
    assert row["negative_said_by"] == "insiders" and row["negative_status"] == "declined"


def test_direct_pairs_have_no_inherited_from(pairs):
    assert pairs.loc[pairs["subject"] == "acme", "inherited_from"].isna().all()


def test_owner_without_opposing_claim_is_not_contested(pairs):
    assert "meta" not in set(pairs["subject"])


def test_every_combination_of_opposing_claims_is_a_pair(tmp_path):
    # two positives against one negative: two pairs
    pairs = contested_claims(
        load_corpus(
            tmp_path,
            entities=ENTITIES,
            claims=[
                claim("a1", "acme", "open_office_in", "pk", status="agreed", requirement="req"),
                claim("a2", "acme", "open_office_in", "pk", status="done", requirement="req"),
                claim("a3", "acme", "open_office_in", "pk", status="reluctant", requirement="req"),
            ],
        )
    )
    assert pairs[["positive_claim", "negative_claim"]].values.tolist() == [["a1", "a3"], ["a2", "a3"]]
