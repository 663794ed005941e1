"""The narrative notebooks: text and .ipynb in step, and every one runs on both corpora."""

import json

import jupytext
import pytest
from conftest import ARDENIA_DIR, DATA_DIR

from analysis.report import notebook_paths, run_notebook

NOTEBOOKS = notebook_paths()


def test_there_are_at_least_four_numbered_notebooks():
    assert len(NOTEBOOKS) >= 4
    assert [p.name[:2] for p in NOTEBOOKS] == sorted(p.name[:2] for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_ipynb_pair_has_the_same_cells_as_the_text(path):
    text = jupytext.read(path)
    paired = jupytext.read(path.with_suffix(".ipynb"))
    assert [(c.cell_type, c.source) for c in paired.cells] == [(c.cell_type, c.source) for c in text.cells]


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


@pytest.mark.parametrize("data", [DATA_DIR, ARDENIA_DIR], ids=["dawn", "ardenia"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_without_error(path, data):
    executed = run_notebook(path, data)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and repr(str(data)) in injected[0].source
