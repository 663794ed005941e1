"""Hostile or just unlucky data packages (issue 11): nothing is wrong, lost, slow or a traceback.

A data package is something users receive from others. Each test breaks the
tiny package of conftest.py (or a corpus written with corpus_builder) in one
way and states what a curator reads, or what comes out:

* item 5: ownership is followed through self-ownership, cycles, diamonds and
  long chains, each (owner, owned) pair once, never an owner from itself;
* item 6: a column name the graph files or the graph itself use is refused at
  validation, naming the column and a new name; every other name travels
  through GraphML, GEXF and node-link JSON unchanged;
* item 7: characters XML cannot carry (U+FFFE, U+FFFF, besides the control
  characters) are refused in any cell or header, and kept out of the graph's
  name;
* item 14: a deeply nested ``datapackage.json`` is a problem line, not a
  RecursionError;
* item 15: the near-miss hint of the quote check is given for the first
  quotes not found in each source only, so thousands of failing quotes
  against a large text take seconds, not minutes.

Line numbers in the tiny package: claims.csv 2: c1, 3: c2, 4: c3; entities.csv
2: acme, 3: freedonia, 4: ministry, 5: daily, 6: req-office.
"""

from __future__ import annotations

import io
import json
import random
import sys
from pathlib import Path

import networkx as nx
import pytest
from corpus_builder import claim, entity, load_corpus, write_corpus

import analysis
from analysis.compliance import compliance_table, ownership
from analysis.export import export, graph_gexf, graph_graphml
from analysis.graph import EDGE_EXTRA_ATTRIBUTES
from analysis.problems import DataValidationError
from analysis.validation import HINTS_PER_SOURCE
from analysis.vocabulary import RESERVED_COLUMNS


def problems(folder: Path) -> list[str]:
    """The problem lines of `folder`, checked to agree between validate() and load()."""
    found = [str(p) for p in analysis.validate(folder)]
    if found:
        with pytest.raises(DataValidationError) as caught:
            analysis.load(folder)
        assert [str(p) for p in caught.value.problems] == found
    else:
        analysis.load(folder)
    return found


def pairs(frame) -> list[tuple[str, str]]:
    return [tuple(row) for row in frame[["owner", "owned"]].values.tolist()]


# -- item 5: ownership ---------------------------------------------------------------

COMPANIES = [(f"c{i}", "company") for i in range(4)] + [("daily", "media"), ("pk", "place"), ("req", "requirement")]


def owns(*links: str) -> list[dict]:
    """``owns("c0 c1", "c1 c2")``: one stated, done ``owns`` claim per link, "owner owned"."""
    return [claim(f"own-{i}", link.split()[0], "owns", link.split()[1]) for i, link in enumerate(links)]


def test_self_ownership_claim_makes_no_owner_inherit_from_itself(tmp_path):
    # c0 owns c0, c0 owns c1, c1 owns c2: c2 is owned by c1 and, through it, by c0
    dataset = load_corpus(
        tmp_path,
        entities=COMPANIES,
        claims=owns("c0 c0", "c0 c1", "c1 c2")
        + [claim("c0-office", "c0", "open_office_in", "pk", status="declined", requirement="req")],
    )
    assert pairs(ownership(dataset)) == [("c0", "c1"), ("c0", "c2"), ("c1", "c2")]
    rows = compliance_table(dataset)[["subject", "claim_id", "inherited_from"]].astype(object)
    assert rows.where(rows.notna(), None).values.tolist() == [
        ["c0", "c0-office", None],
        ["c1", "c0-office", "c0"],
        ["c2", "c0-office", "c0"],
    ]


def test_self_ownership_alone_gives_no_pair(tmp_path):
    dataset = load_corpus(tmp_path, entities=COMPANIES, claims=owns("c0 c0"))
    assert ownership(dataset).empty
    assert list(ownership(dataset).columns) == ["owner", "owned"]


def test_ownership_cycle_gives_each_pair_once_and_no_owner_of_itself(tmp_path):
    # c0 owns c1 owns c2 owns c0: each owns the two others
    dataset = load_corpus(tmp_path, entities=COMPANIES, claims=owns("c0 c1", "c1 c2", "c2 c0"))
    assert pairs(ownership(dataset)) == [
        ("c0", "c1"),
        ("c0", "c2"),
        ("c1", "c0"),
        ("c1", "c2"),
        ("c2", "c0"),
        ("c2", "c1"),
    ]


def test_ownership_diamond_gives_the_pair_at_the_bottom_once(tmp_path):
    # c0 owns c1 and c2, which both own c3
    dataset = load_corpus(tmp_path, entities=COMPANIES, claims=owns("c0 c1", "c0 c2", "c1 c3", "c2 c3"))
    assert pairs(ownership(dataset)) == [("c0", "c1"), ("c0", "c2"), ("c0", "c3"), ("c1", "c3"), ("c2", "c3")]


def test_ownership_stated_twice_gives_the_pair_once(tmp_path):
    dataset = load_corpus(tmp_path, entities=COMPANIES, claims=owns("c0 c1", "c0 c1"))
    assert pairs(ownership(dataset)) == [("c0", "c1")]


def test_ownership_of_a_1000_link_chain_has_every_pair_once(tmp_path):
    # the old closure loop took minutes here (217 s, issue 11); a chain of
    # n links has n (n + 1) / 2 pairs: each company owns every one below it
    n = 1000
    dataset = load_corpus(
        tmp_path,
        entities=[(f"k{i:04d}", "company") for i in range(n + 1)] + [("daily", "media")],
        claims=[claim(f"own-{i}", f"k{i:04d}", "owns", f"k{i + 1:04d}") for i in range(n)],
    )
    found = ownership(dataset)
    assert len(found) == n * (n + 1) // 2
    assert not found.duplicated().any()
    assert pairs(found.head(2)) == [("k0000", "k0001"), ("k0000", "k0002")]
    assert pairs(found.tail(1)) == [("k0999", "k1000")]
    assert (found["owner"] < found["owned"]).all()


def test_compliance_table_follows_a_10000_link_chain_from_the_owners_claims_are_about(tmp_path):
    # k00000 owns k00001 owns ... k10000; a claim about k00000 and one about
    # k05000 bear on everything below each. (ownership() of this chain has
    # 50,005,000 pairs; the table needs only the holdings of two owners.)
    n = 10_000
    dataset = load_corpus(
        tmp_path,
        entities=[(f"k{i:05d}", "company") for i in range(n + 1)]
        + [("daily", "media"), ("pk", "place"), ("req", "requirement")],
        claims=[claim(f"own-{i}", f"k{i:05d}", "owns", f"k{i + 1:05d}") for i in range(n)]
        + [
            claim("top-office", "k00000", "open_office_in", "pk", status="agreed", requirement="req"),
            claim("mid-office", "k05000", "open_office_in", "pk", status="declined", requirement="req"),
        ],
    )
    table = compliance_table(dataset)
    assert len(table) == (n + 1) + (n - 5000 + 1)
    top = table[table["claim_id"] == "top-office"]
    assert top["subject"].tolist() == [f"k{i:05d}" for i in range(n + 1)]
    assert top["inherited_from"].isna().tolist() == [True] + [False] * n
    bottom = table[table["subject"] == "k10000"]
    assert bottom[["claim_id", "inherited_from"]].values.tolist() == [
        ["mid-office", "k05000"],
        ["top-office", "k00000"],
    ]


# -- item 6: reserved column names ------------------------------------------------------


def reserved_cases():
    for table, names in RESERVED_COLUMNS.items():
        for name in names:
            yield pytest.param(table, name, id=f"{table}-{name}")


def test_reserved_names_are_the_graph_writers_own_and_the_derived_edge_attributes():
    assert sorted(RESERVED_COLUMNS) == ["claims", "entities"]
    assert sorted(RESERVED_COLUMNS["entities"]) == sorted(
        ["id", "key", "label", "pid", "parents", "start", "end", "spells", "viz"]
    )
    assert sorted(RESERVED_COLUMNS["claims"]) == sorted(
        ["id", "key", "networkx_key", "label", "weight", "type", "start", "end", "spells", "viz",
         *EDGE_EXTRA_ATTRIBUTES]
    )


@pytest.mark.parametrize(("table", "name"), list(reserved_cases()))
def test_extra_column_with_a_reserved_name_is_refused_naming_it_and_a_new_name(tiny_package, rewrite, table, name):
    package = tiny_package()
    first_id = {"entities": "acme", "claims": "c1"}[table]
    rewrite.column(package, f"{table}.csv", name, {first_id: "x"})
    found = problems(package)
    assert len(found) == 1
    assert found[0].startswith(f"{table}.csv:1: {name}: {name!r} is a reserved name: ")
    assert found[0].endswith(f"; rename the column, for example to 'extra_{name}'")
    assert RESERVED_COLUMNS[table][name] in found[0]


def test_reserved_name_message_by_hand(tiny_package, rewrite):
    package = tiny_package()
    rewrite.column(package, "claims.csv", "weight", {"c1": "heavy"})
    assert problems(package) == [
        "claims.csv:1: weight: 'weight' is a reserved name: GEXF takes it as the edge's weight, a number; "
        "rename the column, for example to 'extra_weight'",
    ]


def test_suggested_name_is_not_one_the_table_already_has(tiny_package, rewrite):
    package = tiny_package()
    rewrite.column(package, "entities.csv", "extra_id")
    rewrite.column(package, "entities.csv", "id")
    assert problems(package)[0].endswith("rename the column, for example to 'extra_id_2'")


def test_entity_type_is_a_column_of_the_spec_not_a_reserved_extra(tiny_package):
    # entities.csv requires `type`; only claims reserve it (GEXF's edge direction)
    assert problems(tiny_package()) == []


@pytest.mark.parametrize(
    ("table", "name"),
    [(t, n) for t in ("sources", "predicates") for n in ("id", "key", "type", "weight", "polarity", "source_title")],
)
def test_sources_and_predicates_may_have_any_extra_column_none_reaches_the_graph(tiny_package, rewrite, table, name):
    package = tiny_package()
    first_id = {"sources": "s1", "predicates": "open_office_in"}[table]
    rewrite.column(package, f"{table}.csv", name, {first_id: "kept"})
    assert problems(package) == []
    assert getattr(analysis.load(package), table)[name].tolist()[0] == "kept"


#: Names a writer or reader of the graph files could be expected to treat
#: specially, that are not reserved for the table: each must travel unchanged.
NEAR_RESERVED = ["slices", "weight", "type", "pid", "parents", "networkx_key", "name", "source", "target",
                 "subject", "object", "edges", "nodes", "links", "directed", "multigraph", "graph", "mode",
                 "color", "size", "position", "shape", "thickness", "predicate_label", "polarity",
                 "source_title", "source_publisher", "source_published", "ID", "Label", "KEY"]


def read_back(out: Path) -> dict[str, nx.MultiDiGraph]:
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return {
        "graphml": nx.read_graphml(out / "graph.graphml", force_multigraph=True),
        "gexf": nx.read_gexf(out / "graph.gexf"),
        "node-link": nx.node_link_graph(data, directed=True, multigraph=True, source="subject", target="object"),
    }


@pytest.mark.parametrize("table", ["entities", "claims"])
def test_every_name_not_reserved_travels_through_every_graph_file(tmp_path, table):
    spec_columns = {"entities": ("name", "type"), "claims": ("source", "subject", "object")}[table]
    names = [n for n in NEAR_RESERVED if n not in RESERVED_COLUMNS[table] and n not in spec_columns]
    extra = {name: f"{name}-value" for name in names}
    node_extra, edge_extra = (extra, {}) if table == "entities" else ({}, extra)
    entities = [entity("acme", "platform", **node_extra), ("pk", "place"), ("daily", "media")]
    claims = [claim("c1", "acme", "visit", "pk", **edge_extra), claim("c2", "acme", "visit", "pk")]
    dataset = load_corpus(tmp_path / "package", entities=entities, claims=claims)
    export(dataset, tmp_path / "out")
    for reader, H in read_back(tmp_path / "out").items():
        assert sorted(H.nodes) == ["acme", "daily", "pk"], reader
        assert H.number_of_edges() == 2, reader
        attributes = H.nodes["acme"] if table == "entities" else H.edges["acme", "pk", "c1"]
        for name, value in extra.items():
            assert attributes.get(name) == value, (reader, name)


# -- item 7: characters XML cannot carry ---------------------------------------------------


@pytest.mark.parametrize("character", ["\ufffe", "\uffff"])
def test_xml_forbidden_non_character_in_a_cell_is_refused(tiny_package, rewrite, character):
    package = tiny_package()
    rewrite.replace(package, "entities.csv", "ministry,Ministry of IT,", f"ministry,Ministry{character} of IT,")
    assert problems(package) == [
        f"entities.csv:4: name: non-character U+{ord(character):04X} is not allowed in a cell "
        "(XML, and so GraphML and GEXF, cannot carry it)",
    ]


def test_non_character_in_an_extra_column_and_a_quote_is_refused(tiny_package, rewrite):
    package = tiny_package()
    rewrite.column(package, "claims.csv", "page", {"c2": "4\uffff"})
    rewrite.replace(package, "sources/s1.txt", "Acme declined", "Acme\ufffe declined")
    rewrite.replace(package, "claims.csv", "Acme declined", "Acme\ufffe declined")
    assert problems(package) == [
        "claims.csv:3: page: non-character U+FFFF is not allowed in a cell "
        "(XML, and so GraphML and GEXF, cannot carry it)",
        "claims.csv:4: quote: non-character U+FFFE is not allowed in a cell "
        "(XML, and so GraphML and GEXF, cannot carry it)",
    ]


def test_xml_forbidden_non_character_in_a_header_is_refused(tiny_package, rewrite):
    package = tiny_package()
    rewrite.column(package, "claims.csv", "page\ufffe")
    assert problems(package) == ["claims.csv:1: header cell 13 contains non-character U+FFFE"]


def test_encoded_surrogate_is_not_valid_utf8(tiny_package):
    # the only way a surrogate (also forbidden in XML) could reach a cell: its
    # three bytes, which UTF-8 does not allow
    package = tiny_package()
    path = package / "entities.csv"
    path.write_bytes(path.read_bytes().replace(b"Ministry of IT", b"Ministry \xed\xb3\xbf"))
    assert problems(package) == [
        "entities.csv: not valid UTF-8: byte 0xED on line 4 cannot be decoded; save the file as UTF-8",
    ]


def test_other_non_characters_are_allowed_and_survive_the_graph_files(tmp_path):
    # XML 1.0 allows U+FDD0 and U+1FFFE: refusing them would refuse a text for nothing
    name = "Zo\ufdd0\U0001fffe"
    dataset = load_corpus(
        tmp_path / "package",
        entities=[entity("acme", "platform", name=name), ("pk", "place"), ("daily", "media")],
        claims=[claim("c1", "acme", "visit", "pk")],
    )
    export(dataset, tmp_path / "out")
    for reader, H in read_back(tmp_path / "out").items():
        assert H.nodes["acme"]["name"] == name, reader


@pytest.mark.parametrize(
    ("folder", "name"),
    [("pk\x01", "pk\ufffd"), ("pk\ufffe", "pk\ufffd"), ("pk\uffff", "pk\ufffd"), ("pk\udcff", "pk\\xff")],
)
def test_graph_name_keeps_no_character_xml_cannot_carry(tiny_package, folder, name):
    # the graph is named after the package folder, which validation does not
    # see; "\udcff" is how Python spells the undecodable byte 0xFF of a file name
    try:
        package = tiny_package(folder)
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses this name")
    G = analysis.load(package).graph()
    assert G.graph["name"] == name
    assert nx.read_graphml(io.BytesIO(graph_graphml(G).encode("utf-8"))).graph["name"] == name
    assert nx.read_gexf(io.BytesIO(graph_gexf(G).encode("utf-8"))).graph["name"] == name


# -- item 14: a deeply nested datapackage.json ------------------------------------------------


def test_deeply_nested_datapackage_json_is_a_problem_not_a_recursion_error(tiny_package, rewrite):
    package = tiny_package()
    rewrite.file(package, "datapackage.json", '{"resources": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert problems(package) == [
        "datapackage.json: cannot be read: its JSON is nested too deeply (a descriptor needs a few levels, "
        "not thousands)",
    ]


def test_number_too_long_in_datapackage_json_is_a_problem(tiny_package, rewrite):
    package = tiny_package()
    rewrite.file(package, "datapackage.json", '{"version": ' + "9" * 5000 + "}")
    limit = sys.get_int_max_str_digits()  # 4,300 unless Python is told otherwise
    assert problems(package) == [
        f"datapackage.json: cannot be read: a number in it is too long (more than {limit:,} digits)",
    ]


def test_nested_but_not_too_deep_datapackage_json_is_fine(tiny_package, rewrite):
    package = tiny_package()
    rewrite.file(package, "datapackage.json", '{"x": ' + "[" * 50 + "]" * 50 + "}")
    assert problems(package) == []


# -- item 15: the near-miss hint is bounded ------------------------------------------------------

NOT_FOUND = "claims.csv:{line}: quote: not found in sources/s1.txt"


def quotes_not_found(tmp_path, n: int, text: str = "one two three four five six seven eight nine ten\n"):
    """A package whose one source holds `text` and whose `n` claims quote it wrongly, each at its end."""
    folder = write_corpus(
        tmp_path / "package",
        entities=[("acme", "platform"), ("pk", "place"), ("daily", "media")],
        claims=[claim(f"c{i:03d}", "acme", "visit", "pk", quote=f"one two three four X{i}") for i in range(n)],
    )
    (folder / "sources" / "s1.txt").write_text(text, encoding="utf-8")
    return folder


def test_near_miss_hint_is_given_for_each_quote_not_found_up_to_the_limit(tmp_path):
    found = problems(quotes_not_found(tmp_path, HINTS_PER_SOURCE))
    assert found == [
        NOT_FOUND.format(line=i + 2) + f"; the text matches up to 'one two three four ', then differs at 'X{i}'"
        for i in range(HINTS_PER_SOURCE)
    ]


def test_quotes_not_found_past_the_limit_are_each_reported_and_counted_without_a_hint(tmp_path):
    n = HINTS_PER_SOURCE + 3
    found = problems(quotes_not_found(tmp_path, n))
    assert len(found) == n
    assert all("then differs at" in line for line in found[:HINTS_PER_SOURCE])
    assert found[HINTS_PER_SOURCE:] == [
        NOT_FOUND.format(line=HINTS_PER_SOURCE + 2)
        + f" (no hint for this one and 2 more quotes not found in sources/s1.txt: hints stop after the first "
        f"{HINTS_PER_SOURCE})",
        NOT_FOUND.format(line=HINTS_PER_SOURCE + 3),
        NOT_FOUND.format(line=HINTS_PER_SOURCE + 4),
    ]


def test_the_hint_limit_counts_each_source_on_its_own(tmp_path):
    n = HINTS_PER_SOURCE
    folder = write_corpus(
        tmp_path / "package",
        entities=[("acme", "platform"), ("pk", "place"), ("daily", "media")],
        sources=[{"source_id": "s1", "published": "2022-12-10"}, {"source_id": "s2", "published": "2022-12-11"}],
        claims=[
            claim(f"c{i:03d}-{s}", "acme", "visit", "pk", source=s, quote=f"quoted words of {s} X{i}")
            for s in ("s1", "s2")
            for i in range(n)
        ],
    )
    for s in ("s1", "s2"):
        (folder / "sources" / f"{s}.txt").write_text(f"quoted words of {s} and more\n", encoding="utf-8")
    found = problems(folder)
    assert len(found) == 2 * n
    assert all("then differs at" in line for line in found)


def test_thousands_of_quotes_not_found_in_a_large_text_take_seconds_not_minutes(tmp_path):
    # 3,000 long quotes pasted from another text, against 1.3 MB: the hint
    # for every one took about 20 s; now each is searched once, and hinted
    # only up to the limit
    rng = random.Random(0)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    text = " ".join(rng.choice(words) for _ in range(200_000))
    other = " ".join(rng.choice(words) for _ in range(200_000))
    starts = [rng.randrange(len(other) - 1000) for _ in range(3000)]
    folder = write_corpus(
        tmp_path / "package",
        entities=[("acme", "platform"), ("pk", "place"), ("daily", "media")],
        claims=[
            claim(f"c{i:04d}", "acme", "visit", "pk", quote=other[start : start + 1000].strip())
            for i, start in enumerate(starts)
        ],
    )
    (folder / "sources" / "s1.txt").write_text(text, encoding="utf-8")
    found = [str(p) for p in analysis.validate(folder)]
    assert len(found) == 3000
    assert all(line.startswith("claims.csv:") and ": quote: not found in sources/s1.txt" in line for line in found)
    assert sum("no hint for this one and 2,979 more" in line for line in found) == 1
