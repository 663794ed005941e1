"""Write a seeded, valid data package (SPEC part 1) of N claims, for the benchmarks.

The shapes follow a real corpus, scaled up:

* about N/10 entities of every type, most of them people, platforms,
  companies and places, few laws and requirements; names with accents and
  apostrophes, some aliases (``|``-separated), roles, countries and an
  extra column (``wikidata``) that the loader must keep;
* a predicate vocabulary with type rules (the bundled one plus
  ``complies_with`` and a wildcard ``mentions``), each claim's subject and
  object drawn from the types its predicate allows;
* about N/100 sources, each with a text in ``sources/<source_id>.txt`` that
  contains the quotes of its claims: a tenth of the sentences decomposed
  (NFD), curly apostrophes and quotes where the claim has straight ones, some
  quotes broken across lines and some shared by two claims, so the quote
  check has its real work to do;
* statuses of both polarities, ``requirement`` set on the claims that bear on
  one, dates of mixed precision (day, month, year, none) with the source's
  own words for some, and a few multi-line notes;
* a ``datapackage.json``: the Frictionless descriptor that ``analysis export``
  writes (:func:`analysis.export.descriptor`), less its ``compliance``
  resource, which is derived, not part of the package.

Who speaks and who is spoken about is skewed (a few entities are in many
claims), as in news.

Run ``python benchmarks/generate.py N OUT [--seed S]``; or call
:func:`generate`. The same N and seed give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
import types
import unicodedata
from pathlib import Path

import numpy as np

from analysis.vocabulary import TABLES

__all__ = ["generate", "ENTITY_TYPE_SHARES", "PREDICATES"]

#: Share of each entity type among the entities.
ENTITY_TYPE_SHARES = {
    "platform": 0.08,
    "company": 0.10,
    "person": 0.33,
    "unnamed_source": 0.07,
    "government_body": 0.08,
    "law": 0.005,
    "requirement": 0.005,
    "place": 0.14,
    "media": 0.05,
    "programme": 0.05,
    "event": 0.08,
    "group": 0.01,
}

#: (predicate, label, subject types, object types, weight among claims)
PREDICATES = (
    ("complies_with", "complies with", "platform|company|group", "requirement", 16),
    ("open_office_in", "opens office in", "platform|company|group", "place", 12),
    ("registered_with", "registered with", "platform|company", "government_body", 8),
    ("registered_in", "registered in", "platform|company", "place", 6),
    ("store_data_in", "stores data in", "platform|company", "place", 6),
    ("visit", "visits", "platform|company|person", "place", 6),
    ("mentions", "mentions", "*", "*", 5),
    ("launch", "launches", "person", "programme", 4),
    ("undergo", "undergoes", "platform|company", "event", 4),
    ("make_headway_in", "makes headway in", "platform|company", "event", 4),
    ("travel_from", "travels from", "platform|company|person", "place", 3),
    ("part_of", "part of", "government_body|place", "government_body|company", 3),
    ("located_in", "located in", "place", "place", 3),
    ("targets", "targets", "programme", "place", 3),
    ("benefits", "benefits", "programme", "place", 3),
    ("requires", "requires", "law", "requirement", 3),
    ("owns", "owns", "company", "platform", 2),
    ("precedes", "precedes", "requirement", "requirement", 1),
)

#: Who asserts claims: share of each type among the ``said_by`` values.
SPEAKER_SHARES = {
    "person": 0.40,
    "unnamed_source": 0.18,
    "media": 0.22,
    "government_body": 0.12,
    "company": 0.04,
    "platform": 0.04,
}

STATUSES = ("done", "agreed", "planned", "expected", "reluctant", "declined", "not_done")
STATUS_SHARES = (0.30, 0.15, 0.15, 0.12, 0.10, 0.10, 0.08)
STATUS_PHRASE = {
    "done": "{s} {p} {o}",
    "agreed": "{s} has agreed that it {p} {o}",
    "planned": "{s} is set to say it {p} {o}",
    "expected": "{s} is expected to be one that {p} {o}",
    "reluctant": "{s} is reluctant to be seen as one that {p} {o}",
    "declined": "{s} declined to confirm it {p} {o}",
    "not_done": "{s} has not yet been one that {p} {o}",
}

_SYLLABLES = (
    "ka ri mo na lu ve to sa de ni ba ro el an is or um ta po zé ñu ga fi "
    "ly mar ten vol sim dar kes lum orb nim ard vel"
).split()
_PREFIX = {
    "platform": "",
    "company": "",
    "person": "",
    "unnamed_source": "",
    "government_body": "Ministry of ",
    "law": "Act on ",
    "requirement": "Duty: ",
    "place": "",
    "media": "The ",
    "programme": "Programme ",
    "event": "Talks on ",
    "group": "the platforms of ",
}
_SUFFIX = {
    "platform": "",
    "company": " Holdings",
    "person": "",
    "unnamed_source": "",
    "government_body": "",
    "law": "",
    "requirement": "",
    "place": "",
    "media": " Daily",
    "programme": "",
    "event": "",
    "group": "",
}
_UNNAMED = ("industry sources", "a senior executive", "officials familiar with the matter", "a spokesperson")
_ROLES = ("IT and Telecom Minister", "Chief Executive", "Spokesperson", "Chair, Standing Committee", "Adviser")
_COUNTRIES = ("PK", "US", "GB", "IN", "AE", "SG", "IE", "XA")
_PUBLISHERS = ("Dawn", "The Express Tribune", "Business Recorder", "The News", "Reuters", "Ardenia Post")
_KINDS = ("news", "law", "statement", "report", "other")
_KIND_SHARES = (0.70, 0.05, 0.10, 0.10, 0.05)
_WHEN = ("on Friday", "last week", "early next week", "in near future", "by the end of the year", "on Monday")
_FILLER = (
    "The report could not be independently verified.",
    "Officials declined to give a timeline, saying the matter was \u201cunder discussion\u201d.",
    "Analysts said the rules would apply to every large platform, whatever its size.",
    "The talks, which began last year, have been postponed twice.",
)
_DAYS_IN_MONTH = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _shares(rng, n, shares):
    """`n` labels drawn with the given shares, as an index array."""
    p = np.asarray(list(shares), dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def _skewed(rng, n, size):
    """`n` indices into a pool of `size`, a few popular and a long tail."""
    return np.minimum((size * rng.random(n) ** 2.5).astype(np.int64), size - 1)


def _dates(rng, n, empty_share, start=2015, end=2025):
    """ISO dates of mixed precision: day 60 %, month 25 %, year 15 %, some empty."""
    year = rng.integers(start, end, n)
    month = rng.integers(1, 13, n)
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    last = _DAYS_IN_MONTH[month - 1] + ((month == 2) & leap)
    day = (rng.random(n) * last).astype(np.int64) + 1
    precision = rng.choice(3, size=n, p=[0.60, 0.25, 0.15])
    empty = rng.random(n) < empty_share
    out = []
    for y, m, d, p, e in zip(year.tolist(), month.tolist(), day.tolist(), precision.tolist(), empty.tolist()):
        if e:
            out.append("")
        elif p == 0:
            out.append(f"{y:04d}-{m:02d}-{d:02d}")
        elif p == 1:
            out.append(f"{y:04d}-{m:02d}")
        else:
            out.append(f"{y:04d}")
    return out


def _names(rng, n):
    """`n` made-up proper names of two or three syllables, some with an apostrophe."""
    syl = np.array(_SYLLABLES)
    parts = syl[rng.integers(0, len(syl), (n, 3))]
    three = rng.random(n) < 0.4
    apostrophe = rng.random(n) < 0.05
    names = []
    for (a, b, c), t, ap in zip(parts.tolist(), three.tolist(), apostrophe.tolist()):
        word = a + b + (c if t else "")
        names.append(("O'" if ap else "") + word.capitalize())
    return names


def _write_csv(path: Path, header, columns) -> None:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(zip(*columns))


def generate(n_claims: int, out, seed: int = 0) -> Path:
    """Write a valid data package of `n_claims` claims into `out`; return the folder.

    Parameters
    ----------
    n_claims : int
        Number of claims (at least 1).
    out : path
        The folder to write (created; files of the same names are replaced).
    seed : int
        Seed of every random choice: the same arguments give the same bytes.
    """
    rng = np.random.default_rng(seed)
    out = Path(out)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    n = int(n_claims)

    # --- entities: about n/10, every type present ---------------------------------
    n_entities = max(len(ENTITY_TYPE_SHARES) * 2, n // 10)
    type_names = list(ENTITY_TYPE_SHARES)
    counts = np.maximum(2, np.round(np.array(list(ENTITY_TYPE_SHARES.values())) * n_entities).astype(int))
    etype = np.repeat(np.arange(len(type_names)), counts)
    etype = etype[rng.permutation(len(etype))]
    n_entities = len(etype)
    base = _names(rng, n_entities)
    entity_ids, entity_names, entity_types = [], [], []
    aliases, roles, countries, descriptions, wikidata = [], [], [], [], []
    alias_draw = rng.random(n_entities)
    role_draw = rng.integers(0, len(_ROLES), n_entities)
    country_draw = rng.integers(0, len(_COUNTRIES) * 3, n_entities)
    description_draw = rng.random(n_entities)
    wikidata_draw = rng.integers(1, 10**8, n_entities)
    for i, (t, name) in enumerate(zip(etype.tolist(), base)):
        kind = type_names[t]
        if kind == "unnamed_source":
            display = f"{_UNNAMED[i % len(_UNNAMED)]} ({name})"
        else:
            display = _PREFIX[kind] + name + _SUFFIX[kind]
        slug = name.lower().replace("'", "").replace("é", "e").replace("ñ", "n")
        entity_ids.append(f"{slug}-{kind.replace('_', '-')}-{i}")
        entity_names.append(display)
        entity_types.append(kind)
        a = alias_draw[i]
        aliases.append(f"{name} app|{name.upper()}" if a < 0.1 else (name if a < 0.2 else ""))
        roles.append(_ROLES[role_draw[i]] if kind == "person" and a < 0.6 else "")
        c = country_draw[i]
        countries.append(_COUNTRIES[c] if c < len(_COUNTRIES) else "")
        d = description_draw[i]
        descriptions.append(
            f"{display}, as the sources describe it" if d < 0.3 else ("" if d < 0.8 else f'Known as "{name}"')
        )
        wikidata.append(f"Q{wikidata_draw[i]}" if d > 0.6 else "")
    entity_ids_arr = np.array(entity_ids, dtype=object)
    pools = {kind: np.flatnonzero(etype == t) for t, kind in enumerate(type_names)}
    _write_csv(
        out / "entities.csv",
        [*TABLES["entities"].columns, "wikidata"],
        [entity_ids, entity_names, entity_types, aliases, roles, countries, descriptions, wikidata],
    )

    # --- predicates -------------------------------------------------------------------
    _write_csv(
        out / "predicates.csv",
        list(TABLES["predicates"].columns),
        [
            [p[0] for p in PREDICATES],
            [p[1] for p in PREDICATES],
            [p[2] for p in PREDICATES],
            [p[3] for p in PREDICATES],
            [f"Synthetic predicate {p[0]}, for benchmarks" for p in PREDICATES],
        ],
    )

    # --- sources ------------------------------------------------------------------------
    n_sources = max(1, n // 100)
    source_ids = [f"src-{i:07d}" for i in range(n_sources)]
    publishers = [_PUBLISHERS[k] for k in rng.integers(0, len(_PUBLISHERS), n_sources).tolist()]
    published = _dates(rng, n_sources, empty_share=0.0)
    kinds = [_KINDS[k] for k in _shares(rng, n_sources, _KIND_SHARES).tolist()]
    titles = [f'{p} report {i}: "platforms, rules and offices"' for i, p in enumerate(publishers)]
    _write_csv(
        out / "sources.csv",
        list(TABLES["sources"].columns),
        [
            source_ids,
            titles,
            publishers,
            published,
            kinds,
            [f"https://example.org/{s}" for s in source_ids],
            ["stored" if i % 2 else "" for i in range(n_sources)],
            ["" if i % 3 else "Staff reporter" for i in range(n_sources)],
            ["" if i % 7 else "Page furniture removed, the rest byte-for-byte" for i in range(n_sources)],
        ],
    )

    # --- claims -------------------------------------------------------------------------
    weights = np.array([p[4] for p in PREDICATES], dtype=float)
    pred = rng.choice(len(PREDICATES), size=n, p=weights / weights.sum())
    subject = np.empty(n, dtype=np.int64)
    obj = np.empty(n, dtype=np.int64)
    for k, (_, _, subject_types, object_types, _) in enumerate(PREDICATES):
        rows = np.flatnonzero(pred == k)
        for end, allowed in ((subject, subject_types), (obj, object_types)):
            kinds_allowed = type_names if allowed == "*" else allowed.split("|")
            pool = np.concatenate([pools[t] for t in kinds_allowed])
            end[rows] = pool[_skewed(rng, len(rows), len(pool))]
        if object_types == subject_types:  # avoid most self-loops, keep a few
            same = rows[subject[rows] == obj[rows]]
            obj[same] = pool[rng.integers(0, len(pool), len(same))]
    speaker_kind = _shares(rng, n, SPEAKER_SHARES.values())
    said_by = np.empty(n, dtype=np.int64)
    for k, kind in enumerate(SPEAKER_SHARES):
        rows = np.flatnonzero(speaker_kind == k)
        said_by[rows] = pools[kind][_skewed(rng, len(rows), len(pools[kind]))]
    status = _shares(rng, n, STATUS_SHARES)
    is_owns = pred == [p[0] for p in PREDICATES].index("owns")
    status[is_owns & (rng.random(n) < 0.9)] = 0  # ownership is mostly reported as done

    # requirement: the object of complies_with; sometimes set on other claims
    # about a platform or company
    requirement = np.full(n, -1, dtype=np.int64)
    complies = pred == 0
    requirement[complies] = obj[complies]
    compliant_type = np.isin(etype[subject], [type_names.index("platform"), type_names.index("company")])
    extra = compliant_type & ~complies & (rng.random(n) < 0.25)
    requirement[extra] = pools["requirement"][rng.integers(0, len(pools["requirement"]), int(extra.sum()))]

    source = np.sort(rng.integers(0, n_sources, n))  # claims come source by source, as curated
    dates = _dates(rng, n, empty_share=0.4)
    when_draw = rng.integers(0, len(_WHEN) * 3, n)
    shared_draw = rng.random(n) < 0.1
    variant = rng.random(n)
    note_draw = rng.random(n)

    pred_names = [p[0] for p in PREDICATES]
    pred_labels = [p[1] for p in PREDICATES]
    names_arr = entity_names
    claim_ids, quotes, date_texts, notes = [], [], [], []
    sentences = [[] for _ in range(n_sources)]
    previous_source, previous_quote = -1, None
    for i, (s, p, o, st, by, src, when, shared, v, nd, date) in enumerate(
        zip(
            subject.tolist(),
            pred.tolist(),
            obj.tolist(),
            status.tolist(),
            said_by.tolist(),
            source.tolist(),
            when_draw.tolist(),
            shared_draw.tolist(),
            variant.tolist(),
            note_draw.tolist(),
            dates,
        )
    ):
        status_name = STATUSES[st]
        claim_ids.append(f"{entity_ids[s].rsplit('-', 1)[0]}-{pred_names[p]}-{status_name}-{i}")
        date_texts.append(_WHEN[when] if date and when < len(_WHEN) else "")
        notes.append("" if nd > 0.02 else "Curator: the time frame is the reporter's,\nnot the speaker's.")
        if shared and src == previous_source:
            quotes.append(previous_quote)  # one sentence supports two claims
            continue
        quote = STATUS_PHRASE[status_name].format(s=names_arr[s], p=pred_labels[p], o=names_arr[o])
        quotes.append(quote)
        previous_source, previous_quote = src, quote
        # the text as the outlet printed it, differing only in what the check forgives
        printed = quote.replace("'", "\u2019") if v < 0.5 else quote
        if v < 0.15:
            cut = printed.find(" ", 20)
            if cut > 0:
                printed = printed[:cut] + "\n" + printed[cut + 1 :]
        elif v > 0.9:
            printed = unicodedata.normalize("NFD", printed)
        speaker = names_arr[by]
        sentences[src].append(f"{speaker} said {_WHEN[when % len(_WHEN)]} that {printed}.")
        if v > 0.8:
            sentences[src].append(_FILLER[i % len(_FILLER)])

    _write_csv(
        out / "claims.csv",
        list(TABLES["claims"].columns),
        [
            claim_ids,
            entity_ids_arr[subject].tolist(),
            [pred_names[p] for p in pred.tolist()],
            entity_ids_arr[obj].tolist(),
            [STATUSES[k] for k in status.tolist()],
            entity_ids_arr[said_by].tolist(),
            [source_ids[k] for k in source.tolist()],
            quotes,
            [""] * len(claim_ids),  # paraphrase: every source is stored
            ["inferred" if note else "" for note in notes[: len(claim_ids)]],
            [entity_ids[k] if k >= 0 else "" for k in requirement.tolist()],
            dates,
            [""] * len(claim_ids),  # said_on: the source's published date
            date_texts,
            notes,
        ],
    )

    # --- texts: a headline, a dateline, paragraphs of a few sentences --------------------
    for k, source_id in enumerate(source_ids):
        body = sentences[k]
        paragraphs = [" ".join(body[j : j + 4]) for j in range(0, len(body), 4)]
        text = f"{titles[k]}\n\nBy {publishers[k]} staff\n\n" + "\n\n".join(paragraphs) + "\n"
        (out / "sources" / f"{source_id}.txt").write_text(text, encoding="utf-8")

    _write_descriptor(out)
    return out


def _write_descriptor(out: Path) -> None:
    """datapackage.json as ``analysis export`` writes it, less the derived compliance table."""
    import pandas as pd

    from analysis.export import descriptor

    frames = {}
    for name in ("sources", "entities", "predicates", "claims"):
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as stream:
            header = next(csv.reader(stream))
        frames[name] = pd.DataFrame(columns=header)
    package = descriptor(types.SimpleNamespace(path=out, **frames))
    package["resources"] = [r for r in package["resources"] if r["name"] != "compliance"]
    text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    (out / "datapackage.json").write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=int, help="number of claims")
    parser.add_argument("out", type=Path, help="folder to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.claims < 1:
        parser.error("the number of claims must be at least 1")
    start = time.perf_counter()
    generate(args.claims, args.out, seed=args.seed)
    print(f"wrote {args.out} ({args.claims} claims) in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
