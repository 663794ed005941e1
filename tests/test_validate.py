"""``analysis validate`` and ``analysis.load``: every rule of SPEC part 1, "What validate rejects".

Each rule has one test on a tiny broken copy of a valid package (see
conftest.py), asserting the exact problem line(s) a curator would read:
``PATH:LINE: COLUMN: message``. Line numbers in the tiny package:

========================  =====================================================
file                      records (line: id)
========================  =====================================================
sources.csv               2: s1
entities.csv              2: acme, 3: freedonia, 4: ministry, 5: daily,
                          6: req-office
predicates.csv            2: open_office_in, 3: complies_with
claims.csv                2: c1, 3: c2, 4: c3
========================  =====================================================
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ARDENIA_DIR, CSV_FILES, DATA_DIR, TINY_FILES

import analysis
from analysis import cli
from analysis.problems import DataPackageNotFound, DataValidationError, Problem
from analysis.vocabulary import ENTITY_TYPES, READINGS, SOURCE_KINDS, STATUSES, TEXT_KINDS

ENTITY_TYPE_LIST = ", ".join(ENTITY_TYPES)
STATUS_LIST = ", ".join(STATUSES)
KIND_LIST = ", ".join(SOURCE_KINDS)
SLUG_RULE = "an id is a slug matching [a-z0-9][a-z0-9_-]*"
DATE_RULE = "is not a real date in the form YYYY-MM-DD, YYYY-Www (ISO week), YYYY-MM or YYYY"
STRAY = 'stray double quote: a cell containing " must be quoted, with the quote doubled ("")'
UNTERMINATED = "unterminated quoted cell: a double quote opens here and never closes"


def problems(folder: Path) -> list[str]:
    """The printed problem lines of `folder`, checked to agree between validate() and load()."""
    found = [str(p) for p in analysis.validate(folder)]
    if found:
        with pytest.raises(DataValidationError) as caught:
            analysis.load(folder)
        assert [str(p) for p in caught.value.problems] == found
        assert all(isinstance(p, Problem) for p in caught.value.problems)
    else:
        analysis.load(folder)
    return found


def cells(column: pd.Series) -> list:
    """The values of a column, a missing one as None."""
    return [None if pd.isna(value) else value for value in column.tolist()]


def edit_bytes(folder: Path, rel: str, old: bytes, new: bytes) -> None:
    """Replace exactly one occurrence of `old` in a file, at the byte level."""
    path = folder / rel
    raw = path.read_bytes()
    assert raw.count(old) == 1, f"{old!r} occurs {raw.count(old)} times in {rel}"
    path.write_bytes(raw.replace(old, new))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` in a fresh interpreter, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture
def package(tiny_package):
    """One fresh, valid tiny package."""
    return tiny_package()


def test_the_tiny_package_is_valid(package):
    assert problems(package) == []
    dataset = analysis.load(package)
    assert dataset.counts == {"sources": 1, "entities": 5, "predicates": 2, "claims": 3}
    assert dataset.claims["claim_id"].tolist() == ["c1", "c2", "c3"]


# -- missing files and folders ------------------------------------------------


@pytest.mark.parametrize("name", CSV_FILES)
def test_missing_file(package, name):
    (package / name).unlink()
    # Reported once: nothing that depends on the file is checked against it.
    assert problems(package) == [f"{name}: file not found"]


def test_missing_data_folder(tmp_path, capsys):
    missing = tmp_path / "no-such-package"
    with pytest.raises(DataPackageNotFound, match="data package folder not found"):
        analysis.load(missing)
    with pytest.raises(DataPackageNotFound):
        analysis.validate(missing)

    assert cli.main(["validate", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"analysis: data package folder not found: {missing}\n"

    result = run_cli("validate", str(missing))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr == f"analysis: data package folder not found: {missing}\n"


def test_data_argument_that_is_a_file_is_a_usage_error(package, capsys):
    assert cli.main(["validate", str(package / "claims.csv")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("analysis: data package folder not found: ")


def test_missing_sources_folder(package):
    shutil.rmtree(package / "sources")
    assert problems(package) == [
        "sources: folder not found: each stored source's text goes in sources/<source_id>.txt",
    ]


def test_source_text_file_missing(package):
    (package / "sources" / "s1.txt").unlink()
    # Reported on the record of the source that needs it; the quotes of its
    # claims cannot be checked and are not reported as not found.
    assert problems(package) == ["sources.csv:2: source_id: source text sources/s1.txt not found"]


@pytest.mark.parametrize("rel", ["claims.csv", "sources/s1.txt"])
def test_unreadable_file_a_folder_where_a_file_should_be(package, rel):
    (package / rel).unlink()
    (package / rel).mkdir()
    assert problems(package) == [f"{rel}: is a folder, not a file"]


# -- encoding ------------------------------------------------------------------


def test_non_utf8_bytes_name_the_line(package):
    edit_bytes(package, "entities.csv", b"Ministry of IT", b"Minist\xe8re of IT")  # Latin-1 è
    assert problems(package) == [
        "entities.csv: not valid UTF-8: byte 0xE8 on line 4 cannot be decoded; save the file as UTF-8",
    ]


def test_non_utf8_bytes_in_a_source_text(package):
    edit_bytes(package, "sources/s1.txt", b"Acme declined", b"Acme d\xe9clined")
    assert problems(package) == [
        "sources/s1.txt: not valid UTF-8: byte 0xE9 on line 2 cannot be decoded; save the file as UTF-8",
    ]


@pytest.mark.parametrize(
    ("newline", "line"),
    [(b"\n", 4), (b"\r\n", 4), (b"\r", 4)],
    ids=["lf", "crlf", "lone-cr"],
)
def test_non_utf8_line_counts_every_kind_of_line_end(package, newline, line):
    raw = TINY_FILES["entities.csv"].encode().replace(b"\n", newline)
    (package / "entities.csv").write_bytes(raw.replace(b"Ministry", b"Minist\xe8ry"))
    assert problems(package) == [
        f"entities.csv: not valid UTF-8: byte 0xE8 on line {line} cannot be decoded; "
        "save the file as UTF-8",
    ]


def test_binary_garbage(package):
    # An image saved under a CSV's name: not UTF-8 from the first byte.
    (package / "claims.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    assert problems(package) == [
        "claims.csv: not valid UTF-8: byte 0x89 on line 1 cannot be decoded; save the file as UTF-8",
    ]


def test_binary_garbage_that_happens_to_be_utf8(package):
    # Control bytes are valid UTF-8, but no header or cell may hold them.
    (package / "predicates.csv").write_bytes(b"\x00\x01\x02,\x03\n\x04\x05,\x06\n")
    assert problems(package) == [
        "predicates.csv:1: header cell 1 contains control character U+0000",
        "predicates.csv:1: header cell 2 contains control character U+0003",
    ]


def test_empty_file(package):
    (package / "entities.csv").write_bytes(b"")
    assert problems(package) == ["entities.csv: file is empty: a header row is required"]


# -- malformed CSV -------------------------------------------------------------


def test_malformed_csv_unterminated_quote(package):
    edit_bytes(package, "entities.csv", b"ministry,Ministry of IT,", b'ministry,"Ministry of IT,')
    assert problems(package) == [f"entities.csv:4: {UNTERMINATED}"]


def test_malformed_csv_stray_quote(package):
    edit_bytes(package, "entities.csv", b"Ministry of IT", b'Ministry "of" IT')
    assert problems(package) == [f"entities.csv:4: name: {STRAY}"]


def test_malformed_csv_single_stray_quote_is_reported_where_it_is(package):
    # An inch mark on line 3 and a properly quoted cell on line 5: the odd
    # quote is on line 3, not wherever the last quote of the file happens to be.
    edit_bytes(package, "entities.csv", b"freedonia,Freedonia,place,,,,", b'freedonia,Freedonia,place,,,,5" wide')
    edit_bytes(package, "entities.csv", b"daily,The Daily,", b'daily,"The, Daily",')
    assert problems(package) == [f"entities.csv:3: description: {STRAY}"]


def test_malformed_csv_stray_quote_in_a_cell_spanning_lines(package):
    # Record c1 starts on line 2; the bad quote is on line 3 of the same record.
    edit_bytes(package, "claims.csv", b'to open an office"', b'to open\nan "office"')
    assert problems(package) == [f"claims.csv:2: quote: {STRAY}"]


@pytest.mark.parametrize(
    ("new", "count"),
    [(b"daily,The Daily,media,,,\n", 6), (b"daily,The Daily,media,,,,,\n", 8)],
    ids=["too-few", "too-many"],
)
def test_malformed_csv_wrong_number_of_fields(package, new, count):
    edit_bytes(package, "entities.csv", b"daily,The Daily,media,,,,\n", new)
    # The record is left out; `daily` (said_by of c3) must not then be
    # reported as an unknown entity: it is there, on a malformed line.
    # Too many fields is most often an unquoted comma: the rule is said.
    rule = ": a cell that contains a comma must be in double quotes" if count > 7 else ""
    assert problems(package) == [f"entities.csv:5: record has {count} fields, the header has 7{rule}"]


def test_malformed_csv_blank_line(package):
    edit_bytes(package, "entities.csv", b"\ndaily,", b"\n\ndaily,")
    assert problems(package) == ["entities.csv:5: blank line: every line must be a record"]


def test_malformed_csv_blank_line_at_the_end(package):
    (package / "claims.csv").write_text(TINY_FILES["claims.csv"] + "\n", encoding="utf-8")
    assert problems(package) == ["claims.csv:5: blank line: every line must be a record"]


def test_malformed_header_duplicate_and_empty_column_names(package):
    edit_bytes(package, "entities.csv", b",description\n", b",name\n")
    edit_bytes(package, "predicates.csv", b",description\n", b",\n")
    assert problems(package) == [
        "entities.csv:1: name: duplicate column name",
        "predicates.csv:1: header cell 5 is empty",
    ]


# -- columns and cells ---------------------------------------------------------


def test_missing_required_column(package):
    text = TINY_FILES["entities.csv"]
    without_type = "".join(
        ",".join(cells[:2] + cells[3:]) + "\n" for cells in (line.split(",") for line in text.splitlines())
    )
    (package / "entities.csv").write_text(without_type, encoding="utf-8")
    assert problems(package) == ["entities.csv:1: type: required column is missing"]


def test_empty_required_cell(package):
    edit_bytes(package, "entities.csv", b"ministry,Ministry of IT,", b"ministry,,")
    edit_bytes(package, "claims.csv", b"c3,acme,complies_with,req-office,declined", b"c3,acme,complies_with,req-office,")
    assert problems(package) == [
        "entities.csv:4: name: required value is empty",
        "claims.csv:4: status: required value is empty",
    ]


@pytest.mark.parametrize("bad", ["C3", "c 3", " c3", "-c3", "c3!", "c\u00e93"])
def test_malformed_slug(package, bad):
    edit_bytes(package, "claims.csv", b"\nc3,", f"\n{bad},".encode())
    assert problems(package) == [f"claims.csv:4: claim_id: malformed id {bad!r}: {SLUG_RULE}"]


def test_duplicate_id_names_the_first_line(package):
    edit_bytes(package, "claims.csv", b"\nc3,", b"\nc1,")
    with (package / "entities.csv").open("a", encoding="utf-8") as file:
        file.write("acme,Acme again,company,,,,\n")  # line 7
    assert problems(package) == [
        "entities.csv:7: entity_id: duplicate id 'acme': first used on line 2",
        "claims.csv:4: claim_id: duplicate id 'c1': first used on line 2",
    ]


# -- enumerations --------------------------------------------------------------


def test_value_outside_enumeration_kind(package):
    edit_bytes(package, "sources.csv", b",news,", b",blog,")
    assert problems(package) == [f"sources.csv:2: kind: 'blog' is not one of: {KIND_LIST}"]


def test_value_outside_enumeration_type(package):
    edit_bytes(package, "entities.csv", b"The Daily,media", b"The Daily,newspaper")
    assert problems(package) == [f"entities.csv:5: type: 'newspaper' is not one of: {ENTITY_TYPE_LIST}"]


def test_value_outside_enumeration_status(package):
    edit_bytes(package, "claims.csv", b",planned,", b",Planned,")  # case matters
    assert problems(package) == [
        f"claims.csv:3: status: 'Planned' is not one of: {STATUS_LIST}; did you mean 'planned'? (values are lower case)"
    ]


def test_value_outside_enumeration_reading(package, rewrite):
    rewrite.column(package, "claims.csv", "reading", {"c3": "assumed"})
    assert problems(package) == ["claims.csv:4: reading: 'assumed' is not one of: stated, inferred"]


def test_value_outside_enumeration_text(package, rewrite):
    rewrite.column(package, "sources.csv", "text", {"s1": "kept"})
    assert problems(package) == ["sources.csv:2: text: 'kept' is not one of: stored, cited"]


def test_value_outside_enumeration_predicate_types(package):
    edit_bytes(package, "predicates.csv", b"open an office in,platform|company,place", b"open an office in,platform|firm,place")
    edit_bytes(package, "predicates.csv", b"complies with,platform|company,requirement", b"complies with,platform|company,*|law")
    rule = f"must be '*' or entity types separated by '|', from: {ENTITY_TYPE_LIST}"
    found = problems(package)
    assert found[:2] == [
        f"predicates.csv:2: subject_types: 'platform|firm' {rule}",
        f"predicates.csv:3: object_types: '*|law' {rule}",
    ]


# -- dates ---------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["9 Dec 2022", "2022-12-9", "2022/12/09", "22-12-09", "2022-12-09T10:00"])
def test_malformed_date(package, bad):
    edit_bytes(package, "claims.csv", b",2022-12-09,", f",{bad},".encode())
    assert problems(package) == [f"claims.csv:2: date: {bad!r} {DATE_RULE}"]


@pytest.mark.parametrize("bad", ["2022-02-30", "2022-13", "2023-02-29", "2022-00", "2022-04-31", "0000"])
def test_impossible_date(package, bad):
    edit_bytes(package, "sources.csv", b",2022-12-10,", f",{bad},".encode())
    assert problems(package) == [f"sources.csv:2: published: {bad!r} {DATE_RULE}"]


def test_real_dates_of_every_precision_are_accepted(package):
    edit_bytes(package, "sources.csv", b",2022-12-10,", b",2024-02-29,")
    edit_bytes(package, "claims.csv", b",2022-12-09,", b",2022,")
    assert problems(package) == []


def test_week_53_of_a_year_of_52_weeks_is_rejected(package):
    # 28 December 2022 is in week 52: 2022 has no week 53
    edit_bytes(package, "claims.csv", b",2022-12-09,", b",2022-W53,")
    assert problems(package) == [f"claims.csv:2: date: '2022-W53' {DATE_RULE}"]


def test_week_53_of_a_year_that_has_it_is_accepted(package):
    # 2020 began on a Wednesday, a leap year: 28 December 2020 is in week 53
    edit_bytes(package, "claims.csv", b",2022-12-09,", b",2020-W53,")
    assert problems(package) == []
    assert analysis.load(package).claims["date"].tolist()[0] == "2020-W53"


def test_week_00_is_rejected(package):
    edit_bytes(package, "claims.csv", b",2022-12-09,", b",2022-W00,")
    assert problems(package) == [f"claims.csv:2: date: '2022-W00' {DATE_RULE}"]


@pytest.mark.parametrize("bad", ["2022-W5", "2022W50", "2022-w50", "2022-W50-5", "2022-W050"])
def test_malformed_week(package, bad):
    edit_bytes(package, "claims.csv", b",2022-12-09,", f",{bad},".encode())
    assert problems(package) == [f"claims.csv:2: date: {bad!r} {DATE_RULE}"]


def test_week_of_publication_is_accepted(package):
    edit_bytes(package, "sources.csv", b",2022-12-10,", b",2022-W49,")
    assert problems(package) == []


@pytest.mark.parametrize("bad", ["Friday", "2022-12-9", "2022-02-30", "2022-W53"])
def test_said_on_malformed_or_impossible(package, rewrite, bad):
    rewrite.column(package, "claims.csv", "said_on", {"c1": bad})
    assert problems(package) == [f"claims.csv:2: said_on: {bad!r} {DATE_RULE}"]


def test_said_on_of_every_precision_is_accepted(package, rewrite):
    rewrite.column(package, "claims.csv", "said_on", {"c1": "2022-12-09", "c2": "2022-W49", "c3": "2022-12"})
    assert problems(package) == []


# -- references ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            b"\nc3,acme,",
            b"\nc3,acne,",
            "claims.csv:4: subject: unknown entity_id 'acne': not in entities.csv; did you mean 'acme'?",
        ),
        (
            b"open_office_in,freedonia,",
            b"open_office_in,atlantis,",
            "claims.csv:2: object: unknown entity_id 'atlantis': not in entities.csv",
        ),
        (b",declined,daily,", b",declined,nobody,", "claims.csv:4: said_by: unknown entity_id 'nobody': not in entities.csv"),
        (
            b"Freedonia,req-office,",
            b"Freedonia,req-other,",
            "claims.csv:3: requirement: unknown entity_id 'req-other': not in entities.csv",
        ),
        (b",daily,s1,", b",daily,s2,", "claims.csv:4: source: unknown source_id 's2': not in sources.csv"),
        (
            b"c1,acme,open_office_in,",
            b"c1,acme,opens_office_in,",
            "claims.csv:2: predicate: unknown predicate 'opens_office_in': not in predicates.csv; "
            "did you mean 'open_office_in'?",
        ),
    ],
    ids=["subject", "object", "said_by", "requirement", "source", "predicate"],
)
def test_unknown_reference(package, old, new, expected):
    edit_bytes(package, "claims.csv", old, new)
    assert problems(package) == [expected]


# -- types -----------------------------------------------------------------------


def test_subject_type_not_allowed_by_predicate(package):
    edit_bytes(package, "claims.csv", b"\nc3,acme,", b"\nc3,ministry,")
    assert problems(package) == [
        "claims.csv:4: subject: 'ministry' is a government_body, but predicate 'complies_with' "
        "takes a subject of type platform|company",
    ]


def test_object_type_not_allowed_by_predicate(package):
    edit_bytes(package, "claims.csv", b"open_office_in,freedonia,", b"open_office_in,acme,")
    assert problems(package) == [
        "claims.csv:2: object: 'acme' is a platform, but predicate 'open_office_in' "
        "takes an object of type place",
    ]


def test_wildcard_predicate_types_allow_any_entity(package):
    edit_bytes(package, "predicates.csv", b"platform|company,place", b"*,*")
    edit_bytes(package, "claims.csv", b"c1,acme,open_office_in,freedonia,", b"c1,daily,open_office_in,ministry,")
    assert problems(package) == []


def test_entity_type_group_is_accepted(package):
    # "the companies": a class of actors the source does not list
    with (package / "entities.csv").open("a", encoding="utf-8") as file:
        file.write("companies,the companies,group,,,,\n")  # line 7
    edit_bytes(package, "predicates.csv", b"complies with,platform|company,", b"complies with,platform|company|group,")
    edit_bytes(package, "claims.csv", b"\nc3,acme,", b"\nc3,companies,")
    assert problems(package) == []
    assert analysis.load(package).entity("companies")["type"] == "group"


def test_group_subject_is_checked_against_the_predicate_like_any_type(package):
    with (package / "entities.csv").open("a", encoding="utf-8") as file:
        file.write("companies,the companies,group,,,,\n")
    edit_bytes(package, "claims.csv", b"\nc3,acme,", b"\nc3,companies,")
    assert problems(package) == [
        "claims.csv:4: subject: 'companies' is a group, but predicate 'complies_with' "
        "takes a subject of type platform|company",
    ]


def test_requirement_not_of_type_requirement(package):
    edit_bytes(package, "claims.csv", b"Freedonia,req-office,", b"Freedonia,freedonia,")
    assert problems(package) == ["claims.csv:3: requirement: 'freedonia' is a place, not a requirement"]


# -- quotes ----------------------------------------------------------------------


def test_quote_not_found(package):
    edit_bytes(package, "claims.csv", b"store user data locally", b"store all user data locally")
    found = problems(package)
    assert len(found) == 1
    assert found[0].startswith("claims.csv:4: quote: not found in sources/s1.txt")
    assert found[0] == (
        "claims.csv:4: quote: not found in sources/s1.txt; the quote has 'all', which the source does not; "
        'nearest passage: "Acme declined to store user data locally"'
    )


def test_quote_check_forgives_only_nfc_quotes_and_white_space(package):
    # c1 already has straight quotes against curly ones in the text. Here: a
    # line break inside the text, a decomposed letter, extra spaces.
    edit_bytes(package, "sources/s1.txt", b"Acme declined", b"Acme d\xc3\xa9clined")  # é, NFC
    edit_bytes(package, "claims.csv", b"Acme declined to store", b"Acme  de\xcc\x81clined \t to store")  # e + U+0301
    assert problems(package) == []
    # ... and nothing else: letter case is not forgiven.
    edit_bytes(package, "claims.csv", b"to store user", b"to store User")
    assert [p.split(";")[0] for p in problems(package)] == ["claims.csv:4: quote: not found in sources/s1.txt"]


# -- evidence: quotes, paraphrases, cited sources, inferred readings ----------------
#
# The cited package is the tiny package plus a source whose text is not ours to
# keep, and one claim of it, paraphrased:
#
#   sources.csv  3: s2, text "cited", url https://ledger.example.invalid/acme
#   claims.csv   5: c4 acme complies_with req-office, not_done, said by ministry,
#                   source s2, no quote, a paraphrase

LEDGER_URL = "https://ledger.example.invalid/acme"
PARAPHRASE = "The ministry told the Ledger that Acme keeps no servers in Freedonia"
CITED_RULE = (
    "a claim of a cited source carries no quote (its text is not ours to redistribute): "
    "put what it says, in your own words, in paraphrase"
)
NO_PARAPHRASE = (
    "required value is empty: a claim of a cited source says in paraphrase, in the "
    "curator's own words, what the source says"
)
NO_QUOTE = "required value is empty: a claim of a stored source quotes its text verbatim"
NO_NOTES = "an inferred claim must say in notes why the reading goes beyond the words"


def make_cited(folder: Path, rewrite, url: str = LEDGER_URL, paraphrase: str = PARAPHRASE, quote: str = "") -> Path:
    """Add the cited source s2 and its claim c4 to the tiny package in `folder`."""
    rewrite.file(
        folder,
        "sources.csv",
        TINY_FILES["sources.csv"] + f"s2,[Ledger report on Acme's servers],The Ledger,2022-12-11,news,{url},,\n",
    )
    rewrite.column(folder, "sources.csv", "text", {"s2": "cited"})
    rewrite.file(
        folder,
        "claims.csv",
        TINY_FILES["claims.csv"] + f"c4,acme,complies_with,req-office,not_done,ministry,s2,{quote},req-office,,,\n",
    )
    rewrite.column(folder, "claims.csv", "paraphrase", {"c4": paraphrase})
    return folder


@pytest.fixture
def cited(package, rewrite):
    """The tiny package with the cited source s2 and its paraphrased claim c4: valid."""
    return make_cited(package, rewrite)


def test_cited_source_with_url_and_paraphrased_claim_is_valid(cited, capsys):
    assert problems(cited) == []
    dataset = analysis.load(cited)
    assert cells(dataset.sources["text"]) == [None, "cited"]
    c4 = dataset.claims.set_index("claim_id").loc["c4"]
    assert c4["paraphrase"] == PARAPHRASE and pd.isna(c4["quote"])
    assert sorted(dataset.texts) == ["s1"]  # no text is kept for s2
    assert cli.main(["validate", str(cited)]) == 0
    assert capsys.readouterr().out == "ok: 2 sources, 5 entities, 2 predicates, 4 claims\n"


def test_cited_source_without_url(package, rewrite):
    make_cited(package, rewrite, url="")
    assert problems(package) == ["sources.csv:3: url: a cited source must give its url"]


def test_cited_source_with_url_of_white_space_only(package, rewrite):
    make_cited(package, rewrite, url="  ")
    assert problems(package) == ["sources.csv:3: url: a cited source must give its url"]


def test_cited_source_with_a_text_file(cited):
    (cited / "sources" / "s2.txt").write_text(PARAPHRASE + "\n", encoding="utf-8")
    assert problems(cited) == [
        "sources.csv:3: text: a cited source keeps no text file, but sources/s2.txt exists: remove it, "
        "or set text to 'stored' if the text may be redistributed",
    ]


def test_claim_of_a_cited_source_with_a_quote(package, rewrite):
    make_cited(package, rewrite, quote="Acme keeps no servers")
    assert problems(package) == [f"claims.csv:5: quote: {CITED_RULE}"]


def test_claim_of_a_cited_source_without_a_paraphrase(package, rewrite):
    make_cited(package, rewrite, paraphrase="")
    assert problems(package) == [f"claims.csv:5: paraphrase: {NO_PARAPHRASE}"]


def test_claim_of_a_cited_source_with_a_quote_and_no_paraphrase_gets_both_problems(package, rewrite):
    make_cited(package, rewrite, quote="Acme keeps no servers", paraphrase="")
    assert problems(package) == [f"claims.csv:5: quote: {CITED_RULE}", f"claims.csv:5: paraphrase: {NO_PARAPHRASE}"]


def test_claim_of_a_stored_source_without_a_quote(package):
    edit_bytes(package, "claims.csv", b",Acme declined to store user data locally,", b",,")
    assert problems(package) == [f"claims.csv:4: quote: {NO_QUOTE}"]


def test_claim_of_a_stored_source_with_a_quote_of_white_space_only(package):
    edit_bytes(package, "claims.csv", b",Acme declined to store user data locally,", b",   ,")
    assert problems(package) == [f"claims.csv:4: quote: {NO_QUOTE}"]


def test_claims_without_a_quote_column_are_each_reported(package):
    # quote is optional as a column (a corpus of cited sources has none), not per row
    edit_bytes(package, "claims.csv", b"said_by,source,quote,", b"said_by,source,words,")
    assert problems(package) == [f"claims.csv:{line}: quote: {NO_QUOTE}" for line in (2, 3, 4)]


def test_claim_of_an_unknown_source_is_not_also_reported_as_missing_its_quote(package):
    # whether it needs a quote or a paraphrase depends on the source, which does not exist
    edit_bytes(package, "claims.csv", b",daily,s1,Acme declined to store user data locally,", b",daily,s9,,")
    assert problems(package) == ["claims.csv:4: source: unknown source_id 's9': not in sources.csv"]


def test_missing_sources_csv_is_reported_once_even_with_paraphrased_claims(cited):
    (cited / "sources.csv").unlink()
    assert problems(cited) == ["sources.csv: file not found"]


def test_claim_of_a_malformed_source_record_is_not_judged_against_it(cited):
    # s2 has too many fields and is left out: c4 cannot be said to lack a quote
    edit_bytes(cited, "sources.csv", b",cited\n", b",cited,\n")
    assert problems(cited) == [
        "sources.csv:3: record has 10 fields, the header has 9: a cell that contains a comma must be in double quotes"
    ]


def test_tables_without_records_or_evidence_columns_are_checked_without_a_crash(package):
    # no url column and no record in sources.csv, no quote column and no
    # record in claims.csv: nothing to judge, and no traceback
    (package / "sources.csv").write_text("source_id,title,publisher,published,kind\n", encoding="utf-8")
    (package / "claims.csv").write_text("claim_id,subject,predicate,object,status,said_by,source\n", encoding="utf-8")
    assert problems(package) == []


def test_inferred_claim_without_notes(package, rewrite):
    rewrite.column(package, "claims.csv", "reading", {"c3": "inferred"})
    assert problems(package) == [f"claims.csv:4: notes: {NO_NOTES}"]


def test_inferred_claim_with_notes_of_white_space_only(package, rewrite):
    edit_bytes(package, "claims.csv", b"user data locally,,,,\n", b"user data locally,,,, \n")
    rewrite.column(package, "claims.csv", "reading", {"c3": "inferred"})
    assert problems(package) == [f"claims.csv:4: notes: {NO_NOTES}"]


def test_stated_empty_and_inferred_with_notes_are_accepted(package, rewrite):
    edit_bytes(package, "claims.csv", b"locally,,,,\n", b"locally,,,,read as refusing the office rule\n")
    rewrite.column(package, "claims.csv", "reading", {"c1": "stated", "c3": "inferred"})
    assert problems(package) == []
    assert cells(analysis.load(package).claims["reading"]) == ["stated", None, "inferred"]


def test_cli_prints_an_evidence_problem_and_exits_1(package, rewrite, capsys):
    make_cited(package, rewrite, url="")
    assert cli.main(["validate", str(package)]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("sources.csv:3: url: a cited source must give its url\n", "")


# -- line numbers ------------------------------------------------------------------


def test_quoted_cell_spanning_lines_pushes_later_records_down(package):
    # c1's quote spans lines 2-3, so c2 starts on line 4 and c3 on line 5.
    edit_bytes(package, "claims.csv", b'to open an office"', b'to open\nan office"')
    edit_bytes(package, "claims.csv", b",planned,", b",maybe,")
    edit_bytes(package, "claims.csv", b"\nc3,acme,", b"\nc3,acne,")
    edit_bytes(package, "claims.csv", b"store user data", b"store all user data")
    found = problems(package)
    assert found[:2] == [
        f"claims.csv:4: status: 'maybe' is not one of: {STATUS_LIST}",
        "claims.csv:5: subject: unknown entity_id 'acne': not in entities.csv; did you mean 'acme'?",
    ]
    assert found[2].startswith("claims.csv:5: quote: not found in sources/s1.txt")
    assert len(found) == 3


def test_duplicate_after_a_spanning_cell_names_physical_lines(package):
    edit_bytes(package, "claims.csv", b'to open an office"', b'to open\n\nan office"')
    edit_bytes(package, "claims.csv", b"\nc3,", b"\nc2,")
    assert problems(package) == ["claims.csv:6: claim_id: duplicate id 'c2': first used on line 5"]


def test_evidence_problems_after_cells_spanning_lines_name_the_lines_records_start_on(package, rewrite):
    # s1's notes span lines 2-3 of sources.csv, so s2 starts on line 4; c1's
    # quote spans lines 2-3 of claims.csv, so c3 starts on line 5 and c4 on 6
    make_cited(package, rewrite, url="", paraphrase="")
    edit_bytes(package, "sources.csv", b"news,,,,\n", b'news,,,"scraped,\nthen trimmed",\n')
    edit_bytes(package, "claims.csv", b'to open an office"', b'to open\nan office"')
    rewrite.column(package, "claims.csv", "reading", {"c3": "inferred"})
    assert problems(package) == [
        "sources.csv:4: url: a cited source must give its url",
        f"claims.csv:5: notes: {NO_NOTES}",
        f"claims.csv:6: paraphrase: {NO_PARAPHRASE}",
    ]


def test_week_and_said_on_problems_after_a_cell_spanning_lines(package, rewrite):
    edit_bytes(package, "claims.csv", b'to open an office"', b'to open\nan office"')
    edit_bytes(package, "claims.csv", b",2022-12,", b",2022-W53,")
    rewrite.column(package, "claims.csv", "said_on", {"c3": "2022-12-32"})
    assert problems(package) == [
        f"claims.csv:4: date: '2022-W53' {DATE_RULE}",
        f"claims.csv:5: said_on: '2022-12-32' {DATE_RULE}",
    ]


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"], ids=["crlf", "lone-cr"])
def test_other_line_ends_give_the_same_line_numbers(package, newline):
    expected = [
        f"claims.csv:4: status: 'maybe' is not one of: {STATUS_LIST}",
        "claims.csv:5: subject: unknown entity_id 'acne': not in entities.csv; did you mean 'acme'?",
    ]
    edit_bytes(package, "claims.csv", b'to open an office"', b'to open\nan office"')
    edit_bytes(package, "claims.csv", b",planned,", b",maybe,")
    edit_bytes(package, "claims.csv", b"\nc3,acme,", b"\nc3,acne,")
    assert problems(package) == expected
    for rel in (*CSV_FILES, "sources/s1.txt"):
        path = package / rel
        path.write_bytes(path.read_bytes().replace(b"\n", newline))
    assert problems(package) == expected


def test_crlf_package_is_valid_and_loads_the_same(package, tiny_package):
    reference = analysis.load(tiny_package())
    for rel in (*CSV_FILES, "sources/s1.txt"):
        path = package / rel
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    dataset = analysis.load(package)
    for name in ("sources", "entities", "predicates", "claims"):
        pd.testing.assert_frame_equal(getattr(dataset, name), getattr(reference, name))


def test_utf8_bom_is_accepted_with_the_same_results(package, tiny_package):
    reference = analysis.load(tiny_package())
    for rel in (*CSV_FILES, "sources/s1.txt"):
        path = package / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    dataset = analysis.load(package)
    assert list(dataset.sources.columns)[0] == "source_id"  # not "\ufeffsource_id"
    for name in ("sources", "entities", "predicates", "claims"):
        pd.testing.assert_frame_equal(getattr(dataset, name), getattr(reference, name))
    assert dataset.texts == reference.texts
    # ... and a broken file with a BOM reports the same lines.
    edit_bytes(package, "claims.csv", b",planned,", b",maybe,")
    assert problems(package) == [f"claims.csv:3: status: 'maybe' is not one of: {STATUS_LIST}"]


# -- everything reported together --------------------------------------------------


def test_all_problems_are_reported_together_in_file_order(package):
    # broken last file first, to show the order is the file order
    edit_bytes(package, "claims.csv", b",2022-12,", b",2022-13,")
    edit_bytes(package, "claims.csv", b"\nc3,", b"\nc1,")
    edit_bytes(package, "sources.csv", b",news,", b",blog,")
    edit_bytes(package, "entities.csv", b"ministry,Ministry of IT,", b"ministry,,")
    assert problems(package) == [
        f"sources.csv:2: kind: 'blog' is not one of: {KIND_LIST}",
        "entities.csv:4: name: required value is empty",
        f"claims.csv:3: date: '2022-13' {DATE_RULE}",
        "claims.csv:4: claim_id: duplicate id 'c1': first used on line 2",
    ]


def test_data_validation_error_carries_every_problem(package):
    edit_bytes(package, "sources.csv", b",news,", b",blog,")
    edit_bytes(package, "claims.csv", b",planned,", b",maybe,")
    with pytest.raises(DataValidationError) as caught:
        analysis.load(package)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.problems == [
        Problem("sources.csv", 2, "kind", f"'blog' is not one of: {KIND_LIST}"),
        Problem("claims.csv", 3, "status", f"'maybe' is not one of: {STATUS_LIST}"),
    ]
    assert str(error).splitlines() == [
        "2 problems in the data package:",
        f"sources.csv:2: kind: 'blog' is not one of: {KIND_LIST}",
        f"claims.csv:3: status: 'maybe' is not one of: {STATUS_LIST}",
    ]


# -- the command line ----------------------------------------------------------------


def _break_two_files(folder: Path) -> list[str]:
    edit_bytes(folder, "entities.csv", b"The Daily,media", b"The Daily,newspaper")
    edit_bytes(folder, "claims.csv", b",2022-12-09,", b",2022-02-30,")
    return [
        f"entities.csv:5: type: 'newspaper' is not one of: {ENTITY_TYPE_LIST}",
        f"claims.csv:2: date: '2022-02-30' {DATE_RULE}",
    ]


def test_cli_validate_prints_exactly_the_problem_lines_and_exits_1(package, capsys):
    expected = _break_two_files(package)
    assert cli.main(["validate", str(package)]) == 1
    out, err = capsys.readouterr()
    assert out == "".join(line + "\n" for line in expected)
    assert err == ""


def test_cli_validate_ok(package, capsys):
    assert cli.main(["validate", str(package)]) == 0
    out, err = capsys.readouterr()
    assert out == "ok: 1 sources, 5 entities, 2 predicates, 3 claims\n"
    assert err == ""


def test_python_dash_m_analysis_validate(package):
    result = run_cli("validate", str(package))
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "ok: 1 sources, 5 entities, 2 predicates, 3 claims\n",
        "",
    )
    expected = _break_two_files(package)
    result = run_cli("validate", str(package))
    assert result.returncode == 1
    assert result.stdout.splitlines() == expected
    assert "Traceback" not in result.stderr


def test_console_script_validate(package):
    script = Path(sys.executable).with_name("analysis")
    if not script.exists():
        pytest.skip("the analysis console script is not installed next to this interpreter")
    result = subprocess.run([str(script), "validate", str(package)], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (0, "ok: 1 sources, 5 entities, 2 predicates, 3 claims\n")


@pytest.mark.parametrize(
    "argv",
    [["validate", "--bogus"], ["--bogus"], ["frobnicate"], [], ["validate", "a", "b"]],
    ids=["bad-option", "bad-global-option", "unknown-command", "no-command", "extra-argument"],
)
def test_usage_errors_exit_2_without_traceback(argv, capsys):
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "usage: analysis" in err
    assert "error:" in err
    assert "Traceback" not in err


def test_bad_option_in_a_fresh_interpreter(package):
    result = run_cli("validate", "--no-such-option", str(package))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "unrecognized arguments: --no-such-option" in result.stderr
    assert "Traceback" not in result.stderr


# -- nothing is dropped, coerced or deduplicated ----------------------------------------


def test_extra_columns_are_kept(package):
    edit_bytes(package, "entities.csv", b",description\n", b",description,wikidata\n")
    raw = (package / "entities.csv").read_bytes().replace(b",\n", b",,\n")
    raw = raw.replace(b"acme,Acme,platform,,,,,\n", b"acme,Acme,platform,,,,,Q42\n")
    (package / "entities.csv").write_bytes(raw)
    edit_bytes(package, "claims.csv", b"date_text,notes\n", b"date_text,notes,confidence\n")
    raw = (package / "claims.csv").read_bytes().splitlines(keepends=True)
    raw[1:] = [line.rstrip(b"\n") + f",{i}\n".encode() for i, line in enumerate(raw[1:], start=1)]
    (package / "claims.csv").write_bytes(b"".join(raw))

    dataset = analysis.load(package)
    assert list(dataset.entities.columns)[-1] == "wikidata"
    assert dataset.entities["wikidata"].tolist()[0] == "Q42"
    assert dataset.entities["wikidata"].isna().tolist() == [False, True, True, True, True]
    assert dataset.claims["confidence"].tolist() == ["1", "2", "3"]  # text, not coerced to numbers
    assert dataset.claims["confidence"].dtype == pd.StringDtype("pyarrow")


def test_quotes_are_kept_verbatim(package):
    edit_bytes(package, "claims.csv", b"Acme declined to store", b"Acme  declined\tto store")
    dataset = analysis.load(package)
    assert dataset.claims["quote"].tolist() == [
        'Acme "has agreed" to open an office',  # straight quotes, not the text's curly ones
        "open an office in Freedonia",
        "Acme  declined\tto store user data locally",  # white space as written
    ]
    assert dataset.texts["s1"] == TINY_FILES["sources/s1.txt"]


def test_cells_are_not_trimmed_or_turned_into_missing_values(package):
    edit_bytes(package, "entities.csv", b"Ministry of IT", b" NA ")
    edit_bytes(package, "entities.csv", b"freedonia,Freedonia,place,,,,", b"freedonia,null,place,,,0012,N/A")
    dataset = analysis.load(package)
    row = dataset.entities.set_index("entity_id")
    assert row.loc["ministry", "name"] == " NA "
    assert row.loc["freedonia", "name"] == "null"
    assert row.loc["freedonia", "country"] == "0012"
    assert row.loc["freedonia", "description"] == "N/A"
    assert row.loc["acme", "country"] is pd.NA


def test_duplicate_rows_are_not_deduplicated(package):
    # Two identical claims but for their ids: both kept, in file order.
    line = TINY_FILES["claims.csv"].splitlines()[3]
    (package / "claims.csv").write_text(TINY_FILES["claims.csv"] + "c4" + line[2:] + "\n", encoding="utf-8")
    claims = analysis.load(package).claims
    assert claims["claim_id"].tolist() == ["c1", "c2", "c3", "c4"]
    assert claims.drop(columns="claim_id").iloc[2].equals(claims.drop(columns="claim_id").iloc[3])


# -- the real corpora and dtypes -------------------------------------------------------------


def test_bundled_data_validates(data_dir, capsys):
    assert data_dir == DATA_DIR
    assert analysis.validate() == []
    dataset = analysis.load()
    assert dataset.path == DATA_DIR
    counts = dataset.counts
    assert all(counts[name] > 0 for name in ("sources", "entities", "predicates", "claims"))
    assert cli.main(["validate"]) == 0
    assert cli.main(["validate", str(data_dir)]) == 0
    line = (
        f"ok: {counts['sources']} sources, {counts['entities']} entities, "
        f"{counts['predicates']} predicates, {counts['claims']} claims\n"
    )
    assert capsys.readouterr().out == line * 2


def test_second_corpus_validates_and_keeps_its_extra_columns(ardenia_dir, capsys):
    assert ardenia_dir == ARDENIA_DIR
    assert analysis.validate(ardenia_dir) == []
    dataset = analysis.load(ardenia_dir)
    assert dataset.counts == {"sources": 2, "entities": 14, "predicates": 9, "claims": 19}
    assert cli.main(["validate", str(ardenia_dir)]) == 0
    assert capsys.readouterr().out == "ok: 2 sources, 14 entities, 9 predicates, 19 claims\n"

    assert dataset.sources["language"].tolist() == ["en", "en"]
    assert dataset.sources["language"].dtype == pd.StringDtype("pyarrow")
    wikidata = dataset.entities.set_index("entity_id")["wikidata"]
    assert wikidata.dtype == pd.StringDtype("pyarrow")
    assert wikidata.dropna().to_dict() == {"orbis-holdings": "Q0"}
    assert int(wikidata.isna().sum()) == 13
    # the record whose quote spans two lines is read whole
    quote = dataset.claims.set_index("claim_id").loc["orbis-agreed-local-representative", "quote"]
    assert "\n" in quote
    assert dataset.sources.set_index("source_id").loc["aca-statement-2024-03", "published"] == "2024-03"


@pytest.mark.parametrize("folder", [DATA_DIR, ARDENIA_DIR], ids=["data", "ardenia"])
def test_dtypes_are_deliberate(folder):
    dataset = analysis.load(folder)
    enums = {
        ("sources", "kind"): SOURCE_KINDS,
        ("entities", "type"): ENTITY_TYPES,
        ("claims", "status"): STATUSES,
        ("claims", "reading"): READINGS,
        ("sources", "text"): TEXT_KINDS,
    }
    for (table, column), vocabulary in enums.items():
        dtype = getattr(dataset, table)[column].dtype
        assert isinstance(dtype, pd.CategoricalDtype), (table, column, dtype)
        assert list(dtype.categories) == list(vocabulary)  # the full vocabulary, even unused values
        assert not dtype.ordered
    for table in ("sources", "entities", "predicates", "claims"):
        frame = getattr(dataset, table)
        assert isinstance(frame.index, pd.RangeIndex)
        for column in frame.columns:
            if (table, column) in enums:
                continue
            dtype = frame[column].dtype
            assert dtype == pd.StringDtype("pyarrow"), (table, column, dtype)
            assert dtype.storage == "pyarrow"
            assert dtype.na_value is pd.NA


def test_empty_cells_are_na(package):
    dataset = analysis.load(package)
    claims = dataset.claims
    assert claims["requirement"].tolist()[2] is pd.NA
    assert claims["date"].isna().tolist() == [False, False, True]
    assert claims["notes"].isna().all()
    assert dataset.sources["url"].isna().all()
    assert not (claims == "").any().any()
    assert dataset.claims["status"].tolist() == ["agreed", "planned", "declined"]
    assert dataset.claims["status"].cat.categories.tolist() == list(STATUSES)


# -- decisions beyond the SPEC's list ------------------------------------------


def test_required_cell_of_white_space_only_is_empty(package):
    edit_bytes(package, "entities.csv", b"ministry,Ministry of IT,", b"ministry,  ,")
    assert problems(package) == ["entities.csv:4: name: required value is empty"]


def test_entity_of_unknown_type_is_reported_once_not_again_in_claims(package):
    edit_bytes(package, "entities.csv", b"acme,Acme,platform", b"acme,Acme,app")
    assert problems(package) == [f"entities.csv:2: type: 'app' is not one of: {ENTITY_TYPE_LIST}"]


def test_sources_that_is_a_file_says_so(package):
    shutil.rmtree(package / "sources")
    (package / "sources").write_text("not a folder", encoding="utf-8")
    assert problems(package) == [
        "sources: is a file, not a folder: each stored source's text goes in sources/<source_id>.txt",
    ]


def test_optional_columns_left_out_are_present_and_missing_in_the_tables(package):
    from analysis.compliance import compliance_table

    lines = TINY_FILES["claims.csv"].splitlines()
    header = lines[0].split(",")
    keep = [i for i, name in enumerate(header) if name not in ("requirement", "date", "date_text", "notes")]
    import csv
    import io

    rows = list(csv.reader(io.StringIO(TINY_FILES["claims.csv"])))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([[row[i] for i in keep] for row in rows])
    (package / "claims.csv").write_text(buffer.getvalue(), encoding="utf-8")
    dataset = analysis.load(package)
    assert dataset.claims["requirement"].isna().all()
    assert dataset.claims["date"].isna().all()
    assert len(compliance_table(dataset)) == 0


def test_optional_enumeration_left_out_has_the_dtype_it_has_when_present(package, tiny_package, rewrite):
    # reading and text, left out, are categoricals of their vocabulary, all
    # missing: a package written back with the column empty loads the same
    with_columns = tiny_package()
    rewrite.column(with_columns, "claims.csv", "reading")
    rewrite.column(with_columns, "sources.csv", "text")
    without, written = analysis.load(package), analysis.load(with_columns)
    for table, column in (("claims", "reading"), ("sources", "text")):
        left_out, empty = getattr(without, table)[column], getattr(written, table)[column]
        assert left_out.isna().all() and empty.isna().all()
        assert left_out.dtype == empty.dtype and isinstance(left_out.dtype, pd.CategoricalDtype), (table, column)


def test_control_characters_in_a_cell_are_rejected(package):
    edit_bytes(package, "entities.csv", b"ministry,Ministry of IT,", b"ministry,Ministry\x0cof IT,")
    assert problems(package) == [
        "entities.csv:4: name: control character U+000C is not allowed in a cell "
        "(only tab, line feed and carriage return are)",
    ]


def test_large_columns_are_normalised_in_slices_with_the_same_result():
    import pyarrow as pa

    from analysis.validation import _SLICE_BYTES, _normalize, normalize_text

    rows = 2 * _SLICE_BYTES // 10 + 7
    values = pa.array([f"\u201cq{i}\u201d  e\u0301" if i % 3 else f"plain {i}\n" for i in range(rows)])
    assert values.nbytes > 2 * _SLICE_BYTES
    assert normalize_text(values).to_pylist() == _normalize(values).to_pylist()
