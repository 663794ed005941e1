"""Who is complying with which requirement, by whose account?

The long table (:func:`compliance_table`, written as ``compliance.csv``) has
one row per claim that bears on a requirement: the claims whose
``requirement`` is set and whose subject is a platform, a company or a
group (:data:`~analysis.vocabulary.COMPLIANCE_SUBJECT_TYPES`; a group is its
own row, never spread over members). A claim about an owner also bears on
what it owns (``owns`` claims with status ``done`` and reading ``stated``,
followed through chains of ownership); such rows carry the owner in
``inherited_from`` and are never mixed with direct evidence. The wide
matrix (:func:`compliance_matrix`) is derived from the long table for
display; a cell with both ``+`` and ``-`` evidence shows both.

Every function rests on stated claims only unless ``include_inferred``.

Examples
--------
>>> from analysis.toy import toy_dataset
>>> table = compliance_table(toy_dataset())
>>> table[["subject", "requirement", "status", "said_by", "said_on"]].values.tolist()
... # doctest: +NORMALIZE_WHITESPACE
[['acme', 'office', 'agreed', 'minister', '2022-12-09'],
 ['acme', 'servers', 'not_done', 'daily', '2022-12-10'],
 ['bolt', 'office', 'agreed', 'minister', '2022-12-09']]
>>> len(compliance_table(toy_dataset(), include_inferred=True))
4
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from .statements import claim_statements
from .timeline import date_span
from .vocabulary import COMPLIANCE_SUBJECT_TYPES, OWNERSHIP_PREDICATE, POLARITY, STATED, STATUS_RANK, status_words

__all__ = [
    "COMPLIANCE_COLUMNS",
    "ownership_claims",
    "ownership",
    "compliance_table",
    "compliance_matrix",
    "cell_summary",
]

#: The columns of compliance.csv, in order (SPEC part 2).
COMPLIANCE_COLUMNS = [
    "subject",
    "requirement",
    "claim_id",
    "status",
    "polarity",
    "said_by",
    "date",
    "said_on",
    "source",
    "reading",
    "evidence",
    "inherited_from",
]

#: An ownership claim passes an owner's evidence down only when it is reported as done.
_OWNERSHIP_STATUSES = ("done",)


def known_by(dataset, as_of) -> pd.Series:
    """Whether each claim was said, at the precision given, entirely on or before `as_of`.

    The day said is the claim's ``said_on``, else its source's
    ``published``: what could be known on `as_of`. A statement dated
    ``2022-12`` is known as of ``2022-12-31``.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> known_by(toy_dataset(), "2022-12-09").tolist()
    [True, True, False, False, False]
    """
    return date_span(claim_statements(dataset)["said_on"])["end"] <= pd.Timestamp(as_of)


def ownership_claims(dataset, as_of=None) -> pd.DataFrame:
    """The ``owns`` claims that pass an owner's evidence down: stated, and reported as done.

    Parameters
    ----------
    dataset : Dataset
    as_of : str or date-like, optional
        Keep only the claims that could be known on that day (see
        :func:`compliance_table`).

    Returns
    -------
    pandas.DataFrame
        The rows of ``dataset.claims``, in file order.

    An inferred ``owns`` claim never passes anything down, even when the
    analysis includes inferred claims: ownership the sources do not state
    would project one company's stance onto another.
    """
    claims = dataset.claims
    links = (
        (claims["predicate"] == OWNERSHIP_PREDICATE)
        & claims["status"].isin(_OWNERSHIP_STATUSES)
        & claims["reading"].fillna(STATED).eq(STATED)
    )
    if as_of is not None:
        links &= known_by(dataset, as_of)
    return claims[links]


def ownership(dataset, as_of=None) -> pd.DataFrame:
    """Every (owner, owned) pair, following chains of ownership.

    Parameters
    ----------
    dataset : Dataset
    as_of : str or date-like, optional
        Follow only the ``owns`` claims that could be known on that day
        (see :func:`compliance_table`).

    Returns
    -------
    pandas.DataFrame
        Columns ``owner`` and ``owned``, sorted; ``A owns B owns C`` gives
        (A, B), (B, C) and (A, C). Each pair is there once, however many
        paths lead from owner to owned (a diamond, a cycle, a link stated
        twice), and no entity is its own owner: a claim that A owns A, or
        a cycle back to A, passes nothing down that A does not already have.

    Notes
    -----
    Each owner's holdings are the nodes reachable from it in the graph of
    ``owns`` links, found by one breadth-first search per owner: time in
    proportion to the pairs found. The closure of a chain of n links has
    n (n + 1) / 2 pairs, so that of a long chain is large whatever the
    method; :func:`compliance_table` searches only from the owners that
    claims are about.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> ownership(toy_dataset()).empty
    True
    """
    direct = ownership_claims(dataset, as_of=as_of)
    return _closure(zip(direct["subject"].astype(str), direct["object"].astype(str)))


def _closure(links, owners=None) -> pd.DataFrame:
    """Every (owner, owned) pair reachable through `links`, sorted, never (A, A).

    Only the pairs of `owners` (an iterable of ids), when given: what a
    compliance table needs is the holdings of the owners that claims are
    about, not the whole closure.

    Examples
    --------
    >>> _closure([("c0", "c0"), ("c0", "c1"), ("c1", "c2")]).values.tolist()
    [['c0', 'c1'], ['c0', 'c2'], ['c1', 'c2']]
    >>> _closure([("a", "b"), ("b", "a")]).values.tolist()
    [['a', 'b'], ['b', 'a']]
    >>> _closure([("a", "b"), ("b", "c")], owners=["b", "x"]).values.tolist()
    [['b', 'c']]
    """
    graph = nx.DiGraph(list(links))
    nodes = sorted(graph)
    rank = {node: i for i, node in enumerate(nodes)}
    starts = nodes if owners is None else sorted(set(owners) & rank.keys())
    owner_ranks, owned_ranks = [], []
    for owner in starts:
        # descendants() never includes the owner itself, even through a self-loop or a cycle
        reached = sorted(rank[node] for node in nx.descendants(graph, owner))
        owner_ranks.extend([rank[owner]] * len(reached))
        owned_ranks.extend(reached)
    names = np.array(nodes, dtype=object)
    take = np.asarray(owner_ranks, dtype=np.int64), np.asarray(owned_ranks, dtype=np.int64)
    return pd.DataFrame(
        {"owner": pd.array(names[take[0]], dtype="string"), "owned": pd.array(names[take[1]], dtype="string")}
    )


def compliance_table(dataset, as_of=None, inherit: bool = True, include_inferred: bool = False) -> pd.DataFrame:
    """The long compliance table: one row per claim bearing on a requirement.

    Parameters
    ----------
    dataset : Dataset
    as_of : str or date-like, optional
        Keep only what could be known on that day: statements made, at
        their stated precision, entirely on or before it
        (:func:`known_by`). An owner's claim is inherited only if the
        ``owns`` claim is known by then too.
    inherit : bool, default True
        Add the rows a subject inherits from its owners.
    include_inferred : bool, default False
        Also take ``inferred`` claims (ownership is still inherited only
        through stated ones).

    Returns
    -------
    pandas.DataFrame
        :data:`COMPLIANCE_COLUMNS`, ordered by subject, requirement,
        direct before inherited, then claim id.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> compliance_table(toy_dataset(), as_of="2022-12-09")["claim_id"].tolist()
    ['acme-office-agreed', 'bolt-office-agreed']
    """
    dataset = dataset.select(include_inferred)
    claims = dataset.claims
    context = claim_statements(dataset)
    types = dataset.entities.drop_duplicates("entity_id").set_index("entity_id")["type"].astype("string")
    keep = claims["requirement"].notna()
    if as_of is not None:
        keep &= known_by(dataset, as_of)
    columns = [c for c in COMPLIANCE_COLUMNS if c not in ("polarity", "inherited_from")]
    bearing = claims.assign(
        said_on=context["said_on"],
        evidence=context["evidence"],
        reading=claims["reading"].fillna(STATED),
    )[keep]
    direct = bearing[columns].astype("string")
    direct["inherited_from"] = pd.array([pd.NA] * len(direct), dtype="string")
    parts = [direct]
    if inherit:
        # an owner's claim bears on what it owns only once the ownership is reported too
        links = ownership_claims(dataset, as_of=as_of)
        holdings = _closure(
            zip(links["subject"].astype(str), links["object"].astype(str)),
            owners=direct["subject"].dropna().unique().tolist(),
        )
        owned = direct.merge(holdings, left_on="subject", right_on="owner")
        owned["inherited_from"] = owned["owner"]
        owned["subject"] = owned["owned"]
        parts.append(owned[columns + ["inherited_from"]])
    table = pd.concat(parts, ignore_index=True)
    table = table[table["subject"].map(types).isin(COMPLIANCE_SUBJECT_TYPES)]
    table["polarity"] = table["status"].map(POLARITY).astype("string")
    table["_inherited"] = table["inherited_from"].notna()
    table = table.sort_values(["subject", "requirement", "_inherited", "claim_id"], kind="stable")
    return table[COMPLIANCE_COLUMNS].reset_index(drop=True)


def cell_summary(dataset, as_of=None, include_inferred: bool = False) -> pd.DataFrame:
    """One row per (subject, requirement) cell: how far it has gone and whether accounts conflict.

    Returns
    -------
    pandas.DataFrame
        ``subject``, ``requirement``, ``furthest`` (the status of highest
        :data:`~analysis.vocabulary.STATUS_RANK` among direct claims, or
        inherited ones when there are none), ``inherited`` (the cell rests
        only on an owner's claims), ``conflict`` (both polarities reported),
        ``statuses`` (every status in plain words, direct ones first,
        inherited marked ``*``), ``n_claims``, ``n_statements`` (claims sharing source and
        words count once).

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> cells = cell_summary(toy_dataset(), include_inferred=True).set_index(["subject", "requirement"])
    >>> cell = cells.loc[("bolt", "office")]
    >>> cell["furthest"], bool(cell["conflict"]), cell["statuses"]
    ('agreed', True, 'agreed, reluctant')
    """
    table = compliance_table(dataset, as_of=as_of, include_inferred=include_inferred)
    if table.empty:
        return pd.DataFrame(
            columns=["subject", "requirement", "furthest", "inherited", "conflict", "statuses", "n_claims", "n_statements"]
        )
    # Whole columns, not a Python loop over the cells (there are as many as
    # claims in a large corpus). A status has one rank, so the furthest
    # status is the one of highest rank, and the distinct labels of a cell,
    # direct before inherited and furthest first, are its distinct
    # (inherited, rank) pairs in that order.
    keys = ["subject", "requirement"]
    inherited = table["inherited_from"].notna().to_numpy()
    rank = table["status"].map(STATUS_RANK).to_numpy(dtype="int64")
    polarity = table["status"].map(POLARITY)
    work = pd.DataFrame(
        {
            "subject": table["subject"],
            "requirement": table["requirement"],
            "inherited": inherited,
            "rank": rank,
            "direct_rank": np.where(inherited, _NO_RANK, rank),
            "positive": (polarity == "+").to_numpy(),
            "negative": (polarity == "-").to_numpy(),
            "words": (table["source"] + "\x1f" + table["claim_id"].map(_statement_text(dataset))).to_numpy(dtype=object),
        }
    )
    cells = work.groupby(keys, sort=True).agg(
        n_claims=("rank", "size"),
        n_inherited=("inherited", "sum"),
        top=("rank", "max"),
        top_direct=("direct_rank", "max"),
        positive=("positive", "any"),
        negative=("negative", "any"),
        n_statements=("words", "nunique"),
    )
    only_inherited = (cells["n_inherited"] == cells["n_claims"]).to_numpy()
    furthest_rank = np.where(only_inherited, cells["top"].to_numpy(), cells["top_direct"].to_numpy())
    status_of_rank = {rank: status for status, rank in STATUS_RANK.items()}
    labels = (
        work.drop_duplicates(keys + ["inherited", "rank"])
        .assign(negated_rank=lambda frame: -frame["rank"])
        .sort_values(keys + ["inherited", "negated_rank"], kind="stable")
    )
    label_text = [
        status_words(status_of_rank[r]) + ("*" if i else "") for r, i in zip(labels["rank"].tolist(), labels["inherited"].tolist())
    ]
    statuses = _join_runs(labels[keys], label_text, ", ")
    subjects, requirements = cells.index.get_level_values(0), cells.index.get_level_values(1)
    return pd.DataFrame(
        {
            "subject": subjects.tolist(),
            "requirement": requirements.tolist(),
            "furthest": [status_of_rank[r] for r in furthest_rank.tolist()],
            "inherited": only_inherited.tolist(),
            "conflict": (cells["positive"] & cells["negative"]).tolist(),
            "statuses": statuses,
            "n_claims": cells["n_claims"].tolist(),
            "n_statements": cells["n_statements"].tolist(),
        }
    )


def _statement_text(dataset) -> pd.Series:
    """The words (quote or paraphrase) of each claim, by claim id: with the source, a statement."""
    context = claim_statements(dataset)
    return context.set_index("claim_id")["evidence_text"].fillna("")


#: Below every rank: marks an inherited claim, which counts only when a cell has no direct one.
_NO_RANK = min(STATUS_RANK.values()) - 1


def _join_runs(keys: pd.DataFrame, values: list[str], sep: str) -> list[str]:
    """Join `values` over each run of equal consecutive rows of `keys` (already sorted)."""
    if not len(keys):
        return []
    change = np.zeros(len(keys), dtype=bool)
    change[0] = True
    for column in keys.columns:
        cells = keys[column].to_numpy(dtype=object)
        change[1:] |= cells[1:] != cells[:-1]
    starts = np.flatnonzero(change).tolist()
    ends = starts[1:] + [len(keys)]
    return [sep.join(values[a:b]) for a, b in zip(starts, ends)]


def compliance_matrix(dataset, as_of=None, include_inferred: bool = False) -> pd.DataFrame:
    """The subject x requirement matrix for display.

    Each cell lists the reported statuses, furthest first, inherited ones
    marked ``*``; a cell where accounts disagree is prefixed with ``!``.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> matrix = compliance_matrix(toy_dataset(), include_inferred=True)
    >>> matrix.loc["bolt", "office"], matrix.loc["acme", "servers"], matrix.loc["bolt", "servers"]
    ('! agreed, reluctant', 'not done', '')
    """
    # every requirement is a column, in file order, even one nobody reports on
    entities = dataset.entities
    requirements = entities.loc[entities["type"] == "requirement", "entity_id"].tolist()
    cells = cell_summary(dataset, as_of=as_of, include_inferred=include_inferred)
    if cells.empty:
        return pd.DataFrame(index=pd.Index([], name="subject"), columns=pd.Index(requirements, name="requirement"))
    cells["text"] = cells["conflict"].map({True: "! ", False: ""}) + cells["statuses"]
    matrix = cells.pivot(index="subject", columns="requirement", values="text")
    extra = [r for r in matrix.columns if r not in requirements]
    matrix = matrix.reindex(columns=requirements + extra, fill_value="").fillna("")
    matrix.index.name, matrix.columns.name = "subject", "requirement"
    return matrix
