"""Who says so? Claims by asserting party, and how well each statement is corroborated.

Every claim has a ``said_by``: a named person, an unnamed source, an
institution, or the outlet's own narration
(:func:`~analysis.vocabulary.party_kind`). These functions count claims by
party and by kind of party, split by polarity, and ask of every
subject-predicate-object statement how many independent parties and sources
support or dispute it.

Examples
--------
>>> import analysis
>>> dataset = analysis.load()
>>> parties = claims_by_party(dataset).set_index("said_by")
>>> parties.loc["aminul-haque", ["kind", "claims", "positive", "negative"]].astype(str).tolist()
['named person', '5', '5', '0']
>>> share = single_unnamed_share(dataset)
>>> 0 < share["share"] < 1
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .vocabulary import POLARITY, STATUSES, party_kind

__all__ = [
    "claim_parties",
    "claims_by_party",
    "claims_by_kind",
    "who_says_what",
    "corroboration",
    "single_unnamed_share",
]


def claim_parties(dataset) -> pd.DataFrame:
    """The claims with their polarity and the name, type and kind of who said each.

    Examples
    --------
    >>> import analysis
    >>> claim_parties(analysis.load()).loc[0, ["said_by", "kind", "polarity"]].tolist()
    ['dawn', "outlet's own narration", '-']
    """
    entities = dataset.entities.drop_duplicates("entity_id").set_index("entity_id")
    claims = dataset.claims
    table = claims[["claim_id", "subject", "predicate", "object", "status", "said_by", "source", "quote"]].copy()
    table["polarity"] = claims["status"].map(POLARITY).astype("string")
    table["party_name"] = claims["said_by"].map(entities["name"]).astype("string")
    table["party_type"] = claims["said_by"].map(entities["type"].astype("string")).astype("string")
    table["kind"] = table["party_type"].map(party_kind).astype("string")
    return table


def claims_by_party(dataset) -> pd.DataFrame:
    """Claims per asserting party, with polarity and the sources they appear in.

    Returns
    -------
    pandas.DataFrame
        ``said_by``, ``name``, ``type``, ``kind``, ``claims``, ``positive``,
        ``negative``, ``sources``; most claims first, ties by id.

    Examples
    --------
    >>> import analysis
    >>> claims_by_party(analysis.load())["said_by"].iloc[0]
    'dawn'
    """
    table = claim_parties(dataset)
    table = table.assign(
        positive=(table["polarity"] == "+").fillna(False).astype("int64"),
        negative=(table["polarity"] == "-").fillna(False).astype("int64"),
    )
    grouped = table.groupby("said_by", sort=True)
    out = pd.DataFrame(
        {
            "name": grouped["party_name"].first(),
            "type": grouped["party_type"].first(),
            "kind": grouped["kind"].first(),
            "claims": grouped.size(),
            "positive": grouped["positive"].sum(),
            "negative": grouped["negative"].sum(),
            "sources": grouped["source"].nunique(),
        }
    ).reset_index()
    return out.sort_values(["claims", "said_by"], ascending=[False, True], kind="stable").reset_index(drop=True)


def claims_by_kind(dataset) -> pd.DataFrame:
    """Claims per kind of party (named person, unnamed source, outlet, institution) by polarity.

    Examples
    --------
    >>> import analysis
    >>> bool(claims_by_kind(analysis.load()).loc["unnamed source", "-"] > 0)
    True
    """
    table = claim_parties(dataset)
    counts = pd.crosstab(table["kind"], table["polarity"]).reindex(columns=["+", "-"], fill_value=0)
    counts["total"] = counts.sum(axis=1)
    counts.columns.name = "polarity"
    return counts.sort_values(["total"], ascending=False, kind="stable")


def who_says_what(dataset) -> pd.DataFrame:
    """Party x status counts: the "who says what" table of the summary.

    Examples
    --------
    >>> import analysis
    >>> int(who_says_what(analysis.load()).loc["aminul-haque", "agreed"])
    1
    """
    table = claim_parties(dataset)
    counts = pd.crosstab(table["said_by"], table["status"].astype("string"))
    present = [s for s in STATUSES if s in counts.columns]
    counts = counts[present]
    counts["total"] = counts.sum(axis=1)
    counts.index.name, counts.columns.name = "said_by", "status"
    return counts.sort_values("total", ascending=False, kind="stable")


def corroboration(dataset) -> pd.DataFrame:
    """For each subject-predicate-object statement: who supports it, who disputes it.

    A claim of positive polarity supports the statement; a negative one
    disputes it. Parties and sources are counted once however many claims
    they make.

    Returns
    -------
    pandas.DataFrame
        ``subject``, ``predicate``, ``object``, ``claims``,
        ``supporting_parties``, ``disputing_parties`` (ids joined by ``|``),
        ``n_supporting``, ``n_disputing``, ``n_sources``, ``claim_ids``.

    Examples
    --------
    >>> import analysis
    >>> rows = corroboration(analysis.load()).set_index(["subject", "predicate", "object"])
    >>> rows.loc[("google", "open_office_in", "pakistan"), ["n_supporting", "n_disputing"]].tolist()
    [2, 1]
    """
    table = claim_parties(dataset)
    if table.empty:
        return pd.DataFrame([])
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
            "claim_ids": claim_ids.tolist(),
        }
    )


def single_unnamed_share(dataset) -> dict:
    """How many claims rest on a single unnamed source?

    A claim rests on a single unnamed source when it was said by an unnamed
    source and no other party makes a claim of the same polarity about the
    same subject, predicate and object.

    Returns
    -------
    dict
        ``claims`` (ids), ``n``, ``total``, ``share``.

    Examples
    --------
    >>> import analysis
    >>> result = single_unnamed_share(analysis.load())
    >>> result["n"] == len(result["claims"])
    True
    """
    table = claim_parties(dataset)
    key = ["subject", "predicate", "object", "polarity"]
    parties_per_statement = table.groupby(key)["said_by"].transform("nunique")
    alone = (table["kind"] == "unnamed source") & (parties_per_statement == 1)
    ids = sorted(table.loc[alone, "claim_id"])
    total = len(table)
    return {"claims": ids, "n": len(ids), "total": total, "share": len(ids) / total if total else 0.0}
