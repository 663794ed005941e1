"""How to credit a source document in words a reader sees: "Dawn, 10 December 2022".

A credit names the publisher and the date of publication in words, at the
precision the data package gives it ("10 December 2022", "December 2022",
"2022"), and adds the title in quotation marks only when it is a headline:
a title in square brackets is the curator's description of a document
whose headline is not known (SPEC part 1, sources.csv ``title``) and is
never shown as if it had been published.

The figures, the report and the notebooks all credit sources through
:func:`credit` and :func:`credit_line`, so a source reads the same
everywhere.

Examples
--------
>>> credit({"publisher": "Dawn", "published": "2022-12-10", "title": "[Dawn report on Google]"})
'Dawn, 10 December 2022'
>>> credit({"publisher": "The Daily", "published": "2022-12", "title": "Acme opens an office"})
'The Daily, December 2022, "Acme opens an office"'
"""

from __future__ import annotations

import datetime

import pandas as pd

__all__ = ["MONTHS", "date_in_words", "is_description", "credit", "credit_line"]

#: Month names in English, written out here rather than taken from
#: ``strftime("%B")``, which follows the machine's locale.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_in_words(iso) -> str:
    """An ISO date of any precision in words: day month year, no leading zero.

    Parameters
    ----------
    iso : str
        ``YYYY-MM-DD``, ``YYYY-Www`` (ISO week), ``YYYY-MM`` or ``YYYY``.

    Returns
    -------
    str
        ``'10 December 2022'``, ``'week of 12 December 2022'``,
        ``'December 2022'`` or ``'2022'``; anything else is returned as it is.

    Examples
    --------
    >>> date_in_words("2022-12-09"), date_in_words("2022-12"), date_in_words("2022")
    ('9 December 2022', 'December 2022', '2022')
    >>> date_in_words("2022-W50")
    'week of 12 December 2022'
    """
    text = str(iso).strip()
    try:
        if len(text) == 10:
            day = datetime.date.fromisoformat(text)
            return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        if len(text) == 8 and text[5] == "W":
            monday = datetime.date.fromisocalendar(int(text[:4]), int(text[6:]), 1)
            return f"week of {monday.day} {MONTHS[monday.month - 1]} {monday.year}"
        if len(text) == 7:
            return f"{MONTHS[int(text[5:]) - 1]} {int(text[:4])}"
    except (ValueError, IndexError):
        pass
    return text


def is_description(title) -> bool:
    """Whether `title` is the curator's description in square brackets, not a headline.

    Examples
    --------
    >>> is_description("[Dawn report on Google's registration]"), is_description("Google registers")
    (True, False)
    """
    return str(title).strip().startswith("[")


def _field(source, name):
    value = source.get(name) if hasattr(source, "get") else getattr(source, name, None)
    return None if value is None or pd.isna(value) or str(value).strip() == "" else str(value).strip()


def credit(source) -> str:
    """The credit of one source: publisher, date in words, and the title if it is a headline.

    Parameters
    ----------
    source : mapping or row
        Anything with ``publisher``, ``published`` and ``title`` (a dict, a
        row of ``dataset.sources``, a named tuple).

    Returns
    -------
    str
        ``'Publisher, 10 December 2022'``, followed by ``, "Title"`` unless
        the title is a bracketed description (:func:`is_description`) or
        missing.

    Examples
    --------
    >>> credit({"publisher": "Dawn", "published": "2022-12-10", "title": "[Dawn report]"})
    'Dawn, 10 December 2022'
    >>> credit({"publisher": "Ardenia Communications Authority", "published": "2024", "title": "Statement"})
    'Ardenia Communications Authority, 2024, "Statement"'
    """
    parts = [_field(source, "publisher"), _field(source, "published")]
    words = [parts[0] or "unknown publisher"]
    if parts[1]:
        words.append(date_in_words(parts[1]))
    title = _field(source, "title")
    if title and not is_description(title):
        words.append(f'"{title}"')
    return ", ".join(words)


def credit_line(sources, limit: int = 3) -> str:
    """The sources a piece rests on, credited in order of publication.

    Parameters
    ----------
    sources : pandas.DataFrame
        Rows of ``dataset.sources`` (``source_id``, ``publisher``,
        ``published``, ``title``).
    limit : int, default 3
        How many to credit by name; the rest are counted.

    Returns
    -------
    str
        ``'Source: ...'`` for one source, ``'Sources (n): ...; ...'`` for
        several, ``'Sources: none'`` for none.

    Examples
    --------
    >>> import pandas as pd
    >>> sources = pd.DataFrame(
    ...     {
    ...         "source_id": ["a", "b"],
    ...         "publisher": ["Dawn", "The Daily"],
    ...         "published": ["2022-12-10", "2022-11"],
    ...         "title": ["[Dawn report]", "Acme opens"],
    ...     }
    ... )
    >>> credit_line(sources)
    'Sources (2): The Daily, November 2022, "Acme opens"; Dawn, 10 December 2022'
    >>> credit_line(sources, limit=1)
    'Sources (2): The Daily, November 2022, "Acme opens"; and 1 more'
    """
    if len(sources) == 0:
        return "Sources: none"
    ordered = sources.sort_values(["published", "source_id"], kind="stable")
    items = [credit(row) for row in ordered.to_dict("records")]
    shown = "; ".join(items[:limit])
    if len(items) > limit:
        shown += f"; and {len(items) - limit} more"
    label = "Source" if len(items) == 1 else f"Sources ({len(items)})"
    return f"{label}: {shown}"
