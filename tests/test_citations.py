"""``sources.bib`` and ``sources.csl.json``: every source, citable (issue 13, part 3).

The hand-made corpus has one source of each kind and date precision:

====  =========  ===========  ======  ===================================================
id    kind       published    text    title
====  =========  ===========  ======  ===================================================
s1    news       2022-12-10   stored  ``[Daily report on Acme]`` (a description)
s2    news       2022-12      cited   ``Acme & Bolt: 50% of {data} stays_abroad``, by Zoë
                                      Ångström, at ``https://example.invalid/a_b%20c#x``
s3    report     2022         stored  ``Annual report``, by the Freedonia Authority
s4    statement  2022-W50     stored  ``Statement on offices`` (the week of 12-18 December)
s5    law        2021-10-13   stored  ``Online Rules 2021``
====  =========  ===========  ======  ===================================================
"""

from __future__ import annotations

import json
import sys

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from corpus_builder import ARDENIA_DIR, DATA_DIR, claim, load_corpus

import analysis
from analysis.citations import BIB_FILE, CITED_NOTE, CSL_FILE, DESCRIPTION_NOTE, write_citations

URL = "https://example.invalid/a_b%20c#x"
SOURCES = [
    {"source_id": "s1", "title": "[Daily report on Acme]", "published": "2022-12-10"},
    {
        "source_id": "s2",
        "title": "Acme & Bolt: 50% of {data} stays_abroad",
        "published": "2022-12",
        "text": "cited",
        "url": URL,
        "author": "Zoë Ångström",
    },
    {
        "source_id": "s3",
        "title": "Annual report",
        "publisher": "Freedonia Authority",
        "published": "2022",
        "kind": "report",
    },
    {"source_id": "s4", "title": "Statement on offices", "published": "2022-W50", "kind": "statement"},
    {"source_id": "s5", "title": "Online Rules 2021", "published": "2021-10-13", "kind": "law"},
]
IDS = ["s1", "s2", "s3", "s4", "s5"]


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    """(dataset, sources.bib, sources.csl.json) of the hand-made corpus."""
    folder = tmp_path_factory.mktemp("citations")
    dataset = load_corpus(
        folder / "data",
        entities=[("acme", "platform"), ("daily", "media")],
        claims=[claim(f"c-{s}", "acme", "mentioned_in", "daily", source=s) for s in IDS],
        sources=SOURCES,
    )
    out = folder / "out"
    out.mkdir()
    return (dataset, *write_citations(dataset, out))


def parse(path, decode=True):
    """The entries of a .bib file as bibtexparser reads them back, by key; LaTeX decoded unless told not to."""
    library = bibtexparser.parse_string(
        path.read_text(encoding="utf-8"), append_middleware=[LatexDecodingMiddleware()] if decode else None
    )
    assert library.failed_blocks == []
    return {entry.key: entry for entry in library.entries}


def fields(entry) -> dict[str, str]:
    return {key: field.value for key, field in entry.fields_dict.items()}


@pytest.fixture(scope="module")
def bib(hand):
    return parse(hand[1])


@pytest.fixture(scope="module")
def raw(hand):
    """The entries without LaTeX decoding: addresses and dates as written."""
    return parse(hand[1], decode=False)


@pytest.fixture(scope="module")
def csl(hand):
    return {item["id"]: item for item in json.loads(hand[2].read_text(encoding="utf-8"))}


# ---------------------------------------------------------------------------
# BibTeX


def test_bibtex_parses_back_with_every_source(bib):
    assert list(bib) == IDS


def test_entry_type_follows_the_kind(bib):
    assert {key: entry.entry_type for key, entry in bib.items()} == {
        "s1": "article",
        "s2": "article",
        "s3": "report",
        "s4": "misc",
        "s5": "misc",
    }


def test_title_and_author_read_back_as_written(bib):
    assert fields(bib["s2"])["title"] == "Acme & Bolt: 50% of {data} stays_abroad"
    assert fields(bib["s2"])["author"] == "Zoë Ångström"
    assert fields(bib["s1"])["title"] == "[Daily report on Acme]"


def test_latex_special_characters_are_escaped(hand):
    text = hand[1].read_text(encoding="utf-8")
    assert r"Acme \& Bolt: 50\% of \{data\} stays\_abroad" in text


def test_the_publisher_goes_in_the_field_of_the_entry_type(bib):
    assert fields(bib["s1"])["journal"] == "The Daily"
    assert fields(bib["s3"])["institution"] == "Freedonia Authority"
    assert fields(bib["s4"])["howpublished"] == "The Daily"


def test_the_address_is_written_as_it_is(raw):
    assert fields(raw["s2"])["url"] == URL
    assert "url" not in fields(raw["s1"])


def test_dates_keep_their_precision(raw):
    dates = {key: (fields(e)["date"], fields(e)["year"], fields(e).get("month")) for key, e in raw.items()}
    assert dates == {
        "s1": ("2022-12-10", "2022", "dec"),
        "s2": ("2022-12", "2022", "dec"),
        "s3": ("2022", "2022", None),
        "s4": ("2022-12-12/2022-12-18", "2022", "dec"),
        "s5": ("2021-10-13", "2021", "oct"),
    }


def test_a_month_is_a_bibtex_macro(hand):
    assert "month = dec,\n" in hand[1].read_text(encoding="utf-8")


def test_a_description_and_a_cited_text_are_noted(bib):
    assert fields(bib["s1"])["note"] == DESCRIPTION_NOTE
    assert fields(bib["s2"])["note"] == CITED_NOTE
    assert "note" not in fields(bib["s3"])


# ---------------------------------------------------------------------------
# CSL-JSON


def test_every_item_has_the_fields_csl_requires(csl):
    assert list(csl) == IDS
    for item in csl.values():
        assert {"id", "type", "title", "issued"} <= set(item)


def test_csl_type_follows_the_kind(csl):
    types = [csl[s]["type"] for s in IDS]
    assert types == ["article-newspaper", "article-newspaper", "report", "document", "legislation"]


def test_issued_keeps_its_precision_and_a_week_is_a_range(csl):
    assert [csl[s]["issued"]["date-parts"] for s in IDS] == [
        [[2022, 12, 10]],
        [[2022, 12]],
        [[2022]],
        [[2022, 12, 12], [2022, 12, 18]],
        [[2021, 10, 13]],
    ]


def test_csl_item_carries_publisher_author_url_and_note(csl):
    assert csl["s2"]["container-title"] == "The Daily"
    assert csl["s3"]["publisher"] == "Freedonia Authority"
    assert csl["s2"]["author"] == [{"literal": "Zoë Ångström"}]
    assert csl["s2"]["URL"] == URL
    assert csl["s2"]["note"] == CITED_NOTE
    assert csl["s1"]["title"] == "[Daily report on Acme]"
    assert csl["s1"]["note"] == DESCRIPTION_NOTE
    assert "note" not in csl["s3"] and "URL" not in csl["s1"]


# ---------------------------------------------------------------------------
# files


def test_two_runs_give_the_same_bytes_and_leave_nothing_else(hand, tmp_path):
    dataset, bib_path, csl_path = hand
    write_citations(dataset, tmp_path)
    again = write_citations(dataset, tmp_path)
    assert again == [tmp_path / BIB_FILE, tmp_path / CSL_FILE]
    assert [p.read_bytes() for p in again] == [bib_path.read_bytes(), csl_path.read_bytes()]
    assert sorted(p.name for p in tmp_path.iterdir()) == [BIB_FILE, CSL_FILE]


def test_a_clear_error_names_the_extra_when_bibtexparser_is_missing(hand, tmp_path, monkeypatch):
    dataset, *_ = hand
    monkeypatch.setitem(sys.modules, "bibtexparser", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'liaison\[exports\]'"):
        write_citations(dataset, tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("folder", [DATA_DIR, ARDENIA_DIR], ids=["data", "ardenia"])
def test_every_source_of_a_real_corpus_is_citable(folder, tmp_path):
    dataset = analysis.load(folder)
    bib_path, csl_path = write_citations(dataset, tmp_path)
    sources = dataset.sources.set_index("source_id")
    entries = parse(bib_path)
    assert sorted(entries) == sorted(sources.index)
    for key, entry in entries.items():
        assert fields(entry)["title"] == sources.loc[key, "title"], key
    items = json.loads(csl_path.read_text(encoding="utf-8"))
    assert sorted(item["id"] for item in items) == sorted(sources.index)
    for item in items:
        assert {"id", "type", "title", "issued"} <= set(item)
        assert item["title"] == sources.loc[item["id"], "title"]
