"""Where do accounts disagree?

Two claims are contested when they are about the same subject and the same
thing and their status polarity differs. The thing is the requirement for
claims that bear on one (those of the compliance table: platforms and
companies), and the predicate and object for claims that bear on no
requirement; the two kinds are not compared with each other. Ownership
roll-up applies (through stated ``owns`` claims only): a claim about an
owner can contest a claim about what it owns, and the row says so in
``inherited_from``. A group is its own subject: a claim about "the
companies" contests nothing said about a named company. Stated claims
only, unless ``include_inferred=True``.

Examples
--------
>>> from analysis.toy import toy_dataset
>>> len(contested_claims(toy_dataset()))
0
>>> pairs = contested_claims(toy_dataset(), include_inferred=True)
>>> pairs[["subject", "positive_status", "negative_status", "negative_said_by"]].values.tolist()
[['bolt', 'agreed', 'reluctant', 'insiders']]
"""

from __future__ import annotations

import pandas as pd

from .compliance import compliance_table
from .vocabulary import POLARITY

__all__ = ["contested_claims", "CONTESTED_COLUMNS"]

CONTESTED_COLUMNS = [
    "subject",
    "about",
    "positive_claim",
    "positive_status",
    "positive_said_by",
    "positive_quote",
    "negative_claim",
    "negative_status",
    "negative_said_by",
    "negative_quote",
    "inherited_from",
]


def contested_claims(dataset, include_inferred: bool = False) -> pd.DataFrame:
    """Pairs of claims of opposite polarity about the same subject and thing.

    Returns
    -------
    pandas.DataFrame
        One row per pair (:data:`CONTESTED_COLUMNS`): ``about`` is
        ``requirement:<id>`` or ``<predicate>:<object>``; the positive
        claim's id, status, party and quote, then the negative one's;
        ``inherited_from`` names the owner when either side is an owner's
        claim. Ordered by subject, about, then claim ids.

    """
    dataset = dataset.select(include_inferred)
    claims = dataset.claims.set_index("claim_id")
    table = compliance_table(dataset, include_inferred=include_inferred)
    bearing = table[["subject", "claim_id", "polarity", "inherited_from"]].copy()
    bearing["about"] = "requirement:" + table["requirement"]
    others = dataset.claims[dataset.claims["requirement"].isna()]
    plain = pd.DataFrame(
        {
            "subject": others["subject"].astype("string"),
            "claim_id": others["claim_id"].astype("string"),
            "polarity": others["status"].map(POLARITY).astype("string"),
            "inherited_from": pd.array([pd.NA] * len(others), dtype="string"),
            "about": (others["predicate"] + ":" + others["object"]).astype("string"),
        }
    )
    sides = pd.concat([bearing, plain], ignore_index=True)
    positive = sides[sides["polarity"] == "+"]
    negative = sides[sides["polarity"] == "-"]
    pairs = positive.merge(negative, on=["subject", "about"], suffixes=("_pos", "_neg"))
    if pairs.empty:
        return pd.DataFrame(columns=CONTESTED_COLUMNS)
    out = pd.DataFrame(
        {
            "subject": pairs["subject"],
            "about": pairs["about"],
            "positive_claim": pairs["claim_id_pos"],
            "positive_status": pairs["claim_id_pos"].map(claims["status"]).astype("string"),
            "positive_said_by": pairs["claim_id_pos"].map(claims["said_by"]),
            "positive_quote": pairs["claim_id_pos"].map(claims["quote"]),
            "negative_claim": pairs["claim_id_neg"],
            "negative_status": pairs["claim_id_neg"].map(claims["status"]).astype("string"),
            "negative_said_by": pairs["claim_id_neg"].map(claims["said_by"]),
            "negative_quote": pairs["claim_id_neg"].map(claims["quote"]),
            "inherited_from": pairs["inherited_from_pos"].fillna(pairs["inherited_from_neg"]),
        }
    )
    out = out.sort_values(["subject", "about", "positive_claim", "negative_claim"], kind="stable")
    return out.reset_index(drop=True)
