"""Property tests: no bytes in any file of a package make the loader or the CLI crash.

Whatever a curator's editor (or a broken download) leaves in a file,
``analysis.load`` either returns a Dataset or raises DataValidationError
carrying at least one problem, and ``analysis validate`` exits 0 or 1 with no
traceback.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from conftest import PACKAGE_FILES, TINY_FILES, write_file, write_package
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis import cli
from analysis.problems import DataValidationError, Problem

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Bytes a CSV parser finds interesting, mixed in more often than chance would.
_SPECIAL = st.sampled_from(
    [b'"', b",", b"\n", b"\r", b"\r\n", b'""', b"\xef\xbb\xbf", b"\x00", b"\xff", b"|", b"\xc3", b" "]
)
_BYTES = st.one_of(
    st.binary(max_size=400),
    st.lists(st.one_of(_SPECIAL, st.binary(max_size=4)), max_size=60).map(b"".join),
)


def _check_package(folder: Path) -> None:
    """The two entry points behave on `folder`, whatever is in it."""
    try:
        dataset = analysis.load(folder)
    except DataValidationError as error:
        assert error.problems, "a DataValidationError must carry at least one problem"
        assert all(isinstance(p, Problem) for p in error.problems)
        for problem in error.problems:
            line = str(problem)
            assert line.startswith(problem.path + ":")
            assert problem.line is None or problem.line >= 1
        valid = False
    else:
        assert set(dataset.counts) == {"sources", "entities", "predicates", "claims"}
        valid = True

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["validate", str(folder)])
    assert code == (0 if valid else 1)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    if valid:
        assert out.getvalue().startswith("ok: ")
    else:
        assert out.getvalue().strip(), "an invalid package must print its problems"


@SETTINGS
@given(rel=st.sampled_from(PACKAGE_FILES), content=_BYTES)
def test_any_file_replaced_by_arbitrary_bytes(rel, content):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_package(Path(tmp) / "package")
        write_file(folder, rel, content)
        _check_package(folder)


@SETTINGS
@given(rel=st.sampled_from(PACKAGE_FILES), data=st.data(), inserted=_BYTES.filter(bool))
def test_random_bytes_inserted_into_a_valid_file(rel, data, inserted):
    original = TINY_FILES[rel].encode("utf-8")
    offset = data.draw(st.integers(min_value=0, max_value=len(original)), label="offset")
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_package(Path(tmp) / "package")
        write_file(folder, rel, original[:offset] + inserted + original[offset:])
        _check_package(folder)


@SETTINGS
@given(
    rel=st.sampled_from(PACKAGE_FILES),
    data=st.data(),
    replacement=st.sampled_from([b'"', b",", b"\n", b"\r", b"", b"\xff", b"|", b"-"]),
)
def test_one_byte_changed_in_a_valid_file(rel, data, replacement):
    """Small, plausible typos: one byte replaced by a CSV-significant one (or deleted)."""
    original = TINY_FILES[rel].encode("utf-8")
    offset = data.draw(st.integers(min_value=0, max_value=len(original) - 1), label="offset")
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_package(Path(tmp) / "package")
        write_file(folder, rel, original[:offset] + replacement + original[offset + 1 :])
        _check_package(folder)


def test_the_tiny_package_itself_is_valid(tiny_package):
    """The seed every property starts from loads (else the properties prove little)."""
    assert analysis.load(tiny_package()).counts == {
        "sources": 1,
        "entities": 5,
        "predicates": 2,
        "claims": 3,
    }
