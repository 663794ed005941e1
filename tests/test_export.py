"""``analysis export``: graph files that lose nothing, tables with a Frictionless descriptor, compliance.csv.

SPEC part 2 and part 3. Every round trip compares every node, every edge and
every attribute value with the dataset's graph. The only differences allowed
are written out here, where the comparison is made:

* GEXF: each node gains ``label`` (= its ``name``) and each edge ``id`` (=
  its claim id), which Gephi shows; the file also carries an edge attribute
  ``networkx_key`` (= the claim id), which networkx's reader turns back into
  the edge key;
* node-link JSON: a claim's ``subject`` and ``object`` are the edge ends
  (``"subject"``/``"object"`` in the file), not edge attributes, so that the
  claim's own ``source`` column is kept as an attribute.

Both corpora are exported: the bundled ``data/`` and ``tests/corpora/ardenia``,
which has a quote spanning two lines, non-ASCII names (Zoë Ångström-Núñez) and
extra columns (``wikidata``, ``language``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import frictionless
import networkx as nx
import pandas as pd
import pytest
from conftest import EXPORTED_FILES
from corpus_builder import ARDENIA_DIR, DATA_DIR, claim, entity, write_corpus

import analysis
from analysis.compliance import compliance_table
from analysis.export import export, write_atomic

SPEC_COMPLIANCE_COLUMNS = [
    "subject",
    "requirement",
    "claim_id",
    "status",
    "polarity",
    "said_by",
    "date",
    "inherited_from",
]
TABLE_NAMES = ["sources", "entities", "predicates", "claims"]
GRAPHML_NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
GEXF_NS = {"x": "http://www.gexf.net/1.2draft"}

MULTILINE_CLAIM = ("orbis-holdings", "ardenia", "orbis-agreed-local-representative")
MULTILINE_QUOTE = "Orbis Holdings has agreed to appoint a local representative\nfor both Kestrel and Nimbus Chat"
MINISTER = ("zoe-angstrom-nunez", "Zoë Ångström-Núñez")


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture(scope="module", params=[DATA_DIR, ARDENIA_DIR], ids=["data", "ardenia"])
def corpus(request, tmp_path_factory):
    """(dataset, export folder) for one corpus, exported once through the command line."""
    out = tmp_path_factory.mktemp(f"export-{request.param.name}")
    done = run_cli("export", request.param, "--out", out)
    assert done.returncode == 0, done.stderr
    return analysis.load(request.param), out


@pytest.fixture(scope="module")
def ardenia_export(tmp_path_factory):
    out = tmp_path_factory.mktemp("ardenia")
    export(analysis.load(ARDENIA_DIR), out)
    return out


def nodes_of(G):
    return {node: dict(data) for node, data in G.nodes(data=True)}


def edges_of(G):
    return {(u, v, key): dict(data) for u, v, key, data in G.edges(keys=True, data=True)}


# ---------------------------------------------------------------------------
# what is written


def test_export_writes_every_file(corpus):
    dataset, out = corpus
    for name in EXPORTED_FILES:
        assert (out / name).is_file(), name
    assert sorted(p.name for p in (out / "sources").iterdir()) == sorted(f"{s}.txt" for s in dataset.texts)


def test_export_prints_what_it_wrote_and_exits_0(tmp_path):
    done = run_cli("export", ARDENIA_DIR, "--out", tmp_path / "out")
    assert done.returncode == 0
    assert done.stdout.startswith("wrote ") and str(tmp_path / "out") in done.stdout


def test_export_creates_missing_parent_folders(tmp_path):
    out = tmp_path / "a" / "b"
    export(analysis.load(ARDENIA_DIR), out)
    assert (out / "graph.json").is_file()


def test_export_leaves_other_files_in_the_folder_alone(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me")
    export(analysis.load(ARDENIA_DIR), tmp_path)
    assert (tmp_path / "mine.txt").read_text() == "keep me"


# ---------------------------------------------------------------------------
# graph round trips through networkx


def test_graphml_round_trip_loses_nothing(corpus):
    dataset, out = corpus
    G = dataset.graph()
    H = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert H.is_directed() and H.is_multigraph()
    assert nodes_of(H) == nodes_of(G)
    assert edges_of(H) == edges_of(G)


def test_gexf_round_trip_loses_nothing_but_adds_label_and_id(corpus):
    dataset, out = corpus
    G = dataset.graph()
    H = nx.read_gexf(out / "graph.gexf")
    assert H.is_directed() and H.is_multigraph()
    nodes = nodes_of(H)
    for node, data in nodes.items():
        # allowed: GEXF's label is the entity's name
        assert data.pop("label") == G.nodes[node]["name"]
    assert nodes == nodes_of(G)
    edges = edges_of(H)
    for (_, _, key), data in edges.items():
        # allowed: GEXF's edge id is the claim id
        assert data.pop("id") == key
    assert edges == edges_of(G)


def test_node_link_round_trip_loses_nothing_and_keeps_subject_object_as_edge_ends(corpus):
    dataset, out = corpus
    G = dataset.graph()
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    H = nx.node_link_graph(data, directed=True, multigraph=True, source="subject", target="object")
    assert nodes_of(H) == nodes_of(G)
    expected = edges_of(G)
    for (u, v, _), attributes in expected.items():
        # allowed: subject and object are the edge ends, not attributes
        assert (attributes.pop("subject"), attributes.pop("object")) == (u, v)
    assert edges_of(H) == expected


def test_node_link_json_has_edges_under_edges_with_claim_id_as_key(corpus):
    dataset, out = corpus
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert data["directed"] is True and data["multigraph"] is True
    assert "links" not in data
    by_key = {edge["key"]: edge for edge in data["edges"]}
    assert sorted(by_key) == sorted(dataset.claims["claim_id"])
    for row in dataset.claims.itertuples():
        edge = by_key[row.claim_id]
        # the claim's own source column is not mistaken for an edge end
        assert (edge["subject"], edge["object"], edge["source"]) == (row.subject, row.object, row.source)


def test_round_trips_keep_a_multi_line_quote(ardenia_export):
    out = ardenia_export
    graphml = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    gexf = nx.read_gexf(out / "graph.gexf")
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    link = nx.node_link_graph(data, directed=True, multigraph=True, source="subject", target="object")
    for H in (graphml, gexf, link):
        assert H.edges[MULTILINE_CLAIM]["quote"] == MULTILINE_QUOTE


def test_round_trips_keep_non_ascii_names(ardenia_export):
    out = ardenia_export
    node, name = MINISTER
    graphml = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    gexf = nx.read_gexf(out / "graph.gexf")
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    link = nx.node_link_graph(data, directed=True, multigraph=True, source="subject", target="object")
    for H in (graphml, gexf, link):
        assert H.nodes[node]["name"] == name


def test_round_trips_keep_extra_columns(ardenia_export):
    G = nx.read_graphml(ardenia_export / "graph.graphml", force_multigraph=True)
    assert G.nodes["orbis-holdings"]["wikidata"] == "Q0"
    assert "wikidata" not in G.nodes["kestrel"]


#: Values a text editor or a scraper may leave in a cell, each of which some
#: XML or line-splitting step could change.
AWKWARD = {
    "crlf": "said so\r\non Friday",
    "lone-cr": "said so\ron Friday",
    "line-separator": "one\u2028two\u2029three",
    "next-line": "one\x85two",
    "tab": "one\ttwo",
    "padded": "  padded  ",
    "markup": "<b>&amp; \"quoted\" 'single'</b>",
    "non-bmp": "emoji \U0001f600 and Zoë",
}


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    folder = write_corpus(
        tmp_path_factory.mktemp("awkward") / "package",
        entities=[
            entity("acme", "platform", description=AWKWARD["padded"]),
            entity("pk", "place", name=AWKWARD["non-bmp"]),
            ("daily", "media"),
        ],
        claims=[
            claim(f"c-{name}", "acme", "visit", "pk", notes=value, extra=value) for name, value in AWKWARD.items()
        ]
        + [claim("c-quote", "acme", "visit", "pk", quote="Acme said so\r\non Friday")],
    )
    dataset = analysis.load(folder)
    out = tmp_path_factory.mktemp("awkward") / "export"
    export(dataset, out)
    return dataset, out


def test_graphml_round_trip_keeps_awkward_characters(awkward):
    dataset, out = awkward
    H = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert nodes_of(H) == nodes_of(dataset.graph())
    assert edges_of(H) == edges_of(dataset.graph())
    assert H.edges["acme", "pk", "c-crlf"]["notes"] == AWKWARD["crlf"]


def test_gexf_round_trip_keeps_awkward_characters(awkward):
    dataset, out = awkward
    H = nx.read_gexf(out / "graph.gexf")
    for name, value in AWKWARD.items():
        assert H.edges["acme", "pk", f"c-{name}"]["notes"] == value, name
    assert H.edges["acme", "pk", "c-quote"]["quote"] == "Acme said so\r\non Friday"
    assert H.nodes["pk"]["name"] == AWKWARD["non-bmp"]


def test_node_link_round_trip_keeps_awkward_characters(awkward):
    dataset, out = awkward
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    H = nx.node_link_graph(data, directed=True, multigraph=True, source="subject", target="object")
    for name, value in AWKWARD.items():
        assert H.edges["acme", "pk", f"c-{name}"]["extra"] == value, name


def test_table_round_trip_keeps_awkward_characters(awkward):
    dataset, out = awkward
    again = analysis.load(out)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(again, name), getattr(dataset, name))


# ---------------------------------------------------------------------------
# graph files read without networkx


def graphml_tree(path):
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.iterfind("g:key", GRAPHML_NS)}
    graph = root.find("g:graph", GRAPHML_NS)

    def data(element):
        return {keys[d.get("key")]: d.text or "" for d in element.iterfind("g:data", GRAPHML_NS)}

    nodes = {n.get("id"): data(n) for n in graph.iterfind("g:node", GRAPHML_NS)}
    edges = {
        e.get("id"): (e.get("source"), e.get("target"), data(e)) for e in graph.iterfind("g:edge", GRAPHML_NS)
    }
    return graph, nodes, edges


def test_graphml_read_with_elementtree_has_every_entity_and_claim(corpus):
    dataset, out = corpus
    graph, nodes, edges = graphml_tree(out / "graph.graphml")
    assert graph.get("edgedefault") == "directed"
    assert sorted(nodes) == sorted(dataset.entities["entity_id"])
    assert sorted(edges) == sorted(dataset.claims["claim_id"])
    for row in dataset.claims.itertuples():
        source, target, data = edges[row.claim_id]
        assert (source, target) == (row.subject, row.object)
        assert data["quote"] == row.quote and data["status"] == row.status and data["said_by"] == row.said_by


def test_graphml_read_with_elementtree_values_equal_the_graph(corpus):
    dataset, out = corpus
    G = dataset.graph()
    _, nodes, edges = graphml_tree(out / "graph.graphml")
    assert nodes == nodes_of(G)
    assert {(s, t, key): data for key, (s, t, data) in edges.items()} == edges_of(G)


def test_graphml_read_with_elementtree_ardenia_values(ardenia_export):
    _, nodes, edges = graphml_tree(ardenia_export / "graph.graphml")
    node, name = MINISTER
    assert nodes[node]["name"] == name
    assert nodes[node]["role"] == "Minister for Digital Affairs"
    assert edges[MULTILINE_CLAIM[2]][2]["quote"] == MULTILINE_QUOTE
    assert edges["minister-criticised-orbis"][2]["quote"] == '"Orbis has dragged its feet for a year," she said.'


def gexf_tree(path):
    root = ET.parse(path).getroot()
    graph = root.find("x:graph", GEXF_NS)
    titles = {
        cls: {a.get("id"): a.get("title") for a in block.iterfind("x:attribute", GEXF_NS)}
        for block in graph.iterfind("x:attributes", GEXF_NS)
        for cls in [block.get("class")]
    }

    def values(element, cls):
        return {
            titles[cls][v.get("for")]: v.get("value")
            for v in element.iterfind("x:attvalues/x:attvalue", GEXF_NS)
        }

    nodes = {n.get("id"): (n.get("label"), values(n, "node")) for n in graph.iterfind("x:nodes/x:node", GEXF_NS)}
    edges = {
        e.get("id"): (e.get("source"), e.get("target"), values(e, "edge"))
        for e in graph.iterfind("x:edges/x:edge", GEXF_NS)
    }
    return root, graph, nodes, edges


def test_gexf_read_with_elementtree_values_equal_the_graph(corpus):
    dataset, out = corpus
    G = dataset.graph()
    _, graph, nodes, edges = gexf_tree(out / "graph.gexf")
    assert graph.get("defaultedgetype") == "directed"
    assert {node: label for node, (label, _) in nodes.items()} == {n: d["name"] for n, d in G.nodes(data=True)}
    assert {node: data for node, (_, data) in nodes.items()} == nodes_of(G)
    expected = edges_of(G)
    got = {}
    for edge_id, (source, target, data) in edges.items():
        # allowed: networkx's writer records the key as a GEXF attribute of its own
        assert data.pop("networkx_key") == edge_id
        got[(source, target, edge_id)] = data
    assert got == expected


def test_gexf_read_with_elementtree_ardenia_values(ardenia_export):
    _, _, nodes, edges = gexf_tree(ardenia_export / "graph.gexf")
    node, name = MINISTER
    assert nodes[node][0] == name
    assert nodes["orbis-holdings"][1]["wikidata"] == "Q0"
    source, target, data = edges[MULTILINE_CLAIM[2]]
    assert (source, target) == MULTILINE_CLAIM[:2]
    assert data["quote"] == MULTILINE_QUOTE


def test_gexf_has_no_lastmodifieddate(corpus):
    _, out = corpus
    assert "lastmodifieddate" not in (out / "graph.gexf").read_text(encoding="utf-8")
    root, *_ = gexf_tree(out / "graph.gexf")
    assert "lastmodifieddate" not in root.find("x:meta", GEXF_NS).attrib


# ---------------------------------------------------------------------------
# the tables and their descriptor


def test_frictionless_validates_the_exported_package(corpus):
    _, out = corpus
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])


def descriptor_of(out):
    return json.loads((out / "datapackage.json").read_text(encoding="utf-8"))


def test_descriptor_lists_the_four_tables_and_compliance(corpus):
    _, out = corpus
    resources = {r["name"]: r for r in descriptor_of(out)["resources"]}
    assert list(resources) == [*TABLE_NAMES, "compliance"]
    assert all(r["path"] == f"{name}.csv" for name, r in resources.items())


def test_descriptor_has_enumerations(corpus):
    _, out = corpus
    resources = {r["name"]: r for r in descriptor_of(out)["resources"]}

    def enum(resource, field):
        fields = {f["name"]: f for f in resources[resource]["schema"]["fields"]}
        return fields[field]["constraints"]["enum"]

    assert enum("sources", "kind") == ["news", "law", "statement", "report", "other"]
    assert "unnamed_source" in enum("entities", "type")
    assert enum("claims", "status") == ["done", "agreed", "planned", "expected", "reluctant", "declined", "not_done"]
    assert enum("compliance", "polarity") == ["+", "-"]


def test_descriptor_has_primary_keys(corpus):
    _, out = corpus
    keys = {r["name"]: r["schema"]["primaryKey"] for r in descriptor_of(out)["resources"]}
    assert keys == {
        "sources": ["source_id"],
        "entities": ["entity_id"],
        "predicates": ["predicate"],
        "claims": ["claim_id"],
        "compliance": ["subject", "claim_id"],
    }


def test_descriptor_has_foreign_keys_from_claims(corpus):
    _, out = corpus
    claims = next(r for r in descriptor_of(out)["resources"] if r["name"] == "claims")
    links = {(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"]) for fk in claims["schema"]["foreignKeys"]}
    assert links == {
        ("subject", "entities", "entity_id"),
        ("object", "entities", "entity_id"),
        ("said_by", "entities", "entity_id"),
        ("requirement", "entities", "entity_id"),
        ("predicate", "predicates", "predicate"),
        ("source", "sources", "source_id"),
    }


def test_descriptor_lists_extra_columns_too(ardenia_export):
    resources = {r["name"]: r for r in descriptor_of(ardenia_export)["resources"]}
    assert "wikidata" in [f["name"] for f in resources["entities"]["schema"]["fields"]]
    assert "language" in [f["name"] for f in resources["sources"]["schema"]["fields"]]


def test_frictionless_catches_a_broken_foreign_key(tmp_path):
    # the descriptor's foreign keys are really checked: change one subject to an unknown entity
    export(analysis.load(ARDENIA_DIR), tmp_path)
    claims = tmp_path / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("\nminister-met-orbis,zoe-angstrom-nunez,", "\nminister-met-orbis,nobody,"), encoding="utf-8")
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_frictionless_catches_a_value_outside_an_enumeration(tmp_path):
    export(analysis.load(ARDENIA_DIR), tmp_path)
    claims = tmp_path / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace(",met_with,orbis-holdings,done,", ",met_with,orbis-holdings,finished,"), encoding="utf-8")
    assert not frictionless.validate(tmp_path / "datapackage.json").valid


def test_exported_folder_loads_as_a_data_package_with_equal_tables(corpus):
    dataset, out = corpus
    again = analysis.load(out)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(again, name), getattr(dataset, name))
    assert again.texts == dataset.texts


def test_exported_folder_validates_with_the_cli(corpus):
    dataset, out = corpus
    done = run_cli("validate", out)
    assert done.returncode == 0, done.stdout
    counts = dataset.counts
    assert done.stdout.strip() == (
        f"ok: {counts['sources']} sources, {counts['entities']} entities, "
        f"{counts['predicates']} predicates, {counts['claims']} claims"
    )


def test_compliance_csv_header_is_the_spec_columns(corpus):
    _, out = corpus
    header = (out / "compliance.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == SPEC_COMPLIANCE_COLUMNS


def test_compliance_csv_rows_are_the_compliance_table(corpus):
    dataset, out = corpus
    written = pd.read_csv(out / "compliance.csv", dtype=str, keep_default_na=False)
    expected = compliance_table(dataset).astype(object).fillna("").astype(str)
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)


def test_ardenia_compliance_csv_has_the_inherited_rows(ardenia_export):
    written = pd.read_csv(ardenia_export / "compliance.csv", dtype=str, keep_default_na=False)
    inherited = written[written["inherited_from"] != ""]
    assert sorted(zip(inherited["subject"], inherited["claim_id"])) == [
        ("kestrel", "orbis-agreed-local-representative"),
        ("kestrel", "orbis-reluctant-local-data"),
        ("nimbus-chat", "orbis-agreed-local-representative"),
        ("nimbus-chat", "orbis-reluctant-local-data"),
    ]
    assert set(inherited["inherited_from"]) == {"orbis-holdings"}


# ---------------------------------------------------------------------------
# same bytes, whole files


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("folder", [DATA_DIR, ARDENIA_DIR], ids=["data", "ardenia"])
def test_two_exports_into_fresh_folders_are_byte_identical(tmp_path, folder):
    export(analysis.load(folder), tmp_path / "one")
    export(analysis.load(folder), tmp_path / "two")
    one, two = folder_bytes(tmp_path / "one"), folder_bytes(tmp_path / "two")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


def test_export_writes_no_temporary_files(corpus):
    _, out = corpus
    assert [p.name for p in out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"] == []


def test_write_atomic_writes_text_as_utf8_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "a.txt"
    write_atomic(target, "Zoë\n")
    assert target.read_bytes() == "Zoë\n".encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_write_atomic_replaces_an_existing_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    write_atomic(target, b"new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_write_atomic_gives_the_mode_a_plain_open_would(tmp_path):
    mask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.txt", "x")
    finally:
        os.umask(mask)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


def test_error_while_writing_leaves_the_old_file_intact(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # not text or bytes: the write itself fails
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_error_while_renaming_leaves_the_old_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text("old")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


# ---------------------------------------------------------------------------
# bad output folders


def test_export_to_a_path_under_a_file_exits_2_without_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = run_cli("export", ARDENIA_DIR, "--out", blocker / "out")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("analysis: ")
    assert done.stdout == ""


def test_export_to_an_existing_file_exits_2_without_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = run_cli("export", ARDENIA_DIR, "--out", blocker)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert blocker.read_text() == "not a folder"


def test_export_without_out_is_a_usage_error():
    done = run_cli("export", ARDENIA_DIR)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_export_of_a_missing_data_folder_exits_2(tmp_path):
    done = run_cli("export", tmp_path / "nowhere", "--out", tmp_path / "out")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()
