"""``liaison.db`` and its Datasette ``metadata.json`` (issue 13, part 2).

The hand-made corpus (s1 stored, s2 cited; the media entity ``daily`` says
everything):

========  =========================================  =====================================  ============
claim     subject predicate object                   words                                  requirement
========  =========================================  =====================================  ============
c1        acme open_office_in freedonia              s1: "Acme and Bolt will open offices   req-office
                                                     in Freedonia"
c2        bolt open_office_in freedonia              the same words: one statement with c1  req-office
c3        holdco owns acme, done                     s1: "Holdco owns Acme"
c4        acme store_data_in freedonia               s2 paraphrase: "Acme keeps its data
                                                     abroad"; notes: "Written from the
                                                     paper's office."
c5        bolt store_data_in freedonia               s2 paraphrase: "Bolt's office manager
                                                     says its servers are local"
c6        holdco store_data_in freedonia             s1: "Holdco stores nothing locally"    req-servers
========  =========================================  =====================================  ============

So a search for ``office`` finds c1 and c2 (their quote says "offices": the
index stems words), c4 (its notes) and c5 (its paraphrase), not c3 or c6.
The statements are, in order of first appearance: 1 = c1|c2, 2 = c3, 3 =
c4, 4 = c5, 5 = c6. The compliance rows, by subject, requirement, direct
before inherited: acme req-office c1; acme req-servers c6 (inherited from
holdco, which owns acme); bolt req-office c2; holdco req-servers c6.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from corpus_builder import ARDENIA_DIR, DATA_DIR, claim, load_corpus
from datasette.app import Datasette

import analysis
from analysis.credits import credit_line
from analysis import sqlitedb
from analysis.sqlitedb import DB_FILE, METADATA_FILE, datasette_metadata, write_sqlite
from analysis.statements import statements

SEARCH = "/liaison/claims.json?_search=office"

ENTITIES = [
    ("acme", "platform"),
    ("bolt", "platform"),
    ("holdco", "company"),
    ("freedonia", "place"),
    ("daily", "media"),
    ("req-office", "requirement"),
    ("req-servers", "requirement"),
]
SOURCES = [
    {"source_id": "s1", "published": "2022-12-10"},
    {"source_id": "s2", "published": "2022-12-11", "text": "cited"},
]
BOTH = "Acme and Bolt will open offices in Freedonia"
CLAIMS = [
    claim("c1", "acme", "open_office_in", "freedonia", quote=BOTH, requirement="req-office"),
    claim("c2", "bolt", "open_office_in", "freedonia", quote=BOTH, requirement="req-office"),
    claim("c3", "holdco", "owns", "acme", quote="Holdco owns Acme"),
    claim(
        "c4",
        "acme",
        "store_data_in",
        "freedonia",
        source="s2",
        paraphrase="Acme keeps its data abroad",
        notes="Written from the paper's office.",
    ),
    claim(
        "c5",
        "bolt",
        "store_data_in",
        "freedonia",
        source="s2",
        paraphrase="Bolt's office manager says its servers are local",
    ),
    claim(
        "c6", "holdco", "store_data_in", "freedonia", quote="Holdco stores nothing locally", requirement="req-servers"
    ),
]
MENTION_OFFICE = {"c1", "c2", "c4", "c5"}


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    """(dataset, liaison.db, metadata.json) of the hand-made corpus."""
    folder = tmp_path_factory.mktemp("sqlite-corpus")
    dataset = load_corpus(folder / "data", entities=ENTITIES, claims=CLAIMS, sources=SOURCES)
    out = folder / "out"
    out.mkdir()
    return (dataset, *write_sqlite(dataset, out))


@pytest.fixture
def db(hand):
    database = sqlite_utils.Database(hand[1])
    yield database
    database.close()


def datasette_get(db_path, metadata_path, path):
    """Ask Datasette itself, in this process and without a server, for `path`; its JSON."""

    async def ask():
        datasette = Datasette([str(db_path)], metadata=json.loads(Path(metadata_path).read_text(encoding="utf-8")))
        response = await datasette.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(ask())


def claim_ids(answer) -> set[str]:
    """The claim ids of a Datasette table answer (rows as lists with ``columns``, or as objects)."""
    rows = answer["rows"] if isinstance(answer, dict) else answer
    if rows and isinstance(rows[0], list):
        rows = [dict(zip(answer["columns"], row)) for row in rows]
    return {row["claim_id"] for row in rows}


# ---------------------------------------------------------------------------
# tables and keys


def test_the_tables_are_the_four_of_the_package_and_two_worked_out(db):
    tables = [t for t in db.table_names() if not t.startswith("claims_fts")]
    assert tables == ["sources", "entities", "predicates", "claims", "statements", "compliance"]


def test_each_table_of_the_package_has_its_primary_key(db):
    pks = {name: db[name].pks for name in ["sources", "entities", "predicates", "claims", "statements"]}
    assert pks == {
        "sources": ["source_id"],
        "entities": ["entity_id"],
        "predicates": ["predicate"],
        "claims": ["claim_id"],
        "statements": ["statement"],
    }


def test_claims_refer_to_their_entities_source_and_predicate(db):
    keys = {(fk.column, fk.other_table, fk.other_column) for fk in db["claims"].foreign_keys}
    assert keys == {
        ("subject", "entities", "entity_id"),
        ("object", "entities", "entity_id"),
        ("said_by", "entities", "entity_id"),
        ("requirement", "entities", "entity_id"),
        ("source", "sources", "source_id"),
        ("predicate", "predicates", "predicate"),
    }


def test_compliance_refers_to_its_claim(db):
    keys = {(fk.column, fk.other_table) for fk in db["compliance"].foreign_keys}
    assert ("claim_id", "claims") in keys and ("inherited_from", "entities") in keys


def test_every_foreign_key_holds(db):
    assert list(db.execute("pragma foreign_key_check").fetchall()) == []


def test_claims_hold_every_cell_as_curated(db):
    c4 = db["claims"].get("c4")
    assert c4["paraphrase"] == "Acme keeps its data abroad"
    assert c4["quote"] is None and c4["reading"] is None
    assert db["claims"].count == len(CLAIMS)


def test_statements_are_one_row_per_statement(db):
    rows = [[r["statement"], r["claims"], r["n_claims"]] for r in db["statements"].rows_where(order_by="statement")]
    assert rows == [[1, "c1|c2", 2], [2, "c3", 1], [3, "c4", 1], [4, "c5", 1], [5, "c6", 1]]


def test_compliance_has_the_inherited_rows(db):
    rows = [[r["subject"], r["requirement"], r["claim_id"], r["inherited_from"]] for r in db["compliance"].rows]
    assert rows == [
        ["acme", "req-office", "c1", None],
        ["acme", "req-servers", "c6", "holdco"],
        ["bolt", "req-office", "c2", None],
        ["holdco", "req-servers", "c6", None],
    ]


def test_search_looks_in_quote_paraphrase_and_notes(db):
    assert {row["claim_id"] for row in db["claims"].search("office")} == MENTION_OFFICE


# ---------------------------------------------------------------------------
# Datasette


def test_datasette_answers_the_search(hand):
    _, db_path, metadata_path = hand
    assert claim_ids(datasette_get(db_path, metadata_path, SEARCH)) == MENTION_OFFICE


def test_datasette_command_answers_the_search_without_a_server(hand):
    _, db_path, metadata_path = hand
    datasette = Path(sys.executable).with_name("datasette")
    done = subprocess.run(
        [str(datasette), str(db_path), "-m", str(metadata_path), "--get", SEARCH],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert claim_ids(json.loads(done.stdout)) == MENTION_OFFICE


def test_datasette_shows_the_column_descriptions(hand):
    _, db_path, metadata_path = hand
    answer = datasette_get(db_path, metadata_path, "/-/metadata.json")
    columns = answer["databases"]["liaison"]["tables"]["claims"]["columns"]
    assert columns["paraphrase"].startswith("For a cited source")


def test_metadata_has_title_source_line_licence_and_every_column(hand, db):
    dataset, _, metadata_path = hand
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    assert metadata["title"]
    assert metadata["source"] == credit_line(dataset.sources)
    assert "MIT" in metadata["license"]
    tables = metadata["databases"]["liaison"]["tables"]
    for name in ["sources", "entities", "predicates", "claims", "statements", "compliance"]:
        assert tables[name]["description"]
        assert set(tables[name]["columns"]) >= set(db[name].columns_dict), name


# ---------------------------------------------------------------------------
# bytes


def test_two_runs_give_the_same_bytes(hand, tmp_path):
    dataset, db_path, metadata_path = hand
    again = write_sqlite(dataset, tmp_path)
    assert [p.name for p in again] == [DB_FILE, METADATA_FILE]
    assert again[0].read_bytes() == db_path.read_bytes()
    assert again[1].read_bytes() == metadata_path.read_bytes()


def test_another_process_gives_the_same_bytes(hand, tmp_path):
    dataset, db_path, _ = hand
    script = (
        "import sys, analysis; from analysis.sqlitedb import write_sqlite; "
        "write_sqlite(analysis.load(sys.argv[1]), sys.argv[2])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(dataset.path), str(tmp_path)],
        env={**os.environ, "PYTHONHASHSEED": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / DB_FILE).read_bytes() == db_path.read_bytes()


def dump(db_path) -> list[str]:
    """The database as SQL (``sqlite3 .dump``): every table, index, full-text table and row, in rowid order."""
    connection = sqlite3.connect(db_path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def reference_database(dataset, path) -> Path:
    """The database as sqlite-utils' ``insert_all`` fills it, one chunk and one commit at a time, compacted."""
    database = sqlite_utils.Database(path)
    try:
        sqlitedb._fill(database, dataset, reference=True)
        database.vacuum()
    finally:
        database.close()
    return path


def test_the_database_is_the_one_sqlite_utils_insert_all_fills(hand, tmp_path):
    # the same schema, indexes, foreign keys, full-text table and rows; only the header's count of
    # commits differs, as the rows go in one transaction
    dataset, db_path, _ = hand
    assert dump(db_path) == dump(reference_database(dataset, tmp_path / "reference.db"))


def test_the_batches_do_not_change_the_database(hand, tmp_path, monkeypatch):
    dataset, db_path, _ = hand
    monkeypatch.setattr(sqlitedb, "_BATCH", 2)
    assert write_sqlite(dataset, tmp_path)[0].read_bytes() == db_path.read_bytes()


def test_the_metadata_counts_the_rows_of_the_statements_table(hand):
    dataset, *_ = hand
    assert "6 claims in 5 statements" in datasette_metadata(dataset)["description"]
    assert datasette_metadata(dataset) == datasette_metadata(dataset, len(statements(dataset)))


def test_a_rewrite_replaces_the_files_and_leaves_nothing_else(hand, tmp_path):
    dataset, db_path, _ = hand
    (tmp_path / DB_FILE).write_bytes(b"an older database")
    write_sqlite(dataset, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_FILE, METADATA_FILE]
    assert (tmp_path / DB_FILE).read_bytes() == db_path.read_bytes()


def test_a_clear_error_names_the_extra_when_sqlite_utils_is_missing(hand, tmp_path, monkeypatch):
    dataset, *_ = hand
    monkeypatch.setitem(sys.modules, "sqlite_utils", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'liaison\[exports\]'"):
        write_sqlite(dataset, tmp_path)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------
# the two real corpora


@pytest.fixture(scope="module", params=[DATA_DIR, ARDENIA_DIR], ids=["data", "ardenia"])
def real(request, tmp_path_factory):
    dataset = analysis.load(request.param)
    return (dataset, *write_sqlite(dataset, tmp_path_factory.mktemp(f"sqlite-{request.param.name}")))


def test_a_real_corpus_keeps_every_row_and_key(real):
    dataset, db_path, _ = real
    database = sqlite_utils.Database(db_path)
    try:
        for name in ["sources", "entities", "predicates", "claims"]:
            assert database[name].count == len(getattr(dataset, name)), name
        assert list(database.execute("pragma foreign_key_check").fetchall()) == []
    finally:
        database.close()


def test_a_real_corpus_gives_the_database_sqlite_utils_insert_all_fills(real, tmp_path):
    dataset, db_path, _ = real
    assert dump(db_path) == dump(reference_database(dataset, tmp_path / "reference.db"))


def test_metadata_describes_every_column_of_a_real_corpus_even_its_extra_ones(real):
    _, db_path, metadata_path = real
    tables = json.loads(metadata_path.read_text(encoding="utf-8"))["databases"]["liaison"]["tables"]
    database = sqlite_utils.Database(db_path)
    try:
        for name in tables:
            assert set(tables[name]["columns"]) == set(database[name].columns_dict), name
    finally:
        database.close()


def test_datasette_finds_the_claims_of_a_real_corpus_that_mention_an_office(real):
    dataset, db_path, metadata_path = real
    found = claim_ids(datasette_get(db_path, metadata_path, SEARCH + "&_size=max"))
    claims = dataset.claims.set_index("claim_id")
    words = claims[["quote", "paraphrase", "notes"]].fillna("").agg(" ".join, axis=1)
    # the index stems: office, offices (and officer) are one word to it
    assert found == set(words.index[words.str.contains(r"\boffic(?:e|es|er|ers)\b", flags=re.IGNORECASE)])
