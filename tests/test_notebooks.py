"""The narrative notebooks: text and .ipynb in step, every one runs on both corpora,
names nothing the data does not, and shows inferred claims only when asked."""

import ast
import html
import importlib
import inspect
import json
import pkgutil
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jupytext
import pytest
from conftest import ARDENIA_DIR, DATA_DIR

import analysis
from analysis.report import NotebookError, notebook_paths, run_notebook
from analysis.vocabulary import STATUSES, status_words

pytestmark = pytest.mark.slow

NOTEBOOKS = notebook_paths()
#: The fictional corpus with stored and cited sources across years (its README).
VALDORIA_DIR = ARDENIA_DIR.parent / "valdoria"

CORPORA = {"data": DATA_DIR, "ardenia": ARDENIA_DIR, "valdoria": VALDORIA_DIR}

#: Each run the tests read: every notebook on each corpus as committed
#: (INCLUDE_INFERRED = False), and on the bundled data with inferred claims.
RUNS = [(path, corpus, False) for path in NOTEBOOKS for corpus in CORPORA] + [
    (path, "data", True) for path in NOTEBOOKS
]


def _cells(path, cell_type):
    return [c for c in jupytext.read(path).cells if c.cell_type == cell_type]


def _execute(path: Path, data: Path, include_inferred: bool):
    """Run a notebook as `analysis report` does; with `include_inferred`, a copy whose parameter says so."""
    if not include_inferred:
        return run_notebook(path, data)
    notebook = jupytext.read(path)
    parameters = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    parameters.source = parameters.source.replace("INCLUDE_INFERRED = False", "INCLUDE_INFERRED = True")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        jupytext.write(notebook, copy, fmt="py:percent")
        return run_notebook(copy, data)


@pytest.fixture(scope="module")
def executed():
    """Every run of :data:`RUNS`, once, a few kernels at a time; a failure is kept for its own test to raise."""

    def run(key):
        path, corpus, include_inferred = key
        try:
            return _execute(path, CORPORA[corpus], include_inferred)
        except NotebookError as error:
            return error

    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(zip(RUNS, pool.map(run, RUNS)))


def _outputs(executed, key) -> str:
    """Everything a run shows: printed text and every representation of every result."""
    notebook = executed[key]
    if isinstance(notebook, Exception):
        raise notebook
    shown = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            shown.append(output.get("text", ""))
            shown.extend(str(value) for value in output.get("data", {}).values())
    return "\n".join(shown)


def _inferred_claims(folder) -> list[str]:
    """The ids of the inferred claims, less any that the corpus's own prose mentions.

    A curator may cite an inferred claim in an entity's description or a
    stated claim's notes; a notebook showing that text shows the words, not
    the claim.
    """
    dataset = analysis.load(folder)
    claims = dataset.claims
    inferred = claims["reading"].eq("inferred")
    prose = [
        *dataset.entities["description"].dropna(),
        *dataset.sources["notes"].dropna(),
        *claims.loc[~inferred, "notes"].dropna(),
    ]
    return [c for c in claims.loc[inferred, "claim_id"] if not any(c in text for text in prose)]


# -- the pair, as committed ----------------------------------------------------


def test_there_are_at_least_four_numbered_notebooks():
    assert len(NOTEBOOKS) >= 4
    assert [p.name[:2] for p in NOTEBOOKS] == sorted(p.name[:2] for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_ipynb_pair_has_the_same_cells_as_the_text(path):
    text = jupytext.read(path)
    paired = jupytext.read(path.with_suffix(".ipynb"))
    assert [(c.cell_type, c.source) for c in paired.cells] == [(c.cell_type, c.source) for c in text.cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_cell_both_prints_and_shows_a_value(path):
    # printed text and a displayed value reach the page in an order that
    # varies from run to run, so a report would not be the same bytes twice
    for cell in _cells(path, "code"):
        lines = [line for line in cell.source.splitlines() if line.strip() and not line.startswith("#")]
        printing = [i for i, line in enumerate(lines) if line.startswith("print(")]
        assert not printing or printing[-1] == len(lines) - 1, cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_ipynb_is_committed_without_outputs(path):
    raw = json.loads(path.with_suffix(".ipynb").read_text(encoding="utf-8"))
    for cell in raw["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == []
            assert cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_opens_with_a_parameters_cell_naming_the_data(path):
    notebook = jupytext.read(path)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert "DATA = None" in code[0].source
    assert notebook.metadata["kernelspec"]["name"] == "python3"


# -- inferred claims: left out unless asked ----------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_leave_inferred_claims_out_by_default(path):
    assert re.search(r"^INCLUDE_INFERRED = False\b", _cells(path, "code")[0].source, flags=re.M)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_prose_says_what_an_inferred_claim_is_and_how_to_include_them(path):
    prose = "\n".join(c.source for c in _cells(path, "markdown"))
    assert "*inferred*" in prose and "`notes`" in prose
    assert "`INCLUDE_INFERRED = True`" in prose


def _takes_include_inferred() -> set[str]:
    """The names of the package's functions that take ``include_inferred``."""
    names = set()
    for module in pkgutil.iter_modules(analysis.__path__):
        if module.name.startswith("_"):
            continue
        for name, value in vars(importlib.import_module(f"analysis.{module.name}")).items():
            if inspect.isfunction(value) and "include_inferred" in inspect.signature(value).parameters:
                names.add(name)
    return names


def _calls(path):
    for cell in _cells(path, "code"):
        # IPython magics are not Python
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call):
                yield node


def _name(call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def _is_parameter(node) -> bool:
    return isinstance(node, ast.Name) and node.id == "INCLUDE_INFERRED"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_analysis_call_passes_the_include_inferred_parameter(path):
    takes = _takes_include_inferred()
    missing = []
    for call in _calls(path):
        name = _name(call)
        if name == "select":
            passed = any(_is_parameter(a) for a in call.args[:1]) or any(
                k.arg == "include_inferred" and _is_parameter(k.value) for k in call.keywords
            )
        elif name in takes:
            passed = any(k.arg == "include_inferred" and _is_parameter(k.value) for k in call.keywords)
        else:
            continue
        if not passed:
            missing.append(f"line {call.lineno}: {name}")
    assert missing == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_inferred_claim_is_shown_unless_asked(path, executed):
    inferred = _inferred_claims(DATA_DIR)
    if not inferred:
        pytest.skip("the bundled data has no inferred claim")
    shown = _outputs(executed, (path, "data", False))
    assert [c for c in inferred if c in shown] == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_asking_for_inferred_claims_changes_what_is_shown(path, executed):
    if not analysis.load(DATA_DIR).claims["reading"].eq("inferred").any():
        pytest.skip("the bundled data has no inferred claim")
    assert _outputs(executed, (path, "data", True)) != _outputs(executed, (path, "data", False))


# -- any corpus ---------------------------------------------------------------

#: Capitalised aliases that are ordinary words, not names ("He", "The same people").
_NOT_NAMES = {"he", "she", "it", "they", "one", "the", "a", "an", "here"}


def _names(folder) -> set[str]:
    """What a corpus names: entity names, publishers, and aliases written as names."""
    dataset = analysis.load(folder)
    names = set(dataset.entities["name"]) | set(dataset.sources["publisher"])
    for aliases in dataset.entities["aliases"].dropna():
        names |= {a for a in aliases.split("|") if a[:1].isupper() and a.split()[0].lower() not in _NOT_NAMES}
    return names


def _ids(folder) -> set[str]:
    dataset = analysis.load(folder)
    return set(dataset.entities["entity_id"]) | set(dataset.sources["source_id"]) | set(dataset.claims["claim_id"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_prose_names_nothing_from_a_corpus(path):
    prose = "\n".join(c.source for c in _cells(path, "markdown"))
    names = set().union(*(_names(folder) for folder in CORPORA.values()))
    named = sorted(n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", prose))
    assert named == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_spells_out_no_id_from_a_corpus(path):
    ids = set().union(*(_ids(folder) for folder in CORPORA.values()))
    strings = {
        node.value
        for call in _calls(path)
        for node in ast.walk(call)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert sorted(strings & ids) == []


@pytest.mark.parametrize("key", RUNS, ids=lambda k: f"{k[0].stem}-{k[1]}{'-inferred' if k[2] else ''}")
def test_notebook_runs_without_error(key, executed):
    path, corpus, _ = key
    notebook = executed[key]
    if isinstance(notebook, Exception):
        raise notebook
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and f"DATA = {CORPORA[corpus].name!r}\n" in injected[0].source


@pytest.mark.parametrize("key", RUNS, ids=lambda k: f"{k[0].stem}-{k[1]}{'-inferred' if k[2] else ''}")
def test_notebook_shows_no_path_of_the_machine(key, executed):
    # the pages are shared: the data is named by its folder's name, and nothing shows where it lies
    path, corpus, _ = key
    notebook = executed[key]
    if isinstance(notebook, Exception):
        raise notebook
    shown = _outputs(executed, key) + "\n".join(c.source for c in notebook.cells)
    machine = [str(CORPORA[corpus].resolve().parent), str(Path.home()), str(Path(analysis.__file__).parent)]
    assert [folder for folder in machine if folder in shown] == []


@pytest.mark.parametrize("key", RUNS, ids=lambda k: f"{k[0].stem}-{k[1]}{'-inferred' if k[2] else ''}")
def test_notebook_shows_no_warning(key, executed):
    notebook = executed[key]
    if isinstance(notebook, Exception):
        raise notebook
    stderr = [
        o.get("text", "")
        for c in notebook.cells
        for o in c.get("outputs", [])
        if o.get("output_type") == "stream" and o.get("name") == "stderr"
    ]
    assert stderr == []


def _cells_shown(output) -> list[str]:
    """The cells of the tables an output shows, as text (the explorer's page inside an iframe is not a table)."""
    page = str(output.get("data", {}).get("text/html", ""))
    if "<iframe" in page:
        return []
    cells = []
    for table in re.findall(r"<table.*?</table>", page, flags=re.S):
        # the vocabulary itself, predicate beside label, is the one table that shows predicates as written
        if re.search(r"<th>label</th>", table):
            continue
        cells += [html.unescape(c).strip() for c in re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", table)]
    return cells


@pytest.mark.parametrize("key", RUNS, ids=lambda k: f"{k[0].stem}-{k[1]}{'-inferred' if k[2] else ''}")
def test_tables_show_words_not_codes(key, executed):
    # relations by their label, statuses in plain words, sources by their credit
    path, corpus, _ = key
    notebook = executed[key]
    if isinstance(notebook, Exception):
        raise notebook
    dataset = analysis.load(CORPORA[corpus])
    codes = {s for s in STATUSES if status_words(s) != s}
    codes |= {p for p, label in zip(dataset.predicates["predicate"], dataset.predicates["label"]) if p != label}
    codes |= set(dataset.sources["source_id"])
    shown = {cell for c in notebook.cells for o in c.get("outputs", []) for cell in _cells_shown(o)}
    assert sorted(shown & codes) == []
