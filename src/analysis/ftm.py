"""Take the corpus to Aleph: the entities, sources and claims as FollowTheMoney entities.

Investigative teams load entities into Aleph (OCCRP's platform, and
OpenAleph), whose data model is FollowTheMoney (FtM). :func:`write_ftm`
writes ``entities.ftm.json``: one FtM entity per line, as FtM's own writer
emits it (``id`` first, compact JSON), the lines sorted by id, so that
``ftm validate``, ``ftm aggregate`` and ``alephclient write-entities`` read
it as it is. Every value is cleaned to its property's type by the
``followthemoney`` library, as its entity proxies clean it; the file is
written a batch of records at a time, in the bytes FtM's writer gives the
proxies of :func:`ftm_entities` (which the tests hold it to), but
without a proxy per record: the time grows with the corpus and the memory
does not, beyond 40 bytes of id per record.

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

import hashlib
import io
import os
import re
from pathlib import Path

import pandas as pd

from .credits import date_in_words, is_description
from .export import open_atomic
from .optional import optional_import
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

def _library():
    """The FtM model, imported only when asked for: followthemoney is an optional extra."""

    def load():
        from followthemoney import model

        return model

    return optional_import(load, file=FTM_FILE, package="followthemoney", module="followthemoney")


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


def _entity(make, ident, row: dict, name: str):
    schema = SCHEMATA[row["type"]]
    proxy = make(schema)
    proxy.id = ident("entity", row["entity_id"])
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


def _source(make, ident, row: dict, text: str | None, date=None):
    date = date or _ftm_date
    proxy = make("Article")
    proxy.id = ident("source", row["source_id"])
    title = _text(row.get("title"))
    proxy.add("title", title)
    proxy.add("publisher", _text(row.get("publisher")))
    proxy.add("publishedAt", date(row.get("published")))
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


def _description(claim: dict, context: dict, names, in_words=date_in_words) -> str:
    lines = []
    if context["evidence"] == "quote":
        lines.append(f'Quote: "{context["evidence_text"]}"')
    else:
        lines.append(f"Paraphrase (the source is cited, its text not stored): {context['evidence_text']}")
    lines.append(f"Said on: {in_words(context['said_on'])}")
    date = _text(claim.get("date"))
    if date:
        lines.append(f"Date: {in_words(date)} ({date})")
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


def _claim(make, ident, claim: dict, context: dict, schema: tuple, names, sources: dict, date=None, in_words=None):
    """The relationship of one claim; `schema` is :func:`_claim_schema`'s answer for it."""
    schema, source_property, target_property = schema
    proxy = make(schema)
    proxy.id = ident("claim", claim["claim_id"])
    proxy.add(source_property, ident("entity", claim["subject"]))
    proxy.add(target_property, ident("entity", claim["object"]))
    label = context["label"]
    proxy.add("role", label)
    proxy.add("status", status_words(claim["status"]))
    proxy.add("date", (date or _ftm_date)(claim.get("date")))
    proxy.add(
        "summary",
        f"{names[claim['said_by']]} says {names[claim['subject']]} {label} {names[claim['object']]}: "
        f"{status_words(claim['status'])}.",
    )
    proxy.add("description", _description(claim, context, names, in_words or date_in_words))
    proxy.add("recordId", claim["claim_id"])
    source = sources[claim["source"]]
    proxy.add("proof", ident("source", claim["source"]))
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
    make = model.make_entity
    proxies = [_source(make, ftm_id, row, dataset.texts.get(row["source_id"])) for row in sources.values()]
    proxies += [_entity(make, ftm_id, row, names[row["entity_id"]]) for row in entities.to_dict("records")]
    context = claim_statements(dataset).to_dict("records")
    for claim, said in zip(dataset.claims.to_dict("records"), context):
        said["label"] = labels.get(claim["predicate"], _words(claim["predicate"]))
        schema = _claim_schema(model, claim, schemata)
        proxies.append(_claim(make, ftm_id, claim, said, schema, names, sources))
    return sorted(proxies, key=lambda proxy: proxy.id)


class _Record:
    """One FtM entity built as ``EntityProxy.add`` builds it, without the proxy's per-value overhead.

    What :meth:`followthemoney.proxy.EntityProxy.add` does to a value,
    written out once here: the value is sanitised (NFC, unsafe characters
    removed, stripped; empty is dropped), cleaned to its property's type
    (done once per distinct value and type, :class:`_Cleaner`, except an
    entity reference, which may not point at the entity itself), refused
    if it would take a size-limited type past the entity's total size, and
    kept once per property, in the order added. The tests compare every
    line with the proxy route (:func:`ftm_entities`).
    """

    __slots__ = ("id", "schema", "properties", "_size", "_cleaner")

    def __init__(self, cleaner, schema):
        self._cleaner = cleaner
        self.schema = schema
        self.id = None
        self.properties = {}
        self._size = 0

    def add(self, name, values) -> None:
        prop = self.schema.properties[name]
        if prop.stub:
            # as the proxy refuses it
            raise ValueError(f"stub property ({self.schema}): {prop}")
        cleaner = self._cleaner
        if type(values) is str:
            value = cleaner.sanitize(values)
            values = () if value is None else (value,)
        else:
            values = cleaner.string_list(values, sanitize=True)
        clean, limit = cleaner.rule(prop)
        for value in values:
            if clean is not None:
                value = clean(prop, value, self)
                if value is None:
                    continue
            if limit is not None and self._size + len(value) > limit:
                continue
            self._size += len(value)
            kept = self.properties.setdefault(prop.name, [])
            if value not in kept:
                kept.append(value)

    def line(self) -> bytes:
        """The entity as FtM's ``write_entity`` writes it: id first, compact JSON, a newline."""
        return self._cleaner.dumps(
            {"id": self.id, "schema": self.schema.name, "properties": self.properties}, option=self._cleaner.newline
        )


class _Cleaner:
    """FtM's cleaning of a value to a property's type, once per distinct value; FtM's ids, once per record."""

    def __init__(self, model):
        import orjson
        from followthemoney.types.common import PropertyType
        from followthemoney.util import key_bytes, sanitize_text
        from followthemoney.value import string_list

        self.model = model
        self.string_list = string_list
        self.dumps, self.newline = orjson.dumps, orjson.OPT_APPEND_NEWLINE
        self._key_bytes = key_bytes
        self._passthrough = PropertyType.clean_text
        self._cleaned: dict = {}
        self._schemata: dict = {}
        # ftm_id's digest of its first two parts, copied for each record rather than recomputed
        self._bases = {}
        for kind in _KINDS:
            base = hashlib.sha1()
            for part in ("liaison", kind):
                base.update(key_bytes(part))
            self._bases[kind] = base
        self._ids: dict = {}
        self._rules: dict = {}
        self._sanitize_text = sanitize_text
        # the ASCII characters FtM's sanitising removes or replaces, asked of FtM itself
        unsafe = [c for c in map(chr, range(128)) if sanitize_text(f"a{c}a") != f"a{c}a"]
        self._unsafe_ascii = re.compile("[" + "".join(re.escape(c) for c in unsafe) + "]") if unsafe else re.compile("(?!)")

    def make(self, schema: str) -> _Record:
        known = self._schemata.get(schema)
        if known is None:
            known = self._schemata[schema] = self.model.get(schema)
        return _Record(self, known)

    def ident(self, kind: str, our_id: str) -> str:
        """:func:`ftm_id`; kept for entities and sources, which claims refer to again and again."""
        if kind == "claim":
            return self._ident(kind, our_id)
        known = self._ids.get((kind, our_id))
        if known is None:
            known = self._ids[(kind, our_id)] = self._ident(kind, our_id)
        return known

    def _ident(self, kind, our_id):
        if kind not in self._bases:
            raise ValueError(f"kind must be one of {_KINDS}, not {kind!r}")
        digest = self._bases[kind].copy()
        digest.update(self._key_bytes(our_id))
        return digest.hexdigest()

    def rule(self, prop):
        """How a value of `prop` is cleaned (None: it is kept as sanitised) and the size its type allows."""
        known = self._rules.get(prop)
        if known is None:
            kind = prop.type
            if type(kind).clean_text is self._passthrough:
                clean = None
            elif kind.name == "entity":
                # the one type whose answer depends on the entity: it may not refer to itself
                clean = self._reference
            else:
                clean = self._clean
            known = self._rules[prop] = (clean, kind.total_size)
        return known

    @staticmethod
    def _reference(prop, value, record):
        return prop.type.clean_text(value, format=prop.format, proxy=record)

    def _clean(self, prop, value, record):
        key = (prop.type.name, prop.format, value)
        if key not in self._cleaned:
            self._cleaned[key] = prop.type.clean_text(value, format=prop.format)
        return self._cleaned[key]

    def sanitize(self, text: str):
        """FtM's ``sanitize_text`` of a string; an ASCII string with none of the characters it removes is only stripped."""
        if text.isascii() and self._unsafe_ascii.search(text) is None:
            return text.strip() or None
        return self._sanitize_text(text)


def _memo(function):
    """`function` of one argument, computed once per distinct argument (None and NA as themselves)."""
    known = {}

    def once(value):
        key = None if value is None or value is pd.NA or (isinstance(value, float) and value != value) else value
        if key not in known:
            known[key] = function(value)
        return known[key]

    return once


#: How many records are turned into lines at a time: memory stays flat, whatever the corpus.
_BATCH = 5_000


def _rows(frame: pd.DataFrame, positions) -> list[dict]:
    """The rows of `frame` at `positions`, as ``to_dict("records")`` gives them, a column at a time."""
    part = frame.take(positions)
    columns = {column: part[column].astype(object).where(part[column].notna(), None).tolist() for column in part}
    return [dict(zip(columns, values)) for values in zip(*columns.values())] if columns else [{}] * len(positions)


def _write_lines(dataset, stream) -> None:
    """Write the lines of ``entities.ftm.json`` to `stream`, in id order, a batch of records at a time.

    The same entities as :func:`ftm_entities` makes with proxies, built
    with :class:`_Record`: every id is computed first and sorted (stably,
    sources, entities, claims, as ``sorted`` keeps them), then the records
    are built and written in that order, :data:`_BATCH` at a time.
    """
    import numpy as np

    from .statements import claim_statements

    model = _library()
    kit = _Cleaner(model)
    names = dataset.names()
    entities = dataset.entities.drop_duplicates("entity_id").reset_index(drop=True)
    schemata = dict(zip(entities["entity_id"], entities["type"].astype(str).map(SCHEMATA)))
    labels = dict(zip(dataset.predicates["predicate"], dataset.predicates["label"]))
    source_rows = dataset.sources.to_dict("records")
    # a source id twice: the last row, at the place of the first (as a dict of the rows keeps it)
    sources = {row["source_id"]: row for row in source_rows}
    source_list = list(sources.values())
    names_of = dict(zip(names.index, names.tolist()))
    claims = dataset.claims
    context = claim_statements(dataset)
    date = _memo(_ftm_date)
    in_words = _memo(date_in_words)
    schema_of = {}

    # the ids as 40 ASCII bytes each, one buffer: no million Python strings to sort
    ids = bytearray()
    for kind, our_ids in (("source", sources), ("entity", entities["entity_id"]), ("claim", claims["claim_id"])):
        for our_id in our_ids:
            ids += kit.ident(kind, our_id).encode("ascii")
    kinds = np.repeat(np.array([0, 1, 2], dtype=np.int8), [len(sources), len(entities), len(claims)])
    rows = np.concatenate([np.arange(len(sources)), np.arange(len(entities)), np.arange(len(claims))])
    order = np.argsort(np.frombuffer(ids, dtype="S40"), kind="stable")
    del ids

    def source_line(row):
        return _source(kit.make, kit.ident, row, dataset.texts.get(row["source_id"]), date).line()

    def entity_line(row):
        return _entity(kit.make, kit.ident, row, names_of[row["entity_id"]]).line()

    def claim_line(claim, said):
        said["label"] = labels.get(claim["predicate"], _words(claim["predicate"]))
        key = (
            claim["predicate"],
            _text(claim.get("reading")),
            claim["status"],
            schemata[claim["subject"]],
            schemata[claim["object"]],
        )
        if key not in schema_of:
            schema_of[key] = _claim_schema(model, claim, schemata)
        return _claim(kit.make, kit.ident, claim, said, schema_of[key], names_of, sources, date, in_words).line()

    for start in range(0, len(order), _BATCH):
        batch = order[start : start + _BATCH]
        lines = [b""] * len(batch)
        batch_kinds, batch_rows = kinds[batch], rows[batch]
        for at in np.flatnonzero(batch_kinds == 0):
            lines[at] = source_line(source_list[batch_rows[at]])
        at = np.flatnonzero(batch_kinds == 1)
        for place, row in zip(at, _rows(entities, batch_rows[at])):
            lines[place] = entity_line(row)
        at = np.flatnonzero(batch_kinds == 2)
        for place, claim, said in zip(at, _rows(claims, batch_rows[at]), _rows(context, batch_rows[at])):
            lines[place] = claim_line(claim, said)
        stream.write(b"".join(lines))


def _proxy_lines(dataset) -> bytes:
    """``entities.ftm.json`` as the followthemoney proxies write it: the reference the tests hold :func:`write_ftm` to."""
    _library()
    from followthemoney.cli.util import write_entity

    stream = io.BytesIO()
    for proxy in ftm_entities(dataset):
        write_entity(stream, proxy)
    return stream.getvalue()


def write_ftm(dataset, out_folder) -> list[Path]:
    """Write ``entities.ftm.json`` into `out_folder`: one FtM entity per line, sorted by id.

    The file is written whole or not at all (a temporary file in the same
    folder, then a rename), and the same dataset gives the same bytes:
    those of FtM's own writer over :func:`ftm_entities`, built a batch at a
    time rather than as a list of proxies (:func:`_write_lines`).

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
    path = Path(os.fspath(out_folder)) / FTM_FILE
    with open_atomic(path) as stream:
        _write_lines(dataset, stream)
    return [path]
