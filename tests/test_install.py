"""Installed from a wheel, outside the repository, liaison works (issue 10, item 1).

The wheel is built from a copy of the sources, installed with the pinned
versions into a fresh virtual environment in a temporary folder, and every
command runs from a working folder outside the repository: on the bundled
data, which the wheel carries, and on a package made by ``analysis new`` and
filled in by hand, following the README's curator commands literally.

Slow: the install takes a minute or two (pip's cache and the local index
make it offline), each report about a minute.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_cli import OK_FILLED, fill_by_hand, readme_curator_commands

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]

#: What the build reads: the metadata, the build hook, the package, and what the hook copies in.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "CHANGELOG.md", "src", "data",
                "notebooks")  # fmt: skip

_JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints")


def _run(argv, cwd, env, timeout=900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the venv's bin folder, a working folder outside the repository, its environment)."""
    base = tmp_path_factory.mktemp("installed")
    # build from a copy: an in-tree build would leave build/ and egg-info in the repository
    source = base / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=_JUNK)
        else:
            shutil.copy2(origin, source / name)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", base / "dist", source], base, env)
    assert built.returncode == 0, built.stderr
    (wheel,) = (base / "dist").glob("liaison-*.whl")

    venv = base / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv], base, env)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / "bin"
    done = _run(
        [sys.executable, "-m", "pip", "--python", bin_dir / "python", "install", "-q", "--no-compile",
         "-c", ROOT / "constraints.txt", wheel],
        base, env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    work = base / "work"
    work.mkdir()
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return bin_dir, work, env, venv


def analysis(installed, *argv, cwd=None):
    bin_dir, work, env, _ = installed
    return _run([bin_dir / "analysis", *argv], cwd or work, env)


def _leaks(folder: Path, paths) -> list[str]:
    """Files under `folder` whose bytes contain any of `paths`."""
    needles = [os.fsencode(str(p)) for p in paths]
    return sorted(
        str(f.relative_to(folder)) for f in folder.rglob("*") if f.is_file() and any(n in f.read_bytes() for n in needles)
    )


def test_the_package_and_its_bundled_data_come_from_the_venv_not_the_repository(installed):
    bin_dir, work, env, venv = installed
    shown = _run(
        [bin_dir / "python", "-c", "import analysis.paths as p; print(p.__file__); print(p.DATA_DIR); print(p.NOTEBOOKS_DIR)"],
        work, env,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    module, data, notebooks = (Path(line) for line in shown.stdout.splitlines())
    for path in (module, data, notebooks):
        assert venv.resolve() in path.resolve().parents, path
    assert (data / "claims.csv").is_file() and (data / "CHANGELOG.md").is_file()
    assert list((data / "sources").glob("*.txt"))
    assert len(list(notebooks.glob("[0-9][0-9]_*.py"))) >= 1


def test_version_validate_and_findings_on_the_bundled_data(installed):
    version = analysis(installed, "--version")
    assert (version.returncode, version.stdout.startswith("analysis (liaison) ")) == (0, True), version.stderr
    valid = analysis(installed, "validate")
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert valid.stdout.splitlines()[-1].startswith("ok: ")
    found = analysis(installed, "findings", "--json")
    assert found.returncode == 0, found.stderr
    assert found.stdout.lstrip().startswith("[")


def test_a_package_made_by_new_and_filled_by_hand_validates(installed):
    _, work, _, _ = installed
    made = analysis(installed, "new", "X")
    assert made.returncode == 0, made.stderr
    fill_by_hand(work / "X")
    valid = analysis(installed, "validate", "X")
    assert (valid.returncode, valid.stdout) == (0, OK_FILLED + "\n"), valid.stderr
    found = analysis(installed, "findings", "X")
    assert found.returncode == 0, found.stderr


def test_report_on_the_bundled_data_from_outside_the_repository(installed):
    _, work, _, venv = installed
    done = analysis(installed, "report", "--out", "R")
    assert done.returncode == 0, done.stderr
    assert (work / "R" / "index.html").is_file()
    assert list((work / "R" / "notebooks").glob("*.html"))
    assert _leaks(work / "R", [venv, ROOT]) == []


def test_the_readme_curator_commands_work_as_written(installed):
    _, work, _, venv = installed
    folder = work / "readme-curator"
    folder.mkdir()
    for command in readme_curator_commands():
        argv = shlex.split(command)
        done = analysis(installed, *argv[1:], cwd=folder)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        if argv[1] == "new":
            fill_by_hand(folder / argv[2])
        if argv[1] == "validate":
            assert done.stdout == OK_FILLED + "\n"
        if argv[1] == "report":
            out = folder / argv[argv.index("--out") + 1]
            assert (out / "index.html").is_file()
            assert _leaks(out, [venv, ROOT]) == []
