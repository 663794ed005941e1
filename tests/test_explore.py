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


def test_sigma_widget_shows_the_dataset_graph():
    widget = sigma(analysis.load())
    assert type(widget).__name__ == "Sigma"


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


def test_sigma_takes_the_palette_and_a_seeded_layout(tiny_package):
    from analysis.palette import TYPE_COLOURS

    dataset = analysis.load(tiny_package())
    first, second = sigma(dataset), sigma(dataset)
    assert dict(first.visual_variables["nodeColor"]["palette"]) == dict(TYPE_COLOURS)
    assert first.layout == second.layout and set(first.layout) == set(dataset.entities["entity_id"])
