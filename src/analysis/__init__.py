"""liaison: how global platforms answer a country's online-content rules.

The package reads a curated data package of sourced claims (SPEC part 1)
into a :class:`Dataset` and answers questions of it: who complies with which
requirement, who says so, where accounts disagree, and when.

Examples
--------
>>> import analysis
>>> from analysis.toy import write_toy
>>> import tempfile
>>> dataset = analysis.load(write_toy(tempfile.mkdtemp()))
>>> int((dataset.claims["said_by"] == "minister").sum())
2
"""

from .dataset import Dataset, load, validate
from .problems import DataPackageNotFound, DataValidationError, Problem

__all__ = ["Dataset", "load", "validate", "Problem", "DataValidationError", "DataPackageNotFound"]
__version__ = "0.1.0"
