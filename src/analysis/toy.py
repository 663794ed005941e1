"""A toy corpus for the examples in docstrings: small enough to check by eye.

The doctests of the package run on this corpus, never on the bundled data,
so that a curator who replaces ``data/`` with their own corpus keeps a
green test suite. It is written once per process into a temporary folder
and loaded like any other data package.

The corpus: one report of *The Daily* (10 December 2022) in which the IT
minister says on Friday that Acme and Bolt have agreed to open offices in
Freedonia (one statement, two claims); the paper says Acme keeps its data
abroad though the Online Rules require local servers; industry insiders say
Bolt is hesitant (read as hesitant to open an office: an ``inferred`` claim).

Examples
--------
>>> dataset = toy_dataset()
>>> dataset.counts
{'sources': 1, 'entities': 9, 'predicates': 3, 'claims': 5}
>>> dataset.select().claims["claim_id"].tolist()
['acme-office-agreed', 'bolt-office-agreed', 'acme-servers-not-done', 'rules-require-servers']
"""

from __future__ import annotations

import atexit
import csv
import functools
import io
import shutil
import tempfile
from pathlib import Path

__all__ = ["TOY_FILES", "write_toy", "toy_dataset"]

_TEXT = (
    "FREEDONIA, 10 December: IT Minister Ana Ruiz said on Friday that Acme and Bolt have agreed "
    "to open offices in Freedonia. Acme keeps its data abroad, though the Online Rules require "
    "servers in Freedonia. Industry insiders said Bolt is hesitant.\n"
)


def _csv(header: str, rows: list[tuple]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header.split(","))
    writer.writerows(rows)
    return out.getvalue()


#: file name -> text of the toy data package.
TOY_FILES = {
    "sources.csv": _csv(
        "source_id,title,publisher,published,kind",
        [("daily-1", "Acme and Bolt agree to open offices", "The Daily", "2022-12-10", "news")],
    ),
    "sources/daily-1.txt": _TEXT,
    "entities.csv": _csv(
        "entity_id,name,type,role",
        [
            ("acme", "Acme", "platform", ""),
            ("bolt", "Bolt", "platform", ""),
            ("freedonia", "Freedonia", "place", ""),
            ("minister", "Ana Ruiz", "person", "IT Minister"),
            ("daily", "The Daily", "media", ""),
            ("insiders", "industry insiders", "unnamed_source", ""),
            ("rules", "Online Rules", "law", ""),
            ("office", "Office in Freedonia", "requirement", ""),
            ("servers", "Servers in Freedonia", "requirement", ""),
        ],
    ),
    "predicates.csv": _csv(
        "predicate,label,subject_types,object_types",
        [
            ("open_office_in", "opens an office in", "platform|company|group", "place"),
            ("store_data_in", "stores data in", "platform|company|group", "place"),
            ("requires", "requires", "law", "requirement"),
        ],
    ),
    "claims.csv": _csv(
        "claim_id,subject,predicate,object,status,said_by,source,quote,reading,requirement,said_on,date_text,notes",
        [
            (
                "acme-office-agreed", "acme", "open_office_in", "freedonia", "agreed", "minister", "daily-1",
                "Acme and Bolt have agreed to open offices in Freedonia", "", "office", "2022-12-09", "on Friday", "",
            ),
            (
                "bolt-office-agreed", "bolt", "open_office_in", "freedonia", "agreed", "minister", "daily-1",
                "Acme and Bolt have agreed to open offices in Freedonia", "", "office", "2022-12-09", "on Friday", "",
            ),
            (
                "acme-servers-not-done", "acme", "store_data_in", "freedonia", "not_done", "daily", "daily-1",
                "Acme keeps its data abroad", "", "servers", "", "", "",
            ),
            (
                "rules-require-servers", "rules", "requires", "servers", "done", "daily", "daily-1",
                "the Online Rules require servers in Freedonia", "", "", "", "", "",
            ),
            (
                "bolt-office-reluctant", "bolt", "open_office_in", "freedonia", "reluctant", "insiders", "daily-1",
                "Industry insiders said Bolt is hesitant", "inferred", "office", "", "",
                "hesitant, the words do not say to do what: read as hesitant to open an office",
            ),
        ],
    ),
}


def write_toy(folder) -> Path:
    """Write the toy data package into `folder` (created if need be); return it."""
    folder = Path(folder)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    for rel, text in TOY_FILES.items():
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


@functools.lru_cache(maxsize=1)
def _toy_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="liaison-toy-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return write_toy(folder / "toy")


def toy_dataset():
    """The toy corpus, loaded (a fresh :class:`~analysis.Dataset` each call)."""
    from .dataset import load

    return load(_toy_folder())
