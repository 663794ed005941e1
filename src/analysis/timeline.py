"""When did it happen, as precisely as the sources say?

A date in the data package is ``YYYY-MM-DD``, ``YYYY-Www`` (an ISO week:
"early next week"), ``YYYY-MM`` or ``YYYY``. A year is a span, not its first
of January: :func:`date_span` turns each date
into the first and last day it can mean and its precision, and
:func:`timeline` orders claims and source publications by those spans,
keeping the source's own words for the time (``date_text``).

Examples
--------
>>> span = date_span(pd.Series(["2021", "2022-12", "2022-W50", "2022-12-09", None]))
>>> span["precision"].tolist()
['year', 'month', 'week', 'day', <NA>]
>>> span["start"].dt.strftime("%Y-%m-%d").tolist()
['2021-01-01', '2022-12-01', '2022-12-12', '2022-12-09', nan]
>>> span["end"].dt.strftime("%Y-%m-%d").tolist()
['2021-12-31', '2022-12-31', '2022-12-18', '2022-12-09', nan]
"""

from __future__ import annotations

import pandas as pd

__all__ = ["date_span", "timeline", "PRECISIONS"]

#: Precision of a date by the length of its ISO text.
PRECISIONS = {4: "year", 7: "month", 8: "week", 10: "day"}


def date_span(dates: pd.Series) -> pd.DataFrame:
    """The first day, last day and precision of each ISO date of any precision.

    Parameters
    ----------
    dates : pandas.Series of str
        Validated dates; missing values stay missing.

    Returns
    -------
    pandas.DataFrame
        Columns ``start`` and ``end`` (``datetime64[s]``) and ``precision``
        (``'year'``, ``'month'``, ``'week'`` or ``'day'``), on the index of
        `dates`. An ISO week runs from its Monday to its Sunday.

    Examples
    --------
    >>> date_span(pd.Series(["2024-02"]))["end"].dt.day.tolist()
    [29]
    >>> date_span(pd.Series(["2020-W53"]))[["start", "end"]].iloc[0].dt.strftime("%Y-%m-%d").tolist()
    ['2020-12-28', '2021-01-03']
    """
    text = dates.astype("string")
    length = text.str.len()
    precision = length.map(PRECISIONS).astype("string")
    padded = text.where(length != 4, text + "-01").where(length == 10, None)
    padded = padded.fillna(text.where(length == 7) + "-01").fillna(text.where(length == 4) + "-01-01")
    start = pd.to_datetime(padded, format="%Y-%m-%d").astype("datetime64[s]")
    week = text.where(length == 8)
    if week.notna().any():
        monday = pd.to_datetime(week + "-1", format="%G-W%V-%u").astype("datetime64[s]")
        start = start.where(length != 8, monday)
    end = start.copy()
    end = end.where(precision != "week", start + pd.Timedelta(days=6))
    end = end.where(precision != "month", start + pd.offsets.MonthEnd(0))
    end = end.where(precision != "year", start + pd.offsets.YearEnd(0))
    return pd.DataFrame({"start": start, "end": end.astype("datetime64[s]"), "precision": precision})


def timeline(dataset, include_undated: bool = False, include_inferred: bool = False) -> pd.DataFrame:
    """Claims and source publications, ordered by the date of what they are about.

    Parameters
    ----------
    dataset : Dataset
    include_undated : bool, default False
        Also list claims without a ``date``, after the dated ones.
    include_inferred : bool, default False
        Also list ``inferred`` claims (SPEC part 1); stated ones only by default.

    Returns
    -------
    pandas.DataFrame
        One row per dated claim and per source publication: ``date`` (the
        ISO text: when the thing happened or is due), ``precision``,
        ``start``, ``end``, ``date_text`` (the source's words), ``kind``
        (``'claim'`` or ``'published'``), ``claim_id``, ``subject``,
        ``predicate``, ``object``, ``status``, ``said_by``, ``source``,
        ``said_on`` (when the statement was made: the claim's own, else the
        source's publication), ``evidence``. Ordered by start, then end,
        then id.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> rows = timeline(toy_dataset(), include_undated=True)
    >>> rows[["date", "kind", "claim_id", "said_on"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['2022-12-10', 'published', <NA>, '2022-12-10'],
     [<NA>, 'claim', 'acme-office-agreed', '2022-12-09'],
     [<NA>, 'claim', 'acme-servers-not-done', '2022-12-10'],
     [<NA>, 'claim', 'bolt-office-agreed', '2022-12-09'],
     [<NA>, 'claim', 'rules-require-servers', '2022-12-10']]
    """
    from .statements import claim_statements

    dataset = dataset.select(include_inferred)
    claims = dataset.claims
    columns = ["claim_id", "subject", "predicate", "object", "status", "said_by", "source"]
    context = claim_statements(dataset)
    rows = claims[columns + ["date", "date_text"]].copy()
    rows["said_on"] = context["said_on"]
    rows["evidence"] = context["evidence"]
    if not include_undated:
        rows = rows[rows["date"].notna()]
    rows["kind"] = "claim"
    sources = dataset.sources
    published = pd.DataFrame(
        {
            "date": sources["published"],
            "kind": "published",
            "source": sources["source_id"],
            "subject": sources["publisher"],
            "said_on": sources["published"],
            "date_text": pd.array([pd.NA] * len(sources), dtype="string"),
        }
    )
    rows = pd.concat([rows, published], ignore_index=True)
    rows = pd.concat([rows, date_span(rows["date"])], axis=1)
    rows["sort_id"] = rows["claim_id"].fillna(rows["source"])
    rows = rows.sort_values(["start", "end", "kind", "sort_id"], na_position="last", kind="stable")
    ordered = ["date", "precision", "start", "end", "date_text", "kind", *columns, "said_on", "evidence"]
    return rows[ordered].reset_index(drop=True)
