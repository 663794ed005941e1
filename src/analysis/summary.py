"""What is in a data package, at a glance: the text that ``analysis summary`` prints.

Examples
--------
>>> import analysis
>>> print(summary_text(analysis.load()))  # doctest: +ELLIPSIS
liaison data package: .../data
  1 sources, ... entities, ... predicates, ... claims
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


def sections(dataset) -> list[tuple[str, pd.DataFrame]]:
    """The titled tables of the summary, in order.

    Each analysis module adds its headline table here, so that the command
    line, the report and the notebooks show the same thing.
    """
    claims, entities = dataset.claims, dataset.entities
    by_type = entities["type"].value_counts(sort=False).rename("entities").to_frame()
    by_status = claims["status"].value_counts(sort=False).rename("claims").to_frame()
    by_status.insert(0, "polarity", [POLARITY[s] for s in by_status.index])
    out = [
        ("Sources", dataset.sources.set_index("source_id")[["publisher", "published", "kind", "title"]]),
        ("Entities by type", by_type[by_type["entities"] > 0]),
        ("Claims by status", by_status[by_status["claims"] > 0]),
    ]
    from .compliance import compliance_matrix
    from .sourcing import who_says_what

    out.append(("Compliance matrix (subject x requirement; * = inherited from an owner)", compliance_matrix(dataset)))
    out.append(("Who says what (claims per asserting party, by status)", who_says_what(dataset)))
    return out


def summary_text(dataset) -> str:
    """The summary as plain text."""
    counts = dataset.counts
    lines = [
        f"liaison data package: {dataset.path}\n",
        f"  {counts['sources']} sources, {counts['entities']} entities, "
        f"{counts['predicates']} predicates, {counts['claims']} claims\n",
    ]
    for title, frame in sections(dataset):
        lines.append(f"\n{title}\n")
        lines.append(_table(frame))
    return "".join(lines)
