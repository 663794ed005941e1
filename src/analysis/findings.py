"""The narrative findings, as code: each computed from the data, with the claims behind it.

A finding has an id, a one-sentence statement generated from the data (no
typed numbers or names), the ids of the claims that support it, and
``holds``: whether it is true of the corpus at hand. Findings are written
for any corpus that follows the SPEC; on another corpus each still runs and
either holds or says that it does not.

Examples
--------
>>> import analysis
>>> results = findings(analysis.load())
>>> [f.id for f in results][:3]
['requirement-progress', 'requirement-done', 'requirement-gap']
>>> all(f.holds for f in results)
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from .compliance import cell_summary, compliance_table, ownership, ownership_claims
from .contested import contested_claims
from .network import centrality
from .sourcing import claim_parties, single_unnamed_share
from .vocabulary import NEGATIVE_STATUSES, POLARITY, STATUS_RANK

__all__ = ["Finding", "FINDINGS", "findings", "finding", "evidence", "as_records", "findings_text"]


@dataclass(frozen=True)
class Finding:
    """One narrative finding.

    Attributes
    ----------
    id : str
    statement : str
        One sentence, generated from the data.
    holds : bool
        Whether the finding is true of this corpus.
    claims : tuple of str
        The ids of the claims it rests on, in file order.
    """

    id: str
    statement: str
    holds: bool
    claims: tuple[str, ...]


def _names(dataset) -> pd.Series:
    return dataset.entities.drop_duplicates("entity_id").set_index("entity_id")["name"]


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


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _in_file_order(dataset, ids) -> tuple[str, ...]:
    wanted = set(ids)
    return tuple(c for c in dataset.claims["claim_id"] if c in wanted)


def requirement_progress(dataset) -> Finding:
    """Which platforms have moved toward which requirement, and how far (direct claims only)."""
    names = _names(dataset)
    cells = cell_summary(dataset)
    moved = cells[~cells["inherited"] & cells["furthest"].map(STATUS_RANK).ge(0)] if len(cells) else cells
    table = compliance_table(dataset, inherit=False)
    supporting = table[(table["polarity"] == "+")]
    if moved.empty:
        return Finding("requirement-progress", "No platform or company is reported to have moved toward any requirement.", False, ())
    parts = []
    for requirement, group in moved.groupby("requirement", sort=False):
        group = group.assign(rank=group["furthest"].map(STATUS_RANK)).sort_values(["rank", "subject"], ascending=[False, True])
        who = _join(f"{names[s]} ({f})" for s, f in zip(group["subject"], group["furthest"]))
        parts.append(f"{names[requirement]}: {who}")
    n_req = moved["requirement"].nunique()
    n_all = int((dataset.entities["type"] == "requirement").sum())
    statement = (
        f"Platforms or companies have moved toward {n_req} of {_plural(n_all, 'requirement')} by at least one account -- "
        + "; ".join(parts)
        + "."
    )
    return Finding("requirement-progress", statement, True, _in_file_order(dataset, supporting["claim_id"]))


def requirement_done(dataset) -> Finding:
    """Who is reported to have actually done what a requirement asks."""
    names = _names(dataset)
    table = compliance_table(dataset, inherit=False)
    done = table[table["status"] == "done"]
    if done.empty:
        return Finding("requirement-done", "No platform or company is reported to have completed any requirement.", False, ())
    parts = []
    for subject, group in done.groupby("subject", sort=True):
        reqs = _join(names[r] for r in sorted(set(group["requirement"])))
        parties = _join(sorted(names[p] for p in set(group["said_by"])))
        parts.append(f"{names[subject]} ({reqs}, per {parties})")
    subjects = done["subject"].nunique()
    lead = "Only one platform or company is" if subjects == 1 else f"{subjects} platforms or companies are"
    statement = f"{lead} reported to have completed a requirement: {_join(parts)}."
    return Finding("requirement-done", statement, True, _in_file_order(dataset, done["claim_id"]))


def _required(dataset) -> pd.DataFrame:
    """The claims by which a law imposes a requirement.

    A corpus names that relation in its own vocabulary (``requires``,
    ``mandates``), so it is recognised by what it relates: a claim of
    positive polarity whose subject is a law and whose object a requirement.
    """
    claims = dataset.claims
    types = dataset.entities.drop_duplicates("entity_id").set_index("entity_id")["type"].astype("string")
    imposed = claims["subject"].map(types).eq("law") & claims["object"].map(types).eq("requirement")
    return claims[imposed & claims["status"].map(POLARITY).eq("+")]


def requirement_gap(dataset) -> Finding:
    """Requirements that every reported position says are unmet."""
    names = _names(dataset)
    table = compliance_table(dataset)
    required = _required(dataset)
    gaps, ids = [], []
    for requirement, group in table.groupby("requirement", sort=True):
        if (group["polarity"] == "-").all():
            subjects = group.loc[group["inherited_from"].isna(), "subject"].nunique()
            laws = required.loc[required["object"] == requirement]
            by = f" ({_join(sorted(set(names[l] for l in laws['subject'])))} requires it)" if len(laws) else ""
            statuses = _join(sorted(set(group["status"])))
            gaps.append(f"{names[requirement]}{by}: all {_plural(subjects, 'platform')} with a reported position are reported as {statuses}")
            ids += list(group["claim_id"]) + list(laws["claim_id"])
    if not gaps:
        return Finding("requirement-gap", "No requirement is reported as unmet by every platform with a position on it.", False, ())
    statement = "No account reports any progress on " + "; ".join(gaps) + "."
    return Finding("requirement-gap", statement, True, _in_file_order(dataset, ids))


def requirement_unaddressed(dataset) -> Finding:
    """Requirements a law imposes on which no platform's position is reported."""
    names = _names(dataset)
    required = _required(dataset)
    addressed = set(compliance_table(dataset)["requirement"])
    silent = required[~required["object"].isin(addressed)]
    if silent.empty:
        return Finding("requirement-unaddressed", "Every requirement the law imposes has at least one reported position.", False, ())
    reqs = _join(names[r] for r in dict.fromkeys(silent["object"]))
    statement = f"The sources report no platform's position on {reqs}, though the law requires it."
    return Finding("requirement-unaddressed", statement, True, _in_file_order(dataset, silent["claim_id"]))


def progress_versus_reluctance(dataset) -> Finding:
    """Where claims of progress come from, against claims of reluctance."""
    parties = claim_parties(dataset).set_index("claim_id")
    table = compliance_table(dataset, inherit=False)
    table["kind"] = table["claim_id"].map(parties["kind"])
    positive = table[table["polarity"] == "+"]
    # the stance statuses, not the bare fact of not having done it yet
    stance = table[table["status"].isin([s for s in NEGATIVE_STATUSES if s != "not_done"])]
    if positive.empty or stance.empty:
        return Finding("progress-versus-reluctance", "The corpus lacks either claims of progress or claims of reluctance to compare.", False, ())
    unnamed_pos = int((positive["kind"] == "unnamed source").sum())
    unnamed_neg = int((stance["kind"] == "unnamed source").sum())
    pos_kinds = positive["kind"].value_counts()
    pos_text = _join(f"{n} from {'the ' if k.startswith('outlet') else ''}{k}{'s' if k in ('named person', 'unnamed source', 'institution') and n > 1 else ''}" for k, n in pos_kinds.items())
    holds = unnamed_pos / len(positive) < 0.5 < unnamed_neg / len(stance)
    statement = (
        f"Of {_plural(len(positive), 'claim')} of progress on a requirement, {unnamed_pos} rest on unnamed sources "
        f"({pos_text}); of {_plural(len(stance), 'claim')} of reluctance or refusal, {unnamed_neg} {'does' if unnamed_neg == 1 else 'do'}."
    )
    return Finding("progress-versus-reluctance", statement, bool(holds), _in_file_order(dataset, list(positive["claim_id"]) + list(stance["claim_id"])))


def contested(dataset) -> Finding:
    """Where accounts of the same subject and thing disagree."""
    names = _names(dataset)
    pairs = contested_claims(dataset)
    direct = pairs[pairs["inherited_from"].isna()]
    if direct.empty:
        return Finding("contested", "No two accounts of the same subject and requirement disagree.", False, ())
    parts = []
    for (subject, about), group in direct.groupby(["subject", "about"], sort=True):
        kind, _, thing = about.partition(":")
        thing = names.get(thing, thing) if kind == "requirement" else about.replace(":", " ")
        pos = _join(sorted(set(f"{s} per {names[p]}" for s, p in zip(group["positive_status"], group["positive_said_by"]))))
        neg = _join(sorted(set(f"{s} per {names[p]}" for s, p in zip(group["negative_status"], group["negative_said_by"]))))
        parts.append(f"{names[subject]} on {thing} ({pos}, against {neg})")
    statement = f"{_plural(len(parts), 'account is', 'accounts are')} contested: " + "; ".join(parts) + "."
    ids = list(direct["positive_claim"]) + list(direct["negative_claim"])
    return Finding("contested", statement, True, _in_file_order(dataset, ids))


def ownership_rollup(dataset) -> Finding:
    """Claims about an owner that bear on what it owns."""
    names = _names(dataset)
    table = compliance_table(dataset)
    inherited = table[table["inherited_from"].notna()]
    if inherited.empty:
        return Finding("ownership-rollup", "No claim about an owner bears on a platform it owns.", False, ())
    parts = []
    for owner, group in inherited.groupby("inherited_from", sort=True):
        owned = _join(names[s] for s in sorted(set(group["subject"])))
        what = _join(sorted(set(f"{s} on {names[r]}" for s, r in zip(group["status"], group["requirement"]))))
        parts.append(f"{names[owner]}'s reported stance ({what}) bears, through ownership, on {owned}")
    statement = "; ".join(parts) + "."
    # the ownership links the roll-up followed, from these owners down to what they own
    owners = set(inherited["inherited_from"])
    pairs = ownership(dataset)
    owned = set(pairs.loc[pairs["owner"].isin(owners), "owned"])
    links = ownership_claims(dataset)
    links = links[links["object"].isin(owned) & links["subject"].isin(owners | owned)]
    ids = list(inherited["claim_id"]) + list(links["claim_id"])
    return Finding("ownership-rollup", statement, True, _in_file_order(dataset, ids))


def single_unnamed(dataset) -> Finding:
    """How much of the story rests on one unnamed source alone."""
    share = single_unnamed_share(dataset)
    if share["n"] == 0:
        return Finding("single-unnamed-source", "No claim rests on a single unnamed source.", False, ())
    parties = claim_parties(dataset).set_index("claim_id")
    names = _names(dataset)
    sources = parties.loc[share["claims"], "said_by"].value_counts()
    by = _join(f"{n} from {names[s]}" for s, n in sorted(sources.items(), key=lambda kv: (-kv[1], kv[0])))
    statement = (
        f"{share['n']} of {share['total']} claims ({share['share']:.0%}) rest on a single unnamed source that no other party "
        f"corroborates ({by})."
    )
    return Finding("single-unnamed-source", statement, True, _in_file_order(dataset, share["claims"]))


def central_party(dataset) -> Finding:
    """Which entity, other than the outlet narrating, holds the story together."""
    table = centrality(dataset)
    actors = table[table["type"] != "media"].reset_index(drop=True)
    if len(actors) < 2 or actors.loc[0, "betweenness"] == 0:
        return Finding("central-entity", "No entity stands out as central to the network of claims.", False, ())
    top, second = actors.iloc[0], actors.iloc[1]
    holds = top["betweenness"] > second["betweenness"]
    statement = (
        f"Apart from the outlet's own narration, {top['name']} ({top['type'].replace('_', ' ')}) is the most central entity "
        f"of the network of claims (betweenness {top['betweenness']:.2f}, {_plural(int(top['degree']), 'neighbour')}), "
        f"ahead of {second['name']} ({second['betweenness']:.2f})."
    )
    claims = dataset.claims
    touching = claims[(claims["subject"] == top["entity_id"]) | (claims["object"] == top["entity_id"]) | (claims["said_by"] == top["entity_id"])]
    return Finding("central-entity", statement, bool(holds), _in_file_order(dataset, touching["claim_id"]))


#: The registry: finding id to the function that computes it, in reading order.
FINDINGS = {
    "requirement-progress": requirement_progress,
    "requirement-done": requirement_done,
    "requirement-gap": requirement_gap,
    "requirement-unaddressed": requirement_unaddressed,
    "progress-versus-reluctance": progress_versus_reluctance,
    "contested": contested,
    "ownership-rollup": ownership_rollup,
    "single-unnamed-source": single_unnamed,
    "central-entity": central_party,
}


def findings(dataset) -> list[Finding]:
    """Every finding of the registry, computed on `dataset`."""
    return [compute(dataset) for compute in FINDINGS.values()]


def finding(dataset, finding_id: str) -> Finding:
    """One finding by id.

    Examples
    --------
    >>> import analysis
    >>> finding(analysis.load(), "contested").holds
    True
    """
    if finding_id not in FINDINGS:
        raise KeyError(f"no finding {finding_id!r}; the findings are: {', '.join(FINDINGS)}")
    return FINDINGS[finding_id](dataset)


def evidence(dataset, result: Finding) -> pd.DataFrame:
    """The claims behind a finding, with who said each and the verbatim quote.

    Examples
    --------
    >>> import analysis
    >>> dataset = analysis.load()
    >>> list(evidence(dataset, finding(dataset, "requirement-done")).columns)
    ['claim_id', 'subject', 'predicate', 'object', 'status', 'said_by', 'source', 'quote']
    """
    claims = dataset.claims
    rows = claims[claims["claim_id"].isin(result.claims)]
    return rows[["claim_id", "subject", "predicate", "object", "status", "said_by", "source", "quote"]].reset_index(drop=True)


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
