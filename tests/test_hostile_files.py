"""A data package from someone else: files that lead out of it, files that never end, names that break readers.

Issue 11, items 1, 2 and 14. A data package is received from others, so
every file of it is read only if it is a regular file inside the package
folder (``analysis.csvfile.read_bytes``), up to a size cap; what is refused
is a ``PATH: message`` problem and exit 1 from every command, never a hang,
a traceback, or a secret copied into the outputs.

The hostile packages are built by fixtures (a FIFO cannot be committed):
each is the tiny valid package of conftest.py with one file replaced.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from conftest import SOURCE_TEXT, write_package

import analysis
from analysis import cli
from analysis.csvfile import DEFAULT_MAX_FILE_BYTES, read_bytes

#: A stand-in for /etc/shadow: a file outside the package that a claim of the
#: package quotes, so that following the link would pass every check.
SECRET = SOURCE_TEXT + "root:$6$secret-hash:19000:0:99999:7:::\n"
OUTSIDE = "outside the data package folder: only files inside the package are read"
FIFO = "is a named pipe (FIFO), not a regular file"


def problems(folder: Path) -> list[str]:
    return [str(p) for p in analysis.validate(folder)]


def run_cli(*args, timeout=60, env=None) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS``; a command that hangs fails the test after `timeout` seconds."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
    )


@pytest.fixture
def package(tmp_path):
    return write_package(tmp_path / "package")


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def replace_with_link(package: Path, rel: str, target) -> None:
    path = package / rel
    path.unlink()
    path.symlink_to(target)


# -- item 1: nothing is followed out of the package ------------------------------------


def test_a_source_text_linked_to_a_file_outside_the_package_is_refused(package, secret):
    replace_with_link(package, "sources/s1.txt", secret)
    assert problems(package) == [f"sources/s1.txt: is a symbolic link to {secret}, {OUTSIDE}"]


@pytest.mark.parametrize("target", ["/proc/self/environ", "/etc/passwd"])
def test_a_source_text_linked_to_a_system_file_is_refused(package, target):
    replace_with_link(package, "sources/s1.txt", target)
    assert problems(package) == [f"sources/s1.txt: is a symbolic link to {target}, {OUTSIDE}"]


def test_a_relative_link_that_climbs_out_of_the_package_is_refused(package, secret):
    replace_with_link(package, "sources/s1.txt", Path("..") / ".." / secret.name)
    assert problems(package) == [f"sources/s1.txt: is a symbolic link to ../../{secret.name}, {OUTSIDE}"]


@pytest.mark.parametrize("rel", ["claims.csv", "entities.csv"])
def test_a_table_linked_to_a_file_outside_the_package_is_refused(package, tmp_path, rel):
    copy = tmp_path / f"copy-{rel}"
    copy.write_bytes((package / rel).read_bytes())
    replace_with_link(package, rel, copy)
    assert problems(package) == [f"{rel}: is a symbolic link to {copy}, {OUTSIDE}"]


def test_a_sources_folder_linked_outside_the_package_is_refused_file_by_file(package, tmp_path, secret):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "s1.txt").write_text(SECRET, encoding="utf-8")
    (package / "sources" / "s1.txt").unlink()
    (package / "sources").rmdir()
    (package / "sources").symlink_to(elsewhere)
    assert problems(package) == [
        f"sources/s1.txt: resolves to {elsewhere / 's1.txt'} through a symbolic link, {OUTSIDE}",
    ]


def test_a_descriptor_linked_outside_the_package_is_refused(package, tmp_path):
    elsewhere = tmp_path / "datapackage.json"
    elsewhere.write_text("{}", encoding="utf-8")
    (package / "datapackage.json").symlink_to(elsewhere)
    assert problems(package) == [f"datapackage.json: is a symbolic link to {elsewhere}, {OUTSIDE}"]


def test_a_link_that_stays_inside_the_package_is_followed(package):
    texts = package / "texts"
    texts.mkdir()
    (package / "sources" / "s1.txt").rename(texts / "s1.txt")
    (package / "sources" / "s1.txt").symlink_to(Path("..") / "texts" / "s1.txt")
    assert problems(package) == []
    assert analysis.load(package).texts == {"s1": SOURCE_TEXT}


def test_a_sources_folder_linked_inside_the_package_is_read(package):
    (package / "sources").rename(package / "texts")
    (package / "sources").symlink_to("texts")
    assert problems(package) == []
    assert analysis.load(package).texts == {"s1": SOURCE_TEXT}


def test_a_text_that_is_a_link_beside_plain_texts_is_still_refused(package, secret):
    # the plain texts are read through the open folder; the link is not, and read_bytes refuses it
    with open(package / "sources.csv", "a", encoding="utf-8") as sources:
        sources.write("s2,Acme again,The Daily,2022-12-11,news,,,\n")
    (package / "sources" / "s2.txt").symlink_to(secret)
    assert problems(package) == [f"sources/s2.txt: is a symbolic link to {secret}, {OUTSIDE}"]


def test_the_package_folder_itself_may_be_a_link(package, tmp_path):
    link = tmp_path / "link-to-package"
    link.symlink_to(package)
    assert problems(link) == []


def test_a_link_to_a_missing_file_inside_the_package_is_a_missing_file(package):
    replace_with_link(package, "sources/s1.txt", "gone.txt")
    assert problems(package) == [
        "sources/s1.txt: file not found (a symbolic link to gone.txt, which does not exist)",
    ]


# -- item 2: nothing hangs, nothing is read without bound -------------------------------


@pytest.mark.parametrize("rel", ["sources/s1.txt", "claims.csv", "datapackage.json"])
def test_a_named_pipe_is_refused_without_waiting_on_it(package, rel):
    if (package / rel).exists():
        (package / rel).unlink()
    os.mkfifo(package / rel)
    done = run_cli("validate", package, timeout=60)  # opening the pipe to read would wait forever
    assert done.returncode == 1
    assert done.stdout == f"{rel}: {FIFO}\n"
    assert done.stderr == ""


def test_a_link_to_dev_zero_is_refused_before_it_is_read(package):
    replace_with_link(package, "sources/s1.txt", "/dev/zero")
    assert problems(package) == [f"sources/s1.txt: is a symbolic link to /dev/zero, {OUTSIDE}"]


def test_a_device_is_not_a_regular_file():
    # /dev/null inside the "package" /dev: only the kind of file is wrong
    raw, found = read_bytes(Path("/dev/null"), "null")
    assert raw is None
    assert [str(p) for p in found] == ["null: is a character device, not a regular file"]


def test_the_size_cap_is_one_gibibyte_by_default():
    assert DEFAULT_MAX_FILE_BYTES == 1024**3


def test_a_file_over_the_size_cap_is_a_problem_naming_the_file_its_size_and_the_cap(package, monkeypatch):
    sizes = {rel: (package / rel).stat().st_size for rel in ("claims.csv", "sources/s1.txt")}
    cap = 300
    assert sizes["claims.csv"] > cap > sizes["sources/s1.txt"]
    monkeypatch.setenv("LIAISON_MAX_FILE_BYTES", str(cap))
    assert problems(package) == [
        f"claims.csv: is {sizes['claims.csv']:,} bytes, over the limit of 300 bytes per file; set the "
        "environment variable LIAISON_MAX_FILE_BYTES to a larger number of bytes to read it",
    ]


def test_the_size_cap_is_raised_through_the_environment(package, monkeypatch):
    monkeypatch.setenv("LIAISON_MAX_FILE_BYTES", "300")
    assert problems(package) != []
    monkeypatch.setenv("LIAISON_MAX_FILE_BYTES", "1_000_000")
    assert problems(package) == []


@pytest.mark.parametrize("value", ["lots", "0", "-5", "1.5"])
def test_a_malformed_size_cap_is_a_usage_error(package, value):
    done = run_cli("validate", package, env={"LIAISON_MAX_FILE_BYTES": value})
    assert done.returncode == 2
    assert done.stderr == (
        f"analysis: LIAISON_MAX_FILE_BYTES={value!r} is not a positive number of bytes (e.g. 4000000000)\n"
    )


# -- item 14: tracebacks on odd input ---------------------------------------------------


def test_a_header_cell_longer_than_csv_readers_allow_is_a_problem(package):
    path = package / "entities.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[0] += "," + "x" * 131_073
    lines[1:] = [line + "," if line else line for line in lines[1:]]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert problems(package) == [
        "entities.csv:1: header cell 8 is 131,073 characters long, over the limit of 131,072 for a cell that "
        "CSV readers apply: a line break or a quote is missing",
    ]


def test_a_long_header_cell_with_a_stray_quote_is_reported_without_a_traceback(package):
    path = package / "claims.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text('x' * 131_073 + ',a"b' + text[text.index(","):], encoding="utf-8")
    found = problems(package)
    assert found and all(line.startswith("claims.csv:1: ") for line in found)


@pytest.fixture
def latin1_package(tmp_path):
    """The tiny package in a folder whose name is Latin-1 ``café``: not valid UTF-8."""
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))
    return write_package(folder)


def test_validate_a_package_whose_folder_name_is_not_utf8(latin1_package, capsys):
    assert cli.main(["validate", str(latin1_package)]) == 0
    assert capsys.readouterr().out == "ok: 1 sources, 5 entities, 2 predicates, 3 claims\n"


def test_a_missing_package_whose_name_is_not_utf8_is_named_readably(tmp_path):
    missing = os.fsdecode(bytes(tmp_path) + b"/caf\xe9-missing")
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", os.fsencode(missing)],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert b"data package folder not found" in done.stderr


def test_export_a_package_whose_folder_name_is_not_utf8(latin1_package, tmp_path, capsys):
    out = Path(os.fsdecode(bytes(tmp_path) + b"/out-\xff"))
    assert cli.main(["export", str(latin1_package), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote 16 files to {tmp_path}/out-\\xff\n"
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == "liaison data package: caf\\xe9"
    G = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert G.graph["name"].startswith("caf")  # how the odd byte is shown is analysis.graph.graph_name's
    assert analysis.validate(out) == []


def test_figures_of_a_package_whose_folder_name_is_not_utf8(latin1_package, tmp_path, capsys):
    assert cli.main(["figures", str(latin1_package), "--out", str(tmp_path / "figures"), "--format", "svg"]) == 0


# -- every command refuses a hostile package the same way --------------------------------


@pytest.fixture
def hostile(tmp_path):
    """A package with a source text linked to a secret and a FIFO for a descriptor."""
    package = write_package(tmp_path / "hostile")
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    replace_with_link(package, "sources/s1.txt", secret)
    os.mkfifo(package / "datapackage.json")
    return package, secret


@pytest.mark.parametrize("command", ["validate", "export", "figures", "report", "summary"])
def test_every_command_refuses_a_hostile_package_with_exit_1_and_writes_nothing(hostile, tmp_path, command):
    package, secret = hostile
    out = tmp_path / "out"
    args = [command, package] + ([] if command in ("validate", "summary") else ["--out", out])
    done = run_cli(*args, timeout=120)
    lines = sorted((done.stdout + done.stderr).splitlines())
    assert done.returncode == 1, done.stderr
    assert lines == [f"datapackage.json: {FIFO}", f"sources/s1.txt: is a symbolic link to {secret}, {OUTSIDE}"]
    assert not out.exists()
