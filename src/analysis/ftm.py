"""Take the corpus to Aleph: the entities, sources and claims as FollowTheMoney entities.

Investigative teams load entities into Aleph (OCCRP's platform, and
OpenAleph), whose data model is FollowTheMoney (FtM). :func:`write_ftm`
writes ``entities.ftm.json``: one FtM entity per line, as FtM's own writer
emits it (``id`` first, compact JSON), the lines sorted by id, so that
``ftm validate``, ``ftm aggregate`` and ``alephclient write-entities`` read
it as it is. Every entity is built with the ``followthemoney`` library
(``model.make_entity``), which cleans each value to its property's type.

* every **entity** becomes an entity of the schema :data:`SCHEMATA` gives
  its type, named as a reader sees it (:meth:`Dataset.names`: a group says
  it is one), with its aliases, country, description, and its type in plain
  words as a keyword (so that a platform and a company, both ``Company``,
  stay apart);
* every **source** becomes an ``Article``: its title as written (a
  bracketed description stays in its brackets and is said to be one),
  publisher, publication date, address, author and the curator's notes; a
  ``stored`` source carries its text (``bodyText``, which Aleph indexes for
  search) and its file name, a ``cited`` one says that its text is cited,
  not stored;
* every **claim**, ``stated`` and ``inferred``, becomes a relationship: an
  ``UnknownLink`` from subject to object, captioned with the predicate's
  label, or the schema :data:`RELATIONSHIPS` gives its predicate when the
  claim is ``stated`` and ``done`` (a planned or reported-as-refused
  ownership is not an ownership) and both ends are of a schema the
  relationship allows. Each carries the status in words, the date, the
  claim id (``recordId``), the source (``proof``, ``publisher``,
  ``sourceUrl``), and in its ``summary`` and ``description`` who says so,
  when it was said, the quote or paraphrase, the requirement it bears on and
  its reading.

Ids are stable: ``make_entity_id("liaison", kind, our_id)`` (FtM's sha1 of
the parts, :func:`ftm_id`), so a re-export updates the entities already in
Aleph rather than adding copies of them.

What FtM cannot carry
---------------------
* Who says so: an FtM relationship joins two entities; the asserting party
  of a claim (``said_by``) is named in its ``summary``, not linked.
* When it was said (``said_on``), the reading, the requirement and the
  curator's notes: written out in ``description``, not as properties.
* ISO weeks (``2022-W50``): an FtM date is a day, month or year. A week is
  given as the month (or year) that contains it, and as written in the
  ``description``.
* Laws and requirements: FtM has no schema for legislation or for an
  obligation; both are ``Note`` entities (whose caption is their
  description, so the name is set there, and the entity's own description
  goes in ``summary``).
* Entity types: several types share a schema (see the table); the type is
  kept as a keyword.
* Values FtM's types reject, such as a user-assigned country code (``XA``)
  or a role on anything but a person: left out, or (a role) written in
  ``notes``. Extra columns of a corpus are not carried.
* A claim's or entity's schema is part of what Aleph stores under its id: if
  a re-curated claim changes schema (a ``planned`` ownership becomes
  ``done``), delete the old entity in Aleph before loading.

Examples
--------
>>> import json, tempfile
>>> from analysis.toy import toy_dataset
>>> out = tempfile.mkdtemp()
>>> [path.name for path in write_ftm(toy_dataset(), out)]
['entities.ftm.json']
>>> lines = [json.loads(line) for line in open(Path(out) / FTM_FILE, encoding="utf-8")]
>>> len(lines)  # 1 source, 9 entities, 5 claims
15
>>> sorted({line["schema"] for line in lines})
['Address', 'Article', 'Company', 'LegalEntity', 'Note', 'Organization', 'Person', 'UnknownLink']
>>> link = next(line for line in lines if line["id"] == ftm_id("claim", "acme-office-agreed"))
>>> link["properties"]["role"], link["properties"]["status"], link["properties"]["summary"]
(['opens an office in'], ['agreed'], ['Ana Ruiz says Acme opens an office in Freedonia: agreed.'])
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd

from .credits import date_in_words, is_description
from .export import write_atomic
from .vocabulary import OWNERSHIP_PREDICATE, STATED, status_words

__all__ = ["FTM_FILE", "SCHEMATA", "RELATIONSHIPS", "ftm_id", "ftm_entities", "write_ftm"]

#: The file :func:`write_ftm` writes.
FTM_FILE = "entities.ftm.json"

#: The FtM schema of each entity type. Copy this table into the README:
#:
#: ==================  ================  =============================================================
#: entity type         FtM schema        why, and what FtM cannot carry
#: ==================  ================  =============================================================
#: ``platform``        ``Company``       the business behind the service; a ``Company`` can be owned
#:                                       (an ``Asset``). ``platform`` is kept as a keyword
#: ``company``         ``Company``       as it is
#: ``person``          ``Person``        ``role`` becomes ``position``
#: ``government_body`` ``PublicBody``    as it is
#: ``media``           ``Organization``  the outlet; its own narration is what it says
#: ``unnamed_source``  ``LegalEntity``   a party without a name: FtM's most general party; the
#:                                       name is the curator's ("industry sources")
#: ``group``           ``LegalEntity``   a class of actors; named "... (as a group)". FtM has no
#:                                       group that says nothing about its members, and none is
#:                                       made: no ``Membership`` is invented
#: ``law``             ``Note``          FtM has no schema for legislation
#: ``requirement``     ``Note``          FtM has no schema for an obligation
#: ``place``           ``Address``       a country or city as a location (``Territory`` is newer
#:                                       than the FtM of most Aleph servers)
#: ``programme``       ``Project``       an activity with participants
#: ``event``           ``Event``         as it is
#: ==================  ================  =============================================================
#:
#: Sources are ``Article`` entities; claims ``UnknownLink`` (or, when
#: stated and done, the schema of :data:`RELATIONSHIPS`).
SCHEMATA = {
    "platform": "Company",
    "company": "Company",
    "person": "Person",
    "government_body": "PublicBody",
    "media": "Organization",
    "unnamed_source": "LegalEntity",
    "group": "LegalEntity",
    "law": "Note",
    "requirement": "Note",
    "place": "Address",
    "programme": "Project",
    "event": "Event",
}

#: The FtM relationship of a predicate, as (schema, subject property,
#: object property), used for a claim that is ``stated`` and ``done`` whose
#: ends fit the schema (an owner is a legal entity, what it owns an asset);
#: any other claim is an ``UnknownLink``. ``represents`` is for a corpus
#: whose vocabulary has it (agent represents client).
RELATIONSHIPS = {
    OWNERSHIP_PREDICATE: ("Ownership", "owner", "asset"),
    "represents": ("Representation", "agent", "client"),
}

#: The status for which a claim's relationship holds as stated.
_HOLDS = "done"

#: Kinds of record, in the ids: an entity, a source, a claim.
_KINDS = ("entity", "source", "claim")

_MISSING = (
    "writing {file} needs the followthemoney package, an optional dependency of liaison: "
    "pip install 'liaison[exports]'"
)


def _library():
    """The FtM model, imported only when asked for: followthemoney is an optional extra."""
    try:
        from followthemoney import model
    except ImportError as error:
        raise ModuleNotFoundError(_MISSING.format(file=FTM_FILE), name="followthemoney") from error
    return model


def ftm_id(kind: str, our_id: str) -> str:
    """The FtM id of one of our records: stable across runs, derived from our id.

    Parameters
    ----------
    kind : {'entity', 'source', 'claim'}
    our_id : str
        The ``entity_id``, ``source_id`` or ``claim_id``.

    Returns
    -------
    str
        ``followthemoney.util.make_entity_id("liaison", kind, our_id)``: a
        sha1 in hex, which any FtM tool accepts as an id (our slugs may
        hold ``_``, which an FtM id may not).

    Examples
    --------
    >>> ftm_id("entity", "acme") == ftm_id("entity", "acme") != ftm_id("source", "acme")
    True
    """
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, not {kind!r}")
    _library()
    from followthemoney.util import make_entity_id

    return make_entity_id("liaison", kind, our_id)


def _text(value) -> str | None:
    if value is None or pd.isna(value):
        return None
    text = str(value).strip()
    return text or None


def _ftm_date(iso) -> str | None:
    """An ISO date of the data package as an FtM date: a week becomes the month, or year, holding it."""
    import datetime

    text = _text(iso)
    if text is None or len(text) != 8 or text[5] != "W":
        return text
    monday = datetime.date.fromisocalendar(int(text[:4]), int(text[6:]), 1)
    sunday = monday + datetime.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return f"{monday.year:04d}-{monday.month:02d}"
    return f"{monday.year:04d}" if monday.year == sunday.year else None


def _words(entity_type) -> str:
    return str(entity_type).replace("_", " ")


def _entity(model, row: dict, name: str):
    schema = SCHEMATA[row["type"]]
    proxy = model.make_entity(schema)
    proxy.id = ftm_id("entity", row["entity_id"])
    description = _text(row.get("description"))
    if schema == "Note":
        # a Note is captioned by its description: the name goes there
        proxy.add("name", name)
        proxy.add("description", name)
        proxy.add("summary", description)
    else:
        proxy.add("name", name)
        proxy.add("description", description)
    if schema == "Address":
        proxy.add("full", name)
    aliases = _text(row.get("aliases"))
    if aliases:
        proxy.add("alias", [alias.strip() for alias in aliases.split("|") if alias.strip()])
    proxy.add("country", _text(row.get("country")))
    role = _text(row.get("role"))
    if role and proxy.schema.get("position") is not None:
        proxy.add("position", role)
    elif role:
        proxy.add("notes", f"Role as the source names it: {role}")
    proxy.add("keywords", _words(row["type"]))
    return proxy


def _source(model, row: dict, text: str | None):
    proxy = model.make_entity("Article")
    proxy.id = ftm_id("source", row["source_id"])
    title = _text(row.get("title"))
    proxy.add("title", title)
    proxy.add("publisher", _text(row.get("publisher")))
    proxy.add("publishedAt", _ftm_date(row.get("published")))
    proxy.add("sourceUrl", _text(row.get("url")))
    proxy.add("author", _text(row.get("author")))
    proxy.add("notes", _text(row.get("notes")))
    proxy.add("keywords", _text(row.get("kind")))
    summary = []
    if title and is_description(title):
        summary.append("The title is the curator's description, in square brackets: the headline is not known.")
    if text is None:
        proxy.add("keywords", "text cited, not stored")
        summary.append(
            "Text cited, not stored: it is not ours to redistribute; claims from it carry a paraphrase."
        )
    else:
        proxy.add("keywords", "text stored")
        proxy.add("fileName", f"{row['source_id']}.txt")
        proxy.add("bodyText", text)
        summary.append("Text stored: claims from it quote it verbatim.")
    proxy.add("summary", " ".join(summary))
    return proxy


def _claim_schema(model, claim: dict, schemata: dict):
    """(schema, subject property, object property) of a claim's relationship."""
    relationship = RELATIONSHIPS.get(claim["predicate"])
    stated = (_text(claim.get("reading")) or STATED) == STATED
    if relationship and stated and claim["status"] == _HOLDS:
        schema, source, target = relationship
        properties = model.get(schema).properties
        if model.get(schemata[claim["subject"]]).is_a(properties[source].range) and model.get(
            schemata[claim["object"]]
        ).is_a(properties[target].range):
            return relationship
    return ("UnknownLink", "subject", "object")


def _description(claim: dict, context: dict, names: pd.Series) -> str:
    lines = []
    if context["evidence"] == "quote":
        lines.append(f'Quote: "{context["evidence_text"]}"')
    else:
        lines.append(f"Paraphrase (the source is cited, its text not stored): {context['evidence_text']}")
    lines.append(f"Said on: {date_in_words(context['said_on'])}")
    date = _text(claim.get("date"))
    if date:
        lines.append(f"Date: {date_in_words(date)} ({date})")
    date_text = _text(claim.get("date_text"))
    if date_text:
        lines.append(f'The source\'s words for the time: "{date_text}"')
    requirement = _text(claim.get("requirement"))
    if requirement:
        lines.append(f"Bears on the requirement: {names[requirement]}")
    reading = _text(claim.get("reading")) or STATED
    notes = _text(claim.get("notes"))
    if reading == STATED:
        lines.append("Reading: stated (the words say it)")
        if notes:
            lines.append(f"Curator's note: {notes}")
    else:
        lines.append(f"Reading: {reading} (the curator's reading goes further than the words): {notes}")
    return "\n".join(lines)


def _claim(model, claim: dict, context: dict, schemata: dict, names: pd.Series, sources: dict):
    schema, source_property, target_property = _claim_schema(model, claim, schemata)
    proxy = model.make_entity(schema)
    proxy.id = ftm_id("claim", claim["claim_id"])
    proxy.add(source_property, ftm_id("entity", claim["subject"]))
    proxy.add(target_property, ftm_id("entity", claim["object"]))
    label = context["label"]
    proxy.add("role", label)
    proxy.add("status", status_words(claim["status"]))
    proxy.add("date", _ftm_date(claim.get("date")))
    proxy.add(
        "summary",
        f"{names[claim['said_by']]} says {names[claim['subject']]} {label} {names[claim['object']]}: "
        f"{status_words(claim['status'])}.",
    )
    proxy.add("description", _description(claim, context, names))
    proxy.add("recordId", claim["claim_id"])
    source = sources[claim["source"]]
    proxy.add("proof", ftm_id("source", claim["source"]))
    proxy.add("publisher", _text(source.get("publisher")))
    proxy.add("sourceUrl", _text(source.get("url")))
    return proxy


def ftm_entities(dataset) -> list:
    """Every entity, source and claim of `dataset` as an FtM entity proxy, sorted by id.

    Every claim is taken, ``stated`` and ``inferred``, each saying its
    reading: the export is lossless, and a reader chooses what to rest on.

    Returns
    -------
    list of followthemoney.EntityProxy

    Raises
    ------
    ModuleNotFoundError
        If followthemoney is not installed (``pip install 'liaison[exports]'``).
    """
    from .statements import claim_statements

    model = _library()
    names = dataset.names()
    entities = dataset.entities.drop_duplicates("entity_id")
    schemata = dict(zip(entities["entity_id"], entities["type"].astype(str).map(SCHEMATA)))
    labels = dict(zip(dataset.predicates["predicate"], dataset.predicates["label"]))
    sources = {row["source_id"]: row for row in dataset.sources.to_dict("records")}
    proxies = [_source(model, row, dataset.texts.get(row["source_id"])) for row in sources.values()]
    proxies += [_entity(model, row, names[row["entity_id"]]) for row in entities.to_dict("records")]
    context = claim_statements(dataset).to_dict("records")
    for claim, said in zip(dataset.claims.to_dict("records"), context):
        said["label"] = labels.get(claim["predicate"], _words(claim["predicate"]))
        proxies.append(_claim(model, claim, said, schemata, names, sources))
    return sorted(proxies, key=lambda proxy: proxy.id)


def write_ftm(dataset, out_folder) -> list[Path]:
    """Write ``entities.ftm.json`` into `out_folder`: one FtM entity per line, sorted by id.

    The file is written whole or not at all (a temporary file in the same
    folder, then a rename), and the same dataset gives the same bytes.

    Parameters
    ----------
    dataset : Dataset
    out_folder : path-like
        An existing folder.

    Returns
    -------
    list of pathlib.Path
        ``[out_folder / "entities.ftm.json"]``.

    Raises
    ------
    ModuleNotFoundError
        If followthemoney is not installed (``pip install 'liaison[exports]'``).
    """
    _library()
    from followthemoney.cli.util import write_entity

    stream = io.BytesIO()
    for proxy in ftm_entities(dataset):
        # FtM's own writer: id first, so that the lines sort by id as `ftm aggregate` expects
        write_entity(stream, proxy)
    return [write_atomic(Path(os.fspath(out_folder)) / FTM_FILE, stream.getvalue())]
