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
