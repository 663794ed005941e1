"""What happened next (SPEC part 2: ``analysis track``, ``--as-of``), on a two-report corpus worked out by hand.

========  =====  =========================  ==========  ========  =====================
claim     who    says                       status      source    said on
========  =====  =========================  ==========  ========  =====================
c1        daily  acme opens office          planned     s1        2022-12-10 (published)
c2        min.   acme opens office          done        s2        2023-07-05 (published)
c3        daily  bolt opens office          agreed      s1        2022-12-10
c4        ins.   bolt opens office          reluctant   s2        2023-07-05
c5        min.   bolt opens office          planned     s2        2023-07-05
c6        daily  acme visits freedonia      planned     s1        2022-12-10 (one date only)
c7        min.   bolt opens office          expected    s1        2022-12-09 (its own said_on)
========  =====  =========================  ==========  ========  =====================

s1 is stored (The Daily), s2 is cited (The Ledger): its claims paraphrase it.
Tracks: acme on the office (planned, then done: latest done); bolt on the
office (expected on the 9th, agreed on the 10th, then reluctant and planned
on one day: latest contested). acme's visit has one date: not tracked.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from corpus_builder import claim, entity, load_corpus, write_corpus

from analysis.tracking import ACCOUNT_KEYS, track, track_table, track_text

ENTITIES = [
    entity("acme", "platform"),
    entity("bolt", "platform"),
    entity("freedonia", "place"),
    entity("daily", "media", name="The Daily"),
    entity("minister", "person", name="Ana Ruiz", role="IT Minister"),
    entity("insiders", "unnamed_source", name="industry insiders"),
    entity("office", "requirement", name="Office in Freedonia"),
]
SOURCES = [
    {"source_id": "s1", "published": "2022-12-10", "publisher": "The Daily"},
    {"source_id": "s2", "published": "2023-07-05", "publisher": "The Ledger", "text": "cited"},
]


def office(claim_id, subject, status, said_by, source, **columns):
    return claim(claim_id, subject, "open_office_in", "freedonia", status=status, said_by=said_by, source=source,
                 requirement="office", **columns)


CLAIMS = [
    office("c1", "acme", "planned", "daily", "s1"),
    office("c2", "acme", "done", "minister", "s2"),
    office("c3", "bolt", "agreed", "daily", "s1"),
    office("c4", "bolt", "reluctant", "insiders", "s2"),
    office("c5", "bolt", "planned", "minister", "s2"),
    claim("c6", "acme", "visit", "freedonia", status="planned", source="s1"),
    office("c7", "bolt", "expected", "minister", "s1", said_on="2022-12-09"),
]


@pytest.fixture
def dataset(tmp_path):
    return load_corpus(tmp_path, entities=ENTITIES, claims=CLAIMS, sources=SOURCES)


def test_track_follows_each_subject_on_a_matter_in_the_order_accounts_were_given(dataset):
    tracks = track(dataset)
    assert [(t["subject"], t["about"], t["latest"]) for t in tracks] == [
        ("acme", "requirement:office", "done"),
        ("bolt", "requirement:office", "contested"),
    ]
    assert [(a["claim_id"], a["said_on"], a["status"]) for a in tracks[1]["accounts"]] == [
        ("c7", "2022-12-09", "expected"),
        ("c3", "2022-12-10", "agreed"),
        ("c4", "2023-07-05", "reluctant"),
        ("c5", "2023-07-05", "planned"),
    ]


def test_each_account_says_who_where_and_on_what_evidence(dataset):
    account = track(dataset)[0]["accounts"][1]
    assert account == {
        "said_on": "2023-07-05",
        "status": "done",
        "said_by": "minister",
        "source": "s2",
        "claim_id": "c2",
        "evidence": "cited",
    }
    assert tuple(account) == ACCOUNT_KEYS


def test_a_matter_reported_on_one_date_only_is_not_tracked(dataset):
    assert "c6" not in set(track_table(dataset)["claim_id"])


def test_as_of_keeps_what_had_been_said_by_then(dataset):
    tracks = track(dataset, as_of="2022-12-31")
    assert [(t["subject"], [a["claim_id"] for a in t["accounts"]], t["latest"]) for t in tracks] == [
        ("bolt", ["c7", "c3"], "agreed")
    ]


def test_inferred_accounts_are_left_out_unless_asked(tmp_path):
    claims = [*CLAIMS[:4], office("c5", "bolt", "planned", "minister", "s2", reading="inferred", notes="why")]
    dataset = load_corpus(tmp_path, entities=ENTITIES, claims=claims, sources=SOURCES)
    assert track(dataset)[1]["latest"] == "reluctant"
    assert track(dataset, include_inferred=True)[1]["latest"] == "contested"


def test_track_text_names_parties_credits_sources_and_marks_cited_evidence(dataset):
    text = track_text(dataset)
    assert text.splitlines()[:3] == [
        "Acme, on Office in Freedonia: latest done",
        '  10 December 2022  planned  (The Daily, The Daily, 10 December 2022, "Title of s1")',
        '  5 July 2023  done  (Ana Ruiz, The Ledger, 5 July 2023, "Title of s2", cited, not quoted)',
    ]


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, timeout=120)


def test_cli_track_json_prints_the_tracks(tmp_path):
    folder = write_corpus(tmp_path, entities=ENTITIES, claims=CLAIMS, sources=SOURCES)
    result = _cli("track", str(folder), "--json")
    assert result.returncode == 0, result.stderr
    assert [t["latest"] for t in json.loads(result.stdout)] == ["done", "contested"]


def test_cli_as_of_on_track_findings_summary_and_figures(tmp_path):
    folder = write_corpus(tmp_path / "package", entities=ENTITIES, claims=CLAIMS, sources=SOURCES)
    assert json.loads(_cli("track", str(folder), "--json", "--as-of", "2022-12-09").stdout) == []
    findings = json.loads(_cli("findings", str(folder), "--json", "--as-of", "2022-12-09").stdout)
    cited = {c for f in findings for c in f["claims"]}
    assert cited <= {"c7"}
    summary = _cli("summary", str(folder), "--as-of", "2022-12")
    assert "7 entities, 2 predicates, 4 claims in 4 statements" in summary.stdout.splitlines()[1]  # c1, c3, c6, c7
    figures = _cli("figures", str(folder), "--out", str(tmp_path / "figures"), "--format", "svg", "--as-of", "2023")
    assert figures.returncode == 0, figures.stderr


@pytest.mark.parametrize("value", ["2022-13-01", "2022-02-30", "yesterday", "", "2022-W54"])
def test_cli_as_of_rejects_a_date_that_is_not_real_with_exit_2(tmp_path, value):
    folder = write_corpus(tmp_path, entities=ENTITIES, claims=CLAIMS, sources=SOURCES)
    result = _cli("track", str(folder), "--as-of", value)
    assert result.returncode == 2
    assert f"argument --as-of: {value!r} is not a real date" in result.stderr
    assert "Traceback" not in result.stderr
