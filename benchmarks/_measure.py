"""Run one benchmark step on one data package, in this fresh process, and print what it cost.

``python benchmarks/_measure.py STEP PACKAGE [--out DIR] [--k K] [--seed S]``

Whatever the step needs first (loading the package, building the graph) is
done before the clock starts; only the step itself is timed. The last line
printed is a JSON object: ``step``, ``seconds`` (the step alone),
``setup_seconds`` (imports and preparation), ``setup_rss_mb`` (peak
resident memory before the step) and ``peak_rss_mb`` (peak resident memory
of the whole process). :mod:`run` also measures the process from outside.

Steps that write several files (``export-parts``, ``export-networkx``) also
print ``parts``: for each file, the seconds it took and the process's peak
resident memory once it was written.

* ``export``: :func:`analysis.export.export`, which writes the graph files
  straight from the tables (:mod:`analysis.streaming`); the graph is not
  built;
* ``export-parts``: the same writers one file at a time, into ``--out``;
* ``export-networkx``: the route the export took before issue 12: build the
  graph, then networkx's GraphML, GEXF and node-link writers
  (``graph_graphml``, ``graph_gexf``, ``graph_json``) and ``frame_csv``;
* ``nx-export``: networkx alone writing the prebuilt graph;
* ``nx-lxml``: networkx building the graph and streaming GraphML with
  ``write_graphml_lxml`` (needs ``lxml``, which is not a dependency: the step
  says so and exits 2 without it, rather than let networkx fall back to its
  ElementTree writer).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

_STARTED = time.perf_counter()

#: The steps, in the order the table shows them.
STEPS = (
    "load",
    "graph",
    "compliance",
    "who-says-so",
    "centrality",
    "export",
    "export-parts",
    "export-networkx",
    "nx-export",
    "nx-lxml",
    "centrality-nx",
    "pandas-floor",
)

#: Sources sampled for betweenness centrality (fixed, with a fixed seed).
DEFAULT_K = 100


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS)
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def _load(package):
    import analysis

    return analysis.load(package)


def prepare(step: str, package: Path, out: Path | None, k: int, seed: int):
    """Everything the step needs before the clock starts; return the timed callable."""
    if step == "load":
        import analysis  # noqa: F401  (import cost is setup, not the step)

        return lambda: _load(package)

    if step == "pandas-floor":
        import pandas as pd

        def floor():
            # the four CSVs as plain strings and the texts: nothing checked, nothing typed
            frames = {
                name: pd.read_csv(package / f"{name}.csv", dtype=str, keep_default_na=False)
                for name in ("sources", "entities", "predicates", "claims")
            }
            texts = {p.stem: p.read_text(encoding="utf-8") for p in (package / "sources").glob("*.txt")}
            return frames, texts

        return floor

    dataset = _load(package)
    if step == "graph":
        from analysis.graph import build_graph

        return lambda: build_graph(dataset)

    if step == "compliance":
        from analysis.compliance import compliance_matrix, compliance_table

        def compliance():
            return compliance_table(dataset), compliance_matrix(dataset)

        return compliance

    if step == "who-says-so":
        from analysis import sourcing

        def who_says_so():
            return (
                sourcing.claims_by_party(dataset),
                sourcing.claims_by_kind(dataset),
                sourcing.who_says_what(dataset),
                sourcing.corroboration(dataset),
                sourcing.unnamed_alone(dataset),
            )

        return who_says_so

    if step in ("centrality", "centrality-nx"):
        import networkx as nx

        from analysis.network import actor_network, centrality

        G = actor_network(dataset)  # the same network for both; building it is not timed

        def central():
            if step == "centrality":  # igraph, over networkx's sample, rescaled as networkx does
                values = centrality(dataset, k=k, seed=seed, graph=G).set_index("entity_id")["betweenness"].to_dict()
            else:  # the reference: networkx alone, same k and seed
                values = nx.betweenness_centrality(G, k=min(k, len(G)) if k else None, seed=seed)
            if out is not None:  # left for run.py to compare the two
                out.mkdir(parents=True, exist_ok=True)
                (out / "betweenness.json").write_text(json.dumps({str(key): float(v) for key, v in values.items()}))
            return values

        return central

    if step in ("export", "export-parts", "export-networkx", "nx-export", "nx-lxml"):
        if out is None:
            raise SystemExit(f"step {step} needs --out")
        out.mkdir(parents=True, exist_ok=True)
        if step == "export":
            from analysis.export import export

            return lambda: export(dataset, out)
        if step == "export-parts":
            return lambda: _export_parts(dataset, out)
        if step == "export-networkx":
            return lambda: _export_networkx(dataset, out)
        if step == "nx-lxml":
            return _networkx_lxml(dataset, out)
        dataset.graph()  # building it is the graph step

        import networkx as nx

        G = dataset.graph()

        def networkx_alone():
            nx.write_graphml(G, out / "graph.graphml")
            nx.write_gexf(G, out / "graph.gexf")
            data = nx.node_link_data(G, source="subject", target="object", edges="edges")
            with open(out / "graph.json", "w", encoding="utf-8") as stream:
                json.dump(data, stream)

        return networkx_alone

    raise SystemExit(f"unknown step {step!r}; the steps are: {', '.join(STEPS)}")


#: What the steps that write several files found, file by file.
PARTS: dict[str, tuple[float, float]] = {}


def _part(name: str, write) -> None:
    start = time.perf_counter()
    write()
    PARTS[name] = (round(time.perf_counter() - start, 3), round(_peak_mb(), 1))


def _export_parts(dataset, out: Path) -> None:
    """The graph files and the tables as :func:`analysis.export.write_export` writes them, one by one."""
    from analysis import streaming
    from analysis.compliance import compliance_table
    from analysis.export import open_atomic

    def stream(path, write, what):
        with open_atomic(path) as handle:
            write(what, handle)

    tables = {}
    _part("graph tables", lambda: tables.setdefault("graph", streaming.graph_tables(dataset)))
    _part("graph.graphml", lambda: stream(out / "graph.graphml", streaming.write_graphml, tables["graph"]))
    _part("graph.gexf", lambda: stream(out / "graph.gexf", streaming.write_gexf, tables["graph"]))
    _part("graph.json", lambda: stream(out / "graph.json", streaming.write_node_link, tables["graph"]))
    del tables["graph"]  # as in write_export, where they go with write_graph_files
    for name in ("sources", "entities", "predicates", "claims"):
        _part(f"{name}.csv", lambda: stream(out / f"{name}.csv", streaming.write_csv, getattr(dataset, name)))
    _part(
        "compliance.csv",
        lambda: stream(out / "compliance.csv", streaming.write_csv, compliance_table(dataset, include_inferred=True)),
    )


def _export_networkx(dataset, out: Path) -> None:
    """The same files by the route before issue 12: the graph, then networkx's writers and ``frame_csv``."""
    from analysis.compliance import compliance_table
    from analysis.export import frame_csv, graph_gexf, graph_graphml, graph_json, write_atomic
    from analysis.graph import gc_paused

    graph = {}
    with gc_paused():
        _part("graph", lambda: graph.setdefault("G", dataset.graph()))
        for name, write in (("graph.graphml", graph_graphml), ("graph.gexf", graph_gexf), ("graph.json", graph_json)):
            _part(name, lambda: write_atomic(out / name, write(graph["G"])))
    for name in ("sources", "entities", "predicates", "claims"):
        _part(f"{name}.csv", lambda: write_atomic(out / f"{name}.csv", frame_csv(getattr(dataset, name))))
    compliance = lambda: frame_csv(compliance_table(dataset, include_inferred=True))  # noqa: E731
    _part("compliance.csv", lambda: write_atomic(out / "compliance.csv", compliance()))


def _networkx_lxml(dataset, out: Path):
    """networkx's own streaming route: build the graph, write GraphML through lxml."""
    try:
        import lxml.etree  # noqa: F401
    except ImportError:
        message = "step nx-lxml needs lxml (pip install lxml): without it networkx writes with ElementTree"
        print(message, file=sys.stderr)
        raise SystemExit(2) from None
    import networkx as nx

    from analysis.graph import build_graph

    def build_and_stream():
        G = {}
        _part("graph", lambda: G.setdefault("G", build_graph(dataset)))
        _part("graph.graphml", lambda: nx.write_graphml_lxml(G["G"], out / "graph.graphml"))

    return build_and_stream


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=STEPS)
    parser.add_argument("package", type=Path)
    parser.add_argument("--out", type=Path, help="folder for the export steps")
    parser.add_argument("--k", type=int, default=DEFAULT_K, help="sources sampled for betweenness")
    parser.add_argument("--seed", type=int, default=0, help="seed of the betweenness sample")
    args = parser.parse_args(argv)
    run = prepare(args.step, args.package, args.out, args.k, args.seed)
    setup_rss = _peak_mb()
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    report = {
        "step": args.step,
        "seconds": seconds,
        "setup_seconds": start - _STARTED,
        "setup_rss_mb": setup_rss,
        "peak_rss_mb": _peak_mb(),
    }
    if PARTS:
        report["parts"] = PARTS
    del result
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
