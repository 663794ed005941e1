"""A validator that suggests the fix (issue 10, item 3).

Each test breaks the tiny package of conftest.py in one way and states the
whole line a curator reads, hint included, worked out by hand:

* a value outside an enumeration names the value meant (case, separators,
  a close spelling), and nothing when no value is close;
* an unknown id names the nearest existing id, found by the id, or by an
  entity's name or alias, or a predicate's label;
* a quote not found names the usual cause (dash, case, ellipsis, doubled or
  missing word) and shows the nearest passage with what differs in
  [brackets];
* a record with more fields than the header names the cell an unquoted
  comma split;
* a malformed record no longer hides the problems of the other records;
* warnings (a quote too short to support a claim, an entity no claim uses)
  never make loading fail.

Line numbers in the tiny package: claims.csv 2: c1, 3: c2, 4: c3;
entities.csv 2: acme, 3: freedonia, 4: ministry, 5: daily, 6: req-office;
predicates.csv 2: open_office_in, 3: complies_with.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SOURCE_TEXT

import analysis
from analysis import validation
from analysis.problems import DataValidationError, Problem
from analysis.vocabulary import ENTITY_TYPES, SOURCE_KINDS, STATUSES

STATUS_LIST = ", ".join(STATUSES)
TYPE_LIST = ", ".join(ENTITY_TYPES)
KIND_LIST = ", ".join(SOURCE_KINDS)
C3_QUOTE = "Acme declined to store user data locally"
NOT_FOUND = "claims.csv:4: quote: not found in sources/s1.txt"


def problems(folder: Path) -> list[str]:
    """The error lines of `folder`, checked to agree between validate() and load()."""
    found = [str(p) for p in analysis.validate(folder)]
    if found:
        with pytest.raises(DataValidationError) as caught:
            analysis.load(folder)
        assert [str(p) for p in caught.value.problems] == found
    else:
        analysis.load(folder)
    return found


@pytest.fixture
def package(tiny_package):
    return tiny_package()


# -- enumerations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        (
            "entities.csv",
            "Freedonia,place,",
            "Freedonia,Place,",
            f"entities.csv:3: type: 'Place' is not one of: {TYPE_LIST}; did you mean 'place'? (values are lower case)",
        ),
        (
            "sources.csv",
            ",news,",
            ",News,",
            f"sources.csv:2: kind: 'News' is not one of: {KIND_LIST}; did you mean 'news'? (values are lower case)",
        ),
        (
            "entities.csv",
            "Ministry of IT,government_body,",
            "Ministry of IT,governmentbody,",
            f"entities.csv:4: type: 'governmentbody' is not one of: {TYPE_LIST}; did you mean 'government_body'?",
        ),
    ],
    ids=["type-case", "kind-case", "type-spelling"],
)
def test_value_outside_an_enumeration_names_the_value_meant(package, rewrite, rel, old, new, expected):
    rewrite.replace(package, rel, old, new)
    assert problems(package) == [expected]


@pytest.mark.parametrize(
    ("status", "hint"),
    [
        ("planed", "; did you mean 'planned'?"),  # a letter dropped
        ("not done", "; did you mean 'not_done'?"),  # a space for the underscore
        ("NOT-DONE", "; did you mean 'not_done'?"),
        ("tomorrow", ""),  # nothing close: no guess
    ],
)
def test_status_spelling_is_suggested_only_when_close(package, rewrite, status, hint):
    rewrite.replace(package, "claims.csv", ",planned,", f",{status},")
    assert problems(package) == [f"claims.csv:3: status: {status!r} is not one of: {STATUS_LIST}{hint}"]


def test_reading_and_text_enumerations_suggest_too(package, rewrite):
    rewrite.column(package, "claims.csv", "reading", {"c3": "Stated"})
    rewrite.column(package, "sources.csv", "text", {"s1": "store"})
    assert problems(package) == [
        "sources.csv:2: text: 'store' is not one of: stored, cited; did you mean 'stored'?",
        "claims.csv:4: reading: 'Stated' is not one of: stated, inferred; did you mean 'stated'? (values are lower case)",
    ]


def test_entity_type_list_of_a_predicate_names_the_type_meant(package, rewrite):
    rewrite.replace(package, "predicates.csv", "open_office_in,open an office in,platform|company,", "open_office_in,open an office in,platform|compny,")
    assert problems(package) == [
        f"predicates.csv:2: subject_types: 'platform|compny' must be '*' or entity types separated by '|', "
        f"from: {TYPE_LIST}; did you mean 'company' for 'compny'?",
    ]


# -- unknown ids ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("\nc3,acme,", "\nc3,Acme,", "claims.csv:4: subject: unknown entity_id 'Acme': not in entities.csv; did you mean 'acme'?"),
        (
            "open_office_in,freedonia,",
            "open_office_in,freedonai,",  # two letters swapped
            "claims.csv:2: object: unknown entity_id 'freedonai': not in entities.csv; did you mean 'freedonia'?",
        ),
        (
            ",declined,daily,",
            ",declined,ministry-of-it,",  # the entity's name, as a slug
            "claims.csv:4: said_by: unknown entity_id 'ministry-of-it': not in entities.csv; "
            "did you mean 'ministry' (named 'Ministry of IT')?",
        ),
        (
            "c1,acme,open_office_in,",
            "c1,acme,open-an-office-in,",  # the predicate's label, as a slug
            "claims.csv:2: predicate: unknown predicate 'open-an-office-in': not in predicates.csv; "
            "did you mean 'open_office_in' (labelled 'open an office in')?",
        ),
        (
            "open_office_in,freedonia,",
            "open_office_in,atlantis,",  # nothing close: no guess
            "claims.csv:2: object: unknown entity_id 'atlantis': not in entities.csv",
        ),
    ],
    ids=["case", "swap", "name", "label", "nothing-close"],
)
def test_unknown_id_names_the_nearest_existing_one(package, rewrite, old, new, expected):
    rewrite.replace(package, "claims.csv", old, new)
    assert problems(package) == [expected]


def test_unknown_id_is_matched_against_aliases(package, rewrite):
    rewrite.replace(package, "entities.csv", "acme,Acme,platform,,", "acme,Acme,platform,Acme Inc|Acme Corporation,")
    rewrite.replace(package, "claims.csv", "\nc3,acme,", "\nc3,acme-inc,")
    assert problems(package) == [
        "claims.csv:4: subject: unknown entity_id 'acme-inc': not in entities.csv; did you mean 'acme' (alias 'Acme Inc')?",
    ]


def test_suggestions_stop_after_the_limit_of_different_unknown_ids(package, rewrite, monkeypatch):
    monkeypatch.setattr(validation, "SUGGESTIONS_PER_COLUMN", 1)
    rewrite.replace(package, "claims.csv", "c1,acme,", "c1,acne,")
    rewrite.replace(package, "claims.csv", "\nc3,acme,", "\nc3,acmee,")
    assert problems(package) == [
        "claims.csv:2: subject: unknown entity_id 'acne': not in entities.csv; did you mean 'acme'?",
        "claims.csv:4: subject: unknown entity_id 'acmee': not in entities.csv",
    ]


# -- quotes not found ------------------------------------------------------------------------

#: A sentence with em dashes, added to the tiny source text; c3 quotes it.
DASHED = "Acme \u2014 the largest platform \u2014 keeps its servers abroad, the ministry said.\n"


def quoting(package, rewrite, quote: str, extra: str = DASHED) -> Path:
    """The tiny package whose source also holds `extra` and whose claim c3 quotes `quote`."""
    rewrite.file(package, "sources/s1.txt", SOURCE_TEXT + extra)
    rewrite.replace(package, "claims.csv", C3_QUOTE, quote)
    return package


@pytest.mark.parametrize(
    ("quote", "hint"),
    [
        (
            "Acme - the largest platform - keeps its servers abroad",
            "; the quote has a hyphen (-) where the source has an em dash (\u2014), 2 times; "
            'nearest passage: "Acme [\u2014] the largest platform [\u2014] keeps its servers abroad"',
        ),
        (
            "Acme \u2013 the largest platform \u2013 keeps",
            "; the quote has an en dash (\u2013) where the source has an em dash (\u2014), 2 times; "
            'nearest passage: "Acme [\u2014] the largest platform [\u2014] keeps"',
        ),
        (
            "the ministry of IT said on Friday",
            "; the case differs: 'the' where the source has 'The', 'ministry' where the source has 'Ministry'; "
            'nearest passage: "[The] [Ministry] of IT said on Friday"',
        ),
        (
            "Acme declined ... locally",
            "; '...' stands for omitted words, but a quote is verbatim: quote each part as its own claim, "
            'or quote the whole span; nearest passage: "Acme declined [to store user data] locally"',
        ),
        (
            "Acme declined to to store user data locally",
            "; the quote repeats 'to'; nearest passage: \"Acme declined to store user data locally\"",
        ),
        (
            "Acme declined to store data locally",
            "; the quote leaves out 'user'; nearest passage: \"Acme declined to store [user] data locally\"",
        ),
        (
            "Acme declined to store user files locally",
            "; the quote has 'files' where the source has 'data'; "
            'nearest passage: "Acme declined to store user [data] locally"',
        ),
        ("Bolt welcomed the new rules warmly", ""),  # nothing close: no passage
    ],
    ids=["hyphen", "en-dash", "case", "ellipsis", "doubled", "missing", "other-word", "nothing-close"],
)
def test_quote_not_found_names_the_cause_and_the_nearest_passage(package, rewrite, quote, hint):
    assert problems(quoting(package, rewrite, quote)) == [NOT_FOUND + hint]


def test_quote_that_runs_on_differently_is_told_where_it_stops_matching(package, rewrite):
    found = problems(quoting(package, rewrite, "Acme declined to store user data abroad"))
    assert found == [NOT_FOUND + "; the text matches up to 'Acme declined to store user data ', then differs at 'abroad'"]


def test_long_passage_is_cut_around_the_difference(package, rewrite):
    words = " ".join(f"w{i}" for i in range(40))
    quote = words.replace("w20", "W20")
    found = problems(quoting(package, rewrite, quote, extra=words + "\n"))
    # up to 30 characters of unchanged text each side, cut at a word: the
    # 30 before [w20] are "2 w13 ... w19 ", after it " w21 ... w27 w"
    assert found == [
        NOT_FOUND + "; the case differs: 'W20' where the source has 'w20'; "
        'nearest passage: "\u2026 w13 w14 w15 w16 w17 w18 w19 [w20] w21 w22 w23 w24 w25 w26 w27 \u2026"'
    ]


# -- unquoted commas -------------------------------------------------------------------------


def test_record_with_an_unquoted_comma_names_the_cell_it_split(package, rewrite):
    rewrite.line(package, "claims.csv", 4, f"c3,acme,complies_with,req-office,declined,daily,s1,{C3_QUOTE},,,,said by the paper, not the ministry")
    assert problems(package) == [
        "claims.csv:4: record has 13 fields, the header has 12: a cell that contains a comma must be in double "
        'quotes; the notes cell looks split at its comma: write it as "said by the paper, not the ministry"',
    ]


def test_record_with_too_many_fields_but_no_split_prose_gets_the_rule_alone(package, rewrite):
    rewrite.line(package, "claims.csv", 4, f"c3,acme,complies_with,req-office,declined,daily,s1,{C3_QUOTE},,,,,x")
    assert problems(package) == [
        "claims.csv:4: record has 13 fields, the header has 12: a cell that contains a comma must be in double quotes",
    ]


# -- a malformed record hides nothing --------------------------------------------------------

UNTERMINATED = "unterminated quoted cell: a double quote opens here and never closes"
STRAY = 'stray double quote: a cell containing " must be quoted, with the quote doubled ("")'


def test_unterminated_quote_does_not_hide_an_earlier_error_in_the_same_file(package, rewrite):
    rewrite.replace(package, "claims.csv", ",planned,", ",Planned,")  # line 3
    rewrite.replace(package, "claims.csv", f",{C3_QUOTE},", f',"{C3_QUOTE},')  # line 4: never closed
    assert problems(package) == [
        f"claims.csv:3: status: 'Planned' is not one of: {STATUS_LIST}; did you mean 'planned'? (values are lower case)",
        f"claims.csv:4: {UNTERMINATED}",
    ]


def test_stray_quotes_do_not_hide_the_errors_of_the_records_before_or_after_them(package, rewrite):
    # Two stray quotes keep the quote parity, so the records after them are
    # told apart as ever. (One stray quote alone would leave the rest of the
    # file inside a quoted cell as far as anyone can tell: only the records
    # before it are read then.)
    rewrite.replace(package, "entities.csv", "acme,Acme,platform", "acme,Acme,Platform")  # line 2
    rewrite.replace(package, "entities.csv", "freedonia,Freedonia,place,,,,", 'freedonia,Freedonia,place,,,,the "old" name')
    rewrite.replace(package, "entities.csv", "daily,The Daily,media", "daily,The Daily,Media")  # line 5
    # freedonia (line 3) is left out: the claims that name it are not judged against it
    assert problems(package) == [
        f"entities.csv:2: type: 'Platform' is not one of: {TYPE_LIST}; did you mean 'platform'? (values are lower case)",
        f"entities.csv:3: description: {STRAY}",
        f"entities.csv:5: type: 'Media' is not one of: {TYPE_LIST}; did you mean 'media'? (values are lower case)",
    ]


# -- warnings --------------------------------------------------------------------------------

SHORT = "is {n} word{s}, too short to support a claim: quote at least 3 words that say it (who does what)"


@pytest.mark.parametrize(("quote", "n"), [("Acme", 1), ("Acme declined", 2)])
def test_quote_of_fewer_than_three_words_is_a_warning_not_an_error(package, rewrite, quote, n):
    rewrite.replace(package, "claims.csv", C3_QUOTE, quote)
    warning = f"claims.csv:4: quote: warning: {quote!r} " + SHORT.format(n=n, s="s" if n > 1 else "")
    assert problems(package) == []
    assert [str(p) for p in analysis.validate(package, warnings=True)] == [warning]
    assert [str(p) for p in analysis.load(package).warnings] == [warning]


def test_quote_of_three_words_is_no_warning(package, rewrite):
    rewrite.replace(package, "claims.csv", C3_QUOTE, "Acme declined to")
    assert analysis.validate(package, warnings=True) == []


def test_entity_no_claim_uses_is_a_warning(package, rewrite):
    rewrite.replace(package, "entities.csv", "req-office,Local office,requirement,,,,\n", "req-office,Local office,requirement,,,,\nbolt,Bolt,platform,,,,\n")
    dataset = analysis.load(package)
    assert [str(p) for p in dataset.warnings] == [
        "entities.csv:7: entity_id: warning: 'bolt' is used by no claim (as subject, object, said_by or requirement)",
    ]
    assert dataset.warnings[0].severity == "warning" and dataset.warnings[0].is_warning


def test_unused_entities_are_not_judged_when_a_claim_record_is_left_out(package, rewrite):
    # c3 is the only claim said by `daily`; it is malformed, so `daily` may well be used
    rewrite.line(package, "claims.csv", 4, "c3,acme,complies_with,req-office,declined,daily,s1")
    found = analysis.validate(package, warnings=True)
    assert [str(p) for p in found] == ["claims.csv:4: record has 7 fields, the header has 12"]


def test_warnings_travel_with_the_errors_and_with_the_selections(package, rewrite):
    rewrite.replace(package, "claims.csv", C3_QUOTE, "Acme")
    warning = "claims.csv:4: quote: warning: 'Acme' " + SHORT.format(n=1, s="")
    dataset = analysis.load(package)
    assert dataset.select().warnings == dataset.warnings == dataset.as_of("2030-01-01").warnings
    rewrite.replace(package, "claims.csv", ",planned,", ",done,,")  # an error besides: one field too many
    with pytest.raises(DataValidationError) as caught:
        analysis.load(package)
    assert [str(p) for p in caught.value.warnings] == [warning]
    assert all(not p.is_warning for p in caught.value.problems)


def test_problem_severity_defaults_to_error_and_leaves_equality_alone():
    assert Problem("claims.csv", 3, "status", "x") == Problem("claims.csv", 3, "status", "x", "error")
    assert Problem("claims.csv", 3, "status", "x") != Problem("claims.csv", 3, "status", "x", "warning")
    assert str(Problem("entities.csv", None, None, "x", "warning")) == "entities.csv: warning: x"
    assert str(Problem("claims.csv", 3, None, "x", "warning")) == "claims.csv:3: warning: x"


def test_unused_entities_are_not_judged_while_a_claim_names_an_unknown_entity(package, rewrite):
    # 'acne' is most likely acme misspelt: acme is not called unused for it
    rewrite.replace(package, "entities.csv", "req-office,Local office,requirement,,,,\n", "req-office,Local office,requirement,,,,\nbolt,Bolt,platform,,,,\n")
    for claim_id in ("c1", "c2", "c3"):
        rewrite.replace(package, "claims.csv", f"{claim_id},acme,", f"{claim_id},acne,")
    assert [str(p) for p in analysis.validate(package, warnings=True)] == [
        f"claims.csv:{line}: subject: unknown entity_id 'acne': not in entities.csv; did you mean 'acme'?"
        for line in (2, 3, 4)
    ]
