"""Figures for publication: the network map, the compliance matrix, who says so, the timeline.

Each figure function returns a matplotlib ``Figure`` and the table of the
numbers it shows. Every figure has a title with N and a source line naming
the source documents; layouts are seeded. :func:`write_figures` saves each
as PNG (300 dpi), SVG and PDF beside a CSV of its table, with the dates,
software versions and random ids stripped, so that a re-run gives the same
bytes.

This is the only module that imports matplotlib. It uses ``Figure``
objects directly, never pyplot's global state, so it works the same in a
script, a test and a notebook.

Examples
--------
>>> import analysis
>>> figure, table = compliance_figure(analysis.load())
>>> figure.get_suptitle().startswith("Who has done what the rules require")
True
>>> list(table.columns)[:3]
['subject', 'requirement', 'furthest']
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib
import networkx as nx
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .compliance import cell_summary
from .export import frame_csv, write_atomic
from .palette import POLARITY_COLOURS, TYPE_COLOURS
from .sourcing import claim_parties
from .timeline import timeline
from .vocabulary import ENTITY_TYPES, POLARITY, STATUS_RANK, STATUSES

__all__ = [
    "FIGURES",
    "FORMATS",
    "network_figure",
    "compliance_figure",
    "sourcing_figure",
    "timeline_figure",
    "source_line",
    "write_figures",
    "render",
    "figure_bytes",
]

#: File formats written by default.
FORMATS = ("png", "svg", "pdf")

# Reproducible files: no dates, versions or random ids in the metadata.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}
_STYLE = {
    "svg.hashsalt": "liaison",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
}

_STATUS_COLOURS = {
    "done": "#006D2C",
    "agreed": "#31A354",
    "planned": "#74C476",
    "expected": "#C7E9C0",
    "reluctant": "#FDAE6B",
    "declined": "#E6550D",
    "not_done": "#A63603",
}
_STATUS_SYMBOLS = {
    "done": "\u2714",  # heavy check mark
    "agreed": "\u25cf",  # black circle
    "planned": "\u25d0",  # circle, left half black
    "expected": "\u25cb",  # white circle
    "reluctant": "\u2212",  # minus
    "declined": "\u2716",  # heavy multiplication x
    "not_done": "\u2717",  # ballot x
}
_KIND_COLOURS = {
    "named person": "#E69F00",
    "institution": "#009E73",
    "unnamed source": "#999999",
    "outlet's own narration": "#000000",
    "other": "#CC79A7",
}


def source_line(dataset, limit: int = 3) -> str:
    """The source line under a figure: the documents it rests on.

    Examples
    --------
    >>> import analysis
    >>> source_line(analysis.load())
    'Source: Dawn, 2022-12-10, "Google registers in Pakistan, set to open liaison office". Data: liaison, data/'
    """
    sources = dataset.sources.sort_values(["published", "source_id"])
    items = [f'{p}, {d}, "{t}"' for p, d, t in zip(sources["publisher"], sources["published"], sources["title"])]
    shown = "; ".join(items[:limit])
    if len(items) > limit:
        shown += f"; and {len(items) - limit} more"
    label = "Source" if len(items) == 1 else f"Sources ({len(items)})"
    return f"{label}: {shown}. Data: liaison, {dataset.path.name}/"


def _frame(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def _short(name: str, width: int = 30) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "\u2026"


def _finish(figure: Figure, ax, title: str, subtitle: str, dataset) -> Figure:
    """Title with N (bold), subtitle on the axes, and the source line at the foot."""
    width = int(figure.get_figwidth() * 12)
    figure.suptitle(textwrap.fill(title, width), x=0.01, ha="left", fontsize=11, fontweight="bold")
    ax.set_title(textwrap.fill(subtitle, int(width * 1.3)), loc="left", fontsize=8.5, color="#444444", fontweight="normal")
    figure.text(0.005, 0.002, source_line(dataset), fontsize=7, color="#555555", ha="left", va="bottom")
    figure.get_layout_engine().set(h_pad=0.2)
    return figure


def network_figure(dataset, seed: int = 0) -> tuple[Figure, pd.DataFrame]:
    """The network map: entities coloured by type, claims coloured by polarity.

    A claim bearing on a requirement is drawn to the requirement, other
    claims to their object; dotted grey lines run from each asserting party
    to what it speaks about. The layout is Kamada-Kawai (deterministic) up
    to 300 entities, a spring layout seeded with `seed` beyond. The table
    lists the links drawn with their claim counts.
    """
    claims = dataset.claims
    target = claims["requirement"].fillna(claims["object"]).astype(str)
    drawn = pd.DataFrame(
        {
            "party_or_subject": claims["subject"].astype(str),
            "drawn_to": target,
            "link": "claim",
            "polarity": claims["status"].map(POLARITY).astype(str),
        }
    )
    speaks = pd.DataFrame(
        {"party_or_subject": claims["said_by"].astype(str), "drawn_to": claims["subject"].astype(str), "link": "says", "polarity": ""}
    )
    links = pd.concat([drawn, speaks], ignore_index=True)
    links = links[links["party_or_subject"] != links["drawn_to"]]
    links = links.groupby(["party_or_subject", "drawn_to", "link", "polarity"], sort=True).size().rename("claims").reset_index()

    G = nx.DiGraph()
    entities = dataset.entities
    names = dict(zip(entities["entity_id"], entities["name"]))
    types = dict(zip(entities["entity_id"], entities["type"].astype(str)))
    G.add_nodes_from(sorted(set(links["party_or_subject"]) | set(links["drawn_to"])))
    for row in links.itertuples(index=False):
        data = G.get_edge_data(getattr(row, "party_or_subject"), row.drawn_to)
        polarity = "says" if row.link == "says" else row.polarity
        if data is None:
            G.add_edge(getattr(row, "party_or_subject"), row.drawn_to, polarity=polarity, claims=row.claims)
        elif data["polarity"] != "says" and polarity != "says":
            data["polarity"] = data["polarity"] if data["polarity"] == polarity else "mixed"
            data["claims"] += row.claims
    undirected = G.to_undirected()
    if len(G) <= 300:
        positions = nx.kamada_kawai_layout(undirected)
    else:
        positions = nx.spring_layout(undirected, seed=seed)

    figure = _frame(11, 8.5)
    ax = figure.add_subplot()
    ax.set_axis_off()
    styles = {
        "+": (POLARITY_COLOURS["+"], "solid"),
        "-": (POLARITY_COLOURS["-"], "solid"),
        "mixed": ("#7F7F7F", "solid"),
        "says": ("#BBBBBB", "dotted"),
    }
    for polarity, (colour, style) in styles.items():
        edges = [(u, v) for u, v, d in G.edges(data=True) if d["polarity"] == polarity]
        if edges:
            nx.draw_networkx_edges(
                G, positions, edgelist=edges, ax=ax, edge_color=colour, style=style, alpha=0.8, arrows=True,
                arrowsize=8, width=[0.7 + 0.45 * min(G.edges[e]["claims"], 8) for e in edges], node_size=240,
                connectionstyle="arc3,rad=0.06",
            )
    present_types = [t for t in ENTITY_TYPES if any(types.get(n) == t for n in G)]
    for entity_type in present_types:
        nodes = [n for n in G if types.get(n) == entity_type]
        nx.draw_networkx_nodes(
            G, positions, nodelist=nodes, ax=ax, node_color=TYPE_COLOURS[entity_type],
            node_size=240, edgecolors="#333333", linewidths=0.6,
        )
    for node, (x, y) in positions.items():
        ax.text(x, y + 0.03, _short(names.get(node, node)), fontsize=7, ha="center", va="bottom",
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.75})
    handles = [Patch(facecolor=TYPE_COLOURS[t], edgecolor="#333333", label=t.replace("_", " ")) for t in present_types]
    handles += [
        Line2D([], [], color=POLARITY_COLOURS["+"], lw=2, label="claim toward (+)"),
        Line2D([], [], color=POLARITY_COLOURS["-"], lw=2, label="claim away (\u2212)"),
        Line2D([], [], color="#7F7F7F", lw=2, label="claims both ways"),
        Line2D([], [], color="#BBBBBB", lw=2, ls="dotted", label="says (party \u2192 subject)"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    _finish(
        figure, ax,
        f"Who and what the claims connect (N = {len(claims)} claims, {G.number_of_nodes()} entities)",
        "Arrows run from subject to requirement (or object); width grows with the number of claims; "
        "dotted lines from whoever says it",
        dataset,
    )
    return figure, links


def compliance_figure(dataset, as_of=None) -> tuple[Figure, pd.DataFrame]:
    """The compliance matrix: platform x requirement, status by colour and symbol.

    Each cell shows the furthest status reported (direct evidence first);
    a hatched cell rests only on an owner's claims; a bold border marks a
    cell where accounts conflict, and its other statuses are listed.
    """
    cells = cell_summary(dataset, as_of=as_of)
    entities = dataset.entities
    names = dict(zip(entities["entity_id"], entities["name"]))
    requirements = entities.loc[entities["type"] == "requirement", "entity_id"].tolist()
    subjects = sorted(set(cells["subject"])) if len(cells) else []
    figure = _frame(max(7.5, 1.9 * len(requirements) + 3), max(3.2, 0.55 * len(subjects) + 2.2))
    ax = figure.add_subplot()
    ax.set_xlim(-0.5, max(len(requirements), 1) - 0.5)
    ax.set_ylim(max(len(subjects), 1) - 0.5, -0.5)
    ax.set_xticks(range(len(requirements)), [textwrap.fill(names[r], 22) for r in requirements], fontsize=8)
    ax.set_yticks(range(len(subjects)), [names[s] for s in subjects])
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    for spine in ax.spines.values():
        spine.set_visible(False)
    lookup = cells.set_index(["subject", "requirement"]) if len(cells) else None
    for i, subject in enumerate(subjects):
        for j, requirement in enumerate(requirements):
            if lookup is None or (subject, requirement) not in lookup.index:
                ax.add_patch(matplotlib.patches.Rectangle((j - 0.48, i - 0.45), 0.96, 0.9, fc="#F4F4F4", ec="white"))
                continue
            cell = lookup.loc[(subject, requirement)]
            status = cell["furthest"]
            ax.add_patch(
                matplotlib.patches.Rectangle(
                    (j - 0.48, i - 0.45), 0.96, 0.9, fc=_STATUS_COLOURS[status],
                    ec="#222222" if cell["conflict"] else "white", lw=2.2 if cell["conflict"] else 0.5,
                    hatch="///" if cell["inherited"] else None,
                )
            )
            dark = STATUS_RANK[status] >= 2 or STATUS_RANK[status] <= -2
            label = f"{_STATUS_SYMBOLS[status]} {status.replace('_', ' ')}"
            if cell["inherited"]:
                label += " (via owner)"
            ax.text(j, i - 0.08, label, ha="center", va="center", fontsize=8, color="white" if dark else "black")
            others = [s for s in cell["statuses"].split(", ") if s.rstrip("*") != status]
            if others:
                ax.text(j, i + 0.24, "also: " + ", ".join(o.replace("_", " ") for o in others), ha="center",
                        va="center", fontsize=6.5, color="white" if dark else "#222222")
    handles = [Patch(facecolor=_STATUS_COLOURS[s], label=f"{_STATUS_SYMBOLS[s]} {s.replace('_', ' ')}") for s in STATUSES]
    handles += [
        Patch(facecolor="white", edgecolor="#222222", hatch="///", label="only via owner"),
        Patch(facecolor="white", edgecolor="#222222", lw=2.2, label="accounts conflict"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    n = int(cells["n_claims"].sum()) if len(cells) else 0
    when = f" as of {as_of}" if as_of else ""
    _finish(
        figure, ax,
        f"Who has done what the rules require{when} (N = {n} claims, {len(subjects)} platforms and companies)",
        "Furthest status reported per cell; * in 'also' marks an owner's claim",
        dataset,
    )
    return figure, cells


def sourcing_figure(dataset) -> tuple[Figure, pd.DataFrame]:
    """Who says so: claims per asserting party, toward (+) and away (-), coloured by kind of party."""
    parties = claim_parties(dataset)
    table = (
        parties.groupby(["said_by", "party_name", "kind"], sort=True)["polarity"]
        .value_counts()
        .unstack(fill_value=0)
        .reindex(columns=["+", "-"], fill_value=0)
        .reset_index()
    )
    table.columns.name = None
    table["total"] = table["+"] + table["-"]
    table = table.sort_values(["total", "said_by"], ascending=[True, False], kind="stable").reset_index(drop=True)
    figure = _frame(9, max(3, 0.42 * len(table) + 1.8))
    ax = figure.add_subplot()
    y = range(len(table))
    ax.barh(y, table["+"], color=POLARITY_COLOURS["+"], label="toward the relation (+)")
    ax.barh(y, -table["-"], color=POLARITY_COLOURS["-"], label="away from it (\u2212)")
    ax.set_yticks(list(y), [f"{n}  [{k}]" for n, k in zip(table["party_name"], table["kind"])])
    for tick, kind in zip(ax.get_yticklabels(), table["kind"]):
        tick.set_color(_KIND_COLOURS.get(kind, "#000000") if kind != "unnamed source" else "#666666")
    ax.axvline(0, color="#333333", lw=0.8)
    limit = max(int(table["+"].max()), int(table["-"].max()), 1) + 1
    ax.set_xlim(-limit, limit)
    ticks = ax.get_xticks()
    ax.set_xticks(ticks, [str(abs(int(t))) for t in ticks])
    ax.set_xlabel("claims (away \u2190 | \u2192 toward)")
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    _finish(
        figure, ax,
        f"Who says so (N = {len(parties)} claims from {len(table)} parties)",
        "Claims per asserting party by polarity; [kind] of party: named person, unnamed source, outlet's own narration, institution",
        dataset,
    )
    return figure, table


def timeline_figure(dataset) -> tuple[Figure, pd.DataFrame]:
    """Dated claims and publications on a time axis; a coarse date is drawn as the span it covers."""
    rows = timeline(dataset)
    names = dict(zip(dataset.entities["entity_id"], dataset.entities["name"]))
    labels = dict(zip(dataset.predicates["predicate"], dataset.predicates["label"]))
    figure = _frame(10, max(3, 0.36 * len(rows) + 1.8))
    ax = figure.add_subplot()
    for i, row in enumerate(rows.itertuples(index=False)):
        if row.kind == "published":
            text = f"{row.subject} publishes the report"
            colour = "#000000"
        else:
            text = f"{names.get(row.subject, row.subject)} {labels.get(row.predicate, row.predicate)} {names.get(row.object, row.object)} [{row.status}]"
            colour = POLARITY_COLOURS[POLARITY[row.status]]
        if isinstance(row.date_text, str):
            text += f'  \u2014 "{row.date_text}"'
        start = matplotlib.dates.date2num(row.start)
        end = matplotlib.dates.date2num(row.end) + 1
        if row.precision == "day":
            ax.plot([start + 0.5], [i], "o", color=colour, ms=6)
        else:
            ax.plot([start, end], [i, i], "-", color=colour, lw=5, alpha=0.5, solid_capstyle="butt")
        ax.text(end + 0.3, i, text, va="center", fontsize=7.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y-%m-%d"))
    if len(rows):
        first = matplotlib.dates.date2num(rows["start"].min())
        last = matplotlib.dates.date2num(rows["end"].max())
        ax.set_xlim(first - 2, last + max(12, (last - first) * 0.9))
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)
    n_claims = int((rows["kind"] == "claim").sum())
    undated = int(dataset.claims["date"].isna().sum())
    _finish(
        figure, ax,
        f"When it happened (N = {n_claims} dated claims; {undated} undated not shown)",
        "Dots are days; bars are the month or year a coarser date covers; the source's own words in quotes",
        dataset,
    )
    return figure, rows


#: The figures by file name, in reading order.
FIGURES = {
    "network": network_figure,
    "compliance": compliance_figure,
    "who-says-so": sourcing_figure,
    "timeline": timeline_figure,
}


def render(name: str, dataset) -> tuple[Figure, pd.DataFrame]:
    """Draw the figure `name` of :data:`FIGURES` in the house style."""
    if name not in FIGURES:
        raise KeyError(f"no figure {name!r}; the figures are: {', '.join(FIGURES)}")
    with matplotlib.rc_context(_STYLE):
        return FIGURES[name](dataset)


def figure_bytes(figure: Figure, fmt: str) -> bytes:
    """The figure as `fmt` bytes, reproducibly."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(_STYLE):
        figure.savefig(buffer, format=fmt, dpi=300 if fmt == "png" else "figure", metadata=_METADATA.get(fmt))
    return buffer.getvalue()


def write_figures(dataset, out, formats=FORMATS) -> list[Path]:
    """Write every figure in every format, each beside the CSV of its numbers.

    Examples
    --------
    >>> import analysis, tempfile
    >>> written = write_figures(analysis.load(), tempfile.mkdtemp(), formats=("svg",))
    >>> sorted(p.name for p in written)[:2]
    ['compliance.csv', 'compliance.svg']
    """
    unknown = [f for f in formats if f not in _METADATA]
    if unknown:
        raise ValueError(f"unknown figure format {', '.join(unknown)}; choose from: {', '.join(_METADATA)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FIGURES:
        figure, table = render(name, dataset)
        written.append(write_atomic(out / f"{name}.csv", frame_csv(table)))
        for fmt in formats:
            written.append(write_atomic(out / f"{name}.{fmt}", figure_bytes(figure, fmt)))
    return written
