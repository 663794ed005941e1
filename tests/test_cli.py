"""The command line (SPEC part 2, issue 10 items 2 and 6): options checked, errors mapped narrowly, `new`.

Exit codes: 0 success, 1 invalid data, 2 usage error. A bug inside a
command is shown as one (traceback, ``internal error, please report``,
exit 1), never as a usage error.
"""

from __future__ import annotations

import csv
import errno
import io
import re
import shlex
import shutil
from importlib.metadata import version
from pathlib import Path

import pytest

import analysis
from analysis import cli, paths
from analysis.problems import DataValidationError, Problem

README = Path(__file__).resolve().parents[1] / "README.md"

OK_TINY = "ok: 1 sources, 5 entities, 2 predicates, 3 claims"


def run(capsys, *argv):
    """(exit code, stdout, stderr) of ``analysis ARGV``."""
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------
# a package filled in by hand, as a curator does after `analysis new`

SOURCE_ID = "daily-2023-05-02-acme-office"
SOURCE_TEXT = "GOTHAM, 2 May 2023: Acme said on Tuesday that it has opened an office in Freedonia.\n"


def append_row(path: Path, **cells) -> None:
    """Add one record to a CSV file, under the header it already has."""
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.DictWriter(out, header, lineterminator="\n").writerow(cells)
    with path.open("a", encoding="utf-8", newline="") as stream:
        stream.write(out.getvalue())


def fill_by_hand(folder: Path) -> Path:
    """One stored source, two entities, one relation, one claim quoting the source: ``ok: 1, 2, 1, 1``."""
    folder = Path(folder)
    (folder / "sources" / f"{SOURCE_ID}.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    append_row(
        folder / "sources.csv",
        source_id=SOURCE_ID,
        title="Acme opens office in Freedonia",
        publisher="The Daily",
        published="2023-05-02",
        kind="news",
    )
    append_row(folder / "entities.csv", entity_id="acme", name="Acme", type="platform")
    append_row(folder / "entities.csv", entity_id="freedonia", name="Freedonia", type="place")
    # the curator keeps only the relation this corpus uses
    (folder / "predicates.csv").write_text(
        "predicate,label,subject_types,object_types,description\n"
        "open_office_in,opens an office in,platform|company,place,\n",
        encoding="utf-8",
    )
    append_row(
        folder / "claims.csv",
        claim_id="acme-office-done",
        subject="acme",
        predicate="open_office_in",
        object="freedonia",
        status="done",
        said_by="acme",
        source=SOURCE_ID,
        quote="it has opened an office in Freedonia",
        said_on="2023-05-02",
        date_text="on Tuesday",
    )
    return folder


OK_FILLED = "ok: 1 sources, 2 entities, 1 predicates, 1 claims"


# ---------------------------------------------------------------------------
# --version


def test_version_names_the_command_the_distribution_and_its_installed_version(capsys):
    code, out, err = run(capsys, "--version")
    assert code == 0
    assert out == f"analysis (liaison) {version('liaison')}\n"
    assert err == ""


# ---------------------------------------------------------------------------
# --jobs


@pytest.mark.parametrize("jobs", ["0", "-1", "two", "1.5", ""])
def test_jobs_below_one_or_not_a_whole_number_is_a_usage_error(jobs, tmp_path, capsys):
    code, out, err = run(capsys, "report", "--out", tmp_path / "r", "--jobs", jobs)
    assert code == 2
    assert "argument --jobs:" in err and "give 1 or more" in err
    assert "Traceback" not in err
    assert not (tmp_path / "r").exists()


def test_jobs_of_one_is_accepted_as_the_number_one():
    args = cli.build_parser().parse_args(["report", "--out", "r", "--jobs", "1"])
    assert args.jobs == 1


# ---------------------------------------------------------------------------
# --format


def test_formats_are_case_insensitive_and_each_is_kept_once_in_the_order_given():
    args = cli.build_parser().parse_args(["figures", "--out", "f", "--format", "PNG,Svg,png"])
    assert args.format == ["png", "svg"]


def test_the_default_formats_are_png_svg_and_pdf():
    assert cli.build_parser().parse_args(["figures", "--out", "f"]).format == ["png", "svg", "pdf"]


def test_figures_in_an_upper_case_format_are_written(tiny_package, tmp_path, capsys):
    out = tmp_path / "figures"
    code, _, err = run(capsys, "figures", tiny_package(), "--out", out, "--format", "SVG")
    assert code == 0, err
    assert (out / "compliance.svg").is_file()
    assert not list(out.glob("*.png"))


@pytest.mark.parametrize(
    "given, named", [("png,gif", "'gif'"), ("jpeg,TIFF", "'jpeg', 'tiff'"), (",", None), ("", None)]
)
def test_an_unknown_or_empty_format_is_a_usage_error_naming_the_allowed_ones(given, named, tmp_path, capsys):
    code, _, err = run(capsys, "figures", "--out", tmp_path / "f", "--format", given)
    assert code == 2
    assert "argument --format:" in err
    assert "choose from png, svg, pdf" in err
    if named:
        assert f"unknown format {named}" in err
    assert not (tmp_path / "f").exists()


# ---------------------------------------------------------------------------
# report --notebooks


@pytest.fixture
def fake_build_report(monkeypatch, tmp_path):
    """Replace the report builder; record the keywords it is called with."""
    import analysis.report

    calls = []

    def build_report(data, out, **options):
        calls.append(options)
        return Path(out) / "index.html"

    monkeypatch.setattr(analysis.report, "build_report", build_report)
    return calls


def test_report_passes_the_notebooks_folder_when_given(fake_build_report, tiny_package, tmp_path, capsys):
    code, _, _ = run(capsys, "report", tiny_package(), "--out", tmp_path / "r", "--notebooks", tmp_path / "mine")
    assert code == 0
    assert fake_build_report == [{"jobs": None, "notebooks": tmp_path / "mine"}]


def test_report_passes_no_notebooks_keyword_when_not_given(fake_build_report, tiny_package, tmp_path, capsys):
    code, _, _ = run(capsys, "report", tiny_package(), "--out", tmp_path / "r", "--jobs", "2")
    assert code == 0
    assert fake_build_report == [{"jobs": 2}]


# ---------------------------------------------------------------------------
# errors mapped narrowly


def _last_line(text: str) -> str:
    return text.rstrip("\n").splitlines()[-1]


def test_a_bug_inside_figures_is_an_internal_error_with_its_traceback_not_a_usage_error(
    tiny_package, tmp_path, monkeypatch, capsys
):
    import analysis.figures

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(analysis.figures, "write_figures", broken)
    code, _, err = run(capsys, "figures", tiny_package(), "--out", tmp_path / "f", "--format", "svg")
    assert code == 1
    assert err.startswith("Traceback (most recent call last):")
    assert _last_line(err) == "analysis: internal error, please report: ValueError: boom"
    assert "usage" not in err
    assert not (tmp_path / "f").exists() or not any((tmp_path / "f").iterdir())


def test_a_bug_inside_summary_is_an_internal_error(tiny_package, monkeypatch, capsys):
    import analysis.summary

    def broken(*args, **kwargs):
        raise KeyError("status")

    monkeypatch.setattr(analysis.summary, "summary_text", broken)
    code, out, err = run(capsys, "summary", tiny_package())
    assert code == 1
    assert "Traceback" in err
    assert _last_line(err) == "analysis: internal error, please report: KeyError: 'status'"


def test_an_os_error_about_a_file_of_liaisons_own_is_an_internal_error(tiny_package, monkeypatch, capsys):
    import analysis.summary

    def broken(*args, **kwargs):
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "/nowhere/liaison/template.j2")

    monkeypatch.setattr(analysis.summary, "summary_text", broken)
    code, _, err = run(capsys, "summary", tiny_package())
    assert code == 1
    assert "Traceback" in err
    assert _last_line(err).startswith("analysis: internal error, please report: FileNotFoundError:")


def test_an_out_folder_that_cannot_be_made_is_a_clean_message(tiny_package, tmp_path, capsys):
    (tmp_path / "a-file").write_text("not a folder\n")
    out = tmp_path / "a-file" / "export"
    code, _, err = run(capsys, "export", tiny_package(), "--out", out)
    assert code == 2
    assert "Traceback" not in err
    assert err.startswith("analysis: cannot write ")
    assert "Not a directory" in err


def test_a_file_of_the_data_package_that_cannot_be_read_is_a_clean_message(
    tiny_package, monkeypatch, capsys
):
    import analysis.dataset

    package = tiny_package()

    def unreadable(path=None):
        raise PermissionError(errno.EACCES, "Permission denied", str(Path(path) / "claims.csv"))

    monkeypatch.setattr(analysis.dataset, "load", unreadable)
    code, _, err = run(capsys, "summary", package)
    assert code == 1
    assert err == f"analysis: cannot read {package / 'claims.csv'}: Permission denied\n"


def test_a_full_disk_is_a_clean_message(tiny_package, tmp_path, monkeypatch, capsys):
    import analysis.export

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(analysis.export, "write_export", full)
    code, _, err = run(capsys, "export", tiny_package(), "--out", tmp_path / "x")
    assert code == 2
    assert err == "analysis: cannot write: No space left on device\n"


def test_a_missing_data_folder_is_still_a_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, "summary", tmp_path / "nothing-here")
    assert code == 2
    assert "Traceback" not in err


# ---------------------------------------------------------------------------
# validate: warnings


class _Said:
    """A stand-in for a Problem: what validate prints is its str()."""

    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


def test_validate_without_warnings_prints_the_spec_line_exactly(tiny_package, capsys):
    code, out, _ = run(capsys, "validate", tiny_package())
    assert (code, out) == (0, OK_TINY + "\n")


def test_validate_prints_each_warning_and_counts_them_in_the_ok_line(tiny_package, monkeypatch, capsys):
    import analysis.dataset

    package = tiny_package()
    dataset = analysis.load(package)
    warnings = (_Said("claims.csv:3: quote: warning: two words"), _Said("entities.csv:4: entity_id: warning: unused"))
    object.__setattr__(dataset, "warnings", warnings)
    monkeypatch.setattr(analysis.dataset, "load", lambda path=None: dataset)
    code, out, _ = run(capsys, "validate", package)
    assert code == 0
    assert out == (
        "claims.csv:3: quote: warning: two words\n"
        "entities.csv:4: entity_id: warning: unused\n"
        f"{OK_TINY}; 2 warnings\n"
    )


def test_one_warning_is_counted_in_the_singular(tiny_package, monkeypatch, capsys):
    import analysis.dataset

    package = tiny_package()
    dataset = analysis.load(package)
    object.__setattr__(dataset, "warnings", (_Said("entities.csv:4: entity_id: warning: unused"),))
    monkeypatch.setattr(analysis.dataset, "load", lambda path=None: dataset)
    code, out, _ = run(capsys, "validate", package)
    assert out.splitlines()[-1] == f"{OK_TINY}; 1 warning"


def test_an_entity_no_claim_uses_is_warned_about_and_the_package_still_validates(tiny_package, rewrite, capsys):
    package = tiny_package()
    with (package / "entities.csv").open("a", encoding="utf-8") as stream:
        stream.write("bolt,Bolt,platform,,,,\n")  # line 7
    code, out, _ = run(capsys, "validate", package)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("entities.csv:7: entity_id: warning: 'bolt' ")
    assert lines[1] == "ok: 1 sources, 6 entities, 2 predicates, 3 claims; 1 warning"


def test_invalid_data_prints_its_problems_then_its_warnings_and_exits_1(tiny_package, monkeypatch, capsys):
    import analysis.dataset

    error = DataValidationError([Problem("claims.csv", 2, "status", "'Planned' is not a status")])
    error.warnings = (_Said("entities.csv:4: entity_id: warning: unused"),)

    def load(path=None):
        raise error

    monkeypatch.setattr(analysis.dataset, "load", load)
    code, out, _ = run(capsys, "validate", tiny_package())
    assert code == 1
    assert out == "claims.csv:2: status: 'Planned' is not a status\nentities.csv:4: entity_id: warning: unused\n"


# ---------------------------------------------------------------------------
# new


def _header(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def test_new_writes_the_four_tables_with_their_headers_and_no_rows(tmp_path, capsys):
    folder = tmp_path / "mycorpus"
    code, out, err = run(capsys, "new", folder)
    assert code == 0, err
    assert out.startswith(f"new data package: {folder}\n")
    assert (folder / "sources.csv").read_text() == "source_id,title,publisher,published,kind,url,text,author,notes\n"
    assert (folder / "entities.csv").read_text() == "entity_id,name,type,aliases,role,country,description\n"
    assert (folder / "claims.csv").read_text() == (
        "claim_id,subject,predicate,object,status,said_by,source,"
        "quote,paraphrase,reading,requirement,date,said_on,date_text,notes\n"
    )
    assert _header(folder / "predicates.csv") == "predicate,label,subject_types,object_types,description"
    assert (folder / "sources").is_dir() and not any((folder / "sources").iterdir())


def test_new_starts_from_the_bundled_predicate_vocabulary(tmp_path, capsys):
    run(capsys, "new", tmp_path / "mycorpus")
    bundled = (paths.DATA_DIR / "predicates.csv").read_text(encoding="utf-8-sig")
    assert (tmp_path / "mycorpus" / "predicates.csv").read_text(encoding="utf-8") == bundled


def test_a_new_package_validates_as_it_is(tmp_path, capsys):
    run(capsys, "new", tmp_path / "mycorpus")
    code, out, _ = run(capsys, "validate", tmp_path / "mycorpus")
    assert code == 0
    assert re.fullmatch(r"ok: 0 sources, 0 entities, \d+ predicates, 0 claims\n", out)


def test_a_new_package_filled_by_hand_validates(tmp_path, capsys):
    run(capsys, "new", tmp_path / "mycorpus")
    fill_by_hand(tmp_path / "mycorpus")
    code, out, err = run(capsys, "validate", tmp_path / "mycorpus")
    assert (code, out) == (0, OK_FILLED + "\n"), out + err


def test_the_curators_readme_says_what_each_file_is_and_how_to_check_the_package(tmp_path, capsys):
    run(capsys, "new", tmp_path / "mycorpus")
    text = (tmp_path / "mycorpus" / "README.md").read_text(encoding="utf-8")
    for words in ("sources.csv", "entities.csv", "predicates.csv", "claims.csv", "[a-z0-9][a-z0-9_-]*",
                  "paraphrase", "`inferred`", "analysis validate mycorpus",
                  "analysis report mycorpus --out reports/mycorpus"):  # fmt: skip
        assert words in text


def test_new_into_an_existing_empty_folder_fills_it(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, _, _ = run(capsys, "new", tmp_path / "empty")
    assert code == 0
    assert (tmp_path / "empty" / "claims.csv").is_file()


def test_new_refuses_a_folder_that_is_not_empty_and_leaves_it_alone(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes\n")
    code, out, err = run(capsys, "new", folder)
    assert code == 2
    assert err == (
        f"analysis: {folder} exists and is not empty: choose a new folder "
        "(analysis new writes only into a new or empty one)\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_new_refuses_a_file(tmp_path, capsys):
    (tmp_path / "taken").write_text("x\n")
    code, _, err = run(capsys, "new", tmp_path / "taken")
    assert code == 2
    assert "exists and is not a folder" in err


def test_new_refuses_a_folder_inside_the_bundled_data_package(capsys):
    target = paths.DATA_DIR / "mycorpus"
    code, _, err = run(capsys, "new", target)
    assert code == 2
    assert "lies inside the data package" in err
    assert not target.exists()


def test_new_is_written_whole_or_not_at_all(tmp_path, monkeypatch, capsys):
    import analysis.scaffold

    def broken(name):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(analysis.scaffold, "curator_readme", broken)
    code, _, err = run(capsys, "new", tmp_path / "mycorpus")
    assert code == 1
    assert _last_line(err) == "analysis: internal error, please report: RuntimeError: interrupted"
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------
# the README's "Adding your own sources", followed literally


def readme_curator_commands() -> list[str]:
    """The commands of the first ``sh`` block under "Adding your own sources" in README.md."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Adding your own sources", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "README: 'Adding your own sources' has no ```sh block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_curator_block_is_new_validate_report_on_a_folder_of_ones_own():
    commands = readme_curator_commands()
    assert [shlex.split(c)[:2] for c in commands] == [
        ["analysis", "new"],
        ["analysis", "validate"],
        ["analysis", "report"],
    ]
    folders = {shlex.split(c)[2] for c in commands}
    assert len(folders) == 1 and "data" not in folders


def test_following_the_readme_in_a_folder_of_ones_own_validates_and_touches_nothing_else(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    bundled_before = {p: p.read_bytes() for p in paths.DATA_DIR.rglob("*") if p.is_file()}
    for command in readme_curator_commands():
        argv = shlex.split(command)[1:]
        if argv[0] == "report":
            # the report runs every notebook: tests/test_install.py runs it from an installed wheel
            args = cli.build_parser().parse_args(argv)
            assert not paths.output_folder(args.out, args.data).is_relative_to(Path(args.data).resolve())
            continue
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        if argv[0] == "new":
            fill_by_hand(tmp_path / argv[1])
        if argv[0] == "validate":
            assert out == OK_FILLED + "\n"
    assert {p: p.read_bytes() for p in paths.DATA_DIR.rglob("*") if p.is_file()} == bundled_before


def test_a_source_added_to_a_copy_of_the_bundled_data_validates(tmp_path, capsys):
    copy = tmp_path / "mycopy"
    shutil.copytree(paths.DATA_DIR, copy)
    before = analysis.load(copy).counts
    (copy / "sources" / f"{SOURCE_ID}.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    append_row(copy / "sources.csv", source_id=SOURCE_ID, title="Acme opens office", publisher="The Daily",
               published="2023-05-02", kind="news")  # fmt: skip
    append_row(copy / "entities.csv", entity_id="acme-test-platform", name="Acme", type="platform")
    append_row(copy / "entities.csv", entity_id="freedonia-test-place", name="Freedonia", type="place")
    (copy / "predicates.csv").write_text(
        (copy / "predicates.csv").read_text(encoding="utf-8-sig").rstrip("\n")
        + "\nopens_test_office_in,opens an office in,platform,place,\n",
        encoding="utf-8",
    )
    append_row(copy / "claims.csv", claim_id="acme-test-office-done", subject="acme-test-platform",
               predicate="opens_test_office_in", object="freedonia-test-place", status="done",
               said_by="acme-test-platform", source=SOURCE_ID, quote="it has opened an office in Freedonia")  # fmt: skip
    code, out, err = run(capsys, "validate", copy)
    assert code == 0, out + err
    assert out.splitlines()[-1].startswith(
        f"ok: {before['sources'] + 1} sources, {before['entities'] + 2} entities, "
        f"{before['predicates'] + 1} predicates, {before['claims'] + 1} claims"
    )
