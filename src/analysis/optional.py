"""The optional exports' libraries, imported only when a file that needs them is written.

FollowTheMoney, sqlite-utils and bibtexparser are the ``exports`` extra:
without them liaison works, and writing their files says what to install.

Examples
--------
>>> def missing():
...     import no_such_module_here
>>> optional_import(missing, file="x.db", package="no-such", module="no_such_module_here")
Traceback (most recent call last):
...
ModuleNotFoundError: writing x.db needs the no-such package, an optional dependency of liaison: pip install 'liaison[exports]'
"""

from __future__ import annotations

__all__ = ["optional_import"]


def optional_import(load, *, file: str, package: str, module: str, version: str = ""):
    """Return ``load()``, or say which package writing `file` needs when it is not installed.

    `load` imports and returns what the caller needs; `package` is the name
    shown to the user (as pip knows it), `module` the import name the error
    carries, `version` the release it must be, when that matters.
    """
    try:
        return load()
    except ImportError as error:
        raise ModuleNotFoundError(
            f"writing {file} needs the {package} package{f' (version {version})' if version else ''}, "
            "an optional dependency of liaison: "
            "pip install 'liaison[exports]'",
            name=module,
        ) from error
