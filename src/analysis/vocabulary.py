"""The words of the data package and what they mean, written once.

Every module that needs a definition -- which statuses count as progress,
which entity types can comply with a rule, which kinds of party assert
claims, which columns a table requires -- imports it from here. The README
and the notebooks cite these names rather than restating them.

Examples
--------
>>> POLARITY["agreed"], POLARITY["reluctant"]
('+', '-')
>>> party_kind("unnamed_source")
'unnamed source'
>>> sorted(COMPLIANCE_SUBJECT_TYPES)
['company', 'group', 'platform']
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ENTITY_TYPES",
    "GROUP_TYPE",
    "SOURCE_KINDS",
    "TEXT_KINDS",
    "READINGS",
    "STATED",
    "EVIDENCE_KINDS",
    "STATUSES",
    "POLARITY",
    "POSITIVE_STATUSES",
    "NEGATIVE_STATUSES",
    "STATUS_RANK",
    "STATUS_WORDS",
    "status_words",
    "COMPLIANCE_SUBJECT_TYPES",
    "OWNERSHIP_PREDICATE",
    "PARTY_KINDS",
    "party_kind",
    "ANY_TYPE",
    "LIST_SEPARATOR",
    "SLUG_PATTERN",
    "DATE_PATTERN",
    "DATE_FORMS",
    "STATEMENT_KEYS",
    "TableSpec",
    "TABLES",
    "EDGE_EXTRA_ATTRIBUTES",
    "RESERVED_COLUMNS",
]

#: Entity types a corpus may use (SPEC part 1, entities.csv ``type``).
ENTITY_TYPES = (
    "platform",
    "company",
    "person",
    "unnamed_source",
    "government_body",
    "law",
    "requirement",
    "place",
    "media",
    "programme",
    "event",
    "group",
)

#: The entity type of a class of actors a source speaks of without listing
#: them ("the companies"): a claim about a group says nothing about a member.
GROUP_TYPE = "group"

#: Kinds of source document (sources.csv ``kind``).
SOURCE_KINDS = ("news", "law", "statement", "report", "other")

#: How a source's words are kept (sources.csv ``text``): ``stored``, the full
#: text is in ``sources/<source_id>.txt`` and claims quote it; ``cited``, the
#: text is not ours to redistribute and claims paraphrase it.
TEXT_KINDS = ("stored", "cited")

#: How far a claim goes beyond its words (claims.csv ``reading``): ``stated``,
#: the words say it once names and pronouns are resolved; ``inferred``, the
#: curator's reading goes further and ``notes`` says why.
READINGS = ("stated", "inferred")
STATED = "stated"

#: What a claim's evidence is: a verbatim ``quote`` of a stored text, or the
#: curator's paraphrase of a ``cited`` one.
EVIDENCE_KINDS = ("quote", "cited")

#: Claims that share these are one statement: the same words of the same
#: source (the quote, or for a cited source the paraphrase). Counts of
#: evidence count statements, never claim rows.
STATEMENT_KEYS = ("source", "evidence_text")

#: The modality of a claim as reported (claims.csv ``status``).
STATUSES = ("done", "agreed", "planned", "expected", "reluctant", "declined", "not_done")

#: Status polarity: ``+`` moves toward the relation holding, ``-`` away from it.
POLARITY = {
    "done": "+",
    "agreed": "+",
    "planned": "+",
    "expected": "+",
    "not_done": "-",
    "declined": "-",
    "reluctant": "-",
}
POSITIVE_STATUSES = tuple(s for s in STATUSES if POLARITY[s] == "+")
NEGATIVE_STATUSES = tuple(s for s in STATUSES if POLARITY[s] == "-")

#: How far a status says a thing has gone, for ordering cells of the
#: compliance matrix: 3 is done, 0 is talk of the future, negatives move away.
STATUS_RANK = {
    "done": 3,
    "agreed": 2,
    "planned": 1,
    "expected": 0,
    "reluctant": -1,
    "declined": -2,
    "not_done": -3,
}

#: A status in plain words, for sentences a reader sees: never the data's code.
STATUS_WORDS = {
    "done": "done",
    "agreed": "agreed",
    "planned": "planned",
    "expected": "expected",
    "reluctant": "reluctant",
    "declined": "declined",
    "not_done": "not done",
}


def status_words(status: str) -> str:
    """The status in plain words.

    Examples
    --------
    >>> status_words("not_done"), status_words("agreed")
    ('not done', 'agreed')
    """
    return STATUS_WORDS.get(status, str(status).replace("_", " "))


#: Entity types that can comply, or fail to comply, with a requirement; a
#: group is its own row, never spread over members.
COMPLIANCE_SUBJECT_TYPES = frozenset({"platform", "company", GROUP_TYPE})

#: The predicate by which an owner's claims bear on what it owns.
OWNERSHIP_PREDICATE = "owns"

#: Who asserts a claim, by the type of the ``said_by`` entity: the three
#: kinds the "who says so" analysis compares.
PARTY_KINDS = {
    "person": "named person",
    "government_body": "institution",
    "company": "institution",
    "platform": "institution",
    "law": "institution",
    "unnamed_source": "unnamed source",
    "media": "outlet's own narration",
}


def party_kind(entity_type: str) -> str:
    """Return the kind of asserting party an entity of `entity_type` is.

    Parameters
    ----------
    entity_type : str
        One of :data:`ENTITY_TYPES`.

    Returns
    -------
    str
        ``'named person'``, ``'unnamed source'``, ``"outlet's own narration"``,
        ``'institution'`` or, for any other type, ``'other'``.

    Examples
    --------
    >>> party_kind("person"), party_kind("media"), party_kind("place")
    ('named person', "outlet's own narration", 'other')
    """
    return PARTY_KINDS.get(entity_type, "other")


#: In predicates.csv, the type list that allows every entity type.
ANY_TYPE = "*"

#: Separator of lists inside a cell.
LIST_SEPARATOR = "|"

#: Every id is a slug of this shape (RE2 and Python ``re`` agree on it).
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

#: ISO date with the precision the source gives: year, month, ISO week or day.
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-W[0-9]{2})?$"

#: The forms a date may take, for messages.
DATE_FORMS = "YYYY-MM-DD, YYYY-Www (ISO week), YYYY-MM or YYYY"


@dataclass(frozen=True)
class TableSpec:
    """The columns of one table of the data package and what they must hold."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    key: str | None = None
    slugs: tuple[str, ...] = ()
    enums: tuple[tuple[str, tuple[str, ...]], ...] = ()
    dates: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


#: The four tables, in the order they are read and reported.
TABLES = {
    "sources": TableSpec(
        name="sources",
        required=("source_id", "title", "publisher", "published", "kind"),
        optional=("url", "text", "author", "notes"),
        key="source_id",
        slugs=("source_id",),
        enums=(("kind", SOURCE_KINDS), ("text", TEXT_KINDS)),
        dates=("published",),
    ),
    "entities": TableSpec(
        name="entities",
        required=("entity_id", "name", "type"),
        optional=("aliases", "role", "country", "description"),
        key="entity_id",
        slugs=("entity_id",),
        enums=(("type", ENTITY_TYPES),),
    ),
    "predicates": TableSpec(
        name="predicates",
        required=("predicate", "label", "subject_types", "object_types"),
        optional=("description",),
        key="predicate",
        slugs=("predicate",),
    ),
    "claims": TableSpec(
        name="claims",
        required=(
            "claim_id",
            "subject",
            "predicate",
            "object",
            "status",
            "said_by",
            "source",
        ),
        # quote is required for a claim of a stored source, paraphrase for a
        # cited one: checked per row, not as columns
        optional=("quote", "paraphrase", "reading", "requirement", "date", "said_on", "date_text", "notes"),
        key="claim_id",
        slugs=("claim_id",),
        enums=(("status", STATUSES), ("reading", READINGS)),
        dates=("date", "said_on"),
    ),
}


#: Attributes an edge of the graph carries beyond the claim's own columns,
#: filled in from predicates.csv, the status and sources.csv (SPEC part 3).
EDGE_EXTRA_ATTRIBUTES = ("predicate_label", "polarity", "source_title", "source_publisher", "source_published")

_WHEN = "when the {0} exists, which would make the graph a dynamic one"

#: Names an extra column of entities.csv (node attributes) or claims.csv
#: (edge attributes) may not take, each with the reason a curator reads.
#: They are the names the GEXF writer takes out of a node's or an edge's
#: attributes to give them a meaning of its own (or, for ``key``, renames),
#: node-link JSON's node ``id`` and edge ``key``, and the edge attributes the
#: graph fills in itself (:data:`EDGE_EXTRA_ATTRIBUTES`): a column of that
#: name would be lost, overwritten or misread in a graph file, and SPEC part
#: 3 promises no value is lost. Validation refuses such a column rather than
#: renaming it behind the curator's back. The columns of sources.csv and
#: predicates.csv never become attributes of their own, so any extra name is
#: free there; so is ``type`` in entities.csv, where it is the SPEC's column.
RESERVED_COLUMNS = {
    "entities": {
        "id": "GEXF and node-link JSON take it as the node's id, which is the entity_id",
        "key": "GEXF writes an attribute of this name as networkx_key",
        "label": "GEXF takes it as the node's label, which is the entity's name",
        "pid": "GEXF takes it as the id of a parent node",
        "parents": "GEXF takes it as a list of parent nodes",
        "start": "GEXF takes it as " + _WHEN.format("node"),
        "end": "GEXF takes it as " + _WHEN.format("node"),
        "spells": "GEXF takes it as " + _WHEN.format("node"),
        "viz": "GEXF takes it as how the node is drawn",
    },
    "claims": {
        "id": "GEXF takes it as the edge's id, which is the claim_id",
        "key": "GEXF and node-link JSON take it as the edge's key, which is the claim_id",
        "networkx_key": "GEXF reads it back as the edge's key, which is the claim_id",
        "label": "GEXF takes it as the edge's label",
        "weight": "GEXF takes it as the edge's weight, a number",
        "type": "GEXF takes it as the edge's direction",
        "start": "GEXF takes it as " + _WHEN.format("edge"),
        "end": "GEXF takes it as " + _WHEN.format("edge"),
        "spells": "GEXF takes it as " + _WHEN.format("edge"),
        "viz": "GEXF takes it as how the edge is drawn",
        "predicate_label": "the graph fills it in with the predicate's label from predicates.csv",
        "polarity": "the graph fills it in from the status: + or -",
        "source_title": "the graph fills it in with the source's title from sources.csv",
        "source_publisher": "the graph fills it in with the source's publisher from sources.csv",
        "source_published": "the graph fills it in with the source's published date from sources.csv",
    },
}
