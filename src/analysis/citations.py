"""Cite the sources from a reference manager: BibTeX and CSL-JSON.

Researchers cite from Zotero, pandoc or LaTeX. :func:`write_citations`
writes every source of the corpus twice:

* ``sources.bib`` (BibTeX, through ``bibtexparser``'s model and writer),
  which LaTeX (BibTeX and biber), pandoc and Zotero read;
* ``sources.csl.json`` (CSL-JSON), what Zotero and pandoc's citeproc read
  natively.

Each entry is keyed by ``source_id`` and gives the publisher, the title, the
date at the precision the data package gives it, the address and the author
where known, and a note:

* a title in square brackets is the curator's description of a document
  whose headline is not known (SPEC part 1). It stays in its brackets, the
  convention of citation styles for an untitled work, and the note says it
  is a description, not a published title;
* a ``cited`` source's note says that its text is cited, not stored: liaison
  keeps no copy of it.

A date is written at its precision: ``2022-12-10``, ``2022-12`` or ``2022``
(CSL ``issued`` date-parts of three, two or one part; BibTeX ``date`` and,
for styles that read only those, ``year`` and ``month``). An ISO week
(``2022-W50``) is the range from its Monday to its Sunday.

================  ==============================  =====================
source ``kind``   BibTeX                          CSL ``type``
================  ==============================  =====================
``news``          ``@article`` (``journal``)      ``article-newspaper``
``report``        ``@report`` (``institution``)   ``report``
``law``           ``@misc`` (``howpublished``)    ``legislation``
``statement``     ``@misc`` (``howpublished``)    ``document``
``other``         ``@misc`` (``howpublished``)    ``document``
================  ==============================  =====================

Examples
--------
>>> import json, tempfile
>>> from analysis.toy import toy_dataset
>>> out = tempfile.mkdtemp()
>>> [path.name for path in write_citations(toy_dataset(), out)]
['sources.bib', 'sources.csl.json']
>>> print((Path(out) / BIB_FILE).read_text(encoding="utf-8"), end="")
@article{daily-1,
	title = {{Acme and Bolt agree to open offices}},
	journal = {The Daily},
	date = {2022-12-10},
	year = {2022},
	month = dec
}
>>> json.loads((Path(out) / CSL_FILE).read_text(encoding="utf-8"))[0]["issued"]
{'date-parts': [[2022, 12, 10]]}
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pandas as pd

from .credits import is_description
from .export import write_atomic
from .optional import optional_import

__all__ = [
    "BIB_FILE",
    "CSL_FILE",
    "BIBTEX_TYPES",
    "CSL_TYPES",
    "DESCRIPTION_NOTE",
    "CITED_NOTE",
    "date_parts",
    "csl_items",
    "bibtex",
    "write_citations",
]

#: The files :func:`write_citations` writes.
BIB_FILE = "sources.bib"
CSL_FILE = "sources.csl.json"

#: BibTeX entry type of a source, by ``kind``, and the field its publisher goes in.
BIBTEX_TYPES = {
    "news": ("article", "journal"),
    "report": ("report", "institution"),
    "law": ("misc", "howpublished"),
    "statement": ("misc", "howpublished"),
    "other": ("misc", "howpublished"),
}

#: CSL type of a source, by ``kind``.
CSL_TYPES = {
    "news": "article-newspaper",
    "report": "report",
    "law": "legislation",
    "statement": "document",
    "other": "document",
}

#: The note of a bracketed title, and of a cited source.
DESCRIPTION_NOTE = "The title, in square brackets, is the curator's description: the headline is not known."
CITED_NOTE = "Text cited, not stored: liaison keeps no copy of it."

#: BibTeX's month macros (``month = dec``), which every style knows.
_MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

def _library():
    """bibtexparser v2, imported only when asked for: it is an optional extra."""

    def load():
        import bibtexparser
        from bibtexparser.middlewares import LatexEncodingMiddleware  # noqa: F401  (v2 only)

        return bibtexparser

    return optional_import(load, file=BIB_FILE, package="bibtexparser", module="bibtexparser", version="2")


def _text(value) -> str | None:
    if value is None or pd.isna(value):
        return None
    text = str(value).strip()
    return text or None


def date_parts(iso: str) -> list[list[int]]:
    """CSL date-parts of an ISO date at its precision; an ISO week is a range, Monday to Sunday.

    Examples
    --------
    >>> date_parts("2022-12-10"), date_parts("2022-12"), date_parts("2022")
    ([[2022, 12, 10]], [[2022, 12]], [[2022]])
    >>> date_parts("2022-W50")
    [[2022, 12, 12], [2022, 12, 18]]
    """
    text = str(iso).strip()
    if len(text) == 8 and text[5] == "W":
        monday = datetime.date.fromisocalendar(int(text[:4]), int(text[6:]), 1)
        sunday = monday + datetime.timedelta(days=6)
        return [[monday.year, monday.month, monday.day], [sunday.year, sunday.month, sunday.day]]
    return [[int(part) for part in text.split("-")]]


def _biblatex_date(parts: list[list[int]]) -> str:
    """biblatex's ``date``: ISO at its precision, a range as ``start/end``."""
    return "/".join("-".join(f"{n:02d}" if i else f"{n:04d}" for i, n in enumerate(p)) for p in parts)


def _notes(source: dict) -> list[str]:
    notes = []
    if is_description(source["title"]):
        notes.append(DESCRIPTION_NOTE)
    if _text(source.get("text")) == "cited":
        notes.append(CITED_NOTE)
    return notes


def _sources(dataset) -> list[dict]:
    return sorted(dataset.sources.to_dict("records"), key=lambda source: source["source_id"])


def csl_items(dataset) -> list[dict]:
    """Every source as a CSL-JSON item, sorted by ``source_id``.

    Returns
    -------
    list of dict
        ``id``, ``type``, ``title``, ``container-title`` (news) or
        ``publisher``, ``issued``, and where known ``author`` (as a literal
        name: a byline may be an agency), ``URL`` and ``note``.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> item = csl_items(toy_dataset())[0]
    >>> item["type"], item["container-title"], item["title"]
    ('article-newspaper', 'The Daily', 'Acme and Bolt agree to open offices')
    """
    items = []
    for source in _sources(dataset):
        kind = str(source["kind"])
        item = {"id": source["source_id"], "type": CSL_TYPES[kind], "title": source["title"]}
        author = _text(source.get("author"))
        if author:
            item["author"] = [{"literal": author}]
        item["container-title" if kind == "news" else "publisher"] = source["publisher"]
        item["issued"] = {"date-parts": date_parts(source["published"])}
        url = _text(source.get("url"))
        if url:
            item["URL"] = url
        notes = _notes(source)
        if notes:
            item["note"] = " ".join(notes)
        items.append(item)
    return items


def bibtex(dataset) -> str:
    """Every source as a BibTeX entry, sorted by ``source_id``: the text of ``sources.bib``.

    Text fields are LaTeX-encoded by bibtexparser (``&`` becomes ``\\&``,
    ``ë`` becomes ``\\"e``); the title and the author are braced whole, so
    that a style neither changes the case of a headline nor splits a byline
    into first and last names. The address is written as it is.

    Raises
    ------
    ModuleNotFoundError
        If bibtexparser v2 is not installed (``pip install 'liaison[exports]'``).
    """
    bibtexparser = _library()
    from bibtexparser.middlewares import LatexEncodingMiddleware
    from bibtexparser.model import Entry, Field

    library = bibtexparser.Library()
    verbatim = {}
    for source in _sources(dataset):
        entry_type, publisher_field = BIBTEX_TYPES[str(source["kind"])]
        fields = [Field("title", source["title"])]
        author = _text(source.get("author"))
        if author:
            fields.insert(0, Field("author", author))
        fields.append(Field(publisher_field, source["publisher"]))
        if entry_type == "report":
            fields.append(Field("type", "Report"))
        notes = _notes(source)
        if notes:
            fields.append(Field("note", " ".join(notes)))
        library.add(Entry(entry_type, source["source_id"], fields))
        verbatim[source["source_id"]] = source
    library = LatexEncodingMiddleware(allow_inplace_modification=True).transform(library)
    for entry in library.entries:
        source = verbatim[entry.key]
        for name in ("title", "author"):
            if name in entry.fields_dict:
                entry.fields_dict[name].value = "{" + entry.fields_dict[name].value + "}"
        parts = date_parts(source["published"])
        # after the encoding, which would escape a URL's _ and %; a date and a URL are written as they are
        at = next(i for i, f in enumerate(entry.fields) if f.key == "note") if "note" in entry.fields_dict else None
        dated = [Field("date", _biblatex_date(parts)), Field("year", str(parts[0][0]))]
        if len(parts[0]) >= 2 and parts[0][:2] == parts[-1][:2]:
            month = Field("month", _MONTH_MACROS[parts[0][1] - 1])
            month.enclosing = "no-enclosing"
            dated.append(month)
        url = _text(source.get("url"))
        if url:
            dated.append(Field("url", url))
        if at is None:
            entry.fields.extend(dated)
        else:
            entry.fields[at:at] = dated
    form = bibtexparser.BibtexFormat()
    form.indent = "\t"
    form.block_separator = "\n"
    return bibtexparser.write_string(library, bibtex_format=form)


def write_citations(dataset, out_folder) -> list[Path]:
    """Write ``sources.bib`` and ``sources.csl.json`` into `out_folder`.

    Each file is written whole or not at all (a temporary file in the same
    folder, then a rename), and the same dataset gives the same bytes.

    Parameters
    ----------
    dataset : Dataset
    out_folder : path-like
        An existing folder.

    Returns
    -------
    list of pathlib.Path
        ``[out_folder / "sources.bib", out_folder / "sources.csl.json"]``.

    Raises
    ------
    ModuleNotFoundError
        If bibtexparser v2 is not installed (``pip install 'liaison[exports]'``);
        then neither file is written.
    """
    folder = Path(os.fspath(out_folder))
    bib = bibtex(dataset)
    csl = json.dumps(csl_items(dataset), ensure_ascii=False, indent=2) + "\n"
    return [write_atomic(folder / BIB_FILE, bib), write_atomic(folder / CSL_FILE, csl)]
