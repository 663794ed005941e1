"""Who complies with which requirement: compliance.csv's long table, the ownership roll-up, the matrix.

The main package, by hand (every claim from source s1, published 2022-12-10):

======  =============================================================  ==========  ========
claim   subject predicate object, status                               requirement said by
======  =============================================================  ==========  ========
o1      meta owns fb, done                                             --          daily
c1      google open_office_in pk, planned (2022-12-09)                 req-office  minister
c2      google open_office_in pk, reluctant                            req-office  daily
c3      meta open_office_in pk, reluctant                              req-office  daily
c4      fb store_data_in pk, not_done                                  req-servers daily
c5      ministry open_office_in pk, done (a body, not a platform)      req-office  daily
c6      fb open_office_in pk, agreed                                   req-office  minister
======  =============================================================  ==========  ========

So compliance.csv is, in order (subject, requirement, direct before inherited,
claim id); every row was said on 2022-12-10 (s1's publication: no claim has a
``said_on``), is ``stated`` (no ``reading``) and rests on a ``quote`` (s1 is
stored)::

    fb      req-office   c6 agreed    +  minister
    fb      req-office   c3 reluctant -  daily     inherited from meta
    fb      req-servers  c4 not_done  -  daily
    google  req-office   c1 planned   +  minister  2022-12-09
    google  req-office   c2 reluctant -  daily
    meta    req-office   c3 reluctant -  daily

``req-unused`` is a requirement nobody reports on.
"""

from __future__ import annotations

import pandas as pd
import pytest
from corpus_builder import claim, load_corpus

from analysis.compliance import (
    COMPLIANCE_COLUMNS,
    cell_summary,
    compliance_matrix,
    compliance_table,
    ownership,
)

SPEC_COLUMNS = [
    "subject",
    "requirement",
    "claim_id",
    "status",
    "polarity",
    "said_by",
    "date",
    "said_on",
    "source",
    "reading",
    "evidence",
    "inherited_from",
]

ENTITIES = [
    ("meta", "company"),
    ("fb", "platform"),
    ("google", "platform"),
    ("ministry", "government_body"),
    ("minister", "person"),
    ("daily", "media"),
    ("pk", "place"),
    ("req-office", "requirement"),
    ("req-servers", "requirement"),
    ("req-unused", "requirement"),
]
CLAIMS = [
    claim("o1", "meta", "owns", "fb"),
    claim("c1", "google", "open_office_in", "pk", status="planned", said_by="minister", requirement="req-office",
          date="2022-12-09"),
    claim("c2", "google", "open_office_in", "pk", status="reluctant", requirement="req-office"),
    claim("c3", "meta", "open_office_in", "pk", status="reluctant", requirement="req-office"),
    claim("c4", "fb", "store_data_in", "pk", status="not_done", requirement="req-servers"),
    claim("c5", "ministry", "open_office_in", "pk", requirement="req-office"),
    claim("c6", "fb", "open_office_in", "pk", status="agreed", said_by="minister", requirement="req-office"),
]


@pytest.fixture
def dataset(tmp_path):
    return load_corpus(tmp_path, entities=ENTITIES, claims=CLAIMS)


def rows(table, *columns):
    """The table's rows as lists of plain values, <NA> as None."""
    columns = list(columns) or list(table.columns)
    return [[None if pd.isna(v) else v for v in row] for row in table[columns].values.tolist()]


# ---------------------------------------------------------------------------
# the long table


def test_columns_are_exactly_the_spec_columns_of_compliance_csv(dataset):
    assert COMPLIANCE_COLUMNS == SPEC_COLUMNS
    assert list(compliance_table(dataset).columns) == SPEC_COLUMNS


def test_long_table_by_hand(dataset):
    said = ["2022-12-10", "s1", "stated", "quote"]  # said_on, source, reading, evidence
    assert rows(compliance_table(dataset)) == [
        ["fb", "req-office", "c6", "agreed", "+", "minister", None, *said, None],
        ["fb", "req-office", "c3", "reluctant", "-", "daily", None, *said, "meta"],
        ["fb", "req-servers", "c4", "not_done", "-", "daily", None, *said, None],
        ["google", "req-office", "c1", "planned", "+", "minister", "2022-12-09", *said, None],
        ["google", "req-office", "c2", "reluctant", "-", "daily", None, *said, None],
        ["meta", "req-office", "c3", "reluctant", "-", "daily", None, *said, None],
    ]


def test_direct_rows_are_the_claims_with_a_requirement_about_platforms_and_companies(dataset):
    table = compliance_table(dataset, inherit=False)
    assert rows(table, "subject", "claim_id") == [
        ["fb", "c6"],
        ["fb", "c4"],
        ["google", "c1"],
        ["google", "c2"],
        ["meta", "c3"],
    ]
    assert table["inherited_from"].isna().all()


def test_subject_that_is_not_a_platform_or_company_is_excluded(dataset):
    table = compliance_table(dataset)
    assert "ministry" not in set(table["subject"])
    assert "c5" not in set(table["claim_id"])


def test_claim_without_requirement_is_not_in_the_table(dataset):
    assert "o1" not in set(compliance_table(dataset)["claim_id"])


# ---------------------------------------------------------------------------
# ownership roll-up


def test_owner_claim_appears_for_the_owned_platform_with_inherited_from_owner(dataset):
    table = compliance_table(dataset)
    inherited = table[table["inherited_from"].notna()]
    assert rows(inherited, "subject", "claim_id", "inherited_from") == [["fb", "c3", "meta"]]


def test_owner_keeps_its_own_claim_as_a_direct_row(dataset):
    table = compliance_table(dataset)
    meta = table[table["subject"] == "meta"]
    assert rows(meta, "claim_id", "inherited_from") == [["c3", None]]


def test_inherited_rows_come_after_direct_rows_in_a_cell(dataset):
    table = compliance_table(dataset)
    cell = table[(table["subject"] == "fb") & (table["requirement"] == "req-office")]
    assert rows(cell, "claim_id", "inherited_from") == [["c6", None], ["c3", "meta"]]


def test_inherit_false_leaves_out_inherited_rows(dataset):
    assert compliance_table(dataset, inherit=False)["inherited_from"].isna().all()
    assert len(compliance_table(dataset, inherit=False)) == len(compliance_table(dataset)) - 1


def test_furthest_status_uses_direct_claims_only_when_there_are_some(tmp_path):
    # meta's "done" must not make fb's own "reluctant" cell look done
    dataset = load_corpus(
        tmp_path,
        entities=[("meta", "company"), ("fb", "platform"), ("daily", "media"), ("pk", "place"), ("req", "requirement")],
        claims=[
            claim("o1", "meta", "owns", "fb"),
            claim("m1", "meta", "open_office_in", "pk", status="done", requirement="req"),
            claim("f1", "fb", "open_office_in", "pk", status="reluctant", requirement="req"),
        ],
    )
    cell = cell_summary(dataset).set_index(["subject", "requirement"]).loc[("fb", "req")]
    assert cell["furthest"] == "reluctant"
    assert not cell["inherited"]
    assert cell["statuses"] == "reluctant, done*"


def test_cell_resting_only_on_an_owner_is_marked_inherited(dataset):
    # meta's c3 is fb's only word on req-office once c6 is gone
    cells = cell_summary(dataset).set_index(["subject", "requirement"])
    assert not cells.loc[("fb", "req-office"), "inherited"]
    assert not cells.loc[("meta", "req-office"), "inherited"]


def test_cell_with_only_inherited_claims_is_inherited(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[("meta", "company"), ("fb", "platform"), ("daily", "media"), ("pk", "place"), ("req", "requirement")],
        claims=[
            claim("o1", "meta", "owns", "fb"),
            claim("m1", "meta", "open_office_in", "pk", status="planned", requirement="req"),
        ],
    )
    cell = cell_summary(dataset).set_index(["subject", "requirement"]).loc[("fb", "req")]
    assert cell["inherited"] and cell["furthest"] == "planned" and cell["statuses"] == "planned*"
    assert compliance_matrix(dataset).loc["fb", "req"] == "planned*"


CHAIN_ENTITIES = [
    ("a", "company"),
    ("b", "company"),
    ("c", "platform"),
    ("daily", "media"),
    ("pk", "place"),
    ("req", "requirement"),
]


def test_ownership_chain_a_owns_b_owns_c(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=CHAIN_ENTITIES,
        claims=[
            claim("ab", "a", "owns", "b"),
            claim("bc", "b", "owns", "c"),
            claim("a1", "a", "open_office_in", "pk", status="declined", requirement="req"),
        ],
    )
    assert ownership(dataset).values.tolist() == [["a", "b"], ["a", "c"], ["b", "c"]]
    assert rows(compliance_table(dataset), "subject", "claim_id", "inherited_from") == [
        ["a", "a1", None],
        ["b", "a1", "a"],
        ["c", "a1", "a"],
    ]


def test_diamond_ownership_inherits_once(tmp_path):
    # a owns b and c, and both own d: d inherits a's claim once, not once per path
    dataset = load_corpus(
        tmp_path,
        entities=[("a", "company"), ("b", "company"), ("c", "company"), ("d", "platform"), ("daily", "media"),
                  ("pk", "place"), ("req", "requirement")],
        claims=[
            claim("ab", "a", "owns", "b"),
            claim("ac", "a", "owns", "c"),
            claim("bd", "b", "owns", "d"),
            claim("cd", "c", "owns", "d"),
            claim("a1", "a", "open_office_in", "pk", status="declined", requirement="req"),
        ],
    )
    table = compliance_table(dataset)
    assert rows(table[table["subject"] == "d"], "claim_id", "inherited_from") == [["a1", "a"]]
    assert not table.duplicated(["subject", "claim_id"]).any()


def test_ownership_cycle_terminates(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=CHAIN_ENTITIES,
        claims=[claim("ab", "a", "owns", "b"), claim("ba", "b", "owns", "a")],
    )
    assert ownership(dataset).values.tolist() == [["a", "b"], ["b", "a"]]


@pytest.mark.parametrize("status", ["agreed", "planned", "expected", "reluctant", "declined", "not_done"])
def test_owns_claim_not_done_does_not_pass_evidence_down(tmp_path, status):
    dataset = load_corpus(
        tmp_path,
        entities=CHAIN_ENTITIES,
        claims=[
            claim("ab", "a", "owns", "c", status=status),
            claim("a1", "a", "open_office_in", "pk", status="agreed", requirement="req"),
        ],
    )
    assert ownership(dataset).empty
    assert rows(compliance_table(dataset), "subject", "claim_id") == [["a", "a1"]]


def test_inferred_owns_claim_passes_nothing_down(tmp_path):
    # "a owns c" is the curator's reading, not the source's words: a's stance
    # is not projected onto c, whether or not inferred claims are included
    dataset = load_corpus(
        tmp_path,
        entities=CHAIN_ENTITIES,
        claims=[
            claim("ac", "a", "owns", "c", reading="inferred", notes="the report calls c 'a's app'"),
            claim("a1", "a", "open_office_in", "pk", status="declined", requirement="req"),
        ],
    )
    assert ownership(dataset).empty
    for include_inferred in (False, True):
        table = compliance_table(dataset, include_inferred=include_inferred)
        assert rows(table, "subject", "claim_id", "inherited_from") == [["a", "a1", None]]
        assert "c" not in compliance_matrix(dataset, include_inferred=include_inferred).index


def test_stated_done_owns_claim_passes_down_when_written_stated(tmp_path):
    # reading "stated" written out is the same as left empty
    dataset = load_corpus(
        tmp_path,
        entities=CHAIN_ENTITIES,
        claims=[
            claim("ac", "a", "owns", "c", reading="stated"),
            claim("a1", "a", "open_office_in", "pk", status="declined", requirement="req"),
        ],
    )
    assert ownership(dataset).values.tolist() == [["a", "c"]]
    assert rows(compliance_table(dataset), "subject", "claim_id", "inherited_from") == [
        ["a", "a1", None],
        ["c", "a1", "a"],
    ]


def test_inferred_claim_of_an_owner_is_inherited_only_with_include_inferred(tmp_path):
    # the ownership is stated; the owner's claim is inferred: it travels down
    # with include_inferred, and keeps its reading on the inherited row
    dataset = load_corpus(
        tmp_path,
        entities=CHAIN_ENTITIES,
        claims=[
            claim("ac", "a", "owns", "c"),
            claim("a1", "a", "open_office_in", "pk", status="reluctant", requirement="req", reading="inferred",
                  notes="hesitant, read as hesitant to open an office"),
        ],
    )
    assert compliance_table(dataset).empty
    table = compliance_table(dataset, include_inferred=True)
    assert rows(table, "subject", "claim_id", "reading", "inherited_from") == [
        ["a", "a1", "inferred", None],
        ["c", "a1", "inferred", "a"],
    ]


# ---------------------------------------------------------------------------
# reading, evidence and said_on
#
# Two sources: s1 stored, published 2022-12-10; s2 cited, published 2022-12-11.
#   r1  acme open_office_in pk, agreed, said on 2022-12-09 ("on Friday"), s1, stated (empty)
#   r2  acme open_office_in pk, reluctant, s1, inferred (with notes)
#   r3  bolt open_office_in pk, agreed, s1, reading "stated" written out, same quote as r1
#   r4  bolt store_data_in pk, not_done, s2 (cited: a paraphrase), requirement req-servers


READING_ENTITIES = [
    ("acme", "platform"),
    ("bolt", "platform"),
    ("daily", "media"),
    ("minister", "person"),
    ("insiders", "unnamed_source"),
    ("pk", "place"),
    ("req-office", "requirement"),
    ("req-servers", "requirement"),
]
READING_CLAIMS = [
    claim("r1", "acme", "open_office_in", "pk", status="agreed", said_by="minister", requirement="req-office",
          said_on="2022-12-09", date_text="on Friday", quote="Acme and Bolt have agreed to open offices"),
    claim("r2", "acme", "open_office_in", "pk", status="reluctant", said_by="insiders", requirement="req-office",
          reading="inferred", notes="'hesitant', about what the words do not say"),
    claim("r3", "bolt", "open_office_in", "pk", status="agreed", said_by="minister", requirement="req-office",
          reading="stated", quote="Acme and Bolt have agreed to open offices"),
    claim("r4", "bolt", "store_data_in", "pk", status="not_done", requirement="req-servers", source="s2"),
]
READING_SOURCES = [
    {"source_id": "s1", "published": "2022-12-10"},
    {"source_id": "s2", "published": "2022-12-11", "text": "cited"},
]


@pytest.fixture
def readings(tmp_path):
    return load_corpus(tmp_path, entities=READING_ENTITIES, claims=READING_CLAIMS, sources=READING_SOURCES)


def test_stated_table_by_hand(readings):
    assert rows(compliance_table(readings), "subject", "requirement", "claim_id", "said_on", "source", "reading",
                "evidence") == [
        ["acme", "req-office", "r1", "2022-12-09", "s1", "stated", "quote"],
        ["bolt", "req-office", "r3", "2022-12-10", "s1", "stated", "quote"],
        ["bolt", "req-servers", "r4", "2022-12-11", "s2", "stated", "cited"],
    ]


def test_include_inferred_false_drops_inferred_claims(readings):
    assert "r2" not in set(compliance_table(readings)["claim_id"])
    assert "r2" not in set(compliance_table(readings, include_inferred=False)["claim_id"])


def test_include_inferred_true_keeps_them_marked_inferred(readings):
    table = compliance_table(readings, include_inferred=True)
    assert rows(table, "claim_id", "reading") == [
        ["r1", "stated"],
        ["r2", "inferred"],
        ["r3", "stated"],
        ["r4", "stated"],
    ]


def test_inferred_claim_changes_the_matrix_only_when_included(readings):
    assert compliance_matrix(readings).loc["acme", "req-office"] == "agreed"
    assert compliance_matrix(readings, include_inferred=True).loc["acme", "req-office"] == "! agreed, reluctant"


def test_empty_reading_is_stated_in_the_table(readings):
    assert pd.isna(readings.claims.set_index("claim_id").loc["r1", "reading"])  # as written: empty
    assert compliance_table(readings).set_index("claim_id").loc["r1", "reading"] == "stated"


def test_claim_of_a_cited_source_has_cited_evidence(readings):
    assert compliance_table(readings).set_index("claim_id").loc["r4", "evidence"] == "cited"


def test_said_on_is_the_claims_own_else_the_sources_publication(readings):
    said_on = compliance_table(readings).set_index("claim_id")["said_on"]
    assert said_on.to_dict() == {"r1": "2022-12-09", "r3": "2022-12-10", "r4": "2022-12-11"}


def test_two_claims_of_one_statement_are_counted_once_per_cell(readings):
    # r1 and r3 share source and quote: one statement, two claims, two cells
    cells = cell_summary(readings).set_index(["subject", "requirement"])
    assert cells.loc[("acme", "req-office"), "n_statements"] == 1
    assert cells.loc[("bolt", "req-office"), "n_statements"] == 1


def test_claims_of_one_statement_in_one_cell_count_once(tmp_path):
    # the same quote read twice for one subject (a statement with two predicates)
    dataset = load_corpus(
        tmp_path,
        entities=[("acme", "platform"), ("daily", "media"), ("pk", "place"), ("req", "requirement")],
        claims=[
            claim("c1", "acme", "open_office_in", "pk", status="agreed", requirement="req", quote="Acme agreed"),
            claim("c2", "acme", "hire_staff_in", "pk", status="agreed", requirement="req", quote="Acme agreed"),
            claim("c3", "acme", "open_office_in", "pk", status="planned", requirement="req", quote="Acme plans"),
        ],
    )
    cell = cell_summary(dataset).set_index(["subject", "requirement"]).loc[("acme", "req")]
    assert (cell["n_claims"], cell["n_statements"]) == (3, 2)


# ---------------------------------------------------------------------------
# groups


def test_group_subject_is_its_own_row_and_says_nothing_about_members(tmp_path):
    # "the companies have agreed": not a word about acme or bolt in particular
    dataset = load_corpus(
        tmp_path,
        entities=[("acme", "platform"), ("bolt", "platform"), ("the-companies", "group"), ("daily", "media"),
                  ("pk", "place"), ("req", "requirement")],
        claims=[
            claim("g1", "the-companies", "open_office_in", "pk", status="agreed", requirement="req"),
            claim("a1", "acme", "open_office_in", "pk", status="declined", requirement="req"),
        ],
    )
    matrix = compliance_matrix(dataset)
    assert matrix.to_dict("index") == {"acme": {"req": "declined"}, "the-companies": {"req": "agreed"}}
    assert rows(compliance_table(dataset), "subject", "claim_id", "inherited_from") == [
        ["acme", "a1", None],
        ["the-companies", "g1", None],
    ]


# ---------------------------------------------------------------------------
# as_of: what could be known on a day


AS_OF_SOURCES = [
    {"source_id": "s-month", "published": "2022-12"},
    {"source_id": "s-day", "published": "2022-12-10"},
    {"source_id": "s-2023", "published": "2023-01-05"},
]


@pytest.fixture
def dated(tmp_path):
    return load_corpus(
        tmp_path,
        entities=[("meta", "company"), ("fb", "platform"), ("daily", "media"), ("pk", "place"), ("req", "requirement")],
        claims=[
            claim("m1", "fb", "open_office_in", "pk", status="planned", requirement="req", source="s-month"),
            claim("d1", "fb", "open_office_in", "pk", status="agreed", requirement="req", source="s-day"),
            claim("n1", "meta", "open_office_in", "pk", status="declined", requirement="req", source="s-day"),
            claim("o1", "meta", "owns", "fb", source="s-2023"),
        ],
        sources=AS_OF_SOURCES,
    )


def test_source_of_month_precision_is_not_known_in_the_middle_of_that_month(dated):
    assert set(compliance_table(dated, as_of="2022-12-15")["claim_id"]) == {"d1", "n1"}


def test_source_of_month_precision_is_known_at_the_end_of_that_month(dated):
    assert set(compliance_table(dated, as_of="2022-12-31")["claim_id"]) == {"m1", "d1", "n1"}


def test_source_of_day_precision_is_known_on_that_day_not_before(dated):
    assert set(compliance_table(dated, as_of="2022-12-10")["claim_id"]) == {"d1", "n1"}
    assert compliance_table(dated, as_of="2022-12-09").empty


def test_as_of_accepts_a_timestamp(dated):
    assert set(compliance_table(dated, as_of=pd.Timestamp("2022-12-10"))["claim_id"]) == {"d1", "n1"}


def test_as_of_empty_table_still_has_the_spec_columns(dated):
    assert list(compliance_table(dated, as_of="2000-01-01").columns) == SPEC_COLUMNS


def test_ownership_not_yet_reported_passes_nothing_down(dated):
    # meta owns fb is only reported in 2023: on 31 December 2022 nobody could
    # have read meta's "declined" as bearing on fb
    table = compliance_table(dated, as_of="2022-12-31")
    assert table["inherited_from"].isna().all()
    later = compliance_table(dated, as_of="2023-01-05")
    assert rows(later[later["inherited_from"].notna()], "subject", "claim_id") == [["fb", "n1"]]


def test_as_of_uses_the_day_the_claim_was_said_not_the_publication(readings):
    # r1 was said on Friday 2022-12-09 and reported on 2022-12-10: known on the 9th
    assert compliance_table(readings, as_of="2022-12-09")["claim_id"].tolist() == ["r1"]
    assert compliance_table(readings, as_of="2022-12-08").empty
    assert compliance_table(readings, as_of="2022-12-10")["claim_id"].tolist() == ["r1", "r3"]


def test_as_of_with_a_said_on_of_week_precision_waits_for_the_sunday(tmp_path):
    # said "this week" (2022-W49, Monday 5 to Sunday 11 December 2022)
    dataset = load_corpus(
        tmp_path,
        entities=[("acme", "platform"), ("daily", "media"), ("pk", "place"), ("req", "requirement")],
        claims=[claim("w1", "acme", "open_office_in", "pk", requirement="req", said_on="2022-W49")],
        sources=[{"source_id": "s1", "published": "2022-12-20"}],
    )
    assert compliance_table(dataset, as_of="2022-12-10").empty
    assert compliance_table(dataset, as_of="2022-12-11")["claim_id"].tolist() == ["w1"]


def test_without_as_of_everything_is_known(dated):
    assert len(compliance_table(dated)) == 4  # m1, d1, n1 and n1 inherited by fb


# ---------------------------------------------------------------------------
# conflicts and the matrix


def test_cell_summary_flags_conflicting_reports(dataset):
    cells = cell_summary(dataset).set_index(["subject", "requirement"])
    assert bool(cells.loc[("google", "req-office"), "conflict"])
    assert not bool(cells.loc[("fb", "req-servers"), "conflict"])


def test_cell_summary_of_a_conflict_shows_both_statuses_furthest_first(dataset):
    cell = cell_summary(dataset).set_index(["subject", "requirement"]).loc[("google", "req-office")]
    assert cell["furthest"] == "planned"
    assert cell["statuses"] == "planned, reluctant"
    assert cell["n_claims"] == 2


def test_conflict_between_own_and_inherited_claims_is_flagged(dataset):
    cell = cell_summary(dataset).set_index(["subject", "requirement"]).loc[("fb", "req-office")]
    assert bool(cell["conflict"]) and cell["statuses"] == "agreed, reluctant*"


@pytest.mark.filterwarnings("error")  # a pandas deprecation here breaks the next pandas
def test_matrix_by_hand(dataset):
    matrix = compliance_matrix(dataset)
    assert matrix.to_dict("index") == {
        "fb": {"req-office": "! agreed, reluctant*", "req-servers": "not done", "req-unused": ""},
        "google": {"req-office": "! planned, reluctant", "req-servers": "", "req-unused": ""},
        "meta": {"req-office": "reluctant", "req-servers": "", "req-unused": ""},
    }


def test_matrix_prefixes_conflicts_with_an_exclamation_mark(dataset):
    matrix = compliance_matrix(dataset)
    assert matrix.loc["google", "req-office"].startswith("! ")
    assert not matrix.loc["meta", "req-office"].startswith("!")


@pytest.mark.filterwarnings("error")  # a pandas deprecation here breaks the next pandas
def test_matrix_has_every_requirement_as_a_column_in_file_order(dataset):
    assert list(compliance_matrix(dataset).columns) == ["req-office", "req-servers", "req-unused"]


@pytest.mark.filterwarnings("error")  # a pandas deprecation here breaks the next pandas
def test_matrix_with_no_evidence_still_has_every_requirement_as_a_column(dataset):
    matrix = compliance_matrix(dataset, as_of="2000-01-01")
    assert list(matrix.columns) == ["req-office", "req-servers", "req-unused"]
    assert matrix.empty


def test_matrix_rows_are_the_subjects(dataset):
    assert list(compliance_matrix(dataset).index) == ["fb", "google", "meta"]
