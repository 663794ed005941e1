"""Where things are: the one module that builds paths from the package location.

The bundled data package, the notebooks and the default output folder are
found relative to the repository root, so that nothing depends on the
working directory a user starts from.

:func:`output_folder` is the one check of where a command may write: not
into the input package (a user's own CSVs would be rewritten), not an empty
path (the working directory), not ``/`` or another system folder, not a
home folder itself. :func:`shown` prints any path, even one whose name is
not valid UTF-8.

Examples
--------
>>> (DATA_DIR / "claims.csv").is_file()
True
>>> NOTEBOOKS_DIR.name
'notebooks'
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import UsageError

__all__ = [
    "ROOT",
    "DATA_DIR",
    "NOTEBOOKS_DIR",
    "REPORTS_DIR",
    "README",
    "source_text_path",
    "output_folder",
    "shown",
    "SYSTEM_FOLDERS",
]

#: The repository root (the package is installed in development mode from it).
ROOT = Path(__file__).resolve().parents[2]

#: The bundled, curated data package.
DATA_DIR = ROOT / "data"

#: The narrative notebooks, as jupytext py:percent pairs.
NOTEBOOKS_DIR = ROOT / "notebooks"

#: Where ``make report`` writes.
REPORTS_DIR = ROOT / "reports"

#: The README, whose findings section is generated.
README = ROOT / "README.md"


def source_text_path(data_dir: Path, source_id: str) -> Path:
    """Return the path of the full text of `source_id` in a data package.

    Examples
    --------
    >>> source_text_path(Path("data"), "dawn-1").as_posix()
    'data/sources/dawn-1.txt'
    """
    return Path(data_dir) / "sources" / f"{source_id}.txt"


#: Folders no command writes into: the roots of an operating system's own
#: files. Writing there would scatter outputs among system files.
SYSTEM_FOLDERS = frozenset(
    [
        "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt",
        "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var",
        "/Applications", "/Library", "/System", "/Users", "/Volumes", "/private", "/private/etc", "/private/tmp",
        "/private/var",
    ]
)  # fmt: skip


def shown(path) -> str:
    """`path` as printable text: bytes that are not UTF-8 become ``\\xNN`` escapes.

    A folder name from another system (Latin-1 ``café``) reaches Python as
    a string with lone surrogates, which no UTF-8 writer accepts.

    Examples
    --------
    >>> import os
    >>> shown(os.fsdecode(b"caf\\xe9/data"))
    'caf\\\\xe9/data'
    >>> shown(Path("Zo\u00eb"))
    'Zoë'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def output_folder(out, data=None) -> Path:
    """The folder a command may write its outputs into, resolved; or a :class:`UsageError` saying why not.

    Parameters
    ----------
    out : str or path-like
        The ``--out`` folder. It need not exist. A symbolic link given here
        is the user's choice and is followed; nothing inside it ever is.
    data : path-like, optional
        The input data package; the output must not be it or lie inside it.

    Returns
    -------
    pathlib.Path
        `out`, absolute, with symbolic links resolved.

    Raises
    ------
    UsageError
        If `out` is empty, a file system root, a system folder, a home
        folder itself, or is or lies inside `data`.

    Examples
    --------
    >>> output_folder("/", None)
    Traceback (most recent call last):
    ...
    analysis.problems.UsageError: --out / is the root of the file system: choose a folder of its own
    >>> output_folder("data/out", "data")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.problems.UsageError: --out data/out lies inside the data package data: ... choose a folder outside it
    """
    if out is None or str(out).strip() == "":
        raise UsageError("--out is empty: name the folder to write into (an empty path would mean the working folder)")
    given = shown(out)
    resolved = Path(os.path.realpath(os.path.abspath(os.fspath(out))))
    if resolved == Path(resolved.anchor):
        raise UsageError(f"--out {given} is the root of the file system: choose a folder of its own")
    if resolved.as_posix() in SYSTEM_FOLDERS:
        raise UsageError(f"--out {given} is a system folder: choose a folder of its own")
    if resolved == Path(os.path.realpath(Path.home())):
        raise UsageError(f"--out {given} is your home folder itself: choose a folder of its own")
    if data is not None:
        package = Path(os.path.realpath(os.path.abspath(os.fspath(data))))
        if resolved == package:
            raise UsageError(
                f"--out {given} is the data package {shown(data)}: writing there would rewrite the package's "
                "own files; choose a folder outside it"
            )
        if package in resolved.parents:
            raise UsageError(
                f"--out {given} lies inside the data package {shown(data)}: writing there would change the "
                "package; choose a folder outside it"
            )
    return resolved
