"""Explore the network interactively: a standalone offline page, and a live widget for JupyterLab.

:func:`explorer_html` returns one self-contained HTML page: the
vis-network library (bundled with pyvis) is carried inside the page, so it
works with no network connection. Click an entity to list every claim about
it, or said by it, with the verbatim quote. Text from the data reaches the
page only as JSON inside a ``<script type="application/json">`` element
(with ``<``, ``>`` and ``&`` escaped) and is put on screen with
``textContent``, never parsed as HTML.

:func:`explorer_iframe` shows the same page inside a notebook;
:func:`sigma` returns an ipysigma widget for live exploration in JupyterLab.

Examples
--------
>>> from analysis.toy import toy_dataset
>>> page = explorer_html(toy_dataset())
>>> page.startswith("<!DOCTYPE html>") and "<script src=" not in page
True
>>> "<script>alert" in page
False
"""

from __future__ import annotations

import functools
import html
import json
from collections import Counter
from importlib import resources

from . import paths
from .graph import records
from .palette import POLARITY_COLOURS, TYPE_COLOURS
from .vocabulary import ENTITY_TYPES, POLARITY

__all__ = ["explorer_html", "explorer_iframe", "sigma", "embed_json"]



def embed_json(value) -> str:
    """JSON safe to place inside an HTML ``<script>`` element.

    Examples
    --------
    >>> embed_json({"quote": "</script><b>&"})
    '{"quote": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=True, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _vis_assets() -> tuple[str, str]:
    folder = resources.files("pyvis") / "lib" / "vis-9.1.2"
    return (folder / "vis-network.min.js").read_text(encoding="utf-8"), (folder / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _payload(dataset) -> dict:
    from .credits import credit
    from .statements import claim_statements
    from .vocabulary import status_words

    entities = dataset.entities
    context = claim_statements(dataset)
    sources = records(dataset.sources)
    credits = {source["source_id"]: credit(source) for source in sources}
    urls = {source["source_id"]: source.get("url", "") for source in sources}
    # what a reader sees of a claim: plain status, its words (a cited source's
    # paraphrase marked as such), the source credited, the reading spelled out
    claims = dataset.claims.assign(
        status_words=dataset.claims["status"].astype(str).map(status_words),
        polarity=dataset.claims["status"].map(POLARITY),
        words=context["evidence_text"].where(
            context["evidence"] == "quote",
            context["evidence_text"] + " (cited, not quoted) " + context["source"].map(urls).fillna(""),
        ),
        source_credit=dataset.claims["source"].map(credits),
        reading=dataset.claims["reading"].fillna("stated"),
        predicate_label=dataset.claims["predicate"].map(
            dataset.predicates.drop_duplicates("predicate").set_index("predicate")["label"]
        ),
    )
    names = dict(zip(entities["entity_id"], dataset.names()[entities["entity_id"]].tolist()))
    nodes = [
        {
            "id": entity["entity_id"],
            "label": entity["name"],
            "group": entity["type"],
            "color": TYPE_COLOURS.get(entity["type"], "#777777"),
            "attributes": entity,
        }
        for entity in records(entities)
    ]
    edges = [
        {
            "id": claim["claim_id"],
            "from": claim["subject"],
            "to": claim["object"],
            "color": POLARITY_COLOURS[POLARITY[claim["status"]]],
            "claim": claim,
        }
        for claim in records(claims)
    ]
    # who says it: a dashed line from the asserting party to the subject
    edges += [
        {"id": f"said:{claim['claim_id']}", "from": claim["said_by"], "to": claim["subject"], "color": "#BBBBBB",
         "dashes": True, "claim": claim}
        for claim in records(claims)
        if claim["said_by"] != claim["subject"]
    ]
    # the lines drawn at each entity: its claims and the "says" lines
    lines = Counter(end for edge in edges for end in (edge["from"], edge["to"]))
    for node in nodes:
        node["lines"] = lines[node["id"]]
    for source in sources:
        source["credit"] = credits[source["source_id"]]
    return {
        "nodes": nodes,
        "edges": edges,
        "names": names,
        "sources": sources,
        "types": {t: TYPE_COLOURS[t] for t in ENTITY_TYPES},
    }


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>{vis_css}</style>
<style>
body {{ margin: 0; font: 14px/1.4 "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; }}
header {{ padding: 10px 16px; border-bottom: 1px solid #ddd; }}
header h1 {{ font-size: 18px; margin: 0 0 4px; }}
header p {{ margin: 0; color: #555; font-size: 12px; }}
main {{ display: flex; height: calc(100vh - 70px); min-height: 480px; }}
#network {{ flex: 3; border-right: 1px solid #ddd; }}
aside {{ flex: 2; overflow-y: auto; padding: 10px 14px; }}
aside h2 {{ font-size: 16px; margin: 4px 0; }}
.claim {{ border-left: 4px solid #ccc; padding: 4px 8px; margin: 8px 0; background: #fafafa; }}
.claim.positive {{ border-color: #009E73; }} .claim.negative {{ border-color: #D55E00; }}
.claim q {{ display: block; margin-top: 4px; font-style: italic; }}
.meta {{ color: #666; font-size: 12px; }}
#legend span {{ display: inline-block; margin-right: 10px; font-size: 12px; }}
#legend i {{ display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 3px; }}
input {{ width: 100%; padding: 4px; box-sizing: border-box; }}
</style>
</head>
<body>
<header><h1>{title}</h1><p id="sources"></p><div id="legend"></div></header>
<main><div id="network"></div>
<aside><input id="search" type="search" placeholder="Find an entity by name">
<div id="details"><p class="meta">Click an entity or a claim to see its evidence.</p></div></aside></main>
<script type="application/json" id="liaison-data">{data}</script>
<script>{vis_js}</script>
<script>
(function () {{
  "use strict";
  var data = JSON.parse(document.getElementById("liaison-data").textContent);
  function el(tag, text, cls) {{
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }}
  document.getElementById("sources").textContent = "Sources: " + data.sources.map(function (s) {{
    return s.credit;
  }}).join("; ");
  var legend = document.getElementById("legend");
  Object.keys(data.types).forEach(function (t) {{
    if (!data.nodes.some(function (n) {{ return n.group === t; }})) return;
    var item = el("span", t.replace("_", " "));
    var dot = el("i"); dot.style.background = data.types[t];
    item.insertBefore(dot, item.firstChild); legend.appendChild(item);
  }});
  // a long name is cut at a word for the drawing; the whole name is in the
  // tooltip and the panel
  function shortLabel(name) {{
    if (name.length <= 30) return name;
    var cut = name.slice(0, 30), space = cut.lastIndexOf(" ");
    return (space > 15 ? cut.slice(0, space) : cut).replace(/[\\s,;:(]+$/, "") + "\\u2026";
  }}
  // a node's size and its label's size grow with the number of lines at it;
  // at the opening zoom a label smaller than drawThreshold pixels is left out
  // (the name shows on hover, and every label appears on zooming in), so the
  // labels shown can be read and the small ones do not cover the nodes
  var nodes = new vis.DataSet(data.nodes.map(function (n) {{
    return {{ id: n.id, label: shortLabel(n.label), title: n.label, value: n.lines, color: n.color, shape: "dot" }};
  }}));
  var edges = new vis.DataSet(data.edges.map(function (e) {{
    return {{ id: e.id, from: e.from, to: e.to, arrows: "to", dashes: !!e.dashes,
             color: {{ color: e.color, highlight: e.color, hover: e.color }},
             title: e.dashes ? "says" : e.claim.predicate_label + " [" + e.claim.status_words + "]" }};
  }}));
  var network = new vis.Network(document.getElementById("network"), {{ nodes: nodes, edges: edges }}, {{
    layout: {{ randomSeed: 7, improvedLayout: true }},
    nodes: {{
      font: {{ strokeWidth: 3, strokeColor: "rgba(255,255,255,0.85)" }},
      scaling: {{
        min: 8, max: 24,
        label: {{ enabled: true, min: 18, max: 40, drawThreshold: 9, maxVisible: 18 }},
        customScalingFunction: function (min, max, total, value) {{
          return max === min ? 0 : Math.sqrt((value - min) / (max - min));
        }}
      }}
    }},
    physics: {{ stabilization: {{ iterations: 400 }}, barnesHut: {{ avoidOverlap: 0.5 }} }},
    interaction: {{ hover: true }}
  }});
  // a mark for whoever waits on the drawing (a browser check, a screenshot)
  network.once("stabilizationIterationsDone", function () {{
    document.getElementById("network").setAttribute("data-stable", "true");
  }});
  var details = document.getElementById("details");
  function showClaim(claim, container) {{
    var box = el("div", null, "claim " + (claim.polarity === "+" ? "positive" : "negative"));
    box.appendChild(el("div", (data.names[claim.subject] || claim.subject) + " \\u2014 " + claim.predicate_label +
      " \\u2014 " + (data.names[claim.object] || claim.object) + " [" + claim.status_words + "]"));
    box.appendChild(el(claim.quote ? "q" : "div", claim.words));
    box.appendChild(el("div", "said by " + (data.names[claim.said_by] || claim.said_by) + " \\u00b7 " +
      claim.source_credit + (claim.date ? " \\u00b7 " + claim.date : "") +
      (claim.reading === "inferred" ? " \\u00b7 inferred: the curator's reading goes beyond the words" : "") +
      " \\u00b7 " + claim.claim_id, "meta"));
    container.appendChild(box);
  }}
  function showEntity(id) {{
    var node = data.nodes.find(function (n) {{ return n.id === id; }});
    if (!node) return;
    details.replaceChildren();
    details.appendChild(el("h2", node.label));
    var a = node.attributes;
    details.appendChild(el("p", a.type + (a.role ? " \\u00b7 " + a.role : "") + (a.description ? " \\u2014 " + a.description : ""), "meta"));
    var claims = data.edges.filter(function (e) {{ return !e.dashes; }});
    var about = claims.filter(function (e) {{ return e.claim.subject === id || e.claim.object === id; }});
    var said = claims.filter(function (e) {{ return e.claim.said_by === id; }});
    details.appendChild(el("h3", "Claims about it (" + about.length + ")"));
    about.forEach(function (e) {{ showClaim(e.claim, details); }});
    details.appendChild(el("h3", "Claims it makes (" + said.length + ")"));
    said.forEach(function (e) {{ showClaim(e.claim, details); }});
  }}
  network.on("click", function (params) {{
    if (params.nodes.length) {{ showEntity(params.nodes[0]); }}
    else if (params.edges.length) {{
      var edge = data.edges.find(function (e) {{ return e.id === params.edges[0]; }});
      details.replaceChildren(); showClaim(edge.claim, details);
    }}
  }});
  // the best match: an exact name, id or alias first, then one that starts
  // with the term, then one that contains it; ties go to the shortest name
  function names(n) {{
    var a = n.attributes;
    return [n.label, n.id].concat(a.aliases ? a.aliases.split("|") : []).map(function (x) {{ return x.toLowerCase(); }});
  }}
  function rank(n, term) {{
    var all = names(n);
    if (all.indexOf(term) >= 0) return 0;
    if (all.some(function (x) {{ return x.indexOf(term) === 0; }})) return 1;
    if (all.some(function (x) {{ return x.indexOf(term) >= 0; }})) return 2;
    return 3;
  }}
  document.getElementById("search").addEventListener("input", function (event) {{
    var term = event.target.value.trim().toLowerCase();
    if (!term) {{ details.replaceChildren(); network.unselectAll(); network.fit(); return; }}
    var best = null, bestRank = 3;
    data.nodes.forEach(function (n) {{
      var r = rank(n, term);
      if (r < bestRank || (r === bestRank && best && r < 3 && n.label.length < best.label.length)) {{ best = n; bestRank = r; }}
    }});
    if (!best) {{
      // nothing of the previous result stays: no selection, no zoom, no panel
      network.unselectAll(); network.fit();
      details.replaceChildren(el("p", "No entity matches \u201c" + event.target.value.trim() + "\u201d.", "meta"));
      return;
    }}
    network.selectNodes([best.id]); network.focus(best.id, {{ scale: 0.7 }}); showEntity(best.id);
  }});
}})();
</script>
</body>
</html>
"""


def explorer_html(dataset, title: str | None = None) -> str:
    """A standalone, offline HTML page to explore the claims network.

    Parameters
    ----------
    dataset : Dataset
    title : str, optional
        Page heading; by default names the data package and its counts.

    Returns
    -------
    str
        The page. Nothing in it is loaded from the network.
    """
    vis_js, vis_css = _vis_assets()
    counts = dataset.counts
    title = title or (
        f"liaison explorer: {paths.shown(dataset.path.name)} ({counts['entities']} entities, {counts['claims']} claims)"
    )
    return _PAGE.format(
        title=html.escape(title),
        vis_css=vis_css.replace("</", "<\\/"),
        vis_js=vis_js.replace("</script", "<\\/script"),
        data=embed_json(_payload(dataset)),
    )


def explorer_iframe(dataset, height: int = 620):
    """The explorer inside a notebook, as an ``<iframe srcdoc>`` (works offline)."""
    from IPython.display import HTML

    page = html.escape(explorer_html(dataset), quote=True)
    return HTML(
        # wrapped in a <div>: IPython warns (with a local path) about markup that is one bare <iframe>
        f'<div><iframe srcdoc="{page}" style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
        'sandbox="allow-scripts"></iframe></div>'
    )


@functools.cache
def _sigma_widget_class():
    """ipysigma's ``Sigma`` with the widget ``layout`` trait that JupyterLab expects.

    ipysigma 0.24 keeps node positions in a trait named ``layout``, the name
    every ipywidgets DOM widget uses for its CSS ``Layout`` child. When the
    view is displayed (or ipysigma stores its positions there), the
    ipywidgets front end takes the positions for a ``Layout`` model, tries to
    build a view of it and logs ``TypeError ... create_child_view`` in the
    browser console. Here ``layout`` holds a real ``Layout`` again (a
    positions mapping is still accepted, as the front end sends one back
    after its own layout runs), and the positions travel as the nodes' ``x``
    and ``y`` attributes, which ipysigma reads before anything else.
    """
    from ipysigma import Sigma
    from ipywidgets import Layout, widget_serialization
    from traitlets import Dict, Instance, Union

    class SeededSigma(Sigma):
        layout = Union([Instance(Layout), Dict()], allow_none=True).tag(sync=True, **widget_serialization)

    return SeededSigma


def sigma(dataset, seed: int = 0, **options):
    """A live ipysigma widget of the claims graph, for JupyterLab.

    Nodes are coloured by type and edges by polarity, in the colours of
    :mod:`analysis.palette` (the figures' and the explorer's); nodes are
    sized by degree and start from a seeded spring layout, so the same
    data opens the same picture. Extra keyword arguments go to
    ``ipysigma.Sigma``.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> widget = sigma(toy_dataset(), seed=1)
    >>> dict(widget.visual_variables["nodeColor"]["palette"]) == dict(TYPE_COLOURS)
    True
    >>> all({"x", "y"} <= set(node["attributes"]) for node in widget.data["nodes"])
    True
    """
    import networkx as nx
    from ipywidgets import Layout

    from .network import actor_network

    graph = dataset.graph().copy()  # the dataset's graph is shared: positions go on a copy
    # laid out on the actor network, so a speaker starts beside what it speaks about
    # (the energy method with gravity keeps entities without claims near the rest)
    positions = nx.spring_layout(actor_network(dataset, include_inferred=True), seed=seed, method="energy", gravity=5)
    for node, (x, y) in positions.items():
        graph.nodes[node]["x"], graph.nodes[node]["y"] = float(x), float(y)
    settings = {
        "node_color": "type",
        "node_color_palette": dict(TYPE_COLOURS),
        "node_label": "name",
        "node_size": graph.degree,
        "edge_color": "polarity",
        "edge_color_palette": {"+": POLARITY_COLOURS["+"], "-": POLARITY_COLOURS["-"]},
        "default_edge_type": "arrow",
        "start_layout": False,
    }
    settings.update(options)
    widget = _sigma_widget_class()(graph, **settings)
    widget.layout = Layout()
    return widget
