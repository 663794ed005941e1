"""The Valdoria corpus: seven reports over two years, with the tracks and findings its README works out by hand.

tests/corpora/valdoria/README.md is the specification here: every expected
value below is a row of one of its tables or a sentence of its notes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import analysis
from analysis import cli
from analysis.findings import finding

VALDORIA_DIR = Path(__file__).parent / "corpora" / "valdoria"



def run(capsys, *args) -> tuple[int, str]:
    """``analysis ARGS`` in this process: exit code and what it printed."""
    code = cli.main([str(a) for a in args])
    return code, capsys.readouterr().out


def tracks(capsys, *options) -> list[tuple]:
    """``analysis track VALDORIA --json OPTIONS`` as (subject, about, claim ids in order, latest)."""
    code, out = run(capsys, "track", VALDORIA_DIR, "--json", *options)
    assert code == 0
    return [(t["subject"], t["about"], [a["claim_id"] for a in t["accounts"]], t["latest"]) for t in json.loads(out)]


@pytest.fixture(scope="module")
def dataset():
    return analysis.load(VALDORIA_DIR)


# -- the package ----------------------------------------------------------------


def test_valdoria_validates(capsys):
    code, out = run(capsys, "validate", VALDORIA_DIR)
    assert (code, out) == (0, "ok: 7 sources, 16 entities, 5 predicates, 20 claims\n")


def test_three_sources_are_stored_with_their_text_and_four_are_cited_with_a_url_only(dataset):
    sources = dataset.sources.set_index("source_id")
    stored = sorted(sources.index[sources["text"] == "stored"])
    cited = sources[sources["text"] == "cited"]
    assert stored == sorted(p.stem for p in (VALDORIA_DIR / "sources").glob("*.txt"))
    assert (len(stored), len(cited)) == (3, 4)
    assert cited["url"].str.contains(r"\.invalid/", regex=True).all()
    claims = dataset.claims[dataset.claims["source"].isin(cited.index)]
    assert claims["quote"].isna().all() and claims["paraphrase"].notna().all()


# -- what happened next ------------------------------------------------------------

TRACKS = [
    (
        "corvid",
        "requirement:req-local-office",
        ["corvid-agreed-local-office", "corvid-planned-local-office", "corvid-opened-local-office"],
        "done",
    ),
    (
        "halyard",
        "requirement:req-local-data",
        ["halyard-expected-local-data", "halyard-declined-local-data", "halyard-no-local-data"],
        "not_done",
    ),
    (
        "large-platforms",
        "requirement:req-local-data",
        ["platforms-reluctant-local-data-officials", "platforms-reluctant-local-data-minister"],
        "reluctant",
    ),
    (
        "pennant",
        "requirement:req-transparency-report",
        ["pennant-published-transparency-report", "pennant-no-transparency-report", "pennant-agreed-transparency-report"],
        "agreed",
    ),
    (
        "tessera",
        "requirement:req-complaints-desk",
        ["tessera-planned-complaints-desk", "tessera-complaints-desk-expected"],
        "expected",
    ),
]


def test_track_json_gives_the_five_tracks_of_the_readme(capsys):
    assert tracks(capsys) == TRACKS


def test_a_week_said_on_sorts_by_its_monday_and_cited_accounts_say_so(capsys):
    code, out = run(capsys, "track", VALDORIA_DIR, "--json")
    halyard = next(t for t in json.loads(out) if t["subject"] == "halyard")
    assert [(a["said_on"], a["said_by"], a["evidence"]) for a in halyard["accounts"]] == [
        ("2023-03-13", "teodor-ravelli", "quote"),
        ("2025-W05", "halyard", "cited"),
        ("2025-02-10", "harbour-wire", "cited"),
    ]


def test_the_inferred_claim_adds_a_sixth_track_only_when_asked(capsys):
    sixth = (
        "tessera",
        "requirement:req-local-data",
        ["tessera-reluctant-local-data", "tessera-stores-data-locally"],
        "done",
    )
    assert tracks(capsys, "--include-inferred") == [*TRACKS, sixth]


def _latest(as_of_tracks) -> dict:
    return {subject: latest for subject, _, _, latest in as_of_tracks}


@pytest.mark.parametrize(
    "as_of, expected",
    [
        ("2023-12-31", {"corvid": "planned", "large-platforms": "reluctant"}),
        # the register is dated February 2024: known once the month is over
        ("2024-02-28", {"corvid": "planned", "large-platforms": "reluctant"}),
        ("2024-02-29", {"corvid": "done", "large-platforms": "reluctant", "tessera": "expected"}),
        # week 5 of 2025 ends on Sunday 2 February
        ("2025-02-01", {"corvid": "done", "large-platforms": "reluctant", "pennant": "not_done", "tessera": "expected"}),
        (
            "2025-02-02",
            {"corvid": "done", "halyard": "declined", "large-platforms": "reluctant", "pennant": "not_done",
             "tessera": "expected"},
        ),
    ],
)
def test_as_of_keeps_only_what_had_been_said_by_then(capsys, as_of, expected):
    assert _latest(tracks(capsys, "--as-of", as_of)) == expected


def test_as_of_the_last_report_changes_nothing(capsys):
    assert tracks(capsys, "--as-of", "2025-03-31") == TRACKS
    assert _latest(tracks(capsys, "--as-of", "2025-03-30"))["pennant"] == "not_done"


# -- the findings only several reports can make --------------------------------------------


def test_which_findings_hold_is_as_the_readme_says(capsys):
    code, out = run(capsys, "findings", VALDORIA_DIR, "--json")
    holds = {r["id"]: r["holds"] for r in json.loads(out)}
    assert sorted(i for i, h in holds.items() if h) == [
        "contested",
        "dated-promises",
        "own-account-versus-others",
        "promise-and-record",
        "requirement-done",
        "requirement-progress",
        "same-point-different-parties",
    ]


def in_order(text: str, *parts: str) -> bool:
    """Whether every one of `parts` occurs in `text`, each after the one before."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def test_a_promise_kept_one_contradicted_and_one_still_outstanding(dataset):
    result = finding(dataset, "promise-and-record")
    assert result.holds
    assert result.statement.startswith(
        "Of three promises or expectations with a later account, one was reported kept, one contradicted and one "
        "still outstanding by the latest account."
    )
    kept, contradicted, outstanding = (
        'Kept: Corvid, on "Open a local office": agreed according to Minister for Digital Affairs Teodor Ravelli '
        "(The Valdoria Courier, 14 March 2023); done according to Online Platforms Commission (Online Platforms "
        "Commission, February 2024), 11 months later.",
        'Contradicted: Halyard Search, on "Store user data locally": expected according to Minister for Digital '
        "Affairs Teodor Ravelli (The Valdoria Courier, 13 March 2023); not done according to Harbour Wire's own "
        "reporting (Harbour Wire, 10 February 2025), 23 months later.",
        'Still outstanding: Tessera, on "Run a complaints desk": planned according to The Valdoria Courier\'s own '
        "reporting (The Valdoria Courier, 14 March 2023); expected according to Online Platforms Commission (Online "
        "Platforms Commission, February 2024), 11 months later.",
    )
    assert in_order(result.statement, kept, contradicted, outstanding)
    assert result.claims == (
        "corvid-agreed-local-office",
        "halyard-expected-local-data",
        "tessera-planned-complaints-desk",
        "corvid-opened-local-office",
        "tessera-complaints-desk-expected",
        "halyard-no-local-data",
    )


def test_at_the_end_of_2023_the_office_promise_was_still_outstanding(dataset):
    result = finding(dataset.as_of("2023-12-31"), "promise-and-record")
    assert result.holds
    assert result.statement.startswith("Of one promise or expectation with a later account, no")
    assert in_order(
        result.statement,
        'Still outstanding: Corvid, on "Open a local office": agreed',
        "planned according to Minister for Digital Affairs Teodor Ravelli (Harbour Wire, 18 September 2023)",
    )
    assert result.claims == ("corvid-agreed-local-office", "corvid-planned-local-office")


def test_the_same_point_is_the_ministers_in_one_outlet_and_unnamed_officials_in_another(dataset):
    result = finding(dataset, "same-point-different-parties")
    assert result.holds
    assert result.statement.startswith("Different reports attribute the same point to different parties:")
    for part in ("the large platforms (as a group)", '"Store user data locally"', "reluctant"):
        assert part in result.statement
    # the named party and where, then the unnamed one and where
    assert in_order(
        result.statement,
        "Minister for Digital Affairs Teodor Ravelli",
        "Harbour Wire (18 September 2023)",
        "unnamed officials familiar with the talks",
        "The Valdoria Courier (14 March 2023)",
    )
    assert result.claims == ("platforms-reluctant-local-data-officials", "platforms-reluctant-local-data-minister")


def test_a_companys_own_account_differs_from_the_governments(dataset):
    result = finding(dataset, "own-account-versus-others")
    assert result.holds
    pennant, _, halyard = result.statement.partition("; on Halyard Search")
    assert in_order(
        pennant,
        "A company's own account differs from others': on Pennant and \"Publish a transparency report\", its own "
        "account is done (in paraphrase, cited, not quoted: Pennant writes",
        "according to Pennant (in Pennant); others say agreed according to Online Platforms Commission (in Online "
        "Platforms Commission); not done according to Minister for Digital Affairs Teodor Ravelli (in The Valdoria "
        "Courier)",
    )
    # Harbour Wire's "not done" points the same way as Halyard's "declined": not a difference
    assert in_order(
        halyard,
        "its own account is declined (in paraphrase, cited, not quoted: A Halyard Search spokesperson",
        "others say expected according to Minister for Digital Affairs Teodor Ravelli (in The Valdoria Courier).",
    )
    assert "Harbour Wire's own reporting" not in halyard
    assert result.claims == (
        "halyard-expected-local-data",
        "pennant-published-transparency-report",
        "pennant-no-transparency-report",
        "halyard-declined-local-data",
        "pennant-agreed-transparency-report",
    )


# -- the whole report ---------------------------------------------------------------------


@pytest.mark.slow
def test_report_runs_on_valdoria(tmp_path):
    assert cli.main(["report", str(VALDORIA_DIR), "--out", str(tmp_path / "report")]) == 0
    assert (tmp_path / "report" / "index.html").is_file()
