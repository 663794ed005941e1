"""What each claim rests on: statements, evidence and when it was said.

One sentence of a source is often several claims, one per subject it
names. Claims that share ``source`` and ``quote`` (or, for a cited source,
``source`` and ``paraphrase``) are **one statement** (SPEC part 1): anything
that counts evidence counts statements and asserting parties, never claim
rows. This module gives every claim its statement, its kind of evidence
(``quote`` or ``cited``) and the day it was said (``said_on``, else the
source's ``published``).

Examples
--------
>>> import pandas as pd
>>> from analysis.toy import toy_dataset
>>> dataset = toy_dataset()
>>> claim_statements(dataset)[["claim_id", "statement", "evidence", "said_on"]].values.tolist()
[['acme-office-agreed', 1, 'quote', '2022-12-09'],
 ['bolt-office-agreed', 1, 'quote', '2022-12-09'],
 ['acme-servers-not-done', 2, 'quote', '2022-12-10'],
 ['rules-require-servers', 3, 'quote', '2022-12-10'],
 ['bolt-office-reluctant', 4, 'quote', '2022-12-10']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["evidence_kind", "said_on", "claim_statements", "statements", "count_statements"]


def _source_column(dataset, column: str) -> pd.Series:
    sources = dataset.sources.drop_duplicates("source_id").set_index("source_id")
    return dataset.claims["source"].map(sources[column]).astype("string")


def evidence_kind(dataset) -> pd.Series:
    """``'cited'`` for a claim of a cited source, ``'quote'`` otherwise, on the claims' index."""
    text = _source_column(dataset, "text").fillna("stored")
    return text.map({"stored": "quote", "cited": "cited"}).astype("string")


def said_on(dataset) -> pd.Series:
    """When each claim was said: its ``said_on``, else its source's ``published`` (ISO text)."""
    return dataset.claims["said_on"].fillna(_source_column(dataset, "published")).astype("string")


def claim_statements(dataset) -> pd.DataFrame:
    """The claims with their statement number, evidence kind, evidence text and day said.

    Returns
    -------
    pandas.DataFrame
        ``claim_id``, ``statement`` (1, 2, ... in order of first
        appearance in claims.csv), ``source``, ``said_by``, ``evidence``
        (``quote`` or ``cited``), ``evidence_text`` (the quote, or the
        paraphrase of a cited source), ``said_on``; on the claims' index.
    """
    claims = dataset.claims
    evidence = evidence_kind(dataset)
    text = claims["quote"].where(evidence == "quote", claims["paraphrase"]).astype("string")
    if len(claims):
        keys = pd.DataFrame({"source": claims["source"], "text": text.fillna("")})
        number = keys.groupby(["source", "text"], sort=False).ngroup() + 1
    else:
        number = pd.Series([], dtype="int64")
    return pd.DataFrame(
        {
            "claim_id": claims["claim_id"],
            "statement": number.astype("int64"),
            "source": claims["source"],
            "said_by": claims["said_by"],
            "evidence": evidence,
            "evidence_text": text,
            "said_on": said_on(dataset),
        },
        index=claims.index,
    )


def statements(dataset) -> pd.DataFrame:
    """One row per statement: its source, who says it, its words and the claims it carries.

    Returns
    -------
    pandas.DataFrame
        ``statement``, ``source``, ``said_by`` (the asserting parties,
        ``|``-joined; one in a well-curated package), ``evidence``,
        ``evidence_text``, ``said_on``, ``claims`` (ids, ``|``-joined, file
        order), ``n_claims``.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> rows = statements(toy_dataset())
    >>> rows[["statement", "said_by", "n_claims"]].values.tolist()
    [[1, 'minister', 2], [2, 'daily', 1], [3, 'daily', 1], [4, 'insiders', 1]]
    """
    table = claim_statements(dataset)
    # one pass over the claims in statement order (file order within each):
    # most statements carry one claim, and only the others are joined in Python
    order = np.argsort(table["statement"].to_numpy(), kind="stable")
    number = table["statement"].to_numpy()[order]
    starts = np.flatnonzero(np.r_[True, number[1:] != number[:-1]]) if len(number) else np.array([], dtype=int)
    sizes = np.diff(np.r_[starts, len(number)])
    first = order[starts]
    said_by = table["said_by"].to_numpy(dtype=object)[order]
    claim_id = table["claim_id"].to_numpy(dtype=object)[order]
    parties = said_by[starts].tolist()
    claims = claim_id[starts].tolist()
    for index in np.flatnonzero(sizes > 1).tolist():
        run = slice(int(starts[index]), int(starts[index] + sizes[index]))
        parties[index] = "|".join(dict.fromkeys(said_by[run].tolist()))
        claims[index] = "|".join(claim_id[run].tolist())

    def firsts(column):
        return table[column].iloc[first].tolist()

    return pd.DataFrame(
        {
            "statement": number[starts].tolist(),
            "source": firsts("source"),
            "said_by": parties,
            "evidence": firsts("evidence"),
            "evidence_text": firsts("evidence_text"),
            "said_on": firsts("said_on"),
            "claims": claims,
            "n_claims": sizes.tolist(),
        }
    )


def count_statements(dataset, claim_ids) -> int:
    """How many statements the claims `claim_ids` make: the count a finding reports.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> count_statements(toy_dataset(), ["acme-office-agreed", "bolt-office-agreed"])
    1
    """
    table = claim_statements(dataset)
    return int(table.loc[table["claim_id"].isin(list(claim_ids)), "statement"].nunique())
