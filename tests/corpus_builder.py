"""Write a tiny data package (SPEC part 1) from Python lists, for tests to check by eye.

A test names only what matters to it; everything else gets a plain default:

* ``entities``: ``(entity_id, type)`` pairs or dicts; the name defaults to
  the id with a capital letter;
* ``claims``: dicts; ``status`` defaults to ``done``, ``source`` to ``s1``,
  ``said_by`` to the first ``media`` entity (which must then exist), and
  the evidence to ``quote`` ``"quote of <claim_id>"`` for a claim of a
  stored source, ``paraphrase`` ``"paraphrase of <claim_id>"`` for a claim
  of a ``cited`` one;
* ``predicates``: by default one per predicate the claims use, allowing any
  entity type (``*``), labelled with the predicate's words;
* ``sources``: by default one source ``s1`` published ``2022-12-10``; each
  stored source's text is its claims' quotes, one per line, so the quote
  check holds; a ``cited`` source (``"text": "cited"``) has no text file and
  its ``url`` defaults to ``https://example.invalid/<source_id>``.

Any key not in the SPEC's columns becomes an extra column. The package is
validated on loading, so a test built on a malformed package fails loudly.

Examples
--------
>>> import tempfile
>>> folder = write_corpus(
...     tempfile.mkdtemp(),
...     entities=[("acme", "platform"), ("freedonia", "place"), ("daily", "media")],
...     claims=[{"claim_id": "c1", "subject": "acme", "predicate": "open_office_in", "object": "freedonia"}],
... )
>>> sorted(p.name for p in folder.iterdir())
['claims.csv', 'entities.csv', 'predicates.csv', 'sources', 'sources.csv']
"""

from __future__ import annotations

from pathlib import Path

import analysis
from analysis.vocabulary import TABLES

__all__ = ["write_corpus", "load_corpus", "entity", "claim"]

TESTS_DIR = Path(__file__).resolve().parent
ARDENIA_DIR = TESTS_DIR / "corpora" / "ardenia"
DATA_DIR = TESTS_DIR.parent / "data"


def entity(entity_id: str, type: str, **columns) -> dict:
    """One row of entities.csv; the name defaults to the capitalised id."""
    return {"entity_id": entity_id, "name": entity_id.capitalize(), "type": type, **columns}


def claim(claim_id: str, subject: str, predicate: str, object: str, **columns) -> dict:
    """One row of claims.csv with the four columns every test names."""
    return {"claim_id": claim_id, "subject": subject, "predicate": predicate, "object": object, **columns}


def _cell(value) -> str:
    """RFC 4180: quote a cell holding a comma, a quote or any line break (the csv module misses a lone CR)."""
    text = "" if value is None else str(value)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv(name: str, rows: list[dict]) -> str:
    columns = list(TABLES[name].columns)
    for row in rows:
        columns += [c for c in row if c not in columns]
    lines = [",".join(columns)] + [",".join(_cell(row.get(c)) for c in columns) for row in rows]
    return "\n".join(lines) + "\n"


def write_corpus(folder, *, entities, claims, predicates=None, sources=None) -> Path:
    """Write the data package into `folder` (created if need be) and return it.

    Parameters
    ----------
    folder : path
    entities : list of tuple or dict
        ``(entity_id, type)`` or a full row.
    claims : list of dict
        At least ``claim_id``, ``subject``, ``predicate``, ``object``.
    predicates : list of dict, optional
        Full rows; by default every predicate used, allowing any type.
    sources : list of dict, optional
        Full rows but for ``title``, ``publisher`` and ``kind``, which default.
    """
    folder = Path(folder)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    entities = [entity(*row) if isinstance(row, tuple) else row for row in entities]
    media = next((e["entity_id"] for e in entities if e["type"] == "media"), None)
    if sources is None:
        sources = [{"source_id": "s1", "published": "2022-12-10"}]
    cited = {s["source_id"] for s in sources if s.get("text") == "cited"}
    claims = [{"status": "done", "said_by": media, "source": "s1", **row} for row in claims]
    claims = [
        {"paraphrase": f"paraphrase of {row['claim_id']}", **row}
        if row["source"] in cited
        else {"quote": f"quote of {row['claim_id']}", **row}
        for row in claims
    ]
    if predicates is None:
        used = dict.fromkeys(row["predicate"] for row in claims)
        predicates = [
            {"predicate": p, "label": p.replace("_", " "), "subject_types": "*", "object_types": "*"} for p in used
        ]
    sources = [{"title": f"Title of {s['source_id']}", "publisher": "The Daily", "kind": "news", **s} for s in sources]
    sources = [
        {"url": f"https://example.invalid/{s['source_id']}", **s} if s["source_id"] in cited else s for s in sources
    ]
    for source in sources:
        if source["source_id"] in cited:
            continue
        quotes = [row["quote"] for row in claims if row["source"] == source["source_id"] and row.get("quote")]
        text = "\n".join(quotes) + "\n"
        (folder / "sources" / f"{source['source_id']}.txt").write_text(text, encoding="utf-8")
    tables = {"sources": sources, "entities": entities, "predicates": predicates, "claims": claims}
    for name, rows in tables.items():
        (folder / f"{name}.csv").write_text(_csv(name, rows), encoding="utf-8")
    return folder


def load_corpus(folder, **tables) -> analysis.Dataset:
    """:func:`write_corpus`, then :func:`analysis.load` it."""
    return analysis.load(write_corpus(folder, **tables))
