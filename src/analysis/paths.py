"""Where things are: the one module that builds paths from the package location.

The bundled data package and the notebooks are found where the package is,
so that nothing depends on the working directory a user starts from:

- installed from a wheel, inside the package, as ``analysis/bundled/data``
  and ``analysis/bundled/notebooks`` (``setup.py`` copies them there from the
  repository root at build time), read through :mod:`importlib.resources`;
- in a source checkout or an editable install (``make setup``), at the
  repository root: ``data/`` and ``notebooks/``.

:func:`output_folder` is the one check of where a command may write: not
into the input package (a user's own CSVs would be rewritten), not an empty
path (the working directory), not ``/`` or another system folder, not a
home folder itself. :func:`shown` prints any path, even one whose name is
not valid UTF-8.

Examples
--------
>>> DATA_DIR.name, NOTEBOOKS_DIR.name
('data', 'notebooks')
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from .problems import UsageError

__all__ = [
    "DATA_DIR",
    "NOTEBOOKS_DIR",
    "bundled",
    "source_text_path",
    "output_folder",
    "shown",
    "SYSTEM_FOLDERS",
]


def bundled(name: str) -> Path:
    """The folder `name` (``data`` or ``notebooks``) that ships with liaison.

    Inside the installed package when it is there, else at the root of the
    source checkout this module lies in. The result need not exist: a
    command given it then says the folder was not found.

    Examples
    --------
    >>> bundled("notebooks").name
    'notebooks'
    """
    inside = resources.files(__package__) / "bundled" / name
    # a wheel is installed unpacked, so the package's resources are plain files
    if isinstance(inside, Path) and inside.is_dir():
        return inside
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / name).is_dir():
        return checkout / name
    return inside if isinstance(inside, Path) else checkout / name


#: The bundled, curated data package.
DATA_DIR = bundled("data")

#: The narrative notebooks, as jupytext py:percent pairs.
NOTEBOOKS_DIR = bundled("notebooks")


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


def output_folder(out, data=None, what: str = "--out") -> Path:
    """The folder a command may write its outputs into, resolved; or a :class:`UsageError` saying why not.

    Parameters
    ----------
    out : str or path-like
        The ``--out`` folder. It need not exist. A symbolic link given here
        is the user's choice and is followed; nothing inside it ever is.
    data : path-like, optional
        The input data package; the output must not be it or lie inside it.
    what : str, default ``"--out"``
        How the messages name `out` (the option, or ``folder`` for ``analysis new``).

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
        raise UsageError(
            f"{what} is empty: name the folder to write into (an empty path would mean the working folder)"
        )
    given = shown(out)
    resolved = Path(os.path.realpath(os.path.abspath(os.fspath(out))))
    if resolved == Path(resolved.anchor):
        raise UsageError(f"{what} {given} is the root of the file system: choose a folder of its own")
    if resolved.as_posix() in SYSTEM_FOLDERS:
        raise UsageError(f"{what} {given} is a system folder: choose a folder of its own")
    if resolved == Path(os.path.realpath(Path.home())):
        raise UsageError(f"{what} {given} is your home folder itself: choose a folder of its own")
    if data is not None:
        package = Path(os.path.realpath(os.path.abspath(os.fspath(data))))
        if resolved == package:
            raise UsageError(
                f"{what} {given} is the data package {shown(data)}: writing there would rewrite the package's "
                "own files; choose a folder outside it"
            )
        if package in resolved.parents:
            raise UsageError(
                f"{what} {given} lies inside the data package {shown(data)}: writing there would change the "
                "package; choose a folder outside it"
            )
    return resolved
