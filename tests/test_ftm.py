"""``entities.ftm.json``: the corpus as FollowTheMoney entities for Aleph (issue 13, part 1).

The hand-made corpus (every claim's source is s1, published 2022-12-10,
unless said otherwise; s1 is stored, s2 is cited):

============  ======================================================  =====================================
claim         subject predicate object, status                        what FtM makes of it
============  ======================================================  =====================================
own           holdco owns acme, done                                  Ownership: owner holdco, asset acme
own-pl        holdco owns bolt, planned (s2, paraphrase)              UnknownLink: planned is not owning
own-inf       holdco owns acme, done, inferred                        UnknownLink: inferred is not stated
rep           minister represents ministry, done                      Representation: agent, client
office        acme open_office_in freedonia, agreed, said by the      UnknownLink, date 2022-12 (the week
              minister on 2022-12-09, date 2022-W50, req-office       12-18 December lies in December)
rules-office  rules requires req-office, done                         UnknownLink
group         platforms open_office_in freedonia, reluctant, said     UnknownLink
              by insiders
============  ======================================================  =====================================

Every entity type appears once, so each schema of :data:`SCHEMATA` is
checked. The whole output of this corpus, of the bundled data and of
``tests/corpora/ardenia`` is read back with the followthemoney library and
checked as ``ftm validate`` checks it, and more strictly: required
properties, and references to entities of the right schema.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_builder import ARDENIA_DIR, DATA_DIR, claim, entity, load_corpus
from followthemoney import ValueEntity, model
from followthemoney.cli.util import path_entities

import analysis
from analysis import ftm
from analysis.ftm import FTM_FILE, SCHEMATA, ftm_id, write_ftm
from analysis.vocabulary import ENTITY_TYPES

ENTITIES = [
    entity("acme", "platform", aliases="Acme Inc|Acme app"),
    entity("bolt", "platform"),
    entity("holdco", "company", country="PK"),
    entity("minister", "person", name="Ana Ruiz", role="IT Minister"),
    entity("ministry", "government_body", name="Ministry of IT"),
    entity("daily", "media", name="The Daily"),
    entity("insiders", "unnamed_source", name="industry insiders"),
    entity("platforms", "group", name="the platforms"),
    entity("rules", "law", name="Online Rules", description="Rules of 2021"),
    entity("req-office", "requirement", name="Office in Freedonia"),
    entity("freedonia", "place", name="Freedonia", country="XA"),
    entity("stars", "programme", name="Stars Programme"),
    entity("talks", "event", name="Talks"),
]
SOURCES = [
    {"source_id": "s1", "title": "[Daily report on Acme]", "published": "2022-12-10"},
    {"source_id": "s2", "title": "Holdco to buy Bolt", "published": "2022-12", "text": "cited", "author": "Zoë"},
]
CLAIMS = [
    claim("own", "holdco", "owns", "acme"),
    claim("own-pl", "holdco", "owns", "bolt", status="planned", source="s2"),
    claim("own-inf", "holdco", "owns", "acme", reading="inferred", notes="the words say parent, not owner"),
    claim("rep", "minister", "represents", "ministry", said_by="ministry"),
    claim(
        "office",
        "acme",
        "open_office_in",
        "freedonia",
        status="agreed",
        said_by="minister",
        said_on="2022-12-09",
        date="2022-W50",
        date_text="next week",
        requirement="req-office",
    ),
    claim("rules-office", "rules", "requires", "req-office"),
    claim("group", "platforms", "open_office_in", "freedonia", status="reluctant", said_by="insiders"),
]
PREDICATES = [
    {"predicate": p, "label": label, "subject_types": "*", "object_types": "*"}
    for p, label in [
        ("owns", "owns"),
        ("represents", "represents"),
        ("open_office_in", "opens an office in"),
        ("requires", "requires"),
    ]
]


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    """(dataset, entities.ftm.json) of the hand-made corpus."""
    folder = tmp_path_factory.mktemp("ftm-corpus")
    dataset = load_corpus(folder / "data", entities=ENTITIES, claims=CLAIMS, predicates=PREDICATES, sources=SOURCES)
    out = folder / "out"
    out.mkdir()
    return dataset, write_ftm(dataset, out)[0]


@pytest.fixture(scope="module")
def written(hand):
    """Our id -> the FtM entity written for it, as a dict read from the file."""
    _, path = hand
    by_id = {line["id"]: line for line in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    ours = {}
    for kind, ids in [
        ("entity", [e["entity_id"] for e in ENTITIES]),
        ("source", [s["source_id"] for s in SOURCES]),
        ("claim", [c["claim_id"] for c in CLAIMS]),
    ]:
        for our_id in ids:
            ours[our_id] = by_id.pop(ftm_id(kind, our_id))
    assert not by_id, "entities in the file that are none of ours"
    return ours


def props(written, our_id):
    return written[our_id]["properties"]


# ---------------------------------------------------------------------------
# entities


def test_every_entity_type_has_a_schema():
    assert set(SCHEMATA) == set(ENTITY_TYPES)
    assert all(model.get(schema) is not None and not model.get(schema).abstract for schema in SCHEMATA.values())


def test_each_entity_takes_the_schema_of_its_type(written):
    schemata = {our_id: written[our_id]["schema"] for our_id in [e["entity_id"] for e in ENTITIES]}
    assert schemata == {
        "acme": "Company",
        "bolt": "Company",
        "holdco": "Company",
        "minister": "Person",
        "ministry": "PublicBody",
        "daily": "Organization",
        "insiders": "LegalEntity",
        "platforms": "LegalEntity",
        "rules": "Note",
        "req-office": "Note",
        "freedonia": "Address",
        "stars": "Project",
        "talks": "Event",
    }


def test_entity_keeps_its_aliases_country_role_and_type_in_words(written):
    assert props(written, "acme")["alias"] == ["Acme Inc", "Acme app"]
    assert props(written, "acme")["keywords"] == ["platform"]
    assert props(written, "holdco")["country"] == ["pk"]
    assert props(written, "minister")["position"] == ["IT Minister"]
    assert props(written, "insiders")["keywords"] == ["unnamed source"]


def test_a_group_says_it_is_one(written):
    assert props(written, "platforms")["name"] == ["the platforms (as a group)"]
    assert props(written, "platforms")["keywords"] == ["group"]


def test_a_law_is_a_note_captioned_by_its_name(written):
    rules = props(written, "rules")
    assert rules["name"] == rules["description"] == ["Online Rules"]
    assert rules["summary"] == ["Rules of 2021"]
    assert model.get_proxy(written["rules"]).caption == "Online Rules"


def test_a_country_code_ftm_does_not_know_is_left_out(written):
    assert "country" not in props(written, "freedonia")
    assert props(written, "freedonia")["full"] == ["Freedonia"]


# ---------------------------------------------------------------------------
# sources


def test_a_stored_source_is_an_article_with_its_text(hand, written):
    dataset, _ = hand
    s1 = written["s1"]
    assert s1["schema"] == "Article"
    assert s1["properties"]["title"] == ["[Daily report on Acme]"]
    assert s1["properties"]["publisher"] == ["The Daily"]
    assert s1["properties"]["publishedAt"] == ["2022-12-10"]
    # FtM's text type trims the text's final line break
    assert s1["properties"]["bodyText"] == [dataset.texts["s1"].strip()]
    assert s1["properties"]["fileName"] == ["s1.txt"]
    assert "text stored" in s1["properties"]["keywords"]


def test_a_bracketed_title_is_said_to_be_a_description(written):
    assert "the headline is not known" in props(written, "s1")["summary"][0]
    assert "headline" not in props(written, "s2")["summary"][0]


def test_a_cited_source_says_so_and_carries_no_text(written):
    s2 = props(written, "s2")
    assert "text cited, not stored" in s2["keywords"]
    assert s2["summary"][0].startswith("Text cited, not stored")
    assert "bodyText" not in s2 and "fileName" not in s2
    assert s2["sourceUrl"] == ["https://example.invalid/s2"]
    assert s2["publishedAt"] == ["2022-12"]
    assert s2["author"] == ["Zoë"]


# ---------------------------------------------------------------------------
# claims


def test_a_stated_done_owns_claim_is_an_ownership(written):
    own = written["own"]
    assert own["schema"] == "Ownership"
    assert own["properties"]["owner"] == [ftm_id("entity", "holdco")]
    assert own["properties"]["asset"] == [ftm_id("entity", "acme")]


@pytest.mark.parametrize("claim_id", ["own-pl", "own-inf"])
def test_a_planned_or_inferred_ownership_is_only_a_link(written, claim_id):
    link = written[claim_id]
    assert link["schema"] == "UnknownLink"
    assert link["properties"]["subject"] == [ftm_id("entity", "holdco")]


def test_a_stated_done_represents_claim_is_a_representation(written):
    rep = written["rep"]
    assert rep["schema"] == "Representation"
    assert rep["properties"]["agent"] == [ftm_id("entity", "minister")]
    assert rep["properties"]["client"] == [ftm_id("entity", "ministry")]


def test_any_other_claim_is_an_unknown_link_captioned_with_its_label(written):
    office = written["office"]
    assert office["schema"] == "UnknownLink"
    assert office["properties"]["subject"] == [ftm_id("entity", "acme")]
    assert office["properties"]["object"] == [ftm_id("entity", "freedonia")]
    assert office["properties"]["role"] == ["opens an office in"]
    assert office["properties"]["status"] == ["agreed"]


def test_a_claim_says_who_says_so(written):
    assert props(written, "office")["summary"] == ["Ana Ruiz says Acme opens an office in Freedonia: agreed."]
    assert props(written, "group")["summary"] == [
        "industry insiders says the platforms (as a group) opens an office in Freedonia: reluctant."
    ]


def test_a_claim_gives_its_quote_dates_requirement_and_reading(written):
    assert props(written, "office")["description"] == [
        'Quote: "quote of office"\n'
        "Said on: 9 December 2022\n"
        "Date: week of 12 December 2022 (2022-W50)\n"
        'The source\'s words for the time: "next week"\n'
        "Bears on the requirement: Office in Freedonia\n"
        "Reading: stated (the words say it)"
    ]


def test_a_week_is_dated_by_the_month_that_holds_it(written):
    assert props(written, "office")["date"] == ["2022-12"]


def test_a_claim_of_a_cited_source_gives_its_paraphrase(written):
    description = props(written, "own-pl")["description"][0]
    assert description.startswith("Paraphrase (the source is cited, its text not stored): paraphrase of own-pl\n")
    assert "Said on: December 2022" in description
    assert props(written, "own-pl")["sourceUrl"] == ["https://example.invalid/s2"]


def test_an_inferred_claim_says_why(written):
    assert props(written, "own-inf")["description"][0].endswith(
        "Reading: inferred (the curator's reading goes further than the words): the words say parent, not owner"
    )


def test_a_claim_links_its_source_document(written):
    office = props(written, "office")
    assert office["proof"] == [ftm_id("source", "s1")]
    assert office["publisher"] == ["The Daily"]
    assert office["recordId"] == ["office"]


# ---------------------------------------------------------------------------
# ids, order, bytes


def test_ids_are_derived_from_our_ids():
    from followthemoney.util import make_entity_id

    assert ftm_id("claim", "office") == make_entity_id("liaison", "claim", "office")
    assert len({ftm_id(kind, "x") for kind in ("entity", "source", "claim")}) == 3


def test_one_entity_per_line_sorted_by_id(hand):
    dataset, path = hand
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert ids == sorted(ids)
    assert len(ids) == len(dataset.sources) + len(dataset.entities) + len(dataset.claims)


def test_a_second_run_gives_the_same_bytes_and_leaves_no_temporary_file(hand, tmp_path):
    dataset, path = hand
    write_ftm(dataset, tmp_path)
    written = write_ftm(dataset, tmp_path)
    assert written == [tmp_path / FTM_FILE]
    assert written[0].read_bytes() == path.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == [FTM_FILE]


def test_a_clear_error_names_the_extra_when_followthemoney_is_missing(hand, tmp_path, monkeypatch):
    dataset, _ = hand
    monkeypatch.setitem(sys.modules, "followthemoney", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'liaison\[exports\]'"):
        write_ftm(dataset, tmp_path)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------
# the file is what FtM's proxies write: the route through EntityProxy stays the reference

#: Values FtM sanitises: a name not in NFC (e + combining acute), a no-break space and a zero-width
#: space in a name, a line separator and a tab in notes, a non-ASCII quote, spaces around a name.
AWKWARD_ENTITIES = [
    entity("cafe", "company", name="Cafe\u0301 Holdings", aliases="Caf\u00e9|Cafe\u00a0Co"),
    entity("zw", "platform", name="Zero\u200bWidth", description="tab\there"),
    entity("daily", "media", name="  The Daily  "),
    entity("places", "group", name="the places", role="counts them"),
]
AWKWARD_CLAIMS = [
    claim("c1", "cafe", "owns", "zw", quote="Caf\u00e9 owns Zero Width \u201cfully\u201d", notes="one\u2028two"),
    claim("c2", "zw", "owns", "cafe", status="planned", date="2022-W01", notes="tab\tin notes"),
    claim("c3", "places", "owns", "zw", reading="inferred", notes="the curator's reading"),
]


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    """(dataset, entities.ftm.json) of a corpus whose values FtM has to sanitise."""
    folder = tmp_path_factory.mktemp("ftm-awkward")
    dataset = load_corpus(folder / "data", entities=AWKWARD_ENTITIES, claims=AWKWARD_CLAIMS)
    out = folder / "out"
    out.mkdir()
    return dataset, write_ftm(dataset, out)[0]


def test_the_file_is_what_ftm_proxies_write(output):
    dataset, path = output
    assert path.read_bytes() == ftm._proxy_lines(dataset)


def test_values_ftm_sanitises_are_written_as_its_proxies_write_them(awkward):
    dataset, path = awkward
    assert path.read_bytes() == ftm._proxy_lines(dataset)
    lines = {line["id"]: line["properties"] for line in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    cafe, zw = lines[ftm_id("entity", "cafe")], lines[ftm_id("entity", "zw")]
    # NFC composes the accent; a no-break space becomes a space; the zero-width space goes
    assert cafe["name"] == ["Caf\u00e9 Holdings"]
    assert cafe["alias"] == ["Caf\u00e9", "Cafe Co"]
    assert zw["name"] == ["ZeroWidth"]
    assert lines[ftm_id("entity", "daily")]["name"] == ["The Daily"]


@pytest.mark.parametrize("character", [chr(c) for c in range(0x80)] + ["\u00a0", "\u200b", "\u2028", "e\u0301"])
def test_the_quick_sanitising_agrees_with_ftms_for_every_ascii_character(character):
    from followthemoney.util import sanitize_text

    kit = ftm._Cleaner(model)
    for text in (f" a{character}b ", character, f"{character} "):
        assert kit.sanitize(text) == sanitize_text(text), repr(text)


def test_the_batches_do_not_change_the_file(hand, tmp_path, monkeypatch):
    dataset, path = hand
    # two records a batch: sources, entities and claims mix within and across batches
    monkeypatch.setattr(ftm, "_BATCH", 2)
    assert write_ftm(dataset, tmp_path)[0].read_bytes() == path.read_bytes()


# ---------------------------------------------------------------------------
# FtM's own checks, on the hand-made corpus and the two real ones


@pytest.fixture(scope="module", params=["hand", "data", "ardenia"])
def output(request, hand, tmp_path_factory):
    """(dataset, entities.ftm.json) of each corpus."""
    if request.param == "hand":
        return hand
    dataset = analysis.load({"data": DATA_DIR, "ardenia": ARDENIA_DIR}[request.param])
    return dataset, write_ftm(dataset, tmp_path_factory.mktemp(f"ftm-{request.param}"))[0]


def read_back(path: Path) -> list:
    """The entities of the file as the library reads them, uncleaned (as ``ftm validate`` does)."""
    return list(path_entities(path, ValueEntity, cleaned=False))


def test_every_record_reads_back_as_one_entity(output):
    dataset, path = output
    entities = read_back(path)
    assert len(entities) == len({e.id for e in entities}) == (
        len(dataset.sources) + len(dataset.entities) + len(dataset.claims)
    )
    record_ids = sorted(v for e in entities for v in e.get("recordId", quiet=True))
    assert record_ids == sorted(dataset.claims["claim_id"])


def test_every_value_survives_ftm_cleaning(output):
    _, path = output
    for entity in read_back(path):
        cleaned = entity.clone()
        for prop in entity.iterprops():
            cleaned.set(prop, entity.get_prop(prop))
        assert cleaned.to_dict() == entity.to_dict(), entity.id


def test_every_entity_passes_its_schema(output):
    _, path = output
    for entity in read_back(path):
        assert entity.schema.validate(entity.to_dict()) is None
        missing = [p for p in entity.schema.required if not entity.get(p)]
        assert not missing, (entity.id, entity.schema.name, missing)


def test_every_reference_is_to_an_entity_of_the_schema_it_allows(output):
    _, path = output
    entities = {e.id: e for e in read_back(path)}
    for entity in entities.values():
        for prop, value in entity.itervalues():
            if prop.type.name == "entity":
                assert value in entities, (entity.id, prop.name)
                assert entities[value].schema.is_a(prop.range), (entity.id, prop.name, entities[value].schema.name)


def test_ftm_validate_changes_nothing(output, tmp_path):
    _, path = output
    ftm = Path(sys.executable).with_name("ftm")
    if not ftm.exists():
        pytest.skip("the ftm command is not installed beside this Python")
    done = subprocess.run(
        [str(ftm), "validate", "-i", str(path), "-o", str(tmp_path / "valid.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    validated = (tmp_path / "valid.json").read_text(encoding="utf-8").splitlines()
    ours = path.read_text(encoding="utf-8").splitlines()
    assert len(validated) == len(ours)
    for theirs, mine in zip(validated, ours):
        entity = json.loads(theirs)
        # the validator's entity class adds what it knows of provenance: nothing here
        assert entity.pop("datasets") == entity.pop("referents") == []
        assert entity == json.loads(mine)
