"""Who says so? Statements by asserting party, and how well each is corroborated.

Every claim has a ``said_by``: a named person, an unnamed source, an
institution, or the outlet's own narration
(:func:`~analysis.vocabulary.party_kind`). Claims sharing a source and its
words are one statement (:mod:`analysis.statements`), so these functions
count **statements** (and parties), never claim rows; the claim count is
shown beside, for the curator. Like every analysis, they rest on stated
claims unless ``include_inferred=True``.

Examples
--------
>>> from analysis.toy import toy_dataset
>>> dataset = toy_dataset()
>>> parties = claims_by_party(dataset).set_index("said_by")
>>> parties.loc["minister", ["kind", "statements", "claims", "positive", "negative"]].astype(str).tolist()
['named person', '1', '2', '1', '0']
>>> unnamed_alone(dataset, include_inferred=True)["statements"]
1
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .statements import claim_statements
from .vocabulary import POLARITY, STATUSES, party_kind

__all__ = [
    "claim_parties",
    "claims_by_party",
    "claims_by_kind",
    "who_says_what",
    "corroboration",
    "unnamed_alone",
]


def claim_parties(dataset, include_inferred: bool = False) -> pd.DataFrame:
    """The claims with their statement, polarity and the name, type and kind of who said each.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> claim_parties(toy_dataset()).loc[0, ["said_by", "kind", "polarity", "statement"]].astype(str).tolist()
    ['minister', 'named person', '+', '1']
    """
    dataset = dataset.select(include_inferred)
    entities = dataset.entities.drop_duplicates("entity_id").set_index("entity_id")
    claims = dataset.claims
    context = claim_statements(dataset)
    table = claims[["claim_id", "subject", "predicate", "object", "status", "said_by", "source", "quote"]].copy()
    table["statement"] = context["statement"]
    table["evidence"] = context["evidence"]
    table["polarity"] = claims["status"].map(POLARITY).astype("string")
    table["party_name"] = claims["said_by"].map(entities["name"]).astype("string")
    table["party_type"] = claims["said_by"].map(entities["type"].astype("string")).astype("string")
    table["kind"] = table["party_type"].map(party_kind).astype("string")
    return table


def claims_by_party(dataset, include_inferred: bool = False) -> pd.DataFrame:
    """Statements per asserting party, with polarity and the sources they appear in.

    Returns
    -------
    pandas.DataFrame
        ``said_by``, ``name``, ``type``, ``kind``, ``statements``,
        ``claims``, ``positive`` and ``negative`` (statements with a claim
        of that polarity), ``sources``; most statements first, ties by id.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> claims_by_party(toy_dataset())[["said_by", "statements", "claims"]].values.tolist()
    [['daily', 2, 2], ['minister', 1, 2]]
    """
    table = claim_parties(dataset, include_inferred)
    columns = ["said_by", "name", "type", "kind", "statements", "claims", "positive", "negative", "sources"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    statements = table["statement"]
    table = table.assign(
        positive=statements.where(table["polarity"] == "+"),
        negative=statements.where(table["polarity"] == "-"),
    )
    grouped = table.groupby("said_by", sort=True)
    out = pd.DataFrame(
        {
            "name": grouped["party_name"].first(),
            "type": grouped["party_type"].first(),
            "kind": grouped["kind"].first(),
            "statements": grouped["statement"].nunique(),
            "claims": grouped.size(),
            "positive": grouped["positive"].nunique(),
            "negative": grouped["negative"].nunique(),
            "sources": grouped["source"].nunique(),
        }
    ).reset_index()
    out = out.sort_values(["statements", "said_by"], ascending=[False, True], kind="stable")
    return out[columns].reset_index(drop=True)


def claims_by_kind(dataset, include_inferred: bool = False) -> pd.DataFrame:
    """Statements per kind of party (named person, unnamed source, outlet, institution) by polarity.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> claims_by_kind(toy_dataset(), include_inferred=True).loc["unnamed source"].tolist()
    [0, 1, 1]
    """
    table = claim_parties(dataset, include_inferred)
    pairs = table.drop_duplicates(["statement", "polarity"])
    counts = pd.crosstab(pairs["kind"], pairs["polarity"]).reindex(columns=["+", "-"], fill_value=0)
    counts["total"] = table.groupby("kind")["statement"].nunique().reindex(counts.index)
    counts.columns.name = "polarity"
    return counts.sort_values(["total"], ascending=False, kind="stable")


def who_says_what(dataset, include_inferred: bool = False) -> pd.DataFrame:
    """Party x status: how many statements each party makes with each status.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> int(who_says_what(toy_dataset()).loc["minister", "agreed"])
    1
    """
    table = claim_parties(dataset, include_inferred)
    pairs = table.drop_duplicates(["said_by", "statement", "status"])
    counts = pd.crosstab(pairs["said_by"], pairs["status"].astype("string"))
    present = [s for s in STATUSES if s in counts.columns]
    counts = counts[present]
    counts["statements"] = table.groupby("said_by")["statement"].nunique().reindex(counts.index)
    counts.index.name, counts.columns.name = "said_by", "status"
    return counts.sort_values("statements", ascending=False, kind="stable")


def corroboration(dataset, include_inferred: bool = False) -> pd.DataFrame:
    """For each subject-predicate-object statement: who supports it, who disputes it.

    A claim of positive polarity supports the statement; a negative one
    disputes it. Parties and sources are counted once however many claims
    they make.

    Returns
    -------
    pandas.DataFrame
        ``subject``, ``predicate``, ``object``, ``claims``,
        ``supporting_parties``, ``disputing_parties`` (ids joined by ``|``),
        ``n_supporting``, ``n_disputing``, ``n_sources``, ``n_statements``,
        ``claim_ids``.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> rows = corroboration(toy_dataset(), include_inferred=True).set_index(["subject", "predicate", "object"])
    >>> rows.loc[("bolt", "open_office_in", "freedonia"), ["n_supporting", "n_disputing"]].tolist()
    [1, 1]
    """
    table = claim_parties(dataset, include_inferred)
    if table.empty:
        return pd.DataFrame(
            columns=["subject", "predicate", "object", "claims", "supporting_parties", "disputing_parties",
                     "n_supporting", "n_disputing", "n_sources", "n_statements", "claim_ids"]
        )
    # Whole columns and one pass over sorted lists, not a loop over groups:
    # in a large corpus nearly every statement is its own group.
    keys = ["subject", "predicate", "object"]
    grouped = table.groupby(keys, sort=True)
    code = grouped.ngroup().to_numpy()
    counts = grouped.size()
    n_groups = len(counts)

    def joined(rows, column):
        """Per statement: the distinct values of `column` in `rows`, sorted, joined by ``|``."""
        frame = pd.DataFrame({"code": code[rows], "value": table[column].to_numpy(dtype=object)[rows]})
        frame = frame.drop_duplicates().sort_values(["code", "value"], kind="stable")
        out = np.full(n_groups, "", dtype=object)
        size = np.zeros(n_groups, dtype="int64")
        if len(frame):
            codes = frame["code"].to_numpy()
            starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
            ends = np.append(starts[1:], len(codes))
            values = frame["value"].tolist()
            out[codes[starts]] = ["|".join(values[a:b]) for a, b in zip(starts.tolist(), ends.tolist())]
            size[codes[starts]] = ends - starts
        return out, size

    polarity = table["polarity"].to_numpy(dtype=object)
    supporting, n_supporting = joined(np.flatnonzero(polarity == "+"), "said_by")
    disputing, n_disputing = joined(np.flatnonzero(polarity == "-"), "said_by")
    claim_ids, _ = joined(np.arange(len(table)), "claim_id")
    return pd.DataFrame(
        {
            "subject": counts.index.get_level_values(0).tolist(),
            "predicate": counts.index.get_level_values(1).tolist(),
            "object": counts.index.get_level_values(2).tolist(),
            "claims": counts.tolist(),
            "supporting_parties": supporting.tolist(),
            "disputing_parties": disputing.tolist(),
            "n_supporting": n_supporting.tolist(),
            "n_disputing": n_disputing.tolist(),
            "n_sources": grouped["source"].nunique().tolist(),
            "n_statements": grouped["statement"].nunique().tolist(),
            "claim_ids": claim_ids.tolist(),
        }
    )


def unnamed_alone(dataset, include_inferred: bool = False) -> dict:
    """Which statements rest on unnamed sources alone?

    A claim rests on an unnamed source alone when it was said by an unnamed
    source and no other party makes a claim of the same polarity about the
    same subject, predicate and object (the outlet's own narration in the
    same source does not count: it is not a second account). A statement rests on unnamed sources
    alone when every one of its claims does.

    Returns
    -------
    dict
        ``claims`` (ids, file order), ``statements`` (how many),
        ``total`` (statements in the corpus), ``share``, ``parties``
        (the unnamed parties, by number of such statements, then id).

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> result = unnamed_alone(toy_dataset(), include_inferred=True)
    >>> result["claims"], result["statements"], result["total"], result["parties"]
    (['bolt-office-reluctant'], 1, 4, {'insiders': 1})
    """
    table = claim_parties(dataset, include_inferred)
    total = int(table["statement"].nunique())
    if table.empty:
        return {"claims": [], "statements": 0, "total": 0, "share": 0.0, "parties": {}}
    # Another party corroborates an unnamed source when it makes a claim of
    # the same polarity about the same relation. The outlet's narration in
    # the same source does not: it is not a second account of what the
    # outlet's own sources say (SPEC part 4).
    key = ["subject", "predicate", "object", "polarity"]
    unnamed = table["kind"] == "unnamed source"
    mine = table.loc[unnamed, ["claim_id", "said_by", "source", *key]]
    others = table[key + ["said_by", "source", "kind"]].rename(columns={"said_by": "other", "source": "other_source"})
    pairs = mine.merge(others, on=key)
    independent = (pairs["other"] != pairs["said_by"]) & ~(
        (pairs["kind"] == "outlet's own narration") & (pairs["other_source"] == pairs["source"])
    )
    corroborated = set(pairs.loc[independent, "claim_id"])
    alone = unnamed & ~table["claim_id"].isin(corroborated)
    every = alone.groupby(table["statement"]).transform("all")
    rows = table[every]
    per_party = rows.drop_duplicates("statement")["said_by"].value_counts()
    parties = dict(sorted(per_party.items(), key=lambda kv: (-kv[1], kv[0])))
    n = int(rows["statement"].nunique())
    return {
        "claims": rows["claim_id"].tolist(),
        "statements": n,
        "total": total,
        "share": n / total if total else 0.0,
        "parties": {str(k): int(v) for k, v in parties.items()},
    }
