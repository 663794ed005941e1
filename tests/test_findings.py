"""The narrative findings (SPEC part 4), each on small corpora where it must hold and where it must not.

Every corpus here is written by :func:`corpus_builder.write_corpus`: one
source ``s1`` of The Daily published 2022-12-10 and titled "Title of s1",
whose text is the claims' quotes. The expected sentences are written out by
hand. Claims sharing a quote are one statement.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from corpus_builder import ARDENIA_DIR, DATA_DIR, claim, entity, load_corpus, write_corpus

import analysis
from analysis.findings import FINDINGS, Finding, as_records, evidence, finding, findings, findings_text, register

CREDIT = ' Source: The Daily, 10 December 2022, "Title of s1".'

ENTITIES = [
    entity("acme", "platform"),
    entity("bolt", "platform"),
    entity("freedonia", "place"),
    entity("daily", "media", name="The Daily"),
    entity("minister", "person", name="Ana Ruiz", role="IT Minister"),
    entity("insiders", "unnamed_source", name="industry insiders"),
    entity("companies", "group", name="the companies"),
    entity("rules", "law", name="Online Rules"),
    entity("office", "requirement", name="Office in Freedonia"),
    entity("servers", "requirement", name="Servers in Freedonia"),
]


def office(claim_id, subject="acme", **columns):
    """A claim that `subject` opens an office in Freedonia, bearing on the office requirement."""
    return claim(claim_id, subject, "open_office_in", "freedonia", requirement="office", **columns)


def corpus(tmp_path, *claims):
    return load_corpus(tmp_path, entities=ENTITIES, claims=list(claims))


def check(dataset, finding_id, holds, statement, claims=None, include_inferred=False):
    result = finding(dataset, finding_id, include_inferred=include_inferred)
    assert result.statement == statement
    assert result.holds is holds
    if claims is not None:
        assert result.claims == tuple(claims)


# ---------------------------------------------------------------------------
# requirement-progress


def test_progress_counts_one_statement_for_two_subjects_of_one_sentence(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="agreed", said_by="minister", quote="Acme and Bolt agreed"),
        office("c2", "bolt", status="agreed", said_by="minister", quote="Acme and Bolt agreed"),
    )
    check(
        dataset,
        "requirement-progress",
        True,
        'On "Office in Freedonia", which no statement in the sources says a law requires, one statement reports '
        "movement toward it. Acme: agreed (\u201cAcme and Bolt agreed\u201d) according to IT Minister Ana Ruiz. "
        "Bolt: agreed (\u201cAcme and Bolt agreed\u201d) according to IT Minister Ana Ruiz." + CREDIT,
        ["c1", "c2"],
    )


def test_progress_does_not_hold_without_a_positive_account(tmp_path):
    dataset = corpus(tmp_path, office("c1", status="declined", said_by="minister"))
    check(
        dataset,
        "requirement-progress",
        False,
        "No account reports any platform, company or group moving toward a requirement.",
        [],
    )


def test_progress_on_an_inferred_claim_holds_only_when_inferred_claims_are_included(tmp_path):
    dataset = corpus(tmp_path, office("c1", status="planned", reading="inferred", notes="read as an office"))
    assert finding(dataset, "requirement-progress").holds is False
    assert finding(dataset, "requirement-progress", include_inferred=True).claims == ("c1",)


def test_progress_names_a_group_as_a_group(tmp_path):
    dataset = corpus(tmp_path, office("c1", "companies", status="expected", said_by="minister"))
    assert "The companies (as a group): expected (\u201cquote of c1\u201d) according to IT Minister Ana Ruiz." in (
        finding(dataset, "requirement-progress").statement
    )


def test_progress_names_the_law_that_requires_it_and_marks_an_inferred_reading(tmp_path):
    dataset = corpus(
        tmp_path,
        claim("law", "rules", "requires", "office", reading="inferred", notes="which: read as the office"),
        office("c1", status="agreed", said_by="minister"),
    )
    assert finding(dataset, "requirement-progress").statement.startswith(
        'On "Office in Freedonia", which no statement in the sources says a law requires,'
    )
    assert finding(dataset, "requirement-progress", include_inferred=True).statement.startswith(
        'On "Office in Freedonia", which the Online Rules require according to The Daily\'s own reporting, '
        "on the curator's reading rather than the source's words, one statement reports movement toward it."
    )


# ---------------------------------------------------------------------------
# requirement-done


def test_done_attributes_who_says_so(tmp_path):
    dataset = corpus(tmp_path, office("c1", status="done"))
    check(
        dataset,
        "requirement-done",
        True,
        'Acme has done what "Office in Freedonia" asks, according to The Daily\'s own reporting.' + CREDIT,
        ["c1"],
    )


def test_done_does_not_hold_on_plans_alone(tmp_path):
    dataset = corpus(tmp_path, office("c1", status="planned"))
    check(
        dataset,
        "requirement-done",
        False,
        "No account reports that any platform, company or group has done what a requirement asks.",
        [],
    )


def test_done_ignores_a_claim_that_bears_on_no_requirement(tmp_path):
    dataset = corpus(tmp_path, claim("c1", "acme", "registered_in", "freedonia", status="done"))
    assert finding(dataset, "requirement-done").holds is False


# ---------------------------------------------------------------------------
# requirement-gap and requirement-unaddressed


def test_gap_names_the_law_and_quotes_the_negative_account(tmp_path):
    dataset = corpus(
        tmp_path,
        claim("law", "rules", "requires", "servers"),
        claim("c1", "acme", "store_data_in", "freedonia", status="not_done", requirement="servers"),
    )
    check(
        dataset,
        "requirement-gap",
        True,
        'No account reports progress on "Servers in Freedonia", which the Online Rules require according to '
        "The Daily's own reporting: Acme, not done (\u201cquote of c1\u201d) according to The Daily's own reporting."
        + CREDIT,
        ["law", "c1"],
    )


def test_gap_does_not_hold_once_someone_moves_toward_the_requirement(tmp_path):
    dataset = corpus(
        tmp_path,
        claim("c1", "acme", "store_data_in", "freedonia", status="not_done", requirement="servers"),
        claim("c2", "bolt", "store_data_in", "freedonia", status="planned", requirement="servers"),
    )
    check(
        dataset,
        "requirement-gap",
        False,
        "Every requirement with an account has at least one account of progress toward it.",
        [],
    )


def test_gap_does_not_name_a_law_whose_requirement_is_only_inferred(tmp_path):
    dataset = corpus(
        tmp_path,
        claim("law", "rules", "requires", "servers", reading="inferred", notes="which: read as servers"),
        claim("c1", "acme", "store_data_in", "freedonia", status="not_done", requirement="servers"),
    )
    statement = finding(dataset, "requirement-gap").statement
    assert "Online Rules" not in statement
    assert statement.startswith('No account reports progress on "Servers in Freedonia": Acme, not done')


def test_unaddressed_holds_for_a_required_thing_nobody_reports_on(tmp_path):
    dataset = corpus(tmp_path, claim("law", "rules", "requires", "servers"))
    check(
        dataset,
        "requirement-unaddressed",
        True,
        'The Online Rules include the requirement "Servers in Freedonia", according to The Daily\'s own reporting, '
        "but no account reports any platform's, company's or group's position on it." + CREDIT,
        ["law"],
    )


def test_unaddressed_does_not_hold_once_an_account_exists(tmp_path):
    dataset = corpus(
        tmp_path,
        claim("law", "rules", "requires", "servers"),
        claim("c1", "companies", "store_data_in", "freedonia", status="not_done", requirement="servers"),
    )
    check(
        dataset,
        "requirement-unaddressed",
        False,
        "Every requirement a law is said to impose has at least one account of someone's position on it.",
        [],
    )


# ---------------------------------------------------------------------------
# progress-versus-reluctance


def test_progress_from_named_reluctance_from_unnamed_holds(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="agreed", said_by="minister"),
        office("c2", "bolt", status="planned"),
        office("c3", "bolt", status="reluctant", said_by="insiders"),
        office("c4", status="declined", said_by="insiders"),
    )
    check(
        dataset,
        "progress-versus-reluctance",
        True,
        "Of two statements reporting progress on a requirement, none comes from unnamed sources "
        "(one from IT Minister Ana Ruiz; one from The Daily's own reporting). Of two statements reporting the "
        "opposite (not done, declined or reluctant), two come from unnamed sources (two from unnamed industry "
        "insiders)." + CREDIT,
        ["c1", "c2", "c3", "c4"],
    )


def test_progress_versus_reluctance_says_so_when_the_pattern_is_reversed(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="agreed", said_by="insiders"),
        office("c2", "bolt", status="planned", said_by="insiders"),
        office("c3", "bolt", status="reluctant", said_by="minister"),
        office("c4", status="not_done"),
    )
    check(
        dataset,
        "progress-versus-reluctance",
        False,
        "Of two statements reporting progress on a requirement, two come from unnamed sources "
        "(two from unnamed industry insiders). Of two statements reporting the opposite (not done, declined or "
        "reluctant), none comes from unnamed sources (one from IT Minister Ana Ruiz; one from The Daily's own "
        "reporting). The pattern, progress from named sources against the opposite from unnamed ones, does not "
        "hold here." + CREDIT,
    )


def test_one_statement_a_side_is_an_anecdote_not_a_pattern(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="agreed", said_by="minister"),
        office("c2", "bolt", status="reluctant", said_by="insiders"),
    )
    check(
        dataset,
        "progress-versus-reluctance",
        False,
        "Of one statement reporting progress on a requirement, none comes from unnamed sources "
        "(one from IT Minister Ana Ruiz). Of one statement reporting the opposite (not done, declined or "
        "reluctant), one comes from unnamed sources (one from unnamed industry insiders). With fewer than two "
        "statements on a side, the pattern, progress from named sources against the opposite from unnamed ones, "
        "cannot be told." + CREDIT,
    )


def test_progress_versus_reluctance_without_the_opposite_cannot_be_checked(tmp_path):
    dataset = corpus(tmp_path, office("c1", status="agreed", said_by="minister"))
    check(
        dataset,
        "progress-versus-reluctance",
        False,
        "There are no accounts of the opposite (not done, declined or reluctant) on a requirement to compare. "
        "The pattern, progress from named sources against the opposite from unnamed ones, cannot be checked here.",
        [],
    )


def test_one_statement_of_two_parties_counts_once(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="agreed", said_by="minister"),
        office("c2", status="not_done", said_by="acme", quote="Acme and Bolt cannot open offices"),
        office("c3", "bolt", status="not_done", said_by="bolt", quote="Acme and Bolt cannot open offices"),
    )
    assert "Of one statement reporting the opposite (not done, declined or reluctant), none comes from unnamed " \
        "sources (one from Acme and Bolt)." in finding(dataset, "progress-versus-reluctance").statement


# ---------------------------------------------------------------------------
# narration-goes-further


def test_narration_stronger_than_the_person_quoted_in_the_same_report(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="planned", said_by="daily"),
        office("c2", status="expected", said_by="minister"),
    )
    check(
        dataset,
        "narration-goes-further",
        True,
        'On Acme and "Office in Freedonia", The Daily\'s own reporting goes further than the people it quotes: '
        "it says \u201cquote of c1\u201d (planned), while IT Minister Ana Ruiz is reported saying \u201cquote of "
        "c2\u201d (expected)." + CREDIT,
        ["c1", "c2"],
    )


def test_narration_weaker_than_the_person_quoted_does_not_hold(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="expected", said_by="daily"),
        office("c2", status="planned", said_by="minister"),
    )
    check(
        dataset,
        "narration-goes-further",
        False,
        "Nowhere does an outlet's own narration go further than the people it quotes on the same matter.",
        [],
    )


# ---------------------------------------------------------------------------
# contested


def test_contested_attributes_both_sides(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="agreed", said_by="minister"),
        office("c2", status="reluctant", said_by="insiders"),
    )
    check(
        dataset,
        "contested",
        True,
        'Accounts disagree in one case: on Acme and "Office in Freedonia", agreed according to IT Minister '
        "Ana Ruiz, against reluctant according to unnamed industry insiders." + CREDIT,
        ["c1", "c2"],
    )


def test_a_claim_about_a_group_contests_nothing_said_about_a_member(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="agreed", said_by="minister"),
        office("c2", "companies", status="reluctant", said_by="insiders"),
    )
    check(
        dataset,
        "contested",
        False,
        "No two accounts about the same platform, company or group and the same matter disagree.",
        [],
    )


def test_an_inferred_reluctance_contests_only_when_inferred_claims_are_included(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="agreed", said_by="minister"),
        office("c2", status="reluctant", said_by="insiders", reading="inferred", notes="reluctant to what: office"),
    )
    assert finding(dataset, "contested").holds is False
    assert finding(dataset, "contested", include_inferred=True).claims == ("c1", "c2")


# ---------------------------------------------------------------------------
# unnamed-alone


def test_unnamed_alone_counts_statements_not_claims(tmp_path):
    dataset = corpus(
        tmp_path,
        claim("c1", "acme", "undergo", "freedonia", said_by="insiders", quote="Acme and Bolt laid off staff"),
        claim("c2", "bolt", "undergo", "freedonia", said_by="insiders", quote="Acme and Bolt laid off staff"),
        office("c3", status="agreed", said_by="minister"),
    )
    check(
        dataset,
        "unnamed-alone",
        True,
        "Of the two statements the sources make (claims sharing a source and its words count once), one rests on "
        "unnamed sources alone, with no other party reported saying the same: one from unnamed industry insiders."
        + CREDIT,
        ["c1", "c2"],
    )


def test_a_named_party_saying_the_same_corroborates_an_unnamed_source(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="reluctant", said_by="insiders"),
        office("c2", status="declined", said_by="minister"),
    )
    check(dataset, "unnamed-alone", False, "No statement rests on unnamed sources alone.", [])


def test_the_outlets_own_narration_in_the_same_report_is_not_corroboration(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="reluctant", said_by="insiders"),
        office("c2", status="declined", said_by="daily"),
    )
    assert finding(dataset, "unnamed-alone").claims == ("c1",)


# ---------------------------------------------------------------------------
# dated-promises


def test_dated_promise_gives_the_week_and_the_day_it_was_said(tmp_path):
    dataset = corpus(
        tmp_path,
        claim("c1", "acme", "visit", "freedonia", status="planned", said_by="minister", date="2022-W50",
              said_on="2022-12-09"),
    )
    check(
        dataset,
        "dated-promises",
        True,
        "One statement gives a date for something scheduled, agreed or expected: \u201cquote of c1\u201d (planned "
        "for the week of 12 December 2022), according to IT Minister Ana Ruiz, said on 9 December 2022." + CREDIT,
        ["c1"],
    )


def test_a_promise_without_said_on_is_dated_by_its_report(tmp_path):
    dataset = corpus(tmp_path, claim("c1", "acme", "visit", "freedonia", status="expected", date="2023-01"))
    assert finding(dataset, "dated-promises").statement.startswith(
        "One statement gives a date for something scheduled, agreed or expected: \u201cquote of c1\u201d (expected "
        "for January 2023), according to The Daily's own reporting, reported on 10 December 2022."
    )


def test_an_undated_promise_is_not_a_dated_promise(tmp_path):
    dataset = corpus(tmp_path, claim("c1", "acme", "visit", "freedonia", status="planned"))
    check(dataset, "dated-promises", False, "No account gives a date for anything scheduled, agreed or expected.", [])


# ---------------------------------------------------------------------------
# every finding, on any corpus


def test_a_one_claim_corpus_says_which_findings_do_not_hold(tmp_path):
    dataset = corpus(tmp_path, claim("c1", "acme", "visit", "freedonia"))
    results = findings(dataset)
    assert [r.id for r in results] == list(FINDINGS)
    for result in results:
        assert result.holds is False, result.id
        assert result.claims == ()
        assert result.statement.endswith(".")


def test_the_registry_refuses_an_id_twice():
    with pytest.raises(ValueError, match="registered twice"):
        register("contested")(lambda context: ("", False, ()))


def test_unknown_finding_raises_key_error_naming_the_findings(tmp_path):
    dataset = corpus(tmp_path, claim("c1", "acme", "visit", "freedonia"))
    with pytest.raises(KeyError, match="no finding 'nope'; the findings are: requirement-progress"):
        finding(dataset, "nope")


def test_evidence_gives_the_words_and_the_reading(tmp_path):
    dataset = corpus(tmp_path, office("c1", status="done", quote="Acme opened its office"))
    rows = evidence(dataset, finding(dataset, "requirement-done"))
    assert rows[["claim_id", "said_by", "evidence", "words"]].values.tolist() == [
        ["c1", "daily", "quote", "Acme opened its office"]
    ]


@pytest.fixture(scope="module")
def bundled():
    return analysis.load(DATA_DIR)


def test_on_the_bundled_data_findings_cite_only_stated_claims(bundled):
    stated = set(bundled.claims.loc[bundled.claims["reading"].fillna("stated") == "stated", "claim_id"])
    for result in findings(bundled):
        assert set(result.claims) <= stated, result.id


def test_no_finding_prints_a_data_code_or_a_plural_slip(bundled, tmp_path):
    ardenia = analysis.load(ARDENIA_DIR)
    for dataset in (bundled, ardenia):
        for include_inferred in (False, True):
            for result in findings(dataset, include_inferred=include_inferred):
                assert "not_done" not in result.statement
                assert " 1 " not in f" {result.statement} ", result.statement


def test_every_finding_runs_on_ardenia_without_a_dawn_name():
    for result in findings(analysis.load(ARDENIA_DIR), include_inferred=True):
        assert isinstance(result, Finding) and isinstance(result.holds, bool)
        for name in ("Google", "TikTok", "Meta", "Pakistan", "Dawn", "Haque"):
            assert name not in result.statement


def test_as_records_has_exactly_the_four_keys(tmp_path):
    dataset = corpus(tmp_path, office("c1", status="done"))
    records = as_records(findings(dataset))
    assert all(list(r) == ["id", "statement", "holds", "claims"] for r in records)


def test_findings_text_marks_what_holds(tmp_path):
    dataset = corpus(tmp_path, office("c1", status="done"))
    text = findings_text([finding(dataset, "requirement-done"), finding(dataset, "contested")])
    assert text.startswith("[requirement-done] (holds)\n")
    assert "[contested] (does not hold)\n" in text


# ---------------------------------------------------------------------------
# the command line


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, timeout=120)


def test_cli_findings_json_rests_on_stated_claims_unless_asked(tmp_path):
    folder = write_corpus(
        tmp_path,
        entities=ENTITIES,
        claims=[office("c1", status="agreed", reading="inferred", notes="read as an office")],
    )
    default = json.loads(_cli("findings", str(folder), "--json").stdout)
    included = json.loads(_cli("findings", str(folder), "--json", "--include-inferred").stdout)
    assert [f["holds"] for f in default if f["id"] == "requirement-progress"] == [False]
    assert [f["claims"] for f in included if f["id"] == "requirement-progress"] == [["c1"]]


def test_cli_findings_json_prints_objects_with_exactly_four_keys(tmp_path):
    folder = write_corpus(tmp_path, entities=ENTITIES, claims=[office("c1", status="done")])
    result = _cli("findings", str(folder), "--json")
    assert result.returncode == 0
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == list(FINDINGS)
    assert all(sorted(r) == ["claims", "holds", "id", "statement"] for r in records)


# ---------------------------------------------------------------------------
# findings only a corpus of several reports can make: two reports, The Daily
# (stored, 10 December 2022) and The Ledger (cited, 5 July 2023)

TWO_SOURCES = [
    {"source_id": "s1", "published": "2022-12-10", "publisher": "The Daily"},
    {"source_id": "s2", "published": "2023-07-05", "publisher": "The Ledger", "text": "cited"},
]
TWO_CREDITS = ' Sources: The Daily, 10 December 2022, "Title of s1"; The Ledger, 5 July 2023, "Title of s2".'


def two_reports(tmp_path, *claims):
    return load_corpus(tmp_path, entities=ENTITIES, claims=list(claims), sources=TWO_SOURCES)


def test_a_promise_later_reported_kept(tmp_path):
    dataset = two_reports(
        tmp_path,
        office("c1", status="planned", source="s1"),
        office("c2", status="done", said_by="minister", source="s2"),
    )
    check(
        dataset,
        "promise-and-record",
        True,
        "Of one promise or expectation with a later account, one was reported kept, none contradicted and none "
        'still outstanding by the latest account. Kept: Acme, on "Office in Freedonia": planned according to The '
        "Daily's own reporting (The Daily, 10 December 2022); done according to IT Minister Ana Ruiz (The Ledger, "
        "5 July 2023), seven months later." + TWO_CREDITS,
        ["c1", "c2"],
    )


def test_a_promise_still_outstanding_and_one_contradicted(tmp_path):
    dataset = two_reports(
        tmp_path,
        office("c1", status="agreed", said_by="minister", source="s1"),
        office("c2", status="expected", said_by="minister", source="s2"),
        office("c3", "bolt", status="planned", source="s1"),
        office("c4", "bolt", status="declined", said_by="bolt", source="s2"),
    )
    statement = finding(dataset, "promise-and-record").statement
    assert statement.split(" Contradicted: ")[0] == (
        "Of two promises or expectations with a later account, none was reported kept, one contradicted and one "
        "still outstanding by the latest account."
    )
    assert "Contradicted: Bolt, on \"Office in Freedonia\": planned" in statement
    assert "Still outstanding: Acme, on \"Office in Freedonia\": agreed" in statement


def test_no_later_account_no_record(tmp_path):
    dataset = corpus(tmp_path, office("c1", status="planned"))
    check(dataset, "promise-and-record", False, "No promise in the sources has a later account to check it against.", [])


def test_the_same_point_named_in_one_report_and_unnamed_in_another(tmp_path):
    dataset = two_reports(
        tmp_path,
        office("c1", "companies", status="reluctant", said_by="minister", source="s2"),
        office("c2", "companies", status="reluctant", said_by="insiders", source="s1"),
    )
    check(
        dataset,
        "same-point-different-parties",
        True,
        "Different reports attribute the same point to different parties: on the companies (as a group) and "
        '"Office in Freedonia", the account \u201creluctant\u201d comes from IT Minister Ana Ruiz in The Ledger '
        "(5 July 2023), but from unnamed industry insiders in The Daily (10 December 2022)."
        + TWO_CREDITS,
        ["c1", "c2"],
    )


def test_the_same_point_in_one_report_is_not_a_difference_of_attribution(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", "companies", status="reluctant", said_by="minister"),
        office("c2", "companies", status="reluctant", said_by="insiders"),
    )
    assert finding(dataset, "same-point-different-parties").holds is False


def acme_done_minister_expects(words: str) -> str:
    """own-account-versus-others when Acme says (in The Ledger) it is done, in `words`, and the minister expects it."""
    return (
        'A company\'s own account differs from others\': on Acme and "Office in Freedonia", its own account is '
        f"done ({words}) according to Acme (in The Ledger); others say expected according to IT Minister Ana Ruiz "
        "(in The Daily)." + TWO_CREDITS
    )


def test_a_companys_own_account_against_others(tmp_path):
    dataset = two_reports(
        tmp_path,
        office("c1", status="done", said_by="acme", source="s2"),
        office("c2", status="expected", said_by="minister", source="s1"),
    )
    check(
        dataset,
        "own-account-versus-others",
        True,
        acme_done_minister_expects("in paraphrase, cited, not quoted: paraphrase of c1"),
        ["c1", "c2"],
    )


def test_an_accounts_words_are_its_quotes_then_its_paraphrases_marked_once(tmp_path):
    dataset = two_reports(
        tmp_path,
        office("c1", status="done", said_by="acme", source="s2", paraphrase="Acme says its office is open."),
        office("c3", status="done", said_by="acme", source="s2", paraphrase="Acme adds that it hired staff"),
        office("c2", status="expected", said_by="minister", source="s1"),
    )
    check(
        dataset,
        "own-account-versus-others",
        True,
        acme_done_minister_expects(
            "in paraphrase, cited, not quoted: Acme says its office is open; Acme adds that it hired staff"
        ),
        ["c1", "c3", "c2"],
    )


def test_own_account_agreeing_in_direction_is_no_difference(tmp_path):
    dataset = corpus(
        tmp_path,
        office("c1", status="planned", said_by="acme"),
        office("c2", status="expected", said_by="minister"),
    )
    check(
        dataset,
        "own-account-versus-others",
        False,
        "No company's own account of itself differs from what others say of it.",
        [],
    )
