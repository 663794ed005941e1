"""What is in a data package, at a glance: the text that ``analysis summary`` prints.

The tables rest on stated claims unless ``include_inferred``; the counts
at the top cover the whole package and say how many claims are inferred.

Examples
--------
>>> from analysis.toy import toy_dataset
>>> print(summary_text(toy_dataset()))  # doctest: +ELLIPSIS
liaison data package: .../toy
  1 source, 9 entities, 3 predicates, 5 claims in 4 statements (1 claim inferred: left out below)
...
"""

from __future__ import annotations

import pandas as pd

from .vocabulary import POLARITY

__all__ = ["summary_text", "sections"]


def _table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "  (none)\n"
    return "\n".join("  " + line for line in frame.to_string().splitlines()) + "\n"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def sections(dataset, include_inferred: bool = False) -> list[tuple[str, pd.DataFrame]]:
    """The titled tables of the summary, in order.

    Each analysis module adds its headline table here, so that the command
    line, the report and the notebooks show the same thing.
    """
    from .compliance import compliance_matrix
    from .sourcing import who_says_what

    selected = dataset.select(include_inferred)
    claims, entities = selected.claims, dataset.entities
    by_type = entities["type"].value_counts(sort=False).rename("entities").to_frame()
    by_status = claims["status"].value_counts(sort=False).rename("claims").to_frame()
    by_status.insert(0, "polarity", [POLARITY[s] for s in by_status.index])
    readings = dataset.claims["reading"].fillna("stated").value_counts().rename("claims").to_frame()
    out = [
        ("Sources", dataset.sources.set_index("source_id")[["publisher", "published", "kind", "title"]]),
        ("Entities by type", by_type[by_type["entities"] > 0]),
        ("Claims by reading", readings),
        ("Claims by status", by_status[by_status["claims"] > 0]),
        (
            "Compliance matrix (subject x requirement; * = inherited from an owner, ! = accounts disagree)",
            compliance_matrix(dataset, include_inferred=include_inferred),
        ),
        (
            "Who says what (statements per asserting party, by status)",
            who_says_what(dataset, include_inferred=include_inferred),
        ),
    ]
    return out


def summary_text(dataset, include_inferred: bool = False) -> str:
    """The summary as plain text."""
    from .statements import statements

    counts = dataset.counts
    inferred = int(dataset.claims["reading"].eq("inferred").sum())
    note = ""
    if inferred:
        note = f" ({_count(inferred, 'claim')} inferred: {'included' if include_inferred else 'left out below'})"
    lines = [
        f"liaison data package: {dataset.path}\n",
        f"  {_count(counts['sources'], 'source')}, {_count(counts['entities'], 'entity').replace('entitys', 'entities')}, "
        f"{_count(counts['predicates'], 'predicate')}, {_count(counts['claims'], 'claim')} in "
        f"{_count(len(statements(dataset)), 'statement')}{note}\n",
    ]
    for title, frame in sections(dataset, include_inferred):
        lines.append(f"\n{title}\n")
        lines.append(_table(frame))
    return "".join(lines)
