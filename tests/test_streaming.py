"""The export written straight from the tables (issue 12, item 2), byte for byte networkx's.

:mod:`analysis.streaming` writes GraphML, GEXF, node-link JSON and the CSV
tables without building the graph. The reference is what the networkx
writers make of the graph (``graph_graphml``, ``graph_gexf``,
``graph_json``) and ``frame_csv``, kept in :mod:`analysis.export` for that:
every test compares the bytes of both on one corpus, the bundled ``data/``,
the two corpora in ``tests/corpora``, the toy corpus, and hand-made ones
with every character a writer treats on its own (CR, CRLF, U+2028, NEL,
tab, markup, backslash, non-BMP), empty cells, extra columns, no claims.
What the order and the ids are is worked out by hand in the tests that
name them.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from corpus_builder import ARDENIA_DIR, DATA_DIR, TESTS_DIR, claim, entity, load_corpus
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

import analysis
from analysis import streaming
from analysis.dataset import Dataset
from analysis.export import (
    frame_csv,
    graph_gexf,
    graph_graphml,
    graph_json,
    write_export,
    write_graph_files,
)
from analysis.problems import DataValidationError
from analysis.toy import toy_dataset

VALDORIA_DIR = TESTS_DIR / "corpora" / "valdoria"
GRAPH_FILES = {
    "graph.graphml": (streaming.write_graphml, graph_graphml),
    "graph.gexf": (streaming.write_gexf, graph_gexf),
    "graph.json": (streaming.write_node_link, graph_json),
}
TABLE_NAMES = ("sources", "entities", "predicates", "claims")

AWKWARD = {
    "crlf": "said so\r\non Friday",
    "lone-cr": "said so\ron Friday",
    "lone-lf": "said so\non Friday",
    "line-separator": "one\u2028two\u2029three",
    "next-line": "one\x85two",
    "tab": "one\ttwo",
    "padded": "  padded  ",
    "markup": "<b>&amp; \"quoted\" 'single'</b> ]]>",
    "backslash": "C:\\path\\n not a newline",
    "non-bmp": "emoji \U0001f600 and Zoë",
    "combining": "Zoe\u0301 Ångström",
}


def streamed(write, what) -> bytes:
    stream = io.BytesIO()
    write(what, stream)
    return stream.getvalue()


def first_difference(got: bytes, expected: bytes) -> str:
    at = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b), min(len(got), len(expected)))
    return f"first difference at byte {at}: {got[at - 80 : at + 80]!r} instead of {expected[at - 80 : at + 80]!r}"


def assert_as_networkx_writes(dataset):
    """Every graph file and table, streamed, equals the reference writer's bytes."""
    tables = streaming.graph_tables(dataset)
    assert tables is not None
    G = dataset.graph()
    for name, (write, reference) in GRAPH_FILES.items():
        got, expected = streamed(write, tables), reference(G).encode("utf-8")
        assert got == expected, f"{name}: {first_difference(got, expected)}"
    for name in TABLE_NAMES:
        frame = getattr(dataset, name)
        got, expected = streamed(streaming.write_csv, frame), frame_csv(frame).encode("utf-8")
        assert got == expected, f"{name}.csv: {first_difference(got, expected)}"


def awkward_corpus(folder):
    """Every awkward value in node and edge attributes, extra columns, titles, labels, quotes."""
    return load_corpus(
        folder,
        entities=[
            entity("acme", "platform", description=AWKWARD["padded"], wikidata=AWKWARD["markup"]),
            entity("pk", "place", name=AWKWARD["non-bmp"], role=AWKWARD["crlf"]),
            entity("zoe", "person", name=AWKWARD["combining"], description=AWKWARD["backslash"]),
            ("daily", "media"),
        ],
        claims=[claim(f"c-{name}", "acme", "visit", "pk", notes=value, extra=value) for name, value in AWKWARD.items()]
        + [
            claim("c-quote-crlf", "zoe", "visit", "pk", quote="Acme said so\r\non Friday"),
            claim("c-quote-markup", "pk", "visit", "acme", quote='a <b> & "c" \u2028 d'),
        ],
        predicates=[
            {"predicate": "visit", "label": "visits <&> \"\u00e9\"", "subject_types": "*", "object_types": "*"}
        ],
        sources=[{"source_id": "s1", "published": "2022-12-10", "title": "A & B <say> \"so\"\r\n\U0001f600"}],
    )


# ---------------------------------------------------------------------------
# byte for byte on every corpus


@pytest.mark.parametrize("folder", [DATA_DIR, ARDENIA_DIR, VALDORIA_DIR], ids=["data", "ardenia", "valdoria"])
def test_every_file_of_a_corpus_is_what_networkx_writes(folder):
    assert_as_networkx_writes(analysis.load(folder))


def test_every_file_of_the_toy_corpus_is_what_networkx_writes():
    assert_as_networkx_writes(toy_dataset())


def test_awkward_characters_come_out_as_networkx_writes_them(tmp_path):
    assert_as_networkx_writes(awkward_corpus(tmp_path / "package"))


def test_awkward_characters_are_escaped_as_element_text_attribute_and_json_string(tmp_path):
    tables = streaming.graph_tables(awkward_corpus(tmp_path / "package"))
    graphml = streamed(streaming.write_graphml, tables).decode("ascii")
    gexf = streamed(streaming.write_gexf, tables).decode("ascii")
    node_link = streamed(streaming.write_node_link, tables).decode("utf-8")
    # element text: markup escaped, CR a reference, LF and tab as they are, non-ASCII references
    assert ">said so&#13;\non Friday</data>" in graphml
    assert ">one\ttwo</data>" in graphml
    assert ">emoji &#128512; and Zo&#235;</data>" in graphml
    assert ">&lt;b&gt;&amp;amp; \"quoted\" 'single'&lt;/b&gt; ]]&gt;</data>" in graphml
    # attribute value: also the double quote, LF and tab
    assert 'value="said so&#13;&#10;on Friday"' in gexf
    assert 'value="one&#09;two"' in gexf
    assert 'value="&lt;b&gt;&amp;amp; &quot;quoted&quot; \'single\'&lt;/b&gt; ]]&gt;"' in gexf
    # JSON: UTF-8 as it is, U+2028 and NEL too; backslash and controls escaped
    assert '"notes": "one\u2028two\u2029three"' in node_link
    assert '"notes": "one\x85two"' in node_link
    assert '"notes": "C:\\\\path\\\\n not a newline"' in node_link
    assert '"notes": "said so\\r\\non Friday"' in node_link


def test_empty_cells_and_extra_columns_come_out_as_networkx_writes_them(tmp_path):
    dataset = load_corpus(
        tmp_path / "package",
        entities=[
            ("acme", "platform"),
            entity("ana", "person", role="Minister", extra="x"),
            entity("bolt", "platform", country="PK"),
            ("daily", "media"),
        ],
        claims=[
            claim("c1", "acme", "visit", "bolt"),
            claim("c2", "bolt", "visit", "acme", notes="a note", date="2022-12"),
            claim("c3", "acme", "visit", "ana", wikidata="Q1", date_text="on Friday"),
        ],
    )
    assert_as_networkx_writes(dataset)


def test_a_package_with_no_claims_comes_out_as_networkx_writes_it(tmp_path):
    dataset = load_corpus(tmp_path / "package", entities=[("acme", "platform"), ("daily", "media")], claims=[])
    assert_as_networkx_writes(dataset)
    gexf = streamed(streaming.write_gexf, streaming.graph_tables(dataset)).decode()
    assert "    <edges />\n" in gexf and 'class="edge"' not in gexf


def test_a_package_with_no_entities_comes_out_as_networkx_writes_it(tmp_path):
    dataset = load_corpus(tmp_path / "package", entities=[], claims=[])
    assert_as_networkx_writes(dataset)
    data = json.loads(streamed(streaming.write_node_link, streaming.graph_tables(dataset)))
    assert data["nodes"] == [] and data["edges"] == []


def test_batches_are_joined_as_one_document(monkeypatch):
    # two rows a batch: every boundary between batches is inside the nodes, the edges and the tables
    monkeypatch.setattr(streaming, "BATCH_ROWS", 2)
    assert_as_networkx_writes(analysis.load(ARDENIA_DIR))


def test_text_turned_into_character_references_piece_by_piece_keeps_every_character(tmp_path, monkeypatch):
    # pieces of a few bytes: most cuts would fall inside a character of two to four bytes
    monkeypatch.setattr(streaming, "_PIECE", 3)
    monkeypatch.setattr(streaming, "BATCH_ROWS", 3)
    assert_as_networkx_writes(awkward_corpus(tmp_path / "package"))


# ---------------------------------------------------------------------------
# order and ids, by hand


def order_corpus(folder):
    """Claims c1..c6 in file order; networkx goes subject by subject (a, b, c), each subject's objects
    in the order of its first claim about them: a's are c (c2), then b (c3); b's are a (c1), then b (c5)."""
    return load_corpus(
        folder,
        entities=[("a", "person"), ("b", "person"), ("c", "person"), ("daily", "media")],
        claims=[
            claim("c1", "b", "meet", "a"),
            claim("c2", "a", "meet", "c", notes="n"),
            claim("c3", "a", "meet", "b"),
            claim("c4", "a", "meet", "c"),
            claim("c5", "b", "meet", "b"),
            claim("c6", "b", "meet", "a", date_text="on Friday"),
        ],
    )


def test_edges_come_in_the_order_networkx_iterates_them(tmp_path):
    tables = streaming.graph_tables(order_corpus(tmp_path / "package"))
    order = tables.edges.column("claim_id").take(tables.order).to_pylist()
    assert order == ["c2", "c4", "c3", "c1", "c6", "c5"]
    graphml = streamed(streaming.write_graphml, tables).decode()
    assert [line.split('id="')[1].split('"')[0] for line in graphml.splitlines() if "<edge " in line] == order


def test_keys_are_numbered_as_the_document_first_uses_them(tmp_path):
    # graph name d0; the node columns entity_id, name, type d1-d3; the edge columns of c2 (the first
    # edge) in column order, its notes among them, then date_text, first used by c6
    tables = streaming.graph_tables(order_corpus(tmp_path / "package"))
    graphml = streamed(streaming.write_graphml, tables).decode()
    keys = [line.split('attr.name="')[1].split('"')[0] for line in graphml.splitlines() if "<key " in line]
    edge_columns = ["claim_id", "subject", "predicate", "object", "status", "said_by", "source", "quote", "notes"]
    derived = ["predicate_label", "polarity", "source_title", "source_publisher", "source_published"]
    assert keys[::-1] == ["name", "entity_id", "name", "type", *edge_columns, *derived, "date_text"]
    assert '<key id="d0" for="graph" attr.name="name"' in graphml
    gexf = streamed(streaming.write_gexf, tables).decode()
    titles = [line.split('title="')[1].split('"')[0] for line in gexf.splitlines() if "<attribute " in line]
    # GEXF lists the edge attributes first, numbered after the node ones; networkx_key after c2's own
    assert titles == [*edge_columns, *derived, "networkx_key", "date_text", "entity_id", "name", "type"]
    assert '<attribute id="3" title="claim_id"' in gexf


# ---------------------------------------------------------------------------
# what is not one row to one element is left to networkx


def built_by_hand(entities, claims) -> Dataset:
    """A Dataset that never went through validation, as a caller may build one."""
    sources = pd.DataFrame({"source_id": ["s1"], "title": ["T"], "publisher": ["P"], "published": ["2022"]})
    predicates = pd.DataFrame({"predicate": ["meet"], "label": ["meets"]})
    return Dataset(
        sources=sources,
        entities=pd.DataFrame(entities, dtype="string"),
        predicates=predicates,
        claims=pd.DataFrame(claims, dtype="string"),
        texts={},
        path=Path("hand-made"),
    )


CLAIM = {"claim_id": "c1", "subject": "a", "predicate": "meet", "object": "b", "status": "done", "source": "s1"}


@pytest.mark.parametrize(
    "entities, claims",
    [
        ([{"entity_id": "a", "name": "A"}, {"entity_id": "a", "name": "A2"}, {"entity_id": "b"}], [CLAIM]),
        ([{"entity_id": "a"}], [CLAIM]),  # b is not an entity: networkx adds a bare node
        ([{"entity_id": "a"}, {"entity_id": "b"}], [CLAIM, {**CLAIM, "status": "declined"}]),  # c1 twice
        ([{"entity_id": "a", "label": "x"}, {"entity_id": "b"}], [CLAIM]),  # a name GEXF takes for itself
    ],
    ids=["entity-twice", "unknown-entity", "claim-twice", "reserved-column"],
)
def test_tables_that_are_not_one_row_to_one_element_are_written_by_networkx(tmp_path, entities, claims):
    dataset = built_by_hand(entities, claims)
    assert streaming.graph_tables(dataset) is None
    write_graph_files(dataset, tmp_path)
    G = dataset.graph()
    for name, (_, reference) in GRAPH_FILES.items():
        assert (tmp_path / name).read_bytes() == reference(G).encode("utf-8"), name


def test_control_characters_validation_refuses_still_come_out_as_networkx_writes_them():
    dataset = built_by_hand(
        [{"entity_id": "a", "name": "bell\x07 form\x0c feed"}, {"entity_id": "b", "name": "back\x08"}],
        [{**CLAIM, "notes": "vertical\x0btab \x1f"}],
    )
    assert_as_networkx_writes(dataset)


def test_csv_of_numbers_categories_and_missing_values_is_what_frame_csv_writes():
    frame = pd.DataFrame(
        {
            "n": [1, 2, 3],
            "x": [1.5, None, float("inf")],
            "kind": pd.Categorical(["a", None, "b,c"]),
            "text": pd.array(['say "hi"', None, "line\rbreak"], dtype="string"),
            "flag": [True, False, None],
        }
    )
    assert streamed(streaming.write_csv, frame) == frame_csv(frame).encode()


def test_export_never_builds_the_graph(tmp_path, monkeypatch):
    dataset = awkward_corpus(tmp_path / "package")
    expected = {name: reference(dataset.graph()).encode() for name, (_, reference) in GRAPH_FILES.items()}

    def refuse(self):
        raise AssertionError("the export built the networkx graph")

    monkeypatch.setattr(Dataset, "graph", refuse)
    write_export(dataset, tmp_path / "out")
    for name, content in expected.items():
        assert (tmp_path / "out" / name).read_bytes() == content, name


# ---------------------------------------------------------------------------
# small corpora of awkward strings, generated

AWKWARD_CHARACTERS = "aZé ß\t\r\n\u2028\u2029\x85\xa0&<>\"'\\,|]\U0001f600\u0301\ufdd0"
cells = st.text(alphabet=AWKWARD_CHARACTERS, min_size=1, max_size=6).filter(lambda text: text.strip())
optional = st.none() | cells


@st.composite
def corpora(draw):
    count = draw(st.integers(min_value=1, max_value=4))
    ids = [f"e{i}" for i in range(count)]
    entities = [
        entity(entity_id, "person", name=draw(cells), role=draw(optional), extra=draw(optional))
        for entity_id in ids
    ] + [("daily", "media")]
    claims = [
        claim(
            f"c{i}",
            draw(st.sampled_from(ids)),
            "meet",
            draw(st.sampled_from(ids)),
            quote="q " + draw(cells),
            notes=draw(optional),
            wikidata=draw(optional),
        )
        for i in range(draw(st.integers(min_value=0, max_value=6)))
    ]
    title = draw(cells)
    return entities, claims, title


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_generated_corpora_of_awkward_strings_come_out_as_networkx_writes_them(corpus):
    entities, claims, title = corpus
    with tempfile.TemporaryDirectory() as folder:
        try:
            dataset = load_corpus(
                Path(folder) / "package",
                entities=entities,
                claims=claims,
                sources=[{"source_id": "s1", "published": "2022-12-10", "title": title}],
            )
        except DataValidationError:
            reject()
        assert_as_networkx_writes(dataset)
