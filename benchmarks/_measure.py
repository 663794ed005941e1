"""Run one benchmark step on one data package, in this fresh process, and print what it cost.

``python benchmarks/_measure.py STEP PACKAGE [--out DIR] [--k K] [--seed S]``

Whatever the step needs first (loading the package, building the graph) is
done before the clock starts; only the step itself is timed. The last line
printed is a JSON object: ``step``, ``seconds`` (the step alone),
``setup_seconds`` (imports and preparation), ``setup_rss_mb`` (peak
resident memory before the step) and ``peak_rss_mb`` (peak resident memory
of the whole process). :mod:`run` also measures the process from outside.
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
    "nx-export",
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

    if step == "centrality":
        from analysis.network import actor_network, centrality

        def central():
            G = actor_network(dataset)
            return centrality(dataset, k=k, seed=seed, graph=G)

        return central

    if step in ("export", "nx-export"):
        if out is None:
            raise SystemExit(f"step {step} needs --out")
        out.mkdir(parents=True, exist_ok=True)
        dataset.graph()  # the same graph for both; building it is the graph step
        if step == "export":
            from analysis.export import export

            return lambda: export(dataset, out)

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
    del result
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
