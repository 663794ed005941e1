"""The narrative findings: each holds on the bundled data, runs on any corpus, and cites real claims.

On the second corpus (tests/corpora/ardenia, see its README) the expected
``holds`` were worked out by reading claims.csv:

========================== ===== ================================================
finding                    holds why
========================== ===== ================================================
requirement-progress       yes   e.g. Lumen Search ``done`` on the 24-hour takedown
requirement-done           yes   kestrel-representative-in-vellmar and two Lumen
                                 claims are ``done``, said by the Authority
requirement-gap            no    every requirement has a ``+`` claim: representative
                                 (Lumen done), data storage (Lumen planned),
                                 takedown (Kestrel expected)
requirement-unaddressed    no    all three requirements the Act mandates have a
                                 reported position
progress-versus-reluctance no    0 of 6 progress claims are unnamed, but only 1 of
                                 2 reluctance/refusal claims is (not a majority):
                                 orbis-reluctant-local-data (unnamed) and
                                 nimbus-declined-local-data (Nimbus Chat itself)
contested                  yes   Lumen Search on the local representative
ownership-rollup           yes   Orbis's two claims roll up to Kestrel and Nimbus
single-unnamed-source      yes   orbis-reluctant-local-data,
                                 lumen-no-local-representative, minister-met-orbis
central-entity             yes   the Act links the two requirements no one else
                                 touches to the rest of the network
========================== ===== ================================================
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from corpus_builder import ARDENIA_DIR, DATA_DIR, claim, load_corpus, write_corpus

import analysis
from analysis.findings import FINDINGS, Finding, as_records, evidence, finding, findings, findings_text

ARDENIA_HOLDS = {
    "requirement-progress": True,
    "requirement-done": True,
    "requirement-gap": False,
    "requirement-unaddressed": False,
    "progress-versus-reluctance": False,
    "contested": True,
    "ownership-rollup": True,
    "single-unnamed-source": True,
    "central-entity": True,
}

#: Names that occur in the Dawn corpus and nowhere in Ardenia.
DAWN_NAMES = ["Google", "Twitter", "Facebook", "TikTok", "Instagram", "WhatsApp", "Meta", "Pakistan", "Dawn",
              "Haque", "SECP", "Singapore", "Rules 2021"]


@pytest.fixture(scope="module")
def dawn():
    return analysis.load()


@pytest.fixture(scope="module")
def ardenia():
    return analysis.load(ARDENIA_DIR)


@pytest.fixture(scope="module")
def dawn_results(dawn):
    return findings(dawn)


@pytest.fixture(scope="module")
def ardenia_results(ardenia):
    return findings(ardenia)


# ---------------------------------------------------------------------------
# the bundled data


@pytest.mark.parametrize("finding_id", list(FINDINGS))
def test_every_finding_holds_on_the_bundled_data(dawn, finding_id):
    assert finding(dawn, finding_id).holds is True


@pytest.mark.parametrize("finding_id", list(FINDINGS))
def test_every_finding_has_a_statement_and_claims_that_exist(dawn, finding_id):
    result = finding(dawn, finding_id)
    assert result.id == finding_id
    assert result.statement.strip()
    assert result.claims
    assert set(result.claims) <= set(dawn.claims["claim_id"])


def test_finding_claims_are_in_file_order_without_repeats(dawn_results, dawn):
    order = {c: i for i, c in enumerate(dawn.claims["claim_id"])}
    for result in dawn_results:
        positions = [order[c] for c in result.claims]
        assert positions == sorted(set(positions)), result.id


def test_findings_returns_one_finding_per_registry_entry_in_order(dawn_results):
    assert [f.id for f in dawn_results] == list(FINDINGS)


def test_unknown_finding_raises_key_error_naming_it(dawn):
    with pytest.raises(KeyError, match="no-such-finding"):
        finding(dawn, "no-such-finding")


def test_evidence_lists_the_claims_behind_a_finding(dawn):
    result = finding(dawn, "contested")
    assert evidence(dawn, result)["claim_id"].tolist() == list(result.claims)


# ---------------------------------------------------------------------------
# the second corpus


@pytest.mark.parametrize("finding_id", list(FINDINGS))
def test_every_finding_runs_on_ardenia_and_returns_a_finding_with_bool_holds(ardenia, finding_id):
    result = finding(ardenia, finding_id)
    assert isinstance(result, Finding)
    assert type(result.holds) is bool
    assert result.statement.strip()
    assert set(result.claims) <= set(ardenia.claims["claim_id"])


@pytest.mark.parametrize("finding_id, holds", ARDENIA_HOLDS.items())
def test_ardenia_holds_as_read_from_the_corpus(ardenia, finding_id, holds):
    assert finding(ardenia, finding_id).holds is holds


def test_ardenia_contested_is_lumen_on_the_local_representative(ardenia):
    result = finding(ardenia, "contested")
    assert result.claims == ("lumen-no-local-representative", "lumen-appointed-local-representative")
    assert "Lumen Search" in result.statement and "Appoint a local representative" in result.statement


def test_ardenia_single_unnamed_source_claims(ardenia):
    assert finding(ardenia, "single-unnamed-source").claims == (
        "orbis-reluctant-local-data",
        "lumen-no-local-representative",
        "minister-met-orbis",
    )


def test_ardenia_ownership_rollup_cites_the_owner_claims_and_the_ownership(ardenia):
    assert finding(ardenia, "ownership-rollup").claims == (
        "orbis-owns-kestrel",
        "orbis-owns-nimbus-chat",
        "orbis-agreed-local-representative",
        "orbis-reluctant-local-data",
    )


def test_ardenia_requirement_done_by_hand(ardenia):
    assert finding(ardenia, "requirement-done").claims == (
        "kestrel-representative-in-vellmar",
        "lumen-appointed-local-representative",
        "lumen-meets-takedown-24h",
    )


def test_ardenia_central_entity_is_the_act(ardenia):
    assert "Digital Services Registration Act 2024" in finding(ardenia, "central-entity").statement


@pytest.mark.parametrize("name", DAWN_NAMES)
def test_no_dawn_name_in_any_statement_on_ardenia(ardenia_results, name):
    assert not [f.id for f in ardenia_results if name in f.statement]


# ---------------------------------------------------------------------------
# tiny corpora: the corpus's own vocabulary, and nothing to find


def test_requirement_unaddressed_follows_the_corpus_predicate_for_a_law_imposing_a_requirement(tmp_path):
    # this corpus says "mandates", not "requires": req-b has no reported position
    dataset = load_corpus(
        tmp_path,
        entities=[
            ("act", "law"),
            ("acme", "platform"),
            ("pk", "place"),
            ("daily", "media"),
            entity_req("req-a", "Local office"),
            entity_req("req-b", "Local servers"),
        ],
        claims=[
            claim("act-a", "act", "mandates", "req-a"),
            claim("act-b", "act", "mandates", "req-b"),
            claim("acme-a", "acme", "open_office_in", "pk", status="agreed", requirement="req-a"),
        ],
    )
    result = finding(dataset, "requirement-unaddressed")
    assert result.holds is True
    assert result.claims == ("act-b",)
    assert "Local servers" in result.statement and "Local office" not in result.statement


def test_requirement_gap_names_the_law_whatever_its_predicate(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[
            entity_law("act", "The Act"),
            ("acme", "platform"),
            ("pk", "place"),
            ("daily", "media"),
            entity_req("req-a", "Local office"),
        ],
        claims=[
            claim("act-a", "act", "mandates", "req-a"),
            claim("acme-a", "acme", "open_office_in", "pk", status="declined", requirement="req-a"),
        ],
    )
    result = finding(dataset, "requirement-gap")
    assert result.holds is True
    assert "The Act requires it" in result.statement
    assert result.claims == ("act-a", "acme-a")


def test_ownership_rollup_cites_only_ownership_that_passed_evidence_down(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[
            ("meta", "company"),
            ("fb", "platform"),
            ("wa", "platform"),
            ("other", "company"),
            ("ig", "platform"),
            ("pk", "place"),
            ("daily", "media"),
            entity_req("req", "Office"),
        ],
        claims=[
            claim("meta-fb", "meta", "owns", "fb"),
            claim("meta-wa", "meta", "owns", "wa", status="declined"),  # passes nothing down
            claim("other-ig", "other", "owns", "ig"),  # other says nothing on any requirement
            claim("meta-req", "meta", "open_office_in", "pk", status="reluctant", requirement="req"),
        ],
    )
    result = finding(dataset, "ownership-rollup")
    assert result.holds is True
    assert result.claims == ("meta-fb", "meta-req")


def test_every_finding_runs_on_a_corpus_with_nothing_to_find(tmp_path):
    dataset = load_corpus(
        tmp_path,
        entities=[("acme", "platform"), ("pk", "place"), ("daily", "media")],
        claims=[claim("k1", "acme", "visit", "pk")],
    )
    results = findings(dataset)
    assert [f.id for f in results] == list(FINDINGS)
    assert all(type(f.holds) is bool and f.statement for f in results)
    assert not any(f.holds for f in results if f.id != "central-entity")
    assert all(f.claims == () for f in results if not f.holds)


def entity_req(entity_id, name):
    return {"entity_id": entity_id, "name": name, "type": "requirement"}


def entity_law(entity_id, name):
    return {"entity_id": entity_id, "name": name, "type": "law"}


# ---------------------------------------------------------------------------
# output


def test_as_records_has_exactly_the_four_keys(dawn_results):
    for record in as_records(dawn_results):
        assert list(record) == ["id", "statement", "holds", "claims"]
        assert isinstance(record["claims"], list)


def test_findings_text_marks_what_holds(dawn_results):
    text = findings_text(dawn_results)
    assert "[contested] (holds)" in text


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


@pytest.mark.parametrize("folder", [DATA_DIR, ARDENIA_DIR], ids=["data", "ardenia"])
def test_cli_findings_json_prints_a_list_of_objects_with_exactly_four_keys(folder):
    done = run_cli("findings", str(folder), "--json")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert isinstance(records, list) and len(records) == len(FINDINGS)
    for record in records:
        assert set(record) == {"id", "statement", "holds", "claims"}
        assert isinstance(record["id"], str) and isinstance(record["statement"], str)
        assert isinstance(record["holds"], bool)
        assert isinstance(record["claims"], list) and all(isinstance(c, str) for c in record["claims"])
    assert [r["id"] for r in records] == list(FINDINGS)


def test_cli_findings_json_agrees_with_the_library(ardenia_results):
    records = json.loads(run_cli("findings", str(ARDENIA_DIR), "--json").stdout)
    assert records == as_records(ardenia_results)


def test_cli_findings_json_keeps_non_ascii_names(tmp_path):
    folder = write_corpus(
        tmp_path,
        entities=[
            {"entity_id": "lodz", "name": "Łódź Chat", "type": "platform"},
            ("pk", "place"),
            ("daily", "media"),
            entity_req("req", "Büro vor Ort"),
        ],
        claims=[claim("k1", "lodz", "open_office_in", "pk", requirement="req")],
    )
    done = run_cli("findings", str(folder), "--json")
    assert done.returncode == 0, done.stderr
    assert "Łódź Chat" in done.stdout  # written as is, not as \\u escapes
    done_finding = next(r for r in json.loads(done.stdout) if r["id"] == "requirement-done")
    assert done_finding["holds"] is True
    assert "Łódź Chat (Büro vor Ort, per Daily)" in done_finding["statement"]


def test_cli_findings_without_json_prints_text_and_exits_0():
    done = run_cli("findings")
    assert done.returncode == 0
    assert "[requirement-progress] (holds)" in done.stdout
