"""The one-command report: validate, run every notebook, write figures, exports and an index.

:func:`build_report` is what ``analysis report DATA --out DIR`` and
``make report`` run. Into ``DIR`` it writes::

    index.html            links to everything, with the headline findings
    notebooks/NN_*.html   each notebook executed headless against DATA
    figures/              every figure as PNG, SVG and PDF, beside its CSV
    export/               graph.graphml, graph.gexf, graph.json, the tables,
                          datapackage.json, compliance.csv, the source texts
    explorer.html         the offline network explorer
    findings.json         the findings, as ``analysis findings --json`` prints them

Notebooks run in parallel, one kernel per core, while the figures and
exports are written. A notebook that fails is named with the cell that
failed. Every file is written whole (a temporary file, then a rename), and a
re-run on the same data gives the same bytes: no timings, dates or random
ids are recorded.
"""

from __future__ import annotations

import html
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import paths
from .export import export, write_atomic

__all__ = ["NotebookError", "notebook_paths", "run_notebook", "build_report"]


class NotebookError(RuntimeError):
    """A notebook failed; names the notebook and the cell."""

    def __init__(self, notebook: str, cell: int, message: str):
        self.notebook, self.cell = notebook, cell
        super().__init__(f"notebook {notebook} failed in cell {cell}: {message}")


def notebook_paths() -> list[Path]:
    """The narrative notebooks (py:percent text form), in reading order."""
    return sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.py"))


def _inject_parameters(notebook, data: Path) -> None:
    """Put the report's parameters after the cell tagged ``parameters`` (as papermill does)."""
    import nbformat

    source = f"# Parameters injected by `analysis report`\nDATA = {str(data)!r}\nINTERACTIVE = False"
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    cell.pop("id", None)
    index = next(
        (i for i, c in enumerate(notebook.cells) if "parameters" in c.get("metadata", {}).get("tags", [])),
        -1,
    )
    notebook.cells.insert(index + 1, cell)
    # stable cell ids, so the HTML does not change from run to run
    for number, each in enumerate(notebook.cells):
        each["id"] = f"cell-{number}"


def run_notebook(path: Path, data: Path, timeout: int = 600):
    """Execute one py:percent notebook against `data`; return the executed notebook.

    Raises
    ------
    NotebookError
        Naming the notebook and the (1-based) cell that failed.
    """
    import jupytext
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    notebook = jupytext.read(path)
    _inject_parameters(notebook, data)
    client = NotebookClient(
        notebook,
        # the kernel's own start-up warnings are not the reader's business
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        failed = next(
            (i for i, c in enumerate(notebook.cells, 1) if any(o.get("output_type") == "error" for o in c.get("outputs", []))),
            0,
        )
        name = getattr(error, "ename", "error")
        value = getattr(error, "evalue", "")
        raise NotebookError(path.name, failed, f"{name}: {value}") from None
    except (DeadKernelError, TimeoutError, RuntimeError) as error:
        raise NotebookError(path.name, 0, str(error)) from None
    return notebook


def notebook_html(notebook) -> str:
    """The executed notebook as a standalone HTML page (nbconvert's lab template)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    # nothing fetched from a CDN: the page must read offline
    exporter.mathjax_url = ""
    exporter.require_js_url = ""
    body, _ = exporter.from_notebook_node(notebook)
    return body


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _index(dataset, results, notebooks, figure_names, export_files) -> str:
    counts = dataset.counts
    esc = html.escape
    from .credits import credit
    from .statements import statements

    sources = "".join(f"<li>{esc(credit(row))}</li>" for row in dataset.sources.to_dict("records"))
    findings_html = "".join(
        f'<li><span class="{"holds" if r.holds else "fails"}">{"holds" if r.holds else "does not hold"}</span> '
        f"<b>{esc(r.id)}</b>: {esc(r.statement)}<br><small>claims: {esc(', '.join(r.claims))}</small></li>"
        for r in results
    )
    notebook_links = "".join(
        f'<li><a href="notebooks/{esc(name)}.html">{esc(name.replace("_", " "))}</a></li>' for name in notebooks
    )
    figure_cards = "".join(
        f'<figure><a href="figures/{esc(n)}.png"><img src="figures/{esc(n)}.png" alt="{esc(n)}" width="420"></a>'
        f'<figcaption>{esc(n)}: <a href="figures/{esc(n)}.png">PNG</a> · <a href="figures/{esc(n)}.svg">SVG</a> · '
        f'<a href="figures/{esc(n)}.pdf">PDF</a> · <a href="figures/{esc(n)}.csv">CSV</a></figcaption></figure>'
        for n in figure_names
    )
    export_links = "".join(f'<li><a href="export/{esc(f)}">{esc(f)}</a></li>' for f in export_files)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>liaison report: {esc(dataset.path.name)}</title>
<style>
body {{ font: 15px/1.5 "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 1100px; margin: 24px auto; padding: 0 16px; color: #222; }}
h1 {{ font-size: 24px; }} h2 {{ font-size: 18px; margin-top: 28px; border-bottom: 1px solid #ddd; }}
.holds {{ background: #009E73; color: white; padding: 0 5px; border-radius: 3px; font-size: 12px; }}
.fails {{ background: #999; color: white; padding: 0 5px; border-radius: 3px; font-size: 12px; }}
li {{ margin: 6px 0; }} small {{ color: #666; }}
figure {{ display: inline-block; margin: 8px; vertical-align: top; }} figcaption {{ font-size: 13px; }}
img {{ border: 1px solid #ddd; }}
</style></head><body>
<h1>liaison report: {esc(dataset.path.name)}</h1>
<p>{_count(counts["sources"], "source")}, {counts['entities']} entities, {counts['predicates']} predicates,
{_count(counts["claims"], "claim")} in {_count(len(statements(dataset)), "statement")}; every quote checked against
its source text. The findings rest on stated claims only; a claim whose reading goes beyond its words is
marked inferred and left out.</p>
<h2>Sources</h2><ul>{sources}</ul>
<h2>Headline findings</h2><ul>{findings_html}</ul>
<p><a href="findings.json">findings.json</a></p>
<h2>Notebooks</h2><ul>{notebook_links}</ul>
<h2>Figures</h2>{figure_cards}
<h2>Explore the network</h2><p><a href="explorer.html">explorer.html</a>: the claims network, offline;
click an entity to read every claim about it with its quote.</p>
<h2>Data and graph files</h2><ul>{export_links}</ul>
</body></html>
"""


def build_report(data, out, jobs: int | None = None) -> Path:
    """Validate `data`, run every notebook against it, write everything into `out`.

    Parameters
    ----------
    data : path-like or None
        The data package; the bundled one if None.
    out : path-like
        The report folder, created if needed.
    jobs : int, optional
        Notebooks run at once; by default the number of cores.

    Returns
    -------
    pathlib.Path
        The ``index.html`` written.

    Raises
    ------
    DataValidationError
        If the data package is invalid (nothing is written).
    NotebookError
        If a notebook fails.
    """
    from .dataset import load
    from .explore import explorer_html
    from .figures import FIGURES, write_figures
    from .findings import as_records, findings

    started = time.perf_counter()
    dataset = load(data)
    data_path = dataset.path.resolve()
    out = Path(out)
    _progress(f"validated {data_path}: {dataset!r}")
    (out / "notebooks").mkdir(parents=True, exist_ok=True)

    notebooks = notebook_paths()
    workers = max(1, min(jobs or os.cpu_count() or 1, len(notebooks)))

    def execute(path: Path) -> str:
        begun = time.perf_counter()
        executed = run_notebook(path, data_path)
        write_atomic(out / "notebooks" / f"{path.stem}.html", notebook_html(executed))
        _progress(f"  notebook {path.stem} done ({time.perf_counter() - begun:.1f} s)")
        return path.stem

    with ThreadPoolExecutor(max_workers=workers) as pool:
        _progress(f"running {len(notebooks)} notebooks, {workers} at a time")
        futures = [pool.submit(execute, path) for path in notebooks]
        # while the kernels work: figures, exports, explorer, findings
        write_figures(dataset, out / "figures")
        _progress(f"  figures written ({len(FIGURES)} x png, svg, pdf, csv)")
        written = export(dataset, out / "export")
        _progress(f"  exports written ({len(written)} files)")
        write_atomic(out / "explorer.html", explorer_html(dataset))
        results = findings(dataset)
        write_atomic(out / "findings.json", json.dumps(as_records(results), ensure_ascii=False, indent=2) + "\n")
        try:
            names = [future.result() for future in futures]
        except NotebookError:
            for future in futures:
                future.cancel()
            raise
    export_files = sorted(p.relative_to(out / "export").as_posix() for p in written)
    index = write_atomic(out / "index.html", _index(dataset, results, names, list(FIGURES), export_files))
    _progress(f"report written in {time.perf_counter() - started:.1f} s")
    return index
