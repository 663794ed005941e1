"""The narrative findings, as code: sentences an editor would let run (SPEC part 4).

A finding has an id, a statement generated from the data (no typed numbers
or names), the ids of the claims it rests on, and ``holds``: whether its
pattern is present in the corpus at hand. Every finding is written for any
corpus that follows the SPEC. Where the pattern is absent the finding says
so in a sentence of its own and ``holds`` is false.

How the sentences are written:

* every account is attributed ("according to IT Minister Ana Ruiz"; the
  outlet's narration is "The Daily's own reporting"; an unnamed source is
  "unnamed industry insiders"), and the sources are credited at the end;
* statuses are in plain words (:func:`~analysis.vocabulary.status_words`);
* numbers count statements (claims sharing a source and its words are one,
  :mod:`analysis.statements`) and asserting parties, never claim rows;
  numbers up to nine are spelled out;
* findings rest on ``stated`` claims only, unless ``include_inferred``;
* a group ("the companies") is named as a group and never stands for its
  members; nothing about requirements, ownership or membership is said
  that no claim states.

Examples
--------
>>> from analysis.toy import toy_dataset
>>> results = findings(toy_dataset())
>>> [(f.id, f.holds) for f in results][:3]
[('requirement-progress', True), ('requirement-done', False), ('requirement-gap', True)]
>>> print(finding(toy_dataset(), "requirement-gap").statement)
No account reports progress on "Servers in Freedonia", which the Online Rules require according to The Daily's own reporting: Acme, not done (“Acme keeps its data abroad”) according to The Daily's own reporting. Source: The Daily, 10 December 2022, "Acme and Bolt agree to open offices".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from .compliance import compliance_table
from .contested import contested_claims
from .credits import credit, date_in_words
from .sourcing import claim_parties, unnamed_alone
from .statements import claim_statements
from .vocabulary import GROUP_TYPE, POLARITY, STATUS_RANK, party_kind, status_words

__all__ = [
    "Finding",
    "FINDINGS",
    "register",
    "findings",
    "finding",
    "evidence",
    "as_records",
    "findings_text",
]


@dataclass(frozen=True)
class Finding:
    """One narrative finding.

    Attributes
    ----------
    id : str
    statement : str
        Sentences generated from the data.
    holds : bool
        Whether the finding's pattern is present in this corpus.
    claims : tuple of str
        The ids of the claims it rests on, in file order.
    """

    id: str
    statement: str
    holds: bool
    claims: tuple[str, ...]


#: The registry: finding id to the function that computes it, in reading order.
FINDINGS: dict = {}


def register(finding_id: str):
    """Decorator: add a finding function to :data:`FINDINGS` under `finding_id`.

    The function takes a :class:`Context` and returns ``(statement, holds,
    claim_ids)``; the registry wraps it into a :class:`Finding`.
    """

    def add(compute):
        if finding_id in FINDINGS:
            raise ValueError(f"finding {finding_id!r} is registered twice")
        FINDINGS[finding_id] = compute
        compute.finding_id = finding_id
        return compute

    return add


# -- words ------------------------------------------------------------------

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _number(n: int) -> str:
    """Newsroom style: one to nine in words, 10 and up in figures.

    Examples
    --------
    >>> _number(0), _number(1), _number(9), _number(21)
    ('no', 'one', 'nine', '21')
    """
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _count(n: int, word: str, plural: str | None = None) -> str:
    """A number and its noun, agreeing.

    Examples
    --------
    >>> _count(1, "statement"), _count(0, "party", "parties"), _count(21, "statement")
    ('one statement', 'no parties', '21 statements')
    """
    return f"{_number(n)} {word if n == 1 else (plural or word + 's')}"


def _join(items) -> str:
    """'a', 'a and b', 'a, b and c'.

    Examples
    --------
    >>> _join(["x"]), _join(["x", "y", "z"]), _join([])
    ('x', 'x, y and z', 'nothing')
    """
    items = list(items)
    if not items:
        return "nothing"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _columns(rows: pd.DataFrame) -> dict:
    """The columns an account is written from, as plain lists (status as text)."""
    return {
        "claim_id": rows["claim_id"].tolist(),
        "said_by": rows["said_by"].tolist(),
        "source": rows["source"].tolist(),
        "status": rows["status"].astype(str).tolist(),
        "reading": rows["reading"].tolist() if "reading" in rows else [None] * len(rows),
    }


class Context:
    """What a finding needs to write its sentences: the selected claims and how to name things."""

    def __init__(self, dataset, include_inferred: bool = False):
        self.dataset = dataset.select(include_inferred)
        self.include_inferred = include_inferred
        entities = self.dataset.entities.drop_duplicates("entity_id").set_index("entity_id")
        self.names = entities["name"].astype("string")
        self.types = entities["type"].astype("string")
        self.roles = entities["role"].astype("string")
        self.sources = self.dataset.sources.drop_duplicates("source_id").set_index("source_id")
        self.labels = self.dataset.predicates.drop_duplicates("predicate").set_index("predicate")["label"]
        self.claims = self.dataset.claims
        self.context = claim_statements(self.dataset)
        self.position = pd.Series(range(len(self.claims)), index=self.claims["claim_id"].tolist())
        self._compliance = None
        # Plain lists and dicts for the lookups a finding makes per account:
        # a finding on 100,000 claims makes tens of thousands of them, and a
        # pandas lookup or mask over every claim each time makes it quadratic.
        self._name = self.names.to_dict()
        self._type = self.types.to_dict()
        self._role = self.roles.to_dict()
        self._publisher = {s: str(p) for s, p in self.sources["publisher"].items()}
        self._ids = self.claims["claim_id"].tolist()
        self._at = dict(zip(self._ids, range(len(self._ids))))
        self._statement = self.context["statement"].tolist()
        self._said_by = self.claims["said_by"].tolist()
        self._source = self.claims["source"].tolist()
        self._evidence = self.context["evidence"].tolist()
        self._evidence_text = self.context["evidence_text"].tolist()
        self._said_on = self.context["said_on"].tolist()
        self._claim = _columns(self.claims)
        self._parties = {}
        self._laws = None

    def positions(self, claim_ids) -> list[int]:
        """The rows of `claim_ids` in claims.csv, each once, in file order."""
        at = self._at
        return sorted({at[c] for c in claim_ids if c in at})

    @property
    def compliance(self) -> pd.DataFrame:
        """The compliance table of the selected claims, direct and inherited, computed once."""
        if self._compliance is None:
            self._compliance = compliance_table(self.dataset, include_inferred=self.include_inferred)
        return self._compliance

    def name(self, entity_id: str) -> str:
        """An entity's name; a group says it is one."""
        name = str(self._name.get(entity_id, entity_id))
        if self._type.get(entity_id) == GROUP_TYPE:
            return f"{name} (as a group)"
        return name

    def label(self, entity_id: str) -> str:
        """A requirement or thing, named in quotation marks."""
        return f'"{self._name.get(entity_id, entity_id)}"'

    def party(self, said_by: str, source: str) -> str:
        """Who gives an account, attributed: 'IT Minister Ana Ruiz', "The Daily's own reporting"."""
        # the words depend on the party alone, whatever the source
        if said_by not in self._parties:
            self._parties[said_by] = self._party(said_by)
        return self._parties[said_by]

    def _party(self, said_by: str) -> str:
        kind = party_kind(str(self._type.get(said_by, "")))
        name = str(self._name.get(said_by, said_by))
        if kind == "outlet's own narration":
            return f"{name}'s own reporting"
        if kind == "unnamed source":
            for article in ("a ", "an ", "the "):
                if name.lower().startswith(article):
                    return f"an unnamed {name[len(article):]}"
            return f"unnamed {name}"
        role = self._role.get(said_by)
        if kind == "named person" and isinstance(role, str) and role:
            return f"{role} {name}"
        return name

    def according_to(self, rows: pd.DataFrame, outlet: bool = True) -> str:
        """'according to A and B': every party behind `rows`, in order of first appearance.

        An account that rests on an inferred claim says so: the reading is
        the curator's, not the source's words.
        """
        return self._according(_columns(rows), range(len(rows)), outlet)

    def _according(self, rows: dict, at, outlet: bool = True) -> str:
        """:meth:`according_to` for the rows `at` of the column lists `rows` (:func:`_columns`)."""
        said_by, sources, readings = rows["said_by"], rows["source"], rows["reading"]
        return self._according_to([said_by[i] for i in at], [sources[i] for i in at], [readings[i] for i in at], outlet)

    def _according_to(self, said_by: list, sources: list, readings, outlet: bool = True) -> str:
        seen = dict.fromkeys(self.party(p, s) for p, s in zip(said_by, sources))
        text = f"according to {_join(seen)}"
        if outlet and len(self.sources) > 1:
            outlets = dict.fromkeys(self._publisher[s] for s in sources)
            text += f" (in {_join(outlets)})"
        if any(isinstance(r, str) and r == "inferred" for r in readings):
            text += ", on the curator's reading rather than the source's words"
        return text

    def credits(self, claim_ids) -> str:
        """'Source: Publisher, 10 December 2022.' for the sources of `claim_ids`."""
        used = list(dict.fromkeys(self._source[i] for i in self.positions(claim_ids)))
        if not used:
            return ""
        rows = self.sources.loc[used].reset_index().sort_values(["published", "source_id"], kind="stable")
        label = "Source" if len(rows) == 1 else "Sources"
        return f" {label}: " + "; ".join(credit(r) for r in rows.to_dict("records")) + "."

    def statements_in(self, claim_ids) -> int:
        return len({self._statement[i] for i in self.positions(claim_ids)})

    def parties_in(self, claim_ids) -> int:
        return len({self._said_by[i] for i in self.positions(claim_ids)})

    def in_file_order(self, ids) -> tuple[str, ...]:
        return tuple(self._ids[i] for i in self.positions(ids))

    def accounts(self, rows: pd.DataFrame, words: bool = False, outlet: bool = True) -> str:
        """'planned according to A; expected according to B': statuses in plain words, attributed.

        With `words`, each status is followed by the words it rests on.
        """
        return self._accounts(_columns(rows), range(len(rows)), words, outlet)

    def _accounts(self, rows: dict, at, words: bool = False, outlet: bool = True) -> str:
        """:meth:`accounts` for the rows `at` of the column lists `rows` (:func:`_columns`)."""
        statuses, claim_ids = rows["status"], rows["claim_id"]
        # each status once, the furthest along first; its accounts in the order given
        by_status: dict[str, list[int]] = {}
        for i in sorted(at, key=lambda i: -STATUS_RANK.get(statuses[i], -99)):
            by_status.setdefault(statuses[i], []).append(i)
        parts = []
        for status, of_status in by_status.items():
            quoted = f" ({self.words([claim_ids[i] for i in of_status])})" if words else ""
            parts.append(f"{status_words(status)}{quoted} {self._according(rows, of_status, outlet)}")
        return "; ".join(parts)

    def words(self, claim_ids) -> str:
        """The words of the statements behind `claim_ids`: the quotes, then the paraphrases, marked once as such.

        A paraphrase is the curator's sentence about a source that is cited,
        not stored; its full stop is left out, so that paraphrases read as
        one list.
        """
        quotes, paraphrases, seen = [], [], set()
        for i in self.positions(claim_ids):
            if self._statement[i] in seen:
                continue
            seen.add(self._statement[i])
            evidence, text = self._evidence[i], self._evidence_text[i]
            if evidence == "cited":
                paraphrases.append(text.rstrip().removesuffix("."))
            else:
                quotes.append(f"\u201c{text}\u201d")
        if paraphrases:
            quotes.append(f"in paraphrase, cited, not quoted: {'; '.join(paraphrases)}")
        return "; ".join(quotes)

    def required_by(self, requirement: str) -> str:
        """', which the X require according to Y', or that no statement says a law requires it."""
        laws = self.laws_requiring(requirement)
        if laws.empty:
            return ", which no statement in the sources says a law requires"
        names = _join(dict.fromkeys(self.law(s) for s in laws["subject"]))
        return f", which {names} require {self.according_to(laws)}"

    def law(self, entity_id: str) -> str:
        """A law's name with its article: 'the Online Rules'."""
        name = str(self.names.get(entity_id, entity_id))
        return name if name.lower().startswith("the ") else f"the {name}"

    def matter(self, about: str) -> str:
        """What a claim is about, in words: a requirement's name in quotation marks, else the relation.

        `about` is a requirement id, ``requirement:<id>``, or ``<predicate>:<object>``.
        """
        kind, sep, rest = about.partition(":")
        if not sep:
            return self.label(about)
        if kind == "requirement":
            return self.label(rest)
        return f"{self.labels.get(kind, kind.replace('_', ' '))} {self.names.get(rest, rest)}"

    def laws_requiring(self, requirement: str) -> pd.DataFrame:
        """The claims by which a law is said to impose `requirement`.

        A corpus names that relation in its own vocabulary (``requires``,
        ``mandates``), so it is recognised by what it relates: a claim of
        positive polarity whose subject is a law and whose object the
        requirement.
        """
        if self._laws is None:
            claims = self.claims
            imposing = claims[claims["subject"].map(self.types).eq("law") & claims["status"].map(POLARITY).eq("+")]
            self._laws = (imposing, imposing.groupby("object", sort=False).indices)
        imposing, by_requirement = self._laws
        return imposing.iloc[by_requirement.get(requirement, [])]


def _grouped(frame: pd.DataFrame, keys, sort: bool = False) -> list[list[int]]:
    """The row positions of each group of `frame` by `keys`, groups in order of first appearance.

    What ``frame.groupby(keys, sort=sort)`` iterates over, as plain lists: a
    finding that writes a sentence per group reads its columns as lists
    once, rather than building a frame per group.

    Examples
    --------
    >>> _grouped(pd.DataFrame({"k": ["b", "a", "b"]}), "k")
    [[0, 2], [1]]
    """
    codes = frame.groupby(keys, sort=sort, observed=True).ngroup().tolist()
    groups: dict = {}
    for position, code in enumerate(codes):
        if code == code and code >= 0:  # a missing key belongs to no group
            groups.setdefault(code, []).append(position)
    return [groups[code] for code in sorted(groups)]


def _direct(context: Context) -> pd.DataFrame:
    table = context.compliance
    return table[table["inherited_from"].isna()]


# -- the findings -------------------------------------------------------------


@register("requirement-progress")
def requirement_progress(c: Context):
    """Who is reported moving toward a requirement, in whose words."""
    table = _direct(c)
    moving = table[table["status"].astype(str).map(STATUS_RANK).ge(0)]
    if moving.empty:
        return "No account reports any platform, company or group moving toward a requirement.", False, ()
    parts = []
    rows = _columns(moving)
    requirements, subjects_of = moving["requirement"].tolist(), moving["subject"].tolist()
    for at in _grouped(moving, "requirement"):
        requirement = requirements[at[0]]
        by_subject: dict = {}
        for i in at:
            by_subject.setdefault(subjects_of[i], []).append(i)
        subjects = []
        for subject, of_subject in by_subject.items():
            subjects.append(_capital(f"{c.name(subject)}: {c._accounts(rows, of_subject, words=True)}"))
        n = c.statements_in([rows["claim_id"][i] for i in at])
        parts.append(
            f"On {c.label(requirement)}{c.required_by(requirement)}, {_count(n, 'statement')} "
            f"{'reports' if n == 1 else 'report'} movement toward it. " + ". ".join(subjects) + "."
        )
    ids = moving["claim_id"]
    return " ".join(parts) + c.credits(ids), True, c.in_file_order(ids)


@register("requirement-done")
def requirement_done(c: Context):
    """Who is reported to have done what a requirement asks."""
    table = _direct(c)
    done = table[table["status"] == "done"]
    if done.empty:
        return "No account reports that any platform, company or group has done what a requirement asks.", False, ()
    parts = []
    rows, subjects, required = _columns(done), done["subject"].tolist(), done["requirement"].tolist()
    for at in _grouped(done, "subject"):
        requirements = list(dict.fromkeys(required[i] for i in at))
        asks = "asks" if len(requirements) == 1 else "ask"
        parts.append(
            f"{c.name(subjects[at[0]])} has done what {_join(c.label(r) for r in requirements)} {asks}, "
            f"{c._according(rows, at)}"
        )
    ids = done["claim_id"]
    return _capital("; ".join(parts)) + "." + c.credits(ids), True, c.in_file_order(ids)


@register("requirement-gap")
def requirement_gap(c: Context):
    """Requirements on which every account is negative: nobody is reported moving toward them."""
    table = c.compliance
    gaps, ids = [], []
    for requirement, rows in table.groupby("requirement", sort=False):
        if not (rows["polarity"] == "-").all():
            continue
        direct = rows[rows["inherited_from"].isna()]
        laws = c.laws_requiring(requirement)
        required = c.required_by(requirement) if len(laws) else ""
        who = "; ".join(f"{c.name(s)}, {c.accounts(g, words=True)}" for s, g in direct.groupby("subject", sort=False))
        gaps.append(f"No account reports progress on {c.label(requirement)}{required}: {who}.")
        ids += list(direct["claim_id"]) + list(laws["claim_id"])
    if not gaps:
        return "Every requirement with an account has at least one account of progress toward it.", False, ()
    return " ".join(gaps) + c.credits(ids), True, c.in_file_order(ids)


@register("requirement-unaddressed")
def requirement_unaddressed(c: Context):
    """Requirements a law is said to impose on which no account reports anyone's position."""
    addressed = set(c.compliance["requirement"])
    types = c.types
    imposed = c.claims[
        c.claims["subject"].map(types).eq("law")
        & c.claims["object"].map(types).eq("requirement")
        & c.claims["status"].map(POLARITY).eq("+")
        & ~c.claims["object"].isin(addressed)
    ]
    if imposed.empty:
        return (
            "Every requirement a law is said to impose has at least one account of someone's position on it.",
            False,
            (),
        )
    parts = []
    for (law, requirement), rows in imposed.groupby(["subject", "object"], sort=False):
        parts.append(
            f"{_capital(c.law(law))} include the requirement {c.label(requirement)}, {c.according_to(rows)}, but "
            "no account reports any platform's, company's or group's position on it."
        )
    statement = " ".join(parts)
    ids = imposed["claim_id"]
    return statement + c.credits(ids), True, c.in_file_order(ids)


#: Beyond this many parties on a side, a sentence counts kinds of party rather than naming each.
_PARTIES_LISTED = 4

#: Kinds of party (:data:`~analysis.vocabulary.PARTY_KINDS`) as a sentence counts them.
_KIND_PHRASES = {
    "named person": "named people",
    "institution": "institutions and companies",
    "unnamed source": "unnamed sources",
    "outlet's own narration": "the outlets' own reporting",
    "other": "other parties",
}

#: Below this many statements on either side, a contrast of sources is an anecdote, not a pattern.
_PATTERN_MINIMUM = 2


@register("progress-versus-reluctance")
def progress_versus_reluctance(c: Context):
    """Where accounts of progress come from, against accounts of no progress, reluctance or refusal."""
    table = _direct(c)
    parties = claim_parties(c.dataset, include_inferred=c.include_inferred).set_index("claim_id")
    positive = table[table["polarity"] == "+"]
    negative = table[table["polarity"] == "-"]
    pattern = "The pattern, progress from named sources against the opposite from unnamed ones,"
    if positive.empty or negative.empty:
        missing = "progress" if positive.empty else "the opposite (not done, declined or reluctant)"
        return (
            f"There are no accounts of {missing} on a requirement to compare. {pattern} cannot be checked here.",
            False,
            (),
        )

    def described(rows):
        kinds = rows["claim_id"].map(parties["kind"])
        unnamed = rows[kinds == "unnamed source"]
        # each statement once, under everyone who makes it, in the order of claims.csv
        rows = rows.iloc[rows["claim_id"].map(c.position).argsort(kind="stable")]
        statement = rows["claim_id"].map(c.context.set_index("claim_id")["statement"])
        parties_of: dict = {}
        for number, p, s in zip(statement.tolist(), rows["said_by"].tolist(), rows["source"].tolist()):
            parties_of.setdefault(number, {})[c.party(p, s)] = None
        speakers = pd.Series([_join(parties) for parties in parties_of.values()], dtype=object)
        counts = speakers.value_counts(sort=False)
        if len(counts) > _PARTIES_LISTED:
            # too many parties to list in a sentence: count by kind of party instead
            kind_of = rows.groupby(statement, sort=False)["claim_id"].first().map(parties["kind"])
            counts = kind_of.map(_KIND_PHRASES).value_counts(sort=False)
        by_party = [f"{_number(n)} from {who}" for who, n in counts.items()]
        return c.statements_in(rows["claim_id"]), c.statements_in(unnamed["claim_id"]), "; ".join(by_party)

    n_pos, unnamed_pos, pos_text = described(positive)
    n_neg, unnamed_neg, neg_text = described(negative)
    enough = min(n_pos, n_neg) >= _PATTERN_MINIMUM
    holds = enough and unnamed_pos / n_pos < 0.5 < unnamed_neg / n_neg

    def how_many(n):
        return "none comes" if n == 0 else f"{_number(n)} {'comes' if n == 1 else 'come'}"

    statement = (
        f"Of {_count(n_pos, 'statement')} reporting progress on a requirement, {how_many(unnamed_pos)} "
        f"from unnamed sources ({pos_text}). "
        f"Of {_count(n_neg, 'statement')} reporting the opposite (not done, declined or reluctant), "
        f"{how_many(unnamed_neg)} from unnamed sources ({neg_text})."
    )
    if not enough:
        statement += f" With fewer than {_number(_PATTERN_MINIMUM)} statements on a side, the {pattern[4:]} cannot be told."
    elif not holds:
        statement += f" {pattern} does not hold here."
    ids = list(positive["claim_id"]) + list(negative["claim_id"])
    return statement + c.credits(ids), bool(holds), c.in_file_order(ids)


def _about(c: Context) -> pd.DataFrame:
    """Each direct claim with what it is about: its requirement, or its predicate and object."""
    claims = c.claims
    about = claims["requirement"].fillna(claims["predicate"] + ":" + claims["object"])
    kind = claims["said_by"].map(c.types).astype(str).map(party_kind)
    return claims.assign(about=about, rank=claims["status"].astype(str).map(STATUS_RANK), kind=kind)


@register("narration-goes-further")
def narration_goes_further(c: Context):
    """Where an outlet's own narration says more than the people it quotes in the same report."""
    claims = _about(c)
    narration = claims[claims["kind"] == "outlet's own narration"]
    quoted = claims[claims["kind"] != "outlet's own narration"]
    parts, ids = [], []
    key = ["source", "subject", "about"]
    # the quoted accounts of each report, subject and matter, found once
    quoted_keys = [quoted[k].tolist() for k in key]
    quoted_in = {tuple(column[at[0]] for column in quoted_keys): at for at in _grouped(quoted, key)}
    theirs, own_rows = _columns(quoted), _columns(narration)
    quoted_rank, own_rank = quoted["rank"].tolist(), narration["rank"].tolist()
    own_keys = [narration[k].tolist() for k in key]
    for own in _grouped(narration, key):
        source, subject, about = (column[own[0]] for column in own_keys)
        others = quoted_in.get((source, subject, about), [])
        if not others or max(own_rank[i] for i in own) <= max(quoted_rank[i] for i in others):
            continue
        publisher = c._publisher[source]
        thing = c.matter(about)
        voices: dict = {}
        for i in others:
            voices.setdefault((theirs["said_by"][i], theirs["status"][i]), []).append(theirs["claim_id"][i])
        voices = [
            f"{c.party(said_by, source)} is reported saying {c.words(said)} ({status_words(status)})"
            for (said_by, status), said in voices.items()
        ]
        own_ids = [own_rows["claim_id"][i] for i in own]
        parts.append(
            f"on {c.name(subject)} and {thing}, {publisher}'s own reporting goes further than the people it quotes: "
            f"it says {c.words(own_ids)} ({status_words(own_rows['status'][own[0]])}), while "
            + _join(voices)
        )
        ids += own_ids + [theirs["claim_id"][i] for i in others]
    if not parts:
        return "Nowhere does an outlet's own narration go further than the people it quotes on the same matter.", False, ()
    return _capital("; ".join(parts)) + "." + c.credits(ids), True, c.in_file_order(ids)


@register("contested")
def contested(c: Context):
    """Where accounts of the same subject and thing disagree."""
    pairs = contested_claims(c.dataset, include_inferred=c.include_inferred)
    direct = pairs[pairs["inherited_from"].isna()]
    if direct.empty:
        return "No two accounts about the same platform, company or group and the same matter disagree.", False, ()
    parts, ids = [], []
    subjects, abouts = direct["subject"].tolist(), direct["about"].tolist()
    positives, negatives = direct["positive_claim"].tolist(), direct["negative_claim"].tolist()
    for group in _grouped(direct, ["subject", "about"], sort=True):
        subject, about = subjects[group[0]], abouts[group[0]]
        thing = c.matter(about)
        positive = list(dict.fromkeys(positives[i] for i in group))
        negative = list(dict.fromkeys(negatives[i] for i in group))
        parts.append(
            f"on {c.name(subject)} and {thing}, {c._accounts(c._claim, [c._at[i] for i in positive])}, "
            f"against {c._accounts(c._claim, [c._at[i] for i in negative])}"
        )
        ids += positive + negative
    statement = f"Accounts disagree in {_count(len(parts), 'case')}: " + "; ".join(parts) + "."
    return statement + c.credits(ids), True, c.in_file_order(ids)


@register("unnamed-alone")
def unnamed_alone_finding(c: Context):
    """How much of the story rests on unnamed sources that no one else corroborates."""
    result = unnamed_alone(c.dataset, include_inferred=c.include_inferred)
    if result["statements"] == 0:
        return "No statement rests on unnamed sources alone.", False, ()
    by_claim = c.claims.set_index("claim_id").loc[result["claims"]]
    first_source = by_claim.drop_duplicates("said_by").set_index("said_by")["source"]
    by_party = []
    for said_by, n in result["parties"].items():
        source = first_source[said_by]
        by_party.append(f"{_number(n)} from {c.party(said_by, source)}")
    n = result["statements"]
    statement = (
        f"Of the {_count(result['total'], 'statement')} the sources make (claims sharing a source and its words "
        f"count once), {_number(n)} {'rests' if n == 1 else 'rest'} on unnamed sources alone, with no other party "
        f"reported saying the same: {_join(by_party)}."
    )
    return statement + c.credits(result["claims"]), True, c.in_file_order(result["claims"])


#: Statuses that look forward: what was promised or foreseen.
_FORWARD = ("agreed", "planned", "expected")


@register("dated-promises")
def dated_promises(c: Context):
    """What was scheduled, agreed or expected for a stated date, in whose words: the things to check later."""
    claims = c.claims
    dated = claims[claims["status"].isin(_FORWARD) & claims["date"].notna()]
    if dated.empty:
        return "No account gives a date for anything scheduled, agreed or expected.", False, ()
    parts = []
    statement_of = c.context["statement"]
    claim_ids, dates, own_said_on = dated["claim_id"].tolist(), dated["date"].tolist(), dated["said_on"].tolist()
    statuses = dated["status"].astype(str).tolist()
    said_by, sources, readings = dated["said_by"].tolist(), dated["source"].tolist(), dated["reading"].tolist()
    for at in _grouped(dated, [statement_of[dated.index], "date", "status"]):
        first = at[0]
        when = date_in_words(dates[first])
        said = c._said_on[c._at[claim_ids[first]]]
        # a statement without its own said_on was made on or before its source's publication
        day = len(str(said)) == 10
        said = f"{'said' if pd.notna(own_said_on[first]) else 'reported'} {'on' if day else 'in'} {date_in_words(said)}"
        article = "the " if when.startswith("week") else ""
        attributed = c._according_to([said_by[i] for i in at], [sources[i] for i in at], [readings[i] for i in at])
        parts.append(
            f"{c.words([claim_ids[i] for i in at])} ({status_words(statuses[first])} for {article}{when}), "
            f"{attributed}, {said}"
        )
    ids = dated["claim_id"]
    n = c.statements_in(ids)
    statement = (
        f"{_capital(_count(n, 'statement'))} {'gives' if n == 1 else 'give'} a date for something scheduled, "
        "agreed or expected: " + "; ".join(parts) + "."
    )
    return statement + c.credits(ids), True, c.in_file_order(ids)


def _months(earlier: str, later: str) -> int:
    """Whole calendar months from one ISO date to another, of any precision (by their first days).

    Examples
    --------
    >>> _months("2022-12-10", "2023-07-05"), _months("2022-12", "2024-04-17"), _months("2025-01-13", "2025-W05")
    (7, 16, 0)
    """
    from .timeline import date_span

    first, last = date_span(pd.Series([earlier, later]))["start"]
    return (last.year - first.year) * 12 + (last.month - first.month)


def _elapsed(earlier: str, later: str, months: int | None = None) -> str:
    """'seven months later', or in days when it is less than a month.

    Examples
    --------
    >>> _elapsed("2022-12-10", "2023-07-06"), _elapsed("2022-12-10", "2022-12-13"), _elapsed("2022-12", "2023-01")
    ('seven months later', 'three days later', 'one month later')
    """
    if months is None:
        months = _months(earlier, later)
    if months >= 1:
        return f"{_count(months, 'month')} later"
    if len(earlier) == 10 and len(later) == 10:
        days = (pd.Timestamp(later) - pd.Timestamp(earlier)).days
        return f"{_count(days, 'day')} later"
    return "later the same month"


def _when(c: Context, source: str, said_on: str) -> str:
    """'(Dawn, 10 December 2022)': where and when an account was given."""
    return f"({c._publisher[source]}, {date_in_words(said_on)})"


@register("promise-and-record")
def promise_and_record(c: Context):
    """A promise and its later record: kept, contradicted, or still outstanding."""
    from .timeline import date_span
    from .tracking import track_table

    table = track_table(c.dataset, include_inferred=c.include_inferred)
    if table.empty:
        return "No promise in the sources has a later account to check it against.", False, ()
    kept, contradicted, outstanding, ids = [], [], [], []
    # a promise is about a requirement; a meeting scheduled and held is logistics, not a record
    table = table[table["about"].str.startswith("requirement:")].reset_index(drop=True)
    # the month of each account, from the spans of the whole column at once
    start = date_span(table["said_on"])["start"]
    month = (start.dt.year * 12 + start.dt.month).tolist()
    subjects, abouts, said_on = table["subject"].tolist(), table["about"].tolist(), table["said_on"].tolist()
    status, said_by, sources = table["status"].tolist(), table["said_by"].tolist(), table["source"].tolist()
    claim_ids, readings = table["claim_id"].tolist(), table["reading"].tolist()
    rows = _columns(table)
    for at in _grouped(table, ["subject", "about"]):
        forward = [i for i in at if status[i] in _FORWARD]
        if not forward:
            continue
        promise = forward[0]
        # what happened next: an account given in a later month, not the same week's retelling
        later = [i for i in at if month[i] - month[promise] >= 1]
        if not later:
            continue
        last = [i for i in later if said_on[i] == said_on[later[-1]]]
        thing = c.matter(abouts[promise])
        promised_by = c._according_to([said_by[promise]], [sources[promise]], [readings[promise]], outlet=False)
        text = (
            f"{c.name(subjects[promise])}, on {thing}: {status_words(status[promise])} "
            f"{promised_by} {_when(c, sources[promise], said_on[promise])}; "
            f"{c._accounts(rows, last, outlet=False)} {_when(c, sources[last[0]], said_on[last[0]])}, "
            f"{_elapsed(said_on[promise], said_on[last[0]], month[last[0]] - month[promise])}"
        )
        statuses = {status[i] for i in last}
        if "done" in statuses and not statuses & set(_NEGATIVE):
            kept.append(text)
        elif statuses & set(_NEGATIVE):
            contradicted.append(text)
        else:
            outstanding.append(text)
        ids += [claim_ids[promise]] + [claim_ids[i] for i in last]
    if not ids:
        return "No promise in the sources has a later account to check it against.", False, ()
    parts = []
    for label, items in (("Kept", kept), ("Contradicted", contradicted), ("Still outstanding", outstanding)):
        if items:
            parts.append(f"{label}: " + "; ".join(items) + ".")
    n = len(kept) + len(contradicted) + len(outstanding)
    def how_many(items):
        return "none" if not items else _number(len(items))

    lead = (
        f"Of {_count(n, 'promise or expectation', 'promises or expectations')} with a later account, "
        f"{how_many(kept)} {'was' if len(kept) <= 1 else 'were'} reported kept, {how_many(contradicted)} "
        f"contradicted and {how_many(outstanding)} still outstanding by the latest account."
    )
    return lead + " " + " ".join(parts) + c.credits(ids), True, c.in_file_order(ids)


_NEGATIVE = tuple(status for status, polarity in POLARITY.items() if polarity == "-")


#: Said of a comparison when any claim of it is an inferred claim.
_CURATORS_READING = ", on the curator's reading rather than the sources' words"


def _outlets(c: Context, claim_ids) -> str:
    """'The Daily (10 December 2022) and The Ledger (5 July 2023)': where and when, each source once."""
    pairs = dict.fromkeys((c._source[i], c._said_on[i]) for i in c.positions(claim_ids))
    return _join(f"{c._publisher[s]} ({date_in_words(d)})" for s, d in pairs)


@register("same-point-different-parties")
def same_point_different_parties(c: Context):
    """The same point, attributed by one outlet to a named party and by another to unnamed sources."""
    claims = _about(c)
    claims = claims.assign(polarity=claims["status"].astype(str).map(POLARITY))
    named = claims[claims["kind"].isin(["named person", "institution"])]
    unnamed = claims[claims["kind"] == "unnamed source"]
    pairs = named.merge(unnamed, on=["subject", "about", "status"], suffixes=("_named", "_unnamed"))
    pairs = pairs[pairs["source_named"] != pairs["source_unnamed"]]
    if pairs.empty:
        return "No point is attributed to a named party in one report and to unnamed sources in another.", False, ()
    parts, ids = [], []
    subjects, abouts, statuses = pairs["subject"].tolist(), pairs["about"].tolist(), pairs["status"].tolist()
    named_ids, unnamed_ids = pairs["claim_id_named"].tolist(), pairs["claim_id_unnamed"].tolist()
    claim = c._claim

    def parties(ids):
        return _join(dict.fromkeys(c.party(claim["said_by"][c._at[i]], claim["source"][c._at[i]]) for i in ids))

    for group in _grouped(pairs, ["subject", "about", "status"]):
        subject, about, status = subjects[group[0]], abouts[group[0]], statuses[group[0]]
        first = list(dict.fromkeys(named_ids[i] for i in group))
        second = list(dict.fromkeys(unnamed_ids[i] for i in group))
        inferred = any(claim["reading"][c._at[i]] == "inferred" for i in first + second)
        parts.append(
            f"on {c.name(subject)} and {c.matter(about)}, the account \u201c{status_words(str(status))}\u201d comes "
            f"from {parties(first)} in {_outlets(c, first)}, but from {parties(second)} in {_outlets(c, second)}"
            f"{_CURATORS_READING if inferred else ''}"
        )
        ids += first + second
    statement = "Different reports attribute the same point to different parties: " + "; ".join(parts) + "."
    return statement + c.credits(ids), True, c.in_file_order(ids)


@register("own-account-versus-others")
def own_account_versus_others(c: Context):
    """Where a company's own account of itself differs from what others say of it."""
    claims = _about(c)
    own = claims[claims["said_by"] == claims["subject"]]
    others = claims[claims["said_by"] != claims["subject"]]
    parts, ids = [], []
    others_on = others.groupby(["subject", "about"], sort=False).indices
    for (subject, about), mine in own.groupby(["subject", "about"], sort=False):
        theirs = others.iloc[others_on.get((subject, about), [])]
        # a difference worth telling: the two sides point different ways, or one
        # says it is done and the other that it is not yet
        mine_done = bool(mine["status"].eq("done").any())
        polarity = theirs["status"].astype(str).map(POLARITY)
        theirs = theirs[~polarity.isin(set(mine["status"].astype(str).map(POLARITY))) | (theirs["status"].eq("done") != mine_done)]
        if theirs.empty:
            continue
        thing = c.matter(about)
        parts.append(
            f"on {c.name(subject)} and {thing}, its own account is {c.accounts(mine, words=True)}; others say "
            f"{c.accounts(theirs)}"
        )
        ids += list(mine["claim_id"]) + list(theirs["claim_id"])
    if not parts:
        return "No company's own account of itself differs from what others say of it.", False, ()
    statement = "A company's own account differs from others': " + "; ".join(parts) + "."
    return statement + c.credits(ids), True, c.in_file_order(ids)


# -- running them -------------------------------------------------------------


def _run(compute, context: Context) -> Finding:
    statement, holds, claims = compute(context)
    return Finding(compute.finding_id, statement, bool(holds), tuple(claims))


def findings(dataset, include_inferred: bool = False) -> list[Finding]:
    """Every finding of the registry, computed on `dataset` (stated claims only by default)."""
    context = Context(dataset, include_inferred)
    return [_run(compute, context) for compute in FINDINGS.values()]


def finding(dataset, finding_id: str, include_inferred: bool = False) -> Finding:
    """One finding by id.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> finding(toy_dataset(), "contested").holds, finding(toy_dataset(), "contested", include_inferred=True).holds
    (False, True)
    """
    if finding_id not in FINDINGS:
        raise KeyError(f"no finding {finding_id!r}; the findings are: {', '.join(FINDINGS)}")
    return _run(FINDINGS[finding_id], Context(dataset, include_inferred))


def evidence(dataset, result: Finding, readable: bool = False) -> pd.DataFrame:
    """The claims behind a finding, with who said each, the evidence and the reading.

    Parameters
    ----------
    dataset : Dataset
    result : Finding
    readable : bool, default False
        Name things for a reader: entities by name (a group says it is
        one), relations by label, statuses in plain words, quotes in
        quotation marks and a cited source's paraphrase marked "(cited, not
        quoted)" with its url, the source credited ("Dawn, 10 December
        2022"), an empty reading shown as ``stated``.

    Examples
    --------
    >>> from analysis.toy import toy_dataset
    >>> dataset = toy_dataset()
    >>> list(evidence(dataset, finding(dataset, "requirement-progress")).columns)
    ['claim_id', 'subject', 'predicate', 'object', 'status', 'said_by', 'source', 'said_on', 'evidence', 'words', 'reading']
    >>> row = evidence(dataset, finding(dataset, "requirement-gap"), readable=True).iloc[0]
    >>> row[["subject", "status", "said_by", "words", "reading"]].tolist()
    ['Acme', 'not done', 'The Daily', '“Acme keeps its data abroad”', 'stated']
    """
    claims = dataset.claims
    context = claim_statements(dataset)
    rows = claims.assign(said_on=context["said_on"], evidence=context["evidence"], words=context["evidence_text"])
    rows = rows[rows["claim_id"].isin(result.claims)]
    columns = ["claim_id", "subject", "predicate", "object", "status", "said_by", "source", "said_on", "evidence", "words", "reading"]
    rows = rows[columns].reset_index(drop=True)
    if not readable:
        return rows
    names = dataset.names()
    labels = dataset.predicates.drop_duplicates("predicate").set_index("predicate")["label"]
    sources = dataset.sources.drop_duplicates("source_id").set_index("source_id")
    cited = rows["evidence"].eq("cited")
    urls = rows["source"].map(sources["url"]).fillna("")
    return rows.assign(
        subject=rows["subject"].map(names),
        predicate=rows["predicate"].map(labels),
        object=rows["object"].map(names),
        status=rows["status"].astype(str).map(status_words),
        said_by=rows["said_by"].map(names),
        words=("\u201c" + rows["words"] + "\u201d").where(~cited, rows["words"] + " (cited, not quoted) " + urls),
        source=rows["source"].map({s: credit(r) for s, r in zip(sources.index, sources.to_dict("records"))}),
        reading=rows["reading"].fillna("stated"),
    )


def as_records(results) -> list[dict]:
    """Findings as JSON-ready dicts with the keys ``id``, ``statement``, ``holds``, ``claims``."""
    return [{**asdict(r), "claims": list(r.claims)} for r in results]


def findings_text(results) -> str:
    """Findings as the plain text ``analysis findings`` prints."""
    blocks = []
    for r in results:
        mark = "holds" if r.holds else "does not hold"
        blocks.append(
            f"[{r.id}] ({mark})\n  {r.statement}\n  claims: {', '.join(r.claims) if r.claims else '(none)'}\n"
        )
    return "\n".join(blocks)
