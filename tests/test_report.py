"""`analysis report`: every output, offline, reproducible; a failing notebook is named."""

import re

import pytest
from conftest import ARDENIA_DIR, EXPORTED_FILES

from analysis import cli, report
from analysis.figures import FIGURES, FORMATS

pytestmark = pytest.mark.slow



@pytest.fixture(scope="module")
def two_reports(tmp_path_factory):
    first = tmp_path_factory.mktemp("report-1")
    second = tmp_path_factory.mktemp("report-2")
    assert cli.main(["report", str(ARDENIA_DIR), "--out", str(first)]) == 0
    assert cli.main(["report", str(ARDENIA_DIR), "--out", str(second)]) == 0
    return first, second


def _files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_report_writes_index_notebooks_figures_exports_and_explorer(two_reports):
    out, _ = two_reports
    files = set(_files(out))
    assert {"index.html", "explorer.html", "findings.json"} <= files
    for notebook in report.notebook_paths():
        assert f"notebooks/{notebook.stem}.html" in files
    for name in FIGURES:
        assert f"figures/{name}.csv" in files
        for fmt in FORMATS:
            assert f"figures/{name}.{fmt}" in files
    for name in EXPORTED_FILES:
        assert f"export/{name}" in files


def test_report_rerun_into_a_fresh_folder_is_byte_identical(two_reports):
    first, second = two_reports
    assert _files(first) == _files(second)
    different = [f for f in _files(first) if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_every_link_of_the_index_resolves(two_reports):
    out, _ = two_reports
    index = (out / "index.html").read_text(encoding="utf-8")
    targets = re.findall(r'(?:href|src)="([^"]+)"', index)
    assert targets
    assert [t for t in targets if not (out / t).is_file()] == []


def test_report_pages_load_nothing_from_the_network(two_reports):
    out, _ = two_reports
    for page in ["index.html", "explorer.html", *(f"notebooks/{p.stem}.html" for p in report.notebook_paths())]:
        text = (out / page).read_text(encoding="utf-8")
        remote = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//[^"]*"', text)
        assert remote == [], page


def test_index_shows_every_finding_statement(two_reports):
    from analysis import load
    from analysis.findings import findings

    index = (two_reports[0] / "index.html").read_text(encoding="utf-8")
    for result in findings(load(ARDENIA_DIR)):
        assert result.id in index


def test_a_failing_notebook_is_named_with_its_cell(tmp_path, monkeypatch, capsys):
    broken = tmp_path / "01_broken.py"
    broken.write_text(
        "# %% tags=['parameters']\nDATA = None\n\n# %%\nx = 1\n\n# %%\nraise ValueError('boom')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(report, "notebook_paths", lambda: [broken])
    code = cli.main(["report", str(ARDENIA_DIR), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "notebook 01_broken.py failed in cell 4: ValueError: boom" in err
    assert "Traceback" not in err


def test_report_on_invalid_data_exits_1_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "pkg").mkdir()
    code = cli.main(["report", str(tmp_path / "pkg"), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "sources.csv: file not found" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_report_without_out_is_a_usage_error(capsys):
    assert cli.main(["report"]) == 2
    assert "--out" in capsys.readouterr().err


def test_report_on_a_package_with_no_claims_writes_everything_and_exits_0(tmp_path):
    from analysis.toy import write_toy

    package = write_toy(tmp_path / "empty")
    claims = package / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["report", str(package), "--out", str(out)]) == 0
    files = set(_files(out))
    assert {"index.html", "explorer.html", "findings.json", "manifest.json"} <= files
    for notebook in report.notebook_paths():
        assert f"notebooks/{notebook.stem}.html" in files
