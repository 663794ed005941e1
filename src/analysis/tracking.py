"""What happened next? Each subject's accounts on one matter, in the order they were given.

A *track* follows one subject on one matter: a requirement, for claims that
bear on one, or else a predicate and its object (``about`` is
``requirement:<id>`` or ``<predicate>:<object>``, as in
:mod:`analysis.contested`). Its accounts are ordered by when each was said
(``said_on``, else the source's ``published``; a coarse date sorts by the
span it covers, then by file order). Only subjects and matters with accounts
given at two or more dates are tracked: one day's reporting is a snapshot,
not a story. The *latest* state is the status of the last account, or
``contested`` when the accounts of the last date point both ways.

Like every analysis, tracks rest on stated claims unless
``include_inferred``; ``as_of`` keeps only what had been said by then.

Examples
--------
>>> from analysis.toy import toy_dataset
>>> track(toy_dataset())
[]
>>> [t["subject"] for t in track(toy_dataset(), include_inferred=True)]
['bolt']
>>> tracked = track(toy_dataset(), include_inferred=True)[0]
>>> [(a["said_on"], a["status"]) for a in tracked["accounts"]], tracked["latest"]
([('2022-12-09', 'agreed'), ('2022-12-10', 'reluctant')], 'reluctant')
"""

from __future__ import annotations

import pandas as pd

from .statements import claim_statements
from .timeline import date_span
from .vocabulary import POLARITY

__all__ = ["ACCOUNT_KEYS", "track_table", "track", "track_text"]

#: The keys of each account of a track (SPEC part 2, ``analysis track --json``).
ACCOUNT_KEYS = ("said_on", "status", "said_by", "source", "claim_id", "evidence")


def track_table(dataset, as_of=None, include_inferred: bool = False) -> pd.DataFrame:
    """Every account of every tracked subject and matter, one row per claim, in track order.

    Parameters
    ----------
    dataset : Dataset
    as_of : str or date-like, optional
        Keep only the statements made, at their stated precision, entirely
        on or before that day.
    include_inferred : bool, default False
        Also take ``inferred`` claims.

    Returns
    -------
    pandas.DataFrame
        ``subject``, ``about``, then :data:`ACCOUNT_KEYS`, then
        ``reading``; ordered by subject, about, and the time each account
        was given.
    """
    dataset = dataset.select(include_inferred)
    if as_of is not None:
        dataset = dataset.as_of(as_of)
    claims = dataset.claims
    context = claim_statements(dataset)
    about = ("requirement:" + claims["requirement"]).fillna(claims["predicate"] + ":" + claims["object"])
    table = pd.DataFrame(
        {
            "subject": claims["subject"].astype("string"),
            "about": about.astype("string"),
            "said_on": context["said_on"],
            "status": claims["status"].astype("string"),
            "said_by": claims["said_by"],
            "source": claims["source"],
            "claim_id": claims["claim_id"],
            "evidence": context["evidence"],
            "reading": claims["reading"].astype("string").fillna("stated"),
        }
    )
    span = date_span(table["said_on"])
    table["_start"], table["_end"], table["_order"] = span["start"], span["end"], range(len(table))
    dates = table.groupby(["subject", "about"])["said_on"].transform("nunique")
    table = table[dates >= 2]
    table = table.sort_values(["subject", "about", "_start", "_end", "_order"], kind="stable")
    return table.drop(columns=["_start", "_end", "_order"]).reset_index(drop=True)


def _tracks(table: pd.DataFrame) -> list[range]:
    """The rows of each track: the table is ordered by subject and matter, so each is one run.

    Examples
    --------
    >>> _tracks(pd.DataFrame({"subject": ["a", "a", "b"], "about": ["x", "x", "x"]}))
    [range(0, 2), range(2, 3)]
    """
    keys = list(zip(table["subject"].tolist(), table["about"].tolist()))
    starts = [i for i in range(len(keys)) if i == 0 or keys[i] != keys[i - 1]]
    return [range(start, end) for start, end in zip(starts, starts[1:] + [len(keys)])]


def _latest(said_on: list, status: list, track: range) -> str:
    """The status of the last account, or ``contested`` when the last date's accounts point both ways."""
    last = [i for i in track if said_on[i] == said_on[track[-1]]]
    polarities = {POLARITY.get(status[i]) for i in last}
    return "contested" if polarities == {"+", "-"} else str(status[last[-1]])


def _text_or_none(column: pd.Series) -> list:
    """A column as text, a missing value as None (what ``--json`` prints as null)."""
    return [str(value) if present else None for value, present in zip(column.tolist(), column.notna().tolist())]


def track(dataset, as_of=None, include_inferred: bool = False) -> list[dict]:
    """The tracks as ``analysis track --json`` prints them.

    Returns
    -------
    list of dict
        One per subject and matter: ``subject``, ``about``, ``accounts``
        (each with the keys of :data:`ACCOUNT_KEYS`) and ``latest``.
    """
    table = track_table(dataset, as_of=as_of, include_inferred=include_inferred)
    columns = {key: _text_or_none(table[key]) for key in ("subject", "about", *ACCOUNT_KEYS)}
    said_on, status = columns["said_on"], columns["status"]
    out = []
    for rows in _tracks(table):
        out.append(
            {
                "subject": columns["subject"][rows[0]],
                "about": columns["about"][rows[0]],
                "accounts": [{key: columns[key][i] for key in ACCOUNT_KEYS} for i in rows],
                "latest": _latest(said_on, status, rows),
            }
        )
    return out


def track_text(dataset, as_of=None, include_inferred: bool = False) -> str:
    """The tracks as plain text, in words a reader follows: names, plain statuses, credited sources.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> print(track_text(toy_dataset(), include_inferred=True), end="")
    Bolt, on Office in Freedonia: latest reluctant
      9 December 2022  agreed  (Ana Ruiz, The Daily, 10 December 2022, "Acme and Bolt agree to open offices")
      10 December 2022  reluctant  (industry insiders, The Daily, 10 December 2022, "Acme and Bolt agree to open offices"; inferred)
    """
    from .credits import credit, date_in_words
    from .vocabulary import status_words

    names = dataset.names().to_dict()
    labels = dataset.predicates.drop_duplicates("predicate").set_index("predicate")["label"].to_dict()
    sources = dataset.sources.drop_duplicates("source_id").set_index("source_id")
    table = track_table(dataset, as_of=as_of, include_inferred=include_inferred)
    if table.empty:
        return "No subject has accounts on one matter given at two or more dates.\n"
    # each source credited once, however many accounts cite it
    credits = {source: credit(row) for source, row in zip(sources.index, sources.to_dict("records"))}
    column = {key: table[key].tolist() for key in ("subject", "about", "said_on", "status", "said_by", "source", "evidence", "reading")}
    blocks = []
    for rows in _tracks(table):
        subject, about = column["subject"][rows[0]], column["about"][rows[0]]
        kind, _, rest = str(about).partition(":")
        thing = names.get(rest, rest) if kind == "requirement" else f"{labels.get(kind, kind)} {names.get(rest, rest)}"
        latest = _latest(column["said_on"], column["status"], rows)
        lines = [f"{names.get(subject, subject)}, on {thing}: latest {status_words(latest)}"]
        for i in rows:
            said_by = column["said_by"][i]
            notes = [str(names.get(said_by, said_by)), credits[column["source"][i]]]
            if column["evidence"][i] == "cited":
                notes.append("cited, not quoted")
            if column["reading"][i] == "inferred":
                notes[-1] += "; inferred"
            lines.append(f"  {date_in_words(column['said_on'][i])}  {status_words(column['status'][i])}  ({', '.join(notes)})")
        blocks.append("\n".join(lines) + "\n")
    return "".join(blocks)
