"""Output you can trust: where a command may write, how a set of outputs is written, what a pipe does.

Issue 11, items 3, 4, 10, 11, 12 and 13:

* ``--out`` is never the input package or inside it, never empty, never a
  system folder, and nothing inside it is followed (item 3);
* a CSV meant for a spreadsheet carries no live formula; the tables of the
  export stay lossless (item 4);
* an output set is built aside and moved in whole with ``manifest.json``
  last; an interrupted run leaves the previous set, a concurrent one is
  refused (item 10);
* a reader that goes away does not turn invalid data into exit 0 (item 11);
* the report imports nbconvert's world before its threads start (item 12),
  and two runs of a notebook give the same page however its printing was
  split (item 13).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import ARDENIA_DIR, EXPORTED_FILES, write_package

import analysis
from analysis import cli, report
from analysis.export import (
    LOCK,
    MANIFEST,
    OutputBusy,
    export,
    output_set,
    spreadsheet_csv,
    verify_manifest,
    write_atomic,
)
from analysis.problems import UsageError


def run_cli(*args, timeout=120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        **kwargs,
    )


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def hidden(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob(".*"))


@pytest.fixture
def package(tmp_path):
    return write_package(tmp_path / "package")


# -- item 3: where a command may write --------------------------------------------------


@pytest.fixture
def curated(package):
    """The tiny package as a curator on Windows saves it: a BOM and CRLF line ends."""
    for rel in ("sources.csv", "entities.csv", "predicates.csv", "claims.csv"):
        path = package / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    return package


@pytest.mark.parametrize("command", ["export", "figures", "report"])
def test_out_that_is_the_data_package_is_refused_and_the_package_is_untouched(curated, command, capsys):
    before = folder_bytes(curated)
    assert cli.main([command, str(curated), "--out", str(curated)]) == 2
    assert capsys.readouterr().err == (
        f"analysis: --out {curated} is the data package {curated}: writing there would rewrite the package's own "
        "files; choose a folder outside it\n"
    )
    assert folder_bytes(curated) == before


@pytest.mark.parametrize("command", ["export", "figures", "report"])
def test_out_inside_the_data_package_is_refused_and_not_created(package, command, capsys):
    out = package / "sources" / "out"
    assert cli.main([command, str(package), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"analysis: --out {out} lies inside the data package {package}: writing there would change the package; "
        "choose a folder outside it\n"
    )
    assert not out.exists()


def test_out_inside_the_bundled_package_is_refused_when_data_is_not_given(capsys):
    assert cli.main(["export", "--out", str(analysis.paths.DATA_DIR / "export")]) == 2
    assert "lies inside the data package" in capsys.readouterr().err
    assert not (analysis.paths.DATA_DIR / "export").exists()


def test_out_reached_through_a_link_into_the_package_is_refused(package, tmp_path, capsys):
    (tmp_path / "sneaky").symlink_to(package)
    assert cli.main(["export", str(package), "--out", str(tmp_path / "sneaky" / "out")]) == 2
    assert "lies inside the data package" in capsys.readouterr().err


def test_empty_out_is_a_usage_error(package, tmp_path):
    done = run_cli("export", package, "--out", "", cwd=tmp_path)
    assert done.returncode == 2
    assert "argument --out: is empty: name the folder to write into" in done.stderr
    assert list(tmp_path.iterdir()) == [package]


@pytest.mark.parametrize(
    ("out", "why"),
    [("/", "is the root of the file system"), ("/usr", "is a system folder"), ("/etc/", "is a system folder")],
)
def test_out_that_is_a_system_folder_is_refused(package, out, why, capsys):
    assert cli.main(["export", str(package), "--out", out]) == 2
    assert capsys.readouterr().err == f"analysis: --out {Path(out)} {why}: choose a folder of its own\n"


def test_out_that_is_the_home_folder_is_refused(package, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    assert cli.main(["export", str(package), "--out", str(tmp_path / "home")]) == 2
    assert "is your home folder itself" in capsys.readouterr().err
    assert list((tmp_path / "home").iterdir()) == []


def test_a_link_to_a_folder_inside_out_is_replaced_not_written_through(package, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "s1.txt").write_text("the victim's own file")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sources").symlink_to(victim)
    export(analysis.load(package), out)
    assert (victim / "s1.txt").read_text() == "the victim's own file"
    assert not (out / "sources").is_symlink()
    assert (out / "sources" / "s1.txt").read_bytes() == (package / "sources" / "s1.txt").read_bytes()


def test_a_link_where_an_output_file_goes_is_replaced_not_written_through(package, tmp_path):
    victim = tmp_path / "victim.csv"
    victim.write_text("the victim's own file")
    out = tmp_path / "out"
    out.mkdir()
    (out / "claims.csv").symlink_to(victim)
    (out / LOCK).symlink_to(tmp_path / "victim-lock")
    export(analysis.load(package), out)
    assert victim.read_text() == "the victim's own file"
    assert not (tmp_path / "victim-lock").exists()
    assert not (out / "claims.csv").is_symlink()
    assert analysis.validate(out) == []


def test_out_given_as_a_link_is_followed_as_the_users_choice(package, tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    export(analysis.load(package), tmp_path / "link")
    assert (tmp_path / "link").is_symlink()
    assert (tmp_path / "real" / "claims.csv").is_file()


# -- item 4: formulas in CSV files ---------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://evil.invalid","click")', '"\'=HYPERLINK(""http://evil.invalid"",""click"")"'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tTAB", "'\tTAB"),
        ("\r=1", "\"'\r=1\""),
        ("-3", "-3"),
        ("+4.5", "+4.5"),
        ("a=b", "a=b"),
        ("Acme", "Acme"),
    ],
    ids=["equals", "plus", "minus", "at", "tab", "carriage-return", "negative", "positive", "inside", "plain"],
)
def test_spreadsheet_csv_defuses_what_a_spreadsheet_would_run(cell, written):
    text = spreadsheet_csv(pd.DataFrame({"name": [cell], "n": [-1]}))
    assert text == f"name,n\n{written},-1\n"


def test_spreadsheet_csv_defuses_column_names_too():
    assert spreadsheet_csv(pd.DataFrame({"=x": ["a"]})) == "'=x\na\n"


def test_the_tables_of_the_export_keep_a_formula_exactly_as_curated(package, tmp_path, rewrite):
    formula = '=HYPERLINK("http://evil.invalid","click")'
    rewrite.replace(package, "entities.csv", "acme,Acme,", f'acme,"{formula.replace(chr(34), chr(34) * 2)}",')
    export(analysis.load(package), tmp_path / "out")
    again = analysis.load(tmp_path / "out")
    assert again.entities.set_index("entity_id").loc["acme", "name"] == formula


def test_figure_csvs_carry_no_live_formula(package, tmp_path, rewrite):
    rewrite.replace(package, "entities.csv", "ministry,Ministry of IT,", "ministry,=1+1,")  # a party's name
    assert cli.main(["figures", str(package), "--out", str(tmp_path / "figures"), "--format", "svg"]) == 0
    cells = [
        cell
        for path in (tmp_path / "figures").glob("*.csv")
        for cell in pd.read_csv(path, dtype=str, keep_default_na=False).to_numpy().ravel().tolist()
    ]
    assert "'=1+1" in cells and "=1+1" not in cells


# -- item 10: output sets, manifests, locks ------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_export_writes_a_manifest_of_every_file_with_its_sha256(package, tmp_path):
    out = tmp_path / "out"
    export(analysis.load(package), out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["liaison"] == analysis.__version__
    files = [entry["path"] for entry in manifest["files"]]
    assert files == sorted([*EXPORTED_FILES, "sources/s1.txt"])
    for entry in manifest["files"]:
        data = (out / entry["path"]).read_bytes()
        assert entry == {"path": entry["path"], "sha256": sha256(data), "bytes": len(data)}


def test_the_manifest_names_the_input_by_the_hash_sha256sum_gives(package, tmp_path):
    export(analysis.load(package), tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    rels = ["claims.csv", "entities.csv", "predicates.csv", "sources.csv", "sources/s1.txt"]
    lines = "".join(f"{sha256((package / rel).read_bytes())}  {rel}\n" for rel in rels)
    assert manifest["input"] == {"sha256": sha256(lines.encode()), "files": 5}


def test_verify_manifest_accepts_a_complete_set_and_names_what_changed_or_is_missing(package, tmp_path):
    out = tmp_path / "out"
    export(analysis.load(package), out)
    assert verify_manifest(out) == []
    (out / "graph.json").write_text("{}")
    (out / "compliance.csv").unlink()
    assert [str(p) for p in verify_manifest(out)] == [
        "compliance.csv: listed in manifest.json but missing",
        "graph.json: differs from manifest.json (sha256): changed after it was written, or the set is incomplete",
    ]
    (out / MANIFEST).unlink()
    assert [str(p) for p in verify_manifest(out)] == [
        "manifest.json: not found: the output set is incomplete (interrupted?) or not liaison's",
    ]


@pytest.fixture
def two_packages(tmp_path):
    """The tiny package, and a copy whose first claim's notes differ (so every table differs)."""
    old = write_package(tmp_path / "old")
    new = write_package(tmp_path / "new")
    text = (new / "claims.csv").read_text(encoding="utf-8")
    (new / "claims.csv").write_text(text.replace("on Friday,\n", "on Friday,changed\n", 1), encoding="utf-8")
    return old, new


def test_an_export_interrupted_while_building_leaves_the_previous_set_whole(two_packages, tmp_path, monkeypatch):
    old, new = two_packages
    out = tmp_path / "out"
    export(analysis.load(old), out)
    before = folder_bytes(out)

    def interrupted(*args, **kwargs):  # after the graph files and tables are written aside
        raise KeyboardInterrupt

    monkeypatch.setattr("analysis.export.compliance_table", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export(analysis.load(new), out)
    assert folder_bytes(out) == before
    assert verify_manifest(out) == []
    assert hidden(out) == []


def test_an_export_killed_while_building_leaves_the_previous_set_and_the_next_run_cleans_up(two_packages, tmp_path):
    old, new = two_packages
    out = tmp_path / "out"
    export(analysis.load(old), out)
    before = folder_bytes(out)
    script = textwrap.dedent(
        f"""
        import os, signal
        import analysis, analysis.export as ex
        def killed(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)
        ex.compliance_table = killed
        ex.export(analysis.load({str(new)!r}), {str(out)!r})
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert done.returncode == -signal.SIGKILL
    assert {k: v for k, v in folder_bytes(out).items() if not k.startswith(".")} == before
    assert verify_manifest(out) == []
    assert any(name.startswith(".liaison-tmp-") for name in os.listdir(out))  # what kill -9 leaves
    export(analysis.load(new), out)
    assert hidden(out) == []
    assert verify_manifest(out) == []
    assert analysis.load(out).claims["notes"].tolist()[0] == "changed"


def test_a_second_run_into_the_same_out_is_refused_naming_the_lock(package, tmp_path, capsys):
    out = tmp_path / "out"
    with output_set(out) as staging:
        write_atomic(staging / "first.txt", "the first run")
        assert cli.main(["export", str(package), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        with pytest.raises(OutputBusy):
            export(analysis.load(package), out)
    assert err == (
        f"analysis: another liaison run (process {os.getpid()}) is writing into {out}: it holds the lock "
        f"{out / LOCK}; wait for it to finish, or choose another --out\n"
    )
    assert sorted(os.listdir(out)) == ["first.txt", "manifest.json"]


def test_a_lock_left_by_a_killed_run_is_taken_over(package, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK).write_text("999999\n")
    export(analysis.load(package), out)
    assert hidden(out) == []


def test_files_of_the_previous_set_are_removed_and_other_files_are_left_alone(package, tmp_path, rewrite):
    out = tmp_path / "out"
    (package / "sources" / "s2.txt").write_text("Second text.\n", encoding="utf-8")
    rewrite.replace(package, "sources.csv", "news,,,\n", "news,,,\ns2,Second,The Daily,2022-12-11,news,,,\n")
    export(analysis.load(package), out)
    (out / "mine.txt").write_text("keep me")
    assert (out / "sources" / "s2.txt").is_file()
    rewrite.replace(package, "sources.csv", "s2,Second,The Daily,2022-12-11,news,,,\n", "")
    export(analysis.load(package), out)
    assert not (out / "sources" / "s2.txt").exists()
    assert (out / "mine.txt").read_text() == "keep me"
    assert verify_manifest(out) == []


@pytest.mark.parametrize("listed", ["../victim.txt", "{victim}", "sources/../../victim.txt"])
def test_a_manifest_that_lists_files_outside_out_removes_nothing_there(package, tmp_path, listed):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    entry = {"path": listed.format(victim=victim), "sha256": "0" * 64, "bytes": 0}
    (out / MANIFEST).write_text(json.dumps({"files": [entry]}))
    export(analysis.load(package), out)
    assert victim.read_text() == "keep me"


def test_a_folder_where_an_output_file_goes_is_refused_before_anything_moves(package, tmp_path, capsys):
    out = tmp_path / "out"
    (out / "graph.json").mkdir(parents=True)
    assert cli.main(["export", str(package), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"analysis: {out / 'graph.json'} is a folder where liaison writes a file: remove it, or choose another --out\n"
    )
    assert sorted(os.listdir(out)) == ["graph.json"]


def test_a_failed_export_into_a_new_folder_leaves_no_folder(package, tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.export.compliance_table", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        export(analysis.load(package), tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.fixture
def quick_report(monkeypatch):
    """build_report with one stand-in notebook (a real one would start a kernel) and one stand-in figure."""
    import nbformat

    def one_figure(dataset, out, **kwargs):
        Path(out).mkdir(parents=True, exist_ok=True)
        return [write_atomic(Path(out) / "network.svg", "<svg/>")]

    def stand_in(path, data, timeout=600):
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A stand-in")])

    monkeypatch.setattr(report, "notebook_paths", lambda folder=None: [Path("01_stand_in.py")])
    monkeypatch.setattr(report, "run_notebook", stand_in)
    monkeypatch.setattr("analysis.figures.write_figures", one_figure)
    return report.build_report


def test_a_report_is_one_output_set_with_a_manifest(quick_report, package, tmp_path):
    out = tmp_path / "report"
    index = quick_report(package, out)
    assert index == out / "index.html"
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    listed = [entry["path"] for entry in manifest["files"]]
    assert {
        "index.html",
        "claims.html",
        "notebooks/01_stand_in.html",
        "explorer.html",
        "findings.json",
        "export/claims.csv",
        "figures/network.svg",
    } <= set(listed)
    assert "export/manifest.json" not in listed
    assert verify_manifest(out) == []
    assert hidden(out) == []


def test_a_failing_report_leaves_the_previous_report_whole(quick_report, two_packages, tmp_path, monkeypatch):
    old, new = two_packages
    out = tmp_path / "report"
    quick_report(old, out)
    before = folder_bytes(out)
    monkeypatch.setattr(report, "notebook_paths", lambda folder=None: [Path("01_broken.py")])

    def failing(path, data, timeout=600):
        raise report.NotebookError(path.name, 2, "ValueError: boom")

    monkeypatch.setattr(report, "run_notebook", failing)
    with pytest.raises(report.NotebookError):
        report.build_report(new, out)  # its exports differ: none may reach `out`
    assert folder_bytes(out) == before
    assert hidden(out) == []


def test_a_second_report_into_the_same_out_is_refused(quick_report, package, tmp_path):
    out = tmp_path / "report"
    with output_set(out):
        with pytest.raises(OutputBusy, match=r"\.liaison\.lock"):
            quick_report(package, out)


def test_output_folder_errors_are_usage_errors():
    assert issubclass(OutputBusy, UsageError)


# -- item 11: a reader that goes away ------------------------------------------------------


@pytest.fixture
def very_invalid(package):
    """The tiny package with 2,000 claims of an unknown status: more problem lines than a pipe buffers."""
    rows = "".join(f"x{i},acme,complies_with,req-office,maybe,daily,s1,Acme declined,,,,\n" for i in range(2000))
    with open(package / "claims.csv", "a", encoding="utf-8") as stream:
        stream.write(rows)
    return package


def validate_into_a_closed_pipe(folder) -> subprocess.CompletedProcess:
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis", "validate", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # the reader is gone before the first line is written
    err = process.stderr.read().decode("utf-8")
    process.wait(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, None, err)


def test_validate_of_invalid_data_into_a_closed_pipe_exits_1(very_invalid):
    done = validate_into_a_closed_pipe(very_invalid)
    assert done.returncode == 1
    assert done.stderr == ""


def test_validate_of_valid_data_into_a_closed_pipe_exits_0(package):
    done = validate_into_a_closed_pipe(package)
    assert done.returncode == 0
    assert done.stderr == ""


def test_validate_piped_into_head_fails_a_pipefail_gate_on_invalid_data(very_invalid):
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f'"{sys.executable}" -m analysis validate "{very_invalid}" | head -1'],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout.startswith("claims.csv:5: status: ")
    assert done.stderr == ""


# -- item 12: imports before threads ---------------------------------------------------------


def test_report_imports_ipython_and_nbconvert_before_starting_threads(package, tmp_path):
    script = textwrap.dedent(
        f"""
        import sys
        from analysis import report

        class Probe:
            def __init__(self, *args, **kwargs):
                wanted = ["IPython", "IPython.lib.lexers", "jupytext", "nbclient", "nbconvert"]
                print(" ".join(name for name in wanted if name not in sys.modules))
                raise SystemExit(0)

        report.ThreadPoolExecutor = Probe
        report.build_report({str(package)!r}, {str(tmp_path / "out")!r})
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "\n"  # nothing missing


# -- item 13: the same page from the same notebook ---------------------------------------------


def executed(outputs) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("print('a'); display(fig); print('b')")
    cell.id = "cell-0"
    cell.outputs = [nbformat.v4.new_output(kind, **fields) for kind, fields in outputs]
    return nbformat.v4.new_notebook(cells=[cell], metadata={"language_info": {"name": "python"}})


FIGURE = ("display_data", {"data": {"text/plain": "<Figure>"}})
RESULT = ("execute_result", {"data": {"text/plain": "42"}, "execution_count": 1})


@pytest.mark.parametrize(
    "outputs",
    [
        [("stream", {"name": "stdout", "text": "a\n"}), FIGURE, ("stream", {"name": "stdout", "text": "b\n"}), RESULT],
        [FIGURE, ("stream", {"name": "stdout", "text": "a\nb\n"}), RESULT],
        [("stream", {"name": "stdout", "text": "a"}), ("stream", {"name": "stdout", "text": "\nb\n"}), FIGURE, RESULT],
    ],
    ids=["split-around-figure", "late-flush", "split-mid-line"],
)
def test_stream_outputs_split_differently_give_the_same_page(outputs):
    reference = executed([("stream", {"name": "stdout", "text": "a\nb\n"}), FIGURE, RESULT])
    page = report.notebook_html(report.normalize_outputs(executed(outputs)))
    assert page == report.notebook_html(report.normalize_outputs(reference))


def test_stdout_and_stderr_each_become_one_output_before_the_others():
    notebook = executed(
        [
            ("stream", {"name": "stderr", "text": "warning 1\n"}),
            ("stream", {"name": "stdout", "text": "a\n"}),
            FIGURE,
            ("stream", {"name": "stderr", "text": "warning 2\n"}),
            ("stream", {"name": "stdout", "text": "b\n"}),
            RESULT,
        ]
    )
    outputs = report.normalize_outputs(notebook).cells[0].outputs
    assert [(o.output_type, o.get("name"), o.get("text")) for o in outputs] == [
        ("stream", "stdout", "a\nb\n"),
        ("stream", "stderr", "warning 1\nwarning 2\n"),
        ("display_data", None, None),
        ("execute_result", None, None),
    ]


def test_ardenia_export_still_loads_with_its_manifest(tmp_path):
    out = tmp_path / "out"
    export(analysis.load(ARDENIA_DIR), out)
    assert analysis.validate(out) == []
    assert verify_manifest(out) == []
