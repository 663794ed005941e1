"""The offline explorer: carries what it loads, and escapes every text from the data."""

import re

import analysis
from analysis.explore import embed_json, explorer_html, sigma


def test_explorer_loads_nothing_from_the_network():
    page = explorer_html(analysis.load())
    assert re.findall(r'<(?:script|link)[^>]+(?:src|href)=', page) == []
    assert "vis.Network" in page


def test_data_reaches_the_page_only_as_escaped_json():
    hostile = '</script><script>alert("x")</script> & <b>'
    assert "<" not in embed_json({"quote": hostile})
    assert "&" not in embed_json({"quote": hostile})


def test_hostile_names_from_the_data_are_escaped(tiny_package, rewrite):
    folder = tiny_package()
    rewrite.replace(folder, "entities.csv", "acme,Acme,", "acme,</script><script>alert(1)</script>,")
    page = explorer_html(analysis.load(folder))
    assert "<script>alert(1)" not in page
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in page


def test_sigma_widget_shows_the_dataset_graph(tiny_package):
    from ipysigma import Sigma

    dataset = analysis.load(tiny_package())
    widget = sigma(dataset)
    assert isinstance(widget, Sigma)
    assert sorted(node["key"] for node in widget.data["nodes"]) == sorted(dataset.entities["entity_id"])


def test_claims_reach_the_reader_in_words_and_credited(tiny_package):
    from analysis.explore import _payload

    payload = _payload(analysis.load(tiny_package()))
    edge = next(e for e in payload["edges"] if e["id"] == "c1")
    claim = edge["claim"]
    # the tiny package's predicate label, plain status, the source credited, the reading spelled out
    assert (claim["predicate_label"], claim["status_words"], claim["reading"]) == (
        "open an office in",
        "agreed",
        "stated",
    )
    assert claim["source_credit"] == 'The Daily, 10 December 2022, "Acme to open office"'
    assert payload["sources"][0]["credit"] == claim["source_credit"]


def test_a_cited_claim_shows_its_paraphrase_marked_with_the_link(tmp_path):
    from corpus_builder import claim as make_claim, entity, load_corpus

    from analysis.explore import _payload

    dataset = load_corpus(
        tmp_path,
        entities=[entity("acme", "platform"), entity("freedonia", "place"), entity("daily", "media")],
        claims=[make_claim("c1", "acme", "open_office_in", "freedonia")],
        sources=[{"source_id": "s1", "published": "2023-07-05", "text": "cited"}],
    )
    words = _payload(dataset)["edges"][0]["claim"]["words"]
    assert words == "paraphrase of c1 (cited, not quoted) https://example.invalid/s1"


def test_search_prefers_an_exact_or_prefix_match_and_says_when_nothing_matches():
    page = explorer_html(analysis.load(analysis.paths.DATA_DIR))
    # the ranking and the no-match message are in the page's script
    assert "if (all.indexOf(term) >= 0) return 0;" in page
    assert "No entity matches" in page


def _positions(widget):
    return {node["key"]: (node["attributes"]["x"], node["attributes"]["y"]) for node in widget.data["nodes"]}


def test_sigma_takes_the_palette(tiny_package):
    from analysis.palette import POLARITY_COLOURS, TYPE_COLOURS

    widget = sigma(analysis.load(tiny_package()))
    assert dict(widget.visual_variables["nodeColor"]["palette"]) == dict(TYPE_COLOURS)
    assert dict(widget.visual_variables["edgeColor"]["palette"]) == dict(POLARITY_COLOURS)


def test_sigma_starts_every_entity_from_the_seeded_layout(tiny_package):
    dataset = analysis.load(tiny_package())
    first, again, other_seed = sigma(dataset, seed=3), sigma(dataset, seed=3), sigma(dataset, seed=4)
    assert set(_positions(first)) == set(dataset.entities["entity_id"])
    assert _positions(first) == _positions(again)
    assert _positions(first) != _positions(other_seed)


def test_sigma_leaves_the_dataset_graph_without_positions(tiny_package):
    dataset = analysis.load(tiny_package())
    sigma(dataset)
    assert all("x" not in attributes for _, attributes in dataset.graph().nodes(data=True))


def test_sigma_keeps_the_widget_layout_trait_a_css_layout(tiny_package):
    # ipysigma stores positions under `layout`, the trait in which the
    # ipywidgets front end expects a Layout widget; positions there make
    # JupyterLab log "TypeError ... create_child_view" on every display
    from ipywidgets import Layout

    assert isinstance(sigma(analysis.load(tiny_package())).layout, Layout)


def test_a_node_is_drawn_as_large_as_the_lines_at_it(tmp_path):
    from corpus_builder import claim as make_claim, load_corpus

    from analysis.explore import _payload

    # acme -> freedonia and acme -> bolt, both said by the daily: two claim
    # lines and one "says" line (daily -> acme, drawn once per claim) at acme
    dataset = load_corpus(
        tmp_path,
        entities=[("acme", "platform"), ("bolt", "company"), ("freedonia", "place"), ("daily", "media")],
        claims=[make_claim("c1", "acme", "open_office_in", "freedonia"), make_claim("c2", "acme", "owns", "bolt")],
    )
    lines = {node["id"]: node["lines"] for node in _payload(dataset)["nodes"]}
    assert lines == {"acme": 4, "bolt": 1, "freedonia": 1, "daily": 2}


def test_claims_carry_their_polarity_for_the_page(tmp_path):
    from corpus_builder import claim as make_claim, load_corpus

    from analysis.explore import _payload

    dataset = load_corpus(
        tmp_path,
        entities=[("acme", "platform"), ("freedonia", "place"), ("daily", "media")],
        claims=[
            make_claim("c1", "acme", "open_office_in", "freedonia", status="planned"),
            make_claim("c2", "acme", "open_office_in", "freedonia", status="declined"),
        ],
    )
    claims = {edge["id"]: edge["claim"]["polarity"] for edge in _payload(dataset)["edges"] if not edge.get("dashes")}
    assert claims == {"c1": "+", "c2": "-"}
