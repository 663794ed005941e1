"""Build hook: ship the bundled data package and the notebooks inside the wheel.

Everything else about the build is in pyproject.toml. ``data/`` and
``notebooks/`` stay at the repository root (SPEC part 1: the bundled data
package is ``data/``), where a curator and a reviewer find them; a built
package carries copies of both under ``analysis/bundled/``, where
:mod:`analysis.paths` looks first. An editable install (``make setup``)
copies nothing: the package then reads them from the repository itself.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent

#: folder at the repository root -> folder inside the built package
BUNDLED = {"data": "analysis/bundled/data", "notebooks": "analysis/bundled/notebooks"}

_JUNK = shutil.ignore_patterns("__pycache__", "*.py[cod]", ".ipynb_checkpoints", ".DS_Store")


class build_py_with_bundled(build_py):
    """``build_py`` that also copies the bundled folders into the built package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for source, target in BUNDLED.items():
            origin, destination = HERE / source, Path(self.build_lib, target)
            if not origin.is_dir():
                raise SystemExit(f"setup.py: {origin} is missing: the wheel would have no {source}/")
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(origin, destination, ignore=_JUNK)

    def get_outputs(self, include_bytecode=1):
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            for target in BUNDLED.values():
                folder = Path(self.build_lib, target)
                outputs += [str(p) for p in sorted(folder.rglob("*")) if p.is_file()]
        return outputs


setup(cmdclass={"build_py": build_py_with_bundled})
