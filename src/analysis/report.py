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

    manifest.json         every file above with its sha256, the input's hash

Notebooks run in parallel, one kernel per core, while the figures and
exports are written. A notebook that fails is named with the cell that
failed. The whole report is built aside and moved into ``DIR`` with
``manifest.json`` last (:func:`analysis.export.output_set`): a failed or
interrupted run leaves the previous report as it was, and a second run into
the same ``DIR`` is refused while one is writing. A re-run on the same data
gives the same bytes: no timings, dates or random ids are recorded, and the
stream outputs of each cell are put in one order (:func:`normalize_outputs`),
since a kernel flushes them on its own timer.

Everything nbconvert and the notebook client import is imported in the main
thread before the worker threads start (:func:`_import_before_threads`): two
threads importing IPython at once can each find it half initialised.
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
from .export import output_set, write_atomic, write_export

__all__ = ["NotebookError", "notebook_paths", "run_notebook", "normalize_outputs", "notebook_html", "build_report"]


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


def normalize_outputs(notebook):
    """Put the stream outputs of each code cell in one order, so that two runs give the same page.

    A kernel sends what a cell prints in pieces, split wherever its buffer
    happened to be flushed, and a figure or a result may arrive between two
    pieces. Here each cell's ``stdout`` pieces are joined into one output,
    then its ``stderr`` pieces into another, and both come before the
    cell's other outputs (displays, results, errors), which keep their order.
    The notebook is changed in place and returned.

    Examples
    --------
    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell("print(1)")
    >>> cell.outputs = [
    ...     nbformat.v4.new_output("stream", name="stdout", text="a"),
    ...     nbformat.v4.new_output("display_data", data={"text/plain": "fig"}),
    ...     nbformat.v4.new_output("stream", name="stderr", text="warn\\n"),
    ...     nbformat.v4.new_output("stream", name="stdout", text="b\\n"),
    ... ]
    >>> notebook = normalize_outputs(nbformat.v4.new_notebook(cells=[cell]))
    >>> [(o.output_type, o.get("name"), o.get("text")) for o in notebook.cells[0].outputs]
    [('stream', 'stdout', 'ab\\n'), ('stream', 'stderr', 'warn\\n'), ('display_data', None, None)]
    """
    import nbformat

    for cell in notebook.cells:
        if cell.get("cell_type") != "code" or not cell.get("outputs"):
            continue
        streams, others = {}, []
        for output in cell.outputs:
            if output.get("output_type") == "stream":
                text = output.get("text", "")
                streams.setdefault(output.get("name", "stdout"), []).append(
                    "".join(text) if isinstance(text, list) else text
                )
            else:
                others.append(output)
        names = sorted(streams, key=lambda name: ({"stdout": 0, "stderr": 1}.get(name, 2), name))
        merged = [nbformat.v4.new_output("stream", name=name, text="".join(streams[name])) for name in names]
        cell.outputs = merged + others
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


def _import_before_threads() -> None:
    """Import, in the calling thread, what the notebook threads would otherwise import at once.

    nbconvert imports IPython (its lexers) and pygments, mistune and jinja2
    templates lazily, at the first page it renders; two worker threads
    rendering their first page at the same moment can each see a module
    half initialised (``partially initialized module 'IPython'``). Rendering
    one tiny notebook here loads all of it before any worker starts.
    """
    import IPython  # noqa: F401
    import IPython.lib.lexers  # noqa: F401
    import jupytext  # noqa: F401
    import nbclient  # noqa: F401
    import nbclient.exceptions  # noqa: F401
    import nbconvert  # noqa: F401
    import nbformat

    warm = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("*warm* `up`"), nbformat.v4.new_code_cell("x = 1")],
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"},
                  "language_info": {"name": "python", "pygments_lexer": "ipython3"}},
    )
    notebook_html(warm)


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
<html lang="en"><head><meta charset="utf-8"><title>liaison report: {esc(paths.shown(dataset.path.name))}</title>
<style>
body {{ font: 15px/1.5 "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 1100px; margin: 24px auto; padding: 0 16px; color: #222; }}
h1 {{ font-size: 24px; }} h2 {{ font-size: 18px; margin-top: 28px; border-bottom: 1px solid #ddd; }}
.holds {{ background: #009E73; color: white; padding: 0 5px; border-radius: 3px; font-size: 12px; }}
.fails {{ background: #999; color: white; padding: 0 5px; border-radius: 3px; font-size: 12px; }}
li {{ margin: 6px 0; }} small {{ color: #666; }}
figure {{ display: inline-block; margin: 8px; vertical-align: top; }} figcaption {{ font-size: 13px; }}
img {{ border: 1px solid #ddd; }}
</style></head><body>
<h1>liaison report: {esc(paths.shown(dataset.path.name))}</h1>
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
        The report folder, created if needed; not inside the data package
        (:func:`analysis.paths.output_folder`).
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
        If a notebook fails (the previous report in `out`, if any, is left as it was).
    UsageError
        If `out` may not be written into, or another run is writing into it.
    """
    from .dataset import load
    from .explore import explorer_html
    from .figures import FIGURES, write_figures
    from .findings import as_records, findings

    started = time.perf_counter()
    dataset = load(data)
    data_path = dataset.path.resolve()
    _progress(f"validated {paths.shown(data_path)}: {paths.shown(repr(dataset))}")

    notebooks = notebook_paths()
    workers = max(1, min(jobs or os.cpu_count() or 1, len(notebooks)))
    _import_before_threads()

    with output_set(out, dataset) as staging:
        (staging / "notebooks").mkdir()

        def execute(path: Path) -> str:
            begun = time.perf_counter()
            executed = normalize_outputs(run_notebook(path, data_path))
            write_atomic(staging / "notebooks" / f"{path.stem}.html", notebook_html(executed))
            _progress(f"  notebook {path.stem} done ({time.perf_counter() - begun:.1f} s)")
            return path.stem

        with ThreadPoolExecutor(max_workers=workers) as pool:
            _progress(f"running {len(notebooks)} notebooks, {workers} at a time")
            futures = [pool.submit(execute, path) for path in notebooks]
            try:
                # while the kernels work: figures, exports, explorer, findings
                write_figures(dataset, staging / "figures")
                _progress(f"  figures written ({len(FIGURES)} x png, svg, pdf, csv)")
                written = write_export(dataset, staging / "export")
                _progress(f"  exports written ({len(written)} files)")
                # the page names the package folder, whose name may not be UTF-8
                write_atomic(staging / "explorer.html", paths.shown(explorer_html(dataset)))
                results = findings(dataset)
                write_atomic(
                    staging / "findings.json", json.dumps(as_records(results), ensure_ascii=False, indent=2) + "\n"
                )
                names = [future.result() for future in futures]
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        export_files = sorted(p.relative_to(staging / "export").as_posix() for p in written)
        write_atomic(staging / "index.html", _index(dataset, results, names, list(FIGURES), export_files))
    index = Path(out) / "index.html"
    _progress(f"report written in {time.perf_counter() - started:.1f} s")
    return index
