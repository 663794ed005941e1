"""The one-command report: validate, run every notebook, write figures, exports and an index.

:func:`build_report` is what ``analysis report DATA --out DIR`` and
``make report`` run. Into ``DIR`` it writes::

    index.html            links to everything, with the headline findings, each
                          linked to the claims behind it
    claims.html           every claim under its source and statement: who says
                          so, the quote (or the cited paraphrase and the link)
    notebooks/NN_*.html   each notebook executed headless against DATA, titled
                          by its first heading, code hidden until asked for
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

Pages are shared, so they carry nothing of the machine that made them: a
notebook runs in the folder that holds the data package and is given
``DATA`` by the package's name (:func:`run_notebook`), and no page shows a
warning (a test reads every page for one). The pages are Jinja2 templates
in ``analysis/templates`` (``report_*.j2``), autoescaped; the notebook page
extends nbconvert's ``lab`` template (:func:`notebook_html`). Tables name
things for a reader (:func:`readable`).

Everything nbconvert and the notebook client import is imported in the main
thread before the worker threads start (:func:`_import_before_threads`): two
threads importing IPython at once can each find it half initialised.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from . import paths
from .export import output_set, write_atomic, write_export
from .problems import UsageError

__all__ = [
    "NotebookError",
    "notebook_paths",
    "run_notebook",
    "normalize_outputs",
    "notebook_title",
    "notebook_html",
    "readable",
    "claims_page",
    "build_report",
]

#: The report's page templates (``report_*.j2``): package data, so they ship in the wheel.
TEMPLATES = importlib.resources.files(__package__) / "templates"


class NotebookError(RuntimeError):
    """A notebook failed; names the notebook and the cell."""

    def __init__(self, notebook: str, cell: int, message: str):
        self.notebook, self.cell = notebook, cell
        super().__init__(f"notebook {notebook} failed in cell {cell}: {message}")


def notebook_paths(folder=None) -> list[Path]:
    """The narrative notebooks (py:percent text form ``NN_*.py``) in `folder`, in reading order.

    Parameters
    ----------
    folder : path-like, optional
        The folder to look in; the bundled notebooks (:data:`analysis.paths.NOTEBOOKS_DIR`) by default.
    """
    folder = paths.NOTEBOOKS_DIR if folder is None else Path(folder)
    return sorted(folder.glob("[0-9][0-9]_*.py"))


def _data_parameter(name: str | None) -> str:
    """The line that gives a notebook its data package, by the folder's name.

    A name that is not valid UTF-8 (a folder from another system) is given
    as its bytes, which no page could otherwise hold.

    Examples
    --------
    >>> print(_data_parameter("valdoria"))
    DATA = 'valdoria'
    >>> import os
    >>> print(_data_parameter(os.fsdecode(b"caf\\xe9")))
    DATA = __import__('os').fsdecode(b'caf\\xe9')
    >>> print(_data_parameter(None))
    DATA = None
    """
    if name is None:
        return "DATA = None"
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return f"DATA = __import__('os').fsdecode({os.fsencode(name)!r})"
    return f"DATA = {name!r}"


def _inject_parameters(notebook, data_name: str | None) -> None:
    """Put the report's parameters after the cell tagged ``parameters`` (as papermill does)."""
    import nbformat

    source = f"# Parameters injected by `analysis report`\n{_data_parameter(data_name)}\nINTERACTIVE = False"
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


def run_notebook(path: Path, data, timeout: int = 600):
    """Execute one py:percent notebook against `data`; return the executed notebook.

    The kernel works in the folder that holds `data` and the injected
    parameters name the package by its folder's name (``DATA = 'data'``),
    so that the page shows no path of the machine it ran on. With `data`
    None the notebook reads the bundled package (``DATA = None``).

    Raises
    ------
    NotebookError
        Naming the notebook and the (1-based) cell that failed.
    """
    import jupytext
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    notebook = jupytext.read(path)
    if data is None:
        working, name = Path(path).parent, None
    else:
        folder = Path(os.path.abspath(os.fspath(data)))
        working, name = folder.parent, folder.name or "."
    _inject_parameters(notebook, name)
    client = NotebookClient(
        notebook,
        # the kernel's own start-up warnings are not the reader's business
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(working)}},
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


def notebook_title(notebook) -> str:
    """The notebook's title for a reader: its first heading, without its number or markup.

    Examples
    --------
    >>> import nbformat
    >>> notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 2. Who *complies*?\\n\\nText")])
    >>> notebook_title(notebook)
    'Who complies?'
    >>> notebook_title(nbformat.v4.new_notebook())
    'Notebook'
    """
    for cell in notebook.cells:
        if cell.get("cell_type") != "markdown":
            continue
        for line in cell.source.splitlines():
            heading = re.match(r"#+\s+(?:\d+\.\s+)?(.+)", line.strip())
            if heading:
                return re.sub(r"[*`]", "", heading.group(1)).strip()
    return "Notebook"


def notebook_html(notebook, title: str | None = None) -> str:
    """The executed notebook as a standalone HTML page for readers.

    nbconvert's ``lab`` page through ``templates/report_notebook.html.j2``:
    titled "`title` — liaison" (by default :func:`notebook_title`), code
    hidden behind a "show code" switch, lines broken between words, a link
    back to the index, and nothing fetched from the network.
    """
    from nbconvert import HTMLExporter

    templates = Path(str(TEMPLATES))
    exporter = HTMLExporter(
        template_name="lab", extra_template_paths=[str(templates)], template_file="report_notebook.html.j2"
    )
    name = f"{notebook_title(notebook) if title is None else title} \u2014 liaison"
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": name}})
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


#: Columns that hold an ``entity_id``, or several joined by ``|``, shown by the entities' names.
ENTITY_COLUMNS = (
    "subject",
    "object",
    "said_by",
    "requirement",
    "inherited_from",
    "owner",
    "owned",
    "supporting_parties",
    "disputing_parties",
)
#: Columns that hold a status code, shown in plain words.
STATUS_COLUMNS = ("status", "furthest", "latest")


def readable(dataset, table: pd.DataFrame) -> pd.DataFrame:
    """`table` with its ids in words a reader knows, ready to show.

    Entities by name (a group says it is one; several ids joined by ``|``
    become names joined by ``, ``), relations by their label in
    ``predicates.csv``, statuses in plain words
    (:func:`analysis.vocabulary.status_words`), sources by their credit
    (:func:`analysis.credits.credit`), an empty ``reading`` as ``stated``.
    An id the package does not know, and every other column, is left as it
    is; the index is kept.

    Parameters
    ----------
    dataset : Dataset
    table : pandas.DataFrame
        Any table with some of the columns ``subject``, ``object``,
        ``said_by``, ``requirement``, ``inherited_from``, ``owner``, ``owned``,
        ``supporting_parties``, ``disputing_parties``, ``predicate``,
        ``status``, ``furthest``, ``latest``, ``source``, ``reading``.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> dataset = toy_dataset()
    >>> claims = dataset.claims[["subject", "predicate", "status", "said_by"]]
    >>> readable(dataset, claims).iloc[2].tolist()
    ['Acme', 'stores data in', 'not done', 'The Daily']
    >>> import pandas as pd
    >>> readable(dataset, pd.DataFrame({"said_by": ["minister|insiders", "daily"]}))["said_by"].tolist()
    ['Ana Ruiz, industry insiders', 'The Daily']
    >>> readable(dataset, dataset.claims[["source"]]).iloc[0, 0]
    'The Daily, 10 December 2022, "Acme and Bolt agree to open offices"'
    """
    from .credits import credit
    from .vocabulary import LIST_SEPARATOR, status_words

    names = dataset.names().to_dict()
    labels = dataset.predicates.drop_duplicates("predicate").set_index("predicate")["label"]
    credits = {row["source_id"]: credit(row) for row in dataset.sources.drop_duplicates("source_id").to_dict("records")}

    def named(ids):
        if pd.isna(ids):
            return ids
        return ", ".join(names.get(each, each) for each in str(ids).split(LIST_SEPARATOR))

    shown = table.copy()
    for column in table.columns:
        values = table[column]
        if column in ENTITY_COLUMNS:
            shown[column] = values.astype("object").map(named)
        elif column == "predicate":
            shown[column] = values.map(labels).fillna(values)
        elif column in STATUS_COLUMNS:
            shown[column] = values.map(lambda status: status if pd.isna(status) else status_words(status))
        elif column == "source":
            shown[column] = values.map(credits).fillna(values)
        elif column == "reading":
            shown[column] = values.fillna("stated")
    return shown


def _environment():
    """The Jinja2 environment of the report's own pages: autoescaped, same output every run."""
    import jinja2

    def counted(n: int, word: str, plural: str | None = None) -> str:
        return f"{n} {word if n == 1 else plural or word + 's'}"

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["counted"] = counted
    return environment


def _party(roles: pd.Series, entity_id: str, names) -> str:
    """Who says so: the entity's name and, for a person, the office the source names."""
    name = names.get(entity_id, entity_id)
    role = roles.get(entity_id)
    return name if role is None or pd.isna(role) or not str(role).strip() else f"{name}, {role}"


def _claim_rows(dataset) -> pd.DataFrame:
    """One row per claim with everything :func:`claims_page` shows, in words, in file order."""
    from .credits import date_in_words
    from .statements import claim_statements

    claims = dataset.claims
    context = claim_statements(dataset)
    names = dataset.names()
    roles = dataset.entities.drop_duplicates("entity_id").set_index("entity_id")["role"]
    parties = {party: _party(roles, party, names) for party in claims["said_by"].unique()}
    words = readable(dataset, claims[["subject", "predicate", "object", "status", "requirement"]])
    text = lambda column: claims[column].astype("object").where(claims[column].notna(), "")  # noqa: E731
    return pd.DataFrame(
        {
            "id": claims["claim_id"].to_numpy(),
            "source": claims["source"].to_numpy(),
            "statement": context["statement"].to_numpy(),
            "said_by": claims["said_by"].map(parties).to_numpy(),
            # the day a statement was made, where the source gives one apart from its publication
            "said_on": claims["said_on"].map(lambda day: "" if pd.isna(day) else date_in_words(day)).to_numpy(),
            "cited": context["evidence"].eq("cited").to_numpy(),
            "words": context["evidence_text"].to_numpy(),
            "subject": words["subject"].to_numpy(),
            "relation": words["predicate"].to_numpy(),
            "object": words["object"].to_numpy(),
            "status": words["status"].to_numpy(),
            "date": claims["date"].map(lambda day: "" if pd.isna(day) else date_in_words(day)).to_numpy(),
            "date_text": text("date_text").to_numpy(),
            "requirement": words["requirement"].astype("object").where(claims["requirement"].notna(), "").to_numpy(),
            "inferred": claims["reading"].eq("inferred").fillna(False).to_numpy(dtype=bool),
            "notes": text("notes").to_numpy(),
        }
    )


def _sources_in_order(dataset) -> pd.DataFrame:
    """The sources in order of publication, then of id (as :func:`analysis.credits.credit_line` orders them)."""
    return dataset.sources.drop_duplicates("source_id").sort_values(["published", "source_id"], kind="stable")


def claims_page(dataset, package: str | None = None, rows: pd.DataFrame | None = None) -> str:
    """``claims.html``: every claim of `dataset`, stated or inferred, with who says so and its evidence.

    Claims are grouped under their source (in order of publication), then
    by statement (claims sharing a source and its words, in file order).
    Each statement shows who says so (name, and the office the source
    names), when where the source gives a day apart from its publication,
    the source's credit, and the quote, or for a cited source
    the curator's paraphrase marked as such and the link; each claim shows
    its subject, relation label, object and status in words, and an
    inferred claim is marked with the curator's note. ``#claim-<claim_id>``
    points at a claim's statement, ``#source-<source_id>`` at a source.
    `package` names the package on the page (by default its folder's
    name); `rows` are the claims as :func:`_claim_rows` gives them, when
    the caller has them already.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> page = claims_page(toy_dataset(), "toy")
    >>> 'id="claim-acme-office-agreed"' in page, "The Daily, 10 December 2022" in page
    (True, True)
    """
    from .credits import credit, is_description

    rows = _claim_rows(dataset) if rows is None else rows
    # grouped in plain Python: a pandas group per statement costs milliseconds each, hours at 100,000 claims
    by_statement: dict[tuple, list[dict]] = {}
    columns = list(rows.columns)
    for values in zip(*(rows[column].tolist() for column in columns)):
        record = dict(zip(columns, values))
        by_statement.setdefault((record["source"], record["statement"]), []).append(record)
    by_source: dict[str, list[dict]] = {}
    for (source_id, _), records in by_statement.items():
        speakers = list(dict.fromkeys(record["said_by"] for record in records))
        for record in records:
            # one party for the statement is named once, above its claims
            record["said_by"] = record["said_by"] if len(speakers) > 1 else ""
        first = records[0]
        by_source.setdefault(source_id, []).append(
            {
                "said_by": "; ".join(speakers),
                "said_on": first["said_on"],
                "cited": bool(first["cited"]),
                "words": first["words"],
                "inferred": all(record["inferred"] for record in records),
                "claims": records,
            }
        )
    def text(value) -> str:
        return "" if value is None or pd.isna(value) else str(value)

    sources = []
    for source in _sources_in_order(dataset).to_dict("records"):
        statement_list = by_source.get(source["source_id"], [])
        title = source.get("title")
        sources.append(
            {
                "id": source["source_id"],
                "credit": credit(source),
                "kind": text(source.get("kind")),
                "author": text(source.get("author")),
                "url": text(source.get("url")),
                "cited": text(source.get("text")) == "cited",
                "description": text(title).strip().strip("[]") if is_description(text(title)) else "",
                "statements": statement_list,
            }
        )
    counts = {**dataset.counts, "statements": len(by_statement)}
    name = paths.shown(dataset.path.name) if package is None else package
    return _environment().get_template("report_claims.html.j2").render(package=name, counts=counts, sources=sources)


def _index(dataset, results, notebooks, figure_names, export_files, rows: pd.DataFrame | None = None) -> str:
    from .credits import credit

    rows = (_claim_rows(dataset) if rows is None else rows).set_index("id")
    summary = (
        rows["subject"] + " " + rows["relation"] + " " + rows["object"] + ": " + rows["status"]
    ).to_dict()
    claim_counts = dataset.claims["source"].value_counts().to_dict()
    sources = [
        {"id": s["source_id"], "credit": credit(s), "claims": int(claim_counts.get(s["source_id"], 0))}
        for s in _sources_in_order(dataset).to_dict("records")
    ]
    findings = [
        {
            "id": r.id,
            "statement": r.statement,
            "holds": r.holds,
            "claims": [{"id": c, "summary": summary.get(c, "")} for c in r.claims],
        }
        for r in results
    ]
    counts = {**dataset.counts, "statements": len(rows[["source", "statement"]].drop_duplicates())}
    return _environment().get_template("report_index.html.j2").render(
        package=paths.shown(dataset.path.name),
        counts=counts,
        findings=findings,
        sources=sources,
        notebooks=notebooks,
        figures=figure_names,
        exports=export_files,
    )


def build_report(data, out, jobs: int | None = None, notebooks=None) -> Path:
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
    notebooks : path-like, optional
        The folder of ``NN_*.py`` notebooks to run; by default the bundled
        ones (:data:`analysis.paths.NOTEBOOKS_DIR`).

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
        If `notebooks` holds no notebook, if `out` may not be written into,
        or if another run is writing into it.
    """
    from .dataset import load
    from .explore import explorer_html
    from .figures import FIGURES, write_figures
    from .findings import as_records, findings

    started = time.perf_counter()
    dataset = load(data)
    data_path = dataset.path.resolve()
    _progress(f"validated {paths.shown(data_path)}: {paths.shown(repr(dataset))}")

    folder = paths.NOTEBOOKS_DIR if notebooks is None else Path(notebooks)
    notebooks = notebook_paths(folder)
    if not notebooks:
        where = "not a folder" if not folder.is_dir() else "holds no notebook NN_*.py (jupytext py:percent)"
        raise UsageError(f"notebooks folder {paths.shown(folder)} {where}: nothing to run")
    workers = max(1, min(jobs or os.cpu_count() or 1, len(notebooks)))
    _import_before_threads()

    with output_set(out, dataset) as staging:
        (staging / "notebooks").mkdir()

        def execute(path: Path) -> dict:
            begun = time.perf_counter()
            executed = normalize_outputs(run_notebook(path, data_path))
            title = notebook_title(executed)
            write_atomic(staging / "notebooks" / f"{path.stem}.html", notebook_html(executed, title))
            _progress(f"  notebook {path.stem} done ({time.perf_counter() - begun:.1f} s)")
            return {"file": f"{path.stem}.html", "title": title}

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
                claim_rows = _claim_rows(dataset)
                write_atomic(staging / "claims.html", claims_page(dataset, rows=claim_rows))
                results = findings(dataset)
                write_atomic(
                    staging / "findings.json", json.dumps(as_records(results), ensure_ascii=False, indent=2) + "\n"
                )
                pages = [future.result() for future in futures]
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        export_files = sorted(p.relative_to(staging / "export").as_posix() for p in written)
        write_atomic(staging / "index.html", _index(dataset, results, pages, list(FIGURES), export_files, claim_rows))
    index = Path(out) / "index.html"
    _progress(f"report written in {time.perf_counter() - started:.1f} s")
    return index
