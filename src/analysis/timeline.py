"""When did it happen, as precisely as the sources say?

A date in the data package is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``. A
year is a span, not its first of January: :func:`date_span` turns each date
into the first and last day it can mean and its precision, and
:func:`timeline` orders claims and source publications by those spans,
keeping the source's own words for the time (``date_text``).

Examples
--------
>>> span = date_span(pd.Series(["2021", "2022-12", "2022-12-09", None]))
>>> span["precision"].tolist()
['year', 'month', 'day', <NA>]
>>> span["end"].dt.strftime("%Y-%m-%d").tolist()
['2021-12-31', '2022-12-31', '2022-12-09', nan]
"""

from __future__ import annotations

import pandas as pd

__all__ = ["date_span", "timeline", "PRECISIONS"]

#: Precision of a date by the length of its ISO text.
PRECISIONS = {4: "year", 7: "month", 10: "day"}


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
        (``'year'``, ``'month'`` or ``'day'``), on the index of `dates`.

    Examples
    --------
    >>> date_span(pd.Series(["2024-02"]))["end"].dt.day.tolist()
    [29]
    """
    text = dates.astype("string")
    length = text.str.len()
    precision = length.map(PRECISIONS).astype("string")
    padded = text.where(length != 4, text + "-01").where(length == 10, None)
    padded = padded.fillna(text.where(length == 7) + "-01").fillna(text.where(length == 4) + "-01-01")
    start = pd.to_datetime(padded, format="%Y-%m-%d").astype("datetime64[s]")
    end = start.copy()
    end = end.where(precision != "month", start + pd.offsets.MonthEnd(0))
    end = end.where(precision != "year", start + pd.offsets.YearEnd(0))
    return pd.DataFrame({"start": start, "end": end.astype("datetime64[s]"), "precision": precision})


def timeline(dataset, include_undated: bool = False) -> pd.DataFrame:
    """Claims and source publications, ordered by date.

    Parameters
    ----------
    dataset : Dataset
    include_undated : bool, default False
        Also list claims without a date, after the dated ones.

    Returns
    -------
    pandas.DataFrame
        One row per dated claim and per source publication: ``date`` (the
        ISO text), ``precision``, ``start``, ``end``, ``date_text`` (the
        source's words), ``kind`` (``'claim'`` or ``'published'``),
        ``claim_id``, ``subject``, ``predicate``, ``object``, ``status``,
        ``said_by``, ``source``. Ordered by start, then end, then id.

    Examples
    --------
    >>> import analysis
    >>> rows = timeline(analysis.load())
    >>> rows.iloc[-1][["date", "kind"]].tolist()
    ['2022-12-12', 'claim']
    """
    claims = dataset.claims
    columns = ["claim_id", "subject", "predicate", "object", "status", "said_by", "source"]
    dated = claims if include_undated else claims[claims["date"].notna()]
    rows = dated[columns + ["date", "date_text"]].copy()
    rows["kind"] = "claim"
    sources = dataset.sources
    published = pd.DataFrame(
        {
            "date": sources["published"],
            "kind": "published",
            "source": sources["source_id"],
            "subject": sources["publisher"],
            "date_text": pd.array([pd.NA] * len(sources), dtype="string"),
        }
    )
    rows = pd.concat([rows, published], ignore_index=True)
    rows = pd.concat([rows, date_span(rows["date"])], axis=1)
    rows["sort_id"] = rows["claim_id"].fillna(rows["source"])
    rows = rows.sort_values(["start", "end", "kind", "sort_id"], na_position="last", kind="stable")
    ordered = ["date", "precision", "start", "end", "date_text", "kind", *columns]
    return rows[ordered].reset_index(drop=True)
