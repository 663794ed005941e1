"""Where things are: the one module that builds paths from the package location.

The bundled data package, the notebooks and the default output folder are
found relative to the repository root, so that nothing depends on the
working directory a user starts from.

Examples
--------
>>> (DATA_DIR / "claims.csv").is_file()
True
>>> NOTEBOOKS_DIR.name
'notebooks'
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ROOT", "DATA_DIR", "NOTEBOOKS_DIR", "REPORTS_DIR", "README", "source_text_path"]

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
