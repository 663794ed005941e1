"""Figures for publication: the network map, the compliance matrix, who says so, the timeline, the tracker.

Each figure function returns a matplotlib ``Figure`` and the table of the
numbers it shows. Every figure has a title with N, counted in statements
(claims that share a source and its words are one statement,
:mod:`analysis.statements`), and a source line crediting the source
documents (:func:`analysis.credits.credit`); layouts are seeded. Every
figure rests on stated claims only unless ``include_inferred``. Wherever
accounts are drawn, one from a source that is cited, not quoted, is drawn
hollow (a ring, an outlined bar or cell), and the legend says so. A
figure of a large corpus draws its top rows (those with the most
statements, :data:`MATRIX_SUBJECTS` and the like; the most central
entities of the network) and says so at the head of its subtitle; its
table, like every figure's, is the numbers it draws.
:func:`write_figures` saves each as PNG (300 dpi), SVG and PDF beside a CSV
of its table, with the dates, software versions and random ids stripped,
so that a re-run gives the same bytes.

This is the only module that imports matplotlib. It uses ``Figure``
objects directly, never pyplot's global state, so it works the same in a
script, a test and a notebook.

Examples
--------
>>> from analysis.toy import toy_dataset
>>> figure, table = compliance_figure(toy_dataset())
>>> figure.get_suptitle()
'Reported positions on each requirement: N = 2 statements (3 claims) about 2 platforms and companies'
>>> list(table.columns)[:3]
['subject', 'requirement', 'furthest']
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib
import matplotlib.dates
import matplotlib.patches
import matplotlib.ticker
import matplotlib.transforms
import networkx as nx
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .compliance import cell_summary, compliance_table
from .credits import credit_line, date_in_words, is_description
from . import paths
from .export import spreadsheet_csv, write_atomic
from .palette import POLARITY_COLOURS, TYPE_COLOURS
from .statements import claim_statements
from .timeline import date_span, timeline
from .tracking import track, track_table
from .vocabulary import ENTITY_TYPES, GROUP_TYPE, POLARITY, STATUS_RANK, STATUSES, party_kind, status_words

__all__ = [
    "FIGURES",
    "FORMATS",
    "network_figure",
    "NETWORK_DRAWN",
    "MATRIX_SUBJECTS",
    "MATRIX_REQUIREMENTS",
    "PARTIES_DRAWN",
    "TIMELINE_DRAWN",
    "TRACKS_DRAWN",
    "ACCOUNTS_DRAWN",
    "compliance_figure",
    "sourcing_figure",
    "timeline_figure",
    "tracker_figure",
    "tracker_matrices_figure",
    "tracker_dates",
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
    # text from the data is plain text: "$5,000 ... $100,000" is money, not mathematics
    "text.parse_math": False,
    "text.usetex": False,
}


def _styled(draw):
    """Draw in the house style, whoever calls: the report, the command line or a notebook."""
    import functools

    @functools.wraps(draw)
    def styled(*args, **kwargs):
        with matplotlib.rc_context(_STYLE):
            return draw(*args, **kwargs)

    return styled

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
    "named person": "#B07800",
    "institution": "#0072B2",  # not the green of the "toward" bars
    "unnamed source": "#666666",
    "outlet's own narration": "#000000",
    "other": "#CC79A7",
}
_EMPTY_CELL = "#F4F4F4"
#: The legend entry for an account whose source is cited, not quoted (drawn hollow).
_CITED = "cited, not quoted"
_PUBLISHED_COLOUR = "#000000"
_SAID_ON_COLOUR = "#555555"


def source_line(dataset, limit: int = 3) -> str:
    """The source line under a figure: the documents it rests on, credited.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> source_line(toy_dataset())
    'Source: The Daily, 10 December 2022, "Acme and Bolt agree to open offices". Data: liaison, toy/'
    """
    return f"{credit_line(dataset.sources, limit=limit)}. Data: liaison, {paths.shown(dataset.path.name)}/"


def _count(n: int, noun: str, nouns: str | None = None) -> str:
    """``'1 statement'``, ``'2 statements'``, ``'1,894 subjects'``: a number with its noun in the right number."""
    return f"{n:,} {noun if n == 1 else (nouns or noun + 's')}"


def _n(statements: int, claims: int) -> str:
    """N as the titles give it: statements first, the claim rows they make in brackets."""
    return f"N = {_count(statements, 'statement')} ({_count(claims, 'claim')})"


#: The most rows (or columns) each figure draws. A larger corpus is drawn by
#: its top rows, those with the most statements (the timeline: its latest
#: dates), and the figure says so; the table beside it holds the rows drawn.
#: Each limit is above what the bundled data needs, which is drawn whole.
MATRIX_SUBJECTS = 40
MATRIX_REQUIREMENTS = 10
PARTIES_DRAWN = 40
TIMELINE_DRAWN = 50
TRACKS_DRAWN = 30
#: ... and of each track, at most this many accounts: its latest.
ACCOUNTS_DRAWN = 16


def _most_statements(keys: pd.Series, statements: pd.Series, order, limit: int) -> list:
    """The `limit` keys with the most distinct statements, ties in `order`; all of `order` if no more than `limit`.

    `keys` and `statements` are parallel (one row per claim); a key of
    `order` with no row counts zero. The keys kept are returned in `order`.

    Examples
    --------
    >>> keys = pd.Series(["a", "b", "b", "c", "c", "c"])
    >>> statements = pd.Series([1, 2, 2, 3, 4, 5])
    >>> _most_statements(keys, statements, ["a", "b", "c", "d"], 2)
    ['a', 'c']
    """
    order = list(order)
    if len(order) <= limit:
        return order
    counts = statements.groupby(keys.to_numpy()).nunique() if len(keys) else pd.Series(dtype="int64")
    position = {key: i for i, key in enumerate(order)}
    ranked = sorted(order, key=lambda key: (-int(counts.get(key, 0)), position[key]))
    kept = set(ranked[:limit])
    return [key for key in order if key in kept]


def _drawn_note(drawn: int, total: int, what: str) -> str:
    """What a cut figure draws, for its subtitle: ``'drawn: the 40 subjects with the most statements, of 1,894'``."""
    return f"drawn: the {drawn} {what}, of {total:,}"


def _subtitle(notes: list[str], cut: list[str]) -> str:
    """A subtitle of `notes`; a cut figure's opens with what it draws, and that its table holds only that.

    Examples
    --------
    >>> for part in _subtitle(["Bars count statements"], [_drawn_note(40, 1894, "parties")]).split("; "):
    ...     print(part)
    Drawn: the 40 parties, of 1,894
    the table beside it lists only what is drawn
    bars count statements
    >>> _subtitle(["Bars count statements"], [])
    'Bars count statements'
    """
    if not cut:
        return "; ".join(notes)
    notes = [*cut, "the table beside it lists only what is drawn", *notes]
    notes = [note[0].upper() + note[1:] if i == 0 else note[0].lower() + note[1:] for i, note in enumerate(notes)]
    return "; ".join(notes)


def _frame(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def _short(name: str, width: int = 30) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "\u2026"


def _date_axis(ax) -> None:
    """Dates along the x axis: 3 to 8 short ticks ("09", "11", ... with "2022-Dec" once) and light vertical rules."""
    locator = matplotlib.dates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#EEEEEE", lw=0.6)
    ax.set_axisbelow(True)


def _nothing(ax, message: str) -> None:
    """Say in the plot area that there is nothing to draw, rather than leave it blank."""
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", fontsize=10, color="#555555")


def _finish(figure: Figure, ax, title: str, subtitle: str, dataset) -> Figure:
    """Title with N (bold), subtitle on the axes, and the source line at the foot.

    Title, subtitle and source line wrap at the figure's edge when drawn,
    so they fit whatever the width of the labels and legends.
    """
    figure.suptitle(title, x=0.01, ha="left", fontsize=11, fontweight="bold", wrap=True)
    ax.set_title(subtitle, loc="left", fontsize=8.5, color="#444444", fontweight="normal", wrap=True)
    figure.supxlabel(source_line(dataset), x=0.005, ha="left", fontsize=7, color="#555555", wrap=True)
    figure.get_layout_engine().set(h_pad=0.06)
    return figure


def _statement_of(dataset) -> pd.Series:
    """Each claim's statement number, by claim id."""
    context = claim_statements(dataset)
    return pd.Series(context["statement"].to_numpy(), index=context["claim_id"].to_numpy())


def _place_labels(figure: Figure, ax, labels, points, node_size: float) -> None:
    """Set each node's label beside its node where it covers no other label and no node.

    Greedy, in node order, over a fixed list of spots (above, below, right,
    left, then further out); where every spot is taken, the one overlapping
    least. Text sizes are measured on the laid-out figure, so the result is
    the same on every run.
    """
    if not labels:
        return
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw_without_rendering()
    to_display = ax.transData
    radius = node_size**0.5 / 2 * figure.dpi / 72 + 1.5
    nodes = to_display.transform(points)
    taken = [(x - radius, y - radius, x + radius, y + radius) for x, y in nodes]

    def overlap(box):
        return sum(
            max(0.0, min(box[2], o[2]) - max(box[0], o[0])) * max(0.0, min(box[3], o[3]) - max(box[1], o[1]))
            for o in taken
        )

    for text, (x, y) in zip(labels, nodes):
        extent = text.get_window_extent(renderer)
        w, h = extent.width / 2 + 3, extent.height / 2 + 2
        spots = [
            (x, y + radius + h), (x, y - radius - h), (x + radius + w, y), (x - radius - w, y),
            (x + radius + w, y + radius + h), (x - radius - w, y + radius + h),
            (x + radius + w, y - radius - h), (x - radius - w, y - radius - h),
            (x, y + radius + 3 * h), (x, y - radius - 3 * h),
        ]
        boxes = [(cx - w, cy - h, cx + w, cy + h) for cx, cy in spots]
        best = min(range(len(spots)), key=lambda k: (overlap(boxes[k]) > 0, overlap(boxes[k]), k))
        taken.append(boxes[best])
        text.set_position(to_display.inverted().transform(spots[best]))


#: The network map draws at most this many entities: the most central ones.
NETWORK_DRAWN = 60


@_styled
def network_figure(dataset, seed: int = 0, include_inferred: bool = False) -> tuple[Figure, pd.DataFrame]:
    """The network map: entities coloured by type, claims coloured by polarity.

    A claim bearing on a requirement is drawn to the requirement, other
    claims to their object; dotted grey lines run from each asserting party
    to what it speaks about. A line's width grows with the statements
    behind it. The layout is Kamada-Kawai (deterministic) up to 300
    entities, a spring layout seeded with `seed` beyond. Of a network of
    more than :data:`NETWORK_DRAWN` entities, only the most central are
    drawn (by :func:`analysis.network.centrality`, sampled with `seed` on a
    large network), and the title says so. The table lists the links drawn
    with their statement and claim counts.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> figure, links = network_figure(toy_dataset())
    >>> links.loc[links["link"] == "says", ["party_or_subject", "drawn_to", "statements", "claims"]].values.tolist()
    [['daily', 'acme', 1, 1], ['daily', 'rules', 1, 1], ['minister', 'acme', 1, 1], ['minister', 'bolt', 1, 1]]
    """
    dataset = dataset.select(include_inferred)
    claims = dataset.claims
    statement = claim_statements(dataset)["statement"]
    target = claims["requirement"].fillna(claims["object"]).astype(str)
    drawn = pd.DataFrame(
        {
            "party_or_subject": claims["subject"].astype(str),
            "drawn_to": target,
            "link": "claim",
            "polarity": claims["status"].map(POLARITY).astype(str),
            "statement": statement,
        }
    )
    speaks = pd.DataFrame(
        {
            "party_or_subject": claims["said_by"].astype(str),
            "drawn_to": claims["subject"].astype(str),
            "link": "says",
            "polarity": "",
            "statement": statement,
        }
    )
    links = pd.concat([drawn, speaks], ignore_index=True)
    links = links[links["party_or_subject"] != links["drawn_to"]]
    links = (
        links.groupby(["party_or_subject", "drawn_to", "link", "polarity"], sort=True)["statement"]
        .agg(statements="nunique", claims="size")
        .reset_index()
    )
    linked = set(links["party_or_subject"]) | set(links["drawn_to"])
    top = ""
    if len(linked) > NETWORK_DRAWN:
        # ten thousand dots and names are no map: draw the top of the network, and say so
        from .network import centrality, sampling_note

        ranked = centrality(dataset, seed=seed, include_inferred=include_inferred)
        keep = set([e for e in ranked["entity_id"] if e in linked][:NETWORK_DRAWN])
        shown = links[links["party_or_subject"].isin(keep) & links["drawn_to"].isin(keep)].reset_index(drop=True)
        top = (
            f"; the {NETWORK_DRAWN} most central of {len(linked):,} entities drawn "
            f"(by betweenness, then degree; {sampling_note(ranked)}); the table beside it lists only the links drawn"
        )
    else:
        shown = links

    G = nx.DiGraph()
    entities = dataset.entities
    names = dict(zip(entities["entity_id"], entities["name"]))
    types = dict(zip(entities["entity_id"], entities["type"].astype(str)))
    G.add_nodes_from(sorted(set(shown["party_or_subject"]) | set(shown["drawn_to"])))
    for row in shown.itertuples(index=False):
        data = G.get_edge_data(row.party_or_subject, row.drawn_to)
        polarity = "says" if row.link == "says" else row.polarity
        if data is None:
            G.add_edge(row.party_or_subject, row.drawn_to, polarity=polarity, statements=row.statements)
        elif data["polarity"] != "says" and polarity != "says":
            data["polarity"] = data["polarity"] if data["polarity"] == polarity else "mixed"
            data["statements"] += row.statements
    undirected = G.to_undirected()
    if len(G) <= 300:
        positions = nx.kamada_kawai_layout(undirected) if len(G) else {}
    else:
        positions = nx.spring_layout(undirected, seed=seed)

    figure = _frame(11, 8.5)
    ax = figure.add_subplot()
    ax.set_axis_off()
    styles = {
        "+": (POLARITY_COLOURS["+"], "solid", "claim toward (+)"),
        "-": (POLARITY_COLOURS["-"], "solid", "claim away (\u2212)"),
        "mixed": ("#7F7F7F", "solid", "claims both ways"),
        "says": ("#BBBBBB", "dotted", "says (party \u2192 subject)"),
    }
    drawn_styles = []
    for polarity, (colour, style, _) in styles.items():
        edges = [(u, v) for u, v, d in G.edges(data=True) if d["polarity"] == polarity]
        if edges:
            drawn_styles.append(polarity)
            nx.draw_networkx_edges(
                G, positions, edgelist=edges, ax=ax, edge_color=colour, style=style, alpha=0.8, arrows=True,
                arrowsize=8, width=[0.7 + 0.45 * min(G.edges[e]["statements"], 8) for e in edges], node_size=240,
                connectionstyle="arc3,rad=0.06",
            )
    present_types = [t for t in ENTITY_TYPES if any(types.get(n) == t for n in G)]
    for entity_type in present_types:
        nodes = [n for n in G if types.get(n) == entity_type]
        nx.draw_networkx_nodes(
            G, positions, nodelist=nodes, ax=ax, node_color=TYPE_COLOURS[entity_type],
            node_size=240, edgecolors="#333333", linewidths=0.6,
        )
    node_labels = [
        ax.text(x, y, _short(names.get(node, node)), fontsize=7, ha="center", va="center",
                style="italic" if types.get(node) == GROUP_TYPE else "normal",
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.75})
        for node, (x, y) in positions.items()
    ]
    if len(G):
        handles = [
            Patch(facecolor=TYPE_COLOURS[t], edgecolor="#333333", label=t.replace("_", " ")) for t in present_types
        ]
        handles += [Line2D([], [], color=styles[p][0], lw=2, ls=styles[p][1], label=styles[p][2]) for p in drawn_styles]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    else:
        _nothing(ax, "No claims to draw")
    n_statements, n_entities = int(statement.nunique()), G.number_of_nodes()
    _finish(
        figure, ax,
        f"Who and what the claims connect: {_n(n_statements, len(claims))} "
        f"among {_count(len(linked) if top else n_entities, 'entity', 'entities')}"
        + (f", the {NETWORK_DRAWN} most central drawn" if top else ""),
        "Arrows run from subject to requirement (or object); width grows with the number of statements; "
        "dotted lines from whoever says it; a group (in italics) is a class the source does not break down" + top,
        dataset,
    )
    _place_labels(figure, ax, node_labels, list(positions.values()), node_size=240)
    return figure, shown.astype({"statements": "int64", "claims": "int64"})


def _subject_rows(dataset, subjects) -> list[str]:
    """Platforms and companies by name, then groups by name: a group is its own row, last."""
    entities = dataset.entities.drop_duplicates("entity_id").set_index("entity_id")
    return sorted(
        subjects,
        key=lambda s: (str(entities["type"].get(s)) == GROUP_TYPE, str(entities["name"].get(s, s)).casefold(), s),
    )


def _furthest_evidence(rows: pd.DataFrame, cells: pd.DataFrame) -> list[str]:
    """Each cell's evidence for its furthest status: ``'quote'`` if any quoted statement gives it, else ``'cited'``.

    The claims that give a cell its furthest status are its direct ones
    when it has any, else those inherited from an owner, as in
    :func:`analysis.compliance.cell_summary`.
    """
    if cells.empty:
        return []
    inherited = rows["inherited_from"].notna()
    has_direct = (~inherited).groupby([rows["subject"], rows["requirement"]]).transform("any")
    counted = rows[~inherited | ~has_direct]
    quoted = counted[counted["evidence"] == "quote"]
    keys = set(zip(quoted["subject"], quoted["requirement"], quoted["status"]))
    return [
        "quote" if key in keys else "cited"
        for key in zip(cells["subject"], cells["requirement"], cells["furthest"])
    ]


def _matrix_cells(dataset, as_of, include_inferred) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cells of the compliance matrix with the evidence of their furthest status, and the rows behind them."""
    cells = cell_summary(dataset, as_of=as_of, include_inferred=include_inferred)
    rows = compliance_table(dataset, as_of=as_of, include_inferred=include_inferred)
    cells = cells.assign(furthest_evidence=pd.Series(_furthest_evidence(rows, cells), index=cells.index, dtype=object))
    return cells, rows


def _also(others: list[str], width: int) -> str:
    """A cell's other statuses, ``'also: ...'``, on one line of `width` characters or two; beyond, how many more.

    Examples
    --------
    >>> _also(["agreed", "planned"], 24)
    'also: agreed, planned'
    >>> print(_also(["expected", "declined", "done*", "agreed*", "planned*", "reluctant*"], 26))
    also: expected, declined,
    done*, agreed*, +2 more
    """
    text = "also: " + ", ".join(others)
    if len(text) <= width:
        return text
    lines, line = [], "also:"
    for k, other in enumerate(others):
        rest = len(others) - k - 1
        # the second line keeps room for "+N more" while any status is left after this one
        room = width - (len(f", +{rest} more") if len(lines) == 1 and rest else 0)
        if len(f"{line} {other},") <= room or line == "also:":
            line = f"{line} {other},"
        elif not lines:
            lines.append(line)
            line = f"{other},"
        else:
            return "\n".join([*lines, f"{line} +{rest + 1} more"])
    return "\n".join([*lines, line.rstrip(",")])


def _draw_matrix(
    ax, cells: pd.DataFrame, subjects, requirements, names, groups, row_labels: bool = True, wrap: int = 22
) -> dict:
    """Draw the compliance cells on `ax`; return what was drawn, for the legend.

    A cell is coloured by its furthest status, with its symbol and word; a
    cell whose furthest status rests only on cited sources is drawn
    hollow (white, outlined in the status colour); hatching marks a cell
    resting only on an owner's claims, a bold border a conflict.
    """
    ax.set_xlim(-0.5, max(len(requirements), 1) - 0.5)
    ax.set_ylim(max(len(subjects), 1) - 0.5, -0.5)
    ax.set_xticks(range(len(requirements)), [textwrap.fill(names.get(r, r), wrap) for r in requirements], fontsize=8)
    if row_labels:
        ax.set_yticks(
            range(len(subjects)),
            [f"{names.get(s, s)} (group)" if s in groups else names.get(s, s) for s in subjects],
        )
        for tick, subject in zip(ax.get_yticklabels(), subjects):
            if subject in groups:
                tick.set_fontstyle("italic")
    else:
        ax.tick_params(labelleft=False)
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    for spine in ax.spines.values():
        spine.set_visible(False)
    lookup = cells.set_index(["subject", "requirement"]) if len(cells) else None
    drawn = {"statuses": [], "empty": False, "cited": False}
    for i, subject in enumerate(subjects):
        for j, requirement in enumerate(requirements):
            if lookup is None or (subject, requirement) not in lookup.index:
                ax.add_patch(matplotlib.patches.Rectangle((j - 0.48, i - 0.45), 0.96, 0.9, fc=_EMPTY_CELL, ec="white"))
                drawn["empty"] = True
                continue
            cell = lookup.loc[(subject, requirement)]
            status = cell["furthest"]
            cited = cell["furthest_evidence"] == "cited"
            drawn["statuses"].append(status)
            ax.add_patch(
                matplotlib.patches.Rectangle(
                    (j - 0.48, i - 0.45), 0.96, 0.9, fc="white" if cited else _STATUS_COLOURS[status],
                    ec="#222222" if cell["conflict"] else "white", lw=2.2 if cell["conflict"] else 0.5,
                    hatch="///" if cell["inherited"] else None,
                )
            )
            if cited:
                # hollow: the status colour as a frame inside the cell, clear of a conflict's border
                frame = matplotlib.patches.Rectangle(
                    (j - 0.42, i - 0.39), 0.84, 0.78, fc="none", ec=_STATUS_COLOURS[status], lw=3.2
                )
                frame.set_gid(f"cited-{subject}-{requirement}")
                ax.add_patch(frame)
                ax.add_patch(matplotlib.patches.Rectangle(
                    (j - 0.445, i - 0.415), 0.89, 0.83, fc="none", ec="#777777", lw=0.6
                ))
                drawn["cited"] = True
            dark = not cited and (STATUS_RANK[status] >= 2 or STATUS_RANK[status] <= -2)
            label = f"{_STATUS_SYMBOLS[status]} {status_words(status)}"
            if cell["inherited"]:
                label += " (via owner)"
            ax.text(j, i - 0.08, label, ha="center", va="center", fontsize=8, color="white" if dark else "black")
            # the other statuses of the cell, in plain words whether cell_summary gives codes or words
            shown_label = (status_words(status), bool(cell["inherited"]))
            others = [
                status_words(item.rstrip("*")) + ("*" if item.endswith("*") else "")
                for item in cell["statuses"].split(", ")
                if (status_words(item.rstrip("*")), item.endswith("*")) != shown_label
            ]
            if others:
                ax.text(j, i + 0.24, _also(others, round(1.7 * wrap)), ha="center",
                        va="center", fontsize=6.5, color="white" if dark else "#222222")
    drawn["inherited"] = bool(len(cells) and cells["inherited"].any())
    drawn["conflict"] = bool(len(cells) and cells["conflict"].any())
    return drawn


def _matrix_handles(drawn: dict) -> list:
    """A legend entry for every colour and mark the matrix drew, and only those."""
    handles = [
        Patch(facecolor=_STATUS_COLOURS[s], label=f"{_STATUS_SYMBOLS[s]} {status_words(s)}")
        for s in STATUSES
        if s in drawn["statuses"]
    ]
    if drawn["empty"]:
        handles.append(Patch(facecolor=_EMPTY_CELL, edgecolor="#CCCCCC", label="nothing reported"))
    if drawn["cited"]:
        handles.append(Patch(facecolor="white", edgecolor="#999999", lw=3.2, label=_CITED))
    if drawn["inherited"]:
        handles.append(Patch(facecolor="white", edgecolor="#222222", hatch="///", label="only via owner"))
    if drawn["conflict"]:
        handles.append(Patch(facecolor="white", edgecolor="#222222", lw=2.2, label="accounts conflict"))
    return handles


def _matrix_cut(rows: pd.DataFrame, statement_of: pd.Series, subjects, requirements):
    """The rows and columns a matrix draws: at most :data:`MATRIX_SUBJECTS` and :data:`MATRIX_REQUIREMENTS`.

    Each the ones with the most statements among `rows` (the compliance
    rows behind the cells, inherited ones too), in their own order; and
    what the subtitle says of the cut, empty when nothing is cut.
    """
    statements = rows["claim_id"].map(statement_of)
    drawn_subjects = _most_statements(rows["subject"], statements, subjects, MATRIX_SUBJECTS)
    drawn_requirements = _most_statements(rows["requirement"], statements, requirements, MATRIX_REQUIREMENTS)
    notes = []
    if len(drawn_subjects) < len(subjects):
        notes.append(_drawn_note(len(drawn_subjects), len(subjects), "subjects with the most statements"))
    if len(drawn_requirements) < len(requirements):
        notes.append(_drawn_note(len(drawn_requirements), len(requirements), "requirements with the most statements"))
    return drawn_subjects, drawn_requirements, notes


def _requirement_columns(dataset, cells) -> list[str]:
    """Every requirement, in file order, then any other a cell names."""
    entities = dataset.entities.drop_duplicates("entity_id")
    requirements = entities.loc[entities["type"] == "requirement", "entity_id"].tolist()
    return requirements + sorted(set(cells["requirement"]) - set(requirements))


@_styled
def compliance_figure(dataset, as_of=None, include_inferred: bool = False) -> tuple[Figure, pd.DataFrame]:
    """The compliance matrix: subject x requirement, status by colour, symbol and word.

    Each cell shows the furthest status reported (direct evidence first);
    a hollow cell (white, framed in the status colour) rests for that
    status only on sources that are cited, not quoted; a hatched cell
    rests only on an owner's claims; a bold border marks a cell where
    accounts conflict, and its other statuses are listed. A group ("the
    social media platforms") is its own row, labelled as a group and set
    in italics: a claim about it says nothing about any member. N counts
    the statements made directly about the subjects; rows inherited from
    an owner are counted apart. Of more than :data:`MATRIX_SUBJECTS`
    rows or :data:`MATRIX_REQUIREMENTS` columns, those with the most
    statements are drawn, and the subtitle says so. The table is
    :func:`analysis.compliance.cell_summary` with ``furthest_evidence``
    (``quote`` or ``cited``), the cells drawn.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> figure, cells = compliance_figure(toy_dataset(), include_inferred=True)
    >>> cells[["subject", "requirement", "furthest", "conflict", "furthest_evidence"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['acme', 'office', 'agreed', False, 'quote'], ['acme', 'servers', 'not_done', False, 'quote'],
     ['bolt', 'office', 'agreed', True, 'quote']]
    """
    dataset = dataset.select(include_inferred)
    cells, rows = _matrix_cells(dataset, as_of, include_inferred)
    statement_of = _statement_of(dataset)
    inherited_rows = rows["inherited_from"].notna()
    direct, inherited = rows[~inherited_rows], rows[inherited_rows]

    entities = dataset.entities.drop_duplicates("entity_id")
    names = dict(zip(entities["entity_id"], entities["name"]))
    types = dict(zip(entities["entity_id"], entities["type"].astype(str)))
    every_requirement = _requirement_columns(dataset, cells)
    every_subject = _subject_rows(dataset, set(cells["subject"]))
    n_groups = sum(types.get(s) == GROUP_TYPE for s in every_subject)
    # a matrix of thousands of rows is no figure: the rows and columns with the most statements
    subjects, requirements, cut = _matrix_cut(rows, statement_of, every_subject, every_requirement)
    groups = [s for s in subjects if types.get(s) == GROUP_TYPE]
    shown = cells[cells["subject"].isin(subjects) & cells["requirement"].isin(requirements)] if cut else cells

    figure = _frame(max(7.5, 1.9 * len(requirements) + 3.4), max(3.4, 0.55 * len(subjects) + 2.4))
    ax = figure.add_subplot()
    drawn = _draw_matrix(ax, shown, subjects, requirements, names, groups)
    handles = _matrix_handles(drawn)
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    else:
        _nothing(ax, "Nothing to show: no claim about a platform, company or group bears on a requirement")

    n_actors = len(every_subject) - n_groups
    about = [_count(n_actors, "platform or company", "platforms and companies")] if n_actors or not n_groups else []
    if n_groups:
        about.append(_count(n_groups, "group"))
    title = (
        f"Reported positions on each requirement{' as of ' + date_in_words(as_of) if as_of else ''}: "
        f"{_n(int(direct['claim_id'].map(statement_of).nunique()), len(direct))} about {' and '.join(about)}"
    )
    if len(inherited):
        title += (
            f"; besides, {_count(len(inherited), 'claim')} inherited from owners "
            f"({_count(int(inherited['claim_id'].map(statement_of).nunique()), 'statement')})"
        )
    notes = ["Furthest status reported in each cell; 'also' lists the other statuses reported"]
    if drawn["cited"]:
        notes.append("a hollow cell rests on sources cited, not quoted")
    if len(inherited):
        notes.append("* marks an owner's claim")
    if groups:
        notes.append("a group is its own row: a claim about it says nothing about any member")
    _finish(figure, ax, title, _subtitle(notes, cut), dataset)
    return figure, shown


@_styled
def sourcing_figure(dataset, include_inferred: bool = False) -> tuple[Figure, pd.DataFrame]:
    """Who says so: statements per asserting party, toward (+) and away (-), by kind of party.

    A statement is counted once for each party that makes it, however
    many claims it carries; a statement carrying claims of both polarities
    counts on both sides (so ``statements`` can be less than
    ``statements_toward + statements_away``). A statement from a source
    that is cited, not quoted, is drawn as the hatched, outlined end of
    its bar. The table has ``said_by``, ``party_name``, ``kind``,
    ``statements_toward``, ``statements_away``, ``statements``,
    ``claims``, then ``statements_toward_cited`` and
    ``statements_away_cited`` (of the statements toward and away, those
    from cited sources), most statements first. Of more than
    :data:`PARTIES_DRAWN` parties, the first are drawn (and are the
    table), and the subtitle says of how many.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> figure, table = sourcing_figure(toy_dataset())
    >>> table[["said_by", "statements", "claims"]].values.tolist()
    [['daily', 2, 2], ['minister', 1, 2]]
    """
    dataset = dataset.select(include_inferred)
    claims = dataset.claims
    entities = dataset.entities.drop_duplicates("entity_id").set_index("entity_id")
    said = pd.DataFrame(
        {
            "said_by": claims["said_by"].astype(str),
            "statement": claim_statements(dataset)["statement"],
            "polarity": claims["status"].map(POLARITY).astype(str),
            "cited": (claim_statements(dataset)["evidence"] == "cited").to_numpy(dtype=bool),
        }
    )
    grouped = said.groupby("said_by", sort=True)
    cited = said[said["cited"]]
    table = pd.DataFrame(
        {
            "party_name": grouped["said_by"].first().map(entities["name"]).astype(str),
            "kind": grouped["said_by"].first().map(entities["type"].astype(str)).map(party_kind),
            "statements_toward": said[said["polarity"] == "+"].groupby("said_by")["statement"].nunique(),
            "statements_away": said[said["polarity"] == "-"].groupby("said_by")["statement"].nunique(),
            "statements": grouped["statement"].nunique(),
            "claims": grouped.size(),
            "statements_toward_cited": cited[cited["polarity"] == "+"].groupby("said_by")["statement"].nunique(),
            "statements_away_cited": cited[cited["polarity"] == "-"].groupby("said_by")["statement"].nunique(),
        },
        index=pd.Index(sorted(set(said["said_by"])), name="said_by"),
    )
    counts = [
        "statements_toward", "statements_away", "statements", "claims", "statements_toward_cited",
        "statements_away_cited",
    ]
    table[counts] = table[counts].fillna(0).astype("int64")
    table = table.reset_index().sort_values(["statements", "said_by"], ascending=[False, True], kind="stable")
    table = table.reset_index(drop=True)

    # thousands of bars are no figure: the parties with the most statements (the table's first rows)
    shown = table.head(PARTIES_DRAWN)
    cut = [_drawn_note(len(shown), len(table), "parties with the most statements")] if len(shown) < len(table) else []
    figure = _frame(9, max(3.4, 0.42 * len(shown) + 2.2))
    ax = figure.add_subplot()
    y = list(range(len(shown)))
    any_cited = bool(shown[["statements_toward_cited", "statements_away_cited"]].to_numpy().any())
    toward_quoted = shown["statements_toward"] - shown["statements_toward_cited"]
    away_quoted = shown["statements_away"] - shown["statements_away_cited"]
    toward = ax.barh(y, toward_quoted, color=POLARITY_COLOURS["+"])
    away = ax.barh(y, -away_quoted, color=POLARITY_COLOURS["-"])
    # the count at the outer end of each bar: all its statements, quoted and cited
    ends = [(toward, shown["statements_toward"]), (away, shown["statements_away"])]
    if any_cited:
        # the cited statements continue each bar, hollow: hatched and outlined in its colour
        toward_cited = ax.barh(
            y, shown["statements_toward_cited"], left=toward_quoted, color="white",
            edgecolor=POLARITY_COLOURS["+"], hatch="////", lw=1.2, gid="cited-toward",
        )
        away_cited = ax.barh(
            y, -shown["statements_away_cited"], left=-away_quoted, color="white",
            edgecolor=POLARITY_COLOURS["-"], hatch="////", lw=1.2, gid="cited-away",
        )
        # each count on the outer part of its bar (an empty bar has no side to put it on)
        ends = [
            (toward, shown["statements_toward"].where(shown["statements_toward_cited"] == 0, 0)),
            (away, shown["statements_away"].where(shown["statements_away_cited"] == 0, 0)),
            (toward_cited, shown["statements_toward"].where(shown["statements_toward_cited"] > 0, 0)),
            (away_cited, shown["statements_away"].where(shown["statements_away_cited"] > 0, 0)),
        ]
    for container, counts in ends:
        ax.bar_label(container, labels=[str(n) if n else "" for n in counts], padding=2, fontsize=7)
    ax.set_yticks(y, [f"{textwrap.fill(n, 34)}\n[{k}]" for n, k in zip(shown["party_name"], shown["kind"])])
    for tick, kind in zip(ax.get_yticklabels(), shown["kind"]):
        tick.set_color(_KIND_COLOURS.get(kind, "#000000"))
    ax.set_ylim(max(len(shown), 1) - 0.5, -0.5)
    ax.axvline(0, color="#333333", lw=0.8)
    longest = int(shown[["statements_toward", "statements_away"]].to_numpy().max(initial=0))
    # room beyond the longest bar for its count: one statement's width holds two digits, not three or more
    limit = longest + (1 if longest < 100 else -(-15 * longest // 100))
    ax.set_xlim(-limit, limit)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, symmetric=True))
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _: str(abs(int(round(value))))))
    ax.set_xlabel("statements (away \u2190 | \u2192 toward)")
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    if len(shown):
        bars = ax.legend(
            handles=[
                Patch(facecolor=POLARITY_COLOURS["+"], label="toward the relation (+)"),
                Patch(facecolor=POLARITY_COLOURS["-"], label="away from it (\u2212)"),
                *([Patch(facecolor="white", edgecolor="#555555", hatch="////", label=_CITED)] if any_cited else []),
            ],
            title="bars", title_fontsize=8, alignment="left",
            loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8,
        )
        ax.add_artist(bars)
        kinds = list(dict.fromkeys(shown["kind"]))
        ax.legend(
            handles=[Patch(facecolor=_KIND_COLOURS.get(k, "#000000"), label=k) for k in kinds],
            title="label colour: kind of party", title_fontsize=8, alignment="left",
            loc="upper left", bbox_to_anchor=(1.0, 0.52 if any_cited else 0.62), frameon=False, fontsize=8,
        )
    else:
        _nothing(ax, "No claims: nobody says anything yet")
    _finish(
        figure, ax,
        f"Who says so: {_n(int(said['statement'].nunique()), len(said))} "
        f"from {_count(len(table), 'asserting party', 'asserting parties')}",
        _subtitle(
            [
                "Statements per party, toward (+) and away from (\u2212) the relation; "
                "a statement that carries claims both ways counts on both sides"
                + ("; the hatched end of a bar is statements from sources cited, not quoted" if any_cited else "")
            ],
            cut,
        ),
        dataset,
    )
    return figure, shown


def _published_label(source) -> str:
    """A publication on the timeline: the publisher, and the headline if there is one."""
    title = source.get("title")
    if isinstance(title, str) and title.strip() and not is_description(title):
        return f'Published: {source["publisher"]}, "{_short(title.strip(), 45)}"'
    return f"Published: {source['publisher']}"


def _latest_rows(rows: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, list[str]]:
    """The rows of the timeline a figure draws, at most `limit`, and what the subtitle says of the cut.

    All of them when they are no more than `limit`; else the `limit` claims
    with the latest dates, without the publications (where no claim has a
    date, the latest publications). In timeline order.

    Examples
    --------
    >>> rows = pd.DataFrame({"kind": ["published", "claim", "published", "claim", "claim"]})
    >>> drawn, cut = _latest_rows(rows, 2)
    >>> drawn.index.tolist(), cut
    ([3, 4], ['drawn: the 2 claims with the latest dates, of 3; no publication drawn'])
    """
    if len(rows) <= limit:
        return rows, []
    claims = rows[rows["kind"] == "claim"]
    if claims.empty:
        drawn = rows.tail(limit)
        return drawn, [_drawn_note(len(drawn), len(rows), "latest publications")]
    drawn = claims.tail(limit)
    # a publication would take the place of a claim: beside the latest claims, a flat row of dots years before
    return drawn, [_drawn_note(len(drawn), len(claims), "claims with the latest dates") + "; no publication drawn"]


@_styled
def timeline_figure(dataset, include_inferred: bool = False) -> tuple[Figure, pd.DataFrame]:
    """Dated claims and publications on a time axis, each at the precision its source gives.

    A day is a dot in the middle of the day; a week, month or year is a
    bar from its first day to the end of its last (a week spans 7 days).
    Where a statement was made on another day than its source was
    published (``said_on``), a hollow diamond marks that day on the same
    row. A claim from a source that is cited, not quoted, is drawn hollow
    (a ring, or an outlined bar). The x axis ends at the data. Of more
    than :data:`TIMELINE_DRAWN` rows, the claims with the latest dates are
    drawn, and the subtitle says so. The table is
    :func:`analysis.timeline.timeline`, the rows drawn.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> figure, rows = timeline_figure(toy_dataset())
    >>> rows["kind"].tolist()
    ['published']
    >>> figure.get_suptitle().startswith("Dates the sources give: N = 0 statements (0 claims) with a date")
    True
    """
    dataset = dataset.select(include_inferred)
    rows = timeline(dataset, include_inferred=include_inferred)
    names = dict(zip(dataset.entities["entity_id"], dataset.entities["name"]))
    labels = dict(zip(dataset.predicates["predicate"], dataset.predicates["label"]))
    sources = dataset.sources.drop_duplicates("source_id").set_index("source_id")
    statement_of = _statement_of(dataset)

    # tens of thousands of dates are no figure: the latest
    drawn_rows, cut = _latest_rows(rows, TIMELINE_DRAWN)
    figure = _frame(10, max(3.2, 0.34 * len(drawn_rows) + 2.4))
    ax = figure.add_subplot()
    texts, ends, used = [], [], set()
    for i, row in enumerate(drawn_rows.itertuples(index=False)):
        if row.kind == "published":
            text = _published_label(sources.loc[row.source])
            colour, key, gid = _PUBLISHED_COLOUR, "published", f"published-{row.source}"
        else:
            party = names.get(row.said_by, row.said_by)
            text = (
                f"{names.get(row.subject, row.subject)} {labels.get(row.predicate, row.predicate)} "
                f"{names.get(row.object, row.object)} ({status_words(row.status)}, says {party})"
            )
            key = POLARITY[row.status]
            colour, gid = POLARITY_COLOURS[key], f"claim-{row.claim_id}"
        if isinstance(row.date_text, str):
            text += f'  \u2014 "{row.date_text}"'
        texts.append(text)
        start = matplotlib.dates.date2num(row.start)
        end = matplotlib.dates.date2num(row.end) + 1
        cited = row.kind == "claim" and row.evidence == "cited"
        if row.precision == "day":
            if cited:
                (mark,) = ax.plot([start + 0.5], [i], "o", mfc="white", mec=colour, mew=1.6, ms=6)
            else:
                (mark,) = ax.plot([start + 0.5], [i], "o", color=colour, ms=6)
            used.add((key, "day"))
        else:
            (mark,) = ax.plot([start, end], [i, i], "-", color=colour, lw=6, alpha=0.55, solid_capstyle="butt")
            if cited:
                # hollow: a white core leaves the bar as an outline
                (core,) = ax.plot([start, end], [i, i], "-", color="white", lw=3, solid_capstyle="butt")
                core.set_gid(f"cited-{row.claim_id}")
            used.add((key, "span"))
        if cited:
            used.add(("cited", ""))
        mark.set_gid(gid)
        ends += [start, end]
        published = sources["published"].get(row.source)
        if row.kind == "claim" and isinstance(row.said_on, str) and row.said_on != published:
            said = date_span(pd.Series([row.said_on]))
            said_start = matplotlib.dates.date2num(said["start"].iloc[0])
            said_end = matplotlib.dates.date2num(said["end"].iloc[0]) + 1
            (said_mark,) = ax.plot(
                [(said_start + said_end) / 2], [i], "D", mfc="white", mec=_SAID_ON_COLOUR, ms=5, mew=1
            )
            said_mark.set_gid(f"said-on-{row.claim_id}")
            used.add(("said_on", ""))
            ends += [said_start, said_end]
    ax.set_yticks(range(len(drawn_rows)), [textwrap.fill(t, 70) for t in texts], fontsize=7.5)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(max(len(drawn_rows), 1) - 0.5, -0.5)
    if ends:
        first, last = min(ends), max(ends)
        margin = max(0.5, 0.03 * (last - first))
        ax.set_xlim(first - margin, last + margin)
        _date_axis(ax)
    else:
        ax.set_xticks([])
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)

    claim_rows = rows[rows["kind"] == "claim"]
    if len(rows) and claim_rows.empty:
        _nothing(ax, "No claim gives a date")
    elif not len(rows):
        _nothing(ax, "Nothing to show: no dated claims and no sources")
    def dot(colour, label):
        return Line2D([], [], ls="", marker="o", color=colour, label=label)

    def bar(colour, label):
        return Line2D([], [], lw=6, alpha=0.55, color=colour, label=label)

    coarse = "a week, month or year"
    legend = {
        ("+", "day"): dot(POLARITY_COLOURS["+"], "toward (+), on a day"),
        ("+", "span"): bar(POLARITY_COLOURS["+"], f"toward (+), {coarse}"),
        ("-", "day"): dot(POLARITY_COLOURS["-"], "away (\u2212), on a day"),
        ("-", "span"): bar(POLARITY_COLOURS["-"], f"away (\u2212), {coarse}"),
        ("published", "day"): dot(_PUBLISHED_COLOUR, "source published"),
        ("published", "span"): bar(_PUBLISHED_COLOUR, f"source published, {coarse}"),
        ("said_on", ""): Line2D(
            [], [], ls="", marker="D", mfc="white", mec=_SAID_ON_COLOUR, ms=5, label="said on, where not the day published"
        ),
        ("cited", ""): Line2D([], [], ls="", marker="o", mfc="white", mec="#555555", mew=1.6, ms=6, label=_CITED),
    }
    handles = [handle for key, handle in legend.items() if key in used]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=7.5)
    dated = set(claim_rows["claim_id"])
    dated_statements = set(claim_rows["claim_id"].map(statement_of))
    undated_statements = set(statement_of) - dated_statements
    title = f"Dates the sources give: {_n(len(dated_statements), len(dated))} with a date"
    if undated_statements:
        title += f"; {_count(len(undated_statements), 'statement')} without one not shown"
    _finish(
        figure, ax, title,
        _subtitle(
            [
                "Dots are days, bars the week, month or year a coarser date covers; "
                + ("a hollow diamond marks the day a statement was made, where it is not the day its source was "
                   "published; " if ("said_on", "") in used else "")
                + ("a hollow dot or bar is a claim from a source cited, not quoted; " if ("cited", "") in used else "")
                + "the source's own words for the time in quotes"
            ],
            cut,
        ),
        dataset,
    )
    return figure, drawn_rows


def _matter(about: str, names, labels) -> str:
    """A track's matter in words: the requirement's name, else the relation and its object."""
    kind, _, rest = str(about).partition(":")
    if kind == "requirement":
        return str(names.get(rest, rest))
    return f"{labels.get(kind, kind.replace('_', ' '))} {names.get(rest, rest)}"


def _day(timestamp) -> str:
    return pd.Timestamp(timestamp).strftime("%Y-%m-%d")


def tracker_dates(dataset, include_inferred: bool = False) -> tuple[str, str] | None:
    """The two dates the tracker compares: the end of the first account's year, and the last account's day.

    The accounts are the tracked ones (:func:`analysis.tracking.track_table`)
    that the compliance matrix shows (a platform's, company's or group's,
    bearing on a requirement); where none is tracked, every claim the
    matrix shows; where it shows none, every claim. A coarse date counts
    by its span: an account dated March 2025 was given by 31 March 2025.
    Where the end of the first account's year is not before the last
    account, the first date is the first account's own day instead. None
    when there is no account.

    Returns
    -------
    tuple of str or None
        Two ``YYYY-MM-DD`` days, earlier first.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> tracker_dates(toy_dataset()), tracker_dates(toy_dataset(), include_inferred=True)
    (('2022-12-09', '2022-12-10'), ('2022-12-09', '2022-12-10'))
    """
    dataset = dataset.select(include_inferred)
    shown = compliance_table(dataset, inherit=False, include_inferred=include_inferred)
    tracked = track_table(dataset, include_inferred=include_inferred)
    said = tracked.loc[tracked["claim_id"].isin(shown["claim_id"]), "said_on"]
    if said.empty:
        said = shown["said_on"] if len(shown) else claim_statements(dataset)["said_on"]
    spans = date_span(pd.Series(said.dropna().tolist(), dtype="string"))
    if spans.empty:
        return None
    first, last = spans["end"].min(), spans["end"].max()
    year_end = pd.Timestamp(year=spans["start"].min().year, month=12, day=31)
    return (_day(year_end if year_end < last else first), _day(last))


@_styled
def tracker_figure(dataset, include_inferred: bool = False) -> tuple[Figure, pd.DataFrame]:
    """What happened next: each subject's accounts on each tracked matter, on a time line.

    One row per track (:mod:`analysis.tracking`: a subject on one matter,
    with accounts given at two or more dates), grouped by subject. Each
    account is a marker where it was said (``said_on``; a week, month or
    year is a marker on its first day, where the track's order puts it,
    with a line over its span), coloured by the status reported and
    marked with its symbol; filled when the source is quoted, hollow when
    it is cited, not quoted; a diamond when the claim is inferred (only
    with `include_inferred`). Markers that would cover each other are set
    one above the other. The latest state (the status of the last
    account, or contested) is written at the right. N counts the
    statements behind the accounts. Of more than :data:`TRACKS_DRAWN`
    tracks, those with the most statements are drawn; of a track of more
    than :data:`ACCOUNTS_DRAWN` accounts, its latest; the subtitle says so.
    The table is :func:`analysis.tracking.track_table` with each track's
    ``latest``, the accounts drawn.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> figure, accounts = tracker_figure(toy_dataset(), include_inferred=True)
    >>> accounts[["subject", "claim_id", "status", "latest"]].values.tolist()
    [['bolt', 'bolt-office-agreed', 'agreed', 'reluctant'], ['bolt', 'bolt-office-reluctant', 'reluctant', 'reluctant']]
    >>> figure.get_suptitle()
    'What happened next: N = 2 statements (2 claims) in 1 track about 1 subject'
    """
    dataset = dataset.select(include_inferred)
    table = track_table(dataset, include_inferred=include_inferred)
    latest = {(t["subject"], t["about"]): t["latest"] for t in track(dataset, include_inferred=include_inferred)}
    table = table.assign(latest=[latest[(s, a)] for s, a in zip(table["subject"], table["about"])])
    statement_of = _statement_of(dataset)

    entities = dataset.entities.drop_duplicates("entity_id")
    names = dict(zip(entities["entity_id"], entities["name"]))
    types = dict(zip(entities["entity_id"], entities["type"].astype(str)))
    labels = dict(zip(dataset.predicates["predicate"], dataset.predicates["label"]))
    every_track = list(latest)
    subjects = list(dict.fromkeys(s for s, _ in every_track))
    # thousands of tracks are no figure: those with the most statements, in their order
    number = {key: i for i, key in enumerate(every_track)}
    keys = zip(table["subject"], table["about"])
    numbers = pd.Series([number[key] for key in keys], index=table.index, dtype="int64")
    drawn = _most_statements(numbers, table["claim_id"].map(statement_of), range(len(every_track)), TRACKS_DRAWN)
    tracks = [every_track[i] for i in drawn]
    shown = table[numbers.isin(drawn)] if len(tracks) < len(every_track) else table
    cut = [_drawn_note(len(tracks), len(every_track), "tracks with the most statements")] if shown is not table else []
    # a hundred markers in a row cover each other: of a long track, its latest accounts (the table is in said order)
    longest = int(shown.groupby(["subject", "about"], sort=False).size().max()) if len(shown) else 0
    if longest > ACCOUNTS_DRAWN:
        shown = shown.groupby(["subject", "about"], sort=False).tail(ACCOUNTS_DRAWN)
        cut.append(
            f"drawn: of a track of more than {ACCOUNTS_DRAWN} accounts (up to {longest:,}), its {ACCOUNTS_DRAWN} latest"
        )

    figure = _frame(10, max(3.4, 0.62 * len(tracks) + 2.6))
    ax = figure.add_subplot()
    row_of = {key: i for i, key in enumerate(tracks)}
    spans = date_span(shown["said_on"])
    starts = pd.Series([matplotlib.dates.date2num(d) for d in spans["start"]], index=shown.index, dtype=float)
    stops = pd.Series([matplotlib.dates.date2num(d) + 1 for d in spans["end"]], index=shown.index, dtype=float)
    # an account is placed in the middle of its day, or of the first day of its week, month or
    # year: the order of the track (a coarse date sorts by its first day) reads left to right
    middles = starts + 0.5
    # markers closer than this (in days) would cover each other: they are set one above the other
    near = 0.025 * (stops.max() - starts.min()) if len(shown) else 0
    used, ends = set(), []
    for key, accounts in shown.groupby(["subject", "about"], sort=False):
        i = row_of[key]
        xs = []
        clusters, last = [], None
        for index in accounts.index:
            if last is None or abs(middles[index] - last) > near:
                clusters.append([])
            clusters[-1].append(index)
            last = middles[index]
        # within its row's band: the more markers in a column, the closer and smaller they are
        offset, size, placement = {}, {}, {}
        for cluster in clusters:
            step = min(0.26, 0.72 / max(len(cluster) - 1, 1))
            for k, index in enumerate(cluster):
                offset[index] = step * (k - (len(cluster) - 1) / 2)
                size[index] = 9 if step >= 0.2 else 6
                # the status symbol above a marker, below the lower of two, beside each of a column of more
                placement[index] = "above" if len(cluster) == 1 or (len(cluster) == 2 and k == 0) else (
                    "below" if len(cluster) == 2 else "beside"
                )
        for index, account in accounts.iterrows():
            span = spans.loc[index]
            start, end, x = starts[index], stops[index], middles[index]
            y = i + offset[index]
            status, colour = account["status"], _STATUS_COLOURS[account["status"]]
            if span["precision"] != "day":
                (whisker,) = ax.plot([start, end], [y, y], "-", color=colour, lw=1.6, alpha=0.8, zorder=2,
                                     solid_capstyle="butt")
                whisker.set_gid(f"span-{account['claim_id']}")
                used.add("span")
            cited = account["evidence"] == "cited"
            inferred = account["reading"] == "inferred"
            ms = size[index] - (1 if inferred else 0)
            (mark,) = ax.plot(
                [x], [y], "D" if inferred else "o", ms=ms, zorder=3, mfc="white" if cited else colour,
                mec=colour if cited else "#333333", mew=(2.2 if ms >= 8 else 1.6) if cited else 0.6,
            )
            mark.set_gid(f"account-{account['claim_id']}")
            shift, ha, va = {
                "above": ((0, ms / 2 + 2.5), "center", "bottom"),
                "below": ((0, -ms / 2 - 2.5), "center", "top"),
                "beside": ((ms / 2 + 2.5, 0), "left", "center"),
            }[placement[index]]
            ax.annotate(_STATUS_SYMBOLS[status], (x, y), xytext=shift, textcoords="offset points", ha=ha, va=va,
                        fontsize=7 if ms >= 8 else 5.5, color="#333333")
            used |= {("status", status), "cited" if cited else "quoted"} | ({"inferred"} if inferred else set())
            xs.append((x, y))
            ends += [start, end]
        line_x, line_y = zip(*xs)
        ax.plot(line_x, line_y, "-", color="#BBBBBB", lw=1, zorder=1)

    ax.set_ylim(max(len(tracks), 1) - 0.5, -0.6)
    row_labels = []
    for subject, about in tracks:
        group = " (group)" if types.get(subject) == GROUP_TYPE else ""
        what = _short(_matter(about, names, labels), 40)
        row_labels.append(f"{_short(names.get(subject, subject), 34)}{group}\non {what}")
    ax.set_yticks(range(len(tracks)), row_labels, fontsize=8)
    for tick, (subject, _) in zip(ax.get_yticklabels(), tracks):
        if types.get(subject) == GROUP_TYPE:
            tick.set_fontstyle("italic")
    ax.tick_params(axis="y", length=0)
    # a thin rule between subjects: the rows of one subject read together
    for i in range(1, len(tracks)):
        if tracks[i][0] != tracks[i - 1][0]:
            ax.axhline(i - 0.5, color="#DDDDDD", lw=0.8, zorder=0)
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)
    if ends:
        first, last = min(ends), max(ends)
        margin = max(3.0, 0.04 * (last - first))
        ax.set_xlim(first - margin, last + margin)
        _date_axis(ax)
        ax.set_xlabel("when said")
        # the latest state of each track, at the right of its row
        right = ax.twinx()
        right.set_ylim(ax.get_ylim())
        right.set_yticks(
            range(len(tracks)),
            [f"latest: {_STATUS_SYMBOLS.get(latest[k], '')} {status_words(latest[k])}".replace("  ", " ")
             for k in tracks],
            fontsize=8,
        )
        right.tick_params(axis="y", length=0)
        for spine in right.spines.values():
            spine.set_visible(False)
        if any(latest[k] == "contested" for k in tracks):
            used.add("contested")
    else:
        ax.set_xticks([])
        _nothing(ax, "Nothing to show: no subject has accounts on one matter given at two or more dates")

    handles = [
        Line2D([], [], ls="", marker="o", ms=8, mfc=_STATUS_COLOURS[s], mec="#333333", mew=0.6,
               label=f"{_STATUS_SYMBOLS[s]} {status_words(s)}")
        for s in STATUSES
        if ("status", s) in used
    ]
    evidence = [
        ("quoted", Line2D([], [], ls="", marker="o", ms=8, mfc="#888888", mec="#333333", mew=0.6, label="quoted")),
        ("cited", Line2D([], [], ls="", marker="o", ms=8, mfc="white", mec="#888888", mew=2.2, label=_CITED)),
        ("inferred", Line2D([], [], ls="", marker="D", ms=7, mfc="#888888", mec="#333333", mew=0.6,
                            label="inferred (the curator's reading)")),
        ("span", Line2D([], [], color="#888888", lw=1.6, label="said in a week, month or year: from its first day")),
    ]
    handles += [handle for key, handle in evidence if key in used]
    if handles:
        # right of the latest states: offset by the width of the widest of them
        renderer = FigureCanvasAgg(figure).get_renderer()
        widest = max(label.get_window_extent(renderer).width for label in right.get_yticklabels())
        beyond = matplotlib.transforms.offset_copy(
            right.transAxes, fig=figure, x=widest * 72 / figure.dpi + 14, units="points"
        )
        right.legend(handles=handles, loc="upper left", bbox_to_anchor=(1, 1), bbox_transform=beyond,
                     frameon=False, fontsize=8)

    n_statements = int(table["claim_id"].map(statement_of).nunique()) if len(table) else 0
    title = (
        f"What happened next: {_n(n_statements, len(table))} in {_count(len(every_track), 'track')} "
        f"about {_count(len(subjects), 'subject')}"
    )
    notes = [
        "Each row: one subject's accounts on one matter, said on two or more dates, placed when said",
        "colour and symbol: the status reported; filled: quoted, hollow: cited, not quoted",
    ]
    if "contested" in used:
        notes.append("contested: the last date holds accounts both ways")
    _finish(figure, ax, title, _subtitle(notes, cut), dataset)
    return figure, shown


@_styled
def tracker_matrices_figure(dataset, dates=None, include_inferred: bool = False) -> tuple[Figure, pd.DataFrame]:
    """The compliance matrix as it could be known on two dates, side by side: what changed.

    Parameters
    ----------
    dataset : Dataset
    dates : pair of str, optional
        The two days, earlier first; by default :func:`tracker_dates`.
    include_inferred : bool, default False

    Each panel is drawn as in :func:`compliance_figure` (hollow: cited,
    not quoted), with only the statements made by its date
    (:func:`analysis.compliance.compliance_table` ``as_of``); both have
    the same rows, the subjects with a cell on either date. The table is
    the cells of both, ``as_of`` first.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> figure, cells = tracker_matrices_figure(toy_dataset(), dates=("2022-12-09", "2022-12-10"))
    >>> cells[["as_of", "subject", "requirement", "furthest"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['2022-12-09', 'acme', 'office', 'agreed'], ['2022-12-09', 'bolt', 'office', 'agreed'],
     ['2022-12-10', 'acme', 'office', 'agreed'], ['2022-12-10', 'acme', 'servers', 'not_done'],
     ['2022-12-10', 'bolt', 'office', 'agreed']]
    """
    dataset = dataset.select(include_inferred)
    if dates is None:
        dates = tracker_dates(dataset, include_inferred=include_inferred)
    dates = [str(d) for d in dates] if dates else []
    statement_of = _statement_of(dataset)
    panels, counts, behind = [], [], []
    for day in dates:
        cells, rows = _matrix_cells(dataset, day, include_inferred)
        direct = rows[rows["inherited_from"].isna()]
        panels.append(cells)
        behind.append(rows)
        counts.append(_n(int(direct["claim_id"].map(statement_of).nunique()), len(direct)))
    columns = ["as_of", *(panels[0] if panels else _matrix_cells(dataset, None, include_inferred)[0]).columns]
    table = pd.concat(
        [cells.assign(as_of=day) for day, cells in zip(dates, panels)] or [pd.DataFrame(columns=columns)],
        ignore_index=True,
    )[columns]

    entities = dataset.entities.drop_duplicates("entity_id")
    names = dict(zip(entities["entity_id"], entities["name"]))
    types = dict(zip(entities["entity_id"], entities["type"].astype(str)))
    requirements = _requirement_columns(dataset, table)
    subjects = _subject_rows(dataset, set(table["subject"]))
    # as in compliance_figure, the rows and columns with the most statements (on either date)
    rows = pd.concat(behind) if behind else pd.DataFrame(columns=["claim_id", "subject", "requirement"])
    subjects, requirements, cut = _matrix_cut(rows, statement_of, subjects, requirements)
    if cut:
        panels = [cells[cells["subject"].isin(subjects) & cells["requirement"].isin(requirements)] for cells in panels]
        table = table[table["subject"].isin(subjects) & table["requirement"].isin(requirements)].reset_index(drop=True)
    groups = [s for s in subjects if types.get(s) == GROUP_TYPE]

    figure = _frame(max(9.0, 2.4 * max(len(requirements), 1) + 4.4), max(3.6, 0.55 * len(subjects) + 2.8))
    axes = figure.subplots(1, max(len(panels), 1), sharey=True, squeeze=False)[0]
    drawn = {"statuses": [], "empty": False, "cited": False, "inherited": False, "conflict": False}
    if panels and len(table):
        for n, (ax, day, cells) in enumerate(zip(axes, dates, panels)):
            got = _draw_matrix(ax, cells, subjects, requirements, names, groups, row_labels=n == 0, wrap=16)
            ax.set_xlabel(f"as of {date_in_words(day)}", fontsize=9.5, fontweight="bold", labelpad=6)
            drawn = {k: drawn[k] + got[k] if k == "statuses" else drawn[k] or got[k] for k in drawn}
        axes[-1].legend(handles=_matrix_handles(drawn), loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                        fontsize=8)
    else:
        for ax in axes:
            ax.set_axis_off()
        _nothing(axes[0], "Nothing to show: no claim about a platform, company or group bears on a requirement")

    when = [f"{count} as of {date_in_words(day)}" for day, count in zip(dates, counts)]
    title = "Reported positions on each requirement, then and later: " + ("; ".join(when) if when else _n(0, 0))
    notes = ["Each panel holds only the statements made by its date; furthest status reported in each cell"]
    if drawn["cited"]:
        notes.append("a hollow cell rests on sources cited, not quoted")
    if groups:
        notes.append("a group is its own row")
    _finish(figure, axes[0], title, _subtitle(notes, cut), dataset)
    return figure, table


#: The figures by file name, in reading order.
FIGURES = {
    "network": network_figure,
    "compliance": compliance_figure,
    "who-says-so": sourcing_figure,
    "timeline": timeline_figure,
    "tracker": tracker_figure,
    "tracker-matrices": tracker_matrices_figure,
}


def render(name: str, dataset, include_inferred: bool = False) -> tuple[Figure, pd.DataFrame]:
    """Draw the figure `name` of :data:`FIGURES` in the house style."""
    if name not in FIGURES:
        raise KeyError(f"no figure {name!r}; the figures are: {', '.join(FIGURES)}")
    with matplotlib.rc_context(_STYLE):
        return FIGURES[name](dataset, include_inferred=include_inferred)


def figure_bytes(figure: Figure, fmt: str) -> bytes:
    """The figure as `fmt` bytes, reproducibly."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(_STYLE):
        figure.savefig(buffer, format=fmt, dpi=300 if fmt == "png" else "figure", metadata=_METADATA.get(fmt))
    return buffer.getvalue()


def write_figures(dataset, out, formats=FORMATS, include_inferred: bool = False) -> list[Path]:
    """Write every figure in every format, each beside the CSV of its numbers.

    Parameters
    ----------
    dataset : Dataset
    out : path
        The folder (created if need be).
    formats : sequence of str, default :data:`FORMATS`
    include_inferred : bool, default False
        Draw ``inferred`` claims too; stated ones only by default.

    Examples
    --------
    >>> import tempfile
    >>> from analysis.toy import toy_dataset
    >>> written = write_figures(toy_dataset(), tempfile.mkdtemp(), formats=("svg",))
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
        figure, table = render(name, dataset, include_inferred=include_inferred)
        # the CSV beside a figure is for spreadsheets: no cell may run as a formula
        written.append(write_atomic(out / f"{name}.csv", spreadsheet_csv(table)))
        for fmt in formats:
            written.append(write_atomic(out / f"{name}.{fmt}", figure_bytes(figure, fmt)))
    return written
